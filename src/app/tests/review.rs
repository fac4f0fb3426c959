//! The review keys, driven as a reviewer would, with the review kept in a file.

use super::*;
use crate::review::Review;
use layout::Item;
use std::path::Path;

/// The app over the seeds with the review in `path`, as the UI opens it.
fn reviewing(path: &Path, resume: bool) -> App {
    let mut app = app();
    app.attach_review(Review::open(path, &[]).unwrap(), resume);
    app
}

/// Types `text` into whatever has the keys, a character at a time.
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let key = match c {
            ' ' => "space".to_string(),
            c => c.to_string(),
        };
        press(app, &key);
    }
}

fn review_of(app: &App) -> crate::review::PostReview {
    let at = app.current_post().unwrap();
    app.post_review(at).cloned().unwrap_or_default()
}

#[test]
fn marks_codes_and_notes_are_kept_and_found_again_on_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.jsonl");
    let mut app = reviewing(&path, false);
    type_keys(&mut app, "enter m");
    assert_eq!(app.message(), Some("post 1/20: marked"));
    type_keys(&mut app, "j c");
    type_text(&mut app, "funding");
    press(&mut app, "enter");
    assert_eq!(app.message(), Some("post 2/20: coded funding"));
    // The code prompt completes from the codes in use.
    type_keys(&mut app, "j c f u");
    assert_eq!(app.code_candidates(), [("funding".to_string(), 1)]);
    type_keys(&mut app, "tab enter a");
    type_text(&mut app, "Cites the DfE budget");
    press(&mut app, "enter");
    let third = review_of(&app);
    assert_eq!(third.codes, ["funding"]);
    assert_eq!(third.note.as_deref(), Some("Cites the DfE budget"));
    // The thread pane shows them under the post.
    let layout = app.thread().layout().unwrap();
    let Item::Post(post) = &layout.items[layout.item_at(layout.post_lines(2).unwrap().start)]
    else {
        panic!("post 3 is a post");
    };
    let lines: Vec<&str> = post.annotations.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(lines, ["⌗ funding", "✎ Cites the DfE budget"]);
    drop(app);

    let mut again = reviewing(&path, false);
    type_keys(&mut again, "enter");
    assert!(review_of(&again).marked);
    type_keys(&mut again, "j");
    assert_eq!(review_of(&again).codes, ["funding"]);
    type_keys(&mut again, "j");
    assert_eq!(review_of(&again), third);
    // Coding a post with a code it has removes it.
    type_keys(&mut again, "c");
    type_text(&mut again, "funding");
    press(&mut again, "enter");
    assert_eq!(again.message(), Some("post 3/20: code funding removed"));
    assert!(review_of(&again).codes.is_empty());
}

#[test]
fn undo_takes_back_this_sessions_changes_one_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.jsonl");
    let mut app = reviewing(&path, false);
    type_keys(&mut app, "enter m a");
    type_text(&mut app, "first thought");
    type_keys(&mut app, "enter a ctrl-u");
    type_text(&mut app, "second thought");
    press(&mut app, "enter");
    press(&mut app, "u");
    assert_eq!(review_of(&app).note.as_deref(), Some("first thought"));
    press(&mut app, "u");
    assert_eq!(review_of(&app).note, None);
    press(&mut app, "u");
    assert!(!review_of(&app).marked);
    assert!(
        app.message()
            .unwrap()
            .starts_with("undone: mark removed (post 1 of 000_")
    );
    press(&mut app, "u");
    assert_eq!(app.message(), Some("nothing to undo"));
    // Undoing is a change like the others: kept in the file.
    let again = Review::read(&path).unwrap();
    let mut app = app_with(again);
    press(&mut app, "enter");
    assert_eq!(app.post_review(app.current_post().unwrap()), None);
}

fn app_with(review: Review) -> App {
    let mut app = app();
    app.attach_review(review, false);
    app
}

#[test]
fn posts_become_read_in_the_thread_pane_and_unread_ones_are_next() {
    let mut app = app();
    let first = app.current_doc().unwrap();
    // Browsing the list reads nothing.
    type_keys(&mut app, "j k");
    assert_eq!(app.unread_in(first), Some(20));
    type_keys(&mut app, "enter j j");
    assert_eq!(app.unread_in(first), Some(17));
    type_keys(&mut app, "g g ]");
    assert_eq!(label(&app), "post 4/20");
    assert_eq!(app.message(), Some("99 more unread"));
    type_keys(&mut app, "[");
    assert_eq!(id(&app), "004", "the previous unread post wraps to the end");
    assert_eq!(label(&app), "¶13");
}

#[test]
fn unread_posts_in_a_corpus_without_posts_are_none() {
    use crate::corpus::{Corpus, Glossary, Source};
    // A file holding nothing to read (a fuzzer's: one control character) is a document
    // without posts.
    let source = Source {
        id: "empty".to_string(),
        path: "empty.txt".to_string(),
        text: "\u{1a}".to_string(),
        warnings: Vec::new(),
    };
    let corpus = Corpus::from_sources(vec![source], &Glossary::default());
    let mut app = App::new(corpus, Keymap::builtin(), Opening::default(), (102, 40));
    // From the list, then from the thread pane.
    for keys in ["[", "]", "l [", "]"] {
        type_keys(&mut app, keys);
        assert_eq!(app.message(), Some("no unread posts"), "after {keys}");
    }
    assert_eq!(app.focus(), Pane::Thread);
}

#[test]
fn a_post_renumbered_is_found_by_its_text_and_a_vanished_one_is_an_orphan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.jsonl");
    let corpus = load::bundled();
    let doc = &corpus.documents[0];
    let text = &doc.threads[0].posts[4].text;
    let renumbered = crate::review::Anchor::new(&doc.id, "9", text);
    let gone = crate::review::Anchor::new("no-such-document", "1", "words");
    // The same document, captured again with the post's words changed.
    let changed = crate::review::Anchor::new(&doc.id, "2", "words no post of it has");
    // And with a word changed after its opening words: still the post.
    let edited = crate::review::Anchor::new(
        &doc.id,
        "3",
        &format!("{} edited", doc.threads[0].posts[2].text),
    );
    let mut lines = vec![r#"{"tread_review":1}"#.to_string()];
    for anchor in [renumbered, gone, changed, edited] {
        let record = crate::review::Record::new(crate::review::Op::Mark, anchor);
        lines.push(record.to_line());
    }
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let mut app = reviewing(&path, false);
    type_keys(&mut app, "enter 5");
    press(&mut app, "enter");
    assert_eq!(label(&app), "post 5/20");
    assert!(
        review_of(&app).marked,
        "found by its text, not its old number"
    );
    let orphans: Vec<_> = app.review().orphans().collect();
    assert_eq!(orphans.len(), 2);
    assert_eq!(orphans[0].anchor.doc, doc.id);
    assert_eq!(orphans[1].anchor.doc, "no-such-document");
    assert!(orphans.iter().all(|o| o.review.marked));
    // `w` lists them.
    let problems = app.review_problems();
    assert_eq!(
        problems[1],
        "no longer found: no-such-document post 1 “words” (marked)"
    );
    press(&mut app, "w");
    assert_eq!(app.overlay_lines(), 1 + 3 + 4, "summary, document, review");
}

#[test]
fn reopening_returns_to_the_last_view_unless_a_key_came_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.jsonl");
    let mut app = reviewing(&path, true);
    type_keys(&mut app, "j j enter");
    type_text(&mut app, "5:2");
    press(&mut app, "enter");
    type_keys(&mut app, "f right");
    type_text(&mut app, "advocacy");
    type_keys(&mut app, "enter q");
    let filters = app.filters().describe(app.facets());
    assert_eq!(filters, "#Advocacy");
    let place = label(&app);
    let again = reviewing(&path, true);
    assert_eq!(id(&again), "002");
    assert_eq!(label(&again), place);
    assert_eq!(again.filters().describe(again.facets()), filters);
    assert_eq!(
        again.message(),
        Some("back where you left 002_12ed20b751bd733c")
    );
    let fresh = reviewing(&path, false);
    assert_eq!(id(&fresh), "000");
    assert!(fresh.filters().is_empty());
}

#[test]
fn the_review_is_a_facet_combined_with_the_others() {
    let mut app = app();
    type_keys(&mut app, "enter m c");
    type_text(&mut app, "funding");
    type_keys(&mut app, "enter j j m j j j c");
    type_text(&mut app, "funding");
    press(&mut app, "enter");
    let review = app.facets().entries(FacetKind::Review);
    let names: Vec<&str> = review.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["marked", "noted", "read", "unread"]);
    assert_eq!(review[0].posts, 2);
    assert_eq!(
        review[2].posts, 6,
        "six posts were current in the thread pane"
    );
    assert_eq!(review[3].posts, 103 - 6);
    assert_eq!(app.facets().entries(FacetKind::Code)[0].posts, 2);
    let apply = |app: &mut App, e: &str| {
        let filter = Filter::parse(e, app.facets()).unwrap();
        assert!(app.apply_filter(filter), "{e}");
    };
    apply(&mut app, "review:marked");
    assert_eq!(app.filters().passing_count(), Some(2));
    // Marked AND coded funding: one facet with another.
    apply(&mut app, "code:funding");
    assert_eq!(app.filters().passing_count(), Some(1));
    assert_eq!(
        app.filters().describe(app.facets()),
        "review:marked & code:funding"
    );
    // Unmarking the post changes what the filters leave at once: here, nothing, so the
    // review's filters go (a screen with nothing on it would be no answer).
    type_keys(&mut app, "g g m");
    assert!(app.filters().is_empty());
    let said = app.message().unwrap();
    assert!(
        said.ends_with("leaves no post now: the review's filters are removed"),
        "{said}"
    );
    press(&mut app, "u");
    assert!(review_of(&app).marked);
}

#[test]
fn the_reopen_command_names_a_review_given_by_name() {
    let opening = Opening {
        review: Some("/shared/team review.jsonl".to_string()),
        ..Opening::default()
    };
    let app = app_at((120, 40), opening);
    let command = app.reopen_command();
    assert!(
        command.ends_with(" '--review=/shared/team review.jsonl'"),
        "{command}"
    );
}

#[test]
fn marking_under_review_unread_keeps_the_reader_on_the_post() {
    let mut app = app();
    let filter = Filter::parse("review:unread", app.facets()).unwrap();
    assert!(app.apply_filter(filter));
    type_keys(&mut app, "enter j");
    assert_eq!(label(&app), "post 2/20");
    // Post 2 is read now; marking it does not fold it away from under the reader.
    press(&mut app, "m");
    assert_eq!(label(&app), "post 2/20");
    assert!(review_of(&app).marked);
    press(&mut app, "m");
    assert_eq!(label(&app), "post 2/20");
}

#[test]
fn the_next_unread_post_from_the_list_is_the_one_shown_when_unread() {
    let mut app = app();
    press(&mut app, "]");
    assert_eq!(label(&app), "post 1/20");
    press(&mut app, "]");
    assert_eq!(label(&app), "post 2/20");
}

#[test]
fn resuming_still_says_what_was_wrong_with_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.jsonl");
    let mut app = reviewing(&path, true);
    type_keys(&mut app, "j enter q");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text += "not a record\n";
    std::fs::write(&path, text).unwrap();
    let again = reviewing(&path, true);
    let said = again.message().unwrap();
    assert!(said.starts_with("back where you left 001_"), "{said}");
    assert!(said.contains("not a review record"), "{said}");
}

#[test]
fn what_another_tread_writes_shows_at_this_ones_next_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.jsonl");
    let mut one = reviewing(&path, false);
    let mut two = reviewing(&path, false);
    press(&mut two, "enter");
    type_keys(&mut one, "enter c");
    type_text(&mut one, "funding");
    press(&mut one, "enter");
    // Reading post 2 writes, and reads what `one` wrote: post 1's code shows.
    press(&mut two, "j");
    let layout = two.thread().layout().unwrap();
    let Item::Post(post) = &layout.items[layout.item_at(layout.post_lines(0).unwrap().start)]
    else {
        panic!("post 1 is a post");
    };
    assert_eq!(
        post.annotations,
        [("⌗ funding".to_string(), layout::Tone::Code)]
    );
}
