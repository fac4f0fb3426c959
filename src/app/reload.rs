//! A live collection: when the opened files change on disk ([`crate::watch`]), the
//! collection is loaded again on threads of its own — through the cache, so only the
//! files that changed are parsed — and put in the place of the one shown. The reader stays
//! where they were (the same post of the same document, at the same height on screen), and
//! so do the filters, the search and the review; the status line says what changed ("2
//! documents added").

use super::{App, Effect, Filters, Overlay, PromptKind, Search, documents};
use crate::corpus::load::{self, LoadError, LoadOptions};
use crate::corpus::{Corpus, DocIndex, Docs, PostRef};
use crate::facets::{FacetKind, Facets};
use crate::present::plural;
use crate::review::{Anchor, Review, StoreError, anchor_of};
use crate::search::PostTable;
use std::collections::HashMap;
use std::path::Path;
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
    /// The review file read again, its posts found in the new corpus.
    review: Option<Result<crate::review::Reread, StoreError>>,
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
        // Either may be held packed: each document is read once, for its id and what it
        // holds, and let go.
        let read = |corpus: &Corpus| corpus.documents.map(|_, d| (d.id.clone(), fingerprint(d)));
        let before: HashMap<String, u64> = read(shown).into_iter().collect();
        let mut change = Change {
            problems: shown.problems != loaded.problems,
            ..Change::default()
        };
        let mut kept = 0;
        for (id, now) in read(loaded) {
            match before.get(&id) {
                None => change.added += 1,
                Some(&was) => {
                    kept += 1;
                    change.changed += usize::from(was != now);
                }
            }
        }
        change.removed = before.len().saturating_sub(kept);
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
        let first = format!("{} {what}", plural(n, "document"));
        Some(said.fold(first, |line, (n, what)| format!("{line}, {n} {what}")))
    }
}

/// What `document` holds, as a number: two documents that hold the same give the same.
fn fingerprint(document: &crate::corpus::Document) -> u64 {
    use std::hash::BuildHasher;
    let bytes = serde_json::to_vec(document).unwrap_or_default();
    foldhash::fast::FixedState::default().hash_one(bytes)
}

/// Loads the collection `options` name again, to take the place of `shown`; `None` when
/// nothing in it changed (a file saved as it was, a file that is not read touched). The
/// review in the file at `review` is read again and its posts found in the new corpus.
pub fn reload(
    options: &LoadOptions,
    shown: &Corpus,
    review: Option<&Path>,
) -> Result<Option<Reloaded>, String> {
    super::loader::in_a_pool_of_its_own(RELOADER, || reload_here(options, shown, review))
}

/// The name of the threads that load the collection again (and a number): a panic there
/// is caught and reported in the status line, and the terminal stays the UI's.
pub const RELOADER: &str = "tread-reload";

/// Whether the thread named `name` loads the collection again.
pub fn is_reloader(name: Option<&str>) -> bool {
    name.is_some_and(|name| name.starts_with(RELOADER))
}

/// [`reload`], on the threads of the pool it runs in.
fn reload_here(
    options: &LoadOptions,
    shown: &Corpus,
    review: Option<&Path>,
) -> Result<Option<Reloaded>, String> {
    let (corpus, facets) = match load::load_with_facets(options) {
        Ok(loaded) => loaded,
        // Every file gone: the collection is empty now, and says why as at the start.
        Err(LoadError::Empty { problems, .. }) if !shown.documents.is_empty() => {
            let corpus = Corpus {
                problems,
                ..Corpus::default()
            };
            (corpus, None)
        }
        Err(error) => return Err(error.to_string()),
    };
    let change = Change::between(shown, &corpus);
    if change.is_none() {
        return Ok(None);
    }
    // Those the load has (kept by the cache, or built to keep there) are the same.
    let facets = facets.unwrap_or_else(|| Facets::build(&corpus));
    let review = review.map(|path| Review::reread(path, &corpus, facets.places()));
    let short_ids = documents::ShortIds::new(&corpus);
    Ok(Some(Reloaded {
        posts: PostTable::new(&corpus),
        listing: documents::Listing::new(&corpus, &short_ids),
        short_ids,
        facets,
        review,
        corpus,
        change,
    }))
}

/// Where the reader is, in terms that outlive the corpus: paths, ids, anchors and names
/// rather than indices.
struct Place {
    /// The document read: its file, its place among the file's documents, and its id.
    doc: Option<(String, usize, String)>,
    anchor: Option<Anchor>,
    /// The current post and how far down the pane it starts.
    post: Option<(PostRef, isize)>,
    /// The selected row of the list, for when the document is gone.
    row: usize,
    filters: Vec<(super::Filter, String)>,
    search: Option<(String, super::Scope)>,
    /// The files whose documents were listed under them.
    open: Vec<String>,
    /// The entry under the filter panel's selection.
    panel: Option<String>,
}

impl App {
    /// Files changed on disk: load the collection again now, or once the load under way
    /// ends (a change seen while loading may have been read before it was made) and its
    /// cache is written (a reload would find the last one, and both would write it).
    pub(super) fn files_changed(&mut self) {
        if self.loading.is_some() || self.reloading || self.writing_cache {
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

    /// The file the review is kept in, for a reload to read again.
    pub fn review_file(&self) -> Option<std::path::PathBuf> {
        self.review.path().map(Path::to_path_buf)
    }

    /// A reload's outcome: the collection loaded again takes the place of the one shown.
    pub(super) fn reloaded(&mut self, outcome: Result<Option<Reloaded>, String>) {
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
            review,
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
        self.cache_problem = None;
        let mut said: Vec<String> = change.describe().into_iter().collect();
        let key = self.key_for(crate::keymap::Action::Warnings);
        if change.problems {
            said.push(match self.corpus.problems.len() {
                0 => "no problems now".to_string(),
                n => format!("{} now ({key} lists them)", plural(n, "problem")),
            });
        }
        let orphans = self.review.orphans().len();
        self.message = None;
        said.extend(self.rebase_review(review));
        let lost = self.review.orphans().len().saturating_sub(orphans);
        if lost > 0 {
            let posts = plural(lost, "reviewed post");
            said.push(format!("{posts} no longer found ({key} lists them)"));
        }
        self.message = None;
        self.restore(place, &mut said);
        said.extend(self.message.take());
        self.message = Some(said.join("; "));
        if self.corpus.documents.is_empty() {
            self.load_error = Some("no documents left: every file was removed".to_string());
        }
    }

    /// The review's posts found again in the new corpus; why not, if they cannot be. Posts
    /// read since the reading facets were derived stay counted as unread while a filter
    /// on reading is in force (see [`App::count_reading_before`]).
    fn rebase_review(
        &mut self,
        reread: Option<Result<crate::review::Reread, StoreError>>,
    ) -> Option<String> {
        let places = Arc::clone(self.facets.places());
        let rebased = self.review.rebase(&self.corpus, &places, reread);
        let mut posts = self.review.facet_posts(&places);
        if self.on_reading() && self.review_stale {
            let lately = std::mem::take(&mut self.read_lately);
            for anchor in &lately {
                let Some(at) = self.review.find(&self.corpus, &places, anchor) else {
                    continue;
                };
                let ordinal = places.ordinal(at).expect("a post found is in the corpus");
                if let Ok(i) = posts.read.binary_search(&ordinal) {
                    posts.read.remove(i);
                    let at = posts.unread.binary_search(&ordinal).unwrap_or_else(|i| i);
                    posts.unread.insert(at, ordinal);
                }
            }
            self.read_lately = lately;
        } else {
            self.review_stale = false;
            self.read_lately.clear();
        }
        self.facets.set_review(posts);
        let error = rebased.err()?;
        Some(format!("{error}: the review waits until it can be read"))
    }

    fn place(&self) -> Place {
        let doc = self.current_doc();
        let at = self.current_post();
        let whole = |doc: DocIndex| {
            let document = self.corpus.document(doc);
            // One pass over the documents, which may be held packed.
            let path = &document.path;
            let same_file = (self.corpus.documents).map(|_, d| d.path == *path);
            let before = same_file[..doc.index()].iter().rev();
            let nth = before.take_while(|&&same| same).count();
            (document.path.clone(), nth, document.id.clone())
        };
        Place {
            doc: doc.map(whole),
            anchor: at.map(|at| anchor_of(&self.corpus, at)),
            post: at.zip(self.thread.post_offset()),
            row: self.documents.selected(),
            filters: (self.filters.list().iter())
                .map(|f| (*f, self.facets.entries(f.kind)[f.entry].name.clone()))
                .collect(),
            search: self.search.as_ref().map(|s| (s.text.clone(), s.scope)),
            open: self.documents.open_files(),
            panel: self.panel.selected_name(&self.facets),
        }
    }

    /// The document of the new corpus that `doc` was: the one at the same place in the same
    /// file (ids follow file names, and a file of the same name added elsewhere takes the
    /// id), else the one of the same id.
    fn find_document(&self, (path, nth, id): &(String, usize, String)) -> Option<DocIndex> {
        let documents = &self.corpus.documents;
        let first = documents.first(|d| d.path == *path);
        let same_place = first
            .map(|first| first + nth)
            .filter(|&at| documents.get(at).is_some_and(|d| d.path == *path));
        same_place
            .or_else(|| documents.first(|d| d.id == *id))
            .map(DocIndex::new)
    }

    /// Goes back to `place` in the new corpus: the filters by name (one on a value no post
    /// has now is removed), the document as [`App::find_document`] finds it (else the row
    /// it was on, from its top), the post as the review finds one (else its position), the
    /// search run again. What had to change is added to `said`.
    fn restore(&mut self, place: Place, said: &mut Vec<String>) {
        let count = self.corpus.documents.len();
        let list = self.renamed_filters(place.filters);
        said.extend(self.message.take());
        self.filters = Filters::new(count, &self.facets, list);
        if self.filters.passing_count() == Some(0) {
            said.push(self.drop_filters_leaving_nothing());
        }
        self.panel.refresh(&self.facets, &self.filters);
        if let Some(name) = &place.panel {
            self.panel.select_named(&self.facets, name);
        }
        self.documents.reopen_files(&place.open);
        let same = place.doc.as_ref().and_then(|doc| self.find_document(doc));
        if let (Some((_, _, id)), None) = (&place.doc, same) {
            let id = crate::corpus::sanitise::printable(id);
            said.push(format!("{id}, the document you were reading, is gone"));
        }
        if !same.is_some_and(|d| self.documents.select_doc(&self.filters, d)) {
            self.documents.select_row(&self.filters, place.row);
        }
        let doc = self.current_doc();
        if doc != same {
            self.thread.forget();
        }
        self.thread.invalidate();
        self.sync_thread();
        let places = Arc::clone(self.facets.places());
        let found = (place.anchor.as_ref())
            .and_then(|anchor| self.review.find(&self.corpus, &places, anchor))
            .filter(|at| Some(at.doc) == doc);
        let offset = place.post.map_or(0, |(_, offset)| offset);
        // The post that was current, else the one at its position when its text changed.
        let at = found.or_else(|| {
            let (old, _) = place.post?;
            let doc = doc.filter(|_| same == doc)?;
            Some(PostRef { doc, ..old })
        });
        if let Some(at) = at {
            self.thread.select_ref_at(at, offset);
        }
        if found.is_none() && place.anchor.is_some() {
            said.extend(self.let_go_of_the_post());
        }
        self.search = (place.search).map(|(text, scope)| {
            Search::new(&self.posts, &self.filters, &text, scope, self.current_doc())
        });
    }

    /// The filters leave no post in the new corpus: the review's go first (as when the
    /// review changes), then the rest. What was removed, in words.
    fn drop_filters_leaving_nothing(&mut self) -> String {
        let count = self.corpus.documents.len();
        let gone = self.filters.describe(&self.facets);
        let kept = (self.filters.list().iter())
            .filter(|f| !matches!(f.kind, FacetKind::Review | FacetKind::Code))
            .copied()
            .collect();
        self.filters = Filters::new(count, &self.facets, kept);
        if self.filters.passing_count() == Some(0) {
            self.filters = Filters::new(count, &self.facets, Vec::new());
        }
        format!("{gone} leaves no post now: filters removed")
    }

    /// The post that was current is gone (or its text changed): a code or note typed for
    /// it is not put on another, and its links are not the current post's.
    fn let_go_of_the_post(&mut self) -> Option<String> {
        if matches!(self.overlay, Some(Overlay::Links { .. })) {
            self.overlay = None;
        }
        let kind = self.prompt.as_ref().map(|p| p.kind)?;
        if !matches!(kind, PromptKind::Code | PromptKind::Note) {
            return None;
        }
        self.prompt = None;
        Some("the post being reviewed changed on disk: not saved".to_string())
    }
}
