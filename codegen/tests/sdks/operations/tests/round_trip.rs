//! Operations: the client reads its own environment variables and builds requests for every
//! parameter location (checked at compile time by calling each builder).

use fixture_sdk_operations::Client;

#[test]
fn client_reads_the_documents_environment_variables() {
    // One test touches the environment, so no other test races it.
    std::env::set_var("PETS_API_KEY", "k");
    std::env::set_var("PETS_BASE_URL", "http://127.0.0.1:9");
    let client = Client::from_env().expect("configured");
    assert_eq!(client.base_url(), "http://127.0.0.1:9");
    std::env::remove_var("PETS_API_KEY");
    assert!(Client::from_env().is_err(), "the key is required");
    assert_eq!(Client::new("k").base_url(), "https://pets.example.com/v1");
}

/// Compile-time API check: required inputs are arguments, optional ones setters.
#[test]
fn builders_take_required_inputs_as_arguments() {
    let client = Client::new("k");
    #[allow(deprecated)]
    let get = client.get_pet("pet 1", "trace-1").fields(vec!["name".to_owned()]);
    let post = client.post_pets("Rex");
    let delete = client.delete_all().max_retries(0);
    // Builders hold their client and print without the key.
    for printed in [format!("{get:?}"), format!("{post:?}"), format!("{delete:?}")] {
        assert!(printed.contains("[REDACTED]") && !printed.contains("\"k\""), "{printed}");
    }
}
