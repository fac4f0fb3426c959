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

/// The README's capture of the filter panel at 80×24 (rows cut) is what tread draws after
/// the keys it names.
#[test]
fn the_readme_capture_of_the_filter_panel_is_what_tread_draws() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use tread::app::{App, Event, Opening};
    use tread::keymap::KeySeq;
    let mut app = App::new(
        tread::corpus::load::bundled(),
        Keymap::builtin(),
        Opening::default(),
        (80, 24),
    );
    for word in "f right".split_whitespace() {
        for key in word.parse::<KeySeq>().unwrap().0 {
            app.handle(Event::Key(key));
        }
    }
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let theme = tread::ui::Theme::new(false);
    terminal
        .draw(|frame| tread::ui::render(frame, &app, &theme))
        .unwrap();
    let buffer = terminal.backend().buffer();
    // Rows 9 to 19 (the thread's empty gutter beside an empty list) are cut in the README.
    let mut capture = String::new();
    for y in (0..8).chain(19..24) {
        let row: String = (0..80).map(|x| buffer[(x, y)].symbol()).collect();
        capture += row.trim_end();
        capture.push('\n');
    }
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        readme.contains(&format!("```\n{capture}```")),
        "README.md's 80×24 capture is out of date; it should read:\n\n{capture}"
    );
}
