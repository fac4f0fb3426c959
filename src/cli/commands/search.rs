//! `tread search QUERY`: the posts holding every word of a query.

use crate::address::Address;
use crate::cli::output::{self, Format, SearchHits};
use crate::cli::{CliError, select};
use crate::corpus::load::HeldCorpus;
use crate::corpus::{Document, Seen};
use crate::filters::Filters;
use crate::listing::ListRows;
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

/// The hits of a search of a run of files read where the cache holds them
/// ([`crate::corpus::load::cached_in_place`]), with the id of each document searched: the
/// ids the load gives them, which the cache's listing says, are checked against these.
#[derive(Default)]
pub struct RunHits {
    pub ids: Vec<String>,
    pub hits: SearchHits,
}

impl RunHits {
    /// Adds the posts of `doc` that hold every word of `query`, as [`find_in`] does.
    pub fn find_in(&mut self, doc: Seen, query: &Query) {
        let doc = match doc {
            Seen::Unpacked(doc) => {
                self.ids.push(doc.id.clone());
                return find_in(doc, query, &mut self.hits);
            }
            Seen::Archived(doc) => doc,
        };
        self.ids.push(doc.id.to_string());
        let threads = doc.threads.len();
        for thread in doc.threads.iter() {
            let numbers = thread
                .posts
                .iter()
                .map(|p| p.number.as_ref().map(|n| n.to_native()));
            let index = thread.index.to_native() as usize;
            for (at, post) in thread.posts.iter().enumerate() {
                if !query.matches(&post.text) {
                    continue;
                }
                let place = post.index.to_native();
                let address = Address::in_thread(threads, index, numbers.clone(), at, place);
                let label = post.label.as_ref().map(|label| &**label);
                (self.hits).push_post(&doc.id, address, (index, place), label, &post.text);
            }
        }
    }
}

/// The hits of an unchanged collection's search, from the runs of its files read in place,
/// when each document searched has the id the cache's list gives it, in the same order (a
/// load that changed ids, two files with one name, is made whole): none otherwise.
pub fn cached_hits(runs: Vec<RunHits>, rows: &ListRows) -> Option<SearchHits> {
    let ids = runs.iter().flat_map(|run| &run.ids).map(String::as_str);
    ids.eq(rows.iter().map(|row| row.id)).then_some(())?;
    let mut hits = SearchHits::default();
    for run in runs {
        hits.append(run.hits);
    }
    Some(hits)
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
        Format::Jsonl => output::search_lines(hits, out)?,
        Format::Json => output::json_rows(hits.iter(), Format::Json, out)?,
    }
    match hits.is_empty() {
        true => Err(CliError::failure("no posts match").into()),
        false => Ok(()),
    }
}
