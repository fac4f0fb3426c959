//! A post's address, one scheme everywhere: `--post`, the jump prompt, the reopen command
//! and `tread search` write and read it. A post is named by its number as its author wrote
//! it ("12" for 12/20), or by its place where its thread is unnumbered; in a document of
//! several threads (a listing), the thread comes first: `5:2` is thread 5, post 2. The
//! gutter's own spellings are read too (`12/20`, `(3)`, `¶2`, `5:2/16`).

use crate::corpus::{DocIndex, Document, PostRef, Thread};
use std::fmt;

/// A post's address in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Address {
    /// The thread, from 1, when the address names one.
    pub thread: Option<u32>,
    /// The post's number as written, or its place (from 1) in an unnumbered thread.
    pub number: u32,
}

/// What `--post` and the jump prompt accept, for messages.
pub const FORMS: &str = "write 12, 12/20, or 5:2 for thread 5, post 2";

impl Address {
    /// Reads an address as typed, with a message a person understands when it is not one.
    pub fn parse(text: &str) -> Result<Address, String> {
        let text = text.trim();
        let bad = || format!("not a post address: {text:?} ({FORMS})");
        let (thread, label) = match text.split_once(':') {
            Some((thread, label)) => (Some(whole_number(thread.trim()).ok_or_else(bad)?), label),
            None => (None, text),
        };
        let number = label_number(label.trim()).ok_or_else(bad)?;
        if thread == Some(0) {
            return Err(format!("{text:?}: threads are counted from 1"));
        }
        if number == 0 {
            return Err(format!("{text:?}: posts are counted from 1"));
        }
        Ok(Address { thread, number })
    }

    /// The address of the post at `at` of `doc`: with its thread when `doc` has several.
    pub fn of(doc: &Document, at: PostRef) -> Address {
        let thread = &doc.threads[at.thread];
        let post = &thread.posts[at.post];
        Address {
            thread: (doc.threads.len() > 1).then_some(thread.index as u32),
            number: match numbered(thread) {
                true => post.number.unwrap_or(post.index),
                false => post.index,
            },
        }
    }

    /// The post this address names in `doc` (document `at` of the corpus). Without a
    /// thread, it is looked for in thread `current` first, then in any thread that
    /// numbers a post so. The error says which posts there are.
    pub fn find(&self, doc: &Document, at: DocIndex, current: usize) -> Result<PostRef, String> {
        let found = |thread: usize| {
            let posts = &doc.threads.get(thread)?.posts;
            let post = match numbered(&doc.threads[thread]) {
                true => posts.iter().position(|p| p.number == Some(self.number))?,
                false => posts.iter().position(|p| p.index == self.number)?,
            };
            Some(PostRef {
                doc: at,
                thread,
                post,
            })
        };
        let threads = doc.threads.len();
        if let Some(t) = self.thread {
            let t = t as usize;
            if t > threads {
                return Err(format!(
                    "no thread {t} in {}: {}",
                    doc.id,
                    thread_range(threads)
                ));
            }
            return found(t - 1).ok_or_else(|| {
                let which = format!("thread {t} of {}", doc.id);
                format!(
                    "no post {} in {which}: {}",
                    self.number,
                    posts(&doc.threads[t - 1])
                )
            });
        }
        let anywhere = || {
            (0..threads)
                .filter(|&t| numbered(&doc.threads[t]))
                .find_map(found)
        };
        found(current).or_else(anywhere).ok_or_else(|| match threads {
            0 => format!("{} has no posts", doc.id),
            1 => format!("no post {} in {}: {}", self.number, doc.id, posts(&doc.threads[0])),
            n => format!(
                "no post {} in thread {} of {}: {} (it has threads 1–{n}: 5:2 is thread 5, post 2)",
                self.number,
                current + 1,
                doc.id,
                posts(&doc.threads[current.min(n - 1)]),
            ),
        })
    }
}

/// "5:2", or "12" in a document of one thread: what `--post` reads back.
impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.thread {
            Some(thread) => write!(f, "{thread}:{}", self.number),
            None => write!(f, "{}", self.number),
        }
    }
}

/// Whether a thread's posts are found by their numbers (any is numbered) or by place.
fn numbered(thread: &Thread) -> bool {
    thread.posts.iter().any(|p| p.number.is_some())
}

/// "its posts are 1–20", from the numbers written or the places.
fn posts(thread: &Thread) -> String {
    let numbers: Vec<u32> = match numbered(thread) {
        true => thread.posts.iter().filter_map(|p| p.number).collect(),
        false => thread.posts.iter().map(|p| p.index).collect(),
    };
    match (numbers.iter().min(), numbers.iter().max()) {
        (Some(lo), Some(hi)) if lo == hi => format!("its one post is {lo}"),
        (Some(lo), Some(hi)) => format!("its posts are {lo}–{hi}"),
        _ => "it has no posts".to_string(),
    }
}

fn thread_range(threads: usize) -> String {
    match threads {
        0 => "it has no threads".to_string(),
        1 => "it has one thread".to_string(),
        n => format!("its threads are 1–{n}"),
    }
}

/// Digits only, as a number.
fn whole_number(text: &str) -> Option<u32> {
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| text.parse().ok()).flatten()
}

/// The number of a label as the gutter writes it: `12`, `12/20`, `12/n`, `(3)`, `3.`,
/// `¶2`, `#4`.
fn label_number(label: &str) -> Option<u32> {
    let label = label.trim_start_matches(['¶', '(', '#', '[']);
    let end = label
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(label.len());
    let (digits, rest) = label.split_at(end);
    let rest_ok = match rest.chars().next() {
        None => true,
        Some('/') => !rest[1..].trim().is_empty(),
        Some(')' | '.' | ']') => rest.chars().count() == 1,
        Some(_) => false,
    };
    rest_ok.then(|| whole_number(digits)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_a_person_types_are_read() {
        let plain = |n| Address {
            thread: None,
            number: n,
        };
        for (text, expected) in [
            ("12", plain(12)),
            (" 12/20 ", plain(12)),
            ("12/n", plain(12)),
            ("(3)", plain(3)),
            ("3.", plain(3)),
            ("¶2", plain(2)),
            (
                "5:2",
                Address {
                    thread: Some(5),
                    number: 2,
                },
            ),
            (
                "5:2/16",
                Address {
                    thread: Some(5),
                    number: 2,
                },
            ),
        ] {
            assert_eq!(Address::parse(text), Ok(expected), "{text}");
        }
        assert_eq!(
            Address::parse("0").unwrap_err(),
            "\"0\": posts are counted from 1"
        );
        assert_eq!(
            Address::parse("0:2").unwrap_err(),
            "\"0:2\": threads are counted from 1"
        );
        for bad in ["", "x", "12/", "1:2:3", "-1", "12 13", "99999999999"] {
            let message = Address::parse(bad).unwrap_err();
            assert!(message.contains(FORMS), "{bad}: {message}");
        }
    }

    #[test]
    fn an_address_written_is_read_back_to_its_post() {
        let corpus = crate::corpus::load::bundled();
        for (d, doc) in corpus.documents.iter().enumerate() {
            let at = DocIndex::new(d);
            for (t, thread) in doc.threads.iter().enumerate() {
                for p in 0..thread.posts.len() {
                    let post = PostRef {
                        doc: at,
                        thread: t,
                        post: p,
                    };
                    let written = Address::of(doc, post).to_string();
                    let read = Address::parse(&written).unwrap();
                    // Numbers repeat in some threads: the first so numbered is found.
                    let found = read.find(doc, at, 0).unwrap();
                    assert_eq!(
                        Address::of(doc, found).to_string(),
                        written,
                        "{} {written}",
                        doc.id
                    );
                }
            }
        }
    }

    #[test]
    fn a_missing_post_is_told_with_the_posts_there_are() {
        let corpus = crate::corpus::load::bundled();
        let unroll = &corpus.documents[0];
        let at = DocIndex::new(0);
        let err = Address::parse("40")
            .unwrap()
            .find(unroll, at, 0)
            .unwrap_err();
        assert_eq!(
            err,
            "no post 40 in 000_bcd5621f043b7544: its posts are 1–20"
        );
        let listing = &corpus.documents[2];
        let at = DocIndex::new(2);
        let err = Address::parse("13:1")
            .unwrap()
            .find(listing, at, 0)
            .unwrap_err();
        assert_eq!(
            err,
            "no thread 13 in 002_12ed20b751bd733c: its threads are 1–12"
        );
        let five_two = Address::parse("5:2").unwrap().find(listing, at, 0).unwrap();
        assert_eq!((five_two.thread, five_two.post), (4, 1));
    }
}
