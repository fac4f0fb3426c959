//! Where copied text goes, and the truth about where it went.
//!
//! Inside tmux the text goes into tmux's paste buffer with `tmux load-buffer -w -`: that is
//! where tmux users paste from, and `-w` has tmux pass it on to the outer terminal's
//! clipboard where tmux may. A DCS passthrough would be dropped by tmux's default settings
//! (`allow-passthrough` is off since 3.3), so when `tmux` cannot be run the fallback is a
//! plain OSC 52, which tmux takes into a buffer when its `set-clipboard` is on. In GNU screen
//! and elsewhere, OSC 52 is written to the terminal: nothing answers it, so the status line
//! says the text was sent, not that it arrived.

use super::osc::{self, Multiplexer};
use std::io::{self, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Where copied text was put.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// tmux's paste buffer; `clipboard` when tmux's `set-clipboard` lets it pass the text on.
    TmuxBuffer { clipboard: bool },
    /// An OSC 52 sequence written to the terminal (through screen's passthrough in screen);
    /// `why` says why not tmux's buffer, inside tmux.
    Terminal { why: Option<String> },
}

impl Destination {
    /// What the status line says after what was copied: "citation of post 4/20 copied to
    /// the tmux buffer and clipboard".
    pub fn describe(&self) -> String {
        match self {
            Destination::TmuxBuffer { clipboard: true } => {
                "copied to the tmux buffer and clipboard".to_string()
            }
            Destination::TmuxBuffer { clipboard: false } => {
                "copied to the tmux buffer only (its set-clipboard is off)".to_string()
            }
            Destination::Terminal { why: None } => "sent to the clipboard (OSC 52)".to_string(),
            Destination::Terminal { why: Some(why) } => {
                format!("sent to the clipboard (OSC 52; {why})")
            }
        }
    }
}

/// Puts `text` where the user pastes from, writing to `out` (the terminal) if it must.
pub fn copy(text: &str, out: &mut impl Write) -> io::Result<Destination> {
    let through = Multiplexer::detect();
    let why = match through {
        Multiplexer::Tmux => match tmux_load_buffer(text) {
            Ok(()) => {
                let clipboard = tmux_option("set-clipboard").is_none_or(|v| v != "off");
                return Ok(Destination::TmuxBuffer { clipboard });
            }
            Err(why) => Some(why),
        },
        _ => None,
    };
    out.write_all(osc::clipboard(text, through).as_bytes())?;
    out.flush()?;
    Ok(Destination::Terminal { why })
}

/// The longest tmux may take to answer; a server that hangs does not hang the app.
const TMUX_TIMEOUT: Duration = Duration::from_secs(2);

/// `tmux load-buffer -w -` with `text` on its standard input; tmux before 3.2 has no `-w`,
/// so it is tried again without.
fn tmux_load_buffer(text: &str) -> Result<(), String> {
    tmux(&["load-buffer", "-w", "-"], text).or_else(|_| tmux(&["load-buffer", "-"], text))
}

/// A global option of the tmux server the app runs in.
fn tmux_option(name: &str) -> Option<String> {
    let out = Command::new("tmux")
        .args(["show-options", "-gv", name])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Runs tmux with `args`, `input` on its standard input, within [`TMUX_TIMEOUT`].
fn tmux(args: &[&str], input: &str) -> Result<(), String> {
    let mut child = Command::new("tmux")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|_| "tmux could not be run".to_string())?;
    if let Some(mut stdin) = child.stdin.take() {
        // Dropped at the end of the block: tmux sees the end of its input.
        stdin
            .write_all(input.as_bytes())
            .map_err(|_| "tmux did not take the text".to_string())?;
    }
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => return Err(format!("tmux load-buffer failed ({status})")),
            Ok(None) if started.elapsed() < TMUX_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(5))
            }
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err("tmux did not answer".to_string());
            }
            Err(_) => return Err("tmux could not be waited for".to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_destination_says_where_the_text_went() {
        assert_eq!(
            Destination::TmuxBuffer { clipboard: true }.describe(),
            "copied to the tmux buffer and clipboard"
        );
        assert!(
            (Destination::TmuxBuffer { clipboard: false }.describe())
                .ends_with("tmux buffer only (its set-clipboard is off)")
        );
        assert_eq!(
            Destination::Terminal { why: None }.describe(),
            "sent to the clipboard (OSC 52)"
        );
    }
}
