//! The glossary and keymap parsers on any text: a value or an error with a place, never a
//! panic; no name of a glossary, nor any message, holds a control, a line break or an
//! invisible character, but the line breaks between a keymap's mistakes, each on a line
//! naming the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::borrow::Cow;
use std::path::Path;
use tread::corpus::Glossary;
use tread::corpus::sanitise::{is_clean, single_line};
use tread::keymap::Keymap;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let one_line = |s: &str| matches!(single_line(s), Cow::Borrowed(_));
    match Glossary::parse(text, Path::new("fuzz.toml")) {
        Ok(glossary) => {
            let entries = glossary.organisations.iter();
            let names = entries.flat_map(|e| std::iter::once(&e.name).chain(&e.aliases));
            for name in names.chain(glossary.not_organisations()) {
                assert!(one_line(name) && is_clean(name), "{name:?}");
            }
        }
        Err(error) => assert!(one_line(&error.to_string()), "{error}"),
    }
    let mut keymap = Keymap::builtin();
    if let Err(error) = keymap.apply(text, Path::new("fuzz.toml")) {
        // One mistake on a line naming the file, or several under a heading, one a line.
        let message = error.to_string();
        let lines: Vec<&str> = message.split('\n').collect();
        let several = lines[0].ends_with(" mistakes in the keymap:");
        match several {
            true => assert!(lines.len() >= 3, "{error}"),
            false => assert!(lines.len() == 1 && lines[0].starts_with("fuzz.toml:"), "{error}"),
        }
        for line in &lines {
            assert!(!line.chars().any(char::is_control), "{error}");
        }
        for line in &lines[1..] {
            assert!(line.starts_with("  fuzz.toml:"), "{error}");
        }
    }
});
