//! What `tread list` shows of each document: one row, kept as bytes one after another. A
//! load that writes the cache keeps its rows there too ([`Listing`]), so that an unchanged
//! collection is listed without reading a document.

use crate::corpus::packed::{Reader, Records};
use crate::corpus::{DocIndex, Document, Kind, Places, Problem};
use crate::present::one_line;
use serde::Serialize;

/// A document's row.
#[derive(Serialize)]
pub struct ListRow<'a> {
    /// The document's id.
    pub id: &'a str,
    /// The file it was read from, as the load names it.
    pub path: &'a str,
    /// What kind of page it is.
    pub kind: Kind,
    /// The title as the document gives it (`null` when it gives none).
    pub title: Option<&'a str>,
    /// What the list shows for it: the title, or else the opening words of its first post.
    pub display_title: &'a str,
    /// Its author's name, when it names one.
    pub author: Option<&'a str>,
    /// Its date as written, when it gives one.
    pub date: Option<&'a str>,
    /// How many threads it holds.
    pub threads: usize,
    /// How many posts, in all its threads.
    pub posts: usize,
    /// How many posts its page says there are, when it says.
    pub declared_posts: Option<u32>,
    /// With `--filter`: how many of its posts pass.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passing_posts: Option<usize>,
}

/// What the list shows of each document, kept as bytes one row after another (the records
/// of [`crate::corpus::packed`]): a list of hundreds of thousands of small documents holds a
/// few dozen bytes for each, not the documents.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct ListRows {
    records: Records,
}

impl ListRows {
    /// Adds a document's row; `passing` is how many of its posts pass the filters, if any
    /// are given.
    pub fn push(&mut self, doc: &Document, passing: Option<usize>) {
        let display_title = one_line(&doc.display_title());
        self.records.push(&doc.path, |row| {
            row.str(&doc.id);
            row.key();
            row.kind(doc.kind);
            row.opt_str(doc.title.as_deref());
            row.str(&display_title);
            row.opt_str(doc.author.as_ref().map(|a| a.name.as_str()));
            row.opt_str(doc.date.as_deref());
            row.uint(doc.threads.len() as u64);
            row.uint(doc.post_count() as u64);
            row.opt_uint(doc.declared_posts().map(u64::from));
            row.opt_uint(passing.map(|n| n as u64));
        });
    }

    /// The rows, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = ListRow<'_>> {
        let rows = self.records.read(read_row);
        // Made by this process, or read from the cache, which checks them all first.
        rows.map(|row| row.expect("rows read back: made here, or checked by all_read"))
    }
}

/// A row as [`ListRows::push`] wrote it.
fn read_row<'a>(row: &mut Reader<'a>) -> Option<ListRow<'a>> {
    let id = row.str()?;
    let path = row.key()?;
    let kind = row.kind()?;
    Some(ListRow {
        id,
        path,
        kind,
        title: row.opt_str()?,
        display_title: row.str()?,
        author: row.opt_str()?,
        date: row.opt_str()?,
        threads: row.uint()? as usize,
        posts: row.uint()? as usize,
        declared_posts: row.opt_u32()?,
        passing_posts: row.opt_u32()?.map(|n| n as usize),
    })
}

impl ListRows {
    /// Whether every row reads back: rows from the cache are checked once, before they are
    /// trusted to read.
    pub fn all_read(&self) -> bool {
        self.records.read(read_row).all(|row| row.is_some())
    }

    /// How many rows there are.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Whether these are the rows of the documents whose posts are at `places`: as many,
    /// each with as many threads and posts.
    pub fn placed_at(&self, places: &Places) -> bool {
        let mut rows = self.records.read(read_row);
        places.holds_together()
            && places.documents() == self.len()
            && (0..self.len()).all(|doc| {
                let doc = DocIndex::new(doc);
                rows.next().flatten().is_some_and(|row| {
                    row.threads == places.threads_of(doc)
                        && row.posts == places.of_document(doc).len()
                })
            })
    }
}

/// What a whole load listed, as the cache keeps it: each document's row, what the files
/// read said was wrong (with the ids the load had to change), and the files documents
/// came from, in the order the load met them.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct Listing {
    /// Each document's row, in the order of the load.
    pub rows: ListRows,
    /// What the files said was wrong, and the ids the load changed, as the load said it.
    pub problems: Vec<Problem>,
    /// The files documents came from, each run of documents of one file adding it once.
    pub files: Vec<String>,
}

impl Listing {
    /// Adds a document's row, and its file when it is not the last one's.
    pub fn push(&mut self, doc: &Document) {
        if self.files.last().is_none_or(|last| last != doc.file()) {
            self.files.push(doc.file().to_string());
        }
        self.rows.push(doc, None);
    }
}
