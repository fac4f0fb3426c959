//! `tread review` (what the review says: marks, codes, notes, read progress) and
//! `tread export --review` (the reviewed posts with full citations, as Markdown for a
//! report, CSV for a spreadsheet or JSON for a script).

use crate::address::Address;
use crate::cli::output;
use crate::corpus::load::HeldCorpus;
use crate::corpus::{DocIndex, Document, Places, PostRef};
use crate::filters::Filters;
use crate::present::{gutter, one_line};
use crate::review::{PostReview, Review, same_code};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

/// How `export --review` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReviewFormat {
    Md,
    Csv,
    Json,
}

/// How `export --review` groups the posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Grouping {
    /// Under each of their codes (a post with two codes is under both); uncoded last.
    #[default]
    Code,
    /// Under their document, in corpus order.
    Document,
}

/// One reviewed post, cited in full.
#[derive(Debug, Serialize)]
struct Cited {
    /// The code it is listed under, or its document's id when grouped by document.
    group: Option<String>,
    document: String,
    title: String,
    author: Option<String>,
    date: Option<String>,
    /// Its address, as `--post` takes it.
    post: String,
    /// Its label as written ("4/20", "1.", "¶3").
    label: String,
    /// Where it is, as citations say it ("post 4/20", "thread 5 · post 2/16").
    #[serde(skip)]
    name: String,
    source: Option<String>,
    marked: bool,
    codes: Vec<String>,
    note: Option<String>,
    text: String,
}

/// What `export --review` is asked for: only a code, the grouping, the format.
pub type How<'a> = (Option<&'a str>, Grouping, ReviewFormat);

/// The uncoded posts' heading, when grouped by code.
const UNCODED: &str = "(no code)";

/// `tread export --review`: the reviewed posts (marked, coded or annotated; with `code`,
/// those with that code; with filters, those that pass), grouped as asked, in `format`.
/// The corpus is held packed (its layout `places`, the review's posts found in it): the
/// documents of the posts cited are kept as they are unpacked and resolved, the rest let go.
pub fn export(
    corpus: HeldCorpus,
    places: &Places,
    review: &Review,
    filters: Option<&Filters>,
    (code, grouping, format): How,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    warn_of_orphans(review);
    let reviewed = review.posts();
    let wanted = |r: &PostReview| code.is_none_or(|c| r.codes.iter().any(|x| same_code(x, c)));
    let posts: Vec<(PostRef, &PostReview)> = (reviewed.into_iter())
        .filter(|(_, r)| wanted(r))
        .map(|(o, r)| (places.post_ref(o), r))
        .filter(|&(at, _)| filters.is_none_or(|f| f.post_passes(at)))
        .collect();
    if filters.is_some() && posts.is_empty() {
        let message = "no reviewed post passes the filters";
        return Err(crate::cli::CliError::failure(message).into());
    }
    if code.is_none() && posts.is_empty() {
        let file = review.path_shown();
        let message = format!("the review {file} has no marked, coded or annotated post yet");
        return Err(crate::cli::CliError::failure(message).into());
    }
    if let (Some(code), true) = (code, posts.is_empty()) {
        let known: Vec<String> = review.codes().into_iter().map(|(c, _)| c).collect();
        let message = match known.is_empty() {
            true => format!("no post has the code {code:?}; the review has no codes yet"),
            false => format!(
                "no post has the code {code:?}; the codes are {}",
                known.join(", ")
            ),
        };
        return Err(crate::cli::CliError::failure(message).into());
    }
    let mut cited: Vec<DocIndex> = posts.iter().map(|(at, _)| at.doc).collect();
    cited.dedup();
    let documents: HashMap<DocIndex, Document> = (corpus.into_resolved())
        .filter(|(at, _)| cited.binary_search(at).is_ok())
        .collect();
    let rows = grouped(&documents, &posts, code, grouping);
    match format {
        ReviewFormat::Json => output::json(&rows, out),
        ReviewFormat::Csv => csv(&rows, out),
        ReviewFormat::Md => markdown(&rows, grouping, out),
    }
}

/// The posts in the order of their groups: by code (a code given: only it), or by document.
fn grouped(
    documents: &HashMap<DocIndex, Document>,
    posts: &[(PostRef, &PostReview)],
    only: Option<&str>,
    grouping: Grouping,
) -> Vec<Cited> {
    if grouping == Grouping::Document {
        return posts
            .iter()
            .map(|&(at, r)| cite(&documents[&at.doc], at, r, None))
            .collect();
    }
    let mut groups: BTreeMap<&str, Vec<Cited>> = BTreeMap::new();
    let mut uncoded = Vec::new();
    for &(at, review) in posts {
        let codes = review
            .codes
            .iter()
            .filter(|c| only.is_none_or(|o| same_code(o, c)));
        let mut any = false;
        for code in codes {
            any = true;
            let cited = cite(&documents[&at.doc], at, review, Some(code));
            groups.entry(code.as_str()).or_default().push(cited);
        }
        if !any {
            uncoded.push(cite(&documents[&at.doc], at, review, Some(UNCODED)));
        }
    }
    groups.into_values().flatten().chain(uncoded).collect()
}

/// The post at `at` of `doc` (its document), cited in full.
fn cite(doc: &Document, at: PostRef, review: &PostReview, group: Option<&str>) -> Cited {
    let thread = &doc.threads[at.thread];
    let post = &thread.posts[at.post];
    let author = thread.author.as_ref().or(doc.author.as_ref());
    Cited {
        group: group.map(str::to_string),
        document: doc.id.clone(),
        title: doc.display_title(),
        author: author.map(|a| a.name.clone()),
        date: doc.date.clone(),
        post: Address::of(doc, at).to_string(),
        label: post
            .label
            .as_deref()
            .map_or_else(|| gutter(doc.kind, post), str::to_string),
        name: crate::present::post_name(doc, at),
        source: doc.source.clone(),
        marked: review.marked,
        codes: review.codes.clone(),
        note: review.note.clone(),
        text: post.text.to_string(),
    }
}

/// A CSV a spreadsheet opens as it is: UTF-8 with a byte-order mark (without one, Excel
/// reads UTF-8 as the system's code page), every field quoted where it must be, and a
/// field a spreadsheet would take for a formula (`=`, `+`, `-`, `@` first) written after
/// an apostrophe, as OWASP advises, so that opening the file runs nothing.
fn csv(rows: &[Cited], out: &mut impl Write) -> anyhow::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record([
        "group", "document", "title", "author", "date", "post", "label", "source", "marked",
        "codes", "note", "text",
    ])?;
    for row in rows {
        let marked = if row.marked { "yes" } else { "" };
        let fields = [
            row.group.as_deref().unwrap_or(""),
            &row.document,
            &row.title,
            row.author.as_deref().unwrap_or(""),
            row.date.as_deref().unwrap_or(""),
            &row.post,
            &row.label,
            row.source.as_deref().unwrap_or(""),
            marked,
            &row.codes.join("; "),
            row.note.as_deref().unwrap_or(""),
            &row.text,
        ];
        writer.write_record(fields.map(inert))?;
    }
    writer.flush()?;
    Ok(())
}

/// A cell no spreadsheet takes for a formula.
fn inert(field: &str) -> String {
    match field.starts_with(['=', '+', '-', '@']) {
        true => format!("'{field}"),
        false => field.to_string(),
    }
}

/// Markdown for a report: a heading per group, each post quoted with its citation, its
/// codes and its note.
fn markdown(rows: &[Cited], grouping: Grouping, out: &mut impl Write) -> anyhow::Result<()> {
    writeln!(
        out,
        "# Review: {}",
        crate::present::plural(rows_posts(rows), "post")
    )?;
    let mut heading: Option<&str> = None;
    for row in rows {
        let group = row.group.as_deref().unwrap_or(UNCODED);
        if heading != Some(group) {
            heading = Some(group);
            let count = rows
                .iter()
                .filter(|r| r.group.as_deref() == Some(group))
                .count();
            let name = match grouping {
                Grouping::Code if group == UNCODED => group.to_string(),
                Grouping::Code => code_span(group),
                Grouping::Document => escape_line(&one_line(&row.title)),
            };
            writeln!(
                out,
                "\n## {name} ({})",
                crate::present::plural(count, "post")
            )?;
        }
        writeln!(out)?;
        for line in row.text.lines() {
            writeln!(out, "> {}", escape_line(line))?;
        }
        writeln!(out, "\n— {}", citation(row))?;
        let mut about = Vec::new();
        if row.marked {
            about.push("marked".to_string());
        }
        if !row.codes.is_empty() {
            let codes: Vec<String> = row.codes.iter().map(|c| code_span(c)).collect();
            about.push(format!("codes: {}", codes.join(", ")));
        }
        if !about.is_empty() {
            writeln!(out, "\n*{}*", about.join(" · "))?;
        }
        if let Some(note) = &row.note {
            let lines: Vec<String> = note.lines().map(escape_line).collect();
            writeln!(out, "\nNote: {}", lines.join("  \n"))?;
        }
    }
    Ok(())
}

/// A code as Markdown shows it literally, whatever it holds (`` `## *bold*` ``).
fn code_span(code: &str) -> String {
    match code.contains('`') {
        true => format!("`` {code} ``"),
        false => format!("`{code}`"),
    }
}

/// A line of a post or a note that Markdown takes as written: a mark that would make it a
/// heading, a quote, a list item, a rule, a table row or a fence is escaped.
fn escape_line(line: &str) -> String {
    let text = line.trim_start();
    let indent = &line[..line.len() - text.len()];
    let numbered = text.find(|c: char| !c.is_ascii_digit()).filter(|&n| n > 0);
    match (text.chars().next(), numbered) {
        (Some('#' | '>' | '-' | '+' | '*' | '=' | '|' | '`' | '~'), _) => {
            format!("{indent}\\{text}")
        }
        (_, Some(n)) if text[n..].starts_with(['.', ')']) => {
            format!("{indent}{}\\{}", &text[..n], &text[n..])
        }
        _ => line.to_string(),
    }
}

/// "Nick Cook, May 23, 2022, post 2/20, 000_bcd5621f043b7544, <https://…>".
fn citation(row: &Cited) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(row.author.clone());
    parts.extend(row.date.clone());
    parts.push(row.name.clone());
    parts.push(format!("`{}` (`--post {}`)", row.document, row.post));
    parts.extend(row.source.as_ref().map(|s| format!("<{s}>")));
    parts.join(", ")
}

/// How many posts the rows hold (a post under two codes is one post).
fn rows_posts(rows: &[Cited]) -> usize {
    let mut posts: Vec<(&str, &str)> = rows.iter().map(|r| (&*r.document, &*r.post)).collect();
    posts.sort_unstable();
    posts.dedup();
    posts.len()
}

/// Reviewed posts no longer found are never left out without a word.
fn warn_of_orphans(review: &Review) {
    let orphans = review.orphans().len();
    if orphans > 0 {
        eprintln!(
            "tread: warning: {} reviewed no longer found (its document or its text changed): \
             `tread review` lists them",
            crate::present::plural(orphans, "post"),
        );
    }
}

/// What `tread review --json` prints.
#[derive(Debug, Serialize)]
struct Summary {
    file: Option<String>,
    marked: usize,
    noted: usize,
    coded: usize,
    codes: Vec<CodeCount>,
    read: usize,
    posts: usize,
    documents: Vec<Progress>,
    orphans: Vec<OrphanRow>,
}

#[derive(Debug, Serialize)]
struct CodeCount {
    code: String,
    posts: usize,
}

#[derive(Debug, Serialize)]
struct Progress {
    id: String,
    title: String,
    read: usize,
    posts: usize,
}

#[derive(Debug, Serialize)]
struct OrphanRow {
    document: String,
    post: String,
    excerpt: String,
    marked: bool,
    codes: Vec<String>,
    note: Option<String>,
    /// The same in words, for the text output.
    #[serde(skip)]
    summary: String,
}

/// `tread review`: posts marked, per code, with notes, read progress per document, and
/// the reviewed posts no longer found.
pub fn summary(
    corpus: HeldCorpus,
    places: &Places,
    review: &Review,
    file: &std::path::Path,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let reviewed = review.posts();
    let count = |f: fn(&PostReview) -> bool| reviewed.iter().filter(|(_, r)| f(r)).count();
    // Each document's row as it is unpacked, the document let go.
    let documents = corpus.into_resolved().map(|(doc, document)| {
        let posts = places.of_document(doc).len();
        Progress {
            title: document.display_title(),
            id: document.id,
            read: posts - review.unread_in(places, doc),
            posts,
        }
    });
    let summary = Summary {
        file: Some(crate::corpus::sanitise::printable_path(file)),
        marked: count(|r| r.marked),
        noted: count(|r| r.note.is_some()),
        coded: count(|r| !r.codes.is_empty()),
        codes: (review.codes().into_iter())
            .map(|(code, posts)| CodeCount { code, posts })
            .collect(),
        read: review.read_count(),
        posts: places.len(),
        documents: documents.collect(),
        orphans: (review.orphans())
            .map(|o| OrphanRow {
                document: o.anchor.doc.clone(),
                post: o.anchor.post.clone(),
                excerpt: o.anchor.excerpt.clone(),
                marked: o.review.marked,
                codes: o.review.codes.clone(),
                note: o.review.note.clone(),
                summary: o.review.summary(),
            })
            .collect(),
    };
    match json {
        true => output::json(&summary, out),
        false => summary_text(&summary, out),
    }
}

fn summary_text(summary: &Summary, out: &mut impl Write) -> anyhow::Result<()> {
    let file = summary.file.as_deref().unwrap_or("");
    writeln!(out, "review {file}")?;
    writeln!(
        out,
        "{} marked, {} coded, {} with a note",
        crate::present::plural(summary.marked, "post"),
        summary.coded,
        summary.noted
    )?;
    let codes: Vec<String> = (summary.codes.iter())
        .map(|c| format!("{} {}", c.code, c.posts))
        .collect();
    if !codes.is_empty() {
        writeln!(out, "codes: {}", codes.join(" · "))?;
    }
    writeln!(out, "read: {} of {} posts", summary.read, summary.posts)?;
    // Those begun: a collection of thousands is mostly not.
    let begun = summary.documents.iter().filter(|d| d.read > 0);
    for doc in begun {
        let title = one_line(&doc.title);
        writeln!(
            out,
            "  {:>5}/{:<5} {}  {}",
            doc.read, doc.posts, doc.id, title
        )?;
    }
    let untouched = summary.documents.iter().filter(|d| d.read == 0).count();
    if untouched > 0 {
        writeln!(
            out,
            "  {} not begun",
            crate::present::plural(untouched, "document")
        )?;
    }
    if !summary.orphans.is_empty() {
        writeln!(
            out,
            "{} no longer found (kept in the review):",
            crate::present::plural(summary.orphans.len(), "reviewed post")
        )?;
        for orphan in &summary.orphans {
            let excerpt = one_line(&orphan.excerpt);
            writeln!(out, "  {} post {}: {excerpt}", orphan.document, orphan.post)?;
            writeln!(out, "    {}", orphan.summary)?;
        }
    }
    Ok(())
}
