//! What a user of a generated crate sees in its docs: the client, builders, types, errors,
//! streams and configuration, and none of the runtime's plumbing (how generated code sends
//! requests), which stays `#[doc(hidden)]`.

use codegen::Settings;

/// Whether an item's attributes include `#[doc(hidden)]`.
fn hidden(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("doc") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "hidden"))
}

fn generated_lib() -> syn::File {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/operations.yaml");
    let text = std::fs::read_to_string(path).expect("fixture");
    let generated = codegen::generate("operations.yaml", &text, &Settings::new("operations.yaml")).expect("generates");
    syn::parse_file(&generated.files["lib.rs"]).expect("lib.rs parses")
}

#[test]
fn the_runtime_module_is_hidden_and_only_user_facing_items_are_re_exported() {
    let lib = generated_lib();
    let runtime = lib.items.iter().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == "runtime" => Some(m),
        _ => None,
    });
    assert!(runtime.is_some_and(|m| hidden(&m.attrs)), "the runtime module must be #[doc(hidden)]");
    let reexports: Vec<String> = lib
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Use(u) => Some(quote::quote!(#u).to_string()),
            _ => None,
        })
        .collect();
    let text = reexports.join(" ");
    for plumbing in ["RequestParts", "ErrorDecoder", "ApiInfo", "RequestOptions", "Auth", "param_text", "SseDecoder"] {
        assert!(
            !text.split(|c: char| !c.is_alphanumeric() && c != '_').any(|w| w == plumbing),
            "{plumbing} re-exported"
        );
    }
    for user_facing in ["Client", "ClientBuilder", "EventStream", "Response", "TimeoutKind", "TextCollector"] {
        assert!(text.contains(user_facing), "{user_facing} missing from {text}");
    }
}

#[test]
fn the_runtime_clients_plumbing_methods_are_hidden() {
    let source = include_str!("../runtime/src/runtime/client.rs");
    let file = syn::parse_file(source).expect("the runtime parses");
    // What a user calls on a client; everything else public is for generated code.
    let user_facing = ["base_url"];
    for item in &file.items {
        let syn::Item::Impl(block) = item else { continue };
        let syn::Type::Path(ty) = block.self_ty.as_ref() else { continue };
        if block.trait_.is_some() || !ty.path.is_ident("Client") {
            continue;
        }
        for inner in &block.items {
            let syn::ImplItem::Fn(f) = inner else { continue };
            let public = matches!(f.vis, syn::Visibility::Public(_));
            let name = f.sig.ident.to_string();
            if public && !user_facing.contains(&name.as_str()) {
                assert!(hidden(&f.attrs), "Client::{name} is public plumbing without #[doc(hidden)]");
            }
        }
    }
}
