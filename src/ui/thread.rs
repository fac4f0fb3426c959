//! The thread pane: the document's header, its threads' headers, and its posts wrapped
//! beside a numbering gutter. [`Layout`] wraps a document once per width; drawing then
//! styles only the lines on screen.

mod layout;

pub use layout::{Item, Layout, PostItem, Tone};

use super::{Panes, Theme, pane_block};
use crate::app::{App, Pane};
use crate::facets::PostRef;
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
    let focused = app.focus == Pane::Thread && app.prompt.is_none();
    let layout = app.thread.layout();
    let title = match (layout, app.current_post()) {
        (Some(layout), Some(at)) => {
            let doc = &app.corpus.documents[layout.doc];
            let post = &doc.threads[at.thread].posts[at.post];
            format!(
                " {} · {} ",
                &app.short_ids[layout.doc],
                crate::app::post_name(doc, post)
            )
        }
        _ => " Thread ".to_string(),
    };
    frame.render_widget(pane_block(Line::from(title), focused, theme), panes.thread);
    let Some(layout) = layout else {
        return;
    };
    let area = panes.thread_inner;
    let mut styled: HashMap<PostRef, Vec<u8>> = HashMap::new();
    let from = app.thread.scroll();
    let to = layout.total.min(from + usize::from(area.height));
    let lines: Vec<Line> = (from..to)
        .map(|line| {
            let item = layout.item_at(line);
            let row = line - layout.starts[item];
            match &layout.items[item] {
                Item::Heading(lines) => heading_line(&lines[row], theme),
                Item::Post(post) => {
                    let classes = styled
                        .entry(post.at)
                        .or_insert_with(|| classes(app, post.at));
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
        Tone::Meta | Tone::Blank => theme.dim(),
        Tone::Warning => theme.warning(),
    };
    Line::styled(text.as_str(), style)
}

/// What a byte of a post's text is, for its style.
const HASHTAG: u8 = 1;
const MENTION: u8 = 2;
const ORGANISATION: u8 = 4;
const LINK: u8 = 8;
const HIT: u8 = 16;

/// The class of every byte of a post's text: entities, then search hits over them.
fn classes(app: &App, at: PostRef) -> Vec<u8> {
    let post = &app.corpus.documents[at.doc].threads[at.thread].posts[at.post];
    let text = &*post.text;
    let mut classes = vec![0u8; text.len()];
    let mut mark = |needle: &str, class: u8| {
        if needle.is_empty() {
            return;
        }
        for (start, found) in text.match_indices(needle) {
            classes[start..start + found.len()]
                .iter_mut()
                .for_each(|c| *c |= class);
        }
    };
    post.hashtags
        .iter()
        .for_each(|t| mark(&format!("#{t}"), HASHTAG));
    post.mentions
        .iter()
        .for_each(|m| mark(&format!("@{m}"), MENTION));
    post.urls.iter().for_each(|u| mark(u, LINK));
    for org in &post.organisations {
        mark(org, ORGANISATION);
        let variants = app.corpus.org_variants.get(org).into_iter().flatten();
        variants.for_each(|v| mark(v, ORGANISATION));
    }
    if let Some(search) = &app.search {
        for range in search.query.ranges(text) {
            classes[range].iter_mut().for_each(|c| *c |= HIT);
        }
    }
    classes
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
    classes: &[u8],
    theme: &Theme,
) -> Line<'a> {
    let at = item.at;
    let post = &app.corpus.documents[at.doc].threads[at.thread].posts[at.post];
    let current = app.thread.post() == item.flat;
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
        true => Span::styled("▌", theme.mark()),
        false => Span::raw(" "),
    });
    let hit = app.search.as_ref().is_some_and(|s| s.is_hit(at));
    // Marks go on the first line, where the label is.
    let first = row == 0;
    let mark = match (hit, app.filters.is_marked(at), item.misnumbered) {
        _ if !first => Span::raw(" "),
        (_, _, true) => Span::styled("‼", theme.warning()),
        (true, _, _) => Span::styled("◆", theme.mark()),
        (false, true, _) => Span::styled("●", theme.mark()),
        _ => Span::raw(" "),
    };
    spans.push(mark);
    spans.push(Span::raw(" "));
    match item.text.get(row) {
        Some(range) => text_spans(&post.text, range.clone(), classes, theme, &mut spans),
        None if row == item.text.len() && item.media => {
            spans.push(Span::styled("[picture]", theme.dim()))
        }
        None => {}
    }
    Line::from(spans)
}

/// Splits a line of text where the class of its bytes changes.
fn text_spans<'a>(
    text: &'a str,
    range: Range<usize>,
    classes: &[u8],
    theme: &Theme,
    spans: &mut Vec<Span<'a>>,
) {
    let mut start = range.start;
    while start < range.end {
        let class = classes[start];
        let mut end = start + 1;
        while end < range.end && (classes[end] == class || !text.is_char_boundary(end)) {
            end += 1;
        }
        spans.push(Span::styled(&text[start..end], class_style(class, theme)));
        start = end;
    }
}
