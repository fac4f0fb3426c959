//! Overlays over the panes: help, warnings and the current post's links.

use super::{App, Overlay, screen};
use crate::keymap::{Action, Context};
use ratatui::layout::Rect;
use ratatui::widgets::Block;

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

    /// How many lines the open overlay has, as the renderer lays them out: help has a
    /// heading and a line per action for each context with bindings (a blank line between
    /// them) and a closing hint; warnings the corpus's summary and problems, then the current
    /// document's; links one a link and a hint.
    pub fn overlay_lines(&self) -> usize {
        match self.overlay {
            None => 0,
            Some(Overlay::Help { .. }) => {
                let sections = Context::all().map(|c| self.keymap.bindings(c).len());
                let sections: Vec<usize> = sections.filter(|&n| n > 0).collect();
                let blanks = sections.len().saturating_sub(1);
                sections.iter().map(|n| 1 + n).sum::<usize>() + blanks + 3
            }
            Some(Overlay::Warnings { .. }) => {
                let document = self.current_doc().map(|d| self.corpus.document(d));
                let of_document = document.map_or(0, |d| 2 + d.warnings.len().max(1));
                let review = self.review_problems();
                let of_review = if review.is_empty() {
                    0
                } else {
                    2 + review.len()
                };
                1 + self.corpus.problems.len() + of_document + of_review
            }
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
