//! Files that hold several documents (an X archive, a Mastodon outbox, tread's own JSON):
//! each such file is a group with a short name, and each of its documents a short id made
//! of that name and its place in the file (`b_18#3`), which the documents list shows and
//! `--open` and `show` accept.

use super::{DocIndex, Document};
use foldhash::HashMap;

/// A file that holds several documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The file, as the documents name it.
    pub file: String,
    /// The shortest start of its documents' common id that no other document's id has (at
    /// least three characters).
    pub short: String,
    /// Its documents, in the corpus's order.
    pub docs: Vec<DocIndex>,
}

/// The groups of a corpus, and where each document is in them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Groups {
    groups: Vec<Group>,
    /// For each document: its group and its place in it (from 0), if its file holds others.
    place: Vec<Option<(u32, u32)>>,
}

impl Groups {
    /// The groups of `documents`.
    pub fn new(documents: &[Document]) -> Groups {
        let mut by_file: HashMap<&str, Vec<DocIndex>> = HashMap::default();
        let mut files: Vec<&str> = Vec::new();
        for (doc, document) in DocIndex::all(documents.len()).zip(documents) {
            let docs = by_file.entry(document.file()).or_default();
            if docs.is_empty() {
                files.push(document.file());
            }
            docs.push(doc);
        }
        let mut ids: Vec<&str> = documents.iter().map(|d| d.id.as_str()).collect();
        ids.sort_unstable();
        let mut groups = Groups {
            groups: Vec::new(),
            place: vec![None; documents.len()],
        };
        for file in files {
            let docs = by_file.remove(file).unwrap_or_default();
            if docs.len() < 2 {
                continue;
            }
            let group = groups.groups.len() as u32;
            for (at, doc) in docs.iter().enumerate() {
                groups.place[doc.index()] = Some((group, at as u32));
            }
            let members: Vec<&str> = docs
                .iter()
                .map(|d| documents[d.index()].id.as_str())
                .collect();
            let short = short_name(&members, &ids);
            let file = file.to_string();
            groups.groups.push(Group { file, short, docs });
        }
        groups
    }

    /// Whether no file holds several documents.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// How many files hold several documents.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    pub fn get(&self, group: usize) -> &Group {
        &self.groups[group]
    }

    /// The group of `doc` and its place in it (from 0), if its file holds others.
    pub fn of(&self, doc: DocIndex) -> Option<(usize, usize)> {
        let (group, at) = (*self.place.get(doc.index())?)?;
        Some((group as usize, at as usize))
    }

    /// `doc`'s short id in its group ("b_18#3", counted from 1), if it has one.
    pub fn short_id(&self, doc: DocIndex) -> Option<String> {
        let (group, at) = self.of(doc)?;
        Some(format!("{}#{}", self.groups[group].short, at + 1))
    }

    /// The document a short id such as "b_18#3" names: the third of the group whose short
    /// name, or whose documents' ids, start with "b_18".
    pub fn find(&self, short_id: &str, documents: &[Document]) -> Option<DocIndex> {
        let (name, place) = short_id.rsplit_once('#')?;
        let place: usize = place.parse().ok().filter(|&n| n > 0)?;
        let mut named = (self.groups.iter()).filter(|g| {
            g.short.starts_with(name) || documents[g.docs[0].index()].id.starts_with(name)
        });
        let group = named.next()?;
        // A name two groups share names neither.
        if named.next().is_some() || name.is_empty() {
            return None;
        }
        group.docs.get(place - 1).copied()
    }
}

/// The short name of a group whose documents' ids are `members`, among all `sorted` ids:
/// the start of their common prefix (without a trailing separator) that no id outside the
/// group starts with; failing that, the whole common prefix.
fn short_name(members: &[&str], sorted: &[&str]) -> String {
    let first = members[0];
    let common = (members.iter()).fold(first.len(), |n, id| common_prefix(&first[..n], id));
    let stem = first[..common].trim_end_matches(['-', '_', '.', ' ']);
    if stem.is_empty() {
        return first.chars().take(3).collect();
    }
    // Ids starting with the stem are together in sorted order; outside that run, only the
    // two neighbours can share more of it.
    let start = sorted.partition_point(|id| *id < stem);
    let end = start + sorted[start..].partition_point(|id| id.starts_with(stem));
    let outside = (sorted[start..end].iter()).filter(|id| !members.contains(id));
    let neighbours = [start.checked_sub(1), Some(end)].into_iter().flatten();
    let nearest = neighbours.filter_map(|i| sorted.get(i)).chain(outside);
    let needed = nearest
        .map(|id| common_prefix(stem, id) + 1)
        .max()
        .unwrap_or(0);
    let needed = needed.max(3);
    let cut = stem
        .char_indices()
        .nth(needed)
        .map_or(stem.len(), |(i, _)| i);
    stem[..cut].to_string()
}

/// The bytes `a` and `b` share at their start, ending on a character boundary of both.
fn common_prefix(a: &str, b: &str) -> usize {
    let mut n = 0;
    for (x, y) in a.chars().zip(b.chars()) {
        if x != y {
            break;
        }
        n += x.len_utf8();
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn documents(files: &[(&str, &str)]) -> Vec<Document> {
        let mut seed = crate::corpus::load::bundled().documents.swap_remove(0);
        seed.threads.clear();
        (files.iter())
            .map(|(id, file)| Document {
                id: id.to_string(),
                path: file.to_string(),
                ..seed.clone()
            })
            .collect()
    }

    #[test]
    fn a_file_of_several_documents_is_a_group_with_a_short_name() {
        let docs = documents(&[
            ("b_16_blog", "b_16_blog.md"),
            ("b_18_export-111", "b_18_export.js"),
            ("b_18_export-222", "b_18_export.js"),
            ("b_18_export-333", "b_18_export.js"),
            ("b_20_export-444", "b_20_export.js"),
        ]);
        let groups = Groups::new(&docs);
        assert_eq!(groups.groups.len(), 1);
        let group = groups.get(0);
        assert_eq!(group.short, "b_18");
        assert_eq!(group.docs.len(), 3);
        assert_eq!(groups.short_id(DocIndex::new(2)).as_deref(), Some("b_18#2"));
        assert_eq!(groups.short_id(DocIndex::new(0)), None);
        assert_eq!(groups.find("b_18#3", &docs), Some(DocIndex::new(3)));
        assert_eq!(groups.find("b_18_export#1", &docs), Some(DocIndex::new(1)));
        assert_eq!(groups.find("b_18#4", &docs), None);
        assert_eq!(groups.find("b_18#0", &docs), None);
        assert_eq!(groups.find("nothing#1", &docs), None);
    }

    #[test]
    fn a_short_name_is_unique_among_all_ids() {
        let docs = documents(&[
            ("archive-1", "a.js"),
            ("archive-2", "a.js"),
            ("archived-note", "n.md"),
        ]);
        assert_eq!(Groups::new(&docs).get(0).short, "archive");
        let docs = documents(&[("x-1", "x.js"), ("x-2", "x.js"), ("y", "y.md")]);
        assert_eq!(Groups::new(&docs).get(0).short, "x");
    }
}
