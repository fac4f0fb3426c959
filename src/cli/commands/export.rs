//! `tread export`: every document, to standard output or to a file each.

use crate::cli::output::{self, Format};
use crate::cli::{CliError, select};
use crate::corpus::load::HeldCorpus;
use crate::corpus::sanitise::printable_path;
use crate::corpus::{DocIndex, Docs, Document};
use crate::filters::Filters;
use crate::present::Holders;
use anyhow::Context;
use serde::Serialize;
use std::borrow::Borrow;
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What an export of a corpus held packed writes: each document `filters` leave (all
/// without), in order, given up one at a time (unpacked, if packed) with the corpus's
/// resolution written into it; and, for `text`, the authors of the documents that repeated
/// threads point to.
fn resolved(
    corpus: HeldCorpus,
    filters: Option<&Filters>,
    text: bool,
) -> (HashMap<String, String>, impl Iterator<Item = Document>) {
    let holders = match text {
        true => corpus.holder_authors(),
        false => HashMap::new(),
    };
    let documents = select::held_documents(corpus, filters).map(|(_, document)| document);
    (holders, documents)
}

/// The documents of a corpus held packed that `filters` leave (all without) to `out`: a
/// JSON array, JSON Lines, or each document's text after the other. With filters, each
/// document that holds a passing post is written whole. (A document cut down to its
/// passing posts would be read back as a whole one, renumbered and retitled: `search`
/// gives the posts.)
pub fn to_output(
    corpus: HeldCorpus,
    filters: Option<&Filters>,
    format: Format,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let (holders, documents) = resolved(corpus, filters, format == Format::Text);
    write_output(documents, &holders, format, style, out)
}

/// The documents of a corpus held packed that `filters` leave (all without) to a file of
/// its own each in `dir` ([`write_files`]).
pub fn to_files(
    corpus: HeldCorpus,
    filters: Option<&Filters>,
    json: bool,
    dir: &Path,
) -> anyhow::Result<()> {
    let keeps = |at: usize| select::keeps(filters, DocIndex::new(at));
    let ids = (corpus.documents).map(|at, doc| keeps(at).then(|| doc.id.clone()));
    let ids: Vec<&str> = ids.iter().flatten().map(String::as_str).collect();
    let (holders, documents) = resolved(corpus, filters, !json);
    write_files(&ids, documents, &holders, json, dir)
}

/// `documents` to `out`: a JSON array, JSON Lines, or each document's text after the other.
fn write_output<D: Borrow<Document> + Serialize>(
    documents: impl Iterator<Item = D>,
    holders: &impl Holders,
    format: Format,
    style: output::Style,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if format != Format::Text {
        return output::json_rows(documents, format, out);
    }
    for (i, document) in documents.enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        output::document(holders, document.borrow(), style, out)?;
    }
    Ok(())
}

/// `documents` (whose ids are `ids`) to a file each in `dir`. Every name is checked before
/// anything is written, so a file already there stops the export whole instead of half way.
fn write_files<D: Borrow<Document>>(
    ids: &[&str],
    documents: impl Iterator<Item = D>,
    holders: &impl Holders,
    json: bool,
    dir: &Path,
) -> anyhow::Result<()> {
    let extension = if json { "json" } else { "txt" };
    let names = file_names(ids.iter().copied(), extension);
    let files: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
    if let Some(taken) = files.iter().find(|f| f.symlink_metadata().is_ok()) {
        let message = format!("{} exists; nothing was written", printable_path(taken));
        return Err(CliError::failure(message).into());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot make {}", printable_path(dir)))?;
    // A file is not a terminal: lines are not fitted to a width.
    let plain = output::Style { width: None };
    for (document, file) in documents.zip(&files) {
        let document = document.borrow();
        let write = || -> anyhow::Result<()> {
            let mut out = io::BufWriter::new(std::fs::File::create_new(file)?);
            match json {
                true => output::json(document, &mut out)?,
                false => output::document(holders, document, plain, &mut out)?,
            }
            Ok(out.flush()?)
        };
        write().with_context(|| format!("cannot write {}", printable_path(file)))?;
    }
    for (id, name) in ids.iter().zip(&names) {
        if *name != format!("{id}.{extension}") {
            eprintln!(
                "tread: note: {id} is written as {}",
                printable_path(Path::new(name))
            );
        }
    }
    eprintln!(
        "tread: wrote {} files to {}",
        files.len(),
        printable_path(dir)
    );
    Ok(())
}

/// The longest file name most file systems take, in bytes.
const NAME_MAX: usize = 255;

/// Each document's file name in an export folder: its id where that makes a name, else the
/// id with path separators and a leading dot replaced and cut to fit [`NAME_MAX`]; distinct
/// even where the file system ignores case (`~2`, `~3`… on the later ones).
fn file_names<'a>(ids: impl Iterator<Item = &'a str>, extension: &str) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    let mut next: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    ids.map(|id| {
        // Room for the extension and a '~' with a number.
        let stem = file_stem(id, NAME_MAX - extension.len() - 1 - 12);
        let mut name = format!("{stem}.{extension}");
        while !taken.insert(name.to_lowercase()) {
            let n = next.entry(stem.to_lowercase()).or_insert(1);
            *n += 1;
            name = format!("{stem}~{n}.{extension}");
        }
        name
    })
    .collect()
}

/// A document id as the stem of a file name of at most `room` bytes: path separators and a
/// leading dot would place or hide it.
fn file_stem(id: &str, room: usize) -> String {
    let mut name: String = id
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | '\0') {
                '_'
            } else {
                c
            }
        })
        .collect();
    if name.starts_with('.') || name.is_empty() {
        name.replace_range(..name.chars().next().map_or(0, char::len_utf8), "_");
    }
    let mut end = name.len().min(room);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    name.truncate(end);
    name
}
