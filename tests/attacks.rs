//! Regression tests from an attack on tread with hand-made hostile inputs: escape sequences
//! and forged lines from every file a user hands it, inputs that hang or explode, and posts or
//! files lost without a word. Every input is built here.

use assert_cmd::Command;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

/// The binary with colour off and no user configuration.
fn tread(config: &Path) -> Command {
    let mut command = Command::cargo_bin("tread").unwrap();
    command.env(
        "XDG_CACHE_HOME",
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("cache-{}", std::process::id())),
    );
    command
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", config)
        .timeout(Duration::from_secs(60));
    command
}

/// What a run printed, as text, with its exit code.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(command: &mut Command) -> Run {
    let out = command.output().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Characters that must never be printed raw: controls but the line feed, and the
/// invisible characters that forge or hide (line separators, zero-width, direction marks).
fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{61c}' | '\u{e0000}'..='\u{e007f}')
}

fn assert_clean(run: &Run) {
    for c in run.stdout.chars().chain(run.stderr.chars()) {
        assert!(
            !forbidden(c),
            "{c:?} reached the output:\n{}\n{}",
            run.stdout,
            run.stderr
        );
    }
}

const OSC52: &str = "\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}";

/// A folder with a thread naming the Department for Education and a glossary whose name,
/// alias and unknown key carry escape sequences and line breaks.
fn poisoned_glossary() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("thread.txt"),
        "The Department for Education answered the review. 1/\n\nThe DfE will fund it. 2/\n",
    )
    .unwrap();
    let escape = |s: &str| s.replace('\u{1b}', "\\u001b").replace('\u{7}', "\\u0007");
    let glossary = format!(
        "\"{}\u{2028}bad\" = 1\n[organisations]\n\"{}Department for Education\" = [\"DfE\", \"Df\\nE2\"]\n",
        escape(OSC52),
        escape(OSC52)
    );
    fs::write(dir.path().join("organisations.toml"), glossary).unwrap();
    dir
}

#[test]
fn escape_sequences_in_a_glossary_never_reach_the_terminal() {
    let dir = poisoned_glossary();
    let config = tempfile::tempdir().unwrap();
    // The unknown key makes the whole glossary a warning, named in every command.
    for args in [
        vec!["list"],
        vec!["show", "thread"],
        vec!["export"],
        vec!["facets", "--kind", "org"],
        vec!["search", "review"],
    ] {
        let out = run(tread(config.path()).args(&args).arg(dir.path()));
        assert_eq!(out.code, Some(0), "{args:?}: {}", out.stderr);
        assert_clean(&out);
        assert!(
            out.stderr.contains("unknown field `\\u{1b}]52;c;"),
            "{args:?}: {}",
            out.stderr
        );
    }
    // Without the unknown key the glossary is used: its names are shown without the escape.
    let text = fs::read_to_string(dir.path().join("organisations.toml")).unwrap();
    let used = text.lines().skip(1).collect::<Vec<_>>().join("\n");
    fs::write(dir.path().join("organisations.toml"), used).unwrap();
    for args in [
        vec!["show", "thread"],
        vec!["export"],
        vec!["facets", "--kind", "org"],
        vec!["show", "--json", "thread"],
    ] {
        let out = run(tread(config.path()).args(&args).arg(dir.path()));
        assert_eq!(out.code, Some(0), "{args:?}: {}", out.stderr);
        assert_clean(&out);
        assert!(
            out.stdout.contains("Department for Education"),
            "{args:?}: {}",
            out.stdout
        );
        assert!(!out.stdout.contains("52;c;"), "{args:?}: {}", out.stdout);
    }
    // The filter the UI would open with, refused before any terminal is needed.
    let out = run(tread(config.path())
        .args(["--filter", "org:", "--open", "nothing"])
        .arg(dir.path()));
    assert_clean(&out);
    // An explicit glossary is read the same way.
    let out = run(tread(config.path())
        .arg("--glossary")
        .arg(dir.path().join("organisations.toml"))
        .args(["facets", "--kind", "org"])
        .arg(dir.path()));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_clean(&out);
    assert!(
        out.stdout.contains("Department for Education"),
        "{}",
        out.stdout
    );
}

#[test]
fn line_breaks_in_ids_authors_dates_and_titles_cannot_forge_lines() {
    let dir = tempfile::tempdir().unwrap();
    let document = serde_json::json!([{
        "id": "a\ntread: warning: forged",
        "kind": "unroll",
        "title": "title\u{2028}second\u{200b}line",
        "author": {"name": "Nick\nCook", "handle": "nick\u{202e}cook"},
        "date": "May\r\n23",
        "threads": [{"author": null, "declared_count": null, "same_thread_as": null,
            "posts": [{"label": "1/\n2", "number": 1, "total": null, "text": "A post.",
                "hashtags": ["tag\nforged"], "mentions": [], "urls": [], "organisations": ["Org\u{200d}X"]}]}],
        "warnings": ["odd\ntread: warning: forged too"]
    }, 7]);
    fs::write(dir.path().join("docs.json"), document.to_string()).unwrap();
    let config = tempfile::tempdir().unwrap();
    for args in [
        vec!["list"],
        vec!["show", "a"],
        vec!["facets"],
        vec!["export"],
    ] {
        let out = run(tread(config.path()).args(&args).arg(dir.path()));
        assert_eq!(out.code, Some(0), "{args:?}: {}", out.stderr);
        assert_clean(&out);
        let forged = |text: &str| {
            text.lines()
                .any(|l| l.starts_with("tread: warning: forged"))
        };
        assert!(!forged(&out.stdout) && !forged(&out.stderr), "{args:?}");
    }
    let out = run(tread(config.path()).arg("list").arg(dir.path()));
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
    assert!(
        out.stdout.contains("a\\ntread: warning: forged"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Nick\\nCook"), "{}", out.stdout);
    // The element that is not a document is named, on one line.
    assert!(out.stderr.contains("document 2: "), "{}", out.stderr);
    let warnings = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("tread: warning:"));
    assert_eq!(warnings.count(), 1, "{}", out.stderr);
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

#[cfg(unix)]
#[test]
fn pipes_where_an_archive_or_a_glossary_is_expected_never_block() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    fs::write(data.join("manifest.js"), "window.__THAR_CONFIG = {}").unwrap();
    mkfifo(&data.join("tweets.js"));
    mkfifo(&data.join("tweets-part1.js"));
    fs::write(
        data.join("tweets-part2.js"),
        r#"window.YTD.tweets.part2 = [{"tweet": {"id_str": "1", "full_text": "kept", "created_at": "Mon May 23 08:00:00 +0000 2022"}}]"#,
    )
    .unwrap();
    let glossary = dir.path().join("glossary.toml");
    mkfifo(&glossary);
    let config = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let out = run(tread(config.path()).arg("list").arg(dir.path()));
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_clean(&out);
    assert!(
        out.stderr
            .contains("tweets.js: skipped: not a regular file"),
        "{}",
        out.stderr
    );
    let out = run(tread(config.path())
        .arg("--glossary")
        .arg(&glossary)
        .arg("list")
        .arg(dir.path()));
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr.contains("glossary.toml: not a regular file"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_huge_sparse_glossary_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("note.txt"),
        "A note about the Care Review.\n",
    )
    .unwrap();
    let glossary = fs::File::create(dir.path().join("organisations.toml")).unwrap();
    glossary.set_len(1 << 30).unwrap();
    let config = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let out = run(tread(config.path()).arg("list").arg(dir.path()));
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("organisations.toml: glossary ignored: larger than 8 MB"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("note"));
}

/// The organisations `tread facets --json DIR` finds, reading every file (the timing tests
/// run it three times: from the cache they would time only the cache); it must finish
/// within 30 seconds.
fn organisations_found(dir: &Path) -> Vec<String> {
    let config = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let args = ["--no-cache", "facets", "--json"];
    let out = run(tread(config.path()).args(args).arg(dir));
    assert!(started.elapsed() < Duration::from_secs(30));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let facets: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let names = facets["organisations"].as_array().unwrap().iter();
    names
        .map(|o| o["name"].as_str().unwrap().to_string())
        .collect()
}

/// The seconds (the quickest of three runs) `tread facets` takes to find a glossary name of
/// `n` `syllable`s and an "a", in a note that repeats the syllable twice as often and then
/// writes the name once as a word.
fn time_to_find_a_repetitive_name(syllable: &str, n: usize) -> f64 {
    let name = format!("{}a", syllable.repeat(n));
    let dir = tempfile::tempdir().unwrap();
    let note = format!("{}\n\nThe {name} answered.\n", syllable.repeat(2 * n));
    fs::write(dir.path().join("note.txt"), note).unwrap();
    let glossary = format!("[organisations]\n\"{name}\" = []\n");
    fs::write(dir.path().join("organisations.toml"), glossary).unwrap();
    quickest_of_three(|| {
        assert_eq!(organisations_found(dir.path()), [name.as_str()]);
    })
}

#[test]
fn a_long_repetitive_glossary_name_is_found_in_linear_time() {
    // Each place a syllable starts begins the name but does not finish it as a word: a
    // search that starts again after each such place reads the name's length each time,
    // and building a DFA of it took seconds, both growing with the square.
    let took = [2_000, 4_000].map(|n| time_to_find_a_repetitive_name("ab-", n));
    // Twice the name and text, at most about twice the time (a margin for a busy machine).
    assert!(took[1] < took[0] * 3.0 + 0.5, "{took:?}");
}

#[test]
fn names_that_end_one_another_are_found_in_linear_time() {
    // n glossary names, each the one before and a syllable more, and a note of 300 n
    // syllables: every place in the note ends all the names at once. Collecting every name
    // that ends at each place took 2.4 s and 544 MB for 300 names and a note of 300 KB,
    // growing with the names times the note.
    let mut took = Vec::new();
    for n in [150, 300] {
        let names: Vec<String> = (0..n).map(|i| format!("ab{}", "-ab".repeat(i))).collect();
        let longest = names.last().unwrap().clone();
        let glossary: String = names.iter().map(|n| format!("\"{n}\" = []\n")).collect();
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("note.txt"), "ab-".repeat(300 * n)).unwrap();
        let toml = format!("[organisations]\n{glossary}");
        fs::write(dir.path().join("organisations.toml"), toml).unwrap();
        took.push(quickest_of_three(|| {
            // The longest, over and over; then what the note's end leaves of it.
            let found = organisations_found(dir.path());
            assert!(
                found.contains(&longest) && found.len() <= 2,
                "{}",
                found.len()
            );
        }));
    }
    // Twice the names and the note, at most about twice the time (a margin for a busy
    // machine).
    assert!(took[1] < took[0] * 3.0 + 0.5, "{took:?}");
}

#[test]
fn a_long_repetitive_capitalised_name_is_found_in_linear_time() {
    // Names that all start with a capital are looked for only where a capital starts a
    // word, each look reading as far as a name goes on matching: here, at every syllable,
    // the name's length. Past a bounded length the text is read in one pass instead.
    let took = [20_000, 40_000].map(|n| time_to_find_a_repetitive_name("Ab-", n));
    // Twice the name and text, at most about twice the time (a margin for a busy machine).
    assert!(took[1] < took[0] * 3.0 + 0.5, "{took:?}");
}

/// An X archive's `tweets.js` of the given posts: (id, replying to, text).
fn x_archive(posts: &[(String, Option<String>, String)]) -> String {
    let items: Vec<serde_json::Value> = posts
        .iter()
        .enumerate()
        .map(|(i, (id, to, text))| {
            serde_json::json!({"tweet": {
                "id_str": id,
                "full_text": text,
                "created_at": format!("Mon May 23 08:{:02}:{:02} +0000 2022", i / 60 % 60, i % 60),
                "in_reply_to_status_id_str": to,
                "in_reply_to_screen_name": to.as_ref().map(|_| "owner"),
            }})
        })
        .collect();
    format!(
        "window.YTD.tweets.part0 = {}",
        serde_json::to_string(&items).unwrap()
    )
}

/// A Mastodon outbox of the given posts: (id, replying to, text).
fn outbox(posts: &[(String, Option<String>, String)]) -> String {
    let base = "https://example.social/users/me/statuses/";
    let items: Vec<serde_json::Value> = posts
        .iter()
        .enumerate()
        .map(|(i, (id, to, text))| {
            let published = format!("2022-05-23T08:{:02}:{:02}Z", i / 60 % 60, i % 60);
            serde_json::json!({
                "id": format!("{base}{id}/activity"), "type": "Create", "published": published,
                "actor": "https://example.social/users/me",
                "object": {"id": format!("{base}{id}"), "type": "Note", "published": published,
                    "inReplyTo": to.as_ref().map(|t| format!("{base}{t}")),
                    "attributedTo": "https://example.social/users/me",
                    "content": format!("<p>{text}</p>")}
            })
        })
        .collect();
    serde_json::json!({"@context": "https://www.w3.org/ns/activitystreams",
        "type": "OrderedCollection", "orderedItems": items})
    .to_string()
}

fn post(id: usize, to: Option<usize>, text: &str) -> (String, Option<String>, String) {
    (id.to_string(), to.map(|t| t.to_string()), text.to_string())
}

/// Every post text of `tread export --json DIR`, and the documents' warnings.
fn exported(dir: &Path) -> (Vec<String>, Vec<String>) {
    let config = tempfile::tempdir().unwrap();
    let out = run(tread(config.path()).args(["export", "--json"]).arg(dir));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let documents: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let mut texts = Vec::new();
    let mut warnings = Vec::new();
    for document in documents.as_array().unwrap() {
        for thread in document["threads"].as_array().unwrap() {
            for post in thread["posts"].as_array().unwrap() {
                texts.push(post["text"].as_str().unwrap().to_string());
            }
        }
        for warning in document["warnings"].as_array().unwrap() {
            warnings.push(warning.as_str().unwrap().to_string());
        }
    }
    (texts, warnings)
}

#[test]
fn reply_circles_and_self_replies_keep_every_post_of_an_export() {
    // 1 on its own; 2 answers 3 and 3 answers 2; 4 answers itself; 5 → 6 → 7 → 5.
    let posts = [
        post(1, None, "alone"),
        post(2, Some(3), "two"),
        post(3, Some(2), "three"),
        post(4, Some(4), "four"),
        post(5, Some(7), "five"),
        post(6, Some(5), "six"),
        post(7, Some(6), "seven"),
    ];
    for (name, text) in [
        ("tweets.js", x_archive(&posts)),
        ("outbox.json", outbox(&posts)),
    ] {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(name), text).unwrap();
        let (mut texts, warnings) = exported(dir.path());
        texts.sort();
        assert_eq!(
            texts,
            ["alone", "five", "four", "seven", "six", "three", "two"],
            "{name}"
        );
        let circles = warnings
            .iter()
            .filter(|w| w.contains("the circle of replies is cut"));
        assert_eq!(circles.count(), 3, "{name}: {warnings:?}");
    }
}

/// A chain of `n` self-replies, each also answered by a leaf self-reply: a comb.
fn comb(n: usize) -> Vec<(String, Option<String>, String)> {
    let mut posts = Vec::new();
    for i in 0..n {
        posts.push(post(
            2 * i,
            i.checked_sub(1).map(|p| 2 * p),
            &format!("spine {i}"),
        ));
        posts.push(post(2 * i + 1, Some(2 * i), &format!("leaf {i}")));
    }
    posts
}

#[test]
fn a_comb_of_self_replies_grows_its_export_linearly() {
    let mut sizes = Vec::new();
    for n in [1_000, 2_000] {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("tweets.js"), x_archive(&comb(n))).unwrap();
        let started = Instant::now();
        let (texts, warnings) = exported(dir.path());
        assert!(started.elapsed() < Duration::from_secs(20), "{n}");
        let mut distinct = texts.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 2 * n, "every post is kept");
        assert!(texts.len() <= 4 * 2 * n + 256, "{n}: {} posts", texts.len());
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("branches start where they fork")),
            "{warnings:?}"
        );
        sizes.push(texts.len());
    }
    assert!(sizes[1] <= sizes[0] * 5 / 2, "{sizes:?}");
}

/// The seconds the quickest of three runs of `work` took: a busy machine slows some runs,
/// never speeds one up, so the quickest is the least disturbed.
fn quickest_of_three(work: impl Fn()) -> f64 {
    (0..3)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed().as_secs_f64()
        })
        .fold(f64::MAX, f64::min)
}

/// `tread list DIR`, reading every file (as [`organisations_found`]), which must finish
/// within `seconds`; what it printed.
fn listed_within(dir: &Path, seconds: u64) -> Run {
    let config = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let out = run(tread(config.path()).args(["--no-cache", "list"]).arg(dir));
    let took = started.elapsed();
    assert!(took < Duration::from_secs(seconds), "took {took:?}");
    assert_clean(&out);
    out
}

#[test]
fn html_that_makes_the_parser_work_quadratically_is_named_and_bounded() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.txt"), "A good note.\n").unwrap();
    let stray: String = (0..4_000).map(|i| format!("<p><b id={i}></x>")).collect();
    fs::write(
        dir.path().join("stray.html"),
        format!("<!doctype html><html><body>{stray}</body></html>"),
    )
    .unwrap();
    let self_closed = "<div/>".repeat(100_000);
    fs::write(
        dir.path().join("divs.html"),
        format!("<!doctype html><html><body>{self_closed}</body></html>"),
    )
    .unwrap();
    let notes: Vec<(String, Option<String>, String)> =
        (0..2).map(|i| post(i, None, &stray[..64 * 1024])).collect();
    fs::write(dir.path().join("outbox.json"), outbox(&notes)).unwrap();
    let out = listed_within(dir.path(), 10);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    for named in [
        "stray.html: ",
        "divs.html: ",
        "outbox.json: orderedItems[1]",
    ] {
        assert!(out.stderr.contains(named), "{named}: {}", out.stderr);
    }
}

#[test]
fn a_long_mastodon_note_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!("{} the very end", "word ".repeat(139 * 1024 / 5));
    fs::write(
        dir.path().join("outbox.json"),
        outbox(&[post(1, None, &long)]),
    )
    .unwrap();
    let (texts, _) = exported(dir.path());
    assert!(texts[0].ends_with("the very end"), "{}", texts[0].len());
}

/// A Bluesky thread: a root post by `root` and a reply to it by each of `replies`, whose
/// facets are `facets` (for the root).
fn bluesky(replies: usize, facets: serde_json::Value) -> String {
    let view = |handle: String, text: &str, facets: serde_json::Value| {
        serde_json::json!({"post": {
            "uri": format!("at://did:plc:{handle}/app.bsky.feed.post/{handle}"),
            "author": {"handle": format!("{handle}.bsky.social")},
            "record": {"text": text, "createdAt": "2024-01-01T10:00:00.000Z", "facets": facets}
        }, "replies": []})
    };
    let mut root = view(
        "root".to_string(),
        "A thread #tag on the care review",
        facets,
    );
    root["replies"] = (0..replies)
        .map(|i| view(format!("r{i}"), "a reply", serde_json::json!([])))
        .collect();
    serde_json::json!({"thread": root}).to_string()
}

#[test]
fn a_bluesky_facet_with_impossible_offsets_loses_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    let facets = serde_json::json!([
        {"index": {"byteStart": -1, "byteEnd": 4}, "features": []},
        {"index": {"byteStart": 1.5, "byteEnd": 4}, "features": []},
        {"index": {"byteStart": 9, "byteEnd": 13},
         "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "tag"}]}
    ]);
    fs::write(dir.path().join("thread.json"), bluesky(1, facets)).unwrap();
    let out = listed_within(dir.path(), 10);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr.contains("bytes -1..4 do not fit"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("bytes 1.5..4 do not fit"),
        "{}",
        out.stderr
    );
    let (texts, warnings) = exported(dir.path());
    assert_eq!(texts, ["A thread #tag on the care review", "a reply"]);
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn a_bluesky_thread_with_many_repliers_loads_in_linear_time() {
    let mut took = Vec::new();
    for replies in [20_000, 40_000] {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("thread.json"),
            bluesky(replies, serde_json::json!([])),
        )
        .unwrap();
        took.push(quickest_of_three(|| {
            let out = listed_within(dir.path(), 30);
            assert_eq!(out.code, Some(0), "{}", out.stderr);
            let posts = format!("{}", replies + 1);
            assert!(out.stdout.contains(&posts), "{}", out.stdout);
        }));
    }
    // Twice the replies, at most about twice the time (a margin for a busy machine).
    assert!(took[1] < took[0] * 3.0 + 0.5, "{took:?}");
}

/// The ids `tread list --json DIR` gives.
fn listed_ids(dir: &Path) -> Vec<String> {
    let config = tempfile::tempdir().unwrap();
    let out = run(tread(config.path()).args(["list", "--json"]).arg(dir));
    let rows: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap().iter();
    rows.map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn ids_are_unique_whatever_the_file_names() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [("a.md", "first"), ("a.txt", "second"), ("a~2.txt", "third")] {
        fs::write(dir.path().join(name), format!("The {text} note.\n")).unwrap();
    }
    let mut ids = listed_ids(dir.path());
    assert_eq!(ids.len(), 3);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3, "{ids:?}");
    // Each id opens its own document.
    let config = tempfile::tempdir().unwrap();
    let mut texts = Vec::new();
    for id in &ids {
        let out = run(tread(config.path())
            .args(["show", "--json", id])
            .arg(dir.path()));
        assert_eq!(out.code, Some(0), "{id}: {}", out.stderr);
        let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(doc["id"], id.as_str());
        texts.push(
            doc["threads"][0]["posts"][0]["text"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    texts.sort();
    assert_eq!(
        texts,
        ["The first note.", "The second note.", "The third note."]
    );
}

#[test]
fn export_to_a_folder_writes_every_document_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(300);
    let docs: Vec<serde_json::Value> = ["p/q", "p_q", "P_Q", long.as_str(), ".hidden", "a~2"]
        .iter()
        .map(|id| {
            serde_json::json!({"id": id, "kind": "plain", "title": null, "author": null,
                "date": null, "threads": [{"author": null, "declared_count": null,
                "same_thread_as": null, "posts": [{"label": null, "number": null,
                "total": null, "text": format!("Document {id}.")}]}]})
        })
        .collect();
    fs::write(
        dir.path().join("all.json"),
        serde_json::to_string(&docs).unwrap(),
    )
    .unwrap();
    let config = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let to = out_dir.path().join("out");
    for json in [false, true] {
        let _ = fs::remove_dir_all(&to);
        let mut command = tread(config.path());
        command.arg("export").arg("--to").arg(&to).arg(dir.path());
        if json {
            command.arg("--json");
        }
        let out = run(&mut command);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        assert_clean(&out);
        let written = fs::read_dir(&to).unwrap().count();
        assert_eq!(written, docs.len(), "{}", out.stderr);
        assert!(out.stderr.contains("p_q is written as"), "{}", out.stderr);
    }
    // Read back, the JSON files give every document under its own id.
    let mut ids = listed_ids(&to);
    ids.sort();
    let mut expected = vec!["p/q", "p_q", "P_Q", long.as_str(), ".hidden", "a~2"];
    expected.sort();
    assert_eq!(ids, expected);
    // A name already there stops the export before anything is written.
    let _ = fs::remove_dir_all(&to);
    fs::create_dir(&to).unwrap();
    fs::write(to.join("p_q~2.json"), "mine").unwrap();
    let out = run(tread(config.path())
        .args(["export", "--json", "--to"])
        .arg(&to)
        .arg(dir.path()));
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains("exists; nothing was written"),
        "{}",
        out.stderr
    );
    assert_eq!(fs::read_dir(&to).unwrap().count(), 1);
    assert_eq!(fs::read_to_string(to.join("p_q~2.json")).unwrap(), "mine");
}

#[test]
fn deeply_nested_folders_are_walked_in_linear_time() {
    let mut took = Vec::new();
    for depth in [250, 500] {
        let dir = tempfile::tempdir().unwrap();
        let mut at = dir.path().to_path_buf();
        for _ in 0..depth {
            at.push("d");
        }
        fs::create_dir_all(&at).unwrap();
        fs::write(at.join("deep.txt"), "A note at the bottom.\n").unwrap();
        took.push(quickest_of_three(|| {
            let out = listed_within(dir.path(), 20);
            assert_eq!(out.code, Some(0), "{}", out.stderr);
            assert!(out.stdout.contains("deep"), "{}", out.stdout);
        }));
    }
    // Twice the depth: the paths are twice as long, so about four times the work at most.
    assert!(took[1] < took[0] * 5.0 + 0.5, "{took:?}");
}

#[test]
fn files_beside_an_export_are_read_as_well() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("thread.txt"),
        "A thread saved by hand. 1/\n\nIts end. 2/\n",
    )
    .unwrap();
    fs::write(dir.path().join("manifest.js"), "window.__THAR_CONFIG = {}").unwrap();
    fs::write(
        dir.path().join("tweets.js"),
        x_archive(&[post(1, None, "from the archive")]),
    )
    .unwrap();
    fs::write(dir.path().join("like.js"), "window.YTD.like.part0 = []").unwrap();
    let out = listed_within(dir.path(), 10);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("thread "), "{}", out.stdout);
    assert!(out.stdout.contains("from the archive"), "{}", out.stdout);
    // The same beside a Mastodon export.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("thread.txt"),
        "A thread saved by hand. 1/\n\nIts end. 2/\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("outbox.json"),
        outbox(&[post(1, None, "a toot")]),
    )
    .unwrap();
    fs::write(
        dir.path().join("actor.json"),
        r#"{"@context": "https://www.w3.org/ns/activitystreams", "type": "Person"}"#,
    )
    .unwrap();
    fs::write(dir.path().join("avatar.png"), b"\x89PNG\x00\x00").unwrap();
    let out = listed_within(dir.path(), 10);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("thread "), "{}", out.stdout);
    assert!(out.stdout.contains("a toot"), "{}", out.stdout);
    assert!(!out.stderr.contains("avatar"), "{}", out.stderr);
}

#[test]
fn deep_nesting_inside_an_export_names_the_part_and_loads_the_rest() {
    let deep = format!("{}1{}", "[".repeat(5_000), "]".repeat(5_000));
    let dir = tempfile::tempdir().unwrap();
    let mut archive = x_archive(&[post(1, None, "kept in the archive")]);
    archive.insert_str(archive.len() - 1, &format!(", {deep}"));
    fs::write(dir.path().join("tweets.js"), archive).unwrap();
    let mut toots = outbox(&[post(1, None, "kept in the outbox")]);
    let end = toots.rfind(']').unwrap();
    toots.insert_str(end, &format!(", {deep}"));
    fs::write(dir.path().join("outbox.json"), toots).unwrap();
    fs::write(
        dir.path().join("thread.json"),
        format!(r#"{{"thread": {{"post": {deep}}}}}"#),
    )
    .unwrap();
    fs::write(
        dir.path().join("docs.json"),
        format!(r#"[{{"id": "x", "kind": "plain", "threads": []}}, null, {deep}]"#),
    )
    .unwrap();
    let out = listed_within(dir.path(), 20);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    for named in [
        "tweets.js: post 2: recursion limit exceeded",
        "outbox.json: orderedItems[1]: recursion limit exceeded",
        "thread.json: not valid JSON: recursion limit exceeded",
        "docs.json: document 2: invalid type: null",
        "docs.json: document 3: [0]: invalid type: sequence",
    ] {
        assert!(out.stderr.contains(named), "{named}: {}", out.stderr);
    }
    assert!(out.stdout.contains("kept in the archive"), "{}", out.stdout);
    assert!(out.stdout.contains("kept in the outbox"), "{}", out.stdout);
}

#[test]
fn an_export_larger_than_a_page_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = x_archive(&[post(1, None, "a post in a large archive")]);
    // Past the 64 MB a saved page may have: the padding is JSON white space.
    let padding = " ".repeat(65 * 1024 * 1024);
    archive.insert_str(archive.len() - 1, &padding);
    fs::write(dir.path().join("tweets.js"), archive).unwrap();
    fs::write(dir.path().join("page.txt"), " ".repeat(65 * 1024 * 1024)).unwrap();
    let out = listed_within(dir.path(), 60);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout.contains("a post in a large archive"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr
            .contains("page.txt: skipped: larger than 64 MB, too large for a saved page"),
        "{}",
        out.stderr
    );
}

/// Text a hostile file may hold: printable words among escape sequences, controls, line
/// breaks and invisible format characters.
fn hostile_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        Just("Department for Education".to_string()),
        Just("\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}".to_string()),
        Just("\u{1b}[2J\u{1b}[H".to_string()),
        Just("\u{9b}31m".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\u{2028}".to_string()),
        Just("\u{200b}\u{200e}\u{202e}\u{2066}\u{61c}\u{feff}".to_string()),
        Just("\u{e0041}".to_string()),
        Just("tread: warning: forged".to_string()),
        "[a-z ]{1,6}",
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 1..6).prop_map(|pieces| pieces.concat())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Whatever a glossary, a file's name or any field of a tread document holds, no
    /// command prints a control or an invisible character, nor a line it did not make.
    #[test]
    fn nothing_from_a_users_files_reaches_an_output_unescaped(
        name in hostile_text(),
        key in hostile_text(),
        alias in hostile_text(),
        fields in proptest::collection::vec(hostile_text(), 8),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let file_name: String = name.chars().filter(|c| *c != '/' && *c != '\0').collect();
        let file_name = format!("x{}.txt", file_name.chars().take(40).collect::<String>());
        fs::write(dir.path().join(&file_name), format!("{key} said {alias}. 1/\n\nMore. 2/\n")).unwrap();
        let toml = |s: &str| serde_json::to_string(s).unwrap();
        fs::write(
            dir.path().join("organisations.toml"),
            format!("people = [{}]\n[organisations]\n{} = [{}]\n", toml(&fields[7]), toml(&key), toml(&alias)),
        )
        .unwrap();
        let document = serde_json::json!([{
            "id": fields[0], "kind": "unroll", "title": fields[1],
            "author": {"name": fields[2], "handle": fields[3]}, "date": fields[4],
            "threads": [{"author": null, "declared_count": null, "same_thread_as": fields[5],
                "title": fields[6], "posts": [{"label": fields[1], "number": 1, "total": null,
                "text": fields[2], "hashtags": [fields[3]], "mentions": [fields[4]],
                "urls": [fields[5]], "organisations": [fields[6]]}]}],
            "warnings": [fields[7]]
        }, {"id": fields[1], "kind": "plain", "threads": "not threads"}]);
        fs::write(dir.path().join("docs.json"), document.to_string()).unwrap();
        let config = tempfile::tempdir().unwrap();
        for args in [
            vec!["list"],
            vec!["export"],
            vec!["facets"],
            vec!["search", "said"],
            vec!["list", "--json"],
        ] {
            let out = run(tread(config.path()).args(&args).arg(dir.path()));
            proptest::prop_assert!(out.code == Some(0) || out.code == Some(1), "{args:?}: {}", out.stderr);
            // Post text keeps its own lines and characters in the text export; everything
            // else is made of fields shown on one line.
            let text_export = args == ["export"];
            let shown = |c: char| match text_export {
                true => c.is_control() && c != '\n',
                false => forbidden(c),
            };
            for c in out.stdout.chars().filter(|&c| shown(c)).chain(out.stderr.chars().filter(|&c| forbidden(c))) {
                proptest::prop_assert!(false, "{args:?}: {c:?} in\n{}\n{}", out.stdout, out.stderr);
            }
            // On stdout a row may open with an id of any words; a warning line is tread's own.
            let forged = out.stderr.lines().any(|l| l.starts_with("tread: warning: forged"));
            proptest::prop_assert!(!forged, "{args:?}: {}", out.stderr);
        }
    }
}

#[test]
fn possessive_owners_on_every_line_are_judged_in_linear_time() {
    // A note that writes a company's possessive before what companies have, again and
    // again: asking of each owner whether the text writes it as a surname used to read the
    // whole text each time (10,000 lines: 8.2 s; 20,000: 33.4 s).
    let mut took = Vec::new();
    for n in [20_000, 40_000] {
        let dir = tempfile::tempdir().unwrap();
        let note = "Quillon's engineers met. ".repeat(n);
        fs::write(dir.path().join("note.txt"), note).unwrap();
        took.push(quickest_of_three(|| {
            assert_eq!(organisations_found(dir.path()), ["Quillon"]);
        }));
    }
    // Twice the text, at most about twice the time (a margin for a busy machine).
    assert!(took[1] < took[0] * 3.0 + 0.5, "{took:?}");
}

#[test]
fn a_post_with_thousands_of_entities_not_in_its_text_is_read_in_linear_time() {
    // tread's JSON is packed as it is read, each entity written as its place in the post's
    // text when the text holds it: looking for each one in megabytes of letters took the
    // text's length times the entities.
    let mut took = Vec::new();
    let mut seed = 0x9e37_79b9_u32;
    let mut letter = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        char::from(b'a' + (seed % 26) as u8)
    };
    for n in [5_000, 15_000] {
        let dir = tempfile::tempdir().unwrap();
        let tags: Vec<String> = (0..n)
            .map(|_| format!("\"{}\"", (0..8).map(|_| letter()).collect::<String>()))
            .collect();
        let text: String = (0..n * 100).map(|_| letter()).collect();
        let doc = format!(
            r#"[{{"id": "tags", "kind": "post", "threads": [{{"posts": [{{"text": "{text}", "hashtags": [{}]}}]}}]}}]"#,
            tags.join(", ")
        );
        fs::write(dir.path().join("tags.json"), doc).unwrap();
        took.push(quickest_of_three(|| {
            let out = listed_within(dir.path(), 60);
            assert!(out.stdout.contains("1 post"), "{}", out.stdout);
        }));
    }
    // Three times the text and the entities, at most about three times the time (nine
    // times with the square).
    assert!(took[1] < took[0] * 4.5 + 0.5, "{took:?}");
}
