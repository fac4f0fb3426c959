//! Copying inside a real tmux: the binary runs in a pane of a tmux server the test starts
//! (on a socket of its own), keys go in with `send-keys`, and what was copied is read back
//! with `show-buffer`. Skipped, with a message, where tmux is not installed.

#![cfg(unix)]

use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A tmux server of the test's own, with tread running in its one pane.
struct Tmux {
    socket: PathBuf,
    _dir: tempfile::TempDir,
}

impl Tmux {
    /// Starts a server with `options` (`set -g NAME VALUE` each) and tread in a 100×30 pane,
    /// run through `env` with `vars` (tmux sets some variables itself, `PATH` among them);
    /// `None` where tmux is not installed.
    fn start(options: &[(&str, &str)], vars: &[&str]) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("skipped: tmux is not installed");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let tmux = Tmux {
            socket: dir.path().join("socket"),
            _dir: dir,
        };
        let home = tmux._dir.path().display().to_string();
        let mut args: Vec<String> = ["-f", "/dev/null", "start-server", ";"]
            .map(String::from)
            .to_vec();
        for (name, value) in options {
            args.extend(["set", "-g", name, value, ";"].map(String::from));
        }
        args.extend(["new-session", "-d", "-x", "100", "-y", "30"].map(String::from));
        args.push("env".to_string());
        args.push(format!("XDG_CONFIG_HOME={home}"));
        args.push(format!("XDG_DATA_HOME={home}/data"));
        args.push(format!("XDG_CACHE_HOME={home}/cache"));
        args.extend(vars.iter().map(|v| v.to_string()));
        args.push(env!("CARGO_BIN_EXE_tread").to_string());
        let out = tmux.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(out.status.success(), "tmux did not start: {out:?}");
        Some(tmux)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .env_remove("TMUX")
            .output()
            .unwrap()
    }

    fn screen(&self) -> String {
        let out = self.run(&["capture-pane", "-p"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the pane shows `text`; fails with the pane after ten seconds.
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while !self.screen().contains(text) {
            if start.elapsed() > Duration::from_secs(10) {
                panic!("{text:?} never appeared; the pane:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn keys(&self, keys: &str) {
        assert!(self.run(&["send-keys", keys]).status.success());
    }

    /// The newest paste buffer, or what tmux said when there is none.
    fn buffer(&self) -> String {
        let out = self.run(&["show-buffer"]);
        match out.status.success() {
            true => String::from_utf8_lossy(&out.stdout).into_owned(),
            false => String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Copies the citation of the first post; what the status line said and what tmux's
    /// buffer holds (read before tread quits, which ends the server).
    fn copy_the_first_citation(&self) -> (String, String) {
        self.wait_for("Documents 5/5");
        self.keys("l");
        self.wait_for("post 1/20");
        self.keys("y");
        self.wait_for("citation of post 1/20 ");
        let status = self.screen().lines().last().unwrap_or_default().to_string();
        let buffer = self.buffer();
        self.keys("q");
        (status, buffer)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

const CITATION: &str = "Nick Cook, May 23, post 1/20: ";

#[test]
fn with_tmux_defaults_the_citation_lands_in_its_buffer() {
    let Some(tmux) = Tmux::start(&[], &[]) else {
        return;
    };
    let (status, buffer) = tmux.copy_the_first_citation();
    assert!(
        status.contains("citation of post 1/20 copied to the tmux buffer and clipboard"),
        "{status}"
    );
    assert!(buffer.starts_with(CITATION), "{buffer}");
}

#[test]
fn with_set_clipboard_on_the_citation_lands_in_its_buffer() {
    let Some(tmux) = Tmux::start(&[("set-clipboard", "on")], &[]) else {
        return;
    };
    let (status, buffer) = tmux.copy_the_first_citation();
    assert!(
        status.contains("to the tmux buffer and clipboard"),
        "{status}"
    );
    assert!(buffer.starts_with(CITATION), "{buffer}");
}

#[test]
fn with_set_clipboard_off_the_status_says_the_clipboard_was_not_reached() {
    let Some(tmux) = Tmux::start(&[("set-clipboard", "off")], &[]) else {
        return;
    };
    let (status, buffer) = tmux.copy_the_first_citation();
    assert!(
        status.contains("copied to the tmux buffer only (its set-clipboard is off)"),
        "{status}"
    );
    assert!(buffer.starts_with(CITATION), "{buffer}");
}

/// Where the `tmux` command cannot be run, a plain OSC 52 is written: tmux takes it into a
/// buffer when `set-clipboard` is on (a passthrough it would have dropped).
#[test]
fn without_the_tmux_command_a_plain_osc_52_still_reaches_tmux() {
    let Some(tmux) = Tmux::start(&[("set-clipboard", "on")], &["PATH=/nonexistent"]) else {
        return;
    };
    let (status, buffer) = tmux.copy_the_first_citation();
    assert!(
        status.contains(
            "citation of post 1/20 sent to the clipboard (OSC 52; tmux could not be run)"
        ),
        "{status}"
    );
    assert!(buffer.starts_with(CITATION), "{buffer}");
}
