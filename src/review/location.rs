//! Where a corpus's review is kept unless `--review` says: one file per corpus under
//! `$XDG_DATA_HOME/tread/reviews/`, named for the canonical paths it was opened with (in any
//! order), never beside the documents.

use std::path::PathBuf;

/// The review file of the corpus read from `paths` (none: the bundled seeds).
pub fn default_file(paths: &[PathBuf]) -> Result<PathBuf, String> {
    let data = crate::xdg::data_home()
        .ok_or("no place to keep the review: set XDG_DATA_HOME or HOME, or give --review FILE")?;
    let name = crate::xdg::corpus_file_name(paths, "jsonl");
    Ok(data.join("tread").join("reviews").join(name))
}
