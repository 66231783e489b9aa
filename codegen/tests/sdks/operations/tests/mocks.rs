//! Typed mocks over the operations fixture: path parameters (percent-encoded on the way), query
//! and headers matched; text, bytes and empty answers sent as the operations answer; a typed
//! event stream; a path parameter the operation does not have refused.
#![allow(deprecated)] // `get_pet` is deprecated in the fixture

use fixture_sdk_operations::mock::MockServer;
use fixture_sdk_operations::types::Pet;
use futures_util::StreamExt;

fn panic_message(f: impl FnOnce()) -> String {
    let payload = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).expect_err("it panics");
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

#[tokio::test]
async fn path_parameters_query_and_headers_choose_the_expectation() {
    let server = MockServer::start().await;
    server
        .on()
        .get_pet()
        .path_param("petId", "rex the 2nd")
        .query_param("fields", "name")
        .header("X-Trace", "t-1")
        .times(1)
        .respond(Pet::new("Rex"));
    server.on().get_pet().path_param("petId", "tom").respond(Pet::new("Tom"));
    let client = server.client();
    let rex = client.get_pet("rex the 2nd", "t-1").fields(vec!["name".to_owned()]).send().await.expect("mocked");
    assert_eq!(rex.name, "Rex");
    let tom = client.get_pet("tom", "t-2").send().await.expect("mocked");
    assert_eq!(tom.name, "Tom");
    // Rex without the query the expectation wants matches nothing.
    let unmatched = client.get_pet("rex the 2nd", "t-1").send().await.expect_err("no expectation matches");
    assert_eq!(unmatched.status().map(|s| s.as_u16()), Some(404));
    let message = panic_message(move || drop(server));
    assert!(message.contains("it wants query parameter `fields` = `name`"), "{message}");
    assert!(message.contains("path parameter `petId` = `tom`"), "{message}");
}

#[tokio::test]
async fn text_bytes_and_empty_answers_are_sent_as_the_operations_answer() {
    let server = MockServer::start().await;
    server.on().render().respond("<p>hi</p>".to_owned());
    server
        .on()
        .upload_file()
        .path_param("name", "a.bin")
        .body_bytes(|sent| sent == b"data")
        .respond(vec![0u8, 159, 255]);
    server.on().delete_all().respond(());
    let client = server.client();
    assert_eq!(client.render().send().await.expect("text"), "<p>hi</p>");
    assert_eq!(client.upload_file("a.bin", b"data".to_vec()).send().await.expect("bytes"), [0u8, 159, 255]);
    let deleted = client.delete_all().send_with_response().await.expect("empty");
    assert_eq!(deleted.status.as_u16(), 204);
}

#[tokio::test]
async fn a_typed_event_stream_is_read_event_by_event() {
    let server = MockServer::start().await;
    server.on().post_pets().respond_stream([Pet::new("Rex"), Pet::new("Tom")]);
    let stream = server.client().post_pets("any").stream().await.expect("streams");
    let names: Vec<String> = stream.map(|pet| pet.expect("decodes").name).collect().await;
    assert_eq!(names, ["Rex", "Tom"]);
}

#[tokio::test]
async fn a_path_parameter_the_operation_does_not_have_is_refused() {
    let server = MockServer::start().await;
    let message = panic_message(|| drop(server.on().get_pet().path_param("pet_id", "1")));
    assert!(message.contains("has no path parameter `pet_id`"), "{message}");
}

#[tokio::test]
async fn the_mock_client_sends_each_call_once_so_a_failure_is_one_request() {
    let server = MockServer::start().await;
    server.on().delete_all().times(1).respond_raw(503, "text/plain", "busy");
    let error = server.client().delete_all().send().await.expect_err("503");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    // Dropping the server checks `times(1)`: a retry would have been a second, unmatched request.
}
