//! Every path into the runtime or the crate root that emitted code names, in one table, so a
//! runtime rename is one edit here.

use proc_macro2::TokenStream;
use quote::quote;

/// `crate::runtime`.
pub fn runtime() -> TokenStream {
    quote!(crate::runtime)
}

/// `crate::operations`, the operations' modules.
pub fn operations() -> TokenStream {
    quote!(crate::operations)
}

/// The module of the error bodies' decoders.
pub fn error_decoders() -> TokenStream {
    quote!(crate::error_decoders)
}

/// `crate::types`, the document's types.
pub fn types() -> TokenStream {
    quote!(crate::types)
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

/// The codecs of formats whose wire form is not their type's serde form.
pub fn codec() -> TokenStream {
    quote!(crate::runtime::codec)
}

/// The codec type of `kind`.
pub fn codec_kind(kind: crate::model::CodecKind) -> TokenStream {
    use crate::model::CodecKind;
    match kind {
        CodecKind::Base64 => quote!(crate::runtime::codec::Base64),
        CodecKind::I64String => quote!(crate::runtime::codec::I64String),
        CodecKind::Rfc3339 => quote!(crate::runtime::time_codec::Rfc3339),
        CodecKind::IsoDate => quote!(crate::runtime::time_codec::IsoDate),
        CodecKind::DecimalNumber => quote!(crate::runtime::decimal_codec::DecimalNumber),
    }
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

#[cfg(test)]
mod tests {
    /// Every other printing module names the runtime and the crate's modules through this
    /// table (doc text aside), so moving one is one edit here.
    #[test]
    fn paths_into_the_runtime_are_written_only_here() {
        let printers = [
            ("mod.rs", include_str!("mod.rs")),
            ("operations.rs", include_str!("operations.rs")),
            ("types.rs", include_str!("types.rs")),
        ];
        for (file, source) in printers {
            for (number, line) in source.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("//") || code.starts_with("///") || code.contains("#[doc") {
                    continue;
                }
                // A path of generated code (`crate::runtime::x`), not of the generator's own modules
                // (`crate::runtime_files`) or a doc link (`](crate::Error…)`).
                let names = |path: &str| {
                    code.match_indices(path).any(|(at, _)| {
                        let after = code[at + path.len()..].chars().next();
                        let linked = code[..at].ends_with("](");
                        !linked && after.is_none_or(|c| !c.is_alphanumeric() && c != '_')
                    })
                };
                let bypass = [
                    "crate::runtime",
                    "crate::types",
                    "crate::operations",
                    "crate::error_decoders",
                    "crate::Error",
                    "crate::ErrorBody",
                ]
                .into_iter()
                .find(|p| names(p));
                assert!(bypass.is_none(), "emit/{file}:{} names {:?} itself: {line}", number + 1, bypass);
            }
        }
    }
}
