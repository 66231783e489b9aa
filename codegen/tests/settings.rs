//! What each `Settings` switch changes in the emitted code.

use sdksmith::Settings;

const OBJECTS: &str = include_str!("fixtures/objects.yaml");

fn types_rs(settings: &Settings) -> String {
    let generated = sdksmith::generate("objects.yaml", OBJECTS, settings).expect("the fixture generates");
    generated.files["types.rs"].clone()
}

#[test]
fn unknown_fields_are_kept_by_default_and_can_be_left_out() {
    let kept = types_rs(&Settings::new("objects.yaml"));
    assert!(kept.contains("    pub extra: ::serde_json::Map<String, ::serde_json::Value>,"));
    assert!(kept.contains("extra: fields.rest(),") && kept.contains("object.rest(&self.extra);"), "{kept}");
    let ignored = types_rs(&Settings::new("objects.yaml").without_unknown_fields());
    assert!(!ignored.contains("flatten") && !ignored.contains("extra"), "{ignored}");
}

/// Every way a document declares an idempotency header, and the config's header for the rest.
const IDEMPOTENCY: &str = r#"
openapi: 3.0.3
info: { title: Shop, version: "1" }
paths:
  /by-name:
    post:
      operationId: byName
      parameters: [{ name: idempotency-key, in: header, schema: { type: string } }]
      responses: { '204': { description: done } }
    get:
      operationId: idempotentGet
      parameters: [{ name: Idempotency-Key, in: header, schema: { type: string } }]
      responses: { '204': { description: done } }
    put:
      operationId: idempotentPut
      x-idempotency-header: X-Request-Token
      responses: { '204': { description: done } }
  /by-mark:
    patch:
      operationId: byMark
      parameters:
        - { name: X-Idempotency-Key, in: header, schema: { type: string } }
        - { name: X-Dedup, in: header, x-idempotency-key: true, schema: { type: string } }
      responses: { '204': { description: done } }
    post:
      operationId: byExtension
      x-idempotency-header: X-Request-Token
      parameters: [{ name: Idempotency-Key, in: header, schema: { type: string } }]
      responses: { '204': { description: done } }
  /undeclared:
    post:
      operationId: undeclared
      parameters: [{ name: Idempotency-Key, in: query, schema: { type: string } }]
      responses: { '204': { description: done } }
    delete:
      operationId: remove
      responses: { '204': { description: done } }
"#;

fn idempotency_headers(settings: &Settings) -> Vec<(String, Option<String>)> {
    let (model, _) = sdksmith::model("shop.yaml", IDEMPOTENCY, settings).expect("the document lowers");
    model.operations.iter().map(|op| (op.method.clone(), op.idempotency_header.clone())).collect()
}

#[test]
fn posts_and_patches_send_the_idempotency_header_their_document_or_config_names() {
    let pairs = |list: &[(&str, Option<&str>)]| {
        list.iter().map(|(m, h)| ((*m).to_owned(), h.map(str::to_owned))).collect::<Vec<_>>()
    };
    let mut declared = idempotency_headers(&Settings::new("shop.yaml"));
    declared.sort();
    assert_eq!(
        declared,
        pairs(&[
            // The operation's extension wins over a parameter's name.
            ("by_extension", Some("X-Request-Token")),
            // A marked parameter wins over a well-known name.
            ("by_mark", Some("X-Dedup")),
            // The name in any case, as the document writes it.
            ("by_name", Some("idempotency-key")),
            // Idempotent methods need no key, whatever the document says.
            ("idempotent_get", None),
            ("idempotent_put", None),
            ("remove", None),
            // A query parameter is not a header.
            ("undeclared", None),
        ])
    );
    let mut configured = idempotency_headers(&Settings::new("shop.yaml").with_idempotency_header("Idempotency-Key"));
    configured.sort();
    assert_eq!(configured[6], ("undeclared".to_owned(), Some("Idempotency-Key".to_owned())), "{configured:?}");
    assert_eq!(configured[0].1.as_deref(), Some("X-Request-Token"), "the document's own header stays");
    assert!(configured[3..6].iter().all(|(_, header)| header.is_none()), "{configured:?}");

    let generated = sdksmith::generate("shop.yaml", IDEMPOTENCY, &Settings::new("shop.yaml")).expect("generates");
    let by_mark = &generated.files["operations/by_mark.rs"];
    assert!(by_mark.contains(".idempotency_header(\"X-Dedup\")"), "{by_mark}");
    assert!(!generated.files["operations/undeclared.rs"].contains("idempotency_header"));
}

#[test]
fn an_idempotency_header_that_is_not_a_header_name_is_a_warning() {
    let document = IDEMPOTENCY.replace(
        "x-idempotency-header: X-Request-Token\n      parameters",
        "x-idempotency-header: 'X Token'\n      parameters",
    );
    let (model, warnings) = sdksmith::model("shop.yaml", &document, &Settings::new("shop.yaml")).expect("lowers");
    assert!(warnings.iter().any(|w| w.message.contains("X Token")), "{warnings:?}");
    let by_extension = model.operations.iter().find(|op| op.method == "by_extension").expect("by_extension");
    assert_eq!(by_extension.idempotency_header.as_deref(), Some("Idempotency-Key"), "the parameter's name then");
}
