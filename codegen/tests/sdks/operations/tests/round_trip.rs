//! Operations: the client reads its own environment variables and builds requests for every
//! parameter location (checked at compile time by calling each builder).

use fixture_sdk_operations::types::Pet;
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

#[test]
fn builders_take_required_inputs_as_arguments() {
    let client = Client::new("k");
    #[allow(deprecated)]
    let _get = client.get_pet("pet 1", "trace-1").fields(vec!["name".to_owned()]);
    let _post = client.post_pets("Rex");
    let _delete = client.delete_all().max_retries(0);
    let _: Option<Pet> = None;
}
