//! IR + settings → the crate model ([`crate::model::Crate`]): every decision about the generated
//! crate is made here, once — every Rust name (by the symbol provider, [`names::Names`]), which
//! items exist, their signatures, impls, derives, `cfg` gates, re-exports and docs. `emit` only
//! prints the model, and `compat` compares two of them.

mod docs;
pub(crate) mod features;
mod front_page;
mod mocks;
mod names;
mod naming;
mod operations;
mod reserved;
pub(crate) mod selection;
mod servers;
mod types;
mod webhooks;

use crate::ir::{Api, Auth, Primitive, Struct, TypeId, TypeKind, TypeRef};
use crate::model::{ApiInfo, ClientDocs, CodecKind, Crate, Doc, ErrorBodyVariant, FrontPage, RuntimePart, RustType};
use crate::settings::{Dates, Formats, Settings};
use names::Names;
use selection::Selection;
use std::collections::BTreeMap;

/// The crate `api` generates with `settings`, and what in the settings applied to nothing (a
/// rename of a name the crate lacks, a pattern that matches no operation).
pub fn lower(api: &Api, settings: &Settings) -> (Crate, Vec<String>) {
    let names = Names::allocate(api, settings);
    let overrides = overrides(api, settings);
    let selection = Selection::new(api, &settings.include, &settings.exclude, &overrides, settings.types_only);
    let plan = match settings.tag_features && !settings.types_only {
        true => features::Plan::per_tag(api, &selection, settings),
        false => features::Plan::none(api),
    };
    let lowering = Lowering { api, names: &names, plan: &plan, settings, selection: &selection, overrides: &overrides };
    let types: Vec<_> = api
        .types
        .iter()
        .enumerate()
        .filter(|(i, _)| selection.types[*i])
        .map(|(i, def)| lowering.type_item(TypeId(i), def))
        .collect();
    let operations: Vec<_> =
        names.order.iter().filter(|&&i| selection.operations[i]).map(|&i| lowering.operation(i)).collect();
    let error_bodies = lowering.error_bodies();
    let webhooks = lowering.webhooks();
    let mocks = mocks::mocks(&operations);
    let model = Crate {
        source: settings.spec_path.clone(),
        command: settings.command.clone(),
        title: api.title.clone(),
        front_page: lowering.front_page(&operations, &types, &error_bodies, webhooks.as_ref()),
        reexports: lowering.reexports(),
        error_bodies,
        api_info: lowering.api_info(),
        client_docs: lowering.client_docs(),
        types,
        types_docs: lowering.types_docs(),
        operations,
        text_deltas: lowering.text_deltas(),
        features: plan.features.clone(),
        shadowed_std: names.shadowed_std.clone(),
        dependencies: lowering.dependencies(),
        runtime: lowering.runtime_parts(),
        servers: servers::servers(&api.servers).filter(|_| !settings.types_only),
        webhooks,
        mocks,
        types_only: settings.types_only,
        owner_modules: settings.modules.clone(),
    };
    let mut notes = names.notes.clone();
    notes.extend(selection.unused.iter().cloned());
    (model, notes)
}

/// The owner's Rust types, by JSON pointer (without `#`): the document's `x-rust-type`s, then the
/// settings' overrides (which win).
fn overrides(api: &Api, settings: &Settings) -> BTreeMap<String, String> {
    let mut all = api.rust_types.clone();
    for (key, path) in &settings.type_overrides {
        all.insert(selection::override_pointer(key), path.clone());
    }
    all
}

/// What the crate root re-exports from the runtime: everything a user names. Stream and file
/// items only in crates whose operations stream or upload files.
const CLIENT_REEXPORTS: &[&str] = &[
    "Client",
    "ClientBuilder",
    "ClientCredentials",
    "ConfigError",
    "CredentialError",
    "CredentialFuture",
    "CredentialProvider",
    "DecodeError",
    "Hook",
    "Response",
    "ResponseBody",
    "ResponseDecodeError",
    "RetryPolicy",
    "SecretString",
    "StatusError",
    "TimeoutKind",
];
const STREAM_REEXPORTS: &[&str] = &["EventStream", "SseEvent"];
const TEXT_REEXPORTS: &[&str] = &["TextCollector", "TextDeltas"];
const FILE_REEXPORTS: &[&str] = &["FilePart"];
/// What a crate with paginated operations re-exports.
const PAGING_REEXPORTS: &[&str] = &["Items", "Pages"];
/// What a crate with webhooks re-exports; and one whose webhooks are signed by Standard Webhooks.
const WEBHOOK_REEXPORTS: &[&str] = &["WebhookError", "WebhookHeaders", "WebhookVerifier"];
const STANDARD_WEBHOOKS_REEXPORTS: &[&str] = &["StandardWebhooks"];

/// Every name the crate root may re-export from the runtime.
const ROOT_REEXPORTS: [&[&str]; 7] = [
    CLIENT_REEXPORTS,
    STREAM_REEXPORTS,
    TEXT_REEXPORTS,
    FILE_REEXPORTS,
    PAGING_REEXPORTS,
    WEBHOOK_REEXPORTS,
    STANDARD_WEBHOOKS_REEXPORTS,
];

/// Whether an item of the crate root has this name (a type of the document may share it).
fn is_root_name(name: &str) -> bool {
    ROOT_REEXPORTS.iter().any(|names| names.contains(&name)) || name == "Error" || name == "ErrorBody"
}

/// Everything lowering one crate reads.
struct Lowering<'a> {
    api: &'a Api,
    names: &'a Names,
    plan: &'a features::Plan,
    settings: &'a Settings,
    selection: &'a Selection,
    overrides: &'a BTreeMap<String, String>,
}

impl Lowering<'_> {
    fn front_page(
        &self,
        operations: &[crate::model::OperationItem],
        types: &[crate::model::TypeItem],
        error_bodies: &[ErrorBodyVariant],
        webhooks: Option<&crate::model::WebhooksItem>,
    ) -> FrontPage {
        if let Some(readme) = &self.settings.readme {
            return FrontPage::Readme(readme.clone());
        }
        let api = self.api;
        let untitled = format!("SDK generated from `{}`.", self.settings.spec_path);
        let page = front_page::Page {
            crate_name: &self.settings.crate_name,
            title: if api.title.trim().is_empty() { &untitled } else { &api.title },
            description: api.description.as_deref(),
            api: &self.api_info(),
            operations,
            types,
            error_bodies,
            features: &self.plan.features,
            files: self.primitives().contains(&Primitive::File),
            types_only: self.settings.types_only,
            webhooks,
        };
        FrontPage::Text(page.lines())
    }

    /// `ErrorBody`'s variants, each compiled with the type it holds.
    fn error_bodies(&self) -> Vec<ErrorBodyVariant> {
        let kept =
            |ty: &TypeRef| self.selection.kept_operations(self.api).any(|op| op.errors.iter().any(|e| e.ty == *ty));
        self.names
            .error_bodies
            .iter()
            .filter(|(ty, _)| kept(ty))
            .map(|(ty, name)| {
                let rust = self.rust_type(ty);
                let path = rust.path(&self.names.shadowed_std);
                let line = match ty.named().map(|id| self.names.ty(id)) {
                    // `ErrorBody::Error(types::Error)`: the API's error object, not the SDK's error.
                    Some(shared) if is_root_name(shared) => format!(
                        " The API's own `{shared}` body ([`types::{shared}`]({path})), not the SDK's [`{shared}`](crate::{shared})."
                    ),
                    _ => format!(" A body of type [`{path}`]."),
                };
                let cfg = ty.named().map(|id| self.plan.types[id.0].clone()).unwrap_or_default();
                ErrorBodyVariant { name: name.clone(), ty: rust, doc: Doc { lines: vec![line], deprecated: None }, cfg }
            })
            .collect()
    }

    fn env_prefix(&self) -> String {
        self.api.env_prefix.clone().unwrap_or_else(|| naming::env_prefix(&self.api.title))
    }

    fn api_info(&self) -> ApiInfo {
        let prefix = self.env_prefix();
        ApiInfo {
            base_url: self.api.base_url.clone().unwrap_or_default(),
            auth: self.api.auth.clone(),
            schemes: self
                .api
                .schemes
                .iter()
                .map(|(name, auth): &(String, Auth)| (name.clone(), auth.clone()))
                .collect(),
            env_api_key: format!("{prefix}_API_KEY"),
            env_base_url: format!("{prefix}_BASE_URL"),
            request_id_header: self.api.request_id_header.clone(),
            client_credentials: self.api.client_credentials.clone(),
        }
    }

    fn client_docs(&self) -> ClientDocs {
        let info = self.api_info();
        ClientDocs {
            new: format!(
                " A client with this API key and the defaults (base URL `{}`, 60 s timeout, 2 retries).",
                info.base_url
            ),
            from_env: format!(
                " A client configured from `{}` (required) and `{}` (optional).",
                info.env_api_key, info.env_base_url
            ),
        }
    }

    /// The `types` module's docs.
    fn types_docs(&self) -> Vec<String> {
        let keeps_unknown = self.names.structs.iter().any(|s| s.extra.is_some());
        let unknown_fields = match keeps_unknown {
            true => " Fields the server adds later are kept in each struct's `extra` map and sent back.",
            false => " Fields the server adds later are ignored.",
        };
        vec![
            " Model types: one per schema of the document, and one per inline schema that needs a name.".to_owned(),
            String::new(),
            " Structs are `#[non_exhaustive]`: build them with `new` (required fields) and the".to_owned(),
            " chained setters (optional fields). Enums keep values they do not know in `Unknown`.".to_owned(),
            unknown_fields.to_owned(),
        ]
    }

    /// Every primitive the crate's types and operations use.
    fn primitives(&self) -> std::collections::BTreeSet<Primitive> {
        fn walk(ty: &TypeRef, out: &mut std::collections::BTreeSet<Primitive>) {
            match ty {
                TypeRef::Primitive(p) => {
                    out.insert(*p);
                }
                TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => walk(inner, out),
                TypeRef::Named(_) | TypeRef::Any => {}
            }
        }
        let mut used = std::collections::BTreeSet::new();
        let types = self.api.types.iter().zip(&self.selection.types).filter(|(_, kept)| **kept);
        for (def, _) in types {
            match &def.kind {
                TypeKind::Struct(s) => s.fields.iter().for_each(|f| walk(&f.ty, &mut used)),
                TypeKind::Untagged(variants) => variants.iter().for_each(|v| walk(&v.ty, &mut used)),
                TypeKind::Tagged(t) => t.variants.iter().for_each(|v| walk(&v.ty, &mut used)),
                TypeKind::Alias(ty) => walk(ty, &mut used),
                TypeKind::Enum(_) => {}
            }
        }
        for op in self.selection.kept_operations(self.api) {
            // Bodies and answers too: a response of `date-time`s names chrono as much as a field.
            op.uses().for_each(|ty| walk(ty, &mut used));
        }
        used
    }

    /// The runtime items the crate root re-exports: none but `SecretString` in a crate of types
    /// only; stream and file items only where operations stream or take files.
    fn reexports(&self) -> Vec<String> {
        let kept = || self.selection.kept_operations(self.api);
        let mut names: Vec<&str> = match self.settings.types_only {
            true => vec!["SecretString"],
            false => CLIENT_REEXPORTS.to_vec(),
        };
        if kept().any(|op| op.stream.is_some()) {
            names.extend(STREAM_REEXPORTS);
        }
        if kept().any(|op| op.stream.as_ref().is_some_and(|s| s.text.is_some())) {
            names.extend(TEXT_REEXPORTS);
        }
        if !self.settings.types_only && self.primitives().contains(&Primitive::File) {
            names.extend(FILE_REEXPORTS);
        }
        if self.paginates() {
            names.extend(PAGING_REEXPORTS);
        }
        if let Some(webhooks) = self.kept_webhooks() {
            names.extend(WEBHOOK_REEXPORTS);
            if webhooks.signature == Some(crate::ir::WebhookSignature::StandardWebhooks) {
                names.extend(STANDARD_WEBHOOKS_REEXPORTS);
            }
        }
        names.sort();
        names.into_iter().map(str::to_owned).collect()
    }

    /// The crates the formats the crate uses are typed with (`chrono`, `uuid`, …), and those the
    /// owner's type overrides name.
    fn dependencies(&self) -> Vec<String> {
        let overrides = self.overrides.values().filter_map(|path| path.split("::").next().map(str::to_owned));
        let mut crates: Vec<String> = self
            .primitives()
            .into_iter()
            .filter_map(|p| match primitive(self.settings.formats, p) {
                RustType::External(path) => path.split("::").next().map(str::to_owned),
                RustType::Codec { value, codec } => match (*value, codec) {
                    (RustType::External(path), _) => path.split("::").next().map(str::to_owned),
                    _ => None,
                },
                _ => None,
            })
            .chain(overrides)
            .collect();
        // Standard Webhooks signatures are HMAC-SHA256.
        if self.kept_webhooks().is_some_and(|w| w.signature == Some(crate::ir::WebhookSignature::StandardWebhooks)) {
            crates.extend(["hmac".to_owned(), "sha2".to_owned()]);
        }
        crates.sort();
        crates.dedup();
        crates
    }

    /// Whether a generated operation answers a page at a time.
    fn paginates(&self) -> bool {
        !self.settings.types_only && self.selection.kept_operations(self.api).any(|op| op.paging.is_some())
    }

    /// The parts of the runtime the crate carries: the model's, the client's unless it has only
    /// types, and the codecs its formats need.
    fn runtime_parts(&self) -> Vec<RuntimePart> {
        let mut parts = vec![RuntimePart::Model];
        if !self.settings.types_only {
            parts.push(RuntimePart::Client);
        }
        if self.paginates() {
            parts.push(RuntimePart::Paging);
        }
        if let Some(webhooks) = self.kept_webhooks() {
            parts.push(RuntimePart::Webhook);
            if webhooks.signature == Some(crate::ir::WebhookSignature::StandardWebhooks) {
                parts.push(RuntimePart::StandardWebhooks);
            }
        }
        for p in self.primitives() {
            match primitive(self.settings.formats, p) {
                RustType::Codec { codec: CodecKind::Rfc3339 | CodecKind::IsoDate, .. } => {
                    parts.push(RuntimePart::TimeCodec)
                }
                RustType::Codec { codec: CodecKind::DecimalNumber, .. } => parts.push(RuntimePart::DecimalCodec),
                _ => {}
            }
        }
        parts.sort();
        parts.dedup();
        parts
    }

    /// The Rust type of a use of `ty`.
    fn rust_type(&self, ty: &TypeRef) -> RustType {
        match ty {
            TypeRef::Named(id) => {
                if let Some(path) = &self.selection.replaced[id.0] {
                    return RustType::Owned(path.clone());
                }
                let named = RustType::Model(self.names.ty(*id).to_owned());
                // An alias of a format read by a codec is read by it too, under its own name.
                match self.codec_behind(*id) {
                    Some(codec) => RustType::Codec { value: Box::new(named), codec },
                    None => named,
                }
            }
            // Without a client there are no multipart bodies: a file is its bytes.
            TypeRef::Primitive(Primitive::File) if self.settings.types_only => {
                RustType::Vec(Box::new(RustType::Primitive("u8")))
            }
            TypeRef::Primitive(p) => primitive(self.settings.formats, *p),
            TypeRef::Array(item) => RustType::Vec(Box::new(self.rust_type(item))),
            TypeRef::Map(value) => RustType::Map(Box::new(self.rust_type(value))),
            TypeRef::Nullable(inner) => RustType::Option(Box::new(self.rust_type(inner))),
            TypeRef::Any => RustType::Json,
        }
    }

    /// The Rust type of a field's value: the owner's override of the property, else its schema's.
    fn field_value(&self, field: &crate::ir::Field) -> RustType {
        match self.overrides.get(&field.pointer) {
            Some(path) => RustType::Owned(path.clone()),
            None => self.rust_type(&field.ty),
        }
    }

    /// The codec that reads values of type `id`, when it is (through aliases) a format read by one.
    fn codec_behind(&self, id: TypeId) -> Option<CodecKind> {
        match &self.api.ty(resolved_id(self.api, id)).kind {
            TypeKind::Alias(TypeRef::Primitive(p)) => match primitive(self.settings.formats, *p) {
                RustType::Codec { codec, .. } => Some(codec),
                _ => None,
            },
            _ => None,
        }
    }

    /// The docs of an item of type `ty`: the "kept as a string" note of a format is dropped when
    /// the format has a Rust type of its own.
    fn shown(&self, docs: &crate::ir::Docs, ty: &TypeRef) -> crate::ir::Docs {
        let mut docs = docs.clone();
        if !matches!(plain(self.rust_type(ty)), RustType::String) || self.rust_type(ty).has_codec() {
            docs.format = None;
        }
        docs
    }

    /// The Rust type of a whole body, response or event: what serde reads and writes directly,
    /// so a format read by a codec falls back to its plain form there (`String`, `f64`).
    fn plain_type(&self, ty: &TypeRef) -> RustType {
        plain(self.rust_type(ty))
    }
}

/// A primitive's Rust type, formats as `formats` types them.
fn primitive(formats: Formats, p: Primitive) -> RustType {
    let external = |path: &str| RustType::External(path.to_owned());
    let codec = |value: RustType, codec: CodecKind| RustType::Codec { value: Box::new(value), codec };
    match p {
        Primitive::String => RustType::String,
        Primitive::Secret => RustType::Runtime("SecretString", Vec::new()),
        Primitive::Bool => RustType::Primitive("bool"),
        Primitive::I32 => RustType::Primitive("i32"),
        Primitive::I64 => RustType::Primitive("i64"),
        Primitive::U32 => RustType::Primitive("u32"),
        Primitive::U64 => RustType::Primitive("u64"),
        Primitive::F32 => RustType::Primitive("f32"),
        Primitive::F64 => RustType::Primitive("f64"),
        Primitive::Bytes => RustType::Vec(Box::new(RustType::Primitive("u8"))),
        Primitive::File => RustType::Runtime("FilePart", Vec::new()),
        Primitive::DateTime => match formats.dates {
            Dates::Chrono => external("chrono::DateTime<chrono::Utc>"),
            Dates::Jiff => external("jiff::Timestamp"),
            Dates::Time => codec(external("time::OffsetDateTime"), CodecKind::Rfc3339),
            Dates::String => RustType::String,
        },
        Primitive::Date => match formats.dates {
            Dates::Chrono => external("chrono::NaiveDate"),
            Dates::Jiff => external("jiff::civil::Date"),
            Dates::Time => codec(external("time::Date"), CodecKind::IsoDate),
            Dates::String => RustType::String,
        },
        Primitive::Uuid if formats.uuid => external("uuid::Uuid"),
        Primitive::Uri if formats.uri => external("url::Url"),
        Primitive::Base64 if formats.byte => {
            codec(RustType::Vec(Box::new(RustType::Primitive("u8"))), CodecKind::Base64)
        }
        Primitive::DecimalString if formats.decimal => external("rust_decimal::Decimal"),
        Primitive::DecimalNumber if formats.decimal => {
            codec(external("rust_decimal::Decimal"), CodecKind::DecimalNumber)
        }
        Primitive::DecimalNumber => RustType::Primitive("f64"),
        Primitive::Int64String if formats.int64 => codec(RustType::Primitive("i64"), CodecKind::I64String),
        Primitive::Uuid | Primitive::Uri | Primitive::Base64 | Primitive::DecimalString | Primitive::Int64String => {
            RustType::String
        }
    }
}

/// `ty` with every codec leaf replaced by the plain type of its wire form.
fn plain(ty: RustType) -> RustType {
    match ty {
        RustType::Codec { codec: CodecKind::DecimalNumber, .. } => RustType::Primitive("f64"),
        RustType::Codec { .. } => RustType::String,
        RustType::Vec(inner) => RustType::Vec(Box::new(plain(*inner))),
        RustType::Option(inner) => RustType::Option(Box::new(plain(*inner))),
        RustType::Box(inner) => RustType::Box(Box::new(plain(*inner))),
        RustType::Map(inner) => RustType::Map(Box::new(plain(*inner))),
        other => other,
    }
}

/// The type `id` stands for once aliases are followed (a chain that loops stops where it began).
fn resolved_id(api: &Api, id: TypeId) -> TypeId {
    let mut current = id;
    for _ in 0..api.types.len().min(64) {
        match &api.ty(current).kind {
            TypeKind::Alias(TypeRef::Named(next)) => current = *next,
            _ => break,
        }
    }
    current
}

/// The struct a builder takes apart: a required body whose type is (through aliases) a struct
/// without a flattened union — the one answer to "are the body's fields builder inputs".
pub(crate) fn body_struct<'a>(api: &'a Api, op: &crate::ir::Operation) -> Option<(TypeId, &'a Struct)> {
    let body = op.body.as_ref().filter(|b| b.required)?;
    let TypeRef::Named(id) = &body.ty else { return None };
    let id = resolved_id(api, *id);
    match &api.ty(id).kind {
        TypeKind::Struct(s) if s.variant.is_none() => Some((id, s)),
        _ => None,
    }
}
