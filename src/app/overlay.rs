//! Overlays over the panes: help, warnings and the current post's links.

use super::{App, Overlay, screen};
use crate::glyphs;
use crate::keymap::{Action, Context};
use ratatui::layout::Rect;
use ratatui::widgets::Block;
use unicode_width::UnicodeWidthStr;

/// How a line of help is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpTone {
    Heading,
    Plain,
    Dim,
    Warning,
}

/// One line of the help or warnings overlay: a lead (keys, a glyph, an indent; blank under
/// it when the text wraps) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    pub lead: String,
    pub text: String,
    pub tone: HelpTone,
}

impl HelpLine {
    fn heading(text: String) -> HelpLine {
        let (lead, tone) = (String::new(), HelpTone::Heading);
        HelpLine { lead, text, tone }
    }

    fn blank() -> HelpLine {
        let (lead, text, tone) = (String::new(), String::new(), HelpTone::Plain);
        HelpLine { lead, text, tone }
    }
}

/// `lead` then `text` wrapped to `width` columns, its later lines under its first word.
fn hanging(lead: String, text: &str, width: usize, tone: HelpTone) -> Vec<HelpLine> {
    let indent = lead.width();
    let rows = crate::wrap::wrap(text, width.saturating_sub(indent).max(10));
    let mut lead = Some(lead);
    (rows.into_iter())
        .map(|row| HelpLine {
            lead: lead.take().unwrap_or_else(|| " ".repeat(indent)),
            text: text[row].to_string(),
            tone,
        })
        .collect()
}

impl App {
    /// Keys while an overlay is open: movement scrolls it (or moves in the links), closing
    /// keys close it, and nothing reaches the panes beneath.
    pub(super) fn overlay_act(&mut self, action: Action) -> bool {
        match self.overlay {
            None => return false,
            Some(Overlay::Links { selected }) => self.links_act(action, selected),
            Some(Overlay::Help { .. } | Overlay::Warnings { .. }) => self.scroll_overlay(action),
        }
        true
    }

    fn links_act(&mut self, action: Action, selected: usize) {
        let last = self.current_links().len().saturating_sub(1);
        match action {
            Action::Down => {
                self.overlay = Some(Overlay::Links {
                    selected: (selected + 1).min(last),
                })
            }
            Action::Up => {
                let selected = selected.saturating_sub(1);
                self.overlay = Some(Overlay::Links { selected });
            }
            Action::CopyCitation => self.copy_link(selected),
            Action::Quit | Action::Close | Action::Links => self.overlay = None,
            _ => {}
        }
    }

    fn scroll_overlay(&mut self, action: Action) {
        let last = self.overlay_max_scroll();
        let page = usize::from(self.size.1).saturating_sub(4).max(1);
        let Some(Overlay::Help { scroll: at } | Overlay::Warnings { scroll: at }) =
            &mut self.overlay
        else {
            return;
        };
        match action {
            Action::Down | Action::ScrollDown => *at += 1,
            Action::Up | Action::ScrollUp => *at = at.saturating_sub(1),
            Action::PageDown => *at += page,
            Action::PageUp => *at = at.saturating_sub(page),
            Action::Top => *at = 0,
            Action::Bottom => *at = last,
            Action::Quit | Action::Close | Action::Help | Action::Warnings => {
                self.overlay = None;
                return;
            }
            _ => {}
        }
        // Kept within what there is to see, so coming back up takes no extra keys.
        *at = (*at).min(last);
    }

    /// How far the open overlay can scroll on the screen.
    pub(super) fn overlay_max_scroll(&self) -> usize {
        let screen = Rect::new(0, 0, self.size.0, self.size.1);
        let height = usize::from(Block::bordered().inner(screen::overlay_area(screen)).height);
        self.overlay_lines().saturating_sub(height)
    }

    /// The help overlay's lines at `width` columns: one section per context, each action
    /// with all its keys, then a legend of every glyph the screen draws; long lines wrap
    /// under their text. Nothing here is typed in by hand: it is the keymap in force and
    /// the renderer's own table of glyphs.
    pub fn help_lines(&self, width: usize) -> Vec<HelpLine> {
        let mut lines = Vec::new();
        for context in Context::all() {
            let bindings = self.keymap.bindings(context);
            if bindings.is_empty() {
                continue;
            }
            if !lines.is_empty() {
                lines.push(HelpLine::blank());
            }
            lines.push(HelpLine::heading(format!("[{}]", context.name())));
            // The keys' column: 22 wide, less in a narrow overlay; keys wider than it have
            // a line of their own, their description under them.
            let column = (width / 3).clamp(8, 22);
            for (action, keys) in bindings {
                let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
                let keys = keys.join(", ");
                let lead = match keys.width() < column {
                    true => format!("  {keys:<column$} "),
                    false => {
                        let (text, tone) = (String::new(), HelpTone::Plain);
                        lines.push(HelpLine {
                            lead: format!("  {keys}"),
                            text,
                            tone,
                        });
                        " ".repeat(column + 3)
                    }
                };
                lines.extend(hanging(lead, action.description(), width, HelpTone::Plain));
            }
        }
        lines.push(HelpLine::blank());
        let confirm = self.keymap.hint(Context::Prompt, Action::Confirm);
        let confirm = confirm.unwrap_or_else(|| "confirm".to_string());
        let note = format!(
            "digits then {confirm} jump to the post with that label; in [filter] and \
             [prompt], other characters are typed"
        );
        lines.extend(hanging(String::new(), &note, width, HelpTone::Dim));
        for (section, legend) in glyphs::LEGEND {
            lines.push(HelpLine::blank());
            lines.push(HelpLine::heading(format!("legend: {section}")));
            for glyph in *legend {
                let lead = format!("  {}{}", glyph.shown, " ".repeat(7 - glyph.shown.width()));
                lines.extend(hanging(lead, glyph.meaning, width, HelpTone::Plain));
            }
        }
        lines
    }

    /// The warnings overlay's lines at `width` columns: the corpus's summary and problems,
    /// the current document's warnings, the review's; each wrapped under its own start.
    pub fn warning_lines(&self, width: usize) -> Vec<HelpLine> {
        let mut lines = Vec::new();
        let summary = (self.corpus.summary()).unwrap_or_else(|| {
            let documents = crate::present::plural(self.corpus.documents.len(), "document");
            format!("loaded {documents}, no problems")
        });
        lines.extend(hanging(String::new(), &summary, width, HelpTone::Heading));
        let warn = |lines: &mut Vec<HelpLine>, text: &str| {
            lines.extend(hanging("  ".to_string(), text, width, HelpTone::Warning));
        };
        for problem in &self.corpus.problems {
            warn(&mut lines, &problem.to_string());
        }
        self.cache_problem
            .iter()
            .for_each(|why| warn(&mut lines, why));
        self.unwatched.iter().for_each(|why| warn(&mut lines, why));
        if let Some(doc) = self.current_doc().map(|d| self.corpus.document(d)) {
            lines.push(HelpLine::blank());
            lines.extend(hanging(String::new(), &doc.id, width, HelpTone::Heading));
            if doc.warnings.is_empty() {
                lines.extend(hanging("  ".into(), "no warnings", width, HelpTone::Dim));
            }
            doc.warnings.iter().for_each(|w| warn(&mut lines, w));
        }
        let review = self.review_problems();
        if !review.is_empty() {
            lines.push(HelpLine::blank());
            let file = self
                .review
                .path()
                .map(crate::corpus::sanitise::printable_path);
            let heading = format!("review {}", file.unwrap_or_default());
            lines.extend(hanging(String::new(), &heading, width, HelpTone::Heading));
            review.iter().for_each(|p| warn(&mut lines, p));
        }
        lines
    }

    /// The columns inside the overlay at the app's size.
    fn overlay_width(&self) -> usize {
        let screen = Rect::new(0, 0, self.size.0, self.size.1);
        usize::from(Block::bordered().inner(screen::overlay_area(screen)).width)
    }

    /// How many lines the open overlay has, as the renderer lays them out: help and
    /// warnings as [`App::help_lines`] and [`App::warning_lines`]; links one a link and a
    /// hint.
    pub fn overlay_lines(&self) -> usize {
        match self.overlay {
            None => 0,
            Some(Overlay::Help { .. }) => self.help_lines(self.overlay_width()).len(),
            Some(Overlay::Warnings { .. }) => self.warning_lines(self.overlay_width()).len(),
            Some(Overlay::Links { .. }) => self.current_links().len() + 2,
        }
    }

    pub(super) fn open_links(&mut self) {
        if self.current_links().is_empty() {
            self.message = Some("this post has no links".to_string());
            return;
        }
        self.overlay = Some(Overlay::Links { selected: 0 });
    }

    /// The links of the current post.
    pub fn current_links(&self) -> &[Box<str>] {
        match self.current_post() {
            Some(at) => &self.corpus.post(at).urls,
            None => &[],
        }
    }
}
