//! The documents pane: its rows (the visible documents, a file of several under one
//! header row, folded until opened) and which is selected.

mod sort;

use super::{App, Pane};
use crate::app::Filters;
use crate::corpus::{Corpus, DocIndex, Docs, Groups, Store};
use crate::keymap::Action;
use crate::present::Holders;
use std::cell::{Cell, Ref, RefCell};
use std::collections::HashSet;

use sort::Key;
pub use sort::Sort;

/// One row of the documents list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A file of several documents: its group, the first of its documents the filters
    /// leave, and how many they leave (as `u32`s: the list keeps a row for each document).
    File {
        group: u32,
        first: DocIndex,
        shown: u32,
    },
    Document(DocIndex),
}

impl Row {
    /// The document the row stands for: its own, or its file's first shown.
    pub fn doc(self) -> DocIndex {
        match self {
            Row::File { first, .. } => first,
            Row::Document(doc) => doc,
        }
    }
}

/// The selection in the documents list, as a row of it.
#[derive(Debug, Default)]
pub struct DocumentsState {
    selected: usize,
    /// The first row shown; written by rendering to keep the selection in view (like
    /// ratatui's `ListState`, the one piece of state rendering may move).
    pub offset: Cell<usize>,
    /// The files of several documents, and each document's place in them.
    groups: Groups,
    /// The files whose documents are listed under them; the others are one row each.
    open: HashSet<usize>,
    /// The list's order, and each document's keys for it.
    sort: Sort,
    keys: sort::Keys,
    /// Each document's file, for the groups of documents that arrive later.
    files: Files,
    /// The rows, and the filters' generation they were made for (made again when the
    /// filters, the groups or a fold change, never per key otherwise).
    rows: RefCell<(Option<u64>, Vec<Row>)>,
}

/// What the list derives from a corpus: the files of several documents, and the sort keys.
#[derive(Debug, Default)]
pub struct Listing {
    groups: Groups,
    keys: sort::Keys,
    files: Files,
}

impl Listing {
    /// The listing of `corpus`, whose documents' ids `ids` holds.
    pub fn new(corpus: &Corpus, ids: &ShortIds) -> Listing {
        // One pass over the documents, which may be held packed.
        let mut listing = Listing::default();
        listing.add((corpus.documents).map(|_, d| listed(d)), ids);
        listing.shrink_to_fit();
        listing
    }

    /// Adds the documents after those listed: the file and the sort keys of each, in
    /// order; `ids` holds the ids of every document, theirs too.
    fn add(&mut self, arrived: Vec<(String, Key)>, ids: &ShortIds) {
        for (file, key) in arrived {
            self.files.push(file);
            self.keys.push(key);
        }
        // Groups are named against every id (a short name no other id starts with).
        self.groups = self.files.groups(ids);
    }

    /// Gives back the room kept for more documents, once no more will come.
    fn shrink_to_fit(&mut self) {
        self.keys.shrink_to_fit();
        self.files.runs.shrink_to_fit();
        self.groups.shrink_to_fit();
    }
}

/// What the list keeps of `document`: its file and its sort keys.
pub(super) fn listed(document: &crate::corpus::Document) -> (String, Key) {
    (document.file().to_string(), Key::of(document))
}

/// Each document's file, kept as runs of documents from one file (a file's documents
/// usually come one after another).
#[derive(Debug, Default)]
struct Files {
    /// The first document of each run, and the run's file.
    runs: Vec<(usize, String)>,
    /// How many documents.
    count: usize,
}

impl Files {
    /// Adds the file of the document after the others.
    fn push(&mut self, file: String) {
        if self.runs.last().is_none_or(|(_, last)| *last != file) {
            self.runs.push((self.count, file));
        }
        self.count += 1;
    }

    /// Each document's file, in order.
    fn each(&self) -> Vec<&str> {
        let mut each = Vec::with_capacity(self.count);
        for (i, (first, file)) in self.runs.iter().enumerate() {
            let end = self.runs.get(i + 1).map_or(self.count, |(next, _)| *next);
            each.extend(std::iter::repeat_n(file.as_str(), end - first));
        }
        each
    }

    /// The files of several documents; `ids` holds the documents' ids.
    fn groups(&self, ids: &ShortIds) -> Groups {
        let ids: Vec<&str> = (0..ids.len()).map(|doc| ids.id(doc)).collect();
        Groups::of_names(&ids, &self.each())
    }
}

impl DocumentsState {
    /// Takes the files of several documents of `corpus` and its documents' sort keys
    /// (after a load); `ids` holds the ids of its documents.
    pub fn set_corpus(&mut self, corpus: &Corpus, ids: &ShortIds) {
        self.set_listing(Listing::new(corpus, ids));
    }

    /// [`DocumentsState::set_corpus`] with what it derives made already (elsewhere than
    /// where keys wait).
    pub fn set_listing(&mut self, listing: Listing) {
        self.groups = listing.groups;
        self.keys = listing.keys;
        self.files = listing.files;
        self.open.retain(|&g| g < self.groups.len());
        self.rows.get_mut().0 = None;
    }

    /// Lists documents that arrive after those listed: the file and the sort key of each,
    /// in order; `ids` holds the ids of every document, theirs too. Only they are read:
    /// a load sends its documents in batches, and the list follows each.
    pub fn add_documents(&mut self, arrived: Vec<(String, Key)>, ids: &ShortIds) {
        let mut listing = self.take_listing();
        listing.add(arrived, ids);
        self.set_listing(listing);
    }

    /// Gives back the room kept for more documents, once no more will come.
    pub fn shrink_to_fit(&mut self) {
        let mut listing = self.take_listing();
        listing.shrink_to_fit();
        self.set_listing(listing);
    }

    /// What the list derived from the corpus, taken out to be changed.
    fn take_listing(&mut self) -> Listing {
        Listing {
            groups: std::mem::take(&mut self.groups),
            keys: std::mem::take(&mut self.keys),
            files: std::mem::take(&mut self.files),
        }
    }

    /// The list's order.
    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// Orders the list the next way, keeping the selected document selected.
    fn next_sort(&mut self, filters: &Filters) {
        let doc = self.current(filters);
        self.sort = self.sort.next();
        self.rows.get_mut().0 = None;
        match doc {
            Some(doc) if self.select_doc(filters, doc) => {}
            _ => self.select_first(),
        }
    }

    pub fn groups(&self) -> &Groups {
        &self.groups
    }

    /// Whether `group`'s documents are listed under it.
    pub fn is_open(&self, group: &crate::corpus::groups::Group) -> bool {
        let index = group.docs.first().and_then(|&d| self.groups.group_of(d));
        index.is_some_and(|g| self.open.contains(&g))
    }

    /// The rows for what `filters` leave.
    pub fn rows(&self, filters: &Filters) -> Ref<'_, [Row]> {
        let fresh = self.rows.borrow().0 == Some(filters.generation());
        if !fresh {
            let rows = match self.sort {
                Sort::File => rows(filters.visible(), &self.groups, &self.open),
                sort => {
                    let mut docs = filters.visible().to_vec();
                    self.keys.sort(&mut docs, sort);
                    docs.into_iter().map(Row::Document).collect()
                }
            };
            *self.rows.borrow_mut() = (Some(filters.generation()), rows);
        }
        Ref::map(self.rows.borrow(), |(_, rows)| rows.as_slice())
    }

    /// The selected document's index in the corpus (on a file's row, its first document).
    pub fn current(&self, filters: &Filters) -> Option<DocIndex> {
        self.rows(filters).get(self.selected).map(|row| row.doc())
    }

    /// The selected row.
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn select_first(&mut self) {
        self.selected = 0;
        self.offset.set(0);
    }

    /// Selects the row of corpus document `doc` (its file's, while the file is folded, even
    /// when `doc` itself no longer passes the filters); whether it is listed.
    pub fn select_doc(&mut self, filters: &Filters, doc: DocIndex) -> bool {
        let group = self.groups.group_of(doc);
        let row = self.rows(filters).iter().position(|row| match *row {
            Row::Document(d) => d == doc,
            Row::File { group: g, .. } => {
                let g = g as usize;
                Some(g) == group && !self.open.contains(&g)
            }
        });
        if let Some(row) = row {
            self.selected = row;
        }
        row.is_some()
    }

    /// Selects `doc`'s own row, opening its file's list if it was folded: where the reader
    /// is taken to a document (an opening, a search hit, the next unread post).
    pub fn reveal(&mut self, filters: &Filters, doc: DocIndex) {
        if let Some(group) = self.groups.group_of(doc)
            && self.open.insert(group)
        {
            self.rows.get_mut().0 = None;
        }
        self.select_doc(filters, doc);
    }

    /// The files whose documents are listed under them, by path (to open them again in
    /// a corpus loaded anew, where the files' places differ).
    pub fn open_files(&self) -> Vec<String> {
        let mut open: Vec<usize> = self.open.iter().copied().collect();
        open.sort_unstable();
        open.into_iter()
            .map(|g| self.groups.get(g).file.clone())
            .collect()
    }

    /// Lists the documents of each of `files` under it again (see
    /// [`DocumentsState::open_files`]); files no longer of several documents are left.
    pub fn reopen_files(&mut self, files: &[String]) {
        let files: HashSet<&str> = files.iter().map(String::as_str).collect();
        self.open = (0..self.groups.len())
            .filter(|&g| files.contains(self.groups.get(g).file.as_str()))
            .collect();
        self.rows.get_mut().0 = None;
    }

    /// Selects row `row`, or the last when there are fewer.
    pub fn select_row(&mut self, filters: &Filters, row: usize) {
        self.move_to(filters, row.min(isize::MAX as usize) as isize);
    }

    fn move_to(&mut self, filters: &Filters, row: isize) {
        let last = self.rows(filters).len().saturating_sub(1);
        self.selected = row.clamp(0, last as isize) as usize;
    }

    /// A click on a row of the list.
    pub fn click(&mut self, filters: &Filters, row: usize) {
        let row = self.offset.get() + row;
        if row < self.rows(filters).len() {
            self.selected = row;
        }
    }

    /// Opens or folds the file of the selected row; false when it is not in one.
    fn toggle_fold(&mut self, filters: &Filters) -> bool {
        let Some(doc) = self.current(filters) else {
            return false;
        };
        let Some(group) = self.groups.group_of(doc) else {
            return false;
        };
        if !self.open.remove(&group) {
            self.open.insert(group);
        }
        self.rows.get_mut().0 = None;
        // The selection goes to the file's row, as in a tree of folders.
        let header = (self.rows(filters).iter())
            .position(|row| matches!(*row, Row::File { group: g, .. } if g as usize == group));
        self.selected = header.unwrap_or(0);
        true
    }

    /// Whether the selected row is a file's header.
    fn on_file(&self, filters: &Filters) -> bool {
        let rows = self.rows(filters);
        matches!(rows.get(self.selected), Some(Row::File { .. }))
    }
}

/// The rows for the `visible` documents: each in its place, but those of a file of several
/// under one header row where the file's first visible document would be, and listed under
/// it only when the file is `open`.
fn rows(visible: &[DocIndex], groups: &Groups, open: &HashSet<usize>) -> Vec<Row> {
    if groups.is_empty() {
        return visible.iter().map(|&doc| Row::Document(doc)).collect();
    }
    let mut rows = Vec::with_capacity(visible.len());
    // Where each file's header is among the rows, to count its documents.
    let mut header: Vec<Option<usize>> = vec![None; groups.len()];
    for &doc in visible {
        let Some(group) = groups.group_of(doc) else {
            rows.push(Row::Document(doc));
            continue;
        };
        match header[group] {
            Some(at) => {
                if let Row::File { shown, .. } = &mut rows[at] {
                    *shown += 1;
                }
            }
            None => {
                header[group] = Some(rows.len());
                rows.push(Row::File {
                    group: group as u32,
                    first: doc,
                    shown: 1,
                });
            }
        }
        if open.contains(&group) {
            rows.push(Row::Document(doc));
        }
    }
    // Room for a row a document was kept: a file's documents folded under one row leave
    // most of it unused (a file of 200,000 documents is one row).
    rows.shrink_to_fit();
    rows
}

/// The shortest prefix of each document's id that no other id starts with (at least three
/// characters, or the whole id): what the list shows and `--open` accepts. Kept up to date
/// as documents arrive by looking at the new ones and their neighbours in id order only: a
/// prefix never has to shrink, since an id that comes between two others shares no more
/// with either than they shared with each other.
#[derive(Debug, Clone, Default)]
pub struct ShortIds {
    /// Every id (the documents may be held packed: the ids are kept here, not read from
    /// them again).
    ids: Joined,
    /// Document indices in id order.
    order: Vec<DocIndex>,
    /// The bytes each document's prefix takes (an id is at most a file's size, under
    /// 4 GiB).
    needed: Vec<u32>,
}

impl ShortIds {
    /// The prefixes of `corpus`'s documents.
    pub fn new(corpus: &Corpus) -> ShortIds {
        let mut ids = ShortIds::default();
        ids.extend(&corpus.documents);
        ids.shrink_to_fit();
        ids
    }

    /// The id of document `doc`.
    fn id(&self, doc: usize) -> &str {
        self.ids.get(doc)
    }

    /// How many documents it has the ids of.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Takes in the documents of `documents` past those it has (the ones before are those it
    /// was given already), reading them one at a time.
    pub fn extend<D: Docs + ?Sized>(&mut self, documents: &D) {
        let new: Vec<usize> = (self.len()..documents.count()).collect();
        let mut ids = Vec::with_capacity(new.len());
        documents.pick(&new, |_, doc| ids.push(doc.id.clone()));
        self.extend_ids(ids);
    }

    /// Takes in the ids of the documents after those it has.
    pub fn extend_ids(&mut self, ids: Vec<String>) {
        let old = self.ids.len();
        for id in ids {
            self.ids.push(&[&id]);
        }
        let mut new: Vec<DocIndex> = (old..self.ids.len()).map(DocIndex::new).collect();
        new.sort_unstable_by(|&a, &b| self.id(a.index()).cmp(self.id(b.index())));
        // Two runs in order, merged: the stable sort finds them and merges in one pass.
        let mut order = std::mem::take(&mut self.order);
        order.extend(new);
        order.sort_by(|a, b| self.id(a.index()).cmp(self.id(b.index())));
        // The least a prefix takes: three characters, or the whole id.
        for doc in old..self.ids.len() {
            self.needed.push(self.bytes_of_chars(doc, 3));
        }
        for (place, &doc) in order.iter().enumerate().filter(|(_, d)| d.index() >= old) {
            let next = order.get(place + 1);
            let neighbours = place
                .checked_sub(1)
                .map(|p| order[p])
                .into_iter()
                .chain(next.copied());
            for other in neighbours {
                let shared = shared_chars(self.id(doc.index()), self.id(other.index()));
                for one in [doc.index(), other.index()] {
                    // One character more than the two share, or the whole id.
                    let needed = self.bytes_of_chars(one, shared + 1);
                    self.needed[one] = self.needed[one].max(needed);
                }
            }
        }
        self.order = order;
    }

    /// The bytes the first `chars` characters of document `doc`'s id take, or its whole
    /// id's when it has fewer.
    fn bytes_of_chars(&self, doc: usize, chars: usize) -> u32 {
        let id = self.id(doc);
        let bytes = id.char_indices().nth(chars).map_or(id.len(), |(i, _)| i);
        // An id is read from one file, and tread reads no file of 4 GiB.
        u32::try_from(bytes).expect("an id under 4 GiB")
    }

    /// Gives back the room kept for more ids, once no more will come.
    pub fn shrink_to_fit(&mut self) {
        self.ids.shrink_to_fit();
        self.order.shrink_to_fit();
        self.needed.shrink_to_fit();
    }

    /// The document whose id is `id`: a binary search of the id order, so a header naming
    /// another document costs no pass over the corpus.
    pub fn find(&self, id: &str) -> Option<DocIndex> {
        let at = (self.order).partition_point(|d| self.id(d.index()) < id);
        let doc = *self.order.get(at)?;
        (self.id(doc.index()) == id).then_some(doc)
    }
}

/// Strings one after another in one buffer, each found by where it ends: a list that keeps
/// one for each of 200,000 documents holds their bytes and a number each, not a `String`
/// each (24 bytes and an allocation).
#[derive(Debug, Clone, Default)]
struct Joined {
    text: String,
    /// Where each string ends in `text`.
    ends: Vec<usize>,
}

impl Joined {
    /// Adds a string made of `parts`, after the others.
    fn push(&mut self, parts: &[&str]) {
        parts.iter().for_each(|part| self.text.push_str(part));
        self.ends.push(self.text.len());
    }

    /// String `at`.
    fn get(&self, at: usize) -> &str {
        let start = at.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.text[start..self.ends[at]]
    }

    /// How many strings.
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// How many characters `a` and `b` start with alike.
fn shared_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// The authors of documents by id, looked up in the id order: what a repeated thread's header
/// names.
pub struct ById<'a> {
    pub ids: &'a ShortIds,
    pub documents: &'a Store,
}

impl Holders for ById<'_> {
    fn author_of(&self, id: &str) -> Option<&str> {
        let doc = self.ids.find(id)?;
        let author = self.documents[doc.index()].author.as_ref()?;
        Some(&author.name)
    }
}

impl std::ops::Index<DocIndex> for ShortIds {
    type Output = str;

    /// The prefix of document `doc`.
    fn index(&self, doc: DocIndex) -> &str {
        let id = self.id(doc.index());
        &id[..self.needed[doc.index()] as usize]
    }
}

impl App {
    pub(super) fn documents_act(&mut self, action: Action) {
        let page = self.page_of_documents() as isize;
        let at = self.documents.selected as isize;
        let filters = &self.filters;
        match action {
            // On a file's row, enter opens the file's list rather than its first document.
            Action::Open if self.documents.on_file(filters) => self.fold(),
            Action::Fold => self.fold(),
            Action::Sort => {
                self.documents.next_sort(filters);
                let order = self.documents.sort().name();
                self.message = Some(format!("documents {order}"));
            }
            Action::Down => self.documents.move_to(filters, at + 1),
            Action::Up => self.documents.move_to(filters, at - 1),
            Action::PageDown => self.documents.move_to(filters, at + page),
            Action::PageUp => self.documents.move_to(filters, at - page),
            Action::Top => self.documents.move_to(filters, 0),
            Action::Bottom => self.documents.move_to(filters, isize::MAX / 2),
            Action::Open if self.current_doc().is_some() => self.set_focus(Pane::Thread),
            _ => {}
        }
    }

    /// Opens or folds the list of the selected document's file.
    fn fold(&mut self) {
        if self.documents.sort != Sort::File {
            let key = self.key_for(Action::Sort);
            self.message = Some(format!("files are listed whole only by file ({key} sorts)"));
            return;
        }
        if !self.documents.toggle_fold(&self.filters) {
            self.message = Some("this document is the only one of its file".to_string());
        }
    }

    /// How many rows the documents list shows.
    fn page_of_documents(&self) -> usize {
        let panes = self.panes();
        usize::from(panes.documents_list.height).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;

    fn documents(ids: &[&str]) -> Vec<Document> {
        let mut seed = crate::corpus::load::bundled().documents[0].clone();
        seed.threads.clear();
        (ids.iter())
            .map(|id| Document {
                id: id.to_string(),
                ..seed.clone()
            })
            .collect()
    }

    fn shown(ids: &ShortIds, count: usize) -> Vec<&str> {
        DocIndex::all(count).map(|doc| &ids[doc]).collect()
    }

    #[test]
    fn prefixes_are_unique_and_three_characters_at_least() {
        let docs = documents(&["000123_a", "000124_b", "zeta", "ab", "0001"]);
        let ids = ShortIds::new(&Corpus {
            documents: docs.into(),
            ..Corpus::default()
        });
        assert_eq!(shown(&ids, 5), ["000123", "000124", "zet", "ab", "0001"]);
    }

    proptest::proptest! {
        /// Documents arriving in batches get the prefixes they would get all at once.
        #[test]
        fn prefixes_in_batches_are_those_of_all_at_once(
            ids in proptest::collection::btree_set("[ab]{1,6}", 1..40),
            cuts in proptest::collection::vec(0usize..40, 0..5),
            seed in 0u64..1000,
        ) {
            // Unique ids in an order that is not theirs.
            let mut ids: Vec<String> = ids.into_iter().collect();
            let len = ids.len() as u64;
            ids.rotate_left((seed % len) as usize);
            ids.swap(0, (seed / 7 % len) as usize);
            let all = documents(&ids.iter().map(String::as_str).collect::<Vec<_>>());
            let whole = ShortIds::new(&Corpus { documents: all.clone().into(), ..Corpus::default() });
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(all.len())).collect();
            cuts.sort_unstable();
            let mut batches = ShortIds::default();
            for cut in cuts.into_iter().chain([all.len()]) {
                batches.extend(&all[..cut.max(batches.needed.len())]);
            }
            proptest::prop_assert_eq!(shown(&batches, all.len()), shown(&whole, all.len()));
            // Every id is found where it is, after batches as all at once; an id of none is
            // not found.
            for (i, doc) in all.iter().enumerate() {
                proptest::prop_assert_eq!(batches.find(&doc.id), Some(DocIndex::new(i)));
            }
            proptest::prop_assert_eq!(batches.find("c"), None);
            proptest::prop_assert_eq!(batches.find(""), None);
        }
    }
}
