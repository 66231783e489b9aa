// @generated: the runtime every generated crate carries (its tests run in the runtime crate). Do not edit.
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
pub mod time_codec;
pub mod decimal_codec;
