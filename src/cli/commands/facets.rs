//! `tread facets`: authors, hashtags, organisations and mentions, with where each is.

use crate::cli::output;
use crate::corpus::Corpus;
use crate::facets::{FacetKind, Facets};
use std::io::Write;

/// Every value of each facet asked for (all without `kind`): as text, or a JSON object of
/// arrays keyed by facet.
pub fn run(
    corpus: &Corpus,
    json: bool,
    kind: Option<FacetKind>,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let facets = Facets::build(corpus);
    let kinds: Vec<FacetKind> = kind.map_or(FacetKind::CORPUS.to_vec(), |k| vec![k]);
    if json {
        let object: serde_json::Map<String, serde_json::Value> = kinds
            .iter()
            .map(|&k| {
                let rows: Vec<_> = (facets.entries(k).iter())
                    .map(|entry| output::facet_row(entry, corpus))
                    .collect();
                Ok((k.key().to_string(), serde_json::to_value(rows)?))
            })
            .collect::<anyhow::Result<_>>()?;
        return output::json(&object, out);
    }
    output::facets(&facets, &kinds, style, out)
}
