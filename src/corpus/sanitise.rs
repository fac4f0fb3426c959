//! Makes document text safe to show: one pass where documents are read, so nothing later
//! (CLI output, the TUI, JSON) ever carries a byte a terminal would act on.
//!
//! Line endings become `\n`, tabs become spaces, escape sequences (CSI, OSC, DCS, APC, PM, SOS,
//! in their 7-bit and 8-bit forms) are removed whole, and every other control character, DEL
//! and bidirectional override is dropped. Fields shown on one line are made safe by
//! [`single_line`], which escapes rather than drops.

use std::borrow::Cow;
use std::path::Path;

/// Returns `input` with terminal controls removed and line endings normalised to `\n`.
pub fn sanitise(input: &str) -> String {
    sanitise_owned(input.to_string())
}

/// [`sanitise`] of text already owned: the text itself, not a copy, when nothing needs
/// doing (as for nearly every file read). Most text needs nothing: one pass over the bytes
/// says so, without building a copy character by character.
pub fn sanitise_owned(text: String) -> String {
    match needs_work(text.as_bytes()) {
        true => sanitise_by_chars(&text),
        false => text,
    }
}

/// [`sanitise`] character by character, without the shortcut.
#[doc(hidden)]
pub fn sanitise_by_chars(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut chars = input
        .strip_prefix('\u{feff}')
        .unwrap_or(input)
        .chars()
        .peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\r' => {
                // CRLF and a lone CR are both one line break.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push(' '),
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if is_dropped(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A name (a file's path or stem) as it can be shown: the characters [`sanitise`] would
/// drop, line breaks and invisible characters are written as escapes (`\u{1b}`), so the
/// name stays visible and distinct. The owned form of [`single_line`].
pub fn printable(name: &str) -> String {
    single_line(name).into_owned()
}

/// A field that is shown on one line (an id, a name, a date, a title, a hashtag, a
/// problem), made safe: what [`sanitise`] drops and every line break are written as escapes
/// (`\n`, `\u{1b}`), and so are the invisible characters that could hide what the field
/// says or make two fields look alike (zero-width spaces and joiners, direction marks,
/// fillers, variation selectors, tag characters) — except where they hold an emoji or a
/// script together: a joiner between two visible characters that are not ASCII, a
/// variation selector after a visible character, and the tags of a subdivision flag (🏴
/// then one to six tag letters or digits and the cancel tag). Borrowed when nothing is
/// escaped.
pub fn single_line(field: &str) -> Cow<'_, str> {
    if !has_escapes(field) {
        return Cow::Borrowed(field);
    }
    let mut out = String::with_capacity(field.len() + 8);
    let (mut previous, mut flag_tags) = (None, 0usize);
    // What a joiner joins on its left: the character before it, or the one a kept
    // variation selector follows (🏳️‍🌈 is a flag, the selector, a joiner, a rainbow).
    let mut joined = None;
    let mut chars = field.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, c)| c);
        let shown = |c: Option<char>| c.is_some_and(|c| !c.is_control() && !is_invisible(c));
        let keep = match c {
            '\n' => {
                out.push_str("\\n");
                (previous, joined) = (Some(c), Some(c));
                continue;
            }
            '\u{1f3f4}' => {
                flag_tags = flag_tag_count(&field[at + c.len_utf8()..]);
                true
            }
            c if is_tag(c) && flag_tags > 0 => {
                flag_tags -= 1;
                true
            }
            '\u{200c}' | '\u{200d}' => {
                let script = |c: Option<char>| shown(c) && !c.is_some_and(|c| c.is_ascii());
                script(joined) && script(next)
            }
            '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}' => shown(previous),
            c => !c.is_control() && !is_invisible(c),
        };
        match keep {
            true => out.push(c),
            false => out.extend(c.escape_unicode()),
        }
        let selector = matches!(c, '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}');
        joined = if selector && keep { previous } else { Some(c) };
        previous = Some(c);
    }
    // A joiner inside an emoji or a script, or a flag's tags, leave the field as it was.
    match out == field {
        true => Cow::Borrowed(field),
        false => Cow::Owned(out),
    }
}

/// Whether [`single_line`] has anything to look at in `field`: a control or invisible
/// character. Printable ASCII, most of any text, holds none, so only the other bytes are
/// looked at, and a character decoded only where one starts.
fn has_escapes(field: &str) -> bool {
    let bytes = field.as_bytes();
    let mut from = 0;
    while let Some(found) = bytes[from..]
        .iter()
        .position(|b| !(b' '..=b'~').contains(b))
    {
        let at = from + found;
        let Some(c) = field[at..].chars().next().filter(|_| bytes[at] >= 0x80) else {
            return true;
        };
        if c.is_control() || is_invisible(c) {
            return true;
        }
        from = at + c.len_utf8();
    }
    false
}

/// The rule [`has_escapes`] follows, a character at a time.
#[cfg(test)]
fn has_escapes_by_chars(field: &str) -> bool {
    field.chars().any(|c| c.is_control() || is_invisible(c))
}

/// [`single_line`] of a field already owned: the field itself when nothing is escaped.
pub fn single_line_owned(field: String) -> String {
    match single_line(&field) {
        Cow::Borrowed(_) => field,
        Cow::Owned(escaped) => escaped,
    }
}

/// How many tag characters after a 🏴 make a subdivision flag (its letters or digits and
/// the cancel tag), or 0 when those after it do not.
fn flag_tag_count(after: &str) -> usize {
    let tags = after.chars().take_while(|&c| is_tag(c)).take(8);
    let tags: Vec<char> = tags.collect();
    let letters = tags
        .iter()
        .take_while(|&&c| matches!(c, '\u{e0030}'..='\u{e0039}' | '\u{e0061}'..='\u{e007a}'));
    let n = letters.count();
    match (1..=6).contains(&n) && tags.get(n) == Some(&'\u{e007f}') {
        true => n + 1,
        false => 0,
    }
}

/// Characters that take no room and show nothing, but change what text means or how it
/// compares: line and paragraph separators, zero-width spaces and joiners, direction marks
/// and overrides, the byte-order mark, the soft hyphen and other invisible fillers,
/// variation selectors, tag characters.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{17b4}'
            | '\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{e0100}'..='\u{e01ef}'
    ) || is_tag(c)
}

fn is_tag(c: char) -> bool {
    ('\u{e0000}'..='\u{e007f}').contains(&c)
}

/// Control characters and invisible direction overrides that never reach the output.
fn is_dropped(c: char) -> bool {
    // U+FEFF is a byte-order mark at the start and an invisible no-break anywhere else;
    // dropping every one keeps sanitising idempotent ("\u{feff}\u{feff}x" once found).
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Skips what follows an ESC: a CSI, a string command, or a single-character escape.
fn skip_escape(chars: &mut Chars) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // Two-character escapes (ESC 7, ESC c, ESC ( B …): the intermediate bytes then one final.
        Some(c) if (' '..='/').contains(&c) => {
            while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
            chars.next();
        }
        _ => {}
    }
}

/// Skips CSI parameters and intermediates up to and including the final byte.
fn skip_csi(chars: &mut Chars) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) || c == '\n' {
            return;
        }
    }
}

/// Skips an OSC/DCS/APC/PM/SOS string up to its terminator (BEL, ST, or ESC \).
/// A line break also ends it, so a stray introducer cannot swallow the rest of a document.
fn skip_string(chars: &mut Chars) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' | '\n' => return,
            '\u{1b}' => {
                chars.next_if_eq(&'\\');
                return;
            }
            _ => {}
        }
    }
}

/// Whether `bytes` (UTF-8) may hold something [`sanitise`] changes: a C0 control but `\n`,
/// DEL, a C1 control (`C2 80`–`C2 9F`), a line or paragraph separator or a bidi control
/// (`E2 80 A8`–`AE`, `E2 81 A6`–`A9`), or a byte-order mark (`EF BB BF`). A byte test is
/// enough because UTF-8 never reuses these lead bytes inside other characters.
fn needs_work(bytes: &[u8]) -> bool {
    // Eight bytes at a time, most text is seen to be printable ASCII at once; only words
    // holding a control, a line break or anything else than ASCII are looked at closely.
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let close_look = |i: usize| may_change(bytes, i);
    let mut chunks = bytes.chunks_exact(8);
    for (n, chunk) in chunks.by_ref().enumerate() {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // A byte under 0x20 borrows into its high bit; one of 0x80 or more has it set; DEL
        // is the one printable-range byte to find on its own (a zero after XOR).
        let low_or_high = (word.wrapping_sub(0x20 * ONES) | word) & HIGH;
        let del = word ^ (0x7f * ONES);
        let has_del = del.wrapping_sub(ONES) & !del & HIGH;
        if (low_or_high | has_del) != 0 && (n * 8..n * 8 + 8).any(close_look) {
            return true;
        }
    }
    let rest = bytes.len() - chunks.remainder().len();
    (rest..bytes.len()).any(close_look)
}

/// Whether the byte at `i` of `bytes` (UTF-8) starts something [`sanitise`] changes.
fn may_change(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\n' => false,
        0..=0x1f | 0x7f => true,
        0xc2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
        0xe2 => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0xa8..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        0xef => bytes.get(i + 1) == Some(&0xbb),
        _ => false,
    }
}

/// True when `text` holds nothing [`sanitise`] would change (no controls but `\n`).
pub fn is_clean(text: &str) -> bool {
    // The rule below, by bytes: printable ASCII and line breaks are clean, so only the
    // other bytes are looked at, and a character decoded only where one starts.
    let bytes = text.as_bytes();
    let mut from = 0;
    let looked_at = |b: &u8| !(b' '..=b'~').contains(b) && *b != b'\n';
    while let Some(found) = bytes[from..].iter().position(looked_at) {
        let at = from + found;
        let Some(c) = text[at..].chars().next().filter(|_| bytes[at] >= 0x80) else {
            return false;
        };
        if !is_clean_by_chars(c.encode_utf8(&mut [0; 4])) {
            return false;
        }
        from = at + c.len_utf8();
    }
    true
}

/// The rule [`is_clean`] follows: no character [`sanitise`] drops or writes otherwise.
fn is_clean_by_chars(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c != '\n' && (is_dropped(c) || c == '\u{2028}' || c == '\u{2029}'))
}

/// A path as documents and messages show it: control characters in a file name are
/// written as escapes, never sent to the terminal.
pub fn printable_path(path: &Path) -> String {
    printable(&path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_go_wherever_they_are() {
        // Found by the sanitiser fuzz target: stripping only the first one was not
        // idempotent.
        let text = "\u{feff}\u{feff}i\u{feff}t";
        assert_eq!(sanitise(text), "it");
        assert_eq!(sanitise(&sanitise(text)), "it");
    }

    #[test]
    fn printable_names_escape_what_sanitise_drops() {
        assert_eq!(printable("a\u{1b}[2Jb\u{202e}c"), "a\\u{1b}[2Jb\\u{202e}c");
        assert_eq!(printable("plain name"), "plain name");
    }

    #[test]
    fn single_line_fields_escape_breaks_and_invisible_characters() {
        assert_eq!(single_line("a\nb"), "a\\nb");
        assert_eq!(
            single_line("x\u{1b}]52;c;Zm9v\u{7}y"),
            "x\\u{1b}]52;c;Zm9v\\u{7}y"
        );
        for hidden in [
            '\u{2028}',
            '\u{2029}',
            '\u{200b}',
            '\u{200e}',
            '\u{200f}',
            '\u{61c}',
            '\u{e0041}',
            '\u{2060}',
            '\u{feff}',
            '\u{202e}',
        ] {
            let field = format!("ad{hidden}min");
            let escaped = single_line(&field);
            assert_eq!(
                escaped,
                format!("ad{}min", hidden.escape_unicode()),
                "{hidden:?}"
            );
        }
        assert!(matches!(single_line("Nick Cook"), Cow::Borrowed(_)));
        assert!(matches!(single_line("👩\u{200d}💻 Jo"), Cow::Borrowed(_)));
    }

    #[test]
    fn single_line_fields_escape_smuggled_tags_fillers_and_stray_selectors() {
        // Tag characters after a flag that are not a flag's letters: hidden ASCII.
        let smuggled =
            "🏴\u{e0068}\u{e0069}\u{e0064}\u{e0065}\u{e0020}\u{e0074}\u{e0065}\u{e0078}\u{e0074}";
        assert!(!single_line(smuggled).contains('\u{e0068}'));
        for hidden in ['\u{ad}', '\u{34f}', '\u{3164}', '\u{ffa0}', '\u{115f}'] {
            assert_eq!(
                single_line(&format!("a{hidden}b")),
                format!("a{}b", hidden.escape_unicode())
            );
        }
        assert_eq!(
            single_line("\u{fe0f}x"),
            "\\u{fe0f}x",
            "a selector of nothing"
        );
        assert_eq!(
            single_line("❤\u{fe0f} 1\u{fe0f}\u{20e3}"),
            "❤\u{fe0f} 1\u{fe0f}\u{20e3}"
        );
        assert_eq!(single_line_owned("plain".to_string()), "plain");
    }

    #[test]
    fn single_line_fields_keep_emoji_sequences_and_flags() {
        for kept in [
            "👩\u{200d}💻 Jo",
            "Priya 🏳\u{fe0f}\u{200d}🌈",
            "❤\u{fe0f}\u{200d}🔥 and 🏳\u{fe0f}\u{200d}⚧\u{fe0f}",
            "🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f} England",
            "می\u{200c}خواهم",
        ] {
            assert_eq!(single_line(kept), kept);
        }
        assert_eq!(
            single_line("a\u{200d}b"),
            "a\\u{200d}b",
            "a joiner in ASCII hides"
        );
        assert_eq!(
            single_line("é\u{fe0f}\u{200d}é"),
            "é\u{fe0f}\u{200d}é",
            "letters joined as an emoji's parts are"
        );
        assert_eq!(
            single_line("a\u{fe0f}\u{200d}b"),
            "a\u{fe0f}\u{200d}b".replace('\u{200d}', "\\u{200d}"),
            "nor does a selector make it an emoji"
        );
    }

    #[test]
    fn crlf_and_lone_cr_become_line_feeds() {
        assert_eq!(sanitise("a\r\nb\rc\n"), "a\nb\nc\n");
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        assert_eq!(sanitise("\u{feff}title"), "title");
    }

    #[test]
    fn csi_sequences_are_removed_whole() {
        assert_eq!(sanitise("a\u{1b}[2Jb\u{1b}[6nc\u{1b}[1;31md"), "abcd");
        assert_eq!(sanitise("a\u{9b}31mb"), "ab");
    }

    #[test]
    fn osc_titles_links_and_clipboard_are_removed() {
        assert_eq!(sanitise("a\u{1b}]0;title\u{7}b"), "ab");
        assert_eq!(
            sanitise("\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "link"
        );
        assert_eq!(sanitise("x\u{1b}]52;c;?\u{7}y"), "xy");
    }

    #[test]
    fn string_commands_are_removed() {
        for intro in ["P", "X", "^", "_"] {
            assert_eq!(sanitise(&format!("a\u{1b}{intro}payload\u{1b}\\b")), "ab");
        }
        assert_eq!(sanitise("a\u{90}dcs\u{9c}b"), "ab");
    }

    #[test]
    fn other_controls_and_bidi_overrides_are_dropped() {
        assert_eq!(sanitise("a\u{7}b\u{8}c\u{7f}d\u{0}e\u{85}f"), "abcdef");
        assert_eq!(sanitise("x\u{202e}y\u{2066}z\u{2069}"), "xyz");
        assert_eq!(sanitise("tab\there"), "tab here");
    }

    #[test]
    fn an_unterminated_string_stops_at_the_line_end() {
        assert_eq!(sanitise("a\u{1b}]0;never ends\nnext"), "anext");
    }

    proptest::proptest! {
        #[test]
        fn the_byte_scan_says_what_the_rule_says(text in "(\\PC|\\pC|[\\x00-\\x7f]){0,40}") {
            proptest::prop_assert_eq!(is_clean(&text), is_clean_by_chars(&text));
        }

        #[test]
        fn the_byte_scan_finds_what_single_line_escapes(
            text in "(\\PC|\\pC|[\\x00-\\x7f]|[\u{ad}\u{200b}-\u{200f}\u{2028}\u{fe0f}\u{e0041}\u{e0100}]){0,40}",
        ) {
            proptest::prop_assert_eq!(has_escapes(&text), has_escapes_by_chars(&text));
        }
    }

    #[test]
    fn plain_text_and_emoji_pass_through() {
        let text = "A personal 🧵 on England’s #CareReview👇\n\n— “quoted”";
        assert_eq!(sanitise(text), text);
        assert!(is_clean(text));
    }
}
