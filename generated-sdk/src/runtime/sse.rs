// @generated: the runtime every generated crate carries (its tests run in the runtime crate). Do not edit.
//! Server-sent events: a byte-level decoder (any line ending, multi-line `data:`, comments,
//! `event:`/`id:`/`retry:`, UTF-8 split across chunks) and the typed event stream built on it,
//! with an idle timeout between events and, where the API has one, an end-of-stream sentinel
//! (the document's `x-stream-done`, e.g. `[DONE]`).

use super::error::{DecodeError, Error, ResponseBody, TimeoutKind};
use super::secret::Secrets;
use bytes::Bytes;
use futures_core::Stream;
use futures_util::StreamExt;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// One server-sent event as received.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SseEvent {
    /// `event:` (none means `message`).
    pub event: Option<String>,
    /// The `data:` lines joined with `\n`, as bytes (decoded as UTF-8 only when asked).
    pub data: Vec<u8>,
    /// `id:`.
    pub id: Option<String>,
    /// `retry:` in milliseconds.
    pub retry: Option<u64>,
}

impl SseEvent {
    /// The data as text (invalid UTF-8 replaced).
    pub fn data_text(&self) -> String {
        String::from_utf8_lossy(&self.data).into_owned()
    }
}

/// Incremental SSE parser: feed it body chunks, collect complete events.
#[derive(Debug, Default)]
pub struct SseDecoder {
    buffer: Vec<u8>,
    /// The last chunk ended in `\r`; a `\n` starting the next one belongs to it.
    after_cr: bool,
    current: SseEvent,
    has_data: bool,
}

impl SseDecoder {
    /// A decoder at the start of a stream.
    pub fn new() -> Self {
        SseDecoder::default()
    }

    /// Adds a chunk of the body; complete events are appended to `out`.
    pub fn push(&mut self, mut chunk: &[u8], out: &mut VecDeque<SseEvent>) {
        // An empty chunk must not forget a `\r` that ended the previous one.
        if chunk.is_empty() {
            return;
        }
        if self.after_cr && chunk.first() == Some(&b'\n') {
            chunk = &chunk[1..];
        }
        self.after_cr = false;
        // The buffered partial line holds no line end: only the new bytes are scanned, so a long
        // line arriving in small chunks costs time linear in its length.
        let scanned = self.buffer.len();
        self.buffer.extend_from_slice(chunk);
        let mut start = 0;
        while let Some(offset) = self.buffer[start.max(scanned)..].iter().position(|&b| b == b'\n' || b == b'\r') {
            let end = start.max(scanned) + offset;
            let line = std::mem::take(&mut self.buffer);
            self.line(&line[start..end], out);
            self.buffer = line;
            start = end + 1;
            if self.buffer[end] == b'\r' {
                match self.buffer.get(start) {
                    Some(b'\n') => start += 1,
                    Some(_) => {}
                    None => self.after_cr = true,
                }
            }
        }
        self.buffer.drain(..start);
    }

    /// Ends the stream: a last event without its closing blank line is still delivered.
    pub fn finish(&mut self, out: &mut VecDeque<SseEvent>) {
        if !self.buffer.is_empty() {
            let line = std::mem::take(&mut self.buffer);
            self.line(&line, out);
        }
        self.dispatch(out);
    }

    fn line(&mut self, line: &[u8], out: &mut VecDeque<SseEvent>) {
        if line.is_empty() {
            return self.dispatch(out);
        }
        if line[0] == b':' {
            return;
        }
        let (field, value) = match line.iter().position(|&b| b == b':') {
            Some(colon) => {
                let value = &line[colon + 1..];
                (&line[..colon], value.strip_prefix(b" ").unwrap_or(value))
            }
            None => (line, &b""[..]),
        };
        match field {
            b"data" => {
                if self.has_data {
                    self.current.data.push(b'\n');
                }
                self.current.data.extend_from_slice(value);
                self.has_data = true;
            }
            b"event" => self.current.event = Some(String::from_utf8_lossy(value).into_owned()),
            b"id" if !value.contains(&0) => self.current.id = Some(String::from_utf8_lossy(value).into_owned()),
            b"retry" => self.current.retry = std::str::from_utf8(value).ok().and_then(|v| v.parse().ok()),
            _ => {}
        }
    }

    fn dispatch(&mut self, out: &mut VecDeque<SseEvent>) {
        let event = std::mem::take(&mut self.current);
        if std::mem::take(&mut self.has_data) {
            out.push_back(event);
        }
    }
}

/// Event types whose text can be folded into the final output (from the document's `x-stream-text`).
pub trait TextDeltas {
    /// The new text this event carries, with the index of the output (sample) it belongs to.
    fn text_deltas(&self) -> Vec<(usize, &str)>;
}

/// Joins the text deltas of a stream's events into the final text of each output (sample), one
/// event at a time, handing each event's deltas back so they can be shown as they arrive.
///
/// ```text
/// let mut texts = TextCollector::new();
/// while let Some(event) = stream.next().await {
///     for (_, delta) in texts.push(&event?) {
///         print!("{delta}");
///     }
/// }
/// let outputs: Vec<String> = texts.into_texts();
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextCollector {
    outputs: Vec<String>,
}

impl TextCollector {
    /// A collector with no text yet.
    pub fn new() -> Self {
        TextCollector::default()
    }

    /// Adds `event`'s deltas to their outputs and returns them, with each output's index.
    pub fn push<'e, T: TextDeltas>(&mut self, event: &'e T) -> Vec<(usize, &'e str)> {
        let deltas = event.text_deltas();
        for &(index, delta) in &deltas {
            if self.outputs.len() <= index {
                self.outputs.resize(index + 1, String::new());
            }
            self.outputs[index].push_str(delta);
        }
        deltas
    }

    /// The text of each output so far, by output index.
    pub fn texts(&self) -> &[String] {
        &self.outputs
    }

    /// The text of each output, by output index.
    pub fn into_texts(self) -> Vec<String> {
        self.outputs
    }
}

type BoxedBody = Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send>>;
/// Turns an event into an item; the secrets are redacted from what a failure shows.
pub(crate) type Decode<T, B> = fn(&SseEvent, &Secrets) -> Result<T, Error<B>>;

/// What the client knows when a stream's response starts.
pub(crate) struct StreamStart {
    pub(crate) status: StatusCode,
    /// Secrets already redacted.
    pub(crate) headers: HeaderMap,
    pub(crate) request_id: Option<String>,
    pub(crate) url: String,
    pub(crate) idle: Option<Duration>,
    pub(crate) secrets: Secrets,
    /// The event data that ends the stream, if the API has such a sentinel.
    pub(crate) done: Option<&'static [u8]>,
}

/// A stream of typed events from a streaming call, with the response's status and headers.
///
/// Items are `Ok(event)`, or `Err` for an event that could not be decoded (the stream goes on),
/// a broken connection or an idle timeout (the stream ends after them).
pub struct EventStream<T, B: fmt::Debug> {
    status: StatusCode,
    headers: HeaderMap,
    request_id: Option<String>,
    inner: Pin<Box<dyn Stream<Item = Result<T, Error<B>>> + Send>>,
}

impl<T, B: fmt::Debug> fmt::Debug for EventStream<T, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("request_id", &self.request_id)
            .finish_non_exhaustive()
    }
}

struct State<T, B: fmt::Debug> {
    body: BoxedBody,
    decoder: SseDecoder,
    pending: VecDeque<SseEvent>,
    idle: Option<Duration>,
    url: String,
    decode: Decode<T, B>,
    secrets: Secrets,
    sentinel: Option<&'static [u8]>,
    done: bool,
}

impl<T: Send + 'static, B: fmt::Debug + Send + 'static> EventStream<T, B> {
    pub(crate) fn new(start: StreamStart, response: reqwest::Response, decode: Decode<T, B>) -> Self {
        let state = State {
            body: Box::pin(response.bytes_stream()),
            decoder: SseDecoder::new(),
            pending: VecDeque::new(),
            idle: start.idle,
            url: start.url,
            decode,
            secrets: start.secrets,
            sentinel: start.done,
            done: false,
        };
        let inner = futures_util::stream::unfold(state, |mut state| async move {
            let item = state.next_item().await?;
            Some((item, state))
        });
        EventStream {
            status: start.status,
            headers: start.headers,
            request_id: start.request_id,
            inner: Box::pin(inner),
        }
    }
}

impl<T, B: fmt::Debug> State<T, B> {
    async fn next_item(&mut self) -> Option<Result<T, Error<B>>> {
        loop {
            if let Some(event) = self.pending.pop_front() {
                if Some(event.data.as_slice()) == self.sentinel {
                    self.done = true;
                    self.pending.clear();
                    return None;
                }
                return Some((self.decode)(&event, &self.secrets));
            }
            if self.done {
                return None;
            }
            let next = match self.idle {
                Some(idle) => match tokio::time::timeout(idle, self.body.next()).await {
                    Ok(next) => next,
                    Err(_) => {
                        self.done = true;
                        let limit = TimeoutKind::StreamIdle;
                        return Some(Err(Error::Timeout { url: self.url.clone(), after: idle, limit }));
                    }
                },
                None => self.body.next().await,
            };
            match next {
                Some(Ok(chunk)) => self.decoder.push(&chunk, &mut self.pending),
                Some(Err(source)) => {
                    self.done = true;
                    return Some(Err(Error::Connection { url: self.url.clone(), source: source.without_url() }));
                }
                None => {
                    self.done = true;
                    self.decoder.finish(&mut self.pending);
                }
            }
        }
    }
}

/// Decodes an event's data as JSON of type `T`.
pub(crate) fn decode_json<T: DeserializeOwned, B: fmt::Debug>(
    event: &SseEvent,
    secrets: &Secrets,
) -> Result<T, Error<B>> {
    serde_json::from_slice(&event.data).map_err(|source| Error::Event {
        source: DecodeError::new(&source, secrets),
        data: ResponseBody::new(Bytes::copy_from_slice(&event.data), secrets.clone()),
    })
}

/// Passes events through as they are.
pub(crate) fn decode_raw<B: fmt::Debug>(event: &SseEvent, _: &Secrets) -> Result<SseEvent, Error<B>> {
    Ok(event.clone())
}

impl<T, B: fmt::Debug> EventStream<T, B> {
    /// The response status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers (request ids, rate limits), with the request's secrets redacted.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The request id the server gave this call, for support requests and logs.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl<T: TextDeltas, B: fmt::Debug> EventStream<T, B> {
    /// Reads the whole stream and joins the text deltas of each output, by output index.
    /// Stops at the first error. To show text as it arrives too, feed the events to a
    /// [`TextCollector`] instead.
    pub async fn collect_text(mut self) -> Result<Vec<String>, Error<B>> {
        let mut texts = TextCollector::new();
        while let Some(event) = self.next().await {
            texts.push(&event?);
        }
        Ok(texts.into_texts())
    }
}

impl<T, B: fmt::Debug> Stream for EventStream<T, B> {
    type Item = Result<T, Error<B>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

