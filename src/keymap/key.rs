//! Keys as keymap.toml spells them (`j`, `G`, `ctrl-d`, `shift-tab`, `f1`), with one spelling
//! per key so TOML's duplicate-key check catches a key bound twice. The terminal's key events
//! become keys in `tui::events`.

use std::fmt;
use std::str::FromStr;

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A printable character as typed: `j`, `G`, `?`.
    Char(char),
    Enter,
    Esc,
    Tab,
    Backspace,
    Space,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Insert,
    Delete,
    /// A function key, 1 to 12.
    F(u8),
}

/// The named keys and their spellings; function keys are spelled `f1` to `f12`.
const NAMED: [(Code, &str); 15] = [
    (Code::Enter, "enter"),
    (Code::Esc, "esc"),
    (Code::Tab, "tab"),
    (Code::Backspace, "backspace"),
    (Code::Space, "space"),
    (Code::Up, "up"),
    (Code::Down, "down"),
    (Code::Left, "left"),
    (Code::Right, "right"),
    (Code::Home, "home"),
    (Code::End, "end"),
    (Code::PageUp, "pageup"),
    (Code::PageDown, "pagedown"),
    (Code::Insert, "insert"),
    (Code::Delete, "delete"),
];

/// A key with its modifiers. `shift` is only ever set on named keys: a shifted character is
/// its own character (`G`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub code: Code,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl Key {
    /// A key without modifiers.
    pub const fn plain(code: Code) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    /// The character this key types into a query, if it types one.
    pub fn typed_char(self) -> Option<char> {
        if self.ctrl || self.alt {
            return None;
        }
        match self.code {
            Code::Char(c) => Some(c),
            Code::Space => Some(' '),
            _ => None,
        }
    }
}

/// Why a key name was refused, with the spelling that was probably meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadKey {
    pub reason: String,
    pub closest: Option<String>,
}

impl FromStr for Key {
    type Err = BadKey;

    fn from_str(text: &str) -> Result<Key, BadKey> {
        let mut key = Key::plain(Code::Esc);
        let mut rest = text;
        loop {
            let flag = match rest {
                r if r.len() > 1 && r.starts_with("ctrl-") => &mut key.ctrl,
                r if r.len() > 1 && r.starts_with("alt-") => &mut key.alt,
                r if r.len() > 1 && r.starts_with("shift-") => &mut key.shift,
                _ => break,
            };
            *flag = true;
            rest = &rest[rest.find('-').map_or(0, |i| i + 1)..];
        }
        let prefix = &text[..text.len() - rest.len()];
        key.code = parse_code(rest).map_err(|closest| BadKey {
            reason: "unknown key name".to_string(),
            closest: misspelt_modifier(rest)
                .or(closest)
                .map(|c| format!("{prefix}{c}")),
        })?;
        if let Code::Char(c) = key.code {
            if key.shift {
                return Err(refuse("shift- goes with named keys", shifted(c), key));
            }
            if key.ctrl && c.is_uppercase() {
                return Err(refuse(
                    "a control key is written in lower case",
                    c.to_lowercase().next().unwrap_or(c),
                    key,
                ));
            }
        }
        Ok(key)
    }
}

/// `name` with a misspelt modifier put right ("ctlr-f" as "ctrl-f"), if it reads as one.
fn misspelt_modifier(name: &str) -> Option<String> {
    let (modifier, key) = name.split_once('-').filter(|(_, key)| !key.is_empty())?;
    // Edit distance counting a swap as one slip: modifiers are short, and "atl" is nearer
    // "alt" than "ctrl" by it.
    let typed = modifier.to_lowercase();
    let (distance, modifier) = (["ctrl", "alt", "shift"].into_iter())
        .map(|m| (strsim::damerau_levenshtein(&typed, m), m))
        .min()?;
    if distance > 2 {
        return None;
    }
    let mended = format!("{modifier}-{key}");
    mended.parse::<Key>().ok().map(|_| mended)
}

/// A character's shifted form, as a user would type it.
fn shifted(c: char) -> char {
    c.to_uppercase().next().unwrap_or(c)
}

fn refuse(reason: &str, c: char, key: Key) -> BadKey {
    let suggestion = Key {
        code: Code::Char(c),
        shift: false,
        ..key
    };
    BadKey {
        reason: reason.to_string(),
        closest: Some(suggestion.to_string()),
    }
}

/// A key without modifiers from its name; on failure, the closest name.
fn parse_code(name: &str) -> Result<Code, Option<String>> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if !c.is_whitespace() && !c.is_control() {
            return Ok(Code::Char(c));
        }
        return Err(Some("space".to_string()));
    }
    if let Some((code, _)) = NAMED.iter().find(|(_, n)| *n == name) {
        return Ok(*code);
    }
    if let Some(n) = name.strip_prefix('f').and_then(|n| n.parse::<u8>().ok())
        && (1..=12).contains(&n)
    {
        return Ok(Code::F(n));
    }
    let names = NAMED
        .iter()
        .map(|(_, n)| n.to_string())
        .chain((1..=12).map(|n| format!("f{n}")));
    Err(crate::keymap::closest(&name.to_lowercase(), names))
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (on, prefix) in [
            (self.ctrl, "ctrl-"),
            (self.alt, "alt-"),
            (self.shift, "shift-"),
        ] {
            if on {
                f.write_str(prefix)?;
            }
        }
        match self.code {
            Code::Char(c) => write!(f, "{c}"),
            Code::F(n) => write!(f, "f{n}"),
            code => {
                let name = NAMED.iter().find(|(c, _)| *c == code).map_or("?", |n| n.1);
                f.write_str(name)
            }
        }
    }
}

/// One key, or keys pressed one after the other (`g g`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeySeq(pub Vec<Key>);

/// The longest key sequence a binding may use.
pub const MAX_SEQ: usize = 3;

impl FromStr for KeySeq {
    type Err = BadKey;

    fn from_str(text: &str) -> Result<KeySeq, BadKey> {
        let keys = text
            .split_whitespace()
            .map(Key::from_str)
            .collect::<Result<Vec<_>, _>>()?;
        if keys.is_empty() || keys.len() > MAX_SEQ {
            return Err(BadKey {
                reason: format!("a binding is 1 to {MAX_SEQ} keys"),
                closest: None,
            });
        }
        Ok(KeySeq(keys))
    }
}

impl fmt::Display for KeySeq {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = self.0.iter().map(Key::to_string).collect();
        f.write_str(&names.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip() {
        for name in [
            "j",
            "G",
            "?",
            ":",
            "-",
            "ctrl-d",
            "alt-enter",
            "shift-tab",
            "space",
            "pageup",
            "f1",
            "f12",
            "ctrl-alt-x",
            "é",
        ] {
            let key: Key = name.parse().unwrap();
            assert_eq!(key.to_string(), name);
        }
        assert_eq!("g g".parse::<KeySeq>().unwrap().to_string(), "g g");
    }

    #[test]
    fn a_misspelt_modifier_is_put_right() {
        for (typed, meant) in [
            ("ctlr-f", "ctrl-f"),
            ("atl-x", "alt-x"),
            ("shfit-tab", "shift-tab"),
        ] {
            let bad = typed.parse::<Key>().unwrap_err();
            assert_eq!(bad.closest.as_deref(), Some(meant), "{typed}");
        }
    }

    #[test]
    fn bad_names_suggest_the_closest() {
        let bad = "ctrl-pgdown".parse::<Key>().unwrap_err();
        assert_eq!(bad.closest.as_deref(), Some("ctrl-pagedown"));
        let bad = "shift-g".parse::<Key>().unwrap_err();
        assert_eq!(bad.closest.as_deref(), Some("G"));
        let bad = "ctrl-D".parse::<Key>().unwrap_err();
        assert_eq!(bad.closest.as_deref(), Some("ctrl-d"));
        assert_eq!(
            " ".parse::<KeySeq>().unwrap_err().reason,
            "a binding is 1 to 3 keys"
        );
        assert!("f13".parse::<Key>().is_err());
    }
}
