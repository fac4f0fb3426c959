//! `tread show DOC`: one document.

use crate::cli::output;
use crate::corpus::DocIndex;
use crate::corpus::load::HeldCorpus;
use anyhow::Context;
use std::collections::HashMap;
use std::io::Write;

/// The document at `index`, as readable text or JSON. The corpus is held packed: the
/// documents before it are read only to be resolved, and let go.
pub fn run(
    corpus: HeldCorpus,
    index: DocIndex,
    json: bool,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let holders = match json {
        true => HashMap::new(),
        false => corpus.holder_authors(),
    };
    let found = corpus.into_resolved().find(|(at, _)| *at == index);
    let (_, document) = found.context("the document picked is not in the corpus")?;
    match json {
        true => output::json(&document, out),
        false => output::document(&holders, &document, style, out),
    }
}
