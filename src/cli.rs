//! The command line: clap's parse of what was typed, then one function per command, each
//! loading the corpus and printing text or JSON. Errors are printed once, by [`main`].

mod output;
mod pick;

use crate::corpus::{self, Corpus, LoadOptions};
use crate::facets::{FacetKind, Facets};
use crate::search::{self, Query};
use clap::{Args, Parser, Subcommand};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

pub use pick::{Pick, pick_document};

/// Review saved social-media threads, listing pages, articles and blog posts.
///
/// With no command, lists the documents (the terminal UI is on its way). PATHs are files or
/// folders (read recursively); without any, the bundled sample corpus is used.
#[derive(Debug, Parser)]
#[command(name = "tread", version, subcommand_precedence_over_arg = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    corpus: CorpusArgs,
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
    let mut stdout = io::stdout().lock();
    let outcome = run(cli, &mut stdout).and_then(|()| stdout.flush().map_err(anyhow::Error::from));
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
        None => list(&load(&cli.corpus)?, false, style, out),
        Some(Command::List { json, corpus }) => {
            list(&load(&merge(&cli.corpus, corpus))?, json, style, out)
        }
        Some(Command::Show { doc, json, corpus }) => {
            show(&merge(&cli.corpus, corpus), &doc, json, style, out)
        }
        Some(Command::Facets { json, kind, corpus }) => {
            facets(&load(&merge(&cli.corpus, corpus))?, json, kind, style, out)
        }
        Some(Command::Search {
            query,
            json,
            corpus,
        }) => search(
            &load(&merge(&cli.corpus, corpus))?,
            &query,
            json,
            style,
            out,
        ),
    }
}

/// The subcommand's corpus arguments, with a `--glossary` given before the subcommand.
fn merge(top: &CorpusArgs, sub: CorpusArgs) -> CorpusArgs {
    CorpusArgs {
        glossary: sub.glossary.or_else(|| top.glossary.clone()),
        paths: sub.paths,
    }
}

fn options(args: &CorpusArgs) -> LoadOptions {
    LoadOptions {
        paths: args.paths.clone(),
        glossary: args.glossary.clone(),
    }
}

/// Loads the corpus, reporting each problem on stderr in one line.
fn load(args: &CorpusArgs) -> anyhow::Result<Corpus> {
    load_options(&options(args))
}

fn load_options(options: &LoadOptions) -> anyhow::Result<Corpus> {
    let warn = |problems: &[corpus::Problem]| {
        problems
            .iter()
            .for_each(|p| eprintln!("tread: warning: {p}"))
    };
    match corpus::load::load(options) {
        Ok(corpus) => {
            warn(&corpus.problems);
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
    // A DOC naming a file is read even when no PATH holds it.
    let file = Some(PathBuf::from(doc)).filter(|f| f.is_file());
    let mut options = options(args);
    if let Some(file) = file.as_ref().filter(|f| !options.paths.contains(f)) {
        options.paths.push(file.clone());
    }
    let corpus = load_options(&options)?;
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
    let document = &corpus.documents[index];
    if json {
        return output::json(document, out);
    }
    output::document(&corpus, document, style, out)
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
            .map(|&k| Ok((k.key().to_string(), serde_json::to_value(facets.of(k))?)))
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
