//! `parse` on the webhooks' event union: the signature checked, then the body decoded.

use super::{doc_attrs, runtime_paths, Printer};
use crate::model::WebhooksItem;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

impl Printer<'_> {
    /// `impl Event { pub fn parse(..) }`, written inside `types`.
    pub fn webhook_parse(&self, webhooks: &WebhooksItem) -> TokenStream {
        let (name, doc) = (format_ident!("{}", webhooks.event), doc_attrs(&webhooks.doc));
        let (runtime, result) = (runtime_paths::runtime(), self.std.result());
        quote! {
            impl #name {
                #doc
                pub fn parse(
                    verifier: &impl #runtime::WebhookVerifier,
                    headers: &impl #runtime::WebhookHeaders,
                    body: &[u8],
                ) -> #result<Self, #runtime::WebhookError> {
                    #runtime::parse_webhook(verifier, headers, body)
                }
            }
        }
    }
}
