//! The corpus: documents read into threads of numbered posts with their entities.
//!
//! Readers are pure functions from text to a [`Reading`]; loading ([`load`]) finds the text,
//! and [`resolve`] does what needs the whole corpus (organisation names, repeated threads).
//! Nothing here knows about terminals.

mod article;
mod chrome;
mod detect;
pub mod entities;
mod formats;
pub mod glossary;
mod listing;
pub mod load;
mod numbering;
pub mod orgs;
mod resolve;
pub mod sanitise;
mod segment;
mod unroll;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::Arc;

pub use glossary::Glossary;
pub use load::{LoadError, LoadOptions, Problem};
pub use resolve::Resolution;

/// What kind of page a document is, decided from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

    fn extract_entities(&mut self) {
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

/// A run of posts by one author, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    fn escape_single_line_fields(&mut self) {
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
        let optional = [&mut self.title, &mut self.date, &mut self.read_from];
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

/// What a reader makes of one text: a document without its id and path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub kind: Kind,
    pub title: Option<String>,
    pub author: Option<Author>,
    pub date: Option<String>,
    pub threads: Vec<Thread>,
    pub warnings: Vec<String>,
}

impl Reading {
    fn new(kind: Kind) -> Self {
        Reading {
            kind,
            title: None,
            author: None,
            date: None,
            threads: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// Reads one sanitised text: detects its kind, runs that kind's reader, numbers the threads
/// and posts and extracts hashtags, mentions and links. Organisations need the whole corpus
/// and are filled in by [`Corpus::resolve`].
pub fn read(text: &str) -> Reading {
    let mut reading = match detect::kind(text) {
        Kind::Unroll => unroll::read(text),
        Kind::Listing => listing::read(text),
        kind => article::read(text, kind),
    };
    finish(&mut reading);
    reading
}

/// Numbers threads and their posts from 1, in order.
fn number(threads: &mut [Thread]) {
    for (t, thread) in threads.iter_mut().enumerate() {
        thread.index = t + 1;
        for (p, post) in thread.posts.iter_mut().enumerate() {
            post.index = p as u32 + 1;
        }
    }
}

fn finish(reading: &mut Reading) {
    reading.threads.retain(|t| !t.posts.is_empty());
    number(&mut reading.threads);
    for thread in &mut reading.threads {
        let declared = thread.declared_count;
        for post in &mut thread.posts {
            if post.number.is_some() && post.total.is_none() {
                post.total = declared;
            }
            post.extract_entities();
        }
        if let Some(problem) = numbering_problem(thread, reading.kind) {
            reading
                .warnings
                .push(format!("thread {}: {problem}", thread.index));
        }
    }
    if reading.threads.is_empty() {
        reading.warnings.push("no text found".to_string());
    }
}

/// Says what is wrong with a whole thread's numbering: gaps, repeats, fewer posts than
/// declared ("declared 20, found 19: 7/ missing"). Listing excerpts show only a thread's
/// opening, so a shortfall there is expected.
pub fn numbering_problem(thread: &Thread, kind: Kind) -> Option<String> {
    let numbers: Vec<u32> = thread.posts.iter().filter_map(|p| p.number).collect();
    let mut missing: Vec<String> = Vec::new();
    let mut repeated: Vec<String> = Vec::new();
    for pair in numbers.windows(2) {
        // A long run of missing numbers is written as a range, not one by one.
        match pair[1].saturating_sub(pair[0]) {
            0 | 1 => {}
            2..=4 => missing.extend((pair[0] + 1..pair[1]).map(|n| format!("{n}/"))),
            _ => missing.push(format!("{}/–{}/", pair[0] + 1, pair[1] - 1)),
        }
        if pair[1] <= pair[0] {
            repeated.push(format!("{}/", pair[1]));
        }
    }
    let short = kind == Kind::Unroll
        && thread
            .declared_count
            .is_some_and(|d| (thread.posts.len() as u32) < d);
    if missing.is_empty() && repeated.is_empty() && !short {
        return None;
    }
    let mut faults = Vec::new();
    if !missing.is_empty() {
        faults.push(format!("{} missing", missing.join(", ")));
    }
    if !repeated.is_empty() {
        faults.push(format!("{} out of order or repeated", repeated.join(", ")));
    }
    let mut message = faults.join("; ");
    if let Some(declared) = thread.declared_count.filter(|_| short) {
        let found = format!("declared {declared}, found {}", thread.posts.len());
        message = match message.is_empty() {
            true => found,
            false => format!("{found}: {message}"),
        };
    }
    Some(message)
}

/// The loaded documents, with what could not be loaded.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    /// Files that were skipped or read with trouble, one line each.
    pub problems: Vec<Problem>,
    /// For each canonical organisation name, every way the corpus wrote it.
    pub org_variants: resolve::Variants,
}

/// A document's text before reading: its id, where it came from, and the text as decoded
/// (not yet sanitised: that is the reader's first step).
#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub path: String,
    pub text: String,
    /// Problems met while decoding, reported as the document's warnings.
    pub warnings: Vec<String>,
}

/// Reads each source into its documents, on every core, keeping their order: page text
/// is one document; a structured file (tread's own JSON) may hold many, and says what of it
/// could not be read. Organisations and repeated threads wait for [`Corpus::resolve`].
pub fn parse(sources: Vec<Source>) -> (Vec<Document>, Vec<Problem>) {
    flatten_parsed(sources.into_par_iter().map(parse_source).collect())
}

/// Each source's documents and problems, in order, as one list of each.
pub(crate) fn flatten_parsed(
    parsed: Vec<(Vec<Document>, Vec<Problem>)>,
) -> (Vec<Document>, Vec<Problem>) {
    // A single file's documents (an export) are kept where they are, not copied.
    if let [_] = parsed[..] {
        return parsed.into_iter().next().expect("one part");
    }
    // Room for them all at once: a file of many documents is not copied as the room grows.
    let mut documents = Vec::with_capacity(parsed.iter().map(|(d, _)| d.len()).sum());
    let mut problems = Vec::new();
    for (docs, found) in parsed {
        documents.extend(docs);
        problems.extend(found);
    }
    (documents, problems)
}

pub(crate) fn parse_source(source: Source) -> (Vec<Document>, Vec<Problem>) {
    let (mut documents, problems) = match formats::read(&source) {
        Some(parsed) => {
            let mut problems = Vec::new();
            return (structured(parsed, &source.path, &mut problems), problems);
        }
        None => {
            // Page text is made safe here; a structure makes its own strings safe once it has
            // read them (sanitising JSON first would break a string holding U+2028).
            let text = sanitise::sanitise_owned(source.text);
            let reading = read(&text);
            let id = source.id;
            let document = Document::from_reading(id, source.path, reading, source.warnings);
            (vec![document], Vec::new())
        }
    };
    for document in &mut documents {
        document.escape_single_line_fields();
        document.fit();
    }
    (documents, problems)
}

/// The documents of a structured file at `path` (shown), made fit to show; its problems
/// go to `problems`, naming the file.
pub(crate) fn structured(
    parsed: formats::Parsed,
    path: &str,
    problems: &mut Vec<Problem>,
) -> Vec<Document> {
    problems.extend(parsed.problems.into_iter().map(|message| Problem {
        path: path.to_string(),
        message,
    }));
    let mut documents = parsed.documents;
    for document in &mut documents {
        document.escape_single_line_fields();
        document.fit();
    }
    // Read as a stream, a file's documents were gathered without knowing how many.
    documents.shrink_to_fit();
    documents
}

impl Corpus {
    /// Reads every source and resolves what needs the whole corpus: organisations (with the
    /// glossary) and listing excerpts that open a thread held in another document.
    pub fn from_sources(sources: Vec<Source>, glossary: &Glossary) -> Corpus {
        let (documents, problems) = parse(sources);
        let mut corpus = Corpus::resolve(documents, glossary);
        corpus.problems = problems;
        corpus
    }

    /// The corpus of parsed documents, with what needs all of them resolved.
    pub fn resolve(mut documents: Vec<Document>, glossary: &Glossary) -> Corpus {
        let org_variants = Resolution::compute(&documents, glossary).apply(&mut documents);
        Corpus {
            documents,
            problems: Vec::new(),
            org_variants,
        }
    }

    /// The corpus of parsed documents as they are, unresolved: for outputs that show
    /// neither organisations nor repeated threads.
    pub fn unresolved(documents: Vec<Document>, problems: Vec<Problem>) -> Corpus {
        Corpus {
            documents,
            problems,
            org_variants: resolve::Variants::new(),
        }
    }

    /// "loaded 1990 of 2000 files; 10 skipped, 25 problems" when something went wrong (a
    /// path with a problem that is not a document was skipped); `None` when all went well.
    pub fn summary(&self) -> Option<String> {
        if self.problems.is_empty() {
            return None;
        }
        let loaded: BTreeSet<&str> = self.documents.iter().map(Document::file).collect();
        let skipped: BTreeSet<&str> = (self.problems.iter())
            .map(|p| p.path.as_str())
            .filter(|path| !loaded.contains(path))
            .collect();
        let problems = match self.problems.len() {
            1 => "1 problem".to_string(),
            n => format!("{n} problems"),
        };
        Some(format!(
            "loaded {} of {} files; {} skipped, {problems}",
            loaded.len(),
            loaded.len() + skipped.len(),
            skipped.len()
        ))
    }

    /// The document with exactly this id.
    pub fn get(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }
}
