//! Readers of validation keywords (`minItems`, `maximum`, `pattern`, …) that never fail: a value of
//! another type (`minItems: "1"`, `maximum: null`, a list, a map) is read as absent. The generator
//! only uses these keywords to describe values, so an oddly written one must cost its meaning, never
//! the whole document.

use super::Exclusive;
use serde::de::{Deserialize, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use serde_json::Number;
use serde_yaml::Value;
use std::fmt;

/// A count (`minItems`, `maxLength`): a non-negative integer, also written as `2.0`.
pub(super) fn count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    Ok(number_of(&any(deserializer)).and_then(|n| {
        n.as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0 && f.fract() == 0.0 && *f < u64::MAX as f64).map(|f| f as u64))
    }))
}

/// A number (`minimum`, `multipleOf`), kept exact when it is an integer.
pub(super) fn number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Number>, D::Error> {
    Ok(number_of(&any(deserializer)))
}

/// `exclusiveMinimum` / `exclusiveMaximum`: a 3.0 flag or a 3.1 bound.
pub(super) fn exclusive<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Exclusive>, D::Error> {
    let value = any(deserializer);
    Ok(match value {
        Value::Bool(flag) => Some(Exclusive::Flag(flag)),
        _ => number_of(&value).map(Exclusive::Bound),
    })
}

/// A flag (`uniqueItems`): anything but `true` is false.
pub(super) fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(matches!(any(deserializer), Value::Bool(true)))
}

/// Text (`pattern`).
pub(super) fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match any(deserializer) {
        Value::String(text) => Some(text),
        _ => None,
    })
}

/// Whatever is written, kept to be read later (an extension's value); `null` is absent.
pub(super) fn value<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Ok(Some(any(deserializer)).filter(|value| !value.is_null()))
}

/// The string keys of a map (a response's `headers`); anything else has none.
pub(super) fn keys<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    Ok(match any(deserializer) {
        Value::Mapping(map) => map.keys().filter_map(|key| key.as_str().map(str::to_owned)).collect(),
        _ => Vec::new(),
    })
}

/// Whatever is written, or null when it cannot be read as a value (JSON's `1e400`, out of
/// `f64`'s range): that number is then skipped like any other unreadable keyword. An integer
/// beyond 64 bits (YAML's `-9223372036854776000`) is read as the float it is near, never a
/// failed document.
fn any<'de, D: Deserializer<'de>>(deserializer: D) -> Value {
    Whole::deserialize(deserializer).map_or(Value::Null, |whole| whole.0)
}

/// A whole YAML or JSON document as a `serde_yaml::Value` (to edit it: overlays), where an
/// integer beyond 64 bits, which that type cannot hold, becomes the float it is near instead of
/// failing the document.
pub fn yaml_value(text: &str) -> Result<Value, serde_yaml::Error> {
    serde_yaml::from_str::<Whole>(text).map(|whole| whole.0)
}

/// Any value, read by [`WholeVisitor`].
struct Whole(Value);

impl<'de> Deserialize<'de> for Whole {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(WholeVisitor).map(Whole)
    }
}

struct WholeVisitor;

impl<'de> Visitor<'de> for WholeVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(Value::from(v as f64))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(Value::from(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        Whole::deserialize(deserializer).map(|whole| whole.0)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Whole(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = serde_yaml::Mapping::new();
        while let Some((Whole(key), Whole(value))) = map.next_entry()? {
            entries.insert(key, value);
        }
        Ok(Value::Mapping(entries))
    }
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        // A YAML tag (`!tagged 3`), kept as one.
        let (tag, variant): (String, _) = data.variant()?;
        let Whole(value) = variant.newtype_variant()?;
        Ok(Value::Tagged(Box::new(serde_yaml::value::TaggedValue { tag: serde_yaml::value::Tag::new(tag), value })))
    }
}

/// A finite number, as JSON has it.
fn number_of(value: &Value) -> Option<Number> {
    let Value::Number(n) = value else { return None };
    if let Some(u) = n.as_u64() {
        return Some(Number::from(u));
    }
    if let Some(i) = n.as_i64() {
        return Some(Number::from(i));
    }
    n.as_f64().and_then(Number::from_f64)
}

#[cfg(test)]
mod tests {
    use crate::spec::{load, Document, Exclusive, SchemaObject};
    use serde_json::Number;

    fn schema<'d>(doc: &'d Document, name: &str) -> &'d SchemaObject {
        &doc.components.schemas.get(name).expect("the schema is in the document").body
    }

    #[test]
    fn keywords_are_read_in_both_versions_forms() {
        let text = r"
openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Old: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 2.5, multipleOf: 0.5}
    New: {type: integer, exclusiveMinimum: -3, exclusiveMaximum: 9007199254740993}
    List: {type: array, minItems: 1, maxItems: 2.0, uniqueItems: true}
    Text: {type: string, minLength: 2, maxLength: 8, pattern: '^a+$'}
";
        let doc = load("t.yaml", text).expect("loads");
        let old = schema(&doc, "Old");
        assert_eq!(old.minimum, Some(Number::from(0)));
        assert_eq!(old.exclusive_minimum, Some(Exclusive::Flag(true)));
        assert_eq!(old.maximum, Number::from_f64(2.5));
        assert_eq!(old.multiple_of, Number::from_f64(0.5));
        let new = schema(&doc, "New");
        assert_eq!(new.exclusive_minimum, Some(Exclusive::Bound(Number::from(-3))));
        assert_eq!(
            new.exclusive_maximum,
            Some(Exclusive::Bound(Number::from(9_007_199_254_740_993_u64))),
            "integers stay exact"
        );
        let list = schema(&doc, "List");
        assert_eq!((list.min_items, list.max_items, list.unique_items), (Some(1), Some(2), true));
        let text = schema(&doc, "Text");
        assert_eq!((text.min_length, text.max_length, text.pattern.as_deref()), (Some(2), Some(8), Some("^a+$")));
    }

    #[test]
    fn oddly_written_keywords_are_ignored_not_fatal() {
        let text = r"
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Odd:
      type: array
      minItems: x
      maxItems: [1]
      minLength: {a: 1}
      maxLength: -1
      minimum: '1'
      maximum: null
      exclusiveMinimum: yes please
      exclusiveMaximum: !tagged 3
      multipleOf: .nan
      uniqueItems: 'true'
      pattern: 5
      items: {type: string, minItems: 1.5}
";
        let doc = load("t.yaml", text).expect("loads");
        let odd = schema(&doc, "Odd");
        assert_eq!((odd.min_items, odd.max_items, odd.min_length, odd.max_length), (None, None, None, None));
        assert_eq!((&odd.minimum, &odd.maximum, &odd.multiple_of), (&None, &None, &None));
        assert_eq!((&odd.exclusive_minimum, &odd.exclusive_maximum), (&None, &None));
        assert!(!odd.unique_items);
        assert_eq!(odd.pattern, None);
        assert!(odd.items.as_ref().is_some_and(|items| items.body.min_items.is_none()), "a fraction is no count");
    }

    #[test]
    fn an_integer_beyond_64_bits_in_yaml_is_read_as_the_float_it_is_near() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    \
                    Id: {type: integer, minimum: -9223372036854776000, maximum: 18446744073709551616, \
                    example: 9223372036854776000}\n";
        let doc = load("t.yaml", text).expect("loads");
        let id = schema(&doc, "Id");
        assert_eq!(id.minimum.as_ref().and_then(Number::as_f64), Some(-9_223_372_036_854_776_000.0));
        assert_eq!(id.maximum.as_ref().and_then(Number::as_f64), Some(18_446_744_073_709_551_616.0));
    }

    #[test]
    fn a_document_with_integers_beyond_64_bits_reads_as_a_value() {
        let value = super::yaml_value("a: {min: -9223372036854776000, list: [1, x, !t 2]}\n").expect("reads");
        assert_eq!(value["a"]["min"].as_f64(), Some(-9_223_372_036_854_776_000.0));
        assert_eq!(value["a"]["list"][1].as_str(), Some("x"));
        assert!(matches!(&value["a"]["list"][2], serde_yaml::Value::Tagged(_)));
    }

    #[test]
    fn a_number_out_of_range_in_json_is_skipped() {
        let text = r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
            "components": {"schemas": {"Big": {"maximum": 1e400, "minimum": 1, "type": "number"}}}}"#;
        let doc = load("t.json", text).expect("loads");
        let big = schema(&doc, "Big");
        assert_eq!(big.maximum, None);
        assert_eq!(big.minimum, Some(Number::from(1)), "the keys after it are still read");
        assert_eq!(big.types.0, ["number"]);
    }
}
