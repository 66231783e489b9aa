//! Webhook requests an API sends to its users: their signature checked by a [`WebhookVerifier`]
//! first, then their JSON body decoded into the crate's event union (its `parse`). A verifier is
//! any signature scheme: the runtime carries Standard Webhooks' when the API signs with it, and a
//! user plugs in another by implementing the trait.

use std::collections::{BTreeMap, HashMap};

/// The headers of a webhook request, read by name whatever their case: `http`'s `HeaderMap` (what
/// axum, hyper and reqwest hand over) and lists or maps of name and value pairs.
pub trait WebhookHeaders {
    /// The value of header `name` (given in lowercase), when present and text.
    fn header(&self, name: &str) -> Option<&str>;
}

impl WebhookHeaders for reqwest::header::HeaderMap {
    fn header(&self, name: &str) -> Option<&str> {
        self.get(name)?.to_str().ok()
    }
}

/// A value of `pairs` whose name is `name`, whatever its case.
fn find<'a, K: AsRef<str> + 'a, V: AsRef<str> + 'a>(
    pairs: impl IntoIterator<Item = (&'a K, &'a V)>,
    name: &str,
) -> Option<&'a str> {
    pairs.into_iter().find(|(key, _)| key.as_ref().eq_ignore_ascii_case(name)).map(|(_, value)| value.as_ref())
}

impl<K: AsRef<str>, V: AsRef<str>> WebhookHeaders for [(K, V)] {
    fn header(&self, name: &str) -> Option<&str> {
        find(self.iter().map(|(k, v)| (k, v)), name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>, const N: usize> WebhookHeaders for [(K, V); N] {
    fn header(&self, name: &str) -> Option<&str> {
        self.as_slice().header(name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>> WebhookHeaders for Vec<(K, V)> {
    fn header(&self, name: &str) -> Option<&str> {
        self.as_slice().header(name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>, S> WebhookHeaders for HashMap<K, V, S> {
    fn header(&self, name: &str) -> Option<&str> {
        find(self.iter(), name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>> WebhookHeaders for BTreeMap<K, V> {
    fn header(&self, name: &str) -> Option<&str> {
        find(self.iter(), name)
    }
}

impl<T: WebhookHeaders + ?Sized> WebhookHeaders for &T {
    fn header(&self, name: &str) -> Option<&str> {
        (**self).header(name)
    }
}

/// A signature scheme: checks that a webhook request was sent by the API, before anything of it
/// is decoded.
pub trait WebhookVerifier {
    /// `Ok` when `body` with these headers carries a valid signature; otherwise the check that
    /// failed (never naming a secret or a signature).
    fn verify(&self, headers: &dyn WebhookHeaders, body: &[u8]) -> Result<(), WebhookError>;
}

impl<T: WebhookVerifier + ?Sized> WebhookVerifier for &T {
    fn verify(&self, headers: &dyn WebhookHeaders, body: &[u8]) -> Result<(), WebhookError> {
        (**self).verify(headers, body)
    }
}

/// Why a webhook request was refused or could not be decoded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// A header the scheme needs is missing, or not text.
    #[error("the webhook request has no `{0}` header")]
    MissingHeader(&'static str),
    /// The timestamp header is not a whole number of seconds.
    #[error("the webhook request's timestamp is not a number of seconds")]
    InvalidTimestamp,
    /// The request was signed longer ago, or further ahead, than the verifier's tolerance: a
    /// replayed request, or a clock far off.
    #[error("the webhook request was signed {seconds} s from now, outside the tolerance of {tolerance} s")]
    OutsideTolerance {
        /// How far its timestamp is from now, in seconds (negative: in the past).
        seconds: i64,
        /// The tolerance, in seconds.
        tolerance: u64,
    },
    /// No signature of the request matches its body: it was not signed with this secret, or it
    /// was altered on the way.
    #[error("no signature of the webhook request matches its body")]
    NoMatchingSignature,
    /// The secret is not one the scheme takes.
    #[error("the webhook secret is invalid: {0}")]
    InvalidSecret(&'static str),
    /// The request is signed, but its body is not an event this SDK knows how to read.
    #[error("the webhook request's body is not an event of this API: {0}")]
    Decode(#[source] serde_json::Error),
    /// A verifier's own reason to refuse the request.
    #[error("the webhook request is refused: {0}")]
    Refused(String),
}

/// Checks the request with `verifier`, then decodes its body as `T`.
pub fn parse_webhook<T: serde::de::DeserializeOwned>(
    verifier: &dyn WebhookVerifier,
    headers: &dyn WebhookHeaders,
    body: &[u8],
) -> Result<T, WebhookError> {
    verifier.verify(headers, body)?;
    serde_json::from_slice(body).map_err(WebhookError::Decode)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Refuses everything, and says it was asked.
    struct Refuse;
    impl WebhookVerifier for Refuse {
        fn verify(&self, headers: &dyn WebhookHeaders, _: &[u8]) -> Result<(), WebhookError> {
            Err(WebhookError::Refused(headers.header("x-reason").unwrap_or("none").to_owned()))
        }
    }

    struct Accept;
    impl WebhookVerifier for Accept {
        fn verify(&self, _: &dyn WebhookHeaders, _: &[u8]) -> Result<(), WebhookError> {
            Ok(())
        }
    }

    #[test]
    fn headers_are_found_whatever_their_case_in_every_container() {
        let pairs = [("Webhook-Id", "a"), ("webhook-timestamp", "1")];
        assert_eq!(pairs.header("webhook-id"), Some("a"));
        assert_eq!(pairs.header("webhook-signature"), None);
        let owned: Vec<(String, String)> = vec![("WEBHOOK-ID".into(), "b".into())];
        assert_eq!(owned.header("webhook-id"), Some("b"));
        let map: HashMap<String, String> = [("Webhook-Id".to_owned(), "c".to_owned())].into();
        assert_eq!(map.header("webhook-id"), Some("c"));
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("Webhook-Id", reqwest::header::HeaderValue::from_static("d"));
        assert_eq!(headers.header("webhook-id"), Some("d"));
        headers.insert("webhook-timestamp", reqwest::header::HeaderValue::from_bytes(b"\xff").expect("value"));
        assert_eq!(headers.header("webhook-timestamp"), None, "a header that is not text is absent");
    }

    #[test]
    fn nothing_is_decoded_from_a_refused_request() {
        let headers = [("x-reason", "bad")];
        let refused = parse_webhook::<serde_json::Value>(&Refuse, &headers, b"not even json");
        assert!(matches!(refused, Err(WebhookError::Refused(reason)) if reason == "bad"));
        let decoded = parse_webhook::<serde_json::Value>(&Accept, &headers, br#"{"a":1}"#).expect("accepted");
        assert_eq!(decoded["a"], 1);
        let undecodable = parse_webhook::<u8>(&Accept, &headers, br#"{"a":1}"#);
        assert!(matches!(undecodable, Err(WebhookError::Decode(_))));
    }
}
