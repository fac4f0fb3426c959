//! Bluesky threads: the JSON `app.bsky.feed.getPostThread` returns, a tree of posts through
//! `thread.parent` and `thread.replies`. The author of the topmost post, following their own
//! replies to themselves, is the thread; every other post (replies by others, the author's
//! side branches) is kept in the same document, in a thread per author titled "Replies".
//!
//! Facets mark hashtags, mentions and links by UTF-8 byte offsets into the text. A link's
//! shortened text is written out as the address it stands for; a facet whose offsets do
//! not fit the text is left out and said.

use super::{Parsed, chains};
use crate::corpus::sanitise::sanitise;
use crate::corpus::{Author, Document, Kind, Post, Source, Thread, boxed};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;

/// Whether a JSON object's members are those of a thread as getPostThread returns it.
pub fn is_thread(top: &super::Members) -> bool {
    top.get("thread")
        .is_some_and(|t| super::has_keys(t, &["post"]))
}

/// One node of the tree: a post, or a post not found or blocked (no `post`).
#[derive(Debug, Deserialize)]
struct View {
    post: Option<PostView>,
    #[serde(default)]
    replies: Vec<Value>,
}

#[derive(Debug, Deserialize)]
struct PostView {
    uri: String,
    author: Profile,
    record: Record,
    embed: Option<Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Profile {
    handle: String,
    display_name: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Record {
    text: String,
    #[serde(default)]
    created_at: String,
    #[serde(default)]
    facets: Vec<Facet>,
    embed: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Facet {
    index: ByteSlice,
    #[serde(default)]
    features: Vec<Value>,
}

/// A facet's bytes as the file writes them: any JSON, so that a facet whose offsets are not
/// byte positions (`-1`, `1.5`, a string) is left out and named, not the whole post.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ByteSlice {
    #[serde(default)]
    byte_start: Value,
    #[serde(default)]
    byte_end: Value,
}

impl ByteSlice {
    /// The bytes, when both offsets are whole numbers from zero.
    fn range(&self) -> Option<std::ops::Range<usize>> {
        let offset = |v: &Value| v.as_u64().and_then(|n| usize::try_from(n).ok());
        Some(offset(&self.byte_start)?..offset(&self.byte_end)?)
    }
}

/// A post of the tree, read.
struct Node {
    author: Profile,
    time: String,
    post: Post,
    /// The node's place in the tree, for the order of replies: its parent, if in the tree.
    parent: Option<usize>,
    rkey: String,
    /// The post it quotes, as the view shows it.
    quoted: Option<Quoted>,
}

/// What a post quotes: another post, its author and text; or one the view does not show
/// (not found, blocked, detached by its author).
enum Quoted {
    /// Its author, its text, and whether something came with it (pictures, a video).
    Post(Profile, String, bool),
    Unseen,
}

/// The post that the view of a post (`post.embed`) shows it quoting, with or without
/// pictures beside it; none when it quotes nothing, or a feed or list rather than a post.
fn quoted(embed: Option<&Value>) -> Option<Quoted> {
    let embed = embed?;
    let record = match embed.get("$type")?.as_str()? {
        "app.bsky.embed.record#view" => embed.get("record")?,
        "app.bsky.embed.recordWithMedia#view" => embed.get("record")?.get("record")?,
        _ => return None,
    };
    let unseen = ["#viewNotFound", "#viewBlocked", "#viewDetached"];
    let kind = record.get("$type").and_then(Value::as_str).unwrap_or("");
    if unseen.iter().any(|u| kind.ends_with(u)) {
        return Some(Quoted::Unseen);
    }
    let value = record.get("value")?;
    let text = value.get("text")?.as_str()?;
    // A post whose author does not read is not shown, and counted as such.
    let author = record
        .get("author")
        .cloned()
        .map(serde_json::from_value::<Profile>);
    let Some(Ok(author)) = author else {
        return Some(Quoted::Unseen);
    };
    // Pictures, a video or a card: what a post of no words shows.
    let media = value.get("embed").is_some();
    Some(Quoted::Post(author, text.to_string(), media))
}

/// The document of one thread file (its strings not yet made safe: offsets count bytes of
/// the text as the file gives it).
pub fn read(mut value: Value, source: &Source) -> Parsed {
    let mut parsed = Parsed::default();
    let mut nodes: Vec<Node> = Vec::new();
    let mut missing = 0;
    // Taken out of the tree, never copied: a deep tree copied level by level is quadratic.
    let Some(mut thread) = value.get_mut("thread").map(Value::take) else {
        return parsed;
    };
    // The parent chain first, topmost first; then the focus and its replies, breadth first.
    let mut ancestors = Vec::new();
    let mut up = take_parent(&mut thread);
    let mut up_place = Place::root().parent();
    while let Some(mut view) = up.filter(Value::is_object) {
        up = take_parent(&mut view);
        let next = up_place.parent();
        ancestors.push((view, up_place));
        up_place = next;
    }
    let mut chain_parent = None;
    for (view, place) in ancestors.into_iter().rev() {
        match node(view, &place, chain_parent, &mut parsed.problems) {
            Some((node, _)) => {
                nodes.push(node);
                chain_parent = Some(nodes.len() - 1);
            }
            None => missing += 1,
        }
    }
    let mut queue = std::collections::VecDeque::from([(thread, Place::root(), chain_parent)]);
    while let Some((view, place, parent)) = queue.pop_front() {
        let Some((node, replies)) = node(view, &place, parent, &mut parsed.problems) else {
            missing += 1;
            continue;
        };
        nodes.push(node);
        let me = nodes.len() - 1;
        for (i, reply) in replies.into_iter().enumerate() {
            queue.push_back((reply, place.reply(i), Some(me)));
        }
    }
    if !nodes.is_empty() {
        parsed.documents.push(document(nodes, missing, source));
    }
    parsed
}

/// A view's `parent`, taken out of it.
fn take_parent(view: &mut Value) -> Option<Value> {
    view.as_object_mut()?.remove("parent")
}

/// Where a view is in the file (`thread.replies[2].replies[0]`), written out only for a
/// problem: each place shares its parent's, so a deep tree's places take linear room.
#[derive(Clone)]
struct Place(std::rc::Rc<(Option<Place>, Step)>);

#[derive(Clone, Copy)]
enum Step {
    Thread,
    Parent,
    Reply(usize),
}

impl Place {
    fn root() -> Place {
        Place(std::rc::Rc::new((None, Step::Thread)))
    }

    fn parent(&self) -> Place {
        Place(std::rc::Rc::new((Some(self.clone()), Step::Parent)))
    }

    fn reply(&self, i: usize) -> Place {
        Place(std::rc::Rc::new((Some(self.clone()), Step::Reply(i))))
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(place) = at {
            steps.push(place.0.1);
            at = place.0.0.as_ref();
        }
        for step in steps.into_iter().rev() {
            match step {
                Step::Thread => write!(f, "thread")?,
                Step::Parent => write!(f, ".parent")?,
                Step::Reply(i) => write!(f, ".replies[{i}]")?,
            }
        }
        Ok(())
    }
}

/// Reads one view; `None` for a post not found or blocked, or one that does not read (a
/// problem naming its place).
fn node(
    view: Value,
    path: &Place,
    parent: Option<usize>,
    problems: &mut super::Problems,
) -> Option<(Node, Vec<Value>)> {
    let view: View = match serde_path_to_error::deserialize(view) {
        Ok(view) => view,
        Err(e) => {
            problems.push(format!("{path}.{}: {}", e.path(), e.inner()));
            return None;
        }
    };
    let post = view.post?;
    let (text, facets_problem) = text_with_facets(&post.record);
    if let Some(problem) = facets_problem {
        problems.push(format!("{path}.post.record.facets: {problem}"));
    }
    let media = [&post.embed, &post.record.embed]
        .into_iter()
        .flatten()
        .any(|e| e.to_string().contains("app.bsky.embed.images"));
    let mut built = Post::new(sanitise(text.trim()), None, media);
    built.hashtags = boxed(features(&post.record, "app.bsky.richtext.facet#tag", "tag"));
    built.urls = boxed(features(
        &post.record,
        "app.bsky.richtext.facet#link",
        "uri",
    ));
    built.mentions = boxed(mentions(&post.record));
    let rkey = post.uri.rsplit('/').next().unwrap_or("post").to_string();
    let node = Node {
        quoted: quoted(post.embed.as_ref()),
        author: post.author,
        time: post.record.created_at,
        post: built,
        parent,
        rkey,
    };
    Some((node, view.replies))
}

/// The text with each link's shortened text written out as its address; and what was
/// wrong with any facet left out.
fn text_with_facets(record: &Record) -> (String, Option<String>) {
    let text = &record.text;
    let mut links: Vec<(usize, usize, &str)> = Vec::new();
    let mut wrong = Vec::new();
    for facet in &record.facets {
        let Some(bytes) = facet.index.range().filter(|_| fits(facet, text)) else {
            let ByteSlice {
                byte_start,
                byte_end,
            } = &facet.index;
            wrong.push(format!(
                "bytes {byte_start}..{byte_end} do not fit a text of {}",
                text.len()
            ));
            continue;
        };
        for feature in &facet.features {
            let is_link = feature.get("$type").and_then(Value::as_str)
                == Some("app.bsky.richtext.facet#link");
            if let (true, Some(uri)) = (is_link, feature.get("uri").and_then(Value::as_str)) {
                links.push((bytes.start, bytes.end, uri));
            }
        }
    }
    links.sort_by_key(|l| std::cmp::Reverse(l.0));
    let mut out = text.clone();
    let mut before = usize::MAX;
    for (start, end, uri) in links {
        // Spans that overlap one written out already are left as they are.
        if end <= before && shows(&text[start..end], uri) {
            out.replace_range(start..end, uri);
            before = start;
        }
    }
    (out, (!wrong.is_empty()).then(|| wrong.join("; ")))
}

/// Whether the facet's bytes are a part of `text` (whole characters).
fn fits(facet: &Facet, text: &str) -> bool {
    (facet.index.range()).is_some_and(|r| r.start <= r.end && text.get(r).is_some())
}

/// Whether `shown` is how an app shortens `uri`: its start, without the scheme, perhaps
/// cut with "…" or "...".
fn shows(shown: &str, uri: &str) -> bool {
    let bare = uri.split_once("://").map_or(uri, |(_, rest)| rest);
    let cut = shown.trim_end_matches(['…', '.']);
    let starts = |s: &str| s.starts_with(cut);
    !cut.is_empty()
        && (starts(uri) || starts(bare) || bare.strip_prefix("www.").is_some_and(starts))
}

/// The values of `field` in the features of type `kind`, in order, once each.
fn features(record: &Record, kind: &str, field: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let fitting = record.facets.iter().filter(|f| fits(f, &record.text));
    let all = fitting.flat_map(|f| &f.features);
    for feature in all.filter(|f| f.get("$type").and_then(Value::as_str) == Some(kind)) {
        if let Some(value) = feature.get(field).and_then(Value::as_str) {
            let value = sanitise(value);
            if !found.contains(&value) {
                found.push(value);
            }
        }
    }
    found
}

/// Mentions as the text writes them (`@name.bsky.social`): the feature names only a DID.
fn mentions(record: &Record) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for facet in &record.facets {
        let is_mention = (facet.features.iter()).any(|f| {
            f.get("$type").and_then(Value::as_str) == Some("app.bsky.richtext.facet#mention")
        });
        let written = (facet.index.range()).and_then(|bytes| record.text.get(bytes));
        if let Some(handle) = written
            .filter(|_| is_mention)
            .and_then(|w| w.strip_prefix('@'))
        {
            let handle = sanitise(handle);
            if !handle.is_empty() && !found.contains(&handle) {
                found.push(handle);
            }
        }
    }
    found
}

/// The document: the topmost post's author's own chain, then the other posts by author.
fn document(nodes: Vec<Node>, missing: usize, source: &Source) -> Document {
    let owner = nodes[0].author.handle.clone();
    let chain = own_chain(&nodes, &owner);
    let total = chain.len() as u32;
    let own_posts = (chain.iter().zip(1..))
        .map(|(&i, n)| chains::numbered(nodes[i].post.clone(), n, total))
        .collect();
    let mut main = Thread::new(own_posts, None);
    main.author = Some(author(&nodes[0].author));
    let mut threads = vec![main];
    let mut in_chain = vec![false; nodes.len()];
    chain.iter().for_each(|&i| in_chain[i] = true);
    let mut rest: Vec<usize> = (0..nodes.len()).filter(|&i| !in_chain[i]).collect();
    rest.sort_by(|&a, &b| nodes[a].time.cmp(&nodes[b].time));
    // Threads of replies in the order their authors first replied.
    let mut by_author: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut place: HashMap<&str, usize> = HashMap::new();
    for i in rest {
        let handle = nodes[i].author.handle.as_str();
        let at = *place.entry(handle).or_insert_with(|| {
            by_author.push((handle, Vec::new()));
            by_author.len() - 1
        });
        by_author[at].1.push(i);
    }
    for (_, posts) in by_author {
        let mut thread = Thread::new(posts.iter().map(|&i| nodes[i].post.clone()).collect(), None);
        thread.author = Some(author(&nodes[posts[0]].author));
        thread.title = Some("Replies".to_string());
        threads.push(thread);
    }
    // The posts they quote, each a thread of its own as an embedded post is, in the order
    // of the threads that quote them.
    let quoting = (chain.iter().copied()).chain((0..nodes.len()).filter(|&i| !in_chain[i]));
    let mut unseen = 0;
    for i in quoting {
        match &nodes[i].quoted {
            Some(Quoted::Post(author_of, text, media)) => {
                let embed = crate::corpus::markdown::Embed {
                    text: sanitise(text.trim()),
                    author: Some(author(author_of)),
                };
                let mut thread = crate::corpus::embedded_thread(embed);
                thread.posts.iter_mut().for_each(|p| p.media |= media);
                threads.push(thread);
            }
            Some(Quoted::Unseen) => unseen += 1,
            None => {}
        }
    }
    crate::corpus::number(&mut threads);
    let mut warnings = Vec::new();
    if missing > 0 {
        let posts = if missing == 1 { "post" } else { "posts" };
        warnings.push(format!(
            "{missing} {posts} of the thread not found or blocked, not shown"
        ));
    }
    if unseen > 0 {
        let posts = crate::present::plural(unseen, "quoted post");
        warnings.push(format!("{posts} not found or blocked, not shown"));
    }
    Document {
        id: format!("{}-{}", source.id, sanitise(&nodes[chain[0]].rkey)),
        path: source.path.clone(),
        kind: Kind::Unroll,
        title: None,
        author: Some(author(&nodes[0].author)),
        date: chains::iso_date(&nodes[0].time),
        source: None,
        threads,
        warnings,
        resolved: false,
        read_from: None,
    }
}

/// The topmost post and, from it, each first reply its author made to themselves.
fn own_chain(nodes: &[Node], owner: &str) -> Vec<usize> {
    // Each post's earliest reply by the owner, found in one pass over the posts.
    let mut first_own_reply: Vec<Option<usize>> = vec![None; nodes.len()];
    for (i, node) in nodes.iter().enumerate() {
        let Some(parent) = node.parent.filter(|_| node.author.handle == owner) else {
            continue;
        };
        let earlier = first_own_reply[parent].is_some_and(|f| nodes[f].time <= node.time);
        if !earlier {
            first_own_reply[parent] = Some(i);
        }
    }
    let mut chain = vec![0];
    while let Some(next) = first_own_reply[*chain.last().expect("never empty")] {
        chain.push(next);
    }
    chain
}

fn author(profile: &Profile) -> Author {
    let handle = sanitise(&profile.handle);
    match profile
        .display_name
        .as_deref()
        .map(sanitise)
        .filter(|n| !n.trim().is_empty())
    {
        Some(name) => Author {
            name: name.trim().to_string(),
            handle: Some(handle),
        },
        None => Author::from_handle(&handle),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(text: &str, facets: Value) -> Record {
        serde_json::from_value(serde_json::json!({"text": text, "facets": facets})).unwrap()
    }

    #[test]
    fn shortened_links_are_written_out_by_their_bytes() {
        let text = "é 🧵 see example.org/a-long-pa… and bsky.app";
        let start = text.find("example").unwrap();
        let end = text.find(" and").unwrap();
        let link = |s: usize, e: usize, uri: &str| {
            serde_json::json!({"index": {"byteStart": s, "byteEnd": e},
                "features": [{"$type": "app.bsky.richtext.facet#link", "uri": uri}]})
        };
        let last = text.len();
        let facets = serde_json::json!([
            link(start, end, "https://www.example.org/a-long-path"),
            link(last - 8, last, "https://bsky.app/"),
            link(1, 2, "https://split.example/"),
        ]);
        let (out, wrong) = text_with_facets(&record(text, facets));
        assert_eq!(
            out,
            "é 🧵 see https://www.example.org/a-long-path and https://bsky.app/"
        );
        assert_eq!(wrong.as_deref(), Some("bytes 1..2 do not fit a text of 49"));
    }

    #[test]
    fn a_link_whose_text_is_not_its_address_is_left_as_written() {
        assert!(shows("example.org/a…", "https://example.org/abc"));
        assert!(shows("example.org/a...", "http://www.example.org/abc"));
        assert!(!shows("click here", "https://example.org/"));
        assert!(!shows("…", "https://example.org/"));
    }
}
