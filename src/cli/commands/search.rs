//! `tread search QUERY`: the posts holding every word of a query.

use crate::cli::{CliError, output};
use crate::corpus::Corpus;
use crate::search::{self, Query};
use std::io::Write;

/// Each post holding every word of `query` (ignoring case), with its document and label: as
/// text with the words marked, or a JSON array.
pub fn run(
    corpus: &Corpus,
    query: &str,
    json: bool,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let query = Query::new(query);
    if query.is_empty() {
        return Err(CliError::usage("the search query is empty").into());
    }
    let hits = search::search(corpus, &query);
    if json {
        let rows: Vec<_> = hits
            .iter()
            .map(|&at| output::search_row(corpus, at))
            .collect();
        return output::json(&rows, out);
    }
    output::search_hits(corpus, &query, &hits, style, out)
}
