//! The documents pane: the filter chips, then one row per visible document (kind glyph,
//! short id, author, title, post count). Only the rows on screen are built.

use super::{Panes, Theme, pane_block};
use crate::app::screen::chip_rows;
use crate::app::{App, DocumentRow as Row, Pane, Scope};
use crate::corpus::{DocIndex, Document, Kind};
use crate::glyphs;
use crate::keymap::Action;
use crate::present::{one_line, pad, post_count, truncate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// The glyph of a kind of document.
pub fn glyph(kind: Kind) -> &'static str {
    glyphs::kind(kind).shown
}

pub fn render(frame: &mut Frame, app: &App, theme: &Theme, panes: &Panes) {
    if panes.documents.is_empty() {
        return;
    }
    let focused = app.focus() == Pane::Documents && app.prompt().is_none();
    let title = match app.loading() {
        Some((done, total)) => format!(
            " Documents {} · loading {done}/{total} files ",
            app.corpus().documents.len()
        ),
        None => {
            let counts = format!("{}/{}", app.visible().len(), app.corpus().documents.len());
            let order = app.documents().sort().name();
            let full = format!(" Documents {counts} · {order} ");
            // The order's word alone where the pane is narrow ("· author").
            match full.width() + 2 <= usize::from(panes.documents.width) {
                true => full,
                false => format!(" Documents {counts} · {} ", order.trim_start_matches("by ")),
            }
        }
    };
    frame.render_widget(
        pane_block(Line::from(title), focused, theme),
        panes.documents,
    );
    render_chips(frame, app, theme, panes.chips);
    render_rows(frame, app, theme, panes.documents_list, focused);
}

/// The active filters, as chips in rows (all of them, or as many as fit and how many more).
fn render_chips(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    if area.is_empty() {
        return;
    }
    let rows = chip_rows(&app.chips(), usize::from(area.width), area.height.into());
    let lines: Vec<Line> = rows
        .into_iter()
        .map(|row| {
            let spans = row.into_iter().enumerate().flat_map(|(i, chip)| {
                let style = match chip.starts_with(' ') {
                    true => theme.chip(),
                    false => theme.dim(),
                };
                let gap = Some(Span::raw(" ")).filter(|_| i > 0);
                gap.into_iter().chain([Span::styled(chip, style)])
            });
            Line::from(spans.collect::<Vec<_>>())
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn render_rows(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, focused: bool) {
    let visible = app.visible();
    if visible.is_empty() {
        let note = match (app.load_error(), app.loading(), app.filters().is_empty()) {
            (Some(error), _, _) => error.to_string(),
            (None, Some(_), _) => "loading…".to_string(),
            (None, None, true) => "no documents".to_string(),
            (None, None, false) => format!(
                "no document passes the filters ({} removes the last)",
                app.key_for(Action::RemoveFilter)
            ),
        };
        let note = truncate(&note, usize::from(area.width));
        frame.render_widget(Paragraph::new(Span::styled(note, theme.dim())), area);
        return;
    }
    let height = usize::from(area.height);
    let selected = app.documents().selected();
    let all_rows = app.documents().rows(app.filters());
    let offset = keep_in_view(
        app.documents().offset.get(),
        selected,
        height,
        all_rows.len(),
    );
    app.documents().offset.set(offset);
    let width = usize::from(area.width);
    let in_view = offset..all_rows.len().min(offset + height);
    let rows: Vec<(Row, Counts, bool)> = (all_rows[in_view.clone()].iter())
        .map(|&row| {
            let (counts, unopened) = counts_of(app, row.doc());
            (row, counts, unopened)
        })
        .collect();
    drop(all_rows);
    // Documents listed under their file show no author: the file's row names its owner.
    let grouped = |row: Row| match row {
        Row::Document(doc) => app.documents().groups().group_of(doc).is_some(),
        Row::File { .. } => false,
    };
    let authors = (rows.iter())
        .filter(|r| !grouped(r.0))
        .map(|r| author(app.corpus().document(r.0.doc())));
    let extras = rows.iter().map(|r| r.1.marks().width()).max().unwrap_or(0);
    let author_width = author_column(authors, width.saturating_sub(extras));
    let lines: Vec<Line> = (in_view.zip(rows))
        .map(|(at, (row, counts, unopened))| {
            let style = match (at == selected, focused) {
                (true, true) => theme.selection(),
                (true, false) => theme.selection_unfocused(),
                _ => Style::new(),
            };
            let text = match row {
                Row::File { group, shown, .. } => {
                    file_row_text(app, (group as usize, shown as usize), (author_width, width))
                }
                Row::Document(doc) => {
                    let document = app.corpus().document(doc);
                    let author_width = if grouped(row) { 0 } else { author_width };
                    row_text(document, &app.short_id(doc), counts, (author_width, width))
                }
            };
            // A document not opened yet is bold, as unread mail is.
            let style = match unopened && matches!(row, Row::Document(_)) {
                true => style.add_modifier(Modifier::BOLD),
                false => style,
            };
            Line::styled(text, style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// A file's header row: folded or open, its short name, its owner (the author of its first
/// document), its name, and how many of its documents the filters leave, of all.
fn file_row_text(app: &App, (group, shown): (usize, usize), widths: (usize, usize)) -> String {
    let (author_width, width) = widths;
    let group = app.documents().groups().get(group);
    let glyph = match app.documents().is_open(group) {
        true => glyphs::OPEN_FILE.shown,
        false => glyphs::FOLDED_FILE.shown,
    };
    let owner = author(app.corpus().document(group.docs[0]));
    let total = group.docs.len();
    let count = match shown == total {
        true => format!("{total} docs"),
        false => format!("{shown}/{total} docs"),
    };
    let name = group.file.rsplit('/').next().unwrap_or(&group.file);
    let head = format!("{glyph} {} {} ", group.short, pad(owner, author_width));
    let room = width.saturating_sub(head.width() + count.width() + 1);
    let title = truncate(&one_line(name), room);
    let fill = room.saturating_sub(title.width());
    truncate(&format!("{head}{title}{} {count}", " ".repeat(fill)), width)
}

/// What a document's row counts, and whether it is still unopened.
fn counts_of(app: &App, doc: DocIndex) -> (Counts, bool) {
    let passing = app.filters().passing_in(doc);
    // A search over every document marks those with hits, and how many.
    let hits = (app.search())
        .filter(|s| s.scope == Scope::All)
        .map(|s| s.hits_in(doc))
        .filter(|&n| n > 0);
    // Unread posts are counted in a document begun; one not opened yet has all its posts
    // unread.
    let total = app.corpus().document(doc).post_count();
    let unread = app.unread_in(doc);
    let unopened = unread == Some(total) && total > 0;
    let unread = unread.filter(|&n| n > 0 && n < total);
    let counts = Counts {
        passing,
        hits,
        unread,
    };
    (counts, unopened)
}

/// The first row to show so that `selected` is in view, moving as little as possible.
pub fn keep_in_view(offset: usize, selected: usize, height: usize, len: usize) -> usize {
    let height = height.max(1);
    let offset = if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    };
    offset.min(len.saturating_sub(height))
}

/// What a document's row counts besides its posts.
struct Counts {
    /// With filters in force: its posts that pass.
    passing: Option<usize>,
    /// During a search of every document: its hits, where it has any.
    hits: Option<usize>,
    /// Its posts not read yet, where there are any.
    unread: Option<usize>,
}

impl Counts {
    /// The marks before the title: "◆2 •17 ".
    fn marks(&self) -> String {
        let hits = (self.hits).map_or(String::new(), |n| format!("{}{n} ", glyphs::HIT.shown));
        let unread =
            (self.unread).map_or(String::new(), |n| format!("{}{n} ", glyphs::UNREAD.shown));
        hits + &unread
    }
}

/// A document's author as the list shows it.
fn author(doc: &Document) -> &str {
    doc.author.as_ref().map_or("—", |a| a.name.as_str())
}

/// The author column's width for the rows in view: the longest of their names, so that
/// the titles give way before the names do, up to two fifths of the row and never so much
/// that a narrow row keeps no title.
fn author_column<'a>(authors: impl Iterator<Item = &'a str>, width: usize) -> usize {
    let longest = authors.map(|a| a.width()).max().unwrap_or(0);
    let most = (width * 2 / 5).min(width.saturating_sub(17)).max(6);
    longest.clamp(6, most)
}

/// One document's row, exactly `width` columns wide, its author in `author_width` (none
/// when 0). With
/// filters in force, the count is of the posts that pass, of all ("3/36"); a search's hits
/// come before the title ("◆2"), then the posts not read yet ("•17").
fn row_text(doc: &Document, id: &str, counts: Counts, widths: (usize, usize)) -> String {
    let (author_width, width) = widths;
    let count = match (counts.passing, width) {
        (Some(n), _) => format!("{n}/{}", doc.post_count()),
        (None, 0..40) => post_count(doc).replace(" posts", "").replace(" of ", "/"),
        (None, _) => post_count(doc),
    };
    // No author column (width 0) under a file's row.
    let author = match author_width {
        0 => String::new(),
        _ => format!("{} ", pad(author(doc), author_width)),
    };
    let head = format!("{} {id} {author}{}", glyph(doc.kind), counts.marks());
    // The title takes what the rest leaves.
    let room = width.saturating_sub(head.width() + count.width() + 1);
    let title = truncate(&one_line(&doc.display_title()), room);
    let fill = room.saturating_sub(title.width());
    let line = format!("{head}{title}{} {count}", " ".repeat(fill));
    truncate(&line, width)
}
