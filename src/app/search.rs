//! Searching post text from the TUI: in the current document or in every visible one, live
//! as the query is typed, and moving between hits (or, without a search, between the posts
//! the filters mark).

use super::{App, Prompt, PromptKind};
use crate::corpus::Corpus;
use crate::facets::PostRef;
use crate::keymap::Action;
use crate::search::Query;
use rayon::prelude::*;

use super::Filters;

/// Where a search looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The current document.
    Document,
    /// Every document the filters leave.
    All,
}

/// An active search and its hits, in corpus order.
#[derive(Debug, Clone)]
pub struct Search {
    pub text: String,
    pub query: Query,
    pub scope: Scope,
    pub hits: Vec<PostRef>,
    /// The document a `Scope::Document` search is over.
    doc: Option<usize>,
}

impl Search {
    pub fn new(
        corpus: &Corpus,
        filters: &Filters,
        text: &str,
        scope: Scope,
        doc: Option<usize>,
    ) -> Search {
        let mut search = Search {
            text: text.to_string(),
            query: Query::new(text),
            scope,
            hits: Vec::new(),
            doc,
        };
        search.refresh(corpus, filters);
        search
    }

    /// Looks again over the whole scope (after a change of scope or filters).
    pub fn refresh(&mut self, corpus: &Corpus, filters: &Filters) {
        let docs = match self.scope {
            Scope::Document => self.doc.as_slice(),
            Scope::All => filters.visible(),
        };
        self.hits = self.look_in(corpus, docs);
    }

    /// The hits in `docs`, in corpus order.
    fn look_in(&self, corpus: &Corpus, docs: &[usize]) -> Vec<PostRef> {
        (docs.par_iter())
            .flat_map_iter(|&d| posts_of(corpus, d))
            .filter(|&at| self.query.matches(post_text(corpus, at)))
            .collect()
    }

    /// The query changed to `text`: when it only adds to the previous one, the hits can only
    /// shrink, so only the previous hits are looked at again.
    pub fn retype(&mut self, corpus: &Corpus, filters: &Filters, text: &str) {
        let narrows = !self.query.is_empty() && text.starts_with(self.text.as_str());
        self.text = text.to_string();
        self.query = Query::new(text);
        if narrows {
            let query = &self.query;
            self.hits.retain(|&at| query.matches(post_text(corpus, at)));
        } else {
            self.refresh(corpus, filters);
        }
    }

    /// A document-scoped search follows the selected document.
    pub fn follow_document(&mut self, corpus: &Corpus, doc: Option<usize>) {
        if self.scope == Scope::Document && self.doc != doc {
            self.doc = doc;
            self.hits = self.look_in(corpus, doc.as_slice());
        }
    }

    pub fn is_hit(&self, at: PostRef) -> bool {
        self.hits.binary_search(&at).is_ok()
    }

    /// How many documents the hits are in.
    pub fn documents(&self) -> usize {
        let mut docs: Vec<usize> = self.hits.iter().map(|h| h.doc).collect();
        docs.dedup();
        docs.len()
    }
}

fn posts_of(corpus: &Corpus, doc: usize) -> impl Iterator<Item = PostRef> + '_ {
    let threads = corpus.documents[doc].threads.iter().enumerate();
    threads.flat_map(move |(thread, t)| {
        (0..t.posts.len()).map(move |post| PostRef { doc, thread, post })
    })
}

fn post_text(corpus: &Corpus, at: PostRef) -> &str {
    &corpus.documents[at.doc].threads[at.thread].posts[at.post].text
}

/// The first of `targets` after `current` (or before it, going back), wrapping round.
fn next_target(targets: &[PostRef], current: PostRef, forward: bool) -> (PostRef, bool) {
    let found = if forward {
        targets.iter().find(|t| **t > current)
    } else {
        targets.iter().rev().find(|t| **t < current)
    };
    match found {
        Some(t) => (*t, false),
        None if forward => (targets[0], true),
        None => (targets[targets.len() - 1], true),
    }
}

impl App {
    /// Keys while the prompt is open.
    pub(super) fn prompt_act(&mut self, action: Action) -> bool {
        let Some(prompt) = &mut self.prompt else {
            return false;
        };
        match action {
            Action::DeleteChar => {
                prompt.text.pop();
            }
            Action::ClearQuery => prompt.text.clear(),
            Action::Confirm => return self.confirm_prompt(),
            Action::SearchScope => {
                self.toggle_scope();
                return true;
            }
            Action::Close => {
                if prompt.kind == PromptKind::Search {
                    self.search = None;
                }
                self.prompt = None;
                return true;
            }
            _ => return false,
        }
        self.prompt_changed();
        true
    }

    /// The search follows what is typed, hit by hit.
    pub(super) fn prompt_changed(&mut self) {
        let Some(Prompt {
            kind: PromptKind::Search,
            text,
        }) = &self.prompt
        else {
            return;
        };
        let text = text.clone();
        if Query::new(&text).is_empty() {
            self.search = None;
            return;
        }
        let doc = self.current_doc();
        match &mut self.search {
            Some(search) => search.retype(&self.corpus, &self.filters, &text),
            None => {
                let scope = self.search_scope;
                let search = Search::new(&self.corpus, &self.filters, &text, scope, doc);
                self.search = Some(search);
            }
        }
    }

    fn confirm_prompt(&mut self) -> bool {
        let Some(prompt) = self.prompt.take() else {
            return false;
        };
        match prompt.kind {
            PromptKind::Jump => match prompt.text.trim().parse::<u32>() {
                Ok(label) => {
                    self.jump_to_label(label);
                }
                Err(_) if prompt.text.trim().is_empty() => {}
                Err(_) => self.message = Some(format!("not a post number: {}", prompt.text)),
            },
            PromptKind::Search => {
                if self.search.is_some() {
                    self.next_match(true, true);
                }
            }
        }
        true
    }

    /// Switches the search between this document and all documents.
    /// Pressed before anything is typed, it sets where the coming search looks.
    pub(super) fn toggle_scope(&mut self) {
        self.search_scope = match self.search_scope {
            Scope::Document => Scope::All,
            Scope::All => Scope::Document,
        };
        let doc = self.current_doc();
        if let Some(search) = &mut self.search {
            search.scope = self.search_scope;
            search.doc = doc;
            search.refresh(&self.corpus, &self.filters);
        }
        if self.prompt.is_none() {
            self.message = Some(match self.search_scope {
                Scope::Document => "searching this document".to_string(),
                Scope::All => "searching all documents".to_string(),
            });
        }
    }

    /// `n`/`N`: the next search hit, or without a search the next post the filters mark.
    /// `inclusive` counts the current post as next (when a search is confirmed).
    pub(super) fn next_match(&mut self, forward: bool, inclusive: bool) {
        let (targets, what): (Vec<PostRef>, &str) = match &self.search {
            Some(search) => (search.hits.clone(), "search hit"),
            None if !self.filters.is_empty() => (self.filters.marked().to_vec(), "matching post"),
            None => {
                self.message = Some(format!(
                    "nothing to move between: {} searches, {} filters",
                    self.key_for(Action::Search),
                    self.key_for(Action::ToggleFilter)
                ));
                return;
            }
        };
        if targets.is_empty() {
            self.message = Some(format!("no {what}s"));
            return;
        }
        let current = self.current_post().unwrap_or(PostRef {
            doc: self.current_doc().unwrap_or(0),
            thread: 0,
            post: 0,
        });
        let (target, wrapped) = match inclusive && targets.binary_search(&current).is_ok() {
            true => (current, false),
            false => next_target(&targets, current, forward),
        };
        self.go_to(target);
        let n = targets.iter().position(|t| *t == target).unwrap_or(0) + 1;
        let wrap = if wrapped { " (wrapped)" } else { "" };
        self.message = Some(format!("{what} {n} of {}{wrap}", targets.len()));
    }
}
