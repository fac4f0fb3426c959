//! `tread` with no command: the terminal UI.

use crate::app::{App, Loaded, Opening};
use crate::cli::{
    CliError, CorpusArgs, TuiArgs, exit_without_freeing, loading, stdout_is_terminal,
};

use crate::facets::Facets;
use crate::filters::{Filter, FilterError};
use crate::keymap::Keymap;
use crate::ui::Theme;
use std::path::Path;

/// The terminal UI. Everything that can be wrong with the arguments, the keymap or the
/// corpus is reported before the terminal is touched.
pub fn run(corpus_args: &CorpusArgs, args: &TuiArgs) -> anyhow::Result<()> {
    let keymap = Keymap::load(args.keymap.as_deref()).map_err(CliError::failure)?;
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
    let (mut app, loader) = match !scripted && !corpus_args.paths.is_empty() {
        true => {
            let options = loading::options(corpus_args);
            let loader = crate::app::load_in_background(&options, Loaded::new)?;
            let opening = Opening {
                paths,
                ..Opening::default()
            };
            (
                App::for_background_load(keymap, opening, size),
                Some(loader),
            )
        }
        false => (scripted_app(corpus_args, args, keymap, paths, size)?, None),
    };
    need_terminal()?;
    let outcome = crate::tui::run(&mut app, options, loader);
    exit_without_freeing(app, outcome)
}

/// The UI opened as the options script it, on the whole corpus loaded first: the document,
/// post, filters and search asked for are checked before the terminal is touched.
fn scripted_app(
    corpus_args: &CorpusArgs,
    args: &TuiArgs,
    keymap: Keymap,
    paths: Vec<String>,
    size: (u16, u16),
) -> anyhow::Result<App> {
    let (corpus, document) = match &args.open {
        Some(doc) => {
            let (corpus, index) = loading::load_with_document(corpus_args, doc)?;
            (corpus, Some(index))
        }
        None => (loading::load(corpus_args)?, None),
    };
    let facets = Facets::build(&corpus);
    let filters = args
        .filters
        .iter()
        .map(|expression| Filter::parse(expression, &facets))
        .collect::<Result<Vec<_>, FilterError>>()
        .map_err(|e| match e.usage {
            true => CliError::usage(e.message),
            false => CliError::failure(e.message),
        })?;
    let opening = Opening {
        document,
        post: args.post,
        filters,
        search: args.search.clone(),
        paths,
    };
    let app = App::with_facets(corpus, facets, keymap, opening, size);
    if app.filters().passing_count() == Some(0) {
        let message = format!("no post passes {}", args.filters.join(" and "));
        return Err(CliError::failure(message).into());
    }
    if let Some(doc) = document.filter(|&d| !app.filters().passes(d)) {
        let id = &app.corpus().document(doc).id;
        let message = format!("document {id} does not pass the filters");
        return Err(CliError::failure(message).into());
    }
    if let (Some(address), Some(doc)) = (args.post, app.current_doc()) {
        let document = app.corpus().document(doc);
        address
            .find(document, doc, 0)
            .map_err(|message| CliError::failure(format!("--post {address}: {message}")))?;
    }
    Ok(app)
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
