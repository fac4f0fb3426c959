//! The real binary over the bundled seeds and small folders written for each case.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn tread() -> Command {
    let mut cmd = Command::cargo_bin("tread").unwrap();
    cmd.env(
        "XDG_CACHE_HOME",
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("cache-{}", std::process::id())),
    );
    cmd.env("NO_COLOR", "1")
        // No settings of whoever runs the tests are read.
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("tread-cli-tests-no-config"),
        )
        // No review of the home of whoever runs the tests is read.
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("tread-cli-tests-no-data"),
        )
        .env_remove("COLUMNS");
    cmd
}

/// Runs tread, expects success, and returns its standard output.
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

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&stdout(args)).unwrap()
}

fn keys_of(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    dir
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn list_works_from_any_directory_on_the_bundled_seeds() {
    let elsewhere = tempfile::tempdir().unwrap();
    let out = tread()
        .current_dir(elsewhere.path())
        .arg("list")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 5);
    assert!(
        text.lines()
            .next()
            .unwrap()
            .starts_with("000_bcd5621f043b7544  unroll   Nick Cook")
    );
    assert!(text.contains("002_12ed20b751bd733c  listing") && text.contains("36 of 134"));
}

#[test]
fn no_command_opens_the_tui_which_needs_a_terminal() {
    tread().assert().code(2).stdout("").stderr(
        "tread: the terminal UI needs a terminal on standard output; scripts can use \
             `tread list`, `show`, `facets` or `search`\n",
    );
}

#[test]
fn scripted_opening_checks_everything_before_the_terminal() {
    // Valid options get as far as the terminal check (exit 2, nothing on stdout).
    let ok = [
        "--open",
        "000",
        "--post",
        "4",
        "--filter",
        "#CareReview",
        "--filter",
        "not:author:Emmet Regan",
        "--search",
        "review",
    ];
    tread()
        .args(ok)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "needs a terminal on standard output",
        ));
    let cases: [(&[&str], i32, &str); 10] = [
        (
            &["--open", "nothing-like-this"],
            1,
            "tread: no document matches \"nothing-like-this\" (try `tread list`)\n",
        ),
        (&["--open", "0"], 2, "tread: \"0\" matches 5 documents:"),
        (
            &["--filter", "#nosuchtag"],
            1,
            "tread: filter \"#nosuchtag\": no hashtag matches \"nosuchtag\"\n",
        ),
        (
            &["--filter", "care"],
            2,
            "tread: filter \"care\": write author:NAME, #tag, org:NAME, @handle, kind:KIND, review:",
        ),
        (
            &["--open", "004", "--filter", "#CareReview"],
            1,
            "tread: document 004_8bb49e90aa2e23a7 does not pass the filters\n",
        ),
        (
            &["--post", "0"],
            2,
            "invalid value '0' for '--post <POST>': \"0\": posts are counted from 1",
        ),
        (
            &["--post", "x"],
            2,
            "not a post address: \"x\" (write 12, 12/20, or 5:2 for thread 5, post 2)",
        ),
        (
            &["--open", "000", "--post", "40"],
            1,
            "tread: --post 40: no post 40 in 000_bcd5621f043b7544: its posts are 1–20\n",
        ),
        (
            &["--open", "002", "--post", "13:2"],
            1,
            "tread: --post 13:2: no thread 13 in 002_12ed20b751bd733c: its threads are 1–12\n",
        ),
        (
            &[
                "--filter",
                "#Advocacy",
                "--filter",
                "not:author:Nick Cook",
                "--filter",
                "kind:article",
            ],
            1,
            "tread: no post passes #Advocacy and not:author:Nick Cook and kind:article\n",
        ),
    ];
    for (args, code, message) in cases {
        tread()
            .args(args)
            .assert()
            .code(code)
            .stdout("")
            .stderr(predicate::str::contains(message));
    }
}

#[test]
fn tui_options_with_a_command_are_a_usage_error() {
    tread()
        .args(["--open", "000", "list"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("are options of the terminal UI"));
}

#[test]
fn paths_before_a_command_are_read_by_it() {
    let dir = folder(&[("a.txt", b"A note on the care review.\n")]);
    let other = folder(&[("b.txt", b"Another note.\n")]);
    // Once the seeds were listed instead, with no word about the folder.
    let listed = tread()
        .arg(dir.path())
        .args(["list"])
        .arg(other.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let ids: Vec<String> = String::from_utf8(listed)
        .unwrap()
        .lines()
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a", "b"]);
}

#[test]
fn a_bad_keymap_stops_the_tui_with_file_line_column_and_closest() {
    let dir = folder(&[
        ("typo.toml", b"[global]\nq = \"qiut\"\n"),
        ("key.toml", b"[thread]\n\"ctrl-pgdn\" = \"page_down\"\n"),
        ("table.toml", b"[threads]\nj = \"down\"\n"),
        ("syntax.toml", b"[global]\nq = quit\n"),
    ]);
    let path = |name: &str| dir.path().join(name).display().to_string();
    let cases = [
        (
            "typo.toml",
            "2:5: unknown action in [global] \"qiut\"; did you mean \"quit\"?",
        ),
        (
            "key.toml",
            "2:1: unknown key name: \"ctrl-pgdn\"; did you mean \"ctrl-pagedown\"?",
        ),
        (
            "table.toml",
            "1:2: unknown table \"threads\"; did you mean \"thread\"?",
        ),
        ("syntax.toml", "2:5: "),
    ];
    for (file, message) in cases {
        tread()
            .args(["--keymap", &path(file)])
            .assert()
            .code(1)
            .stderr(predicate::str::starts_with(format!(
                "tread: {}:{message}",
                path(file)
            )));
    }
    tread()
        .args(["--keymap", &path("missing.toml")])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read keymap"));
}

/// A keymap with several mistakes reports every one, in the file's order, each with its
/// place; a misspelt modifier is put right.
#[test]
fn a_keymap_with_several_mistakes_reports_them_all() {
    let dir = folder(&[(
        "keymap.toml",
        b"[global]\nq = \"qiut\"\n\"ctlr-f\" = \"quit\"\n[thraed]\nj = \"down\"\n",
    )]);
    let file = dir.path().join("keymap.toml").display().to_string();
    tread()
        .args(["--keymap", &file])
        .assert()
        .code(1)
        .stderr(format!(
            "tread: 3 mistakes in the keymap:\n  \
             {file}:2:5: unknown action in [global] \"qiut\"; did you mean \"quit\"?\n  \
             {file}:3:1: unknown key name: \"ctlr-f\"; did you mean \"ctrl-f\"?\n  \
             {file}:4:2: unknown table \"thraed\"; did you mean \"thread\"?\n"
        ));
}

#[test]
fn the_user_keymap_comes_from_xdg_config_home() {
    let dir = folder(&[("tread/keymap.toml", b"[global]\nq = \"qiut\"\n")]);
    tread()
        .env("XDG_CONFIG_HOME", dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "tread/keymap.toml:2:5: unknown action",
        ));
    // Subcommands never read the keymap.
    tread()
        .env("XDG_CONFIG_HOME", dir.path())
        .arg("list")
        .assert()
        .success();
}

#[test]
fn piped_text_is_not_cut() {
    let text = stdout(&["list"]);
    assert!(text.contains("The government's response to the Care Review can be the first step towards fundamental reform"));
}

#[test]
fn list_json_rows() {
    let rows = json(&["list", "--json"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 5);
    let keys = keys_of(&rows[0]);
    for key in [
        "id",
        "path",
        "kind",
        "title",
        "author",
        "date",
        "threads",
        "posts",
        "declared_posts",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
    assert_eq!(rows[0]["author"], "Nick Cook");
    assert_eq!(rows[0]["posts"], 20);
    assert_eq!(rows[2]["threads"], 12);
    assert_eq!(rows[2]["declared_posts"], 134);
}

#[test]
fn show_text_has_header_gutter_and_entities() {
    let text = stdout(&["show", "000"]);
    assert!(text.starts_with("000_bcd5621f043b7544 · unroll · Nick Cook · May 23 · 20 posts\n"));
    assert!(text.contains("\n 20/20 And my final, final thought"));
    assert!(text.contains("Hashtags: #CareReview"));
    assert!(text.contains("\nOrganisations: Care Review, Department for Education, Conservatives"));
}

#[test]
fn show_listing_marks_excerpts_and_repeated_threads() {
    let text = stdout(&["show", "002"]);
    assert!(text.contains("Thread 3 of 12 · 3 of 20 posts shown · Nick Cook · same thread as 000_bcd5621f043b7544 Nick Cook"));
    assert!(text.contains("[picture]"));
}

#[test]
fn show_article_numbers_paragraphs() {
    let text = stdout(&["show", "penultimate"]);
    assert!(text.contains("    ¶1 The Care Review has launched"));
    assert!(!text.contains("Subscribe"));
}

#[test]
fn show_json_shape() {
    let doc = json(&["show", "000", "--json"]);
    let keys = keys_of(&doc);
    assert_eq!(
        keys,
        [
            "id", "path", "kind", "title", "author", "date", "threads", "warnings"
        ]
    );
    assert_eq!(
        doc["author"],
        serde_json::json!({"name": "Nick Cook", "handle": null})
    );
    let post = &doc["threads"][0]["posts"][2];
    let keys = keys_of(post);
    assert_eq!(
        keys,
        [
            "index",
            "label",
            "number",
            "total",
            "text",
            "media",
            "hashtags",
            "mentions",
            "urls",
            "organisations"
        ]
    );
    assert_eq!(post["label"], "3/");
    assert_eq!(post["total"], 20);
    assert_eq!(
        post["urls"][0],
        "childrenscommissioner.gov.uk/2020/11/24/ann…"
    );
    let thread = &doc["threads"][0];
    assert_eq!(thread["declared_count"], 20);
    assert_eq!(thread["same_thread_as"], Value::Null);
}

#[test]
fn show_by_path_reads_that_file() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/004_8bb49e90aa2e23a7.txt");
    let doc = json(&["show", arg(&seed), "--json"]);
    assert_eq!(doc["author"]["name"], "Emmet Regan");
    assert_eq!(doc["path"], arg(&seed));
}

#[test]
fn show_unknown_document_fails_with_1() {
    tread()
        .args(["show", "no-such-thing-qqq"])
        .assert()
        .code(1)
        .stderr("tread: no document matches \"no-such-thing-qqq\" (try `tread list`)\n");
}

#[test]
fn show_ambiguous_document_fails_with_2_and_lists_candidates() {
    let assert = tread().args(["show", "0"]).assert().code(2);
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        err.starts_with(
            "tread: \"0\" matches 5 documents:\n  000_bcd5621f043b7544  unroll  Nick Cook"
        ),
        "{err}"
    );
    assert_eq!(err.lines().count(), 6);
}

#[test]
fn an_ambiguous_document_lists_the_closest_first() {
    let dir = folder(&[
        ("a.txt", b"Cats roam around village views\n\nOne.\n"),
        ("b.txt", b"Carvings\n\nTwo.\n"),
        ("c.txt", b"Nothing alike\n\nThree.\n"),
    ]);
    // Both titles hold c, r and v in that order, "Carvings" the closest together.
    let assert = tread().args(["show", "crv", arg(dir.path())]).assert();
    let err = String::from_utf8(assert.code(2).get_output().stderr.clone()).unwrap();
    let lines: Vec<&str> = err.lines().map(str::trim).collect();
    assert_eq!(lines[0], "tread: \"crv\" matches 2 documents:", "{err}");
    assert!(
        lines[1].starts_with("b  ") && lines[2].starts_with("a  "),
        "{err}"
    );
    assert_eq!(lines.len(), 3, "{err}");
}

#[test]
fn a_file_reached_by_two_paths_is_read_once() {
    let dir = folder(&[
        ("a.txt", b"Apples\n\nOne.\n"),
        ("b.txt", b"Bears\n\nTwo.\n"),
    ]);
    let a = dir.path().join("a.txt");
    // A file shown from the folder that holds it: the one document, not two alike.
    let shown = stdout(&["show", arg(&a), arg(dir.path())]);
    assert!(shown.starts_with("a · "), "{shown}");
    // Named twice, and beside its folder: each file once, and no id taken twice.
    let out = tread()
        .args(["list", arg(&a), arg(&a), arg(dir.path())])
        .assert();
    let out = out.success().get_output().clone();
    let ids: Vec<String> = (String::from_utf8(out.stdout).unwrap().lines())
        .filter_map(|row| row.split_whitespace().next().map(str::to_string))
        .collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
    // A file is its path: a link (sorting before its target) and a second name of a file
    // are files of their own, read as they are named, whatever else is named beside them.
    #[cfg(unix)]
    {
        let path = |name: &str| dir.path().join(name);
        std::os::unix::fs::symlink(path("b.txt"), path("0link.txt")).unwrap();
        fs::hard_link(path("a.txt"), path("a2.txt")).unwrap();
        let ids = |args: &[&str]| -> Vec<String> {
            let out = stdout(&[&["list", "--json"], args].concat());
            let rows: Value = serde_json::from_str(&out).unwrap();
            let rows = rows.as_array().unwrap().iter();
            rows.map(|row| row["id"].as_str().unwrap().to_string())
                .collect()
        };
        let all = ["0link", "a", "a2", "b"];
        assert_eq!(ids(&[arg(dir.path())]), all);
        let b = path("b.txt");
        assert_eq!(ids(&[arg(dir.path()), arg(&b)]), all);
        assert_eq!(ids(&[arg(&b), arg(dir.path())]), ["b", "0link", "a", "a2"]);
        let link = path("0link.txt");
        assert_eq!(ids(&[arg(dir.path()), arg(&link), arg(&a)]), all);
    }
}

#[test]
fn facets_text_and_json() {
    tread().arg("facets").assert().success().stdout(
        predicate::str::contains("Authors (")
            .and(predicate::str::contains("Hashtags ("))
            .and(predicate::str::contains("  #carereview"))
            .and(predicate::str::contains("(#CareReview)"))
            .and(predicate::str::contains(
                "Department for Education     4 docs, 7 posts  (@educationgovuk, DfE)",
            )),
    );
    let all = json(&["facets", "--json"]);
    let keys = keys_of(&all);
    assert_eq!(
        keys,
        ["authors", "hashtags", "organisations", "mentions", "kinds"]
    );
    let entry = &all["hashtags"][0];
    let keys = keys_of(entry);
    assert_eq!(keys, ["name", "variants", "documents", "posts"]);
}

#[test]
fn facets_of_one_kind() {
    let orgs = json(&["facets", "--kind", "org", "--json"]);
    let keys = keys_of(&orgs);
    assert_eq!(keys, ["organisations"]);
    let names: Vec<&str> = orgs["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Family Rights Group") && !names.contains(&"Josh MacAlister"));
    tread()
        .args(["facets", "--kind", "people"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'people'"));
}

#[test]
fn search_text_json_and_no_match() {
    tread()
        .args(["search", "Frontline CONTRACT"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "002_12ed20b751bd733c     5:1  To the surprise",
        ));
    let hits = json(&["search", "frontline", "--json"]);
    let hits = hits.as_array().unwrap();
    assert!(hits.len() >= 3);
    assert_eq!(hits[0]["document"], "002_12ed20b751bd733c");
    let keys = keys_of(&hits[0]);
    assert_eq!(
        keys,
        ["document", "address", "thread", "post", "label", "text"]
    );
    // Nothing found is exit 1 in every format, as grep's; JSON still prints its array.
    for format in [&[][..], &["--json"], &["--jsonl"]] {
        let out = tread()
            .args(["search", "zzqqxx"])
            .args(format)
            .assert()
            .code(1)
            .stderr("tread: no posts match\n");
        let expected = if format == ["--json"] { "[]\n" } else { "" };
        assert_eq!(String::from_utf8_lossy(&out.get_output().stdout), expected);
    }
    tread()
        .args(["search", " "])
        .assert()
        .code(2)
        .stderr("tread: the search query is empty\n");
}

/// A script gets what the screen shows: the same filters, the same post-level rules.
#[test]
fn list_search_and_export_take_the_uis_filters() {
    // The listing 002 stays: its other threads use #carereview and are not Nick Cook's.
    let listed = stdout(&[
        "list",
        "--filter",
        "#carereview",
        "--filter",
        "not:author:Nick Cook",
    ]);
    let rows: Vec<(&str, &str)> = listed
        .lines()
        .map(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            (&words[0][..3], words[4])
        })
        .collect();
    assert_eq!(rows, [("001", "1/18"), ("002", "11/36")]);
    // Two authors: either (OR within a facet).
    let rows = json(&[
        "list",
        "--json",
        "--filter",
        "author:Nick Cook",
        "--filter",
        "author:Fiona Simpson",
    ]);
    let rows = rows.as_array().unwrap();
    let ids: Vec<&str> = rows
        .iter()
        .map(|r| &r["id"].as_str().unwrap()[..3])
        .collect();
    assert_eq!(ids, ["000", "002", "003"]);
    assert_eq!(rows[1]["passing_posts"], 3);
    // Given before the command too.
    let before = stdout(&[
        "--filter",
        "#carereview",
        "--filter",
        "not:author:Nick Cook",
        "list",
    ]);
    assert_eq!(before, listed);
    // Search sees only passing posts; export writes only them, and says so.
    let hits = json(&[
        "search",
        "independent",
        "--json",
        "--filter",
        "author:Nick Cook",
    ]);
    assert!(!hits.as_array().unwrap().is_empty());
    // His thread, and the listing's excerpt of it (thread 3).
    for hit in hits.as_array().unwrap() {
        let place = (
            hit["document"].as_str().unwrap(),
            hit["thread"].as_u64().unwrap(),
        );
        assert!(
            [("000_bcd5621f043b7544", 1), ("002_12ed20b751bd733c", 3)].contains(&place),
            "{hit}"
        );
    }
    // Export writes the documents holding a passing post, whole: cut down, one would be
    // read back renumbered.
    let exported = json(&["export", "--json", "--filter", "#Advocacy"]);
    let exported = exported.as_array().unwrap();
    assert_eq!(exported.len(), 1);
    assert_eq!(exported[0]["id"], "002_12ed20b751bd733c");
    assert_eq!(exported[0]["threads"].as_array().unwrap().len(), 12);
    // Filters that leave nothing, and names that match nothing, say so.
    tread()
        .args(["list", "--filter", "#Advocacy", "--filter", "kind:article"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("tread: no post passes #Advocacy and kind:article\n");
    tread()
        .args(["list", "--filter", "org:Department for Educaton"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "did you mean Department for Education?",
        ));
    tread()
        .args(["search", "care", "--filter", "kind:tweet"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no document is of kind \"tweet\"; the kinds here are unroll, listing, article, blog",
        ));
}

#[test]
fn json_lines_stream_one_object_a_line() {
    for command in [&["list"][..], &["search", "care"], &["export"]] {
        let text = stdout(&[command, &["--jsonl"]].concat());
        let lines: Vec<&str> = text.lines().collect();
        let array = json(&[command, &["--json"]].concat());
        assert_eq!(lines.len(), array.as_array().unwrap().len(), "{command:?}");
        for (line, object) in lines.iter().zip(array.as_array().unwrap()) {
            assert_eq!(&serde_json::from_str::<Value>(line).unwrap(), object);
        }
    }
    tread().args(["list", "--json", "--jsonl"]).assert().code(2);
}

#[test]
fn a_list_says_which_title_is_written_and_which_is_shown() {
    let rows = json(&["list", "--json"]);
    let first = &rows[0];
    assert_eq!(first["title"], Value::Null);
    assert!(
        first["display_title"]
            .as_str()
            .unwrap()
            .starts_with("A personal 🧵")
    );
    assert_eq!(rows[3]["title"], rows[3]["display_title"]);
}

#[test]
fn a_piped_list_cuts_nothing() {
    let text = stdout(&["list"]);
    assert!(text.contains("  Tuesday, November 9, 2021  "), "{text}");
    assert!(text.contains("The government's response to the Care Review can be the first step towards fundamental reform"));
}

#[test]
fn a_path_that_is_not_there_stops_the_ui_before_the_terminal() {
    tread()
        .arg("lsit")
        .assert()
        .code(1)
        .stdout("")
        .stderr("tread: lsit: no such file or folder; did you mean `tread list`?\n");
    tread()
        .arg("/nonexistent/folder")
        .assert()
        .code(1)
        .stderr("tread: /nonexistent/folder: no such file or folder\n");
    // A PATH before a command is read by it, never replaced by the bundled sample.
    let empty = folder(&[]);
    tread()
        .arg(empty.path())
        .arg("list")
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn unknown_flag_is_a_usage_error() {
    tread().arg("--frobnicate").assert().code(2);
}

#[test]
fn a_missing_path_is_reported_and_nothing_loads() {
    tread()
        .args(["list", "/no/such/dir"])
        .assert()
        .code(1)
        .stderr("tread: warning: /no/such/dir: no such file or folder\ntread: no documents found in /no/such/dir\n");
}

#[test]
fn bad_files_are_reported_one_line_each_and_the_rest_loads() {
    let dir = folder(&[
        ("good.txt", b"Just a note.\n\nWith two paragraphs.\n"),
        ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("latin1.txt", b"caf\xe9 society\n"),
        ("sub/deeper.txt", b"Another note.\n"),
        (".hidden.txt", b"never read"),
        // An editor's backup and autosave of good.txt: copies, not documents.
        ("good.txt~", b"Just a note.\n"),
        ("#good.txt#", b"Just a note, being edited.\n"),
    ]);
    let assert = tread()
        .args(["list", "--json", arg(dir.path())])
        .assert()
        .success();
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].ends_with("latin1.txt: invalid UTF-8 decoded lossily"),
        "{err}"
    );
    assert!(
        lines[1].ends_with("picture.png: skipped: binary file"),
        "{err}"
    );
    assert_eq!(
        lines[2],
        "tread: loaded 3 of 4 files; 1 skipped, 2 problems (listed above)"
    );
    let rows: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let ids: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["good", "latin1", "deeper"]);
}

/// Many unreadable files: the first few are listed, then how many more and how to see them
/// all; --verbose lists every one, --quiet none; the documents load either way.
#[test]
fn many_warnings_are_summed_up_listed_with_verbose_and_silenced_with_quiet() {
    let mut files: Vec<(String, &[u8])> = vec![("good.txt".to_string(), b"A note.\n")];
    for i in 0..12 {
        files.push((format!("bin{i:02}.dat"), b"\x00\x01\x02 binary"));
    }
    let files: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    let dir = folder(&files);
    let stderr = |flags: &[&str]| {
        let mut args = vec!["list", arg(dir.path())];
        args.extend(flags);
        let out = tread().args(&args).assert().success().get_output().clone();
        assert!(String::from_utf8(out.stdout).unwrap().contains("good"));
        String::from_utf8(out.stderr).unwrap()
    };
    let some = stderr(&[]);
    let lines: Vec<&str> = some.lines().collect();
    assert_eq!(lines.len(), 7, "{some}");
    assert!(
        lines[..5]
            .iter()
            .all(|l| l.ends_with("skipped: binary file")),
        "{some}"
    );
    assert_eq!(
        lines[5],
        "tread: warning: and 7 more warnings; --verbose lists them all (w in the UI)"
    );
    assert_eq!(
        lines[6],
        "tread: loaded 1 of 13 files; 12 skipped, 12 problems"
    );
    let all = stderr(&["--verbose"]);
    assert_eq!(all.lines().count(), 13, "{all}");
    assert!(all.ends_with("12 problems (listed above)\n"), "{all}");
    assert_eq!(stderr(&["-q"]), "");
}

/// A document of a file holding several is named as the UI's list names it: the file's
/// short name and its place in the file.
#[test]
fn a_document_of_an_export_is_named_by_its_files_short_id() {
    let shown = stdout(&["show", "twe#2", "tests/fixtures/x-archive"]);
    assert!(shown.starts_with("tweets-200 · reply"), "{shown}");
    tread()
        .args(["show", "twe#9", "tests/fixtures/x-archive"])
        .assert()
        .code(1);
}

#[test]
fn duplicate_stems_get_distinct_ids() {
    let dir = folder(&[("a/note.txt", b"One.\n"), ("b/note.txt", b"Two.\n")]);
    let rows = json(&["list", "--json", arg(dir.path())]);
    let ids: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["note", "note~2"]);
}

#[test]
fn terminal_escapes_in_documents_never_reach_the_output() {
    let hostile = "Title\u{1b}]0;pwned\u{7}\n\nAnn Example\n9 Nov 2021\n\nText \u{1b}[2J\u{1b}[6n with \u{9b}31m escapes.\n\nMore\u{7}\u{8} text.\n";
    // A file's name is shown too: its controls are written as escapes.
    let dir = folder(&[
        ("hostile.txt", hostile.as_bytes()),
        (
            "named\u{1b}[2J\u{9b}H.txt",
            b"A note with a hostile name.\n",
        ),
    ]);
    let listed = stdout(&["list", arg(dir.path())]);
    assert!(listed.contains("named\\u{1b}[2J\\u{9b}H"), "{listed}");
    for args in [
        vec!["list"],
        vec!["list", "--json"],
        vec!["show", "hostile"],
        vec!["show", "named\\u{1b}[2J\\u{9b}H"],
        vec!["show", "hostile", "--json"],
        vec!["facets"],
        vec!["search", "text"],
    ] {
        let mut full = args.clone();
        full.push(arg(dir.path()));
        let out = tread().args(&full).assert().success().get_output().clone();
        let bytes = [out.stdout, out.stderr].concat();
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?}: {text:?}"
        );
    }
}

#[test]
fn glossary_beside_the_documents_is_used() {
    let dir = folder(&[
        (
            "post.txt",
            b"A note on the work of Mega Charity Group.\n\nWe met MCG again.\n",
        ),
        (
            "organisations.toml",
            b"[organisations]\n\"Mega Charity Group\" = [\"MCG\"]\n",
        ),
    ]);
    let orgs = json(&["facets", "--kind", "org", "--json", arg(dir.path())]);
    let entry = &orgs["organisations"][0];
    assert_eq!(entry["name"], "Mega Charity Group");
    assert_eq!(entry["posts"], 2);
    assert_eq!(
        entry["variants"],
        serde_json::json!(["MCG", "Mega Charity Group"])
    );
}

#[test]
fn a_broken_glossary_beside_documents_is_a_warning() {
    let dir = folder(&[
        ("post.txt", b"Hello.\n"),
        ("organisations.toml", b"[organisations]\n\"A\" = 3\n"),
    ]);
    let file = dir.path().join("organisations.toml");
    tread()
        .args(["list", arg(dir.path())])
        .assert()
        .success()
        .stderr(format!(
            "tread: warning: {}: glossary ignored: 2:7: invalid type: integer `3`, expected a sequence\n\
             tread: loaded 1 of 1 files; 0 skipped, 1 problem (listed above)\n",
            file.display()
        ));
}

/// What `tread list --glossary FILE` says on standard error, failing with 1.
fn glossary_error(file: &Path) -> String {
    let assert = tread()
        .args(["list", "--glossary", arg(file)])
        .assert()
        .code(1);
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

#[test]
fn a_broken_glossary_given_explicitly_is_an_error() {
    let dir = folder(&[("bad.toml", b"people = [\"x\"\n")]);
    let file = dir.path().join("bad.toml");
    let err = glossary_error(&file);
    assert!(
        err.starts_with(&format!("tread: {}:1:", file.display())),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_missing_glossary_given_explicitly_says_why_once() {
    let dir = folder(&[]);
    let file = dir.path().join("missing.toml");
    let err = glossary_error(&file);
    let why = std::fs::read(&file).unwrap_err().to_string();
    let line = format!("tread: {}: cannot read: {why}\n", file.display());
    assert_eq!(err, line);
}

#[test]
fn an_explicit_glossary_adds_names() {
    let dir = folder(&[(
        "g.toml",
        b"[organisations]\n\"Mockingbird Programme\" = [\"Mockingbird\"]\n",
    )]);
    let orgs = json(&[
        "--glossary",
        arg(&dir.path().join("g.toml")),
        "facets",
        "--kind",
        "org",
        "--json",
    ]);
    let names: Vec<&str> = orgs["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Mockingbird Programme"), "{names:?}");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let files: Vec<(String, Vec<u8>)> = (0..3000)
        .map(|i| (format!("n{i:04}.txt"), b"A short note.\n".to_vec()))
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let dir = folder(&refs);
    // Text and JSON reach the pipe through different writers; both must notice it closing.
    for json in [false, true] {
        let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("tread"));
        command.env(
            "XDG_CACHE_HOME",
            std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("cache-{}", std::process::id())),
        );
        command.args(["list", arg(dir.path())]);
        if json {
            command.arg("--json");
        }
        let mut child = command
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "json: {json}");
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A listing's excerpt names the document holding its whole thread, and that document's
/// author: read from the pages, or from tread's own JSON of them, where the link is written
/// in the file rather than found by this load.
#[test]
fn an_excerpt_names_its_holders_author_read_back_from_json_too() {
    let exported = stdout(&["export", "--json"]);
    let dir = folder(&[("all.json", exported.as_bytes())]);
    let file = dir.path().join("all.json");
    let header = |text: &str| -> String {
        let line = text.lines().find(|l| l.contains("same thread as"));
        line.expect("a repeated thread").to_string()
    };
    let from_pages = header(&stdout(&["show", "002"]));
    assert!(from_pages.ends_with("same thread as 000_bcd5621f043b7544 Nick Cook"));
    for command in [
        ["show", "002", arg(&file)].as_slice(),
        &["export", "--filter", "kind:listing", arg(&file)],
        &["export", arg(&file)],
    ] {
        let read_back = stdout(&[&["--no-cache"], command].concat());
        assert_eq!(header(&read_back), from_pages, "{command:?}");
    }
}
