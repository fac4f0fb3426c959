//! The app's state, read from outside: for drawing, and for tests that assert what a user
//! would see. Only [`App::handle`] changes it.

use super::documents::DocumentsState;
use super::panel::FilterPanel;
use super::search::{Scope, Search};
use super::thread::ThreadState;
use super::{App, Overlay, Pane, Prompt};
use crate::corpus::Corpus;
use crate::facets::Facets;
use crate::filters::Filters;
use crate::keymap::{Key, Keymap};

impl App {
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    pub fn facets(&self) -> &Facets {
        &self.facets
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// A document's id as the list and the thread's title show it: its file's short name
    /// and its place (`b_18#3`) for a file of several, else its shortest unique prefix.
    pub fn short_id(&self, doc: crate::corpus::DocIndex) -> String {
        let grouped = self.documents.groups().short_id(doc);
        grouped.unwrap_or_else(|| self.short_ids[doc].to_string())
    }

    /// The terminal's size.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    pub fn focus(&self) -> Pane {
        self.focus
    }

    pub fn filters(&self) -> &Filters {
        &self.filters
    }

    /// How the thread pane shows the posts the filters leave out.
    pub fn hidden(&self) -> super::Hidden {
        self.hidden
    }

    /// Why the opening could not go where it was asked, if it could not.
    pub fn opening_error(&self) -> Option<&str> {
        self.opening_error.as_deref()
    }

    pub fn panel(&self) -> &FilterPanel {
        &self.panel
    }

    pub fn documents(&self) -> &DocumentsState {
        &self.documents
    }

    pub fn thread(&self) -> &ThreadState {
        &self.thread
    }

    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref()
    }

    /// Where a search looks: this document or all.
    pub fn search_scope(&self) -> Scope {
        self.search_scope
    }

    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    /// The one-line note for the status line, until the next key.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Keys of a sequence typed so far (`g` of `g g`).
    pub fn pending(&self) -> &[Key] {
        &self.pending
    }

    /// Whether the user asked to quit.
    pub fn quit(&self) -> bool {
        self.quit
    }

    /// While loading in the background: files read, of all.
    pub fn loading(&self) -> Option<(usize, usize)> {
        self.loading
    }

    /// Why nothing loaded, when nothing did.
    pub fn load_error(&self) -> Option<&str> {
        self.load_error.as_deref()
    }
}
