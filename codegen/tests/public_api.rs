//! What a user of a generated crate can name: the client, builders, types, errors, streams and
//! configuration — and none of the runtime's plumbing (how generated code sends requests), which
//! stays private so it is not semver-bound API.

use sdksmith::Settings;

fn generated_lib() -> syn::File {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/operations.yaml");
    let text = std::fs::read_to_string(path).expect("fixture");
    let generated = sdksmith::generate("operations.yaml", &text, &Settings::new("operations.yaml")).expect("generates");
    syn::parse_file(&generated.files["lib.rs"]).expect("lib.rs parses")
}

/// The runtime's plumbing: what generated code hands the runtime.
const PLUMBING: &[&str] =
    &["RequestParts", "ErrorDecoder", "ApiInfo", "RequestOptions", "Auth", "SseDecoder", "StatusMatch"];

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '_')
}

#[test]
fn the_runtime_module_is_private_and_only_user_facing_items_are_re_exported() {
    let lib = generated_lib();
    let runtime = lib.items.iter().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == "runtime" => Some(m),
        _ => None,
    });
    assert!(runtime.is_some_and(|m| matches!(m.vis, syn::Visibility::Inherited)), "the runtime module must be private");
    let reexports: Vec<String> = lib
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Use(u) => Some(quote::quote!(#u).to_string()),
            _ => None,
        })
        .collect();
    let text = reexports.join(" ");
    for plumbing in PLUMBING.iter().chain(&["param_text", "send_json", "client_builder"]) {
        assert!(!words(&text).any(|w| w == *plumbing), "{plumbing} re-exported");
    }
    for user_facing in ["Client", "ClientBuilder", "EventStream", "Response", "TimeoutKind", "TextCollector"] {
        assert!(text.contains(user_facing), "{user_facing} missing from {text}");
    }
}

/// A public method of a re-exported type is public API, even from a private module: none may take
/// or return plumbing (as `ClientBuilder::new(&'static ApiInfo)` once did).
#[test]
fn no_public_method_of_a_user_facing_type_deals_in_plumbing() {
    let lib = generated_lib();
    let reexported: Vec<String> = lib
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Use(u) => Some(quote::quote!(#u).to_string()),
            _ => None,
        })
        .flat_map(|text| words(&text).map(str::to_owned).collect::<Vec<_>>())
        .collect();
    let mut checked = 0;
    for (name, source) in codegen_runtime_files() {
        let file = syn::parse_file(source).unwrap_or_else(|e| panic!("{name}: {e}"));
        for item in &file.items {
            let syn::Item::Impl(block) = item else { continue };
            let syn::Type::Path(ty) = block.self_ty.as_ref() else { continue };
            let Some(type_name) = ty.path.segments.last().map(|s| s.ident.to_string()) else { continue };
            if block.trait_.is_some() || !reexported.contains(&type_name) {
                continue;
            }
            for inner in &block.items {
                let syn::ImplItem::Fn(f) = inner else { continue };
                if !matches!(f.vis, syn::Visibility::Public(_)) {
                    continue;
                }
                checked += 1;
                let sig = &f.sig;
                let signature = quote::quote!(#sig).to_string();
                for plumbing in PLUMBING {
                    assert!(!words(&signature).any(|w| w == *plumbing), "{type_name}::{} uses {plumbing}", f.sig.ident);
                }
            }
        }
    }
    assert!(checked > 20, "only {checked} public methods found: is the runtime read?");
}

/// The runtime's files, as every generated crate carries them.
fn codegen_runtime_files() -> Vec<(String, &'static str)> {
    let generated = {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/operations.yaml");
        let text = std::fs::read_to_string(path).expect("fixture");
        sdksmith::generate("operations.yaml", &text, &Settings::new("operations.yaml")).expect("generates")
    };
    generated
        .files
        .into_iter()
        .filter(|(path, _)| path.starts_with("runtime/"))
        .map(|(path, text)| (path, &*Box::leak(text.into_boxed_str())))
        .collect()
}
