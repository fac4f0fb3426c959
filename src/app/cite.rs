//! What the copy keys put on the clipboard: the current post as a citation, the shell
//! command that reopens this exact view, or one of the post's links.

use super::{App, Effect, Scope};
use crate::address::Address;
use crate::corpus::sanitise::single_line;
use crate::present::{MAX_CITED_BYTES, citation, post_name};

/// A word as bash, zsh, dash and fish all read it back unchanged: bare when every
/// character is one none of them treats specially, else in single quotes. Quotes and
/// backslashes are written outside the quotes, as `\'` and `\\`: fish reads a backslash
/// inside single quotes as an escape, the others do not, so none is ever put inside.
pub fn shell_quote(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c);
    // zsh expands a word opening with '=' and older fish one opening with '%'.
    let bare = word.chars().all(plain) && !word.is_empty() && !word.starts_with(['=', '%']);
    if bare {
        return word.to_string();
    }
    if word.is_empty() {
        return "''".to_string();
    }
    let mut out = String::with_capacity(word.len() + 2);
    let mut quoted = false;
    for c in word.chars() {
        let outside = matches!(c, '\'' | '\\');
        if outside == quoted {
            out.push('\'');
            quoted = !quoted;
        }
        if outside {
            out.push('\\');
        }
        out.push(c);
    }
    if quoted {
        out.push('\'');
    }
    out
}

impl App {
    /// `tread --open=ID --post=N --filter=EXPR… --search=TEXT -- PATH…`: this view, reopened.
    pub fn reopen_command(&self) -> String {
        // Each value joined to its option by '=', so that one opening with '-' (an id, a
        // search) is never read as an option; PATHs are absolute.
        let mut words = vec!["tread".to_string()];
        if let Some(doc) = self.current_doc() {
            words.push(format!("--open={}", self.corpus.document(doc).id));
        }
        if let Some(at) = self.current_post() {
            let address = Address::of(self.corpus.document(at.doc), at);
            words.push(format!("--post={address}"));
        }
        for filter in self.filters.list() {
            words.push(format!("--filter={}", filter.expression(&self.facets)));
        }
        if let Some(search) = self.search.as_ref().filter(|s| s.scope == Scope::Document) {
            words.push(format!("--search={}", search.text));
        }
        if let Some(file) = &self.review_file {
            words.push(format!("--review={file}"));
        }
        if !self.paths.is_empty() {
            // After '--', no path is read as an option, whatever it holds.
            words.push("--".to_string());
            words.extend(self.paths.iter().cloned());
        }
        let quoted: Vec<String> = words.iter().map(|w| shell_quote(w)).collect();
        quoted.join(" ")
    }

    pub(super) fn copy_citation(&mut self) {
        let Some(at) = self.current_post() else {
            self.message = Some("no post to copy".to_string());
            return;
        };
        let doc = self.corpus.document(at.doc);
        let name = post_name(doc, at);
        let (citation, cut) = citation(&self.corpus, at);
        let what = match cut {
            false => format!("citation of {name}"),
            true => format!(
                "citation of {name} (its text cut at {} KB)",
                MAX_CITED_BYTES / 1024
            ),
        };
        self.copy(citation, what, None);
    }

    pub(super) fn copy_command(&mut self) {
        let command = self.reopen_command();
        // A path may hold what the status line must not draw as it is.
        let shown = single_line(&command).into_owned();
        self.copy(command, "command".to_string(), Some(shown));
    }

    pub(super) fn copy_link(&mut self, index: usize) {
        let Some(link) = self.current_links().get(index).cloned() else {
            return;
        };
        if link.len() > MAX_CITED_BYTES {
            let size = link.len() / 1024;
            self.message = Some(format!("this link is {size} KB long: not copied"));
            return;
        }
        let shown = single_line(&link).into_owned();
        self.copy(link.into(), "link".to_string(), Some(shown));
    }

    /// Asks the terminal loop to copy `text`; the status line says where it went once it has
    /// (a test, with no loop, sees only the effect).
    fn copy(&mut self, text: String, what: String, shown: Option<String>) {
        self.effects.push(Effect::Copy { text, what, shown });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::DocIndex;

    #[test]
    fn shell_words_are_bare_only_when_plain() {
        assert_eq!(shell_quote("000_bcd"), "000_bcd");
        assert_eq!(shell_quote("--open=000_bcd"), "--open=000_bcd");
        assert_eq!(shell_quote("#CareReview"), "'#CareReview'");
        assert_eq!(shell_quote("author:Nick Cook"), "'author:Nick Cook'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(r"x\'y"), r"'x'\\\''y'");
        assert_eq!(shell_quote("'"), r"\'");
        assert_eq!(shell_quote("=cmd"), "'=cmd'");
        assert_eq!(shell_quote(""), "''");
    }

    /// Words no shell may run or change: quotes, backslashes, expansions, separators,
    /// line breaks, a leading dash, globs.
    const HOSTILE: &[&str] = &[
        r"x\'; touch PWNED; echo \'.txt",
        "it's \"quoted\" $HOME `id` $(id) ; | & > < * ? [a] {a,b} ~ # !",
        "-rf",
        "line\nbreak",
        r"\\",
        "'",
        "''",
        "\\'",
        "=ls",
        "%self",
        "",
    ];

    /// Runs `script` in `shell`, which prints each word of `words` with a NUL after it.
    fn words_as_read_by(shell: &str, words: &str) -> Option<Vec<String>> {
        let script = format!("printf '%s\\000' {words}");
        let out = std::process::Command::new(shell)
            .args(["-c", &script])
            .current_dir(std::env::temp_dir())
            .output()
            .ok()?;
        assert!(out.status.success(), "{shell}: {script}: {out:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        let mut words: Vec<String> = text.split('\0').map(str::to_string).collect();
        words.pop();
        Some(words)
    }

    #[test]
    fn every_shell_reads_a_quoted_word_back_unchanged() {
        let quoted: Vec<String> = HOSTILE.iter().map(|w| shell_quote(w)).collect();
        let mut tried = 0;
        for shell in ["bash", "dash", "zsh", "fish"] {
            let Some(read) = words_as_read_by(shell, &quoted.join(" ")) else {
                eprintln!("skipped: {shell} is not installed");
                continue;
            };
            tried += 1;
            assert_eq!(
                read,
                HOSTILE,
                "{shell} read {} differently",
                quoted.join(" ")
            );
        }
        assert!(tried > 0, "no shell to try");
    }

    #[test]
    fn the_reopen_command_names_a_hostile_document_inertly_in_every_shell() {
        use crate::corpus::{Corpus, Glossary, Source};
        use crate::keymap::Keymap;
        let sources = (HOSTILE.iter().filter(|id| !id.is_empty()).enumerate())
            .map(|(i, id)| Source {
                id: id.to_string(),
                path: format!("d{i}.txt"),
                text: format!("Post {i} of a hostile thread. 1/\n\nAnd its end. 2/\n"),
                warnings: Vec::new(),
            })
            .collect();
        let mut corpus = Corpus::from_sources(sources, &Glossary::default());
        // Ids made by hand, as nothing read from a file could make them (a line break in an
        // id is escaped when it is read).
        for (document, id) in corpus.documents.iter_mut().zip(HOSTILE) {
            document.id = id.to_string();
        }
        let ids = &HOSTILE[..corpus.documents.len()];
        for (doc, id) in ids.iter().enumerate() {
            let opening = super::super::Opening {
                document: Some(DocIndex::new(doc)),
                post: Some(Address::parse("2").unwrap()),
                paths: vec!["/tmp/a dir/it's".to_string()],
                ..Default::default()
            };
            let app = App::new(corpus.clone(), Keymap::builtin(), opening, (100, 30));
            let command = app.reopen_command();
            let words = command.strip_prefix("tread ").unwrap();
            for shell in ["bash", "dash", "zsh", "fish"] {
                let Some(read) = words_as_read_by(shell, words) else {
                    continue;
                };
                let expected = [
                    format!("--open={id}"),
                    "--post=2".to_string(),
                    "--".to_string(),
                    "/tmp/a dir/it's".to_string(),
                ];
                assert_eq!(read, expected, "{shell}: {command}");
            }
        }
    }
}
