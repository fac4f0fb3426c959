//! `tread list`: one line per document.

use crate::cli::output;
use crate::corpus::Corpus;
use std::io::Write;

/// Each document's row: as aligned text, or a JSON array.
pub fn run(
    corpus: &Corpus,
    json: bool,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if json {
        let rows: Vec<_> = corpus.documents.iter().map(output::list_row).collect();
        return output::json(&rows, out);
    }
    output::list(corpus, style, out)
}
