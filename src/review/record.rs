//! One line of a review file: a change to one post (marked, a code added, a note set, read)
//! or the view to come back to. The file is JSON Lines, one record a line, appended and
//! never rewritten, so that it reads and diffs as a log.

use crate::corpus::sanitise::{is_clean, sanitise, single_line};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// What a record does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Mark,
    Unmark,
    /// Adds `code`.
    Code,
    /// Removes `code`.
    Uncode,
    /// Sets the note to `text` (empty: no note).
    Note,
    Read,
    Unread,
    /// Where the reviewer was when they left: the document, the post and `filters`.
    View,
}

/// One record: the change, the post it is made to (see [`Anchor`]), and when. Written as
/// one flat JSON object ([`Line`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Line", into = "Line")]
pub struct Record {
    pub op: Op,
    pub anchor: Anchor,
    pub code: Option<String>,
    pub text: Option<String>,
    pub filters: Vec<String>,
    /// When it was made, in UTC (`2026-12-04T17:20:05Z`).
    pub at: String,
}

/// A record as its line writes it: the anchor's fields among the others. (serde's
/// `flatten` would say the same, at several times the cost of reading a large review.)
#[derive(Serialize, Deserialize)]
struct Line {
    op: Op,
    doc: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    post: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    fp: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    excerpt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    filters: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    at: String,
}

impl From<Line> for Record {
    fn from(line: Line) -> Record {
        Record {
            op: line.op,
            anchor: Anchor {
                doc: line.doc,
                post: line.post,
                fp: line.fp,
                excerpt: line.excerpt,
            },
            code: line.code,
            text: line.text,
            filters: line.filters,
            at: line.at,
        }
    }
}

impl From<Record> for Line {
    fn from(record: Record) -> Line {
        let Anchor {
            doc,
            post,
            fp,
            excerpt,
        } = record.anchor;
        Line {
            op: record.op,
            doc,
            post,
            fp,
            excerpt,
            code: record.code,
            text: record.text,
            filters: record.filters,
            at: record.at,
        }
    }
}

/// How a record names its post so that it is found again after a reload or a new capture
/// of the same page: the document's id, the post's address as `--post` writes it, and a
/// fingerprint of its text. `excerpt`, the post's opening words, lets a person reading the
/// file (or the list of orphans) see which post it was.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Anchor {
    pub doc: String,
    pub post: String,
    pub fp: String,
    pub excerpt: String,
}

impl Anchor {
    /// The anchor of a post of document `doc` at `address`, with text `text`.
    pub fn new(doc: &str, address: &str, text: &str) -> Anchor {
        Anchor {
            doc: doc.to_string(),
            post: address.to_string(),
            fp: fingerprint(text),
            excerpt: excerpt(text),
        }
    }

    /// The post it names, without the excerpt (which only helps people read).
    pub fn key(&self) -> (&str, &str, &str) {
        (&self.doc, &self.post, &self.fp)
    }
}

/// A post's text reduced to its letters and digits, lower-cased, hashed (FNV-1a, 32 bits)
/// and written in hex: spacing, punctuation and case may differ between two captures of the
/// same post without changing it. It must never change between versions of tread (the
/// standard library's hasher may), so it is written out here.
pub fn fingerprint(text: &str) -> String {
    let mut hash = Fnv::default();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // ASCII, nearly all of most posts, a byte at a time without decoding; the same
        // bytes hashed either way (a property test holds it to [`fingerprint_by_rule`]).
        let byte = bytes[at];
        if byte.is_ascii() {
            if byte.is_ascii_alphanumeric() {
                hash.byte(byte.to_ascii_lowercase());
            }
            at += 1;
            continue;
        }
        let c = text[at..].chars().next().expect("a character starts here");
        if c.is_alphanumeric() {
            c.to_lowercase().for_each(|l| hash.char(l));
        }
        at += c.len_utf8();
    }
    format!("{:08x}", hash.0)
}

/// [`fingerprint`] as its rule says it, for the property test.
#[doc(hidden)]
pub fn fingerprint_by_rule(text: &str) -> String {
    let mut hash = Fnv::default();
    let letters = text.chars().filter(|c| c.is_alphanumeric());
    letters
        .flat_map(char::to_lowercase)
        .for_each(|c| hash.char(c));
    format!("{:08x}", hash.0)
}

/// FNV-1a over bytes, 32 bits.
struct Fnv(u32);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0x811c_9dc5)
    }
}

impl Fnv {
    fn byte(&mut self, byte: u8) {
        self.0 = (self.0 ^ u32::from(byte)).wrapping_mul(0x0100_0193);
    }

    fn char(&mut self, c: char) {
        let mut bytes = [0; 4];
        c.encode_utf8(&mut bytes).bytes().for_each(|b| self.byte(b));
    }
}

/// The opening words of a post, on one line, at most 60 characters.
pub(crate) fn excerpt(text: &str) -> String {
    let words = text.split_whitespace();
    let mut out = String::new();
    for word in words {
        if out.chars().count() + word.chars().count() > 60 {
            if out.is_empty() {
                out = word.chars().take(59).collect();
            }
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

impl Record {
    /// A record of `op` on the post `anchor` names, made now.
    pub fn new(op: Op, anchor: Anchor) -> Record {
        Record {
            op,
            anchor,
            code: None,
            text: None,
            filters: Vec::new(),
            at: now(),
        }
    }

    /// The record as its line in the file (without the line break).
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).expect("a record always serialises")
    }

    /// Reads a line of the file, saying what is wrong with one that is not a record. What
    /// it names is made safe to show as document text is: a review is a file like any
    /// other, shared and edited by hand.
    pub fn from_line(line: &str) -> Result<Record, String> {
        let mut record: Record = serde_json::from_str(line).map_err(|e| e.to_string())?;
        record.make_printable();
        let needs = |what: &Option<String>, name: &str| match what {
            Some(_) => Ok(()),
            None => Err(format!("a {:?} record needs {name:?}", record.op)),
        };
        match record.op {
            Op::Code | Op::Uncode => needs(&record.code, "code")?,
            Op::Note => needs(&record.text, "text")?,
            _ => {}
        }
        if record.code.as_deref().is_some_and(|c| c.trim().is_empty()) {
            return Err("a code cannot be empty".to_string());
        }
        if record.anchor.doc.is_empty() {
            return Err("a record needs \"doc\"".to_string());
        }
        Ok(record)
    }
}

impl Record {
    /// Fields shown on one line escaped ([`single_line`]), a note's text sanitised; each
    /// copied only when it changes (nearly never).
    fn make_printable(&mut self) {
        fn escape(field: &mut String) {
            if let Cow::Owned(escaped) = single_line(field) {
                *field = escaped;
            }
        }
        let anchor = &mut self.anchor;
        let fields = [
            &mut anchor.doc,
            &mut anchor.post,
            &mut anchor.fp,
            &mut anchor.excerpt,
        ];
        fields.into_iter().for_each(escape);
        self.code
            .iter_mut()
            .chain(&mut self.filters)
            .for_each(escape);
        if let Some(text) = self.text.as_mut().filter(|t| !is_clean(t)) {
            *text = sanitise(text);
        }
    }
}

/// The time now in UTC, as `2026-12-04T17:20:05Z`.
pub(crate) fn now() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    utc(seconds)
}

/// A time in seconds since 1970 as an ISO 8601 UTC time. The date is Howard Hinnant's
/// `civil_from_days`.
pub(crate) fn utc(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let rest = seconds % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let (h, m, s) = (rest / 3600, rest % 3600 / 60, rest % 60);
    format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_ignore_spacing_punctuation_and_case() {
        let a = fingerprint("The Care Review, 1/12: funding!");
        assert_eq!(a, fingerprint("the care  review 1 12 funding"));
        assert_ne!(a, fingerprint("The Care Review, 1/12: workforce!"));
        // Fixed forever: records written by earlier versions must still find their posts.
        assert_eq!(fingerprint(""), "811c9dc5");
        assert_eq!(fingerprint("a"), "e40c292c");
    }

    proptest::proptest! {
        #[test]
        fn the_quick_fingerprint_is_the_rules(text in "\\PC{0,80}", ascii in "[ -~]{0,80}") {
            proptest::prop_assert_eq!(fingerprint(&text), fingerprint_by_rule(&text));
            proptest::prop_assert_eq!(fingerprint(&ascii), fingerprint_by_rule(&ascii));
        }
    }

    #[test]
    fn times_are_utc_dates() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(utc(1_796_397_605), "2026-12-04T15:20:05Z");
    }

    #[test]
    fn records_read_back_and_bad_lines_say_why() {
        let mut record = Record::new(Op::Code, Anchor::new("thread-1", "3", "Funding matters"));
        record.code = Some("funding".to_string());
        let line = record.to_line();
        assert!(
            line.starts_with(r#"{"op":"code","doc":"thread-1","post":"3","fp":"#),
            "{line}"
        );
        assert_eq!(Record::from_line(&line), Ok(record));
        assert!(
            Record::from_line(r#"{"op":"code","doc":"d"}"#)
                .unwrap_err()
                .contains("code")
        );
        assert!(Record::from_line(r#"{"op":"mark"}"#).is_err());
        assert!(Record::from_line(r#"{"op":"code","doc":"d","code":" "}"#).is_err());
        assert!(Record::from_line(r#"{"op":"frob","doc":"d"}"#).is_err());
        assert!(Record::from_line("{\"op\":\"mark\",\"doc\":").is_err());
    }

    #[test]
    fn excerpts_are_the_opening_words() {
        assert_eq!(excerpt("  a\nb  c "), "a b c");
        let long = "word ".repeat(30);
        assert!(excerpt(&long).ends_with('…'));
        assert!(excerpt(&long).chars().count() <= 61);
        assert_eq!(excerpt(&"x".repeat(100)).chars().count(), 60);
    }
}
