// @generated: the runtime every generated crate carries (its tests run in the runtime crate). Do not edit.
//! Decimals sent as JSON numbers (`type: number, format: decimal`), as `rust_decimal::Decimal`.
//! Copied only into crates that map decimals to `rust_decimal`.
//!
//! A JSON number reaches a struct's field as an `f64`: the decimal is read from the shortest text
//! that gives that `f64` back, exact for the 15 significant digits an `f64` holds (money's amounts
//! are far shorter). It is written as a JSON number the same way. Decimals sent as strings need
//! no codec: `rust_decimal`'s own serde form is the string.

use crate::runtime::codec::Codec;
use serde_json::Value;
use std::str::FromStr;

/// `rust_decimal::Decimal` as a JSON number.
pub struct DecimalNumber;

impl Codec for DecimalNumber {
    type Value = rust_decimal::Decimal;
    fn decode(json: Value) -> Result<Self::Value, String> {
        let text = match &json {
            Value::Number(n) => n.to_string(),
            // Some servers send the text anyway.
            Value::String(text) => text.clone(),
            _ => return Err("invalid type: expected a decimal number".into()),
        };
        rust_decimal::Decimal::from_str(&text)
            .or_else(|_| rust_decimal::Decimal::from_scientific(&text))
            .map_err(|e| format!("invalid decimal {text}: {e}"))
    }
    fn encode(value: &Self::Value) -> Value {
        let text = value.normalize().to_string();
        serde_json::from_str::<Value>(&text).unwrap_or(Value::String(text))
    }
}

