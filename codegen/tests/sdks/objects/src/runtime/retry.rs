// @generated: the runtime every generated crate carries (its tests run in the runtime crate). Do not edit.
//! When to retry and how long to wait: exponential backoff with full jitter, capped, and the
//! server's `Retry-After` / `retry-after-ms` honoured.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use std::time::{Duration, SystemTime};

/// Retry settings of a client.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 2).
    pub max_retries: u32,
    /// Backoff before the first retry, doubled each time (default 500 ms).
    pub initial_backoff: Duration,
    /// Longest wait between attempts, also for `Retry-After` (default 8 s; `Retry-After` up to 60 s).
    pub max_backoff: Duration,
    /// Statuses that are retried (default 408, 409, 429 and every 5xx).
    pub retry_on: fn(StatusCode) -> bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            retry_on: default_retry_on,
        }
    }
}

/// 408, 409, 429 and 5xx.
pub fn default_retry_on(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
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

