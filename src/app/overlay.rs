//! Overlays over the panes: help, warnings and the current post's links.

use super::{App, Overlay};
use crate::keymap::Action;
use crate::ui;

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
        let last = ui::overlay::max_scroll(self, self.size);
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
            Some(at) => &self.corpus.documents[at.doc].threads[at.thread].posts[at.post].urls,
            None => &[],
        }
    }
}
