//! The text reader on any bytes, decoded as loading does: no panic, and every post's words
//! come from the input (but an embedded post's, whose HTML entities are decoded). Markdown's
//! reference links are written with their addresses (`[text][1]` and `[1]: url` give
//! `[text](url)`, the address unescaped as Markdown reads it): a word is compared a piece
//! between link brackets at a time, escapes aside.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tread::corpus::read;
use tread::corpus::sanitise::sanitise;

fuzz_target!(|data: &[u8]| {
    let text = sanitise(&String::from_utf8_lossy(data));
    let reading = read(&text);
    let unescaped = text.replace('\\', "");
    let own = reading.threads.iter().filter(|t| t.title.as_deref() != Some("Embedded post"));
    for post in own.flat_map(|t| &t.posts) {
        for word in post.text.split_whitespace() {
            if text.contains(word) {
                continue;
            }
            let pieces = word.split(['[', ']', '(', ')']).map(|p| p.replace('\\', ""));
            for piece in pieces.filter(|p| !p.is_empty()) {
                assert!(unescaped.contains(&piece), "{piece:?} of {word:?} is not in the input");
            }
        }
    }
});
