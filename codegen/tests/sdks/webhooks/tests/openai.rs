//! OpenAI's 16 webhooks, delivered as OpenAI delivers them: each sample (the document's own
//! examples, in `data/`) signed by Standard Webhooks is parsed into the variant of its webhook,
//! with its fields; a request whose signature fails is refused before anything is decoded.

use fixture_sdk_webhooks::types::WebhookEvent;
use fixture_sdk_webhooks::{StandardWebhooks, WebhookError, WebhookHeaders, WebhookVerifier};
use std::time::{SystemTime, UNIX_EPOCH};

/// An endpoint secret as OpenAI shows it.
const SECRET: &str = "whsec_c2VjcmV0LW9mLXRoZS10ZXN0LWVuZHBvaW50";

fn now() -> i64 {
    let since = SystemTime::now().duration_since(UNIX_EPOCH).expect("after 1970");
    i64::try_from(since.as_secs()).expect("seconds fit")
}

fn verifier() -> StandardWebhooks {
    StandardWebhooks::new(SECRET).expect("a valid secret")
}

/// The headers of a delivery of `body` signed by `signer` at `timestamp`.
fn delivery(signer: &StandardWebhooks, body: &[u8], timestamp: i64) -> Vec<(String, String)> {
    let id = "msg_2yS3kP8nF4eVxXr1";
    vec![
        ("webhook-id".to_owned(), id.to_owned()),
        ("webhook-timestamp".to_owned(), timestamp.to_string()),
        ("Webhook-Signature".to_owned(), signer.sign(id, timestamp, body)),
    ]
}

/// The webhook an event was decoded as, and the id its payload's `data` names.
fn webhook_of(event: &WebhookEvent) -> (&'static str, String) {
    match event {
        WebhookEvent::BatchCancelled(e) => ("batch_cancelled", e.data.id.clone()),
        WebhookEvent::BatchCompleted(e) => ("batch_completed", e.data.id.clone()),
        WebhookEvent::BatchExpired(e) => ("batch_expired", e.data.id.clone()),
        WebhookEvent::BatchFailed(e) => ("batch_failed", e.data.id.clone()),
        WebhookEvent::EvalRunCanceled(e) => ("eval_run_canceled", e.data.id.clone()),
        WebhookEvent::EvalRunFailed(e) => ("eval_run_failed", e.data.id.clone()),
        WebhookEvent::EvalRunSucceeded(e) => ("eval_run_succeeded", e.data.id.clone()),
        WebhookEvent::FineTuningJobCancelled(e) => ("fine_tuning_job_cancelled", e.data.id.clone()),
        WebhookEvent::FineTuningJobFailed(e) => ("fine_tuning_job_failed", e.data.id.clone()),
        WebhookEvent::FineTuningJobSucceeded(e) => ("fine_tuning_job_succeeded", e.data.id.clone()),
        WebhookEvent::LiveCallIncoming(e) => ("live_call_incoming", e.data.session_id.clone()),
        WebhookEvent::RealtimeCallIncoming(e) => ("realtime_call_incoming", e.data.call_id.clone()),
        WebhookEvent::ResponseCancelled(e) => ("response_cancelled", e.data.id.clone()),
        WebhookEvent::ResponseCompleted(e) => ("response_completed", e.data.id.clone()),
        WebhookEvent::ResponseFailed(e) => ("response_failed", e.data.id.clone()),
        WebhookEvent::ResponseIncomplete(e) => ("response_incomplete", e.data.id.clone()),
        other => panic!("not one of OpenAI's webhooks: {other:?}"),
    }
}

fn samples() -> Vec<serde_json::Value> {
    serde_json::from_str(include_str!("data/openai_samples.json")).expect("the samples are JSON")
}

#[test]
fn each_of_openais_webhooks_parses_into_its_own_variant_from_a_signed_sample() {
    let samples = samples();
    assert_eq!(samples.len(), 16, "the document declares 16 webhooks");
    for sample in samples {
        let webhook = sample["webhook"].as_str().expect("webhook name");
        let body = serde_json::to_vec(&sample["payload"]).expect("encodes");
        let headers = delivery(&verifier(), &body, now());
        let event = WebhookEvent::parse(&verifier(), &headers, &body).unwrap_or_else(|e| panic!("{webhook}: {e}"));
        let (decoded_as, data_id) = webhook_of(&event);
        assert_eq!(decoded_as, webhook);
        let data = &sample["payload"]["data"];
        let expected = data.get("id").or(data.get("session_id")).or(data.get("call_id")).and_then(|v| v.as_str());
        assert_eq!(Some(data_id.as_str()), expected, "{webhook}: its data");
        // Encoded back, the event is the payload it came from.
        assert_eq!(serde_json::to_value(&event).expect("encodes"), sample["payload"], "{webhook}");
    }
}

#[test]
fn a_wrong_signature_is_refused_before_anything_is_decoded() {
    let body = serde_json::to_vec(&samples()[0]["payload"]).expect("encodes");
    let stranger = StandardWebhooks::new("whsec_YW5vdGhlci1lbmRwb2ludHMtc2VjcmV0").expect("secret");
    let forged = WebhookEvent::parse(&verifier(), &delivery(&stranger, &body, now()), &body);
    assert!(matches!(forged, Err(WebhookError::NoMatchingSignature)), "{forged:?}");
    // A body altered after signing, even into one that would not decode, is a signature failure.
    let headers = delivery(&verifier(), &body, now());
    let altered = WebhookEvent::parse(&verifier(), &headers, b"{\"type\":\"batch.completed\"}");
    assert!(matches!(altered, Err(WebhookError::NoMatchingSignature)), "{altered:?}");
    // A genuine delivery replayed an hour later.
    let replayed = WebhookEvent::parse(&verifier(), &delivery(&verifier(), &body, now() - 3600), &body);
    assert!(matches!(replayed, Err(WebhookError::OutsideTolerance { .. })), "{replayed:?}");
    let unsigned = WebhookEvent::parse(&verifier(), &[("webhook-id", "msg_1")], &body);
    assert!(matches!(unsigned, Err(WebhookError::MissingHeader("webhook-timestamp"))), "{unsigned:?}");
}

#[test]
fn an_event_added_after_this_sdk_decodes_as_unknown_with_its_payload() {
    let payload = serde_json::json!({
        "id": "evt_1", "object": "event", "type": "batch.paused", "created_at": 1719168000, "data": {"id": "batch_1"}
    });
    let body = serde_json::to_vec(&payload).expect("encodes");
    let event = WebhookEvent::parse(&verifier(), &delivery(&verifier(), &body, now()), &body).expect("signed");
    assert!(matches!(&event, WebhookEvent::Unknown(value) if *value == payload), "{event:?}");
}

#[test]
fn a_signed_body_that_is_no_event_is_a_decode_error() {
    let body = br#"{"type": "batch.completed", "id": 7}"#;
    let result = WebhookEvent::parse(&verifier(), &delivery(&verifier(), body, now()), body);
    assert!(matches!(result, Err(WebhookError::Decode(_))), "{result:?}");
}

/// Another scheme, plugged in: a shared token in a header.
struct SharedToken(&'static str);

impl WebhookVerifier for SharedToken {
    fn verify(&self, headers: &dyn WebhookHeaders, _body: &[u8]) -> Result<(), WebhookError> {
        match headers.header("x-webhook-token") {
            Some(token) if token == self.0 => Ok(()),
            _ => Err(WebhookError::Refused("wrong token".to_owned())),
        }
    }
}

#[test]
fn another_signature_scheme_plugs_in_as_a_verifier() {
    let body = serde_json::to_vec(&samples()[1]["payload"]).expect("encodes");
    let event = WebhookEvent::parse(&SharedToken("t0k3n"), &[("X-Webhook-Token", "t0k3n")], &body).expect("token");
    assert_eq!(webhook_of(&event).0, "batch_completed");
    let refused = WebhookEvent::parse(&SharedToken("t0k3n"), &[("X-Webhook-Token", "guess")], &body);
    assert!(matches!(refused, Err(WebhookError::Refused(_))));
}
