//! Objects: presence states, big integers, maps and free-form values, recursion, awkward names.

#[path = "../../round_trip.rs"]
mod support;

use fixture_sdk_objects::types::*;
use serde_json::json;
use support::round_trip;

#[test]
#[allow(deprecated)] // `optNull` is deprecated in the fixture; users get the warning, this test reads it on purpose
fn absent_null_and_value_stay_distinct() {
    let absent: Thing = round_trip(json!({"id": 1, "name": "a", "maybe": null}));
    assert_eq!(absent.opt_null, None);
    assert_eq!(absent.maybe, None);
    let null: Thing = round_trip(json!({"id": 1, "name": "a", "maybe": "m", "optNull": null}));
    assert_eq!(null.opt_null, Some(None));
    let value: Thing = round_trip(json!({"id": 1, "name": "a", "maybe": null, "optNull": "v"}));
    assert_eq!(value.opt_null, Some(Some("v".into())));
}

#[test]
fn required_nullable_fields_must_be_present() {
    assert!(serde_json::from_value::<Thing>(json!({"id": 1, "name": "a"})).is_ok(), "absent reads as null");
    assert!(serde_json::from_value::<Thing>(json!({"name": "a", "maybe": null})).is_err(), "required id missing");
}

#[test]
fn integers_beyond_2_pow_53_survive() {
    let big: Thing = round_trip(json!({"id": 9_007_199_254_740_993_i64, "name": "a", "maybe": null}));
    assert_eq!(big.id, 9_007_199_254_740_993);
}

#[test]
fn maps_free_form_values_nested_arrays_and_recursion() {
    let thing: Thing = round_trip(json!({
        "id": 1, "name": "a", "maybe": null,
        "opt": 2.5,
        "tags": {"x": 1, "y": 2},
        "anything": [1, {"deep": null}, "s"],
        "free": {"k": {"nested": true}},
        "grid": [[1.5, 2.0], []],
        "parent": {"id": 2, "name": "p", "maybe": "m", "parent": null}
    }));
    assert_eq!(thing.tags.as_ref().map(|t| t["y"]), Some(2));
    let parent = thing.parent.clone().flatten().expect("parent");
    assert_eq!(parent.parent, Some(None));
    let tree: Tree = round_trip(json!({"children": [{"children": []}], "next": {"next": {}}}));
    assert!(tree.next.is_some());
}

#[test]
fn awkward_names_keep_their_wire_names() {
    let names: Names = round_trip(json!({
        "type": "t", "self": "s", "fooBar": "1", "foo_bar": "2", "@timestamp": "now", "2fa": true, "a.b-c": "x"
    }));
    assert_eq!(names.r#type.as_deref(), Some("t"));
    assert_eq!(names.self_.as_deref(), Some("s"));
    assert_eq!((names.foo_bar.as_deref(), names.foo_bar_2.as_deref()), (Some("1"), Some("2")));
    assert_eq!(names.n2fa, Some(true));
}

#[test]
fn builders_set_only_what_is_given() {
    let thing = Thing::new(1, "a", None).opt(1.0f32);
    assert_eq!(
        serde_json::to_value(&thing).expect("encodes"),
        json!({"id": 1, "name": "a", "maybe": null, "opt": 1.0})
    );
}
