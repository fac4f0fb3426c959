//! Documents as compact bytes, and back. A file of tread's own JSON may hold hundreds of
//! thousands of small documents: they are packed as they are read (and so kept in the
//! cache), and unpacked one at a time by whoever wants them, so that an output that needs
//! only a little of each (`tread list`) never holds them all as documents. The records are
//! written in chunks ([`Records`]), which `tread list` keeps its rows in too.
//!
//! Each field is written after the one before it, in the order the model declares them:
//! - a number as LEB128 (seven bits a byte, low first: most take one byte);
//! - a string as its length in bytes, then its bytes;
//! - an optional value as 0 for none, or for some a number one more than its value (a
//!   string: its length plus one, then its bytes);
//! - a list as how many it holds, then each.
//!
//! A post's hashtags, mentions, links and organisations are nearly always words of its text,
//! so each is written as where it is in the text (one or two bytes each way) when it is
//! there, and as a string only when it is not (at M, a million entities: some 15 MB written
//! whole). The file documents were read from is written once for a run of them.
//!
//! Reading checks every length and place against the bytes it has and every string is
//! UTF-8, so damaged bytes give `None`, never a panic or more memory than they could hold.

use super::{ArchivedDocument, Author, Document, Kind, Post, Thread};
use strum::VariantArray;

/// Documents kept as bytes until they are wanted. A file of many small documents (tread's
/// own JSON read back) is held so while it is read: a one-post document takes 500 bytes
/// and more as a [`Document`] (its struct, a thread's and a post's, each allocated), and
/// a few dozen here.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct Packed {
    records: Records,
}

/// Bytes that do not read as the documents they should hold (a damaged cache record).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Damaged;

impl Packed {
    /// Adds a document after the others.
    pub fn push(&mut self, doc: &Document) {
        self.records.push(doc.file(), |writer| writer.document(doc));
    }

    /// Gives back the room its last chunk kept for more, once nothing more is added: a
    /// file of one small document would otherwise hold a whole chunk.
    pub fn fit(&mut self) {
        if let Some(last) = self.records.chunks.last_mut() {
            last.shrink_to_fit();
        }
    }

    /// How many documents it holds.
    pub fn len(&self) -> usize {
        self.records.count as usize
    }

    pub fn is_empty(&self) -> bool {
        self.records.count == 0
    }

    /// The documents, unpacked one at a time as they are asked for, in order; the first
    /// that does not read ends them with [`Damaged`].
    pub fn documents(&self) -> impl Iterator<Item = Result<Document, Damaged>> + '_ {
        self.records
            .read(Reader::document)
            .map(|read| read.ok_or(Damaged))
    }

    /// How many chunks its records take.
    pub(crate) fn chunks(&self) -> usize {
        self.records.chunk_count()
    }

    /// The documents of chunk `c` alone, in order; the first that does not read is `None`,
    /// and so is each of the chunk's documents after it.
    pub(crate) fn chunk(&self, c: usize) -> impl Iterator<Item = Option<Document>> + '_ {
        self.records.read_chunk(c, Reader::document)
    }

    /// Any bytes as one chunk of `count` documents: what the fuzzer reads them through.
    #[cfg(fuzzing)]
    pub fn from_bytes(bytes: Vec<u8>, count: u64) -> Packed {
        let chunks = vec![bytes];
        let records = Records {
            chunks,
            counts: vec![count],
            count,
            last_key: (0, 0),
        };
        Packed { records }
    }
}

/// Records written one after another in chunks that are never moved: a buffer that doubled
/// as it grew would, at its last doubling, hold its bytes twice over, and keep room for
/// twice as many. Each record has a key (a document's file, a hit's document), written once
/// for a run of records with the same key; a chunk's first record always writes it.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub(crate) struct Records {
    chunks: Vec<Vec<u8>>,
    /// How many records each chunk holds, so that chunks can be read on their own.
    counts: Vec<u64>,
    count: u64,
    /// Where the last record's key is in the last chunk.
    last_key: (u64, u64),
}

/// The size of a chunk of [`Records`] (a record larger than this has a chunk of its own).
const CHUNK: usize = 64 * 1024;

impl Records {
    /// Adds a record with the key `key`, written by `write`.
    pub(crate) fn push(&mut self, key: &str, mut write: impl FnMut(&mut Writer)) {
        let fresh = self.chunks.last().is_none_or(|c| c.len() >= CHUNK);
        if fresh {
            self.chunks.push(Vec::with_capacity(CHUNK));
            self.counts.push(0);
        }
        let (start, end) = (self.last_key.0 as usize, self.last_key.1 as usize);
        let chunk = self.chunks.last_mut().expect("a chunk was made");
        let at = chunk.len();
        let same = !fresh && chunk.get(start..end) == Some(key.as_bytes());
        let mut writer = Writer::new(chunk, key, same);
        write(&mut writer);
        let mut key_at = writer.key_at;
        if chunk.len() > CHUNK && at > 0 {
            // Past the chunk: the record moves to a chunk of its own, which starts a run.
            chunk.truncate(at);
            chunk.shrink_to(CHUNK);
            let mut own = Vec::with_capacity(CHUNK);
            let mut writer = Writer::new(&mut own, key, false);
            write(&mut writer);
            key_at = writer.key_at;
            self.chunks.push(own);
            self.counts.push(0);
        }
        if let Some(at) = key_at {
            self.last_key = (at as u64, (at + key.len()) as u64);
        }
        *self.counts.last_mut().expect("a count a chunk") += 1;
        self.count += 1;
    }

    pub(crate) fn len(&self) -> usize {
        self.count as usize
    }

    /// Adds the records of `more` after these: its chunks are moved, not copied (each starts
    /// with its key written), and records pushed after them go on in its last chunk.
    pub(crate) fn append(&mut self, mut more: Records) {
        if more.count == 0 {
            return;
        }
        self.chunks.append(&mut more.chunks);
        self.counts.append(&mut more.counts);
        self.count += more.count;
        self.last_key = more.last_key;
    }

    /// How many chunks there are, each read on its own by [`Records::read_chunk`].
    pub(crate) fn chunk_count(&self) -> usize {
        self.chunks.len().min(self.counts.len())
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Each record in order, as `read` reads it from its place (`None`: it does not read).
    pub(crate) fn read<'r, T: 'r>(
        &'r self,
        read: impl Fn(&mut Reader<'r>) -> Option<T> + 'r,
    ) -> impl Iterator<Item = Option<T>> + 'r {
        let mut chunks = self.chunks.iter();
        let mut reader: Option<Reader<'r>> = None;
        let mut left = self.count;
        std::iter::from_fn(move || {
            if left == 0 {
                return None;
            }
            left -= 1;
            loop {
                match &mut reader {
                    Some(r) if r.at < r.bytes.len() => {
                        let item = read(r);
                        if item.is_none() {
                            left = 0;
                        }
                        return Some(item);
                    }
                    _ => match chunks.next() {
                        Some(chunk) => reader = Some(Reader::new(chunk, 0, None)),
                        None => {
                            left = 0;
                            return Some(None);
                        }
                    },
                }
            }
        })
    }

    /// The records of chunk `c` alone, as `read` reads each (`None`: it does not read, and
    /// neither do the chunk's records after it).
    pub(crate) fn read_chunk<'r, T: 'r>(
        &'r self,
        c: usize,
        read: impl Fn(&mut Reader<'r>) -> Option<T> + 'r,
    ) -> impl Iterator<Item = Option<T>> + 'r {
        let mut reader = Reader::new(&self.chunks[c], 0, None);
        let mut damaged = false;
        (0..self.counts[c]).map(move |_| {
            let item = match damaged || reader.at >= reader.bytes.len() {
                true => None,
                false => read(&mut reader),
            };
            damaged = item.is_none();
            item
        })
    }
}

/// Documents as a file, or a batch of files, gave them, in order: each made on its own, or
/// kept packed (a file of many small ones).
#[derive(
    Debug, Clone, Default, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct Documents {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
enum Part {
    Made(Vec<Document>),
    Packed(Packed),
}

impl Documents {
    /// Documents made one by one.
    pub fn made(documents: Vec<Document>) -> Documents {
        let parts = match documents.is_empty() {
            true => Vec::new(),
            false => vec![Part::Made(documents)],
        };
        Documents { parts }
    }

    /// Documents kept packed.
    pub fn packed(packed: Packed) -> Documents {
        let parts = match packed.is_empty() {
            true => Vec::new(),
            false => vec![Part::Packed(packed)],
        };
        Documents { parts }
    }

    /// Adds `more` after these.
    pub fn append(&mut self, more: Documents) {
        match self.parts.is_empty() {
            // Taken as they are, not moved one by one.
            true => self.parts = more.parts,
            false => self.parts.extend(more.parts),
        }
    }

    pub fn len(&self) -> usize {
        let len = |part: &Part| match part {
            Part::Made(documents) => documents.len(),
            Part::Packed(packed) => packed.len(),
        };
        self.parts.iter().map(len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Hands each document to `take` in order, packed ones unpacked one at a time. Packed
    /// ones after one that does not read are lost (the rest are not): `Damaged` says so.
    pub fn for_each(self, mut take: impl FnMut(Document)) -> Result<(), Damaged> {
        self.for_each_kept(|document, _| take(document))
    }

    /// [`Documents::for_each`], telling `take` too whether each was kept packed.
    pub fn for_each_kept(self, mut take: impl FnMut(Document, bool)) -> Result<(), Damaged> {
        let mut damaged = Ok(());
        for part in self.parts {
            match part {
                Part::Made(documents) => documents.into_iter().for_each(|d| take(d, false)),
                Part::Packed(packed) => {
                    let read = packed.documents().try_for_each(|document| {
                        take(document?, true);
                        Ok(())
                    });
                    damaged = damaged.and(read);
                }
            }
        }
        damaged
    }

    /// Every document, unpacked.
    pub fn unpacked(self) -> Result<Vec<Document>, Damaged> {
        let mut documents = Vec::with_capacity(self.len());
        self.for_each(|document| documents.push(document))?;
        Ok(documents)
    }
}

/// A document as a cache record holds it: archived, read where it lies (one made on its
/// own), or unpacked (one of a file of many, kept packed).
pub enum Seen<'a> {
    Archived(&'a ArchivedDocument),
    Unpacked(&'a Document),
}

impl ArchivedDocuments {
    /// Hands each document to `look` in order, as [`Seen`]: those made on their own are read
    /// in place, never made; those kept packed are unpacked one at a time. [`Damaged`]: a
    /// packed one does not read; unlike [`Documents::for_each`], none after it is handed
    /// on, as what reads in place is trusted whole or not at all.
    pub fn each(&self, mut look: impl FnMut(Seen)) -> Result<(), Damaged> {
        for part in self.parts.iter() {
            match part {
                ArchivedPart::Made(documents) => {
                    documents.iter().for_each(|d| look(Seen::Archived(d)))
                }
                ArchivedPart::Packed(packed) => {
                    let packed = rkyv::deserialize::<Packed, rkyv::rancor::Error>(packed);
                    for document in packed.map_err(|_| Damaged)?.documents() {
                        look(Seen::Unpacked(&document?));
                    }
                }
            }
        }
        Ok(())
    }
}

/// Writes strings and numbers into bytes.
pub(crate) struct Writer<'o> {
    out: &'o mut Vec<u8>,
    /// The record's key, and whether the record before had the same.
    key: &'o str,
    same_key: bool,
    /// Where the key was written, when it was.
    key_at: Option<usize>,
}

impl<'o> Writer<'o> {
    fn new(out: &'o mut Vec<u8>, key: &'o str, same_key: bool) -> Self {
        Writer {
            out,
            key,
            same_key,
            key_at: None,
        }
    }

    /// A kind, as its place in [`Kind::VARIANTS`].
    pub(crate) fn kind(&mut self, kind: Kind) {
        let place = Kind::VARIANTS.iter().position(|&k| k == kind);
        self.uint(place.unwrap_or(0) as u64);
    }

    /// The record's key, or none when the record before had the same.
    pub(crate) fn key(&mut self) {
        if self.same_key {
            return self.uint(0);
        }
        self.opt_str(Some(self.key));
        self.key_at = Some(self.out.len() - self.key.len());
    }

    /// A number, seven bits a byte.
    pub(crate) fn uint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.out.push(value as u8 | 0x80);
            value >>= 7;
        }
        self.out.push(value as u8);
    }

    pub(crate) fn str(&mut self, text: &str) {
        self.uint(text.len() as u64);
        self.out.extend_from_slice(text.as_bytes());
    }

    pub(crate) fn opt_str(&mut self, text: Option<&str>) {
        match text {
            None => self.uint(0),
            Some(text) => {
                self.uint(text.len() as u64 + 1);
                self.out.extend_from_slice(text.as_bytes());
            }
        }
    }

    pub(crate) fn opt_uint(&mut self, value: Option<u64>) {
        self.uint(value.map_or(0, |v| v.saturating_add(1)));
    }

    fn opt_author(&mut self, author: Option<&Author>) {
        match author {
            None => self.uint(0),
            Some(author) => {
                self.uint(1);
                self.str(&author.name);
                self.opt_str(author.handle.as_deref());
            }
        }
    }

    /// A document, keyed by the file it was read from ([`Document::file`]): its path is
    /// written only where it is another (tread's JSON keeps where each was first read).
    fn document(&mut self, doc: &Document) {
        self.str(&doc.id);
        self.key();
        self.opt_str((doc.path != doc.file()).then_some(doc.path.as_str()));
        self.kind(doc.kind);
        self.opt_str(doc.title.as_deref());
        self.opt_author(doc.author.as_ref());
        self.opt_str(doc.date.as_deref());
        self.opt_str(doc.source.as_deref());
        self.uint(doc.warnings.len() as u64);
        doc.warnings.iter().for_each(|w| self.str(w));
        self.uint(doc.resolved as u64);
        // The file it was read back from, if it was: the key.
        self.uint(doc.read_from.is_some() as u64);
        self.uint(doc.threads.len() as u64);
        doc.threads.iter().for_each(|t| self.thread(t));
    }

    fn thread(&mut self, thread: &Thread) {
        self.uint(thread.index as u64);
        self.opt_author(thread.author.as_ref());
        self.opt_uint(thread.declared_count.map(u64::from));
        self.opt_str(thread.same_thread_as.as_deref());
        self.opt_str(thread.title.as_deref());
        self.uint(thread.posts.len() as u64);
        thread.posts.iter().for_each(|p| self.post(p));
    }

    fn post(&mut self, post: &Post) {
        self.uint(post.index.into());
        self.opt_str(post.label.as_deref());
        self.opt_uint(post.number.map(u64::from));
        self.opt_uint(post.total.map(u64::from));
        self.uint(post.media as u64);
        self.str(&post.text);
        // Looking for each entity in the text reads at most four times the text (and 4 KB)
        // in all: a post of megabytes with thousands of entities not in it (a hostile file)
        // would otherwise take their product. Past that, entities are written whole.
        let mut budget = post.text.len().saturating_mul(4).saturating_add(4096);
        let lists = [&post.hashtags, &post.mentions, &post.urls];
        for list in lists {
            self.uint(list.len() as u64);
            list.iter()
                .for_each(|e| self.entity(e, &post.text, &mut budget));
        }
        self.uint(post.organisations.len() as u64);
        post.organisations
            .iter()
            .for_each(|e| self.entity(e, &post.text, &mut budget));
    }

    /// An entity of a post: where it stands in the text (its start twice over, plus one),
    /// then its length; or, when the text does not hold it (or the search's `budget` of
    /// bytes to read is spent), its length twice over, then its bytes.
    fn entity(&mut self, entity: &str, text: &str, budget: &mut usize) {
        let found = match *budget >= text.len() && !entity.is_empty() {
            true => memchr::memmem::find(text.as_bytes(), entity.as_bytes()),
            false => None,
        };
        // What the search read: up to the entity's end, or the whole text.
        let read = found.map_or(text.len(), |start| start + entity.len());
        *budget = budget.saturating_sub(read);
        match found {
            Some(start) => {
                self.uint(((start as u64) << 1) | 1);
                self.uint(entity.len() as u64);
            }
            None => {
                self.uint((entity.len() as u64) << 1);
                self.out.extend_from_slice(entity.as_bytes());
            }
        }
    }
}

/// Reads what a [`Writer`] wrote, checking each step.
pub(crate) struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
    /// Where the last record's key is.
    key: Option<(usize, usize)>,
}

impl<'b> Reader<'b> {
    fn new(bytes: &'b [u8], at: usize, key: Option<(usize, usize)>) -> Self {
        Reader { bytes, at, key }
    }

    pub(crate) fn kind(&mut self) -> Option<Kind> {
        Kind::VARIANTS
            .get(usize::try_from(self.uint()?).ok()?)
            .copied()
    }

    /// The record's key: its own, or that of the record before.
    pub(crate) fn key(&mut self) -> Option<&'b str> {
        let place = match self.opt_str()? {
            Some(key) => {
                let start = key.as_ptr() as usize - self.bytes.as_ptr() as usize;
                (start, start + key.len())
            }
            None => self.key?,
        };
        self.key = Some(place);
        std::str::from_utf8(self.bytes.get(place.0..place.1)?).ok()
    }

    /// How many bytes are left to read.
    pub(crate) fn left(&self) -> usize {
        self.bytes.len().saturating_sub(self.at)
    }

    pub(crate) fn uint(&mut self) -> Option<u64> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = *self.bytes.get(self.at)?;
            self.at += 1;
            value |= u64::from(byte & 0x7f).checked_shl(shift)?;
            if byte < 0x80 {
                return Some(value);
            }
        }
        None
    }

    /// Moves past `n` numbers as [`Writer::uint`] writes them, without reading them (a byte
    /// below 0x80 ends each; unlike [`Reader::uint`], a number too long is not refused):
    /// none when the bytes end first.
    pub(crate) fn skip_uints(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            // A number's last byte is the one below 0x80.
            n -= usize::from(*self.bytes.get(self.at)? < 0x80);
            self.at += 1;
        }
        Some(())
    }

    /// How many of something follow: never more than the bytes left, as each takes one at
    /// least (so that damage cannot ask for room the bytes could not fill).
    fn count(&mut self) -> Option<usize> {
        let count = usize::try_from(self.uint()?).ok()?;
        (count <= self.bytes.len() - self.at).then_some(count)
    }

    fn bytes(&mut self, len: u64) -> Option<&'b [u8]> {
        let end = self.at.checked_add(usize::try_from(len).ok()?)?;
        let bytes = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(bytes)
    }

    fn text(&mut self, len: u64) -> Option<&'b str> {
        std::str::from_utf8(self.bytes(len)?).ok()
    }

    pub(crate) fn str(&mut self) -> Option<&'b str> {
        let len = self.uint()?;
        self.text(len)
    }

    /// An optional string: `Some(None)` for none, `None` for damage.
    pub(crate) fn opt_str(&mut self) -> Option<Option<&'b str>> {
        match self.uint()? {
            0 => Some(None),
            len => self.text(len - 1).map(Some),
        }
    }

    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }

    fn opt_string(&mut self) -> Option<Option<String>> {
        Some(self.opt_str()?.map(str::to_string))
    }

    pub(crate) fn opt_u32(&mut self) -> Option<Option<u32>> {
        match self.uint()? {
            0 => Some(None),
            value => u32::try_from(value - 1).ok().map(Some),
        }
    }

    fn flag(&mut self) -> Option<bool> {
        match self.uint()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    fn opt_author(&mut self) -> Option<Option<Author>> {
        if !self.flag()? {
            return Some(None);
        }
        let name = self.string()?;
        let handle = self.opt_string()?;
        Some(Some(Author { name, handle }))
    }

    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let count = self.count()?;
        // Room for what a damaged count claims is not made up front: an item may take far
        // more room than the byte it takes at least.
        let mut items = Vec::with_capacity(count.min(64));
        for _ in 0..count {
            items.push(item(self)?);
        }
        items.shrink_to_fit();
        Some(items)
    }

    fn document(&mut self) -> Option<Document> {
        let id = self.string()?;
        let file = self.key()?;
        let path = self.opt_str()?.unwrap_or(file);
        let kind = self.kind()?;
        let title = self.opt_string()?;
        let author = self.opt_author()?;
        let date = self.opt_string()?;
        let source = self.opt_string()?;
        let warnings = self.list(Self::string)?;
        let resolved = self.flag()?;
        let read_from = self.flag()?.then(|| file.to_string());
        let threads = self.list(Self::thread)?;
        Some(Document {
            id,
            path: path.to_string(),
            kind,
            title,
            author,
            date,
            source,
            threads,
            warnings,
            resolved,
            read_from,
        })
    }

    fn thread(&mut self) -> Option<Thread> {
        let index = usize::try_from(self.uint()?).ok()?;
        let author = self.opt_author()?;
        let declared_count = self.opt_u32()?;
        let same_thread_as = self.opt_string()?;
        let title = self.opt_string()?;
        let posts = self.list(Self::post)?;
        Some(Thread {
            index,
            author,
            declared_count,
            same_thread_as,
            title,
            posts,
        })
    }

    fn post(&mut self) -> Option<Post> {
        let index = u32::try_from(self.uint()?).ok()?;
        let label = self.opt_str()?.map(Box::from);
        let number = self.opt_u32()?;
        let total = self.opt_u32()?;
        let media = self.flag()?;
        let text = self.str()?;
        let mut entities = || {
            let list = self.list(|r| r.entity(text).map(Box::from))?;
            Some(list.into_boxed_slice())
        };
        let (hashtags, mentions, urls) = (entities()?, entities()?, entities()?);
        let organisations = self.list(|r| r.entity(text).map(str::to_string))?;
        Some(Post {
            index,
            label,
            number,
            total,
            text: text.into(),
            media,
            hashtags,
            mentions,
            urls,
            organisations: organisations.into_boxed_slice(),
        })
    }

    /// An entity as [`Writer::entity`] wrote it: a part of `text`, or a string of its own.
    fn entity(&mut self, text: &'b str) -> Option<&'b str> {
        let tag = self.uint()?;
        match tag & 1 {
            1 => {
                let start = usize::try_from(tag >> 1).ok()?;
                let len = usize::try_from(self.uint()?).ok()?;
                text.get(start..start.checked_add(len)?)
            }
            _ => self.text(tag >> 1),
        }
    }
}

#[cfg(test)]
mod tests;
