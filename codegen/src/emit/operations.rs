//! Operations → a request builder per operation (required inputs as constructor arguments,
//! optional ones as setters, `send`/`stream`) and the thin client method that starts it.

use super::docs;
use super::runtime_paths as rt;
use super::types::{assign, constant_variant, rust_type, snake_ident};
use crate::ir::{Api, Field, Media, Operation, ParamLocation, PathPart, Presence, TextStep, TypeKind, TypeRef};
use heck::ToUpperCamelCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// Name of the builder type of `op`.
pub fn builder_name(op: &Operation) -> Ident {
    format_ident!("{}Builder", op.name.to_upper_camel_case())
}

/// The body struct's fields with their builder input names, when the body is an object the
/// builder can take apart.
pub(super) fn body_fields<'a>(api: &'a Api, op: &Operation) -> Option<Vec<(&'a Field, Ident)>> {
    // An optional body is given whole (or not at all) through the `body` setter.
    let body = op.body.as_ref().filter(|b| b.required)?;
    let TypeRef::Named(id) = &body.ty else { return None };
    match &api.ty(*id).kind {
        TypeKind::Struct(s) => {
            Some(s.fields.iter().zip(&op.body_inputs).map(|(f, name)| (f, snake_ident(name))).collect())
        }
        _ => None,
    }
}

/// One input of the client method: name, parameter type, and how the builder stores it.
pub(super) struct Input {
    pub(super) name: Ident,
    pub(super) ty: TokenStream,
    store: TokenStream,
}

/// The required inputs, in order: path parameters, required query/header parameters, required body
/// fields (or the body); and how the builder's body is made from them.
pub(super) fn required_inputs(api: &Api, op: &Operation) -> (Vec<Input>, TokenStream) {
    let mut inputs: Vec<Input> = op
        .params
        .iter()
        .filter(|p| p.required)
        .map(|p| {
            let name = snake_ident(&p.name);
            let ty = rust_type(api, &p.ty, false);
            Input { store: quote!(#name,), name, ty }
        })
        .collect();
    let flag = op.stream.as_ref().and_then(|s| s.flag.as_deref());
    if let Some(fields) = body_fields(api, op) {
        let body_ty = rust_type(api, &op.body.as_ref().map(|b| b.ty.clone()).unwrap_or(TypeRef::Any), false);
        // `new` of the body takes every required field except constants, in field order.
        let required: Vec<&(&Field, Ident)> = fields
            .iter()
            .filter(|(f, _)| {
                matches!(f.presence, Presence::Required | Presence::RequiredNullable)
                    && constant_variant(api, f).is_none()
            })
            .collect();
        let all_required: Vec<TokenStream> = required
            .iter()
            .map(|(f, name)| if Some(f.wire_name.as_str()) == flag { quote!(false) } else { quote!(#name) })
            .collect();
        for (f, name) in required.into_iter().filter(|(f, _)| Some(f.wire_name.as_str()) != flag) {
            let ty = super::types::field_type(api, f, false);
            inputs.push(Input { name: name.clone(), ty, store: TokenStream::new() });
        }
        return (inputs, quote!(body: #body_ty::new(#(#all_required),*),));
    }
    if let Some(body) = op.body.as_ref().filter(|b| b.required) {
        let ty = rust_type(api, &body.ty, false);
        inputs.push(Input { name: format_ident!("body"), ty, store: quote!(body,) });
    }
    (inputs, TokenStream::new())
}

/// The operation's module (`operations/<name>.rs`): its builder.
pub fn module(api: &Api, op: &Operation) -> TokenStream {
    let builder = builder_name(op);
    let client = rt::client();
    let runtime = rt::runtime();
    let error = rt::error();
    let error_body = rt::error_body();
    let summary = format!(
        " Request builder of `{} {}`, started by [`Client::{}`](crate::Client::{}).",
        op.method, op.path, op.name, op.name
    );
    let (inputs, body_store) = required_inputs(api, op);
    let args: Vec<TokenStream> = inputs
        .iter()
        .map(|i| {
            let (name, ty) = (&i.name, &i.ty);
            quote!(#name: #ty)
        })
        .collect();
    let stores: Vec<&TokenStream> = inputs.iter().map(|i| &i.store).collect();
    let flag = op.stream.as_ref().and_then(|s| s.flag.as_deref());

    // Stored state: parameters, body, options.
    let mut fields = Vec::new();
    let mut defaults = Vec::new();
    let mut setters = Vec::new();
    for p in &op.params {
        let name = snake_ident(&p.name);
        let ty = rust_type(api, &p.ty, false);
        if p.required {
            fields.push(quote!(#name: #ty,));
        } else {
            fields.push(quote!(#name: Option<#ty>,));
            defaults.push(quote!(#name: None,));
            let doc = docs::attrs_or(&p.docs, api, &p.ty, Some(Presence::Optional));
            setters.push(quote! { #doc pub fn #name(mut self, value: impl Into<#ty>) -> Self { self.#name = Some(value.into()); self } });
        }
    }
    let body_fields = body_fields(api, op);
    match (&op.body, &body_fields) {
        (Some(body), Some(fields_of_body)) => {
            let ty = rust_type(api, &body.ty, false);
            fields.push(quote!(body: #ty,));
            for (f, method) in fields_of_body
                .iter()
                .filter(|(f, _)| matches!(f.presence, Presence::Optional | Presence::OptionalNullable))
            {
                if Some(f.wire_name.as_str()) == flag {
                    continue;
                }
                let doc = docs::attrs_or(&f.docs, api, &f.ty, Some(f.presence));
                let value_ty = rust_type(api, &f.ty, false);
                let set = assign(f, quote!(self.body), quote!(value.into()));
                setters
                    .push(quote! { #doc pub fn #method(mut self, value: impl Into<#value_ty>) -> Self { #set self } });
            }
        }
        (Some(body), None) => {
            let ty = rust_type(api, &body.ty, false);
            if body.required {
                fields.push(quote!(body: #ty,));
            } else {
                fields.push(quote!(body: Option<#ty>,));
                defaults.push(quote!(body: None,));
                setters.push(quote! { /// The request body.
                    pub fn body(mut self, value: impl Into<#ty>) -> Self { self.body = Some(value.into()); self } });
            }
        }
        (None, _) => {}
    }

    // Request assembly.
    let path = path_expr(op);
    let method = format_ident!("{}", op.method.as_str());
    let params = op.params.iter().filter(|p| p.location != ParamLocation::Path).map(|p| {
        let name = snake_ident(&p.name);
        let wire = &p.wire_name;
        let verb = if p.location == ParamLocation::Query { quote!(query) } else { quote!(header) };
        if p.required {
            quote!(parts = parts.#verb(#wire, &self.#name);)
        } else {
            quote!(if let Some(value) = &self.#name { parts = parts.#verb(#wire, value); })
        }
    });
    let body_json = op.body.as_ref().map(|body| {
        // `by_ref` is a reference to the body, `owned` a copy of it.
        let encode = |by_ref: TokenStream, owned: TokenStream| match &body.media {
            Media::Json => quote!(parts.json(#by_ref).map_err(#error::Request)?),
            Media::Text(media_type) | Media::Binary(media_type) => quote!(parts.raw(#owned, #media_type)),
        };
        if body.required {
            let encoded = encode(quote!(&self.body), quote!(self.body.clone()));
            quote!(let parts = #encoded;)
        } else {
            let encoded = encode(quote!(body), quote!(body.clone()));
            quote!(let parts = match &self.body { Some(body) => #encoded, None => parts };)
        }
    });
    let accept = match (&op.response, &op.response_media) {
        (Some(_), Media::Text(media_type) | Media::Binary(media_type)) => {
            quote!(let parts = parts.accept(#media_type);)
        }
        _ => TokenStream::new(),
    };
    let decoders = op.errors.iter().map(|e| {
        let status = &e.status;
        let variant = format_ident!("{}", e.variant);
        quote!((#status, |body: &[u8]| serde_json::from_slice(body).ok().map(#error_body::#variant)),)
    });
    let set_flag = |value: bool| -> TokenStream {
        let Some((field, _)) =
            flag.and_then(|flag| body_fields.as_ref().and_then(|fs| fs.iter().find(|(f, _)| f.wire_name == flag)))
        else {
            return TokenStream::new();
        };
        assign(field, quote!(self.body), quote!(#value))
    };

    let send = match (&op.response, &op.response_media) {
        (Some(ty), Media::Json) => Some((rust_type(api, ty, false), quote!(send_json))),
        (Some(_), Media::Text(_)) => Some((quote!(String), quote!(send_text))),
        (Some(_), Media::Binary(_)) => Some((quote!(Vec<u8>), quote!(send_bytes))),
        (None, _) if op.stream.is_none() => Some((quote!(()), quote!(send_empty))),
        (None, _) => None,
    };
    let send_methods = send.map(|(response, verb)| {
        let set_false = set_flag(false);
        let unwrap = if response.to_string() == "()" {
            quote!(self.send_with_response().await?; Ok(()))
        } else {
            quote!(Ok(self.send_with_response().await?.data))
        };
        let mutable = if set_false.is_empty() { TokenStream::new() } else { quote!(mut) };
        quote! {
            /// Sends the request and returns the decoded response.
            pub async fn send(self) -> Result<#response, #error> {
                #unwrap
            }

            /// Sends the request and returns the decoded response with its status and headers.
            pub async fn send_with_response(#mutable self) -> Result<#runtime::Response<#response>, #error> {
                #set_false
                let parts = self.parts()?;
                self.client.#verb(parts, self.options, ERRORS).await
            }
        }
    });
    let stream_method = op.stream.as_ref().map(|stream| {
        let set_true = set_flag(true);
        let mutable = if set_true.is_empty() { TokenStream::new() } else { quote!(mut) };
        let done = match &stream.done {
            Some(sentinel) => {
                let bytes = proc_macro2::Literal::byte_string(sentinel.as_bytes());
                quote!(::std::option::Option::Some(#bytes))
            }
            None => quote!(::std::option::Option::None),
        };
        let (item, verb) = match &stream.event {
            Some(ty) => (rust_type(api, ty, false), quote!(send_sse)),
            None => (quote!(#runtime::SseEvent), quote!(send_sse_raw)),
        };
        quote! {
            /// Sends the request in streaming mode and returns its events as they arrive.
            ///
            /// An error status before the stream starts is returned here; a malformed event is an
            /// `Err` item and the stream goes on; a broken connection or an idle timeout ends it.
            pub async fn stream(#mutable self) -> Result<#runtime::EventStream<#item, #error_body>, #error> {
                #set_true
                let parts = self.parts()?;
                self.client.#verb(parts, self.options, ERRORS, #done).await
            }
        }
    });
    let mutable =
        if op.params.iter().any(|p| p.location != ParamLocation::Path) { quote!(mut) } else { TokenStream::new() };
    let no_auth = if op.authenticated { TokenStream::new() } else { quote!(.without_auth()) };
    let many = (args.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let header = format!(" `{} {}`", op.method, op.path);
    quote! {
        #![doc = #header]
        #![allow(deprecated)] // deprecated fields and types are still settable; users are warned at their own uses

        /// Error bodies this operation declares, by status.
        const ERRORS: #runtime::ErrorDecoder<#error_body> = &[#(#decoders)*];

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
                Self { client, #(#stores)* #body_store #(#defaults)* options: Default::default() }
            }

            #(#setters)*

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

            fn parts(&self) -> Result<#runtime::RequestParts, #error> {
                let #mutable parts = #runtime::RequestParts::new(reqwest::Method::#method, #path)#no_auth;
                #(#params)*
                #body_json
                #accept
                Ok(parts)
            }

            #send_methods
            #stream_method
        }
    }
}

/// The path with parameters filled in: `format!("/pets/{}", segment(&self.pet_id))`.
fn path_expr(op: &Operation) -> TokenStream {
    let mut template = String::new();
    let mut values = Vec::new();
    for part in &op.path_parts {
        match part {
            PathPart::Literal(text) => template.push_str(&text.replace('{', "{{").replace('}', "}}")),
            PathPart::Param(name) => {
                template.push_str("{}");
                let name = snake_ident(name);
                values.push(quote!(crate::runtime::path_segment(&self.#name)));
            }
        }
    }
    if values.is_empty() {
        quote!(#template.to_owned())
    } else {
        quote!(format!(#template, #(#values),*))
    }
}

/// The client method that starts `op`'s builder.
pub fn client_method(api: &Api, op: &Operation) -> TokenStream {
    let mut op_docs = op.docs.clone();
    if !docs::has_text(&op_docs) {
        op_docs.description = Some(format!("`{} {}`.", op.method, op.path));
    }
    let doc = docs::attrs(&op_docs);
    let errors_doc = errors_doc(op);
    let name = snake_ident(&op.name);
    let builder = builder_name(op);
    let module = snake_ident(&op.module);
    let (inputs, _) = required_inputs(api, op);
    let args = inputs.iter().map(|i| {
        let (name, ty) = (&i.name, &i.ty);
        quote!(#name: impl Into<#ty>)
    });
    let names = inputs.iter().map(|i| {
        let name = &i.name;
        quote!(#name.into())
    });
    let many = (inputs.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #doc
        #(#[doc = #errors_doc])*
        #many
        pub fn #name(&self, #(#args),*) -> crate::operations::#module::#builder {
            crate::operations::#module::#builder::new(::core::clone::Clone::clone(self), #(#names),*)
        }
    }
}

/// The `# Errors` section of an operation's docs: which [`ErrorBody`] variant a failure status
/// decodes as.
fn errors_doc(op: &Operation) -> Vec<String> {
    let mut lines = vec![String::new(), " # Errors".to_owned(), String::new()];
    if op.errors.is_empty() {
        lines.push(" The document declares no error body: a failure status is an".to_owned());
        lines.push(" [`Error::Status`](crate::Error::Status) with only its raw body.".to_owned());
    } else {
        lines.push(" A failure status is an [`Error::Status`](crate::Error::Status) whose".to_owned());
        lines.push(" [`body()`](crate::Error::body) is, when it matches the document:".to_owned());
        for error in &op.errors {
            let status = match error.status.as_str() {
                "DEFAULT" => "any other status".to_owned(),
                range if range.ends_with("XX") => format!("any {}xx status", &range[..1]),
                code => format!("HTTP {code}"),
            };
            let variant = &error.variant;
            lines.push(format!(" - {status}: [`ErrorBody::{variant}`](crate::ErrorBody::{variant})"));
        }
    }
    lines.push(String::new());
    lines.push(" Connection failures, timeouts and undecodable responses are the other".to_owned());
    lines.push(" [`Error`](crate::Error) variants.".to_owned());
    lines
}

/// `impl TextDeltas` for an event type with a text path: nested loops and `if let`s down the
/// path, pushing each string with its output index (the index field, else the position in the
/// last array, else 0).
pub fn text_deltas(api: &Api, op: &Operation) -> Option<(TypeRef, TokenStream)> {
    let stream = op.stream.as_ref()?;
    let (event, path) = (stream.event.as_ref()?, stream.text.as_ref()?);
    let ty = rust_type(api, event, false);
    let steps = &path.steps;
    // binding(i) holds the value reached after step i; `self` before the first step.
    let binding = |i: Option<usize>| match i {
        None => quote!(self),
        Some(i) => {
            let name = format_ident!("v{i}");
            quote!(#name)
        }
    };
    let last_each = steps.iter().rposition(|s| *s == TextStep::Each);
    let parent = binding(steps.len().checked_sub(2));
    let index = match (&path.index, last_each) {
        (Some((name, presence)), _) => {
            let field = snake_ident(name);
            let value = match presence {
                Presence::Required => quote!(Some(#parent.#field)),
                Presence::Optional | Presence::RequiredNullable => quote!(#parent.#field),
                Presence::OptionalNullable => quote!(#parent.#field.flatten()),
            };
            quote!(#value.and_then(|i| usize::try_from(i).ok()).unwrap_or(0))
        }
        (None, Some(_)) => quote!(position),
        (None, None) => quote!(0),
    };
    // An empty path: the event itself is the text.
    let leaf = binding(steps.len().checked_sub(1));
    let mut body = quote!(out.push((#index, #leaf.as_str())););
    for (i, step) in steps.iter().enumerate().rev() {
        let (from, target) = (binding(i.checked_sub(1)), binding(Some(i)));
        body = match step {
            TextStep::Each if Some(i) == last_each && path.index.is_none() => {
                quote!(for (position, #target) in #from.iter().enumerate() { #body })
            }
            TextStep::Each => quote!(for #target in #from.iter() { #body }),
            TextStep::Field(name, presence) => {
                let field = snake_ident(name);
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
    let tokens = quote! {
        impl crate::runtime::TextDeltas for #ty {
            fn text_deltas(&self) -> Vec<(usize, &str)> {
                let mut out = Vec::new();
                #body
                out
            }
        }
    };
    Some((event.clone(), tokens))
}
