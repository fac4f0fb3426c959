//! Splitting text without numbering markers into posts.
//!
//! Scrapes join a thread's posts with line breaks, and a post may itself hold line breaks and
//! blank lines, so the lines alone do not say where posts end. The platform's limit does: a
//! post is at most 280 weighted characters. The segmenter picks the split into the fewest posts
//! that each fit, and among those the one that breaks at single line breaks rather than blank
//! lines, and not before a bullet or after a colon. A picture marker always ends a post.

use super::entities::{POST_LIMIT, weighted_len};
use super::numbering::{self, Marker, Style};
use super::{Post, chrome};

/// One post's text and whether it carried a picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub media: bool,
}

/// What separates a line from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    Start,
    Line,
    Blank,
    /// A separator line ("---", "* * *"): a post starts here.
    Break,
}

#[derive(Debug)]
struct Unit<'a> {
    text: &'a str,
    gap: Gap,
    media: bool,
    weight: usize,
}

/// Above this many lines the exact-count search is skipped (its work grows with the count
/// times the lines times the lines one post can hold); the fewest-posts split still runs.
const EXACT_COUNT_MAX_UNITS: usize = 256;

/// Splits `lines` into posts. With `expected` (a count the page states for these lines), the
/// best split into exactly that many posts wins when one exists.
pub fn segment(lines: &[&str], expected: Option<usize>) -> Vec<Segment> {
    let units = units(lines);
    match units.len() {
        0 => return Vec::new(),
        1 => return vec![assemble(&units)],
        _ => {}
    }
    let cuts = expected
        .filter(|&k| k >= 1 && units.len() <= EXACT_COUNT_MAX_UNITS)
        .and_then(|k| exact_cuts(&units, k))
        .or_else(|| apart(&units))
        .unwrap_or_else(|| fewest_cuts(&units));
    let mut starts = cuts;
    starts.push(units.len());
    starts
        .windows(2)
        .map(|w| assemble(&units[w[0]..w[1]]))
        .collect()
}

fn units<'a>(lines: &[&'a str]) -> Vec<Unit<'a>> {
    let mut units = Vec::new();
    let mut gap = Gap::Start;
    for line in lines {
        let line = line.trim();
        if chrome::is_separator(line) {
            if gap != Gap::Start {
                gap = Gap::Break;
            }
            continue;
        }
        if line.is_empty() {
            if gap == Gap::Line {
                gap = Gap::Blank;
            }
            continue;
        }
        let (text, media) = strip_media(line);
        let media = media || ends_with_picture_link(text);
        let weight = weighted_len(text);
        units.push(Unit {
            text,
            gap,
            media,
            weight,
        });
        gap = Gap::Line;
    }
    units
}

/// A post's text ends in "Image" where the scrape stood in for an attached picture.
pub fn strip_media(line: &str) -> (&str, bool) {
    let line = line.trim_end();
    if line == "Image" {
        return ("", true);
    }
    match line.strip_suffix(" Image") {
        Some(rest) => (rest.trim_end(), true),
        None => (line, false),
    }
}

/// Whether a line ends with the link X appends to a post's pictures (`pic.twitter.com/…`,
/// bare or as a Markdown link), or with the address of a picture X holds
/// (`pbs.twimg.com/media/…`, as unrollers' pages saved as Markdown link one): the post ends
/// there, as after an "Image" line.
fn ends_with_picture_link(line: &str) -> bool {
    let last = line.rsplit(char::is_whitespace).next().unwrap_or("");
    let last = last.trim_start_matches('[');
    let last = (last
        .strip_prefix("https://")
        .or_else(|| last.strip_prefix("http://")))
    .unwrap_or(last);
    ["pic.twitter.com/", "pic.x.com/", "pbs.twimg.com/media/"]
        .iter()
        .any(|host| last.starts_with(host))
}

/// What is known of every run of units `units[j..i]`, summed ahead so that asking whether a
/// run may be one post costs the same for any run: the searches below ask it for every
/// pair of ends.
struct Runs {
    /// `weight[i]`: the weights of the units before `i`, each with the separator before it
    /// (two for a blank line, one for a line break).
    weight: Vec<usize>,
    /// `pictures[i]`: how many of the units before `i` carry a picture.
    pictures: Vec<usize>,
    /// `breaks[i]`: how many of the units before `i` follow a separator line.
    breaks: Vec<usize>,
    /// Each unit's separator weight, as counted in `weight`.
    separator: Vec<usize>,
}

impl Runs {
    fn new(units: &[Unit]) -> Runs {
        let separator: Vec<usize> = (units.iter())
            .map(|u| if u.gap == Gap::Blank { 2 } else { 1 })
            .collect();
        let sums = |f: &dyn Fn(usize) -> usize| -> Vec<usize> {
            std::iter::once(0)
                .chain((0..units.len()).scan(0, |sum, k| {
                    *sum += f(k);
                    Some(*sum)
                }))
                .collect()
        };
        Runs {
            weight: sums(&|k| units[k].weight + separator[k]),
            pictures: sums(&|k| usize::from(units[k].media)),
            breaks: sums(&|k| usize::from(units[k].gap == Gap::Break)),
            separator,
        }
    }

    /// Whether `units[j..i]` may form one post: no picture before its last line, no
    /// separator line between its lines, and within the limit (a single line over the limit
    /// is still a post: the scrape may have joined lines).
    fn fits(&self, j: usize, i: usize) -> bool {
        let picture_inside = self.pictures[i - 1] > self.pictures[j];
        let separated = self.breaks[i] > self.breaks[j + 1];
        // The units' weights and the separators between them (not the one before the first).
        let weight = self.weight[i] - self.weight[j] - self.separator[j];
        !picture_inside && !separated && (i - j == 1 || weight <= POST_LIMIT)
    }
}

/// The cost of starting a post at unit `j`: breaking at a blank line, before a bullet or after
/// a colon is possible but less likely than breaking at a plain line break; before a picture
/// alone on its line (or its address alone), least likely: a post's pictures follow its text.
fn break_penalty(units: &[Unit], j: usize) -> u32 {
    if j == 0 {
        return 0;
    }
    if units[j].media && is_lone_picture(units[j].text) {
        return 8;
    }
    let mut penalty = 0;
    if units[j].gap == Gap::Blank {
        penalty += 1;
    }
    if is_bullet(units[j].text) {
        penalty += 2;
    }
    if units[j - 1].text.ends_with(':') && !units[j - 1].media {
        penalty += 2;
    }
    penalty
}

/// Whether the words of a line that carried a picture are the picture alone: none (the
/// "Image" line), or the picture's address alone.
fn is_lone_picture(words: &str) -> bool {
    words.is_empty() || (ends_with_picture_link(words) && !words.contains(char::is_whitespace))
}

/// A list item: a bullet, or an item numbered "1." or "2)" or lettered "a)" or "(b)" (what a
/// post's own list looks like once the thread's numbering has been told apart).
fn is_bullet(text: &str) -> bool {
    let marks = text.starts_with([
        '▪', '•', '·', '◾', '▫', '►', '‣', '–', '-', '*', '✅', '➡', '→',
    ]);
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = (1..=2).contains(&digits)
        && matches!(text.as_bytes().get(digits), Some(b'.' | b')'))
        && text.as_bytes().get(digits + 1) == Some(&b' ');
    let bytes = text.strip_prefix('(').unwrap_or(text).as_bytes();
    let lettered = bytes.len() > 3 && bytes[0].is_ascii_lowercase() && bytes[1..3] == *b") ";
    marks || numbered || lettered
}

/// Each paragraph its own post, where no two lines stand together but a list's items (the
/// lines after the first of a paragraph are bullets or numbered items) and each paragraph
/// fits in a post: a thread written out with a blank line between its posts and none within
/// them (a scrape joins posts with single line breaks, so they say nothing of this kind).
fn apart(units: &[Unit]) -> Option<Vec<usize>> {
    let together = |u: &Unit| u.gap == Gap::Line;
    let starts: Vec<usize> = (0..units.len()).filter(|&i| !together(&units[i])).collect();
    let lists = (units.iter().filter(|u| together(u))).all(|u| is_bullet(u.text));
    let mut ends = starts[1..].iter().copied().chain([units.len()]);
    let fit = starts.iter().all(|&start| {
        let end = ends.next().unwrap_or(units.len());
        let weight: usize = units[start..end].iter().map(|u| u.weight + 1).sum();
        weight <= POST_LIMIT + 1
    });
    (lists && fit).then_some(starts)
}

/// The starts of the posts of the split into the fewest posts, least penalty breaking ties.
fn fewest_cuts(units: &[Unit]) -> Vec<usize> {
    let n = units.len();
    let runs = Runs::new(units);
    let mut best: Vec<Option<((usize, u32), usize)>> = vec![None; n + 1];
    best[0] = Some(((0, 0), 0));
    for i in 1..=n {
        for j in (0..i).rev() {
            if !runs.fits(j, i) {
                if i - j > 1 {
                    break;
                }
                continue;
            }
            let Some(((posts, penalty), _)) = best[j] else {
                continue;
            };
            let candidate = ((posts + 1, penalty + break_penalty(units, j)), j);
            if best[i].is_none_or(|(cost, _)| candidate.0 < cost) {
                best[i] = Some(candidate);
            }
        }
    }
    backtrack(n, |i| best[i].map(|(_, j)| j))
}

/// The starts of the least-penalty split into exactly `k` posts, if any split has `k` posts.
fn exact_cuts(units: &[Unit], k: usize) -> Option<Vec<usize>> {
    let n = units.len();
    if k > n {
        return None;
    }
    let runs = Runs::new(units);
    // best[p][i]: least penalty splitting the first i units into p posts, and the last start.
    let mut best = vec![vec![None::<(u32, usize)>; n + 1]; k + 1];
    best[0][0] = Some((0, 0));
    for p in 1..=k {
        for i in p..=n {
            for j in (p - 1..i).rev() {
                if !runs.fits(j, i) {
                    if i - j > 1 {
                        break;
                    }
                    continue;
                }
                let Some((penalty, _)) = best[p - 1][j] else {
                    continue;
                };
                let candidate = penalty + break_penalty(units, j);
                if best[p][i].is_none_or(|(cost, _)| candidate < cost) {
                    best[p][i] = Some((candidate, j));
                }
            }
        }
    }
    best[k][n]?;
    let mut p = k;
    Some(backtrack(n, |i| {
        let start = best[p][i].map(|(_, j)| j);
        p = p.saturating_sub(1);
        start
    }))
}

/// Walks back pointers from the end to the start, returning the starts in order.
fn backtrack(
    n: usize,
    mut start_of_post_ending_at: impl FnMut(usize) -> Option<usize>,
) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut i = n;
    while i > 0 {
        let Some(j) = start_of_post_ending_at(i) else {
            break;
        };
        starts.push(j);
        i = j;
    }
    starts.reverse();
    starts
}

fn assemble(units: &[Unit]) -> Segment {
    let mut text = String::new();
    // A picture's line adds no text: only its mark (below).
    for unit in units.iter().filter(|u| !u.text.is_empty()) {
        match unit.gap {
            _ if text.is_empty() => {}
            Gap::Blank => text.push_str("\n\n"),
            _ => text.push('\n'),
        }
        text.push_str(unit.text);
    }
    let media = units.iter().any(|u| u.media);
    Segment { text, media }
}

/// The posts of one thread's lines: split at the author's numbering markers when the lines
/// carry a believable count, otherwise by the post limit (`expected`: see [`segment`]).
pub fn posts(lines: &[&str], expected: Option<usize>) -> Vec<Post> {
    let Some((style, markers)) = numbering::detect(lines) else {
        return unnumbered(lines, expected);
    };
    let at: Vec<usize> = (0..lines.len()).filter(|&i| markers[i].is_some()).collect();
    let mut posts = Vec::new();
    match style {
        Style::Trailing => {
            let mut start = 0;
            for &i in &at {
                let end = i + tags_under(&lines[i + 1..], &markers[i + 1..]);
                posts.push(post_of_lines(&lines[start..=end], markers[i].clone()));
                start = end + 1;
            }
            posts.extend(unnumbered(&lines[start..], None));
        }
        Style::Leading => {
            posts.extend(unnumbered(&lines[..at[0]], None));
            // The first post may close with its number where the others open with theirs
            // ("… 🧵 1/6", then "2/6 …"): it is numbered so when it comes right before.
            let next = markers[at[0]].as_ref().map(|m| m.number);
            if let Some(first) = posts.last_mut().filter(|p| p.label.is_none()) {
                let last_line = first.text.lines().next_back().unwrap_or("");
                let closing = numbering::trailing(last_line).filter(|m| Some(m.number + 1) == next);
                if let Some(marker) = closing {
                    first.number = Some(marker.number);
                    first.total = marker.total;
                    first.label = Some(marker.label.into());
                }
            }
            for (k, &i) in at.iter().enumerate() {
                let next = at.get(k + 1).copied();
                // A page that counts its posts holds no more than them: its last goes on.
                let end = match (next, expected) {
                    (Some(next), _) => next,
                    (None, Some(_)) => lines.len(),
                    (None, None) => last_post_end(&lines[i..], &markers[i]) + i,
                };
                posts.push(post_of_lines(&lines[i..end], markers[i].clone()));
                if next.is_none() {
                    // What a page writes under a thread it republishes ("Since then, …").
                    posts.extend(unnumbered(&lines[end..], None));
                }
            }
        }
    }
    posts
}

/// Where the last numbered post of a thread, opening `lines`, ends: with its paragraph (and
/// the hashtags, links and pictures under it) when its author marks it as the last ("3/3",
/// "… /fin") and what follows would take it past a post's length, as a page that
/// republishes a thread may go on below it; else at the end (a last post of a few short
/// paragraphs is one post).
fn last_post_end(lines: &[&str], marker: &Option<Marker>) -> usize {
    let weight: usize = lines.iter().map(|l| weighted_len(l)).sum();
    if weight <= POST_LIMIT {
        return lines.len();
    }
    let paragraph = lines
        .iter()
        .position(|l| l.trim().is_empty())
        .unwrap_or(lines.len());
    let closing = |l: &&str| {
        let last = l.split_whitespace().next_back().unwrap_or("");
        let last = last.trim_matches(['*', '_', '.', '!']).to_lowercase();
        chrome::THREAD_CLOSERS.contains(&last.as_str())
    };
    let last = marker.as_ref().is_some_and(|m| m.total == Some(m.number))
        || lines[..paragraph].iter().any(closing);
    match last {
        true => last_paragraph_end(lines),
        false => lines.len(),
    }
}

/// Where the paragraph opening `lines` ends, with the blocks of hashtags, links or pictures
/// alone under it, which are still its own.
pub fn last_paragraph_end(lines: &[&str]) -> usize {
    let paragraph = lines
        .iter()
        .position(|l| l.trim().is_empty())
        .unwrap_or(lines.len());
    let mut end = paragraph;
    let mut at = paragraph;
    while at < lines.len() {
        let line = lines[at].trim();
        let tail = is_tags_line(line) || strip_media(line).0.is_empty();
        if !line.is_empty() && !tail {
            break;
        }
        at += 1;
        if !line.is_empty() {
            end = at;
        }
    }
    end
}

/// How many of `lines`, under a line that a marker closes, are hashtags or links wrapped
/// onto lines of their own ("… 3/3 #ShortBreaks" then "#DisabledChildren"): the marker's
/// post's, where they close its paragraph. (Above more text they open the next post.)
fn tags_under(lines: &[&str], markers: &[Option<Marker>]) -> usize {
    let tags = (lines.iter().zip(markers))
        .take_while(|(line, marker)| marker.is_none() && is_tags_line(line))
        .count();
    let closes = lines
        .get(tags)
        .is_none_or(|l| l.trim().is_empty() || chrome::is_separator(l));
    if closes { tags } else { 0 }
}

/// Whether `line` holds hashtags and links and nothing else ("#SEND #LocalGov").
fn is_tags_line(line: &str) -> bool {
    let mut words = line.split_whitespace().peekable();
    // "#1" is no hashtag: one needs a letter.
    let hashtag = |w: &str| {
        w.strip_prefix('#')
            .is_some_and(|t| t.chars().any(char::is_alphabetic))
    };
    let tag = |w: &str| hashtag(w) || super::entities::is_link(w);
    words.peek().is_some() && words.all(tag)
}

/// `text` as one post, numbered by a marker that opens its first line or closes its last
/// (hashtags and links on lines under it aside).
pub fn single_post(text: &str) -> Post {
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.iter().find(|l| !l.trim().is_empty());
    // A post's label closes its text, above its pictures and its tags.
    let last =
        (lines.iter().rev()).find(|l| !strip_media(l).0.trim().is_empty() && !is_tags_line(l));
    let marker = (first.and_then(|l| match without_reply_handles(l) {
        rest if rest.len() < l.trim_start().len() => numbering::opening_number(rest),
        _ => numbering::leading(l),
    }))
    .or_else(|| last.and_then(|l| numbering::trailing(l)));
    post_of_lines(&lines, marker)
}

/// A post's first line without the handles a reply opens with ("@lena 2/3 …", as Mastodon
/// and X write a reply in a thread that answers someone): its number follows them.
pub fn without_reply_handles(line: &str) -> &str {
    let mut rest = line.trim_start();
    while let Some(after) = rest.strip_prefix('@') {
        let end = after.find(char::is_whitespace).unwrap_or(after.len());
        if end == 0 {
            break;
        }
        rest = after[end..].trim_start();
    }
    rest
}

/// One post of `lines`: joined, a picture line taken as the post's picture.
pub fn post_of_lines(lines: &[&str], marker: Option<Marker>) -> Post {
    let mut media = false;
    let stripped: Vec<&str> = lines
        .iter()
        .map(|line| {
            let (text, picture) = strip_media(line);
            media |= picture;
            text
        })
        .collect();
    Post::new(join_lines(&stripped), marker, media)
}

/// The posts of a page saved by a tool that writes a post's line breaks as blank lines, and
/// so its paragraph breaks as two (Thread Reader App's pages converted to Markdown): lines
/// two blank lines apart are one post's, one blank line starts a post unless a list goes on
/// across it (an item after an item, or after a line that ends with a colon). A picture, a
/// separator line or a gap wider than a paragraph's ends a post; a picture on a line of its
/// own is the post's above it. A post is numbered by a marker that opens or closes it, as
/// [`single_post`] numbers one.
pub fn by_gap_width(lines: &[&str]) -> Vec<Post> {
    let mut posts = Vec::new();
    // The post so far, its weight as the limit counts it, and whether it has a picture.
    let (mut text, mut weight, mut media) = (String::new(), 0, false);
    // The post's last line of words, the blank lines since it, and whether a separator
    // line stands between.
    let (mut last, mut blanks, mut parted): (Option<&str>, usize, bool) = (None, 0, false);
    for line in lines {
        let line = line.trim();
        if chrome::is_separator(line) {
            parted = true;
            continue;
        }
        if line.is_empty() {
            blanks += 1;
            continue;
        }
        let (words, picture) = strip_media(line);
        let picture = picture || ends_with_picture_link(words);
        let words_weight = weighted_len(words);
        if let Some(previous) = last {
            // A list goes on while the post stays within twice the limit: posts past it
            // exist, and an emoji's sequence weighs more here than it does on X ("1️⃣").
            let fits = weight + 1 + words_weight <= 2 * POST_LIMIT;
            let list = continues_list(previous, words) && fits;
            let alone = picture && is_lone_picture(words);
            let new_post = parted || (!alone && (media || blanks > 2 || (blanks == 1 && !list)));
            if new_post {
                posts.push(numbered_post(&std::mem::take(&mut text), media));
                (weight, media) = (0, false);
            } else if !words.is_empty() {
                let separator = if blanks >= 2 { "\n\n" } else { "\n" };
                text.push_str(separator);
                weight += separator.len();
            }
        }
        text.push_str(words);
        weight += words_weight;
        media |= picture;
        (last, blanks, parted) = (Some(words).filter(|w| !w.is_empty()).or(last), 0, false);
    }
    if last.is_some() {
        posts.push(numbered_post(&text, media));
    }
    posts
}

/// `text` as one post, numbered as [`single_post`] numbers it, with a picture if `media`.
fn numbered_post(text: &str, media: bool) -> Post {
    let mut post = single_post(text);
    post.media |= media;
    post
}

/// Whether `line` goes on the list `previous` is an item of or opens with its colon.
fn continues_list(previous: &str, line: &str) -> bool {
    let item = |t: &str| is_bullet(t) || starts_with_keycap(t);
    item(line) && (item(previous) || previous.ends_with(':'))
}

/// Whether `text` opens with a keycap ("1️⃣"), as items of a list written with emoji do.
fn starts_with_keycap(text: &str) -> bool {
    let mut chars = text.chars();
    let base = chars
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '#' || c == '*');
    let mut next = chars.next();
    if next == Some('\u{FE0F}') {
        next = chars.next();
    }
    base && next == Some('\u{20E3}')
}

fn unnumbered(lines: &[&str], expected: Option<usize>) -> Vec<Post> {
    segment(lines, expected)
        .into_iter()
        .map(|s| Post::new(s.text, None, s.media))
        .collect()
}

/// Joins the lines of one post: trimmed, runs of blank lines kept as one, none at either end;
/// a separator line ("---") is a blank line.
pub fn join_lines(lines: &[&str]) -> String {
    let mut text = String::new();
    let mut blank = false;
    for line in lines {
        let line = line.trim();
        if line.is_empty() || chrome::is_separator(line) {
            blank = !text.is_empty();
            continue;
        }
        if !text.is_empty() {
            text.push_str(if blank { "\n\n" } else { "\n" });
        }
        text.push_str(line);
        blank = false;
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::Just;

    fn texts(segments: &[Segment]) -> Vec<&str> {
        segments.iter().map(|s| s.text.as_str()).collect()
    }

    fn sentence(len: usize) -> String {
        "x".repeat(len - 1) + "."
    }

    /// What [`Runs::fits`] answers, asked of the units themselves.
    fn fits(units: &[Unit], j: usize, i: usize) -> bool {
        let picture_inside = units[j..i - 1].iter().any(|u| u.media);
        let separated = units[j + 1..i].iter().any(|u| u.gap == Gap::Break);
        let separators: usize = (units[j + 1..i].iter())
            .map(|u| if u.gap == Gap::Blank { 2 } else { 1 })
            .sum();
        let weight = units[j..i].iter().map(|u| u.weight).sum::<usize>() + separators;
        !picture_inside && !separated && (i - j == 1 || weight <= POST_LIMIT)
    }

    proptest::proptest! {
        #[test]
        fn runs_fit_as_their_units_do(
            lines in proptest::collection::vec(
                proptest::prop_oneof![
                    Just(String::new()),
                    Just("---".to_string()),
                    "[a-z]{1,30}",
                    "[a-z ]{1,120}",
                    "[a-z ]{1,40} Image",
                ],
                1..80,
            )
        ) {
            let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            let units = units(&lines);
            let runs = Runs::new(&units);
            for i in 1..=units.len() {
                for j in 0..i {
                    proptest::prop_assert_eq!(runs.fits(j, i), fits(&units, j, i), "{}..{}", j, i);
                }
            }
        }
    }

    #[test]
    fn short_lines_join_into_one_post() {
        let segments = segment(
            &["#Advocacy thread.", "A key point.", "#CareReview 🧵 Image"],
            None,
        );
        assert_eq!(
            texts(&segments),
            ["#Advocacy thread.\nA key point.\n#CareReview 🧵"]
        );
        assert!(segments[0].media);
    }

    #[test]
    fn the_limit_splits_lines() {
        let (a, b) = (sentence(200), sentence(100));
        assert_eq!(texts(&segment(&[&a, &b], None)), [a.as_str(), b.as_str()]);
    }

    #[test]
    fn blank_separated_paragraphs_stay_together_within_the_limit() {
        let (a, b, c) = (sentence(150), sentence(100), sentence(200));
        let segments = segment(&[&a, "", &b, &c], None);
        assert_eq!(texts(&segments), [format!("{a}\n\n{b}"), c.clone()]);
    }

    #[test]
    fn paragraphs_apart_are_posts_apart() {
        // No line stands with another: each paragraph is a post, however short.
        let lines = [
            "Short.",
            "",
            "Also short.",
            "",
            "Lead-in:",
            "- one",
            "- two",
            "",
            "End.",
        ];
        let segments = segment(&lines, None);
        assert_eq!(
            texts(&segments),
            ["Short.", "Also short.", "Lead-in:\n- one\n- two", "End."]
        );
        // A list longer than a post: the limit's rule holds, and no post is over it.
        let item = format!("- {}", sentence(120));
        let lines = ["Short.", "", "Lead-in:", &item, &item, &item];
        let segments = segment(&lines, None);
        assert_eq!(segments.len(), 2, "{:?}", texts(&segments));
        assert!(segments.iter().all(|s| weighted_len(&s.text) <= POST_LIMIT));
        // One line that stands with another and is no list item: the scrape's rule holds.
        let lines = ["Short.", "", "Also short.", "And this."];
        assert_eq!(
            texts(&segment(&lines, None)),
            ["Short.\n\nAlso short.\nAnd this."]
        );
    }

    #[test]
    fn ties_break_at_a_line_break_not_a_blank_line() {
        // [a+b][c] and [a][b+c] are both two posts; b follows a blank line, c a line break.
        let (a, b, c) = (sentence(160), sentence(60), sentence(160));
        let segments = segment(&[&a, "", &b, &c], None);
        assert_eq!(texts(&segments), [format!("{a}\n\n{b}"), c.clone()]);
    }

    #[test]
    fn a_separator_line_ends_a_post_and_is_no_text() {
        // A clipper escapes a line of marks it took for text: a separator all the same.
        for separator in ["---", "* * *", "<hr>", "___", "\\-----"] {
            let lines = ["Yes.", separator, "No.", "", separator, "", "Maybe."];
            assert_eq!(texts(&segment(&lines, None)), ["Yes.", "No.", "Maybe."]);
        }
        assert_eq!(join_lines(&["One.", "---", "Two."]), "One.\n\nTwo.");
        for text in ["--", "-*-", "--- a", "1---", "\\--", "\\", "\\\\---"] {
            assert!(!chrome::is_separator(text), "{text}");
        }
    }

    #[test]
    fn by_gap_width_two_blank_lines_join_one_splits_a_list_goes_on() {
        let lines: Vec<&str> = "One.\n\n\nStill one.\n\nTwo, in three ways:\n\n\n- a\n\n- b\n\nThree Image\nFour.\n\n\n\nFive.\n---\nSix 6/"
            .lines()
            .collect();
        let posts = by_gap_width(&lines);
        let texts: Vec<&str> = posts.iter().map(|p| &*p.text).collect();
        assert_eq!(
            texts,
            [
                "One.\n\nStill one.",
                "Two, in three ways:\n\n- a\n- b",
                "Three",
                "Four.",
                "Five.",
                "Six 6/"
            ]
        );
        let media: Vec<bool> = posts.iter().map(|p| p.media).collect();
        assert_eq!(media, [false, false, true, false, false, false]);
        // A post is numbered by its own marker; an item of a list in it is not one.
        assert_eq!(posts[5].number, Some(6));
        assert!(posts[..5].iter().all(|p| p.label.is_none()));
        // Keycaps go on a list too, after a colon or an item; not after a sentence.
        let keycaps = ["Asked for:", "", "1\u{fe0f}\u{20e3} a", "", "2\u{20e3} b"];
        assert_eq!(by_gap_width(&keycaps).len(), 1);
        // Not past twice the limit: items that long are posts.
        let item = format!("- {}", "x".repeat(200));
        let long = ["Three points:", "", &item, "", &item, "", &item];
        assert_eq!(by_gap_width(&long).len(), 2);
        assert_eq!(by_gap_width(&["Said.", "", "- a"]).len(), 2);
        assert!(by_gap_width(&["", "", "---"]).is_empty());
        // A picture on its own line, or its address, is the post's above it.
        let link = "[pbs.twimg.com/media/Ab1…](https://pbs.twimg.com/media/Ab1.jpg)";
        for picture in ["Image", link] {
            let posts = by_gap_width(&["Text.", "", picture, "", "Next."]);
            let read: Vec<(&str, bool)> = posts.iter().map(|p| (&*p.text, p.media)).collect();
            let text = format!("Text.\n{picture}").replace("\nImage", "");
            assert_eq!(read, [(text.as_str(), true), ("Next.", false)], "{picture}");
        }
    }

    #[test]
    fn a_picture_ends_its_post() {
        let segments = segment(&["first Image", "second"], None);
        assert_eq!(texts(&segments), ["first", "second"]);
        assert_eq!(
            segments.iter().map(|s| s.media).collect::<Vec<_>>(),
            [true, false]
        );
    }

    #[test]
    fn a_link_to_the_posts_pictures_ends_the_post() {
        let lines = [
            "Hiring is up in banks. pic.twitter.com/abc",
            "Retail is hiring too [pic.twitter.com/def](https://x.com/a/status/1/photo/1)",
            "And airlines.",
        ];
        let segments = segment(&lines, None);
        assert_eq!(segments.len(), 3, "{:?}", texts(&segments));
        assert!(segments[0].media && segments[1].media && !segments[2].media);
    }

    #[test]
    fn bullets_stay_with_their_lead_in() {
        let lead = sentence(100);
        let segments = segment(&[&lead, "There are:", "▪️ one.", "▪️ two."], None);
        assert_eq!(segments.len(), 1);
    }

    #[test]
    fn a_numbered_list_stays_with_its_lead_in_in_an_exact_split() {
        let (a, b) = (sentence(120), sentence(60));
        let lines = [&a, "What to do now:", "1. Read it.", "2. Check it.", &b];
        // Three posts: the lead-in and its list together, not cut before an item.
        let segments = segment(&lines, Some(3));
        let list = "What to do now:\n1. Read it.\n2. Check it.";
        assert_eq!(texts(&segments), [a.as_str(), list, b.as_str()]);
        for item in [
            "1. Read it.",
            "12) Check it.",
            "a) they gave up work",
            "(b) savings",
        ] {
            assert!(is_bullet(item), "{item}");
        }
        for text in ["1.5C warmer", "2024. A year.", "100. items", "a)", "A) Ann"] {
            assert!(!is_bullet(text), "{text}");
        }
    }

    #[test]
    fn expected_count_picks_an_exact_split() {
        let segments = segment(&["Yes.", "No.", "Maybe."], Some(3));
        assert_eq!(texts(&segments), ["Yes.", "No.", "Maybe."]);
        assert_eq!(segment(&["Yes.", "No.", "Maybe."], None).len(), 1);
    }

    #[test]
    fn an_impossible_expected_count_falls_back_to_fewest_posts() {
        let (a, b) = (sentence(200), sentence(200));
        assert_eq!(segment(&[&a, &b], Some(1)).len(), 2);
    }

    #[test]
    fn links_count_as_23() {
        let long_link = format!("https://example.org/{}", "p".repeat(300));
        let a = format!("{} {long_link}", sentence(100));
        let b = sentence(100);
        assert_eq!(segment(&[&a, &b], None).len(), 1);
    }

    #[test]
    fn hashtags_wrapped_under_a_closing_marker_are_its_posts() {
        let text = "Ferries stop at six. 1/2\n#Islay\n\nThe pier closes in May. 2/2 #Ferries\n#Islay https://pier.example/\n";
        let lines: Vec<&str> = text.lines().collect();
        let posts = posts(&lines, None);
        let read: Vec<(&str, Option<&str>)> = (posts.iter())
            .map(|p| (&*p.text, p.label.as_deref()))
            .collect();
        assert_eq!(
            read,
            [
                ("Ferries stop at six. 1/2\n#Islay", Some("1/2")),
                (
                    "The pier closes in May. 2/2 #Ferries\n#Islay https://pier.example/",
                    Some("2/2")
                ),
            ]
        );
        // Above more of the text, a line of hashtags opens the next post.
        let lines = ["Ferries stop at six. 1/2", "#Islay", "The pier closes. 2/2"];
        assert_eq!(
            posts_texts(&lines),
            ["Ferries stop at six. 1/2", "#Islay\nThe pier closes. 2/2"]
        );
        // One post closed by its marker, then a paragraph of hashtags.
        let post = single_post("A short thread. 1/4\n\n#SocialCare #LocalGov");
        assert_eq!(post.label.as_deref(), Some("1/4"));
        // The first post closed by its number, the others opened by theirs.
        let read = super::posts(
            &[
                "Why it matters [1/n]",
                "",
                "[2/n] Buses.",
                "",
                "[3/n] Fares.",
            ],
            None,
        );
        let labels: Vec<Option<&str>> = read.iter().map(|p| p.label.as_deref()).collect();
        assert_eq!(labels, [Some("1/n"), Some("2/n"), Some("3/n")]);
        assert_eq!(&*read[0].text, "Why it matters [1/n]");
        // Or by its picture.
        let post = single_post("The pier at dusk. 2/4\n\nImage");
        assert_eq!((post.label.as_deref(), post.media), (Some("2/4"), true));
    }

    #[test]
    fn a_thread_marked_as_ended_leaves_out_what_follows_it() {
        // The last post by its count ("3/3") or a closing "/fin" ends with its paragraph and
        // the hashtags and pictures under it; the page's own paragraphs follow apart.
        let since = format!("Since then, the council has stepped in. {}", sentence(200));
        for last in [
            "3/3 Volunteers.\nThey drove.",
            "3/ Volunteers.\nThey drove. /fin",
        ] {
            let text = format!(
                "1/ We stopped deliveries.\n\n2/ Fuel.\n\n{last}\n\n#FoodBank\n\nImage\n\n{since}\n\nThanks for reading."
            );
            let lines: Vec<&str> = text.lines().collect();
            let read = posts(&lines, None);
            let read: Vec<(&str, bool)> = read.iter().map(|p| (&*p.text, p.media)).collect();
            assert_eq!(
                read,
                [
                    ("1/ We stopped deliveries.", false),
                    ("2/ Fuel.", false),
                    (&*format!("{last}\n\n#FoodBank"), true),
                    (since.as_str(), false),
                    ("Thanks for reading.", false),
                ]
            );
        }
        // A last post of a few short paragraphs, within a post's length, is one post.
        let lines = [
            "1/ One.",
            "",
            "2/2 Two.",
            "",
            "And the minister should answer.",
        ];
        assert_eq!(
            posts_texts(&lines),
            ["1/ One.", "2/2 Two.\n\nAnd the minister should answer."]
        );
        // Nor is one cut where the page counts its posts.
        let long = sentence(300);
        let lines = ["1/ One.", "", "2/2 Two.", "", long.as_str()];
        assert_eq!(posts(&lines, Some(2)).len(), 2);
        // Not marked as the last, it goes on to the end, a post's paragraphs apart.
        let lines = ["1/ One.", "", "2/ Two.", "", "More of two."];
        assert_eq!(posts_texts(&lines), ["1/ One.", "2/ Two.\n\nMore of two."]);
    }

    fn posts_texts(lines: &[&str]) -> Vec<String> {
        posts(lines, None)
            .into_iter()
            .map(|p| p.text.to_string())
            .collect()
    }

    #[test]
    fn join_lines_keeps_one_blank_line() {
        assert_eq!(join_lines(&["", " a ", "", "", "b", "c", ""]), "a\n\nb\nc");
    }
}
