//! `cargo xtask diff [REV]` and `cargo xtask release --dry-run [--write]`: what changed in the API
//! description since a revision, what semver bump that means for the `humanloop` crate, a
//! CHANGELOG entry, and the release checks. Nothing here ever publishes.
//!
//! `diff` compares the document's two revisions through today's generator (the crate models):
//! the reviewable changelog. A release also compares the crate as it shipped at the revision with
//! the crate as it is now — their printed sources, then `cargo-semver-checks` on the built
//! crates — so a change the generator or the runtime made is classified too.

use crate::regen::{check_all, workspace_root, OUTPUT, SPEC};
use sdksmith::compat::{bump, compare, compare_surfaces, Change, Impact};
use sdksmith::model::surface_of_source;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

const MANIFEST: &str = "generated-sdk/Cargo.toml";
const CHANGELOG: &str = "generated-sdk/CHANGELOG.md";
/// Release tags look like `humanloop-v1.2.3`.
const TAG_PATTERN: &str = "humanloop-v*";

fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let output =
        Command::new("git").args(args).current_dir(root).output().map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!("git {} failed: {}", args.join(" "), String::from_utf8_lossy(&output.stderr).trim()))
    }
}

/// The revision to compare with: the last release tag, else `HEAD`.
fn default_revision(root: &Path) -> String {
    git(root, &["describe", "--tags", "--abbrev=0", "--match", TAG_PATTERN])
        .map(|t| t.trim().to_owned())
        .unwrap_or_else(|_| "HEAD".to_owned())
}

/// The changes from the spec at `rev` to the working copy.
fn changes_since(root: &Path, rev: &str) -> Result<Vec<Change>, String> {
    let old_text = git(root, &["show", &format!("{rev}:{SPEC}")])?;
    let new_text = fs::read_to_string(root.join(SPEC)).map_err(|e| format!("cannot read {SPEC}: {e}"))?;
    let render = |d: Vec<sdksmith::Diagnostic>| d.iter().map(|d| format!("{d}\n")).collect::<String>();
    // Both revisions through the settings regen uses, so the models are of the crate that ships.
    let settings = crate::regen::sdk_settings()?;
    let (old, _) = sdksmith::model(&format!("{rev}:{SPEC}"), &old_text, &settings).map_err(render)?;
    let (new, _) = sdksmith::model(SPEC, &new_text, &settings).map_err(render)?;
    Ok(compare(&old, &new))
}

/// The `src/` files of the crate as git holds them at `rev`, by path relative to `src/`.
fn sources_at(root: &Path, rev: &str) -> Result<BTreeMap<String, String>, String> {
    let listing = git(root, &["ls-tree", "-r", "--name-only", rev, "--", OUTPUT])?;
    let prefix = format!("{OUTPUT}/");
    listing
        .lines()
        .filter_map(|path| Some((path, path.strip_prefix(&prefix)?)))
        .map(|(path, relative)| Ok((relative.to_owned(), git(root, &["show", &format!("{rev}:{path}")])?)))
        .collect()
}

/// The `src/` files of the crate in the working copy.
fn sources_now(root: &Path) -> Result<BTreeMap<String, String>, String> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.join(OUTPUT)];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(relative) = path.strip_prefix(root.join(OUTPUT)) {
                let text = fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                let key = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                files.insert(key, text);
            }
        }
    }
    Ok(files)
}

/// The changes of the public API between two crates' sources, whoever made them: the document,
/// the generator or the runtime.
pub fn shipped_changes(old: &BTreeMap<String, String>, new: &BTreeMap<String, String>) -> Result<Vec<Change>, String> {
    Ok(compare_surfaces(&surface_of_source(old)?, &surface_of_source(new)?))
}

/// `cargo-semver-checks` of the crate against the crate as it was at `rev` (checked out beside
/// the working copy), installed first when it is missing.
fn semver_checks(root: &Path, rev: &str) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let installed =
        Command::new(&cargo).args(["semver-checks", "--version"]).output().is_ok_and(|o| o.status.success());
    if !installed {
        println!("cargo-semver-checks is not installed: installing it (several minutes, once)");
        run(root, &cargo, &["install", "cargo-semver-checks", "--locked"])?;
    }
    let baseline = std::env::temp_dir().join(format!("humanloop-baseline-{}", std::process::id()));
    let baseline_text = baseline.to_string_lossy().into_owned();
    git(root, &["worktree", "add", "--detach", &baseline_text, rev])?;
    let checked = run(
        root,
        &cargo,
        &[
            "semver-checks",
            "check-release",
            "-p",
            "humanloop",
            "--baseline-root",
            &format!("{baseline_text}/generated-sdk"),
        ],
    );
    let removed = git(root, &["worktree", "remove", "--force", &baseline_text]);
    checked.and(removed.map(|_| ()))
}

/// The crate's version from its manifest.
fn current_version(root: &Path) -> Result<(u64, u64, u64), String> {
    let manifest = fs::read_to_string(root.join(MANIFEST)).map_err(|e| format!("cannot read {MANIFEST}: {e}"))?;
    let line = manifest.lines().find(|l| l.starts_with("version = ")).ok_or("no version in the manifest")?;
    parse_version(line.trim_start_matches("version = ").trim_matches('"'))
}

fn parse_version(text: &str) -> Result<(u64, u64, u64), String> {
    let parts: Vec<u64> =
        text.split('.').map(|p| p.parse().map_err(|_| format!("bad version `{text}`"))).collect::<Result<_, _>>()?;
    match parts.as_slice() {
        [a, b, c] => Ok((*a, *b, *c)),
        _ => Err(format!("bad version `{text}`")),
    }
}

/// The next version for a change of `impact`, following Cargo's semver (in 0.y.z, y is the major part).
pub fn next_version((major, minor, patch): (u64, u64, u64), impact: Impact) -> (u64, u64, u64) {
    match (major, impact) {
        (0, Impact::Major) => (0, minor + 1, 0),
        (0, _) => (0, minor, patch + 1),
        (_, Impact::Major) => (major + 1, 0, 0),
        (_, Impact::Minor) => (major, minor + 1, 0),
        (_, Impact::Patch) => (major, minor, patch + 1),
    }
}

fn version_text((a, b, c): (u64, u64, u64)) -> String {
    format!("{a}.{b}.{c}")
}

/// A CHANGELOG section for `version` listing `changes` by kind.
pub fn changelog_entry(version: &str, changes: &[Change]) -> String {
    let mut entry = format!("## {version}\n");
    for (impact, title) in
        [(Impact::Major, "Breaking changes"), (Impact::Minor, "Added"), (Impact::Patch, "Documentation")]
    {
        let items: Vec<&Change> = changes.iter().filter(|c| c.impact == impact).collect();
        if !items.is_empty() {
            entry.push_str(&format!("\n### {title}\n\n"));
            for change in items {
                entry.push_str(&format!("- {}\n", change.description));
            }
        }
    }
    entry
}

/// `changelog` with `entry` placed above its first release section (after the title and intro).
pub fn insert_entry(changelog: &str, entry: &str) -> String {
    match changelog.find("\n## ") {
        Some(at) => format!("{}\n\n{entry}\n{}", changelog[..at].trim_end(), &changelog[at + 1..]),
        None => format!("{}\n\n{entry}", changelog.trim_end()),
    }
}

/// `cargo xtask diff [REV]`.
pub fn diff(rev: Option<&str>) -> Result<(), String> {
    let root = workspace_root();
    let rev = rev.map_or_else(|| default_revision(&root), str::to_owned);
    let changes = changes_since(&root, &rev)?;
    println!("{SPEC}: {rev} → working copy");
    if changes.is_empty() {
        println!("no changes to the generated API");
        return Ok(());
    }
    for change in &changes {
        println!("  {change}");
    }
    let impact = bump(&changes);
    let current = current_version(&root)?;
    let next = version_text(next_version(current, impact));
    println!(
        "\nsemver: {impact} ({} → {next})\n\nCHANGELOG entry:\n\n{}",
        version_text(current),
        changelog_entry(&next, &changes)
    );
    Ok(())
}

fn run(root: &Path, program: &str, args: &[&str]) -> Result<(), String> {
    println!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed", args.join(" ")))
    }
}

/// `cargo xtask release --dry-run [--write] [REV]`: every check of a release, never the upload.
pub fn release(write: bool, rev: Option<&str>) -> Result<(), String> {
    let root = workspace_root();
    println!("1. generated code is fresh");
    let report = check_all(&root)?;
    if !report.is_empty() {
        return Err(format!("{report}\nrun `cargo xtask regen` first"));
    }
    println!("2. tests");
    run(&root, "cargo", &["test", "--workspace", "--locked"])?;
    println!("3. API changes");
    let rev = rev.map_or_else(|| default_revision(&root), str::to_owned);
    let changes = changes_since(&root, &rev)?;
    // The crate as built: what the generator or the runtime changed counts as much as the document.
    let shipped = shipped_changes(&sources_at(&root, &rev)?, &sources_now(&root)?)?;
    if !shipped.is_empty() {
        println!("the crate's public API as printed, {rev} → working copy:");
        for change in &shipped {
            println!("  {change}");
        }
    }
    let impact = bump(&changes).max(bump(&shipped));
    let current = current_version(&root)?;
    let moved = !changes.is_empty() || !shipped.is_empty();
    let next = if moved { version_text(next_version(current, impact)) } else { version_text(current) };
    let entry = changelog_entry(&next, &changes);
    if changes.is_empty() {
        println!("no API changes since {rev}: the version stays {next}");
    } else {
        println!("{entry}");
    }
    if write && moved {
        println!("4. version {} → {next} and CHANGELOG", version_text(current));
        let manifest = fs::read_to_string(root.join(MANIFEST)).map_err(|e| e.to_string())?;
        let updated =
            manifest.replacen(&format!("version = \"{}\"", version_text(current)), &format!("version = \"{next}\""), 1);
        fs::write(root.join(MANIFEST), updated).map_err(|e| e.to_string())?;
        let changelog = fs::read_to_string(root.join(CHANGELOG)).map_err(|e| e.to_string())?;
        fs::write(root.join(CHANGELOG), insert_entry(&changelog, &entry)).map_err(|e| e.to_string())?;
    } else {
        println!("4. version and CHANGELOG left as they are (pass --write to update them when the API changed)");
    }
    println!("5. semver of the built crate (cargo-semver-checks against {rev})");
    semver_checks(&root, &rev)?;
    println!("6. publish dry run");
    let mut args = vec!["publish", "--dry-run", "-p", "humanloop"];
    if write {
        args.push("--allow-dirty");
    }
    run(&root, "cargo", &args)?;
    println!(
        "release checks passed; publishing is left to a person: `cargo publish -p humanloop`, then tag {}",
        TAG_PATTERN.replace('*', &next)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_follow_cargo_semver() {
        assert_eq!(next_version((0, 1, 0), Impact::Major), (0, 2, 0));
        assert_eq!(next_version((0, 1, 0), Impact::Minor), (0, 1, 1));
        assert_eq!(next_version((1, 4, 2), Impact::Major), (2, 0, 0));
        assert_eq!(next_version((1, 4, 2), Impact::Minor), (1, 5, 0));
        assert_eq!(next_version((1, 4, 2), Impact::Patch), (1, 4, 3));
        assert_eq!(parse_version("1.2.3"), Ok((1, 2, 3)));
        assert!(parse_version("1.2").is_err());
    }

    #[test]
    fn changelog_groups_changes_by_kind() {
        let changes = [
            Change { impact: Impact::Major, description: "field `A.b` removed".into() },
            Change { impact: Impact::Minor, description: "type `C` added (struct)".into() },
        ];
        assert_eq!(
            changelog_entry("0.2.0", &changes),
            "## 0.2.0\n\n### Breaking changes\n\n- field `A.b` removed\n\n### Added\n\n- type `C` added (struct)\n"
        );
    }

    #[test]
    fn changelog_entries_go_above_earlier_releases() {
        let changelog = "# Changelog\n\nIntro.\n\n## 0.1.0\n\nFirst.\n";
        assert_eq!(
            insert_entry(changelog, "## 0.2.0\n\n- new\n"),
            "# Changelog\n\nIntro.\n\n## 0.2.0\n\n- new\n\n## 0.1.0\n\nFirst.\n"
        );
        assert_eq!(insert_entry("# Changelog\n", "## 0.1.0\n"), "# Changelog\n\n## 0.1.0\n");
    }

    /// The crate's `rust-version` is at least what each of its dependencies declares.
    #[test]
    fn msrv_covers_every_dependency() {
        let root = workspace_root();
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        // Only the host's packages: those of other targets (wasm) may not be downloaded.
        let rustc = Command::new("rustc").arg("-vV").output().expect("rustc runs");
        let version = String::from_utf8_lossy(&rustc.stdout).into_owned();
        let host = version.lines().find_map(|l| l.strip_prefix("host: ")).expect("rustc names its host");
        let output = Command::new(cargo)
            .args(["metadata", "--format-version", "1", "--locked", "--offline", "--filter-platform", host])
            .current_dir(&root)
            .output()
            .expect("cargo metadata runs");
        let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).expect("metadata is JSON");
        let version = |v: &serde_json::Value| {
            v.as_str().and_then(|s| {
                let mut parts = s.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
                Some((parts.next()?, parts.next().unwrap_or(0)))
            })
        };
        let packages = metadata["packages"].as_array().expect("packages");
        let sdk = packages.iter().find(|p| p["name"] == "humanloop").expect("humanloop package");
        let msrv = version(&sdk["rust_version"]).expect("rust-version is set");
        let dependencies: Vec<&str> = sdk["dependencies"]
            .as_array()
            .expect("deps")
            .iter()
            .filter(|d| d["kind"].is_null())
            .filter_map(|d| d["name"].as_str())
            .collect();
        for package in packages.iter().filter(|p| dependencies.contains(&p["name"].as_str().unwrap_or(""))) {
            if let Some(needed) = version(&package["rust_version"]) {
                assert!(needed <= msrv, "{} needs Rust {needed:?}, above the crate's {msrv:?}", package["name"]);
            }
        }
    }

    /// The generator changes the crate while the document stays the same: the comparison of what
    /// ships calls it breaking. Here the generator leaves out the maps of unknown fields, and names
    /// a client method differently — as a change of its naming policy would.
    #[test]
    fn a_generator_caused_break_is_major() {
        let root = workspace_root();
        let text = fs::read_to_string(root.join(SPEC)).expect("the document");
        let settings = crate::regen::sdk_settings().expect("the SDK's config");
        let before = sdksmith::generate(SPEC, &text, &settings).expect("generates").files;
        let after =
            sdksmith::generate(SPEC, &text, &settings.clone().without_unknown_fields()).expect("generates").files;
        let changes = shipped_changes(&before, &after).expect("both parse");
        assert_eq!(bump(&changes), Impact::Major);
        assert!(
            changes.iter().any(|c| c.description.starts_with("`types::ChatRequest::extra` removed")),
            "{changes:#?}"
        );
        let mut renamed = before.clone();
        let client = renamed.get_mut("client.rs").expect("client.rs");
        *client = client.replace("pub fn chat(", "pub fn create_chat(");
        let changes = shipped_changes(&before, &renamed).expect("both parse");
        let described: Vec<String> = changes.iter().map(ToString::to_string).collect();
        assert!(described.iter().any(|c| c.starts_with("[breaking] `Client::chat()` removed")), "{described:#?}");
        assert_eq!(bump(&changes), Impact::Major);
        assert!(shipped_changes(&before, &before).expect("parses").is_empty());
    }
}
