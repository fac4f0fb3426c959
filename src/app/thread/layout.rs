//! A document laid out for a width: its header, its threads' headers, gap notes, and its
//! posts wrapped beside the numbering gutter, with where each starts. Built once per
//! document and width; the thread pane then draws only the lines on screen.

use crate::corpus::{Corpus, DocIndex, Document, Kind, Post, PostRef, Thread, numbering_problem};
use crate::glyphs;
use crate::present::{Holders, gutter, post_count, thread_header};
use crate::wrap::wrap;
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
    /// Posts folded away by the filters.
    Folded,
    /// A post's codes, under it.
    Code,
    /// A post's note, under it.
    Note,
}

/// What the review writes under a post: its codes, then its note, unwrapped.
pub type Annotate<'a> = &'a dyn Fn(PostRef) -> Vec<(String, Tone)>;

/// Posts the filters leave out, folded into one line per run: which they are, and the
/// key that shows them.
pub struct Fold<'a> {
    pub hides: &'a dyn Fn(PostRef) -> bool,
    pub key: &'a str,
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
    /// What the review says of it, wrapped, shown under the text.
    pub annotations: Vec<(String, Tone)>,
}

impl PostItem {
    /// The lines of its text and picture, before its annotations.
    pub fn body_lines(&self) -> usize {
        self.text.len() + usize::from(self.media)
    }

    /// Lines of content (without the blank line after it).
    fn content_lines(&self) -> usize {
        (self.body_lines() + self.annotations.len()).max(self.gutter.len())
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
    pub doc: DocIndex,
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

/// Columns between the gutter and the text: the current-post bar, the review's mark, the
/// match mark, a space.
const MARKS: usize = 4;

impl Layout {
    /// `doc_index` laid out for `width` columns, with the posts `fold` hides folded away,
    /// what `annotate` says under each post, and the authors `holders` gives of documents
    /// holding the threads it repeats.
    pub fn build(
        corpus: &Corpus,
        holders: &impl Holders,
        doc_index: DocIndex,
        width: u16,
        fold: Option<&Fold>,
        annotate: Annotate,
    ) -> Layout {
        let doc = corpus.document(doc_index);
        let columns = usize::from(width).max(1);
        let gutter = gutter_width(doc).min(columns / 3);
        let text_width = columns.saturating_sub(gutter + MARKS).max(1);
        let mut items = vec![Item::Heading(doc_heading(doc, columns))];
        let mut posts = Vec::new();
        for (t, thread) in doc.threads.iter().enumerate() {
            let at = |post| PostRef {
                doc: doc_index,
                thread: t,
                post,
            };
            // A thread the filters leave nothing of is one line.
            let all_hidden = |f: &Fold| (0..thread.posts.len()).all(|p| (f.hides)(at(p)));
            if let Some(fold) = fold.filter(|f| doc.threads.len() > 1 && all_hidden(f)) {
                let what = format!("thread {} of {}", thread.index, doc.threads.len());
                items.push(fold_note(&what, fold, columns));
                continue;
            }
            if doc.threads.len() > 1 || thread.declared_count.is_some() {
                let mut text = thread_header(holders, doc, thread);
                if let Some(problem) = numbering_problem(thread, doc.kind) {
                    text += &format!(" · ⚠ {problem}");
                }
                items.push(Item::Heading(wrapped(&text, columns, Tone::Heading)));
            }
            let width = Width {
                columns,
                text: text_width,
            };
            let show = Show { fold, annotate };
            add_posts(&mut items, &mut posts, doc.kind, thread, &at, show, width);
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
    pub fn item_at(&self, line: usize) -> usize {
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

/// What is shown of posts besides their text.
#[derive(Clone, Copy)]
struct Show<'a> {
    fold: Option<&'a Fold<'a>>,
    annotate: Annotate<'a>,
}

/// The columns of the pane, and those of a post's text.
#[derive(Clone, Copy)]
struct Width {
    columns: usize,
    text: usize,
}

/// A thread's posts as items, each placed in `posts`; runs of posts `fold` hides become one
/// line. A gap or a repeat in the numbering is told by the numbers as written, hidden posts
/// included: a folded post is not a missing one.
fn add_posts(
    items: &mut Vec<Item>,
    posts: &mut Vec<PostRef>,
    kind: Kind,
    thread: &Thread,
    at: &dyn Fn(usize) -> PostRef,
    show: Show,
    width: Width,
) {
    let fold = show.fold;
    let mut previous: Option<u32> = None;
    let mut folded = 0;
    for (p, post) in thread.posts.iter().enumerate() {
        let gap = gap_note(previous, post.number);
        let misnumbered = matches!((previous, post.number), (Some(a), Some(b)) if b <= a);
        previous = post.number.or(previous);
        let at = at(p);
        if fold.is_some_and(|f| (f.hides)(at)) {
            folded += 1;
            continue;
        }
        if let Some(fold) = fold.filter(|_| folded > 0) {
            let what = post_count_words(std::mem::take(&mut folded));
            items.push(fold_note(&what, fold, width.columns));
        }
        if let Some(note) = gap {
            items.push(Item::Heading(wrapped(&note, width.columns, Tone::Warning)));
        }
        items.push(Item::Post(PostItem {
            at,
            flat: posts.len(),
            gutter: gutter_lines(kind, post),
            text: wrap(&post.text, width.text),
            media: post.media,
            misnumbered,
            annotations: (show.annotate)(at)
                .into_iter()
                .flat_map(|(text, tone)| hanging(&text, width.text, tone))
                .collect(),
        }));
        posts.push(at);
    }
    if let Some(fold) = fold.filter(|_| folded > 0) {
        items.push(fold_note(&post_count_words(folded), fold, width.columns));
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
    if let Some(total) = post.total
        && !label.contains(&format!("/{total}"))
    {
        lines.push(format!("of {total}"));
    }
    lines
}

/// "⋯ 5 posts hidden by filters (z shows them)", "⋯ thread 4 of 12 hidden by filters…".
fn fold_note(what: &str, fold: &Fold, columns: usize) -> Item {
    let them = if what.ends_with("posts") {
        "them"
    } else {
        "it"
    };
    let folded = glyphs::FOLDED.shown;
    let note = format!(
        "{folded} {what} hidden by filters ({} shows {them})",
        fold.key
    );
    Item::Heading(wrapped(&note, columns, Tone::Folded))
}

/// "1 post", "5 posts".
fn post_count_words(n: usize) -> String {
    match n {
        1 => "1 post".to_string(),
        n => format!("{n} posts"),
    }
}

/// "⋯ 7/ missing" before a post whose number skips some.
fn gap_note(previous: Option<u32>, number: Option<u32>) -> Option<String> {
    let (a, b) = (previous?, number?);
    match b.checked_sub(a)? {
        0 | 1 => None,
        2 => Some(format!("{} {}/ missing", glyphs::FOLDED.shown, a + 1)),
        _ => Some(format!(
            "{} {}/–{}/ missing",
            glyphs::FOLDED.shown,
            a + 1,
            b - 1
        )),
    }
}

/// `text` wrapped with its later lines under its words, not its mark ("✎ ", "⌗ ").
fn hanging(text: &str, width: usize, tone: Tone) -> Vec<(String, Tone)> {
    let mut lines = wrapped(text, width.saturating_sub(2).max(1), tone);
    lines
        .iter_mut()
        .skip(1)
        .for_each(|(line, _)| line.insert_str(0, "  "));
    lines
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
