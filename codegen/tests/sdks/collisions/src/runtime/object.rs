// @generated: the runtime every generated crate carries (its tests run in the runtime crate). Do not edit.
//! The JSON-object encoding every generated struct shares, so each struct's `Serialize` and
//! `Deserialize` are one short function of calls into this module instead of serde's derive.
//!
//! Why: the derive expands each struct into a field enum, two visitors and a wrapper type per
//! field with custom glue; for an API with thousands of structs that expansion is most of what
//! the compiler checks, and most of its memory. Here each struct costs one line per field, and the
//! generic work is written (and checked) once.
//!
//! The price is a step through [`serde_json::Map`] when reading: a struct first takes its object
//! whole, then each field is read from its own value. Responses are read once and networks are
//! slower than that step.
//!
//! Presence follows the field's declaration:
//! - required: present (`missing field` otherwise);
//! - optional, or required but nullable: absent and `null` both read as `None`;
//! - optional and nullable (`Option<Option<T>>`): absent is `None` (not sent), `null` is
//!   `Some(None)` (sent as `null`).

use super::codec::Codec;
use serde::de::DeserializeOwned;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// The fields of an object being read into a struct; `E` is the deserializer's error.
///
/// A read that fails is kept (the first one) instead of returned, so a struct's `deserialize`
/// has one exit for all its fields, not one per field: the required ones are read into a
/// `let … else`, the others in place, and [`end`](Self::end) reports what failed.
pub struct Fields<E> {
    map: Map<String, Value>,
    error: Option<E>,
}

impl<E: serde::de::Error> Fields<E> {
    /// Reads an object (anything else is an error naming the struct).
    pub fn read<'de, D: Deserializer<'de, Error = E>>(deserializer: D, type_name: &'static str) -> Result<Self, E> {
        match Value::deserialize(deserializer)? {
            Value::Object(map) => Ok(Fields { map, error: None }),
            other => Err(E::custom(format_args!("invalid type: {}, expected {type_name} (an object)", kind(&other)))),
        }
    }

    fn fail<T>(&mut self, error: E) -> Option<T> {
        self.error.get_or_insert(error);
        None
    }

    fn decode<T: DeserializeOwned>(&mut self, name: &str, value: Value) -> Option<T> {
        match T::deserialize(value) {
            Ok(value) => Some(value),
            Err(error) => self.fail(E::custom(format_args!("field `{name}`: {error}"))),
        }
    }

    /// A field that must be present; `None` when it is missing or invalid.
    pub fn required<T: DeserializeOwned>(&mut self, name: &'static str) -> Option<T> {
        match self.map.remove(name) {
            Some(value) => self.decode(name, value),
            None => self.fail(E::missing_field(name)),
        }
    }

    /// A field that may be absent or `null`: both are `None` (so is an invalid value, which
    /// [`end`](Self::end) then reports).
    pub fn optional<T: DeserializeOwned>(&mut self, name: &'static str) -> Option<T> {
        match self.map.remove(name) {
            None | Some(Value::Null) => None,
            Some(value) => self.decode(name, value),
        }
    }

    /// A field that may be absent (`None`) or `null` (`Some(None)`).
    pub fn nullable<T: DeserializeOwned>(&mut self, name: &'static str) -> Option<Option<T>> {
        match self.map.remove(name) {
            None => None,
            Some(Value::Null) => Some(None),
            Some(value) => self.decode(name, value).map(Some),
        }
    }

    /// A field that must be present, read by codec `C` (a wire form other than the type's own).
    pub fn required_as<C: Codec>(&mut self, name: &'static str) -> Option<C::Value> {
        match self.map.remove(name) {
            Some(value) => self.decode_as::<C>(name, value),
            None => self.fail(E::missing_field(name)),
        }
    }

    /// A field that may be absent or `null`, read by codec `C`.
    pub fn optional_as<C: Codec>(&mut self, name: &'static str) -> Option<C::Value> {
        match self.map.remove(name) {
            None | Some(Value::Null) => None,
            Some(value) => self.decode_as::<C>(name, value),
        }
    }

    /// A field that may be absent (`None`) or `null` (`Some(None)`), read by codec `C`.
    pub fn nullable_as<C: Codec>(&mut self, name: &'static str) -> Option<Option<C::Value>> {
        match self.map.remove(name) {
            None => None,
            Some(Value::Null) => Some(None),
            Some(value) => self.decode_as::<C>(name, value).map(Some),
        }
    }

    fn decode_as<C: Codec>(&mut self, name: &str, value: Value) -> Option<C::Value> {
        match C::decode(value) {
            Ok(value) => Some(value),
            Err(error) => self.fail(E::custom(format_args!("field `{name}`: {error}"))),
        }
    }

    /// The fields no declared one took.
    pub fn rest(&mut self) -> Map<String, Value> {
        std::mem::take(&mut self.map)
    }

    /// Why a required field came back `None`.
    pub fn failure(&mut self) -> E {
        self.error.take().unwrap_or_else(|| E::custom("a required field is invalid"))
    }

    /// `value`, unless a read failed.
    pub fn end<T>(self, value: T) -> Result<T, E> {
        match self.error {
            Some(error) => Err(error),
            None => Ok(value),
        }
    }
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

/// An object being written from a struct. A failed write is kept and returned by
/// [`end`](Self::end), and later writes are skipped: the struct's `serialize` is then a list of
/// plain calls, with no early return after each.
pub struct Object<S: Serializer> {
    map: Result<S::SerializeMap, S::Error>,
}

impl<S: Serializer> Object<S> {
    /// Starts the object.
    pub fn start(serializer: S) -> Self {
        Object { map: serializer.serialize_map(None) }
    }

    fn write<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        if let Ok(map) = &mut self.map {
            if let Err(error) = map.serialize_entry(name, value) {
                self.map = Err(error);
            }
        }
    }

    /// A field always written (`null` for a required but nullable field's `None`).
    pub fn field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        self.write(name, value);
    }

    /// A field written only when set.
    pub fn optional<T: Serialize>(&mut self, name: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.write(name, value);
        }
    }

    /// A field written when set, as `null` for `Some(None)`.
    pub fn nullable<T: Serialize>(&mut self, name: &str, value: &Option<Option<T>>) {
        if let Some(value) = value {
            self.write(name, value);
        }
    }

    /// A field always written, by codec `C`.
    pub fn field_as<C: Codec>(&mut self, name: &str, value: &C::Value) {
        self.write(name, &C::encode(value));
    }

    /// A field written only when set, by codec `C`.
    pub fn optional_as<C: Codec>(&mut self, name: &str, value: &Option<C::Value>) {
        if let Some(value) = value {
            self.write(name, &C::encode(value));
        }
    }

    /// A field written when set, as `null` for `Some(None)`, by codec `C`.
    pub fn nullable_as<C: Codec>(&mut self, name: &str, value: &Option<Option<C::Value>>) {
        match value {
            Some(Some(value)) => self.write(name, &C::encode(value)),
            Some(None) => self.write(name, &Value::Null),
            None => {}
        }
    }

    /// Writes the fields the struct kept without declaring them.
    pub fn rest(&mut self, rest: &Map<String, Value>) {
        for (name, value) in rest {
            self.write(name, value);
        }
    }

    /// Ends the object, or returns the first write that failed.
    pub fn end(self) -> Result<S::Ok, S::Error> {
        self.map?.end()
    }
}

