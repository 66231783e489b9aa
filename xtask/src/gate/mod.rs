//! JSON instances of a document's schemas, and a lenient check that a value fits a schema, read
//! straight from the OpenAPI document — never from the generator's IR — so that a round-trip gate
//! built on them checks the generator against the document rather than against itself.
//!
//! - [`instances`]: values a schema accepts (full, minimal, with nulls, one per union member, with
//!   an unknown field, at numeric limits), each labelled with the union member it was made from.
//! - [`validate`]: whether a value fits a schema, and where it does not.
//! - `limits`: bounds, lengths and item counts, which both of those keep to.
//! - `pattern`: a string a `pattern` matches, made for instances (never checked: no regex engine).

pub mod corpus;
pub mod harness;
pub mod instances;
mod limits;
mod pattern;
pub mod validate;

use sdksmith::spec::{lookup, Document, Schema};
use serde_json::Value;

/// How many `$ref`s and composition keywords are followed in a row before giving up: enough for
/// any real document, and a bound for documents whose references go round in a circle.
const MAX_HOPS: usize = 64;

/// The schema a local `$ref` names, with its JSON pointer; `None` for references into other
/// documents or to nothing.
fn follow<'d>(doc: &'d Document, reference: &str) -> Option<(&'d Schema, String)> {
    let segments = lookup::segments(reference)?;
    let target = lookup::schema(doc, &segments)?;
    Some((target, lookup::pointer(&segments)))
}

/// Whether the document says `schema` may be null, in any of the ways generators read it: 3.0
/// `nullable`, a 3.1 `null` type, `null` in `enum` or `const`, a union member that may be null,
/// or a `$ref` or `allOf` wrapper around a schema that may be. An empty schema accepts null too,
/// but says nothing about it, so it does not count.
fn may_be_null(doc: &Document, schema: &Schema) -> bool {
    may_be_null_within(doc, schema, 0)
}

fn may_be_null_within(doc: &Document, schema: &Schema, hops: usize) -> bool {
    if hops > MAX_HOPS || schema.boolean.is_some() {
        return false;
    }
    let s = &schema.body;
    let says_null = s.nullable
        || s.types.0.iter().any(|t| t == "null")
        || s.enum_values.as_ref().is_some_and(|values| values.contains(&Value::Null))
        || s.const_value == Some(Value::Null);
    says_null
        || s.reference
            .as_deref()
            .and_then(|reference| follow(doc, reference))
            .is_some_and(|(target, _)| may_be_null_within(doc, target, hops + 1))
        || s.one_of.iter().chain(&s.any_of).any(|member| may_be_null_within(doc, member, hops + 1))
        || null_through_all_of(doc, &s.all_of, hops)
}

/// `allOf` accepts null when one part says so and every other part leaves null alone (a
/// description-only part, say): the wrapper shape `allOf: [$ref: Nullable]`.
fn null_through_all_of(doc: &Document, parts: &[Schema], hops: usize) -> bool {
    let nullable = |part: &Schema| may_be_null_within(doc, part, hops + 1);
    parts.iter().any(nullable) && parts.iter().all(|part| nullable(part) || constrains_nothing(part))
}

/// A schema object with no keyword that limits its values (only annotations).
fn constrains_nothing(schema: &Schema) -> bool {
    let s = &schema.body;
    schema.boolean.is_none()
        && s.reference.is_none()
        && s.types.0.is_empty()
        && s.enum_values.is_none()
        && s.const_value.is_none()
        && s.properties.is_empty()
        && s.required.is_empty()
        && s.additional_properties.is_none()
        && s.items.is_none()
        && s.all_of.is_empty()
        && s.one_of.is_empty()
        && s.any_of.is_empty()
}

/// A union member that stands for null alone (`type: null`, `enum: [null]`, `const: null`), after
/// following `$ref`s: the `Option` part of a union, not a variant of it.
fn is_null_only(doc: &Document, schema: &Schema) -> bool {
    is_null_only_within(doc, schema, 0)
}

fn is_null_only_within(doc: &Document, schema: &Schema, hops: usize) -> bool {
    if hops > MAX_HOPS || schema.boolean.is_some() {
        return false;
    }
    let s = &schema.body;
    if let Some((target, _)) = s.reference.as_deref().and_then(|reference| follow(doc, reference)) {
        return is_null_only_within(doc, target, hops + 1);
    }
    let null_type = !s.types.0.is_empty() && s.types.0.iter().all(|t| t == "null");
    let null_enum =
        s.enum_values.as_ref().is_some_and(|values| !values.is_empty() && values.iter().all(Value::is_null));
    null_type || null_enum || s.const_value == Some(Value::Null)
}
