//! Numbering markers that thread authors write on their posts: "1/", "2/16", "20/20", "(1/5)",
//! "(thread, 1/).", "1.", "1.…", "1)", "(1)", "[2/n]", "1/🧵", "🧵 1/", "/4", "1️⃣". A marker is either trailing (closes a post) or leading (opens
//! one); a thread uses one style, and only markers that count upwards are believed.

use super::entities;
use regex::Regex;
use std::sync::LazyLock;

/// One numbering marker as the author wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// The marker as written, without brackets: "1/", "2/16", "1.".
    pub label: String,
    pub number: u32,
    pub total: Option<u32>,
}

/// Where the markers of a thread stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// "… end of post 1/": the marker closes its post.
    Trailing,
    /// "1. start of post": the marker opens its post.
    Leading,
}

/// "N/" or "N/M" as the last token, after closing punctuation: "7/", "(thread, 1/).", "2/16…";
/// the total may be written "n" or "🧵" ("[2/n]", "1/🧵").
static TRAILING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w/.,])[(\[]?(\d{1,3})/(\d{1,3}|[nN]|🧵)?[)\]]?[.,;:!?…>)\]]*$").unwrap()
});

/// "/N" as the last token, after a space or alone, before closing punctuation ("… the last
/// word. /4"): what stands before it, and the number as written. (Asked of every line with
/// a slash, so read from the end by hand rather than by a pattern that scans the line.)
fn slash_before_number(line: &str) -> Option<(&str, &str)> {
    let closed = line.trim_end_matches(['.', ',', ';', ':', '!', '?', '…', ')', ']']);
    let digits = closed.bytes().rev().take_while(u8::is_ascii_digit).count();
    let rest = closed[..closed.len() - digits].strip_suffix('/')?;
    let spaced = rest.is_empty() || rest.ends_with(char::is_whitespace);
    ((1..=3).contains(&digits) && spaced)
        .then(|| (rest.trim_end(), &closed[closed.len() - digits..]))
}

/// "N." / "N/" / "N/M" / "(N)" as the first token: "1. text", "1.… text", "2/ text",
/// "(1/5) text", "(1) text", "1/n text", after a thread sign ("🧵 1/").
static LEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[(\[]?(\d{1,3})(\.|\)|/(\d{1,3}|[nN]|🧵)?)[)\]]?(?:\s|…|\.|$)").unwrap()
});

/// The total as written after the slash: a number, or a sign for "as many as there are".
fn total_of(written: Option<regex::Match<'_>>) -> (Option<u32>, &str) {
    let written = written.map_or("", |m| m.as_str());
    (written.parse().ok(), written)
}

/// The marker that ends `line`, looking past trailing links ("3/ example.org/…").
pub fn trailing(line: &str) -> Option<Marker> {
    // Asked of every line: one without a slash has no such marker, and most have none.
    if !line.contains('/') {
        return None;
    }
    let core = strip_trailing_links(line.trim_end());
    if let Some((before, number)) = slash_before_number(core) {
        // After a number it is a fraction or a rate ("24 /7"), no marker.
        let last = before.rsplit(char::is_whitespace).next().unwrap_or("");
        if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        return make(format!("/{number}"), number.parse().ok()?, None);
    }
    let caps = TRAILING.captures(core)?;
    let number = caps[1].parse().ok()?;
    let (total, written) = total_of(caps.get(2));
    make(format!("{number}/{written}"), number, total)
}

/// A year that opens an entry of a thread numbered by years: "2010 - …", "2017 (a) - …".
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)\d{2})(\s*\([a-z]\))?\s*[-–—]\s").unwrap());

/// Numbers from here on are years: in a thread numbered by years, a year may repeat
/// ("2017 (a)", "2017 (b)") or skip, never go back.
pub const FIRST_YEAR: u32 = 1900;

/// The marker that opens a post's `line`, where one marker alone must say it (an excerpt's
/// first post, a reply's number after its handles): not a share ("1/4 of the routes").
pub fn opening_number(line: &str) -> Option<Marker> {
    let marker = leading(line)?;
    let after = line
        .trim_start()
        .split_once(marker.label.as_str())
        .map(|(_, a)| a);
    let share = after.is_some_and(|a| a.trim_start().starts_with("of "));
    (!share).then_some(marker)
}

/// The marker that opens `line`.
pub fn leading(line: &str) -> Option<Marker> {
    // Asked of every line: the pattern only of those that open as a year does.
    let trimmed = line.trim_start();
    let year = match trimmed.starts_with("19") || trimmed.starts_with("20") {
        true => YEAR.captures(trimmed),
        false => None,
    };
    if let Some(year) = year {
        let number: u32 = year[1].parse().ok()?;
        let label = format!("{}{} -", &year[1], year.get(2).map_or("", |m| m.as_str()));
        return Some(Marker {
            label,
            number,
            total: None,
        });
    }
    // Asked of every line: a marker opens with a digit, perhaps after a bracket (a digit
    // outside ASCII would match the pattern but is no number to parse).
    let line = trimmed;
    let line = line.strip_prefix('🧵').map_or(line, str::trim_start);
    // A Markdown clipper escapes a number that opens a line ("1\."), lest it read as a list.
    let unescaped;
    let escapes_mark = |at: usize| line[at + 1..].starts_with(['.', ')']);
    // Only a backslash among the first four bytes escapes a number (after one to three
    // digits), so only they are looked at.
    let backslash = line.bytes().take(4).position(|b| b == b'\\');
    let line = match backslash {
        Some(at)
            if (1..=3).contains(&at)
                && line[..at].bytes().all(|b| b.is_ascii_digit())
                && escapes_mark(at) =>
        {
            unescaped = format!("{}{}", &line[..at], &line[at + 1..]);
            unescaped.as_str()
        }
        _ => line,
    };
    if let Some(marker) = keycap(line) {
        return Some(marker);
    }
    let digit_at = |i: usize| line.as_bytes().get(i).is_some_and(u8::is_ascii_digit);
    let opens = digit_at(0) || (line.starts_with(['(', '[']) && digit_at(1));
    if !opens {
        return None;
    }
    let caps = LEADING.captures(line)?;
    let number = caps[1].parse().ok()?;
    let (total, written) = total_of(caps.get(3));
    let label = match &caps[2] {
        "." => format!("{number}."),
        ")" if line.starts_with('(') => format!("({number})"),
        ")" => format!("{number})"),
        _ => format!("{number}/{written}"),
    };
    make(label, number, total)
}

/// Keycap emoji opening a line, then a space: "1️⃣ …", "1️⃣2️⃣ …" (each a digit, perhaps the
/// emoji variation selector, and the combining keycap), or "🔟 …".
fn keycap(line: &str) -> Option<Marker> {
    let mut rest = line;
    let mut number: u32 = 0;
    let mut digits = 0;
    loop {
        if digits == 0 && rest.starts_with('🔟') {
            (number, digits, rest) = (10, 2, &rest['🔟'.len_utf8()..]);
            break;
        }
        let Some(digit) = rest.chars().next().and_then(|c| c.to_digit(10)) else {
            break;
        };
        let after = rest[1..].strip_prefix('\u{fe0f}').unwrap_or(&rest[1..]);
        let Some(after) = after.strip_prefix('\u{20e3}') else {
            break;
        };
        (number, digits, rest) = (number * 10 + digit, digits + 1, after);
        if digits == 3 {
            break;
        }
    }
    let label = &line[..line.len() - rest.len()];
    let spaced = rest.is_empty() || rest.starts_with(char::is_whitespace);
    (digits > 0 && spaced)
        .then(|| make(label.to_string(), number, None))
        .flatten()
}

/// Rejects what cannot be a post number: 0, or a number above its own total ("24/7").
fn make(label: String, number: u32, total: Option<u32>) -> Option<Marker> {
    let plausible = number > 0 && total.is_none_or(|t| t >= number && t > 1);
    plausible.then_some(Marker {
        label,
        number,
        total,
    })
}

/// `line` without the links, hashtags and a lone "…" that follow its last word ("5/5
/// #LocalGov").
fn strip_trailing_links(line: &str) -> &str {
    let is_hashtag = |token: &str| {
        let tag = token.strip_prefix('#').unwrap_or("");
        tag.starts_with(char::is_alphabetic) && tag.chars().all(|c| c.is_alphanumeric() || c == '_')
    };
    let mut end = line.len();
    loop {
        let head = line[..end].trim_end();
        // Past the last space, whatever its width in bytes (scrapes carry no-break spaces).
        let last_space = head.char_indices().rev().find(|(_, c)| c.is_whitespace());
        let Some(start) = last_space.map(|(i, c)| i + c.len_utf8()) else {
            return head;
        };
        let token = &head[start..];
        if token == "…" || entities::is_link(token) || is_hashtag(token) {
            end = start;
        } else {
            return head;
        }
    }
}

/// The markers of one style believed in `lines`: each is kept only if it continues an
/// upward count (a marker may skip numbers, never go back), starting at 1 or 2. The markers
/// in a fenced code block (`blocks`, as `code_blocks` finds them) are code, unless the block
/// carries the count on: markers before it, its own each following, and the next after it
/// following its last (a thread that sets posts apart with "~~~", or whose code runs from
/// one post to the next).
fn sequence(
    lines: &[&str],
    style: Style,
    blocks: &[std::ops::Range<usize>],
) -> Vec<Option<Marker>> {
    let find = match style {
        Style::Trailing => trailing,
        Style::Leading => leading,
    };
    let mut found: Vec<Option<Marker>> = lines.iter().map(|line| find(line)).collect();
    // The place of the next line at or below each one with a marker.
    let mut next_found = vec![None; lines.len() + 1];
    for at in (0..lines.len()).rev() {
        next_found[at] = found[at].as_ref().map(|_| at).or(next_found[at + 1]);
    }
    let mut blocks = blocks.iter().cloned().peekable();
    let mut believed = Vec::with_capacity(lines.len());
    let mut count = Count::default();
    // The last number of a list a post holds ("try:" then "1) …", "2) …" under a post
    // numbered "2)"), while its items follow one another: none numbers a post.
    let mut list: Option<u32> = None;
    let mut at = 0;
    while at < lines.len() {
        let Some(block) = blocks.next_if(|block| block.start == at) else {
            let marker = found[at].take();
            let restarts = |m: &Marker| style == Style::Leading && count.last > 0 && m.number == 1;
            // An item that could as well be the next post ("3)" under post "2)" after its
            // list's "2)") is the list's only where that post comes later.
            let next_post = |m: &Marker| m.number == count.last + 1;
            let comes_later = |m: &Marker| {
                let mut later = found[at + 1..].iter().take(LIST_LOOKAHEAD).flatten();
                later.any(|l| l.number == m.number)
            };
            let continues = |m: &Marker| {
                list.is_some_and(|n| m.number == n + 1) && (!next_post(m) || comes_later(m))
            };
            list = match &marker {
                _ if lines[at].trim().is_empty() => None,
                Some(m) if continues(m) || restarts(m) => Some(m.number),
                _ => None,
            };
            believed.push(marker.filter(|m| list.is_none() && count.take(m)));
            at += 1;
            continue;
        };
        let mut carried = count;
        let mut own = found[block.clone()].iter().flatten().peekable();
        let carries = count.last > 0
            && own.peek().is_some()
            && own.all(|marker| carried.take(marker))
            && next_found[block.end].is_none_or(|next| carried.follows(found[next].as_ref()));
        for line in block.clone() {
            believed.push(found[line].take().filter(|m| carries && count.take(m)));
        }
        at = block.end;
    }
    believed
}

/// An upward count of markers: the last number believed.
#[derive(Debug, Clone, Copy, Default)]
struct Count {
    last: u32,
}

impl Count {
    /// Whether `marker` continues the count: from 1 or 2 (or a year), then upwards.
    fn follows(&self, marker: Option<&Marker>) -> bool {
        let Some(marker) = marker else { return false };
        match (self.last, marker.number >= FIRST_YEAR) {
            (0, year) => year || marker.number <= 2,
            (last, true) => last >= FIRST_YEAR && marker.number >= last,
            (last, false) => last < FIRST_YEAR && marker.number > last,
        }
    }

    /// Counts `marker` if it continues the count; says whether it did.
    fn take(&mut self, marker: &Marker) -> bool {
        let follows = self.follows(Some(marker));
        if follows {
            self.last = marker.number;
        }
        follows
    }
}

/// The fenced code blocks of `lines`, fences included, in order. A fence is a line opening
/// with three or more backticks or tildes (after at most three spaces), closed by a line of
/// at least as many of the same and nothing else. One never closed is taken as text: a
/// stray one in a hand-written thread would otherwise swallow every line after it.
fn code_blocks(lines: &[&str]) -> Vec<std::ops::Range<usize>> {
    let fences: Vec<Option<Fence>> = lines.iter().map(|line| fence(line)).collect();
    // The longest closing fence of each kind below each line: an opening with none as long
    // below it is never closed (so no line is searched for a close twice).
    let mut longest_below = vec![[0; 2]; lines.len() + 1];
    for at in (0..lines.len()).rev() {
        longest_below[at] = longest_below[at + 1];
        if let Some(close) = fences[at].filter(|f| f.bare) {
            let longest = &mut longest_below[at][close.kind];
            *longest = (*longest).max(close.len);
        }
    }
    let closes = |open: Fence, at: usize| {
        fences[at].is_some_and(|f| f.bare && f.kind == open.kind && f.len >= open.len)
    };
    let mut blocks = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        match fences[at] {
            Some(open) if longest_below[at + 1][open.kind] >= open.len => {
                let close = (at + 1..lines.len())
                    .find(|&below| closes(open, below))
                    .expect("a closing fence below, as counted");
                blocks.push(at..close + 1);
                at = close + 1;
            }
            _ => at += 1,
        }
    }
    blocks
}

/// A line that may open or close a fenced code block.
#[derive(Debug, Clone, Copy)]
struct Fence {
    /// 0: backticks, 1: tildes.
    kind: usize,
    len: usize,
    /// Whether nothing follows the marks (only such a line closes a block).
    bare: bool,
}

fn fence(line: &str) -> Option<Fence> {
    let rest = line.trim_start_matches(' ');
    if line.len() - rest.len() > 3 {
        return None;
    }
    let mark = rest.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = rest.len() - rest.trim_start_matches(mark).len();
    let info = rest[len..].trim();
    // After backticks, a backtick makes it code within a line ("```x```"), not a fence.
    if len < 3 || (mark == '`' && info.contains('`')) {
        return None;
    }
    Some(Fence {
        kind: usize::from(mark == '~'),
        len,
        bare: info.is_empty(),
    })
}

/// The style whose believed markers are the most (at least two), with those markers.
/// A thread's numbering starts at its top: markers that start only after more text than a
/// few posts hold are a list within the text ("1. 2. 3." closing an article), not posts.
pub fn detect(lines: &[&str]) -> Option<(Style, Vec<Option<Marker>>)> {
    let blocks = code_blocks(lines);
    [Style::Trailing, Style::Leading]
        .into_iter()
        .map(|style| (style, sequence(lines, style, &blocks)))
        .filter(|(style, seq)| starts_near_the_top(lines, seq, *style))
        .filter(|(style, seq)| !(*style == Style::Leading && is_list_in_a_post(lines, seq)))
        .map(|(style, seq)| (seq.iter().flatten().count(), style, seq))
        .filter(|(count, _, _)| *count >= 2)
        .max_by_key(|(count, style, _)| (*count, *style == Style::Trailing))
        .map(|(_, style, seq)| (style, seq))
}

/// How many lines down the post an item of a list could be taken for is looked for.
const LIST_LOOKAHEAD: usize = 64;

/// The longest line a list's item may be: a post written on one line is longer.
const LIST_ITEM_MAX_CHARS: usize = 140;

/// The longest lead-in of a list that does not end in a colon ("Things to fix by Friday").
const LEAD_IN_MAX_CHARS: usize = 60;

/// The places of the lines that `markers` (one a line) number, in order.
pub fn marked_lines(markers: &[Option<Marker>]) -> Vec<usize> {
    (markers.iter().enumerate())
        .filter_map(|(i, m)| m.as_ref().map(|_| i))
        .collect()
}

/// Whether leading `markers` number a list that a post writes ("Three reasons:" then "1) …"
/// and each item on the line after the last), not posts: the items stand on consecutive
/// lines, each is short, and a lead-in stands above the first (on the line above or the one
/// above a blank line): a line ending in a colon, or a short one. Posts numbered so from the
/// top of a scrape, a post a line, or under a first post of prose, stay posts.
fn is_list_in_a_post(lines: &[&str], markers: &[Option<Marker>]) -> bool {
    let at = marked_lines(markers);
    let (Some(&first), Some(&last)) = (at.first(), at.last()) else {
        return false;
    };
    // A lead-in ends in a colon or is short; a post's worth of text above is a thread's
    // unnumbered first post.
    let lead_in = |i: usize| {
        let line = lines[i].trim();
        line.ends_with(':') || (1..=LEAD_IN_MAX_CHARS).contains(&line.chars().count())
    };
    let above = match first {
        0 => None,
        1 => Some(0),
        _ => Some(first - 1)
            .filter(|&i| !lines[i].trim().is_empty())
            .or(Some(first - 2)),
    };
    let lead_in = above.is_some_and(lead_in);
    let consecutive = last - first + 1 == at.len();
    let short = at
        .iter()
        .all(|&i| lines[i].trim().chars().count() <= LIST_ITEM_MAX_CHARS);
    lead_in && consecutive && short
}

/// At most this many posts' worth of text stands before a thread's first marker (an
/// introduction, a header the page did not mark as such).
const POSTS_BEFORE_NUMBERING: usize = 2;

/// Whether the first of `markers` comes before more text than [`POSTS_BEFORE_NUMBERING`]
/// posts hold. A trailing marker closes its post, so that post's own text is allowed too.
fn starts_near_the_top(lines: &[&str], markers: &[Option<Marker>], style: Style) -> bool {
    let Some(first) = markers.iter().position(Option::is_some) else {
        return true;
    };
    let posts = POSTS_BEFORE_NUMBERING + usize::from(style == Style::Trailing);
    let limit = posts * entities::POST_LIMIT;
    let mut weight = 0;
    lines[..first].iter().all(|line| {
        weight += entities::weighted_len(line);
        weight <= limit
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(m: Option<Marker>) -> Option<String> {
        m.map(|m| m.label)
    }

    #[test]
    fn an_escaped_number_opening_a_line_is_a_marker() {
        assert_eq!(
            label(leading("1\\. The measles numbers")),
            Some("1.".into())
        );
        assert_eq!(label(leading("12\\. More")), Some("12.".into()));
        assert_eq!(
            leading("3\\/4 of councils"),
            None,
            "only a dot or bracket is escaped so"
        );
    }

    #[test]
    fn trailing_slash_markers() {
        assert_eq!(label(trailing("the chair. 1/")), Some("1/".into()));
        assert_eq!(label(trailing("the end. 20/20")), Some("20/20".into()));
        assert_eq!(trailing("a thread 1/16").unwrap().total, Some(16));
        // The slash first: "/4" closes the fourth post.
        assert_eq!(label(trailing("the last word. /4")), Some("/4".into()));
        assert_eq!(trailing("#retraites /12").unwrap().number, 12);
        for line in [
            "see example.org/page/2",
            "and/or 3",
            "The helpline now runs 24 /7",
        ] {
            assert_eq!(trailing(line), None, "{line}");
        }
    }

    #[test]
    fn trailing_marker_before_ellipsis_or_punctuation() {
        assert_eq!(label(trailing("sometime. 3/…")), Some("3/".into()));
        assert_eq!(label(trailing("win it 2/16…")), Some("2/16".into()));
        assert_eq!(
            label(trailing("very angry (thread, 1/).")),
            Some("1/".into())
        );
        assert_eq!(label(trailing("so (2/5)")), Some("2/5".into()));
    }

    #[test]
    fn trailing_marker_followed_by_a_link() {
        let line = "fit for purpose. 3/ childrenscommissioner.gov.uk/2020/11/24/ann…";
        assert_eq!(label(trailing(line)), Some("3/".into()));
        assert_eq!(
            label(trailing("see 4/ https://example.org/a")),
            Some("4/".into())
        );
        // Hashtags after it, too; a word or a hashtag that is no tag, not.
        let tagged = "same hard choices. 5/5 #LocalGov #kinship_care example.org/a";
        assert_eq!(label(trailing(tagged)), Some("5/5".into()));
        assert_eq!(trailing("done 5/5 today"), None);
        assert_eq!(trailing("done 5/5 #1"), None);
    }

    #[test]
    fn no_break_spaces_around_a_marker() {
        let line = "end of post\u{a0}3/\u{a0}example.org/a";
        assert_eq!(label(trailing(line)), Some("3/".into()));
    }

    #[test]
    fn not_markers() {
        assert_eq!(trailing("open 24/7"), None);
        assert_eq!(trailing("see example.org/2020/11/"), None);
        assert_eq!(trailing("and/or"), None);
        assert_eq!(trailing("no marker here."), None);
        assert_eq!(trailing("0/"), None);
    }

    #[test]
    fn leading_markers() {
        assert_eq!(label(leading("1. …… Utterly")), Some("1.".into()));
        assert_eq!(label(leading("1.… I was told")), Some("1.".into()));
        assert_eq!(label(leading("2.…. I reject that")), Some("2.".into()));
        assert_eq!(label(leading("3/ next")), Some("3/".into()));
        assert_eq!(label(leading("(1/5) next")), Some("1/5".into()));
        assert_eq!(leading("1.6 million people"), None);
        assert_eq!(leading("2019 was a year"), None);
    }

    #[test]
    fn more_styles_of_numbering() {
        assert_eq!(label(leading("(1) The review")), Some("(1)".into()));
        assert_eq!(label(leading("[2/n] Next")), Some("2/n".into()));
        assert_eq!(label(leading("1/n Next")), Some("1/n".into()));
        assert_eq!(label(leading("1/🧵 On care")), Some("1/🧵".into()));
        assert_eq!(label(leading("🧵 1/ On care")), Some("1/".into()));
        assert_eq!(label(trailing("and more 3/n")), Some("3/n".into()));
        assert_eq!(label(trailing("on care (1/7)")), Some("1/7".into()));
        assert_eq!(label(leading("1) Heat pumps")), Some("1)".into()));
        assert_eq!(leading("a) a list item"), None);
        assert_eq!(
            label(leading("1\u{fe0f}\u{20e3} El año")),
            Some("1️⃣".into())
        );
        assert_eq!(leading("2\u{20e3} Sin selector").map(|m| m.number), Some(2));
        assert_eq!(leading("🔟 Diez").map(|m| m.number), Some(10));
        assert_eq!(leading("0\u{fe0f}\u{20e3} cero"), None);
        assert_eq!(
            leading("1\u{fe0f}\u{20e3}2\u{fe0f}\u{20e3} doce").map(|m| m.number),
            Some(12)
        );
        assert_eq!(leading("1\u{fe0f}\u{20e3}x"), None);
        assert_eq!(leading("1.5C of warming"), None);
        assert_eq!(leading("Use Case 3: retail"), None);
        assert_eq!(trailing("and 1/n").unwrap().total, None);
    }

    #[test]
    fn markers_in_a_fenced_code_block_number_nothing() {
        let steps = |open: &'static str, close: &'static str| {
            vec![
                "Release notes.",
                "",
                open,
                "1/ fetch",
                "",
                "2/ build",
                "",
                "3/ test",
                close,
            ]
        };
        for (open, close) in [("```", "```"), ("```sh", "````"), ("  ~~~~", "~~~~ ")] {
            assert_eq!(detect(&steps(open, close)), None, "{open:?} … {close:?}");
        }
        // Not closed (a close needs as many marks of the same kind, alone): text, numbered.
        for (open, close) in [
            ("```", "~~~"),
            ("````", "```"),
            ("```", "``` x"),
            ("```", ""),
        ] {
            let (_, markers) = detect(&steps(open, close)).expect("numbered");
            assert_eq!(markers.iter().flatten().count(), 3, "{open:?} … {close:?}");
        }
        // Code inside a thread leaves the posts around it numbered; "```x```" is code in a
        // line, four spaces in is no fence, and the last line closes neither.
        let thread = [
            "1/ The script:",
            "```",
            "2/ not a post",
            "```",
            "2/ It ran.",
            "```x``` is code in a line",
            "3/ It ran again.",
            "    ```",
            "4/ And this.",
            "```",
        ];
        let (_, markers) = detect(&thread).expect("numbered");
        assert_eq!(marked_lines(&markers), [0, 4, 6, 8]);
        assert_eq!(
            code_blocks(&thread),
            vec![std::ops::Range { start: 1, end: 4 }]
        );
    }

    #[test]
    fn a_block_that_carries_the_count_on_is_posts() {
        // Fences as a thread's separators, code running from one post into the next, a
        // stray fence pairing with a later block's: the count runs through them.
        let carried: [&[&str]; 3] = [
            &[
                "1/ Ash.", "2/ Elm.", "~~~", "3/ Oak.", "4/ Yew.", "~~~", "5/ Lime.",
            ],
            &[
                "1/ Ash.", "2/ Run:", "```", "make", "3/ Then:", "```", "4/ Done.",
            ],
            &[
                "1/ Ash.",
                "2/ Stray:",
                "```",
                "3/ Elm.",
                "4/ Code:",
                "```",
                "make",
                "```",
                "5/ Oak.",
            ],
        ];
        for lines in carried {
            let (_, markers) = detect(lines).expect("numbered");
            let numbers: Vec<u32> = markers.iter().flatten().map(|m| m.number).collect();
            let last = numbers.len() as u32;
            assert_eq!(numbers, (1..=last).collect::<Vec<_>>(), "{lines:?}");
            assert!(last >= 4, "{lines:?}");
        }
        // Code whose count does not go on from the block, or goes back after it: code.
        for (lines, expected) in [
            (
                &["1/ Ash.", "```", "1/ step", "2/ step", "```", "2/ Elm."][..],
                [0, 5],
            ),
            (
                &["1/ Ash.", "```", "2/ step", "3/ step", "```", "2/ Elm."][..],
                [0, 5],
            ),
        ] {
            let (_, markers) = detect(lines).expect("numbered");
            assert_eq!(marked_lines(&markers), expected, "{lines:?}");
        }
    }

    #[test]
    fn a_list_under_its_lead_in_is_no_numbering() {
        let listed = [
            "Ferry news.",
            "",
            "Three reasons:",
            "1) old engines",
            "2) short crews",
            "3) silt",
        ];
        assert_eq!(detect(&listed), None);
        let dotted = listed.map(|l| l.replacen(')', ".", 1));
        assert_eq!(
            detect(&dotted.iter().map(String::as_str).collect::<Vec<_>>()),
            None
        );
        // With a blank line under the lead-in, or a lead-in that is no sentence's end.
        for listed in [
            [
                "We stopped. Three reasons:",
                "",
                "1) fuel",
                "2) drivers",
                "3) the van",
            ],
            [
                "",
                "Things to fix by Friday",
                "1) the gate",
                "2) the boiler",
                "3) the gutter",
            ],
        ] {
            assert_eq!(detect(&listed), None, "{listed:?}");
        }
        // Posts: apart from each other, or a post's length, or from the top, a post a line.
        let long = format!("2) {}", "x".repeat(LIST_ITEM_MAX_CHARS));
        for posts in [
            vec![
                "Three reasons:",
                "1) old engines",
                "",
                "2) short crews",
                "",
                "3) silt",
            ],
            vec!["Three reasons:", "1) old engines", &long, "3) silt"],
            vec!["1) old engines", "2) short crews", "3) silt"],
        ] {
            let (style, markers) = detect(&posts).expect("numbered posts");
            assert_eq!(style, Style::Leading);
            assert_eq!(markers.iter().flatten().count(), 3, "{posts:?}");
        }
    }

    #[test]
    fn years_number_entries_and_may_repeat() {
        let lines = [
            "2010 - one",
            "2011 - two",
            "2017 (a) - three",
            "2017 (b) - four",
            "2016 - five",
        ];
        let seq = sequence(&lines, Style::Leading, &[]);
        let labels: Vec<_> = seq
            .iter()
            .map(|m| m.as_ref().map(|m| m.label.as_str()))
            .collect();
        assert_eq!(
            labels,
            [
                Some("2010 -"),
                Some("2011 -"),
                Some("2017 (a) -"),
                Some("2017 (b) -"),
                None
            ]
        );
        assert_eq!(leading("2019 was a year"), None);
        assert_eq!(leading("1.5 - 2 degrees"), None);
    }

    #[test]
    fn sequence_keeps_only_an_upward_count() {
        let lines = ["a 1/", "b", "open 5/ days", "c 2/", "d 3/", "e 2/"];
        let seq = sequence(&lines, Style::Trailing, &[]);
        let numbers: Vec<_> = seq.iter().map(|m| m.as_ref().map(|m| m.number)).collect();
        assert_eq!(numbers, [Some(1), None, None, Some(2), Some(3), None]);
    }

    #[test]
    fn a_list_in_a_numbered_post_numbers_no_post() {
        // "2)" holds a list of its own, "1)" to "3)", right under its lead-in: the post
        // numbered "3)" is the one after it, not the list's last item.
        for (one, two, three) in [("1)", "2)", "3)"), ("1.", "2.", "3.")] {
            let lines = [
                format!("{one} Three mistakes. A thread."),
                String::new(),
                format!("{two} No baseline. Always try:"),
                format!("{one} the mean"),
                format!("{two} a regression"),
                format!("{three} last week's value"),
                String::new(),
                format!("{three} Leaking the test set."),
                format!("4{} Accuracy on imbalanced sets.", &one[1..]),
            ];
            let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            let (style, seq) = detect(&lines).unwrap();
            assert_eq!(style, Style::Leading);
            let at: Vec<usize> = marked_lines(&seq);
            assert_eq!(at, [0, 2, 7, 8], "{one}");
        }
        // A list as long as the post's number, the next post on the line under it: the
        // post is no item, as no later "3)" stands for it.
        let lines = [
            "1) Three mistakes. A thread.",
            "2) No baseline. Always compare with:",
            "1) the mean",
            "2) last week's value",
            "3) Leaking the test set.",
            "4) Accuracy on imbalanced sets.",
        ];
        let (_, seq) = detect(&lines).unwrap();
        assert_eq!(marked_lines(&seq), [0, 1, 4, 5]);
        // A list of five under post "2)": none of its items is a post.
        let lines = [
            "1) Mistakes. A thread.",
            "2) Try these:",
            "1) a",
            "2) b",
            "3) c",
            "4) d",
            "5) e",
            "",
            "3) Leaking the test set.",
        ];
        let (_, seq) = detect(&lines).unwrap();
        assert_eq!(marked_lines(&seq), [0, 1, 8]);
    }

    #[test]
    fn a_list_closing_a_long_text_is_no_numbering() {
        let prose = "A paragraph of an article, long enough to fill most of a post. ".repeat(4);
        let mut lines = vec![prose.as_str(); 4];
        lines.extend(["1. Send", "2. Sign", "3. Mint"]);
        assert!(detect(&lines).is_none());
        // After an introduction of a post or two, they number the thread.
        assert_eq!(detect(&lines[2..]).unwrap().1.iter().flatten().count(), 3);
    }

    #[test]
    fn detect_prefers_the_style_with_more_markers() {
        let lines = ["1. one", "2. two", "and the end 1/"];
        assert_eq!(detect(&lines).unwrap().0, Style::Leading);
        assert!(detect(&["only 1/"]).is_none());
    }
}
