//! What one call sends: method, path, query, headers and body, kept so each retry rebuilds the
//! same request; and per-request options.

use super::form::Multipart;
use super::observe::CallInfo;
use bytes::Bytes;
use serde::Serialize;
use serde_json::Value;
use std::fmt;
use std::time::Duration;

/// Per-request settings that override the client's.
#[derive(Clone, Default)]
pub struct RequestOptions {
    /// `None`: the client's; `Some(None)`: no limit.
    pub(crate) timeout: Option<Option<Duration>>,
    /// `None`: the client's; `Some(None)`: no limit.
    pub(crate) attempt_timeout: Option<Option<Duration>>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) headers: Vec<(String, String)>,
    /// JSON body fields the document does not declare, set over the typed body's.
    pub(crate) body_fields: Vec<(String, Value)>,
}

/// Header values may be credentials, so only their names are shown.
impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<String> = self.headers.iter().map(|(name, _)| format!("{name}: [REDACTED]")).collect();
        f.debug_struct("RequestOptions")
            .field("timeout", &self.timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("max_retries", &self.max_retries)
            .field("headers", &headers)
            .field("body_fields", &self.body_fields.iter().map(|(name, _)| name).collect::<Vec<_>>())
            .finish()
    }
}

impl RequestOptions {
    /// Time limit of the whole call, retries and their waits included (for streams: until the
    /// response starts); `None` for no limit. Overrides the client's.
    pub fn set_timeout(&mut self, timeout: impl Into<Option<Duration>>) {
        self.timeout = Some(timeout.into());
    }

    /// Time limit of each attempt; `None` for no limit. Overrides the client's.
    pub fn set_attempt_timeout(&mut self, timeout: impl Into<Option<Duration>>) {
        self.attempt_timeout = Some(timeout.into());
    }

    /// Retries after the first attempt.
    pub fn set_max_retries(&mut self, max_retries: u32) {
        self.max_retries = Some(max_retries);
    }

    /// An extra header for this call.
    pub fn add_header(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.headers.push((name.into(), value.into()));
    }

    /// A field set in this call's JSON body over the typed body's (one the document does not
    /// declare yet, or a value its type cannot hold).
    pub fn add_body_field(&mut self, name: impl Into<String>, value: Value) {
        self.body_fields.push((name.into(), value));
    }
}

/// A request as generated code describes it.
#[derive(Debug, Clone)]
pub struct RequestParts {
    pub(crate) method: reqwest::Method,
    pub(crate) path: String,
    /// A whole URL sent to instead of the base URL and `path` (a next page's link, whose
    /// origin is the base URL's).
    pub(crate) url: Option<String>,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Option<Payload>,
    pub(crate) accept: String,
    pub(crate) authenticated: bool,
    /// Secret values the body carries, redacted from errors.
    pub(crate) secrets: Vec<String>,
    /// What tracing spans name the call by.
    pub(crate) info: CallInfo,
    /// The operation's own security requirements: alternatives, each a set of scheme names.
    pub(crate) security: Option<&'static [&'static [&'static str]]>,
    /// The header that carries the call's idempotency key, for an operation that takes one.
    pub(crate) idempotency_header: Option<&'static str>,
}

impl RequestParts {
    /// A request to `path` (already filled in, relative to the base URL).
    pub fn new(method: reqwest::Method, path: String) -> Self {
        RequestParts {
            method,
            path,
            url: None,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            accept: "application/json".to_owned(),
            authenticated: true,
            secrets: Vec::new(),
            info: CallInfo::default(),
            security: None,
            idempotency_header: None,
        }
    }

    /// Sends an idempotency key in header `name`: a new key per call (a random UUID), the same
    /// on every attempt, so the server can tell a retry from a new request; a value the caller
    /// gives that header (its parameter, or an extra header) is sent instead. A call with a key
    /// is retried like an idempotent one.
    pub fn idempotency_header(mut self, name: &'static str) -> Self {
        self.idempotency_header = Some(name);
        self
    }

    /// The operation's own security requirements: any one of `alternatives`, each a set of
    /// scheme names sent together.
    pub fn security(mut self, alternatives: &'static [&'static [&'static str]]) -> Self {
        self.security = Some(alternatives);
        self
    }

    /// Names the call in tracing spans: the operation and its path template.
    pub fn traced(mut self, operation: &'static str, template: &'static str) -> Self {
        self.info = CallInfo { operation, template };
        self
    }

    /// Adds a query parameter in `form` style, exploded: arrays as repeated parameters, an
    /// object's fields as parameters of their own.
    pub fn query(self, name: &str, value: &impl Serialize) -> Self {
        self.query_styled(name, value, QueryStyle::Form)
    }

    /// Adds a query parameter written in `style`.
    pub fn query_styled(mut self, name: &str, value: &impl Serialize, style: QueryStyle) -> Self {
        let (value, secrets) = super::secret::collect_secrets(|| serde_json::to_value(value));
        self.secrets.extend(secrets);
        let Ok(value) = value else { return self };
        let scalars = |items: &[Value]| items.iter().filter_map(scalar_text).collect::<Vec<_>>();
        let pairs = |fields: &serde_json::Map<String, Value>| {
            fields.iter().filter_map(|(k, v)| Some((k.clone(), scalar_text(v)?))).collect::<Vec<_>>()
        };
        let name = name.to_owned();
        match (style, &value) {
            (_, Value::Null) => {}
            (QueryStyle::Form, Value::Array(items)) => {
                self.query.extend(scalars(items).into_iter().map(|text| (name.clone(), text)));
            }
            (QueryStyle::Form, Value::Object(fields)) => self.query.extend(pairs(fields)),
            (QueryStyle::FormCompact, Value::Object(fields)) => {
                let flat: Vec<String> = pairs(fields).into_iter().flat_map(|(k, v)| [k, v]).collect();
                self.query.push((name, flat.join(",")));
            }
            (QueryStyle::DeepObject, Value::Object(_)) => deep_object(name, &value, &mut self.query),
            (QueryStyle::FormCompact | QueryStyle::DeepObject, Value::Array(items)) => {
                self.query.push((name, scalars(items).join(",")));
            }
            (QueryStyle::SpaceDelimited, Value::Array(items)) => self.query.push((name, scalars(items).join(" "))),
            (QueryStyle::PipeDelimited, Value::Array(items)) => self.query.push((name, scalars(items).join("|"))),
            (_, scalar) => self.query.extend(scalar_text(scalar).map(|text| (name, text))),
        }
        self
    }

    /// Adds a header parameter (arrays become comma-separated).
    pub fn header(mut self, name: &str, value: &impl Serialize) -> Self {
        let values = self.secret_aware_text(value);
        if !values.is_empty() {
            self.headers.push((name.to_owned(), values.join(",")));
        }
        self
    }

    /// Adds a cookie parameter (`name=value` in the `Cookie` header; arrays comma-separated).
    pub fn cookie(mut self, name: &str, value: &impl Serialize) -> Self {
        use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
        // What a cookie value may not hold unencoded (RFC 6265): space, `"`, `,`, `;` and `\`.
        const COOKIE: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b',').add(b';').add(b'\\').add(b'%');
        let values = self.secret_aware_text(value);
        if values.is_empty() {
            return self;
        }
        let encoded: Vec<String> = values.iter().map(|v| utf8_percent_encode(v, COOKIE).to_string()).collect();
        let pair = format!("{name}={}", encoded.join("%2C"));
        match self.headers.iter_mut().find(|(header, _)| header == "cookie") {
            Some((_, cookies)) => {
                cookies.push_str("; ");
                cookies.push_str(&pair);
            }
            None => self.headers.push(("cookie".to_owned(), pair)),
        }
        self
    }

    /// A parameter's text, remembering the secrets it carries.
    fn secret_aware_text(&mut self, value: &impl Serialize) -> Vec<String> {
        let (texts, secrets) = super::secret::collect_secrets(|| param_text(value));
        self.secrets.extend(secrets);
        texts
    }

    /// Sets a JSON body, serialised once for every attempt.
    pub fn json(mut self, body: &impl Serialize) -> Result<Self, String> {
        let (bytes, secrets) = super::secret::collect_secrets(|| serde_json::to_vec(body));
        let bytes = bytes.map_err(|e| format!("request body could not be serialised: {e}"))?;
        self.body = Some(Payload::Bytes(Bytes::from(bytes), "application/json".to_owned()));
        self.secrets.extend(secrets);
        Ok(self)
    }

    /// Sets an `application/x-www-form-urlencoded` body: top-level arrays repeat their name,
    /// nested values are bracketed (`meta[k]=v`).
    pub fn form(mut self, body: &impl Serialize) -> Result<Self, String> {
        let (text, secrets) = super::secret::collect_secrets(|| super::form::urlencoded(body));
        let content_type = "application/x-www-form-urlencoded".to_owned();
        self.body = Some(Payload::Bytes(Bytes::from(text?), content_type));
        self.secrets.extend(secrets);
        Ok(self)
    }

    /// Sets a `multipart/form-data` body; `part_types` are the document's media types per field.
    pub fn multipart(mut self, body: &impl Serialize, part_types: &[(&str, &str)]) -> Result<Self, String> {
        let (multipart, secrets) = super::secret::collect_secrets(|| Multipart::new(body, part_types));
        self.body = Some(Payload::Multipart(multipart?));
        self.secrets.extend(secrets);
        Ok(self)
    }

    /// The JSON body with `options`' extra fields set over it (a body is created if there is none).
    pub fn with_body_fields(mut self, options: &RequestOptions) -> Result<Self, String> {
        if options.body_fields.is_empty() {
            return Ok(self);
        }
        let mut body = match &self.body {
            Some(Payload::Bytes(bytes, _)) => serde_json::from_slice::<Value>(bytes).map_err(|e| e.to_string())?,
            _ => Value::Object(serde_json::Map::new()),
        };
        let Value::Object(fields) = &mut body else {
            return Err("extra body fields need a JSON object body".to_owned());
        };
        fields.extend(options.body_fields.iter().cloned());
        self.body = Some(Payload::Bytes(Bytes::from(body.to_string()), "application/json".to_owned()));
        Ok(self)
    }

    /// Sends no credentials (an operation the document marks `security: []`).
    pub fn without_auth(mut self) -> Self {
        self.authenticated = false;
        self
    }

    /// The media type asked for in `Accept` (default `application/json`; streams ask for events).
    pub fn accept(mut self, media_type: &str) -> Self {
        self.accept = media_type.to_owned();
        self
    }

    /// Sets a body sent as it is, with its media type (text or binary).
    pub fn raw(mut self, body: impl Into<Bytes>, content_type: &str) -> Self {
        self.body = Some(Payload::Bytes(body.into(), content_type.to_owned()));
        self
    }

    /// Sets a `multipart/form-data` body of one part, `name`, holding `value` (a file or text).
    pub fn multipart_part(self, name: &str, value: &impl Serialize) -> Result<Self, String> {
        self.multipart(&std::collections::BTreeMap::from([(name, value)]), &[])
    }

    /// Whether the body can be sent only once (it streams from a reader), so no retry is made.
    pub(crate) fn is_one_shot(&self) -> bool {
        matches!(&self.body, Some(Payload::Multipart(multipart)) if multipart.is_one_shot())
    }

    /// The body and its media type for one attempt.
    pub(crate) fn body(&self) -> Result<Option<(reqwest::Body, String)>, String> {
        Ok(match &self.body {
            None => None,
            Some(Payload::Bytes(bytes, content_type)) => Some((bytes.clone().into(), content_type.clone())),
            Some(Payload::Multipart(multipart)) => Some((multipart.body()?, multipart.content_type())),
        })
    }
}

/// A request body: bytes with their media type, or multipart parts streamed anew per attempt.
#[derive(Debug, Clone)]
pub(crate) enum Payload {
    Bytes(Bytes, String),
    Multipart(Multipart),
}

/// How a query parameter's arrays and objects are written (OpenAPI `style` and `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `form`, exploded: `id=1&id=2`, an object's fields as parameters of their own.
    Form,
    /// `form` with `explode: false`: `id=1,2`, an object as `name=k,v,k,v`.
    FormCompact,
    /// `deepObject`: `filter[status]=open`, nested objects bracketed in turn.
    DeepObject,
    /// `spaceDelimited`: `id=1 2`.
    SpaceDelimited,
    /// `pipeDelimited`: `id=1|2`.
    PipeDelimited,
}

/// A scalar as text (strings as they are); `null` as nothing; arrays and objects as JSON.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// `name[key]=value` for every leaf of an object, nested objects bracketed in turn, arrays
/// repeated under their key.
fn deep_object(name: String, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(fields) => {
            fields.iter().for_each(|(key, value)| deep_object(format!("{name}[{key}]"), value, out))
        }
        Value::Array(items) => items.iter().for_each(|item| deep_object(name.clone(), item, out)),
        scalar => out.extend(scalar_text(scalar).map(|text| (name, text))),
    }
}

/// A JSON success body as `T`; an empty one is `null` (so `Option<T>` and `()` accept it).
pub fn json_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, serde_json::Error> {
    let json: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"null" } else { body };
    serde_json::from_slice(json)
}

/// A parameter value as text: strings as they are, numbers and booleans printed, arrays one
/// entry per item, objects as compact JSON, null as nothing.
pub fn param_text(value: &impl Serialize) -> Vec<String> {
    match serde_json::to_value(value) {
        Ok(Value::Array(items)) => items.iter().filter_map(scalar_text).collect(),
        Ok(other) => scalar_text(&other).into_iter().collect(),
        Err(_) => Vec::new(),
    }
}

/// A path parameter, percent-encoded as one URL segment.
pub fn path_segment(value: &impl Serialize) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
    utf8_percent_encode(&param_text(value).join(","), SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_parameters() {
        assert_eq!(param_text(&"a b"), ["a b"]);
        assert_eq!(param_text(&vec![1, 2]), ["1", "2"]);
        assert_eq!(param_text(&Option::<u8>::None), Vec::<String>::new());
        assert_eq!(path_segment(&"a/b c"), "a%2Fb%20c");
    }

    #[test]
    fn query_styles_write_arrays_and_objects_as_openapi_says() {
        let ids = vec![1, 2];
        let filter = serde_json::json!({"status": "open", "owner": {"id": 7}});
        let query = |style: QueryStyle, value: &Value| {
            RequestParts::new(reqwest::Method::GET, "/".into()).query_styled("f", value, style).query
        };
        let pairs =
            |list: &[(&str, &str)]| list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect::<Vec<_>>();
        let ids = serde_json::to_value(ids).expect("json");
        assert_eq!(query(QueryStyle::Form, &ids), pairs(&[("f", "1"), ("f", "2")]));
        assert_eq!(query(QueryStyle::FormCompact, &ids), pairs(&[("f", "1,2")]));
        assert_eq!(query(QueryStyle::SpaceDelimited, &ids), pairs(&[("f", "1 2")]));
        assert_eq!(query(QueryStyle::PipeDelimited, &ids), pairs(&[("f", "1|2")]));
        assert_eq!(query(QueryStyle::DeepObject, &filter), pairs(&[("f[owner][id]", "7"), ("f[status]", "open")]));
        let flat = serde_json::json!({"status": "open", "page": 2});
        assert_eq!(query(QueryStyle::Form, &flat), pairs(&[("page", "2"), ("status", "open")]));
        assert_eq!(query(QueryStyle::FormCompact, &flat), pairs(&[("f", "page,2,status,open")]));
        assert_eq!(query(QueryStyle::Form, &Value::Null), pairs(&[]));
    }

    #[test]
    fn cookies_share_one_header_with_unsafe_characters_encoded() {
        let parts = RequestParts::new(reqwest::Method::GET, "/".into())
            .cookie("session", &"a b;c")
            .cookie("ids", &vec![1, 2])
            .cookie("none", &Option::<u8>::None);
        assert_eq!(parts.headers, [("cookie".to_owned(), "session=a%20b%3Bc; ids=1%2C2".to_owned())]);
    }
}
