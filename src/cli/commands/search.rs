//! `tread search QUERY`: the posts holding every word of a query.

use crate::cli::output::{self, Format};
use crate::cli::{CliError, select};
use crate::corpus::Corpus;
use crate::filters::Filters;
use crate::search::{self, Query};
use std::io::Write;

/// Each post holding every word of `query` (ignoring case) that passes `filters`, with its
/// document and address: as text with the words marked, a JSON array or JSON Lines. No
/// post found is a failure (exit 1) in every format, as grep's is.
pub fn run(
    corpus: &Corpus,
    query: &str,
    filters: Option<&Filters>,
    format: Format,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let query = Query::new(query);
    if query.is_empty() {
        return Err(CliError::usage("the search query is empty").into());
    }
    let mut hits = search::search(corpus, &query);
    hits.retain(|&at| select::passes(filters, at));
    match format {
        Format::Text => output::search_hits(corpus, &query, &hits, style, out)?,
        json => {
            let rows = hits.iter().map(|&at| output::search_row(corpus, at));
            output::json_rows(rows, json, out)?;
        }
    }
    match hits.is_empty() {
        true => Err(CliError::failure("no posts match").into()),
        false => Ok(()),
    }
}
