//! Choosing the document a DOC argument means: an id, a short id of a file's documents
//! (`b_18#3`), a unique id prefix, a file path, or words of its title or author (by
//! substring, then fuzzily).

use crate::corpus::{Corpus, DocIndex, Document};
use crate::fuzzy;
use std::path::Path;

/// What a DOC argument picks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    One(DocIndex),
    None,
    /// Several documents, best first.
    Many(Vec<DocIndex>),
}

/// The documents `doc` names, trying the most exact reading first.
pub fn pick_document(corpus: &Corpus, doc: &str, file: Option<&Path>) -> Pick {
    let docs = &corpus.documents;
    let all = || DocIndex::all(docs.len()).zip(docs);
    let those = |pass: &dyn Fn(&Document) -> bool| -> Vec<DocIndex> {
        all().filter(|(_, d)| pass(d)).map(|(i, _)| i).collect()
    };
    if let Some((i, _)) = all().find(|(_, d)| d.id == doc) {
        return Pick::One(i);
    }
    // A document of a file holding several, as the UI's list names it ("b_18#3").
    if doc.contains('#')
        && let Some(i) = crate::corpus::Groups::new(docs).find(doc, docs)
    {
        return Pick::One(i);
    }
    if let Some(file) = file {
        let shown = crate::corpus::sanitise::printable_path(file);
        // A file of tread's own JSON can hold several documents.
        let in_file = those(&|d| d.file() == shown);
        match in_file.as_slice() {
            [] => {}
            [one] => return Pick::One(*one),
            many => return Pick::Many(many.to_vec()),
        }
    }
    let steps: [&dyn Fn() -> Vec<DocIndex>; 3] = [
        &|| those(&|d| d.id.starts_with(doc)),
        &|| {
            let needle = doc.to_lowercase();
            those(&|d| haystack(d).to_lowercase().contains(&needle))
        },
        &|| {
            let texts: Vec<String> = docs.iter().map(haystack).collect();
            fuzzy::Matcher::default()
                .rank(texts.iter().map(String::as_str), doc)
                .into_iter()
                .map(|(i, _)| DocIndex::new(i))
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
fn haystack(doc: &Document) -> String {
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
        assert_eq!(pick_document(&c, "000", None), Pick::One(DocIndex::new(0)));
        assert_eq!(
            pick_document(&c, "003_5dc0658c0538405e", None),
            Pick::One(DocIndex::new(3))
        );
        assert_eq!(
            pick_document(&c, "penultimate", None),
            Pick::One(DocIndex::new(3))
        );
        assert_eq!(
            pick_document(&c, "emmet regan", None),
            Pick::One(DocIndex::new(4))
        );
        assert!(matches!(pick_document(&c, "0", None), Pick::Many(v) if v.len() == 5));
        assert_eq!(pick_document(&c, "zzzzqqq", None), Pick::None);
    }
}
