//! A streamed completion, printed token by token as it arrives.

use futures_util::StreamExt;
use humanloop::types::ModelConfigCompletionRequest;
use humanloop::{Client, TextDeltas};
use std::io::Write;

/// Runs the example; `pub` so the examples test can call it.
#[tokio::main]
pub async fn main() -> Result<(), humanloop::Error> {
    let client = Client::from_env()?;
    let config = ModelConfigCompletionRequest::new("gpt-3.5-turbo-instruct")
        .prompt_template("Tell a short story about {{topic}}.");
    let inputs = [("topic".to_owned(), serde_json::json!("a lighthouse"))]
        .into_iter()
        .collect::<std::collections::BTreeMap<_, _>>();
    let mut stream = client.completion(config).project("sdk-examples").inputs(inputs).stream().await?;
    let mut out = std::io::stdout();
    while let Some(chunk) = stream.next().await {
        for (_, text) in chunk?.text_deltas() {
            let _ = write!(out, "{text}");
            let _ = out.flush();
        }
    }
    println!();
    Ok(())
}
