// @generated: the runtime every generated crate carries (its tests run in the runtime crate). Do not edit.
//! Encoding and decoding of unions, shared by every generated union type.
//!
//! A union told apart by a tag property (a `discriminator`, or a property that holds a distinct
//! constant in every member) is decoded by reading the tag: [`tag_of`]. Any other union is
//! decoded by [`decode_untagged`]: each member's shape is described as data ([`Member`]), the
//! value is ranked against every member, and the members are tried best first, so a value lands
//! in the member it fits, not in the first whose required fields happen to be present.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// No JSON kind: a member that accepts nothing (an empty union).
pub const NONE: u8 = 0;
/// JSON kinds as bits, for [`Member::kinds`] and property kinds: `null`.
pub const NULL: u8 = 1;
/// `true` or `false`.
pub const BOOL: u8 = 1 << 1;
/// A number without a fraction (it is a [`NUMBER`] too).
pub const INTEGER: u8 = 1 << 2;
/// Any number.
pub const NUMBER: u8 = 1 << 3;
/// A string.
pub const STRING: u8 = 1 << 4;
/// An array.
pub const ARRAY: u8 = 1 << 5;
/// An object.
pub const OBJECT: u8 = 1 << 6;
/// Any JSON value.
pub const ANY: u8 = NULL | BOOL | INTEGER | NUMBER | STRING | ARRAY | OBJECT;

/// A value a property is declared to hold: a `const`, or one value of an `enum`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Constant {
    /// A string.
    Str(&'static str),
    /// An integer.
    Int(i64),
}

impl Constant {
    fn matches(self, value: &Value) -> bool {
        match self {
            Constant::Str(text) => value.as_str() == Some(text),
            Constant::Int(number) => value.as_i64() == Some(number),
        }
    }

    fn to_value(self) -> Value {
        match self {
            Constant::Str(text) => Value::String(text.to_owned()),
            Constant::Int(number) => Value::from(number),
        }
    }
}

/// What one member of an untagged union accepts, as far as telling members apart needs.
#[derive(Debug, Clone, Copy)]
pub struct Member {
    /// The JSON kinds its values take.
    pub kinds: u8,
    /// The values it knows, for a string enum: another string fits it less well (an open enum
    /// still takes it when no other member does).
    pub values: &'static [Constant],
    /// Properties an object must have.
    pub required: &'static [&'static str],
    /// Every declared property, with the kinds its value takes.
    pub properties: &'static [(&'static str, u8)],
    /// Properties whose value must be one of these constants.
    pub constants: &'static [(&'static str, &'static [Constant])],
}

/// The kinds a value is.
fn kind_of(value: &Value) -> u8 {
    match value {
        Value::Null => NULL,
        Value::Bool(_) => BOOL,
        Value::Number(n) if n.is_i64() || n.is_u64() => INTEGER | NUMBER,
        Value::Number(_) => NUMBER,
        Value::String(_) => STRING,
        Value::Array(_) => ARRAY,
        Value::Object(_) => OBJECT,
    }
}

/// How well `value` fits `member`: `None` when it cannot be one (another kind, or a required
/// property missing); else whether a property contradicts the member (a constant or kind that
/// differs) and how many declared properties it matches. Lower sorts first.
fn fit(value: &Value, member: &Member) -> Option<(bool, std::cmp::Reverse<usize>)> {
    if kind_of(value) & member.kinds == 0 {
        return None;
    }
    let Value::Object(object) = value else {
        let unknown = !member.values.is_empty() && !member.values.iter().any(|known| known.matches(value));
        return Some((unknown, std::cmp::Reverse(0)));
    };
    if member.required.iter().any(|name| !object.contains_key(*name)) {
        return None;
    }
    let constant_differs = member.constants.iter().any(|(name, allowed)| {
        object.get(*name).is_some_and(|held| !allowed.iter().any(|constant| constant.matches(held)))
    });
    let (mut matched, mut kind_differs) = (0, false);
    for (name, kinds) in member.properties {
        match object.get(*name) {
            Some(held) if kind_of(held) & kinds != 0 => matched += 1,
            Some(_) => kind_differs = true,
            None => {}
        }
    }
    Some((constant_differs || kind_differs, std::cmp::Reverse(matched)))
}

/// The members worth trying for `value`, best first: those that fit without contradiction, then
/// the others; among them, the one matching most declared properties, then declaration order.
pub fn ranked(value: &Value, members: &[Member]) -> Vec<usize> {
    let mut fits: Vec<(bool, std::cmp::Reverse<usize>, usize)> = members
        .iter()
        .enumerate()
        .filter_map(|(i, member)| fit(value, member).map(|(differs, matched)| (differs, matched, i)))
        .collect();
    fits.sort();
    fits.into_iter().map(|(_, _, i)| i).collect()
}

/// Decodes a union without a tag: the value is read once, then `member` is called with the index
/// of each member [`ranked`] lists until one decodes. When none does, the error names the union
/// and says why the best-ranked member refused the value.
pub fn decode_untagged<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    union: &'static str,
    members: &'static [Member],
    member: fn(usize, &Value) -> Result<T, serde_json::Error>,
) -> Result<T, D::Error> {
    let value = Value::deserialize(deserializer)?;
    pick(&value, union, members, member).map_err(serde::de::Error::custom)
}

fn pick<T>(
    value: &Value,
    union: &str,
    members: &[Member],
    member: fn(usize, &Value) -> Result<T, serde_json::Error>,
) -> Result<T, String> {
    let mut first_error = None;
    for index in ranked(value, members) {
        match member(index, value) {
            Ok(decoded) => return Ok(decoded),
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    Err(match first_error {
        Some(error) => format!("no member of `{union}` accepts this value; the closest says: {error}"),
        None => format!("no member of `{union}` can be {}", kind_name(value)),
    })
}

fn kind_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object without the properties a member requires",
    }
}

/// The tag of a JSON object, as a string or an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag<'v> {
    /// A string tag.
    Str(&'v str),
    /// An integer tag.
    Int(i64),
}

/// The tag property `tag` of a JSON object, when it holds a string or an integer.
pub fn tag_of<'v>(value: &'v Value, tag: &str) -> Option<Tag<'v>> {
    match value.get(tag)? {
        Value::String(text) => Some(Tag::Str(text)),
        held => held.as_i64().map(Tag::Int),
    }
}

/// Serialises a struct with a flattened union as one object: the variant's fields, then the
/// struct's own over them (so no key is written twice).
pub fn serialize_merged<O: Serialize, V: Serialize, S: Serializer>(
    own: &O,
    variant: &V,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut merged = match serde_json::to_value(variant).map_err(serde::ser::Error::custom)? {
        Value::Object(fields) => fields,
        other => return Err(serde::ser::Error::custom(format!("a flattened variant must be an object, not {other}"))),
    };
    if let Value::Object(fields) = serde_json::to_value(own).map_err(serde::ser::Error::custom)? {
        merged.extend(fields);
    }
    Value::Object(merged).serialize(serializer)
}

/// Serialises `variant`, adding `tag: tag_value` when the variant's own fields do not carry it.
pub fn serialize_with_tag<T: Serialize, S: Serializer>(
    variant: &T,
    tag: &str,
    tag_value: Constant,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut value = serde_json::to_value(variant).map_err(serde::ser::Error::custom)?;
    if let Value::Object(map) = &mut value {
        map.entry(tag.to_owned()).or_insert_with(|| tag_value.to_value());
    }
    value.serialize(serializer)
}

