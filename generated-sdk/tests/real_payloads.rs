//! Every real payload captured from the API decodes into the generated types and encodes back to
//! the same JSON: nothing lost, nothing added, nothing changed (explicit `null`s included).
//!
//! The payloads are in `tests/data/` (see its README for where each one comes from). The only
//! loss a round trip may show is an object key the document does not declare, and only if it is
//! listed in [`UNDECLARED`] with the reason it is acceptable.

use humanloop::types::{
    ChatDeployedRequest, ChatRequest, ChatResponse, CompletionRequest, CompletionResponse, HumanloopErrorDetail,
    HumanloopErrorResponse,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::cell::RefCell;
use std::path::PathBuf;

/// Keys a real payload carries that the document does not declare, so a round trip drops them:
/// `(file, JSON path of the dropped key, why that is acceptable)`.
///
/// Empty: the document declares every field the real payloads send, and every struct keeps
/// undeclared ones in its `extra` map anyway. Untyped parts of a response
/// (`provider_responses`, `provider_request`, `inputs`, `metadata`) are kept whole as JSON values,
/// so the providers' own fields inside them never need an entry here.
const UNDECLARED: &[(&str, &str, &str)] = &[];

fn data_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data"))
}

fn read(file: &str) -> Value {
    let path = data_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Every difference between `original` and `encoded`, each with its JSON path: keys dropped (in
/// `dropped`, for the caller to check against the allow-list), and keys added or values changed
/// (in `changed`, always an error). Numbers compare exactly: `1` and `1.0` differ.
fn diff(original: &Value, encoded: &Value, path: &str, dropped: &mut Vec<String>, changed: &mut Vec<String>) {
    match (original, encoded) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let here = format!("{path}.{key}");
                match b.get(key) {
                    Some(other) => diff(value, other, &here, dropped, changed),
                    None => dropped.push(here),
                }
            }
            for key in b.keys().filter(|key| !a.contains_key(*key)) {
                changed.push(format!("{path}.{key}: added by the round trip"));
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                diff(x, y, &format!("{path}[{i}]"), dropped, changed);
            }
        }
        _ if original == encoded => {}
        _ => changed.push(format!("{path}: {original} became {encoded}")),
    }
}

thread_local! {
    /// Allow-list entries a test used, so that a stale entry fails instead of lingering.
    static USED: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

/// Decodes `value` as `T`, encodes it back and fails on any difference other than an
/// allow-listed undeclared key.
fn round_trip_value<T: DeserializeOwned + Serialize>(file: &str, original: &Value) -> T {
    let typed: T = serde_json::from_value(original.clone()).unwrap_or_else(|e| panic!("{file} does not decode: {e}"));
    let encoded = serde_json::to_value(&typed).unwrap_or_else(|e| panic!("{file} does not encode: {e}"));
    let (mut dropped, mut changed) = (Vec::new(), Vec::new());
    diff(original, &encoded, "$", &mut dropped, &mut changed);
    for path in dropped {
        if UNDECLARED.iter().any(|(f, p, _)| *f == file && *p == path) {
            USED.with(|used| used.borrow_mut().push((file.to_owned(), path)));
        } else {
            changed.push(format!("{path}: dropped by the round trip (undeclared, or null but not nullable)"));
        }
    }
    assert!(changed.is_empty(), "{file} changed in a round trip:\n  {}", changed.join("\n  "));
    typed
}

fn round_trip<T: DeserializeOwned + Serialize>(file: &str) -> T {
    round_trip_value(file, &read(file))
}

/// Fails if an allow-list entry for one of `files` was not needed by the round trips above it.
fn no_stale_entries(files: &[&str]) {
    let used = USED.with(|used| used.borrow().clone());
    for (file, path, why) in UNDECLARED.iter().filter(|(f, _, _)| files.contains(f)) {
        assert!(
            used.iter().any(|(f, p)| f == file && p == path),
            "UNDECLARED lists {file} {path} ({why}), but the round trip keeps it: remove the entry"
        );
    }
}

#[test]
fn completion_responses_round_trip() {
    let simple: CompletionResponse = round_trip("completion__simple.response.json");
    assert!(!simple.data.is_empty());
    assert_eq!(simple.logprobs, Some(None), "explicit null stays distinct from absent");
    round_trip::<CompletionResponse>("completion__using-id-and-session.response.json");
    no_stale_entries(&["completion__simple.response.json", "completion__using-id-and-session.response.json"]);
}

#[test]
fn chat_responses_round_trip() {
    round_trip::<ChatResponse>("chat__simple.response.json");
    let tools: ChatResponse = round_trip("chat-deployed__ai-assistant-with-tools.response.json");
    let first = &tools.data[0];
    assert_eq!(first.finish_reason, Some(Some("tool_call".to_owned())));
    assert!(first.output_message.tool_calls.as_ref().and_then(|c| c.as_ref()).is_some_and(|c| !c.is_empty()));
    no_stale_entries(&["chat__simple.response.json", "chat-deployed__ai-assistant-with-tools.response.json"]);
}

/// A field the server adds later survives a round trip, at the top and deep inside, and can be
/// read from `extra`.
#[test]
fn fields_the_document_does_not_declare_are_kept() {
    let mut payload = read("chat-deployed__ai-assistant-with-tools.response.json");
    payload["served_by"] = serde_json::json!({"region": "eu", "ms": 12});
    payload["data"][0]["output_message"]["annotations"] = serde_json::json!([{"kind": "cite"}]);
    let typed: ChatResponse = round_trip_value("chat-deployed__ai-assistant-with-tools.response.json", &payload);
    assert_eq!(typed.extra["served_by"]["region"], "eu");
    assert_eq!(typed.data[0].output_message.extra["annotations"][0]["kind"], "cite");
    assert!(typed.data[0].extra.is_empty(), "declared fields never land in extra");
}

#[test]
fn requests_round_trip() {
    round_trip::<CompletionRequest>("completion__simple.request.json");
    round_trip::<CompletionRequest>("completion__using-id-and-session.request.json");
    round_trip::<ChatRequest>("chat__simple.request.json");
    round_trip::<ChatDeployedRequest>("chat-deployed__ai-assistant-with-tools.request.json");
}

#[test]
fn provider_error_detail_decodes() {
    let detail: HumanloopErrorDetail = round_trip("error-provider.detail.json");
    assert_eq!(detail.origin.clone().flatten().as_deref(), Some("OpenAI"));
    assert_eq!(detail.code, Some(Some(422)));
    // The body of such an error wraps the object in `detail`.
    let body = serde_json::json!({ "detail": read("error-provider.detail.json") });
    let response: HumanloopErrorResponse = round_trip_value("error-provider.detail.json", &body);
    assert_eq!(response.detail, detail);
    no_stale_entries(&["error-provider.detail.json"]);
}

/// The comparison itself: a dropped `null`, a changed value and an added key are all caught.
#[test]
fn the_comparison_sees_every_kind_of_difference() {
    let original = serde_json::json!({ "a": null, "b": [1, { "c": 1.0 }], "d": "x" });
    let encoded = serde_json::json!({ "b": [1, { "c": 1 }], "d": "x", "e": true });
    let (mut dropped, mut changed) = (Vec::new(), Vec::new());
    diff(&original, &encoded, "$", &mut dropped, &mut changed);
    assert_eq!(dropped, ["$.a"]);
    assert_eq!(changed, ["$.b[1].c: 1.0 became 1", "$.e: added by the round trip"]);
    let (mut dropped, mut changed) = (Vec::new(), Vec::new());
    diff(&serde_json::json!([1, 2]), &serde_json::json!([1]), "$", &mut dropped, &mut changed);
    assert!(dropped.is_empty());
    assert_eq!(changed, ["$: [1,2] became [1]"]);
}
