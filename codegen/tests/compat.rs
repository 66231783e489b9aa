//! API comparison on fixture pairs: the semver bump each kind of change calls for, judged on the
//! generated Rust API.

use sdksmith::compat::{bump, compare, Impact};

fn api(file: &str) -> sdksmith::model::Crate {
    let path = format!("{}/tests/fixtures/diff/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    sdksmith::model(file, &text, &sdksmith::Settings::new(file)).unwrap_or_else(|d| panic!("{d:?}")).0
}

fn described(old: &str, new: &str) -> Vec<String> {
    compare(&api(old), &api(new)).iter().map(ToString::to_string).collect()
}

#[test]
fn optional_response_field_and_enum_value_are_minor() {
    let changes = compare(&api("base.yaml"), &api("optional-response-field.yaml"));
    let text: Vec<String> = changes.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        [
            "[added] `types::Color::Blue` added: = \"blue\"",
            "[added] `types::Thing::weight()` added: f64",
            "[added] `types::Thing::weight` added: Option<f64>",
            // The summaries rustdoc shows for them list their values and fields.
            "[docs] documentation of `types::Color` changed",
            "[docs] documentation of `types::Thing` changed",
        ]
    );
    assert_eq!(bump(&changes), Impact::Minor);
}

#[test]
fn required_request_field_is_major() {
    let text = described("base.yaml", "required-request-field.yaml");
    assert!(
        text.contains(
            &"[breaking] `types::ThingRequest::new()` changed from `(name: String)` to `(name: String, owner: String)`"
                .to_owned()
        ),
        "{text:#?}"
    );
    assert!(text.iter().any(|c| c.starts_with("[breaking] `Client::create_thing()` changed")), "{text:#?}");
}

#[test]
fn removals_are_major_and_the_same_api_is_unchanged() {
    let (base, newer) = (api("base.yaml"), api("optional-response-field.yaml"));
    assert!(compare(&base, &base).is_empty());
    let reverse = compare(&newer, &base);
    assert_eq!(bump(&reverse), Impact::Major);
    assert!(reverse.iter().any(|c| c.description == "`types::Color::Blue` removed (was = \"blue\")"), "{reverse:?}");
}

#[test]
fn renamed_identifiers_stream_events_and_boxing_are_seen_in_rust_terms() {
    let text = described("streamed-base.yaml", "renamed-and-streamed.yaml");
    let has = |wanted: &str| assert!(text.iter().any(|c| c == wanted), "{wanted} missing from {text:#?}");
    // The union member's schema was renamed: its Rust variant is a different identifier.
    has("[breaking] `types::Shape::Circle` removed (was (CircleShape))");
    // ... and a new variant of an exhaustive union breaks `match`es.
    has("[breaking] `types::Shape::Round` added: (RoundShape)");
    // The stream yields another type.
    has("[breaking] `operations::create_thing::CreateThingBuilder::stream()` changed from `-> EventStream<Thing>` to `-> EventStream<ThingDelta>`");
    // A field that closes a cycle is boxed.
    has("[added] `types::Thing::parent` added: Option<Box<Thing>>");
    assert_eq!(bump(&compare(&api("streamed-base.yaml"), &api("renamed-and-streamed.yaml"))), Impact::Major);
}
