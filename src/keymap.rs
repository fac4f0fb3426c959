//! Key bindings: the built-in keymap.toml, single keys replaced by the user's file, and
//! [`Keymap::resolve`], a side-effect-free lookup from context and keys to an action.
//!
//! Every error is found before the terminal is taken over and names the file, line and
//! column, the bad word and the closest valid one.

mod action;
mod key;

pub use action::Action;
pub use key::{BadKey, Code, Key, KeySeq};

use crate::corpus::load::{ReadError, read_regular_file};
use crate::corpus::sanitise::printable;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The built-in bindings.
pub const DEFAULT: &str = include_str!("../keymap.toml");

/// Where keys are looked up: the focused pane's table, then `[global]`. `[prompt]` is the
/// line where a search or a post label is typed; it does not fall back to `[global]`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    strum::EnumIter,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[strum(serialize_all = "snake_case")]
pub enum Context {
    Global,
    Documents,
    Thread,
    Filter,
    Prompt,
}

impl Context {
    /// Every context, in the order help lists them.
    pub fn all() -> impl Iterator<Item = Context> {
        <Context as strum::IntoEnumIterator>::iter()
    }

    /// The table's name in keymap.toml.
    pub fn name(self) -> &'static str {
        self.into()
    }

    fn from_name(name: &str) -> Option<Context> {
        name.parse().ok()
    }
}

/// The largest keymap read: a keymap binding every key of every context is a few KB.
const MAX_BYTES: u64 = 1024 * 1024;

/// A keymap that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum KeymapError {
    #[error("cannot read keymap {}: {source}", printable(&path.display().to_string()))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: {message}", printable(&path.display().to_string()))]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// More than one mistake, each [`KeymapError::Invalid`], all reported at once.
    #[error("{} mistakes in the keymap:{}", .0.len(), .0.iter().map(|e| format!("\n  {e}")).collect::<String>())]
    Several(Vec<KeymapError>),
}

/// What a key (or the keys typed so far) means in a context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    Action(Action),
    /// The start of a longer binding (`g` of `g g`): wait for the next key.
    Prefix,
    Unbound,
}

/// The active bindings of every context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    tables: BTreeMap<Context, BTreeMap<KeySeq, Action>>,
}

/// A keymap file as TOML gives it, with the place of every word.
type Raw = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<String>>>;

impl Keymap {
    /// The built-in keymap alone.
    pub fn builtin() -> Keymap {
        let mut keymap = Keymap {
            tables: BTreeMap::new(),
        };
        keymap
            .apply(DEFAULT, Path::new("keymap.toml (built in)"))
            .expect("the built-in keymap is valid (a test checks it)");
        keymap
    }

    /// The built-in keymap with the user's file laid over it: an explicit `--keymap FILE`,
    /// else `$XDG_CONFIG_HOME/tread/keymap.toml` (or `~/.config/…`) when it exists.
    pub fn load(explicit: Option<&Path>) -> Result<Keymap, KeymapError> {
        let mut keymap = Keymap::builtin();
        let path = match explicit {
            Some(path) => Some(path.to_path_buf()),
            None => user_file().filter(|p| p.is_file()),
        };
        if let Some(path) = path {
            // A regular file only (a pipe would block), and no larger than a keymap can be.
            let io = |source| KeymapError::Io {
                path: path.clone(),
                source,
            };
            let bytes = match read_regular_file(&path, MAX_BYTES) {
                Ok(bytes) => bytes,
                Err(ReadError::Io(source)) => return Err(io(source)),
                Err(other) => return Err(io(std::io::Error::other(other.to_string()))),
            };
            let text = String::from_utf8(bytes)
                .map_err(|_| io(std::io::Error::other("not UTF-8 text")))?;
            keymap.apply(&text, &path)?;
        }
        Ok(keymap)
    }

    /// Lays the bindings of `text` over these: each key named replaces its binding, `"none"`
    /// removes it.
    pub fn apply(&mut self, text: &str, path: &Path) -> Result<(), KeymapError> {
        let invalid = |span: std::ops::Range<usize>, message: String| {
            let (line, column) = line_column(text, span.start);
            KeymapError::Invalid {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        };
        let raw: Raw = toml::from_str(text).map_err(|e| {
            // The message may quote the file (an unknown table is named).
            let message = e.message().lines().next().unwrap_or("invalid TOML");
            invalid(e.span().unwrap_or(0..0), printable(message))
        })?;
        // Every mistake is found, not only the first: a keymap is fixed in one go.
        let mut mistakes = Vec::new();
        for (table, bindings) in raw {
            let Some(context) = Context::from_name(table.get_ref()) else {
                let names = Context::all().map(|c| c.name().to_string());
                let closest = closest(table.get_ref(), names);
                mistakes.push(invalid(
                    table.span(),
                    unknown("table", table.get_ref(), closest),
                ));
                continue;
            };
            for (keys, action) in bindings {
                if let Err(mistake) = self.bind(context, &keys, &action) {
                    mistakes.push(invalid(mistake.0, mistake.1));
                }
            }
        }
        // In the file's order (the tables read back sorted by name).
        mistakes.sort_by_key(|m| match m {
            KeymapError::Invalid { line, column, .. } => (*line, *column),
            _ => (0, 0),
        });
        match mistakes.len() {
            0 => Ok(()),
            1 => Err(mistakes.remove(0)),
            _ => Err(KeymapError::Several(mistakes)),
        }
    }

    /// Binds `keys` to `action` (or unbinds them, for `"none"`) in `context`; a mistake is
    /// where it is and what is wrong.
    fn bind(
        &mut self,
        context: Context,
        keys: &Spanned<String>,
        action: &Spanned<String>,
    ) -> Result<(), (std::ops::Range<usize>, String)> {
        let seq = parse_keys(keys.get_ref()).map_err(|m| (keys.span(), m))?;
        let table = self.tables.entry(context).or_default();
        match action.get_ref().as_str() {
            "none" => {
                table.remove(&seq);
            }
            name => {
                let found = action_in(context, name).map_err(|m| (action.span(), m))?;
                table.insert(seq, found);
            }
        }
        Ok(())
    }

    /// What `keys` mean in `context`: its own table first, then `[global]`. In the prompt,
    /// and for characters in `[filter]`, nothing falls through: they are typed.
    pub fn resolve(&self, context: Context, keys: &[Key]) -> Lookup {
        let typed = keys.iter().all(|k| k.typed_char().is_some());
        let falls_through = match context {
            Context::Global | Context::Prompt => false,
            Context::Filter => !typed,
            Context::Documents | Context::Thread => true,
        };
        let mut order = vec![context];
        if falls_through {
            order.push(Context::Global);
        }
        let mut prefix = false;
        for context in order {
            let Some(table) = self.tables.get(&context) else {
                continue;
            };
            if let Some(action) = table.get(&KeySeq(keys.to_vec())) {
                return Lookup::Action(*action);
            }
            prefix |= table
                .keys()
                .any(|seq| seq.0.len() > keys.len() && seq.0.starts_with(keys));
        }
        if prefix {
            Lookup::Prefix
        } else {
            Lookup::Unbound
        }
    }

    /// What can follow `keys` pressed so far in `context`: the rest of each sequence they
    /// begin, and its action (the pane's table first, then `[global]`, as keys resolve).
    pub fn continuations(&self, context: Context, keys: &[Key]) -> Vec<(KeySeq, Action)> {
        let mut found: Vec<(KeySeq, Action)> = Vec::new();
        for context in [context, Context::Global] {
            let Some(table) = self.tables.get(&context) else {
                continue;
            };
            for (seq, action) in table {
                let rest = KeySeq(seq.0.get(keys.len()..).unwrap_or_default().to_vec());
                let shadowed = found.iter().any(|(r, _)| *r == rest);
                if seq.0.starts_with(keys) && !rest.0.is_empty() && !shadowed {
                    found.push((rest, *action));
                }
            }
        }
        found
    }

    /// The keys bound to `action` in `context`'s own table, in key order.
    pub fn keys_for(&self, context: Context, action: Action) -> Vec<&KeySeq> {
        self.tables
            .get(&context)
            .map(|t| t.iter().filter(|(_, a)| **a == action).map(|(k, _)| k))
            .into_iter()
            .flatten()
            .collect()
    }

    /// The simplest key for `action` as the user would press it in `context` (its own
    /// table, then what falls through to `[global]`), for hints.
    pub fn hint(&self, context: Context, action: Action) -> Option<String> {
        let mut keys = self.keys_for(context, action);
        if keys.is_empty() {
            keys = self.keys_for(Context::Global, action);
            keys.retain(|k| self.resolve(context, &k.0) == Lookup::Action(action));
        }
        let effort = |k: &&KeySeq| {
            let mods: usize =
                k.0.iter()
                    .map(|k| usize::from(k.ctrl) + usize::from(k.alt))
                    .sum();
            (k.0.len(), mods)
        };
        keys.into_iter().min_by_key(effort).map(|k| k.to_string())
    }

    /// Each action bound in `context`, with its keys, in the order help lists actions.
    pub fn bindings(&self, context: Context) -> Vec<(Action, Vec<&KeySeq>)> {
        Action::all()
            .map(|a| (a, self.keys_for(context, a)))
            .filter(|(_, keys)| !keys.is_empty())
            .collect()
    }
}

/// `$XDG_CONFIG_HOME/tread/keymap.toml`, or `~/.config/tread/keymap.toml`.
fn user_file() -> Option<PathBuf> {
    Some(config_folder()?.join("keymap.toml"))
}

/// `$XDG_CONFIG_HOME/tread`, or `~/.config/tread`: where the keymap and config live.
pub(crate) fn config_folder() -> Option<PathBuf> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(config.join("tread"))
}

fn unknown(what: &str, word: &str, closest: Option<String>) -> String {
    match closest {
        Some(c) => format!("unknown {what} {word:?}; did you mean {c:?}?"),
        None => format!("unknown {what} {word:?}"),
    }
}

/// The candidate most like `word`, if any is near enough. Jaro-Winkler rather than edit
/// distance, because abbreviations ("pgdn") are the usual slip and keep the letters' order.
pub(crate) fn closest(word: &str, candidates: impl Iterator<Item = String>) -> Option<String> {
    candidates
        .map(|c| (strsim::jaro_winkler(word, &c), c))
        .filter(|(similarity, _)| *similarity >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The key sequence written `word` in a keymap, or what is wrong with it.
fn parse_keys(word: &str) -> Result<KeySeq, String> {
    word.parse().map_err(|bad: BadKey| {
        let mut message = format!("{}: {word:?}", bad.reason);
        if let Some(closest) = bad.closest {
            message += &format!("; did you mean {closest:?}?");
        }
        message
    })
}

/// The action named `name` in `context`'s table, or what is wrong with the name: an
/// action of another table, or no action (with the closest name).
fn action_in(context: Context, name: &str) -> Result<Action, String> {
    if let Some(found) = Action::from_name(name).filter(|a| a.belongs_to(context)) {
        return Ok(found);
    }
    if let Some(elsewhere) = Action::from_name(name) {
        return Err(format!(
            "{name:?} is not an action of [{}] (it belongs to {})",
            context.name(),
            elsewhere.contexts()
        ));
    }
    let names = Action::all()
        .filter(|a| a.belongs_to(context))
        .map(|a| a.name().to_string());
    let what = format!("action in [{}]", context.name());
    Err(unknown(&what, name, closest(name, names)))
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> Vec<Key> {
        name.parse::<KeySeq>().unwrap().0
    }

    fn apply(text: &str) -> Result<Keymap, String> {
        let mut keymap = Keymap::builtin();
        keymap
            .apply(text, Path::new("k.toml"))
            .map(|()| keymap)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn the_builtin_keymap_binds_every_action() {
        let keymap = Keymap::builtin();
        for action in Action::all() {
            let bound = Context::all().any(|c| !keymap.keys_for(c, action).is_empty());
            assert!(bound, "{} has no key", action.name());
        }
    }

    #[test]
    fn pane_table_first_then_global_and_sequences_wait() {
        let keymap = Keymap::builtin();
        let resolve = |c, k: &str| keymap.resolve(c, &key(k));
        assert_eq!(
            resolve(Context::Documents, "j"),
            Lookup::Action(Action::Down)
        );
        assert_eq!(
            resolve(Context::Documents, "q"),
            Lookup::Action(Action::Quit)
        );
        assert_eq!(
            resolve(Context::Filter, "right"),
            Lookup::Action(Action::NextTab)
        );
        assert_eq!(
            resolve(Context::Filter, "tab"),
            Lookup::Action(Action::FocusNext)
        );
        assert_eq!(resolve(Context::Thread, "g"), Lookup::Prefix);
        assert_eq!(resolve(Context::Thread, "g g"), Lookup::Action(Action::Top));
        assert_eq!(resolve(Context::Filter, "q"), Lookup::Unbound);
        assert_eq!(
            resolve(Context::Filter, "ctrl-c"),
            Lookup::Action(Action::Quit)
        );
        assert_eq!(resolve(Context::Prompt, "q"), Lookup::Unbound);
    }

    #[test]
    fn an_override_changes_one_key_and_keeps_the_rest() {
        let keymap = apply("[documents]\nx = \"down\"\nj = \"none\"\n").unwrap();
        let resolve = |k: &str| keymap.resolve(Context::Documents, &key(k));
        assert_eq!(resolve("x"), Lookup::Action(Action::Down));
        assert_eq!(resolve("j"), Lookup::Unbound);
        assert_eq!(resolve("k"), Lookup::Action(Action::Up));
        assert_eq!(resolve("down"), Lookup::Action(Action::Down));
    }

    #[test]
    fn errors_name_place_word_and_closest() {
        assert_eq!(
            apply("[global]\nq = \"qiut\"\n").unwrap_err(),
            "k.toml:2:5: unknown action in [global] \"qiut\"; did you mean \"quit\"?"
        );
        assert_eq!(
            apply("[thread]\n\"ctrl-pgdn\" = \"page_down\"\n").unwrap_err(),
            "k.toml:2:1: unknown key name: \"ctrl-pgdn\"; did you mean \"ctrl-pagedown\"?"
        );
        assert_eq!(
            apply("[threads]\nj = \"down\"\n").unwrap_err(),
            "k.toml:1:2: unknown table \"threads\"; did you mean \"thread\"?"
        );
        assert_eq!(
            apply("[documents]\nj = \"apply\"\n").unwrap_err(),
            "k.toml:2:5: \"apply\" is not an action of [documents] (it belongs to [filter])"
        );
        let syntax = apply("[global]\nq = quit\n").unwrap_err();
        assert!(syntax.starts_with("k.toml:2:5: "), "{syntax}");
        let twice = apply("[global]\nq = \"quit\"\nq = \"help\"\n").unwrap_err();
        assert!(twice.starts_with("k.toml:3:1: duplicate key"), "{twice}");
    }
}
