//! `tread cache info|clear`: what the cache of parsed corpora holds, and removing it. Only
//! tread's own files in the cache folder are ever touched.

use crate::cache::store::{Broken, Reader};
use crate::corpus::sanitise::printable_path;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What to do with the cache.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Action {
    /// Where the cache is, and each corpus cached in it: size, files, when written.
    Info {
        /// Only the cache of the corpus read from these files or folders.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Remove the cache: every corpus's, or only that of the PATHs given. The next open
    /// reads every file again.
    Clear {
        /// Only the cache of the corpus read from these files or folders.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

/// Runs `action` on the cache folder.
pub fn run(action: Action, out: &mut impl Write) -> anyhow::Result<()> {
    let dir = crate::cache::default_dir()
        .ok_or_else(|| anyhow::anyhow!("no cache folder: set XDG_CACHE_HOME or HOME"))?;
    match action {
        Action::Info { paths } => info(&dir, &files(&dir, &paths)?, out),
        Action::Clear { paths } => clear(&dir, &files(&dir, &paths)?, out),
    }
}

/// The cache files in `dir`: that of the corpus of `paths`, or all (with any left half
/// written by a load that was stopped).
fn files(dir: &Path, paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    if !paths.is_empty() {
        let file = crate::cache::file_for(dir, paths);
        return Ok(file.is_file().then_some(file).into_iter().collect());
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => anyhow::bail!("{}: {e}", printable_path(dir)),
    };
    let mut files: Vec<PathBuf> = (entries.filter_map(Result::ok))
        .map(|entry| entry.path())
        .filter(|path| is_ours(path))
        .collect();
    files.sort();
    Ok(files)
}

/// Whether tread wrote the file at `path`: a cache, or one being written.
fn is_ours(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    path.is_file() && (name.ends_with(".cache") || name.starts_with(crate::cache::store::WRITING))
}

fn info(dir: &Path, files: &[PathBuf], out: &mut impl Write) -> anyhow::Result<()> {
    let sizes: Vec<u64> = files.iter().map(|f| size_of(f)).collect();
    let shown = printable_path(dir);
    if files.is_empty() {
        writeln!(out, "{shown}: nothing cached")?;
        return Ok(());
    }
    let total: u64 = sizes.iter().sum();
    let count = plural(files.len(), "file");
    writeln!(out, "{shown}: {count}, {}", size(total))?;
    let build = crate::cache::build_id();
    for (file, bytes) in files.iter().zip(sizes) {
        let name = printable_path(Path::new(file.file_name().unwrap_or_default()));
        let what = match Reader::open(file, &build) {
            Ok(Some(reader)) => described(&reader.index),
            Ok(None) => "gone".to_string(),
            Err(Broken::Foreign) if name.starts_with(crate::cache::store::WRITING) => {
                "being written, or left by a load that was stopped".to_string()
            }
            Err(broken) => format!("{broken}: rebuilt when next opened"),
        };
        writeln!(out, "  {name}  {}  {what}", size(bytes))?;
    }
    Ok(())
}

/// "20000 files read 2026-12-05T07:10:00Z, resolved".
fn described(index: &crate::cache::store::Index) -> String {
    let written = crate::review::record::utc(index.written / 1_000_000_000);
    let resolved = match index.resolution {
        Some(_) => ", resolved",
        None => "",
    };
    let count = plural(index.files.len(), "document file");
    format!("{count} read {written}{resolved}")
}

fn clear(dir: &Path, files: &[PathBuf], out: &mut impl Write) -> anyhow::Result<()> {
    let mut freed = 0;
    for file in files {
        let bytes = size_of(file);
        std::fs::remove_file(file).map_err(|e| anyhow::anyhow!("{}: {e}", printable_path(file)))?;
        freed += bytes;
    }
    let count = plural(files.len(), "cache file");
    writeln!(
        out,
        "removed {count} ({}) from {}",
        size(freed),
        printable_path(dir)
    )?;
    Ok(())
}

fn size_of(file: &Path) -> u64 {
    std::fs::metadata(file).map_or(0, |m| m.len())
}

/// "1 file", "2 files".
fn plural(count: usize, what: &str) -> String {
    match count {
        1 => format!("1 {what}"),
        _ => format!("{count} {what}s"),
    }
}

/// A size as people read it: "812 B", "12.0 KB", "141.2 MB".
fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(812), "812 B");
        assert_eq!(size(12 * 1024), "12.0 KB");
        assert_eq!(size(148_000_000), "141.1 MB");
    }
}
