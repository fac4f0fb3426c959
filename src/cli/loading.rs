//! The corpus a command reads: its paths and glossary as typed, loaded with every problem
//! reported on standard error, one line each.

use super::commands::search::{self, RunHits};
use super::output::SearchHits;
use super::{CliError, CorpusArgs, Pick, output, pick_document};
use crate::corpus::packed::ArchivedDocuments;
use crate::corpus::{self, Corpus, DocIndex, Docs, Document, LoadOptions};
use crate::listing::Listing;
use crate::review::{Review, location};
use crate::search::Query;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The subcommand's corpus arguments, with a `--glossary` and PATHs given before the
/// subcommand (`tread ~/saved list` lists what is in `~/saved`); a PATH given on both sides
/// is read once.
pub fn merge(top: &CorpusArgs, sub: CorpusArgs) -> CorpusArgs {
    let mut paths = top.paths.clone();
    for path in sub.paths {
        if !paths.contains(&path) {
            paths.push(path);
        }
    }
    CorpusArgs {
        glossary: sub.glossary.or_else(|| top.glossary.clone()),
        paths,
        no_cache: top.no_cache || sub.no_cache,
    }
}

/// What the loader is asked to read.
pub fn options(args: &CorpusArgs) -> LoadOptions {
    LoadOptions {
        paths: args.paths.clone(),
        glossary: args.glossary.clone(),
        cache: (!args.no_cache).then(crate::cache::default_dir).flatten(),
    }
}

/// Loads the corpus, reporting each problem on stderr in one line.
pub fn load(args: &CorpusArgs) -> anyhow::Result<Corpus> {
    report(corpus::load::load(&options(args)))
}

/// Loads the corpus held packed and resolved ([`corpus::load::load_held`]), reporting each
/// problem on stderr in one line.
pub fn load_held(args: &CorpusArgs) -> anyhow::Result<corpus::load::HeldCorpus> {
    let held = report_failure(corpus::load::load_held(&options(args)))?;
    report_problems(&held.problems, held.summary());
    Ok(held)
}

/// How many warnings a command prints about what it read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    /// None (`--quiet`).
    Quiet,
    /// The first [`SHOWN`], then how many more.
    Some,
    /// Every one (`--verbose`).
    All,
}

/// The warnings printed before the rest are summed up, unless `--verbose`.
pub const SHOWN: usize = 5;

/// The verbosity the command line chose; set once, before anything is loaded.
static VERBOSITY: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(1);

pub fn set_verbosity(verbosity: Verbosity) {
    VERBOSITY.store(verbosity as u8, std::sync::atomic::Ordering::Relaxed);
}

fn verbosity() -> Verbosity {
    match VERBOSITY.load(std::sync::atomic::Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        1 => Verbosity::Some,
        _ => Verbosity::All,
    }
}

/// Prints warnings on stderr, one a line: none, all, or the first few and how many more.
pub fn warn<T: std::fmt::Display>(warnings: &[T]) {
    let shown = match verbosity() {
        Verbosity::Quiet => 0,
        Verbosity::Some => SHOWN,
        Verbosity::All => warnings.len(),
    };
    for warning in warnings.iter().take(shown) {
        eprintln!("tread: warning: {warning}");
    }
    let more = warnings.len().saturating_sub(shown);
    if verbosity() == Verbosity::Some && more > 0 {
        let more = crate::present::plural(more, "more warning");
        eprintln!("tread: warning: and {more}; --verbose lists them all (w in the UI)");
    }
}

/// Loads the corpus unresolved, handing each document to `each` as it is read and letting
/// it go ([`corpus::load::load_each`]): for outputs that keep a little of each (`tread
/// list`, `tread search`). Problems are reported as [`load`] reports them.
pub fn load_each(args: &CorpusArgs, mut each: impl FnMut(&Document)) -> anyhow::Result<()> {
    // The files documents came from, for the summary: each run of documents of one file
    // adds it once.
    let mut files = BTreeSet::new();
    let mut last_file = String::new();
    let loaded = corpus::load::load_each(&options(args), |doc| {
        if doc.file() != last_file {
            last_file = doc.file().to_string();
            files.insert(last_file.clone());
        }
        each(&doc);
    });
    let problems = report_failure(loaded)?;
    let loaded = files.iter().map(String::as_str).collect();
    report_problems(&problems, corpus::summary(&problems, &loaded));
    Ok(())
}

/// The list of an unchanged collection as the cache keeps it ([`corpus::load::cached_listing`]),
/// its problems reported as [`load_each`] reports them; none when the cache does not hold it.
pub fn cached_listing(args: &CorpusArgs) -> Option<crate::listing::ListRows> {
    corpus::load::cached_listing(&options(args)).map(report_listing)
}

/// The list and facets of an unchanged collection as the cache keeps them
/// ([`corpus::load::cached_facets`]), reported as [`cached_listing`].
pub fn cached_facets(
    args: &CorpusArgs,
) -> Option<(crate::listing::ListRows, crate::facets::Shown)> {
    let (listing, facets) = corpus::load::cached_facets(&options(args))?;
    Some((report_listing(listing), facets))
}

/// The hits of a search of an unchanged collection, each record of the cache read where it
/// lies ([`corpus::load::cached_in_place`]), its problems reported as [`cached_listing`]
/// reports them; none when the cache does not hold it, or the documents searched are not
/// those its list names.
pub fn cached_search(args: &CorpusArgs, query: &Query) -> Option<SearchHits> {
    let look = |run: &mut RunHits, documents: &ArchivedDocuments| {
        documents.each(|doc| run.find_in(doc, query)).ok()
    };
    // A record holds a document's id as its file gave it; the load gives one whose id is
    // taken another, "id~2": where any listed id could be one, the load is made whole.
    let fits = |listing: &Listing| !listing.rows.iter().any(|row| row.id.contains('~'));
    let (listing, runs) = corpus::load::cached_in_place(&options(args), fits, look)?;
    let hits = search::cached_hits(runs, &listing.rows)?;
    report_listing(listing);
    Some(hits)
}

/// Reports the problems a listing from the cache holds, as a load reports its own; its rows.
fn report_listing(listing: crate::listing::Listing) -> crate::listing::ListRows {
    let loaded = listing.files.iter().map(String::as_str).collect();
    report_problems(
        &listing.problems,
        corpus::summary(&listing.problems, &loaded),
    );
    listing.rows
}

/// Reports a load's problems on stderr (as [`warn`]), and passes its outcome on.
fn report(loaded: Result<Corpus, corpus::LoadError>) -> anyhow::Result<Corpus> {
    let corpus = report_failure(loaded)?;
    report_problems(&corpus.problems, corpus.summary());
    Ok(corpus)
}

/// A load's problems, then its summary, on stderr.
fn report_problems(problems: &[corpus::Problem], summary: Option<String>) {
    warn(problems);
    let all_listed = verbosity() == Verbosity::All || problems.len() <= SHOWN;
    match summary {
        _ if verbosity() == Verbosity::Quiet => {}
        Some(summary) if all_listed => eprintln!("tread: {summary} (listed above)"),
        Some(summary) => eprintln!("tread: {summary}"),
        None => {}
    }
}

/// A load that failed, with the problems of each path reported on stderr; or what it loaded.
fn report_failure<T>(loaded: Result<T, corpus::LoadError>) -> anyhow::Result<T> {
    loaded.map_err(|err| {
        if let corpus::LoadError::Empty { problems, .. } = &err {
            warn(problems);
        }
        err.into()
    })
}

/// Loads the corpus and finds the document DOC names; a DOC naming a file is read even when
/// no PATH holds it.
pub fn load_with_document(args: &CorpusArgs, doc: &str) -> anyhow::Result<(Corpus, DocIndex)> {
    let (options, file) = options_with_document(args, doc);
    let corpus = report(corpus::load::load(&options))?;
    let index = picked(&corpus.documents, doc, file.as_deref())?;
    Ok((corpus, index))
}

/// [`load_with_document`], the corpus held packed ([`load_held`]).
pub fn load_held_with_document(
    args: &CorpusArgs,
    doc: &str,
) -> anyhow::Result<(corpus::load::HeldCorpus, DocIndex)> {
    let (options, file) = options_with_document(args, doc);
    let held = report_failure(corpus::load::load_held(&options))?;
    report_problems(&held.problems, held.summary());
    let index = picked(&held.documents, doc, file.as_deref())?;
    Ok((held, index))
}

/// What a load that finds the document DOC names reads, and the file DOC names if it names
/// one: read too when no PATH holds it.
fn options_with_document(args: &CorpusArgs, doc: &str) -> (LoadOptions, Option<PathBuf>) {
    let file = Some(PathBuf::from(doc)).filter(|f| f.is_file());
    let mut options = options(args);
    if let Some(file) = file.as_ref().filter(|f| !options.paths.contains(f)) {
        options.paths.push(file.clone());
        // A collection and one file more is a corpus of its own: not worth a cache of its
        // own for every file shown so.
        options.cache = None;
    }
    (options, file)
}

/// The document DOC names among `docs`; none, or several, is an error saying so (naming
/// the several, best first).
fn picked<D: Docs + ?Sized>(docs: &D, doc: &str, file: Option<&Path>) -> anyhow::Result<DocIndex> {
    let candidates = match pick_document(docs, doc, file) {
        Pick::One(index) => return Ok(index),
        Pick::None => {
            let message = format!("no document matches {doc:?} (try `tread list`)");
            return Err(CliError::failure(message).into());
        }
        Pick::Many(candidates) => candidates,
    };
    // Their lines are made in corpus order, and each is let go as the message, best first,
    // takes it in: the lines of a word most documents hold are never all held twice.
    let mut wanted: Vec<usize> = candidates.iter().map(|c| c.index()).collect();
    wanted.sort_unstable();
    let mut lines = Vec::with_capacity(wanted.len());
    docs.pick(&wanted, |_, d| lines.push(output::candidate_line(d)));
    let mut message = format!("{doc:?} matches {} documents:", candidates.len());
    message.reserve(lines.iter().map(|line| line.len() + 1).sum());
    for candidate in candidates {
        let at = wanted.binary_search(&candidate.index()).ok();
        if let Some(line) = at.and_then(|at| lines.get_mut(at)) {
            message.push('\n');
            message.push_str(&std::mem::take(line));
        }
    }
    Err(CliError::usage(message).into())
}

/// The review of the corpus `args` names (`file`, or the corpus's own), to read only: a
/// missing file is an empty review, and each line skipped is a warning on stderr.
pub fn review(args: &CorpusArgs, file: Option<&Path>) -> anyhow::Result<Review> {
    let review = Review::read(&review_path(args, file)?).map_err(CliError::failure)?;
    warn(review.warnings());
    Ok(review)
}

/// The review file of the corpus `args` names: `file` (`--review`), or the corpus's own.
pub fn review_path(args: &CorpusArgs, file: Option<&Path>) -> Result<PathBuf, CliError> {
    match file {
        Some(file) => Ok(file.to_path_buf()),
        None => location::default_file(&args.paths).map_err(CliError::failure),
    }
}
