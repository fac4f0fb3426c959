//! Watching the opened files and folders while the UI is open, so that the collection can
//! be loaded again when they change. The file system's events (inotify, FSEvents… through
//! `notify`) are sifted — what the loader never reads is not a change — and gathered until
//! the files have been quiet for a moment, so that a burst of writes (an editor's save, a
//! folder copied in) is one reload, not hundreds.

use notify::event::{AccessKind, AccessMode, Event, EventKind};
use notify::{RecursiveMode, Watcher};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long the files must be quiet before a change is told.
const QUIET: Duration = Duration::from_millis(200);
/// The longest a change waits to be told while writes go on (a long copy is shown as it
/// grows, not only at its end).
const LONGEST: Duration = Duration::from_secs(2);

/// What the watch tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum News {
    /// Files changed, came or went; they have been quiet since.
    Changed,
    /// A path cannot be watched: its changes will not be seen (why, in one line).
    Unwatched(String),
}

/// What to watch, and what not to count as a change.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    /// The opened files and folders (folders with everything under them), and an explicit
    /// glossary.
    pub paths: Vec<PathBuf>,
    /// Paths whose changes are tread's own (the cache, the review file): never a change.
    pub ignored: Vec<PathBuf>,
}

/// What watching sends: news of the files, and word (or a hang-up, should watching fail)
/// once the watches are in place.
pub struct Watching {
    pub news: mpsc::Receiver<News>,
    /// A change made after this is told, even one made while the files are first read: a
    /// load waits for it before reading them.
    pub in_place: mpsc::Receiver<()>,
}

/// Starts watching `targets` on a thread of its own, which puts the watches in place (on a
/// folder of 20,000 files that took 60-80 ms, which the first frame no longer waits for),
/// says so, then sends [`News`] until the receiver is dropped.
pub fn start(targets: Targets) -> Watching {
    let (tell, news) = mpsc::channel();
    let (placed, in_place) = mpsc::channel();
    std::thread::spawn(move || {
        let Some((_watcher, events, sieve)) = place_watches(targets, &tell) else {
            return;
        };
        let _ = placed.send(());
        // The watcher lives as long as this loop: dropping it stops the watching.
        let mut told = HashSet::new();
        while let Some(failures) = settle(&events, &sieve) {
            // A failure is told once (it may come back with every event), then the change.
            let failures = failures.into_iter().filter(|f| told.insert(f.clone()));
            let news = failures.map(News::Unwatched).chain([News::Changed]);
            for news in news {
                if tell.send(news).is_err() {
                    return;
                }
            }
        }
    });
    Watching { news, in_place }
}

/// A watcher with watches on `targets`, the events it sends and the sieve they go through;
/// `None` when there can be no watcher. What cannot be watched is told on `tell`.
fn place_watches(
    targets: Targets,
    tell: &mpsc::Sender<News>,
) -> Option<(
    notify::RecommendedWatcher,
    mpsc::Receiver<notify::Result<Event>>,
    Sieve,
)> {
    let (send, events) = mpsc::channel();
    let watcher = notify::recommended_watcher(move |event| {
        let _ = send.send(event);
    });
    let mut watcher = match watcher {
        Ok(watcher) => watcher,
        Err(error) => {
            let _ = tell.send(News::Unwatched(unwatched(None, &error)));
            return None;
        }
    };
    let sieve = Sieve::new(targets);
    for (path, mode) in sieve.watches() {
        if let Err(error) = watcher.watch(&path, mode) {
            let shown = crate::corpus::sanitise::printable_path(&path);
            let _ = tell.send(News::Unwatched(unwatched(Some(&shown), &error)));
        }
    }
    Some((watcher, events, sieve))
}

/// Waits for a change that matters, then until the files are quiet ([`QUIET`]) or the
/// change has waited [`LONGEST`]; `None` once no more events can come. Returns the
/// watcher's failures met meanwhile, in words (each also counts as a change: it may hide
/// one).
fn settle(events: &mpsc::Receiver<notify::Result<Event>>, sieve: &Sieve) -> Option<Vec<String>> {
    let mut failures = Vec::new();
    let mut matters = |event: notify::Result<Event>| match event {
        Ok(event) => sieve.matters(&event),
        Err(error) => {
            failures.push(unwatched(None, &error));
            true
        }
    };
    while !matters(events.recv().ok()?) {}
    let first = Instant::now();
    let mut last = first;
    loop {
        let until = (last + QUIET).min(first + LONGEST);
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        match events.recv_timeout(left) {
            // A change that matters starts the quiet time again; any other event does not.
            Ok(event) => {
                if matters(event) {
                    last = Instant::now();
                }
            }
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
    Some(failures)
}

/// The one-line reason a path cannot be watched.
fn unwatched(path: Option<&str>, error: &notify::Error) -> String {
    let why = match &error.kind {
        notify::ErrorKind::MaxFilesWatch => {
            "the system's limit of watched folders is reached (fs.inotify.max_user_watches)"
                .to_string()
        }
        _ => crate::corpus::sanitise::printable(&error.to_string()),
    };
    match path {
        Some(path) => format!("not watching {path} for changes: {why}"),
        None => format!("not watching for changes: {why}"),
    }
}

/// Which events are changes to the collection.
#[derive(Debug)]
struct Sieve {
    /// Opened folders, watched with everything under them.
    folders: Vec<PathBuf>,
    /// Opened files, watched through their folders (an editor that saves by replacing
    /// the file would end a watch on the file itself).
    files: Vec<PathBuf>,
    ignored: Vec<PathBuf>,
}

impl Sieve {
    /// Paths made absolute, as the events name them. An opened file's folder may hold
    /// the glossary the loader reads beside it.
    fn new(targets: Targets) -> Sieve {
        let absolute = |p: &PathBuf| std::path::absolute(p).unwrap_or_else(|_| p.clone());
        let (folders, mut files): (Vec<_>, Vec<_>) =
            (targets.paths.iter().map(absolute)).partition(|p| p.is_dir());
        let glossaries: Vec<PathBuf> = (files.iter())
            .filter_map(|f| f.parent())
            .map(|folder| folder.join(crate::corpus::load::GLOSSARY_FILE))
            .collect();
        files.extend(glossaries);
        Sieve {
            folders,
            files,
            ignored: targets.ignored.iter().map(|p| real(p)).collect(),
        }
    }

    /// What to ask the watcher for: each folder with everything under it, each file's
    /// folder alone.
    fn watches(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let folders = (self.folders.iter()).map(|f| (f.clone(), RecursiveMode::Recursive));
        let parents = (self.files.iter())
            .filter_map(|f| f.parent())
            .map(|p| (p.to_path_buf(), RecursiveMode::NonRecursive));
        let mut watches: Vec<_> = folders.chain(parents).collect();
        watches.sort();
        watches.dedup();
        watches
    }

    /// Whether an event can change what a load reads. Reading is not a change (the
    /// reload's own reads would start another); a lost event may hide one.
    fn matters(&self, event: &Event) -> bool {
        if event.need_rescan() {
            return true;
        }
        let writes = match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
            EventKind::Access(_) => false,
            _ => true,
        };
        writes && event.paths.iter().any(|p| self.read(p))
    }

    /// Whether a load reads `path` (or what is under it): an opened file, or a path under
    /// an opened folder that is not hidden (the loader skips those, and the cache under
    /// `~/.cache` is one); never tread's own files.
    fn read(&self, path: &Path) -> bool {
        // Compared as the file system resolves them: tread's own files may be named
        // through a link, or with `..`, and the events through the opened path.
        if !self.ignored.is_empty() {
            let path = real(path);
            if self.ignored.iter().any(|i| path.starts_with(i)) {
                return false;
            }
        }
        if self.files.iter().any(|f| f == path) {
            return true;
        }
        let hidden = |below: &Path| {
            (below.components()).any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        };
        (self.folders.iter()).any(|f| path.strip_prefix(f).is_ok_and(|below| !hidden(below)))
    }
}

/// `path` with its links and `..` resolved, as far as it exists (a file removed already,
/// or a cache not yet made, is named under its folder's real path).
fn real(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    match (path.parent(), path.file_name()) {
        (Some(folder), Some(name)) => real(folder).join(name),
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, ModifyKind};

    fn event(kind: EventKind, path: &Path) -> Event {
        Event::new(kind).add_path(path.to_path_buf())
    }

    #[test]
    fn only_writes_to_what_the_loader_reads_are_changes() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("notes");
        std::fs::create_dir(&folder).unwrap();
        let file = dir.path().join("thread.md");
        std::fs::write(&file, "a thread").unwrap();
        let cache = folder.join("cache");
        // The review named through a link to the folder: still tread's own.
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&folder, &link).unwrap();
        let sieve = Sieve::new(Targets {
            paths: vec![folder.clone(), file.clone()],
            ignored: vec![cache.clone(), link.join("review.jsonl")],
        });
        let created = EventKind::Create(CreateKind::File);
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let opened = EventKind::Access(AccessKind::Open(AccessMode::Read));
        let data = EventKind::Modify(ModifyKind::Any);
        assert!(sieve.matters(&event(created, &folder.join("new.md"))));
        assert!(sieve.matters(&event(data, &folder.join("sub/deeper.txt"))));
        assert!(sieve.matters(&event(closed, &file)));
        assert!(sieve.matters(&event(data, &folder.join("organisations.toml"))));
        assert!(
            sieve.matters(&event(data, &dir.path().join("organisations.toml"))),
            "the glossary beside an opened file is read with it"
        );
        assert!(!sieve.matters(&event(opened, &file)), "a read is no change");
        assert!(!sieve.matters(&event(data, &folder.join(".draft.md.swp"))));
        assert!(!sieve.matters(&event(data, &folder.join(".git/index"))));
        assert!(!sieve.matters(&event(data, &cache.join("x.cache"))));
        assert!(!sieve.matters(&event(data, &folder.join("review.jsonl"))));
        assert!(
            !sieve.matters(&event(data, &dir.path().join("other.md"))),
            "a file beside an opened file is not read"
        );
        let watches = sieve.watches();
        assert_eq!(
            watches,
            [
                (dir.path().to_path_buf(), RecursiveMode::NonRecursive),
                (folder, RecursiveMode::Recursive)
            ]
        );
    }

    #[test]
    fn a_burst_of_writes_is_one_change_told_once_quiet() {
        let dir = tempfile::tempdir().unwrap();
        let watching = start(Targets {
            paths: vec![dir.path().to_path_buf()],
            ignored: Vec::new(),
        });
        // The watches are in place once `start` says so: the first write is seen.
        assert_eq!(
            watching.in_place.recv_timeout(Duration::from_secs(10)),
            Ok(())
        );
        let told = watching.news;
        std::fs::write(dir.path().join("probe.md"), "probe").unwrap();
        assert_eq!(
            told.recv_timeout(Duration::from_secs(10)),
            Ok(News::Changed)
        );
        for i in 0..20 {
            std::fs::write(dir.path().join(format!("n{i}.md")), "a note").unwrap();
        }
        assert_eq!(
            told.recv_timeout(Duration::from_secs(10)),
            Ok(News::Changed)
        );
        assert!(
            told.recv_timeout(QUIET * 3).is_err(),
            "twenty writes in a burst are told once"
        );
        // Reading the files is not a change.
        for i in 0..20 {
            std::fs::read(dir.path().join(format!("n{i}.md"))).unwrap();
        }
        assert!(
            told.recv_timeout(QUIET * 3).is_err(),
            "reads are not changes"
        );
    }

    #[test]
    fn a_path_that_cannot_be_watched_is_told_in_words() {
        let dir = tempfile::tempdir().unwrap();
        let told = start(Targets {
            paths: vec![dir.path().join("gone/deeper.txt")],
            ignored: Vec::new(),
        })
        .news;
        let Ok(News::Unwatched(why)) = told.recv_timeout(Duration::from_secs(10)) else {
            panic!("a folder that is not there is told");
        };
        assert!(why.starts_with("not watching "), "{why}");
        assert!(why.contains("for changes: "), "{why}");
    }
}
