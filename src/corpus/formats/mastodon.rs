//! Mastodon account exports: `outbox.json`, an ActivityStreams `OrderedCollection` of
//! `Create` activities whose object is a `Note` (and `Announce`s, the boosts). A note's text
//! is HTML; hashtags and mentions come from its `tag` list, pictures from `attachment`. Its
//! posts are arranged by [`chains`]: a note answering another note of the outbox is a
//! self-reply.

use super::chains::{self, Entry};
use super::{Parsed, html};
use crate::corpus::sanitise::sanitise;
use crate::corpus::{Author, Post, Source, boxed};
use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

/// The unpacked export `dir` is, if it is one (it has an `outbox.json` beside an
/// `actor.json`): the outbox holds its posts. Its pictures and other parts are not
/// documents; anything else in the folder is read as usual.
pub fn post_files(dir: &std::path::Path) -> Option<super::Export> {
    let outbox = dir.join("outbox.json");
    (outbox.is_file() && dir.join("actor.json").is_file()).then(|| super::Export {
        posts: vec![outbox],
        part: export_part,
    })
}

/// What an unpacked Mastodon export holds besides anything its owner put there.
fn export_part(name: &str, _: bool) -> bool {
    matches!(
        name,
        "outbox.json" | "actor.json" | "likes.json" | "bookmarks.json" | "media_attachments"
    ) || name.starts_with("avatar.")
        || name.starts_with("header.")
}

/// Whether a JSON object's members are those of an outbox: an `OrderedCollection` (its
/// items, `orderedItems`, are read as they come).
pub fn is_outbox(top: &super::Members) -> bool {
    (top.get("type")).is_some_and(|t| t.get() == "\"OrderedCollection\"")
}

/// Whether a JSON object's members are another ActivityStreams object (the actor, likes,
/// bookmarks): part of an export, holding no posts.
pub fn is_activity_streams(top: &super::Members) -> bool {
    (top.get("@context")).is_some_and(|c| c.get().contains("https://www.w3.org/ns/activitystreams"))
}

#[derive(Debug, Deserialize)]
struct Activity {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    actor: Option<String>,
    #[serde(default)]
    published: Option<String>,
    object: Value,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Note {
    id: String,
    #[serde(default)]
    in_reply_to: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    attributed_to: Option<String>,
    /// The note's page (`https://host/@name/109…`): newer servers give the actor only by
    /// number (`https://host/ap/users/116…`), the page by name.
    #[serde(default)]
    url: Option<String>,
    /// A content warning, shown before the text.
    #[serde(default)]
    summary: Option<String>,
    content: String,
    #[serde(default)]
    tag: Vec<Tag>,
    #[serde(default)]
    attachment: Vec<Value>,
}

#[derive(Debug, Deserialize)]
struct Tag {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    name: String,
}

/// An outbox's activities (`orderedItems`) read one at a time as they come, each made
/// safe: one that does not read is a problem naming it, the others load.
pub struct Outbox<'s> {
    parsed: Parsed,
    /// Each note, made an entry at once: the activity's record is not kept.
    entries: Vec<Entry>,
    /// The boosts: (the activity's id, the address of the post boosted, when).
    boosts: Vec<(String, String, Option<String>)>,
    owner: Option<String>,
    /// How many activities were read.
    count: usize,
    source: &'s Source,
}

impl<'s> Outbox<'s> {
    pub fn new(source: &'s Source) -> Self {
        Outbox {
            parsed: Parsed::default(),
            entries: Vec::new(),
            boosts: Vec::new(),
            owner: None,
            count: 0,
            source,
        }
    }

    /// Reads the next activity.
    pub fn item(&mut self, raw: &RawValue) {
        let i = self.count;
        self.count += 1;
        let place = |path: String, reason: String| {
            let path = path.trim_end_matches(['.']);
            format!(
                "orderedItems[{i}]{}{path}: {reason}",
                if path.is_empty() { "" } else { "." }
            )
        };
        let problems = &mut self.parsed.problems;
        let item = match super::part_value(raw) {
            Ok(item) => item,
            Err(e) => return problems.push(place(String::new(), e.to_string())),
        };
        let activity = match serde_path_to_error::deserialize::<_, Activity>(item) {
            Ok(activity) => activity,
            Err(e) => return problems.push(place(e.path().to_string(), e.inner().to_string())),
        };
        match (activity.kind.as_str(), activity.object) {
            ("Create", object @ Value::Object(_)) => {
                let note = match serde_path_to_error::deserialize::<_, Note>(object) {
                    Ok(note) => note,
                    Err(e) => {
                        let path = format!("object.{}", e.path()).replace("object..", "object");
                        return problems.push(place(path, e.inner().to_string()));
                    }
                };
                if let Some(problem) = html::too_deep(&note.content) {
                    return problems.push(place("object.content".into(), problem));
                }
                self.owner = self.owner.take().or_else(|| {
                    let actor = activity.actor.as_deref();
                    let named = [actor, note.attributed_to.as_deref(), note.url.as_deref()];
                    named.into_iter().flatten().find_map(handle_of)
                });
                let (entry, problem) = entry(&note);
                let at = || format!("note {}: ", note.id);
                problems.extend(problem.map(|p| at() + &p));
                self.entries.push(entry);
            }
            ("Announce", Value::String(url)) => {
                let id = activity.id.unwrap_or_else(|| url.clone());
                self.boosts.push((id, url, activity.published));
            }
            // Deletions, follows and the like are not posts.
            _ => {}
        }
    }

    /// The outbox's documents, once every activity is read.
    pub fn finish(mut self) -> Parsed {
        let owner = self.owner.map(|h| Author::from_handle(&h));
        self.entries
            .extend((self.boosts.iter()).map(|(id, url, published)| boost(id, url, published)));
        self.parsed.documents = chains::documents(self.entries, owner, self.source);
        self.parsed
    }
}

/// The note as an entry, and what to say if its HTML was cut short.
fn entry(note: &Note) -> (Entry, Option<String>) {
    let read = html::fragment_text(&note.content);
    let problem = read.cut_short_problem();
    let html::Read { text, links, .. } = read;
    let text = match note.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(warning) => format!("CW: {}\n\n{text}", warning.trim()),
        None => text,
    };
    let mut post = Post::new(sanitise(&text), None, !note.attachment.is_empty());
    let names = |kind: &str| -> Vec<String> {
        (note.tag.iter())
            .filter(|t| t.kind == kind)
            .map(|t| t.name.trim_start_matches(['#', '@']).to_string())
            .filter(|n| !n.is_empty())
            .collect()
    };
    post.hashtags = boxed(names("Hashtag"));
    post.mentions = boxed(names("Mention"));
    post.urls = links.iter().map(|l| sanitise(l).into()).collect();
    let published = note.published.clone().unwrap_or_default();
    let entry = Entry {
        id: note.id.clone(),
        reply_to: note.in_reply_to.clone(),
        reply_to_whom: note.in_reply_to.as_deref().and_then(handle_of),
        repost_of: None,
        date: chains::iso_date(&published),
        time: published,
        post,
        short_id: short_id(&note.id),
    };
    (entry, problem)
}

/// A boost (the activity `id`): the outbox gives only the address of the post boosted.
fn boost(id: &str, url: &str, published: &Option<String>) -> Entry {
    let published = published.clone().unwrap_or_default();
    let mut post = Post::new(url.to_string(), None, false);
    post.urls = Box::new([url.into()]);
    Entry {
        id: id.to_string(),
        reply_to: None,
        reply_to_whom: None,
        repost_of: Some(handle_of(url).unwrap_or_else(|| "someone".to_string())),
        date: chains::iso_date(&published),
        time: published,
        post,
        short_id: short_id(id),
    }
}

/// The account an ActivityPub address belongs to, as `name@host`:
/// `https://host/users/name`, `https://host/users/name/statuses/1`, `https://host/@name/1`.
fn handle_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/')?;
    let mut parts = path.split('/');
    let name = match parts.next()? {
        "users" => parts.next()?,
        first => first.strip_prefix('@')?,
    };
    let plain = |c: char| c.is_alphanumeric() || c == '_' || c == '.' || c == '-';
    (!name.is_empty() && name.chars().all(plain) && !host.is_empty())
        .then(|| format!("{name}@{host}"))
}

/// The end of an address (`…/statuses/109`, `…/109/activity`): the post's number.
fn short_id(url: &str) -> String {
    let parts: Vec<&str> = url.trim_end_matches('/').rsplit('/').collect();
    let end = match parts.as_slice() {
        ["activity", id, ..] => id,
        [id, ..] => id,
        [] => url,
    };
    let safe: String = end
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    if safe.is_empty() {
        "post".to_string()
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_from_addresses() {
        let h = |u| handle_of(u);
        assert_eq!(
            h("https://mastodon.social/users/alice").as_deref(),
            Some("alice@mastodon.social")
        );
        assert_eq!(
            h("https://x.org/users/bob/statuses/12").as_deref(),
            Some("bob@x.org")
        );
        assert_eq!(h("https://x.org/@carol/12").as_deref(), Some("carol@x.org"));
        assert_eq!(h("https://x.org/notes/12"), None);
        assert_eq!(
            h("https://x.org/ap/users/1168403870"),
            None,
            "a number, no name"
        );
        assert_eq!(h("mailto:a@b"), None);
    }

    #[test]
    fn short_ids_and_dates() {
        assert_eq!(short_id("https://m.s/users/a/statuses/109/activity"), "109");
        assert_eq!(short_id("https://m.s/users/a/statuses/109"), "109");
        assert_eq!(
            chains::iso_date("2022-05-23T08:00:00Z").as_deref(),
            Some("2022-05-23 08:00")
        );
        assert_eq!(chains::iso_date("last week").as_deref(), Some("last week"));
    }
}
