// @generated: the runtime every generated crate carries (its tests run in the runtime crate). Do not edit.
//! Watching calls: `tracing` spans (behind the `tracing` feature, on by default) and the
//! [`Hook`]s a user adds to see or change each attempt.
//!
//! Spans carry the operation, the method, the path *template* (never the filled-in path or the
//! query, which may hold identifiers or keys), statuses, attempt numbers and retry delays;
//! nothing else, so no secret can reach a subscriber.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use std::future::Future;
use std::time::Duration;

/// Sees, and may change, every attempt of every call a client makes: add a header, sign the
/// request, count, log, time.
///
/// A hook sees the request as it is sent, credentials included: it is the user's own code, so
/// keep what it prints free of them. Hooks run in the order they were added; both methods do
/// nothing unless implemented.
pub trait Hook: Send + Sync + 'static {
    /// Before each attempt is sent.
    fn on_request(&self, request: &mut reqwest::Request) {
        let _ = request;
    }

    /// When each attempt's response starts (its body not read yet), with the time since the
    /// attempt was sent.
    fn on_response(&self, status: StatusCode, headers: &HeaderMap, elapsed: Duration) {
        let _ = (status, headers, elapsed);
    }
}

/// What a call's span knows before it starts.
#[derive(Debug, Clone, Copy, Default)]
#[cfg_attr(not(feature = "tracing"), allow(dead_code))]
pub(crate) struct CallInfo {
    /// The operation's method name (`chat`).
    pub(crate) operation: &'static str,
    /// The path template (`/pets/{petId}`).
    pub(crate) template: &'static str,
}

/// The span of one call; without the `tracing` feature every method does nothing.
pub(crate) struct CallSpan {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

impl CallSpan {
    pub(crate) fn new(info: CallInfo, method: &reqwest::Method) -> Self {
        #[cfg(feature = "tracing")]
        {
            let span = tracing::info_span!(
                "http.call",
                operation = info.operation,
                method = %method,
                path = info.template,
                status = tracing::field::Empty,
                attempts = tracing::field::Empty,
            );
            CallSpan { span }
        }
        #[cfg(not(feature = "tracing"))]
        {
            let _ = (info, method);
            CallSpan {}
        }
    }

    /// Runs `work` inside the span.
    pub(crate) async fn run<T>(&self, work: impl Future<Output = T>) -> T {
        #[cfg(feature = "tracing")]
        {
            tracing::Instrument::instrument(work, self.span.clone()).await
        }
        #[cfg(not(feature = "tracing"))]
        {
            work.await
        }
    }

    /// Runs attempt `number` (0 for the first) inside a span of its own, which (with the
    /// call's) records the status it got.
    pub(crate) async fn attempt<E>(
        &self,
        number: u32,
        work: impl Future<Output = Result<reqwest::Response, E>>,
    ) -> Result<reqwest::Response, E> {
        #[cfg(feature = "tracing")]
        {
            self.span.record("attempts", number + 1);
            let span = tracing::info_span!(
                parent: &self.span,
                "http.attempt",
                attempt = number + 1,
                status = tracing::field::Empty,
            );
            let sent = tracing::Instrument::instrument(work, span.clone()).await;
            if let Ok(response) = &sent {
                span.record("status", response.status().as_u16());
                self.span.record("status", response.status().as_u16());
            }
            sent
        }
        #[cfg(not(feature = "tracing"))]
        {
            let _ = number;
            work.await
        }
    }

    /// A retry about to wait `delay` after `reason` (a status or a connection failure).
    pub(crate) fn retry(&self, delay: Duration, reason: &str) {
        #[cfg(feature = "tracing")]
        self.span.in_scope(|| tracing::info!(delay_ms = delay.as_millis() as u64, reason, "retrying"));
        #[cfg(not(feature = "tracing"))]
        let _ = (delay, reason);
    }
}
