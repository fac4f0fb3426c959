//! Behaviour: key sequences fed to the app over the bundled seeds, asserting its state.

use super::*;
use crate::corpus::load;
use crate::facets::FacetKind;
use crate::filters::Count;
use crate::keymap::KeySeq;
use crate::present::post_name;

mod loading;

fn app_at(size: (u16, u16), opening: Opening) -> App {
    App::new(load::bundled(), Keymap::builtin(), opening, size)
}

fn app() -> App {
    app_at((120, 40), Opening::default())
}

/// Presses keys written as keymap.toml spells them, separated by spaces.
fn press(app: &mut App, keys: &str) {
    for key in keys.parse::<KeySeq>().map(|s| s.0).unwrap_or_default() {
        app.handle(Event::Key(key));
    }
}

/// Presses keys one by one, so longer runs than a binding allows can be typed.
fn type_keys(app: &mut App, keys: &str) {
    for word in keys.split_whitespace() {
        press(app, word);
    }
}

fn id(app: &App) -> &str {
    &app.corpus.document(app.current_doc().unwrap()).id[..3]
}

fn label(app: &App) -> String {
    let at = app.current_post().unwrap();
    let doc = app.corpus.document(at.doc);
    post_name(doc, at)
}

#[test]
fn moving_through_documents_and_posts() {
    let mut app = app();
    type_keys(&mut app, "j j");
    assert_eq!(id(&app), "002");
    type_keys(&mut app, "G");
    assert_eq!(id(&app), "004");
    type_keys(&mut app, "g g");
    assert_eq!(id(&app), "000");
    type_keys(&mut app, "enter j j");
    assert_eq!(app.focus, Pane::Thread);
    assert_eq!(label(&app), "post 3/20");
    type_keys(&mut app, "G");
    assert_eq!(label(&app), "post 20/20");
}

#[test]
fn typing_a_label_and_enter_jumps_to_it() {
    let mut app = app();
    type_keys(&mut app, "l 1 2 enter");
    assert_eq!(label(&app), "post 12/20");
    type_keys(&mut app, ": 4 enter");
    assert_eq!(label(&app), "post 4/20");
    type_keys(&mut app, ": 9 9 enter");
    assert_eq!(label(&app), "post 4/20");
    assert_eq!(
        app.message.as_deref(),
        Some("no post 99 in 000_bcd5621f043b7544: its posts are 1–20")
    );
}

#[test]
fn filter_panel_applies_and_negates_and_combines() {
    let mut app = app();
    type_keys(&mut app, "f right c a r e r e v i e w enter");
    assert_eq!(app.filters.list().len(), 1);
    let ids: Vec<&str> = app
        .visible()
        .iter()
        .map(|&d| &app.corpus.document(d).id[..3])
        .collect();
    assert_eq!(ids, ["000", "001", "002"]);
    // A second filter, negated: the author of 001.
    // Applying gave focus back: `f` opens the panel again, on the same tab.
    assert_eq!(app.focus, Pane::Documents);
    type_keys(&mut app, "f left s a m t r n e r ctrl-x");
    let ids: Vec<&str> = app
        .visible()
        .iter()
        .map(|&d| &app.corpus.document(d).id[..3])
        .collect();
    assert_eq!(ids, ["000", "002"]);
    assert_eq!(
        app.filters.list()[1].chip(&app.facets),
        "NOT author:@samtrner"
    );
    // Backspace on an empty query removes the last filter; X (outside the panel) all.
    type_keys(&mut app, "f backspace");
    assert_eq!(app.visible().len(), 3);
    type_keys(&mut app, "esc X");
    assert_eq!(app.visible().len(), 5);
}

#[test]
fn drill_down_counts_follow_the_filters() {
    let mut app = app();
    let hashtags = app.facets.entries(FacetKind::Hashtag);
    let care = hashtags
        .iter()
        .position(|e| e.name == "carereview")
        .unwrap();
    let advocacy = hashtags.iter().position(|e| e.name == "Advocacy").unwrap();
    let before = app.filters.drill(FacetKind::Hashtag, advocacy);
    app.apply_filter(Filter {
        kind: FacetKind::Hashtag,
        entry: advocacy,
        negated: false,
    });
    assert_eq!(app.filters.drill(FacetKind::Hashtag, advocacy), before);
    // Another hashtag widens (values of one facet combine with OR): to the posts with
    // either.
    let either = |at: crate::corpus::PostRef| {
        let tags = &app.corpus.post(at).hashtags;
        tags.iter()
            .any(|t| t.eq_ignore_ascii_case("carereview") || &**t == "Advocacy")
    };
    let mut posts = Vec::new();
    for (d, doc) in app.corpus.documents.iter().enumerate() {
        for (t, thread) in doc.threads.iter().enumerate() {
            for p in 0..thread.posts.len() {
                let at = crate::corpus::PostRef {
                    doc: crate::corpus::DocIndex::new(d),
                    thread: t,
                    post: p,
                };
                posts.extend(Some(at).filter(|&at| either(at)));
            }
        }
    }
    let mut documents: Vec<_> = posts.iter().map(|at| at.doc).collect();
    documents.dedup();
    let care_left = app.filters.drill(FacetKind::Hashtag, care);
    assert_eq!(
        care_left,
        Count {
            documents: documents.len(),
            posts: posts.len()
        }
    );
    assert!(care_left.posts > before.posts);
    let authors = app.facets.entries(FacetKind::Author);
    let fiona = authors
        .iter()
        .position(|e| e.name == "Fiona Simpson")
        .unwrap();
    assert_eq!(app.filters.drill(FacetKind::Author, fiona).posts, 0);
}

#[test]
fn n_moves_between_passing_posts_across_documents() {
    let mut app = app();
    type_keys(&mut app, "f right c a r e r e v i e w enter esc");
    let passing = app.filters.passing().unwrap();
    let marked: Vec<_> = passing.iter().map(|&o| app.filters.post_ref(o)).collect();
    type_keys(&mut app, "n");
    assert_eq!(app.current_post(), Some(marked[1]));
    type_keys(&mut app, "n n n");
    assert_eq!(app.current_post(), Some(marked[4]));
    type_keys(&mut app, "N");
    assert_eq!(app.current_post(), Some(marked[3]));
}

#[test]
fn search_in_all_documents_then_in_this_one() {
    let mut app = app();
    type_keys(&mut app, "/ f r o n t l i n e");
    let search = app.search.clone().unwrap();
    assert_eq!(search.scope, Scope::All);
    let all = search.hit_count();
    // Tab in the prompt narrows to this document.
    type_keys(&mut app, "tab");
    let search = app.search.as_ref().unwrap();
    assert_eq!(search.scope, Scope::Document);
    let in_doc = search.hit_count();
    assert!(all > in_doc, "{all} hits in all, {in_doc} in the document");
    type_keys(&mut app, "tab");
    type_keys(&mut app, "enter");
    assert!(app.prompt.is_none());
    let first = app.current_post().unwrap();
    assert!(app.search.as_ref().unwrap().is_hit(first));
    type_keys(&mut app, "n");
    assert_ne!(app.current_post(), Some(first));
    type_keys(&mut app, "esc");
    assert!(app.search.is_none());
}

#[test]
fn an_extended_query_narrows_like_a_full_search() {
    let corpus = load::bundled();
    let posts = Arc::new(PostTable::new(&corpus));
    let filters = Filters::new(corpus.documents.len(), &Facets::build(&corpus), Vec::new());
    let fresh = |text: &str| {
        let search = Search::new(&posts, &filters, text, Scope::All, None);
        search.hits().collect::<Vec<_>>()
    };
    let mut typed = Search::new(&posts, &filters, "c", Scope::All, None);
    // Typed on, deleted back (the earlier hits come back), edited in the middle.
    for text in [
        "ca", "care", "care rev", "care", "car", "care r", "cure r", "c",
    ] {
        typed.retype(&filters, text);
        let hits: Vec<_> = typed.hits().collect();
        assert_eq!(hits, fresh(text), "after typing {text:?}");
        assert!(
            !hits.is_empty() || text.starts_with("cure"),
            "{text:?} finds something"
        );
    }
}

#[test]
fn n_and_shift_n_walk_the_hits_and_wrap() {
    let mut app = app();
    type_keys(&mut app, "/ c a r e enter");
    let hits: Vec<_> = app.search.as_ref().unwrap().hits().collect();
    assert!(hits.len() > 2);
    assert_eq!(app.current_post(), Some(hits[0]));
    type_keys(&mut app, "n");
    assert_eq!(app.current_post(), Some(hits[1]));
    assert_eq!(
        app.message.as_deref(),
        Some(&*format!("search hit 2 of {}", hits.len()))
    );
    type_keys(&mut app, "N N");
    assert_eq!(app.current_post(), hits.last().copied());
    let wrapped = format!("search hit {} of {} (wrapped)", hits.len(), hits.len());
    assert_eq!(app.message.as_deref(), Some(&*wrapped));
    type_keys(&mut app, "n");
    assert_eq!(app.current_post(), Some(hits[0]));
}

#[test]
fn an_extended_panel_query_ranks_like_a_fresh_one() {
    let mut app = app();
    type_keys(&mut app, "f right right c");
    type_keys(&mut app, "a r e");
    let typed = app.panel.rows.clone();
    app.panel.refresh(&app.facets, &app.filters);
    assert_eq!(app.panel.rows, typed);
}

#[test]
fn copy_keys_give_a_citation_and_the_reopen_command() {
    let mut app = app();
    type_keys(&mut app, "l j j j y");
    let effects = app.take_effects();
    let [
        Effect::Copy {
            text: citation,
            what,
            shown: None,
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert_eq!(what, "citation of post 4/20");
    assert!(
        citation.starts_with("Nick Cook, May 23, post 4/20: @GavinWilliamson promised"),
        "{citation}"
    );
    assert!(citation.ends_with("[000_bcd5621f043b7544]"));
    // The filter folds post 4 away (it has no #carereview): the current post is the next
    // one shown, post 1 the only one.
    type_keys(&mut app, "f right c a r e enter esc Y");
    let effects = app.take_effects();
    assert_eq!(
        effects,
        [Effect::Copy {
            text: "tread --open=000_bcd5621f043b7544 --post=1 '--filter=#carereview'".to_string(),
            what: "command".to_string(),
            shown: Some(
                "tread --open=000_bcd5621f043b7544 --post=1 '--filter=#carereview'".to_string()
            ),
        }]
    );
}

#[test]
fn scripted_opening_lands_on_document_post_filter_and_search() {
    let corpus = load::bundled();
    let facets = Facets::build(&corpus);
    let filter = Filter::parse("#CareReview", &facets).unwrap();
    let opening = Opening {
        document: Some(DocIndex::new(0)),
        post: Some(crate::address::Address::parse("12").unwrap()),
        filters: vec![filter],
        search: Some("england".to_string()),
        paths: Vec::new(),
        review: None,
    };
    let app = app_at((100, 30), opening);
    // Post 12 has no #CareReview: asked for, it is shown, dimmed among the others.
    assert_eq!(label(&app), "post 12/20");
    assert_eq!(app.hidden, Hidden::Dimmed);
    assert_eq!(app.focus, Pane::Thread);
    assert_eq!(app.visible().len(), 3);
    // The search, in the opened document, finds only posts that pass the filters.
    assert_eq!(app.search.as_ref().unwrap().hit_count(), 1);
}

#[test]
fn filter_expressions_and_their_errors() {
    let corpus = load::bundled();
    let facets = Facets::build(&corpus);
    let parse = |e: &str| Filter::parse(e, &facets);
    let negated = parse("not:@educationgovuk").unwrap();
    assert!(negated.negated && negated.kind == FacetKind::Mention);
    assert_eq!(parse("author:nick").unwrap().kind, FacetKind::Author);
    assert_eq!(
        parse("org:Department for Education").unwrap().kind,
        FacetKind::Org
    );
    let none = parse("#nosuchtag").unwrap_err();
    assert!(!none.usage);
    assert_eq!(
        none.message,
        "filter \"#nosuchtag\": no hashtag matches \"nosuchtag\""
    );
    assert!(parse("care").unwrap_err().usage);
}

#[test]
fn focus_moves_by_layout() {
    let mut app = app_at((80, 24), Opening::default());
    type_keys(&mut app, "tab");
    assert_eq!(app.focus, Pane::Thread);
    // At 80 columns the panel is an overlay: tab skips it, f opens it, esc closes it.
    type_keys(&mut app, "tab");
    assert_eq!(app.focus, Pane::Documents);
    type_keys(&mut app, "f");
    assert_eq!(app.focus, Pane::Filter);
    type_keys(&mut app, "esc");
    assert_eq!(app.focus, Pane::Documents);
    app.handle(Event::Resize(50, 20));
    type_keys(&mut app, "tab tab");
    assert_eq!(app.focus, Pane::Filter);
}

#[test]
fn keys_of_a_sequence_wait_for_the_next() {
    let mut app = app();
    type_keys(&mut app, "G g");
    assert_eq!(app.pending.len(), 1);
    assert_eq!(id(&app), "004");
    type_keys(&mut app, "k");
    assert!(app.pending.is_empty());
    assert_eq!(id(&app), "003");
}

#[test]
fn mouse_clicks_select_and_the_wheel_scrolls() {
    let mut app = app();
    let panes = app.panes();
    let list = panes.documents_list;
    app.handle(Event::Click(list.x + 2, list.y + 3));
    assert_eq!(id(&app), "003");
    let thread = panes.thread_inner;
    app.handle(Event::Scroll {
        column: thread.x + 2,
        row: thread.y + 2,
        down: true,
    });
    assert_eq!(app.thread.scroll(), 1);
    assert_eq!(app.focus, Pane::Documents);
}

#[test]
fn in_an_unnumbered_thread_a_number_is_a_position() {
    // 002 opens with an unnumbered excerpt; a later excerpt is labelled 1/, 2/, 3/.
    let opening = Opening {
        document: Some(DocIndex::new(2)),
        post: Some(crate::address::Address::parse("2").unwrap()),
        ..Opening::default()
    };
    let mut app = app_at((120, 40), opening);
    assert_eq!(app.current_post().map(|p| (p.thread, p.post)), Some((0, 1)));
    // From inside a numbered thread, the label wins.
    type_keys(&mut app, "} } 3 enter");
    let at = app.current_post().unwrap();
    assert_eq!(label(&app), "thread 3 · post 3/20");
    assert_eq!(at.thread, 2);
}

#[test]
fn the_help_overlay_scrolls_no_further_than_its_end() {
    let mut app = app_at((80, 24), Opening::default());
    type_keys(&mut app, "?");
    for _ in 0..200 {
        type_keys(&mut app, "j");
    }
    let last = app.overlay_max_scroll();
    assert!(last > 0);
    type_keys(&mut app, "k");
    assert_eq!(app.overlay, Some(Overlay::Help { scroll: last - 1 }));
    type_keys(&mut app, "esc");
    assert_eq!(app.overlay, None);
}

#[test]
fn a_hidden_thread_pane_keeps_its_wrapping() {
    let mut app = app_at((50, 20), Opening::default());
    type_keys(&mut app, "tab");
    let width = app.thread.layout().unwrap().width;
    type_keys(&mut app, "shift-tab j");
    assert_eq!(app.thread.layout().unwrap().width, width);
    assert_eq!(id(&app), "001");
}

#[test]
fn the_search_scope_can_be_chosen_before_typing() {
    let mut app = app();
    type_keys(&mut app, "/ ctrl-g i n d e p e n d e n t");
    let search = app.search.as_ref().unwrap();
    assert_eq!(search.scope, Scope::Document);
    assert_eq!(search.documents(), 1);
    // The choice stays for the next search.
    type_keys(&mut app, "enter esc / c a r e");
    assert_eq!(app.search.as_ref().unwrap().scope, Scope::Document);
}

#[test]
fn a_post_of_megabytes_is_cited_cut_and_titled_by_its_opening() {
    use crate::corpus::{Corpus, Glossary, Source};
    let text = "word ".repeat(2_000_000);
    let source = Source {
        id: "huge".to_string(),
        path: "huge.txt".to_string(),
        text,
        warnings: Vec::new(),
    };
    let corpus = Corpus::from_sources(vec![source], &Glossary::default());
    assert!(corpus.documents[0].display_title().chars().count() <= crate::corpus::OPENING_CHARS);
    let mut app = App::new(corpus, Keymap::builtin(), Opening::default(), (100, 30));
    type_keys(&mut app, "l y");
    let effects = app.take_effects();
    let [
        Effect::Copy {
            text: citation,
            what,
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert!(
        citation.len() < crate::present::MAX_CITED_BYTES + 100,
        "{}",
        citation.len()
    );
    assert!(
        citation.ends_with("word… [huge]"),
        "{}",
        &citation[citation.len() - 40..]
    );
    assert_eq!(what, "citation of ¶1 (its text cut at 100 KB)");
}
#[test]
fn a_listing_post_has_one_address_in_jump_title_and_reopen_command() {
    let opening = Opening {
        document: Some(DocIndex::new(2)),
        ..Opening::default()
    };
    let mut app = app_at((120, 40), opening);
    type_keys(&mut app, ": 5 : 2 enter");
    let at = app.current_post().unwrap();
    assert_eq!((at.thread, at.post), (4, 1));
    assert_eq!(label(&app), "thread 5 · post 2/16");
    // A bare number is looked for in the current thread.
    type_keys(&mut app, "3 enter");
    assert_eq!(label(&app), "thread 5 · post 3/16");
    type_keys(&mut app, "2 / 1 6 enter Y");
    let effects = app.take_effects();
    let [Effect::Copy { text, .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(text, "tread --open=002_12ed20b751bd733c --post=5:2");
    type_keys(&mut app, ": 1 3 : 1 enter");
    assert_eq!(
        app.message.as_deref(),
        Some("no thread 13 in 002_12ed20b751bd733c: its threads are 1–12")
    );
}

#[test]
fn posts_the_filters_leave_out_fold_and_dim_with_one_key() {
    let corpus = load::bundled();
    let facets = Facets::build(&corpus);
    let filters = ["#carereview", "not:author:Nick Cook"]
        .map(|e| Filter::parse(e, &facets).unwrap())
        .to_vec();
    let opening = Opening {
        document: Some(DocIndex::new(2)),
        filters,
        ..Opening::default()
    };
    let mut app = app_at((120, 40), opening);
    let ids: Vec<&str> = (app.visible().iter())
        .map(|&d| &app.corpus.document(d).id[..3])
        .collect();
    assert_eq!(ids, ["001", "002"]);
    let layout = app.thread.layout().unwrap();
    let shown = layout.posts.len();
    let passing = app.filters.passing_in(DocIndex::new(2)).unwrap();
    assert_eq!(shown, passing);
    assert!(shown < app.corpus.document(DocIndex::new(2)).post_count());
    let folds: Vec<String> = (layout.items.iter())
        .filter_map(|item| match item {
            layout::Item::Heading(lines) if lines[0].1 == layout::Tone::Folded => {
                Some(lines[0].0.clone())
            }
            _ => None,
        })
        .collect();
    // Nick Cook's excerpt (thread 3) is folded whole; z shows every post, dimmed.
    assert!(
        folds.contains(&"⋯ thread 3 of 12 hidden by filters (z shows it)".to_string()),
        "{folds:?}"
    );
    assert!(
        folds.contains(&"⋯ 2 posts hidden by filters (z shows them)".to_string()),
        "{folds:?}"
    );
    type_keys(&mut app, "z");
    assert_eq!(app.hidden(), Hidden::Dimmed);
    let all = app.corpus.document(DocIndex::new(2)).post_count();
    assert_eq!(app.thread.layout().unwrap().posts.len(), all);
    type_keys(&mut app, "z");
    assert_eq!(app.thread.layout().unwrap().posts.len(), passing);
    // Jumping to a folded post shows it, dimmed.
    type_keys(&mut app, ": 3 : 1 enter");
    assert_eq!(label(&app), "thread 3 · post 1/20");
    assert_eq!(app.hidden(), Hidden::Dimmed);
}

#[test]
fn a_search_without_a_document_looks_everywhere_and_only_at_passing_posts() {
    let opening = Opening {
        search: Some("mockingbird".to_string()),
        ..Opening::default()
    };
    let app = app_at((120, 40), opening);
    assert_eq!(app.search.as_ref().unwrap().scope, Scope::All);
    assert_eq!(id(&app), "002");
    assert_eq!(label(&app), "thread 1 · post 3");
    // With filters, a hit the filters leave out is no hit: n could not show it.
    let corpus = load::bundled();
    let facets = Facets::build(&corpus);
    let opening = Opening {
        filters: vec![Filter::parse("not:author:Nick Cook", &facets).unwrap()],
        search: Some("independent".to_string()),
        ..Opening::default()
    };
    let app = app_at((120, 40), opening);
    let search = app.search.as_ref().unwrap();
    assert!(search.hit_count() > 0);
    for hit in search.hits() {
        assert!(app.filters.post_passes(hit), "{hit:?}");
    }
    // An opened document scopes the search to it.
    let opening = Opening {
        document: Some(DocIndex::new(0)),
        search: Some("mockingbird".to_string()),
        ..Opening::default()
    };
    let app = app_at((120, 40), opening);
    assert_eq!(app.search.as_ref().unwrap().scope, Scope::Document);
    assert_eq!(app.search.as_ref().unwrap().hit_count(), 0);
}

#[test]
fn a_citation_from_a_listing_names_the_thread_and_its_author() {
    let corpus = load::bundled();
    let at = crate::corpus::PostRef {
        doc: DocIndex::new(2),
        thread: 2,
        post: 0,
    };
    let (citation, _) = crate::present::citation(&corpus, at);
    assert!(
        citation.starts_with("Nick Cook, thread 3 · post 1/20: A personal 🧵"),
        "{citation}"
    );
    assert!(citation.ends_with("[002_12ed20b751bd733c]"));
}

#[test]
fn a_filter_that_would_leave_nothing_is_refused_with_a_word() {
    let mut app = app();
    // #Advocacy is in one post of the listing; no article has it.
    type_keys(&mut app, "f right A d v o c a c y enter");
    assert_eq!(app.filters.list().len(), 1);
    let kinds = app.facets.entries(FacetKind::Kind);
    let article = kinds.iter().position(|e| e.name == "article").unwrap();
    assert_eq!(app.filters.drill(FacetKind::Kind, article).posts, 0);
    type_keys(&mut app, "f right right right a r t i c l e enter");
    assert_eq!(app.filters.list().len(), 1, "refused");
    assert_eq!(
        app.message.as_deref(),
        Some("kind:article would leave no posts: not applied")
    );
    assert_eq!(app.visible().len(), 1);
    // Two authors: posts by either.
    // Refused, the panel keeps focus.
    assert_eq!(app.focus, Pane::Filter);
    type_keys(
        &mut app,
        "esc X f right right right n i c k enter f f i o n a enter",
    );
    let ids: Vec<&str> = (app.visible().iter())
        .map(|&d| &app.corpus.document(d).id[..3])
        .collect();
    assert_eq!(ids, ["000", "002", "003"]);
}

#[test]
fn posts_folded_by_filters_are_not_told_as_missing() {
    let corpus = load::bundled();
    let facets = Facets::build(&corpus);
    let opening = Opening {
        document: Some(DocIndex::new(0)),
        filters: vec![Filter::parse("org:DfE", &facets).unwrap()],
        ..Opening::default()
    };
    let app = app_at((120, 40), opening);
    let layout = app.thread.layout().unwrap();
    let headings: Vec<&str> = (layout.items.iter())
        .filter_map(|item| match item {
            layout::Item::Heading(lines) => Some(lines[0].0.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        headings.iter().any(|h| h.contains("hidden by filters")),
        "{headings:?}"
    );
    assert!(
        !headings.iter().any(|h| h.contains("missing")),
        "{headings:?}"
    );
}

mod reload;
mod review;

#[test]
fn a_repeated_threads_header_names_the_document_holding_it_and_its_author() {
    use crate::app::thread::layout::{Item, Layout};
    let corpus = load::bundled();
    let ids = crate::app::documents::ShortIds::new(&corpus);
    let holders = crate::app::documents::ById {
        ids: &ids,
        documents: &corpus.documents,
    };
    let layout = Layout::build(&corpus, &holders, DocIndex::new(2), 200, None, &|_| {
        Vec::new()
    });
    let headings: Vec<String> = (layout.items.iter())
        .filter_map(|item| match item {
            Item::Heading(lines) => Some(lines.iter().map(|(l, _)| l.as_str()).collect()),
            Item::Post(_) => None,
        })
        .collect();
    let repeated = headings.iter().find(|h| h.contains("same thread as"));
    let repeated = repeated.expect("the listing repeats a thread of another seed");
    assert!(
        repeated.ends_with("same thread as 000_bcd5621f043b7544 Nick Cook"),
        "{repeated}"
    );
}
