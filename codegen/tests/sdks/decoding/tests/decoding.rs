//! Values land in the type and union member they belong to, not merely in one that parses: the
//! shapes public documents use without a `discriminator`, and nulls wherever the document allows
//! them. Every value is also checked to encode back to the same JSON.

#[path = "../../round_trip.rs"]
mod round_trip;

use fixture_sdk_decoding::types::{Contact, Error, Installation, Item, Mode, ModeEnum, Outcome, RegionSlug, Shape};
use round_trip::round_trip;
use serde_json::json;

#[test]
fn a_constant_type_decides_the_member_and_an_unseen_one_is_kept_whole() {
    let file: Item = round_trip(json!({"id": "1", "type": "file", "size": 3}));
    assert!(matches!(&file, Item::File(f) if f.size == Some(3)), "{file:?}");
    let folder: Item = round_trip(json!({"id": "2", "type": "folder"}));
    assert!(matches!(folder, Item::Folder(_)), "{folder:?}");
    // Box's case: a web link has the fields every member requires, and must not be a folder.
    let link: Item = round_trip(json!({"id": "2", "type": "web_link"}));
    assert!(matches!(&link, Item::WebLink(l) if l.id == "2"), "{link:?}");
    let later: Item = round_trip(json!({"id": "3", "type": "shortcut", "target": "1"}));
    assert_eq!(later, Item::Unknown(json!({"id": "3", "type": "shortcut", "target": "1"})));
}

#[test]
fn inline_members_are_told_apart_by_their_constant_type() {
    let missing: Error = round_trip(json!({"type": "object_not_found_error", "status": 404, "title": "No"}));
    assert!(matches!(&missing, Error::ObjectNotFound(e) if e.status == 404), "{missing:?}");
    let invalid: Error =
        round_trip(json!({"type": "invalid_parameters_error", "status": 400, "title": "Bad", "errors": [{}]}));
    assert!(matches!(&invalid, Error::InvalidParameters(e) if e.errors.len() == 1), "{invalid:?}");
    // Two members share `status: 409`: `type` still decides.
    let operation: Error = round_trip(json!({"type": "invalid_operation_error", "status": 409, "title": "No"}));
    assert!(matches!(operation, Error::InvalidOperation(_)), "{operation:?}");
    let unseen: Error = round_trip(json!({"type": "rate_limited_error", "status": 429, "title": "Slow"}));
    assert!(matches!(unseen, Error::Unknown(_)), "{unseen:?}");
}

#[test]
fn an_integer_constant_decides_the_member_too() {
    let first: Outcome = round_trip(json!({"code": 1, "ok": true}));
    assert!(matches!(first, Outcome::Code1(_)), "{first:?}");
    let second: Outcome = round_trip(json!({"code": 2, "reason": "late"}));
    assert!(matches!(&second, Outcome::Code2(o) if o.reason.as_deref() == Some("late")), "{second:?}");
    let unseen: Outcome = round_trip(json!({"code": 3}));
    assert!(matches!(unseen, Outcome::Unknown(_)), "{unseen:?}");
}

#[test]
fn members_that_differ_in_what_they_require_get_their_own_values() {
    let phone: Contact = round_trip(json!({"phone": "+1"}));
    assert!(matches!(phone, Contact::Phone(_)), "{phone:?}");
    let email: Contact = round_trip(json!({"email": "a@b.c"}));
    assert!(matches!(email, Contact::Email(_)), "{email:?}");
    // Both fit: declaration order.
    let both: Contact = round_trip(json!({"email": "a@b.c", "phone": "+1"}));
    assert!(matches!(both, Contact::Email(_)), "{both:?}");
}

#[test]
fn the_member_declaring_more_of_the_value_wins_over_the_first() {
    let square: Shape = round_trip(json!({"side": 2.5, "label": "s"}));
    assert!(matches!(square, Shape::Variant1(_)), "{square:?}");
    let circle: Shape = round_trip(json!({"radius": 1.5}));
    assert!(matches!(circle, Shape::Variant0(_)), "{circle:?}");
}

#[test]
fn a_string_the_enum_does_not_know_is_the_plain_string_member() {
    assert_eq!(round_trip::<Mode>(json!("auto")), Mode::Enum(ModeEnum::Auto));
    assert_eq!(round_trip::<Mode>(json!("gpt-9")), Mode::String("gpt-9".to_owned()));
}

#[test]
fn nulls_decode_wherever_the_document_allows_them() {
    let installation: Installation = round_trip(json!({
        "id": 1,
        "suspended_by": null,
        "owner": null,
        "reviewers": [null, {"login": "octocat"}],
        "labels": {"a": null, "b": "x"},
        "region": null,
        "level": 2
    }));
    assert_eq!(installation.suspended_by, None);
    assert_eq!(installation.owner, Some(None));
    let reviewers = installation.reviewers.expect("reviewers");
    assert_eq!(reviewers[0], None);
    assert_eq!(reviewers[1].as_ref().map(|u| u.login.as_str()), Some("octocat"));
    let labels = installation.labels.expect("labels");
    assert_eq!((labels["a"].as_deref(), labels["b"].as_deref()), (None, Some("x")));
    assert_eq!(installation.region, Some(None));
    assert_eq!(installation.level, Some(2));
}

#[test]
fn an_all_of_of_strings_is_the_string() {
    let installation: Installation = round_trip(json!({"id": 1, "suspended_by": {"login": "x"}, "region": "nyc3"}));
    assert_eq!(installation.region, Some(Some(RegionSlug::Nyc3)));
    assert_eq!(installation.suspended_by.map(|u| u.login), Some("x".to_owned()));
}
