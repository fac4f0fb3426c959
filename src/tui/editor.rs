//! Notes written in the user's editor (`$VISUAL`, else `$EDITOR`, else `vi`): the terminal
//! is handed over as for Ctrl-Z, the note goes through a temporary file, and the terminal
//! is taken back however the editor ends.
//!
//! The thread that reads keys must let go of the terminal first, or it would take keys
//! meant for the editor: [`Keys`] reads with a short poll, so it can be parked between
//! two polls and woken after.

use crossterm::event as term;
use std::io::{self, Write};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// How long the key reader waits for a key before it looks whether it is asked to park:
/// the longest an editor waits to start. Idle, the reader wakes five times a second.
const POLL: Duration = Duration::from_millis(200);

/// What the key reader is asked to do, and whether it has done it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Reading,
    ParkAsked,
    Parked,
    /// The reader has stopped for good (the terminal is gone): nothing to wait for.
    Ended,
}

/// The switch between the key reader's thread and the loop that hands the terminal over.
#[derive(Debug, Clone)]
pub struct Keys {
    state: Arc<(Mutex<State>, Condvar)>,
}

impl Keys {
    pub fn new() -> Keys {
        Keys {
            state: Arc::new((Mutex::new(State::Reading), Condvar::new())),
        }
    }

    /// The reader's side: the next terminal event, waiting while parked.
    pub fn next(&self) -> io::Result<term::Event> {
        loop {
            self.wait_while_parked();
            if term::poll(POLL)? {
                return term::read();
            }
        }
    }

    fn wait_while_parked(&self) {
        let (lock, wake) = &*self.state;
        let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
        while !matches!(*state, State::Reading | State::Ended) {
            if *state == State::ParkAsked {
                *state = State::Parked;
                wake.notify_all();
            }
            state = wake.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// The reader's side, when it stops for good.
    pub fn end(&self) {
        let (lock, wake) = &*self.state;
        *lock.lock().unwrap_or_else(|e| e.into_inner()) = State::Ended;
        wake.notify_all();
    }

    /// The loop's side: runs `work` once the reader is parked (or has ended), however
    /// long that takes: a reader still polling would take keys meant for the editor.
    pub fn parked<T>(&self, work: impl FnOnce() -> T) -> T {
        let (lock, wake) = &*self.state;
        let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
        if *state != State::Ended {
            *state = State::ParkAsked;
        }
        // A reader blocked in a poll sees the request when the poll ends.
        while !matches!(*state, State::Parked | State::Ended) {
            state = wake.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        drop(state);
        let result = work();
        let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
        if *state != State::Ended {
            *state = State::Reading;
        }
        wake.notify_all();
        result
    }
}

/// Edits `text` in the user's editor and returns what it was saved as (the last line break
/// taken off), or why it could not be.
pub fn edit(text: &str) -> Result<String, String> {
    let mut file = tempfile::Builder::new()
        .prefix("tread-note-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| format!("no file to edit the note in: {e}"))?;
    let written = file.write_all(text.as_bytes()).and_then(|()| file.flush());
    written.map_err(|e| format!("no file to edit the note in: {e}"))?;
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "vi".into());
    // Through the shell, so that an editor set with arguments ("code --wait") works.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{} \"$1\"", editor.to_string_lossy()))
        .arg("sh")
        .arg(file.path())
        .status()
        .map_err(|e| format!("the editor did not start: {e}"))?;
    if !status.success() {
        return Err(format!(
            "the editor ended with {status}; the note is as it was"
        ));
    }
    let edited = std::fs::read_to_string(file.path())
        .map_err(|e| format!("the edited note cannot be read: {e}"))?;
    Ok(edited.trim_end_matches(['\n', '\r']).to_string())
}
