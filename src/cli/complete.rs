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

/// The ids of the documents the command line being completed would read (the PATHs typed
/// on it, else the configured collection, else the sample), each with its title, and the
/// short ids of documents of a file of several (`b_18#3`); nothing is printed of what could
/// not be read.
pub fn document_ids() -> Vec<CompletionCandidate> {
    let typed = typed_paths(std::env::args_os());
    let paths = match typed.is_empty() {
        true => Config::load().unwrap_or_default().paths.unwrap_or_default(),
        false => typed,
    };
    let options = LoadOptions {
        paths,
        glossary: None,
    };
    let Ok(corpus) = load_unresolved(&options) else {
        return Vec::new();
    };
    let groups = crate::corpus::Groups::new(&corpus.documents);
    let documents = crate::corpus::DocIndex::all(corpus.documents.len()).zip(&corpus.documents);
    (documents)
        .flat_map(|(index, doc)| {
            let title = single_line(&doc.display_title()).into_owned();
            let short = groups
                .short_id(index)
                .map(|short| CompletionCandidate::new(short).help(Some(title.clone().into())));
            let id = CompletionCandidate::new(doc.id.as_str()).help(Some(title.into()));
            std::iter::once(id).chain(short)
        })
        .collect()
}

/// The PATHs on the command line a completion script passed (after its `--`): the words
/// that name files or folders, but for the program and the word being completed.
fn typed_paths(args: impl Iterator<Item = std::ffi::OsString>) -> Vec<std::path::PathBuf> {
    let words: Vec<std::ffi::OsString> = args.skip_while(|a| a != "--").skip(2).collect();
    let before_current = words.len().saturating_sub(1);
    (words.into_iter().take(before_current))
        .map(std::path::PathBuf::from)
        .filter(|p| p.exists() && !p.as_os_str().to_string_lossy().starts_with('-'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_paths_typed_before_the_word_completed_are_read() {
        let folder = env!("CARGO_MANIFEST_DIR");
        let args = ["tread", "--", "tread", "show", folder, "--json", "b_1"];
        let typed = typed_paths(args.iter().map(std::ffi::OsString::from));
        assert_eq!(typed, [std::path::PathBuf::from(folder)]);
        // The word being completed is not read, even when it names a file.
        let args = ["tread", "--", "tread", "show", folder];
        assert!(typed_paths(args.iter().map(std::ffi::OsString::from)).is_empty());
    }
}
