//! The SDK a build script generated works as a module: its types decode, its client calls.

use build_script_sdk::teams;

#[test]
fn the_generated_module_has_the_documents_types() {
    let user: teams::types::GetUserResponse =
        serde_json::from_value(serde_json::json!({"region": "eu"})).expect("decodes");
    assert_eq!(user.region, Some(teams::types::UserAddressRegion::Eu));
}

#[test]
fn its_client_builds_with_the_documents_base_url() {
    let client = teams::Client::builder().base_url("http://127.0.0.1:9").build().expect("client");
    assert_eq!(client.base_url(), "http://127.0.0.1:9");
}
