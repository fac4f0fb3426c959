//! Named styles. Text is the terminal's default colours with attributes (bold, italic,
//! underline, dim, reverse); colour is added only where it reads on dark and light schemes
//! alike: of the 16-colour palette, red and magenta are the only colours legible (contrast
//! 3:1 or more) on xterm's, Tango's and Solarized's dark and light backgrounds, and the two
//! backgrounds used (hits, chips) carry the palette's black. Palette colour 8 (dark grey) is
//! never used: it is Solarized Dark's background. A test computes each style's contrast on
//! each of those palettes. Without colour (`NO_COLOR`, `--color never`), only attributes.

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
        Self::bold().add_modifier(Modifier::UNDERLINED)
    }

    /// A pane's border: the focused one stands out (magenta, else bold), the others are
    /// the default colour.
    pub fn border(&self, focused: bool) -> Style {
        match focused {
            true => self.pick(Style::new().fg(Color::Magenta), Self::bold()),
            false => Style::new(),
        }
    }

    pub fn title(&self, focused: bool) -> Style {
        match focused {
            true => self.pick(
                Self::bold().fg(Color::Magenta),
                Self::bold().add_modifier(Modifier::REVERSED),
            ),
            false => Self::bold(),
        }
    }

    pub fn hashtag(&self) -> Style {
        Self::bold()
    }

    pub fn mention(&self) -> Style {
        self.pick(Style::new().fg(Color::Magenta), Self::bold())
    }

    pub fn organisation(&self) -> Style {
        Style::new().add_modifier(Modifier::ITALIC)
    }

    pub fn link(&self) -> Style {
        Style::new().add_modifier(Modifier::UNDERLINED)
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
        self.pick(Self::bold().fg(Color::Magenta), Self::bold())
    }

    /// Entries that would leave nothing, media notes, secondary text: the terminal's own
    /// faint rendering of its default colour.
    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
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
            Self::bold().fg(Color::Red),
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
        Self::bold()
    }

    /// Every style, named, and whether it is text to read (else a secondary cue): what the
    /// contrast test checks.
    pub fn all(&self) -> Vec<(&'static str, Style, bool)> {
        vec![
            ("selection", self.selection(), true),
            ("selection_unfocused", self.selection_unfocused(), true),
            ("border focused", self.border(true), true),
            ("border", self.border(false), true),
            ("title focused", self.title(true), true),
            ("title", self.title(false), true),
            ("hashtag", self.hashtag(), true),
            ("mention", self.mention(), true),
            ("organisation", self.organisation(), true),
            ("link", self.link(), true),
            ("hit", self.hit(), true),
            ("mark", self.mark(), true),
            ("dim", self.dim(), false),
            ("warning", self.warning(), true),
            ("heading", self.heading(), true),
            ("chip", self.chip(), true),
            ("matched", self.matched(), true),
            ("review", self.review(), true),
            ("note", self.note(), true),
            ("key", self.key(), true),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A terminal's colours: its 16-colour palette, default foreground and background.
    struct Palette {
        name: &'static str,
        ansi: [u32; 16],
        fg: u32,
        bg: u32,
    }

    const XTERM: [u32; 16] = [
        0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5, 0x7f7f7f,
        0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
    ];
    const SOLARIZED: [u32; 16] = [
        0x073642, 0xdc322f, 0x859900, 0xb58900, 0x268bd2, 0xd33682, 0x2aa198, 0xeee8d5, 0x002b36,
        0xcb4b16, 0x586e75, 0x657b83, 0x839496, 0x6c71c4, 0x93a1a1, 0xfdf6e3,
    ];
    const TANGO: [u32; 16] = [
        0x2e3436, 0xcc0000, 0x4e9a06, 0xc4a000, 0x3465a4, 0x75507b, 0x06989a, 0xd3d7cf, 0x555753,
        0xef2929, 0x8ae234, 0xfce94f, 0x729fcf, 0xad7fa8, 0x34e2e2, 0xeeeeec,
    ];

    /// xterm's own (black on white) and reversed, Solarized Dark and Light, and GNOME's
    /// Tango on white.
    const PALETTES: [Palette; 5] = [
        Palette {
            name: "xterm",
            ansi: XTERM,
            fg: 0x000000,
            bg: 0xffffff,
        },
        Palette {
            name: "xterm reversed",
            ansi: XTERM,
            fg: 0xe5e5e5,
            bg: 0x000000,
        },
        Palette {
            name: "Solarized Dark",
            ansi: SOLARIZED,
            fg: 0x839496,
            bg: 0x002b36,
        },
        Palette {
            name: "Solarized Light",
            ansi: SOLARIZED,
            fg: 0x657b83,
            bg: 0xfdf6e3,
        },
        Palette {
            name: "Tango on white",
            ansi: TANGO,
            fg: 0x2e3436,
            bg: 0xffffff,
        },
    ];

    fn rgb(palette: &Palette, color: Option<Color>, default: u32) -> u32 {
        let named = [
            Color::Black,
            Color::Red,
            Color::Green,
            Color::Yellow,
            Color::Blue,
            Color::Magenta,
            Color::Cyan,
            Color::Gray,
            Color::DarkGray,
            Color::LightRed,
            Color::LightGreen,
            Color::LightYellow,
            Color::LightBlue,
            Color::LightMagenta,
            Color::LightCyan,
            Color::White,
        ];
        match color {
            None | Some(Color::Reset) => default,
            Some(c) => {
                let i = named.iter().position(|n| *n == c);
                palette.ansi[i.unwrap_or_else(|| panic!("{c:?} is not of the 16 colours"))]
            }
        }
    }

    /// WCAG's relative luminance.
    fn luminance(rgb: u32) -> f64 {
        let channel = |shift: u32| {
            let c = f64::from((rgb >> shift) & 0xff) / 255.0;
            match c <= 0.03928 {
                true => c / 12.92,
                false => ((c + 0.055) / 1.055).powf(2.4),
            }
        };
        0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }

    fn contrast(a: u32, b: u32) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// Half-way between two colours, as terminals draw faint text.
    fn blend(a: u32, b: u32) -> u32 {
        let mix = |shift: u32| ((((a >> shift) & 0xff) + ((b >> shift) & 0xff)) / 2) << shift;
        mix(16) | mix(8) | mix(0)
    }

    /// The colours a style's text and background come out as on `palette`.
    fn drawn(style: Style, palette: &Palette) -> (u32, u32) {
        let mut fg = rgb(palette, style.fg, palette.fg);
        let mut bg = rgb(palette, style.bg, palette.bg);
        if style.add_modifier.contains(Modifier::REVERSED) {
            (fg, bg) = (bg, fg);
        }
        if style.add_modifier.contains(Modifier::DIM) {
            fg = blend(fg, bg);
        }
        (fg, bg)
    }

    #[test]
    fn every_style_reads_on_dark_and_light_palettes() {
        for theme in [Theme::new(true), Theme::new(false)] {
            for palette in &PALETTES {
                for (name, style, text) in theme.all() {
                    let (fg, bg) = drawn(style, palette);
                    let ratio = contrast(fg, bg);
                    // Text to read: 3:1 (WCAG's floor for bold and large text); a faint
                    // secondary cue: visibly apart from the background.
                    let least = if text { 3.0 } else { 1.8 };
                    assert!(
                        ratio >= least,
                        "{name} on {}: {ratio:.2} (colour: {})",
                        palette.name,
                        theme.color
                    );
                }
            }
        }
    }

    #[test]
    fn the_checks_would_catch_yellow_on_white_and_dark_grey_on_solarized_dark() {
        let yellow = drawn(Style::new().fg(Color::Yellow), &PALETTES[0]);
        assert!(contrast(yellow.0, yellow.1) < 3.0);
        let grey = drawn(Style::new().fg(Color::DarkGray), &PALETTES[2]);
        assert!(contrast(grey.0, grey.1) < 1.1);
    }
}
