//! Colliding names still compile, and each input goes where its wire name says.

use fixture_sdk_collisions::types::{Option, String};
use fixture_sdk_collisions::Client;

#[test]
fn parameter_and_body_field_of_one_name_are_both_settable() {
    let client = Client::new("k");
    // Body fields keep their names; the path `id` and query `limit` become `id_2` and `limit_2`.
    let _request = client.update_item("path-id", "body-id").limit(1).limit_2(2).timeout_2(5).send_2(true);
    let value: String = "x".to_owned();
    let option = Option::new().name(value);
    assert_eq!(serde_json::to_value(&option).expect("encodes"), serde_json::json!({"name": "x"}));
}

#[test]
fn inline_types_are_named_after_the_component_that_writes_them() {
    use fixture_sdk_collisions::types::{Pet, PetOwner, PetOwnerAddress};
    // `Pet` merges `PetOwner`'s `address`: one type, named after `PetOwner`, not `Pet`.
    let pet = Pet::new().address(PetOwnerAddress::new().city("Oslo")).name("Rex");
    let owner = PetOwner::new().address(PetOwnerAddress::new());
    assert_eq!(pet.address.and_then(|a| a.city).as_deref(), Some("Oslo"));
    assert!(owner.address.is_some());
}
