// @generated: copied by `cargo xtask regen` from codegen/runtime/src/runtime/tagged.rs. Edit that file instead.
//! Encoding and decoding of unions told apart by a tag property, keeping unknown tags.

use serde::{Serialize, Serializer};
use serde_json::Value;

/// The tag of a JSON object, if it has a string one.
pub fn tag_of<'v>(value: &'v Value, tag: &str) -> Option<&'v str> {
    value.get(tag).and_then(Value::as_str)
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
    tag_value: &str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut value = serde_json::to_value(variant).map_err(serde::ser::Error::custom)?;
    if let Value::Object(map) = &mut value {
        map.entry(tag.to_owned()).or_insert_with(|| Value::String(tag_value.to_owned()));
    }
    value.serialize(serializer)
}
