//! The review out of the terminal UI: `tread review`, `tread export --review` in each
//! format, and `--filter` on what the review says, over a review written as the UI writes
//! it; and the review file's promises under faults (a process killed mid-burst, two
//! processes at once).

use assert_cmd::Command;
use std::path::Path;
use tread::corpus::{PostRef, load};
use tread::review::{Op, Record, anchor_of};

/// A note of two lines, the second Markdown would take for a heading.
const NOTE: &str = "Sets out the \"why\", with a = sign\n## not a heading";

fn tread() -> Command {
    let mut command = Command::cargo_bin("tread").unwrap();
    command.env(
        "XDG_CACHE_HOME",
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("cache-{}", std::process::id())),
    );
    command
        .env("NO_COLOR", "1")
        .env_remove("XDG_CONFIG_HOME")
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("tread-review-tests-no-data"),
        );
    command
}

/// A review of the seeds: post 1 of 000 marked and coded "funding" with a note; post 2
/// coded "funding" and "workforce"; thread 5 post 2 of the listing marked; and a mark on
/// a document that is not there.
fn review_file(dir: &Path) -> std::path::PathBuf {
    let corpus = load::bundled();
    let at = |doc: usize, thread: usize, post: usize| PostRef {
        doc: tread::corpus::DocIndex::new(doc),
        thread,
        post,
    };
    let record = |op, at: PostRef, code: Option<&str>, text: Option<&str>| Record {
        code: code.map(str::to_string),
        text: text.map(str::to_string),
        ..Record::new(op, anchor_of(&corpus, at))
    };
    let mut gone = Record::new(Op::Mark, anchor_of(&corpus, at(0, 0, 0)));
    gone.anchor.doc = "deleted-capture".to_string();
    let records = [
        record(Op::Mark, at(0, 0, 0), None, None),
        record(Op::Code, at(0, 0, 0), Some("funding"), None),
        record(Op::Note, at(0, 0, 0), None, Some(NOTE)),
        record(Op::Code, at(0, 0, 1), Some("funding"), None),
        record(Op::Code, at(0, 0, 1), Some("workforce"), None),
        record(Op::Mark, at(2, 4, 1), None, None),
        record(Op::Read, at(0, 0, 0), None, None),
        gone,
    ];
    let mut text = String::from("{\"tread_review\":1}\n");
    for record in records {
        text += &(record.to_line() + "\n");
    }
    let path = dir.join("review.jsonl");
    std::fs::write(&path, text).unwrap();
    path
}

fn run(args: &[&str]) -> (String, String) {
    let out = tread().args(args).assert().success().get_output().clone();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (text(out.stdout), text(out.stderr))
}

#[test]
fn the_summary_counts_marks_codes_notes_reading_and_orphans() {
    let dir = tempfile::tempdir().unwrap();
    let file = review_file(dir.path());
    let file = file.to_str().unwrap();
    let (text, _) = run(&["--review", file, "review"]);
    assert!(
        text.contains("2 posts marked, 2 coded, 1 with a note"),
        "{text}"
    );
    assert!(text.contains("codes: funding 2 · workforce 1"), "{text}");
    assert!(text.contains("read: 1 of 103 posts"), "{text}");
    assert!(
        text.contains("      1/20    000_bcd5621f043b7544  A personal"),
        "{text}"
    );
    assert!(text.contains("  4 documents not begun"), "{text}");
    assert!(
        text.contains("1 reviewed post no longer found (kept in the review):"),
        "{text}"
    );
    assert!(
        text.contains("deleted-capture post 1: A personal"),
        "{text}"
    );
    let (json, _) = run(&["--review", file, "review", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["marked"], 2);
    assert_eq!(json["documents"][0]["read"], 1);
    assert_eq!(json["orphans"][0]["document"], "deleted-capture");
}

#[test]
fn the_export_in_csv_reads_back_as_a_spreadsheet_would() {
    let dir = tempfile::tempdir().unwrap();
    let file = review_file(dir.path());
    let args = [
        "--review",
        file.to_str().unwrap(),
        "export",
        "--review",
        "--format",
        "csv",
    ];
    let (text, warning) = run(&args);
    assert!(
        warning.contains("1 post reviewed no longer found"),
        "{warning}"
    );
    let bytes = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for spreadsheets");
    let mut reader = csv::Reader::from_reader(bytes.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "group");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // By code: funding (two posts), workforce (one), then the uncoded mark.
    let groups: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(groups, ["funding", "funding", "workforce", "(no code)"]);
    let first = &rows[0];
    assert_eq!(&first[1], "000_bcd5621f043b7544");
    assert_eq!(&first[3], "Nick Cook");
    assert_eq!(&first[6], "1/", "the label as written");
    assert_eq!(&first[8], "yes");
    assert_eq!(&first[9], "funding");
    assert_eq!(&first[10], NOTE, "quotes and lines survive");
    assert!(first[11].starts_with("A personal 🧵"), "UTF-8 survives");
    assert_eq!(&rows[3][5], "5:2");
    // Only one code.
    let mut only = args.to_vec();
    only.extend(["--code", "workforce"]);
    let (text, _) = run(&only);
    assert_eq!(text.lines().count(), 2, "{text}");
}

#[test]
fn the_export_in_markdown_and_json_cites_every_post() {
    let dir = tempfile::tempdir().unwrap();
    let file = review_file(dir.path());
    let file = file.to_str().unwrap();
    let (md, _) = run(&["--review", file, "export", "--review"]);
    assert!(
        md.starts_with("# Review: 3 posts\n\n## `funding` (2 posts)\n\n> A personal"),
        "{md}"
    );
    assert!(
        md.contains("— Nick Cook, May 23, post 1/20, `000_bcd5621f043b7544` (`--post 1`)"),
        "{md}"
    );
    assert!(md.contains("*marked · codes: `funding`*"), "{md}");
    // A note's line that Markdown would take for a heading is written as text.
    assert!(
        md.contains("Note: Sets out the \"why\", with a = sign  \n\\## not a heading\n"),
        "{md}"
    );
    let (md, _) = run(&["--review", file, "export", "--review", "--by", "document"]);
    assert!(md.contains("\n## A personal"), "{md}");
    let (json, _) = run(&["--review", file, "export", "--review", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 4);
    assert_eq!(
        rows[1]["codes"],
        serde_json::json!(["funding", "workforce"])
    );
    let error = tread()
        .args(["--review", file, "export", "--review", "--code", "housing"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let error = String::from_utf8(error).unwrap();
    assert!(
        error.contains("the codes are funding, workforce"),
        "{error}"
    );
}

#[test]
fn list_and_search_filter_on_what_the_review_says() {
    let dir = tempfile::tempdir().unwrap();
    let file = review_file(dir.path());
    let file = file.to_str().unwrap();
    let (list, _) = run(&["--review", file, "list", "--filter", "review:marked"]);
    let ids: Vec<&str> = list.lines().map(|l| &l[..3]).collect();
    assert_eq!(ids, ["000", "002"], "{list}");
    let (hits, _) = run(&[
        "--review",
        file,
        "search",
        "the",
        "--filter",
        "code:workforce",
    ]);
    assert_eq!(hits.lines().count(), 1, "{hits}");
    let (list, _) = run(&["--review", file, "list", "--filter", "not:review:unread"]);
    assert!(
        list.starts_with("000") && list.lines().count() == 1,
        "{list}"
    );
}

#[test]
fn the_export_filtered_on_the_review_reads_it_once_and_warns_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = review_file(dir.path());
    let mut text = std::fs::read_to_string(&file).unwrap();
    text += "{\"op\":\"zap\"}\n";
    std::fs::write(&file, text).unwrap();
    let file = file.to_str().unwrap();
    let args = [
        "--review",
        file,
        "export",
        "--review",
        "--filter",
        "review:marked",
    ];
    let (export, warnings) = run(&args);
    let bad_line = warnings
        .lines()
        .filter(|l| l.contains("not a review record"));
    assert_eq!(bad_line.count(), 1, "{warnings}");
    // The marked posts, not the coded one the filter leaves out.
    assert!(export.contains("000_bcd5621f043b7544"), "{export}");
    assert!(!export.contains("workforce"), "{export}");
}

#[test]
fn a_file_that_is_not_a_review_stops_the_ui_before_it_starts_and_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.md");
    std::fs::write(&notes, "# my notes\n").unwrap();
    let out = tread()
        .args(["--review", notes.to_str().unwrap()])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let error = String::from_utf8(out).unwrap();
    assert!(error.contains("notes.md: not a tread review"), "{error}");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "# my notes\n");
}
