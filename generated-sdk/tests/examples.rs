//! The examples in `examples/` run against a local server through `HUMANLOOP_API_KEY` and
//! `HUMANLOOP_BASE_URL`, exactly as a user would point them at any server, and succeed.

mod support;

#[path = "../examples/chat.rs"]
mod chat;
#[path = "../examples/errors.rs"]
mod errors;
#[path = "../examples/stream_completion.rs"]
mod stream_completion;

use support::{Reply, Server};

const CHAT: &str = r#"{"data":[{"id":"data_1","index":0,"output":"Ownership!","raw_output":"Ownership!","model_config_id":"prv_1","output_message":{"role":"assistant","content":"Ownership!"}}],"provider_responses":[]}"#;

/// One test, so the environment variables it sets are not raced by another.
#[test]
fn examples_run_against_the_configured_server() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let chunk = r#"data: {"data":[{"id":"d","index":0,"output":"Once","raw_output":"Once","inputs":{},"model_config_id":"p"}],"provider_responses":[]}"#;
    let server = runtime.block_on(Server::start(vec![
        Reply::json(200, CHAT),
        Reply::sse(vec![format!("{chunk}\n\n").into_bytes()]),
        Reply::json(422, r#"{"detail":[{"loc":["body","model_config_id"],"msg":"not found","type":"value_error"}]}"#),
    ]));
    std::env::set_var("HUMANLOOP_API_KEY", "hl-example-key");
    std::env::set_var("HUMANLOOP_BASE_URL", &server.url);

    chat::main().expect("chat example succeeds");
    stream_completion::main().expect("streaming example succeeds");
    errors::main();

    let seen: Vec<String> = server.recorded().iter().map(|r| format!("{} {}", r.method, r.path)).collect();
    assert_eq!(seen, ["POST /chat", "POST /completion", "POST /completion-model-config"]);
    assert!(server.recorded().iter().all(|r| r.header("x-api-key") == Some("hl-example-key")));
}
