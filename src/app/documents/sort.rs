//! The orders of the documents list: by file (the corpus's order, files of several grouped),
//! by date, by author, by post count. Each document's keys are taken once per load, so a
//! change of order is a sort of indices, never a reading of the documents.

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

/// Each document's sort keys.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    date: Vec<Option<DateKey>>,
    author: Vec<Option<String>>,
    posts: Vec<usize>,
}

impl Keys {
    /// Adds the keys of the document after the others.
    pub fn push(&mut self, key: Key) {
        self.date.push(key.date);
        self.author.push(key.author);
        self.posts.push(key.posts);
    }

    /// `docs` in the order `sort` (stable: ties keep the corpus's order).
    pub fn sort(&self, docs: &mut [DocIndex], sort: Sort) {
        // `None` last: the key is (absent, value).
        match sort {
            Sort::File => {}
            Sort::Date => docs.sort_by_key(|d| {
                let key = self.date[d.index()];
                (key.is_none(), key)
            }),
            Sort::Author => docs.sort_by(|a, b| {
                let (a, b) = (&self.author[a.index()], &self.author[b.index()]);
                (a.is_none(), a).cmp(&(b.is_none(), b))
            }),
            Sort::Posts => docs.sort_by_key(|d| std::cmp::Reverse(self.posts[d.index()])),
        }
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
    let numbers: Vec<u32> = (words.iter().enumerate())
        .filter(|(i, _)| *i != month_at)
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
        assert_eq!(date_key("May 23"), None, "no year");
        assert_eq!(date_key("the mayor, 2021"), None);
        assert_eq!(date_key(""), None);
    }

    #[test]
    fn each_order_keeps_ties_and_puts_the_unknown_last() {
        let keys = Keys {
            date: vec![None, Some((2021, 1, 1, 0)), Some((2020, 1, 1, 0))],
            author: vec![Some("zed".into()), None, Some("ann".into())],
            posts: vec![3, 10, 3],
        };
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
}
