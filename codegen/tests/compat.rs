//! API comparison on fixture pairs: the semver bump each kind of change calls for.

use codegen::compat::{bump, compare, Impact};

fn api(file: &str) -> codegen::ir::Api {
    let path = format!("{}/tests/fixtures/diff/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    codegen::load_api(file, &text).unwrap_or_else(|d| panic!("{d:?}")).0
}

#[test]
fn optional_response_field_and_enum_value_are_minor() {
    let changes = compare(&api("base.yaml"), &api("optional-response-field.yaml"));
    let text: Vec<String> = changes.iter().map(ToString::to_string).collect();
    assert_eq!(text, ["[added] enum `Color` has a new value `blue`", "[added] field `Thing.weight` added (optional)"]);
    assert_eq!(bump(&changes), Impact::Minor);
}

#[test]
fn required_request_field_is_major() {
    let changes = compare(&api("base.yaml"), &api("required-request-field.yaml"));
    assert_eq!(bump(&changes), Impact::Major);
    assert!(
        changes[0].to_string().starts_with("[breaking] field `ThingRequest.owner` added (required)"),
        "{changes:?}"
    );
}

#[test]
fn removals_are_major_and_the_same_api_is_unchanged() {
    let (base, newer) = (api("base.yaml"), api("optional-response-field.yaml"));
    assert!(compare(&base, &base).is_empty());
    let reverse = compare(&newer, &base);
    assert_eq!(bump(&reverse), Impact::Major);
    assert!(reverse.iter().any(|c| c.description == "value `blue` of enum `Color` removed"), "{reverse:?}");
}
