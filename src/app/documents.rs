//! The documents pane: which of the visible documents is selected.

use super::{App, Pane};
use crate::app::Filters;
use crate::corpus::{Corpus, DocIndex};
use crate::keymap::Action;
use std::cell::Cell;

/// The selection in the documents list, as a position among the visible documents.
#[derive(Debug, Default)]
pub struct DocumentsState {
    selected: usize,
    /// The first row shown; written by rendering to keep the selection in view (like
    /// ratatui's `ListState`, the one piece of state rendering may move).
    pub offset: Cell<usize>,
}

impl DocumentsState {
    /// The selected document's index in the corpus.
    pub fn current(&self, filters: &Filters) -> Option<DocIndex> {
        filters.visible().get(self.selected).copied()
    }

    /// The selected row among the visible documents.
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn select_first(&mut self) {
        self.selected = 0;
        self.offset.set(0);
    }

    /// Selects corpus document `doc` if it is visible.
    pub fn select_doc(&mut self, filters: &Filters, doc: DocIndex) {
        if let Some(row) = filters.visible().iter().position(|&d| d == doc) {
            self.selected = row;
        }
    }

    fn move_to(&mut self, filters: &Filters, row: isize) {
        let last = filters.visible().len().saturating_sub(1);
        self.selected = row.clamp(0, last as isize) as usize;
    }

    /// A click on a row of the list.
    pub fn click(&mut self, filters: &Filters, row: usize) {
        let row = self.offset.get() + row;
        if row < filters.visible().len() {
            self.selected = row;
        }
    }
}

/// The shortest prefix of each document's id that no other id starts with (at least three
/// characters, or the whole id): what the list shows and `--open` accepts. Kept up to date
/// as documents arrive by looking at the new ones and their neighbours in id order only: a
/// prefix never has to shrink, since an id that comes between two others shares no more
/// with either than they shared with each other.
#[derive(Debug, Clone, Default)]
pub struct ShortIds {
    /// Document indices in id order.
    order: Vec<usize>,
    /// The characters each document's prefix takes.
    needed: Vec<usize>,
    shown: Vec<String>,
}

impl ShortIds {
    /// The prefixes of `corpus`'s documents.
    pub fn new(corpus: &Corpus) -> ShortIds {
        let mut ids = ShortIds::default();
        ids.extend(&corpus.documents);
        ids
    }

    /// Takes in the documents of `documents` past those it has (the ones before are those it
    /// was given already).
    pub fn extend(&mut self, documents: &[crate::corpus::Document]) {
        let id = |i: usize| documents[i].id.as_str();
        let old = self.needed.len();
        let mut new: Vec<usize> = (old..documents.len()).collect();
        new.sort_unstable_by(|&a, &b| id(a).cmp(id(b)));
        // Two runs in order, merged: the stable sort finds them and merges in one pass.
        let mut order = std::mem::take(&mut self.order);
        order.extend(new);
        order.sort_by(|&a, &b| id(a).cmp(id(b)));
        self.needed.resize(documents.len(), 3);
        self.shown.resize(documents.len(), String::new());
        let common =
            |a: &str, b: &str| a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        let mut changed = Vec::new();
        for (place, &doc) in order.iter().enumerate().filter(|(_, d)| **d >= old) {
            changed.push(doc);
            let next = order.get(place + 1);
            let neighbours = place
                .checked_sub(1)
                .map(|p| order[p])
                .into_iter()
                .chain(next.copied());
            for other in neighbours {
                let shared = common(id(doc), id(other)) + 1;
                for one in [doc, other] {
                    if shared > self.needed[one] {
                        self.needed[one] = shared;
                        changed.push(one);
                    }
                }
            }
        }
        for doc in changed {
            self.shown[doc] = id(doc).chars().take(self.needed[doc]).collect();
        }
        self.order = order;
    }
}

impl std::ops::Index<DocIndex> for ShortIds {
    type Output = str;

    /// The prefix of document `doc`.
    fn index(&self, doc: DocIndex) -> &str {
        &self.shown[doc.index()]
    }
}

impl App {
    pub(super) fn documents_act(&mut self, action: Action) {
        let page = self.page_of_documents() as isize;
        let at = self.documents.selected as isize;
        let filters = &self.filters;
        match action {
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
        let mut seed = crate::corpus::load::bundled().documents.swap_remove(0);
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
            documents: docs,
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
            let whole = ShortIds::new(&Corpus { documents: all.clone(), ..Corpus::default() });
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(all.len())).collect();
            cuts.sort_unstable();
            let mut batches = ShortIds::default();
            for cut in cuts.into_iter().chain([all.len()]) {
                batches.extend(&all[..cut.max(batches.needed.len())]);
            }
            proptest::prop_assert_eq!(shown(&batches, all.len()), shown(&whole, all.len()));
        }
    }
}
