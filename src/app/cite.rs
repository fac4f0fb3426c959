//! What the copy keys put on the clipboard: the current post as a citation, the shell
//! command that reopens this exact view, or one of the post's links.

use super::{App, Effect, Scope};
use crate::corpus::{Corpus, Document, Post};
use crate::facets::PostRef;
use crate::present::one_line;

/// "Nick Cook, May 23, post 4/20: text… [000_bcd5621f043b7544]".
pub fn citation(corpus: &Corpus, at: PostRef) -> String {
    let doc = &corpus.documents[at.doc];
    let thread = &doc.threads[at.thread];
    let post = &thread.posts[at.post];
    let author = thread.author.as_ref().or(doc.author.as_ref());
    let mut parts: Vec<String> = Vec::new();
    parts.extend(author.map(|a| a.name.clone()));
    parts.extend(doc.date.clone());
    parts.push(post_name(doc, post));
    format!(
        "{}: {} [{}]",
        parts.join(", "),
        one_line(&post.text),
        doc.id
    )
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

/// A word as the shell reads it back unchanged: bare when it is plain, else single-quoted.
fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

impl App {
    /// `tread --open ID --post N --filter EXPR… --search TEXT PATH…`: this view, reopened.
    pub fn reopen_command(&self) -> String {
        let mut words = vec!["tread".to_string()];
        if let Some(doc) = self.current_doc() {
            words.extend(["--open".to_string(), self.corpus.documents[doc].id.clone()]);
        }
        if let Some(at) = self.current_post() {
            let post = &self.corpus.documents[at.doc].threads[at.thread].posts[at.post];
            let n = post.number.unwrap_or(post.index);
            words.extend(["--post".to_string(), n.to_string()]);
        }
        for filter in self.filters.list() {
            words.extend(["--filter".to_string(), filter.expression(&self.facets)]);
        }
        if let Some(search) = self.search.as_ref().filter(|s| s.scope == Scope::Document) {
            words.extend(["--search".to_string(), search.text.clone()]);
        }
        words.extend(self.paths.iter().cloned());
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
        self.effects.push(Effect::Copy(citation(&self.corpus, at)));
        self.message = Some(format!("copied the citation of {name}"));
    }

    pub(super) fn copy_command(&mut self) {
        let command = self.reopen_command();
        self.message = Some(format!("copied: {command}"));
        self.effects.push(Effect::Copy(command));
    }

    pub(super) fn copy_link(&mut self, index: usize) {
        let Some(link) = self.current_links().get(index).cloned() else {
            return;
        };
        self.message = Some(format!("copied: {link}"));
        self.effects.push(Effect::Copy(link.into()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_survive_the_shell() {
        assert_eq!(shell_quote("000_bcd"), "000_bcd");
        assert_eq!(shell_quote("#CareReview"), "'#CareReview'");
        assert_eq!(shell_quote("author:Nick Cook"), "'author:Nick Cook'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
    }
}
