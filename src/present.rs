//! Strings the command line and the terminal UI both show: a post's numbering gutter and
//! name, a thread's header, a document's post count, a citation, text cut to a width.

use crate::corpus::PostRef;
use crate::corpus::sanitise::single_line_owned;
use crate::corpus::{Corpus, Document, Kind, Post, Thread};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` cut to `width` columns, ending in "…" when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` padded with spaces to `width` columns (cut first if longer).
pub fn pad(text: &str, width: usize) -> String {
    let cut = truncate(text, width);
    let fill = width.saturating_sub(cut.width());
    format!("{cut}{}", " ".repeat(fill))
}

/// `text` on one line, as a field shown on one line (a title, a snippet, a citation):
/// runs of white space (line breaks included) become one space, and invisible characters
/// are written as escapes ([`single_line`]), so the line shows all that it holds.
pub fn one_line(text: &str) -> String {
    single_line_owned(collapsed(text))
}

/// `text` with each run of white space one space, and none at either end: the words of
/// `split_whitespace` joined by spaces. Made by copying the runs that are already so (words
/// with one space between them) whole: a search printing every post that holds a common
/// word spent a third of its time here when this went a character at a time.
fn collapsed(text: &str) -> String {
    let text = text.trim();
    if is_collapsed(text) {
        return text.to_string();
    }
    let mut line = String::with_capacity(text.len());
    let (mut at, mut start) = (0, 0);
    while at < text.len() {
        if !MAY_START_SPACE[text.as_bytes()[at] as usize] {
            at += 1;
            continue;
        }
        // Trimmed, so a space is always followed by something.
        let lone_space = text.as_bytes()[at] == b' ' && space_at(text, at + 1).is_none();
        match space_at(text, at).filter(|_| !lone_space) {
            Some(len) => {
                line.push_str(&text[start..at]);
                line.push(' ');
                at += len;
                while let Some(len) = space_at(text, at) {
                    at += len;
                }
                start = at;
            }
            None => at += 1,
        }
    }
    line.push_str(&text[start..]);
    line
}

/// Whether trimmed `text` holds no white space but single spaces, as most texts do: told
/// by a pass over its bytes that asks no question it must stop for, which the compiler
/// makes into one for many bytes at a time.
fn is_collapsed(text: &str) -> bool {
    let other = (text.bytes()).fold(false, |other, b| {
        other | matches!(b, b'\t'..=b'\r' | 0xc2 | 0xe1..=0xe3)
    });
    !other && memchr::memmem::find(text.as_bytes(), b"  ").is_none()
}

/// The bytes a white space character can start with (see [`space_at`]), by byte.
const MAY_START_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b' ' | b'\t'..=b'\r' | 0xc2 | 0xe1 | 0xe2 | 0xe3);
        b += 1;
    }
    table
};

/// The length of the white space character at byte `at` of `text`, if one is there. Every
/// white space character outside ASCII starts with one of four bytes, which no other byte
/// of UTF-8 can be mistaken for, so only those are decoded.
fn space_at(text: &str, at: usize) -> Option<usize> {
    match *text.as_bytes().get(at)? {
        b' ' | b'\t'..=b'\r' => Some(1),
        0xc2 | 0xe1 | 0xe2 | 0xe3 => {
            let c = text[at..].chars().next()?;
            c.is_whitespace().then_some(c.len_utf8())
        }
        _ => None,
    }
}

/// "20 posts", or "36 of 137" when the page declares more than it shows.
pub fn post_count(doc: &Document) -> String {
    post_count_of(doc.post_count(), doc.declared_posts(), doc.kind)
}

/// [`post_count`] of a document of `kind` showing `shown` posts of `declared`.
pub fn post_count_of(shown: usize, declared: Option<u32>, kind: Kind) -> String {
    match declared {
        Some(declared) if declared as usize > shown => format!("{shown} of {declared}"),
        _ if kind.is_prose() => format!("{shown} ¶"),
        _ if shown == 1 => "1 post".to_string(),
        _ => format!("{shown} posts"),
    }
}

/// Who wrote the documents that hold, whole, the threads of listings: looked up by id.
pub trait Holders {
    /// The author's name of the document with this id, if it has one.
    fn author_of(&self, id: &str) -> Option<&str>;
}

/// Authors' names by document id: those of the few documents threads of listings point to
/// ([`crate::corpus::holder_authors`]).
impl Holders for std::collections::HashMap<String, String> {
    fn author_of(&self, id: &str) -> Option<&str> {
        self.get(id).map(String::as_str)
    }
}

/// A thread's header: its place, how many posts are shown of how many, its author, and the
/// document holding the whole thread when this is an excerpt.
pub fn thread_header(holders: &impl Holders, doc: &Document, thread: &Thread) -> String {
    let mut parts = vec![format!("Thread {} of {}", thread.index, doc.threads.len())];
    parts.extend(thread.title.clone());
    let shown = thread.posts.len();
    parts.push(match thread.declared_count {
        Some(declared) if declared as usize != shown => {
            format!("{shown} of {declared} posts shown")
        }
        _ if shown == 1 => "1 post".to_string(),
        _ => format!("{shown} posts"),
    });
    if let Some(author) = &thread.author {
        parts.push(author.name.clone());
    }
    if let Some(id) = &thread.same_thread_as {
        let whose = (holders.author_of(id))
            .map(|name| format!(" {name}"))
            .unwrap_or_default();
        parts.push(format!("same thread as {id}{whose}"));
    }
    parts.join(" · ")
}

/// The gutter of a post: its label, its position when unnumbered, ¶N for prose.
pub fn gutter(kind: Kind, post: &Post) -> String {
    match (&post.label, kind.is_prose()) {
        (Some(label), _) => label.to_string(),
        (None, true) => format!("¶{}", post.index),
        (None, false) => format!("({})", post.index),
    }
}

/// The most of a post's text a citation holds: terminals refuse or choke on a clipboard
/// sequence of many megabytes, and no citation needs more.
pub const MAX_CITED_BYTES: usize = 100 * 1024;

/// "Nick Cook, May 23, post 4/20: text… [000_bcd5621f043b7544]", and whether the post's
/// text was cut to [`MAX_CITED_BYTES`]. The author is the thread's (in a listing, whoever
/// wrote that thread, or the thread it repeats), else the document's.
pub fn citation(corpus: &Corpus, at: PostRef) -> (String, bool) {
    let doc = corpus.document(at.doc);
    let thread = &doc.threads[at.thread];
    let post = &thread.posts[at.post];
    let author = thread.author.as_ref().or(doc.author.as_ref());
    let mut parts: Vec<String> = Vec::new();
    parts.extend(author.map(|a| a.name.clone()));
    parts.extend(doc.date.clone());
    parts.push(post_name(doc, at));
    let mut end = post.text.len().min(MAX_CITED_BYTES);
    while !post.text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = end < post.text.len();
    let text = one_line(&post.text[..end]) + if cut { "…" } else { "" };
    (format!("{}: {text} [{}]", parts.join(", "), doc.id), cut)
}

/// "1 post", "3 posts": a count and its noun.
pub fn plural(n: usize, word: &str) -> String {
    match n {
        1 => format!("1 {word}"),
        _ => format!("{n} {word}s"),
    }
}

/// Where a post is, as the title, the status line and citations all say it: "post 4/20",
/// "post 1.", "post 3" (unnumbered), "¶2" (prose); in a document of several threads, the
/// thread first: "thread 5 · post 2/16".
pub fn post_name(doc: &Document, at: PostRef) -> String {
    let thread = &doc.threads[at.thread];
    let post = &thread.posts[at.post];
    let name = match (post.number, post.total, &post.label) {
        _ if doc.kind.is_prose() => format!("¶{}", post.index),
        (Some(n), Some(total), _) => format!("post {n}/{total}"),
        (_, _, Some(label)) => format!("post {label}"),
        _ => format!("post {}", post.index),
    };
    match doc.threads.len() {
        1 => name,
        _ => format!("thread {} · {name}", thread.index),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn collapsed_is_the_words_joined_by_spaces(
            text in prop_oneof![
                "[ a-c\t\n\u{b}\u{c}\r\u{1}~]{0,24}",
                "[ a\t\n\u{b}\u{c}\r\u{85}\u{a0}\u{2028}\u{3000}é]{0,24}",
                // Every white space character there is, and neighbours of their bytes.
                "[ a\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}-\u{202f}\u{205f}\u{3000}\u{3001}\u{1681}\u{a1}\u{84}é🧵]{0,24}",
            ],
        ) {
            let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(super::collapsed(&text), words);
        }
    }
}
