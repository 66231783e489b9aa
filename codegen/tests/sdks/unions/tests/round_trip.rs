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

#[test]
fn a_union_inside_all_of_keeps_the_shared_fields_and_the_member() {
    let event: PetEvent = round_trip(json!({"stream_id": "s1", "kind": "cat", "lives": 9, "new_field": true}));
    assert_eq!(event.stream_id.as_deref(), Some("s1"));
    match &event.kind {
        PetEventKind::Cat(cat) => {
            assert_eq!(cat.lives, Some(9));
            assert_eq!(cat.extra["new_field"], true, "unknown fields reach the member");
            assert!(!cat.extra.contains_key("stream_id"), "a shared field is not the member's too");
        }
        other => panic!("not a cat: {other:?}"),
    }
    let dog: PetEvent = round_trip(json!({"good": true}));
    assert!(matches!(dog.kind, PetEventKind::Dog(_)) && dog.stream_id.is_none());
    // Built in code: the struct's own fields are written over the member's.
    let built = PetEvent::new(Dog::new().good(false)).stream_id("s2");
    assert_eq!(serde_json::to_value(&built).expect("encodes"), json!({"good": false, "stream_id": "s2"}));
}

#[test]
fn a_union_beside_properties_takes_the_member_that_fits() {
    let card: Payment = round_trip(json!({"amount": 5, "card": "4242"}));
    assert!(matches!(&card.kind, PaymentKind::Card(v) if v.card == "4242"));
    let iban: Payment = round_trip(json!({"amount": 7, "iban": "DE00"}));
    assert!(matches!(&iban.kind, PaymentKind::Iban(v) if v.iban == "DE00"));
    assert!(serde_json::from_value::<Payment>(json!({"amount": 1})).is_err(), "one of the members must fit");
}

#[test]
fn a_tag_the_object_also_declares_still_picks_the_member() {
    let cat: PetRef = round_trip(json!({"kind": "cat", "lives": 9}));
    assert!(matches!(&cat.kind, PetRefKind::Cat(c) if c.lives == Some(9)), "{cat:?}");
    let dog: PetRef = round_trip(json!({"kind": "dog", "good": true}));
    assert!(matches!(&dog.kind, PetRefKind::Dog(d) if d.good == Some(true)), "{dog:?}");
}

#[test]
fn a_constant_the_object_also_declares_picks_the_member_whatever_the_schema_order() {
    let dog: Adoption = round_trip(json!({"kind": "dog", "good": true}));
    assert!(matches!(&dog.kind, AdoptionKind::Dog(d) if d.good == Some(true)), "{dog:?}");
    let cat: Adoption = round_trip(json!({"kind": "cat", "lives": 3}));
    assert!(matches!(&cat.kind, AdoptionKind::Cat(c) if c.lives == Some(3)), "{cat:?}");
}

#[test]
fn constraint_and_annotation_parts_add_no_shape() {
    let image: ImageRef = round_trip(json!({"file_id": "f1"}));
    assert_eq!(image.file_id.as_deref(), Some("f1"));
    let owner: Owner = round_trip(json!({"pet": "none", "favourite": {"kind": "cat"}}));
    assert!(matches!(owner.pet, Some(EnumOrObject::Enum(_))));
    assert!(matches!(owner.favourite, Some(EnumOrObject::Cat(_))));
}

#[test]
fn a_cycle_through_a_flattened_union_is_boxed() {
    let node: Node = round_trip(json!({"id": "a", "child": {"id": "b", "leaf": true}}));
    let NodeKind::Child(child) = &node.kind else { panic!("{node:?}") };
    assert!(matches!(&child.child.kind, NodeKind::Leaf(l) if l.leaf));
    assert_eq!(child.child.id.as_deref(), Some("b"));
}
