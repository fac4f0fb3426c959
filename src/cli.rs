//! The command line, shaped as ripgrep's and fd's are: clap's parse of what was typed, the
//! corpus it names loaded once ([`loading`]), then one module per command
//! ([`commands`]) printing text or JSON. Errors are printed once, by [`main`].

mod commands;
mod complete;
mod loading;
mod output;
mod pick;
mod select;
mod settings;

use crate::config::{ColorWhen, Config};
use crate::corpus::load::HeldCorpus;
use crate::facets::FacetKind;
use clap::{Args, Parser, Subcommand};
use clap_complete::ArgValueCandidates;
use loading::merge;
use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

pub use pick::{Pick, pick_document};

/// Review saved social-media threads, listing pages, articles and blog posts.
///
/// With no command, opens the terminal UI (press ? in it for the keys). PATHs are files or
/// folders (read recursively); without any, the config's paths, else the bundled sample.
#[derive(Debug, Parser)]
#[command(name = "tread", version, subcommand_precedence_over_arg = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    tui: TuiArgs,
    /// Print the settings in force (from the command line, $XDG_CONFIG_HOME/tread/config.toml
    /// or the defaults) and where each came from, then exit.
    #[arg(long)]
    print_config: bool,
    /// Print every warning about the files read, not only the first few.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    verbose: bool,
    /// Print no warnings about the files read (errors still are).
    #[arg(short, long, global = true)]
    quiet: bool,
}

/// How the terminal UI opens.
#[derive(Debug, Clone, Args)]
struct TuiArgs {
    /// Open at this document (an id, a unique id prefix, a file's document as the list
    /// names it (`b_18#3`), a file, or words of its title or author, as in `tread show`).
    #[arg(long, value_name = "DOC", add = ArgValueCandidates::new(complete::document_ids))]
    open: Option<String>,
    /// Open at this post: its number as written ("12" or "12/20"), or its place where the
    /// thread is unnumbered; in a listing, thread first ("5:2" is thread 5, post 2).
    #[arg(long, value_name = "POST", value_parser = crate::address::Address::parse)]
    post: Option<crate::address::Address>,
    /// Show only posts by author:NAME, with #tag, org:NAME or @handle, in documents of
    /// kind:KIND (unroll, reply…), or as the review has them: review:marked|noted|read|unread,
    /// code:CODE; `not:` in front excludes. Repeat to combine: values of one facet with OR,
    /// different facets with AND.
    #[arg(long = "filter", value_name = "EXPR")]
    filters: Vec<String>,
    /// Search post text in every document the filters leave, opening at the first hit (with
    /// --open, in that document only).
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,
    /// Keep the review (marks, codes, notes, read state) in FILE [default: one file per
    /// corpus under $XDG_DATA_HOME/tread/reviews/]. Before a command, that command reads it.
    #[arg(long, value_name = "FILE")]
    review: Option<PathBuf>,
    /// Open at the first document rather than where the last session left off.
    #[arg(long)]
    fresh: bool,
    /// Key bindings laid over the defaults [default: $XDG_CONFIG_HOME/tread/keymap.toml].
    #[arg(long, value_name = "FILE")]
    keymap: Option<PathBuf>,
    /// When to use colour; auto uses it unless NO_COLOR is set [default: the config's
    /// color, else auto].
    #[arg(long, value_enum, value_name = "WHEN")]
    color: Option<ColorWhen>,
    /// Leave the mouse to the terminal (to select text), rather than clicks and the wheel
    /// to tread.
    #[arg(long)]
    no_mouse: bool,
    /// Read the files once: do not load them again when they change while the UI is open.
    #[arg(long)]
    no_watch: bool,
}

impl TuiArgs {
    /// Whether an option only the terminal UI takes was given (`--filter` is also the
    /// listing commands'). (clap cannot say that an option conflicts with every subcommand
    /// and still find a subcommand after it: its `args_conflicts_with_subcommands` reads
    /// `tread --open x list` as a PATH `list`.)
    fn is_set(&self, command: &Command) -> bool {
        let filters = !self.filters.is_empty() && command.filters().is_none();
        self.open.is_some()
            || self.post.is_some()
            || filters
            || self.search.is_some()
            || self.keymap.is_some()
            || self.fresh
            || self.color.is_some()
            || self.no_mouse
            || self.no_watch
    }
}

/// Where the documents come from; every command takes these.
#[derive(Debug, Clone, Args)]
struct CorpusArgs {
    /// Organisations glossary (TOML), added to any organisations.toml beside the documents.
    #[arg(long, value_name = "FILE", global = true)]
    glossary: Option<PathBuf>,
    /// Files or folders to read [default: the config's paths, else the bundled sample].
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Read every file again: neither use nor update the cache of parsed collections.
    #[arg(long, global = true)]
    no_cache: bool,
}

/// `--filter` for the commands that list documents or posts.
#[derive(Debug, Clone, Args)]
struct FilterArgs {
    /// Only the posts the UI's --filter leaves: author:NAME, #tag, org:NAME, @handle,
    /// kind:KIND, review:marked|noted|read|unread, code:CODE, not: in front to exclude.
    /// Repeat: OR within a facet, AND across.
    #[arg(long = "filter", value_name = "EXPR")]
    filters: Vec<String>,
}

/// How a listing command prints: text, a JSON array, or JSON Lines.
#[derive(Debug, Clone, Args)]
struct FormatArgs {
    /// Print a JSON array instead.
    #[arg(long, conflicts_with = "jsonl")]
    json: bool,
    /// Print JSON Lines instead: one object a line, for tools that read as it comes.
    #[arg(long)]
    jsonl: bool,
}

impl FormatArgs {
    fn format(&self) -> output::Format {
        match (self.json, self.jsonl) {
            (true, _) => output::Format::Json,
            (_, true) => output::Format::Jsonl,
            _ => output::Format::Text,
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// One line per document: id, kind, author, date, posts, title.
    List {
        #[command(flatten)]
        format: FormatArgs,
        #[command(flatten)]
        select: FilterArgs,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// One document as readable text or JSON.
    Show {
        /// A document id, a unique id prefix, a file's document as the UI's list names it
        /// (`b_18#3`), a path to a file, or words of its title or author.
        #[arg(value_name = "DOC", add = ArgValueCandidates::new(complete::document_ids))]
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
        #[arg(long, conflicts_with = "jsonl")]
        json: bool,
        /// Write JSON Lines: one document a line.
        #[arg(long, conflicts_with = "to")]
        jsonl: bool,
        #[command(flatten)]
        select: FilterArgs,
        /// Write one file per document, named by its id, into DIR (made if missing; a
        /// file already there is never overwritten).
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
        /// Export the review instead: every post marked, coded or annotated, with its
        /// citation (author, date, label, document, source), codes and note.
        #[arg(long, conflicts_with_all = ["to", "jsonl"])]
        review: bool,
        /// With --review: only the posts with this code.
        #[arg(long, value_name = "CODE", requires = "review")]
        code: Option<String>,
        /// With --review: md (the default, for reports), csv (for spreadsheets) or json.
        #[arg(long, value_enum, value_name = "FORMAT", requires = "review")]
        format: Option<commands::review::ReviewFormat>,
        /// With --review: group the posts by code (the default) or by document.
        #[arg(long, value_enum, value_name = "GROUP", requires = "review")]
        by: Option<commands::review::Grouping>,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// What the review says: posts marked, coded and annotated, read progress per document,
    /// and reviewed posts no longer found.
    Review {
        /// Print JSON instead.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Print a completion script for SHELL: it completes commands, options and document
    /// ids. Load it at the shell's start: `source <(tread completions bash)` in ~/.bashrc
    /// (zsh likewise), `tread completions fish | source` in fish's config.
    Completions {
        #[arg(value_enum)]
        shell: complete::Shell,
    },
    /// Print the manual page (roff): `tread man | man -l -`, or save it as tread.1 in a
    /// man1 folder.
    Man,
    /// The cache of parsed collections ($XDG_CACHE_HOME/tread/, else ~/.cache/tread/): what it
    /// holds, or remove it.
    Cache {
        #[command(subcommand)]
        action: commands::cache::Action,
    },
    /// Posts containing every word of QUERY (ignoring case), with document id and post address.
    Search {
        #[arg(value_name = "QUERY")]
        query: String,
        #[command(flatten)]
        format: FormatArgs,
        #[command(flatten)]
        select: FilterArgs,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
}

impl Command {
    /// The command's `--filter` expressions, if it takes them.
    fn filters(&self) -> Option<&[String]> {
        match self {
            Command::List { select, .. }
            | Command::Search { select, .. }
            | Command::Export { select, .. } => Some(&select.filters),
            Command::Show { .. }
            | Command::Facets { .. }
            | Command::Review { .. }
            | Command::Completions { .. }
            | Command::Cache { .. }
            | Command::Man => None,
        }
    }

    /// The command's own PATHs and `--glossary`, if it reads documents.
    fn corpus(&self) -> Option<&CorpusArgs> {
        match self {
            Command::List { corpus, .. }
            | Command::Show { corpus, .. }
            | Command::Facets { corpus, .. }
            | Command::Export { corpus, .. }
            | Command::Review { corpus, .. }
            | Command::Search { corpus, .. } => Some(corpus),
            Command::Completions { .. } | Command::Cache { .. } | Command::Man => None,
        }
    }
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

impl CliError {
    /// A usage problem: bad arguments, an ambiguous document.
    pub fn usage(message: impl ToString) -> Self {
        CliError {
            message: message.to_string(),
            exit: Exit::Usage,
        }
    }

    /// A runtime problem: not found, unreadable input.
    pub fn failure(message: impl ToString) -> Self {
        CliError {
            message: message.to_string(),
            exit: Exit::Failure,
        }
    }
}

/// Parses the arguments, runs the command and maps the outcome to an exit code.
pub fn main() -> ExitCode {
    complete::answer_if_asked();
    let cli = Cli::parse_from(joined_values(std::env::args_os()));
    loading::set_verbosity(match (cli.quiet, cli.verbose) {
        (true, _) => loading::Verbosity::Quiet,
        (_, true) => loading::Verbosity::All,
        _ => loading::Verbosity::Some,
    });
    let outcome = match Config::load() {
        Ok(config) => run_configured(cli, config),
        Err(err) => Err(CliError::usage(err).into()),
    };
    exit_code(outcome)
}

/// Runs what the command line asks, with the config's settings where it gives none.
fn run_configured(mut cli: Cli, config: Config) -> anyhow::Result<()> {
    if cli.print_config {
        return settings::print(&cli, &config, &mut io::stdout().lock());
    }
    if let Some(command) = &cli.command
        && cli.tui.is_set(command)
    {
        return Err(CliError::usage(
            "--open, --post, --search, --fresh, --keymap, --color and --no-mouse are options of \
             the terminal UI (tread without a command), and --filter of it, list, search and \
             export",
        )
        .into());
    }
    // Documents not found where the config file's paths point: it says which file set them.
    let paths_from = match settings::paths_given(&cli) || config.paths.is_none() {
        true => None,
        false => config.file.clone(),
    };
    settings::apply(&mut cli, &config);
    let configured: Vec<String> = (config.paths.iter().flatten())
        .map(|p| crate::corpus::sanitise::printable_path(p))
        .collect();
    let outcome = run_applied(cli);
    match (outcome, paths_from) {
        (Err(err), Some(file))
            if err.downcast_ref::<crate::corpus::LoadError>().is_some()
                || configured
                    .iter()
                    .any(|p| err.to_string().contains(p.as_str())) =>
        {
            let file = crate::corpus::sanitise::printable_path(&file);
            Err(err.context(format!("the paths set in {file}")))
        }
        (outcome, _) => outcome,
    }
}

/// Runs the command line once the config's settings are in it.
fn run_applied(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        // The terminal UI writes from more than one thread (a signal restores the terminal),
        // so standard output must not stay locked.
        None => commands::tui::run(&cli.corpus, &cli.tui),
        Some(_) => {
            // Standard output is line-buffered: without a buffer of our own, every line of a
            // long listing or export would be a system call of its own.
            let mut stdout = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
            run(cli, &mut stdout).and_then(|()| stdout.flush().map_err(anyhow::Error::from))
        }
    }
}

/// The exit code for how a run went, its error printed once.
fn exit_code(outcome: anyhow::Result<()>) -> ExitCode {
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

/// The arguments with each value of an option written before the command joined to its
/// option (`--search review` as `--search=review`): clap lets a command's name win over a
/// PATH before it (`tread ~/saved list`), and so over an option's value too, which made
/// `tread --search review` the `review` command. What follows the command is left as is.
pub fn joined_values(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    let command = <Cli as clap::CommandFactory>::command();
    let takes_value: Vec<String> = (command.get_arguments())
        .filter(|a| a.get_action().takes_values())
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect();
    let commands: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
    let mut args = args.into_iter();
    let mut joined = Vec::new();
    while let Some(arg) = args.next() {
        // From the command on, its own options (`export --review` is a flag) are clap's.
        if arg == "--" || arg.to_str().is_some_and(|a| commands.contains(&a)) {
            joined.push(arg);
            joined.extend(args);
            break;
        }
        let option = arg.to_str().filter(|a| takes_value.iter().any(|t| t == a));
        match option.map(|option| (option, args.next())) {
            Some((option, Some(value))) => {
                let mut both = OsString::from(format!("{option}="));
                both.push(value);
                joined.push(both);
            }
            _ => joined.push(arg),
        }
    }
    joined
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// What a command takes from before it: `--filter`s, `--review`, PATHs and `--glossary`.
struct TopArgs<'a> {
    filters: &'a [String],
    review: Option<&'a std::path::Path>,
    corpus: &'a CorpusArgs,
}

/// Runs one parsed command line, writing to `out`.
pub fn run(cli: Cli, out: &mut impl Write) -> anyhow::Result<()> {
    let style = output::Style::detect();
    let Some(command) = cli.command else {
        return commands::tui::run(&cli.corpus, &cli.tui);
    };
    let top = TopArgs {
        filters: &cli.tui.filters,
        review: cli.tui.review.as_deref(),
        corpus: &cli.corpus,
    };
    let (corpus, outcome) = run_command(command, &top, style, out)?;
    exit_without_freeing(corpus, outcome)
}

/// Loads the corpus `command` reads and runs it: the corpus, and how the command went.
fn run_command(
    command: Command,
    cli: &TopArgs,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<(crate::corpus::Corpus, anyhow::Result<()>)> {
    Ok(match command {
        // Neither reads documents.
        Command::Completions { shell } => (Default::default(), complete::print_script(shell, out)),
        Command::Man => (Default::default(), complete::print_man(out)),
        Command::Cache { action } => (Default::default(), commands::cache::run(action, out)),
        Command::List {
            format,
            select,
            corpus,
        } => {
            // Without filters a list needs only each document's row: rows are made as the
            // documents are read, and the documents let go.
            if cli.filters.is_empty() && select.filters.is_empty() {
                let args = merge(cli.corpus, corpus);
                // An unchanged collection's rows are the cache's.
                if let Some(rows) = loading::cached_listing(&args) {
                    let outcome = commands::list::write(&rows, format.format(), style, out);
                    return Ok((Default::default(), outcome));
                }
                let mut rows = output::ListRows::default();
                loading::load_each(&args, |doc| rows.push(doc, None))?;
                let outcome = commands::list::write(&rows, format.format(), style, out);
                return Ok((Default::default(), outcome));
            }
            let (held, filters) = held_filtered(cli, &select, &corpus)?;
            let filters = filters.expect("a list with filters");
            let outcome = commands::list::run(held, &filters, format.format(), style, out);
            return Ok((Default::default(), outcome));
        }
        Command::Show { doc, json, corpus } => {
            let args = merge(cli.corpus, corpus);
            let (held, index) = loading::load_held_with_document(&args, &doc)?;
            let outcome = commands::show::run(held, index, json, style, out);
            return Ok((Default::default(), outcome));
        }
        Command::Export {
            json,
            review: true,
            code,
            format,
            by,
            select,
            corpus,
            ..
        } => {
            let format = match (format, json) {
                (Some(format), _) => format,
                (None, true) => commands::review::ReviewFormat::Json,
                (None, false) => commands::review::ReviewFormat::Md,
            };
            let how = (code.as_deref(), by.unwrap_or_default(), format);
            export_review(cli, (select, corpus), how, out)?
        }
        Command::Review { json, corpus } => review_summary(cli, corpus, json, out)?,
        Command::Export {
            json,
            jsonl,
            select,
            to,
            corpus,
            ..
        } => {
            let format = FormatArgs { json, jsonl }.format();
            // Each document is unpacked and resolved as it is written, the corpus held
            // packed.
            let (held, filters) = held_filtered(cli, &select, &corpus)?;
            let filters = filters.as_ref();
            let outcome = match to {
                Some(dir) => commands::export::to_files(held, filters, json, &dir),
                None => commands::export::to_output(held, filters, format, style, out),
            };
            return Ok((Default::default(), outcome));
        }
        Command::Facets { json, kind, corpus } => {
            let args = merge(cli.corpus, corpus);
            // An unchanged collection's facets are the cache's, its ids those of its list.
            if let Some((rows, facets)) = loading::cached_facets(&args) {
                let ids = || rows.iter().map(|row| row.id.into()).collect();
                let outcome = commands::facets::write(&facets, ids, json, kind, style, out);
                return Ok((Default::default(), outcome));
            }
            let held = loading::load_held(&args)?;
            let outcome = commands::facets::run(held, json, kind, style, out);
            return Ok((Default::default(), outcome));
        }
        Command::Search {
            query,
            format,
            select,
            corpus,
        } => {
            let query = commands::search::query(&query)?;
            // Without filters a search keeps only its hits, found as the documents are
            // read, and the documents let go.
            if cli.filters.is_empty() && select.filters.is_empty() {
                let args = merge(cli.corpus, corpus);
                // An unchanged collection is searched where the cache holds it.
                if let Some(hits) = loading::cached_search(&args, &query) {
                    let outcome =
                        commands::search::write(&hits, &query, format.format(), style, out);
                    return Ok((Default::default(), outcome));
                }
                let mut hits = output::SearchHits::default();
                loading::load_each(&args, |doc| {
                    commands::search::find_in(doc, &query, &mut hits)
                })?;
                let outcome = commands::search::write(&hits, &query, format.format(), style, out);
                return Ok((Default::default(), outcome));
            }
            let (held, filters) = held_filtered(cli, &select, &corpus)?;
            let filters = filters.expect("a search with filters");
            let outcome =
                commands::search::run(held, &query, &filters, format.format(), style, out);
            return Ok((Default::default(), outcome));
        }
    })
}

/// `tread review`: what the review of the corpus `corpus` names says.
fn review_summary(
    cli: &TopArgs,
    corpus: CorpusArgs,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<(crate::corpus::Corpus, anyhow::Result<()>)> {
    let args = merge(cli.corpus, corpus);
    let (held, places, review) = held_review(&args, cli)?;
    let file = loading::review_path(&args, cli.review)?;
    let outcome = commands::review::summary(held, &places, &review, &file, json, out);
    Ok((Default::default(), outcome))
}

/// `tread export --review`: the review of the corpus `select` and `corpus` name, its posts
/// that pass their filters, as `how` says.
fn export_review(
    cli: &TopArgs,
    (select, corpus): (FilterArgs, CorpusArgs),
    how: commands::review::How,
    out: &mut impl Write,
) -> anyhow::Result<(crate::corpus::Corpus, anyhow::Result<()>)> {
    let expressions = expressions(cli, &select);
    let args = merge(cli.corpus, corpus);
    let (held, places, review) = held_review(&args, cli)?;
    let filters = select::held_filters_with(&held, &expressions, (&places, &review))?;
    let outcome = commands::review::export(held, &places, &review, filters.as_ref(), how, out);
    Ok((Default::default(), outcome))
}

/// The corpus `args` names, held packed, with its layout and its review (read from its
/// file), the review's posts found in it.
fn held_review(
    args: &CorpusArgs,
    top: &TopArgs,
) -> anyhow::Result<(
    HeldCorpus,
    Arc<crate::corpus::Places>,
    crate::review::Review,
)> {
    let held = loading::load_held(args)?;
    let mut review = loading::review(args, top.review)?;
    let places = Arc::new(crate::corpus::Places::of(&held.documents));
    review.resolve_over(&held.documents, &places);
    Ok((held, places, review))
}

/// The `--filter` expressions of a command: those given before it, then its own.
fn expressions(top: &TopArgs, select: &FilterArgs) -> Vec<String> {
    (top.filters.iter().chain(&select.filters).cloned()).collect()
}

/// The corpus a command that takes `--filter` reads, held packed and resolved, with the
/// filters its expressions write (`None` without any), reading the review of the corpus
/// if they are on it.
fn held_filtered(
    top: &TopArgs,
    select: &FilterArgs,
    corpus: &CorpusArgs,
) -> anyhow::Result<(HeldCorpus, Option<crate::filters::Filters>)> {
    let expressions = expressions(top, select);
    let args = merge(top.corpus, corpus.clone());
    let held = loading::load_held(&args)?;
    let review = || loading::review(&args, top.review);
    let filters = select::held_filters(&held, &expressions, review)?;
    Ok((held, filters))
}

/// Lets `held` go without freeing it and passes `outcome` on: the process ends right after,
/// and the system takes its memory back at once, where freeing a corpus's many small
/// allocations one by one takes a noticeable part of a second on a large corpus, after the
/// work is done and before the shell prompt comes back.
fn exit_without_freeing<T>(held: T, outcome: anyhow::Result<()>) -> anyhow::Result<()> {
    std::mem::forget(held);
    outcome
}

/// Whether standard output is a terminal (text is then fitted to its width).
pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}
#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    #[test]
    fn an_option_value_named_like_a_command_stays_the_options() {
        let args = ["tread", "--search", "review", "list", "--filter", "x"].map(OsString::from);
        let joined = super::joined_values(args);
        assert_eq!(
            joined,
            ["tread", "--search=review", "list", "--filter", "x"]
        );
        let args = [
            "tread", "--review", "r.jsonl", "export", "--review", "--code", "x",
        ];
        let joined = super::joined_values(args.map(OsString::from));
        assert_eq!(
            joined,
            [
                "tread",
                "--review=r.jsonl",
                "export",
                "--review",
                "--code",
                "x"
            ]
        );
        let args = ["tread", "--", "--search", "review"].map(OsString::from);
        assert_eq!(super::joined_values(args.clone()), args);
        let args = ["tread", "--search"].map(OsString::from);
        assert_eq!(super::joined_values(args.clone()), args);
    }
}
