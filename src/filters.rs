//! Facet filters: what `--filter` and the filter panel write (an entry of a facet, perhaps
//! negated), and the active ones with what they leave (visible documents, marked posts,
//! drill-down counts). The CLI checks a scripted opening with them; the UI keeps a set.
//!
//! A document passes when each positive filter occurs somewhere in it and no negated one
//! does. The posts marked in it are those matching every positive filter, or, where no
//! single post does, those matching any.

use crate::corpus::{Corpus, DocIndex, PostRef};
use crate::facets::{Entry, FacetKind, Facets};
use std::collections::{BTreeSet, HashMap};

/// One active filter: an entry of a facet, perhaps negated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filter {
    pub kind: FacetKind,
    /// The entry's index in its facet.
    pub entry: usize,
    pub negated: bool,
}

impl Filter {
    /// How `--filter` writes it: `author:NAME`, `#tag`, `org:NAME`, `@handle`, with `not:`
    /// in front when negated.
    pub fn expression(&self, facets: &Facets) -> String {
        let not = if self.negated { "not:" } else { "" };
        format!(
            "{not}{}",
            label(self.kind, &facets.entries(self.kind)[self.entry].name)
        )
    }

    /// How a chip shows it.
    pub fn chip(&self, facets: &Facets) -> String {
        let name = label(self.kind, &facets.entries(self.kind)[self.entry].name);
        if self.negated {
            format!("NOT {name}")
        } else {
            name
        }
    }

    /// Reads a `--filter` expression, finding its entry by exact name or spelling (any
    /// case), then by a unique part of one.
    pub fn parse(expression: &str, facets: &Facets) -> Result<Filter, FilterError> {
        let (negated, rest) = match expression
            .strip_prefix("not:")
            .or_else(|| expression.strip_prefix('!'))
        {
            Some(rest) => (true, rest),
            None => (false, expression),
        };
        let (kind, name) = [
            (FacetKind::Author, "author:"),
            (FacetKind::Org, "org:"),
            (FacetKind::Hashtag, "#"),
            (FacetKind::Mention, "@"),
            (FacetKind::Kind, "kind:"),
        ]
        .into_iter()
        .find_map(|(kind, prefix)| rest.strip_prefix(prefix).map(|n| (kind, n.trim())))
        .ok_or_else(|| FilterError {
            message: format!(
                "filter {expression:?}: write author:NAME, #tag, org:NAME, @handle or kind:KIND \
                 (not: in front to exclude)"
            ),
            usage: true,
        })?;
        let entry = find_entry(facets.entries(kind), name).map_err(|found| {
            let what = kind_noun(kind);
            let message = match found.as_slice() {
                [] => format!("filter {expression:?}: no {what} matches {name:?}"),
                many => format!(
                    "filter {expression:?}: {name:?} matches several {what}s: {}",
                    many.join(", ")
                ),
            };
            FilterError {
                message,
                usage: !found.is_empty(),
            }
        })?;
        Ok(Filter {
            kind,
            entry,
            negated,
        })
    }
}

/// A `--filter` expression that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    pub message: String,
    /// Badly written or matching several entries (exit 2), rather than matching none (exit 1).
    pub usage: bool,
}

/// The entry named `name`: exact first, then the only one containing it. On failure, the
/// names that contain it (none, or several).
fn find_entry(entries: &[Entry], name: &str) -> Result<usize, Vec<String>> {
    let lower = name.to_lowercase();
    let spellings = |e: &Entry| {
        let mut all = vec![e.name.to_lowercase()];
        all.extend(e.variants.iter().map(|v| v.to_lowercase()));
        all
    };
    if let Some(i) = entries.iter().position(|e| spellings(e).contains(&lower)) {
        return Ok(i);
    }
    let containing: Vec<usize> = (0..entries.len())
        .filter(|&i| spellings(&entries[i]).iter().any(|s| s.contains(&lower)))
        .collect();
    match containing.as_slice() {
        [one] if !lower.is_empty() => Ok(*one),
        many => Err(many.iter().map(|&i| entries[i].name.clone()).collect()),
    }
}

/// An entry's name as the UI writes it: `#tag`, `@handle`, names as they are.
pub fn label(kind: FacetKind, name: &str) -> String {
    match kind {
        FacetKind::Hashtag => format!("#{name}"),
        FacetKind::Mention => format!("@{name}"),
        FacetKind::Author => format!("author:{name}"),
        FacetKind::Org => format!("org:{name}"),
        FacetKind::Kind => format!("kind:{name}"),
    }
}

fn kind_noun(kind: FacetKind) -> &'static str {
    match kind {
        FacetKind::Author => "author",
        FacetKind::Hashtag => "hashtag",
        FacetKind::Org => "organisation",
        FacetKind::Mention => "mention",
        FacetKind::Kind => "kind",
    }
}

/// How many documents and posts an entry has, or would leave if applied now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    pub documents: usize,
    pub posts: usize,
}

/// The active filters and everything derived from them.
#[derive(Debug)]
pub struct Filters {
    list: Vec<Filter>,
    visible: Vec<DocIndex>,
    /// Marked posts, in corpus order.
    marked: Vec<PostRef>,
    /// Per facet (in `FacetKind::ALL` order), per entry: what applying it would leave.
    drill: Vec<Vec<Count>>,
    documents: usize,
}

impl Filters {
    pub fn new(corpus: &Corpus, facets: &Facets, list: Vec<Filter>) -> Filters {
        let mut filters = Filters {
            list,
            visible: Vec::new(),
            marked: Vec::new(),
            drill: Vec::new(),
            documents: corpus.documents.len(),
        };
        filters.derive(facets);
        filters
    }

    pub fn list(&self) -> &[Filter] {
        &self.list
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The documents that pass, in corpus order.
    pub fn visible(&self) -> &[DocIndex] {
        &self.visible
    }

    pub fn passes(&self, doc: DocIndex) -> bool {
        self.visible.binary_search(&doc).is_ok()
    }

    /// Posts matching the positive filters, in corpus order.
    pub fn marked(&self) -> &[PostRef] {
        &self.marked
    }

    pub fn is_marked(&self, at: PostRef) -> bool {
        self.marked.binary_search(&at).is_ok()
    }

    /// What applying entry `entry` of `kind` would leave.
    pub fn drill(&self, kind: FacetKind, entry: usize) -> Count {
        self.drill[kind as usize][entry]
    }

    /// Adds a filter (replacing the same entry's, so it can be flipped to NOT).
    pub fn push(&mut self, facets: &Facets, filter: Filter) {
        self.list
            .retain(|f| (f.kind, f.entry) != (filter.kind, filter.entry));
        self.list.push(filter);
        self.derive(facets);
    }

    /// Removes the last filter; false when there was none.
    pub fn pop(&mut self, facets: &Facets) -> bool {
        let popped = self.list.pop().is_some();
        self.derive(facets);
        popped
    }

    /// Removes every filter; false when there was none.
    pub fn clear(&mut self, facets: &Facets) -> bool {
        let had = !self.list.is_empty();
        self.list.clear();
        self.derive(facets);
        had
    }

    /// Recomputes what the filters leave. One pass over the chosen entries' posts, then one
    /// over every entry's posts for the drill-down counts: work in proportion to the
    /// facets, done when the filters change, never per keystroke.
    fn derive(&mut self, facets: &Facets) {
        let entry = |f: &Filter| &facets.entries(f.kind)[f.entry];
        let docs_of = |f: &Filter| -> BTreeSet<DocIndex> {
            entry(f).document_posts().map(|(d, _)| d).collect()
        };
        let sets: Vec<(bool, BTreeSet<DocIndex>)> =
            self.list.iter().map(|f| (f.negated, docs_of(f))).collect();
        self.visible = DocIndex::all(self.documents)
            .filter(|d| sets.iter().all(|(neg, docs)| docs.contains(d) != *neg))
            .collect();
        self.marked = self.mark(facets);
        let pass: Vec<bool> = {
            let mut pass = vec![false; self.documents];
            self.visible.iter().for_each(|&d| pass[d.index()] = true);
            pass
        };
        self.drill = FacetKind::ALL
            .iter()
            .map(|&kind| {
                facets
                    .entries(kind)
                    .iter()
                    .map(|e| leaves(e, &pass))
                    .collect()
            })
            .collect();
    }

    fn mark(&self, facets: &Facets) -> Vec<PostRef> {
        let positive: Vec<&Filter> = self.list.iter().filter(|f| !f.negated).collect();
        let mut hits: HashMap<PostRef, usize> = HashMap::new();
        for filter in &positive {
            for at in facets.entries(filter.kind)[filter.entry].post_refs() {
                if self.passes(at.doc) {
                    *hits.entry(at).or_default() += 1;
                }
            }
        }
        let full: BTreeSet<DocIndex> = hits
            .iter()
            .filter(|(_, n)| **n == positive.len())
            .map(|(at, _)| at.doc)
            .collect();
        let mut marked: Vec<PostRef> = hits
            .into_iter()
            .filter(|(at, n)| *n == positive.len() || !full.contains(&at.doc))
            .map(|(at, _)| at)
            .collect();
        marked.sort_unstable();
        marked
    }
}

/// How many documents and posts of `entry` pass.
fn leaves(entry: &Entry, pass: &[bool]) -> Count {
    let mut count = Count::default();
    for (_, posts) in entry.document_posts().filter(|&(d, _)| pass[d.index()]) {
        count.posts += posts;
        count.documents += 1;
    }
    count
}
