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
    /// Whom it answers, as a handle, for a reply that is not in the export.
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
pub fn documents(mut entries: Vec<Entry>, owner: Option<Author>, source: &Source) -> Vec<Document> {
    entries.sort_by(|a, b| {
        a.time
            .cmp(&b.time)
            .then_with(|| a.short_id.cmp(&b.short_id))
    });
    let place: HashMap<&str, usize> = (entries.iter().enumerate())
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let parent: Vec<Option<usize>> = (entries.iter())
        .map(|e| e.reply_to.as_deref().and_then(|id| place.get(id).copied()))
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    for (child, parent) in parent.iter().enumerate() {
        if let Some(p) = parent {
            children[*p].push(child);
        }
    }
    let roots: Vec<usize> = (0..entries.len())
        .filter(|&i| parent[i].is_none())
        .collect();
    roots
        .into_iter()
        .map(|root| {
            let branches = branches(root, &children);
            match branches[0].len() {
                1 => single(&entries[root], &owner, source),
                _ => thread(&entries, &branches, &owner, source),
            }
        })
        .collect()
}

/// Every path from `root` to a post nobody replied to, earliest branch first.
pub fn branches(root: usize, children: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut done = Vec::new();
    let mut open = vec![vec![root]];
    while let Some(path) = open.pop() {
        let last = *path.last().expect("a path is never empty");
        match children[last].as_slice() {
            [] => done.push(path),
            next => {
                // Pushed latest first, so the earliest reply's branch comes out first.
                for &child in next.iter().rev() {
                    let mut longer = path.clone();
                    longer.push(child);
                    open.push(longer);
                }
            }
        }
    }
    done
}

fn thread(
    entries: &[Entry],
    branches: &[Vec<usize>],
    owner: &Option<Author>,
    source: &Source,
) -> Document {
    let threads = (branches.iter())
        .map(|branch| {
            let total = branch.len() as u32;
            let posts = (branch.iter().zip(1..))
                .map(|(&i, number)| numbered(entries[i].post.clone(), number, total))
                .collect();
            let mut thread = Thread::new(posts, None);
            thread.author = owner.clone();
            thread
        })
        .collect();
    document(
        &entries[branches[0][0]],
        Kind::Unroll,
        None,
        owner,
        threads,
        source,
    )
}

fn single(entry: &Entry, owner: &Option<Author>, source: &Source) -> Document {
    let (kind, title) = match (&entry.repost_of, &entry.reply_to_whom) {
        (Some(whom), _) => (Kind::Repost, Some(format!("Repost of @{whom}"))),
        (None, Some(whom)) => (Kind::Reply, Some(format!("Reply to @{whom}"))),
        (None, None) => (Kind::Post, None),
    };
    let mut thread = Thread::new(vec![entry.post.clone()], None);
    thread.author = owner.clone();
    document(entry, kind, title, owner, vec![thread], source)
}

/// The `number`th post of `total`, labelled with any marker its author wrote.
pub fn numbered(mut post: Post, number: u32, total: u32) -> Post {
    let marker = (post.text.lines().last())
        .and_then(numbering::trailing)
        .or_else(|| post.text.lines().next().and_then(numbering::leading));
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

    #[test]
    fn a_branching_chain_gives_a_path_per_branch_earliest_first() {
        // 0 → 1 → (2, 3 → 4)
        let children = vec![vec![1], vec![2, 3], vec![], vec![4], vec![]];
        assert_eq!(branches(0, &children), [vec![0, 1, 2], vec![0, 1, 3, 4]]);
        assert_eq!(branches(2, &children), [vec![2]]);
    }
}
