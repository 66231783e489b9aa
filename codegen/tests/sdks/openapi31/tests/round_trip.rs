//! OpenAPI 3.1: `type` lists with null, `const`, unions of types, tuples, `$ref` with siblings.

#[path = "../../round_trip.rs"]
mod support;

use fixture_sdk_openapi31::types::*;
use serde_json::json;
use support::round_trip;

#[test]
fn type_lists_const_and_tuples_round_trip() {
    let item: Item = round_trip(
        json!({"kind": "item", "value": null, "count": null, "either": 3, "pair": ["a", 1], "link": {"href": "https://x"}}),
    );
    assert_eq!(item.kind, ItemKind::Item);
    assert_eq!(item.count, Some(None));
    assert_eq!(item.either, Some(ItemEither::Integer(3)));
    let item: Item = round_trip(json!({"kind": "item", "value": "v", "either": "s"}));
    assert_eq!(item.value.as_deref(), Some("v"));
    assert_eq!(item.either, Some(ItemEither::String("s".into())));
}

#[test]
fn constants_fill_themselves_in() {
    let item = Item::new("v".to_owned());
    assert_eq!(serde_json::to_value(&item).expect("encodes"), json!({"kind": "item", "value": "v"}));
}
