//! What reaches the terminal, byte by byte: the real crossterm backend writes into a
//! counting sink. Nothing is written when nothing changed, a one-line move writes only what
//! changed, and every escape sequence in the output is one the renderer made: a document's
//! own escapes and controls never get through.

use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;
use tread::app::{App, Event, Opening};
use tread::corpus::{Corpus, Glossary, Source, load};
use tread::keymap::{KeySeq, Keymap};
use tread::ui::{self, Theme};

/// A writer that keeps what it is given.
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Sink {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut self.0.borrow_mut())
    }
}

fn terminal(sink: &Sink, width: u16, height: u16) -> Terminal<CrosstermBackend<Sink>> {
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    Terminal::with_options(
        CrosstermBackend::new(sink.clone()),
        TerminalOptions { viewport },
    )
    .expect("a fixed viewport needs no terminal")
}

fn draw(terminal: &mut Terminal<CrosstermBackend<Sink>>, app: &App, theme: Theme) {
    terminal
        .draw(|frame| ui::render(frame, app, &theme))
        .expect("the sink takes everything");
}

fn press(app: &mut App, keys: &str) {
    for word in keys.split_whitespace() {
        for key in word.parse::<KeySeq>().unwrap().0 {
            app.handle(Event::Key(key));
        }
    }
}

#[test]
fn nothing_is_written_when_nothing_changed_and_a_step_writes_only_what_changed() {
    for (width, height) in [(80, 24), (200, 50)] {
        let mut app = App::new(
            load::bundled(),
            Keymap::builtin(),
            Opening::default(),
            (width, height),
        );
        let sink = Sink::default();
        let mut terminal = terminal(&sink, width, height);
        draw(&mut terminal, &app, Theme::new(true));
        let full = sink.take().len();
        // The loop does not draw without a change (see tui::handle's tests); drawn anyway,
        // an unchanged frame writes no cell, only the backend's attribute reset and cursor
        // state.
        draw(&mut terminal, &app, Theme::new(true));
        let again = sink.take();
        assert!(
            without_escapes(&again).is_empty(),
            "an unchanged frame wrote {:?}",
            String::from_utf8_lossy(&again)
        );
        let mut step = |keys: &str| {
            press(&mut app, keys);
            draw(&mut terminal, &app, Theme::new(true));
            sink.take().len()
        };
        let document = step("j");
        let post = step("l j");
        let line = step("ctrl-e");
        let entry = step("f down");
        let entry_again = step("down");
        eprintln!(
            "{width}x{height}: full frame {full} B, unchanged {} B, next document {document} B, \
             next post {post} B, scroll a line {line} B, next filter entry {entry_again} B",
            again.len()
        );
        // Moving down the filter list changes two rows and the details below: a few
        // hundred bytes, not a frame.
        assert!(
            entry_again < full / 10,
            "{entry_again} of {full} (opening: {entry})"
        );
    }
}

/// `output` without its CSI sequences: the characters drawn.
fn without_escapes(output: &[u8]) -> String {
    let text = String::from_utf8_lossy(output);
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            chars
                .by_ref()
                .find(|c| ('\u{40}'..='\u{7e}').contains(c) && *c != '[');
        } else {
            out.push(c);
        }
    }
    out
}

/// Every escape sequence in `output` is one ratatui's crossterm backend writes: cursor
/// moves and visibility, colours and attributes, clearing. Nothing else may start with ESC,
/// and no other control character may appear.
fn assert_renderer_only(output: &[u8]) {
    let text = String::from_utf8(output.to_vec()).expect("the terminal gets UTF-8");
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => {
                assert_eq!(chars.next(), Some('['), "an escape that is not a CSI");
                let mut body = String::new();
                let end = loop {
                    let Some(c) = chars.next() else {
                        panic!("a cut CSI: {body:?}");
                    };
                    if ('\u{40}'..='\u{7e}').contains(&c) {
                        break c;
                    }
                    body.push(c);
                };
                assert!(
                    matches!(end, 'H' | 'm' | 'J' | 'K' | 'h' | 'l' | 'G' | 'C' | 'D'),
                    "a CSI the renderer does not write: {body:?}{end}"
                );
                assert!(
                    body.chars()
                        .all(|c| c.is_ascii_digit() || c == ';' || c == '?' || c == ':'),
                    "a CSI with odd parameters: {body:?}{end}"
                );
            }
            c if c.is_control() => panic!("a control character reached the terminal: {c:?}"),
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                panic!("a bidi control reached the terminal: {c:?}")
            }
            _ => {}
        }
    }
}

#[test]
fn a_hostile_document_sends_no_escape_of_its_own() {
    let hostile = "Thread by @mallory\n\n\
        Clear \u{1b}[2J\u{1b}[H and ask \u{1b}[6n 1/\n\
        Title \u{1b}]0;pwned\u{7} and \u{1b}]2;again\u{1b}\\ 2/\n\
        Link \u{1b}]8;;http://evil.example\u{1b}\\click\u{1b}]8;;\u{1b}\\ 3/\n\
        Clipboard \u{1b}]52;c;cHduZWQ=\u{7} query \u{1b}]52;c;?\u{7} 4/\n\
        Strings \u{1b}Pq#0\u{1b}\\ \u{1b}_apc\u{1b}\\ \u{1b}^pm\u{1b}\\ \u{1b}Xsos\u{1b}\\ 5/\n\
        Eight-bit \u{9b}31m red \u{9d}0;t\u{9c} \u{90}dcs\u{9c} 6/\n\
        Bell\u{7} back\u{8}space bare\rreturn del\u{7f} 7/\n\
        Bidi \u{202e}desrever\u{202c} \u{2066}isolate\u{2069} 8/\n";
    let source = Source {
        id: "hostile".to_string(),
        path: "hostile.txt".to_string(),
        text: hostile.to_string(),
        warnings: Vec::new(),
    };
    let corpus = Corpus::from_sources(vec![source], &Glossary::default());
    let mut app = App::new(corpus, Keymap::builtin(), Opening::default(), (100, 30));
    let sink = Sink::default();
    let mut terminal = terminal(&sink, 100, 30);
    // Every view of the document: the list, the thread, the filter panel, help, warnings,
    // links, a search that highlights inside the former escapes.
    for keys in [
        "",
        "l",
        "j j j",
        "f",
        "esc ?",
        "? w",
        "w o",
        "esc / p w n",
        "enter G",
    ] {
        press(&mut app, keys);
        for theme in [Theme::new(true), Theme::new(false)] {
            draw(&mut terminal, &app, theme);
            assert_renderer_only(&sink.take());
        }
    }
}

#[test]
fn resize_storms_end_in_a_correct_frame() {
    let mut app = App::new(
        load::bundled(),
        Keymap::builtin(),
        Opening::default(),
        (80, 24),
    );
    press(&mut app, "l j j f");
    let sizes = (1..=500u16)
        .step_by(37)
        .flat_map(|w| (1..=200u16).step_by(23).map(move |h| (w, h)));
    for (width, height) in sizes.chain([(1, 1), (500, 200), (29, 8), (30, 7)]) {
        app.handle(Event::Resize(width, height));
        let mut terminal =
            Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| ui::render(frame, &app, &Theme::new(true)))
            .unwrap();
    }
    // The storm over, the last size shows what a fresh app would show there.
    app.handle(Event::Resize(120, 40));
    let mut fresh = App::new(
        load::bundled(),
        Keymap::builtin(),
        Opening::default(),
        (120, 40),
    );
    press(&mut fresh, "l j j f");
    let screen = |app: &App| {
        let mut terminal = Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
        terminal
            .draw(|frame| ui::render(frame, app, &Theme::new(false)))
            .unwrap();
        terminal.backend().to_string()
    };
    assert_eq!(screen(&app), screen(&fresh));
}
