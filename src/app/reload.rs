//! A live collection: when the opened files change on disk ([`crate::watch`]), the
//! collection is loaded again on a thread of its own — through the cache, so only the
//! files that changed are parsed — and put in the place of the one shown. The reader stays
//! where they were (the same post of the same document, at the same height on screen), and
//! so do the filters, the search and the review; the status line says what changed ("2
//! documents added").

use super::{App, Effect, Filters, Search, documents};
use crate::corpus::load::{self, LoadError, LoadOptions};
use crate::corpus::{Corpus, DocIndex};
use crate::facets::Facets;
use crate::review::anchor_of;
use crate::search::PostTable;
use std::collections::HashMap;
use std::sync::Arc;

/// The collection as loaded again, with what the app derives from it made on the loading
/// thread (at 20,000 documents, the UI thread's part is then a few hundredths of a
/// second), and how its documents differ from those shown.
#[derive(Debug)]
pub struct Reloaded {
    corpus: Corpus,
    facets: Facets,
    posts: PostTable,
    short_ids: documents::ShortIds,
    listing: documents::Listing,
    change: Change,
}

/// How a collection loaded again differs from the one shown, by document id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Change {
    pub added: usize,
    /// Documents of the same id whose content is not the same.
    pub changed: usize,
    pub removed: usize,
    /// Whether the files that could not be read are not the same.
    pub problems: bool,
}

impl Change {
    /// How `loaded` differs from `shown`.
    pub fn between(shown: &Corpus, loaded: &Corpus) -> Change {
        let before: HashMap<&str, &crate::corpus::Document> = (shown.documents.iter())
            .map(|d| (d.id.as_str(), d))
            .collect();
        let mut change = Change {
            problems: shown.problems != loaded.problems,
            ..Change::default()
        };
        let mut kept = 0;
        for doc in &loaded.documents {
            match before.get(doc.id.as_str()) {
                None => change.added += 1,
                Some(&old) => {
                    kept += 1;
                    if old != doc {
                        change.changed += 1;
                    }
                }
            }
        }
        change.removed = before.len() - kept;
        change
    }

    pub fn is_none(&self) -> bool {
        *self == Change::default()
    }

    /// In words, for the status line: "2 documents added, 1 changed"; `None` when no
    /// document changed.
    pub fn describe(&self) -> Option<String> {
        let counts = [
            (self.added, "added"),
            (self.changed, "changed"),
            (self.removed, "removed"),
        ];
        let mut said = counts
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| (*n, *what));
        let (n, what) = said.next()?;
        let first = format!("{} {what}", crate::present::plural(n, "document"));
        Some(said.fold(first, |line, (n, what)| format!("{line}, {n} {what}")))
    }
}

/// Loads the collection `options` name again, to take the place of `shown`; `None` when
/// nothing in it changed (a file saved as it was, a file that is not read touched).
pub fn reload(options: &LoadOptions, shown: &Corpus) -> Result<Option<Reloaded>, LoadError> {
    let corpus = match load::load(options) {
        Ok(corpus) => corpus,
        // Every file gone: the collection is empty now, and says why as at the start.
        Err(LoadError::Empty { problems, .. }) if !shown.documents.is_empty() => Corpus {
            problems,
            ..Corpus::default()
        },
        Err(error) => return Err(error),
    };
    let change = Change::between(shown, &corpus);
    if change.is_none() {
        return Ok(None);
    }
    Ok(Some(Reloaded {
        facets: Facets::build(&corpus),
        posts: PostTable::new(&corpus),
        short_ids: documents::ShortIds::new(&corpus),
        listing: documents::Listing::new(&corpus),
        corpus,
        change,
    }))
}

/// Where the reader is, in terms that outlive the corpus: ids, anchors and names rather
/// than indices.
struct Place {
    doc: Option<String>,
    anchor: Option<crate::review::Anchor>,
    /// The current post's index in its document and how far down the pane it starts.
    post: Option<(crate::corpus::PostRef, isize)>,
    /// The selected row of the list, for when the document is gone.
    row: usize,
    filters: Vec<(super::Filter, String)>,
    search: Option<(String, super::Scope)>,
    /// The files whose documents were listed under them.
    open: Vec<String>,
}

impl App {
    /// Files changed on disk: load the collection again now, or once the load under way
    /// ends (a change seen while loading may have been read before it was made).
    pub(super) fn files_changed(&mut self) {
        if self.loading.is_some() || self.reloading {
            self.reload_again = true;
        } else {
            self.reloading = true;
            self.effects.push(Effect::Reload);
        }
    }

    /// The corpus shown, for a reload to compare with (shared: the app changes a corpus
    /// in place only while its first load is under way, never while a reload runs).
    pub fn shared_corpus(&self) -> Arc<Corpus> {
        Arc::clone(&self.corpus)
    }

    /// A reload's outcome: the collection loaded again takes the place of the one shown.
    pub(super) fn reloaded(&mut self, outcome: Result<Option<Reloaded>, LoadError>) {
        self.reloading = false;
        match outcome {
            Ok(None) => {}
            Ok(Some(reloaded)) => self.replace_corpus(reloaded),
            Err(error) => self.message = Some(format!("not loaded again: {error}")),
        }
        if std::mem::take(&mut self.reload_again) {
            self.files_changed();
        }
    }

    /// Puts `reloaded` in the place of the corpus shown, keeping the reader's place.
    fn replace_corpus(&mut self, reloaded: Reloaded) {
        let place = self.place();
        let Reloaded {
            corpus,
            facets,
            posts,
            short_ids,
            listing,
            change,
        } = reloaded;
        let old = (
            std::mem::replace(&mut self.corpus, Arc::new(corpus)),
            std::mem::replace(&mut self.posts, Arc::new(posts)),
            std::mem::replace(&mut self.facets, facets),
            self.search.take(),
        );
        // Freed on a thread of its own: at 20,000 documents, freeing the old corpus and
        // what was derived from it takes a quarter of a second.
        std::thread::spawn(move || drop(old));
        self.short_ids = short_ids;
        self.documents.set_listing(listing);
        self.load_error = None;
        self.message = None;
        self.rebase_review();
        self.restore(place);
        let key = self.key_for(crate::keymap::Action::Warnings);
        let problems = change.problems.then(|| match self.corpus.summary() {
            Some(summary) => format!("{summary} ({key} lists them)"),
            None => "every file read".to_string(),
        });
        let said = [change.describe(), problems, self.message.take()];
        let said: Vec<String> = said.into_iter().flatten().collect();
        self.message = Some(said.join("; "));
        if self.corpus.documents.is_empty() {
            self.load_error = Some("no documents left: every file was removed".to_string());
        }
    }

    /// The review's posts found again in the new corpus (or found the first time, when
    /// nothing had loaded before).
    fn rebase_review(&mut self) {
        let places = Arc::clone(self.facets.places());
        if !self.review.is_ready() {
            self.review.resolve(&self.corpus, &places);
        } else if let Err(error) = self.review.rebase(&self.corpus, &places) {
            self.message = Some(format!("{error}: the review is not shown until it can be"));
        }
        self.facets.set_review(self.review.facet_posts(&places));
        self.review_stale = false;
    }

    fn place(&self) -> Place {
        let doc = self.current_doc();
        let at = self.current_post();
        Place {
            doc: doc.map(|d| self.corpus.document(d).id.clone()),
            anchor: at.map(|at| anchor_of(&self.corpus, at)),
            post: at.zip(self.thread.post_offset()),
            row: self.documents.selected(),
            filters: (self.filters.list().iter())
                .map(|f| (*f, self.facets.entries(f.kind)[f.entry].name.clone()))
                .collect(),
            search: self.search.as_ref().map(|s| (s.text.clone(), s.scope)),
            open: self.documents.open_files(),
        }
    }

    /// Goes back to `place` in the new corpus: the filters by name (one on a value no post
    /// has now is removed, and said), the document by id (else the row it was on), the post
    /// as the review finds one (else its position), the search run again.
    fn restore(&mut self, place: Place) {
        let count = self.corpus.documents.len();
        let list = self.renamed_filters(place.filters);
        self.filters = Filters::new(count, &self.facets, list);
        if self.filters.passing_count() == Some(0) {
            let gone = self.filters.describe(&self.facets);
            self.filters = Filters::new(count, &self.facets, Vec::new());
            self.message = Some(format!("{gone} leaves no post now: filters removed"));
        }
        self.panel.refresh(&self.facets, &self.filters);
        self.documents.reopen_files(&place.open);
        let same = (place.doc.as_deref())
            .and_then(|id| self.corpus.documents.iter().position(|d| d.id == id))
            .map(DocIndex::new);
        if !same.is_some_and(|d| self.documents.select_doc(&self.filters, d)) {
            self.documents.select_row(&self.filters, place.row);
        }
        self.thread.invalidate();
        self.sync_thread();
        let Some(doc) = self.current_doc() else {
            self.search = None;
            return;
        };
        let places = Arc::clone(self.facets.places());
        let found = (place.anchor.as_ref())
            .and_then(|anchor| self.review.find(&self.corpus, &places, anchor))
            .filter(|at| at.doc == doc);
        let offset = place.post.map_or(0, |(_, offset)| offset);
        // The post that was current, else the one at its position when its text changed.
        let at = found.or_else(|| {
            let (old, _) = place.post?;
            (same == Some(doc)).then_some(crate::corpus::PostRef { doc, ..old })
        });
        if let Some(at) = at {
            self.thread.select_ref_at(at, offset);
        }
        self.search = (place.search)
            .map(|(text, scope)| Search::new(&self.posts, &self.filters, &text, scope, Some(doc)));
    }
}
