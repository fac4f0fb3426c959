//! Applying a filter chosen in the panel ([`super::panel`]) or given on the command line.

use super::{App, Filter};

impl App {
    /// Adds a filter and says what it left; one that would leave no post is not applied,
    /// and the status line says so (false).
    pub fn apply_filter(&mut self, filter: Filter) -> bool {
        let doc = self.current_doc();
        let chip = filter.chip(&self.facets);
        if self.filters.push(&self.facets, filter).is_err() {
            self.message = Some(format!("{chip} would leave no posts: not applied"));
            return false;
        }
        self.filters_changed(doc);
        let posts = self.filters.passing_count().unwrap_or(0);
        self.message = Some(format!(
            "added {chip}: the filters leave {} of {} posts in {} of {} documents",
            posts,
            self.facets.places().len(),
            self.filters.visible().len(),
            self.corpus.documents.len()
        ));
        true
    }
}
