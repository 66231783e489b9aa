//! Type definitions → Rust items: structs with constructors and setters, open string enums,
//! untagged and tagged unions, aliases.

use super::docs;
use super::runtime_paths as rt;
use crate::ir::{
    Api, Constant, Field, Fit, Kinds, Presence, Primitive, StringEnum, Struct, TaggedUnion, TypeDef, TypeKind, TypeRef,
    UnionVariant,
};
use crate::naming;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// How emitted model code names standard items: by their prelude names (`String`, `Option<T>`),
/// or by absolute paths where a type of the document takes the name.
#[derive(Clone, Copy)]
pub struct Std<'a> {
    shadowed: &'a [String],
}

impl<'a> Std<'a> {
    /// The names `api` leaves to the prelude.
    pub fn of(api: &'a Api) -> Self {
        Std { shadowed: &api.shadowed_std }
    }

    fn free(self, name: &str) -> bool {
        !self.shadowed.iter().any(|s| s == name)
    }

    /// `String`.
    pub fn string(self) -> TokenStream {
        if self.free("String") {
            quote!(String)
        } else {
            quote!(::std::string::String)
        }
    }

    /// `Vec<inner>`.
    pub fn vec(self, inner: TokenStream) -> TokenStream {
        if self.free("Vec") {
            quote!(Vec<#inner>)
        } else {
            quote!(::std::vec::Vec<#inner>)
        }
    }

    /// `Option<inner>`.
    pub fn option(self, inner: TokenStream) -> TokenStream {
        if self.free("Option") {
            quote!(Option<#inner>)
        } else {
            quote!(::std::option::Option<#inner>)
        }
    }

    /// The `Option::is_none` path for `skip_serializing_if`.
    pub fn is_none(self) -> &'static str {
        if self.free("Option") {
            "Option::is_none"
        } else {
            "::std::option::Option::is_none"
        }
    }

    /// `Box<inner>`.
    pub fn boxed(self, inner: TokenStream) -> TokenStream {
        if self.free("Box") {
            quote!(Box<#inner>)
        } else {
            quote!(::std::boxed::Box<#inner>)
        }
    }

    /// `Box::new(value)`.
    pub fn box_new(self, value: TokenStream) -> TokenStream {
        if self.free("Box") {
            quote!(Box::new(#value))
        } else {
            quote!(::std::boxed::Box::new(#value))
        }
    }

    /// The `Into` trait.
    pub fn into_trait(self) -> TokenStream {
        if self.free("Into") {
            quote!(Into)
        } else {
            quote!(::core::convert::Into)
        }
    }

    /// `value.into()`.
    pub fn into(self, value: TokenStream) -> TokenStream {
        if self.free("Into") {
            quote!(#value.into())
        } else {
            quote!(::core::convert::Into::into(#value))
        }
    }

    /// The `From` trait, for impls.
    pub fn convert_from(self) -> TokenStream {
        if self.free("From") {
            quote!(From)
        } else {
            quote!(::core::convert::From)
        }
    }

    /// `value.to_owned()`.
    pub fn to_owned(self, value: TokenStream) -> TokenStream {
        if self.free("ToOwned") {
            quote!(#value.to_owned())
        } else {
            quote!(::std::borrow::ToOwned::to_owned(#value))
        }
    }

    /// The `Default` trait.
    pub fn default_trait(self) -> TokenStream {
        if self.free("Default") {
            quote!(Default)
        } else {
            quote!(::core::default::Default)
        }
    }

    /// `Result`.
    pub fn result(self) -> TokenStream {
        if self.free("Result") {
            quote!(Result)
        } else {
            quote!(::core::result::Result)
        }
    }
}

/// An identifier for a snake_case name the IR holds, raw where it is a keyword.
pub fn snake_ident(name: &str) -> Ident {
    if naming::needs_raw(name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// The Rust type of a use of `ty`; `local` when written inside the `types` module.
pub fn rust_type(api: &Api, ty: &TypeRef, local: bool) -> TokenStream {
    match ty {
        TypeRef::Named(id) => {
            let name = format_ident!("{}", api.ty(*id).name);
            if local {
                quote!(#name)
            } else {
                quote!(crate::types::#name)
            }
        }
        TypeRef::Primitive(p) => match p {
            Primitive::String => Std::of(api).string(),
            Primitive::Secret => rt::secret_string(),
            Primitive::Bool => quote!(bool),
            Primitive::I32 => quote!(i32),
            Primitive::I64 => quote!(i64),
            Primitive::U32 => quote!(u32),
            Primitive::U64 => quote!(u64),
            Primitive::F32 => quote!(f32),
            Primitive::F64 => quote!(f64),
            Primitive::Bytes => Std::of(api).vec(quote!(u8)),
            Primitive::File => rt::file_part(),
        },
        TypeRef::Array(item) => {
            let item = rust_type(api, item, local);
            Std::of(api).vec(item)
        }
        TypeRef::Map(value) => {
            let value = rust_type(api, value, local);
            let string = Std::of(api).string();
            quote!(::std::collections::BTreeMap<#string, #value>)
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(api, inner, local);
            Std::of(api).option(inner)
        }
        TypeRef::Any => quote!(serde_json::Value),
    }
}

/// A field's value type, boxed if it closes a cycle (without the `Option`s of its presence).
pub fn value_type(api: &Api, field: &Field, local: bool) -> TokenStream {
    let ty = rust_type(api, &field.ty, local);
    if field.boxed {
        Std::of(api).boxed(ty)
    } else {
        ty
    }
}

/// A field's full type.
pub fn field_type(api: &Api, field: &Field, local: bool) -> TokenStream {
    let ty = value_type(api, field, local);
    match field.presence {
        Presence::Required => ty,
        Presence::RequiredNullable | Presence::Optional => Std::of(api).option(ty),
        Presence::OptionalNullable => Std::of(api).option(Std::of(api).option(ty)),
    }
}

/// The single value of a one-value string enum, which a constructor can fill in by itself.
pub fn constant_variant(api: &Api, field: &Field) -> Option<TokenStream> {
    let TypeRef::Named(id) = &field.ty else { return None };
    let def = api.resolved(*id);
    match (&def.kind, field.presence, field.boxed) {
        (TypeKind::Enum(e), Presence::Required, false) if e.variants.len() == 1 => {
            let (ty, variant) = (format_ident!("{}", def.name), format_ident!("{}", e.variants[0].name));
            Some(quote!(crate::types::#ty::#variant))
        }
        _ => None,
    }
}

/// Assigns `value` (of the field's value type) to `target.field`, wrapping it for its presence.
pub fn assign(api: &Api, field: &Field, target: TokenStream, value: TokenStream) -> TokenStream {
    let name = snake_ident(&field.name);
    let value = if field.boxed { Std::of(api).box_new(value) } else { value };
    match field.presence {
        Presence::Required => quote!(#target.#name = #value;),
        Presence::RequiredNullable | Presence::Optional => quote!(#target.#name = Some(#value);),
        Presence::OptionalNullable => {
            quote!(#target.#name = Some(Some(#value));)
        }
    }
}

/// The name of a struct's setter of `field` (an optional field's; its own name otherwise).
pub fn setter_name(field: &Field) -> Ident {
    snake_ident(field.setter.as_deref().unwrap_or(&field.name))
}

/// The `types` module's docs and attributes; its items are [`type_def`]s.
pub fn module_header(api: &Api) -> TokenStream {
    let keeps_unknown = api.types.iter().any(|t| matches!(&t.kind, TypeKind::Struct(s) if s.extra.is_some()));
    let unknown_fields = match keeps_unknown {
        true => " Fields the server adds later are kept in each struct's `extra` map and sent back.",
        false => " Fields the server adds later are ignored.",
    };
    quote! {
        //! Model types: one per schema of the document, and one per inline schema that needs a name.
        //!
        //! Structs are `#[non_exhaustive]`: build them with `new` (required fields) and the
        //! chained setters (optional fields). Enums keep values they do not know in `Unknown`.
        #![doc = #unknown_fields]
        #![allow(deprecated)] // deprecated items still use each other; users are warned at their own uses
    }
}

/// One type's items.
pub fn type_def(api: &Api, def: &TypeDef) -> TokenStream {
    let mut type_docs = def.docs.clone();
    if !docs::has_text(&type_docs) {
        type_docs.description = Some(docs::type_summary(api, def));
    }
    let mut doc = docs::attrs(&type_docs);
    if super::is_root_name(&def.name) {
        // `types::Error` beside `crate::Error`: say which is which.
        let note = format!(
            " This is a type of the API's document; the SDK's own [`{0}`](crate::{0}) is another item.",
            def.name
        );
        doc.extend(quote!(#[doc = ""] #[doc = #note]));
    }
    let name = format_ident!("{}", def.name);
    let body = match &def.kind {
        TypeKind::Struct(s) => struct_def(api, &name, s),
        TypeKind::Enum(e) => enum_def(api, &name, e),
        TypeKind::Untagged(variants) => untagged_def(api, &name, variants),
        TypeKind::Tagged(t) => tagged_def(api, &name, t),
        TypeKind::Alias(ty) => {
            let ty = rust_type(api, ty, true);
            quote!(pub type #name = #ty;)
        }
    };
    quote! { #doc #body }
}

fn struct_def(api: &Api, name: &Ident, s: &Struct) -> TokenStream {
    let std = Std::of(api);
    let string = std.string();
    let is_none = std.is_none();
    let default_trait = std.default_trait();
    let variant = s.variant.as_ref().map(|v| (snake_ident(&v.name), rust_type(api, &v.ty, true)));
    // Only a struct with a flattened variant is left to serde's derive (see `object_serde`).
    let derived = variant.is_some();
    let fields = s.fields.iter().map(|f| {
        let doc = docs::attrs_or(&f.docs, api, &f.ty, Some(f.presence));
        let ident = snake_ident(&f.name);
        let ty = field_type(api, f, true);
        let rename = (derived && f.wire_name != f.name).then(|| {
            let wire = &f.wire_name;
            quote!(#[serde(rename = #wire)])
        });
        let presence = match f.presence {
            _ if !derived => TokenStream::new(),
            Presence::Optional => quote!(#[serde(default, skip_serializing_if = #is_none)]),
            Presence::OptionalNullable => {
                let with = rt::NULLABLE_WITH;
                quote!(#[serde(default, skip_serializing_if = #is_none, with = #with)])
            }
            _ => TokenStream::new(),
        };
        quote! { #doc #rename #presence pub #ident: #ty, }
    });
    let fields: Vec<TokenStream> = fields.collect();
    let variant_field = variant.as_ref().map(|(ident, ty)| {
        quote! {
            /// Which of the shapes the object takes: its fields sit beside the ones above.
            #[serde(flatten)]
            pub #ident: #ty,
        }
    });
    let variant_arg = variant.as_ref().map(|(ident, ty)| {
        let into = std.into_trait();
        quote!(#ident: impl #into<#ty>)
    });
    let variant_init = variant.as_ref().map(|(ident, _)| {
        let value = std.into(quote!(#ident));
        quote!(#ident: #value,)
    });
    // With a variant, the derive would write a key twice if both sides held it: the struct's
    // own fields are written over the variant's instead.
    let (serde_derives, serde_impls) = match &variant {
        None => (TokenStream::new(), Some(object_serde(api, name, s))),
        Some((ident, _)) => {
            let names: Vec<Ident> = s.fields.iter().map(|f| snake_ident(&f.name)).collect();
            let merge = rt::union();
            let serialize = quote! {
                impl serde::Serialize for #name {
                    // Every field is cloned alike, whatever its type; `Own` keeps the fields' serde attributes.
                    #[allow(clippy::clone_on_copy)]
                    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        #[derive(serde::Serialize)]
                        struct Own { #(#fields)* }
                        let own = Own { #(#names: self.#names.clone(),)* };
                        #merge::serialize_merged(&own, &self.#ident, serializer)
                    }
                }
            };
            (quote!(serde::Deserialize,), Some(serialize))
        }
    };
    let extra_map = quote!(::serde_json::Map<#string, ::serde_json::Value>);
    let extra = s.extra.as_ref().map(|name| {
        let ident = snake_ident(name);
        let flatten = derived.then(|| quote!(#[serde(flatten)]));
        quote! {
            /// Fields the document does not declare, as received; they are sent back as they are.
            #flatten
            pub #ident: #extra_map,
        }
    });
    let extra_init = s.extra.as_ref().map(|name| {
        let ident = snake_ident(name);
        quote!(#ident: ::serde_json::Map::new(),)
    });
    let required: Vec<&Field> = s
        .fields
        .iter()
        .filter(|f| f.presence == Presence::Required || f.presence == Presence::RequiredNullable)
        .collect();
    let args: Vec<TokenStream> = required
        .iter()
        .filter(|f| constant_variant(api, f).is_none())
        .map(|f| {
            let ident = snake_ident(&f.name);
            let ty = field_type(api, f, true);
            {
                let into = std.into_trait();
                quote!(#ident: impl #into<#ty>)
            }
        })
        .collect();
    let default = (args.is_empty() && variant.is_none()).then(|| {
        quote! {
            impl #default_trait for #name {
                fn default() -> Self { Self::new() }
            }
        }
    });
    let inits = s.fields.iter().map(|f| {
        let ident = snake_ident(&f.name);
        match (f.presence, constant_variant(api, f)) {
            (_, Some(constant)) => quote!(#ident: #constant),
            (Presence::Required | Presence::RequiredNullable, None) => {
                let value = std.into(quote!(#ident));
                quote!(#ident: #value)
            }
            _ => quote!(#ident: None),
        }
    });
    let setters =
        s.fields.iter().filter(|f| matches!(f.presence, Presence::Optional | Presence::OptionalNullable)).map(|f| {
            // The field carries the documentation; the setter points at it (and shares its deprecation).
            let doc = format!(" Sets [`{0}`](Self::{0}).", f.name);
            let deprecated = docs::deprecated(&f.docs);
            let method = setter_name(f);
            let ty = rust_type(api, &f.ty, true);
            let assign = assign(api, f, quote!(self), std.into(quote!(value)));
            let into = std.into_trait();
            quote! {
                #[doc = #doc]
                #deprecated
                pub fn #method(mut self, value: impl #into<#ty>) -> Self { #assign self }
            }
        });
    let many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let args = args.into_iter().chain(variant_arg);
    quote! {
        #[derive(Debug, Clone, PartialEq, #serde_derives)]
        #[non_exhaustive]
        pub struct #name { #(#fields)* #variant_field #extra }

        impl #name {
            /// Creates a value from its required fields; set optional ones with the methods below.
            #many
            pub fn new(#(#args),*) -> Self { Self { #(#inits,)* #variant_init #extra_init } }
            #(#setters)*
        }
        #default
        #serde_impls
    }
}

/// `Serialize` and `Deserialize` of a struct without a flattened variant: one call into
/// `runtime::object` per field, in place of serde's derive (far less code for the compiler).
fn object_serde(api: &Api, name: &Ident, s: &Struct) -> TokenStream {
    let result = Std::of(api).result();
    let (fields, writer) = (rt::object_fields(), rt::object_writer());
    let type_name = name.to_string();
    // Required fields are read first, into a `let … else` (their one shared exit); the others
    // in place. `field0…` locals cannot shadow `fields`, whatever the document names its fields.
    let required: Vec<(usize, &Field)> =
        s.fields.iter().enumerate().filter(|(_, f)| f.presence == Presence::Required).collect();
    let local = |i: usize| format_ident!("field{}", i);
    let required_binding = (!required.is_empty()).then(|| {
        let locals = required.iter().map(|(i, _)| local(*i));
        let wires = required.iter().map(|(_, f)| &f.wire_name);
        quote! {
            let (#(Some(#locals),)*) = (#(fields.required(#wires),)*) else {
                return Err(fields.failure());
            };
        }
    });
    let reads = s.fields.iter().enumerate().map(|(i, f)| {
        let ident = snake_ident(&f.name);
        let wire = &f.wire_name;
        match f.presence {
            Presence::Required => {
                let local = local(i);
                // `field0: field0` would be a clippy warning: the shorthand then.
                match ident == local {
                    true => quote!(#ident,),
                    false => quote!(#ident: #local,),
                }
            }
            Presence::RequiredNullable | Presence::Optional => quote!(#ident: fields.optional(#wire),),
            Presence::OptionalNullable => quote!(#ident: fields.nullable(#wire),),
        }
    });
    let writes = s.fields.iter().map(|f| {
        let ident = snake_ident(&f.name);
        let wire = &f.wire_name;
        let write = match f.presence {
            Presence::Required | Presence::RequiredNullable => quote!(field),
            Presence::Optional => quote!(optional),
            Presence::OptionalNullable => quote!(nullable),
        };
        quote!(object.#write(#wire, &self.#ident);)
    });
    let (rest_read, rest_write) = match &s.extra {
        Some(extra) => {
            let ident = snake_ident(extra);
            (quote!(#ident: fields.rest(),), quote!(object.rest(&self.#ident);))
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

fn enum_def(api: &Api, name: &Ident, e: &StringEnum) -> TokenStream {
    let string = Std::of(api).string();
    let variants: Vec<Ident> = e.variants.iter().map(|v| format_ident!("{}", v.name)).collect();
    let wires: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
    let docs = wires.iter().map(|w| format!(" `{w}`"));
    quote! {
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #( #[doc = #docs] #variants, )*
            /// A value this version of the SDK does not know; kept as sent and sent back unchanged.
            Unknown(#string),
        }

        crate::runtime::open_enum!(#name { #(#variants => #wires),* });
    }
}

/// `From` impls for variants whose type no other variant shares, plus `From<&str>` for a lone string variant.
fn variant_froms(api: &Api, name: &Ident, variants: &[(Ident, &TypeRef, bool)]) -> TokenStream {
    let std = Std::of(api);
    let from = std.convert_from();
    let owned = std.to_owned(quote!(value));
    // Two variants whose types are the same Rust type (through aliases too) cannot both have one.
    let canonical: Vec<TypeRef> = variants.iter().map(|(_, ty, _)| canonical(api, ty, 0)).collect();
    let mut counts: BTreeMap<&TypeRef, usize> = BTreeMap::new();
    for ty in &canonical {
        *counts.entry(ty).or_default() += 1;
    }
    let unique = variants.iter().zip(&canonical).filter(|(_, ty)| counts[ty] == 1);
    let froms = unique.map(|((variant, ty, boxed), real)| {
        let rust = rust_type(api, ty, true);
        let value = if *boxed { std.box_new(quote!(value)) } else { quote!(value) };
        let str_from = (*real == TypeRef::Primitive(Primitive::String)).then(|| {
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
    quote!(#(#froms)*)
}

/// The type `ty` is in Rust once aliases are seen through (`pub type Id = String` is `String`).
pub(super) fn canonical(api: &Api, ty: &TypeRef, depth: usize) -> TypeRef {
    match ty {
        TypeRef::Named(id) if depth < 32 => match &api.ty(*id).kind {
            TypeKind::Alias(target) => canonical(api, target, depth + 1),
            _ => ty.clone(),
        },
        TypeRef::Array(item) => TypeRef::Array(Box::new(canonical(api, item, depth + 1))),
        TypeRef::Map(value) => TypeRef::Map(Box::new(canonical(api, value, depth + 1))),
        TypeRef::Nullable(inner) => TypeRef::Nullable(Box::new(canonical(api, inner, depth + 1))),
        _ => ty.clone(),
    }
}

/// Unions hold the document's alternatives as they are: a struct variant may be much larger than
/// a string one, and boxing it would burden every `match` for a few bytes, so that lint is allowed
/// on unions with a struct variant.
fn size_allowance<'a>(mut variants: impl Iterator<Item = &'a TypeRef>) -> TokenStream {
    if variants.any(|ty| matches!(ty, TypeRef::Named(_))) {
        quote!(#[allow(clippy::large_enum_variant)])
    } else {
        TokenStream::new()
    }
}

fn untagged_def(api: &Api, name: &Ident, variants: &[UnionVariant]) -> TokenStream {
    let std = Std::of(api);
    let result = std.result();
    let items = variants.iter().map(|v| {
        let doc = docs::attrs_or(&v.docs, api, &v.ty, None);
        let variant = format_ident!("{}", v.name);
        let ty = rust_type(api, &v.ty, true);
        let ty = if v.boxed { std.boxed(ty) } else { ty };
        quote!(#doc #variant(#ty),)
    });
    let idents: Vec<Ident> = variants.iter().map(|v| format_ident!("{}", v.name)).collect();
    let listed: Vec<(Ident, &TypeRef, bool)> =
        variants.iter().zip(&idents).map(|(v, i)| (i.clone(), &v.ty, v.boxed)).collect();
    let froms = variant_froms(api, name, &listed);
    let sizes = size_allowance(variants.iter().map(|v| &v.ty));
    let union = rt::union();
    let members = variants.iter().map(|v| member_fit(&api.fit(&v.ty)));
    let decoders = variants.iter().zip(&idents).enumerate().map(|(i, (v, variant))| {
        let wrap = match v.boxed {
            true => {
                let boxed = std.box_new(quote!(v));
                quote!(|v| Self::#variant(#boxed))
            }
            false => quote!(Self::#variant),
        };
        let i = proc_macro2::Literal::usize_unsuffixed(i);
        quote!(#i => serde::Deserialize::deserialize(value).map(#wrap),)
    });
    let type_name = name.to_string();
    quote! {
        #[derive(Debug, Clone, PartialEq)]
        #sizes
        pub enum #name { #(#items)* }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> #result<S::Ok, S::Error> {
                match self {
                    #(Self::#idents(v) => serde::Serialize::serialize(v, serializer),)*
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

/// A member's `union::Member` table entry (inside a `use … as u`).
fn member_fit(fit: &Fit) -> TokenStream {
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

fn tagged_def(api: &Api, name: &Ident, t: &TaggedUnion) -> TokenStream {
    let result = Std::of(api).result();
    let tag = &t.tag;
    let tagged = rt::union();
    let variants: Vec<Ident> = t.variants.iter().map(|v| format_ident!("{}", v.name)).collect();
    let items = t.variants.iter().zip(&variants).map(|(v, variant)| {
        let ty = rust_type(api, &v.ty, true);
        let ty = if v.boxed { Std::of(api).boxed(ty) } else { ty };
        let tags = v.tags.iter().map(|t| format!(" `{tag}: {t}`"));
        quote!(#(#[doc = #tags])* #variant(#ty),)
    });
    let decode = t.variants.iter().zip(&variants).map(|(v, variant)| {
        let wrap = if v.boxed {
            {
                let boxed = Std::of(api).box_new(quote!(v));
                quote!(|v| Self::#variant(#boxed))
            }
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
    let listed: Vec<(Ident, &TypeRef, bool)> =
        t.variants.iter().zip(&variants).map(|(v, i)| (i.clone(), &v.ty, v.boxed)).collect();
    let froms = variant_froms(api, name, &listed);
    let sizes = size_allowance(t.variants.iter().map(|v| &v.ty));
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
