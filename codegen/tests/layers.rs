//! The stages read only the stage before them (ARCHITECTURE.md, "Codemap"): checked on the
//! sources, so a shortcut across stages fails here rather than in review.

use std::fs;
use std::path::Path;

/// Every `.rs` file under `codegen/src/<stage>/`, with its text.
fn sources(stage: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(stage);
    let mut out = Vec::new();
    for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "rs") {
            out.push((path.display().to_string(), fs::read_to_string(&path).expect("source")));
        }
    }
    assert!(!out.is_empty(), "{stage} has sources");
    out
}

/// The code of a file without its tests (which may build anything they check).
fn code(text: &str) -> &str {
    text.split("#[cfg(test)]").next().unwrap_or(text)
}

#[test]
fn each_stage_reads_only_the_one_before_it() {
    let rules: &[(&str, &[&str])] = &[
        // The printer sees the model, never the document or how it was resolved.
        ("emit", &["crate::spec", "crate::resolve", "crate::lower", "crate::settings", "heck::", "naming::"]),
        // Resolving and lowering decide; they never print.
        ("resolve", &["quote!", "crate::emit", "crate::lower", "crate::model", "proc_macro2"]),
        ("lower", &["quote!", "crate::emit", "crate::spec", "crate::resolve", "proc_macro2"]),
        // The model is data: nothing about documents or tokens.
        ("model", &["crate::spec", "crate::resolve", "crate::lower", "crate::emit"]),
    ];
    for (stage, forbidden) in rules {
        for (file, text) in sources(stage) {
            for word in *forbidden {
                assert!(!code(&text).contains(word), "{file} uses `{word}`: {stage} must not");
            }
        }
    }
}
