//! The readable text of HTML, as a browser would lay it out in plain text: paragraphs
//! apart by a blank line, `<br>` a line break, runs of white space one space, tags gone and
//! entities decoded (by html5ever, through `scraper`).

use crate::corpus::markdown::Embed;
use ego_tree::iter::Edge;
use scraper::node::Node;
use scraper::{ElementRef, Html};

/// Elements whose end closes a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "table",
    "tr",
];

/// Elements whose content is never text to read.
const HIDDEN: &[&str] = &["script", "style", "noscript", "template", "head", "title"];

/// Elements that lay a page out around what it says: its navigation and sidebars.
const LAYOUT: &[&str] = &["nav", "aside"];

/// Classes that themes and site builders (WordPress, VuePress, Jekyll, Bootstrap) give the
/// same: links to the previous and next pages, the site's menu bar, sidebars, breadcrumbs.
const LAYOUT_CLASSES: &[&str] = &[
    "page-nav",
    "pagination",
    "post-navigation",
    "nav-links",
    "navbar",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    // The comments under a post, the form to add one, its sharing buttons and the links to
    // related posts (WordPress and its plugins).
    "comments-area",
    "comment-list",
    "comment-respond",
    "sharedaddy",
    "share-buttons",
    "jp-relatedposts",
    "related-posts",
    // News sites' boxes around an article: its sharing buttons, the newsletter's sign-up,
    // the links to related articles. (Not "newsletter" or "related" alone: WordPress gives
    // a post its type as a class, `<article class="post-12 newsletter …">`.)
    "social-share",
    "newsletter-signup",
    "related-articles",
];

/// Ids that themes give the same: the comments under a post and the form to add one.
const LAYOUT_IDS: &[&str] = &["comments", "respond"];

/// Nodes the parser may make for each byte of HTML, and at least. A tag takes three bytes
/// at the least, so real HTML makes fewer nodes than it has bytes; but the parser copies
/// formatting elements that are left open into each new paragraph, and HTML made to
/// exploit that (`<p><b id=1></x><p><b id=2></x>…`) makes nodes with the square of its
/// size. Past the budget the rest of the HTML is not read, and the reader says so.
const NODES_PER_BYTE: usize = 1;
const NODES_AT_LEAST: usize = 10_000;
/// HTML is handed to the parser this much at a time, so the budget is checked as it goes.
const CHUNK: usize = 4096;

/// What HTML that was read gave: its text, its links, and whether it was cut short.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Read {
    pub text: String,
    pub links: Vec<String>,
    /// The parser's work passed its budget: the text is that of the HTML before that point.
    pub cut_short: bool,
    /// Blocks of the page's layout left out: navigation, sidebars, what surrounds its main
    /// content.
    pub left_out: usize,
    /// Posts a page embeds (X's `<blockquote class="twitter-tweet">`), in order: read whole
    /// from their markup, never as the page's text.
    pub embeds: Vec<Embed>,
    /// What a whole page's head says of it.
    pub meta: PageMeta,
}

/// What a saved page's head says of it in its `<meta>` tags (Open Graph's, and those news
/// sites write for search engines), as a clipper's front matter does.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageMeta {
    /// `og:title`, else the `<title>` without the site's name after it.
    pub title: Option<String>,
    /// `author` (and the like), when it is a name, not an address.
    pub author: Option<String>,
    /// `article:published_time` (and the like), as written.
    pub published: Option<String>,
    /// `og:site_name`.
    pub site: Option<String>,
    /// Whether the page says it is an article (`og:type`), or gives an article's date.
    pub article: bool,
}

impl PageMeta {
    /// What the `<meta>` tags and `<title>` of `document` say.
    fn of(document: &Html) -> PageMeta {
        let metas = scraper::Selector::parse("head meta").expect("the selector is valid");
        let mut named: Vec<(String, String)> = Vec::new();
        for meta in document.select(&metas) {
            let element = meta.value();
            let key =
                (element.attr("property").or(element.attr("name"))).or(element.attr("itemprop"));
            if let (Some(key), Some(content)) = (key, element.attr("content")) {
                // Made safe as the page's text is: entities may decode to controls.
                let content = crate::corpus::sanitise::sanitise(content);
                let content = content.split_whitespace().collect::<Vec<_>>().join(" ");
                if !content.is_empty() {
                    named.push((key.to_ascii_lowercase(), content));
                }
            }
        }
        // The first value of these keys, in their order, that `fits`.
        let first_fitting = |keys: &[&str], fits: &dyn Fn(&str) -> bool| {
            (keys.iter()).find_map(|k| {
                (named.iter())
                    .find(|(key, value)| key == k && fits(value))
                    .map(|(_, v)| v.clone())
            })
        };
        let first = |keys: &[&str]| first_fitting(keys, &|_| true);
        let site = first(&["og:site_name"]);
        let title = first(&["og:title", "twitter:title"]).or_else(|| {
            let title = scraper::Selector::parse("head title").expect("the selector is valid");
            let text: String = document.select(&title).next()?.text().collect();
            let text = crate::corpus::sanitise::sanitise(&text);
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            Some(without_site(&text, site.as_deref()).to_string()).filter(|t| !t.is_empty())
        });
        let author = first_fitting(AUTHOR_KEYS, &|a| !is_address(a)).map(|a| without_by(&a));
        let published = first_fitting(PUBLISHED_KEYS, &is_published_date);
        let article = published.is_some()
            || first(&["og:type"]).is_some_and(|t| t.eq_ignore_ascii_case("article"));
        PageMeta {
            title,
            author,
            published,
            site,
            article,
        }
    }
}

/// The `<meta>` names news sites give their writer by.
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
];

/// The `<meta>` names news sites give the date an article was published by.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "datepublished",
    "og:published_time",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date",
    "pubdate",
];

/// Whether a value is an address (a writer's page, "https://…", "/authors/ann",
/// "www.facebook.com/ann"), not a name.
fn is_address(value: &str) -> bool {
    value.contains('/') || value.starts_with("www.")
}

/// A writer's name without the "By" before it ("By Ann Example", "BY ANN EXAMPLE").
pub(crate) fn without_by(value: &str) -> String {
    let by = value
        .split_once(' ')
        .filter(|(by, _)| by.eq_ignore_ascii_case("by"));
    by.map_or(value, |(_, name)| name).trim().to_string()
}

/// A date as a page's head writes it: "2024-03-05", "2024-03-05T06:00:00Z", or as a page's
/// date line does ("5 March 2024").
fn is_published_date(value: &str) -> bool {
    let iso = value.len() <= 40
        && value.get(..10).is_some_and(|day| {
            let bytes = day.as_bytes();
            (bytes.iter().enumerate()).all(|(i, &b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            })
        });
    iso || crate::corpus::article::is_date(value)
}

/// A page's `<title>` without the site's name it ends with ("Ferries cut | The Harbour
/// Gazette"), when the page names its site.
fn without_site<'t>(title: &'t str, site: Option<&str>) -> &'t str {
    let Some(site) = site else {
        return title;
    };
    for separator in [" | ", " - ", " – ", " — ", " · "] {
        if let Some(rest) = title
            .strip_suffix(site)
            .and_then(|t| t.strip_suffix(separator))
        {
            return rest.trim();
        }
    }
    title
}

impl Read {
    /// What to say of HTML that was cut short.
    pub fn cut_short_problem(&self) -> Option<String> {
        self.cut_short.then(|| {
            "HTML cut short: its elements multiply as it is parsed (unclosed formatting \
             elements), past the work allowed for its size"
                .to_string()
        })
    }

    /// What to say of the page's layout left out, if any was.
    pub fn left_out_warning(&self) -> Option<String> {
        let n = self.left_out;
        (n > 0).then(|| {
            let blocks = if n == 1 { "block" } else { "blocks" };
            format!("left out as the page's layout: {n} {blocks} of navigation, sidebar, comments or site header and footer")
        })
    }
}

/// Parses `html` as a whole page or as a fragment (a post's content), within the budget.
fn parse(html: &str, fragment: bool) -> (Html, bool) {
    use html5ever::tendril::TendrilSink;
    let options = html5ever::ParseOpts::default();
    let mut parser = match fragment {
        false => html5ever::driver::parse_document(
            scraper::HtmlTreeSink::new(Html::new_document()),
            options,
        ),
        true => html5ever::driver::parse_fragment(
            scraper::HtmlTreeSink::new(Html::new_fragment()),
            options,
            html5ever::QualName::new(None, html5ever::ns!(html), html5ever::local_name!("body")),
            Vec::new(),
            false,
        ),
    };
    let budget = NODES_AT_LEAST.max(NODES_PER_BYTE * html.len());
    let mut rest = html;
    let mut cut_short = false;
    while !rest.is_empty() {
        let mut end = rest.len().min(CHUNK);
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        parser.process(rest[..end].into());
        rest = &rest[end..];
        let nodes = parser.tokenizer.sink.sink.0.borrow().tree.nodes().len();
        if nodes > budget && !rest.is_empty() {
            cut_short = true;
            break;
        }
    }
    (parser.finish(), cut_short)
}

/// How deeply elements may nest. The HTML parser's work grows with the square of the depth
/// of block elements (40,000 nested `<div>`s, 200 KB, take it seconds), so deeper HTML is
/// not parsed; real pages nest a few dozen deep.
pub const MAX_DEPTH: usize = 512;

/// Why HTML is not read.
pub fn too_deep(html: &str) -> Option<String> {
    let depth = nesting_depth(html);
    (depth > MAX_DEPTH).then(|| format!("HTML nested over {MAX_DEPTH} elements deep; not read"))
}

/// The text of a saved page: its body as [`fragment_text`] lays it out, without what a
/// browser does not show (head, scripts, styles) and what only lays the page out: where the
/// page marks its main content (`<main>`), only that, and never navigation or sidebars.
pub fn page_text(html: &str) -> Read {
    let (document, cut_short) = parse(html, false);
    let mut text = Text {
        page: true,
        ..Text::default()
    };
    let meta = PageMeta::of(&document);
    let main = scraper::Selector::parse("main, [role=main]").expect("the selector is valid");
    let Some(main) = document.select(&main).next() else {
        text.walk(document.root_element());
        return Read {
            meta,
            ..text.finish(cut_short)
        };
    };
    text.walk(main);
    // What stands around the main content is left out: said when it held any text.
    let mut whole = Text {
        page: true,
        measuring: true,
        ..Text::default()
    };
    whole.walk(document.root_element());
    let read = text.finish(cut_short);
    let around = whole.lines().len() > read.text.len();
    Read {
        left_out: read.left_out + usize::from(around),
        meta,
        ..read
    }
}

/// A link to a place in the page that only marks it: "#", "¶", "§" or "🔗" beside a
/// heading, or nothing.
fn is_permalink(node: ego_tree::NodeRef<Node>) -> bool {
    let Some(element) = ElementRef::wrap(node) else {
        return false;
    };
    let to_here = element.attr("href").is_some_and(|h| h.starts_with('#'));
    let words: String = element.text().collect();
    let mark = matches!(words.trim(), "" | "#" | "¶" | "§" | "🔗");
    element.value().name() == "a" && to_here && mark
}

/// Whether `text` is an HTML page: it opens with a tag, and a doctype or `<html>` comes
/// early (after any comment a browser writes when it saves a page).
pub fn is_page(text: &str) -> bool {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if !start.starts_with('<') {
        return false;
    }
    let mut end = start.len().min(4096);
    while !start.is_char_boundary(end) {
        end -= 1;
    }
    let head = start[..end].to_ascii_lowercase();
    head.contains("<!doctype html") || head.contains("<html")
}

/// Where a script's or style's raw text ends in `rest`: at its closing tag, in any case.
fn raw_text_end(rest: &[u8], name: &[u8]) -> usize {
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&rest[from..], b"</") {
        let tag = from + i + 2;
        if (rest.get(tag..tag + name.len())).is_some_and(|t| t.eq_ignore_ascii_case(name)) {
            return from + i;
        }
        from = tag;
    }
    rest.len()
}

/// The greatest number of elements open at once, estimated from the tags without parsing:
/// elements that close themselves or by implication (`<br>`, `<p>`, `<li>`…) are not
/// counted, comments and the insides of scripts and styles are skipped. A closing tag closes
/// the latest open element of its name and those opened after it, and nothing when none is
/// open (as the parser ignores it); `/>` closes an element only inside SVG or MathML (not
/// an HTML element placed there). Where in doubt it counts more, never less: the parser's
/// scope checks walk every open element. The count stops just past [`MAX_DEPTH`], so each
/// tag costs little.
fn nesting_depth(html: &str) -> usize {
    const UNCOUNTED: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th", "thead",
        "tbody", "tfoot", "colgroup", "caption", "html", "head", "body",
    ];
    let bytes = html.as_bytes();
    // Each open element's name, and whether it is SVG or MathML content.
    let mut open: Vec<(String, bool)> = Vec::new();
    let (mut deepest, mut at) = (0usize, 0usize);
    while let Some(i) = memchr::memchr(b'<', &bytes[at..]) {
        at += i + 1;
        let rest = &bytes[at..];
        if rest.starts_with(b"!--") {
            at += memchr::memmem::find(rest, b"-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = (rest[name_start..].iter())
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 {
            continue;
        }
        let name =
            String::from_utf8_lossy(&rest[name_start..name_start + name_len]).to_ascii_lowercase();
        if UNCOUNTED.contains(&name.as_str()) {
            continue;
        }
        let end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
        if closing {
            if let Some(at) = open.iter().rposition(|(n, _)| *n == name) {
                open.truncate(at);
            }
            continue;
        }
        let foreign = is_foreign(open.last(), &name);
        if foreign && rest[..end].ends_with(b"/") {
            continue;
        }
        if name == "script" || name == "style" {
            at += raw_text_end(rest, name.as_bytes());
        }
        open.push((name, foreign));
        deepest = deepest.max(open.len());
        if deepest > MAX_DEPTH {
            break;
        }
    }
    deepest
}

/// Elements of SVG and MathML inside which HTML is read again.
const INTEGRATION: &[&str] = &[
    "foreignobject",
    "desc",
    "title",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "annotation-xml",
];
/// HTML elements that end SVG or MathML content where they are opened.
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
    "font",
];

/// Whether an element `name` opened inside `parent` is SVG or MathML content, where `/>`
/// closes it: `<svg>` and `<math>` start such content, and it goes on inside them except in
/// their HTML integration points, and for the HTML elements that break out of it.
fn is_foreign(parent: Option<&(String, bool)>, name: &str) -> bool {
    let inside = parent.is_some_and(|(p, foreign)| *foreign && !INTEGRATION.contains(&p.as_str()));
    match inside {
        true => !BREAKOUT.contains(&name),
        false => name == "svg" || name == "math",
    }
}

/// The text of an HTML fragment (a post's content). Spans of class `invisible` are dropped
/// and spans of class `ellipsis` end with "…": how Mastodon shortens the links it shows.
/// Also the links' targets, in order, less those of mentions and hashtags
/// (`class="mention"`, `class="hashtag"`).
pub fn fragment_text(html: &str) -> Read {
    let (fragment, cut_short) = parse(html, true);
    let mut text = Text::default();
    text.walk(fragment.root_element());
    text.finish(cut_short)
}

#[derive(Default)]
struct Text {
    out: String,
    links: Vec<String>,
    /// Reading a whole page (not a post's content): its layout is left out.
    page: bool,
    left_out: usize,
    embeds: Vec<Embed>,
    /// Walking only to measure the page's text (what stands around its main content).
    measuring: bool,
}

impl Text {
    /// Walks `root` in document order, without recursion: pages can nest elements
    /// thousands deep.
    fn walk(&mut self, root: ElementRef) {
        // Inside a hidden element, how deep.
        let mut hidden = 0usize;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Element(_) if hidden > 0 => hidden += 1,
                    Node::Element(element) => {
                        let name = element.name();
                        let layout = self.page
                            && (LAYOUT.contains(&name)
                                || LAYOUT_CLASSES.iter().any(|c| element.has_class(c, CASE))
                                || element.id().is_some_and(|id| LAYOUT_IDS.contains(&id)));
                        let permalink = self.page && name == "a" && is_permalink(node);
                        // A post the page embeds is read whole from its markup: its
                        // paragraphs as the page's text would lose who wrote them.
                        let embedded = self.page
                            && name == "blockquote"
                            && element.has_class("twitter-tweet", CASE);
                        if HIDDEN.contains(&name)
                            || element.has_class("invisible", CASE)
                            || layout
                            || permalink
                        {
                            self.left_out += usize::from(layout);
                            hidden = 1;
                        } else if embedded {
                            // Only measuring what stands around the main content, the
                            // embed is not read: it is no text of the page either way.
                            if !self.measuring {
                                let html = ElementRef::wrap(node).map(|e| e.html());
                                self.embeds.extend(html.and_then(|h| Embed::from_html(&h)));
                            }
                            self.paragraph();
                            hidden = 1;
                        } else if name == "br" {
                            self.out.push('\n');
                        } else if name == "img"
                            && self.page
                            && element.attr("src").is_some_and(is_posted_picture)
                        {
                            // A post's picture is its "Image" line, as in the pages' text.
                            self.picture();
                        } else if (name == "hr" || is_unrolled_post(element))
                            && self.page
                            && !self.out.trim().is_empty()
                        {
                            // A rule sets posts apart where a page writes a thread out.
                            // (Never first: text opening with "---" reads as front matter.)
                            self.paragraph();
                            self.out.push_str("---");
                            self.paragraph();
                        } else if BLOCKS.contains(&name) {
                            self.paragraph();
                        }
                        let tag = element.has_class("mention", CASE)
                            || element.has_class("hashtag", CASE);
                        if name == "a" && hidden == 0 && !tag {
                            self.links.extend(element.attr("href").map(str::to_string));
                        }
                    }
                    Node::Text(text) if hidden == 0 => self.words(text),
                    _ => {}
                },
                Edge::Close(node) => match node.value() {
                    Node::Element(_) if hidden > 0 => hidden -= 1,
                    Node::Element(element) => {
                        if element.has_class("ellipsis", CASE) {
                            self.out.push('…');
                        }
                        if BLOCKS.contains(&element.name()) {
                            self.paragraph();
                        }
                    }
                    _ => {}
                },
            }
        }
    }

    /// Text as HTML lays it out: any run of white space is one space.
    fn words(&mut self, text: &str) {
        for (i, word) in text.split(char::is_whitespace).enumerate() {
            if i > 0 && !self.out.ends_with([' ', '\n']) && !self.out.is_empty() {
                self.out.push(' ');
            }
            self.out.push_str(word);
        }
    }

    /// The "Image" line of a picture, on a line of its own.
    fn picture(&mut self) {
        let trimmed = self.out.trim_end_matches(' ').len();
        self.out.truncate(trimmed);
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.out.push_str("Image\n");
    }

    /// Ends the paragraph so far with a blank line.
    fn paragraph(&mut self) {
        let trimmed = self.out.trim_end_matches([' ', '\n']).len();
        if trimmed > 0 {
            self.out.truncate(trimmed);
            self.out.push_str("\n\n");
        }
    }

    /// What was read: the text, each line trimmed, at most one blank line in a row.
    fn finish(self, cut_short: bool) -> Read {
        Read {
            text: self.lines(),
            links: self.links,
            cut_short,
            left_out: self.left_out,
            embeds: self.embeds,
            meta: PageMeta::default(),
        }
    }

    /// The text, each line trimmed, at most one blank line in a row.
    fn lines(&self) -> String {
        let mut lines: Vec<&str> = Vec::new();
        for line in self.out.lines().map(str::trim) {
            if !(line.is_empty() && lines.last().is_none_or(|l| l.is_empty())) {
                lines.push(line);
            }
        }
        while lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        lines.join("\n")
    }
}

const CASE: scraper::CaseSensitivity = scraper::CaseSensitivity::AsciiCaseInsensitive;

/// Whether `src` is a picture posted on X (`pbs.twimg.com/media/…`), not a profile's
/// picture or a card's.
fn is_posted_picture(src: &str) -> bool {
    src.contains("twimg.com/media/")
}

/// Whether `element` holds one post of an unroller's page: Thread Reader App gives each
/// its own `<div class="content-tweet" data-tweet="…">`. Set apart as a rule sets posts
/// apart, each is one post, whatever blocks (a link's card, pictures) it holds. (A
/// `data-tweet` alone marks a "click to tweet" quote inside a sentence too.)
fn is_unrolled_post(element: &scraper::node::Element) -> bool {
    element.name() == "div" && element.has_class("content-tweet", CASE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_breaks_entities_and_shortened_links() {
        let html = "<p>A thread on the <a href=\"https://mastodon.social/tags/CareReview\" \
                    class=\"mention hashtag\" rel=\"tag\">#<span>CareReview</span></a> &amp; \
                    more<br>next   line</p><p>Read: <a href=\"https://www.gov.uk/government/\
                    publications/final-report\"><span class=\"invisible\">https://www.</span>\
                    <span class=\"ellipsis\">gov.uk/government/publicat</span><span \
                    class=\"invisible\">ions/final-report</span></a> 2/</p>";
        let Read { text, links, .. } = fragment_text(html);
        assert_eq!(
            text,
            "A thread on the #CareReview & more\nnext line\n\nRead: gov.uk/government/publicat… 2/"
        );
        assert_eq!(
            links,
            ["https://www.gov.uk/government/publications/final-report"]
        );
    }

    #[test]
    fn deep_nesting_is_walked_without_recursion() {
        let html = format!(
            "{}deep{}",
            "<b><span>".repeat(2_000),
            "</span></b>".repeat(2_000)
        );
        assert_eq!(fragment_text(&html).text, "deep");
    }

    #[test]
    fn a_long_post_is_read_whole() {
        let long = format!("<p>{}</p><p>the end</p>", "word ".repeat(30_000));
        let read = fragment_text(&long);
        assert!(read.text.ends_with("word\n\nthe end"));
        assert!(!read.cut_short);
    }

    #[test]
    fn formatting_that_multiplies_is_cut_short_within_its_budget() {
        let bomb = |n: usize| {
            (0..n)
                .map(|i| format!("<p><b id={i}></x>"))
                .collect::<String>()
        };
        let read = fragment_text(&bomb(4_000));
        assert!(read.cut_short);
        assert!(
            read.cut_short_problem()
                .unwrap()
                .starts_with("HTML cut short")
        );
        // The nodes made stay within the budget and one chunk's overshoot.
        let (html, cut) = parse(&bomb(4_000), true);
        assert!(cut);
        assert!(
            html.tree.nodes().len() < 400_000,
            "{}",
            html.tree.nodes().len()
        );
        let page = page_text(&format!("<!doctype html><body>{}", bomb(4_000)));
        assert!(page.cut_short);
        assert!(!fragment_text(&bomb(20)).cut_short);
    }

    #[test]
    fn depth_counts_what_the_parser_keeps_open() {
        // A stray closing tag closes nothing; '/>' closes only in SVG and MathML.
        assert_eq!(nesting_depth(&"<b></x>".repeat(300)), 300);
        assert_eq!(nesting_depth(&"<div/>".repeat(300)), 300);
        assert!(too_deep(&"<div/>".repeat(100_000)).is_some());
        assert_eq!(
            nesting_depth(&format!("<svg>{}</svg>", "<path/>".repeat(600))),
            1
        );
        // Neither a self-closed <svg/> nor an HTML element inside SVG lets '/>' close a div.
        assert_eq!(
            nesting_depth(&format!("<svg/>{}", "<div/>".repeat(300))),
            300
        );
        assert_eq!(
            nesting_depth(&format!("<svg><p>{}", "<div/>".repeat(300))),
            301
        );
        let integration = format!("<svg><foreignObject>{}", "<div/>".repeat(300));
        assert_eq!(nesting_depth(&integration), 302);
        // Elements whose start tags scan every open element count, unclosed.
        assert!(too_deep(&"<rt>".repeat(600)).is_some());
        assert!(too_deep(&"<optgroup>".repeat(600)).is_some());
        assert_eq!(nesting_depth("<div><span></div><div>"), 2);
        assert_eq!(nesting_depth("<div><p>a<p>b<br/><img src=x></div>"), 1);
    }

    #[test]
    fn scripts_and_styles_are_not_text() {
        let read = fragment_text("<style>p{}</style><p>one</p><script>x()</script>two");
        assert_eq!(read.text, "one\n\ntwo");
    }

    #[test]
    fn a_page_is_its_main_content_without_navigation() {
        let html = "<!doctype html><body><header class=\"navbar\">My blog</header>\
            <aside><a href=\"/a\">Another thread</a></aside><main>\
            <h1 id=\"t\"><a href=\"#t\" class=\"header-anchor\">#</a> A thread</h1>\
            <p>One.</p><nav>Menu</nav><p>Two.</p>\
            <div class=\"page-nav\"><a href=\"/b\">Next thread →</a></div></main>\
            <footer>© me</footer></body>";
        let read = page_text(html);
        assert_eq!(read.text, "A thread\n\nOne.\n\nTwo.");
        assert_eq!(read.left_out, 3, "outside main, the nav, the page links");
        assert!(read.left_out_warning().unwrap().contains("3 blocks"));
        // Without a main element the whole body is read, less navigation and sidebars.
        let read =
            page_text("<!doctype html><body><nav>Menu</nav><p>One.</p><aside>Side</aside></body>");
        assert_eq!(read.text, "One.");
        // A post's content keeps all it holds.
        assert_eq!(fragment_text("<nav>a</nav><p>b</p>").text, "a\n\nb");
        // A link within the page with words is text; a page of its main content only
        // leaves nothing out.
        let html = "<!doctype html><body><main><h2><a class=\"heading-anchor\" href=\"#x\">What changes</a></h2>\
            <p>See <a href=\"#fn1\" class=\"footnote-anchor\">the note</a> below.</p></main></body>";
        let read = page_text(html);
        assert_eq!(read.text, "What changes\n\nSee the note below.");
        assert_eq!(read.left_out, 0);
    }

    #[test]
    fn a_rule_sets_posts_apart_and_comments_are_layout() {
        let html = "<!doctype html><body><main><h1>A thread</h1><p>One.</p><hr><p>Two.</p>\
            <div id=\"comments\"><h2>2 thoughts</h2><p>Jan says: thanks</p></div>\
            <div class=\"sharedaddy\">Share this:</div></main></body>";
        let read = page_text(html);
        assert_eq!(read.text, "A thread\n\nOne.\n\n---\n\nTwo.");
        assert_eq!(read.left_out, 2);
        // A rule above all text is nothing (a page opening "---" would read as front
        // matter), nor is one in a post's content.
        let read = page_text("<main><hr><p>Note: first posted on X.</p><hr><p>One.</p></main>");
        assert_eq!(read.text, "Note: first posted on X.\n\n---\n\nOne.");
        assert_eq!(fragment_text("<p>a</p><hr><p>b</p>").text, "a\n\nb");
    }

    #[test]
    fn a_news_sites_boxes_around_the_article_are_layout() {
        let html = "<main><article><h1>Care review</h1><div class=\"social-share\"><a href=\"#\">Share on X</a></div>\
            <p>The review is out.</p></article>\
            <section class=\"newsletter-signup\"><h2>Get the Morning Briefing</h2><p>Sign up today.</p></section>\
            <section class=\"related-articles\"><h2>Related</h2><ul><li><a href=\"/a\">Foster carers</a></li></ul></section></main>";
        let read = page_text(html);
        assert_eq!(read.text, "Care review\n\nThe review is out.");
        assert_eq!(read.left_out, 3);
        // A post whose type is "newsletter" is the page's text.
        let html = "<main><article class=\"post-12 newsletter type-newsletter\"><p>Issue 4.</p></article></main>";
        assert_eq!(page_text(html).text, "Issue 4.");
    }

    #[test]
    fn a_pages_head_gives_its_title_writer_and_date() {
        let head = |tags: &str| {
            page_text(&format!(
                "<html><head>{tags}</head><body><p>Text.</p></body></html>"
            ))
            .meta
        };
        let meta = head(
            "<title>Ferries cut | The Harbour Gazette</title>\
             <meta property=\"og:site_name\" content=\"The Harbour Gazette\">\
             <meta name=\"author\" content=\"  Ann   Example \">\
             <meta property=\"article:published_time\" content=\"2024-03-05T06:00:00Z\">",
        );
        assert_eq!(
            meta,
            PageMeta {
                title: Some("Ferries cut".into()),
                author: Some("Ann Example".into()),
                published: Some("2024-03-05T06:00:00Z".into()),
                site: Some("The Harbour Gazette".into()),
                article: true,
            }
        );
        // Open Graph's title before the page's; a writer's address is no name; "By" is
        // not the name's; an article may say so by its type alone.
        let meta = head(
            "<title>Ferries cut - Gazette</title><meta property=\"og:title\" content=\"Winter ferries cut\">\
             <meta property=\"article:author\" content=\"https://example.com/ann\">\
             <meta property=\"og:type\" content=\"article\">",
        );
        assert_eq!(meta.title.as_deref(), Some("Winter ferries cut"));
        assert_eq!(meta.author, None);
        assert!(meta.article);
        assert_eq!(
            head("<meta name=\"byl\" content=\"By Ann Example\">")
                .author
                .as_deref(),
            Some("Ann Example")
        );
        // An address is passed over for the next name the head gives.
        let meta = head(
            "<meta property=\"article:author\" content=\"www.facebook.com/annexample\">\
             <meta name=\"byl\" content=\"BY ANN EXAMPLE\">",
        );
        assert_eq!(meta.author.as_deref(), Some("ANN EXAMPLE"));
        // Without the site's name, a title keeps what follows a dash.
        assert_eq!(
            head("<title>Ferries - a winter of cuts</title>")
                .title
                .as_deref(),
            Some("Ferries - a winter of cuts")
        );
        assert_eq!(head("").title, None);
        // What is no date is none; controls are gone, as from the page's text.
        let meta = head(
            "<meta property=\"article:published_time\" content=\"soon\">\
             <meta name=\"author\" content=\"Ann &#27;[31mExample\">",
        );
        assert_eq!(meta.published, None);
        assert_eq!(meta.author.as_deref(), Some("Ann Example"));
        assert_eq!(head("<meta name=\"date\" content=\"5 March 2024\"><meta name=\"pubdate\" content=\"5 March 2024\">").published.as_deref(), Some("5 March 2024"));
        assert!(!head("<title>Notes</title>").article);
    }
}
