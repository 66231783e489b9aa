//! Written by the crate's owner (listed under `modules` in `sdksmith.toml`): the types the
//! document's `x-rust-type` and the config's overrides name.

use serde::{Deserialize, Serialize};

/// An ISO 4217 currency code, checked when read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency(String);

impl Currency {
    /// The code.
    pub fn code(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Currency {
    type Error = String;

    fn try_from(code: String) -> Result<Self, String> {
        match code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) {
            true => Ok(Currency(code)),
            false => Err(format!("`{code}` is not a currency code")),
        }
    }
}

impl From<Currency> for String {
    fn from(currency: Currency) -> String {
        currency.0
    }
}

/// A memo, trimmed when read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String")]
pub struct Memo(pub String);

impl From<String> for Memo {
    fn from(text: String) -> Self {
        Memo(text.trim().to_owned())
    }
}
