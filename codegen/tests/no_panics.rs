//! No document reaches a panic: the generator is fed documents built at random from OpenAPI's
//! constructs (names chosen to be hostile, references that may dangle, unions, cycles, paths with
//! stray braces, streams with bad extensions) and the fixtures with random parts removed or
//! replaced. Every one must give generated files or diagnostics about the document (never the
//! generator's own failure, such as invalid Rust from the printer). The number of cases is bounded,
//! so the test runs in CI in seconds; `PROPTEST_CASES` raises it for a longer hunt.

use proptest::prelude::*;
use sdksmith::Settings;
use serde_json::{json, Map, Value};

/// Names that have broken generators: keywords, std and runtime names, case collisions, empty,
/// non-ASCII, digits first, punctuation.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "type",
            "self",
            "Self",
            "super",
            "crate",
            "_",
            "",
            "String",
            "Result",
            "Option",
            "Box",
            "Vec",
            "Error",
            "Client",
            "Response",
            "Send",
            "Sync",
            "Default",
            "into",
            "fmt",
            "new",
            "clone",
            "to_string",
            "sendJson",
            "send_json",
            "builder",
            "fooBar",
            "foo_bar",
            "FooBar",
            "1st",
            "日本",
            "é",
            "a-b",
            "a/b",
            "a~b",
            "{x}",
            "Unknown",
            "r#type",
            "__",
            "ErrorBody",
            "operations",
            "types",
            "runtime",
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z_ {}/~.-]{0,8}",
    ]
}

/// A schema of depth at most `depth`, referring to `names` (component names, some of which may
/// not exist).
fn schema(names: Vec<String>) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        prop::sample::select(vec!["string", "integer", "number", "boolean", "null", "object", "array", "bogus"])
            .prop_map(|t| json!({ "type": t })),
        (name(), name()).prop_map(|(a, b)| json!({ "type": "string", "enum": [a, b] })),
        prop::sample::select(vec!["password", "int32", "int64", "uint64", "float", "date-time", "binary"])
            .prop_map(|f| json!({ "type": "string", "format": f })),
        prop::sample::select(names).prop_map(|n| json!({ "$ref": format!("#/components/schemas/{n}") })),
        Just(json!({ "$ref": "#/paths/x" })),
        Just(json!({ "$ref": "other.yaml#/X" })),
        Just(json!(true)),
        Just(json!({})),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            (prop::collection::vec((name(), inner.clone()), 0..4), prop::collection::vec(name(), 0..3), any::<bool>())
                .prop_map(|(properties, required, nullable)| {
                    let properties: Map<String, Value> = properties.into_iter().collect();
                    json!({ "type": "object", "properties": properties, "required": required, "nullable": nullable })
                }),
            inner.clone().prop_map(|items| json!({ "type": "array", "items": items })),
            inner.clone().prop_map(|values| json!({ "type": "object", "additionalProperties": values })),
            (prop::sample::select(vec!["oneOf", "anyOf", "allOf"]), prop::collection::vec(inner.clone(), 0..4))
                .prop_map(|(kind, members)| json!({ kind: members })),
            (name(), prop::collection::vec(inner.clone(), 1..3))
                .prop_map(|(tag, members)| { json!({ "oneOf": members, "discriminator": { "propertyName": tag } }) }),
            (prop::collection::vec(inner.clone(), 1..3), inner)
                .prop_map(|(parts, own)| json!({ "allOf": parts, "properties": { "x": own }, "oneOf": [{}] })),
        ]
    })
}

/// An operation with parameters, a body and responses built from `names`' schemas.
fn operation(names: Vec<String>) -> impl Strategy<Value = Value> {
    let parameter =
        (name(), prop::sample::select(vec!["path", "query", "header", "cookie", "body"]), schema(names.clone()))
            .prop_map(|(name, location, schema)| json!({ "name": name, "in": location, "schema": schema }));
    let media = prop::sample::select(vec![
        "application/json",
        "text/plain",
        "application/octet-stream",
        "multipart/form-data",
        "application/x-www-form-urlencoded",
        "text/event-stream",
        "application/vnd.api+json",
    ]);
    let stream_path =
        prop::sample::select(vec!["", "/", "/data/*/output", "/x", "/*", "/data/*"]).prop_map(str::to_owned);
    (
        prop::option::of(name()),
        prop::collection::vec(parameter, 0..4),
        prop::option::of((media.clone(), schema(names.clone()), any::<bool>())),
        prop::collection::vec(
            (
                prop::sample::select(vec!["200", "201", "204", "2XX", "400", "4XX", "default", "302"]),
                media,
                schema(names),
            ),
            0..4,
        ),
        (prop::option::of(stream_path.clone()), prop::option::of(stream_path), prop::option::of(name())),
    )
        .prop_map(|(id, parameters, body, responses, (text, index, flag))| {
            let mut op = json!({ "parameters": parameters, "responses": {} });
            if let Some(id) = id {
                op["operationId"] = json!(id);
            }
            if let Some((media, schema, required)) = body {
                op["requestBody"] = json!({ "required": required, "content": { media: { "schema": schema } } });
            }
            for (status, media, schema) in responses {
                let mut content = json!({ "schema": schema });
                if media == "text/event-stream" {
                    content["x-event-data"] = schema;
                    content["x-stream-text"] = json!(text);
                    content["x-stream-index"] = json!(index);
                    content["x-stream-flag"] = json!(flag);
                    content["x-stream-done"] = json!("[DONE]");
                }
                op["responses"][status] = json!({ "description": "r", "content": { media: content } });
            }
            op
        })
}

/// A whole document.
fn document() -> impl Strategy<Value = Value> {
    prop::collection::vec(name(), 1..5).prop_flat_map(|names| {
        let schemas = prop::collection::vec(schema(names.clone()), names.len());
        let paths = prop::collection::vec(
            (
                prop::sample::select(vec!["/a", "/a/{id}", "b/{x}/{y}", "/{", "/}{", "", "/a/{id}/{id}", "/日本"]),
                prop::sample::select(vec!["get", "post", "put", "delete", "patch", "head", "options", "trace"]),
                operation(names.clone()),
            ),
            0..4,
        );
        (Just(names), schemas, paths).prop_map(|(names, schemas, paths)| {
            let schemas: Map<String, Value> = names.into_iter().zip(schemas).collect();
            let mut doc = json!({
                "openapi": "3.1.0",
                "info": { "title": "Fuzz", "version": "1" },
                "paths": {},
                "components": { "schemas": schemas, "securitySchemes": { "k": { "type": "apiKey", "in": "header", "name": "k" } } },
                "security": [{ "k": [] }],
            });
            for (path, method, op) in paths {
                doc["paths"][path][method] = op;
            }
            doc
        })
    })
}

/// Generation of `doc` returns (files or diagnostics) instead of panicking.
fn generates_or_explains(doc: &Value) -> Result<(), TestCaseError> {
    let text = serde_json::to_string_pretty(doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let outcome = std::panic::catch_unwind(|| sdksmith::generate("fuzz.json", &text, &Settings::new("fuzz.json")));
    match outcome {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(diagnostics)) => {
            prop_assert!(!diagnostics.is_empty(), "a rejection names its reasons");
            // Invalid Rust from the printer is the generator's bug, as much as a panic.
            let internal = diagnostics.iter().find(|d| d.message.starts_with(sdksmith::INTERNAL_ERROR));
            prop_assert!(internal.is_none(), "{} on:\n{text}", internal.map(ToString::to_string).unwrap_or_default());
            Ok(())
        }
        Err(_) => Err(TestCaseError::fail(format!("generate panicked on:\n{text}"))),
    }
}

/// The fixtures as JSON values, to mutate.
fn fixtures() -> Vec<Value> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut docs = Vec::new();
    for entry in std::fs::read_dir(dir).expect("fixtures").flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).expect("readable");
            let yaml = sdksmith::spec::yaml_value(&text).expect("fixtures are YAML");
            docs.push(serde_json::to_value(yaml).expect("fixtures are JSON-compatible"));
        }
    }
    docs.sort_by_key(|d: &Value| d.to_string());
    docs
}

/// Every node of `value` by its path of keys and indexes.
fn nodes(value: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(path.clone());
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            path.push(json!(k));
            nodes(v, path, out);
            path.pop();
        }),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| {
            path.push(json!(i));
            nodes(v, path, out);
            path.pop();
        }),
        _ => {}
    }
}

/// `doc` with the node at `path` removed (`None`) or replaced.
fn mutated(mut doc: Value, path: &[Value], replacement: Option<Value>) -> Value {
    let Some((last, parents)) = path.split_last() else { return replacement.unwrap_or(Value::Null) };
    let mut node = &mut doc;
    for step in parents {
        node = match step {
            Value::String(key) => &mut node[key.as_str()],
            _ => &mut node[step.as_u64().unwrap_or(0) as usize],
        };
    }
    match (node, last, replacement) {
        (Value::Object(map), Value::String(key), None) => {
            map.remove(key);
        }
        (Value::Array(items), index, None) => {
            let index = index.as_u64().unwrap_or(0) as usize;
            if index < items.len() {
                items.remove(index);
            }
        }
        (Value::Object(map), Value::String(key), Some(value)) => {
            map.insert(key.clone(), value);
        }
        (Value::Array(items), index, Some(value)) => {
            if let Some(item) = items.get_mut(index.as_u64().unwrap_or(0) as usize) {
                *item = value;
            }
        }
        _ => {}
    }
    doc
}

fn junk() -> impl Strategy<Value = Option<Value>> {
    prop::option::of(prop_oneof![
        Just(Value::Null),
        Just(json!("")),
        Just(json!(-1)),
        Just(json!([])),
        Just(json!({})),
        Just(json!({ "$ref": "#/components/schemas/Nope" })),
        Just(json!({ "$ref": "#" })),
        name().prop_map(Value::String),
    ])
}

/// 128 cases each, or `PROPTEST_CASES`.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(128)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn generated_documents_never_panic(doc in document()) {
        generates_or_explains(&doc)?;
    }

    #[test]
    fn mutated_fixtures_never_panic(which in any::<prop::sample::Index>(), node in any::<prop::sample::Index>(), replacement in junk()) {
        let docs = fixtures();
        let doc = which.get(&docs).clone();
        let mut paths = Vec::new();
        nodes(&doc, &mut Vec::new(), &mut paths);
        let path = node.get(&paths).clone();
        generates_or_explains(&mutated(doc, &path, replacement))?;
    }
}
