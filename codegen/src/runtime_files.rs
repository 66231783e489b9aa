//! The runtime's source, copied into every generated crate under `src/runtime/` without its unit
//! tests (they run once, in the runtime's own crate, not in every user's `cargo test`):
//! the part every crate needs (how the model types read and write JSON), the client's part (HTTP,
//! retries, streams, errors) unless the crate has only types, and codecs only the crates that use
//! them carry. Each crate's `runtime/mod.rs` declares the parts it carries; `src/runtime/mod.rs`
//! here, which declares them all for the runtime's own crate, is the same text for all parts.

pub use crate::model::RuntimePart as Part;

/// `(part, file name, source)` of every runtime module.
pub const FILES: &[(Part, &str, &str)] = &[
    (Part::Client, "client.rs", include_str!("runtime/client.rs")),
    (Part::Model, "codec.rs", include_str!("runtime/codec.rs")),
    (Part::Client, "credential.rs", include_str!("runtime/credential.rs")),
    (Part::DecimalCodec, "decimal_codec.rs", include_str!("runtime/decimal_codec.rs")),
    (Part::Model, "enums.rs", include_str!("runtime/enums.rs")),
    (Part::Client, "error.rs", include_str!("runtime/error.rs")),
    (Part::Client, "form.rs", include_str!("runtime/form.rs")),
    (Part::Client, "mock.rs", include_str!("runtime/mock.rs")),
    (Part::Model, "nullable.rs", include_str!("runtime/nullable.rs")),
    (Part::Model, "object.rs", include_str!("runtime/object.rs")),
    (Part::Client, "observe.rs", include_str!("runtime/observe.rs")),
    (Part::Paging, "paging.rs", include_str!("runtime/paging.rs")),
    (Part::Client, "request.rs", include_str!("runtime/request.rs")),
    (Part::Client, "retry.rs", include_str!("runtime/retry.rs")),
    (Part::Client, "secret.rs", include_str!("runtime/secret.rs")),
    (Part::Model, "secret_string.rs", include_str!("runtime/secret_string.rs")),
    (Part::Client, "sse.rs", include_str!("runtime/sse.rs")),
    (Part::TimeCodec, "time_codec.rs", include_str!("runtime/time_codec.rs")),
    (Part::Model, "union.rs", include_str!("runtime/union.rs")),
    (Part::Webhook, "webhook.rs", include_str!("runtime/webhook.rs")),
    (Part::StandardWebhooks, "webhook_standard.rs", include_str!("runtime/webhook_standard.rs")),
];

/// The text of a runtime module as a generated crate carries it: everything before its
/// `#[cfg(test)] mod tests`, which every module keeps last.
pub fn without_tests(source: &str) -> &str {
    match source.find("\n#[cfg(test)]\nmod tests {") {
        Some(at) => &source[..=at],
        None => source,
    }
}

/// What each part declares in `runtime/mod.rs`: its modules, then what it re-exports.
const DECLARATIONS: &[(Part, &str)] = &[
    (
        Part::Model,
        "pub mod codec;
mod enums;
pub mod nullable;
mod object;
mod secret_string;
pub mod union;
#[allow(unused_imports)] // used by generated enums only
pub(crate) use enums::open_enum;
pub use object::{Fields, Object};
pub use secret_string::SecretString;
",
    ),
    (
        Part::Client,
        "mod client;
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
#[cfg(feature = \"mock\")]
mod mock;
#[cfg(feature = \"mock\")]
pub use mock::{Mock, MockServer, On};
#[cfg(feature = \"mock\")]
#[allow(unused_imports)] // used by generated code
pub(crate) use mock::{declares_error, expectation, MockReply, MockRoute};
",
    ),
    (Part::Paging, "mod paging;\npub use paging::{items, pages, Items, NextPage, Pages, Paging};\n"),
    (Part::Webhook, "mod webhook;\npub use webhook::{parse_webhook, WebhookError, WebhookHeaders, WebhookVerifier};\n"),
    (Part::StandardWebhooks, "mod webhook_standard;\npub use webhook_standard::StandardWebhooks;\n"),
    (Part::TimeCodec, "pub mod time_codec;\n"),
    (Part::DecimalCodec, "pub mod decimal_codec;\n"),
];

const DOCS: &str = "//! Runtime shared by generated SDKs: how model types read and write JSON, and (in crates with a
//! client) the HTTP client, authentication, retries, server-sent events, errors and secret
//! handling. It knows no particular API; generated code passes in what it needs.
#![cfg_attr(rustfmt, rustfmt::skip)]
";

/// The `runtime/mod.rs` of a crate carrying `parts`; `gate` writes the `cfg` that compiles a
/// codec in the runtime's own crate only with its feature.
pub fn mod_rs(parts: &[Part], gate: impl Fn(Part) -> Option<&'static str>) -> String {
    let mut text = format!("{DOCS}\n");
    for (part, declared) in DECLARATIONS.iter().filter(|(part, _)| parts.contains(part)) {
        match gate(*part) {
            Some(feature) => text.push_str(&format!("#[cfg(feature = \"{feature}\")]\n{declared}")),
            None => text.push_str(declared),
        }
    }
    text
}

/// The feature of the runtime's own crate that compiles a codec (its crate is optional there).
#[cfg(test)]
pub fn runtime_crate_feature(part: Part) -> Option<&'static str> {
    match part {
        Part::TimeCodec => Some("time"),
        Part::DecimalCodec => Some("rust_decimal"),
        Part::Model | Part::Client | Part::Paging | Part::Webhook | Part::StandardWebhooks => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A runtime module left out of the list would be missing from every generated crate.
    #[test]
    fn every_runtime_module_is_listed() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/runtime");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("runtime folder")
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| name != "mod.rs")
            .collect();
        on_disk.sort();
        let listed: Vec<&str> = FILES.iter().map(|(_, name, _)| *name).collect();
        assert_eq!(on_disk, listed);
    }

    /// Only the tests are cut: a module's tests are its last item, and nothing follows them.
    #[test]
    fn generated_crates_carry_the_runtime_without_its_tests() {
        for (_, name, source) in FILES {
            let shipped = without_tests(source);
            assert!(!shipped.contains("#[cfg(test)]") && !shipped.contains("#[test]"), "{name} keeps a test");
            let tests = &source[shipped.len()..];
            assert!(tests.is_empty() || tests.trim_end().ends_with('}'), "{name}: tests are not last");
            let opened = tests.matches('{').count();
            assert_eq!(opened, tests.matches('}').count(), "{name}: something follows the tests module");
        }
        assert_eq!(without_tests("fn a() {}\n#[cfg(test)]\nmod tests {\n}\n"), "fn a() {}\n");
    }

    /// The runtime's own crate declares every part as generated crates do, codecs behind its
    /// features: `src/runtime/mod.rs` is what this module prints for all parts.
    #[test]
    fn the_runtime_crate_declares_what_crates_carry() {
        let all = [
            Part::Model,
            Part::Client,
            Part::Paging,
            Part::Webhook,
            Part::StandardWebhooks,
            Part::TimeCodec,
            Part::DecimalCodec,
        ];
        assert_eq!(include_str!("runtime/mod.rs"), mod_rs(&all, runtime_crate_feature));
    }
}
