//! The review keys: mark, code and annotate the current post, undo, and step to unread
//! posts; and the read state, kept as posts become current in the thread pane. Every
//! change is on disk before the status line says it was made ([`Review::change`]).

use super::layout::Tone;
use super::{App, Filter, Filters, Pane, Prompt, PromptKind};
use crate::corpus::{Ordinal, PostRef};
use crate::facets::FacetKind;
use crate::glyphs;
use crate::keymap::Action;
use crate::review::{Change, Op, PostReview, Record, Review};
use std::sync::Arc;

/// The Review facet's entries for read state, in their fixed order
/// ([`crate::facets::ReviewPosts::STATES`]).
const READ: usize = 2;
const UNREAD: usize = 3;

impl App {
    /// The review keys; false for any other action.
    pub(super) fn review_act(&mut self, action: Action) -> bool {
        match action {
            Action::Mark => self.review_change(|_| Some(Change::ToggleMark)),
            Action::Code => self.open_review_prompt(PromptKind::Code),
            Action::Note => self.open_review_prompt(PromptKind::Note),
            Action::NoteInEditor => self.edit_note(),
            Action::Undo => self.undo_review(),
            Action::NextUnread => self.next_unread(true),
            Action::PreviousUnread => self.next_unread(false),
            _ => return false,
        }
        true
    }

    /// Takes `review` as the review, finding its posts now if the corpus is loaded (else
    /// when it is). With `resume`, the view saved last is restored then.
    pub fn attach_review(&mut self, review: Review, resume: bool) {
        self.review = review;
        self.resume = resume;
        if self.loading.is_none() && self.load_error.is_none() {
            self.resolve_review();
        }
    }

    /// Finds the review's posts in the whole corpus, then goes back to the saved view if
    /// asked to and nothing was pressed meanwhile.
    pub(super) fn resolve_review(&mut self) {
        let places = Arc::clone(self.facets.places());
        self.review.resolve(&self.corpus, &places);
        self.refresh_review_facets(true);
        if std::mem::take(&mut self.resume) {
            self.resume_view();
        }
        // Said after whatever the load or the way back said, never instead of it.
        if let Some(warning) = self.review.warnings().first() {
            let more = self.review.warnings().len() - 1;
            let key = self.key_for(Action::Warnings);
            let warning = match more {
                0 => format!("{warning} ({key} lists it)"),
                n => format!("{warning}, and {n} more ({key} lists them)"),
            };
            self.message = Some(match self.message.take() {
                Some(said) => format!("{said}; {warning}"),
                None => warning,
            });
        }
    }

    /// The post and filters of the view saved last: the post found as a record's is (by
    /// its text where it was renumbered), the filters by their exact names (one whose
    /// value is gone is left out, not taken for a near one).
    fn resume_view(&mut self) {
        let Some(view) = self.review.view().cloned() else {
            return;
        };
        let exact = |expression: &String| {
            let filter = Filter::parse(expression, &self.facets).ok()?;
            let same = filter.expression(&self.facets).to_lowercase() == expression.to_lowercase();
            same.then_some(filter)
        };
        let filters = view.filters.iter().filter_map(exact).collect();
        self.filters = Filters::new(self.corpus.documents.len(), &self.facets, filters);
        if self.filters.passing_count() == Some(0) {
            self.filters.clear(&self.facets);
        }
        self.filters_changed(None);
        let places = Arc::clone(self.facets.places());
        let found = self.review.find(&self.corpus, &places, &view.anchor);
        let Some(at) = found.filter(|at| self.filters.passes(at.doc)) else {
            return;
        };
        self.go_to(at);
        let doc = crate::corpus::sanitise::printable(&view.anchor.doc);
        self.message = Some(format!("back where you left {doc}"));
    }

    /// Saves the view, to come back to next time (on quitting).
    pub(super) fn save_view(&mut self) {
        let Some(at) = self.current_post().filter(|_| self.review.is_ready()) else {
            return;
        };
        let filters = (self.filters.list().iter())
            .map(|f| f.expression(&self.facets))
            .collect();
        let places = Arc::clone(self.facets.places());
        // Quitting goes on: a view not saved costs only the place to come back to.
        let _ = self.review.save_view(&self.corpus, &places, at, filters);
    }

    /// The current post, if the review can be changed now; else why not, in the status.
    fn reviewable_post(&mut self) -> Option<PostRef> {
        if !self.review.is_ready() {
            self.message = Some("the review opens once every file is read".to_string());
            return None;
        }
        let at = self.current_post();
        if at.is_none() {
            self.message = Some("no post to review".to_string());
        }
        at
    }

    /// Makes the change `change` asks of the current post (given what the review says of
    /// it), and says what was done or why it was not.
    fn review_change(&mut self, change: impl FnOnce(&Self) -> Option<Change>) {
        let Some(at) = self.reviewable_post() else {
            return;
        };
        if let Some(change) = change(self) {
            self.review_change_at(at, change);
        }
    }

    /// Makes `change` to the post at `at`, and says what was done or why it was not.
    fn review_change_at(&mut self, at: PostRef, change: Change) {
        let places = Arc::clone(self.facets.places());
        let name = crate::present::post_name(self.corpus.document(at.doc), at);
        let done = self.review.change(&self.corpus, &places, at, change);
        let unflushed = self.review.take_unflushed();
        self.message = Some(match (done, unflushed) {
            (Ok(done), None) => format!("{name}: {done}"),
            (Ok(done), Some(why)) => format!("{name}: {done} (in the file, not flushed: {why})"),
            (Err(error), _) => format!("not saved: {error}"),
        });
        self.review.take_changed_by_others();
        self.review_changed();
    }

    /// After the review changed: the thread shows it, and its facets and the filters are
    /// derived again.
    fn review_changed(&mut self) {
        self.thread.invalidate();
        self.refresh_review_facets(!self.on_reading());
    }

    /// The Review and Codes facets from the review as it is now, and the filters derived
    /// again over them. Posts read since the facets were last derived are counted with
    /// `reading`; without it, the read and unread entries stay as they were (see
    /// [`App::count_reading_before`]). A filter on a code keeps its code by name, wherever it
    /// now sorts; one on a code no post has any more is removed, as are the review's filters
    /// when they leave nothing, and the status line says so. What passes changes only with
    /// a filter on the review: without one, only the counts are derived again (not the
    /// search, not the selection).
    pub(super) fn refresh_review_facets(&mut self, reading: bool) {
        let places = Arc::clone(self.facets.places());
        let named: Vec<(Filter, String)> = (self.filters.list().iter())
            .map(|f| (*f, self.facets.entries(f.kind)[f.entry].name.clone()))
            .collect();
        let mut posts = self.review.facet_posts(&places);
        match reading {
            true => {
                self.review_stale = false;
                self.read_lately.clear();
            }
            false => {
                let entries = self.facets.entries(FacetKind::Review);
                posts.read = entries[READ].ordinals().to_vec();
                posts.unread = entries[UNREAD].ordinals().to_vec();
            }
        }
        self.facets.set_review(posts);
        let list = self.renamed_filters(named);
        let on_review =
            (list.iter()).any(|f| matches!(f.kind, FacetKind::Review | FacetKind::Code));
        let doc = self.current_doc();
        self.filters = Filters::new(self.corpus.documents.len(), &self.facets, list);
        if on_review && self.filters.passing_count() == Some(0) {
            let gone = self.filters.describe(&self.facets);
            let kept = (self.filters.list().iter())
                .filter(|f| !matches!(f.kind, FacetKind::Review | FacetKind::Code))
                .copied()
                .collect();
            self.filters = Filters::new(self.corpus.documents.len(), &self.facets, kept);
            self.message = Some(format!(
                "{gone} leaves no post now: the review's filters are removed"
            ));
        }
        match on_review {
            true => self.filters_changed(doc),
            false => self.panel.refresh(&self.facets, &self.filters),
        }
    }

    /// The filters `named` (each with its entry's name before the facets changed), each
    /// found again by that name; one whose entry is gone is dropped, with a word.
    pub(super) fn renamed_filters(&mut self, named: Vec<(Filter, String)>) -> Vec<Filter> {
        let mut list = Vec::new();
        for (filter, name) in named {
            let entries = self.facets.entries(filter.kind);
            match entries.iter().position(|e| e.is_named(&name)) {
                Some(entry) => list.push(Filter { entry, ..filter }),
                None => {
                    let gone = crate::filters::label(filter.kind, &name);
                    self.message = Some(format!("{gone} is on no post now: filter removed"));
                }
            }
        }
        list
    }

    /// Whether a filter on read state is in force.
    pub(super) fn on_reading(&self) -> bool {
        let on = |f: &Filter| f.kind == FacetKind::Review && matches!(f.entry, READ | UNREAD);
        self.filters.list().iter().any(on)
    }

    /// Posts read since the facets were derived are counted before the filters change or
    /// the panel takes the keys; reading alone never re-derives them, or a post read under
    /// `review:unread` would fold away from under the reader (as mutt keeps a message
    /// read under a limit until the limit is set again).
    pub(super) fn count_reading_before(&mut self, action: Action) {
        use Action::*;
        let filtering = matches!(
            action,
            ToggleFilter | RemoveFilter | ClearFilters | FocusNext | FocusPrevious | FocusRight
        );
        if self.review_stale && (filtering || self.focus == Pane::Filter) {
            self.refresh_review_facets(true);
        }
    }

    fn open_review_prompt(&mut self, kind: PromptKind) {
        let Some(at) = self.reviewable_post() else {
            return;
        };
        let note = match kind {
            PromptKind::Note => self.post_review(at).and_then(|r| r.note.clone()),
            _ => None,
        };
        if note.as_ref().is_some_and(|n| n.contains('\n')) {
            let key = self.key_for(Action::NoteInEditor);
            self.message = Some(format!("this note has several lines: {key} edits it"));
            return;
        }
        self.prompt = Some(Prompt {
            kind,
            text: note.unwrap_or_default(),
        });
    }

    /// Enter in the code or note prompt.
    pub(super) fn confirm_review_prompt(&mut self, kind: PromptKind, text: String) {
        match kind {
            PromptKind::Code if text.trim().is_empty() => {}
            PromptKind::Code => self.review_change(|_| Some(Change::ToggleCode(text))),
            PromptKind::Note => self.review_change(|app| {
                let before = app
                    .current_post()
                    .and_then(|at| app.post_review(at)?.note.clone());
                // Enter on the note as it was changes nothing, and writes nothing.
                (before.unwrap_or_default() != text.trim()).then_some(Change::Note(text))
            }),
            PromptKind::Search | PromptKind::Jump => {}
        }
    }

    /// Hands the current post's note to the user's editor.
    fn edit_note(&mut self) {
        let Some(at) = self.reviewable_post() else {
            return;
        };
        let note = self.post_review(at).and_then(|r| r.note.clone());
        self.editing = Some(at);
        self.effects
            .push(super::Effect::EditNote(note.unwrap_or_default()));
    }

    /// The note back from the editor, for the post it was written on.
    pub(super) fn edited(&mut self, edited: Result<String, String>) {
        let Some(at) = self.editing.take() else {
            return;
        };
        match edited {
            Err(why) => self.message = Some(why),
            Ok(text) => {
                let before = self.post_review(at).and_then(|r| r.note.clone());
                match before.unwrap_or_default() == text.trim() {
                    true => self.message = Some("note unchanged".to_string()),
                    false => self.review_change_at(at, Change::Note(text)),
                }
            }
        }
    }

    /// Tab in the code prompt: the best code in use for what is typed.
    pub(super) fn complete_code(&mut self) {
        if let Some(prompt) = &mut self.prompt
            && let Some((code, _)) = code_candidates(&self.review, &prompt.text).first()
        {
            prompt.text = code.clone();
        }
    }

    /// The codes in use that match what the code prompt holds, best first, with how
    /// many posts carry each.
    pub fn code_candidates(&self) -> Vec<(String, usize)> {
        let text = self.prompt.as_ref().map_or("", |p| p.text.as_str());
        code_candidates(&self.review, text)
    }

    fn undo_review(&mut self) {
        let places = Arc::clone(self.facets.places());
        self.message = Some(match self.review.undo(&self.corpus, &places) {
            None => "nothing to undo".to_string(),
            Some(Ok(record)) => format!("undone: {}", undone(&record)),
            Some(Err(error)) => format!("not undone: {error}"),
        });
        self.review_changed();
    }

    /// The next (or previous) unread post the filters pass, across documents; it wraps.
    fn next_unread(&mut self, forward: bool) {
        if !self.review.is_ready() {
            self.message = Some("the review opens once every file is read".to_string());
            return;
        }
        let places = Arc::clone(self.facets.places());
        let count = places.len();
        let current = (self.current_post()).and_then(|at| places.ordinal(at));
        let unread = |o: usize| {
            let at = places.post_ref(Ordinal::new(o));
            !self.review.is_read(Ordinal::new(o)) && self.filters.post_passes(at)
        };
        // The current post is the next when it is unread itself (seen from the list, it
        // is not read yet), and so is the first when there is none.
        let from = current.map_or(0, Ordinal::index);
        let skip = usize::from(current.is_some_and(|o| !unread(o.index())));
        let order: Box<dyn Iterator<Item = usize>> = match forward {
            true => Box::new((from + skip..count).chain(0..from.min(count))),
            // Back from the current post, which is the first when there is none: a corpus
            // without posts has no first.
            false => Box::new(
                (0..(from + 1 - skip).min(count))
                    .rev()
                    .chain((from + 1..count).rev()),
            ),
        };
        let filtered = !self.filters.is_empty();
        let Some(next) = order.into_iter().find(|&o| unread(o)) else {
            self.message = Some(match filtered {
                true => "no unread post passes the filters".to_string(),
                false => "no unread posts".to_string(),
            });
            return;
        };
        let at = places.post_ref(Ordinal::new(next));
        self.go_to(at);
        self.set_focus(Pane::Thread);
        // The post gone to is read now.
        let left = match self.filters.passing() {
            Some(passing) => passing.iter().filter(|&&o| !self.review.is_read(o)).count(),
            None => count - self.review.read_count(),
        };
        let left = left.saturating_sub(1);
        self.message = Some(match filtered {
            true => format!("{left} more unread passing the filters"),
            false => format!("{left} more unread"),
        });
    }

    /// What the review says of the post at `at`.
    pub fn post_review(&self, at: PostRef) -> Option<&PostReview> {
        self.review.get(self.facets.places().ordinal(at)?)
    }

    /// Counts the current post as read when it is read: current in the focused thread pane.
    pub(super) fn note_read(&mut self) {
        if self.focus != Pane::Thread || !self.review.is_ready() {
            return;
        }
        let Some(at) = self.current_post() else {
            return;
        };
        let places = Arc::clone(self.facets.places());
        let read = self.review.read_post(&self.corpus, &places, at);
        if self.review.take_changed_by_others() {
            // Another tread's marks, codes and notes came with the write: shown now.
            self.thread.invalidate();
            self.sync_thread();
            self.review_stale = true;
        }
        match read {
            Ok(true) => {
                self.review_stale = true;
                self.read_lately
                    .push(crate::review::anchor_of(&self.corpus, at));
                self.count_reading_if_shown();
            }
            Ok(false) => {}
            // What this key did (a mark not saved, say) is said first.
            Err(error) if self.message.is_none() => {
                self.message = Some(format!("read state not saved: {error}"))
            }
            Err(_) => {}
        }
    }

    /// How many posts of `doc` are unread, once the review is read.
    pub fn unread_in(&self, doc: crate::corpus::DocIndex) -> Option<usize> {
        let ready = self.review.is_ready() && self.loading.is_none();
        ready.then(|| self.review.unread_in(self.facets.places(), doc))
    }

    /// The Review tab on screen counts posts as they are read, unless a filter on read
    /// state is in force (see [`App::count_reading_before`]).
    fn count_reading_if_shown(&mut self) {
        let shown = self.panel.tab == FacetKind::Review && !self.panes().filter.is_empty();
        if shown && !self.on_reading() {
            self.refresh_review_facets(true);
        }
    }

    /// What the warnings overlay says of the review: lines of its file skipped, and
    /// reviewed posts no longer found (kept in the file, listed here).
    pub fn review_problems(&self) -> Vec<String> {
        let mut lines: Vec<String> = self.review.warnings().to_vec();
        for orphan in self.review.orphans() {
            let anchor = &orphan.anchor;
            lines.push(format!(
                "no longer found: {} post {} “{}” ({})",
                anchor.doc,
                anchor.post,
                anchor.excerpt,
                orphan.review.summary()
            ));
        }
        lines
    }

    /// The review, for drawing and tests.
    pub fn review(&self) -> &Review {
        &self.review
    }
}

/// The lines the thread pane shows under a reviewed post: its codes, then its note.
pub(super) fn annotations(review: &PostReview) -> Vec<(String, Tone)> {
    let mut lines = Vec::new();
    if !review.codes.is_empty() {
        let codes = review.codes.join(" · ");
        lines.push((format!("{} {codes}", glyphs::CODES.shown), Tone::Code));
    }
    let note = review.note.iter().flat_map(|n| n.lines());
    for (i, line) in note.enumerate() {
        let lead = if i == 0 { glyphs::NOTE.shown } else { " " };
        lines.push((format!("{lead} {line}"), Tone::Note));
    }
    lines
}

/// The codes in use matching `text` fuzzily, best first (all of them, most used first,
/// when nothing is typed).
fn code_candidates(review: &Review, text: &str) -> Vec<(String, usize)> {
    let codes = review.codes();
    if text.trim().is_empty() {
        return codes;
    }
    let matcher = crate::fuzzy::Matcher::default();
    let ranked = matcher.rank(codes.iter().map(|(c, _)| c.as_str()), text.trim());
    ranked.into_iter().map(|(i, _)| codes[i].clone()).collect()
}

/// What undoing wrote, in words.
fn undone(record: &Record) -> String {
    let code = record.code.as_deref().unwrap_or_default();
    let what = match record.op {
        Op::Mark => "marked again".to_string(),
        Op::Unmark => "mark removed".to_string(),
        Op::Code => format!("code {code} back"),
        Op::Uncode => format!("code {code} removed"),
        Op::Note => "note as it was".to_string(),
        Op::Read | Op::Unread | Op::View => String::new(),
    };
    let post = crate::corpus::sanitise::printable(&record.anchor.post);
    let doc = crate::corpus::sanitise::printable(&record.anchor.doc);
    format!("{what} (post {post} of {doc})")
}
