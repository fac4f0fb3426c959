//! What keys can do: every bindable action, its name in keymap.toml, what the help overlay
//! says of it, and the contexts it belongs to. Written once; help and hints are generated.

use super::Context;
use strum::{EnumIter, EnumMessage, EnumString, IntoEnumIterator, IntoStaticStr};

/// A bindable action, by the name keymap.toml gives it (`focus_next`) and what the help
/// overlay says it does. Terminal events (resize, mouse) are not actions.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    EnumIter,
    IntoStaticStr,
    EnumString,
    EnumMessage,
)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    #[strum(message = "quit tread")]
    Quit,
    #[strum(message = "show or hide this help")]
    Help,
    #[strum(message = "close the overlay, prompt, search or panel")]
    Close,
    #[strum(message = "focus the next pane")]
    FocusNext,
    #[strum(message = "focus the previous pane")]
    FocusPrevious,
    #[strum(message = "focus the pane to the left")]
    FocusLeft,
    #[strum(message = "focus the pane to the right")]
    FocusRight,
    #[strum(message = "open or close the filter panel")]
    ToggleFilter,
    #[strum(message = "search the text of posts")]
    Search,
    #[strum(message = "search this document or all documents")]
    SearchScope,
    #[strum(message = "next search hit, or next post matching the filters")]
    NextMatch,
    #[strum(message = "previous search hit or matching post")]
    PreviousMatch,
    #[strum(message = "jump to a post by its label (or type the number)")]
    Jump,
    #[strum(message = "copy the current post as a citation")]
    CopyCitation,
    #[strum(message = "copy the command that reopens this view")]
    CopyCommand,
    #[strum(message = "list the current post's links")]
    Links,
    #[strum(message = "show loading and numbering warnings")]
    Warnings,
    #[strum(message = "fold or dim the posts the filters leave out")]
    ToggleHidden,
    #[strum(message = "remove the last filter")]
    RemoveFilter,
    #[strum(message = "remove every filter")]
    ClearFilters,
    #[strum(message = "mark or unmark the current post")]
    Mark,
    #[strum(message = "add a code to the current post (a code it has is removed)")]
    Code,
    #[strum(message = "write the current post's note (empty removes it)")]
    Note,
    #[strum(message = "write the current post's note in $VISUAL or $EDITOR")]
    NoteInEditor,
    #[strum(message = "undo the last mark, code or note")]
    Undo,
    #[strum(message = "go to the next unread post")]
    NextUnread,
    #[strum(message = "go to the previous unread post")]
    PreviousUnread,
    #[strum(message = "redraw the whole screen")]
    Redraw,
    #[strum(message = "suspend to the shell (fg comes back)")]
    Suspend,
    #[strum(message = "move up")]
    Up,
    #[strum(message = "move down")]
    Down,
    #[strum(message = "move up a page")]
    PageUp,
    #[strum(message = "move down a page")]
    PageDown,
    #[strum(message = "go to the first")]
    Top,
    #[strum(message = "go to the last")]
    Bottom,
    #[strum(message = "read the selected document (on a file of several: list them)")]
    Open,
    #[strum(message = "list a file's documents under it, or fold them into its row")]
    Fold,
    #[strum(message = "order the documents by file, date, author or post count")]
    Sort,
    #[strum(message = "go to the next thread")]
    NextThread,
    #[strum(message = "go to the previous thread")]
    PreviousThread,
    #[strum(message = "scroll up one line")]
    ScrollUp,
    #[strum(message = "scroll down one line")]
    ScrollDown,
    #[strum(message = "next facet")]
    NextTab,
    #[strum(message = "previous facet")]
    PreviousTab,
    #[strum(message = "filter by the selected entry")]
    Apply,
    #[strum(message = "filter by NOT the selected entry")]
    ApplyNegated,
    #[strum(
        message = "delete a character (in the filter panel, on an empty query: the last filter)"
    )]
    DeleteChar,
    #[strum(message = "clear the typed text")]
    ClearQuery,
    #[strum(message = "search or jump to what was typed")]
    Confirm,
}

use Action::*;
use Context::{Documents as D, Filter as F, Global as G, Prompt as P, Thread as T};

impl Action {
    /// Every action, in the order help lists them.
    pub fn all() -> impl Iterator<Item = Action> {
        Action::iter()
    }

    /// The name keymap.toml uses.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// What the help overlay says it does.
    pub fn description(self) -> &'static str {
        self.get_message().unwrap_or_default()
    }

    /// The contexts whose table may bind it.
    fn tables(self) -> &'static [Context] {
        match self {
            Quit | Help | FocusNext | FocusPrevious | FocusLeft | FocusRight | ToggleFilter
            | Search | NextMatch | PreviousMatch | Jump | CopyCitation | CopyCommand | Links
            | Warnings | Redraw | Suspend | ToggleHidden | Mark | Code | Note | NoteInEditor
            | Undo | NextUnread | PreviousUnread => &[G],
            Close => &[G, F, P],
            SearchScope => &[G, P],
            RemoveFilter | ClearFilters => &[G, F],
            Up | Down | PageUp | PageDown | Top | Bottom => &[D, T, F],
            Open | Fold | Sort => &[D],
            NextThread | PreviousThread | ScrollUp | ScrollDown => &[T],
            NextTab | PreviousTab | Apply | ApplyNegated => &[F],
            DeleteChar | ClearQuery => &[F, P],
            Confirm => &[P],
        }
    }

    /// Whether a context's table may bind it.
    pub fn belongs_to(self, context: Context) -> bool {
        self.tables().contains(&context)
    }

    /// The tables that may bind it, as keymap.toml writes them: "[filter], [prompt]".
    pub fn contexts(self) -> String {
        let names: Vec<String> = (self.tables().iter())
            .map(|c| format!("[{}]", c.name()))
            .collect();
        names.join(", ")
    }

    /// The action a keymap.toml name means.
    pub fn from_name(name: &str) -> Option<Action> {
        name.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_described_bindable_and_named_once() {
        let mut names: Vec<&str> = Action::all().map(Action::name).collect();
        for action in Action::all() {
            assert!(!action.description().is_empty(), "{action:?}");
            assert!(!action.tables().is_empty(), "{action:?}");
            assert_eq!(Action::from_name(action.name()), Some(action));
        }
        assert_eq!(Action::from_name("focus_next"), Some(Action::FocusNext));
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Action::all().count());
    }
}
