//! Files that hold several documents (an X archive, a Mastodon outbox, tread's own JSON):
//! each such file is a group with a short name, and each of its documents a short id made
//! of that name and its place in the file (`b_18#3`), which the documents list shows and
//! `--open` and `show` accept.

use super::DocIndex;
use foldhash::HashMap;

/// A file that holds several documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The file, as the documents name it.
    pub file: String,
    /// The shortest start of its documents' common id that no other document's id has (at
    /// least three characters).
    pub short: String,
    /// The id of its first document.
    pub first_id: String,
    /// Its documents, in the corpus's order.
    pub docs: Vec<DocIndex>,
}

/// The groups of a corpus, and where each document is in them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Groups {
    groups: Vec<Group>,
    /// For each document: its group, if its file holds others ([`NONE`] if not). Its place
    /// in the group is found in the group's documents: four bytes a document, not twelve,
    /// for a file of 200,000.
    group_of: Vec<u32>,
}

/// No group.
const NONE: u32 = u32::MAX;

impl Groups {
    /// The groups of `documents`.
    pub fn new<D: super::Docs + ?Sized>(documents: &D) -> Groups {
        let names = documents.map(|_, d| (d.id.clone(), d.file().to_string()));
        let ids: Vec<&str> = names.iter().map(|(id, _)| id.as_str()).collect();
        let files: Vec<&str> = names.iter().map(|(_, file)| file.as_str()).collect();
        Groups::of_names(&ids, &files)
    }

    /// The groups of the documents whose ids are `ids` and files `files` (one each, in
    /// corpus order). Panics if the two differ in length: a caller's mistake.
    pub fn of_names(ids: &[&str], files: &[&str]) -> Groups {
        assert_eq!(ids.len(), files.len(), "an id and a file for each document");
        let mut by_file: HashMap<&str, Vec<DocIndex>> = HashMap::default();
        let mut seen: Vec<&str> = Vec::new();
        for (doc, &file) in DocIndex::all(files.len()).zip(files) {
            let docs = by_file.entry(file).or_default();
            if docs.is_empty() {
                seen.push(file);
            }
            docs.push(doc);
        }
        let mut groups = Groups {
            groups: Vec::new(),
            group_of: vec![NONE; files.len()],
        };
        for file in seen {
            let docs = by_file.remove(file).unwrap_or_default();
            if docs.len() < 2 {
                continue;
            }
            // Fewer groups than documents, which are fewer than 2^32.
            let group = groups.groups.len() as u32;
            for doc in &docs {
                groups.group_of[doc.index()] = group;
            }
            groups.groups.push(Group {
                file: file.to_string(),
                short: String::new(),
                first_id: ids[docs[0].index()].to_string(),
                docs,
            });
        }
        groups.name(ids);
        groups
    }

    /// Gives each group its short name: unique among the groups (a second `outbox-1` is
    /// `outbox-1~2`, as ids are), and where it can be, a start no other document's id has.
    fn name(&mut self, ids: &[&str]) {
        // Most collections are files of one document each: nothing to name, nothing to sort.
        if self.groups.is_empty() {
            return;
        }
        let mut sorted: Vec<(&str, DocIndex)> = (ids.iter().copied())
            .zip(DocIndex::all(ids.len()))
            .collect();
        sorted.sort_unstable();
        let mut taken: HashMap<String, usize> = HashMap::default();
        for index in 0..self.groups.len() {
            let docs = &self.groups[index].docs;
            let member = |doc: DocIndex| self.group_of(doc) == Some(index);
            let first = ids[docs[0].index()];
            let common = (docs.iter().map(|d| ids[d.index()]))
                .fold(first.len(), |n, id| common_prefix(&first[..n], id));
            let mut short = short_name(&first[..common], &sorted, member);
            if short.is_empty() {
                short = first.chars().take(3).collect();
            }
            let seen = taken.entry(short.clone()).or_insert(0);
            *seen += 1;
            if *seen > 1 {
                short = format!("{short}~{seen}");
            }
            self.groups[index].short = short;
        }
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

    /// The group of `doc`, if its file holds others.
    pub fn group_of(&self, doc: DocIndex) -> Option<usize> {
        let group = *self.group_of.get(doc.index())?;
        (group != NONE).then_some(group as usize)
    }

    /// The group of `doc` and its place in it (from 0), if its file holds others.
    pub fn of(&self, doc: DocIndex) -> Option<(usize, usize)> {
        let group = self.group_of(doc)?;
        // A group's documents are in corpus order, and `doc` is one of them.
        let at = self.groups[group].docs.binary_search(&doc);
        debug_assert!(at.is_ok(), "a document is in its group");
        Some((group, at.ok()?))
    }

    /// Gives back the room its lists kept to grow, once no more documents will come.
    pub fn shrink_to_fit(&mut self) {
        for group in &mut self.groups {
            group.docs.shrink_to_fit();
        }
        self.groups.shrink_to_fit();
    }

    /// `doc`'s short id in its group ("b_18#3", counted from 1), if it has one.
    pub fn short_id(&self, doc: DocIndex) -> Option<String> {
        let (group, at) = self.of(doc)?;
        Some(format!("{}#{}", self.groups[group].short, at + 1))
    }

    /// The document a short id such as "b_18#3" names: the third of the group whose short
    /// name, or whose documents' ids, start with "b_18".
    pub fn find(&self, short_id: &str) -> Option<DocIndex> {
        let (name, place) = short_id.rsplit_once('#')?;
        let place: usize = place.parse().ok().filter(|&n| n > 0)?;
        if name.is_empty() {
            return None;
        }
        // The group of that very name; else the one group whose name or ids start with it
        // (a start two groups share names neither).
        let exact = self.groups.iter().find(|g| g.short == name);
        let group = exact.or_else(|| {
            let mut named = (self.groups.iter())
                .filter(|g| g.short.starts_with(name) || g.first_id.starts_with(name));
            let group = named.next()?;
            named.next().is_none().then_some(group)
        })?;
        group.docs.get(place - 1).copied()
    }
}

/// The short name of a group whose documents' ids share `common`, among all ids `sorted`
/// (`member` says which are the group's): the start of `common` (without a trailing
/// separator) that no id outside the group starts with, three characters at least; failing
/// that, all of it. Linear in the ids that start with it.
fn short_name(
    common: &str,
    sorted: &[(&str, DocIndex)],
    member: impl Fn(DocIndex) -> bool,
) -> String {
    let stem = common.trim_end_matches(['-', '_', '.', ' ']);
    if stem.is_empty() {
        return String::new();
    }
    // Ids starting with the stem are together in sorted order; outside that run, only the
    // two neighbours can share more of it.
    let start = sorted.partition_point(|(id, _)| *id < stem);
    let end = start + sorted[start..].partition_point(|(id, _)| id.starts_with(stem));
    let outside = (sorted[start..end].iter()).filter(|(_, doc)| !member(*doc));
    let neighbours = [start.checked_sub(1), Some(end)].into_iter().flatten();
    let nearest = neighbours.filter_map(|i| sorted.get(i)).chain(outside);
    // In bytes, on character boundaries (common_prefix ends on one).
    let shared = nearest
        .map(|(id, _)| common_prefix(stem, id))
        .max()
        .unwrap_or(0);
    // One character past what another id shares, and three at least.
    let past = (stem[shared..].chars().next()).map_or(stem.len(), |c| shared + c.len_utf8());
    let shortest = stem.char_indices().nth(3).map_or(stem.len(), |(i, _)| i);
    stem[..past.max(shortest)].to_string()
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
    use crate::corpus::Document;

    fn documents(files: &[(&str, &str)]) -> Vec<Document> {
        let mut seed = crate::corpus::load::bundled().documents[0].clone();
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
        assert_eq!(groups.find("b_18#3"), Some(DocIndex::new(3)));
        assert_eq!(groups.find("b_18_export#1"), Some(DocIndex::new(1)));
        assert_eq!(groups.find("b_18#4"), None);
        assert_eq!(groups.find("b_18#0"), None);
        assert_eq!(groups.find("nothing#1"), None);
    }

    #[test]
    fn two_files_of_one_name_get_distinct_short_names_and_both_open() {
        let docs = documents(&[
            ("outbox-109311", "a/outbox.json"),
            ("outbox-110522", "a/outbox.json"),
            ("outbox-109877", "b/outbox.json"),
            ("outbox-110001", "b/outbox.json"),
        ]);
        let groups = Groups::new(&docs);
        let (a, b) = (groups.get(0).short.clone(), groups.get(1).short.clone());
        assert_ne!(a, b);
        assert_eq!(b, format!("{a}~2"));
        assert_eq!(groups.find(&format!("{a}#2")), Some(DocIndex::new(1)));
        assert_eq!(groups.find(&format!("{b}#1")), Some(DocIndex::new(2)));
        // A name that starts another group's ids still opens its own group.
        let docs = documents(&[
            ("x-1", "x.js"),
            ("x-2", "x.js"),
            ("x-1a", "y.js"),
            ("x-1b", "y.js"),
        ]);
        let groups = Groups::new(&docs);
        let x = groups.get(0).short.clone();
        assert_eq!(groups.find(&format!("{x}#2")), Some(DocIndex::new(1)));
    }

    #[test]
    fn grouping_is_linear_in_a_file_of_many_documents() {
        // 40,000 documents of one file: quadratic work would take minutes.
        let ids: Vec<String> = (0..40_000).map(|i| format!("archive-{i:06}")).collect();
        let files: Vec<(&str, &str)> = ids.iter().map(|id| (id.as_str(), "archive.js")).collect();
        let groups = Groups::new(&documents(&files));
        assert_eq!(groups.get(0).docs.len(), 40_000);
        assert_eq!(groups.get(0).short, "arc");
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
