//! The terminal's lifecycle and the event loop: take the terminal over, draw only when an
//! event changed something, and give it back on every way out (quit, error, panic, SIGTERM,
//! SIGHUP, SIGINT, SIGQUIT, and suspend with Ctrl-Z).

mod clipboard;
mod editor;
mod events;
pub mod osc;
pub mod pace;

use crate::app::Progress;
use crate::app::{App, Effect, Event, Loaded, Reloaded, reload};
use crate::corpus::Corpus;
use crate::corpus::load::LoadOptions;
use crate::ui::{self, Theme};
use crate::watch;
use crossterm::event as term;
use crossterm::{cursor, execute, queue, style::Print, terminal};
use pace::{Counted, Pacer};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout, Write};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Held while drawing, so a signal's restore never lands inside a frame.
static DRAWING: Mutex<()> = Mutex::new(());

type Term = Terminal<CrosstermBackend<Counted<Stdout>>>;

/// How the app draws.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub theme: Theme,
    pub hyperlinks: bool,
    /// Whether tread takes clicks and the wheel (else the terminal keeps the mouse, to
    /// select text).
    pub mouse: bool,
}

/// Whether [`enter`] asks for mouse reports; set once, by [`run`].
static MOUSE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// A collection that follows its files: how to load it again, and news of its files
/// ([`watch::start`]).
#[derive(Debug)]
pub struct Live {
    pub options: LoadOptions,
    pub news: Receiver<watch::News>,
}

/// Runs the app until it quits, restoring the terminal however it ends. With a `loader`,
/// documents arrive while the app already answers keys; with `live`, the collection is
/// loaded again whenever its files change.
pub fn run(
    app: &mut App,
    options: Options,
    loader: Option<Receiver<Progress<Loaded>>>,
    live: Option<Live>,
) -> anyhow::Result<()> {
    MOUSE.store(options.mouse, std::sync::atomic::Ordering::Relaxed);
    install_panic_hook();
    watch_signals()?;
    enter()?;
    let keys = editor::Keys::new();
    let (copies, inputs, load_ended) = inputs(loader, keys.clone());
    let reload = live.map(|live| {
        forward(live.news, copies.clone(), Input::Watch);
        live.options
    });
    let out = Counted::new(io::stdout());
    let outcome = Terminal::new(CrosstermBackend::new(out.sharing(io::stdout())))
        .map_err(anyhow::Error::from)
        .and_then(|mut terminal| {
            let io = Io {
                inputs,
                copies,
                keys,
                out,
                reload,
            };
            event_loop(&mut terminal, io, app, options)
        });
    leave()?;
    // The cache a finished load is writing is waited for, a moment at most, rather than
    // lost: the next open would read the changed files again.
    if let Some(ended) = load_ended.filter(|_| app.writing_cache()) {
        let first = Duration::from_secs(1);
        let waiting = ended.recv_timeout(first);
        if waiting == Err(mpsc::RecvTimeoutError::Timeout) {
            eprintln!("tread: writing the cache…");
            let _ = ended.recv_timeout(CACHE_WRITE_WAIT.saturating_sub(first));
        }
    }
    outcome
}

/// The longest the process waits, once the terminal is restored, for a cache to be written.
const CACHE_WRITE_WAIT: Duration = Duration::from_secs(10);

/// What the event loop waits for.
enum Input {
    /// An event from the terminal (or why none could be read).
    Term(io::Result<term::Event>),
    /// A background load's progress (boxed: the finished load carries the facets).
    Load(Box<Progress<Loaded>>),
    /// A copy into tmux's buffer, done (or not) on a thread of its own.
    Copied(Copied),
    /// News of the opened files.
    Watch(watch::News),
    /// The collection loaded again.
    Reloaded(Box<Result<Option<Reloaded>, String>>),
}

/// A copy tmux was asked to make, and how it went.
struct Copied {
    text: String,
    said: CopySaid,
    outcome: Result<clipboard::Destination, String>,
}

/// What the status line says of a copy: what was copied, and what it shows of it.
struct CopySaid {
    what: String,
    shown: Option<String>,
}

impl CopySaid {
    fn message(&self, to: &clipboard::Destination) -> String {
        let said = format!("{} {}", self.what, to.describe());
        match &self.shown {
            Some(shown) => format!("{said}: {shown}"),
            None => said,
        }
    }
}

/// One queue of the terminal's events and the load's progress, each fed by a thread of its
/// own, so that whichever comes first wakes the event loop at once: a load is followed as
/// it goes and its end is shown when it comes, not at the next tick of a timer, and the
/// loop sleeps while nothing happens. With a load, also what hangs up once the load is
/// no longer followed ([`forward_load`]).
fn inputs(
    loader: Option<Receiver<Progress<Loaded>>>,
    keys: editor::Keys,
) -> (Sender<Input>, Receiver<Input>, Option<Receiver<()>>) {
    let (send, receive) = mpsc::channel();
    let copies = send.clone();
    let load_ended = loader.map(|loader| forward_load(loader, send.clone()));
    let terminal = send;
    std::thread::spawn(move || {
        loop {
            let event = keys.next();
            let failed = event.is_err();
            // The loop gone (the app quit) or the terminal unreadable: nothing more to read.
            if terminal.send(Input::Term(event)).is_err() || failed {
                keys.end();
                return;
            }
        }
    });
    (copies, receive, load_ended)
}

/// Passes a load's progress on to `inputs` until the load ends or the loop goes away: once
/// the loop is gone, at the load's next message. What it returns hangs up then.
fn forward_load(loader: Receiver<Progress<Loaded>>, inputs: Sender<Input>) -> Receiver<()> {
    let (following, ended) = mpsc::channel::<()>();
    forward(loader, inputs, move |progress| {
        let _following = &following;
        Input::Load(Box::new(progress))
    });
    ended
}

/// Passes what `from` receives on to `inputs`, as `input` makes it, until either end goes.
fn forward<T: Send + 'static>(
    from: Receiver<T>,
    inputs: Sender<Input>,
    input: impl Fn(T) -> Input + Send + 'static,
) {
    std::thread::spawn(move || {
        for item in from {
            if inputs.send(input(item)).is_err() {
                return;
            }
        }
    });
}

/// Passes one terminal event to the app; whether it can have changed the screen.
fn handle(app: &mut App, event: term::Event) -> bool {
    match events::translate(event) {
        Some(event) => {
            app.handle(event);
            true
        }
        None => false,
    }
}

/// Passes one input to the app (writing to `out` what a failed copy into tmux falls back
/// to); whether it can have changed the screen.
fn take(app: &mut App, input: Input, out: &mut Counted<Stdout>) -> anyhow::Result<bool> {
    match input {
        Input::Term(event) => Ok(handle(app, event?)),
        Input::Load(progress) => {
            app.handle(Event::Load(progress));
            Ok(true)
        }
        Input::Copied(copied) => {
            let to = match copied.outcome {
                Ok(to) => to,
                Err(why) => clipboard::via_terminal(&copied.text, Some(why), out)?,
            };
            app.handle(Event::Copied(copied.said.message(&to)));
            Ok(true)
        }
        // Only a change to the screen is drawn: news of files is not one until loaded.
        Input::Watch(watch::News::Changed) => {
            app.handle(Event::FilesChanged);
            Ok(false)
        }
        Input::Watch(watch::News::Unwatched(why)) => {
            app.handle(Event::Unwatched(why));
            Ok(true)
        }
        Input::Reloaded(outcome) => {
            let changed = !matches!(*outcome, Ok(None));
            app.handle(Event::Reloaded(outcome));
            Ok(changed)
        }
    }
}

/// What the loop reads and writes besides the terminal: the inputs, the switch that parks
/// the key reader, and a writer that counts alongside the terminal's backend (for what
/// ratatui does not draw: hyperlinks and clipboard sequences).
struct Io {
    inputs: Receiver<Input>,
    /// Where a copy done off the loop reports back.
    copies: Sender<Input>,
    keys: editor::Keys,
    out: Counted<Stdout>,
    /// How to load the collection again, when it follows its files.
    reload: Option<LoadOptions>,
}

fn event_loop(terminal: &mut Term, io: Io, app: &mut App, options: Options) -> anyhow::Result<()> {
    let Io {
        inputs,
        copies,
        keys,
        mut out,
        reload,
    } = io;
    let size = terminal.size()?;
    app.handle(Event::Resize(size.width, size.height));
    let mut pacer = Pacer::new(Instant::now());
    draw(terminal, &mut out, app, options, &mut pacer)?;
    // Debug builds only: lets the pty tests check the terminal is restored after a panic.
    if cfg!(debug_assertions) && std::env::var_os("TREAD_TEST_PANIC").is_some() {
        panic!("injected panic (TREAD_TEST_PANIC)");
    }
    loop {
        // Block for one input, then take every input already waiting, so a held key costs
        // one frame rather than one per repeat.
        let Ok(input) = inputs.recv() else {
            return Ok(());
        };
        let mut changed = take(app, input, &mut out)?;
        while !app.quit() {
            let Ok(input) = inputs.try_recv() else { break };
            changed |= take(app, input, &mut out)?;
        }
        // Inputs arriving before the pacer allows the next frame join it, so a held key, a
        // spun wheel or a fast load costs at most 60 frames and 64 KB a second.
        let next_frame = pacer.next_frame();
        while changed && !app.quit() {
            let now = Instant::now();
            let Some(Ok(input)) = (now < next_frame).then(|| inputs.recv_timeout(next_frame - now))
            else {
                break;
            };
            take(app, input, &mut out)?;
        }
        let io = (&mut out, &keys, &copies, reload.as_ref());
        changed |= carry_out_effects(terminal, io, app)?;
        if app.quit() {
            return Ok(());
        }
        if changed {
            draw(terminal, &mut out, app, options, &mut pacer)?;
        }
    }
}

/// Does what the app asked of the terminal since the last frame; true if it asked anything
/// (each leaves the screen to be drawn again).
fn carry_out_effects(terminal: &mut Term, io: EffectIo, app: &mut App) -> anyhow::Result<bool> {
    let (out, keys, copies, reload) = io;
    let effects = app.take_effects();
    let mut any = false;
    for effect in effects {
        // A reload shows nothing until it is done.
        any |= effect != Effect::Reload;
        match effect {
            Effect::Reload => {
                if let Some(options) = reload {
                    let job = (options.clone(), app.shared_corpus(), app.review_file());
                    start_reload(job, copies.clone());
                }
            }
            Effect::Copy { text, what, shown } => {
                let said = CopySaid { what, shown };
                if clipboard::through_tmux() {
                    // Answered as Input::Copied; the loop goes on meanwhile.
                    let copies = copies.clone();
                    std::thread::spawn(move || {
                        let outcome = clipboard::via_tmux(&text);
                        let copied = Copied {
                            text,
                            said,
                            outcome,
                        };
                        let _ = copies.send(Input::Copied(copied));
                    });
                } else {
                    let to = clipboard::via_terminal(&text, None, out)?;
                    app.handle(Event::Copied(said.message(&to)));
                }
            }
            // The terminal may have been resized meanwhile (while suspended, no resize
            // reaches the process): the app is told the size it is drawn at.
            Effect::Redraw | Effect::Suspend => {
                let size = match effect {
                    Effect::Suspend => suspend(terminal)?,
                    _ => repaint(terminal)?,
                };
                app.handle(Event::Resize(size.width, size.height));
            }
            Effect::EditNote(text) => {
                let edited = keys.parked(|| -> io::Result<_> {
                    leave()?;
                    let edited = editor::edit(&text);
                    enter()?;
                    Ok(edited)
                })?;
                let size = repaint(terminal)?;
                app.handle(Event::Resize(size.width, size.height));
                app.handle(Event::Edited(edited));
            }
        }
    }
    Ok(any)
}

/// What effects are carried out with: the terminal's writer, the key reader's switch,
/// where threads report back, and how to load the collection again.
type EffectIo<'a> = (
    &'a mut Counted<Stdout>,
    &'a editor::Keys,
    &'a Sender<Input>,
    Option<&'a LoadOptions>,
);

/// Loads the collection again on threads of its own, reporting to `inputs`: the options,
/// the corpus shown (let go of before reporting, so the app holds the only reference to
/// its corpus again) and the review's file.
fn start_reload(
    (options, shown, review): (LoadOptions, Arc<Corpus>, Option<std::path::PathBuf>),
    inputs: Sender<Input>,
) {
    let told = inputs.clone();
    let spawned = std::thread::Builder::new()
        .name(crate::app::RELOADER.to_string())
        .spawn(move || {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                reload(&options, &shown, review.as_deref())
            }));
            drop(shown);
            let outcome = outcome.unwrap_or_else(|panic| {
                let why = (panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                Err(format!(
                    "tread failed while reading ({}); please report it",
                    crate::corpus::sanitise::printable(&why)
                ))
            });
            let _ = inputs.send(Input::Reloaded(Box::new(outcome)));
        });
    // No thread to be had: the reload is told as failed, so the next change tries again.
    if let Err(error) = spawned {
        let failed = Err(format!("no thread to read on: {error}"));
        let _ = told.send(Input::Reloaded(Box::new(failed)));
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

/// Mouse reports for presses and the wheel only (1000), in SGR form (1006). crossterm's
/// `EnableMouseCapture` also asks for every motion, a stream of bytes over SSH for nothing.
const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";

/// Raw mode, the alternate screen, mouse reports (unless turned off), no cursor.
fn enter() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    let mouse = match MOUSE.load(std::sync::atomic::Ordering::Relaxed) {
        true => MOUSE_ON,
        false => "",
    };
    execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        Print(mouse),
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
        // A reload's panic, on its thread or its pool's, is caught and shown in the status
        // line (`start_reload`): the UI goes on, so the terminal stays as it is and nothing is printed over it.
        if crate::app::is_reloader(std::thread::current().name()) {
            return;
        }
        let _ = leave();
        previous(info);
    }));
}

/// SIGTERM, SIGHUP (an SSH session that drops), SIGINT and SIGQUIT (`kill -QUIT`; the
/// terminal sends neither while raw) restore the terminal and end the process with the
/// conventional 128 + signal status.
fn watch_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
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
fn suspend(terminal: &mut Term) -> anyhow::Result<ratatui::layout::Size> {
    leave()?;
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    enter()?;
    repaint(terminal)
}

/// Clears the screen and forgets what was drawn, so the next frame is drawn whole.
/// (`Terminal::clear` would first ask the terminal where its cursor is, a round trip that
/// some terminals never answer; resizing to the current size clears without asking.)
fn repaint(terminal: &mut Term) -> anyhow::Result<ratatui::layout::Size> {
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
    Ok(size)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::load;
    use crate::keymap::Keymap;
    use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton};
    use crossterm::event::{MouseEvent, MouseEventKind};

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
    fn a_load_wakes_the_loop_by_itself_and_its_progress_reaches_the_app() {
        let (load, loader) = mpsc::channel();
        let (send, inputs) = mpsc::channel();
        forward_load(loader, send);
        let documents: crate::corpus::Held =
            load::bundled().documents.to_vec().into_iter().collect();
        let total = documents.len();
        load.send(Progress::Parsed {
            documents,
            done: total,
            total,
        })
        .unwrap();
        // Waiting on the queue alone is woken by the load: no key, no timer. (The timeout
        // only keeps a broken forwarder from hanging the test.)
        let input = inputs.recv_timeout(Duration::from_secs(30)).unwrap();
        let mut app = App::new(
            Default::default(),
            Keymap::builtin(),
            Default::default(),
            (80, 24),
        );
        let mut out = Counted::new(io::stdout());
        assert!(
            take(&mut app, input, &mut out).unwrap(),
            "a load's progress changes the screen"
        );
        assert_eq!(app.corpus().documents.len(), total);
        // Once the load is over, the forwarder lets go of the queue.
        drop(load);
        assert!(matches!(
            inputs.recv_timeout(Duration::from_secs(30)),
            Err(mpsc::RecvTimeoutError::Disconnected)
        ));
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
