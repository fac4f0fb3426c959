//! Finding and decoding documents: files and folders (read recursively), or the bundled seeds.
//! Files are only ever opened for reading. A file that cannot be read is a [`Problem`] and
//! everything else still loads.

use super::formats::{self, Opening};
use super::glossary::{Glossary, GlossaryError};
use super::sanitise::{printable, single_line};
use super::{Corpus, Document, Resolution, Source};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};
use thiserror::Error;

mod lossy;

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
}

/// A file skipped or read with trouble.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
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
    let (documents, listed) = read_all(options)?;
    let mut corpus = Corpus::resolve(documents, &listed.glossary);
    corpus.problems = listed.problems;
    Ok(corpus)
}

/// Loads the documents the options name without resolving them against each other: no
/// post names an organisation and no excerpt is linked to the thread it repeats. For
/// outputs that show neither (`tread list`, `tread search`), which so skip the longest
/// step of a load.
pub fn load_unresolved(options: &LoadOptions) -> Result<Corpus, LoadError> {
    let (documents, listed) = read_all(options)?;
    Ok(Corpus::unresolved(documents, listed.problems))
}

/// Every document the options name, parsed, with the glossary and the problems met.
fn read_all(options: &LoadOptions) -> Result<(Vec<Document>, Listed), LoadError> {
    let explicit = options
        .glossary
        .as_deref()
        .map(Glossary::load)
        .transpose()?;
    if options.paths.is_empty() {
        let mut glossary = bundled_glossary();
        glossary.merge(explicit.unwrap_or_default());
        let (documents, problems) = super::parse(bundled_sources());
        return Ok((documents, Listed { glossary, problems }));
    }
    let mut documents = Vec::new();
    let listed = stream(&options.paths, explicit, |batch| {
        match documents.is_empty() {
            // The first batch is taken as it is, not copied (a file may hold many documents).
            true => documents = batch.documents,
            false => documents.extend(batch.documents),
        }
        true
    });
    let listed = listed.expect("a load nobody stops runs to the end")?;
    documents.shrink_to_fit();
    Ok((documents, listed))
}

/// What a load in the background reports, in this order: documents as they are parsed, a
/// request for them back, then the resolution (or what the receiver asked to have made
/// of it, `T`).
#[derive(Debug)]
pub enum Progress<T = Resolved> {
    /// More documents, parsed but not yet resolved (organisations and repeated threads come
    /// with the resolution); `done` of `total` files are read.
    Parsed {
        documents: Vec<Document>,
        done: usize,
        total: usize,
    },
    /// Every file is read. The receiver answers with the documents it was sent, in order, as
    /// one shared corpus: they are resolved from there while it keeps showing them, so no
    /// second copy of the documents is ever made.
    Listed(Sender<Arc<Corpus>>),
    /// The resolution, to apply to the documents, with the problems met; or why nothing
    /// loaded.
    Finished(Result<T, LoadError>),
}

/// A background load's result: what to apply to the documents it sent.
#[derive(Debug)]
pub struct Resolved {
    pub resolution: Resolution,
    pub problems: Vec<Problem>,
}

impl Resolved {
    /// The corpus of the documents the load sent, in order, once resolved.
    pub fn apply(self, corpus: &mut Corpus) {
        corpus.org_variants = self.resolution.apply(&mut corpus.documents);
        corpus.problems = self.problems;
    }
}

/// Loads the corpus on a thread of its own, sending [`Progress`] as it goes: the first
/// documents arrive after a few dozen files, later batches grow so that the receiver's
/// work per batch stays small against the whole. The explicit glossary is read first, so
/// a broken one is reported before anything else happens. `finish` runs on the loading
/// thread too, with the shared corpus and its resolution: whatever the receiver builds
/// from the whole corpus is built there, not where keys wait.
pub fn load_in_background<T: Send + 'static>(
    options: &LoadOptions,
    finish: impl FnOnce(&Corpus, Resolved) -> T + Send + 'static,
) -> Result<Receiver<Progress<T>>, LoadError> {
    let explicit = options
        .glossary
        .as_deref()
        .map(Glossary::load)
        .transpose()?;
    let paths = options.paths.clone();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        // The receiver going away (the app quit) ends the load: nothing else to do.
        let listed = stream(&paths, explicit, |batch| {
            let progress = Progress::Parsed {
                documents: batch.documents,
                done: batch.done,
                total: batch.total,
            };
            send.send(progress).is_ok()
        });
        let listed = match listed {
            None => return,
            Some(Err(error)) => {
                let _ = send.send(Progress::Finished(Err(error)));
                return;
            }
            Some(Ok(listed)) => listed,
        };
        let (give, take) = std::sync::mpsc::channel();
        if send.send(Progress::Listed(give)).is_err() {
            return;
        }
        let Ok(corpus) = take.recv() else {
            return;
        };
        let resolution = Resolution::of(&corpus.documents, &listed.glossary);
        let resolved = Resolved {
            resolution,
            problems: listed.problems,
        };
        let finished = finish(&corpus, resolved);
        // Let go before answering, so the receiver holds the only reference and applies the
        // resolution in place.
        drop(corpus);
        let _ = send.send(Progress::Finished(Ok(finished)));
    });
    Ok(receive)
}

/// Every file read and parsed: what a load needs, besides the documents, to finish.
struct Listed {
    glossary: Glossary,
    problems: Vec<Problem>,
}

/// The work of [`load`] and [`load_in_background`]: find, read and parse in growing
/// batches, handing each batch to `emit`. `emit` says whether anyone still listens; when
/// nobody does, the load stops (`None`).
fn stream(
    paths: &[PathBuf],
    explicit: Option<Glossary>,
    mut emit: impl FnMut(Batch) -> bool,
) -> Option<Result<Listed, LoadError>> {
    let mut problems = Vec::new();
    let mut glossary = discovered_glossary(paths, &mut problems);
    glossary.merge(explicit.unwrap_or_default());
    let files = find_files(paths, &mut problems);
    let mut ids = Ids::default();
    let mut parsed_any = false;
    let mut batch = FIRST_BATCH;
    let mut done = 0;
    while done < files.len() {
        let chunk = &files[done..(done + batch).min(files.len())];
        let mut parsed = read_and_parse(chunk, &mut problems);
        for document in &mut parsed {
            unique_id(document, &mut ids, &mut problems);
        }
        done += chunk.len();
        parsed_any |= !parsed.is_empty();
        let total = files.len();
        let listening = emit(Batch {
            documents: parsed,
            done,
            total,
        });
        if !listening {
            return None;
        }
        batch = (batch * 2).min(MAX_BATCH);
    }
    if !parsed_any {
        let names: Vec<String> = paths.iter().map(|p| shown(p)).collect();
        return Some(Err(LoadError::Empty {
            paths: names.join(", "),
            problems,
        }));
    }
    Some(Ok(Listed { glossary, problems }))
}

/// Documents just parsed, and how far the load has come: `done` of `total` files read.
struct Batch {
    documents: Vec<Document>,
    done: usize,
    total: usize,
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
                path: shown(&file),
                message: format!("glossary ignored: {}", strip_path(&e.to_string(), &file)),
            }),
        }
    }
    glossary
}

/// A glossary message without its leading path (the problem line names it already).
fn strip_path(message: &str, path: &Path) -> String {
    let shown = shown(path);
    message
        .strip_prefix(&shown)
        .map_or(message, |m| m.trim_start_matches([':', ' ']))
        .to_string()
}

/// Every document file under the paths, in order.
fn find_files(paths: &[PathBuf], problems: &mut Vec<Problem>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut visited = HashSet::new();
    for path in paths {
        collect(path, true, &mut files, &mut visited, problems);
    }
    files
}

/// Reads and parses files on every core, each file parsed as soon as it is read, while its
/// text is still at hand; documents and problems in file order.
fn read_and_parse(files: &[PathBuf], problems: &mut Vec<Problem>) -> Vec<Document> {
    let done: Vec<(Vec<Document>, Vec<Problem>)> = files
        .par_iter()
        .map(|path| {
            let mut found = Vec::new();
            let documents = match read_structure(path, &mut found) {
                Some(parsed) => parsed,
                None => match read_source(path, &mut found) {
                    Some(source) => {
                        let (documents, more) = super::parse_source(source);
                        found.extend(more);
                        documents
                    }
                    None => Vec::new(),
                },
            };
            (documents, found)
        })
        .collect();
    let (documents, found) = super::gathered(done);
    problems.extend(found);
    documents
}

/// Gathers the document files under `path` in name order, skipping hidden entries and
/// glossaries, following links but never into a folder twice.
fn collect(
    path: &Path,
    named: bool,
    files: &mut Vec<PathBuf>,
    visited: &mut HashSet<FolderId>,
    problems: &mut Vec<Problem>,
) {
    let problem = |problems: &mut Vec<Problem>, message: String| {
        problems.push(Problem {
            path: shown(path),
            message,
        })
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => return problem(problems, describe_io(&e, named)),
    };
    if meta.is_file() {
        files.push(path.to_path_buf());
    } else if meta.is_dir() {
        if !visited.insert(folder_id(path, &meta)) {
            return;
        }
        let export = super::formats::export(path);
        let part = export.as_ref().map(|e| e.part);
        files.extend(export.into_iter().flat_map(|e| e.posts));
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => {
                return problem(
                    problems,
                    format!("cannot read folder: {}", describe_io(&e, true)),
                );
            }
        };
        // A folder's entries share its path, so their names alone give their order.
        let mut children: Vec<(std::ffi::OsString, Option<std::fs::FileType>)> = entries
            .filter_map(Result::ok)
            .map(|e| (e.file_name(), e.file_type().ok()))
            .collect();
        children.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (name, kind) in children {
            let shown_name = name.to_string_lossy();
            if shown_name.starts_with('.') || shown_name == GLOSSARY_FILE {
                continue;
            }
            let is_dir = kind.is_some_and(|k| k.is_dir());
            if part.is_some_and(|part| part(&shown_name, is_dir)) {
                continue;
            }
            let child = path.join(&name);
            // The folder listing says which entries are plain files, as most are: no need
            // to ask the file system about each again. Links and the rest are looked at.
            match kind {
                Some(kind) if kind.is_file() => files.push(child),
                _ => collect(&child, false, files, visited, problems),
            }
        }
    } else {
        problem(problems, "skipped: not a regular file".to_string());
    }
}

/// What makes a folder the same folder however it is reached (through links, or a path
/// written another way): its device and inode where there are such, its canonical path
/// elsewhere. The device and inode come with the metadata already read; a canonical path
/// takes a look-up of every folder above it, which made walking deeply nested folders
/// cubic in their depth.
#[cfg(unix)]
type FolderId = (u64, u64);
#[cfg(not(unix))]
type FolderId = PathBuf;

#[cfg(unix)]
fn folder_id(_: &Path, meta: &std::fs::Metadata) -> FolderId {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn folder_id(path: &Path, _: &std::fs::Metadata) -> FolderId {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn describe_io(error: &std::io::Error, named: bool) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound if named => "no such file or folder".to_string(),
        std::io::ErrorKind::NotFound => "skipped: broken link".to_string(),
        std::io::ErrorKind::PermissionDenied => "skipped: permission denied".to_string(),
        _ => format!("skipped: {error}"),
    }
}

/// The largest page read as a document. Saved pages are kilobytes; a page this big is a
/// dump, and reading it would stall everything else.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The largest platform export or tread JSON read: real account archives hold hundreds of
/// megabytes of posts in one file, and are read as a stream into the model.
pub const MAX_EXPORT_BYTES: u64 = 1024 * 1024 * 1024;

/// Why a file's bytes were not read.
#[derive(Debug, Error)]
pub enum ReadError {
    /// A pipe, a device or a socket: reading it could block forever or never end.
    #[error("not a regular file")]
    NotRegular,
    #[error("larger than {} MB", limit / (1024 * 1024))]
    TooLarge { limit: u64 },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The bytes of the regular file at `path`, at most `limit` of them.
pub fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, size) = open_regular(path)?;
    read_limited(file, size, limit)
}

/// `path` opened read-only, when it is a regular file, with its size. It is opened without
/// waiting (opening a pipe for reading otherwise blocks until something writes to it) and
/// then asked what it is, so nothing can change between the question and the open.
fn open_regular(path: &Path) -> Result<(std::fs::File, u64), ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path)?;
    let meta = file.metadata()?;
    match meta.is_file() {
        true => Ok((file, meta.len())),
        false => Err(ReadError::NotRegular),
    }
}

/// A file of `size` bytes read whole, when it holds at most `limit`: read to at most one
/// byte past the limit, so a file that grows while it is read cannot make the read endless.
fn read_limited(file: std::fs::File, size: u64, limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let too_large = || ReadError::TooLarge { limit };
    if size > limit {
        return Err(too_large());
    }
    // Room for the whole file and a byte more, so it is read in one go and the read that
    // finds its end needs no more room.
    let mut bytes = Vec::with_capacity(size as usize + 1);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    match bytes.len() as u64 > limit {
        true => Err(too_large()),
        false => Ok(bytes),
    }
}

/// A document file's bytes: a page of at most [`MAX_FILE_BYTES`]. (Exports and tread's
/// JSON are read as a stream, by [`read_structure`].)
fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let read = open_regular(path).and_then(|(file, size)| read_limited(file, size, MAX_FILE_BYTES));
    read.map_err(|e| describe_read(e, "too large for a saved page"))
}

/// Why a file was skipped, in a problem's words; `what` says what it was too large for.
fn describe_read(error: ReadError, what: &str) -> String {
    match error {
        ReadError::Io(e) => describe_io(&e, false),
        ReadError::TooLarge { limit } => {
            format!("skipped: larger than {} MB, {what}", limit / (1024 * 1024))
        }
        ReadError::NotRegular => format!("skipped: {}", ReadError::NotRegular),
    }
}

/// The documents of a file that opens as a structure tread reads (an X archive's part, or
/// JSON: an export or tread's own), read from disk a part at a time, never held whole;
/// `None` when the file is anything else (or UTF-16), for the text readers. An archive's
/// other parts are read with it.
fn read_structure(path: &Path, problems: &mut Vec<Problem>) -> Option<Vec<Document>> {
    let (opening, file) = open_structure(path)?;
    let shown = shown(path);
    let source = Source {
        id: stem(path),
        path: shown.clone(),
        text: String::new(),
        warnings: Vec::new(),
    };
    let mut found = Vec::new();
    let parsed = match file {
        Err(e) => {
            found.push(describe_read(e, "too large even for an export"));
            formats::Parsed::default()
        }
        Ok(file) => match opening {
            Opening::Json { array } => {
                streamed(file, &mut found, |de| formats::json(de, array, &source))
            }
            Opening::Archive { part } if !formats::holds_posts(&part) => formats::Parsed::default(),
            Opening::Archive { part } => {
                let mut archive = formats::Archive::new(&source);
                streamed(file, &mut found, |de| archive.part(&part, de));
                for companion in formats::companions(path) {
                    archive_part(&companion, &mut archive, problems);
                }
                archive.finish()
            }
        },
    };
    problems.extend(found.into_iter().map(|message| Problem {
        path: shown.clone(),
        message,
    }));
    Some(super::structured(parsed, &shown, problems))
}

/// Another part of an X archive (`tweets-part2.js`, `account.js`), read into `archive`.
fn archive_part(path: &Path, archive: &mut formats::Archive, problems: &mut Vec<Problem>) {
    let mut found = Vec::new();
    match open_structure(path) {
        Some((Opening::Archive { part }, Ok(file))) => {
            streamed(file, &mut found, |de| archive.part(&part, de));
        }
        Some((_, Err(e))) => found.push(describe_read(e, "too large even for an export")),
        // Not an assignment as parts are written: read as text, which says what it holds.
        _ => {
            if let Some((text, _)) = read_text(path, problems) {
                archive.text(&text);
            }
        }
    }
    let shown = shown(path);
    problems.extend(found.into_iter().map(|message| Problem {
        path: shown.clone(),
        message,
    }));
}

/// Hands `read` a JSON reader over `file` (decoded as UTF-8, invalid sequences replaced, as a
/// file read whole is), and says in `found` when anything had to be replaced.
fn streamed<T>(
    file: std::io::Take<std::fs::File>,
    found: &mut Vec<String>,
    read: impl FnOnce(&mut serde_json::Deserializer<serde_json::de::IoRead<Utf8Reader>>) -> T,
) -> T {
    let replaced = std::cell::Cell::new(false);
    let reader = std::io::BufReader::new(lossy::LossyUtf8::new(file, &replaced));
    let result = read(&mut serde_json::Deserializer::from_reader(reader));
    if replaced.get() {
        found.push("invalid UTF-8 decoded lossily".to_string());
    }
    result
}

/// What a structure's JSON is read through.
type Utf8Reader<'a> = std::io::BufReader<lossy::LossyUtf8<'a, std::io::Take<std::fs::File>>>;

/// How the file at `path` opens and, when it is a structure, the file placed where its
/// JSON starts (at most [`MAX_EXPORT_BYTES`] of it), or why it cannot be read. `None` for
/// text, or a file that cannot be opened (the text readers say why).
fn open_structure(
    path: &Path,
) -> Option<(Opening, Result<std::io::Take<std::fs::File>, ReadError>)> {
    use std::io::{Read, Seek, SeekFrom};
    let (mut file, size) = open_regular(path).ok()?;
    let mut head = Vec::with_capacity(HEAD_BYTES);
    file.by_ref()
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .ok()?;
    // UTF-16 is decoded whole, as text is.
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return None;
    }
    let bom = if head.starts_with(&[0xef, 0xbb, 0xbf]) {
        3
    } else {
        0
    };
    let (opening, json_at) = formats::opening(&String::from_utf8_lossy(&head[bom..]))?;
    if size > MAX_EXPORT_BYTES {
        let limit = MAX_EXPORT_BYTES;
        return Some((opening, Err(ReadError::TooLarge { limit })));
    }
    let start = (bom + json_at) as u64;
    let placed = file.seek(SeekFrom::Start(start)).map_err(ReadError::from);
    Some((opening, placed.map(|_| file.take(MAX_EXPORT_BYTES))))
}

/// How many of a file's first bytes tell whether it is a structure.
const HEAD_BYTES: usize = 1024;

fn read_source(path: &Path, problems: &mut Vec<Problem>) -> Option<Source> {
    let (mut text, warnings) = read_text(path, problems)?;
    // Files read along with this one (an archive's other parts) follow its text.
    for companion in super::formats::companions(path) {
        if let Some((more, _)) = read_text(&companion, problems) {
            text.push('\n');
            text.push_str(&more);
        }
    }
    Some(Source {
        id: stem(path),
        path: shown(path),
        text,
        warnings,
    })
}

/// A file's text, decoded, with the warnings decoding raised (also reported as problems);
/// `None` when it cannot be read or is not text.
fn read_text(path: &Path, problems: &mut Vec<Problem>) -> Option<(String, Vec<String>)> {
    let shown = shown(path);
    let decoded = read_bytes(path).and_then(decode);
    match decoded {
        Ok((text, warnings)) => {
            for warning in &warnings {
                problems.push(Problem {
                    path: shown.clone(),
                    message: warning.clone(),
                });
            }
            Some((text, warnings))
        }
        Err(message) => {
            problems.push(Problem {
                path: shown,
                message,
            });
            None
        }
    }
}

/// The ids given so far in a load, so that every document's is its own.
#[derive(Default)]
struct Ids {
    taken: HashSet<String>,
    /// For an id taken more than once, the last number tried after it.
    tried: HashMap<String, usize>,
}

/// Gives a document whose id is taken (a repeated file stem, a document read back twice)
/// the first free numbered id ("notes~2", or "notes~3" when a file is called "notes~2")
/// and says so.
fn unique_id(document: &mut Document, ids: &mut Ids, problems: &mut Vec<Problem>) {
    if ids.taken.insert(document.id.clone()) {
        return;
    }
    let tried = ids.tried.entry(document.id.clone()).or_insert(1);
    let id = loop {
        *tried += 1;
        let id = format!("{}~{}", document.id, tried);
        if ids.taken.insert(id.clone()) {
            break id;
        }
    };
    problems.push(Problem {
        path: document.file().to_string(),
        message: format!("id {} is taken; this document is {id}", document.id),
    });
    document.id = id;
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| printable(&s.to_string_lossy()))
        .unwrap_or_default()
}

/// A path as documents and messages show it: control characters in a file name are
/// written as escapes, never sent to the terminal.
pub fn shown(path: &Path) -> String {
    printable(&path.display().to_string())
}

/// Decodes a file's bytes: UTF-16 by its byte-order mark, UTF-8 otherwise (invalid sequences
/// replaced, with a warning). A file with NUL bytes that is not UTF-16 is binary and skipped.
pub fn decode(mut bytes: Vec<u8>) -> Result<(String, Vec<String>), String> {
    let utf16 = |be: bool| {
        let units = bytes[2..].chunks_exact(2).map(|c| {
            if be {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from_le_bytes([c[0], c[1]])
            }
        });
        (
            String::from_utf16_lossy(&units.collect::<Vec<_>>()),
            Vec::new(),
        )
    };
    match bytes[..] {
        [0xff, 0xfe, ..] => return Ok(utf16(false)),
        [0xfe, 0xff, ..] => return Ok(utf16(true)),
        _ => {}
    }
    if bytes.contains(&0) {
        return Err("skipped: binary file".to_string());
    }
    // A UTF-8 byte-order mark says nothing a reader needs, and would hide how the text
    // opens (an archive's part read after another would not start a line).
    if bytes.starts_with(&[0xef, 0xbb, 0xbf]) {
        bytes.drain(..3);
    }
    // Valid UTF-8, as nearly every file is, becomes the text without a copy.
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, Vec::new())),
        Err(invalid) => Ok((
            String::from_utf8_lossy(invalid.as_bytes()).into_owned(),
            vec!["invalid UTF-8 decoded lossily".to_string()],
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder of `n` small threads, one with a broken glossary beside them.
    fn folder(n: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..n {
            let text = format!("Note {i} about the Care Review and @FamilyRightsGp.\n");
            std::fs::write(dir.path().join(format!("n{i:04}.txt")), text).unwrap();
        }
        std::fs::write(dir.path().join("broken.bin"), b"\x00\x01\x02binary").unwrap();
        dir
    }

    #[test]
    fn a_background_load_sends_growing_batches_then_the_same_corpus_as_load() {
        let dir = folder(300);
        let options = LoadOptions {
            paths: vec![dir.path().to_path_buf()],
            glossary: None,
        };
        let receiver = load_in_background(&options, |_, resolved| resolved).unwrap();
        let mut listed = Corpus::default();
        let mut batches = Vec::new();
        let mut shared = None;
        let resolved = loop {
            match receiver.recv().unwrap() {
                Progress::Parsed {
                    documents,
                    done,
                    total,
                } => {
                    assert_eq!(total, 301);
                    batches.push(done);
                    listed.documents.extend(documents);
                }
                Progress::Listed(reply) => {
                    let corpus = Arc::new(std::mem::take(&mut listed));
                    reply.send(Arc::clone(&corpus)).unwrap();
                    shared = Some(corpus);
                }
                Progress::Finished(result) => break result.unwrap(),
            }
        };
        assert_eq!(batches, [64, 192, 301], "batches double");
        let mut corpus = shared.expect("the documents were asked for");
        let finished = Arc::get_mut(&mut corpus).expect("the loader let go of them");
        resolved.apply(finished);
        let whole = load(&options).unwrap();
        assert_eq!(finished.documents, whole.documents);
        assert_eq!(finished.org_variants, whole.org_variants);
        assert_eq!(finished.problems, whole.problems);
        assert_eq!(finished.problems.len(), 1);
    }

    #[test]
    fn an_unresolved_load_is_the_load_before_resolution() {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let options = LoadOptions {
            paths: vec![seeds.clone()],
            glossary: None,
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
        let resolved = Corpus::resolve(unresolved.documents, &glossary);
        assert_eq!(resolved.documents, whole.documents);
        assert_eq!(resolved.org_variants, whole.org_variants);
    }

    #[test]
    fn a_background_load_of_nothing_finishes_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let options = LoadOptions {
            paths: vec![dir.path().join("missing")],
            glossary: None,
        };
        let receiver = load_in_background(&options, |_, resolved| resolved).unwrap();
        let Progress::Finished(Err(LoadError::Empty { problems, .. })) = receiver.recv().unwrap()
        else {
            panic!("expected an empty load");
        };
        assert_eq!(problems.len(), 1);
        let broken = LoadOptions {
            paths: Vec::new(),
            glossary: Some(dir.path().join("no-glossary.toml")),
        };
        assert!(
            load_in_background(&broken, |_, resolved| resolved).is_err(),
            "an explicit glossary is read first"
        );
    }

    #[test]
    fn decode_utf8_lossy_with_warning() {
        let (text, warnings) = decode(b"caf\xe9 ok".to_vec()).unwrap();
        assert_eq!(text, "caf\u{fffd} ok");
        assert_eq!(warnings, ["invalid UTF-8 decoded lossily"]);
    }

    #[test]
    fn decode_utf16_by_bom() {
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("hi\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(le).unwrap().0, "hi\n");
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(be).unwrap().0, "hé");
    }

    /// The documents and problems of a folder holding one file of `bytes`.
    fn load_file(name: &str, bytes: &[u8]) -> (Vec<Document>, Vec<Problem>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let mut problems = Vec::new();
        let files = find_files(&[dir.path().to_path_buf()], &mut problems);
        (read_and_parse(&files, &mut problems), problems)
    }

    fn doc(id: &str, text: &str) -> String {
        format!(
            r#"{{"id": "{id}", "kind": "unroll", "threads": [{{"posts": [{{"text": "{text}"}}]}}]}}"#
        )
    }

    #[test]
    fn a_cut_short_json_file_keeps_what_was_read_and_says_where_it_ends() {
        let text = format!("[{}, {}, {{\"id\": \"c", doc("a", "one"), doc("b", "two"));
        let (documents, problems) = load_file("cut.json", text.as_bytes());
        let ids: Vec<&str> = documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].path.ends_with("cut.json"));
        assert!(
            (problems[0].message).starts_with("not valid JSON: EOF while parsing"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_streamed_file_with_invalid_utf8_is_decoded_lossily_and_says_so() {
        let text = format!("\u{feff}[{}]", doc("a", "caf\u{1}"));
        let bytes = text.replace('\u{1}', "\u{fffd}").into_bytes();
        // The replacement character written by a broken editor: one byte that is not UTF-8.
        let at = bytes
            .windows(3)
            .position(|w| w == "\u{fffd}".as_bytes())
            .unwrap();
        let bytes = [&bytes[..at], b"\xe9", &bytes[at + 3..]].concat();
        let (documents, problems) = load_file("latin1.json", &bytes);
        assert_eq!(&*documents[0].threads[0].posts[0].text, "caf\u{fffd}");
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages, ["invalid UTF-8 decoded lossily"]);
    }

    #[test]
    fn json_in_utf16_is_read_whole_as_before() {
        let text = format!("[{}]", doc("a", "hé"));
        let bytes: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let (documents, problems) = load_file("wide.json", &bytes);
        assert_eq!(problems, []);
        assert_eq!(&*documents[0].threads[0].posts[0].text, "hé");
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode(b"\x89PNG\x00\x00".to_vec()).unwrap_err(),
            "skipped: binary file"
        );
    }

    #[test]
    fn bundled_glossary_parses() {
        assert!(!bundled_glossary().organisations.is_empty());
    }
}
