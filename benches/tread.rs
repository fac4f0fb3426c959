//! Benchmarks on the synthetic corpus (`examples/gen_corpus`): loading, the first batch a
//! background load hands the screen, a filter-panel keystroke, a post-search keystroke and a
//! frame, each as the user meets it (key handled and frame drawn); then reports keystroke
//! latency percentiles and memory over 10,000 scripted keystrokes.
//!
//! Then the cache of parsed corpora: loads through an empty cache, an unchanged one and one
//! with a file changed, and a report of whole `tread` commands against `rg -c -i` over the same
//! files (where ripgrep is installed).
//!
//! `cargo bench` uses S (2,000 documents); `TREAD_BENCH_DOCS=20000 cargo bench` uses M.
//! CI runs `cargo test --bench tread -- --test` on a small corpus as a smoke test.

#[path = "../src/allocator.rs"]
mod allocator;

#[path = "../examples/gen_corpus/synth.rs"]
#[allow(dead_code)]
mod synth;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;
use tread::app::{App, Event, Opening};
use tread::app::{Progress, load_in_background, reload};
use tread::corpus::load::{self, LoadOptions};
use tread::keymap::{KeySeq, Keymap};
use tread::ui::{self, Theme};

struct Fixture {
    dir: tempfile::TempDir,
    options: LoadOptions,
}

fn fixture() -> Fixture {
    let docs = std::env::var("TREAD_BENCH_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let bytes = synth::write_corpus(docs, 1, dir.path()).expect("the corpus is written");
    eprintln!("corpus: {docs} documents, {:.1} MB", bytes as f64 / 1e6);
    let options = LoadOptions {
        paths: vec![dir.path().to_path_buf()],
        glossary: None,
        cache: None,
    };
    Fixture { dir, options }
}

fn keys(text: &str) -> Vec<tread::keymap::Key> {
    text.split_whitespace()
        .flat_map(|k| k.parse::<KeySeq>().expect("a key").0)
        .collect()
}

/// Handles one key and draws the frame, as the terminal loop does.
fn press(app: &mut App, terminal: &mut Terminal<TestBackend>, key: tread::keymap::Key) {
    app.handle(Event::Key(key));
    terminal
        .draw(|frame| ui::render(frame, app, &Theme::new(true)))
        .expect("a test backend draws");
}

fn loading(c: &mut Criterion, fixture: &Fixture) {
    let mut group = c.benchmark_group("load");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("whole corpus, resolved", |b| {
        b.iter(|| load::load(&fixture.options).expect("the corpus loads"))
    });
    // What `tread list` and `tread search` load.
    group.bench_function("whole corpus, unresolved", |b| {
        b.iter(|| load::load_unresolved(&fixture.options).expect("the corpus loads"))
    });
    group.bench_function("first batch in the background", |b| {
        b.iter(|| {
            let receiver =
                load_in_background(&fixture.options, |_, resolved| resolved).expect("it starts");
            match receiver.recv() {
                Ok(Progress::Parsed { documents, .. }) => documents.len(),
                _ => 0,
            }
        })
    });
    group.finish();
}

/// A review file of `marks` marks spread over the corpus's posts, as the UI writes them.
fn review_file(corpus: &tread::corpus::Corpus, marks: usize, path: &std::path::Path) {
    let places = tread::corpus::Places::new(&corpus.documents);
    let step = (places.len() / marks).max(1);
    let mut text = String::from("{\"tread_review\":1}\n");
    for ordinal in (0..places.len()).step_by(step).take(marks) {
        let at = places.post_ref(tread::corpus::Ordinal::new(ordinal));
        let anchor = tread::review::anchor_of(corpus, at);
        text += &(tread::review::Record::new(tread::review::Op::Mark, anchor).to_line() + "\n");
    }
    std::fs::write(path, text).expect("the review is written");
}

/// What a review adds to start-up: its file read and its posts found in the corpus.
fn review_loading(c: &mut Criterion, fixture: &Fixture) {
    let corpus = load::load(&fixture.options).expect("the corpus loads");
    let places = tread::corpus::Places::new(&corpus.documents);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("review.jsonl");
    review_file(&corpus, 10_000, &path);
    let mut group = c.benchmark_group("review");
    group.sample_size(20);
    group.bench_function("10,000 marks read and found in the corpus", |b| {
        b.iter(|| {
            let mut review = tread::review::Review::read(&path).expect("it reads");
            review.resolve(&corpus, &places);
            review.posts().len()
        })
    });
    group.finish();
}

fn interaction(c: &mut Criterion, fixture: &Fixture) {
    let corpus = load::load(&fixture.options).expect("the corpus loads");
    let mut app = App::new(corpus, Keymap::builtin(), Opening::default(), (200, 50));
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("a test backend");
    let mut group = c.benchmark_group("keystroke");
    // The filter panel, organisations tab: type a query key by key, then clear it.
    for key in keys("f tab tab") {
        press(&mut app, &mut terminal, key);
    }
    let query = keys("n o r t h f i e l d");
    // Each iteration is the whole query typed then cleared: criterion's time is for all the
    // keys, its throughput in keys a second (per-key percentiles are in the latency report).
    group.throughput(Throughput::Elements(query.len() as u64 + 1));
    group.bench_function("filter panel, a 9-letter query typed then cleared", |b| {
        b.iter_batched(
            || (),
            |()| {
                for &key in &query {
                    press(&mut app, &mut terminal, key);
                }
                press(&mut app, &mut terminal, keys("ctrl-u")[0]);
            },
            BatchSize::SmallInput,
        )
    });
    for key in keys("esc /") {
        press(&mut app, &mut terminal, key);
    }
    let search = keys("r e v i e w");
    group.throughput(Throughput::Elements(search.len() as u64 + 1));
    group.bench_function(
        "post search, all documents, 'review' typed then cleared",
        |b| {
            b.iter(|| {
                for &key in &search {
                    press(&mut app, &mut terminal, key);
                }
                press(&mut app, &mut terminal, keys("ctrl-u")[0]);
            })
        },
    );
    for key in keys("esc esc l") {
        press(&mut app, &mut terminal, key);
    }
    let step = keys("j")[0];
    group.throughput(Throughput::Elements(1));
    group.bench_function("frame: next post in the thread at 200x50", |b| {
        b.iter(|| press(&mut app, &mut terminal, step))
    });
    group.finish();
}

/// Per-keystroke latency, key event to drawn frame, as percentiles: what "every keystroke
/// within a frame" is about (criterion's means hide the slow tail).
fn latency_report(fixture: &Fixture) {
    let corpus = load::load(&fixture.options).expect("the corpus loads");
    // Reading and reviewing start from an app of their own, at the first document: where
    // the panel runs leave the focus depends on the corpus.
    let mut reader = App::new(
        corpus.clone(),
        Keymap::builtin(),
        Opening::default(),
        (200, 50),
    );
    let mut app = App::new(corpus, Keymap::builtin(), Opening::default(), (200, 50));
    // A review on disk, as the UI keeps it: reading writes, marking writes and flushes.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let review = tread::review::Review::open(&dir.path().join("review.jsonl"), &[]);
    reader.attach_review(review.expect("the review opens"), false);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("a test backend");
    let mut run = |app: &mut App, name: &str, setup: &str, typed: &str, rounds: usize| {
        for key in keys(setup) {
            press(app, &mut terminal, key);
        }
        let mut times = Vec::new();
        for _ in 0..rounds {
            for key in keys(typed) {
                let start = std::time::Instant::now();
                press(app, &mut terminal, key);
                times.push(start.elapsed());
            }
        }
        // The keys went where meant: the last one said so (a mark: "post 4/20: marked").
        let said = app.message().unwrap_or_default().to_string();
        times.sort();
        let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
        eprintln!(
            "latency {name}: p50 {:?}, p95 {:?}, max {:?} over {} keys{}",
            at(0.5),
            at(0.95),
            at(1.0),
            times.len(),
            if said.is_empty() {
                String::new()
            } else {
                format!(" (then: {said})")
            }
        );
    };
    run(
        &mut app,
        "filter panel (organisations)",
        "f tab tab",
        "n o r t h f i e l d ctrl-u c h i l d r e n ctrl-u",
        10,
    );
    run(
        &mut app,
        "filter panel (hashtags)",
        "shift-tab",
        "c a r e ctrl-u r e v i e w ctrl-u",
        10,
    );
    run(
        &mut app,
        "post search, all documents",
        "esc /",
        "r e v i e w ctrl-u c a r e ctrl-u",
        5,
    );
    // Applying the most used hashtag and removing it: every count of the panel derived
    // again, twice a round.
    run(
        &mut app,
        "filter applied then removed (hashtags)",
        "esc esc f tab",
        "enter ctrl-w",
        10,
    );
    let reading = "j j j j j j j j j j";
    run(
        &mut reader,
        "thread, next post (read, written)",
        "l",
        reading,
        20,
    );
    // Marked and unmarked, each written and flushed to the disk before the frame.
    run(&mut reader, "review, mark toggled", "", "m", 40);
    let code = "c f u n d i n g enter";
    run(
        &mut reader,
        "review, a code typed and confirmed",
        "",
        code,
        10,
    );
    run(&mut reader, "documents, next", "h", reading, 20);
}

/// The resident size of this process, where the system says it (Linux).
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Memory over 10,000 scripted keystrokes (every pane, search, filters, overlays): what
/// the app holds after a first round has filled its caches, and after 10,000 keys more.
fn memory_over_keystrokes(fixture: &Fixture) {
    let corpus = load::load(&fixture.options).expect("the corpus loads");
    let mut app = App::new(corpus, Keymap::builtin(), Opening::default(), (200, 50));
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("a test backend");
    let script = keys(
        "j j j G g g k l j j j } { space G ctrl-e h / c a r e enter n n N esc \
         f tab c a r e enter esc x f shift-tab r e v enter esc X ? esc w esc o esc : 3 enter h j",
    );
    let mut pressed = 0;
    let mut press_n = |app: &mut App, n: usize| {
        for &key in script.iter().cycle().skip(pressed % script.len()).take(n) {
            press(app, &mut terminal, key);
            // As the terminal loop does: effects are carried out, not kept.
            app.take_effects();
        }
        pressed += n;
    };
    press_n(&mut app, 1_000);
    let warm = resident_bytes();
    press_n(&mut app, 10_000);
    let after = resident_bytes();
    match (warm, after) {
        (Some(warm), Some(after)) => eprintln!(
            "memory over 10,000 keystrokes: {:.1} MB after a first 1,000, {:.1} MB after, growth {:+.1} MB",
            warm as f64 / 1e6,
            after as f64 / 1e6,
            (after as f64 - warm as f64) / 1e6
        ),
        _ => eprintln!("memory over 10,000 keystrokes: the resident size is not known here"),
    }
}

/// The corpus's files, once a file changed less than two seconds before a load can no longer
/// be (tread reads such a file again whatever its stamp says), so that the cache is used as
/// it is on files saved earlier.
fn settle() {
    std::thread::sleep(Duration::from_millis(2100));
}

/// A file of the corpus, to change.
fn first_file(fixture: &Fixture) -> std::path::PathBuf {
    let mut files: Vec<_> = std::fs::read_dir(fixture.dir.path())
        .expect("the corpus folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files.swap_remove(0)
}

/// Writes `file` again with one word more or less, alternately.
fn change(file: &std::path::Path) {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let text = match text.strip_suffix(" again\n") {
        Some(text) => format!("{text}\n"),
        None => format!("{} again\n", text.trim_end()),
    };
    std::fs::write(file, text).expect("the file is written");
}

fn caching(c: &mut Criterion, fixture: &Fixture) {
    let cache = tempfile::tempdir().expect("a temporary folder");
    let options = LoadOptions {
        cache: Some(cache.path().to_path_buf()),
        ..fixture.options.clone()
    };
    let clear = || {
        for entry in std::fs::read_dir(cache.path()).into_iter().flatten() {
            let _ = std::fs::remove_file(entry.expect("an entry").path());
        }
    };
    let mut group = c.benchmark_group("cache");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("resolved load, empty cache", |b| {
        b.iter_batched(clear, |_| load::load(&options), BatchSize::PerIteration)
    });
    load::load(&options).expect("the corpus loads");
    group.bench_function("resolved load, unchanged", |b| {
        b.iter(|| load::load(&options).expect("the corpus loads"))
    });
    group.bench_function("unresolved load, unchanged", |b| {
        b.iter(|| load::load_unresolved(&options).expect("the corpus loads"))
    });
    let file = first_file(fixture);
    group.bench_function("resolved load, one file changed", |b| {
        let setup = || change(&file);
        b.iter_batched(setup, |_| load::load(&options), BatchSize::PerIteration)
    });
    group.finish();
}

/// A live collection: one file changed while the UI is open, with a review of 10,000
/// marks. The reload runs on a thread of its own (through the cache, the review read again
/// there); the swap is what the UI thread does with its outcome, the one part a key can
/// wait for.
fn live(c: &mut Criterion, fixture: &Fixture) {
    let cache = tempfile::tempdir().expect("a temporary folder");
    let options = LoadOptions {
        cache: Some(cache.path().to_path_buf()),
        ..fixture.options.clone()
    };
    let corpus = load::load(&options).expect("the corpus loads");
    let review = cache.path().join("review.jsonl");
    review_file(&corpus, 10_000, &review);
    let size = (120, 40);
    let mut app = App::new(corpus, Keymap::builtin(), Opening::default(), size);
    let opened = tread::review::Review::open(&review, &[]).expect("the review opens");
    app.attach_review(opened, false);
    let app = std::cell::RefCell::new(app);
    let file = first_file(fixture);
    let reload = || reload(&options, &app.borrow().shared_corpus(), Some(&review));
    let reloaded = || {
        change(&file);
        reload()
    };
    let mut group = c.benchmark_group("live");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("reload, one file changed", |b| {
        b.iter_batched(|| change(&file), |_| reload(), BatchSize::PerIteration)
    });
    group.bench_function("swap on the UI thread, one file changed", |b| {
        b.iter_batched(
            reloaded,
            |outcome| app.borrow_mut().handle(Event::Reloaded(Box::new(outcome))),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// Whole commands of the binary through its cache, cold, warm and with a file changed, and
/// `rg -c -i review` over the same files: medians of five runs, and their ratios.
fn cache_report(fixture: &Fixture) {
    let cache = tempfile::tempdir().expect("a temporary folder");
    let dir = fixture
        .dir
        .path()
        .to_str()
        .expect("a UTF-8 path")
        .to_string();
    let run = |program: &str, args: &[&str]| {
        let start = std::time::Instant::now();
        let status = std::process::Command::new(program)
            .args(args)
            .env("XDG_CACHE_HOME", cache.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
        status.ok().map(|_| start.elapsed())
    };
    let median = |mut times: Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let tread = env!("CARGO_BIN_EXE_tread");
    let clear = || {
        let _ = std::fs::remove_dir_all(cache.path().join("tread"));
    };
    let file = first_file(fixture);
    // What the goal compares every command with: ripgrep counting a word in the same files.
    let rg = run("rg", &["-c", "-i", "review", &dir]).map(|_| {
        median(
            (0..5)
                .filter_map(|_| run("rg", &["-c", "-i", "review", &dir]))
                .collect(),
        )
    });
    match rg {
        None => eprintln!("cache: ripgrep is not installed; no ratio against rg"),
        Some(rg) => eprintln!("cache, rg -c -i review: {rg:?}"),
    }
    for command in [&["list"][..], &["search", "review"], &["facets", "--json"]] {
        let args: Vec<&str> = command.iter().copied().chain([dir.as_str()]).collect();
        let times = |setup: &mut dyn FnMut()| {
            median(
                (0..5)
                    .map(|_| {
                        setup();
                        run(tread, &args).expect("tread runs")
                    })
                    .collect(),
            )
        };
        let cold = times(&mut || clear());
        let warm = times(&mut || {});
        let changed = times(&mut || change(&file));
        let share = |d: Duration| d.as_secs_f64() / cold.as_secs_f64();
        let against_rg = rg.map_or(String::new(), |rg| {
            format!(
                "; unchanged / rg = {:.2}",
                warm.as_secs_f64() / rg.as_secs_f64()
            )
        });
        eprintln!(
            "cache, tread {}: cold {cold:?}, unchanged {warm:?} ({:.0} % of cold), one file changed {changed:?} ({:.0} %){against_rg}",
            command.join(" "),
            share(warm) * 100.0,
            share(changed) * 100.0
        );
    }
}

fn benches(c: &mut Criterion) {
    let fixture = fixture();
    settle();
    // `-- --test` (the CI smoke run) skips the reports.
    if !std::env::args().any(|a| a == "--test") {
        latency_report(&fixture);
        memory_over_keystrokes(&fixture);
        cache_report(&fixture);
    }
    loading(c, &fixture);
    caching(c, &fixture);
    live(c, &fixture);
    review_loading(c, &fixture);
    interaction(c, &fixture);
}

criterion_group!(tread_benches, benches);
criterion_main!(tread_benches);
