//! `--filter` on the command line: the same expressions and the same rules as the terminal
//! UI's filters ([`crate::filters`]), so that a script gets what the screen shows.

use super::CliError;
use crate::corpus::load::HeldCorpus;
use crate::corpus::{DocIndex, Docs, Document, Places};
use crate::facets::{Facets, ReviewPosts};
use crate::filters::{Filter, Filters};
use crate::review::Review;
use std::sync::Arc;

/// The filters `expressions` write, over a corpus of `documents` and its `facets`; `None`
/// when there are none. An expression that names nothing, or filters that leave no post,
/// are errors.
pub fn filters(
    documents: usize,
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
    let filters = Filters::new(documents, facets, list);
    if filters.passing_count() == Some(0) {
        let message = format!("no post passes {}", expressions.join(" and "));
        return Err(CliError::failure(message));
    }
    Ok(Some(filters))
}

/// The filters of `expressions` over a corpus held packed, whose facets are built reading
/// its documents one at a time; `None` when there are none. The review (`review`) is read
/// only when one names what it says, and its posts found reading each document once.
pub fn held_filters(
    corpus: &HeldCorpus,
    expressions: &[String],
    review: impl FnOnce() -> anyhow::Result<Review>,
) -> anyhow::Result<Option<Filters>> {
    let places = || Arc::new(Places::of(&corpus.documents));
    filters_over(corpus, expressions, places, |places| {
        let mut review = review()?;
        review.resolve_over(&corpus.documents, places);
        Ok(review.facet_posts(places))
    })
}

/// [`held_filters`] with the places of the corpus's posts counted and its review read and
/// resolved over them already: neither is made again.
pub fn held_filters_with(
    corpus: &HeldCorpus,
    expressions: &[String],
    (places, review): (&Arc<Places>, &Review),
) -> anyhow::Result<Option<Filters>> {
    let places_again = || Arc::clone(places);
    filters_over(corpus, expressions, places_again, |places| {
        Ok(review.facet_posts(places))
    })
}

/// The filters of `expressions` over the facets of `corpus` at `places`, with the posts of
/// the review `review_posts` gives when an expression names it.
fn filters_over(
    corpus: &HeldCorpus,
    expressions: &[String],
    places: impl FnOnce() -> Arc<Places>,
    review_posts: impl FnOnce(&Places) -> anyhow::Result<ReviewPosts>,
) -> anyhow::Result<Option<Filters>> {
    if expressions.is_empty() {
        return Ok(None);
    }
    let mut facets = Facets::of_resolved_at(&corpus.documents, &corpus.resolution, places());
    if expressions.iter().any(|e| names_review(e)) {
        let posts = review_posts(facets.places())?;
        facets.set_review(posts);
    }
    Ok(filters(corpus.documents.count(), &facets, expressions)?)
}

/// Whether a `--filter` expression is on the review rather than the corpus.
pub fn names_review(expression: &str) -> bool {
    let rest = (expression.strip_prefix("not:"))
        .or_else(|| expression.strip_prefix('!'))
        .unwrap_or(expression);
    rest.starts_with("review:") || rest.starts_with("code:")
}

/// The documents of a corpus held packed that the filters leave, in corpus order (all,
/// without filters): each unpacked with the resolution written into it, and let go in turn.
pub fn held_documents(
    corpus: HeldCorpus,
    filters: Option<&Filters>,
) -> impl Iterator<Item = (DocIndex, Document)> + '_ {
    (corpus.into_resolved()).filter(move |(d, _)| keeps(filters, *d))
}

/// Whether the filters leave document `at` (every one, without filters).
pub fn keeps(filters: Option<&Filters>, at: DocIndex) -> bool {
    filters.is_none_or(|f| f.passes(at))
}
