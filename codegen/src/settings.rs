//! What a generation run is told beyond the document itself.

/// Generation settings, built with `with_*` setters.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The document's path as named in headers and diagnostics (e.g. `spec/api.yaml`).
    pub spec_path: String,
    /// When set, crate docs are `include_str!` of this path (relative to `src/lib.rs`) instead of
    /// the document's `info`, so a hand-written README with compiled examples can be the front page.
    pub readme: Option<String>,
}

impl Settings {
    /// Settings for the document at `spec_path`.
    pub fn new(spec_path: impl Into<String>) -> Self {
        Settings { spec_path: spec_path.into(), readme: None }
    }

    /// Uses the README at `path` (relative to `src/lib.rs`) as crate documentation.
    pub fn with_readme(mut self, path: impl Into<String>) -> Self {
        self.readme = Some(path.into());
        self
    }
}
