//! Same document, same bytes: twice in a row, and with its map keys in another order.

use codegen::Settings;
use serde_yaml::{Mapping, Value};

const SPEC: &str = include_str!("../../spec/humanloop.yaml");

fn generate(file: &str, text: &str) -> std::collections::BTreeMap<String, String> {
    codegen::generate(file, text, &Settings::new("spec.yaml")).unwrap_or_else(|d| panic!("{d:?}")).files
}

/// Reverses the keys of every map except `properties` (whose order is the struct's field order)
/// and `mapping`/`enum` lists, which are ordered by meaning.
fn reorder(value: Value, parent: &str) -> Value {
    match value {
        Value::Mapping(map) => {
            let keep = parent == "properties";
            let mut entries: Vec<(Value, Value)> = map
                .into_iter()
                .map(|(k, v)| {
                    let v = reorder(v, k.as_str().unwrap_or(""));
                    (k, v)
                })
                .collect();
            if !keep {
                entries.reverse();
            }
            Value::Mapping(entries.into_iter().collect::<Mapping>())
        }
        Value::Sequence(items) => Value::Sequence(items.into_iter().map(|v| reorder(v, "")).collect()),
        other => other,
    }
}

#[test]
fn generating_twice_gives_the_same_bytes() {
    assert_eq!(generate("spec.yaml", SPEC), generate("spec.yaml", SPEC));
}

#[test]
fn reordered_keys_give_the_same_bytes() {
    let value: Value = serde_yaml::from_str(SPEC).expect("spec parses");
    let reordered = serde_json::to_string_pretty(&reorder(value.clone(), "")).expect("json");
    let original = serde_json::to_string_pretty(&value).expect("json");
    assert!(reordered != original, "the test must actually reorder something");
    assert_eq!(generate("spec.json", &reordered), generate("spec.json", &original));
}
