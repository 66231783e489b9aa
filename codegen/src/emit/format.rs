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
