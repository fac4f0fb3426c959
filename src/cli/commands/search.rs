//! `tread search QUERY`: the posts holding every word of a query.

use crate::cli::output::{self, Format, SearchHits};
use crate::cli::{CliError, select};
use crate::corpus::Document;
use crate::corpus::load::HeldCorpus;
use crate::filters::Filters;
use crate::search::{self, Query};
use std::io::Write;

/// Each post holding every word of `query` (ignoring case) that passes `filters`, with its
/// document and address: as text with the words marked, a JSON array or JSON Lines. No
/// post found is a failure (exit 1) in every format, as grep's is. The corpus is held
/// packed: each document is unpacked, searched and let go.
pub fn run(
    corpus: HeldCorpus,
    query: &Query,
    filters: &Filters,
    format: Format,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut hits = SearchHits::default();
    for (at, doc) in select::held_documents(corpus, Some(filters)) {
        for found in search::find_in(&doc, at, query) {
            if filters.post_passes(found) {
                hits.push(&doc, found);
            }
        }
    }
    write(&hits, query, format, style, out)
}

/// The query a search is run for; an empty one is a usage error.
pub fn query(text: &str) -> anyhow::Result<Query> {
    let query = Query::new(text);
    match query.is_empty() {
        true => Err(CliError::usage("the search query is empty").into()),
        false => Ok(query),
    }
}

/// Adds the posts of `doc` that hold every word of `query` to `hits`.
pub fn find_in(doc: &Document, query: &Query, hits: &mut SearchHits) {
    // A document on its own: its place in a corpus names nothing here.
    for at in search::find_in(doc, Default::default(), query) {
        hits.push(doc, at);
    }
}

/// The hits as text, a JSON array or JSON Lines; none is a failure.
pub fn write(
    hits: &SearchHits,
    query: &Query,
    format: Format,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    match format {
        Format::Text => output::search_hits(hits, query, style, out)?,
        json => output::json_rows(hits.iter(), json, out)?,
    }
    match hits.is_empty() {
        true => Err(CliError::failure("no posts match").into()),
        false => Ok(()),
    }
}
