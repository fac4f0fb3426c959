//! The thread pane: the document's header, its threads' headers, and its posts wrapped
//! beside a numbering gutter. [`Layout`] wraps a document once per width; drawing then
//! styles only the lines on screen.

use super::{Panes, Theme, pane_block};
use crate::app::{App, Pane};
use crate::corpus::{Corpus, Document, Kind, Post, numbering_problem};
use crate::facets::PostRef;
use crate::present::{gutter, post_count, thread_header};
use crate::wrap::wrap;
use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::collections::HashMap;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// What a heading line is, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Title,
    Meta,
    Heading,
    Warning,
    Blank,
}

/// One post, wrapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostItem {
    pub at: PostRef,
    /// Its position among the document's posts.
    pub flat: usize,
    /// The gutter's lines: the label, then "of N" where the total is known.
    pub gutter: Vec<String>,
    /// The text's lines, as byte ranges of the post's text.
    pub text: Vec<Range<usize>>,
    pub media: bool,
    /// Its number repeats or goes back.
    pub misnumbered: bool,
}

impl PostItem {
    /// Lines of content (without the blank line after it).
    fn content_lines(&self) -> usize {
        (self.text.len() + usize::from(self.media)).max(self.gutter.len())
    }
}

/// A run of lines of the pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Heading(Vec<(String, Tone)>),
    Post(PostItem),
}

impl Item {
    fn lines(&self) -> usize {
        match self {
            Item::Heading(lines) => lines.len(),
            Item::Post(post) => post.content_lines() + 1,
        }
    }
}

/// A document laid out for a width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub doc: usize,
    pub width: u16,
    /// Columns of the gutter (the label, right-aligned).
    pub gutter: usize,
    pub items: Vec<Item>,
    /// The first line of each item.
    pub starts: Vec<usize>,
    pub total: usize,
    /// The document's posts in order, and the item of each.
    pub posts: Vec<PostRef>,
    post_items: Vec<usize>,
}

/// Columns between the gutter and the text: the current-post bar, the match mark, a space.
const MARKS: usize = 3;

impl Layout {
    pub fn build(corpus: &Corpus, doc_index: usize, width: u16) -> Layout {
        let doc = &corpus.documents[doc_index];
        let columns = usize::from(width).max(1);
        let gutter = gutter_width(doc).min(columns / 3);
        let text_width = columns.saturating_sub(gutter + MARKS).max(1);
        let mut items = vec![Item::Heading(doc_heading(doc, columns))];
        let mut posts = Vec::new();
        for (t, thread) in doc.threads.iter().enumerate() {
            if doc.threads.len() > 1 || thread.declared_count.is_some() {
                let mut text = thread_header(corpus, doc, thread);
                if let Some(problem) = numbering_problem(thread, doc.kind) {
                    text += &format!(" · ⚠ {problem}");
                }
                items.push(Item::Heading(wrapped(&text, columns, Tone::Heading)));
            }
            let mut previous: Option<u32> = None;
            for (p, post) in thread.posts.iter().enumerate() {
                if let Some(note) = gap_note(previous, post.number) {
                    items.push(Item::Heading(wrapped(&note, columns, Tone::Warning)));
                }
                let misnumbered = matches!((previous, post.number), (Some(a), Some(b)) if b <= a);
                previous = post.number.or(previous);
                let at = PostRef {
                    doc: doc_index,
                    thread: t,
                    post: p,
                };
                items.push(Item::Post(PostItem {
                    at,
                    flat: posts.len(),
                    gutter: gutter_lines(doc.kind, post),
                    text: wrap(&post.text, text_width),
                    media: post.media,
                    misnumbered,
                }));
                posts.push(at);
            }
        }
        let mut starts = Vec::with_capacity(items.len());
        let mut total = 0;
        let mut post_items = Vec::with_capacity(posts.len());
        for (i, item) in items.iter().enumerate() {
            starts.push(total);
            total += item.lines();
            if matches!(item, Item::Post(_)) {
                post_items.push(i);
            }
        }
        Layout {
            doc: doc_index,
            width,
            gutter,
            items,
            starts,
            total,
            posts,
            post_items,
        }
    }

    /// The lines of post `flat` (without the blank line after it).
    pub fn post_lines(&self, flat: usize) -> Option<Range<usize>> {
        let item = *self.post_items.get(flat)?;
        let Item::Post(post) = &self.items[item] else {
            return None;
        };
        let start = self.starts[item];
        Some(start..start + post.content_lines())
    }

    /// Where the headings straight above post `flat` start, if any (a thread's header, a
    /// gap note, the document's header above the first post).
    pub fn heading_above(&self, flat: usize) -> Option<usize> {
        let item = *self.post_items.get(flat)?;
        let mut first = None;
        for i in (0..item).rev() {
            match self.items[i] {
                Item::Heading(_) => first = Some(self.starts[i]),
                Item::Post(_) => break,
            }
        }
        first
    }

    /// The item holding `line`.
    fn item_at(&self, line: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= line)
            .saturating_sub(1)
    }

    /// The post whose lines include `line`, if a post is there.
    pub fn post_at_line(&self, line: usize) -> Option<usize> {
        match self.items.get(self.item_at(line))? {
            Item::Post(post) => Some(post.flat),
            Item::Heading(_) => None,
        }
    }

    /// The first post that starts at or after `line` (or the one `line` is in).
    pub fn first_post_from(&self, line: usize) -> Option<usize> {
        if let Some(post) = self
            .post_at_line(line)
            .filter(|&p| self.post_lines(p).is_some_and(|l| l.start >= line))
        {
            return Some(post);
        }
        let after = (self.item_at(line)..self.items.len()).find_map(|i| match &self.items[i] {
            Item::Post(post) if self.starts[i] >= line => Some(post.flat),
            _ => None,
        });
        after.or_else(|| self.post_at_line(line))
    }
}

/// The widest gutter label of a document, with room before it.
fn gutter_width(doc: &Document) -> usize {
    let widest = doc
        .posts()
        .flat_map(|p| gutter_lines(doc.kind, p))
        .map(|l| l.width())
        .max()
        .unwrap_or(0);
    (widest + 1).max(4)
}

/// The gutter of a post: its label ("2/16", "1.", "(3)", "¶2"), then "of N" where the
/// total is known and the label does not say it.
fn gutter_lines(kind: Kind, post: &Post) -> Vec<String> {
    let label = gutter(kind, post);
    let mut lines = vec![label.clone()];
    if let Some(total) = post.total {
        if !label.contains(&format!("/{total}")) {
            lines.push(format!("of {total}"));
        }
    }
    lines
}

/// "⋯ 7/ missing" before a post whose number skips some.
fn gap_note(previous: Option<u32>, number: Option<u32>) -> Option<String> {
    let (a, b) = (previous?, number?);
    match b.checked_sub(a)? {
        0 | 1 => None,
        2 => Some(format!("⋯ {}/ missing", a + 1)),
        _ => Some(format!("⋯ {}/–{}/ missing", a + 1, b - 1)),
    }
}

fn wrapped(text: &str, width: usize, tone: Tone) -> Vec<(String, Tone)> {
    wrap(text, width)
        .into_iter()
        .map(|r| (text[r].to_string(), tone))
        .collect()
}

/// The document's header: title, what it is, its warnings, a blank line.
fn doc_heading(doc: &Document, width: usize) -> Vec<(String, Tone)> {
    let mut lines = wrapped(&doc.display_title(), width, Tone::Title);
    let mut meta = vec![doc.id.clone(), doc.kind.name().to_string()];
    meta.extend(doc.author.as_ref().map(|a| a.name.clone()));
    meta.extend(doc.date.clone());
    meta.push(post_count(doc));
    lines.extend(wrapped(&meta.join(" · "), width, Tone::Meta));
    for warning in &doc.warnings {
        lines.extend(wrapped(&format!("⚠ {warning}"), width, Tone::Warning));
    }
    lines.push((String::new(), Tone::Blank));
    lines
}

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
                app.short_ids[layout.doc],
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
    let text = post.text.as_str();
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
