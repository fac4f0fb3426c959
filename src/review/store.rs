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
        let mut read = Contents::default();
        parse(path, &bytes, 0, &mut read)?;
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
    pub fn append(&mut self, records: &[Record], durable: bool) -> Result<Contents, StoreError> {
        self.file.lock().map_err(|e| self.error(e))?;
        let result = self.append_locked(records, durable);
        let _ = self.file.unlock();
        result
    }

    fn append_locked(&mut self, records: &[Record], durable: bool) -> Result<Contents, StoreError> {
        let others = self.read_new()?;
        let mut bytes = Vec::new();
        // A record cut short by a crash ends where ours begins: ours starts a line of its own.
        if self.torn {
            bytes.push(b'\n');
        }
        for record in records {
            bytes.extend(record.to_line().as_bytes());
            bytes.push(b'\n');
        }
        match durable {
            true => self.write_synced(&bytes)?,
            false => self.file.write_all(&bytes).map_err(|e| self.error(e))?,
        }
        self.read_to += bytes.len() as u64;
        self.lines += records.len() + usize::from(self.torn);
        self.torn = false;
        Ok(others)
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
    for (i, line) in text.split_inclusive('\n').enumerate() {
        count += 1;
        let number = first_line + i + 1;
        let torn = !line.ends_with('\n');
        let line = line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        if number == 1 {
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

    fn mark(doc: &str) -> Record {
        Record::new(Op::Mark, Anchor::new(doc, "1", "text"))
    }

    #[test]
    fn records_appended_are_read_back_with_a_header_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/review.jsonl");
        let (mut store, read) = Store::open(&path, &["/docs".to_string()]).unwrap();
        assert!(read.records.is_empty());
        store.append(&[mark("a"), mark("b")], true).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("{\"tread_review\":1,\"corpus\":[\"/docs\"]}\n"),
            "{text}"
        );
        let read = Store::read(&path).unwrap();
        assert_eq!(read.records, [mark("a"), mark("b")]);
        let (_, again) = Store::open(&path, &[]).unwrap();
        assert_eq!(again.records.len(), 2);
    }

    #[test]
    fn a_torn_last_record_and_a_corrupt_line_are_reported_and_the_rest_loads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.jsonl");
        let (mut store, _) = Store::open(&path, &[]).unwrap();
        store.append(&[mark("a")], true).unwrap();
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
        store.append(&[mark("d")], true).unwrap();
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
        assert!(one.append(&[mark("a")], true).unwrap().records.is_empty());
        assert_eq!(
            two.append(&[mark("b")], false).unwrap().records,
            [mark("a")]
        );
        assert_eq!(
            one.append(&[mark("c")], false).unwrap().records,
            [mark("b")]
        );
        let read = Store::read(&path).unwrap();
        assert_eq!(read.records, [mark("a"), mark("b"), mark("c")]);
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
    }
}
