//! The key table in docs/keys.md is the built-in keymap, so it cannot drift from it.

use tread::keymap::{Context, Keymap};

/// The key table as docs/keys.md shows it: one section per context, each action with all
/// its keys and what it does.
fn key_table() -> String {
    let keymap = Keymap::builtin();
    let mut table = String::from("| context | keys | action | what it does |\n|---|---|---|---|\n");
    for context in Context::all() {
        for (action, keys) in keymap.bindings(context) {
            let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
            table += &format!(
                "| `[{}]` | {} | `{}` | {} |\n",
                context.name(),
                keys.join(" "),
                action.name(),
                action.description()
            );
        }
    }
    table
}

#[test]
fn the_key_table_is_the_builtin_keymap() {
    let keys =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md")).unwrap();
    let table = key_table();
    assert!(
        keys.contains(&table),
        "docs/keys.md's key table is out of date; it should read:\n\n{table}"
    );
}
