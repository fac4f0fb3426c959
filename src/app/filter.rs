//! Applying a filter chosen in the panel ([`super::panel`]) or given on the command line.

use super::{App, Filter};

impl App {
    /// Adds a filter and says what it left.
    pub fn apply_filter(&mut self, filter: Filter) {
        let doc = self.current_doc();
        self.filters.push(&self.facets, filter);
        self.filters_changed(doc);
        self.message = Some(format!(
            "{} · {} of {} documents",
            filter.chip(&self.facets),
            self.filters.visible().len(),
            self.corpus.documents.len()
        ));
    }
}
