//! Files that are not page text: platform exports (X account archives, Mastodon outboxes,
//! Bluesky threads), saved HTML pages (their readable text goes to the text readers), and
//! tread's own JSON (what `tread show --json` and `tread export --json` write). Each is
//! recognised by its content, never by its file name; anything else is page text.

mod bluesky;
mod chains;
mod html;
mod mastodon;
mod x_archive;

use super::sanitise::sanitise;
use super::{Document, Source};
use serde_json::Value;
use serde_json::value::RawValue;
use std::collections::HashMap;

/// An unpacked account export (an X archive or a Mastodon export) found in a folder.
pub struct Export {
    /// The files that hold its posts, read as documents.
    pub posts: Vec<std::path::PathBuf>,
    /// Whether an entry of the folder, by its name (and whether it is a folder), is one of
    /// the export's own parts (pictures, pages, likes), which are not read. Anything else a
    /// user put beside them is read as usual.
    pub part: fn(&str, bool) -> bool,
}

/// The unpacked account export `dir` is, if it is one.
pub fn export(dir: &std::path::Path) -> Option<Export> {
    x_archive::post_files(dir).or_else(|| mastodon::post_files(dir))
}

pub use x_archive::companions;

/// What a structured file gave: its documents, and each part that could not be read.
#[derive(Debug, Default)]
pub struct Parsed {
    pub documents: Vec<Document>,
    pub problems: Vec<String>,
}

impl Parsed {
    pub fn problem(message: String) -> Parsed {
        Parsed {
            documents: Vec::new(),
            problems: vec![message],
        }
    }
}

/// The documents in `source` when it is a structure tread knows; `None` for page text.
pub fn read(source: &Source) -> Option<Parsed> {
    if let Some((part, _)) = x_archive::split(&source.text) {
        // The archive's other parts (likes, followers, the account…) hold no posts.
        return Some(match x_archive::holds_posts(part) {
            true => x_archive::read(&source.text, source),
            false => Parsed::default(),
        });
    }
    if html::is_page(&source.text) {
        return Some(page(source));
    }
    if !looks_like_json(&source.text) {
        return None;
    }
    Some(json(source))
}

/// A JSON file: read a part at a time (each document of an array, each activity of an
/// outbox), never as one tree of values first, which took six to forty times the file's
/// size. What does not read is named by its place, and the rest loads.
fn json(source: &Source) -> Parsed {
    let text = source.text.as_str();
    let not_json = |e: serde_json::Error| Parsed::problem(format!("not valid JSON: {e}"));
    if text.trim_start().starts_with('[') {
        return match serde_json::from_str::<Vec<&RawValue>>(text) {
            Ok(items) if !items.is_empty() && !items.iter().any(|i| looks_like_document(i)) => {
                unknown()
            }
            Ok(items) => tread_documents(&items, false, source),
            Err(e) => not_json(e),
        };
    }
    // The top's members, each as written; a key written twice keeps its later value.
    let top: Members = match serde_json::from_str(text) {
        Ok(top) => top,
        Err(e) => return not_json(e),
    };
    // A Bluesky thread's facets count bytes of its text as written: it makes its own
    // strings safe once they are cut.
    if bluesky::is_thread(&top) {
        // A thread is read as one tree of values: as large as a page, no larger.
        if text.len() as u64 > super::load::MAX_FILE_BYTES {
            let mb = super::load::MAX_FILE_BYTES / (1024 * 1024);
            return Parsed::problem(format!("a Bluesky thread larger than {mb} MB; not read"));
        }
        return match serde_json::from_str(text) {
            Ok(value) => bluesky::read(value, source),
            Err(e) => not_json(e),
        };
    }
    if top.contains_key("threads") && top.contains_key("kind") {
        return match serde_json::from_str::<&RawValue>(text) {
            Ok(whole) => tread_documents(&[whole], true, source),
            Err(e) => not_json(e),
        };
    }
    if let Some(items) = mastodon::outbox_items(&top) {
        return match serde_json::from_str::<Vec<&RawValue>>(items.get()) {
            Ok(items) => mastodon::read(&items, source),
            Err(e) => not_json(e),
        };
    }
    match mastodon::is_activity_streams(&top) {
        true => Parsed::default(),
        false => unknown(),
    }
}

/// A JSON object's members, each as written.
pub type Members<'a> = HashMap<String, &'a RawValue>;

/// What to say of JSON of a shape tread does not know.
fn unknown() -> Parsed {
    Parsed::problem(
        "JSON tread does not know: not its own documents (an object with \"kind\" and \
         \"threads\", or an array of them), a Mastodon outbox or a Bluesky thread"
            .to_string(),
    )
}

/// Whether `raw` is an object with a member `key`.
pub fn has_key(raw: &RawValue, key: &str) -> bool {
    serde_json::from_str::<HashMap<String, serde::de::IgnoredAny>>(raw.get())
        .is_ok_and(|members| members.contains_key(key))
}

/// Whether `raw` is meant as one of tread's documents: an object with `kind` and `threads`.
fn looks_like_document(raw: &RawValue) -> bool {
    has_key(raw, "kind") && has_key(raw, "threads")
}

/// A saved page: its readable text, read as the same page's plain-text scrape would be.
fn page(source: &Source) -> Parsed {
    if let Some(problem) = html::too_deep(&source.text) {
        return Parsed::problem(problem);
    }
    let read = html::page_text(&source.text);
    let text = sanitise(&read.text);
    if text.trim().is_empty() {
        return Parsed::problem("an HTML page with no readable text".to_string());
    }
    let reading = super::read(&text);
    let (id, path) = (source.id.clone(), source.path.clone());
    let warnings = source.warnings.clone();
    Parsed {
        documents: vec![Document::from_reading(id, path, reading, warnings)],
        problems: read.cut_short_problem().into_iter().collect(),
    }
}

/// Whether `text` (a file's first bytes) opens as a structure tread reads rather than page
/// text: an X archive's assignment, or JSON.
pub fn opens_as_structure(head: &str) -> bool {
    head.trim_start().starts_with("window.YTD.") || looks_like_json(head)
}

/// Whether `text` opens as a JSON object or array does (`{"`, `{}`, `[{`, `[]`), so that
/// page text beginning with a bracket ("[Thread] …") is still page text.
fn looks_like_json(text: &str) -> bool {
    let mut chars = text.chars().filter(|c| !c.is_whitespace());
    matches!(
        (chars.next(), chars.next()),
        (Some('{'), Some('"' | '}')) | (Some('['), Some('{' | ']'))
    )
}

/// tread's own documents, each read on its own: a bad one is a problem naming its place
/// (`document 3: threads[0].posts[2].text: invalid type…`), the rest load.
fn tread_documents(items: &[&RawValue], single: bool, source: &Source) -> Parsed {
    let mut parsed = Parsed {
        documents: Vec::with_capacity(items.len()),
        problems: Vec::new(),
    };
    for (i, item) in items.iter().enumerate() {
        let place = |path: String| match (single, path.as_str()) {
            (true, ".") => String::new(),
            (true, _) => format!("{path}: "),
            (false, ".") => format!("document {}: ", i + 1),
            (false, _) => format!("document {}: {path}: ", i + 1),
        };
        let mut json = serde_json::Deserializer::from_str(item.get());
        match serde_path_to_error::deserialize::<_, Document>(&mut json) {
            Ok(mut document) => {
                // Escapes such as \u001b decode to controls: the strings are made safe.
                document.sanitise_strings();
                // At once, not after the file: the room is most of a small document.
                document.fit();
                settle(&mut document, source);
                parsed.documents.push(document);
            }
            Err(e) => {
                let at = place(e.path().to_string());
                parsed.problems.push(format!("{at}{}", e.inner()));
            }
        }
    }
    parsed
}

/// A document read back: numbered by position, with where it was first read from (or
/// this file), its organisations kept as they were resolved.
fn settle(document: &mut Document, source: &Source) {
    if document.id.trim().is_empty() {
        document.id = source.id.clone();
    }
    if document.path.is_empty() {
        document.path = source.path.clone();
    }
    document.read_from = Some(source.path.clone());
    document.threads.retain(|t| !t.posts.is_empty());
    crate::corpus::number(&mut document.threads);
    document.resolved = true;
}

/// One part of a file (a post, an activity) as a value, its strings made safe. It may still
/// not read where the whole file did: nested too deep for a value.
fn part_value(raw: &RawValue) -> Result<Value, serde_json::Error> {
    let mut value = serde_json::from_str(raw.get())?;
    clean(&mut value);
    Ok(value)
}

/// Makes every string in `value` safe to show, as page text is where it is read.
fn clean(value: &mut Value) {
    match value {
        Value::String(s) => *s = sanitise(s),
        Value::Array(items) => items.iter_mut().for_each(clean),
        Value::Object(map) => map.values_mut().for_each(clean),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        Source {
            id: "file".to_string(),
            path: "dir/file.json".to_string(),
            text: text.to_string(),
            warnings: Vec::new(),
        }
    }

    #[test]
    fn only_text_that_opens_as_json_is_taken_for_json() {
        for json in ["{\"a\": 1}", " {}", "\n[ {", "[]"] {
            assert!(looks_like_json(json), "{json:?}");
        }
        for text in ["[Thread] 1/", "{ notes }", "[1/5] A thread", "plain"] {
            assert!(!looks_like_json(text), "{text:?}");
            assert!(read(&source(text)).is_none(), "{text:?}");
        }
    }

    #[test]
    fn json_of_another_shape_is_a_problem_not_a_document() {
        let parsed = read(&source(r#"{"type": "Note"}"#)).unwrap();
        assert!(parsed.documents.is_empty());
        assert!(parsed.problems[0].starts_with("JSON tread does not know"));
    }

    #[test]
    fn a_document_read_back_is_numbered_kept_resolved_and_placed() {
        let text = r#"{"id": "", "kind": "unroll", "threads": [
            {"index": 7, "posts": [{"text": "one", "organisations": ["DfE"]}, {"text": "two"}]},
            {"posts": []}
        ]}"#;
        let parsed = read(&source(text)).unwrap();
        assert_eq!(parsed.problems, Vec::<String>::new());
        let doc = &parsed.documents[0];
        assert_eq!(
            (doc.id.as_str(), doc.path.as_str()),
            ("file", "dir/file.json")
        );
        assert_eq!(doc.file(), "dir/file.json");
        assert!(doc.resolved);
        assert_eq!(doc.threads.len(), 1, "the empty thread is dropped");
        assert_eq!(doc.threads[0].index, 1);
        let indices: Vec<u32> = doc.posts().map(|p| p.index).collect();
        assert_eq!(indices, [1, 2]);
        assert_eq!(&*doc.threads[0].posts[0].organisations, ["DfE"]);
    }
}
