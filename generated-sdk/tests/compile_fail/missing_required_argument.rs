// A required body field is an argument: leaving out `model_config` does not compile.
use humanloop::types::{ChatMessageWithToolCall, ChatRole};

fn main() {
    let client = humanloop::Client::new("key");
    let _ = client.chat([ChatMessageWithToolCall::new(ChatRole::User)]);
}
