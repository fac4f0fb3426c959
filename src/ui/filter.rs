//! The filter panel: facet tabs, the query, the ranked entries with their (drill-down)
//! counts and matched characters, and the selected entry's folded spellings.

use super::{Panes, Theme, pane_block};
use crate::app::screen::{self, filter_parts};
use crate::app::{App, Pane};
use crate::facets::{Entry, FacetKind};
use crate::filters::label;
use crate::glyphs;
use crate::present::{pad, truncate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn render(frame: &mut Frame, app: &App, theme: &Theme, panes: &Panes) {
    let area = panes.filter;
    if area.is_empty() {
        return;
    }
    let focused = app.focus() == Pane::Filter && app.prompt().is_none();
    frame.render_widget(Clear, area);
    let block = pane_block(Line::from(" Filter "), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [tabs, query, list, details] = filter_parts(inner);
    render_tabs(frame, app, theme, tabs);
    render_query(frame, app, theme, query, focused);
    render_list(frame, app, theme, list, focused);
    render_details(frame, app, theme, details);
}

/// The tabs as [`screen::tabs`] lays them out, the current one selected.
fn render_tabs(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let current = app.panel().tab;
    let mut rows: Vec<Vec<Span>> = Vec::new();
    for tab in screen::tabs(area.width, current) {
        if rows.len() <= usize::from(tab.row) {
            rows.push(Vec::new());
        }
        let style = match tab.kind == current {
            true => theme.selection(),
            false => theme.dim(),
        };
        let row = rows.last_mut().expect("a row");
        row.extend([Span::styled(tab.shown, style), Span::raw(" ")]);
    }
    let lines: Vec<Line> = rows.into_iter().map(Line::from).collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// The query as typed, and at the right the heading of the counts ("docs·posts") where
/// there is room for both.
fn render_query(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, focused: bool) {
    let query = app.panel().query.as_str();
    let cursor = if focused { "▏" } else { "" };
    let mut spans = vec![
        Span::styled("> ", theme.dim()),
        Span::raw(query),
        Span::raw(cursor),
    ];
    let used = 2 + query.width() + cursor.width();
    let heading = COUNTS_HEADING;
    if used + 1 + heading.width() <= usize::from(area.width) {
        let gap = usize::from(area.width) - used - heading.width();
        spans.push(Span::raw(" ".repeat(gap)));
        spans.push(Span::styled(heading, theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// What the counts after each entry are.
const COUNTS_HEADING: &str = "docs·posts";

fn render_list(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, focused: bool) {
    let panel = app.panel();
    if panel.rows.is_empty() {
        let lines = nothing_matches(app, usize::from(area.width));
        let lines: Vec<Line> = lines
            .into_iter()
            .map(|l| Line::styled(l, theme.dim()))
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let height = usize::from(area.height);
    let offset = super::documents::keep_in_view(
        panel.offset.get(),
        panel.selected(),
        height,
        panel.rows.len(),
    );
    panel.offset.set(offset);
    let entries = app.facets().entries(panel.tab);
    let width = usize::from(area.width);
    let lines: Vec<Line> = (offset..panel.rows.len().min(offset + height))
        .map(|i| {
            let row = &panel.rows[i];
            let count = app.filters().drill(panel.tab, row.entry);
            let applied = app.filters().applied(panel.tab, row.entry);
            let dead = count.posts == 0 && applied.is_none();
            let base = match (i == panel.selected(), focused, dead) {
                (true, true, _) => theme.selection(),
                (true, false, _) => theme.selection_unfocused(),
                (false, _, true) => theme.dim(),
                _ => Style::new(),
            };
            // In force: marked, and a negated one counts what it excludes.
            // (The marks take a column only while a filter is in force.)
            let both = format!(" {}·{}", count.documents, count.posts);
            let (mark, counts) = match (applied, app.filters().is_empty()) {
                (Some(false), _) => (format!("{} ", glyphs::APPLIED.shown), both),
                (Some(true), _) => {
                    let excluded = " excluded".to_string();
                    (format!("{} ", glyphs::EXCLUDED.shown), excluded)
                }
                (None, false) => ("  ".to_string(), both),
                (None, true) => (String::new(), both),
            };
            let name = display_name(panel.tab, &entries[row.entry]);
            let room = width.saturating_sub(counts.width() + mark.width());
            let mut spans = vec![Span::styled(mark, base.patch(theme.mark()))];
            spans.extend(highlighted(
                &name,
                &row.highlight,
                panel.tab,
                room,
                base,
                theme,
            ));
            spans.push(Span::styled(counts, base.patch(theme.dim())));
            Line::from(spans).style(base)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// What an empty list says: why, and where the query would match ("2 in Orgs").
fn nothing_matches(app: &App, width: usize) -> Vec<String> {
    let panel = app.panel();
    if app.loading().is_some() {
        return vec![truncate("facets come when loading ends", width)];
    }
    let here = screen::tab_name(panel.tab);
    let mut lines = vec![format!("nothing matches in {here}")];
    if let Some(best) = panel.best_elsewhere() {
        let places: Vec<String> = (panel.elsewhere.iter())
            .map(|&(kind, n)| format!("{n} in {}", screen::tab_name(kind)))
            .collect();
        lines.push(format!("but {}", places.join(", ")));
        // The panel's own key, whichever pane has focus now.
        let keymap = app.keymap();
        let enter = keymap.hint(crate::keymap::Context::Filter, crate::keymap::Action::Apply);
        let go = format!("go to {}", screen::tab_name(best));
        lines.push(match (enter, app.focus() == crate::app::Pane::Filter) {
            (Some(enter), true) => format!("{enter}: {go}"),
            (Some(enter), false) => format!(
                "{} then {enter}: {go}",
                app.key_for(crate::keymap::Action::ToggleFilter)
            ),
            (None, _) => go,
        });
    }
    (lines.iter())
        .flat_map(|l| {
            crate::wrap::wrap(l, width)
                .into_iter()
                .map(|r| l[r].to_string())
        })
        .collect()
}

/// An entry as listed: `#tag`, `@handle`, a name.
fn display_name(kind: FacetKind, entry: &Entry) -> String {
    match kind {
        FacetKind::Hashtag | FacetKind::Mention => label(kind, &entry.name),
        _ => entry.name.clone(),
    }
}

/// The name padded to `room` columns, its matched characters styled. The indices are of
/// the bare name, so a `#`/`@` in front shifts them by one.
fn highlighted(
    name: &str,
    indices: &[usize],
    kind: FacetKind,
    room: usize,
    base: Style,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let shift = usize::from(matches!(kind, FacetKind::Hashtag | FacetKind::Mention));
    let shown = pad(name, room);
    shown
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let hit = i >= shift && indices.contains(&(i - shift));
            let style = if hit {
                base.patch(theme.matched())
            } else {
                base
            };
            Span::styled(c.to_string(), style)
        })
        .collect()
}

/// The selected entry's count and the spellings folded into it.
fn render_details(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let Some(entry) = app.panel().selected_entry() else {
        return;
    };
    let e = &app.facets().entries(app.panel().tab)[entry];
    let docs = e.documents.len();
    let mut text = format!(
        "{} doc{} · {} post{}",
        docs,
        if docs == 1 { "" } else { "s" },
        e.posts,
        if e.posts == 1 { "" } else { "s" }
    );
    let others: Vec<String> = e
        .variants
        .iter()
        .filter(|v| **v != e.name)
        .map(|v| match app.panel().tab {
            FacetKind::Hashtag | FacetKind::Mention => label(app.panel().tab, v),
            _ => v.clone(),
        })
        .collect();
    if !others.is_empty() {
        text += &format!(" · also {}", others.join(", "));
    }
    let lines: Vec<Line> = crate::wrap::wrap(&text, usize::from(area.width))
        .into_iter()
        .take(usize::from(area.height))
        .map(|r| Line::styled(text[r].to_string(), theme.dim()))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
