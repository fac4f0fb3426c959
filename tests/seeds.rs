//! The acceptance fixture: every seed parses as tests/fixtures/seeds-expected.json says.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;
use tread::corpus::{Corpus, Document, LoadOptions, load};

fn expected() -> Vec<Value> {
    let text = include_str!("fixtures/seeds-expected.json");
    serde_json::from_str::<Value>(text)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn seeds_folder() -> Corpus {
    let options = LoadOptions {
        paths: vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")],
        glossary: None,
        cache: None,
    };
    load::load(&options).expect("seeds load")
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn stem(file: &str) -> &str {
    file.strip_suffix(".txt").unwrap_or(file)
}

fn key(name: &str) -> String {
    name.trim_start_matches('@')
        .replace('’', "'")
        .to_lowercase()
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn doc<'a>(corpus: &'a Corpus, spec: &Value) -> &'a Document {
    let id = stem(spec["file"].as_str().unwrap());
    corpus.get(id).unwrap_or_else(|| panic!("{id} not loaded"))
}

fn check_header(d: &Document, spec: &Value) {
    assert_eq!(d.kind.name(), spec["kind"], "{}: kind", d.id);
    assert_eq!(
        d.author.as_ref().map(|a| a.name.as_str()),
        spec["author"].as_str(),
        "{}: author",
        d.id
    );
    assert_eq!(d.date.as_deref(), spec["date"].as_str(), "{}: date", d.id);
    if let Some(title) = spec.get("title") {
        assert_eq!(d.title.as_deref(), title.as_str(), "{}: title", d.id);
    }
    if let Some(part) = spec.get("title_contains").and_then(Value::as_str) {
        assert!(
            d.title.as_deref().unwrap_or("").contains(part),
            "{}: title {:?}",
            d.id,
            d.title
        );
    }
}

fn check_threads(d: &Document, spec: &Value) {
    let Some(threads) = spec.get("threads").and_then(Value::as_array) else {
        return;
    };
    assert_eq!(d.threads.len(), threads.len(), "{}: thread count", d.id);
    for (t, (thread, want)) in d.threads.iter().zip(threads).enumerate() {
        let at = format!("{} thread {}", d.id, t + 1);
        assert_eq!(
            thread.declared_count.map(u64::from),
            want["declared_count"].as_u64(),
            "{at}: declared"
        );
        let same = want.get("same_thread_as").and_then(Value::as_str).map(stem);
        assert_eq!(
            thread.same_thread_as.as_deref(),
            same,
            "{at}: same_thread_as"
        );
        let posts = want["posts"].as_array().unwrap();
        let got: Vec<String> = thread.posts.iter().map(|p| squash(&p.text)).collect();
        assert_eq!(
            thread.posts.len(),
            posts.len(),
            "{at}: post count; posts: {got:#?}"
        );
        for (p, (post, want)) in thread.posts.iter().zip(posts).enumerate() {
            let at = format!("{at} post {}", p + 1);
            let text = squash(&post.text);
            assert_eq!(post.label.as_deref(), want["label"].as_str(), "{at}: label");
            assert_eq!(
                post.number.map(u64::from),
                want["number"].as_u64(),
                "{at}: number"
            );
            assert!(
                text.starts_with(&squash(want["starts_with"].as_str().unwrap())),
                "{at}: starts {text:?}"
            );
            assert!(
                text.ends_with(&squash(want["ends_with"].as_str().unwrap())),
                "{at}: ends {text:?}"
            );
            assert_eq!(
                post.media,
                want.get("media").and_then(Value::as_bool).unwrap_or(false),
                "{at}: media"
            );
        }
    }
}

fn check_paragraphs(d: &Document, spec: &Value) {
    let Some(want) = spec.get("paragraphs") else {
        return;
    };
    let posts: Vec<&str> = d.posts().map(|p| &*p.text).collect();
    let (min, max) = (
        want["min"].as_u64().unwrap() as usize,
        want["max"].as_u64().unwrap() as usize,
    );
    assert!(
        (min..=max).contains(&posts.len()),
        "{}: {} paragraphs",
        d.id,
        posts.len()
    );
    assert!(
        posts[0].starts_with(want["first_starts_with"].as_str().unwrap()),
        "{}: first {:?}",
        d.id,
        posts[0]
    );
    let last = posts[posts.len() - 1];
    assert!(
        last.starts_with(want["last_starts_with"].as_str().unwrap()),
        "{}: last {last:?}",
        d.id
    );
}

fn check_entities(d: &Document, spec: &Value) {
    let folded = |values: Vec<String>| {
        values
            .iter()
            .map(|v| v.to_lowercase())
            .collect::<BTreeSet<_>>()
    };
    let hashtags = folded(
        d.posts()
            .flat_map(|p| p.hashtags.iter().map(|h| h.to_string()))
            .collect(),
    );
    assert_eq!(
        hashtags,
        folded(strings(&spec["hashtags"])),
        "{}: hashtags",
        d.id
    );
    let mentions = folded(
        d.posts()
            .flat_map(|p| p.mentions.iter().map(|m| m.to_string()))
            .collect(),
    );
    assert_eq!(
        mentions,
        folded(strings(&spec["mentions"])),
        "{}: mentions",
        d.id
    );
    let urls: Vec<String> = d
        .posts()
        .flat_map(|p| p.urls.iter().map(|u| u.to_string()))
        .collect();
    for url in strings(&spec["urls"]) {
        assert!(urls.contains(&url), "{}: url {url} not in {urls:?}", d.id);
    }
}

fn check_organisations(d: &Document, spec: &Value) {
    let found: BTreeSet<String> = d.posts().flat_map(|p| p.organisations.clone()).collect();
    let found_keys: BTreeSet<String> = found.iter().map(|o| key(o)).collect();
    let mut allowed: BTreeSet<String> = strings(&spec["organisations_tolerated"])
        .iter()
        .map(|o| key(o))
        .collect();
    for required in spec["organisations_required"].as_array().unwrap() {
        let aliases = strings(&required["aliases"]);
        allowed.extend(aliases.iter().map(|a| key(a)));
        let hit = aliases.iter().any(|a| found_keys.contains(&key(a)));
        assert!(
            hit,
            "{}: organisation {} not found in {found:?}",
            d.id, required["name"]
        );
    }
    for person in strings(&spec["people_not_organisations"]) {
        assert!(
            !found_keys.contains(&key(&person)),
            "{}: person {person} listed as an organisation",
            d.id
        );
    }
    let unexpected: Vec<&String> = found
        .iter()
        .filter(|o| !allowed.contains(&key(o)))
        .collect();
    assert!(
        unexpected.is_empty(),
        "{}: unexpected organisations {unexpected:?}",
        d.id
    );
}

fn check_chrome(d: &Document, spec: &Value) {
    for chrome in strings(&spec["not_in_posts"]) {
        let post = d.posts().find(|p| p.text.contains(&chrome));
        assert!(
            post.is_none(),
            "{}: chrome {chrome:?} in post {:?}",
            d.id,
            post.map(|p| &p.text)
        );
    }
    if let Some(caption) = spec.get("caption_once").and_then(Value::as_str) {
        let count: usize = d.posts().map(|p| p.text.matches(caption).count()).sum();
        assert_eq!(count, 1, "{}: caption appears {count} times", d.id);
    }
}

fn check_all(corpus: &Corpus) {
    for spec in expected() {
        let d = doc(corpus, &spec);
        check_header(d, &spec);
        check_threads(d, &spec);
        check_paragraphs(d, &spec);
        check_entities(d, &spec);
        check_organisations(d, &spec);
        check_chrome(d, &spec);
    }
}

#[test]
fn seeds_folder_parses_as_expected() {
    check_all(&seeds_folder());
}

#[test]
fn bundled_seeds_parse_as_expected() {
    check_all(&load::bundled());
}

#[test]
fn bundled_and_folder_corpora_agree() {
    let (bundled, folder) = (load::bundled(), seeds_folder());
    for (a, b) in bundled.documents.iter().zip(&folder.documents) {
        assert_eq!((&a.id, &a.threads, &a.title), (&b.id, &b.threads, &b.title));
    }
    assert_eq!(bundled.documents.len(), folder.documents.len());
}

#[test]
fn hashtag_variants_fold_into_one_facet() {
    let facets = tread::facets::Facets::build(&load::bundled());
    for spec in expected() {
        let Some(folded) = spec.get("hashtags_case_folded").and_then(Value::as_object) else {
            continue;
        };
        for (key, variants) in folded {
            let entry = facets
                .hashtags
                .iter()
                .find(|e| e.name.to_lowercase() == *key)
                .expect("facet entry");
            for variant in strings(variants) {
                assert!(
                    entry.variants.contains(&variant),
                    "{key}: {variant} not in {:?}",
                    entry.variants
                );
            }
        }
    }
}

#[test]
fn seeds_have_no_numbering_warnings() {
    for d in &load::bundled().documents {
        assert!(d.warnings.is_empty(), "{}: {:?}", d.id, d.warnings);
    }
}
