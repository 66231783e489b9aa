//! A chat call. Run with `HUMANLOOP_API_KEY` set (and `HUMANLOOP_BASE_URL` to use another server).

use humanloop::types::{ChatMessageWithToolCall, ChatRole, ModelConfigChatRequest};
use humanloop::Client;

/// Runs the example; `pub` so the examples test can call it.
#[tokio::main]
pub async fn main() -> Result<(), humanloop::Error> {
    let client = Client::from_env()?;
    let messages = [
        ChatMessageWithToolCall::new(ChatRole::System).content("You are a concise assistant."),
        ChatMessageWithToolCall::new(ChatRole::User).content("What is Rust's ownership model?"),
    ];
    let response = client.chat(messages, ModelConfigChatRequest::new("gpt-4o")).project("sdk-examples").send().await?;
    for data in &response.data {
        println!("{}", data.output);
    }
    Ok(())
}
