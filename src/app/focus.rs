//! Which pane has focus, what the screen shows of each for its size, and where the mouse
//! points.

use super::{App, Pane, screen};
use crate::keymap::Action;
use ratatui::layout::{Position, Rect};

impl App {
    pub(super) fn cycle_focus(&mut self, step: usize) {
        let panes = self.focusable();
        let at = panes.iter().position(|p| *p == self.focus).unwrap_or(0);
        self.set_focus(panes[(at + step) % panes.len()]);
    }

    /// The panes focus moves through: the filter panel only where it is a column or a
    /// screen of its own; as an overlay it opens with its own key.
    pub(super) fn focusable(&self) -> Vec<Pane> {
        match self.layout_mode() {
            screen::Mode::Medium => vec![Pane::Documents, Pane::Thread],
            _ => Pane::ORDER.to_vec(),
        }
    }

    pub(super) fn focus_side(&mut self, right: bool) {
        let panes = self.focusable();
        let at = panes.iter().position(|p| *p == self.focus).unwrap_or(0);
        let to = if right {
            (at + 1).min(panes.len() - 1)
        } else {
            at.saturating_sub(1)
        };
        self.set_focus(panes[to]);
    }

    pub(super) fn set_focus(&mut self, pane: Pane) {
        if pane == Pane::Filter && self.focus != Pane::Filter {
            self.previous_focus = self.focus;
        }
        self.focus = pane;
    }

    pub(super) fn toggle_filter(&mut self) {
        if self.focus == Pane::Filter {
            self.focus = self.previous_focus;
        } else {
            self.set_focus(Pane::Filter);
        }
    }

    /// How the panes are laid out at the current size.
    pub fn layout_mode(&self) -> screen::Mode {
        screen::Mode::for_size(self.size)
    }

    /// Where everything goes on the screen now.
    pub fn panes(&self) -> screen::Panes {
        self.panes_in(self.area())
    }

    /// Where everything goes in `area`, for the app's focus and filters.
    pub fn panes_in(&self, area: Rect) -> screen::Panes {
        screen::panes(area, self.focus, &self.chips())
    }

    /// The active filters as their chips show them.
    pub fn chips(&self) -> Vec<String> {
        let filters = self.filters.list().iter();
        filters.map(|f| f.chip(&self.facets)).collect()
    }

    pub(super) fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    pub(super) fn click(&mut self, at: Position) {
        let panes = self.panes();
        if self.overlay.is_some() {
            return;
        }
        // The filter panel first: from 60 to 99 columns it is drawn over the thread.
        if panes.filter_list.contains(at) {
            self.set_focus(Pane::Filter);
            let row = usize::from(at.y - panes.filter_list.y);
            self.panel.click(row);
        } else if let Some(kind) = self.tab_at(&panes, at) {
            self.set_focus(Pane::Filter);
            self.panel.show_tab(kind, &self.facets, &self.filters);
        } else if panes.filter.contains(at) {
            // Elsewhere on the panel: nothing beneath it is clicked.
        } else if let Some(chip) = screen::chip_at(&self.chips(), panes.chips, (at.x, at.y)) {
            // A chip is a filter in force: a click takes it away, as x takes the last.
            self.remove_filters(Some(chip));
        } else if panes.documents_list.contains(at) {
            self.set_focus(Pane::Documents);
            let row = usize::from(at.y - panes.documents_list.y);
            self.documents.click(&self.filters, row);
        } else if panes.thread_inner.contains(at) {
            self.set_focus(Pane::Thread);
            let row = usize::from(at.y - panes.thread_inner.y);
            self.thread.click(row);
        }
    }

    /// The filter panel's tab at `at`, if one is drawn there.
    fn tab_at(&self, panes: &screen::Panes, at: Position) -> Option<crate::facets::FacetKind> {
        let inner = panes.filter_inner;
        if !inner.contains(at) {
            return None;
        }
        let (row, x) = (at.y - inner.y, at.x - inner.x);
        let tabs = screen::tabs(inner.width, self.panel.tab);
        (tabs.into_iter())
            .find(|t| t.row == row && (t.x..t.x + t.shown.len() as u16).contains(&x))
            .map(|t| t.kind)
    }

    pub(super) fn scroll(&mut self, at: Position, down: bool) {
        let panes = self.panes();
        let action = if down { Action::Down } else { Action::Up };
        if self.overlay.is_some() {
            self.overlay_act(action);
        } else if panes.documents_list.contains(at) {
            self.documents_act(action);
        } else if panes.thread_inner.contains(at) {
            let action = if down {
                Action::ScrollDown
            } else {
                Action::ScrollUp
            };
            self.thread_act(action);
        } else if panes.filter_list.contains(at) {
            self.filter_act(action);
        }
    }
}
