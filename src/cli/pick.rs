//! Choosing the document a DOC argument means: an id, a unique id prefix, a file path, or
//! words of its title or author (by substring, then fuzzily).

use crate::corpus::Corpus;
use crate::fuzzy;
use std::path::Path;

/// What a DOC argument picks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    One(usize),
    None,
    /// Several documents, best first.
    Many(Vec<usize>),
}

/// The documents `doc` names, trying the most exact reading first.
pub fn pick_document(corpus: &Corpus, doc: &str, file: Option<&Path>) -> Pick {
    let docs = &corpus.documents;
    if let Some(i) = docs.iter().position(|d| d.id == doc) {
        return Pick::One(i);
    }
    if let Some(file) = file {
        let shown = crate::corpus::sanitise::printable_path(file);
        // A file of tread's own JSON can hold several documents.
        let in_file: Vec<usize> = (0..docs.len())
            .filter(|&i| docs[i].file() == shown)
            .collect();
        match in_file.as_slice() {
            [] => {}
            [one] => return Pick::One(*one),
            many => return Pick::Many(many.to_vec()),
        }
    }
    let steps: [&dyn Fn() -> Vec<usize>; 3] = [
        &|| {
            (0..docs.len())
                .filter(|&i| docs[i].id.starts_with(doc))
                .collect()
        },
        &|| {
            let needle = doc.to_lowercase();
            (0..docs.len())
                .filter(|&i| haystack(corpus, i).to_lowercase().contains(&needle))
                .collect()
        },
        &|| {
            let texts: Vec<String> = (0..docs.len()).map(|i| haystack(corpus, i)).collect();
            fuzzy::Matcher::default()
                .rank(texts.iter().map(String::as_str), doc)
                .into_iter()
                .map(|(i, _)| i)
                .collect()
        },
    ];
    for step in steps {
        match step().as_slice() {
            [] => continue,
            [one] => return Pick::One(*one),
            many => return Pick::Many(many.to_vec()),
        }
    }
    Pick::None
}

/// What words of a DOC argument are matched against: title and author.
fn haystack(corpus: &Corpus, i: usize) -> String {
    let doc = &corpus.documents[i];
    let author = doc.author.as_ref().map(|a| a.name.as_str()).unwrap_or("");
    format!("{} {author}", doc.display_title())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::load;

    #[test]
    fn id_prefix_title_and_author() {
        let c = load::bundled();
        assert_eq!(pick_document(&c, "000", None), Pick::One(0));
        assert_eq!(
            pick_document(&c, "003_5dc0658c0538405e", None),
            Pick::One(3)
        );
        assert_eq!(pick_document(&c, "penultimate", None), Pick::One(3));
        assert_eq!(pick_document(&c, "emmet regan", None), Pick::One(4));
        assert!(matches!(pick_document(&c, "0", None), Pick::Many(v) if v.len() == 5));
        assert_eq!(pick_document(&c, "zzzzqqq", None), Pick::None);
    }
}
