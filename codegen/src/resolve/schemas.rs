//! Schema → type: objects, `allOf` merges, string enums, `oneOf`/`anyOf` unions, nullability,
//! primitives and formats. Inline schemas that need a Rust type of their own are named after
//! where they appear (`Pet` property `status` → `PetStatus`).

use super::{RefTarget, Resolver};
use crate::ir::{
    Constant, Deprecation, Docs, Field, FlattenedVariant, HintPart, NameHint, Presence, Primitive, StringEnum, Struct,
    TaggedUnion, TaggedVariant, TypeId, TypeKind, TypeRef, UnionVariant, VariantHint,
};
use crate::spec::{self, escape_segment, Schema, SchemaObject};
use indexmap::IndexMap;
use serde_json::Value;
use std::collections::BTreeSet;

/// What a schema turns into before any type is made.
enum Shape<'s> {
    /// A use of an existing or primitive type.
    Ref(TypeRef),
    /// A `$ref` or single-`allOf` wrapper to follow.
    Follow(&'s Schema, String),
    /// A new struct.
    Struct,
    /// A new string enum with these values.
    Enum(Vec<String>),
    /// A new union of these members.
    Union(Vec<(&'s Schema, String)>),
}

/// A property collected for a struct, with the pointer it was written at.
struct Property<'s> {
    schema: &'s Schema,
    pointer: String,
}

/// Whether `schema` says it may be null (3.0 `nullable`, 3.1 `type: [.., "null"]`, a `null` enum
/// value, or a `{type: null}` union member).
pub(super) fn is_nullable(schema: &Schema) -> bool {
    let s = &schema.body;
    s.nullable
        || s.types.0.iter().any(|t| t == "null")
        || s.enum_values.as_ref().is_some_and(|v| v.iter().any(Value::is_null))
        || s.one_of.iter().chain(&s.any_of).any(is_null_schema)
}

fn is_null_schema(schema: &Schema) -> bool {
    schema.body.types.0 == ["null"] || schema.body.enum_values.as_deref() == Some(&[Value::Null])
}

/// How deep nullability and scalar checks follow references and wrappers before giving up.
const FOLLOW_LIMIT: usize = 16;

/// The documentation a schema carries.
/// The docs of a schema given type `ty`: a file says what it is without its string format.
fn docs_of_typed(schema: &Schema, ty: &TypeRef) -> Docs {
    let docs = docs_of(schema);
    match ty {
        TypeRef::Primitive(Primitive::File) => Docs { format: None, ..docs },
        _ => docs,
    }
}

pub(super) fn docs_of(schema: &Schema) -> Docs {
    let s = &schema.body;
    let compact = |v: &Value| serde_json::to_string(v).ok();
    Docs {
        title: s.title.clone(),
        description: s.description.clone(),
        deprecated: s.deprecated.then(|| Deprecation { note: s.deprecated_message.clone() }),
        default: s.default.as_ref().and_then(compact),
        example: s
            .example
            .as_ref()
            .or_else(|| match &s.examples {
                Some(Value::Array(items)) => items.first(),
                other => other.as_ref(),
            })
            .and_then(compact),
        format: s.format.clone().filter(|f| s.types.0.iter().any(|t| t == "string") && f != "password"),
        allowed: match integer_values(s) {
            Some(values) => values.iter().map(i64::to_string).collect(),
            None => Vec::new(),
        },
    }
}

/// Integer values of an `enum` or `const` whose values are all integers (`status: {enum: [404]}`),
/// with or without `type: integer`.
fn integer_values(s: &SchemaObject) -> Option<Vec<i64>> {
    let types = non_null_types(s);
    if !(types.is_empty() || types == ["integer"] || types == ["number"]) {
        return None;
    }
    let values: Vec<&Value> = match (&s.enum_values, &s.const_value) {
        (Some(values), _) => values.iter().filter(|v| !v.is_null()).collect(),
        (None, Some(value)) => vec![value],
        (None, None) => return None,
    };
    values.iter().map(|v| v.as_i64()).collect::<Option<Vec<_>>>().filter(|v| !v.is_empty())
}

/// The constants a schema allows, when it is an `enum` or `const` of strings or of integers.
fn constants_of(s: &SchemaObject) -> Option<Vec<Constant>> {
    if let Some(values) = string_values(s) {
        return Some(values.into_iter().map(Constant::String).collect());
    }
    integer_values(s).map(|values| values.into_iter().map(Constant::Integer).collect())
}

fn non_null_types(s: &SchemaObject) -> Vec<&str> {
    s.types.0.iter().map(String::as_str).filter(|t| *t != "null").collect()
}

/// String values of an enum or `const`, if the schema is a string enumeration.
fn string_values(s: &SchemaObject) -> Option<Vec<String>> {
    let types = non_null_types(s);
    if !(types.is_empty() || types == ["string"]) {
        return None;
    }
    let values: Vec<&Value> = match (&s.enum_values, &s.const_value) {
        (Some(values), _) => values.iter().filter(|v| !v.is_null()).collect(),
        (None, Some(value)) => vec![value],
        (None, None) => return None,
    };
    values.iter().map(|v| v.as_str().map(str::to_owned)).collect::<Option<Vec<_>>>().filter(|v| !v.is_empty())
}

impl<'d> Resolver<'d> {
    /// Gives the reserved type `id` the shape of `schema`.
    pub(super) fn define(&mut self, id: TypeId, schema: &'d Schema, pointer: &str) {
        // What the type holds is named after it.
        let name = NameHint::after(id, Vec::new());
        let docs = docs_of(schema);
        let kind = match self.shape(schema, pointer, &name) {
            Shape::Ref(ty) => TypeKind::Alias(ty),
            Shape::Follow(target, target_pointer) => {
                let pointer = pointer.to_owned();
                self.following.push(pointer.clone());
                let ty = self.type_of(target, &target_pointer, &name);
                self.following.retain(|p| *p != pointer);
                TypeKind::Alias(ty)
            }
            // A struct or union is a type of its own: references inside it start new chains.
            Shape::Struct => {
                let chain = std::mem::take(&mut self.following);
                let kind = TypeKind::Struct(self.struct_of(schema, pointer, id));
                self.following = chain;
                kind
            }
            Shape::Enum(values) => TypeKind::Enum(enum_of(values)),
            Shape::Union(members) => {
                let chain = std::mem::take(&mut self.following);
                let kind = self.union_of(schema, members, pointer, id);
                self.following = chain;
                kind
            }
        };
        let def = &mut self.types[id.0];
        def.docs = docs;
        def.kind = kind;
    }

    /// The type of a schema used somewhere, creating a named type (from `hint`) when it needs one.
    pub(super) fn type_of(&mut self, schema: &'d Schema, pointer: &str, hint: &NameHint) -> TypeRef {
        match self.shape(schema, pointer, hint) {
            Shape::Ref(ty) => ty,
            Shape::Follow(target, target_pointer) => {
                // A chain of references that comes back to itself names no type at all.
                if self.following.contains(&target_pointer) {
                    self.diags.error(pointer, "circular `$ref` chain: it never reaches a schema");
                    return TypeRef::Any;
                }
                self.following.push(target_pointer.clone());
                let ty = self.type_of(target, &target_pointer, hint);
                self.following.pop();
                ty
            }
            _ => {
                // A schema reached again (an `allOf` part merged into several structs) is one type.
                if let Some(id) = self.inline.get(pointer) {
                    return TypeRef::Named(*id);
                }
                let id = self.reserve(hint.clone(), pointer);
                self.inline.insert(pointer.to_owned(), id);
                self.define(id, schema, pointer);
                TypeRef::Named(id)
            }
        }
    }

    /// Records a schema's `x-rust-type`: the owner's type for what `pointer` defines.
    fn note_rust_type(&mut self, extension: &serde_json::Value, pointer: &str) {
        let path = match extension {
            serde_json::Value::String(path) => Some(path.as_str()),
            serde_json::Value::Object(fields) => fields.get("path").and_then(serde_json::Value::as_str),
            _ => None,
        };
        match path.filter(|path| syn::parse_str::<syn::Type>(path).is_ok()) {
            Some(path) => {
                self.rust_types.insert(pointer.to_owned(), path.to_owned());
            }
            None => self.diags.warning(
                &format!("{pointer}/x-rust-type"),
                "`x-rust-type` is neither a Rust type path nor an object with one as `path`: ignored",
            ),
        }
    }

    fn shape(&mut self, schema: &'d Schema, pointer: &str, hint: &NameHint) -> Shape<'d> {
        if let Some(boolean) = schema.boolean {
            if !boolean {
                self.diags.warning(pointer, "schema `false` accepts nothing: generated as any JSON value");
            }
            return Shape::Ref(TypeRef::Any);
        }
        let s = &*schema.body;
        if let Some(extension) = &s.rust_type {
            self.note_rust_type(extension, pointer);
        }
        if let Some(reference) = &s.reference {
            return match self.ref_target(reference, pointer) {
                Some(RefTarget::Component(name, _)) => Shape::Ref(TypeRef::Named(self.named[name])),
                Some(RefTarget::Nested(target_pointer, target)) if target_pointer != pointer => {
                    Shape::Follow(target, target_pointer)
                }
                Some(RefTarget::Nested(..)) => {
                    self.diags.error(pointer, format!("`$ref` to `{reference}` refers to itself"));
                    Shape::Ref(TypeRef::Any)
                }
                None => Shape::Ref(TypeRef::Any),
            };
        }
        if !s.all_of.is_empty() {
            // Parts that only annotate (a description, `nullable`) add no shape.
            let shaped: Vec<(usize, &'d Schema)> =
                s.all_of.iter().enumerate().filter(|(_, part)| !is_annotation_only(part)).collect();
            let alone = s.properties.is_empty() && s.one_of.is_empty() && s.any_of.is_empty();
            let followed = match shaped.as_slice() {
                _ if !alone => None,
                [only] => Some(*only),
                // Parts that each narrow one scalar (a `$ref` to a string enum and `type: string`):
                // the value is that scalar, typed by the part with a name of its own.
                parts if parts.len() > 1 && parts.iter().all(|(_, part)| self.is_scalar(part, 0)) => {
                    parts.iter().find(|(_, part)| part.body.reference.is_some()).or(parts.first()).copied()
                }
                _ => None,
            };
            return match followed {
                Some((i, part)) => Shape::Follow(part, format!("{pointer}/allOf/{i}")),
                None => Shape::Struct,
            };
        }
        let members: Vec<(&'d Schema, String)> = if !s.one_of.is_empty() {
            if !s.any_of.is_empty() {
                self.diags.warning(pointer, "both `oneOf` and `anyOf`: only `oneOf` is used");
            }
            indexed(&s.one_of, pointer, "oneOf")
        } else {
            indexed(&s.any_of, pointer, "anyOf")
        };
        if !members.is_empty() && s.properties.is_empty() {
            let members: Vec<_> = members.into_iter().filter(|(m, _)| !is_null_schema(m)).collect();
            return match members.len() {
                0 => Shape::Ref(TypeRef::Any),
                1 => Shape::Follow(members[0].0, members[0].1.clone()),
                _ => Shape::Union(members),
            };
        }
        if let Some(values) = string_values(s) {
            return Shape::Enum(values);
        }
        let types = non_null_types(s);
        // Integer values have no names to give variants: the type is the integer, the values
        // are documented, and a union still tells members apart by them (`Field::values`).
        if integer_values(s).is_some() && types != ["number"] {
            return Shape::Ref(TypeRef::Primitive(integer_primitive(s)));
        }
        if types.len() > 1 {
            return Shape::Union(Vec::new());
        }
        match types.first().copied() {
            Some("string") => Shape::Ref(TypeRef::Primitive(match s.format.as_deref() {
                Some("password") => Primitive::Secret,
                Some("binary") if self.file_fields => Primitive::File,
                // Formats with a Rust type of their own; which one is lower's (and the
                // config's) choice.
                Some("date-time") => Primitive::DateTime,
                Some("date") => Primitive::Date,
                Some("uuid") => Primitive::Uuid,
                Some("uri" | "url") => Primitive::Uri,
                Some("byte") => Primitive::Base64,
                Some("decimal") => Primitive::DecimalString,
                Some("int64") => Primitive::Int64String,
                _ => Primitive::String,
            })),
            Some("integer") => Shape::Ref(TypeRef::Primitive(integer_primitive(s))),
            Some("number") => Shape::Ref(TypeRef::Primitive(match s.format.as_deref() {
                Some("float") => Primitive::F32,
                Some("decimal") => Primitive::DecimalNumber,
                _ => Primitive::F64,
            })),
            Some("boolean") => Shape::Ref(TypeRef::Primitive(Primitive::Bool)),
            Some("array") => Shape::Ref(self.array_of(s, pointer, hint)),
            Some("object") | None if !s.properties.is_empty() => Shape::Struct,
            Some("object") => Shape::Ref(self.map_of(s, pointer, hint)),
            None if s.additional_properties.is_some() => Shape::Ref(self.map_of(s, pointer, hint)),
            None if s.items.is_some() => Shape::Ref(self.array_of(s, pointer, hint)),
            None => Shape::Ref(TypeRef::Any),
            Some(other) => {
                self.diags.warning(
                    &format!("{pointer}/type"),
                    format!("unknown type `{other}`: generated as any JSON value"),
                );
                Shape::Ref(TypeRef::Any)
            }
        }
    }

    fn array_of(&mut self, s: &'d SchemaObject, pointer: &str, hint: &NameHint) -> TypeRef {
        let hint = hint.with(HintPart::Text("Item".into()));
        match &s.items {
            Some(items) => TypeRef::Array(Box::new(self.element_of(items, &format!("{pointer}/items"), &hint))),
            // `prefixItems` (tuples) are tolerated as arrays of any value.
            None => TypeRef::Array(Box::new(TypeRef::Any)),
        }
    }

    fn map_of(&mut self, s: &'d SchemaObject, pointer: &str, hint: &NameHint) -> TypeRef {
        let hint = hint.with(HintPart::Text("Value".into()));
        let value = match &s.additional_properties {
            Some(values) if values.boolean.is_none() => {
                self.element_of(values, &format!("{pointer}/additionalProperties"), &hint)
            }
            _ => TypeRef::Any,
        };
        TypeRef::Map(Box::new(value))
    }

    /// The type of an array's items, a map's values or a response body: optional when they may
    /// be `null`.
    pub(super) fn element_of(&mut self, schema: &'d Schema, pointer: &str, hint: &NameHint) -> TypeRef {
        let ty = self.type_of(schema, pointer, hint);
        match self.may_be_null(schema, 0) && ty != TypeRef::Any {
            true => TypeRef::Nullable(Box::new(ty)),
            false => ty,
        }
    }

    /// The schema a `$ref` names, quietly (`type_of` reports references that do not resolve).
    fn quiet_target(&self, reference: &str) -> Option<&'d Schema> {
        spec::lookup::schema(self.doc, &spec::lookup::segments(reference)?)
    }

    /// Whether a use of `schema` may be `null`: its own markers, or those of what it stands for —
    /// a `$ref` target (3.0 `nullable`, 3.1 `null` in `type` or as a union member), the parts
    /// of an `allOf` wrapper, a member of a union.
    pub(super) fn may_be_null(&self, schema: &Schema, depth: usize) -> bool {
        if is_nullable(schema) {
            return true;
        }
        let s = &*schema.body;
        if depth > FOLLOW_LIMIT || schema.boolean.is_some() {
            return false;
        }
        if let Some(reference) = &s.reference {
            return self.quiet_target(reference).is_some_and(|target| self.may_be_null(target, depth + 1));
        }
        if s.properties.is_empty() && !s.all_of.is_empty() {
            // `allOf: [{$ref: X}, {nullable: true}]`, or a wrapper of one part that may be null.
            let mut shaped = s.all_of.iter().filter(|part| !is_annotation_only(part));
            let single = match (shaped.next(), shaped.next()) {
                (Some(only), None) => self.may_be_null(only, depth + 1),
                _ => false,
            };
            if single || s.all_of.iter().any(is_nullable) {
                return true;
            }
        }
        s.one_of.iter().chain(&s.any_of).any(|member| self.may_be_null(member, depth + 1))
    }

    /// The constants a property may hold, looking through `$ref`s and `allOf` wrappers.
    fn constants(&self, schema: &Schema, depth: usize) -> Option<Vec<Constant>> {
        let s = &*schema.body;
        if let Some(values) = constants_of(s) {
            return Some(values);
        }
        if depth > FOLLOW_LIMIT || schema.boolean.is_some() {
            return None;
        }
        if let Some(reference) = &s.reference {
            return self.quiet_target(reference).and_then(|target| self.constants(target, depth + 1));
        }
        let mut shaped = s.all_of.iter().filter(|part| !is_annotation_only(part));
        match (shaped.next(), shaped.next(), s.properties.is_empty()) {
            (Some(only), None, true) => self.constants(only, depth + 1),
            _ => None,
        }
    }

    /// The constants an object schema's property `wire` holds, looking through `$ref`s and
    /// `allOf` parts.
    fn property_constants(&self, schema: &Schema, wire: &str, depth: usize) -> Option<Vec<Constant>> {
        let s = &*schema.body;
        if depth > FOLLOW_LIMIT {
            return None;
        }
        if let Some(property) = s.properties.get(wire) {
            return self.constants(property, 0);
        }
        if let Some(reference) = &s.reference {
            return self.quiet_target(reference).and_then(|target| self.property_constants(target, wire, depth + 1));
        }
        s.all_of.iter().find_map(|part| self.property_constants(part, wire, depth + 1))
    }

    /// Whether values of `schema` are one scalar (string, integer, number or boolean), looking
    /// through `$ref`s and `allOf` parts.
    fn is_scalar(&self, schema: &Schema, depth: usize) -> bool {
        let s = &*schema.body;
        if depth > FOLLOW_LIMIT || schema.boolean.is_some() {
            return false;
        }
        if let Some(reference) = &s.reference {
            return self.quiet_target(reference).is_some_and(|target| self.is_scalar(target, depth + 1));
        }
        let composite = !s.properties.is_empty()
            || s.items.is_some()
            || s.additional_properties.is_some()
            || !s.one_of.is_empty()
            || !s.any_of.is_empty();
        if composite {
            return false;
        }
        if !s.all_of.is_empty() {
            return s
                .all_of
                .iter()
                .filter(|part| !is_annotation_only(part))
                .all(|part| self.is_scalar(part, depth + 1));
        }
        constants_of(s).is_some()
            || matches!(non_null_types(s).as_slice(), ["string"] | ["integer"] | ["number"] | ["boolean"])
    }

    /// The fields of struct `id`, merging `allOf` parts in order (later properties win).
    fn struct_of(&mut self, schema: &'d Schema, pointer: &str, id: TypeId) -> Struct {
        let mut properties: IndexMap<&'d str, Property<'d>> = IndexMap::new();
        let mut required = BTreeSet::new();
        let mut seen = vec![pointer.to_owned()];
        let mut unions = Vec::new();
        self.collect_object(schema, pointer, &mut properties, &mut required, &mut seen, &mut unions);
        let own = format!("{pointer}/");
        let mut fields = Vec::with_capacity(properties.len());
        for (wire, property) in properties {
            // Inline types are named after the schema that wrote them, which an `allOf` may not be.
            let word = HintPart::Word(wire.to_owned());
            let hint = match owner_of(&property.pointer) {
                Some(owner) if !property.pointer.starts_with(&own) => NameHint::of(vec![HintPart::Word(owner), word]),
                _ => NameHint::after(id, vec![word]),
            };
            let ty = self.type_of(property.schema, &property.pointer, &hint);
            let nullable = self.may_be_null(property.schema, 0);
            let values = self.constants(property.schema, 0);
            let presence = match (required.contains(wire), nullable) {
                (true, false) => Presence::Required,
                (true, true) => Presence::RequiredNullable,
                (false, false) => Presence::Optional,
                (false, true) => Presence::OptionalNullable,
            };
            fields.push(Field {
                docs: docs_of_typed(property.schema, &ty),
                wire_name: wire.to_owned(),
                ty,
                presence,
                boxed: false,
                values,
                pointer: property.pointer,
            });
        }
        let variant = self.flattened_variant(unions, id);
        // With a variant, unknown fields reach the member's own `extra` instead.
        Struct { fields, extra: variant.is_none(), variant }
    }

    /// The union of the first `oneOf`/`anyOf` met among a struct's parts; a second one is
    /// reported, not generated.
    fn flattened_variant(&mut self, unions: Vec<(&'d Schema, String)>, owner_id: TypeId) -> Option<FlattenedVariant> {
        let mut unions = unions.into_iter();
        let (owner, owner_pointer) = unions.next()?;
        for (_, pointer) in unions {
            self.diags.warning(&pointer, "a second `oneOf`/`anyOf` in one object is not generated: only the first is");
        }
        let (keyword, members) = match owner.body.one_of.is_empty() {
            false => ("oneOf", indexed(&owner.body.one_of, &owner_pointer, "oneOf")),
            true => ("anyOf", indexed(&owner.body.any_of, &owner_pointer, "anyOf")),
        };
        let union_pointer = format!("{owner_pointer}/{keyword}");
        let id = match self.inline.get(&union_pointer) {
            Some(id) => *id,
            None => {
                let id = self.reserve(NameHint::after(owner_id, vec![HintPart::Text("Kind".into())]), &union_pointer);
                self.inline.insert(union_pointer.clone(), id);
                let members = members.into_iter().filter(|(m, _)| !is_null_schema(m)).collect();
                self.types[id.0].kind = self.union_of(owner, members, &union_pointer, id);
                id
            }
        };
        Some(FlattenedVariant { ty: TypeRef::Named(id) })
    }

    fn collect_object(
        &mut self,
        schema: &'d Schema,
        pointer: &str,
        properties: &mut IndexMap<&'d str, Property<'d>>,
        required: &mut BTreeSet<&'d str>,
        seen: &mut Vec<String>,
        unions: &mut Vec<(&'d Schema, String)>,
    ) {
        let s = &*schema.body;
        if let Some(reference) = &s.reference {
            let (target_pointer, target) = match self.ref_target(reference, pointer) {
                Some(RefTarget::Component(name, target)) => {
                    (format!("/components/schemas/{}", escape_segment(name)), target)
                }
                Some(RefTarget::Nested(target_pointer, target)) => (target_pointer, target),
                None => return,
            };
            if seen.contains(&target_pointer) {
                self.diags.error(pointer, format!("`allOf` includes `{reference}` inside itself"));
                return;
            }
            seen.push(target_pointer.clone());
            self.collect_object(target, &target_pointer, properties, required, seen, unions);
            seen.pop();
            return;
        }
        for (i, part) in s.all_of.iter().enumerate() {
            self.collect_object(part, &format!("{pointer}/allOf/{i}"), properties, required, seen, unions);
        }
        // Members that only say which properties are required (`anyOf: [{required: [a]},
        // {required: [b]}]`) add no shape: the properties already hold every field.
        let members = if s.one_of.is_empty() { &s.any_of } else { &s.one_of };
        if !members.is_empty() && !members.iter().all(is_annotation_only) {
            unions.push((schema, pointer.to_owned()));
        }
        for (wire, property) in &s.properties {
            let property_pointer = format!("{pointer}/properties/{}", escape_segment(wire));
            properties.insert(wire.as_str(), Property { schema: property, pointer: property_pointer });
        }
        required.extend(s.required.iter().map(String::as_str));
    }

    fn union_of(
        &mut self,
        schema: &'d Schema,
        members: Vec<(&'d Schema, String)>,
        pointer: &str,
        id: TypeId,
    ) -> TypeKind {
        let s = &*schema.body;
        if members.is_empty() {
            // `type: [string, integer, …]`: one variant per listed type.
            return TypeKind::Untagged(self.untagged_of_types(s, pointer));
        }
        if let Some(discriminator) = &s.discriminator {
            if let Some(tagged) =
                self.tagged_of(&discriminator.property_name, &discriminator.mapping, &members, pointer)
            {
                return TypeKind::Tagged(tagged);
            }
        }
        // Inline string enums among the members are merged into one enum variant.
        let mut enum_values: Vec<String> = Vec::new();
        let mut enum_sources = Vec::new();
        let mut others = Vec::new();
        for (member, member_pointer) in members {
            match (member.body.reference.is_none() && member.body.all_of.is_empty())
                .then(|| string_values(&member.body))
                .flatten()
            {
                Some(values) => {
                    enum_values.extend(values);
                    enum_sources.push(member_pointer);
                }
                None => others.push((member, member_pointer)),
            }
        }
        if others.is_empty() {
            return TypeKind::Enum(enum_of(enum_values));
        }
        let mut variants = Vec::new();
        if !enum_values.is_empty() {
            let enum_id = self.reserve(NameHint::after(id, vec![HintPart::Text("Enum".into())]), pointer);
            self.types[enum_id.0].kind = TypeKind::Enum(enum_of(enum_values));
            variants.push(UnionVariant {
                hint: VariantHint::Enum,
                ty: TypeRef::Named(enum_id),
                boxed: false,
                docs: Docs::default(),
                sources: enum_sources,
            });
        }
        for (i, (member, member_pointer)) in others.into_iter().enumerate() {
            let described = member_hint(member);
            let parts = described.clone().unwrap_or_else(|| vec![HintPart::Text(format!("Variant{i}"))]);
            let ty = self.type_of(member, &member_pointer, &NameHint::after(id, parts));
            // An inline member is called by what tells it apart, not by its type's long name.
            let hint = match (&member.body.reference, described) {
                (None, Some(described)) => VariantHint::Described(described),
                _ => VariantHint::Type,
            };
            let docs = docs_of_typed(member, &ty);
            variants.push(UnionVariant { hint, ty, boxed: false, docs, sources: vec![member_pointer] });
        }
        TypeKind::Untagged(variants)
    }

    fn untagged_of_types(&mut self, s: &SchemaObject, pointer: &str) -> Vec<UnionVariant> {
        non_null_types(s)
            .into_iter()
            .map(|t| {
                let ty = match t {
                    "string" => TypeRef::Primitive(Primitive::String),
                    "integer" => TypeRef::Primitive(Primitive::I64),
                    "number" => TypeRef::Primitive(Primitive::F64),
                    "boolean" => TypeRef::Primitive(Primitive::Bool),
                    "array" => TypeRef::Array(Box::new(TypeRef::Any)),
                    "object" => TypeRef::Map(Box::new(TypeRef::Any)),
                    other => {
                        self.diags.warning(
                            &format!("{pointer}/type"),
                            format!("unknown type `{other}`: generated as any JSON value"),
                        );
                        TypeRef::Any
                    }
                };
                UnionVariant { hint: VariantHint::Type, ty, boxed: false, docs: Docs::default(), sources: Vec::new() }
            })
            .collect()
    }

    /// A tagged union, when every member is a `$ref` (tag values from `mapping` or the schema names).
    fn tagged_of(
        &mut self,
        tag: &str,
        mapping: &IndexMap<String, String>,
        members: &[(&'d Schema, String)],
        pointer: &str,
    ) -> Option<TaggedUnion> {
        let mut variants = Vec::new();
        // A tag value selects the first member that holds it.
        let mut claimed: Vec<Constant> = Vec::new();
        for (member, member_pointer) in members {
            let Some(reference) = &member.body.reference else {
                self.diags.warning(
                    member_pointer,
                    "discriminated union member is not a `$ref`: generated as an untagged union",
                );
                return None;
            };
            let Some(RefTarget::Component(name, target)) = self.ref_target(reference, member_pointer) else {
                self.diags.warning(
                    member_pointer,
                    "discriminated union member is not a component schema: generated as an untagged union",
                );
                return None;
            };
            let mut tags: Vec<Constant> = mapping
                .iter()
                .filter(|(_, target)| *target == reference || target.as_str() == name)
                .map(|(value, _)| Constant::String(value.clone()))
                .collect();
            if tags.is_empty() {
                // Without a mapping the tag is the schema's name, but documents often mean the
                // constant the member's tag property holds (`type: {enum: [function]}`): both select it.
                tags = self.property_constants(target, tag, 0).unwrap_or_default();
                tags.retain(|t| matches!(t, Constant::String(_)));
                if !tags.contains(&Constant::String(name.to_owned())) {
                    tags.push(Constant::String(name.to_owned()));
                }
            }
            tags.retain(|t| !claimed.contains(t));
            claimed.extend(tags.iter().cloned());
            if tags.is_empty() {
                self.diags.warning(
                    member_pointer,
                    format!("every tag of this member selects an earlier one: it is never decoded from `{tag}`"),
                );
                tags.push(Constant::String(name.to_owned()));
            }
            let id = self.named[name];
            variants.push(TaggedVariant {
                hint: VariantHint::Type,
                tags,
                ty: TypeRef::Named(id),
                boxed: false,
                sources: vec![member_pointer.clone()],
            });
        }
        if variants.is_empty() {
            self.diags.warning(pointer, "discriminated union has no members");
            return None;
        }
        Some(TaggedUnion { tag: tag.to_owned(), variants })
    }
}

/// What an inline union member is called, from what tells it apart: the component an `allOf`
/// member extends (`ResponseCreatedEvent`), the single value of a tag property
/// (`type: {const: image}` → `Image`, `code: {enum: [2]}` → `Code2`), or its only required
/// property (`card` → `Card`).
fn member_hint(member: &Schema) -> Option<Vec<HintPart>> {
    let s = &*member.body;
    let extended = s.all_of.iter().filter_map(|part| part.body.reference.as_deref()).collect::<Vec<_>>();
    if let [reference] = extended.as_slice() {
        return reference.rsplit('/').next().map(|name| vec![HintPart::Word(name.to_owned())]);
    }
    let tag = s.properties.iter().find_map(|(name, property)| {
        if let Some([single]) = string_values(&property.body).as_deref() {
            return Some(vec![HintPart::Word(single.clone())]);
        }
        match integer_values(&property.body)?.as_slice() {
            [single] => Some(vec![HintPart::Word(name.clone()), HintPart::Text(single.to_string())]),
            _ => None,
        }
    });
    if tag.is_some() {
        return tag;
    }
    match s.required.as_slice() {
        [only] if s.properties.contains_key(only) => Some(vec![HintPart::Word(only.clone())]),
        _ => None,
    }
}

/// Whether a schema only annotates or constrains (description, `nullable`, `required`, `not`…)
/// and has no shape of its own: no type, reference, properties, items or composition.
fn is_annotation_only(schema: &Schema) -> bool {
    let s = &*schema.body;
    schema.boolean.is_none()
        && s.reference.is_none()
        && s.types.0.is_empty()
        && s.properties.is_empty()
        && s.items.is_none()
        && s.additional_properties.is_none()
        && s.all_of.is_empty()
        && s.one_of.is_empty()
        && s.any_of.is_empty()
        && s.enum_values.is_none()
}

/// The component schema a pointer lies in (`/components/schemas/Pet/properties/x` → `Pet`).
fn owner_of(pointer: &str) -> Option<String> {
    let rest = pointer.strip_prefix("/components/schemas/")?;
    let name = rest.split('/').next()?;
    Some(name.replace("~1", "/").replace("~0", "~"))
}

/// The Rust integer of an integer schema: by its `format`, else `u64` where its bounds allow no
/// negative value but values above `i64::MAX` (`minimum: 0, maximum: 18446744073709551615`),
/// else `i64`. `9223372036854776000` is `i64::MAX` as a float prints it (documents made from
/// 64-bit fields write it so), not a value above it.
fn integer_primitive(s: &SchemaObject) -> Primitive {
    match s.format.as_deref() {
        Some("int32" | "int16" | "int8") => Primitive::I32,
        Some("uint32" | "uint16" | "uint8") => Primitive::U32,
        Some("uint64" | "uint") => Primitive::U64,
        _ if beyond_i64(s) => Primitive::U64,
        _ => Primitive::I64,
    }
}

/// Whether an integer schema's bounds need `u64`: no negative value, a maximum above `i64::MAX`.
fn beyond_i64(s: &SchemaObject) -> bool {
    let non_negative = s.minimum.as_ref().and_then(serde_json::Number::as_f64).is_some_and(|min| min >= 0.0);
    let above = s.maximum.as_ref().is_some_and(|max| match max.as_u64() {
        Some(max) => max > i64::MAX as u64 && max != 9_223_372_036_854_776_000,
        // `i64::MAX as f64` is 2^63, the float `i64::MAX` rounds to.
        None => max.as_f64().is_some_and(|max| max > i64::MAX as f64),
    });
    non_negative && above
}

fn indexed<'s>(schemas: &'s [Schema], pointer: &str, keyword: &str) -> Vec<(&'s Schema, String)> {
    schemas.iter().enumerate().map(|(i, s)| (s, format!("{pointer}/{keyword}/{i}"))).collect()
}

fn enum_of(values: Vec<String>) -> StringEnum {
    let mut seen = BTreeSet::new();
    StringEnum { values: values.into_iter().filter(|v| seen.insert(v.clone())).collect() }
}
