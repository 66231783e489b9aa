//! Same document, same bytes: twice in a row, and with its map keys in another order, for every
//! fixture.

use sdksmith::Settings;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeMap;

fn fixtures() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("fixtures folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).expect("readable")))
        .collect();
    out.sort();
    assert!(out.len() >= 5, "fixtures are found");
    out
}

fn generate(file: &str, text: &str) -> BTreeMap<String, String> {
    sdksmith::generate(file, text, &Settings::new("spec.yaml")).unwrap_or_else(|d| panic!("{d:?}")).files
}

/// Reverses the keys of every map except `properties` (whose order is the struct's field order).
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
    for (file, text) in fixtures() {
        assert!(generate(&file, &text) == generate(&file, &text), "{file} is not deterministic");
    }
}

#[test]
fn reordered_keys_give_the_same_bytes() {
    for (file, text) in fixtures() {
        let value: Value = sdksmith::spec::yaml_value(&text).expect("fixture parses");
        let reordered = serde_json::to_string_pretty(&reorder(value.clone(), "")).expect("json");
        let original = serde_json::to_string_pretty(&value).expect("json");
        assert!(reordered != original, "{file}: the test must actually reorder something");
        assert!(
            generate("spec.json", &reordered) == generate("spec.json", &original),
            "{file}: key order changed the output"
        );
    }
}
