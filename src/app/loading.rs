//! Documents arriving from a load in the background: they are listed as they come, and
//! the finished corpus (organisations resolved, facets built) replaces them in place.

use super::{App, Filters};
use crate::corpus::load::Progress;
use crate::corpus::{Corpus, Document};
use crate::facets::Facets;
use crate::search::PostTable;
use std::sync::Arc;

impl App {
    pub(super) fn loaded(&mut self, progress: Progress) {
        match progress {
            Progress::Parsed {
                documents,
                done,
                total,
            } => {
                self.loading = Some((done, total));
                self.add_documents(documents);
            }
            Progress::Finished(Ok(corpus)) => {
                self.loading = None;
                self.replace_corpus(corpus);
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
        // A search begun meanwhile keeps the table it has: documents are only added, so
        // its hits stay where they are.
        Arc::make_mut(&mut self.posts).extend(&documents);
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
    fn replace_corpus(&mut self, corpus: Corpus) {
        let doc = self.current_doc();
        self.corpus = corpus;
        self.posts = Arc::new(PostTable::new(&self.corpus));
        self.facets = Facets::build(&self.corpus);
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
