//! Who wrote a saved page, where its opening lines say so: a metadata line (`Author: Ann`,
//! `+ Author: Ann`, `[#]: author: (Ann https://…)`, `By Ann`), a link to the author's
//! profile opening a line (`## [Ann](https://x.com/ann): the title`), or a name with its
//! handle (`Ann ([@ann](https://x.com/ann)) - May 1`); and the title X gives a post's page
//! (`Ann on X: "…"`, `X 上的 Ann："…"`).

use super::Author;
use regex::Regex;
use std::sync::LazyLock;

/// How many non-blank lines at the top of a page may hold its byline.
const BYLINE_LINES: usize = 12;

/// `Author: …`, `+ Author: …`, `[#]: author: (…)`, `Written by …`, `By …`.
static AUTHOR_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-+*]\s+)?(?:\[#\]:\s*)?(?P<key>(?i:author|written by|posted by|by))\s*:?\s+(?P<value>\S.*)$")
        .unwrap()
});

/// The line a blog sets above its post, "Posted on May 3, 2024 by Ann Example", in the
/// languages of most pages saved: the date, then who wrote it.
static POSTED_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:posted on|published on|publicado el|publié le|pubblicato il|veröffentlicht am|geplaatst op|publicado em)\s+(?P<date>.+?)\s+(?i:by|por|par|da|von|door)\s+(?P<name>\S.*)$")
        .unwrap()
});

/// A Markdown link to a profile on X or Twitter: `[Ann](https://x.com/ann)`.
static PROFILE_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[(?P<name>[^\]]+)\]\(https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(?P<handle>\w{1,15})/?\)")
        .unwrap()
});

/// The title X gives a post's page, in English or Chinese.
static X_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^(?:(?P<name>[^:：]{1,60}?) on (?:X|Twitter)\s*:\s*["“]|X 上的 (?P<zh>[^:：]{1,60}?)\s*[:：]\s*["“])"#)
        .unwrap()
});

/// A page's byline: who it names, the date it gives, where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Byline {
    pub author: Author,
    /// The date the line gives with the name ("Posted on May 3, 2024 by Ann").
    pub date: Option<String>,
    /// The index of its line.
    pub at: usize,
    /// Whether the line says nothing else (an `Author:` line), and is furniture.
    pub furniture: bool,
}

/// The byline among the first lines of `text`.
pub fn find(text: &str) -> Option<Byline> {
    let found = |author: Author, at: usize, furniture: bool| Byline {
        author,
        date: None,
        at,
        furniture,
    };
    // A quote's lines are someone else's words (an embedded post's signature names its
    // author, not the page's).
    let lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('>'));
    for (at, line) in lines.take(BYLINE_LINES) {
        // A byline may be written as a heading ("### By [Ann](https://x.com/ann)").
        let line = line.trim().trim_start_matches('#').trim_start();
        if let Some(byline) = posted_on(line, at) {
            return Some(byline);
        }
        if let Some(c) = AUTHOR_LINE.captures(line) {
            // "By …" opens sentences too: there the words must be a name's.
            let sentence_like = !c["key"].eq_ignore_ascii_case("author");
            let author = named(&c["value"]).filter(|a| !sentence_like || capitalised(&a.name));
            if let Some(author) = author.or_else(|| with_role(&c["value"])) {
                return Some(found(author, at, true));
            }
        }
        let heading = line.trim_start_matches('#').trim_start();
        if let Some(link) = PROFILE_LINK
            .captures(heading)
            .filter(|c| c.get(0).unwrap().start() == 0)
        {
            let author = Author {
                name: link["name"].trim_start_matches('@').to_string(),
                handle: Some(link["handle"].to_string()),
            };
            return Some(found(author, at, false));
        }
        if let Some(author) = name_with_handle(line) {
            return Some(found(author, at, true));
        }
    }
    None
}

/// A blog's "Posted on May 3, 2024 by Ann Example" line at `at`, if `line` is one whose
/// date is a date and whose name is a name.
pub(super) fn posted_on(line: &str, at: usize) -> Option<Byline> {
    let caps = POSTED_ON.captures(line)?;
    let date = caps["date"].trim();
    let author = named(&caps["name"]).filter(|a| capitalised_name(&a.name))?;
    super::article::is_date(date).then(|| Byline {
        author,
        date: Some(date.to_string()),
        at,
        furniture: true,
    })
}

/// `Ann Example ([@ann](https://x.com/ann))`, perhaps followed by a date.
fn name_with_handle(line: &str) -> Option<Author> {
    let (name, rest) = line.split_once(" ([@")?;
    let link = PROFILE_LINK.captures(&line[name.len() + 2..])?;
    // The name as read: "**Ann Example** ([@ann](…))" is Ann Example's.
    let name = name.trim().trim_matches(['*', '_']).trim();
    let plain = !name.is_empty() && name.chars().count() <= 60 && !name.contains(['[', '(']);
    (plain && rest.contains("](")).then(|| Author {
        name: name.to_string(),
        handle: Some(link["handle"].to_string()),
    })
}

/// The author an `Author:` line's value names: a link's text (with the handle of a profile
/// link), or the words before any address, brackets taken off.
fn named(value: &str) -> Option<Author> {
    if let Some(link) = PROFILE_LINK.captures(value) {
        return Some(Author {
            name: link["name"].to_string(),
            handle: Some(link["handle"].to_string()),
        });
    }
    let value = value.trim().trim_start_matches('(').trim_end_matches(')');
    let value = value.trim_start_matches('[').split("](").next()?;
    let name: Vec<&str> = (value.split_whitespace())
        .take_while(|w| !w.contains("://"))
        .collect();
    let name = name.join(" ").trim_end_matches(['.', ',', ']']).to_string();
    let words = name.split_whitespace().count();
    // A name has no clause in it ("Tuesday, Everyone Agreed", "unknown, possibly several").
    let sentence = name.contains([',', ';', ':', '!', '?']);
    ((1..=5).contains(&words) && name.chars().count() <= 60 && !sentence)
        .then(|| Author::named(name))
}

/// A byline's name followed by the writer's role: "Ann Example, Health editor", "Ann Example
/// | Our correspondent in Leeds". The name is of two to four capitalised words.
fn with_role(value: &str) -> Option<Author> {
    // The name may be set in bold ("By **Ann Example** | 18 July 2024").
    let name = name_before_role(value)?.trim_matches(['*', '_']);
    let name = named(name).filter(|a| capitalised(&a.name))?;
    let words = name.name.split_whitespace().count();
    (2..=4).contains(&words).then_some(name)
}

/// What stands before the writer's role in a byline's words ("Ann Example" of "Ann Example,
/// Health editor"): the role is short, and no sentence.
pub(super) fn name_before_role(value: &str) -> Option<&str> {
    // At the first separator in the text: the role may name its paper after a comma.
    let (at, separator) = [", ", " | ", " – ", " — ", " - "]
        .iter()
        .filter_map(|sep| value.find(sep).map(|at| (at, sep.len())))
        .min()?;
    let (name, role) = (&value[..at], value[at + separator..].trim());
    let short = role.split_whitespace().count() <= 8 && role.chars().count() <= 60;
    // A role is written as a title ("Health editor") or ends in what writers are called
    // ("transport reporter"); "the shelves were empty" is a clause. The date may stand
    // there instead ("By Ann Example | 18 July 2024, 09:42").
    let dated = super::article::is_date(role);
    let role_word = (role.rsplit(' ').next()).is_some_and(|w| {
        let w = w.to_lowercase();
        ROLES.contains(&w.as_str()) || w.ends_with("writer")
    });
    let titled = dated || role_word || role.chars().next().is_some_and(char::is_uppercase);
    let sentence =
        !dated && (role.contains(['.', ';', ':', '!', '?']) || role.matches(',').count() > 1);
    (short && titled && !sentence).then_some(name.trim())
}

/// What a byline calls its writer after their name, written lower-case ("transport
/// reporter"), besides "…writer" ("staff writer").
const ROLES: [&str; 12] = [
    "reporter",
    "editor",
    "correspondent",
    "contributor",
    "critic",
    "producer",
    "analyst",
    "presenter",
    "columnist",
    "journalist",
    "economist",
    "specialist",
];

/// The small words inside names written lower-case ("Rachel de Souza", "Pieter van Dijk").
pub(super) const PARTICLES: [&str; 10] = [
    "de", "van", "von", "da", "di", "del", "la", "le", "bin", "al",
];

/// Whether `name` is written as a name: [`capitalised`], but for particles after its first
/// word ("Pieter de Vries").
pub(super) fn capitalised_name(name: &str) -> bool {
    let mut words = name.split_whitespace();
    words.next().is_some_and(capitalised) && words.all(|w| PARTICLES.contains(&w) || capitalised(w))
}

/// Whether every word of `name` starts with a capital (or a letter without case).
pub(super) fn capitalised(name: &str) -> bool {
    let starts = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| !c.is_lowercase() && c.is_alphabetic())
    };
    name.split_whitespace().all(starts)
}

/// The author a page's title names, where it is the title X gives a post's page.
pub fn from_x_title(title: &str) -> Option<String> {
    let caps = X_TITLE.captures(title.trim())?;
    let name = caps.name("name").or(caps.name("zh"))?.as_str().trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// A handle that is no X handle, after its "@": a fediverse account's ("ann@social.example")
/// or Bluesky's ("ann.bsky.social"), kept as those platforms' readers keep them. Written
/// before `\w+` where both may follow, so that it is tried first. (ASCII classes: Unicode
/// ones with counted repeats make patterns too large to build.)
pub(super) const DOMAIN_HANDLE: &str = r"[a-zA-Z0-9_]{1,30}@[a-zA-Z0-9-]{1,63}(?:\.[a-zA-Z0-9-]{1,63})+|[a-zA-Z0-9-]{1,63}(?:\.[a-zA-Z0-9-]{1,63})+";

/// Whether `handle` is no longer than a handle may be: X's are at most 15 characters; a
/// Bluesky or fediverse one ([`DOMAIN_HANDLE`]) is bounded by its pattern.
pub(super) fn handle_fits(handle: &str) -> bool {
    handle.contains('.') || handle.chars().count() <= super::entities::HANDLE_MAX
}

/// An unroller's title, naming whose thread it is: as a page's title, or on a line of its
/// own above the thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThreadTitle<'a> {
    /// The handle after its "@": X's, Bluesky's or a fediverse one.
    pub handle: &'a str,
    /// The date written after it ("Thread by @ann · Mar 3, 2024"), checked as one.
    pub date: Option<&'a str>,
    /// What follows "on": a site ("Thread Reader App") or a topic.
    pub on: Option<&'a str>,
}

impl ThreadTitle<'_> {
    /// Whether what follows "on", if anything, names where the thread was posted or
    /// unrolled ("Thread by @ann on Bluesky"): on a line of its own, a topic may run on
    /// into a sentence ("on ash dieback is worth reading").
    pub fn on_a_site(&self) -> bool {
        static SITE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^(?:thread\s*reader(?:\s*app)?|threadreaderapp\.com|twitter|x|threads|bluesky|mastodon)$").unwrap()
        });
        self.on.is_none_or(|on| SITE.is_match(on))
    }
}

/// Reads an unroller's title: "Thread by @ann", "A thread by @ann", "🧵 Thread by @ann:",
/// "Thread by @ann.", "Thread by @ann on Thread Reader App", "Thread by @ann · Mar 3, 2024",
/// "Thread by @ann (Mar 3, 2024)". What follows "on" is short (a site, or a topic: see
/// [`ThreadTitle::on_a_site`]); what follows a separator ("·", ",", a dash) or stands in
/// brackets must read as a date.
pub fn thread_title(line: &str) -> Option<ThreadTitle<'_>> {
    static THREAD_TITLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)^(?:🧵\s*)?(?:an?\s+)?thread\s+by\s+@(?P<handle>{DOMAIN_HANDLE}|\w{{1,15}})\s*(?:[:.]|\s+on\s+(?P<on>[^:]{{1,40}}?)[:.]?|[·•,—–]\s*(?P<date>.+)|\((?P<bracketed>[^()]+)\)[:.]?)?\s*$"
        ))
        .unwrap()
    });
    let caps = THREAD_TITLE.captures(line.trim())?;
    let handle = caps.name("handle")?.as_str();
    let date = caps.name("date").or(caps.name("bracketed"));
    let date = date.map(|d| d.as_str().trim());
    if date.is_some_and(|d| !super::article::is_date(d)) {
        return None;
    }
    let on = caps.name("on").map(|on| on.as_str());
    Some(ThreadTitle { handle, date, on })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unrollers_title_names_the_threads_handle() {
        let handle = |title| thread_title(title).map(|t| t.handle);
        assert_eq!(
            handle("Thread by @foster_net on Thread Reader App"),
            Some("foster_net")
        );
        assert_eq!(handle("Thread by @ann on threadreaderapp.com"), Some("ann"));
        let on = |title| thread_title(title).map(|t| t.on_a_site());
        assert_eq!(on("Thread by @ann on Thread Reader App."), Some(true));
        assert_eq!(on("Thread by @ann"), Some(true));
        assert_eq!(
            on("Thread by @ann on ash dieback is worth it."),
            Some(false)
        );
        for title in [
            "Thread by @ann",
            "A thread by @ann",
            "🧵 Thread by @ann:",
            "thread by @ann.",
            "Thread by @ann on the kinship review",
        ] {
            assert_eq!(handle(title), Some("ann"), "{title}");
        }
        let bluesky = handle("Thread by @ann.bsky.social on Bluesky");
        assert_eq!(bluesky, Some("ann.bsky.social"));
        let fediverse = handle("Thread by @ann@social.example");
        assert_eq!(fediverse, Some("ann@social.example"));
        // A date after a separator or in brackets is the thread's; anything else there is
        // no title.
        for title in [
            "Thread by @ann · Mar 3, 2024",
            "Thread by @ann (Mar 3, 2024)",
        ] {
            let read = thread_title(title);
            assert_eq!(read.and_then(|t| t.date), Some("Mar 3, 2024"), "{title}");
        }
        for title in [
            "Thread by @ann about fostering, and more",
            "Thread by @ann (and Bo)",
            "Thread by @ann, who knows",
            "Thread by @ann on why the council failed to act, and what it means for us",
            "A thread by Ann",
            "The thread by @ann",
            "Thread by @a_handle_longer_than_x_allows",
        ] {
            assert_eq!(thread_title(title), None, "{title}");
        }
    }

    fn author(text: &str) -> Option<(String, Option<String>)> {
        find(text).map(|b| (b.author.name, b.author.handle))
    }

    #[test]
    fn a_name_beside_its_linked_handle_is_read_without_its_emphasis() {
        for line in [
            "Ann Example ([@ann](https://x.com/ann)) · Mar 4, 2024",
            "**Ann Example** ([@ann](https://x.com/ann)) · Mar 4, 2024",
            "_Ann Example_ ([@ann](https://x.com/ann))",
        ] {
            let found = author(&format!("{line}\n\nThe text."));
            let want = ("Ann Example".to_string(), Some("ann".to_string()));
            assert_eq!(found, Some(want), "{line}");
        }
    }

    #[test]
    fn a_blogs_posted_on_line_gives_who_and_when() {
        for (line, date) in [
            ("Posted on May 3, 2024 by Ann Example", "May 3, 2024"),
            (
                "Publicado el 18 febrero, 2024 por Ann Example",
                "18 febrero, 2024",
            ),
            ("Publié le 3 mai 2024 par Ann Example", "3 mai 2024"),
        ] {
            let byline = find(&format!("{line}\n\nText.\n")).expect(line);
            assert_eq!(byline.author.name, "Ann Example", "{line}");
            assert_eq!(byline.date.as_deref(), Some(date), "{line}");
            assert!(byline.furniture, "{line}");
        }
        // Not a date, or not a name: a sentence.
        assert_eq!(author("Posted on the wall by the door\n"), None);
        assert_eq!(
            author("Posted on May 3 by the council, which agreed.\n"),
            None
        );
    }

    #[test]
    fn metadata_lines_name_the_author() {
        let ann = Some(("Ann Example".to_string(), None));
        assert_eq!(
            author("# Title\n\n+ Source: Site\n+ Author: Ann Example\n"),
            ann
        );
        assert_eq!(
            author("[#]: author: (Ann Example https://example.org/ann)\n"),
            ann
        );
        assert_eq!(author("By Ann Example\n\nText.\n"), ann);
        // With the writer's role after the name.
        for line in [
            "By Ann Example, Health editor",
            "By Ann Example | Our correspondent in Leeds",
            "By Ann Example - Reporter",
        ] {
            let found = find(&format!("# Title\n\n{line}\n\nText.\n"));
            let b = found.unwrap_or_else(|| panic!("{line}"));
            assert_eq!(
                (b.author.name.as_str(), b.at, b.furniture),
                ("Ann Example", 2, true),
                "{line}"
            );
        }
        for line in [
            "By Ann Example - Reporter, Leeds",
            "By Ann Example, Health editor, BBC News",
            "By Ann Example | 18 July 2024, 09:42",
            "By **Ann Example** | 18 July 2024",
        ] {
            assert_eq!(
                find(line).map(|b| b.author.name),
                Some("Ann Example".into())
            );
        }
        for line in [
            "By Monday, the council will vote.",
            "By Ann Example, who said so. Then more",
            "By Christmas Eve, the shelves were empty",
            "By Christmas Eve, December 24, the shelves were bare.",
        ] {
            assert_eq!(author(&format!("{line}\n")), None, "{line}");
        }
        assert_eq!(
            author("# Title\n### By [Ann Example](https://mobile.twitter.com/ann_ex)\n"),
            Some(("Ann Example".to_string(), Some("ann_ex".to_string())))
        );
        assert_eq!(
            author("Author: [Ann Example](https://twitter.com/ann_ex)  \n"),
            Some(("Ann Example".to_string(), Some("ann_ex".to_string())))
        );
        assert_eq!(
            find("+ Author: Ann Example").map(|b| b.furniture),
            Some(true)
        );
    }

    #[test]
    fn a_profile_link_or_a_name_with_its_handle_names_the_author() {
        let ann = Some(("Ann Example".to_string(), Some("ann_ex".to_string())));
        assert_eq!(
            author("## [Ann Example](https://twitter.com/ann_ex): [A thread](https://x.com/a)\n"),
            ann
        );
        assert_eq!(
            author("Ann Example ([@ann_ex](https://twitter.com/ann_ex)) - October 24, 2021\n"),
            ann
        );
    }

    #[test]
    fn prose_is_no_byline() {
        assert_eq!(
            author("By the end of the year, the review had reported.\n"),
            None
        );
        assert_eq!(author("By 2025 we will be there.\n"), None);
        assert_eq!(author("By Tuesday, Everyone Agreed.\n"), None);
        assert_eq!(author("Author: unknown, possibly several people\n"), None);
        assert_eq!(author("Thanks to [Bo](https://x.com/bo) for this.\n"), None);
        assert_eq!(
            author("The author: a person of many words and opinions, at length.\n"),
            None
        );
    }

    #[test]
    fn the_title_x_gives_a_post_names_its_author() {
        assert_eq!(
            from_x_title("Ann Example on X: \"A thread\" / X").as_deref(),
            Some("Ann Example")
        );
        assert_eq!(
            from_x_title("X 上的 Ann Example：“A thread” / X").as_deref(),
            Some("Ann Example")
        );
        assert_eq!(from_x_title("A thread on care"), None);
    }
}
