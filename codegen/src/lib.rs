//! Generates a self-contained async Rust SDK crate from an OpenAPI 3.0 or 3.1 document.
//!
//! Four stages, one direction: [`spec`] (typed document model) → [`resolve`] (into the [`ir`],
//! in the document's terms) → `lower` (into the [`model`](mod@model) of the crate: every name, item,
//! signature and doc decided) → `emit` (prints the model as formatted Rust). No I/O: files come
//! back as data.

pub mod compat;
pub mod diagnostics;
mod emit;
pub mod ir;
mod lower;
pub mod model;
pub mod project;
pub mod resolve;
mod runtime_files;
pub mod settings;
pub mod spec;

pub use diagnostics::{Diagnostic, Severity};
pub use model::Feature as CrateFeature;
pub use settings::Settings;

use std::collections::BTreeMap;

/// A generated crate's `src/` files, by relative path, with the warnings met on the way.
#[derive(Debug)]
pub struct Generated {
    /// Relative path (`lib.rs`, `operations/chat.rs`) → contents.
    pub files: BTreeMap<String, String>,
    /// Constructs generated with a fallback.
    pub warnings: Vec<Diagnostic>,
    /// The Cargo features the code is gated by (empty unless
    /// [`Settings::tag_features`] is on).
    pub features: Vec<CrateFeature>,
    /// What the crate's manifest must declare: the dependencies the code needs and the features
    /// it is gated by ([`project::manifest::create`] writes them).
    pub manifest: project::manifest::Owned,
    /// How many operations the crate has.
    pub operations: usize,
    /// The operations that answer a page at a time: client method, pagination style, and who
    /// says so (an extension's name, `settings` or `shape`).
    pub paginated: Vec<(String, &'static str, &'static str)>,
}

/// Reads and resolves a document; errors and warnings are located by file, line and pointer.
pub fn load_api(file: &str, text: &str) -> Result<(ir::Api, Vec<Diagnostic>), Vec<Diagnostic>> {
    let doc = spec::load(file, text).map_err(|d| vec![d])?;
    let mut diags = diagnostics::Diagnostics::default();
    let api = resolve::resolve(&doc, &mut diags);
    let failed = diags.has_errors();
    let lines = spec::LineIndex::new(text, spec::Format::detect(file, text));
    let found = diags.finish(file, &lines);
    if failed {
        Err(found)
    } else {
        Ok((api, found))
    }
}

/// The model of the crate the document `text` (named `file`) generates with `settings`.
pub fn model(file: &str, text: &str, settings: &Settings) -> Result<(model::Crate, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (mut api, warnings) = load_api(file, text)?;
    if settings.deprecation_notes_from_descriptions {
        resolve::deprecation::notes_from_descriptions(&mut api);
    }
    let mut notes = resolve::pagination::apply_settings(&mut api, &settings.pagination);
    match (settings.webhook_signature, api.webhooks.as_mut()) {
        (Some(scheme), Some(webhooks)) => webhooks.signature = Some(scheme),
        (Some(_), None) => notes.push("`webhook-signature` is set, but the document declares no webhooks".to_owned()),
        (None, _) => {}
    }
    if api.webhooks.as_ref().is_some_and(|webhooks| webhooks.signature.is_none()) && !settings.types_only {
        notes.push(
            "the document's webhooks do not say how they are signed: `parse` takes the user's `WebhookVerifier` \
             (set `webhook-signature = \"standard-webhooks\"`, or the document's `x-webhook-signature`, when the API \
             signs by Standard Webhooks)"
                .to_owned(),
        );
    }
    let (model, lowering_notes) = lower::lower(&api, settings);
    notes.extend(lowering_notes);
    let mut warnings = warnings;
    warnings.extend(notes.into_iter().map(|message| Diagnostic {
        severity: Severity::Warning,
        file: file.to_owned(),
        line: None,
        pointer: String::new(),
        message: format!("settings: {message}"),
    }));
    Ok((model, warnings))
}

/// How a diagnostic that is the generator's own failure begins.
pub const INTERNAL_ERROR: &str = "internal error: ";

/// Generates the SDK's source files for the document `text` (named `file`).
pub fn generate(file: &str, text: &str, settings: &Settings) -> Result<Generated, Vec<Diagnostic>> {
    let (model, warnings) = model(file, text, settings)?;
    // The printer failing is the generator's bug, never the document's: said so plainly.
    let files = emit::emit(&model).map_err(|message| vec![internal_error(file, &message)])?;
    let manifest = project::owned(&model);
    let paginated = model
        .operations
        .iter()
        .filter_map(|op| {
            op.paging.as_ref().map(|paging| (op.method.clone(), paging.next.style(), paging.source.name()))
        })
        .collect();
    let operations = model.operations.len();
    Ok(Generated { files, warnings, features: model.features, manifest, operations, paginated })
}

/// The printer failing is the generator's bug, never the document's: said so plainly.
fn internal_error(file: &str, message: &str) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        file: file.to_owned(),
        line: None,
        pointer: String::new(),
        message: format!("{INTERNAL_ERROR}{message} (please report this with the document)"),
    }
}
