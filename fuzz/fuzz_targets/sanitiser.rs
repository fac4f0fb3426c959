//! The sanitiser on any text: idempotent, nothing a terminal acts on left, and the quick
//! path for clean text agrees with the slow one.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tread::corpus::sanitise::{is_clean, sanitise, sanitise_chars};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let once = sanitise(&text);
    assert!(is_clean(&once));
    assert_eq!(sanitise(&once), once);
    assert_eq!(sanitise_chars(&text), once);
});
