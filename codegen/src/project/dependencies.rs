//! Every crate a generated crate may depend on, with the version and features it is built and
//! tested with: the one place these are written. Manifests the generator creates or updates take
//! them from here, and `cargo xtask regen` writes them into the crates of this repository.

/// A dependency of generated crates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dependency {
    /// The crate's name.
    pub name: &'static str,
    /// The version requirement.
    pub version: &'static str,
    /// Whether its default features are on.
    pub default_features: bool,
    /// The features it needs.
    pub features: &'static [&'static str],
    /// Whether it is optional (behind a feature of the generated crate).
    pub optional: bool,
}

const fn dependency(name: &'static str, version: &'static str, features: &'static [&'static str]) -> Dependency {
    Dependency { name, version, default_features: true, features, optional: false }
}

const fn without_defaults(name: &'static str, version: &'static str, features: &'static [&'static str]) -> Dependency {
    Dependency { name, version, default_features: false, features, optional: false }
}

/// What the runtime needs, in every crate with a client.
pub const RUNTIME: &[Dependency] = &[
    // TLS is chosen by the crate's features (`rustls-tls`, `native-tls`). Only what the runtime
    // uses: bodies are (de)serialised by serde_json itself and read as bytes (no `json`, no
    // `charset`); `stream` reads events as they arrive; `http2` because most servers offer it.
    without_defaults("reqwest", "0.12", &["stream", "http2"]),
    dependency("serde", "1", &["derive"]),
    dependency("serde_json", "1", &[]),
    // Timers, and files and readers streamed into multipart bodies.
    dependency("tokio", "1", &["time", "fs", "io-util"]),
    dependency("futures-core", "0.3", &[]),
    without_defaults("futures-util", "0.3", &["std"]),
    dependency("bytes", "1", &[]),
    dependency("thiserror", "2", &[]),
    // Full-jitter backoff needs a random number; fastrand is tiny and dependency-free.
    dependency("fastrand", "2", &[]),
    // Retry-After may be an HTTP date.
    dependency("httpdate", "1", &[]),
    // Path parameters are percent-encoded as URL segments.
    dependency("percent-encoding", "2", &[]),
    // Secrets a server echoes base64-encoded are redacted too; `format: byte` decodes with it.
    dependency("base64", "0.22", &[]),
    // Spans for each call and attempt, behind the crate's `tracing` feature; no log bridge.
    Dependency { name: "tracing", version: "0.1", default_features: false, features: &["std"], optional: true },
];

/// What the crate's `mock` feature adds (optional): a loopback HTTP/1 server. reqwest already
/// builds hyper and its utilities for its client; the server side is a small part more.
pub const MOCK: &[Dependency] = &[
    Dependency { name: "hyper", version: "1", default_features: false, features: &["server", "http1"], optional: true },
    Dependency { name: "hyper-util", version: "0.1", default_features: false, features: &["tokio"], optional: true },
    Dependency { name: "http-body-util", version: "0.1", default_features: false, features: &[], optional: true },
];

/// What the model types alone need (a types-only crate).
pub const TYPES: &[Dependency] =
    &[dependency("serde", "1", &["derive"]), dependency("serde_json", "1", &[]), dependency("base64", "0.22", &[])];

/// The crates formats are typed with, by the name the model lists.
pub const FORMATS: &[Dependency] = &[
    // No clock: the SDK never asks the time; `DateTime<Utc>`'s serde form is RFC 3339.
    without_defaults("chrono", "0.4", &["std", "serde"]),
    without_defaults("jiff", "1", &["std", "serde"]),
    dependency("time", "0.3", &["formatting", "parsing", "macros"]),
    dependency("uuid", "1", &["serde"]),
    dependency("url", "2", &["serde"]),
    // Serialised as a string, read from strings and numbers.
    dependency("rust_decimal", "1", &["serde"]),
];

/// The crates a webhook signature scheme checks with, by the name the model lists.
pub const WEBHOOKS: &[Dependency] = &[
    // Standard Webhooks signatures are HMAC-SHA256; `hmac` compares tags in constant time.
    dependency("hmac", "0.12", &[]),
    dependency("sha2", "0.10", &[]),
];

impl Dependency {
    /// Its manifest entry as generation writes it: `"1"`, or an inline table when it needs more.
    pub fn entry(&self) -> toml_edit::Value {
        let plain = self.default_features && self.features.is_empty() && !self.optional;
        if plain {
            return toml_edit::Value::from(self.version);
        }
        let mut inline = toml_edit::InlineTable::new();
        inline.insert("version", toml_edit::Value::from(self.version));
        if !self.default_features {
            inline.insert("default-features", toml_edit::Value::from(false));
        }
        if !self.features.is_empty() {
            inline.insert("features", toml_edit::Value::Array(self.features.iter().copied().collect()));
        }
        if self.optional {
            inline.insert("optional", toml_edit::Value::from(true));
        }
        toml_edit::Value::InlineTable(inline)
    }
}

/// The dependencies of a crate with (or, `types_only`, without) a client, using the format and
/// webhook crates `formats` names.
pub fn needed(types_only: bool, formats: &[String]) -> Vec<Dependency> {
    let base: &[Dependency] = if types_only { TYPES } else { RUNTIME };
    let mock: &[Dependency] = if types_only { &[] } else { MOCK };
    let extra = FORMATS.iter().chain(WEBHOOKS).filter(|d| formats.iter().any(|f| f == d.name));
    base.iter().chain(extra).chain(mock).copied().collect()
}
