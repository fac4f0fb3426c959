//! The terminal's lifecycle and the event loop: take the terminal over, draw only when an
//! event changed something, and give it back on every way out (quit, error, panic, SIGTERM,
//! SIGHUP, and suspend with Ctrl-Z).

pub mod osc;
pub mod pace;

use crate::app::{App, Effect, Event, Loaded};
use crate::corpus::load::Progress;
use crate::keymap::Key;
use crate::ui::{self, Theme};
use crossterm::event::{self as term, MouseButton, MouseEventKind};
use crossterm::{cursor, execute, queue, style::Print, terminal};
use pace::{Counted, Pacer};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout, Write};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// Held while drawing, so a signal's restore never lands inside a frame.
static DRAWING: Mutex<()> = Mutex::new(());

type Term = Terminal<CrosstermBackend<Counted<Stdout>>>;

/// How the app draws.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub theme: Theme,
    pub hyperlinks: bool,
}

/// How often the screen follows a load in the background: often enough to look live, and
/// no more (each batch is drawn at most once per tick).
const LOAD_TICK: Duration = Duration::from_millis(50);

/// Runs the app until it quits, restoring the terminal however it ends. With a `loader`,
/// documents arrive while the app already answers keys.
pub fn run(
    app: &mut App,
    options: Options,
    loader: Option<Receiver<Progress<Loaded>>>,
) -> anyhow::Result<()> {
    install_panic_hook();
    watch_signals()?;
    enter()?;
    let out = Counted::new(io::stdout());
    let outcome = Terminal::new(CrosstermBackend::new(out.sharing(io::stdout())))
        .map_err(anyhow::Error::from)
        .and_then(|mut terminal| event_loop(&mut terminal, out, app, options, loader));
    leave()?;
    outcome
}

/// Waits for the next terminal event. While a load runs, waits at most a tick and passes on
/// what the loader sent meanwhile; after it, blocks (no timer, no CPU while idle).
fn next_events(
    app: &mut App,
    loader: &mut Option<Receiver<Progress<Loaded>>>,
) -> anyhow::Result<bool> {
    let Some(receiver) = loader else {
        return Ok(handle(app, term::read()?));
    };
    let mut changed = term::poll(LOAD_TICK)? && handle(app, term::read()?);
    loop {
        match receiver.try_recv() {
            Ok(progress) => {
                let finished = matches!(progress, Progress::Finished(_));
                app.handle(Event::Load(Box::new(progress)));
                changed = true;
                if finished {
                    *loader = None;
                    break;
                }
            }
            Err(TryRecvError::Empty) => break,
            Err(TryRecvError::Disconnected) => {
                *loader = None;
                break;
            }
        }
    }
    Ok(changed)
}

/// The terminal and a writer that counts alongside its backend (for what ratatui does not
/// draw: hyperlinks and clipboard sequences).
fn event_loop(
    terminal: &mut Term,
    mut out: Counted<Stdout>,
    app: &mut App,
    options: Options,
    mut loader: Option<Receiver<Progress<Loaded>>>,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.handle(Event::Resize(size.width, size.height));
    let mut pacer = Pacer::new(Instant::now());
    draw(terminal, &mut out, app, options, &mut pacer)?;
    // Debug builds only: lets the pty tests check the terminal is restored after a panic.
    if cfg!(debug_assertions) && std::env::var_os("TREAD_TEST_PANIC").is_some() {
        panic!("injected panic (TREAD_TEST_PANIC)");
    }
    loop {
        // Block for one event, then take every event already waiting, so a held key costs
        // one frame rather than one per repeat.
        let mut changed = next_events(app, &mut loader)?;
        while !app.quit && term::poll(Duration::ZERO)? {
            changed |= handle(app, term::read()?);
        }
        // Keys arriving before the pacer allows the next frame join it, so a held key or a
        // spun wheel costs at most 60 frames and 64 KB a second.
        let next_frame = pacer.next_frame();
        while changed && !app.quit {
            let now = Instant::now();
            if now >= next_frame || !term::poll(next_frame - now)? {
                break;
            }
            handle(app, term::read()?);
        }
        for effect in app.take_effects() {
            changed = true;
            match effect {
                Effect::Copy(text) => {
                    let sequence = osc::clipboard(&text, osc::Multiplexer::detect());
                    execute!(out, Print(sequence))?;
                }
                Effect::Redraw => repaint(terminal)?,
                Effect::Suspend => suspend(terminal)?,
            }
        }
        if app.quit {
            return Ok(());
        }
        if changed {
            draw(terminal, &mut out, app, options, &mut pacer)?;
        }
    }
}

/// Draws a frame and tells the pacer what it cost.
fn draw(
    terminal: &mut Term,
    out: &mut Counted<Stdout>,
    app: &App,
    options: Options,
    pacer: &mut Pacer,
) -> anyhow::Result<()> {
    let _guard = DRAWING.lock().unwrap_or_else(|e| e.into_inner());
    let before = out.written();
    let frame = terminal.draw(|frame| ui::render(frame, app, &options.theme))?;
    let area = frame.area;
    if options.hyperlinks {
        for (x, y, shown, target) in ui::overlay::hyperlinks(app, area) {
            queue!(
                out,
                cursor::MoveTo(x, y),
                Print(osc::hyperlink(&shown, &target))
            )?;
        }
        out.flush()?;
    }
    pacer.drawn(Instant::now(), out.written() - before);
    Ok(())
}

/// Passes one terminal event to the app; whether it can have changed the screen.
fn handle(app: &mut App, event: term::Event) -> bool {
    let event = match event {
        term::Event::Key(key) => match Key::from_event(key) {
            Some(key) => Event::Key(key),
            None => return false,
        },
        term::Event::Resize(w, h) => Event::Resize(w, h),
        term::Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Event::Click(mouse.column, mouse.row),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Event::Scroll {
                column: mouse.column,
                row: mouse.row,
                down: mouse.kind == MouseEventKind::ScrollDown,
            },
            _ => return false,
        },
        _ => return false,
    };
    app.handle(event);
    true
}

/// Mouse reports for presses and the wheel only (1000), in SGR form (1006). crossterm's
/// `EnableMouseCapture` also asks for every motion, a stream of bytes over SSH for nothing.
const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";

/// Raw mode, the alternate screen, mouse reports, no cursor.
fn enter() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        Print(MOUSE_ON),
        cursor::Hide
    )
}

/// Undoes [`enter`]; safe to call twice.
fn leave() -> io::Result<()> {
    let mut out = io::stdout();
    let shown = execute!(
        out,
        term::DisableMouseCapture,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    terminal::disable_raw_mode()?;
    shown
}

/// Restores the terminal before the default hook prints the panic, so the message is
/// readable and the shell usable.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = leave();
        previous(info);
    }));
}

/// SIGTERM and SIGHUP (an SSH session that drops) restore the terminal and end the process
/// with the conventional 128 + signal status.
fn watch_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _guard = DRAWING.lock().unwrap_or_else(|e| e.into_inner());
            let _ = leave();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// Ctrl-Z: give the terminal back, stop until `fg`, then take it again and repaint.
fn suspend(terminal: &mut Term) -> anyhow::Result<()> {
    leave()?;
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    enter()?;
    repaint(terminal)
}

/// Clears the screen and forgets what was drawn, so the next frame is drawn whole.
/// (`Terminal::clear` would first ask the terminal where its cursor is, a round trip that
/// some terminals never answer; resizing to the current size clears without asking.)
fn repaint(terminal: &mut Term) -> anyhow::Result<()> {
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::load;
    use crate::keymap::Keymap;
    use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent};

    fn app() -> App {
        App::new(
            load::bundled(),
            Keymap::builtin(),
            Default::default(),
            (80, 24),
        )
    }

    fn mouse(kind: MouseEventKind) -> term::Event {
        term::Event::Mouse(MouseEvent {
            kind,
            column: 3,
            row: 3,
            modifiers: KeyModifiers::NONE,
        })
    }

    #[test]
    fn only_events_that_can_change_the_screen_ask_for_a_frame() {
        let mut app = app();
        let quiet = [
            mouse(MouseEventKind::Moved),
            mouse(MouseEventKind::Up(MouseButton::Left)),
            mouse(MouseEventKind::Drag(MouseButton::Left)),
            term::Event::FocusGained,
            term::Event::FocusLost,
            term::Event::Key(KeyEvent {
                kind: KeyEventKind::Release,
                ..KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE)
            }),
        ];
        for event in quiet {
            assert!(!handle(&mut app, event.clone()), "{event:?}");
        }
        let loud = [
            term::Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE)),
            term::Event::Resize(100, 30),
            mouse(MouseEventKind::ScrollDown),
            mouse(MouseEventKind::Down(MouseButton::Left)),
        ];
        for event in loud {
            assert!(handle(&mut app, event.clone()), "{event:?}");
        }
    }
}
