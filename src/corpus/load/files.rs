//! Reading one document file: only regular files, within a size limit; structures (exports,
//! tread's JSON) read from disk a record at a time, everything else decoded whole as text
//! and handed to the readers. Files are only ever opened for reading.

use super::Problem;
use super::lossy;
use super::walk::describe_io;
use crate::corpus::formats::{self, Opening};
use crate::corpus::sanitise::{printable, printable_path};
use crate::corpus::{Documents, Source};
use rayon::prelude::*;
use std::fs::File;
use std::io::Take;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Reads and parses files on every core, each file parsed as soon as it is read, while its
/// text is still at hand; documents and problems in file order.
pub(super) fn read_and_parse(files: &[PathBuf], problems: &mut Vec<Problem>) -> Documents {
    let done: Vec<(Documents, Vec<Problem>)> = (files.par_iter())
        .map(|path| {
            let read = read_file(path);
            (read.documents, read.problems)
        })
        .collect();
    let (documents, found) = crate::corpus::flatten_parsed(done);
    problems.extend(found);
    documents
}

/// What one file was read into.
pub struct FileRead {
    pub documents: Documents,
    /// What went wrong, naming the file.
    pub problems: Vec<Problem>,
    /// The other files read with it (an X archive's first part of posts reads the archive's
    /// other parts), whose stamps with its own say when what it reads changes; `None` when
    /// it may read differently though no file changed (its read failed).
    pub read_with: Option<Vec<PathBuf>>,
}

/// The other files read with the file at `path` ([`FileRead::read_with`]), as they are now.
pub fn companions(path: &Path) -> Vec<PathBuf> {
    formats::companions(path)
}

/// Reads and parses the file at `path`.
pub fn read_file(path: &Path) -> FileRead {
    let mut problems = Vec::new();
    let mut read_with = Some(Vec::new());
    let documents = match open_document(path) {
        Ok(Opened::Structure(opening, file)) => {
            if matches!(opening, Opening::Archive { .. }) {
                read_with = Some(formats::companions(path));
            }
            read_structure(path, opening, file, &mut problems)
        }
        Ok(Opened::Text(file, size)) => {
            // An archive's part in UTF-16 is read as text, with its companions.
            let read = read_limited(file, size, MAX_FILE_BYTES);
            // A read that failed may not fail next time; a file that is not text will.
            read_with = match read {
                Err(ReadError::Io(_)) => None,
                _ => Some(formats::companions(path)),
            };
            match read_source(path, read, &mut problems) {
                Some(source) => {
                    let (documents, more) = crate::corpus::parse_source(source);
                    problems.extend(more);
                    documents
                }
                None => Documents::default(),
            }
        }
        Err(e) => {
            read_with = None;
            problems.push(Problem {
                path: printable_path(path),
                message: describe_read(e, TOO_LARGE_FOR_A_PAGE),
                document: true,
            });
            Documents::default()
        }
    };
    FileRead {
        documents,
        problems,
        read_with,
    }
}

/// The largest page read as a document. Saved pages are kilobytes; a page this big is a
/// dump, and reading it would stall everything else.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The largest platform export or tread JSON read: real account archives hold hundreds of
/// megabytes of posts in one file, and are read as a stream into the model.
pub const MAX_EXPORT_BYTES: u64 = 1024 * 1024 * 1024;

/// Why a file's bytes were not read.
#[derive(Debug, Error)]
pub enum ReadError {
    /// A pipe, a device or a socket: reading it could block forever or never end.
    #[error("not a regular file")]
    NotRegular,
    #[error("larger than {} MB", limit / (1024 * 1024))]
    TooLarge { limit: u64 },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The bytes of the regular file at `path`, at most `limit` of them.
pub fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, size) = open_regular(path)?;
    read_limited(file, size, limit)
}

/// `path` opened read-only, when it is a regular file, with its size. It is opened without
/// waiting (opening a pipe for reading otherwise blocks until something writes to it) and
/// then asked what it is, so nothing can change between the question and the open.
pub fn open_regular(path: &Path) -> Result<(File, u64), ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path)?;
    let meta = file.metadata()?;
    match meta.is_file() {
        true => Ok((file, meta.len())),
        false => Err(ReadError::NotRegular),
    }
}

/// A file of `size` bytes read whole, when it holds at most `limit`: read to at most one
/// byte past the limit, so a file that grows while it is read cannot make the read endless.
pub(super) fn read_limited(
    file: std::fs::File,
    size: u64,
    limit: u64,
) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let too_large = || ReadError::TooLarge { limit };
    if size > limit {
        return Err(too_large());
    }
    // Room for the whole file and a byte more, so it is read in one go and the read that
    // finds its end needs no more room.
    let mut bytes = Vec::with_capacity(size as usize + 1);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    match bytes.len() as u64 > limit {
        true => Err(too_large()),
        false => Ok(bytes),
    }
}

/// What a page larger than [`MAX_FILE_BYTES`] is too large for.
const TOO_LARGE_FOR_A_PAGE: &str = "too large for a saved page";

/// Why a file was skipped, in a problem's words; `what` says what it was too large for.
pub(super) fn describe_read(error: ReadError, what: &str) -> String {
    match error {
        ReadError::Io(e) => describe_io(&e, false),
        ReadError::TooLarge { limit } => {
            format!("skipped: larger than {} MB, {what}", limit / (1024 * 1024))
        }
        ReadError::NotRegular => format!("skipped: {}", ReadError::NotRegular),
    }
}

/// The documents of a file that opens as a structure tread reads (an X archive's part, or
/// JSON: an export or tread's own), read from `file` a part at a time, never held whole. An
/// archive's other parts are read with it.
fn read_structure(
    path: &Path,
    opening: Opening,
    file: Result<Take<File>, ReadError>,
    problems: &mut Vec<Problem>,
) -> Documents {
    let shown = printable_path(path);
    let source = Source {
        id: stem(path),
        path: shown.clone(),
        text: String::new(),
        warnings: Vec::new(),
    };
    let mut found = Vec::new();
    let parsed = match file {
        Err(e) => {
            found.push(describe_read(e, "too large even for an export"));
            formats::Parsed::default()
        }
        Ok(file) => match opening {
            Opening::Json { array } => {
                streamed(file, &mut found, |de| formats::json(de, array, &source))
            }
            Opening::Archive { part } if !formats::holds_posts(&part) => formats::Parsed::default(),
            Opening::Archive { part } => {
                let mut archive = formats::Archive::new(&source);
                streamed(file, &mut found, |de| archive.part(&part, de));
                for companion in formats::companions(path) {
                    archive_part(&companion, &mut archive, problems);
                }
                archive.finish()
            }
        },
    };
    problems.extend(found.into_iter().map(|message| Problem {
        path: shown.clone(),
        message,
        document: true,
    }));
    crate::corpus::structured(parsed, &shown, problems)
}

/// Another part of an X archive (`tweets-part2.js`, `account.js`), read into `archive`.
pub(super) fn archive_part(
    path: &Path,
    archive: &mut formats::Archive,
    problems: &mut Vec<Problem>,
) {
    let mut found = Vec::new();
    match open_document(path) {
        Ok(Opened::Structure(Opening::Archive { part }, Ok(file))) => {
            streamed(file, &mut found, |de| archive.part(&part, de));
        }
        Ok(Opened::Structure(_, Err(e))) => {
            found.push(describe_read(e, "too large even for an export"))
        }
        // Not an assignment as parts are written: read as text, which says what it holds.
        Ok(Opened::Structure(Opening::Json { .. }, Ok(_))) => {
            if let Some((text, _)) = read_text(path, problems) {
                archive.text(&text);
            }
        }
        Ok(Opened::Text(file, size)) => {
            let read = read_limited(file, size, MAX_FILE_BYTES);
            if let Some((text, _)) = decoded(path, read, problems) {
                archive.text(&text);
            }
        }
        Err(e) => found.push(describe_read(e, TOO_LARGE_FOR_A_PAGE)),
    }
    let shown = printable_path(path);
    problems.extend(found.into_iter().map(|message| Problem {
        path: shown.clone(),
        message,
        document: true,
    }));
}

/// Hands `read` a JSON reader over `file` (decoded as UTF-8, invalid sequences replaced, as a
/// file read whole is), and says in `found` when anything had to be replaced.
fn streamed<T>(
    file: Take<File>,
    found: &mut Vec<String>,
    read: impl FnOnce(&mut serde_json::Deserializer<serde_json::de::IoRead<Utf8Reader>>) -> T,
) -> T {
    let replaced = std::cell::Cell::new(false);
    let reader = std::io::BufReader::new(lossy::LossyUtf8::new(file, &replaced));
    let result = read(&mut serde_json::Deserializer::from_reader(reader));
    if replaced.get() {
        found.push("invalid UTF-8 decoded lossily".to_string());
    }
    result
}

/// What a structure's JSON is read through.
type Utf8Reader<'a> = std::io::BufReader<lossy::LossyUtf8<'a, Take<File>>>;

/// A document file, opened once and told apart by how it opens.
pub(super) enum Opened {
    /// A structure: the file placed where its JSON starts (at most [`MAX_EXPORT_BYTES`] of
    /// it), or why it cannot be read as one.
    Structure(Opening, Result<Take<File>, ReadError>),
    /// Anything else (page text, HTML, UTF-16): the file at its start, and its size.
    Text(File, u64),
}

/// The regular file at `path`, opened and told apart by its first bytes.
pub(super) fn open_document(path: &Path) -> Result<Opened, ReadError> {
    use std::io::{Read, Seek, SeekFrom};
    let (mut file, size) = open_regular(path)?;
    let mut head = Vec::with_capacity(HEAD_BYTES);
    file.by_ref()
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)?;
    let Some((opening, json_at)) = structure_in(&head) else {
        file.rewind()?;
        return Ok(Opened::Text(file, size));
    };
    if size > MAX_EXPORT_BYTES {
        let limit = MAX_EXPORT_BYTES;
        return Ok(Opened::Structure(
            opening,
            Err(ReadError::TooLarge { limit }),
        ));
    }
    let placed = file.seek(SeekFrom::Start(json_at as u64));
    let file = placed
        .map(|_| file.take(MAX_EXPORT_BYTES))
        .map_err(ReadError::from);
    Ok(Opened::Structure(opening, file))
}

/// How a file whose first bytes are `head` opens, when it is a structure, and where its
/// JSON starts, counted in the file's own bytes (decoding would count each invalid byte
/// before it as three): after a UTF-8 byte-order mark, and after an archive part's `=`.
/// UTF-16 is decoded whole, as text is.
fn structure_in(head: &[u8]) -> Option<(Opening, usize)> {
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return None;
    }
    let bom = if head.starts_with(&[0xef, 0xbb, 0xbf]) {
        3
    } else {
        0
    };
    let head = &head[bom..];
    let opening = formats::opening(&String::from_utf8_lossy(head))?;
    let json_at = match opening {
        Opening::Archive { .. } => head.iter().position(|&b| b == b'=')? + 1,
        Opening::Json { .. } => 0,
    };
    Some((opening, bom + json_at))
}

/// How many of a file's first bytes tell whether it is a structure.
const HEAD_BYTES: usize = 1024;

/// A text file's source, from the bytes `read` of it, with any files read
/// along with it (an archive's other parts, when it is an archive's first part in UTF-16).
fn read_source(
    path: &Path,
    read: Result<Vec<u8>, ReadError>,
    problems: &mut Vec<Problem>,
) -> Option<Source> {
    let (mut text, warnings) = decoded(path, read, problems)?;
    // Files read along with this one (an archive's other parts) follow its text.
    for companion in formats::companions(path) {
        if let Some((more, _)) = read_text(&companion, problems) {
            text.push('\n');
            text.push_str(&more);
        }
    }
    Some(Source {
        id: stem(path),
        path: printable_path(path),
        text,
        warnings,
    })
}

/// The text of the file at `path`, decoded, with the warnings decoding raised (also reported
/// as problems); `None` when it cannot be read or is not text.
fn read_text(path: &Path, problems: &mut Vec<Problem>) -> Option<(String, Vec<String>)> {
    let read = open_regular(path).and_then(|(file, size)| read_limited(file, size, MAX_FILE_BYTES));
    decoded(path, read, problems)
}

/// The bytes read from the file at `path`, decoded, with the warnings decoding raised (also
/// reported as problems); `None` when they could not be read or are not text.
fn decoded(
    path: &Path,
    read: Result<Vec<u8>, ReadError>,
    problems: &mut Vec<Problem>,
) -> Option<(String, Vec<String>)> {
    let shown = printable_path(path);
    let decoded = read
        .map_err(|e| describe_read(e, TOO_LARGE_FOR_A_PAGE))
        .and_then(decode);
    match decoded {
        Ok((text, warnings)) => {
            for warning in &warnings {
                problems.push(Problem {
                    path: shown.clone(),
                    message: warning.clone(),
                    document: true,
                });
            }
            Some((text, warnings))
        }
        Err(message) => {
            problems.push(Problem {
                path: shown,
                message,
                document: true,
            });
            None
        }
    }
}

pub(super) fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| printable(&s.to_string_lossy()))
        .unwrap_or_default()
}

/// Decodes a file's bytes: UTF-16 by its byte-order mark, UTF-8 otherwise (invalid sequences
/// replaced, with a warning). A file with NUL bytes that is not UTF-16 is binary and skipped.
pub fn decode(mut bytes: Vec<u8>) -> Result<(String, Vec<String>), String> {
    let utf16 = |be: bool| {
        let units = bytes[2..].chunks_exact(2).map(|c| {
            if be {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from_le_bytes([c[0], c[1]])
            }
        });
        (
            String::from_utf16_lossy(&units.collect::<Vec<_>>()),
            Vec::new(),
        )
    };
    match bytes[..] {
        [0xff, 0xfe, ..] => return Ok(utf16(false)),
        [0xfe, 0xff, ..] => return Ok(utf16(true)),
        _ => {}
    }
    if bytes.contains(&0) {
        return Err("skipped: binary file".to_string());
    }
    // A UTF-8 byte-order mark says nothing a reader needs, and would hide how the text
    // opens (an archive's part read after another would not start a line).
    if bytes.starts_with(&[0xef, 0xbb, 0xbf]) {
        bytes.drain(..3);
    }
    // Valid UTF-8, as nearly every file is, becomes the text without a copy.
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, Vec::new())),
        Err(invalid) => Ok((
            String::from_utf8_lossy(invalid.as_bytes()).into_owned(),
            vec!["invalid UTF-8 decoded lossily".to_string()],
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::load::walk::find_files;

    #[test]
    fn a_file_says_which_others_it_read_and_none_when_its_read_failed() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path();
        std::fs::write(data.join("manifest.js"), "window.__THAR_CONFIG = {}").unwrap();
        // The first part of posts in UTF-16 is read as text, with the second part.
        let utf16: Vec<u8> = "\u{feff}window.YTD.tweets.part0 = []"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        std::fs::write(data.join("tweets.js"), utf16).unwrap();
        std::fs::write(data.join("tweets-part1.js"), "window.YTD.tweets.part1 = []").unwrap();
        let part1 = data.join("tweets-part1.js");
        assert_eq!(
            read_file(&data.join("tweets.js")).read_with,
            Some(vec![part1])
        );
        std::fs::write(data.join("page.txt"), "A thread.\n").unwrap();
        assert_eq!(read_file(&data.join("page.txt")).read_with, Some(vec![]));
        std::fs::write(data.join("binary.txt"), b"\x00\x01\x02\x03").unwrap();
        let binary = read_file(&data.join("binary.txt"));
        assert_eq!(
            binary.read_with,
            Some(vec![]),
            "not text now, not text next time"
        );
        assert_eq!(read_file(&data.join("gone.txt")).read_with, None);
    }

    #[test]
    fn decode_utf8_lossy_with_warning() {
        let (text, warnings) = decode(b"caf\xe9 ok".to_vec()).unwrap();
        assert_eq!(text, "caf\u{fffd} ok");
        assert_eq!(warnings, ["invalid UTF-8 decoded lossily"]);
    }

    #[test]
    fn decode_utf16_by_bom() {
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("hi\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(le).unwrap().0, "hi\n");
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(be).unwrap().0, "hé");
    }

    /// The documents and problems of a folder holding one file of `bytes`.
    fn load_file(name: &str, bytes: &[u8]) -> (Vec<crate::corpus::Document>, Vec<Problem>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let mut problems = Vec::new();
        let files = find_files(&[dir.path().to_path_buf()], &mut problems);
        let documents = read_and_parse(&files, &mut problems).unpacked().unwrap();
        (documents, problems)
    }

    fn doc(id: &str, text: &str) -> String {
        format!(
            r#"{{"id": "{id}", "kind": "unroll", "threads": [{{"posts": [{{"text": "{text}"}}]}}]}}"#
        )
    }

    #[test]
    fn a_cut_short_json_file_keeps_what_was_read_and_says_where_it_ends() {
        let text = format!("[{}, {}, {{\"id\": \"c", doc("a", "one"), doc("b", "two"));
        let (documents, problems) = load_file("cut.json", text.as_bytes());
        let ids: Vec<&str> = documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].path.ends_with("cut.json"));
        assert!(
            (problems[0].message).starts_with("not valid JSON: EOF while parsing"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_streamed_file_with_invalid_utf8_is_decoded_lossily_and_says_so() {
        let text = format!("\u{feff}[{}]", doc("a", "caf\u{1}"));
        let bytes = text.replace('\u{1}', "\u{fffd}").into_bytes();
        // The replacement character written by a broken editor: one byte that is not UTF-8.
        let at = bytes
            .windows(3)
            .position(|w| w == "\u{fffd}".as_bytes())
            .unwrap();
        let bytes = [&bytes[..at], b"\xe9", &bytes[at + 3..]].concat();
        let (documents, problems) = load_file("latin1.json", &bytes);
        assert_eq!(&*documents[0].threads[0].posts[0].text, "caf\u{fffd}");
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages, ["invalid UTF-8 decoded lossily"]);
    }

    #[test]
    fn json_in_utf16_is_read_whole_as_before() {
        let text = format!("[{}]", doc("a", "hé"));
        let bytes: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let (documents, problems) = load_file("wide.json", &bytes);
        assert_eq!(problems, []);
        assert_eq!(&*documents[0].threads[0].posts[0].text, "hé");
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode(b"\x89PNG\x00\x00".to_vec()).unwrap_err(),
            "skipped: binary file"
        );
    }

    #[test]
    fn a_structure_starts_where_its_json_does_in_the_file_s_own_bytes() {
        let archive = b"window.YTD.tweets.p\xffrt0 = [1]";
        let equals = archive.iter().position(|&b| b == b'=').unwrap();
        let (opening, at) = structure_in(archive).unwrap();
        assert_eq!(
            opening,
            Opening::Archive {
                part: "tweets".into()
            }
        );
        assert_eq!(&archive[at..], b" [1]", "{equals}");
        let (opening, at) = structure_in(b"\xef\xbb\xbf[{\"id\": 1}]").unwrap();
        assert_eq!((opening, at), (Opening::Json { array: true }, 3));
        assert!(
            structure_in(b"\xff\xfe[\x00{\x00").is_none(),
            "UTF-16 is read as text"
        );
        assert!(structure_in(b"[Thread] notes").is_none());
    }
}
