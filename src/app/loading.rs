//! Documents arriving from a load in the background: they are listed as they come, and
//! the finished corpus (organisations resolved, facets built) replaces them in place.

use super::{App, Filters};
use crate::corpus::load::Progress;
use crate::corpus::{Corpus, Document};
use crate::facets::Facets;
use crate::search::PostTable;
use std::sync::Arc;

/// A finished corpus with what the app builds from all of it (facets, the search's post
/// table). The background load makes it on its own thread, where at 20,000 documents it
/// takes half a second that keys would otherwise wait for.
#[derive(Debug)]
pub struct Loaded {
    corpus: Corpus,
    facets: Facets,
    posts: PostTable,
}

impl Loaded {
    pub fn new(corpus: Corpus) -> Loaded {
        Loaded {
            facets: Facets::build(&corpus),
            posts: PostTable::new(&corpus),
            corpus,
        }
    }
}

impl App {
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
            Progress::Finished(Ok(loaded)) => {
                self.loading = None;
                self.replace_corpus(loaded);
            }
            Progress::Finished(Err(error)) => {
                self.loading = None;
                if let crate::corpus::LoadError::Empty { problems, .. } = &error {
                    self.corpus.problems = problems.clone();
                }
                self.load_error = Some(error.to_string());
            }
        }
    }

    /// More parsed documents: listed at once. Facets wait for the finished corpus (its
    /// organisations are not known before), so no filter can be in force meanwhile.
    fn add_documents(&mut self, documents: Vec<Document>) {
        let doc = self.current_doc();
        // A search begun meanwhile shares the table: it lets go while the table grows (or
        // every batch would copy the whole table), then takes the grown one; documents are
        // only added, so its hits stay where they are.
        if let Some(search) = &mut self.search {
            search.release_table();
        }
        Arc::make_mut(&mut self.posts).extend(&documents);
        if let Some(search) = &mut self.search {
            search.adopt_table(&self.posts);
        }
        self.corpus.documents.extend(documents);
        self.short_ids = super::documents::short_ids(&self.corpus);
        self.filters = Filters::new(&self.corpus, &self.facets, Vec::new());
        match doc {
            Some(doc) => self.documents.select_doc(&self.filters, doc),
            None => self.documents.select_first(),
        }
    }

    /// The finished corpus: the same documents in the same order, now with organisations
    /// and repeated threads, so the selection and the reading position stay.
    fn replace_corpus(&mut self, loaded: Loaded) {
        let doc = self.current_doc();
        let listed = std::mem::replace(&mut self.corpus, loaded.corpus);
        // Freeing the listed copy, one allocation at a time, takes a tenth of a second at
        // 20,000 documents: not on the thread that answers keys.
        std::thread::spawn(move || drop(listed));
        self.posts = Arc::new(loaded.posts);
        self.facets = loaded.facets;
        self.filters = Filters::new(&self.corpus, &self.facets, Vec::new());
        self.panel.refresh(&self.facets, &self.filters);
        self.short_ids = super::documents::short_ids(&self.corpus);
        if let Some(doc) = doc {
            self.documents.select_doc(&self.filters, doc);
        }
        self.thread.invalidate();
        if let Some(search) = &mut self.search {
            search.refresh(&self.posts, &self.filters);
        }
        let key = self.key_for(crate::keymap::Action::Warnings);
        self.message = Some(match self.corpus.summary() {
            None => format!("loaded {} documents", self.corpus.documents.len()),
            Some(summary) => format!("{summary} ({key} lists them)"),
        });
    }
}
