//! Names the generated crate already uses, which names from a document must not take: the
//! client's public methods, the methods every request builder has, and the methods of the
//! standard traits generated types implement. The symbol provider's scopes are seeded from these.

/// Methods of the standard traits every generated type and the client implement or get from a
/// blanket impl (`Clone`, `Debug`, `PartialEq`, `Default`, `From`/`Into`, `ToOwned`, `ToString`,
/// `Borrow`, `Any`, serde's traits). An inherent method of the same name would shadow them.
pub const TRAIT_METHODS: &[&str] = &[
    "clone",
    "clone_from",
    "clone_into",
    "fmt",
    "eq",
    "ne",
    "default",
    "from",
    "into",
    "try_from",
    "try_into",
    "to_owned",
    "to_string",
    "borrow",
    "borrow_mut",
    "type_id",
    "serialize",
    "deserialize",
];

/// Prelude names (types and traits) that emitted model code uses. A document's type may take any
/// of them (its name is kept); emitted code then names that standard item by its absolute path.
pub const PRELUDE_TYPES: &[&str] = &["String", "Vec", "Option", "Box", "Result", "Default", "Into", "From", "ToOwned"];

/// Methods of every request builder besides its inputs (a test of the generated crates,
/// `codegen/tests/model.rs`, checks every builder method is one of these or an input's setter).
pub const BUILDER_METHODS: &[&str] = &[
    "new",
    "body",
    "options",
    "client",
    "parts",
    "timeout",
    "attempt_timeout",
    "max_retries",
    "header",
    "body_field",
    "send",
    "send_with_response",
    "send_raw",
    "stream",
    "stream_raw",
];

/// The methods a paginated operation's builder adds.
pub const PAGING_METHODS: &[&str] = &["pages", "items"];

/// Every method a `Client` has before operations are added: the runtime's public methods, the
/// constructors each crate adds, and the standard traits' methods. Operation names avoid these.
/// Only public methods are listed: the runtime's `Client` has no other inherent method (its
/// plumbing is on a type of its own), which a test below checks against the runtime's source.
pub const CLIENT_METHODS: &[&str] = &[
    "base_url",
    "new",
    "builder",
    "from_env",
    "clone",
    "clone_from",
    "clone_into",
    "fmt",
    "eq",
    "ne",
    "default",
    "from",
    "into",
    "try_from",
    "try_into",
    "to_owned",
    "to_string",
    "borrow",
    "borrow_mut",
    "type_id",
    "serialize",
    "deserialize",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Names of the methods of the runtime's inherent `impl <type_name>` blocks, private ones too:
    /// every inherent impl of a type shares one namespace, whatever the visibility.
    fn runtime_methods(type_name: &str) -> Vec<String> {
        let mut methods = Vec::new();
        for (_, _, source) in crate::runtime_files::FILES {
            let file = syn::parse_file(source).expect("the runtime parses");
            for item in file.items {
                let syn::Item::Impl(block) = item else { continue };
                let syn::Type::Path(self_ty) = block.self_ty.as_ref() else { continue };
                let named = self_ty.path.segments.last().is_some_and(|s| s.ident == type_name);
                if block.trait_.is_some() || !named {
                    continue;
                }
                for inner in block.items {
                    if let syn::ImplItem::Fn(f) = inner {
                        methods.push(f.sig.ident.to_string());
                    }
                }
            }
        }
        methods
    }

    /// An operation named like a method of the runtime's `Client` would clash with it, so every
    /// such method is a reserved name — and the list cannot grow unnoticed.
    #[test]
    fn the_runtime_client_has_only_reserved_methods() {
        let methods = runtime_methods("Client");
        assert!(methods.iter().any(|m| m == "base_url"), "{methods:?}");
        for method in &methods {
            assert!(CLIENT_METHODS.contains(&method.as_str()), "Client::{method} is not in CLIENT_METHODS");
        }
        for method in TRAIT_METHODS {
            assert!(CLIENT_METHODS.contains(method), "{method}");
        }
    }
}
