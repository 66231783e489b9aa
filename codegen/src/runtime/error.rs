//! The one error type of a generated SDK: what failed (connection, timeout, HTTP status, decoding,
//! a stream event), with everything the server sent kept for inspection.
//!
//! Servers and proxies echo requests back into error bodies, headers and events, so everything an
//! error holds that came from the server is redacted against the request's secrets (the API key,
//! `format: password` values) before it can be printed or decoded; only
//! [`ResponseBody::bytes`] gives the exact bytes.

use super::secret::Secrets;
use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use std::fmt;
use std::time::Duration;

/// How much of a body a one-line message shows.
const MESSAGE_BODY_LIMIT: usize = 2000;

/// A body kept in an error: the bytes as received, printed (`Display`, `Debug`, [`text`](Self::text))
/// with the request's secrets replaced by `[REDACTED]`, in case the server echoed them.
#[derive(Clone)]
pub struct ResponseBody {
    bytes: Bytes,
    secrets: Secrets,
}

impl ResponseBody {
    pub(crate) fn new(bytes: Bytes, secrets: Secrets) -> Self {
        ResponseBody { bytes, secrets }
    }

    /// The body exactly as received, **not redacted**: it may hold secrets the server echoed.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The body as text, secrets redacted (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        self.secrets.redact_bytes(&self.bytes)
    }

    /// Whether the body is empty.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// The redacted text, cut after `max` bytes.
    fn excerpt(&self, max: usize) -> String {
        let mut text = self.text();
        if text.len() > max {
            let cut = (0..=max).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
            text.truncate(cut);
            text.push('…');
        }
        text
    }
}

impl fmt::Debug for ResponseBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text(), f)
    }
}

impl fmt::Display for ResponseBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().trim())
    }
}

/// Why JSON from the server did not decode: serde's message with the request's secrets redacted
/// (serde quotes the offending value, which may be an echoed secret), and where it failed.
#[derive(Debug, Clone)]
pub struct DecodeError {
    message: String,
    line: usize,
    column: usize,
}

impl DecodeError {
    pub(crate) fn new(source: &serde_json::Error, secrets: &Secrets) -> Self {
        DecodeError {
            message: secrets.redact(&source.to_string()).into_owned(),
            line: source.line(),
            column: source.column(),
        }
    }

    /// Line of the JSON text where decoding failed (1-based; 0 when unknown). A value of the
    /// wrong type inside an object is found after the object is read, so it has no line: the
    /// message names it by its path instead (``field `data`: field `index`: invalid type: …``).
    pub fn line(&self) -> usize {
        self.line
    }

    /// Column of the JSON text where decoding failed (1-based; 0 when unknown).
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DecodeError {}

/// Which time limit ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// The whole call: every attempt and the waits between them (`timeout`).
    Call,
    /// One attempt (`attempt_timeout`); retried while retries and time remain, unless the call
    /// is not idempotent and carries no idempotency key (the request may have acted).
    Attempt,
    /// Establishing a connection, TLS included (`connect_timeout`); the request was not sent,
    /// so it is retried whatever its method.
    Connect,
    /// The wait for a stream's next chunk (`stream_idle_timeout`).
    StreamIdle,
}

impl fmt::Display for TimeoutKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeoutKind::Call => "call timeout",
            TimeoutKind::Attempt => "attempt timeout",
            TimeoutKind::Connect => "connect timeout",
            TimeoutKind::StreamIdle => "stream idle timeout",
        })
    }
}

/// Any failure of a call. `B` is the SDK's typed error body (its `ErrorBody`).
///
/// Neither `Display` nor `Debug` shows a secret of the request, whichever way the server sent it
/// back: bodies, headers, event data and decoder messages are redacted.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<B: fmt::Debug = serde_json::Value> {
    /// The server could not be reached (no connection could be made: the request was not sent,
    /// [`is_connect`](Error::is_connect)), or the connection broke after the request was sent.
    #[error("connection to {url} failed: {}", root_cause(source))]
    Connection {
        /// The URL, without query string.
        url: String,
        /// What reqwest reported.
        #[source]
        source: reqwest::Error,
    },
    /// A time limit ran out before the call (or, for a stream, its next chunk) completed.
    #[error("{url} did not answer within {after:?} ({limit})")]
    Timeout {
        /// The URL, without query string.
        url: String,
        /// The limit that ran out.
        after: Duration,
        /// Which limit it was.
        limit: TimeoutKind,
    },
    /// The server answered with a non-success status.
    #[error("{0}")]
    Status(Box<StatusError<B>>),
    /// A success response body did not match the expected type.
    #[error(transparent)]
    Decode(Box<ResponseDecodeError>),
    /// A server-sent event's data did not match the expected type; the stream goes on.
    #[error("stream event could not be decoded: {source}; data: {}", data.excerpt(MESSAGE_BODY_LIMIT))]
    Event {
        /// The event's `data:` as received.
        data: ResponseBody,
        /// What did not match.
        #[source]
        source: DecodeError,
    },
    /// The request could not be built (body not serialisable, invalid header, missing setting).
    #[error("invalid request: {0}")]
    Request(String),
    /// The credential provider could not give a credential (an OAuth 2 token URL failed).
    #[error("no credential: {0}")]
    Credential(super::credential::CredentialError),
}

/// The messages of an error's source chain that say what happened, in one line: reqwest's
/// generic wrappers ("error sending request", "client error (Connect)") are left out, so the
/// root cause ("Connection refused", "dns error: …", "invalid peer certificate") shows.
fn root_cause(error: &reqwest::Error) -> String {
    let mut messages: Vec<String> = Vec::new();
    let mut current: Option<&dyn std::error::Error> = Some(error);
    while let Some(error) = current {
        let message = error.to_string();
        let generic = message.starts_with("error sending request") || message.starts_with("client error (");
        if !generic && !messages.iter().any(|m| m.contains(&message)) {
            messages.push(message);
        }
        current = error.source();
    }
    if messages.is_empty() {
        return error.to_string();
    }
    messages.join(": ")
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

/// A success response whose body did not match the type the document declares.
#[derive(Debug, thiserror::Error)]
#[error("response of {url} (HTTP {status}) could not be decoded: {source}")]
#[non_exhaustive]
pub struct ResponseDecodeError {
    /// The URL, without query string.
    pub url: String,
    /// The response status.
    pub status: StatusCode,
    /// The response headers, secrets redacted.
    pub headers: HeaderMap,
    /// The request id the server gave, if any.
    pub request_id: Option<String>,
    /// The body as received.
    pub body: ResponseBody,
    /// What did not match.
    #[source]
    pub source: DecodeError,
}

/// A non-success HTTP response. Its typed body is decoded from the redacted text, so it never
/// holds an echoed secret either.
#[derive(Debug)]
#[non_exhaustive]
pub struct StatusError<B> {
    /// `POST`, `GET`, …
    pub method: String,
    /// The URL, without query string.
    pub url: String,
    /// The status.
    pub status: StatusCode,
    /// The response headers (request ids, rate limits), secrets redacted.
    pub headers: HeaderMap,
    /// The request id the server gave, if any.
    pub request_id: Option<String>,
    /// The body as received.
    pub body: ResponseBody,
    /// The body decoded as the type the document declares for this status, when it matched.
    pub parsed: Option<B>,
}

impl<B> fmt::Display for StatusError<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} failed with HTTP {}", self.method, self.url, self.status)?;
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        if !self.body.is_empty() {
            write!(f, ": {}", self.body.excerpt(MESSAGE_BODY_LIMIT).trim())?;
        }
        Ok(())
    }
}

impl<B: fmt::Debug> Error<B> {
    /// The HTTP status, for [`Error::Status`] and [`Error::Decode`].
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Status(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }

    /// The typed error body, when the server sent one the document declares (decoded from the
    /// redacted body: an echoed secret reads `[REDACTED]`).
    pub fn body(&self) -> Option<&B> {
        match self {
            Error::Status(e) => e.parsed.as_ref(),
            _ => None,
        }
    }

    /// The raw response body of a failed call (or the data of an undecodable event).
    pub fn raw_body(&self) -> Option<&ResponseBody> {
        match self {
            Error::Status(e) => Some(&e.body),
            Error::Decode(e) => Some(&e.body),
            Error::Event { data, .. } => Some(data),
            _ => None,
        }
    }

    /// The response headers of a failed call, secrets redacted.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::Status(e) => Some(&e.headers),
            Error::Decode(e) => Some(&e.headers),
            _ => None,
        }
    }

    /// The request id the server gave the failed call, for support requests and logs.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Status(e) => e.request_id.as_deref(),
            Error::Decode(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// Whether a time limit ran out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
    }

    /// Whether no connection could be made (refused, unresolved, a failed TLS handshake, or the
    /// connect timeout ran out): the request never reached the server, so sending it again
    /// cannot repeat what it does. A connection that broke after the request was sent is not.
    pub fn is_connect(&self) -> bool {
        match self {
            Error::Connection { source, .. } => source.is_connect(),
            Error::Timeout { limit, .. } => *limit == TimeoutKind::Connect,
            _ => false,
        }
    }
}

/// Which statuses an error body is declared for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusMatch {
    /// One status (`422`).
    Code(u16),
    /// A class by its first digit (`4XX` → 4).
    Range(u16),
    /// Any status no other entry names.
    Default,
}

/// Decoders of the error bodies an operation declares, by status.
pub type ErrorDecoder<B> = &'static [(StatusMatch, fn(&[u8]) -> Option<B>)];

/// Picks the decoder for `status`: exact code, then its class (`4XX`), then `default`.
pub(crate) fn decode_body<B>(decoders: ErrorDecoder<B>, status: StatusCode, body: &[u8]) -> Option<B> {
    let code = status.as_u16();
    [StatusMatch::Code(code), StatusMatch::Range(code / 100), StatusMatch::Default]
        .iter()
        .find_map(|wanted| decoders.iter().find(|(s, _)| s == wanted))
        .and_then(|(_, decode)| decode(body))
}
