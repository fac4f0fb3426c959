//! Finding the document files under the paths given: folders read recursively in name
//! order, hidden entries, editors' backups and glossaries skipped, an unpacked export's own parts left to it,
//! links followed but never into a folder twice.

use super::{GLOSSARY_FILE, Problem};
use crate::corpus::formats;
use crate::corpus::sanitise::printable_path;
use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::fs::FileType;
use std::path::{Path, PathBuf};

/// Every document file under the paths, in order, each path once however many of the
/// paths given lead to it (a file named beside the folder holding it, or named twice).
pub(super) fn find_files(paths: &[PathBuf], problems: &mut Vec<Problem>) -> Vec<PathBuf> {
    let mut found = Found::default();
    let mut visited = HashSet::new();
    for path in paths {
        collect(path, true, &mut found, &mut visited, problems);
    }
    found.once_each()
}

/// The files found, in order, each with whether it was named itself.
#[derive(Default)]
struct Found {
    files: Vec<(PathBuf, bool)>,
}

impl Found {
    fn push(&mut self, path: PathBuf, named: bool) {
        self.files.push((path, named));
    }

    /// The files, the first of each path kept. Only a file named itself can be reached
    /// twice (a folder is never walked twice): only then are paths compared, as the file
    /// system resolves them. A file is its path, not its contents: a link and its target,
    /// or two names of one file (hard links), are two files, as each is named.
    fn once_each(self) -> Vec<PathBuf> {
        let files = self.files.into_iter();
        if files.len() < 2 || !files.as_slice().iter().any(|&(_, named)| named) {
            return files.map(|(path, _)| path).collect();
        }
        let mut folders = HashMap::new();
        let mut seen = HashSet::new();
        let first = |(path, _): (PathBuf, bool)| {
            let key = resolved(&path, &mut folders);
            // One that cannot be looked at now is read, and its problem told, as before.
            key.is_none_or(|key| seen.insert(key)).then_some(path)
        };
        files.filter_map(first).collect()
    }
}

/// The path of a file as the file system resolves its folder (each folder once, kept in
/// `folders`), and its own name, not followed if a link: a link is a file of its own.
fn resolved(path: &Path, folders: &mut HashMap<PathBuf, Option<PathBuf>>) -> Option<PathBuf> {
    let name = path.file_name()?;
    let folder = (path.parent())
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let resolved =
        (folders.entry(folder.to_path_buf())).or_insert_with(|| std::fs::canonicalize(folder).ok());
    Some(resolved.as_ref()?.join(name))
}

/// Gathers the document files under `path` in name order, skipping hidden entries and
/// glossaries, following links but never into a folder twice.
fn collect(
    path: &Path,
    named: bool,
    found: &mut Found,
    visited: &mut HashSet<FolderId>,
    problems: &mut Vec<Problem>,
) {
    let problem = |problems: &mut Vec<Problem>, message: String| {
        problems.push(Problem {
            path: printable_path(path),
            message,
            document: true,
        })
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => return problem(problems, describe_io(&e, named)),
    };
    if meta.is_file() {
        found.push(path.to_path_buf(), named);
    } else if meta.is_dir() {
        if !visited.insert(folder_id(path, &meta)) {
            return;
        }
        let export = formats::export(path);
        let part = export.as_ref().map(|e| e.part);
        for file in export.into_iter().flat_map(|e| e.posts) {
            found.push(file, false);
        }
        let children = match entries_by_name(path) {
            Ok(children) => children,
            Err(e) => {
                let message = format!("cannot read folder: {}", describe_io(&e, true));
                return problem(problems, message);
            }
        };
        for (name, kind) in children {
            let shown_name = name.to_string_lossy();
            if shown_name.starts_with('.') || shown_name == GLOSSARY_FILE || is_backup(&shown_name)
            {
                continue;
            }
            let is_dir = kind.is_some_and(|k| k.is_dir());
            if part.is_some_and(|part| part(&shown_name, is_dir)) {
                continue;
            }
            let child = path.join(&name);
            // The folder listing says which entries are plain files, as most are: no need
            // to ask the file system about each again. Links and the rest are looked at.
            match kind {
                Some(kind) if kind.is_file() => found.push(child, false),
                _ => collect(&child, false, found, visited, problems),
            }
        }
    } else {
        problem(problems, "skipped: not a regular file".to_string());
    }
}

/// Whether a file's name is an editor's backup or autosave of another (`notes.md~`,
/// `#notes.md#`): a copy of a document, not one of its own.
fn is_backup(name: &str) -> bool {
    name.ends_with('~') || (name.len() > 2 && name.starts_with('#') && name.ends_with('#'))
}

/// The entries of folder `path` in name order, with what the listing says each is. A
/// folder's entries share its path, so their names alone give their order.
fn entries_by_name(path: &Path) -> std::io::Result<Vec<(OsString, Option<FileType>)>> {
    let entries = std::fs::read_dir(path)?;
    let mut children: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| (e.file_name(), e.file_type().ok()))
        .collect();
    children.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(children)
}

/// What makes a folder the same folder however it is reached (through links, or a path
/// written another way): its device and inode where there are such, its canonical path
/// elsewhere. The device and inode come with the metadata already read; a canonical path
/// takes a look-up of every folder above it, which made walking deeply nested folders
/// cubic in their depth.
#[cfg(unix)]
type FolderId = (u64, u64);
#[cfg(not(unix))]
type FolderId = PathBuf;

#[cfg(unix)]
fn folder_id(_: &Path, meta: &std::fs::Metadata) -> FolderId {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn folder_id(path: &Path, _: &std::fs::Metadata) -> FolderId {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

pub(super) fn describe_io(error: &std::io::Error, named: bool) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound if named => "no such file or folder".to_string(),
        std::io::ErrorKind::NotFound => "skipped: broken link".to_string(),
        std::io::ErrorKind::PermissionDenied => "skipped: permission denied".to_string(),
        _ => format!("skipped: {error}"),
    }
}
