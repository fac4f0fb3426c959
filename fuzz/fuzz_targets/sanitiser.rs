//! The sanitiser on any text: idempotent, nothing a terminal acts on left, and the quick
//! path for clean text agrees with the slow one; a field made single-line has nothing left
//! to escape.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::borrow::Cow;
use tread::corpus::sanitise::{is_clean, sanitise, sanitise_by_chars, single_line};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let once = sanitise(&text);
    assert!(is_clean(&once));
    assert_eq!(sanitise(&once), once);
    assert_eq!(sanitise_by_chars(&text), once);
    // A field shown on one line: escaped once, nothing is left to escape.
    let field = single_line(&text);
    assert!(!field.contains(['\n', '\r', '\u{1b}', '\u{2028}', '\u{200b}']));
    assert!(matches!(single_line(&field), Cow::Borrowed(_)), "{field:?}");
});
