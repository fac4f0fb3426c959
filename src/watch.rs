//! Watching the opened files and folders while the UI is open, so that the collection can
//! be loaded again when they change. The file system's events (inotify, FSEvents… through
//! `notify`) are sifted — what the loader never reads is not a change — and gathered until
//! the files have been quiet for a moment, so that a burst of writes (an editor's save, a
//! folder copied in) is one reload, not hundreds.

use notify::event::{AccessKind, AccessMode, Event, EventKind};
use notify::{RecursiveMode, Watcher};
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

/// Watches `targets` on a thread of its own, calling `tell` with each piece of [`News`];
/// it stops once `tell` returns false (nobody listens any more).
pub fn start(targets: Targets, mut tell: impl FnMut(News) -> bool + Send + 'static) {
    std::thread::spawn(move || {
        let (send, events) = mpsc::channel();
        let watcher = notify::recommended_watcher(move |event| {
            let _ = send.send(event);
        });
        let mut watcher = match watcher {
            Ok(watcher) => watcher,
            Err(error) => {
                tell(News::Unwatched(unwatched(None, &error)));
                return;
            }
        };
        let sieve = Sieve::new(targets);
        for (path, mode) in sieve.watches() {
            if let Err(error) = watcher.watch(&path, mode) {
                let shown = crate::corpus::sanitise::printable_path(&path);
                if !tell(News::Unwatched(unwatched(Some(&shown), &error))) {
                    return;
                }
            }
        }
        // The watcher lives as long as this loop: dropping it stops the watching.
        while let Some(()) = settle(&events, &sieve) {
            if !tell(News::Changed) {
                return;
            }
        }
        drop(watcher);
    });
}

/// Waits for a change that matters, then until the files are quiet ([`QUIET`]) or the
/// change has waited [`LONGEST`]; `None` once no more events can come.
fn settle(events: &mpsc::Receiver<notify::Result<Event>>, sieve: &Sieve) -> Option<()> {
    while !sieve.matters(&events.recv().ok()?) {}
    let first = Instant::now();
    let mut last = first;
    loop {
        let until = (last + QUIET).min(first + LONGEST);
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Some(());
        }
        match events.recv_timeout(left) {
            // A change that matters starts the quiet time again; any other event does not.
            Ok(event) if sieve.matters(&event) => last = Instant::now(),
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) => return Some(()),
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
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
    /// Paths made absolute, as the events name them.
    fn new(targets: Targets) -> Sieve {
        let absolute = |p: &PathBuf| std::path::absolute(p).unwrap_or_else(|_| p.clone());
        let (folders, files) = (targets.paths.iter().map(absolute)).partition(|p| p.is_dir());
        Sieve {
            folders,
            files,
            ignored: targets.ignored.iter().map(absolute).collect(),
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

    /// Whether an event (or a failed one) can change what a load reads. Reading is not
    /// a change (the reload's own reads would start another); an error or a lost event
    /// may hide one.
    fn matters(&self, event: &notify::Result<Event>) -> bool {
        let Ok(event) = event else {
            return true;
        };
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
        if self.ignored.iter().any(|i| path.starts_with(i)) {
            return false;
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

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, ModifyKind};

    fn event(kind: EventKind, path: &Path) -> notify::Result<Event> {
        Ok(Event::new(kind).add_path(path.to_path_buf()))
    }

    #[test]
    fn only_writes_to_what_the_loader_reads_are_changes() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("notes");
        std::fs::create_dir(&folder).unwrap();
        let file = dir.path().join("thread.md");
        std::fs::write(&file, "a thread").unwrap();
        let cache = folder.join("cache");
        let sieve = Sieve::new(Targets {
            paths: vec![folder.clone(), file.clone()],
            ignored: vec![cache.clone()],
        });
        let created = EventKind::Create(CreateKind::File);
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let opened = EventKind::Access(AccessKind::Open(AccessMode::Read));
        let data = EventKind::Modify(ModifyKind::Any);
        assert!(sieve.matters(&event(created, &folder.join("new.md"))));
        assert!(sieve.matters(&event(data, &folder.join("sub/deeper.txt"))));
        assert!(sieve.matters(&event(closed, &file)));
        assert!(sieve.matters(&event(data, &folder.join("organisations.toml"))));
        assert!(!sieve.matters(&event(opened, &file)), "a read is no change");
        assert!(!sieve.matters(&event(data, &folder.join(".draft.md.swp"))));
        assert!(!sieve.matters(&event(data, &folder.join(".git/index"))));
        assert!(!sieve.matters(&event(data, &cache.join("x.cache"))));
        assert!(
            !sieve.matters(&event(data, &dir.path().join("other.md"))),
            "a file beside an opened file is not read"
        );
        assert!(sieve.matters(&Err(notify::Error::generic("queue overflow"))));
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
        let (tell, told) = mpsc::channel();
        start(
            Targets {
                paths: vec![dir.path().to_path_buf()],
                ignored: Vec::new(),
            },
            move |news| tell.send(news).is_ok(),
        );
        // The watches are set on the watch's thread: wait until a write is seen.
        let deadline = Instant::now() + Duration::from_secs(20);
        let seen = loop {
            std::fs::write(dir.path().join("probe.md"), "probe").unwrap();
            if let Ok(news) = told.recv_timeout(Duration::from_millis(500)) {
                break news;
            }
            assert!(Instant::now() < deadline, "no change seen");
        };
        assert_eq!(seen, News::Changed);
        while told.recv_timeout(QUIET * 3).is_ok() {}
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
}
