//! Generates the SDK of `../fixtures/references.yaml` into `OUT_DIR` on every build that changes
//! it: the library's build-script use, as the README shows it.

use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let document = "../fixtures/references.yaml";
    println!("cargo:rerun-if-changed={document}");
    let text = std::fs::read_to_string(document)?;
    // Doc examples name the module's items by their path in this crate.
    let settings = sdksmith::Settings::new(document).with_crate_name("build_script_sdk::teams");
    let generated = sdksmith::generate(document, &text, &settings)
        .map_err(|errors| errors.iter().map(|e| format!("{e}\n")).collect::<String>())?;
    for warning in &generated.warnings {
        println!("cargo:warning={warning}");
    }
    let module = sdksmith::project::embed::embed(&generated.files, "teams")?;
    std::fs::write(Path::new(&std::env::var("OUT_DIR")?).join("teams.rs"), module)?;
    Ok(())
}
