//! Tokens → formatted source: `syn::File` → prettyplease, behind the @generated header.
//!
//! Large files are produced as a sequence of chunks (one per type), each parsed and printed on
//! its own and appended: the tokens and syntax tree of one chunk are freed before the next is
//! built, which keeps memory flat and generation fast on documents with thousands of types.

use proc_macro2::TokenStream;

/// Formats one chunk of a file (a complete `syn::File`: inner attributes and/or items); a parse
/// failure is an emitter bug, reported with the file's name.
pub fn format_chunk(path: &str, tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| format!("emitter produced invalid Rust for {path}: {e}"))?;
    Ok(prettyplease::unparse(&file))
}

/// Formats a chunk of items each compiled under `cfg` (an attribute, or nothing).
pub fn format_gated_chunk(path: &str, tokens: TokenStream, cfg: TokenStream) -> Result<String, String> {
    if cfg.is_empty() {
        return format_chunk(path, tokens);
    }
    let mut file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("emitter produced invalid Rust for {path}: {e}"))?;
    for item in &mut file.items {
        // An item left ungated would refer to gated ones: an emitter bug, not a silent skip.
        let attrs = item_attrs(item).ok_or_else(|| format!("emitter produced an item {path} cannot gate"))?;
        let attr = syn::parse::Parser::parse2(syn::Attribute::parse_outer, cfg.clone())
            .map_err(|e| format!("emitter produced an invalid cfg for {path}: {e}"))?;
        // First, so it reads before the item's docs and derives.
        attrs.splice(0..0, attr);
    }
    Ok(prettyplease::unparse(&file))
}

/// The attributes of the kinds of item emitted code holds.
fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    match item {
        syn::Item::Struct(i) => Some(&mut i.attrs),
        syn::Item::Enum(i) => Some(&mut i.attrs),
        syn::Item::Impl(i) => Some(&mut i.attrs),
        syn::Item::Type(i) => Some(&mut i.attrs),
        syn::Item::Macro(i) => Some(&mut i.attrs),
        syn::Item::Const(i) => Some(&mut i.attrs),
        syn::Item::Fn(i) => Some(&mut i.attrs),
        syn::Item::Mod(i) => Some(&mut i.attrs),
        syn::Item::Use(i) => Some(&mut i.attrs),
        syn::Item::Static(i) => Some(&mut i.attrs),
        syn::Item::Trait(i) => Some(&mut i.attrs),
        _ => None,
    }
}

/// Formats a file from the chunks `chunks` yields, in order, behind `header`.
pub fn format_file(path: &str, header: &str, chunks: impl IntoIterator<Item = TokenStream>) -> Result<String, String> {
    let mut out = format!("{header}\n");
    for chunk in chunks {
        out.push_str(&format_chunk(path, chunk)?);
    }
    Ok(out)
}

/// `f` over `items` across the machine's cores, results in the order of `items` (so output is the
/// same bytes as a sequential run). Token streams are not `Send`, so each thread builds its own.
pub fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> Result<R, String> + Sync,
) -> Result<Vec<R>, String> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let batch = items.len().div_ceil(threads).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(batch)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Result<Vec<R>, String>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for handle in handles {
            out.extend(handle.join().unwrap_or_else(|_| Err("a formatting thread panicked".to_owned()))?);
        }
        Ok(out)
    })
}
