//! The corpus: documents read into threads of numbered posts with their entities.
//!
//! Readers are pure functions from text to a [`Reading`]; loading ([`load`]) finds the text,
//! and [`resolve`] does what needs the whole corpus (organisation names, repeated threads).
//! Nothing here knows about terminals.

mod article;
pub(crate) mod automaton;
mod byline;
mod chrome;
mod clip;
mod copied;
mod detect;
mod digest;
pub mod entities;
mod formats;
pub mod glossary;
pub mod groups;
mod held;
mod highlights;
mod listing;
pub mod load;
mod markdown;
mod model;
mod numbering;
pub mod orgs;
pub(crate) mod packed;
mod places;
mod resolve;
mod roundup;
pub mod sanitise;
mod segment;
mod status;
mod store;
mod unroll;

use article::Written;
use formats::html::PageMeta;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};

pub use glossary::Glossary;
pub use groups::Groups;
pub use held::Held;
#[cfg(test)]
pub(crate) use held::testing as held_testing;
pub use load::{LoadError, LoadOptions, Problem};
pub(crate) use model::boxed;
pub use model::{
    ArchivedDocument, ArchivedThread, Author, Document, Kind, MAX_FIELD_CHARS, OPENING_CHARS, Post,
    Thread,
};
pub use packed::{Damaged, Documents, Packed, Seen};
pub use places::{DocIndex, Ordinal, Ordinals, Places, PostRef};
pub use resolve::{Applying, Docs, Memo, Resolution, Variants};
pub use store::Store;

/// What a reader makes of one text: a document without its id and path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub kind: Kind,
    pub title: Option<String>,
    pub author: Option<Author>,
    pub date: Option<String>,
    /// The page's address, where the capture gives it (a clipper's `source:`).
    pub source: Option<String>,
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
            source: None,
            threads: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// Reads one sanitised text: detects its kind, runs that kind's reader, numbers the threads
/// and posts and extracts hashtags, mentions and links. Organisations need the whole corpus
/// and are filled in by [`Corpus::resolve`].
pub fn read(text: &str) -> Reading {
    read_embedding(text, Vec::new(), &PageMeta::default())
}

/// Reads a page's text as [`read`] does, with the posts its markup embedded (a saved HTML
/// page's `twitter-tweet` blockquotes, taken out of its text) as threads of their own
/// after the text's, and what its head says of it (`meta`) where the text does not say it.
pub(crate) fn read_embedding(text: &str, embeds: Vec<markdown::Embed>, meta: &PageMeta) -> Reading {
    let mut reading = markdown_page(text).unwrap_or_else(|| read_page_text(text, Written::Text));
    with_page_meta(&mut reading, meta);
    reading
        .threads
        .extend(embeds.into_iter().map(embedded_thread));
    finish(&mut reading);
    reading
}

/// What a saved page's head says of it, where its text does not: its title, writer and
/// date, for prose (a site of threads shows others' posts under its own name); and prose
/// read as plain text may be an article by its head ([`article_by_head`]).
fn with_page_meta(reading: &mut Reading, meta: &PageMeta) {
    if !matches!(reading.kind, Kind::Article | Kind::Blog | Kind::Plain) {
        return;
    }
    article_by_head(reading, meta);
    reading.title = reading.title.take().or_else(|| meta.title.clone());
    reading.date = reading.date.take().or_else(|| meta.published.clone());
    if reading.author.is_none() {
        reading.author = meta.author.as_deref().map(Author::named);
        if let Some(thread) = reading.threads.first_mut().filter(|t| t.author.is_none()) {
            thread.author = reading.author.clone();
        }
    }
}

/// Plain prose whose page's head names its title and calls it an article (or names its
/// writer) is an article. Its head is repeated at the top of its text: the paragraphs down
/// to the last of the first few that names the title, the site or the writer. Those that
/// only repeat the head are left out (a date among them is the article's), said; a
/// standfirst among them stays.
fn article_by_head(reading: &mut Reading, meta: &PageMeta) {
    let article = meta.title.is_some() && (meta.article || meta.author.is_some());
    if reading.kind != Kind::Plain || !article {
        return;
    }
    reading.kind = Kind::Article;
    reading.warnings.retain(|w| w != article::NO_STRUCTURE);
    let Some(thread) = reading.threads.first_mut() else {
        return;
    };
    let top = &thread.posts[..thread.posts.len().min(HEAD_PARAGRAPHS)];
    let head = (top.iter().rposition(|p| names_head(&p.text, meta))).map_or(0, |at| at + 1);
    let before = thread.posts.len();
    let mut kept = Vec::with_capacity(before);
    for (at, post) in std::mem::take(&mut thread.posts).into_iter().enumerate() {
        let dated = at < head && article::is_date(&post.text);
        if dated && reading.date.is_none() {
            reading.date = Some(post.text.trim().to_string());
        }
        if at >= head || !(dated || names_head(&post.text, meta)) {
            kept.push(post);
        }
    }
    let left_out = before - kept.len();
    thread.posts = kept;
    if left_out > 0 {
        let paragraphs = crate::present::plural(left_out, "paragraph");
        (reading.warnings).push(format!(
            "{paragraphs} at the top repeating the page's head (its title, site, writer or date) left out"
        ));
    }
}

/// The paragraphs a page's head may be repeated in, at its top.
const HEAD_PARAGRAPHS: usize = 5;

/// Whether a paragraph only names what the page's head does: its title, its site, its
/// writer ("Ann Example", "By Ann Example").
fn names_head(text: &str, meta: &PageMeta) -> bool {
    let text = text.trim();
    let name = formats::html::without_by(text);
    let is =
        |value: &Option<String>| (value.as_deref()).is_some_and(|v| v.eq_ignore_ascii_case(text));
    let writer = (meta.author.as_deref()).is_some_and(|a| a.eq_ignore_ascii_case(&name));
    is(&meta.title) || is(&meta.site) || writer
}

/// The largest page read as Markdown.
const MAX_MARKDOWN_BYTES: usize = 4 << 20;

/// Reads page text by the reader of its kind: a status page copied as text by its posts'
/// headers, anything else as what its content says it is.
fn read_page_text(text: &str, written: Written) -> Reading {
    if let Some(reading) = copied::read(text) {
        return reading;
    }
    if let Some(reading) = roundup::read(text) {
        return reading;
    }
    match detect::kind(text) {
        Kind::Unroll => unroll::read(text),
        Kind::Listing => listing::read(text),
        kind => article::read(text, kind, written),
    }
}

/// Reads a page written in Markdown, if `text` is one: a clipped status page by its
/// per-post headers, anything else as the plain text of its Markdown; the front matter
/// gives what the page itself does not say.
fn markdown_page(text: &str) -> Option<Reading> {
    // Front matter, read once: it makes the page Markdown, and says what it says.
    let front = markdown::front_matter(text);
    // Posts' headers as a clipper links them are Markdown enough, with no other markup.
    if front.is_none() && !markdown::has_markup(text) && !clip::has_headers(text) {
        return None;
    }
    // The Markdown parser holds a whole page's events at once, several times its size: a
    // page past this is read as the text it is.
    if text.len() > MAX_MARKDOWN_BYTES {
        let mut reading = read_page_text(text, Written::Text);
        let limit = MAX_MARKDOWN_BYTES >> 20;
        (reading.warnings).push(format!("Markdown over {limit} MB: read as plain text"));
        return Some(reading);
    }
    let (matter, body) = front.unwrap_or_else(|| (markdown::FrontMatter::default(), text));
    // A byline line that says nothing else is furniture: it is read, then left out.
    // A page of highlights names its author by its links; its metadata's "Author:" is the
    // export's (and "@ann on Twitter" no name). A round-up's first thread's attribution is
    // that thread's, no byline of the page.
    let highlights = highlights::is_highlights(body);
    let byline = byline::find(body).filter(|_| !highlights && !roundup::is_roundup(body));
    let without_byline;
    let body = match &byline {
        Some(line) if line.furniture => {
            without_byline = (body.lines().enumerate())
                .filter(|&(i, _)| i != line.at)
                .map(|(_, l)| l)
                .collect::<Vec<_>>()
                .join("\n");
            without_byline.as_str()
        }
        _ => body,
    };
    let mut reading = if clip::has_headers(body) {
        clip::read(body, &matter)
    } else if highlights {
        highlights::read(body)
    } else if digest::is_digest(body) {
        digest::read(body)
    } else {
        read_markdown_body(markdown::body_text(body), &matter)
    };
    reading.title = matter.title.clone().or(reading.title);
    reading.date = (reading.date.or(matter.published.clone()))
        .or_else(|| byline.as_ref().and_then(|b| b.date.clone()));
    reading.source = matter.source.clone();
    if reading.author.is_none() {
        // A site's own prose is its owner's; a site of threads (an unroller's, a
        // platform's) shows others'.
        let prose = matches!(reading.kind, Kind::Article | Kind::Blog | Kind::Plain);
        let owner = matter.site_owner().filter(|_| prose);
        // A heading that is an unroller's title ("# Thread by @ann") names the author too.
        let titled = (reading.title.as_deref()).and_then(byline::thread_title);
        reading.author = (byline.map(|byline| byline.author))
            .or_else(|| front_matter_author(&matter))
            .or_else(|| titled.map(|t| Author::from_handle(t.handle)))
            .or_else(|| owner.map(Author::named));
        if reading.author.is_some() {
            reading.warnings.retain(|w| w != unroll::NO_AUTHOR);
        }
        if let Some(thread) = reading.threads.first_mut().filter(|t| t.author.is_none()) {
            thread.author = reading.author.clone();
        }
    }
    Some(reading)
}

/// Reads the text of a Markdown page's body by the reader of its kind: a date line that
/// opens it is the page's date (a reading time after it is left out); its embedded posts
/// are threads of their own.
fn read_markdown_body(body: markdown::Body, matter: &markdown::FrontMatter) -> Reading {
    let (date, text) = match body.text.split_once('\n') {
        Some((first, rest)) if article::is_date(first) => (Some(first.trim()), rest),
        None if article::is_date(&body.text) => (Some(body.text.trim()), ""),
        _ => (None, body.text.as_str()),
    };
    // A reading time beside the date ("3 min read") says nothing of the page itself.
    let text = text.trim_start_matches('\n');
    let text = match text.split_once('\n') {
        Some((first, rest)) if article::is_reading_time(first) => rest,
        None if article::is_reading_time(text) => "",
        _ => text,
    };
    let one_post = (matter.title.as_deref()).filter(|t| status::is_one_post_title(t));
    let mut reading = match one_post.and_then(|title| status::read(text, title)) {
        Some(reading) => reading,
        None => read_page_text(text, Written::Markdown),
    };
    // The address of a post, and no structure of a page: the saved thread of a tool that
    // writes posts one after another (tweet-to-markdown and the like).
    let prose = matches!(reading.kind, Kind::Plain | Kind::Article);
    if prose && matter.status_handle().is_some() {
        reading = unroll::read(text);
    }
    reading.date = reading.date.or(date.map(str::to_string));
    reading.title = body.heading.or(reading.title);
    // A clipped page that names its title is an article, not unknown text.
    if reading.kind == Kind::Plain && (matter.title.is_some() || reading.title.is_some()) {
        reading.kind = Kind::Article;
        reading.warnings.retain(|w| w != article::NO_STRUCTURE);
    }
    reading
        .threads
        .extend(body.embeds.into_iter().map(embedded_thread));
    reading.warnings.extend(body.left_out.warning());
    reading
}

/// A post embedded in a page, as a thread of its own: it comes from elsewhere.
pub(crate) fn embedded_thread(embed: markdown::Embed) -> Thread {
    let mut thread = Thread::new(vec![segment::single_post(&embed.text)], None);
    thread.author = embed.author;
    thread.title = Some("Embedded post".to_string());
    thread
}

/// The author front matter names: by name and handle fields, or the handle of the post
/// its address is.
fn front_matter_author(matter: &markdown::FrontMatter) -> Option<Author> {
    let handle = (matter.handle.as_deref().map(|h| h.trim_start_matches('@')))
        .or_else(|| matter.status_handle())
        .or_else(|| {
            matter
                .title
                .as_deref()
                .and_then(byline::thread_title)
                .map(|t| t.handle)
        })
        .map(str::to_string);
    let titled = matter.title.as_deref().and_then(byline::from_x_title);
    match matter.author.as_deref().or(titled.as_deref()) {
        Some(name) if name.starts_with('@') => Some(Author::from_handle(&name[1..])),
        Some(name) => Some(Author {
            name: name.to_string(),
            handle,
        }),
        None => handle.map(|h| Author::from_handle(&h)),
    }
}

/// Takes out posts without text (a picture alone where a reader cut a post), their picture
/// going to the post after them, or the one before them at the end. A thread of pictures
/// alone (a quoted post that is a picture) keeps one post of no words, marked as a picture:
/// nothing is lost without a word.
fn drop_empty_posts(thread: &mut Thread) {
    let wordless = |post: &Post| post.text.trim().is_empty();
    if thread.posts.iter().all(wordless) {
        let picture = thread.posts.iter().position(|p| p.media);
        thread.posts = (picture.map(|i| thread.posts.swap_remove(i)).into_iter())
            .map(|mut post| {
                post.text = "".into();
                post
            })
            .collect();
        return;
    }
    let mut picture = false;
    thread.posts.retain_mut(|post| {
        if wordless(post) {
            picture |= post.media;
            return false;
        }
        post.media |= std::mem::take(&mut picture);
        true
    });
    if let Some(last) = thread.posts.last_mut() {
        last.media |= picture;
    }
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
    article::take_bio(reading);
    reading.threads.iter_mut().for_each(drop_empty_posts);
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
    }
    for thread in &reading.threads {
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

/// Says what is wrong with a whole thread's numbering: gaps, repeats, fewer or more posts
/// than declared ("declared 20, found 19: 7/ missing"). Listing excerpts (and an unroll page's
/// "More from" excerpts) show only a thread's opening, so a shortfall there is expected.
pub fn numbering_problem(thread: &Thread, kind: Kind) -> Option<String> {
    let numbers: Vec<u32> = thread.posts.iter().filter_map(|p| p.number).collect();
    // Entries numbered by years may skip years and repeat one: nothing is missing.
    if numbers.first().is_some_and(|&n| n >= numbering::FIRST_YEAR) {
        return None;
    }
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
    // A thread that is not the document's own (titled "More from …") is an excerpt too.
    // More posts than declared say the page was cut where it should not have been, or that
    // something not the author's was read as a post.
    let short = kind == Kind::Unroll
        && thread.title.is_none()
        && thread
            .declared_count
            .is_some_and(|d| (thread.posts.len() as u32) != d);
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
    pub documents: Store,
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
    let (documents, problems) = flatten_parsed(sources.into_par_iter().map(parse_source).collect());
    let documents = documents.unpacked();
    (
        documents.expect("documents packed in this process read back"),
        problems,
    )
}

/// Each source's documents and problems, in order, as one list of each.
pub(crate) fn flatten_parsed(parsed: Vec<(Documents, Vec<Problem>)>) -> (Documents, Vec<Problem>) {
    let mut documents = Documents::default();
    let mut problems = Vec::new();
    for (docs, found) in parsed {
        documents.append(docs);
        problems.extend(found);
    }
    (documents, problems)
}

pub(crate) fn parse_source(source: Source) -> (Documents, Vec<Problem>) {
    let mut document = match formats::read(&source) {
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
            Document::from_reading(id, source.path, reading, source.warnings)
        }
    };
    document.escape_single_line_fields();
    document.fit();
    (Documents::made(vec![document]), Vec::new())
}

/// The documents of a structured file at `path` (shown), made fit to show; its problems
/// go to `problems`, naming the file.
pub(crate) fn structured(
    parsed: formats::Parsed,
    path: &str,
    problems: &mut Vec<Problem>,
) -> Documents {
    problems.extend(
        parsed
            .problems
            .into_lines()
            .into_iter()
            .map(|message| Problem {
                path: path.to_string(),
                message,
                document: true,
            }),
    );
    let mut made = parsed.documents;
    for document in &mut made {
        document.escape_single_line_fields();
        document.fit();
    }
    // Read as a stream, a file's documents were gathered without knowing how many.
    made.shrink_to_fit();
    let mut documents = Documents::made(made);
    documents.append(Documents::packed(parsed.packed));
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
        let org_variants = Resolution::compute(&documents[..], glossary).apply(&mut documents);
        Corpus {
            documents: documents.into(),
            problems: Vec::new(),
            org_variants,
        }
    }

    /// The corpus of parsed documents as they are, unresolved: for outputs that show
    /// neither organisations nor repeated threads.
    pub fn unresolved(documents: impl Into<Store>, problems: Vec<Problem>) -> Corpus {
        Corpus {
            documents: documents.into(),
            problems,
            org_variants: resolve::Variants::new(),
        }
    }

    /// "loaded 1990 of 2000 files; 10 skipped, 25 problems" when something went wrong (a
    /// path with a problem that is not a document was skipped); `None` when all went well.
    pub fn summary(&self) -> Option<String> {
        let files = self.documents.map(|_, d| d.file().to_string());
        let loaded: BTreeSet<&str> = files.iter().map(String::as_str).collect();
        summary(&self.problems, &loaded)
    }

    /// The document with exactly this id.
    pub fn get(&self, id: &str) -> Option<&Document> {
        let at = self.documents.first(|d| d.id == id)?;
        self.documents.get(at)
    }
}

/// The authors of the documents that threads of `documents` say hold them whole ("same
/// thread as"), and of those `also` names, by id: what the header of an excerpt's thread
/// names. Two passes, however many there are.
pub fn holder_authors<'a, D: Docs + ?Sized>(
    documents: &D,
    also: impl Iterator<Item = &'a str>,
) -> HashMap<String, String> {
    let named = documents.fold(
        HashSet::new,
        |mut named, _, doc| {
            let threads = doc.threads.iter();
            named.extend(threads.filter_map(|t| t.same_thread_as.clone()));
            named
        },
        |mut a, b| {
            a.extend(b);
            a
        },
    );
    let mut ids: HashSet<&str> = named.iter().map(String::as_str).collect();
    for id in also {
        ids.insert(id);
    }
    authors_by_id(documents, &ids)
}

/// The authors' names of the documents among `documents` whose ids are `ids`, by id: one
/// pass, however many ids.
pub fn authors_by_id<D: Docs + ?Sized>(
    documents: &D,
    ids: &HashSet<&str>,
) -> HashMap<String, String> {
    if ids.is_empty() {
        return HashMap::new();
    }
    let mut authors = HashMap::new();
    documents.for_each(|_, doc| {
        // The first document of an id is the one it names (ids are unique).
        if ids.contains(&*doc.id) {
            let author = doc.author.as_ref().map(|a| a.name.clone());
            authors.entry(doc.id.clone()).or_insert(author);
        }
    });
    (authors.into_iter())
        .filter_map(|(id, author)| Some((id, author?)))
        .collect()
}

/// [`Corpus::summary`] of a load that met `problems` and loaded documents from the files
/// `loaded`.
pub fn summary(problems: &[Problem], loaded: &BTreeSet<&str>) -> Option<String> {
    if problems.is_empty() {
        return None;
    }
    let skipped: BTreeSet<&str> = (problems.iter())
        .filter(|p| p.document)
        .map(|p| p.path.as_str())
        .filter(|path| !loaded.contains(path))
        .collect();
    let problems = match problems.len() {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pages_head_fills_what_its_prose_does_not_say_and_no_threads_writer() {
        let meta = PageMeta {
            title: Some("Ferries cut".into()),
            author: Some("Gazette Staff".into()),
            published: Some("2024-03-05".into()),
            site: Some("The Harbour Gazette".into()),
            article: true,
        };
        // An article its text reads keeps its own title and writer; the date is the head's.
        let text = "Winter ferries cut\n\nBy Ann Example\n\nOne.\n\nTwo.\n";
        let reading = read_embedding(text, Vec::new(), &meta);
        assert_eq!(reading.title.as_deref(), Some("Winter ferries cut"));
        assert_eq!(reading.author, Some(Author::named("Ann Example")));
        assert_eq!(reading.date.as_deref(), Some("2024-03-05"));
        // A thread's page names its writer itself, or says it found none.
        let text = "1/ The ferry is cut.\n\n2/ Write to the council.\n\n3/ Thanks.\n";
        let reading = read_embedding(text, Vec::new(), &meta);
        assert_eq!(reading.kind, Kind::Unroll);
        assert_eq!(reading.author, None);
        // Prose it cannot read is an article by its head, without the head's lines.
        let text = "The Harbour Gazette\n\nFerries cut\n\nGazette staff\n\nThe ferry is cut, the operator said on Monday.\n";
        let reading = read_embedding(text, Vec::new(), &meta);
        assert_eq!(reading.kind, Kind::Article);
        assert_eq!(reading.author, Some(Author::named("Gazette Staff")));
        let texts: Vec<&str> = reading.threads[0].posts.iter().map(|p| &*p.text).collect();
        assert_eq!(texts, ["The ferry is cut, the operator said on Monday."]);
        assert_eq!(
            reading.warnings,
            [
                "3 paragraphs at the top repeating the page's head (its title, site, writer or date) left out"
            ]
        );
        // Nor without a head that calls it an article.
        let plain = PageMeta {
            title: Some("Notes".into()),
            ..PageMeta::default()
        };
        let reading = read_embedding("Milk.\n\nBread and eggs.\n", Vec::new(), &plain);
        assert_eq!(reading.kind, Kind::Plain);
    }

    #[test]
    fn a_markdown_pages_html_block_gives_only_words_of_the_page() {
        // Found by fuzzing: tags removed glued "…/x</a></p>&mdash;" into one new word.
        let page = "---\ntitle: \"T\"\n---\n# T\n\nText.\n\n<blockquote class=\"tweet-like\"><p>0/3 money. <a href=\"https://t.co/x\">pic.twitter.com/x</a></p>&mdash; Ann (@ann) <a href=\"https://x.com/a\">May 1</a></blockquote>\n";
        let reading = read(page);
        for post in reading.threads.iter().flat_map(|t| &t.posts) {
            for word in post.text.split_whitespace() {
                assert!(page.contains(word), "{word:?} is not in the page");
            }
        }
    }

    #[test]
    fn a_markdown_page_past_the_limit_is_read_as_plain_text_and_says_so() {
        let page = format!(
            "# Title\n\n{}\n",
            "**a** [b](https://example.org) ".repeat(150_000)
        );
        assert!(page.len() > MAX_MARKDOWN_BYTES);
        let reading = read(&page);
        assert_eq!(reading.kind, Kind::Plain);
        assert!(
            (reading.warnings.iter()).any(|w| w == "Markdown over 4 MB: read as plain text"),
            "{:?}",
            reading.warnings
        );
    }

    #[test]
    fn a_picture_alone_is_kept_where_no_post_follows_it() {
        // A quoted post that is a picture alone (an article's cover) is a post of its own.
        let page = "---\ntitle: \"Post by @ann on X\"\nsource: \"https://x.com/ann/status/1\"\n---\nA long post.\n\nRead it below.\n\n> **Ann Example @ann** · 2026-04-28\n>\n> ![Cover](https://pbs.twimg.com/media/x.jpg)\n";
        let reading = read(page);
        let quoted = &reading.threads[1];
        assert_eq!(quoted.title.as_deref(), Some("Embedded post"));
        let posts: Vec<_> = quoted.posts.iter().map(|p| (&*p.text, p.media)).collect();
        assert_eq!(posts, [("", true)]);
        // A picture under a thread's last post is that post's.
        let page = "1/ The ferry is cut.\n\n2/ Write to the council.\n\nImage\n";
        let reading = read(page);
        let posts: Vec<_> = (reading.threads[0].posts.iter())
            .map(|p| (&*p.text, p.media))
            .collect();
        assert_eq!(
            posts,
            [
                ("1/ The ferry is cut.", false),
                ("2/ Write to the council.", true)
            ]
        );
    }

    #[test]
    fn a_thread_with_more_posts_than_its_header_declares_says_so() {
        // Four numbered posts under a header that counts three: one is not what it seems.
        let page = "Ann Example\n@ann_ex\nJan 9, 2024 · 3 tweets · 1 min read\n\n1/ One.\n\n2/ Two.\n\n3/ Three.\n\n4/ Four.\n";
        let reading = read(page);
        assert_eq!(reading.threads[0].posts.len(), 4);
        assert_eq!(reading.warnings, ["thread 1: declared 3, found 4"]);
        // Fewer, as before.
        let page = page.replace("\n\n4/ Four.", "");
        let page = page.replace("3 tweets", "5 tweets");
        assert_eq!(read(&page).warnings, ["thread 1: declared 5, found 3"]);
    }
}
