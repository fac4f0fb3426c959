//! Inputs other than page text, through the real binary: tread's own JSON read back.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn tread() -> Command {
    let mut cmd = Command::cargo_bin("tread").unwrap();
    cmd.env("NO_COLOR", "1").env_remove("COLUMNS");
    cmd
}

/// Runs tread, expects success, and returns standard output and standard error.
fn run(args: &[&str]) -> (String, String) {
    let output = tread().args(args).assert().success().get_output().clone();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (text(output.stdout), text(output.stderr))
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&run(args).0).unwrap()
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn seed_ids() -> Vec<String> {
    let list = json(&["list", "--json"]);
    let rows = list.as_array().unwrap();
    rows.iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn exported_documents_load_back_as_they_were_shown() {
    let dir = tempfile::tempdir().unwrap();
    let array = dir.path().join("all.json");
    fs::write(&array, run(&["export", "--json"]).0).unwrap();
    let split = dir.path().join("one-each");
    let (_, said) = run(&["export", "--json", "--to", arg(&split)]);
    assert!(said.contains("wrote 5 files to"), "{said}");
    for id in seed_ids() {
        let shown = run(&["show", &id, "--json"]).0;
        assert_eq!(
            run(&["show", &id, "--json", arg(&array)]).0,
            shown,
            "{id} from the array"
        );
        assert_eq!(
            run(&["show", &id, "--json", arg(&split)]).0,
            shown,
            "{id} from its file"
        );
    }
    // Read back, the facets are the same: names, documents and posts (how each
    // organisation was spelt is the corpus's, not a document's, so it is not exported).
    let facets = |args: &[&str]| {
        let mut facets = json(args);
        for entry in facets.as_object_mut().unwrap().values_mut() {
            for value in entry.as_array_mut().unwrap() {
                value.as_object_mut().unwrap().remove("variants");
            }
        }
        facets
    };
    assert_eq!(
        facets(&["facets", "--json", arg(&array)]),
        facets(&["facets", "--json"])
    );
}

#[test]
fn export_as_text_writes_every_document_and_never_overwrites() {
    let (text, _) = run(&["export"]);
    for id in seed_ids() {
        assert!(text.contains(&id), "{id} is in the export");
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run(&["export", "--to", arg(&out)]);
    let first = out.join("000_bcd5621f043b7544.txt");
    let before = fs::read(&first).unwrap();
    assert!(String::from_utf8_lossy(&before).contains("#CareReview"));
    tread()
        .args(["export", "--to", arg(&out)])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("exists; nothing was written"));
    assert_eq!(fs::read(&first).unwrap(), before);
}

/// The first seed as tread's own JSON.
fn seed_document() -> Value {
    json(&["show", "000", "--json"])
}

#[test]
fn a_bad_document_is_named_by_its_place_and_the_rest_load() {
    let good = seed_document();
    let mut bad = good.clone();
    bad["id"] = "broken".into();
    bad["threads"][0]["posts"][1]["text"] = 42.into();
    let mut other = good.clone();
    other["id"] = "other".into();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("docs.json");
    fs::write(&file, serde_json::to_string(&[good, bad, other]).unwrap()).unwrap();
    let (listed, said) = run(&["list", arg(dir.path())]);
    assert_eq!(listed.lines().count(), 2, "{listed}");
    assert!(listed.contains("other"), "{listed}");
    assert!(
        said.contains(
            "docs.json: document 2: threads[0].posts[1].text: invalid type: integer `42`"
        ),
        "{said}"
    );
}

#[test]
fn broken_and_deeply_nested_json_name_the_file_and_the_place() {
    let nested = format!(
        r#"[{{"id": "deep", "kind": "unroll", "threads": {}1{}}}]"#,
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("cut.json"),
        r#"{"kind": "unroll", "threads": ["#,
    )
    .unwrap();
    fs::write(dir.path().join("deep.json"), nested).unwrap();
    fs::write(
        dir.path().join("note.txt"),
        "[Thread] notes on the review\n\nA paragraph.",
    )
    .unwrap();
    let (listed, said) = run(&["list", arg(dir.path())]);
    assert!(
        said.contains("cut.json: not valid JSON: EOF while parsing a list at line 1 column 31"),
        "{said}"
    );
    assert!(
        said.contains("deep.json: not valid JSON: recursion limit exceeded at line 1"),
        "{said}"
    );
    assert!(said.contains("loaded 1 of 3 files; 2 skipped"), "{said}");
    // Page text that opens with a bracket is page text.
    assert!(
        listed.contains("note") && listed.contains("[Thread] notes on the review"),
        "{listed}"
    );
}

#[test]
fn escapes_written_into_json_strings_never_reach_the_output() {
    let mut doc = seed_document();
    doc["title"] = "\u{1b}]0;owned\u{7}Title\u{1b}[2J".into();
    doc["threads"][0]["posts"][0]["text"] = "before\u{1b}[31m red\u{9b}6n after".into();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.json");
    fs::write(&file, serde_json::to_string(&doc).unwrap()).unwrap();
    for args in [["show", "000"], ["export", "--json"]] {
        let (out, _) = run(&[args[0], args[1], arg(&file)]);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{9b}') && !out.contains('\u{7}'),
            "{out:?}"
        );
        assert!(out.contains("Title"), "{out}");
        assert!(
            out.contains("before red6n after") || out.contains("before red after"),
            "{out}"
        );
    }
}
