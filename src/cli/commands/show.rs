//! `tread show DOC`: one document.

use crate::cli::output;
use crate::corpus::{Corpus, DocIndex};
use std::io::Write;

/// The document at `index`: as readable text, or JSON.
pub fn run(
    corpus: &Corpus,
    index: DocIndex,
    json: bool,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let document = corpus.document(index);
    match json {
        true => output::json(document, out),
        false => output::document(corpus, document, style, out),
    }
}
