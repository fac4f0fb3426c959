//! The thread pane: the document's header, its threads' headers, and its posts wrapped
//! beside a numbering gutter. [`Layout`] wraps a document once per width; drawing then
//! styles only the lines on screen.

pub use crate::app::layout::{Item, Layout, PostItem, Tone};

use super::{Panes, Theme, pane_block};
use crate::app::needles::{HASHTAG, HIT, LINK, MENTION, ORGANISATION};
use crate::app::{App, Pane};
use crate::corpus::PostRef;
use crate::glyphs;
use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::collections::HashMap;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

pub fn render(frame: &mut Frame, app: &App, theme: &Theme, panes: &Panes) {
    if panes.thread.is_empty() {
        return;
    }
    let focused = app.focus() == Pane::Thread && app.prompt().is_none();
    let layout = app.thread().layout();
    let title = match (layout, app.current_post()) {
        (Some(layout), Some(at)) => {
            let doc = app.corpus().document(layout.doc);
            format!(
                " {} · {} ",
                app.short_id(layout.doc),
                crate::present::post_name(doc, at)
            )
        }
        _ => " Thread ".to_string(),
    };
    frame.render_widget(pane_block(Line::from(title), focused, theme), panes.thread);
    let Some(layout) = layout else {
        return;
    };
    let area = panes.thread_inner;
    let mut styled: HashMap<PostRef, Classes> = HashMap::new();
    let from = app.thread().scroll();
    let to = layout.total.min(from + usize::from(area.height));
    let lines: Vec<Line> = (from..to)
        .map(|line| {
            let item = layout.item_at(line);
            let start = layout.starts[item];
            let row = line - start;
            match &layout.items[item] {
                Item::Heading(lines) => heading_line(&lines[row], theme),
                Item::Post(post) => {
                    let classes = styled.entry(post.at).or_insert_with(|| {
                        let rows = from.saturating_sub(start)..to - start;
                        classes(app, post.at, visible_bytes(post, rows))
                    });
                    post_line(app, layout, post, row, classes, theme)
                }
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn heading_line<'a>((text, tone): &'a (String, Tone), theme: &Theme) -> Line<'a> {
    let style = match tone {
        Tone::Title | Tone::Heading => theme.heading(),
        Tone::Meta | Tone::Blank | Tone::Folded => theme.dim(),
        Tone::Warning => theme.warning(),
        Tone::Code => theme.review(),
        Tone::Note => theme.note(),
    };
    Line::styled(text.as_str(), style)
}

/// The bytes of a post's text that its lines `rows` show (a post of megabytes shows a few
/// hundred of them at a time).
fn visible_bytes(post: &PostItem, rows: Range<usize>) -> Range<usize> {
    let lines = &post.text[rows.start.min(post.text.len())..rows.end.min(post.text.len())];
    match (lines.first(), lines.last()) {
        (Some(first), Some(last)) => first.start..last.end,
        _ => 0..0,
    }
}

/// The class of each byte of a stretch of a post's text.
struct Classes {
    /// Where the stretch starts in the text.
    from: usize,
    of: Vec<u8>,
}

impl Classes {
    fn at(&self, byte: usize) -> u8 {
        byte.checked_sub(self.from)
            .and_then(|i| self.of.get(i).copied())
            .unwrap_or(0)
    }
}

/// The class of every byte of `shown`, a stretch of a post's text: entities, then search
/// hits over them. Only the stretch is looked at, with room either side for an entity or a
/// hit that starts before it or ends after it, so drawing a screen costs what it shows.
fn classes(app: &App, at: PostRef, shown: Range<usize>) -> Classes {
    let text = &*app.corpus().post(at).text;
    let needles = app.thread().needles(app.corpus(), at);
    let search = app.search().as_ref().map(|s| &s.query);
    let reach = needles.longest().max(search.map_or(0, |q| q.longest()));
    let (lo, hi) = (
        floor_char(text, shown.start.saturating_sub(reach)),
        ceil_char(text, shown.end + reach),
    );
    let mut classes = Classes {
        from: shown.start,
        of: vec![0u8; shown.len()],
    };
    let mut mark = |range: Range<usize>, class: u8| {
        let (start, end) = (range.start.max(shown.start), range.end.min(shown.end));
        for byte in start..end {
            classes.of[byte - shown.start] |= class;
        }
    };
    for (range, class) in needles.find(&text[lo..hi]) {
        mark(lo + range.start..lo + range.end, class);
    }
    for range in search.into_iter().flat_map(|q| q.ranges(&text[lo..hi])) {
        mark(lo + range.start..lo + range.end, HIT);
    }
    classes
}

/// The nearest character boundary of `text` at or before `at`.
fn floor_char(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The nearest character boundary of `text` at or after `at`.
fn ceil_char(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

fn class_style(class: u8, theme: &Theme) -> Style {
    match class {
        c if c & HIT != 0 => theme.hit(),
        c if c & LINK != 0 => theme.link(),
        c if c & HASHTAG != 0 => theme.hashtag(),
        c if c & MENTION != 0 => theme.mention(),
        c if c & ORGANISATION != 0 => theme.organisation(),
        _ => Style::new(),
    }
}

/// Line `row` of a post: gutter, marks, and the text styled by class.
fn post_line<'a>(
    app: &'a App,
    layout: &Layout,
    item: &PostItem,
    row: usize,
    classes: &Classes,
    theme: &Theme,
) -> Line<'a> {
    let at = item.at;
    let post = app.corpus().post(at);
    let current = app.thread().post() == item.flat;
    let mut spans = Vec::new();
    let label = item.gutter.get(row).map_or("", String::as_str);
    let label_style = match (current && row == 0, item.misnumbered) {
        (true, _) => theme.selection(),
        (false, true) => theme.warning(),
        (false, false) => theme.dim(),
    };
    let pad = layout.gutter.saturating_sub(label.width() + 1);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(label.to_string(), label_style));
    spans.push(Span::raw(" "));
    spans.push(match current {
        true => Span::styled(glyphs::CURRENT.shown, theme.mark()),
        false => Span::raw(" "),
    });
    let review = app.post_review(at);
    spans.push(match review.is_some_and(|r| r.marked) && row == 0 {
        true => Span::styled(glyphs::MARKED.shown, theme.review()),
        false => Span::raw(" "),
    });
    let hit = app.search().as_ref().is_some_and(|s| s.is_hit(at));
    // Marks go on the first line, where the label is.
    let first = row == 0;
    let matches = app.filters().selects() && app.filters().post_passes(at);
    let mark = match (hit, matches, item.misnumbered) {
        _ if !first => Span::raw(" "),
        (_, _, true) => Span::styled(glyphs::MISNUMBERED.shown, theme.warning()),
        (true, _, _) => Span::styled(glyphs::HIT.shown, theme.mark()),
        (false, true, _) => Span::styled(glyphs::SELECTED.shown, theme.mark()),
        _ => Span::raw(" "),
    };
    spans.push(mark);
    spans.push(Span::raw(" "));
    // A post the filters leave out, shown (not folded): dimmed.
    let left_out = !app.filters().is_empty() && !app.filters().post_passes(at);
    let from = spans.len();
    match item.text.get(row) {
        Some(range) => text_spans(&post.text, range.clone(), classes, theme, &mut spans),
        None if row == item.text.len() && item.media => {
            spans.push(Span::styled("[picture]", theme.dim()))
        }
        None => {
            let annotation = row.checked_sub(item.body_lines());
            if let Some(line) = annotation.and_then(|i| item.annotations.get(i)) {
                let style = heading_line(line, theme).style;
                spans.push(Span::styled(line.0.clone(), style));
            }
        }
    }
    if left_out {
        spans[from..].iter_mut().for_each(|s| s.style = theme.dim());
    }
    Line::from(spans)
}

/// Splits a line of text where the class of its bytes changes.
fn text_spans<'a>(
    text: &'a str,
    range: Range<usize>,
    classes: &Classes,
    theme: &Theme,
    spans: &mut Vec<Span<'a>>,
) {
    let mut start = range.start;
    while start < range.end {
        let class = classes.at(start);
        let mut end = start + 1;
        while end < range.end && (classes.at(end) == class || !text.is_char_boundary(end)) {
            end += 1;
        }
        spans.push(Span::styled(&text[start..end], class_style(class, theme)));
        start = end;
    }
}
