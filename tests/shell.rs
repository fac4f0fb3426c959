//! tread in the shell: completion scripts sourced by the real shells where they are
//! installed (skipped with a message where not), completing commands, options and document
//! ids; and the manual page.

use assert_cmd::Command;
use std::path::PathBuf;

fn tread() -> Command {
    let mut cmd = Command::cargo_bin("tread").unwrap();
    cmd.env(
        "XDG_CACHE_HOME",
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("cache-{}", std::process::id())),
    );
    let none = std::env::temp_dir().join("tread-shell-tests-no-config");
    cmd.env("XDG_CONFIG_HOME", &none).env("XDG_DATA_HOME", none);
    cmd
}

fn stdout(args: &[&str]) -> String {
    let out = tread()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// PATH with the folder of the binary under test first: the scripts call `tread`.
fn path_with_tread() -> String {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_tread"));
    let folder = bin.parent().unwrap().display().to_string();
    format!("{folder}:{}", std::env::var("PATH").unwrap_or_default())
}

/// Runs `script` in `shell` with tread on PATH and no user config; its output, or `None`
/// where the shell is not installed.
fn in_shell(shell: &str, script: &str) -> Option<String> {
    let none = std::env::temp_dir().join("tread-shell-tests-no-config");
    // An empty folder: a PATH argument completes to the files in it.
    let empty = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(shell)
        .args(["-c", script])
        .env("PATH", path_with_tread())
        .env("XDG_CONFIG_HOME", &none)
        .env("XDG_DATA_HOME", &none)
        .env("XDG_CACHE_HOME", empty.path())
        .current_dir(empty.path())
        .output();
    let Ok(out) = out else {
        eprintln!("skipped: {shell} is not installed");
        return None;
    };
    assert!(out.status.success(), "{shell}: {out:?}");
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn bash_completes_commands_options_and_document_ids() {
    let complete = |line: &str| {
        let script = format!(
            "source <(tread completions bash)\n\
             COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; read -ra COMP_WORDS <<< \"$COMP_LINE\"\n\
             COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\n\
             _clap_complete_tread tread \"${{COMP_WORDS[-1]}}\"\n\
             printf '%s\\n' \"${{COMPREPLY[@]}}\""
        );
        in_shell("bash", &script)
    };
    let Some(ids) = complete("tread show 003") else {
        return;
    };
    assert_eq!(ids.trim(), "003_5dc0658c0538405e");
    let opened = complete("tread --open 00").unwrap();
    assert_eq!(opened.lines().count(), 5, "{opened}");
    let commands = complete("tread ex").unwrap();
    assert_eq!(commands.trim(), "export");
}

#[test]
fn fish_completes_document_ids_with_their_titles() {
    let script = "tread completions fish | source; complete -C 'tread show 003'";
    let Some(out) = in_shell("fish", script) else {
        return;
    };
    assert_eq!(
        out.trim(),
        "003_5dc0658c0538405e\tCare Review launches penultimate stage of project"
    );
}

#[test]
fn zsh_and_powershell_scripts_are_written() {
    if let Some(out) = in_shell(
        "zsh",
        "autoload -U compinit; compinit -u; source <(tread completions zsh) && echo sourced",
    ) {
        assert!(out.contains("sourced"), "{out}");
    }
    let powershell = stdout(&["completions", "powershell"]);
    assert!(
        powershell.contains("Register-ArgumentCompleter"),
        "{powershell}"
    );
    assert!(powershell.contains("tread"), "{powershell}");
}

#[test]
fn man_prints_a_manual_page_from_the_same_definition() {
    let page = stdout(&["man"]);
    assert!(page.contains(".TH tread 1"), "{page}");
    for word in [
        ".SH NAME",
        ".SH SYNOPSIS",
        "\\-\\-filter",
        ".SH FILES",
        ".SH ENVIRONMENT",
        "XDG_CONFIG_HOME",
    ] {
        assert!(page.contains(word), "{word} not in the page");
    }
    // Every command in full in this page, none referred to a page of its own.
    for command in [
        "list",
        "show",
        "facets",
        "search",
        "export",
        "review",
        "completions",
    ] {
        assert!(page.contains(&format!(".SS tread {command}")), "{command}");
    }
    assert!(!page.contains("tread\\-list(1)"), "{page}");
    // Where man is installed, the page renders.
    let rendered = std::process::Command::new("sh")
        .args(["-c", "tread man | man -l - 2>/dev/null | col -b"])
        .env("PATH", path_with_tread())
        .env("MANPAGER", "cat")
        .output();
    if let Ok(out) = rendered
        && out.status.success()
        && !out.stdout.is_empty()
    {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("NAME"), "{text}");
    }
}
