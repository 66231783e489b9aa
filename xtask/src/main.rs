//! Project automation in the cargo-xtask style: `cargo xtask <command>` (alias in `.cargo/config.toml`).
//!
//! - `regen [--check]`: regenerate `generated-sdk/src/` from `spec/humanloop.yaml`, or check it is fresh.
//! - `generate --spec FILE --out DIR [--name CRATE] [--no-tag-features]`: a standalone SDK crate
//!   for any document, with a Cargo feature per tag unless told otherwise.
//! - `diff [REV]`: API changes of the spec since REV, classified for semver, with a CHANGELOG entry.
//! - `release --dry-run [--write]`: regen check, tests, diff, version bump (with --write), publish dry run.
//! - `sweep DIR [--out DIR] [--check [--max-mb N]]`: the generator over a folder of public
//!   documents; never a panic; with `--check`, every generated crate compiled and the failures
//!   grouped by cause.
//! - `bench [--spec FILE...]`: generation and stream-decoding speed as ratios to a JSON-parse baseline.
//! - `bench --compile`: `cargo check` time and peak memory of the crates generated from GitHub's
//!   and OpenAI's documents, beside openapi-to-rust's on the same documents when installed.

mod bench;
mod bench_compile;
mod gate;
mod regen;
mod release;
mod sweep;
mod workspace;

use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage:
  cargo xtask regen [--check]
  cargo xtask generate --spec FILE --out DIR [--name CRATE] [--no-tag-features]
                                       (a crate for any document; a Cargo feature per tag, `full` on by default)
  cargo xtask diff [REV]                (default REV: the last humanloop-v* tag, else HEAD)
  cargo xtask release --dry-run [--write] [REV]
  cargo xtask sweep DIR [--out DIR] [--check [--max-mb N]]
                                       (generate every document under DIR; report rejections and panics;
                                        --check also `cargo check`s every crate and groups the errors;
                                        --max-mb leaves out crates larger than N MB of source)
  cargo xtask gate PATH [--out DIR] [--max-mb N]
                                       (round-trip gate: instances of every component schema of each
                                        document decode into their type and member, and back)
  cargo xtask bench [--spec FILE...]   (use `cargo run --release -p xtask -- bench` for real figures)
  cargo xtask bench --compile          (cargo check seconds and peak memory of GitHub's and OpenAI's
                                        SDKs, beside openapi-to-rust's when installed; ~15 min)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("regen") => match args[1..].iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            [] => regen::regen(false),
            ["--check"] => regen::regen(true),
            _ => Err(USAGE.to_owned()),
        },
        Some("generate") => generate_command(&args[1..]),
        Some("diff") => match &args[1..] {
            [] => release::diff(None),
            [rev] => release::diff(Some(rev)),
            _ => Err(USAGE.to_owned()),
        },
        Some("release") => release_command(&args[1..]),
        Some("gate") => match gate::corpus::Options::parse(&args[1..]) {
            Some(options) => gate::corpus::gate(&options),
            None => Err(USAGE.to_owned()),
        },
        Some("sweep") => match sweep::Options::parse(&args[1..]) {
            Some(options) => sweep::sweep(&options),
            None => Err(USAGE.to_owned()),
        },
        Some("bench") => match args[1..].iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            [] => bench::bench(&[]),
            ["--compile"] => bench_compile::bench_compile(),
            ["--spec", rest @ ..] => bench::bench(&rest.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()),
            _ => Err(USAGE.to_owned()),
        },
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn release_command(args: &[String]) -> Result<(), String> {
    let flags: Vec<&str> = args.iter().map(String::as_str).filter(|a| a.starts_with("--")).collect();
    let revs: Vec<&str> = args.iter().map(String::as_str).filter(|a| !a.starts_with("--")).collect();
    if !flags.contains(&"--dry-run") {
        return Err(format!("release only runs with --dry-run: it never publishes\n{USAGE}"));
    }
    if flags.iter().any(|f| !matches!(*f, "--dry-run" | "--write")) || revs.len() > 1 {
        return Err(USAGE.to_owned());
    }
    release::release(flags.contains(&"--write"), revs.first().copied())
}

fn generate_command(args: &[String]) -> Result<(), String> {
    let (mut spec, mut out, mut name, mut whole) = (None, None, None, false);
    let mut iter = args.iter();
    while let Some(flag) = iter.next() {
        if flag == "--no-tag-features" {
            whole = true;
            continue;
        }
        let value = iter.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--spec" => spec = Some(value.clone()),
            "--out" => out = Some(value.clone()),
            "--name" => name = Some(value.clone()),
            _ => return Err(USAGE.to_owned()),
        }
    }
    let (Some(spec), Some(out)) = (spec, out) else { return Err(USAGE.to_owned()) };
    let name = name.unwrap_or_else(|| "generated_sdk".to_owned());
    regen::generate_standalone(&spec, &out, &name, whole)
}
