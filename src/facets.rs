//! Facets: the authors, hashtags, organisations and mentions of a corpus, each with the
//! documents and posts it occurs in. Hashtags and mentions fold case ("#carereview" and
//! "#CareReview" are one entry showing both); organisations are already canonical.

use crate::corpus::{Author, Corpus, Document};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A post's place in the corpus: document, thread and post indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PostRef {
    pub doc: usize,
    pub thread: usize,
    pub post: usize,
}

/// Which facet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FacetKind {
    Author,
    Hashtag,
    Org,
    Mention,
    /// What kind of document a post is in: unroll, article, reply, repost….
    Kind,
}

/// One value of a facet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The spelling shown: the most used one.
    pub name: String,
    /// Every spelling seen (for organisations: the aliases and handles folded into it).
    pub variants: Vec<String>,
    /// Ids of the documents it occurs in.
    pub documents: Vec<String>,
    /// How many posts it occurs in.
    pub posts: usize,
    /// The posts themselves.
    #[serde(skip)]
    pub post_refs: Vec<PostRef>,
}

/// All five facets, entries ordered by post count (most first), then name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    pub authors: Vec<Entry>,
    pub hashtags: Vec<Entry>,
    pub organisations: Vec<Entry>,
    pub mentions: Vec<Entry>,
    pub kinds: Vec<Entry>,
}

/// Gathers one facet's entries under a folding key.
#[derive(Default)]
struct Builder {
    entries: BTreeMap<String, Accumulator>,
}

#[derive(Default)]
struct Accumulator {
    spellings: BTreeMap<String, usize>,
    posts: BTreeSet<PostRef>,
}

impl Builder {
    fn add(&mut self, key: String, spelling: &str, at: PostRef) {
        let entry = self.entries.entry(key).or_default();
        *entry.spellings.entry(spelling.to_string()).or_default() += 1;
        entry.posts.insert(at);
    }

    fn finish(self, docs: &[Document], extra_variants: impl Fn(&str) -> Vec<String>) -> Vec<Entry> {
        let mut entries: Vec<Entry> = self
            .entries
            .into_values()
            .map(|acc| {
                let name = most_used(&acc.spellings);
                let mut variants: BTreeSet<String> = acc.spellings.into_keys().collect();
                variants.extend(extra_variants(&name));
                let ids: BTreeSet<usize> = acc.posts.iter().map(|p| p.doc).collect();
                Entry {
                    name,
                    variants: variants.into_iter().collect(),
                    documents: ids.into_iter().map(|d| docs[d].id.clone()).collect(),
                    posts: acc.posts.len(),
                    post_refs: acc.posts.into_iter().collect(),
                }
            })
            .collect();
        entries.sort_by(|a, b| {
            b.posts
                .cmp(&a.posts)
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        entries
    }
}

fn most_used(spellings: &BTreeMap<String, usize>) -> String {
    let best = spellings
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)));
    best.map(|(s, _)| s.clone()).unwrap_or_default()
}

impl Facets {
    /// Builds the facets of a corpus.
    pub fn build(corpus: &Corpus) -> Facets {
        let mut authors = Builder::default();
        let mut hashtags = Builder::default();
        let mut organisations = Builder::default();
        let mut mentions = Builder::default();
        let mut kinds = Builder::default();
        for (d, doc) in corpus.documents.iter().enumerate() {
            for (t, thread) in doc.threads.iter().enumerate() {
                let author = thread.author.as_ref().or(doc.author.as_ref());
                for (p, post) in thread.posts.iter().enumerate() {
                    let at = PostRef {
                        doc: d,
                        thread: t,
                        post: p,
                    };
                    if let Some(author) = author {
                        authors.add(author.name.clone(), &author.name, at);
                    }
                    for tag in &post.hashtags {
                        hashtags.add(tag.to_lowercase(), tag, at);
                    }
                    for handle in &post.mentions {
                        mentions.add(handle.to_lowercase(), handle, at);
                    }
                    for org in &post.organisations {
                        organisations.add(org.clone(), org, at);
                    }
                    kinds.add(doc.kind.name().to_string(), doc.kind.name(), at);
                }
            }
        }
        let docs = &corpus.documents;
        let handles = author_handles(docs);
        Facets {
            authors: authors.finish(docs, |name| {
                handles.get(name).cloned().into_iter().collect()
            }),
            hashtags: hashtags.finish(docs, |_| Vec::new()),
            organisations: organisations.finish(docs, |name| {
                corpus
                    .org_variants
                    .get(name)
                    .map(|v| v.iter().cloned().collect())
                    .unwrap_or_default()
            }),
            mentions: mentions.finish(docs, |_| Vec::new()),
            kinds: kinds.finish(docs, |_| Vec::new()),
        }
    }

    /// The entries of one facet.
    pub fn of(&self, kind: FacetKind) -> &[Entry] {
        match kind {
            FacetKind::Author => &self.authors,
            FacetKind::Hashtag => &self.hashtags,
            FacetKind::Org => &self.organisations,
            FacetKind::Mention => &self.mentions,
            FacetKind::Kind => &self.kinds,
        }
    }
}

impl FacetKind {
    /// All facets, in display order.
    pub const ALL: [FacetKind; 5] = [
        FacetKind::Author,
        FacetKind::Hashtag,
        FacetKind::Org,
        FacetKind::Mention,
        FacetKind::Kind,
    ];

    /// The facet's heading ("Authors") and JSON key ("authors").
    pub fn title(self) -> &'static str {
        match self {
            FacetKind::Author => "Authors",
            FacetKind::Hashtag => "Hashtags",
            FacetKind::Org => "Organisations",
            FacetKind::Mention => "Mentions",
            FacetKind::Kind => "Kinds",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            FacetKind::Author => "authors",
            FacetKind::Hashtag => "hashtags",
            FacetKind::Org => "organisations",
            FacetKind::Mention => "mentions",
            FacetKind::Kind => "kinds",
        }
    }
}

/// "@handle" for each author name that has a handle, as a variant of the author entry.
fn author_handles(docs: &[Document]) -> BTreeMap<String, String> {
    let all = docs.iter().flat_map(|d| {
        d.author
            .iter()
            .chain(d.threads.iter().flat_map(|t| t.author.iter()))
    });
    all.filter_map(|a: &Author| a.handle.as_ref().map(|h| (a.name.clone(), format!("@{h}"))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Glossary, Source};

    fn corpus(texts: &[&str]) -> Corpus {
        let sources = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Source {
                id: format!("d{i}"),
                path: format!("d{i}.txt"),
                text: t.to_string(),
                warnings: vec![],
            })
            .collect();
        Corpus::from_sources(sources, &Glossary::default())
    }

    #[test]
    fn hashtags_fold_case_and_keep_variants() {
        let c = corpus(&[
            "first #CareReview\n\nsecond #carereview",
            "third #carereview",
        ]);
        let facets = Facets::build(&c);
        assert_eq!(facets.hashtags.len(), 1);
        let entry = &facets.hashtags[0];
        assert_eq!(entry.name, "carereview");
        assert_eq!(entry.variants, ["CareReview", "carereview"]);
        assert_eq!(entry.documents, ["d0", "d1"]);
    }

    #[test]
    fn counts_are_posts_not_occurrences() {
        let c = corpus(&["#a #a @x @X"]);
        let facets = Facets::build(&c);
        assert_eq!(facets.hashtags[0].posts, 1);
        assert_eq!(facets.mentions[0].posts, 1);
        assert_eq!(facets.mentions[0].variants, ["X", "x"]);
    }

    #[test]
    fn entries_are_ordered_by_posts() {
        let c = corpus(&["#rare\n\n#common", "#common"]);
        let names: Vec<_> = Facets::build(&c)
            .hashtags
            .iter()
            .map(|e| e.name.clone())
            .collect();
        assert_eq!(names, ["common", "rare"]);
    }

    #[test]
    fn authors_count_their_threads_posts() {
        let c = corpus(&["Ann Example Profile picture\n2 tweets\nOne. 1/\nTwo. 2/2\n"]);
        let facets = Facets::build(&c);
        assert_eq!(facets.authors[0].name, "Ann Example");
        assert_eq!(facets.authors[0].posts, 2);
    }
}
