//! The HTTP client: configuration (base URL, key, timeouts, retries, headers), authentication,
//! and the two verbs generated methods call: a JSON call and a server-sent-event call.

use super::error::{decode_body, ConfigError, Error, ErrorDecoder, ResponseBody, StatusError};
use super::request::{RequestOptions, RequestParts};
use super::retry::RetryPolicy;
use super::secret::SecretString;
use super::sse::{decode_json, decode_raw, EventStream, SseEvent};
use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

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
}

/// A success response with its status and headers.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response<T> {
    /// The status.
    pub status: StatusCode,
    /// The headers (request ids, rate limits).
    pub headers: HeaderMap,
    /// The decoded body.
    pub data: T,
}

/// Configures a [`Client`].
#[derive(Clone)]
pub struct ClientBuilder {
    api: &'static ApiInfo,
    base_url: Option<String>,
    api_key: Option<SecretString>,
    timeout: Option<Duration>,
    connect_timeout: Duration,
    stream_idle_timeout: Option<Duration>,
    retry: RetryPolicy,
    headers: Vec<(String, String)>,
    user_agent: Option<String>,
    http: Option<reqwest::Client>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key)
            .field("timeout", &self.timeout)
            .field("stream_idle_timeout", &self.stream_idle_timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// A builder with the API's defaults: its first server, 60 s timeout (also between stream
    /// events), 10 s to connect, 2 retries.
    pub fn new(api: &'static ApiInfo) -> Self {
        ClientBuilder {
            api,
            base_url: None,
            api_key: None,
            timeout: Some(Duration::from_secs(60)),
            connect_timeout: Duration::from_secs(10),
            stream_idle_timeout: Some(Duration::from_secs(60)),
            retry: RetryPolicy::default(),
            headers: Vec::new(),
            user_agent: None,
            http: None,
        }
    }

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

    /// Base URL, e.g. a proxy or a local test server.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Total time for a call (for streams, until the response starts); `None` for no limit.
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time to establish a connection.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Longest wait between two chunks of a stream; `None` for no limit.
    pub fn stream_idle_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.stream_idle_timeout = timeout;
        self
    }

    /// Retries after the first attempt (default 2).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.retry.max_retries = max_retries;
        self
    }

    /// The whole retry policy.
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
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .build()
                .map_err(|e| ConfigError(format!("HTTP client could not be created: {e}")))?,
        };
        let base_url = self.base_url.unwrap_or_else(|| self.api.base_url.to_owned());
        Ok(Client {
            inner: Arc::new(Inner {
                base_url: base_url.trim_end_matches('/').to_owned(),
                auth: self.api.auth,
                api_key: self.api_key,
                http,
                timeout: self.timeout,
                stream_idle_timeout: self.stream_idle_timeout,
                retry: self.retry,
                headers,
            }),
        })
    }
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
    http: reqwest::Client,
    timeout: Option<Duration>,
    stream_idle_timeout: Option<Duration>,
    retry: RetryPolicy,
    headers: HeaderMap,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("api_key", &self.inner.api_key)
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

/// A URL for messages: no query string, which may hold a key.
pub(crate) fn display_url(url: &reqwest::Url) -> String {
    let mut url = url.clone();
    url.set_query(None);
    url.to_string()
}

impl Client {
    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Sends a request and reads the whole success body.
    async fn receive<B: fmt::Debug>(
        &self,
        parts: &RequestParts,
        options: &RequestOptions,
        errors: ErrorDecoder<B>,
    ) -> Result<(Response<Bytes>, String), Error<B>> {
        let response = self.execute(parts, options, errors, false).await?;
        let (status, headers, url) = (response.status(), response.headers().clone(), display_url(response.url()));
        let data = response.bytes().await.map_err(|source| self.transport_error(&url, source, options.timeout))?;
        Ok((Response { status, headers, data }, url))
    }

    /// Sends a request and decodes a JSON success body.
    pub async fn send_json<T: DeserializeOwned, B: fmt::Debug>(
        &self,
        parts: RequestParts,
        options: RequestOptions,
        errors: ErrorDecoder<B>,
    ) -> Result<Response<T>, Error<B>> {
        let (response, url) = self.receive(&parts, &options, errors).await?;
        let Response { status, headers, data: body } = response;
        // An empty success body decodes as JSON `null` (so `Option<T>` accepts it).
        let json: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"null" } else { &body };
        match serde_json::from_slice(json) {
            Ok(data) => Ok(Response { status, headers, data }),
            Err(source) => {
                Err(Error::Decode { url, status, body: ResponseBody::new(body, self.secrets(&parts)), source })
            }
        }
    }

    /// Sends a request whose success body is text (decoded as UTF-8, invalid bytes replaced).
    pub async fn send_text<B: fmt::Debug>(
        &self,
        parts: RequestParts,
        options: RequestOptions,
        errors: ErrorDecoder<B>,
    ) -> Result<Response<String>, Error<B>> {
        let (response, _) = self.receive(&parts, &options, errors).await?;
        let Response { status, headers, data } = response;
        Ok(Response { status, headers, data: String::from_utf8_lossy(&data).into_owned() })
    }

    /// Sends a request whose success body is raw bytes.
    pub async fn send_bytes<B: fmt::Debug>(
        &self,
        parts: RequestParts,
        options: RequestOptions,
        errors: ErrorDecoder<B>,
    ) -> Result<Response<Vec<u8>>, Error<B>> {
        let (response, _) = self.receive(&parts, &options, errors).await?;
        let Response { status, headers, data } = response;
        Ok(Response { status, headers, data: data.to_vec() })
    }

    /// Sends a request whose success response has no content (any body is ignored).
    pub async fn send_empty<B: fmt::Debug>(
        &self,
        parts: RequestParts,
        options: RequestOptions,
        errors: ErrorDecoder<B>,
    ) -> Result<Response<()>, Error<B>> {
        let (response, _) = self.receive(&parts, &options, errors).await?;
        Ok(Response { status: response.status, headers: response.headers, data: () })
    }

    /// Sends a request and returns its server-sent events decoded as JSON of type `T`.
    pub async fn send_sse<T: DeserializeOwned + Send + 'static, B: fmt::Debug + Send + 'static>(
        &self,
        parts: RequestParts,
        options: RequestOptions,
        errors: ErrorDecoder<B>,
    ) -> Result<EventStream<T, B>, Error<B>> {
        let response = self.execute(&parts, &options, errors, true).await?;
        Ok(EventStream::new(response, self.inner.stream_idle_timeout, decode_json::<T, B>))
    }

    /// Sends a request and returns its server-sent events as they are.
    pub async fn send_sse_raw<B: fmt::Debug + Send + 'static>(
        &self,
        parts: RequestParts,
        options: RequestOptions,
        errors: ErrorDecoder<B>,
    ) -> Result<EventStream<SseEvent, B>, Error<B>> {
        let response = self.execute(&parts, &options, errors, true).await?;
        Ok(EventStream::new(response, self.inner.stream_idle_timeout, decode_raw::<B>))
    }

    /// What a response must not show: the API key and the secrets of the request body.
    fn secrets(&self, parts: &RequestParts) -> Arc<[String]> {
        self.inner.api_key.iter().map(|k| k.expose().to_owned()).chain(parts.secrets.iter().cloned()).collect()
    }

    fn transport_error<B: fmt::Debug>(&self, url: &str, source: reqwest::Error, timeout: Option<Duration>) -> Error<B> {
        match timeout.or(self.inner.timeout) {
            Some(after) if source.is_timeout() => Error::Timeout { url: url.to_owned(), after },
            // reqwest's message names the URL with its query, which may hold a key.
            _ => Error::Connection { url: url.to_owned(), source: source.without_url() },
        }
    }

    fn request<B: fmt::Debug>(
        &self,
        parts: &RequestParts,
        options: &RequestOptions,
        streaming: bool,
    ) -> Result<reqwest::RequestBuilder, Error<B>> {
        let url = format!("{}{}", self.inner.base_url, parts.path);
        let mut request = self.inner.http.request(parts.method.clone(), &url).headers(self.inner.headers.clone());
        let mut query = parts.query.clone();
        let credentials = self.inner.api_key.as_ref().filter(|_| parts.authenticated);
        if let (Some(auth), Some(key)) = (self.inner.auth, credentials) {
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
            let (name, value) = header(name, value).map_err(|e| Error::Request(e.to_string()))?;
            request = request.header(name, value);
        }
        request = request.header("accept", if streaming { "text/event-stream" } else { parts.accept.as_str() });
        if let Some(body) = &parts.body {
            request = request.header("content-type", parts.content_type.as_str()).body(body.clone());
        }
        if !streaming {
            if let Some(timeout) = options.timeout.or(self.inner.timeout) {
                request = request.timeout(timeout);
            }
        }
        Ok(request)
    }

    /// Sends with retries until a success status, a final failure, or retries run out.
    async fn execute<B: fmt::Debug>(
        &self,
        parts: &RequestParts,
        options: &RequestOptions,
        errors: ErrorDecoder<B>,
        streaming: bool,
    ) -> Result<reqwest::Response, Error<B>> {
        let max_retries = options.max_retries.unwrap_or(self.inner.retry.max_retries);
        let timeout = options.timeout.or(self.inner.timeout);
        let url = format!("{}{}", self.inner.base_url, parts.path);
        let mut attempt = 0;
        loop {
            let request = self.request(parts, options, streaming)?;
            let sent = match (streaming, timeout) {
                // A stream's total timeout covers only the wait for the response to start.
                (true, Some(after)) => match tokio::time::timeout(after, request.send()).await {
                    Ok(sent) => sent.map_err(|source| self.transport_error(&url, source, Some(after))),
                    Err(_) => Err(Error::Timeout { url: url.clone(), after }),
                },
                _ => request.send().await.map_err(|source| self.transport_error(&url, source, timeout)),
            };
            let retry = attempt < max_retries;
            match sent {
                Ok(response) if response.status().is_success() => return Ok(response),
                Ok(response) if retry && (self.inner.retry.retry_on)(response.status()) => {
                    tokio::time::sleep(self.inner.retry.delay(attempt, Some(response.headers()))).await;
                }
                Ok(response) => return Err(self.status_error(parts, response, errors).await),
                Err(Error::Connection { .. } | Error::Timeout { .. }) if retry => {
                    tokio::time::sleep(self.inner.retry.delay(attempt, None)).await;
                }
                Err(error) => return Err(error),
            }
            attempt += 1;
        }
    }

    async fn status_error<B: fmt::Debug>(
        &self,
        parts: &RequestParts,
        response: reqwest::Response,
        errors: ErrorDecoder<B>,
    ) -> Error<B> {
        let status = response.status();
        let headers = response.headers().clone();
        let url = display_url(response.url());
        // A body that cannot be read completely is reported as far as it came.
        let body = response.bytes().await.unwrap_or_default();
        let parsed = decode_body(errors, status, &body);
        let body = ResponseBody::new(body, self.secrets(parts));
        Error::Status(Box::new(StatusError { method: parts.method.to_string(), url, status, headers, body, parsed }))
    }
}
