//! Open string enums: every wire value maps to a valid variant and back; unknown values survive.

#[path = "../../round_trip.rs"]
mod support;

use fixture_sdk_enums::types::Size;
use serde_json::json;
use support::round_trip;

#[test]
fn known_values_keep_their_wire_form() {
    let cases = [
        ("gpt-4o", Size::Gpt4o),
        ("1024x1024", Size::V1024x1024),
        ("foo bar", Size::FooBar),
        ("3d", Size::V3d),
        ("UPPER_CASE", Size::UpperCase),
        ("", Size::Empty),
        ("unknown", Size::Unknown2),
        ("Foo-Bar", Size::FooBar2),
        ("foo_bar", Size::FooBar3),
    ];
    for (wire, variant) in cases {
        assert_eq!(round_trip::<Size>(json!(wire)), variant, "{wire}");
        assert_eq!(variant.as_str(), wire);
        assert_eq!(variant.to_string(), wire);
    }
}

#[test]
fn unknown_values_are_kept_and_sent_back() {
    assert_eq!(round_trip::<Size>(json!("gpt-5")), Size::Unknown("gpt-5".into()));
    assert_eq!("gpt-5".parse::<Size>(), Ok(Size::Unknown("gpt-5".into())));
    assert_eq!(Size::from("gpt-4o".to_owned()), Size::Gpt4o);
}
