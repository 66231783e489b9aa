//! Runtime shared by generated SDKs: how model types read and write JSON, and (in crates with a
//! client) the HTTP client, authentication, retries, server-sent events, errors and secret
//! handling. It knows no particular API; generated code passes in what it needs.
#![cfg_attr(rustfmt, rustfmt::skip)]

pub mod codec;
mod enums;
pub mod nullable;
mod object;
mod secret_string;
pub mod union;
#[allow(unused_imports)] // used by generated enums only
pub(crate) use enums::open_enum;
pub use object::{Fields, Object};
pub use secret_string::SecretString;
mod client;
mod credential;
mod error;
mod form;
mod observe;
mod request;
mod retry;
mod secret;
mod sse;
pub use client::{
    client_builder, response_data, send_by_status, send_bytes, send_empty, send_json, send_sse, send_sse_raw,
    send_text, ApiInfo, Auth, Client, ClientBuilder, Response,
};
pub use credential::{ClientCredentials, CredentialError, CredentialFuture, CredentialProvider};
pub use error::{
    ConfigError, DecodeError, Error, ErrorDecoder, ResponseBody, ResponseDecodeError, StatusError, StatusMatch,
    TimeoutKind,
};
pub use form::FilePart;
pub use observe::Hook;
pub use request::{json_body, param_text, path_segment, QueryStyle, RequestOptions, RequestParts};
pub use retry::RetryPolicy;
pub use sse::{EventStream, SseDecoder, SseEvent, TextCollector, TextDeltas};
#[cfg(feature = "mock")]
mod mock;
#[cfg(feature = "mock")]
pub use mock::{Mock, MockServer, On};
#[cfg(feature = "mock")]
#[allow(unused_imports)] // used by generated code
pub(crate) use mock::{declares_error, expectation, MockReply, MockRoute};
mod paging;
pub use paging::{items, pages, Items, NextPage, Pages, Paging};
mod webhook;
pub use webhook::{parse_webhook, WebhookError, WebhookHeaders, WebhookVerifier};
mod webhook_standard;
pub use webhook_standard::StandardWebhooks;
#[cfg(feature = "time")]
pub mod time_codec;
#[cfg(feature = "rust_decimal")]
pub mod decimal_codec;
