//! The cache against a fresh load: whatever was edited between two loads, a load through the
//! cache gives what reading every file again gives.

use super::*;
use crate::corpus::Corpus;
use crate::corpus::Seen;
use crate::corpus::load::{self, LoadError, LoadOptions};
use crate::corpus::packed::ArchivedDocuments;
use crate::facets::Facets;
use crate::listing::Listing;
use proptest::prelude::*;
use std::cell::Cell;
use std::time::{Duration, SystemTime};

thread_local! {
    /// The time a test says it is, for the loads it makes on its own thread.
    pub static CLOCK: Cell<Option<u64>> = const { Cell::new(None) };
}

/// Loads are made an hour after now, so that files written by the test are trusted once
/// their stamps say they are unchanged (the rule for files changed within a tick of a load
/// has tests of its own).
fn later() -> u64 {
    stamp::nanos(SystemTime::now() + Duration::from_secs(3600))
}

/// Texts a file may hold: threads that name organisations, one a listing's excerpt of
/// another, and two of the same length that differ in one letter.
const TEXTS: &[&str] = &[
    "Thread by @carer on the Care Review\n\n1/ The Independent Review of Children's Social Care (IRCSC) reports today.\n\n2/ Barnardo's and the NSPCC answered within the hour.\n",
    "Thread by @carer on the Care Review\n\n1/ The Independent Review of Children's Social Care (IRCSC) reports today.\n\n2/ Barnardo's and the NSPCD answered within the hour.\n",
    "Notes from the Family Rights Group meeting.\n\nThe FRG asked Ofsted about kinship care.\n",
    "# Threads this week\n\n## @carer\n\nThe Independent Review of Children's Social Care (IRCSC) reports today.\n\n[Read the thread]\n",
    "[{\"id\": \"back\", \"kind\": \"unroll\", \"title\": \"Read back\", \"author\": null, \"date\": null, \"threads\": [{\"author\": null, \"declared_count\": null, \"same_thread_as\": null, \"posts\": [{\"text\": \"Become named by Become.\"}]}]}]",
    "\u{0}\u{1}\u{2} not text",
];

/// Glossaries the folder may hold.
const GLOSSARIES: &[&str] = &[
    "[organisations]\n\"Family Rights Group\" = [\"FRG\", \"the Group\"]\n\"Care Review\" = [\"IRCSC\"]\n",
    "ignore = [\"Ofsted\", \"NSPCC\"]\n[organisations]\n\"Kinship\" = [\"kinship care\"]\n",
    "[organisations\n",
];

const NAMES: &[&str] = &["a.txt", "b.md", "c.txt", "d.json", "e.txt"];

/// A folder being edited, and the time stamps the test gives what it writes.
struct Folder {
    dir: tempfile::TempDir,
    cache: tempfile::TempDir,
    step: u64,
    /// How its loads through the cache encode their records.
    encoding: Encoding,
}

impl Folder {
    fn new() -> Folder {
        Folder {
            dir: tempfile::tempdir().unwrap(),
            cache: tempfile::tempdir().unwrap(),
            step: 0,
            encoding: Encoding::AsRead,
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Gives `name` a modification time of its own: a day ago, a second later each time.
    fn stamp(&mut self, name: &str) {
        self.step += 1;
        let at = SystemTime::now() - Duration::from_secs(86_400) + Duration::from_secs(self.step);
        let file = std::fs::File::options()
            .write(true)
            .open(self.path(name))
            .unwrap();
        file.set_modified(at).unwrap();
    }

    fn write(&mut self, name: &str, text: &str) {
        std::fs::write(self.path(name), text).unwrap();
        self.stamp(name);
    }

    fn options(&self, cached: bool) -> LoadOptions {
        LoadOptions {
            paths: vec![self.dir.path().to_path_buf()],
            glossary: None,
            cache: cached.then(|| self.cache.path().to_path_buf()),
        }
    }

    fn cache_file(&self) -> PathBuf {
        file_for(self.cache.path(), &[self.dir.path().to_path_buf()])
    }

    /// A load through the cache, at `clock`, with how many files it read from the cache.
    fn load_cached(&self, clock: u64) -> (Result<Corpus, String>, Counts) {
        let (corpus, counts, _) = self.load_cached_with_facets(clock);
        (corpus, counts)
    }

    /// [`Folder::load_cached`], with the facets the load had (kept or built for the cache).
    fn load_cached_with_facets(
        &self,
        clock: u64,
    ) -> (Result<Corpus, String>, Counts, Option<Facets>) {
        CLOCK.set(Some(clock));
        let mut documents = Vec::new();
        let listed = load::stream(&self.options(true), None, self.encoding, |batch| {
            batch.for_each(|document| documents.push(document));
            true
        });
        CLOCK.set(None);
        let listed = match listed.expect("nobody stops it") {
            Ok(listed) => listed,
            Err(e) => return (Err(shown(e)), Counts::default(), None),
        };
        let counts = listed.cache_counts().expect("a cache");
        let mut corpus = Corpus::unresolved(documents, Vec::new());
        let mut resolved = listed.resolve(&corpus.documents);
        let facets = resolved.facets.take();
        resolved.apply(&mut corpus);
        (Ok(corpus), counts, facets)
    }

    fn load_fresh(&self) -> Result<Corpus, String> {
        load::load(&self.options(false)).map_err(shown)
    }

    /// What `tread list` would show, read from the cache without a load, if it holds it.
    fn cached_listing(&self) -> Option<Listing> {
        load::cached_listing(&self.options(true))
    }

    /// What `tread list` shows after reading every file.
    fn fresh_listing(&self) -> Option<Listing> {
        let mut listing = Listing::default();
        let problems = load::load_each(&self.options(false), |doc| listing.push(&doc)).ok()?;
        Some(Listing {
            problems,
            ..listing
        })
    }

    /// Loads through the cache and afresh; checks they agree, and that the listing the cache
    /// holds, before and after, is the fresh one's (when the cache offers it: never after a
    /// change); returns the cached load's counts and the problems about the cache.
    fn agree(&self) -> (Counts, Vec<Problem>) {
        let fresh_listing = self.fresh_listing();
        let fresh = self.load_fresh();
        let fresh_facets = fresh.as_ref().ok().map(Facets::build);
        let fresh_shown = fresh_facets.clone().map(crate::facets::Shown::from);
        let facets_too = fresh_listing.clone().zip(fresh_shown);
        if let Some(listing) = self.cached_listing() {
            assert_eq!(
                Some(listing),
                fresh_listing,
                "the last load's listing still served"
            );
        }
        if let Some(cached) = load::cached_facets(&self.options(true)) {
            assert_eq!(
                Some(cached),
                facets_too,
                "the last load's facets still served"
            );
        }
        let (cached, counts, facets) = self.load_cached_with_facets(later());
        assert_eq!(self.cached_listing(), fresh_listing, "the listing kept");
        assert_eq!(facets, fresh_facets, "the facets the load has");
        let served = load::cached_facets(&self.options(true));
        assert_eq!(served, facets_too, "the facets kept");
        let (mut cached, fresh) = match (cached, fresh) {
            (Ok(cached), Ok(fresh)) => (cached, fresh),
            (cached, fresh) => {
                assert_eq!(cached.err(), fresh.err());
                return (counts, Vec::new());
            }
        };
        let shown_cache = printable_path(&self.cache_file());
        let about_cache = cached
            .problems
            .iter()
            .filter(|p| p.path == shown_cache)
            .cloned();
        let about_cache: Vec<Problem> = about_cache.collect();
        cached.problems.retain(|p| p.path != shown_cache);
        assert_eq!(cached.documents, fresh.documents);
        assert_eq!(cached.org_variants, fresh.org_variants);
        assert_eq!(cached.problems, fresh.problems);
        (counts, about_cache)
    }
}

fn shown(error: LoadError) -> String {
    error.to_string()
}

/// A folder of every kind of file.
fn filled_folder() -> Folder {
    let mut folder = Folder::new();
    for (name, text) in NAMES.iter().zip([0, 2, 3, 4, 5]) {
        folder.write(name, TEXTS[text]);
    }
    folder.write("organisations.toml", GLOSSARIES[0]);
    folder
}

/// A folder of every kind of file, loaded once so that its cache is written.
fn cached_folder() -> Folder {
    let folder = filled_folder();
    let (counts, problems) = folder.agree();
    assert_eq!(counts.parsed, NAMES.len());
    assert_eq!(problems, []);
    folder
}

#[test]
fn records_encoded_as_the_cache_is_written_are_those_encoded_as_files_are_read() {
    let mut folder = filled_folder();
    let mut records = Vec::new();
    for encoding in [Encoding::AsRead, Encoding::AtWrite] {
        (folder.cache, folder.encoding) = (tempfile::tempdir().unwrap(), encoding);
        let (counts, problems) = folder.agree();
        assert_eq!((counts.parsed, problems), (NAMES.len(), vec![]));
        let file = Reader::open(&folder.cache_file(), &build_id());
        let reader = file.unwrap().expect("the cache is written");
        let of = |entry: &Entry| entry.record.map(|span| reader.bytes(span).unwrap());
        let kept: Vec<_> = (reader.index.files.iter())
            .map(|entry| (entry.path.clone(), of(entry)))
            .collect();
        // Every file has its record (the one that is not text, its problem).
        assert!(kept.iter().all(|(_, record)| record.is_some()));
        assert_eq!(kept.len(), NAMES.len());
        records.push(kept);
        // And the next load reads them all from the cache.
        let (counts, problems) = folder.agree();
        assert_eq!((counts.parsed, problems), (0, vec![]));
    }
    assert_eq!(records[0], records[1]);
}

#[test]
fn records_encoded_as_the_cache_is_written_land_with_their_files_past_a_chunk() {
    // More files than are encoded at once, read in batches of growing size: each record
    // is filed under its own file, which the next load, reading them back, shows.
    let mut folder = Folder::new();
    folder.encoding = Encoding::AtWrite;
    let count = ENCODED_AT_ONCE + 44;
    let name = |i: usize| format!("n{i:03}.txt");
    for i in 0..count {
        folder.write(&name(i), &format!("Note {i} about the Care Review.\n"));
    }
    let (counts, problems) = folder.agree();
    assert_eq!((counts.parsed, problems), (count, vec![]));
    // A few changed among many read from the cache.
    for i in [3, ENCODED_AT_ONCE + 1, count - 1] {
        folder.write(&name(i), &format!("Note {i}, changed, on Barnardo's.\n"));
    }
    let (counts, problems) = folder.agree();
    assert_eq!((counts.parsed, problems), (3, vec![]));
    let (counts, problems) = folder.agree();
    assert_eq!((counts.parsed, problems), (0, vec![]));
}

#[test]
fn an_unchanged_corpus_is_read_from_the_cache_and_the_cache_left_as_it_is() {
    let folder = cached_folder();
    let written = std::fs::metadata(folder.cache_file())
        .unwrap()
        .modified()
        .unwrap();
    let (counts, problems) = folder.agree();
    let expected = Counts {
        cached: NAMES.len(),
        parsed: 0,
    };
    assert_eq!((counts, problems), (expected, Vec::new()));
    let now = std::fs::metadata(folder.cache_file())
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(written, now, "nothing to write");
}

#[test]
fn each_kind_of_change_is_noticed_and_only_the_changed_file_read() {
    let mut folder = cached_folder();
    let parsed = |folder: &Folder| folder.agree().0.parsed;
    // The same size, one letter changed.
    folder.write("a.txt", TEXTS[1]);
    assert_eq!(parsed(&folder), 1);
    // Changed, then its modification time set back to what it was: its status-change
    // time still moved.
    let before = std::fs::metadata(folder.path("a.txt"))
        .unwrap()
        .modified()
        .unwrap();
    std::fs::write(folder.path("a.txt"), TEXTS[0]).unwrap();
    let file = std::fs::File::options()
        .write(true)
        .open(folder.path("a.txt"))
        .unwrap();
    file.set_modified(before).unwrap();
    assert_eq!(parsed(&folder), 1);
    // Touched only.
    folder.stamp("c.txt");
    assert_eq!(parsed(&folder), 1);
    // Added, removed, renamed.
    folder.write("f.txt", TEXTS[2]);
    assert_eq!(parsed(&folder), 1);
    std::fs::remove_file(folder.path("b.md")).unwrap();
    assert_eq!(parsed(&folder), 0);
    std::fs::rename(folder.path("c.txt"), folder.path("g.txt")).unwrap();
    assert_eq!(parsed(&folder), 1);
    // A new glossary: no file is read again, but the corpus is resolved again.
    folder.write("organisations.toml", GLOSSARIES[1]);
    assert_eq!(parsed(&folder), 0);
}

#[test]
fn a_file_changed_within_a_tick_of_the_load_is_read_again() {
    let folder = filled_folder();
    // The files were stamped a day ago, but their status changed just now, as the load
    // that writes the cache begins.
    let (_, counts) = folder.load_cached(stamp::nanos(SystemTime::now()));
    assert_eq!(counts.parsed, NAMES.len());
    assert_eq!(folder.cached_listing(), None, "not trusted: no listing");
    let (_, counts) = folder.load_cached(later());
    assert_eq!(
        counts.parsed,
        NAMES.len(),
        "not trusted: they may have changed since"
    );
    let (_, counts) = folder.load_cached(later());
    assert_eq!(
        counts.parsed, 0,
        "trusted once a load a tick later wrote the cache"
    );
}

/// Where the cache of `folder` keeps the memo of its resolution.
fn memo_span(folder: &Folder) -> std::ops::Range<usize> {
    let reader = store::Reader::open(&folder.cache_file(), &build_id()).unwrap();
    let span = reader.unwrap().index.memo.expect("a memo");
    span.offset as usize..(span.offset + span.len) as usize
}

#[test]
fn a_damaged_cache_is_rebuilt_with_one_warning() {
    let folder = cached_folder();
    let whole = std::fs::read(folder.cache_file()).unwrap();
    // The memo is read only when a file changed (a_damaged_memo_is_refused_when_needed).
    let memo = memo_span(&folder);
    let step = (whole.len() / 40).max(1);
    for at in (0..whole.len()).step_by(step) {
        std::fs::write(folder.cache_file(), &whole[..at]).unwrap();
        let (_, problems) = folder.agree();
        assert_eq!(problems.len(), 1, "cut at {at}: {problems:?}");
        assert!(
            problems[0].message.starts_with("cache rebuilt: "),
            "{problems:?}"
        );
        let mut flipped = whole.clone();
        flipped[at] ^= 0x20;
        std::fs::write(folder.cache_file(), &flipped).unwrap();
        let (_, problems) = folder.agree();
        let warned = usize::from(!memo.contains(&at));
        assert_eq!(problems.len(), warned, "byte {at} flipped: {problems:?}");
        let (counts, problems) = folder.agree();
        assert_eq!((counts.parsed, problems), (0, vec![]), "rebuilt at {at}");
    }
}

#[test]
fn an_unchanged_corpus_is_read_where_the_cache_holds_it_in_runs_in_order() {
    // More files than a run holds, documents made and documents kept packed.
    let mut folder = Folder::new();
    let names: Vec<String> = (0..3 * IN_PLACE_RUN + 5)
        .map(|n| format!("f{n:03}.txt"))
        .collect();
    for (n, name) in names.iter().enumerate() {
        folder.write(name, TEXTS[n % 4]);
    }
    folder.write("packed.json", TEXTS[4]);
    let (corpus, _) = folder.load_cached(later());
    let ids: Vec<String> = (corpus.unwrap().documents.iter())
        .map(|d| d.id.clone())
        .collect();
    let look = |run: &mut Vec<String>, documents: &ArchivedDocuments| {
        let each = documents.each(|doc| match doc {
            Seen::Archived(doc) => run.push(format!("archived {}", doc.id)),
            Seen::Unpacked(doc) => run.push(format!("unpacked {}", doc.id)),
        });
        each.ok()
    };
    let options = folder.options(true);
    let (listing, runs) = load::cached_in_place(&options, |_| true, look).expect("in place");
    assert_eq!(listing, folder.fresh_listing().unwrap());
    assert_eq!(runs.len(), 4, "runs of {IN_PLACE_RUN} files");
    let read: Vec<String> = runs.concat();
    let expected: Vec<String> = (ids.iter())
        .map(|id| match id.as_str() {
            "back" => "unpacked back".to_string(),
            id => format!("archived {id}"),
        })
        .collect();
    assert_eq!(read, expected);
    // Refused by what it listed, or a file changed: none.
    assert!(load::cached_in_place(&options, |_| false, look).is_none());
    folder.write("f000.txt", TEXTS[2]);
    assert!(load::cached_in_place(&options, |_| true, look).is_none());
}

#[test]
fn an_unchanged_corpus_is_listed_without_a_record_and_a_damaged_listing_is_made_again() {
    let folder = cached_folder();
    let listing = folder.fresh_listing();
    assert!(listing.as_ref().is_some_and(|l| !l.rows.is_empty()));
    let whole = std::fs::read(folder.cache_file()).unwrap();
    let index = (store::Reader::open(&folder.cache_file(), &build_id()).unwrap())
        .unwrap()
        .index;
    // Every record damaged: the listing is read all the same, as no record is.
    let mut damaged = whole.clone();
    for span in index.files.iter().filter_map(|entry| entry.record) {
        damaged[span.offset as usize] ^= 0x20;
    }
    std::fs::write(folder.cache_file(), &damaged).unwrap();
    assert_eq!(folder.cached_listing(), listing);
    // The listing damaged: refused, and the next load makes it again, with one warning.
    let span = index.listing.expect("a listing");
    let mut damaged = whole;
    damaged[(span.offset + span.len / 2) as usize] ^= 0x20;
    std::fs::write(folder.cache_file(), &damaged).unwrap();
    assert_eq!(folder.cached_listing(), None);
    let (counts, problems) = folder.agree();
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        (counts.parsed, messages),
        (0, vec!["cache rebuilt: it was damaged (listing)"])
    );
    assert_eq!(folder.cached_listing(), listing);
}

#[test]
fn a_load_that_resolves_nothing_keeps_the_memo_for_the_next_that_does() {
    let mut folder = cached_folder();
    folder.write("a.txt", TEXTS[1]);
    CLOCK.set(Some(later()));
    load::load_unresolved(&folder.options(true)).unwrap();
    CLOCK.set(None);
    let _ = memo_span(&folder);
    let (counts, problems) = folder.agree();
    assert_eq!((counts.parsed, problems), (0, vec![]));
}

#[test]
fn a_damaged_memo_is_refused_when_needed() {
    let mut folder = cached_folder();
    let mut damaged = std::fs::read(folder.cache_file()).unwrap();
    let memo = memo_span(&folder);
    damaged[memo.start + memo.len() / 2] ^= 0x20;
    std::fs::write(folder.cache_file(), &damaged).unwrap();
    folder.write("a.txt", TEXTS[1]);
    let (counts, problems) = folder.agree();
    assert_eq!(counts.parsed, 1);
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(messages, ["cache rebuilt: it was damaged (memo)"]);
    assert_eq!(
        folder.agree(),
        (
            Counts {
                cached: NAMES.len(),
                ..Counts::default()
            },
            vec![]
        )
    );
}

#[test]
fn a_cache_from_another_version_is_rebuilt_with_one_warning() {
    let folder = cached_folder();
    let writer = store::Writer::create(&folder.cache_file(), "tread 0.0.1").unwrap();
    writer.commit(&folder.cache_file()).unwrap();
    let (counts, problems) = folder.agree();
    assert_eq!(counts.parsed, NAMES.len());
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].message,
        "cache rebuilt: written by another version of tread"
    );
    assert_eq!(folder.agree().0.parsed, 0);
}

#[test]
fn a_cache_that_cannot_be_written_is_said_once_and_the_corpus_still_loads() {
    let folder = cached_folder();
    let blocked = tempfile::NamedTempFile::new().unwrap();
    let options = LoadOptions {
        cache: Some(blocked.path().join("tread")),
        ..folder.options(true)
    };
    let corpus = load::load(&options).unwrap();
    let about_cache: Vec<_> = (corpus.problems.iter())
        .filter(|p| p.message.starts_with("cache not written"))
        .collect();
    assert_eq!(about_cache.len(), 1, "{:?}", corpus.problems);
    assert_eq!(corpus.documents, folder.load_fresh().unwrap().documents);
}

#[test]
fn loads_at_once_on_one_cache_each_get_the_corpus_and_leave_a_whole_cache() {
    let folder = cached_folder();
    std::fs::remove_file(folder.cache_file()).unwrap();
    let fresh = folder.load_fresh().unwrap();
    std::thread::scope(|scope| {
        let loads: Vec<_> = (0..4)
            .map(|_| scope.spawn(|| folder.load_cached(later())))
            .collect();
        for load in loads {
            assert_eq!(load.join().unwrap().0.unwrap().documents, fresh.documents);
        }
    });
    let (counts, problems) = folder.agree();
    assert_eq!((counts.parsed, problems), (0, vec![]));
}

/// An edit to the folder between two loads.
#[derive(Debug, Clone)]
enum Edit {
    Write { name: usize, text: usize },
    Remove(usize),
    Rename { from: usize, to: usize },
    Touch(usize),
    Glossary(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let name = 0..NAMES.len() + 2;
    prop_oneof![
        (name.clone(), 0..TEXTS.len()).prop_map(|(name, text)| Edit::Write { name, text }),
        name.clone().prop_map(Edit::Remove),
        (name.clone(), name.clone()).prop_map(|(from, to)| Edit::Rename { from, to }),
        name.prop_map(Edit::Touch),
        (0..GLOSSARIES.len()).prop_map(Edit::Glossary),
    ]
}

/// The name of file `at`: the usual ones, and two more to add.
fn name(at: usize) -> String {
    NAMES
        .get(at)
        .map_or(format!("new{at}.txt"), |n| n.to_string())
}

impl Folder {
    fn apply(&mut self, edit: &Edit) {
        let exists = |folder: &Folder, at: usize| folder.path(&name(at)).is_file();
        match *edit {
            Edit::Write { name: at, text } => self.write(&name(at), TEXTS[text]),
            Edit::Remove(at) if exists(self, at) => {
                std::fs::remove_file(self.path(&name(at))).unwrap()
            }
            Edit::Rename { from, to } if exists(self, from) => {
                std::fs::rename(self.path(&name(from)), self.path(&name(to))).unwrap()
            }
            Edit::Touch(at) if exists(self, at) => self.stamp(&name(at)),
            Edit::Glossary(text) => self.write("organisations.toml", GLOSSARIES[text]),
            Edit::Remove(_) | Edit::Rename { .. } | Edit::Touch(_) => {}
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn after_any_edits_a_load_through_the_cache_is_a_fresh_load(
        edits in proptest::collection::vec((edit(), any::<bool>()), 1..10)
    ) {
        let mut folder = cached_folder();
        for (edit, at_write) in &edits {
            folder.apply(edit);
            // As the UI loads, or as the commands do.
            folder.encoding = match at_write {
                true => Encoding::AtWrite,
                false => Encoding::AsRead,
            };
            let (_, problems) = folder.agree();
            prop_assert_eq!(problems, vec![]);
        }
        let (counts, _) = folder.agree();
        prop_assert_eq!(counts.parsed, 0, "nothing edited since the last load");
    }
}

/// Copies the folder `from` into `to`, every file stamped a day ago.
fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        match path.is_dir() {
            true => copy_folder(&path, &target),
            false => {
                std::fs::copy(&path, &target).unwrap();
                let file = std::fs::File::options().write(true).open(&target).unwrap();
                file.set_modified(SystemTime::now() - Duration::from_secs(86_400))
                    .unwrap();
            }
        }
    }
}

#[test]
fn an_archive_read_with_its_other_parts_is_cached_until_any_part_changes() {
    let mut folder = Folder::new();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/x-archive");
    copy_folder(&fixture, folder.dir.path());
    let parts = folder.dir.path().join("data");
    let (_, problems) = folder.agree();
    assert_eq!(problems, vec![]);
    let (counts, _) = folder.agree();
    assert_eq!(
        counts.parsed, 0,
        "the archive, its parts unchanged, comes from the cache"
    );
    // A part read with the first changes.
    let part = parts.join("tweets-part1.js");
    let text = std::fs::read_to_string(&part).unwrap();
    assert!(text.contains("window.YTD.tweets.part1"), "{text}");
    folder.write(
        "data/tweets-part1.js",
        &text.replacen("\"full_text\" : \"", "\"full_text\" : \"Edited. ", 1),
    );
    assert_eq!(folder.agree().0.parsed, 1);
    assert_eq!(folder.agree().0.parsed, 0);
    // A part appears.
    let more = text
        .replace("part1", "part2")
        .replace("\"id_str\" : \"", "\"id_str\" : \"9");
    folder.write("data/tweets-part2.js", &more);
    assert_eq!(folder.agree().0.parsed, 1);
}
