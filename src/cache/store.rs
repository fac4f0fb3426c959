//! The cache file's layout: a header naming the build that wrote it, one record per document
//! file (its documents and problems), then the last cache's memo when this load resolved
//! nothing, or the corpus's resolution with its memo and facets when it did, the load's
//! listing, then an index of them all and a footer that finds the index.
//!
//! ```text
//! header   MAGIC, format (u32), length of the build id (u32), build id
//! records  each lz4(rkyv(value)), found by the index: offset, length, CRC-32
//! index    rkyv(Index): when written, the glossary's fingerprint, files, resolution, memo,
//!          listing, facets
//! footer   index offset (u64), index length (u64), index CRC-32 (u32), MAGIC
//! ```
//!
//! Every part is checked before it is used: the header against this build, each record's
//! bytes against its CRC, and its structure by rkyv's validation, so a truncated, flipped or
//! foreign file is refused, never trusted. A file is written under a temporary name beside
//! the cache and renamed over it when complete, so a reader only ever sees a whole file.

use super::stamp::Stamp;
use crate::corpus::load::{ReadError, open_regular};
use io::ErrorKind::{NotADirectory, NotFound};
use rkyv::rancor;
use rkyv::util::AlignedVec;
use std::fs::File;
use std::io::{self, Write};
use std::path::Path;
use thiserror::Error;

const MAGIC: [u8; 8] = *b"tread\0c\x01";
/// The layout's version; a change to the records' types changes the build id anyway.
const FORMAT: u32 = 2;
const FOOTER_BYTES: u64 = 8 + 8 + 4 + 8;
/// What the name of a cache file being written holds, after a dot and the cache's own name.
const WRITING: &str = ".writing-";

/// Where a part of the file is, and the CRC-32 of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Span {
    pub offset: u64,
    pub len: u64,
    pub crc: u32,
}

/// One document file's record.
#[derive(Debug, Clone, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Entry {
    /// The path as the load found it, byte for byte.
    pub path: Vec<u8>,
    /// None: the file could not be stamped.
    pub stamp: Option<Stamp>,
    /// None: the file is read every time (its read failed, or it changed as it was read).
    pub record: Option<Span>,
    /// The other files read with it (an X archive's other parts), with their stamps then.
    pub with: Vec<Also>,
}

/// Another file a document file was read with, and its stamp then.
#[derive(Debug, Clone, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Also {
    pub path: Vec<u8>,
    pub stamp: Stamp,
}

/// What the cache holds.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct Index {
    /// The files and folders the corpus was read from, as shown to people.
    pub paths: Vec<String>,
    /// When the load that wrote the cache began, in nanoseconds since the epoch.
    pub written: u64,
    /// The fingerprint of the glossary the resolution was made with.
    pub glossary: u64,
    /// The document files, in the order the load read them.
    pub files: Vec<Entry>,
    /// The corpus's resolution, when the load made one.
    pub resolution: Option<Span>,
    /// What the resolution found in each document, to resolve the next load's changed
    /// documents alone ([`crate::corpus::resolve::Memo`]).
    pub memo: Option<Span>,
    /// What `tread list` shows of the load's documents ([`crate::listing::Listing`]).
    pub listing: Option<Span>,
    /// The facets built with the resolution ([`crate::facets::Kept`]).
    pub facets: Option<Span>,
}

/// Why a cache file was not used.
#[derive(Debug, Error)]
pub enum Broken {
    #[error("written by another version of tread")]
    Foreign,
    #[error("it was damaged ({0})")]
    Damaged(&'static str),
    #[error("cannot read it: {}", reason(.0))]
    Io(#[from] io::Error),
}

/// A cache file open for reading.
pub struct Reader {
    file: File,
    size: u64,
    pub index: Index,
}

impl Reader {
    /// The cache at `path`, when there is one written by `build`.
    pub fn open(path: &Path, build: &str) -> Result<Option<Reader>, Broken> {
        // Opened as documents are: a pipe or a device in its place would block or never end.
        let (file, size) = match open_regular(path) {
            Ok(opened) => opened,
            Err(ReadError::Io(e)) if matches!(e.kind(), NotFound | NotADirectory) => {
                // No cache yet, or no folder for one (a cache folder that is a file is said
                // when the cache cannot be written there).
                return Ok(None);
            }
            Err(ReadError::Io(e)) => return Err(e.into()),
            Err(ReadError::NotRegular | ReadError::TooLarge { .. }) => {
                return Err(Broken::Damaged("not a regular file"));
            }
        };
        check_header(&file, size, build)?;
        let footer = read_at(&file, size, size.checked_sub(FOOTER_BYTES), FOOTER_BYTES)?;
        if footer[20..] != MAGIC {
            return Err(Broken::Damaged("no footer"));
        }
        let word = |at: usize| u64::from_le_bytes(footer[at..at + 8].try_into().expect("8 bytes"));
        let crc = u32::from_le_bytes(footer[16..20].try_into().expect("4 bytes"));
        let span = Span {
            offset: word(0),
            len: word(8),
            crc,
        };
        if span.offset.checked_add(span.len) != Some(size - FOOTER_BYTES) {
            return Err(Broken::Damaged("index out of place"));
        }
        let mut reader = Reader {
            file,
            size,
            index: Index::default(),
        };
        let bytes = reader.bytes(span)?;
        reader.index = rkyv::from_bytes::<Index, rancor::Error>(&aligned(&bytes))
            .map_err(|_| Broken::Damaged("index"))?;
        Ok(Some(reader))
    }

    /// The bytes of `span`, checked against its CRC. Reads at a place, so that several
    /// threads may read at once.
    pub fn bytes(&self, span: Span) -> Result<Vec<u8>, Broken> {
        let mut bytes = Vec::new();
        self.bytes_into(span, &mut bytes)?;
        Ok(bytes)
    }

    /// [`Reader::bytes`] into `buffer`, in place of what it held.
    pub fn bytes_into(&self, span: Span, buffer: &mut Vec<u8>) -> Result<(), Broken> {
        read_into(&self.file, self.size, Some(span.offset), span.len, buffer)?;
        match crc32fast::hash(buffer) == span.crc {
            true => Ok(()),
            false => Err(Broken::Damaged("checksum")),
        }
    }
}

/// Checks that the file (of `size` bytes) opens with this layout, written by `build`.
fn check_header(file: &File, size: u64, build: &str) -> Result<(), Broken> {
    let head = read_at(file, size, Some(0), 16).map_err(|_| Broken::Damaged("no header"))?;
    if head[..8] != MAGIC {
        return Err(Broken::Damaged("not a tread cache"));
    }
    let format = u32::from_le_bytes(head[8..12].try_into().expect("4 bytes"));
    let len = u32::from_le_bytes(head[12..16].try_into().expect("4 bytes"));
    if format != FORMAT || len as usize != build.len() {
        return Err(Broken::Foreign);
    }
    let id = read_at(file, size, Some(16), build.len() as u64)
        .map_err(|_| Broken::Damaged("no header"))?;
    match id == build.as_bytes() {
        true => Ok(()),
        false => Err(Broken::Foreign),
    }
}

/// `len` bytes at `offset` of a file of `size` bytes (no offset: the file is too short).
fn read_at(file: &File, size: u64, offset: Option<u64>, len: u64) -> Result<Vec<u8>, Broken> {
    let mut bytes = Vec::new();
    read_into(file, size, offset, len, &mut bytes)?;
    Ok(bytes)
}

/// [`read_at`] into `buffer`, in place of what it held.
fn read_into(
    file: &File,
    size: u64,
    offset: Option<u64>,
    len: u64,
    buffer: &mut Vec<u8>,
) -> Result<(), Broken> {
    let short = || Broken::Damaged("truncated");
    let offset = offset.ok_or_else(short)?;
    if offset.checked_add(len).is_none_or(|end| end > size) {
        return Err(short());
    }
    buffer.clear();
    buffer.resize(len as usize, 0);
    read_exact_at(file, buffer, offset).map_err(|_| short())
}

#[cfg(unix)]
fn read_exact_at(file: &File, buffer: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut buffer: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buffer.is_empty() {
        match file.seek_read(buffer, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => (buffer, offset) = (&mut buffer[n..], offset + n as u64),
        }
    }
    Ok(())
}

/// `bytes` where rkyv can read them (aligned as its types need).
fn aligned(bytes: &[u8]) -> AlignedVec {
    let mut buffer = AlignedVec::with_capacity(bytes.len());
    buffer.extend_from_slice(bytes);
    buffer
}

/// The most a record of a file of `len` bytes unpacks to: its documents, however many short
/// posts it holds, take far less than 256 bytes for each of its own.
pub fn unpacked_limit(len: u64) -> u64 {
    len.saturating_mul(256).saturating_add(1 << 20)
}

/// A value as a record's bytes: archived, then compressed; `None` when it is too large to
/// archive (rkyv's offsets are 32 bits).
pub fn encode<T>(value: &T) -> Option<Vec<u8>>
where
    T: for<'a> rkyv::Serialize<
            rkyv::api::high::HighSerializer<
                AlignedVec,
                rkyv::ser::allocator::ArenaHandle<'a>,
                rancor::Error,
            >,
        >,
{
    let archived = rkyv::to_bytes::<rancor::Error>(value).ok()?;
    Some(lz4_flex::compress_prepend_size(&archived))
}

/// A record's bytes (already checked against their CRC) as a value again; `None` when they
/// do not hold one, or would unpack to more than `limit` bytes.
pub fn decode<T>(bytes: &[u8], limit: u64) -> Option<T>
where
    T: rkyv::Archive,
    T::Archived: for<'a> rkyv::bytecheck::CheckBytes<rkyv::api::high::HighValidator<'a, rancor::Error>>
        + rkyv::Deserialize<T, rkyv::api::high::HighDeserializer<rancor::Error>>,
{
    unpacked(bytes, limit, |buffer| {
        rkyv::from_bytes::<T, rancor::Error>(buffer).ok()
    })
}

/// What `read` makes of the value a record's bytes hold (as [`decode`] takes them), read
/// where it lies once checked, not made; `None` as for [`decode`].
pub fn access<T, R>(bytes: &[u8], limit: u64, read: impl FnOnce(&T::Archived) -> R) -> Option<R>
where
    T: rkyv::Archive,
    T::Archived:
        for<'a> rkyv::bytecheck::CheckBytes<rkyv::api::high::HighValidator<'a, rancor::Error>>,
{
    unpacked(bytes, limit, |buffer| {
        rkyv::access::<T::Archived, rancor::Error>(buffer)
            .ok()
            .map(read)
    })
}

/// What `read` makes of a record's bytes unpacked, `None` when they do not unpack within
/// `limit`.
fn unpacked<R>(bytes: &[u8], limit: u64, read: impl FnOnce(&AlignedVec) -> Option<R>) -> Option<R> {
    let (size, packed) = bytes.split_first_chunk::<4>()?;
    let size = u32::from_le_bytes(*size) as usize;
    // lz4 shrinks by 255 to 1 at most: a larger size is damage, not a reason to allocate;
    // so is more than what was read could come to.
    if size > packed.len().saturating_mul(255) || size as u64 > limit {
        return None;
    }
    // Unpacked into room kept by each thread: a record's room, taken and given back for
    // every file, costs more than unpacking it.
    UNPACKED.with_borrow_mut(|buffer| {
        buffer.clear();
        buffer.resize(size, 0);
        let unpacked = lz4_flex::decompress_into(packed, buffer);
        let value = match unpacked {
            Ok(len) if len == size => read(buffer),
            _ => None,
        };
        if buffer.capacity() > KEPT_ROOM {
            *buffer = AlignedVec::new();
        }
        value
    })
}

thread_local! {
    static UNPACKED: std::cell::RefCell<AlignedVec> = std::cell::RefCell::new(AlignedVec::new());
}

/// The room each thread keeps for unpacking records: a large file's record (an export's) is
/// unpacked in room of its own, given back at once.
pub const KEPT_ROOM: usize = 1 << 20;

/// A cache file being written, under a temporary name in the cache's folder.
pub struct Writer {
    file: io::BufWriter<tempfile::NamedTempFile>,
    offset: u64,
    pub index: Index,
}

impl Writer {
    /// Starts writing the cache file `path`, by `build`, under a name of its own beside it.
    pub fn create(path: &Path, build: &str) -> io::Result<Writer> {
        let dir = path.parent().unwrap_or(Path::new("."));
        private_folder(dir)?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{name}{WRITING}"))
            .tempfile_in(dir)?;
        let mut file = io::BufWriter::with_capacity(1 << 20, temp);
        file.write_all(&MAGIC)?;
        file.write_all(&FORMAT.to_le_bytes())?;
        let len = u32::try_from(build.len()).map_err(io::Error::other)?;
        file.write_all(&len.to_le_bytes())?;
        file.write_all(build.as_bytes())?;
        let offset = 16 + build.len() as u64;
        Ok(Writer {
            file,
            offset,
            index: Index::default(),
        })
    }

    /// Appends a record's bytes; returns where they are.
    pub fn append(&mut self, bytes: &[u8], crc: u32) -> io::Result<Span> {
        self.file.write_all(bytes)?;
        let span = Span {
            offset: self.offset,
            len: bytes.len() as u64,
            crc,
        };
        self.offset += span.len;
        Ok(span)
    }

    /// Writes the index and footer and puts the file at `path`, over any cache there.
    pub fn commit(mut self, path: &Path) -> io::Result<()> {
        let index = rkyv::to_bytes::<rancor::Error>(&self.index).map_err(io::Error::other)?;
        let span = self.append(&index, crc32fast::hash(&index))?;
        self.file.write_all(&span.offset.to_le_bytes())?;
        self.file.write_all(&span.len.to_le_bytes())?;
        self.file.write_all(&span.crc.to_le_bytes())?;
        self.file.write_all(&MAGIC)?;
        let temp = self.file.into_inner().map_err(|e| e.into_error())?;
        temp.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// Makes the cache folder, readable by its owner only (the names of its files say which
/// folders were read).
fn private_folder(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// The name of the cache file that the file called `name` is being written as, when it is
/// one being written (or left by a load that was stopped).
pub fn partial_of(name: &str) -> Option<&str> {
    let (cache, _) = name.strip_prefix('.')?.split_once(WRITING)?;
    Some(cache)
}

/// How long a cache may take to write: a partial file older than this was left by a load
/// that was stopped, and is removed.
const ABANDONED: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes the partial files in `dir` that loads stopped halfway left behind.
pub fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let old = (entry.metadata().and_then(|m| m.modified()).ok())
            .and_then(|at| at.elapsed().ok())
            .is_some_and(|age| age > ABANDONED);
        if old && partial_of(&name.to_string_lossy()).is_some() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Why an operation on the cache failed, in a few plain words.
pub fn reason(error: &io::Error) -> String {
    use io::ErrorKind::*;
    let said = match error.kind() {
        PermissionDenied => "permission denied",
        NotADirectory | AlreadyExists => "a file is where its folder should be",
        StorageFull => "the disk is full",
        ReadOnlyFilesystem => "the file system is read-only",
        _ => "",
    };
    if !said.is_empty() {
        return said.to_string();
    }
    let text = error.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text);
    crate::corpus::sanitise::single_line(text).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, record: Span) -> Entry {
        let stamp = Stamp {
            len: 3,
            modified: 1,
            changed: 2,
            inode: 4,
            device: 5,
        };
        Entry {
            path: path.as_bytes().to_vec(),
            stamp: Some(stamp),
            record: Some(record),
            with: Vec::new(),
        }
    }

    /// A cache holding one record, "a.txt" → the text "hello"; its path and the record.
    fn written(dir: &Path) -> (std::path::PathBuf, Vec<u8>) {
        let path = dir.join("corpus.cache");
        let mut writer = Writer::create(&path, "build 1").unwrap();
        let bytes = encode(&"hello".to_string()).unwrap();
        let span = writer.append(&bytes, crc32fast::hash(&bytes)).unwrap();
        writer.index.files.push(entry("a.txt", span));
        writer.index.written = 7;
        writer.commit(&path).unwrap();
        (path, bytes)
    }

    #[test]
    fn a_written_cache_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let (path, bytes) = written(dir.path());
        let reader = Reader::open(&path, "build 1").unwrap().unwrap();
        assert_eq!(reader.index.written, 7);
        let span = reader.index.files[0].record.unwrap();
        assert_eq!(reader.bytes(span).unwrap(), bytes);
        assert_eq!(decode::<String>(&bytes, 1 << 20).as_deref(), Some("hello"));
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn no_cache_is_none_and_another_build_is_foreign() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(Reader::open(&dir.path().join("x"), "b"), Ok(None)));
        let (path, _) = written(dir.path());
        assert!(matches!(
            Reader::open(&path, "build 2"),
            Err(Broken::Foreign)
        ));
    }

    #[test]
    fn every_truncation_and_every_flipped_byte_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (path, _) = written(dir.path());
        let whole = std::fs::read(&path).unwrap();
        let broken = dir.path().join("broken");
        let outcome = |bytes: &[u8]| {
            std::fs::write(&broken, bytes).unwrap();
            let reader = Reader::open(&broken, "build 1")?.expect("a file");
            let span = reader.index.files[0].record.unwrap();
            let bytes = reader.bytes(span)?;
            decode::<String>(&bytes, 1 << 20).ok_or(Broken::Damaged("record"))
        };
        assert_eq!(outcome(&whole).unwrap(), "hello");
        for len in 0..whole.len() {
            assert!(outcome(&whole[..len]).is_err(), "cut at {len}");
        }
        for at in 0..whole.len() {
            let mut flipped = whole.clone();
            flipped[at] ^= 0x10;
            assert!(outcome(&flipped).is_err(), "byte {at} flipped");
        }
    }

    #[test]
    fn a_record_that_unpacks_to_more_than_its_file_could_give_is_refused() {
        let text = "a word ".repeat(1000);
        let bytes = encode(&text).unwrap();
        assert_eq!(
            decode::<String>(&bytes, 1 << 20).as_deref(),
            Some(text.as_str())
        );
        assert_eq!(decode::<String>(&bytes, 100), None);
        assert!(unpacked_limit(10) >= 1 << 20 && unpacked_limit(u64::MAX) == u64::MAX);
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_where_the_cache_should_be_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("corpus.cache");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return eprintln!("skipped: mkfifo is not here");
        }
        assert!(matches!(
            Reader::open(&fifo, "build 1"),
            Err(Broken::Damaged("not a regular file"))
        ));
    }

    #[test]
    fn a_record_that_claims_a_huge_size_is_refused_without_allocating_it() {
        let mut bytes = encode(&"hello".to_string()).unwrap();
        bytes[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(decode::<String>(&bytes, 1 << 20), None);
    }

    #[test]
    fn partial_files_are_told_by_name_and_swept_once_abandoned() {
        let partial = partial_of(".notes-1f.cache.writing-Ab12");
        assert_eq!(partial, Some("notes-1f.cache"));
        assert_eq!(partial_of("notes-1f.cache"), None);
        assert_eq!(partial_of(".notes-1f.cache"), None);
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".a.cache.writing-1");
        let fresh = dir.path().join(".a.cache.writing-2");
        std::fs::write(&old, "half").unwrap();
        std::fs::write(&fresh, "half").unwrap();
        let long_ago = std::time::SystemTime::now() - 2 * ABANDONED;
        let file = std::fs::File::options().write(true).open(&old).unwrap();
        file.set_modified(long_ago).unwrap();
        sweep(dir.path());
        assert!(
            !old.exists() && fresh.exists(),
            "one being written is left alone"
        );
    }

    #[test]
    fn reasons_are_plain_words() {
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        assert_eq!(reason(&denied), "permission denied");
        let other = io::Error::other("Something Odd (os error 99)");
        assert_eq!(reason(&other), "something odd");
    }
}
