//! What the SDK's wire tests share: the test key, a chat response, a user message and a client
//! for a loopback server with near-zero backoff.

#![allow(dead_code)]

use humanloop::types::{ChatMessageWithToolCall, ChatRole};
use humanloop::Client;
use std::time::Duration;

use crate::support::Server;

/// The API key every test client sends.
pub const KEY: &str = "hl-test-key-0123";
/// A minimal chat response.
pub const CHAT: &str = r#"{"data":[{"id":"data_1","index":0,"output":"Hi","raw_output":"Hi","model_config_id":"prv_1","output_message":{"role":"assistant","content":"Hi"}}],"provider_responses":[]}"#;

/// A user message.
pub fn user(text: &str) -> ChatMessageWithToolCall {
    ChatMessageWithToolCall::new(ChatRole::User).content(text)
}

/// A client builder for `server` with the test key.
pub fn builder(server: &Server) -> humanloop::ClientBuilder {
    Client::builder().api_key(KEY).base_url(&server.url)
}

/// A retry policy that waits about a millisecond and, for tests of how retries work, retries
/// the API's POSTs as well (by default they are retried only when they never reached the server).
pub fn retrying() -> humanloop::RetryPolicy {
    humanloop::RetryPolicy {
        initial_backoff: Duration::from_millis(1),
        retry_non_idempotent: true,
        ..Default::default()
    }
}

/// A client for `server` with the [`retrying`] policy.
pub fn client(server: &Server) -> Client {
    builder(server).retry_policy(retrying()).build().expect("client")
}
