//! Work that grows faster than the input: each adversarial input found by an attack on tread
//! (and its neighbours) is read at two sizes, and the bytes allocated while reading it may
//! grow at most about 2.5 times when the input doubles (and a frame over a post, not at all
//! with what the post holds beyond the screen). Allocations are counted, not timed,
//! so the test holds on a busy machine; everything runs in one test, so no other test's
//! allocations are counted.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting the bytes it hands out.
struct Counting;

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);

/// Held by each test while it runs: the count of bytes is the whole process's, so a test
/// running beside another would count its allocations too.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Waits for the other tests of this file to finish (one that failed still lets go).
fn alone() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATED.fetch_add(new_size.saturating_sub(layout.size()), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// Bytes allocated while `work` runs.
fn allocated(work: impl FnOnce()) -> usize {
    let before = ALLOCATED.load(Ordering::Relaxed);
    work();
    ALLOCATED.load(Ordering::Relaxed) - before
}

/// Reads the text as loading does (a file named `name`), resolving the corpus.
fn read(name: &str, text: String) {
    use tread::corpus::{Corpus, Glossary, Source};
    let source = Source {
        id: name.to_string(),
        path: name.to_string(),
        text,
        warnings: Vec::new(),
    };
    let corpus = Corpus::from_sources(vec![source], &Glossary::default());
    std::hint::black_box(corpus);
}

/// An X archive's posts: (id, the post it answers).
fn x_archive(posts: &[(usize, Option<usize>)]) -> String {
    let items: Vec<String> = posts
        .iter()
        .map(|(id, to)| {
            let to = to.map_or("null".to_string(), |t| format!("\"{t}\""));
            format!(
                r#"{{"tweet": {{"id_str": "{id}", "full_text": "post {id}", "created_at": "Mon May 23 08:00:00 +0000 2022", "in_reply_to_status_id_str": {to}, "in_reply_to_screen_name": "me"}}}}"#
            )
        })
        .collect();
    format!("window.YTD.tweets.part0 = [{}]", items.join(","))
}

/// An input made at size `n`: the name of its file, and its text.
type Make = fn(usize) -> (&'static str, String);

/// The inputs, each with the size it is first read at, and how to make it.
fn inputs() -> Vec<(&'static str, usize, Make)> {
    vec![
        // Within the depth HTML may nest (512), so that the parser's own budget is what
        // holds the work: without it the nodes made grow with the square of the input.
        ("unclosed formatting with stray closing tags", 240, |n| {
            let body: String = (0..n).map(|i| format!("<p><b id={i}></x>")).collect();
            ("page.html", format!("<!doctype html><body>{body}"))
        }),
        ("self-closed divs in SVG", 1_500, |n| {
            let paths = "<path/>".repeat(n);
            (
                "page.html",
                format!("<!doctype html><body><svg>{paths}</svg><p>text</p>"),
            )
        }),
        ("self-closed divs", 1_500, |n| {
            (
                "page.html",
                format!("<!doctype html><body>{}", "<div/>".repeat(n)),
            )
        }),
        ("a comb of self-replies", 1_500, |n| {
            let posts: Vec<(usize, Option<usize>)> = (0..n)
                .flat_map(|i| {
                    [
                        (2 * i, i.checked_sub(1).map(|p| 2 * p)),
                        (2 * i + 1, Some(2 * i)),
                    ]
                })
                .collect();
            ("tweets.js", x_archive(&posts))
        }),
        ("a circle of replies", 1_500, |n| {
            let posts: Vec<(usize, Option<usize>)> =
                (0..n).map(|i| (i, Some((i + 1) % n))).collect();
            ("tweets.js", x_archive(&posts))
        }),
        (
            "a Bluesky thread with a reply from each of many",
            1_500,
            |n| {
                let reply = |i: usize| {
                    format!(
                        r#"{{"post": {{"uri": "at://r{i}/p/{i}", "author": {{"handle": "r{i}.bsky.social"}}, "record": {{"text": "reply {i}", "createdAt": "2024-01-01T10:00:00Z"}}}}, "replies": []}}"#
                    )
                };
                let replies: Vec<String> = (0..n).map(reply).collect();
                let thread = format!(
                    r#"{{"thread": {{"post": {{"uri": "at://root/p/0", "author": {{"handle": "root.bsky.social"}}, "record": {{"text": "root", "createdAt": "2024-01-01T09:00:00Z"}}}}, "replies": [{}]}}}}"#,
                    replies.join(",")
                );
                ("thread.json", thread)
            },
        ),
        ("a deep Bluesky parent chain", 50, |n| {
            let mut view = String::from("null");
            for i in 0..n {
                view = format!(
                    r#"{{"post": {{"uri": "at://a/p/{i}", "author": {{"handle": "a.bsky.social"}}, "record": {{"text": "post {i}", "createdAt": "2024-01-01T09:00:00Z"}}}}, "parent": {view}}}"#
                );
            }
            ("thread.json", format!(r#"{{"thread": {view}}}"#))
        }),
        ("many small tread documents", 1_500, |n| {
            let doc = |i: usize| {
                format!(
                    r#"{{"id": "d{i}", "kind": "plain", "title": null, "author": null, "date": null, "threads": [{{"author": null, "declared_count": null, "same_thread_as": null, "posts": [{{"label": null, "number": null, "total": null, "text": "Document {i}."}}]}}]}}"#
                )
            };
            let docs: Vec<String> = (0..n).map(doc).collect();
            ("all.json", format!("[{}]", docs.join(",")))
        }),
        ("one long paragraph", 1_500, |n| {
            ("note.txt", "word ".repeat(20 * n))
        }),
        (
            "a copied status page of many replies, each by another",
            1_500,
            |n| {
                let posts: String = (0..n)
                    .map(|i| format!("Reply Writer\n@r{i}\n·\nMar 3\nPost {i} @r{i}\n12\n3\n"))
                    .collect();
                (
                    "copied.txt",
                    format!("Ann Example\n@ann\nThe thread.\n{posts}"),
                )
            },
        ),
        ("an article of many cards of posts", 1_500, |n| {
            let cards: String = (0..n)
                .map(|i| format!("Card Writer\n@c{i}\n\nSaid {i}.\n\n4:12 PM · Feb 27, 2024\n\n"))
                .collect();
            (
                "article.txt",
                format!("A title\n\nBy Ann Example\n3 May 2024\n\n{cards}"),
            )
        }),
        ("many numbered posts", 1_500, |n| {
            let posts: String = (1..=n).map(|i| format!("Post {i}. {i}/{n}\n\n")).collect();
            ("thread.txt", posts)
        }),
    ]
}

#[test]
fn doubling_an_adversarial_input_at_most_about_doubles_the_memory_used() {
    let _alone = alone();
    // Thread pools and lazily built patterns are made on first use, not counted.
    for (_, _, make) in inputs() {
        let (name, text) = make(8);
        read(name, text);
    }
    let mut failures = Vec::new();
    for (what, n, make) in inputs() {
        let (name, small) = make(n);
        let (_, large) = make(2 * n);
        let once = allocated(|| read(name, small));
        let twice = allocated(|| read(name, large));
        let ratio = twice as f64 / once.max(1) as f64;
        eprintln!("{what}: {once} -> {twice} bytes ({ratio:.2}x)");
        if ratio > 2.5 {
            failures.push(format!("{what}: {ratio:.2}x"));
        }
    }
    failures.extend(frame_growth());
    assert!(failures.is_empty(), "{failures:?}");
}

/// An app at 120×40 showing the thread of a note holding `text`, read with `glossary`,
/// and how to draw a frame of it.
fn showing(text: String, glossary: &tread::corpus::Glossary) -> impl FnMut() + use<> {
    use ratatui::{Terminal, backend::TestBackend};
    use tread::app::{App, Event, Opening};
    use tread::corpus::{Corpus, Source};
    use tread::keymap::{KeySeq, Keymap};
    use tread::ui::{self, Theme};
    let source = Source {
        id: "note".to_string(),
        path: "note.txt".to_string(),
        text,
        warnings: Vec::new(),
    };
    let corpus = Corpus::from_sources(vec![source], glossary);
    let mut app = App::new(corpus, Keymap::builtin(), Opening::default(), (120, 40));
    app.handle(Event::Key("l".parse::<KeySeq>().unwrap().0[0]));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let theme = Theme::new(true);
    move || {
        terminal
            .draw(|frame| ui::render(frame, &app, &theme))
            .unwrap();
    }
}

/// A frame over a post with `n` hashtags, drawn again once the thread pane shows it: the
/// bytes allocated to draw it.
fn frame_over_hashtags(n: usize) -> usize {
    let text = (0..n).map(|i| format!("#tag{i} ")).collect();
    let mut draw = showing(text, &tread::corpus::Glossary::default());
    draw();
    allocated(draw)
}

/// A frame costs what it shows, not what the post holds: twice the entities, about the
/// same bytes (looking for each entity in the lines shown made a string of each, a frame).
fn frame_growth() -> Option<String> {
    frame_over_hashtags(8);
    let once = frame_over_hashtags(20_000);
    let twice = frame_over_hashtags(40_000);
    let ratio = twice as f64 / once.max(1) as f64;
    eprintln!("a frame over 20,000 then 40,000 hashtags: {once} -> {twice} bytes ({ratio:.2}x)");
    (ratio > 1.25).then(|| format!("a frame over a post's hashtags: {ratio:.2}x"))
}

/// The seconds the quickest of three first frames over a note naming an organisation of
/// `n` syllables took.
fn first_frame_seconds(n: usize) -> f64 {
    let name = format!("{}a", "ab-".repeat(n));
    let text = format!("A note about the {name}.");
    let glossary = format!("[organisations]\n\"{name}\" = []\n");
    let glossary = tread::corpus::Glossary::parse(&glossary, "organisations.toml".as_ref());
    let glossary = glossary.unwrap();
    (0..3)
        .map(|_| {
            let mut draw = showing(text.clone(), &glossary);
            let started = std::time::Instant::now();
            draw();
            started.elapsed().as_secs_f64()
        })
        .fold(f64::MAX, f64::min)
}

#[test]
fn a_post_naming_a_long_repetitive_organisation_is_drawn_in_linear_time() {
    let _alone = alone();
    // Drawing a post looks for its entities, the names of its organisations among them,
    // with one automaton of them; a DFA of a name of thousands of repeated syllables took
    // seconds to build, growing with the square.
    let once = first_frame_seconds(10_000);
    let twice = first_frame_seconds(20_000);
    eprintln!(
        "the first frame over a name of 10,000 then 20,000 syllables: {once:.3} -> {twice:.3} s"
    );
    // Twice the name, at most about twice the time (a margin for a busy machine).
    assert!(twice < once * 3.0 + 0.5, "{once:.3} s -> {twice:.3} s");
}

/// A listing whose `n` excerpts all open as `n` other threads do: each excerpt is matched
/// once, never held beside every candidate.
fn listing_of_one_opening(n: usize) -> Vec<tread::corpus::Source> {
    let opening = "The parish met tonight to settle the harbour plan for the coming year, and the \
                   news was hard for every family on the quay 1/";
    let page = |id: String, text: String| tread::corpus::Source {
        path: format!("{id}.txt"),
        id,
        text,
        warnings: Vec::new(),
    };
    let mut sources: Vec<_> = (0..n)
        .map(|i| {
            page(
                format!("t{i}"),
                format!("{opening}\n\nIt went on late. 2/\n"),
            )
        })
        .collect();
    let excerpts = format!("{opening}\nRead 2 tweets\n").repeat(n);
    let listing = format!("Discover and read the best threads about #harbour\n\n{excerpts}");
    sources.push(page("listing".to_string(), listing));
    sources
}

#[test]
fn a_listing_repeating_the_opening_of_many_threads_is_resolved_in_linear_memory() {
    use tread::corpus::{Corpus, Glossary};
    let _alone = alone();
    let resolve = |n| {
        let corpus = Corpus::from_sources(listing_of_one_opening(n), &Glossary::default());
        let repeats = corpus.documents.iter().flat_map(|d| &d.threads);
        assert_eq!(repeats.filter(|t| t.same_thread_as.is_some()).count(), n);
    };
    resolve(8);
    let once = allocated(|| resolve(600));
    let twice = allocated(|| resolve(1_200));
    let ratio = twice as f64 / once as f64;
    assert!(ratio < 2.5, "{once} -> {twice} bytes ({ratio:.2}x)");
}
