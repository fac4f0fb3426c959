//! `tread show DOC`: one document.

use crate::cli::output;
use crate::corpus::Corpus;
use std::io::Write;

/// The document at `index`: as readable text, or JSON.
pub fn run(
    corpus: &Corpus,
    index: usize,
    json: bool,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let document = &corpus.documents[index];
    match json {
        true => output::json(document, out),
        false => output::document(corpus, document, style, out),
    }
}
