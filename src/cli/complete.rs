//! Fitting into the shell: completion scripts for bash, zsh, fish, PowerShell and elvish
//! (clap_complete, completing options, commands and the ids of the documents tread would
//! open), and the manual page (clap_mangen), both from the one clap definition.

use super::Cli;
use crate::config::Config;
use crate::corpus::Docs;
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

/// `tread man`: the manual page, in roff: clap_mangen's sections of the command, then each
/// command in full in this one page (rather than pages of their own that nothing installs),
/// then the files and environment tread reads.
pub fn print_man(out: &mut impl Write) -> anyhow::Result<()> {
    let cmd = command();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("tread {}", sub.get_name());
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        writeln!(out, ".SS {}", roff_text(&name))?;
        writeln!(out, "{}", roff_text(&about))?;
        let sub = clap_mangen::Man::new(sub.clone().bin_name(name));
        // Its synopsis and options, under this command's heading rather than their own.
        for render in [
            clap_mangen::Man::render_synopsis_section,
            clap_mangen::Man::render_options_section,
        ] {
            let mut section = Vec::new();
            render(&sub, &mut section)?;
            let section = String::from_utf8_lossy(&section);
            let mut body = section.lines().filter(|l| !l.starts_with(".SH "));
            writeln!(out, ".PP")?;
            body.try_for_each(|line| writeln!(out, "{line}"))?;
        }
    }
    writeln!(out, ".SH FILES")?;
    for (file, what) in FILES {
        writeln!(out, ".TP\n\\fI{}\\fR\n{}", roff_text(file), roff_text(what))?;
    }
    writeln!(out, ".SH ENVIRONMENT")?;
    for (name, what) in ENVIRONMENT {
        writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff_text(name), roff_text(what))?;
    }
    man.render_version_section(out)?;
    Ok(())
}

/// The files tread reads and writes, for the manual.
const FILES: [(&str, &str); 5] = [
    (
        "$XDG_CONFIG_HOME/tread/config.toml",
        "settings: paths, color, mouse, glossary (see tread --print-config)",
    ),
    (
        "$XDG_CONFIG_HOME/tread/keymap.toml",
        "key bindings laid over the built-in ones",
    ),
    (
        "$XDG_DATA_HOME/tread/reviews/",
        "the reviews (marks, codes, notes, read state), one JSON Lines file per collection",
    ),
    (
        "$XDG_CACHE_HOME/tread/",
        "the cache of parsed collections, one file each: see tread cache info, --no-cache",
    ),
    (
        "organisations.toml",
        "beside the documents: the organisations glossary, added to --glossary",
    ),
];

/// The environment variables tread reads, for the manual.
const ENVIRONMENT: [(&str, &str); 6] = [
    (
        "XDG_CONFIG_HOME",
        "where config.toml and keymap.toml are (default ~/.config)",
    ),
    (
        "XDG_DATA_HOME",
        "where reviews are kept (default ~/.local/share)",
    ),
    (
        "XDG_CACHE_HOME",
        "where the cache of parsed collections is kept (default ~/.cache)",
    ),
    (
        "NO_COLOR",
        "set and not empty: no colour, unless --color always",
    ),
    ("VISUAL, EDITOR", "the editor A opens a note in"),
    (
        "TMUX, STY",
        "inside tmux, copies go to its paste buffer; inside screen, through it",
    ),
];

/// `text` safe as a line of roff: no line starting with a control character, and
/// backslashes and hyphens escaped.
fn roff_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    match escaped.starts_with(['.', '\'']) {
        true => format!("\\&{escaped}"),
        false => escaped,
    }
}

/// The ids of the documents the command line being completed would read (the PATHs typed
/// on it, else the configured collection, else the sample), each with its title, and the
/// short ids of documents of a file of several (`b_18#3`); nothing is printed of what could
/// not be read.
pub fn document_ids() -> Vec<CompletionCandidate> {
    let typed = typed_paths(std::env::args_os());
    let no_cache = std::env::args_os().any(|a| a == "--no-cache");
    let paths = match typed.is_empty() {
        true => Config::load().unwrap_or_default().paths.unwrap_or_default(),
        false => typed,
    };
    let options = LoadOptions {
        paths,
        glossary: None,
        cache: (!no_cache).then(crate::cache::default_dir).flatten(),
    };
    let Ok(corpus) = load_unresolved(&options) else {
        return Vec::new();
    };
    let groups = crate::corpus::Groups::new(&corpus.documents);
    // Each document read once for its id and title (it may be held packed).
    let mut candidates = Vec::new();
    corpus.documents.for_each(|at, doc| {
        let title = single_line(&doc.display_title()).into_owned();
        let short = (groups.short_id(crate::corpus::DocIndex::new(at)))
            .map(|short| CompletionCandidate::new(short).help(Some(title.clone().into())));
        candidates.push(CompletionCandidate::new(doc.id.as_str()).help(Some(title.into())));
        candidates.extend(short);
    });
    candidates
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
