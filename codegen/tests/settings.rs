//! What each `Settings` switch changes in the emitted code.

use sdksmith::Settings;

const OBJECTS: &str = include_str!("fixtures/objects.yaml");

fn types_rs(settings: &Settings) -> String {
    let generated = sdksmith::generate("objects.yaml", OBJECTS, settings).expect("the fixture generates");
    generated.files["types.rs"].clone()
}

#[test]
fn unknown_fields_are_kept_by_default_and_can_be_left_out() {
    let kept = types_rs(&Settings::new("objects.yaml"));
    assert!(kept.contains("    pub extra: ::serde_json::Map<String, ::serde_json::Value>,"));
    assert!(kept.contains("extra: fields.rest(),") && kept.contains("object.rest(&self.extra);"), "{kept}");
    let ignored = types_rs(&Settings::new("objects.yaml").without_unknown_fields());
    assert!(!ignored.contains("flatten") && !ignored.contains("extra"), "{ignored}");
}
