//! The futures `send`, `send_with_response`, `send_raw`, `stream` and `stream_raw` return are
//! `Send`, and so are the streams: a user can spawn a call on a multi-threaded runtime. Checked
//! at compile time: this file does not build if any of them stops being `Send`.

use humanloop::types::{ChatMessageWithToolCall, ChatRole, ModelConfigChatRequest, ModelConfigCompletionRequest};
use humanloop::Client;

fn assert_send<T: Send>(value: T) -> T {
    value
}

#[test]
fn call_and_stream_futures_are_send() {
    let client = Client::new("hl-key");
    let chat = || client.chat([ChatMessageWithToolCall::new(ChatRole::User)], ModelConfigChatRequest::new("gpt-4o"));
    // Built, never polled: only their types matter.
    drop(assert_send(chat().send()));
    drop(assert_send(chat().send_with_response()));
    drop(assert_send(chat().send_raw()));
    drop(assert_send(chat().stream()));
    drop(assert_send(chat().stream_raw()));
    drop(assert_send(client.completion(ModelConfigCompletionRequest::new("gpt-4o")).stream()));
}

#[tokio::test]
async fn a_stream_can_move_to_another_task() {
    fn send_stream<S: futures_core::Stream + Send>(_: &S) {}
    let server = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", server.local_addr().expect("address"));
    drop(server);
    let client = Client::builder().api_key("k").base_url(url).max_retries(0).build().expect("client");
    let started =
        client.chat([ChatMessageWithToolCall::new(ChatRole::User)], ModelConfigChatRequest::new("m")).stream();
    // The connection is refused: what matters is that the `Ok` type would be `Send` too.
    if let Ok(stream) = tokio::spawn(started).await.expect("the task runs") {
        send_stream(&stream);
    }
}
