//! Arranging the posts of an account export into documents. An export holds one owner's
//! posts, so a post answering another post of the same export is a self-reply: chains of
//! them are threads (a chain that branches gives one thread per branch, sharing their
//! opening), in time order. Every other post (a reply to someone else, a repost, a post on
//! its own) is a document of one post.

use crate::corpus::{Author, Document, Kind, Post, Source, Thread, numbering};
use std::collections::HashMap;

/// One post of an export, with its place in a conversation.
#[derive(Debug)]
pub struct Entry {
    /// The post's id in the export (unique in it).
    pub id: String,
    /// The post it answers, if any.
    pub reply_to: Option<String>,
    /// Whom it answers, as a handle: kept for a reply to a post that is not in the export
    /// (a reply to someone else).
    pub reply_to_whom: Option<String>,
    /// Whose post this reposts, as a handle.
    pub repost_of: Option<String>,
    /// When it was posted, as text that sorts in time order (`2022-05-23T08:00:00`).
    pub time: String,
    /// When it was posted, as shown.
    pub date: Option<String>,
    /// The post, its text and entities filled in; the numbering is given here.
    pub post: Post,
    /// Its id as part of a document id (the id itself, or the short end of a URL).
    pub short_id: String,
}

/// The documents of an export's posts: threads and single posts, in the order they began.
/// Every post ends up in a document: a post answering itself, or posts answering each other
/// in a circle (which no real export holds, but a damaged or forged one may), are cut loose
/// where the circle is entered, with a warning.
pub fn documents(mut entries: Vec<Entry>, owner: Option<Author>, source: &Source) -> Vec<Document> {
    entries.sort_by(|a, b| {
        a.time
            .cmp(&b.time)
            .then_with(|| a.short_id.cmp(&b.short_id))
    });
    let mut parent = answered_in_export(&mut entries);
    let mut cut = vec![false; entries.len()];
    cut_circles(&mut parent)
        .into_iter()
        .for_each(|i| cut[i] = true);
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    for (child, parent) in parent.iter().enumerate() {
        if let Some(p) = parent {
            children[*p].push(child);
        }
    }
    // Posts move into the threads; only a post that later branches repeat is copied.
    let mut posts: Vec<Option<Post>> = (entries.iter_mut())
        .map(|e| {
            Some(std::mem::replace(
                &mut e.post,
                Post::new(String::new(), None, false),
            ))
        })
        .collect();
    let roots = (0..entries.len()).filter(|&i| parent[i].is_none());
    roots
        .map(|root| {
            let mut document = match children[root].is_empty() {
                true => single(&entries[root], take(&mut posts, root), &owner, source),
                false => {
                    let branches = branches(root, &children);
                    thread(&entries, &mut posts, &branches, &owner, source)
                }
            };
            if cut[root] {
                document.warnings.push(format!(
                    "post {} answers itself, or a post that leads back to it: the circle of \
                     replies is cut here",
                    entries[root].id
                ));
            }
            document
        })
        .collect()
}

/// For each entry, the place of the entry it answers, if the export holds that one. A post
/// answering one of the export's own answers its owner, not someone else: its
/// `reply_to_whom` is cleared.
fn answered_in_export(entries: &mut [Entry]) -> Vec<Option<usize>> {
    let place: HashMap<&str, usize> = (entries.iter().enumerate())
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let answered: Vec<Option<usize>> = (entries.iter())
        .map(|e| e.reply_to.as_deref().and_then(|id| place.get(id).copied()))
        .collect();
    drop(place);
    for (entry, answered) in entries.iter_mut().zip(&answered) {
        if answered.is_some() {
            entry.reply_to_whom = None;
        }
    }
    answered
}

/// The post at `i`, moved out: each post is put in a document once.
fn take(posts: &mut [Option<Post>], i: usize) -> Post {
    posts[i].take().expect("each post is taken once")
}

/// Cuts every circle of replies (posts that, following what each answers, come back to
/// themselves) at its earliest post, which then answers nothing; returns the posts cut.
fn cut_circles(parent: &mut [Option<usize>]) -> Vec<usize> {
    // Each post is walked up once: 0 not seen, 1 on the walk now, 2 done (leads to a root).
    let mut state = vec![0u8; parent.len()];
    let mut cut = Vec::new();
    for start in 0..parent.len() {
        let mut walk = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at.filter(|&i| state[i] == 0) {
            state[i] = 1;
            walk.push(i);
            at = parent[i];
        }
        if let Some(i) = at.filter(|&i| state[i] == 1) {
            // Back on this walk: the circle is the walk from i on; posts are in time order.
            let circle = &walk[walk.iter().position(|&w| w == i).expect("on the walk")..];
            let earliest = *circle.iter().min().expect("a circle is never empty");
            parent[earliest] = None;
            cut.push(earliest);
        }
        walk.iter().for_each(|&i| state[i] = 2);
    }
    cut
}

/// One path from a chain's first post to a post nobody replied to, as its thread shows it:
/// the path's posts from `from` on (those before are shared with an earlier path, and left
/// out when repeating them would cost too much), of `length` in all.
#[derive(Debug, PartialEq, Eq)]
pub struct Branch {
    pub posts: Vec<usize>,
    pub from: usize,
    pub length: usize,
}

/// How many posts the threads of one chain may hold, for each post it has: a chain that
/// branches repeats the shared opening in each branch's thread, and a chain shaped like a
/// comb (each post of a long chain answered twice) would otherwise repeat it quadratically.
const COPIES_PER_POST: usize = 4;
/// Posts the threads of a chain may hold whatever its size.
const COPIES_AT_LEAST: usize = 256;

/// Every path from `root` to a post nobody replied to, earliest branch first. A path repeats
/// the opening it shares with earlier ones while the chain's threads hold at most
/// [`COPIES_PER_POST`] times its posts; past that, a path starts where it forks.
pub fn branches(root: usize, children: &[Vec<usize>]) -> Vec<Branch> {
    let mut done = Vec::new();
    let (mut path, mut open) = (Vec::new(), vec![(root, 0)]);
    // Posts put in threads so far, against the budget; where the unshown part of `path` begins.
    let (mut copies, mut unshown_from, mut posts) = (0, 0, 0);
    let mut budget = COPIES_AT_LEAST;
    while let Some((post, depth)) = open.pop() {
        path.truncate(depth);
        path.push(post);
        posts += 1;
        budget = budget.max(COPIES_PER_POST * posts);
        unshown_from = unshown_from.min(depth);
        // Pushed latest first, so the earliest reply's branch comes out first.
        open.extend(children[post].iter().rev().map(|&c| (c, depth + 1)));
        if !children[post].is_empty() {
            continue;
        }
        let from = match copies + path.len() <= budget {
            true => 0,
            false => unshown_from,
        };
        copies += path.len() - from;
        done.push(Branch {
            posts: path[from..].to_vec(),
            from,
            length: path.len(),
        });
        unshown_from = path.len();
    }
    done
}

fn thread(
    entries: &[Entry],
    posts: &mut [Option<Post>],
    branches: &[Branch],
    owner: &Option<Author>,
    source: &Source,
) -> Document {
    // How many of the branches' threads each post is in: the last takes it, the others copy.
    let mut uses: HashMap<usize, usize> = HashMap::new();
    for &i in branches.iter().flat_map(|b| &b.posts) {
        *uses.entry(i).or_default() += 1;
    }
    let mut put = |i: usize| {
        let left = uses.get_mut(&i).expect("counted");
        *left -= 1;
        match *left {
            0 => take(posts, i),
            _ => posts[i].clone().expect("not yet taken"),
        }
    };
    let threads = (branches.iter())
        .map(|branch| {
            let total = branch.length as u32;
            let posts = (branch.posts.iter().zip(branch.from as u32 + 1..))
                .map(|(&i, number)| numbered(put(i), number, total))
                .collect();
            let mut thread = Thread::new(posts, None);
            thread.author = owner.clone();
            if branch.from > 0 {
                thread.title = Some(format!("Branch after post {}", branch.from));
            }
            thread
        })
        .collect();
    let mut document = document(
        &entries[branches[0].posts[0]],
        Kind::Unroll,
        None,
        owner,
        threads,
        source,
    );
    let cut = branches.iter().filter(|b| b.from > 0).count();
    if cut > 0 {
        document.warnings.push(format!(
            "{cut} of {} branches start where they fork: their shared opening is not repeated",
            branches.len()
        ));
    }
    document
}

fn single(entry: &Entry, post: Post, owner: &Option<Author>, source: &Source) -> Document {
    let (kind, title) = match (&entry.repost_of, &entry.reply_to_whom) {
        (Some(whom), _) => (Kind::Repost, Some(format!("Repost of @{whom}"))),
        (None, Some(whom)) => (Kind::Reply, Some(format!("Reply to @{whom}"))),
        (None, None) => (Kind::Post, None),
    };
    let mut thread = Thread::new(vec![post], None);
    thread.author = owner.clone();
    document(entry, kind, title, owner, vec![thread], source)
}

/// The `number`th post of `total`, labelled with any marker its author wrote.
pub fn numbered(mut post: Post, number: u32, total: u32) -> Post {
    let marker = (post.text.lines().last())
        .and_then(numbering::trailing)
        .or_else(|| {
            let first = post.text.lines().next()?;
            let after = super::super::segment::without_reply_handles(first);
            match after.len() < first.trim_start().len() {
                true => numbering::opening_number(after),
                false => numbering::leading(first),
            }
        });
    post.label = marker.map(|m| m.label.into());
    (post.number, post.total) = (Some(number), Some(total));
    post
}

fn document(
    first: &Entry,
    kind: Kind,
    title: Option<String>,
    owner: &Option<Author>,
    mut threads: Vec<Thread>,
    source: &Source,
) -> Document {
    crate::corpus::number(&mut threads);
    Document {
        id: format!("{}-{}", source.id, first.short_id),
        path: source.path.clone(),
        kind,
        title,
        author: owner.clone(),
        date: first.date.clone(),
        source: None,
        threads,
        warnings: Vec::new(),
        resolved: false,
        read_from: None,
    }
}

/// An ActivityPub or AT Protocol time ("2022-05-23T08:00:00Z", "…T08:00:00.000Z") as
/// "2022-05-23 08:00"; anything else as written. Made safe to show either way.
pub fn iso_date(time: &str) -> Option<String> {
    if time.is_empty() {
        return None;
    }
    let shown = match (time.get(..10), time.get(11..16)) {
        (Some(day), Some(clock)) if time.as_bytes()[10] == b'T' => format!("{day} {clock}"),
        _ => time.to_string(),
    };
    Some(crate::corpus::sanitise::sanitise(&shown))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chains_post_keeps_the_number_its_author_wrote_after_a_reply_handle() {
        for (text, label) in [
            (
                "@lena 2/3 Pin shows up when you store futures.",
                Some("2/3"),
            ),
            ("@lena @bo 2/ Both of you asked.", Some("2/")),
            ("Spawn tasks, share state. 3/3", Some("3/3")),
            ("@lena thanks, 2 more to come", None),
            ("@BBCNews 2/3 of renters say so", None),
        ] {
            let post = numbered(Post::new(text.to_string(), None, false), 2, 3);
            assert_eq!(post.label.as_deref(), label, "{text}");
            assert_eq!((post.number, post.total), (Some(2), Some(3)));
        }
    }

    #[test]
    fn times_show_to_the_minute_and_never_a_control() {
        assert_eq!(
            iso_date("2024-01-01T10:00:00.000Z").as_deref(),
            Some("2024-01-01 10:00")
        );
        assert_eq!(
            // The escape (and what it escapes) goes; the time keeps its place.
            iso_date("2024-01-\u{1b}1T10:00").as_deref(),
            Some("2024-01- 10:00")
        );
        assert_eq!(iso_date(""), None);
    }

    fn paths(branches: Vec<Branch>) -> Vec<Vec<usize>> {
        branches.into_iter().map(|b| b.posts).collect()
    }

    #[test]
    fn a_branching_chain_gives_a_path_per_branch_earliest_first() {
        // 0 → 1 → (2, 3 → 4)
        let children = vec![vec![1], vec![2, 3], vec![], vec![4], vec![]];
        assert_eq!(
            paths(branches(0, &children)),
            [vec![0, 1, 2], vec![0, 1, 3, 4]]
        );
        assert_eq!(paths(branches(2, &children)), [vec![2]]);
    }

    /// A chain of `n` posts, each also answered by a leaf: 2n posts, n + 1 branches.
    fn comb(n: usize) -> Vec<Vec<usize>> {
        let mut children = vec![Vec::new(); 2 * n];
        for (i, answers) in children.iter_mut().enumerate().take(n) {
            if i + 1 < n {
                answers.push(i + 1);
            }
            answers.push(n + i);
        }
        children
    }

    #[test]
    fn a_comb_shaped_chain_repeats_openings_only_within_its_budget() {
        for n in [10, 1_000, 4_000] {
            let children = comb(n);
            let found = branches(0, &children);
            let copies: usize = found.iter().map(|b| b.posts.len()).sum();
            assert!(
                copies <= COPIES_AT_LEAST.max(COPIES_PER_POST * 2 * n),
                "{n}: {copies}"
            );
            // Every post is in some branch's thread, and no branch is empty.
            let mut seen = vec![false; 2 * n];
            for branch in &found {
                assert_eq!(branch.from + branch.posts.len(), branch.length);
                assert!(!branch.posts.is_empty());
                branch.posts.iter().for_each(|&i| seen[i] = true);
            }
            assert!(seen.iter().all(|&s| s), "{n}");
        }
        // A small comb is within budget: every branch whole.
        assert!(branches(0, &comb(10)).iter().all(|b| b.from == 0));
    }

    #[test]
    fn circles_are_cut_at_their_earliest_post() {
        // 0 ↔ 1, 2 → 3 → 4 → 2, 5 → 0.
        let mut parent = vec![Some(1), Some(0), Some(4), Some(2), Some(3), Some(0)];
        assert_eq!(cut_circles(&mut parent), [0, 2]);
        assert_eq!(parent, [None, Some(0), None, Some(2), Some(3), Some(0)]);
        let mut tree = vec![None, Some(0), Some(1)];
        assert!(cut_circles(&mut tree).is_empty());
        let mut itself = vec![None, Some(1)];
        assert_eq!(cut_circles(&mut itself), [1]);
        assert_eq!(itself, [None, None]);
    }
}
