//! What the generated builders put on the wire for every parameter location and body kind, and
//! how they read each kind of response, against the loopback server of the SDK's tests.

#[path = "../../../../../generated-sdk/tests/support/mod.rs"]
mod support;

use fixture_sdk_operations::types::GetPetFilter;
use fixture_sdk_operations::Client;
use support::{Reply, Server};

fn client(server: &Server) -> Client {
    Client::builder().api_key("token-1").base_url(&server.url).build().expect("client")
}

#[tokio::test]
async fn parameters_go_to_path_query_headers_and_cookies() {
    let server = Server::start(vec![Reply::json(200, r#"{"name":"Rex"}"#)]).await;
    #[allow(deprecated)] // getPet is deprecated in the fixture
    let pet = client(&server)
        .get_pet("a b/c", "trace-9")
        .fields(vec!["name".to_owned(), "age".to_owned()])
        .session("s 1;x")
        .theme("dark")
        .filter(GetPetFilter::new().status("open"))
        .tags(vec!["a".to_owned(), "b".to_owned()])
        .ids(vec![1, 2])
        .send()
        .await
        .expect("pet");
    assert_eq!(pet.name, "Rex");
    let sent = &server.recorded()[0];
    assert_eq!(sent.path, "/pets/a%20b%2Fc?fields=name&fields=age&filter%5Bstatus%5D=open&tags=a%2Cb&ids=1%7C2");
    assert_eq!(sent.header("x-trace"), Some("trace-9"));
    assert_eq!(sent.header("cookie"), Some("session=s%201%3Bx; theme=dark"));
    assert_eq!(sent.header("authorization"), Some("Bearer token-1"));
}

#[tokio::test]
async fn text_and_binary_bodies_travel_as_they_are() {
    let html = Reply {
        status: Some(200),
        headers: vec![("content-type".into(), "text/html".into())],
        chunks: vec![(Default::default(), b"<p>hi</p>".to_vec())],
    };
    let zip =
        Reply { status: Some(200), headers: vec![], chunks: vec![(Default::default(), vec![0x50, 0x4b, 0x03, 0x04])] };
    let server = Server::start(vec![html, zip]).await;
    let hl = client(&server);
    assert_eq!(hl.render().body("# hi").send().await.expect("render"), "<p>hi</p>");
    assert_eq!(hl.upload_file("f.bin", vec![1u8, 2, 3]).send().await.expect("upload"), [0x50, 0x4b, 0x03, 0x04]);
    let sent = server.recorded();
    assert_eq!(
        (sent[0].header("content-type"), sent[0].header("accept"), sent[0].body.as_slice()),
        (Some("text/plain"), Some("text/html"), &b"# hi"[..])
    );
    assert_eq!(
        (sent[1].header("content-type"), sent[1].body.as_slice()),
        (Some("application/octet-stream"), &[1u8, 2, 3][..])
    );
}

#[tokio::test]
async fn optional_body_left_out_and_empty_responses() {
    let server = Server::start(vec![Reply::json(204, ""), Reply::json(200, "not json at all")]).await;
    let hl = client(&server);
    hl.patch_settings().send().await.expect("no body, no content");
    hl.delete_all().send().await.expect("a body the document does not declare is ignored");
    let sent = server.recorded();
    assert!(sent[0].body.is_empty() && sent[0].header("content-type").is_none(), "{:?}", sent[0]);
    assert_eq!(sent[1].header("authorization"), None, "deleteAll has `security: []`");
}

#[tokio::test]
async fn without_a_declared_sentinel_every_event_is_data() {
    use futures_util::StreamExt;
    // The document declares no `x-stream-done`: `[DONE]` is just an event that does not decode,
    // and the stream ends with the body.
    let body = "data: {\"name\":\"Rex\"}\n\ndata: [DONE]\n\ndata: {\"name\":\"Max\"}\n\n";
    let server = Server::start(vec![Reply::sse(vec![body.as_bytes().to_vec()]).status(201)]).await;
    let events: Vec<_> = client(&server).post_pets("Rex").stream().await.expect("stream starts").collect().await;
    assert_eq!(events.len(), 3, "{events:?}");
    assert!(events[0].is_ok() && events[1].is_err() && events[2].is_ok(), "{events:?}");
}

#[tokio::test]
async fn each_success_status_decodes_into_its_own_variant() {
    use fixture_sdk_operations::operations::adopt::AdoptReply;
    let replies = vec![
        Reply::json(200, r#"{"name":"Rex"}"#),
        Reply::json(202, r#"{"ticket":"t-1"}"#),
        Reply::json(204, ""),
        Reply::json(207, "receipt 9"),
    ];
    let server = Server::start(replies).await;
    let client = client(&server);
    let mut replies = Vec::new();
    for _ in 0..4 {
        replies.push(client.adopt("p1").send().await.expect("a success"));
    }
    match &replies[..] {
        [AdoptReply::Ok(pet), AdoptReply::Accepted(queued), AdoptReply::NoContent, AdoptReply::Success(receipt)] => {
            assert_eq!(pet.name, "Rex");
            assert_eq!(queued.ticket.as_deref(), Some("t-1"));
            assert_eq!(receipt, "receipt 9", "2XX covers the statuses no code names");
        }
        other => panic!("wrong variants: {other:?}"),
    }
    assert_eq!(server.recorded()[0].path, "/pets/p1/adoption");
}

#[tokio::test]
async fn an_operation_sends_the_first_of_its_schemes_whose_credentials_are_set() {
    let server = Server::start(vec![Reply::json(204, "")]).await;
    let sent = |i: usize, name: &str| server.recorded()[i].header(name).map(str::to_owned);
    // The API key (bearer) alone satisfies neither alternative: nothing is sent.
    client(&server).patch_settings().send().await.expect("sent");
    assert_eq!((sent(0, "authorization"), sent(0, "x-admin-key"), sent(0, "cookie")), (None, None, None));
    // The admin key alone is the first alternative.
    let admin = Client::builder().api_key("token-1").credential("adminKey", "adm-1").base_url(&server.url);
    admin.build().expect("client").patch_settings().send().await.expect("sent");
    assert_eq!((sent(1, "authorization"), sent(1, "x-admin-key")), (None, Some("adm-1".to_owned())));
    // A session cookie completes the second: the bearer token and the cookie go together.
    let session = Client::builder().api_key("token-1").credential("session", "s-1").base_url(&server.url);
    let session = session.build().expect("client");
    session.patch_settings().send().await.expect("sent");
    assert_eq!(
        (sent(2, "authorization"), sent(2, "cookie")),
        (Some("Bearer token-1".to_owned()), Some("sid=s-1".to_owned()))
    );
    // A cookie credential and cookie parameters share one header.
    session.patch_settings().theme("dark").send().await.expect("sent");
    assert_eq!(sent(3, "cookie"), Some("sid=s-1; theme=dark".to_owned()));
    // Operations without security of their own still send the API key alone.
    session.render().send().await.expect("sent");
    assert_eq!((sent(4, "authorization"), sent(4, "cookie")), (Some("Bearer token-1".to_owned()), None));
    assert!(!format!("{session:?}").contains("s-1"), "a credential never shows in Debug");
    let unknown = Client::builder().credential("admin", "x").build().expect_err("no such scheme");
    assert!(unknown.to_string().contains("`admin`") && unknown.to_string().contains("adminKey"), "{unknown}");
}
