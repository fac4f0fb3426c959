//! Captures as people save them (web-clipper Markdown, clipped status pages), read by the
//! real binary: `tread show --json` of fixtures written for these tests in those shapes.

use assert_cmd::Command;
use serde_json::Value;

const CAPTURES: &str = "tests/fixtures/captures";

fn show(id: &str) -> Value {
    let out = Command::cargo_bin("tread")
        .unwrap()
        .env(
            "XDG_CACHE_HOME",
            std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("cache-{}", std::process::id())),
        )
        .args([CAPTURES, "show", id, "--json"])
        .env("NO_COLOR", "1")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

/// The mentions of every post of the thread `t`, in order.
fn mentions(doc: &Value, t: usize) -> Vec<&Value> {
    let posts = doc["threads"][t]["posts"].as_array().unwrap();
    (posts.iter())
        .flat_map(|p| p["mentions"].as_array().unwrap())
        .collect()
}

/// Each thread's posts' texts.
fn texts(doc: &Value) -> Vec<Vec<String>> {
    let threads = doc["threads"].as_array().unwrap();
    (threads.iter())
        .map(|t| {
            let posts = t["posts"].as_array().unwrap();
            posts
                .iter()
                .map(|p| p["text"].as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn a_clipped_status_page_is_a_thread_with_its_replies_apart() {
    let doc = show("xclip");
    assert_eq!(doc["title"], "Thread by @mira_os");
    assert_eq!(doc["author"]["name"], "Mira Osei");
    assert_eq!(doc["author"]["handle"], "mira_os");
    assert_eq!(doc["date"], "2026-02-10");
    let texts = texts(&doc);
    assert_eq!(texts.len(), 3, "{texts:?}");
    // The thread: three posts, numbered as written, no header, rule or note in them.
    let labels: Vec<&Value> = (doc["threads"][0]["posts"].as_array().unwrap().iter())
        .map(|p| &p["label"])
        .collect();
    assert_eq!(labels, ["1/", "2/", "3/"]);
    assert!(texts[0][0].starts_with("1/ Spent the week"));
    for text in texts.iter().flatten() {
        for furniture in ["**Mira", "---", "My notes", "Sunny Loans", "Borrow today"] {
            assert!(!text.contains(furniture), "{furniture:?} in {text:?}");
        }
    }
    let second = &doc["threads"][0]["posts"][1];
    assert_eq!(second["media"], true);
    assert_eq!(second["urls"][0], "https://example.org/summary");
    // Replies by others, and the author's answer to them, in threads titled Replies.
    let replies = &doc["threads"][1];
    assert_eq!(replies["title"], "Replies");
    assert_eq!(replies["author"]["handle"], "kofi_b");
    assert_eq!(replies["posts"][0]["hashtags"][0], "kinship");
    assert_eq!(doc["threads"][2]["title"], "Replies");
    assert_eq!(doc["threads"][2]["posts"][0]["mentions"][0], "kofi_b");
    // The author's own handle in a header is not a mention; a reply's is.
    assert_eq!(
        doc["threads"][0]["posts"][0]["mentions"],
        serde_json::json!([])
    );
    let warnings = doc["warnings"].as_array().unwrap();
    let said = |words: &str| warnings.iter().any(|w| w.as_str().unwrap().contains(words));
    assert!(said("moved to threads titled Replies"), "{warnings:?}");
    assert!(said("promoted post"), "{warnings:?}");
    assert!(said("before the first post"), "{warnings:?}");
}

#[test]
fn a_clipped_article_takes_its_front_matter_and_leaves_the_layout_out() {
    let doc = show("clipped-article");
    assert_eq!(doc["kind"], "article");
    assert_eq!(doc["title"], "Councils brace for the care review");
    assert_eq!(doc["date"], "2026-03-01");
    assert_eq!(
        doc["warnings"],
        serde_json::json!([
            "left out as the page's layout: 1 heading, 1 list of links or page facts, 3 blocks \
             of header, sidebar, comments or footer"
        ]),
        "the section heading, the source line above the text and the readers' comments are \
         said to be left out"
    );
    assert_eq!(
        texts(&doc),
        [
            vec![
                "Councils across England are reading the **independent review** of children's \
                 social care this week.",
                "The review asks for [regional care cooperatives](https://example.org/rcc) to \
                 run homes.",
                "Directors say the timetable is tight.",
            ],
            vec![
                "1/3 The review's money follows children. pic.twitter.com/x\n\n— Mira Osei \
                 (@mira_os) February 10, 2026"
            ],
        ]
    );
    // The embedded post: a thread of its own, by the author its signature names.
    let embedded = &doc["threads"][1];
    assert_eq!(embedded["title"], "Embedded post");
    assert_eq!(embedded["author"]["handle"], "mira_os");
    assert_eq!(embedded["posts"][0]["number"], 1);
    let posts = &doc["threads"][0]["posts"];
    assert_eq!(
        posts[0]["media"], true,
        "the picture above the first paragraph"
    );
    assert_eq!(posts[1]["urls"][0], "https://example.org/rcc");
}

#[test]
fn an_unroller_header_with_a_toolbar_gives_author_date_and_count() {
    let doc = show("unroll-header");
    assert_eq!(doc["kind"], "unroll");
    assert_eq!(doc["author"]["name"], "Priya Raman");
    assert_eq!(doc["author"]["handle"], "PriyaRamanSW");
    assert_eq!(doc["date"], "May 3, 2023");
    assert_eq!(doc["threads"][0]["declared_count"], 3);
    assert_eq!(doc["warnings"], serde_json::json!([]));
    let texts = texts(&doc);
    assert_eq!(texts[0].len(), 3, "{texts:?}");
    assert!(texts[0][0].starts_with("1/ The care review"));
    // The author's other threads the page shows: threads of their own, never the thread's.
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert_eq!(doc["threads"][1]["title"], "More from @PriyaRamanSW");
    assert_eq!(doc["threads"][1]["declared_count"], 10);
    assert_eq!(
        texts[1],
        ["Kinship carers are the quiet backbone of the system. 1/"]
    );
    assert_eq!(
        texts[2],
        ["What the review means for care leavers, in short."]
    );
    let mentions = mentions(&doc, 0);
    assert_eq!(
        mentions,
        ["kinshipcarers"],
        "the author's own handle is no mention"
    );
}

#[test]
fn an_archive_of_2012_to_2018_is_read_a_month_at_a_time() {
    let doc = show("2018_04-985000000000000001");
    assert_eq!(doc["kind"], "unroll");
    assert_eq!(doc["author"]["name"], "Mira Osei");
    assert_eq!(doc["author"]["handle"], "osei_m");
    assert_eq!(doc["date"], "2018-04-14 09:00");
    assert_eq!(
        texts(&doc),
        [[
            "1/2 A short thread on kinship care, written in 2018.",
            "2/2 Councils & charities both asked #CareReview for this.",
        ]]
    );
    assert_eq!(doc["threads"][0]["posts"][1]["number"], 2);
    assert_eq!(doc["threads"][0]["posts"][1]["hashtags"][0], "CareReview");
    let repost = show("2018_04-985000000000000003");
    assert_eq!(repost["kind"], "repost");
    assert_eq!(repost["title"], "Repost of @kofi_b");
}

#[test]
fn a_byline_and_a_date_line_name_author_and_date_and_are_no_paragraphs() {
    let doc = show("article-byline");
    assert_eq!(doc["title"], "Councils and the care review");
    assert_eq!(doc["author"]["name"], "Ann Example");
    assert_eq!(doc["author"]["handle"], "ann_ex");
    assert_eq!(
        doc["date"], "12 March 2026",
        "the date line that opens the body"
    );
    assert_eq!(
        texts(&doc),
        [[
            "Councils across England are reading the **review** this week.",
            "Directors say the timetable is tight.",
        ]]
    );
}

#[test]
fn a_digest_of_saved_posts_is_a_listing_of_their_threads() {
    let doc = show("digest");
    assert_eq!(doc["kind"], "listing");
    assert_eq!(
        texts(&doc),
        [
            vec![
                "Kinship carers need the same support as foster carers.\n\nThe review says so too."
            ],
            vec!["Care leavers should keep their support to 25. #CareReview"],
        ]
    );
    assert_eq!(doc["threads"][0]["author"]["handle"], "mira_os");
    assert_eq!(doc["threads"][1]["title"], "Care leavers");
    assert_eq!(doc["threads"][1]["posts"][0]["hashtags"][0], "CareReview");
}

#[test]
fn a_page_titled_as_one_post_is_one_post_however_long() {
    let doc = show("one-post");
    assert_eq!(doc["title"], "Post by @kofi_reviews on X");
    assert_eq!(doc["author"]["handle"], "kofi_reviews");
    let texts = texts(&doc);
    // Its numbered headings are a list within the post, not a thread.
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert_eq!(texts[0].len(), 1, "{texts:?}");
    assert!(texts[0][0].starts_with("I have read every local authority's"));
    assert!(texts[0][0].ends_with("which one you would drop."));
    assert_eq!(doc["threads"][0]["posts"][0]["label"], Value::Null);
}

#[test]
fn a_republished_thread_is_read_as_paragraphs_with_its_lists_whole() {
    let doc = show("sidechain-blog");
    assert_eq!(doc["title"], "Tweetstorm: What a care review can fix");
    let texts = texts(&doc);
    let posts = &texts[0];
    // A list closing the page numbers nothing: it stays with the line that leads into it.
    assert_eq!(
        posts.last().unwrap(),
        "Three steps the review says need no new law:\n1. Share a placement list with the councils next door\n2. Agree one price framework for the region\n3. Publish what each placement costs",
        "{posts:#?}"
    );
    assert!(posts.contains(&"Caveats:\n- no money is attached yet\n- no region has volunteered\n- the pilots will take two years".to_string()), "{posts:#?}");
    // Every paragraph is a post of its own; headings and the byline are none.
    assert_eq!(
        posts[0],
        "Let's talk about what the review can and cannot fix."
    );
    assert!(
        posts
            .iter()
            .all(|p| !p.contains("-- The market --") && !p.contains("### By"))
    );
    let labels = doc["threads"][0]["posts"].as_array().unwrap();
    assert!(labels.iter().all(|p| p["label"].is_null()), "{labels:#?}");
    // A post's reference, heading the block after it, is the post's; the next post starts
    // after it. The preview drawn of a linked page is left out, and said.
    let cited = posts.iter().position(|p| p.ends_with("[1] [gov.uk/care-review-final-report.pdf](https://www.gov.uk/care-review-final-report.pdf)"));
    let cited = cited.expect("the reference is the citing post's");
    assert!(posts[cited].starts_with("Councils buy most residential placements"));
    assert!(posts[cited + 1].starts_with("The review calls this a broken market"));
    assert!(
        posts.iter().all(|p| !p.contains("market study**")),
        "{posts:#?}"
    );
    let warnings = doc["warnings"].to_string();
    assert!(warnings.contains("1 link preview"), "{warnings}");
    // The credits after a break ("via: <address>", the translator) are the page's footer.
    assert!(
        posts
            .iter()
            .all(|p| !p.contains("via:") && !p.contains("译者") && !p.contains("volunteers")),
        "{posts:#?}"
    );
    assert!(
        warnings.contains("3 blocks of header, sidebar, comments or footer"),
        "{warnings}"
    );
}

#[test]
fn a_markdown_lead_in_keeps_its_short_list_and_the_picture_between() {
    let doc = show("lead-ins");
    let posts = doc["threads"][0]["posts"].as_array().unwrap();
    let texts = &texts(&doc)[0];
    // One sentence ending in a colon, a chart under it, then a list of short items: one post,
    // with the picture.
    let chart = "Placements bought through the pilots in the first six months, by region:\n\n-   North West: 41\n-   West Midlands: 27\n-   South East: 19";
    let at = texts
        .iter()
        .position(|t| t == chart)
        .expect("the chart's post");
    assert_eq!(posts[at]["media"], true);
    // Sentences whose last is short ("They fell a little, not much:") lead into a short
    // list too; items a paragraph long make the list paragraphs of its own.
    assert!(
        texts.contains(
            &"What about the prices councils paid? They fell a little, not much:\n-   Residential: -4%\n-   Fostering: -2%"
                .to_string()
        ),
        "{texts:#?}"
    );
    assert!(
        texts
            .contains(&"Here is what each pilot did first, in the order they started:".to_string()),
        "{texts:#?}"
    );
    assert_eq!(texts.len(), 6, "{texts:#?}");
}

#[test]
fn posts_quoted_or_embedded_in_a_clipped_post_are_threads_of_their_own() {
    let doc = show("xclip-quotes");
    let texts = texts(&doc);
    assert_eq!(
        texts[0],
        [
            "1/ The minister answered the care review today. Her words:",
            "2/ And the council that piloted it:\n\nIt is a start.",
            "3/ I said so in November:"
        ]
    );
    // A quote signed as an embedded post, and a quote under a quoted post's header: each a
    // thread by its author, the header no part of the text (nor its handle a mention).
    let embedded = &doc["threads"][1];
    assert_eq!(embedded["title"], "Embedded post");
    assert_eq!(embedded["author"]["handle"], "bo_min");
    assert!(texts[1][0].starts_with("Every council will have a kinship care lead by April."));
    let quoted = &doc["threads"][2];
    assert_eq!(quoted["title"], "Embedded post");
    assert_eq!(quoted["author"]["name"], "Cy Council");
    assert_eq!(quoted["author"]["handle"], "cy_council");
    assert_eq!(texts[2], ["Our kinship care lead starts on Monday."]);
    assert_eq!(quoted["posts"][0]["media"], true);
    assert_eq!(quoted["posts"][0]["mentions"], serde_json::json!([]));
    // X's card of a quoted post whose author the clip did not keep: its date alone above
    // it. A post of its own all the same, the line of dashes in it (escaped, as clippers
    // write one) a break, not text.
    let card = &doc["threads"][3];
    assert_eq!(card["title"], "Embedded post");
    assert_eq!(card["author"], serde_json::Value::Null);
    assert_eq!(
        texts[3],
        ["Every council should name a kinship care lead.\n\nAsk yours who it is."]
    );
    assert_eq!(doc["threads"].as_array().map(Vec::len), Some(4));
    // What a post's Markdown leaves out is said.
    let warnings = doc["warnings"].to_string();
    assert!(warnings.contains("1 heading"), "{warnings}");
}

#[test]
fn companies_are_found_by_what_the_text_says_of_them_and_terms_are_not() {
    let doc = show("companies-thread");
    let orgs: Vec<Vec<String>> = doc["threads"][0]["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| serde_json::from_value(p["organisations"].clone()).unwrap())
        .collect();
    // Listed beside companies known the world over, names are companies too.
    assert_eq!(orgs[1], ["Visa", "Mastercard", "Paypol", "Amexa"]);
    // Called a firm, and having a principal security engineer: a company; its engineer is
    // no organisation.
    assert_eq!(orgs[2], ["Quillon"]);
    // A handle people work at, and one named as a company's; the person thanked is neither.
    assert_eq!(orgs[3], ["lanternpay", "Orbit_Tech"]);
    // Kinds of thing ("DAOs", "a ZKP") and a model with its version are no organisations.
    assert!(orgs[4].is_empty(), "{orgs:?}");
    assert!(
        orgs.iter()
            .flatten()
            .all(|o| !["DAO", "GDC", "ZKP", "GLM"].contains(&o.as_str()))
    );
}

/// Each post's label of the thread `t`.
fn labels(doc: &Value, t: usize) -> Vec<Value> {
    let posts = doc["threads"][t]["posts"].as_array().unwrap();
    posts.iter().map(|p| p["label"].clone()).collect()
}

#[test]
fn an_unroll_under_the_sites_menu_keeps_its_header_and_declared_count() {
    let doc = show("unroll-under-menu");
    assert_eq!(doc["author"]["name"], "Jonah Reyes");
    assert_eq!(doc["author"]["handle"], "jonahreyes_sw");
    assert_eq!(doc["date"], "Jun 22");
    assert_eq!(doc["threads"][0]["declared_count"], 4);
    // Four short posts that would fit in one: the header says they are four.
    let texts = texts(&doc);
    assert_eq!(
        texts[0],
        [
            "Our family hub opens on Monday.",
            "The advice desk is on the first floor now.",
            "Drop-ins run until 7pm on Thursdays.",
            "Thanks to everyone at @LambethCouncil who made it happen."
        ]
    );
    assert_eq!(
        doc["warnings"],
        serde_json::json!([
            "2 lines above the header (the site's menu or the page's title) left out",
            "posts split into the 4 the header declares (the text alone gave 1)"
        ])
    );
}

#[test]
fn a_clipped_unroll_page_reads_its_linked_header_and_escaped_numbers() {
    let doc = show("tra-clip");
    assert_eq!(doc["author"]["name"], "Mira Kaur");
    assert_eq!(doc["author"]["handle"], "mira_k_care");
    assert_eq!(doc["date"], "Mar 7, 2024");
    assert_eq!(doc["threads"][0]["declared_count"], 3);
    assert_eq!(labels(&doc, 0), ["1.", "2.", "3."]);
    let texts = texts(&doc);
    assert!(texts[0][0].contains("Kinship carers"), "{texts:?}");
    let mentions = mentions(&doc, 0);
    assert_eq!(mentions, ["FRGroup"], "the author's handle is no mention");
}

#[test]
fn clipped_headers_with_links_and_a_dot_keep_replies_apart() {
    let doc = show("xclip-linked");
    assert_eq!(doc["author"]["name"], "Tomás Ferreira");
    assert_eq!(doc["author"]["handle"], "tomas_fw");
    assert_eq!(labels(&doc, 0), ["/1", "/2"]);
    let texts = texts(&doc);
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert_eq!(doc["threads"][1]["title"], "Replies");
    assert_eq!(doc["threads"][1]["author"]["handle"], "ada_obi");
    // "Replying to @tomas_fw" is X's line, not the reply's words.
    assert_eq!(texts[1], ["Which providers? The review named six."]);
    assert_eq!(
        doc["threads"][1]["posts"][0]["mentions"],
        serde_json::json!([])
    );
}

#[test]
fn a_clippers_excerpt_above_the_page_is_no_post() {
    let doc = show("markdownload");
    let texts = texts(&doc);
    assert_eq!(texts[0].len(), 3, "{texts:?}");
    assert!(texts[0][0].starts_with("Why are foster carers leaving?"));
    assert!(texts[0][0].ends_with('🧵'), "{:?}", texts[0][0]);
    for text in texts.iter().flatten() {
        assert!(!text.contains("Excerpt"), "{text:?}");
    }
}

#[test]
fn a_byline_with_the_writers_role_names_the_author() {
    let doc = show("article-role");
    assert_eq!(doc["kind"], "article");
    assert_eq!(doc["author"]["name"], "Holly Marsh");
    assert_eq!(doc["date"], "3 May 2023");
    let texts = texts(&doc);
    assert_eq!(texts[0].len(), 2, "{texts:?}");
    assert!(texts[0][0].starts_with("Care leavers in the county"));
}

#[test]
fn a_line_naming_who_wrote_a_pasted_thread_is_its_header() {
    let doc = show("pasted-thread");
    assert_eq!(doc["author"]["name"], "Owen Price");
    assert_eq!(doc["author"]["handle"], "OwenPriceCare");
    assert_eq!(doc["date"], "12 March 2024");
    assert_eq!(labels(&doc, 0), ["1/", "2/", "3/"]);
    assert_eq!(doc["warnings"], serde_json::json!([]));
}

#[test]
fn rules_between_posts_part_them_however_short() {
    let doc = show("rules-thread");
    assert_eq!(
        texts(&doc)[0],
        [
            "Care leavers get a council tax exemption here until 25.",
            "Not everywhere, though.",
            "Check your council's page. Ours is short."
        ]
    );
}

#[test]
fn a_thread_named_above_its_first_post_has_that_author_and_no_footer() {
    let doc = show("attributed-thread");
    assert_eq!(doc["author"]["name"], "Rosa Jiménez");
    assert_eq!(doc["author"]["handle"], "rosajimenez_lab");
    assert_eq!(doc["date"], "November 7, 2023");
    assert_eq!(labels(&doc, 0), ["1.", "2.", "3."]);
    let texts = texts(&doc);
    assert_eq!(texts[0][2], "3. The full paper, open access. #rivers");
    let mentions = mentions(&doc, 0);
    assert!(mentions.is_empty(), "{mentions:?}");
}

#[test]
fn posts_numbered_1_to_4_with_a_bracket_keep_a_posts_own_list() {
    let doc = show("paren-thread");
    assert_eq!(doc["kind"], "unroll");
    assert_eq!(doc["author"]["name"], "Katrin Vogel");
    assert_eq!(doc["date"], "8 May 2024");
    assert_eq!(labels(&doc, 0), ["1)", "2)", "3)", "4)"]);
    let texts = texts(&doc);
    assert!(
        texts[0][1].ends_with(
            "a) the cost of new radiators\nb) the noise rules for outdoor units\nc) landlords"
        ),
        "{texts:?}"
    );
    assert_eq!(mentions(&doc, 0), ["StadtwerkeBonn"]);
}

#[test]
fn posts_numbered_with_keycaps_are_numbered() {
    let doc = show("keycap-thread");
    assert_eq!(doc["kind"], "unroll");
    assert_eq!(labels(&doc, 0), ["1️⃣", "2️⃣", "3️⃣", "4️⃣"]);
    let numbers: Vec<&Value> = (doc["threads"][0]["posts"].as_array().unwrap().iter())
        .map(|p| &p["number"])
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
}

#[test]
fn an_unnumbered_thread_under_who_wrote_it_is_that_authors_paragraphs() {
    let doc = show("attributed-paragraphs");
    assert_eq!(doc["kind"], "unroll");
    assert_eq!(doc["title"], "Why the bakery stopped delivering");
    assert_eq!(
        doc["source"],
        "https://x.com/jo_bakes/status/1790000000000000001"
    );
    assert_eq!(doc["author"]["name"], "Jo Whitfield");
    assert_eq!(doc["author"]["handle"], "jo_bakes");
    assert_eq!(doc["date"], "Feb 20, 2024");
    let texts = texts(&doc);
    assert_eq!(texts[0].len(), 4, "{texts:?}");
    assert!(texts[0][0].starts_with("We stopped"));
    assert!(texts[0][2].ends_with("- profit is up"), "{texts:?}");
    assert!(
        mentions(&doc, 0).is_empty(),
        "the author's handle is no mention"
    );
    assert_eq!(doc["warnings"], serde_json::json!([]));
}

#[test]
fn a_listings_excerpts_are_threads_by_the_authors_that_introduce_them() {
    let doc = show("hashtag-listing");
    assert_eq!(doc["kind"], "listing");
    assert_eq!(
        doc["title"],
        "Discover and read the best of Twitter Threads about #KinshipCare"
    );
    let authors: Vec<(&Value, &Value)> = (doc["threads"].as_array().unwrap().iter())
        .map(|t| (&t["author"]["name"], &t["author"]["handle"]))
        .collect();
    assert_eq!(
        authors,
        [
            (&Value::from("Amara Okafor"), &Value::from("amara_kinship")),
            (
                &Value::from("Dr. Sean Whelan"),
                &Value::from("seanwhelan_sw")
            )
        ]
    );
    let declared: Vec<&Value> = (doc["threads"].as_array().unwrap().iter())
        .map(|t| &t["declared_count"])
        .collect();
    assert_eq!(declared, [8, 5]);
    // Each excerpt is its opening post alone: no name, handle, date or page furniture.
    let texts = texts(&doc);
    assert_eq!(texts[0].len(), 1, "{texts:?}");
    assert!(texts[0][0].starts_with("Kinship carers in our borough"));
    assert_eq!(texts[1].len(), 1, "{texts:?}");
    assert!(texts[1][0].ends_with("A thread 🧵"));
    assert_eq!(mentions(&doc, 1), ["LambethCouncil"]);
    assert_eq!(
        doc["warnings"],
        serde_json::json!(["2 lines above the first thread (the site's name and menu) left out"])
    );
}

#[test]
fn a_clipped_unrolls_more_from_section_is_the_authors_other_threads() {
    let doc = show("tra-more-from");
    assert_eq!(doc["author"]["handle"], "tom_ruralbus");
    assert_eq!(doc["threads"][0]["declared_count"], 3);
    let texts = texts(&doc);
    assert_eq!(texts.len(), 4, "{texts:?}");
    assert_eq!(texts[0].len(), 3, "{texts:?}");
    assert!(texts[0][2].ends_with("#buses"), "{texts:?}");
    // Each excerpt's introduction (the author's picture, name and handle, the date, on
    // lines of their own or on one) is no text of its thread.
    for (t, declared, opening) in [
        (1, 9, "1/ What a demand-responsive bus"),
        (2, 4, "Fares in the county"),
        (3, 5, "Why the school buses"),
    ] {
        let thread = &doc["threads"][t];
        assert_eq!(thread["title"], "More from @tom_ruralbus");
        assert_eq!(thread["author"]["name"], "Tom Hallam");
        assert_eq!(thread["declared_count"], declared);
        assert_eq!(texts[t].len(), 1, "{texts:?}");
        assert!(texts[t][0].starts_with(opening), "{texts:?}");
        assert!(mentions(&doc, t).is_empty(), "{t}: the author's own handle");
    }
    // An excerpt's "1/" numbers its first post.
    let first = &doc["threads"][1]["posts"][0];
    assert_eq!(
        (&first["label"], &first["number"]),
        (&serde_json::json!("1/"), &serde_json::json!(1))
    );
    assert_eq!(first["media"], false, "the author's picture is no post's");
}

#[test]
fn an_unrollers_saved_page_is_one_post_per_post_container() {
    // Thread Reader App's page saved as HTML: each post its own `content-tweet` block,
    // whatever it holds (a picture, a link's card of three blocks).
    let doc = show("tra-saved");
    assert_eq!(doc["kind"], "unroll");
    assert_eq!(doc["author"]["handle"], "mira_hollis");
    assert_eq!(doc["date"], "Feb 19, 2025");
    assert_eq!(doc["threads"][0]["declared_count"], 4);
    assert_eq!(
        texts(&doc),
        [vec![
            "Our library branch reopens on Monday after the roof repairs. What changed:",
            "The children's corner moved upstairs, next to the study room.",
            "The council's notice has the new hours:\n\nLibrary opening hours from March\n\ncouncil.example.gov.uk\n\nHours for every branch in the borough, with holiday closures.",
            "See you there 📚",
        ]]
    );
    // The picture X holds is the post's; the author's own picture is no post's.
    let media: Vec<&Value> = (doc["threads"][0]["posts"].as_array().unwrap().iter())
        .map(|p| &p["media"])
        .collect();
    assert_eq!(media, [false, true, false, false]);
}

#[test]
fn an_essay_that_writes_out_a_thread_keeps_it_a_thread_of_its_own() {
    let doc = show("essay-with-thread");
    assert_eq!(doc["kind"], "article");
    assert_eq!(doc["author"]["name"], "Ruth Okonjo");
    assert_eq!(doc["date"], "4 March 2025");
    let texts = texts(&doc);
    // The essay's paragraphs, its lead-in and what it says after the thread; the bio is
    // left out, said.
    assert_eq!(texts[0].len(), 5, "{texts:?}");
    assert_eq!(texts[0][2], "Here is the thread as I posted it:");
    assert!(texts[0][3].starts_with("Several people asked"), "{texts:?}");
    let thread = &doc["threads"][1];
    assert_eq!(thread["title"], "Thread");
    assert_eq!(thread["author"]["name"], "Ruth Okonjo");
    let labels: Vec<&Value> = (thread["posts"].as_array().unwrap().iter())
        .map(|p| &p["label"])
        .collect();
    assert_eq!(labels, ["1/", "2/", "3/", "4/4"]);
    assert!(texts[1][3].ends_with("#Allotments"), "{texts:?}");
    assert_eq!(
        doc["warnings"],
        serde_json::json!(["1 paragraph about the writer (their bio) left out"])
    );
}

#[test]
fn a_slash_numbered_thread_under_a_title_byline_and_date_is_a_thread() {
    let doc = show("titled-slash-thread");
    assert_eq!(doc["kind"], "unroll");
    assert_eq!(doc["title"], "What the allotment list taught us");
    assert_eq!(doc["author"]["name"], "Ruth Okonjo");
    assert_eq!(doc["date"], "4 March 2025");
    let posts = doc["threads"][0]["posts"].as_array().unwrap();
    let labels: Vec<&Value> = posts.iter().map(|p| &p["label"]).collect();
    // The paragraph under the last post ("3/3") is not that post's.
    assert_eq!(
        labels,
        [
            &serde_json::json!("1/"),
            &serde_json::json!("2/"),
            &serde_json::json!("3/3"),
            &Value::Null
        ]
    );
    assert!(doc["warnings"].as_array().unwrap().is_empty());
}

#[test]
fn an_unrollers_header_under_a_long_site_menu_and_follow_buttons() {
    // Eighteen lines of the site's menu above the header (the count line is the 24th), and
    // the buttons a copy keeps between the handle and the count ("✓ Following", "Follow
    // @…"): the page is still the thread.
    let doc = show("unroller-site-menu");
    assert_eq!(doc["kind"], "unroll");
    assert_eq!(doc["author"]["name"], "Tom Brennan");
    assert_eq!(doc["author"]["handle"], "tbrennan_hous");
    assert_eq!(doc["date"], "Jan 9, 2024");
    assert_eq!(doc["threads"][0]["declared_count"], 3);
    let posts = doc["threads"][0]["posts"].as_array().unwrap();
    let labels: Vec<&Value> = posts.iter().map(|p| &p["label"]).collect();
    assert_eq!(labels, ["1/", "2/", "3/3"]);
    assert!(mentions(&doc, 0).is_empty(), "the author's own handle");
    let warnings = doc["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0]
            .as_str()
            .unwrap()
            .ends_with("above the header (the site's menu or the page's title) left out")
    );
}

#[test]
fn a_thread_writers_page_names_its_author_above_and_its_date_below() {
    let doc = show("thread-writer-page");
    assert_eq!(doc["kind"], "unroll");
    assert_eq!(doc["author"]["name"], "Nadia Brennan");
    assert_eq!(doc["author"]["handle"], "nadia_brennan");
    assert_eq!(doc["date"], "Apr 9, 2024");
    // One word alone above the name cannot be told from a one-word title: kept as one.
    assert_eq!(doc["title"], "Quillpost");
    let texts = texts(&doc);
    assert_eq!(texts[0].len(), 5, "{texts:?}");
    assert!(texts[0][0].starts_with("We rebuilt"), "{texts:?}");
    assert!(texts[0][3].ends_with("- a block after 90 days overdue"));
    assert_eq!(
        texts[0][4],
        "Thanks to @LeedsLibraries for sharing their numbers first."
    );
    assert_eq!(mentions(&doc, 0), ["LeedsLibraries"]);
    assert_eq!(doc["warnings"], serde_json::json!([]));
}

#[test]
fn a_notes_numbered_list_is_no_thread() {
    let doc = show("note-with-list");
    assert_eq!(doc["kind"], "plain");
    assert_eq!(
        texts(&doc)[0],
        [
            "We stopped the Saturday deliveries last month. Three reasons:",
            "1) fuel went up by a third\n2) two of our drivers left\n3) the van failed its MOT",
            "We hope to start again in spring."
        ]
    );
    assert_eq!(labels(&doc, 0), [Value::Null, Value::Null, Value::Null]);
}

#[test]
fn a_brief_under_the_papers_name_has_its_title_byline_and_date() {
    let doc = show("masthead-article");
    assert_eq!(doc["kind"], "article");
    assert_eq!(
        doc["title"],
        "Saint-Malo : la dernière corderie ferme ses portes"
    );
    assert_eq!(doc["author"]["name"], "Yannick Le Goff");
    assert_eq!(doc["date"], "Publié le 2 avril 2024 à 08h15");
    let texts = texts(&doc);
    assert_eq!(texts[0].len(), 1, "{texts:?}");
    assert!(texts[0][0].starts_with("La corderie Huet"));
    assert_eq!(
        doc["warnings"],
        serde_json::json!(["1 line above the title (the site's name or menu) left out"])
    );
}

#[test]
fn a_titled_two_post_thread_saved_from_x_is_read_whole() {
    let doc = show("two-post-thread");
    assert_eq!(doc["kind"], "unroll");
    assert_eq!(doc["title"], "Thread: why nights need more staff");
    assert_eq!(doc["author"]["name"], "Ada Nwosu");
    assert_eq!(doc["author"]["handle"], "ada_nwosu");
    assert_eq!(doc["date"], "3 Mar 2024");
    assert_eq!(labels(&doc, 0), ["1/2", "2/2"]);
    assert!(
        mentions(&doc, 0).is_empty(),
        "the author's handle is no mention"
    );
}

#[test]
fn a_pasted_thread_of_two_numbered_posts_is_two_posts() {
    let doc = show("two-posts-numbered");
    assert_eq!(doc["kind"], "unroll");
    assert_eq!(labels(&doc, 0), ["1/", "2/"]);
    let texts = texts(&doc);
    assert!(texts[0][1].starts_with("2/ If you care"), "{texts:?}");
    assert_eq!(
        doc["threads"][0]["posts"][1]["hashtags"],
        serde_json::json!(["KinshipCare"])
    );
}

#[test]
fn a_thread_under_an_unrollers_title_line_or_heading_is_that_handles() {
    for (id, handle) in [
        ("thread-by-line", "lowen_sw"),
        ("headed-thread", "dee_fostering"),
    ] {
        let doc = show(id);
        assert_eq!(doc["kind"], "unroll", "{id}");
        assert_eq!(doc["author"]["handle"], handle, "{id}");
        assert_eq!(doc["author"]["name"], format!("@{handle}"), "{id}");
        assert_eq!(doc["threads"][0]["author"]["handle"], handle, "{id}");
        // The title line is no post, and its handle no mention.
        assert_eq!(labels(&doc, 0), ["1/", "2/", "3/"], "{id}");
        assert!(mentions(&doc, 0).is_empty(), "{id}");
        assert_eq!(doc["warnings"], serde_json::json!([]), "{id}");
    }
    // The heading is no post either.
    let texts = texts(&show("headed-thread"));
    assert!(texts[0][0].starts_with("1/ Some numbers"), "{texts:?}");
}

#[test]
fn threads_copied_from_x_mastodon_or_bluesky_leave_headers_times_and_counts_out() {
    let doc = show("x-selectall");
    assert_eq!(doc["kind"], "unroll");
    assert_eq!(doc["author"]["name"], "Amara Nwosu");
    assert_eq!(doc["author"]["handle"], "amara_kinship");
    assert_eq!(doc["date"], "Mar 3, 2024");
    assert_eq!(labels(&doc, 0), ["1/3", "2/3", "3/3"]);
    assert_eq!(
        texts(&doc),
        [
            vec![
                "1/3 Kinship carers raise thousands of children in England with almost no support. A short thread on what the care review proposes.",
                "2/3 It recommends a legal framework for kinship care and paid leave for carers, modelled on adoption leave.",
                "3/3 Read the summary from @KinshipCharity before Thursday's consultation closes. #KinshipCare",
            ],
            vec!["Paid leave would have kept my sister in work."],
            vec!["That is exactly the case the review makes."],
        ]
    );
    assert_eq!(
        mentions(&doc, 0),
        ["KinshipCharity"],
        "headers are no mentions"
    );
    assert_eq!(doc["threads"][1]["title"], "Replies");
    assert_eq!(
        doc["warnings"],
        serde_json::json!([
            "2 replies by others (and the author's answers to them) moved to threads titled Replies",
            "9 lines above the first post (the site's menu) left out"
        ])
    );

    let doc = show("mastodon-copied");
    assert_eq!(doc["author"]["handle"], "lena@social.example.org");
    assert_eq!(doc["date"], "Mar 12, 2024, 19:02");
    assert_eq!(labels(&doc, 0), ["1/3", "2/3", "3/3"]);
    let read = texts(&doc);
    assert_eq!(read.len(), 1, "{read:?}");
    assert_eq!(
        read[0][2],
        "The review wants more foster carers first. Ofsted agrees. #CareReview 3/3"
    );

    let doc = show("bluesky-copied");
    assert_eq!(doc["author"]["handle"], "priyaraman.bsky.social");
    assert_eq!(doc["date"], "April 2, 2024 at 8:30 AM");
    assert_eq!(
        texts(&doc),
        [
            vec![
                "Care leavers lose their personal adviser at 25. The review says that is too early.",
                "Staying close should be the default for anyone leaving residential care. #CareLeavers",
            ],
            vec!["Which councils already do this?"],
        ]
    );
}

#[test]
fn a_thread_copied_with_each_header_on_one_line_is_read_by_them() {
    let doc = show("mastodon-oneline");
    assert_eq!(doc["author"]["name"], "Femke van Dijk");
    assert_eq!(doc["author"]["handle"], "femke@social.example.nl");
    assert_eq!(
        texts(&doc),
        [
            vec![
                "The new figures on children in care in our province are out. A few things stood out. #jeugdzorg",
                "Waiting lists for foster families have doubled since 2021.",
            ],
            vec!["@femke Do they say how many siblings were placed apart?"],
            vec!["@joris Yes, in chapter 4: about one in three."],
        ]
    );
}

#[test]
fn a_clipper_that_writes_each_header_line_apart_gives_posts_and_replies() {
    let doc = show("markdownload-x");
    assert_eq!(doc["author"]["name"], "Jo Hale");
    assert_eq!(doc["author"]["handle"], "jo_hale");
    assert_eq!(doc["date"], "Apr 2, 2024");
    assert_eq!(
        texts(&doc),
        [
            vec![
                "Independent reviewing officers should be independent of the council that pays them.",
                "That is what the review's chapter on advocacy is really about.",
            ],
            vec!["Agreed, and the children should be told who they are."],
        ]
    );
}

#[test]
fn a_posts_card_in_an_article_is_an_embedded_post() {
    let doc = show("substack-card");
    assert_eq!(doc["kind"], "article");
    assert_eq!(
        texts(&doc),
        [
            vec![
                "Councils in England spend more on children's homes every year, for fewer children.",
                "One director of children's services put it plainly last week:",
                "She is right: the market has no reason to lower its prices.",
            ],
            vec![
                "We are paying hotel prices for placements nobody inspects.\n4:12 PM ∙ Feb 27, 2024"
            ],
        ]
    );
    assert_eq!(doc["threads"][1]["title"], "Embedded post");
    assert_eq!(doc["threads"][1]["author"]["handle"], "helenapark_dcs");
}

#[test]
fn a_blogs_posted_on_line_names_author_and_date_and_its_comments_end_it() {
    let doc = show("blog-posted-on");
    assert_eq!(doc["author"]["name"], "Rocío Almagro");
    assert_eq!(doc["date"], "18 febrero, 2024");
    assert_eq!(
        texts(&doc),
        [[
            "Hace cinco años acogimos a dos hermanos en casa.",
            "La primera lección: los hermanos deben seguir juntos.",
        ]]
    );
}

#[test]
fn a_thread_reader_page_converted_with_wide_paragraph_gaps_splits_at_narrow_ones() {
    // Converted by a tool that writes a post's line breaks as blank lines: its paragraphs
    // stand two blank lines apart, its lines and its posts one.
    let doc = show("tra-converted");
    assert_eq!(doc["kind"], "unroll");
    assert_eq!(doc["title"], "Kinship care leads start in April");
    assert_eq!(
        texts(&doc),
        [[
            "Every council in England will name a kinship care lead by April.\n\nThe lead answers carers directly, not through the duty desk.",
            "Three things change for carers on day one:\n\n✅ One named contact\n✅ A first visit within ten days\n✅ Allowances paid from the day a child moves in\n\nThe guidance is out today: [gov.example/kinship](https://gov.example/kinship)",
            "Councils that piloted it saw fewer placements break down.",
            "Carers asked for three things in the pilot:\n\n1️⃣ Training before the child arrives\n2️⃣ Respite at weekends\n3️⃣ Help with school transport",
            "We will report back in June on all three.",
        ]]
    );
    let posts = doc["threads"][0]["posts"].as_array().unwrap();
    let media: Vec<&Value> = posts.iter().map(|p| &p["media"]).collect();
    assert_eq!(media, [false, false, true, false, false]);
    // A list inside a post is no numbering of the thread's.
    assert!(posts.iter().all(|p| p["label"].is_null()));
    // The notice box is the unroller's, in no post.
    assert!(!doc.to_string().contains("Removed Anytime"));
}

#[test]
fn a_feed_pages_source_names_its_site_and_the_site_its_author() {
    // A feed-to-Markdown tool writes the feed's name as `source:` and the address as `url:`.
    let doc = show("feed-article");
    assert_eq!(
        doc["source"],
        "https://amara-nwosu.example/kinship-care-leads/?utm_source=rss&utm_medium=rss"
    );
    // The name the address spells is the site's owner, and so the page's author.
    assert_eq!(doc["author"]["name"], "Amara Nwosu");
    assert_eq!(doc["threads"][0]["author"]["name"], "Amara Nwosu");
    assert_eq!(doc["date"], "2026-03-05");
    assert_eq!(doc["kind"], "article");
    // "MPs" is the plural of two capitals, no organisation's short name.
    assert_eq!(
        doc["threads"][0]["posts"][2]["organisations"],
        serde_json::json!([])
    );
}

#[test]
fn a_counter_followed_by_hashtags_numbers_its_post() {
    let doc = show("tagged-counter");
    let posts = doc["threads"][0]["posts"].as_array().unwrap();
    let labels: Vec<&Value> = posts.iter().map(|p| &p["label"]).collect();
    assert_eq!(labels, ["1/3", "2/3", "3/3"]);
    assert_eq!(
        posts[2]["hashtags"],
        serde_json::json!(["LocalGov", "KinshipCare"])
    );
}

#[test]
fn numbered_steps_in_a_code_block_are_code_not_a_thread() {
    let doc = show("code-steps");
    assert_eq!(doc["kind"], "article");
    let posts = doc["threads"][0]["posts"].as_array().unwrap();
    assert!(posts.iter().all(|p| p["label"].is_null()), "{posts:?}");
    // The code is kept, in the page's order.
    let text: Vec<&str> = posts.iter().map(|p| p["text"].as_str().unwrap()).collect();
    let text = text.join("\n");
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s:?} in {text:?}"));
    assert!(at("1/ pull the list") < at("3/ push them") && at("3/ push them") < at("1) check"));
    assert!(at("1) check") < at("Next week"));
}

#[test]
fn a_page_of_highlights_is_a_thread_of_them_without_the_readers_notes() {
    let doc = show("readwise-highlights");
    assert_eq!(doc["kind"], "unroll");
    assert_eq!(doc["title"], "Thread by @harbour_ward on Twitter");
    assert_eq!(doc["author"]["handle"], "harbour_ward");
    assert_eq!(
        texts(&doc),
        [[
            "The island's only respite home closes in June. A thread on what that means for families here.",
            "Eleven families use it. The nearest other home is two ferries away. #RespiteCare",
            "Write to @IslandCouncil before the consultation closes on 30 April.",
        ]]
    );
    assert_eq!(mentions(&doc, 0), ["IslandCouncil"]);
    let warnings = doc["warnings"].to_string();
    assert!(
        warnings.contains("2 items under the highlights (the reader's notes and tags) left out"),
        "{warnings}"
    );
}

#[test]
fn a_saved_blog_post_has_its_head_and_no_comments() {
    let doc = show("blog-saved");
    assert_eq!(doc["title"], "Eight posts on the ferry timetable");
    assert_eq!(doc["author"]["name"], "Morag Lindsay");
    assert_eq!(doc["date"], "April 2, 2024");
    assert_eq!(
        texts(&doc),
        [[
            "I wrote these on X last week. Here they are in one place.",
            "The summer timetable drops the 7am sailing on weekdays.",
            "That is the sailing carers take to reach the day centre on the mainland.",
            "Ask the operator to keep it: the consultation closes on 30 April. #Ferries",
        ]]
    );
    // The site's name and menu around the main content, the comments, the sharing buttons.
    let warnings = doc["warnings"].to_string();
    assert!(warnings.contains("3 blocks of navigation"), "{warnings}");
}

#[test]
fn a_newsletter_of_threads_is_a_listing_of_each_under_its_attribution() {
    let doc = show("newsletter-roundup");
    assert_eq!(doc["kind"], "listing");
    assert_eq!(doc["title"], "Five threads: the ferry timetable");
    // The newsletter's, not its first thread's author.
    assert_eq!(doc["author"]["name"], "Island Notes");
    let authors: Vec<&Value> = (doc["threads"].as_array().unwrap().iter())
        .map(|t| &t["author"]["handle"])
        .collect();
    assert_eq!(authors, ["morag_cares", "IslandFerries"]);
    assert_eq!(
        texts(&doc),
        [
            vec![
                "1/ The summer timetable drops the 7am sailing on weekdays.",
                "2/ That is the sailing carers take to reach the day centre on the mainland. #Ferries",
            ],
            vec![
                "1/ We have read every response so far. Thank you.",
                "2/ The 7am sailing moves to 7.20 because of crew hours, not cost. Ask @IslandCouncil about the contract.",
                "3/3 We will publish the final timetable on 30 April.",
            ]
        ]
    );
    assert_eq!(mentions(&doc, 1), ["IslandCouncil"]);
    // The introduction, the sign-off and the link to unsubscribe are the newsletter's,
    // left out and said.
    let warnings = doc["warnings"].to_string();
    assert!(
        warnings.contains("3 paragraphs of the page's own between its threads"),
        "{warnings}"
    );
}

#[test]
fn a_clipped_news_article_leaves_its_sharing_buttons_sign_up_box_and_bio_out() {
    let doc = show("news-clipped");
    assert_eq!(doc["kind"], "article");
    assert_eq!(doc["author"]["name"], "Morag Lindsay");
    assert_eq!(
        texts(&doc),
        [[
            "The island's only respite home for disabled children will close in June, the health board confirmed on Monday.",
            "Eleven families use the home. The nearest other one is two ferry crossings away.",
            "Parents said they would write to the council before the consultation closes on 30 April.",
        ]]
    );
    // The writer's handle in their bio is no mention of the article's.
    assert!(mentions(&doc, 0).is_empty());
    let warnings = doc["warnings"].to_string();
    assert!(
        warnings.contains("1 paragraph about the writer (their bio) left out"),
        "{warnings}"
    );
    assert!(
        warnings.contains("2 blocks of header, sidebar, comments or footer"),
        "{warnings}"
    );
}

#[test]
fn posts_a_saved_page_embeds_are_read_whole_from_their_markup() {
    let doc = show("news-embeds");
    assert_eq!(doc["kind"], "article");
    assert_eq!(
        texts(&doc),
        [
            vec![
                "The operator said on Tuesday that the 7am sailing would move, not go.",
                "Carers were not convinced.",
                "The consultation closes on 30 April.",
            ],
            // Both paragraphs of the post are its writer's, not the article's; a date in
            // Gaelic signs a post as well as one in English.
            vec![
                "The 7am sailing moves to 7.20.\n\nCrew hours, not cost. Read our reply to the consultation. pic.twitter.com/Ab12\n\n— Island Ferries (@IslandFerries) April 9, 2024"
            ],
            vec![
                "Tha sinn fhathast a' feitheamh. #Aiseag\n\n— Cùram Eilean (@CuramEilean) 9 Giblean 2024"
            ],
        ]
    );
    let authors: Vec<&Value> = (doc["threads"].as_array().unwrap().iter())
        .map(|t| &t["author"]["handle"])
        .collect();
    assert_eq!(authors[1..], ["IslandFerries", "CuramEilean"]);
    assert_eq!(doc["threads"][1]["title"], "Embedded post");
}

#[test]
fn saved_news_text_under_the_sites_menu_gives_title_writer_date_and_standfirst() {
    let doc = show("news-text");
    assert_eq!(doc["kind"], "article");
    assert_eq!(
        doc["title"],
        "Short-break homes for disabled children to close in two towns"
    );
    assert_eq!(doc["author"]["name"], "Morag Lindsay");
    // The date it was published, in the page's words, not the date it was updated.
    assert_eq!(doc["date"], "Tue 5 Mar 2024 06.00 GMT");
    let texts = texts(&doc);
    assert_eq!(texts.len(), 1);
    // The standfirst opens the article; the site's name and menu are no part of it.
    assert_eq!(
        texts[0][0],
        "Parents say the closures leave families without respite for the first time in twenty years"
    );
    assert_eq!(texts[0].len(), 4);
    assert!(texts[0][1].starts_with("Two of the county's"), "{texts:?}");
    let warnings = doc["warnings"].to_string();
    assert!(
        warnings.contains("2 lines above the title (the site's name or menu) left out"),
        "{warnings}"
    );
}

#[test]
fn a_nitter_page_is_its_writers_thread_without_the_menu_or_the_counts() {
    let doc = show("nitter-thread");
    assert_eq!(doc["kind"], "unroll");
    assert_eq!(doc["author"]["name"], "Calum Reid");
    assert_eq!(doc["author"]["handle"], "calumreid_sw");
    assert_eq!(doc["date"], "Apr 2, 2024 · 7:15 PM UTC");
    let texts = texts(&doc);
    assert_eq!(texts.len(), 1);
    assert_eq!(
        texts[0][1],
        "Allowances have not moved since 2019 while rents have risen by a third. #Fostering 2/3"
    );
    let labels: Vec<&str> = (doc["threads"][0]["posts"].as_array().unwrap().iter())
        .map(|p| p["label"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(labels, ["1/3", "2/3", "3/3"]);
    // The writer's handle above each post is no mention; the one in a post is.
    assert_eq!(mentions(&doc, 0), ["TheFosteringNet"]);
}

#[test]
fn a_saved_news_page_whose_head_alone_names_writer_and_date_is_an_article() {
    let doc = show("news-meta");
    assert_eq!(doc["kind"], "article");
    assert_eq!(
        doc["title"],
        "Short-break homes for disabled children to close in two towns"
    );
    assert_eq!(doc["author"]["name"], "Morag Lindsay");
    assert_eq!(doc["date"], "2024-03-05T06:00:00Z");
    // The site's name, the headline and the byline are the head's, not paragraphs; the
    // standfirst is the article's.
    let texts = texts(&doc);
    assert_eq!(texts.len(), 1);
    assert_eq!(texts[0].len(), 4, "{texts:?}");
    assert!(texts[0][0].starts_with("Parents say"), "{texts:?}");
    let warnings = doc["warnings"].to_string();
    assert!(
        warnings.contains("3 paragraphs at the top repeating the page's head"),
        "{warnings}"
    );
    assert!(!warnings.contains("no thread structure"), "{warnings}");
}

#[test]
fn a_clip_whose_headers_are_plain_links_is_read_by_them() {
    // No front matter and no other markup: the headers alone make it a clipped page.
    let doc = show("xclip-plain-links");
    assert_eq!(doc["kind"], "unroll");
    assert_eq!(doc["author"]["name"], "Noor Haddad");
    assert_eq!(doc["author"]["handle"], "noorhaddad");
    assert_eq!(doc["date"], "Mar 12, 2025");
    let texts = texts(&doc);
    assert_eq!(
        texts,
        [
            vec![
                "Notes from the kinship care summit in Leeds, day one. 1/4",
                "Morning panel: allowances vary by council, from nothing to the full fostering rate. 2/4",
                "The room went quiet when a grandmother described giving up work to take in three children. 3/4",
                "Slides: [example.org/summit/slides](https://example.org/summit/slides). More tomorrow. 4/4",
            ],
            vec!["Was the Leeds pilot mentioned? @noorhaddad"],
        ]
    );
    let posts = doc["threads"][0]["posts"].as_array().unwrap();
    // Numbered as written, the label read above the post's picture.
    let labels: Vec<&Value> = posts.iter().map(|p| &p["label"]).collect();
    assert_eq!(labels, ["1/4", "2/4", "3/4", "4/4"]);
    assert_eq!(posts[2]["media"], true);
    // The link's text is no link of its own.
    assert_eq!(
        posts[3]["urls"],
        serde_json::json!(["https://example.org/summit/slides"])
    );
    // The author's own header is no mention; the reply's mention is.
    assert!(mentions(&doc, 0).is_empty());
    assert_eq!(doc["threads"][1]["title"], "Replies");
    assert_eq!(doc["threads"][1]["author"]["handle"], "samortizsw");
    // x.com's column under the thread is left out, and said to be.
    let warnings: Vec<&str> = (doc["warnings"].as_array().unwrap().iter())
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("the column beside the thread")
                && w.contains("\"Discover more\"")
                && w.ends_with("with 1 post, left out")),
        "{warnings:?}"
    );
}
