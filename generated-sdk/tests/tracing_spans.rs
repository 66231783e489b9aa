//! The `tracing` spans of a retried call carry what an operator needs and no secret.
//!
//! The only test of its binary: the recorder is the process's global subscriber, so no test
//! running beside it on another thread can hit the SDK's callsites first and have them cached
//! as disabled (the race a thread-local `set_default` is open to).

mod common;
mod support;

use common::{builder, retrying, user, CHAT, KEY};
use std::sync::{Arc, Mutex};
use support::{Reply, Server};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Every span (name and fields, as later recorded too) and event a call produced.
#[derive(Default)]
struct Recorded {
    spans: Vec<(String, Vec<(String, String)>)>,
    events: Vec<Vec<(String, String)>>,
}

#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Recorded>>);

struct Fields<'a>(&'a mut Vec<(String, String)>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut recorded = self.0.lock().expect("lock");
        let mut fields = Vec::new();
        span.record(&mut Fields(&mut fields));
        recorded.spans.push((span.metadata().name().to_owned(), fields));
        Id::from_u64(recorded.spans.len() as u64)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut recorded = self.0.lock().expect("lock");
        let index = span.into_u64() as usize - 1;
        values.record(&mut Fields(&mut recorded.spans[index].1));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        self.0.lock().expect("lock").events.push(fields);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    // The last record of a field is its final value.
    fields.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn a_retried_call_has_a_span_per_attempt_and_never_a_secret() {
    let recorder = Recorder::default();
    tracing::subscriber::set_global_default(recorder.clone()).expect("the only subscriber");
    let retried = vec![Reply::json(503, "{}").header("retry-after", "0"), Reply::json(200, CHAT)];
    let server = Server::start(retried).await;
    let client = builder(&server).retry_policy(retrying()).build().expect("client");
    client.chat_deployed([user("Hi")]).provider_api_keys(provider_keys()).send().await.expect("second attempt");

    let recorded = recorder.0.lock().expect("lock");
    let calls: Vec<&Vec<(String, String)>> =
        recorded.spans.iter().filter(|(name, _)| name == "http.call").map(|(_, f)| f).collect();
    assert_eq!(calls.len(), 1);
    let call = calls[0];
    assert_eq!(field(call, "operation"), Some("\"chat_deployed\""));
    assert_eq!(field(call, "method"), Some("POST"));
    assert_eq!(field(call, "path"), Some("\"/chat-deployed\""));
    assert_eq!(field(call, "status"), Some("200"));
    assert_eq!(field(call, "attempts"), Some("2"));
    let attempts: Vec<(Option<&str>, Option<&str>)> = recorded
        .spans
        .iter()
        .filter(|(name, _)| name == "http.attempt")
        .map(|(_, f)| (field(f, "attempt"), field(f, "status")))
        .collect();
    assert_eq!(attempts, [(Some("1"), Some("503")), (Some("2"), Some("200"))]);
    let retry = recorded.events.iter().find(|e| field(e, "message") == Some("retrying")).expect("a retry event");
    assert_eq!((field(retry, "delay_ms"), field(retry, "reason")), (Some("0"), Some("\"503\"")));

    let everything: Vec<&(String, String)> =
        recorded.spans.iter().flat_map(|(_, f)| f).chain(recorded.events.iter().flatten()).collect();
    for (name, value) in everything {
        assert!(!value.contains(KEY) && !value.contains("sk-provider"), "{name} = {value} shows a secret");
    }
}

fn provider_keys() -> humanloop::types::ProviderApiKeys {
    humanloop::types::ProviderApiKeys::new().openai("sk-provider-secret")
}
