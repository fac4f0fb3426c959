//! Operating-system commands the app writes itself: OSC 52 (set the clipboard, which works
//! over SSH) and OSC 8 (hyperlinks). Inside GNU screen, OSC 52 is wrapped in its
//! passthrough so it reaches the outer terminal; tmux takes it plain (see `clipboard`).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// Which multiplexer, if any, stands between the app and the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Multiplexer {
    None,
    Tmux,
    Screen,
}

impl Multiplexer {
    /// From the environment: `$TMUX` for tmux, `$STY` for screen.
    pub fn detect() -> Multiplexer {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        if set("TMUX") {
            Multiplexer::Tmux
        } else if set("STY") {
            Multiplexer::Screen
        } else {
            Multiplexer::None
        }
    }
}

/// The sequence that puts `text` on the system clipboard.
pub fn clipboard(text: &str, through: Multiplexer) -> String {
    let sequence = format!("\x1b]52;c;{}\x07", STANDARD.encode(text));
    match through {
        // tmux drops a DCS passthrough unless `allow-passthrough` is on (off by default
        // since 3.3), and with `set-clipboard on` takes a plain OSC 52 into its buffer.
        Multiplexer::None | Multiplexer::Tmux => sequence,
        Multiplexer::Screen => format!("\x1bP{sequence}\x1b\\"),
    }
}

/// `shown` as a hyperlink to `target` (both free of control characters: the caller checks).
pub fn hyperlink(shown: &str, target: &str) -> String {
    format!("\x1b]8;;{target}\x1b\\{shown}\x1b]8;;\x1b\\")
}

/// Whether the terminal is likely to understand OSC 8; the Linux console and dumb
/// terminals would print it.
pub fn hyperlinks_supported() -> bool {
    let term = std::env::var("TERM").unwrap_or_default();
    !matches!(term.as_str(), "" | "dumb" | "linux")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipboard_sequences_for_each_multiplexer() {
        assert_eq!(clipboard("hi", Multiplexer::None), "\x1b]52;c;aGk=\x07");
        assert_eq!(clipboard("hi", Multiplexer::Tmux), "\x1b]52;c;aGk=\x07");
        assert_eq!(
            clipboard("hi", Multiplexer::Screen),
            "\x1bP\x1b]52;c;aGk=\x07\x1b\\"
        );
    }

    #[test]
    fn hyperlink_wraps_the_shown_text() {
        assert_eq!(
            hyperlink("a.uk", "https://a.uk"),
            "\x1b]8;;https://a.uk\x1b\\a.uk\x1b]8;;\x1b\\"
        );
    }
}
