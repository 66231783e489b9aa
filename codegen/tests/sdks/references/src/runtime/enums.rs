// @generated: the runtime every generated crate carries (its tests run in the runtime crate). Do not edit.
//! Wire conversions of open string enums, shared by every generated enum: the value as text,
//! parsing (unknown text kept in `Unknown`), `Display` and serde.

/// Implements `as_str`, `From<&str>`, `From<String>`, `FromStr`, `Display`, `Serialize` and
/// `Deserialize` for an enum of unit variants plus `Unknown(String)`, given each known variant's
/// wire value. Every path is absolute: the expansion sits among the document's types, which may
/// be named `String`, `Result` or `From`.
#[allow(unused_macros)] // used by generated code; the runtime crate on its own has no enums
macro_rules! open_enum {
    ($name:ident { $($variant:ident => $wire:literal),* $(,)? }) => {
        impl $name {
            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    other => Self::Unknown(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match <Self as ::core::convert::From<&str>>::from(value.as_str()) {
                    Self::Unknown(_) => Self::Unknown(value),
                    known => known,
                }
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(<Self as ::core::convert::From<&str>>::from(value))
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                <::std::string::String as serde::Deserialize>::deserialize(deserializer)
                    .map(<Self as ::core::convert::From<::std::string::String>>::from)
            }
        }
    };
}

// Generated code names it as `crate::runtime::open_enum!`.
#[allow(unused_imports)] // see above
pub(crate) use open_enum;

