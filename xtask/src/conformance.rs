//! `cargo xtask conformance --spec FILE [--dynamic]`: the generated SDK against an independent
//! implementation of the document — Stoplight Prism's mock server (npm `@stoplight/prism-cli`,
//! installed by this command into `target/conformance/`), on 127.0.0.1. A program calls every
//! operation of the SDK with values made from the document's schemas; per operation it reports
//! whether Prism's validator accepted the request and whether the response decoded. A response
//! that does not decode because the document contradicts itself (its example lacks a required
//! property) is shown as such and counted apart.
//!
//! Prism answers from the document's examples, or with `--dynamic` from data it generates from
//! the schemas.

use crate::gate::instances::{request_value, request_values};
use crate::gate::validate::violations;
use crate::regen::{workspace_root, write_crate};
use crate::workspace;
use sdksmith::ir::BodyEncoding;
use sdksmith::model::{Crate, InputTarget, OperationItem, RustType, SetterTarget, StructItem, TypeBody};
use sdksmith::spec::{lookup, Document, Schema};
use sdksmith::Settings;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The Prism release the command installs and runs.
const PRISM: &str = "@stoplight/prism-cli@5.14.2";
/// The generated SDK's crate name in the conformance workspace.
const SDK: &str = "conformance_sdk";

/// What `cargo xtask conformance` was asked to do.
#[derive(Debug, clap::Args)]
pub struct Options {
    /// The OpenAPI document.
    #[arg(long)]
    pub spec: String,
    /// Prism answers with data generated from the schemas instead of the document's examples.
    #[arg(long)]
    pub dynamic: bool,
    /// The port Prism listens on.
    #[arg(long, default_value_t = 4010)]
    pub port: u16,
    /// Report each operation, not only the summary and the failures.
    #[arg(long)]
    pub verbose: bool,
}

/// Runs the conformance check of one document.
pub fn conformance(options: &Options) -> Result<(), String> {
    let root = workspace_root();
    let cache = root.join("target/conformance");
    let prism = install_prism(&cache)?;
    let text = fs::read_to_string(&options.spec).map_err(|e| format!("cannot read {}: {e}", options.spec))?;
    let render = |d: Vec<sdksmith::Diagnostic>| d.iter().map(|d| format!("{d}\n")).collect::<String>();
    let doc = sdksmith::spec::load(&options.spec, &text).map_err(|d| render(vec![d]))?;
    let settings = Settings::new(&options.spec);
    let (model, _) = sdksmith::model(&options.spec, &text, &settings).map_err(render)?;
    let generated = sdksmith::generate(&options.spec, &text, &settings).map_err(render)?;
    let stem = Path::new(&options.spec).file_stem().map_or("api".into(), |s| s.to_string_lossy().into_owned());
    let dir = cache.join(format!("run-{}", stem.replace(|c: char| !c.is_ascii_alphanumeric(), "_")));
    write_crate(&dir.join("sdk"), SDK, &options.spec, &generated)?;
    let (program, planned) = caller(&doc, &model);
    write_caller(&dir, &program, &generated.manifest.dependencies)?;
    let caller = build_caller(&dir, &cache)?;
    let mut server = start_prism(&prism, &options.spec, options.port, options.dynamic)?;
    let outcomes = run_caller(&caller, options.port);
    let _ = server.kill();
    let _ = server.wait();
    let outcomes = outcomes?;
    report(&doc, &model, &planned, &outcomes, options)
}

/// Prism's executable, installed into the cache folder when it is not there yet.
fn install_prism(cache: &Path) -> Result<PathBuf, String> {
    let folder = cache.join("prism");
    let executable = folder.join("node_modules/.bin/prism");
    if executable.is_file() {
        return Ok(executable);
    }
    fs::create_dir_all(&folder).map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    eprintln!("installing {PRISM} with npm into {}", folder.display());
    let status = Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&folder)
        .arg(PRISM)
        .status()
        .map_err(|e| format!("cannot run npm (Node.js is needed for Prism): {e}"))?;
    match status.success() && executable.is_file() {
        true => Ok(executable),
        false => Err(format!("npm could not install {PRISM}")),
    }
}

/// How one operation is called, or why it is not.
#[derive(Debug)]
enum Plan {
    /// Called with values made from the document.
    Called,
    /// Not called: an argument has no value the document describes.
    Skipped(String),
}

/// The calling program (`src/main.rs` of the caller crate) and what it does with each operation.
fn caller(doc: &Document, model: &Crate) -> (String, BTreeMap<String, Plan>) {
    let mut planned = BTreeMap::new();
    let (mut calls, mut functions) = (String::new(), String::new());
    for (index, op) in model.operations.iter().enumerate() {
        match arguments(doc, op, &model.shadowed_std) {
            Ok(args) => {
                let setters = optional_body_fields(doc, model, op);
                let _ = writeln!(functions, "{}", call(index, op, &args, &setters));
                let _ = writeln!(calls, "    call_{index}(&client).await;");
                planned.insert(op.method.clone(), Plan::Called);
            }
            Err(why) => {
                planned.insert(op.method.clone(), Plan::Skipped(why));
            }
        }
    }
    let schemes: Vec<String> = model.api_info.schemes.iter().map(|(name, _)| format!("{name:?}")).collect();
    let program = format!(
        r#"//! Calls every operation of the generated SDK against a mock server (`BASE_URL`) and prints
//! one `CONF` line per operation: what came back.
#![allow(deprecated, dead_code, clippy::all)]

use {SDK}::*;
use std::fmt::Debug;

fn arg<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, String> {{
    serde_json::from_str(json).map_err(|e| format!("{{e}}"))
}}

fn line(op: &str, outcome: &str, status: Option<u16>, headers: Option<&reqwest::header::HeaderMap>, detail: &str, body: &str) {{
    let violations = headers.and_then(|h| h.get("sl-violations")).and_then(|v| v.to_str().ok()).unwrap_or("");
    let status = status.map_or(String::new(), |s| s.to_string());
    println!("CONF\t{{op}}\t{{outcome}}\t{{status}}\t{{}}\t{{}}\t{{}}", one(violations), one(detail), one(body));
}}

fn one(text: &str) -> String {{
    text.replace(['\t', '\n', '\r'], " ")
}}

fn failed(op: &str, error: Error) {{
    let outcome = match &error {{
        Error::Decode(_) => "decode",
        Error::Status(_) => "status",
        Error::Event {{ .. }} => "event",
        _ => "transport",
    }};
    let status = error.status().map(|s| s.as_u16());
    let body = error.raw_body().map(|b| b.text()).unwrap_or_default();
    line(op, outcome, status, error.headers(), &error.to_string(), &body);
}}

async fn run<T: Debug>(op: &str, call: impl std::future::Future<Output = Result<Response<T>, Error>>) {{
    match call.await {{
        Ok(response) => line(op, "ok", Some(response.status.as_u16()), Some(&response.headers), "", ""),
        Err(error) => failed(op, error),
    }}
}}

{stream_helper}{functions}
#[tokio::main(flavor = "current_thread")]
async fn main() {{
    let base = std::env::var("BASE_URL").expect("BASE_URL");
    let mut builder = Client::builder().api_key("conformance-key").base_url(base).max_retries(0);
    let schemes: &[&str] = &[{schemes}];
    for scheme in schemes {{
        builder = builder.credential(*scheme, "conformance-key");
    }}
    let client = builder.build().expect("client");
{calls}}}
"#,
        schemes = schemes.join(", "),
        // `EventStream` is exported by crates that stream, and only by them.
        stream_helper = if functions.contains("run_stream(") { STREAM_HELPER } else { "" },
    );
    (program, planned)
}

/// How the calling program runs an operation that streams.
const STREAM_HELPER: &str = r#"async fn run_stream<T: Debug + Send + 'static>(op: &str, started: impl std::future::Future<Output = Result<EventStream<T, ErrorBody>, Error>>) {
    use futures_util::StreamExt;
    match started.await {
        Ok(mut stream) => {
            let (status, headers) = (stream.status().as_u16(), stream.headers().clone());
            match stream.next().await {
                Some(Err(error)) => failed(op, error),
                _ => line(op, "ok", Some(status), Some(&headers), "", ""),
            }
        }
        Err(error) => failed(op, error),
    }
}

"#;

/// The Rust expressions of an operation's required arguments, from instances of their schemas.
fn arguments(doc: &Document, op: &OperationItem, shadowed: &[String]) -> Result<Vec<String>, String> {
    op.inputs
        .iter()
        .map(|input| {
            let json = match &input.schema {
                Some(pointer) => {
                    let as_text = input.into == InputTarget::Field && pointer.contains("/parameters/");
                    let value = if as_text { parameter_value(doc, pointer) } else { value_of(doc, pointer) };
                    value.ok_or_else(|| format!("no value for `{}`", input.name))?
                }
                // A body sent as it is: some text.
                None => serde_json::Value::String("conformance".into()),
            };
            Ok(decoded(&input.ty, shadowed, &json))
        })
        .collect()
}

/// The setter calls (`.name(arg::<T>(…)?)`) that give a body the builder takes apart the optional
/// fields of the value made for it. Without them only its required fields would be sent, which
/// does not meet a schema that needs one of two optional fields (`anyOf: [{required: [a]},
/// {required: [b]}]`). Only JSON and form bodies, and no file fields: a file can only be sent in
/// a multipart body, though a component shared with one types it as a file.
fn optional_body_fields(doc: &Document, model: &Crate, op: &OperationItem) -> Vec<String> {
    let Some(body) = op.body.as_ref().filter(|body| body.constructor.is_some()) else { return Vec::new() };
    if !matches!(body.encoding, BodyEncoding::Json | BodyEncoding::Form) {
        return Vec::new();
    }
    let Some((pointer, fields)) = struct_of(model, &body.ty) else { return Vec::new() };
    let Some(serde_json::Value::Object(value)) = value_of(doc, pointer) else { return Vec::new() };
    let setter_of = |field: &str| {
        op.setters
            .iter()
            .find(|setter| matches!(&setter.sets, SetterTarget::BodyField(assign) if assign.field == field))
    };
    fields
        .fields
        .iter()
        .filter_map(|field| Some((setter_of(&field.name)?, value.get(&field.wire)?)))
        .filter(|(setter, _)| !holds_file(&setter.takes))
        .map(|(setter, json)| {
            format!(
                ".{}({})",
                sdksmith::model::written(&setter.name),
                decoded(&setter.takes, &model.shadowed_std, json)
            )
        })
        .collect()
}

/// The struct `ty` names, through aliases (one body shape shared by several operations is one
/// struct and aliases of it), with the pointer of the schema `ty` itself comes from.
fn struct_of<'m>(model: &'m Crate, ty: &RustType) -> Option<(&'m str, &'m StructItem)> {
    let named = |ty: &RustType| match ty {
        RustType::Model(name) => model.types.iter().find(|item| item.name == *name),
        _ => None,
    };
    let first = named(ty)?;
    let mut item = first;
    for _ in 0..8 {
        match &item.body {
            TypeBody::Struct(fields) => return Some((&first.pointer, fields)),
            TypeBody::Alias(target) => item = named(target)?,
            _ => return None,
        }
    }
    None
}

fn holds_file(ty: &RustType) -> bool {
    match ty {
        RustType::Runtime(name, _) => *name == "FilePart",
        RustType::Vec(inner) | RustType::Option(inner) | RustType::Box(inner) | RustType::Map(inner) => {
            holds_file(inner)
        }
        _ => false,
    }
}

/// The expression that decodes `json` into `ty` in the calling program.
fn decoded(ty: &RustType, shadowed: &[String], json: &serde_json::Value) -> String {
    // Runtime types are re-exported at the root: that is where a user names them.
    let ty = ty.path(shadowed).replace("crate::runtime::", "crate::").replace("crate::", &format!("{SDK}::"));
    format!("arg::<{ty}>(r#\"{}\"#)?", json.to_string().replace("\"#", "\\\"#"))
}

/// A value of the schema at `pointer` that a strict validator should accept.
fn value_of(doc: &Document, pointer: &str) -> Option<serde_json::Value> {
    request_value(doc, pointer, schema_at(doc, pointer)?)
}

/// A value of the parameter schema at `pointer`, text where the schema allows it. A parameter
/// travels as text, which Prism's validator coerces: `7` fits both members of `oneOf: [integer,
/// string]` (GitHub's `workflow_id`), and so neither, where `"text"` fits only one.
fn parameter_value(doc: &Document, pointer: &str) -> Option<serde_json::Value> {
    let values = request_values(doc, pointer, schema_at(doc, pointer)?);
    values.iter().find(|value| value.is_string()).or(values.first()).cloned()
}

fn schema_at<'d>(doc: &'d Document, pointer: &str) -> Option<&'d Schema> {
    lookup::schema(doc, &lookup::segments(&format!("#{pointer}"))?)
}

/// The function `call_{index}` that calls `op` with its arguments and then its `setters`:
/// `send_with_response`, or `stream` for an operation that only streams. An argument that does not
/// decode into its type is reported instead.
fn call(index: usize, op: &OperationItem, args: &[String], setters: &[String]) -> String {
    let name = &op.method;
    let method = sdksmith::model::written(name);
    let (runner, verb) = match &op.send {
        Some(_) => ("run", "send_with_response"),
        None => ("run_stream", "stream"),
    };
    // Each call's future is made on the heap by a function of its own: made in `main`, every one
    // would take a stack slot of its own there (debug builds do not share them), and GitHub's
    // 1,223 calls overflow the stack.
    format!(
        "fn call_{index}(client: &Client) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + '_>> {{\n    Box::pin(async move {{\n        let started: Result<_, String> = (|| Ok(client.{method}({}){}))();\n        match started {{\n            Ok(builder) => {runner}({name:?}, builder.{verb}()).await,\n            Err(why) => line({name:?}, \"argument\", None, None, &why, \"\"),\n        }}\n    }})\n}}",
        args.join(", "),
        setters.concat()
    )
}

fn write_caller(
    dir: &Path,
    program: &str,
    sdk_needs: &[sdksmith::project::dependencies::Dependency],
) -> Result<(), String> {
    let write = |path: PathBuf, text: &str| {
        fs::create_dir_all(path.parent().unwrap_or(dir))
            .and_then(|()| fs::write(&path, text))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    write(dir.join("caller/src/main.rs"), program)?;
    write(
        dir.join("caller/Cargo.toml"),
        &format!(
            "[package]\nname = \"conformance-caller\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\n{SDK} = {{ path = \"../sdk\" }}\nserde = \"1\"\nserde_json = \"1\"\nreqwest = {{ version = \"0.12\", default-features = false }}\n\
             futures-util = {{ version = \"0.3\", default-features = false }}\ntokio = {{ version = \"1\", features = [\"rt\", \"macros\"] }}\n{}",
            format_crates(sdk_needs),
        ),
    )?;
    workspace::write(dir, &["sdk".to_owned(), "caller".to_owned()], "")
}

/// The crates the SDK's typed formats come from (`chrono`, `uuid`, …), which the calling program
/// names to write its arguments: as the SDK depends on them.
fn format_crates(sdk_needs: &[sdksmith::project::dependencies::Dependency]) -> String {
    let formats = sdksmith::project::dependencies::FORMATS;
    let needed = sdk_needs.iter().filter(|d| formats.iter().any(|f| f.name == d.name));
    needed.map(|dep| format!("{} = {}\n", dep.name, dep.entry())).collect()
}

/// Builds the caller (its dependencies once, in the cache's target folder) and returns it.
fn build_caller(dir: &Path, cache: &Path) -> Result<PathBuf, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let target = cache.join("target");
    let status = Command::new(cargo)
        .args(["build", "--quiet", "-p", "conformance-caller"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &target)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err("the calling program does not compile (see cargo's errors above)".into());
    }
    Ok(target.join("debug/conformance-caller"))
}

fn start_prism(prism: &Path, spec: &str, port: u16, dynamic: bool) -> Result<Child, String> {
    let mut command = Command::new(prism);
    command.args(["mock", "-h", "127.0.0.1", "-p", &port.to_string()]);
    if dynamic {
        command.arg("-d");
    }
    let mut child = command
        .arg(spec)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start Prism: {e}"))?;
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if started.elapsed() > Duration::from_secs(120) || child.try_wait().ok().flatten().is_some() {
            let _ = child.kill();
            return Err(format!("Prism did not start listening on 127.0.0.1:{port}"));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    Ok(child)
}

/// What the caller printed: one outcome per operation.
#[derive(Debug, Clone)]
struct Outcome {
    kind: String,
    status: Option<u16>,
    violations: String,
    detail: String,
    body: String,
}

fn run_caller(caller: &Path, port: u16) -> Result<BTreeMap<String, Outcome>, String> {
    let mut child = Command::new(caller)
        .env("BASE_URL", format!("http://127.0.0.1:{port}"))
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot run the calling program: {e}"))?;
    let stdout = child.stdout.take().ok_or("the program's output is not readable")?;
    let mut outcomes = BTreeMap::new();
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        let fields: Vec<&str> = line.split('\t').collect();
        if let ["CONF", op, kind, status, violations, detail, body] = fields.as_slice() {
            let outcome = Outcome {
                kind: (*kind).to_owned(),
                status: status.parse().ok(),
                violations: (*violations).to_owned(),
                detail: (*detail).to_owned(),
                body: (*body).to_owned(),
            };
            outcomes.insert((*op).to_owned(), outcome);
        }
    }
    child.wait().map_err(|e| format!("the calling program did not finish: {e}"))?;
    Ok(outcomes)
}

/// How one operation fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Verdict {
    /// Request accepted, response decoded.
    Passed,
    /// Prism's validator rejected the request.
    RequestRejected,
    /// The response did not decode, and it fits the document: the SDK's fault.
    DecodeFailed,
    /// The response did not decode because it does not fit the document's own schema.
    DocumentContradicts,
    /// Another status came back (the document's error responses, Prism's 404 for a path it cannot route, …).
    OtherStatus,
    /// Not called: no value for an argument, or the call never completed.
    NotRun,
}

fn report(
    doc: &Document,
    model: &Crate,
    planned: &BTreeMap<String, Plan>,
    outcomes: &BTreeMap<String, Outcome>,
    options: &Options,
) -> Result<(), String> {
    let mut counts: BTreeMap<Verdict, usize> = BTreeMap::new();
    let mut lines = Vec::new();
    for op in &model.operations {
        let (verdict, why) = verdict(doc, op, planned.get(&op.method), outcomes.get(&op.method));
        *counts.entry(verdict).or_default() += 1;
        if options.verbose || !matches!(verdict, Verdict::Passed) {
            lines.push(format!("  {:<20} {} {} {}", format!("{verdict:?}"), op.http, op.path, why));
        }
    }
    let total = model.operations.len();
    let count = |v: Verdict| counts.get(&v).copied().unwrap_or(0);
    println!(
        "{}: {total} operations against Prism ({} mode): {} passed, {} requests rejected, {} responses not decoded, \
         {} not decoded because the document contradicts itself, {} other statuses, {} not run",
        options.spec,
        if options.dynamic { "dynamic" } else { "examples" },
        count(Verdict::Passed),
        count(Verdict::RequestRejected),
        count(Verdict::DecodeFailed),
        count(Verdict::DocumentContradicts),
        count(Verdict::OtherStatus),
        count(Verdict::NotRun),
    );
    lines.sort();
    for line in lines {
        println!("{line}");
    }
    Ok(())
}

fn verdict(doc: &Document, op: &OperationItem, plan: Option<&Plan>, outcome: Option<&Outcome>) -> (Verdict, String) {
    if let Some(Plan::Skipped(why)) = plan {
        return (Verdict::NotRun, why.clone());
    }
    let Some(outcome) = outcome else { return (Verdict::NotRun, "the call did not complete".into()) };
    let request_violations = request_violations(outcome);
    if !request_violations.is_empty() {
        return (Verdict::RequestRejected, request_violations);
    }
    match outcome.kind.as_str() {
        "ok" => (Verdict::Passed, String::new()),
        "decode" | "event" => match document_violation(doc, op, outcome) {
            Some(why) => (Verdict::DocumentContradicts, why),
            None => (Verdict::DecodeFailed, format!("{} — body: {}", outcome.detail, excerpt(&outcome.body))),
        },
        "argument" => (Verdict::NotRun, format!("argument does not decode: {}", outcome.detail)),
        "status" => (Verdict::OtherStatus, format!("{} {}", outcome.status.unwrap_or(0), excerpt(&outcome.body))),
        _ => (Verdict::NotRun, outcome.detail.clone()),
    }
}

/// What Prism's validator said of the request: its problem body, or the request's entries of the
/// `sl-violations` header.
fn request_violations(outcome: &Outcome) -> String {
    let prism_problem = outcome.body.contains("stoplight.io/prism/errors");
    let header: Vec<serde_json::Value> = serde_json::from_str(&outcome.violations).unwrap_or_default();
    let of_request: Vec<String> = header
        .iter()
        .filter(|v| v["location"][0] != "response")
        .map(|v| format!("{}: {}", v["location"], v["message"].as_str().unwrap_or("")))
        .collect();
    if !of_request.is_empty() {
        return of_request.join("; ");
    }
    // A 5xx problem is Prism failing (its faker crashing on a response schema), not a verdict
    // on the request.
    let prism_failed = outcome.status.is_some_and(|status| status >= 500);
    if prism_problem && outcome.kind == "status" && !prism_failed {
        let problem: serde_json::Value = serde_json::from_str(&outcome.body).unwrap_or_default();
        let listed: Vec<String> = problem["validation"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| format!("{}: {}", v["location"], v["message"].as_str().unwrap_or("")))
            .collect();
        return match listed.is_empty() {
            true => excerpt(&outcome.body),
            false => listed.join("; "),
        };
    }
    String::new()
}

/// Why the response body does not fit the document's schema for its status, when it does not.
fn document_violation(doc: &Document, op: &OperationItem, outcome: &Outcome) -> Option<String> {
    let body: serde_json::Value = serde_json::from_str(&outcome.body).ok()?;
    let status = outcome.status?.to_string();
    let responses = format!("{}/responses", op.pointer);
    let pointer = format!("{responses}/{status}");
    let schema = response_schema(doc, &pointer)
        .or_else(|| response_schema(doc, &format!("{responses}/{}XX", &status[..1])))
        .or_else(|| response_schema(doc, &format!("{responses}/default")))?;
    let why = violations(doc, &body, schema).into_iter().next()?;
    Some(format!("the document's own answer does not fit its schema: {}", excerpt(&why)))
}

/// The JSON schema of the response at `pointer` (following a `$ref` to a shared response).
fn response_schema<'d>(doc: &'d Document, pointer: &str) -> Option<&'d Schema> {
    let mut response = lookup::response(doc, &lookup::segments(&format!("#{pointer}"))?)?;
    for _ in 0..8 {
        let Some(reference) = &response.reference else { break };
        response = lookup::response(doc, &lookup::segments(reference)?)?;
    }
    let (_, media) = response.content.iter().find(|(media_type, _)| media_type.contains("json"))?;
    media.schema.as_ref()
}

fn excerpt(text: &str) -> String {
    let cut: String = text.chars().take(300).collect();
    if cut.len() < text.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The calling program gets the crates the SDK's formats come from, as the SDK declares them,
    /// and not the ones it declares itself.
    #[test]
    fn the_caller_depends_on_the_format_crates_of_the_sdk() {
        let needs = sdksmith::project::dependencies::needed(false, &["chrono".to_owned(), "uuid".to_owned()]);
        let lines = format_crates(&needs);
        let manifest: toml_edit::DocumentMut = lines.parse().expect("TOML");
        assert!(manifest.contains_key("chrono") && manifest.contains_key("uuid"), "{lines}");
        assert!(!manifest.contains_key("serde") && !manifest.contains_key("tracing"), "{lines}");
    }

    #[test]
    fn prism_failing_is_no_rejection() {
        let outcome = |status: u16, kind: &str| Outcome {
            kind: "status".into(),
            status: Some(status),
            violations: String::new(),
            detail: String::new(),
            body: format!(r#"{{"type":"https://stoplight.io/prism/errors#{kind}","title":"t","validation":[]}}"#),
        };
        assert!(request_violations(&outcome(500, "UNKNOWN")).is_empty(), "Prism's faker crashed");
        assert!(!request_violations(&outcome(422, "UNPROCESSABLE_ENTITY")).is_empty());
    }

    #[test]
    fn values_sent_keep_to_not_any_of_and_limits() {
        let text = r##"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /images:
    post:
      parameters:
        - {name: tag, in: query, required: true, schema: {type: string, minLength: 8, pattern: '^[a-z]+$'}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/ImageRefParam'}
      responses: {'204': {description: done}}
  /workflows/{workflow_id}:
    get:
      parameters:
        - {name: workflow_id, in: path, required: true, schema: {oneOf: [{type: integer}, {type: string}]}}
      responses: {'204': {description: done}}
  /a:
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/ById'}}}}
      responses: {'204': {description: done}}
  /b:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties: {id: {type: integer}, name: {type: string}}
              oneOf: [{required: [id]}, {required: [name]}]
      responses: {'204': {description: done}}
components:
  schemas:
    ImageRefParam:
      type: object
      properties:
        image_url: {type: string, format: uri}
        file_id: {type: string}
        sizes: {type: array, minItems: 1, items: {type: integer, minimum: 16, maximum: 16}}
      anyOf:
        - required: [image_url]
        - required: [file_id]
      not:
        required: [image_url, file_id]
      additionalProperties: false
    ById:
      type: object
      properties: {id: {type: integer}, name: {type: string}}
      oneOf: [{required: [id]}, {required: [name]}]
"##;
        let doc = sdksmith::spec::load("t.yaml", text).expect("loads");
        let body = value_of(&doc, "/paths/~1images/post/requestBody/content/application~1json/schema");
        assert_eq!(body, Some(serde_json::json!({"image_url": "https://example.com/a", "sizes": [16]})));
        let tag = value_of(&doc, "/paths/~1images/post/parameters/0/schema");
        // Made from the pattern (its class's first character), as long as `minLength` asks.
        assert_eq!(tag, Some(serde_json::json!("aaaaaaaa")));
        let (model, _) = sdksmith::model("t.yaml", text, &Settings::new("t.yaml")).expect("a model");
        let (program, _) = caller(&doc, &model);
        let sets = r##".image_url(arg::<String>(r#""https://example.com/a""#)?).sizes(arg::<Vec<i64>>(r#"[16]"#)?)"##;
        assert!(program.contains(sets), "the body's optional fields are set from its value:\n{program}");
        let aliased = |item: &&sdksmith::model::TypeItem| matches!(item.body, TypeBody::Alias(RustType::Model(_)));
        assert!(model.types.iter().any(|item| aliased(&item)), "one body is an alias of the other");
        assert_eq!(program.matches(".id(arg::<i64>(r#\"7\"#)?)))").count(), 2, "an aliased body too:\n{program}");
        let workflow = value_of(&doc, "/paths/~1workflows~1{workflow_id}/get/parameters/0/schema");
        assert_eq!(workflow, Some(serde_json::json!(7)), "a body would take the first member");
        let workflow = parameter_value(&doc, "/paths/~1workflows~1{workflow_id}/get/parameters/0/schema");
        assert_eq!(workflow, Some(serde_json::json!("text")), "text is read as one member only");
    }
}
