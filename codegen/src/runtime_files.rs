//! The runtime's source, copied byte for byte into every generated crate under `src/runtime/`.

/// `(file name, source)` of every runtime module.
pub const FILES: &[(&str, &str)] = &[
    ("client.rs", include_str!("../runtime/src/runtime/client.rs")),
    ("enums.rs", include_str!("../runtime/src/runtime/enums.rs")),
    ("error.rs", include_str!("../runtime/src/runtime/error.rs")),
    ("form.rs", include_str!("../runtime/src/runtime/form.rs")),
    ("mod.rs", include_str!("../runtime/src/runtime/mod.rs")),
    ("nullable.rs", include_str!("../runtime/src/runtime/nullable.rs")),
    ("object.rs", include_str!("../runtime/src/runtime/object.rs")),
    ("observe.rs", include_str!("../runtime/src/runtime/observe.rs")),
    ("request.rs", include_str!("../runtime/src/runtime/request.rs")),
    ("retry.rs", include_str!("../runtime/src/runtime/retry.rs")),
    ("secret.rs", include_str!("../runtime/src/runtime/secret.rs")),
    ("sse.rs", include_str!("../runtime/src/runtime/sse.rs")),
    ("union.rs", include_str!("../runtime/src/runtime/union.rs")),
];

#[cfg(test)]
mod tests {
    /// A runtime module left out of the list would be missing from every generated crate.
    #[test]
    fn every_runtime_module_is_listed() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/runtime/src/runtime");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("runtime folder")
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let listed: Vec<&str> = super::FILES.iter().map(|(name, _)| *name).collect();
        assert_eq!(on_disk, listed);
    }
}
