//! One module per command, each given the loaded corpus and what was asked of it. Loading,
//! and letting the corpus go at the end, are the caller's ([`super::run`]).

pub mod cache;
pub mod export;
pub mod facets;
pub mod list;
pub mod review;
pub mod search;
pub mod show;
pub mod tui;
