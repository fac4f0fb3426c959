//! `tread facets`: authors, hashtags, organisations and mentions, with where each is.

use crate::cli::output;
use crate::corpus::Docs;
use crate::corpus::load::HeldCorpus;
use crate::facets::{FacetKind, Facets};
use std::io::Write;

/// Every value of each facet asked for (all without `kind`): as text, or a JSON object of
/// arrays keyed by facet. The corpus is read one document at a time: it is held packed.
pub fn run(
    corpus: &HeldCorpus,
    json: bool,
    kind: Option<FacetKind>,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let built;
    let facets = match &corpus.facets {
        Some(facets) => facets,
        None => {
            built = Facets::of_resolved(&corpus.documents, &corpus.resolution);
            &built
        }
    };
    let ids = || (corpus.documents).map(|_, doc| doc.id.as_str().into());
    write(facets, ids, json, kind, style, out)
}

/// The facets, as [`run`] writes them; `ids` gives every document's id, by place, when the
/// JSON output asks for them.
pub fn write(
    facets: &Facets,
    ids: impl FnOnce() -> Vec<Box<str>>,
    json: bool,
    kind: Option<FacetKind>,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let kinds: Vec<FacetKind> = kind.map_or(FacetKind::CORPUS.to_vec(), |k| vec![k]);
    if json {
        let ids = output::json_ids(ids())?;
        // Each facet's rows written as they are made, not gathered into a JSON value first:
        // the kinds alone name every document.
        let object = kinds.iter().map(|&k| {
            let rows = (facets.entries(k).iter()).map(|entry| output::facet_row(entry, &ids));
            (k.key(), output::Seq::of(rows))
        });
        return output::json(&output::Map::of(object), out);
    }
    output::facets(facets, &kinds, style, out)
}
