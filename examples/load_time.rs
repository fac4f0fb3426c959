//! Times a full load of a folder into the terminal UI, as the README's performance table
//! reports it, two ways:
//!
//! - in-process (the default): the app of `tread DIR` fed by a background load, with the
//!   times at which every document is listed and searchable, at which the load is finished
//!   (organisations resolved, facets built and applied) and at which its cache is written,
//!   and the CPU time and peak memory by then;
//! - `--pty BIN`: the binary itself in a 200×50 pseudo-terminal, from launch to its first
//!   frame and to the screen saying "loaded"; then it is told to quit, and the time it ends
//!   (its cache written) and its peak memory are reported.
//!
//! Both use the cache where `$XDG_CACHE_HOME` says: point it at an empty folder for a
//! cold open, run again for a warm one.
//!
//! `cargo run --release --example load_time -- DIR [--pty target/release/tread]`

#[path = "../src/allocator.rs"]
mod allocator;

use std::io::{Read, Write};
use std::time::{Duration, Instant};
use tread::app::{App, Event, Loaded, Opening};
use tread::app::{Progress, load_in_background};
use tread::corpus::Corpus;
use tread::corpus::load::LoadOptions;
use tread::keymap::Keymap;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match &args[..] {
        [dir] => in_process(dir),
        [dir, flag, binary] if flag == "--pty" => in_pty(dir, binary),
        _ => anyhow::bail!("usage: load_time DIR [--pty BIN]"),
    }
}

fn in_process(dir: &str) -> anyhow::Result<()> {
    let start = Instant::now();
    let options = LoadOptions {
        paths: vec![dir.into()],
        glossary: None,
        // The binary's cache, where $XDG_CACHE_HOME says: cold when it is empty.
        cache: tread::cache::default_dir(),
    };
    let mut app = App::new(
        Corpus::default(),
        Keymap::builtin(),
        Opening::default(),
        (200, 50),
    );
    let mut busy = Duration::ZERO;
    for progress in load_in_background(&options, Loaded::new)? {
        let finished = matches!(progress, Progress::Finished(_));
        let written = matches!(progress, Progress::Written(_));
        if matches!(progress, Progress::Listed(_)) {
            println!("listed and searchable {}  {}", ms(start.elapsed()), usage());
        }
        let handling = Instant::now();
        app.handle(Event::Load(Box::new(progress)));
        busy += handling.elapsed();
        if finished {
            println!("fully loaded          {}  {}", ms(start.elapsed()), usage());
            println!("UI thread busy with the load's messages: {}", ms(busy));
        }
        // The cache is written after the load is shown, and waited for, as the binary does.
        if written {
            println!("cache written         {}  {}", ms(start.elapsed()), usage());
        }
    }
    // As the binary does, no time is spent freeing the corpus on the way out.
    std::mem::forget(app);
    Ok(())
}

/// A duration in milliseconds, aligned.
fn ms(duration: Duration) -> String {
    format!("{:>7.1} ms", duration.as_secs_f64() * 1000.0)
}

/// CPU time and peak memory of this process so far.
fn usage() -> String {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let cpu = (ticks(11) + ticks(12)) / 100.0;
    format!("cpu {cpu:.2} s, peak {}", peak_memory("self"))
}

/// The peak resident memory of process `pid` ("self" for this one), from /proc.
fn peak_memory(pid: &str) -> String {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok());
    kib.map_or("unknown".into(), |k| {
        format!("{:.0} MB", k as f64 * 1024.0 / 1e6)
    })
}

fn in_pty(dir: &str, binary: &str) -> anyhow::Result<()> {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let pty = native_pty_system().openpty(PtySize {
        rows: 50,
        cols: 200,
        pixel_width: 0,
        pixel_height: 0,
    })?;
    let mut command = CommandBuilder::new(std::fs::canonicalize(binary)?);
    command.arg(dir);
    command.env("TERM", "xterm-256color");
    // A review of its own, so that no "back where you left" from an earlier run takes the
    // status line that says "loaded".
    let data = tempfile::tempdir()?;
    command.env("XDG_DATA_HOME", data.path());
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(command)?;
    drop(pty.slave);
    // The reader notes when each awaited text first shows, looking only at what is new
    // (and the few bytes before it, where the text may have been cut), so the waiting
    // costs the machine next to nothing.
    let (seen, shown) = std::sync::mpsc::channel();
    let mut reader = pty.master.try_clone_reader()?;
    std::thread::spawn(move || {
        // The first frame draws the panes' borders.
        let mut awaited = ["─".as_bytes(), b"loaded".as_slice()]
            .into_iter()
            .peekable();
        let mut tail: Vec<u8> = Vec::new();
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                return;
            }
            tail.extend_from_slice(&buf[..n]);
            while let Some(text) = awaited.next_if(|t| tail.windows(t.len()).any(|w| w == *t)) {
                let _ = seen.send((text, start.elapsed()));
            }
            let keep = tail.len().saturating_sub(16);
            tail.drain(..keep);
        }
    });
    let wait = |what: &str| {
        let (_, at) = shown
            .recv_timeout(Duration::from_secs(60))
            .map_err(|_| anyhow::anyhow!("no {what} in 60 s"))?;
        anyhow::Ok(at)
    };
    let first = wait("first frame")?;
    let loaded = wait("\"loaded\"")?;
    println!("first frame {}", ms(first));
    println!("loaded      {}", ms(loaded));
    // Quit at once: the binary waits for its cache to be written before it ends.
    let mut writer = pty.master.take_writer()?;
    writer.write_all(b"q")?;
    child.wait()?;
    println!(
        "ended       {}  peak {}",
        ms(start.elapsed()),
        children_peak()
    );
    Ok(())
}

/// The peak memory of the largest child this process has waited for.
#[cfg(unix)]
fn children_peak() -> String {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // Kilobytes on Linux, bytes on macOS.
    let unit = if cfg!(target_os = "macos") {
        1.0
    } else {
        1024.0
    };
    match unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } {
        0 => format!("{:.0} MB", usage.ru_maxrss as f64 * unit / 1e6),
        _ => "unknown".into(),
    }
}

#[cfg(not(unix))]
fn children_peak() -> String {
    "unknown".into()
}
