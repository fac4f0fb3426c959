//! The command line: clap's parse of what was typed, then one function per command, each
//! loading the corpus and printing text or JSON. Errors are printed once, by [`main`].

mod output;
mod pick;

use crate::app::{App, Filter, FilterError, Loaded, Opening};
use crate::corpus::load::shown;
use crate::corpus::{self, Corpus, LoadOptions};
use crate::facets::{FacetKind, Facets};
use crate::keymap::Keymap;
use crate::search::{self, Query};
use crate::ui::Theme;
use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use pick::{Pick, pick_document};

/// Review saved social-media threads, listing pages, articles and blog posts.
///
/// With no command, opens the terminal UI (press ? in it for the keys). PATHs are files or
/// folders (read recursively); without any, the bundled sample corpus is used.
#[derive(Debug, Parser)]
#[command(name = "tread", version, subcommand_precedence_over_arg = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    tui: TuiArgs,
}

/// How the terminal UI opens.
#[derive(Debug, Clone, Args)]
struct TuiArgs {
    /// Open at this document (an id, a unique id prefix, a file, or words of its title or
    /// author, as in `tread show`).
    #[arg(long, value_name = "DOC")]
    open: Option<String>,
    /// Scroll to the post labelled N ("12" finds 12/20), or the Nth post where unnumbered.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    post: Option<u32>,
    /// Filter by author:NAME, #tag, org:NAME, @handle or kind:KIND (unroll, reply…); `not:` in front excludes.
    /// Repeat to combine (all must hold).
    #[arg(long = "filter", value_name = "EXPR")]
    filters: Vec<String>,
    /// Search the text of the opened document's posts.
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,
    /// Key bindings laid over the defaults [default: $XDG_CONFIG_HOME/tread/keymap.toml].
    #[arg(long, value_name = "FILE")]
    keymap: Option<PathBuf>,
    /// When to use colour; auto uses it unless NO_COLOR is set.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

impl TuiArgs {
    /// Whether any option of the terminal UI was given.
    fn is_set(&self) -> bool {
        self.open.is_some()
            || self.post.is_some()
            || !self.filters.is_empty()
            || self.search.is_some()
            || self.keymap.is_some()
            || self.color != ColorWhen::Auto
    }
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    fn enabled(self) -> bool {
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

/// Where the documents come from; every command takes these.
#[derive(Debug, Clone, Args)]
struct CorpusArgs {
    /// Organisations glossary (TOML), added to any organisations.toml beside the documents.
    #[arg(long, value_name = "FILE", global = true)]
    glossary: Option<PathBuf>,
    /// Files or folders to read (default: the bundled seeds).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// One line per document: id, kind, author, date, posts, title.
    List {
        /// Print a JSON array instead.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// One document as readable text or JSON.
    Show {
        /// A document id, a unique id prefix, a path to a file, or words of its title or author.
        #[arg(value_name = "DOC")]
        doc: String,
        /// Print JSON instead.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Authors, hashtags, organisations and mentions, with the documents and posts of each.
    Facets {
        /// Print JSON instead.
        #[arg(long)]
        json: bool,
        /// Only this facet.
        #[arg(long, value_enum)]
        kind: Option<FacetKind>,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Every document, as readable text or JSON, to standard output or one file each.
    /// tread reads its own JSON back.
    Export {
        /// Write JSON (an array, or one object per file with --to) instead of text.
        #[arg(long)]
        json: bool,
        /// Write one file per document, named by its id, into DIR (made if missing; a
        /// file already there is never overwritten).
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Posts containing every word of QUERY (ignoring case), with document id and post label.
    Search {
        #[arg(value_name = "QUERY")]
        query: String,
        /// Print JSON instead.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
}

/// How a run ended, as the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    /// A runtime problem: not found, unreadable input.
    Failure = 1,
    /// A usage problem: bad arguments, an ambiguous document.
    Usage = 2,
}

/// An error with the exit code it calls for.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct CliError {
    pub message: String,
    pub exit: Exit,
}

/// Parses the arguments, runs the command and maps the outcome to an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        // The terminal UI writes from more than one thread (a signal restores the terminal),
        // so standard output must not stay locked.
        None => tui(&cli.corpus, &cli.tui),
        Some(_) if cli.tui.is_set() => Err(CliError {
            message: "--open, --post, --filter, --search, --keymap and --color are options of \
                      the terminal UI (tread without a command)"
                .to_string(),
            exit: Exit::Usage,
        }
        .into()),
        Some(_) => {
            // Standard output is line-buffered: without a buffer of our own, every line of a
            // long listing or export would be a system call of its own.
            let mut stdout = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
            run(cli, &mut stdout).and_then(|()| stdout.flush().map_err(anyhow::Error::from))
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("tread: {err:#}");
            let exit = err
                .downcast_ref::<CliError>()
                .map_or(Exit::Failure, |e| e.exit);
            ExitCode::from(exit as u8)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Runs one parsed command line, writing to `out`.
pub fn run(cli: Cli, out: &mut impl Write) -> anyhow::Result<()> {
    let style = output::Style::detect();
    match cli.command {
        None => tui(&cli.corpus, &cli.tui),
        Some(Command::List { json, corpus }) => {
            // A list shows neither organisations nor repeated threads: nothing to resolve.
            let corpus = load_unresolved(&merge(&cli.corpus, corpus))?;
            let outcome = list(&corpus, json, style, out);
            ending(corpus, outcome)
        }
        Some(Command::Show { doc, json, corpus }) => {
            show(&merge(&cli.corpus, corpus), &doc, json, style, out)
        }
        Some(Command::Export { json, to, corpus }) => {
            let corpus = load(&merge(&cli.corpus, corpus))?;
            let outcome = match to {
                Some(dir) => export_files(&corpus, json, &dir),
                None => export(&corpus, json, style, out),
            };
            ending(corpus, outcome)
        }
        Some(Command::Facets { json, kind, corpus }) => {
            let corpus = load(&merge(&cli.corpus, corpus))?;
            let outcome = facets(&corpus, json, kind, style, out);
            ending(corpus, outcome)
        }
        Some(Command::Search {
            query,
            json,
            corpus,
        }) => {
            // Hits show post text and place only: nothing to resolve.
            let corpus = load_unresolved(&merge(&cli.corpus, corpus))?;
            let outcome = search(&corpus, &query, json, style, out);
            ending(corpus, outcome)
        }
    }
}

/// Lets `held` go without freeing it and passes `outcome` on: the process ends right after,
/// and the system takes its memory back at once, where freeing a corpus's many small
/// allocations one by one takes a quarter of a second at 20,000 documents, after the work
/// is done and before the shell prompt comes back.
fn ending<T>(held: T, outcome: anyhow::Result<()>) -> anyhow::Result<()> {
    std::mem::forget(held);
    outcome
}

/// The subcommand's corpus arguments, with a `--glossary` given before the subcommand.
fn merge(top: &CorpusArgs, sub: CorpusArgs) -> CorpusArgs {
    CorpusArgs {
        glossary: sub.glossary.or_else(|| top.glossary.clone()),
        paths: sub.paths,
    }
}

fn options_of(args: &CorpusArgs) -> LoadOptions {
    LoadOptions {
        paths: args.paths.clone(),
        glossary: args.glossary.clone(),
    }
}

/// Loads the corpus, reporting each problem on stderr in one line.
fn load(args: &CorpusArgs) -> anyhow::Result<Corpus> {
    reported(corpus::load::load(&options_of(args)))
}

/// Loads the corpus unresolved ([`corpus::load::load_unresolved`]), reporting each problem
/// on stderr in one line.
fn load_unresolved(args: &CorpusArgs) -> anyhow::Result<Corpus> {
    reported(corpus::load::load_unresolved(&options_of(args)))
}

/// A load's outcome, its problems reported on stderr one per line.
fn reported(loaded: Result<Corpus, corpus::LoadError>) -> anyhow::Result<Corpus> {
    let warn = |problems: &[corpus::Problem]| {
        problems
            .iter()
            .for_each(|p| eprintln!("tread: warning: {p}"))
    };
    match loaded {
        Ok(corpus) => {
            warn(&corpus.problems);
            if let Some(summary) = corpus.summary() {
                eprintln!("tread: {summary} (listed above)");
            }
            Ok(corpus)
        }
        Err(err) => {
            if let corpus::LoadError::Empty { problems, .. } = &err {
                warn(problems);
            }
            Err(err.into())
        }
    }
}

/// Every document to `out`: a JSON array, or each document's text after the other.
fn export(
    corpus: &Corpus,
    json: bool,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if json {
        return output::json(&corpus.documents, out);
    }
    for (i, document) in corpus.documents.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        output::document(corpus, document, style, out)?;
    }
    Ok(())
}

/// Every document to a file of its own in `dir`. Every name is checked before anything is
/// written, so a file already there stops the export whole instead of half way.
fn export_files(corpus: &Corpus, json: bool, dir: &Path) -> anyhow::Result<()> {
    let extension = if json { "json" } else { "txt" };
    let ids = corpus.documents.iter().map(|d| d.id.as_str());
    let names = file_names(ids, extension);
    let files: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
    if let Some(taken) = files.iter().find(|f| f.symlink_metadata().is_ok()) {
        return Err(CliError {
            message: format!("{} exists; nothing was written", shown(taken)),
            exit: Exit::Failure,
        }
        .into());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot make {}", shown(dir)))?;
    // A file is not a terminal: lines are not fitted to a width.
    let plain = output::Style { width: None };
    for (document, file) in corpus.documents.iter().zip(&files) {
        let write = || -> anyhow::Result<()> {
            let mut out = io::BufWriter::new(std::fs::File::create_new(file)?);
            match json {
                true => output::json(document, &mut out)?,
                false => output::document(corpus, document, plain, &mut out)?,
            }
            Ok(out.flush()?)
        };
        write().with_context(|| format!("cannot write {}", shown(file)))?;
    }
    for (document, name) in corpus.documents.iter().zip(&names) {
        if *name != format!("{}.{extension}", document.id) {
            eprintln!(
                "tread: note: {} is written as {}",
                document.id,
                shown(Path::new(name))
            );
        }
    }
    eprintln!("tread: wrote {} files to {}", files.len(), shown(dir));
    Ok(())
}

/// The longest file name most file systems take, in bytes.
const NAME_MAX: usize = 255;

/// Each document's file name in an export folder: its id where that makes a name, else the
/// id with path separators and a leading dot replaced and cut to fit [`NAME_MAX`]; distinct
/// even where the file system ignores case (`~2`, `~3`… on the later ones).
fn file_names<'a>(ids: impl Iterator<Item = &'a str>, extension: &str) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    let mut next: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    ids.map(|id| {
        // Room for the extension and a '~' with a number.
        let stem = file_stem(id, NAME_MAX - extension.len() - 1 - 12);
        let mut name = format!("{stem}.{extension}");
        while !taken.insert(name.to_lowercase()) {
            let n = next.entry(stem.to_lowercase()).or_insert(1);
            *n += 1;
            name = format!("{stem}~{n}.{extension}");
        }
        name
    })
    .collect()
}

/// A document id as the stem of a file name of at most `room` bytes: path separators and a
/// leading dot would place or hide it.
fn file_stem(id: &str, room: usize) -> String {
    let mut name: String = id
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | '\0') {
                '_'
            } else {
                c
            }
        })
        .collect();
    if name.starts_with('.') || name.is_empty() {
        name.replace_range(..name.chars().next().map_or(0, char::len_utf8), "_");
    }
    let mut end = name.len().min(room);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    name.truncate(end);
    name
}

fn list(
    corpus: &Corpus,
    json: bool,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if json {
        let rows: Vec<_> = corpus.documents.iter().map(output::list_row).collect();
        return output::json(&rows, out);
    }
    output::list(corpus, style, out)
}

fn show(
    args: &CorpusArgs,
    doc: &str,
    json: bool,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let (corpus, index) = load_with_document(args, doc)?;
    let document = &corpus.documents[index];
    let outcome = match json {
        true => output::json(document, out),
        false => output::document(&corpus, document, style, out),
    };
    ending(corpus, outcome)
}

/// Loads the corpus and finds the document DOC names; a DOC naming a file is read even when
/// no PATH holds it.
fn load_with_document(args: &CorpusArgs, doc: &str) -> anyhow::Result<(Corpus, usize)> {
    let file = Some(PathBuf::from(doc)).filter(|f| f.is_file());
    let mut options = options_of(args);
    if let Some(file) = file.as_ref().filter(|f| !options.paths.contains(f)) {
        options.paths.push(file.clone());
    }
    let corpus = reported(corpus::load::load(&options))?;
    let index = match pick_document(&corpus, doc, file.as_deref()) {
        Pick::One(index) => index,
        Pick::None => {
            return Err(CliError {
                message: format!("no document matches {doc:?} (try `tread list`)"),
                exit: Exit::Failure,
            }
            .into());
        }
        Pick::Many(candidates) => {
            let lines: Vec<String> = candidates
                .iter()
                .map(|&i| output::candidate_line(&corpus.documents[i]))
                .collect();
            let message = format!(
                "{doc:?} matches {} documents:\n{}",
                candidates.len(),
                lines.join("\n")
            );
            return Err(CliError {
                message,
                exit: Exit::Usage,
            }
            .into());
        }
    };
    Ok((corpus, index))
}

/// The terminal UI. Everything that can be wrong with the arguments, the keymap or the
/// corpus is reported before the terminal is touched.
fn tui(corpus_args: &CorpusArgs, args: &TuiArgs) -> anyhow::Result<()> {
    let keymap = Keymap::load(args.keymap.as_deref()).map_err(|e| CliError {
        message: e.to_string(),
        exit: Exit::Failure,
    })?;
    let options = crate::tui::Options {
        theme: Theme::new(args.color.enabled()),
        hyperlinks: crate::tui::osc::hyperlinks_supported(),
    };
    let paths: Vec<String> = corpus_args.paths.iter().map(|p| absolute(p)).collect();
    // The terminal's size now, so the opening post is placed for the screen it will be on.
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let scripted = args.open.is_some()
        || args.post.is_some()
        || !args.filters.is_empty()
        || args.search.is_some();
    // Files on disk load in the background behind a live UI, unless a scripted opening
    // must first be checked against the whole corpus.
    if !scripted && !corpus_args.paths.is_empty() {
        let loader = corpus::load::load_in_background(&options_of(corpus_args), Loaded::new)?;
        need_terminal()?;
        let opening = Opening {
            paths,
            ..Opening::default()
        };
        let mut app = App::new(Corpus::default(), keymap, opening, size);
        app.loading = Some((0, 0));
        let outcome = crate::tui::run(&mut app, options, Some(loader));
        return ending(app, outcome);
    }
    let (corpus, document) = match &args.open {
        Some(doc) => {
            let (corpus, index) = load_with_document(corpus_args, doc)?;
            (corpus, Some(index))
        }
        None => (load(corpus_args)?, None),
    };
    let facets = Facets::build(&corpus);
    let filters = args
        .filters
        .iter()
        .map(|expression| Filter::parse(expression, &facets))
        .collect::<Result<Vec<_>, FilterError>>()
        .map_err(|e| CliError {
            exit: if e.usage { Exit::Usage } else { Exit::Failure },
            message: e.message,
        })?;
    let opening = Opening {
        document,
        post: args.post,
        filters,
        search: args.search.clone(),
        paths,
    };
    let mut app = App::with_facets(corpus, facets, keymap, opening, size);
    if let Some(doc) = document.filter(|&d| !app.filters.passes(d)) {
        return Err(CliError {
            message: format!(
                "document {} does not pass the filters",
                app.corpus.documents[doc].id
            ),
            exit: Exit::Failure,
        }
        .into());
    }
    need_terminal()?;
    let outcome = crate::tui::run(&mut app, options, None);
    ending(app, outcome)
}

/// The UI draws on standard output; scripts have the commands.
fn need_terminal() -> anyhow::Result<()> {
    if stdout_is_terminal() {
        return Ok(());
    }
    Err(CliError {
        message: "the terminal UI needs a terminal on standard output; scripts can use \
                  `tread list`, `show`, `facets` or `search`"
            .to_string(),
        exit: Exit::Usage,
    }
    .into())
}

/// A PATH as the reopen command should write it: absolute, so it works from anywhere.
fn absolute(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

fn facets(
    corpus: &Corpus,
    json: bool,
    kind: Option<FacetKind>,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let facets = Facets::build(corpus);
    let kinds: Vec<FacetKind> = kind.map_or(FacetKind::ALL.to_vec(), |k| vec![k]);
    if json {
        let object: serde_json::Map<String, serde_json::Value> = kinds
            .iter()
            .map(|&k| {
                let rows: Vec<_> = (facets.of(k).iter())
                    .map(|entry| output::facet_row(entry, corpus))
                    .collect();
                Ok((k.key().to_string(), serde_json::to_value(rows)?))
            })
            .collect::<anyhow::Result<_>>()?;
        return output::json(&object, out);
    }
    output::facets(&facets, &kinds, style, out)
}

fn search(
    corpus: &Corpus,
    query: &str,
    json: bool,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let query = Query::new(query);
    if query.is_empty() {
        return Err(CliError {
            message: "the search query is empty".to_string(),
            exit: Exit::Usage,
        }
        .into());
    }
    let hits = search::search(corpus, &query);
    if json {
        let rows: Vec<_> = hits
            .iter()
            .map(|&at| output::search_row(corpus, at))
            .collect();
        return output::json(&rows, out);
    }
    output::search_hits(corpus, &query, &hits, style, out)
}

/// Whether standard output is a terminal (text is then fitted to its width).
pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}
