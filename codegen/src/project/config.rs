//! The config file (`sdksmith.toml`): everything a run needs. Every key is documented here and in
//! the README; an unknown key or a value of the wrong kind is an error naming the file and line.
//!
//! ```toml
//! document = "openapi.yaml"      # relative to this file
//! output = "petstore"            # the crate's folder (default: this file's)
//!
//! [package]                      # used when the manifest is first created
//! name = "petstore"
//! ```

use crate::settings::{Dates, Formats, Renames, Settings};
use crate::Diagnostic;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The config file's contents.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// The OpenAPI document (JSON or YAML), relative to the config file.
    pub document: String,
    /// OpenAPI Overlay 1.0 documents applied to the document, in order, before generation.
    #[serde(default)]
    pub overlays: Vec<String>,
    /// The crate's folder (holding `Cargo.toml` and `src/`), relative to the config file.
    #[serde(default = "this_folder")]
    pub output: String,
    /// The command generated files name as the one that regenerates them (default
    /// `sdksmith generate --config <this file's name>`).
    pub regenerate: Option<String>,
    /// The crate's front page is this README (relative to the crate's folder) instead of the page
    /// generated from the document.
    pub readme: Option<String>,
    /// Only the model types: no client, operations or HTTP stack (default false).
    #[serde(default)]
    pub types_only: bool,
    /// Structs keep the fields the document does not declare and send them back (default true).
    #[serde(default = "yes")]
    pub keep_unknown_fields: bool,
    /// Deprecation notes are read from descriptions that begin by saying so (default false).
    #[serde(default)]
    pub deprecation_notes: bool,
    /// Modules the owner writes in `src/` (`src/<name>.rs`), declared by the generated `lib.rs`.
    #[serde(default)]
    pub modules: Vec<String>,
    /// The header in which every POST and PATCH operation sends an idempotency key (default:
    /// only operations whose document declares one send a key).
    pub idempotency_header: Option<String>,
    /// The manifest's package section, written when the manifest is first created.
    #[serde(default)]
    pub package: Package,
    /// Cargo features.
    #[serde(default)]
    pub features: Features,
    /// The Rust types of formats.
    #[serde(default)]
    pub formats: FormatsConfig,
    /// Which operations are generated.
    #[serde(default)]
    pub operations: Selection,
    /// Rust types chosen for schemas or properties: a component name (`Money`) or JSON pointer
    /// (`#/components/schemas/Pet/properties/id`) → a type path (`rust_decimal::Decimal`).
    #[serde(default)]
    pub types: BTreeMap<String, String>,
    /// Renames of what the crate would otherwise call an item.
    #[serde(default)]
    pub renames: RenamesConfig,
    /// Pagination by `operationId`: a table like `x-pagination`'s, or `false`.
    #[serde(default)]
    pub pagination: BTreeMap<String, crate::settings::Pagination>,
    /// How the API signs its webhook requests (`standard-webhooks`), for a document that does
    /// not say (its `x-webhook-signature`).
    pub webhook_signature: Option<crate::ir::WebhookSignature>,
}

fn this_folder() -> String {
    ".".to_owned()
}

fn yes() -> bool {
    true
}

/// `[package]`: what a new manifest says; an existing manifest's own values are never changed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Package {
    /// The crate's name (required unless the manifest exists).
    pub name: Option<String>,
    /// Default `0.1.0`.
    pub version: Option<String>,
    /// Default: "Rust SDK for <the document's title>".
    pub description: Option<String>,
    /// Default `2021`.
    pub edition: Option<String>,
    /// `license = …`.
    pub license: Option<String>,
    /// `repository = …`.
    pub repository: Option<String>,
    /// `homepage = …`.
    pub homepage: Option<String>,
    /// `rust-version = …`.
    pub rust_version: Option<String>,
    /// `authors = […]`.
    #[serde(default)]
    pub authors: Vec<String>,
    /// `keywords = […]`.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// `categories = […]`.
    #[serde(default)]
    pub categories: Vec<String>,
    /// `publish = false` when false.
    pub publish: Option<bool>,
}

/// `[features]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Features {
    /// A Cargo feature per tag (default false).
    #[serde(default)]
    pub per_tag: bool,
    /// Tags compiled under one feature: feature name → tags.
    #[serde(default)]
    pub groups: BTreeMap<String, Vec<String>>,
    /// The most features the crate declares; beyond it tags are grouped (default 300, crates.io's
    /// limit).
    #[serde(default = "max_features")]
    pub max: usize,
}

fn max_features() -> usize {
    300
}

impl Default for Features {
    fn default() -> Self {
        Features { per_tag: false, groups: BTreeMap::new(), max: max_features() }
    }
}

/// `[formats]`: each defaults to `Formats::default()`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FormatsConfig {
    /// `"chrono"`, `"time"`, `"jiff"` or `"string"`.
    pub dates: Option<DatesConfig>,
    /// `uuid::Uuid`.
    pub uuid: Option<bool>,
    /// `rust_decimal::Decimal` for `format: decimal` strings and numbers.
    pub decimal: Option<bool>,
    /// `url::Url` for `format: uri`/`url`.
    pub uri: Option<bool>,
    /// `Vec<u8>` decoded from base64 for `format: byte`.
    pub byte: Option<bool>,
    /// `i64` written as text for `type: string, format: int64`.
    pub int64: Option<bool>,
}

/// `formats.dates`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatesConfig {
    /// chrono.
    Chrono,
    /// time.
    Time,
    /// jiff.
    Jiff,
    /// Strings.
    String,
}

/// `[operations]`: patterns are `operationId`s, `METHOD /path` (`*` matches within a segment) or
/// `tag:Name`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selection {
    /// Operations to generate (every one when empty).
    #[serde(default)]
    pub include: Vec<String>,
    /// Operations to leave out.
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// `[renames]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenamesConfig {
    /// Client methods: `get_pet_by_id = "pet"`.
    #[serde(default)]
    pub operations: BTreeMap<String, String>,
    /// Types: `Pet = "Animal"`.
    #[serde(default)]
    pub types: BTreeMap<String, String>,
    /// Fields: `"Pet.name" = "title"`.
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    /// Enum and union variants: `"Status.Active" = "Enabled"`.
    #[serde(default)]
    pub variants: BTreeMap<String, String>,
}

/// Reads a config file's text; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<Config, Diagnostic> {
    let config: Config = toml_edit::de::from_str(text).map_err(|e| {
        let line = e.span().map(|span| line_of(text, span.start));
        error(file, line, e.message().trim_end_matches('\n').to_owned())
    })?;
    config.validate(file, text)?;
    Ok(config)
}

/// An error in the config file.
pub fn error(file: &str, line: Option<usize>, message: String) -> Diagnostic {
    Diagnostic { severity: crate::Severity::Error, file: file.to_owned(), line, pointer: String::new(), message }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The line of the first `key` (as written, quoted or not) at or after `[table]`, for errors found
/// after parsing.
fn line_of_key(text: &str, table: &str, key: &str) -> Option<usize> {
    let header = format!("[{table}]");
    let start = if table.is_empty() { 0 } else { text.find(&header)? };
    let quoted = format!("\"{key}\"");
    text[start..]
        .lines()
        .position(|line| {
            let line = line.trim_start();
            line.starts_with(&quoted) || line.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|index| line_of(text, start) + index)
}

impl Config {
    /// A config of `document` alone, every other key at its default.
    pub fn new(document: &str) -> Config {
        let value = serde_json::json!({ "document": document });
        match Config::deserialize(value) {
            Ok(config) => config,
            // Every key but `document` has a default, so this cannot fail.
            Err(e) => unreachable!("a config of a document alone: {e}"),
        }
    }

    /// What the types cannot say: names that must be Rust identifiers.
    fn validate(&self, file: &str, text: &str) -> Result<(), Diagnostic> {
        let identifier = |table: &str, key: &str, value: &str| {
            let ok = value.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
                && value.chars().all(|c| c.is_alphanumeric() || c == '_');
            match ok {
                true => Ok(()),
                false => Err(error(
                    file,
                    line_of_key(text, table, key),
                    format!("`{value}` (for `{key}` in [{table}]) is not a Rust identifier"),
                )),
            }
        };
        for (table, map) in [
            ("renames.operations", &self.renames.operations),
            ("renames.types", &self.renames.types),
            ("renames.fields", &self.renames.fields),
            ("renames.variants", &self.renames.variants),
        ] {
            for (key, value) in map {
                identifier(table, key, value)?;
                let dotted = table.ends_with("fields") || table.ends_with("variants");
                if dotted && key.split('.').count() != 2 {
                    return Err(error(
                        file,
                        line_of_key(text, table, key),
                        format!("`{key}` in [{table}] must be written `Type.name`"),
                    ));
                }
            }
        }
        for (key, value) in &self.types {
            if value.trim().is_empty() || syn_type_is_invalid(value) {
                return Err(error(file, line_of_key(text, "types", key), format!("`{value}` is not a Rust type")));
            }
        }
        for module in &self.modules {
            identifier("", "modules", module)?;
        }
        if let Some(name) = &self.idempotency_header {
            if !crate::ir::is_header_name(name) {
                return Err(error(
                    file,
                    line_of_key(text, "", "idempotency-header"),
                    format!("`{name}` (for `idempotency-header`) is not a header name"),
                ));
            }
        }
        if self.features.max == 0 {
            return Err(error(file, line_of_key(text, "features", "max"), "`max` must be at least 1".to_owned()));
        }
        for pattern in self.operations.include.iter().chain(&self.operations.exclude) {
            crate::lower::selection::Pattern::parse(pattern).map_err(|message| {
                error(
                    file,
                    line_of_key(text, "operations", "include").or(line_of_key(text, "operations", "exclude")),
                    message,
                )
            })?;
        }
        Ok(())
    }

    /// The generation settings this config asks for; `document` and `command` as the headers
    /// name them.
    pub fn settings(&self, document: &str, command: &str, crate_name: &str) -> Settings {
        let defaults = Formats::default();
        let formats = Formats {
            dates: match self.formats.dates {
                None => defaults.dates,
                Some(DatesConfig::Chrono) => Dates::Chrono,
                Some(DatesConfig::Time) => Dates::Time,
                Some(DatesConfig::Jiff) => Dates::Jiff,
                Some(DatesConfig::String) => Dates::String,
            },
            uuid: self.formats.uuid.unwrap_or(defaults.uuid),
            decimal: self.formats.decimal.unwrap_or(defaults.decimal),
            uri: self.formats.uri.unwrap_or(defaults.uri),
            byte: self.formats.byte.unwrap_or(defaults.byte),
            int64: self.formats.int64.unwrap_or(defaults.int64),
        };
        let mut settings =
            Settings::new(document).with_formats(formats).with_command(command).with_crate_name(crate_name);
        settings.readme = self.readme.as_ref().map(|path| format!("../{path}"));
        settings.types_only = self.types_only;
        settings.keep_unknown_fields = self.keep_unknown_fields;
        settings.deprecation_notes_from_descriptions = self.deprecation_notes;
        settings.modules = self.modules.clone();
        settings.idempotency_header = self.idempotency_header.clone();
        settings.pagination = self.pagination.clone();
        settings.webhook_signature = self.webhook_signature;
        settings.tag_features = self.features.per_tag;
        settings.feature_groups = self.features.groups.clone();
        settings.max_features = self.features.max;
        settings.type_overrides = self.types.clone();
        settings.renames = Renames {
            operations: self.renames.operations.clone(),
            types: self.renames.types.clone(),
            fields: self.renames.fields.clone(),
            variants: self.renames.variants.clone(),
        };
        settings.include = self.operations.include.clone();
        settings.exclude = self.operations.exclude.clone();
        settings
    }
}

/// Whether `text` does not parse as a Rust type.
fn syn_type_is_invalid(text: &str) -> bool {
    syn::parse_str::<syn::Type>(text).is_err()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minimal_config_takes_the_defaults() {
        let config = parse("sdksmith.toml", "document = \"api.yaml\"\n[package]\nname = \"api\"\n").expect("parses");
        assert_eq!(config.output, ".");
        assert!(config.keep_unknown_fields && !config.types_only && !config.features.per_tag);
        assert_eq!(config.features.max, 300);
        let settings = config.settings("api.yaml", "sdksmith generate", "api");
        assert_eq!(settings.formats, Formats::default());
    }

    #[test]
    fn an_unknown_key_is_an_error_naming_its_line() {
        let text = "document = \"api.yaml\"\n\n[formats]\ndates = \"chrono\"\nuuids = true\n";
        let error = parse("cfg/sdksmith.toml", text).expect_err("unknown key");
        assert_eq!(error.file, "cfg/sdksmith.toml");
        assert_eq!(error.line, Some(5), "{error}");
        assert!(error.message.contains("uuids"), "{error}");
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_an_error_naming_its_line() {
        let error = parse("s.toml", "document = \"a.yaml\"\n[formats]\ndates = \"calendar\"\n").expect_err("bad value");
        assert_eq!(error.line, Some(3), "{error}");
        assert!(error.message.contains("calendar") || error.message.contains("chrono"), "{error}");
        let error = parse("s.toml", "document = 3\n").expect_err("bad type");
        assert_eq!(error.line, Some(1), "{error}");
        let error = parse("s.toml", "output = \"x\"\n").expect_err("no document");
        assert!(error.message.contains("document"), "{error}");
    }

    #[test]
    fn renames_and_types_are_checked_where_written() {
        let text = "document = \"a.yaml\"\n[renames.types]\nPet = \"Animal\"\nOwner = \"2nd\"\n";
        let error = parse("s.toml", text).expect_err("not an identifier");
        assert_eq!(error.line, Some(4), "{error}");
        let text = "document = \"a.yaml\"\n[renames.fields]\n\"name\" = \"title\"\n";
        assert!(parse("s.toml", text).expect_err("undotted").message.contains("Type.name"));
        let text = "document = \"a.yaml\"\n[types]\nMoney = \"Vec<\"\n";
        assert_eq!(parse("s.toml", text).expect_err("bad type").line, Some(3));
        let text = "document = \"a.yaml\"\n[operations]\ninclude = [\"FETCH /x\"]\n";
        assert_eq!(parse("s.toml", text).expect_err("bad pattern").line, Some(3));
    }

    #[test]
    fn the_idempotency_header_must_be_a_header_name() {
        let text = "document = \"a.yaml\"\nidempotency-header = \"Idempotency-Key\"\n";
        let settings = parse("s.toml", text).expect("parses").settings("a.yaml", "sdksmith generate", "a");
        assert_eq!(settings.idempotency_header.as_deref(), Some("Idempotency-Key"));
        let text = "document = \"a.yaml\"\n\nidempotency-header = \"Idempotency Key\"\n";
        let error = parse("s.toml", text).expect_err("a space is not allowed in a header name");
        assert_eq!(error.line, Some(3), "{error}");
        assert!(error.message.contains("idempotency-header"), "{error}");
        let text = "document = \"a.yaml\"\nidempotency-header = true\n";
        assert_eq!(parse("s.toml", text).expect_err("not a string").line, Some(2));
    }
}
