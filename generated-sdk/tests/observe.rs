//! Watching calls: hooks see and change every attempt.

mod common;
mod support;

use common::{builder, retrying, user, CHAT};
use humanloop::Hook;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::{Reply, Server};

/// Counts attempts, adds a header to each and remembers the statuses it saw.
#[derive(Clone, Default)]
struct Watcher {
    statuses: Arc<Mutex<Vec<u16>>>,
}

impl Hook for Watcher {
    fn on_request(&self, request: &mut reqwest::Request) {
        let attempt = self.statuses.lock().expect("lock").len() + 1;
        request.headers_mut().insert("x-attempt", attempt.into());
    }

    fn on_response(&self, status: reqwest::StatusCode, _: &reqwest::header::HeaderMap, elapsed: Duration) {
        assert!(elapsed < Duration::from_secs(5));
        self.statuses.lock().expect("lock").push(status.as_u16());
    }
}

#[tokio::test]
async fn hooks_see_and_change_every_attempt() {
    let retried = vec![Reply::json(503, "{}").header("retry-after", "0"), Reply::json(200, CHAT)];
    let server = Server::start(retried).await;
    let watcher = Watcher::default();
    let client = builder(&server).retry_policy(retrying()).hook(watcher.clone()).build().expect("client");
    client.chat_deployed([user("Hi")]).send().await.expect("second attempt");
    assert_eq!(*watcher.statuses.lock().expect("lock"), [503, 200]);
    let sent: Vec<Option<String>> =
        server.recorded().iter().map(|r| r.header("x-attempt").map(str::to_owned)).collect();
    assert_eq!(sent, [Some("1".to_owned()), Some("2".to_owned())]);
}

#[tokio::test]
async fn a_reqwest_client_of_the_users_carries_the_calls_and_hooks_still_run() {
    let server = Server::start(vec![Reply::json(200, CHAT)]).await;
    let mut defaults = reqwest::header::HeaderMap::new();
    defaults.insert("x-from-users-client", "yes".parse().expect("header value"));
    let http = reqwest::Client::builder().default_headers(defaults).build().expect("reqwest client");
    let watcher = Watcher::default();
    let client = builder(&server).http_client(http).hook(watcher.clone()).build().expect("client");
    client.chat_deployed([user("Hi")]).send().await.expect("sent");
    let sent = &server.recorded()[0];
    assert_eq!(sent.header("x-from-users-client"), Some("yes"));
    assert_eq!(sent.header("x-attempt"), Some("1"));
    assert_eq!(*watcher.statuses.lock().expect("lock"), [200]);
}
