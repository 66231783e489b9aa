//! Snapshot tests over the fixtures: the resolved IR of each valid fixture, and the rendered
//! diagnostics of each invalid one. The code each fixture emits is not snapshotted here: every
//! fixture has a crate under `sdks/` whose `src/` regen writes and checks for freshness, and whose
//! tests show the code compiles and behaves.

use sdksmith::Settings;
use std::path::Path;

fn read(path: &Path) -> (String, String) {
    let name = format!("fixtures/{}", path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default());
    (name, std::fs::read_to_string(path).expect("fixture is readable"))
}

#[test]
fn ir() {
    insta::glob!("fixtures/*.yaml", |path| {
        let (name, text) = read(path);
        let (api, warnings) = sdksmith::load_api(&name, &text).unwrap_or_else(|d| panic!("{d:?}"));
        insta::assert_debug_snapshot!((api, warnings));
    });
}

#[test]
fn diagnostics() {
    insta::glob!("fixtures/invalid/*.yaml", |path| {
        let (name, text) = read(path);
        let rendered = match sdksmith::generate(&name, &text, &Settings::new(&name)) {
            Ok(_) => panic!("{name} should be rejected"),
            Err(diagnostics) => diagnostics.iter().map(|d| format!("{d}\n")).collect::<String>(),
        };
        insta::assert_snapshot!(rendered);
    });
}
