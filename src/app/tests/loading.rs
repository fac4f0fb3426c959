//! Documents arriving from a background load while the app is in use.

use super::*;

/// `documents` packed, as a load keeps a file of many small documents.
fn packed(documents: &[crate::corpus::Document]) -> crate::corpus::Held {
    let mut held = crate::corpus::Held::default();
    documents.iter().for_each(|d| held.push_packed(d));
    held.finish();
    held
}

/// An app with nothing yet, waiting for a background load of the five seeds.
fn loading_app() -> App {
    let mut app = App::new(
        Corpus::default(),
        Keymap::builtin(),
        Opening::default(),
        (120, 40),
    );
    app.loading = Some((0, 5));
    app
}

#[test]
fn a_search_open_while_loading_shares_the_table_as_it_grows() {
    use crate::app::Progress;
    let whole = load::bundled();
    let mut app = loading_app();
    let documents = whole.documents.to_vec();
    let (first, rest) = documents.split_at(2);
    app.handle(Event::Load(Box::new(Progress::Parsed {
        documents: packed(first),
        done: 2,
        total: 5,
    })));
    type_keys(&mut app, "/ c a r e enter");
    let hits = app.search.as_ref().map(Search::hit_count);
    assert!(hits.is_some_and(|n| n > 0), "{hits:?}");
    let table = Arc::as_ptr(&app.posts);
    app.handle(Event::Load(Box::new(Progress::Parsed {
        documents: packed(rest),
        done: 5,
        total: 5,
    })));
    assert_eq!(Arc::as_ptr(&app.posts), table, "the table grew in place");
    // All read: the table gives back its spare room, still in place.
    let (give, _take) = std::sync::mpsc::channel();
    app.handle(Event::Load(Box::new(Progress::Listed(give))));
    assert_eq!(Arc::as_ptr(&app.posts), table, "the table shrank in place");
    assert_eq!(app.posts.len(), PostTable::new(&whole).len());
    let search = app.search.as_ref().expect("the search stays open");
    assert_eq!(Some(search.hit_count()), hits, "its hits stay");
    type_keys(&mut app, "n");
    let at = app.current_post().expect("a post");
    assert!(app.search.as_ref().unwrap().is_hit(at), "n lands on a hit");
}

#[test]
fn documents_arrive_while_loading_and_the_finished_corpus_keeps_the_place() {
    use crate::app::Progress;
    use crate::corpus::load::{Resolved, bundled_glossary, bundled_sources};
    let whole = load::bundled();
    let (parsed, _) = crate::corpus::parse(bundled_sources());
    let mut app = loading_app();
    let (first, rest) = parsed.split_at(2);
    app.handle(Event::Load(Box::new(Progress::Parsed {
        documents: packed(first),
        done: 2,
        total: 5,
    })));
    assert_eq!(app.visible().len(), 2);
    assert!(
        app.facets.authors.is_empty(),
        "facets wait for the finished corpus"
    );
    // Keys work meanwhile: the reader moves on while the rest arrives.
    type_keys(&mut app, "j l j");
    app.handle(Event::Load(Box::new(Progress::Parsed {
        documents: packed(rest),
        done: 5,
        total: 5,
    })));
    assert_eq!(app.visible().len(), 5);
    assert_eq!(id(&app), "001");
    let bare = |d: &crate::corpus::Document| d.posts().all(|p| p.organisations.is_empty());
    assert!(
        app.corpus.documents.iter().all(bare),
        "organisations come with the resolution"
    );
    // All read: the loader asks for the documents, resolves them where they are, lets go.
    let (give, take) = std::sync::mpsc::channel();
    app.handle(Event::Load(Box::new(Progress::Listed(give))));
    let shared = take.recv().expect("the app lends its documents");
    let resolution = crate::corpus::Resolution::compute(&shared.documents, &bundled_glossary());
    let resolved = Resolved {
        resolution,
        problems: Vec::new(),
        facets: None,
    };
    let loaded = Loaded::new(&shared, resolved);
    drop(shared);
    let listed = Arc::as_ptr(&app.corpus);
    app.handle(Event::Load(Box::new(Progress::Finished(Ok(loaded)))));
    assert_eq!(
        Arc::as_ptr(&app.corpus),
        listed,
        "resolved in place, not copied"
    );
    assert_eq!(app.corpus.documents, whole.documents);
    assert_eq!(app.facets, Facets::build(&whole));
    assert_eq!(app.loading, None);
    assert_eq!(id(&app), "001");
    assert_eq!(app.thread.post(), 1, "the reading position stays");
    assert!(!app.facets.organisations.is_empty());
    assert_eq!(app.message.as_deref(), Some("loaded 5 documents"));
    // The cache is written after: the screen waits for nothing, and what stopped it is told.
    assert!(app.writing_cache());
    let problem = crate::corpus::Problem {
        path: "/cache/tread/x.cache".to_string(),
        message: "cache not written: the disk is full".to_string(),
        document: false,
    };
    app.handle(Event::Load(Box::new(Progress::Written(Some(problem)))));
    assert!(!app.writing_cache());
    let told = "loaded 5 documents; /cache/tread/x.cache: cache not written: the disk is full \
                (w lists it)";
    assert_eq!(app.message.as_deref(), Some(told));
    let listed: Vec<String> = (app.warning_lines(100).into_iter())
        .map(|l| l.text)
        .collect();
    assert!(
        listed
            .iter()
            .any(|l| l.contains("cache not written: the disk is full")),
        "{listed:?}"
    );
}

#[test]
fn documents_arriving_in_batches_are_grouped_and_sorted_as_a_whole_load() {
    use crate::app::Progress;
    let (seeds, _) = crate::corpus::parse(crate::corpus::load::bundled_sources());
    // A file of three documents split across the two batches, a file of two in the first,
    // and an id in the second that the second file's short name must not start like.
    let names = [
        ("box-a", "box.json"),
        ("pile-1", "pile.json"),
        ("box-b", "box.json"),
        ("pile-2", "pile.json"),
        ("lone", "lone.md"),
        ("box-c", "box.json"),
        ("pilot", "pilot.md"),
        ("after", "after.md"),
    ];
    let documents: Vec<_> = (names.iter().zip(seeds.iter().cycle()))
        .map(|(&(id, file), seed)| {
            let mut doc = seed.clone();
            (doc.id, doc.path) = (id.to_string(), file.to_string());
            doc
        })
        .collect();
    let mut whole = App::new(
        Corpus {
            documents: documents.clone().into(),
            ..Corpus::default()
        },
        Keymap::builtin(),
        Opening::default(),
        (120, 40),
    );
    let mut arriving = loading_app();
    for (batch, done) in [(&documents[..4], 4), (&documents[4..], 8)] {
        arriving.handle(Event::Load(Box::new(Progress::Parsed {
            documents: packed(batch),
            done,
            total: 8,
        })));
    }
    assert_eq!(arriving.documents.groups(), whole.documents.groups());
    assert_eq!(
        arriving.documents.groups().len(),
        2,
        "box.json and pile.json"
    );
    // Every order lists the same rows.
    for _ in 0..4 {
        let rows = |app: &App| app.documents.rows(&app.filters).to_vec();
        assert_eq!(
            rows(&arriving),
            rows(&whole),
            "{:?}",
            whole.documents.sort()
        );
        type_keys(&mut arriving, "s");
        type_keys(&mut whole, "s");
    }
}
