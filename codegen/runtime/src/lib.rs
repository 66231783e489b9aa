//! The runtime generated SDKs are built on, as a crate of its own so it compiles and is tested
//! here; codegen copies `src/runtime/` into every generated crate, where `crate::runtime::…`
//! paths stay the same.

pub mod runtime;
