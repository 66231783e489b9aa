//! An operation's module (its builder, reply enum and error table), its client method and the
//! `TextDeltas` impls of streamed events, printed from the model.

use super::runtime_paths as rt;
use super::{cfg, doc_attrs, ident, Printer};
use crate::ir::NextPage;
use crate::ir::Presence;
use crate::ir::{BodyEncoding, ParamLocation, QueryStyle, StatusMatch};
use crate::model::{
    BodyArg, Content, FieldInit, OperationItem, PagingItem, PathPart, Reply, ReplyEnum, SetterTarget, TextDeltasImpl,
    TextIndex, TextStep,
};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

impl Printer<'_> {
    /// The operation's module (`operations/<name>.rs`): its builder.
    pub fn operation_module(&self, op: &OperationItem) -> TokenStream {
        let builder = format_ident!("{}", op.builder);
        let (client, runtime, error_body) = (rt::client(), rt::runtime(), rt::error_body());
        let summary = &op.summary;
        let args = op.inputs.iter().map(|i| {
            let (name, ty) = (ident(&i.name), self.rust_type(&i.ty, false));
            quote!(#name: #ty)
        });
        let fields = op.fields.iter().map(|f| {
            let (name, ty) = (ident(&f.name), self.rust_type(&f.ty, false));
            quote!(#name: #ty,)
        });
        // Inputs first, then the body made from them, then what starts empty.
        let order = |init: FieldInit| match init {
            FieldInit::Input => 0,
            FieldInit::BodyNew => 1,
            FieldInit::None => 2,
        };
        let mut ordered: Vec<&crate::model::BuilderField> = op.fields.iter().collect();
        ordered.sort_by_key(|f| order(f.init));
        let inits = ordered.into_iter().map(|f| {
            let name = ident(&f.name);
            match f.init {
                FieldInit::Input => quote!(#name,),
                FieldInit::None => quote!(#name: None,),
                FieldInit::BodyNew => {
                    let body = op.body.as_ref();
                    let ty = body.map(|b| self.rust_type(&b.ty, false));
                    let args = body.and_then(|b| b.constructor.as_ref()).into_iter().flatten().map(|arg| match arg {
                        BodyArg::Input(input) => {
                            let input = ident(input);
                            quote!(#input)
                        }
                        BodyArg::False => quote!(false),
                    });
                    quote!(#name: #ty::new(#(#args),*),)
                }
            }
        });
        let many = op.many.then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let setters = op.setters.iter().map(|s| {
            let (doc, method, ty) = (doc_attrs(&s.doc), ident(&s.name), self.rust_type(&s.takes, false));
            let set = match &s.sets {
                SetterTarget::Field(field) => {
                    let field = ident(field);
                    quote!(self.#field = Some(value.into());)
                }
                SetterTarget::BodyField(assign) => {
                    self.assign(&assign.field, assign.presence, assign.boxed, quote!(self.body), quote!(value.into()))
                }
            };
            quote! { #doc pub fn #method(mut self, value: impl Into<#ty>) -> Self { #set self } }
        });
        let decoders = error_table(op);
        let options = option_setters();
        let body_field = op.json_body_field.then(body_field_setter);
        let parts = self.parts_method(op);
        let send = self.send_methods(op);
        let stream = self.stream_method(op);
        let (paging, paging_methods) = op.paging.as_ref().map(|paging| self.paging(op, paging)).unzip();
        let reply_enum = op.reply.as_ref().map(|reply| self.reply_enum(reply));
        let header = format!(" `{} {}`", op.http, op.path);
        quote! {
            #![doc = #header]
            #![allow(deprecated)] // deprecated fields and types are still settable; users are warned at their own uses

            /// Error bodies this operation declares, by status.
            pub(crate) const ERRORS: #runtime::ErrorDecoder<#error_body> = &[#decoders];

            #paging
            #reply_enum

            #[doc = #summary]
            #[derive(Debug, Clone)]
            #[must_use = "a request does nothing until it is sent"]
            pub struct #builder {
                client: #client,
                #(#fields)*
                options: #runtime::RequestOptions,
            }

            impl #builder {
                #many
                pub(crate) fn new(client: #client, #(#args),*) -> Self {
                    Self { client, #(#inits)* options: Default::default() }
                }

                #(#setters)*
                #options
                #body_field
                #parts
                #send
                #paging_methods
                #stream
            }
        }
    }

    /// The operation's `PAGING` table, and the builder's `pages` and `items`.
    fn paging(&self, op: &OperationItem, paging: &PagingItem) -> (TokenStream, TokenStream) {
        let (runtime, error_body) = (rt::runtime(), rt::error_body());
        let keys = |path: &[String]| quote!(&[#(#path),*]);
        let optional_keys = |path: &Option<Vec<String>>| match path {
            Some(path) => {
                let path = keys(path);
                quote!(Some(#path))
            }
            None => quote!(None),
        };
        let next = match &paging.next {
            NextPage::Cursor { param, from } => {
                let from = keys(from);
                quote!(Cursor { param: #param, from: #from })
            }
            NextPage::LastItem { param, field } => quote!(LastItem { param: #param, field: #field }),
            NextPage::Offset { param } => quote!(Offset { param: #param }),
            NextPage::Page { param, first } => {
                let first = proc_macro2::Literal::i64_unsuffixed(*first);
                quote!(Page { param: #param, first: #first })
            }
            NextPage::NextLink { from } => {
                let from = keys(from);
                quote!(NextLink { from: #from })
            }
            NextPage::LinkHeader => quote!(LinkHeader),
        };
        let (items, has_more, total) =
            (keys(&paging.items), optional_keys(&paging.has_more), optional_keys(&paging.total));
        let table = quote! {
            /// How this operation's pages follow each other.
            static PAGING: #runtime::Paging = #runtime::Paging {
                next: #runtime::NextPage::#next,
                items: #items,
                has_more: #has_more,
                total: #total,
            };
        };
        let page = match op.send.as_ref().map(|send| &send.reply) {
            Some(Reply::Json(ty)) => self.rust_type(ty, false),
            _ => quote!(serde_json::Value),
        };
        let item = self.rust_type(&paging.item, false);
        let how = &paging.how;
        let set_false = self.flag_assignment(op, false);
        let mutable = set_false.is_some().then(|| quote!(mut));
        let methods = quote! {
            /// Sends the request, then one for each page after it as the pages are read: a stream
            /// of pages with their status and headers. Each page is a call of its own, with
            /// retries and time limits; a failed page is the stream's last item.
            ///
            #[doc = #how]
            ///
            /// [`Pages::max_pages`](crate::Pages::max_pages) ends the walk early.
            pub fn pages(#mutable self) -> #runtime::Pages<#page, #error_body> {
                #set_false
                let parts = self.parts();
                #runtime::pages(self.client, parts, self.options, ERRORS, &PAGING)
            }

            /// The items of every page, pages requested as the items are read (see
            /// [`pages`](Self::pages)); [`Items::max_items`](crate::Items::max_items) ends the
            /// walk early.
            pub fn items(#mutable self) -> #runtime::Items<#item, #error_body> {
                #set_false
                let parts = self.parts();
                #runtime::items(self.client, parts, self.options, ERRORS, &PAGING)
            }
        };
        (table, methods)
    }

    /// `fn parts`: the request as the runtime sends it (method, path, query, headers, body, `Accept`).
    fn parts_method(&self, op: &OperationItem) -> TokenStream {
        let (runtime, error) = (rt::runtime(), rt::error());
        let path = self.path_expr(op);
        let method = format_ident!("{}", op.http.as_str());
        let params: Vec<TokenStream> = op
            .params
            .iter()
            .map(|p| {
                let (field, wire) = (ident(&p.field), &p.wire);
                let verb = match p.location {
                    ParamLocation::Query => quote!(query),
                    ParamLocation::Cookie => quote!(cookie),
                    ParamLocation::Header | ParamLocation::Path => quote!(header),
                };
                // Query styles other than exploded `form` name their style.
                let style = match p.style {
                    QueryStyle::Form => None,
                    QueryStyle::FormCompact => Some(quote!(FormCompact)),
                    QueryStyle::DeepObject => Some(quote!(DeepObject)),
                    QueryStyle::SpaceDelimited => Some(quote!(SpaceDelimited)),
                    QueryStyle::PipeDelimited => Some(quote!(PipeDelimited)),
                };
                let (verb, style) = match style {
                    Some(style) => (quote!(query_styled), Some(quote!(, #runtime::QueryStyle::#style))),
                    None => (verb, None),
                };
                // A format read by a codec goes out in its wire form.
                let (required, optional) = match self.codec(&p.ty, false) {
                    Some(codec) => {
                        let c = rt::codec();
                        (quote!(&#c::encoded::<#codec>(&self.#field)), quote!(&#c::encoded::<#codec>(value)))
                    }
                    None => (quote!(&self.#field), quote!(value)),
                };
                if p.required {
                    quote!(parts = parts.#verb(#wire, #required #style);)
                } else {
                    quote!(if let Some(value) = &self.#field { parts = parts.#verb(#wire, #optional #style); })
                }
            })
            .collect();
        let body = op.body.as_ref().map(|body| {
            // `by_ref` is a reference to the body, `owned` a copy of it.
            let encode = |by_ref: TokenStream, owned: TokenStream| match &body.encoding {
                BodyEncoding::Json => quote!(parts.json(#by_ref).map_err(#error::Request)?),
                BodyEncoding::Raw(media_type) => quote!(parts.raw(#owned, #media_type)),
                BodyEncoding::Form => quote!(parts.form(#by_ref).map_err(#error::Request)?),
                BodyEncoding::Multipart { part_types } => {
                    let (fields, types) = (part_types.iter().map(|p| &p.0), part_types.iter().map(|p| &p.1));
                    quote!(parts.multipart(#by_ref, &[#((#fields, #types)),*]).map_err(#error::Request)?)
                }
                BodyEncoding::MultipartPart { name } => {
                    quote!(parts.multipart_part(#name, #by_ref).map_err(#error::Request)?)
                }
            };
            let encoded = if body.required {
                let encoded = encode(quote!(&self.body), quote!(self.body.clone()));
                quote!(let parts = #encoded;)
            } else {
                let encoded = encode(quote!(body), quote!(body.clone()));
                quote!(let parts = match &self.body { Some(body) => #encoded, None => parts };)
            };
            let extra_fields = (body.encoding == BodyEncoding::Json)
                .then(|| quote!(let parts = parts.with_body_fields(&self.options).map_err(#error::Request)?;));
            quote!(#encoded #extra_fields)
        });
        let accept = op.accept.as_ref().map(|media_type| quote!(let parts = parts.accept(#media_type);));
        let mutable = (!params.is_empty()).then(|| quote!(mut));
        let no_auth = (!op.authenticated).then(|| quote!(.without_auth()));
        let security = (!op.security.is_empty()).then(|| {
            let alternatives = op.security.iter().map(|schemes| quote!(&[#(#schemes),*]));
            quote!(.security(&[#(#alternatives),*]))
        });
        let idempotency = op.idempotency_header.as_ref().map(|header| quote!(.idempotency_header(#header)));
        let (operation, template) = (&op.method, &op.path);
        quote! {
            fn parts(&self) -> Result<#runtime::RequestParts, #error> {
                let #mutable parts = #runtime::RequestParts::new(reqwest::Method::#method, #path)#no_auth #security #idempotency.traced(#operation, #template);
                #(#params)*
                #body
                #accept
                Ok(parts)
            }
        }
    }

    /// The path with parameters filled in: `format!("/pets/{}", segment(&self.pet_id))`.
    fn path_expr(&self, op: &OperationItem) -> TokenStream {
        let mut template = String::new();
        let mut values = Vec::new();
        let runtime = rt::runtime();
        for part in &op.path_parts {
            match part {
                PathPart::Literal(text) => template.push_str(&text.replace('{', "{{").replace('}', "}}")),
                PathPart::Param(name) => {
                    template.push_str("{}");
                    let field = ident(name);
                    let ty = op.fields.iter().find(|f| f.name == *name).map(|f| &f.ty);
                    let value = match ty.and_then(|ty| self.codec(ty, false)) {
                        Some(codec) => {
                            let c = rt::codec();
                            quote!(&#c::encoded::<#codec>(&self.#field))
                        }
                        None => quote!(&self.#field),
                    };
                    values.push(quote!(#runtime::path_segment(#value)));
                }
            }
        }
        if values.is_empty() {
            quote!(#template.to_owned())
        } else {
            quote!(format!(#template, #(#values),*))
        }
    }

    /// Setting the stream flag of the body to `value` (nothing without a flag).
    fn flag_assignment(&self, op: &OperationItem, value: bool) -> Option<TokenStream> {
        let flag = op.body.as_ref()?.flag.as_ref()?;
        Some(self.assign(&flag.field, flag.presence, flag.boxed, quote!(self.body), quote!(#value)))
    }

    /// `send` and `send_with_response`, plain functions returning the runtime's future (an
    /// `async fn` per operation would be a state machine per operation for the compiler to check).
    fn send_methods(&self, op: &OperationItem) -> Option<TokenStream> {
        let send = op.send.as_ref()?;
        let (runtime, error) = (rt::runtime(), rt::error());
        // The runtime function that reads the reply, and what it needs besides the request.
        let (response, verb, decode) = match &send.reply {
            Reply::Json(ty) => (self.rust_type(ty, false), quote!(send_json), None),
            Reply::Text => (quote!(String), quote!(send_text), None),
            Reply::Bytes => (quote!(Vec<u8>), quote!(send_bytes), None),
            Reply::Empty => (quote!(()), quote!(send_empty), None),
            Reply::ByStatus(name) => {
                let name = format_ident!("{}", name);
                (quote!(#name), quote!(send_by_status), Some(quote!(, decode_reply)))
            }
        };
        let set_false = self.flag_assignment(op, false);
        let mutable = set_false.is_some().then(|| quote!(mut));
        let future = |output: TokenStream| quote!(impl ::std::future::Future<Output = Result<#output, #error>>);
        let (sent, sent_with_response, sent_raw) = (
            future(response.clone()),
            future(quote!(#runtime::Response<#response>)),
            future(quote!(serde_json::Value)),
        );
        let raw = send.raw.then(|| {
            quote! {
                /// Sends the request and returns the success body as JSON, whatever type the document
                /// gives it (`null` when empty): for when the server sends what the document does not
                /// say.
                pub fn send_raw(#mutable self) -> #sent_raw {
                    #set_false
                    let parts = self.parts();
                    #runtime::response_data(#runtime::send_json(self.client, parts, self.options, ERRORS))
                }
            }
        });
        Some(quote! {
            /// Sends the request and returns the decoded response.
            pub fn send(self) -> #sent {
                #runtime::response_data(self.send_with_response())
            }

            /// Sends the request and returns the decoded response with its status and headers.
            pub fn send_with_response(#mutable self) -> #sent_with_response {
                #set_false
                let parts = self.parts();
                #runtime::#verb(self.client, parts, self.options, ERRORS #decode)
            }

            #raw
        })
    }

    /// The enum `send` returns when success statuses answer differently, and `decode_reply`, which
    /// picks its variant by status.
    fn reply_enum(&self, reply: &ReplyEnum) -> TokenStream {
        let name = format_ident!("{}", reply.name);
        let summary = &reply.summary;
        let variants = reply.variants.iter().map(|v| {
            let (doc, variant) = (doc_attrs(&v.doc), format_ident!("{}", v.name));
            match self.content(&v.content) {
                Some((ty, _)) => quote!(#doc #variant(#ty),),
                None => quote!(#doc #variant,),
            }
        });
        let decode_as = |v: &crate::model::ReplyVariant| {
            let variant = format_ident!("{}", v.name);
            match self.content(&v.content) {
                Some((_, read)) => quote!(#name::#variant(#read)),
                None => quote!(#name::#variant),
            }
        };
        let arms = reply.variants.iter().map(|v| {
            let pattern = match v.status {
                StatusMatch::Code(code) => {
                    let code = proc_macro2::Literal::u16_unsuffixed(code);
                    quote!(#code)
                }
                StatusMatch::Range(class) => {
                    let low = proc_macro2::Literal::u16_unsuffixed(class * 100);
                    let high = proc_macro2::Literal::u16_unsuffixed(class * 100 + 99);
                    quote!(#low..=#high)
                }
                StatusMatch::Default => quote!(_),
            };
            let value = decode_as(v);
            quote!(#pattern => #value,)
        });
        let fallback = reply.fallback.and_then(|i| reply.variants.get(i)).map(|v| {
            let value = decode_as(v);
            quote!(_ => #value,)
        });
        quote! {
            #[doc = #summary]
            #[derive(Debug, Clone, PartialEq)]
            #[non_exhaustive]
            #[allow(clippy::large_enum_variant)] // as the API answers; boxing would burden every match
            pub enum #name { #(#variants)* }

            #[allow(clippy::match_overlapping_arm)] // exact codes first, then the class they belong to
            fn decode_reply(status: u16, body: &[u8]) -> Result<#name, serde_json::Error> {
                Ok(match status {
                    #(#arms)*
                    #fallback
                })
            }
        }
    }

    /// A success variant's content type and the expression that reads it from `body`.
    fn content(&self, content: &Option<Content>) -> Option<(TokenStream, TokenStream)> {
        Some(match content.as_ref()? {
            Content::Json(ty) => {
                let runtime = rt::runtime();
                (self.rust_type(ty, false), quote!(#runtime::json_body(body)?))
            }
            Content::Text => (quote!(String), quote!(String::from_utf8_lossy(body).into_owned())),
            Content::Bytes => (quote!(Vec<u8>), quote!(body.to_vec())),
        })
    }

    /// `stream`, for an operation that answers server-sent events.
    fn stream_method(&self, op: &OperationItem) -> Option<TokenStream> {
        let stream = op.stream.as_ref()?;
        let (runtime, error, error_body) = (rt::runtime(), rt::error(), rt::error_body());
        let set_true = self.flag_assignment(op, true);
        let mutable = set_true.is_some().then(|| quote!(mut));
        let done = match &stream.done {
            Some(sentinel) => {
                let bytes = proc_macro2::Literal::byte_string(sentinel.as_bytes());
                quote!(::std::option::Option::Some(#bytes))
            }
            None => quote!(::std::option::Option::None),
        };
        let (item, verb) = match &stream.event {
            Some(ty) => (self.rust_type(ty, false), quote!(send_sse)),
            None => (quote!(#runtime::SseEvent), quote!(send_sse_raw)),
        };
        Some(quote! {
            /// Sends the request in streaming mode and returns its events as they arrive.
            ///
            /// An error status before the stream starts is returned here; a malformed event is an
            /// `Err` item and the stream goes on; a broken connection or an idle timeout ends it.
            pub fn stream(#mutable self) -> impl ::std::future::Future<Output = Result<#runtime::EventStream<#item, #error_body>, #error>> {
                #set_true
                let parts = self.parts();
                #runtime::#verb(self.client, parts, self.options, ERRORS, #done)
            }

            /// Like [`stream`](Self::stream), with each event's data as JSON, whatever type the
            /// document gives it.
            pub fn stream_raw(#mutable self) -> impl ::std::future::Future<Output = Result<#runtime::EventStream<serde_json::Value, #error_body>, #error>> {
                #set_true
                let parts = self.parts();
                #runtime::send_sse(self.client, parts, self.options, ERRORS, #done)
            }
        })
    }

    /// One `impl Client` block with the methods that start the builders of `ops`.
    pub fn client_methods(&self, ops: &[OperationItem]) -> TokenStream {
        let methods = ops.iter().map(|op| {
            let gate = cfg(&op.cfg);
            let method = self.client_method(op);
            quote!(#gate #method)
        });
        let client = rt::client();
        quote! {
            #[allow(deprecated)] // deprecated operations are still callable; users are warned at their own uses
            impl #client {
                #(#methods)*
            }
        }
    }

    /// The client method that starts `op`'s builder.
    fn client_method(&self, op: &OperationItem) -> TokenStream {
        let doc = doc_attrs(&op.doc);
        let (name, builder, module) = (ident(&op.method), format_ident!("{}", op.builder), ident(&op.module));
        let args = op.inputs.iter().map(|i| {
            let (name, ty) = (ident(&i.name), self.rust_type(&i.ty, false));
            quote!(#name: impl Into<#ty>)
        });
        let values = op.inputs.iter().map(|i| {
            let name = ident(&i.name);
            quote!(#name.into())
        });
        let many = op.many.then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let operations = rt::operations();
        quote! {
            #doc
            #many
            pub fn #name(&self, #(#args),*) -> #operations::#module::#builder {
                #operations::#module::#builder::new(::core::clone::Clone::clone(self), #(#values),*)
            }
        }
    }

    /// `impl TextDeltas` for an event type: nested loops and `if let`s down the path, pushing each
    /// string with its output index.
    pub fn text_deltas(&self, t: &TextDeltasImpl) -> TokenStream {
        let (ty, runtime) = (self.rust_type(&t.ty, false), rt::runtime());
        let steps = &t.steps;
        // binding(i) holds the value reached after step i; `self` before the first step.
        let binding = |i: Option<usize>| match i {
            None => quote!(self),
            Some(i) => {
                let name = format_ident!("v{i}");
                quote!(#name)
            }
        };
        let parent = binding(steps.len().checked_sub(2));
        let index = match &t.index {
            TextIndex::Field(name, presence) => {
                let field = ident(name);
                let value = match presence {
                    Presence::Required => quote!(Some(#parent.#field)),
                    Presence::Optional | Presence::RequiredNullable => quote!(#parent.#field),
                    Presence::OptionalNullable => quote!(#parent.#field.flatten()),
                };
                quote!(#value.and_then(|i| usize::try_from(i).ok()).unwrap_or(0))
            }
            TextIndex::Position => quote!(position),
            TextIndex::Zero => quote!(0),
        };
        // An empty path: the event itself is the text.
        let leaf = binding(steps.len().checked_sub(1));
        let mut body = quote!(out.push((#index, #leaf.as_str())););
        for (i, step) in steps.iter().enumerate().rev() {
            let (from, target) = (binding(i.checked_sub(1)), binding(Some(i)));
            body = match step {
                TextStep::Each { positioned: true } => {
                    quote!(for (position, #target) in #from.iter().enumerate() { #body })
                }
                TextStep::Each { positioned: false } => quote!(for #target in #from.iter() { #body }),
                TextStep::Field(name, presence) => {
                    let field = ident(name);
                    match presence {
                        Presence::Required => quote!({ let #target = &#from.#field; #body }),
                        Presence::Optional | Presence::RequiredNullable => {
                            quote!(if let Some(#target) = &#from.#field { #body })
                        }
                        Presence::OptionalNullable => quote!(if let Some(Some(#target)) = &#from.#field { #body }),
                    }
                }
            };
        }
        quote! {
            impl #runtime::TextDeltas for #ty {
                fn text_deltas(&self) -> Vec<(usize, &str)> {
                    let mut out = Vec::new();
                    #body
                    out
                }
            }
        }
    }
}

/// `(status, decoder)` entries of the operation's declared error bodies.
fn error_table(op: &OperationItem) -> TokenStream {
    let runtime = rt::runtime();
    let entries = op.errors.iter().map(|(status, variant)| {
        let status = match status {
            StatusMatch::Code(code) => {
                let code = proc_macro2::Literal::u16_unsuffixed(*code);
                quote!(#runtime::StatusMatch::Code(#code))
            }
            StatusMatch::Range(class) => {
                let class = proc_macro2::Literal::u16_unsuffixed(*class);
                quote!(#runtime::StatusMatch::Range(#class))
            }
            StatusMatch::Default => quote!(#runtime::StatusMatch::Default),
        };
        let variant: Ident = format_ident!("{}", variant);
        let decoders = rt::error_decoders();
        quote!((#status, #decoders::#variant),)
    });
    quote!(#(#entries)*)
}

/// `body_field`, for an operation with a JSON body: a field the document does not declare.
fn body_field_setter() -> TokenStream {
    quote! {
        /// Sets a field of the JSON body over the typed one's: a field the document does not
        /// declare yet, or a value its type cannot hold.
        pub fn body_field(mut self, name: impl Into<String>, value: serde_json::Value) -> Self {
            self.options.add_body_field(name, value);
            self
        }
    }
}

/// The per-call settings every builder has.
fn option_setters() -> TokenStream {
    quote! {
        /// Time limit of this whole call, retries and their waits included (for `stream`, until
        /// the response starts): a `Duration`, or `None` for no limit. Overrides the client's
        /// [`timeout`](crate::ClientBuilder::timeout).
        pub fn timeout(mut self, timeout: impl Into<Option<std::time::Duration>>) -> Self {
            self.options.set_timeout(timeout);
            self
        }

        /// Time limit of each attempt of this call: a `Duration`, or `None` for no limit.
        /// Overrides the client's [`attempt_timeout`](crate::ClientBuilder::attempt_timeout).
        pub fn attempt_timeout(mut self, timeout: impl Into<Option<std::time::Duration>>) -> Self {
            self.options.set_attempt_timeout(timeout);
            self
        }

        /// Retries of this call after the first attempt.
        pub fn max_retries(mut self, max_retries: u32) -> Self {
            self.options.set_max_retries(max_retries);
            self
        }

        /// An extra header for this call.
        pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.options.add_header(name, value);
            self
        }
    }
}
