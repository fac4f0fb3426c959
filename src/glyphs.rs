//! Every glyph and mark the screen draws, with what it means. The renderer draws these
//! and the help's legend lists them, from this one table, so the two cannot drift apart.

use crate::corpus::Kind;

/// A glyph and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph {
    pub shown: &'static str,
    pub meaning: &'static str,
}

const fn glyph(shown: &'static str, meaning: &'static str) -> Glyph {
    Glyph { shown, meaning }
}

pub const UNROLL: Glyph = glyph("≡", "an unrolled thread");
pub const LISTING: Glyph = glyph("⋮", "a listing of threads (each an excerpt)");
pub const ARTICLE: Glyph = glyph("¶", "an article; ¶3 is its third paragraph");
pub const BLOG: Glyph = glyph("✎", "a blog post");
pub const PLAIN: Glyph = glyph("·", "plain text");
pub const POST: Glyph = glyph("›", "a post from an export");
pub const REPLY: Glyph = glyph("↩", "a reply, from an export");
pub const REPOST: Glyph = glyph("↻", "a repost, from an export");

/// The glyph of a kind of document, in the documents list.
pub fn kind(kind: Kind) -> Glyph {
    match kind {
        Kind::Unroll => UNROLL,
        Kind::Listing => LISTING,
        Kind::Article => ARTICLE,
        Kind::Blog => BLOG,
        Kind::Plain => PLAIN,
        Kind::Post => POST,
        Kind::Reply => REPLY,
        Kind::Repost => REPOST,
    }
}

pub const FOLDED_FILE: Glyph = glyph(
    "▸",
    "a file of several documents, folded (space lists them)",
);
pub const OPEN_FILE: Glyph = glyph("▾", "a file of several documents, listed under it");

pub const COUNT: Glyph = glyph(
    "3/36",
    "posts the filters leave, of all; with none in force, posts found of those declared",
);
pub const UNREAD: Glyph = glyph(
    "•",
    "•17: posts not read in a document begun; bold: not opened",
);

pub const CURRENT: Glyph = glyph("▌", "the current post");
pub const SELECTED: Glyph = glyph("●", "a post the filters select");
pub const HIT: Glyph = glyph("◆", "a search hit; in the list, ◆2: a document's hits");
pub const MISNUMBERED: Glyph = glyph("‼", "a number that repeats or goes back");
pub const FOLDED: Glyph = glyph("⋯", "posts folded away, or numbers missing");

pub const APPLIED: Glyph = glyph("✓", "a filter in force");
pub const EXCLUDED: Glyph = glyph("✗", "a filter in force that excludes (NOT)");

pub const MARKED: Glyph = glyph("★", "a marked post");
pub const CODES: Glyph = glyph("⌗", "the post's codes");
pub const NOTE: Glyph = glyph("✎", "the post's note");

/// The legend, in sections: where each glyph is seen, then the glyphs.
pub const LEGEND: &[(&str, &[Glyph])] = &[
    (
        "documents",
        &[
            UNROLL,
            LISTING,
            ARTICLE,
            BLOG,
            PLAIN,
            POST,
            REPLY,
            REPOST,
            FOLDED_FILE,
            OPEN_FILE,
            COUNT,
            UNREAD,
        ],
    ),
    (
        "thread",
        &[
            CURRENT,
            SELECTED,
            HIT,
            MISNUMBERED,
            FOLDED,
            MARKED,
            CODES,
            NOTE,
        ],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    #[test]
    fn the_legend_has_every_kind_and_no_glyph_twice_in_a_section() {
        let (_, documents) = LEGEND[0];
        for &k in Kind::VARIANTS {
            assert!(documents.contains(&kind(k)), "{k:?}");
        }
        for (section, glyphs) in LEGEND {
            for (i, g) in glyphs.iter().enumerate() {
                assert!(
                    !glyphs[i + 1..].iter().any(|o| o.shown == g.shown),
                    "{section}: {} twice",
                    g.shown
                );
            }
        }
    }
}
