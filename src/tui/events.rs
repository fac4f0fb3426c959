//! The terminal's events in the app's words: keys as the keymap spells them, clicks, the
//! wheel and resizes. Everything else the terminal reports is dropped here.

use crate::app::Event;
use crate::keymap::{Code, Key};
use crossterm::event::{self as term, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::event::{MouseButton, MouseEventKind};

/// The app's event for a terminal event; `None` for what the app does not take (key
/// releases, mouse motion, focus changes…).
pub fn translate(event: term::Event) -> Option<Event> {
    Some(match event {
        term::Event::Key(event) => Event::Key(key(event)?),
        term::Event::Resize(w, h) => Event::Resize(w, h),
        term::Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Event::Click(mouse.column, mouse.row),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Event::Scroll {
                column: mouse.column,
                row: mouse.row,
                down: mouse.kind == MouseEventKind::ScrollDown,
            },
            _ => return None,
        },
        _ => return None,
    })
}

/// The key of a terminal key event; releases are not keys.
pub fn key(event: KeyEvent) -> Option<Key> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let mods = event.modifiers;
    let mut key = Key {
        code: Code::Esc,
        ctrl: mods.contains(KeyModifiers::CONTROL),
        alt: mods.contains(KeyModifiers::ALT),
        shift: mods.contains(KeyModifiers::SHIFT),
    };
    key.code = match event.code {
        KeyCode::Char(' ') => Code::Space,
        KeyCode::Char(c) if key.ctrl => Code::Char(c.to_ascii_lowercase()),
        KeyCode::Char(c) => Code::Char(c),
        KeyCode::BackTab => {
            key.shift = true;
            Code::Tab
        }
        KeyCode::Enter => Code::Enter,
        KeyCode::Esc => Code::Esc,
        KeyCode::Tab => Code::Tab,
        KeyCode::Backspace => Code::Backspace,
        KeyCode::Up => Code::Up,
        KeyCode::Down => Code::Down,
        KeyCode::Left => Code::Left,
        KeyCode::Right => Code::Right,
        KeyCode::Home => Code::Home,
        KeyCode::End => Code::End,
        KeyCode::PageUp => Code::PageUp,
        KeyCode::PageDown => Code::PageDown,
        KeyCode::Insert => Code::Insert,
        KeyCode::Delete => Code::Delete,
        KeyCode::F(n @ 1..=12) => Code::F(n),
        _ => return None,
    };
    if matches!(key.code, Code::Char(_)) {
        key.shift = false;
    }
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_become_keys_as_spelled() {
        let event = |code, mods| key(KeyEvent::new(code, mods)).unwrap().to_string();
        assert_eq!(event(KeyCode::Char('G'), KeyModifiers::SHIFT), "G");
        assert_eq!(event(KeyCode::Char('D'), KeyModifiers::CONTROL), "ctrl-d");
        assert_eq!(event(KeyCode::BackTab, KeyModifiers::SHIFT), "shift-tab");
        assert_eq!(event(KeyCode::Char(' '), KeyModifiers::NONE), "space");
        assert_eq!(event(KeyCode::Enter, KeyModifiers::ALT), "alt-enter");
    }
}
