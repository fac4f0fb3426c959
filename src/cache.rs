//! The cache of parsed corpora under `$XDG_CACHE_HOME/tread/`: what a load read from each
//! file, and what it resolved across them, kept so that the next load of the same paths
//! parses only the files that changed and resolves again only when anything did.
//!
//! A file is taken from the cache only when its stamp ([`stamp`]: size, times, inode) is the
//! one it had when it was read, and it had not changed within a tick of that load; anything
//! else is read again. The resolution is taken only when every file was, the list of files is
//! the same and so is the glossary. A cache that cannot be read whole ([`store`]) is
//! rebuilt, with one warning; nothing in it is trusted unchecked.

pub mod stamp;
pub mod store;

use crate::corpus::load::{FileRead, Problem};
use crate::corpus::packed::ArchivedDocuments;
use crate::corpus::sanitise::printable_path;
use crate::corpus::{Documents, Glossary, Memo, Places, Resolution};
use crate::facets::{Facets, Kept};
use crate::listing::Listing;
use rayon::prelude::*;
use stamp::Stamp;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use store::{Also, Broken, Entry, Reader, Span, Writer};

/// What a record holds: one file's documents and problems, as the reader left them.
#[derive(Clone, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
struct Record {
    documents: Documents,
    problems: Vec<Problem>,
}

/// When the records of the files a load reads from themselves are encoded for the new cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// As each file is read, on the core that read it: for the commands, which show
    /// nothing until they are done, and many of which hold no document longer than it takes
    /// to write its line (`tread list`, `search`): copies would only add memory.
    AsRead,
    /// When the cache is written, from copies kept meanwhile: for a load shown as it comes
    /// (the UI's), which would otherwise wait for the encoding. A copy of a document shares
    /// its posts' texts with the one shown; the rest (its structs, ids, entities) is copied,
    /// and so are the bytes of documents kept packed (a file of tread's own JSON).
    AtWrite,
}

/// What a load that resolved the corpus keeps beside the records, encoded: the resolution,
/// the facets built with it, and its memo (what naming found in each document).
pub struct Made {
    resolution: Option<Vec<u8>>,
    facets: Option<Vec<u8>>,
    memo: Option<Vec<u8>>,
}

impl Made {
    /// A resolution and the facets built with it, encoded now: they are handed on (to be
    /// shown) before the cache is written. (One that cannot be encoded is not kept.)
    pub fn new(resolution: &Resolution, facets: &Facets) -> Made {
        let (resolution, facets) = rayon::join(
            || store::encode(resolution),
            || store::encode(&facets.kept()),
        );
        Made {
            resolution,
            facets,
            memo: None,
        }
    }

    /// With the resolution's memo.
    pub fn with_memo(self, memo: &Memo) -> Made {
        Made {
            memo: store::encode(memo),
            ..self
        }
    }
}

/// The cache file of the corpus read from `paths`, in the cache folder `dir`. Its records
/// hold each document's path as the load found it, so the same folder named another way
/// (`notes`, `./notes`, `/home/a/notes`) has a cache of its own, told apart by a hash of the
/// paths as written; named by its canonical paths, by none. (One cache for both would be
/// rewritten whole at every other open.)
pub fn file_for(dir: &Path, paths: &[PathBuf]) -> PathBuf {
    let name = crate::xdg::corpus_file_name(paths, "cache");
    // A path as the walk joins the names under it: spellings that give every document the
    // same path ("notes", "notes/") are one.
    let joined = |p: &Path| p.join("").into_os_string();
    let canonical = |p: &PathBuf| std::fs::canonicalize(p).is_ok_and(|c| joined(&c) == joined(p));
    if paths.iter().all(canonical) {
        return dir.join(name);
    }
    let mut written: Vec<_> = paths.iter().map(|p| joined(p)).collect();
    written.sort();
    let written: Vec<&[u8]> = written.iter().map(|p| p.as_encoded_bytes()).collect();
    let form = crate::xdg::fnv64(&written.join(&0));
    let stem = name.strip_suffix(".cache").unwrap_or(&name);
    dir.join(format!("{stem}.{form:016x}.cache"))
}

/// Whether the cache file called `name` is one of the corpus read from `paths`, however
/// they were written ([`file_for`]).
pub fn is_cache_of(name: &str, paths: &[PathBuf]) -> bool {
    let Some(stem) = name.strip_suffix(".cache") else {
        return false;
    };
    let own = crate::xdg::corpus_file_name(paths, "cache");
    let base = match stem.rsplit_once('.') {
        Some((base, form)) if form.len() == 16 && form.bytes().all(|b| b.is_ascii_hexdigit()) => {
            base
        }
        _ => stem,
    };
    own.strip_suffix(".cache") == Some(base)
}

/// The folder tread keeps its caches in, when there is a home for it.
pub fn default_dir() -> Option<PathBuf> {
    crate::xdg::cache_home().map(|home| home.join("tread"))
}

/// One load's use of the cache: the last load's cache, read from, and the new one, written
/// when anything differs from it.
pub struct Session {
    path: PathBuf,
    /// The files and folders read, as the cache's index names them.
    paths: Vec<String>,
    build: String,
    /// When this load began, in nanoseconds since the epoch: what its files are trusted against.
    started: u64,
    glossary: u64,
    old: Option<Old>,
    writer: Option<Writer>,
    /// The files read so far, as the new cache's index records them.
    done: Vec<Done>,
    /// When records of files read from themselves are encoded.
    encoding: Encoding,
    /// Those kept to encode when the cache is written, with their place in `done`.
    unencoded: Vec<(usize, Record)>,
    /// Files read from the cache so far, and from themselves.
    counts: Counts,
    /// What went wrong with the cache: one warning at most.
    problem: Option<Problem>,
    /// Whether the warning was handed on already (no other is given after it).
    told: bool,
    /// Whether writing the new cache failed (it is not tried again).
    write_failed: bool,
    /// What the load listed, to keep in the new cache.
    listing: Option<Listing>,
}

/// How many files a load read from the cache, and how many from themselves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub cached: usize,
    pub parsed: usize,
}

/// The time now, in nanoseconds since the epoch (in tests, the time a test says it is).
fn now() -> u64 {
    #[cfg(test)]
    if let Some(now) = tests::CLOCK.get() {
        return now;
    }
    stamp::nanos(std::time::SystemTime::now())
}

/// The last load's cache.
struct Old {
    reader: Reader,
    /// Each file's place in the index.
    by_path: HashMap<Vec<u8>, usize>,
    /// Whether its files are those of this load, in the same order.
    same_files: bool,
    /// Whether it must be written anew all the same: its listing is missing or damaged
    /// (only `tread list` and `tread facets` read it, and they cannot mend it).
    mend: bool,
}

/// A file read in this load, for the new cache's index.
struct Done {
    path: Vec<u8>,
    stamp: Option<Stamp>,
    record: Where,
    with: Vec<Also>,
}

/// Where a file's record is.
enum Where {
    /// In the last load's cache, unchanged (not yet copied into a new one).
    Old(Span),
    /// In the new cache.
    New(Span),
    /// Nowhere: the file is read every time (its read failed, it changed within a tick of
    /// this load, or no new cache is written); or not yet, its record a copy waiting in
    /// `unencoded` to be encoded.
    Nowhere,
}

impl Session {
    /// Starts a load of `files` (found under `paths`) with the cache in `dir`, encoding the
    /// records of the files it reads from themselves as `encoding` says.
    pub fn open(
        dir: &Path,
        paths: &[PathBuf],
        files: &[PathBuf],
        glossary: &Glossary,
        encoding: Encoding,
    ) -> Self {
        let path = file_for(dir, paths);
        // Canonical, and as written where that differs: the same folder named two ways has
        // two caches (`file_for`), which `tread cache info` tells apart so.
        let shown = |p: &PathBuf| match std::fs::canonicalize(p) {
            Ok(canonical) if canonical.join("") != p.join("") => {
                format!(
                    "{} (named {})",
                    printable_path(&canonical),
                    printable_path(p)
                )
            }
            Ok(_) | Err(_) => printable_path(p),
        };
        let build = build_id();
        let mut session = Session {
            started: now(),
            glossary: fingerprint(glossary),
            old: None,
            writer: None,
            done: Vec::new(),
            encoding,
            unencoded: Vec::new(),
            counts: Counts::default(),
            problem: None,
            told: false,
            write_failed: false,
            listing: None,
            paths: paths.iter().map(shown).collect(),
            path,
            build,
        };
        match Reader::open(&session.path, &session.build) {
            Ok(reader) => session.old = reader.map(|r| Old::new(r, files)),
            Err(broken) => session.broken(broken),
        }
        if session.old.as_ref().is_some_and(|old| old.mend) {
            session.broken(Broken::Damaged("listing"));
        }
        session
    }

    /// Gives the session what the load listed, to keep in a new cache: with every file read.
    pub fn with_listing(self, listing: Option<Listing>) -> Self {
        Session { listing, ..self }
    }

    /// How many files were read from the cache so far, and how many from themselves.
    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// Reads a batch of files, each from the cache when it holds the file unchanged, else
    /// from the file itself, with `read`: all on every core. What each holds, in order.
    pub fn read(
        &mut self,
        files: &[PathBuf],
        read: impl Fn(&Path) -> FileRead + Sync,
    ) -> Vec<(Documents, Vec<Problem>)> {
        // A load that will write a cache makes each record (or its copy, to encode later)
        // where the file is read, on every core: it will, when there is no cache of these
        // files yet.
        if !self.old.as_ref().is_some_and(Old::kept) {
            self.start_writing();
        }
        let reading = Reading {
            old: self.old.as_ref(),
            writing: self.writer.is_some(),
            encoding: self.encoding,
            started: self.started,
            read: &read,
        };
        let outcomes: Vec<Outcome> = files.par_iter().map(|path| reading.file(path)).collect();
        if outcomes.iter().any(|outcome| outcome.fresh) {
            self.start_writing();
        }
        outcomes
            .into_iter()
            .map(|outcome| self.record(outcome))
            .collect()
    }

    /// The resolution the last load made and the facets it built with it, when they hold
    /// for this load's documents, whose posts are at `places` (asked for only when there is
    /// a resolution to check): every file was read from the cache, they are the same files,
    /// the glossary is the same, and everything the resolution and the facets name is
    /// there. The two are taken together or not at all: a load without one makes both again.
    pub fn resolution(
        &mut self,
        places: impl FnOnce() -> Places + Send,
    ) -> Option<(Resolution, Facets)> {
        let old = self.old.as_ref()?;
        let same = old.same_files && self.counts.parsed == 0 && self.writer.is_none();
        let index = &old.reader.index;
        let spans = (index.resolution.zip(index.facets)).filter(|_| same)?;
        if index.glossary != self.glossary {
            return None;
        }
        let limit = old.unpacked_limit();
        let bytes = |span| old.reader.bytes(span).ok();
        // Read side by side: at M each takes a tenth of a second, with a core idle.
        let (resolution, (places, facets)) = rayon::join(
            || bytes(spans.0).and_then(|b| store::decode::<Resolution>(&b, limit)),
            || {
                let kept = bytes(spans.1).and_then(|b| store::decode::<Kept>(&b, limit));
                let places = places();
                // Checked against this load's places before anything is built from them.
                let kept = kept.filter(|kept| *kept.places() == places);
                (places, kept.and_then(Facets::from_kept))
            },
        );
        let resolution = resolution.filter(|resolution| resolution.fits(&places));
        match (resolution, facets) {
            (Some(resolution), Some(facets)) => Some((resolution, facets)),
            (None, _) => {
                self.broken(Broken::Damaged("resolution"));
                None
            }
            (Some(_), None) => {
                self.broken(Broken::Damaged("facets"));
                None
            }
        }
    }

    /// What the last load's resolution found in each document (whatever its files and
    /// glossary: the memo says itself what still holds), to resolve this load's changed
    /// documents alone.
    pub fn memo(&mut self) -> Option<Memo> {
        let old = self.old.as_ref()?;
        let span = old.reader.index.memo?;
        let limit = old.unpacked_limit();
        let bytes = old.reader.bytes(span).ok();
        let decoded = bytes.and_then(|bytes| store::decode::<Memo>(&bytes, limit));
        if decoded.is_none() {
            self.broken(Broken::Damaged("memo"));
        }
        decoded
    }

    /// Ends the load: writes the new cache when anything differs from the last one, with
    /// what the load `made` when it resolved the corpus. Returns the warning, if any (and
    /// not told already).
    pub fn finish(mut self, made: Option<Made>) -> Option<Problem> {
        let same = self.old.as_ref().is_some_and(Old::kept);
        if made.is_some() || !same {
            self.start_writing();
        }
        // A load that made no resolution (`list`, `search`) keeps the last memo: it says
        // itself what still holds, and the next resolution needs it.
        let kept = match (&made, &self.writer, &self.old) {
            (None, Some(_), Some(old)) => (old.reader.index.memo)
                .and_then(|span| old.reader.bytes(span).ok().map(|bytes| (bytes, span.crc))),
            _ => None,
        };
        // The last cache is let go before the new one takes its name (where an open file
        // cannot be replaced, as on Windows).
        self.old = None;
        if let Some(mut writer) = self.writer.take() {
            if let Err(e) = self.encode_records(&mut writer) {
                self.failed_to_write(e);
                return self.problem;
            }
            let kept = kept.map(|(bytes, crc)| writer.append(&bytes, crc));
            let written = kept.transpose().and_then(|memo| {
                writer.index.memo = memo;
                self.commit(writer, made)
            });
            match written {
                Ok(()) => store::sweep(self.path.parent().unwrap_or(Path::new("."))),
                Err(e) => self.failed_to_write(e),
            }
        }
        self.problem
    }

    /// The warning about the cache so far, if any, to be told before the cache is written:
    /// the one warning, as no other is given after it.
    pub fn take_problem(&mut self) -> Option<Problem> {
        let problem = self.problem.take();
        self.told |= problem.is_some();
        problem
    }

    /// Starts the new cache, unless it is started or cannot be: the files done so far go
    /// in first, copied from the last one.
    fn start_writing(&mut self) {
        if self.writer.is_some() || self.write_failed {
            return;
        }
        let mut writer = match Writer::create(&self.path, &self.build) {
            Ok(writer) => writer,
            Err(e) => return self.failed_to_write(e),
        };
        for done in &mut self.done {
            let Where::Old(span) = done.record else {
                continue;
            };
            let old = self.old.as_ref().expect("a record from the old cache");
            match old.copy_into(span, &mut writer) {
                Ok(span) => done.record = Where::New(span),
                Err(e) => return self.failed_to_write(e),
            }
        }
        self.writer = Some(writer);
    }

    /// Keeps a file's record for the new cache; returns what the file holds.
    fn record(&mut self, mut outcome: Outcome) -> (Documents, Vec<Problem>) {
        if let Some(broken) = outcome.broken.take() {
            self.broken(broken);
        }
        match outcome.fresh {
            true => self.counts.parsed += 1,
            false => self.counts.cached += 1,
        }
        if matches!(outcome.bytes, Bytes::Later) && self.writer.is_some() {
            outcome.make_record(self.encoding);
        }
        let record = self.keep(outcome.bytes);
        self.done.push(Done {
            path: key(outcome.path),
            stamp: outcome.stamp,
            record,
            with: outcome.with,
        });
        (outcome.documents, outcome.problems)
    }

    /// Where a record is kept: appended to the new cache while there is one.
    fn keep(&mut self, bytes: Bytes) -> Where {
        let Some(writer) = self.writer.as_mut() else {
            return match bytes {
                Bytes::Old(span, _) => Where::Old(span),
                Bytes::New(_) | Bytes::Made(_) | Bytes::Later | Bytes::None => Where::Nowhere,
            };
        };
        let appended = match bytes {
            Bytes::Old(span, Some(bytes)) => writer.append(&bytes, span.crc),
            Bytes::Old(span, None) => {
                let old = self.old.as_ref().expect("a record from the old cache");
                old.copy_into(span, writer)
            }
            Bytes::New(bytes) => writer.append(&bytes, crc32fast::hash(&bytes)),
            Bytes::Made(record) => {
                self.unencoded.push((self.done.len(), record));
                return Where::Nowhere;
            }
            Bytes::Later | Bytes::None => return Where::Nowhere,
        };
        appended.map(Where::New).unwrap_or_else(|e| {
            self.failed_to_write(e);
            Where::Nowhere
        })
    }

    /// Encodes the records kept to encode at write ([`Encoding::AtWrite`]) and appends them,
    /// a few at a time on every core.
    fn encode_records(&mut self, writer: &mut Writer) -> std::io::Result<()> {
        let mut unencoded = std::mem::take(&mut self.unencoded).into_iter();
        loop {
            let chunk: Vec<(usize, Record)> = unencoded.by_ref().take(ENCODED_AT_ONCE).collect();
            if chunk.is_empty() {
                return Ok(());
            }
            let encoded: Vec<(usize, Option<Vec<u8>>)> = (chunk.into_par_iter())
                .map(|(at, record)| (at, store::encode(&record)))
                .collect();
            for (at, bytes) in encoded {
                if let Some(bytes) = bytes {
                    let span = writer.append(&bytes, crc32fast::hash(&bytes))?;
                    self.done[at].record = Where::New(span);
                }
            }
        }
    }

    /// Writes the resolution and the index, and puts the new cache in place.
    fn commit(&mut self, mut writer: Writer, made: Option<Made>) -> std::io::Result<()> {
        if let Some(made) = made {
            if let Some(bytes) = made.resolution {
                writer.index.resolution = Some(writer.append(&bytes, crc32fast::hash(&bytes))?);
            }
            if let Some(bytes) = made.memo {
                writer.index.memo = Some(writer.append(&bytes, crc32fast::hash(&bytes))?);
            }
            if let Some(bytes) = made.facets {
                writer.index.facets = Some(writer.append(&bytes, crc32fast::hash(&bytes))?);
            }
        }
        if let Some(bytes) = self.listing.take().and_then(|l| store::encode(&l)) {
            writer.index.listing = Some(writer.append(&bytes, crc32fast::hash(&bytes))?);
        }
        writer.index.written = self.started;
        writer.index.paths = self.paths.clone();
        writer.index.glossary = self.glossary;
        writer.index.files = (self.done.drain(..))
            .map(|done| Entry {
                path: done.path,
                stamp: done.stamp,
                record: match done.record {
                    Where::New(span) => Some(span),
                    Where::Old(_) | Where::Nowhere => None,
                },
                with: done.with,
            })
            .collect();
        writer.commit(&self.path)
    }

    /// Notes that the last cache could not be used: it is rebuilt, if it can be written.
    fn broken(&mut self, broken: Broken) {
        let message = match broken {
            Broken::Io(_) => format!("cache not used: {broken}"),
            Broken::Foreign | Broken::Damaged(_) => format!("cache rebuilt: {broken}"),
        };
        self.warn(message);
    }

    /// Gives up writing the new cache, saying why.
    fn failed_to_write(&mut self, error: std::io::Error) {
        self.writer = None;
        self.write_failed = true;
        // Nothing more will be written: the copies waiting to be are let go now.
        self.unencoded = Vec::new();
        let message = format!("cache not written: {}", store::reason(&error));
        self.warn(message);
    }

    /// Keeps `message` as the warning about the cache, unless there is one already.
    fn warn(&mut self, message: String) {
        if !self.told {
            self.problem.get_or_insert(self.problem_of(message));
        }
    }

    fn problem_of(&self, message: String) -> Problem {
        Problem {
            path: printable_path(&self.path),
            message,
            document: false,
        }
    }
}

impl Old {
    fn new(reader: Reader, files: &[PathBuf]) -> Old {
        let entries = &reader.index.files;
        let by_path = (entries.iter().enumerate())
            .map(|(at, entry)| (entry.path.clone(), at))
            .collect();
        let same_files = same_files(entries, files);
        // Read whole, as `tread list` would: a listing it would refuse is made again now.
        let mend = read_listing(&reader).is_none();
        Old {
            mend,
            reader,
            by_path,
            same_files,
        }
    }

    /// Copies the record at `span` into the new cache; returns where it is there.
    fn copy_into(&self, span: Span, writer: &mut Writer) -> std::io::Result<Span> {
        let bytes = self.reader.bytes(span).map_err(std::io::Error::other)?;
        writer.append(&bytes, span.crc)
    }

    /// Whether the cache is kept as it is when no file changed.
    fn kept(&self) -> bool {
        self.same_files && !self.mend
    }

    /// The most the resolution unpacks to: no more than all the records.
    fn unpacked_limit(&self) -> u64 {
        all_records_limit(&self.reader.index)
    }

    /// Where the record of `path` is and the files read with it, when the cache holds it and
    /// neither it nor they changed.
    fn record_of(&self, path: &Path, stamp: Stamp) -> Result<Option<Cached>, Broken> {
        let found = self.by_path.get(&key(path)[..]);
        let Some(entry) = found.map(|&at| &self.reader.index.files[at]) else {
            return Ok(None);
        };
        let unchanged = unchanged(entry, path, stamp, self.reader.index.written);
        let Some(span) = entry.record.filter(|_| unchanged) else {
            return Ok(None);
        };
        Ok(Some((span, entry.with.clone())))
    }
}

/// Whether the index's `entries` are the `files`, in order.
fn same_files(entries: &[Entry], files: &[PathBuf]) -> bool {
    entries.len() == files.len()
        && (entries.iter().zip(files)).all(|(entry, file)| entry.path == key(file))
}

/// Whether the file at `path`, stamped `stamp` now, is as it was when the cache written at
/// `written` recorded it as `entry`: its stamp and those of the files read with it are the
/// same, and were already settled then.
fn unchanged(entry: &Entry, path: &Path, stamp: Stamp, written: u64) -> bool {
    let trusted =
        |now: Option<Stamp>, then: Stamp| now == Some(then) && then.trusted_against(written);
    let now = crate::corpus::load::companions(path);
    let same_with = entry.with.len() == now.len()
        && (entry.with.iter().zip(&now))
            .all(|(also, path)| also.path == key(path) && trusted(stamp_of(path), also.stamp));
    entry.stamp.is_some_and(|then| trusted(Some(stamp), then)) && same_with
}

/// What the last load listed of the corpus of `files` (found under `paths`), when the cache
/// in `dir` has it and holds every one of these files, unchanged, in the same order: the
/// documents would be the same, so their rows are. Read without decoding a record.
pub fn listing(dir: &Path, paths: &[PathBuf], files: &[PathBuf]) -> Option<Listing> {
    let reader = unchanged_cache(dir, paths, files)?;
    read_listing(&reader)
}

/// What the last load listed, and the facets it built with the glossary whose fingerprint
/// is `glossary`, when the cache in `dir` holds every one of `files` unchanged, as
/// [`listing`], and was resolved with that glossary: the facets would be the same.
pub fn facets(
    dir: &Path,
    paths: &[PathBuf],
    files: &[PathBuf],
    glossary: &Glossary,
) -> Option<(Listing, Kept)> {
    let reader = unchanged_cache(dir, paths, files)?;
    let index = &reader.index;
    let span = index
        .facets
        .filter(|_| index.glossary == fingerprint(glossary))?;
    // Each is read on a core of its own.
    let (kept, listing) = rayon::join(
        || store::decode::<Kept>(&reader.bytes(span).ok()?, all_records_limit(index)),
        || read_listing(&reader),
    );
    Some((listing?, kept?))
}

/// What `look` makes of the documents of the corpus of `files`, in runs of files, with what
/// the last load listed, when the cache in `dir` holds every one of these files unchanged, as
/// [`listing`], and what it listed `fits` the reading: each record is read where it lies, on
/// every core, and nothing is made of a document that `look` does not make. `look` adds a
/// file's documents to its run, `None` when they do not read; so is the whole, then, and
/// when the listing does not read.
pub fn read_in_place<T: Default + Send>(
    dir: &Path,
    paths: &[PathBuf],
    files: &[PathBuf],
    fits: impl FnOnce(&Listing) -> bool,
    look: impl Fn(&mut T, &ArchivedDocuments) -> Option<()> + Sync,
) -> Option<(Listing, Vec<T>)> {
    let reader = unchanged_cache(dir, paths, files)?;
    let listing = read_listing(&reader).filter(|listing| fits(listing))?;
    let runs = (reader.index.files.par_chunks(IN_PLACE_RUN))
        .map(|run| {
            let mut made = T::default();
            for entry in run {
                let limit = store::unpacked_limit(entry.stamp.map_or(0, |s| s.len));
                let read = |bytes: &mut Vec<u8>| {
                    let read = |record: &ArchivedRecord| look(&mut made, &record.documents);
                    store::access::<Record, _>(bytes, limit, read).flatten()
                };
                with_record(&reader, entry.record?, read).ok()??;
            }
            Some(made)
        })
        .collect::<Option<Vec<T>>>()?;
    Some((listing, runs))
}

/// How many files [`read_in_place`] reads in a run: enough that a run's work outweighs
/// handing it to a core, few enough that every core has runs to the end.
const IN_PLACE_RUN: usize = 64;

/// The cache in `dir` of the corpus read from `paths`, when it holds every one of `files`
/// unchanged, in the same order, each with its record.
fn unchanged_cache(dir: &Path, paths: &[PathBuf], files: &[PathBuf]) -> Option<Reader> {
    let reader = Reader::open(&file_for(dir, paths), &build_id()).ok()??;
    let index = &reader.index;
    let unchanged = same_files(&index.files, files)
        && (index.files.par_iter().zip(files)).all(|(entry, path)| {
            let stamp = stamp_of(path);
            entry.record.is_some()
                && stamp.is_some_and(|s| unchanged(entry, path, s, index.written))
        });
    unchanged.then_some(reader)
}

/// The listing the cache holds, when it reads back whole.
fn read_listing(reader: &Reader) -> Option<Listing> {
    let (index, span) = (&reader.index, reader.index.listing?);
    let listing = store::decode::<Listing>(&reader.bytes(span).ok()?, all_records_limit(index))?;
    listing.rows.all_read().then_some(listing)
}

/// What tells one glossary from another in the cache.
fn fingerprint(glossary: &Glossary) -> u64 {
    crate::xdg::fnv64(format!("{glossary:?}").as_bytes())
}

/// The most what the whole corpus gives unpacks to: no more than all the records may.
fn all_records_limit(index: &store::Index) -> u64 {
    let lens = (index.files.iter()).filter_map(|entry| entry.stamp.map(|s| s.len));
    lens.map(store::unpacked_limit).fold(0, u64::saturating_add)
}

/// A record found in the last cache: its place, and the files read with it.
type Cached = (Span, Vec<Also>);

/// A path as the index keeps it, byte for byte.
fn key(path: &Path) -> Vec<u8> {
    path.as_os_str().as_encoded_bytes().to_vec()
}

/// The stamp of the file at `path` now, if it can be had.
fn stamp_of(path: &Path) -> Option<Stamp> {
    std::fs::metadata(path).ok().map(|m| Stamp::of(&m))
}

thread_local! {
    /// The room each thread reads records into.
    static RECORD: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// What `read` makes of the bytes of the record at `span` of `reader`'s cache, read into
/// room each thread keeps: fresh room for every file, zeroed and faulted in, cost more than
/// reading into it. The room a large record took (an export's) is given back.
fn with_record<R>(
    reader: &Reader,
    span: Span,
    read: impl FnOnce(&mut Vec<u8>) -> R,
) -> Result<R, Broken> {
    RECORD.with_borrow_mut(|bytes| {
        reader.bytes_into(span, bytes)?;
        let made = read(bytes);
        if bytes.capacity() > store::KEPT_ROOM {
            *bytes = Vec::new();
        }
        Ok(made)
    })
}

/// What reading a batch needs on every core.
struct Reading<'a, F> {
    old: Option<&'a Old>,
    /// Whether a new cache is being written, so that what is read is made a record at once.
    writing: bool,
    encoding: Encoding,
    started: u64,
    read: &'a F,
}

impl<F: Fn(&Path) -> FileRead + Sync> Reading<'_, F> {
    /// The record at `span` of the last cache, with its bytes when a new cache is being
    /// written.
    fn record(
        &self,
        span: Span,
        stamp: Option<Stamp>,
    ) -> Result<(Record, Option<Vec<u8>>), Broken> {
        let old = self.old.expect("a record from the old cache");
        let read = |bytes: &mut Vec<u8>| {
            let record = decode_record(bytes, stamp).ok_or(Broken::Damaged("record"))?;
            Ok((record, self.writing.then(|| bytes.clone())))
        };
        with_record(&old.reader, span, read)?
    }

    /// Reads the file at `path`: from its record when the cache holds it unchanged, else
    /// from itself, made a record when one is wanted.
    fn file<'p>(&self, path: &'p Path) -> Outcome<'p> {
        let stamp = stamp_of(path);
        let mut broken = None;
        let cached = self
            .old
            .zip(stamp)
            .map(|(old, stamp)| old.record_of(path, stamp));
        match cached {
            Some(Ok(Some((span, with)))) => match self.record(span, stamp) {
                Ok((record, bytes)) => {
                    return Outcome::cached(path, stamp, record, (span, bytes), with);
                }
                Err(e) => broken = Some(e),
            },
            Some(Err(e)) => broken = Some(e),
            Some(Ok(None)) | None => {}
        }
        let file = (self.read)(path);
        // The files read with it, stamped after they were read: one changed since this load
        // began is not trusted by the next, so what was read is never kept as what they hold.
        let with: Option<Vec<Also>> = (file.read_with.iter().flatten())
            .map(|path| {
                stamp_of(path).map(|stamp| Also {
                    path: key(path),
                    stamp,
                })
            })
            .collect();
        // A file changed within a tick of this load is read again by the next whatever its
        // stamp says: no use keeping it.
        let trusted = |stamp: &Stamp| stamp.trusted_against(self.started);
        let keep = file.read_with.is_some()
            && stamp.as_ref().is_some_and(trusted)
            && with
                .as_ref()
                .is_some_and(|with| with.iter().all(|a| trusted(&a.stamp)));
        let mut outcome = Outcome {
            path,
            stamp,
            fresh: true,
            broken,
            documents: file.documents,
            problems: file.problems,
            bytes: match keep {
                true => Bytes::Later,
                false => Bytes::None,
            },
            with: with.unwrap_or_default(),
        };
        if self.writing || outcome.broken.is_some() {
            outcome.make_record(self.encoding);
        }
        outcome
    }
}

/// A file of a batch once read, from the cache or from itself.
struct Outcome<'a> {
    path: &'a Path,
    stamp: Option<Stamp>,
    /// Whether it was read from itself.
    fresh: bool,
    /// What was wrong with its record in the cache, if anything.
    broken: Option<Broken>,
    documents: Documents,
    problems: Vec<Problem>,
    bytes: Bytes,
    /// The files read with it.
    with: Vec<Also>,
}

/// A file's record, to keep in the new cache.
enum Bytes {
    /// As the last cache held it: its bytes when they were read for a new cache, else read
    /// again should one be written.
    Old(Span, Option<Vec<u8>>),
    /// Made from the file just read.
    New(Vec<u8>),
    /// Made from the file just read, to be encoded when the cache is written.
    Made(Record),
    /// To be made from the file just read, should a new cache be written.
    Later,
    /// None: the file is not to be kept.
    None,
}

impl<'a> Outcome<'a> {
    fn cached(
        path: &'a Path,
        stamp: Option<Stamp>,
        record: Record,
        old: (Span, Option<Vec<u8>>),
        with: Vec<Also>,
    ) -> Self {
        Outcome {
            path,
            stamp,
            fresh: false,
            broken: None,
            documents: record.documents,
            problems: record.problems,
            bytes: Bytes::Old(old.0, old.1),
            with,
        }
    }

    /// Makes the record of a file read from itself, when it is to be kept: encoded now, or
    /// a copy to encode when the cache is written.
    fn make_record(&mut self, encoding: Encoding) {
        if !matches!(self.bytes, Bytes::Later) {
            return;
        }
        self.bytes = match encoding {
            Encoding::AsRead => {
                let record = Record {
                    documents: std::mem::take(&mut self.documents),
                    problems: std::mem::take(&mut self.problems),
                };
                let bytes = store::encode(&record);
                (self.documents, self.problems) = (record.documents, record.problems);
                bytes.map_or(Bytes::None, Bytes::New)
            }
            Encoding::AtWrite => Bytes::Made(Record {
                documents: self.documents.clone(),
                problems: self.problems.clone(),
            }),
        };
    }
}

/// How many records are encoded at once when the cache is written.
const ENCODED_AT_ONCE: usize = 256;

/// A file's record read back, for a file whose stamp is `stamp`. Its documents are as this
/// build wrote them, made safe to show when they were read: the cache is the user's own
/// (a folder only they can read), each record checked against its checksum and validated,
/// so they are not sanitised again (that would cost a third of reading them).
fn decode_record(bytes: &[u8], stamp: Option<Stamp>) -> Option<Record> {
    let limit = store::unpacked_limit(stamp.map_or(0, |s| s.len));
    // Documents kept packed are bytes to rkyv, checked by the record's checksum; reading
    // them all through here as well cost a fifth more CPU on a warm load of many. One that
    // still does not read is said where the load unpacks it.
    store::decode::<Record>(bytes, limit)
}

/// What tells this build of tread from others: its version and a fingerprint of the source
/// it was built from (`build.rs`), so that a tread that may read files differently never
/// trusts a cache another one wrote.
pub(crate) fn build_id() -> String {
    let version = env!("CARGO_PKG_VERSION");
    format!("tread {version} {}", env!("TREAD_SOURCE_HASH"))
}

#[cfg(test)]
mod tests;
