//! Regeneration of every generator-owned `src/` directory and its freshness check, plus
//! standalone generation for any document.
//!
//! Targets: `generated-sdk/src/` from `spec/humanloop.yaml`, and `codegen/tests/sdks/<name>/src/`
//! from `codegen/tests/fixtures/<name>.yaml` for every fixture that has a test crate there (those
//! crates prove the emitted code compiles warning-free and round-trips JSON).

use codegen::{Diagnostic, Settings};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The document the SDK is generated from, relative to the workspace root.
pub const SPEC: &str = "spec/humanloop.yaml";
/// The SDK directory regen owns entirely.
pub const OUTPUT: &str = "generated-sdk/src";
/// Test crates generated from fixtures.
const FIXTURE_SDKS: &str = "codegen/tests/sdks";
const FIXTURES: &str = "codegen/tests/fixtures";

/// The workspace root, found from this crate's manifest directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new(".")).to_path_buf()
}

fn render(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(|d| format!("{d}\n")).collect()
}

/// One generated directory: its document, output directory (both relative to the root) and settings.
pub struct Target {
    spec: String,
    output: String,
    settings: Settings,
}

/// The settings the `humanloop` crate is generated with.
pub fn sdk_settings() -> Settings {
    Settings::new(SPEC).with_readme("../README.md")
}

/// Every directory regen owns.
pub fn targets(root: &Path) -> Vec<Target> {
    let mut targets = vec![Target { spec: SPEC.into(), output: OUTPUT.into(), settings: sdk_settings() }];
    let mut names: Vec<String> = fs::read_dir(root.join(FIXTURE_SDKS))
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.path().join("Cargo.toml").is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    for name in names {
        let spec = format!("{FIXTURES}/{name}.yaml");
        // The `features` fixture proves the feature per tag (its manifest declares them).
        let settings = match name.as_str() {
            "features" => Settings::new(&spec).with_tag_features(),
            _ => Settings::new(&spec),
        };
        targets.push(Target { output: format!("{FIXTURE_SDKS}/{name}/src"), settings, spec });
    }
    targets
}

/// A target's files as its document says they should be.
fn expected_files(root: &Path, target: &Target) -> Result<BTreeMap<String, String>, String> {
    let text = fs::read_to_string(root.join(&target.spec)).map_err(|e| format!("cannot read {}: {e}", target.spec))?;
    let generated = codegen::generate(&target.spec, &text, &target.settings).map_err(|d| render(&d))?;
    // Code gated by a feature its manifest lacks would silently never compile.
    let manifest_path = Path::new(&target.output).parent().unwrap_or(Path::new(".")).join("Cargo.toml");
    let manifest = fs::read_to_string(root.join(&manifest_path)).unwrap_or_default();
    for feature in &generated.features {
        if !manifest.contains(&format!("\n{} = [", feature.name)) {
            return Err(format!(
                "{}: declare the feature `{}` ({})",
                manifest_path.display(),
                feature.name,
                feature.doc
            ));
        }
    }
    // Fixtures provoke warnings on purpose, and their snapshots hold them; the SDK's are news.
    if !target.output.starts_with(FIXTURE_SDKS) {
        eprint!("{}", render(&generated.warnings));
    }
    Ok(generated.files)
}

/// Files under `dir`, by path relative to it, with `\r\n` normalised.
fn read_tree(dir: &Path) -> BTreeMap<String, String> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        let Ok(entries) = fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(base, &path, out);
            } else if let (Ok(text), Ok(relative)) = (fs::read_to_string(&path), path.strip_prefix(base)) {
                let key = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                out.insert(key, text.replace("\r\n", "\n"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// What differs between the expected and the actual tree of `output`, as a report; empty when fresh.
pub fn staleness(output: &str, expected: &BTreeMap<String, String>, actual: &BTreeMap<String, String>) -> String {
    let mut report = String::new();
    for (path, want) in expected {
        match actual.get(path) {
            None => report.push_str(&format!("missing: {output}/{path}\n")),
            Some(have) if have != want => {
                let diff = similar::TextDiff::from_lines(have.as_str(), want.as_str());
                let name = format!("{output}/{path}");
                report.push_str(
                    &diff.unified_diff().context_radius(3).header(&name, &format!("{name} (expected)")).to_string(),
                );
            }
            Some(_) => {}
        }
    }
    for path in actual.keys().filter(|p| !expected.contains_key(*p)) {
        report.push_str(&format!("extra: {output}/{path}\n"));
    }
    report
}

/// The staleness report of every target.
pub fn check_all(root: &Path) -> Result<String, String> {
    let mut report = String::new();
    for target in targets(root) {
        let expected = expected_files(root, &target)?;
        report.push_str(&staleness(&target.output, &expected, &read_tree(&root.join(&target.output))));
        let (path, text) = gate_file(root, &target)?;
        let actual = fs::read_to_string(root.join(&path)).map(|t| t.replace("\r\n", "\n")).ok();
        let (dir, name) = path.rsplit_once('/').unwrap_or((".", &path));
        let expected = BTreeMap::from([(name.to_owned(), text)]);
        let actual = actual.map(|text| BTreeMap::from([(name.to_owned(), text)])).unwrap_or_default();
        report.push_str(&staleness(dir, &expected, &actual));
    }
    Ok(report)
}

/// The round-trip gate of a target's crate (`tests/gate.rs` beside its `src/`): instances of
/// every component schema of its document, and the type and member each must decode into.
fn gate_file(root: &Path, target: &Target) -> Result<(String, String), String> {
    let text = fs::read_to_string(root.join(&target.spec)).map_err(|e| format!("cannot read {}: {e}", target.spec))?;
    let doc = codegen::spec::load(&target.spec, &text).map_err(|d| render(&[d]))?;
    let (model, _) = codegen::model(&target.spec, &text, &target.settings).map_err(|d| render(&d))?;
    let dir = target.output.trim_end_matches("/src");
    let manifest =
        fs::read_to_string(root.join(dir).join("Cargo.toml")).map_err(|e| format!("{dir}/Cargo.toml: {e}"))?;
    let package = manifest
        .lines()
        .find_map(|line| line.strip_prefix("name = "))
        .map(|name| name.trim_matches('"').replace('-', "_"))
        .ok_or_else(|| format!("{dir}/Cargo.toml names no package"))?;
    let header = format!("// @generated by `cargo xtask regen` from {}. Do not edit by hand.", target.spec);
    let plan = crate::gate::harness::plan(&doc, &model);
    Ok((format!("{dir}/tests/gate.rs"), crate::gate::harness::test_file(&header, &package, &plan)))
}

/// Writes changed files and removes stale ones; with `check`, changes nothing and fails when stale.
pub fn regen(check: bool) -> Result<(), String> {
    let root = workspace_root();
    if check {
        let report = check_all(&root)?;
        return if report.is_empty() {
            Ok(())
        } else {
            Err(format!("{report}\ngenerated code is stale: run `cargo xtask regen` and commit the result"))
        };
    }
    let started = std::time::Instant::now();
    let mut total = Written::default();
    for target in targets(&root) {
        let expected = expected_files(&root, &target)?;
        let out = root.join(&target.output);
        let mut written = write_tree(&out, &expected, &read_tree(&out), true)?;
        let (gate, text) = gate_file(&root, &target)?;
        if fs::read_to_string(root.join(&gate)).ok().as_deref() == Some(text.as_str()) {
            written.unchanged += 1;
        } else {
            fs::write(root.join(&gate), text).map_err(|e| format!("cannot write {gate}: {e}"))?;
            eprintln!("  wrote {gate}");
            written.written += 1;
        }
        eprintln!("{}: {written}", target.output);
        total.add(&written);
    }
    eprintln!("regen: {total} in {:.2} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// What a write of a generated tree did, file by file.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Files created or changed.
    pub written: usize,
    /// Files already as generated.
    pub unchanged: usize,
    /// Stale files deleted.
    pub removed: usize,
}

impl Written {
    fn add(&mut self, other: &Written) {
        self.written += other.written;
        self.unchanged += other.unchanged;
        self.removed += other.removed;
    }
}

impl std::fmt::Display for Written {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} written, {} unchanged, {} removed", self.written, self.unchanged, self.removed)
    }
}

/// Makes `out` hold exactly `expected`, touching only files that differ (so build tools see no
/// change where there is none); with `log`, each written or removed file is named on stderr.
fn write_tree(
    out: &Path,
    expected: &BTreeMap<String, String>,
    actual: &BTreeMap<String, String>,
    log: bool,
) -> Result<Written, String> {
    let mut written = Written::default();
    for (path, text) in expected {
        if actual.get(path) == Some(text) {
            written.unchanged += 1;
            continue;
        }
        let target = out.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        fs::write(&target, text).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        if log {
            eprintln!("  wrote {}", target.display());
        }
        written.written += 1;
    }
    for path in actual.keys().filter(|p| !expected.contains_key(*p)) {
        let target = out.join(path);
        fs::remove_file(&target).map_err(|e| format!("cannot remove {}: {e}", target.display()))?;
        if log {
            eprintln!("  removed {}", target.display());
        }
        written.removed += 1;
    }
    Ok(written)
}

/// A complete crate (manifest and sources) for any document, with a Cargo feature per tag
/// unless `whole` asks for none.
pub fn generate_standalone(spec: &str, out: &str, name: &str, whole: bool) -> Result<(), String> {
    let text = fs::read_to_string(spec).map_err(|e| format!("cannot read {spec}: {e}"))?;
    let settings = match whole {
        true => Settings::new(spec),
        false => Settings::new(spec).with_tag_features(),
    };
    let generated = codegen::generate(spec, &text, &settings).map_err(|d| render(&d))?;
    eprint!("{}", render(&generated.warnings));
    let written = write_crate(Path::new(out), name, spec, &generated)?;
    eprintln!("{out}: {written}");
    Ok(())
}

/// Writes a generated crate: its `src/` files and a manifest naming it `name`.
pub fn write_crate(out: &Path, name: &str, spec: &str, generated: &codegen::Generated) -> Result<Written, String> {
    let src = out.join("src");
    let written = write_tree(&src, &generated.files, &read_tree(&src), false)?;
    let manifest = codegen::manifest(name, "0.1.0", &format!("Generated from {spec}"), &generated.features);
    fs::write(out.join("Cargo.toml"), manifest).map_err(|e| format!("cannot write Cargo.toml: {e}"))?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cargo test` fails too when any checked-in generated code does not match its document.
    #[test]
    fn generated_code_is_fresh() {
        let report = check_all(&workspace_root()).unwrap_or_else(|e| panic!("{e}"));
        assert!(report.is_empty(), "{report}\nrun `cargo xtask regen`");
    }

    #[test]
    fn writing_a_tree_counts_what_changed_and_touches_nothing_else() {
        let dir = std::env::temp_dir().join(format!("regen-write-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let expected = BTreeMap::from([
            ("same.rs".to_owned(), "same\n".to_owned()),
            ("changed.rs".to_owned(), "new\n".to_owned()),
            ("sub/added.rs".to_owned(), "added\n".to_owned()),
        ]);
        for (path, text) in [("same.rs", "same\n"), ("changed.rs", "old\n"), ("stale.rs", "x\n")] {
            fs::create_dir_all(&dir).expect("temp dir");
            fs::write(dir.join(path), text).expect("seed file");
        }
        let written = write_tree(&dir, &expected, &read_tree(&dir), false).expect("writes");
        assert_eq!(written, Written { written: 2, unchanged: 1, removed: 1 });
        assert_eq!(read_tree(&dir), expected);
        assert_eq!(
            write_tree(&dir, &expected, &read_tree(&dir), false).expect("writes"),
            Written { unchanged: 3, ..Default::default() }
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn staleness_reports_diffs_and_missing_and_extra_files() {
        let expected =
            BTreeMap::from([("a.rs".to_owned(), "one\ntwo\n".to_owned()), ("b.rs".to_owned(), "b\n".to_owned())]);
        let actual =
            BTreeMap::from([("a.rs".to_owned(), "one\n2\n".to_owned()), ("c.rs".to_owned(), "c\n".to_owned())]);
        let report = staleness("out", &expected, &actual);
        assert!(report.contains("-2\n+two"), "{report}");
        assert!(report.contains("missing: out/b.rs"), "{report}");
        assert!(report.contains("extra: out/c.rs"), "{report}");
    }
}

#[cfg(test)]
mod features {
    use super::*;
    use std::process::Command;

    /// The fixture crate generated with a feature per tag compiles warning-free with each
    /// feature alone and with none: every gated item finds what it uses, and each part's example
    /// (its operations, streams and text) compiles with that part alone. (The workspace build
    /// compiles it with all of them.) Its own target directory keeps the flags apart.
    #[test]
    fn the_features_fixture_compiles_with_each_feature_alone() {
        let root = workspace_root();
        let manifest = fs::read_to_string(root.join("codegen/tests/sdks/features/Cargo.toml")).expect("manifest");
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        for features in ["", "animals", "gift-shop", "unreferenced-types"] {
            assert!(features.is_empty() || manifest.contains(&format!("\n{features} = [")), "{features} undeclared");
            let mut check = Command::new(&cargo);
            // `--examples`: the example using that part alone, when it has one.
            check.args(["check", "--quiet", "-p", "fixture-sdk-features", "--examples", "--no-default-features"]);
            if !features.is_empty() {
                check.args(["--features", features]);
            }
            let out = check
                .env("CARGO_TARGET_DIR", root.join("target/feature-check"))
                .env("RUSTFLAGS", "-D warnings")
                .current_dir(&root)
                .output()
                .expect("cargo runs");
            assert!(out.status.success(), "with features [{features}]:\n{}", String::from_utf8_lossy(&out.stderr));
        }
    }
}

#[cfg(test)]
mod manifests {
    use super::*;
    use std::collections::BTreeSet;

    /// Dependency names of a manifest's `[dependencies]` table.
    fn dependencies(manifest: &str) -> BTreeSet<String> {
        manifest
            .lines()
            .skip_while(|l| l.trim() != "[dependencies]")
            .skip(1)
            .take_while(|l| !l.starts_with('['))
            .filter_map(|l| l.split(['=', '.']).next())
            .map(str::trim)
            .filter(|name| !name.is_empty() && !name.starts_with('#'))
            .map(str::to_owned)
            .collect()
    }

    /// Every generated crate carries a copy of the runtime, so each must depend on exactly what
    /// the runtime does: the SDK, the fixture crates and the manifest `generate` writes.
    #[test]
    fn generated_crates_depend_on_what_the_runtime_needs() {
        let root = workspace_root();
        let read = |path: &str| fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        let runtime = dependencies(&read("codegen/runtime/Cargo.toml"));
        assert!(runtime.contains("reqwest") && runtime.contains("serde"), "{runtime:?}");
        let mut manifests = vec![("generate".to_owned(), codegen::manifest("x", "0.1.0", "x", &[]))];
        manifests.push(("generated-sdk".to_owned(), read("generated-sdk/Cargo.toml")));
        for target in targets(&root).iter().skip(1) {
            let dir = target.output.trim_end_matches("/src");
            manifests.push((dir.to_owned(), read(&format!("{dir}/Cargo.toml"))));
        }
        for (name, manifest) in manifests {
            assert_eq!(dependencies(&manifest), runtime, "dependencies of {name}");
            // The runtime's spans are behind this feature; without it they would be unknown cfgs.
            assert!(manifest.contains("tracing = [\"dep:tracing\"]"), "{name} lacks the tracing feature");
        }
    }
}
