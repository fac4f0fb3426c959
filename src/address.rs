//! A post's address, one scheme everywhere: `--post`, the jump prompt, the reopen command
//! and `tread search` write and read it. A post is named by its number as its author wrote
//! it ("12" for 12/20), or by its place where its thread is unnumbered; in a document of
//! several threads (a listing), the thread comes first: `5:2` is thread 5, post 2. A post
//! its number cannot name (none, or one used before it in its thread) is named by its
//! place as the gutter writes it: `(3)`, the third post. The gutter's other spellings are
//! read too (`12/20`, `¶2`, `5:2/16`).

use crate::corpus::{DocIndex, Document, PostRef, Thread};
use std::collections::HashMap;
use std::fmt;

/// A post's address in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Address {
    /// The thread, from 1, when the address names one.
    pub thread: Option<u32>,
    /// The post's number as written, or its place (from 1) in an unnumbered thread.
    pub number: u32,
    /// `number` is the post's place even in a numbered thread (written `(3)`).
    pub place: bool,
    /// The thread's length, when the address gives it as the gutter does (`12/20`): a
    /// post of a thread of another length is not the one meant.
    pub total: Option<u32>,
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
        let (number, total, place) = label_number(label.trim()).ok_or_else(bad)?;
        if thread == Some(0) {
            return Err(format!("{text:?}: threads are counted from 1"));
        }
        if number == 0 {
            return Err(format!("{text:?}: posts are counted from 1"));
        }
        Ok(Address {
            thread,
            number,
            place,
            total,
        })
    }

    /// The address of the post at `at` of `doc`: with its thread when `doc` has several;
    /// by its number where that names it alone, else by its place.
    pub fn of(doc: &Document, at: PostRef) -> Address {
        let thread = &doc.threads[at.thread];
        let numbering = Numbering::of(thread.posts.iter().map(|post| post.number));
        let place = thread.posts[at.post].index;
        numbering.address((doc.threads.len(), thread.index), at.post, place)
    }

    /// The post this address names in `doc` (document `at` of the corpus). Without a
    /// thread, it is looked for in thread `current` first, then in any thread that
    /// numbers a post so. The error says which posts there are.
    pub fn find(&self, doc: &Document, at: DocIndex, current: usize) -> Result<PostRef, String> {
        let found = self.find_number(doc, at, current)?;
        let thread = &doc.threads[found.thread];
        let length = (thread.posts[found.post].total)
            .or(thread.declared_count)
            .unwrap_or(thread.posts.len() as u32);
        match self.total {
            Some(total) if total != length => Err(format!(
                "post {} of {} is in a thread of {length}, not {total}",
                Address::of(doc, found),
                doc.id
            )),
            _ => Ok(found),
        }
    }

    /// [`Address::find`] by the number alone.
    fn find_number(&self, doc: &Document, at: DocIndex, current: usize) -> Result<PostRef, String> {
        let found = |thread: usize| {
            let posts = &doc.threads.get(thread)?.posts;
            let post = match numbered(&doc.threads[thread]) && !self.place {
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

/// "5:2", or "12" in a document of one thread, "(3)" by place: what `--post` reads back.
impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(thread) = self.thread {
            write!(f, "{thread}:")?;
        }
        match self.place {
            true => write!(f, "({})", self.number),
            false => write!(f, "{}", self.number),
        }
    }
}

/// How a thread's posts are addressed: by number, the first post numbered so, where any
/// is numbered; else by place. Worked out once for a thread, to address any of its posts.
pub struct Numbering {
    /// Each post's number, in order.
    numbers: Vec<Option<u32>>,
    /// The first post with each number.
    first: HashMap<u32, usize>,
}

impl Numbering {
    /// The numbering of a thread whose posts are numbered `numbers`, in order.
    pub fn of(numbers: impl Iterator<Item = Option<u32>>) -> Numbering {
        let numbers: Vec<Option<u32>> = numbers.collect();
        let mut first = HashMap::new();
        for (at, number) in numbers.iter().enumerate() {
            if let Some(number) = *number {
                first.entry(number).or_insert(at);
            }
        }
        Numbering { numbers, first }
    }

    /// The address of the post at `at`, the `place`th of its thread (from 1), where the
    /// thread is the `thread.1`th of a document of `thread.0`.
    pub fn address(&self, thread: (usize, usize), at: usize, place: u32) -> Address {
        let (number, place) = match self.numbers.get(at).copied().flatten() {
            _ if self.first.is_empty() => (place, false),
            Some(n) if self.first.get(&n) == Some(&at) => (n, false),
            _ => (place, true),
        };
        Address {
            thread: (thread.0 > 1).then_some(thread.1 as u32),
            number,
            place,
            total: None,
        }
    }
}

/// Whether a thread's posts are found by their numbers (any is numbered) or by place.
fn numbered(thread: &Thread) -> bool {
    thread.posts.iter().any(|p| p.number.is_some())
}

/// "its posts are 1–20" (or "1–6, 8–20" where numbers skip), from the numbers written or
/// the places.
fn posts(thread: &Thread) -> String {
    let mut numbers: Vec<u32> = match numbered(thread) {
        true => thread.posts.iter().filter_map(|p| p.number).collect(),
        false => thread.posts.iter().map(|p| p.index).collect(),
    };
    numbers.sort_unstable();
    numbers.dedup();
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for n in numbers {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == n => *end = n,
            _ => runs.push((n, n)),
        }
    }
    let runs: Vec<String> = (runs.iter())
        .map(|&(a, b)| match a == b {
            true => a.to_string(),
            false => format!("{a}–{b}"),
        })
        .collect();
    match runs.as_slice() {
        [] => "it has no posts".to_string(),
        [one] if !one.contains('–') => format!("its one post is {one}"),
        _ => format!("its posts are {}", runs.join(", ")),
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

/// The number of a label as the gutter writes it, the total it gives, and whether it is a
/// place (`(3)`) rather than a number: `12`, `12/20`, `12/n`, `(3)`, `3.`, `¶2`.
fn label_number(label: &str) -> Option<(u32, Option<u32>, bool)> {
    if let Some(inner) = label.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
        return Some((whole_number(inner.trim())?, None, true));
    }
    let label = label.strip_prefix('¶').unwrap_or(label);
    let end = label
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(label.len());
    let (digits, rest) = label.split_at(end);
    let rest_ok = match rest.chars().next() {
        None => true,
        Some('/') => !rest[1..].trim().is_empty(),
        Some('.') => rest.len() == 1,
        Some(_) => false,
    };
    let total = rest.strip_prefix('/').and_then(|t| whole_number(t.trim()));
    let number = rest_ok.then(|| whole_number(digits)).flatten()?;
    Some((number, total, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_a_person_types_are_read() {
        let plain = |n| Address {
            thread: None,
            number: n,
            place: false,
            total: None,
        };
        let of = |thread, number, total| Address {
            thread,
            number,
            place: false,
            total,
        };
        let place = |thread, number| Address {
            thread,
            number,
            place: true,
            total: None,
        };
        for (text, expected) in [
            ("12", plain(12)),
            (" 12/20 ", of(None, 12, Some(20))),
            ("12/n", plain(12)),
            ("(3)", place(None, 3)),
            ("5:(3)", place(Some(5), 3)),
            ("3.", plain(3)),
            ("¶2", plain(2)),
            ("5:2", of(Some(5), 2, None)),
            ("5:2/16", of(Some(5), 2, Some(16))),
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
        for bad in [
            "",
            "x",
            "12/",
            "1:2:3",
            "-1",
            "12 13",
            "99999999999",
            "((3)",
        ] {
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
                    let found = read.find(doc, at, t).unwrap();
                    assert_eq!(found, post, "{} {written}", doc.id);
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
        // Numbers that skip are told as runs.
        let mut gappy = unroll.clone();
        gappy.threads[0].posts.remove(6);
        let err = Address::parse("7")
            .unwrap()
            .find(&gappy, DocIndex::new(0), 0);
        assert_eq!(
            err.unwrap_err(),
            "no post 7 in 000_bcd5621f043b7544: its posts are 1–6, 8–20"
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
        // A total that is not the thread's: not the post meant.
        let err = Address::parse("12/18")
            .unwrap()
            .find(unroll, DocIndex::new(0), 0)
            .unwrap_err();
        assert_eq!(
            err,
            "post 12 of 000_bcd5621f043b7544 is in a thread of 20, not 18"
        );
        let found = Address::parse("5:2/16").unwrap().find(listing, at, 0);
        assert!(found.is_ok(), "{found:?}");
        let five_two = Address::parse("5:2").unwrap().find(listing, at, 0).unwrap();
        assert_eq!((five_two.thread, five_two.post), (4, 1));
    }

    #[test]
    fn a_post_its_number_cannot_name_is_named_by_its_place() {
        // Nick Cook's thread, as if its opening were unnumbered and its fourth post
        // repeated the third's number.
        let mut doc = crate::corpus::load::bundled().documents[0].clone();
        doc.threads[0].posts[0].number = None;
        doc.threads[0].posts[3].number = Some(3);
        let doc = &doc;
        let at = DocIndex::new(0);
        let written: Vec<String> = (0..5)
            .map(|p| {
                let post = PostRef {
                    doc: at,
                    thread: 0,
                    post: p,
                };
                Address::of(doc, post).to_string()
            })
            .collect();
        assert_eq!(written, ["(1)", "2", "3", "(4)", "5"]);
        for (p, text) in written.iter().enumerate() {
            let found = Address::parse(text).unwrap().find(doc, at, 0).unwrap();
            assert_eq!(found.post, p, "{text}");
        }
    }
}
