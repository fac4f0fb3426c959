//! Wrapping text to a width in terminal columns, as byte ranges of the original text, so the
//! caller can style each range (hashtags, search hits) without copying or re-measuring it.
//!
//! textwrap finds the break opportunities (Unicode line-break rules, so CJK text breaks
//! between characters) and measures with unicode-width; words wider than a line are split.

use std::ops::Range;
use textwrap::WordSeparator;
use textwrap::core::{Word, break_words};
use textwrap::wrap_algorithms::wrap_first_fit;

/// The lines of `text` wrapped to `width` columns: each a byte range of `text` without its
/// trailing whitespace. Every line break in `text` starts a new line; an empty line is an
/// empty range. A width of 0 is taken as 1.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let base = text.as_ptr() as usize;
    let offset_of = |s: &str| s.as_ptr() as usize - base;
    let mut lines = Vec::new();
    for line in text.split('\n') {
        let start = offset_of(line);
        let words: Vec<Word> = break_words(WordSeparator::new().find_words(line), width);
        if words.iter().all(|w| w.word.is_empty()) {
            lines.push(start..start);
            continue;
        }
        for piece in wrap_first_fit(&words, &[width as f64]) {
            let (Some(first), Some(last)) = (piece.first(), piece.last()) else {
                continue;
            };
            let from = offset_of(first.word);
            let to = offset_of(last.word) + last.word.len();
            lines.push(from..to.max(from));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn breaks_at_words_and_keeps_line_breaks() {
        assert_eq!(
            lines("one two three\n\nfour", 8),
            ["one two", "three", "", "four"]
        );
    }

    #[test]
    fn splits_words_longer_than_the_line() {
        assert_eq!(lines("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        for line in lines("🧵🧵🧵 日本語のテキストです wide", 6) {
            assert!(line.width() <= 6, "{line:?}");
        }
    }

    #[test]
    fn zero_width_is_one_column() {
        assert_eq!(lines("ab", 0), ["a", "b"]);
    }
}
