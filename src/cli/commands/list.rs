//! `tread list`: one line per document.

use crate::cli::output::{self, Format, ListRows};
use crate::cli::select;
use crate::corpus::Corpus;
use crate::filters::Filters;
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
    let mut rows = ListRows::default();
    for (at, doc) in select::documents(corpus, filters) {
        rows.push(doc, filters.and_then(|f| f.passing_in(at)));
    }
    write(&rows, format, style, out)
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
