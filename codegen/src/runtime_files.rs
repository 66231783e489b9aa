//! The runtime's source, copied byte for byte into every generated crate under `src/runtime/`.

/// `(file name, source)` of every runtime module.
pub const FILES: &[(&str, &str)] = &[
    ("client.rs", include_str!("../runtime/src/runtime/client.rs")),
    ("enums.rs", include_str!("../runtime/src/runtime/enums.rs")),
    ("error.rs", include_str!("../runtime/src/runtime/error.rs")),
    ("mod.rs", include_str!("../runtime/src/runtime/mod.rs")),
    ("nullable.rs", include_str!("../runtime/src/runtime/nullable.rs")),
    ("request.rs", include_str!("../runtime/src/runtime/request.rs")),
    ("retry.rs", include_str!("../runtime/src/runtime/retry.rs")),
    ("secret.rs", include_str!("../runtime/src/runtime/secret.rs")),
    ("sse.rs", include_str!("../runtime/src/runtime/sse.rs")),
    ("tagged.rs", include_str!("../runtime/src/runtime/tagged.rs")),
];
