//! What needs the whole corpus: organisations under canonical names (glossary, names the
//! corpus declares, handles and acronyms that abbreviate a name found elsewhere), and listing
//! excerpts that open a thread another document holds in full.

mod abbreviations;
mod docs;
mod matcher;
mod memo;
mod naming;
mod threads;

pub use docs::Docs;
pub(crate) use matcher::is_word_char;
pub use memo::{Memo, Unmade};

use super::glossary::Glossary;
use super::sanitise::single_line_owned;
use super::{Author, DocIndex, Document, Ordinal, Places};
use naming::organisations;
use std::collections::{BTreeMap, BTreeSet};
use threads::repeated_threads;

/// What resolving a corpus decided, to be applied to its documents: worked out from shared,
/// unchanged documents (the screen keeps showing them meanwhile), applied in one short step.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct Resolution {
    /// The organisations of each post that names any, under canonical names, by the post's
    /// place in corpus order (most posts name none).
    organisations: Vec<NamedPost>,
    /// Listing excerpts that open a thread another document holds.
    links: Vec<Link>,
    /// Per canonical organisation name, the spellings seen.
    pub org_variants: Variants,
}

/// Per canonical organisation name, the spellings seen.
pub type Variants = BTreeMap<String, BTreeSet<String>>;

/// The organisations of a post that names any.
#[derive(Debug, Clone, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
struct NamedPost {
    /// The post's place in corpus order.
    ordinal: Ordinal,
    organisations: Box<[String]>,
}

/// A listing excerpt (document, thread) and the thread it opens.
#[derive(Debug, Clone, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
struct Link {
    doc: DocIndex,
    thread: usize,
    /// The id of the document holding the thread in full.
    holder: String,
    /// The holder's author, taken by an excerpt that names none.
    author: Option<Author>,
}

impl Resolution {
    /// Resolves `docs` against `glossary`, reading them one at a time ([`Docs`]).
    pub fn compute<D: Docs + ?Sized>(docs: &D, glossary: &Glossary) -> Resolution {
        Resolution::compute_with(docs, glossary, None).0
    }

    /// [`Resolution::compute`], reusing what `memo` (an earlier resolution's, or a new one)
    /// found in the documents it shares with `docs`; returns too what this resolution's memo
    /// is made of, to make it when it is wanted. The same resolution either way, sooner
    /// when few documents changed.
    pub fn compute_remembering<'m, D: Docs + ?Sized>(
        docs: &D,
        glossary: &Glossary,
        memo: &'m Memo,
    ) -> (Resolution, Unmade<'m>) {
        let (resolution, unmade) = Resolution::compute_with(docs, glossary, Some(memo));
        (
            resolution,
            unmade.expect("a memo is made when one is given"),
        )
    }

    fn compute_with<'m, D: Docs + ?Sized>(
        docs: &D,
        glossary: &Glossary,
        memo: Option<&'m Memo>,
    ) -> (Resolution, Option<Unmade<'m>>) {
        // Repeated threads are found mostly on one core: the other gets on with naming.
        let (links, (organisations, org_variants, memo)) = rayon::join(
            || repeated_threads(docs),
            || organisations(docs, glossary, memo),
        );
        let mut resolution = Resolution {
            organisations,
            links,
            org_variants,
        };
        resolution.escape();
        (resolution, memo)
    }

    /// Writes every name found in text on one line: an invisible character the text wrapped
    /// around one is escaped, as in every such field. Done once, here, so that whatever is
    /// built from the resolution before it is applied (the UI's facets) shows the names
    /// the posts will hold.
    fn escape(&mut self) {
        for post in &mut self.organisations {
            post.organisations.iter_mut().for_each(escape);
        }
        let variants = std::mem::take(&mut self.org_variants).into_iter();
        let escaped_set = |set: BTreeSet<String>| set.into_iter().map(single_line_owned).collect();
        self.org_variants = variants
            .map(|(name, set)| (single_line_owned(name), escaped_set(set)))
            .collect();
    }

    /// Whether the resolution can be applied to the documents whose posts are at `places`:
    /// every post and thread it names is there, the posts in order. One read back from the
    /// cache is checked so before it is trusted.
    pub fn fits(&self, places: &Places) -> bool {
        let posts = places.len();
        let mut ordinals = self.organisations.iter().map(|p| p.ordinal.index());
        let in_order = ordinals
            .clone()
            .zip(ordinals.clone().skip(1))
            .all(|(a, b)| a < b);
        let threads = |l: &Link| places.threads_of(l.doc);
        in_order
            && ordinals.next_back().is_none_or(|last| last < posts)
            && self.links.iter().all(|l| l.thread < threads(l))
    }

    /// The ids of the documents that hold, whole, a thread a listing's excerpt opens.
    pub fn holders(&self) -> impl Iterator<Item = &str> {
        self.links.iter().map(|link| link.holder.as_str())
    }

    /// The posts that name organisations, by ordinal (their place in corpus order), in that
    /// order, with their organisations.
    pub fn named_posts(&self) -> impl Iterator<Item = (Ordinal, &[String])> {
        (self.organisations.iter()).map(|p| (p.ordinal, &p.organisations[..]))
    }

    /// The author the `thread`th thread of document `doc` has once resolved: its `own`, else
    /// that of the thread it repeats.
    pub fn thread_author<'a>(
        &'a self,
        doc: DocIndex,
        thread: usize,
        own: Option<&'a Author>,
    ) -> Option<&'a Author> {
        // Links are found in corpus order, so they are sorted by place.
        own.or_else(|| {
            let at = (self.links).binary_search_by_key(&(doc, thread), |l| (l.doc, l.thread));
            self.links[at.ok()?].author.as_ref()
        })
    }

    /// Writes the resolution into the documents it was made from; returns the spellings
    /// of each organisation.
    pub fn apply(self, docs: &mut [Document]) -> Variants {
        let (mut applying, variants) = self.into_applying();
        for (d, doc) in docs.iter_mut().enumerate() {
            applying.apply(DocIndex::new(d), doc);
        }
        variants
    }

    /// Writes into `doc`, the document at `at` whose posts start at `first_post` in corpus
    /// order, what the resolution says of it: what [`Applying::apply`] writes in order, for
    /// a document read on its own (one unpacked to be shown).
    pub fn apply_to(&self, at: DocIndex, first_post: usize, doc: &mut Document) {
        let from = (self.organisations).partition_point(|p| p.ordinal.index() < first_post);
        let mut named = self.organisations[from..].iter().peekable();
        let posts = doc.threads.iter_mut().flat_map(|t| t.posts.iter_mut());
        for (ordinal, post) in (first_post..).zip(posts) {
            post.organisations = (named.next_if(|p| p.ordinal.index() == ordinal))
                .map(|p| p.organisations.clone())
                .unwrap_or_default();
        }
        let from = self.links.partition_point(|l| l.doc < at);
        for link in self.links[from..].iter().take_while(|l| l.doc == at) {
            if let Some(thread) = doc.threads.get_mut(link.thread) {
                thread.same_thread_as = Some(link.holder.clone());
                if thread.author.is_none() {
                    thread.author = link.author.clone();
                }
            }
        }
    }

    /// The resolution as it is written into its documents one at a time, in corpus order
    /// (by whoever unpacks them one at a time); and the spellings of each organisation.
    pub fn into_applying(self) -> (Applying, Variants) {
        let applying = Applying {
            named: self.organisations.into_iter().peekable(),
            links: self.links.into_iter().peekable(),
            next: 0,
        };
        (applying, self.org_variants)
    }
}

/// A resolution being written into its documents, each after the one before.
#[derive(Debug)]
pub struct Applying {
    named: std::iter::Peekable<std::vec::IntoIter<NamedPost>>,
    links: std::iter::Peekable<std::vec::IntoIter<Link>>,
    /// The ordinal of the next document's first post.
    next: usize,
}

impl Applying {
    /// Writes the resolution into `doc`, the document at `at`: the one after the document
    /// it was last given (or the first).
    pub fn apply(&mut self, at: DocIndex, doc: &mut Document) {
        for post in doc.threads.iter_mut().flat_map(|t| t.posts.iter_mut()) {
            let ordinal = self.next;
            post.organisations = (self.named)
                .next_if(|p| p.ordinal.index() == ordinal)
                .map(|p| p.organisations)
                .unwrap_or_default();
            self.next += 1;
        }
        // Links are found in corpus order, so they come sorted by place.
        while let Some(link) = self.links.next_if(|l| l.doc <= at) {
            let thread = doc.threads.get_mut(link.thread).filter(|_| link.doc == at);
            if let Some(thread) = thread {
                thread.same_thread_as = Some(link.holder);
                if thread.author.is_none() {
                    thread.author = link.author;
                }
            }
        }
    }
}

/// A name made a field shown on one line, in place.
fn escape(name: &mut String) {
    *name = single_line_owned(std::mem::take(name));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_resolution_fits_only_the_documents_it_was_made_from() {
        let documents = crate::corpus::load::bundled().documents.to_vec();
        let docs = &documents[..];
        let resolution = Resolution::compute(docs, &crate::corpus::load::bundled_glossary());
        assert!(!resolution.links.is_empty() && !resolution.organisations.is_empty());
        assert!(resolution.fits(&Places::of(docs)));
        assert!(
            !resolution.fits(&Places::of(&docs[..1])),
            "its links name documents not there"
        );
        let mut shuffled = resolution.clone();
        shuffled.organisations.reverse();
        assert!(!shuffled.fits(&Places::of(docs)), "its posts out of order");
    }

    #[test]
    fn a_document_resolved_on_its_own_is_the_document_resolved_in_order() {
        let mut corpus = crate::corpus::load::bundled();
        // Unresolved again, then resolved both ways.
        for doc in corpus.documents.iter_mut() {
            for thread in &mut doc.threads {
                thread.same_thread_as = None;
                (thread.posts.iter_mut()).for_each(|p| p.organisations = Box::default());
            }
        }
        let docs = &corpus.documents;
        let resolution = Resolution::compute(docs, &crate::corpus::load::bundled_glossary());
        let mut in_order = corpus.documents.to_vec();
        resolution.clone().apply(&mut in_order);
        let mut first_post = 0;
        for (d, doc) in corpus.documents.iter().enumerate() {
            let mut alone = doc.clone();
            resolution.apply_to(DocIndex::new(d), first_post, &mut alone);
            assert_eq!(alone, in_order[d], "document {d}");
            first_post += doc.post_count();
        }
        let named = in_order
            .iter()
            .flat_map(|d| d.posts())
            .filter(|p| !p.organisations.is_empty());
        let (named, links) = (named.count(), resolution.links.len());
        assert!(
            named > 3 && links > 0,
            "the test resolves something: {named} {links}"
        );
    }
}
