//! A saved page of one post: the page X shows for a status, clipped without per-post
//! headers. Its title says what it is ("Post by @ann on X", or X's own `Ann on X: "…" / X`
//! in any of its languages); everything the page holds is that post, however long, and a
//! copy of the post's opening that the title left in the text is the page's, not the post's.

use super::{Kind, Reading, Thread, byline, numbering, segment};
use regex::Regex;
use std::sync::LazyLock;

/// "Post by @ann on X", as clippers name a status page.
static POST_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^Post by \S.{0,60} on (?:X|Twitter)$").expect("the pattern is valid")
});

/// Whether `title` names the page of one post.
pub fn is_one_post_title(title: &str) -> bool {
    let title = title.trim();
    POST_BY.is_match(title) || byline::from_x_title(title).is_some()
}

/// How far into a page the copy of its title may run.
const ECHO_MAX_BYTES: usize = 2048;

/// `text` without the copy of the title that opens it: X's title quotes the post's
/// opening and ends "… / X"; a tool that writes the title as the page's heading leaves the
/// rest of the quotation, up to that ending, above the post. What is cut must be in the
/// title.
fn without_title_echo<'t>(text: &'t str, title: &str) -> &'t str {
    if !title.trim_end().ends_with("/ X") {
        return text;
    }
    // Front matter may keep the title's line breaks as escapes ("\n").
    let flat = |s: &str| {
        s.replace("\\n", " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let title = flat(title);
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        at += line.len();
        if at > ECHO_MAX_BYTES {
            break;
        }
        if line.trim_end().ends_with("/ X") {
            return match title.contains(flat(&text[..at]).as_str()) {
                true => &text[at..],
                false => text,
            };
        }
    }
    text
}

/// Reads the text of a page titled as one post, unless it is numbered as a thread is
/// ("1/", "2/5"): a list numbered "1." or "(1)" is the post's own.
pub fn read(text: &str, title: &str) -> Option<Reading> {
    let text = without_title_echo(text, title).trim();
    let lines: Vec<&str> = text.lines().collect();
    let thread_numbered = numbering::detect(&lines)
        .is_some_and(|(_, markers)| markers.iter().flatten().any(|m| m.label.contains('/')));
    if text.is_empty() || thread_numbered {
        return None;
    }
    let mut reading = Reading::new(Kind::Unroll);
    reading
        .threads
        .push(Thread::new(vec![segment::single_post(text)], None));
    Some(reading)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_of_one_post() {
        assert!(is_one_post_title("Post by @ann_ex on X"));
        assert!(is_one_post_title("Ann Example on X: \"On care\" / X"));
        assert!(is_one_post_title("X 上的 Ann Example：“On care” / X"));
        assert!(!is_one_post_title("Thread by @ann_ex"));
        assert!(!is_one_post_title("A post by Ann on care"));
    }

    #[test]
    fn the_rest_of_the_quoted_title_is_left_out() {
        let title = "Ann on X: \"Care matters\n\nA long post” / X";
        let text = "A long post” / X\n\nCare matters. A long post on care.";
        assert_eq!(
            without_title_echo(text, title),
            "\nCare matters. A long post on care."
        );
        assert_eq!(without_title_echo(text, "Post by @ann on X"), text);
        // Text that ends like the title but is not in it stays.
        let other = "Ann on X: \"Something else\" / X";
        assert_eq!(without_title_echo(text, other), text);
    }

    #[test]
    fn a_list_is_the_posts_own_and_thread_numbering_is_a_thread() {
        let title = "Post by @ann on X";
        let list = "Five changes:\n\n1. Kinship care\n\n2. Family help\n\n3. Data\n";
        let reading = read(list, title).unwrap();
        assert_eq!(reading.threads[0].posts.len(), 1);
        assert!(read("One. 1/\nTwo. 2/\nThree. 3/3\n", title).is_none());
    }
}
