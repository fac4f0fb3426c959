//! Where copied text goes, and the truth about where it went.
//!
//! Inside tmux the text goes into tmux's paste buffer with `tmux load-buffer -w -`: that is
//! where tmux users paste from, and `-w` has tmux pass it on to the outer terminal's
//! clipboard where tmux may. A DCS passthrough would be dropped by tmux's default settings
//! (`allow-passthrough` is off since 3.3), so when `tmux` cannot be run the fallback is a
//! plain OSC 52, which tmux takes into a buffer when its `set-clipboard` is on. In GNU screen
//! and elsewhere, OSC 52 is written to the terminal: nothing answers it, so the status line
//! says the text was sent, not that it arrived. tmux is asked from a thread of its own, so
//! a slow or hung server never holds up the screen.

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

/// Whether copies go through tmux ([`via_tmux`], on a thread of its own: tmux may be slow
/// or hung) or straight to the terminal ([`via_terminal`]).
pub fn through_tmux() -> bool {
    Multiplexer::detect() == Multiplexer::Tmux
}

/// Puts `text` in tmux's paste buffer; where tmux cannot take it, why not. Blocks for up to
/// two tries of [`TMUX_TIMEOUT`]: run it off the event loop.
pub fn via_tmux(text: &str) -> Result<Destination, String> {
    // tmux before 3.2 has no -w (it answers at once with an error); a tmux that does not
    // answer is not asked again.
    let forwarded = match tmux(&["load-buffer", "-w", "-"], Some(text)) {
        Ok(_) => true,
        Err(Failure::Refused(_)) => {
            tmux(&["load-buffer", "-"], Some(text)).map_err(Failure::into_reason)?;
            false
        }
        Err(failure) => return Err(failure.into_reason()),
    };
    let option = tmux(&["show-options", "-gv", "set-clipboard"], None).ok();
    let allowed = option.is_none_or(|v| v.trim() != "off");
    Ok(Destination::TmuxBuffer {
        clipboard: forwarded && allowed,
    })
}

/// Writes `text` to the terminal as OSC 52 (through screen's passthrough in screen); `why`
/// says why tmux's buffer was not used, inside tmux.
pub fn via_terminal(
    text: &str,
    why: Option<String>,
    out: &mut impl Write,
) -> io::Result<Destination> {
    out.write_all(osc::clipboard(text, Multiplexer::detect()).as_bytes())?;
    out.flush()?;
    Ok(Destination::Terminal { why })
}

/// The longest tmux may take to answer; a server that hangs does not hang the copy.
const TMUX_TIMEOUT: Duration = Duration::from_secs(2);

/// Why tmux did not do what it was asked.
enum Failure {
    /// It answered with an error.
    Refused(String),
    /// It could not be run, or did not answer in time.
    Unreachable(String),
}

impl Failure {
    fn into_reason(self) -> String {
        match self {
            Failure::Refused(why) | Failure::Unreachable(why) => why,
        }
    }
}

/// Runs tmux with `args` and `input` on its standard input, within [`TMUX_TIMEOUT`]; what
/// it printed. The input is written from a thread of its own, so that a tmux that never
/// reads it is killed on time rather than blocking the write.
fn tmux(args: &[&str], input: Option<&str>) -> Result<String, Failure> {
    let mut child = Command::new("tmux")
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|_| Failure::Unreachable("tmux could not be run".to_string()))?;
    if let (Some(mut stdin), Some(input)) = (child.stdin.take(), input) {
        let input = input.to_string();
        // Ends with the write, or when tmux is killed and the pipe breaks.
        std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    }
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                let mut printed = String::new();
                if let Some(mut stdout) = child.stdout.take() {
                    let _ = std::io::Read::read_to_string(&mut stdout, &mut printed);
                }
                return match status.success() {
                    true => Ok(printed),
                    false => Err(Failure::Refused(format!("tmux {} failed", args[0]))),
                };
            }
            Ok(None) if started.elapsed() < TMUX_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(5))
            }
            Ok(None) | Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Failure::Unreachable("tmux did not answer".to_string()));
            }
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
