//! What tread reads documents into: a document of threads of numbered posts, each post with
//! its entities (hashtags, mentions, links, organisations), and what is said about them.

use super::sanitise;
use super::{Reading, entities, numbering};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::Arc;

/// What kind of page a document is, decided from its content.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::VariantArray,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A whole thread unrolled onto one page.
    Unroll,
    /// A page listing the openings of several threads.
    Listing,
    /// A news article.
    Article,
    /// A blog post.
    Blog,
    /// Text with no structure recognised: paragraphs only.
    Plain,
    /// One post from a platform's export, on its own (not part of a thread).
    Post,
    /// One post from an export that answers someone else's post.
    Reply,
    /// Someone else's post, reposted (a retweet, a boost).
    Repost,
}

impl Kind {
    /// The lower-case name used in output and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Unroll => "unroll",
            Kind::Listing => "listing",
            Kind::Article => "article",
            Kind::Blog => "blog",
            Kind::Plain => "plain",
            Kind::Post => "post",
            Kind::Reply => "reply",
            Kind::Repost => "repost",
        }
    }

    /// Whether the document's posts are paragraphs of prose rather than platform posts.
    pub fn is_prose(self) -> bool {
        matches!(self, Kind::Article | Kind::Blog | Kind::Plain)
    }
}

/// Who wrote a document or thread: a display name, and the handle when the page gives one.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub struct Author {
    /// The display name, or "@handle" when the page gives only the handle.
    pub name: String,
    /// The handle without '@'.
    pub handle: Option<String>,
}

impl Author {
    pub fn named(name: impl Into<String>) -> Self {
        Author {
            name: name.into(),
            handle: None,
        }
    }

    pub fn from_handle(handle: &str) -> Self {
        Author {
            name: format!("@{handle}"),
            handle: Some(handle.to_string()),
        }
    }
}

/// One post (or, in prose, one paragraph) and the entities written in it.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub struct Post {
    /// Position in its thread, from 1.
    #[serde(default)]
    pub index: u32,
    /// The numbering as the author wrote it ("2/16", "1."), if any.
    pub label: Option<Box<str>>,
    /// The post's number, from its label.
    pub number: Option<u32>,
    /// How many posts the thread has, from the label ("N/M") or the page's declared count.
    pub total: Option<u32>,
    /// The text as written, trimmed, without site chrome or picture markers. Shared, not
    /// copied, when a post is cloned (the search's table of posts holds it too).
    #[rkyv(with = PlainText)]
    pub text: Arc<str>,
    /// Whether a picture was attached.
    #[serde(default)]
    pub media: bool,
    // Boxed slices, not vectors: they never grow once found, and a corpus holds a
    // million of them, so the 8 bytes of spare capacity each add up.
    #[serde(default)]
    pub hashtags: Box<[Box<str>]>,
    #[serde(default)]
    pub mentions: Box<[Box<str>]>,
    #[serde(default)]
    pub urls: Box<[Box<str>]>,
    /// Canonical names of the organisations the post names.
    #[serde(default)]
    pub organisations: Box<[String]>,
}

impl Post {
    /// A post with its text and numbering; entities are filled in by [`Post::extract_entities`].
    pub fn new(text: String, marker: Option<numbering::Marker>, media: bool) -> Self {
        let (label, number, total) = match marker {
            Some(m) => (Some(m.label.into()), Some(m.number), m.total),
            None => (None, None, None),
        };
        Post {
            index: 0,
            label,
            number,
            total,
            text: text.into(),
            media,
            hashtags: Box::default(),
            mentions: Box::default(),
            urls: Box::default(),
            organisations: Box::default(),
        }
    }

    pub(super) fn extract_entities(&mut self) {
        self.hashtags = boxed(entities::hashtags(&self.text));
        self.mentions = boxed(entities::mentions(&self.text));
        self.urls = boxed(entities::urls(&self.text));
    }
}

/// A post's list of entities as it keeps it: boxed strings in a boxed slice, no room to
/// grow (a million of them in a large corpus).
pub(crate) fn boxed(list: Vec<String>) -> Box<[Box<str>]> {
    // Into room of the exact size: collected in place, the list's own room (24 bytes an item,
    // not 16) would be shrunk by a reallocation for every post.
    let mut exact = Vec::with_capacity(list.len());
    exact.extend(list.into_iter().map(String::into_boxed_str));
    exact.into_boxed_slice()
}

/// How the cache keeps a post's text: as a plain string, read back into its `Arc` in one
/// allocation and one copy. rkyv's own way with shared pointers looks each one up in a
/// table, in case another shares it (none does), and copies the text twice; that was a
/// sixth of reading an unchanged corpus from the cache.
pub struct PlainText;

impl rkyv::with::ArchiveWith<Arc<str>> for PlainText {
    type Archived = rkyv::string::ArchivedString;
    type Resolver = rkyv::string::StringResolver;

    fn resolve_with(text: &Arc<str>, resolver: Self::Resolver, out: rkyv::Place<Self::Archived>) {
        rkyv::string::ArchivedString::resolve_from_str(text, resolver, out);
    }
}

impl<S> rkyv::with::SerializeWith<Arc<str>, S> for PlainText
where
    S: rkyv::rancor::Fallible + rkyv::ser::Writer + ?Sized,
    S::Error: rkyv::rancor::Source,
{
    fn serialize_with(text: &Arc<str>, serializer: &mut S) -> Result<Self::Resolver, S::Error> {
        rkyv::string::ArchivedString::serialize_from_str(text, serializer)
    }
}

impl<D: rkyv::rancor::Fallible + ?Sized>
    rkyv::with::DeserializeWith<rkyv::string::ArchivedString, Arc<str>, D> for PlainText
{
    fn deserialize_with(
        text: &rkyv::string::ArchivedString,
        _: &mut D,
    ) -> Result<Arc<str>, D::Error> {
        Ok(Arc::from(text.as_str()))
    }
}

/// A run of posts by one author, in order.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub struct Thread {
    /// Position in its document, from 1.
    #[serde(default)]
    pub index: usize,
    pub author: Option<Author>,
    /// The number of posts the page says the thread has ("20 tweets", "Read 4 tweets").
    pub declared_count: Option<u32>,
    /// The id of another document that holds this same thread (a listing's excerpt of it).
    pub same_thread_as: Option<String>,
    /// What the thread is, when it is not the document's own run of posts ("Replies").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default)]
    pub posts: Vec<Post>,
}

impl Thread {
    pub fn new(posts: Vec<Post>, declared_count: Option<u32>) -> Self {
        Thread {
            index: 0,
            author: None,
            declared_count,
            same_thread_as: None,
            title: None,
            posts,
        }
    }
}

/// One document of the corpus.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub struct Document {
    /// The file stem, unique within the corpus.
    pub id: String,
    /// Where the document was read from.
    #[serde(default)]
    pub path: String,
    pub kind: Kind,
    /// The title as the page gives it.
    pub title: Option<String>,
    pub author: Option<Author>,
    /// The date as written on the page.
    pub date: Option<String>,
    /// The page's address, where the capture gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub threads: Vec<Thread>,
    /// What was odd about the document (it still loaded).
    #[serde(default)]
    pub warnings: Vec<String>,
    /// Whether organisations and repeated threads came with the document (read back from
    /// tread's own JSON), so that resolving the corpus leaves them as they are.
    #[serde(skip)]
    pub resolved: bool,
    /// The file a document read back from tread's own JSON came from (its `path` is where
    /// it was first read from).
    #[serde(skip)]
    pub read_from: Option<String>,
}

impl Document {
    /// The document a reader made of the text of `path`, after the `warnings` met before
    /// reading it.
    pub fn from_reading(
        id: String,
        path: String,
        reading: Reading,
        mut warnings: Vec<String>,
    ) -> Self {
        warnings.extend(reading.warnings);
        Document {
            id,
            path,
            kind: reading.kind,
            title: reading.title,
            author: reading.author,
            date: reading.date,
            source: reading.source,
            threads: reading.threads,
            warnings,
            resolved: false,
            read_from: None,
        }
    }

    /// Writes line breaks and invisible characters in every field shown on one line as
    /// escapes ([`sanitise::single_line`]): an id, a name or a warning read from a file
    /// can neither forge a line of output nor hide what it says. Post text keeps its lines.
    /// A field longer than [`MAX_FIELD_CHARS`] (a title that is a page's whole first line)
    /// is cut there, ending in "…".
    pub(super) fn escape_single_line_fields(&mut self) {
        self.change_single_line_fields(&mut |field| {
            let long =
                field.len() > MAX_FIELD_CHARS && field.chars().nth(MAX_FIELD_CHARS).is_some();
            let field = match long {
                true => Cow::Owned(
                    field
                        .chars()
                        .take(MAX_FIELD_CHARS - 1)
                        .chain(['…'])
                        .collect(),
                ),
                false => Cow::Borrowed(field),
            };
            match (sanitise::single_line(&field), &field) {
                (Cow::Owned(escaped), _) => Some(escaped),
                (Cow::Borrowed(_), Cow::Owned(cut)) => Some(cut.clone()),
                (Cow::Borrowed(_), Cow::Borrowed(_)) => None,
            }
        });
    }

    /// Sanitises every string of a document read back from JSON, whose escapes (`\u001b`)
    /// decode to controls: its fields and its posts' text.
    pub(crate) fn sanitise_strings(&mut self) {
        let mut clean = |text: &str| match sanitise::is_clean(text) {
            true => None,
            false => Some(sanitise::sanitise(text)),
        };
        self.change_single_line_fields(&mut clean);
        for post in self.threads.iter_mut().flat_map(|t| &mut t.posts) {
            if let Some(text) = clean(&post.text) {
                post.text = text.into();
            }
        }
    }

    /// Replaces every field shown on one line (all but post text) by what `change` makes
    /// of it, where it makes something else.
    fn change_single_line_fields(&mut self, change: &mut dyn FnMut(&str) -> Option<String>) {
        fn set(value: &mut String, change: &mut dyn FnMut(&str) -> Option<String>) {
            if let Some(changed) = change(value) {
                *value = changed;
            }
        }
        fn set_boxed(value: &mut Box<str>, change: &mut dyn FnMut(&str) -> Option<String>) {
            if let Some(changed) = change(value) {
                *value = changed.into();
            }
        }
        let strings = [&mut self.id, &mut self.path].into_iter();
        let optional = [
            &mut self.title,
            &mut self.date,
            &mut self.source,
            &mut self.read_from,
        ];
        let strings = strings.chain(optional.into_iter().flatten());
        strings
            .chain(&mut self.warnings)
            .for_each(|v| set(v, change));
        let threads = self.threads.iter_mut();
        let authors = self
            .author
            .iter_mut()
            .chain(threads.flat_map(|t| &mut t.author));
        for author in authors {
            set(&mut author.name, change);
            author.handle.iter_mut().for_each(|v| set(v, change));
        }
        for thread in &mut self.threads {
            let optional = [&mut thread.same_thread_as, &mut thread.title];
            optional.into_iter().flatten().for_each(|v| set(v, change));
            for post in &mut thread.posts {
                post.organisations.iter_mut().for_each(|v| set(v, change));
                let lists = [&mut post.hashtags, &mut post.mentions, &mut post.urls];
                let boxed = lists.into_iter().flat_map(|l| l.iter_mut());
                post.label
                    .iter_mut()
                    .chain(boxed)
                    .for_each(|v| set_boxed(v, change));
            }
        }
    }

    /// Gives back the room its threads and posts were collected in beyond their size: it is
    /// a fifth of a large corpus's posts, and most of a small document read from JSON (a
    /// vector of one starts with room for four). They never grow again once read.
    pub(crate) fn fit(&mut self) {
        self.threads.shrink_to_fit();
        for thread in &mut self.threads {
            thread.posts.shrink_to_fit();
        }
    }

    /// The file the document was read from this time.
    pub fn file(&self) -> &str {
        self.read_from.as_deref().unwrap_or(&self.path)
    }

    /// All posts of all threads, in order.
    pub fn posts(&self) -> impl Iterator<Item = &Post> {
        self.threads.iter().flat_map(|t| t.posts.iter())
    }

    pub fn post_count(&self) -> usize {
        self.threads.iter().map(|t| t.posts.len()).sum()
    }

    /// The sum of the threads' declared counts, when any thread declares one.
    pub fn declared_posts(&self) -> Option<u32> {
        let declared: Vec<u32> = self
            .threads
            .iter()
            .filter_map(|t| t.declared_count)
            .collect();
        (!declared.is_empty()).then(|| declared.iter().sum())
    }

    /// The title, or for a thread without one, the opening words of its first post: its
    /// first line, cut at [`OPENING_CHARS`] characters (a post may be one line of megabytes).
    pub fn display_title(&self) -> String {
        if let Some(title) = &self.title {
            return title.clone();
        }
        let first = self.posts().next().map(|p| &*p.text).unwrap_or("");
        let line = first.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let mut opening: String = line.trim().chars().take(OPENING_CHARS + 1).collect();
        if opening.chars().count() > OPENING_CHARS {
            opening = opening.chars().take(OPENING_CHARS - 1).collect::<String>() + "…";
        }
        // A line of the text, now a field shown on one line.
        sanitise::single_line(&opening).into_owned()
    }
}

/// The most characters a field shown on one line keeps (as many as the longest path most
/// systems take); a longer one is cut, not drawn on every frame.
pub const MAX_FIELD_CHARS: usize = 4096;

/// The most characters of a post's opening a document without a title shows for one.
pub const OPENING_CHARS: usize = 300;
