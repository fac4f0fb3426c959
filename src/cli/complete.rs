//! Fitting into the shell: completion scripts for bash, zsh, fish, PowerShell and elvish
//! (clap_complete, completing options, commands and the ids of the documents tread would
//! open), and the manual page (clap_mangen), both from the one clap definition.

use super::Cli;
use crate::config::Config;
use crate::corpus::load::{LoadOptions, load_unresolved};
use crate::corpus::sanitise::single_line;
use clap::CommandFactory;
use clap_complete::CompletionCandidate;
use clap_complete::env::Shells;
use std::io::Write;

/// A shell `tread completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

/// The environment variable the completion scripts set when they ask tread to complete.
const VAR: &str = "COMPLETE";

/// The clap command, with document ids completed for `--open` and `show`.
pub fn command() -> clap::Command {
    Cli::command()
}

/// Answers a completion script's request (tread run with `COMPLETE=SHELL`), then exits;
/// does nothing on an ordinary run.
pub fn answer_if_asked() {
    clap_complete::CompleteEnv::with_factory(command)
        .var(VAR)
        .complete();
}

/// `tread completions SHELL`: the script that makes SHELL ask tread for completions. It
/// calls `tread` from PATH, so an upgrade needs no new script.
pub fn print_script(shell: Shell, out: &mut impl Write) -> anyhow::Result<()> {
    let name = match shell {
        Shell::Bash => "bash",
        Shell::Zsh => "zsh",
        Shell::Fish => "fish",
        Shell::Powershell => "powershell",
        Shell::Elvish => "elvish",
    };
    let shells = Shells::builtins();
    let completer = (shells.completer(name)).expect("clap_complete knows each shell of Shell");
    completer.write_registration(VAR, "tread", "tread", "tread", out)?;
    Ok(())
}

/// `tread man`: the manual page, in roff.
pub fn print_man(out: &mut impl Write) -> anyhow::Result<()> {
    clap_mangen::Man::new(command()).render(out)?;
    Ok(())
}

/// The ids of the documents `tread` opens with no PATH (the configured collection, else
/// the sample), each with its title; nothing is printed of what could not be read.
pub fn document_ids() -> Vec<CompletionCandidate> {
    let config = Config::load().unwrap_or_default();
    let options = LoadOptions {
        paths: config.paths.unwrap_or_default(),
        glossary: None,
    };
    let Ok(corpus) = load_unresolved(&options) else {
        return Vec::new();
    };
    (corpus.documents.iter())
        .map(|doc| {
            let title = single_line(&doc.display_title()).into_owned();
            CompletionCandidate::new(doc.id.as_str()).help(Some(title.into()))
        })
        .collect()
}
