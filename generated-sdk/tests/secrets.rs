//! No secret of a request (the API key, a `format: password` value) shows in any `Display` or
//! `Debug` of an error or of what it holds, whichever way a server echoes the request back: into
//! a JSON error body, a response header, a malformed event or a mistyped success body. Only
//! `raw_body().bytes()` gives the exact bytes.

mod common;
mod support;

use common::{client, user, KEY};
use futures_util::StreamExt;
use humanloop::types::ProviderApiKeys;
use humanloop::{Client, Error};
use std::error::Error as _;
use support::{Reply, Server};

const PROVIDER_KEY: &str = "sk-provider-secret";
const SECRETS: [&str; 2] = [KEY, PROVIDER_KEY];

/// Every printable view of an error: Display, Debug, pretty Debug, its source chain, and what
/// its accessors return.
fn printed(error: &Error) -> String {
    let mut out = format!("{error}\n{error:?}\n{error:#?}\n");
    let mut source = error.source();
    while let Some(cause) = source {
        out.push_str(&format!("{cause}\n{cause:?}\n"));
        source = cause.source();
    }
    out.push_str(&format!("{:?}\n{:#?}\n", error.body(), error.headers()));
    if let Some(body) = error.raw_body() {
        out.push_str(&format!("{body}\n{body:?}\n{}\n", body.text()));
    }
    out
}

fn assert_redacted(error: &Error) {
    let text = printed(error);
    for secret in SECRETS {
        assert!(!text.contains(secret), "{secret} leaked:\n{text}");
    }
    assert!(text.contains("[REDACTED]"), "the echo is shown, redacted:\n{text}");
}

/// A request that carries both secrets: the key in its header, the provider key in its body.
async fn send(server: &Server) -> Result<humanloop::types::ChatResponse, Error> {
    let keys = ProviderApiKeys::new().openai(PROVIDER_KEY);
    client(server).chat_deployed([user("Hi")]).provider_api_keys(keys).send().await
}

#[tokio::test]
async fn an_error_body_echoing_headers_and_body_is_redacted_in_every_view() {
    // `msg` is a declared field, so the typed body would hold the echo too.
    let echo = r#"{"detail":[{"loc":["body"],"msg":"{{headers}} {{body}}","type":"value_error"}]}"#;
    let server = Server::start(vec![Reply::json(422, echo)]).await;
    let error = send(&server).await.expect_err("422");
    assert!(error.body().is_some(), "the echoed body still decodes: {error:?}");
    assert_redacted(&error);
    let raw = error.raw_body().expect("raw body").bytes();
    for secret in SECRETS {
        let found = raw.windows(secret.len()).any(|w| w == secret.as_bytes());
        assert!(found, "the exact bytes keep {secret} for an explicit look");
    }
}

#[tokio::test]
async fn a_response_header_echoing_the_key_is_redacted() {
    let reply = Reply::json(400, r#"{"detail":{"message":"no"}}"#)
        .header("x-echo-key", "{{header:x-api-key}}")
        .header("x-echo-auth", "key={{header:x-api-key}}; keys={{body}}");
    let server = Server::start(vec![reply]).await;
    let error = send(&server).await.expect_err("400");
    assert_redacted(&error);
    let headers = error.headers().expect("headers");
    assert_eq!(headers.get("x-echo-key").map(|v| v.as_bytes()), Some(&b"[REDACTED]"[..]));
}

#[tokio::test]
async fn a_malformed_event_echoing_the_request_is_redacted() {
    let chunks = vec![
        // Not JSON at all.
        b"data: {{headers}} {{body}}\n\n".to_vec(),
        // JSON of the wrong type, which serde's message quotes.
        b"data: {\"data\":\"{{header:x-api-key}}\",\"provider_responses\":[]}\n\n".to_vec(),
    ];
    let server = Server::start(vec![Reply::sse(chunks)]).await;
    let keys = ProviderApiKeys::new().openai(PROVIDER_KEY);
    let mut stream =
        client(&server).chat_deployed([user("Hi")]).provider_api_keys(keys).stream().await.expect("stream starts");
    for _ in 0..2 {
        match stream.next().await {
            Some(Err(error @ Error::Event { .. })) => assert_redacted(&error),
            other => panic!("expected an event error, got {other:?}"),
        }
    }
    assert!(stream.next().await.is_none());
}

#[tokio::test]
async fn a_mistyped_success_body_echoing_the_key_is_redacted() {
    let server = Server::start(vec![Reply::json(200, r#"{"data":"{{header:x-api-key}}"}"#)]).await;
    let error = send(&server).await.expect_err("does not decode");
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    assert_redacted(&error);
}

#[test]
fn clients_builders_and_bodies_never_print_a_secret() {
    let hl = Client::builder().api_key(KEY).base_url("http://127.0.0.1:9").build().expect("client");
    let keys = ProviderApiKeys::new().openai(PROVIDER_KEY).anthropic("sk-ant-secret");
    let request = hl
        .chat_deployed([user("Hi")])
        .provider_api_keys(keys.clone())
        .header("authorization", "Bearer sk-extra-header-secret");
    let printed = format!("{hl:?} {request:?} {request:#?} {keys:?} {:?}", Client::builder().api_key(KEY));
    for secret in [KEY, PROVIDER_KEY, "sk-ant-secret", "sk-extra-header-secret"] {
        assert!(!printed.contains(secret), "{secret} leaked: {printed}");
    }
    assert!(printed.contains("authorization: [REDACTED]"), "{printed}");
    // The provider key is still sent on the wire.
    assert_eq!(serde_json::to_value(&keys).expect("encodes")["openai"], PROVIDER_KEY);
}
