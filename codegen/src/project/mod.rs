//! A generation run as a team uses it: a config file ([`config`]) naming the document, the
//! overlays applied to it ([`overlay`]) and the crate's folder, which stays its owner's — its
//! manifest is edited only in what generation owns ([`manifest`]), and a file generation did not
//! write (its first line is not `// @generated`) is never overwritten or deleted.
//!
//! [`Project::plan`] computes every file the run writes without touching the disk;
//! [`Plan::write`] makes the folder so, [`Plan::check`] says how it differs (for CI).

pub mod config;
pub mod dependencies;
pub mod embed;
pub mod manifest;
pub mod overlay;

use crate::model::Crate;
use crate::{Diagnostic, Severity};
use config::Config;
use manifest::{NewPackage, Owned, OwnedFeature};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// How every file generation writes begins; a file that does not is the owner's.
pub const GENERATED_MARKER: &str = "// @generated";

/// The config file the CLI reads when none is named.
pub const DEFAULT_CONFIG: &str = "sdksmith.toml";

/// A config, and the folder its paths are relative to.
#[derive(Debug, Clone)]
pub struct Project {
    /// The config.
    pub config: Config,
    /// The folder the config's paths are relative to (the config file's).
    pub base: PathBuf,
    /// How generated files name the command that regenerates them.
    pub command: String,
}

/// Every file a run writes, computed and not yet written.
#[derive(Debug)]
pub struct Plan {
    /// The crate's folder.
    pub root: PathBuf,
    /// Its files by path relative to it (`Cargo.toml`, `src/lib.rs`…), with `/` separators.
    pub files: BTreeMap<String, String>,
    /// Warnings met on the way (the document's, the overlays', the settings').
    pub warnings: Vec<Diagnostic>,
    /// The model of the generated crate.
    pub model: Crate,
    /// The document as generated from (overlays applied), and its name as headers give it.
    pub document: (String, String),
}

/// What writing a plan did, file by file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Written {
    /// Files created or changed.
    pub written: Vec<String>,
    /// Files already as generated.
    pub unchanged: usize,
    /// Generated files no longer generated, deleted.
    pub removed: Vec<String>,
}

impl std::fmt::Display for Written {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} written, {} unchanged, {} removed", self.written.len(), self.unchanged, self.removed.len())
    }
}

fn io_error(path: &Path, action: &str, error: std::io::Error) -> Diagnostic {
    config::error(&path.display().to_string(), None, format!("cannot {action}: {error}"))
}

impl Project {
    /// Reads the config file at `path`.
    pub fn load(path: &Path) -> Result<Project, Diagnostic> {
        let shown = path.display().to_string();
        let text = fs::read_to_string(path).map_err(|e| io_error(path, "read the config", e))?;
        let config = config::parse(&shown, &text)?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let command = match &config.regenerate {
            Some(command) => command.clone(),
            None if name == DEFAULT_CONFIG => "sdksmith generate".to_owned(),
            None => format!("sdksmith generate --config {name}"),
        };
        Ok(Project { config, base, command })
    }

    /// A project of a config made in code (the CLI's flags): paths relative to `base`.
    pub fn new(config: Config, base: PathBuf, command: String) -> Project {
        Project { config, base, command }
    }

    /// The crate's folder.
    pub fn root(&self) -> PathBuf {
        match self.config.output.as_str() {
            "." | "" => self.base.clone(),
            output => self.base.join(output),
        }
    }

    /// Every file the run writes: the document read, overlays applied, the crate generated and
    /// its manifest created or updated.
    pub fn plan(&self) -> Result<Plan, Vec<Diagnostic>> {
        let config = &self.config;
        let document_path = self.base.join(&config.document);
        let text =
            fs::read_to_string(&document_path).map_err(|e| vec![io_error(&document_path, "read the document", e)])?;
        let mut warnings = Vec::new();
        let (file, text) = match config.overlays.is_empty() {
            true => (config.document.clone(), text),
            false => self.overlaid(&text, &mut warnings).map_err(|d| vec![d])?,
        };
        let root = self.root();
        let existing = self.existing_manifest().map_err(|d| vec![d])?;
        let name = self.crate_name(existing.as_deref()).map_err(|d| vec![d])?;
        let manifest_name = format!("{}/Cargo.toml", config.output.trim_end_matches('/'));
        let settings = config.settings(&config.document, &self.command, &name.replace('-', "_"));
        let (model, found) = crate::model(&file, &text, &settings)?;
        warnings.extend(found);
        if !config.overlays.is_empty() {
            // Lines of the overlaid text are nobody's; the pointers still say where.
            warnings.iter_mut().for_each(|w| w.line = None);
        }
        let sources = crate::emit::emit(&model).map_err(|message| vec![crate::internal_error(&file, &message)])?;
        let owned = owned(&model);
        let manifest = match &existing {
            Some(text) => manifest::update(&manifest_name, text, &owned).map_err(|d| vec![d])?,
            None => manifest::create(&self.new_package(&name, &model), &owned),
        };
        let mut files: BTreeMap<String, String> =
            sources.into_iter().map(|(path, text)| (format!("src/{path}"), text)).collect();
        files.insert("Cargo.toml".to_owned(), manifest);
        Ok(Plan { root, files, warnings, model, document: (file, text) })
    }

    /// The settings generation runs with (the crate's name from the config, else its manifest).
    pub fn settings(&self) -> Result<crate::Settings, Diagnostic> {
        let name = self.crate_name(self.existing_manifest()?.as_deref())?;
        Ok(self.config.settings(&self.config.document, &self.command, &name.replace('-', "_")))
    }

    /// The crate's manifest, if it exists yet.
    fn existing_manifest(&self) -> Result<Option<String>, Diagnostic> {
        let path = self.root().join("Cargo.toml");
        match fs::read_to_string(&path) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_error(&path, "read the manifest", e)),
        }
    }

    /// The package's name: the config's, else the manifest's.
    fn crate_name(&self, manifest: Option<&str>) -> Result<String, Diagnostic> {
        match (&self.config.package.name, manifest) {
            (Some(name), _) => Ok(name.clone()),
            (None, Some(text)) => package_name(text).ok_or_else(|| {
                config::error(
                    &format!("{}/Cargo.toml", self.config.output),
                    None,
                    "the manifest names no package".to_owned(),
                )
            }),
            (None, None) => {
                let message = "name the crate: `[package] name = \"…\"` (its manifest does not exist yet)".to_owned();
                Err(config::error(DEFAULT_CONFIG, None, message))
            }
        }
    }

    /// The document with the overlays applied, as YAML text, and its name in diagnostics.
    fn overlaid(&self, text: &str, warnings: &mut Vec<Diagnostic>) -> Result<(String, String), Diagnostic> {
        let config = &self.config;
        let mut document = crate::spec::yaml_value(text).map_err(|e| {
            config::error(&config.document, e.location().map(|l| l.line()), format!("invalid document: {e}"))
        })?;
        for overlay in &config.overlays {
            let path = self.base.join(overlay);
            let overlay_text = fs::read_to_string(&path).map_err(|e| io_error(&path, "read the overlay", e))?;
            warnings.extend(overlay::apply(&mut document, overlay, &overlay_text)?);
        }
        let text = serde_yaml::to_string(&document)
            .map_err(|e| config::error(&config.document, None, format!("cannot write the overlaid document: {e}")))?;
        Ok((format!("{} (overlaid)", config.document), text))
    }

    fn new_package(&self, name: &str, model: &Crate) -> NewPackage {
        let package = &self.config.package;
        let mut extra: Vec<(String, toml_edit::Value)> = Vec::new();
        let mut text = |key: &str, value: &Option<String>| {
            if let Some(value) = value {
                extra.push((key.to_owned(), value.as_str().into()));
            }
        };
        text("rust-version", &package.rust_version);
        text("license", &package.license);
        text("repository", &package.repository);
        text("homepage", &package.homepage);
        for (key, list) in
            [("authors", &package.authors), ("keywords", &package.keywords), ("categories", &package.categories)]
        {
            if !list.is_empty() {
                extra.push((key.to_owned(), toml_edit::Value::Array(list.iter().map(String::as_str).collect())));
            }
        }
        if let Some(publish) = package.publish {
            extra.push(("publish".to_owned(), publish.into()));
        }
        NewPackage {
            name: name.to_owned(),
            version: package.version.clone().unwrap_or_else(|| "0.1.0".to_owned()),
            edition: package.edition.clone().unwrap_or_else(|| "2021".to_owned()),
            description: package.description.clone().unwrap_or_else(|| format!("Rust SDK for {}", model.title)),
            extra,
        }
    }
}

/// The package name a manifest declares.
fn package_name(manifest: &str) -> Option<String> {
    let doc: toml_edit::DocumentMut = manifest.parse().ok()?;
    doc.get("package")?.get("name")?.as_str().map(str::to_owned)
}

/// What generation owns in the crate's manifest: the dependencies its code needs, and its features.
pub fn owned(model: &Crate) -> Owned {
    let dependencies = dependencies::needed(model.types_only, &model.dependencies);
    if model.types_only {
        return Owned { dependencies, features: Vec::new() };
    }
    let feature = |name: &str, enables: Vec<String>, doc: &str| OwnedFeature {
        name: name.to_owned(),
        enables,
        doc: doc.to_owned(),
    };
    let mut defaults = vec!["rustls-tls".to_owned(), "tracing".to_owned()];
    let mut features = Vec::new();
    if !model.features.is_empty() {
        defaults.push(crate::model::FULL_FEATURE.to_owned());
        let parts = model.features.iter().map(|f| f.name.clone()).collect();
        features.push(feature(
            crate::model::FULL_FEATURE,
            parts,
            "Every part of the API. Leave default features off and pick parts to compile less.",
        ));
        features.extend(model.features.iter().map(|f| feature(&f.name, Vec::new(), &f.doc)));
    }
    features.insert(0, feature("default", defaults, "TLS through rustls, and spans."));
    features.push(feature(
        "tracing",
        vec!["dep:tracing".to_owned()],
        "`tracing` spans for each call and attempt (never a secret).",
    ));
    features.push(feature(
        "rustls-tls",
        vec!["reqwest/rustls-tls".to_owned()],
        "TLS through rustls with the webpki roots (no system libraries needed).",
    ));
    features.push(feature(
        "native-tls",
        vec!["reqwest/native-tls".to_owned()],
        "TLS through the platform's library (OpenSSL, Secure Transport, SChannel).",
    ));
    Owned { dependencies, features }
}

/// Whether `text` is a file generation wrote.
pub fn is_generated(text: &str) -> bool {
    text.starts_with(GENERATED_MARKER)
}

/// `src/` files under `root` that generation wrote, by path relative to `root`.
fn generated_sources(root: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        let Ok(entries) = fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if let (Ok(text), Ok(relative)) = (fs::read_to_string(&path), path.strip_prefix(root)) {
                if is_generated(&text) {
                    let key: Vec<String> =
                        relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                    out.insert(key.join("/"), text.replace("\r\n", "\n"));
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, &root.join("src"), &mut out);
    out
}

impl Plan {
    /// Files of the plan that exist and are the owner's (not generated): writing would lose them.
    fn owner_files_in_the_way(&self) -> Vec<Diagnostic> {
        self.files
            .keys()
            .filter(|path| *path != "Cargo.toml")
            .filter_map(|path| {
                let text = fs::read_to_string(self.root.join(path)).ok()?;
                (!is_generated(&text)).then(|| {
                    let shown = self.root.join(path).display().to_string();
                    let message = "exists and was not generated (it does not begin with `// @generated`): \
                                   move it, or rename it and list it under `modules`"
                        .to_owned();
                    config::error(&shown, None, message)
                })
            })
            .collect()
    }

    /// Makes the crate's folder hold the plan: changed files written, generated files no longer
    /// generated removed, the owner's files untouched. Nothing is written when an owner's file
    /// stands where a generated one would go.
    pub fn write(&self) -> Result<Written, Vec<Diagnostic>> {
        let blocked = self.owner_files_in_the_way();
        if !blocked.is_empty() {
            return Err(blocked);
        }
        let mut written = Written::default();
        for (path, text) in &self.files {
            let target = self.root.join(path);
            if fs::read_to_string(&target).is_ok_and(|have| have.replace("\r\n", "\n") == *text) {
                written.unchanged += 1;
                continue;
            }
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(|e| vec![io_error(parent, "create the folder", e)])?;
            }
            fs::write(&target, text).map_err(|e| vec![io_error(&target, "write", e)])?;
            written.written.push(path.clone());
        }
        for path in generated_sources(&self.root).into_keys().filter(|p| !self.files.contains_key(p)) {
            let target = self.root.join(&path);
            fs::remove_file(&target).map_err(|e| vec![io_error(&target, "remove", e)])?;
            written.removed.push(path);
        }
        Ok(written)
    }

    /// How the crate's folder differs from the plan, as unified diffs and lists of missing and
    /// stale files; empty when it is up to date.
    pub fn check(&self) -> String {
        let mut report = String::new();
        let shown = |path: &str| self.root.join(path).display().to_string();
        for (path, want) in &self.files {
            match fs::read_to_string(self.root.join(path)) {
                Err(_) => report.push_str(&format!("missing: {}\n", shown(path))),
                Ok(have) => {
                    let have = have.replace("\r\n", "\n");
                    if have != *want {
                        report.push_str(&unified_diff(&shown(path), &have, want));
                    }
                }
            }
        }
        for path in generated_sources(&self.root).into_keys().filter(|p| !self.files.contains_key(p)) {
            report.push_str(&format!("stale: {} (generated, no longer generated)\n", shown(&path)));
        }
        report
    }
}

/// A unified diff of `have` → `want`, with three lines of context.
pub fn unified_diff(name: &str, have: &str, want: &str) -> String {
    let diff = similar::TextDiff::from_lines(have, want);
    diff.unified_diff().context_radius(3).header(name, &format!("{name} (generated)")).to_string()
}

/// Severity-sorted text of diagnostics, one per line.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|d| std::cmp::Reverse(d.severity == Severity::Error));
    sorted.iter().map(|d| format!("{d}\n")).collect()
}
