//! Facet filters: what `--filter` and the filter panel write (an entry of a facet, perhaps
//! negated), and the active ones with what they leave (the posts that pass, the documents
//! holding them, drill-down counts). The CLI and the UI use the same rules.
//!
//! The unit is the post, as in any faceted search: a post passes when, for each facet
//! with positive filters, it has at least one of their entries (values of one facet
//! combine with OR), and it has none of the negated entries. Different facets combine
//! with AND. A post's author is its thread's; its kind is its document's. A document is
//! listed when at least one of its posts passes.

use crate::corpus::{DocIndex, Ordinal, Places, PostRef};
use crate::facets::{Entry, FacetKind, Facets};
use std::sync::Arc;

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
            (FacetKind::Review, "review:"),
            (FacetKind::Code, "code:"),
        ]
        .into_iter()
        .find_map(|(kind, prefix)| rest.strip_prefix(prefix).map(|n| (kind, n.trim())))
        .ok_or_else(|| FilterError {
            message: format!(
                "filter {expression:?}: write author:NAME, #tag, org:NAME, @handle, kind:KIND, \
                 review:marked|noted|read|unread or code:CODE (not: in front to exclude)"
            ),
            usage: true,
        })?;
        let entries = facets.entries(kind);
        let entry = find_entry(entries, name).map_err(|found| {
            let what = kind_noun(kind);
            let message = match found.as_slice() {
                [] if kind == FacetKind::Kind => format!(
                    "filter {expression:?}: no document is of kind {name:?}; the kinds here are {}",
                    names(entries)
                ),
                [] => match closest(entries, name).map(|close| match kind {
                    FacetKind::Hashtag | FacetKind::Mention => label(kind, &close),
                    _ => close,
                }) {
                    Some(close) => format!(
                        "filter {expression:?}: no {what} matches {name:?}; did you mean {close}?"
                    ),
                    None => format!("filter {expression:?}: no {what} matches {name:?}"),
                },
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

/// The entries' names, as a list in a sentence.
fn names(entries: &[Entry]) -> String {
    let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    names.join(", ")
}

/// The entry whose name or other spelling is nearest `name` (by Jaro-Winkler similarity,
/// ignoring case), if one is near enough to be a slip of the keyboard.
fn closest(entries: &[Entry], name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    let score = |e: &Entry| {
        let spellings = std::iter::once(&e.name).chain(&e.variants);
        (spellings.map(|s| strsim::jaro_winkler(&s.to_lowercase(), &lower))).fold(0.0, f64::max)
    };
    let best = (entries.iter())
        .map(|e| (score(e), e))
        .max_by(|a, b| a.0.total_cmp(&b.0))?;
    (best.0 >= 0.85).then(|| best.1.name.clone())
}

/// An entry's name as the UI writes it: `#tag`, `@handle`, names as they are.
pub fn label(kind: FacetKind, name: &str) -> String {
    match kind {
        FacetKind::Hashtag => format!("#{name}"),
        FacetKind::Mention => format!("@{name}"),
        FacetKind::Author => format!("author:{name}"),
        FacetKind::Org => format!("org:{name}"),
        FacetKind::Kind => format!("kind:{name}"),
        FacetKind::Review => format!("review:{name}"),
        FacetKind::Code => format!("code:{name}"),
    }
}

fn kind_noun(kind: FacetKind) -> &'static str {
    match kind {
        FacetKind::Author => "author",
        FacetKind::Hashtag => "hashtag",
        FacetKind::Org => "organisation",
        FacetKind::Mention => "mention",
        FacetKind::Kind => "kind",
        FacetKind::Review => "review state",
        FacetKind::Code => "code",
    }
}

/// How many documents and posts an entry has, or would leave if applied now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    pub documents: usize,
    pub posts: usize,
}

/// The active filters and everything derived from them.
#[derive(Debug, Clone)]
pub struct Filters {
    list: Vec<Filter>,
    places: Arc<Places>,
    /// The posts that pass, in corpus order; `None` when there is no filter (all pass).
    passing: Option<Vec<Ordinal>>,
    /// The documents holding a passing post, in corpus order.
    visible: Vec<DocIndex>,
    /// How many posts of each of `visible` pass (empty when there is no filter).
    passing_in: Vec<u32>,
    /// Per facet (in `FacetKind::ALL` order), per entry: what applying it would leave.
    drill: Vec<Vec<Count>>,
    /// How many documents the corpus has.
    documents: usize,
    /// Which derivation this is: views of `visible` kept beside it (the documents list's
    /// rows) know when to be made again.
    generation: u64,
}

/// The derivations of any filters so far: each gets a number of its own.
static GENERATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Why a filter was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeavesNothing;

impl Filters {
    /// The filters `list` over a corpus of `documents` documents and its `facets`.
    pub fn new(documents: usize, facets: &Facets, list: Vec<Filter>) -> Filters {
        let mut filters = Filters {
            list,
            places: Arc::clone(facets.places()),
            passing: None,
            visible: Vec::new(),
            passing_in: Vec::new(),
            drill: Vec::new(),
            documents,
            generation: 0,
        };
        filters.derive(facets);
        filters
    }

    /// Which derivation of the filters this is: it changes whenever `visible` may have.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn list(&self) -> &[Filter] {
        &self.list
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Whether a positive filter is in force (passing posts are then marked as matches).
    pub fn selects(&self) -> bool {
        self.list.iter().any(|f| !f.negated)
    }

    /// The documents that hold a passing post, in corpus order.
    pub fn visible(&self) -> &[DocIndex] {
        &self.visible
    }

    pub fn passes(&self, doc: DocIndex) -> bool {
        self.visible.binary_search(&doc).is_ok()
    }

    /// How many posts of `doc` pass, when a filter is in force.
    pub fn passing_in(&self, doc: DocIndex) -> Option<usize> {
        self.passing.as_ref()?;
        let row = self.visible.binary_search(&doc).ok();
        Some(row.map_or(0, |row| self.passing_in[row] as usize))
    }

    /// Whether the post at `at` passes.
    pub fn post_passes(&self, at: PostRef) -> bool {
        match (&self.passing, self.places.ordinal(at)) {
            (None, _) => true,
            (Some(passing), Some(ordinal)) => passing.binary_search(&ordinal).is_ok(),
            (Some(_), None) => false,
        }
    }

    /// The passing posts, in corpus order, when a filter is in force.
    pub fn passing(&self) -> Option<&[Ordinal]> {
        self.passing.as_deref()
    }

    /// How many posts pass, when a filter is in force.
    pub fn passing_count(&self) -> Option<usize> {
        self.passing.as_ref().map(Vec::len)
    }

    /// The place of a passing post.
    pub fn post_ref(&self, ordinal: Ordinal) -> PostRef {
        self.places.post_ref(ordinal)
    }

    /// The ordinal of the post at `at`, if there is such a post.
    pub fn ordinal(&self, at: PostRef) -> Option<Ordinal> {
        self.places.ordinal(at)
    }

    /// What applying entry `entry` of `kind` would leave.
    pub fn drill(&self, kind: FacetKind, entry: usize) -> Count {
        self.drill[kind as usize][entry]
    }

    /// Whether `entry` of `kind` is in force, and if so whether negated.
    pub fn applied(&self, kind: FacetKind, entry: usize) -> Option<bool> {
        (self.list.iter())
            .find(|f| (f.kind, f.entry) == (kind, entry))
            .map(|f| f.negated)
    }

    /// Adds a filter (replacing the same entry's in its place, so it can be flipped to
    /// NOT), unless it would leave no post: the filters then stay as they were.
    pub fn push(&mut self, facets: &Facets, filter: Filter) -> Result<(), LeavesNothing> {
        let mut list = self.list.clone();
        // The same entry again keeps its place (flipped, if so asked).
        match list
            .iter_mut()
            .find(|f| (f.kind, f.entry) == (filter.kind, filter.entry))
        {
            Some(same) => *same = filter,
            None => list.push(filter),
        }
        self.replace(facets, list)
    }

    /// Removes the last filter (Ok(false) when there was none), unless that would leave no
    /// post: removing one of a facet's values narrows what the others leave.
    pub fn pop(&mut self, facets: &Facets) -> Result<bool, LeavesNothing> {
        match self.list.len() {
            0 => Ok(false),
            n => self.remove(facets, n - 1),
        }
    }

    /// Removes the filter at `index` of the list (Ok(false) when there is none there),
    /// unless that would leave no post.
    pub fn remove(&mut self, facets: &Facets, index: usize) -> Result<bool, LeavesNothing> {
        let mut list = self.list.clone();
        if index >= list.len() {
            return Ok(false);
        }
        list.remove(index);
        self.replace(facets, list).map(|()| true)
    }

    /// Takes `list` as the filters, unless it would leave no post.
    fn replace(&mut self, facets: &Facets, list: Vec<Filter>) -> Result<(), LeavesNothing> {
        let next = Filters::new(self.documents, facets, list);
        if next.passing_count() == Some(0) {
            return Err(LeavesNothing);
        }
        *self = next;
        Ok(())
    }

    /// Removes every filter; false when there was none.
    pub fn clear(&mut self, facets: &Facets) -> bool {
        let had = !self.list.is_empty();
        self.list.clear();
        self.derive(facets);
        had
    }

    /// Recomputes what the filters leave: one pass over the chosen entries' posts and one
    /// over every post, then one over every entry's posts for the drill-down counts. Work
    /// in proportion to the corpus, done when the filters change, never per keystroke.
    fn derive(&mut self, facets: &Facets) {
        self.generation = GENERATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        let documents = self.documents;
        self.places = Arc::clone(facets.places());
        if self.list.is_empty() {
            self.passing = None;
            self.visible = DocIndex::all(documents).collect();
            self.passing_in = Vec::new();
            self.drill = (FacetKind::ALL.iter())
                .map(|&kind| facets.entries(kind).iter().map(Entry::count).collect())
                .collect();
            return;
        }
        let states = PostStates::new(&self.list, facets, self.places.len());
        let mut visible = vec![false; documents];
        self.visible.clear();
        self.passing_in.clear();
        let mut passing = Vec::new();
        for doc in DocIndex::all(documents) {
            let before = passing.len();
            let posts = self.places.of_document(doc).into_iter();
            passing.extend(posts.filter(|&o| states.passes(o)));
            if passing.len() > before {
                visible[doc.index()] = true;
                self.visible.push(doc);
                self.passing_in.push((passing.len() - before) as u32);
            }
        }
        let now = Count {
            documents: self.visible.len(),
            posts: passing.len(),
        };
        self.passing = Some(passing);
        let list = &self.list;
        self.drill = (FacetKind::ALL.iter())
            .map(|&kind| {
                let entries = facets.entries(kind).iter().enumerate();
                (entries.map(|(i, e)| {
                    // One in force counts its own posts among those passing.
                    let applied =
                        (list.iter()).any(|f| (f.kind, f.entry, f.negated) == (kind, i, false));
                    states.drill(e, kind, now, &visible, applied)
                }))
                .collect()
            })
            .collect();
    }

    /// The filters in words, as the status line gives them: values of one facet grouped
    /// by OR, facets joined by AND, negations last
    /// (`(author:Nick Cook | author:Emmet Regan) & #carereview & NOT org:Frontline`).
    pub fn describe(&self, facets: &Facets) -> String {
        let mut parts: Vec<String> = Vec::new();
        for &kind in FacetKind::ALL {
            let values: Vec<String> = (self.list.iter())
                .filter(|f| f.kind == kind && !f.negated)
                .map(|f| f.chip(facets))
                .collect();
            parts.extend(match values.len() {
                0 => None,
                1 => values.into_iter().next(),
                _ => Some(format!("({})", values.join(" | "))),
            });
        }
        let negated = self.list.iter().filter(|f| f.negated);
        parts.extend(negated.map(|f| f.chip(facets)));
        parts.join(" & ")
    }
}

/// What the filters say of each post: which facets' positive filters it meets, and
/// whether a negated filter excludes it. One byte a post.
struct PostStates {
    /// Per post: a bit per facet (`1 << kind`) whose positive filters it meets, and
    /// [`EXCLUDED`].
    states: Vec<u8>,
    /// The bits of the facets that have positive filters: a post passes with all of them.
    wanted: u8,
}

/// The bit of a post a negated filter excludes.
const EXCLUDED: u8 = 1 << 7;

impl PostStates {
    fn new(list: &[Filter], facets: &Facets, posts: usize) -> PostStates {
        let mut states = vec![0u8; posts];
        let mut wanted = 0;
        for filter in list {
            let bit = match filter.negated {
                true => EXCLUDED,
                false => 1 << filter.kind as u8,
            };
            wanted |= bit & !EXCLUDED;
            let entry = &facets.entries(filter.kind)[filter.entry];
            for (_, ordinals) in entry.posts_by_document() {
                ordinals.iter().for_each(|o| states[o.index()] |= bit);
            }
        }
        PostStates { states, wanted }
    }

    fn passes(&self, post: Ordinal) -> bool {
        self.states[post.index()] == self.wanted
    }

    /// What adding `entry` of `kind` to the filters `now` leaves (`visible`: the
    /// documents they leave, by index). A facet without positive filters narrows to the
    /// entry's passing posts; one with them widens by the entry's posts that meet every
    /// other facet but this one (values of one facet combine with OR). An entry `applied`
    /// already counts its passing posts.
    fn drill(
        &self,
        entry: &Entry,
        kind: FacetKind,
        now: Count,
        visible: &[bool],
        applied: bool,
    ) -> Count {
        let bit = 1 << kind as u8;
        let widens = self.wanted & bit != 0 && !applied;
        let counted = |o: &Ordinal| match widens {
            true => self.states[o.index()] == self.wanted & !bit,
            false => self.states[o.index()] == self.wanted,
        };
        let mut count = if widens { now } else { Count::default() };
        for (doc, ordinals) in entry.posts_by_document() {
            let posts = ordinals.iter().filter(|o| counted(o)).count();
            count.posts += posts;
            let new_document = !widens || !visible[doc.index()];
            count.documents += usize::from(posts > 0 && new_document);
        }
        count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_change_of_filters_leaves_nothing_and_an_entry_keeps_its_place() {
        let corpus = crate::corpus::load::bundled();
        let facets = Facets::build(&corpus);
        let parse = |e: &str| Filter::parse(e, &facets).unwrap();
        let list = ["#Advocacy", "author:Nick Cook", "#carereview"]
            .map(parse)
            .to_vec();
        let mut filters = Filters::new(corpus.documents.len(), &facets, list);
        assert_eq!(filters.passing_count(), Some(2));
        // Without #carereview, #Advocacy and Nick Cook share no post.
        assert_eq!(filters.pop(&facets), Err(LeavesNothing));
        assert_eq!(filters.list().len(), 3);
        // Applied again, negated, an entry stays where it was.
        let flipped = Filter {
            negated: true,
            ..parse("#Advocacy")
        };
        assert_eq!(filters.push(&facets, flipped), Ok(()));
        assert_eq!(filters.list()[0], flipped);
        assert_eq!(filters.pop(&facets), Ok(true));
        assert!(filters.clear(&facets));
        assert_eq!(filters.pop(&facets), Ok(false));
    }
}
