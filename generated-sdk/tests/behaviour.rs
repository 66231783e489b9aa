//! What the client promises beyond a single exchange: time limits for a whole call and for each
//! attempt, errors that name their root cause, request ids, and streamed text shown as it
//! arrives and collected at the end.

mod common;
mod support;

use common::{builder, retrying, user, CHAT, KEY};
use futures_util::StreamExt;
use humanloop::{Client, Error, TextCollector, TimeoutKind};
use std::time::{Duration, Instant};
use support::{Reply, Server};

#[tokio::test]
async fn the_client_timeout_bounds_the_whole_call_with_its_retries() {
    let server = Server::start(vec![Reply::silent()]).await;
    // Default retries and backoff: a per-attempt limit would take three attempts and the waits.
    let client = builder(&server).timeout(Duration::from_secs(1)).build().expect("client");
    let started = Instant::now();
    let error = client.chat_deployed([user("Hi")]).send().await.expect_err("no answer");
    let took = started.elapsed();
    match error {
        Error::Timeout { after, limit, .. } => assert_eq!((after, limit), (Duration::from_secs(1), TimeoutKind::Call)),
        other => panic!("expected a call timeout, got {other:?}"),
    }
    assert!(took < Duration::from_millis(1500), "failed after {took:?}");
    assert!(took >= Duration::from_millis(950), "failed early, after {took:?}");
}

#[tokio::test]
async fn the_attempt_timeout_limits_each_attempt_and_retries() {
    let server = Server::start(vec![Reply::silent()]).await;
    let client = builder(&server)
        .timeout(None)
        .attempt_timeout(Duration::from_millis(150))
        .retry_policy(retrying())
        .build()
        .expect("client");
    let error = client.chat_deployed([user("Hi")]).send().await.expect_err("no answer");
    match error {
        Error::Timeout { after, limit, .. } => {
            assert_eq!((after, limit), (Duration::from_millis(150), TimeoutKind::Attempt));
        }
        other => panic!("expected an attempt timeout, got {other:?}"),
    }
    assert_eq!(server.recorded().len(), 3, "the first attempt and two retries");
}

#[tokio::test]
async fn per_request_limits_override_the_clients() {
    let server = Server::start(vec![Reply::silent()]).await;
    let client =
        builder(&server).attempt_timeout(Duration::from_secs(30)).retry_policy(retrying()).build().expect("client");
    let error = client
        .chat_deployed([user("Hi")])
        .attempt_timeout(Duration::from_millis(100))
        .timeout(Duration::from_millis(450))
        .max_retries(10)
        .send()
        .await
        .expect_err("no answer");
    // Attempts are cut at 100 ms and retried until the 450 ms call limit ends the fifth.
    assert!(matches!(error, Error::Timeout { limit: TimeoutKind::Call, .. }), "{error:?}");
    assert!((3..=5).contains(&server.recorded().len()), "{} attempts", server.recorded().len());
}

#[tokio::test]
async fn a_retry_the_deadline_cannot_fit_is_not_waited_for() {
    let server =
        Server::start(vec![Reply::json(429, r#"{"detail":{"message":"slow down"}}"#).header("retry-after", "30")])
            .await;
    let client = builder(&server).timeout(Duration::from_secs(5)).build().expect("client");
    let started = Instant::now();
    let error = client.chat_deployed([user("Hi")]).send().await.expect_err("429");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429), "the server's answer, not a timeout: {error:?}");
    assert!(started.elapsed() < Duration::from_secs(2), "no 30 s wait: {:?}", started.elapsed());
    assert_eq!(server.recorded().len(), 1);
}

#[tokio::test]
async fn the_call_timeout_ends_when_a_stream_starts() {
    let event = format!("data: {CHAT}\n\n").into_bytes();
    let chunks = (0..4).map(|_| (Duration::from_millis(150), event.clone())).collect();
    let server = Server::start(vec![Reply::timed(200, chunks)]).await;
    let client = builder(&server).timeout(Duration::from_millis(300)).build().expect("client");
    let stream = client.chat_deployed([user("Hi")]).stream().await.expect("starts");
    let events: Vec<_> = stream.collect().await;
    assert_eq!(events.len(), 4, "600 ms of events outlast the 300 ms call limit");
    assert!(events.iter().all(Result::is_ok), "{events:?}");
}

#[tokio::test]
async fn a_refused_connection_says_so_in_one_line() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", closed.local_addr().expect("address"));
    drop(closed);
    let client = Client::builder().api_key(KEY).base_url(&url).max_retries(0).build().expect("client");
    let error = client.chat_deployed([user("Hi")]).send().await.expect_err("refused");
    let message = error.to_string();
    assert!(matches!(error, Error::Connection { .. }), "{error:?}");
    assert!(message.to_lowercase().contains("connection refused"), "{message}");
    assert!(!message.contains('\n'), "{message}");
    assert!(!message.contains("error sending request"), "the generic wrapper is left out: {message}");
}

#[tokio::test]
async fn request_ids_come_from_the_default_or_the_configured_header() {
    let stream_reply = Reply::sse(vec![format!("data: {CHAT}\n\n").into_bytes()]).header("x-request-id", "req_s");
    let server = Server::start(vec![
        Reply::json(200, CHAT).header("x-request-id", "req_1"),
        stream_reply,
        Reply::json(400, "{}").header("x-request-id", "req_e"),
    ])
    .await;
    let client = builder(&server).max_retries(0).build().expect("client");
    let response = client.chat_deployed([user("Hi")]).send_with_response().await.expect("ok");
    assert_eq!(response.request_id(), Some("req_1"));
    let stream = client.chat_deployed([user("Hi")]).stream().await.expect("starts");
    assert_eq!(stream.request_id(), Some("req_s"));
    let error = client.chat_deployed([user("Hi")]).send().await.expect_err("400");
    assert_eq!(error.request_id(), Some("req_e"));

    let traced = Server::start(vec![Reply::json(200, CHAT).header("x-trace", "t_7")]).await;
    let client = builder(&traced).request_id_header("X-Trace").build().expect("client");
    let response = client.chat_deployed([user("Hi")]).send_with_response().await.expect("ok");
    assert_eq!(response.request_id(), Some("t_7"));
}

#[tokio::test]
async fn streamed_text_is_shown_as_it_arrives_and_collected_at_the_end() {
    let event = |index: u32, text: &str| {
        format!("data: {{\"data\":[{{\"id\":\"d{index}\",\"index\":{index},\"output\":\"{text}\",\"raw_output\":\"{text}\",\"model_config_id\":\"p\",\"output_message\":{{\"role\":\"assistant\"}}}}],\"provider_responses\":[]}}\n\n")
    };
    let body = [event(0, "Hel"), event(1, "Wor"), event(0, "lo"), event(1, "ld")].concat();
    let server = Server::start(vec![Reply::sse(vec![body.into_bytes()])]).await;
    let client = builder(&server).build().expect("client");
    let mut stream = client.chat_deployed([user("Hi")]).num_samples(2).stream().await.expect("starts");
    let mut texts = TextCollector::new();
    let mut shown = Vec::new();
    while let Some(event) = stream.next().await {
        for (index, delta) in texts.push(&event.expect("decodes")) {
            shown.push(format!("{index}:{delta}"));
        }
    }
    assert_eq!(shown, ["0:Hel", "1:Wor", "0:lo", "1:ld"]);
    assert_eq!(texts.into_texts(), ["Hello", "World"]);
}

#[tokio::test]
async fn dropping_a_stream_closes_its_connection() {
    let event = format!("data: {CHAT}\n\n").into_bytes();
    // Events every 20 ms for 4 s, unless the client goes away.
    let chunks = (0..200).map(|_| (Duration::from_millis(20), event.clone())).collect();
    let server = Server::start(vec![Reply::timed(200, chunks)]).await;
    let client = builder(&server).build().expect("client");
    let mut stream = client.chat_deployed([user("Hi")]).stream().await.expect("starts");
    assert!(stream.next().await.expect("an event").is_ok());
    drop(stream);
    let started = Instant::now();
    while server.abandoned.load(std::sync::atomic::Ordering::SeqCst) == 0 {
        assert!(started.elapsed() < Duration::from_secs(2), "the server kept streaming to a dropped stream");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_failed_tls_handshake_says_so() {
    // A server that answers plain HTTP at once, spoken to over https.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
    let url = format!("https://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move {
        use tokio::io::AsyncWriteExt;
        if let Ok((mut socket, _)) = listener.accept().await {
            let _ = socket.write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n").await;
        }
    });
    let client = Client::builder().api_key(KEY).base_url(&url).max_retries(0).build().expect("client");
    let error = client.chat_deployed([user("Hi")]).send().await.expect_err("no TLS there");
    let message = error.to_string();
    assert!(matches!(error, Error::Connection { .. }), "{error:?}");
    assert!(message.contains("corrupt message") || message.to_lowercase().contains("tls"), "{message}");
    assert!(!message.contains('\n') && !message.contains("error sending request"), "{message}");
}

#[tokio::test]
async fn a_connection_that_cannot_be_established_in_time_is_a_connect_timeout() {
    // TLS spoken to a server that never answers: the handshake, part of connecting, never ends.
    let server = Server::start(vec![Reply::silent()]).await;
    let url = server.url.replace("http://", "https://");
    let client = Client::builder()
        .api_key(KEY)
        .base_url(&url)
        .connect_timeout(Duration::from_millis(200))
        .max_retries(0)
        .build()
        .expect("client");
    let error = client.chat_deployed([user("Hi")]).send().await.expect_err("no handshake");
    match error {
        Error::Timeout { after, limit, .. } => {
            assert_eq!((after, limit), (Duration::from_millis(200), TimeoutKind::Connect));
        }
        other => panic!("expected a connect timeout, got {other:?}"),
    }
}
