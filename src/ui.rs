//! Drawing the app: the layout for a terminal size, then one module per pane and overlay.
//! Nothing here changes the app (but the list offsets, as ratatui's `ListState` would).

pub mod documents;
pub mod filter;
pub mod overlay;
pub mod status;
pub mod theme;
pub mod thread;

use crate::app::{App, Pane};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
pub use theme::Theme;

/// The smallest terminal the app draws in.
pub const MIN_SIZE: (u16, u16) = (30, 8);

/// How the panes share the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// From 100 columns: documents, thread and filter panel side by side.
    Wide,
    /// From 60 columns: documents and thread; the filter panel opens over the thread.
    Medium,
    /// Below 60 columns: one pane at a time.
    Narrow,
    /// Below [`MIN_SIZE`]: a one-line message.
    TooSmall,
}

impl Mode {
    pub fn of((width, height): (u16, u16)) -> Mode {
        match width {
            _ if width < MIN_SIZE.0 || height < MIN_SIZE.1 => Mode::TooSmall,
            0..60 => Mode::Narrow,
            60..100 => Mode::Medium,
            _ => Mode::Wide,
        }
    }
}

/// Where everything goes; an empty rectangle for what is not shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Panes {
    pub documents: Rect,
    pub chips: Rect,
    pub documents_list: Rect,
    pub thread: Rect,
    pub thread_inner: Rect,
    pub filter: Rect,
    pub filter_list: Rect,
    pub status: Rect,
}

/// The layout of `area` for the app's mode and focus.
pub fn panes(area: Rect, app: &App) -> Panes {
    let mode = Mode::of((area.width, area.height));
    if mode == Mode::TooSmall {
        return Panes::default();
    }
    let [body, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let mut panes = Panes {
        status,
        ..Panes::default()
    };
    let (documents, thread, filter) = match mode {
        Mode::Wide => {
            let docs = (area.width * 3 / 10).clamp(28, 50);
            let filter = (area.width / 4).clamp(28, 44);
            let [d, t, f] = Layout::horizontal([
                Constraint::Length(docs),
                Constraint::Fill(1),
                Constraint::Length(filter),
            ])
            .areas(body);
            (d, t, f)
        }
        Mode::Medium => {
            let docs = (area.width * 35 / 100).clamp(26, 40);
            let [d, t] =
                Layout::horizontal([Constraint::Length(docs), Constraint::Fill(1)]).areas(body);
            let over = app.focus == Pane::Filter;
            let width = t.width.min(44);
            let f = Rect::new(t.right() - width, t.y, width, t.height);
            (d, t, if over { f } else { Rect::default() })
        }
        _ => match app.focus {
            Pane::Documents => (body, Rect::default(), Rect::default()),
            Pane::Thread => (Rect::default(), body, Rect::default()),
            Pane::Filter => (Rect::default(), Rect::default(), body),
        },
    };
    panes.documents = documents;
    let inner = Block::bordered().inner(documents);
    let chip_rows = u16::from(!app.filters.is_empty()).min(inner.height);
    [panes.chips, panes.documents_list] =
        Layout::vertical([Constraint::Length(chip_rows), Constraint::Fill(1)]).areas(inner);
    panes.thread = thread;
    panes.thread_inner = Block::bordered().inner(thread);
    panes.filter = filter;
    panes.filter_list = filter::list_area(Block::bordered().inner(filter));
    panes
}

/// Draws the whole screen.
pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    if Mode::of((area.width, area.height)) == Mode::TooSmall {
        let full = format!(
            "terminal too small: {}×{}, tread needs {}×{}",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        );
        let width = usize::from(area.width);
        let message = [full.as_str(), "terminal too small", "too small"]
            .into_iter()
            .find(|m| m.chars().count() <= width)
            .unwrap_or("");
        let line = message.to_string();
        frame.render_widget(Paragraph::new(Line::from(line)), area);
        return;
    }
    let panes = panes(area, app);
    documents::render(frame, app, theme, &panes);
    thread::render(frame, app, theme, &panes);
    filter::render(frame, app, theme, &panes);
    status::render(frame, app, theme, panes.status);
    overlay::render(frame, app, theme, area);
}

/// A pane's border and title, marked when it has focus.
fn pane_block<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .title(title)
        .border_style(theme.border(focused))
        .title_style(theme.title(focused))
}
