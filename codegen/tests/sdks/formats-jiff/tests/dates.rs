//! `dates = "jiff"`: `date-time` is `jiff::Timestamp` (RFC 3339), `date` is `jiff::civil::Date`,
//! in fields, arrays and nullables; a malformed one names its field.

#[path = "../../round_trip.rs"]
mod round_trip;

use fixture_sdk_formats_jiff::types::Entry;
use round_trip::round_trip;
use serde_json::json;

fn entry() -> serde_json::Value {
    json!({
        "id": "5f0c6a52-3d9e-4b8e-9c55-0d8f0e2f7a11",
        "amount": "10.50",
        "booked_at": "2024-02-29T23:59:59.123Z",
        "value_date": "2024-03-01",
        "history": ["2024-01-01T00:00:00Z"],
        "settled_at": null
    })
}

#[test]
fn dates_decode_into_jiff_types_and_back() {
    let entry: Entry = round_trip(entry());
    assert_eq!(entry.booked_at.as_millisecond(), 1_709_251_199_123);
    assert_eq!(entry.value_date, Some(jiff::civil::date(2024, 3, 1)));
    assert_eq!(entry.history.as_ref().map(|h| h[0].as_second()), Some(1_704_067_200));
    assert_eq!(entry.settled_at, Some(None));
}

#[test]
fn a_malformed_date_names_its_field() {
    for (field, bad) in [("booked_at", "2024-02-29"), ("value_date", "2024-02-30")] {
        let mut value = entry();
        value[field] = json!(bad);
        let error = serde_json::from_value::<Entry>(value).expect_err(field).to_string();
        assert!(error.contains(field), "{error}");
    }
}
