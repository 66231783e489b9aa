//! The generated crate's public API as plain data: one entry per item a user can name (types,
//! fields, constructors, setters, enum and union variants, client methods, builder inputs,
//! responses, stream events, error bodies), keyed by its Rust path, with the signature the user
//! sees. Built with the emitter's own naming and typing functions, so it says exactly what the
//! printed crate offers; `compat` compares two of them.

use super::docs;
use super::operations::{body_fields, builder_name, required_inputs};
use super::types::{field_type, rust_type, setter_name, snake_ident};
use crate::ir::{Api, Media, Presence, TypeKind, TypeRef};
use proc_macro2::TokenStream;
use std::collections::BTreeMap;

/// What kind of item an entry is, which decides what a change of it means for users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemKind {
    /// A type (its signature says struct, enum, union or alias).
    Type,
    /// A public struct field.
    Field,
    /// `new` of a struct: its required fields.
    Constructor,
    /// A setter of a struct or request builder.
    Setter,
    /// A variant of a `#[non_exhaustive]` enum: adding one breaks no `match`.
    OpenVariant,
    /// A variant of an exhaustive enum (an untagged union): adding one breaks a `match`.
    Variant,
    /// A client method: its required inputs.
    Method,
    /// What `send` returns.
    Response,
    /// What `stream` yields.
    StreamEvent,
    /// A variant of the crate's `ErrorBody`, or which one an operation's status decodes as.
    ErrorBody,
}

/// One public item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// What kind of item it is.
    pub kind: ItemKind,
    /// Its signature as a user reads it (`Option<Vec<Pet>>`, `(name: String)`, `struct`).
    pub signature: String,
    /// Its rendered documentation (a change there alone is a documentation change).
    pub docs: Vec<String>,
}

/// Every public item of a generated crate, by Rust path (`types::Pet::name`, `Client::get_pet`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Surface {
    /// The items, sorted by path.
    pub items: BTreeMap<String, Item>,
}

/// A type as the user reads it: `crate::types::Pet` → `Pet`, `::std::option::Option<T>` → `Option<T>`.
fn readable(tokens: TokenStream) -> String {
    let mut text = tokens.to_string().replace(' ', "");
    for prefix in [
        "::std::option::",
        "::std::string::",
        "::std::vec::",
        "::std::boxed::",
        "::std::collections::",
        "crate::types::",
        "crate::runtime::",
        "crate::",
    ] {
        text = text.replace(prefix, "");
    }
    text
}

impl Surface {
    fn add(&mut self, path: String, kind: ItemKind, signature: String, docs: Vec<String>) {
        self.items.insert(path, Item { kind, signature, docs });
    }
}

/// The public API `api` generates.
pub fn surface(api: &Api) -> Surface {
    let mut surface = Surface::default();
    for def in &api.types {
        let path = format!("types::{}", def.name);
        let type_docs = docs::lines(&def.docs);
        match &def.kind {
            TypeKind::Struct(s) => {
                surface.add(path.clone(), ItemKind::Type, "struct".into(), type_docs);
                let mut required = Vec::new();
                for f in &s.fields {
                    let ty = readable(field_type(api, f, false));
                    let field = snake_ident(&f.name);
                    surface.add(format!("{path}::{field}"), ItemKind::Field, ty.clone(), docs::lines(&f.docs));
                    match f.presence {
                        Presence::Required | Presence::RequiredNullable => required.push(format!("{}: {ty}", f.name)),
                        Presence::Optional | Presence::OptionalNullable => {
                            let value = readable(rust_type(api, &f.ty, false));
                            surface.add(format!("{path}::{}()", setter_name(f)), ItemKind::Setter, value, Vec::new());
                        }
                    }
                }
                if let Some(variant) = &s.variant {
                    let ty = readable(rust_type(api, &variant.ty, false));
                    surface.add(format!("{path}::{}", snake_ident(&variant.name)), ItemKind::Field, ty.clone(), vec![]);
                    required.push(format!("{}: {ty}", variant.name));
                }
                if let Some(extra) = &s.extra {
                    let field = snake_ident(extra);
                    surface.add(format!("{path}::{field}"), ItemKind::Field, "Map<String, Value>".into(), vec![]);
                }
                surface.add(
                    format!("{path}::new()"),
                    ItemKind::Constructor,
                    format!("({})", required.join(", ")),
                    vec![],
                );
            }
            TypeKind::Enum(e) => {
                surface.add(path.clone(), ItemKind::Type, "enum".into(), type_docs);
                for v in &e.variants {
                    surface.add(
                        format!("{path}::{}", v.name),
                        ItemKind::OpenVariant,
                        format!("= {:?}", v.wire),
                        vec![],
                    );
                }
            }
            TypeKind::Untagged(variants) => {
                surface.add(path.clone(), ItemKind::Type, "union".into(), type_docs);
                for v in variants {
                    let mut ty = readable(rust_type(api, &v.ty, false));
                    if v.boxed {
                        ty = format!("Box<{ty}>");
                    }
                    surface.add(
                        format!("{path}::{}", v.name),
                        ItemKind::Variant,
                        format!("({ty})"),
                        docs::lines(&v.docs),
                    );
                }
            }
            TypeKind::Tagged(t) => {
                surface.add(path.clone(), ItemKind::Type, format!("tagged union on `{}`", t.tag), type_docs);
                for v in &t.variants {
                    let mut ty = readable(rust_type(api, &v.ty, false));
                    if v.boxed {
                        ty = format!("Box<{ty}>");
                    }
                    let tags = v.tags.iter().map(ToString::to_string).collect::<Vec<_>>().join(" | ");
                    surface.add(
                        format!("{path}::{}", v.name),
                        ItemKind::OpenVariant,
                        format!("({ty}) for {tags}"),
                        vec![],
                    );
                }
            }
            TypeKind::Alias(ty) => {
                let target = readable(rust_type(api, ty, false));
                surface.add(path, ItemKind::Type, format!("= {target}"), type_docs);
            }
        }
    }
    for v in &api.error_bodies {
        let ty = readable(rust_type(api, &v.ty, false));
        surface.add(format!("ErrorBody::{}", v.name), ItemKind::ErrorBody, format!("({ty})"), vec![]);
    }
    for op in &api.operations {
        operation(api, op, &mut surface);
    }
    surface
}

fn operation(api: &Api, op: &crate::ir::Operation, surface: &mut Surface) {
    let (inputs, _) = required_inputs(api, op);
    let args: Vec<String> = inputs.iter().map(|i| format!("{}: {}", i.name, readable(i.ty.clone()))).collect();
    let builder = format!("operations::{}::{}", op.module, builder_name(op));
    let where_ = format!("{} {}", op.method, op.path);
    surface.add(
        format!("Client::{}()", op.name),
        ItemKind::Method,
        format!("({}) -> {builder}; {where_}", args.join(", ")),
        docs::lines(&op.docs),
    );
    for p in op.params.iter().filter(|p| !p.required) {
        let ty = readable(rust_type(api, &p.ty, false));
        surface.add(format!("{builder}::{}()", p.name), ItemKind::Setter, ty, docs::lines(&p.docs));
    }
    let flag = op.stream.as_ref().and_then(|s| s.flag.as_deref());
    match (&op.body, body_fields(api, op)) {
        (Some(_), Some(fields)) => {
            for (f, method) in
                fields.iter().filter(|(f, _)| matches!(f.presence, Presence::Optional | Presence::OptionalNullable))
            {
                if Some(f.name.as_str()) != flag {
                    let ty = readable(rust_type(api, &f.ty, false));
                    surface.add(format!("{builder}::{method}()"), ItemKind::Setter, ty, Vec::new());
                }
            }
        }
        (Some(body), None) if !body.required => {
            let ty = readable(rust_type(api, &body.ty, false));
            surface.add(format!("{builder}::body()"), ItemKind::Setter, ty, Vec::new());
        }
        _ => {}
    }
    let by_status = op.success_variants.iter().map(|v| match &v.ty {
        Some(ty) if v.media == Media::Json => format!("{}({})", v.name, readable(rust_type(api, ty, false))),
        Some(_) if matches!(v.media, Media::Text(_)) => format!("{}(String)", v.name),
        Some(_) => format!("{}(Vec<u8>)", v.name),
        None => v.name.clone(),
    });
    let by_status: Vec<String> = by_status.collect();
    let response = match (&op.response, &op.response_media) {
        _ if !by_status.is_empty() => Some(format!("{} {{ {} }}", op.reply_enum, by_status.join(", "))),
        (Some(ty), Media::Json) => Some(readable(rust_type(api, ty, false))),
        (Some(_), Media::Text(_)) => Some("String".to_owned()),
        (Some(_), Media::Binary(_)) => Some("Vec<u8>".to_owned()),
        (None, _) if op.stream.is_none() => Some("()".to_owned()),
        (None, _) => None,
    };
    if let Some(response) = response {
        surface.add(format!("{builder}::send()"), ItemKind::Response, format!("-> {response}"), Vec::new());
    }
    if let Some(stream) = &op.stream {
        let event = stream.event.as_ref().map_or_else(|| "SseEvent".to_owned(), |e| readable(rust_type(api, e, false)));
        let text = if stream.text.is_some() { ", with text deltas" } else { "" };
        surface.add(
            format!("{builder}::stream()"),
            ItemKind::StreamEvent,
            format!("-> EventStream<{event}>{text}"),
            vec![],
        );
    }
    for error in &op.errors {
        let ty = match &error.ty {
            TypeRef::Named(id) => api.ty(*id).name.clone(),
            other => readable(rust_type(api, other, false)),
        };
        surface.add(
            format!("{builder}::errors[{}]", error.status),
            ItemKind::ErrorBody,
            format!("ErrorBody::{}({ty})", error.variant),
            Vec::new(),
        );
    }
}
