//! Every built-in format mapping decodes what a server sends into its Rust type and writes it
//! back exactly; a malformed value is an error naming its field. With the config's renames,
//! overrides, `x-rust-type`, overlay and operation selection applied.

#[path = "../../round_trip.rs"]
mod round_trip;

use fixture_sdk_formats::extras::{Currency, Memo};
use fixture_sdk_formats::types::{LedgerEntry, Status};
use round_trip::round_trip;
use serde_json::json;
use std::str::FromStr;

fn entry() -> serde_json::Value {
    json!({
        "id": "5f0c6a52-3d9e-4b8e-9c55-0d8f0e2f7a11",
        // More digits than an f64 holds: kept to the last one.
        "amount": "1234567890.123456789012345678",
        "rate": 0.0725,
        "booked_at": "2024-02-29T23:59:59.123Z",
        "value_date": "2024-03-01",
        "receipt": "https://ledger.example.com/receipts/7?copy=1",
        "signature": "AAEC/w==",
        "sequence": "9007199254740993",
        "related": ["00000000-0000-0000-0000-000000000001"],
        "history": ["2024-01-01T00:00:00Z"],
        "corrections": {"vat": "0.20"},
        "settled_at": null,
        "fee": "0.10",
        "currency": "EUR",
        "memo": "paid",
        "status": "settled",
        "note": "from the overlay"
    })
}

#[test]
fn every_format_decodes_into_its_type_and_back_to_the_same_json() {
    let entry: LedgerEntry = round_trip(entry());
    assert_eq!(entry.id, uuid::Uuid::from_str("5f0c6a52-3d9e-4b8e-9c55-0d8f0e2f7a11").expect("uuid"));
    assert_eq!(entry.amount, rust_decimal::Decimal::from_str("1234567890.123456789012345678").expect("decimal"));
    assert_eq!(entry.rate, Some(rust_decimal::Decimal::from_str("0.0725").expect("decimal")));
    assert_eq!(entry.booked.to_rfc3339_opts(chrono::SecondsFormat::Millis, true), "2024-02-29T23:59:59.123Z");
    assert_eq!(entry.value_date, chrono::NaiveDate::from_ymd_opt(2024, 3, 1));
    assert_eq!(entry.receipt.as_ref().map(|u| u.path()), Some("/receipts/7"));
    assert_eq!(entry.signature.as_deref(), Some(&[0u8, 1, 2, 255][..]));
    // Above 2^53: a JSON number would have lost it.
    assert_eq!(entry.sequence, Some(9_007_199_254_740_993));
    assert_eq!(entry.related.as_ref().map(Vec::len), Some(1));
    assert_eq!(entry.history.as_ref().map(|h| h[0].timestamp()), Some(1_704_067_200));
    assert_eq!(entry.corrections.as_ref().map(|c| c["vat"].to_string()), Some("0.20".to_owned()));
    assert_eq!(entry.settled_at, Some(None), "null stays null");
    // `Money` is overridden in the config, `Currency` by the document's `x-rust-type`, `memo` per property.
    assert_eq!(entry.fee, Some(rust_decimal::Decimal::new(10, 2)));
    assert_eq!(entry.currency.as_ref().map(Currency::code), Some("EUR"));
    assert_eq!(entry.memo, Some(Memo("paid".to_owned())));
    // Renamed variant, and the property the overlay added.
    assert_eq!(entry.status, Some(Status::Closed));
    assert_eq!(entry.note.as_deref(), Some("from the overlay"));
}

#[test]
fn a_malformed_value_is_an_error_naming_its_field() {
    for (field, bad) in [
        ("id", json!("not-a-uuid")),
        ("amount", json!("12,5")),
        ("booked_at", json!("yesterday")),
        ("value_date", json!("2024-02-30")),
        ("receipt", json!("not a url")),
        ("signature", json!("***")),
        ("sequence", json!("12x")),
        ("rate", json!("a lot")),
        ("currency", json!("euro")),
    ] {
        let mut value = entry();
        value[field] = bad.clone();
        let error = serde_json::from_value::<LedgerEntry>(value).expect_err(field).to_string();
        assert!(error.contains(field), "{field} = {bad}: {error}");
    }
}

#[test]
fn constructors_and_setters_take_the_typed_values() {
    let id = uuid::Uuid::nil();
    let booked = chrono::DateTime::parse_from_rfc3339("2024-05-01T10:00:00+02:00").expect("date").to_utc();
    let entry = LedgerEntry::new(id, rust_decimal::Decimal::new(5, 0), booked).sequence(42i64).signature(vec![7u8]);
    let json = serde_json::to_value(&entry).expect("encodes");
    assert_eq!(json["id"], "00000000-0000-0000-0000-000000000000");
    assert_eq!(json["amount"], "5");
    assert_eq!(json["booked_at"], "2024-05-01T08:00:00Z");
    assert_eq!(json["sequence"], "42");
    assert_eq!(json["signature"], "Bw==");
}

#[path = "../../../../../generated-sdk/tests/support/mod.rs"]
mod support;

#[tokio::test]
async fn typed_parameters_are_written_as_their_formats_and_typed_replies_read() {
    use support::{Reply, Server};
    let body = serde_json::to_string(&json!([entry()])).expect("json");
    let server = Server::start(vec![Reply::json(200, &body), Reply::json(200, &entry().to_string())]).await;
    let client = fixture_sdk_formats::Client::builder().api_key("k").base_url(&server.url).build().expect("client");
    let since = chrono::DateTime::parse_from_rfc3339("2024-01-02T03:04:05Z").expect("date").to_utc();
    // `list_entries`, renamed `entries` in the config.
    let entries = client
        .entries()
        .since(since)
        .account(uuid::Uuid::nil())
        .day(chrono::NaiveDate::from_ymd_opt(2024, 1, 2).expect("date"))
        .send()
        .await
        .expect("entries");
    assert_eq!(entries[0].sequence, Some(9_007_199_254_740_993));
    let id = uuid::Uuid::from_str("5f0c6a52-3d9e-4b8e-9c55-0d8f0e2f7a11").expect("uuid");
    let one = client.get_entry(id).send().await.expect("entry");
    assert_eq!(one.id, id);
    let sent = server.recorded();
    assert_eq!(
        sent[0].path,
        "/entries?since=2024-01-02T03%3A04%3A05Z&account=00000000-0000-0000-0000-000000000000&day=2024-01-02"
    );
    assert_eq!(sent[1].path, "/entries/5f0c6a52-3d9e-4b8e-9c55-0d8f0e2f7a11");
}
