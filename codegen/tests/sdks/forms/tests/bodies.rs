//! Multipart and urlencoded bodies as a server sees them: each request is parsed with a real
//! multipart parser (multer), and names, file names, media types and bytes are checked.

#[path = "../../../../../generated-sdk/tests/support/mod.rs"]
mod support;

use fixture_sdk_forms::types::{CreateFileRequestPurpose, CustomerFormAddress, EditImageRequestOptions};
use fixture_sdk_forms::{Client, FilePart};
use support::{Recorded, Reply, Server};

/// One parsed part.
#[derive(Debug, PartialEq)]
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    bytes: Vec<u8>,
}

fn part(name: &str, file_name: Option<&str>, content_type: Option<&str>, bytes: &[u8]) -> Part {
    Part {
        name: name.to_owned(),
        file_name: file_name.map(str::to_owned),
        content_type: content_type.map(str::to_owned),
        bytes: bytes.to_vec(),
    }
}

async fn parts_of(request: &Recorded) -> Vec<Part> {
    let content_type = request.header("content-type").expect("a content type");
    let boundary = multer::parse_boundary(content_type).expect("a multipart boundary");
    let body = bytes::Bytes::from(request.body.clone());
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut parts = Vec::new();
    while let Some(field) = multipart.next_field().await.expect("a well-formed multipart body") {
        let name = field.name().expect("every part is named").to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(ToString::to_string);
        let bytes = field.bytes().await.expect("the part's content").to_vec();
        parts.push(Part { name, file_name, content_type, bytes });
    }
    parts
}

fn client(server: &Server) -> Client {
    Client::builder().base_url(&server.url).api_key("k").build().expect("client")
}

#[tokio::test]
async fn a_file_and_a_text_field_arrive_as_parts() {
    let server = Server::start(vec![Reply::json(200, r#"{"id": "f1", "bytes": 4}"#)]).await;
    let file = FilePart::bytes(&b"a,b\n"[..]).file_name("data.csv").content_type("text/csv");
    let stored = client(&server).upload_file(file, CreateFileRequestPurpose::FineTune).send().await.expect("uploaded");
    assert_eq!(stored.id.as_deref(), Some("f1"));
    let request = &server.recorded()[0];
    assert_eq!(request.path, "/files");
    assert!(request.header("content-length").is_some(), "a body held in memory has a length");
    assert_eq!(
        parts_of(request).await,
        [part("file", Some("data.csv"), Some("text/csv"), b"a,b\n"), part("purpose", None, None, b"fine-tune")]
    );
}

#[tokio::test]
async fn files_from_paths_and_readers_stream_with_their_names_and_types() {
    let dir = std::env::temp_dir().join(format!("forms-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("big.png");
    // Larger than any one read, so the file arrives in several chunks.
    let content: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&path, &content).expect("write the file");

    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let images =
        vec![FilePart::path(&path), FilePart::bytes(&b"GIF89a"[..]).file_name("b.gif").content_type("image/gif")];
    client(&server)
        .edit_image(images, "a cat")
        .mask(FilePart::reader(&b"mask bytes"[..]).file_name("mask.png"))
        .n(2)
        .tags(vec!["x".to_owned(), "y".to_owned()])
        // `options` is a builder method of its own, so the field's setter is `options_2`.
        .options_2(EditImageRequestOptions::new().quality("high"))
        .send()
        .await
        .expect("sent");
    let request = &server.recorded()[0];
    assert_eq!(request.header("transfer-encoding"), Some("chunked"), "a file on disk is streamed");
    assert_eq!(
        parts_of(request).await,
        [
            // The document accepts `image/png, image/jpeg`: a list, so not this part's type.
            part("image", Some("big.png"), Some("application/octet-stream"), &content),
            part("image", Some("b.gif"), Some("image/gif"), b"GIF89a"),
            // The document's `encoding` gives the mask's media type.
            part("mask", Some("mask.png"), Some("image/png"), b"mask bytes"),
            part("prompt", None, None, b"a cat"),
            part("n", None, None, b"2"),
            part("tags", None, None, b"x"),
            part("tags", None, None, b"y"),
            part("options", None, Some("application/json"), br#"{"quality":"high"}"#),
        ]
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[tokio::test]
async fn a_retry_sends_the_files_again_but_a_reader_is_never_retried() {
    let dir = std::env::temp_dir().join(format!("forms-retry-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("notes.txt");
    std::fs::write(&path, "some notes").expect("write the file");

    // Uploads are POSTs, which are retried after a 503 only when the policy says the API is
    // safe to repeat (or the operation takes an idempotency key).
    let retrying = |server: &Server| {
        let policy = fixture_sdk_forms::RetryPolicy { retry_non_idempotent: true, ..Default::default() };
        Client::builder().base_url(&server.url).api_key("k").retry_policy(policy).build().expect("client")
    };
    let retried = vec![Reply::json(503, "{}").header("retry-after", "0"), Reply::json(200, "{}")];
    let server = Server::start(retried.clone()).await;
    retrying(&server).upload_file(FilePart::path(&path), "assistants").send().await.expect("sent on the retry");
    let requests = server.recorded();
    assert_eq!(requests.len(), 2);
    let expected = [
        part("file", Some("notes.txt"), Some("application/octet-stream"), b"some notes"),
        part("purpose", None, None, b"assistants"),
    ];
    assert_eq!(parts_of(&requests[0]).await, expected);
    assert_eq!(parts_of(&requests[1]).await, expected, "the file is read again for the retry");

    let server = Server::start(retried).await;
    let error =
        retrying(&server).upload_file(FilePart::reader(&b"once"[..]), "assistants").send().await.expect_err("503");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(server.recorded().len(), 1, "a reader can be read once, so no retry");
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[tokio::test]
async fn an_optional_body_is_sent_only_when_set() {
    let server = Server::start(vec![Reply::json(204, "")]).await;
    let client = client(&server);
    client.add_note().send().await.expect("no body");
    client.add_note().body(fixture_sdk_forms::types::AddNoteRequest::new().text("hi")).send().await.expect("a body");
    let requests = server.recorded();
    assert_eq!(requests[0].header("content-type"), None);
    assert!(requests[0].body.is_empty());
    assert_eq!(parts_of(&requests[1]).await, [part("text", None, None, b"hi")]);
}

#[tokio::test]
async fn urlencoded_forms_repeat_arrays_and_bracket_nested_objects() {
    let server = Server::start(vec![Reply::json(200, r#"{"id": "c1"}"#)]).await;
    let address = CustomerFormAddress::new().city("Zürich").lines(vec!["1 A St".to_owned()]);
    let metadata = std::collections::BTreeMap::from([("plan".to_owned(), "pro & more".to_owned())]);
    let created = client(&server)
        .create_customer("a+b@example.com")
        .expand(vec!["card".to_owned(), "plan".to_owned()])
        .metadata(metadata)
        .address(address)
        .send()
        .await
        .expect("created");
    assert_eq!(created.id.as_deref(), Some("c1"));
    let request = &server.recorded()[0];
    assert_eq!(request.header("content-type"), Some("application/x-www-form-urlencoded"));
    let body = String::from_utf8(request.body.clone()).expect("text");
    assert_eq!(
        body,
        "email=a%2Bb%40example.com&expand=card&expand=plan&metadata%5Bplan%5D=pro%20%26%20more\
         &address%5Bcity%5D=Z%C3%BCrich&address%5Blines%5D%5B0%5D=1%20A%20St"
    );
}

#[test]
fn a_file_shows_where_it_comes_from_never_its_content() {
    let debug = format!("{:?}", FilePart::bytes(&b"secret content"[..]).file_name("a.txt"));
    assert!(debug.contains("14 bytes") && debug.contains("a.txt"), "{debug}");
    assert!(!debug.contains("secret content"), "{debug}");
}

#[tokio::test]
async fn a_body_that_is_one_file_is_the_part_named_file() {
    let server = Server::start(vec![Reply::json(204, "")]).await;
    client(&server).attach(FilePart::bytes(&b"%PDF"[..]).file_name("a.pdf")).send().await.expect("sent");
    let parts = parts_of(&server.recorded()[0]).await;
    assert_eq!(parts, [part("file", Some("a.pdf"), Some("application/octet-stream"), b"%PDF")]);
}

#[tokio::test]
async fn a_form_union_sends_its_member_and_a_string_form_is_sent_as_it_is() {
    use fixture_sdk_forms::types::{PasswordGrant, TokenRequest};
    let server = Server::start(vec![Reply::json(204, "")]).await;
    let client = client(&server);
    let grant = TokenRequest::from(PasswordGrant::new("ann", "pw 1"));
    client.token(grant).send().await.expect("sent");
    client.raw_form().body("a=1&b=two".to_owned()).send().await.expect("sent");
    let sent = server.recorded();
    let body = String::from_utf8(sent[0].body.clone()).expect("text");
    // A tagged union is written through a JSON value, so its fields come sorted.
    assert_eq!(body, "grant_type=password&password=pw%201&username=ann");
    assert_eq!(sent[1].header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(sent[1].body, b"a=1&b=two");
}
