//! Which failures a call is retried after, on loopback servers: a call that is not idempotent
//! (POST, PATCH) only when it never reached the server or carries an idempotency key; the key
//! is made once per call and sent unchanged on every attempt; a `409` is the server's answer.

#[path = "../../../generated-sdk/tests/support/mod.rs"]
mod support;

use reqwest::Method;
use sdk_runtime::runtime::{
    client_builder, send_json, ApiInfo, Client, ClientBuilder, Error, Hook, RequestOptions, RequestParts, RetryPolicy,
    TimeoutKind,
};
use serde_json::Value;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use support::{Reply, Server};

static API: ApiInfo = ApiInfo {
    base_url: "http://127.0.0.1:9",
    auth: None,
    env_api_key: "RETRIES_API_KEY",
    env_base_url: "RETRIES_BASE_URL",
    user_agent: "retries-test",
    request_id_header: "x-request-id",
    schemes: &[],
};

/// A builder for `url` whose retries wait about a millisecond.
fn builder(url: &str) -> ClientBuilder {
    let policy = RetryPolicy { initial_backoff: Duration::from_millis(1), ..RetryPolicy::default() };
    client_builder(&API).base_url(url).retry_policy(policy)
}

fn client(server: &Server) -> Client {
    builder(&server.url).build().expect("client")
}

/// One call of `parts`, its JSON success body or its error.
async fn call(client: &Client, parts: RequestParts) -> Result<Value, Error> {
    call_with(client, parts, RequestOptions::default()).await
}

async fn call_with(client: &Client, parts: RequestParts, options: RequestOptions) -> Result<Value, Error> {
    send_json::<Value, Value>(client.clone(), Ok(parts), options, &[]).await.map(|response| response.data)
}

fn post() -> RequestParts {
    RequestParts::new(Method::POST, "/orders".into()).json(&serde_json::json!({"pet": "Rex"})).expect("a JSON body")
}

/// A server answering `500` once, then `200`.
async fn failing_once() -> Server {
    Server::start(vec![Reply::json(500, "{}"), Reply::json(200, "{}")]).await
}

/// Counts the attempts a client makes, whether or not they reach a server.
#[derive(Clone, Default)]
struct Attempts(Arc<AtomicUsize>);

impl Hook for Attempts {
    fn on_request(&self, _: &mut reqwest::Request) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

impl Attempts {
    fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

/// The URL of a port nothing listens on.
fn refusing_url() -> String {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", closed.local_addr().expect("address"));
    drop(closed);
    url
}

#[tokio::test]
async fn a_post_answered_500_is_not_retried_without_a_key() {
    let server = failing_once().await;
    let error = call(&client(&server), post()).await.expect_err("the 500 is returned");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500), "{error:?}");
    assert_eq!(server.recorded().len(), 1, "the POST may have acted: it is not sent again");
    assert_eq!(server.recorded()[0].header("idempotency-key"), None);
}

#[tokio::test]
async fn a_patch_that_timed_out_is_not_retried_without_a_key() {
    let server = Server::start(vec![Reply::silent()]).await;
    let client = builder(&server.url).attempt_timeout(Duration::from_millis(100)).build().expect("client");
    let error = call(&client, RequestParts::new(Method::PATCH, "/settings".into())).await.expect_err("no answer");
    assert!(matches!(error, Error::Timeout { limit: TimeoutKind::Attempt, .. }), "{error:?}");
    assert_eq!(server.recorded().len(), 1);
}

#[tokio::test]
async fn a_post_with_an_idempotency_header_is_retried_with_the_same_key_and_each_call_gets_its_own() {
    let server = Server::start(vec![Reply::json(500, "{}"), Reply::json(200, "{}"), Reply::json(200, "{}")]).await;
    let client = client(&server);
    call(&client, post().idempotency_header("Idempotency-Key")).await.expect("retried after the 500");
    call(&client, post().idempotency_header("Idempotency-Key")).await.expect("a second call");
    let keys: Vec<String> = server
        .recorded()
        .iter()
        .map(|r| r.header("idempotency-key").expect("a key on every attempt").to_owned())
        .collect();
    assert_eq!(keys.len(), 3);
    assert_eq!(keys[0], keys[1], "the retry carries the first attempt's key");
    assert_ne!(keys[1], keys[2], "a new call has a new key");
    assert_eq!(keys[0].len(), 36, "a UUID: {}", keys[0]);
}

#[tokio::test]
async fn a_key_the_caller_sets_is_sent_unchanged_and_makes_the_call_retried() {
    let server = Server::start(vec![Reply::json(503, "{}"), Reply::json(200, "{}")]).await;
    let parts = post().header("Idempotency-Key", &"order-7").idempotency_header("Idempotency-Key");
    call(&client(&server), parts).await.expect("retried after the 503");
    let sent = server.recorded();
    assert_eq!(sent.len(), 2);
    for request in &sent {
        let keys: Vec<&str> =
            request.headers.iter().filter(|(n, _)| n == "idempotency-key").map(|(_, v)| v.as_str()).collect();
        assert_eq!(keys, ["order-7"], "the caller's key alone, on every attempt");
    }

    // Set as an extra header of the call, in another case.
    let server = Server::start(vec![Reply::json(503, "{}"), Reply::json(200, "{}")]).await;
    let mut options = RequestOptions::default();
    options.add_header("idempotency-key", "order-8");
    call_with(&client(&server), post().idempotency_header("Idempotency-Key"), options).await.expect("retried");
    let keys: Vec<String> =
        server.recorded().iter().map(|r| r.header("idempotency-key").unwrap_or("").to_owned()).collect();
    assert_eq!(keys, ["order-8", "order-8"]);
}

#[tokio::test]
async fn a_post_whose_connection_was_refused_is_retried() {
    let attempts = Attempts::default();
    let client = builder(&refusing_url()).hook(attempts.clone()).build().expect("client");
    let error = call(&client, post()).await.expect_err("nothing listens");
    assert!(matches!(error, Error::Connection { .. }) && error.is_connect(), "{error:?}");
    assert_eq!(attempts.count(), 3, "the request never reached a server: the first attempt and two retries");
}

/// A server that reads each request and closes the connection without answering; it counts the
/// requests it read.
async fn hanging_up() -> (String, Arc<AtomicUsize>) {
    use tokio::io::AsyncReadExt;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let read = Arc::new(AtomicUsize::new(0));
    let counter = read.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut received = Vec::new();
            let mut chunk = [0u8; 4096];
            while !received.windows(4).any(|w| w == b"\r\n\r\n") {
                match socket.read(&mut chunk).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => received.extend_from_slice(&chunk[..n]),
                }
            }
            counter.fetch_add(1, Ordering::SeqCst);
            drop(socket);
        }
    });
    (url, read)
}

#[tokio::test]
async fn a_post_whose_connection_broke_after_sending_is_not_retried_but_a_get_is() {
    let (url, read) = hanging_up().await;
    let client = builder(&url).build().expect("client");
    let error = call(&client, post()).await.expect_err("no answer");
    assert!(matches!(error, Error::Connection { .. }) && !error.is_connect(), "{error:?}");
    assert_eq!(read.load(Ordering::SeqCst), 1, "the server had the POST: it is not sent again");

    read.store(0, Ordering::SeqCst);
    let error = call(&client, RequestParts::new(Method::GET, "/orders".into())).await.expect_err("no answer");
    assert!(matches!(error, Error::Connection { .. }), "{error:?}");
    assert_eq!(read.load(Ordering::SeqCst), 3, "a GET is safe to send again");
}

#[tokio::test]
async fn a_get_answered_500_is_retried() {
    let server = failing_once().await;
    call(&client(&server), RequestParts::new(Method::GET, "/orders".into())).await.expect("retried");
    assert_eq!(server.recorded().len(), 2);
}

#[tokio::test]
async fn a_conflict_is_not_retried_by_default() {
    let server = Server::start(vec![Reply::json(409, "{}"), Reply::json(200, "{}")]).await;
    let error = call(&client(&server), RequestParts::new(Method::PUT, "/orders/1".into())).await.expect_err("409");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(409));
    assert_eq!(server.recorded().len(), 1, "a conflict is the server's answer, not a transient failure");
}

#[tokio::test]
async fn retry_non_idempotent_restores_retries_of_posts() {
    let server = failing_once().await;
    let policy =
        RetryPolicy { initial_backoff: Duration::from_millis(1), retry_non_idempotent: true, ..RetryPolicy::default() };
    let client = client_builder(&API).base_url(&server.url).retry_policy(policy).build().expect("client");
    call(&client, post()).await.expect("retried after the 500");
    let sent = server.recorded();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].body, sent[1].body);
    assert_eq!(sent[0].header("idempotency-key"), None, "no key is made up for an operation that takes none");
}
