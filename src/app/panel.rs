//! The filter panel: a facet tab, the typed query, and the entries it ranks (fuzzily,
//! incrementally as the query grows), with the keys that apply them.

use super::{App, Filter, Filters};
use crate::facets::{Entry, FacetKind, Facets};
use crate::filters::Count;
use crate::fuzzy::Matcher;
use crate::keymap::Action;
use std::cell::Cell;

/// One row of the panel's list: an entry and the characters of its name the query matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub entry: usize,
    pub highlight: Vec<usize>,
}

/// The filter panel: a facet tab, the typed query and the entries it ranks.
#[derive(Debug)]
pub struct FilterPanel {
    pub tab: FacetKind,
    pub query: String,
    pub rows: Vec<Row>,
    selected: usize,
    /// The first row shown (kept by rendering, like the documents list).
    pub offset: Cell<usize>,
    /// The query the rows were ranked for, to rank an extended query incrementally.
    ranked_for: Option<String>,
    /// Where a query that matches nothing on this tab matches, and how many: typed on the
    /// wrong tab, it says where to go.
    pub elsewhere: Vec<(FacetKind, usize)>,
}

impl FilterPanel {
    pub fn new(facets: &Facets, filters: &Filters) -> FilterPanel {
        let mut panel = FilterPanel {
            tab: FacetKind::Author,
            query: String::new(),
            rows: Vec::new(),
            selected: 0,
            offset: Cell::new(0),
            ranked_for: None,
            elsewhere: Vec::new(),
        };
        panel.refresh(facets, filters);
        panel
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The entry under the selection.
    pub fn selected_entry(&self) -> Option<usize> {
        self.rows.get(self.selected).map(|r| r.entry)
    }

    /// The name of the entry under the selection, to find it again in facets made anew.
    pub fn selected_name(&self, facets: &Facets) -> Option<String> {
        let entry = self.selected_entry()?;
        Some(facets.entries(self.tab)[entry].name.clone())
    }

    /// Selects the row of the entry named `name` (or written so), if listed.
    pub fn select_named(&mut self, facets: &Facets, name: &str) {
        let entries = facets.entries(self.tab);
        let named = |row: &Row| entries[row.entry].is_named(name);
        if let Some(row) = self.rows.iter().position(named) {
            self.selected = row;
        }
    }

    /// Ranks again from scratch (after a change of tab or filters).
    pub fn refresh(&mut self, facets: &Facets, filters: &Filters) {
        self.ranked_for = None;
        self.rank(facets, filters);
    }

    /// A character typed into the query.
    pub fn push(&mut self, c: char, facets: &Facets, filters: &Filters) {
        self.query.push(c);
        self.rank(facets, filters);
    }

    fn rank(&mut self, facets: &Facets, filters: &Filters) {
        // Whether the query before matched nothing here, so that `elsewhere` is its.
        let nothing_before = self.rows.is_empty() && self.ranked_for.is_some();
        let entries = facets.entries(self.tab);
        let query = self.query.trim();
        if query.is_empty() {
            let tab = self.tab;
            self.rows = order_unfiltered(entries.len(), |i| {
                (filters.applied(tab, i).is_some(), filters.drill(tab, i))
            });
        } else {
            // An extended query only ever matches a subset of what the shorter one matched.
            let extends = self
                .ranked_for
                .as_deref()
                .is_some_and(|before| !before.is_empty() && query.starts_with(before));
            let candidates: Vec<usize> = if extends {
                self.rows.iter().map(|r| r.entry).collect()
            } else {
                (0..entries.len()).collect()
            };
            self.rows = fuzzy_rows(entries, &candidates, query);
        }
        // A query that extends one matching nothing here can match only where that one did.
        let extends = (self.ranked_for.as_deref())
            .is_some_and(|before| !before.is_empty() && query.starts_with(before));
        let kinds: Vec<FacetKind> = match extends && nothing_before && self.rows.is_empty() {
            true => self.elsewhere.iter().map(|&(kind, _)| kind).collect(),
            false => FacetKind::ALL
                .iter()
                .copied()
                .filter(|&k| k != self.tab)
                .collect(),
        };
        self.elsewhere = match self.rows.is_empty() && !query.is_empty() {
            true => matches_elsewhere(facets, &kinds, query),
            false => Vec::new(),
        };
        self.ranked_for = Some(query.to_string());
        self.selected = 0;
        self.offset.set(0);
    }

    fn move_to(&mut self, row: isize) {
        let last = self.rows.len().saturating_sub(1) as isize;
        self.selected = row.clamp(0, last) as usize;
    }

    /// A click on a row of the list.
    pub fn click(&mut self, row: usize) {
        let row = self.offset.get() + row;
        if row < self.rows.len() {
            self.selected = row;
        }
    }

    fn switch_tab(&mut self, step: usize, facets: &Facets, filters: &Filters) {
        let all = FacetKind::ALL;
        let at = all.iter().position(|k| *k == self.tab).unwrap_or(0);
        self.show_tab(all[(at + step) % all.len()], facets, filters);
    }

    /// Where a query typed on the wrong tab matches most.
    pub fn best_elsewhere(&self) -> Option<FacetKind> {
        let most = (self.elsewhere.iter()).min_by_key(|(_, n)| std::cmp::Reverse(*n));
        most.map(|&(kind, _)| kind)
    }

    /// Shows the tab of `kind`, the query kept.
    pub fn show_tab(&mut self, kind: FacetKind, facets: &Facets, filters: &Filters) {
        self.tab = kind;
        self.refresh(facets, filters);
    }
}

/// How many entries of each of `kinds` `query` matches, for those it matches at all.
fn matches_elsewhere(facets: &Facets, kinds: &[FacetKind], query: &str) -> Vec<(FacetKind, usize)> {
    let matcher = Matcher::default();
    (kinds.iter())
        .map(|&kind| {
            let entries = facets.entries(kind);
            let found = (entries.iter())
                .filter(|e| {
                    matcher.score(&e.name, query).is_some()
                        || e.variants.iter().any(|v| matcher.score(v, query).is_some())
                })
                .count();
            (kind, found)
        })
        .filter(|&(_, found)| found > 0)
        .collect()
}

/// Entries in facet order (most posts first): those in force first, those that would leave
/// nothing last.
fn order_unfiltered(len: usize, state: impl Fn(usize) -> (bool, Count)) -> Vec<Row> {
    let (applied, rest): (Vec<usize>, Vec<usize>) = (0..len).partition(|&i| state(i).0);
    let (live, dead): (Vec<usize>, Vec<usize>) =
        rest.into_iter().partition(|&i| state(i).1.posts > 0);
    (applied.into_iter().chain(live).chain(dead))
        .map(|entry| Row {
            entry,
            highlight: Vec::new(),
        })
        .collect()
}

/// The candidates matching `query`, best first: by their name, or failing that by another
/// spelling folded into them (an alias, a handle).
fn fuzzy_rows(entries: &[Entry], candidates: &[usize], query: &str) -> Vec<Row> {
    let matcher = Matcher::default();
    let mut scored: Vec<(i64, Row)> = candidates
        .iter()
        .filter_map(|&entry| {
            let e = &entries[entry];
            if let Some((score, highlight)) = matcher.indices(&e.name, query) {
                return Some((score, Row { entry, highlight }));
            }
            let best = e
                .variants
                .iter()
                .filter_map(|v| matcher.score(v, query))
                .max()?;
            let highlight = Vec::new();
            Some((best, Row { entry, highlight }))
        })
        .collect();
    scored.sort_by_key(|(score, row)| (std::cmp::Reverse(*score), row.entry));
    scored.into_iter().map(|(_, row)| row).collect()
}

impl App {
    pub(super) fn filter_act(&mut self, action: Action) {
        let at = self.panel.selected as isize;
        let page = self.panes().filter_list.height.max(1) as isize;
        match action {
            Action::Down => self.panel.move_to(at + 1),
            Action::Up => self.panel.move_to(at - 1),
            Action::PageDown => self.panel.move_to(at + page),
            Action::PageUp => self.panel.move_to(at - page),
            Action::Top => self.panel.move_to(0),
            Action::Bottom => self.panel.move_to(isize::MAX / 2),
            Action::NextTab => self.panel.switch_tab(1, &self.facets, &self.filters),
            Action::PreviousTab => {
                self.panel
                    .switch_tab(FacetKind::ALL.len() - 1, &self.facets, &self.filters)
            }
            Action::Apply => self.apply_selected(false),
            Action::ApplyNegated => self.apply_selected(true),
            Action::DeleteChar if self.panel.query.is_empty() => self.remove_filter(false),
            Action::DeleteChar => {
                self.panel.query.pop();
                self.panel.refresh(&self.facets, &self.filters);
            }
            Action::ClearQuery => {
                self.panel.query.clear();
                self.panel.refresh(&self.facets, &self.filters);
            }
            _ => {}
        }
    }

    fn apply_selected(&mut self, negated: bool) {
        let Some(entry) = self.panel.selected_entry() else {
            // Typed on the wrong tab: enter goes where it matches.
            if let Some(kind) = self.panel.best_elsewhere() {
                self.panel.show_tab(kind, &self.facets, &self.filters);
            }
            return;
        };
        let applied = self.apply_filter(Filter {
            kind: self.panel.tab,
            entry,
            negated,
        });
        self.panel.query.clear();
        self.panel.refresh(&self.facets, &self.filters);
        // Back to reading, where `n` steps through what the filter left (`f` comes back
        // for another).
        if applied {
            self.focus = self.previous_focus;
        }
    }
}
