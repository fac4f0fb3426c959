//! `tread search QUERY`: the posts holding every word of a query.

use crate::address::Numbering;
use crate::cli::output::{self, Format, SearchHits};
use crate::cli::{CliError, select};
use crate::corpus::load::HeldCorpus;
use crate::corpus::{ArchivedThread, Document, Seen, Thread};
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
    hits_in(&doc.id, &doc.threads, query, hits);
}

/// Adds the posts of the threads of the document `id` that hold every word of `query` to
/// `hits`, each at its address: for a document made, or read where the cache holds it.
fn hits_in<T: Searched>(id: &str, threads: &[T], query: &Query, hits: &mut SearchHits) {
    for thread in threads {
        // Worked out once for a thread, and only for one with a hit.
        let mut numbering = None;
        for (at, post) in thread.posts().enumerate() {
            if !query.matches(post.text) {
                continue;
            }
            let numbers = || thread.posts().map(|post| post.number);
            let numbering = numbering.get_or_insert_with(|| Numbering::of(numbers()));
            let address = numbering.address((threads.len(), thread.index()), at, post.place);
            let place = (thread.index(), post.place);
            hits.push_post(id, address, place, post.label, post.text);
        }
    }
}

/// A thread as a search reads it, made or archived.
trait Searched {
    /// Its place among its document's threads, from 1.
    fn index(&self) -> usize;
    /// Its posts, in order.
    fn posts(&self) -> impl Iterator<Item = PostRead<'_>>;
}

/// What a search reads of a post.
struct PostRead<'a> {
    /// Its number as written, if it is numbered.
    number: Option<u32>,
    /// Its place in its thread, from 1.
    place: u32,
    label: Option<&'a str>,
    text: &'a str,
}

impl Searched for Thread {
    fn index(&self) -> usize {
        self.index
    }

    fn posts(&self) -> impl Iterator<Item = PostRead<'_>> {
        self.posts.iter().map(|post| PostRead {
            number: post.number,
            place: post.index,
            label: post.label.as_deref(),
            text: &post.text,
        })
    }
}

impl Searched for ArchivedThread {
    fn index(&self) -> usize {
        self.index.to_native() as usize
    }

    fn posts(&self) -> impl Iterator<Item = PostRead<'_>> {
        self.posts.iter().map(|post| PostRead {
            number: post.number.as_ref().map(|number| number.to_native()),
            place: post.index.to_native(),
            label: post.label.as_ref().map(|label| &**label),
            text: &post.text,
        })
    }
}

/// The hits of a search of a run of files read where the cache holds them
/// ([`crate::corpus::load::cached_in_place`]), with the id of each document searched: the
/// ids the load gives them, which the cache's listing says, are checked against these.
#[derive(Default)]
pub struct RunHits {
    ids: Vec<String>,
    hits: SearchHits,
}

impl RunHits {
    /// Adds the posts of `doc` that hold every word of `query`, as [`find_in`] does.
    pub fn find_in(&mut self, doc: Seen, query: &Query) {
        match doc {
            Seen::Unpacked(doc) => {
                self.ids.push(doc.id.clone());
                hits_in(&doc.id, &doc.threads, query, &mut self.hits);
            }
            Seen::Archived(doc) => {
                self.ids.push(doc.id.to_string());
                hits_in(&doc.id, &doc.threads, query, &mut self.hits);
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
