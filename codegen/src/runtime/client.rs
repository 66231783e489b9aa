//! The HTTP client: configuration (base URL, key, timeouts, retries, headers), authentication,
//! and the two verbs generated methods call: a JSON call and a server-sent-event call.

use super::error::{
    decode_body, ConfigError, DecodeError, Error, ErrorDecoder, ResponseBody, ResponseDecodeError, StatusError,
    TimeoutKind,
};
use super::credential::CredentialProvider;
use super::observe::{CallSpan, Hook};
use super::request::{RequestOptions, RequestParts};
use super::retry::RetryPolicy;
use super::secret::Secrets;
use super::secret_string::SecretString;
use super::sse::{decode_json, decode_raw, EventStream, SseEvent};
use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// What the runtime needs to know about an API; generated code provides one.
#[derive(Debug)]
pub struct ApiInfo {
    /// Default base URL (the document's first server).
    pub base_url: &'static str,
    /// How the key is sent.
    pub auth: Option<Auth>,
    /// Environment variable holding the key.
    pub env_api_key: &'static str,
    /// Environment variable that may override the base URL.
    pub env_base_url: &'static str,
    /// `User-Agent` sent with every request.
    pub user_agent: &'static str,
    /// Response header holding the server's request id (the document's `x-request-id-header`).
    pub request_id_header: &'static str,
    /// Every security scheme the API declares that the client can send, by the document's name;
    /// the API key is the credential of the one `auth` describes.
    pub schemes: &'static [(&'static str, Auth)],
}

/// How a request authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// The key in this header.
    ApiKeyHeader(&'static str),
    /// The key in this query parameter.
    ApiKeyQuery(&'static str),
    /// `Authorization: Bearer <key>`.
    Bearer,
    /// `Authorization: Basic <base64(key)>`, the key given as `user:password`.
    Basic,
    /// The key as this cookie.
    ApiKeyCookie(&'static str),
}

/// A success response with its status and headers.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response<T> {
    /// The status.
    pub status: StatusCode,
    /// The headers (request ids, rate limits), with the request's secrets redacted.
    pub headers: HeaderMap,
    /// The decoded body.
    pub data: T,
    request_id: Option<String>,
}

/// The body of the response `call` resolves to: what a builder's `send` returns.
pub async fn response_data<T, B: fmt::Debug>(
    call: impl Future<Output = Result<Response<T>, Error<B>>>,
) -> Result<T, Error<B>> {
    Ok(call.await?.data)
}

impl<T> Response<T> {
    /// The request id the server gave this call (header `x-request-id` unless the document or
    /// [`ClientBuilder::request_id_header`] names another), for support requests and logs.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    pub(crate) fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response { status: self.status, headers: self.headers, data: f(self.data), request_id: self.request_id }
    }
}

/// Configures a [`Client`].
#[derive(Clone)]
pub struct ClientBuilder {
    api: &'static ApiInfo,
    base_url: Option<String>,
    api_key: Option<SecretString>,
    /// The URL of the server chosen by generated code's `server` (a base URL wins over it).
    server_url: Option<String>,
    timeout: Option<Duration>,
    attempt_timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    stream_idle_timeout: Option<Duration>,
    retry: RetryPolicy,
    headers: Vec<(String, String)>,
    user_agent: Option<String>,
    request_id_header: Option<String>,
    http: Option<reqwest::Client>,
    hooks: Vec<Arc<dyn Hook>>,
    /// Asked for the API key's scheme's credential before each attempt, instead of the key.
    provider: Option<Arc<dyn CredentialProvider>>,
    /// Credentials of other security schemes, by the document's scheme name.
    credentials: Vec<(String, SecretString)>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("server_url", &self.server_url)
            .field("api_key", &self.api_key)
            .field("timeout", &self.timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("stream_idle_timeout", &self.stream_idle_timeout)
            .field("retry", &self.retry)
            .field("hooks", &self.hooks.len())
            .finish_non_exhaustive()
    }
}

/// A builder with the API's defaults: its first server, 60 s for a whole call, no separate limit
/// per attempt, 60 s between stream events, 10 s to connect, 2 retries. (A function, not
/// `ClientBuilder::new`: how generated code starts a builder is not the SDK's API.)
pub fn client_builder(api: &'static ApiInfo) -> ClientBuilder {
    ClientBuilder {
        api,
        base_url: None,
        api_key: None,
        server_url: None,
        timeout: Some(Duration::from_secs(60)),
        attempt_timeout: None,
        connect_timeout: Some(Duration::from_secs(10)),
        stream_idle_timeout: Some(Duration::from_secs(60)),
        retry: RetryPolicy::default(),
        headers: Vec::new(),
        user_agent: None,
        request_id_header: None,
        http: None,
        hooks: Vec::new(),
        provider: None,
        credentials: Vec::new(),
    }
}

impl ClientBuilder {
    /// Reads the key and, if set, the base URL from the API's environment variables.
    pub fn from_env(mut self) -> Result<Self, ConfigError> {
        match std::env::var(self.api.env_api_key) {
            Ok(key) if !key.is_empty() => self.api_key = Some(SecretString::new(key)),
            _ => return Err(ConfigError(format!("environment variable {} is not set", self.api.env_api_key))),
        }
        if let Ok(url) = std::env::var(self.api.env_base_url) {
            if !url.is_empty() {
                self.base_url = Some(url);
            }
        }
        Ok(self)
    }

    /// The API key.
    pub fn api_key(mut self, key: impl Into<SecretString>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// Base URL, e.g. a proxy or a local test server; it wins over a chosen server.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The URL of the server generated code's `server` chose, used unless a base URL is set.
    #[allow(dead_code)] // called by crates whose document lists several servers
    pub(crate) fn server_url(mut self, url: String) -> Self {
        self.server_url = Some(url);
        self
    }

    /// Time limit of a whole call: every attempt, the waits between them (backoff and
    /// `Retry-After`) and reading the response. For a stream it runs until the response starts;
    /// [`stream_idle_timeout`](Self::stream_idle_timeout) then limits each wait for data.
    /// A retry that could not start before the limit is not made: the last failure is returned.
    /// Takes a `Duration`, or `None` for no limit (default 60 s).
    pub fn timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.timeout = timeout.into();
        self
    }

    /// Time limit of each attempt (sending the request and reading its response; for a stream,
    /// until the response starts). An attempt that runs out is retried while retries remain and
    /// [`timeout`](Self::timeout) allows, unless the call is a POST or PATCH without an
    /// idempotency key, which may have acted (see [`RetryPolicy`]). Takes a `Duration`, or `None`
    /// for no limit (the default).
    pub fn attempt_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.attempt_timeout = timeout.into();
        self
    }

    /// Time to establish a connection (TCP and TLS): a `Duration`, or `None` for no limit
    /// (default 10 s). Not applied to a client given with [`http_client`](Self::http_client).
    pub fn connect_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.connect_timeout = timeout.into();
        self
    }

    /// Longest wait between two chunks of a stream. Takes a `Duration`, or `None` for no limit
    /// (default 60 s).
    pub fn stream_idle_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.stream_idle_timeout = timeout.into();
        self
    }

    /// The response header that carries the server's request id (default: the one the document
    /// names, else `x-request-id`).
    pub fn request_id_header(mut self, name: impl Into<String>) -> Self {
        self.request_id_header = Some(name.into());
        self
    }

    /// Retries after the first attempt (default 2). Calls are retried after a failed connection,
    /// an attempt timeout, or a 408, 429 or 5xx status; a POST or PATCH only when it never
    /// reached the server or carries an idempotency key (see [`RetryPolicy`]).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.retry.max_retries = max_retries;
        self
    }

    /// The whole retry policy: the number of retries, the backoff, the statuses retried, and
    /// whether calls that are not idempotent are retried without an idempotency key.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// A header sent with every request.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Replaces the `User-Agent`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Uses this reqwest client (its own timeouts and proxies apply; the connect timeout here does not).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The credential of the security scheme the document calls `scheme`, for operations that
    /// ask for it instead of (or besides) the API key's. `build` fails on a name the document
    /// does not declare.
    pub fn credential(mut self, scheme: impl Into<String>, secret: impl Into<SecretString>) -> Self {
        self.credentials.push((scheme.into(), secret.into()));
        self
    }

    /// Asks `provider` for the credential of the API key's scheme before each attempt, instead
    /// of sending a fixed key: tokens that expire and refresh (see
    /// [`ClientCredentials`](super::credential::ClientCredentials) for OAuth 2). When the API
    /// answers `401` and the provider says a new credential may help, the call is sent once more.
    pub fn credential_provider(mut self, provider: impl CredentialProvider) -> Self {
        self.provider = Some(Arc::new(provider));
        self
    }

    /// Adds a hook that sees (and may change) every attempt's request and sees its response;
    /// hooks run in the order they are added.
    pub fn hook(mut self, hook: impl Hook) -> Self {
        self.hooks.push(Arc::new(hook));
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, ConfigError> {
        let mut headers = HeaderMap::new();
        let user_agent = self.user_agent.as_deref().unwrap_or(self.api.user_agent);
        for (name, value) in
            [("user-agent", user_agent)].into_iter().chain(self.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())))
        {
            let (name, value) = header(name, value)?;
            headers.insert(name, value);
        }
        // A client of the user's keeps its own connect timeout, which this one cannot know.
        let (http, connect_timeout) = match self.http {
            Some(http) => (http, None),
            None => {
                let mut builder = reqwest::Client::builder();
                if let Some(limit) = self.connect_timeout {
                    builder = builder.connect_timeout(limit);
                }
                let http =
                    builder.build().map_err(|e| ConfigError(format!("HTTP client could not be created: {e}")))?;
                (http, self.connect_timeout)
            }
        };
        let base_url = self.base_url.or(self.server_url).unwrap_or_else(|| self.api.base_url.to_owned());
        let request_id_name = self.request_id_header.as_deref().unwrap_or(self.api.request_id_header);
        let request_id_header = HeaderName::from_bytes(request_id_name.as_bytes())
            .map_err(|_| ConfigError(format!("invalid request id header name `{request_id_name}`")))?;
        let mut credentials = Vec::new();
        for (name, secret) in self.credentials {
            let Some((scheme, auth)) = self.api.schemes.iter().find(|(scheme, _)| *scheme == name) else {
                let known: Vec<&str> = self.api.schemes.iter().map(|(scheme, _)| *scheme).collect();
                return Err(ConfigError(format!(
                    "no security scheme is called `{name}`; the API has: {}",
                    known.join(", ")
                )));
            };
            credentials.push((*scheme, *auth, secret));
        }
        let secrets = self.api_key.iter().map(|key| (self.api.auth, key));
        let secrets = secrets.chain(credentials.iter().map(|(_, auth, secret)| (Some(*auth), secret)));
        Ok(Client {
            inner: Arc::new(Inner {
                base_url: base_url.trim_end_matches('/').to_owned(),
                auth: self.api.auth,
                secrets: credential_secrets(secrets),
                api_key: self.api_key,
                credentials,
                schemes: self.api.schemes,
                http,
                connect_timeout,
                timeout: self.timeout,
                attempt_timeout: self.attempt_timeout,
                stream_idle_timeout: self.stream_idle_timeout,
                retry: self.retry,
                headers,
                request_id_header,
                hooks: self.hooks,
                provider: self.provider,
            }),
        })
    }
}

/// The client's credentials in every form a server could echo: each key, and for Basic
/// authentication its password alone (the base64 of `user:password` is one of the key's forms).
fn credential_secrets<'a>(credentials: impl Iterator<Item = (Option<Auth>, &'a SecretString)>) -> Secrets {
    let mut values = Vec::new();
    for (auth, key) in credentials {
        let key = key.expose();
        values.push(key);
        if let (Some(Auth::Basic), Some((_, password))) = (auth, key.split_once(':')) {
            values.push(password);
        }
    }
    Secrets::new(values)
}

fn header(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), ConfigError> {
    let header_name =
        HeaderName::from_bytes(name.as_bytes()).map_err(|_| ConfigError(format!("invalid header name `{name}`")))?;
    let header_value =
        HeaderValue::from_str(value).map_err(|_| ConfigError(format!("invalid value for header `{name}`")))?;
    Ok((header_name, header_value))
}

/// An API client; cheap to clone (clones share connections).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    base_url: String,
    auth: Option<Auth>,
    api_key: Option<SecretString>,
    /// Credentials of the other schemes: `(scheme name, how it is sent, secret)`.
    credentials: Vec<(&'static str, Auth, SecretString)>,
    /// Every scheme the API declares, by name.
    schemes: &'static [(&'static str, Auth)],
    /// The credentials' forms, redacted from everything the server sends back.
    secrets: Secrets,
    http: reqwest::Client,
    /// The connect timeout of `http`, when this client set it.
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    attempt_timeout: Option<Duration>,
    stream_idle_timeout: Option<Duration>,
    retry: RetryPolicy,
    headers: HeaderMap,
    request_id_header: HeaderName,
    hooks: Vec<Arc<dyn Hook>>,
    provider: Option<Arc<dyn CredentialProvider>>,
}

/// The time limits of one call, its overrides applied.
struct Limits {
    total: Option<Duration>,
    deadline: Option<Instant>,
    attempt: Option<Duration>,
}

impl Limits {
    /// Whether a wait of `delay` still ends before the deadline.
    fn allows(&self, delay: Duration) -> bool {
        self.deadline.is_none_or(|deadline| Instant::now() + delay < deadline)
    }
}

/// One call in flight: what it sends, what it must redact, and its limits.
struct Call<'a, B: 'static> {
    parts: &'a RequestParts,
    options: &'a RequestOptions,
    errors: ErrorDecoder<B>,
    /// Grows by each credential a provider gives the call.
    secrets: std::sync::Mutex<Secrets>,
    limits: Limits,
    url: String,
    /// The idempotency key made for this call (header and value), sent with every attempt;
    /// `None` when the operation takes none or the caller set its own.
    idempotency_key: Option<(&'static str, String)>,
}

impl<B> Call<'_, B> {
    /// What the call redacts from everything the server sends back.
    fn secrets(&self) -> Secrets {
        self.secrets.lock().map(|secrets| secrets.clone()).unwrap_or_else(|poisoned| poisoned.into_inner().clone())
    }

    /// Redacts `credential` too from now on.
    fn add_secret(&self, credential: &SecretString) {
        let mut secrets = self.secrets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *secrets = secrets.with([credential.expose()]);
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("api_key", &self.inner.api_key)
            .field("timeout", &self.inner.timeout)
            .field("attempt_timeout", &self.inner.attempt_timeout)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

/// A URL for messages: no query string, which may hold a key.
fn display_url(url: &str) -> String {
    url.split_once('?').map_or(url, |(path, _)| path).to_owned()
}

// What generated builders call: functions of the client and the request by value, so a
// builder's `send` is a plain function returning this future — one generic body here instead of
// an `async fn` compiled per operation — and so the client's own methods are only the ones its
// users call (operation names must not meet a helper's). A request that could not be built
// (`Err` parts) fails here.

/// Sends a request and decodes a JSON success body.
pub async fn send_json<T: DeserializeOwned, B: fmt::Debug>(
    client: Client,
    parts: Result<RequestParts, Error<B>>,
    options: RequestOptions,
    errors: ErrorDecoder<B>,
) -> Result<Response<T>, Error<B>> {
    client.inner.send_json(parts, options, errors).await
}

/// Sends a request whose successes answer differently by status: `decode` reads the body of the
/// status that came.
pub async fn send_by_status<T, B: fmt::Debug>(
    client: Client,
    parts: Result<RequestParts, Error<B>>,
    options: RequestOptions,
    errors: ErrorDecoder<B>,
    decode: fn(u16, &[u8]) -> Result<T, serde_json::Error>,
) -> Result<Response<T>, Error<B>> {
    client.inner.send_by_status(parts, options, errors, decode).await
}

/// Sends a request whose success body is text (decoded as UTF-8, invalid bytes replaced).
pub async fn send_text<B: fmt::Debug>(
    client: Client,
    parts: Result<RequestParts, Error<B>>,
    options: RequestOptions,
    errors: ErrorDecoder<B>,
) -> Result<Response<String>, Error<B>> {
    client.inner.send_text(parts, options, errors).await
}

/// Sends a request whose success body is raw bytes.
pub async fn send_bytes<B: fmt::Debug>(
    client: Client,
    parts: Result<RequestParts, Error<B>>,
    options: RequestOptions,
    errors: ErrorDecoder<B>,
) -> Result<Response<Vec<u8>>, Error<B>> {
    client.inner.send_bytes(parts, options, errors).await
}

/// Sends a request whose success response has no content (any body is ignored).
pub async fn send_empty<B: fmt::Debug>(
    client: Client,
    parts: Result<RequestParts, Error<B>>,
    options: RequestOptions,
    errors: ErrorDecoder<B>,
) -> Result<Response<()>, Error<B>> {
    client.inner.send_empty(parts, options, errors).await
}

/// Sends a request and returns its server-sent events decoded as JSON of type `T`; an event whose
/// data is `done` (the document's `x-stream-done`) ends the stream.
pub async fn send_sse<T: DeserializeOwned + Send + 'static, B: fmt::Debug + Send + 'static>(
    client: Client,
    parts: Result<RequestParts, Error<B>>,
    options: RequestOptions,
    errors: ErrorDecoder<B>,
    done: Option<&'static [u8]>,
) -> Result<EventStream<T, B>, Error<B>> {
    client.inner.send_sse(parts, options, errors, done).await
}

/// Sends a request and returns its server-sent events as they are.
pub async fn send_sse_raw<B: fmt::Debug + Send + 'static>(
    client: Client,
    parts: Result<RequestParts, Error<B>>,
    options: RequestOptions,
    errors: ErrorDecoder<B>,
    done: Option<&'static [u8]>,
) -> Result<EventStream<SseEvent, B>, Error<B>> {
    client.inner.send_sse_raw(parts, options, errors, done).await
}

impl Client {
    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }
}

/// Sends a request and reads its success body with `decode`: one page of a paginated call.
pub(crate) async fn send_decoded<T, B: fmt::Debug>(
    client: &Client,
    parts: &RequestParts,
    options: &RequestOptions,
    errors: ErrorDecoder<B>,
    decode: impl FnOnce(u16, &[u8]) -> Result<T, serde_json::Error>,
) -> Result<Response<T>, Error<B>> {
    client.inner.decoded(&client.inner.call(parts, options, errors), decode).await
}

impl Inner {
    fn call<'a, B>(
        &self,
        parts: &'a RequestParts,
        options: &'a RequestOptions,
        errors: ErrorDecoder<B>,
    ) -> Call<'a, B> {
        let total = options.timeout.unwrap_or(self.timeout);
        let limits = Limits {
            total,
            deadline: total.map(|total| Instant::now() + total),
            attempt: options.attempt_timeout.unwrap_or(self.attempt_timeout),
        };
        // One key per call, made before the first attempt; the caller's own value wins.
        let idempotency_key = parts
            .idempotency_header
            .filter(|name| !parts.headers.iter().chain(&options.headers).any(|(n, _)| n.eq_ignore_ascii_case(name)))
            .map(|name| (name, super::retry::idempotency_key()));
        Call {
            parts,
            options,
            errors,
            secrets: std::sync::Mutex::new(self.secrets.with(parts.secrets.iter().map(String::as_str))),
            limits,
            url: parts.url.clone().unwrap_or_else(|| format!("{}{}", self.base_url, parts.path)),
            idempotency_key,
        }
    }

    /// Runs `work` until the call's deadline (the one retries are weighed against too).
    async fn within_deadline<T, B: fmt::Debug>(
        call: &Call<'_, B>,
        work: impl Future<Output = Result<T, Error<B>>>,
    ) -> Result<T, Error<B>> {
        match (call.limits.deadline, call.limits.total) {
            (Some(deadline), Some(after)) => tokio::time::timeout_at(deadline, work)
                .await
                .unwrap_or_else(|_| Err(Error::Timeout { url: display_url(&call.url), after, limit: TimeoutKind::Call })),
            _ => work.await,
        }
    }

    /// Sends a request and reads the whole success body, all within the call's time limit.
    async fn receive<B: fmt::Debug>(&self, call: &Call<'_, B>) -> Result<Response<Bytes>, Error<B>> {
        Self::within_deadline(call, async {
            let response = self.execute(call, false).await?;
            let status = response.status();
            let (headers, request_id) = self.response_headers(call, response.headers());
            let data = response.bytes().await.map_err(|source| self.transport_error(call, source))?;
            Ok(Response { status, headers, data, request_id })
        })
        .await
    }

    /// The headers as the user sees them (secrets redacted) and the request id among them.
    fn response_headers<B>(&self, call: &Call<'_, B>, headers: &HeaderMap) -> (HeaderMap, Option<String>) {
        let headers = call.secrets().redact_headers(headers);
        let request_id = headers.get(&self.request_id_header).and_then(|v| v.to_str().ok()).map(str::to_owned);
        (headers, request_id)
    }

    /// Sends a request and decodes a JSON success body.
    async fn send_json<T: DeserializeOwned, B: fmt::Debug>(
        &self,
        parts: Result<RequestParts, Error<B>>,
        options: RequestOptions,
        errors: ErrorDecoder<B>,
    ) -> Result<Response<T>, Error<B>> {
        // An empty success body decodes as JSON `null` (so `Option<T>` accepts it).
        self.send_by_status(parts, options, errors, |_, body| super::request::json_body(body)).await
    }

    /// Sends a request whose successes answer differently by status: `decode` reads the body
    /// of the status that came.
    async fn send_by_status<T, B: fmt::Debug>(
        &self,
        parts: Result<RequestParts, Error<B>>,
        options: RequestOptions,
        errors: ErrorDecoder<B>,
        decode: fn(u16, &[u8]) -> Result<T, serde_json::Error>,
    ) -> Result<Response<T>, Error<B>> {
        let parts = parts?;
        self.decoded(&self.call(&parts, &options, errors), decode).await
    }

    /// Sends a call and reads its success body with `decode` (given the status); a body it
    /// cannot read is a decode error that keeps the body.
    async fn decoded<T, B: fmt::Debug>(
        &self,
        call: &Call<'_, B>,
        decode: impl FnOnce(u16, &[u8]) -> Result<T, serde_json::Error>,
    ) -> Result<Response<T>, Error<B>> {
        let response = self.receive(call).await?;
        match decode(response.status.as_u16(), &response.data) {
            Ok(data) => Ok(response.map(|_| data)),
            Err(source) => Err(Error::Decode(Box::new(ResponseDecodeError {
                url: display_url(&call.url),
                status: response.status,
                headers: response.headers,
                request_id: response.request_id,
                source: DecodeError::new(&source, &call.secrets()),
                body: ResponseBody::new(response.data, call.secrets()),
            }))),
        }
    }

    /// Sends a request whose success body is text (decoded as UTF-8, invalid bytes replaced).
    async fn send_text<B: fmt::Debug>(
        &self,
        parts: Result<RequestParts, Error<B>>,
        options: RequestOptions,
        errors: ErrorDecoder<B>,
    ) -> Result<Response<String>, Error<B>> {
        let response = self.receive(&self.call(&parts?, &options, errors)).await?;
        Ok(response.map(|data| String::from_utf8_lossy(&data).into_owned()))
    }

    /// Sends a request whose success body is raw bytes.
    async fn send_bytes<B: fmt::Debug>(
        &self,
        parts: Result<RequestParts, Error<B>>,
        options: RequestOptions,
        errors: ErrorDecoder<B>,
    ) -> Result<Response<Vec<u8>>, Error<B>> {
        let response = self.receive(&self.call(&parts?, &options, errors)).await?;
        Ok(response.map(|data| data.to_vec()))
    }

    /// Sends a request whose success response has no content (any body is ignored).
    async fn send_empty<B: fmt::Debug>(
        &self,
        parts: Result<RequestParts, Error<B>>,
        options: RequestOptions,
        errors: ErrorDecoder<B>,
    ) -> Result<Response<()>, Error<B>> {
        let response = self.receive(&self.call(&parts?, &options, errors)).await?;
        Ok(response.map(|_| ()))
    }

    /// Sends a request and returns its server-sent events decoded as JSON of type `T`; an event
    /// whose data is `done` (the document's `x-stream-done`) ends the stream.
    async fn send_sse<T: DeserializeOwned + Send + 'static, B: fmt::Debug + Send + 'static>(
        &self,
        parts: Result<RequestParts, Error<B>>,
        options: RequestOptions,
        errors: ErrorDecoder<B>,
        done: Option<&'static [u8]>,
    ) -> Result<EventStream<T, B>, Error<B>> {
        self.stream(parts?, options, errors, decode_json::<T, B>, done).await
    }

    /// Sends a request and returns its server-sent events as they are.
    async fn send_sse_raw<B: fmt::Debug + Send + 'static>(
        &self,
        parts: Result<RequestParts, Error<B>>,
        options: RequestOptions,
        errors: ErrorDecoder<B>,
        done: Option<&'static [u8]>,
    ) -> Result<EventStream<SseEvent, B>, Error<B>> {
        self.stream(parts?, options, errors, decode_raw::<B>, done).await
    }

    async fn stream<T: Send + 'static, B: fmt::Debug + Send + 'static>(
        &self,
        parts: RequestParts,
        options: RequestOptions,
        errors: ErrorDecoder<B>,
        decode: super::sse::Decode<T, B>,
        done: Option<&'static [u8]>,
    ) -> Result<EventStream<T, B>, Error<B>> {
        let call = self.call(&parts, &options, errors);
        // The call's time limit runs until the response starts; the idle timeout takes over.
        let response = Self::within_deadline(&call, self.execute(&call, true)).await?;
        let (headers, request_id) = self.response_headers(&call, response.headers());
        let start = super::sse::StreamStart {
            status: response.status(),
            headers,
            request_id,
            url: display_url(&call.url),
            idle: self.stream_idle_timeout,
            secrets: call.secrets(),
            done,
        };
        Ok(EventStream::new(start, response, decode))
    }

    fn transport_error<B: fmt::Debug>(&self, call: &Call<'_, B>, source: reqwest::Error) -> Error<B> {
        let url = display_url(&call.url);
        let connect = self.connect_timeout.filter(|_| source.is_timeout() && source.is_connect());
        match (connect, call.limits.attempt) {
            // The shorter of the two limits is the one that ran out while connecting.
            (Some(connect), attempt) if attempt.is_none_or(|a| connect <= a) => {
                Error::Timeout { url, after: connect, limit: TimeoutKind::Connect }
            }
            (_, Some(after)) if source.is_timeout() => Error::Timeout { url, after, limit: TimeoutKind::Attempt },
            // reqwest's message names the URL with its query, which may hold a key.
            _ => Error::Connection { url, source: source.without_url() },
        }
    }

    /// The credentials a request carries: none when the operation opts out; the API key's
    /// scheme when it names none of its own; else the first of its alternatives (a set of
    /// schemes, all sent) for which every credential is configured. The API key serves any
    /// scheme sent the way its own is, unless that scheme was given a credential of its own.
    fn credentials_for<'a>(
        &'a self,
        parts: &RequestParts,
        provided: Option<&'a SecretString>,
    ) -> Vec<(Auth, &'a SecretString)> {
        if !parts.authenticated {
            return Vec::new();
        }
        let primary = self.auth.zip(provided.or(self.api_key.as_ref()));
        let Some(alternatives) = parts.security else { return primary.into_iter().collect() };
        let credential = |scheme: &str| {
            let own = self.credentials.iter().find(|(name, _, _)| *name == scheme);
            let own = own.map(|(_, auth, secret)| (*auth, secret));
            let auth = self.schemes.iter().find(|(name, _)| *name == scheme).map(|(_, auth)| *auth);
            own.or(primary.filter(|(primary, _)| Some(*primary) == auth))
        };
        let satisfied = alternatives
            .iter()
            .filter(|schemes| !schemes.is_empty())
            .find_map(|schemes| schemes.iter().map(|scheme| credential(scheme)).collect::<Option<Vec<_>>>());
        satisfied.unwrap_or_default()
    }

    fn request<B: fmt::Debug>(
        &self,
        call: &Call<'_, B>,
        streaming: bool,
        provided: Option<&SecretString>,
    ) -> Result<reqwest::RequestBuilder, Error<B>> {
        let (parts, options) = (call.parts, call.options);
        let mut request = self.http.request(parts.method.clone(), &call.url).headers(self.headers.clone());
        let mut query = parts.query.clone();
        // Cookie parameters and a cookie credential share one `Cookie` header (RFC 6265).
        let mut cookies: Vec<String> = Vec::new();
        for (auth, key) in self.credentials_for(parts, provided) {
            request = match auth {
                Auth::ApiKeyHeader(name) => {
                    let mut value = HeaderValue::from_str(key.expose())
                        .map_err(|_| Error::Request("API key is not a valid header value".into()))?;
                    value.set_sensitive(true);
                    request.header(name, value)
                }
                Auth::ApiKeyQuery(name) => {
                    query.push((name.to_owned(), key.expose().to_owned()));
                    request
                }
                Auth::ApiKeyCookie(name) => {
                    cookies.push(format!("{name}={}", key.expose()));
                    request
                }
                Auth::Bearer => request.bearer_auth(key.expose()),
                Auth::Basic => {
                    let (user, password) = key.expose().split_once(':').unwrap_or((key.expose(), ""));
                    request.basic_auth(user, Some(password))
                }
            };
        }
        if !query.is_empty() {
            request = request.query(&query);
        }
        for (name, value) in parts.headers.iter().chain(&options.headers) {
            if name.eq_ignore_ascii_case("cookie") {
                cookies.push(value.clone());
                continue;
            }
            let (name, value) = header(name, value).map_err(|e| Error::Request(e.to_string()))?;
            request = request.header(name, value);
        }
        if let Some((name, key)) = &call.idempotency_key {
            let (name, value) = header(name, key).map_err(|e| Error::Request(e.to_string()))?;
            request = request.header(name, value);
        }
        if !cookies.is_empty() {
            let mut value = HeaderValue::from_str(&cookies.join("; "))
                .map_err(|_| Error::Request("a cookie is not a valid header value".into()))?;
            // It may hold a credential.
            value.set_sensitive(true);
            request = request.header(reqwest::header::COOKIE, value);
        }
        request = request.header("accept", if streaming { "text/event-stream" } else { parts.accept.as_str() });
        if let Some((body, content_type)) = parts.body().map_err(Error::Request)? {
            request = request.header("content-type", content_type).body(body);
        }
        // reqwest's own timeout also covers reading the body, which a stream must not be cut by.
        if let (false, Some(limit)) = (streaming, call.limits.attempt) {
            request = request.timeout(limit);
        }
        Ok(request)
    }

    /// One attempt: the request sent, until its response starts.
    async fn attempt<B: fmt::Debug>(
        &self,
        call: &Call<'_, B>,
        streaming: bool,
        provided: Option<&SecretString>,
    ) -> Result<reqwest::Response, Error<B>> {
        let mut request =
            self.request(call, streaming, provided)?.build().map_err(|e| Error::Request(e.without_url().to_string()))?;
        self.hooks.iter().for_each(|hook| hook.on_request(&mut request));
        let started = Instant::now();
        let send = async {
            let response = self.http.execute(request).await?;
            for hook in &self.hooks {
                hook.on_response(response.status(), response.headers(), started.elapsed());
            }
            Ok::<_, reqwest::Error>(response)
        };
        match (streaming, call.limits.attempt) {
            (true, Some(after)) => match tokio::time::timeout(after, send).await {
                Ok(sent) => sent.map_err(|source| self.transport_error(call, source)),
                Err(_) => Err(Error::Timeout { url: display_url(&call.url), after, limit: TimeoutKind::Attempt }),
            },
            _ => send.await.map_err(|source| self.transport_error(call, source)),
        }
    }

    /// Sends with retries until a success status, a final failure, retries run out, or the next
    /// retry could not start before the call's deadline. A call that is not idempotent and has no
    /// idempotency key is retried only after failing to connect (see [`RetryPolicy`]).
    async fn execute<B: fmt::Debug>(&self, call: &Call<'_, B>, streaming: bool) -> Result<reqwest::Response, Error<B>> {
        let span = CallSpan::new(call.parts.info, &call.parts.method);
        span.run(self.execute_in(call, streaming, &span)).await
    }

    async fn execute_in<B: fmt::Debug>(
        &self,
        call: &Call<'_, B>,
        streaming: bool,
        span: &CallSpan,
    ) -> Result<reqwest::Response, Error<B>> {
        let max_retries = match call.parts.is_one_shot() {
            true => 0,
            false => call.options.max_retries.unwrap_or(self.retry.max_retries),
        };
        // Whether a request that reached the server may be sent again: sending it twice must
        // have the effect of sending it once (RFC 9110's idempotent methods), or the server must
        // recognise the repeat by its key, or the owner says the API is safe to repeat.
        let repeatable = call.parts.method.is_idempotent()
            || call.parts.idempotency_header.is_some()
            || self.retry.retry_non_idempotent;
        let mut attempt = 0;
        // Whether a credential the API refused was renewed (once per call).
        let mut renewed = false;
        loop {
            let provided = self.provided_credential(call).await?;
            let sent = span.attempt(attempt, self.attempt(call, streaming, provided.as_ref())).await;
            let retry = attempt < max_retries;
            match sent {
                Ok(response) if response.status().is_success() => return Ok(response),
                // The request was refused before it could act: safe to send again, whatever it does.
                Ok(response)
                    if response.status() == StatusCode::UNAUTHORIZED
                        && !renewed
                        && !call.parts.is_one_shot()
                        && self.provider.as_ref().zip(provided.as_ref()).is_some_and(|(p, c)| p.refused(c)) =>
                {
                    renewed = true;
                    span.retry(Duration::ZERO, "401");
                    continue;
                }
                Ok(response) if retry && repeatable && (self.retry.retry_on)(response.status()) => {
                    let delay = self.retry.delay(attempt, Some(response.headers()));
                    if !call.limits.allows(delay) {
                        return Err(self.status_error(call, response).await);
                    }
                    span.retry(delay, response.status().as_str());
                    tokio::time::sleep(delay).await;
                }
                Ok(response) => return Err(self.status_error(call, response).await),
                // A request that never reached the server may be sent again whatever it does.
                Err(error @ (Error::Connection { .. } | Error::Timeout { .. }))
                    if retry && (repeatable || error.is_connect()) =>
                {
                    let delay = self.retry.delay(attempt, None);
                    if !call.limits.allows(delay) {
                        return Err(error);
                    }
                    span.retry(delay, if matches!(error, Error::Timeout { .. }) { "timeout" } else { "connection" });
                    tokio::time::sleep(delay).await;
                }
                Err(error) => return Err(error),
            }
            attempt += 1;
        }
    }

    /// The credential a provider gives this attempt, redacted from the call's errors from now on.
    async fn provided_credential<B: fmt::Debug>(&self, call: &Call<'_, B>) -> Result<Option<SecretString>, Error<B>> {
        let Some(provider) = self.provider.as_ref().filter(|_| call.parts.authenticated) else { return Ok(None) };
        let credential = provider.credential().await.map_err(Error::Credential)?;
        call.add_secret(&credential);
        Ok(Some(credential))
    }

    async fn status_error<B: fmt::Debug>(&self, call: &Call<'_, B>, response: reqwest::Response) -> Error<B> {
        let status = response.status();
        let (headers, request_id) = self.response_headers(call, response.headers());
        // A body that cannot be read completely is reported as far as it came.
        let body = ResponseBody::new(response.bytes().await.unwrap_or_default(), call.secrets());
        // Decoded from the redacted text, so the typed body cannot hold an echoed secret either.
        let parsed = decode_body(call.errors, status, body.text().as_bytes());
        Error::Status(Box::new(StatusError {
            method: call.parts.method.to_string(),
            url: display_url(&call.url),
            status,
            headers,
            request_id,
            body,
            parsed,
        }))
    }
}
