//! Every path into the runtime or the crate root that emitted code names, in one table, so a
//! runtime rename is one edit here.

use proc_macro2::TokenStream;
use quote::quote;

/// `crate::runtime`.
pub fn runtime() -> TokenStream {
    quote!(crate::runtime)
}

/// Serde glue for optional nullable fields, as a `with = "…"` string.
pub const NULLABLE_WITH: &str = "crate::runtime::nullable";

/// A struct's fields being read from a JSON object.
pub fn object_fields() -> TokenStream {
    quote!(crate::runtime::Fields)
}

/// A JSON object being written from a struct.
pub fn object_writer() -> TokenStream {
    quote!(crate::runtime::Object)
}

/// Union helpers: tags, member ranking, flattened variants.
pub fn union() -> TokenStream {
    quote!(crate::runtime::union)
}

/// The SDK's error type (`runtime::Error<ErrorBody>`).
pub fn error() -> TokenStream {
    quote!(crate::Error)
}

/// The SDK's typed error bodies.
pub fn error_body() -> TokenStream {
    quote!(crate::ErrorBody)
}

/// The client.
pub fn client() -> TokenStream {
    quote!(crate::runtime::Client)
}
