//! `sdksmith`: generates an async Rust SDK crate from an OpenAPI document, as a config file
//! (`sdksmith.toml`) or flags describe it, and checks in CI that a checked-in crate is fresh.

use clap::{Args, Parser, Subcommand};
use sdksmith::project::config::Config;
use sdksmith::project::{render, Project, DEFAULT_CONFIG};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Generates an async Rust SDK crate from an OpenAPI 3.0 or 3.1 document.
#[derive(Debug, Parser)]
#[command(name = "sdksmith", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate (or update) the crate a config file describes, or the one the flags do.
    ///
    /// The crate's manifest is created once, then updated only in the dependencies and features
    /// generation owns; files in `src/` that generation did not write are never touched.
    Generate(Generate),
}

#[derive(Debug, Args)]
struct Generate {
    /// The config file [default: sdksmith.toml]. Its paths are relative to it.
    #[arg(long, conflicts_with_all = ["document", "output", "name"])]
    config: Option<PathBuf>,
    /// The OpenAPI document (JSON or YAML), instead of a config file.
    #[arg(long, requires_all = ["output", "name"])]
    document: Option<String>,
    /// The crate's folder (with --document).
    #[arg(long)]
    output: Option<String>,
    /// The crate's name (with --document).
    #[arg(long)]
    name: Option<String>,
    /// Change nothing: exit 1, showing a diff, when the crate is not what generation writes.
    #[arg(long)]
    check: bool,
}

fn main() -> ExitCode {
    let Command::Generate(args) = Cli::parse().command;
    match generate(&args) {
        Ok(code) => code,
        Err(message) => {
            eprint!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// The project the arguments describe.
fn project(args: &Generate) -> Result<Project, String> {
    match (&args.document, &args.output, &args.name) {
        (Some(document), Some(output), Some(name)) => {
            let mut config = Config::new(document);
            config.output = output.clone();
            config.package.name = Some(name.clone());
            let command = format!("sdksmith generate --document {document} --output {output} --name {name}");
            Ok(Project::new(config, PathBuf::from("."), command))
        }
        _ => {
            let path = args.config.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_CONFIG));
            if !path.is_file() && args.config.is_none() {
                return Err(format!(
                    "no {DEFAULT_CONFIG} here: write one (see `sdksmith generate --help`), name it with \
                     --config, or give --document, --output and --name\n"
                ));
            }
            Project::load(Path::new(&path)).map_err(|d| format!("{d}\n"))
        }
    }
}

fn generate(args: &Generate) -> Result<ExitCode, String> {
    let project = project(args)?;
    let plan = project.plan().map_err(|d| render(&d))?;
    eprint!("{}", render(&plan.warnings));
    let root = plan.root.display().to_string();
    if args.check {
        let report = plan.check();
        if report.is_empty() {
            eprintln!("{root}: up to date");
            return Ok(ExitCode::SUCCESS);
        }
        print!("{report}");
        eprintln!("{root} is stale: run `{}`", project.command);
        return Ok(ExitCode::FAILURE);
    }
    let written = plan.write().map_err(|d| render(&d))?;
    for path in written.written.iter().chain(&written.removed) {
        eprintln!("  {path}");
    }
    eprintln!("{root}: {written}");
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_arguments_are_well_formed() {
        Cli::command().debug_assert();
        assert!(
            Cli::try_parse_from(["sdksmith", "generate", "--document", "a.yaml"]).is_err(),
            "needs output and name"
        );
        assert!(Cli::try_parse_from(["sdksmith", "generate", "--config", "x.toml", "--document", "a.yaml"]).is_err());
        let parsed = Cli::try_parse_from(["sdksmith", "generate", "--check"]).expect("parses");
        let Command::Generate(args) = parsed.command;
        assert!(args.check && args.config.is_none());
    }
}
