//! Inputs other than page text, through the real binary: tread's own JSON read back.

use assert_cmd::Command;
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
        said.contains("deep.json: document 1: threads[0][0]: invalid type: sequence"),
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

/// Each row of `list --json` as "id | kind | title".
fn id_kind_title(listed: &str) -> Vec<String> {
    let rows: Value = serde_json::from_str(listed).unwrap();
    let field = |r: &Value, k: &str| r[k].as_str().unwrap_or("").to_string();
    (rows.as_array().unwrap().iter())
        .map(|r| {
            format!(
                "{} | {} | {}",
                field(r, "id"),
                field(r, "kind"),
                field(r, "title")
            )
        })
        .collect()
}

const X_ARCHIVE: &str = "tests/fixtures/x-archive";

#[test]
fn an_x_archive_folder_gives_its_threads_and_single_posts() {
    let (listed, said) = run(&["list", "--json", X_ARCHIVE]);
    let summary = id_kind_title(&listed);
    assert_eq!(
        summary,
        [
            "tweets-100 | unroll | ",
            "tweets-200 | reply | Reply to @JoshMacAlister",
            "tweets-300 | repost | Repost of @reviewCSC",
            "tweets-400 | post | ",
        ]
    );
    // Only the posts' files are read: pictures, pages and scripts of the archive are not
    // documents, and its other parts (likes, the account) hold none.
    assert_eq!(
        said.lines().collect::<Vec<_>>(),
        [
            "tread: warning: tests/fixtures/x-archive/data/tweets.js: post 1: full_text: \
             invalid type: integer `17`, expected a string",
            "tread: loaded 1 of 1 files; 0 skipped, 1 problem (listed above)",
        ]
    );
    // The data folder, or the file alone, read the same.
    let data = format!("{X_ARCHIVE}/data");
    assert_eq!(run(&["list", "--json", &data]).0, listed);
    assert_eq!(
        run(&["list", "--json", &format!("{data}/tweets.js")]).0,
        listed
    );
}

#[test]
fn an_x_self_thread_is_numbered_with_its_links_written_out_and_its_branches_kept() {
    let doc = json(&["show", "tweets-100", "--json", X_ARCHIVE]);
    // The owner as the archive's account.js names them.
    assert_eq!(
        doc["author"],
        serde_json::json!({"name": "Nick Cook", "handle": "nickcook"})
    );
    assert_eq!(doc["date"], "2022-05-23 08:00");
    let threads = doc["threads"].as_array().unwrap();
    assert_eq!(threads.len(), 2, "the chain branches after its second post");
    let texts = |t: &Value| -> Vec<String> {
        let posts = t["posts"].as_array().unwrap();
        posts
            .iter()
            .map(|p| p["text"].as_str().unwrap().to_string())
            .collect()
    };
    let (first, second) = (texts(&threads[0]), texts(&threads[1]));
    assert_eq!(first[..2], second[..2], "branches share their opening");
    assert_eq!(
        first[0],
        "A personal 🧵 on today's #CareReview & what it asks of @educationgovuk 1/3"
    );
    assert_eq!(
        first[1],
        "The report is here, all of it: https://www.gov.uk/government/publications/\
         independent-review-of-childrens-social-care-final-report 2/3"
    );
    assert_eq!(first[2], "And the picture that says it best. 3/3");
    assert!(second[2].starts_with("Or, another way to end it"));
    // Its last post is in the archive's second part, tweets-part1.js: the thread stays one.
    assert_eq!(second.len(), 4);
    assert_eq!(
        second[3],
        "One more, kept in the archive's second part. 4/4"
    );
    let posts = threads[0]["posts"].as_array().unwrap();
    let numbering: Vec<(&str, u64, u64)> = (posts.iter())
        .map(|p| {
            (
                p["label"].as_str().unwrap(),
                p["number"].as_u64().unwrap(),
                p["total"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(numbering, [("1/3", 1, 3), ("2/3", 2, 3), ("3/3", 3, 3)]);
    assert_eq!(posts[0]["hashtags"], serde_json::json!(["CareReview"]));
    assert_eq!(posts[0]["mentions"], serde_json::json!(["educationgovuk"]));
    assert_eq!(posts[2]["media"], true);
    assert!(!run(&["show", "tweets-100", X_ARCHIVE]).0.contains("t.co"));
}

#[test]
fn x_replies_and_reposts_are_single_post_documents() {
    let reply = json(&["show", "tweets-200", "--json", X_ARCHIVE]);
    let post = &reply["threads"][0]["posts"][0];
    assert_eq!(
        post["text"],
        "@JoshMacAlister Thank you for this, and for listening <3"
    );
    assert_eq!(post["mentions"], serde_json::json!(["JoshMacAlister"]));
    assert_eq!(post["number"], Value::Null);
    let repost = json(&["show", "tweets-300", "--json", X_ARCHIVE]);
    let text = repost["threads"][0]["posts"][0]["text"].as_str().unwrap();
    assert!(text.contains("children's social …"), "{text}");
}

const MASTODON: &str = "tests/fixtures/mastodon";

#[test]
fn a_mastodon_export_gives_its_threads_replies_and_boosts() {
    let (listed, said) = run(&["list", "--json", MASTODON]);
    let summary = id_kind_title(&listed);
    // "orderedItems" is written twice in the file; the later one holds the posts.
    assert_eq!(
        summary,
        [
            "outbox-101 | unroll | ",
            "outbox-104 | reply | Reply to @josh@example.social",
            "outbox-105 | repost | Repost of @reviewcsc@example.social",
        ]
    );
    // Pictures, the actor and the likes are not documents; the note without content is
    // named and the rest load.
    assert_eq!(
        said.lines().collect::<Vec<_>>(),
        [
            "tread: warning: tests/fixtures/mastodon/outbox.json: orderedItems[5].object: \
             missing field `content`",
            "tread: loaded 1 of 1 files; 0 skipped, 1 problem (listed above)",
        ]
    );
}

#[test]
fn a_mastodon_thread_reads_its_html_as_text() {
    let doc = json(&["show", "outbox-101", "--json", MASTODON]);
    assert_eq!(doc["author"]["handle"], "carereader@mastodon.social");
    assert_eq!(doc["date"], "2022-05-23 08:00");
    let posts = doc["threads"][0]["posts"].as_array().unwrap();
    let texts: Vec<&str> = posts.iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        [
            "A thread on today's #CareReview & what it asks of @educationgovuk. 1/",
            "The report is here:\ngov.uk/government/publications… 2/",
            "CW: a long read\n\n日本の読者へ: 子どもの社会的養護。\n\nوللقراء العرب أيضاً 3/",
        ]
    );
    let labels: Vec<&str> = posts.iter().map(|p| p["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["1/", "2/", "3/"]);
    assert_eq!(posts[0]["hashtags"], serde_json::json!(["CareReview"]));
    assert_eq!(
        posts[0]["mentions"],
        serde_json::json!(["educationgovuk@mastodon.social"])
    );
    assert_eq!(posts[0]["urls"], serde_json::json!([]));
    assert_eq!(
        posts[1]["urls"],
        serde_json::json!([
            "https://www.gov.uk/government/publications/independent-review-of-childrens-social-care-final-report"
        ])
    );
    assert_eq!(
        (posts[0]["media"].as_bool(), posts[1]["media"].as_bool()),
        (Some(false), Some(true))
    );
    let reply = json(&["show", "outbox-104", "--json", MASTODON]);
    let text = &reply["threads"][0]["posts"][0]["text"];
    assert_eq!(text, "@josh Thank you for listening <3");
}

#[test]
fn every_format_loads_in_one_run_with_the_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let copy = |from: &Path, to: &Path| {
        for entry in walk(from) {
            let target = to.join(entry.strip_prefix(from).unwrap());
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::copy(&entry, &target).unwrap();
        }
    };
    copy(Path::new("seeds"), &dir.path().join("seeds"));
    copy(Path::new(X_ARCHIVE), &dir.path().join("twitter"));
    copy(Path::new(MASTODON), &dir.path().join("mastodon"));
    fs::copy(BLUESKY, dir.path().join("bluesky.json")).unwrap();
    let blog = fs::read_to_string("seeds/004_8bb49e90aa2e23a7.txt").unwrap();
    fs::write(dir.path().join("saved.html"), saved_page(&blog)).unwrap();
    fs::write(
        dir.path().join("mine.json"),
        run(&["show", "003", "--json"]).0.replace("003_", "mine_"),
    )
    .unwrap();
    let rows = json(&["list", "--json", arg(dir.path())]);
    let kinds: Vec<&str> = (rows.as_array().unwrap().iter())
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        rows.as_array().unwrap().len(),
        5 + 3 + 4 + 1 + 1 + 1,
        "{kinds:?}"
    );
    for kind in [
        "unroll", "listing", "article", "blog", "post", "reply", "repost",
    ] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        match path.is_dir() {
            true => files.extend(walk(&path)),
            false => files.push(path),
        }
    }
    files
}

const BLUESKY: &str = "tests/fixtures/bluesky/thread.json";

#[test]
fn a_bluesky_post_quoting_another_shows_it_as_an_embedded_post() {
    let dir = tempfile::tempdir().unwrap();
    let author =
        |handle: &str, name: &str| serde_json::json!({"handle": handle, "displayName": name});
    let quoting = serde_json::json!({"$type": "app.bsky.embed.record#view", "record": {
        "$type": "app.bsky.embed.record#viewRecord", "uri": "at://t/app.bsky.feed.post/q1",
        "author": author("tom.bsky.social", "Tom Reyes"),
        "value": {"text": "The allowance review is out, good news for grandparents.",
                  "createdAt": "2024-02-28T10:00:00Z"}}});
    let blocked = serde_json::json!({"$type": "app.bsky.embed.recordWithMedia#view",
        "record": {"record": {"$type": "app.bsky.embed.record#viewBlocked", "uri": "at://x/p/q2"}},
        "media": {"$type": "app.bsky.embed.images#view", "images": []}});
    let post = |rkey: &str, who: Value, text: &str, embed: Value| {
        serde_json::json!({
        "uri": format!("at://a/app.bsky.feed.post/{rkey}"), "author": who,
        "record": {"text": text, "createdAt": "2024-03-01T09:00:00Z"}, "embed": embed})
    };
    let thread = serde_json::json!({"thread": {
        "post": post("p1", author("amara.bsky.social", "Amara Okafor"), "Tom said it well:", quoting),
        "replies": [{"post": post("p2", author("bo.bsky.social", "Bo"), "And this one:", blocked)}]}});
    let file = dir.path().join("quote.json");
    fs::write(&file, thread.to_string()).unwrap();
    let doc = json(&["show", "quote-p1", "--json", arg(&file)]);
    let threads = doc["threads"].as_array().unwrap();
    let shape: Vec<String> = (threads.iter())
        .map(|t| {
            let text = t["posts"][0]["text"].as_str().unwrap();
            format!(
                "{} {} {text}",
                t["title"].as_str().unwrap_or("-"),
                t["author"]["handle"]
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            "- \"amara.bsky.social\" Tom said it well:",
            "Replies \"bo.bsky.social\" And this one:",
            "Embedded post \"tom.bsky.social\" The allowance review is out, good news for grandparents.",
        ]
    );
    assert_eq!(
        doc["warnings"],
        serde_json::json!(["1 quoted post not found or blocked, not shown"])
    );
}

#[test]
fn a_bluesky_thread_is_its_authors_chain_with_others_replies_apart() {
    let (listed, said) = run(&["list", "--json", BLUESKY]);
    assert_eq!(id_kind_title(&listed), ["thread-3k1 | unroll | "]);
    assert_eq!(
        said.lines().next().unwrap(),
        "tread: warning: tests/fixtures/bluesky/thread.json: \
         thread.replies[1].replies[2].post.record.facets: bytes 30..400 do not fit a text of 39"
    );
    let doc = json(&["show", "thread-3k1", "--json", BLUESKY]);
    assert_eq!(doc["author"]["name"], "Alice Reviewer");
    assert_eq!(doc["author"]["handle"], "alice.bsky.social");
    assert_eq!(
        doc["warnings"],
        serde_json::json!(["1 post of the thread not found or blocked, not shown"])
    );
    let threads = doc["threads"].as_array().unwrap();
    let shape: Vec<String> = (threads.iter())
        .map(|t| {
            format!(
                "{} {} {}",
                t["title"].as_str().unwrap_or("-"),
                t["author"]["handle"],
                t["posts"].as_array().unwrap().len()
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            "- \"alice.bsky.social\" 3",
            "Replies \"bob.bsky.social\" 1",
            "Replies \"carol.bsky.social\" 1"
        ]
    );
    let own = threads[0]["posts"].as_array().unwrap();
    // Facets count UTF-8 bytes: the thread emoji before the hashtag is four of them.
    assert_eq!(own[0]["hashtags"], serde_json::json!(["CareReview"]));
    assert_eq!(own[0]["mentions"], serde_json::json!(["bob.bsky.social"]));
    assert_eq!(
        own[1]["text"],
        "The report is here: https://www.gov.uk/government/publications/\
         independent-review-of-childrens-social-care-final-report 2/"
    );
    assert_eq!(own[2]["media"], true);
    let labels: Vec<&str> = own.iter().map(|p| p["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["1/", "2/", "3/"]);
    // The facet that does not fit is left out, not half read.
    assert_eq!(threads[2]["posts"][0]["hashtags"], serde_json::json!([]));
    let text = run(&["show", "thread-3k1", BLUESKY]).0;
    assert!(
        text.contains("Thread 2 of 3 · Replies · 1 post · Bob"),
        "{text}"
    );
}

/// A page as a browser saves it, built from page text: each blank-line paragraph a `<p>`,
/// each line break a `<br>`, with a head, scripts, styles and comments around it.
fn saved_page(text: &str) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let body: String = (text.split("\n\n"))
        .map(|paragraph| {
            let lines: Vec<String> = paragraph.lines().map(escape).collect();
            format!("<p>{}</p>\n", lines.join("<br>\n"))
        })
        .collect();
    format!(
        "<!-- saved from url=(0029)https://example.org/a-thread -->\n<!DOCTYPE html>\n\
         <html lang=\"en\"><head><meta charset=\"utf-8\"><title>A saved page</title>\
         <style>p {{ margin: 0 }} .x > .y {{ }}</style>\
         <script>var html = '<div><div><p>not text</p>';</script></head>\n\
         <body><div class=\"main\"><article>{body}</article></div>\
         <noscript>Turn on scripts</noscript><!-- <p>a comment</p> --></body></html>\n"
    )
}

#[test]
fn a_saved_html_page_reads_as_its_plain_text_scrape() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = walk(Path::new("seeds"));
    for seed in seeds
        .iter()
        .filter(|s| s.extension().is_some_and(|e| e == "txt"))
    {
        let text = fs::read_to_string(seed).unwrap();
        let page = dir.path().join("page.html");
        fs::write(&page, saved_page(&text)).unwrap();
        // Beside it, the text alone (the seeds' folder has a glossary of its own).
        let scrape = dir.path().join("page.txt");
        fs::write(&scrape, &text).unwrap();
        let strip = |mut doc: Value| {
            let object = doc.as_object_mut().unwrap();
            object.remove("id");
            object.remove("path");
            doc
        };
        let from_text = strip(json(&["show", "--json", arg(&scrape), arg(&scrape)]));
        assert!(
            from_text["threads"]
                .as_array()
                .is_some_and(|t| !t.is_empty())
        );
        let from_page = strip(json(&["show", "--json", arg(&page), arg(&page)]));
        assert_eq!(from_page, from_text, "{}", seed.display());
    }
}

#[test]
fn html_with_nothing_to_read_or_nested_too_deep_is_named_not_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("empty.html"),
        "<!DOCTYPE html><html><head><title>T</title></head><body> </body></html>",
    )
    .unwrap();
    let deep = format!("<html><body>{}deep</body></html>", "<div>".repeat(40_000));
    fs::write(dir.path().join("deep.html"), deep).unwrap();
    fs::write(dir.path().join("note.txt"), "Something to read.").unwrap();
    let (_, said) = run(&["list", arg(dir.path())]);
    assert!(
        said.contains("empty.html: an HTML page with no readable text"),
        "{said}"
    );
    assert!(
        said.contains("deep.html: HTML nested over 512 elements deep; not read"),
        "{said}"
    );
    assert!(said.contains("loaded 1 of 3 files; 2 skipped"), "{said}");
}

#[test]
fn an_edited_x_post_is_read_as_last_edited_and_its_replies_follow_it() {
    let dir = tempfile::tempdir().unwrap();
    // The first version's record lists only itself (written before the edits); the later
    // ones list all three.
    let versions = serde_json::json!({"editTweetIds": ["10", "11", "12"]});
    let tweet = |id: &str, at: &str, text: &str, reply: Option<&str>, edit: Value| {
        serde_json::json!({"tweet": {
            "id_str": id, "full_text": text, "created_at": format!("Wed Feb 21 {at} +0000 2024"),
            "in_reply_to_status_id_str": reply, "in_reply_to_screen_name": reply.map(|_| "ann"),
            "edit_info": edit}})
    };
    let edit =
        serde_json::json!({"edit": {"initialTweetId": "10", "editControlInitial": versions}});
    let posts = serde_json::json!([
        tweet(
            "10",
            "10:00:00",
            "1/2 The strategy is out todya.",
            None,
            serde_json::json!({"initial": {"editTweetIds": ["10"]}})
        ),
        tweet(
            "11",
            "10:10:00",
            "1/2 The strategy is out tody.",
            None,
            edit.clone()
        ),
        tweet(
            "12",
            "10:20:00",
            "1/2 The strategy is out today.",
            None,
            edit
        ),
        // Answering the first version, before the edits.
        tweet(
            "20",
            "10:01:00",
            "2/2 It names a lead in every council.",
            Some("10"),
            Value::Null
        ),
        // A record of another shape costs nothing but itself.
        tweet(
            "30",
            "11:00:00",
            "Unrelated.",
            None,
            serde_json::json!({"initial": {"editTweetIds": "30"}})
        ),
    ]);
    let tweets = dir.path().join("tweets.js");
    fs::write(&tweets, format!("window.YTD.tweets.part0 = {posts}")).unwrap();
    let (listed, said) = run(&["list", "--json", arg(&tweets)]);
    let listed: Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2, "{listed}");
    let doc = json(&[
        "show",
        listed[0]["id"].as_str().unwrap(),
        "--json",
        arg(&tweets),
    ]);
    let texts: Vec<&str> = (doc["threads"][0]["posts"].as_array().unwrap().iter())
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "1/2 The strategy is out today.",
            "2/2 It names a lead in every council."
        ]
    );
    // Dated when it was first posted, before its reply.
    assert_eq!(doc["date"], "2024-02-21 10:00");
    assert!(
        said.contains("tweets.js: 2 earlier versions of edited posts left out: each post is read as last edited"),
        "{said}"
    );
}

#[test]
fn escapes_inside_exports_never_reach_the_output() {
    let esc = "\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}[2J\u{9b}31m\u{202e}";
    let dir = tempfile::tempdir().unwrap();
    let tweet = serde_json::json!([{"tweet": {
        "id_str": format!("1{esc}"), "full_text": format!("x{esc} &#27;[2J y"),
        "created_at": format!("Mon May 23 08:00:00 +0000 2022{esc}"),
        "in_reply_to_status_id_str": "9", "in_reply_to_screen_name": format!("who{esc}"),
        "entities": {"hashtags": [{"text": format!("tag{esc}")}], "user_mentions": [{"screen_name": format!("m{esc}")}],
                     "urls": [{"url": "https://t.co/a", "expanded_url": format!("https://e.org/{esc}")}]}}}]);
    fs::write(
        dir.path().join("tweets.js"),
        format!("window.YTD.tweets.part0 = {tweet}"),
    )
    .unwrap();
    let note = serde_json::json!({"type": "OrderedCollection", "orderedItems": [{
        "type": "Create", "actor": format!("https://m.s/users/a{esc}"), "object": {
            "id": "https://m.s/users/a/statuses/1", "type": "Note", "published": format!("2022{esc}"),
            "summary": format!("cw{esc}"), "content": format!("<p>x{esc} &#27;[2J y</p>"),
            "tag": [{"type": "Hashtag", "name": format!("#t{esc}")}]}}]});
    fs::write(dir.path().join("outbox.json"), note.to_string()).unwrap();
    let text = format!("x{esc} y #tag");
    let hash = text.find('#').unwrap();
    let sky = serde_json::json!({"thread": {"post": {
        "uri": format!("at://d/app.bsky.feed.post/k{esc}"),
        "author": {"handle": format!("h{esc}"), "displayName": format!("N{esc}")},
        "record": {"text": text, "createdAt": format!("2024{esc}"), "facets": [
            {"index": {"byteStart": hash, "byteEnd": hash + 4},
             "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": format!("tag{esc}")}]}]}}}});
    fs::write(dir.path().join("sky.json"), sky.to_string()).unwrap();
    let (listed, said) = run(&["list", "--json", arg(dir.path())]);
    let ids: Vec<String> = (serde_json::from_str::<Value>(&listed)
        .unwrap()
        .as_array()
        .unwrap()
        .iter())
    .map(|r| r["id"].as_str().unwrap().to_string())
    .collect();
    assert_eq!(ids.len(), 3, "{listed}{said}");
    let clean = |out: &str| {
        !out.chars()
            .any(|c| c.is_control() && c != '\n' || ('\u{202a}'..='\u{202e}').contains(&c))
    };
    assert!(clean(&listed) && clean(&said), "{listed:?}{said:?}");
    for id in ids {
        for args in [
            vec!["show", &id, arg(dir.path())],
            vec!["show", &id, "--json", arg(dir.path())],
        ] {
            let (out, err) = run(&args);
            assert!(clean(&out) && clean(&err), "{out:?}");
        }
    }
}

#[test]
fn a_mastodon_outbox_naming_its_actor_by_number_takes_the_owner_from_the_notes_pages() {
    let dir = tempfile::tempdir().unwrap();
    let actor = "https://example.social/ap/users/1168403870";
    let activity = serde_json::json!({
        "id": "https://example.social/ap/users/1168403870/statuses/1/activity",
        "type": "Create", "actor": actor, "published": "2026-06-30T10:00:00Z",
        "object": {"id": "https://example.social/ap/users/1168403870/statuses/1",
            "type": "Note", "attributedTo": actor, "published": "2026-06-30T10:00:00Z",
            "url": "https://example.social/@mira/1",
            "content": "<p>Kinship care needs the same support.</p>"}
    });
    let outbox = serde_json::json!({"type": "OrderedCollection", "orderedItems": [activity]});
    let file = dir.path().join("outbox.json");
    std::fs::write(&file, outbox.to_string()).unwrap();
    let listed = json(&["list", "--json", arg(&file)]);
    assert_eq!(listed[0]["author"], "@mira@example.social");
}
