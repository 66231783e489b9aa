// Request builders only have setters for fields the API accepts.
fn main() {
    let client = humanloop::Client::new("key");
    let _ = client.completion_model_config("prv_1").temperature_typo(0.5);
}
