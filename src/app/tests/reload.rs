//! A live collection: files change on disk while the app is open, the collection is loaded
//! again ([`reload`]) and the app keeps the reader's place, filters, search and review.

use super::*;
use crate::corpus::load::LoadOptions;
use crate::review::Review;
use std::path::Path;

/// A folder holding the five seeds, as a user's collection.
fn collection() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

fn options(dir: &Path) -> LoadOptions {
    LoadOptions {
        paths: vec![dir.to_path_buf()],
        glossary: None,
        cache: None,
    }
}

/// The app over the folder, as the UI opens it.
fn opened(dir: &Path) -> App {
    let corpus = load::load(&options(dir)).unwrap();
    App::new(corpus, Keymap::builtin(), Opening::default(), (120, 40))
}

/// The app over the folder with its review kept in a file (in the folder returned).
fn reviewing(dir: &Path) -> (App, tempfile::TempDir) {
    let kept = tempfile::tempdir().unwrap();
    let mut app = opened(dir);
    let review = Review::open(&kept.path().join("review.jsonl"), &[]).unwrap();
    app.attach_review(review, false);
    (app, kept)
}

/// The file of the document read.
fn current_file(app: &App) -> String {
    app.corpus()
        .document(app.current_doc().unwrap())
        .path
        .clone()
}

/// What the UI does when the files changed: loads them again and hands the app the
/// outcome.
fn files_changed(app: &mut App, dir: &Path) {
    app.handle(Event::FilesChanged);
    assert_eq!(
        app.take_effects(),
        [Effect::Reload],
        "a change asks for a reload"
    );
    let review = app.review_file();
    let outcome = reload(&options(dir), &app.shared_corpus(), review.as_deref());
    app.handle(Event::Reloaded(Box::new(outcome)));
}

/// A thread of two posts, filed under `name`.
fn write_thread(dir: &Path, name: &str, words: &str) {
    let text = format!("1/ {words} #CareReview 1/\n\n2/ And a second post on it. 2/\n");
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn a_file_added_is_listed_and_the_reader_stays_on_their_post() {
    let dir = collection();
    let mut app = opened(dir.path());
    type_keys(&mut app, "j enter j j");
    assert_eq!((id(&app), label(&app)), ("001", "post 3".to_string()));
    let offset = app.thread.post_offset();
    // Filed first, so every document after it moves down the corpus.
    write_thread(dir.path(), "0000_first.txt", "A new thread on the review");
    files_changed(&mut app, dir.path());
    assert_eq!(app.message(), Some("1 document added"));
    assert_eq!(app.corpus().documents.len(), 6);
    assert_eq!((id(&app), label(&app)), ("001", "post 3".to_string()));
    assert_eq!(
        app.thread.post_offset(),
        offset,
        "at the same height on screen"
    );
    assert_eq!(app.focus, Pane::Thread);
    let ids: Vec<&str> = (app.visible().iter())
        .map(|&d| &app.corpus().document(d).id[..4])
        .collect();
    assert_eq!(ids, ["0000", "000_", "001_", "002_", "003_", "004_"]);
}

#[test]
fn filters_and_search_stay_in_force_over_the_new_documents() {
    let dir = collection();
    let mut app = opened(dir.path());
    type_keys(&mut app, "f right c a r e r e v i e w enter esc");
    assert_eq!(app.filters.list().len(), 1);
    let chip = app.filters.list()[0].chip(&app.facets);
    let before = app.visible().len();
    type_keys(&mut app, "/ s e c o n d enter");
    let hits = app.search.as_ref().unwrap().hit_count();
    write_thread(
        dir.path(),
        "zz_new.txt",
        "Another look at the second review",
    );
    files_changed(&mut app, dir.path());
    assert_eq!(app.filters.list()[0].chip(&app.facets), chip);
    assert_eq!(
        app.visible().len(),
        before + 1,
        "the new thread has the tag"
    );
    let search = app.search.as_ref().expect("the search stays");
    assert_eq!(search.text, "second");
    // Both new posts say "second"; the first alone has the tag the filter asks for.
    assert_eq!(search.hit_count(), hits + 1);
}

#[test]
fn a_filter_on_a_value_no_post_has_any_more_is_removed_and_said() {
    let dir = collection();
    write_thread(dir.path(), "zz_new.txt", "Watch #OnlyHere");
    let mut app = opened(dir.path());
    type_keys(&mut app, "f right o n l y h e r e enter esc");
    assert_eq!(app.visible().len(), 1);
    std::fs::remove_file(dir.path().join("zz_new.txt")).unwrap();
    files_changed(&mut app, dir.path());
    assert_eq!(
        app.message(),
        Some(
            "1 document removed; #OnlyHere is on no post now: filter removed; \
             zz_new, the document you were reading, is gone"
        )
    );
    assert!(app.filters.is_empty());
    assert_eq!(app.visible().len(), 5);
}

#[test]
fn the_document_read_removed_leaves_the_reader_at_the_top_of_its_row_reading_nothing() {
    let dir = collection();
    let (mut app, _kept) = reviewing(dir.path());
    type_keys(&mut app, "j j enter G");
    assert_eq!(id(&app), "002");
    assert!(app.thread.scroll() > 0);
    let file = current_file(&app);
    std::fs::remove_file(&file).unwrap();
    files_changed(&mut app, dir.path());
    assert_eq!(
        app.message(),
        Some("1 document removed; 002_12ed20b751bd733c, the document you were reading, is gone")
    );
    assert_eq!(id(&app), "003", "the row it was on");
    assert_eq!(app.thread.scroll(), 0, "from its top");
    assert_eq!(label(&app), "¶1");
    let at = app
        .facets
        .places()
        .ordinal(app.current_post().unwrap())
        .unwrap();
    assert!(!app.review.is_read(at), "the reload read nothing");
}

#[test]
fn a_file_of_the_same_name_added_elsewhere_does_not_take_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("b")).unwrap();
    write_thread(&dir.path().join("b"), "notes.txt", "Notes from b");
    let mut app = opened(dir.path());
    assert_eq!(app.corpus().documents[0].id, "notes");
    std::fs::create_dir_all(dir.path().join("a")).unwrap();
    write_thread(&dir.path().join("a"), "notes.txt", "Notes from a");
    files_changed(&mut app, dir.path());
    let doc = app.corpus().document(app.current_doc().unwrap());
    assert!(doc.path.ends_with("b/notes.txt"), "{}", doc.path);
}

#[test]
fn a_code_typed_for_a_post_that_is_gone_is_not_put_on_another() {
    let dir = collection();
    let mut app = opened(dir.path());
    type_keys(&mut app, "j j enter j c f u n");
    let file = current_file(&app);
    std::fs::remove_file(&file).unwrap();
    files_changed(&mut app, dir.path());
    assert!(app.prompt.is_none(), "the prompt is closed");
    let said = app.message().unwrap();
    assert!(
        said.ends_with("the post being reviewed changed on disk: not saved"),
        "{said}"
    );
    assert!(app.review.posts().is_empty(), "no post was coded");
}

#[test]
fn a_filter_whose_value_is_now_written_otherwise_stays() {
    let dir = tempfile::tempdir().unwrap();
    let note = |text: &str| format!("1/ {text}\n\n2/ More.\n\n3/ End.\n");
    std::fs::write(dir.path().join("a.txt"), note("One #CareReview")).unwrap();
    let mut app = opened(dir.path());
    type_keys(&mut app, "f right c a r e r e v i e w enter esc");
    assert_eq!(app.filters.list().len(), 1);
    // Three more posts write it in lower case: the most used spelling changes.
    for name in ["b.txt", "c.txt", "d.txt"] {
        std::fs::write(dir.path().join(name), note("Also #carereview")).unwrap();
    }
    files_changed(&mut app, dir.path());
    assert_eq!(app.message(), Some("3 documents added"));
    let tags = app.facets.entries(FacetKind::Hashtag);
    assert_eq!(tags[0].name, "carereview", "the spelling most used now");
    assert_eq!(app.filters.list().len(), 1, "the filter stays");
    assert_eq!(app.visible().len(), 4);
}

#[test]
fn the_filter_panel_keeps_its_selection() {
    let dir = collection();
    let mut app = opened(dir.path());
    type_keys(&mut app, "f right down down");
    let selected = app.panel.selected_name(&app.facets).unwrap();
    write_thread(dir.path(), "zz_new.txt", "A thread");
    files_changed(&mut app, dir.path());
    assert_eq!(app.panel.selected_name(&app.facets).unwrap(), selected);
}

#[test]
fn posts_read_under_a_filter_on_unread_stay_in_view() {
    let dir = collection();
    let (mut app, _kept) = reviewing(dir.path());
    type_keys(&mut app, "f left left u n r e a d enter esc enter j j");
    assert_eq!(label(&app), "post 3/20");
    write_thread(dir.path(), "zz_new.txt", "A thread");
    files_changed(&mut app, dir.path());
    assert_eq!(label(&app), "post 3/20", "the reader stays");
    type_keys(&mut app, "k k");
    assert_eq!(label(&app), "post 1/20", "the posts read are still shown");
}

#[test]
fn marks_no_longer_found_are_said() {
    let dir = collection();
    let (mut app, _kept) = reviewing(dir.path());
    type_keys(&mut app, "enter j m");
    let file = current_file(&app);
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replacen("The review commenced", "It all began", 1);
    std::fs::write(&file, edited).unwrap();
    files_changed(&mut app, dir.path());
    assert_eq!(
        app.message(),
        // The listing that repeats the thread changes with it.
        Some("2 documents changed; 1 reviewed post no longer found (w lists them)")
    );
}

#[test]
fn a_file_saved_unchanged_reloads_nothing_and_says_nothing() {
    let dir = collection();
    let mut app = opened(dir.path());
    type_keys(&mut app, "j");
    let file = current_file(&app);
    let text = std::fs::read(&file).unwrap();
    std::fs::write(&file, text).unwrap();
    let shown = app.shared_corpus();
    files_changed(&mut app, dir.path());
    assert!(Arc::ptr_eq(&shown, &app.corpus), "the same corpus");
    assert_eq!(app.message(), None);
}

#[test]
fn a_post_edited_stays_current_and_its_document_counts_as_changed() {
    let dir = collection();
    let mut app = opened(dir.path());
    type_keys(&mut app, "enter j");
    assert_eq!(label(&app), "post 2/20");
    let file = current_file(&app);
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replacen("The review commenced", "The review began", 1);
    assert_ne!(edited, text);
    std::fs::write(&file, edited).unwrap();
    files_changed(&mut app, dir.path());
    let changed = app.message().unwrap();
    assert!(changed.ends_with("changed"), "{changed}");
    let at = app.current_post().unwrap();
    assert_eq!(
        label(&app),
        "post 2/20",
        "its position, though its text changed"
    );
    assert!(app.corpus().post(at).text.starts_with("The review began"));
}

#[test]
fn marks_follow_their_posts_when_documents_move() {
    let dir = collection();
    let (mut app, _kept) = reviewing(dir.path());
    type_keys(&mut app, "j j j enter j m");
    assert_eq!(app.message(), Some("¶2: marked"));
    let marked = app.corpus().post(app.current_post().unwrap()).text.clone();
    write_thread(dir.path(), "0000_first.txt", "Filed before every other");
    files_changed(&mut app, dir.path());
    let at = app.current_post().unwrap();
    assert_eq!(app.corpus().post(at).text, marked);
    assert!(
        app.post_review(at).unwrap().marked,
        "the mark is on the same post"
    );
    let places = app.facets.places();
    let marked_posts = app.review.facet_posts(places).marked;
    assert_eq!(marked_posts, [places.ordinal(at).unwrap()]);
}

#[test]
fn a_change_while_a_reload_runs_is_loaded_after_it() {
    let dir = collection();
    let mut app = opened(dir.path());
    app.handle(Event::FilesChanged);
    assert_eq!(app.take_effects(), [Effect::Reload]);
    app.handle(Event::FilesChanged);
    assert!(app.take_effects().is_empty(), "one reload at a time");
    let outcome = reload(&options(dir.path()), &app.shared_corpus(), None);
    app.handle(Event::Reloaded(Box::new(outcome)));
    assert_eq!(
        app.take_effects(),
        [Effect::Reload],
        "the change it may have missed"
    );
}

#[test]
fn every_file_removed_empties_the_list_and_a_new_one_fills_it() {
    let dir = collection();
    let mut app = opened(dir.path());
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    files_changed(&mut app, dir.path());
    assert_eq!(
        app.message(),
        Some("5 documents removed; 000_bcd5621f043b7544, the document you were reading, is gone")
    );
    assert!(app.corpus().documents.is_empty());
    assert_eq!(app.current_doc(), None);
    assert!(app.load_error().is_some());
    write_thread(dir.path(), "back.txt", "Starting over");
    files_changed(&mut app, dir.path());
    assert_eq!(app.message(), Some("1 document added"));
    assert_eq!(app.load_error(), None);
    assert_eq!(id(&app), "bac");
}

#[test]
fn what_changed_is_counted_by_document_id() {
    let dir = collection();
    let shown = load::load(&options(dir.path())).unwrap();
    write_thread(dir.path(), "new.txt", "New");
    std::fs::remove_file(dir.path().join("004_8bb49e90aa2e23a7.txt")).unwrap();
    let reloaded = load::load(&options(dir.path())).unwrap();
    let change = Change::between(&shown, &reloaded);
    assert_eq!((change.added, change.changed, change.removed), (1, 0, 1));
    assert_eq!(change.describe().unwrap(), "1 document added, 1 removed");
    let many = Change {
        added: 2,
        changed: 3,
        ..Change::default()
    };
    assert_eq!(many.describe().unwrap(), "2 documents added, 3 changed");
    assert_eq!(Change::default().describe(), None);
}

#[test]
fn news_from_the_watch_during_the_first_load_is_kept_for_after_it() {
    let dir = collection();
    let receiver = load_in_background(&options(dir.path()), Loaded::new).unwrap();
    let mut app = App::for_background_load(Keymap::builtin(), Opening::default(), (120, 40));
    let why = "not watching /x for changes: the system's limit of watched folders is reached";
    app.handle(Event::Unwatched(why.to_string()));
    app.handle(Event::FilesChanged);
    assert!(app.take_effects().is_empty(), "no reload while loading");
    for progress in receiver {
        if matches!(progress, crate::app::Progress::Written(_)) {
            let effects = app.take_effects();
            assert!(effects.is_empty(), "no reload while the cache is written");
        }
        app.handle(Event::Load(Box::new(progress)));
    }
    assert_eq!(
        app.message(),
        Some(format!("loaded 5 documents; {why}").as_str())
    );
    assert_eq!(
        app.take_effects(),
        [Effect::Reload],
        "the change is loaded now"
    );
    let warnings: Vec<String> = (app.warning_lines(200).iter())
        .map(|line| line.text.clone())
        .collect();
    assert!(warnings.iter().any(|w| w.contains(why)), "{warnings:?}");
}

#[test]
fn a_reload_runs_on_threads_whose_panics_leave_the_terminal_to_the_ui() {
    // The panic hook leaves the terminal alone for a reload's threads: its own and those of
    // the pool it parses with, which run all of its work.
    let on = crate::app::loader::in_a_pool_of_its_own(RELOADER, || {
        std::thread::current().name().map(String::from)
    });
    assert!(is_reloader(on.as_deref()), "{on:?}");
    assert!(is_reloader(Some(RELOADER)));
    let load = crate::app::loader::in_a_pool_of_its_own(crate::app::loader::LOADER, || {
        std::thread::current().name().map(String::from)
    });
    assert!(!is_reloader(load.as_deref()), "{load:?}");
    assert!(!is_reloader(None));
}
