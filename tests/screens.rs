//! Whole screens, rendered through ratatui's TestBackend after real key sequences, at the
//! sizes people use: 120×40 (three panes), 80×24 (two, the filter panel over the thread)
//! and 50×20 (one at a time). Snapshots live in tests/snapshots/.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use tread::app::{App, Event, Opening};
use tread::corpus::{Corpus, Glossary, Source, load};
use tread::keymap::{KeySeq, Keymap};
use tread::ui::{self, Theme};

fn app_over(corpus: Corpus, size: (u16, u16)) -> App {
    App::new(corpus, Keymap::builtin(), Opening::default(), size)
}

/// A corpus of one document read from `text`, with the warnings its decoding raised.
fn one_document(id: &str, text: String, warnings: Vec<String>) -> Corpus {
    let source = Source {
        id: id.to_string(),
        path: format!("{id}.txt"),
        text,
        warnings,
    };
    Corpus::from_sources(vec![source], &Glossary::default())
}

/// The fixtures of an X archive and a Mastodon outbox: two files of several documents.
fn exports() -> load::LoadOptions {
    load::LoadOptions {
        paths: vec![
            "tests/fixtures/x-archive".into(),
            "tests/fixtures/mastodon".into(),
        ],
        glossary: None,
        cache: None,
    }
}

fn app(size: (u16, u16)) -> App {
    app_over(load::bundled(), size)
}

/// Presses keys spelled as in keymap.toml, separated by spaces.
fn press(app: &mut App, keys: &str) {
    for word in keys.split_whitespace() {
        for key in word.parse::<KeySeq>().unwrap().0 {
            app.handle(Event::Key(key));
        }
    }
}

fn terminal(app: &App, theme: Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size().0, app.size().1)).unwrap();
    terminal
        .draw(|frame| ui::render(frame, app, &theme))
        .unwrap();
    terminal
}

/// The screen as text, one line per row.
fn screen(app: &App) -> String {
    terminal(app, Theme::new(false)).backend().to_string()
}

#[test]
fn the_panes_fill_the_frame_drawn_even_before_the_app_hears_of_a_resize() {
    // A terminal resized while tread was suspended: no resize event came.
    let app = app((80, 24));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| ui::render(frame, &app, &Theme::new(false)))
        .unwrap();
    let text = terminal.backend().to_string();
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 40);
    assert!(
        rows[39].contains("? help"),
        "the status line is the last row: {text}"
    );
    assert!(
        rows[38].contains('└'),
        "the panes reach the status line: {text}"
    );
}

#[test]
fn three_panes_at_120x40() {
    insta::assert_snapshot!(screen(&app((120, 40))));
}

#[test]
fn two_panes_at_80x24_and_the_filter_panel_over_the_thread() {
    let mut app = app((80, 24));
    press(&mut app, "l j j j");
    insta::assert_snapshot!("80x24_thread", screen(&app));
    press(&mut app, "f");
    insta::assert_snapshot!("80x24_filter_overlay", screen(&app));
}

#[test]
fn one_pane_at_50x20_switched_with_tab() {
    let mut app = app((50, 20));
    insta::assert_snapshot!("50x20_documents", screen(&app));
    press(&mut app, "tab");
    insta::assert_snapshot!("50x20_thread", screen(&app));
    press(&mut app, "tab");
    insta::assert_snapshot!("50x20_filter", screen(&app));
}

#[test]
fn filter_by_author() {
    let mut app = app((120, 40));
    press(&mut app, "f e m m e t enter");
    let text = screen(&app);
    assert!(text.contains("Documents 1/5"), "{text}");
    assert!(text.contains("author:Emmet Regan"), "{text}");
}

#[test]
fn filter_by_hashtag_marks_matching_posts() {
    let mut app = app((120, 40));
    press(&mut app, "f right c a r e r e v i e w enter esc n");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn filter_by_organisation_shows_folded_names() {
    let mut app = app((120, 40));
    press(&mut app, "f right right f a m i l y");
    let text = screen(&app);
    assert!(text.contains("Family Rights Group"), "{text}");
    assert!(text.contains("also"), "{text}");
    press(&mut app, "enter");
    assert!(screen(&app).contains("org:Family Rights Group"));
}

#[test]
fn filter_by_mention_highlights_matched_characters() {
    let mut app = app((120, 40));
    press(&mut app, "f left left left left e d u g o v");
    let terminal = terminal(&app, Theme::new(false));
    let text = terminal.backend().to_string();
    assert!(text.contains("@educationgovuk"), "{text}");
    // The matched letters are underlined (no colour here), the others not.
    let buffer = terminal.backend().buffer();
    let row = (0..40)
        .find(|&y| {
            let line: String = (0..120).map(|x| buffer[(x, y)].symbol()).collect();
            line.contains("@educationgovuk") && !line.contains('>')
        })
        .unwrap();
    let underlined = (0..120)
        .filter(|&x| buffer[(x, row)].modifier.contains(Modifier::UNDERLINED))
        .count();
    assert_eq!(underlined, 6, "e, d, u, g, o, v of @educationgovuk");
    press(&mut app, "enter");
    assert!(screen(&app).contains("Documents 2/5"));
}

#[test]
fn a_combined_filter_shows_chips() {
    let mut app = app((120, 40));
    press(
        &mut app,
        "f right c a r e r e v i e w enter f left n i c k ctrl-x f",
    );
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn search_highlights_hits_and_widens() {
    let mut app = app((120, 40));
    press(&mut app, "l / tab i n d e p e n d e n t enter");
    insta::assert_snapshot!("search_document", screen(&app));
    press(&mut app, "/");
    let text = screen(&app);
    assert!(
        text.contains("search this document (3 hits; tab: all): /independent"),
        "{text}"
    );
    press(&mut app, "tab");
    let text = screen(&app);
    assert!(
        text.contains(
            "search all 5 documents (10 hits in 3 docs; tab: this document): /independent"
        ),
        "{text}"
    );
    // The documents list marks the documents with hits, and how many.
    assert!(text.contains("≡ 000 Nick Cook  ◆3 •19 A pers"), "{text}");
    assert!(text.contains("⋮ 002 —          ◆5 Discov"), "{text}");
}

/// At 120 columns the author column is as wide as the longest name in view, the titles
/// giving way.
#[test]
fn at_120_columns_author_names_are_whole() {
    let text = screen(&app((120, 40)));
    for name in ["Nick Cook", "@samtrner", "Fiona Simpson", "Emmet Regan"] {
        assert!(text.contains(&format!("{name} ")), "{name} cut: {text}");
    }
}

#[test]
fn jump_to_post_by_label() {
    let mut app = app((80, 24));
    press(&mut app, "l 1 7");
    assert!(screen(&app).contains("jump to post: 17"));
    press(&mut app, "enter");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn help_overlay_lists_the_active_keymap() {
    let mut app = app((80, 24));
    press(&mut app, "?");
    insta::assert_snapshot!(screen(&app));
}

/// At 60 columns nothing in the help is cut: every action's description and every glyph's
/// meaning can be read whole by scrolling, and the legend names each glyph the screen draws.
#[test]
fn help_wraps_long_lines_and_ends_with_a_legend_of_every_glyph() {
    let mut app = app((60, 20));
    press(&mut app, "?");
    // The rows inside the overlay, page by page, words joined.
    let area = ratatui::widgets::Block::bordered().inner(tread::app::screen::overlay_area(
        ratatui::layout::Rect::new(0, 0, 60, 20),
    ));
    let mut seen: Vec<String> = Vec::new();
    for _ in 0..30 {
        let terminal = terminal(&app, Theme::new(false));
        let buffer = terminal.backend().buffer();
        for y in area.top()..area.bottom() {
            let row: String = (area.left()..area.right())
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            seen.push(row);
        }
        press(&mut app, "ctrl-d");
    }
    let words: Vec<&str> = seen.iter().flat_map(|r| r.split_whitespace()).collect();
    let read = words.join(" ");
    for action in tread::keymap::Action::all() {
        let description = action.description().split_whitespace().collect::<Vec<_>>();
        assert!(
            read.contains(&description.join(" ")),
            "{action:?} cut: {read}"
        );
    }
    for (section, glyphs) in tread::glyphs::LEGEND {
        assert!(read.contains(&format!("legend: {section}")), "{read}");
        for glyph in *glyphs {
            let line = format!("{} {}", glyph.shown, glyph.meaning);
            let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(read.contains(&line), "{line:?} not in the help: {read}");
        }
    }
}

/// A key that starts a sequence shows in the status line with what may follow.
#[test]
fn a_pending_key_shows_what_may_follow() {
    let mut app = app((80, 24));
    press(&mut app, "l g");
    let text = screen(&app);
    let status = text.lines().last().unwrap();
    assert!(status.contains("g… g top"), "{status}");
    press(&mut app, "g");
    let text = screen(&app);
    assert!(!text.lines().last().unwrap().contains("g…"), "{text}");
}

/// ctrl-c in a prompt cancels it, as in a shell; it quits only outside one.
#[test]
fn ctrl_c_cancels_the_search_and_jump_prompts() {
    let mut app = app((80, 24));
    for opening in ["/ r e v", "l 1 2"] {
        press(&mut app, opening);
        assert!(app.prompt().is_some(), "{opening}");
        press(&mut app, "ctrl-c");
        assert!(app.prompt().is_none(), "{opening}");
        assert!(!app.quit(), "{opening}");
    }
    press(&mut app, "ctrl-c");
    assert!(app.quit());
}

#[test]
fn help_follows_a_rebinding() {
    let mut keymap = Keymap::builtin();
    let user = "[global]\n\"Q\" = \"quit\"\n\"q\" = \"none\"\n";
    keymap
        .apply(user, std::path::Path::new("user.toml"))
        .unwrap();
    let mut app = App::new(load::bundled(), keymap, Opening::default(), (80, 24));
    assert!(screen(&app).contains("Q quit"));
    press(&mut app, "?");
    let text = screen(&app);
    assert!(text.contains("Q, ctrl-c"), "{text}");
}

#[test]
fn too_small_says_so_in_one_line() {
    let app = app((20, 5));
    let text = screen(&app);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "\"terminal too small  \"");
    assert!(
        lines[1..]
            .iter()
            .all(|l| l.trim_matches(['"', ' ']).is_empty())
    );
    for (w, h) in [(1, 1), (29, 30), (200, 7), (30, 8)] {
        screen(&app_at(w, h));
    }
}

fn app_at(w: u16, h: u16) -> App {
    app((w, h))
}

#[test]
fn numbering_gaps_and_shortfalls_are_marked() {
    let mut text = String::from("Thread by @someone\n\n");
    for n in (1..=6).chain(8..=10) {
        text += &format!("Post number {n} of the thread. {n}/10\n\n");
    }
    let mut app = app_over(one_document("gappy", text, Vec::new()), (80, 24));
    press(&mut app, "l 8 enter");
    let text = screen(&app);
    assert!(text.contains("7/ missing"), "{text}");
    assert!(text.contains("⋯ 7/ missing"), "{text}");
}

#[test]
fn without_colour_the_selection_is_reverse_video() {
    let app = app((120, 40));
    let terminal = terminal(&app, Theme::new(false));
    let buffer = terminal.backend().buffer();
    let panes = app.panes();
    let row = panes.documents_list.y;
    let cell = &buffer[(panes.documents_list.x + 1, row)];
    assert!(cell.modifier.contains(Modifier::REVERSED));
    assert_eq!(cell.fg, ratatui::style::Color::Reset);
}

#[test]
fn links_are_listed_as_written_and_complete_ones_become_hyperlinks() {
    // Post 3 of 000 holds a link the page cut off.
    let mut app = app((100, 30));
    press(&mut app, "l j j o");
    let text = screen(&app);
    assert!(
        text.contains("childrenscommissioner.gov.uk/2020/11/24/ann…"),
        "{text}"
    );
    let area = ratatui::layout::Rect::new(0, 0, 100, 30);
    assert!(
        ui::overlay::hyperlinks(&app, area).is_empty(),
        "a cut link has no target"
    );
    // Post 10 of 001 has a whole one.
    press(&mut app, "esc h j l : 1 0 enter o");
    let links = ui::overlay::hyperlinks(&app, area);
    let [(x, y, shown, target)] = links.as_slice() else {
        panic!("{links:?}");
    };
    assert!(target.starts_with("https://www.becomecharity.org.uk/"));
    // The hyperlink is written over exactly the text drawn there.
    let terminal = terminal(&app, Theme::new(false));
    let buffer = terminal.backend().buffer();
    let drawn: String = (0..shown.chars().count() as u16)
        .map(|i| buffer[(x + i, *y)].symbol().to_string())
        .collect();
    assert_eq!(&drawn, shown);
    press(&mut app, "y");
    let effects = app.take_effects();
    let [tread::app::Effect::Copy { text, shown, .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(text, target);
    assert_eq!(shown.as_ref(), Some(target));
}

#[test]
fn the_warnings_overlay_lists_load_problems_and_the_documents_own() {
    let mut text = String::from("Thread by @someone\n\n");
    for n in [1, 2, 4] {
        text += &format!("Post {n} of a thread that skips one. {n}/4\n\n");
    }
    let decoding = vec!["invalid UTF-8, decoded lossily".to_string()];
    let mut app = app_over(one_document("skips", text, decoding), (100, 30));
    press(&mut app, "w");
    let text = screen(&app);
    assert!(text.contains("loaded 1 document, no problems"), "{text}");
    assert!(text.contains("invalid UTF-8, decoded lossily"), "{text}");
    assert!(text.contains("thread 1: 3/ missing"), "{text}");
}

#[test]
fn the_colour_theme_uses_the_terminals_16_colours_and_default_background() {
    use ratatui::style::Color;
    let mut app = app((120, 40));
    press(&mut app, "f right c a r e enter esc / r e v i e w enter");
    let terminal = terminal(&app, Theme::new(true));
    let buffer = terminal.backend().buffer();
    let mut coloured = 0;
    for cell in buffer.content() {
        // Text in the default colour, or in the only two colours legible on dark and light
        // schemes alike (src/ui/theme.rs); black only on a background.
        assert!(
            matches!(
                cell.fg,
                Color::Reset | Color::Red | Color::Magenta | Color::Black
            ),
            "{cell:?}"
        );
        coloured += usize::from(cell.fg != Color::Reset);
        // Backgrounds only behind search hits and filter chips.
        assert!(
            matches!(cell.bg, Color::Reset | Color::Yellow | Color::Green),
            "{cell:?}"
        );
    }
    assert!(coloured > 100, "{coloured}");
    let mention = (buffer.content().iter()).any(|c| c.fg == Color::Magenta && c.symbol() == "@");
    assert!(mention, "mentions are magenta");
}

#[test]
fn replies_and_reposts_from_an_export_are_a_filter_away() {
    let options = exports();
    let mut app = app_over(load::load(&options).unwrap(), (120, 40));
    assert!(screen(&app).contains("Documents 7/7"));
    // The last tab of the panel: kinds of document, each with its posts.
    press(&mut app, "f left left left r e p l y");
    let text = screen(&app);
    assert!(text.contains("Kinds"), "{text}");
    press(&mut app, "enter");
    let text = screen(&app);
    assert!(text.contains("Documents 2/7"), "{text}");
    assert!(text.contains("kind:reply"), "{text}");
    // Each in its export's row, which lists it when opened.
    assert!(
        text.contains("1/4 docs") && text.contains("1/3 docs"),
        "{text}"
    );
    press(&mut app, "space");
    let text = screen(&app);
    assert!(
        text.contains("↩ twe#2") && text.contains("Reply to @JoshMacAlister"),
        "{text}"
    );
    // Negated, from the command line's --filter as from the panel.
    let corpus = load::load(&options).unwrap();
    let facets = tread::facets::Facets::build(&corpus);
    let not_reposts = tread::app::Filter::parse("not:kind:repost", &facets).unwrap();
    let opening = Opening {
        filters: vec![not_reposts],
        ..Opening::default()
    };
    let app = App::with_facets(corpus, facets, Keymap::builtin(), opening, (120, 40));
    let text = screen(&app);
    assert!(
        text.contains("Documents 5/7") && !text.contains("Repost of"),
        "{text}"
    );
}

/// The filter panel as a newcomer meets it, at the sizes people use: tabs named in words
/// (one row when the panel is wide, two when not), what the counts are, and its own keys
/// in the status line.
#[test]
fn the_filter_panel_names_its_tabs_counts_and_keys_at_every_size() {
    for size in [(40, 12), (80, 24), (120, 40), (200, 50)] {
        let mut app = app(size);
        let text = screen(&app);
        let status = text.lines().last().unwrap();
        assert!(
            status.contains("? help") && status.contains("q quit"),
            "{text}"
        );
        press(&mut app, "f");
        let text = screen(&app);
        insta::assert_snapshot!(format!("filter_panel_{}x{}", size.0, size.1), text);
        let rows: Vec<&str> = text.lines().collect();
        let status = rows.last().unwrap();
        assert!(
            status.contains("enter apply") && status.contains("esc back"),
            "{text}"
        );
        let tabs = match size.0 {
            200 => "Authors Tags Orgs Mentions Kinds Review Codes",
            _ => "Authors Tags Orgs Mentions",
        };
        assert!(text.contains(tabs), "{size:?}:\n{text}");
        assert!(text.contains("docs·posts"), "{size:?}:\n{text}");
    }
}

/// A name typed on the wrong tab says where it matches, and enter goes there.
#[test]
fn a_name_typed_on_the_wrong_tab_says_where_it_matches() {
    let mut app = app((120, 40));
    press(&mut app, "f d f e");
    let text = screen(&app);
    assert!(text.contains("nothing matches in Authors"), "{text}");
    // Fuzzily: "dfe" is in order in several names (Department for Education first).
    assert!(text.contains("but 7 in Orgs"), "{text}");
    assert!(text.contains("enter: go to Orgs"), "{text}");
    press(&mut app, "enter");
    let text = screen(&app);
    assert!(text.contains("Department for Education"), "{text}");
    press(&mut app, "enter");
    assert!(screen(&app).contains("org:Department for Education"));
}

/// tab and shift-tab leave the panel as they leave every pane; left and right change its
/// facet; a click on a tab shows it.
#[test]
fn tab_leaves_the_panel_and_a_click_on_a_tab_shows_it() {
    let mut app = app((120, 40));
    press(&mut app, "f right");
    assert!(screen(&app).contains("#carereview"));
    press(&mut app, "tab");
    assert!(screen(&app).contains("? help"), "out of the panel");
    let text = screen(&app);
    let (row, line) = (text.lines().enumerate())
        .find(|(_, l)| l.contains("Mentions"))
        .unwrap();
    let column = line[..line.find("Mentions").unwrap()].chars().count() as u16;
    app.handle(Event::Click(column + 2, row as u16));
    let text = screen(&app);
    assert!(text.contains("@educationgovuk"), "{text}");
    assert!(text.contains("esc back"), "the panel has focus: {text}");
}

/// An export's documents are one row under their file until opened: the row names the
/// file, its owner and how many documents it holds; space lists them with short ids
/// (`twe#2`), and space again folds them. A filter counts what it leaves of the file.
#[test]
fn a_file_of_several_documents_is_one_row_until_opened() {
    let options = exports();
    let mut app = app_over(load::load(&options).unwrap(), (120, 40));
    let text = screen(&app);
    let rows: Vec<&str> = text.lines().filter(|l| l.contains("docs│")).collect();
    assert_eq!(rows.len(), 2, "{text}");
    assert!(
        rows[0].contains("▸ twe") && rows[0].contains("Nick Cook"),
        "{text}"
    );
    assert!(
        rows[0].contains("tweets") && rows[0].contains(" 4 docs"),
        "{text}"
    );
    assert!(
        rows[1].contains("▸ out") && rows[1].contains("outbox"),
        "{text}"
    );
    assert!(rows[1].contains(" 3 docs"), "{text}");
    // The file's row reads its first document.
    assert!(text.contains("twe#1 · "), "{text}");
    press(&mut app, "space");
    let text = screen(&app);
    assert!(text.contains("▾ twe"), "{text}");
    for n in 1..=4 {
        assert!(text.contains(&format!("twe#{n} ")), "twe#{n}: {text}");
    }
    press(&mut app, "j j");
    assert!(
        screen(&app).contains("twe#2 · "),
        "the second document is read"
    );
    press(&mut app, "space");
    let text = screen(&app);
    assert!(text.contains("▸ twe") && !text.contains("twe#3 "), "{text}");
    // Filtered: the file's row counts what is left of it.
    press(&mut app, "f left left left r e p l y enter");
    let text = screen(&app);
    assert!(
        text.contains("1/4 docs") && text.contains("1/3 docs"),
        "{text}"
    );
}

/// Opened at a document of a file (as --open does), the file's list opens at it.
#[test]
fn opening_at_a_document_of_a_file_opens_its_list() {
    let options = load::LoadOptions {
        paths: vec!["tests/fixtures/x-archive".into()],
        glossary: None,
        cache: None,
    };
    let corpus = load::load(&options).unwrap();
    let opening = Opening {
        document: Some(tread::corpus::DocIndex::new(2)),
        ..Opening::default()
    };
    let app = App::new(corpus, Keymap::builtin(), opening, (120, 40));
    let text = screen(&app);
    assert!(
        text.contains("▾ twe") && text.contains("twe#3 · "),
        "{text}"
    );
}

/// s orders the list by file, date, author and post count in turn, the order in the pane's
/// title, the selected document kept.
#[test]
fn s_orders_the_documents_by_date_author_and_posts() {
    let mut app = app((120, 40));
    let order = |app: &App| -> Vec<String> {
        let text = screen(app);
        (text.lines())
            .filter_map(|l| l.strip_prefix("\"│").and_then(|l| l.get(..12)))
            .filter(|l| l.contains(" 00"))
            .map(|l| l.split_whitespace().nth(1).unwrap().to_string())
            .collect()
    };
    assert!(screen(&app).contains("Documents 5/5 · by file"));
    assert_eq!(order(&app), ["000", "001", "002", "003", "004"]);
    press(&mut app, "s");
    assert!(screen(&app).contains("Documents 5/5 · by date"));
    // Only 003's date has a year; undated documents keep their order after it.
    assert_eq!(order(&app), ["003", "000", "001", "002", "004"]);
    assert!(
        screen(&app).contains("000 · post 1/20"),
        "the selection stays"
    );
    press(&mut app, "s");
    assert!(screen(&app).contains("· by author"));
    assert_eq!(order(&app), ["004", "003", "000", "001", "002"]);
    press(&mut app, "s");
    assert!(screen(&app).contains("· by posts"));
    assert_eq!(order(&app), ["002", "000", "001", "003", "004"]);
    press(&mut app, "s");
    assert!(screen(&app).contains("· by file"));
}

/// A click on a filter's chip removes that filter, wherever it is in the list.
#[test]
fn a_click_on_a_chip_removes_its_filter() {
    let mut app = app((120, 40));
    press(
        &mut app,
        "f right c a r e r e v i e w enter f left n i c k ctrl-x",
    );
    let text = screen(&app);
    let (row, line) = (text.lines().enumerate())
        .find(|(_, l)| l.contains(" #carereview "))
        .unwrap();
    let column = line[..line.find("#carereview").unwrap()].chars().count() as u16 - 1;
    app.handle(Event::Click(column, row as u16));
    let text = screen(&app);
    let chips: Vec<&str> = text.lines().skip(1).take(2).collect();
    assert!(!chips.iter().any(|l| l.contains("#carereview")), "{text}");
    assert!(chips[0].contains(" NOT author:Nick Cook "), "{text}");
    assert!(
        text.lines().last().unwrap().contains("removed #carereview"),
        "{text}"
    );
    assert!(text.contains("Documents 4/5"), "{text}");
}

/// A warning longer than the overlay wraps under its own start instead of being cut.
#[test]
fn a_long_warning_wraps_in_the_warnings_overlay() {
    let long = "this document's replies by other accounts were moved to a thread of \
                their own titled Replies, after its author's numbered posts";
    let corpus = one_document(
        "w",
        "A post. 1/2\n\nAnother. 2/2\n".to_string(),
        vec![long.to_string()],
    );
    let mut app = app_over(corpus, (60, 20));
    press(&mut app, "w");
    let area = ratatui::widgets::Block::bordered().inner(tread::app::screen::overlay_area(
        ratatui::layout::Rect::new(0, 0, 60, 20),
    ));
    let terminal = terminal(&app, Theme::new(false));
    let buffer = terminal.backend().buffer();
    let rows: Vec<String> = (area.top()..area.bottom())
        .map(|y| {
            (area.left()..area.right())
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect();
    let words: Vec<&str> = rows.iter().flat_map(|r| r.split_whitespace()).collect();
    let long: Vec<&str> = long.split_whitespace().collect();
    assert!(words.join(" ").contains(&long.join(" ")), "{rows:#?}");
}

/// From 60 to 99 columns the panel is drawn over the thread: a click on its tab acts on the
/// panel, not on the thread beneath.
#[test]
fn at_80_columns_a_click_on_a_tab_of_the_panel_over_the_thread_shows_it() {
    let mut app = app((80, 24));
    press(&mut app, "f");
    let text = screen(&app);
    let (row, line) = (text.lines().enumerate())
        .find(|(_, l)| l.contains("Tags"))
        .unwrap();
    let column = line[..line.find("Tags").unwrap()].chars().count() as u16;
    app.handle(Event::Click(column, row as u16));
    let text = screen(&app);
    assert!(text.contains("#carereview"), "{text}");
    assert!(text.contains("esc back"), "the panel keeps focus: {text}");
}

/// A filter that leaves out the first document of a file selected by its row keeps the
/// file's row selected while any of its documents passes.
#[test]
fn a_files_row_stays_selected_when_its_first_document_is_filtered_out() {
    let options = exports();
    let mut app = app_over(load::load(&options).unwrap(), (120, 40));
    press(&mut app, "j");
    assert!(screen(&app).contains("out#1 · "));
    press(&mut app, "f left left left r e p l y enter");
    let text = screen(&app);
    assert!(
        text.contains("out#2 · "),
        "the file's reply is read: {text}"
    );
}

/// A file of `n` one-post documents in tread's JSON, by authors whose names scatter them
/// when the list is sorted by author: each document's author is `A` and a number below
/// 300, the numbers out of order.
fn many_small_documents(n: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let docs: Vec<String> = (0..n)
        .map(|i| {
            let author = i * 7919 % 300;
            format!(
                r#"{{"id":"d{i}","kind":"post","author":{{"name":"A{author:03}"}},"threads":[{{"posts":[{{"text":"post {i} on the review"}}]}}]}}"#
            )
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("many.json");
    std::fs::write(&file, format!("[{}]", docs.join(","))).unwrap();
    (dir, file)
}

#[test]
fn a_file_of_many_small_documents_is_listed_sorted_and_read_while_few_are_unpacked() {
    let (_dir, file) = many_small_documents(60_000);
    let options = tread::corpus::LoadOptions {
        paths: vec![file],
        glossary: None,
        cache: None,
    };
    let corpus = load::load(&options).unwrap();
    let mut app = app_over(corpus, (120, 40));
    press(&mut app, "s s");
    let first = screen(&app);
    assert!(first.contains("· author ─"), "{first}");
    // The documents of author A000 first, in file order, from all over the file: the
    // 1st, the 301st, the 601st...
    let places: Vec<usize> = (first.lines())
        .filter_map(|l| {
            l.trim_start_matches('"')
                .strip_prefix("│› d#")?
                .split(' ')
                .next()?
                .parse()
                .ok()
        })
        .collect();
    assert!(places.len() > 30, "{first}");
    assert!(places.iter().all(|p| (p - 1) % 300 == 0), "{first}");
    assert!(first.contains("│› d#301 post 300 on the re"), "{first}");
    let mut most = 0;
    for _ in 0..20 {
        press(&mut app, "pagedown");
        let unpacked = app.corpus().documents.unpacked_count();
        most = most.max(unpacked);
        let text = screen(&app);
        assert!(text.contains("on the review"), "{text}");
    }
    // Rows from all over the file were drawn, a few neighbours unpacked with each; those
    // unpacked are let go as keys come, and stay a fraction of the documents.
    assert!(
        most > 0 && most < 10_000,
        "{most} of 60,000 unpacked at once"
    );
    let text = screen(&app);
    let current = app.corpus().document(app.current_doc().unwrap());
    let author = &current.author.as_ref().unwrap().name;
    assert!(text.contains(&current.id), "{text}");
    assert!(author.starts_with("A0"), "{author}");
}
