// @generated: the runtime every generated crate carries (its tests run in the runtime crate). Do not edit.
//! How a value whose wire form is not its type's own serde form is read and written: a
//! base64 string as bytes, an integer sent as a string, and (in the modules copied only into the
//! crates that use them) a decimal sent as a JSON number or a date in `time`'s types.
//!
//! A codec is a type: the field `Vec<Option<i64>>` of a document that sends the integers as
//! strings is read with `List<Nullable<I64String>>`, so the Rust type stays the plain one users
//! expect, whatever nests it.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::marker::PhantomData;

/// Reads and writes values of one Rust type in one wire form.
pub trait Codec {
    /// The Rust type.
    type Value;
    /// The value in `json`, or why it is not one.
    fn decode(json: Value) -> Result<Self::Value, String>;
    /// The value as JSON.
    fn encode(value: &Self::Value) -> Value;
}

/// A value in its own serde form.
pub struct Plain<T>(PhantomData<T>);

impl<T: Serialize + DeserializeOwned> Codec for Plain<T> {
    type Value = T;
    fn decode(json: Value) -> Result<T, String> {
        serde_json::from_value(json).map_err(|e| e.to_string())
    }
    fn encode(value: &T) -> Value {
        serde_json::to_value(value).unwrap_or(Value::Null)
    }
}

/// A list of values of codec `C`.
pub struct List<C>(PhantomData<C>);

impl<C: Codec> Codec for List<C> {
    type Value = Vec<C::Value>;
    fn decode(json: Value) -> Result<Self::Value, String> {
        match json {
            Value::Array(items) => items.into_iter().map(C::decode).collect(),
            other => Err(format!("invalid type: {}, expected a list", kind(&other))),
        }
    }
    fn encode(value: &Self::Value) -> Value {
        Value::Array(value.iter().map(C::encode).collect())
    }
}

/// A value of codec `C` or `null`.
pub struct Nullable<C>(PhantomData<C>);

impl<C: Codec> Codec for Nullable<C> {
    type Value = Option<C::Value>;
    fn decode(json: Value) -> Result<Self::Value, String> {
        match json {
            Value::Null => Ok(None),
            other => C::decode(other).map(Some),
        }
    }
    fn encode(value: &Self::Value) -> Value {
        value.as_ref().map_or(Value::Null, C::encode)
    }
}

/// A map from names to values of codec `C`.
pub struct Map<C>(PhantomData<C>);

impl<C: Codec> Codec for Map<C> {
    type Value = std::collections::BTreeMap<String, C::Value>;
    fn decode(json: Value) -> Result<Self::Value, String> {
        match json {
            Value::Object(entries) => entries.into_iter().map(|(k, v)| Ok((k, C::decode(v)?))).collect(),
            other => Err(format!("invalid type: {}, expected a map", kind(&other))),
        }
    }
    fn encode(value: &Self::Value) -> Value {
        Value::Object(value.iter().map(|(k, v)| (k.clone(), C::encode(v))).collect())
    }
}

/// A boxed value of codec `C`.
pub struct Boxed<C>(PhantomData<C>);

impl<C: Codec> Codec for Boxed<C> {
    type Value = Box<C::Value>;
    fn decode(json: Value) -> Result<Self::Value, String> {
        C::decode(json).map(Box::new)
    }
    fn encode(value: &Self::Value) -> Value {
        C::encode(value)
    }
}

/// Bytes sent as a base64 string (`format: byte`). Reading accepts the standard and URL-safe
/// alphabets, padded or not; writing uses the standard alphabet, padded.
pub struct Base64;

impl Codec for Base64 {
    type Value = Vec<u8>;
    fn decode(json: Value) -> Result<Vec<u8>, String> {
        use base64::Engine;
        let Value::String(text) = json else { return Err(format!("invalid type: {}, expected base64 text", kind(&json))) };
        let trimmed = text.trim_end_matches('=');
        let engines = [base64::engine::general_purpose::STANDARD_NO_PAD, base64::engine::general_purpose::URL_SAFE_NO_PAD];
        engines
            .iter()
            .find_map(|engine| engine.decode(trimmed).ok())
            .ok_or_else(|| format!("invalid base64 text: {:?}", excerpt(&text)))
    }
    fn encode(value: &Vec<u8>) -> Value {
        use base64::Engine;
        Value::String(base64::engine::general_purpose::STANDARD.encode(value))
    }
}

/// An integer sent as a string (`type: string, format: int64`); a number is read too.
pub struct I64String;

impl Codec for I64String {
    type Value = i64;
    fn decode(json: Value) -> Result<i64, String> {
        match &json {
            Value::String(text) => text.trim().parse().map_err(|_| format!("invalid integer text: {:?}", excerpt(text))),
            Value::Number(n) => n.as_i64().ok_or_else(|| format!("{n} is not a 64-bit integer")),
            other => Err(format!("invalid type: {}, expected an integer as text", kind(other))),
        }
    }
    fn encode(value: &i64) -> Value {
        Value::String(value.to_string())
    }
}

/// `value` written by codec `C`, for a parameter or a body.
pub fn encoded<C: Codec>(value: &C::Value) -> Value {
    C::encode(value)
}

/// A value of codec `C` read through serde (a union's member, a field of a derived struct).
pub fn deserialize<'de, D: serde::Deserializer<'de>, C: Codec>(deserializer: D) -> Result<C::Value, D::Error> {
    use serde::Deserialize;
    C::decode(Value::deserialize(deserializer)?).map_err(serde::de::Error::custom)
}

/// A value of codec `C` written through serde.
pub fn serialize<S: serde::Serializer, C: Codec>(value: &C::Value, serializer: S) -> Result<S::Ok, S::Error> {
    C::encode(value).serialize(serializer)
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn excerpt(text: &str) -> String {
    text.chars().take(40).collect()
}

