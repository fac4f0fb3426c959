//! The user's settings: `$XDG_CONFIG_HOME/tread/config.toml`, read before anything else
//! and reported like the keymap (file, line, column, the bad word and the closest valid
//! one). Every setting can also come from the command line, which wins; `tread
//! --print-config` shows each setting in force and where it came from.

use crate::corpus::load::{ReadError, read_regular_file};
use crate::corpus::sanitise::printable;
use crate::keymap::{closest, line_column};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    pub fn enabled(self) -> bool {
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ColorWhen::Auto => "auto",
            ColorWhen::Always => "always",
            ColorWhen::Never => "never",
        }
    }
}

/// The settings the file may hold, each absent unless it is written there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The file read, if there was one.
    pub file: Option<PathBuf>,
    /// What `tread` reads when no PATH is given (the bundled sample when unset).
    pub paths: Option<Vec<PathBuf>>,
    pub color: Option<ColorWhen>,
    pub mouse: Option<bool>,
    pub glossary: Option<PathBuf>,
}

/// The settings a config file may hold, in the order `--print-config` shows them.
pub const KEYS: &[&str] = &["paths", "color", "mouse", "glossary"];

const MAX_BYTES: u64 = 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config {}: {reason}", printable(&path.display().to_string()))]
    Io { path: PathBuf, reason: String },
    #[error("{}:{line}:{column}: {message}", printable(&path.display().to_string()))]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

impl Config {
    /// The user's file, if it exists; no file is no settings.
    pub fn load() -> Result<Config, ConfigError> {
        match user_file().filter(|p| p.exists()) {
            Some(path) => Config::read(&path),
            None => Ok(Config::default()),
        }
    }

    /// Reads the file at `path`: a regular file of UTF-8 TOML, no larger than a config can be.
    pub fn read(path: &Path) -> Result<Config, ConfigError> {
        let io = |reason: String| ConfigError::Io {
            path: path.to_path_buf(),
            reason,
        };
        let bytes = read_regular_file(path, MAX_BYTES).map_err(|e| match e {
            ReadError::Io(e) => io(e.to_string()),
            other => io(other.to_string()),
        })?;
        let text = String::from_utf8(bytes).map_err(|_| io("not UTF-8 text".to_string()))?;
        Config::parse(&text, path)
    }

    /// The settings written in `text`, read from `path` (relative paths in it are taken
    /// from the file's folder, `~/` from the home folder).
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let invalid = |span: std::ops::Range<usize>, message: String| {
            let (line, column) = line_column(text, span.start);
            let path = path.to_path_buf();
            ConfigError::Invalid {
                path,
                line,
                column,
                message,
            }
        };
        let raw: BTreeMap<Spanned<String>, Spanned<toml::Value>> =
            toml::from_str(text).map_err(|e| {
                let message = e.message().lines().next().unwrap_or("invalid TOML");
                invalid(e.span().unwrap_or(0..0), printable(message))
            })?;
        let folder = path.parent().unwrap_or(Path::new("."));
        let mut config = Config {
            file: Some(path.to_path_buf()),
            ..Config::default()
        };
        for (key, value) in raw {
            let wrong = |expected: &str| {
                invalid(
                    value.span(),
                    format!("{key}: {expected}", key = key.get_ref()),
                )
            };
            match key.get_ref().as_str() {
                "paths" => {
                    let paths = string_list(value.get_ref())
                        .ok_or_else(|| wrong("a list of folders or files, as [\"~/threads\"]"))?;
                    config.paths = Some(paths.iter().map(|p| expand(p, folder)).collect());
                }
                "color" => {
                    let word = value.get_ref().as_str().unwrap_or_default();
                    let when = clap::ValueEnum::from_str(word, true);
                    config.color =
                        Some(when.map_err(|_| wrong("\"auto\", \"always\" or \"never\""))?);
                }
                "mouse" => {
                    let on = value.get_ref().as_bool();
                    config.mouse = Some(on.ok_or_else(|| wrong("true or false"))?);
                }
                "glossary" => {
                    let file = value.get_ref().as_str();
                    let file = file.ok_or_else(|| wrong("a file, as \"~/threads/orgs.toml\""))?;
                    config.glossary = Some(expand(file, folder));
                }
                other => {
                    let names = KEYS.iter().map(|k| k.to_string());
                    let message = match closest(other, names) {
                        Some(c) => format!("unknown setting {other:?}; did you mean {c:?}?"),
                        None => format!("unknown setting {other:?}; known: {}", KEYS.join(", ")),
                    };
                    return Err(invalid(key.span(), printable(&message)));
                }
            }
        }
        Ok(config)
    }
}

/// A TOML array of strings.
fn string_list(value: &toml::Value) -> Option<Vec<String>> {
    let items = value.as_array()?;
    items.iter().map(|v| v.as_str().map(String::from)).collect()
}

/// A path as written in the file: `~/…` under the home folder, a relative one under the
/// config file's folder.
fn expand(written: &str, folder: &Path) -> PathBuf {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    match (written.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ if written == "~" => {
            std::env::var_os("HOME").map_or_else(|| folder.into(), PathBuf::from)
        }
        _ => folder.join(written),
    }
}

/// `$XDG_CONFIG_HOME/tread/config.toml`, or `~/.config/tread/config.toml`.
pub fn user_file() -> Option<PathBuf> {
    Some(crate::keymap::config_folder()?.join("config.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(text, Path::new("/home/me/.config/tread/config.toml"))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn every_setting_is_read_and_paths_are_expanded() {
        let home = std::env::var("HOME").unwrap_or_default();
        let config = parse(
            "paths = [\"~/threads\", \"saved\", \"/srv/x\"]\ncolor = \"never\"\nmouse = false\nglossary = \"orgs.toml\"\n",
        )
        .unwrap();
        assert_eq!(
            config.paths.unwrap(),
            [
                PathBuf::from(home).join("threads"),
                PathBuf::from("/home/me/.config/tread/saved"),
                PathBuf::from("/srv/x"),
            ]
        );
        assert_eq!(config.color, Some(ColorWhen::Never));
        assert_eq!(config.mouse, Some(false));
        assert_eq!(
            config.glossary,
            Some(PathBuf::from("/home/me/.config/tread/orgs.toml"))
        );
    }

    #[test]
    fn mistakes_name_the_line_column_and_the_closest_word() {
        assert_eq!(
            parse("mouse = true\ncolour = \"never\"\n").unwrap_err(),
            "/home/me/.config/tread/config.toml:2:1: unknown setting \"colour\"; did you mean \"color\"?"
        );
        assert_eq!(
            parse("color = \"sometimes\"\n").unwrap_err(),
            "/home/me/.config/tread/config.toml:1:9: color: \"auto\", \"always\" or \"never\""
        );
        assert_eq!(
            parse("paths = \"~/threads\"\n").unwrap_err(),
            "/home/me/.config/tread/config.toml:1:9: paths: a list of folders or files, as [\"~/threads\"]"
        );
        assert!(parse("mouse = \n").unwrap_err().contains(":1:"));
        // An escape sequence in a key reaches no terminal.
        let hostile = parse("\"\\u001b]52;c;eA==\\u0007\" = 1\n").unwrap_err();
        assert!(!hostile.contains('\x1b'), "{hostile:?}");
    }
}
