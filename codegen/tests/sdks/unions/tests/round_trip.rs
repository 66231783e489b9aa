//! Unions: each untagged shape picks the right variant; tagged unions dispatch on the tag, keep
//! it on encode and keep unknown tags.

#[path = "../../round_trip.rs"]
mod support;

use fixture_sdk_unions::types::*;
use serde_json::json;
use support::round_trip;

#[test]
fn untagged_unions_pick_the_matching_shape() {
    assert_eq!(round_trip::<EnumOrObject>(json!("none")), EnumOrObject::Enum(EnumOrObjectEnum::None));
    assert!(
        matches!(round_trip::<EnumOrObject>(json!({"kind": "cat", "lives": 9})), EnumOrObject::Cat(c) if c.lives == Some(9))
    );
    assert_eq!(round_trip::<EnumOrInteger>(json!("high")), EnumOrInteger::Enum(EnumOrIntegerEnum::High));
    assert_eq!(round_trip::<EnumOrInteger>(json!(7)), EnumOrInteger::Integer(7));
    assert_eq!(round_trip::<StringOrMap>(json!("auto")), StringOrMap::String("auto".into()));
    assert!(matches!(round_trip::<StringOrMap>(json!({"name": "f"})), StringOrMap::Map(m) if m["name"] == "f"));
    assert_eq!(round_trip::<ScalarOrArray>(json!("a")), ScalarOrArray::String("a".into()));
    assert_eq!(round_trip::<ScalarOrArray>(json!(["a", "b"])), ScalarOrArray::StringList(vec!["a".into(), "b".into()]));
    assert_eq!(ScalarOrArray::from("x"), ScalarOrArray::String("x".into()));
}

#[test]
fn tagged_union_dispatches_on_mapping_and_schema_name() {
    assert!(matches!(round_trip::<Pet>(json!({"kind": "cat", "lives": 3})), Pet::Cat(c) if c.lives == Some(3)));
    // Without a mapping entry the tag is the schema's name.
    assert!(matches!(round_trip::<Pet>(json!({"kind": "Dog", "good": true})), Pet::Dog(d) if d.good == Some(true)));
}

#[test]
fn tagged_union_keeps_unknown_tags_and_writes_missing_ones() {
    let fish = json!({"kind": "fish", "fins": 2});
    assert_eq!(round_trip::<Pet>(fish.clone()), Pet::Unknown(fish));
    // Dog has no `kind` field of its own: encoding through the union adds the tag.
    let dog = Pet::from(Dog::new().good(false));
    assert_eq!(serde_json::to_value(&dog).expect("encodes"), json!({"kind": "Dog", "good": false}));
}
