//! The review a reader keeps on a corpus: posts marked, coded ("funding", "workforce") and
//! annotated, and which posts were read, the way qualitative researchers code excerpts and
//! mail readers keep flags. It lives in a file of its own ([`store`]), never in the
//! documents; each record names its post by document id, address and a fingerprint of its
//! text ([`record::Anchor`]), so it is found again after a reload or a new capture, and a
//! record whose post is gone is kept as an orphan, never dropped.
//!
//! The state is held by post ordinal once the corpus is loaded; records read before that
//! wait in `pending`.

pub mod location;
pub mod record;
mod store;

use crate::address::Address;
use crate::corpus::sanitise::printable_path;
use crate::corpus::{Corpus, DocIndex, Docs, Document, Ordinal, Places, PostRef};
pub use record::{Anchor, Op, Record};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
pub use store::{Store, StoreError};

/// What the review says of one post.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostReview {
    pub marked: bool,
    /// Its codes, sorted.
    pub codes: Vec<String>,
    pub note: Option<String>,
}

impl PostReview {
    /// What it says, in words: "marked · codes: funding, workforce · note: …".
    pub fn summary(&self) -> String {
        let mut what = Vec::new();
        if self.marked {
            what.push("marked".to_string());
        }
        if !self.codes.is_empty() {
            what.push(format!("codes: {}", self.codes.join(", ")));
        }
        if let Some(note) = &self.note {
            what.push(format!("note: {}", crate::present::one_line(note)));
        }
        what.join(" · ")
    }

    fn is_empty(&self) -> bool {
        !self.marked && self.codes.is_empty() && self.note.is_none()
    }

    /// Applies one record's change.
    fn apply(&mut self, record: &Record) {
        match record.op {
            Op::Mark => self.marked = true,
            Op::Unmark => self.marked = false,
            Op::Code => {
                let code = clean_code(record.code.as_deref().unwrap_or_default());
                if !self.codes.iter().any(|c| same_code(c, &code)) {
                    self.codes.push(code);
                    self.codes
                        .sort_by_cached_key(|c| (c.to_lowercase(), c.clone()));
                }
            }
            Op::Uncode => {
                let code = clean_code(record.code.as_deref().unwrap_or_default());
                self.codes.retain(|c| !same_code(c, &code));
            }
            Op::Note => {
                let text = crate::corpus::sanitise::sanitise(record.text.as_deref().unwrap_or(""));
                let text = text.trim();
                self.note = (!text.is_empty()).then(|| text.to_string());
            }
            Op::Read | Op::Unread | Op::View => {}
        }
    }
}

/// A code as it is kept and shown: one line, no terminal controls, trimmed.
pub fn clean_code(code: &str) -> String {
    crate::corpus::sanitise::printable(code.trim())
}

/// Codes are one whatever their case: "Funding" is "funding" (the spelling used first
/// stays), as a reviewer means them and as `--filter code:` finds them.
pub fn same_code(a: &str, b: &str) -> bool {
    a == b || a.to_lowercase() == b.to_lowercase()
}

/// A reviewed post whose post is no longer found: the document is gone, or no post of it
/// has its address and text any more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Orphan {
    pub anchor: Anchor,
    pub review: PostReview,
}

/// A change a reviewer makes to the current post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Marks it, or unmarks it if marked.
    ToggleMark,
    /// Adds the code, or removes it if the post has it.
    ToggleCode(String),
    /// Sets the note (empty: removes it).
    Note(String),
}

/// The review of a corpus.
#[derive(Debug, Default)]
pub struct Review {
    store: Option<Store>,
    /// Records read before the corpus was there to find their posts in.
    pending: Vec<Record>,
    /// Set once the corpus is loaded.
    finder: Option<Finder>,
    posts: HashMap<Ordinal, PostReview>,
    read: HashSet<Ordinal>,
    /// How many posts of each document were read.
    read_in: Vec<u32>,
    orphans: BTreeMap<(String, String, String), Orphan>,
    /// The view saved last.
    view: Option<Record>,
    /// This session's changes, each as the record that undoes it.
    undo: Vec<Record>,
    /// Lines of the file that could not be read.
    warnings: Vec<String>,
    /// The file it was read from, when read only.
    file: Option<std::path::PathBuf>,
    /// Another tread's records were applied (see [`Review::take_changed_by_others`]).
    changed_by_others: bool,
    /// Every record applied, for a review kept in memory only: a file keeps them otherwise
    /// (see [`Review::rebase`]).
    kept: Vec<Record>,
    /// The last write's flush failed (see [`Review::take_unflushed`]).
    unflushed: Option<StoreError>,
}

/// A review file read again for a corpus loaded anew ([`Review::reread`]).
#[derive(Debug)]
pub struct Reread {
    records: Vec<Record>,
    /// The post of each record, in the new corpus.
    found: Vec<Option<Ordinal>>,
    ids: Ids,
    /// How much of the file was read.
    end: u64,
}

/// Finds a record's post in the corpus.
#[derive(Debug, Default)]
struct Finder {
    /// `None` for a review found over documents held packed, which cannot be looked up one
    /// by one ([`Review::resolve_over`]): no record is applied to it after.
    ids: Option<Ids>,
    /// Anchors already looked for (a post is read, marked and coded: found once).
    found: HashMap<(String, String, String), Option<Ordinal>>,
}

impl Review {
    /// A review kept in memory only (tests, and a corpus reviewed nowhere).
    pub fn in_memory() -> Review {
        Review::default()
    }

    /// The review in the file at `path` (made if missing), for the corpus read from
    /// `corpus` (the paths, written in a new file's header).
    pub fn open(path: &Path, corpus: &[String]) -> Result<Review, StoreError> {
        let (store, contents) = Store::open(path, corpus)?;
        Ok(Review {
            store: Some(store),
            pending: contents.records,
            warnings: contents.warnings,
            ..Review::default()
        })
    }

    /// The review in the file at `path`, to read only (the commands that print it).
    pub fn read(path: &Path) -> Result<Review, StoreError> {
        let contents = Store::read(path)?;
        let mut warnings = contents.warnings;
        if contents.missing {
            let shown = printable_path(path);
            warnings.push(format!(
                "review {shown}: no such file yet (nothing reviewed)"
            ));
        }
        Ok(Review {
            pending: contents.records,
            warnings,
            file: Some(path.to_path_buf()),
            ..Review::default()
        })
    }

    /// Where it is kept, if in a file.
    pub fn path(&self) -> Option<&Path> {
        self.store
            .as_ref()
            .map(Store::path)
            .or(self.file.as_deref())
    }

    /// Where it is kept, as messages name it.
    pub fn path_shown(&self) -> String {
        (self.path()).map_or_else(|| "(in memory)".to_string(), printable_path)
    }

    /// Whether the corpus is there to find posts in: changes wait until it is.
    pub fn is_ready(&self) -> bool {
        self.finder.is_some()
    }

    /// Finds the posts of every record read so far in `corpus` (complete now). Once: the
    /// posts are then held by their places in this corpus.
    pub fn resolve(&mut self, corpus: &Corpus, places: &Places) {
        if self.is_ready() {
            return;
        }
        let finder = Finder {
            ids: Some(Ids::new(corpus)),
            found: HashMap::new(),
        };
        let pending = std::mem::take(&mut self.pending);
        // Each document read once (the corpus may hold them packed), none kept.
        let found = Finder::find_all_over(&corpus.documents, places, &pending);
        self.finder = Some(finder);
        self.read_in = vec![0; corpus.documents.len()];
        for (record, found) in pending.into_iter().zip(found) {
            self.apply_found(places, record, found);
        }
    }

    /// Finds the posts of every record read so far in `docs` (complete now, laid out as
    /// `places` says), reading each document once: for a review read only
    /// ([`Review::read`]) of a corpus held packed, whose documents cannot be looked up one
    /// by one. Once; no record is applied to it after.
    pub fn resolve_over<D: Docs + ?Sized>(&mut self, docs: &D, places: &Places) {
        if self.is_ready() {
            return;
        }
        let pending = std::mem::take(&mut self.pending);
        let found = Finder::find_all_over(docs, places, &pending);
        self.finder = Some(Finder::default());
        self.read_in = vec![0; docs.count()];
        for (record, found) in pending.into_iter().zip(found) {
            self.apply_found(places, record, found);
        }
    }

    /// Reads the review in the file at `path` again and finds the post of each record in
    /// `corpus`, a collection loaded anew after its files changed: the part of
    /// [`Review::rebase`] that takes time, done on the loading thread.
    pub fn reread(path: &Path, corpus: &Corpus, places: &Places) -> Result<Reread, StoreError> {
        let contents = Store::read(path)?;
        let ids = Ids::new(corpus);
        let finder = Finder {
            ids: Some(ids),
            found: HashMap::new(),
        };
        let found = Finder::find_all_over(&corpus.documents, places, &contents.records);
        Ok(Reread {
            records: contents.records,
            found,
            ids: finder.ids.unwrap_or_default(),
            end: contents.end,
        })
    }

    /// Holds the review's posts by their places in `corpus`, the collection loaded anew,
    /// from the file read again ([`Review::reread`]) and what was written to it since:
    /// every record applied as a new start would apply it, so the screen shows what a new
    /// tread would. (Carrying the old state over by each post's anchor in the old corpus
    /// would differ where a record was found by its opening words alone.) A review kept in
    /// memory is made again from the records it kept. When the file cannot be read, the
    /// review waits (no marks on the wrong posts, no change written) and says why.
    pub fn rebase(
        &mut self,
        corpus: &Corpus,
        places: &Places,
        reread: Option<Result<Reread, StoreError>>,
    ) -> Result<(), StoreError> {
        self.forget_state();
        self.finder = None;
        self.read_in = vec![0; corpus.documents.len()];
        let (reread, path) = match (reread, self.path().map(Path::to_path_buf)) {
            (Some(reread), Some(path)) => (reread?, path),
            _ => {
                self.pending = self.kept.clone();
                self.resolve(corpus, places);
                return Ok(());
            }
        };
        let since = Store::read_after(&path, reread.end)?;
        self.finder = Some(Finder {
            ids: Some(reread.ids),
            found: HashMap::new(),
        });
        for (record, found) in reread.records.into_iter().zip(reread.found) {
            self.apply_found(places, record, found);
        }
        self.apply_all(corpus, places, since.records);
        Ok(())
    }

    fn apply_all(&mut self, corpus: &Corpus, places: &Places, records: Vec<Record>) {
        for record in records {
            self.apply(corpus, places, record);
        }
    }

    /// Applies one record to the post it names, or to its orphan.
    fn apply(&mut self, corpus: &Corpus, places: &Places, record: Record) {
        let Some(finder) = &mut self.finder else {
            self.pending.push(record);
            return;
        };
        let found = match record.op {
            Op::View => None,
            _ => finder.find(corpus, places, &record.anchor),
        };
        self.apply_found(places, record, found);
    }

    /// Applies one record to the post `found` for it, or to its orphan.
    fn apply_found(&mut self, places: &Places, record: Record, found: Option<Ordinal>) {
        if record.op == Op::View {
            self.view = Some(record);
            return;
        }
        match (found, record.op) {
            (Some(ordinal), Op::Read) => {
                if self.read.insert(ordinal) {
                    self.read_in[places.post_ref(ordinal).doc.index()] += 1;
                }
            }
            (Some(ordinal), Op::Unread) => {
                if self.read.remove(&ordinal) {
                    self.read_in[places.post_ref(ordinal).doc.index()] -= 1;
                }
            }
            // The read state of a post that is gone matters to nobody.
            (None, Op::Read | Op::Unread) => {}
            (Some(ordinal), _) => {
                let review = self.posts.entry(ordinal).or_default();
                review.apply(&record);
                if review.is_empty() {
                    self.posts.remove(&ordinal);
                }
            }
            (None, _) => {
                let key = owned_key(&record.anchor);
                let orphan = self.orphans.entry(key.clone()).or_insert_with(|| Orphan {
                    anchor: record.anchor.clone(),
                    review: PostReview::default(),
                });
                orphan.review.apply(&record);
                if orphan.review.is_empty() {
                    self.orphans.remove(&key);
                }
            }
        }
    }

    /// Makes `change` to the post at `at`: written to the file (and flushed to the disk)
    /// first, applied after, so that what the screen shows is what is kept. Returns what
    /// was done, in words.
    pub fn change(
        &mut self,
        corpus: &Corpus,
        places: &Places,
        at: PostRef,
        change: Change,
    ) -> Result<String, StoreError> {
        let ordinal = places
            .ordinal(at)
            .expect("the current post is in the corpus");
        let now = self.posts.get(&ordinal).cloned().unwrap_or_default();
        let (done, undo, said) = self.records_for(&now, &anchor_of(corpus, at), change);
        self.write(corpus, places, vec![done], true)?;
        self.undo.push(undo);
        Ok(said)
    }

    /// The record that makes `change` to the post at `anchor` (of which the review says
    /// `now`), the record that undoes it, and what was done, in words.
    fn records_for(
        &self,
        now: &PostReview,
        anchor: &Anchor,
        change: Change,
    ) -> (Record, Record, String) {
        let record = |op, code: Option<&str>, text: Option<&str>| Record {
            code: code.map(str::to_string),
            text: text.map(str::to_string),
            ..Record::new(op, anchor.clone())
        };
        match change {
            Change::ToggleMark if now.marked => (
                record(Op::Unmark, None, None),
                record(Op::Mark, None, None),
                "unmarked".to_string(),
            ),
            Change::ToggleMark => (
                record(Op::Mark, None, None),
                record(Op::Unmark, None, None),
                "marked".to_string(),
            ),
            Change::ToggleCode(code) => {
                let code = clean_code(&code);
                // The spelling in use already, whatever case was typed.
                let known = self.codes().into_iter().map(|(c, _)| c);
                let code = known
                    .chain(now.codes.iter().cloned())
                    .find(|c| same_code(c, &code))
                    .unwrap_or(code);
                match now.codes.iter().any(|c| same_code(c, &code)) {
                    true => (
                        record(Op::Uncode, Some(&code), None),
                        record(Op::Code, Some(&code), None),
                        format!("code {code} removed"),
                    ),
                    false => (
                        record(Op::Code, Some(&code), None),
                        record(Op::Uncode, Some(&code), None),
                        format!("coded {code}"),
                    ),
                }
            }
            Change::Note(text) => {
                let before = now.note.clone().unwrap_or_default();
                // Said of the note as it is kept: nothing but controls is no note.
                let kept = crate::corpus::sanitise::sanitise(&text);
                let said = match kept.trim().is_empty() {
                    true => "note removed",
                    false => "note saved",
                };
                (
                    record(Op::Note, None, Some(&text)),
                    record(Op::Note, None, Some(&before)),
                    said.to_string(),
                )
            }
        }
    }

    /// Undoes this session's last change; `None` when there is none left.
    pub fn undo(&mut self, corpus: &Corpus, places: &Places) -> Option<Result<Record, StoreError>> {
        let mut undo = self.undo.pop()?;
        // Made now, not when the change it undoes was.
        undo.at = record::now();
        Some(match self.write(corpus, places, vec![undo.clone()], true) {
            Ok(()) => Ok(undo),
            Err(error) => {
                self.undo.push(undo);
                Err(error)
            }
        })
    }

    /// Counts the post at `at` as read; whether it was unread (a read post writes nothing).
    pub fn read_post(
        &mut self,
        corpus: &Corpus,
        places: &Places,
        at: PostRef,
    ) -> Result<bool, StoreError> {
        let Some(ordinal) = places.ordinal(at) else {
            return Ok(false);
        };
        if !self.is_ready() || self.read.contains(&ordinal) {
            return Ok(false);
        }
        let mut anchor = anchor_of(corpus, at);
        // An excerpt per post read would double the file; it names marked posts.
        anchor.excerpt.clear();
        self.write(corpus, places, vec![Record::new(Op::Read, anchor)], false)?;
        Ok(true)
    }

    /// Saves where the reader is, to come back to.
    pub fn save_view(
        &mut self,
        corpus: &Corpus,
        places: &Places,
        at: PostRef,
        filters: Vec<String>,
    ) -> Result<(), StoreError> {
        let mut anchor = anchor_of(corpus, at);
        anchor.excerpt.clear();
        let record = Record {
            filters,
            ..Record::new(Op::View, anchor)
        };
        self.write(corpus, places, vec![record], true)
    }

    /// Appends `records` to the file after reading what another tread added, then applies
    /// both, theirs first.
    fn write(
        &mut self,
        corpus: &Corpus,
        places: &Places,
        records: Vec<Record>,
        durable: bool,
    ) -> Result<(), StoreError> {
        let Some(store) = &mut self.store else {
            self.kept.extend(records.iter().cloned());
            self.apply_all(corpus, places, records);
            return Ok(());
        };
        let appended = store.append(&records, durable);
        let others = appended.others;
        self.warnings.extend(others.warnings);
        if others.replaced {
            // Made again from the whole file, as it is now.
            self.forget_state();
        }
        self.changed_by_others |= others.replaced || !others.records.is_empty();
        self.apply_all(corpus, places, others.records);
        // Ours are applied once they are in the file, where any tread reading it finds them.
        self.unflushed = appended.written?;
        self.apply_all(corpus, places, records);
        Ok(())
    }

    /// Everything applied so far, forgotten (to apply a replaced file's records anew).
    fn forget_state(&mut self) {
        self.posts.clear();
        self.read.clear();
        self.read_in.iter_mut().for_each(|n| *n = 0);
        self.orphans.clear();
        self.view = None;
    }

    /// Whether what another tread wrote was applied since this was last asked.
    pub fn take_changed_by_others(&mut self) -> bool {
        std::mem::take(&mut self.changed_by_others)
    }

    /// Why the last change was written to the file but not flushed to the disk, if it was
    /// not (a crash of the system, not of tread, could lose it).
    pub fn take_unflushed(&mut self) -> Option<StoreError> {
        self.unflushed.take()
    }

    /// The post an anchor names, once the corpus is loaded (see [`Finder::search`]).
    pub fn find(&mut self, corpus: &Corpus, places: &Places, anchor: &Anchor) -> Option<PostRef> {
        let ordinal = self.finder.as_mut()?.find(corpus, places, anchor)?;
        Some(places.post_ref(ordinal))
    }

    /// What the review says of the post `ordinal`.
    pub fn get(&self, ordinal: Ordinal) -> Option<&PostReview> {
        self.posts.get(&ordinal)
    }

    pub fn is_read(&self, ordinal: Ordinal) -> bool {
        self.read.contains(&ordinal)
    }

    /// How many posts of `doc` are unread.
    pub fn unread_in(&self, places: &Places, doc: DocIndex) -> usize {
        let read = self.read_in.get(doc.index()).copied().unwrap_or(0) as usize;
        places.of_document(doc).len().saturating_sub(read)
    }

    /// The reviewed posts (marked, coded or annotated), in corpus order.
    pub fn posts(&self) -> Vec<(Ordinal, &PostReview)> {
        let mut posts: Vec<_> = self.posts.iter().map(|(&o, r)| (o, r)).collect();
        posts.sort_unstable_by_key(|(o, _)| *o);
        posts
    }

    /// How many posts were read.
    pub fn read_count(&self) -> usize {
        self.read.len()
    }

    /// Every code in use, with how many posts carry it, most used first.
    pub fn codes(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<String, (&str, usize)> = BTreeMap::new();
        for (_, review) in self.posts() {
            for code in &review.codes {
                counts.entry(code.to_lowercase()).or_insert((code, 0)).1 += 1;
            }
        }
        let mut codes: Vec<(String, usize)> = (counts.into_values())
            .map(|(c, n)| (c.to_string(), n))
            .collect();
        codes.sort_by_cached_key(|(c, n)| (std::cmp::Reverse(*n), c.to_lowercase()));
        codes
    }

    /// The posts of each entry of the Review and Codes facets, in corpus order.
    pub fn facet_posts(&self, places: &Places) -> crate::facets::ReviewPosts {
        let mut posts = crate::facets::ReviewPosts::default();
        // By the code whatever its case, named as first written.
        let mut codes: BTreeMap<String, (&str, Vec<Ordinal>)> = BTreeMap::new();
        for (ordinal, review) in self.posts() {
            if review.marked {
                posts.marked.push(ordinal);
            }
            if review.note.is_some() {
                posts.noted.push(ordinal);
            }
            for code in &review.codes {
                let entry = codes
                    .entry(code.to_lowercase())
                    .or_insert((code, Vec::new()));
                entry.1.push(ordinal);
            }
        }
        posts.read = self.read.iter().copied().collect();
        posts.read.sort_unstable();
        let mut read = posts.read.iter().peekable();
        for ordinal in places.all() {
            match read.peek() == Some(&&ordinal) {
                true => drop(read.next()),
                false => posts.unread.push(ordinal),
            }
        }
        posts.codes = (codes.into_values())
            .map(|(c, o)| (c.to_string(), o))
            .collect();
        posts
    }

    /// The reviewed posts that are no longer found.
    pub fn orphans(&self) -> impl ExactSizeIterator<Item = &Orphan> {
        self.orphans.values()
    }

    /// The view saved when the reader last left.
    pub fn view(&self) -> Option<&Record> {
        self.view.as_ref()
    }

    /// Lines of the file that were skipped, and why.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }
}

impl Finder {
    /// The post of each of `records`, found on every core: a post's text is hashed to check
    /// it is the one meant, the most of a large review's start-up.
    /// The post an anchor names: the post at its address if the text is the same, else the
    /// post of that document with the same text (renumbered by a new capture), else none.
    fn find(&mut self, corpus: &Corpus, places: &Places, anchor: &Anchor) -> Option<Ordinal> {
        let key = owned_key(anchor);
        if let Some(found) = self.found.get(&key) {
            return *found;
        }
        let found = self.search(corpus, places, anchor);
        self.found.insert(key, found);
        found
    }

    fn search(&self, corpus: &Corpus, places: &Places, anchor: &Anchor) -> Option<Ordinal> {
        let ids = (self.ids.as_ref()).expect("a review found over packed documents takes no more");
        let doc_index = ids.get(corpus, &anchor.doc)?;
        search_in(corpus.document(doc_index), doc_index, places, anchor)
    }

    /// The post of each of `records`, each document of `docs` read once (a packed one
    /// unpacked once): its records looked for in it, on every core.
    fn find_all_over<D: Docs + ?Sized>(
        docs: &D,
        places: &Places,
        records: &[Record],
    ) -> Vec<Option<Ordinal>> {
        if records.is_empty() {
            return Vec::new();
        }
        let mut by_doc: HashMap<&str, Vec<usize>> = HashMap::new();
        for (r, record) in records.iter().enumerate() {
            by_doc.entry(&record.anchor.doc).or_default().push(r);
        }
        let found = docs.fold(
            Vec::new,
            |mut found, i, doc| {
                for &r in by_doc.get(doc.id.as_str()).into_iter().flatten() {
                    let at = search_in(doc, DocIndex::new(i), places, &records[r].anchor);
                    found.push((r, at));
                }
                found
            },
            |mut a, b| {
                a.extend(b);
                a
            },
        );
        // In corpus order: the first document of an id is the one a record names, as
        // `Ids` finds it.
        let mut posts = vec![None; records.len()];
        let mut seen = vec![false; records.len()];
        for (r, at) in found {
            if !std::mem::replace(&mut seen[r], true) {
                posts[r] = at;
            }
        }
        posts
    }
}

/// The post an anchor names in `doc` (document `doc_index`): the post at its address if the
/// text is the same, else the post of that document with the same text (renumbered by a new
/// capture), else the post at its address that opens with the same words.
fn search_in(
    doc: &Document,
    doc_index: DocIndex,
    places: &Places,
    anchor: &Anchor,
) -> Option<Ordinal> {
    let text = |at: PostRef| &doc.threads[at.thread].posts[at.post].text;
    let same = |at: PostRef| record::fingerprint(text(at)) == anchor.fp;
    let addressed = Address::parse(&anchor.post)
        .ok()
        .and_then(|a| a.find(doc, doc_index, 0).ok());
    let anywhere = || {
        let mut posts = places
            .of_document(doc_index)
            .into_iter()
            .map(|o| places.post_ref(o));
        posts.find(|&at| same(at))
    };
    // Failing both, the post at its address that opens with the same words: the
    // same post, a word changed further on in a new capture.
    let opens_alike =
        |at: &PostRef| !anchor.excerpt.is_empty() && record::excerpt(text(*at)) == anchor.excerpt;
    let found = (addressed.filter(|&at| same(at)))
        .or_else(anywhere)
        .or_else(|| addressed.filter(opens_alike))?;
    places.ordinal(found)
}

/// Documents by id, without a copy of the ids: the hash of each document's id, in order of
/// the hashes, checked against the document's own id (two ids of one hash, which 64 bits
/// make all but impossible, are both looked at). Two sorted lists, not a map: 12 bytes a
/// document where a hash map took 22, for a file of 200,000 documents.
#[derive(Debug, Default)]
struct Ids {
    hashes: Vec<u64>,
    /// The document of each hash; those of one hash in corpus order.
    docs: Vec<DocIndex>,
}

impl Ids {
    fn new(corpus: &Corpus) -> Ids {
        // The documents may be held packed: each is read for its id alone.
        Ids::of_hashes(corpus.documents.map(|_, doc| hash_id(&doc.id)))
    }

    /// The index of documents whose ids hash to `hashes`, in corpus order.
    fn of_hashes(hashes: Vec<u64>) -> Ids {
        let mut docs: Vec<DocIndex> = DocIndex::all(hashes.len()).collect();
        docs.sort_unstable_by_key(|&doc| (hashes[doc.index()], doc));
        Ids {
            hashes: docs.iter().map(|doc| hashes[doc.index()]).collect(),
            docs,
        }
    }

    fn get(&self, corpus: &Corpus, id: &str) -> Option<DocIndex> {
        self.get_hashed(corpus, id, hash_id(id))
    }

    /// The first document whose id is `id`, which hashes to `hash`.
    fn get_hashed(&self, corpus: &Corpus, id: &str, hash: u64) -> Option<DocIndex> {
        let start = self.hashes.partition_point(|&h| h < hash);
        let end = start + self.hashes[start..].partition_point(|&h| h == hash);
        (self.docs[start..end].iter().copied()).find(|&at| corpus.document(at).id == id)
    }
}

fn hash_id(id: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::default().hash_one(id)
}

/// The anchor of the post at `at`.
pub fn anchor_of(corpus: &Corpus, at: PostRef) -> Anchor {
    let doc = corpus.document(at.doc);
    let address = Address::of(doc, at).to_string();
    Anchor::new(&doc.id, &address, &corpus.post(at).text)
}

fn owned_key(anchor: &Anchor) -> (String, String, String) {
    let (doc, post, fp) = anchor.key();
    (doc.to_string(), post.to_string(), fp.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_whose_id_shares_a_hash_is_still_found() {
        let corpus = crate::corpus::load::bundled();
        let ids = Ids::new(&corpus);
        let (first, second) = (&corpus.documents[0].id, &corpus.documents[1].id);
        for (at, doc) in corpus.documents.iter().enumerate() {
            assert_eq!(ids.get(&corpus, &doc.id), Some(DocIndex::new(at)));
        }
        assert_eq!(ids.get(&corpus, "no-such-id"), None);
        // As if the second id had the first's hash: both are found by it.
        let mut hashes: Vec<u64> = corpus.documents.iter().map(|d| hash_id(&d.id)).collect();
        hashes[1] = hashes[0];
        let ids = Ids::of_hashes(hashes.clone());
        assert_eq!(
            ids.get_hashed(&corpus, first, hashes[0]),
            Some(DocIndex::new(0))
        );
        assert_eq!(
            ids.get_hashed(&corpus, second, hashes[0]),
            Some(DocIndex::new(1))
        );
        assert_eq!(ids.get_hashed(&corpus, "no-such-id", hashes[0]), None);
    }

    /// A review read only and found over documents held packed (each read once) says what
    /// the same review found in the corpus held whole says: posts at their address, posts
    /// renumbered (found by their text) or changed further on (by their opening words),
    /// codes in any case, read and unread, orphans, and an id two documents share.
    #[test]
    fn a_review_found_over_packed_documents_is_the_one_found_over_the_corpus() {
        use crate::corpus::held_testing::held;
        let seeds = crate::corpus::load::bundled().documents;
        // The seeds twelve times (enough for several chunks packed), with ids of their own
        // but for one copy of the first, which has the first's id.
        let mut documents: Vec<crate::corpus::Document> = (0..12)
            .flat_map(|copy| {
                seeds.iter().cloned().map(move |mut doc| {
                    doc.id = format!("{}-{copy}", doc.id);
                    doc
                })
            })
            .collect();
        documents[10].id = documents[0].id.clone();
        let corpus = Corpus::unresolved(documents.clone(), Vec::new());
        let places = Places::new(&corpus.documents);
        let mut records = Vec::new();
        for (n, ordinal) in places.all().into_iter().enumerate() {
            let mut anchor = anchor_of(&corpus, places.post_ref(ordinal));
            let op = [
                Op::Mark,
                Op::Code,
                Op::Note,
                Op::Read,
                Op::Unread,
                Op::Unmark,
            ][n % 6];
            match n % 7 {
                0 => anchor.post = "999".to_string(),
                1 => anchor.fp = "0".to_string(),
                2 => anchor.doc = format!("gone-{n}"),
                _ => {}
            }
            let mut record = Record::new(op, anchor);
            record.code =
                (op == Op::Code).then(|| ["funding", "Funding", "care"][n / 6 % 3].into());
            record.text = (op == Op::Note).then(|| format!("note {n}"));
            records.push(record);
        }
        let (mut whole, mut packed) = (Review::in_memory(), Review::in_memory());
        whole.pending = records.clone();
        packed.pending = records;
        whole.resolve(&corpus, &places);
        let expected = whole.facet_posts(&places);
        assert!(whole.orphans().len() > 0 && !expected.marked.is_empty());
        assert!(!expected.noted.is_empty() && !expected.read.is_empty());
        assert_eq!(expected.codes.len(), 2, "funding in any case, and care");
        packed.resolve_over(&held(&documents), &places);
        assert_eq!(packed.facet_posts(&places), expected);
        assert_eq!(packed.posts(), whole.posts());
        assert_eq!(packed.orphans().len(), whole.orphans().len());
    }
}
