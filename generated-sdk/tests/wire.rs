//! The SDK on a real socket: what each operation sends, streaming, retries, errors, timeouts and
//! secrets, against a scripted server on 127.0.0.1.

mod common;
mod support;

use common::{builder, client, user, CHAT, KEY};
use futures_util::StreamExt;
use humanloop::types::{ChatRole, ModelConfigChatRequest, ModelConfigCompletionRequest, ToolChoiceParamEnum};
use humanloop::{Client, Error, ErrorBody, TimeoutKind};
use std::time::Duration;
use support::{Recorded, Reply, Server};

const COMPLETION: &str = r#"{"data":[{"id":"data_1","index":0,"output":"Hi","raw_output":"Hi","inputs":{},"model_config_id":"prv_1"}],"provider_responses":[]}"#;

/// Method, path, the headers that matter and the JSON body, for snapshots.
fn describe(request: &Recorded) -> serde_json::Value {
    serde_json::json!({
        "request": format!("{} {}", request.method, request.path),
        "x-api-key": request.header("x-api-key"),
        "content-type": request.header("content-type"),
        "accept": request.header("accept"),
        "user-agent": request.header("user-agent").map(|ua| ua.split('/').next().unwrap_or("").to_owned()),
        "body": request.json(),
    })
}

#[tokio::test]
async fn every_operation_sends_its_method_path_headers_and_body() {
    let chat = Server::start(vec![Reply::json(200, CHAT)]).await;
    let hl = client(&chat);
    let config = ModelConfigChatRequest::new("gpt-4o").temperature(0.2);
    hl.chat([user("Hello")], config.clone())
        .project("demo")
        .tool_choice(ToolChoiceParamEnum::Auto)
        .send()
        .await
        .expect("chat");
    hl.chat_deployed([user("Hello")]).environment("production").send().await.expect("chat_deployed");
    hl.chat_model_config([user("Hello")], "prv_123").send().await.expect("chat_model_config");
    hl.chat_experiment([user("Hello")], "exp_1").num_samples(2).send().await.expect("chat_experiment");
    let completion = Server::start(vec![Reply::json(200, COMPLETION)]).await;
    let hl = client(&completion);
    let config = ModelConfigCompletionRequest::new("gpt-3.5-turbo-instruct").prompt_template("Say {{x}}");
    hl.completion(config)
        .inputs([("x".to_owned(), serde_json::json!("hi"))].into_iter().collect::<std::collections::BTreeMap<_, _>>())
        .send()
        .await
        .expect("completion");
    hl.completion_deployed().project_id("pr_1").send().await.expect("completion_deployed");
    hl.completion_model_config("prv_123").logprobs(2).send().await.expect("completion_model_config");
    hl.completion_experiment("exp_1").suffix("!").send().await.expect("completion_experiment");
    let sent: Vec<serde_json::Value> =
        chat.recorded().iter().chain(completion.recorded().iter()).map(describe).collect();
    insta::assert_json_snapshot!(sent);
}

#[tokio::test]
async fn stream_yields_typed_chunks_across_crlf_and_split_bytes() {
    let event = |text: &str, finish: &str| {
        format!("data: {{\"data\":[{{\"id\":\"data_1\",\"index\":0,\"output\":\"{text}\",\"raw_output\":\"{text}\",\"inputs\":{{}},\"model_config_id\":\"prv_1\",\"finish_reason\":{finish}}}],\"provider_responses\":[]}}\r\n\r\n")
    };
    let body =
        format!(": keep-alive\r\n\r\n{}{}{}", event("Ah", "null"), event("oy ", "null"), event("é!", "\"stop\""));
    // Chunks of 7 bytes split lines, CRLF pairs and the two bytes of `é`.
    let chunks = body.as_bytes().chunks(7).map(<[u8]>::to_vec).collect();
    let server = Server::start(vec![Reply::sse(chunks)]).await;
    let stream = client(&server).completion_deployed().stream().await.expect("stream starts");
    assert_eq!(stream.status(), 200);
    let text = stream.collect_text().await.expect("stream completes");
    assert_eq!(text, ["Ahoy é!"]);
    let sent = &server.recorded()[0];
    assert_eq!(sent.json()["stream"], true, "stream() asks for events");
    assert_eq!(sent.header("accept"), Some("text/event-stream"));
}

#[tokio::test]
async fn samples_streamed_independently_are_folded_by_their_index() {
    let event = |index: u32, text: &str| {
        format!("data: {{\"data\":[{{\"id\":\"data_{index}\",\"index\":{index},\"output\":\"{text}\",\"raw_output\":\"{text}\",\"model_config_id\":\"prv_1\",\"output_message\":{{\"role\":\"assistant\"}}}}],\"provider_responses\":[]}}\n\n")
    };
    let body = [event(1, "Wor"), event(0, "Hel"), event(0, "lo"), event(1, "ld")].concat();
    let server = Server::start(vec![Reply::sse(vec![body.into_bytes()])]).await;
    let stream = client(&server).chat_deployed([user("Hi")]).num_samples(2).stream().await.expect("stream starts");
    assert_eq!(stream.collect_text().await.expect("completes"), ["Hello", "World"]);
}

#[tokio::test]
async fn send_sets_stream_false() {
    let server = Server::start(vec![Reply::json(200, COMPLETION)]).await;
    client(&server).completion_deployed().send().await.expect("send");
    assert_eq!(server.recorded()[0].json()["stream"], false);
}

#[tokio::test]
async fn malformed_event_is_an_error_item_and_the_stream_goes_on() {
    let chunks = vec![b"data: {not json}\n\n".to_vec(), format!("data: {CHAT}\n\ndata: [DONE]\n\n").into_bytes()];
    let server = Server::start(vec![Reply::sse(chunks)]).await;
    let mut stream = client(&server).chat_deployed([user("Hi")]).stream().await.expect("stream starts");
    match stream.next().await {
        Some(Err(Error::Event { data, .. })) => assert_eq!(data.text(), "{not json}"),
        other => panic!("expected an event error, got {other:?}"),
    }
    let chunk = stream.next().await.expect("second event").expect("decodes");
    assert_eq!(chunk.data[0].output, "Hi");
    assert!(stream.next().await.is_none(), "[DONE] ends the stream");
}

#[tokio::test]
async fn error_status_before_the_stream_is_returned_by_stream() {
    let body = r#"{"detail":[{"loc":["body","messages"],"msg":"field required","type":"value_error.missing"}]}"#;
    let server = Server::start(vec![Reply::json(422, body)]).await;
    let error = client(&server).chat_deployed([user("Hi")]).stream().await.expect_err("422");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(422));
    match error.body() {
        Some(ErrorBody::UnprocessableEntityBody(humanloop::types::UnprocessableEntityBody::HttpValidationError(e))) => {
            assert_eq!(e.detail.as_ref().map(|d| d[0].msg.as_str()), Some("field required"));
        }
        other => panic!("expected validation errors, got {other:?}"),
    }
    assert_eq!(server.recorded().len(), 1, "422 is not retried");
}

#[tokio::test]
async fn provider_error_422_decodes_as_detail_object() {
    let detail = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/error-provider.detail.json"))
        .expect("example");
    let server = Server::start(vec![Reply::json(422, &format!("{{\"detail\": {detail}}}"))]).await;
    let error = client(&server).chat_deployed([user("Hi")]).send().await.expect_err("422");
    match error.body() {
        Some(ErrorBody::UnprocessableEntityBody(
            humanloop::types::UnprocessableEntityBody::HumanloopErrorResponse(e),
        )) => {
            assert_eq!(e.detail.origin.clone().flatten().as_deref(), Some("OpenAI"));
            assert_eq!(e.detail.r#type.clone().flatten().as_deref(), Some("unprocessable_entity_error"));
        }
        other => panic!("expected a provider error, got {other:?}"),
    }
    let message = error.to_string();
    assert!(message.contains("HTTP 422") && message.contains("maximum context length"), "{message}");
}

#[tokio::test]
async fn rate_limit_with_retry_after_is_retried() {
    let server = Server::start(vec![Reply::json(429, "{}").header("retry-after", "0"), Reply::json(200, CHAT)]).await;
    let response = client(&server).chat_deployed([user("Hi")]).send_with_response().await.expect("retried");
    assert_eq!(response.status, 200);
    assert_eq!(server.recorded().len(), 2);
    assert_eq!(server.recorded()[0].body, server.recorded()[1].body, "the same request is sent again");
}

#[tokio::test]
async fn a_completion_is_not_sent_again_after_it_may_have_acted() {
    // Every operation is a POST without an idempotency key: by default a 503 or a timed-out
    // attempt is returned, not retried, as the server may have generated and logged it.
    let server = Server::start(vec![Reply::json(503, "{}"), Reply::json(200, CHAT)]).await;
    let error = builder(&server).build().expect("client").chat_deployed([user("Hi")]).send().await.expect_err("503");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(server.recorded().len(), 1);
}

#[tokio::test]
async fn unavailable_twice_then_success() {
    let server = Server::start(vec![Reply::json(503, "{}"), Reply::json(503, "{}"), Reply::json(200, CHAT)]).await;
    client(&server).chat_deployed([user("Hi")]).send().await.expect("third attempt succeeds");
    assert_eq!(server.recorded().len(), 3);
}

#[tokio::test]
async fn retries_stop_at_the_limit() {
    let server = Server::start(vec![Reply::json(503, "{}")]).await;
    let error = client(&server).chat_deployed([user("Hi")]).max_retries(1).send().await.expect_err("503");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(server.recorded().len(), 2);
}

#[tokio::test]
async fn bad_request_is_not_retried_and_keeps_its_body() {
    let body = r#"{"detail":{"type":"bad_request","message":"nope","code":400,"origin":"Humanloop"}}"#;
    let server = Server::start(vec![Reply::json(400, body).header("x-request-id", "req_9")]).await;
    let error = client(&server).chat_deployed([user("Hi")]).send().await.expect_err("400");
    assert_eq!(server.recorded().len(), 1);
    assert_eq!(error.raw_body().map(|b| b.bytes().as_ref()), Some(body.as_bytes()));
    assert_eq!(error.headers().and_then(|h| h.get("x-request-id")).map(|v| v.as_bytes()), Some(&b"req_9"[..]));
    assert_eq!(error.request_id(), Some("req_9"));
    assert!(error.to_string().contains("(request id req_9)"), "{error}");
    assert!(matches!(error.body(), Some(ErrorBody::HumanloopErrorResponse(_))), "{error:?}");
}

#[tokio::test]
async fn idle_stream_hits_its_timeout() {
    let first = format!("data: {CHAT}\n\n").into_bytes();
    let reply = Reply::timed(200, vec![(Duration::ZERO, first), (Duration::from_secs(5), b"data: late\n\n".to_vec())]);
    let server = Server::start(vec![reply]).await;
    let hl = Client::builder()
        .api_key(KEY)
        .base_url(&server.url)
        .stream_idle_timeout(Duration::from_millis(200))
        .build()
        .expect("client");
    let mut stream = hl.chat_deployed([user("Hi")]).stream().await.expect("starts");
    assert!(stream.next().await.expect("first").is_ok());
    match stream.next().await {
        Some(Err(Error::Timeout { after, limit, .. })) => {
            assert_eq!((after, limit), (Duration::from_millis(200), TimeoutKind::StreamIdle));
        }
        other => panic!("expected an idle timeout, got {other:?}"),
    }
    assert!(stream.next().await.is_none());
}

#[tokio::test]
async fn slow_response_hits_the_request_timeout_without_retry_storm() {
    let reply = Reply::timed(200, vec![(Duration::from_secs(5), CHAT.as_bytes().to_vec())]);
    let server = Server::start(vec![reply]).await;
    let error = client(&server)
        .chat_deployed([user("Hi")])
        .timeout(Duration::from_millis(200))
        .max_retries(0)
        .send()
        .await
        .expect_err("times out");
    assert!(matches!(error, Error::Timeout { limit: TimeoutKind::Call, .. }), "{error:?}");
}

#[test]
fn unknown_enum_values_and_fields_are_kept_or_ignored() {
    let role: ChatRole = serde_json::from_str("\"developer\"").expect("unknown value decodes");
    assert_eq!(role, ChatRole::Unknown("developer".into()));
    assert_eq!(serde_json::to_string(&role).expect("encodes"), "\"developer\"");
    let mut response: serde_json::Value = serde_json::from_str(CHAT).expect("json");
    response["brand_new_field"] = serde_json::json!({"x": 1});
    serde_json::from_value::<humanloop::types::ChatResponse>(response).expect("unknown fields are ignored");
}

/// When the server and the document disagree, raw JSON in and out keeps a user going.
#[tokio::test]
async fn raw_json_carries_what_the_document_does_not_declare() {
    let reply = r#"{"data":[],"provider_responses":[],"brand_new":{"x":1}}"#;
    let server = Server::start(vec![Reply::json(200, reply)]).await;
    let hl = client(&server);
    let config = ModelConfigChatRequest::new("gpt-4o");
    let raw = hl
        .chat([user("Hi")], config)
        .body_field("new_option", serde_json::json!({"level": 2}))
        .body_field("num_samples", serde_json::json!("three"))
        .send_raw()
        .await
        .expect("any JSON is accepted");
    assert_eq!(raw["brand_new"]["x"], 1, "undeclared response fields are kept");
    let body = server.recorded()[0].json();
    assert_eq!(body["new_option"], serde_json::json!({"level": 2}), "an undeclared field is sent");
    assert_eq!(body["num_samples"], "three", "a value the type cannot hold replaces the typed one");
    assert_eq!(body["stream"], false, "send_raw still asks for a single response");
    assert_eq!(body["model_config"]["model"], "gpt-4o", "the typed fields stay");

    let events = vec![b"data: {\"anything\": [1]}\n\n".to_vec(), b"data: [DONE]\n\n".to_vec()];
    let server = Server::start(vec![Reply::sse(events)]).await;
    let hl = client(&server);
    let stream = hl.chat([user("Hi")], ModelConfigChatRequest::new("gpt-4o")).stream_raw().await.expect("stream");
    let items: Vec<serde_json::Value> = stream.map(|item| item.expect("any JSON event decodes")).collect().await;
    assert_eq!(items, [serde_json::json!({"anything": [1]})]);
    assert_eq!(server.recorded()[0].json()["stream"], true);
}
