// @generated: the runtime every generated crate carries (its tests run in the runtime crate). Do not edit.
//! Dates in `time`'s types, read and written as RFC 3339 (`date-time`) and ISO 8601 calendar
//! dates (`date`): `time`'s own serde form is neither. Copied only into crates whose config maps
//! dates to `time`.

use crate::runtime::codec::Codec;
use serde_json::Value;

/// `time::OffsetDateTime` as RFC 3339 text (`2023-01-02T03:04:05Z`).
pub struct Rfc3339;

impl Codec for Rfc3339 {
    type Value = time::OffsetDateTime;
    fn decode(json: Value) -> Result<Self::Value, String> {
        let Value::String(text) = json else { return Err("invalid type: expected an RFC 3339 date-time".into()) };
        time::OffsetDateTime::parse(&text, &time::format_description::well_known::Rfc3339)
            .map_err(|e| format!("invalid date-time {text:?}: {e}"))
    }
    fn encode(value: &Self::Value) -> Value {
        let text = value.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        Value::String(text)
    }
}

/// `time::Date` as `YYYY-MM-DD`.
pub struct IsoDate;

const DATE: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

impl Codec for IsoDate {
    type Value = time::Date;
    fn decode(json: Value) -> Result<Self::Value, String> {
        let Value::String(text) = json else { return Err("invalid type: expected a date (YYYY-MM-DD)".into()) };
        time::Date::parse(&text, DATE).map_err(|e| format!("invalid date {text:?}: {e}"))
    }
    fn encode(value: &Self::Value) -> Value {
        Value::String(value.format(DATE).unwrap_or_default())
    }
}

