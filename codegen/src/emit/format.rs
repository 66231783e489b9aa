//! Tokens → formatted source: `syn::File` → prettyplease, behind the @generated header.

use proc_macro2::TokenStream;

/// Formats one generated file; a parse failure is an emitter bug, reported with the file's name.
pub fn format_file(path: &str, header: &str, tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| format!("emitter produced invalid Rust for {path}: {e}"))?;
    Ok(format!("{header}\n{}", prettyplease::unparse(&file)))
}
