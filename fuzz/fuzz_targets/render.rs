//! Parse, then draw the app at a size and after keys taken from the input: no panic, no
//! control character in any cell, nothing drawn outside the screen.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tread::app::{App, Event, Opening};
use tread::corpus::{Corpus, Glossary, Source};
use tread::keymap::{KeySeq, Keymap};
use tread::ui::{self, Theme};

const KEYS: [&str; 28] = [
    "j", "k", "l", "h", "tab", "G", "f", "?", "o", "w", "esc", "/", "a", "enter", "ctrl-e", "n",
    // Filters left out, folded or dimmed, removed; a jump to an address.
    "z", "x", "ctrl-x", ":", "2", "shift-tab",
    // The review: mark, code, undo, unread posts, text typed into a prompt.
    "m", "c", "u", "]", "[", "q",
];

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let (head, rest) = data.split_at(4);
    let width = u16::from(head[0]) % 220 + 1;
    let height = u16::from(head[1]) % 70 + 1;
    let keys = &rest[..usize::from(head[2] % 16).min(rest.len())];
    let source = Source {
        id: "fuzz".to_string(),
        path: "fuzz.txt".to_string(),
        // As loading hands it over: decoded, not yet sanitised.
        text: String::from_utf8_lossy(rest).into_owned(),
        warnings: Vec::new(),
    };
    let corpus = Corpus::from_sources(vec![source], &Glossary::default());
    let mut app = App::new(
        corpus,
        Keymap::builtin(),
        Opening::default(),
        (width, height),
    );
    for byte in keys {
        let key = KEYS[usize::from(*byte) % KEYS.len()];
        app.handle(Event::Key(key.parse::<KeySeq>().unwrap().0[0]));
    }
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let frame = terminal
        .draw(|frame| ui::render(frame, &app, &Theme::new(head[3] % 2 == 0)))
        .unwrap();
    assert_eq!(frame.area.width, width);
    for cell in terminal.backend().buffer().content() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "{:?}",
            cell.symbol()
        );
    }
});
