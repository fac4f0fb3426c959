//! `tread list`: one line per document.

use crate::cli::output::{self, Format};
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
    let rows: Vec<_> = select::documents(corpus, filters)
        .map(|(at, doc)| (doc, filters.and_then(|f| f.passing_in(at))))
        .collect();
    match format {
        Format::Text => output::list(&rows, style, out),
        json => {
            let rows = rows
                .iter()
                .map(|&(doc, passing)| output::list_row(doc, passing));
            output::json_rows(rows, json, out)
        }
    }
}
