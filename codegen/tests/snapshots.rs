//! Snapshot tests over the fixtures: the resolved IR and the emitted code of each valid fixture,
//! and the rendered diagnostics of each invalid one.

use codegen::Settings;
use std::path::Path;

fn read(path: &Path) -> (String, String) {
    let name = format!("fixtures/{}", path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default());
    (name, std::fs::read_to_string(path).expect("fixture is readable"))
}

/// The settings a fixture is generated with: the `features` fixture has a feature per tag (as
/// `xtask regen` generates its crate).
fn settings(name: &str) -> Settings {
    match name.ends_with("/features.yaml") {
        true => Settings::new(name).with_tag_features(),
        false => Settings::new(name),
    }
}

#[test]
fn ir() {
    insta::glob!("fixtures/*.yaml", |path| {
        let (name, text) = read(path);
        let (api, warnings) = codegen::load_api(&name, &text).unwrap_or_else(|d| panic!("{d:?}"));
        insta::assert_debug_snapshot!((api, warnings));
    });
}

#[test]
fn emitted_code() {
    insta::glob!("fixtures/*.yaml", |path| {
        let (name, text) = read(path);
        let generated = codegen::generate(&name, &text, &settings(&name)).unwrap_or_else(|d| panic!("{d:?}"));
        // The runtime is copied verbatim; the snapshot is what the emitter wrote.
        let code: String = generated
            .files
            .iter()
            .filter(|(file, _)| !file.starts_with("runtime/"))
            .map(|(file, text)| format!("==> {file}\n{text}\n"))
            .collect();
        insta::assert_snapshot!(code);
    });
}

#[test]
fn diagnostics() {
    insta::glob!("fixtures/invalid/*.yaml", |path| {
        let (name, text) = read(path);
        let rendered = match codegen::generate(&name, &text, &Settings::new(&name)) {
            Ok(_) => panic!("{name} should be rejected"),
            Err(diagnostics) => diagnostics.iter().map(|d| format!("{d}\n")).collect::<String>(),
        };
        insta::assert_snapshot!(rendered);
    });
}
