// @generated: the runtime every generated crate carries (its tests run in the runtime crate). Do not edit.
//! When to retry and how long to wait: which failures a call is retried after, exponential
//! backoff with full jitter, capped, and the server's `Retry-After` / `retry-after-ms` honoured.
//!
//! A retry sends the request again, which is harmless only when sending it twice has the effect
//! of sending it once. GET, HEAD, OPTIONS, TRACE, PUT and DELETE are idempotent (RFC 9110); a
//! POST or PATCH that timed out or was answered `500` may still have acted, so it is retried
//! only when it never reached the server (no connection could be made) or when it carries an
//! idempotency key, by which the server recognises the repeat.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use std::time::{Duration, SystemTime};

/// Retry settings of a client.
///
/// A call is retried after a failed connection, an attempt timeout or a status `retry_on`
/// accepts, while retries remain and the call's `timeout` leaves time. A call whose method is
/// not idempotent (POST, PATCH) is retried only when that is safe: when it never reached the
/// server (the connection could not be made, or making it timed out), or when it carries an
/// idempotency key (operations whose API declares one send a new key with each call, the same
/// on every attempt). `retry_non_idempotent` lifts that rule for an API that is known to be safe
/// to repeat.
///
/// Build one from the defaults, as fields may be added:
/// `RetryPolicy { max_retries: 4, ..RetryPolicy::default() }`.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 2).
    pub max_retries: u32,
    /// Backoff before the first retry, doubled each time (default 500 ms).
    pub initial_backoff: Duration,
    /// Longest wait between attempts, also for `Retry-After` (default 8 s; `Retry-After` up to 60 s).
    pub max_backoff: Duration,
    /// Statuses that are retried (default 408, 429 and every 5xx; a `409 Conflict` reports the
    /// state of what the call acts on, which a repeat does not change).
    pub retry_on: fn(StatusCode) -> bool,
    /// Whether calls that are not idempotent (POST, PATCH) and carry no idempotency key are
    /// retried like the others, after a timeout or a status `retry_on` accepts, although the
    /// first attempt may have acted (default false: they are retried only when they never
    /// reached the server). For an API whose every operation is safe to repeat.
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            retry_on: default_retry_on,
            retry_non_idempotent: false,
        }
    }
}

/// 408, 429 and 5xx: a request timeout, a rate limit, a server failure.
pub fn default_retry_on(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429) || status.is_server_error()
}

/// Longest `Retry-After` honoured.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

impl RetryPolicy {
    /// How long to wait before retry number `attempt` (0-based).
    pub(crate) fn delay(&self, attempt: u32, headers: Option<&HeaderMap>) -> Duration {
        if let Some(wait) = headers.and_then(retry_after) {
            return wait.min(MAX_RETRY_AFTER);
        }
        let ceiling = self.initial_backoff.saturating_mul(1u32 << attempt.min(16)).min(self.max_backoff);
        // Full jitter: uniformly random in [0, ceiling].
        ceiling.mul_f64(fastrand::f64())
    }
}

/// A new idempotency key: a random version-4 UUID in its text form
/// (`3f2b8c1e-9a4d-4e7f-b2c1-0d5e6f7a8b9c`), from the thread's `fastrand` generator.
pub(crate) fn idempotency_key() -> String {
    let mut n = fastrand::u128(..);
    // The version (4, random) in bits 76-79, the variant (RFC 9562: `10`) in bits 62-63.
    n = (n & !(0xf << 76)) | (0x4 << 76);
    n = (n & !(0x3 << 62)) | (0x2 << 62);
    let hex = format!("{n:032x}");
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// The wait a response asks for: `retry-after-ms`, then `Retry-After` in seconds or as an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    if let Some(ms) = text("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        return (ms.is_finite() && ms >= 0.0).then(|| Duration::from_secs_f64(ms / 1000.0));
    }
    let value = text("retry-after")?;
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

