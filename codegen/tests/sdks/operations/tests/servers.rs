//! The document's servers as a typed choice: each URL with its variables filled in, the first
//! server the default, and a base URL of the caller's winning over a chosen server.

#[path = "../../../../../generated-sdk/tests/support/mod.rs"]
mod support;

use fixture_sdk_operations::{Client, Server, ServerRegion};
use support::{Reply, Server as Loopback};

#[test]
fn each_server_fills_its_variables_into_its_url() {
    assert_eq!(Server::default(), Server::Production { host: "pets.example.com".into() });
    assert_eq!(Server::default().url(), "https://pets.example.com/v1");
    let sandbox = Server::Sandbox { region: ServerRegion::ApSouth, version: "v3".into() };
    assert_eq!(sandbox.url(), "https://ap-south.sandbox.example.com/v3");
    assert_eq!(ServerRegion::default(), ServerRegion::Eu, "the document's default value");
    assert_eq!(Server::Localhost { port: "9000".into() }.url(), "http://localhost:9000/v1");
}

#[test]
fn a_base_url_wins_over_a_chosen_server_whichever_comes_first() {
    let client = |builder: fixture_sdk_operations::ClientBuilder| builder.api_key("k").build().expect("client");
    let sandbox = || Server::Sandbox { region: ServerRegion::Us, version: "v2".into() };
    assert_eq!(client(Client::builder()).base_url(), "https://pets.example.com/v1", "the first server by default");
    assert_eq!(client(Client::builder().server(sandbox())).base_url(), "https://us.sandbox.example.com/v2");
    let proxy = "http://127.0.0.1:9/proxy";
    assert_eq!(client(Client::builder().server(sandbox()).base_url(proxy)).base_url(), proxy);
    assert_eq!(client(Client::builder().base_url(proxy).server(sandbox())).base_url(), proxy);
}

#[tokio::test]
async fn requests_go_to_the_chosen_server() {
    let loopback = Loopback::start(vec![Reply::json(200, r#"{"name":"Rex"}"#)]).await;
    let port = loopback.url.rsplit(':').next().expect("a port").to_owned();
    let client = Client::builder().api_key("k").server(Server::Localhost { port }).build().expect("client");
    #[allow(deprecated)] // the fixture's one GET is deprecated
    let pet = client.get_pet("p1", "trace").send().await.expect("the loopback server answers");
    assert_eq!(pet.name, "Rex");
    assert_eq!(loopback.recorded()[0].path, "/v1/pets/p1", "the server's path is kept");
}
