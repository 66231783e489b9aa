//! Names the generated crate already uses, which names from a document must not take: the
//! runtime's public methods (read from its source, so the lists cannot drift from it), the
//! methods every request builder has, and the methods of the standard traits generated types
//! implement. [`crate::naming::Scope`]s are seeded from these.

use std::sync::OnceLock;

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

/// Methods of every request builder besides its inputs (emitted by `emit::operations`; a test
/// there checks this list against what it emits).
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

/// The constructors `emit` adds to the runtime's `Client` in each crate.
const CLIENT_CONSTRUCTORS: &[&str] = &["new", "builder", "from_env"];

/// Every method a `Client` has before operations are added: the runtime's methods, the
/// generated constructors and the standard traits' methods.
pub fn client_methods() -> &'static [String] {
    static METHODS: OnceLock<Vec<String>> = OnceLock::new();
    METHODS.get_or_init(|| {
        let mut methods = runtime_methods("Client");
        methods.extend(CLIENT_CONSTRUCTORS.iter().chain(TRAIT_METHODS).map(|m| (*m).to_owned()));
        methods.sort();
        methods.dedup();
        methods
    })
}

/// Names of the methods of the runtime's inherent `impl <type_name>` blocks, private ones included.
fn runtime_methods(type_name: &str) -> Vec<String> {
    let mut methods = Vec::new();
    for (_, source) in crate::runtime_files::FILES {
        // The runtime is compiled and tested in its own crate, so it always parses.
        let Ok(file) = syn::parse_file(source) else { continue };
        for item in file.items {
            let syn::Item::Impl(block) = item else { continue };
            let syn::Type::Path(self_ty) = block.self_ty.as_ref() else { continue };
            let named = self_ty.path.segments.last().is_some_and(|s| s.ident == type_name);
            if block.trait_.is_some() || !named {
                continue;
            }
            // Private methods too: every inherent impl of a type shares one namespace, whatever
            // the visibility, so an operation named `receive` would clash with a private helper.
            for inner in block.items {
                if let syn::ImplItem::Fn(f) = inner {
                    methods.push(f.sig.ident.to_string());
                }
            }
        }
    }
    methods
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_methods_come_from_the_runtime_source() {
        let methods = client_methods();
        for expected in ["send_json", "send_sse", "base_url", "receive", "execute", "new", "clone", "fmt"] {
            assert!(methods.iter().any(|m| m == expected), "{expected} missing from {methods:?}");
        }
    }
}
