//! `cargo xtask bench --compile`: what a user's compiler pays for a generated SDK. For GitHub's
//! document (the npm package `@octokit/openapi`, pinned) and OpenAI's (copied under
//! `xtask/documents/`), it generates the crate, builds its dependencies, then times a cold
//! `cargo check` of the crate alone (seconds, and the peak memory of the compiler as GNU time
//! reports it). openapi-to-rust, when installed, is run on the same documents in the same run,
//! and each figure is also given as a ratio to its. GitHub's `repos` part alone is timed too,
//! through the crate's Cargo features.
//!
//! Not part of CI: it takes about a quarter of an hour, most of it the peer's checks. Every crate
//! lives under `target/bench-compile/`, with one shared target directory.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The GitHub document's package, pinned so figures compare across runs.
const OCTOKIT: &str = "@octokit/openapi@23.0.2";
/// The peer generator's command.
const PEER: &str = "openapi-to-rust";

/// One timed check.
struct Check {
    seconds: f64,
    peak_kib: u64,
}

/// A row of the report: what was checked, and the check.
struct Row {
    document: &'static str,
    generator: String,
    check: Check,
}

pub fn bench_compile() -> Result<(), String> {
    let root = crate::regen::workspace_root();
    let work = root.join("target/bench-compile");
    fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    require("/usr/bin/time", &["--version"], "GNU time (Debian package `time`)")?;
    let peer = peer_version();
    let documents = [
        ("github", github_document(&work)?, Some("repos")),
        ("openai", root.join("xtask/documents/openai/openapi.yaml"), None),
    ];
    let mut rows = Vec::new();
    for (name, document, part) in &documents {
        eprintln!("== {name}: this generator");
        let dir = work.join(format!("{name}-ours"));
        let crate_name = format!("{name}_ours");
        generate_ours(document, &dir, &crate_name)?;
        rows.push(Row { document: name, generator: "this generator".into(), check: timed_check(&dir, &work, &[])? });
        if let Some(part) = part {
            let features = ["--no-default-features", "--features", part];
            let check = timed_check(&dir, &work, &features)?;
            rows.push(Row { document: name, generator: format!("this generator, `{part}` only"), check });
        }
        if let Some(version) = &peer {
            eprintln!("== {name}: {version}");
            let dir = work.join(format!("{name}-peer"));
            let checked =
                generate_peer(document, &dir, &format!("{name}_peer")).and_then(|()| timed_check(&dir, &work, &[]));
            match checked {
                Ok(check) => rows.push(Row { document: name, generator: version.clone(), check }),
                // The peer failing is a finding, not a reason to stop the run.
                Err(message) => eprintln!("   {version} on {name}: {message}"),
            }
        }
    }
    print_report(&rows, peer.as_deref());
    Ok(())
}

/// Fails with what to install when `program` cannot run.
fn require(program: &str, args: &[&str], what: &str) -> Result<(), String> {
    let ran = Command::new(program).args(args).stdout(Stdio::null()).stderr(Stdio::null()).status();
    match ran {
        Ok(_) => Ok(()),
        Err(_) => Err(format!("bench --compile needs {what}: `{program}` cannot be run")),
    }
}

/// `openapi-to-rust 0.23.0`, when it is installed.
fn peer_version() -> Option<String> {
    let out = Command::new(PEER).arg("--version").output().ok()?;
    let version = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    match version.is_empty() {
        true => None,
        false => Some(version),
    }
}

/// GitHub's document from the npm registry, unpacked once under `work`.
fn github_document(work: &Path) -> Result<PathBuf, String> {
    let dir = work.join("octokit");
    let document = dir.join("package/generated/api.github.com.json");
    if document.is_file() {
        return Ok(document);
    }
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    require("npm", &["--version"], "npm, to fetch GitHub's document")?;
    run(Command::new("npm").args(["pack", OCTOKIT, "--silent"]).current_dir(&dir), "npm pack")?;
    let archive = fs::read_dir(&dir)
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|ext| ext == "tgz"))
        .ok_or("npm pack left no archive")?;
    run(Command::new("tar").arg("xzf").arg(&archive).current_dir(&dir), "tar")?;
    Ok(document)
}

/// Our crate, with a feature per tag (as `cargo xtask generate` writes it).
fn generate_ours(document: &Path, dir: &Path, crate_name: &str) -> Result<(), String> {
    let spec = document.to_string_lossy();
    let text = fs::read_to_string(document).map_err(|e| format!("cannot read {spec}: {e}"))?;
    let settings = sdksmith::Settings::new(spec.as_ref()).with_tag_features();
    let generated = sdksmith::generate(&spec, &text, &settings).map_err(|d| format!("{spec}: {} errors", d.len()))?;
    crate::regen::write_crate(dir, crate_name, &spec, &generated)?;
    standalone(dir)
}

/// The peer's crate: its modules under `src/api/`, its dependency list as the manifest.
fn generate_peer(document: &Path, dir: &Path, crate_name: &str) -> Result<(), String> {
    let src = dir.join("src");
    let _ = fs::remove_dir_all(&src);
    run(
        Command::new(PEER).arg("generate").arg(document).arg("--output-dir").arg(src.join("api")).args([
            "--module-name",
            "api",
            "--quiet",
        ]),
        PEER,
    )?;
    let dependencies = fs::read_to_string(src.join("api/REQUIRED_DEPS.toml")).map_err(|e| e.to_string())?;
    // Its code uses let chains, which need the 2024 edition.
    let manifest =
        format!("[package]\nname = \"{crate_name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n{dependencies}\n");
    write(&dir.join("Cargo.toml"), &manifest)?;
    write(&src.join("lib.rs"), "//! The peer's crate, as generated.\n#![allow(warnings)]\npub mod api;\n")?;
    standalone(dir)
}

/// Makes the crate its own workspace, not a member of this project's.
fn standalone(dir: &Path) -> Result<(), String> {
    let path = dir.join("Cargo.toml");
    let manifest = fs::read_to_string(&path).map_err(|e| e.to_string())?;
    if !manifest.contains("\n[workspace]") {
        write(&path, &format!("{manifest}\n[workspace]\n"))?;
    }
    Ok(())
}

/// A cold check of the crate at `dir` alone: its dependencies are built first (with an empty
/// library in its place), then its own artifacts removed, then `cargo check` timed.
fn timed_check(dir: &Path, work: &Path, args: &[&str]) -> Result<Check, String> {
    let target = work.join("target");
    let lib = dir.join("src/lib.rs");
    let source = fs::read_to_string(&lib).map_err(|e| e.to_string())?;
    write(&lib, "")?;
    let warmed = cargo(dir, &target).args(["check", "--quiet"]).args(args).status();
    write(&lib, &source)?;
    warmed.map_err(|e| format!("cargo: {e}"))?;
    let package = package_name(dir)?;
    run(cargo(dir, &target).args(["clean", "--quiet", "-p", &package]), "cargo clean")?;
    let times = work.join("time.txt");
    let mut timed = Command::new("/usr/bin/time");
    timed.args(["-f", "%e %M", "-o"]).arg(&times).arg(env!("CARGO"));
    timed.args(["check", "--quiet"]).args(args).current_dir(dir).env("CARGO_TARGET_DIR", &target);
    run(&mut timed, "cargo check")?;
    let report = fs::read_to_string(&times).map_err(|e| e.to_string())?;
    let mut fields = report.split_whitespace().rev();
    let (peak, seconds) = (fields.next(), fields.next());
    match (seconds.and_then(|s| s.parse().ok()), peak.and_then(|p| p.parse().ok())) {
        (Some(seconds), Some(peak_kib)) => {
            eprintln!("   {package} {}: {seconds:.1} s, {} MiB", args.join(" "), peak_kib / 1024);
            Ok(Check { seconds, peak_kib })
        }
        _ => Err(format!("unreadable GNU time report: {report}")),
    }
}

fn cargo(dir: &Path, target: &Path) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command.current_dir(dir).env("CARGO_TARGET_DIR", target);
    command
}

fn package_name(dir: &Path) -> Result<String, String> {
    let manifest = fs::read_to_string(dir.join("Cargo.toml")).map_err(|e| e.to_string())?;
    manifest
        .lines()
        .find_map(|line| line.strip_prefix("name = \""))
        .map(|rest| rest.trim_end_matches('"').to_owned())
        .ok_or_else(|| format!("no package name in {}", dir.display()))
}

fn run(command: &mut Command, what: &str) -> Result<(), String> {
    let out = command.output().map_err(|e| format!("{what}: {e}"))?;
    match out.status.success() {
        true => Ok(()),
        false => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let tail: Vec<&str> = stderr.lines().rev().take(30).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            Err(format!("{what} failed:\n{}", tail.join("\n")))
        }
    }
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The table, with ratios to the peer's row of the same document.
fn print_report(rows: &[Row], peer: Option<&str>) {
    println!("cargo check of each generated crate alone, dependencies built, incremental as cargo's default");
    println!("machine: {}", machine());
    println!(
        "{:<8} {:<34} {:>9} {:>10} {:>11} {:>11}",
        "document", "generator", "seconds", "peak MiB", "time ratio", "mem. ratio"
    );
    for row in rows {
        let baseline = rows.iter().find(|r| r.document == row.document && Some(r.generator.as_str()) == peer);
        let (time, memory) = match baseline {
            Some(b) => (
                format!("{:.2}x", row.check.seconds / b.check.seconds.max(1e-9)),
                format!("{:.2}x", row.check.peak_kib as f64 / b.check.peak_kib.max(1) as f64),
            ),
            None => ("-".to_owned(), "-".to_owned()),
        };
        println!(
            "{:<8} {:<34} {:>9.1} {:>10} {:>11} {:>11}",
            row.document,
            row.generator,
            row.check.seconds,
            row.check.peak_kib / 1024,
            time,
            memory
        );
    }
    if peer.is_none() {
        println!(
            "({PEER} is not installed: `cargo install {PEER} --version 0.23.0 --locked` adds its rows and the ratios)"
        );
    }
}

/// Cores, memory and compiler, for the record.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| info.lines().find(|l| l.starts_with("MemTotal:")).map(str::to_owned))
        .and_then(|line| line.split_whitespace().nth(1).and_then(|kib| kib.parse::<u64>().ok()))
        .map_or("unknown memory".to_owned(), |kib| format!("{} GiB", kib / 1024 / 1024));
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        .unwrap_or_default();
    format!("{cores} cores, {memory}, {rustc}")
}
