//! Structured inputs (own JSON, X archives, Mastodon outboxes, Bluesky threads) on any bytes, as
//! loading reads them: no panic, and nothing a terminal would act on in any text.
#![no_main]

use libfuzzer_sys::fuzz_target;
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
    check(&value);
    for problem in &problems {
        check(&serde_json::Value::String(problem.to_string()));
    }
});

/// Every string in `value` is free of controls but the line break.
fn check(value: &serde_json::Value) {
    match value {
        serde_json::Value::String(s) => {
            assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
        }
        serde_json::Value::Array(items) => items.iter().for_each(check),
        serde_json::Value::Object(map) => map.values().for_each(check),
        _ => {}
    }
}
