//! Documents written as bytes read back as they were; damaged bytes are refused.

use super::*;
use proptest::prelude::*;

fn packed(documents: &[Document]) -> Packed {
    let mut packed = Packed::default();
    documents.iter().for_each(|d| packed.push(d));
    packed
}

/// The documents read back from their packed bytes, as they are read and as a load takes
/// them.
fn round_trip(documents: &[Document]) -> Vec<Document> {
    let packed = packed(documents);
    assert_eq!(packed.len(), documents.len());
    let read: Result<Vec<Document>, Damaged> = packed.documents().collect();
    let taken = Documents::packed(packed).unpacked();
    assert_eq!(read, taken);
    read.expect("written documents read back")
}

/// Every chunk's bytes, one after another.
fn bytes(packed: &Packed) -> Vec<u8> {
    packed.records.chunks.concat()
}

/// The bundled seeds, as loading them makes them: every kind of field a reader fills.
fn seeds() -> Vec<Document> {
    let options = crate::corpus::LoadOptions::default();
    crate::corpus::load::load(&options)
        .unwrap()
        .documents
        .to_vec()
}

#[test]
fn the_seeds_read_back_as_they_were_written() {
    let documents = seeds();
    assert!(
        documents
            .iter()
            .flat_map(|d| d.posts())
            .any(|p| !p.organisations.is_empty())
    );
    assert_eq!(round_trip(&documents), documents);
}

#[test]
fn entities_in_the_text_are_written_as_places_and_others_whole() {
    let mut post = Post::new("Ask @DfE about #care at https://x.org".into(), None, false);
    post.extract_entities();
    post.organisations = vec!["Department for Education".to_string()].into();
    let mut thread = Thread::new(vec![post], None);
    thread.index = 1;
    let doc = Document {
        id: "a".into(),
        path: "a.txt".into(),
        kind: Kind::Unroll,
        title: None,
        author: None,
        date: None,
        source: None,
        threads: vec![thread],
        warnings: Vec::new(),
        resolved: false,
        read_from: None,
    };
    let bytes = bytes(&packed(std::slice::from_ref(&doc)));
    let text_at = memchr::memmem::find(&bytes, b"Ask @DfE").unwrap();
    // After the text, each list's count, then each entity's place and length ("care" at
    // 16 is 16 × 2 + 1, 4), then the organisation's name whole.
    let after = &bytes[text_at + 37..];
    assert_eq!(after[..10], [1, 33, 4, 1, 11, 3, 1, 49, 13, 1]);
    assert!(memchr::memmem::find(after, b"Department for Education").is_some());
    assert_eq!(round_trip(std::slice::from_ref(&doc)), [doc]);
}

#[test]
fn a_run_of_documents_from_one_file_writes_it_once() {
    let mut documents = seeds();
    documents
        .iter_mut()
        .for_each(|d| d.path = "/saved/threads.json".into());
    let written = bytes(&packed(&documents));
    assert_eq!(
        memchr::memmem::find_iter(&written, b"/saved/threads.json").count(),
        1
    );
    assert_eq!(round_trip(&documents), documents);
    // Read back from tread's JSON, each keeps where it was first read; the file read
    // now is written once.
    for (i, doc) in documents.iter_mut().enumerate() {
        doc.path = format!("/first/{i}.txt");
        doc.read_from = Some("/saved/export.json".into());
    }
    documents[3].path = "/saved/export.json".into();
    let written = bytes(&packed(&documents));
    assert_eq!(
        memchr::memmem::find_iter(&written, b"/saved/export.json").count(),
        1
    );
    assert_eq!(round_trip(&documents), documents);
}

#[test]
fn documents_after_a_damaged_pack_still_come() {
    let mut damaged = packed(&seeds()[..2]);
    damaged.records.chunks[0].truncate(10);
    let mut documents = Documents::packed(damaged);
    documents.append(Documents::made(seeds()[2..].to_vec()));
    let mut taken = Vec::new();
    assert_eq!(documents.for_each(|d| taken.push(d)), Err(Damaged));
    assert_eq!(taken, seeds()[2..]);
}

#[test]
fn records_past_a_chunk_start_another_which_writes_the_path_again() {
    let mut documents: Vec<Document> = (0..40).flat_map(|_| seeds()).collect();
    documents
        .iter_mut()
        .for_each(|d| d.path = "/saved/threads.json".into());
    let packed = packed(&documents);
    let chunks = &packed.records.chunks;
    assert!(chunks.len() > 2, "{} chunks", chunks.len());
    for chunk in chunks {
        assert!(chunk.len() <= CHUNK);
        assert_eq!(
            memchr::memmem::find_iter(chunk, b"/saved/threads.json").count(),
            1
        );
    }
    assert_eq!(round_trip(&documents), documents);
}

#[test]
fn a_finished_pack_keeps_no_room_for_more() {
    let mut packed = packed(&seeds()[..1]);
    assert_eq!(packed.records.chunks[0].capacity(), CHUNK);
    packed.fit();
    let chunk = &packed.records.chunks[0];
    assert_eq!(chunk.capacity(), chunk.len());
    assert_eq!(round_trip(&seeds()[..1]), seeds()[..1]);
}

#[test]
fn a_record_larger_than_a_chunk_has_one_of_its_own() {
    let mut documents = seeds();
    documents[1].threads[0].posts[0].text = "long ".repeat(CHUNK / 2).into();
    let packed = packed(&documents);
    let sizes: Vec<usize> = packed.records.chunks.iter().map(Vec::len).collect();
    assert!(
        sizes.iter().filter(|&&len| len > CHUNK).count() == 1,
        "{sizes:?}"
    );
    assert_eq!(round_trip(&documents), documents);
}

#[test]
fn every_truncation_is_damage() {
    let full = packed(&seeds()[..2]);
    assert_eq!(full.records.chunks.len(), 1);
    for len in 0..full.records.chunks[0].len() {
        let mut cut = full.clone();
        cut.records.chunks[0].truncate(len);
        let read: Vec<_> = cut.documents().collect();
        assert_eq!(read.last(), Some(&Err(Damaged)), "cut at {len}");
    }
}

#[test]
fn flipped_bytes_never_panic_nor_ask_for_room_they_could_not_fill() {
    let full = packed(&seeds()[..1]);
    let len = full.records.chunks[0].len();
    for at in 0..len {
        for bit in [0x01, 0x40, 0x80] {
            let mut damaged = full.clone();
            damaged.records.chunks[0][at] ^= bit;
            let posts: usize = (damaged.documents())
                .map_while(Result::ok)
                .map(|d| d.post_count())
                .sum();
            assert!(posts <= len);
        }
    }
}

fn text() -> impl Strategy<Value = String> {
    // Short strings of letters, markup and characters of several UTF-8 lengths.
    proptest::string::string_regex("[a-c#@ é€😀\n]{0,12}").unwrap()
}

fn author() -> impl Strategy<Value = Option<Author>> {
    proptest::option::of((text(), proptest::option::of(text())))
        .prop_map(|a| a.map(|(name, handle)| Author { name, handle }))
}

/// A post whose entities are words of its text, or not.
fn post() -> impl Strategy<Value = Post> {
    let numbers = (any::<u32>(), any::<Option<u32>>(), any::<Option<u32>>());
    let entities = proptest::collection::vec((any::<bool>(), text()), 0..4);
    (
        text(),
        proptest::option::of(text()),
        numbers,
        any::<bool>(),
        entities,
    )
        .prop_map(|(text, label, (index, number, total), media, entities)| {
            let pick = |kind: usize| -> Vec<String> {
                (entities.iter().enumerate())
                    .filter(|(i, _)| i % 4 == kind)
                    .map(|(_, (within, e))| match within {
                        true => text.chars().take(e.chars().count()).collect(),
                        false => e.clone(),
                    })
                    .collect()
            };
            let boxed = |kind| crate::corpus::boxed(pick(kind));
            Post {
                index,
                label: label.map(Box::from),
                number,
                total,
                media,
                hashtags: boxed(0),
                mentions: boxed(1),
                urls: boxed(2),
                organisations: pick(3).into(),
                text: text.into(),
            }
        })
}

fn thread() -> impl Strategy<Value = Thread> {
    let posts = proptest::collection::vec(post(), 0..3);
    let names = (proptest::option::of(text()), proptest::option::of(text()));
    (any::<usize>(), author(), any::<Option<u32>>(), names, posts).prop_map(
        |(index, author, declared_count, (same_thread_as, title), posts)| Thread {
            index,
            author,
            declared_count,
            same_thread_as,
            title,
            posts,
        },
    )
}

fn document() -> impl Strategy<Value = Document> {
    let fields = (
        (text(), prop_oneof![Just("same".to_string()), text()]),
        0..Kind::VARIANTS.len(),
        (
            proptest::option::of(text()),
            author(),
            proptest::option::of(text()),
        ),
        (proptest::option::of(text()), proptest::option::of(text())),
        proptest::collection::vec(text(), 0..2),
        any::<bool>(),
    );
    (fields, proptest::collection::vec(thread(), 0..3)).prop_map(
        |(
            ((id, path), kind, (title, author, date), (source, read_from), warnings, resolved),
            threads,
        )| {
            Document {
                id,
                path,
                kind: Kind::VARIANTS[kind],
                title,
                author,
                date,
                source,
                threads,
                warnings,
                resolved,
                read_from,
            }
        },
    )
}

proptest! {
    #[test]
    fn any_documents_read_back_as_they_were_written(
        documents in proptest::collection::vec(document(), 0..5),
    ) {
        prop_assert_eq!(round_trip(&documents), documents);
    }
}

#[test]
fn records_appended_read_as_those_pushed_one_after_another() {
    // Runs of hits, as a search gathers them on each core: some empty, some of many chunks.
    let texts = |run: usize| (0..run * 3_000).map(move |n| format!("run {run} record {n}"));
    let (mut all, mut whole) = (Records::default(), Records::default());
    for run in [0, 1, 0, 3, 2] {
        let mut part = Records::default();
        for text in texts(run) {
            let key = format!("d{}", text.len() % 7);
            part.push(&key, |w| {
                w.key();
                w.str(&text);
            });
            whole.push(&key, |w| {
                w.key();
                w.str(&text);
            });
        }
        all.append(part);
    }
    let read = |r: &mut Reader| Some((r.key()?.to_string(), r.str()?.to_string()));
    let one_by_one: Vec<_> = whole.read(read).collect();
    assert_eq!(all.read(read).collect::<Vec<_>>(), one_by_one);
    assert_eq!(all.len(), one_by_one.len());
    let by_chunk: Vec<_> = (0..all.chunk_count())
        .flat_map(|c| all.read_chunk(c, read).collect::<Vec<_>>())
        .collect();
    assert_eq!(by_chunk, one_by_one);
    assert!(all.chunk_count() > 3);
}
