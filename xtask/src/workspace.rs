//! Many generated crates built as one Cargo workspace (one lock file, one target directory, so
//! dependencies build once), with what cargo reports about each: a crate counts as built only
//! when cargo reports its artifact — not when no error was seen, since a compiler that was killed
//! or never ran prints none.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// What cargo reported for the member crates of one run.
#[derive(Debug, Default)]
pub struct Built {
    /// Members whose wanted target cargo produced, with its executable when it has one.
    pub artifacts: BTreeMap<String, Option<PathBuf>>,
    /// Members with compile errors, and how many.
    pub failed: BTreeMap<String, usize>,
    /// Compile errors grouped by code and message shape: how many, and one crate that has it.
    pub causes: BTreeMap<String, (usize, String)>,
}

impl Built {
    /// Members that neither built nor reported an error: their compiler was killed, or never ran
    /// because something they need failed.
    pub fn unaccounted<'a>(&self, members: &'a [String]) -> Vec<&'a str> {
        members
            .iter()
            .map(String::as_str)
            .filter(|m| !self.artifacts.contains_key(*m) && !self.failed.contains_key(*m))
            .collect()
    }
}

/// Writes the workspace manifest naming `crates` (folders of `out`), with `extra` appended
/// (profiles), and the project's lock file, so the crates build against exactly the versions
/// its tests use.
pub fn write(out: &Path, crates: &[String], extra: &str) -> Result<(), String> {
    let members: Vec<String> = crates.iter().map(|c| format!("    \"{c}\",")).collect();
    let manifest = format!("[workspace]\nresolver = \"2\"\nmembers = [\n{}\n]\n{extra}", members.join("\n"));
    fs::write(out.join("Cargo.toml"), manifest).map_err(|e| format!("cannot write the workspace manifest: {e}"))?;
    let lock = crate::regen::workspace_root().join("Cargo.lock");
    fs::copy(&lock, out.join("Cargo.lock")).map_err(|e| format!("cannot copy Cargo.lock: {e}"))?;
    Ok(())
}

/// Runs `cargo <args> --message-format=json --keep-going` in the workspace at `out` and collects
/// what it says of the `members`: artifacts of the targets `wanted` accepts, and errors.
pub fn cargo(
    out: &Path,
    members: &[String],
    args: &[&str],
    wanted: impl Fn(&serde_json::Value) -> bool,
) -> Result<Built, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let start = Instant::now();
    let mut child = Command::new(cargo)
        .args(args)
        .args(["--workspace", "--keep-going", "--message-format=json", "--quiet"])
        .current_dir(out)
        .env("CARGO_TARGET_DIR", out.join("target"))
        // Incremental data is many times the size of the crates and is never reused.
        .env("CARGO_INCREMENTAL", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = child.stdout.take().ok_or("cargo's output is not readable")?;
    let names: BTreeSet<&str> = members.iter().map(String::as_str).collect();
    let mut built = Built::default();
    // Read as cargo goes, so a long run shows its progress.
    for line in std::io::BufRead::lines(std::io::BufReader::new(stdout)).map_while(Result::ok) {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        let Some(name) = message["package_id"].as_str().and_then(package_name).filter(|n| names.contains(n)) else {
            continue;
        };
        if message["reason"] == "compiler-artifact" && wanted(&message["target"]) {
            let executable = message["executable"].as_str().map(PathBuf::from);
            built.artifacts.insert(name.to_owned(), executable);
            if built.artifacts.len().is_multiple_of(100) {
                eprintln!("built {} of {} crates ({:.0?})", built.artifacts.len(), members.len(), start.elapsed());
            }
            continue;
        }
        if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
            continue;
        }
        let text = message["message"]["message"].as_str().unwrap_or("");
        if text.starts_with("aborting due to") || text.starts_with("could not compile") {
            continue;
        }
        *built.failed.entry(name.to_owned()).or_default() += 1;
        let code = message["message"]["code"]["code"].as_str().unwrap_or("-");
        let entry = built.causes.entry(format!("{code} {}", shape(text))).or_insert((0, name.to_owned()));
        entry.0 += 1;
    }
    child.wait().map_err(|e| format!("cargo did not finish: {e}"))?;
    eprintln!("cargo {} of {} crates took {:.1?}", args.join(" "), members.len(), start.elapsed());
    Ok(built)
}

/// The package name of a cargo package id (`path+file:///dir/sdk_x#0.1.0` → `sdk_x`; also
/// `path+file:///dir/x#sdk_x@0.1.0` when the directory and package names differ).
pub fn package_name(id: &str) -> Option<&str> {
    let (path, fragment) = id.rsplit_once('#')?;
    match fragment.split_once('@') {
        Some((name, _)) => Some(name),
        None => path.rsplit('/').next(),
    }
}

/// The message shape of a diagnostic: its text with every backticked part replaced by `…`, so
/// messages about different names group together.
pub fn shape(message: &str) -> String {
    message.split('`').enumerate().map(|(i, part)| if i % 2 == 1 { "…" } else { part }).collect::<Vec<_>>().join("`")
}

/// Counts by key, most common first.
pub fn ranked(counts: BTreeMap<String, (usize, String)>) -> Vec<(String, usize, String)> {
    let mut ranked: Vec<(String, usize, String)> = counts.into_iter().map(|(k, (n, e))| (k, n, e)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_ids_and_message_shapes() {
        assert_eq!(shape("cannot find type `Foo` in module `types`"), "cannot find type `…` in module `…`");
        assert_eq!(package_name("path+file:///out/sdk_ab#0.1.0"), Some("sdk_ab"));
        assert_eq!(package_name("path+file:///out/x#sdk_a@0.1.0"), Some("sdk_a"));
    }

    #[test]
    fn members_without_artifact_or_error_are_unaccounted() {
        let mut built = Built::default();
        built.artifacts.insert("a".into(), None);
        built.failed.insert("b".into(), 2);
        let members = ["a".to_owned(), "b".to_owned(), "c".to_owned()];
        assert_eq!(built.unaccounted(&members), ["c"]);
    }
}
