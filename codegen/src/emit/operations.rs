//! Operations → a request builder per operation (required inputs as constructor arguments,
//! optional ones as setters, `send`/`stream`) and the thin client method that starts it.

use super::docs;
use super::runtime_paths as rt;
use super::types::{assign, constant_variant, rust_type, snake_ident};
use crate::ir::{
    Api, BodyEncoding, Field, Media, Operation, ParamLocation, PathPart, Presence, QueryStyle, StatusMatch, TextStep,
    TypeKind, TypeRef,
};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// Name of the builder type of `op`.
pub fn builder_name(op: &Operation) -> Ident {
    format_ident!("{}", op.builder)
}

/// The body struct's fields with their builder input names, when the body is an object the
/// builder can take apart.
pub(super) fn body_fields<'a>(api: &'a Api, op: &Operation) -> Option<Vec<(&'a Field, Ident)>> {
    // An optional body is given whole (or not at all) through the `body` setter.
    let body = op.body.as_ref().filter(|b| b.required)?;
    let TypeRef::Named(id) = &body.ty else { return None };
    match &api.resolved(*id).kind {
        // A body with a flattened union is given whole: its `new` needs the variant too.
        TypeKind::Struct(s) if s.variant.is_none() => {
            let input = |f: &Field| op.body_inputs.iter().find(|i| i.field == f.name).map(|i| snake_ident(&i.input));
            s.fields.iter().map(|f| Some((f, input(f)?))).collect()
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
    let flag = stream_flag(op);
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
            .map(|(f, name)| if Some(f.name.as_str()) == flag { quote!(false) } else { quote!(#name) })
            .collect();
        for (f, name) in required.into_iter().filter(|(f, _)| Some(f.name.as_str()) != flag) {
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
    let (client, runtime, error_body) = (rt::client(), rt::runtime(), rt::error_body());
    let summary = format!(
        " Request builder of `{} {}`, started by [`Client::{}`](crate::Client::{}).",
        op.method, op.path, op.name, op.name
    );
    let (inputs, body_store) = required_inputs(api, op);
    let args = inputs.iter().map(|Input { name, ty, .. }| quote!(#name: #ty));
    let stores = inputs.iter().map(|i| &i.store);
    let many = (inputs.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let BuilderState { fields, defaults, setters } = builder_state(api, op);
    let decoders = error_decoders(op);
    let options = option_setters();
    let body_field = body_field_setter(op);
    let parts = parts_method(op);
    let send = send_methods(api, op);
    let stream = stream_method(api, op);
    let reply_enum = reply_enum(api, op);
    let header = format!(" `{} {}`", op.method, op.path);
    quote! {
        #![doc = #header]
        #![allow(deprecated)] // deprecated fields and types are still settable; users are warned at their own uses

        /// Error bodies this operation declares, by status.
        const ERRORS: #runtime::ErrorDecoder<#error_body> = &[#decoders];

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
                Self { client, #(#stores)* #body_store #(#defaults)* options: Default::default() }
            }

            #(#setters)*
            #options
            #body_field
            #parts
            #send
            #stream
        }
    }
}

/// What a builder stores besides its client and options, and the setters of its optional inputs.
struct BuilderState {
    fields: Vec<TokenStream>,
    defaults: Vec<TokenStream>,
    setters: Vec<TokenStream>,
}

fn builder_state(api: &Api, op: &Operation) -> BuilderState {
    let mut state = BuilderState { fields: Vec::new(), defaults: Vec::new(), setters: Vec::new() };
    for p in &op.params {
        let name = snake_ident(&p.name);
        let ty = rust_type(api, &p.ty, false);
        if p.required {
            state.fields.push(quote!(#name: #ty,));
        } else {
            state.fields.push(quote!(#name: Option<#ty>,));
            state.defaults.push(quote!(#name: None,));
            let doc = docs::attrs_or(&p.docs, api, &p.ty, Some(Presence::Optional));
            state.setters.push(quote! {
                #doc pub fn #name(mut self, value: impl Into<#ty>) -> Self { self.#name = Some(value.into()); self }
            });
        }
    }
    let Some(body) = &op.body else { return state };
    let ty = rust_type(api, &body.ty, false);
    match body_fields(api, op) {
        Some(fields_of_body) => {
            state.fields.push(quote!(body: #ty,));
            let flag = stream_flag(op);
            for (f, method) in fields_of_body
                .iter()
                .filter(|(f, _)| matches!(f.presence, Presence::Optional | Presence::OptionalNullable))
                .filter(|(f, _)| Some(f.name.as_str()) != flag)
            {
                let doc = docs::attrs_or(&f.docs, api, &f.ty, Some(f.presence));
                let value_ty = rust_type(api, &f.ty, false);
                let set = assign(api, f, quote!(self.body), quote!(value.into()));
                state
                    .setters
                    .push(quote! { #doc pub fn #method(mut self, value: impl Into<#value_ty>) -> Self { #set self } });
            }
        }
        None if body.required => state.fields.push(quote!(body: #ty,)),
        None => {
            state.fields.push(quote!(body: Option<#ty>,));
            state.defaults.push(quote!(body: None,));
            state.setters.push(quote! {
                /// The request body.
                pub fn body(mut self, value: impl Into<#ty>) -> Self { self.body = Some(value.into()); self }
            });
        }
    }
    state
}

/// The Rust name of the body field `send`/`stream` set, if the operation has one.
fn stream_flag(op: &Operation) -> Option<&str> {
    op.stream.as_ref().and_then(|s| s.flag.as_deref())
}

/// Setting the stream flag field of the body to `value` (nothing without a flag).
fn flag_assignment(api: &Api, op: &Operation, value: bool) -> Option<TokenStream> {
    let flag = stream_flag(op)?;
    let fields = body_fields(api, op)?;
    let (field, _) = fields.iter().find(|(f, _)| f.name == flag)?;
    Some(assign(api, field, quote!(self.body), quote!(#value)))
}

/// `(status, decoder)` entries of the operation's declared error bodies.
fn error_decoders(op: &Operation) -> TokenStream {
    let runtime = rt::runtime();
    let entries = op.errors.iter().map(|e| {
        let status = match e.status {
            StatusMatch::Code(code) => {
                let code = proc_macro2::Literal::u16_unsuffixed(code);
                quote!(#runtime::StatusMatch::Code(#code))
            }
            StatusMatch::Range(class) => {
                let class = proc_macro2::Literal::u16_unsuffixed(class);
                quote!(#runtime::StatusMatch::Range(#class))
            }
            StatusMatch::Default => quote!(#runtime::StatusMatch::Default),
        };
        let variant = format_ident!("{}", e.variant);
        quote!((#status, crate::error_decoders::#variant),)
    });
    quote!(#(#entries)*)
}

/// `body_field`, for an operation with a JSON body: a field the document does not declare.
fn body_field_setter(op: &Operation) -> Option<TokenStream> {
    op.body.as_ref().filter(|body| body.encoding == BodyEncoding::Json)?;
    Some(quote! {
        /// Sets a field of the JSON body over the typed one's: a field the document does not
        /// declare yet, or a value its type cannot hold.
        pub fn body_field(mut self, name: impl Into<String>, value: serde_json::Value) -> Self {
            self.options.add_body_field(name, value);
            self
        }
    })
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

/// `fn parts`: the request as the runtime sends it (method, path, query, headers, body, `Accept`).
fn parts_method(op: &Operation) -> TokenStream {
    let (runtime, error) = (rt::runtime(), rt::error());
    let path = path_expr(op);
    let method = format_ident!("{}", op.method.as_str());
    let params: Vec<TokenStream> = op
        .params
        .iter()
        .filter(|p| p.location != ParamLocation::Path)
        .map(|p| {
            let name = snake_ident(&p.name);
            let wire = &p.wire_name;
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
            if p.required {
                quote!(parts = parts.#verb(#wire, &self.#name #style);)
            } else {
                quote!(if let Some(value) = &self.#name { parts = parts.#verb(#wire, value #style); })
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
    let accept = match (&op.response, &op.response_media) {
        (Some(_), Media::Text(media_type) | Media::Binary(media_type)) => {
            quote!(let parts = parts.accept(#media_type);)
        }
        _ => TokenStream::new(),
    };
    let mutable = (!params.is_empty()).then(|| quote!(mut));
    let no_auth = (!op.authenticated).then(|| quote!(.without_auth()));
    let security = (!op.security.is_empty()).then(|| {
        let alternatives = op.security.iter().map(|schemes| quote!(&[#(#schemes),*]));
        quote!(.security(&[#(#alternatives),*]))
    });
    let (operation, template) = (&op.name, &op.path);
    quote! {
        fn parts(&self) -> Result<#runtime::RequestParts, #error> {
            let #mutable parts = #runtime::RequestParts::new(reqwest::Method::#method, #path)#no_auth #security.traced(#operation, #template);
            #(#params)*
            #body
            #accept
            Ok(parts)
        }
    }
}

/// What `send` returns, and the runtime verb that reads it.
enum Reply {
    /// Decoded JSON of this type.
    Json(TokenStream),
    /// The body as text.
    Text,
    /// The body as bytes.
    Bytes,
    /// Nothing.
    Empty,
    /// An enum of the success statuses' contents.
    ByStatus(Ident),
}

fn reply(api: &Api, op: &Operation) -> Option<Reply> {
    if !op.success_variants.is_empty() {
        return Some(Reply::ByStatus(format_ident!("{}", op.reply_enum)));
    }
    match (&op.response, &op.response_media) {
        (Some(ty), Media::Json) => Some(Reply::Json(rust_type(api, ty, false))),
        (Some(_), Media::Text(_)) => Some(Reply::Text),
        (Some(_), Media::Binary(_)) => Some(Reply::Bytes),
        // An operation that only streams has no `send`.
        (None, _) if op.stream.is_some() => None,
        (None, _) => Some(Reply::Empty),
    }
}

/// `send` and `send_with_response`, plain functions returning the runtime's future (an
/// `async fn` per operation would be a state machine per operation for the compiler to check).
fn send_methods(api: &Api, op: &Operation) -> Option<TokenStream> {
    let (runtime, error) = (rt::runtime(), rt::error());
    // The runtime method that reads the reply, and what it needs besides the request.
    let (response, verb, decode) = match reply(api, op)? {
        Reply::Json(ty) => (ty, quote!(send_json), None),
        Reply::Text => (quote!(String), quote!(send_text), None),
        Reply::Bytes => (quote!(Vec<u8>), quote!(send_bytes), None),
        Reply::Empty => (quote!(()), quote!(send_empty), None),
        Reply::ByStatus(name) => (quote!(#name), quote!(send_by_status), Some(quote!(, decode_reply))),
    };
    let set_false = flag_assignment(api, op, false);
    let mutable = set_false.is_some().then(|| quote!(mut));
    let future = |output: TokenStream| quote!(impl ::std::future::Future<Output = Result<#output, #error>>);
    let (sent, sent_with_response, sent_raw) =
        (future(response.clone()), future(quote!(#runtime::Response<#response>)), future(quote!(serde_json::Value)));
    // Raw JSON out, for a response that differs from the document; text and bytes are raw already.
    let raw = matches!(reply(api, op)?, Reply::Json(_) | Reply::Empty | Reply::ByStatus(_)).then(|| {
        quote! {
            /// Sends the request and returns the success body as JSON, whatever type the document
            /// gives it (`null` when empty): for when the server sends what the document does not
            /// say.
            pub fn send_raw(#mutable self) -> #sent_raw {
                #set_false
                let parts = self.parts();
                #runtime::response_data(self.client.send_json(parts, self.options, ERRORS))
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
            self.client.#verb(parts, self.options, ERRORS #decode)
        }

        #raw
    })
}

/// The enum `send` returns when success statuses answer differently, and `decode_reply`, which
/// picks its variant by status (an undeclared success status reads as the first declared one).
fn reply_enum(api: &Api, op: &Operation) -> Option<TokenStream> {
    let first = op.success_variants.first()?;
    let name = format_ident!("{}", op.reply_enum);
    let summary = format!(" What `{} {}` answers, by status.", op.method, op.path);
    let variants = op.success_variants.iter().map(|v| {
        let variant = format_ident!("{}", v.name);
        let status = match v.status {
            StatusMatch::Code(code) => format!("HTTP {code}"),
            StatusMatch::Range(class) => format!("Any {class}xx status"),
            StatusMatch::Default => "Any other status".to_owned(),
        };
        let description = match v.docs.description.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(description) => format!("{status}: {description}"),
            None => format!("{status}."),
        };
        let doc = docs::attrs(&crate::ir::Docs { description: Some(description), ..crate::ir::Docs::default() });
        match success_content(api, v) {
            Some((ty, _)) => quote!(#doc #variant(#ty),),
            None => quote!(#doc #variant,),
        }
    });
    let decode_as = |v: &crate::ir::SuccessVariant| {
        let variant = format_ident!("{}", v.name);
        match success_content(api, v) {
            Some((_, read)) => quote!(#name::#variant(#read)),
            None => quote!(#name::#variant),
        }
    };
    let arms = op.success_variants.iter().map(|v| {
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
    let fallback = (!op.success_variants.iter().any(|v| v.status == StatusMatch::Default)).then(|| {
        let value = decode_as(first);
        quote!(_ => #value,)
    });
    Some(quote! {
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
    })
}

/// A success variant's content type and the expression that reads it from `body`.
fn success_content(api: &Api, v: &crate::ir::SuccessVariant) -> Option<(TokenStream, TokenStream)> {
    let ty = v.ty.as_ref()?;
    Some(match &v.media {
        Media::Json => (rust_type(api, ty, false), quote!(crate::runtime::json_body(body)?)),
        Media::Text(_) => (quote!(String), quote!(String::from_utf8_lossy(body).into_owned())),
        Media::Binary(_) => (quote!(Vec<u8>), quote!(body.to_vec())),
    })
}

/// `stream`, for an operation that answers server-sent events.
fn stream_method(api: &Api, op: &Operation) -> Option<TokenStream> {
    let (runtime, error, error_body) = (rt::runtime(), rt::error(), rt::error_body());
    let stream = op.stream.as_ref()?;
    let set_true = flag_assignment(api, op, true);
    let mutable = set_true.is_some().then(|| quote!(mut));
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
    Some(quote! {
        /// Sends the request in streaming mode and returns its events as they arrive.
        ///
        /// An error status before the stream starts is returned here; a malformed event is an
        /// `Err` item and the stream goes on; a broken connection or an idle timeout ends it.
        pub fn stream(#mutable self) -> impl ::std::future::Future<Output = Result<#runtime::EventStream<#item, #error_body>, #error>> {
            #set_true
            let parts = self.parts();
            self.client.#verb(parts, self.options, ERRORS, #done)
        }

        /// Like [`stream`](Self::stream), with each event's data as JSON, whatever type the
        /// document gives it.
        pub fn stream_raw(#mutable self) -> impl ::std::future::Future<Output = Result<#runtime::EventStream<serde_json::Value, #error_body>, #error>> {
            #set_true
            let parts = self.parts();
            self.client.send_sse(parts, self.options, ERRORS, #done)
        }
    })
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
    if op.errors.is_empty() {
        return Vec::new();
    }
    let statuses: Vec<String> = op
        .errors
        .iter()
        .map(|error| {
            let status = match error.status {
                StatusMatch::Default => "any other status".to_owned(),
                StatusMatch::Range(class) => format!("any {class}xx status"),
                StatusMatch::Code(code) => format!("HTTP {code}"),
            };
            let variant = &error.variant;
            format!(" - {status}: [`ErrorBody::{variant}`](crate::ErrorBody::{variant})")
        })
        .collect();
    let intro =
        " A failure status is an [`Error::Status`](crate::Error::Status) whose [`body()`](crate::Error::body) is:";
    [String::new(), " # Errors".to_owned(), String::new(), intro.to_owned()].into_iter().chain(statuses).collect()
}

/// `impl TextDeltas` for an event type with a text path: nested loops and `if let`s down the
/// path, pushing each string with its output index (the index field, else the position in the
/// last array, else 0).
pub fn text_deltas(api: &Api, op: &Operation) -> Option<(TypeRef, TokenStream)> {
    let stream = op.stream.as_ref()?;
    let (event, path) = (stream.event.as_ref()?, stream.text.as_ref()?);
    // The impl is the type's, not an alias's: copies of one shape share it, and its gate.
    let event = super::types::canonical(api, event, 0);
    let ty = rust_type(api, &event, false);
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
    Some((event, tokens))
}
