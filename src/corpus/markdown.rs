//! Markdown pages, as web clippers save them (Obsidian Web Clipper, MarkDownload, Joplin and
//! the like): YAML front matter with the page's address, date, title and author, then the
//! page in Markdown. The front matter is read for what it says; the body's blocks are found
//! with a Markdown parser and handed to the page readers as written, less what only lays
//! the page out (headings, rules, HTML tags, pictures standing alone).

use super::Author;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::sync::LazyLock;

mod front_matter;
pub use front_matter::{FrontMatter, front_matter, status_handle};

/// A Markdown body as page text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// The text the page readers take.
    pub text: String,
    /// The first top-level heading (`# Title`), the page's own title.
    pub heading: Option<String>,
    /// Posts embedded in the page, in order: not part of its text.
    pub embeds: Vec<Embed>,
    /// What was left out as the page's layout.
    pub left_out: LeftOut,
    /// Blocks of text so far.
    blocks: usize,
    /// Where a comment form starts in `text`, and how many of its fields were seen.
    form: Option<(usize, usize)>,
    /// Lines of "=" only in the page, up to two.
    equals_lines: usize,
    /// Whether the page shows excerpts of threads closed by "Read N tweets": only then is a
    /// "More from @ann" heading over them, not a section of the page's.
    excerpts: bool,
    /// Whether the text is one clipped post's, where a quote is the card of a post quoted
    /// in it: one that opens with a date alone is that post, its author not kept.
    in_post: bool,
    /// The addresses of reference links, by label in lower case.
    references: std::collections::HashMap<String, String>,
    /// Where the readers' comments begin, if the page's last heading is over them.
    comments: Option<Mark>,
    /// Where the last thematic break stood, while no block has followed it.
    rule: Option<Mark>,
    /// Whether a thematic break stands between the text so far and the next block: it is
    /// written as a separator line, where a thread written out post by post ends a post.
    separate: bool,
    /// Where a republished page's credits may begin: the last break followed straight by
    /// "via: <address>".
    credits: Option<Mark>,
    /// How many blank lines stand before the next block in the source, up to three: kept so
    /// in the text of a Thread Reader App page (its notice in it), as some tools that
    /// convert one set a post's paragraphs apart by two (and its lines, and its posts, by
    /// one: see `segment::by_gap_width`). Other pages' blocks stand one blank line apart.
    gap: usize,
    /// Whether the gaps between blocks are kept: the page is Thread Reader App's.
    keep_gaps: bool,
    /// Where a newsletter's sign-up box began (its heading), and how many short blocks it
    /// holds so far: its button, a link alone, ends it, and then it is left out.
    sign_up: Option<(Mark, usize)>,
}

/// A place in the page where a part of it begins (the readers' comments, the credits): how
/// much text, how many blocks and embedded posts the page had before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mark {
    text: usize,
    blocks: usize,
    embeds: usize,
}

/// What a Markdown body's text leaves out as the page's layout, counted so that it can be
/// said.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Section headings (the title is the page's).
    pub headings: usize,
    /// Lists of links only (navigation) and of facts about the page (`Source: …`).
    pub lists: usize,
    /// Blocks before the title written again above the article (a page's header and
    /// sidebar), from a comment form on (the form, and the footer after it), and from a
    /// heading over the readers' comments on.
    pub furniture: usize,
    /// The previews an unroller draws of the pages a post links to (the preview's address
    /// goes with it).
    pub previews: usize,
}

impl LeftOut {
    /// Counts what `other` left out too.
    pub fn add(&mut self, other: LeftOut) {
        self.headings += other.headings;
        self.lists += other.lists;
        self.furniture += other.furniture;
        self.previews += other.previews;
    }

    /// What to say of it, if anything was left out.
    pub fn warning(self) -> Option<String> {
        let mut parts = Vec::new();
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        if self.headings > 0 {
            parts.push(plural(self.headings, "heading", "headings"));
        }
        if self.lists > 0 {
            parts.push(plural(
                self.lists,
                "list of links or page facts",
                "lists of links or page facts",
            ));
        }
        if self.previews > 0 {
            parts.push(plural(self.previews, "link preview", "link previews"));
        }
        if self.furniture > 0 {
            parts.push(plural(
                self.furniture,
                "block of header, sidebar, comments or footer",
                "blocks of header, sidebar, comments or footer",
            ));
        }
        (!parts.is_empty()).then(|| format!("left out as the page's layout: {}", parts.join(", ")))
    }
}

/// A post embedded in a page (X's `<blockquote class="twitter-tweet">`): its text as the page
/// shows it, signature line included ("— Ann (@ann) May 1, 2023"), and who posted it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embed {
    /// What the post says, its signature line last.
    pub text: String,
    /// Who posted it, as the signature names them.
    pub author: Option<Author>,
}

/// An embed's signature: a dash (or `&mdash;`, or `--`), the name (which may hold words in
/// brackets, "Riley (she/her)"), the handle in brackets, the date. The handle may be a
/// link, written with escapes (`@ann\_ex`, as clippers write it), or a Bluesky or
/// fediverse handle (`@ann.bsky.social`, `@ann@example.social`).
static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"(?:\\_|\w)+";
    Regex::new(&format!(
        r"(?:[—–]|&mdash;|--)\s*(?P<name>(?:[^\n—–()]|\([^()@\n]*\))*?)\s*\(\[?@(?P<handle>{word}(?:[.-]{word})*(?:@\w+(?:[.-]\w+)+)?)(?:\]\([^)\s]*\))?\)\s*(?P<date>[^\n]*?)\s*$"
    ))
    .unwrap()
});

/// The header a clipper writes above a quoted post: `**Ann Example @ann** · 2024-04-30`, or
/// `**Ann Example** @ann · [2024-04-30](…)`; the handle may be written with escapes.
static QUOTED_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\*\*(?P<name>[^*@\n]+?)\s*(?:@(?P<inner>(?:\\_|\w)+))?\*\*\s*(?:@(?P<outer>(?:\\_|\w)+))?\s*[·•]\s*(?:\[[^\]\n]*\]\([^)\s]*\)|\S+(?:\s\S+){0,2})\s*$",
    )
    .unwrap()
});

/// The line that opens a post quoted inside another as some tools write it: `*Quoting
/// @ann:* what Ann wrote`, with or without the emphasis, a colon or the emphasis closing
/// the handle, or the handle alone on its line ("Quoting @ann here" is a sentence).
static QUOTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\*{1,2}|_{1,2})?Quoting\s+@(?P<handle>(?:\\_|\w)+)(?:\s*:\s*(?:\*{1,2}|_{1,2})?|(?:\*{1,2}|_{1,2})\s*:?|\s*$)\s*",
    )
    .unwrap()
});

/// The post `lines` (a quote's, without quote marks) are, if they open "Quoting @ann:":
/// who wrote it, and its Markdown (the rest of that line, and the lines after it), when it
/// has words.
fn quoting(lines: &[&str]) -> Option<(Author, String)> {
    let (first, rest) = lines.split_first()?;
    let caps = QUOTING.captures(first.trim_start())?;
    let handle = caps["handle"].replace('\\', "");
    // Checked here, not in the pattern: fifteen copies of `\w` are slow to compile.
    if handle.chars().count() > super::entities::HANDLE_MAX {
        return None;
    }
    let author = Author::from_handle(&handle);
    let opening = &first.trim_start()[caps.get(0).expect("whole match").end()..];
    let quoted: Vec<&str> = std::iter::once(opening)
        .chain(rest.iter().copied())
        .collect();
    let quoted = quoted.join("\n");
    (!quoted.trim().is_empty()).then_some((author, quoted))
}

impl Embed {
    /// The post a Markdown quote holds, if it is an embedded or quoted post: it ends with
    /// an embedded post's signature (a converted `twitter-tweet` blockquote: "> — Ann (@ann)
    /// [May 1, 2023](…)"), or opens with the header of a quoted post ("> **Ann @ann** ·
    /// 2024-04-30") or with "Quoting @ann:", which name its author and are no part of its
    /// text; in a clipped post (`in_post`), one opening with a date alone is a quoted post
    /// too, its author unknown. Beside it, what else its Markdown held (posts embedded in
    /// it, layout left out).
    fn from_quote(source: &str, in_post: bool) -> Option<(Embed, Body)> {
        let lines: Vec<&str> = (source.lines())
            .map(|l| l.trim_start().trim_start_matches('>').trim_start())
            .collect();
        let first = lines.iter().position(|l| !l.is_empty())?;
        // A quote that opens "Quoting @ann:" is Ann's post.
        if let Some((author, quoted)) = quoting(&lines[first..]) {
            let mut body = body_text(&quoted);
            let text = std::mem::take(&mut body.text);
            let author = Some(author);
            return Some((Embed { text, author }, body));
        }
        if let Some(header) = QUOTED_HEADER.captures(lines[first]) {
            let handle = header.name("inner").or(header.name("outer"));
            // A header with no text under it is no post: the quote stays the page's.
            let mut body = body_text(&lines[first + 1..].join("\n"));
            if let Some(handle) = handle.filter(|_| !body.text.trim().is_empty()) {
                let author = Author {
                    name: header["name"].trim().to_string(),
                    handle: Some(handle.as_str().replace('\\', "")),
                };
                let text = std::mem::take(&mut body.text);
                return Some((
                    Embed {
                        text,
                        author: Some(author),
                    },
                    body,
                ));
            }
        }
        if in_post && super::article::is_date(lines[first]) {
            let mut body = body_text(&lines[first + 1..].join("\n"));
            if !body.text.trim().is_empty() {
                let text = std::mem::take(&mut body.text);
                return Some((Embed { text, author: None }, body));
            }
        }
        let last = lines.iter().rposition(|l| !l.is_empty())?;
        let signature = SIGNATURE.captures(lines[last])?;
        if signature.get(0).expect("whole match").start() != 0 {
            return None;
        }
        let mut body = body_text(&lines[..=last].join("\n"));
        let text = std::mem::take(&mut body.text);
        let author = Some(signature_author(&signature));
        Some((Embed { text, author }, body))
    }

    /// The post an embed's HTML holds, if it is an embedded post.
    pub(crate) fn from_html(html: &str) -> Option<Embed> {
        if !html.contains("twitter-tweet") {
            return None;
        }
        // The HTML's entities are decoded only now: what they stand for is cleaned as any
        // text read is (an escape written `&#27;` reaches no terminal).
        let read = super::formats::fragment_text(html);
        let text = super::sanitise::sanitise(&read.text);
        let text = text.trim();
        let Some(signature) = SIGNATURE.captures(text) else {
            return Some(Embed {
                text: text.to_string(),
                author: None,
            });
        };
        Some(Embed {
            text: text.to_string(),
            author: Some(signature_author(&signature)),
        })
    }
}

/// The post `text` is, if its last line is an embedded post's signature ("— Ann (@ann) May
/// 1, 2023", as a page's text keeps an embed whose markup is gone) and words stand above it.
pub(crate) fn signed_embed(text: &str) -> Option<Embed> {
    let (above, last) = text.trim_end().rsplit_once('\n')?;
    let last = last.trim();
    if !last.starts_with(['—', '–']) && !last.starts_with("--") && !last.starts_with("&mdash;")
    {
        return None;
    }
    let signature = SIGNATURE.captures(last)?;
    // A signature dates its post ("May 3, 2024", or that date as a link): "– Met Office
    // (@metoffice) for the warnings" is a credit.
    let date = signature["date"].trim_start_matches('[');
    let date = date.split(']').next().unwrap_or(date);
    let whole =
        signature.get(0).expect("whole match").start() == 0 && super::article::is_date(date);
    (whole && !above.trim().is_empty()).then(|| Embed {
        text: text.trim().to_string(),
        author: Some(signature_author(&signature)),
    })
}

/// Who an embedded post's signature names.
fn signature_author(signature: &regex::Captures) -> Author {
    let name = signature["name"].trim();
    let handle = signature["handle"].replace('\\', "");
    let handle = handle.as_str();
    match name.is_empty() {
        true => Author::from_handle(handle),
        false => Author {
            name: name.to_string(),
            handle: Some(handle.to_string()),
        },
    }
}

/// Whether `text` uses Markdown's markup: at least two kinds (headings, emphasis, links,
/// pictures, quotes, fences, escapes) in its opening 8 KB. One kind alone is too common in
/// plain text ("*", "> ") to go on, and a line of dashes is a separator in any text. (A
/// page with front matter is Markdown whatever this says.)
pub fn has_markup(text: &str) -> bool {
    // The opening of a page shows how it is written; every page text is asked, so the
    // search stays within it.
    let head = head(text, MARKUP_HEAD);
    MARKUP.iter().filter(|p| p.is_match(head)).take(2).count() >= 2
}

/// The first `bytes` bytes of `text`, or fewer to end between characters.
pub(super) fn head(text: &str, bytes: usize) -> &str {
    let mut end = text.len().min(bytes);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// How much of a page is searched for markup.
const MARKUP_HEAD: usize = 8 * 1024;

/// The kinds of markup.
static MARKUP: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"(?m)^#{1,6} \S",
        r"\*\*[^*\n]+\*\*",
        r"!?\[[^\]\n]*\]\((?:https?://|/|\.)[^)\s]*\)",
        r"(?m)^> ",
        r"(?m)^```",
        r"\\[.\-_*#\[\]()!]",
        // Reference-style links and their definitions ("[text][2]", "[2]: https://…").
        r"\[[^\]\n]+\]\[[^\]\n]*\]|(?m)^\[[^\]\n]+\]:[ \t]+\S",
        // A title underlined with "=" (a setext heading).
        r"(?m)^\S[^\n]*\n=+[ \t]*$",
    ]
    .iter()
    .map(|p| Regex::new(p).expect("markup patterns are valid"))
    .collect()
});

/// The text of a Markdown body as the page readers take it: each block as written (a
/// post's text is what its author wrote, links and emphasis included), without what only
/// lays the page out — headings (the first top-level one is the page's title), rules, and
/// raw HTML tags (their text stays) — and a block of pictures only as the "Image" line that
/// scraped pages carry.
pub fn body_text(markdown: &str) -> Body {
    read_body(markdown, false)
}

/// The text of one post of a clipped status page, as [`body_text`] reads a page, but that a
/// quote opening with a date alone is the card of a post quoted in it (X shows a quoted
/// post so; the clip kept its date, not who wrote it): a post of its own, as a quote
/// opening with its author's header is anywhere.
pub fn post_text(markdown: &str) -> Body {
    read_body(markdown, true)
}

fn read_body(markdown: &str, in_post: bool) -> Body {
    let mut body = Body {
        equals_lines: equals_lines(markdown),
        excerpts: markdown
            .lines()
            .any(|l| super::listing::read_more(l).is_some()),
        in_post,
        keep_gaps: markdown.lines().any(super::chrome::is_unroller_notice),
        ..Body::default()
    };
    let mut depth = 0;
    let mut block_start = 0;
    // Where the last top-level block's text ended.
    let mut last_end = 0;
    // Within the top-level block: pictures seen, pictures open, and text outside them.
    let (mut pictures, mut in_picture, mut words) = (0, 0, false);
    let events = Parser::new_ext(markdown, Options::ENABLE_TABLES).into_offset_iter();
    // Definitions of reference links ("[2]: https://…") are not blocks: their addresses go
    // into the links that use them.
    body.references = (events.reference_definitions().iter())
        .map(|(label, def)| (label.to_lowercase(), def.dest.to_string()))
        .collect();
    for (event, range) in events {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    (block_start, pictures, words) = (range.start, 0, false);
                    if body.keep_gaps {
                        body.gap = blank_lines(&markdown[last_end..range.start]);
                    }
                }
                depth += 1;
                if let Tag::Image { .. } = tag {
                    pictures += 1;
                    in_picture += 1;
                }
            }
            Event::End(tag) => {
                depth -= 1;
                if let TagEnd::Image = tag {
                    in_picture -= 1;
                }
                if depth == 0 {
                    let pictures_only = pictures > 0 && !words;
                    let source = &markdown[block_start..range.end];
                    last_end = block_start + source.trim_end().len();
                    body.block(tag, source, pictures_only);
                }
            }
            Event::Text(text) | Event::Code(text) => {
                words |= in_picture == 0 && !text.trim().is_empty();
            }
            Event::Rule => {
                body.rule = Some(body.mark());
                last_end = range.end;
            }
            Event::SoftBreak | Event::HardBreak | Event::Html(_) => {}
            _ => words = true,
        }
    }
    body.end_at_comments();
    body.end_at_credits();
    body.end_at_form();
    body
}

/// How many blank lines stand right before the next block in the source between two
/// blocks, up to three (what else stands between, a link's definition, is no gap).
fn blank_lines(between: &str) -> usize {
    let last_words = between.rfind(|c: char| !c.is_whitespace());
    let run = last_words.map_or(between, |at| &between[at..]);
    let breaks = run.bytes().filter(|&b| b == b'\n').take(4).count();
    breaks.saturating_sub(1)
}

/// Whether a heading's source opens with "#" marks (an ATX heading): "#" and a space, or
/// "#" alone. "#CareReview" underlined is text underlined.
fn is_marked_heading(source: &str) -> bool {
    let source = source.trim_start();
    let marks = source.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&marks)
        && source[marks..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace)
}

/// Whether a heading's source is text underlined: with dashes always, with "=" unless it
/// is the page's one title. Dashes are a post followed by a separator in plain text, and
/// lines of "=" between a page's posts separate them just as well.
fn is_underlined_text(source: &str, title: bool) -> bool {
    !is_marked_heading(source) && (source.trim_end().ends_with('-') || !title)
}

/// A heading's words: without its "#" marks, or its underline and line breaks.
fn heading_text(source: &str) -> String {
    let source = source.trim();
    if is_marked_heading(source) {
        return source.trim_matches('#').trim().to_string();
    }
    let lines: Vec<&str> = source.lines().map(str::trim).collect();
    lines[..lines.len().saturating_sub(1)].join(" ")
}

/// A heading over an unroll page's excerpts of its author's other threads ("More from
/// @ann", as a clipper escapes it too, "@ann\_ex", or links it, "[@ann](…)").
fn is_more_from(heading: &str) -> bool {
    let heading = super::unroll::plain(heading);
    heading.strip_prefix("More from @").is_some_and(|who| {
        !who.is_empty()
            && who
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '\\')
    })
}

/// How many lines of the page are "=" only, counted up to two: one may underline the
/// page's title; more separate its posts.
fn equals_lines(markdown: &str) -> usize {
    (markdown.lines().map(str::trim))
        .filter(|l| !l.is_empty() && l.bytes().all(|b| b == b'='))
        .take(2)
        .count()
}

impl Body {
    /// Whether a heading underlined with "=" here would be the page's title: the only such
    /// line of the page, before any text.
    fn titled_by_equals(&self) -> bool {
        self.equals_lines == 1 && self.blocks == 0 && self.heading.is_none()
    }

    /// Adds a top-level block, as `source` writes it.
    fn block(&mut self, tag: TagEnd, source: &str, images_only: bool) {
        // A break counts only for the block right after it.
        let rule = self.rule.take();
        self.separate |= rule.is_some();
        // A sign-up box: its pitch and its button, short, under its heading. The button
        // closes it, and it is left out; any other block, or more of them, ends it as text.
        if let Some((mark, held)) = self.sign_up.take() {
            let short = source.trim().chars().count() <= SIGN_UP_CHARS;
            let boxed = short && matches!(tag, TagEnd::Paragraph | TagEnd::List(_));
            if boxed && is_links_only(source) {
                self.end_at(mark);
                self.left_out.furniture += 1;
                return;
            }
            if boxed && held < SIGN_UP_BLOCKS {
                self.sign_up = Some((mark, held + 1));
            }
        }
        match tag {
            TagEnd::Heading(_) if is_sign_up_heading(&heading_text(source)) => {
                self.left_out.headings += 1;
                self.sign_up = Some((self.mark(), 0));
            }
            // A line underlined is a heading to Markdown, and often a post followed by a
            // separator: it stays text, but for the page's one title underlined with "=".
            TagEnd::Heading(_) if is_underlined_text(source, self.titled_by_equals()) => {
                let lines: Vec<&str> = source.lines().collect();
                self.push(&lines[..lines.len().saturating_sub(1)].join("\n"));
            }
            // Comments close a page: only after its text, and only if no other heading
            // comes after them (then "Comments" was a section like any other).
            TagEnd::Heading(_) if is_comments_heading(&heading_text(source)) => {
                self.left_out.headings += 1;
                if self.comments.is_none() && !self.text.is_empty() {
                    self.comments = Some(self.mark());
                }
            }
            // "## More from @ann" opens the author's other threads: the unroll reader's line.
            TagEnd::Heading(_) if self.excerpts && is_more_from(&heading_text(source)) => {
                self.comments = None;
                self.push(&super::unroll::plain(&heading_text(source)));
            }
            TagEnd::Heading(level) => {
                self.comments = None;
                let title = heading_text(source);
                let title = title.as_str();
                if level == pulldown_cmark::HeadingLevel::H1 && self.heading.is_none() {
                    self.heading = Some(title.to_string()).filter(|t| !t.is_empty());
                } else if self.heading.as_deref() == Some(title) {
                    // The title again, above the article: what came before was the page's
                    // header and sidebar.
                    self.left_out.furniture += std::mem::take(&mut self.blocks);
                    self.text.clear();
                    (self.form, self.comments, self.credits) = (None, None, None);
                } else {
                    self.left_out.headings += 1;
                }
            }
            TagEnd::Paragraph if images_only => self.push("Image"),
            TagEnd::Paragraph if is_wiki_links(source) => self.left_out.lists += 1,
            // "Primary source: Cognition on X" above the text: what the page says about
            // itself, as a list of such facts is.
            TagEnd::Paragraph if self.text.is_empty() && is_source_line(source) => {
                self.left_out.lists += 1;
            }
            TagEnd::Paragraph if rule.is_some() && is_credits_line(source) => {
                self.credits = rule;
                self.push(source);
            }
            TagEnd::Paragraph if is_form_field(source) => {
                let (start, fields) = self.form.unwrap_or((self.text.len(), 0));
                self.form = Some((start, fields + 1));
                self.push(source);
            }
            // A line that is only a picture is the "Image" line, in a paragraph too: tools
            // that save threads glue the next post's first line to a post's pictures. A
            // picture closing a line of text is that line's, then the "Image" line.
            TagEnd::Paragraph => {
                let previews = source.lines().filter(|l| is_link_preview(l)).count();
                self.left_out.previews += previews;
                let lines = (source.lines())
                    .filter(|l| !TEMPLATE_LINE.is_match(l.trim()) && !is_thread_delimiter(l))
                    .filter(|l| !is_link_preview(l))
                    .flat_map(|l| match PICTURE_LINE.is_match(l.trim()) {
                        true => ["Image", ""],
                        false => match TRAILING_PICTURE.captures(l.trim_end()).filter(is_picture) {
                            Some(caps) => [caps.name("text").map_or(l, |t| t.as_str()), "Image"],
                            None => [l, ""],
                        },
                    })
                    .filter(|l| !l.is_empty());
                self.push(&lines.collect::<Vec<_>>().join("\n"))
            }
            TagEnd::HtmlBlock => match Embed::from_html(source) {
                Some(embed) => self.embeds.push(embed),
                None => self.push(&strip_tags(source)),
            },
            // MarkDownload's template quotes the page's description under "## Excerpt"
            // above the page: it is the clipper's, not the page's (further down, a quote).
            TagEnd::BlockQuote(_) if self.text.is_empty() && is_clippers_excerpt(source) => {
                self.left_out.furniture += 1;
            }
            TagEnd::BlockQuote(_) => match Embed::from_quote(source, self.in_post) {
                Some((embed, inside)) => {
                    self.embeds.push(embed);
                    self.embeds.extend(inside.embeds);
                    self.left_out.add(inside.left_out);
                }
                None => self.push(source),
            },
            TagEnd::List(_) if is_navigation(source) || is_metadata(source) => {
                self.left_out.lists += 1;
            }
            TagEnd::Table if is_pictures_table(source) => self.push("Image"),
            _ => self.push(source),
        }
    }

    /// Where the page stands now.
    fn mark(&self) -> Mark {
        Mark {
            text: self.text.len(),
            blocks: self.blocks,
            embeds: self.embeds.len(),
        }
    }

    /// Adds a block of text, with a blank line before it.
    fn push(&mut self, block: &str) {
        let block = block.trim_matches('\n');
        if block.trim().is_empty() {
            return;
        }
        let block = with_addresses(block, &self.references);
        if !self.text.is_empty() {
            let blank = self.gap.max(1);
            (0..=blank).for_each(|_| self.text.push('\n'));
            if std::mem::take(&mut self.separate) {
                self.text.push_str("---\n\n");
            }
        }
        self.separate = false;
        self.text.push_str(&block);
        self.blocks += 1;
    }

    /// The readers' comments, if the page's last heading is over them, are left out: the
    /// heading, and every block and embedded post after it.
    fn end_at_comments(&mut self) {
        let Some(comments) = self.comments.take() else {
            return;
        };
        self.left_out.headings -= 1;
        self.left_out.furniture += 1;
        self.end_at(comments);
    }

    /// A republished page's credits (a break, then "via: <address>", the translators, the
    /// project's notice) are left out, with every block and embedded post after them: when
    /// text comes before them, and what follows is as short as credits are.
    fn end_at_credits(&mut self) {
        let Some(credits) = self.credits.take() else {
            return;
        };
        let after = self.text.get(credits.text..).unwrap_or_default();
        let short = after.chars().count() <= CREDITS_CHARS
            && self.blocks.saturating_sub(credits.blocks) <= CREDITS_BLOCKS;
        if credits.text > 0 && short {
            self.end_at(credits);
        }
    }

    /// Leaves out what the page holds from `mark` on, counted as furniture.
    fn end_at(&mut self, mark: Mark) {
        let embeds = (self.embeds.drain(mark.embeds.min(self.embeds.len())..)).count();
        let blocks = self.blocks.saturating_sub(mark.blocks);
        self.blocks = self.blocks.min(mark.blocks);
        self.left_out.furniture += blocks + embeds;
        let mut at = mark.text.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        self.text.truncate(at);
        self.text.truncate(self.text.trim_end().len());
        // A comment form in what is left out is counted with it.
        self.form = self.form.filter(|&(start, _)| start < mark.text);
    }

    /// A comment form (two fields or more) ends the article: it, and the page's footer
    /// after it, are left out. (One such field alone may be a sentence.)
    fn end_at_form(&mut self) {
        let Some((start, fields)) = self.form else {
            return;
        };
        if fields < 2 {
            return;
        }
        let after = self.text[start..].split("\n\n");
        self.left_out.furniture += after.filter(|b| !b.trim().is_empty()).count();
        self.text.truncate(start);
        self.text.truncate(self.text.trim_end().len());
    }
}

/// A quote that opens with the heading "Excerpt" (a clipper's summary of the page).
fn is_clippers_excerpt(source: &str) -> bool {
    let first = source
        .lines()
        .map(|l| l.trim_start().trim_start_matches('>').trim());
    let first = first.into_iter().find(|l| !l.is_empty()).unwrap_or("");
    let title = first.trim_start_matches('#');
    title.len() < first.len() && title.trim().eq_ignore_ascii_case("excerpt")
}

/// A line naming where a page's story comes from: "Source: …", "Primary source: …".
fn is_source_line(source: &str) -> bool {
    static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:primary |original )?sources?:\s*\S[^\n]{0,80}$").unwrap()
    });
    SOURCE.is_match(source.trim())
}

/// The most a republished page's credits hold, from the "via:" line on: characters, blocks.
const CREDITS_CHARS: usize = 1_000;
const CREDITS_BLOCKS: usize = 8;

/// The line that opens a republished page's credits: "via: <address>" of the original.
fn is_credits_line(source: &str) -> bool {
    static CREDITS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^via:\s+<?https?://\S+$").unwrap());
    CREDITS.is_match(source.trim())
}

/// The most blocks a newsletter's sign-up box holds above its button, and the longest.
const SIGN_UP_BLOCKS: usize = 3;
const SIGN_UP_CHARS: usize = 200;

/// Whether a block is made of links alone (a button, a row of them).
fn is_links_only(source: &str) -> bool {
    static LINK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\[[^\]\n]*\]\([^)\s]*\)").unwrap());
    source.contains("](")
        && LINK
            .replace_all(source, "")
            .trim()
            .chars()
            .all(|c| !c.is_alphanumeric())
}

/// Whether a heading is over a newsletter's sign-up box: "Sign up to the Morning
/// Briefing", "Subscribe to our newsletter", "Get our daily newsletter". It says what is
/// signed up to: "Sign up" alone, or "Register to vote", may head an article's section.
/// (A box is left out only once its button is found.)
fn is_sign_up_heading(title: &str) -> bool {
    static SIGN_UP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:sign up|subscribe)\s+(?:to|for)\s+\S.*$|^(?:sign up|subscribe)\b.*\bnewsletters?$|^(?:get|join)\s+(?:our|the)\b.*\b(?:newsletter|briefing|bulletin|digest)s?$|^(?:our|the|free|daily|weekly)\s+(?:\w+\s+)?newsletters?$").unwrap()
    });
    SIGN_UP.is_match(title.trim().trim_end_matches(['.', '!', ':']))
}

/// A heading over the readers' comments ("Comments", "3 Responses", "Leave a Reply"):
/// what follows it is theirs, not the page's.
fn is_comments_heading(title: &str) -> bool {
    static COMMENTS: LazyLock<Regex> = LazyLock::new(|| {
        // In English, then in the languages of most pages saved (Spanish, French, German,
        // Italian, Dutch, Portuguese): "3 comentarios", "Laisser un commentaire".
        Regex::new(r"(?i)^(?:\d+\s+(?:comments?|responses?|comentarios?|commentaires?|kommentare?|commenti|commento|reacties|reactie|comentários?)|(?:readers?'?\s+)?comments|leave a (?:reply|comment)|join the conversation|deja (?:un|una) (?:comentario|respuesta)|laisser un commentaire|schreibe einen kommentar|lascia un commento|deixe um comentário|laat een reactie achter)$").unwrap()
    });
    COMMENTS.is_match(title.trim().trim_end_matches([':', '.']))
}

/// A line that is only a picture: `![text](address)`, linked (`[![…](…)](…)`), cut short,
/// or with the attributes some generators put after it (`{: .align-center}`); or only a
/// picture's address, as a picture's markup broken over two lines leaves it
/// (`ins/Attachments/3_145.jpg)`).
static PICTURE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\[?!\[[^\]]*\](?:\([^)\s]*\)?|\[[^\]]*\])?(?:\]\([^)\s]*\))?(?:\{[^}]*\})?|(?i:[^\s()\[\]]+\.(?:jpe?g|png|gif|webp|avif|svg))\)?)$")
        .unwrap()
});

/// A line of text that a picture closes: `text ![Image](…)`, or a picture as old saved
/// tweets link it, `text [pic.twitter.com/…](…)`.
static TRAILING_PICTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<text>.*\S)\s+(?:!\[(?P<alt>[^\]]*)\]\((?P<url>[^)\s]*)\)|\[pic\.twitter\.com/[^\]\s]*\]\([^)\s]*\)|pic\.twitter\.com/\w+)$")
        .unwrap()
});

/// `block` with its reference links written with their addresses: `[the review][1]` and
/// `[1]: https://example.org/r` make `[the review](https://example.org/r)`.
fn with_addresses<'b>(
    block: &'b str,
    references: &std::collections::HashMap<String, String>,
) -> std::borrow::Cow<'b, str> {
    static REFERENCE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\[(?P<text>[^\[\]\n]+)\]\[(?P<label>[^\[\]\n]*)\]").unwrap());
    if references.is_empty() || !block.contains("][") {
        return std::borrow::Cow::Borrowed(block);
    }
    REFERENCE.replace_all(block, |caps: &regex::Captures| {
        let label = match &caps["label"] {
            "" => &caps["text"],
            label => label,
        };
        match references.get(&label.to_lowercase()) {
            Some(address) => format!("[{}]({address})", &caps["text"]),
            None => caps[0].to_string(),
        }
    })
}

/// Whether a picture closing a line is one: an emoji drawn as an image (X writes
/// `![🧵](…/emoji/…/1f9f5.svg)`) is a character of the text.
fn is_picture(caps: &regex::Captures) -> bool {
    let emoji_alt = (caps.name("alt").map(|a| a.as_str()))
        .is_some_and(|a| !a.is_empty() && !a.chars().any(char::is_alphanumeric));
    let emoji_url = caps
        .name("url")
        .is_some_and(|u| u.as_str().contains("/emoji/"));
    !emoji_alt && !emoji_url
}

/// A line that is only a directive of a site generator's templates (`{% include x.html %}`,
/// `{{< tweet 1 >}}`): how the page is built, not what it says.
static TEMPLATE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\{%.*%\}|\{\{.*\}\})$").unwrap());

/// A preview of a linked page as unrollers draw it under a post, on a line of its own: one
/// link whose text is the page's title in bold, its summary and its address in small type,
/// perhaps after the post's reference number: `[5][**repo/name** Contribute to…
/// <small>github.com/…</small>](…)`.
fn is_link_preview(line: &str) -> bool {
    static PREVIEW: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:\[\d{1,3}\]\s*)?\[\*\*[^*\n]+\*\*[^\]\n]*<small>[^\]\n]*</small>\s*\]\([^)\s]+\)$",
        )
        .unwrap()
    });
    PREVIEW.is_match(line.trim())
}

/// A link written alone (`[Home](https://…)`), as navigation lists hold them.
static LINK_ONLY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\[[^\]]*\]\([^)]*\)$").unwrap());

/// A list item's marker.
static ITEM_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+").unwrap());

/// The items of a list block, without their markers (continuation lines left out).
fn items(source: &str) -> Vec<&str> {
    (source.lines())
        .filter_map(|l| ITEM_MARKER.find(l).map(|m| l[m.end()..].trim()))
        .collect()
}

/// A field of a comment form: a check box (`[ ] Save my name…`), WordPress's hidden
/// `Δ`, or a label marked required (`Email *`, "Required fields are marked *").
fn is_form_field(source: &str) -> bool {
    static FIELD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:\[[ xX]\]\s+\S.*|Δ|[^\n]{1,200}\s\\?\*)$").unwrap());
    FIELD.is_match(source.trim())
}

/// A list of links and nothing else: a site's navigation.
fn is_navigation(source: &str) -> bool {
    let items = items(source);
    items.len() >= 2 && items.iter().all(|i| LINK_ONLY.is_match(i))
}

/// A paragraph of wiki links only (`[[Log4j]] [[CVE-2021-44228]]`): a note-taking app's
/// tags and related notes, written under the page.
fn is_wiki_links(source: &str) -> bool {
    static WIKI_LINK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\[\[[^\[\]\n]*\]\]").unwrap());
    source.contains("[[") && WIKI_LINK.replace_all(source, "").trim().is_empty()
}

/// A list of `Key: value` items, some value an address: what a page says about itself
/// (`+ Source: …`, `+ Link: https://…`, `- **Tweet:** https://…`), not what it says.
fn is_metadata(source: &str) -> bool {
    static KEY_VALUE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:\*\*)?[\p{L}][\p{L} ]{0,20}:(?:\*\*)?\s+\S").unwrap());
    let items = items(source);
    items.len() >= 2
        && items.iter().all(|i| KEY_VALUE.is_match(i))
        && items.iter().any(|i| i.contains("://"))
}

/// A table of pictures (and links) only: no words in its cells.
fn is_pictures_table(source: &str) -> bool {
    static PICTURE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"!\[[^\]]*\]\([^)]*\)").unwrap());
    static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[[^\]]*\]\([^)]*\)").unwrap());
    let without_pictures = PICTURE.replace_all(source, "");
    let without_links = LINK.replace_all(&without_pictures, "");
    let words = without_links
        .chars()
        .any(|c| !matches!(c, '|' | ':' | '-' | ' ' | '\n' | '\t'));
    source.contains("![") && !words
}

/// A line that only marks where a republished thread starts or ends (`/threadstarts`,
/// `/threadends`, `/fin`, `{fin}`), emphasis around it or not.
fn is_thread_delimiter(line: &str) -> bool {
    let bare = line.trim().trim_matches(['*', '_']).to_lowercase();
    bare == "/threadstarts" || super::chrome::THREAD_CLOSERS.contains(&bare.as_str())
}

/// Raw HTML without its tags: the text between them, if any.
fn strip_tags(html: &str) -> String {
    static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<[^>]*>").unwrap());
    // A tag parts what stands on either side of it ("a</p>b" is two words, not "ab").
    let text = TAG.replace_all(html, " ");
    let lines: Vec<String> = (text.lines())
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_up_box_under_its_heading_is_layout_and_the_text_after_it_is_kept() {
        let body = "The review is out.\n\n## Sign up to the Morning Briefing\n\nGet the day's top stories every morning.\n\n[Sign up](https://example.org/newsletters)\n\nMinisters will respond.\n";
        let read = body_text(body);
        assert_eq!(read.text, "The review is out.\n\nMinisters will respond.");
        assert_eq!((read.left_out.headings, read.left_out.furniture), (1, 2));
        // Without a button under it, within three short blocks, it was a section.
        let body = "## Sign up to the waiting list\n\nCall the office.\n\nOr write.\n\nOr visit.\n\nThen wait.\n\n[Our office](https://example.org/office)\n";
        let read = body_text(body);
        assert!(read.text.starts_with("Call the office."), "{}", read.text);
        assert!(
            read.text
                .ends_with("[Our office](https://example.org/office)")
        );
        let long = "Ministers will respond before the summer, they said on Monday, after a year in which councils warned that costs had doubled, that the market had failed and that children were placed hundreds of miles from their families and schools.";
        let body = format!("## Subscribe to our newsletter\n\n{long}\n");
        assert_eq!(body_text(&body).text, long);
        for heading in [
            "Subscribe to our newsletter",
            "Get our daily briefing",
            "Our weekly newsletter",
            "Sign up for our free daily newsletter",
        ] {
            assert!(is_sign_up_heading(heading), "{heading}");
        }
        for heading in [
            "Signing up carers",
            "Why councils subscribe to frameworks",
            "Newsletters of the 1980s",
            "Sign up",
            "Register to vote",
        ] {
            assert!(!is_sign_up_heading(heading), "{heading}");
        }
    }

    #[test]
    fn blocks_are_kept_as_written_without_page_layout() {
        let body = "# The title\n\nSome **bold** words, [a link](https://example.org/a).\n\n---\n\n## A section\n\n> quoted\n\n![Image](https://example.org/p.jpg)\n\n- one\n- two\n\n<div class=\"box\">\n\n1\\. escaped\n";
        let read = body_text(body);
        assert_eq!(
            read.text,
            "Some **bold** words, [a link](https://example.org/a).\n\n---\n\n> quoted\n\nImage\n\n- one\n- two\n\n1\\. escaped"
        );
        assert_eq!(read.heading.as_deref(), Some("The title"));
        // A rule is a separator line only between text: none at either end.
        let read = body_text("---\n\nOne.\n\n---\n\n---\n\nTwo.\n\n---\n");
        assert_eq!(read.text, "One.\n\n---\n\nTwo.");
    }

    #[test]
    fn a_title_underlined_with_equals_signs_is_the_title() {
        let read = body_text("Four myths\nabout care\n======\nThe text.\n");
        assert_eq!(read.heading.as_deref(), Some("Four myths about care"));
        assert_eq!(read.text, "The text.");
        let read = body_text("#CareReview: a thread\n=====\nThe text.\n");
        assert_eq!(read.heading.as_deref(), Some("#CareReview: a thread"));
        // Lines of "=" between posts separate them: every post stays text.
        let posts = "The review is out, and **long**.\n=====\nCouncils buy most places.\n=====\nPrices rose.\n";
        let read = body_text(posts);
        assert_eq!(read.heading, None);
        assert_eq!(
            read.text,
            "The review is out, and **long**.\n\nCouncils buy most places.\n\nPrices rose."
        );
    }

    #[test]
    fn a_picture_on_a_line_of_its_own_is_the_image_line() {
        let body = "{% include donation.md %}\n\nFirst post.\n![](pics/1.jpg)\n[![a](pics/2.jpg)](https://example.org)\n![](pics/3.jpg){: .align-center}\nSecond post.\n";
        assert_eq!(
            body_text(body).text,
            "First post.\nImage\nImage\nImage\nSecond post."
        );
        // The address a picture's markup broken over two lines leaves behind.
        let broken = "A post.\n\nins/Attachments/3_145.JPG)\n\nThe next, about photo.jpg files.\n";
        assert_eq!(
            body_text(broken).text,
            "A post.\n\nImage\n\nThe next, about photo.jpg files."
        );
    }

    #[test]
    fn reference_links_keep_their_addresses() {
        let read = body_text(
            "As [the review][1] said, prices **rose** ([ONS][]).\n\n[1]: https://example.org/r\n[ons]: https://ons.example\n",
        );
        assert_eq!(
            read.text,
            "As [the review](https://example.org/r) said, prices **rose** ([ONS](https://ons.example))."
        );
    }

    #[test]
    fn a_paragraph_of_wiki_links_is_left_out() {
        let read = body_text(
            "The text.\n\n[[Log4j]] [[CVE-2021-44228]]\n[[Apache]]\n\nSee [[Log4j]] too.\n",
        );
        assert_eq!(read.text, "The text.\n\nSee [[Log4j]] too.");
        assert_eq!(read.left_out.lists, 1);
    }

    #[test]
    fn a_picture_closing_a_line_follows_it() {
        let body = "Out today. ![Image](/images/1.png)\nNext post.\n\nHiring now. [pic.twitter.com/a1B2](https://twitter.com/a/status/1/photo/1)\n\nA ![🚀](https://example.org/e.svg) mid-line.\n";
        assert_eq!(
            body_text(body).text,
            "Out today.\nImage\nNext post.\n\nHiring now.\nImage\n\nA ![🚀](https://example.org/e.svg) mid-line."
        );
        // An emoji drawn as an image closing a line is a character of it.
        let emoji = "On care ![🧵](https://abs-0.twimg.com/emoji/v2/svg/1f9f5.svg)\n";
        assert_eq!(body_text(emoji).text, emoji.trim_end());
    }

    #[test]
    fn an_embedded_post_is_taken_out_of_the_text_signed() {
        let body = "Intro paragraph.\n\n<blockquote class=\"twitter-tweet\"><p lang=\"en\">1/4 Rates are up &amp; so is rent.<br/><br/>More below</p>&mdash; Ann Example (@ann_ex) <a href=\"https://x.com/ann_ex/status/1\">May 1, 2023</a></blockquote> <script async src=\"https://platform.x.com/widgets.js\"></script>\n\nAfter.\n";
        let read = body_text(body);
        assert_eq!(read.text, "Intro paragraph.\n\nAfter.");
        assert_eq!(
            read.embeds,
            [Embed {
                text: "1/4 Rates are up & so is rent.\n\nMore below\n\n— Ann Example (@ann_ex) May 1, 2023"
                    .into(),
                author: Some(Author {
                    name: "Ann Example".into(),
                    handle: Some("ann_ex".into())
                }),
            }]
        );
    }

    #[test]
    fn navigation_metadata_picture_tables_and_delimiters_are_layout() {
        let body = "* [Home](https://example.org)\n* [About](https://example.org/about)\n\n+ Source: Example News\n+ Link: https://example.org/a\n\n| [![](a.jpg)](x) | [![](b.jpg)](y) |\n| :-: | :-: |\n\n**/threadstarts**\nThe text.\n/threadends\n\n- **Pros:** fast\n- **Cons:** slow\n";
        assert_eq!(
            body_text(body).text,
            "Image\n\nThe text.\n\n- **Pros:** fast\n- **Cons:** slow"
        );
    }

    #[test]
    fn a_quote_signed_as_an_embedded_post_is_one() {
        let body = "Before.\n\n> Rent is up again. <https://t.co/x>\n>\n> — Ann Example (@ann_ex) [May 20, 2024](https://twitter.com/ann_ex/status/1)\n\n> Just a quote.\n";
        let read = body_text(body);
        assert_eq!(read.text, "Before.\n\n> Just a quote.");
        assert_eq!(read.embeds.len(), 1);
        assert_eq!(
            read.embeds[0].text,
            "Rent is up again. <https://t.co/x>\n\n— Ann Example (@ann_ex) [May 20, 2024](https://twitter.com/ann_ex/status/1)"
        );
        assert_eq!(read.embeds[0].author.as_ref().unwrap().name, "Ann Example");
    }

    #[test]
    fn a_signature_names_its_author_as_clippers_and_platforms_write_it() {
        for (signature, name, handle) in [
            // Clippers escape a handle's underscores, or keep its link.
            (
                "— Ann Example (@ann\\_ex) [May 20, 2024](https://x.com/a)",
                "Ann Example",
                "ann_ex",
            ),
            (
                "— Ann Example ([@ann\\_ex](https://x.com/ann_ex)) May 20, 2024",
                "Ann Example",
                "ann_ex",
            ),
            // A name holding pronouns in brackets, an entity or two hyphens for the dash.
            (
                "— Riley (she/her) (@riley) May 20, 2024",
                "Riley (she/her)",
                "riley",
            ),
            (
                "&mdash; Ann Example (@ann) May 20, 2024",
                "Ann Example",
                "ann",
            ),
            ("-- Ann Example (@ann) May 20, 2024", "Ann Example", "ann"),
            // Bluesky's and the fediverse's handles.
            (
                "— Helen (@helen.bsky.social) May 20, 2024 at 9:41 AM",
                "Helen",
                "helen.bsky.social",
            ),
            (
                "— Tomasz (@tomasz@fedi.example.org) May 20, 2024",
                "Tomasz",
                "tomasz@fedi.example.org",
            ),
        ] {
            let read = body_text(&format!(
                "Before.\n\n> Rent is up again.\n>\n> {signature}\n"
            ));
            assert_eq!(read.text, "Before.", "{signature}");
            let author = read.embeds[0].author.clone().expect(signature);
            assert_eq!(
                (author.name.as_str(), author.handle.as_deref()),
                (name, Some(handle))
            );
        }
    }

    #[test]
    fn a_clippers_excerpt_above_the_page_is_left_out() {
        let read = body_text(
            "> ## Excerpt\n> What the page says.\n\n---\n\nThe page.\n\n> ## Excerpts\n> kept\n\n> ## Excerpt\n> A book's, quoted.\n",
        );
        assert_eq!(
            read.text,
            "The page.\n\n> ## Excerpts\n> kept\n\n> ## Excerpt\n> A book's, quoted."
        );
        assert_eq!(read.left_out.furniture, 1);
    }

    #[test]
    fn a_quote_opening_quoting_a_handle_is_that_handles_post() {
        for (quote, text) in [
            (
                "> *Quoting @cy\\_council:* We will publish in June.\n>\n> Soon.\n",
                "We will publish in June.\n\nSoon.",
            ),
            (
                "> **Quoting @cy_council**: We will publish in June.\n",
                "We will publish in June.",
            ),
            (
                "> Quoting @cy_council\n> We will publish in June.\n",
                "We will publish in June.",
            ),
        ] {
            let read = body_text(&format!("Read this.\n\n{quote}"));
            assert_eq!(read.text, "Read this.", "{quote}");
            assert_eq!(
                read.embeds,
                [Embed {
                    text: text.into(),
                    author: Some(Author::from_handle("cy_council")),
                }],
                "{quote}"
            );
        }
        // Only at the quote's start, and only with words after it: else the quote stays.
        let sentences = ["> I am Quoting @cy here.\n", "> Quoting @cy here.\n"];
        for quote in sentences.into_iter().chain(["> *Quoting @cy:*\n"]) {
            let read = body_text(quote);
            assert!(read.embeds.is_empty(), "{quote}");
            assert_eq!(read.text, quote.trim_end(), "{quote}");
        }
    }

    #[test]
    fn a_thread_reader_pages_blank_lines_between_blocks_are_kept_up_to_three() {
        let page = "One.\n\nTwo.\n\n\nThree.\n\n\n\n\n\nFour.\n\n\n---\n\nFive.\n\n[1]: https://example.org\n\nSix [a][1].\n";
        let notice = "**This Thread may be Removed Anytime!**\n\n";
        let read = body_text(&format!("{notice}{page}"));
        // After a rule, the gap is counted from the rule: the separator line stands for it;
        // a link's definition between two blocks is no gap.
        assert_eq!(
            read.text,
            "**This Thread may be Removed Anytime!**\n\nOne.\n\nTwo.\n\n\nThree.\n\n\n\nFour.\n\n---\n\nFive.\n\nSix [a](https://example.org)."
        );
        // Any other page's blocks stand one blank line apart, as ever.
        assert_eq!(
            body_text(page).text,
            "One.\n\nTwo.\n\nThree.\n\nFour.\n\n---\n\nFive.\n\nSix [a](https://example.org)."
        );
    }

    #[test]
    fn in_a_clipped_post_a_quote_opening_with_a_date_is_a_quoted_post() {
        let text = "Did you see this?\n\n> 2025-11-20\n>\n> Name your kinship lead.\n";
        let read = post_text(text);
        assert_eq!(read.text, "Did you see this?");
        assert_eq!(
            read.embeds,
            [Embed {
                text: "Name your kinship lead.".into(),
                author: None,
            }]
        );
        // On a page, a quote opening with a date is the page's (a letter, a notice); in a
        // post too when nothing stands under the date.
        assert!(body_text(text).embeds.is_empty());
        assert_eq!(body_text(text).text, text.trim_end());
        let bare = "Sent:\n\n> 2025-11-20\n";
        assert!(post_text(bare).embeds.is_empty());
        assert_eq!(post_text(bare).text, bare.trim_end());
    }

    #[test]
    fn a_quote_opening_with_a_post_header_is_a_quoted_post() {
        let body = "And the plan:\n\n> **Cy Council @cy\\_council** · 2024-04-30\n>\n> We will publish our plan in June.\n> ![Image](https://example.org/p.jpg)\n\n> **Bold words** and a quote.\n";
        let read = body_text(body);
        assert_eq!(read.text, "And the plan:\n\n> **Bold words** and a quote.");
        assert_eq!(
            read.embeds,
            [Embed {
                text: "We will publish our plan in June.\nImage".into(),
                author: Some(Author {
                    name: "Cy Council".into(),
                    handle: Some("cy_council".into())
                }),
            }]
        );
        // Words after the date on the header's line, or no text under it: a quote as any
        // other, nothing of it lost.
        for quote in [
            "> **Cy Council @cy** · 2026-02-27 We will publish our plan in June.\n",
            "> **Cy Council @cy** · 2026-02-27\n",
        ] {
            let read = body_text(quote);
            assert!(read.embeds.is_empty(), "{quote}");
            assert_eq!(read.text, quote.trim_end(), "{quote}");
        }
        // What the quoted post's Markdown leaves out is counted with the page's.
        let headed = body_text("> **Cy Council @cy** · 2024-04-30\n>\n> ## Plan\n>\n> Soon.\n");
        assert_eq!(
            (headed.embeds[0].text.as_str(), headed.left_out.headings),
            ("Soon.", 1)
        );
        let outside = body_text(
            "> **Cy Council** @cy\\_council · [Apr 30](https://x.com/cy_council/status/3)\n>\n> Soon.\n",
        );
        assert_eq!(outside.embeds[0].text, "Soon.");
        assert_eq!(
            outside.embeds[0].author.as_ref().unwrap().name,
            "Cy Council"
        );
    }

    #[test]
    fn a_more_from_heading_stays_a_line_for_the_unroll_reader() {
        let page = "One.\n\n## More from @ann\\_ex\n\nTwo.\n\n[Read 4 tweets](https://t.example/1)\n\n## More from us\n\nThree.\n";
        let read = body_text(page);
        assert_eq!(
            read.text,
            "One.\n\nMore from @ann_ex\n\nTwo.\n\n[Read 4 tweets](https://t.example/1)\n\nThree."
        );
        assert_eq!(read.left_out.headings, 1, "the other heading is layout");
        // The handle a link, as a clipper saves it.
        let page = "One.\n\n## More from [@ann](https://x.example/ann)\n\n[Read 4 tweets](https://t.example/1)\n";
        assert!(body_text(page).text.contains("More from @ann\n"));
        // Over links to the author's pages, with no excerpts, it is layout too.
        let read = body_text("One.\n\n## More from @ann\n\n- [Pier](https://a.example/p)\n");
        assert!(!read.text.contains("More from"), "{:?}", read.text);
    }

    #[test]
    fn a_line_underlined_with_dashes_stays_text_and_layout_left_out_is_counted() {
        let read = body_text("1/ One.\n---\n2/ Two.\n---\n\n## A section\n\nText.\n");
        assert_eq!(read.text, "1/ One.\n\n2/ Two.\n\nText.");
        assert_eq!(
            read.left_out.warning().as_deref(),
            Some("left out as the page's layout: 1 heading")
        );
        assert_eq!(body_text("Text.").left_out.warning(), None);
    }

    #[test]
    fn a_link_preview_is_left_out_and_counted() {
        let preview = "[**Market study** The final report. <small>https://example.org/study</small>](https://example.org/study)";
        assert!(is_link_preview(preview));
        assert!(is_link_preview(&format!("[5]{preview}")));
        assert!(!is_link_preview(
            "[**Read the report**](https://example.org/study)"
        ));
        assert!(!is_link_preview(
            "[**Bold** words](https://example.org) and more words"
        ));
        assert!(!is_link_preview(
            "[**Read the report** on our website](https://example.org/r)"
        ));
        let read = body_text(&format!("The study is out.\n{preview}\n\nNext post."));
        assert_eq!(read.text, "The study is out.\n\nNext post.");
        assert_eq!(read.left_out.previews, 1);
    }

    #[test]
    fn a_source_line_above_the_text_is_about_the_page() {
        let read = body_text("Primary source:Quillon on X\n\n## Why\n\nThe text.\n\nSource: ONS\n");
        assert_eq!(read.text, "The text.\n\nSource: ONS");
        assert_eq!(read.left_out.lists, 1);
    }

    #[test]
    fn a_republished_pages_credits_end_it() {
        let page = "The article.\n\nThe end.\n\n---\n\nvia: https://example.org/a/1\n\n作者：[Ann][a]\n\n本文由 [XYZ](https://example.org/xyz) 原创编译\n\n[a]: https://example.org/ann\n";
        let read = body_text(page);
        assert_eq!(read.text, "The article.\n\nThe end.");
        assert_eq!(read.left_out.furniture, 3);
        // Without the break right before it, or the colon, or with words after the address,
        // or with no text before it, or with an article after it, it is text.
        let long = "The council buys places. ".repeat(50);
        for text in [
            "The article.\n\nvia: https://example.org/a/1\n\nMore.\n".to_string(),
            "The article.\n\n---\n\n## Sources\n\nvia: https://example.org/a/1\n\nMore.\n"
                .to_string(),
            "The article.\n\n---\n\nVia https://example.org/a/1\n\nMore.\n".to_string(),
            "The article.\n\n---\n\nvia: https://example.org/a/1 is where I read it.\n\nMore.\n"
                .to_string(),
            "# T\n\n---\n\nvia: https://example.org/a/1\n\nMore.\n".to_string(),
            format!("Intro.\n\n---\n\nvia: https://example.org/a/1\n\n{long}\n\nMore.\n"),
        ] {
            assert!(body_text(&text).text.ends_with("More."), "{text}");
        }
        // Credits before the title written again belong to the header it drops.
        let page = "# T\n\nMenu\n\n---\n\nvia: https://example.org/a/1\n\n# T\n\néééééé article, long enough.\n";
        assert_eq!(body_text(page).text, "éééééé article, long enough.");
    }

    #[test]
    fn the_readers_comments_end_the_page() {
        for heading in [
            "## Comments",
            "### 3 Responses",
            "## Reader comments",
            "## Leave a Reply",
            "### 3 comentarios",
            "## Laisser un commentaire",
            "### 12 Kommentare",
        ] {
            let read = body_text(&format!("The article.\n\n{heading}\n\nFirst!\n\nMe too.\n"));
            assert_eq!(read.text, "The article.", "{heading}");
            assert_eq!(
                (read.left_out.furniture, read.left_out.headings),
                (3, 0),
                "{heading}"
            );
        }
        // A heading after them: "Comments" was a section like any other.
        let section =
            "Intro.\n\n## Comments\n\nWrite comments that say why.\n\n## Tests\n\nTest it.\n";
        let read = body_text(section);
        assert_eq!(
            read.text,
            "Intro.\n\nWrite comments that say why.\n\nTest it."
        );
        assert_eq!(read.left_out.headings, 2);
        // Above the article, in a sidebar before the title written again, it ends nothing.
        let sidebar = "# Care\n\n## Comments\n\nRecent: Ann on Care\n\n# Care\n\nThe article.\n";
        assert_eq!(body_text(sidebar).text, "The article.");
        for heading in ["## Response", "## Comments on the review", "## Comment"] {
            let read = body_text(&format!("Intro.\n\n{heading}\n\nText.\n"));
            assert_eq!(read.text, "Intro.\n\nText.", "{heading}");
        }
    }

    #[test]
    fn html_tags_part_the_words_around_them() {
        assert_eq!(
            strip_tags("<p>one</p>two <b>three</b>\n<div></div>\nfour"),
            "one two three\nfour"
        );
    }

    #[test]
    fn a_page_header_before_the_title_and_a_comment_form_after_are_left_out() {
        let page = "# How we review\n\n[Home](/) and a sidebar of a blog.\n\n\
                    Ten minutes to read another article\n\n\
                    # How we review\n\n\
                    The article begins here.\n\nIt ends here.\n\n\
                    ## Leave a comment\n\n\
                    Your email address will not be published. Required fields are marked *\n\n\
                    Name *\n\nEmail *\n\n\
                    [ ] Save my name for the next time I comment.\n\n\
                    About the author, who writes here.\n\nCopyright © 2024\n";
        let read = body_text(page);
        assert_eq!(read.heading.as_deref(), Some("How we review"));
        assert_eq!(read.text, "The article begins here.\n\nIt ends here.");
        // 2 blocks of header and sidebar; the comments' heading, the form's 4 fields and the
        // 2 blocks after it.
        assert_eq!((read.left_out.furniture, read.left_out.headings), (9, 0));
        assert!(
            read.left_out
                .warning()
                .unwrap()
                .contains("9 blocks of header")
        );
        // One line ending in a starred word is a sentence, not a form.
        let one = body_text("A claim, with a footnote *\n\nAnd more text.\n");
        assert_eq!(one.text, "A claim, with a footnote *\n\nAnd more text.");
        assert_eq!(one.left_out.furniture, 0);
    }

    #[test]
    fn markdown_is_told_from_plain_text() {
        assert!(front_matter("---\ntitle: x\n---\nbody").is_some());
        assert!(has_markup(
            "## Heading\n\nSee [this](https://example.org).\n"
        ));
        assert!(!has_markup("A post 1/\n\nAnother * with a star 2/\n"));
        assert!(!has_markup("Thread 🧵\n---\nfirst\n"));
        // Written with reference links under an underlined title.
        let text = "On care\n=====\nAs [the review][1] said.\n\n[1]: https://example.org/r\n";
        assert!(has_markup(text));
        assert!(!has_markup("Cited twice [1][2].\n\nA plain note.\n"));
    }
}
