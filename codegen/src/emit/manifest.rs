//! `Cargo.toml` of a standalone generated crate (`cargo xtask generate`); its dependencies are
//! the runtime's, its features the code's.

use crate::model::{Feature, FULL_FEATURE as FULL};

/// A manifest for crate `name` at `version` whose code is gated by `features`.
pub fn manifest(name: &str, version: &str, description: &str, features: &[Feature]) -> String {
    let description = description.replace('\\', "\\\\").replace('"', "\\\"");
    let gated = match features {
        [] => "default = [\"tracing\"]\n".to_owned(),
        _ => {
            let names: Vec<String> = features.iter().map(|f| format!("\"{}\"", f.name)).collect();
            let mut text = format!(
                "default = [\"tracing\", \"{FULL}\"]\n## Every part of the API. Leave default features off and pick parts to compile less.\n{FULL} = [{}]\n",
                names.join(", ")
            );
            for feature in features {
                text.push_str(&format!("## {}\n{} = []\n", feature.doc, feature.name));
            }
            text
        }
    };
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
{gated}## `tracing` spans for each call and attempt (never a secret).
tracing = ["dep:tracing"]
"#
    )
}
