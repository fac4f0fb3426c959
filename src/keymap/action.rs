//! What keys can do: every bindable action, its name in keymap.toml, what the help overlay
//! says of it, and the contexts it belongs to. Written once; help and hints are generated.

use super::Context;

/// A bindable action. Terminal events (resize, mouse) are not actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    Quit,
    Help,
    Close,
    FocusNext,
    FocusPrevious,
    FocusLeft,
    FocusRight,
    ToggleFilter,
    Search,
    SearchScope,
    NextMatch,
    PreviousMatch,
    Jump,
    CopyCitation,
    CopyCommand,
    Links,
    Warnings,
    RemoveFilter,
    ClearFilters,
    Redraw,
    Suspend,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    NextThread,
    PreviousThread,
    ScrollUp,
    ScrollDown,
    NextTab,
    PreviousTab,
    Apply,
    ApplyNegated,
    DeleteChar,
    ClearQuery,
    Confirm,
}

use Action::*;
use Context::{Documents as D, Filter as F, Global as G, Prompt as P, Thread as T};

/// Each action: its name, its help text, and the contexts whose table may bind it.
const TABLE: &[(Action, &str, &str, &[Context])] = &[
    (Quit, "quit", "quit tread", &[G]),
    (Help, "help", "show or hide this help", &[G]),
    (
        Close,
        "close",
        "close the overlay, prompt, search or panel",
        &[G, F, P],
    ),
    (FocusNext, "focus_next", "focus the next pane", &[G]),
    (
        FocusPrevious,
        "focus_previous",
        "focus the previous pane",
        &[G],
    ),
    (FocusLeft, "focus_left", "focus the pane to the left", &[G]),
    (
        FocusRight,
        "focus_right",
        "focus the pane to the right",
        &[G],
    ),
    (
        ToggleFilter,
        "toggle_filter",
        "open or close the filter panel",
        &[G],
    ),
    (Search, "search", "search the text of posts", &[G]),
    (
        SearchScope,
        "search_scope",
        "search this document or all documents",
        &[G, P],
    ),
    (
        NextMatch,
        "next_match",
        "next search hit, or next post matching the filters",
        &[G],
    ),
    (
        PreviousMatch,
        "previous_match",
        "previous search hit or matching post",
        &[G],
    ),
    (
        Jump,
        "jump",
        "jump to a post by its label (or type the number)",
        &[G],
    ),
    (
        CopyCitation,
        "copy_citation",
        "copy the current post as a citation",
        &[G],
    ),
    (
        CopyCommand,
        "copy_command",
        "copy the command that reopens this view",
        &[G],
    ),
    (Links, "links", "list the current post's links", &[G]),
    (
        Warnings,
        "warnings",
        "show loading and numbering warnings",
        &[G],
    ),
    (
        RemoveFilter,
        "remove_filter",
        "remove the last filter",
        &[G, F],
    ),
    (
        ClearFilters,
        "clear_filters",
        "remove every filter",
        &[G, F],
    ),
    (Redraw, "redraw", "redraw the whole screen", &[G]),
    (
        Suspend,
        "suspend",
        "suspend to the shell (fg comes back)",
        &[G],
    ),
    (Up, "up", "move up", &[D, T, F]),
    (Down, "down", "move down", &[D, T, F]),
    (PageUp, "page_up", "move up a page", &[D, T, F]),
    (PageDown, "page_down", "move down a page", &[D, T, F]),
    (Top, "top", "go to the first", &[D, T, F]),
    (Bottom, "bottom", "go to the last", &[D, T, F]),
    (Open, "open", "read the selected document", &[D]),
    (NextThread, "next_thread", "go to the next thread", &[T]),
    (
        PreviousThread,
        "previous_thread",
        "go to the previous thread",
        &[T],
    ),
    (ScrollUp, "scroll_up", "scroll up one line", &[T]),
    (ScrollDown, "scroll_down", "scroll down one line", &[T]),
    (NextTab, "next_tab", "next facet", &[F]),
    (PreviousTab, "previous_tab", "previous facet", &[F]),
    (Apply, "apply", "filter by the selected entry", &[F]),
    (
        ApplyNegated,
        "apply_negated",
        "filter by NOT the selected entry",
        &[F],
    ),
    (
        DeleteChar,
        "delete_char",
        "delete a character (in the filter panel, on an empty query: the last filter)",
        &[F, P],
    ),
    (ClearQuery, "clear_query", "clear the typed text", &[F, P]),
    (Confirm, "confirm", "search or jump to what was typed", &[P]),
];

impl Action {
    /// Every action, in the order help lists them.
    pub fn all() -> impl Iterator<Item = Action> {
        TABLE.iter().map(|row| row.0)
    }

    fn row(self) -> &'static (Action, &'static str, &'static str, &'static [Context]) {
        // The table lists the actions in declaration order (a test checks it).
        &TABLE[self as usize]
    }

    /// The name keymap.toml uses.
    pub fn name(self) -> &'static str {
        self.row().1
    }

    /// What the help overlay says it does.
    pub fn description(self) -> &'static str {
        self.row().2
    }

    /// Whether a context's table may bind it.
    pub fn belongs_to(self, context: Context) -> bool {
        self.row().3.contains(&context)
    }

    /// The tables that may bind it, as keymap.toml writes them: "[filter], [prompt]".
    pub fn contexts(self) -> String {
        let names: Vec<String> = self
            .row()
            .3
            .iter()
            .map(|c| format!("[{}]", c.name()))
            .collect();
        names.join(", ")
    }

    /// The action a keymap.toml name means.
    pub fn from_name(name: &str) -> Option<Action> {
        TABLE.iter().find(|row| row.1 == name).map(|row| row.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_one_row_and_a_unique_name() {
        assert_eq!(TABLE.len(), Confirm as usize + 1);
        for (i, row) in TABLE.iter().enumerate() {
            assert_eq!(row.0 as usize, i, "{} is out of order", row.1);
            assert!(!row.3.is_empty());
        }
        let mut names: Vec<&str> = TABLE.iter().map(|r| r.1).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), TABLE.len());
        for action in Action::all() {
            assert_eq!(Action::from_name(action.name()), Some(action));
        }
    }
}
