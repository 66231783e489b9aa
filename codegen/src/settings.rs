//! What a generation run is told beyond the document itself. A config file (`project`) fills
//! these; a library user sets them with the `with_*` methods.

use std::collections::BTreeMap;

/// Generation settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The document's path as named in headers and diagnostics (e.g. `spec/api.yaml`).
    pub spec_path: String,
    /// The command that regenerates the crate, named in every generated file's header.
    pub command: String,
    /// The crate's name, for the front page's examples (`use my_api::Client;`).
    pub crate_name: String,
    /// When set, crate docs are `include_str!` of this path (relative to `src/lib.rs`) instead of
    /// the front page generated from the document.
    pub readme: Option<String>,
    /// Take a deprecated item's note from its description when the description starts by saying
    /// it is deprecated ("NB: Deprecated in favour of …"), for documents that do not use
    /// `x-deprecated-message`. Off by default: it reads prose.
    pub deprecation_notes_from_descriptions: bool,
    /// Every struct keeps the fields the document does not declare in an `extra` map (and
    /// sends them back), so nothing a server adds is lost. On by default; off, structs ignore
    /// unknown fields and compile to less code.
    pub keep_unknown_fields: bool,
    /// A Cargo feature per tag, so a user of a big API compiles only the parts they call. Off by
    /// default in the library: the crate's manifest must then declare the features.
    pub tag_features: bool,
    /// Tags compiled together under one feature (name → tags); the other tags keep a feature each.
    pub feature_groups: BTreeMap<String, Vec<String>>,
    /// The most features the crate declares (crates.io accepts 300): beyond it, tags are grouped.
    pub max_features: usize,
    /// The Rust types of string and number formats.
    pub formats: Formats,
    /// Rust types chosen for schemas or properties, by JSON pointer (`#/components/schemas/Money`
    /// or `#/components/schemas/Pet/properties/id`) or component name: a path like
    /// `rust_decimal::Decimal`, whose crate the owner adds to the manifest.
    pub type_overrides: BTreeMap<String, String>,
    /// Renames of what the crate would otherwise call an item.
    pub renames: Renames,
    /// Operations to generate (all when empty): `operationId`s, `METHOD /path` (with `*`
    /// matching within a segment), or `tag:Name`. Types no kept operation uses are left out.
    pub include: Vec<String>,
    /// Operations to leave out, written as `include`'s.
    pub exclude: Vec<String>,
    /// Only the model types: no client, operations or HTTP stack.
    pub types_only: bool,
    /// Modules the owner writes in `src/` beside the generated ones, declared by `lib.rs`.
    pub modules: Vec<String>,
    /// The header (`Idempotency-Key`) in which every POST and PATCH operation sends an
    /// idempotency key, for an API that accepts one everywhere; operations whose document
    /// declares a header of their own use theirs. Calls with a key are retried like idempotent
    /// ones. `None` (the default): only operations whose document declares one send a key.
    pub idempotency_header: Option<String>,
    /// How operations answer a page at a time, by `operationId`, over what the document says
    /// (its extensions, or its shape): [`Pagination::Off`] for an operation that only looks
    /// paginated.
    pub pagination: BTreeMap<String, Pagination>,
    /// How the API signs its webhook requests, over the document's `x-webhook-signature`: the
    /// crate then checks that scheme's signatures itself. `None`: the document's scheme, else
    /// the user gives one (a `WebhookVerifier`).
    pub webhook_signature: Option<crate::ir::WebhookSignature>,
}

/// An operation's pagination as the settings give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pagination {
    /// Paginated as declared.
    Declared(Box<PagingDeclaration>),
    /// Not paginated, whatever its shape (`false` in the config file).
    Off,
}

impl<'de> serde::Deserialize<'de> for Pagination {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Written {
            Flag(bool),
            Declared(Box<PagingDeclaration>),
        }
        match Written::deserialize(deserializer)? {
            Written::Flag(false) => Ok(Pagination::Off),
            Written::Flag(true) => Err(serde::de::Error::custom(
                "`true` does not say how: give `cursor`, `offset`, `page`, `next-link` or `link-header`",
            )),
            Written::Declared(declaration) => Ok(Pagination::Declared(declaration)),
        }
    }
}

/// How an operation answers a page at a time, as `x-pagination` and the config file's
/// `[pagination]` write it. One of `cursor` (with `next-cursor` or `cursor-from-last-item`),
/// `offset`, `page`, `next-link` or `link-header` says how the next page is asked for. Paths
/// into the page are dotted wire names (`meta.next_cursor`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct PagingDeclaration {
    /// The query parameter that takes the next page's cursor.
    pub cursor: Option<String>,
    /// Where the page holds the next cursor.
    pub next_cursor: Option<String>,
    /// The field of the page's last item the cursor takes instead (`id`, for `starting_after`).
    pub cursor_from_last_item: Option<String>,
    /// The query parameter of an offset, grown by the number of items each page holds.
    pub offset: Option<String>,
    /// The query parameter of a page number, grown by one.
    pub page: Option<String>,
    /// Where the page holds the next page's URL.
    pub next_link: Option<String>,
    /// The next page is the `Link` header's `rel="next"` URL.
    #[serde(default)]
    pub link_header: bool,
    /// Where the page holds its items (absent: the page is the list).
    pub items: Option<String>,
    /// A boolean field of the page saying whether another page follows.
    pub has_more: Option<String>,
    /// An integer field of the page giving the number of items of all pages.
    pub total: Option<String>,
}

/// What a crate would call an item → what it calls it instead.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Renames {
    /// Client methods (`get_pet_by_id` → `pet`).
    pub operations: BTreeMap<String, String>,
    /// Types (`Pet` → `Animal`).
    pub types: BTreeMap<String, String>,
    /// Fields, as `Type.field` (`Pet.name` → `title`).
    pub fields: BTreeMap<String, String>,
    /// Enum and union variants, as `Type.Variant` (`Status.Active` → `Enabled`).
    pub variants: BTreeMap<String, String>,
}

/// The Rust types of formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// `date-time` and `date`.
    pub dates: Dates,
    /// `uuid` as `uuid::Uuid` (else `String`).
    pub uuid: bool,
    /// `decimal` strings and numbers as `rust_decimal::Decimal` (else `String` and `f64`).
    pub decimal: bool,
    /// `uri`/`url` as `url::Url` (else `String`).
    pub uri: bool,
    /// `byte` as `Vec<u8>`, decoded from base64 (else `String`).
    pub byte: bool,
    /// `type: string, format: int64` as `i64`, written as text (else `String`).
    pub int64: bool,
}

/// Which crate's types `date-time` and `date` strings become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dates {
    /// `chrono::DateTime<chrono::Utc>` and `chrono::NaiveDate`.
    Chrono,
    /// `jiff::Timestamp` and `jiff::civil::Date`.
    Jiff,
    /// `time::OffsetDateTime` and `time::Date`.
    Time,
    /// `String`, exactly as sent.
    String,
}

impl Default for Formats {
    /// Typed dates (chrono), uuids, decimals and integers-as-text; `uri` and `byte` stay strings.
    /// (ARCHITECTURE.md gives the reasons.)
    fn default() -> Self {
        Formats { dates: Dates::Chrono, uuid: true, decimal: true, uri: false, byte: false, int64: true }
    }
}

impl Formats {
    /// Every format kept as the document's strings and numbers.
    pub fn untyped() -> Self {
        Formats { dates: Dates::String, uuid: false, decimal: false, uri: false, byte: false, int64: false }
    }
}

impl Settings {
    /// Settings for the document at `spec_path`.
    pub fn new(spec_path: impl Into<String>) -> Self {
        Settings {
            spec_path: spec_path.into(),
            command: "sdksmith generate".to_owned(),
            crate_name: "sdk".to_owned(),
            readme: None,
            deprecation_notes_from_descriptions: false,
            keep_unknown_fields: true,
            tag_features: false,
            feature_groups: BTreeMap::new(),
            max_features: 300,
            formats: Formats::default(),
            type_overrides: BTreeMap::new(),
            renames: Renames::default(),
            include: Vec::new(),
            exclude: Vec::new(),
            types_only: false,
            modules: Vec::new(),
            idempotency_header: None,
            pagination: BTreeMap::new(),
            webhook_signature: None,
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

    /// The Rust types of formats.
    pub fn with_formats(mut self, formats: Formats) -> Self {
        self.formats = formats;
        self
    }

    /// The command named in generated files' headers as the one that regenerates them.
    pub fn with_command(mut self, command: impl Into<String>) -> Self {
        self.command = command.into();
        self
    }

    /// The crate's name, used in the front page's examples.
    pub fn with_crate_name(mut self, name: impl Into<String>) -> Self {
        self.crate_name = name.into();
        self
    }

    /// Every POST and PATCH operation sends an idempotency key in header `name` (see the field).
    pub fn with_idempotency_header(mut self, name: impl Into<String>) -> Self {
        self.idempotency_header = Some(name.into());
        self
    }

    /// The scheme the API signs its webhook requests with (see the field).
    pub fn with_webhook_signature(mut self, scheme: crate::ir::WebhookSignature) -> Self {
        self.webhook_signature = Some(scheme);
        self
    }

    /// Only the model types (see the field).
    pub fn types_only(mut self) -> Self {
        self.types_only = true;
        self
    }
}
