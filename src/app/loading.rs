//! Documents arriving from a load in the background: they are listed as they come; once
//! all are read, the loader resolves them from the app's own copy (shared, not cloned)
//! and the app applies the result in place.

use super::Progress;
use super::documents;
use super::{App, Filters};
use crate::corpus::load::Resolved;
use crate::corpus::{Corpus, Docs, Held};
use crate::facets::Facets;
use crate::search::PostTable;
use std::sync::Arc;

/// A background load's resolution with the facets the corpus will have once it is applied.
/// The loader makes it on its own thread, where at 20,000 documents it takes a couple of
/// seconds that keys would otherwise wait for.
#[derive(Debug)]
pub struct Loaded {
    resolved: Resolved,
    facets: Facets,
}

impl Loaded {
    /// What the app needs to finish `corpus` (the documents it was sent) with `resolved`.
    pub fn new(corpus: &Corpus, mut resolved: Resolved) -> Loaded {
        // Those the load has (kept by the cache, or built to keep there) are the same.
        let facets = (resolved.facets.take())
            .unwrap_or_else(|| Facets::resolved(corpus, &resolved.resolution));
        Loaded { facets, resolved }
    }
}

impl App {
    /// Whether the load is over and writes its cache: a moment to wait for before the
    /// process ends, or the next open reads the changed files again.
    pub fn writing_cache(&self) -> bool {
        self.writing_cache
    }

    /// The corpus, to change. The app holds the only reference whenever it changes it: the
    /// loader borrows it only between `Listed` and `Finished`, and lets go before it sends
    /// `Finished`. A stray clone would make a copy-on-write copy the whole corpus silently;
    /// here it fails loudly instead.
    fn corpus_mut(&mut self) -> &mut Corpus {
        let only = "the app holds the only reference to its corpus when it changes it";
        Arc::get_mut(&mut self.corpus).expect(only)
    }

    pub(super) fn loaded(&mut self, progress: Progress<Loaded>) {
        match progress {
            Progress::Parsed {
                documents,
                done,
                total,
            } => {
                self.loading = Some((done, total));
                self.add_documents(documents);
            }
            Progress::Listed(reply) => {
                // Nothing more arrives: the room kept for growing is given back first.
                self.corpus_mut().documents.shrink_to_fit();
                self.change_posts(PostTable::shrink_to_fit);
                self.short_ids.shrink_to_fit();
                self.documents.shrink_to_fit();
                // If the loader is gone, nothing is lost: the load just never finishes.
                drop(reply.send(Arc::clone(&self.corpus)));
            }
            Progress::Finished(Ok(loaded)) => {
                self.loading = None;
                self.writing_cache = true;
                self.finish(loaded);
            }
            Progress::Written(problem) => {
                self.writing_cache = false;
                if let Some(problem) = problem {
                    let key = self.key_for(crate::keymap::Action::Warnings);
                    let told = format!("{problem} ({key} lists it)");
                    // After what the load's end said, not in its place.
                    self.message = Some(match self.message.take() {
                        Some(said) => format!("{said}; {told}"),
                        None => told,
                    });
                    self.cache_problem = Some(problem.to_string());
                }
            }
            Progress::Finished(Err(error)) => {
                self.loading = None;
                if let crate::corpus::LoadError::Empty { problems, .. } = &error {
                    self.corpus_mut().problems = problems.clone();
                }
                self.load_error = Some(error.to_string());
            }
        }
        // Files that changed while they were read are read again now (once the cache is
        // written: `files_changed` waits for that too).
        if self.loading.is_none() && std::mem::take(&mut self.reload_again) {
            self.files_changed();
        }
    }

    /// More parsed documents: listed at once. Facets wait for the finished corpus (its
    /// organisations are not known before), so no filter can be in force meanwhile.
    fn add_documents(&mut self, documents: Held) {
        let doc = self.current_doc();
        self.corpus_mut().documents.append(documents);
        // One pass over the new documents (they may be packed) for the search's table, the
        // short ids and the list.
        let corpus = Arc::clone(&self.corpus);
        let new: Vec<usize> = (self.short_ids.len()..corpus.documents.len()).collect();
        let mut ids = Vec::with_capacity(new.len());
        let mut listed = Vec::with_capacity(new.len());
        self.change_posts(|posts| {
            corpus.documents.pick(&new, |at, document| {
                posts.push_held(document, corpus.documents.is_packed(at));
                ids.push(document.id.clone());
                listed.push(documents::listed(document));
            })
        });
        drop(corpus);
        self.short_ids.extend_ids(ids);
        self.documents.add_documents(listed, &self.short_ids);
        self.filters = Filters::new(self.corpus.documents.len(), &self.facets, Vec::new());
        match doc {
            Some(doc) if self.documents.select_doc(&self.filters, doc) => {}
            _ => self.documents.select_first(),
        }
    }

    /// Changes the search's table of posts in place while documents arrive. A search begun
    /// meanwhile shares the table: it lets go during the change (or each change would copy
    /// the whole table), then takes the changed one; documents are only added, so its hits
    /// stay where they are.
    fn change_posts(&mut self, change: impl FnOnce(&mut PostTable)) {
        if let Some(search) = &mut self.search {
            search.release_table();
        }
        let only = "the search let go of the table: the app holds the only reference";
        change(Arc::get_mut(&mut self.posts).expect(only));
        if let Some(search) = &mut self.search {
            search.adopt_table(&self.posts);
        }
    }

    /// The resolution of the documents listed, applied to them where they are (the loader
    /// has let go of them, so nothing is copied): organisations and repeated threads come in,
    /// the selection and the reading position stay.
    fn finish(&mut self, loaded: Loaded) {
        let doc = self.current_doc();
        loaded.resolved.apply(self.corpus_mut());
        self.facets = loaded.facets;
        self.filters = Filters::new(self.corpus.documents.len(), &self.facets, Vec::new());
        self.panel.refresh(&self.facets, &self.filters);
        if let Some(doc) = doc {
            self.documents.select_doc(&self.filters, doc);
        }
        self.thread.invalidate();
        if let Some(search) = &mut self.search {
            search.refresh(&self.posts, &self.filters);
        }
        let key = self.key_for(crate::keymap::Action::Warnings);
        let message = match self.corpus.summary() {
            None => format!(
                "loaded {}",
                crate::present::plural(self.corpus.documents.len(), "document")
            ),
            Some(summary) => format!("{summary} ({key} lists them)"),
        };
        // That changes will not be seen is said again: the load's end hid it.
        let message = match self.unwatched.first() {
            Some(why) => format!("{message}; {why}"),
            None => message,
        };
        self.message = Some(message);
        // The review's posts can be found now; a warning of its own or the way back to
        // the saved view says more than the count.
        self.resolve_review();
    }
}
