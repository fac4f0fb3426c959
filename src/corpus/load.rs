//! Loading documents: the files and folders named ([`walk`]), each read and parsed
//! ([`files`]) a batch at a time on every core, ids made unique, then resolved against each
//! other and the glossary; or the bundled seeds. A file that cannot be read is a [`Problem`]
//! and everything else still loads. The UI runs the same stream on a thread of its own.

mod files;
mod lossy;
mod walk;

use super::glossary::{Glossary, GlossaryError};
use super::packed::ArchivedDocuments;
use super::resolve::Unmade;
use super::sanitise::{printable_path, single_line};
use super::{Corpus, DocIndex, Docs, Document, Documents, Held, Memo, Resolution, Source};
use crate::cache;
use crate::facets::{self, Facets};
use crate::listing::Listing;
pub use files::{
    FileRead, MAX_EXPORT_BYTES, MAX_FILE_BYTES, ReadError, companions, decode, open_regular,
    read_file, read_regular_file,
};
use files::{read_and_parse, stem};
use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use thiserror::Error;
use walk::find_files;

/// The file a folder's glossary is read from, beside its documents.
pub const GLOSSARY_FILE: &str = "organisations.toml";

/// The seed documents, embedded so that `tread` works from any directory.
const SEEDS: &[(&str, &str)] = &[
    (
        "000_bcd5621f043b7544.txt",
        include_str!("../../seeds/000_bcd5621f043b7544.txt"),
    ),
    (
        "001_408b82a634d64050.txt",
        include_str!("../../seeds/001_408b82a634d64050.txt"),
    ),
    (
        "002_12ed20b751bd733c.txt",
        include_str!("../../seeds/002_12ed20b751bd733c.txt"),
    ),
    (
        "003_5dc0658c0538405e.txt",
        include_str!("../../seeds/003_5dc0658c0538405e.txt"),
    ),
    (
        "004_8bb49e90aa2e23a7.txt",
        include_str!("../../seeds/004_8bb49e90aa2e23a7.txt"),
    ),
];
const SEED_GLOSSARY: &str = include_str!("../../seeds/organisations.toml");

/// Where the bundled seeds say they come from.
pub const BUNDLED_PREFIX: &str = "(bundled)/seeds/";

/// What to load.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Files and folders; none means the bundled seeds.
    pub paths: Vec<PathBuf>,
    /// A glossary given explicitly, added to those found beside the documents.
    pub glossary: Option<PathBuf>,
    /// The folder of the cache of parsed corpora ([`crate::cache`]); none: no cache.
    pub cache: Option<PathBuf>,
}

/// A file skipped or read with trouble.
#[derive(Debug, Clone, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Problem {
    pub path: String,
    pub message: String,
    /// Whether it is a document file's problem (a file not loaded then counts as skipped),
    /// not a glossary's or the cache's.
    pub document: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // A message may quote what a file holds (a JSON error quotes the value it met).
        let (path, message) = (single_line(&self.path), single_line(&self.message));
        write!(f, "{path}: {message}")
    }
}

/// Why nothing could be loaded.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error(transparent)]
    Glossary(#[from] GlossaryError),
    /// Nothing loaded; `problems` says what went wrong with each path.
    #[error("no documents found in {paths}")]
    Empty {
        paths: String,
        problems: Vec<Problem>,
    },
}

/// Loads the corpus the options name. Files are read and parsed a batch at a time, so
/// no more than one batch of raw text is held beside the documents.
pub fn load(options: &LoadOptions) -> Result<Corpus, LoadError> {
    load_with_facets(options).map(|(corpus, _)| corpus)
}

/// [`load`], with the facets of the corpus when the load has them ([`Resolved::facets`]).
pub fn load_with_facets(options: &LoadOptions) -> Result<(Corpus, Option<Facets>), LoadError> {
    let (documents, listed) = read_all(options)?;
    let mut corpus = Corpus::unresolved(documents, Vec::new());
    let mut resolved = listed.resolve(&corpus.documents);
    let facets = resolved.facets.take();
    resolved.apply(&mut corpus);
    Ok((corpus, facets))
}

/// Loads the documents the options name without resolving them against each other: no
/// post names an organisation and no excerpt is linked to the thread it repeats. For
/// outputs that show neither (the shell's completion of document ids), which so skip the
/// longest step of a load.
pub fn load_unresolved(options: &LoadOptions) -> Result<Corpus, LoadError> {
    let (documents, listed) = read_all(options)?;
    Ok(Corpus::unresolved(documents, listed.unresolved()))
}

/// Loads the documents the options name, unresolved (as [`load_unresolved`]), handing each
/// to `each` as it is parsed rather than holding them all: for an output that keeps only a
/// little of each (`tread list`), so that a file of hundreds of thousands of small
/// documents is never held whole as documents. Returns the problems met.
pub fn load_each(
    options: &LoadOptions,
    mut each: impl FnMut(Document),
) -> Result<Vec<Problem>, LoadError> {
    let listed = read_batches(options, |batch| batch.for_each(&mut each))?;
    Ok(listed.unresolved())
}

/// A corpus held packed and resolved, the resolution not yet written into it: each
/// document is unpacked, and resolved, by whoever reads it, one at a time.
#[derive(Debug)]
pub struct HeldCorpus {
    pub documents: Held,
    pub resolution: Resolution,
    pub problems: Vec<Problem>,
    /// Their facets, when the load has them ([`Resolved::facets`]).
    pub facets: Option<Facets>,
    /// The files documents were read from.
    pub files: BTreeSet<String>,
}

impl HeldCorpus {
    /// What went wrong, in a line, as [`Corpus::summary`] says it.
    pub fn summary(&self) -> Option<String> {
        let loaded = self.files.iter().map(String::as_str).collect();
        super::summary(&self.problems, &loaded)
    }

    /// The authors of the documents whose threads listings' excerpts repeat, by id: what
    /// the text of an excerpt's thread says of the document holding it whole
    /// ([`crate::present::Holders`]). Those this resolution links, and those a tread JSON
    /// file already names.
    pub fn holder_authors(&self) -> HashMap<String, String> {
        super::holder_authors(&self.documents, self.resolution.holders())
    }

    /// Every document with its place, in order, given up one at a time (unpacked, if
    /// packed) with the resolution written into it: as a loaded [`Corpus`] holds it.
    pub fn into_resolved(self) -> impl Iterator<Item = (DocIndex, Document)> {
        let (mut applying, _) = self.resolution.into_applying();
        (self.documents.into_documents()).map(move |(at, mut document)| {
            let at = DocIndex::new(at);
            applying.apply(at, &mut document);
            (at, document)
        })
    }
}

/// What the list shows of the corpus the options name, when the cache holds it for these
/// very files, none of them changed: each document's row, read without reading a document,
/// with every problem the full load would report. None when the load must be made.
pub fn cached_listing(options: &LoadOptions) -> Option<Listing> {
    let dir = options.cache.as_deref()?;
    let (_, files, problems) = walk_for_cache(options)?;
    let listing = cache::listing(dir, &options.paths, &files)?;
    with_problems(listing, problems)
}

/// What `look` makes of the documents of the corpus the options name, in runs of files,
/// with what the list shows of it, when the cache holds it for these very files, none of
/// them changed, and what it lists `fits` the reading: each record read where it lies
/// ([`cache::read_in_place`]), with every problem the full load would report. None when
/// the load must be made.
pub fn cached_in_place<T: Default + Send>(
    options: &LoadOptions,
    fits: impl FnOnce(&Listing) -> bool,
    look: impl Fn(&mut T, &ArchivedDocuments) -> Option<()> + Sync,
) -> Option<(Listing, Vec<T>)> {
    let dir = options.cache.as_deref()?;
    let (_, files, problems) = walk_for_cache(options)?;
    let (listing, runs) = cache::read_in_place(dir, &options.paths, &files, fits, look)?;
    Some((with_problems(listing, problems)?, runs))
}

/// The list and the facets (as `tread facets` shows them) of the corpus the options name,
/// when the cache holds them for these very files, none of them changed, and the same
/// glossary: read without reading a document, with every problem the full load would
/// report. None when the load must be made.
pub fn cached_facets(options: &LoadOptions) -> Option<(Listing, facets::Shown)> {
    let dir = options.cache.as_deref()?;
    let (glossary, files, problems) = walk_for_cache(options)?;
    let (listing, kept) = cache::facets(dir, &options.paths, &files, &glossary)?;
    // Kept for the documents listed, checked before anything is built from them.
    listing.rows.placed_at(kept.places()).then_some(())?;
    let facets = facets::Shown::from_kept(&kept)?;
    Some((with_problems(listing, problems)?, facets))
}

/// What a load does before it reads a file: the glossary, then the files; with the problems
/// met. None for the bundled sample (never cached), or when the glossary given by name is
/// broken: the load fails then, and says why.
fn walk_for_cache(options: &LoadOptions) -> Option<(Glossary, Vec<PathBuf>, Vec<Problem>)> {
    let paths = &options.paths;
    if paths.is_empty() {
        return None;
    }
    let explicit = options
        .glossary
        .as_deref()
        .map(Glossary::load)
        .transpose()
        .ok()?;
    Some(walk(paths, explicit))
}

/// The glossary (those beside `paths`, then `explicit`) and the files under `paths`, with
/// the problems met finding them: what every load of files starts with.
fn walk(paths: &[PathBuf], explicit: Option<Glossary>) -> (Glossary, Vec<PathBuf>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut glossary = discovered_glossary(paths, &mut problems);
    glossary.merge(explicit.unwrap_or_default());
    let files = find_files(paths, &mut problems);
    (glossary, files, problems)
}

/// A listing from the cache with the problems met before its files were read first; none
/// when it lists nothing (the load fails then, and says why).
fn with_problems(listing: Listing, mut problems: Vec<Problem>) -> Option<Listing> {
    if listing.rows.is_empty() {
        return None;
    }
    problems.extend(listing.problems);
    Some(Listing {
        problems,
        ..listing
    })
}

/// Loads the documents the options name, packed as they are parsed, and resolves them
/// reading them one at a time: for outputs that need the whole corpus resolved but show
/// one document at a time (`tread show`, `facets`, `export`, and `list` and `search` with
/// filters), so that a file of hundreds of thousands of small documents is never held
/// whole as documents.
pub fn load_held(options: &LoadOptions) -> Result<HeldCorpus, LoadError> {
    let mut documents = Held::default();
    let (mut files, mut last_file) = (BTreeSet::new(), String::new());
    let listed = read_batches(options, |batch| {
        batch.for_each_kept(|document, packed| {
            // Documents of one file come one after another: each run adds it once.
            if document.file() != last_file {
                last_file = document.file().to_string();
                files.insert(last_file.clone());
            }
            // Packed again, with the id the load gave it.
            match packed {
                true => documents.push_packed(&document),
                false => documents.push_made(document),
            }
        })
    })?;
    documents.finish();
    let resolved = listed.resolve(&documents);
    let mut problems = resolved.problems;
    if documents.damaged() {
        problems.push(unpacked_lost());
    }
    Ok(HeldCorpus {
        documents,
        resolution: resolved.resolution,
        facets: resolved.facets,
        problems,
        files,
    })
}

/// The problem of documents kept packed that did not read back.
fn unpacked_lost() -> Problem {
    Problem {
        path: "(documents kept packed)".to_string(),
        message: "did not read back; some documents are missing (`tread cache clear` makes \
                  the cache again)"
            .to_string(),
        document: false,
    }
}

/// Every document the options name, parsed, with the glossary and the problems met.
fn read_all(options: &LoadOptions) -> Result<(Held, Listed), LoadError> {
    let mut documents = Held::default();
    let listed = read_batches(options, |batch| {
        // Files of many small documents stay packed, as the load kept them.
        batch.for_each_kept(|document, packed| match packed {
            true => documents.push_packed(&document),
            false => documents.push_made(document),
        })
    })?;
    documents.finish();
    Ok((documents, listed))
}

/// Reads the files the options name (or the bundled seeds) a batch at a time, handing each
/// batch to `take`.
fn read_batches(options: &LoadOptions, mut take: impl FnMut(Batch)) -> Result<Listed, LoadError> {
    let explicit = options
        .glossary
        .as_deref()
        .map(Glossary::load)
        .transpose()?;
    if options.paths.is_empty() {
        let mut glossary = bundled_glossary();
        glossary.merge(explicit.unwrap_or_default());
        let (documents, mut problems) = super::parse(bundled_sources());
        let total = documents.len();
        take(Batch {
            documents: Documents::made(documents),
            ids: &mut Ids::default(),
            problems: &mut problems,
            listing: None,
            read: &mut 0,
            done: total,
            total,
        });
        return Ok(Listed {
            glossary,
            problems,
            cache: None,
        });
    }
    let listed = stream(options, explicit, cache::Encoding::AsRead, |batch| {
        take(batch);
        true
    });
    listed.expect("a load nobody stops runs to the end")
}

/// A load's resolution: what to apply to the documents it read.
#[derive(Debug)]
pub struct Resolved {
    pub resolution: Resolution,
    pub problems: Vec<Problem>,
    /// The facets the resolved documents have, when the cache kept them or the load built
    /// them to keep there.
    pub facets: Option<Facets>,
}

impl Resolved {
    /// The corpus of the documents the load sent, in order, once resolved.
    pub fn apply(self, corpus: &mut Corpus) {
        corpus.org_variants = corpus.documents.resolve(self.resolution);
        corpus.problems = self.problems;
        // The resolution read every document: one kept packed that did not read back is
        // known by now.
        if corpus.documents.damaged() {
            corpus.problems.push(unpacked_lost());
        }
    }
}

/// A resolved load's cache, still to be written: with what the resolution was made of, the
/// memo of the documents it named.
pub struct Unwritten<'m> {
    session: Option<cache::Session>,
    made: Option<(cache::Made, Unmade<'m>)>,
}

impl Unwritten<'_> {
    /// Writes the new cache, when anything differs from the last one; returns why it could
    /// not be, if it could not.
    pub fn write(self) -> Option<Problem> {
        let session = self.session?;
        let made = (self.made).map(|(made, unmade)| made.with_memo(&unmade.made()));
        session.finish(made)
    }
}

/// Every file read and parsed: what a load needs, besides the documents, to finish.
pub struct Listed {
    pub glossary: Glossary,
    pub problems: Vec<Problem>,
    /// The load's use of the cache, to be finished once it is resolved (or not).
    cache: Option<cache::Session>,
}

impl Listed {
    /// The resolution step: the documents the load sent, resolved against each other and
    /// the glossary, to be applied where they are; taken from the cache when it holds the
    /// resolution of these very files, and kept there when it does not.
    pub fn resolve<D: Docs + ?Sized>(self, documents: &D) -> Resolved {
        let room = OnceCell::new();
        let (mut resolved, unwritten) = self.resolve_unwritten(documents, &room);
        resolved.problems.extend(unwritten.write());
        resolved
    }

    /// [`Listed::resolve`], with the cache left to write ([`Unwritten::write`]): the UI
    /// shows the resolution meanwhile. A memo it is made with is kept in `room`.
    pub fn resolve_unwritten<'m, D: Docs + ?Sized>(
        mut self,
        documents: &D,
        room: &'m OnceCell<Memo>,
    ) -> (Resolved, Unwritten<'m>) {
        let places = || super::Places::of(documents);
        let cached = (self.cache.as_mut()).and_then(|cache| cache.resolution(places));
        let (resolution, facets, mut unwritten) = match (cached, self.cache.take()) {
            (Some((resolution, facets)), Some(session)) => {
                let unwritten = Unwritten {
                    session: Some(session),
                    made: None,
                };
                (resolution, Some(facets), unwritten)
            }
            // Made again, from what the last one found in the documents that did not change;
            // the facets built with it are kept with it.
            (None, Some(mut session)) => {
                let memo = room.get_or_init(|| session.memo().unwrap_or_else(Memo::new));
                let glossary = &self.glossary;
                let (resolution, unmade) =
                    Resolution::compute_remembering(documents, glossary, memo);
                let facets = Facets::of_resolved(documents, &resolution);
                let made = cache::Made::new(&resolution, &facets);
                let unwritten = Unwritten {
                    session: Some(session),
                    made: Some((made, unmade)),
                };
                (resolution, Some(facets), unwritten)
            }
            (_, None) => {
                let resolution = Resolution::compute(documents, &self.glossary);
                let unwritten = Unwritten {
                    session: None,
                    made: None,
                };
                (resolution, None, unwritten)
            }
        };
        // What went wrong with the last cache is told with the rest; the new one may yet fail.
        let session = unwritten.session.as_mut();
        self.problems
            .extend(session.and_then(cache::Session::take_problem));
        let resolved = Resolved {
            resolution,
            problems: self.problems,
            facets,
        };
        (resolved, unwritten)
    }

    /// How many files the load read from the cache and from themselves (none: no cache).
    pub fn cache_counts(&self) -> Option<cache::Counts> {
        self.cache.as_ref().map(cache::Session::counts)
    }

    /// Ends a load that is not resolved: its problems, once the cache has what it read.
    pub fn unresolved(mut self) -> Vec<Problem> {
        if let Some(session) = self.cache.take() {
            self.problems.extend(session.finish(None));
        }
        self.problems
    }
}

/// A load as a stream, the work of [`load`] and of the UI's loader: find, read and parse in
/// growing batches, handing each batch to `emit`. `emit` says whether anyone still listens; when
/// nobody does, the load stops (`None`). A cache's records are encoded as `encoding` says.
pub fn stream(
    options: &LoadOptions,
    explicit: Option<Glossary>,
    encoding: cache::Encoding,
    mut emit: impl FnMut(Batch) -> bool,
) -> Option<Result<Listed, LoadError>> {
    let paths = &options.paths;
    let (glossary, files, mut problems) = walk(paths, explicit);
    let open = |dir| cache::Session::open(dir, paths, &files, &glossary, encoding);
    let mut cache = options.cache.as_deref().map(open);
    // What the list shows of each document, for the cache: what the batches add from here.
    let mut listing = cache.as_ref().map(|_| Listing::default());
    let walked = problems.len();
    // Batches sent, and batches whose documents were read through.
    let (mut sent, mut read) = (0, 0);
    let mut ids = Ids::default();
    let mut parsed_any = false;
    let mut batch = FIRST_BATCH;
    let mut done = 0;
    while done < files.len() {
        let chunk = &files[done..(done + batch).min(files.len())];
        let parsed = match cache.as_mut() {
            Some(cache) => read_through(cache, chunk, &mut problems),
            None => read_and_parse(chunk, &mut problems),
        };
        done += chunk.len();
        parsed_any |= !parsed.is_empty();
        sent += 1;
        let total = files.len();
        let listening = emit(Batch {
            documents: parsed,
            ids: &mut ids,
            problems: &mut problems,
            listing: listing.as_mut(),
            read: &mut read,
            done,
            total,
        });
        if !listening {
            return None;
        }
        batch = (batch * 2).min(MAX_BATCH);
    }
    if !parsed_any {
        let names: Vec<String> = paths.iter().map(|p| printable_path(p)).collect();
        return Some(Err(LoadError::Empty {
            paths: names.join(", "),
            problems,
        }));
    }
    // Kept only when every batch sent was read through: the documents of one let go
    // unread have no row, and a listing without them would be wrong.
    let listing = listing.filter(|_| read == sent);
    let listing = listing.map(|listing| Listing {
        problems: problems[walked..].to_vec(),
        ..listing
    });
    let cache = cache.map(|session| session.with_listing(listing));
    Some(Ok(Listed {
        glossary,
        problems,
        cache,
    }))
}

/// Reads and parses files through the cache: those it holds unchanged are taken from it.
fn read_through(
    cache: &mut cache::Session,
    files: &[PathBuf],
    problems: &mut Vec<Problem>,
) -> Documents {
    let (documents, found) = super::flatten_parsed(cache.read(files, read_file));
    problems.extend(found);
    documents
}

/// Documents just parsed, and how far the load has come: `done` of `total` files read.
/// Each document is given an id of its own as it is taken from the batch, so that those
/// kept packed (a file of many small ones) are unpacked only by whoever wants them, one at
/// a time.
pub struct Batch<'l> {
    documents: Documents,
    ids: &'l mut Ids,
    problems: &'l mut Vec<Problem>,
    /// The load's rows for the cache, when it keeps one.
    listing: Option<&'l mut Listing>,
    /// How many batches of the load were read through, this one once it is.
    read: &'l mut usize,
    pub done: usize,
    pub total: usize,
}

impl Batch<'_> {
    /// How many documents it holds.
    pub fn len(&self) -> usize {
        self.documents.len()
    }

    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// Hands its documents to `take` in order, each with an id no other document of the
    /// load has.
    pub fn for_each(self, mut take: impl FnMut(Document)) {
        self.for_each_kept(|document, _| take(document));
    }

    /// [`Batch::for_each`], telling `take` too whether each was kept packed.
    pub fn for_each_kept(self, mut take: impl FnMut(Document, bool)) {
        let (ids, problems, mut listing) = (self.ids, self.problems, self.listing);
        *self.read += 1;
        let read = self.documents.for_each_kept(|mut document, packed| {
            unique_id(&mut document, ids, problems);
            if let Some(listing) = listing.as_mut() {
                listing.push(&document);
            }
            take(document, packed);
        });
        // Packed in this load, or read from the cache whose checksum they passed: not
        // expected, but said if it happens.
        if read.is_err() {
            problems.push(unpacked_lost());
        }
    }

    /// Its documents, as [`Batch::for_each`] gives them.
    pub fn into_vec(self) -> Vec<Document> {
        let mut documents = Vec::with_capacity(self.len());
        self.for_each(|document| documents.push(document));
        documents
    }
}

/// Files in the first batch of a background load: enough to fill a screen at once.
const FIRST_BATCH: usize = 64;
/// Files in a batch at most.
const MAX_BATCH: usize = 2048;

/// The bundled seed corpus with its glossary.
pub fn bundled() -> Corpus {
    Corpus::from_sources(bundled_sources(), &bundled_glossary())
}

pub(crate) fn bundled_sources() -> Vec<Source> {
    SEEDS
        .iter()
        .map(|(name, text)| Source {
            id: stem(Path::new(name)),
            path: format!("{BUNDLED_PREFIX}{name}"),
            text: text.to_string(),
            warnings: Vec::new(),
        })
        .collect()
}

pub(crate) fn bundled_glossary() -> Glossary {
    let path = Path::new("(bundled)/seeds/organisations.toml");
    Glossary::parse(SEED_GLOSSARY, path).expect("the bundled glossary is valid (a test checks it)")
}

/// Glossaries beside the given paths: in a folder, or beside a file. A broken one is a
/// problem, not a failure: the documents still load.
fn discovered_glossary(paths: &[PathBuf], problems: &mut Vec<Problem>) -> Glossary {
    let mut glossary = Glossary::default();
    let mut seen = HashSet::new();
    for path in paths {
        let dir = if path.is_dir() {
            path.as_path()
        } else {
            path.parent().unwrap_or(Path::new("."))
        };
        let file = dir.join(GLOSSARY_FILE);
        if !file.is_file() || !seen.insert(file.clone()) {
            continue;
        }
        match Glossary::load(&file) {
            Ok(found) => glossary.merge(found),
            Err(e) => problems.push(Problem {
                path: printable_path(&file),
                message: format!("glossary ignored: {}", strip_path(&e.to_string(), &file)),
                document: false,
            }),
        }
    }
    glossary
}

/// A glossary message without its leading path (the problem line names it already).
fn strip_path(message: &str, path: &Path) -> String {
    let shown = printable_path(path);
    message
        .strip_prefix(&shown)
        .map_or(message, |m| m.trim_start_matches([':', ' ']))
        .to_string()
}

/// The ids given so far in a load, so that every document's is its own.
#[derive(Default)]
struct Ids {
    // Boxed: a third less room than strings for each of hundreds of thousands of ids.
    taken: HashSet<Box<str>>,
    /// For an id taken more than once, the last number tried after it.
    tried: HashMap<String, usize>,
}

/// Gives a document whose id is taken (a repeated file stem, a document read back twice)
/// the first free numbered id ("notes~2", or "notes~3" when a file is called "notes~2")
/// and says so.
fn unique_id(document: &mut Document, ids: &mut Ids, problems: &mut Vec<Problem>) {
    if ids.taken.insert(document.id.as_str().into()) {
        return;
    }
    let tried = ids.tried.entry(document.id.clone()).or_insert(1);
    let id = loop {
        *tried += 1;
        let id = format!("{}~{}", document.id, tried);
        if ids.taken.insert(id.as_str().into()) {
            break id;
        }
    };
    problems.push(Problem {
        path: document.file().to_string(),
        message: format!("id {} is taken; this document is {id}", document.id),
        document: true,
    });
    document.id = id;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unresolved_load_is_the_load_before_resolution() {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let options = LoadOptions {
            paths: vec![seeds.clone()],
            glossary: None,
            cache: None,
        };
        let unresolved = load_unresolved(&options).unwrap();
        let posts = || unresolved.documents.iter().flat_map(|d| d.posts());
        assert!(posts().all(|p| p.organisations.is_empty()));
        let threads = || unresolved.documents.iter().flat_map(|d| &d.threads);
        assert!(threads().all(|t| t.same_thread_as.is_none()));
        let whole = load(&options).unwrap();
        assert!(
            whole
                .documents
                .iter()
                .any(|d| d.posts().any(|p| !p.organisations.is_empty()))
        );
        let linked = |d: &Document| d.threads.iter().any(|t| t.same_thread_as.is_some());
        assert!(
            whole.documents.iter().any(linked),
            "the seeds repeat a thread"
        );
        assert_eq!(unresolved.problems, whole.problems);
        let glossary = discovered_glossary(&[seeds], &mut Vec::new());
        let resolved = Corpus::resolve(unresolved.documents.to_vec(), &glossary);
        assert_eq!(resolved.documents, whole.documents);
        assert_eq!(resolved.org_variants, whole.org_variants);
    }

    #[test]
    fn bundled_glossary_parses() {
        assert!(!bundled_glossary().organisations.is_empty());
    }
}
