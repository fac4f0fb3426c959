//! `tread facets`: authors, hashtags, organisations and mentions, with where each is.

use crate::cli::output;
use crate::corpus::Docs;
use crate::corpus::load::HeldCorpus;
use crate::facets::{FacetKind, Facets, Shown, ShownEntry};
use std::io::{self, Write};

/// Every value of each facet asked for (all without `kind`): as text, or a JSON object of
/// arrays keyed by facet. The corpus is read one document at a time: it is held packed.
pub fn run(
    corpus: HeldCorpus,
    json: bool,
    kind: Option<FacetKind>,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let facets = (corpus.facets)
        .unwrap_or_else(|| Facets::of_resolved(&corpus.documents, &corpus.resolution));
    let shown = Shown::from(facets);
    let ids = || (corpus.documents).map(|_, doc| doc.id.as_str().into());
    write(&shown, ids, json, kind, style, out)
}

/// The facets, as [`run`] writes them; `ids` gives every document's id, by place, when the
/// JSON output asks for them.
pub fn write(
    facets: &Shown,
    ids: impl FnOnce() -> Vec<Box<str>>,
    json: bool,
    kind: Option<FacetKind>,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let kinds: Vec<FacetKind> = kind.map_or(FacetKind::CORPUS.to_vec(), |k| vec![k]);
    if json {
        let ids: Vec<Box<str>> = (ids().iter())
            .map(|id| serde_json::to_string(id).map(String::into_boxed_str))
            .collect::<serde_json::Result<_>>()?;
        Json::new(out).facets(facets, &kinds, &ids)?;
        return Ok(());
    }
    output::facets(facets, &kinds, style, out)
}

/// `tread facets --json`, laid out as serde_json's pretty printer lays it out, but written
/// here: the entries name their documents by id, a million ids at M, and the printer's
/// calls for each id's comma, line and indent cost more than the rest of the command.
/// Strings are still escaped by serde_json.
struct Json<'w, W: Write> {
    out: &'w mut W,
    /// What is written, handed to `out` in large pieces.
    buf: Vec<u8>,
}

impl<'w, W: Write> Json<'w, W> {
    /// Room kept before handing the text on.
    const ROOM: usize = 1 << 16;

    fn new(out: &'w mut W) -> Self {
        Json {
            out,
            buf: Vec::with_capacity(2 * Self::ROOM),
        }
    }

    /// The facets `kinds` of `facets` as one object of arrays keyed by facet, each
    /// document named by its id, written by place in `ids` (each a JSON string).
    fn facets(mut self, facets: &Shown, kinds: &[FacetKind], ids: &[Box<str>]) -> io::Result<()> {
        self.buf.push(b'{');
        for (i, &kind) in kinds.iter().enumerate() {
            self.next_in(i, 1);
            self.string(kind.key())?;
            self.buf.extend_from_slice(b": ");
            let entries = facets.entries(kind);
            self.array(1, entries.len(), |json, at| json.entry(&entries[at], ids))?;
        }
        self.close(kinds.len(), 0, b'}');
        self.buf.push(b'\n');
        self.out.write_all(&self.buf)
    }

    /// An entry as an object, at the depth of the facets' arrays' items.
    fn entry(&mut self, entry: &ShownEntry, ids: &[Box<str>]) -> io::Result<()> {
        const DEPTH: usize = 3;
        self.buf.push(b'{');
        self.next_in(0, DEPTH);
        self.buf.extend_from_slice(b"\"name\": ");
        self.string(entry.name)?;
        self.next_in(1, DEPTH);
        self.buf.extend_from_slice(b"\"variants\": ");
        let variants = entry.variants;
        self.array(DEPTH, variants.len(), |json, at| json.string(&variants[at]))?;
        self.next_in(1, DEPTH);
        self.buf.extend_from_slice(b"\"documents\": ");
        self.array(DEPTH, entry.documents.len(), |json, at| {
            let id = &ids[entry.documents[at].index()];
            json.buf.extend_from_slice(id.as_bytes());
            Ok(())
        })?;
        self.next_in(1, DEPTH);
        self.buf.extend_from_slice(b"\"posts\": ");
        self.buf
            .extend_from_slice(entry.posts.to_string().as_bytes());
        self.close(1, DEPTH - 1, b'}');
        Ok(())
    }

    /// An array of `len` items, each written by `item` from its place, whose own line is
    /// at `depth`.
    fn array(
        &mut self,
        depth: usize,
        len: usize,
        mut item: impl FnMut(&mut Self, usize) -> io::Result<()>,
    ) -> io::Result<()> {
        self.buf.push(b'[');
        for at in 0..len {
            self.next_in(at, depth + 1);
            item(self, at)?;
            self.hand_on_when_full()?;
        }
        self.close(len, depth, b']');
        Ok(())
    }

    /// Hands what is written on once it fills the room kept: within an entry too, which
    /// may name every document.
    fn hand_on_when_full(&mut self) -> io::Result<()> {
        if self.buf.len() >= Self::ROOM {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Before the item at `at` of an object or array: a comma after the one before it,
    /// then a line of its own at `depth`.
    fn next_in(&mut self, at: usize, depth: usize) {
        if at > 0 {
            self.buf.push(b',');
        }
        self.line(depth);
    }

    /// Closes an object or array of `len` items, whose own line is at `depth`: an empty
    /// one closes where it opened.
    fn close(&mut self, len: usize, depth: usize, bracket: u8) {
        if len > 0 {
            self.line(depth);
        }
        self.buf.push(bracket);
    }

    /// A new line, indented to `depth` (the facets' JSON is never deeper than four).
    fn line(&mut self, depth: usize) {
        const LINE: &[u8] = b"\n        ";
        self.buf.extend_from_slice(&LINE[..1 + 2 * depth]);
    }

    fn string(&mut self, text: &str) -> io::Result<()> {
        serde_json::to_writer(&mut self.buf, text).map_err(io::Error::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    /// An entry as serde_json would write it.
    #[derive(Serialize)]
    struct Row<'a> {
        name: &'a str,
        variants: &'a [String],
        documents: Vec<&'a str>,
        posts: usize,
    }

    /// Facets keyed in the order given, as serde_json would write them.
    struct Keyed<'a>(Vec<(&'static str, Vec<Row<'a>>)>);

    impl Serialize for Keyed<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
        }
    }

    /// What serde_json's pretty printer makes of the facets `kinds` of `facets`.
    fn by_serde<'a>(facets: &'a Shown, kinds: &[FacetKind], ids: &[&'a str]) -> String {
        let row = |entry: ShownEntry<'a>| {
            let documents = entry.documents.iter().map(|d| ids[d.index()]).collect();
            Row {
                name: entry.name,
                variants: entry.variants,
                documents,
                posts: entry.posts,
            }
        };
        let rows = |kind: FacetKind| facets.entries(kind).into_iter().map(row).collect();
        let keyed = Keyed(kinds.iter().map(|&k| (k.key(), rows(k))).collect());
        serde_json::to_string_pretty(&keyed).unwrap() + "\n"
    }

    #[test]
    fn the_json_is_laid_out_as_serde_json_lays_it_out() {
        let corpus = crate::corpus::load::bundled();
        let mut facets = crate::facets::Facets::build(&corpus);
        // Names to escape, an entry without spellings and a facet without entries.
        facets.authors[0].name = "Ann \"Nan\" O'Neil \\ \u{1}é\u{2028}".to_string();
        facets.authors[1].variants.clear();
        facets.hashtags.clear();
        let shown = Shown::from(facets);
        let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
        let escaped: Vec<Box<str>> = (ids.iter())
            .map(|id| serde_json::to_string(id).unwrap().into())
            .collect();
        for kinds in [
            FacetKind::CORPUS,
            &[FacetKind::Author],
            &[FacetKind::Hashtag],
        ] {
            let mut out = Vec::new();
            Json::new(&mut out).facets(&shown, kinds, &escaped).unwrap();
            let written = String::from_utf8(out).unwrap();
            assert_eq!(written, by_serde(&shown, kinds, &ids), "{kinds:?}");
        }
    }
}
