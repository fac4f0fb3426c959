//! What says a file is unchanged since it was read: its size, its modification and
//! status-change times and its inode, as git's index keeps them. The status-change time
//! cannot be set back by a program that restores a modification time (`touch -d`,
//! `rsync -t`, an unpacked archive), and any write moves it.

use std::fs::Metadata;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A file's stamp: equal stamps mean the file was not written in between, unless it was
/// written in the same instant as it was stamped (see [`Stamp::trusted_against`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Stamp {
    pub len: u64,
    /// Modification time, in nanoseconds since the epoch.
    pub modified: u64,
    /// Status-change time (Unix `ctime`), in nanoseconds since the epoch; the modification
    /// time where there is none.
    pub changed: u64,
    pub inode: u64,
    pub device: u64,
}

/// How close to a cache's writing a file may have changed and still be trusted to be
/// unchanged when its stamp is: file systems keep times as coarsely as two seconds (FAT),
/// so a file written just after it was read, in the same tick, keeps its stamp.
const TICK: Duration = Duration::from_secs(2);

impl Stamp {
    /// The stamp of a file with `meta`.
    pub fn of(meta: &Metadata) -> Stamp {
        let modified = meta.modified().map(nanos).unwrap_or(0);
        Stamp {
            len: meta.len(),
            modified,
            changed: changed(meta).unwrap_or(modified),
            inode: inode(meta).0,
            device: inode(meta).1,
        }
    }

    /// Whether a file carrying this stamp in a cache written at `written` (nanoseconds since
    /// the epoch) can be trusted to be what the cache holds when it still carries it: it
    /// last changed a tick or more before the cache was written (git's "racily clean" rule).
    /// Where there is no status-change time, the modification time stands for it.
    pub fn trusted_against(&self, written: u64) -> bool {
        // The status-change time is when the file last changed, whatever its modification
        // time was set to (a future one, from an archive unpacked in another time zone, would
        // otherwise keep the file from ever being trusted).
        self.changed.saturating_add(TICK.as_nanos() as u64) <= written
    }
}

/// Nanoseconds since the epoch (0 for times before it).
pub fn nanos(time: SystemTime) -> u64 {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    u64::try_from(since.as_nanos()).unwrap_or(u64::MAX)
}

#[cfg(unix)]
fn changed(meta: &Metadata) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    let (secs, nanos) = (u64::try_from(meta.ctime()).ok()?, meta.ctime_nsec() as u64);
    secs.checked_mul(1_000_000_000)?.checked_add(nanos)
}

#[cfg(not(unix))]
fn changed(_: &Metadata) -> Option<u64> {
    None
}

#[cfg(unix)]
fn inode(meta: &Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.ino(), meta.dev())
}

#[cfg(not(unix))]
fn inode(_: &Metadata) -> (u64, u64) {
    (0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_within_a_tick_of_the_cache_is_not_trusted() {
        let stamp = |at: u64| Stamp {
            len: 1,
            modified: at,
            changed: at,
            inode: 1,
            device: 1,
        };
        let second = 1_000_000_000;
        assert!(stamp(10 * second).trusted_against(12 * second));
        assert!(!stamp(10 * second).trusted_against(11 * second));
        assert!(!stamp(10 * second).trusted_against(9 * second));
        let restored = Stamp {
            changed: 11 * second,
            ..stamp(1)
        };
        assert!(
            !restored.trusted_against(12 * second),
            "a modification time set back does not hide a recent change"
        );
        let future = Stamp {
            modified: 99 * second,
            ..stamp(10 * second)
        };
        assert!(
            future.trusted_against(12 * second),
            "a modification time in the future does not keep a file from being trusted"
        );
    }

    #[test]
    fn a_write_changes_the_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "one").unwrap();
        let before = Stamp::of(&std::fs::metadata(&path).unwrap());
        std::fs::write(&path, "two!").unwrap();
        assert_ne!(before, Stamp::of(&std::fs::metadata(&path).unwrap()));
    }
}
