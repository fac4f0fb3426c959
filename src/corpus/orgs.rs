//! Recognising organisation names in post text by general rules (the glossary and the links
//! between handles and names are applied across the corpus in `resolve`).
//!
//! - A run of capitalised words around an organisational word ("Competition and Markets
//!   Authority", "Independent Review of Social Care", "St George’s, University of London").
//! - Acronyms used as names ("BASW", "APPG for Looked After Children"), not common
//!   abbreviations ("CEO", "CPD").
//! - CamelCase brand names ("CareTech"), not surnames ("MacAlister").
//! - Names the text itself calls organisations ("Frontline, an organisation…", "a report by
//!   Tact"): these count wherever the corpus names them.
//! - Handles whose words mark an organisation ("educationgovuk", "CWIP_Research").
//! - Companies the text has act as companies do ("at Databricks", "Snowflake announced",
//!   "security firm Praetorian", "Readwise's engineers").
//! - Names listed beside organisations ("Paypal, Visa and Mastercard"): see [`lists`].
//! - Not words in capitals the document shows are terms ("EVERY" beside "every", "0.5 ETH",
//!   "BIP32"): see [`terms`].
//! - Organisations known by name the world over ("Microsoft", "Harvard University"), from a
//!   list kept as data in `known.txt`, written as the list writes them.
//!
//! Each rule is written plainly in its own module: [`names`] (runs of capitalised words),
//! [`declared`] (names the text calls organisations), [`handles`] and [`abbreviations`], with
//! the words they look for as data in `words`. What makes them fast on a whole corpus is
//! apart, in [`prefilter`], each speed-up beside the property test that holds it to the
//! plain rule.

mod abbreviations;
mod actors;
mod declared;
mod handles;
mod lists;
mod names;
pub mod prefilter;
mod terms;
#[cfg(test)]
mod tests;
mod words;

pub use abbreviations::{abbreviates, content_initials, letters, may_abbreviate};
pub use actors::actor_names;
pub use declared::declared_names;
pub use handles::{handle_is_org, handle_words};
pub use lists::{listed_names, lower_case_words};
pub use names::{is_acronym, names};
pub use terms::Terms;

/// The organisations known by name the world over (`known.txt`), each as it is written.
pub fn known() -> impl Iterator<Item = &'static str> {
    let lines = include_str!("orgs/known.txt").lines().map(str::trim);
    lines.filter(|l| !l.is_empty() && !l.starts_with('#'))
}
pub(super) use prefilter::next_capital;
pub use prefilter::{letter_bits, may_abbreviate_bits};
