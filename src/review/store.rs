//! The review file on disk: JSON Lines, appended to and never rewritten. Each change is
//! written by one `write` under an exclusive lock and, when the reviewer made it, flushed
//! to the disk before the screen says so; another tread on the same file appends under
//! the same lock, and what it wrote is read before each of ours, so neither loses the
//! other's changes. A line that is not a record (a torn last write, a bad merge) is
//! reported with its number and skipped.

use super::record::Record;
use crate::corpus::sanitise::printable_path;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The file's first line: what it is, and the corpus it reviews.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Header {
    tread_review: u32,
    #[serde(default)]
    corpus: Vec<String>,
}

/// The version of the format this tread writes.
const VERSION: u32 = 1;

/// An open review file.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    file: File,
    /// How far the file has been read: every record before it is known.
    read_to: u64,
    /// Lines read so far, to number the next in a warning.
    lines: usize,
    /// The file does not end with a line break (a write was cut short).
    torn: bool,
}

/// What reading a review file found.
#[derive(Debug, Default)]
pub struct Contents {
    pub records: Vec<Record>,
    /// Lines skipped, each with the file and line named.
    pub warnings: Vec<String>,
    /// There was no file (read only: an empty review).
    pub missing: bool,
    /// The file was replaced since it was last read (by `git pull`, a sync tool): these are
    /// all its records, from the start, for a review to be made again from.
    pub replaced: bool,
    /// How many bytes of the file were read ([`Store::read`]): where what was written after
    /// begins ([`Store::read_after`]).
    pub end: u64,
}

/// How an append went. The records another tread wrote are read whatever happens next.
#[derive(Debug)]
pub struct Appended {
    pub others: Contents,
    /// Ours are in the file (`Ok`), flushed to the disk or not (`Some`: why not); or they
    /// are not (`Err`).
    pub written: Result<Option<StoreError>, StoreError>,
}

/// Why a review file cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("review {path}: {message}")]
pub struct StoreError {
    pub path: String,
    pub message: String,
}

impl StoreError {
    fn new(path: &Path, message: impl std::fmt::Display) -> StoreError {
        StoreError {
            path: printable_path(path),
            message: message.to_string(),
        }
    }
}

impl Store {
    /// Opens the review at `path` to read and add to, making it (and its folder) if it is
    /// not there yet, with a header naming `corpus`. Returns what it holds.
    pub fn open(path: &Path, corpus: &[String]) -> Result<(Store, Contents), StoreError> {
        let fail = |e: std::io::Error| StoreError::new(path, e);
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(fail)?;
        }
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)
            .map_err(fail)?;
        let mut store = Store {
            path: path.to_path_buf(),
            file,
            read_to: 0,
            lines: 0,
            torn: false,
        };
        store.file.lock().map_err(fail)?;
        let result = store.start(corpus);
        let _ = store.file.unlock();
        let read = result?;
        Ok((store, read))
    }

    /// Whether `path` can be opened as a review, without making it: absent, or a review
    /// this tread reads (its first line that holds anything is the header).
    pub fn check(path: &Path) -> Result<(), StoreError> {
        use std::io::BufRead;
        let file = match File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(StoreError::new(path, e)),
        };
        // A line as long as a whole file is no header: read a bounded start.
        let mut lines = std::io::BufReader::new(file.take(1 << 16)).lines();
        match lines.find(|l| l.as_ref().map_or(true, |l| !l.trim().is_empty())) {
            Some(Ok(line)) => check_header(path, &line),
            Some(Err(e)) => Err(StoreError::new(path, e)),
            None => Ok(()),
        }
    }

    /// Reads a review without opening it for writing; an absent file is an empty review.
    pub fn read(path: &Path) -> Result<Contents, StoreError> {
        let mut file = match File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let missing = Contents {
                    missing: true,
                    ..Contents::default()
                };
                return Ok(missing);
            }
            Err(e) => return Err(StoreError::new(path, e)),
        };
        file.lock_shared().map_err(|e| StoreError::new(path, e))?;
        let mut bytes = Vec::new();
        let result = file.read_to_end(&mut bytes);
        let _ = file.unlock();
        result.map_err(|e| StoreError::new(path, e))?;
        let mut read = Contents {
            end: bytes.len() as u64,
            ..Contents::default()
        };
        parse(path, &bytes, 0, &mut read)?;
        Ok(read)
    }

    /// The records written after the first `offset` bytes of the file at `path`, read
    /// before by [`Store::read`] (whole records are written under the lock, so `offset`
    /// falls between two).
    pub fn read_after(path: &Path, offset: u64) -> Result<Contents, StoreError> {
        use std::io::Seek;
        let fail = |e: std::io::Error| StoreError::new(path, e);
        let mut file = File::open(path).map_err(fail)?;
        file.lock_shared().map_err(fail)?;
        let mut bytes = Vec::new();
        let result = (file.seek(std::io::SeekFrom::Start(offset)))
            .and_then(|_| file.read_to_end(&mut bytes));
        let _ = file.unlock();
        result.map_err(fail)?;
        let mut read = Contents {
            end: offset + bytes.len() as u64,
            ..Contents::default()
        };
        // Line numbers are not known from here: a warning names the file alone.
        parse(path, &bytes, 1, &mut read)?;
        Ok(read)
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Under the lock: a header for a new file, then every record there.
    fn start(&mut self, corpus: &[String]) -> Result<Contents, StoreError> {
        let length = self.file.metadata().map_err(|e| self.error(e))?.len();
        if length == 0 {
            let header = Header {
                tread_review: VERSION,
                corpus: corpus.to_vec(),
            };
            let line = serde_json::to_string(&header).expect("a header serialises") + "\n";
            self.write_synced(line.as_bytes())?;
        }
        self.read_new()
    }

    /// Writes `records` after whatever others wrote since this process last looked, and
    /// returns those. `durable`: flushed to the disk before returning (a reviewer's change;
    /// read state is not worth a flush per post).
    pub fn append(&mut self, records: &[Record], durable: bool) -> Appended {
        let others = match self.lock_current() {
            Ok(others) => others,
            Err(error) => {
                let others = Contents::default();
                return Appended {
                    others,
                    written: Err(error),
                };
            }
        };
        let written = self.write_locked(records, durable);
        let _ = self.file.unlock();
        Appended { others, written }
    }

    /// Locks the file the path names now, and reads what was added to it. A file replaced
    /// under the same name (written anew and renamed over: what git and sync tools do) is
    /// opened again and read from its start; appending to the old one would lose every
    /// change, and its lock would keep no other tread out.
    fn lock_current(&mut self) -> Result<Contents, StoreError> {
        self.file.lock().map_err(|e| self.error(e))?;
        let replaced = match (std::fs::metadata(&self.path), self.file.metadata()) {
            (Ok(named), Ok(open)) => !same_file(&named, &open) || open.len() < self.read_to,
            (Err(_), _) => true,
            (_, Err(e)) => return Err(self.error(e)),
        };
        if !replaced {
            return self.read_new();
        }
        let _ = self.file.unlock();
        let (store, mut contents) = Store::open(&self.path, &[])?;
        *self = store;
        self.file.lock().map_err(|e| self.error(e))?;
        contents.replaced = true;
        let more = self.read_new()?;
        contents.records.extend(more.records);
        contents.warnings.extend(more.warnings);
        Ok(contents)
    }

    /// Under the lock: `records` after what is there. A write that fails leaves the file
    /// as it was read, or with a last line cut short (read back, and warned of, as torn).
    fn write_locked(
        &mut self,
        records: &[Record],
        durable: bool,
    ) -> Result<Option<StoreError>, StoreError> {
        let mut bytes = Vec::new();
        // A record cut short by a crash ends where ours begins: ours starts a line of its own.
        if self.torn {
            bytes.push(b'\n');
        }
        for record in records {
            bytes.extend(record.to_line().as_bytes());
            bytes.push(b'\n');
        }
        self.file.write_all(&bytes).map_err(|e| self.error(e))?;
        self.read_to += bytes.len() as u64;
        self.lines += records.len() + usize::from(self.torn);
        self.torn = false;
        // Written: in the file for any tread that reads it, flushed or not.
        Ok(durable
            .then(|| self.file.sync_data().err())
            .flatten()
            .map(|e| self.error(e)))
    }

    fn write_synced(&mut self, bytes: &[u8]) -> Result<(), StoreError> {
        self.file.write_all(bytes).map_err(|e| self.error(e))?;
        self.file.sync_data().map_err(|e| self.error(e))
    }

    /// The records added since `read_to` (all, the first time), under the lock.
    fn read_new(&mut self) -> Result<Contents, StoreError> {
        let mut bytes = Vec::new();
        (self.file.seek(SeekFrom::Start(self.read_to)))
            .and_then(|_| self.file.read_to_end(&mut bytes))
            .map_err(|e| self.error(e))?;
        // A last line without its line break is read (and warned of) once; it stays torn.
        let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let mut read = Contents::default();
        let first_line = self.lines;
        self.lines += parse(&self.path, &bytes, first_line, &mut read)?;
        if bytes.is_empty() {
            return Ok(read);
        }
        self.read_to += bytes.len() as u64;
        self.torn = complete < bytes.len();
        if self.torn {
            // The torn line was counted; the line break ours starts with ends it.
            self.lines -= 1;
        }
        Ok(read)
    }

    fn error(&self, e: impl std::fmt::Display) -> StoreError {
        StoreError::new(&self.path, e)
    }
}

/// Reads the lines of `bytes` (the file from line `first_line` on) into `read`; returns
/// how many lines there were. The header is checked, not returned.
fn parse(
    path: &Path,
    bytes: &[u8],
    first_line: usize,
    read: &mut Contents,
) -> Result<usize, StoreError> {
    let shown = printable_path(path);
    let mut count = 0;
    let text = String::from_utf8_lossy(bytes);
    // Read from the start, the first line that holds anything must be the header.
    let mut header = first_line == 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        count += 1;
        let number = first_line + i + 1;
        let torn = !line.ends_with('\n');
        let line = line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        if std::mem::take(&mut header) {
            check_header(path, line)?;
            continue;
        }
        match Record::from_line(line) {
            Ok(record) => read.records.push(record),
            Err(_) if torn => read.warnings.push(format!(
                "review {shown} line {number}: the last record was cut short (tread stopped \
                 while writing it); skipped"
            )),
            Err(why) => read.warnings.push(format!(
                "review {shown} line {number}: not a review record ({}); skipped",
                crate::corpus::sanitise::printable(&why)
            )),
        }
    }
    Ok(count)
}

/// Whether two files are one (the same inode of the same device, where the system says).
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (a.dev(), a.ino()) == (b.dev(), b.ino())
    }
    #[cfg(not(unix))]
    {
        a.len() == b.len() && a.modified().ok() == b.modified().ok()
    }
}

/// The first line must say the file is a review this tread can read.
fn check_header(path: &Path, line: &str) -> Result<(), StoreError> {
    match serde_json::from_str::<Header>(line) {
        Ok(header) if header.tread_review <= VERSION => Ok(()),
        Ok(header) => Err(StoreError::new(
            path,
            format!(
                "written by a newer tread (format {}; this one reads {VERSION})",
                header.tread_review
            ),
        )),
        Err(_) => Err(StoreError::new(
            path,
            "not a tread review (its first line is not a review header); \
             give --review a new file or one tread wrote",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::super::record::{Anchor, Op};
    use super::*;

    /// A mark on `doc`, stamped at a fixed time: a record made twice across a second's
    /// turn would otherwise differ from itself.
    fn mark(doc: &str) -> Record {
        let mut record = Record::new(Op::Mark, Anchor::new(doc, "1", "text"));
        record.at = "2026-01-01T00:00:00Z".into();
        record
    }

    #[test]
    fn records_appended_are_read_back_with_a_header_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/review.jsonl");
        let (mut store, read) = Store::open(&path, &["/docs".to_string()]).unwrap();
        assert!(read.records.is_empty());
        let records = [mark("a"), mark("b")];
        store.append(&records, true).written.unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("{\"tread_review\":1,\"corpus\":[\"/docs\"]}\n"),
            "{text}"
        );
        let read = Store::read(&path).unwrap();
        assert_eq!(read.records, records);
        let (_, again) = Store::open(&path, &[]).unwrap();
        assert_eq!(again.records.len(), 2);
    }

    #[test]
    fn a_torn_last_record_and_a_corrupt_line_are_reported_and_the_rest_loads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.jsonl");
        let (mut store, _) = Store::open(&path, &[]).unwrap();
        store.append(&[mark("a")], true).written.unwrap();
        drop(store);
        let mut file = OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(b"<<<<<<< HEAD\n").unwrap();
        file.write_all(mark("b").to_line().as_bytes()).unwrap();
        file.write_all(b"\n{\"op\":\"mark\",\"doc\":\"c").unwrap();
        drop(file);
        let (mut store, read) = Store::open(&path, &[]).unwrap();
        assert_eq!(read.records, [mark("a"), mark("b")]);
        assert_eq!(read.warnings.len(), 2, "{:?}", read.warnings);
        assert!(read.warnings[0].contains("line 3: not a review record"));
        assert!(read.warnings[1].contains("line 5: the last record was cut short"));
        // The next record starts a line of its own, so it is not lost with the torn one.
        store.append(&[mark("d")], true).written.unwrap();
        let read = Store::read(&path).unwrap();
        assert_eq!(read.records, [mark("a"), mark("b"), mark("d")]);
        assert!(read.warnings[1].contains("line 5: not a review record"));
    }

    #[test]
    fn two_stores_on_one_file_see_each_others_records() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.jsonl");
        let (mut one, _) = Store::open(&path, &[]).unwrap();
        let (mut two, _) = Store::open(&path, &[]).unwrap();
        assert!(one.append(&[mark("a")], true).others.records.is_empty());
        assert_eq!(two.append(&[mark("b")], false).others.records, [mark("a")]);
        assert_eq!(one.append(&[mark("c")], false).others.records, [mark("b")]);
        let read = Store::read(&path).unwrap();
        assert_eq!(read.records, [mark("a"), mark("b"), mark("c")]);
    }

    #[test]
    fn a_file_replaced_under_its_name_is_read_again_and_appended_to() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.jsonl");
        let (mut store, _) = Store::open(&path, &[]).unwrap();
        store.append(&[mark("a")], true).written.unwrap();
        // As git writes a pulled file: anew, then renamed over the old one.
        let pulled = dir.path().join("pulled");
        let text = std::fs::read_to_string(&path).unwrap() + &mark("b").to_line() + "\n";
        std::fs::write(&pulled, text).unwrap();
        std::fs::rename(&pulled, &path).unwrap();
        let appended = store.append(&[mark("c")], true);
        appended.written.unwrap();
        assert!(appended.others.replaced);
        assert_eq!(appended.others.records, [mark("a"), mark("b")]);
        let read = Store::read(&path).unwrap();
        assert_eq!(
            read.records,
            [mark("a"), mark("b"), mark("c")],
            "nothing lost"
        );
    }

    #[test]
    fn a_file_that_is_not_a_review_is_refused_not_appended_to() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.md");
        std::fs::write(&path, "# my notes\n").unwrap();
        let error = Store::open(&path, &[]).unwrap_err().to_string();
        assert!(error.contains("not a tread review"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# my notes\n");
        std::fs::write(&path, "{\"tread_review\":9}\n").unwrap();
        let error = Store::read(&path).unwrap_err().to_string();
        assert!(error.contains("newer tread"), "{error}");
        // A blank line first does not hide a file that is no review.
        std::fs::write(&path, "\n# my notes\n").unwrap();
        assert!(Store::open(&path, &[]).is_err());
    }
}
