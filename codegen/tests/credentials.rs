//! Which documents give the client a built-in OAuth 2 client credentials flow, and with what
//! token URL and scopes. (The flow itself is proved on a loopback server by the pagination
//! fixture crate's `tests/credentials.rs`.)

use sdksmith::ir::ClientCredentialsFlow;
use sdksmith::Settings;

fn flow(document: &str) -> Option<ClientCredentialsFlow> {
    let (model, _) = sdksmith::model("t.yaml", document, &Settings::new("t.yaml")).expect("generates");
    model.api_info.client_credentials
}

fn document(security: &str, token_url: &str) -> String {
    format!(
        r#"
openapi: 3.0.3
info: {{ title: T, version: "1" }}
servers: [{{ url: "https://api.example.com/v2" }}]
security: {security}
paths: {{}}
components:
  securitySchemes:
    key: {{ type: apiKey, in: header, name: X-Key }}
    oauth:
      type: oauth2
      flows:
        authorizationCode: {{ authorizationUrl: https://auth.example.com/a, tokenUrl: https://auth.example.com/t, scopes: {{}} }}
        clientCredentials: {{ tokenUrl: "{token_url}", scopes: {{ read: r, write: w }} }}
"#
    )
}

#[test]
fn the_api_keys_oauth_scheme_gives_its_token_url_and_required_scopes() {
    let found = flow(&document("[{ oauth: [read, write] }]", "https://auth.example.com/token"));
    let expected = ClientCredentialsFlow {
        token_url: "https://auth.example.com/token".into(),
        scopes: vec!["read".into(), "write".into()],
    };
    assert_eq!(found, Some(expected));
}

#[test]
fn a_relative_token_url_is_read_against_the_first_servers_origin() {
    let found = flow(&document("[{ oauth: [] }]", "/oauth/token")).expect("a flow");
    assert_eq!(found.token_url, "https://api.example.com/oauth/token");
    assert!(found.scopes.is_empty());
}

#[test]
fn only_the_scheme_the_key_is_sent_by_counts() {
    assert_eq!(flow(&document("[{ key: [] }]", "https://auth.example.com/token")), None);
    let generated =
        sdksmith::generate("t.yaml", &document("[{ key: [] }]", "/t"), &Settings::new("t.yaml")).expect("generates");
    assert!(!generated.files["client.rs"].contains("fn client_credentials"));
    let generated = sdksmith::generate("t.yaml", &document("[{ oauth: [read] }]", "/t"), &Settings::new("t.yaml"))
        .expect("generates");
    assert!(generated.files["client.rs"].contains("pub fn client_credentials("));
}
