//! `tread cache info|clear`: what the cache of parsed corpora holds, and removing it. Only
//! tread's own files in the cache folder are ever touched.

use crate::cache::store::{self, Index, Reader};
use crate::corpus::sanitise::{printable_path, single_line};
use crate::present::plural;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What to do with the cache.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Action {
    /// Where the cache is, and each collection cached in it: the folders it was read from,
    /// its size, files, and when it was written.
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
    let (paths, clearing) = match &action {
        Action::Info { paths } => (paths, false),
        Action::Clear { paths } => (paths, true),
    };
    for path in paths {
        if !path.exists() {
            anyhow::bail!("{}: no such file or folder", printable_path(path));
        }
    }
    let files = files(&dir, paths)?;
    if files.is_empty() {
        let shown = match paths.is_empty() {
            true => format!("in {}", printable_path(&dir)),
            false => format!("for {}", shown_paths(paths)),
        };
        writeln!(out, "nothing cached {shown}")?;
        return Ok(());
    }
    match clearing {
        false => info(&dir, &files, out),
        true => clear(&dir, &files, out),
    }
}

/// The PATHs as typed, for a message.
fn shown_paths(paths: &[PathBuf]) -> String {
    let shown: Vec<String> = paths.iter().map(|p| printable_path(p)).collect();
    shown.join(", ")
}

/// The cache files in `dir`: those of the corpus of `paths`, or all; with any left half
/// written by a load that was stopped.
fn files(dir: &Path, paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => anyhow::bail!("{}: {}", printable_path(dir), store::reason(&e)),
    };
    // Every cache of the corpus, by whatever paths it was read (and any being written).
    let ours = |path: &Path| {
        let name = name_of(path);
        let cache = store::partial_of(&name).unwrap_or(&name);
        let of = match paths.is_empty() {
            true => cache.ends_with(".cache"),
            false => crate::cache::is_cache_of(cache, paths),
        };
        path.is_file() && of
    };
    let mut files: Vec<PathBuf> = (entries.filter_map(Result::ok))
        .map(|entry| entry.path())
        .filter(|path| ours(path))
        .collect();
    files.sort();
    Ok(files)
}

/// A file's name, as text.
fn name_of(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default();
    name.to_string_lossy().into_owned()
}

fn info(dir: &Path, files: &[PathBuf], out: &mut impl Write) -> anyhow::Result<()> {
    let sizes: Vec<u64> = files.iter().map(|f| size_of(f)).collect();
    let total: u64 = sizes.iter().sum();
    let count = plural(files.len(), "file");
    writeln!(out, "{}: {count}, {}", printable_path(dir), size(total))?;
    let build = crate::cache::build_id();
    for (file, bytes) in files.iter().zip(sizes) {
        let name = name_of(file);
        let what = match Reader::open(file, &build) {
            _ if store::partial_of(&name).is_some() => {
                "being written, or left by a load that was stopped".to_string()
            }
            Ok(Some(reader)) => described(&reader.index),
            Ok(None) => "gone".to_string(),
            Err(broken) => format!("{broken}; rebuilt when next opened"),
        };
        let name = printable_path(Path::new(&name));
        writeln!(out, "  {name}  {}  {what}", size(bytes))?;
    }
    Ok(())
}

/// "for /home/a/threads: 20000 files, written 2026-12-05T07:10:00Z, organisations resolved".
fn described(index: &Index) -> String {
    let written = crate::review::record::utc(index.written / 1_000_000_000);
    let resolved = match index.resolution {
        Some(_) => ", organisations resolved",
        None => "",
    };
    let count = plural(index.files.len(), "file");
    let paths = index
        .paths
        .iter()
        .map(|p| single_line(p))
        .collect::<Vec<_>>();
    format!(
        "for {}: {count}, written {written}{resolved}",
        paths.join(", ")
    )
}

fn clear(dir: &Path, files: &[PathBuf], out: &mut impl Write) -> anyhow::Result<()> {
    let mut freed = 0;
    for file in files {
        let bytes = size_of(file);
        match std::fs::remove_file(file) {
            Ok(()) => freed += bytes,
            // Renamed or removed meanwhile by another tread: gone all the same.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => anyhow::bail!("{}: {}", printable_path(file), store::reason(&e)),
        }
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
