//! `--filter` on the command line: the same expressions and the same rules as the terminal
//! UI's filters ([`crate::filters`]), so that a script gets what the screen shows.

use super::CliError;
use crate::corpus::{Corpus, DocIndex, Document, PostRef};
use crate::facets::Facets;
use crate::filters::{Filter, Filters};

/// The filters `expressions` write, over `corpus` and its `facets`; `None` when there are
/// none. An expression that names nothing, or filters that leave no post, are errors.
pub fn filters(
    corpus: &Corpus,
    facets: &Facets,
    expressions: &[String],
) -> Result<Option<Filters>, CliError> {
    if expressions.is_empty() {
        return Ok(None);
    }
    let list = (expressions.iter())
        .map(|expression| Filter::parse(expression, facets))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| match e.usage {
            true => CliError::usage(e.message),
            false => CliError::failure(e.message),
        })?;
    let filters = Filters::new(corpus.documents.len(), facets, list);
    if filters.passing_count() == Some(0) {
        let message = format!("no post passes {}", expressions.join(" and "));
        return Err(CliError::failure(message));
    }
    Ok(Some(filters))
}

/// The filters of `expressions` over `corpus`, building its facets only when there are any.
pub fn filters_of(corpus: &Corpus, expressions: &[String]) -> Result<Option<Filters>, CliError> {
    match expressions.is_empty() {
        true => Ok(None),
        false => filters(corpus, &Facets::build(corpus), expressions),
    }
}

/// The documents the filters leave, in corpus order (all, without filters).
pub fn documents<'a>(
    corpus: &'a Corpus,
    filters: Option<&'a Filters>,
) -> impl Iterator<Item = (DocIndex, &'a Document)> + 'a {
    let all = DocIndex::all(corpus.documents.len()).zip(&corpus.documents);
    all.filter(move |(d, _)| filters.is_none_or(|f| f.passes(*d)))
}

/// Whether the post at `at` passes the filters (every post does without them).
pub fn passes(filters: Option<&Filters>, at: PostRef) -> bool {
    filters.is_none_or(|f| f.post_passes(at))
}
