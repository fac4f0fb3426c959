//! The organisation rules, case by case.

use super::abbreviations::*;
use super::declared::*;
use super::handles::*;
use super::names::*;
use super::words::*;

#[test]
fn organisation_words_are_in_byte_order() {
    assert!(ORG_WORDS.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn organisation_words_are_known_with_or_without_possessive() {
    for word in ORG_WORDS {
        assert!(is_org_word(word), "{word}");
        assert!(is_org_word(&format!("{word}’s")), "{word}’s");
    }
    for word in [
        "Care", "Trusts", "Trustee", "Fun", "Court-", "", "A", "UNION", "union",
    ] {
        assert!(!is_org_word(word), "{word}");
    }
}

fn names_of(text: &str) -> Vec<String> {
    names(text)
}

#[test]
fn organisation_word_with_capitalised_words_before_it() {
    assert_eq!(
        names_of("from the Competition and Markets Authority for"),
        ["Competition and Markets Authority"]
    );
    assert_eq!(
        names_of("the Care Crisis Review, the Care Inquiry."),
        ["Care Crisis Review", "Care Inquiry"]
    );
    assert_eq!(
        names_of("work by Mutual Ventures' staff"),
        ["Mutual Ventures"]
    );
}

#[test]
fn complement_with_of_or_for_continues_the_name() {
    assert_eq!(
        names_of("the Department for Education said"),
        ["Department for Education"]
    );
    assert_eq!(
        names_of("launched the Independent Review of Social Care in England."),
        ["Independent Review of Social Care"]
    );
    assert_eq!(
        names_of("the Independent Review of Children’s Social Care (Care Review)"),
        [
            "Independent Review of Children’s Social Care",
            "Care Review"
        ]
    );
}

#[test]
fn capitalised_words_after_the_head_are_not_the_name() {
    assert_eq!(
        names_of("a Social Work Union Boycott."),
        ["Social Work Union"]
    );
}

#[test]
fn owner_before_a_name_is_dropped() {
    assert_eq!(
        names_of("of Scotland’s Independent Care Review in"),
        ["Independent Care Review"]
    );
}

#[test]
fn two_organisations_joined_by_and_stay_apart() {
    assert_eq!(
        names_of("professor, Kingston University and St George’s, University of London, told"),
        ["Kingston University", "St George’s, University of London"]
    );
}

#[test]
fn determiner_is_not_part_of_the_name() {
    assert_eq!(
        names_of("The Fostering Network are delighted"),
        ["Fostering Network"]
    );
}

#[test]
fn a_word_opening_the_sentence_is_not_part_of_the_name() {
    assert_eq!(
        names_of("Yesterday Hartley Borough Council voted. But Greyford Council agreed."),
        ["Hartley Borough Council", "Greyford Council"]
    );
    assert_eq!(
        names_of("Now the Department for Education says so. If the Spending Review cuts it"),
        ["Department for Education", "Spending Review"]
    );
    // Words that may open a name as well as a sentence stay.
    assert_eq!(
        names_of("funded by First Group and the Together Trust"),
        ["First Group", "Together Trust"]
    );
}

#[test]
fn a_lone_organisation_word_is_not_a_name() {
    assert!(names_of("The Review will address it. Government said.").is_empty());
}

#[test]
fn people_and_places_are_not_organisations() {
    assert!(names_of("Josh MacAlister and Ray Jones met Rachel de Souza in Cornwall.").is_empty());
    assert!(names_of("Josh McAlister said").is_empty());
}

#[test]
fn acronyms_used_as_names() {
    assert_eq!(names_of("only 10% of BASW supporting it"), ["BASW"]);
    assert_eq!(names_of("ADCS, JSWEC and others"), ["ADCS", "JSWEC"]);
    assert_eq!(
        names_of("with the APPG for Looked After Children and Care Leavers. More"),
        ["APPG for Looked After Children and Care Leavers"]
    );
}

#[test]
fn common_abbreviations_and_shouting_are_not_names() {
    assert!(
        names_of("acted as CEO until, a test not CPD! the IRO role, 13% HE figure, the ToR")
            .is_empty()
    );
    assert!(names_of("THIS IS HUGE NEWS").is_empty());
    let licence = "ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE, TORT";
    assert!(names_of(licence).is_empty());
    assert!(names_of("as Annex III says, and Part XIV of the Act").is_empty());
}

#[test]
fn camel_case_brands() {
    assert_eq!(names_of("CareTech, one of the biggest"), ["CareTech"]);
    assert!(names_of("MacAlister and McDonald and DeSouza").is_empty());
    assert!(names_of("the ToR and DfE").is_empty());
    assert!(names_of("call AskUserQuestionTool or NiPoPoWs").is_empty());
    assert_eq!(names_of("the CoinMarketCap list"), ["CoinMarketCap"]);
}

#[test]
fn apposition_and_authorship_declare_names() {
    assert_eq!(
        declared_names("The most obvious is Frontline, an organisation MacAlister founded"),
        ["Frontline"]
    );
    assert_eq!(
        declared_names("CareTech, one of the biggest private providers of homes"),
        ["CareTech"]
    );
    assert_eq!(
        declared_names("including a report by Tact proposing a service"),
        ["Tact"]
    );
    assert!(declared_names("Ray Jones, emeritus professor of social work").is_empty());
}

#[test]
fn handle_words_split_at_case_and_underscores() {
    assert_eq!(handle_words("CWIP_Research"), ["CWIP", "Research"]);
    assert_eq!(handle_words("FamilyRightsGp"), ["Family", "Rights", "Gp"]);
    assert_eq!(handle_words("reviewCSC"), ["review", "CSC"]);
    assert_eq!(handle_words("Jimmypaul90"), ["Jimmypaul"]);
}

#[test]
fn organisation_handles() {
    for handle in [
        "educationgovuk",
        "CWIP_Research",
        "FamilyRightsGp",
        "Careexpconf",
        "GPlusinfo",
        "ThePromiseScot",
        "reviewCSC",
        "carereviewwatch",
        "quillpay_co",
        "Nimbus__AI",
        "BrightLoopLtd",
        "Pebble_Tech",
        "OrbitWallet",
        "LanternGames",
        "AcmeEngg",
        "KinshipCharity@social.example",
        "FosterNetwork.bsky.social",
    ] {
        assert!(handle_is_org(handle), "{handle}");
    }
}

/// [`handle_is_org`] as it was first written: every test made, each long organisation
/// word searched for on its own.
fn handle_is_org_by_each_word(handle: &str) -> bool {
    let marked_word = handle_words(handle).iter().enumerate().any(|(i, w)| {
        HANDLE_WORDS.iter().any(|h| h.eq_ignore_ascii_case(w))
            || ORG_WORDS.iter().any(|o| o.eq_ignore_ascii_case(w))
            || (is_acronym(w) && w.len() >= 3)
            || (i > 0 && *w == "AI")
    });
    let lower = handle.to_ascii_lowercase();
    let ending = (HANDLE_ENDINGS.iter()).any(|e| lower.ends_with(e) && lower.len() > e.len());
    let long_org_word = (ORG_WORDS.iter())
        .filter(|o| o.len() >= 6)
        .any(|o| lower.contains(&o.to_ascii_lowercase()));
    let the_prefix = (handle.strip_prefix("The"))
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_uppercase()));
    marked_word || ending || long_org_word || the_prefix
}

use proptest::strategy::Strategy;

proptest::proptest! {
    /// Handles made of organisation words, handle words, endings and other letters, in
    /// any case, are judged as the first formulation judged them.
    #[test]
    fn handles_are_judged_as_word_by_word(
        pieces in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(ORG_WORDS).prop_map(str::to_string),
                proptest::sample::select(HANDLE_WORDS).prop_map(str::to_string),
                proptest::sample::select(HANDLE_ENDINGS).prop_map(str::to_string),
                "[A-Za-z0-9_]{1,4}",
                                proptest::strategy::Just("The".to_string()),
                proptest::strategy::Just("AI".to_string()),
            ],
            1..4,
        ),
        case in 0u8..3,
    ) {
        let handle: String = pieces.concat();
        let handle = match case {
            0 => handle,
            1 => handle.to_ascii_lowercase(),
            _ => handle.to_ascii_uppercase(),
        };
        proptest::prop_assert_eq!(handle_is_org(&handle), handle_is_org_by_each_word(&handle));
    }
}

#[test]
fn people_handles() {
    for handle in [
        "GavinWilliamson",
        "JoshMacAlister",
        "dez_holmes",
        "Jimmypaul90",
        "TerryGalloway",
        "nadhimzahawi",
        "samtrner",
        "Ai_Weiwei",
        "sarah_eng",
        // Where the account lives is not who holds it.
        "tomasz@fediscience.org",
        "mara@fosstodon.org",
        "helen.bsky.social",
    ] {
        assert!(!handle_is_org(handle), "{handle}");
    }
}

#[test]
fn abbreviations_link_to_names() {
    assert!(abbreviates("FamilyRightsGp", "Family Rights Group"));
    assert!(abbreviates("DfE", "Department for Education"));
    assert!(abbreviates("CMA", "Competition and Markets Authority"));
    assert!(!abbreviates("FamilyGp", "Family Rights Group"));
    assert!(!abbreviates("educationgovuk", "Department for Education"));
    assert!(!abbreviates("Care", "Care Review"));
    assert!(!abbreviates("care", "Care Review"));
    assert!(abbreviates("frg", "Family Rights Group"));
    assert!(abbreviates("MIT", "Massachusetts Institute of Technology"));
    assert!(abbreviates("RCCs", "Regional Care Cooperatives"));
    assert!(!abbreviates("GPL", "Git PLC"));
    assert!(!abbreviates("API", "Apple Inc"));
}

#[test]
fn the_initials_prefilter_never_rejects_an_abbreviation() {
    let pairs = [
        ("FamilyRightsGp", "Family Rights Group"),
        ("DfE", "Department for Education"),
        ("CMA", "Competition and Markets Authority"),
        ("frg", "Family Rights Group"),
        ("MIT", "Massachusetts Institute of Technology"),
        ("RCCs", "Regional Care Cooperatives"),
        ("TheFN", "The Fostering Network"),
        ("FN", "The Fostering Network"),
    ];
    for (short, name) in pairs {
        let initials = content_initials(name);
        let may = may_abbreviate(&letters(short), &letters(name), &initials);
        assert!(may || !abbreviates(short, name), "{short} / {name}");
        assert!(may, "{short} / {name}");
    }
    let refuses = |short: &str, name: &str| {
        !may_abbreviate(&letters(short), &letters(name), &content_initials(name))
    };
    assert!(refuses("educationgovuk", "Department for Education"));
    assert!(
        refuses("ntrust7", "Northfield Trust"),
        "7 is not in the name"
    );
}

#[test]
fn organisations_known_the_world_over_are_found_as_written() {
    use crate::corpus::{Corpus, Glossary, Source};
    let text = "She left Microsoft for a post at Harvard University last spring.\n\n\
                Her visa came through; Visa and Mastercard both declined to comment.\n";
    let source = Source {
        id: "known".to_string(),
        path: "known.txt".to_string(),
        text: text.to_string(),
        warnings: Vec::new(),
    };
    let corpus = Corpus::from_sources(vec![source], &Glossary::default());
    let mut found: Vec<&str> = (corpus.documents[0].posts())
        .flat_map(|p| p.organisations.iter().map(String::as_str))
        .collect();
    found.sort_unstable();
    assert_eq!(
        found,
        ["Harvard University", "Mastercard", "Microsoft", "Visa"]
    );
    // The list is data: every line a name, none written twice.
    let mut names: Vec<&str> = super::known().collect();
    assert!(names.len() > 200);
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before, "a name written twice");
}
