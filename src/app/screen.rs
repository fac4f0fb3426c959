//! Where everything goes on the screen, for a terminal size: how the panes share it, and
//! the parts of the filter panel. Navigation (a page of the list, a click) and drawing both
//! ask here, so that they agree; nothing here knows the app's state beyond what it is given.

use super::Pane;
use crate::facets::FacetKind;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::widgets::Block;

/// The smallest terminal the app draws in.
pub const MIN_SIZE: (u16, u16) = (30, 8);

/// How the panes share the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// From 100 columns: documents, thread and filter panel side by side.
    Wide,
    /// From 60 columns: documents and thread; the filter panel opens over the thread.
    Medium,
    /// Below 60 columns: one pane at a time.
    Narrow,
    /// Below [`MIN_SIZE`]: a one-line message.
    TooSmall,
}

impl Mode {
    pub fn for_size((width, height): (u16, u16)) -> Mode {
        match width {
            _ if width < MIN_SIZE.0 || height < MIN_SIZE.1 => Mode::TooSmall,
            0..60 => Mode::Narrow,
            60..100 => Mode::Medium,
            _ => Mode::Wide,
        }
    }
}

/// Where everything goes; an empty rectangle for what is not shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Panes {
    pub documents: Rect,
    pub chips: Rect,
    pub documents_list: Rect,
    pub thread: Rect,
    pub thread_inner: Rect,
    pub filter: Rect,
    pub filter_inner: Rect,
    pub filter_list: Rect,
    pub status: Rect,
}

/// The layout of `area` for its mode, the pane with focus (which in a medium or narrow
/// terminal decides what is shown) and the filter chips shown above the documents.
pub fn panes(area: Rect, focus: Pane, chips: &[String]) -> Panes {
    let mode = Mode::for_size((area.width, area.height));
    if mode == Mode::TooSmall {
        return Panes::default();
    }
    let [body, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let mut panes = Panes {
        status,
        ..Panes::default()
    };
    let (documents, thread, filter) = match mode {
        Mode::Wide => {
            let docs = (area.width * 3 / 10).clamp(28, 50);
            let filter = (area.width / 4).clamp(28, 56);
            let [d, t, f] = Layout::horizontal([
                Constraint::Length(docs),
                Constraint::Fill(1),
                Constraint::Length(filter),
            ])
            .areas(body);
            (d, t, f)
        }
        Mode::Medium => {
            let docs = (area.width * 35 / 100).clamp(26, 40);
            let [d, t] =
                Layout::horizontal([Constraint::Length(docs), Constraint::Fill(1)]).areas(body);
            let over = focus == Pane::Filter;
            let width = t.width.min(44);
            let f = Rect::new(t.right() - width, t.y, width, t.height);
            (d, t, if over { f } else { Rect::default() })
        }
        _ => match focus {
            Pane::Documents => (body, Rect::default(), Rect::default()),
            Pane::Thread => (Rect::default(), body, Rect::default()),
            Pane::Filter => (Rect::default(), Rect::default(), body),
        },
    };
    panes.documents = documents;
    let inner = Block::bordered().inner(documents);
    let most = usize::from(inner.height / 2);
    let chip_rows = chip_rows(chips, usize::from(inner.width), most).len() as u16;
    [panes.chips, panes.documents_list] =
        Layout::vertical([Constraint::Length(chip_rows), Constraint::Fill(1)]).areas(inner);
    panes.thread = thread;
    panes.thread_inner = Block::bordered().inner(thread);
    panes.filter = filter;
    panes.filter_inner = Block::bordered().inner(filter);
    panes.filter_list = filter_list_area(panes.filter_inner);
    panes
}

/// The most rows the filter chips take.
pub const MAX_CHIP_ROWS: usize = 3;

/// The filter chips in rows of `width` columns: whole chips (one wider than a row is cut
/// at its end), each row full before the next, never more than [`MAX_CHIP_ROWS`] or
/// `most`; the last row then ends with how many did not fit ("+2 more"). Every chip is
/// padded with a space either side.
pub fn chip_rows(chips: &[String], width: usize, most: usize) -> Vec<Vec<String>> {
    let most = most.min(MAX_CHIP_ROWS);
    if most == 0 {
        return Vec::new();
    }
    use crate::present::truncate;
    use unicode_width::UnicodeWidthStr;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut used = width;
    for (i, chip) in chips.iter().enumerate() {
        let shown = format!(" {} ", truncate(chip, width.saturating_sub(2)));
        // A space between chips on a row.
        if used + 1 + shown.width() > width {
            if rows.len() == most {
                let more = format!("+{} more", chips.len() - i + 1);
                let last = rows.last_mut().expect("a row");
                last.pop();
                last.push(more);
                return rows;
            }
            rows.push(Vec::new());
            used = 0;
        } else {
            used += 1;
        }
        used += shown.width();
        rows.last_mut().expect("a row").push(shown);
    }
    rows
}

/// Which of `chips` is drawn at `at` in `area` (laid out by [`chip_rows`], a space between
/// chips), if one is.
pub fn chip_at(chips: &[String], area: Rect, at: (u16, u16)) -> Option<usize> {
    if !area.contains(ratatui::layout::Position::new(at.0, at.1)) {
        return None;
    }
    let rows = chip_rows(chips, usize::from(area.width), usize::from(area.height));
    let row = usize::from(at.1 - area.y);
    let before: usize = rows.iter().take(row).map(Vec::len).sum();
    let mut x = usize::from(area.x);
    for (i, chip) in rows.get(row)?.iter().enumerate() {
        let width = unicode_width::UnicodeWidthStr::width(chip.as_str());
        // "+2 more" is no chip.
        let is_chip = chip.starts_with(' ');
        if is_chip && (x..x + width).contains(&usize::from(at.0)) {
            return Some(before + i);
        }
        x += width + 1;
    }
    None
}

/// Rows under the list for the selected entry's other spellings.
pub const DETAIL_ROWS: u16 = 2;

/// A facet's name on its tab: a short word a newcomer reads at once.
pub fn tab_name(kind: FacetKind) -> &'static str {
    match kind {
        FacetKind::Author => "Authors",
        FacetKind::Hashtag => "Tags",
        FacetKind::Org => "Orgs",
        FacetKind::Mention => "Mentions",
        FacetKind::Kind => "Kinds",
        FacetKind::Review => "Review",
        FacetKind::Code => "Codes",
    }
}

/// One tab of the filter panel, where it is drawn and clicked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tab {
    pub kind: FacetKind,
    /// Its name, or only its initial where the names do not fit.
    pub shown: &'static str,
    pub row: u16,
    pub x: u16,
}

/// The most rows the tabs take before they give way to initials.
const MAX_TAB_ROWS: u16 = 2;

/// The tabs in `width` columns, a space between each: their names on as few rows as they
/// fit (two at most); failing that, on one row, initials for all but `current`.
pub fn tabs(width: u16, current: FacetKind) -> Vec<Tab> {
    let whole = |_| false;
    let laid = lay_tabs(width, whole);
    match laid.last().is_some_and(|t| t.row < MAX_TAB_ROWS) {
        true => laid,
        false => lay_tabs(u16::MAX, |kind| kind != current),
    }
}

/// The tabs wrapped at `width` columns, the `short` ones as their initial.
fn lay_tabs(width: u16, short: impl Fn(FacetKind) -> bool) -> Vec<Tab> {
    let (mut row, mut x) = (0u16, 0u16);
    (FacetKind::ALL.iter())
        .map(|&kind| {
            let name = tab_name(kind);
            let shown = if short(kind) { &name[..1] } else { name };
            let len = shown.len() as u16;
            if x > 0 && x + len > width {
                (row, x) = (row + 1, 0);
            }
            let tab = Tab {
                kind,
                shown,
                row,
                x,
            };
            x += len + 1;
            tab
        })
        .collect()
}

/// Tabs, query, list, details: the parts of the filter panel's inside.
pub fn filter_parts(inner: Rect) -> [Rect; 4] {
    let tab_rows = tabs(inner.width, FacetKind::Author)
        .last()
        .map_or(1, |t| t.row + 1);
    Layout::vertical([
        Constraint::Length(tab_rows),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(DETAIL_ROWS),
    ])
    .areas(inner)
}

/// Where the list of entries goes inside the filter panel.
fn filter_list_area(inner: Rect) -> Rect {
    if inner.is_empty() {
        return inner;
    }
    filter_parts(inner)[2]
}

/// Where an overlay goes: centred, most of the screen.
pub fn overlay_area(screen: Rect) -> Rect {
    let width = screen.width.saturating_sub(4).min(90);
    let height = screen.height.saturating_sub(2);
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(screen);
    let [area] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    area
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chips_wrap_whole_and_count_what_does_not_fit() {
        let chips: Vec<String> = ["#carereview", "NOT author:Nick Cook", "org:DfE"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            chip_rows(&chips, 40, 3),
            [
                vec![" #carereview ", " NOT author:Nick Cook "],
                vec![" org:DfE "]
            ]
        );
        let many: Vec<String> = (0..9).map(|i| format!("#tag{i}")).collect();
        let rows = chip_rows(&many, 16, 9);
        assert_eq!(rows.len(), MAX_CHIP_ROWS);
        assert_eq!(rows[2], [" #tag4 ", "+4 more"]);
        // A short pane: what does not fit is counted on the last row it has.
        assert_eq!(chip_rows(&many, 16, 1), [vec![" #tag0 ", "+8 more"]]);
        assert!(chip_rows(&many, 16, 0).is_empty());
        assert!(chip_rows(&[], 40, 3).is_empty());
        let long = vec!["org:A very long organisation name indeed".to_string()];
        assert_eq!(chip_rows(&long, 12, 3), [vec![" org:A ver… "]]);
    }

    fn tab_rows(width: u16, current: FacetKind) -> Vec<String> {
        let mut rows: Vec<String> = Vec::new();
        for tab in tabs(width, current) {
            if rows.len() <= usize::from(tab.row) {
                rows.push(String::new());
            }
            let row = rows.last_mut().unwrap();
            assert_eq!(
                row.len(),
                usize::from(tab.x),
                "{tab:?} drawn where it is clicked"
            );
            row.push_str(tab.shown);
            row.push(' ');
        }
        rows
    }

    #[test]
    fn tabs_are_words_on_one_or_two_rows_and_initials_only_where_those_do_not_fit() {
        assert_eq!(
            tab_rows(54, FacetKind::Org),
            ["Authors Tags Orgs Mentions Kinds Review Codes "]
        );
        assert_eq!(
            tab_rows(26, FacetKind::Org),
            ["Authors Tags Orgs Mentions ", "Kinds Review Codes "]
        );
        assert_eq!(tab_rows(16, FacetKind::Org), ["A T Orgs M K R C "]);
    }
}
