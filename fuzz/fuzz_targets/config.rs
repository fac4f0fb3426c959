//! The glossary and keymap parsers on any text: a value or an error with a place, never a
//! panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use tread::corpus::Glossary;
use tread::keymap::Keymap;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = Glossary::parse(text, Path::new("fuzz.toml"));
    let mut keymap = Keymap::builtin();
    if let Err(error) = keymap.apply(text, Path::new("fuzz.toml")) {
        assert!(error.to_string().starts_with("fuzz.toml:"), "{error}");
    }
});
