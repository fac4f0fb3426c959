//! `tread list`: one line per document.

use crate::cli::output::{self, Format, ListRows};
use crate::cli::select;
use crate::corpus::load::HeldCorpus;
use crate::corpus::{Corpus, DocIndex, Document};
use crate::filters::Filters;
use std::borrow::Borrow;
use std::io::Write;

/// Each document's row (with `filters`, each document holding a passing post, with how many
/// pass): as aligned text, a JSON array or JSON Lines.
pub fn run(
    corpus: &Corpus,
    filters: Option<&Filters>,
    format: Format,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let rows = rows(select::documents(corpus, filters), filters);
    write(&rows, format, style, out)
}

/// [`run`] over a corpus held packed: each document unpacked and let go as it is listed.
pub fn held(
    corpus: HeldCorpus,
    filters: &Filters,
    format: Format,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let documents = select::held_documents(corpus, Some(filters));
    write(&rows(documents, Some(filters)), format, style, out)
}

/// The rows of `documents`, those the filters leave, with how many of their posts pass.
fn rows<D: Borrow<Document>>(
    documents: impl Iterator<Item = (DocIndex, D)>,
    filters: Option<&Filters>,
) -> ListRows {
    let mut rows = ListRows::default();
    for (at, doc) in documents {
        rows.push(doc.borrow(), filters.and_then(|f| f.passing_in(at)));
    }
    rows
}

/// The rows, as aligned text, a JSON array or JSON Lines.
pub fn write(
    rows: &ListRows,
    format: Format,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    match format {
        Format::Text => output::list(rows, style, out),
        json => output::json_rows(rows.iter(), json, out),
    }
}
