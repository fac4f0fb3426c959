//! The cache of parsed corpora through the real binary: a second run reads it and prints
//! what the first printed (a list, the facets, a search), an edit is seen, `--no-cache`
//! leaves it alone, a damaged one is rebuilt with one warning, two runs at once are safe,
//! and `tread cache info|clear`.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// tread with its cache in `cache` and no settings or review of whoever runs the tests.
fn tread(cache: &Path) -> Command {
    let mut command = Command::cargo_bin("tread").unwrap();
    let none = std::env::temp_dir().join("tread-cache-tests-none");
    command
        .env("NO_COLOR", "1")
        .env("XDG_CACHE_HOME", cache)
        .env("XDG_CONFIG_HOME", &none)
        .env("XDG_DATA_HOME", &none)
        .env_remove("COLUMNS");
    command
}

/// Runs tread; its standard output and standard error.
fn run(cache: &Path, args: &[&str]) -> (String, String) {
    let out = tread(cache)
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (text(out.stdout), text(out.stderr))
}

const THREAD: &str = "Thread by @carer\n\n1/ The Family Rights Group (FRG) met Ofsted today.\n\n2/ The FRG asked about kinship care.\n";

/// A folder of three threads, changed long enough ago to be trusted when unchanged (a file
/// changed within two seconds of a run is read again by the next, whatever its stamp says).
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("a.txt", THREAD),
        ("b.txt", "Notes on Barnardo's.\n"),
        ("c.md", "# Care\n\nThe NSPCC said so.\n"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    std::thread::sleep(Duration::from_millis(2100));
    dir
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The cache files in the cache folder.
fn cache_files(cache: &Path) -> Vec<PathBuf> {
    match std::fs::read_dir(cache.join("tread")) {
        Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

/// Flips a byte of the first file's record in the cache file `file`: what reads that
/// record says the cache was damaged; what reads none does not notice.
fn damage_first_record(file: &Path) {
    let mut bytes = std::fs::read(file).unwrap();
    let build = u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
    // The first record follows the header (16 bytes and the build's name).
    bytes[16 + build + 8] ^= 0x20;
    std::fs::write(file, bytes).unwrap();
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn a_second_run_reads_the_cache_and_an_edit_is_seen() {
    let (dir, cache) = (folder(), tempfile::tempdir().unwrap());
    let export = ["export", "--json", arg(dir.path())];
    let (first, errors) = run(cache.path(), &export);
    assert_eq!(errors, "");
    let [file] = &cache_files(cache.path())[..] else {
        panic!("one cache file: {:?}", cache_files(cache.path()));
    };
    let written = modified(file);
    let (second, errors) = run(cache.path(), &export);
    assert_eq!((second.as_str(), errors.as_str()), (first.as_str(), ""));
    assert_eq!(
        modified(file),
        written,
        "all was in the cache: nothing to write"
    );
    assert!(first.contains("Family Rights Group"), "{first}");

    std::fs::write(
        dir.path().join("a.txt"),
        THREAD.replace("Ofsted", "Cafcass"),
    )
    .unwrap();
    let (edited, _) = run(cache.path(), &export);
    let (fresh, _) = run(
        cache.path(),
        &["--no-cache", "export", "--json", arg(dir.path())],
    );
    assert_eq!(edited, fresh);
    assert!(
        edited.contains("Cafcass") && !edited.contains("Ofsted"),
        "{edited}"
    );
}

#[test]
fn a_folder_named_two_ways_has_a_cache_for_each_and_neither_is_rewritten() {
    let (dir, cache) = (folder(), tempfile::tempdir().unwrap());
    let parent = dir.path().parent().unwrap();
    let relative = format!("./{}", dir.path().file_name().unwrap().to_str().unwrap());
    // Each document's path is as it was named: a cache shared by both forms would show
    // the other form's paths, or be rewritten whole at every other run.
    let export = |path: &str| {
        let out = tread(cache.path())
            .current_dir(parent)
            .args(["export", "--json", path])
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let absolute = export(arg(dir.path()));
    let named = export(&relative);
    assert!(absolute.contains(&format!("\"{}/a.txt\"", arg(dir.path()))));
    assert!(named.contains(&format!("\"{relative}/a.txt\"")), "{named}");
    let files = cache_files(cache.path());
    assert_eq!(files.len(), 2, "{files:?}");
    let written: Vec<SystemTime> = files.iter().map(|f| modified(f)).collect();
    assert_eq!(export(arg(dir.path())), absolute);
    assert_eq!(export(&relative), named);
    let now: Vec<SystemTime> = files.iter().map(|f| modified(f)).collect();
    assert_eq!(
        now, written,
        "each read from its own cache, neither written again"
    );
    // Spelt with a separator after it, each is the same as without: no third cache.
    assert_eq!(export(&format!("{}/", arg(dir.path()))), absolute);
    assert_eq!(export(&format!("{relative}/")), named);
    assert_eq!(cache_files(cache.path()).len(), 2);
    // `tread cache` knows both as the folder's, and tells them apart.
    let (info, _) = run(cache.path(), &["cache", "info", arg(dir.path())]);
    assert!(info.contains(": 2 files, "), "{info}");
    let absolute = format!("for {}: 3 files", arg(dir.path()));
    let named = format!("for {} (named {relative}): 3 files", arg(dir.path()));
    assert!(info.contains(&absolute) && info.contains(&named), "{info}");
    let (cleared, _) = run(cache.path(), &["cache", "clear", arg(dir.path())]);
    assert!(cleared.starts_with("removed 2 cache files"), "{cleared}");
    assert_eq!(cache_files(cache.path()), Vec::<PathBuf>::new());
}

#[test]
fn an_unchanged_collection_is_listed_as_reading_every_file_lists_it_warnings_and_all() {
    let dir = folder();
    let cache = tempfile::tempdir().unwrap();
    // A file that is not text, and a second document with the id "a": warnings a list
    // repeats each time.
    std::fs::write(dir.path().join("d.txt"), b"\x00\x01\x02 not text").unwrap();
    std::fs::create_dir(dir.path().join("more")).unwrap();
    std::fs::write(dir.path().join("more/a.txt"), "Kinship care, again.\n").unwrap();
    std::thread::sleep(Duration::from_millis(2100));
    let path = arg(dir.path());
    for how in [&["-v"][..], &["--json"], &["--jsonl"], &[]] {
        let args: Vec<&str> = [&["list", path][..], how].concat();
        let fresh = run(cache.path(), &[&["--no-cache"][..], &args].concat());
        assert!(fresh.1.contains("d.txt: skipped"), "{}", fresh.1);
        assert!(fresh.1.contains("this document is a~2"), "{}", fresh.1);
        for _ in 0..2 {
            assert_eq!(run(cache.path(), &args), fresh, "{args:?}");
        }
    }
    // Listed without a record read: one damaged goes unnoticed, until a command reads it.
    let [file] = &cache_files(cache.path())[..] else {
        panic!("one cache file");
    };
    damage_first_record(file);
    let fresh = run(cache.path(), &["--no-cache", "list", path]);
    assert_eq!(run(cache.path(), &["list", path]), fresh);
    let (_, errors) = run(cache.path(), &["export", "--json", path]);
    assert!(errors.contains("cache rebuilt: it was damaged"), "{errors}");
    // A file added and one changed: both are listed at the next run.
    std::fs::write(dir.path().join("e.txt"), "# Fostering\n\nA note.\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), "# Barnardo's\n\nNotes.\n").unwrap();
    let (listed, _) = run(cache.path(), &["list", path]);
    assert!(
        listed.contains("Fostering") && listed.contains("Barnardo's"),
        "{listed}"
    );
    assert_eq!(listed, run(cache.path(), &["--no-cache", "list", path]).0);
}

#[test]
fn an_unchanged_collection_has_the_facets_of_reading_every_file_and_a_new_glossary_is_seen() {
    let (dir, cache) = (folder(), tempfile::tempdir().unwrap());
    // A file that is not text: a warning, and a summary, each run repeats.
    std::fs::write(dir.path().join("d.txt"), b"\x00\x01\x02 not text").unwrap();
    std::thread::sleep(Duration::from_millis(2100));
    let path = arg(dir.path());
    let facets = |how: &[&'static str]| -> Vec<&str> { [&["facets", path][..], how].concat() };
    for how in [&["--json"][..], &["--kind", "org"], &[]] {
        let fresh = run(cache.path(), &[&["--no-cache"][..], &facets(how)].concat());
        assert!(fresh.1.contains("d.txt: skipped"), "{}", fresh.1);
        // The first run builds them, the second and third read them.
        for _ in 0..3 {
            assert_eq!(run(cache.path(), &facets(how)), fresh, "{how:?}");
        }
    }
    // Read without a record: one damaged goes unnoticed.
    let [file] = &cache_files(cache.path())[..] else {
        panic!("one cache file");
    };
    damage_first_record(file);
    let fresh = run(cache.path(), &["--no-cache", "facets", "--json", path]);
    assert_eq!(run(cache.path(), &facets(&["--json"])), fresh);
    let (before, _) = run(cache.path(), &facets(&["--kind", "org"]));
    assert!(before.contains("Family Rights Group"), "{before}");
    // A glossary beside the documents names an organisation the rules do not.
    std::fs::write(
        dir.path().join("organisations.toml"),
        "[organisations]\n\"Kinship Alliance\" = [\"kinship care\"]\n",
    )
    .unwrap();
    let (after, _) = run(cache.path(), &facets(&["--kind", "org"]));
    assert!(after.contains("Kinship Alliance"), "{after}");
    let fresh = run(
        cache.path(),
        &["--no-cache", "facets", "--kind", "org", path],
    );
    assert_eq!(after, fresh.0);
    assert_eq!(run(cache.path(), &facets(&["--kind", "org"])).0, after);
}

/// Runs tread, whether it succeeds or not: its exit code, standard output and error.
fn outcome(cache: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = tread(cache).args(args).output().unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (out.status.code(), text(out.stdout), text(out.stderr))
}

#[test]
fn an_unchanged_collection_is_searched_as_reading_every_file_searches_it() {
    let (dir, cache) = (folder(), tempfile::tempdir().unwrap());
    // The seeds (a listing of twelve numbered threads, an unnumbered unroll, prose), a
    // numbered thread, a file that is not text, and a file of tread's own JSON, whose
    // documents the cache keeps packed.
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for entry in std::fs::read_dir(seeds).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    let numbered = "Thread by @kin\n\n1/3 Kinship carers met the FRG today.\n\n2/3 More on the \
                    review.\n\n3/3 The end of the thread on kinship.\n";
    std::fs::write(dir.path().join("twice.txt"), numbered).unwrap();
    std::fs::write(dir.path().join("d.txt"), b"\x00\x01\x02 not text").unwrap();
    let other = tempfile::tempdir().unwrap();
    std::fs::write(
        other.path().join("x.txt"),
        THREAD.replace("1/", "1/ Kinship:"),
    )
    .unwrap();
    std::fs::write(
        other.path().join("y.md"),
        "# Kinship\n\nKinship care, in prose.\n",
    )
    .unwrap();
    let (exported, _) = run(
        cache.path(),
        &["--no-cache", "export", "--json", arg(other.path())],
    );
    std::fs::write(dir.path().join("exported.json"), exported).unwrap();
    std::thread::sleep(Duration::from_millis(2100));
    let path = arg(dir.path());
    for how in [&["-v"][..], &["--json"], &["--jsonl"], &[]] {
        for query in ["kinship", "care review", "the", "no such words"] {
            let args: Vec<&str> = [&["search", query, path][..], how].concat();
            let fresh = outcome(cache.path(), &[&["--no-cache"][..], &args].concat());
            assert!(fresh.2.contains("d.txt: skipped"), "{}", fresh.2);
            // The first run writes the cache; the others search it where it lies.
            for _ in 0..3 {
                assert_eq!(outcome(cache.path(), &args), fresh, "{args:?}");
            }
        }
    }
    let (kinship, _) = run(cache.path(), &["search", "kinship", path]);
    for hit in ["twice  ", "x  ", "y  "] {
        assert!(kinship.contains(hit), "{hit}: {kinship}");
    }
    // A second document with the id "twice": the load gives it another, which the records
    // do not know, so the search is made by a full load, and says so as it does.
    std::fs::create_dir(dir.path().join("more")).unwrap();
    std::fs::write(dir.path().join("more/twice.txt"), "Kinship care, again.\n").unwrap();
    std::thread::sleep(Duration::from_millis(2100));
    let args = ["search", "kinship", path];
    let fresh = outcome(cache.path(), &[&["--no-cache"][..], &args].concat());
    assert!(fresh.1.contains("twice~2"), "{}", fresh.1);
    for _ in 0..3 {
        assert_eq!(outcome(cache.path(), &args), fresh);
    }
}

#[test]
fn no_cache_neither_reads_nor_writes_it_and_a_damaged_one_is_rebuilt_with_one_warning() {
    let (dir, cache) = (folder(), tempfile::tempdir().unwrap());
    let (fresh, errors) = run(cache.path(), &["list", "--no-cache", arg(dir.path())]);
    assert_eq!((cache_files(cache.path()), errors), (vec![], String::new()));

    run(cache.path(), &["list", arg(dir.path())]);
    let [file] = &cache_files(cache.path())[..] else {
        panic!("one cache file");
    };
    std::fs::write(file, b"not a cache, only words written over it").unwrap();
    let (listed, errors) = run(cache.path(), &["--no-cache", "list", arg(dir.path())]);
    assert_eq!((listed.as_str(), errors.as_str()), (fresh.as_str(), ""));
    assert_eq!(
        std::fs::read(file).unwrap(),
        b"not a cache, only words written over it"
    );

    let (listed, errors) = run(cache.path(), &["list", arg(dir.path())]);
    assert_eq!(listed, fresh);
    let lines: Vec<&str> = errors.lines().collect();
    assert_eq!(lines.len(), 2, "{errors}");
    assert!(
        lines[0].ends_with(".cache: cache rebuilt: it was damaged (not a tread cache)"),
        "{errors}"
    );
    assert_eq!(
        lines[1],
        "tread: loaded 3 of 3 files; 0 skipped, 1 problem (listed above)"
    );
    let (_, errors) = run(cache.path(), &["list", arg(dir.path())]);
    assert_eq!(errors, "");
}

#[test]
fn two_runs_at_once_on_one_collection_both_succeed_and_leave_a_whole_cache() {
    let (dir, cache) = (folder(), tempfile::tempdir().unwrap());
    let start = || {
        let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("tread"));
        let none = std::env::temp_dir().join("tread-cache-tests-none");
        command
            .env("XDG_CACHE_HOME", cache.path())
            .env("XDG_CONFIG_HOME", &none)
            .env("XDG_DATA_HOME", &none)
            .args(["export", "--json", arg(dir.path())]);
        command
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (one, two) = (start(), start());
    let (one, two) = (
        one.wait_with_output().unwrap(),
        two.wait_with_output().unwrap(),
    );
    assert!(one.status.success() && two.status.success());
    assert_eq!(one.stdout, two.stdout);
    let (again, errors) = run(cache.path(), &["export", "--json", arg(dir.path())]);
    assert_eq!((again.into_bytes(), errors), (one.stdout, String::new()));
    assert_eq!(
        cache_files(cache.path()).len(),
        1,
        "no half-written file is left"
    );
}

#[test]
fn cache_info_says_what_is_cached_and_clear_removes_it() {
    let (dir, other, cache) = (folder(), folder(), tempfile::tempdir().unwrap());
    let home = cache.path().join("tread");
    let (info, _) = run(cache.path(), &["cache", "info"]);
    assert_eq!(info, format!("nothing cached in {}\n", home.display()));
    run(cache.path(), &["list", arg(dir.path())]);
    run(cache.path(), &["facets", arg(other.path())]);
    let [first, _] = &cache_files(cache.path())[..] else {
        panic!("two caches");
    };
    let name = first.file_name().unwrap().to_str().unwrap();
    std::fs::write(home.join(format!(".{name}.writing-x1")), "half").unwrap();

    let (info, _) = run(cache.path(), &["cache", "info"]);
    let lines: Vec<&str> = info.lines().collect();
    assert_eq!(lines.len(), 4, "{info}");
    assert!(
        lines[0].starts_with(&format!("{}: 3 files, ", home.display())),
        "{info}"
    );
    let of = |folder: &Path| format!("for {}: 3 files, written ", folder.display());
    let listed = lines
        .iter()
        .find(|l| l.contains(&of(dir.path())))
        .expect(&info);
    assert!(!listed.ends_with("organisations resolved"), "{info}");
    let resolved = lines
        .iter()
        .find(|l| l.contains(&of(other.path())))
        .expect(&info);
    assert!(resolved.ends_with(", organisations resolved"), "{info}");
    assert!(
        info.contains("being written, or left by a load that was stopped"),
        "{info}"
    );

    let (cleared, _) = run(
        cache.path(),
        &["cache", "clear", arg(first.parent().unwrap())],
    );
    assert!(cleared.starts_with("nothing cached for "), "{cleared}");
    let owner = if listed.contains(name) {
        dir.path()
    } else {
        other.path()
    };
    let (cleared, _) = run(cache.path(), &["cache", "clear", arg(owner)]);
    let freed = "removed 2 cache files (";
    assert!(
        cleared.starts_with(freed),
        "the cache and its half-written file: {cleared}"
    );
    assert_eq!(cache_files(cache.path()).len(), 1);
    let (cleared, _) = run(cache.path(), &["cache", "clear", arg(owner)]);
    assert_eq!(cleared, format!("nothing cached for {}\n", owner.display()));
    let (cleared, _) = run(cache.path(), &["cache", "clear"]);
    assert!(cleared.starts_with("removed 1 cache file ("), "{cleared}");
    assert_eq!(cache_files(cache.path()), Vec::<PathBuf>::new());

    tread(cache.path())
        .args(["cache", "info", "/no/such/folder"])
        .assert()
        .code(1)
        .stderr("tread: /no/such/folder: no such file or folder\n");
}
