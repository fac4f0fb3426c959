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
/// rest of the quotation, up to that ending, above the post.
fn without_title_echo<'t>(text: &'t str, title: &str) -> &'t str {
    if !title.trim_end().ends_with("/ X") {
        return text;
    }
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        at += line.len();
        if at > ECHO_MAX_BYTES {
            break;
        }
        if line.trim_end().ends_with("/ X") {
            return &text[at..];
        }
    }
    text
}

/// Reads the text of a page titled as one post, unless it is numbered as a thread.
pub fn read(text: &str, title: &str) -> Option<Reading> {
    let text = without_title_echo(text, title).trim();
    let lines: Vec<&str> = text.lines().collect();
    if text.is_empty() || numbering::detect(&lines).is_some() {
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
    }
}
