//! The documents pane: which of the visible documents is selected.

use super::{App, Pane};
use crate::app::Filters;
use crate::corpus::Corpus;
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
    pub fn current(&self, filters: &Filters) -> Option<usize> {
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
    pub fn select_doc(&mut self, filters: &Filters, doc: usize) {
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

/// The shortest prefix of each id that no other id starts with (at least three
/// characters, or the whole id): what the list shows and `--open` accepts.
pub fn short_ids(corpus: &Corpus) -> Vec<String> {
    let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by_key(|&i| ids[i]);
    let common = |a: &str, b: &str| a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let mut needed = vec![3usize; ids.len()];
    for pair in order.windows(2) {
        let shared = common(ids[pair[0]], ids[pair[1]]) + 1;
        needed[pair[0]] = needed[pair[0]].max(shared);
        needed[pair[1]] = needed[pair[1]].max(shared);
    }
    ids.iter()
        .zip(needed)
        .map(|(id, n)| id.chars().take(n).collect())
        .collect()
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
        let panes = crate::ui::panes(self.area(), self);
        usize::from(panes.documents_list.height).max(1)
    }
}
