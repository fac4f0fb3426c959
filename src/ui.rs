//! Drawing the app: the layout for a terminal size, then one module per pane and overlay.
//! Nothing here changes the app (but the list offsets, as ratatui's `ListState` would).

pub mod documents;
pub mod filter;
pub mod overlay;
pub mod status;
pub mod theme;
pub mod thread;

use crate::app::App;
pub use crate::app::screen::{MIN_SIZE, Mode, Panes};
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
pub use theme::Theme;

/// Draws the whole screen.
pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    if Mode::for_size((area.width, area.height)) == Mode::TooSmall {
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
    // Laid out for the frame drawn into, which is the terminal's size now, even where the
    // app has not heard of a change yet (a resize while suspended).
    let panes = app.panes_in(area);
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
