//! The organisations glossary: canonical names with the other ways a corpus writes them,
//! people who must never be taken for organisations, and other names the rules would take for
//! organisations that are not (a review, a programme, an event).
//!
//! ```toml
//! people = ["Josh MacAlister", "@JoshMacAlister"]
//! ignore = ["Independent Care Review"]
//!
//! [organisations]
//! "Department for Education" = ["DfE", "@educationgovuk"]
//! "Tact" = []
//! ```
//! Aliases starting with '@' are handles (matched case-insensitively against mentions); the
//! others, and the canonical names, match whole words in post text, case-sensitively.

use super::sanitise::{printable, printable_path, sanitise, single_line};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;
use thiserror::Error;

/// The largest glossary read. A glossary of thousands of organisations is a few hundred
/// kilobytes; a bigger file is not one, and parsing it would take the memory of many.
pub const MAX_BYTES: u64 = 8 * 1024 * 1024;

/// A problem with a glossary file; every message names the file.
#[derive(Debug, Error)]
pub enum GlossaryError {
    // Not named `source`: the message says it already, and a source is said again after it.
    #[error("{path}: cannot read: {error}")]
    Read { path: String, error: std::io::Error },
    #[error("{path}: {reason}")]
    Refused { path: String, reason: String },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    // The names are made safe already (escapes written out): quoted as they are, not
    // escaped a second time.
    #[error("{path}: alias \"{alias}\" is listed under both \"{first}\" and \"{second}\"")]
    Conflict {
        path: String,
        alias: String,
        first: String,
        second: String,
    },
    #[error("{path}: organisation \"{name}\" has an empty alias")]
    EmptyAlias { path: String, name: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    people: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    organisations: BTreeMap<String, Vec<String>>,
}

impl File {
    /// Every name made safe to show, as document text is: an escape sequence in a name is
    /// removed (it is then matched and shown without it), a line break or an invisible
    /// character is written as an escape.
    fn made_safe(self) -> File {
        let safe = |name: String| single_line(&sanitise(&name)).into_owned();
        let all = |names: Vec<String>| names.into_iter().map(safe).collect();
        File {
            people: all(self.people),
            ignore: all(self.ignore),
            organisations: (self.organisations.into_iter())
                .map(|(name, aliases)| (safe(name), all(aliases)))
                .collect(),
        }
    }
}

/// One organisation: its canonical name and aliases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub aliases: Vec<String>,
}

/// Organisations and people from one or more glossary files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Glossary {
    pub organisations: Vec<Entry>,
    pub people: Vec<String>,
    /// Names that are not organisations, though the rules may find them.
    pub ignore: Vec<String>,
}

impl Glossary {
    /// Parses a glossary's text; `path` is only for messages.
    pub fn parse(text: &str, path: &Path) -> Result<Glossary, GlossaryError> {
        let file: File = toml::from_str(text).map_err(|e| syntax_error(text, path, &e))?;
        let file = file.made_safe();
        let mut owner: BTreeMap<String, String> = BTreeMap::new();
        let mut organisations = Vec::new();
        for (name, aliases) in file.organisations {
            for alias in aliases.iter().chain(std::iter::once(&name)) {
                if alias.trim().is_empty() || alias.trim() == "@" {
                    return Err(GlossaryError::EmptyAlias {
                        path: printable_path(path),
                        name,
                    });
                }
                if let Some(first) = owner
                    .insert(key(alias).into_owned(), name.clone())
                    .filter(|f| *f != name)
                {
                    let (path, alias, second) = (printable_path(path), alias.clone(), name.clone());
                    return Err(GlossaryError::Conflict {
                        path,
                        alias,
                        first,
                        second,
                    });
                }
            }
            organisations.push(Entry { name, aliases });
        }
        Ok(Glossary {
            organisations,
            people: file.people,
            ignore: file.ignore,
        })
    }

    /// Reads and parses a glossary file: a regular file (not a pipe, which could block
    /// forever) of at most [`MAX_BYTES`].
    pub fn load(path: &Path) -> Result<Glossary, GlossaryError> {
        let refused = |reason: String| GlossaryError::Refused {
            path: printable_path(path),
            reason,
        };
        let bytes = super::load::read_regular_file(path, MAX_BYTES).map_err(|e| match e {
            super::load::ReadError::Io(error) => GlossaryError::Read {
                path: printable_path(path),
                error,
            },
            other => refused(other.to_string()),
        })?;
        let text = String::from_utf8(bytes).map_err(|_| refused("not UTF-8 text".into()))?;
        Glossary::parse(&text, path)
    }

    /// Adds another glossary's entries; for a name in both, the aliases are combined.
    pub fn merge(&mut self, other: Glossary) {
        for entry in other.organisations {
            match self.organisations.iter_mut().find(|e| e.name == entry.name) {
                Some(existing) => existing.aliases.extend(entry.aliases),
                None => self.organisations.push(entry),
            }
        }
        self.people.extend(other.people);
        self.ignore.extend(other.ignore);
    }

    /// Everything that is never an organisation: people and ignored names.
    pub fn not_organisations(&self) -> impl Iterator<Item = &String> {
        self.people.iter().chain(&self.ignore)
    }
}

/// How names are compared: curly apostrophes as straight ones, handles without case.
/// Borrowed when the name is already in that form, as nearly all are: resolution asks
/// for millions of keys.
pub fn key(name: &str) -> Cow<'_, str> {
    let name = name.trim();
    if let Some(handle) = name.strip_prefix('@') {
        return match handle_key(handle) {
            Cow::Borrowed(_) => name.into(),
            Cow::Owned(folded) => format!("@{folded}").into(),
        };
    }
    if is_key_form(name) {
        return name.into();
    }
    let name = name.replace('’', "'");
    name.split_whitespace().collect::<Vec<_>>().join(" ").into()
}

/// Whether a trimmed name is already its own key: no curly apostrophe, and no white space
/// but single spaces. One pass over it, not three searches (resolution asks for millions
/// of keys).
fn is_key_form(name: &str) -> bool {
    let mut after_space = false;
    name.chars().all(|c| {
        let plain = match c {
            ' ' => !after_space,
            '’' => false,
            c => !c.is_whitespace(),
        };
        after_space = c == ' ';
        plain
    })
}

/// The key of a handle written without its '@': lower case, straight apostrophes.
fn handle_key(handle: &str) -> Cow<'_, str> {
    match handle.contains('’') || handle.bytes().any(|b| b.is_ascii_uppercase()) {
        true => handle.replace('’', "'").to_ascii_lowercase().into(),
        false => handle.into(),
    }
}

fn syntax_error(text: &str, path: &Path, error: &toml::de::Error) -> GlossaryError {
    let offset = error.span().map_or(0, |s| s.start);
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    // The message may quote the file (an unknown key is named).
    let message = error.message().lines().next().unwrap_or("invalid glossary");
    let message = printable(message);
    GlossaryError::Syntax {
        path: printable_path(path),
        line,
        column,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Glossary, GlossaryError> {
        Glossary::parse(text, Path::new("g.toml"))
    }

    #[test]
    fn organisations_and_people() {
        let g = parse("people = [\"@someone\"]\nignore = [\"A Review\"]\n[organisations]\n\"Big Org\" = [\"BO\", \"@bigorg\"]\n").unwrap();
        assert_eq!(
            g.organisations,
            [Entry {
                name: "Big Org".into(),
                aliases: vec!["BO".into(), "@bigorg".into()]
            }]
        );
        assert_eq!(g.people, ["@someone"]);
        assert_eq!(
            g.not_organisations().collect::<Vec<_>>(),
            ["@someone", "A Review"]
        );
    }

    #[test]
    fn syntax_error_names_file_line_and_column() {
        let err = parse("[organisations]\n\"A\" = [\"x\",\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("g.toml:"), "{err}");
        let err = parse("[organisations]\n\"A\" = \"not a list\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("g.toml:2:7: invalid type"), "{err}");
    }

    #[test]
    fn unknown_keys_are_refused() {
        let err = parse("organizations = {}\n").unwrap_err().to_string();
        assert!(
            err.starts_with("g.toml:1:1: unknown field `organizations`"),
            "{err}"
        );
    }

    #[test]
    fn an_alias_under_two_names_is_refused() {
        let err = parse("[organisations]\n\"A\" = [\"X\"]\n\"B\" = [\"X\"]\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "g.toml: alias \"X\" is listed under both \"A\" and \"B\""
        );
    }

    #[test]
    fn a_name_with_a_line_break_is_escaped_once_in_a_message() {
        let err = parse("[organisations]\n\"A\\nB\" = [\"\"]\n")
            .unwrap_err()
            .to_string();
        assert_eq!(err, "g.toml: organisation \"A\\nB\" has an empty alias");
    }

    #[test]
    fn empty_alias_is_refused() {
        let err = parse("[organisations]\n\"A\" = [\"\"]\n")
            .unwrap_err()
            .to_string();
        assert_eq!(err, "g.toml: organisation \"A\" has an empty alias");
    }

    proptest::proptest! {
        /// The quick path for names already in key form gives what folding gives.
        #[test]
        fn a_key_is_the_trimmed_name_with_straight_apostrophes_and_single_spaces(
            name in "@?[a-zA-Z’' \t\u{a0}\u{2003}é]{0,12}"
        ) {
            let folded = name.trim().replace('’', "'");
            let expected = match folded.strip_prefix('@') {
                Some(handle) => format!("@{}", handle.to_ascii_lowercase()),
                None => folded.split_whitespace().collect::<Vec<_>>().join(" "),
            };
            proptest::prop_assert_eq!(key(&name), expected);
        }
    }

    #[test]
    fn keys_fold_apostrophes_and_handle_case() {
        assert_eq!(key("St George’s"), key("St George's"));
        assert_eq!(key("@EducationGovUK"), "@educationgovuk");
    }
}
