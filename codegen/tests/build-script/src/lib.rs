//! A crate holding an SDK its build script generates (see `build.rs`): the module `teams`.

include!(concat!(env!("OUT_DIR"), "/teams.rs"));
