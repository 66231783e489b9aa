//! The symbol provider: every Rust name of the crate, allocated once, in one order, from the
//! IR's document names and hints. Types are named in `TypeId` order (a type's owner always comes
//! before it), then their fields, variants and setters; operations in path order, then sorted by
//! the name they got.

use super::naming::{self, Scope};
use super::reserved;
use crate::ir::{Api, HintPart, Operation, Presence, Primitive, TypeId, TypeKind, TypeRef, VariantHint};
use crate::settings::Settings;

/// Every name of the crate.
#[derive(Debug)]
pub struct Names {
    /// Each type's name, by [`TypeId`].
    pub types: Vec<String>,
    /// Each struct's member names, by [`TypeId`] (empty for other types).
    pub structs: Vec<StructNames>,
    /// Each union's, tagged union's or enum's variant names, by [`TypeId`].
    pub variants: Vec<Vec<String>>,
    /// Each operation's names, by index in [`Api::operations`].
    pub operations: Vec<OperationNames>,
    /// Indexes of [`Api::operations`], sorted by the method names they got.
    pub order: Vec<usize>,
    /// `ErrorBody`'s variants: each distinct error body type and its variant's name, in the
    /// order operations (sorted) declare them.
    pub error_bodies: Vec<(TypeRef, String)>,
    /// Prelude names that a type takes (printed code then names the standard item in full).
    pub shadowed_std: Vec<String>,
    /// Renames that could not apply (nothing has the name, or the new one is taken).
    pub notes: Vec<String>,
}

/// The names of a struct's members.
#[derive(Debug, Default)]
pub struct StructNames {
    /// Each field's name, in field order.
    pub fields: Vec<String>,
    /// Each optional field's setter (`set_<name>` where the name would shadow `new` or a
    /// standard trait's method).
    pub setters: Vec<Option<String>>,
    /// The field holding a flattened union.
    pub flattened: Option<String>,
    /// The field keeping undeclared fields.
    pub extra: Option<String>,
}

/// The names of one operation.
#[derive(Debug)]
pub struct OperationNames {
    /// The client method (snake_case, clear of the client's own methods).
    pub method: String,
    /// The builder type.
    pub builder: String,
    /// The module (and file) under `operations/`.
    pub module: String,
    /// The enum `send` returns when successes answer differently.
    pub reply: String,
    /// Each parameter's input (builder field, argument or setter), in parameter order.
    pub params: Vec<String>,
    /// When the builder takes the body apart: each body field's input, in field order.
    pub body_fields: Option<Vec<String>>,
    /// The setter of each optional input that would shadow a standard trait's method.
    pub shadowing: Vec<(String, String)>,
}

impl OperationNames {
    /// The method that sets the optional input `input`.
    pub fn setter(&self, input: &str) -> String {
        let renamed = self.shadowing.iter().find(|(of, _)| of == input);
        renamed.map_or_else(|| input.to_owned(), |(_, setter)| setter.clone())
    }
}

impl Names {
    /// Allocates every name of the crate `api` and `settings` make.
    ///
    /// The settings' renames apply to the names the crate would otherwise have: types first (so
    /// what is named after a type's name follows it), then fields and variants (`Type.member`,
    /// the type by either name), then client methods (their builders and modules follow).
    pub fn allocate(api: &Api, settings: &Settings) -> Names {
        let renames = &settings.renames;
        let mut notes = Vec::new();
        let original = type_names(api);
        let mut types = original.clone();
        rename(&mut types, &renames.types, "type", &mut notes);
        let mut structs: Vec<StructNames> = api.types.iter().map(|def| struct_names(&def.kind, settings)).collect();
        let mut variants: Vec<Vec<String>> =
            api.types.iter().zip(&types).map(|(def, own)| variant_names(&types, own, &def.kind)).collect();
        for (key, to) in &renames.fields {
            let found = member(key, &original, &types).map(|(i, field)| (&mut structs[i].fields, field));
            rename_member(found, key, to, "field", &mut notes);
        }
        for (key, to) in &renames.variants {
            let found = member(key, &original, &types).map(|(i, variant)| (&mut variants[i], variant));
            rename_member(found, key, to, "variant", &mut notes);
        }
        let mut names = Names {
            types,
            structs,
            variants,
            operations: Vec::new(),
            order: Vec::new(),
            error_bodies: Vec::new(),
            shadowed_std: Vec::new(),
            notes: Vec::new(),
        };
        names.operations = operation_names(api, &names, &renames.operations, &mut notes);
        names.notes = notes;
        let mut order: Vec<usize> = (0..api.operations.len()).collect();
        order.sort_by(|a, b| names.operations[*a].method.cmp(&names.operations[*b].method));
        names.order = order;
        names.error_bodies = error_bodies(api, &names);
        names.shadowed_std = reserved::PRELUDE_TYPES
            .iter()
            .filter(|name| names.types.iter().any(|t| t == *name))
            .map(|name| (*name).to_owned())
            .collect();
        names
    }

    /// The name of type `id`.
    pub fn ty(&self, id: TypeId) -> &str {
        &self.types[id.0]
    }
}

/// Applies `renames` (old name → new) to `names`, noting those that cannot apply.
fn rename(
    names: &mut [String],
    renames: &std::collections::BTreeMap<String, String>,
    what: &str,
    notes: &mut Vec<String>,
) {
    for (from, to) in renames {
        match names.iter().position(|name| name == from) {
            None => notes.push(format!("rename of {what} `{from}`: the crate has no {what} of that name")),
            Some(_) if names.iter().any(|name| name == to) => {
                notes.push(format!("rename of {what} `{from}` to `{to}`: another {what} has that name; not renamed"))
            }
            Some(_) if crate::model::needs_raw(to) || to == "Self" => {
                notes.push(format!("rename of {what} `{from}` to `{to}`: a keyword; not renamed"))
            }
            Some(i) => names[i] = to.clone(),
        }
    }
}

/// The type (by index) and member name a `Type.member` key names, the type by its name before or
/// after renames.
fn member<'k>(key: &'k str, original: &[String], renamed: &[String]) -> Option<(usize, &'k str)> {
    let (ty, member) = key.split_once('.')?;
    let index = original.iter().position(|n| n == ty).or_else(|| renamed.iter().position(|n| n == ty))?;
    Some((index, member))
}

/// Renames one member found by [`member`], noting why when it cannot.
fn rename_member(found: Option<(&mut Vec<String>, &str)>, key: &str, to: &str, what: &str, notes: &mut Vec<String>) {
    match found {
        Some((members, from)) => {
            let mut one = std::collections::BTreeMap::new();
            one.insert(from.to_owned(), to.to_owned());
            let before = notes.len();
            rename(members, &one, what, notes);
            // Say which type's member was meant.
            if notes.len() > before {
                let last = notes.len() - 1;
                notes[last] = notes[last].replacen(&format!("`{from}`"), &format!("`{key}`"), 1);
            }
        }
        None => notes.push(format!("rename of {what} `{key}`: the crate has no type of that name")),
    }
}

/// Type names in id order: the hint's text after its owner's name, in UpperCamelCase, unique.
/// A schema may be called `String` or `Result` and keep that name: printed code names the
/// standard items by their absolute paths then.
fn type_names(api: &Api) -> Vec<String> {
    let mut scope = Scope::default();
    let mut names: Vec<String> = Vec::with_capacity(api.types.len());
    for def in &api.types {
        let owner = def.hint.owner.and_then(|id| names.get(id.0)).map_or("", String::as_str);
        let text = format!("{owner}{}", hint_text(&def.hint.parts));
        names.push(scope.claim(naming::type_name(&text)));
    }
    names
}

/// A hint's parts as text: document words put in UpperCamelCase, other text as it is.
fn hint_text(parts: &[HintPart]) -> String {
    parts
        .iter()
        .map(|part| match part {
            HintPart::Word(word) => naming::type_name(word),
            HintPart::Text(text) => text.clone(),
        })
        .collect()
}

/// A struct's field, setter, flattened-union and unknown-fields names.
fn struct_names(kind: &TypeKind, settings: &Settings) -> StructNames {
    let TypeKind::Struct(s) = kind else { return StructNames::default() };
    let mut scope = Scope::default();
    // The struct's methods: `new` and one setter per optional field.
    let mut methods = Scope::with_reserved(&["new"]);
    let mut names = StructNames::default();
    for field in &s.fields {
        let name = scope.claim(naming::snake_name(&field.wire_name));
        let optional = matches!(field.presence, Presence::Optional | Presence::OptionalNullable);
        names.setters.push(optional.then(|| {
            let shadows = name == "new" || reserved::TRAIT_METHODS.contains(&name.as_str());
            methods.claim(if shadows { format!("set_{name}") } else { name.clone() })
        }));
        names.fields.push(name);
    }
    names.flattened = s.variant.as_ref().map(|_| scope.claim("kind".to_owned()));
    // Last, so a property called `extra` keeps its name.
    names.extra = (s.extra && settings.keep_unknown_fields).then(|| scope.claim("extra".to_owned()));
    names
}

/// The variant names of a union, tagged union or enum (whose own name is `own`).
fn variant_names(types: &[String], own: &str, kind: &TypeKind) -> Vec<String> {
    match kind {
        TypeKind::Enum(e) => {
            let mut scope = Scope::with_reserved(&["Unknown"]);
            e.values.iter().map(|wire| scope.claim(naming::variant_name(wire))).collect()
        }
        TypeKind::Untagged(variants) => union_variant_names(types, own, variants.iter().map(|v| (&v.hint, &v.ty))),
        TypeKind::Tagged(t) => {
            let names = union_variant_names(types, own, t.variants.iter().map(|v| (&v.hint, &v.ty)));
            // The tagged union's own variant for unknown tags takes that name.
            let mut scope = Scope::with_reserved(&["Unknown"]);
            names.into_iter().map(|name| scope.claim(name)).collect()
        }
        TypeKind::Struct(_) | TypeKind::Alias(_) => Vec::new(),
    }
}

/// Variant names from their hints, unique; then shortened to what tells them apart when every
/// member's type shares words (`TextChatContent`, `ImageChatContent` → `Text`, `Image`).
fn union_variant_names<'a>(
    types: &[String],
    own: &str,
    variants: impl Iterator<Item = (&'a VariantHint, &'a TypeRef)>,
) -> Vec<String> {
    let mut scope = Scope::default();
    let names: Vec<String> = variants
        .map(|(hint, ty)| {
            let name = match hint {
                VariantHint::Enum => "Enum".to_owned(),
                VariantHint::Described(parts) => hint_text(parts),
                VariantHint::Type => describe_type(types, ty),
            };
            scope.claim(name)
        })
        .collect();
    naming::distinguishing_names(own, &names).unwrap_or(names)
}

/// A variant name describing a type (`Pet`, `String`, `Integer`, `StringList`, `Map`, `Value`).
fn describe_type(types: &[String], ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => types[id.0].clone(),
        // Formatted strings keep the names plain strings had, so a new format mapping renames nothing.
        TypeRef::Primitive(p) => match p {
            Primitive::String
            | Primitive::Secret
            | Primitive::DateTime
            | Primitive::Date
            | Primitive::Uuid
            | Primitive::Uri
            | Primitive::Base64
            | Primitive::DecimalString
            | Primitive::Int64String => "String",
            Primitive::Bool => "Bool",
            Primitive::I32 | Primitive::I64 | Primitive::U32 | Primitive::U64 => "Integer",
            Primitive::F32 | Primitive::F64 | Primitive::DecimalNumber => "Number",
            Primitive::Bytes => "Bytes",
            Primitive::File => "File",
        }
        .to_owned(),
        TypeRef::Array(item) => format!("{}List", describe_type(types, item)),
        TypeRef::Map(_) => "Map".to_owned(),
        TypeRef::Nullable(inner) => format!("Optional{}", describe_type(types, inner)),
        TypeRef::Any => "Value".to_owned(),
    }
}

/// Each operation's names, claimed in path order, then renamed.
fn operation_names(
    api: &Api,
    names: &Names,
    renames: &std::collections::BTreeMap<String, String>,
    notes: &mut Vec<String>,
) -> Vec<OperationNames> {
    let mut scope = Scope::with_reserved(reserved::CLIENT_METHODS);
    let mut methods: Vec<String> =
        api.operations.iter().map(|op| scope.claim(naming::snake_name(&op.raw_name))).collect();
    let clashing: std::collections::BTreeMap<String, String> = renames
        .iter()
        .filter(|(from, to)| {
            let reserved = reserved::CLIENT_METHODS.contains(&to.as_str());
            if reserved && methods.contains(from) {
                notes.push(format!("rename of operation `{from}` to `{to}`: a method of the client; not renamed"));
            }
            !reserved
        })
        .map(|(from, to)| (from.clone(), to.clone()))
        .collect();
    rename(&mut methods, &clashing, "operation", notes);
    api.operations
        .iter()
        .zip(methods)
        .map(|(op, method)| {
            let camel = naming::type_name(&method);
            let (params, body_fields, shadowing) = input_names(api, names, op);
            OperationNames {
                builder: format!("{camel}Builder"),
                // Beside the builder in the operation's module: `…Builder` and `…Reply` never meet.
                reply: format!("{camel}Reply"),
                module: naming::module_name(&method),
                method,
                params,
                body_fields,
                shadowing,
            }
        })
        .collect()
}

/// Builder inputs share one namespace: the builder's own methods, then the body's fields (when
/// the builder takes the body apart), then parameters. An optional input is also a setter
/// method: one that would shadow a standard trait's (`clone`) is set by `set_<name>`.
type InputNames = (Vec<String>, Option<Vec<String>>, Vec<(String, String)>);

fn input_names(api: &Api, names: &Names, op: &Operation) -> InputNames {
    let paging: &[&str] = if op.paging.is_some() { reserved::PAGING_METHODS } else { &[] };
    let mut scope = Scope::with_reserved(&[reserved::BUILDER_METHODS, paging].concat());
    let mut optional = Vec::new();
    let body_fields = super::body_struct(api, op).map(|(id, s)| {
        let fields = &names.structs[id.0];
        s.fields
            .iter()
            .zip(&fields.fields)
            .map(|(field, name)| {
                let input = scope.claim(name.clone());
                if !field.presence.is_required() {
                    optional.push(input.clone());
                }
                input
            })
            .collect()
    });
    let params: Vec<String> = op
        .params
        .iter()
        .map(|p| {
            let input = scope.claim(naming::snake_name(&p.wire_name));
            if !p.required {
                optional.push(input.clone());
            }
            input
        })
        .collect();
    let shadowing = optional
        .into_iter()
        .filter(|input| reserved::TRAIT_METHODS.contains(&input.as_str()))
        .map(|input| {
            let setter = scope.claim(format!("set_{input}"));
            (input, setter)
        })
        .collect();
    (params, body_fields, shadowing)
}

/// One `ErrorBody` variant per distinct error body type, named after the type (`Other` for an
/// unnamed one), in the order the sorted operations declare them.
fn error_bodies(api: &Api, names: &Names) -> Vec<(TypeRef, String)> {
    let mut scope = Scope::default();
    let mut bodies: Vec<(TypeRef, String)> = Vec::new();
    for &i in &names.order {
        for error in &api.operations[i].errors {
            if bodies.iter().any(|(ty, _)| *ty == error.ty) {
                continue;
            }
            let name = match &error.ty {
                TypeRef::Named(id) => names.types[id.0].clone(),
                _ => "Other".to_owned(),
            };
            bodies.push((error.ty.clone(), scope.claim(name)));
        }
    }
    bodies
}
