//! The public items of a generated crate read from its printed source (with syn): what really
//! ships, whichever generator and runtime printed it. Comparing the source surfaces of two
//! releases sees what comparing models cannot — a change the generator or the runtime made to
//! the crate while the document stayed the same. Paths are those of [`Crate::surface`]
//! (`types::Pet::name`, `Client::get_pet()`), so the two can be held against each other.
//!
//! [`Crate::surface`]: super::Crate::surface

use super::{ItemKind, Surface, SurfaceItem};
use quote::ToTokens;
use std::collections::BTreeMap;

/// Every public item of the crate whose `src/` files (by path relative to `src/`) are `files`.
pub fn surface_of_source(files: &BTreeMap<String, String>) -> Result<Surface, String> {
    let parsed: BTreeMap<&str, syn::File> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".rs"))
        .map(|(path, text)| syn::parse_file(text).map(|file| (path.as_str(), file)).map_err(|e| format!("{path}: {e}")))
        .collect::<Result<_, _>>()?;
    let mut surface = Surface::default();
    let mut reexported = Vec::new();
    for (path, file) in &parsed {
        match module_of(path) {
            Module::Root => root_items(file, &mut surface, &mut reexported),
            Module::Types => items_of(file, "types::", &mut surface),
            Module::Operation(module) => items_of(file, &format!("operations::{module}::"), &mut surface),
            Module::Client => items_of(file, "", &mut surface),
            Module::Runtime | Module::Other => {}
        }
    }
    // What the root re-exports from the runtime is public API too: its methods and variants.
    for file in parsed.iter().filter(|(path, _)| path.starts_with("runtime/")).map(|(_, file)| file) {
        runtime_items(file, &reexported, &mut surface);
    }
    Ok(surface)
}

enum Module<'p> {
    Root,
    Types,
    Client,
    Operation(&'p str),
    Runtime,
    Other,
}

fn module_of(path: &str) -> Module<'_> {
    match path {
        "lib.rs" => Module::Root,
        "types.rs" => Module::Types,
        "client.rs" => Module::Client,
        _ if path.starts_with("runtime/") => Module::Runtime,
        _ => match path.strip_prefix("operations/").and_then(|p| p.strip_suffix(".rs")) {
            Some("mod") | None => Module::Other,
            Some(module) => Module::Operation(module),
        },
    }
}

fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

/// Tokens as compact text (`Option<Vec<crate::types::Pet>>`).
fn text(tokens: &impl ToTokens) -> String {
    tokens.to_token_stream().to_string().replace(' ', "")
}

fn add(surface: &mut Surface, path: String, kind: ItemKind, signature: String) {
    surface.items.insert(path, SurfaceItem { kind, signature, docs: Vec::new() });
}

fn is_non_exhaustive(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("non_exhaustive"))
}

/// The derives listed on an item.
fn derives(attrs: &[syn::Attribute]) -> Vec<String> {
    let mut names = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let _ = attr.parse_nested_meta(|meta| {
            if let Some(last) = meta.path.segments.last() {
                names.push(last.ident.to_string());
            }
            Ok(())
        });
    }
    names
}

/// `lib.rs`: the root re-exports and `ErrorBody`.
fn root_items(file: &syn::File, surface: &mut Surface, reexported: &mut Vec<String>) {
    for item in &file.items {
        match item {
            // The client module's own types (`Server`) are read from `client.rs`.
            syn::Item::Use(u) if is_pub(&u.vis) && !is_from(&u.tree, "client") => {
                let names = use_names(&u.tree);
                for name in &names {
                    add(surface, name.clone(), ItemKind::ReExport, "re-exported from the runtime".into());
                }
                reexported.extend(names);
            }
            syn::Item::Mod(m) if is_pub(&m.vis) => {
                // `error` re-exports the generic error type.
                for inner in m.content.iter().flat_map(|(_, items)| items) {
                    if let syn::Item::Use(u) = inner {
                        reexported.extend(use_names(&u.tree));
                    }
                }
            }
            syn::Item::Enum(e) if is_pub(&e.vis) => {
                for variant in &e.variants {
                    add(surface, format!("{}::{}", e.ident, variant.ident), ItemKind::ErrorBody, text(&variant.fields));
                }
            }
            _ => {}
        }
    }
}

/// Whether a `use` tree starts at `module`.
fn is_from(tree: &syn::UseTree, module: &str) -> bool {
    matches!(tree, syn::UseTree::Path(p) if p.ident == module)
}

/// The names a `use` tree brings in (its last segments).
fn use_names(tree: &syn::UseTree) -> Vec<String> {
    match tree {
        syn::UseTree::Path(p) => use_names(&p.tree),
        syn::UseTree::Name(n) => vec![n.ident.to_string()],
        syn::UseTree::Rename(r) => vec![r.rename.to_string()],
        syn::UseTree::Group(g) => g.items.iter().flat_map(use_names).collect(),
        syn::UseTree::Glob(_) => Vec::new(),
    }
}

/// The public items of `types.rs`, an operation's module or `client.rs`, under `prefix`.
fn items_of(file: &syn::File, prefix: &str, surface: &mut Surface) {
    for item in &file.items {
        match item {
            syn::Item::Struct(s) if is_pub(&s.vis) => {
                let name = format!("{prefix}{}", s.ident);
                for field in s.fields.iter().filter(|f| is_pub(&f.vis)) {
                    let field_name = field.ident.as_ref().map(ToString::to_string).unwrap_or_default();
                    add(surface, format!("{name}::{field_name}"), ItemKind::Field, text(&field.ty));
                }
                for derive in derives(&s.attrs) {
                    add(surface, format!("{name}: {derive}"), ItemKind::Impl, "impl".into());
                }
                let exhaustive = if is_non_exhaustive(&s.attrs) { "struct, non_exhaustive" } else { "struct" };
                add(surface, name, ItemKind::Type, exhaustive.into());
            }
            syn::Item::Enum(e) if is_pub(&e.vis) => {
                let name = format!("{prefix}{}", e.ident);
                let open = is_non_exhaustive(&e.attrs);
                let kind = if open { ItemKind::OpenVariant } else { ItemKind::Variant };
                for variant in &e.variants {
                    add(surface, format!("{name}::{}", variant.ident), kind, text(&variant.fields));
                }
                for derive in derives(&e.attrs) {
                    add(surface, format!("{name}: {derive}"), ItemKind::Impl, "impl".into());
                }
                add(surface, name, ItemKind::Type, if open { "enum, non_exhaustive" } else { "enum" }.into());
            }
            syn::Item::Type(t) if is_pub(&t.vis) => {
                add(surface, format!("{prefix}{}", t.ident), ItemKind::Type, format!("= {}", text(&t.ty)));
            }
            syn::Item::Impl(block) => impl_items(block, prefix, surface),
            _ => {}
        }
    }
}

/// The public methods of an inherent impl, or the trait a trait impl implements.
fn impl_items(block: &syn::ItemImpl, prefix: &str, surface: &mut Surface) {
    let self_ty = text(&block.self_ty);
    let owner = match self_ty.as_str() {
        "crate::runtime::Client" => "Client".to_owned(),
        // An impl written outside its type's module names it by path.
        name if name.starts_with("crate::") => name.trim_start_matches("crate::").to_owned(),
        name => format!("{prefix}{name}"),
    };
    if let Some((_, trait_path, _)) = &block.trait_ {
        // The trait as a user names it: `From<Pet>`, `Default`, `Serialize`.
        let name = trait_path
            .segments
            .last()
            .map(text)
            .unwrap_or_default()
            .replace("<::", "<")
            .replace("<'de>", "")
            .replace("crate::runtime::", "")
            .replace("crate::types::", "")
            .replace("std::collections::", "");
        add(surface, format!("{owner}: {name}"), ItemKind::Impl, "impl".into());
        return;
    }
    for inner in &block.items {
        let syn::ImplItem::Fn(f) = inner else { continue };
        if !is_pub(&f.vis) {
            continue;
        }
        let method = f.sig.ident.to_string();
        let kind = match method.as_str() {
            "new" => ItemKind::Constructor,
            _ if owner == "Client" => ItemKind::Method,
            _ => ItemKind::Setter,
        };
        let inputs: Vec<String> = f.sig.inputs.iter().map(text).collect();
        let output = text(&f.sig.output);
        add(surface, format!("{owner}::{method}()"), kind, format!("({}) {output}", inputs.join(", ")));
    }
}

/// The public methods, fields and variants of the runtime's re-exported types.
fn runtime_items(file: &syn::File, reexported: &[String], surface: &mut Surface) {
    let named = |ident: &syn::Ident| reexported.iter().any(|r| ident == r);
    for item in &file.items {
        match item {
            syn::Item::Struct(s) if named(&s.ident) => {
                for field in s.fields.iter().filter(|f| is_pub(&f.vis)) {
                    let field_name = field.ident.as_ref().map(ToString::to_string).unwrap_or_default();
                    add(surface, format!("{}::{field_name}", s.ident), ItemKind::Field, text(&field.ty));
                }
            }
            syn::Item::Enum(e) if named(&e.ident) => {
                let kind = if is_non_exhaustive(&e.attrs) { ItemKind::OpenVariant } else { ItemKind::Variant };
                for variant in &e.variants {
                    add(surface, format!("{}::{}", e.ident, variant.ident), kind, text(&variant.fields));
                }
            }
            syn::Item::Impl(block) if block.trait_.is_none() => {
                let Some(name) = type_name(&block.self_ty) else { continue };
                if !reexported.contains(&name) {
                    continue;
                }
                for inner in &block.items {
                    let syn::ImplItem::Fn(f) = inner else { continue };
                    if is_pub(&f.vis) {
                        let inputs: Vec<String> = f.sig.inputs.iter().map(text).collect();
                        let signature = format!("({}) {}", inputs.join(", "), text(&f.sig.output));
                        add(surface, format!("{name}::{}()", f.sig.ident), ItemKind::Method, signature);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The name of a type a runtime `impl` is for (`Client`, `EventStream<T, B>` → `EventStream`).
fn type_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}
