//! What the copy keys put on the clipboard: the current post as a citation, the shell
//! command that reopens this exact view, or one of the post's links.

use super::{App, Effect, Scope};
use crate::corpus::sanitise::single_line;
use crate::corpus::{Corpus, Document, Post};
use crate::facets::PostRef;
use crate::present::one_line;

/// The most of a post's text a citation holds: terminals refuse or choke on a clipboard
/// sequence of many megabytes, and no citation needs more.
pub const MAX_CITED_BYTES: usize = 100 * 1024;

/// "Nick Cook, May 23, post 4/20: text… [000_bcd5621f043b7544]", and whether the post's
/// text was cut to [`MAX_CITED_BYTES`].
pub fn citation(corpus: &Corpus, at: PostRef) -> (String, bool) {
    let doc = &corpus.documents[at.doc];
    let thread = &doc.threads[at.thread];
    let post = &thread.posts[at.post];
    let author = thread.author.as_ref().or(doc.author.as_ref());
    let mut parts: Vec<String> = Vec::new();
    parts.extend(author.map(|a| a.name.clone()));
    parts.extend(doc.date.clone());
    parts.push(post_name(doc, post));
    let mut end = post.text.len().min(MAX_CITED_BYTES);
    while !post.text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = end < post.text.len();
    let text = one_line(&post.text[..end]) + if cut { "…" } else { "" };
    (format!("{}: {text} [{}]", parts.join(", "), doc.id), cut)
}

/// "post 4/20", "post 1.", "post 3" (unnumbered), "¶2" (prose).
pub fn post_name(doc: &Document, post: &Post) -> String {
    if doc.kind.is_prose() {
        return format!("¶{}", post.index);
    }
    match (post.number, post.total, &post.label) {
        (Some(n), Some(total), _) => format!("post {n}/{total}"),
        (_, _, Some(label)) => format!("post {label}"),
        _ => format!("post {}", post.index),
    }
}

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
            words.push(format!("--open={}", self.corpus.documents[doc].id));
        }
        if let Some(at) = self.current_post() {
            let post = &self.corpus.documents[at.doc].threads[at.thread].posts[at.post];
            words.push(format!("--post={}", post.number.unwrap_or(post.index)));
        }
        for filter in self.filters.list() {
            words.push(format!("--filter={}", filter.expression(&self.facets)));
        }
        if let Some(search) = self.search.as_ref().filter(|s| s.scope == Scope::Document) {
            words.push(format!("--search={}", search.text));
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
        let doc = &self.corpus.documents[at.doc];
        let name = post_name(doc, &doc.threads[at.thread].posts[at.post]);
        let (citation, cut) = citation(&self.corpus, at);
        self.effects.push(Effect::Copy(citation));
        self.message = Some(match cut {
            false => format!("copied the citation of {name}"),
            true => format!(
                "copied the citation of {name}, its text cut at {} KB",
                MAX_CITED_BYTES / 1024
            ),
        });
    }

    pub(super) fn copy_command(&mut self) {
        let command = self.reopen_command();
        // A path may hold what the status line must not draw as it is.
        self.message = Some(format!("copied: {}", single_line(&command)));
        self.effects.push(Effect::Copy(command));
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
        self.message = Some(format!("copied: {}", single_line(&link)));
        self.effects.push(Effect::Copy(link.into()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
                document: Some(doc),
                post: Some(2),
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
