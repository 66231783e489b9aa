//! The SDK a build script generated works as a module: its types decode, its client calls.

use build_script_sdk::teams;

#[test]
fn the_generated_module_has_the_documents_types() {
    let user: teams::types::GetUserResponse =
        serde_json::from_value(serde_json::json!({"region": "eu"})).expect("decodes");
    assert_eq!(user.region, Some(teams::types::UserAddressRegion::Eu));
}

#[tokio::test]
async fn its_client_calls_the_operations_of_the_document() {
    // Nothing listens on port 9: the call reaches the transport and fails to connect there.
    let client = teams::Client::builder().base_url("http://127.0.0.1:9").max_retries(0).build().expect("client");
    let error = client.get_user(uuid::Uuid::nil()).send().await;
    assert!(error.expect_err("nothing listens").is_connect());
}
