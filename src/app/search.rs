//! Searching post text from the TUI: in the current document or in every visible one, live
//! as the query is typed, and moving between hits (or, without a search, between the posts
//! the filters mark).

use super::{App, Prompt, PromptKind};
use crate::address::Address;
use crate::corpus::{DocIndex, Ordinal, Ordinals, PostRef};
use crate::keymap::Action;
use crate::search::{PostTable, Query};
use rayon::prelude::*;
use std::sync::Arc;

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
    /// The posts found.
    hits: Vec<Hit>,
    /// The hits of each shorter query this one was typed from, so deleting back to one of
    /// them costs nothing.
    earlier: Vec<(String, Vec<Hit>)>,
    /// How many documents the hits are in.
    documents: usize,
    /// The document a `Scope::Document` search is over.
    doc: Option<DocIndex>,
    posts: Arc<PostTable>,
}

impl Search {
    pub fn new(
        posts: &Arc<PostTable>,
        filters: &Filters,
        text: &str,
        scope: Scope,
        doc: Option<DocIndex>,
    ) -> Search {
        let mut search = Search {
            text: text.to_string(),
            query: Query::new(text),
            scope,
            hits: Vec::new(),
            earlier: Vec::new(),
            documents: 0,
            doc,
            posts: posts.clone(),
        };
        search.refresh(posts, filters);
        search
    }

    /// Lets go of the post table while more documents are added to it, so that adding
    /// copies nothing; [`Search::adopt_table`] takes the grown table back. Documents are
    /// only ever added after the ones there, so the hits keep their places.
    pub fn release_table(&mut self) {
        self.posts = Arc::default();
    }

    /// The grown table, after [`Search::release_table`].
    pub fn adopt_table(&mut self, posts: &Arc<PostTable>) {
        self.posts = posts.clone();
    }

    /// Looks again over the whole scope of `posts` (after a change of scope, filters or
    /// corpus).
    pub fn refresh(&mut self, posts: &Arc<PostTable>, filters: &Filters) {
        self.posts = posts.clone();
        self.earlier.clear();
        let docs = match self.scope {
            Scope::Document => self.doc.as_slice(),
            Scope::All => filters.visible(),
        };
        let hits = self.look_in(docs, filters);
        self.found(hits);
    }

    /// The hits in `docs` among the posts that pass `filters`, in corpus order, found on
    /// every core. (A hit the filters leave out would be folded away: `n` could not show
    /// it.)
    fn look_in(&self, docs: &[DocIndex], filters: &Filters) -> Vec<Hit> {
        let (query, posts) = (&self.query, &self.posts);
        let passing = filters.passing();
        (docs.par_chunks(DOCS_A_TASK))
            .flat_map_iter(|docs| {
                let mut ordinals: Vec<Ordinal> = Vec::new();
                for &doc in docs {
                    add_passing(&mut ordinals, passing, posts.of_document(doc));
                }
                posts.find_each(
                    &ordinals,
                    |&o| o,
                    |&post, text| {
                        let at = query.first_match(text)?;
                        Some(Hit {
                            post,
                            last_word: at as u32,
                        })
                    },
                )
            })
            .collect()
    }

    /// The query changed to `text`. Back to a query typed before: its hits come back. Only
    /// adding to the previous one: the hits can only shrink, so only they are looked at
    /// again. Anything else looks over the whole scope.
    pub fn retype(&mut self, filters: &Filters, text: &str) {
        let narrows = !self.query.is_empty() && text.starts_with(self.text.as_str());
        let old_text = std::mem::replace(&mut self.text, text.to_string());
        let previous = std::mem::replace(&mut self.query, Query::new(text));
        if narrows {
            let (query, posts) = (&self.query, &self.posts);
            let narrowed = (self.hits.par_chunks(POSTS_A_TASK))
                .flat_map_iter(|hits| {
                    posts.find_each(
                        hits,
                        |h| h.post,
                        |hit, text| {
                            let at = query.narrow(&previous, text, hit.last_word as usize)?;
                            Some(Hit {
                                post: hit.post,
                                last_word: at as u32,
                            })
                        },
                    )
                })
                .collect();
            let old_hits = self.found(narrowed);
            self.earlier.push((old_text, old_hits));
            return;
        }
        while let Some((earlier, hits)) = self.earlier.pop() {
            if earlier == text {
                self.found(hits);
                return;
            }
        }
        let posts = self.posts.clone();
        self.refresh(&posts, filters);
    }

    /// A document-scoped search follows the selected document.
    pub fn follow_document(&mut self, doc: Option<DocIndex>, filters: &Filters) {
        if self.scope == Scope::Document && self.doc != doc {
            self.doc = doc;
            self.earlier.clear();
            let hits = self.look_in(doc.as_slice(), filters);
            self.found(hits);
        }
    }

    pub fn is_hit(&self, at: PostRef) -> bool {
        (self.posts.ordinal(at))
            .is_some_and(|o| self.hits.binary_search_by_key(&o, |h| h.post).is_ok())
    }

    /// How many posts were found.
    pub fn hit_count(&self) -> usize {
        self.hits.len()
    }

    /// The hits, in corpus order.
    pub fn hits(&self) -> impl ExactSizeIterator<Item = PostRef> + '_ {
        self.hits.iter().map(|h| self.posts.post_ref(h.post))
    }

    /// How many hits are in document `doc`.
    pub fn hits_in(&self, doc: DocIndex) -> usize {
        let posts = self.posts.of_document(doc);
        let from = self.hits.partition_point(|h| h.post < posts.start());
        let to = self.hits.partition_point(|h| h.post < posts.end());
        to - from
    }

    /// How many documents the hits are in.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// Takes `hits` as the hits (giving back the ones they replace) and counts their
    /// documents once, not at every frame.
    fn found(&mut self, hits: Vec<Hit>) -> Vec<Hit> {
        let mut doc = Ordinals::default();
        self.documents = 0;
        for hit in &hits {
            if !doc.contains(hit.post) {
                self.documents += 1;
                doc = self.posts.of_document(self.posts.post_ref(hit.post).doc);
            }
        }
        std::mem::replace(&mut self.hits, hits)
    }

    /// The hit `n` goes to from `current` (`N`, going back), as [`step`] says.
    fn next(&self, current: PostRef, forward: bool, inclusive: bool) -> Option<Target> {
        let from = (self.posts.ordinal(current))
            .unwrap_or_else(|| self.posts.of_document(current.doc).start());
        let (index, wrapped) = step(&self.hits, |h| h.post, from, forward, inclusive)?;
        Some(Target {
            at: self.posts.post_ref(self.hits[index].post),
            wrapped,
            index,
            of: self.hits.len(),
        })
    }
}

/// Adds to `ordinals` the posts among `posts` that pass, given the filters' passing posts
/// (`None`: all pass).
fn add_passing(ordinals: &mut Vec<Ordinal>, passing: Option<&[Ordinal]>, posts: Ordinals) {
    match passing {
        None => ordinals.extend(posts),
        Some(passing) => {
            let from = passing.partition_point(|&o| o < posts.start());
            let to = passing.partition_point(|&o| o < posts.end());
            ordinals.extend_from_slice(&passing[from..to]);
        }
    }
}

/// How many documents, or hits, one core takes at a time: enough that reading ahead in
/// [`PostTable::find_each`] pays, few enough that both cores stay busy to the end.
const DOCS_A_TASK: usize = 64;
const POSTS_A_TASK: usize = 2048;

/// A post found, as its place in the [`PostTable`], and where the query's last word first
/// occurs in it (so a longer query looks on from there).
#[derive(Debug, Clone, Copy)]
struct Hit {
    post: Ordinal,
    last_word: u32,
}

/// Where `n`/`N` goes.
struct Target {
    at: PostRef,
    wrapped: bool,
    /// Its position among the targets, from 0.
    index: usize,
    of: usize,
}

/// Which of `sorted` comes after `current` (before it, going back), wrapping round, and
/// whether it wrapped; with `inclusive`, `current` itself when it is there.
/// `sorted` is in order of `key`.
fn step<T, K: Ord>(
    sorted: &[T],
    key: impl Fn(&T) -> K,
    current: K,
    forward: bool,
    inclusive: bool,
) -> Option<(usize, bool)> {
    let last = sorted.len().checked_sub(1)?;
    let at = sorted.partition_point(|t| key(t) < current);
    let found = sorted.get(at).is_some_and(|t| key(t) == current);
    Some(match (inclusive && found, forward) {
        (true, _) => (at, false),
        (false, true) if at + usize::from(found) > last => (0, true),
        (false, true) => (at + usize::from(found), false),
        (false, false) if at == 0 => (last, true),
        (false, false) => (at - 1, false),
    })
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
            // Tab completes a code; the jump and note prompts have no scope to change.
            Action::SearchScope if prompt.kind == PromptKind::Code => {
                self.complete_code();
                return true;
            }
            Action::SearchScope if prompt.kind != PromptKind::Search => return true,
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
            Some(search) => search.retype(&self.filters, &text),
            None => {
                let scope = self.search_scope;
                let search = Search::new(&self.posts, &self.filters, &text, scope, doc);
                self.search = Some(search);
            }
        }
    }

    fn confirm_prompt(&mut self) -> bool {
        let Some(prompt) = self.prompt.take() else {
            return false;
        };
        match prompt.kind {
            PromptKind::Jump if prompt.text.trim().is_empty() => {}
            PromptKind::Jump => match Address::parse(&prompt.text) {
                Ok(address) => {
                    self.jump_to(address);
                }
                Err(message) => self.message = Some(message),
            },
            PromptKind::Search => {
                if self.search.is_some() {
                    self.next_match(true, true);
                }
            }
            kind @ (PromptKind::Code | PromptKind::Note) => {
                self.confirm_review_prompt(kind, prompt.text)
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
            search.refresh(&self.posts, &self.filters);
        }
        if self.prompt.is_none() {
            self.message = Some(match self.search_scope {
                Scope::Document => "searching this document".to_string(),
                Scope::All => "searching all documents".to_string(),
            });
        }
    }

    /// `n`/`N`: the next search hit, or without a search the next post the filters pass.
    /// `inclusive` counts the current post as next (when a search is confirmed).
    pub(super) fn next_match(&mut self, forward: bool, inclusive: bool) {
        let current = self.current_post().unwrap_or(PostRef {
            doc: self.current_doc().unwrap_or_default(),
            thread: 0,
            post: 0,
        });
        let (target, what) = match &self.search {
            Some(search) => (search.next(current, forward, inclusive), "search hit"),
            None => match self.filters.passing() {
                Some(passing) => {
                    let from = (self.filters.ordinal(current)).unwrap_or_default();
                    let target =
                        step(passing, |&o| o, from, forward, inclusive).map(|(index, wrapped)| {
                            Target {
                                at: self.filters.post_ref(passing[index]),
                                wrapped,
                                index,
                                of: passing.len(),
                            }
                        });
                    (target, "post passing the filters")
                }
                None => {
                    self.message = Some(format!(
                        "nothing to move between: {} searches, {} filters",
                        self.key_for(Action::Search),
                        self.key_for(Action::ToggleFilter)
                    ));
                    return;
                }
            },
        };
        let Some(target) = target else {
            self.message = Some(format!("no {what}s"));
            return;
        };
        self.go_to(target.at);
        let wrap = if target.wrapped { " (wrapped)" } else { "" };
        let (n, of) = (target.index + 1, target.of);
        self.message = Some(format!("{what} {n} of {of}{wrap}"));
    }
}
