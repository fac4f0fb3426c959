//! Properties that hold for any input, checked on generated text (proptest, on stable).

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tread::app::{App, Event, Filter, Opening};
use tread::corpus::entities::{POST_LIMIT, weighted_len};
use tread::corpus::sanitise::{is_clean, sanitise, sanitise_by_chars, sanitise_owned};
use tread::corpus::{Corpus, Glossary, Source, read};
use tread::facets::{FacetKind, Facets};
use tread::keymap::{KeySeq, Keymap};
use tread::ui::{self, Theme};
use unicode_width::UnicodeWidthStr;

/// Text made of what scraped threads are made of: words, numbering markers, entities,
/// "Image", line breaks, emoji, wide and combining characters, controls and escapes.
fn scraped() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[A-Za-z]{1,12}".prop_map(|w| format!("{w} ")),
        2 => (1u32..30).prop_map(|n| format!("{n}/ ")),
        1 => (1u32..30, 1u32..30).prop_map(|(n, m)| format!("{n}/{m} ")),
        1 => (1u32..30).prop_map(|n| format!("{n}. ")),
        1 => "[A-Za-z]{2,10}".prop_map(|w| format!("#{w} ")),
        1 => "[a-z_]{2,10}".prop_map(|w| format!("@{w} ")),
        1 => Just("Image\n".to_string()),
        2 => Just("\n".to_string()),
        1 => Just("\n\n".to_string()),
        1 => Just("🧵 ".to_string()),
        1 => Just("日本語 ".to_string()),
        1 => Just("e\u{301} ".to_string()),
        1 => Just("Read 12 tweets\n".to_string()),
        1 => Just("\u{1b}[2J\u{1b}]0;t\u{7}\r\n".to_string()),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|pieces| pieces.concat())
}

fn corpus_of(texts: &[String]) -> Corpus {
    let sources = texts
        .iter()
        .enumerate()
        .map(|(i, text)| Source {
            id: format!("d{i}"),
            path: format!("d{i}.txt"),
            text: sanitise(text),
            warnings: Vec::new(),
        })
        .collect();
    Corpus::from_sources(sources, &Glossary::default())
}

proptest! {
    #[test]
    fn sanitise_is_idempotent_and_leaves_no_controls(text in any::<String>()) {
        let once = sanitise(&text);
        prop_assert!(is_clean(&once));
        prop_assert_eq!(sanitise(&once), once.clone());
        // The shortcut for clean text changes nothing.
        prop_assert_eq!(once, sanitise_by_chars(&text));
    }

    #[test]
    fn sanitise_shortcut_agrees_on_scraped_text(text in scraped()) {
        prop_assert_eq!(sanitise(&text), sanitise_by_chars(&text));
        prop_assert_eq!(sanitise_owned(text.clone()), sanitise_by_chars(&text));
    }

    /// The eight-bytes-at-a-time look for work misses no control, wherever it falls among
    /// printable ASCII.
    #[test]
    fn sanitise_shortcut_finds_a_control_anywhere(
        before in "[ -~]{0,24}",
        control in "[\x00-\x1f\x7f\u{85}\u{2028}\u{202e}\u{feff}]",
        after in "[ -~]{0,24}",
    ) {
        let text = format!("{before}{control}{after}");
        prop_assert_eq!(sanitise(&text), sanitise_by_chars(&text));
    }

    #[test]
    fn every_word_of_every_post_is_in_the_input(text in scraped()) {
        let clean = sanitise(&text);
        let reading = read(&clean);
        for thread in &reading.threads {
            for post in &thread.posts {
                for word in post.text.split_whitespace() {
                    prop_assert!(clean.contains(word), "{word:?} is not in the input");
                }
            }
        }
    }

    #[test]
    fn unnumbered_posts_fit_the_platform_limit_unless_a_line_cannot(text in scraped()) {
        let clean = sanitise(&text);
        let longest_line = clean.lines().map(weighted_len).max().unwrap_or(0);
        let reading = read(&clean);
        for post in reading.threads.iter().flat_map(|t| &t.posts) {
            if post.label.is_none() && !reading.kind.is_prose() && reading.kind.name() != "listing" {
                prop_assert!(
                    weighted_len(&post.text) <= POST_LIMIT.max(longest_line),
                    "{} > {POST_LIMIT}: {:?}", weighted_len(&post.text), post.text
                );
            }
        }
    }

    #[test]
    fn numbers_in_a_thread_only_go_up(text in scraped()) {
        let reading = read(&sanitise(&text));
        for thread in &reading.threads {
            let numbers: Vec<u32> = thread.posts.iter().filter_map(|p| p.number).collect();
            prop_assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
        }
    }

    #[test]
    fn facet_counts_add_up(texts in prop::collection::vec(scraped(), 1..6)) {
        let corpus = corpus_of(&texts);
        let facets = Facets::build(&corpus);
        for &kind in FacetKind::ALL {
            for entry in facets.entries(kind) {
                prop_assert_eq!(entry.posts, entry.post_refs().len());
                let mut docs: Vec<_> = entry.post_refs().map(|p| p.doc).collect();
                docs.dedup();
                prop_assert_eq!(entry.documents.len(), docs.len());
            }
        }
        let authored: usize = facets.authors.iter().map(|e| e.posts).sum();
        let posts: usize = corpus.documents.iter().map(|d| d.post_count()).sum();
        prop_assert!(authored <= posts);
    }

    #[test]
    fn filter_results_are_within_the_candidates(
        texts in prop::collection::vec(scraped(), 1..6),
        picks in prop::collection::vec((0usize..4, any::<prop::sample::Index>(), any::<bool>()), 0..3),
    ) {
        let corpus = corpus_of(&texts);
        let facets = Facets::build(&corpus);
        let filters: Vec<Filter> = picks
            .into_iter()
            .filter_map(|(kind, entry, negated)| {
                let kind = FacetKind::ALL[kind];
                let entries = facets.entries(kind);
                (!entries.is_empty()).then(|| Filter { kind, entry: entry.index(entries.len()), negated })
            })
            .collect();
        let all = tread::app::Filters::new(&corpus, &facets, Vec::new());
        let some = tread::app::Filters::new(&corpus, &facets, filters.clone());
        prop_assert!(some.visible().iter().all(|d| all.visible().contains(d)));
        prop_assert!(some.marked().iter().all(|p| some.passes(p.doc)));
        // Each filter holds for every document left.
        for filter in &filters {
            let entry = &facets.entries(filter.kind)[filter.entry];
            for &doc in some.visible() {
                let has = entry.post_refs().any(|p| p.doc == doc);
                prop_assert_eq!(has, !filter.negated);
            }
        }
    }

    #[test]
    fn wrapped_lines_fit_their_width(text in any::<String>(), width in 1usize..60) {
        let clean = sanitise(&text);
        for range in tread::wrap::wrap(&clean, width) {
            let line = &clean[range];
            // A single character wider than the line is the one thing that cannot fit.
            let widest = line.chars().map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)).max().unwrap_or(0);
            prop_assert!(line.width() <= width.max(widest), "{line:?} at {width}");
        }
    }

    #[test]
    fn any_document_renders_at_any_size_without_panicking(
        text in scraped(),
        width in 1u16..220,
        height in 1u16..70,
        keys in prop::collection::vec(prop::sample::select(vec!["j", "k", "tab", "G", "f", "?", "o", "w", "esc", "/", "a", "enter"]), 0..12),
    ) {
        let corpus = corpus_of(&[text]);
        let mut app = App::new(corpus, Keymap::builtin(), Opening::default(), (width, height));
        for key in keys {
            app.handle(Event::Key(key.parse::<KeySeq>().unwrap().0[0]));
        }
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| ui::render(frame, &app, &Theme::new(true))).unwrap();
        for cell in terminal.backend().buffer().content() {
            prop_assert!(!cell.symbol().chars().any(|c| c.is_control()), "{:?}", cell.symbol());
        }
    }
}
