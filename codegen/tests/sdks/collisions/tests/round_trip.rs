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
