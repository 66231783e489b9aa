//! An error body told apart by its constant `type` decodes into its member on a real response.

#[path = "../../../../../generated-sdk/tests/support/mod.rs"]
mod support;

use fixture_sdk_decoding::types::Error;
use fixture_sdk_decoding::{Client, ErrorBody};
use support::{Reply, Server};

#[tokio::test]
async fn each_error_status_decodes_as_the_member_its_type_names() {
    let not_found = r#"{"type":"object_not_found_error","status":404,"title":"No such item","detail":null}"#;
    let invalid = r#"{"type":"invalid_parameters_error","status":400,"title":"Bad","errors":[{"field":"depth"}]}"#;
    let server = Server::start(vec![Reply::json(404, not_found), Reply::json(400, invalid)]).await;
    let client = Client::builder().api_key("k").base_url(&server.url).max_retries(0).build().expect("client");
    let missing = client.get_item("f_1").send().await.expect_err("a 404");
    assert_eq!(missing.status().map(|s| s.as_u16()), Some(404));
    match missing.body() {
        Some(ErrorBody::Error(Error::ObjectNotFound(body))) => assert_eq!(body.title, "No such item"),
        other => panic!("404 decoded as {other:?}"),
    }
    let bad = client.get_item("f_1").depth(2).send().await.expect_err("a 400");
    match bad.body() {
        Some(ErrorBody::Error(Error::InvalidParameters(body))) => assert_eq!(body.errors.len(), 1),
        other => panic!("400 decoded as {other:?}"),
    }
    assert_eq!(server.recorded()[1].path, "/items/f_1?depth=2");
}

#[tokio::test]
async fn a_response_body_the_document_allows_to_be_null_decodes_as_none() {
    let server = Server::start(vec![Reply::json(200, "null"), Reply::json(200, r#"{"login":"octocat"}"#)]).await;
    let client = Client::builder().api_key("k").base_url(&server.url).max_retries(0).build().expect("client");
    let nobody = client.get_user().send().await.expect("null is an answer");
    assert!(nobody.is_none(), "{nobody:?}");
    let someone = client.get_user().send().await.expect("a user");
    assert_eq!(someone.map(|user| user.login).as_deref(), Some("octocat"));
}

/// Dates named only by an answer: the crate depends on chrono for them, and they decode as dates.
#[tokio::test]
async fn an_answer_of_dates_decodes_as_dates() {
    let server = Server::start(vec![Reply::json(200, r#"["2024-12-25","2025-01-01"]"#)]).await;
    let client = Client::builder().api_key("k").base_url(&server.url).max_retries(0).build().expect("client");
    let holidays = client.list_holidays().send().await.expect("dates");
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a date");
    assert_eq!(holidays, [date(2024, 12, 25), date(2025, 1, 1)]);
}
