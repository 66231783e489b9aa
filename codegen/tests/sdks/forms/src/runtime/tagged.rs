// @generated: copied by `cargo xtask regen` from codegen/runtime/src/runtime/tagged.rs. Edit that file instead.
//! Encoding and decoding of unions told apart by a tag property, keeping unknown tags.

use serde::{Serialize, Serializer};
use serde_json::Value;

/// The tag of a JSON object, if it has a string one.
pub fn tag_of<'v>(value: &'v Value, tag: &str) -> Option<&'v str> {
    value.get(tag).and_then(Value::as_str)
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
