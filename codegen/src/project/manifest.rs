//! The generated crate's `Cargo.toml`, edited as a document (`toml_edit`): generation owns the
//! dependencies the generated code needs and the features it is gated by, and nothing else.
//! Everything the owner wrote — version, metadata, their own dependencies and features, comments,
//! formatting — is kept as it is. What generation owns is recorded in
//! `[package.metadata.sdksmith]`, so a dependency or feature it no longer needs is removed without
//! touching one the owner added.
//!
//! A needed dependency the owner already declares keeps its source (`workspace = true`, `path`,
//! `git`) and a version requirement that refines the needed one (`0.12.5` for `0.12`); only
//! missing features are added to it.

use super::dependencies::Dependency;
use crate::Diagnostic;
use toml_edit::{Array, DocumentMut, Item, Table, Value};

/// What generation owns in a manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Owned {
    /// Dependencies the generated code needs.
    pub dependencies: Vec<Dependency>,
    /// Features: name, what it turns on, and its comment.
    pub features: Vec<OwnedFeature>,
}

/// A feature generation declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedFeature {
    /// Its name.
    pub name: String,
    /// What it enables (`dep:tracing`, `reqwest/rustls-tls`, other features).
    pub enables: Vec<String>,
    /// Its comment (`## …` in the manifest, as cargo-docs-rs style tools read it).
    pub doc: String,
}

/// The `[package]` of a new manifest.
#[derive(Debug, Clone, Default)]
pub struct NewPackage {
    /// `name`.
    pub name: String,
    /// `version`.
    pub version: String,
    /// `edition`.
    pub edition: String,
    /// `description`.
    pub description: String,
    /// Other keys as TOML values, in order (`license`, `repository`…).
    pub extra: Vec<(String, toml_edit::Value)>,
}

/// A new manifest for `package` with what generation owns.
pub fn create(package: &NewPackage, owned: &Owned) -> String {
    let mut doc = DocumentMut::new();
    let mut table = Table::new();
    table.insert("name", toml_edit::value(package.name.as_str()));
    table.insert("version", toml_edit::value(package.version.as_str()));
    table.insert("edition", toml_edit::value(package.edition.as_str()));
    table.insert("description", toml_edit::value(package.description.as_str()));
    for (key, value) in &package.extra {
        table.insert(key, Item::Value(value.clone()));
    }
    doc.insert("package", Item::Table(table));
    let text = doc.to_string();
    // A new manifest is valid TOML, so updating it cannot fail.
    update("Cargo.toml", &text, owned).unwrap_or(text)
}

/// `text` (the manifest `file`) with what generation owns brought up to date.
pub fn update(file: &str, text: &str, owned: &Owned) -> Result<String, Diagnostic> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let line = e.span().map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        super::config::error(file, line, format!("invalid manifest: {}", e.message()))
    })?;
    let previous = recorded(&doc);
    update_dependencies(&mut doc, &owned.dependencies, &previous.0);
    update_features(&mut doc, &owned.features, &previous.1);
    record(&mut doc, owned);
    Ok(doc.to_string())
}

/// What `[package.metadata.sdksmith]` says generation owned on the last run.
fn recorded(doc: &DocumentMut) -> (Vec<String>, Vec<String>) {
    let list = |key: &str| -> Vec<String> {
        let metadata = doc.get("package").and_then(|p| p.get("metadata")).and_then(|m| m.get("sdksmith"));
        let array = metadata.and_then(|m| m.get(key)).and_then(Item::as_array);
        array.map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()).unwrap_or_default()
    };
    (list("dependencies"), list("features"))
}

fn record(doc: &mut DocumentMut, owned: &Owned) {
    let Some(package) = doc.get_mut("package").and_then(Item::as_table_mut) else { return };
    let metadata = package.entry("metadata").or_insert_with(|| {
        let mut table = Table::new();
        table.set_implicit(true);
        Item::Table(table)
    });
    let Some(metadata) = metadata.as_table_mut() else { return };
    let sdksmith = metadata.entry("sdksmith").or_insert_with(|| {
        let mut table = Table::new();
        table.decor_mut().set_prefix(
            "\n# What sdksmith generates in this manifest, updated on each run; everything else is yours.\n",
        );
        Item::Table(table)
    });
    let Some(sdksmith) = sdksmith.as_table_mut() else { return };
    let names = |names: Vec<&str>| Item::Value(Value::Array(names.into_iter().collect::<Array>()));
    sdksmith.insert("dependencies", names(owned.dependencies.iter().map(|d| d.name).collect()));
    sdksmith.insert("features", names(owned.features.iter().map(|f| f.name.as_str()).collect()));
}

fn table<'d>(doc: &'d mut DocumentMut, name: &str) -> &'d mut Table {
    let item = doc.entry(name).or_insert_with(|| Item::Table(Table::new()));
    if !item.is_table() {
        // An inline `dependencies = { … }` becomes a table; its entries are kept.
        let inline = item.as_inline_table().cloned().unwrap_or_default();
        *item = Item::Table(inline.into_table());
    }
    match item.as_table_mut() {
        Some(table) => table,
        None => unreachable!("made a table just above"),
    }
}

fn update_dependencies(doc: &mut DocumentMut, needed: &[Dependency], previous: &[String]) {
    let dependencies = table(doc, "dependencies");
    for dependency in needed {
        match dependencies.get_mut(dependency.name) {
            Some(existing) => refine(existing, dependency),
            None => {
                dependencies.insert(dependency.name, Item::Value(dependency.entry()));
            }
        }
    }
    for name in previous {
        if !needed.iter().any(|d| d.name == name) {
            dependencies.remove(name);
        }
    }
}

/// Brings an owner's entry for a needed dependency up to what generation needs, keeping the rest.
fn refine(existing: &mut Item, dependency: &Dependency) {
    if let Some(version) = existing.as_str() {
        // A bare version: keep it when it refines ours, and add what else is needed.
        let mut wanted = dependency.entry();
        if refines(version, dependency.version) {
            set_version(&mut wanted, version);
        }
        *existing = Item::Value(wanted);
        return;
    }
    let before = existing.to_string();
    let Some(entry) = existing.as_table_like_mut() else { return };
    let elsewhere = ["workspace", "path", "git"].iter().any(|key| entry.contains_key(key));
    if !elsewhere {
        let version = entry.get("version").and_then(Item::as_str).map(str::to_owned);
        if !version.is_some_and(|v| refines(&v, dependency.version)) {
            entry.insert("version", toml_edit::value(dependency.version));
        }
        if !dependency.default_features && !entry.contains_key("default-features") {
            entry.insert("default-features", toml_edit::value(false));
        }
    }
    if dependency.optional && !entry.contains_key("optional") {
        entry.insert("optional", toml_edit::value(true));
    }
    let missing: Vec<&str> = dependency
        .features
        .iter()
        .copied()
        .filter(|f| {
            let present = entry.get("features").and_then(Item::as_array);
            !present.is_some_and(|a| a.iter().any(|v| v.as_str() == Some(f)))
        })
        .collect();
    if !missing.is_empty() {
        let features = entry.entry("features").or_insert(Item::Value(Value::Array(Array::new())));
        if let Some(array) = features.as_array_mut() {
            array.extend(missing);
        }
    }
    // Spacing as `cargo add` writes it, where keys were added.
    if existing.to_string() != before {
        if let Some(inline) = existing.as_inline_table_mut() {
            inline.fmt();
        }
    }
}

fn set_version(value: &mut Value, version: &str) {
    match value {
        Value::InlineTable(inline) => {
            inline.insert("version", Value::from(version));
        }
        other => *other = Value::from(version),
    }
}

/// Whether the requirement `owner` is `ours` or a more precise one (`0.12.5` refines `0.12`).
fn refines(owner: &str, ours: &str) -> bool {
    let owner = owner.trim_start_matches(['^', '=', ' ']);
    owner == ours || owner.strip_prefix(ours).is_some_and(|rest| rest.starts_with('.'))
}

fn update_features(doc: &mut DocumentMut, owned: &[OwnedFeature], previous: &[String]) {
    if owned.is_empty() && previous.is_empty() {
        return;
    }
    let features = table(doc, "features");
    for feature in owned {
        let wanted: Array = feature.enables.iter().map(String::as_str).collect();
        match features.get_mut(&feature.name) {
            Some(existing) => {
                let same = existing
                    .as_array()
                    .is_some_and(|a| a.iter().map(|v| v.as_str()).eq(feature.enables.iter().map(|f| Some(f.as_str()))));
                if !same {
                    *existing = Item::Value(Value::Array(wanted));
                }
            }
            None => {
                features.insert(&feature.name, Item::Value(Value::Array(wanted)));
                if let Some(mut key) = features.key_mut(&feature.name) {
                    let comment: String = feature.doc.lines().map(|line| format!("## {line}\n")).collect();
                    key.leaf_decor_mut().set_prefix(comment);
                }
            }
        }
    }
    for name in previous {
        if !owned.iter().any(|f| f.name == *name) {
            features.remove(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::dependencies;

    fn owned(deps: &[&str], features: &[(&str, &[&str])]) -> Owned {
        Owned {
            dependencies: deps
                .iter()
                .map(|name| {
                    *dependencies::RUNTIME.iter().chain(dependencies::FORMATS).find(|d| d.name == *name).expect("known")
                })
                .collect(),
            features: features
                .iter()
                .map(|(name, enables)| OwnedFeature {
                    name: (*name).to_owned(),
                    enables: enables.iter().map(|s| (*s).to_owned()).collect(),
                    doc: format!("The {name} feature."),
                })
                .collect(),
        }
    }

    #[test]
    fn the_owners_edits_survive_and_what_generation_owns_follows_it() {
        let first = create(
            &NewPackage {
                name: "pets".into(),
                version: "0.1.0".into(),
                edition: "2021".into(),
                description: "Pets".into(),
                extra: vec![],
            },
            &owned(&["serde", "chrono"], &[("default", &["tracing"]), ("tracing", &[])]),
        );
        assert!(first.contains("chrono = { version = \"0.4\", default-features = false"), "{first}");
        assert!(first.contains("## The tracing feature.\ntracing = []"), "{first}");
        // The owner bumps the version, pins serde, adds a dependency, a feature and a comment.
        let edited = first
            .replace("version = \"0.1.0\"", "version = \"2.3.0\" # bumped")
            .replace("serde = { version = \"1\"", "serde = { version = \"1.0.200\"")
            .replace("[dependencies]", "[dependencies]\n# mine\nanyhow = \"1\"")
            .replace("[features]", "[features]\nextras = []");
        // Generation now needs uuid instead of chrono, and one more feature.
        let updated = update(
            "Cargo.toml",
            &edited,
            &owned(&["serde", "uuid"], &[("default", &["tracing"]), ("tracing", &[]), ("full", &[])]),
        )
        .expect("valid");
        assert!(updated.contains("version = \"2.3.0\" # bumped"), "{updated}");
        assert!(updated.contains("# mine\nanyhow = \"1\""), "{updated}");
        assert!(updated.contains("serde = { version = \"1.0.200\", features = [\"derive\"] }"), "{updated}");
        assert!(updated.contains("extras = []"), "{updated}");
        assert!(updated.contains("uuid = "), "{updated}");
        assert!(!updated.contains("chrono"), "{updated}");
        assert!(updated.contains("full = []"), "{updated}");
        // Running again changes nothing.
        let again = update(
            "Cargo.toml",
            &updated,
            &owned(&["serde", "uuid"], &[("default", &["tracing"]), ("tracing", &[]), ("full", &[])]),
        )
        .expect("valid");
        assert_eq!(again, updated);
    }

    #[test]
    fn a_dependency_from_the_workspace_keeps_its_source_and_gains_features() {
        let text = "[package]\nname = \"x\"\n\n[dependencies]\nreqwest = { workspace = true }\nuuid = \"1.4\"\n";
        let updated = update("Cargo.toml", text, &owned(&["reqwest", "uuid"], &[])).expect("valid");
        assert!(updated.contains("reqwest = { workspace = true, features = [\"stream\", \"http2\"] }"), "{updated}");
        assert!(updated.contains("uuid = { version = \"1.4\", features = [\"serde\"] }"), "{updated}");
    }

    #[test]
    fn an_invalid_manifest_is_an_error_naming_its_line() {
        let error =
            update("sdk/Cargo.toml", "[package]\nname = \"x\"\nversion = \n", &Owned::default()).expect_err("invalid");
        assert_eq!((error.file.as_str(), error.line), ("sdk/Cargo.toml", Some(3)), "{error}");
    }
}
