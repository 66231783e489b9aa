//! With every feature on (the default), the crate is the whole API: every operation works, and
//! the copies of one shape are one type under each of their names.

#[path = "../../../../../generated-sdk/tests/support/mod.rs"]
mod support;

use fixture_sdk_features::types::{
    Animal, FeedAnimalRequestPortion, ListGiftCardsResponseItem, ListItemsResponseItem, ListItemsSize, Webhook,
};
use fixture_sdk_features::{Client, ErrorBody};
use support::{Reply, Server};

fn client(server: &Server) -> Client {
    Client::builder().api_key("k").base_url(&server.url).build().expect("client")
}

const ANIMAL: &str = r#"{"id":"a1","kind":{"wingspan":1.5},"diet":"herbivore","keeper":"Ann"}"#;

#[tokio::test]
async fn every_tag_and_the_untagged_operation_are_there() {
    let items = format!(r#"[{{"name":"Plush","price":{{"cents":900}},"mascot":{ANIMAL}}}]"#);
    let server = Server::start(vec![
        Reply::json(200, ANIMAL),
        Reply::json(200, &items),
        Reply::json(200, r#"{"ok":true}"#),
        Reply::json(404, r#"{"message":"no such animal"}"#),
    ])
    .await;
    let zoo = client(&server);
    let animal = zoo.get_animal("a1").send().await.expect("animal");
    assert_eq!((animal.id.as_str(), animal.extra.get("keeper")), ("a1", Some(&serde_json::json!("Ann"))));
    let listed = zoo.list_items().size(ListItemsSize::Large).send().await.expect("items");
    assert_eq!(listed[0].mascot.as_ref(), Some(&animal));
    assert!(zoo.health().send().await.expect("health").ok);
    let missing = zoo.get_animal("zz").send().await.expect_err("404");
    assert!(matches!(missing.body(), Some(ErrorBody::Missing(m)) if m.message.as_deref() == Some("no such animal")));
    let sent = server.recorded();
    assert_eq!(sent[1].path, "/shop/items?size=large");
}

#[test]
fn copies_of_one_shape_are_one_type_under_each_name() {
    // The query parameter's enum and the request body's are the same type.
    let size: ListItemsSize = FeedAnimalRequestPortion::Small;
    assert_eq!(size.as_str(), "small");
    let item: ListItemsResponseItem =
        serde_json::from_str(r#"{"name":"Card","price":{"cents":2500}}"#).expect("an item");
    let card: ListGiftCardsResponseItem = item.clone();
    assert_eq!(card, item);
}

#[test]
fn a_type_no_operation_uses_is_compiled_by_its_own_feature() {
    let hook: Webhook = serde_json::from_str(&format!(r#"{{"event":"born","animal":{ANIMAL}}}"#)).expect("a webhook");
    let animal: &Animal = hook.animal.as_ref().expect("the animal");
    assert_eq!(animal.id, "a1");
    assert_eq!(serde_json::to_value(&hook).expect("written")["animal"]["keeper"], "Ann");
}
