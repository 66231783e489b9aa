//! The runtime every generated SDK carries a copy of, compiled and tested here as a crate of its
//! own. Its sources live in the generator's package (`codegen/src/runtime/`), which copies them
//! into every generated crate, where `crate::runtime::…` paths stay the same.

#[path = "../../src/runtime/mod.rs"]
pub mod runtime;
