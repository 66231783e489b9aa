//! Compares two resolved APIs and classifies each difference by its effect on the generated Rust
//! API: breaking (major), additive (minor) or documentation only (patch).
//!
//! The rules follow from what the emitter makes: structs and string enums are `#[non_exhaustive]`
//! and built with `new(required…)` plus setters, so a new optional field or a new enum value is
//! additive, while a new required field changes `new` (and, for request bodies, the client
//! method), and any change of a field's type or presence changes its Rust type.

use crate::ir::{Api, Field, Operation, Presence, TypeDef, TypeKind, TypeRef};
use std::collections::BTreeMap;
use std::fmt;

/// How a change affects users of the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// Documentation only.
    Patch,
    /// Something new; existing code keeps compiling.
    Minor,
    /// Existing code may stop compiling or behave differently.
    Major,
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Impact::Patch => "patch",
            Impact::Minor => "minor",
            Impact::Major => "major",
        })
    }
}

/// One difference between two APIs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Its effect.
    pub impact: Impact,
    /// What changed, in terms of the generated Rust API (`field ChatRequest.foo added (optional)`).
    pub description: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.impact {
            Impact::Major => "breaking",
            Impact::Minor => "added",
            Impact::Patch => "docs",
        };
        write!(f, "[{label}] {}", self.description)
    }
}

/// The Rust type of a use, as text, so types of two different APIs can be compared.
fn describe(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => api.ty(*id).name.clone(),
        TypeRef::Primitive(p) => p.rust_name().to_owned(),
        TypeRef::Array(item) => format!("Vec<{}>", describe(api, item)),
        TypeRef::Map(value) => format!("Map<{}>", describe(api, value)),
        TypeRef::Any => "Value".to_owned(),
    }
}

fn presence(p: Presence) -> &'static str {
    match p {
        Presence::Required => "required",
        Presence::RequiredNullable => "required, nullable",
        Presence::Optional => "optional",
        Presence::OptionalNullable => "optional, nullable",
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::Enum(_) => "enum",
        TypeKind::Untagged(_) => "union",
        TypeKind::Tagged(_) => "tagged union",
        TypeKind::Alias(_) => "alias",
    }
}

/// Every difference from `old` to `new`, sorted by impact (breaking first), then text.
pub fn compare(old: &Api, new: &Api) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut push = |impact, description: String| changes.push(Change { impact, description });
    let old_ops: BTreeMap<&str, &Operation> = old.operations.iter().map(|o| (o.name.as_str(), o)).collect();
    let new_ops: BTreeMap<&str, &Operation> = new.operations.iter().map(|o| (o.name.as_str(), o)).collect();
    for (name, op) in &new_ops {
        match old_ops.get(name) {
            None => push(Impact::Minor, format!("operation `{name}` added ({} {})", op.method, op.path)),
            Some(before) => compare_operation(old, before, new, op, &mut push),
        }
    }
    for name in old_ops.keys().filter(|n| !new_ops.contains_key(*n)) {
        push(Impact::Major, format!("operation `{name}` removed"));
    }
    let old_types: BTreeMap<&str, &TypeDef> = old.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let new_types: BTreeMap<&str, &TypeDef> = new.types.iter().map(|t| (t.name.as_str(), t)).collect();
    for (name, def) in &new_types {
        match old_types.get(name) {
            None => push(Impact::Minor, format!("type `{name}` added ({})", kind_name(&def.kind))),
            Some(before) => compare_type(old, before, new, def, &mut push),
        }
    }
    for name in old_types.keys().filter(|n| !new_types.contains_key(*n)) {
        push(Impact::Major, format!("type `{name}` removed"));
    }
    changes.sort_by(|a, b| (b.impact, &a.description).cmp(&(a.impact, &b.description)));
    changes
}

/// The bump the changes call for (`Patch` when there are none).
pub fn bump(changes: &[Change]) -> Impact {
    changes.iter().map(|c| c.impact).max().unwrap_or(Impact::Patch)
}

fn compare_operation(
    old: &Api,
    before: &Operation,
    new: &Api,
    after: &Operation,
    push: &mut impl FnMut(Impact, String),
) {
    let name = &after.name;
    if (&before.method, &before.path) != (&after.method, &after.path) {
        push(
            Impact::Major,
            format!(
                "operation `{name}` moved from {} {} to {} {}",
                before.method, before.path, after.method, after.path
            ),
        );
    }
    let response = |api: &Api, op: &Operation| op.response.as_ref().map(|t| describe(api, t));
    if response(old, before) != response(new, after) {
        push(
            Impact::Major,
            format!("operation `{name}` now returns {:?} instead of {:?}", response(new, after), response(old, before)),
        );
    }
    let body = |api: &Api, op: &Operation| op.body.as_ref().map(|b| (describe(api, &b.ty), b.required));
    if body(old, before) != body(new, after) {
        push(
            Impact::Major,
            format!("operation `{name}` request body changed from {:?} to {:?}", body(old, before), body(new, after)),
        );
    }
    match (&before.stream, &after.stream) {
        (None, Some(_)) => push(Impact::Minor, format!("operation `{name}` can now stream")),
        (Some(_), None) => push(Impact::Major, format!("operation `{name}` no longer streams")),
        _ => {}
    }
    let before_params: BTreeMap<&str, &crate::ir::Param> =
        before.params.iter().map(|p| (p.wire_name.as_str(), p)).collect();
    let after_params: BTreeMap<&str, &crate::ir::Param> =
        after.params.iter().map(|p| (p.wire_name.as_str(), p)).collect();
    for (wire, param) in &after_params {
        match before_params.get(wire) {
            None if param.required => {
                push(Impact::Major, format!("operation `{name}` has a new required parameter `{wire}`"))
            }
            None => push(Impact::Minor, format!("operation `{name}` has a new optional parameter `{wire}`")),
            Some(old_param) => {
                if old_param.required != param.required || describe(old, &old_param.ty) != describe(new, &param.ty) {
                    push(Impact::Major, format!("parameter `{wire}` of `{name}` changed type or requiredness"));
                }
            }
        }
    }
    for wire in before_params.keys().filter(|w| !after_params.contains_key(*w)) {
        push(Impact::Major, format!("parameter `{wire}` of `{name}` removed"));
    }
    if before.docs != after.docs {
        push(Impact::Patch, format!("documentation of operation `{name}` changed"));
    }
}

fn compare_type(old: &Api, before: &TypeDef, new: &Api, after: &TypeDef, push: &mut impl FnMut(Impact, String)) {
    let name = &after.name;
    match (&before.kind, &after.kind) {
        (TypeKind::Struct(b), TypeKind::Struct(a)) => compare_fields(old, &b.fields, new, &a.fields, name, push),
        (TypeKind::Enum(b), TypeKind::Enum(a)) => {
            let old_values: Vec<&str> = b.variants.iter().map(|v| v.wire.as_str()).collect();
            let new_values: Vec<&str> = a.variants.iter().map(|v| v.wire.as_str()).collect();
            for value in new_values.iter().filter(|v| !old_values.contains(v)) {
                push(Impact::Minor, format!("enum `{name}` has a new value `{value}`"));
            }
            for value in old_values.iter().filter(|v| !new_values.contains(v)) {
                push(Impact::Major, format!("value `{value}` of enum `{name}` removed"));
            }
        }
        (TypeKind::Untagged(b), TypeKind::Untagged(a)) => {
            let shape = |api: &Api, vs: &[crate::ir::UnionVariant]| {
                vs.iter().map(|v| (v.name.clone(), describe(api, &v.ty))).collect::<Vec<_>>()
            };
            if shape(old, b) != shape(new, a) {
                push(Impact::Major, format!("variants of union `{name}` changed"));
            }
        }
        (TypeKind::Tagged(b), TypeKind::Tagged(a)) => {
            let tags = |t: &crate::ir::TaggedUnion| t.variants.iter().flat_map(|v| v.tags.clone()).collect::<Vec<_>>();
            let (old_tags, new_tags) = (tags(b), tags(a));
            for tag in new_tags.iter().filter(|t| !old_tags.contains(t)) {
                push(Impact::Minor, format!("tagged union `{name}` has a new variant `{tag}`"));
            }
            for tag in old_tags.iter().filter(|t| !new_tags.contains(t)) {
                push(Impact::Major, format!("variant `{tag}` of tagged union `{name}` removed"));
            }
        }
        (TypeKind::Alias(b), TypeKind::Alias(a)) => {
            if describe(old, b) != describe(new, a) {
                push(
                    Impact::Major,
                    format!("alias `{name}` now names `{}` instead of `{}`", describe(new, a), describe(old, b)),
                );
            }
        }
        (b, a) => push(Impact::Major, format!("type `{name}` changed from {} to {}", kind_name(b), kind_name(a))),
    }
    if before.docs != after.docs {
        push(Impact::Patch, format!("documentation of type `{name}` changed"));
    }
}

fn compare_fields(
    old: &Api,
    before: &[Field],
    new: &Api,
    after: &[Field],
    owner: &str,
    push: &mut impl FnMut(Impact, String),
) {
    let by_wire =
        |fields: &[Field]| fields.iter().map(|f| (f.wire_name.clone(), f.clone())).collect::<BTreeMap<_, _>>();
    let (old_fields, new_fields) = (by_wire(before), by_wire(after));
    for (wire, field) in &new_fields {
        match old_fields.get(wire) {
            None => match field.presence {
                Presence::Required | Presence::RequiredNullable => push(
                    Impact::Major,
                    format!(
                        "field `{owner}.{wire}` added ({}): `{owner}::new` and any method taking it gain an argument",
                        presence(field.presence)
                    ),
                ),
                _ => push(Impact::Minor, format!("field `{owner}.{wire}` added ({})", presence(field.presence))),
            },
            Some(old_field) => {
                let (was, is) = (describe(old, &old_field.ty), describe(new, &field.ty));
                if was != is {
                    push(Impact::Major, format!("field `{owner}.{wire}` changed type from `{was}` to `{is}`"));
                }
                if old_field.presence != field.presence {
                    push(
                        Impact::Major,
                        format!(
                            "field `{owner}.{wire}` changed from {} to {}",
                            presence(old_field.presence),
                            presence(field.presence)
                        ),
                    );
                }
                if old_field.docs != field.docs {
                    push(Impact::Patch, format!("documentation of field `{owner}.{wire}` changed"));
                }
            }
        }
    }
    for wire in old_fields.keys().filter(|w| !new_fields.contains_key(*w)) {
        push(Impact::Major, format!("field `{owner}.{wire}` removed"));
    }
}
