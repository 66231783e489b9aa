//! The installed command as a user runs it: generate from a config file or flags, `--check` in
//! CI (exit 1 with a diff when stale), and errors that name the file and line.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DOCUMENT: &str = "openapi: 3.0.3
info: {title: Pets, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {type: string}}
";

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sdksmith-cli-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn sdksmith(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sdksmith")).args(args).current_dir(dir).output().expect("runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn generate_then_check_passes_and_a_stale_crate_fails_with_a_diff() {
    let dir = scratch("check");
    fs::write(dir.join("pets.yaml"), DOCUMENT).expect("document");
    fs::write(dir.join("sdksmith.toml"), "document = \"pets.yaml\"\noutput = \"pets\"\n[package]\nname = \"pets\"\n")
        .expect("config");
    let out = sdksmith(&dir, &["generate"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(dir.join("pets/src/lib.rs").is_file() && dir.join("pets/Cargo.toml").is_file());
    let out = sdksmith(&dir, &["generate", "--check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let lib = dir.join("pets/src/lib.rs");
    fs::write(&lib, fs::read_to_string(&lib).expect("lib") + "// an edit\n").expect("edit");
    let out = sdksmith(&dir, &["generate", "--check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("-// an edit"), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("run `sdksmith generate`"), "{}", text(&out.stderr));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn flags_generate_without_a_config_file() {
    let dir = scratch("flags");
    fs::write(dir.join("pets.yaml"), DOCUMENT).expect("document");
    let out = sdksmith(&dir, &["generate", "--document", "pets.yaml", "--output", "out", "--name", "pet-api"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let manifest = fs::read_to_string(dir.join("out/Cargo.toml")).expect("manifest");
    assert!(manifest.contains("name = \"pet-api\""), "{manifest}");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_config_is_an_error_naming_its_file_and_line() {
    let dir = scratch("bad");
    fs::write(dir.join("sdksmith.toml"), "document = \"pets.yaml\"\n\n[formats]\ndate = \"chrono\"\n").expect("config");
    let out = sdksmith(&dir, &["generate"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("sdksmith.toml:4:") && stderr.contains("date"), "{stderr}");
    // No config at all: says what to do.
    let empty = scratch("empty");
    let stderr = text(&sdksmith(&empty, &["generate"]).stderr);
    assert!(stderr.contains("no sdksmith.toml here"), "{stderr}");
    let _ = fs::remove_dir_all(&dir);
    let _ = fs::remove_dir_all(&empty);
}

#[test]
fn help_lists_the_subcommands_and_their_flags() {
    let out = sdksmith(Path::new("."), &["generate", "--help"]);
    let help = text(&out.stdout);
    assert!(out.status.success() && help.contains("--check") && help.contains("--config"), "{help}");
}
