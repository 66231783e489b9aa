//! `mock.rs`: the crate's typed mocks (its `mock` feature), an expectation per operation on the
//! runtime's `MockServer`, and a client pointed at the server.

use super::{cfg, doc_attrs, ident, runtime_paths, Printer};
use crate::model::{MockMethod, MockReply};
use proc_macro2::TokenStream;
use quote::quote;

impl Printer<'_> {
    /// The module's header: what it offers, the server's client.
    pub fn mock_module(&self) -> TokenStream {
        let runtime = runtime_paths::runtime();
        quote! {
            //! Typed mocks for your tests (the `mock` feature): a loopback [`MockServer`] whose
            //! expectations are written per operation — `server.on().<operation>()` — matched on
            //! path parameters, query, headers and the typed body, and answered with a typed
            //! response, a typed error body, a typed event stream or raw bytes, after a delay if
            //! asked. A request no expectation matches fails the test, with why, when the server
            //! is dropped.

            pub use #runtime::{Mock, MockServer, On};

            impl MockServer {
                /// A client of this server (any API key) that never retries, so each call is one
                /// request an expectation answers.
                ///
                /// # Panics
                /// If the HTTP client cannot be built (as [`Client::new`](crate::Client::new)).
                #[allow(clippy::expect_used)]
                pub fn client(&self) -> crate::Client {
                    self.client_builder().build().expect("HTTP client could be created")
                }

                /// A client builder pointed at this server (any API key, no retries), to set more:
                /// `max_retries` to test retries.
                pub fn client_builder(&self) -> crate::ClientBuilder {
                    crate::Client::builder().base_url(self.url()).api_key("mock-api-key").max_retries(0)
                }
            }
        }
    }

    /// `impl On { … }` for a slice of operations.
    pub fn mock_methods(&self, mocks: &[MockMethod]) -> TokenStream {
        let methods = mocks.iter().map(|m| self.mock_method(m));
        quote! {
            impl<'s> On<'s> {
                #(#methods)*
            }
        }
    }

    fn mock_method(&self, m: &MockMethod) -> TokenStream {
        let runtime = runtime_paths::runtime();
        let (name, doc, gate) = (ident(&m.method), doc_attrs(&m.doc), cfg(&m.cfg));
        let unit = || quote!(());
        let typed = |ty: &Option<crate::model::RustType>| ty.as_ref().map_or_else(unit, |ty| self.rust_type(ty, false));
        let (body, response, event) = (typed(&m.body), typed(&m.response), typed(&m.event));
        let (http, path, operation) = (m.http.as_str(), &m.path, &m.method);
        let reply = match m.reply {
            MockReply::Json => quote!(Json),
            MockReply::Text => quote!(Text),
            MockReply::Bytes => quote!(Bytes),
            MockReply::Empty => quote!(Empty),
        };
        let done = match &m.done {
            Some(done) => quote!(Some(#done)),
            None => quote!(None),
        };
        let (operations, module) = (runtime_paths::operations(), ident(&m.module));
        quote! {
            #gate
            #doc
            pub fn #name(self) -> Mock<'s, #body, #response, #event> {
                static ROUTE: #runtime::MockRoute = #runtime::MockRoute {
                    operation: #operation,
                    method: #http,
                    path: #path,
                    reply: #runtime::MockReply::#reply,
                    done: #done,
                    declares_error: |status, body| #runtime::declares_error(#operations::#module::ERRORS, status, body),
                };
                #runtime::expectation(self, &ROUTE)
            }
        }
    }
}
