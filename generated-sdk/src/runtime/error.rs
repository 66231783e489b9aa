// @generated: copied by `cargo xtask regen` from codegen/runtime/src/runtime/error.rs. Edit that file instead.
//! The one error type of a generated SDK: what failed (connection, timeout, HTTP status, decoding,
//! a stream event), with everything the server sent kept for inspection.

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// A response body kept in an error: the bytes as received, printed with the request's secrets
/// (API key, `format: password` values) replaced by `[REDACTED]` in case the server echoes them.
#[derive(Clone)]
pub struct ResponseBody {
    bytes: Bytes,
    secrets: Arc<[String]>,
}

impl ResponseBody {
    pub(crate) fn new(bytes: Bytes, secrets: Arc<[String]>) -> Self {
        ResponseBody { bytes, secrets }
    }

    /// The body exactly as received (not redacted).
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The body as text, secrets redacted, cut after `max` bytes.
    fn redacted(&self, max: usize) -> String {
        let mut text = String::from_utf8_lossy(&self.bytes).into_owned();
        for secret in self.secrets.iter().filter(|s| !s.is_empty()) {
            text = text.replace(secret.as_str(), "[REDACTED]");
        }
        if text.len() > max {
            let cut = (0..=max).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
            text.truncate(cut);
            text.push('…');
        }
        text
    }
}

impl std::ops::Deref for ResponseBody {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.bytes
    }
}

impl fmt::Debug for ResponseBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.redacted(usize::MAX), f)
    }
}

impl fmt::Display for ResponseBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.redacted(usize::MAX).trim())
    }
}

/// Decoders of the error bodies an operation declares, by status (`422`, `4XX`, `default`).
pub type ErrorDecoder<B> = &'static [(&'static str, fn(&[u8]) -> Option<B>)];

/// Any failure of a call. `B` is the SDK's typed error body (its `ErrorBody`).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<B: fmt::Debug = serde_json::Value> {
    /// The server could not be reached, or the connection broke.
    #[error("connection to {url} failed: {source}")]
    Connection {
        /// The URL, without query string.
        url: String,
        /// What reqwest reported.
        #[source]
        source: reqwest::Error,
    },
    /// No response (or, for a stream, no next event) came in time.
    #[error("{url} did not answer within {after:?}")]
    Timeout {
        /// The URL, without query string.
        url: String,
        /// The timeout that ran out.
        after: Duration,
    },
    /// The server answered with a non-success status.
    #[error("{0}")]
    Status(Box<StatusError<B>>),
    /// A success response body did not match the expected type.
    #[error("response of {url} (HTTP {status}) could not be decoded: {source}")]
    Decode {
        /// The URL, without query string.
        url: String,
        /// The response status.
        status: StatusCode,
        /// The body as received.
        body: ResponseBody,
        /// What serde reported.
        #[source]
        source: serde_json::Error,
    },
    /// A server-sent event's data did not match the expected type; the stream goes on.
    #[error("stream event could not be decoded: {source}; data: {data}")]
    Event {
        /// The event's `data:` as received.
        data: String,
        /// What serde reported.
        #[source]
        source: serde_json::Error,
    },
    /// The request could not be built (body not serialisable, invalid header, missing setting).
    #[error("invalid request: {0}")]
    Request(String),
}

/// A client could not be configured: a missing environment variable, an invalid header, an HTTP
/// client that could not be created. Converts into [`Error`] for `?`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub(crate) String);

impl<B: fmt::Debug> From<ConfigError> for Error<B> {
    fn from(error: ConfigError) -> Self {
        Error::Request(error.0)
    }
}

/// A non-success HTTP response.
#[derive(Debug)]
pub struct StatusError<B> {
    /// `POST`, `GET`, …
    pub method: String,
    /// The URL, without query string.
    pub url: String,
    /// The status.
    pub status: StatusCode,
    /// The response headers (request ids, rate limits).
    pub headers: HeaderMap,
    /// The body as received.
    pub body: ResponseBody,
    /// The body decoded as the type the document declares for this status, when it matched.
    pub parsed: Option<B>,
}

impl<B> fmt::Display for StatusError<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} failed with HTTP {}", self.method, self.url, self.status)?;
        if !self.body.is_empty() {
            write!(f, ": {}", self.body.redacted(2000).trim())?;
        }
        Ok(())
    }
}

impl<B: fmt::Debug> Error<B> {
    /// The HTTP status, for [`Error::Status`] and [`Error::Decode`].
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Status(e) => Some(e.status),
            Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The typed error body, when the server sent one the document declares.
    pub fn body(&self) -> Option<&B> {
        match self {
            Error::Status(e) => e.parsed.as_ref(),
            _ => None,
        }
    }

    /// The raw response body of a failed call.
    pub fn raw_body(&self) -> Option<&ResponseBody> {
        match self {
            Error::Status(e) => Some(&e.body),
            Error::Decode { body, .. } => Some(body),
            _ => None,
        }
    }

    /// The response headers of a failed call.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::Status(e) => Some(&e.headers),
            _ => None,
        }
    }
}

/// Picks the decoder for `status`: exact code, then range (`4XX`), then `default`.
pub(crate) fn decode_body<B>(decoders: ErrorDecoder<B>, status: StatusCode, body: &[u8]) -> Option<B> {
    let code = status.as_str();
    let range = format!("{}XX", &code[..1]);
    [code, range.as_str(), "DEFAULT"]
        .iter()
        .find_map(|wanted| decoders.iter().find(|(s, _)| s.eq_ignore_ascii_case(wanted)))
        .and_then(|(_, decode)| decode(body))
}
