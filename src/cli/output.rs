//! Text and JSON output of the commands. Text is fitted to the terminal's width when standard
//! output is a terminal, and left unwrapped (for other tools) when it is not. No colour.

use crate::address::Address;
use crate::corpus::PostRef;
use crate::corpus::packed::{Reader, Records};
use crate::corpus::{Document, Kind, Post};
use crate::facets::{FacetKind, Shown, ShownEntry};
pub use crate::listing::{ListRow, ListRows};
use crate::present::{
    Holders, gutter, one_line, pad, post_count, post_count_of, thread_header, truncate,
};
use crate::search::Query;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// How text output is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// The width to fit, when writing to a terminal.
    pub width: Option<usize>,
}

/// The narrowest width text is fitted to, however small the terminal says it is.
const MIN_WIDTH: usize = 40;

impl Style {
    /// The terminal's width when standard output is one, otherwise no fitting.
    pub fn detect() -> Style {
        let width = super::stdout_is_terminal().then(|| {
            crossterm::terminal::size()
                .map_or(80, |(w, _)| usize::from(w))
                .max(MIN_WIDTH)
        });
        Style { width }
    }
}

/// How a command prints its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    /// One pretty JSON array.
    Json,
    /// JSON Lines: one object a line, written as it comes.
    Jsonl,
}

/// Rows as a JSON array or as JSON Lines (`format` is one of those).
pub fn json_rows<T: Serialize>(
    rows: impl Iterator<Item = T>,
    format: Format,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if format == Format::Json {
        // Written as they come, not gathered first: a list may have a row for each of
        // hundreds of thousands of documents.
        return json(&Seq::of(rows), out);
    }
    for row in rows {
        json_line(&row, out)?;
    }
    Ok(())
}

/// A row as one line of JSON Lines.
fn json_line<T: Serialize>(row: &T, out: &mut impl Write) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, row)?;
    writeln!(out)
}

/// An iterator's items as one JSON array, each serialised as it is taken.
pub struct Seq<I>(std::cell::Cell<Option<I>>);

impl<I> Seq<I> {
    /// The items `items` gives, to be serialised once, as they are taken.
    pub fn of(items: I) -> Seq<I> {
        Seq(std::cell::Cell::new(Some(items)))
    }
}

impl<T: Serialize, I: Iterator<Item = T>> Serialize for Seq<I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.take().into_iter().flatten())
    }
}

pub fn json<T: Serialize + ?Sized>(value: &T, out: &mut impl Write) -> anyhow::Result<()> {
    // As an io::Error, a closed pipe is recognised as one (serde_json's error hides it).
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

/// Column widths of the list at a terminal: kind, author, date, posts (the id is as long as
/// the longest). Piped, every column is as wide as its widest value, and nothing is cut.
const LIST_COLUMNS: [usize; 4] = [7, 16, 12, 9];

/// The list's rows as aligned text, one line each.
pub fn list(rows: &ListRows, style: Style, out: &mut impl Write) -> anyhow::Result<()> {
    fn author<'a>(row: &ListRow<'a>) -> &'a str {
        row.author.unwrap_or("—")
    }
    fn date<'a>(row: &ListRow<'a>) -> &'a str {
        row.date.unwrap_or("—")
    }
    let count = |row: &ListRow| match row.passing_posts {
        Some(n) => format!("{n}/{}", row.posts),
        None => post_count_of(row.posts, row.declared_posts, row.kind),
    };
    // The rows are read through for each width, then to write them: reading them is
    // cheap next to holding them in another form.
    let widest = |column: &dyn Fn(&ListRow) -> usize| rows.iter().map(|r| column(&r)).max();
    let id_width = widest(&|r| r.id.width()).unwrap_or(0);
    let [kind_w, author_w, date_w, posts_w] = match style.width {
        Some(_) => LIST_COLUMNS,
        None => [
            widest(&|r| r.kind.name().width()).unwrap_or(0),
            widest(&|r| author(r).width()).unwrap_or(0),
            widest(&|r| date(r).width()).unwrap_or(0),
            widest(&|r| count(r).width()).unwrap_or(0),
        ],
    };
    for row in rows.iter() {
        let line = format!(
            "{}  {}  {}  {}  {:>posts_w$}  {}",
            pad(row.id, id_width),
            pad(row.kind.name(), kind_w),
            pad(author(&row), author_w),
            pad(date(&row), date_w),
            count(&row),
            row.display_title,
        );
        writeln!(out, "{}", fit(&line, style))?;
    }
    Ok(())
}

fn fit(line: &str, style: Style) -> Cow<'_, str> {
    match style.width {
        Some(width) => truncate(line, width).into(),
        None => line.into(),
    }
}

/// A candidate document in an "ambiguous" message: id, kind, author, title.
pub fn candidate_line(doc: &Document) -> String {
    let author = doc.author.as_ref().map_or("—", |a| a.name.as_str());
    truncate(
        &format!(
            "  {}  {}  {}  {}",
            doc.id,
            doc.kind.name(),
            author,
            one_line(&doc.display_title())
        ),
        78,
    )
}

/// Width of the numbering gutter in `show`.
const GUTTER: usize = 7;

pub fn document(
    holders: &impl Holders,
    doc: &Document,
    style: Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut head = vec![doc.id.clone(), doc.kind.name().to_string()];
    head.extend(doc.author.as_ref().map(|a| a.name.clone()));
    head.extend(doc.date.clone());
    head.push(post_count(doc));
    writeln!(out, "{}", fit(&head.join(" · "), style))?;
    if let Some(title) = &doc.title {
        wrap_into(title, "", "", style, out)?;
    }
    writeln!(out, "{}", doc.path)?;
    for warning in &doc.warnings {
        writeln!(out, "warning: {warning}")?;
    }
    for thread in &doc.threads {
        writeln!(out)?;
        if doc.threads.len() > 1 || thread.declared_count.is_some() {
            writeln!(out, "{}", fit(&thread_header(holders, doc, thread), style))?;
        }
        for post in &thread.posts {
            post_lines(doc.kind, post, style, out)?;
        }
    }
    entity_summary(doc, style, out)
}

fn post_lines(kind: Kind, post: &Post, style: Style, out: &mut impl Write) -> anyhow::Result<()> {
    let label = gutter(kind, post);
    let first = format!("{label:>width$} ", width = GUTTER - 1);
    let rest = " ".repeat(GUTTER);
    let mut text = post.text.to_string();
    if post.media {
        text.push_str("\n[picture]");
    }
    wrap_into(&text, &first, &rest, style, out)?;
    writeln!(out)?;
    Ok(())
}

/// Writes `text` with a first-line prefix and a continuation prefix, wrapped to the width
/// when there is one (words are never split unless longer than a line).
fn wrap_into(
    text: &str,
    first: &str,
    rest: &str,
    style: Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut prefix = first;
    for line in text.lines() {
        match style.width {
            Some(width) => {
                let options = textwrap::Options::new(width)
                    .initial_indent(prefix)
                    .subsequent_indent(rest);
                let wrapped = textwrap::wrap(line, options);
                if wrapped.is_empty() {
                    writeln!(out, "{}", prefix.trim_end())?;
                }
                for piece in wrapped {
                    writeln!(out, "{}", piece.trim_end())?;
                }
            }
            None => writeln!(out, "{}", format!("{prefix}{line}").trim_end())?,
        }
        prefix = rest;
    }
    Ok(())
}

/// One kind of value the posts of `doc` name, each once in order of first appearance,
/// after `sigil`.
fn gather<T: AsRef<str>>(
    doc: &Document,
    values: impl Fn(&Post) -> &[T],
    sigil: &str,
) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    for value in doc.posts().flat_map(&values) {
        let value = format!("{sigil}{}", value.as_ref());
        if !all.contains(&value) {
            all.push(value);
        }
    }
    all
}

fn entity_summary(doc: &Document, style: Style, out: &mut impl Write) -> anyhow::Result<()> {
    let rows = [
        ("Hashtags", gather(doc, |p| &p.hashtags, "#")),
        ("Mentions", gather(doc, |p| &p.mentions, "@")),
        ("Organisations", gather(doc, |p| &p.organisations, "")),
        ("Links", gather(doc, |p| &p.urls, "")),
    ];
    for (name, values) in rows.iter().filter(|(_, v)| !v.is_empty()) {
        wrap_into(
            &format!("{name}: {}", values.join(", ")),
            "",
            "  ",
            style,
            out,
        )?;
    }
    Ok(())
}

pub fn facets(
    facets: &Shown,
    kinds: &[FacetKind],
    style: Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    // One line made again and again: a corpus has tens of thousands of values.
    let mut line = String::new();
    for (i, &kind) in kinds.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let entries = facets.entries(kind);
        writeln!(out, "{} ({})", kind.title(), entries.len())?;
        for entry in &entries {
            line.clear();
            facet_line(kind, entry, &mut line)?;
            writeln!(out, "{}", fit(&line, style))?;
        }
    }
    Ok(())
}

/// An entry's line: its name (with the facet's sigil) in a column of 28 characters, its
/// documents and posts, and its other spellings.
fn facet_line(kind: FacetKind, entry: &ShownEntry, line: &mut String) -> std::fmt::Result {
    use std::fmt::Write;
    let sigil = match kind {
        FacetKind::Hashtag => "#",
        FacetKind::Mention => "@",
        _ => "",
    };
    write!(line, "  {sigil}{}", entry.name)?;
    let written = sigil.chars().count() + entry.name.chars().count();
    line.extend(std::iter::repeat_n(' ', 28usize.saturating_sub(written)));
    let (docs, posts) = (entry.documents.len(), entry.posts);
    write!(
        line,
        " {docs} doc{}, {posts} post{}",
        plural(docs),
        plural(posts)
    )?;
    let mut others = entry.variants.iter().filter(|v| **v != entry.name);
    if let Some(first) = others.next() {
        write!(line, "  ({sigil}{first}")?;
        others.try_for_each(|v| write!(line, ", {sigil}{v}"))?;
        line.push(')');
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[derive(Serialize)]
pub struct SearchRow<'a> {
    document: &'a str,
    /// What `--post` takes to open at it ("5:2", "12").
    address: &'a str,
    thread: usize,
    post: u32,
    label: Option<&'a str>,
    text: &'a str,
}

/// The posts a search found, kept as bytes one after another (as [`ListRows`]): what a
/// search shows of each, not the documents they are in.
#[derive(Debug, Default)]
pub struct SearchHits {
    records: Records,
}

impl SearchHits {
    /// Adds the post at `at` in `doc`.
    pub fn push(&mut self, doc: &Document, at: PostRef) {
        let thread = &doc.threads[at.thread];
        let post = &thread.posts[at.post];
        let address = Address::of(doc, at);
        let (label, text) = (post.label.as_deref(), &post.text);
        self.push_post(&doc.id, address, (thread.index, post.index), label, text);
    }

    /// Adds a post of the document `id` at `address`: the post `place.1` of its thread
    /// `place.0`, labelled `label`, that says `text`.
    pub fn push_post(
        &mut self,
        id: &str,
        address: Address,
        place: (usize, u32),
        label: Option<&str>,
        text: &str,
    ) {
        let address = address.to_string();
        // Keyed by the document: its hits write its id once.
        self.records.push(id, |hit| {
            hit.key();
            hit.str(&address);
            hit.uint(place.0 as u64);
            hit.uint(place.1.into());
            hit.opt_str(label);
            hit.str(text);
        });
    }

    /// Adds the hits of `more` after these.
    pub fn append(&mut self, more: SearchHits) {
        self.records.append(more.records);
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Writes each hit into `out` as `write` writes it, in order. Lines that do not depend
    /// on one another are made on every core: a few chunks of hits at a time, each chunk's
    /// lines gathered, then written. Made on one core, they took most of the time of a
    /// search that finds a common word.
    pub fn write_each(
        &self,
        out: &mut impl Write,
        write: impl Fn(SearchRow, &mut Vec<u8>) -> std::io::Result<()> + Sync,
    ) -> std::io::Result<()> {
        let count = self.records.chunk_count();
        for first in (0..count).step_by(CHUNKS_AT_ONCE) {
            let some = first..count.min(first + CHUNKS_AT_ONCE);
            let lines = some.into_par_iter().map(|chunk| {
                let mut lines = Vec::new();
                for hit in self.records.read_chunk(chunk, read_hit) {
                    write(hit.expect(READ_BACK), &mut lines)?;
                }
                Ok(lines)
            });
            for lines in lines.collect::<Vec<std::io::Result<Vec<u8>>>>() {
                out.write_all(&lines?)?;
            }
        }
        Ok(())
    }

    /// The hits, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = SearchRow<'_>> {
        let hits = self.records.read(read_hit);
        hits.map(|hit| hit.expect(READ_BACK))
    }
}

/// Why hits read back: this process wrote them.
const READ_BACK: &str = "hits read back as this process wrote them";

/// How many chunks of hits (64 KB each) [`SearchHits::write_each`] makes lines of at once:
/// a few for each core, their lines held until written.
const CHUNKS_AT_ONCE: usize = 16;

/// A hit as [`SearchHits::push_post`] wrote it.
fn read_hit<'a>(hit: &mut Reader<'a>) -> Option<SearchRow<'a>> {
    Some(SearchRow {
        document: hit.key()?,
        address: hit.str()?,
        thread: hit.uint()? as usize,
        post: u32::try_from(hit.uint()?).ok()?,
        label: hit.opt_str()?,
        text: hit.str()?,
    })
}

/// The hits as text, one line each: document, address, and the text around the first hit.
pub fn search_hits(
    hits: &SearchHits,
    query: &Query,
    style: Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    hits.write_each(out, |hit, line| {
        let text = one_line(hit.text);
        // The address, as --post takes it.
        let head = format!("{}  {:>6}  ", hit.document, hit.address);
        let room = style.width.map(|w| w.saturating_sub(head.width()));
        writeln!(line, "{head}{}", snippet(&text, query, room))
    })?;
    Ok(())
}

/// The hits as JSON Lines, one object a line.
pub fn search_lines(hits: &SearchHits, out: &mut impl Write) -> anyhow::Result<()> {
    hits.write_each(out, |hit, line| json_line(&hit, line))?;
    Ok(())
}

/// The part of `text` around the first hit that fits `room` columns ("…" marks cuts).
fn snippet<'a>(text: &'a str, query: &Query, room: Option<usize>) -> Cow<'a, str> {
    let Some(room) = room else {
        return Cow::Borrowed(text);
    };
    if text.width() <= room {
        return Cow::Borrowed(text);
    }
    let first = query.ranges(text).first().map_or(0, |r| r.start);
    let lead = room / 4;
    let before = &text[..first];
    let start = before
        .char_indices()
        .rev()
        .scan(0, |w, (i, c)| {
            *w += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            (*w <= lead).then_some(i)
        })
        .last()
        .unwrap_or(first);
    let shown = if start > 0 {
        format!("…{}", &text[start..])
    } else {
        text.to_string()
    };
    Cow::Owned(truncate(&shown, room))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_written_on_every_core_come_out_in_order() {
        // Enough hits for many chunks, more than are written at once.
        let mut hits = SearchHits::default();
        for n in 0..40_000u32 {
            let address = Address {
                thread: None,
                number: n + 1,
                place: false,
                total: None,
            };
            let text = format!("post {n} of the review and of what it says of kinship care");
            hits.push_post(&format!("d{}", n / 7), address, (1, n + 1), None, &text);
        }
        assert!(hits.records.chunk_count() > 2 * CHUNKS_AT_ONCE);
        let mut text = Vec::new();
        let query = Query::new("review");
        search_hits(&hits, &query, Style { width: None }, &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 40_000);
        for (n, line) in lines.iter().enumerate() {
            let post = format!("  post {n} of the review and of what it says of kinship care");
            assert!(line.ends_with(&post), "{line}");
        }
        let mut lines = Vec::new();
        search_lines(&hits, &mut lines).unwrap();
        let one_by_one: String = (hits.iter())
            .map(|hit| serde_json::to_string(&hit).unwrap() + "\n")
            .collect();
        assert_eq!(String::from_utf8(lines).unwrap(), one_by_one);
    }

    #[test]
    fn truncate_respects_wide_characters() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("🧵🧵🧵", 5), "🧵🧵…");
        assert_eq!(truncate("abc", 3), "abc");
    }

    fn widest_line(write: impl Fn(&mut Vec<u8>)) -> usize {
        let mut out = Vec::new();
        write(&mut out);
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(UnicodeWidthStr::width)
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn terminal_output_fits_80_columns() {
        let corpus = crate::corpus::load::bundled();
        let style = Style { width: Some(80) };
        let mut rows = ListRows::default();
        corpus.documents.iter().for_each(|d| rows.push(d, None));
        assert!(widest_line(|out| list(&rows, style, out).unwrap()) <= 80);
        let holders = crate::corpus::holder_authors(&corpus.documents, std::iter::empty());
        for doc in &corpus.documents {
            assert!(
                widest_line(|out| document(&holders, doc, style, out).unwrap()) <= 80,
                "{}",
                doc.id
            );
        }
        let facets = Shown::from(crate::facets::Facets::build(&corpus));
        assert!(
            widest_line(|out| super::facets(&facets, FacetKind::CORPUS, style, out).unwrap()) <= 80
        );
        let query = Query::new("review");
        let mut hits = SearchHits::default();
        for (d, doc) in corpus.documents.iter().enumerate() {
            let at = crate::corpus::DocIndex::new(d);
            crate::search::find_in(doc, at, &query).for_each(|found| hits.push(doc, found));
        }
        assert!(!hits.is_empty());
        assert!(widest_line(|out| search_hits(&hits, &query, style, out).unwrap()) <= 80);
    }

    #[test]
    fn snippet_keeps_the_hit_in_view() {
        let text = format!("{} needle {}", "hay ".repeat(40), "hay ".repeat(40));
        let cut = snippet(&text, &Query::new("needle"), Some(40));
        assert!(
            cut.starts_with('…') && cut.contains("needle") && cut.width() <= 40,
            "{cut}"
        );
    }
}
