//! X (Twitter) account archives: `data/tweets.js` (`tweets-part1.js`, …; older archives
//! `tweet.js`), a JavaScript assignment `window.YTD.tweets.part0 = [ … ]` wrapping JSON;
//! and the archives of 2012–2018, a file a month (`data/js/tweets/2018_04.js`) holding
//! `Grailbird.data.tweets_2018_04 = [ … ]`. The prefix is cut off, never evaluated. Its
//! posts are arranged by [`chains`]: a post answering another of the file's posts is a
//! self-reply.

use super::Parsed;
use super::chains::{self, Entry};
use crate::corpus::sanitise::sanitise;
use crate::corpus::{Author, Post, Source};
use serde::Deserialize;
use serde_json::de::Read;
use serde_json::value::RawValue;
use serde_json::{Deserializer, Value};
use std::collections::{HashMap, HashSet};

mod files;
pub use files::{companions, post_files};

/// The name of the archive's part (`tweets`, `tweet`, `account`, `like`…) and its JSON,
/// when `text` is a file of an X archive.
pub fn split(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    let (name, json) = match text.strip_prefix("window.YTD.") {
        Some(rest) => {
            let (name, rest) = rest.split_once('.')?;
            (name, rest.split_once('=')?.1)
        }
        // `Grailbird.data.tweets_2018_04 = [`: the name runs up to the `=`.
        None => {
            let (name, json) = text.strip_prefix("Grailbird.data.")?.split_once('=')?;
            (name.trim_end(), json)
        }
    };
    let plain = |c: char| c.is_ascii_alphanumeric() || c == '_';
    (!name.is_empty() && name.chars().all(plain)).then_some((name, json))
}

/// Whether the part `name` holds posts; the others (likes, followers, the account…) hold
/// no documents. An archive of 2012–2018 names its parts by month (`tweets_2018_04`).
pub fn holds_posts(name: &str) -> bool {
    matches!(name, "tweets" | "tweet") || name.starts_with("tweets_")
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
    /// The account that posted it: archives of 2012–2018 write it in every post.
    user: Option<User>,
    /// Where the text shown as the post starts and ends, in characters: a reply's text
    /// opens with the handles it answers ("@ann @bo "), which X shows above it instead.
    #[serde(default)]
    display_text_range: Vec<Number>,
    /// Since 2022 a post may be edited: each version is a post of its own in the archive,
    /// and names every version's id. Read as it comes: a record of another shape is no
    /// reason to lose the post.
    edit_info: Option<Value>,
}

impl Tweet {
    /// The ids of every version of this post, the first first, when it was edited: the
    /// first version's record lists them under `initial`, each later one's under
    /// `edit.editControlInitial`.
    fn versions(&self) -> Vec<&str> {
        let info = self.edit_info.as_ref();
        let control = (info.and_then(|i| i.get("initial")))
            .or_else(|| info?.get("edit")?.get("editControlInitial"));
        let ids = control.and_then(|c| c.get("editTweetIds")?.as_array());
        let ids = ids.into_iter().flatten().filter_map(Value::as_str);
        ids.collect()
    }
}

/// A number, which the archive writes as a string ("15") and older exports as a number.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Number {
    Text(String),
    Integer(u64),
}

impl Number {
    fn get(&self) -> Option<usize> {
        match self {
            Number::Text(text) => text.parse().ok(),
            Number::Integer(n) => usize::try_from(*n).ok(),
        }
    }
}

#[derive(Debug, Deserialize)]
struct User {
    screen_name: String,
    name: Option<String>,
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
    /// Where it stands in the text, in characters.
    #[serde(default)]
    indices: Vec<Number>,
}

#[derive(Debug, Deserialize)]
struct Link {
    url: String,
    expanded_url: Option<String>,
}

/// The documents of a text of one or more of the archive's parts, one assignment after
/// another (`tweets.js`, the other parts, `account.js`, as [`companions`] gathers them).
pub fn read(text: &str, source: &Source) -> Parsed {
    let mut archive = Archive::new(source);
    archive.text(text);
    archive.finish()
}

/// An archive read a part at a time, and each part a post at a time: its records are not
/// kept, each post becomes an entry as it is read.
pub struct Archive<'s> {
    parsed: Parsed,
    entries: Vec<Entry>,
    /// Each edited post's versions, by id: the ids of its later versions.
    later: HashMap<String, Vec<String>>,
    /// The owner, as the account part names them.
    account: Option<Author>,
    /// The owner, as the first post that names its account does.
    poster: Option<Author>,
    /// How many parts were read.
    parts: usize,
    source: &'s Source,
}

impl<'s> Archive<'s> {
    pub fn new(source: &'s Source) -> Self {
        Archive {
            parsed: Parsed::default(),
            entries: Vec::new(),
            later: HashMap::new(),
            account: None,
            poster: None,
            parts: 0,
            source,
        }
    }

    /// Reads each part in `text`, one assignment after another.
    pub fn text(&mut self, text: &str) {
        for (name, json) in assignments(text) {
            self.part(name, &mut Deserializer::from_str(json));
        }
    }

    /// Reads the part `name` (`tweets`, `account`…): the JSON after its `=`, at `de`.
    pub fn part<'de, R: Read<'de>>(&mut self, name: &str, de: &mut Deserializer<R>) {
        self.parts += 1;
        // The first part's problems are its own; a later part's say which it is.
        let part = match self.parts {
            1 => String::new(),
            n => format!("{name} (part {n}): "),
        };
        let mut i = 0;
        let read = super::parts::each_item(de, |raw| {
            i += 1;
            self.post(name, &part, i, raw);
        });
        if let Err(e) = read {
            (self.parsed.problems).push(format!("{part}not a valid X archive: {e}"));
        }
    }

    /// Reads the `i`th record of the part `name`.
    fn post(&mut self, name: &str, part: &str, i: usize, raw: &RawValue) {
        let item = match super::part_value(raw) {
            Ok(item) => item,
            Err(e) => return self.parsed.problems.push(format!("{part}post {i}: {e}")),
        };
        if name == "account" {
            self.account = self.account.take().or_else(|| account_owner(&item));
            return;
        }
        if !holds_posts(name) {
            return;
        }
        let item = match item {
            Value::Object(mut map) if map.contains_key("tweet") => map.remove("tweet").unwrap(),
            other => other,
        };
        match serde_path_to_error::deserialize::<_, Tweet>(item) {
            Ok(tweet) => {
                if self.poster.is_none() {
                    self.poster = tweet.user.as_ref().map(User::author);
                }
                // Every version a list names is replaced by those after it in the list,
                // whichever version's record says so.
                let versions = tweet.versions();
                for (at, id) in versions.iter().enumerate() {
                    let after = versions[at + 1..].iter().map(|v| v.to_string());
                    self.later.entry(id.to_string()).or_default().extend(after);
                }
                self.entries.push(entry(&tweet))
            }
            Err(e) => {
                (self.parsed.problems).push(format!("{part}post {i}: {}: {}", e.path(), e.inner()))
            }
        }
    }

    /// The archive's documents, once every part is read.
    pub fn finish(mut self) -> Parsed {
        let replaced = latest_versions(&mut self.entries, &self.later);
        if replaced > 0 {
            let versions = crate::present::plural(replaced, "earlier version");
            (self.parsed.problems).push(format!(
                "{versions} of edited posts left out: each post is read as last edited"
            ));
        }
        let owner = (self.account.or(self.poster)).or_else(|| owner(&self.entries));
        self.parsed.documents = chains::documents(self.entries, owner, self.source);
        self.parsed
    }
}

/// Drops each edited post's versions that a later version in `entries` replaces (`later`:
/// a version's id to the ids of the versions after it), and points replies to a dropped
/// version at the one kept, which takes the time the post was first posted (a thread
/// keeps its order, and its date). Returns how many were dropped.
fn latest_versions(entries: &mut Vec<Entry>, later: &HashMap<String, Vec<String>>) -> usize {
    if later.is_empty() {
        return 0;
    }
    let present: HashSet<String> = entries.iter().map(|e| e.id.clone()).collect();
    // Each replaced version's id, to the latest version of it the archive holds: the one
    // no other present version replaces.
    let replaced = |id: &str| {
        later
            .get(id)
            .is_some_and(|a| a.iter().any(|v| present.contains(v)))
    };
    let kept: HashMap<String, String> = (later.iter())
        .filter(|(id, _)| present.contains(*id) && replaced(id))
        .filter_map(|(id, after)| {
            let last = after
                .iter()
                .find(|v| present.contains(*v) && !replaced(v))?;
            Some((id.clone(), last.clone()))
        })
        .collect();
    // The first time each kept version's post was posted.
    let mut first: HashMap<&str, (String, Option<String>)> = HashMap::new();
    for entry in entries.iter().filter(|e| kept.contains_key(&e.id)) {
        let at = first
            .entry(kept[&entry.id].as_str())
            .or_insert((entry.time.clone(), None));
        if entry.time <= at.0 {
            *at = (entry.time.clone(), entry.date.clone());
        }
    }
    let first: HashMap<String, (String, Option<String>)> =
        first.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    let before = entries.len();
    entries.retain(|e| !kept.contains_key(&e.id));
    for entry in entries.iter_mut() {
        if let Some(last) = (entry.reply_to.as_deref()).and_then(|id| kept.get(id)) {
            entry.reply_to = Some(last.clone());
        }
        if let Some((time, date)) = first.get(&entry.id).filter(|(t, _)| *t < entry.time) {
            entry.time = time.clone();
            entry.date = date.clone().or(entry.date.take());
        }
    }
    before - entries.len()
}

/// Each `window.YTD.<name>.partN = …` of `text`, where a line begins with one.
fn assignments(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut starts: Vec<usize> = text
        .match_indices("\nwindow.YTD.")
        .map(|(i, _)| i + 1)
        .collect();
    starts.insert(0, 0);
    starts.push(text.len());
    starts
        .windows(2)
        .filter_map(|w| split(&text[w[0]..w[1]]))
        .collect::<Vec<_>>()
        .into_iter()
}

impl User {
    fn author(&self) -> Author {
        match self
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            Some(name) => Author {
                name: name.to_string(),
                handle: Some(self.screen_name.clone()),
            },
            None => Author::from_handle(&self.screen_name),
        }
    }
}

/// The owner as `account.js` names them.
fn account_owner(item: &Value) -> Option<Author> {
    let account = item.get("account")?;
    let handle = account.get("username")?.as_str()?;
    let name = account
        .get("accountDisplayName")
        .and_then(Value::as_str)
        .filter(|n| !n.trim().is_empty());
    Some(match name {
        Some(name) => Author {
            name: name.trim().to_string(),
            handle: Some(handle.to_string()),
        },
        None => Author::from_handle(handle),
    })
}

/// The archive's owner, as the first self-reply (in the file's order) names whom it answers.
fn owner(entries: &[Entry]) -> Option<Author> {
    let ids: HashSet<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    let answers_own = |e: &&Entry| (e.reply_to.as_deref()).is_some_and(|id| ids.contains(id));
    let handle = entries.iter().find(answers_own)?.reply_to_whom.as_deref()?;
    Some(Author::from_handle(handle))
}

fn entry(tweet: &Tweet) -> Entry {
    let time = time_key(&tweet.created_at);
    Entry {
        id: tweet.id_str.clone(),
        reply_to: tweet.in_reply_to_status_id_str.clone(),
        reply_to_whom: tweet.in_reply_to_screen_name.clone(),
        repost_of: repost_of(&tweet.full_text).map(str::to_string),
        time: time.as_ref().map_or_else(String::new, |(y, m, d, t)| {
            format!("{y:04}-{m:02}-{d:02}T{t}")
        }),
        date: date(&tweet.created_at),
        post: post(tweet),
        short_id: tweet.id_str.clone(),
    }
}

/// One post: t.co links written out as where they lead, pictures' links dropped (and
/// marked) unless the post is nothing else, HTML entities decoded; entities from the
/// archive's own lists.
fn post(tweet: &Tweet) -> Post {
    let shown = reply_prefix(tweet);
    let mut text = decode_entities(&tweet.full_text[shown..]);
    let links =
        (tweet.entities.urls.iter()).filter_map(|l| Some((&l.url, l.expanded_url.as_ref()?)));
    for (short, long) in links {
        text = text.replace(short.as_str(), long);
    }
    let media = (tweet.entities.media.iter()).chain(&tweet.extended_entities.media);
    let mut has_media = false;
    let mut without_pictures = text.clone();
    for link in media {
        has_media = true;
        without_pictures = without_pictures.replace(link.url.as_str(), "");
    }
    // A post that is only a picture keeps the picture's link: it would show nothing else.
    if !without_pictures.trim().is_empty() {
        text = without_pictures;
    }
    let mut post = Post::new(sanitise(text.trim()), None, has_media);
    post.hashtags = tweet
        .entities
        .hashtags
        .iter()
        .map(|h| h.text.clone().into())
        .collect();
    // The handles a reply answers are X's line above it, not its text's.
    let in_text = |m: &&Mention| {
        let at = m.indices.first().and_then(Number::get);
        at.is_none_or(|at| at >= shown)
    };
    post.mentions = (tweet.entities.user_mentions.iter())
        .filter(in_text)
        .map(|m| m.screen_name.clone().into())
        .collect();
    post.urls = (tweet.entities.urls.iter())
        .map(|l| {
            l.expanded_url
                .clone()
                .unwrap_or_else(|| l.url.clone())
                .into()
        })
        .collect();
    post
}

/// The length of the handles a reply's text opens with, "@ann @bo ", where the archive
/// shows its text from after them; 0 where it shows all of it, or where what stands before
/// the shown text is anything but handles (the range is then not trusted).
fn reply_prefix(tweet: &Tweet) -> usize {
    let start = tweet.display_text_range.first().and_then(Number::get);
    let Some(prefix) = start.and_then(|start| tweet.full_text.get(..start)) else {
        return 0;
    };
    let handles = prefix.split_whitespace().all(|word| {
        word.strip_prefix('@').is_some_and(|handle| {
            (1..=crate::corpus::entities::HANDLE_MAX).contains(&handle.len())
                && handle
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
    });
    match handles && prefix.ends_with(char::is_whitespace) {
        true => prefix.len(),
        false => 0,
    }
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

/// "Tue May 24 08:00:00 +0000 2022" (or, in archives of 2012–2018, "2022-05-24 08:00:00
/// +0000") as (year, month, day, time), for ordering.
fn time_key(created_at: &str) -> Option<(u32, usize, u32, String)> {
    let parts: Vec<&str> = created_at.split_whitespace().collect();
    if let [date, time, _] = parts.as_slice() {
        let mut ymd = date.split('-');
        let (year, month, day) = (ymd.next()?, ymd.next()?, ymd.next()?);
        return Some((
            year.parse().ok()?,
            month.parse().ok()?,
            day.parse().ok()?,
            time.to_string(),
        ));
    }
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
    fn parts_read_together_are_each_an_assignment() {
        let text = "window.YTD.tweets.part0 = [1]\nwindow.YTD.tweets.part1 = [\"a\nwindow.YTD.x\"]\nwindow.YTD.account.part0 = []";
        let parts: Vec<(&str, &str)> = assignments(text).collect();
        assert_eq!(parts.len(), 3, "{parts:?}");
        assert_eq!(parts[2], ("account", " []"));
        let owner = account_owner(
            &serde_json::json!({"account": {"username": "n", "accountDisplayName": " "}}),
        );
        assert_eq!(owner, Some(Author::from_handle("n")));
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
    fn a_post_that_is_only_a_picture_keeps_its_link() {
        let tweet = |text: &str| -> Tweet {
            serde_json::from_value(serde_json::json!({
                "id_str": "1", "full_text": text,
                "entities": {"media": [{"url": "https://t.co/p"}]},
            }))
            .unwrap()
        };
        let alone = post(&tweet("https://t.co/p"));
        assert_eq!((&*alone.text, alone.media), ("https://t.co/p", true));
        let captioned = post(&tweet("Wrapped https://t.co/p"));
        assert_eq!((&*captioned.text, captioned.media), ("Wrapped", true));
    }

    #[test]
    fn a_replys_text_starts_after_the_handles_it_answers() {
        let tweet = |text: &str, range: [&str; 2], at: [&str; 2]| -> Tweet {
            serde_json::from_value(serde_json::json!({
                "id_str": "1", "full_text": text, "display_text_range": range,
                "entities": {"user_mentions": [
                    {"screen_name": "ann", "indices": at},
                    {"screen_name": "bo", "indices": ["5", "8"]},
                    {"screen_name": "cy", "indices": ["22", "25"]},
                ]},
            }))
            .unwrap()
        };
        let reply = post(&tweet(
            "@ann @bo 2/ Yes, said @cy.",
            ["9", "26"],
            ["0", "4"],
        ));
        assert_eq!(&*reply.text, "2/ Yes, said @cy.");
        assert_eq!(&*reply.mentions, [Box::from("cy")]);
        // Shown whole (an old self-reply that names its author), or a range that cuts
        // into words: the text as written.
        let whole = post(&tweet("@ann 2/ Yes", ["0", "11"], ["0", "4"]));
        assert_eq!(&*whole.text, "@ann 2/ Yes");
        assert_eq!(whole.mentions.len(), 3);
        // The range written as numbers, as older exports write them.
        let numbers: Tweet = serde_json::from_value(serde_json::json!({
            "id_str": "1", "full_text": "@ann Yes", "display_text_range": [5, 8],
            "entities": {"user_mentions": [{"screen_name": "ann", "indices": [0, 4]}]},
        }))
        .unwrap();
        let reply = post(&numbers);
        assert_eq!((&*reply.text, reply.mentions.len()), ("Yes", 0));
        for range in [["3", "11"], ["40", "50"], ["x", "11"]] {
            let text = &*post(&tweet("@ann 2/ Yes", range, ["0", "4"])).text;
            assert_eq!(text, "@ann 2/ Yes", "{range:?}");
        }
    }

    #[test]
    fn archives_of_2012_to_2018_are_parts_by_month() {
        let text = "Grailbird.data.tweets_2018_04 = \n [ {\"id_str\": \"1\"} ]";
        let (name, json) = split(text).unwrap();
        assert_eq!(
            (name, json),
            ("tweets_2018_04", " \n [ {\"id_str\": \"1\"} ]")
        );
        assert!(holds_posts(name));
        assert!(!holds_posts(
            split("Grailbird.data.user_details = {}").unwrap().0
        ));
        assert_eq!(
            date("2018-04-30 21:03:07 +0000").as_deref(),
            Some("2018-04-30 21:03")
        );
        assert!(time_key("2018-04-30 21:03:07 +0000") < time_key("Tue May 01 00:00:00 +0000 2018"));
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
}
