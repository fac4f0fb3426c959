//! Status pages clipped to Markdown (x.com and the like): every post opens with a header
//! line of its own, `**Name** @handle [date](address of the post)`. The posts by the thread's
//! author, from the first of theirs, are the thread; everything after the first post by
//! someone else is the conversation under it, kept in threads titled "Replies" (one per
//! author, as for Bluesky), never in the author's numbering. A header without a date link
//! is a promoted post, shaped like a reply but no part of the page: it is left out.

use super::markdown::{self, FrontMatter};
use super::{Author, Kind, Reading, Thread, copied, segment};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// `**Name** @handle [date](url)`, as clippers write it: the name may be a link to the
/// profile (`[**Name**](…)`), the handle too (`[@handle](…)`) or written with Markdown
/// escapes (`@\_a\_`), and a dot may stand before the date (`· [Jan 31](…)`).
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\[\*\*(?P<linked>[^*\]]+?)\*\*\]\([^)\s]*\)|\*\*(?P<name>[^*]+?)\*\*)\s+\[?@(?P<handle>(?:\\_|\w)+)(?:\]\([^)\s]*\))?(?:\s*[·•]?\s*\[(?P<date>[^\]]+)\]\((?P<url>[^)\s]+)\))?\s*$",
    )
    .unwrap()
});

/// The same header with the name a plain link, as clippers that keep no emphasis write it:
/// `[Name](profile) [@handle](profile) · [date](address of the post)`. Without the bold,
/// only the handle's link and the date's make it a header: both are required.
static LINKED_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\[(?P<name>[^\]\[*@]+)\]\([^)\s]*\)\s+\[@(?P<handle>(?:\\_|\w)+)\]\([^)\s]*\)\s*[·•]?\s*\[(?P<date>[^\]]+)\]\((?P<url>[^)\s]+)\)\s*$",
    )
    .unwrap()
});

/// The line X shows above a reply, "Replying to @ann" (and others): the page's, not the
/// reply's words.
static REPLYING_TO: LazyLock<Regex> = LazyLock::new(|| {
    // Handles, linked or not, then perhaps "and N others", joined by commas, "and", "&" or
    // spaces alone.
    let handle = r"\[?@(?:\\_|\w)+(?:\]\([^)\s]*\))?";
    let joint = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s+)";
    Regex::new(&format!(
        r"^Replying to\s+{handle}(?:{joint}(?:{handle}|\d+ others?))*\s*$"
    ))
    .unwrap()
});

/// Whether `line` is the line X shows above a reply ("Replying to @ann").
pub(super) fn is_replying_to(line: &str) -> bool {
    REPLYING_TO.is_match(line.trim())
}

/// A post's header.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Header {
    author: Author,
    date: Option<String>,
}

/// The header a line is, if it is one.
fn header(line: &str) -> Option<Header> {
    let line = line.trim();
    if !line.starts_with("**") && !line.starts_with('[') {
        return None;
    }
    let caps = match line.starts_with("**") || line.starts_with("[**") {
        true => HEADER.captures(line)?,
        // Without the bold, the date's link must be a date, or the post's address.
        false => LINKED_HEADER
            .captures(line)
            .filter(|c| super::article::is_date(&c["date"]) || c["url"].contains("/status/"))?,
    };
    let name = caps.name("name").or(caps.name("linked"))?;
    Some(Header {
        author: Author {
            name: name.as_str().trim().to_string(),
            handle: Some(caps["handle"].replace('\\', "")),
        },
        date: caps.name("date").map(|d| d.as_str().to_string()),
    })
}

/// Whether a Markdown body carries per-post headers.
pub fn has_headers(body: &str) -> bool {
    body.lines()
        .any(|l| header(l).is_some_and(|h| h.date.is_some()))
}

/// One post as the page has it: its header and its Markdown.
struct Clipped<'a> {
    header: Header,
    body: Vec<&'a str>,
}

/// Reads a clipped status page: `body` is the Markdown after the front matter.
pub fn read(body: &str, matter: &FrontMatter) -> Reading {
    let mut reading = Reading::new(Kind::Unroll);
    let mut posts: Vec<Clipped> = Vec::new();
    let (mut before, mut promoted, mut in_ad) = (0, 0, false);
    // x.com's column beside the thread ("Discover more", its posts from anywhere) ends it,
    // under the last post by the page's author (the first header's, or the address's).
    let lines: Vec<&str> = body.lines().collect();
    // Each line's header, read once.
    let headers: Vec<Option<Header>> = lines.iter().map(|l| header(l)).collect();
    let owner = (matter.status_handle().map(str::to_string))
        .or_else(|| headers.iter().flatten().next()?.author.handle.clone());
    let own = |h: &Option<Header>| {
        let handle = h.as_ref().and_then(|h| h.author.handle.as_deref());
        (owner.as_deref().zip(handle)).is_some_and(|(o, h)| o.eq_ignore_ascii_case(h))
    };
    let last_own = headers.iter().rposition(own);
    let column = last_own.and_then(|from| {
        (from..lines.len()).find(|&i| copied::is_column(lines[i].trim_start_matches('#')))
    });
    let end = column.unwrap_or(lines.len());
    for (line, header) in lines[..end].iter().zip(headers.iter().cloned()) {
        match header {
            Some(header) if header.date.is_none() => {
                promoted += 1;
                in_ad = true;
            }
            Some(header) => {
                in_ad = false;
                posts.push(Clipped {
                    header,
                    body: Vec::new(),
                })
            }
            None if in_ad => {}
            None => match posts.last_mut() {
                Some(post) => post.body.push(line),
                None => before += usize::from(!line.trim().is_empty()),
            },
        }
    }
    let talk = Conversation::of(&posts, |p| &p.header.author, matter.status_handle());
    if let Some(opening) = talk.thread.first() {
        reading.author = Some(opening.header.author.clone());
        reading.date = opening.header.date.clone();
    }
    let mut aside = Aside::default();
    let posts = (talk.thread.iter()).map(|p| post(p, &mut aside)).collect();
    let mut thread = Thread::new(posts, None);
    thread.author = reading.author.clone();
    reading.threads.push(thread);
    let replies = talk.reply_threads(|p| &p.header.author, |p| post(p, &mut aside));
    reading.threads.extend(replies);
    reading.warnings.extend(talk.moved());
    say_what_was_left_out(&mut reading, before, promoted);
    let beside = headers[end..].iter().flatten().count();
    if column.is_some() {
        let posts = crate::present::plural(beside, "post");
        (reading.warnings).push(format!(
            "the column beside the thread (\"Discover more\", \"Relevant people\"), with {posts}, left out"
        ));
    }
    let embedded = aside.embeds.into_iter().map(super::embedded_thread);
    reading.threads.extend(embedded);
    reading.warnings.extend(aside.left_out.warning());
    reading
}

/// What the posts' Markdown holds besides their text: posts embedded or quoted in them
/// (threads of their own), and the layout left out (said in a warning).
#[derive(Default)]
struct Aside {
    embeds: Vec<markdown::Embed>,
    left_out: markdown::LeftOut,
}

/// The posts of a status page, in the page's order, told apart by who wrote them: the
/// thread is the posts of the page's author from the first of theirs until someone else's;
/// everything else is the conversation under it.
pub(super) struct Conversation<'p, T> {
    /// The thread's posts.
    pub thread: &'p [T],
    /// The other posts, in the page's order: replies by others, and the author's answers.
    pub replies: Vec<&'p T>,
}

impl<'p, T> Conversation<'p, T> {
    /// The conversation of `posts`, each written by `author`. The page's author is the
    /// account of `owner` (the handle of the page's address) if a post names it, else the
    /// first post's.
    pub fn of(posts: &'p [T], author: impl Fn(&T) -> &Author, owner: Option<&str>) -> Self {
        let handle_of = |p: &T| author(p).handle.as_ref().map(|h| h.to_lowercase());
        let named = |h: &String| posts.iter().any(|p| handle_of(p).as_ref() == Some(h));
        let owner = (owner.map(str::to_lowercase))
            .filter(named)
            .or_else(|| posts.first().and_then(&handle_of));
        let is_owner = |p: &T| handle_of(p) == owner;
        let first = posts.iter().position(is_owner).unwrap_or(0);
        let end = first + posts[first..].iter().take_while(|p| is_owner(p)).count();
        Conversation {
            thread: &posts[first..end],
            replies: posts[..first].iter().chain(&posts[end..]).collect(),
        }
    }

    /// The replies as threads titled "Replies", one per author in the order they first
    /// replied, each post made by `post`.
    pub fn reply_threads(
        &self,
        author: impl Fn(&T) -> &Author,
        mut post: impl FnMut(&T) -> super::Post,
    ) -> Vec<Thread> {
        let mut threads: Vec<Thread> = Vec::new();
        let mut place: HashMap<&Author, usize> = HashMap::new();
        for &reply in &self.replies {
            let author = author(reply);
            let at = *place.entry(author).or_insert_with(|| {
                let mut thread = Thread::new(Vec::new(), None);
                thread.author = Some(author.clone());
                thread.title = Some("Replies".to_string());
                threads.push(thread);
                threads.len() - 1
            });
            threads[at].posts.push(post(reply));
        }
        threads
    }

    /// The warning that says the replies were moved, if there are any: nothing goes without
    /// a word.
    pub fn moved(&self) -> Option<String> {
        let replies = self.replies.len();
        let posts = if replies == 1 { "reply" } else { "replies" };
        (replies > 0).then(|| {
            format!(
                "{replies} {posts} by others (and the author's answers to them) moved to \
                 threads titled Replies"
            )
        })
    }
}

/// A clipped post as a post: its Markdown as the page text of a post, numbered as its
/// author wrote it, without the "Replying to @ann" above it; what else its Markdown holds
/// goes `aside`.
fn post(clipped: &Clipped, aside: &mut Aside) -> super::Post {
    let opening = clipped.body.iter().position(|l| !l.trim().is_empty());
    let replying = opening.filter(|&i| is_replying_to(clipped.body[i]));
    let lines: Vec<&str> = (clipped.body.iter().enumerate())
        .filter(|&(i, _)| Some(i) != replying)
        .map(|(_, l)| *l)
        .collect();
    let body = markdown::post_text(&without_counts(&lines).join("\n"));
    aside.embeds.extend(body.embeds);
    aside.left_out.add(body.left_out);
    let mut post = segment::single_post(&body.text);
    post.media |= body.text.contains("![");
    post
}

/// A clipped post's lines without the counts the page shows under it ("12 Reposts 40
/// Likes", written as links or not), as a copied status page's posts are read.
fn without_counts<'a>(lines: &'a [&'a str]) -> &'a [&'a str] {
    let plain: Vec<_> = lines.iter().map(|l| super::unroll::plain(l)).collect();
    let plain: Vec<&str> = plain.iter().map(|l| l.as_ref()).collect();
    &lines[..copied::without_footer(&plain).len()]
}

/// Warnings for what the reader left out, so that nothing goes without a word.
fn say_what_was_left_out(reading: &mut Reading, before: usize, promoted: usize) {
    if before > 0 {
        let before = crate::present::plural(before, "line");
        reading.warnings.push(format!(
            "{before} before the first post (notes added to the page) left out"
        ));
    }
    if promoted > 0 {
        let posts = if promoted == 1 { "post" } else { "posts" };
        reading.warnings.push(format!(
            "{promoted} promoted {posts} (a header without a date) left out"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Notes I added.\n\n**Ann Example** @ann\\_ex [2024-05-01](https://x.com/ann_ex/status/11)\n\nFirst post, with ![Image](https://example.org/p.jpg)\n\n---\n\n**Ann Example** @ann\\_ex [2024-05-01](https://x.com/ann_ex/status/12)\n\nSecond, see [the report](https://example.org/r).\n\n---\n\n**Bo** @bo [2024-05-02](https://x.com/bo/status/13)\n\nNice one @ann\\_ex\n\n**Shop** @shop\n\nBuy things.\n\n**Ann Example** @ann\\_ex [2024-05-02](https://x.com/ann_ex/status/14)\n\nThanks!\n";

    #[test]
    fn per_post_headers_give_posts_authors_and_replies() {
        let matter = FrontMatter {
            source: Some("https://x.com/ann_ex/status/11".into()),
            ..FrontMatter::default()
        };
        let mut reading = read(PAGE, &matter);
        crate::corpus::finish(&mut reading);
        let author = reading.author.clone().unwrap();
        assert_eq!(author.name, "Ann Example");
        assert_eq!(author.handle.as_deref(), Some("ann_ex"));
        assert_eq!(reading.date.as_deref(), Some("2024-05-01"));
        let texts: Vec<Vec<&str>> = (reading.threads.iter())
            .map(|t| t.posts.iter().map(|p| &*p.text).collect())
            .collect();
        assert_eq!(
            texts,
            [
                vec![
                    "First post, with",
                    "Second, see [the report](https://example.org/r)."
                ],
                vec!["Nice one @ann\\_ex"],
                vec!["Thanks!"],
            ]
        );
        let main = &reading.threads[0];
        assert!(main.posts[0].media);
        assert_eq!(&*main.posts[1].urls, [Box::from("https://example.org/r")]);
        assert_eq!(
            &*reading.threads[1].posts[0].mentions,
            [Box::from("ann_ex")]
        );
        assert_eq!(reading.threads[1].title.as_deref(), Some("Replies"));
        assert_eq!(reading.threads[2].author, reading.author);
        assert_eq!(reading.warnings.len(), 3, "{:?}", reading.warnings);
    }

    #[test]
    fn the_counts_under_a_clipped_post_are_the_pages() {
        let header = |n| {
            format!("**Ann Example** @ann_ex [2024-05-01](https://x.com/ann_ex/status/{n})\n\n")
        };
        let page = [
            "One.\n\n12 Reposts 40 Likes 3 Bookmarks\n\n",
            "Two. ![Image](https://example.org/p.jpg)\n\n[9 Reposts](https://x.com/ann_ex/status/2/retweets) [31 Likes](https://x.com/ann_ex/status/2/likes)\n\n",
            "Three, of 3\n\n3\n",
        ];
        let page: String = (page.iter().enumerate())
            .map(|(n, post)| header(n) + post)
            .collect();
        let reading = read(&page, &FrontMatter::default());
        let texts: Vec<&str> = reading.threads[0].posts.iter().map(|p| &*p.text).collect();
        // A number alone under a post may be its own: kept.
        assert_eq!(texts, ["One.", "Two.", "Three, of 3\n\n3"]);
    }

    #[test]
    fn header_variants_of_clippers_are_headers() {
        for line in [
            "**Ann Example** @ann\\_ex [2024-05-01](https://x.com/ann_ex/status/11)",
            "**Ann Example** @ann_ex · [May 1](https://x.com/ann_ex/status/11)",
            "[**Ann Example**](https://x.com/ann_ex) @ann_ex [2024-05-01](https://x.com/ann_ex/status/11)",
            "**Ann Example** [@ann_ex](https://x.com/ann_ex) [2024-05-01](https://x.com/ann_ex/status/11)",
            "[Ann Example](https://x.com/ann_ex) [@ann_ex](https://x.com/ann_ex) · [May 1](https://x.com/ann_ex/status/11)",
            "[Ann Example](https://x.com/ann_ex) [@ann\\_ex](https://x.com/ann_ex) [2024-05-01](https://x.com/ann_ex/status/11)",
        ] {
            let header = header(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(header.author.name, "Ann Example", "{line}");
            assert_eq!(header.author.handle.as_deref(), Some("ann_ex"), "{line}");
            assert!(header.date.is_some(), "{line}");
        }
        for line in [
            "**Bold words** and more",
            "[**Ann**](https://x.com/ann) said so",
            // Without the bold, a handle and a date that are not links make no header.
            "[Ann Example](https://x.com/ann_ex) @ann_ex · May 1",
            "[Ann Example](https://x.com/ann_ex) [@ann_ex](https://x.com/ann_ex)",
            "[the report](https://example.org) [@ann_ex](https://x.com/ann_ex) says [more](https://example.org/2)",
            // An author's links under an article: no date, no post's address.
            "[Ann Example](https://ann.example) [@ann_ex](https://x.com/ann_ex) · [Website](https://ann.example)",
        ] {
            assert_eq!(header(line), None, "{line}");
        }
    }

    #[test]
    fn the_column_ends_the_page_only_under_the_authors_last_post() {
        let header = |n| {
            format!("**Ann Example** @ann_ex [2024-05-01](https://x.com/ann_ex/status/{n})\n\n")
        };
        let page = format!(
            "## Discover more\n\nMy note.\n\n{}One. 1/3\n\n{}Who to follow\n\nThese three. 2/3\n\n{}Three. 3/3\n\nDiscover more\n\n**Bo** @bo [2024-05-02](https://x.com/bo/status/9)\n\nElsewhere.\n",
            header(1),
            header(2),
            header(3)
        );
        let reading = read(&page, &FrontMatter::default());
        let texts: Vec<&str> = reading.threads[0].posts.iter().map(|p| &*p.text).collect();
        assert_eq!(
            texts,
            [
                "One. 1/3",
                "Who to follow\n\nThese three. 2/3",
                "Three. 3/3"
            ]
        );
        assert_eq!(reading.threads.len(), 1, "{:?}", reading.threads);
        assert!(
            reading
                .warnings
                .iter()
                .any(|w| w.ends_with("with 1 post, left out"))
        );
    }

    #[test]
    fn replying_to_above_a_reply_is_the_pages_not_the_replys() {
        let page = "**Ann Example** @ann_ex [2024-05-01](https://x.com/ann_ex/status/11)\n\nRates are up.\n\n**Bo** @bo [2024-05-02](https://x.com/bo/status/13)\n\nReplying to @ann_ex and @cy\n\nBy how much, @ann_ex?\n\n**Cy** @cy [2024-05-02](https://x.com/cy/status/14)\n\nReplying to everyone: no.\n";
        let mut reading = read(page, &FrontMatter::default());
        crate::corpus::finish(&mut reading);
        let replies: Vec<(&str, Vec<&str>)> = (reading.threads[1..].iter())
            .map(|t| &t.posts[0])
            .map(|p| (&*p.text, p.mentions.iter().map(|m| &**m).collect()))
            .collect();
        assert_eq!(
            replies,
            [
                ("By how much, @ann_ex?", vec!["ann_ex"]),
                ("Replying to everyone: no.", vec![]),
            ]
        );
        for line in [
            "Replying to @ann_ex, @cy, and 2 others",
            "Replying to @ann_ex @bo",
            "Replying to [@ann\\_ex](https://x.com/ann_ex) and @bo",
            "Replying to @ann_ex & 1 other",
        ] {
            assert!(REPLYING_TO.is_match(line), "{line}");
        }
        assert!(!REPLYING_TO.is_match("Replying to @ann was a mistake"));
    }
}
