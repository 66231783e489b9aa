//! The `types` module's items, printed: structs with constructors, setters and serde, open string
//! enums, unions, tagged unions, aliases.

use super::runtime_paths as rt;
use super::{doc_attrs, ident, Printer};
use crate::ir::{Constant, Kinds, Presence};
use crate::model::{
    EnumItem, FromImpl, Init, RustType, StructItem, StructSerde, TaggedItem, TypeBody, TypeItem, UnionItem,
};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

impl Printer<'_> {
    /// The `types` module's inner docs and attributes; its items follow, one chunk each.
    pub fn types_header(&self) -> TokenStream {
        let lines = &self.model.types_docs;
        quote! {
            #(#![doc = #lines])*
            #![allow(deprecated)] // deprecated items still use each other; users are warned at their own uses
        }
    }

    /// One type's items.
    pub fn type_item(&self, item: &TypeItem) -> TokenStream {
        let doc = doc_attrs(&item.doc);
        let name = format_ident!("{}", item.name);
        let body = match &item.body {
            TypeBody::Struct(s) => self.struct_item(&name, s),
            TypeBody::Enum(e) => self.enum_item(&name, e),
            TypeBody::Union(u) => self.union_item(&name, u),
            TypeBody::Tagged(t) => self.tagged_item(&name, t),
            TypeBody::Alias(ty) => {
                let ty = self.local(ty);
                quote!(pub type #name = #ty;)
            }
        };
        quote! { #doc #body }
    }

    fn struct_item(&self, name: &Ident, s: &StructItem) -> TokenStream {
        let std = self.std;
        let string = std.string();
        let is_none = std.is_none();
        let derived = s.serde == StructSerde::Flattened;
        let fields: Vec<TokenStream> = s
            .fields
            .iter()
            .map(|f| {
                let doc = doc_attrs(&f.doc);
                let field = ident(&f.name);
                let ty = self.local(&f.ty);
                let rename = (derived && f.wire != f.name).then(|| {
                    let wire = &f.wire;
                    quote!(#[serde(rename = #wire)])
                });
                let presence = match (f.presence, self.codec(&f.value, true)) {
                    _ if !derived => TokenStream::new(),
                    (presence, Some(codec)) => self.derived_codec(presence, codec),
                    (Presence::Optional, None) => quote!(#[serde(default, skip_serializing_if = #is_none)]),
                    (Presence::OptionalNullable, None) => {
                        let with = rt::NULLABLE_WITH;
                        quote!(#[serde(default, skip_serializing_if = #is_none, with = #with)])
                    }
                    _ => TokenStream::new(),
                };
                quote! { #doc #rename #presence pub #field: #ty, }
            })
            .collect();
        let flattened = s.flattened.as_ref().map(|v| (ident(&v.name), self.local(&v.ty)));
        let flattened_field = s.flattened.as_ref().zip(flattened.as_ref()).map(|(v, (field, ty))| {
            let doc = super::doc_attrs(&v.doc);
            quote! {
                #doc
                #[serde(flatten)]
                pub #field: #ty,
            }
        });
        // With a flattened union, the derive would write a key twice if both sides held it: the
        // struct's own fields are written over the union's instead.
        let (serde_derives, serde_impls) = match &flattened {
            None => (TokenStream::new(), self.object_serde(name, s)),
            Some((field, _)) => {
                let names: Vec<Ident> = s.fields.iter().map(|f| ident(&f.name)).collect();
                let merge = rt::union();
                let serialize = quote! {
                    impl serde::Serialize for #name {
                        // Every field is cloned alike, whatever its type; `Own` keeps the fields' serde attributes.
                        #[allow(clippy::clone_on_copy)]
                        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                            #[derive(serde::Serialize)]
                            struct Own { #(#fields)* }
                            let own = Own { #(#names: self.#names.clone(),)* };
                            #merge::serialize_merged(&own, &self.#field, serializer)
                        }
                    }
                };
                (quote!(serde::Deserialize,), serialize)
            }
        };
        let extra_map = quote!(::serde_json::Map<#string, ::serde_json::Value>);
        let extra = s.extra.as_ref().map(|extra| {
            let field = ident(extra);
            let flatten = derived.then(|| quote!(#[serde(flatten)]));
            quote! {
                /// Fields the document does not declare, as received; they are sent back as they are.
                #flatten
                pub #field: #extra_map,
            }
        });
        let extra_init = s.extra.as_ref().map(|extra| {
            let field = ident(extra);
            quote!(#field: ::serde_json::Map::new(),)
        });
        let into = std.into_trait();
        let args = s.constructor.args.iter().map(|(arg, ty)| {
            let arg = ident(arg);
            let ty = self.local(ty);
            quote!(#arg: impl #into<#ty>)
        });
        let inits = s.fields.iter().zip(&s.constructor.inits).map(|(f, init)| {
            let field = ident(&f.name);
            match init {
                Init::Constant { ty, variant } => {
                    let (types, ty, variant) = (rt::types(), format_ident!("{}", ty), format_ident!("{}", variant));
                    quote!(#field: #types::#ty::#variant)
                }
                Init::Arg => {
                    let value = std.into(quote!(#field));
                    quote!(#field: #value)
                }
                Init::None => quote!(#field: None),
            }
        });
        let flattened_init = flattened.as_ref().map(|(field, _)| {
            let value = std.into(quote!(#field));
            quote!(#field: #value,)
        });
        let setters = s.fields.iter().filter_map(|f| {
            let setter = f.setter.as_ref()?;
            let doc = doc_attrs(&setter.doc);
            let method = ident(&setter.name);
            let ty = self.local(&setter.takes);
            let assign = self.assign(&f.name, f.presence, f.boxed, quote!(self), std.into(quote!(value)));
            Some(quote! {
                #doc
                pub fn #method(mut self, value: impl #into<#ty>) -> Self { #assign self }
            })
        });
        let many = s.constructor.many.then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let default_trait = std.default_trait();
        let default = s.default.then(|| {
            quote! {
                impl #default_trait for #name {
                    fn default() -> Self { Self::new() }
                }
            }
        });
        quote! {
            #[derive(Debug, Clone, PartialEq, #serde_derives)]
            #[non_exhaustive]
            pub struct #name { #(#fields)* #flattened_field #extra }

            impl #name {
                /// Creates a value from its required fields; set optional ones with the methods below.
                #many
                pub fn new(#(#args),*) -> Self { Self { #(#inits,)* #flattened_init #extra_init } }
                #(#setters)*
            }
            #default
            #serde_impls
        }
    }

    /// Assigns `value` (of the field's value type) to `target.field`, wrapped for its presence.
    pub fn assign(
        &self,
        field: &str,
        presence: Presence,
        boxed: bool,
        target: TokenStream,
        value: TokenStream,
    ) -> TokenStream {
        let field = ident(field);
        let value = if boxed { self.std.box_new(value) } else { value };
        match presence {
            Presence::Required => quote!(#target.#field = #value;),
            Presence::RequiredNullable | Presence::Optional => quote!(#target.#field = Some(#value);),
            Presence::OptionalNullable => quote!(#target.#field = Some(Some(#value));),
        }
    }

    /// `Serialize` and `Deserialize` of a struct without a flattened union: one call into
    /// `runtime::object` per field, in place of serde's derive (far less code for the compiler).
    fn object_serde(&self, name: &Ident, s: &StructItem) -> TokenStream {
        let result = self.std.result();
        let (fields, writer) = (rt::object_fields(), rt::object_writer());
        let type_name = name.to_string();
        // Required fields are read first, into a `let … else` (their one shared exit); the others
        // in place. `field0…` locals cannot shadow `fields`, whatever the document names its fields.
        let required: Vec<usize> =
            s.fields.iter().enumerate().filter(|(_, f)| f.presence == Presence::Required).map(|(i, _)| i).collect();
        let local = |i: usize| format_ident!("field{}", i);
        let required_binding = (!required.is_empty()).then(|| {
            let locals = required.iter().map(|i| local(*i));
            let reads = required.iter().map(|i| {
                let field = &s.fields[*i];
                let wire = &field.wire;
                match self.codec(&field.value, true) {
                    Some(codec) => quote!(fields.required_as::<#codec>(#wire)),
                    None => quote!(fields.required(#wire)),
                }
            });
            quote! {
                let (#(Some(#locals),)*) = (#(#reads,)*) else {
                    return Err(fields.failure());
                };
            }
        });
        let reads = s.fields.iter().enumerate().map(|(i, f)| {
            let field = ident(&f.name);
            let wire = &f.wire;
            if let (Some(codec), false) = (self.codec(&f.value, true), f.presence == Presence::Required) {
                return match f.presence {
                    Presence::OptionalNullable => quote!(#field: fields.nullable_as::<#codec>(#wire),),
                    _ => quote!(#field: fields.optional_as::<#codec>(#wire),),
                };
            }
            match f.presence {
                Presence::Required => {
                    let local = local(i);
                    // `field0: field0` would be a clippy warning: the shorthand then.
                    match field == local {
                        true => quote!(#field,),
                        false => quote!(#field: #local,),
                    }
                }
                Presence::RequiredNullable | Presence::Optional => quote!(#field: fields.optional(#wire),),
                Presence::OptionalNullable => quote!(#field: fields.nullable(#wire),),
            }
        });
        let writes = s.fields.iter().map(|f| {
            let field = ident(&f.name);
            let wire = &f.wire;
            if let Some(codec) = self.codec(&f.value, true) {
                let nullable = rt::codec();
                return match f.presence {
                    Presence::Required => quote!(object.field_as::<#codec>(#wire, &self.#field);),
                    Presence::RequiredNullable => {
                        quote!(object.field_as::<#nullable::Nullable<#codec>>(#wire, &self.#field);)
                    }
                    Presence::Optional => quote!(object.optional_as::<#codec>(#wire, &self.#field);),
                    Presence::OptionalNullable => quote!(object.nullable_as::<#codec>(#wire, &self.#field);),
                };
            }
            let write = match f.presence {
                Presence::Required | Presence::RequiredNullable => quote!(field),
                Presence::Optional => quote!(optional),
                Presence::OptionalNullable => quote!(nullable),
            };
            quote!(object.#write(#wire, &self.#field);)
        });
        let (rest_read, rest_write) = match &s.extra {
            Some(extra) => {
                let field = ident(extra);
                (quote!(#field: fields.rest(),), quote!(object.rest(&self.#field);))
            }
            None => (TokenStream::new(), TokenStream::new()),
        };
        // A struct with nothing to read or write still checks that it gets an object.
        let (fields_binding, object_binding) = match s.fields.is_empty() && s.extra.is_none() {
            true => (quote!(fields), quote!(object)),
            false => (quote!(mut fields), quote!(mut object)),
        };
        quote! {
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> #result<S::Ok, S::Error> {
                    let #object_binding = #writer::start(serializer);
                    #(#writes)*
                    #rest_write
                    object.end()
                }
            }

            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> #result<Self, D::Error> {
                    let #fields_binding = #fields::read(deserializer, #type_name)?;
                    #required_binding
                    let value = Self { #(#reads)* #rest_read };
                    fields.end(value)
                }
            }
        }
    }

    fn enum_item(&self, name: &Ident, e: &EnumItem) -> TokenStream {
        let (string, runtime) = (self.std.string(), rt::runtime());
        let variants: Vec<Ident> = e.variants.iter().map(|(v, _)| format_ident!("{}", v)).collect();
        let wires: Vec<&str> = e.variants.iter().map(|(_, w)| w.as_str()).collect();
        let docs = wires.iter().map(|w| format!(" `{w}`"));
        quote! {
            #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[non_exhaustive]
            pub enum #name {
                #( #[doc = #docs] #variants, )*
                /// A value this version of the SDK does not know; kept as sent and sent back unchanged.
                Unknown(#string),
            }

            #runtime::open_enum!(#name { #(#variants => #wires),* });
        }
    }

    /// `From` impls, plus `From<&str>` for a lone string variant.
    fn froms(&self, name: &Ident, froms: &[FromImpl]) -> TokenStream {
        let std = self.std;
        let from = std.convert_from();
        let owned = std.to_owned(quote!(value));
        let impls = froms.iter().map(|f| {
            let variant = format_ident!("{}", f.variant);
            let rust = self.local(&f.from);
            let value = if f.boxed { std.box_new(quote!(value)) } else { quote!(value) };
            let str_from = f.from_str.then(|| {
                quote! {
                    impl #from<&str> for #name {
                        fn from(value: &str) -> Self { Self::#variant(#owned) }
                    }
                }
            });
            quote! {
                impl #from<#rust> for #name {
                    fn from(value: #rust) -> Self { Self::#variant(#value) }
                }
                #str_from
            }
        });
        quote!(#(#impls)*)
    }

    fn union_item(&self, name: &Ident, u: &UnionItem) -> TokenStream {
        let std = self.std;
        let result = std.result();
        let items = u.variants.iter().map(|v| {
            let doc = doc_attrs(&v.doc);
            let variant = format_ident!("{}", v.name);
            let ty = self.local(&v.ty);
            let ty = if v.boxed { std.boxed(ty) } else { ty };
            quote!(#doc #variant(#ty),)
        });
        let idents: Vec<Ident> = u.variants.iter().map(|v| format_ident!("{}", v.name)).collect();
        let froms = self.froms(name, &u.froms);
        let sizes = u.large.then(|| quote!(#[allow(clippy::large_enum_variant)]));
        let union = rt::union();
        let members = u.variants.iter().map(|v| member_fit(&v.fit));
        let decoders = u.variants.iter().zip(&idents).enumerate().map(|(i, (v, variant))| {
            let wrap = match v.boxed {
                true => {
                    let boxed = std.box_new(quote!(v));
                    quote!(|v| Self::#variant(#boxed))
                }
                false => quote!(Self::#variant),
            };
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            match self.codec(&v.ty, true) {
                Some(codec) => {
                    let c = rt::codec();
                    quote!(#i => <#codec as #c::Codec>::decode(value.clone()).map(#wrap).map_err(serde::de::Error::custom),)
                }
                None => quote!(#i => serde::Deserialize::deserialize(value).map(#wrap),),
            }
        });
        let encoders = u.variants.iter().zip(&idents).map(|(v, variant)| match self.codec(&v.ty, true) {
            Some(codec) => {
                let c = rt::codec();
                quote!(Self::#variant(v) => serde::Serialize::serialize(&<#codec as #c::Codec>::encode(v), serializer),)
            }
            None => quote!(Self::#variant(v) => serde::Serialize::serialize(v, serializer),),
        });
        let type_name = name.to_string();
        quote! {
            #[derive(Debug, Clone, PartialEq)]
            #sizes
            pub enum #name { #(#items)* }

            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> #result<S::Ok, S::Error> {
                    match self {
                        #(#encoders)*
                    }
                }
            }

            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> #result<Self, D::Error> {
                    use #union as u;
                    // What tells the members apart: the value goes to the member it fits best.
                    const MEMBERS: &[u::Member] = &[#(#members),*];
                    u::decode_untagged(deserializer, #type_name, MEMBERS, |member, value| match member {
                        #(#decoders)*
                        _ => #result::Err(serde::de::Error::custom("no such member")),
                    })
                }
            }
            #froms
        }
    }

    fn tagged_item(&self, name: &Ident, t: &TaggedItem) -> TokenStream {
        let std = self.std;
        let result = std.result();
        let tag = &t.tag;
        let tagged = rt::union();
        let variants: Vec<Ident> = t.variants.iter().map(|v| format_ident!("{}", v.name)).collect();
        let items = t.variants.iter().zip(&variants).map(|(v, variant)| {
            let ty = self.local(&v.ty);
            let ty = if v.boxed { std.boxed(ty) } else { ty };
            let tags = v.tags.iter().map(|t| format!(" `{tag}: {t}`"));
            quote!(#(#[doc = #tags])* #variant(#ty),)
        });
        let decode = t.variants.iter().zip(&variants).map(|(v, variant)| {
            let wrap = if v.boxed {
                let boxed = std.box_new(quote!(v));
                quote!(|v| Self::#variant(#boxed))
            } else {
                quote!(Self::#variant)
            };
            let patterns = v.tags.iter().map(|t| match t {
                Constant::String(text) => quote!(Some(#tagged::Tag::Str(#text))),
                Constant::Integer(number) => {
                    let number = proc_macro2::Literal::i64_unsuffixed(*number);
                    quote!(Some(#tagged::Tag::Int(#number)))
                }
            });
            quote!(#(#patterns)|* => serde_json::from_value(value).map(#wrap).map_err(serde::de::Error::custom),)
        });
        let encode = t.variants.iter().zip(&variants).map(|(v, variant)| {
            let first = constant(&v.tags[0]);
            quote!(Self::#variant(v) => #tagged::serialize_with_tag(v, #tag, #tagged::#first, serializer),)
        });
        let froms = self.froms(name, &t.froms);
        let sizes = t.large.then(|| quote!(#[allow(clippy::large_enum_variant)]));
        quote! {
            #[derive(Debug, Clone, PartialEq)]
            #[non_exhaustive]
            #sizes
            pub enum #name {
                #(#items)*
                /// A tag this version of the SDK does not know; the whole object is kept.
                Unknown(serde_json::Value),
            }

            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> #result<S::Ok, S::Error> {
                    match self {
                        #(#encode)*
                        Self::Unknown(value) => serde::Serialize::serialize(value, serializer),
                    }
                }
            }

            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> #result<Self, D::Error> {
                    let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                    match #tagged::tag_of(&value, #tag) {
                        #(#decode)*
                        _ => Ok(Self::Unknown(value)),
                    }
                }
            }
            #froms
        }
    }

    /// A type written inside the `types` module.
    fn local(&self, ty: &RustType) -> TokenStream {
        self.rust_type(ty, true)
    }

    /// The codec that reads and writes values of `ty`, when a codec reads some part of them
    /// (`List<Nullable<I64String>>` for `Vec<Option<i64>>` sent as text); `local` inside `types`.
    pub fn codec(&self, ty: &RustType, local: bool) -> Option<TokenStream> {
        ty.has_codec().then(|| self.codec_of(ty, local))
    }

    fn codec_of(&self, ty: &RustType, local: bool) -> TokenStream {
        let c = rt::codec();
        match ty {
            RustType::Codec { codec, .. } => rt::codec_kind(*codec),
            RustType::Vec(inner) => {
                let inner = self.codec_of(inner, local);
                quote!(#c::List<#inner>)
            }
            RustType::Option(inner) => {
                let inner = self.codec_of(inner, local);
                quote!(#c::Nullable<#inner>)
            }
            RustType::Map(inner) => {
                let inner = self.codec_of(inner, local);
                quote!(#c::Map<#inner>)
            }
            RustType::Box(inner) => {
                let inner = self.codec_of(inner, local);
                quote!(#c::Boxed<#inner>)
            }
            other => {
                let plain = self.rust_type(other, local);
                quote!(#c::Plain<#plain>)
            }
        }
    }

    /// The serde attributes of a derived struct's field read by `codec`, for its presence.
    fn derived_codec(&self, presence: Presence, codec: TokenStream) -> TokenStream {
        let c = rt::codec();
        let is_none = self.std.is_none();
        let whole = match presence {
            Presence::Required => codec,
            Presence::RequiredNullable | Presence::Optional => quote!(#c::Nullable<#codec>),
            Presence::OptionalNullable => quote!(#c::Nullable<#c::Nullable<#codec>>),
        };
        let deserialize = format!("{}::deserialize::<_, {}>", c, whole).replace(' ', "");
        let serialize = format!("{}::serialize::<_, {}>", c, whole).replace(' ', "");
        match presence {
            Presence::Required | Presence::RequiredNullable => {
                quote!(#[serde(deserialize_with = #deserialize, serialize_with = #serialize)])
            }
            Presence::Optional | Presence::OptionalNullable => quote! {
                #[serde(default, skip_serializing_if = #is_none, deserialize_with = #deserialize, serialize_with = #serialize)]
            },
        }
    }
}

/// A member's `union::Member` table entry (inside a `use … as u`).
fn member_fit(fit: &crate::ir::Fit) -> TokenStream {
    let kinds = |kinds: Kinds| {
        let names = kinds.names().into_iter().map(|n| format_ident!("{}", n));
        quote!(#(u::#names)|*)
    };
    let own = kinds(fit.kinds);
    let values = fit.values.iter().map(constant);
    let required = &fit.required;
    let properties = fit.properties.iter().map(|(wire, k)| {
        let k = kinds(*k);
        quote!((#wire, #k))
    });
    let constants = fit.constants.iter().map(|(wire, values)| {
        let values = values.iter().map(constant);
        quote!((#wire, &[#(u::#values),*]))
    });
    quote! {
        u::Member {
            kinds: #own,
            values: &[#(u::#values),*],
            required: &[#(#required),*],
            properties: &[#(#properties),*],
            constants: &[#(#constants),*],
        }
    }
}

/// A constant as the runtime's `Constant` (without its path).
fn constant(value: &Constant) -> TokenStream {
    match value {
        Constant::String(text) => quote!(Constant::Str(#text)),
        Constant::Integer(number) => {
            let number = proc_macro2::Literal::i64_unsuffixed(*number);
            quote!(Constant::Int(#number))
        }
    }
}
