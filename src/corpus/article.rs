//! Prose: news articles, blog posts and plain text, read as numbered paragraphs.
//!
//! An article opens with a title, then a byline and/or a date line. A blog post (Wix and
//! similar) opens with furniture, a byline glued to a label ("Writer's pictureEmmet Regan"),
//! maybe a date, then the title. Plain text is paragraphs with a warning.

use super::segment::{self, join_lines};
use super::{Author, Kind, Post, Reading, Thread, chrome, numbering};
use regex::Regex;
use std::sync::LazyLock;

static WRITER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Writer(?:'|’)s picture\s*(?P<name>.*)$").unwrap());
/// "By", in the languages of most pages saved ("Par", "Von", "Por", "Door"), before a name.
static BY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:by|par|von|por|door)\s+(?P<name>.+)$").unwrap());
/// A month's name, in English, French, Spanish, Italian, German, Dutch or Portuguese (the
/// languages of most pages saved), or its usual short form.
static MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|Januar|Februar|März|Juni|Juli|Oktober|Dezember|januari|februari|maart|mei|augustus|oktober|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|janv|févr|avr|juil|déc|ene|abr|ago|dic|Mär|Okt|Dez|mrt)";
/// A time of day: "06.00", "17h32", "6:00 a.m.", "9am", then maybe its zone ("GMT",
/// "UTC+1").
static TIME: &str = r"(?:\d{1,2}[:.h]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.|uhr)?|\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.))(?:\s*(?:GMT|BST|UTC|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|AEST|AEDT|ET|PT)(?:[+-]\d{1,2}(?::?\d{2})?)?)?";
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:(?:last updated|updated|published|posted|publié le|mis à jour le|publicado el|actualizado el|pubblicato il|veröffentlicht am|aktualisiert am|gepubliceerd op):?\s*)?(?:{TIME},?\s+)?(?:[a-z]+,?\s+)?(?:{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th|\.|º|er)?\s+(?:de\s+)?{MONTH}\.?,?(?:\s+(?:de\s+)?\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}|\d{{4}}年\s*\d{{1,2}}月\s*\d{{1,2}}日(?:\s*[(（]\w[)）])?(?:\s*\d{{1,2}}時\d{{1,2}}分)?|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}})(?:[\s,•·]+(?:(?:à|at|a las|às|um|alle|om)\s+)?{TIME})?(?:[\s•·]+\d+ min read)?$"
    ))
    .unwrap()
});
/// "3 min read", as pages write it in several languages ("2 minuti per leggere
/// l'articolo", "5 min de lecture", "4 Minuten Lesezeit", "Lesezeit: 4 Min.").
static READ_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:reading time|temps de lecture|tempo di lettura|tiempo de lectura|tempo de leitura|lesezeit|leestijd)\s*:?\s*)?\d+\s*(?:min\.?|mins|minutes?|minuti|minutos|minuten)(?:\s+(?:read|reading|de lecture|di lettura|per leggere(?: l['’]articolo)?|de lectura|de leitura|lesezeit|leestijd))?$",
    )
    .unwrap()
});

/// True for a line giving only a reading time ("3 min read").
pub fn is_reading_time(line: &str) -> bool {
    let line = line.trim();
    line.chars().count() <= 60 && READ_TIME.is_match(line)
}

/// True for a line giving only a date ("Tuesday, November 9, 2021", "9 Nov 2021", "2021-11-09").
pub fn is_date(line: &str) -> bool {
    let line = line.trim();
    // Every form of [`DATE`] has a digit: most lines have none, and are no date at once.
    let digit = line.bytes().any(|b| b.is_ascii_digit());
    digit && line.chars().count() <= 60 && DATE.is_match(line)
}

/// The date a line gives when it gives only dates: the line, or the first of the dates it
/// sets apart with bars ("Published: 10:15, 5 March 2024 | Updated: 11:02, 5 March 2024").
fn date_of(line: &str) -> Option<&str> {
    let line = line.trim();
    if is_date(line) {
        return Some(line);
    }
    let mut parts = line.split('|').map(str::trim);
    let first = parts.next()?;
    let dated = line.contains('|') && is_date(first) && parts.all(is_date);
    dated.then_some(first)
}

/// True for a line that opens "By" (in the languages of [`BY`]) before a name.
pub fn is_by_line(line: &str) -> bool {
    BY.is_match(line.trim())
}

/// The writer a byline names: "By Ann Example", or a short name of capitalised words.
pub(super) fn byline(line: &str) -> Option<String> {
    let line = line.trim();
    let Some(by) = BY.captures(line) else {
        return looks_like_name(line).then(|| line.to_string());
    };
    let name = by["name"].trim();
    // "By Ann Example, Health editor": the writer's role may follow the name.
    let name = match looks_like_names(name) {
        true => name,
        false => super::byline::name_before_role(name).filter(|n| looks_like_names(n))?,
    };
    Some(name.to_string())
}

/// A writer's name, or the names of two to four writers joined as a byline joins them
/// ("Ann Example and Bo Li", "Ann Example & Bo Li", "Ann Example, Bo Li und Cy Dee").
fn looks_like_names(text: &str) -> bool {
    static JOINT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r",\s+(?:and\s+)?|\s+(?:and|&|und|et|y|e|en)\s+").unwrap());
    // Commas set names apart only in a list closed by a joining word ("A, B and C"): "Ann
    // Example, Health Editor" is a name and a role.
    static JOINED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s(?:and|&|und|et|y|e|en)\s").unwrap());
    if !JOINED.is_match(text) {
        return looks_like_name(text);
    }
    let names: Vec<&str> = JOINT.split(text).collect();
    match names.len() {
        1 => looks_like_name(text),
        n => n <= 4 && names.iter().all(|n| looks_like_name(n)),
    }
}

/// Two to four capitalised words, allowing name particles ("Rachel de Souza").
pub(super) fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && text.chars().count() <= 40
        && words.iter().all(|w| {
            super::byline::PARTICLES.contains(w)
                || (w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.')))
        })
}

/// The first lines of a page, with the indices of the non-blank ones.
fn leading<'a>(lines: &[&'a str], n: usize) -> Vec<(usize, &'a str)> {
    lines
        .iter()
        .map(|l| l.trim())
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .take(n)
        .collect()
}

struct Head {
    title: Option<String>,
    author: Option<Author>,
    date: Option<String>,
    body: usize,
    /// Lines above the title (the site's name, its menu), left out.
    above: usize,
    /// The line between the title and the byline that sums the article up (its
    /// standfirst): the article's first paragraph.
    standfirst: Option<usize>,
}

/// An article's head: the title line, then a byline and/or date line among the next three
/// (maybe under a standfirst); or the same under the site's name and/or its menu ("The
/// Harbour Gazette", "News | Health | Council"), two lines at most. A site's name over a
/// headline and a byline is read so before a title over its standfirst is.
fn article_head(lines: &[&str]) -> Option<Head> {
    under_site(lines, false).or_else(|| under_site(lines, true))
}

/// An article's head whose title is one of the page's first lines, the lines above it the
/// site's name (one) or menu; with a standfirst under the title when `standfirst` allows.
fn under_site(lines: &[&str], standfirst: bool) -> Option<Head> {
    let first = leading(lines, ABOVE_TITLE + 1);
    let mut masthead = false;
    for (above, &(title_at, title)) in first.iter().enumerate() {
        let head = (is_headline(title, above, standfirst))
            .then(|| head_from(lines, title_at, standfirst))
            .flatten();
        if let Some(mut head) = head {
            head.above = above;
            return Some(head);
        }
        // May the line tried as the title be above it instead?
        match (is_navigation(title), is_masthead(title)) {
            (true, _) => {}
            (false, true) if !masthead => masthead = true,
            _ => return None,
        }
    }
    None
}

/// Whether a line may be an article's title, `above` lines down the page: no sentence (a
/// standfirst may be one), and under the site's name no byline; over a standfirst, no menu
/// ("News | Health | Council" over a headline).
fn is_headline(line: &str, above: usize, standfirst: bool) -> bool {
    let sentence = line.ends_with(['.', '!']);
    let under_site = above > 0;
    !((sentence || is_by_line(line)) && (under_site || standfirst))
        && !(standfirst && is_navigation(line))
}

/// The most lines above an article's title left out as the site's.
const ABOVE_TITLE: usize = 2;

/// The longest line above an article's title taken for the site's name.
const MASTHEAD_CHARS: usize = 40;

/// A site's name (or the section's over the headline, "Social care"): short, and no
/// sentence. A short headline over its standfirst looks the same, and is read so.
fn is_masthead(line: &str) -> bool {
    line.chars().count() <= MASTHEAD_CHARS && !line.ends_with(['.', ':', '!', '?'])
}

/// A site's menu or the page's place in it ("News | Health | Council", "Home › News ›
/// Education"): two short names or more, set apart by bars or arrows.
fn is_navigation(line: &str) -> bool {
    let items: Vec<&str> = line.split(['|', '›', '»', '>']).map(str::trim).collect();
    let short = |item: &&str| {
        item.split_whitespace().count() <= 4
            && item.chars().count() <= 30
            && item
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
            && !item.ends_with(['.', ':', '!', '?', ','])
    };
    items.len() >= 2 && items.iter().all(short)
}

/// The longest line read as an article's standfirst.
const STANDFIRST_CHARS: usize = 300;

/// The most lines an article's head takes: its title, a standfirst, a byline, the date it
/// was published and the date it was updated.
const HEAD_LINES: usize = 5;

/// An article's head whose title is the first filled line from `from` on, with a
/// standfirst under it when `standfirst` allows one.
fn head_from(lines: &[&str], from: usize, standfirst: bool) -> Option<Head> {
    let first: Vec<(usize, &str)> = leading(&lines[from..], HEAD_LINES)
        .into_iter()
        .map(|(i, l)| (i + from, l))
        .collect();
    let (title_at, title) = *first.first()?;
    let mut head = Head {
        title: Some(title.to_string()),
        author: None,
        date: None,
        body: title_at + 1,
        above: 0,
        standfirst: None,
    };
    for k in 1..first.len() {
        if !take_head_line(&mut head, &first, k, standfirst) {
            break;
        }
        head.body = first[k].0 + 1;
    }
    (head.author.is_some() || head.date.is_some()).then_some(head)
}

/// Takes the `k`th of an article's first lines into its head, if it is one of the head's:
/// a date, a byline, both in one, a second date saying when the article was updated, or
/// the standfirst under the title.
fn take_head_line(head: &mut Head, first: &[(usize, &str)], k: usize, standfirst: bool) -> bool {
    let (i, line) = first[k];
    let unnamed = head.author.is_none() && head.date.is_none();
    let dated_below = first.get(k + 1).and_then(|&(_, l)| date_of(l)).is_some();
    if let Some(date) = date_of(line).filter(|_| head.date.is_none()) {
        head.date = Some(date.to_string());
    } else if head.date.is_some() && is_update_line(line) {
        // "Updated 5 March 2024, 15:40 GMT" under the date it was published.
    } else if unnamed && byline(line).is_some() {
        head.author = byline(line).map(Author::named);
    } else if let Some(name) = named_with_role(line).filter(|_| unnamed && dated_below) {
        // "Ann Example, health correspondent" over the date: a byline without "By".
        head.author = Some(Author::named(name));
    } else if let Some(name) = byline(line).filter(|_| is_by_line(line) && head.author.is_none()) {
        // "By Ann Example" under the date.
        head.author = Some(Author::named(name));
    } else if let Some(posted) = super::byline::posted_on(line, i).filter(|_| unnamed) {
        // "Posted on March 6, 2024 by Dee Mensah": a blog's date and writer in one.
        (head.author, head.date) = (Some(posted.author), posted.date);
    } else if let Some((name, date)) = name_and_date(line).filter(|_| unnamed) {
        (head.author, head.date) = (Some(Author::named(name)), Some(date.to_string()));
    } else if standfirst && k == 1 && opens_a_head(&first[2..]) && is_standfirst(line) {
        // A sentence summing the article up, between its title and its byline.
        head.standfirst = Some(i);
    } else {
        return false;
    }
    true
}

/// A date line saying when the article was last changed: "Updated 5 March 2024, 15:40
/// GMT", "Last updated: …", "Mis à jour le …".
fn is_update_line(line: &str) -> bool {
    static UPDATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:(?:last\s+)?(?:updated|modified)|mis à jour|actualizado|aggiornato|aktualisiert|bijgewerkt)\b").unwrap()
    });
    UPDATED.is_match(line) && date_of(line).is_some()
}

/// "Ann Example, health correspondent": a writer's name and role, without "By".
fn named_with_role(line: &str) -> Option<&str> {
    super::byline::name_before_role(line).filter(|name| looks_like_name(name))
}

/// Whether the lines under a standfirst open with an article's byline or date, as only
/// such lines do: a date, "By" and a name, or a name and role over a date.
fn opens_a_head(lines: &[(usize, &str)]) -> bool {
    let line = |k: usize| lines.get(k).map(|&(_, l)| l);
    let Some(first) = line(0) else {
        return false;
    };
    let named_over_date = named_with_role(first).is_some() && line(1).and_then(date_of).is_some();
    date_of(first).is_some() || (is_by_line(first) && byline(first).is_some()) || named_over_date
}

/// A standfirst: one sentence or two, of a few words and more.
fn is_standfirst(line: &str) -> bool {
    let words = line.split_whitespace().count();
    words >= 5 && line.chars().count() <= STANDFIRST_CHARS && !is_navigation(line)
}

/// "Raj Patel · 7 March 2024 · 3 min read": a writer's name, a date and the reading time on
/// one line, as Medium and Substack write a post's byline. (Without the reading time, "Local
/// News · 7 March 2024" would name a writer too.)
fn name_and_date(line: &str) -> Option<(&str, &str)> {
    let parts: Vec<&str> = line.split(['·', '•']).map(str::trim).collect();
    let [name, date, time] = parts[..] else {
        return None;
    };
    (looks_like_name(name) && is_date(date) && is_reading_time(time)).then_some((name, date))
}

/// True when the page opens like a news article.
pub fn has_article_head(lines: &[&str]) -> bool {
    article_head(lines).is_some_and(|h| {
        // Under a byline and a date, one paragraph is an article (a brief); under one of
        // them, a note's first lines could be a title and a name.
        let least = if h.author.is_some() && h.date.is_some() {
            1
        } else {
            2
        };
        lines[h.body..]
            .iter()
            .filter(|l| !l.trim().is_empty())
            .count()
            >= least
    })
}

/// True when the page carries a blog platform's byline.
pub fn has_blog_byline(lines: &[&str]) -> bool {
    leading(lines, 6).iter().any(|(_, l)| WRITER.is_match(l))
}

/// A blog post's head: byline ("Writer's picture" + name, on the same or the next line), then
/// date or reading-time lines, then the title.
fn blog_head(lines: &[&str]) -> Head {
    let mut head = Head {
        title: None,
        author: None,
        date: None,
        body: 0,
        above: 0,
        standfirst: None,
    };
    let mut rest = leading(lines, 8).into_iter().peekable();
    while let Some((i, line)) = rest.next() {
        head.body = i + 1;
        if let Some(c) = WRITER.captures(line) {
            let name = c["name"].trim().to_string();
            let name = match name.is_empty() {
                true => rest.next().map(|(j, l)| {
                    head.body = j + 1;
                    l.to_string()
                }),
                false => Some(name),
            };
            head.author = name.map(Author::named);
        } else if is_date(line) {
            head.date = Some(line.to_string());
        } else if !READ_TIME.is_match(line) {
            head.title = Some(line.to_string());
            break;
        }
    }
    head
}

/// How a text writes its paragraphs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Written {
    /// As saved from a page: a scrape may write one paragraph a line.
    #[default]
    Text,
    /// As Markdown: a paragraph's lines are one paragraph, however long.
    Markdown,
}

/// Reads an article, blog post or plain text into one thread of paragraphs.
pub fn read(text: &str, kind: Kind, written: Written) -> Reading {
    let mut lines = chrome::content_lines(text);
    chrome::strip_trailing_box(&mut lines);
    let mut reading = Reading::new(kind);
    let head = match kind {
        Kind::Blog => Some(blog_head(&lines)),
        Kind::Article => article_head(&lines),
        _ => None,
    };
    let mut body: Vec<&str> = Vec::new();
    match head {
        Some(head) => {
            reading.title = head.title;
            reading.author = head.author;
            reading.date = head.date;
            if head.above > 0 {
                let lines = crate::present::plural(head.above, "line");
                (reading.warnings).push(format!(
                    "{lines} above the title (the site's name or menu) left out"
                ));
            }
            if let Some(at) = head.standfirst {
                body.extend([lines[at], ""]);
            }
            body.extend(&lines[head.body..]);
        }
        None => {
            reading.warnings.push(NO_STRUCTURE.to_string());
            body = lines;
        }
    }
    // Threads the page writes out are threads of their own, the page's text around them,
    // each by whom the lines above it name as a thread's attribution does, else by the
    // page's writer.
    let mut written_out = Vec::new();
    let mut kept: Vec<&str> = Vec::with_capacity(body.len());
    let mut floor = 0;
    for run in written_out_threads(&body) {
        // The attribution stands below the thread before, never in it.
        let (taken, author) = attributed_above(&body[floor..], run.start - floor);
        // Unattributed, it is the writer's own where they say so above it ("Here is the
        // thread I posted:"); a thread the page only quotes is not theirs.
        let own = || first_person_above(&body[floor..run.start]);
        let author = author.or_else(|| reading.author.clone().filter(|_| own()));
        kept.extend(&body[floor..run.start - taken]);
        let mut thread = Thread::new(segment::posts(&body[run.clone()], None), None);
        thread.author = author;
        thread.title = Some(WRITTEN_OUT.to_string());
        written_out.push(thread);
        floor = run.end;
    }
    if !written_out.is_empty() {
        kept.extend(&body[floor..]);
        body = kept;
    }
    let (paragraphs, embeds) = take_signed_embeds(pictured_paragraphs(&body, written));
    let mut thread = Thread::new(paragraphs, None);
    thread.author = reading.author.clone();
    reading.threads.push(thread);
    reading.threads.extend(written_out);
    reading.threads.extend(embeds);
    reading
}

/// Whether the last two paragraphs of `above` speak in the first person ("I", "my").
fn first_person_above(above: &[&str]) -> bool {
    let filled: Vec<&str> = above
        .iter()
        .copied()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let last = &filled[filled.len().saturating_sub(2)..];
    last.iter().any(|line| {
        line.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .any(|w| matches!(w, "I" | "I'm" | "I’m" | "I've" | "I’ve" | "my" | "My"))
    })
}

/// Who the last lines of the paragraph right above line `at` name as a thread's
/// attribution does ("Tash Bello (@tash) · Mar 5, 2024", perhaps under a heading of the
/// page's): how many lines (with the blank ones below them) that takes, and whom.
fn attributed_above(body: &[&str], at: usize) -> (usize, Option<Author>) {
    let end = body[..at]
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(0, |i| i + 1);
    let start = body[..end]
        .iter()
        .rposition(|l| l.trim().is_empty())
        .map_or(0, |i| i + 1);
    let filled: Vec<&str> = body[start..end].iter().map(|l| l.trim()).collect();
    (1..=filled.len().min(3))
        .find_map(|k| super::unroll::thread_author(&filled[filled.len() - k..]).map(|a| (k, a)))
        .map_or((0, None), |(k, author)| (at - (end - k), Some(author)))
}

/// The title of a thread an article or blog post writes out among its paragraphs.
pub const WRITTEN_OUT: &str = "Thread";

/// Where an article writes out threads among its paragraphs, in order: paragraphs opening
/// "1/", "2/", … in order, from one, three or more, or two when the second counts two
/// ("2/2"), each run to the end of its last one's paragraph (or of the hashtags and
/// pictures under it). Markers inside one paragraph are a list of it, not posts.
fn written_out_threads(body: &[&str]) -> Vec<std::ops::Range<usize>> {
    let opening = |i: usize| {
        let starts = i == 0 || body[i - 1].trim().is_empty();
        let marker = numbering::leading(body[i]).filter(|m| m.label.contains('/'));
        marker.filter(|_| starts)
    };
    // Runs of markers counting up from one; a "1/" starts the next.
    let mut runs: Vec<Vec<(usize, numbering::Marker)>> = Vec::new();
    for i in 0..body.len() {
        let Some(marker) = opening(i) else { continue };
        match runs.last_mut() {
            Some(run) if marker.number as usize == run.len() + 1 => run.push((i, marker)),
            _ if marker.number == 1 => runs.push(vec![(i, marker)]),
            _ => {}
        }
    }
    // Posts each signed ("— Ann (@ann) May 3, 2024") are embedded posts, read as such.
    let signed = |run: &&Vec<(usize, numbering::Marker)>| {
        let (start, last) = (run[0].0, run[run.len() - 1].0);
        body[start..=last]
            .iter()
            .any(|l| l.trim_start().starts_with(['—', '–']) && l.contains("(@"))
    };
    runs.iter()
        .filter(|run| is_written_out(run) && !signed(run))
        .map(|run| {
            let (start, last) = (run[0].0, run[run.len() - 1].0);
            start..last + segment::last_paragraph_end(&body[last..])
        })
        .collect()
}

/// Whether a run of markers counting up from one numbers a thread: three or more, or two
/// when the second counts two; one count where any is given, none below its number ("1/3 of
/// councils", "2/3 of those", "3/4 of the money" are shares, not a thread).
fn is_written_out(run: &[(usize, numbering::Marker)]) -> bool {
    let Some((_, last)) = run.last() else {
        return false;
    };
    let enough = run.len() >= 3 || (run.len() == 2 && last.total == Some(2));
    let mut totals = run.iter().filter_map(|(_, m)| m.total);
    let one_total = totals
        .next()
        .is_none_or(|t| t >= last.number && totals.all(|u| u == t));
    enough && one_total
}

/// The posts embedded in a page whose markup is gone: a paragraph closed by its signature
/// ("— Ann (@ann) May 3, 2024", on its last line or as the next paragraph), or shown as a
/// post's card (name, handle, text, time), is a thread of its own, titled "Embedded post",
/// not a paragraph of the page.
fn take_signed_embeds(paragraphs: Vec<Post>) -> (Vec<Post>, Vec<Thread>) {
    let texts: Vec<&str> = paragraphs.iter().map(|p| &*p.text).collect();
    let mut cards = Vec::new();
    let mut at = 0;
    while at < texts.len() {
        match super::copied::card_at(&texts[at..]) {
            Some((taken, embed)) => {
                cards.push((at, taken, embed));
                at += taken;
            }
            None => at += 1,
        }
    }
    let mut cards = cards.into_iter().peekable();
    let mut kept: Vec<Post> = Vec::new();
    let mut embeds = Vec::new();
    let mut skip = 0;
    for (at, post) in paragraphs.into_iter().enumerate() {
        if let Some((_, taken, embed)) = cards.next_if(|&(start, _, _)| start == at) {
            embeds.push(super::embedded_thread(embed));
            skip = taken;
        }
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let alone = !post.text.contains('\n') && post.text.starts_with(['—', '–']);
        let signed_below = (kept.last()).filter(|_| alone).and_then(|above| {
            super::markdown::signed_embed(&format!("{}\n{}", above.text, post.text))
        });
        if let Some(embed) = signed_below {
            kept.pop();
            embeds.push(super::embedded_thread(embed));
        } else if let Some(embed) = super::markdown::signed_embed(&post.text) {
            embeds.push(super::embedded_thread(embed));
        } else {
            kept.push(post);
        }
    }
    (kept, embeds)
}

/// What follows the writer's name where a paragraph is about them: "Ann Example is our
/// health correspondent", "… writes about housing", "… has covered social care since 2010".
static ABOUT_THE_WRITER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^,?\s+(?:is|was|writes|wrote|covers|reports|runs|leads|works|lives|teaches|founded|has (?:been|written|covered|reported|worked)|joined)\b").unwrap()
});

/// Takes off an article's or a blog post's text the closing paragraph about its writer (a
/// news site's or a blog's bio, "**Ann Example** is our health correspondent. Follow her
/// …"), as the page's, not the article's; said. The writer is the one the page names.
pub(super) fn take_bio(reading: &mut Reading) {
    let name = reading.author.as_ref().map(|a| a.name.as_str());
    // A name of two words or more: "Ann is…" could open any sentence.
    let Some(name) = name.filter(|n| n.split_whitespace().count() >= 2) else {
        return;
    };
    let prose = matches!(reading.kind, Kind::Article | Kind::Blog);
    let Some(thread) = reading
        .threads
        .first_mut()
        .filter(|t| prose && t.posts.len() >= 2)
    else {
        return;
    };
    if thread.posts.last().is_some_and(|p| is_about(&p.text, name)) {
        thread.posts.pop();
        (reading.warnings).push("1 paragraph about the writer (their bio) left out".to_string());
    }
}

/// Whether `text` opens by saying who `name` is, their name marked up or not.
fn is_about(text: &str, name: &str) -> bool {
    let text = text.trim_start_matches(['*', '_']);
    (text.strip_prefix(name))
        .is_some_and(|rest| ABOUT_THE_WRITER.is_match(rest.trim_start_matches(['*', '_'])))
}

/// The warning for a text read as paragraphs because nothing else was recognised.
pub const NO_STRUCTURE: &str = "no thread structure recognised; read as paragraphs";

/// The paragraphs of prose as posts. A picture standing alone ("Image") is not a paragraph:
/// it goes with the paragraph after it (the last one's, at the end).
fn pictured_paragraphs(lines: &[&str], written: Written) -> Vec<Post> {
    let mut posts: Vec<Post> = Vec::new();
    let mut picture = false;
    for paragraph in paragraphs(lines, written) {
        let mut media = false;
        let lines: Vec<&str> = (paragraph.lines())
            .map(|l| {
                let (text, pictured) = segment::strip_media(l);
                media |= pictured;
                text
            })
            .collect();
        let text = join_lines(&lines);
        match text.is_empty() {
            true => picture |= media,
            false => {
                posts.push(Post::new(text, None, media || picture));
                picture = false;
            }
        }
    }
    if let Some(last) = posts.last_mut().filter(|_| picture) {
        last.media = true;
    }
    posts
}

/// Splits prose into paragraphs. Blank lines separate blocks. In saved text, a block with a
/// long line is a paragraph a line (scrapes write them so); otherwise, and always in
/// Markdown, the block is one (hard-wrapped text), and so is a quotation. A line repeated at
/// once is a duplicated caption and kept once; consecutive list items form one paragraph,
/// with the lead-in that introduces them ("Caveats:").
pub fn paragraphs(lines: &[&str], written: Written) -> Vec<String> {
    let mut paragraphs = Paragraphs {
        written,
        ..Paragraphs::default()
    };
    for block in blocks(lines) {
        let mut block: Vec<&str> = block.iter().map(|l| l.trim()).collect();
        block.dedup();
        paragraphs.references(&mut block);
        if block.is_empty() {
            continue;
        }
        // A quotation is one paragraph, however long its lines.
        let quotation = block.iter().all(|l| l.starts_with('>'));
        let long = block.iter().any(|l| l.chars().count() > 100);
        let scraped = written == Written::Text && long;
        let one_per_line = !quotation && (scraped || block.iter().all(|l| is_list_item(l)));
        match one_per_line {
            true => block.iter().for_each(|l| paragraphs.piece(l.to_string())),
            false => paragraphs.piece(join_lines(&block)),
        }
    }
    paragraphs.out
}

/// Paragraphs as they are made, and what the last one is.
#[derive(Default)]
struct Paragraphs {
    written: Written,
    out: Vec<String>,
    /// Whether the last piece was a list item.
    in_list: bool,
    /// The kind of lead-in the last paragraph is, while nothing but pictures follows it.
    lead_in: Option<LeadIn>,
    /// Where the items of a list begin in the last paragraph, when one sentence leads into
    /// them: they are its while they are short.
    list_at: Option<usize>,
    /// The reference numbers cited so far ("[3]").
    cited: std::collections::HashSet<String>,
}

/// A line that announces the list after it ("Key insights:"): it says nothing alone.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LeadIn {
    /// At most [`LEAD_IN_CHARS`]: its list goes with it, whatever its items.
    Short,
    /// One sentence, in Markdown: its list goes with it while its items are short.
    Sentence,
}

/// The longest short lead-in, and the longest item of a list a sentence leads into.
const LEAD_IN_CHARS: usize = 50;
const SHORT_ITEM_CHARS: usize = 100;

impl Paragraphs {
    /// A republished post's references ("[3] paper.pdf") head the block after it: they are
    /// the post's when it cites them, and the next post starts after them.
    fn references(&mut self, block: &mut Vec<&str>) {
        let Some(last) = self.out.last_mut() else {
            return;
        };
        let references = leading_references(block, &self.cited);
        for line in block.drain(..references) {
            last.push('\n');
            last.push_str(line);
        }
        if references > 0 {
            (self.in_list, self.lead_in, self.list_at) = (false, None, None);
        }
    }

    /// Adds a piece of text: to the last paragraph when it continues it (an item of its
    /// list, a picture under its lead-in), else as a paragraph of its own.
    fn piece(&mut self, piece: String) {
        self.cited
            .extend(CITATION.find_iter(&piece).map(|m| m.as_str().to_string()));
        let item = is_list_item(&piece);
        let picture = is_picture(&piece);
        let short = visible_chars(&piece) <= SHORT_ITEM_CHARS;
        let (lead_in, in_list) = (self.lead_in, self.in_list);
        match self.out.last_mut() {
            // A picture between a lead-in and its list goes with them.
            Some(last) if !in_list && (picture || item) && lead_in.is_some() => {
                if item && lead_in == Some(LeadIn::Sentence) && !short {
                    self.out.push(piece);
                    self.lead_in = None;
                } else {
                    if item && lead_in == Some(LeadIn::Sentence) {
                        self.list_at = Some(last.len());
                    }
                    last.push('\n');
                    last.push_str(&piece);
                    self.lead_in = lead_in.filter(|_| picture);
                }
            }
            // A long item of a list a sentence leads into: the list is paragraphs of its own.
            Some(last) if item && in_list && self.list_at.is_some() && !short => {
                let at = self.list_at.take().expect("asked");
                let items = last.split_off(at);
                let mut list = items.trim_start_matches('\n').to_string();
                list.push('\n');
                list.push_str(&piece);
                self.out.push(list);
            }
            Some(last) if item && in_list => {
                last.push('\n');
                last.push_str(&piece);
            }
            Some(last) if *last == piece => {}
            // A line of emoji or marks alone ("👇", "🧵") closes the paragraph before it.
            Some(last) if !piece.chars().any(char::is_alphanumeric) => {
                last.push('\n');
                last.push_str(&piece);
            }
            _ => {
                self.lead_in = lead_in_of(&piece, self.written);
                self.list_at = None;
                self.out.push(piece);
            }
        }
        self.in_list = item;
    }
}

/// The kind of lead-in `paragraph` is, if it is one: one line ending in a colon. In saved
/// text, where every line of a page may stand alone, only a short line is one; in Markdown,
/// where the writer set the list under it, any one sentence, or a paragraph whose last
/// sentence is short ("A straddle is a put and a call. In Panoptic:").
fn lead_in_of(paragraph: &str, written: Written) -> Option<LeadIn> {
    if !paragraph.ends_with(':') || paragraph.contains('\n') {
        return None;
    }
    let sentence =
        is_one_sentence(paragraph) || last_sentence(paragraph).chars().count() <= LEAD_IN_CHARS;
    match paragraph.chars().count() <= LEAD_IN_CHARS {
        true => Some(LeadIn::Short),
        false => (written == Written::Markdown && sentence).then_some(LeadIn::Sentence),
    }
}

/// The last sentence of `line`: from the capital that opens it after the last sentence end.
fn last_sentence(line: &str) -> &str {
    // The pattern's match ends with that capital, one byte.
    (SENTENCE_END.find_iter(line).last()).map_or(line, |m| &line[m.end() - 1..])
}

/// How many characters a reader sees of `piece`: a Markdown link's text, not its address.
fn visible_chars(piece: &str) -> usize {
    static LINK_TARGET: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\]\([^)\s]*\)").expect("valid"));
    match piece.contains("](") {
        true => LINK_TARGET.replace_all(piece, "]").chars().count(),
        false => piece.chars().count(),
    }
}

/// A reference number as a text cites it: "[3]".
static CITATION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[\d{1,3}\]").expect("valid"));

/// How many lines at the top of `block` are references to what the text cited before: a
/// bracketed number alone or before an address (`[3]`, `[3] [paper.pdf](https://…)`), and
/// pictures after one.
fn leading_references(block: &[&str], cited: &std::collections::HashSet<String>) -> usize {
    static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\[\d{1,3}\])\s*(?:$|\[[^\]]*\]\([^)\s]+\)|https?://)").expect("valid")
    });
    let is_cited = |line: &str| (REFERENCE.captures(line)).is_some_and(|c| cited.contains(&c[1]));
    match block.first().is_some_and(|l| is_cited(l)) {
        true => (block.iter())
            .take_while(|l| is_cited(l) || is_picture(l))
            .count(),
        false => 0,
    }
}

/// The blocks of prose: runs of lines between blank lines, each also ending after a picture
/// (a picture ends what it illustrates; what follows it is new).
fn blocks<'a, 'l>(lines: &'l [&'a str]) -> impl Iterator<Item = &'l [&'a str]> {
    let mut rest = lines;
    // A separator line ("---") parts paragraphs as a blank line does.
    let blank = |l: &&str| l.trim().is_empty() || chrome::is_separator(l);
    std::iter::from_fn(move || {
        while rest.first().is_some_and(blank) {
            rest = &rest[1..];
        }
        if rest.is_empty() {
            return None;
        }
        let end = (rest.iter())
            .position(|l| blank(l) || segment::strip_media(l).1)
            .map_or(rest.len(), |i| i + usize::from(!blank(&rest[i])));
        let (block, after) = rest.split_at(end);
        rest = after;
        Some(block)
    })
}

/// Whether no sentence ends inside `line` ("Keep these in mind:", not "It is late. Keep
/// these in mind:").
fn is_one_sentence(line: &str) -> bool {
    !line.contains(['.', '!', '?']) || !SENTENCE_END.is_match(line)
}

/// A sentence's end followed by another's start.
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[.!?]['’\x22”)]*\s*[A-Z]").expect("valid"));

/// A picture standing alone ("Image").
fn is_picture(line: &str) -> bool {
    let (text, pictured) = segment::strip_media(line);
    pictured && text.is_empty()
}

/// A line opening with a bullet or a list number. Markdown's "-" and "*" bullets stand
/// apart from the text ("**bold**" and "-5 °C" are no items).
fn is_list_item(line: &str) -> bool {
    let markdown_bullet = line
        .strip_prefix(['-', '*'])
        .is_some_and(|rest| rest.starts_with(char::is_whitespace));
    numbering::leading(line).is_some() || markdown_bullet || line.starts_with(['•', '▪', '◾', '‣'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closing_paragraph_about_the_writer_is_left_out_and_said() {
        let page = "Kinship care review\nBy Ann Example\n4 March 2024\n\nThe review is out.\n\nCouncils want money.\n\n**Ann Example** is our social affairs correspondent. Follow her on X.\n";
        let mut reading = read(page, Kind::Article, Written::Text);
        assert_eq!(
            reading.author.as_ref().map(|a| a.name.as_str()),
            Some("Ann Example")
        );
        take_bio(&mut reading);
        let texts: Vec<&str> = reading.threads[0].posts.iter().map(|p| &*p.text).collect();
        assert_eq!(texts, ["The review is out.", "Councils want money."]);
        assert_eq!(
            reading.warnings,
            ["1 paragraph about the writer (their bio) left out"]
        );
        // Not at the article's end, the writer's name opens the article's own paragraph.
        let bio = "**Ann Example** is our social affairs correspondent. Follow her on X.";
        let mid = page.replace(bio, &format!("{bio}\n\nMinisters will respond."));
        let mut reading = read(&mid, Kind::Article, Written::Text);
        take_bio(&mut reading);
        assert_eq!(reading.threads[0].posts.len(), 4);
        // Nor is the writer named in a closing sentence, or a word that opens as the name.
        for last in [
            "Ann Example said councils want money.",
            "Annex B is attached.",
        ] {
            let mut reading = read(
                &page.replace(
                    "**Ann Example** is our social affairs correspondent. Follow her on X.",
                    last,
                ),
                Kind::Article,
                Written::Text,
            );
            take_bio(&mut reading);
            assert_eq!(reading.threads[0].posts.len(), 3, "{last}");
        }
    }

    #[test]
    fn article_head_has_title_byline_and_date() {
        let text =
            "A headline\n\nAnn Example\nTuesday, November 9, 2021\n\nFirst paragraph.\n\nSecond.\n";
        let r = read(text, Kind::Article, Written::Text);
        assert_eq!(r.title.as_deref(), Some("A headline"));
        assert_eq!(r.author, Some(Author::named("Ann Example")));
        assert_eq!(r.date.as_deref(), Some("Tuesday, November 9, 2021"));
        assert_eq!(r.threads[0].posts.len(), 2);
    }

    #[test]
    fn a_posted_on_line_under_the_title_gives_the_date_and_the_writer() {
        let text = "Ferries cut\n\nPosted on March 6, 2024 by Ann Example\n\nOne.\n\nTwo.\n";
        assert!(has_article_head(&text.lines().collect::<Vec<_>>()));
        let r = read(text, Kind::Article, Written::Text);
        assert_eq!(r.title.as_deref(), Some("Ferries cut"));
        assert_eq!(r.author, Some(Author::named("Ann Example")));
        assert_eq!(r.date.as_deref(), Some("March 6, 2024"));
        let texts: Vec<_> = r.threads[0].posts.iter().map(|p| &*p.text).collect();
        assert_eq!(texts, ["One.", "Two."]);
        // The name and the date on one line, as Medium and Substack write them.
        for line in [
            "Ann Example · 7 March 2024 · 3 min read",
            "Ann Example • 7 March 2024 • 3 min read",
        ] {
            let r = read(
                &format!("Ferries cut\n\n{line}\n\nOne.\n\nTwo.\n"),
                Kind::Article,
                Written::Text,
            );
            assert_eq!(r.author, Some(Author::named("Ann Example")), "{line}");
            assert_eq!(r.date.as_deref(), Some("7 March 2024"), "{line}");
            assert_eq!(r.threads[0].posts.len(), 2, "{line}");
        }
        // A date without the reading time may be a section's or a site's ("Local News"),
        // and what is no date names no one.
        for line in [
            "Local News · 7 March 2024",
            "Ann Example · ferries · 3 min read",
        ] {
            let text = format!("Ferries cut\n\n{line}\n\nOne.\n\nTwo.\n");
            assert_eq!(
                read(&text, Kind::Article, Written::Text).author,
                None,
                "{line}"
            );
        }
    }

    #[test]
    fn the_sites_name_above_the_title_is_left_out_and_said() {
        let text =
            "The Harbour Gazette\n\nFerries cut\n\nBy Ann Example\n3 May 2024\n\nOne.\n\nTwo.\n";
        assert!(has_article_head(&text.lines().collect::<Vec<_>>()));
        let r = read(text, Kind::Article, Written::Text);
        assert_eq!(r.title.as_deref(), Some("Ferries cut"));
        assert_eq!(r.author, Some(Author::named("Ann Example")));
        let texts: Vec<_> = r.threads[0].posts.iter().map(|p| &*p.text).collect();
        assert_eq!(texts, ["One.", "Two."]);
        assert_eq!(
            r.warnings,
            ["1 line above the title (the site's name or menu) left out"]
        );
        // A sentence above is no site's name: no head.
        let text =
            "We went to the pier.\n\nFerries cut\n\nBy Ann Example\n3 May 2024\n\nOne.\n\nTwo.\n";
        assert!(!has_article_head(&text.lines().collect::<Vec<_>>()));
    }

    #[test]
    fn a_news_head_under_the_sites_menu_with_a_standfirst_and_a_dated_role() {
        let text = "The Harbour Gazette\n\nNews | Transport | Islands\n\nFerries cut\n\nThe winter timetable drops two sailings a day, the operator says\n\nAnn Example, transport correspondent\nTue 5 Mar 2024 06.00 GMT\n\nOne.\n\nTwo.\n";
        assert!(has_article_head(&text.lines().collect::<Vec<_>>()));
        let r = read(text, Kind::Article, Written::Text);
        assert_eq!(r.title.as_deref(), Some("Ferries cut"));
        assert_eq!(r.author, Some(Author::named("Ann Example")));
        assert_eq!(r.date.as_deref(), Some("Tue 5 Mar 2024 06.00 GMT"));
        let texts: Vec<_> = r.threads[0].posts.iter().map(|p| &*p.text).collect();
        assert_eq!(
            texts,
            [
                "The winter timetable drops two sailings a day, the operator says",
                "One.",
                "Two."
            ],
            "the standfirst is the first paragraph"
        );
        assert_eq!(
            r.warnings,
            ["2 lines above the title (the site's name or menu) left out"]
        );
        // "By" under the dates a bar sets apart.
        let text = "Ferries cut\n\nPublished: 10:15, 5 March 2024 | Updated: 11:02, 5 March 2024\n\nBy Ann Example\n\nOne.\n\nTwo.\n";
        let r = read(text, Kind::Article, Written::Text);
        assert_eq!(r.author, Some(Author::named("Ann Example")));
        assert_eq!(r.date.as_deref(), Some("Published: 10:15, 5 March 2024"));
        assert_eq!(r.threads[0].posts.len(), 2);
        // A sentence under a title is no standfirst unless a byline or date follows it; a
        // name and role is no byline unless a date follows it; a sentence is not the site's.
        for text in [
            "Ferries cut\n\nThe winter timetable drops two sailings a day\n\nOne.\n\nTwo.\n",
            "Ferries cut\n\nAnn Example, transport correspondent\n\nOne.\n\nTwo.\n",
            "We sailed at dawn.\n\nNews | Transport\n\nFerries cut\n\nBy Ann Example\n3 May 2024\n\nOne.\n",
        ] {
            assert!(
                !has_article_head(&text.lines().collect::<Vec<_>>()),
                "{text}"
            );
        }
    }

    #[test]
    fn what_stands_above_a_title_and_what_a_title_may_be() {
        let head = |text: &str| article_head(&text.lines().collect::<Vec<_>>());
        // Breadcrumbs by arrows, under the site's name.
        let text = "The Harbour Gazette\nHome › News » Islands\nFerries cut\nBy Ann Example\n3 May 2024\n\nOne.\n\nTwo.\n";
        let h = head(text).expect("a head");
        assert_eq!((h.title.as_deref(), h.above), (Some("Ferries cut"), 2));
        // One site's name at most.
        let text = "The Harbour Gazette\nIsland edition\nFerries cut\nBy Ann Example\n3 May 2024\n\nOne.\n";
        assert!(head(text).is_none());
        assert!(is_masthead("The Harbour Gazette") && !is_masthead("Ferries cut again."));
        // A title with a bar in it is a title, where nothing stands above it.
        let text = "Ferries cut | The Harbour Gazette\nBy Ann Example\n3 May 2024\n\nOne.\n";
        let h = head(text).expect("a head");
        assert_eq!(
            h.title.as_deref(),
            Some("Ferries cut | The Harbour Gazette")
        );
        assert_eq!(h.author, Some(Author::named("Ann Example")));
        // A sentence over five words and a date is a note, not a title over its standfirst.
        let text = "I went to the market today.\nBought fish and some bread for the week.\n5 March 2024\n\nThen it rained.\n\nStayed in.\n";
        assert!(head(text).is_none());
        // Under the date, a second date is the head's only when it says it was updated;
        // "By" and no name ends the head.
        let text = "My diary\n5 March 2024\n6 March 2024\n\nWent to the market.\n";
        assert_eq!(head(text).map(|h| h.body), Some(2));
        let text = "Ferries cut\n5 March 2024\nUpdated 6 March 2024, 09:10 GMT\nBy the way, no ferries\n\nOne.\n";
        let h = head(text).expect("a head");
        assert_eq!((h.author, h.body), (None, 3));
    }

    #[test]
    fn dates_with_their_time_and_zone_and_dates_set_apart_by_bars() {
        for date in [
            "Tue 5 Mar 2024 06.00 GMT",
            "March 5, 2024 at 6:00 a.m. EST",
            "10:15, 5 March 2024",
            "5 March 2024, 9am BST",
            "Last updated: 5 March 2024 14:02 UTC+1",
        ] {
            assert!(is_date(date), "{date}");
        }
        for line in ["5 March 2024 at the town hall", "10:15 the ferry left"] {
            assert!(!is_date(line), "{line}");
        }
        assert_eq!(
            date_of("Published: 10:15, 5 March 2024 | Updated: 11:02, 5 March 2024"),
            Some("Published: 10:15, 5 March 2024")
        );
        assert_eq!(date_of("5 March 2024 | News"), None);
        assert_eq!(date_of("| 5 March 2024"), None);
    }

    #[test]
    fn bylines_and_dates_in_other_languages_and_a_brief() {
        let text = "Bayonne : une boulangerie ferme\n\nPar Maïté Etcheverry\nPublié le 14 mars 2024 à 17h32\n\nElle fermera le 30 mars.\n";
        assert!(has_article_head(&text.lines().collect::<Vec<_>>()));
        let r = read(text, Kind::Article, Written::Text);
        assert_eq!(r.author, Some(Author::named("Maïté Etcheverry")));
        assert_eq!(r.date.as_deref(), Some("Publié le 14 mars 2024 à 17h32"));
        assert_eq!(r.threads[0].posts.len(), 1);
        for date in [
            "2 abr. 2024",
            "Veröffentlicht am 3. März 2024, um 09:30 Uhr",
            "Published 3 May 2024",
        ] {
            assert!(is_date(date), "{date}");
        }
        // Under a title and a name alone, one paragraph is a note, not an article.
        let note = "Shopping\n\nAnn Example\n\nMilk and bread.\n";
        assert!(!has_article_head(&note.lines().collect::<Vec<_>>()));
    }

    #[test]
    fn a_paragraph_signed_as_an_embedded_post_is_one() {
        let text = "River report\n\nBy Ann Example\n3 May 2023\n\nA councillor posted:\n\nNo milk since Tuesday. @Ferries we need a date.\n\n— Iain Mac (@IainMac) May 3, 2024\n\nThe government said it was aware.\n\nSigned inline.\n— Bo (@bo) May 4, 2024\n";
        let r = read(text, Kind::Article, Written::Text);
        let texts: Vec<Vec<&str>> = (r.threads.iter())
            .map(|t| t.posts.iter().map(|p| &*p.text).collect())
            .collect();
        assert_eq!(
            texts,
            [
                vec!["A councillor posted:", "The government said it was aware."],
                vec![
                    "No milk since Tuesday. @Ferries we need a date.\n— Iain Mac (@IainMac) May 3, 2024"
                ],
                vec!["Signed inline.\n— Bo (@bo) May 4, 2024"],
            ]
        );
        assert_eq!(r.threads[1].title.as_deref(), Some("Embedded post"));
        assert_eq!(r.threads[1].author.as_ref().unwrap().name, "Iain Mac");
    }

    #[test]
    fn a_credit_line_is_no_signature() {
        let text = "River report\n\nBy Ann Example\n3 May 2023\n\nWarnings are in force.\n\n– Met Office (@metoffice) for the warnings\n\nMore rain is due.\n";
        let r = read(text, Kind::Article, Written::Text);
        assert_eq!(r.threads.len(), 1, "{:?}", r.threads);
    }

    #[test]
    fn by_prefix_byline() {
        assert_eq!(byline("By Ann Example"), Some("Ann Example".to_string()));
        assert_eq!(
            byline("Rachel de Souza"),
            Some("Rachel de Souza".to_string())
        );
        assert_eq!(byline("The review said this."), None);
        // The writer's role after the name.
        for line in [
            "By Ann Example, Health editor",
            "By Ann Example | Reporter",
            "By Ann Example, transport reporter",
            "By Ann Example, staff writer",
            "By Ann Example, political columnist",
        ] {
            assert_eq!(byline(line), Some("Ann Example".to_string()), "{line}");
        }
        // Writers named together.
        for (line, names) in [
            ("By Holly Marsh and Tom Reid", "Holly Marsh and Tom Reid"),
            (
                "By Holly Marsh & Tom Reid, Social affairs",
                "Holly Marsh & Tom Reid",
            ),
            (
                "Von Katrin Becker und Jonas Weber",
                "Katrin Becker und Jonas Weber",
            ),
            (
                "Por Lucía Fernández y Pablo Ruiz",
                "Lucía Fernández y Pablo Ruiz",
            ),
            (
                "By Ann Example, Bo Li and Cy Dee",
                "Ann Example, Bo Li and Cy Dee",
            ),
        ] {
            assert_eq!(byline(line).as_deref(), Some(names), "{line}");
        }
        assert_eq!(byline("By Monday and Tuesday, the vote"), None);
        for line in [
            "By Ann Example, Health Editor",
            "By Ann Example, BBC News",
            "By Ann Example, New York",
        ] {
            assert_eq!(byline(line).as_deref(), Some("Ann Example"), "{line}");
        }
        assert_eq!(byline("By Monday, the vote"), None);
        assert_eq!(byline("By Ann Example, the shelves were empty"), None);
        let head = "River report\n\nBy Ann Example, Health editor\n3 May 2023\n\nOne.\n\nTwo.\n";
        let r = read(head, Kind::Article, Written::Text);
        assert_eq!(r.author, Some(Author::named("Ann Example")));
        let texts: Vec<&str> = r.threads[0].posts.iter().map(|p| &*p.text).collect();
        assert_eq!(texts, ["One.", "Two."]);
    }

    #[test]
    fn dates_in_several_forms() {
        for date in [
            "Tuesday, November 9, 2021",
            "9 Nov 2021",
            "2021-11-09",
            "May 23",
            "Mar 4, 2022 • 3 min read",
            "10 Agosto 2024",
            "3 mars 2023",
            "12 de octubre de 2021",
            "1. Januar 2020",
            "5 mei 2022",
            "2024年3月13日",
            "2024年3月14日(木) 17時32分",
        ] {
            assert!(is_date(date), "{date}");
        }
        assert!(!is_date("May the force be with you"));
        assert!(!is_date("Marzo is a name"));
        for line in [
            "3 min read",
            "2 minuti per leggere l'articolo",
            "5 min de lecture",
            "Lesezeit: 4 Min.",
            "4 minutos de lectura",
        ] {
            assert!(is_reading_time(line), "{line}");
        }
        assert!(!is_reading_time("3 minutes later we left"));
    }

    #[test]
    fn blog_byline_glued_to_its_label() {
        let text = "top of page\nWriter's pictureAnn Example\n\nThe title\n\nBody one.\n\nBody two.\n\nComments\n\nbottom of page\n";
        let r = read(text, Kind::Blog, Written::Text);
        assert_eq!(r.author, Some(Author::named("Ann Example")));
        assert_eq!(r.title.as_deref(), Some("The title"));
        let texts: Vec<_> = r.threads[0].posts.iter().map(|p| &*p.text).collect();
        assert_eq!(texts, ["Body one.", "Body two."]);
    }

    #[test]
    fn blog_byline_on_its_own_line_with_date() {
        let text = "Writer's picture\nAnn Example\nMar 4, 2022\n3 min read\nThe title\n\nBody.\n";
        let r = read(text, Kind::Blog, Written::Text);
        assert_eq!(r.author, Some(Author::named("Ann Example")));
        assert_eq!(r.date.as_deref(), Some("Mar 4, 2022"));
        assert_eq!(r.title.as_deref(), Some("The title"));
    }

    #[test]
    fn duplicated_caption_appears_once() {
        let caption = "A person at an event. Picture: A Person";
        let paras = paragraphs(
            &["Intro.", "", caption, caption, "", "Next."],
            Written::Text,
        );
        assert_eq!(paras, ["Intro.", caption, "Next."]);
        let paras = paragraphs(&[caption, "", caption], Written::Text);
        assert_eq!(paras, [caption]);
    }

    #[test]
    fn a_picture_ends_its_paragraph() {
        let r = read(
            "Banks are hiring.\nImage\nRetail too.\n\nImage\n\nAnd airlines.\n",
            Kind::Plain,
            Written::Text,
        );
        let posts = &r.threads[0].posts;
        let texts: Vec<_> = posts.iter().map(|p| &*p.text).collect();
        assert_eq!(texts, ["Banks are hiring.", "Retail too.", "And airlines."]);
        let media: Vec<_> = posts.iter().map(|p| p.media).collect();
        assert_eq!(media, [true, false, true]);
    }

    #[test]
    fn list_items_form_one_paragraph() {
        let lead = "The response of the government stands on six pillars:";
        let paras = paragraphs(
            &[lead, "", "  1. One", "", "  2. Two", "", "After."],
            Written::Text,
        );
        assert_eq!(paras, [lead, "1. One\n2. Two", "After."]);
    }

    #[test]
    fn a_quotation_is_one_paragraph() {
        let quote = format!("> \"{}\"", "Ranking is never neutral. ".repeat(5));
        let paras = paragraphs(
            &[&quote, ">  –Ann Example, Wired", "", "After."],
            Written::Text,
        );
        assert_eq!(
            paras,
            [format!("{quote}\n>  –Ann Example, Wired"), "After.".into()]
        );
    }

    #[test]
    fn bold_lines_are_no_list_items() {
        let paras = paragraphs(
            &["**Design for the job.**", "", "**What comes second?**"],
            Written::Text,
        );
        assert_eq!(paras, ["**Design for the job.**", "**What comes second?**"]);
    }

    #[test]
    fn a_block_with_a_long_line_is_a_paragraph_a_line_in_saved_text_only() {
        let long = "If you think about it, the status of the trip matters most, because you keep looking at it.";
        let long = format!("{long} {long}");
        let block = ["Is it the name?", "Is it the place?", long.as_str()];
        assert_eq!(paragraphs(&block, Written::Text).len(), 3);
        assert_eq!(
            paragraphs(&block, Written::Markdown),
            [format!("Is it the name?\nIs it the place?\n{long}")]
        );
    }

    #[test]
    fn a_short_lead_in_goes_with_its_list() {
        let paras = paragraphs(
            &["Caveats:", "", "-   gas", "", "-   fees", "", "After."],
            Written::Text,
        );
        assert_eq!(paras, ["Caveats:\n-   gas\n-   fees", "After."]);
    }

    #[test]
    fn in_markdown_a_one_sentence_lead_in_keeps_its_short_list_and_picture() {
        let lead = "Placements bought through the pilots this year, by region:";
        let lines = [
            lead,
            "",
            "Image",
            "",
            "- North West: 41",
            "- South East: 19",
        ];
        assert_eq!(
            paragraphs(&lines, Written::Markdown),
            [format!("{lead}\nImage\n- North West: 41\n- South East: 19")]
        );
        // In saved text, a line that long may stand alone.
        assert_eq!(paragraphs(&lines, Written::Text).len(), 3);
        // A short lead-in keeps its picture and list in either.
        let lines = ["Caveats:", "", "Image", "", "- gas", "- fees"];
        assert_eq!(paragraphs(&lines, Written::Text).len(), 1);
    }

    #[test]
    fn a_line_of_emoji_alone_closes_the_paragraph_before_it() {
        let lines = ["A thread on the review.", "", "👇", "", "First, the money."];
        assert_eq!(
            paragraphs(&lines, Written::Markdown),
            ["A thread on the review.\n👇", "First, the money."]
        );
    }

    #[test]
    fn a_short_last_sentence_leads_into_a_list_of_short_linked_items() {
        let lead = "A pilot is a council and a provider. In Leeds:";
        let item = "- A place is [listed](https://example.org/leeds/placements/2024/shared-list-of-places?src=thread) by the council";
        let lines = [lead, "", item, "- A price is agreed once a year"];
        assert_eq!(
            paragraphs(&lines, Written::Markdown),
            [format!("{lead}\n{item}\n- A price is agreed once a year")]
        );
        // Glued to the sentence before it, a short last sentence leads in too.
        let glued = [
            "Prices fell a little.Keep these in mind:",
            "",
            "- Residential: -4%",
        ];
        assert_eq!(paragraphs(&glued, Written::Markdown).len(), 1);
    }

    #[test]
    fn a_list_after_several_sentences_or_of_long_items_stands_apart() {
        let sentences = "Prices fell. Here is what the councils paid for each kind of place:";
        let lines = [sentences, "", "- Residential: -4%"];
        assert_eq!(paragraphs(&lines, Written::Markdown).len(), 2);
        let glued = "Prices fell a little.Keep these figures in mind when you read what each paid:";
        let lines = [glued, "", "- Residential: -4%"];
        assert_eq!(paragraphs(&lines, Written::Markdown).len(), 2);
        let long = format!(
            "- {}",
            "Greater Manchester opened a shared list of placements. ".repeat(3)
        );
        let lines = [
            "Here is what each pilot did first, in the order they started:",
            "",
            &long,
        ];
        assert_eq!(paragraphs(&lines, Written::Markdown).len(), 2);
        // A short first item and long ones after it: the list is still its own.
        let lead = "Here is what each pilot did first, in the order they started:";
        let other = long.replace("Greater Manchester", "Birmingham");
        let lines = [lead, "", "- Short one.", &long, &other];
        assert_eq!(
            paragraphs(&lines, Written::Markdown),
            [
                lead.to_string(),
                format!("- Short one.\n{}\n{}", long.trim(), other.trim())
            ]
        );
    }

    #[test]
    fn references_heading_a_block_are_the_post_befores() {
        let lines = [
            "Prices rose by a third in five years [1].",
            "",
            "[1] [report.pdf](https://example.org/report.pdf)",
            "The review calls this a broken market [2].",
            "",
            "[2]",
            "Image",
            "",
            "[3] A line that starts with a number in brackets, but no address.",
        ];
        assert_eq!(
            paragraphs(&lines, Written::Markdown),
            [
                "Prices rose by a third in five years [1].\n[1] [report.pdf](https://example.org/report.pdf)",
                "The review calls this a broken market [2].\n[2]\nImage",
                "[3] A line that starts with a number in brackets, but no address.",
            ]
        );
        // With no post before them, they stay in their block.
        assert_eq!(
            paragraphs(&lines[2..4], Written::Text),
            [lines[2..4].join("\n")]
        );
    }

    #[test]
    fn hard_wrapped_text_joins_per_block() {
        let paras = paragraphs(
            &["a short wrapped", "line of text", "", "next block"],
            Written::Text,
        );
        assert_eq!(paras, ["a short wrapped\nline of text", "next block"]);
    }

    #[test]
    fn plain_text_warns() {
        let r = read("just some words\n\nand more\n", Kind::Plain, Written::Text);
        assert_eq!(r.threads[0].posts.len(), 2);
        assert_eq!(
            r.warnings,
            ["no thread structure recognised; read as paragraphs"]
        );
    }
}
