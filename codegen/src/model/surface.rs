//! The crate's public API as a list: one entry per item a user can name (types, fields,
//! constructors, setters, variants, trait impls, client methods, builder inputs, responses,
//! stream events, error bodies, root re-exports, features), keyed by its path, with the
//! signature the user sees. A view of the model, so it lists exactly what is printed.

use super::{
    written, Content, Crate, ItemKind, OperationItem, Reply, RustType, ServersItem, Surface, SurfaceItem, TypeBody,
    TypeItem,
};

impl Crate {
    /// Every public item of the crate.
    pub fn surface(&self) -> Surface {
        let mut surface = Surface::default();
        let readable = |ty: &RustType| readable(ty, &self.shadowed_std);
        for name in &self.reexports {
            surface.add(name.clone(), ItemKind::ReExport, "re-exported from the runtime".into(), Vec::new());
        }
        for feature in &self.features {
            surface.add(format!("feature `{}`", feature.name), ItemKind::Feature, feature.doc.clone(), Vec::new());
        }
        for item in &self.types {
            type_items(item, &readable, &mut surface);
        }
        for v in &self.error_bodies {
            surface.add(
                format!("ErrorBody::{}", v.name),
                ItemKind::ErrorBody,
                format!("({})", readable(&v.ty)),
                vec![],
            );
        }
        for op in &self.operations {
            operation_items(op, &readable, &mut surface);
        }
        if let Some(servers) = &self.servers {
            server_items(servers, &mut surface);
        }
        if self.api_info.client_credentials.is_some() {
            let signature = "(self, client_id: impl Into<String>, client_secret: impl Into<SecretString>) -> Self";
            surface.add("ClientBuilder::client_credentials()".into(), ItemKind::Method, signature.into(), Vec::new());
        }
        if let Some(webhooks) = &self.webhooks {
            let signature = "(verifier: &impl WebhookVerifier, headers: &impl WebhookHeaders, body: &[u8]) -> Result<Self, WebhookError>";
            surface.add(format!("types::{}::parse()", webhooks.event), ItemKind::Setter, signature.into(), Vec::new());
        }
        for text in &self.text_deltas {
            let path = format!("types::{}: TextDeltas", readable(&text.ty));
            surface.add(path, ItemKind::Impl, "impl".into(), Vec::new());
        }
        surface
    }
}

impl Surface {
    fn add(&mut self, path: String, kind: ItemKind, signature: String, docs: Vec<String>) {
        self.items.insert(path, SurfaceItem { kind, signature, docs });
    }
}

/// A type as a user reads it (`Option<Vec<Pet>>`); a standard name a type of the document takes
/// is written in full (`std::string::String`), so the two never read alike.
pub fn readable(ty: &RustType, shadowed: &[String]) -> String {
    let std = |name: &str| match shadowed.iter().any(|s| s == name) {
        true => format!("std::{}::{name}", name.to_lowercase()),
        false => name.to_owned(),
    };
    let inner = |ty: &RustType| readable(ty, shadowed);
    match ty {
        RustType::Model(name) | RustType::Local(name) => name.clone(),
        RustType::String => std("String"),
        RustType::Primitive(name) => (*name).to_owned(),
        RustType::Vec(item) => format!("{}<{}>", std("Vec"), inner(item)),
        RustType::Option(item) => format!("{}<{}>", std("Option"), inner(item)),
        RustType::Box(item) => format!("{}<{}>", std("Box"), inner(item)),
        RustType::Map(value) => format!("BTreeMap<{},{}>", std("String"), inner(value)),
        RustType::Json => "serde_json::Value".to_owned(),
        RustType::JsonObject => format!("Map<{}, Value>", std("String")),
        RustType::Runtime(name, args) if args.is_empty() => (*name).to_owned(),
        RustType::Runtime(name, args) => {
            format!("{name}<{}>", args.iter().map(inner).collect::<Vec<_>>().join(","))
        }
        RustType::ErrorBody => "ErrorBody".to_owned(),
        RustType::External(path) | RustType::Owned(path) => path.clone(),
        RustType::Codec { value, .. } => readable(value, shadowed),
    }
}

fn type_items(item: &TypeItem, readable: &dyn Fn(&RustType) -> String, surface: &mut Surface) {
    let path = format!("types::{}", item.name);
    let gated = match item.cfg.0.is_empty() {
        true => String::new(),
        false => format!(" [features: {}]", item.cfg.0.join(", ")),
    };
    let (signature, traits): (String, Vec<String>) = match &item.body {
        TypeBody::Struct(s) => {
            for f in &s.fields {
                let field = format!("{path}::{}", written(&f.name));
                surface.add(field, ItemKind::Field, readable(&f.ty), f.doc.lines.clone());
                if let Some(setter) = &f.setter {
                    let setter_path = format!("{path}::{}()", written(&setter.name));
                    surface.add(setter_path, ItemKind::Setter, readable(&setter.takes), Vec::new());
                }
            }
            if let Some(v) = &s.flattened {
                surface.add(format!("{path}::{}", written(&v.name)), ItemKind::Field, readable(&v.ty), vec![]);
            }
            if let Some(extra) = &s.extra {
                surface.add(
                    format!("{path}::{}", written(extra)),
                    ItemKind::Field,
                    readable(&RustType::JsonObject),
                    vec![],
                );
            }
            let args: Vec<String> =
                s.constructor.args.iter().map(|(name, ty)| format!("{name}: {}", readable(ty))).collect();
            surface.add(format!("{path}::new()"), ItemKind::Constructor, format!("({})", args.join(", ")), vec![]);
            let mut traits = vec!["Debug", "Clone", "PartialEq", "Serialize", "Deserialize"];
            if s.default {
                traits.push("Default");
            }
            ("struct".to_owned(), traits.into_iter().map(str::to_owned).collect())
        }
        TypeBody::Enum(e) => {
            for (variant, wire) in &e.variants {
                surface.add(format!("{path}::{variant}"), ItemKind::OpenVariant, format!("= {wire:?}"), vec![]);
            }
            surface.add(format!("{path}::Unknown"), ItemKind::OpenVariant, "(String)".into(), vec![]);
            let traits = [
                "Debug",
                "Clone",
                "PartialEq",
                "Eq",
                "Hash",
                "PartialOrd",
                "Ord",
                "Display",
                "FromStr",
                "From<&str>",
                "From<String>",
                "Serialize",
                "Deserialize",
            ];
            ("enum".to_owned(), traits.into_iter().map(str::to_owned).collect())
        }
        TypeBody::Union(u) => {
            for v in &u.variants {
                let ty = boxed(readable(&v.ty), v.boxed);
                surface.add(format!("{path}::{}", v.name), ItemKind::Variant, format!("({ty})"), v.doc.lines.clone());
            }
            ("union".to_owned(), union_traits(&u.froms, readable))
        }
        TypeBody::Tagged(t) => {
            for v in &t.variants {
                let ty = boxed(readable(&v.ty), v.boxed);
                let tags: Vec<String> = v.tags.iter().map(ToString::to_string).collect();
                let signature = format!("({ty}) for {}", tags.join(" | "));
                surface.add(format!("{path}::{}", v.name), ItemKind::OpenVariant, signature, vec![]);
            }
            surface.add(format!("{path}::Unknown"), ItemKind::OpenVariant, "(serde_json::Value)".into(), vec![]);
            (format!("tagged union on `{}`", t.tag), union_traits(&t.froms, readable))
        }
        TypeBody::Alias(target) => (format!("= {}", readable(target)), Vec::new()),
    };
    for name in traits {
        surface.add(format!("{path}: {name}"), ItemKind::Impl, "impl".into(), Vec::new());
    }
    surface.add(path, ItemKind::Type, format!("{signature}{gated}"), item.doc.lines.clone());
}

fn boxed(ty: String, boxed: bool) -> String {
    if boxed {
        format!("Box<{ty}>")
    } else {
        ty
    }
}

fn union_traits(froms: &[super::FromImpl], readable: &dyn Fn(&RustType) -> String) -> Vec<String> {
    let mut traits: Vec<String> =
        ["Debug", "Clone", "PartialEq", "Serialize", "Deserialize"].into_iter().map(str::to_owned).collect();
    for from in froms {
        traits.push(format!("From<{}>", readable(&from.from)));
        if from.from_str {
            traits.push("From<&str>".to_owned());
        }
    }
    traits
}

fn operation_items(op: &OperationItem, readable: &dyn Fn(&RustType) -> String, surface: &mut Surface) {
    let args: Vec<String> = op.inputs.iter().map(|i| format!("{}: {}", written(&i.name), readable(&i.ty))).collect();
    let builder = format!("operations::{}::{}", op.module, op.builder);
    surface.add(builder.clone(), ItemKind::Type, "request builder".into(), Vec::new());
    for name in ["Debug", "Clone"] {
        surface.add(format!("{builder}: {name}"), ItemKind::Impl, "impl".into(), Vec::new());
    }
    let gated = match op.cfg.0.is_empty() {
        true => String::new(),
        false => format!(" [features: {}]", op.cfg.0.join(", ")),
    };
    surface.add(
        format!("Client::{}()", op.method),
        ItemKind::Method,
        format!("({}) -> {builder}; {} {}{gated}", args.join(", "), op.http, op.path),
        op.doc.lines.clone(),
    );
    for setter in &op.setters {
        let path = format!("{builder}::{}()", setter.name);
        surface.add(path, ItemKind::Setter, readable(&setter.takes), setter.doc.lines.clone());
    }
    let content = |content: &Option<Content>| match content {
        Some(Content::Json(ty)) => format!("({})", readable(ty)),
        Some(Content::Text) => "(String)".to_owned(),
        Some(Content::Bytes) => "(Vec<u8>)".to_owned(),
        None => String::new(),
    };
    if let Some(reply) = &op.reply {
        let path = format!("operations::{}::{}", op.module, reply.name);
        for v in &reply.variants {
            surface.add(format!("{path}::{}", v.name), ItemKind::OpenVariant, content(&v.content), v.doc.lines.clone());
        }
        for name in ["Debug", "Clone", "PartialEq"] {
            surface.add(format!("{path}: {name}"), ItemKind::Impl, "impl".into(), Vec::new());
        }
        surface.add(path, ItemKind::Type, "enum of the success statuses".into(), vec![reply.summary.clone()]);
    }
    if let Some(send) = &op.send {
        let response = match (&send.reply, &op.reply) {
            (Reply::ByStatus(name), Some(reply)) => {
                let variants: Vec<String> =
                    reply.variants.iter().map(|v| format!("{}{}", v.name, content(&v.content))).collect();
                format!("{name} {{ {} }}", variants.join(", "))
            }
            (Reply::Json(ty), _) => readable(ty),
            (Reply::Text, _) => "String".to_owned(),
            (Reply::Bytes, _) => "Vec<u8>".to_owned(),
            (Reply::Empty | Reply::ByStatus(_), _) => "()".to_owned(),
        };
        surface.add(format!("{builder}::send()"), ItemKind::Response, format!("-> {response}"), Vec::new());
        if let Some(paging) = &op.paging {
            let (pages, items) = (format!("-> Pages<{response}>"), format!("-> Items<{}>", readable(&paging.item)));
            surface.add(format!("{builder}::pages()"), ItemKind::Response, pages, Vec::new());
            surface.add(format!("{builder}::items()"), ItemKind::Response, items, Vec::new());
        }
    }
    if let Some(stream) = &op.stream {
        let event = stream.event.as_ref().map_or_else(|| "SseEvent".to_owned(), readable);
        let text = if stream.text { ", with text deltas" } else { "" };
        surface.add(
            format!("{builder}::stream()"),
            ItemKind::StreamEvent,
            format!("-> EventStream<{event}>{text}"),
            vec![],
        );
    }
    for (status, variant) in &op.errors {
        surface.add(
            format!("{builder}::errors[{status}]"),
            ItemKind::ErrorBody,
            format!("ErrorBody::{variant}"),
            vec![],
        );
    }
}

/// `Server`, its variables' enums, and `ClientBuilder::server`.
fn server_items(servers: &ServersItem, surface: &mut Surface) {
    for choice in &servers.choices {
        let fields: Vec<String> =
            choice.fields.iter().map(|f| format!("{}: {}", f.name, f.values.as_deref().unwrap_or("String"))).collect();
        let signature = match fields.is_empty() {
            true => String::new(),
            false => format!("{{ {} }}", fields.join(", ")),
        };
        surface.add(format!("Server::{}", choice.name), ItemKind::OpenVariant, signature, choice.doc.lines.clone());
    }
    surface.add("Server".into(), ItemKind::Type, "enum, non_exhaustive".into(), Vec::new());
    surface.add("Server::url()".into(), ItemKind::Method, "(&self) -> String".into(), Vec::new());
    for name in ["Debug", "Clone", "PartialEq", "Eq", "Default"] {
        surface.add(format!("Server: {name}"), ItemKind::Impl, "impl".into(), Vec::new());
    }
    for item in &servers.enums {
        for (variant, value) in &item.values {
            surface.add(format!("{}::{variant}", item.name), ItemKind::Variant, format!("= {value:?}"), Vec::new());
        }
        surface.add(item.name.clone(), ItemKind::Type, "enum".into(), item.doc.lines.clone());
        surface.add(format!("{}::as_str()", item.name), ItemKind::Method, "(&self) -> &'static str".into(), Vec::new());
        for name in ["Debug", "Clone", "Copy", "PartialEq", "Eq", "Hash", "Default"] {
            surface.add(format!("{}: {name}", item.name), ItemKind::Impl, "impl".into(), Vec::new());
        }
    }
    surface.add(
        "ClientBuilder::server()".into(),
        ItemKind::Method,
        "(self, server: Server) -> Self".into(),
        Vec::new(),
    );
}
