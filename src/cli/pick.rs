//! Choosing the document a DOC argument means: an id, a short id of a file's documents
//! (`b_18#3`), a unique id prefix, a file path, or words of its title or author (by
//! substring, then fuzzily).

use crate::corpus::{DocIndex, Docs, Document, Groups};
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

impl Pick {
    /// What a step that found `found` (best first) picks.
    fn of(found: Vec<DocIndex>) -> Pick {
        match found.as_slice() {
            [] => Pick::None,
            [one] => Pick::One(*one),
            _ => Pick::Many(found),
        }
    }
}

/// The documents `doc` names among `docs`, trying the most exact reading first. Each
/// reading is one pass over the documents, keeping only the places of those it finds.
pub fn pick_document<D: Docs + ?Sized>(docs: &D, doc: &str, file: Option<&Path>) -> Pick {
    let those = |pass: &(dyn Fn(&Document) -> bool + Sync)| -> Vec<DocIndex> {
        let found = docs.map(|i, d| pass(d).then_some(DocIndex::new(i)));
        found.into_iter().flatten().collect()
    };
    // The first document of that id: ids are unique, but a stand-in for one lost may not be.
    if let Some(i) = docs.first(|d| d.id == doc) {
        return Pick::One(DocIndex::new(i));
    }
    // A document of a file holding several, as the UI's list names it ("b_18#3").
    if doc.contains('#')
        && let Some(i) = short_id(docs, doc)
    {
        return Pick::One(i);
    }
    if let Some(file) = file {
        let shown = crate::corpus::sanitise::printable_path(file);
        // A file of tread's own JSON can hold several documents.
        let in_file = Pick::of(those(&|d| d.file() == shown));
        if in_file != Pick::None {
            return in_file;
        }
    }
    let steps: [&dyn Fn() -> Vec<DocIndex>; 3] = [
        &|| those(&|d| d.id.starts_with(doc)),
        &|| {
            let needle = doc.to_lowercase();
            those(&|d| haystack(d).to_lowercase().contains(&needle))
        },
        &|| {
            let matcher = fuzzy::Matcher::default();
            let scores = docs.map(|_, d| matcher.score(&haystack(d), doc));
            let ranked = fuzzy::best_first(scores);
            ranked.into_iter().map(|(i, _)| DocIndex::new(i)).collect()
        },
    ];
    (steps.into_iter())
        .map(|step| Pick::of(step()))
        .find(|pick| *pick != Pick::None)
        .unwrap_or(Pick::None)
}

/// The document a short id ("b_18#3") names, from the groups of files holding several.
fn short_id<D: Docs + ?Sized>(docs: &D, doc: &str) -> Option<DocIndex> {
    let names = docs.fold(Names::default, Names::add, Names::join);
    let ids: Vec<&str> = names.ids.iter().map(String::as_str).collect();
    let files: Vec<&str> = (names.files.iter())
        .flat_map(|(file, count)| std::iter::repeat_n(file.as_str(), *count))
        .collect();
    Groups::of_names(&ids, &files).find(doc)
}

/// The ids of documents, in order, and their files, each run of documents of one file
/// (they come one after another) naming it once.
#[derive(Default)]
struct Names {
    ids: Vec<String>,
    /// Each file, with how many documents in a row it holds.
    files: Vec<(String, usize)>,
}

impl Names {
    fn add(mut self, _: usize, doc: &Document) -> Names {
        self.ids.push(doc.id.clone());
        match self.files.last_mut() {
            Some((file, count)) if file == doc.file() => *count += 1,
            _ => self.files.push((doc.file().to_string(), 1)),
        }
        self
    }

    /// These names, then `later`'s.
    fn join(mut self, later: Names) -> Names {
        self.ids.extend(later.ids);
        let mut runs = later.files.into_iter().peekable();
        if let (Some((file, count)), Some((next, more))) = (self.files.last_mut(), runs.peek())
            && file == next
        {
            *count += more;
            runs.next();
        }
        self.files.extend(runs);
        self
    }
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
        let c = &load::bundled().documents;
        assert_eq!(pick_document(c, "000", None), Pick::One(DocIndex::new(0)));
        assert_eq!(
            pick_document(c, "003_5dc0658c0538405e", None),
            Pick::One(DocIndex::new(3))
        );
        assert_eq!(
            pick_document(c, "penultimate", None),
            Pick::One(DocIndex::new(3))
        );
        assert_eq!(
            pick_document(c, "emmet regan", None),
            Pick::One(DocIndex::new(4))
        );
        assert!(matches!(pick_document(c, "0", None), Pick::Many(v) if v.len() == 5));
        assert_eq!(pick_document(c, "zzzzqqq", None), Pick::None);
    }

    /// Documents held packed (a file of many) are picked as documents held whole are: each
    /// reading of DOC, in the same order of preference, best first.
    #[test]
    fn held_documents_are_picked_as_the_documents_are() {
        use crate::corpus::Groups;
        use crate::corpus::held_testing::held;
        // The seeds over and over, with ids of their own: each seed's file holds twelve
        // documents, not one after another, and the records take several chunks.
        let seeds = load::bundled().documents;
        let documents: Vec<Document> = (0..12)
            .flat_map(|copy| {
                seeds.iter().cloned().map(move |mut doc| {
                    doc.id = format!("{}-{copy}", doc.id);
                    doc
                })
            })
            .collect();
        let held = held(&documents);
        let groups = Groups::new(&documents);
        let seventh = DocIndex::new(33);
        let short = groups.short_id(seventh).expect("a file of several");
        let slice = &documents[..];
        let first_file = Path::new(documents[0].file());
        let picks = [
            ("003_5dc0658c0538405e-7", None),
            ("003_5dc0658c0538405e-1", None),
            ("003", None),
            ("penultimate", None),
            ("emmet regan", None),
            ("pnltmt", None),
            ("sam trner", None),
            ("zzzzqqq", None),
            (short.as_str(), None),
            ("x", Some(first_file)),
        ];
        for (doc, file) in picks {
            assert_eq!(
                pick_document(&held, doc, file),
                pick_document(slice, doc, file),
                "{doc}"
            );
        }
        assert_eq!(pick_document(&held, &short, None), Pick::One(seventh));
        let id = pick_document(&held, "003_5dc0658c0538405e-7", None);
        assert_eq!(id, Pick::One(DocIndex::new(38)));
        let by_file = pick_document(&held, "x", Some(first_file));
        assert!(matches!(by_file, Pick::Many(v) if v.len() == 12 && v[1].index() == 5));
        assert!(matches!(pick_document(&held, "pnltmt", None), Pick::Many(v) if v.len() > 1));
    }
}
