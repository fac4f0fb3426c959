//! The thread pane: the current post and how far the pane is scrolled, over the wrapped
//! lines of the current document (built once per document and width).

use super::{App, Pane};
use crate::address::Address;
use crate::corpus::{Corpus, DocIndex, PostRef};
use crate::keymap::Action;
use crate::present::Holders;
pub mod layout;
pub mod needles;

use layout::Layout;
use needles::Needles;
use ratatui::layout::Rect;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The thread pane's position.
#[derive(Debug, Default)]
pub struct ThreadState {
    /// The current post, as a position in the document's posts (all threads, in order).
    post: usize,
    /// The first line shown.
    scroll: usize,
    /// Lines the pane shows.
    height: usize,
    layout: Option<Rc<Layout>>,
    /// The document changed under the layout (the finished load): wrap it again, in place.
    stale: bool,
    /// The entities of the posts drawn since the layout was built, gathered once each.
    needles: RefCell<HashMap<PostRef, Rc<Needles>>>,
}

impl ThreadState {
    /// Asks for the layout to be built again at the next sync, keeping the position.
    pub fn invalidate(&mut self) {
        self.stale = true;
    }

    /// Forgets the document laid out, so that the next one shown starts at its top (the
    /// document read was removed; another has its place in the corpus).
    pub fn forget(&mut self) {
        self.layout = None;
    }

    /// The wrapped lines of the current document, if there is one.
    pub fn layout(&self) -> Option<&Layout> {
        self.layout.as_deref()
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// The entities of the post at `at` of the laid-out document, to style where they occur.
    pub fn needles(&self, corpus: &Corpus, at: PostRef) -> Rc<Needles> {
        /// More posts than a screen shows: past it, those of earlier screens are let go.
        const KEPT: usize = 256;
        let mut cache = self.needles.borrow_mut();
        if cache.len() >= KEPT && !cache.contains_key(&at) {
            cache.clear();
        }
        Rc::clone(
            cache
                .entry(at)
                .or_insert_with(|| Rc::new(Needles::of(corpus, at))),
        )
    }

    /// The position of the current post among the document's posts.
    pub fn post(&self) -> usize {
        self.post
    }

    /// The current post of document `doc`.
    pub fn post_ref(&self, doc: DocIndex) -> Option<PostRef> {
        let layout = self.layout.as_ref().filter(|l| l.doc == doc)?;
        layout.posts.get(self.post).copied()
    }

    /// Follows a change of document or pane size: a new document starts at its top; the
    /// lines are rebuilt only when the document or the width changed.
    pub fn sync(
        &mut self,
        corpus: &Corpus,
        holders: &impl Holders,
        doc: Option<DocIndex>,
        inner: Rect,
        fold: Option<&layout::Fold>,
        annotate: layout::Annotate,
    ) {
        let Some(doc) = doc else {
            self.layout = None;
            return;
        };
        // A hidden pane (one pane at a time) keeps the width it was last shown at, so the
        // document is not wrapped again for nothing.
        let width = match inner.width {
            0 => self.layout.as_ref().map_or(80, |l| l.width),
            w => w,
        };
        let same_doc = self.layout.as_ref().is_some_and(|l| l.doc == doc);
        if !same_doc {
            self.post = 0;
            self.scroll = 0;
        }
        if !same_doc || self.stale || self.layout.as_ref().is_some_and(|l| l.width != width) {
            // The same post stays current through a new layout (or the next one shown,
            // when it is folded away now).
            let current = self.layout.as_ref().filter(|_| same_doc);
            let current = current.and_then(|l| l.posts.get(self.post).copied());
            let layout = Layout::build(corpus, holders, doc, width, fold, annotate);
            if let Some(at) = current {
                let after = layout.posts.partition_point(|p| *p < at);
                self.post = after.min(layout.posts.len().saturating_sub(1));
            }
            self.layout = Some(Rc::new(layout));
            self.stale = false;
            self.needles.borrow_mut().clear();
        }
        if inner.is_empty() {
            // Hidden: nothing to keep in view until it shows again.
            return;
        }
        self.height = usize::from(inner.height);
        let Some(layout) = self.layout.clone() else {
            return;
        };
        self.post = self.post.min(layout.posts.len().saturating_sub(1));
        self.scroll = self.scroll.min(self.max_scroll(&layout));
        if !self.post_in_view(&layout) {
            self.reveal(&layout);
        }
    }

    fn max_scroll(&self, layout: &Layout) -> usize {
        layout.total.saturating_sub(self.height)
    }

    fn post_in_view(&self, layout: &Layout) -> bool {
        let Some(lines) = layout.post_lines(self.post) else {
            return true;
        };
        lines.start < self.scroll + self.height && lines.end > self.scroll
    }

    /// Scrolls so the current post shows whole (its thread's header too, when it opens one),
    /// or at least its first lines when it is taller than the pane.
    fn reveal(&mut self, layout: &Layout) {
        let Some(lines) = layout.post_lines(self.post) else {
            return;
        };
        let with_heading = layout.heading_above(self.post).unwrap_or(lines.start);
        if lines.start < self.scroll {
            self.scroll = if lines.end - with_heading <= self.height {
                with_heading
            } else {
                lines.start
            };
        } else if lines.end > self.scroll + self.height {
            self.scroll = lines.start.min(lines.end.saturating_sub(self.height));
        }
        self.scroll = self.scroll.min(self.max_scroll(layout));
    }

    /// Makes post `post` (a position among the document's posts) current and shows it.
    pub fn select(&mut self, post: usize) {
        let Some(layout) = self.layout.clone() else {
            return;
        };
        self.post = post.min(layout.posts.len().saturating_sub(1));
        self.reveal(&layout);
    }

    /// How far below the top of the pane the current post starts (negative when the pane
    /// is scrolled into it): where to put it back once its document is laid out anew.
    pub fn post_offset(&self) -> Option<isize> {
        let layout = self.layout.as_ref()?;
        let lines = layout.post_lines(self.post)?;
        Some(lines.start as isize - self.scroll as isize)
    }

    /// Makes the post at `at` current, starting `offset` lines below the top of the pane
    /// (see [`ThreadState::post_offset`]) as nearly as the document's length allows;
    /// whether it is in the document laid out.
    pub fn select_ref_at(&mut self, at: PostRef, offset: isize) -> bool {
        if !self.select_ref(at) {
            return false;
        }
        let Some(layout) = self.layout.clone() else {
            return false;
        };
        let start = layout.post_lines(self.post).map_or(0, |lines| lines.start);
        let top = start.saturating_add_signed(-offset);
        self.scroll = top.min(self.max_scroll(&layout));
        true
    }

    /// Makes a post current by its place in the corpus, as a jump: a post out of view is
    /// brought to the top of the pane (with its thread's header), not just into view.
    pub fn select_ref(&mut self, at: PostRef) -> bool {
        let Some(layout) = self.layout.clone() else {
            return false;
        };
        let Some(post) = layout.posts.iter().position(|p| *p == at) else {
            return false;
        };
        self.post = post;
        if !self.post_in_view(&layout) {
            let lines = layout.post_lines(post).unwrap_or(0..0);
            self.scroll = layout.heading_above(post).unwrap_or(lines.start);
            if lines.end.saturating_sub(self.scroll) > self.height {
                self.scroll = lines.start;
            }
            self.scroll = self.scroll.min(self.max_scroll(&layout));
        }
        self.reveal(&layout);
        true
    }

    /// Moves the view by `lines`, keeping the current post if it stays in view, else taking
    /// the first post that shows.
    fn scroll_by(&mut self, lines: isize) {
        let Some(layout) = self.layout.clone() else {
            return;
        };
        let max = self.max_scroll(&layout) as isize;
        self.scroll = (self.scroll as isize + lines).clamp(0, max) as usize;
        if !self.post_in_view(&layout) {
            self.post = layout.first_post_from(self.scroll).unwrap_or(self.post);
        }
    }

    /// A page down (or up): the view moves by a pane less one line, and the current post is
    /// the first that starts in it. At either end, the first or last post.
    fn page(&mut self, down: bool) {
        let Some(layout) = self.layout.clone() else {
            return;
        };
        let step = self.height.saturating_sub(1).max(1) as isize;
        let before = self.scroll;
        self.scroll_by(if down { step } else { -step });
        if self.scroll == before {
            let last = layout.posts.len().saturating_sub(1);
            self.select(if down { last } else { 0 });
            return;
        }
        self.post = layout.first_post_from(self.scroll).unwrap_or(self.post);
    }

    /// A click on a row of the pane.
    pub fn click(&mut self, row: usize) {
        let Some(layout) = self.layout.clone() else {
            return;
        };
        if let Some(post) = layout.post_at_line(self.scroll + row) {
            self.post = post;
        }
    }

    /// The first post of the next (or previous) thread.
    fn thread_step(&mut self, forward: bool) {
        let Some(layout) = self.layout.clone() else {
            return;
        };
        let Some(current) = layout.posts.get(self.post) else {
            return;
        };
        let target = if forward {
            layout.posts.iter().position(|p| p.thread > current.thread)
        } else {
            let previous = current.thread.checked_sub(1);
            previous.and_then(|t| layout.posts.iter().position(|p| p.thread == t))
        };
        if let Some(post) = target {
            self.select(post);
        }
    }
}

impl App {
    pub(super) fn thread_act(&mut self, action: Action) {
        let post = self.thread.post;
        let thread = &mut self.thread;
        match action {
            Action::Down => thread.select(post + 1),
            Action::Up => thread.select(post.saturating_sub(1)),
            Action::Top => thread.select(0),
            Action::Bottom => thread.select(usize::MAX),
            Action::PageDown => thread.page(true),
            Action::PageUp => thread.page(false),
            Action::ScrollDown => thread.scroll_by(1),
            Action::ScrollUp => thread.scroll_by(-1),
            Action::NextThread => thread.thread_step(true),
            Action::PreviousThread => thread.thread_step(false),
            _ => {}
        }
    }

    /// Goes to the post at `address` in the current document: in a document of several
    /// threads, an address without one is looked for in the current thread first. A post
    /// the filters fold away is shown, dimmed, rather than refused. False, with the reason
    /// in the status line, when there is no such post.
    pub fn jump_to(&mut self, address: Address) -> bool {
        let Some(layout) = self.thread.layout.clone() else {
            self.message = Some("no document to jump in".to_string());
            return false;
        };
        let doc = self.corpus.document(layout.doc);
        let current = layout.posts.get(self.thread.post).map_or(0, |p| p.thread);
        let at = match address.find(doc, layout.doc, current) {
            Ok(at) => at,
            Err(message) => {
                self.message = Some(message);
                return false;
            }
        };
        let name = crate::present::post_name(doc, at);
        if !self.thread.select_ref(at) {
            // Folded away: the filters leave it out; it is shown among the others, dimmed.
            self.hidden = super::Hidden::Dimmed;
            self.thread.invalidate();
            self.sync_thread();
            self.thread.select_ref(at);
            let key = self.key_for(Action::ToggleHidden);
            self.message = Some(format!(
                "{name} is left out by the filters: shown dimmed ({key} folds them)"
            ));
        }
        self.set_focus(Pane::Thread);
        true
    }

    /// Goes to a post anywhere in the visible corpus.
    pub(super) fn go_to(&mut self, at: PostRef) {
        self.documents.reveal(&self.filters, at.doc);
        self.sync_thread();
        self.thread.select_ref(at);
        if self.focus == Pane::Documents {
            self.set_focus(Pane::Thread);
        }
    }
}
