//! The orders of the documents list: by file (the corpus's order, files of several grouped),
//! by date, by author, by post count. Each document's keys are taken once per load, so a
//! change of order is a sort of indices, never a reading of the documents.

use super::Joined;
use crate::corpus::{DocIndex, Document};

/// How the documents list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// As read, a file of several documents under one row.
    #[default]
    File,
    /// Oldest first; undated documents last.
    Date,
    /// By author's name; documents without one last.
    Author,
    /// Most posts first.
    Posts,
}

impl Sort {
    /// The next order `s` cycles to.
    pub fn next(self) -> Sort {
        match self {
            Sort::File => Sort::Date,
            Sort::Date => Sort::Author,
            Sort::Author => Sort::Posts,
            Sort::Posts => Sort::File,
        }
    }

    /// As the pane's title says it.
    pub fn name(self) -> &'static str {
        match self {
            Sort::File => "by file",
            Sort::Date => "by date",
            Sort::Author => "by author",
            Sort::Posts => "by posts",
        }
    }
}

/// Each document's sort keys, packed: a list of 200,000 documents from one file keeps them
/// for every document, and kept as tuples and strings they took more than the documents
/// held packed.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    /// [`packed_date`] of each document's date key.
    date: Vec<u64>,
    /// Each document's author key, after a byte that puts the documents without one last
    /// ([`Authors`]).
    author: Authors,
    posts: Vec<u32>,
}

impl Keys {
    /// Adds the keys of the document after the others.
    pub fn push(&mut self, key: Key) {
        self.date.push(packed_date(key.date));
        self.author.push(key.author.as_deref());
        self.posts
            .push(u32::try_from(key.posts).unwrap_or(u32::MAX));
    }

    /// Gives back the room kept for more documents, once no more will come.
    pub fn shrink_to_fit(&mut self) {
        self.date.shrink_to_fit();
        self.author.shrink_to_fit();
        self.posts.shrink_to_fit();
    }

    /// `docs` in the order `sort` (stable: ties keep the corpus's order).
    pub fn sort(&self, docs: &mut [DocIndex], sort: Sort) {
        match sort {
            Sort::File => {}
            Sort::Date => docs.sort_by_key(|d| self.date[d.index()]),
            Sort::Author => {
                docs.sort_by(|a, b| (self.author.get(a.index())).cmp(self.author.get(b.index())))
            }
            Sort::Posts => docs.sort_by_key(|d| std::cmp::Reverse(self.posts[d.index()])),
        }
    }
}

/// A date key as one number that sorts as the key does, undated last (`u64::MAX`, which no
/// date packs to: its month is at most 12).
fn packed_date(key: Option<DateKey>) -> u64 {
    let Some((year, month, day, minutes)) = key else {
        return u64::MAX;
    };
    let year = (i64::from(year) - i64::from(i32::MIN)) as u64;
    year << 32 | u64::from(month) << 24 | u64::from(day) << 16 | u64::from(minutes)
}

/// Author keys one after another, each after a character that says whether there is one:
/// U+0000 before a key, U+0001 for none, so that comparing the strings puts documents
/// without an author after all others and compares the others by their keys.
#[derive(Debug, Clone, Default)]
struct Authors(Joined);

impl Authors {
    fn push(&mut self, key: Option<&str>) {
        match key {
            Some(key) => self.0.push(&["\0", key]),
            None => self.0.push(&["\u{1}"]),
        }
    }

    fn get(&self, doc: usize) -> &str {
        self.0.get(doc)
    }

    fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }
}

/// One document's sort keys.
pub struct Key {
    date: Option<DateKey>,
    author: Option<String>,
    posts: usize,
}

impl Key {
    pub fn of(document: &Document) -> Key {
        Key {
            date: document.date.as_deref().and_then(date_key),
            author: document.author.as_ref().map(|a| author_key(&a.name)),
            posts: document.post_count(),
        }
    }
}

/// A date as it sorts: year, month, day, minutes into the day.
type DateKey = (i32, u8, u8, u16);

/// An author's name as it sorts: without a leading "@", ignoring case.
fn author_key(name: &str) -> String {
    name.trim_start_matches('@').to_lowercase()
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The date a page wrote, in the forms pages and exports use: "2023-05-03", "2023-05-03
/// 08:00" or "…T08:00:00Z", "May 3, 2023", "3 May 2023", "Tuesday, November 9, 2021". A date
/// without a year ("May 23") has no place in time, and is `None`, as is anything else.
pub fn date_key(written: &str) -> Option<DateKey> {
    let words: Vec<&str> = written
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    if let Some(iso) = words.first().and_then(|w| iso_date(w)) {
        // The time is in the same word ("…T09:36:00Z") or the next ("2022-05-24 08:10").
        let glued = words[0].get(11..16);
        let time = glued.or_else(|| words.get(1).and_then(|w| w.get(..5)));
        let time = time.and_then(minutes).unwrap_or(0);
        return Some((iso.0, iso.1, iso.2, time));
    }
    let month_at = words.iter().position(|w| month(w).is_some())?;
    let month = month(words[month_at])?;
    let number = |w: &&str| {
        w.trim_end_matches(['.', 's', 't', 'h', 'n', 'd', 'r'])
            .parse::<u32>()
            .ok()
    };
    // "6 p.m." is a time, not the day.
    let hour = |i: usize| {
        (words.get(i + 1))
            .is_some_and(|w| matches!(w.to_lowercase().as_str(), "am" | "pm" | "a.m." | "p.m."))
    };
    let numbers: Vec<u32> = (words.iter().enumerate())
        .filter(|&(i, _)| i != month_at && !hour(i))
        .filter_map(|(_, w)| number(w))
        .collect();
    let year = *numbers.iter().find(|&&n| (1000..3000).contains(&n))?;
    let day = *numbers.iter().find(|&&n| (1..=31).contains(&n))?;
    Some((year as i32, month, day as u8, 0))
}

/// "2023-05-03" (and what follows it).
fn iso_date(word: &str) -> Option<(i32, u8, u8)> {
    let mut parts = word.get(..10)?.split('-');
    let year = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
}

/// "08:30" as minutes into the day; nothing for what is not a time of day.
fn minutes(hh_mm: &str) -> Option<u16> {
    let (h, m) = hh_mm.split_once(':')?;
    let (h, m) = (h.parse::<u16>().ok()?, m.parse::<u16>().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// The month a word names ("May", "november", "Sept."), from 1.
fn month(word: &str) -> Option<u8> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.len() < 3 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let at = MONTHS.iter().position(|m| word.starts_with(m))?;
    // A month's name or its start, not a word that opens like one ("mayor").
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ][at];
    (full.starts_with(&word) || word == "sept").then_some(at as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_pages_write_them() {
        assert_eq!(date_key("2023-05-03"), Some((2023, 5, 3, 0)));
        assert_eq!(date_key("2022-05-24 08:10"), Some((2022, 5, 24, 490)));
        assert_eq!(date_key("2023-12-17T09:36:00Z"), Some((2023, 12, 17, 576)));
        assert_eq!(date_key(" 2022-05-24 08:10"), Some((2022, 5, 24, 490)));
        assert_eq!(date_key("2022-05-24 99:99"), Some((2022, 5, 24, 0)));
        assert_eq!(date_key("May 3, 2023"), Some((2023, 5, 3, 0)));
        assert_eq!(date_key("3 May 2023"), Some((2023, 5, 3, 0)));
        assert_eq!(
            date_key("Tuesday, November 9, 2021"),
            Some((2021, 11, 9, 0))
        );
        assert_eq!(date_key("Sept. 21st, 2020"), Some((2020, 9, 21, 0)));
        // As news pages write it, the time before or after the date.
        assert_eq!(date_key("Tue 5 Mar 2024 06.00 GMT"), Some((2024, 3, 5, 0)));
        assert_eq!(
            date_key("Published: 10:15, 5 March 2024"),
            Some((2024, 3, 5, 0))
        );
        assert_eq!(date_key("6 p.m., March 9, 2024 EST"), Some((2024, 3, 9, 0)));
        assert_eq!(date_key("May 23"), None, "no year");
        assert_eq!(date_key("the mayor, 2021"), None);
        assert_eq!(date_key(""), None);
    }

    #[test]
    fn each_order_keeps_ties_and_puts_the_unknown_last() {
        let mut keys = Keys::default();
        for (date, author, posts) in [
            (None, Some("zed"), 3),
            (Some((2021, 1, 1, 0)), None, 10),
            (Some((2020, 1, 1, 0)), Some("ann"), 3),
        ] {
            let author = author.map(String::from);
            keys.push(Key {
                date,
                author,
                posts,
            });
        }
        let sorted = |sort| {
            let mut docs: Vec<DocIndex> = DocIndex::all(3).collect();
            keys.sort(&mut docs, sort);
            docs.iter().map(|d| d.index()).collect::<Vec<_>>()
        };
        assert_eq!(sorted(Sort::File), [0, 1, 2]);
        assert_eq!(sorted(Sort::Date), [2, 1, 0]);
        assert_eq!(sorted(Sort::Author), [2, 0, 1]);
        assert_eq!(sorted(Sort::Posts), [1, 0, 2]);
    }

    proptest::proptest! {
        /// The packed keys sort as the keys themselves do: by (absent, value), ties in
        /// the corpus's order.
        #[test]
        fn packed_keys_sort_as_the_keys(
            keys in proptest::collection::vec(
                (
                    proptest::option::of((
                        // Any year, and years close enough to tie, so days and times count.
                        proptest::prop_oneof![proptest::num::i32::ANY, 2019i32..2021],
                        0u8..13,
                        0u8..32,
                        0u16..1440,
                    )),
                    proptest::option::of("[a-c\u{0}\u{1}é]{0,3}"),
                    0usize..4,
                ),
                0..30,
            ),
        ) {
            let mut packed = Keys::default();
            for (date, author, posts) in keys.clone() {
                packed.push(Key { date, author, posts });
            }
            for sort in [Sort::Date, Sort::Author, Sort::Posts] {
                let mut docs: Vec<DocIndex> = DocIndex::all(keys.len()).collect();
                packed.sort(&mut docs, sort);
                let mut expected: Vec<usize> = (0..keys.len()).collect();
                match sort {
                    Sort::Date => expected.sort_by_key(|&d| (keys[d].0.is_none(), keys[d].0)),
                    Sort::Author => expected
                        .sort_by_key(|&d| (keys[d].1.is_none(), keys[d].1.clone())),
                    _ => expected.sort_by_key(|&d| std::cmp::Reverse(keys[d].2)),
                }
                let got: Vec<usize> = docs.iter().map(|d| d.index()).collect();
                proptest::prop_assert_eq!(got, expected, "{:?}", sort);
            }
        }
    }
}
