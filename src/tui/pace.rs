//! When the next frame may be drawn. Two limits: frames at least [`FRAME`] apart (60 a
//! second), and the bytes sent kept within what a slow link carries ([`RATE`] a second
//! with a [`BURST`] of credit). A single key after a pause is drawn at once; a held key, or
//! a fast run of keys whose frames are large, is coalesced into fewer frames, each showing
//! the latest state, so the terminal never falls behind the keyboard.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The shortest time between two frames (60 a second).
pub const FRAME: Duration = Duration::from_micros(16_667);

/// Bytes a second the frames may use over time. With [`BURST`] this keeps every window of a
/// second or more within 64 KB, the budget of a remote session, even counting the frame
/// drawn last (a step at 200×50 writes at most about 8 KB).
pub const RATE: f64 = 48_000.0;

/// Credit saved up while idle: enough that single keys are drawn at once.
pub const BURST: f64 = 8_000.0;

/// The frame budget: when frames may be drawn, and what the last ones cost.
#[derive(Debug, Clone)]
pub struct Pacer {
    /// Bytes that may still be sent; negative after a frame larger than the credit.
    credit: f64,
    /// When `credit` was last brought up to date.
    counted_at: Instant,
    /// When the last frame was drawn.
    last_frame: Option<Instant>,
}

impl Pacer {
    /// A pacer with full credit and no frame drawn yet.
    pub fn new(now: Instant) -> Pacer {
        Pacer {
            credit: BURST,
            counted_at: now,
            last_frame: None,
        }
    }

    /// The earliest time the next frame may be drawn.
    pub fn next_frame(&self) -> Instant {
        let after_last = self
            .last_frame
            .map_or(self.counted_at, |drawn| drawn + FRAME);
        let paid_back = if self.credit >= 0.0 {
            self.counted_at
        } else {
            self.counted_at + Duration::from_secs_f64(-self.credit / RATE)
        };
        after_last.max(paid_back)
    }

    /// Records a frame drawn at `now` that wrote `bytes`.
    pub fn drawn(&mut self, now: Instant, bytes: u64) {
        self.refill(now);
        self.credit -= bytes as f64;
        self.last_frame = Some(now);
    }

    fn refill(&mut self, now: Instant) {
        let elapsed = now.saturating_duration_since(self.counted_at).as_secs_f64();
        self.credit = (self.credit + elapsed * RATE).min(BURST);
        self.counted_at = now;
    }
}

/// A writer that counts the bytes that pass through it, so each frame's cost is known.
/// Clones of a meter share one count, so everything sent to the terminal can be counted
/// whichever handle writes it.
#[derive(Debug)]
pub struct Counted<W> {
    inner: W,
    written: Arc<AtomicU64>,
}

impl<W> Counted<W> {
    /// Wraps `inner`, with nothing counted yet.
    pub fn new(inner: W) -> Counted<W> {
        Counted {
            inner,
            written: Arc::default(),
        }
    }

    /// Another writer that adds to the same count.
    pub fn sharing<V>(&self, inner: V) -> Counted<V> {
        Counted {
            inner,
            written: Arc::clone(&self.written),
        }
    }

    /// Every byte written so far through this writer and those sharing its count.
    pub fn written(&self) -> u64 {
        self.written.load(Ordering::Relaxed)
    }
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(bytes)?;
        self.written.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plays a key held for `seconds` (a repeat every `every`), each frame costing `bytes`,
    /// through the pacer as the event loop uses it; returns when each frame was drawn,
    /// relative to the first key, and what the last frame showed.
    fn hold(seconds: f64, every: Duration, bytes: u64) -> (Vec<Duration>, usize, usize) {
        let start = Instant::now();
        let mut pacer = Pacer::new(start);
        let keys: Vec<Instant> = (0..)
            .map(|i| start + every * i)
            .take_while(|t| t.duration_since(start).as_secs_f64() < seconds)
            .collect();
        let (mut frames, mut shown, mut pressed) = (Vec::new(), 0, 0);
        let mut now = start;
        while pressed < keys.len() {
            // Block for the next key, then wait for the frame time, taking keys meanwhile.
            now = now.max(keys[pressed]);
            let due = pacer.next_frame().max(now);
            while pressed < keys.len() && keys[pressed] <= due {
                pressed += 1;
            }
            now = due;
            pacer.drawn(now, bytes);
            frames.push(now - start);
            shown = pressed;
        }
        (frames, shown, keys.len())
    }

    /// Bytes drawn in the worst window of `window` starting at a frame.
    fn worst_window(frames: &[Duration], bytes: u64, window: Duration) -> u64 {
        frames
            .iter()
            .map(|&from| {
                let n = frames
                    .iter()
                    .filter(|&&t| t >= from && t < from + window)
                    .count();
                n as u64 * bytes
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn a_single_key_after_a_pause_is_drawn_at_once() {
        let start = Instant::now();
        let mut pacer = Pacer::new(start);
        assert_eq!(pacer.next_frame(), start);
        pacer.drawn(start, 7_700);
        assert_eq!(pacer.next_frame(), start + FRAME);
        pacer.drawn(start + FRAME, 7_700);
        // Credit is now below nothing; a second later it has long been paid back.
        assert!(pacer.next_frame() < start + Duration::from_secs(1));
    }

    #[test]
    fn a_held_key_at_200x50_stays_within_64_kb_a_second_and_ends_on_the_last_key() {
        // A step of the thread pane at 200×50 writes 7.7 KB; key repeat is 30 a second.
        let (frames, shown, pressed) = hold(10.0, Duration::from_millis(33), 7_700);
        assert_eq!(shown, pressed, "the last frame shows the last key");
        let worst = worst_window(&frames, 7_700, Duration::from_secs(1));
        assert!(worst <= 64_000, "{worst} bytes in one second");
        // Coalesced, not starved: the screen still moves several times a second.
        assert!(frames.len() >= 50, "{} frames in 10 s", frames.len());
    }

    #[test]
    fn small_frames_are_limited_to_60_a_second() {
        let (frames, shown, pressed) = hold(2.0, Duration::from_millis(5), 180);
        assert_eq!(shown, pressed);
        assert!(
            frames.windows(2).all(|w| w[1] - w[0] >= FRAME),
            "{frames:?}"
        );
        assert!(frames.len() <= 121, "{} frames in 2 s", frames.len());
    }
}
