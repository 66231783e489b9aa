//! IR + settings → the crate model ([`crate::model::Crate`]): every decision about the generated
//! crate is made here, once — every Rust name (by the symbol provider, [`names::Names`]), which
//! items exist, their signatures, impls, derives, `cfg` gates, re-exports and docs. `emit` only
//! prints the model, and `compat` compares two of them.

mod docs;
pub(crate) mod features;
mod names;
mod naming;
mod operations;
mod reserved;
mod types;

use crate::ir::{Api, Auth, Struct, TypeId, TypeKind, TypeRef};
use crate::model::{ApiInfo, ClientDocs, Crate, Doc, ErrorBodyVariant, FrontPage, RustType};
use crate::settings::Settings;
use names::Names;

/// The crate `api` generates with `settings`.
pub fn lower(api: &Api, settings: &Settings) -> Crate {
    let names = Names::allocate(api, settings);
    let plan = match settings.tag_features {
        true => features::Plan::per_tag(api),
        false => features::Plan::none(api),
    };
    let lowering = Lowering { api, names: &names, plan: &plan, settings };
    Crate {
        source: settings.spec_path.clone(),
        front_page: lowering.front_page(),
        reexports: ROOT_REEXPORTS.iter().map(|name| (*name).to_owned()).collect(),
        error_bodies: lowering.error_bodies(),
        api_info: lowering.api_info(),
        client_docs: lowering.client_docs(),
        types: api.types.iter().enumerate().map(|(i, def)| lowering.type_item(TypeId(i), def)).collect(),
        types_docs: lowering.types_docs(),
        operations: names.order.iter().map(|&i| lowering.operation(i)).collect(),
        text_deltas: lowering.text_deltas(),
        features: plan.features.clone(),
        shadowed_std: names.shadowed_std.clone(),
    }
}

/// What the crate root re-exports from the runtime: everything a user names.
const ROOT_REEXPORTS: &[&str] = &[
    "Client",
    "ClientBuilder",
    "ConfigError",
    "DecodeError",
    "EventStream",
    "FilePart",
    "Hook",
    "Response",
    "ResponseBody",
    "ResponseDecodeError",
    "RetryPolicy",
    "SecretString",
    "SseEvent",
    "StatusError",
    "TextCollector",
    "TextDeltas",
    "TimeoutKind",
];

/// Whether an item of the crate root has this name (a type of the document may share it).
fn is_root_name(name: &str) -> bool {
    ROOT_REEXPORTS.contains(&name) || name == "Error" || name == "ErrorBody"
}

/// Everything lowering one crate reads.
struct Lowering<'a> {
    api: &'a Api,
    names: &'a Names,
    plan: &'a features::Plan,
    settings: &'a Settings,
}

impl Lowering<'_> {
    fn front_page(&self) -> FrontPage {
        if let Some(readme) = &self.settings.readme {
            return FrontPage::Readme(readme.clone());
        }
        let api = self.api;
        let title = match api.title.trim().is_empty() {
            true => format!("SDK generated from `{}`.", self.settings.spec_path),
            false => api.title.clone(),
        };
        let text = format!("{title}\n\n{}", api.description.as_deref().unwrap_or(""));
        let mut lines = docs::text_lines(&text);
        lines.extend(features::crate_docs(&self.plan.features));
        FrontPage::Text(lines)
    }

    /// `ErrorBody`'s variants, each compiled with the type it holds.
    fn error_bodies(&self) -> Vec<ErrorBodyVariant> {
        self.names
            .error_bodies
            .iter()
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

    /// The Rust type of a use of `ty`.
    fn rust_type(&self, ty: &TypeRef) -> RustType {
        rust_type(self.names, ty)
    }
}

/// The Rust type of a use of `ty`.
fn rust_type(names: &Names, ty: &TypeRef) -> RustType {
    use crate::ir::Primitive;
    match ty {
        TypeRef::Named(id) => RustType::Model(names.ty(*id).to_owned()),
        TypeRef::Primitive(p) => match p {
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
        },
        TypeRef::Array(item) => RustType::Vec(Box::new(rust_type(names, item))),
        TypeRef::Map(value) => RustType::Map(Box::new(rust_type(names, value))),
        TypeRef::Nullable(inner) => RustType::Option(Box::new(rust_type(names, inner))),
        TypeRef::Any => RustType::Json,
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
