//! `tread list`: one line per document.

use crate::cli::output::{self, Format, ListRows};
use crate::cli::select;
use crate::corpus::load::HeldCorpus;
use crate::filters::Filters;
use std::io::Write;

/// The row of each document holding a post that passes `filters`, with how many pass: as
/// aligned text, a JSON array or JSON Lines. The corpus is held packed: each document is
/// unpacked and let go as it is listed.
pub fn run(
    corpus: HeldCorpus,
    filters: &Filters,
    format: Format,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut rows = ListRows::default();
    for (at, doc) in select::held_documents(corpus, Some(filters)) {
        rows.push(&doc, filters.passing_in(at));
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
