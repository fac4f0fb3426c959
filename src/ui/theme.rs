//! Named styles. With colour, only the terminal's own 16-colour palette and its default
//! background, so the app looks right in 16- and 256-colour terminals and any scheme.
//! Without colour (`NO_COLOR`, `--color never`), everything that matters stays visible
//! through reverse, bold, underline and dim.

use ratatui::style::{Color, Modifier, Style};

/// The styles of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn pick(&self, colored: Style, plain: Style) -> Style {
        if self.color { colored } else { plain }
    }

    fn bold() -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The selected row of a focused list.
    pub fn selection(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The selected row of a list without focus.
    pub fn selection_unfocused(&self) -> Style {
        self.pick(
            Self::bold().fg(Color::Cyan),
            Self::bold().add_modifier(Modifier::UNDERLINED),
        )
    }

    pub fn border(&self, focused: bool) -> Style {
        match focused {
            true => self.pick(Style::new().fg(Color::Cyan), Self::bold()),
            false => self.pick(Style::new().fg(Color::DarkGray), Style::new()),
        }
    }

    pub fn title(&self, focused: bool) -> Style {
        match focused {
            true => self.pick(
                Self::bold().fg(Color::Cyan),
                Self::bold().add_modifier(Modifier::REVERSED),
            ),
            false => Self::bold(),
        }
    }

    pub fn hashtag(&self) -> Style {
        self.pick(Style::new().fg(Color::Cyan), Self::bold())
    }

    pub fn mention(&self) -> Style {
        self.pick(Style::new().fg(Color::Magenta), Self::bold())
    }

    pub fn organisation(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow),
            Style::new().add_modifier(Modifier::ITALIC),
        )
    }

    pub fn link(&self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            Style::new().add_modifier(Modifier::UNDERLINED),
        )
    }

    /// A search hit in the text.
    pub fn hit(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Black).bg(Color::Yellow),
            Self::bold().add_modifier(Modifier::REVERSED),
        )
    }

    /// The mark beside a post that matches the filters or the search.
    pub fn mark(&self) -> Style {
        self.pick(Self::bold().fg(Color::Green), Self::bold())
    }

    /// Entries that would leave nothing, media notes, secondary text.
    pub fn dim(&self) -> Style {
        self.pick(
            Style::new().fg(Color::DarkGray),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    pub fn warning(&self) -> Style {
        self.pick(Self::bold().fg(Color::Red), Self::bold())
    }

    pub fn heading(&self) -> Style {
        Self::bold()
    }

    /// An active filter above the documents.
    pub fn chip(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Black).bg(Color::Green),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    /// Characters of a facet entry the typed query matched.
    pub fn matched(&self) -> Style {
        self.pick(
            Self::bold().fg(Color::Yellow),
            Self::bold().add_modifier(Modifier::UNDERLINED),
        )
    }

    /// The review's mark beside a post, and its codes under it.
    pub fn review(&self) -> Style {
        self.pick(Self::bold().fg(Color::Magenta), Self::bold())
    }

    /// A post's note under it.
    pub fn note(&self) -> Style {
        Style::new().add_modifier(Modifier::ITALIC)
    }

    /// The status line's key names.
    pub fn key(&self) -> Style {
        self.pick(Self::bold().fg(Color::Cyan), Self::bold())
    }
}
