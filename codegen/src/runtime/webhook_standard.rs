//! The Standard Webhooks signature scheme (standardwebhooks.com), which OpenAI's platform and Svix
//! sign with: a request carries `webhook-id`, `webhook-timestamp` (Unix seconds) and
//! `webhook-signature`, a space-separated list of `v1,<base64>` HMAC-SHA256 tags of
//! `{id}.{timestamp}.{body}` under the endpoint's secret (`whsec_` then base64). Several tags
//! appear while a secret is rotated: any one matching is enough.

use super::webhook::{WebhookError, WebhookHeaders, WebhookVerifier};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

type HmacSha256 = Hmac<Sha256>;

/// How far a request's timestamp may be from now by default: the scheme's five minutes.
const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// Checks Standard Webhooks signatures with an endpoint's secret. Its `Debug` never shows the key.
#[derive(Clone)]
pub struct StandardWebhooks {
    key: Vec<u8>,
    tolerance: Duration,
}

impl std::fmt::Debug for StandardWebhooks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StandardWebhooks").field("key", &"[REDACTED]").field("tolerance", &self.tolerance).finish()
    }
}

impl StandardWebhooks {
    /// A verifier for the endpoint secret `secret` as the API shows it (`whsec_` then base64; the
    /// prefix may be left out).
    pub fn new(secret: impl AsRef<str>) -> Result<Self, WebhookError> {
        let encoded = secret.as_ref().trim();
        let encoded = encoded.strip_prefix("whsec_").unwrap_or(encoded);
        let key = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(|_| WebhookError::InvalidSecret("not base64 after `whsec_`"))?;
        if key.is_empty() {
            return Err(WebhookError::InvalidSecret("empty"));
        }
        Ok(Self::from_key(key))
    }

    /// A verifier for a secret given as its raw key bytes.
    pub fn from_key(key: impl Into<Vec<u8>>) -> Self {
        StandardWebhooks { key: key.into(), tolerance: DEFAULT_TOLERANCE }
    }

    /// How far a request's timestamp may be from now, either way (default five minutes): older
    /// requests are refused as replays.
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// The `webhook-signature` value for a request: what the API sends, for tests and for
    /// services that send webhooks themselves.
    pub fn sign(&self, id: &str, timestamp: i64, body: &[u8]) -> String {
        let tag = self.mac(id, &timestamp.to_string(), body).finalize().into_bytes();
        format!("v1,{}", base64::engine::general_purpose::STANDARD.encode(tag))
    }

    /// Checks the request as if the time were `now` (Unix seconds).
    pub fn verify_at(&self, headers: &dyn WebhookHeaders, body: &[u8], now: i64) -> Result<(), WebhookError> {
        let id = headers.header("webhook-id").ok_or(WebhookError::MissingHeader("webhook-id"))?;
        let timestamp = headers.header("webhook-timestamp").ok_or(WebhookError::MissingHeader("webhook-timestamp"))?;
        let signatures = headers.header("webhook-signature").ok_or(WebhookError::MissingHeader("webhook-signature"))?;
        // Signed as sent: the header's text, not the number read back.
        let sent = timestamp.trim();
        let timestamp: i64 = sent.parse().map_err(|_| WebhookError::InvalidTimestamp)?;
        let tolerance = self.tolerance.as_secs();
        let seconds = timestamp.saturating_sub(now);
        if seconds.unsigned_abs() > tolerance {
            return Err(WebhookError::OutsideTolerance { seconds, tolerance });
        }
        let mac = self.mac(id, sent, body);
        let matches = signatures
            .split_whitespace()
            .filter_map(|entry| entry.strip_prefix("v1,"))
            .filter_map(|tag| base64::engine::general_purpose::STANDARD.decode(tag).ok())
            // `verify_slice` compares in constant time.
            .any(|tag| mac.clone().verify_slice(&tag).is_ok());
        match matches {
            true => Ok(()),
            false => Err(WebhookError::NoMatchingSignature),
        }
    }

    /// The HMAC of what the scheme signs: `{id}.{timestamp}.{body}`.
    fn mac(&self, id: &str, timestamp: &str, body: &[u8]) -> HmacSha256 {
        // HMAC takes keys of any length.
        let mut mac = <HmacSha256 as Mac>::new_from_slice(&self.key).unwrap_or_else(|_| unreachable!());
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.as_bytes());
        mac.update(b".");
        mac.update(body);
        mac
    }
}

impl WebhookVerifier for StandardWebhooks {
    fn verify(&self, headers: &dyn WebhookHeaders, body: &[u8]) -> Result<(), WebhookError> {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |since| since.as_secs());
        self.verify_at(headers, body, i64::try_from(now).unwrap_or(i64::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The Standard Webhooks specification's test vector.
    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const TIMESTAMP: i64 = 1_614_265_330;
    const BODY: &[u8] = br#"{"test": 2432232314}"#;
    const SIGNATURE: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    fn headers(signature: &str, timestamp: &str) -> [(&'static str, String); 3] {
        [
            ("webhook-id", ID.to_owned()),
            ("webhook-timestamp", timestamp.to_owned()),
            ("webhook-signature", signature.to_owned()),
        ]
    }

    fn verifier() -> StandardWebhooks {
        StandardWebhooks::new(SECRET).expect("the vector's secret")
    }

    #[test]
    fn signs_and_verifies_the_specification_vector() {
        assert_eq!(verifier().sign(ID, TIMESTAMP, BODY), SIGNATURE);
        let at = TIMESTAMP.to_string();
        verifier().verify_at(&headers(SIGNATURE, &at), BODY, TIMESTAMP + 10).expect("valid");
        // The secret without its prefix is the same key.
        let bare = StandardWebhooks::new(SECRET.trim_start_matches("whsec_")).expect("bare");
        bare.verify_at(&headers(SIGNATURE, &at), BODY, TIMESTAMP).expect("valid");
    }

    #[test]
    fn any_of_several_signatures_may_match() {
        let at = TIMESTAMP.to_string();
        let rotated = format!("v1,bm90IGl0 v1a,ignored {SIGNATURE}");
        verifier().verify_at(&headers(&rotated, &at), BODY, TIMESTAMP).expect("the second matches");
    }

    #[test]
    fn altered_bodies_other_secrets_ids_and_versions_are_refused() {
        let at = TIMESTAMP.to_string();
        let refused = |result: Result<(), WebhookError>| matches!(result, Err(WebhookError::NoMatchingSignature));
        assert!(refused(verifier().verify_at(&headers(SIGNATURE, &at), br#"{"test": 2432232315}"#, TIMESTAMP)));
        let other = StandardWebhooks::from_key(b"another secret".to_vec());
        assert!(refused(other.verify_at(&headers(SIGNATURE, &at), BODY, TIMESTAMP)));
        let mut moved = headers(SIGNATURE, &at);
        moved[0].1 = "msg_other".to_owned();
        assert!(refused(verifier().verify_at(&moved, BODY, TIMESTAMP)));
        let unversioned = SIGNATURE.trim_start_matches("v1,");
        assert!(refused(verifier().verify_at(&headers(unversioned, &at), BODY, TIMESTAMP)));
        assert!(refused(verifier().verify_at(&headers("", &at), BODY, TIMESTAMP)));
    }

    #[test]
    fn timestamps_outside_the_tolerance_are_refused_either_way() {
        let at = TIMESTAMP.to_string();
        let late = verifier().verify_at(&headers(SIGNATURE, &at), BODY, TIMESTAMP + 301);
        assert!(matches!(late, Err(WebhookError::OutsideTolerance { seconds: -301, tolerance: 300 })));
        let early = verifier().verify_at(&headers(SIGNATURE, &at), BODY, TIMESTAMP - 301);
        assert!(matches!(early, Err(WebhookError::OutsideTolerance { seconds: 301, .. })));
        let wide = verifier().tolerance(Duration::from_secs(3600));
        wide.verify_at(&headers(SIGNATURE, &at), BODY, TIMESTAMP + 3000).expect("within an hour");
        let invalid = verifier().verify_at(&headers(SIGNATURE, "yesterday"), BODY, TIMESTAMP);
        assert!(matches!(invalid, Err(WebhookError::InvalidTimestamp)));
    }

    #[test]
    fn missing_headers_and_bad_secrets_are_named_and_the_key_never_printed() {
        let missing = verifier().verify_at(&[("webhook-id", ID)], BODY, TIMESTAMP);
        assert!(matches!(missing, Err(WebhookError::MissingHeader("webhook-timestamp"))));
        assert!(matches!(StandardWebhooks::new("whsec_not base64!"), Err(WebhookError::InvalidSecret(_))));
        assert!(matches!(StandardWebhooks::new("whsec_"), Err(WebhookError::InvalidSecret(_))));
        let printed = format!("{:?}", verifier());
        assert!(printed.contains("[REDACTED]") && !printed.contains("MfKQ9r8"), "{printed}");
        let refused = verifier().verify_at(&headers(SIGNATURE, &TIMESTAMP.to_string()), b"{}", TIMESTAMP);
        let message = refused.expect_err("altered").to_string();
        assert!(!message.contains("g0hM9SsE") && !message.contains("MfKQ9r8"), "{message}");
    }
}
