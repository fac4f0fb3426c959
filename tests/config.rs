//! The config file, completions and the man page, through the real binary: what a user
//! writes in `$XDG_CONFIG_HOME/tread/config.toml` changes what `tread` does, mistakes are
//! named with their line, and `--print-config` says where each setting came from.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

/// tread with its config folder at `config` (holding `tread/config.toml` if written).
fn tread(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tread").unwrap();
    cmd.env(
        "XDG_CACHE_HOME",
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("cache-{}", std::process::id())),
    );
    cmd.env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", config)
        .env("XDG_DATA_HOME", config.join("data"))
        .env_remove("COLUMNS");
    cmd
}

/// A config folder whose config.toml holds `text`, and a folder of two documents beside it.
fn setup(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("tread")).unwrap();
    fs::create_dir_all(dir.path().join("threads")).unwrap();
    for (name, author) in [("a.txt", "Ann"), ("b.txt", "Bo")] {
        let text = format!("Thread by @{author}\n\nFirst post, on ZT. 1/2\n\nSecond post. 2/2\n");
        fs::write(dir.path().join("threads").join(name), text).unwrap();
    }
    fs::write(dir.path().join("tread/config.toml"), text).unwrap();
    dir
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn the_configured_paths_replace_the_sample_unless_a_path_is_given() {
    let dir = setup("paths = [\"../threads\"]\n");
    let listed = stdout(tread(dir.path()).arg("list"));
    assert_eq!(listed.lines().count(), 2, "{listed}");
    assert!(!listed.contains("Nick Cook"), "{listed}");
    // A PATH on the command line wins.
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let listed = stdout(tread(dir.path()).args(["list", seeds]));
    assert!(listed.contains("Nick Cook"), "{listed}");
    // No config: the bundled sample.
    let empty = tempfile::tempdir().unwrap();
    assert!(stdout(tread(empty.path()).arg("list")).contains("Nick Cook"));
}

#[test]
fn print_config_says_where_each_setting_came_from() {
    let dir = setup("paths = [\"../threads\"]\nmouse = false\n");
    let file = dir.path().join("tread/config.toml");
    let printed = stdout(tread(dir.path()).args(["--print-config", "--color", "never"]));
    let line = |name: &str| {
        let found = printed
            .lines()
            .find(|l| l.starts_with(&format!("{name} = ")));
        found
            .unwrap_or_else(|| panic!("no {name}: {printed}"))
            .to_string()
    };
    let from_file = format!("# from {}", file.display());
    assert!(line("paths").contains("threads\"]"), "{printed}");
    assert!(line("paths").ends_with(&from_file), "{printed}");
    assert!(line("mouse").starts_with("mouse = false"), "{printed}");
    assert!(line("mouse").ends_with(&from_file), "{printed}");
    assert!(line("color").starts_with("color = \"never\""), "{printed}");
    assert!(
        line("color").ends_with("# from the command line"),
        "{printed}"
    );
    assert!(line("glossary").ends_with("# default: none"), "{printed}");
    assert!(printed.starts_with(&format!("# config file: {}", file.display())));
    // PATHs after a command are the command line's too.
    let printed = stdout(tread(dir.path()).args(["--print-config", "list", "/srv/x"]));
    assert!(printed.contains("paths = [\"/srv/x\"]"), "{printed}");
    assert!(printed.contains("# from the command line"), "{printed}");
}

#[test]
fn a_mistake_in_the_config_names_its_line_and_the_closest_setting() {
    let dir = setup("mouse = true\ncolour = \"never\"\n");
    let file = dir.path().join("tread/config.toml");
    let out = tread(dir.path())
        .arg("list")
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        format!(
            "tread: {}:2:1: unknown setting \"colour\"; did you mean \"color\"?\n",
            file.display()
        )
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn the_configured_glossary_is_read() {
    let dir = setup("paths = [\"../threads\"]\nglossary = \"orgs.toml\"\n");
    fs::write(
        dir.path().join("tread/orgs.toml"),
        "[organisations]\n\"Zephyr Trust\" = [\"ZT\"]\n",
    )
    .unwrap();
    let orgs = stdout(tread(dir.path()).args(["facets", "--kind", "org"]));
    assert!(orgs.contains("Zephyr Trust"), "{orgs}");
}

#[test]
fn configured_paths_that_hold_nothing_say_which_file_set_them() {
    let dir = setup("paths = [\"../nowhere\"]\n");
    let file = dir.path().join("tread/config.toml");
    let out = tread(dir.path())
        .arg("list")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let expected = format!(
        "tread: the paths set in {}: no documents found in",
        file.display()
    );
    assert!(stderr.contains(&expected), "{stderr}");
    // The same from the UI, which checks its paths before it starts.
    let out = tread(dir.path()).assert().code(1).get_output().clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!("tread: the paths set in {}", file.display())),
        "{stderr}"
    );
}

#[test]
fn print_config_says_when_no_color_turns_colour_off() {
    let dir = setup("");
    let out = stdout(tread(dir.path()).arg("--print-config"));
    assert!(
        out.contains("# default; NO_COLOR is set, so no colour"),
        "{out}"
    );
}
