//! Paths of the standard items printed code names (`String`, `Option`, `Into`…), in full where a
//! type of the document takes the prelude name.

use proc_macro2::TokenStream;
use quote::quote;

/// How printed code names standard items: by their prelude names (`String`, `Option<T>`), or by
/// absolute paths where a type of the document takes the name (the model lists those).
#[derive(Clone, Copy)]
pub struct Std<'a> {
    shadowed: &'a [String],
}

impl<'a> Std<'a> {
    /// Standard items, `shadowed` ones named in full.
    pub fn new(shadowed: &'a [String]) -> Self {
        Std { shadowed }
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
