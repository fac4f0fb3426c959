//! The settings in force: the command line's, else the config file's, else the defaults;
//! and `--print-config`, which shows each and where it came from.

use super::{Cli, CorpusArgs};
use crate::config::{ColorWhen, Config};
use crate::corpus::sanitise::printable;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where a setting in force came from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Origin {
    CommandLine,
    Config(PathBuf),
    Default,
}

impl Origin {
    fn describe(&self) -> String {
        match self {
            Origin::CommandLine => "from the command line".to_string(),
            Origin::Config(path) => format!("from {}", printable(&path.display().to_string())),
            Origin::Default => "default".to_string(),
        }
    }
}

/// One setting: its value as TOML would write it, and where it came from.
struct Setting {
    name: &'static str,
    value: String,
    origin: Origin,
}

/// The command line's value if it gives one, else the config's, else the default.
fn pick<T>(line: Option<T>, file: Option<T>, config: &Config) -> (Option<T>, Origin) {
    match (line, file) {
        (Some(v), _) => (Some(v), Origin::CommandLine),
        (None, Some(v)) => {
            let file = config.file.clone().unwrap_or_default();
            (Some(v), Origin::Config(file))
        }
        (None, None) => (None, Origin::Default),
    }
}

/// Whether PATHs were given anywhere on the command line (before or after the command).
pub fn paths_given(cli: &Cli) -> bool {
    !cli.corpus.paths.is_empty()
        || (cli.command.as_ref().and_then(|c| c.corpus())).is_some_and(|c| !c.paths.is_empty())
}

fn glossary_given(cli: &Cli) -> bool {
    cli.corpus.glossary.is_some()
        || (cli.command.as_ref().and_then(|c| c.corpus())).is_some_and(|c| c.glossary.is_some())
}

/// Each setting in force.
fn settings(cli: &Cli, config: &Config) -> Vec<Setting> {
    // PATHs and --glossary before the command and after it, as the command reads them.
    let typed = match cli.command.as_ref().and_then(|c| c.corpus()) {
        Some(own) => super::loading::merge(&cli.corpus, own.clone()),
        None => cli.corpus.clone(),
    };
    let given = |yes: bool, corpus: &CorpusArgs| -> Option<Vec<PathBuf>> {
        yes.then(|| corpus.paths.clone())
    };
    let (paths, paths_from) = pick(
        given(paths_given(cli), &typed),
        config.paths.clone(),
        config,
    );
    let (glossary, glossary_from) = pick(typed.glossary, config.glossary.clone(), config);
    let (color, color_from) = pick(cli.tui.color, config.color, config);
    let (mouse, mouse_from) = pick(cli.tui.no_mouse.then_some(false), config.mouse, config);
    let quoted = |p: &Path| format!("{:?}", printable(&p.display().to_string()));
    vec![
        Setting {
            name: "paths",
            value: match paths {
                Some(paths) => format!(
                    "[{}]",
                    paths
                        .iter()
                        .map(|p| quoted(p))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                None => "[]".to_string(),
            },
            origin: paths_from,
        },
        Setting {
            name: "color",
            value: format!("{:?}", color.unwrap_or(ColorWhen::Auto).name()),
            origin: color_from,
        },
        Setting {
            name: "mouse",
            value: mouse.unwrap_or(true).to_string(),
            origin: mouse_from,
        },
        Setting {
            name: "glossary",
            value: glossary.map_or("\"\"".to_string(), |g| quoted(&g)),
            origin: glossary_from,
        },
    ]
}

/// `--print-config`: each setting in force as the config file would write it, and where
/// it came from.
pub fn print(cli: &Cli, config: &Config, out: &mut impl Write) -> anyhow::Result<()> {
    let file = crate::config::user_file().map_or("(no home folder)".to_string(), |f| {
        let state = if f.exists() { "" } else { " (not there)" };
        format!("{}{state}", printable(&f.display().to_string()))
    });
    writeln!(out, "# config file: {file}")?;
    for setting in settings(cli, config) {
        let line = format!("{} = {}", setting.name, setting.value);
        let mut origin = setting.origin.describe();
        match setting.name {
            "paths" if setting.value == "[]" => origin += ": the bundled sample",
            "glossary" if setting.value == "\"\"" => origin += ": none",
            "color" if setting.value == "\"auto\"" && !ColorWhen::Auto.enabled() => {
                origin += "; NO_COLOR is set, so no colour"
            }
            _ => {}
        }
        writeln!(out, "{line:<40} # {origin}")?;
    }
    Ok(())
}

/// Fills what the command line leaves out with the config's settings: its paths where no
/// PATH is given, its glossary where no `--glossary` is, its colour and mouse for the UI.
pub fn apply(cli: &mut Cli, config: &Config) {
    if !paths_given(cli)
        && let Some(paths) = &config.paths
    {
        cli.corpus.paths = paths.clone();
    }
    if !glossary_given(cli) {
        cli.corpus.glossary = config.glossary.clone();
    }
    cli.tui.color = cli.tui.color.or(config.color);
    cli.tui.no_mouse |= config.mouse == Some(false);
}
