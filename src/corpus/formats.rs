//! Files that are not page text: platform exports (X account archives, Mastodon outboxes,
//! Bluesky threads), saved HTML pages (their readable text goes to the text readers), and
//! tread's own JSON (what `tread show --json` and `tread export --json` write). Each is
//! recognised by its content, never by its file name; anything else is page text.

mod bluesky;
mod chains;
pub(super) mod html;
mod mastodon;
mod parts;
mod x_archive;

use super::packed::Packed;
use super::sanitise::sanitise;
use super::{Document, Source};
use serde_json::de::Read;
use serde_json::value::RawValue;
use serde_json::{Deserializer, Value};

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

pub use html::fragment_text;
pub use x_archive::{Archive, companions, holds_posts};

/// What a structured file gave: its documents, and each part that could not be read.
#[derive(Debug, Default)]
pub struct Parsed {
    pub documents: Vec<Document>,
    /// Documents kept packed as they were read (tread's own JSON: a file may hold hundreds
    /// of thousands of small ones), after `documents`.
    pub packed: Packed,
    pub problems: Problems,
}

impl Parsed {
    pub fn problem(message: String) -> Parsed {
        let mut parsed = Parsed::default();
        parsed.problems.push(message);
        parsed
    }
}

/// The problems of one file, each a line: the first [`MAX_PROBLEMS`] kept, the others
/// counted, so that a file of a million parts that do not read costs a number, not a million
/// messages, and still says how many there were.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Problems {
    kept: Vec<String>,
    more: usize,
}

/// The most problems kept of one file.
pub const MAX_PROBLEMS: usize = 100;

impl Problems {
    pub fn push(&mut self, problem: String) {
        match self.kept.len() < MAX_PROBLEMS {
            true => self.kept.push(problem),
            false => self.more += 1,
        }
    }

    /// The problems kept, and a line saying how many more there were.
    pub fn into_lines(self) -> Vec<String> {
        let mut lines = self.kept;
        if self.more > 0 {
            lines.push(format!(
                "and {} more problems like these, not listed",
                self.more
            ));
        }
        lines
    }

    /// The problems kept.
    #[cfg(test)]
    pub fn kept(&self) -> &[String] {
        &self.kept
    }
}

impl Extend<String> for Problems {
    fn extend<I: IntoIterator<Item = String>>(&mut self, problems: I) {
        problems.into_iter().for_each(|p| self.push(p));
    }
}

/// The documents in `source` when it is a structure tread knows; `None` for page text.
pub fn read(source: &Source) -> Option<Parsed> {
    match opening(&source.text) {
        // The archive's other parts (likes, followers, the account…) hold no posts.
        Some(Opening::Archive { part }) if !x_archive::holds_posts(&part) => {
            Some(Parsed::default())
        }
        Some(Opening::Archive { .. }) => Some(x_archive::read(&source.text, source)),
        Some(Opening::Json { array }) => Some(json(
            &mut Deserializer::from_str(&source.text),
            array,
            source,
        )),
        None if html::is_page(&source.text) => Some(page(source)),
        None => None,
    }
}

/// A JSON file (an array when `array`, else an object) read from `de` a part at a time:
/// each document of an array, each activity of an outbox, never the file as one tree of
/// values first, which took six to forty times its size. What does not read is named by its
/// place, and the rest loads.
pub fn json<'de, R: Read<'de>>(de: &mut Deserializer<R>, array: bool, source: &Source) -> Parsed {
    let not_json = |e: serde_json::Error| format!("not valid JSON: {e}");
    if array {
        let mut documents = TreadDocuments::new(false, source);
        let read = parts::each_item(de, |item| documents.item(item));
        return documents.finish(read.err().map(not_json));
    }
    // An outbox's activities are read as they come; an object of another kind lets them go.
    let mut outbox = mastodon::Outbox::new(source);
    let (top, streamed) =
        match parts::members_streaming(de, "orderedItems", |item| outbox.item(item)) {
            Ok(read) => read,
            Err(e) => return Parsed::problem(not_json(e)),
        };
    // A Bluesky thread's facets count bytes of its text as written: it makes its own
    // strings safe once they are cut.
    if bluesky::is_thread(&top) {
        // A thread is read as one tree of values: as large as a page, no larger.
        let size: usize = top.values().map(|v| v.get().len()).sum();
        if size as u64 > super::load::MAX_FILE_BYTES {
            let mb = super::load::MAX_FILE_BYTES / (1024 * 1024);
            return Parsed::problem(format!("a Bluesky thread larger than {mb} MB; not read"));
        }
        let values = top.into_iter().map(|(k, v)| {
            let value = serde_json::from_str::<Value>(v.get());
            value.map(|v| (k, v))
        });
        return match values.collect::<Result<serde_json::Map<_, _>, _>>() {
            Ok(members) => bluesky::read(Value::Object(members), source),
            Err(e) => Parsed::problem(not_json(e)),
        };
    }
    if top.contains_key("threads") && top.contains_key("kind") {
        let mut document = TreadDocuments::new(true, source);
        document.item(&parts::object_text(&top));
        return document.finish(None);
    }
    if streamed && mastodon::is_outbox(&top) {
        return outbox.finish();
    }
    match mastodon::is_activity_streams(&top) {
        true => Parsed::default(),
        false => unknown(),
    }
}

pub use parts::Members;

/// What to say of JSON of a shape tread does not know.
fn unknown() -> Parsed {
    Parsed::problem(
        "JSON tread does not know: not its own documents (an object with \"kind\" and \
         \"threads\", or an array of them), a Mastodon outbox or a Bluesky thread"
            .to_string(),
    )
}

/// Whether `raw` is an object with a member of each of `keys`.
pub fn has_keys(raw: &RawValue, keys: &[&str]) -> bool {
    type Keys = std::collections::HashMap<String, serde::de::IgnoredAny>;
    serde_json::from_str::<Keys>(raw.get())
        .is_ok_and(|members| keys.iter().all(|k| members.contains_key(*k)))
}

/// Whether `raw` is meant as one of tread's documents: an object with `kind` and `threads`.
fn looks_like_document(raw: &RawValue) -> bool {
    has_keys(raw, &["kind", "threads"])
}

/// A saved page: its readable text, read as the same page's plain-text scrape would be.
fn page(source: &Source) -> Parsed {
    if let Some(problem) = html::too_deep(&source.text) {
        return Parsed::problem(problem);
    }
    let mut read = html::page_text(&source.text);
    let text = sanitise(&read.text);
    if text.trim().is_empty() && read.embeds.is_empty() {
        return Parsed::problem("an HTML page with no readable text".to_string());
    }
    let mut reading = super::read_embedding(&text, std::mem::take(&mut read.embeds), &read.meta);
    reading.warnings.extend(read.left_out_warning());
    let (id, path) = (source.id.clone(), source.path.clone());
    let warnings = source.warnings.clone();
    Parsed {
        documents: vec![Document::from_reading(id, path, reading, warnings)],
        packed: Packed::default(),
        problems: {
            let mut problems = Problems::default();
            problems.extend(read.cut_short_problem());
            problems
        },
    }
}

/// How a file tread reads as a structure opens.
#[derive(Debug, PartialEq)]
pub enum Opening {
    /// A part of an X archive (`tweets`, `account`…), a JavaScript assignment of JSON.
    Archive { part: String },
    /// JSON: an array (tread's documents) or an object (an export, or one document).
    Json { array: bool },
}

/// How a text (or a file's first bytes) opens, when it is a structure tread reads; `None`
/// for page text and HTML.
pub fn opening(head: &str) -> Option<Opening> {
    if let Some((part, _)) = x_archive::split(head) {
        let part = part.to_string();
        return Some(Opening::Archive { part });
    }
    let array = head.trim_start().starts_with('[');
    looks_like_json(head).then_some(Opening::Json { array })
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

/// tread's own documents, each read on its own as it comes: a bad one is a problem naming
/// its place (`document 3: threads[0].posts[2].text: invalid type…`), the rest load.
struct TreadDocuments<'s> {
    parsed: Parsed,
    /// Whether the file is one document (an object) rather than an array of them.
    single: bool,
    /// How many elements were read.
    count: usize,
    /// Whether any element was meant as a document: an array of none is JSON of another kind.
    any_document: bool,
    source: &'s Source,
}

impl<'s> TreadDocuments<'s> {
    fn new(single: bool, source: &'s Source) -> Self {
        TreadDocuments {
            parsed: Parsed::default(),
            single,
            count: 0,
            any_document: false,
            source,
        }
    }

    fn item(&mut self, item: &RawValue) {
        self.count += 1;
        // Asked only until one is found: after that, every element is read as a document.
        self.any_document = self.any_document || looks_like_document(item);
        let place = |path: String| match (self.single, path.as_str()) {
            (true, ".") => String::new(),
            (true, _) => format!("{path}: "),
            (false, ".") => format!("document {}: ", self.count),
            (false, _) => format!("document {}: {path}: ", self.count),
        };
        let mut json = Deserializer::from_str(item.get());
        match serde_path_to_error::deserialize::<_, Document>(&mut json) {
            Ok(mut document) => {
                // Escapes such as \u001b decode to controls: the strings are made safe.
                document.sanitise_strings();
                settle(&mut document, self.source);
                document.escape_single_line_fields();
                // Packed at once: the document itself takes ten times the room.
                self.parsed.packed.push(&document);
            }
            Err(e) => {
                let at = place(e.path().to_string());
                self.parsed.problems.push(format!("{at}{}", e.inner()));
            }
        }
    }

    /// The documents read, and the problem that ended the reading early, if one did.
    fn finish(mut self, fault: Option<String>) -> Parsed {
        if self.count > 0 && !self.any_document && fault.is_none() {
            return unknown();
        }
        self.parsed.problems.extend(fault);
        self.parsed.packed.fit();
        self.parsed
    }
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
        assert!(parsed.problems.kept()[0].starts_with("JSON tread does not know"));
    }

    #[test]
    fn a_document_read_back_is_numbered_kept_resolved_and_placed() {
        let text = r#"{"id": "", "kind": "unroll", "threads": [
            {"index": 7, "posts": [{"text": "one", "organisations": ["DfE"]}, {"text": "two"}]},
            {"posts": []}
        ]}"#;
        let parsed = read(&source(text)).unwrap();
        assert_eq!(parsed.problems.kept(), &[] as &[String]);
        assert!(
            parsed.documents.is_empty(),
            "tread's own documents are kept packed"
        );
        let doc = &parsed.packed.documents().next().unwrap().unwrap();
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

    #[test]
    fn a_file_of_many_bad_parts_keeps_a_hundred_problems_and_counts_the_rest() {
        let document =
            r#"{"id": "kept", "kind": "unroll", "threads": [{"posts": [{"text": "x"}]}]}"#;
        let text = format!("[{}{document}]", "{},".repeat(1_000));
        let parsed = read(&source(&text)).unwrap();
        assert_eq!(parsed.packed.len(), 1);
        let lines = parsed.problems.into_lines();
        assert_eq!(lines.len(), MAX_PROBLEMS + 1);
        assert!(
            lines[0].starts_with("document 1: missing field"),
            "{}",
            lines[0]
        );
        assert_eq!(
            lines[MAX_PROBLEMS],
            "and 900 more problems like these, not listed"
        );
    }
}
