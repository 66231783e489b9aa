//! Project automation in the cargo-xtask style: `cargo xtask <command>` (alias in
//! `.cargo/config.toml`). The commands and their flags are declared once, below; `--help` is
//! made from them.

mod bench;
mod bench_compile;
mod conformance;
mod doc_links;
mod gate;
mod regen;
mod release;
mod sweep;
mod workspace;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The project's automation: regeneration, release checks, benchmarks and sweeps.
#[derive(Debug, Parser)]
#[command(bin_name = "cargo xtask", disable_version_flag = true)]
struct Xtask {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Regenerate generated-sdk/src/ and the fixture crates from their documents.
    Regen {
        /// Change nothing; fail with a diff when the checked-in code is stale.
        #[arg(long)]
        check: bool,
    },
    /// The API changes of the spec since REV (the last humanloop-v* tag, else HEAD), classified
    /// for semver, with a CHANGELOG entry.
    Diff {
        /// The revision to compare with.
        rev: Option<String>,
    },
    /// Every check of a release (freshness, tests, API changes, semver of the built crate,
    /// publish dry run); never publishes.
    Release {
        /// Required: a release is only ever checked here.
        #[arg(long, required = true)]
        dry_run: bool,
        /// Write the version bump and CHANGELOG entry.
        #[arg(long)]
        write: bool,
        /// The revision of the last release (default: the last humanloop-v* tag, else HEAD).
        rev: Option<String>,
    },
    /// Every link between the rendered docs' pages leads to a page and item that exist (run
    /// after `cargo doc`; rustdoc itself does not check the items on the page).
    DocLinks {
        /// The docs' folder (default: target/doc).
        dir: Option<String>,
    },
    /// The generator over every document under a folder; with --check, every crate compiled.
    Sweep(sweep::Options),
    /// Round-trip gate: instances of every component schema of each document decode into their
    /// type and union member, and back.
    Gate(gate::corpus::Options),
    /// The generated SDK against Stoplight Prism's mock server: per operation, whether the
    /// request is valid and the response decodes.
    Conformance(conformance::Options),
    /// Generation and stream-decoding speed as ratios to a JSON-parse baseline (run with
    /// `cargo run --release -p xtask -- bench` for real figures).
    Bench {
        /// `cargo check` seconds and peak memory of GitHub's and OpenAI's SDKs instead, beside
        /// openapi-to-rust's when installed (about 15 minutes).
        #[arg(long, conflicts_with = "spec")]
        compile: bool,
        /// More documents to time.
        #[arg(long, num_args = 1..)]
        spec: Vec<String>,
    },
}

fn main() -> ExitCode {
    let result = match Xtask::parse().command {
        Command::Regen { check } => regen::regen(check),
        Command::Diff { rev } => release::diff(rev.as_deref()),
        Command::Release { dry_run: _, write, rev } => release::release(write, rev.as_deref()),
        Command::DocLinks { dir } => doc_links::doc_links(dir.as_deref()),
        Command::Sweep(options) => sweep::sweep(&options),
        Command::Gate(options) => gate::corpus::gate(&options),
        Command::Conformance(options) => conformance::conformance(&options),
        Command::Bench { compile: true, .. } => bench_compile::bench_compile(),
        Command::Bench { spec, .. } => bench::bench(&spec),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_commands_are_well_formed() {
        Xtask::command().debug_assert();
    }

    #[test]
    fn release_only_runs_dry() {
        assert!(Xtask::try_parse_from(["xtask", "release"]).is_err());
        let parsed = Xtask::try_parse_from(["xtask", "release", "--dry-run", "--write", "v1"]).expect("parses");
        assert!(matches!(parsed.command, Command::Release { write: true, rev: Some(ref rev), .. } if rev == "v1"));
    }
}
