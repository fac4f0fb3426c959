//! `tread` with no command: the terminal UI.

use crate::app::{App, Loaded, Opening};
use crate::cli::{
    CliError, CorpusArgs, TuiArgs, exit_without_freeing, loading, select, stdout_is_terminal,
};

use crate::config::ColorWhen;
use crate::facets::Facets;
use crate::keymap::Keymap;
use crate::review::Review;
use crate::ui::Theme;
use std::path::Path;
use std::sync::mpsc::Receiver;

/// The terminal UI. Everything that can be wrong with the arguments, the keymap or the
/// corpus is reported before the terminal is touched.
pub fn run(corpus_args: &CorpusArgs, args: &TuiArgs) -> anyhow::Result<()> {
    corpus_args.paths.iter().try_for_each(|p| exists(p))?;
    let keymap = Keymap::load(args.keymap.as_deref()).map_err(CliError::failure)?;
    let options = crate::tui::Options {
        theme: Theme::new(args.color.unwrap_or(ColorWhen::Auto).enabled()),
        hyperlinks: crate::tui::osc::hyperlinks_supported(),
        mouse: !args.no_mouse,
    };
    let paths: Vec<String> = corpus_args.paths.iter().map(|p| absolute(p)).collect();
    // A review that cannot be used stops the UI before anything else; it is made (if new)
    // only once there is a terminal to use it in.
    let review_path = loading::review_path(corpus_args, args.review.as_deref())?;
    crate::review::Store::check(&review_path).map_err(CliError::failure)?;
    // The terminal's size now, so the opening post is placed for the screen it will be on.
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let scripted = args.open.is_some()
        || args.post.is_some()
        || !args.filters.is_empty()
        || args.search.is_some();
    // Watched before they are read, so that no change made meanwhile is missed: the load
    // waits for the watches to be in place, the first frame does not.
    let (live, watching) = live(corpus_args, args, &review_path).unzip();
    // Files on disk load in the background behind a live UI, unless a scripted opening
    // must first be checked against the whole corpus.
    let (mut app, loader) = match !scripted && !corpus_args.paths.is_empty() {
        true => {
            let options = loading::options(corpus_args);
            let loader = crate::app::load_in_background_after(&options, watching, Loaded::new)?;
            let opening = Opening {
                paths: paths.clone(),
                review: args.review.as_deref().map(absolute),
                ..Opening::default()
            };
            (
                App::for_background_load(keymap, opening, size),
                Some(loader),
            )
        }
        false => {
            // Loaded before the first frame, as before: once the watches are in place.
            if let Some(in_place) = &watching {
                let _ = in_place.recv();
            }
            let app = scripted_app(corpus_args, args, keymap, (paths.clone(), size))?;
            (app, None)
        }
    };
    need_terminal()?;
    let review = Review::open(&review_path, &paths).map_err(CliError::failure)?;
    app.attach_review(review, !scripted && !args.fresh);
    let outcome = crate::tui::run(&mut app, options, loader, live);
    exit_without_freeing(app, outcome)
}

/// How the UI follows changes to the files it opened (none for the bundled sample, or
/// with `--no-watch`): the glossary given is watched too; the cache and the review, which
/// tread itself writes, are not changes.
fn live(
    corpus_args: &CorpusArgs,
    args: &TuiArgs,
    review: &Path,
) -> Option<(crate::tui::Live, Receiver<()>)> {
    if corpus_args.paths.is_empty() || args.no_watch {
        return None;
    }
    let options = loading::options(corpus_args);
    let paths = (corpus_args.paths.iter())
        .chain(&corpus_args.glossary)
        .cloned()
        .collect();
    let ignored = (options.cache.iter().cloned())
        .chain([review.to_path_buf()])
        .collect();
    let watching = crate::watch::start(crate::watch::Targets { paths, ignored });
    let news = watching.news;
    Some((crate::tui::Live { options, news }, watching.in_place))
}

/// The UI opened as the options script it, on the whole corpus loaded first: the document,
/// post, filters and search asked for are checked before the terminal is touched.
fn scripted_app(
    corpus_args: &CorpusArgs,
    args: &TuiArgs,
    keymap: Keymap,
    (paths, size): (Vec<String>, (u16, u16)),
) -> anyhow::Result<App> {
    let (corpus, document) = match &args.open {
        Some(doc) => {
            let (corpus, index) = loading::load_with_document(corpus_args, doc)?;
            (corpus, Some(index))
        }
        None => (loading::load(corpus_args)?, None),
    };
    let mut facets = Facets::build(&corpus);
    // `--filter review:marked` reads what the review says (read here only to check the
    // filters; the UI opens the file for itself once there is a terminal).
    if args.filters.iter().any(|f| select::names_review(f)) {
        let mut review = loading::review(corpus_args, args.review.as_deref())?;
        review.resolve(&corpus, facets.places());
        facets.set_review(review.facet_posts(facets.places()));
    }
    let filters = select::filters(corpus.documents.len(), &facets, &args.filters)?;
    let filters = filters.map(|f| f.list().to_vec()).unwrap_or_default();
    let opening = Opening {
        document,
        post: args.post,
        filters,
        search: args.search.clone(),
        paths,
        review: args.review.as_deref().map(absolute),
    };
    let app = App::with_facets(corpus, facets, keymap, opening, size);
    if let Some(doc) = document.filter(|&d| !app.filters().passes(d)) {
        let id = &app.corpus().document(doc).id;
        let message = format!("document {id} does not pass the filters");
        return Err(CliError::failure(message).into());
    }
    // The post is looked for as the UI looks (in the thread shown first), so the check
    // and the screen agree.
    if let (Some(address), Some(error)) = (args.post, app.opening_error()) {
        return Err(CliError::failure(format!("--post {address}: {error}")).into());
    }
    Ok(app)
}

/// A PATH that is not there stops the UI before it starts: an empty screen saying "no
/// documents found" would be the only sign of a typo. A word close to a command's name was
/// most likely meant as one (`tread lsit`).
fn exists(path: &Path) -> Result<(), CliError> {
    if path.symlink_metadata().is_ok() {
        return Ok(());
    }
    let shown = crate::corpus::sanitise::printable_path(path);
    let word = path.to_string_lossy();
    let commands = <crate::cli::Cli as clap::CommandFactory>::command();
    let names = commands.get_subcommands().map(|c| c.get_name().to_string());
    let close = names
        .filter(|name| name != "help")
        .map(|name| (strsim::jaro_winkler(&word, &name), name))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let message = match close {
        Some((_, name)) => format!("{shown}: no such file or folder; did you mean `tread {name}`?"),
        None => format!("{shown}: no such file or folder"),
    };
    Err(CliError::failure(message))
}

/// The UI draws on standard output; scripts have the commands.
fn need_terminal() -> anyhow::Result<()> {
    if stdout_is_terminal() {
        return Ok(());
    }
    Err(CliError::usage(
        "the terminal UI needs a terminal on standard output; scripts can use `tread list`, \
         `show`, `facets` or `search`",
    )
    .into())
}

/// A PATH as the reopen command should write it: absolute, so it works from anywhere.
fn absolute(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}
