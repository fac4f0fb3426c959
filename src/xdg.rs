//! Where tread keeps what it writes, never beside the user's documents: under the XDG base
//! directories, one file per corpus, named for the canonical paths it was opened with.

use std::path::{Path, PathBuf};

/// `$XDG_DATA_HOME`, else `~/.local/share`.
pub fn data_home() -> Option<PathBuf> {
    base("XDG_DATA_HOME", ".local/share")
}

/// `$XDG_CACHE_HOME`, else `~/.cache`.
pub fn cache_home() -> Option<PathBuf> {
    base("XDG_CACHE_HOME", ".cache")
}

/// The variable when it holds an absolute path (the specification says to ignore a relative
/// one), else `fallback` under `$HOME`.
fn base(variable: &str, fallback: &str) -> Option<PathBuf> {
    std::env::var_os(variable)
        .filter(|v| Path::new(v).is_absolute())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(fallback)))
}

/// `NAME-HASH.EXTENSION` for the corpus read from `paths` (none: `bundled-seeds`): the last
/// part of the first canonical path, to be told apart by people, and a hash of all the
/// canonical paths, sorted, to be told apart by tread.
pub fn corpus_file_name(paths: &[PathBuf], extension: &str) -> String {
    if paths.is_empty() {
        return format!("bundled-seeds.{extension}");
    }
    let mut canonical: Vec<String> = (paths.iter())
        .map(|p| {
            std::fs::canonicalize(p)
                .unwrap_or_else(|_| std::path::absolute(p).unwrap_or_else(|_| p.clone()))
        })
        .map(|p| p.display().to_string())
        .collect();
    canonical.sort();
    canonical.dedup();
    let first = Path::new(&canonical[0]).file_name();
    let name: String = (first.map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "corpus".to_string())
        .chars()
        .map(|c| match c.is_ascii_alphanumeric() || "._-".contains(c) {
            true => c,
            false => '_',
        })
        .take(40)
        .collect();
    format!(
        "{name}-{:016x}.{extension}",
        fnv64(canonical.join("\0").as_bytes())
    )
}

/// FNV-1a, 64 bits: the same hash for the same bytes in every version of tread.
pub fn fnv64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_corpus_one_name_whatever_the_order_or_spelling_of_its_paths() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("threads"), dir.path().join("news"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        let name = corpus_file_name(&[a.clone(), b.clone()], "jsonl");
        assert!(
            name.starts_with("news-") && name.ends_with(".jsonl"),
            "{name}"
        );
        assert_eq!(
            name,
            corpus_file_name(&[b.clone(), a.join("."), a.clone()], "jsonl")
        );
        assert_ne!(name, corpus_file_name(std::slice::from_ref(&a), "jsonl"));
        assert_eq!(corpus_file_name(&[], "jsonl"), "bundled-seeds.jsonl");
        let odd = dir.path().join("we\u{1b}ird name");
        assert!(corpus_file_name(&[odd], "cache").starts_with("we_ird_name-"));
    }
}
