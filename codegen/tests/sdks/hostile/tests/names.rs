//! Hostile names compile (the crate itself is the proof), keep their wire names, and requests
//! reach the URL the document means even when its path template is sloppy.

#[path = "../../../../../generated-sdk/tests/support/mod.rs"]
mod support;

use fixture_sdk_hostile::types::{Client as ClientSchema, Option, Result, Self_, Send, String, Vec};
use fixture_sdk_hostile::Client;
use support::{Reply, Server};

#[test]
fn schemas_named_like_std_items_keep_their_names_and_wire_shape() {
    let result = Result::new().ok(true).err("no");
    assert_eq!(serde_json::to_value(&result).expect("encodes"), serde_json::json!({"ok": true, "err": "no"}));
    // A property called `extra` keeps its name; the map of undeclared fields steps aside.
    let result: Result = serde_json::from_value(serde_json::json!({"extra": 1, "more": 2})).expect("decodes");
    assert_eq!((result.extra, result.extra_2["more"].as_i64()), (Some(1), Some(2)));
    let words: Vec = vec![String::from("a")];
    assert_eq!(serde_json::to_value(&words).expect("encodes"), serde_json::json!(["a"]));
    let option: Option = serde_json::from_value(serde_json::json!({"some": "x"})).expect("decodes");
    assert_eq!(option.some.as_deref(), Some("x"));
}

#[test]
fn keyword_and_case_colliding_fields_map_to_their_wire_names() {
    let value = Self_::new("upper", "lower").super_("s").crate_("c");
    let json = serde_json::to_value(&value).expect("encodes");
    assert_eq!(json, serde_json::json!({"Self": "upper", "self": "lower", "super": "s", "crate": "c"}));
    // Setters named like trait methods get `set_`, so `clone()` is still `Clone::clone`.
    let schema = ClientSchema::new().set_clone("c").send("s");
    assert_eq!(schema.clone(), schema);
    assert_eq!(serde_json::from_str::<Send>("\"Self\"").expect("decodes").as_str(), "Self");
    assert_eq!(serde_json::from_str::<Send>("\"é\"").expect("decodes").as_str(), "é");
}

#[tokio::test]
async fn operations_named_like_client_methods_still_reach_their_paths() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let client = Client::builder().base_url(&server.url).build().expect("client");
    client.clone_2().send().await.expect("clone");
    // The runtime's helpers are not methods of the client: their names stay free.
    client.send_json("upper", "lower").send().await.expect("sendJson");
    client.get_post(7, "p/1").send().await.expect("undeclared path parameter");
    client.relative().send().await.expect("path without a leading slash");
    let paths: std::vec::Vec<std::string::String> = server.recorded().iter().map(|r| r.path.clone()).collect();
    assert_eq!(paths, ["/clone", "/send-json", "/users/7/posts/p%2F1", "/relative/path"]);
}

#[test]
fn fields_named_as_the_serialisers_own_locals_round_trip() {
    let json = r#"{"deserializer":"d","field0":"a","field1":"b","fields":7,"object":"o","serializer":"s","value":"v"}"#;
    let locals: fixture_sdk_hostile::types::Locals = serde_json::from_str(json).expect("decodes");
    assert_eq!((locals.field0.as_str(), locals.fields, locals.field1.as_deref()), ("a", 7, Some("b")));
    let back = serde_json::to_value(&locals).expect("encodes");
    assert_eq!(back, serde_json::from_str::<serde_json::Value>(json).expect("json"));
}

#[tokio::test]
async fn optional_inputs_named_like_trait_methods_are_set_with_set_() {
    let server = Server::start(vec![Reply::json(204, "")]).await;
    let client = Client::builder().base_url(&server.url).build().expect("client");
    let builder = client.copy_item("i-1").set_clone(true).set_into("x");
    // `clone()` is still `Clone::clone`.
    builder.clone().send().await.expect("copy");
    let sent = &server.recorded()[0];
    assert_eq!(sent.path, "/copy?into=x");
    assert_eq!(String::from_utf8_lossy(&sent.body), r#"{"id":"i-1","clone":true}"#);
}
