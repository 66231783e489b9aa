//! The crate's typed mocks (`mock` feature), as a user's tests use them: a chat stream and a
//! `422` mocked, a call no expectation matches failing the test with why, an error body the
//! operation does not declare refused, a delay meeting the client's time limit.

use futures_util::StreamExt;
use humanloop::mock::MockServer;
use humanloop::types::{
    ChatDataResponse, ChatMessageWithToolCall, ChatResponse, ChatRole, HttpValidationError, ModelConfigChatRequest,
    UnprocessableEntityBody, ValidationError, ValidationErrorLocItem,
};
use humanloop::ErrorBody;
use std::time::Duration;

fn user(text: &str) -> ChatMessageWithToolCall {
    ChatMessageWithToolCall::new(ChatRole::User).content(text)
}

/// A streamed chunk carrying `text`.
fn chunk(index: i64, text: &str) -> ChatResponse {
    let message = ChatMessageWithToolCall::new(ChatRole::Assistant).content(text);
    let data = ChatDataResponse::new(format!("data_{index}"), 0, text, text, "config_1", message);
    ChatResponse::new([data], Vec::<serde_json::Value>::new())
}

/// The panic message of `f`, which must panic.
fn panic_message(f: impl FnOnce()) -> String {
    let payload = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).expect_err("it panics");
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

#[tokio::test]
async fn a_mocked_chat_stream_arrives_as_the_typed_events_it_was_given() {
    let server = MockServer::start().await;
    let chunks = [chunk(0, "Hel"), chunk(1, "lo"), chunk(2, "!")];
    server
        .on()
        .chat()
        .body(|request| request.model_config.model == "gpt-4o" && request.stream == Some(true))
        .times(1)
        .respond_stream_every(Duration::from_millis(5), chunks.clone());
    let client = server.client();
    let stream = client.chat([user("Hi")], ModelConfigChatRequest::new("gpt-4o")).stream().await.expect("streams");
    let events: Vec<ChatResponse> = stream.map(|event| event.expect("each event decodes")).collect().await;
    assert_eq!(events, chunks, "the `[DONE]` marker ends the stream after the three chunks");
    server.verify();
}

#[tokio::test]
async fn a_mocked_422_is_the_typed_error_body_the_call_returns() {
    let server = MockServer::start().await;
    let loc = vec![ValidationErrorLocItem::String("body".into()), ValidationErrorLocItem::String("messages".into())];
    let invalid = UnprocessableEntityBody::HttpValidationError(
        HttpValidationError::new().detail(vec![ValidationError::new(loc, "field required", "value_error.missing")]),
    );
    server.on().chat().respond_error(422, &invalid);
    let error =
        server.client().chat([user("Hi")], ModelConfigChatRequest::new("gpt-4o")).send().await.expect_err("422");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(422));
    assert_eq!(error.body(), Some(&ErrorBody::UnprocessableEntityBody(invalid)));
}

#[tokio::test]
async fn expectations_match_on_the_typed_body_and_the_first_that_matches_answers() {
    let server = MockServer::start().await;
    server.on().chat().body(|request| request.model_config.model == "claude").respond(chunk(0, "from claude"));
    server.on().chat().respond(chunk(0, "from anyone"));
    let client = server.client();
    let claude = client.chat([user("Hi")], ModelConfigChatRequest::new("claude")).send().await.expect("answered");
    let other = client.chat([user("Hi")], ModelConfigChatRequest::new("gpt-4o")).send().await.expect("answered");
    assert_eq!(claude.data[0].output, "from claude");
    assert_eq!(other.data[0].output, "from anyone");
}

#[tokio::test]
async fn an_unmatched_call_is_answered_404_and_fails_the_test_with_why() {
    let server = MockServer::start().await;
    server.on().chat().body(|request| request.model_config.model == "claude").respond(chunk(0, "x"));
    let error = server
        .client()
        .completion(humanloop::types::ModelConfigCompletionRequest::new("gpt-4o"))
        .send()
        .await
        .expect_err("nothing mocks completions");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    let error =
        server.client().chat([user("Hi")], ModelConfigChatRequest::new("gpt-4o")).send().await.expect_err("404");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    let message = panic_message(move || drop(server));
    assert!(message.contains("no mock expectation matched `POST /completion`"), "{message}");
    assert!(message.contains("no expectation is set for it (set: `POST /chat`)"), "{message}");
    assert!(message.contains("no mock expectation matched `POST /chat`"), "{message}");
    assert!(message.contains("the expectation for `chat` (/chat): it wants a body that decodes as"), "{message}");
    assert!(!message.contains("mock-api-key"), "the key never prints: {message}");
}

#[tokio::test]
async fn an_expectation_called_another_number_of_times_than_asked_fails_the_test() {
    let server = MockServer::start().await;
    server.on().chat().times(2).respond(chunk(0, "once"));
    server.client().chat([user("Hi")], ModelConfigChatRequest::new("m")).send().await.expect("answered");
    let message = panic_message(move || drop(server));
    assert!(message.contains("was to be called 2 time(s), and was called 1"), "{message}");
}

#[tokio::test]
async fn an_error_body_the_operation_does_not_declare_for_its_status_is_refused() {
    let server = MockServer::start().await;
    // Its 422 bodies are objects (validation details, or an error response).
    let message = panic_message(|| server.on().chat().respond_error(422, "not a validation error"));
    assert!(message.contains("declares no error body for status 422"), "{message}");
}

#[tokio::test]
async fn a_delayed_answer_meets_the_clients_time_limit() {
    let server = MockServer::start().await;
    server.on().chat().delay(Duration::from_millis(500)).respond(chunk(0, "late"));
    let client = server.client_builder().timeout(Duration::from_millis(100)).build().expect("client");
    let error = client.chat([user("Hi")], ModelConfigChatRequest::new("m")).send().await.expect_err("too late");
    assert!(error.to_string().contains("timeout"), "{error}");
}
