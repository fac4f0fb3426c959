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

    /// Filters select posts: a post passes when it has one of each filtered facet's
    /// positive entries and none of the negated ones, as a post-by-post reading of the rule
    /// says; a document is listed with the count of its passing posts; and each drill-down
    /// count is what applying its entry would leave.
    #[test]
    fn filters_pass_the_posts_the_rule_says(
        texts in prop::collection::vec(scraped(), 1..6),
        picks in prop::collection::vec((0usize..5, any::<prop::sample::Index>(), any::<bool>()), 0..4),
    ) {
        use std::collections::BTreeSet;
        let corpus = corpus_of(&texts);
        let facets = Facets::build(&corpus);
        let mut filters: Vec<Filter> = Vec::new();
        for (kind, entry, negated) in picks {
            let kind = FacetKind::ALL[kind];
            let entries = facets.entries(kind);
            if entries.is_empty() { continue; }
            let entry = entry.index(entries.len());
            filters.retain(|f| (f.kind, f.entry) != (kind, entry));
            filters.push(Filter { kind, entry, negated });
        }
        let documents = corpus.documents.len();
        let posts_of = |kind: FacetKind, entry: usize| -> BTreeSet<tread::corpus::PostRef> {
            facets.entries(kind)[entry].post_refs().collect()
        };
        let passes = |list: &[Filter], at: tread::corpus::PostRef| {
            let excluded = list.iter().any(|f| f.negated && posts_of(f.kind, f.entry).contains(&at));
            let met = FacetKind::ALL.iter().all(|&kind| {
                let mut positive = list.iter().filter(|f| f.kind == kind && !f.negated).peekable();
                positive.peek().is_none() || positive.any(|f| posts_of(f.kind, f.entry).contains(&at))
            });
            met && !excluded
        };
        let all_posts: Vec<tread::corpus::PostRef> = (0..documents)
            .flat_map(|d| {
                let doc = &corpus.documents[d];
                doc.threads.iter().enumerate().flat_map(move |(t, thread)| {
                    (0..thread.posts.len()).map(move |p| tread::corpus::PostRef {
                        doc: tread::corpus::DocIndex::new(d), thread: t, post: p,
                    })
                })
            })
            .collect();
        let some = tread::app::Filters::new(documents, &facets, filters.clone());
        let expected: Vec<_> = all_posts.iter().copied().filter(|&at| passes(&filters, at)).collect();
        for &at in &all_posts {
            prop_assert_eq!(some.post_passes(at), expected.contains(&at), "{:?}", at);
        }
        let mut docs: Vec<_> = expected.iter().map(|at| at.doc).collect();
        docs.dedup();
        if filters.is_empty() {
            prop_assert_eq!(some.visible().len(), documents);
        } else {
            prop_assert_eq!(some.visible(), docs.as_slice());
            for &doc in &docs {
                let n = expected.iter().filter(|at| at.doc == doc).count();
                prop_assert_eq!(some.passing_in(doc), Some(n));
            }
        }
        for &kind in FacetKind::ALL {
            for entry in 0..facets.entries(kind).len() {
                if filters.iter().any(|f| (f.kind, f.entry) == (kind, entry)) { continue; }
                let mut with = filters.clone();
                with.push(Filter { kind, entry, negated: false });
                let left: Vec<_> = all_posts.iter().filter(|&&at| passes(&with, at)).collect();
                let mut left_docs: Vec<_> = left.iter().map(|at| at.doc).collect();
                left_docs.dedup();
                let count = some.drill(kind, entry);
                prop_assert_eq!((count.documents, count.posts), (left_docs.len(), left.len()), "{:?} {}", kind, entry);
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
