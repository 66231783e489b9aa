//! Retries of generated operations: a POST without an idempotency key is not sent again after it
//! may have acted; one whose document declares a key header (a parameter named
//! `Idempotency-Key`, or the operation's `x-idempotency-header`) sends a new key per call, the
//! same on every attempt, and is retried; a key the caller sets is sent as it is.

#[path = "../../../../../generated-sdk/tests/support/mod.rs"]
mod support;

use fixture_sdk_operations::{Client, ClientBuilder, Error, Hook, RetryPolicy, TimeoutKind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use support::{Reply, Server};

const PET: &str = r#"{"name":"Rex"}"#;

fn builder(url: &str) -> ClientBuilder {
    let policy = RetryPolicy { initial_backoff: Duration::from_millis(1), ..RetryPolicy::default() };
    Client::builder().api_key("token-1").base_url(url).retry_policy(policy)
}

fn client(server: &Server) -> Client {
    builder(&server.url).build().expect("client")
}

/// What each request carried in `header`.
fn sent(server: &Server, header: &str) -> Vec<Option<String>> {
    server.recorded().iter().map(|r| r.header(header).map(str::to_owned)).collect()
}

#[tokio::test]
async fn a_post_without_a_key_is_not_sent_again_after_a_server_error() {
    let server = Server::start(vec![Reply::json(500, "{}"), Reply::json(201, PET)]).await;
    let error = client(&server).post_pets("Rex").send().await.expect_err("the 500 is returned");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(server.recorded().len(), 1);
    assert_eq!(sent(&server, "idempotency-key"), [None], "an operation without a key header sends none");
}

#[tokio::test]
async fn an_idempotency_key_parameter_gets_a_new_key_per_call_sent_on_every_attempt() {
    let server = Server::start(vec![Reply::json(500, "{}"), Reply::json(201, PET), Reply::json(201, PET)]).await;
    let client = client(&server);
    client.create_order("Rex").send().await.expect("retried after the 500");
    client.create_order("Rex").send().await.expect("a second call");
    let keys: Vec<String> = sent(&server, "idempotency-key").into_iter().map(|k| k.expect("a key")).collect();
    assert_eq!(keys.len(), 3);
    assert_eq!(keys[0], keys[1], "the retry carries the first attempt's key");
    assert_ne!(keys[0], keys[2], "each call has its own key");
    assert_eq!(server.recorded()[0].body, server.recorded()[1].body);
}

#[tokio::test]
async fn a_key_set_through_its_parameter_is_sent_unchanged() {
    let server = Server::start(vec![Reply::json(503, "{}"), Reply::json(201, PET)]).await;
    client(&server).create_order("Rex").idempotency_key("order-7").send().await.expect("retried after the 503");
    let one = Some("order-7".to_owned());
    assert_eq!(sent(&server, "idempotency-key"), [one.clone(), one]);
    assert!(server.recorded().iter().all(|r| r.headers.iter().filter(|(n, _)| n == "idempotency-key").count() == 1));
}

#[tokio::test]
async fn x_idempotency_header_names_the_header_of_the_key() {
    let server = Server::start(vec![Reply::json(502, "{}"), Reply::json(204, "")]).await;
    client(&server).refund_order("o-1").send().await.expect("retried after the 502");
    let tokens = sent(&server, "x-request-token");
    assert_eq!(tokens.len(), 2);
    assert!(tokens[0].is_some() && tokens[0] == tokens[1], "{tokens:?}");
    assert_eq!(sent(&server, "idempotency-key"), [None, None]);

    // The header has no parameter: an extra header of the call sets it.
    let server = Server::start(vec![Reply::json(502, "{}"), Reply::json(204, "")]).await;
    client(&server).refund_order("o-1").header("X-Request-Token", "refund-9").send().await.expect("retried");
    let token = Some("refund-9".to_owned());
    assert_eq!(sent(&server, "x-request-token"), [token.clone(), token]);
}

#[tokio::test]
async fn a_patch_without_a_key_is_not_retried_but_the_policy_can_say_so() {
    let server = Server::start(vec![Reply::json(503, "{}"), Reply::json(204, "")]).await;
    client(&server).patch_settings().send().await.expect_err("the 503 is returned");
    assert_eq!(server.recorded().len(), 1);

    let server = Server::start(vec![Reply::json(503, "{}"), Reply::json(204, "")]).await;
    let policy =
        RetryPolicy { initial_backoff: Duration::from_millis(1), retry_non_idempotent: true, ..RetryPolicy::default() };
    let client = Client::builder().api_key("token-1").base_url(&server.url).retry_policy(policy);
    client.build().expect("client").patch_settings().send().await.expect("retried: the owner says it is safe");
    assert_eq!(server.recorded().len(), 2);
}

#[tokio::test]
async fn idempotent_methods_are_retried_and_a_conflict_is_not() {
    let server = Server::start(vec![Reply::json(500, "{}"), Reply::json(204, "")]).await;
    client(&server).delete_all().send().await.expect("a DELETE is retried");
    assert_eq!(server.recorded().len(), 2);

    let server = Server::start(vec![Reply::json(409, "{}"), Reply::json(204, "")]).await;
    let error = client(&server).delete_all().send().await.expect_err("the conflict is returned");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(409));
    assert_eq!(server.recorded().len(), 1);
}

/// Counts the attempts a client makes, whether or not they reach a server.
#[derive(Clone, Default)]
struct Attempts(Arc<AtomicUsize>);

impl Hook for Attempts {
    fn on_request(&self, _: &mut reqwest::Request) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[tokio::test]
async fn a_post_that_could_not_connect_is_retried() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", closed.local_addr().expect("address"));
    drop(closed);
    let attempts = Attempts::default();
    let client = builder(&url).hook(attempts.clone()).build().expect("client");
    let error = client.post_pets("Rex").send().await.expect_err("refused");
    assert!(matches!(error, Error::Connection { .. }) && error.is_connect(), "{error:?}");
    assert_eq!(attempts.0.load(Ordering::SeqCst), 3, "never sent: the first attempt and two retries");

    // TLS spoken to a server that never answers: the handshake, part of connecting, never ends.
    let silent = Server::start(vec![Reply::silent()]).await;
    let attempts = Attempts::default();
    let client = builder(&silent.url.replace("http://", "https://"))
        .connect_timeout(Duration::from_millis(100))
        .hook(attempts.clone())
        .build()
        .expect("client");
    let error = client.post_pets("Rex").send().await.expect_err("no handshake");
    assert!(matches!(error, Error::Timeout { limit: TimeoutKind::Connect, .. }) && error.is_connect(), "{error:?}");
    assert_eq!(attempts.0.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_post_whose_attempt_timed_out_is_retried_only_with_a_key() {
    let server = Server::start(vec![Reply::silent()]).await;
    let client = builder(&server.url).attempt_timeout(Duration::from_millis(100)).build().expect("client");
    let error = client.post_pets("Rex").send().await.expect_err("no answer");
    assert!(matches!(error, Error::Timeout { limit: TimeoutKind::Attempt, .. }), "{error:?}");
    assert_eq!(server.recorded().len(), 1, "the POST may have acted");

    let server = Server::start(vec![Reply::silent()]).await;
    let client = builder(&server.url).attempt_timeout(Duration::from_millis(100)).build().expect("client");
    client.create_order("Rex").send().await.expect_err("no answer");
    let keys = sent(&server, "idempotency-key");
    assert_eq!(keys.len(), 3, "with a key the call is retried: {keys:?}");
    assert!(keys[0].is_some() && keys.iter().all(|k| *k == keys[0]), "{keys:?}");
}
