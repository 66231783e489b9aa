//! The model is the crate: the public items of every generated fixture crate (and the humanloop
//! crate), read back from the printed source with syn (`surface_of_source`), are exactly the items
//! the model's surface lists — types, fields, constructors, setters, variants, trait impls, client
//! methods, builder methods, `ErrorBody` variants and root re-exports. What `compat` compares is
//! therefore what ships.

use sdksmith::model::{ItemKind, Surface};
use sdksmith::Settings;
use std::collections::BTreeSet;

/// Methods every builder has besides its setters (the reserved builder names).
const BUILDER_METHODS: &[&str] = &[
    "timeout",
    "attempt_timeout",
    "max_retries",
    "header",
    "body_field",
    "send",
    "send_with_response",
    "send_raw",
    "stream",
    "stream_raw",
];

/// Paths both the model's surface and the printed source list: not the runtime's types, the
/// constant methods of every builder and client, trait impls of enums (a macro writes those) or
/// features and error tables (data, not items).
fn comparable(surface: &Surface, reexported: &[String], enums: &[String]) -> BTreeSet<String> {
    surface
        .items
        .iter()
        .filter(|(path, item)| {
            let owner = path.split([':', ' ']).next().unwrap_or("");
            let method = path.rsplit("::").next().unwrap_or("").trim_end_matches("()");
            let constant_builder_method = path.starts_with("operations::")
                && BUILDER_METHODS.contains(&method)
                && !["send", "stream"].contains(&method);
            let client_constructor = owner == "Client" && ["new", "builder", "from_env"].contains(&method);
            // The runtime's types (and the generic `error::Error`) are the runtime's API, not the model's.
            let runtime_type =
                item.kind != ItemKind::ReExport && (owner == "Error" || reexported.iter().any(|r| r == owner));
            let enum_impl = item.kind == ItemKind::Impl && enums.iter().any(|e| path.starts_with(&format!("{e}: ")));
            !matches!(item.kind, ItemKind::Feature)
                && !path.contains("::errors[")
                && !constant_builder_method
                && !client_constructor
                && !runtime_type
                && !enum_impl
        })
        .map(|(path, _)| path.clone())
        .collect()
}

fn check(name: &str, text: &str, settings: &Settings) {
    let (model, _) = sdksmith::model(name, text, settings).unwrap_or_else(|d| panic!("{d:?}"));
    let generated = sdksmith::generate(name, text, settings).unwrap_or_else(|d| panic!("{d:?}"));
    let printed = sdksmith::model::surface_of_source(&generated.files).unwrap_or_else(|e| panic!("{name}: {e}"));
    let enums: Vec<String> = model
        .types
        .iter()
        .filter(|t| matches!(t.body, sdksmith::model::TypeBody::Enum(_)))
        .map(|t| format!("types::{}", t.name))
        .collect();
    let printed = comparable(&printed, &model.reexports, &enums);
    let modelled = comparable(&model.surface(), &model.reexports, &enums);
    let missing: Vec<&String> = modelled.difference(&printed).collect();
    let unlisted: Vec<&String> = printed.difference(&modelled).collect();
    assert!(
        missing.is_empty() && unlisted.is_empty(),
        "{name}: in the model only: {missing:#?}\nin the crate only: {unlisted:#?}"
    );
}

#[test]
fn every_fixture_crate_offers_exactly_what_its_model_lists() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).expect("fixtures").flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let name = format!("fixtures/{}", entry.file_name().to_string_lossy());
        let text = std::fs::read_to_string(&path).expect("fixture");
        check(&name, &text, &Settings::new(&name));
        check(&name, &text, &Settings::new(&name).with_tag_features());
        checked += 1;
    }
    assert!(checked >= 11, "{checked} fixtures");
    // And as each fixture crate's config has it: renames, overrides, selection, types only.
    let sdks = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/sdks");
    for entry in std::fs::read_dir(sdks).expect("fixture crates").flatten() {
        let config = entry.path().join("sdksmith.toml");
        if !config.is_file() {
            continue;
        }
        let project = sdksmith::project::Project::load(&config).unwrap_or_else(|e| panic!("{e}"));
        let plan = project.plan().unwrap_or_else(|d| panic!("{d:?}"));
        let settings = project.settings().unwrap_or_else(|e| panic!("{e}"));
        check(&plan.document.0, &plan.document.1, &settings);
    }
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/humanloop.yaml");
    let text = std::fs::read_to_string(spec).expect("the humanloop document");
    check("spec/humanloop.yaml", &text, &Settings::new("spec/humanloop.yaml"));
}

/// `ToolCall::new(id, function)` fills its constant `type` itself: when the document gives that
/// property a second value, `new` takes it as an argument — which breaks every caller.
#[test]
fn a_constructor_that_gains_an_argument_is_a_breaking_change() {
    let base = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    ToolCall:\n      type: object\n      required: [id, type]\n      properties:\n        id: {type: string}\n        type: {type: string, enum: [function]}\n";
    let grown = base.replace("enum: [function]", "enum: [function, custom]");
    let settings = Settings::new("t.yaml");
    let (old, _) = sdksmith::model("t.yaml", base, &settings).expect("old");
    let (new, _) = sdksmith::model("t.yaml", &grown, &settings).expect("new");
    let changes = sdksmith::compat::compare(&old, &new);
    let text: Vec<String> = changes.iter().map(ToString::to_string).collect();
    assert!(
        text.contains(
            &"[breaking] `types::ToolCall::new()` changed from `(id: String)` to `(id: String, type: ToolCallType)`"
                .to_owned()
        ),
        "{text:#?}"
    );
    assert_eq!(sdksmith::compat::bump(&changes), sdksmith::compat::Impact::Major);
}
