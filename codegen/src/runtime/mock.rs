//! Typed mocks for users' tests, behind the crate's `mock` feature: a loopback HTTP server whose
//! expectations are written per operation (`server.on().create_pet()`), matched on path
//! parameters, query, headers and the typed body, and answered with a typed response, a typed
//! error body (checked against what the operation declares for its status), a typed event stream,
//! or raw bytes, after a delay if asked. A request no expectation matches is answered `404` with
//! the reasons, and fails the test when the server is dropped (or at `verify`), as does an
//! expectation given `times(n)` that was not called `n` times.

use super::error::{decode_body, ErrorDecoder};
use bytes::Bytes;
use http_body_util::{combinators::BoxBody, BodyExt, Full, StreamBody};
use hyper::body::Frame;
use std::convert::Infallible;
use std::fmt::Display;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// How an operation answers, for the mock to answer the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(dead_code)] // built by generated code
pub(crate) enum MockReply {
    /// A JSON body.
    Json,
    /// Text.
    Text,
    /// Bytes.
    Bytes,
    /// No body.
    Empty,
}

/// Where and how an operation is served: what its expectations match and answer by.
pub(crate) struct MockRoute {
    /// The client method's name.
    pub(crate) operation: &'static str,
    /// The HTTP method.
    pub(crate) method: &'static str,
    /// The path template (`/pets/{petId}`).
    pub(crate) path: &'static str,
    /// How its success answers.
    pub(crate) reply: MockReply,
    /// The `data:` that ends its event stream, if one does.
    pub(crate) done: Option<&'static str>,
    /// Whether the operation declares `body` as an error body for `status`.
    pub(crate) declares_error: fn(u16, &[u8]) -> bool,
}

/// Whether `decoders` (an operation's error table) decode `body` for `status`.
#[allow(dead_code)] // called by generated code
pub(crate) fn declares_error<B>(decoders: ErrorDecoder<B>, status: u16, body: &[u8]) -> bool {
    reqwest::StatusCode::from_u16(status).is_ok_and(|status| decode_body(decoders, status, body).is_some())
}

/// A request as the server received it, path parameters read by its expectation's route.
struct Received<'r> {
    params: Vec<(String, String)>,
    query: &'r [(String, String)],
    headers: &'r reqwest::header::HeaderMap,
    body: &'r [u8],
}

/// One condition of an expectation, and how it reads in a failure message.
struct Matcher {
    wants: String,
    check: Box<dyn Fn(&Received<'_>) -> bool + Send + Sync>,
}

/// What an expectation answers.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    chunks: Vec<Bytes>,
    delay: Duration,
    interval: Duration,
}

struct Expectation {
    route: &'static MockRoute,
    matchers: Vec<Matcher>,
    answer: Arc<Answer>,
    times: Option<usize>,
    hits: usize,
}

#[derive(Default)]
struct State {
    expectations: Vec<Expectation>,
    unmatched: Vec<String>,
}

/// A loopback HTTP server answering as its expectations say; see the module's docs. Dropping it
/// stops it, and fails the test if a request went unmatched or an expectation's `times` was not
/// met.
pub struct MockServer {
    url: String,
    state: Arc<Mutex<State>>,
    task: tokio::task::JoinHandle<()>,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer").field("url", &self.url).finish_non_exhaustive()
    }
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    // A panicking matcher must not hide every later request.
    state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl MockServer {
    /// Starts a server on a free port of 127.0.0.1, inside the current Tokio runtime.
    ///
    /// # Panics
    /// When no loopback port can be bound, or outside a Tokio runtime.
    pub async fn start() -> MockServer {
        let listener = match tokio::net::TcpListener::bind("127.0.0.1:0").await {
            Ok(listener) => listener,
            Err(e) => panic!("the mock server cannot listen on 127.0.0.1: {e}"),
        };
        let url = match listener.local_addr() {
            Ok(address) => format!("http://{address}"),
            Err(e) => panic!("the mock server has no local address: {e}"),
        };
        let state = Arc::new(Mutex::new(State::default()));
        let served = state.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else { continue };
                let state = served.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        let state = state.clone();
                        async move { Ok::<_, Infallible>(serve(&state, request).await) }
                    });
                    let io = hyper_util::rt::TokioIo::new(stream);
                    // A client hanging up mid-answer ends only its connection.
                    let _ = hyper::server::conn::http1::Builder::new().serve_connection(io, service).await;
                });
            }
        });
        MockServer { url, state, task }
    }

    /// The server's base URL (`http://127.0.0.1:<port>`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Expectations, one method per operation of the API.
    pub fn on(&self) -> On<'_> {
        On { server: self }
    }

    /// Panics if a request went unmatched or an expectation given `times(n)` was called another
    /// number of times, with what happened.
    pub fn verify(&self) {
        if let Some(failures) = self.failures() {
            panic!("{failures}");
        }
    }

    fn failures(&self) -> Option<String> {
        let state = lock(&self.state);
        let mut failures: Vec<String> = state.unmatched.clone();
        for e in &state.expectations {
            match e.times {
                Some(times) if times != e.hits => failures.push(format!(
                    "the expectation for `{}` ({} {}) was to be called {times} time(s), and was called {}",
                    e.route.operation, e.route.method, e.route.path, e.hits
                )),
                _ => {}
            }
        }
        (!failures.is_empty()).then(|| format!("mock server at {}:\n{}", self.url, failures.join("\n")))
    }

    fn add(&self, expectation: Expectation) {
        lock(&self.state).expectations.push(expectation);
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
        if !std::thread::panicking() {
            self.verify();
        }
    }
}

/// The expectations of a [`MockServer`]: a method per operation, each starting a [`Mock`].
#[derive(Debug, Clone, Copy)]
pub struct On<'s> {
    server: &'s MockServer,
}

/// A mock of the operation served at `route`. (A function, not a method of `On`: its methods
/// are the API's operations, whatever their names.)
#[allow(dead_code)] // called by generated code
pub(crate) fn expectation<'s, B, R, E>(on: On<'s>, route: &'static MockRoute) -> Mock<'s, B, R, E> {
    Mock {
        server: on.server,
        route,
        matchers: Vec::new(),
        times: None,
        delay: Duration::ZERO,
        status: None,
        headers: Vec::new(),
        types: PhantomData,
    }
}

/// An expectation being written for one operation, whose request body is a `B`, success body an
/// `R` and stream events `E`. It is set on the server when an answer is given (`respond…`).
#[must_use = "a mock expects nothing until it is given an answer (`respond…`)"]
pub struct Mock<'s, B, R, E> {
    server: &'s MockServer,
    route: &'static MockRoute,
    matchers: Vec<Matcher>,
    times: Option<usize>,
    delay: Duration,
    status: Option<u16>,
    headers: Vec<(String, String)>,
    types: PhantomData<Types<B, R, E>>,
}

/// The types a [`Mock`] is written in, held only by type (`fn` keeps `Mock` `Send` and `Sync`).
type Types<B, R, E> = fn() -> (B, R, E);

impl<B, R, E> std::fmt::Debug for Mock<'_, B, R, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let wants: Vec<&str> = self.matchers.iter().map(|m| m.wants.as_str()).collect();
        f.debug_struct("Mock").field("operation", &self.route.operation).field("wants", &wants).finish()
    }
}

impl<B, R, E> Mock<'_, B, R, E>
where
    B: serde::de::DeserializeOwned + 'static,
    R: serde::Serialize,
    E: serde::Serialize,
{
    /// Matches requests whose path parameter `name` (as the document names it) is `value`.
    ///
    /// # Panics
    /// When the operation's path has no parameter `name`.
    pub fn path_param(mut self, name: &str, value: impl Display) -> Self {
        let placeholder = format!("{{{name}}}");
        assert!(
            self.route.path.contains(&placeholder),
            "`{}` ({}) has no path parameter `{name}`",
            self.route.operation,
            self.route.path
        );
        let (name, value) = (name.to_owned(), value.to_string());
        self.matchers.push(Matcher {
            wants: format!("path parameter `{name}` = `{value}`"),
            check: Box::new(move |r| r.params.iter().any(|(n, v)| *n == name && *v == value)),
        });
        self
    }

    /// Matches requests whose query has parameter `name` with `value` (among its values).
    pub fn query_param(mut self, name: &str, value: impl Display) -> Self {
        let (name, value) = (name.to_owned(), value.to_string());
        self.matchers.push(Matcher {
            wants: format!("query parameter `{name}` = `{value}`"),
            check: Box::new(move |r| r.query.iter().any(|(n, v)| *n == name && *v == value)),
        });
        self
    }

    /// Matches requests with header `name` set to `value`. (A failure message names the header,
    /// never its value: it may be a credential.)
    pub fn header(mut self, name: &str, value: impl Display) -> Self {
        let (name, value) = (name.to_owned(), value.to_string());
        self.matchers.push(Matcher {
            wants: format!("header `{name}` with the value given"),
            check: Box::new(move |r| r.headers.get_all(name.as_str()).iter().any(|v| v.as_bytes() == value.as_bytes())),
        });
        self
    }

    /// Matches requests whose JSON body decodes as the operation's body type and satisfies
    /// `predicate`.
    pub fn body(mut self, predicate: impl Fn(&B) -> bool + Send + Sync + 'static) -> Self {
        self.matchers.push(Matcher {
            wants: format!("a body that decodes as `{}` and satisfies the predicate", std::any::type_name::<B>()),
            check: Box::new(move |r| serde_json::from_slice::<B>(r.body).is_ok_and(|body| predicate(&body))),
        });
        self
    }

    /// How many requests this expectation answers: exactly `times`, checked when the server is
    /// dropped or verified (default: any number, none included).
    pub fn times(mut self, times: usize) -> Self {
        self.times = Some(times);
        self
    }

    /// Waits this long before answering: for testing time limits.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// The status of a [`respond`](Self::respond) or [`respond_stream`](Self::respond_stream)
    /// (default `200`; `204` for an operation that answers without a body).
    ///
    /// # Panics
    /// When `status` is not an HTTP status (100 to 999).
    pub fn status(mut self, status: u16) -> Self {
        self.status = Some(valid_status(status));
        self
    }

    /// A header of the answer.
    ///
    /// # Panics
    /// When `name` or `value` cannot be an HTTP header's.
    pub fn response_header(mut self, name: &str, value: impl Display) -> Self {
        let value = value.to_string();
        assert!(
            name.parse::<reqwest::header::HeaderName>().is_ok() && reqwest::header::HeaderValue::from_str(&value).is_ok(),
            "`{name}` with that value cannot be an HTTP header"
        );
        self.headers.push((name.to_owned(), value));
        self
    }

    /// Matches requests whose body, as sent (for bodies that are not JSON: forms, files, text),
    /// satisfies `predicate`.
    pub fn body_bytes(mut self, predicate: impl Fn(&[u8]) -> bool + Send + Sync + 'static) -> Self {
        self.matchers.push(Matcher {
            wants: "a body that satisfies the predicate".to_owned(),
            check: Box::new(move |r| predicate(r.body)),
        });
        self
    }

    /// Answers with the operation's success body, encoded as the operation answers (JSON, text or
    /// bytes; nothing for an operation answering without a body).
    ///
    /// # Panics
    /// When `body` cannot be encoded (a map with keys that are not strings, say).
    pub fn respond(self, body: R) {
        let value = json(&body);
        let encoded = match (self.route.reply, value) {
            (MockReply::Json, value) => value.to_string().into_bytes(),
            (MockReply::Text, serde_json::Value::String(text)) => text.into_bytes(),
            (MockReply::Bytes, value) => serde_json::from_value::<Vec<u8>>(value).unwrap_or_default(),
            (MockReply::Text | MockReply::Empty, _) => Vec::new(),
        };
        let (content_type, status) = match self.route.reply {
            MockReply::Json => (Some("application/json"), 200),
            MockReply::Text => (Some("text/plain; charset=utf-8"), 200),
            MockReply::Bytes => (Some("application/octet-stream"), 200),
            MockReply::Empty => (None, 204),
        };
        let status = self.status.unwrap_or(status);
        self.answer(status, content_type, vec![Bytes::from(encoded)], Duration::ZERO);
    }

    /// Answers `status` with an error body of the operation's.
    ///
    /// # Panics
    /// When the operation declares no error body for `status` that `body` is: a mock cannot
    /// answer what the real API would not.
    pub fn respond_error(self, status: u16, body: impl serde::Serialize) {
        let status = valid_status(status);
        let encoded = json(&body).to_string().into_bytes();
        assert!(
            (self.route.declares_error)(status, &encoded),
            "`{}` ({} {}) declares no error body for status {status} that this body is",
            self.route.operation,
            self.route.method,
            self.route.path
        );
        self.answer(status, Some("application/json"), vec![Bytes::from(encoded)], Duration::ZERO);
    }

    /// Answers with these events as server-sent events (then the stream's end marker, for an
    /// operation that has one).
    pub fn respond_stream(self, events: impl IntoIterator<Item = E>) {
        self.respond_stream_every(Duration::ZERO, events);
    }

    /// Like [`respond_stream`](Self::respond_stream), each event sent `interval` after the one
    /// before: for testing idle time limits and consumers that read as events arrive.
    pub fn respond_stream_every(self, interval: Duration, events: impl IntoIterator<Item = E>) {
        let data = |text: &str| Bytes::from(format!("data: {text}\n\n"));
        let mut chunks: Vec<Bytes> = events
            .into_iter()
            .map(|event| data(&json(&event).to_string()))
            .collect();
        chunks.extend(self.route.done.map(data));
        let status = self.status.unwrap_or(200);
        self.answer(status, Some("text/event-stream"), chunks, interval);
    }

    /// Answers `status` with `body` as it is, under `content_type`: what the document does not
    /// describe, or a body the API should not send.
    ///
    /// # Panics
    /// When `status` is not an HTTP status or `content_type` not a header value.
    pub fn respond_raw(self, status: u16, content_type: &str, body: impl Into<Vec<u8>>) {
        let mock = self.response_header("content-type", content_type);
        mock.answer(valid_status(status), None, vec![Bytes::from(body.into())], Duration::ZERO);
    }

    fn answer(self, status: u16, content_type: Option<&str>, chunks: Vec<Bytes>, interval: Duration) {
        let mut headers = self.headers;
        if let Some(content_type) = content_type {
            headers.push(("content-type".to_owned(), content_type.to_owned()));
        }
        let answer = Arc::new(Answer { status, headers, chunks, delay: self.delay, interval });
        self.server.add(Expectation { route: self.route, matchers: self.matchers, answer, times: self.times, hits: 0 });
    }
}

/// `value` as JSON.
///
/// # Panics
/// When it cannot be encoded: a mock answering what the SDK could never have received.
fn json(value: &impl serde::Serialize) -> serde_json::Value {
    match serde_json::to_value(value) {
        Ok(value) => value,
        Err(e) => panic!("the mock's answer cannot be encoded as JSON: {e}"),
    }
}

/// `status`, when it is an HTTP status.
///
/// # Panics
/// When it is not.
fn valid_status(status: u16) -> u16 {
    assert!(hyper::StatusCode::from_u16(status).is_ok(), "{status} is not an HTTP status");
    status
}

/// The path parameters of `path` by `template`'s placeholders, when the path fits the template.
fn path_params(template: &str, path: &str) -> Option<Vec<(String, String)>> {
    let (wanted, given): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
    if wanted.len() != given.len() {
        return None;
    }
    let mut params = Vec::new();
    for (want, got) in wanted.iter().zip(&given) {
        segment_params(want, &decode(got), &mut params)?;
    }
    Some(params)
}

/// Reads one segment by its template (`{name}.{format}`, `v{version}`): literal text must be there
/// as written; a placeholder takes the shortest text before the literal that follows it (all
/// that is left, at the end).
fn segment_params(template: &str, segment: &str, params: &mut Vec<(String, String)>) -> Option<()> {
    let Some((literal, rest)) = template.split_once('{') else {
        return (template == segment).then_some(());
    };
    let segment = segment.strip_prefix(literal)?;
    let (name, after) = rest.split_once('}')?;
    let next_literal = after.split('{').next().unwrap_or_default();
    let end = match (next_literal.is_empty(), after.is_empty()) {
        (_, true) => segment.len(),
        // Two placeholders side by side: the first takes nothing it can leave to the second.
        (true, false) => 0,
        (false, false) => segment.find(next_literal)?,
    };
    params.push((name.to_owned(), segment[..end].to_owned()));
    segment_params(after, &segment[end..], params)
}

/// Percent-decoded text (`+` is a space only in queries, done by the caller).
fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}

fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    let pairs = query.unwrap_or_default().split('&').filter(|pair| !pair.is_empty());
    pairs
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(&name.replace('+', " ")), decode(&value.replace('+', " ")))
        })
        .collect()
}

type Body = BoxBody<Bytes, Infallible>;

/// Answers one request: the first expectation that matches it and is not used up, else `404`
/// with why nothing matched.
async fn serve(state: &Mutex<State>, request: hyper::Request<hyper::body::Incoming>) -> hyper::Response<Body> {
    let (parts, body) = request.into_parts();
    let body = body.collect().await.map(|collected| collected.to_bytes()).unwrap_or_default();
    let query = query_pairs(parts.uri.query());
    let found = {
        let mut state = lock(state);
        let found = find(&mut state.expectations, parts.method.as_str(), parts.uri.path(), &query, &parts.headers, &body);
        if let Err(why) = &found {
            state.unmatched.push(why.clone());
        }
        found
    };
    match found {
        Ok(answer) => respond(&answer).await,
        Err(why) => plain(404, why),
    }
}

fn find(
    expectations: &mut [Expectation],
    method: &str,
    path: &str,
    query: &[(String, String)],
    headers: &reqwest::header::HeaderMap,
    body: &[u8],
) -> Result<Arc<Answer>, String> {
    let mut reasons = Vec::new();
    for e in expectations.iter_mut() {
        if e.route.method != method {
            continue;
        }
        let Some(params) = path_params(e.route.path, path) else { continue };
        let received = Received { params, query, headers, body };
        let failed: Vec<&str> =
            e.matchers.iter().filter(|m| !(m.check)(&received)).map(|m| m.wants.as_str()).collect();
        let used_up = e.times.is_some_and(|times| e.hits >= times);
        if failed.is_empty() && !used_up {
            e.hits += 1;
            return Ok(e.answer.clone());
        }
        let why = match failed.is_empty() {
            true => "it matches, but has answered the times it was given".to_owned(),
            false => format!("it wants {}", failed.join(", ")),
        };
        reasons.push(format!("  - the expectation for `{}` ({}): {why}", e.route.operation, e.route.path));
    }
    let head = format!("no mock expectation matched `{method} {path}` ({} bytes of body)", body.len());
    Err(match reasons.is_empty() {
        true => {
            let mut routes: Vec<String> =
                expectations.iter().map(|e| format!("`{} {}`", e.route.method, e.route.path)).collect();
            routes.dedup();
            format!("{head}: no expectation is set for it (set: {})", routes.join(", "))
        }
        false => format!("{head}:\n{}", reasons.join("\n")),
    })
}

async fn respond(answer: &Answer) -> hyper::Response<Body> {
    if !answer.delay.is_zero() {
        tokio::time::sleep(answer.delay).await;
    }
    let body: Body = match answer.interval.is_zero() {
        true => Full::new(answer.chunks.concat().into()).boxed(),
        false => {
            let (chunks, interval) = (answer.chunks.clone(), answer.interval);
            let frames = futures_util::stream::unfold(chunks.into_iter(), move |mut rest| async move {
                let chunk = rest.next()?;
                tokio::time::sleep(interval).await;
                Some((Ok::<_, Infallible>(Frame::data(chunk)), rest))
            });
            BodyExt::boxed(StreamBody::new(frames))
        }
    };
    let mut response = hyper::Response::new(body);
    *response.status_mut() = hyper::StatusCode::from_u16(answer.status).unwrap_or(hyper::StatusCode::OK);
    for (name, value) in &answer.headers {
        if let (Ok(name), Ok(value)) =
            (name.parse::<reqwest::header::HeaderName>(), reqwest::header::HeaderValue::from_str(value))
        {
            response.headers_mut().append(name, value);
        }
    }
    response
}

fn plain(status: u16, text: String) -> hyper::Response<Body> {
    let mut response = hyper::Response::new(Full::new(Bytes::from(text)).boxed());
    *response.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::NOT_FOUND);
    response.headers_mut().insert("content-type", reqwest::header::HeaderValue::from_static("text/plain; charset=utf-8"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_parameters_are_read_by_their_template() {
        let params = path_params("/pets/{petId}/toys/{toy}.json", "/pets/7/toys/ball%20x.json").expect("fits");
        assert_eq!(params, [("petId".to_owned(), "7".to_owned()), ("toy".to_owned(), "ball x".to_owned())]);
        assert_eq!(path_params("/pets/{petId}", "/pets/7/toys"), None);
        assert_eq!(path_params("/pets/{petId}", "/cats/7"), None);
        assert_eq!(path_params("/files/{name}.json", "/files/a.txt"), None);
        let two = path_params("/files/{name}.{format}", "/files/report.v2.pdf").expect("fits");
        assert_eq!(two, [("name".to_owned(), "report".to_owned()), ("format".to_owned(), "v2.pdf".to_owned())]);
        assert_eq!(path_params("/v{version}/x", "/v3/x").expect("fits"), [("version".to_owned(), "3".to_owned())]);
        assert_eq!(path_params("/v{version}/x", "/w3/x"), None);
    }

    #[test]
    fn query_pairs_are_decoded() {
        let pairs = query_pairs(Some("q=a+b&tag=x%2Fy&flag&tag=z"));
        let expected = [("q", "a b"), ("tag", "x/y"), ("flag", ""), ("tag", "z")];
        assert_eq!(pairs, expected.map(|(n, v)| (n.to_owned(), v.to_owned())));
    }
}
