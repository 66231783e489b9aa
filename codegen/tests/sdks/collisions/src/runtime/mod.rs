// @generated: copied by `cargo xtask regen` from codegen/runtime/src/runtime/mod.rs. Edit that file instead.
//! Runtime shared by generated SDKs: the HTTP client, authentication, retries, server-sent
//! events, errors and secret handling. It knows no particular API; generated code passes in
//! what it needs ([`ApiInfo`], paths, bodies, error decoders).

mod client;
mod enums;
mod error;
mod form;
pub mod nullable;
mod object;
mod observe;
mod request;
mod retry;
mod secret;
mod sse;
pub mod union;

pub use client::{
    client_builder, response_data, send_by_status, send_bytes, send_empty, send_json, send_sse, send_sse_raw,
    send_text, ApiInfo, Auth, Client, ClientBuilder, Response,
};
#[allow(unused_imports)] // used by generated enums only
pub(crate) use enums::open_enum;
pub use error::{
    ConfigError, DecodeError, Error, ErrorDecoder, ResponseBody, ResponseDecodeError, StatusError, StatusMatch,
    TimeoutKind,
};
pub use form::FilePart;
pub use object::{Fields, Object};
pub use observe::Hook;
pub use request::{json_body, param_text, path_segment, QueryStyle, RequestOptions, RequestParts};
pub use retry::RetryPolicy;
pub use secret::SecretString;
pub use sse::{EventStream, SseDecoder, SseEvent, TextCollector, TextDeltas};
