//! Where a corpus's review is kept unless `--review` says: one file per corpus under
//! `$XDG_DATA_HOME/tread/reviews/`, named for the canonical paths it was opened with (in any
//! order), never beside the documents.

use std::path::{Path, PathBuf};

/// The review file of the corpus read from `paths` (none: the bundled seeds).
pub fn default_file(paths: &[PathBuf]) -> Result<PathBuf, String> {
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| Path::new(v).is_absolute())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .ok_or("no place to keep the review: set XDG_DATA_HOME or HOME, or give --review FILE")?;
    Ok(data.join("tread").join("reviews").join(file_name(paths)))
}

/// `NAME-HASH.jsonl`: the last part of the first canonical path, to be told apart by people, and a hash
/// of all the canonical paths, sorted, to be told apart by tread.
fn file_name(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return "bundled-seeds.jsonl".to_string();
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
    format!("{name}-{:016x}.jsonl", hash(&canonical.join("\0")))
}

/// FNV-1a, 64 bits: the same name for the same paths in every version of tread.
fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
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
        let name = file_name(&[a.clone(), b.clone()]);
        assert!(
            name.starts_with("news-") && name.ends_with(".jsonl"),
            "{name}"
        );
        assert_eq!(name, file_name(&[b.clone(), a.join("."), a.clone()]));
        assert_ne!(name, file_name(std::slice::from_ref(&a)));
        assert_eq!(file_name(&[]), "bundled-seeds.jsonl");
        let odd = dir.path().join("we\u{1b}ird name");
        assert!(file_name(&[odd]).starts_with("we_ird_name-"));
    }
}
