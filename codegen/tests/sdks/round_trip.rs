//! Shared by the fixture SDKs' tests: JSON → type → JSON must give back the same value.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Decodes `json` as `T`, checks it encodes back to the same JSON value, and returns it.
pub fn round_trip<T: DeserializeOwned + Serialize + std::fmt::Debug>(json: Value) -> T {
    let typed: T = serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{json} does not decode: {e}"));
    let encoded = serde_json::to_value(&typed).unwrap_or_else(|e| panic!("{typed:?} does not encode: {e}"));
    assert_eq!(encoded, json, "round trip changed the value of {typed:?}");
    typed
}
