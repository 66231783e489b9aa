// @generated: the runtime every generated crate carries (its tests run in the runtime crate). Do not edit.
//! Serde glue for fields that may be absent or null: `Option<Option<T>>` where `None` is absent
//! (not sent), `Some(None)` is an explicit `null` and `Some(Some(v))` a value.
//!
//! Used as `#[serde(default, skip_serializing_if = "Option::is_none", with = "crate::runtime::nullable")]`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Writes `null` for `Some(None)` and the value for `Some(Some(v))` (`None` is skipped by the field attribute).
pub fn serialize<T: Serialize, S: Serializer>(value: &Option<Option<T>>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(Some(v)) => v.serialize(serializer),
        _ => serializer.serialize_none(),
    }
}

/// Reads a present field: `null` → `Some(None)`, a value → `Some(Some(v))` (absent → `None` by `default`).
pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}
