//! tread: review saved social-media threads, listing pages, articles and blog posts.
//!
//! [`corpus`] reads documents into threads of posts with their entities; [`facets`] and
//! [`search`] index them; [`cli`] is the command line over them.

pub mod address;
pub mod app;
pub mod cache;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod facets;
pub mod filters;
pub mod fuzzy;
pub mod glyphs;
pub mod keymap;
pub mod listing;
pub mod present;
pub mod review;
pub mod search;
pub mod tui;
pub mod ui;
pub mod watch;
pub mod wrap;
pub mod xdg;
