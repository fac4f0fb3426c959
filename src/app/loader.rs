//! Loading in the background, for the UI: threads of its own read the corpus a batch at a
//! time ([`load::stream`]) and sends each batch as it comes, then borrows the documents
//! back to resolve them ([`load::Listed::resolve_unwritten`]) while the UI keeps showing
//! them, and writes the cache once the UI has the resolution.

use super::Loaded;
use crate::cache::Encoding;
use crate::corpus::load::{self, LoadError, LoadOptions, Resolved};
use crate::corpus::{Corpus, Glossary, Held, Problem};
use std::cell::OnceCell;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};

/// What a load in the background reports, in this order: documents as they are parsed, a
/// request for them back, the resolution (or what the receiver asked to have made of it,
/// `T`), then that the cache is written.
#[derive(Debug)]
pub enum Progress<T = Loaded> {
    /// More documents, parsed but not yet resolved (organisations and repeated threads come
    /// with the resolution); `done` of `total` files are read.
    Parsed {
        documents: Held,
        done: usize,
        total: usize,
    },
    /// Every file is read. The receiver answers with the documents it was sent, in order, as
    /// one shared corpus: they are resolved from there while it keeps showing them, so no
    /// second copy of the documents is ever made.
    Listed(Sender<Arc<Corpus>>),
    /// The resolution, to apply to the documents, with the problems met; or why nothing
    /// loaded.
    Finished(Result<T, LoadError>),
    /// After a resolution, last: the cache is written (when the load keeps one), after the
    /// resolution so as not to hold it up; or why it could not be.
    Written(Option<Problem>),
}

/// Loads the corpus on threads of its own, sending [`Progress`] as it goes: the first
/// documents arrive after a few dozen files, later batches grow so that the receiver's
/// work per batch stays small against the whole. The explicit glossary is read first, so
/// a broken one is reported before anything else happens. `finish` runs on the loading
/// threads too, with the shared corpus and its resolution: whatever the receiver builds
/// from the whole corpus is built there, not where keys wait.
pub fn load_in_background<T: Send + 'static>(
    options: &LoadOptions,
    finish: impl FnOnce(&Corpus, Resolved) -> T + Send + 'static,
) -> Result<Receiver<Progress<T>>, LoadError> {
    load_in_background_after(options, None, finish)
}

/// The glossary the options name, read.
fn explicit_glossary(options: &LoadOptions) -> Result<Option<Glossary>, LoadError> {
    let glossary = options.glossary.as_deref().map(Glossary::load);
    Ok(glossary.transpose()?)
}

/// [`load_in_background`], its files read once `after` says so (or hangs up): once the
/// files are watched, so that no change made while they are read is missed.
pub fn load_in_background_after<T: Send + 'static>(
    options: &LoadOptions,
    after: Option<Receiver<()>>,
    finish: impl FnOnce(&Corpus, Resolved) -> T + Send + 'static,
) -> Result<Receiver<Progress<T>>, LoadError> {
    let explicit = explicit_glossary(options)?;
    let options = options.clone();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        // Read before, so that a broken glossary is said before the screen is taken; read
        // again once watched, as an edit made before the watches were in place is not told.
        let explicit = match after {
            Some(after) => {
                let _ = after.recv();
                match explicit_glossary(&options) {
                    Ok(explicit) => explicit,
                    Err(error) => {
                        let _ = send.send(Progress::Finished(Err(error)));
                        return;
                    }
                }
            }
            None => explicit,
        };
        in_a_pool_of_its_own(LOADER, move || {
            // The receiver going away (the app quit) ends the load: nothing else to do.
            // Shown as they come: a new cache's records are encoded once the load is shown.
            let listed = load::stream(&options, explicit, Encoding::AtWrite, |batch| {
                let (done, total) = (batch.done, batch.total);
                // Files of many small documents stay packed, as the load kept them.
                let mut documents = Held::default();
                batch.for_each_kept(|document, packed| match packed {
                    true => documents.push_packed(&document),
                    false => documents.push_made(document),
                });
                documents.finish();
                let progress = Progress::Parsed {
                    documents,
                    done,
                    total,
                };
                send.send(progress).is_ok()
            });
            let listed = match listed {
                None => return,
                Some(Err(error)) => {
                    let _ = send.send(Progress::Finished(Err(error)));
                    return;
                }
                Some(Ok(listed)) => listed,
            };
            let (give, take) = std::sync::mpsc::channel();
            if send.send(Progress::Listed(give)).is_err() {
                return;
            }
            let Ok(corpus) = take.recv() else {
                return;
            };
            let room = OnceCell::new();
            let (resolved, unwritten) = listed.resolve_unwritten(&corpus.documents, &room);
            let finished = finish(&corpus, resolved);
            // Let go before answering, so the receiver holds the only reference and applies the
            // resolution in place.
            drop(corpus);
            if send.send(Progress::Finished(Ok(finished))).is_ok() {
                let _ = send.send(Progress::Written(unwritten.write()));
            }
        })
    });
    Ok(receive)
}

/// Runs `work`, background work done on every core (a load, a reload), in a pool of
/// threads of its own, named `name` and a number. The UI's own work on every core (a
/// search) goes to rayon's global pool, whose threads take a job from outside only once
/// their own are done: queued behind a load's files there, a key waited for most of the load.
pub(crate) fn in_a_pool_of_its_own<T: Send>(name: &str, work: impl FnOnce() -> T + Send) -> T {
    let prefix = name.to_string();
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(move |i| format!("{prefix}-{i}"))
        .build();
    match pool {
        Ok(pool) => pool.install(work),
        // No threads to be had: the work shares the global pool, as it did before.
        Err(_) => work(),
    }
}

/// The names of the threads of a load in the background (and a number).
pub(crate) const LOADER: &str = "tread-load";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::load::{LoadError, load};
    use std::path::Path;

    /// A folder of `n` small threads, and a file that is not text.
    fn folder(n: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..n {
            let text = format!("Note {i} about the Care Review and @FamilyRightsGp.\n");
            std::fs::write(dir.path().join(format!("n{i:04}.txt")), text).unwrap();
        }
        std::fs::write(dir.path().join("broken.bin"), b"\x00\x01\x02binary").unwrap();
        dir
    }

    /// A load of the folder `dir` without a cache.
    fn uncached(dir: &Path) -> LoadOptions {
        LoadOptions {
            paths: vec![dir.to_path_buf()],
            glossary: None,
            cache: None,
        }
    }

    #[test]
    fn a_load_after_the_watches_sends_nothing_before_they_are_in_place() {
        let dir = folder(3);
        let options = uncached(dir.path());
        let (placed, in_place) = std::sync::mpsc::channel();
        let receiver =
            load_in_background_after(&options, Some(in_place), |_, resolved| resolved).unwrap();
        let waited = receiver.recv_timeout(std::time::Duration::from_millis(300));
        assert!(
            waited.is_err(),
            "nothing is read before the watches are in place"
        );
        placed.send(()).unwrap();
        let first = receiver.recv_timeout(std::time::Duration::from_secs(10));
        assert!(
            matches!(first, Ok(Progress::Parsed { .. })),
            "then the files are read"
        );
        // A glossary given by name, edited before the watches are in place: the load
        // reads the one edited.
        let glossary = dir.path().join("given.toml");
        std::fs::write(&glossary, "[organisations]\n\"Alpha Trust\" = []\n").unwrap();
        let named = LoadOptions {
            glossary: Some(glossary.clone()),
            ..options.clone()
        };
        let (placed, in_place) = std::sync::mpsc::channel();
        let receiver = load_in_background_after(&named, Some(in_place), |_, resolved| resolved);
        let receiver = receiver.unwrap();
        std::fs::write(&glossary, "[organisations\n").unwrap();
        placed.send(()).unwrap();
        let first = receiver.recv_timeout(std::time::Duration::from_secs(10));
        assert!(
            matches!(first, Ok(Progress::Finished(Err(_)))),
            "the glossary read again"
        );
        // Watching that failed (the sender gone) does not hold the load up.
        let (placed, in_place) = std::sync::mpsc::channel::<()>();
        drop(placed);
        let receiver =
            load_in_background_after(&options, Some(in_place), |_, resolved| resolved).unwrap();
        let first = receiver.recv_timeout(std::time::Duration::from_secs(10));
        assert!(matches!(first, Ok(Progress::Parsed { .. })));
    }

    #[test]
    fn a_background_load_sends_growing_batches_then_the_same_corpus_as_load() {
        let dir = folder(300);
        let options = uncached(dir.path());
        let receiver = load_in_background(&options, |_, resolved| resolved).unwrap();
        let mut listed = Corpus::default();
        let mut batches = Vec::new();
        let mut shared = None;
        let resolved = loop {
            match receiver.recv().unwrap() {
                Progress::Parsed {
                    documents,
                    done,
                    total,
                } => {
                    assert_eq!(total, 301);
                    batches.push(done);
                    listed.documents.append(documents);
                }
                Progress::Listed(reply) => {
                    let corpus = Arc::new(std::mem::take(&mut listed));
                    reply.send(Arc::clone(&corpus)).unwrap();
                    shared = Some(corpus);
                }
                Progress::Finished(result) => break result.unwrap(),
                Progress::Written(_) => unreachable!("the cache is written after the end"),
            }
        };
        assert_eq!(batches, [64, 192, 301], "batches double");
        let mut corpus = shared.expect("the documents were asked for");
        let finished = Arc::get_mut(&mut corpus).expect("the loader let go of them");
        resolved.apply(finished);
        let whole = load(&options).unwrap();
        assert_eq!(finished.documents, whole.documents);
        assert_eq!(finished.org_variants, whole.org_variants);
        assert_eq!(finished.problems, whole.problems);
        assert_eq!(finished.problems.len(), 1);
    }

    #[test]
    fn a_background_load_writes_its_cache_after_it_finishes_and_says_so() {
        let (dir, cache) = (folder(20), tempfile::tempdir().unwrap());
        // Older than a tick of the load, so that the cache keeps every file.
        std::thread::sleep(std::time::Duration::from_millis(2100));
        let options = LoadOptions {
            cache: Some(cache.path().to_path_buf()),
            ..uncached(dir.path())
        };
        let receiver = load_in_background(&options, |_, resolved| resolved).unwrap();
        let mut listed = Corpus::default();
        let mut order = Vec::new();
        for progress in receiver {
            match progress {
                Progress::Parsed { documents, .. } => listed.documents.append(documents),
                Progress::Listed(reply) => {
                    reply.send(Arc::new(std::mem::take(&mut listed))).unwrap();
                }
                Progress::Finished(result) => {
                    assert!(result.unwrap().facets.is_some());
                    order.push("finished");
                }
                Progress::Written(problem) => {
                    assert_eq!(problem, None);
                    order.push("written");
                }
            }
        }
        assert_eq!(order, ["finished", "written"]);
        // Written whole: the memo is kept, and the facets are answered from the cache alone.
        let file = crate::cache::file_for(cache.path(), &options.paths);
        let reader = crate::cache::store::Reader::open(&file, &crate::cache::build_id());
        let index = reader.ok().flatten().expect("the cache is written").index;
        assert!(index.memo.is_some() && index.resolution.is_some());
        let (listing, facets) = load::cached_facets(&options).expect("the resolution is kept");
        assert_eq!(listing.rows.len(), 20);
        let whole = load(&uncached(dir.path())).unwrap();
        let built = crate::facets::Facets::build(&whole);
        assert_eq!(facets, crate::facets::Shown::from(built));
    }

    #[test]
    fn a_background_load_leaves_the_global_pool_to_the_ui() {
        // The UI's searches run on rayon's global pool, whose threads would take them only
        // once the load's files queued there were read. The load runs, to its end, on
        // threads of its own.
        let dir = folder(100);
        let options = uncached(dir.path());
        let on_thread = |_: &Corpus, _| std::thread::current().name().map(String::from);
        let receiver = load_in_background(&options, on_thread).unwrap();
        let mut listed = Corpus::default();
        let finished_on = loop {
            match receiver.recv().unwrap() {
                Progress::Parsed { documents, .. } => listed.documents.append(documents),
                Progress::Listed(reply) => {
                    reply.send(Arc::new(std::mem::take(&mut listed))).unwrap();
                }
                Progress::Finished(result) => break result.unwrap(),
                Progress::Written(_) => unreachable!("the cache is written after the end"),
            }
        };
        let name = finished_on.expect("the load's threads are named");
        assert!(name.starts_with(LOADER), "{name}");
    }

    #[test]
    fn a_background_load_of_nothing_finishes_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let options = uncached(&dir.path().join("missing"));
        let receiver = load_in_background(&options, |_, resolved| resolved).unwrap();
        let Progress::Finished(Err(LoadError::Empty { problems, .. })) = receiver.recv().unwrap()
        else {
            panic!("expected an empty load");
        };
        assert_eq!(problems.len(), 1);
        let broken = LoadOptions {
            paths: Vec::new(),
            glossary: Some(dir.path().join("no-glossary.toml")),
            cache: None,
        };
        assert!(
            load_in_background(&broken, |_, resolved| resolved).is_err(),
            "an explicit glossary is read first"
        );
    }
}
