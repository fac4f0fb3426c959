//! Windows over the panes: help (generated from the active keymap, grouped by context),
//! warnings (the corpus's load problems and the current document's), and the current
//! post's links.

use super::Theme;
use crate::app::screen::overlay_area as area;
use crate::app::{App, HelpTone, Overlay};
use crate::keymap::{Action, Context};
use crate::present::truncate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// An overlay's title, lines and how far it is scrolled.
fn content(
    app: &App,
    theme: &Theme,
    screen: Rect,
) -> Option<(&'static str, Vec<Line<'static>>, usize)> {
    Some(match app.overlay().as_ref()? {
        Overlay::Help { scroll } => {
            let width = usize::from(Block::bordered().inner(area(screen)).width);
            (" Keys ", help_lines(app, theme, width), *scroll)
        }
        Overlay::Warnings { scroll } => {
            let width = usize::from(Block::bordered().inner(area(screen)).width);
            (" Warnings ", warning_lines(app, theme, width), *scroll)
        }
        Overlay::Links { selected } => {
            let width = link_width(screen);
            (" Links ", link_lines(app, theme, *selected, width), 0)
        }
    })
}

pub fn render(frame: &mut Frame, app: &App, theme: &Theme, screen: Rect) {
    let Some((title, lines, scroll)) = content(app, theme, screen) else {
        return;
    };
    let area = area(screen);
    let height = usize::from(Block::bordered().inner(area).height);
    let last = lines.len().saturating_sub(height);
    let scroll = scroll.min(last);
    let more = match (scroll > 0, scroll < last) {
        (true, true) => " ↑↓ more ",
        (false, true) => " ↓ more ",
        (true, false) => " ↑ more ",
        (false, false) => "",
    };
    let block = Block::bordered()
        .title(Line::from(title))
        .title_bottom(Line::from(more).right_aligned())
        .border_style(theme.border(true))
        .title_style(theme.title(true));
    let inner = block.inner(area);
    let lines: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The help as the app lays it out ([`App::help_lines`]), styled.
fn help_lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    styled(app.help_lines(width), theme)
}

/// Lines the app laid out, in the theme's styles: the lead as a key, the text by its tone.
fn styled(lines: Vec<crate::app::HelpLine>, theme: &Theme) -> Vec<Line<'static>> {
    (lines.into_iter())
        .map(|line| {
            let style = match line.tone {
                HelpTone::Heading => theme.heading(),
                HelpTone::Plain => Style::new(),
                HelpTone::Dim => theme.dim(),
                HelpTone::Warning => theme.warning(),
            };
            Line::from(vec![
                Span::styled(line.lead, theme.key()),
                Span::styled(line.text, style),
            ])
        })
        .collect()
}

/// The warnings as the app lays them out ([`App::warning_lines`]), styled.
fn warning_lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    styled(app.warning_lines(width), theme)
}

/// Columns for a link in the links overlay (after its number).
fn link_width(screen: Rect) -> usize {
    usize::from(Block::bordered().inner(area(screen)).width).saturating_sub(4)
}

/// The links as the page wrote them (a cut one keeps its "…"), the selected one marked; one
/// longer than the overlay is cut to fit, and stays whole in its hyperlink and when copied.
fn link_lines(app: &App, theme: &Theme, selected: usize, width: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = app
        .current_links()
        .iter()
        .enumerate()
        .map(|(i, link)| {
            let style = if i == selected {
                theme.selection()
            } else {
                theme.link()
            };
            Line::from(vec![
                Span::raw(format!("{:>2}. ", i + 1)),
                Span::styled(truncate(link, width), style),
            ])
        })
        .collect();
    let hint = app
        .keymap()
        .hint(Context::Global, Action::CopyCitation)
        .map(|k| format!("{k} copies the selected link"))
        .unwrap_or_default();
    lines.push(Line::raw(""));
    lines.push(Line::styled(truncate(&hint, 80), theme.dim()));
    lines
}

/// Where each link of the links overlay is drawn, for OSC 8 hyperlinks over the drawn text:
/// (column, row, text as drawn, target). Cut links ("ann…") have no target.
pub fn hyperlinks(app: &App, screen: Rect) -> Vec<(u16, u16, String, String)> {
    let Some(Overlay::Links { .. }) = app.overlay() else {
        return Vec::new();
    };
    let inner = Block::bordered().inner(area(screen));
    let width = link_width(screen);
    app.current_links()
        .iter()
        .enumerate()
        .take(usize::from(inner.height))
        .filter(|(_, link)| !link.ends_with('…') && !link.contains(char::is_control))
        .map(|(i, link)| {
            let target = match link.contains("://") {
                true => link.to_string(),
                false => format!("https://{link}"),
            };
            let shown = truncate(link, width);
            (inner.x + 4, inner.y + i as u16, shown, target)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::load::bundled;
    use crate::keymap::Keymap;

    /// The app counts an overlay's lines from the model (to scroll it) without drawing it:
    /// its count is the number of lines drawn, for each overlay on each document.
    #[test]
    fn the_app_counts_the_lines_drawn() {
        let screen = Rect::new(0, 0, 100, 30);
        for doc in crate::corpus::DocIndex::all(bundled().documents.len()) {
            for action in [Action::Help, Action::Warnings, Action::Links] {
                let opening = crate::app::Opening {
                    document: Some(doc),
                    ..Default::default()
                };
                let mut app = App::new(bundled(), Keymap::builtin(), opening, (100, 30));
                let keys = app.keymap().hint(Context::Global, action).unwrap();
                for key in keys.parse::<crate::keymap::KeySeq>().unwrap().0 {
                    app.handle(crate::app::Event::Key(key));
                }
                let Some((_, lines, _)) = content(&app, &Theme::new(false), screen) else {
                    // Only a post without links opens no overlay.
                    assert_eq!(action, Action::Links);
                    assert!(app.current_links().is_empty());
                    continue;
                };
                assert_eq!(app.overlay_lines(), lines.len(), "{doc:?} {action:?}");
            }
        }
    }
}
