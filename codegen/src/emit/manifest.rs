//! `Cargo.toml` of a standalone generated crate (`cargo xtask generate`); its dependencies are
//! the runtime's.

/// A manifest for crate `name` at `version`.
pub fn manifest(name: &str, version: &str, description: &str) -> String {
    let description = description.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        r#"[package]
name = "{name}"
version = "{version}"
edition = "2021"
description = "{description}"
publish = false

[dependencies]
reqwest = {{ version = "0.12", default-features = false, features = ["stream", "http2", "rustls-tls"] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
tokio = {{ version = "1", features = ["time", "fs", "io-util"] }}
futures-core = "0.3"
futures-util = {{ version = "0.3", default-features = false, features = ["std"] }}
bytes = "1"
thiserror = "2"
fastrand = "2"
httpdate = "1"
percent-encoding = "2"
base64 = "0.22"
tracing = {{ version = "0.1", default-features = false, features = ["std"], optional = true }}

[features]
default = ["tracing"]
## `tracing` spans for each call and attempt (never a secret).
tracing = ["dep:tracing"]
"#
    )
}
