//! Every real payload captured from the API decodes into the generated types and encodes back to
//! the same JSON: nothing lost, nothing added (explicit `null`s included).

use humanloop::types::{
    ChatDeployedRequest, ChatRequest, ChatResponse, CompletionRequest, CompletionResponse, HumanloopErrorDetail,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::path::PathBuf;

fn examples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference/examples")
}

fn round_trip<T: DeserializeOwned + Serialize>(file: &str) -> T {
    let path = examples_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let original: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let typed: T = serde_json::from_value(original.clone()).unwrap_or_else(|e| panic!("{file} does not decode: {e}"));
    let encoded = serde_json::to_value(&typed).unwrap_or_else(|e| panic!("{file} does not encode: {e}"));
    assert_eq!(encoded, original, "{file} changed in a round trip");
    typed
}

#[test]
fn completion_responses_round_trip() {
    let simple: CompletionResponse = round_trip("completion__simple.response.json");
    assert!(!simple.data.is_empty());
    assert_eq!(simple.logprobs, Some(None), "explicit null stays distinct from absent");
    round_trip::<CompletionResponse>("completion__using-id-and-session.response.json");
}

#[test]
fn chat_responses_round_trip() {
    round_trip::<ChatResponse>("chat__simple.response.json");
    let tools: ChatResponse = round_trip("chat-deployed__ai-assistant-with-tools.response.json");
    let first = &tools.data[0];
    assert_eq!(first.finish_reason, Some(Some("tool_call".to_owned())));
    assert!(first.output_message.tool_calls.as_ref().and_then(|c| c.as_ref()).is_some_and(|c| !c.is_empty()));
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
    assert_eq!(detail.origin.as_deref(), Some("OpenAI"));
    assert_eq!(detail.code, Some(422));
}
