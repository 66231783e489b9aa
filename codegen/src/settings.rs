//! What a generation run is told beyond the document itself.

/// Generation settings, built with `with_*` setters.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The document's path as named in headers and diagnostics (e.g. `spec/api.yaml`).
    pub spec_path: String,
    /// When set, crate docs are `include_str!` of this path (relative to `src/lib.rs`) instead of
    /// the document's `info`, so a hand-written README with compiled examples can be the front page.
    pub readme: Option<String>,
    /// Take a deprecated item's note from its description when the description starts by saying
    /// it is deprecated ("NB: Deprecated in favour of …"), for documents that do not use
    /// `x-deprecated-message`. Off by default: it reads prose.
    pub deprecation_notes_from_descriptions: bool,
    /// Every struct keeps the fields the document does not declare in an `extra` map (and
    /// sends them back), so nothing a server adds is lost. On by default; off, structs ignore
    /// unknown fields and compile to less code.
    pub keep_unknown_fields: bool,
    /// A Cargo feature per tag (see `emit::features`), so a user of a big API compiles only the
    /// parts they call. Off by default: the crate's manifest must then declare the features,
    /// which [`crate::manifest`] does for a standalone crate.
    pub tag_features: bool,
}

impl Settings {
    /// Settings for the document at `spec_path`.
    pub fn new(spec_path: impl Into<String>) -> Self {
        Settings {
            spec_path: spec_path.into(),
            readme: None,
            deprecation_notes_from_descriptions: false,
            keep_unknown_fields: true,
            tag_features: false,
        }
    }

    /// Takes deprecation notes from descriptions (see the field).
    pub fn with_deprecation_notes_from_descriptions(mut self) -> Self {
        self.deprecation_notes_from_descriptions = true;
        self
    }

    /// Structs ignore the fields the document does not declare (see the field).
    pub fn without_unknown_fields(mut self) -> Self {
        self.keep_unknown_fields = false;
        self
    }

    /// Gates operations and types behind a Cargo feature per tag (see the field).
    pub fn with_tag_features(mut self) -> Self {
        self.tag_features = true;
        self
    }

    /// Uses the README at `path` (relative to `src/lib.rs`) as crate documentation.
    pub fn with_readme(mut self, path: impl Into<String>) -> Self {
        self.readme = Some(path.into());
        self
    }
}
