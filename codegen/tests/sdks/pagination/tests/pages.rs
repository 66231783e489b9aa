//! Every pagination style walked against a loopback server: which requests the walk makes, the
//! items it yields in order, and where it stops (the last page, an empty page, a repeated cursor,
//! a cap, a failed page, a link to another origin).

#[path = "../../../../../generated-sdk/tests/support/mod.rs"]
mod support;

use fixture_sdk_pagination::types::Pet;
use fixture_sdk_pagination::{Client, Error, ErrorBody, RetryPolicy};
use futures_util::StreamExt;
use std::time::Duration;
use support::{Reply, Server};

fn client(server: &Server) -> Client {
    let policy = RetryPolicy { initial_backoff: Duration::from_millis(1), ..RetryPolicy::default() };
    Client::builder().api_key("token-1").base_url(&server.url).retry_policy(policy).build().expect("client")
}

/// The request targets (path and query) the server saw, in order.
fn targets(server: &Server) -> Vec<String> {
    server.recorded().into_iter().map(|r| r.path).collect()
}

fn names(items: Vec<Result<Pet, Error>>) -> Vec<String> {
    items.into_iter().map(|item| item.expect("an item").name).collect()
}

fn pets(names: &[&str]) -> String {
    let pets: Vec<String> = names.iter().map(|n| format!(r#"{{"id":"id-{n}","name":"{n}"}}"#)).collect();
    format!("[{}]", pets.join(","))
}

#[tokio::test]
async fn a_cursor_is_taken_from_each_page_until_the_last_has_none() {
    let server = Server::start(vec![
        Reply::json(200, &format!(r#"{{"data":{},"next_cursor":"c2"}}"#, pets(&["a", "b"]))),
        Reply::json(200, &format!(r#"{{"data":{},"next_cursor":null}}"#, pets(&["c"]))),
    ])
    .await;
    let items: Vec<_> = client(&server).list_by_cursor().limit(2).items().collect().await;
    assert_eq!(names(items), ["a", "b", "c"]);
    assert_eq!(targets(&server), ["/cursor?limit=2", "/cursor?limit=2&cursor=c2"]);
    let auth = server.recorded().iter().map(|r| r.header("authorization").map(str::to_owned)).collect::<Vec<_>>();
    assert_eq!(auth, [Some("Bearer token-1".to_owned()), Some("Bearer token-1".to_owned())]);
}

#[tokio::test]
async fn a_repeated_cursor_or_an_empty_page_ends_the_walk() {
    let same = format!(r#"{{"data":{},"next_cursor":"c1"}}"#, pets(&["a"]));
    let server = Server::start(vec![Reply::json(200, &same), Reply::json(200, &same), Reply::json(200, &same)]).await;
    let pages: Vec<_> = client(&server).list_by_cursor().cursor("c0").pages().collect().await;
    assert_eq!(pages.len(), 2, "the second page names the cursor that gave it");
    assert_eq!(targets(&server), ["/cursor?cursor=c0", "/cursor?cursor=c1"]);

    let empty = r#"{"data":[],"next_cursor":"c9"}"#;
    let server = Server::start(vec![Reply::json(200, empty), Reply::json(200, empty)]).await;
    let pages: Vec<_> = client(&server).list_by_cursor().pages().collect().await;
    let page = pages.into_iter().next().expect("one page").expect("a success");
    assert!(page.data.data.is_empty());
    assert_eq!(server.recorded().len(), 1, "no request after an empty page");
}

#[tokio::test]
async fn starting_after_takes_the_last_items_id_while_the_page_has_more() {
    let server = Server::start(vec![
        Reply::json(200, &format!(r#"{{"data":{},"has_more":true}}"#, pets(&["a", "b"]))),
        Reply::json(200, &format!(r#"{{"data":{},"has_more":false}}"#, pets(&["c"]))),
    ])
    .await;
    let items: Vec<_> = client(&server).list_after().items().collect().await;
    assert_eq!(names(items), ["a", "b", "c"]);
    assert_eq!(targets(&server), ["/after", "/after?starting_after=id-b"]);
}

#[tokio::test]
async fn an_offset_grows_by_the_items_of_each_page_until_the_total() {
    let server = Server::start(vec![
        Reply::json(200, &format!(r#"{{"items":{},"meta":{{"total_count":6}}}}"#, pets(&["a", "b"]))),
        Reply::json(200, &format!(r#"{{"items":{},"meta":{{"total_count":6}}}}"#, pets(&["c", "d"]))),
        Reply::json(200, &format!(r#"{{"items":{},"meta":{{"total_count":6}}}}"#, pets(&["e"]))),
    ])
    .await;
    let items: Vec<_> = client(&server).list_by_offset().offset(1).limit(2).items().collect().await;
    assert_eq!(names(items), ["a", "b", "c", "d", "e"]);
    assert_eq!(
        targets(&server),
        ["/offset?offset=1&limit=2", "/offset?limit=2&offset=3", "/offset?limit=2&offset=5"],
        "the caller's offset is the start; the third page reaches the total, so none follows"
    );
}

#[tokio::test]
async fn a_page_number_starts_where_the_schema_says_and_stops_when_no_more() {
    let server = Server::start(vec![
        Reply::json(200, &format!(r#"{{"results":{},"pagination":{{"hasNextPage":true}}}}"#, pets(&["a"]))),
        Reply::json(200, &format!(r#"{{"results":{},"pagination":{{"hasNextPage":false}}}}"#, pets(&["b"]))),
    ])
    .await;
    let items: Vec<_> = client(&server).list_by_page().items().collect().await;
    assert_eq!(names(items), ["a", "b"]);
    assert_eq!(targets(&server), ["/pages", "/pages?page=1"], "pages count from the schema's default, 0");
}

#[tokio::test]
async fn the_config_files_pagination_is_followed() {
    let server = Server::start(vec![
        Reply::json(200, &format!(r#"{{"rows":{},"more":true}}"#, pets(&["a"]))),
        Reply::json(200, &format!(r#"{{"rows":{},"more":false}}"#, pets(&["b"]))),
    ])
    .await;
    let items: Vec<_> = client(&server).list_configured().p(4).items().collect().await;
    assert_eq!(names(items), ["a", "b"]);
    assert_eq!(targets(&server), ["/configured?p=4", "/configured?p=5"]);
}

#[tokio::test]
async fn githubs_link_header_is_followed_to_the_last_page() {
    let next = |page: u32| {
        format!(
            r#"<http://{{{{header:host}}}}/linked?per_page=1&page={page}>; rel="next", <http://{{{{header:host}}}}/linked?per_page=1&page=3>; rel="last""#
        )
    };
    let server = Server::start(vec![
        Reply::json(200, &pets(&["a"])).header("link", &next(2)),
        Reply::json(200, &pets(&["b"])).header("link", &next(3)),
        Reply::json(200, &pets(&["c"]))
            .header("link", r#"<http://{{header:host}}/linked?per_page=1&page=1>; rel="first""#),
    ])
    .await;
    let pages: Vec<_> = client(&server).list_linked().per_page(1).pages().collect().await;
    let pages: Vec<_> = pages.into_iter().map(|page| page.expect("a page")).collect();
    assert_eq!(pages.iter().map(|p| p.data[0].name.as_str()).collect::<Vec<_>>(), ["a", "b", "c"]);
    assert!(pages.iter().all(|p| p.status == 200 && p.headers.contains_key("link")), "each page keeps its headers");
    assert_eq!(targets(&server), ["/linked?per_page=1", "/linked?per_page=1&page=2", "/linked?per_page=1&page=3"]);
    assert!(server.recorded().iter().all(|r| r.header("authorization") == Some("Bearer token-1")));
}

#[tokio::test]
async fn a_link_to_another_origin_is_never_followed() {
    let server = Server::start(vec![
        Reply::json(200, &pets(&["a"])).header("link", r#"<http://attacker.test/collect?page=2>; rel="next""#),
        Reply::json(200, &pets(&["b"])),
    ])
    .await;
    let items: Vec<_> = client(&server).list_linked().items().collect().await;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().expect("the first page's item").name, "a");
    let error = items[1].as_ref().expect_err("the walk ends with an error");
    let message = error.to_string();
    assert!(message.contains("another origin (http://attacker.test)"), "{message}");
    assert!(!message.contains("token-1"));
    assert_eq!(server.recorded().len(), 1, "nothing is sent for the foreign link");

    // Another port of the same host is another origin too.
    let server = Server::start(vec![Reply::json(
        200,
        &format!(r#"{{"results":{},"next":"http://127.0.0.1:1/next-link?page=2"}}"#, pets(&["a"])),
    )])
    .await;
    let items: Vec<_> = client(&server).list_by_next_link().items().collect().await;
    assert!(items[1].as_ref().is_err_and(|e| e.to_string().contains("another origin")));
    assert_eq!(server.recorded().len(), 1);
}

#[tokio::test]
async fn a_next_link_in_the_page_may_be_relative() {
    let server = Server::start(vec![
        Reply::json(200, &format!(r#"{{"count":2,"next":"/next-link?page=2","results":{}}}"#, pets(&["a"]))),
        Reply::json(200, &format!(r#"{{"count":2,"next":null,"results":{}}}"#, pets(&["b"]))),
    ])
    .await;
    let items: Vec<_> = client(&server).list_by_next_link().items().collect().await;
    assert_eq!(names(items), ["a", "b"]);
    assert_eq!(targets(&server), ["/next-link", "/next-link?page=2"]);
}

#[tokio::test]
async fn declared_styles_follow_their_paths() {
    // Azure's `x-ms-pageable`, with an absolute link.
    let server = Server::start(vec![
        Reply::json(
            200,
            &format!(r#"{{"value":{},"nextLink":"http://{{{{header:host}}}}/azure?$skiptoken=x"}}"#, pets(&["a"])),
        ),
        Reply::json(200, &format!(r#"{{"value":{}}}"#, pets(&["b"]))),
    ])
    .await;
    assert_eq!(names(client(&server).list_azure().items().collect().await), ["a", "b"]);
    assert_eq!(targets(&server), ["/azure", "/azure?$skiptoken=x"]);
    // Fern's `x-fern-pagination`, the cursor one object down.
    let server = Server::start(vec![
        Reply::json(200, &format!(r#"{{"entries":{},"meta":{{"after":"t2"}}}}"#, pets(&["a"]))),
        Reply::json(200, &format!(r#"{{"entries":{},"meta":{{}}}}"#, pets(&["b"]))),
    ])
    .await;
    assert_eq!(names(client(&server).list_fern().items().collect().await), ["a", "b"]);
    assert_eq!(targets(&server), ["/fern", "/fern?token=t2"]);
    // Our own `x-pagination`: an integer cursor, and `has-more` ends the walk.
    let server = Server::start(vec![
        Reply::json(200, &format!(r#"{{"rows":{},"paging":{{"following":7,"more":true}}}}"#, pets(&["a"]))),
        Reply::json(200, &format!(r#"{{"rows":{},"paging":{{"following":8,"more":false}}}}"#, pets(&["b"]))),
    ])
    .await;
    assert_eq!(names(client(&server).list_declared().items().collect().await), ["a", "b"]);
    assert_eq!(targets(&server), ["/declared", "/declared?pos=7"]);
    // Dropshot's `x-dropshot-pagination`.
    let server = Server::start(vec![
        Reply::json(200, &format!(r#"{{"items":{},"next_page":"p2"}}"#, pets(&["a"]))),
        Reply::json(200, &format!(r#"{{"items":{},"next_page":null}}"#, pets(&["b"]))),
    ])
    .await;
    assert_eq!(names(client(&server).list_dropshot().items().collect().await), ["a", "b"]);
    assert_eq!(targets(&server), ["/dropshot", "/dropshot?page_token=p2"]);
}

#[tokio::test]
async fn caps_end_the_walk_before_the_next_request() {
    let page = |n: u32| Reply::json(200, &format!(r#"{{"data":{},"next_cursor":"c{n}"}}"#, pets(&["a", "b"])));
    let server = Server::start(vec![page(1), page(2), page(3), page(4)]).await;
    let pages: Vec<_> = client(&server).list_by_cursor().pages().max_pages(2).collect().await;
    assert_eq!(pages.len(), 2);
    assert_eq!(server.recorded().len(), 2);

    let server = Server::start(vec![page(1), page(2), page(3), page(4)]).await;
    let items: Vec<_> = client(&server).list_by_cursor().items().max_items(3).collect().await;
    assert_eq!(items.len(), 3);
    assert_eq!(server.recorded().len(), 2, "the third item is on the second page; no third is asked for");
}

#[tokio::test]
async fn each_page_is_retried_and_a_failed_page_ends_the_walk_with_its_typed_error() {
    let server = Server::start(vec![
        Reply::json(200, &format!(r#"{{"data":{},"next_cursor":"c2"}}"#, pets(&["a"]))),
        Reply::json(503, "{}"),
        Reply::json(200, &format!(r#"{{"data":{},"next_cursor":"c3"}}"#, pets(&["b"]))),
        Reply::json(400, r#"{"message":"cursor expired"}"#),
        Reply::json(200, &format!(r#"{{"data":{}}}"#, pets(&["z"]))),
    ])
    .await;
    let items: Vec<_> = client(&server).list_by_cursor().items().collect().await;
    assert_eq!(items.len(), 3, "two items, then the failure, then nothing");
    assert_eq!(items[1].as_ref().expect("the retried page's item").name, "b");
    let error = items[2].as_ref().expect_err("the 400");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    match error.body() {
        Some(ErrorBody::Problem(problem)) => assert_eq!(problem.message.as_deref(), Some("cursor expired")),
        other => panic!("expected the typed body, got {other:?}"),
    }
    assert_eq!(targets(&server), ["/cursor", "/cursor?cursor=c2", "/cursor?cursor=c2", "/cursor?cursor=c3"]);
}

#[tokio::test]
async fn a_page_that_does_not_decode_is_an_error_with_its_body() {
    let server = Server::start(vec![Reply::json(200, r#"{"data":[{"id":"1"}]}"#)]).await;
    let items: Vec<_> = client(&server).list_by_cursor().items().collect().await;
    assert_eq!(items.len(), 1);
    match &items[0] {
        Err(Error::Decode(decode)) => assert!(decode.body.text().contains(r#""id":"1""#)),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_empty_page_that_says_more_follow_does_not_end_the_walk() {
    let server = Server::start(vec![
        Reply::json(200, r#"{"results":[],"pagination":{"hasNextPage":true}}"#),
        Reply::json(200, &format!(r#"{{"results":{},"pagination":{{"hasNextPage":false}}}}"#, pets(&["b"]))),
    ])
    .await;
    assert_eq!(names(client(&server).list_by_page().items().collect().await), ["b"]);
    assert_eq!(server.recorded().len(), 2);
}

#[tokio::test]
async fn a_server_that_ignores_the_offset_does_not_loop_the_walk() {
    let same = Reply::json(200, &format!(r#"{{"items":{},"meta":{{"total_count":100}}}}"#, pets(&["a", "b"])));
    let server = Server::start(vec![same]).await;
    let items: Vec<_> = client(&server).list_by_offset().items().collect().await;
    assert_eq!(names(items), ["a", "b", "a", "b"], "the second page repeats the first: the walk ends there");
    assert_eq!(server.recorded().len(), 2);
}

#[tokio::test]
async fn a_followed_links_query_never_shows_in_an_error() {
    let server = Server::start(vec![
        Reply::json(200, &pets(&["a"])).header("link", r#"</linked?sig=s3cret-signature&page=2>; rel="next""#),
        Reply::silent(),
    ])
    .await;
    let policy = RetryPolicy { initial_backoff: Duration::from_millis(1), max_retries: 0, ..RetryPolicy::default() };
    let client = Client::builder().api_key("key-9f3a").base_url(&server.url).retry_policy(policy);
    let client = client.timeout(Duration::from_millis(300)).build().expect("client");
    let items: Vec<_> = client.list_linked().items().collect().await;
    let error = items[1].as_ref().expect_err("the second page times out");
    let (shown, debug) = (error.to_string(), format!("{error:?}"));
    assert!(shown.contains("/linked"), "{shown}");
    assert!(!shown.contains("s3cret") && !debug.contains("s3cret"), "{debug}");
}
