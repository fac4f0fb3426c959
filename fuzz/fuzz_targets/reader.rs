//! The text reader on any bytes, decoded as loading does: no panic, and every post's words
//! come from the input (but an embedded post's, whose HTML entities are decoded).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tread::corpus::read;
use tread::corpus::sanitise::sanitise;

fuzz_target!(|data: &[u8]| {
    let text = sanitise(&String::from_utf8_lossy(data));
    let reading = read(&text);
    let own = reading.threads.iter().filter(|t| t.title.as_deref() != Some("Embedded post"));
    for post in own.flat_map(|t| &t.posts) {
        for word in post.text.split_whitespace() {
            assert!(text.contains(word), "{word:?} is not in the input");
        }
    }
});
