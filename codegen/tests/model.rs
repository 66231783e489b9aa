//! The model is the crate: the public items of every generated fixture crate (and the humanloop
//! crate), read back from the printed source with syn, are exactly the items the model's surface
//! lists — types, fields, constructors, setters, variants, client methods, builder methods,
//! `ErrorBody` variants and root re-exports. What `compat` compares is therefore what ships.

use codegen::model::{ItemKind, Surface};
use codegen::Settings;
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

/// The public items syn finds in a crate's `src/` files, as surface paths.
fn printed_items(files: &std::collections::BTreeMap<String, String>) -> (BTreeSet<String>, Vec<String>) {
    let mut items = BTreeSet::new();
    let mut builder_methods = Vec::new();
    for (path, text) in files.iter().filter(|(path, _)| !path.starts_with("runtime/")) {
        let file = syn::parse_file(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let module = match path.as_str() {
            "types.rs" => "types::".to_owned(),
            other => match other.strip_prefix("operations/").and_then(|p| p.strip_suffix(".rs")) {
                Some("mod") | None => String::new(),
                Some(module) => format!("operations::{module}::"),
            },
        };
        for item in &file.items {
            match item {
                syn::Item::Struct(s) if is_pub(&s.vis) => {
                    let name = format!("{module}{}", s.ident);
                    for field in s.fields.iter().filter(|f| is_pub(&f.vis)) {
                        let field = field.ident.as_ref().map(ToString::to_string).unwrap_or_default();
                        items.insert(format!("{name}::{field}"));
                    }
                    if module.starts_with("types") {
                        items.insert(name);
                    }
                }
                syn::Item::Enum(e) if is_pub(&e.vis) && module.starts_with("types") => {
                    let name = format!("{module}{}", e.ident);
                    for variant in &e.variants {
                        items.insert(format!("{name}::{}", variant.ident));
                    }
                    items.insert(name);
                }
                syn::Item::Enum(e) if is_pub(&e.vis) && e.ident == "ErrorBody" => {
                    for variant in &e.variants {
                        items.insert(format!("ErrorBody::{}", variant.ident));
                    }
                }
                syn::Item::Type(t) if is_pub(&t.vis) && module.starts_with("types") => {
                    items.insert(format!("{module}{}", t.ident));
                }
                syn::Item::Use(u) if is_pub(&u.vis) => {
                    let text = quote::quote!(#u).to_string();
                    let names = text.split(['{', '}']).nth(1).unwrap_or("").to_owned();
                    items.extend(names.split(',').map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()));
                }
                syn::Item::Impl(block) if block.trait_.is_none() => {
                    let ty = &block.self_ty;
                    let self_ty = quote::quote!(#ty).to_string().replace(' ', "");
                    let owner = match self_ty.as_str() {
                        "crate::runtime::Client" => "Client".to_owned(),
                        name => format!("{module}{name}"),
                    };
                    for inner in &block.items {
                        let syn::ImplItem::Fn(f) = inner else { continue };
                        if !is_pub(&f.vis) {
                            continue;
                        }
                        let method = f.sig.ident.to_string();
                        match owner.as_str() {
                            // The constructors every crate's client has.
                            "Client" if ["new", "builder", "from_env"].contains(&method.as_str()) => {}
                            _ if module.starts_with("operations") && BUILDER_METHODS.contains(&method.as_str()) => {
                                builder_methods.push(method.clone());
                                if method == "send" || method == "stream" {
                                    items.insert(format!("{owner}::{method}()"));
                                }
                            }
                            _ => {
                                items.insert(format!("{owner}::{method}()"));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    (items, builder_methods)
}

fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

/// The surface's paths that syn can see in the source: not trait impls, features or the
/// error tables of operations (data, not items).
fn model_items(surface: &Surface) -> BTreeSet<String> {
    surface
        .items
        .iter()
        .filter(|(path, item)| !matches!(item.kind, ItemKind::Impl | ItemKind::Feature) && !path.contains("::errors["))
        .map(|(path, _)| path.clone())
        .collect()
}

fn check(name: &str, text: &str, settings: &Settings) {
    let (model, _) = codegen::model(name, text, settings).unwrap_or_else(|d| panic!("{d:?}"));
    let generated = codegen::generate(name, text, settings).unwrap_or_else(|d| panic!("{d:?}"));
    let (printed, _) = printed_items(&generated.files);
    let modelled = model_items(&model.surface());
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
    let (old, _) = codegen::model("t.yaml", base, &settings).expect("old");
    let (new, _) = codegen::model("t.yaml", &grown, &settings).expect("new");
    let changes = codegen::compat::compare(&old, &new);
    let text: Vec<String> = changes.iter().map(ToString::to_string).collect();
    assert!(
        text.contains(
            &"[breaking] `types::ToolCall::new()` changed from `(id: String)` to `(id: String, type: ToolCallType)`"
                .to_owned()
        ),
        "{text:#?}"
    );
    assert_eq!(codegen::compat::bump(&changes), codegen::compat::Impact::Major);
}
