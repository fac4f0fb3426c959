//! Structured inputs (own JSON, X archives, Mastodon outboxes, Bluesky threads) on any bytes, as
//! loading reads them: no panic, nothing a terminal would act on in any text, and no line
//! break or invisible character in any field shown on one line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::borrow::Cow;
use tread::corpus::sanitise::{is_clean, single_line};
use tread::corpus::{Source, parse};

fuzz_target!(|data: &[u8]| {
    let source = Source {
        id: "fuzz".to_string(),
        path: "fuzz.json".to_string(),
        // As loading hands it over: decoded, not yet sanitised.
        text: String::from_utf8_lossy(data).into_owned(),
        warnings: Vec::new(),
    };
    let (documents, problems) = parse(vec![source]);
    let value = serde_json::to_value(&documents).expect("documents serialise");
    check(&value, false);
    for problem in &problems {
        check(&serde_json::Value::String(problem.to_string()), false);
    }
});

/// Every string in `value` is free of controls but the line break, and every field shown
/// on one line (all but a post's text) of line breaks and invisible characters too.
fn check(value: &serde_json::Value, text: bool) {
    match value {
        serde_json::Value::String(s) if text => assert!(is_clean(s), "{s:?}"),
        serde_json::Value::String(s) => {
            assert!(matches!(single_line(s), Cow::Borrowed(_)), "{s:?}");
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| check(v, text)),
        serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| check(v, k == "text")),
        _ => {}
    }
}
