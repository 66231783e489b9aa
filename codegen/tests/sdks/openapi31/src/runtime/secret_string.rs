// @generated: the runtime every generated crate carries (its tests run in the runtime crate). Do not edit.
//! A string that never shows itself in `Debug` or `Display` (API keys, provider keys, `format:
//! password` values), and the collection of the secrets a request body carries while it is
//! serialised, so errors can redact them.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::RefCell;
use std::fmt;

/// What a redacted secret prints as.
pub(crate) const REDACTED: &str = "[REDACTED]";

thread_local! {
    /// Secrets met while serialising a request body (see [`collect_secrets`]).
    static SEEN: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// Runs `f` (a serialisation) and returns the secrets it wrote, so errors can redact them.
pub(crate) fn collect_secrets<R>(f: impl FnOnce() -> R) -> (R, Vec<String>) {
    let previous = SEEN.with(|seen| seen.replace(Some(Vec::new())));
    let result = f();
    let secrets = SEEN.with(|seen| seen.replace(previous)).unwrap_or_default();
    (result, secrets)
}

/// A secret string: serialised as-is on the wire, printed as `[REDACTED]`.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct SecretString(String);

impl SecretString {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Self {
        SecretString(secret.into())
    }

    /// The secret itself; call only where it must be sent.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl From<String> for SecretString {
    fn from(secret: String) -> Self {
        SecretString(secret)
    }
}

impl From<&str> for SecretString {
    fn from(secret: &str) -> Self {
        SecretString(secret.to_owned())
    }
}

impl Serialize for SecretString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        SEEN.with(|seen| {
            if let Some(seen) = seen.borrow_mut().as_mut() {
                seen.push(self.0.clone());
            }
        });
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SecretString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(SecretString)
    }
}

