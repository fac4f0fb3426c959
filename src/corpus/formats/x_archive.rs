//! X (Twitter) account archives: `data/tweets.js` (`tweets-part1.js`, …; older archives
//! `tweet.js`), a JavaScript assignment `window.YTD.tweets.part0 = [ … ]` wrapping JSON.
//! The prefix is cut off, never evaluated.
//!
//! The archive holds only its owner's posts, so a post replying to another post of the same
//! file is a self-reply: chains of them are threads (a chain that branches gives one thread
//! per branch, sharing their opening), ordered by time. Every other post (a reply to someone
//! else, a repost, a post on its own) is a document of one post.

use super::Parsed;
use crate::corpus::sanitise::sanitise;
use crate::corpus::{Author, Document, Kind, Post, Source, Thread, numbering};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;

/// The name of the archive's part (`tweets`, `tweet`, `account`, `like`…) and its JSON,
/// when `text` is a file of an X archive.
pub fn split(text: &str) -> Option<(&str, &str)> {
    let rest = text.trim_start().strip_prefix("window.YTD.")?;
    let (name, rest) = rest.split_once('.')?;
    let (_, json) = rest.split_once('=')?;
    let plain = |c: char| c.is_ascii_alphanumeric() || c == '_';
    (!name.is_empty() && name.chars().all(plain)).then_some((name, json))
}

/// The files of an unpacked archive that hold its posts, when `dir` is one (it has a
/// `manifest.js`, or a `data` folder with one): `tweets.js`, `tweets-part1.js`, …, or the
/// older `tweet.js`. Its pictures, pages and other parts are not documents.
pub fn post_files(dir: &std::path::Path) -> Option<Vec<std::path::PathBuf>> {
    let data = [dir.to_path_buf(), dir.join("data")]
        .into_iter()
        .find(|d| d.join("manifest.js").is_file())?;
    let is_posts = |name: &str| {
        let stem = name.strip_suffix(".js").unwrap_or("");
        let part = |s: &str| {
            s.strip_prefix("-part")
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty())
        };
        let rest = stem
            .strip_prefix("tweets")
            .or_else(|| stem.strip_prefix("tweet"));
        rest.is_some_and(|r| r.is_empty() || part(r))
    };
    let mut files: Vec<_> = std::fs::read_dir(&data)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(is_posts))
        .collect();
    files.sort();
    Some(files)
}

/// Whether the part `name` holds posts; the others (likes, followers, the account…) hold
/// no documents.
pub fn holds_posts(name: &str) -> bool {
    matches!(name, "tweets" | "tweet")
}

/// One post as the archive writes it: every number is a string.
#[derive(Debug, Deserialize)]
struct Tweet {
    id_str: String,
    #[serde(alias = "text")]
    full_text: String,
    #[serde(default)]
    created_at: String,
    in_reply_to_status_id_str: Option<String>,
    in_reply_to_screen_name: Option<String>,
    #[serde(default)]
    entities: Entities,
    #[serde(default)]
    extended_entities: Entities,
}

#[derive(Debug, Default, Deserialize)]
struct Entities {
    #[serde(default)]
    hashtags: Vec<Tag>,
    #[serde(default)]
    user_mentions: Vec<Mention>,
    #[serde(default)]
    urls: Vec<Link>,
    #[serde(default)]
    media: Vec<Link>,
}

#[derive(Debug, Deserialize)]
struct Tag {
    text: String,
}

#[derive(Debug, Deserialize)]
struct Mention {
    screen_name: String,
}

#[derive(Debug, Deserialize)]
struct Link {
    url: String,
    expanded_url: Option<String>,
}

/// The documents of one file of posts.
pub fn read(json: &str, source: &Source) -> Parsed {
    let items: Vec<Value> = match serde_json::from_str(json) {
        Ok(items) => items,
        Err(e) => return Parsed::problem(format!("not a valid X archive: {e}")),
    };
    let mut parsed = Parsed::default();
    let mut tweets = Vec::new();
    for (i, mut item) in items.into_iter().enumerate() {
        super::clean(&mut item);
        let item = match item {
            Value::Object(mut map) if map.contains_key("tweet") => map.remove("tweet").unwrap(),
            other => other,
        };
        match serde_path_to_error::deserialize::<_, Tweet>(item) {
            Ok(tweet) => tweets.push(tweet),
            Err(e) => {
                (parsed.problems).push(format!("post {}: {}: {}", i + 1, e.path(), e.inner()))
            }
        }
    }
    parsed.documents = documents(tweets, source);
    parsed
}

/// The posts arranged into documents: self-threads first, in the order they began, then
/// the single posts.
fn documents(mut tweets: Vec<Tweet>, source: &Source) -> Vec<Document> {
    tweets.sort_by_key(|t| {
        (
            time_key(&t.created_at),
            t.id_str.parse::<u64>().unwrap_or(0),
        )
    });
    let place: HashMap<&str, usize> = (tweets.iter().enumerate())
        .map(|(i, t)| (t.id_str.as_str(), i))
        .collect();
    let parent: Vec<Option<usize>> = (tweets.iter())
        .map(|t| {
            t.in_reply_to_status_id_str
                .as_deref()
                .and_then(|id| place.get(id).copied())
        })
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); tweets.len()];
    for (child, parent) in parent.iter().enumerate() {
        if let Some(p) = parent {
            children[*p].push(child);
        }
    }
    let owner = owner(&tweets, &parent);
    let mut documents = Vec::new();
    for root in (0..tweets.len()).filter(|&i| parent[i].is_none()) {
        let branches = branches(root, &children);
        let document = match branches[0].len() {
            1 => single(&tweets[root], &owner, source),
            _ => thread(&tweets, &branches, &owner, source),
        };
        documents.push(document);
    }
    documents
}

/// Every path from `root` to a post nobody replied to, in time order.
fn branches(root: usize, children: &[Vec<usize>]) -> Vec<Vec<usize>> {
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

/// The archive's owner, as a self-reply names the post it answers.
fn owner(tweets: &[Tweet], parent: &[Option<usize>]) -> Option<Author> {
    let self_reply = (tweets.iter().zip(parent)).find(|(_, p)| p.is_some())?.0;
    let handle = self_reply.in_reply_to_screen_name.as_deref()?;
    Some(Author::from_handle(&sanitise(handle)))
}

fn thread(
    tweets: &[Tweet],
    branches: &[Vec<usize>],
    owner: &Option<Author>,
    source: &Source,
) -> Document {
    let root = &tweets[branches[0][0]];
    let threads = (branches.iter())
        .map(|branch| {
            let total = branch.len() as u32;
            let posts = (branch.iter().zip(1..))
                .map(|(&i, number)| post(&tweets[i], number, total))
                .collect();
            let mut thread = Thread::new(posts, None);
            thread.author = owner.clone();
            thread
        })
        .collect();
    document(root, Kind::Unroll, None, owner, threads, source)
}

fn single(tweet: &Tweet, owner: &Option<Author>, source: &Source) -> Document {
    let mut post = post(tweet, 1, 1);
    (post.number, post.total) = (None, None);
    let title = match (repost_of(&tweet.full_text), &tweet.in_reply_to_screen_name) {
        (Some(user), _) => Some(format!("Repost of @{user}")),
        (None, Some(user)) => Some(format!("Reply to @{user}")),
        (None, None) => None,
    };
    let mut thread = Thread::new(vec![post], None);
    thread.author = owner.clone();
    document(tweet, Kind::Post, title, owner, vec![thread], source)
}

fn document(
    first: &Tweet,
    kind: Kind,
    title: Option<String>,
    owner: &Option<Author>,
    mut threads: Vec<Thread>,
    source: &Source,
) -> Document {
    for (t, thread) in threads.iter_mut().enumerate() {
        thread.index = t + 1;
        for (p, post) in thread.posts.iter_mut().enumerate() {
            post.index = p + 1;
        }
    }
    Document {
        id: format!("{}-{}", source.id, sanitise(&first.id_str)),
        path: source.path.clone(),
        kind,
        title,
        author: owner.clone(),
        date: date(&first.created_at),
        threads,
        warnings: Vec::new(),
        resolved: false,
        read_from: None,
    }
}

/// One post: t.co links written out as where they lead, pictures' links dropped (and
/// marked), HTML entities decoded; entities from the archive's own lists. The `number`th
/// of `total`, labelled with any marker the author wrote.
fn post(tweet: &Tweet, number: u32, total: u32) -> Post {
    let mut text = decode_entities(&tweet.full_text);
    let links =
        (tweet.entities.urls.iter()).filter_map(|l| Some((&l.url, l.expanded_url.as_ref()?)));
    for (short, long) in links {
        text = text.replace(short.as_str(), long);
    }
    let media = (tweet.entities.media.iter()).chain(&tweet.extended_entities.media);
    let mut has_media = false;
    for link in media {
        has_media = true;
        text = text.replace(link.url.as_str(), "");
    }
    let text = sanitise(text.trim());
    let marker = (text.lines().last())
        .and_then(numbering::trailing)
        .or_else(|| text.lines().next().and_then(numbering::leading));
    let label = marker.map(|m| m.label);
    let mut post = Post::new(text, None, has_media);
    (post.label, post.number, post.total) = (label, Some(number), Some(total));
    post.hashtags = tweet
        .entities
        .hashtags
        .iter()
        .map(|h| h.text.clone())
        .collect();
    post.mentions = (tweet.entities.user_mentions.iter())
        .map(|m| m.screen_name.clone())
        .collect();
    post.urls = (tweet.entities.urls.iter())
        .map(|l| l.expanded_url.clone().unwrap_or_else(|| l.url.clone()))
        .collect();
    post
}

/// "RT @user: …": the user reposted.
fn repost_of(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("RT @")?;
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
    (end > 0 && rest[end..].starts_with(':')).then(|| &rest[..end])
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "Tue May 24 08:00:00 +0000 2022" as (year, month, day, time), for ordering.
fn time_key(created_at: &str) -> Option<(u32, usize, u32, String)> {
    let parts: Vec<&str> = created_at.split_whitespace().collect();
    let [_, month, day, time, _, year] = parts.as_slice() else {
        return None;
    };
    let month = MONTHS.iter().position(|m| m == month)? + 1;
    Some((
        year.parse().ok()?,
        month,
        day.parse().ok()?,
        time.to_string(),
    ))
}

/// "Tue May 24 08:00:00 +0000 2022" as "2022-05-24 08:00"; anything else as written.
fn date(created_at: &str) -> Option<String> {
    if created_at.is_empty() {
        return None;
    }
    Some(match time_key(created_at) {
        Some((year, month, day, time)) => {
            format!(
                "{year}-{month:02}-{day:02} {}",
                time.get(..5).unwrap_or(&time)
            )
        }
        None => sanitise(created_at),
    })
}

/// The HTML entities the archive writes (`&amp;`, `&lt;`, `&gt;`, and numeric ones).
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let entity = rest
            .find(';')
            .filter(|&end| end <= 10)
            .map(|end| (&rest[1..end], end));
        let decoded = entity.and_then(|(name, end)| Some((entity_char(name)?, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity_char(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_assignment_is_cut_off_not_evaluated() {
        let text = "window.YTD.tweets.part0 = [ {\"a\": \"x = y\"} ]";
        assert_eq!(split(text), Some(("tweets", " [ {\"a\": \"x = y\"} ]")));
        assert_eq!(
            split("window.YTD.like.part3 = []").map(|s| s.0),
            Some("like")
        );
        assert_eq!(split("window.YTD.= []"), None);
        assert_eq!(split("var x = window.YTD.tweets.part0 = []"), None);
        assert!(holds_posts("tweet") && holds_posts("tweets") && !holds_posts("like"));
    }

    #[test]
    fn entities_are_decoded_once() {
        assert_eq!(
            decode_entities("a &amp; b &lt;3 &#39;x&#x27; &amp;amp;"),
            "a & b <3 'x' &amp;"
        );
        assert_eq!(
            decode_entities("AT&T &nope; & &#xZZ; &#1114112;"),
            "AT&T &nope; & &#xZZ; &#1114112;"
        );
    }

    #[test]
    fn a_repost_names_whom_it_reposts() {
        assert_eq!(repost_of("RT @reviewCSC: The report"), Some("reviewCSC"));
        assert_eq!(repost_of("RT @: nothing"), None);
        assert_eq!(repost_of("RT this please"), None);
    }

    #[test]
    fn dates_order_and_read_as_written_otherwise() {
        let key = |s| time_key(s).unwrap();
        assert!(key("Mon Dec 31 23:59:59 +0000 2021") < key("Sat Jan 01 00:00:00 +0000 2022"));
        assert_eq!(
            date("Mon May 23 08:00:00 +0000 2022").as_deref(),
            Some("2022-05-23 08:00")
        );
        assert_eq!(date("yesterday").as_deref(), Some("yesterday"));
        assert_eq!(date(""), None);
    }

    #[test]
    fn a_branching_chain_gives_a_path_per_branch_earliest_first() {
        // 0 → 1 → (2, 3 → 4)
        let children = vec![vec![1], vec![2, 3], vec![], vec![4], vec![]];
        assert_eq!(branches(0, &children), [vec![0, 1, 2], vec![0, 1, 3, 4]]);
        assert_eq!(branches(2, &children), [vec![2]]);
    }
}
