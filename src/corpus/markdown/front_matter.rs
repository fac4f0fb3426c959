//! The front matter web clippers write above a page: a `---` line, `key: value` lines, a
//! `---` line; what it says about the page (its title, address, date and author).

use regex::Regex;
use std::sync::LazyLock;

/// What a clipper's front matter says about the page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// The page's title.
    pub title: Option<String>,
    /// The page's address (`source:` or `url:`).
    pub source: Option<String>,
    /// When the page was published (`published:` or `date:`), not when it was clipped.
    pub published: Option<String>,
    /// The author as the clipper wrote it, wiki-link brackets taken off (`[[@ann]]`).
    pub author: Option<String>,
    /// The author's handle, where a field of its own gives it (`handle: "@ann"`).
    pub handle: Option<String>,
    /// The site's or feed's name, where `source:` names it instead of giving an address
    /// (`source: Ann Example`, as feed-to-Markdown tools write it).
    pub site: Option<String>,
}

impl FrontMatter {
    /// The handle whose post the page's address is, if it is a post's address.
    pub fn status_handle(&self) -> Option<&str> {
        status_handle(self.source.as_deref()?)
    }

    /// The site's name, when it is a person's name and the one its address spells (`Ann
    /// Example` at `ann-example.com` or `www.annexample.co.uk`): the site is its owner's
    /// own. A publication's ("Medium", "The Verge") names no author.
    pub fn site_owner(&self) -> Option<&str> {
        let site = self.site.as_deref()?;
        let publication = ["The ", "A ", "An "].iter().any(|a| site.starts_with(a));
        if publication || !crate::corpus::article::looks_like_name(site) {
            return None;
        }
        let address = self.source.as_deref()?;
        let host = address.split_once("://").map_or(address, |(_, rest)| rest);
        let host = host.split(['/', '?', '#', ':']).next()?;
        let host = host.strip_prefix("www.").unwrap_or(host);
        let (name, _domain) = host.split_once('.')?;
        let letters = |s: &str| -> String {
            (s.chars().filter(|c| c.is_alphanumeric()))
                .flat_map(char::to_lowercase)
                .collect()
        };
        let spelled = letters(name);
        (!spelled.is_empty() && spelled == letters(site)).then_some(site)
    }
}

/// Whether a front matter value is an address (`https://…`, `example.org/page`), not a name.
fn is_address(value: &str) -> bool {
    !value.contains(char::is_whitespace) && (value.contains("://") || value.contains('.'))
}

/// The handle a post's address names (`https://x.com/ann/status/1…` → `ann`).
pub fn status_handle(url: &str) -> Option<&str> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let mut parts = path.split('/');
    let _host = parts.next()?;
    let handle = parts.next()?;
    let handle_like = !handle.is_empty() && handle.chars().all(|c| c.is_alphanumeric() || c == '_');
    (handle_like && parts.next() == Some("status")).then_some(handle)
}

/// Front matter: a `---` line, `key: value` lines, a `---` line, at the top of the page or
/// after a line of tags (`#reference`) that some clippers write first. Returns what it says
/// and the rest of the page, or `None` when the page has none.
pub fn front_matter(text: &str) -> Option<(FrontMatter, &str)> {
    let mut rest = text.trim_start_matches('\u{feff}');
    // Lines of tags only, before the front matter.
    loop {
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        let line = line.trim();
        let tags = !line.is_empty() && line.split_whitespace().all(|w| TAG.is_match(w));
        match line.is_empty() || tags {
            true if !after.is_empty() => rest = after,
            _ => break,
        }
    }
    let body = rest.strip_prefix("---")?.strip_prefix(['\n', '\r'])?;
    let (yaml, after) = closing_fence(body)?;
    // Front matter is keys and their values: a block of other lines between two rules is
    // the page's own text.
    static KEY_LINE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[A-Za-z_][\w\- ]{0,40}:(?:\s|$)").unwrap());
    let yaml_like =
        |l: &str| l.trim().is_empty() || l.starts_with([' ', '\t', '-']) || KEY_LINE.is_match(l);
    if !yaml.lines().all(yaml_like) {
        return None;
    }
    let mut matter = FrontMatter::default();
    let mut lines = yaml.lines().peekable();
    while let Some(line) = lines.next() {
        let Some((key, value)) = line.split_once(':').filter(|_| !line.starts_with(' ')) else {
            continue;
        };
        let mut value = unquote(value.trim());
        // A list below its key (`author:` then `  - "[[@ann]]"`): its first item.
        if value.is_empty() {
            while let Some(item) = lines.next_if(|l| l.starts_with([' ', '-'])) {
                let item = item.trim().trim_start_matches('-').trim();
                if value.is_empty() {
                    value = unquote(item);
                }
            }
        }
        let value = Some(value).filter(|v| !v.is_empty());
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "title" => &mut matter.title,
            "source" if !value.as_deref().is_some_and(is_address) => &mut matter.site,
            "source" | "url" | "link" => &mut matter.source,
            "published" | "date" => &mut matter.published,
            "author" | "authors" => &mut matter.author,
            "handle" | "username" => &mut matter.handle,
            _ => continue,
        };
        if slot.is_none() {
            *slot = value.map(|v| {
                v.trim_start_matches("[[")
                    .trim_end_matches("]]")
                    .to_string()
            });
        }
    }
    Some((matter, after))
}

/// A tag as clippers write them on a line of their own: `#word`.
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^#[\p{L}\p{N}_/-]+$").unwrap());

/// The YAML before the closing `---` (or `...`) line, and the text after that line.
fn closing_fence(body: &str) -> Option<(&str, &str)> {
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return Some((&body[..at], &body[at + line.len()..]));
        }
        at += line.len();
    }
    None
}

/// `value` without the quotes around it, its quoting escapes read as YAML reads them: `\"`
/// and `\\` in double quotes, `''` in single ones (others are left as written).
fn unquote(value: &str) -> String {
    let quoted = |quote: char| value.strip_prefix(quote)?.strip_suffix(quote);
    if let Some(inner) = quoted('"') {
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek()) {
                ('\\', Some(&next @ ('"' | '\\'))) => {
                    out.push(next);
                    chars.next();
                }
                _ => out.push(c),
            }
        }
        return out;
    }
    match quoted('\'') {
        Some(inner) => inner.replace("''", "'"),
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_says_address_date_title_and_author() {
        let page = "#clipped #later\n\n---\ntitle: \"A thread by @ann\"\nsource: \"https://example.org/ann/1\"\nauthor:\n  - \"[[@ann]]\"\npublished: 2024-05-01\ncreated: 2024-05-03\ntags:\n  - \"clippings\"\n---\nBody.\n";
        let (matter, rest) = front_matter(page).unwrap();
        assert_eq!(matter.title.as_deref(), Some("A thread by @ann"));
        assert_eq!(matter.source.as_deref(), Some("https://example.org/ann/1"));
        assert_eq!(matter.author.as_deref(), Some("@ann"));
        assert_eq!(matter.published.as_deref(), Some("2024-05-01"));
        assert_eq!(rest, "Body.\n");
        // A feed-to-Markdown tool's `source:` names the site; `url:` is the address.
        let feed = "---\ntitle: OpenRecall\nsource: Ann Example\nurl: https://www.ann-example.com/openrecall/?utm_source=rss\n---\nBody.\n";
        let (matter, _) = front_matter(feed).unwrap();
        assert_eq!(matter.site.as_deref(), Some("Ann Example"));
        assert_eq!(
            matter.source.as_deref(),
            Some("https://www.ann-example.com/openrecall/?utm_source=rss")
        );
        assert_eq!(matter.site_owner(), Some("Ann Example"));
        // A site whose name is not what its address spells is no one's own.
        let news = feed.replace("Ann Example", "Care News · 2026-10-09");
        assert_eq!(front_matter(&news).unwrap().0.site_owner(), None);
        // A publication is no author, though its address spells it.
        for (site, host) in [("Medium", "medium.com"), ("The Verge", "theverge.com")] {
            let page = feed
                .replace("Ann Example", site)
                .replace("www.ann-example.com", host);
            assert_eq!(front_matter(&page).unwrap().0.site_owner(), None, "{site}");
        }
        let elsewhere = feed.replace("ann-example.com", "example.org");
        assert_eq!(front_matter(&elsewhere).unwrap().0.site_owner(), None);
        let national = feed.replace("www.ann-example.com", "annexample.co.uk");
        let national = front_matter(&national).unwrap().0;
        assert_eq!(national.site_owner(), Some("Ann Example"));
        // Quoting escapes are read as YAML reads them.
        let escaped =
            "---\ntitle: \"Ann on X: \\\"Kinship\\\" \\\\ more\"\nauthor: 'Ann''s'\n---\n";
        let (matter, _) = front_matter(escaped).unwrap();
        assert_eq!(
            matter.title.as_deref(),
            Some("Ann on X: \"Kinship\" \\ more")
        );
        assert_eq!(matter.author.as_deref(), Some("Ann's"));
        assert!(front_matter("Just text.\n---\nkey: value\n---\n").is_none());
        assert!(front_matter("---\nnever closed\n").is_none());
        assert!(front_matter("---\n1/ A post.\nkey: value\n---\n2/ Another.\n").is_none());
    }
}
