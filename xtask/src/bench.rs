//! `cargo xtask bench [--spec FILE]`: how long generation and stream decoding take, as ratios
//! against a baseline measured in the same run (parsing the same bytes with serde_json), so the
//! figures mean the same on any machine. Build with `--release` for real numbers
//! (`cargo run --release -p xtask -- bench`).

use sdk_runtime::runtime::SseDecoder;
use sdksmith::Settings;
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// Median time of `runs` calls of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn ratio(what: Duration, baseline: Duration) -> f64 {
    what.as_secs_f64() / baseline.as_secs_f64().max(1e-9)
}

/// Generation phases against `serde_json::from_str::<Value>` of the document as JSON.
fn bench_generation(path: &str, runs: usize) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    // The baseline reads the same document as JSON, so YAML and JSON inputs compare alike.
    let json = if path.ends_with(".json") {
        text.clone()
    } else {
        let value: serde_json::Value = serde_yaml::from_str(&text).map_err(|e| e.to_string())?;
        serde_json::to_string(&value).map_err(|e| e.to_string())?
    };
    let baseline = median(runs, || {
        let _: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    });
    let load = median(runs, || {
        let _ = sdksmith::spec::load("bench.json", &json);
    });
    let resolve = median(runs, || {
        let _ = sdksmith::load_api("bench.json", &json);
    });
    let settings = Settings::new(path);
    let generate = median(runs, || {
        let _ = sdksmith::generate("bench.json", &json, &settings);
    });
    println!("{path} ({} KiB as JSON), median of {runs}:", json.len() / 1024);
    println!("  baseline serde_json::Value parse   {:>9.2?}   1.00x", baseline);
    println!("  load (typed document model)        {:>9.2?}  {:>5.2}x", load, ratio(load, baseline));
    println!("  load + resolve (IR)                {:>9.2?}  {:>5.2}x", resolve, ratio(resolve, baseline));
    println!("  full generation (formatted files)  {:>9.2?}  {:>5.2}x", generate, ratio(generate, baseline));
    Ok(())
}

/// SSE decoding plus JSON decoding of each event, against decoding the same JSON payloads alone.
fn bench_stream(runs: usize) {
    let payload = r#"{"project_id":"pr_1","data":[{"id":"data_1","index":0,"output":"token ","raw_output":"token ","inputs":{"topic":"AI"},"model_config_id":"prv_1","finish_reason":null,"tool_results":[]}],"provider_responses":[]}"#;
    let events = 20_000;
    let body: Vec<u8> = format!("data: {payload}\r\n\r\n").repeat(events).into_bytes();
    // Network-sized chunks that split lines and CRLF pairs.
    let chunks: Vec<&[u8]> = body.chunks(1371).collect();
    let baseline = median(runs, || {
        for _ in 0..events {
            let _: serde_json::Value = serde_json::from_str(payload).unwrap_or_default();
        }
    });
    let decoded = median(runs, || {
        let mut decoder = SseDecoder::new();
        let mut out = VecDeque::new();
        let mut count = 0;
        for chunk in &chunks {
            decoder.push(chunk, &mut out);
            for event in out.drain(..) {
                let _: serde_json::Value = serde_json::from_slice(&event.data).unwrap_or_default();
                count += 1;
            }
        }
        assert_eq!(count, events);
    });
    println!("stream of {events} events ({} KiB), median of {runs}:", body.len() / 1024);
    println!("  baseline: JSON of each event alone   {:>9.2?}   1.00x", baseline);
    println!("  SSE decoding + JSON of each event    {:>9.2?}  {:>5.2}x", decoded, ratio(decoded, baseline));
}

/// A YAML document of `operations` operations with one query parameter each, or with a cookie
/// parameter each instead, which the generator skips with one warning apiece.
fn document_with_parameters(operations: usize, location: &str) -> String {
    let mut text = String::from("openapi: 3.0.3\ninfo: { title: Warnings, version: '1' }\npaths:\n");
    for i in 0..operations {
        text.push_str(&format!(
            "  /items{i}:\n    get:\n      operationId: item{i}\n      description: Reads item number {i} of the collection.\n      parameters:\n        - name: session{i}\n          in: {location}\n          schema: {{ type: string }}\n      responses:\n        '200':\n          description: the item\n          content:\n            application/json:\n              schema: {{ type: object, properties: {{ id: {{ type: string }}, size: {{ type: integer }} }} }}\n"
        ));
    }
    text
}

/// The cost of diagnostics: a document with 2,000 warnings against the same document without
/// them (each warning is located by line, which must not rescan the document).
fn bench_diagnostics(runs: usize) -> Result<(), String> {
    let clean = document_with_parameters(2000, "query");
    let warned = document_with_parameters(2000, "cookie");
    let count = sdksmith::load_api("w.yaml", &warned).map_err(|_| "the document is rejected")?.1.len();
    let baseline = median(runs, || {
        let _ = sdksmith::load_api("c.yaml", &clean);
    });
    let with_warnings = median(runs, || {
        let _ = sdksmith::load_api("w.yaml", &warned);
    });
    println!("diagnostics ({} KiB document), median of {runs}:", warned.len() / 1024);
    println!("  baseline: load + resolve, no warnings {:>9.2?}   1.00x", baseline);
    let ratio = ratio(with_warnings, baseline);
    println!("  the same with {count} warnings located  {:>9.2?}  {ratio:>5.2}x", with_warnings);
    Ok(())
}

/// One large event fed to the SSE decoder a byte at a time: the time per byte of a 1 MiB event
/// against a 128 KiB one (1.00x when decoding is linear in the event's size).
fn bench_long_event(runs: usize) {
    let feed = |size: usize| {
        let body: Vec<u8> = [b"data: ".as_slice(), &vec![b'x'; size], b"\n\n"].concat();
        median(runs, || {
            let mut decoder = SseDecoder::new();
            let mut out = VecDeque::new();
            for byte in body.chunks(1) {
                decoder.push(byte, &mut out);
            }
            assert_eq!(out.len(), 1);
        })
    };
    let (small, large) = (feed(128 * 1024), feed(1024 * 1024));
    println!("one event fed a byte at a time, median of {runs}:");
    println!("  baseline: 128 KiB event                {:>9.2?}   1.00x per byte", small);
    println!("  1 MiB event                            {:>9.2?}  {:>5.2}x per byte", large, ratio(large, small) / 8.0);
}

/// Runs the benchmarks on the project's spec, `extra` documents, and a synthetic stream.
pub fn bench(extra: &[String]) -> Result<(), String> {
    if cfg!(debug_assertions) {
        eprintln!("note: debug build; run `cargo run --release -p xtask -- bench` for real figures");
    }
    let root = crate::regen::workspace_root();
    bench_generation(&root.join(crate::regen::SPEC).to_string_lossy(), 21)?;
    for path in extra {
        bench_generation(path, 5)?;
    }
    bench_diagnostics(5)?;
    bench_stream(11);
    bench_long_event(5);
    Ok(())
}
