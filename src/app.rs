//! The terminal UI's state and the one place it changes: [`App::handle`] takes an input
//! event, resolves keys through the keymap, and updates. Rendering (`ui`) only reads it.
//!
//! Derived things are derived: the visible documents and the marked posts come from the
//! active filters ([`Filters`]); the thread's lines come from the document and the
//! pane's width ([`layout::Layout`], cached per document and width).

mod cite;
mod documents;
mod filter;
mod focus;
mod loader;
mod loading;
mod overlay;
mod panel;
mod reload;
mod review;
pub mod screen;
mod search;
mod state;
mod thread;
pub use thread::{layout, needles};

pub use crate::filters::{Filter, FilterError, Filters};
pub use loading::Loaded;
pub use overlay::{HelpLine, HelpTone};
pub use panel::{FilterPanel, Row};
pub use reload::{Change, RELOADER, Reloaded, is_reloader, reload};
pub use search::{Scope, Search};
pub use thread::ThreadState;

use crate::corpus::{Corpus, DocIndex, PostRef};
use crate::facets::Facets;
use crate::keymap::{Action, Context, Key, Keymap, Lookup};
use crate::search::PostTable;
use documents::DocumentsState;
pub use documents::Row as DocumentRow;
pub use loader::{Progress, load_in_background, load_in_background_after};
use ratatui::layout::Position;
use std::sync::Arc;

/// The panes, in the order focus moves through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::VariantArray)]
pub enum Pane {
    Documents,
    Thread,
    Filter,
}

impl Pane {
    const ORDER: &'static [Pane] = <Pane as strum::VariantArray>::VARIANTS;

    fn context(self) -> Context {
        match self {
            Pane::Documents => Context::Documents,
            Pane::Thread => Context::Thread,
            Pane::Filter => Context::Filter,
        }
    }
}

/// An input event, already taken out of the terminal's vocabulary, or news from the
/// background load.
#[derive(Debug)]
pub enum Event {
    Key(Key),
    Resize(u16, u16),
    Click(u16, u16),
    Scroll {
        column: u16,
        row: u16,
        down: bool,
    },
    Load(Box<Progress<Loaded>>),
    /// The note as the editor saved it, or why it could not be edited.
    Edited(Result<String, String>),
    /// A copy carried out: what the status line says of it ("citation of post 4/20 copied
    /// to the tmux buffer…").
    Copied(String),
    /// The opened files changed on disk ([`crate::watch`]).
    FilesChanged,
    /// Why changes to the files will not be seen.
    Unwatched(String),
    /// The collection loaded again after its files changed ([`reload`]); `None` when
    /// nothing in it changed.
    Reloaded(Box<Result<Option<Reloaded>, String>>),
}

/// Something for the terminal loop to do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put `text` on the clipboard. The status line names it (`what`: "citation of post
    /// 4/20"), says where it went once it is done ([`Event::Copied`]), then shows `shown`
    /// (the command or the link copied) if there is one.
    Copy {
        text: String,
        what: String,
        shown: Option<String>,
    },
    /// Give the terminal back to the shell until `fg`.
    Suspend,
    /// Clear and repaint the whole screen.
    Redraw,
    /// Edit a note, holding this text, in the user's editor (then [`Event::Edited`]).
    EditNote(String),
    /// Load the collection again ([`reload`], then [`Event::Reloaded`]).
    Reload,
}

/// A window over the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: usize },
    Warnings { scroll: usize },
    Links { selected: usize },
}

/// How the thread pane shows the posts the filters leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hidden {
    /// Each run of them folded into one line.
    #[default]
    Folded,
    /// Shown, dimmed.
    Dimmed,
}

/// A line where something is typed: a search, or a post's label to jump to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Search,
    Jump,
    /// A code for the current post, completed from the codes in use.
    Code,
    /// The current post's note.
    Note,
}

/// Where the TUI opens: the scripted-opening options after they were checked.
#[derive(Debug, Clone, Default)]
pub struct Opening {
    pub document: Option<DocIndex>,
    /// The post to open at, in the opened document.
    pub post: Option<crate::address::Address>,
    pub filters: Vec<Filter>,
    pub search: Option<String>,
    /// The PATHs the corpus came from, for the reopen command (empty: the bundled seeds).
    pub paths: Vec<String>,
    /// The review file `--review` named (absolute), for the reopen command.
    pub review: Option<String>,
}

/// Packed documents kept unpacked between keys, at most: those a screen of rows from all
/// over the corpus (a sorted list) brings with them, and more.
const UNPACKED_KEPT: usize = 8192;

/// The whole state of the terminal UI. Only [`App::handle`] changes it; drawing and tests
/// read it through the accessors below.
pub struct App {
    /// Shared only while a background load resolves it (see [`loading`]).
    corpus: Arc<Corpus>,
    /// Every post's text in corpus order, for searching; kept in step with `corpus`.
    posts: Arc<PostTable>,
    facets: Facets,
    keymap: Keymap,
    /// Each document's shortest unique id prefix (at least three characters), as listed.
    short_ids: documents::ShortIds,
    size: (u16, u16),
    focus: Pane,
    /// The pane focus returns to when the filter panel closes as an overlay.
    previous_focus: Pane,
    filters: Filters,
    /// How posts the filters leave out are shown.
    hidden: Hidden,
    panel: FilterPanel,
    documents: DocumentsState,
    thread: ThreadState,
    search: Option<Search>,
    /// Where a search looks: this document or all (kept between searches).
    search_scope: Scope,
    prompt: Option<Prompt>,
    overlay: Option<Overlay>,
    /// A one-line note for the status line, until the next key.
    message: Option<String>,
    /// Keys of a sequence typed so far (`g` of `g g`).
    pending: Vec<Key>,
    quit: bool,
    /// While loading in the background: files read, of all.
    loading: Option<(usize, usize)>,
    /// Why nothing loaded, when nothing did.
    load_error: Option<String>,
    effects: Vec<Effect>,
    paths: Vec<String>,
    /// The review file `--review` named, for the reopen command.
    review_file: Option<String>,
    /// Why the opening could not go where it was asked (a post that is not there).
    opening_error: Option<String>,
    /// Marks, codes, notes and read state ([`review`]).
    review: crate::review::Review,
    /// Go back to the review's saved view once it is read, unless a key comes first.
    resume: bool,
    /// Posts were read since the review's facets were derived.
    review_stale: bool,
    /// Which: kept as anchors, to keep them unread in the facets of a corpus loaded anew.
    read_lately: Vec<crate::review::Anchor>,
    /// The post whose note is in the editor.
    editing: Option<PostRef>,
    /// Why changes to the files will not be seen, where they will not.
    unwatched: Vec<String>,
    /// The first load is over and writes its cache (the terminal waits for it at the end).
    writing_cache: bool,
    /// Why the first load's cache could not be written, told after the load (until a
    /// reload, which writes its own).
    cache_problem: Option<String>,
    /// A reload of the changed files is under way.
    reloading: bool,
    /// The files changed again while a load was under way: load them once more after it.
    reload_again: bool,
}

impl App {
    /// The app over a loaded corpus, opened as `opening` says, for a terminal of `size`.
    pub fn new(corpus: Corpus, keymap: Keymap, opening: Opening, size: (u16, u16)) -> App {
        let facets = Facets::build(&corpus);
        App::with_facets(corpus, facets, keymap, opening, size)
    }

    /// The app before anything is loaded, while a background load reads `opening.paths`:
    /// its documents arrive as [`Event::Load`].
    pub fn for_background_load(keymap: Keymap, opening: Opening, size: (u16, u16)) -> App {
        let mut app = App::new(Corpus::default(), keymap, opening, size);
        app.loading = Some((0, 0));
        app
    }

    /// [`App::new`] with the corpus's facets already built (to read `--filter` with them).
    pub fn with_facets(
        corpus: Corpus,
        facets: Facets,
        keymap: Keymap,
        opening: Opening,
        size: (u16, u16),
    ) -> App {
        let filters = Filters::new(corpus.documents.len(), &facets, opening.filters);
        let panel = FilterPanel::new(&facets, &filters);
        let mut app = App {
            short_ids: documents::ShortIds::new(&corpus),
            posts: Arc::new(PostTable::new(&corpus)),
            documents: DocumentsState::default(),
            thread: ThreadState::default(),
            corpus: Arc::new(corpus),
            facets,
            keymap,
            size,
            focus: Pane::Documents,
            previous_focus: Pane::Documents,
            filters,
            hidden: Hidden::default(),
            panel,
            search: None,
            search_scope: Scope::All,
            prompt: None,
            overlay: None,
            message: None,
            pending: Vec::new(),
            quit: false,
            loading: None,
            load_error: None,
            effects: Vec::new(),
            paths: opening.paths,
            review_file: opening.review,
            opening_error: None,
            review: crate::review::Review::in_memory(),
            resume: false,
            review_stale: false,
            read_lately: Vec::new(),
            editing: None,
            unwatched: Vec::new(),
            writing_cache: false,
            cache_problem: None,
            reloading: false,
            reload_again: false,
        };
        // A corpus still to come (a background load) is reviewed once it is all there.
        if !app.corpus.documents.is_empty() {
            let places = Arc::clone(app.facets.places());
            app.review.resolve(&app.corpus, &places);
        }
        app.documents.set_corpus(&app.corpus, &app.short_ids);
        app.documents.select_first();
        if let Some(doc) = opening.document {
            app.documents.reveal(&app.filters, doc);
            app.focus = Pane::Thread;
        }
        app.sync_thread();
        if let Some(text) = opening.search {
            // A search opened in a document looks in it; otherwise in every document the
            // filters leave, and the view opens at the first hit.
            if opening.document.is_some() {
                app.search_scope = Scope::Document;
            }
            let doc = app.current_doc();
            let search = Search::new(&app.posts, &app.filters, &text, app.search_scope, doc);
            app.search = Some(search);
        }
        match opening.post {
            Some(address) if !app.jump_to(address) => app.opening_error = app.message.take(),
            Some(_) => {}
            None if app.search.is_some() => app.next_match(true, true),
            None => {}
        }
        app.previous_focus = app.focus;
        app
    }

    /// Takes the effects the last updates asked for.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// The context keys are looked up in now.
    pub fn context(&self) -> Context {
        if self.prompt.is_some() {
            Context::Prompt
        } else {
            self.focus.context()
        }
    }

    /// The one entry point for input.
    pub fn handle(&mut self, event: Event) {
        self.let_go_of_unpacked();
        // Only the reader moves to a post: a reload that leaves them elsewhere reads none.
        let read = !matches!(
            event,
            Event::FilesChanged | Event::Unwatched(_) | Event::Reloaded(_)
        );
        match event {
            Event::Key(key) => self.key(key),
            Event::Resize(w, h) => self.size = (w, h),
            Event::Click(column, row) => self.click(Position::new(column, row)),
            Event::Scroll { column, row, down } => self.scroll(Position::new(column, row), down),
            Event::Load(progress) => self.loaded(*progress),
            Event::Edited(edited) => self.edited(edited),
            Event::Copied(said) => self.message = Some(said),
            Event::FilesChanged => self.files_changed(),
            // Said beside whatever the load said, never instead of it, and kept in the
            // warnings.
            Event::Unwatched(why) => {
                self.message = Some(match self.message.take() {
                    Some(said) => format!("{said}; {why}"),
                    None => why.clone(),
                });
                self.unwatched.push(why);
            }
            Event::Reloaded(outcome) => self.reloaded(*outcome),
        }
        self.sync_thread();
        if read {
            self.note_read();
        }
    }

    fn key(&mut self, key: Key) {
        self.message = None;
        // A key pressed before the review is read: the reader has moved on from where the
        // saved view would take them.
        self.resume = false;
        self.pending.push(key);
        match self.keymap.resolve(self.context(), &self.pending) {
            Lookup::Prefix => {}
            Lookup::Action(action) => {
                self.pending.clear();
                self.act(action);
            }
            Lookup::Unbound => {
                let keys = std::mem::take(&mut self.pending);
                // A sequence broken off: the last key may still mean something alone.
                if keys.len() > 1 {
                    return self.key(key);
                }
                self.unbound(key);
            }
        }
    }

    /// A key bound to nothing: typed into the prompt or the filter query; a digit starts a
    /// jump to a post label.
    fn unbound(&mut self, key: Key) {
        let Some(c) = key.typed_char() else {
            return;
        };
        if let Some(prompt) = &mut self.prompt {
            prompt.text.push(c);
            self.prompt_changed();
        } else if self.focus == Pane::Filter {
            self.panel.push(c, &self.facets, &self.filters);
        } else if c.is_ascii_digit() && self.overlay.is_none() {
            self.prompt = Some(Prompt {
                kind: PromptKind::Jump,
                text: c.to_string(),
            });
        }
    }

    fn act(&mut self, action: Action) {
        self.count_reading_before(action);
        if self.overlay.is_some() && self.overlay_act(action) {
            return;
        }
        if self.prompt.is_some() && self.prompt_act(action) {
            return;
        }
        if self.global_act(action) || self.review_act(action) {
            return;
        }
        match self.focus {
            Pane::Documents => self.documents_act(action),
            Pane::Thread => self.thread_act(action),
            Pane::Filter => self.filter_act(action),
        }
    }

    fn global_act(&mut self, action: Action) -> bool {
        match action {
            Action::Quit => {
                self.save_view();
                self.quit = true
            }
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Warnings => self.overlay = Some(Overlay::Warnings { scroll: 0 }),
            Action::Links => self.open_links(),
            Action::Close => self.close(),
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrevious => self.cycle_focus(Pane::ORDER.len() - 1),
            Action::FocusLeft => self.focus_side(false),
            Action::FocusRight => self.focus_side(true),
            Action::ToggleFilter => self.toggle_filter(),
            Action::Search => {
                // The search in force comes back for editing.
                let text = self.search.as_ref().map(|s| s.text.clone());
                self.prompt = Some(Prompt {
                    kind: PromptKind::Search,
                    text: text.unwrap_or_default(),
                })
            }
            Action::SearchScope => self.toggle_scope(),
            Action::NextMatch => self.next_match(true, false),
            Action::PreviousMatch => self.next_match(false, false),
            Action::Jump => {
                self.prompt = Some(Prompt {
                    kind: PromptKind::Jump,
                    text: String::new(),
                })
            }
            Action::CopyCitation => self.copy_citation(),
            Action::CopyCommand => self.copy_command(),
            Action::ToggleHidden => self.toggle_hidden(),
            Action::RemoveFilter => self.remove_filter(false),
            Action::ClearFilters => self.remove_filter(true),
            Action::Redraw => self.effects.push(Effect::Redraw),
            Action::Suspend => self.effects.push(Effect::Suspend),
            _ => return false,
        }
        true
    }

    /// Esc: the innermost thing open closes: the prompt, the panel's query, the panel,
    /// then the search.
    fn close(&mut self) {
        if self.prompt.take().is_some() {
            return;
        }
        if self.focus == Pane::Filter {
            if self.panel.query.is_empty() {
                self.focus = self.previous_focus;
            } else {
                self.panel.query.clear();
                self.panel.refresh(&self.facets, &self.filters);
            }
            return;
        }
        if self.search.take().is_some() {
            self.message = Some("search cleared".to_string());
        }
    }

    /// The selected document, if any passes the filters.
    pub fn current_doc(&self) -> Option<DocIndex> {
        self.documents.current(&self.filters)
    }

    /// The current post, if the current document has any.
    pub fn current_post(&self) -> Option<PostRef> {
        let doc = self.current_doc()?;
        self.thread.post_ref(doc)
    }

    /// Lets go of the packed documents unpacked to be shown, once more are held than a few
    /// screens show: they are unpacked again when wanted. Not while a load borrows the
    /// documents.
    fn let_go_of_unpacked(&mut self) {
        if self.corpus.documents.unpacked_count() > UNPACKED_KEPT
            && let Some(corpus) = Arc::get_mut(&mut self.corpus)
        {
            corpus.documents.forget_unpacked();
        }
    }

    /// Brings the thread view in line with the selected document, the pane's size and the
    /// posts the filters fold away.
    fn sync_thread(&mut self) {
        let panes = self.panes();
        let doc = self.current_doc();
        let key = self.key_for(Action::ToggleHidden);
        let filters = &self.filters;
        let hides = |at: PostRef| !filters.post_passes(at);
        let fold = layout::Fold {
            hides: &hides,
            key: &key,
        };
        let folding = self.hidden == Hidden::Folded && !filters.is_empty();
        let (review, places) = (&self.review, self.facets.places());
        let annotate = |at: PostRef| {
            let of = places.ordinal(at).and_then(|o| review.get(o));
            of.map_or_else(Vec::new, review::annotations)
        };
        let holders = documents::ById {
            ids: &self.short_ids,
            documents: &self.corpus.documents,
        };
        self.thread.sync(
            &self.corpus,
            &holders,
            doc,
            panes.thread_inner,
            folding.then_some(&fold),
            &annotate,
        );
        if let Some(search) = &mut self.search {
            search.follow_document(doc, &self.filters);
        }
    }

    /// Folds the posts the filters leave out, or shows them dimmed.
    fn toggle_hidden(&mut self) {
        self.hidden = match self.hidden {
            Hidden::Folded => Hidden::Dimmed,
            Hidden::Dimmed => Hidden::Folded,
        };
        self.thread.invalidate();
        self.message = Some(match (self.hidden, self.filters.is_empty()) {
            (Hidden::Folded, false) => "posts the filters leave out: folded".to_string(),
            (Hidden::Dimmed, false) => "posts the filters leave out: dimmed".to_string(),
            (Hidden::Folded, true) => "no filters; posts they leave out will be folded".into(),
            (Hidden::Dimmed, true) => "no filters; posts they leave out will be dimmed".into(),
        });
    }

    fn remove_filter(&mut self, all: bool) {
        let at = match all {
            true => None,
            false => Some(self.filters.list().len().saturating_sub(1)),
        };
        self.remove_filters(at);
    }

    /// Removes the filter at `at` of the list, or every filter.
    fn remove_filters(&mut self, at: Option<usize>) {
        let doc = self.current_doc();
        let last = at
            .and_then(|i| self.filters.list().get(i))
            .map(|f| f.chip(&self.facets));
        let removed = match at {
            None => Ok(self.filters.clear(&self.facets)),
            Some(i) => self.filters.remove(&self.facets, i),
        };
        match (removed, last) {
            (Ok(true), None) => {
                self.filters_changed(doc);
                self.message = Some("removed every filter".to_string());
            }
            (Ok(true), Some(last)) => {
                self.filters_changed(doc);
                self.message = Some(format!("removed {last}"));
            }
            (Ok(false), _) | (Err(_), None) => self.message = Some("no filters".to_string()),
            (Err(_), Some(last)) => {
                let clear = self.key_for(Action::ClearFilters);
                self.message = Some(format!(
                    "without {last} the filters would leave no posts: not removed ({clear} removes all)"
                ));
            }
        }
    }

    /// After the filters change: keep the same document selected if it still passes,
    /// recount the panel.
    fn filters_changed(&mut self, doc: Option<DocIndex>) {
        self.panel.refresh(&self.facets, &self.filters);
        self.thread.invalidate();
        // The same document, or its file's row while any of the file's still passes.
        let kept = doc.is_some_and(|doc| self.documents.select_doc(&self.filters, doc));
        if !kept {
            self.documents.select_first();
        }
        if let Some(search) = &mut self.search {
            search.refresh(&self.posts, &self.filters);
        }
    }

    /// The key that does `action` from the focused pane, as help and hints spell it.
    pub fn key_for(&self, action: Action) -> String {
        let prompt = Some(Context::Prompt).filter(|_| self.prompt.is_some());
        (prompt.and_then(|p| self.keymap.hint(p, action)))
            .or_else(|| self.keymap.hint(self.focus.context(), action))
            .or_else(|| self.keymap.hint(Context::Global, action))
            .unwrap_or_else(|| format!("({} is unbound)", action.name()))
    }

    /// The corpus's documents that pass the filters, in order.
    pub fn visible(&self) -> &[DocIndex] {
        self.filters.visible()
    }
}

#[cfg(test)]
mod tests;
