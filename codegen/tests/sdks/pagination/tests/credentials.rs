//! Credentials that refresh: OAuth 2 client credentials against a loopback token URL (a token
//! fetched once and reused, fetched anew after a `401` with the call sent once more, never more),
//! a provider asked before each attempt, and tokens and secrets never printed.

#[path = "../../../../../generated-sdk/tests/support/mod.rs"]
mod support;

use fixture_sdk_pagination::{
    Client, ClientCredentials, CredentialError, CredentialFuture, CredentialProvider, Error, RetryPolicy, SecretString,
};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use support::{Reply, Server};

const PAGE: &str = r#"{"data":[{"id":"1","name":"a"}]}"#;

fn token(value: &str, expires_in: u64) -> Reply {
    Reply::json(200, &format!(r#"{{"access_token":"{value}","token_type":"Bearer","expires_in":{expires_in}}}"#))
}

fn client(server: &Server, credentials: ClientCredentials) -> Client {
    let policy = RetryPolicy { initial_backoff: Duration::from_millis(1), ..RetryPolicy::default() };
    let builder = Client::builder().base_url(&server.url).retry_policy(policy);
    builder.credential_provider(credentials).build().expect("client")
}

fn credentials(server: &Server) -> ClientCredentials {
    ClientCredentials::new(format!("{}/oauth/token", server.url), "app", "client-s3cret").scopes(["pets.read"])
}

/// `(target, authorization)` of each request the server saw.
fn seen(server: &Server) -> Vec<(String, Option<String>)> {
    server.recorded().into_iter().map(|r| (r.path.clone(), r.header("authorization").map(str::to_owned))).collect()
}

#[tokio::test]
async fn a_token_is_fetched_once_and_sent_until_it_expires() {
    let server = Server::start(vec![token("tok-1", 3600), Reply::json(200, PAGE), Reply::json(200, PAGE)]).await;
    let client = client(&server, credentials(&server));
    client.list_by_cursor().send().await.expect("first call");
    client.list_by_cursor().send().await.expect("second call");
    let bearer = Some("Bearer tok-1".to_owned());
    // `app:client-s3cret` in HTTP Basic authentication (client_secret_basic).
    let basic = Some("Basic YXBwOmNsaWVudC1zM2NyZXQ=".to_owned());
    assert_eq!(
        seen(&server),
        [("/oauth/token".to_owned(), basic), ("/cursor".into(), bearer.clone()), ("/cursor".into(), bearer)]
    );
    let form = String::from_utf8(server.recorded()[0].body.clone()).expect("text");
    assert_eq!(form, "grant_type=client_credentials&scope=pets.read");
    assert_eq!(server.recorded()[0].method, "POST");
}

#[tokio::test]
async fn a_token_that_never_expires_is_kept() {
    let server = Server::start(vec![token("tok-1", u64::MAX), Reply::json(200, PAGE), Reply::json(200, PAGE)]).await;
    let client = client(&server, credentials(&server));
    client.list_by_cursor().send().await.expect("first call");
    client.list_by_cursor().send().await.expect("second call");
    assert_eq!(server.recorded().len(), 3, "one token for both calls");
}

#[tokio::test]
async fn an_expired_token_is_fetched_anew_and_the_secret_can_go_in_the_body() {
    let server =
        Server::start(vec![token("tok-1", 0), Reply::json(200, PAGE), token("tok-2", 0), Reply::json(200, PAGE)]).await;
    let client = client(&server, credentials(&server).secret_in_body());
    client.list_by_cursor().send().await.expect("first call");
    client.list_by_cursor().send().await.expect("second call");
    let auth: Vec<Option<String>> = seen(&server).into_iter().map(|(_, auth)| auth).collect();
    assert_eq!(auth, [None, Some("Bearer tok-1".into()), None, Some("Bearer tok-2".into())]);
    let form = String::from_utf8(server.recorded()[0].body.clone()).expect("text");
    assert_eq!(form, "grant_type=client_credentials&scope=pets.read&client_id=app&client_secret=client-s3cret");
}

#[tokio::test]
async fn a_refused_token_is_renewed_once_and_the_call_sent_once_more() {
    let server =
        Server::start(vec![token("tok-1", 3600), Reply::json(401, "{}"), token("tok-2", 3600), Reply::json(200, PAGE)])
            .await;
    // A POST: a 401 means it did not act, so it is safe to send again.
    client(&server, credentials(&server)).search().send().await.expect("the call succeeds with the new token");
    let auth: Vec<Option<String>> = seen(&server).into_iter().skip(1).step_by(2).map(|(_, auth)| auth).collect();
    assert_eq!(auth, [Some("Bearer tok-1".into()), Some("Bearer tok-2".into())]);

    let server =
        Server::start(vec![token("tok-1", 3600), Reply::json(401, "{}"), token("tok-2", 3600), Reply::json(401, "{}")])
            .await;
    let error = client(&server, credentials(&server)).list_by_cursor().send().await.expect_err("refused twice");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(server.recorded().len(), 4, "one renewal per call, never a loop");
}

#[tokio::test]
async fn a_failed_token_request_is_a_credential_error_that_hides_the_secret() {
    let echo = r#"{"error":"invalid_client","got":"{{body}} {{header:authorization}}"}"#;
    let server = Server::start(vec![Reply::json(400, echo)]).await;
    let error = client(&server, credentials(&server)).list_by_cursor().send().await.expect_err("no token");
    assert!(matches!(error, Error::Credential(_)), "{error:?}");
    let (shown, debug) = (error.to_string(), format!("{error:?}"));
    assert!(shown.contains("status 400") && shown.contains("invalid_client"), "{shown}");
    for text in [&shown, &debug] {
        assert!(!text.contains("client-s3cret") && !text.contains("YXBwOmNsaWVudC1zM2NyZXQ"), "{text}");
    }
    assert_eq!(server.recorded().len(), 1, "the API is not called without a credential");
}

#[tokio::test]
async fn a_token_the_api_echoes_back_is_redacted() {
    let server =
        Server::start(vec![token("tok-echoed", 3600), Reply::json(404, r#"{"message":"{{header:authorization}}"}"#)])
            .await;
    let error = client(&server, credentials(&server)).list_by_cursor().send().await.expect_err("404");
    let (shown, debug) = (error.to_string(), format!("{error:?}"));
    assert!(error.raw_body().is_some_and(|body| body.text().contains("Bearer [REDACTED]")), "{debug}");
    assert!(!shown.contains("tok-echoed") && !debug.contains("tok-echoed"), "{debug}");
}

/// A provider of the caller's: asked before every attempt, retries included.
struct Counting(Arc<AtomicUsize>);

impl CredentialProvider for Counting {
    fn credential(&self) -> CredentialFuture<'_> {
        let n = self.0.fetch_add(1, Ordering::SeqCst);
        Box::pin(async move {
            match n {
                0 | 1 => Ok(SecretString::new(format!("key-{n}"))),
                _ => Err(CredentialError("the vault is sealed".into())),
            }
        })
    }
}

#[tokio::test]
async fn a_provider_is_asked_before_each_attempt() {
    let server = Server::start(vec![Reply::json(503, "{}"), Reply::json(200, PAGE)]).await;
    let asked = Arc::new(AtomicUsize::new(0));
    let policy = RetryPolicy { initial_backoff: Duration::from_millis(1), ..RetryPolicy::default() };
    let client =
        Client::builder().base_url(&server.url).retry_policy(policy).credential_provider(Counting(asked.clone()));
    let client = client.build().expect("client");
    client.list_by_cursor().send().await.expect("retried after the 503");
    let auth: Vec<Option<String>> = seen(&server).into_iter().map(|(_, auth)| auth).collect();
    assert_eq!(auth, [Some("Bearer key-0".into()), Some("Bearer key-1".into())]);
    let error = client.list_by_cursor().send().await.expect_err("the provider fails");
    assert_eq!(error.to_string(), "no credential: the vault is sealed");
    assert_eq!(asked.load(Ordering::SeqCst), 3);
}
