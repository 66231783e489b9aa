//! `Server` (the document's servers), its variables' enums and `ClientBuilder::server`, printed
//! into `client.rs` from the model's [`ServersItem`].

use super::{doc_attrs, format_ident, ident, Printer};
use crate::model::{ServersItem, UrlPart};
use proc_macro2::TokenStream;
use quote::quote;

impl Printer<'_> {
    /// The items of `client.rs` that let a user pick a server.
    pub fn servers(&self, servers: &ServersItem) -> TokenStream {
        let variants = servers.choices.iter().enumerate().map(|(index, choice)| {
            let (name, doc) = (format_ident!("{}", choice.name), doc_attrs(&choice.doc));
            let default = (index == 0 && choice.fields.is_empty()).then(|| quote!(#[default]));
            let fields = choice.fields.iter().map(|field| {
                let (name, doc, ty) = (ident(&field.name), doc_attrs(&field.doc), field_type(field.values.as_deref()));
                quote!(#doc #name: #ty,)
            });
            match choice.fields.is_empty() {
                true => quote!(#doc #default #name,),
                false => quote!(#doc #name { #(#fields)* },),
            }
        });
        let urls = servers.choices.iter().map(|choice| {
            let name = format_ident!("{}", choice.name);
            let fields = choice.fields.iter().map(|f| ident(&f.name));
            let pieces = choice.url.iter().map(|part| match part {
                UrlPart::Literal(text) => quote!(#text),
                UrlPart::Field(field) => {
                    let field = ident(field);
                    quote!(#field.as_str())
                }
            });
            match (choice.fields.is_empty(), choice.url.as_slice()) {
                (true, []) => quote!(Self::#name => String::new(),),
                (true, [UrlPart::Literal(text)]) => quote!(Self::#name => #text.to_owned(),),
                (true, _) => quote!(Self::#name => [#(#pieces),*].concat(),),
                (false, _) => quote!(Self::#name { #(#fields),* } => [#(#pieces),*].concat(),),
            }
        });
        // A first server with variables is the default with theirs (else `#[default]` above).
        let default_impl = servers.choices.first().filter(|first| !first.fields.is_empty()).map(|first| {
            let name = format_ident!("{}", first.name);
            let values = first.fields.iter().map(|field| {
                let (name, default) = (ident(&field.name), &field.default);
                match &field.values {
                    Some(values) => {
                        let (values, variant) = (format_ident!("{}", values), format_ident!("{}", default));
                        quote!(#name: #values::#variant)
                    }
                    None => quote!(#name: #default.to_owned()),
                }
            });
            quote! {
                impl Default for Server {
                    /// The document's first server, its variables at their defaults.
                    fn default() -> Self {
                        Self::#name { #(#values),* }
                    }
                }
            }
        });
        let derive_default = default_impl.is_none().then(|| quote!(Default,));
        let enums = servers.enums.iter().map(|item| {
            let (name, doc) = (format_ident!("{}", item.name), doc_attrs(&item.doc));
            let variants = item.values.iter().map(|(variant, value)| {
                let default = (*variant == item.default).then(|| quote!(#[default]));
                let variant = format_ident!("{}", variant);
                let line = format!(" `{value}`.");
                quote!(#[doc = #line] #default #variant,)
            });
            let texts = item.values.iter().map(|(variant, value)| {
                let variant = format_ident!("{}", variant);
                quote!(Self::#variant => #value,)
            });
            quote! {
                #doc
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
                pub enum #name { #(#variants)* }

                impl #name {
                    /// The value as the URL carries it.
                    pub fn as_str(&self) -> &'static str {
                        match self { #(#texts)* }
                    }
                }
            }
        });
        quote! {
            /// The servers the API's document lists. [`ClientBuilder::server`] sends requests to
            /// one; the first, [`Server::default`], is the default.
            #[derive(Debug, Clone, PartialEq, Eq, #derive_default)]
            #[non_exhaustive]
            pub enum Server { #(#variants)* }

            impl Server {
                /// The server's URL, its variables filled in.
                pub fn url(&self) -> String {
                    match self { #(#urls)* }
                }
            }

            #default_impl
            #(#enums)*

            impl ClientBuilder {
                /// Sends requests to `server`. A [`base_url`](ClientBuilder::base_url) (or the
                /// base URL variable [`from_env`](ClientBuilder::from_env) reads) wins over it,
                /// set before or after.
                pub fn server(self, server: Server) -> Self {
                    self.server_url(server.url())
                }
            }
        }
    }
}

/// A field's type: its enum, or text.
fn field_type(values: Option<&str>) -> TokenStream {
    match values {
        Some(name) => {
            let name = format_ident!("{}", name);
            quote!(#name)
        }
        None => quote!(String),
    }
}
