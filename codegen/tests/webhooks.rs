//! Webhooks of 3.1 documents: one event union told apart by the payloads' constant property, a
//! signature scheme chosen by the document's `x-webhook-signature` or the config (and the crates
//! it needs only then), warnings for what cannot be decoded. The union's decoding and the
//! signature checks run in the fixture crate (`codegen/tests/sdks/webhooks/tests/openai.rs`).

use sdksmith::ir::{TypeKind, WebhookSignature};
use sdksmith::Settings;

/// Two webhooks whose payloads carry `kind`, and `signature` as the document's extension.
fn document(signature: &str) -> String {
    format!(
        r#"openapi: 3.1.0
info: {{title: Hooks, version: "1"}}
{signature}
paths: {{}}
webhooks:
  order_paid:
    post:
      summary: An order was paid.
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [kind, order]
              properties:
                kind: {{const: order.paid}}
                order: {{type: string}}
  order_refunded:
    post:
      requestBody:
        content:
          application/json:
            schema: {{$ref: '#/components/schemas/Refund'}}
  ping:
    get:
      description: A webhook without a payload.
components:
  schemas:
    Refund:
      type: object
      required: [kind, amount]
      properties:
        kind: {{type: string, enum: [order.refunded]}}
        amount: {{type: integer}}
"#
    )
}

fn generate(text: &str, settings: &Settings) -> sdksmith::Generated {
    sdksmith::generate("hooks.yaml", text, settings).unwrap_or_else(|d| panic!("{d:?}"))
}

fn dependencies(generated: &sdksmith::Generated) -> Vec<&str> {
    generated.manifest.dependencies.iter().map(|d| d.name).collect()
}

#[test]
fn payloads_become_one_union_tagged_by_their_constant_property() {
    let (api, warnings) = sdksmith::load_api("hooks.yaml", &document("")).expect("loads");
    let webhooks = api.webhooks.expect("webhooks");
    let names: Vec<&str> = webhooks.hooks.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["order_paid", "order_refunded"], "the payload-less one is left out");
    let TypeKind::Tagged(union) = &api.types[webhooks.event.0].kind else { panic!("not tagged by `kind`") };
    assert_eq!(union.tag, "kind");
    assert_eq!(webhooks.signature, None);
    let warned: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert!(warned.contains(&"/webhooks/ping/get"), "{warnings:?}");
}

#[test]
fn the_documents_extension_chooses_standard_webhooks_and_only_then_its_crates() {
    let signed = generate(&document("x-webhook-signature: standard-webhooks"), &Settings::new("hooks.yaml"));
    let lib = &signed.files["lib.rs"];
    assert!(lib.contains("StandardWebhooks"), "{lib}");
    assert!(signed.files.contains_key("runtime/webhook_standard.rs"));
    assert!(dependencies(&signed).contains(&"hmac") && dependencies(&signed).contains(&"sha2"));
    assert!(signed.files["types.rs"].contains("pub fn parse("));
    assert!(!signed.warnings.iter().any(|w| w.message.contains("do not say how they are signed")));

    // Unsigned: `parse` takes the user's verifier; no HMAC crates; a warning says what to set.
    let unsigned = generate(&document(""), &Settings::new("hooks.yaml"));
    assert!(!unsigned.files["lib.rs"].contains("StandardWebhooks"));
    assert!(!unsigned.files.contains_key("runtime/webhook_standard.rs"));
    assert!(unsigned.files.contains_key("runtime/webhook.rs"));
    assert!(!dependencies(&unsigned).contains(&"hmac"));
    assert!(unsigned.warnings.iter().any(|w| w.message.contains("webhook-signature")), "{:?}", unsigned.warnings);
}

#[test]
fn the_config_chooses_a_scheme_the_document_does_not_name() {
    let settings = Settings::new("hooks.yaml").with_webhook_signature(WebhookSignature::StandardWebhooks);
    let generated = generate(&document(""), &settings);
    assert!(generated.files.contains_key("runtime/webhook_standard.rs"));
    let config = "document = \"hooks.yaml\"\nwebhook-signature = \"standard-webhooks\"\n";
    let config = sdksmith::project::config::parse("sdksmith.toml", config).expect("the config reads");
    assert_eq!(
        config.settings("hooks.yaml", "regen", "hooks").webhook_signature,
        Some(WebhookSignature::StandardWebhooks)
    );
    let wrong = "document = \"hooks.yaml\"\nwebhook-signature = \"hmac-please\"\n";
    let error = sdksmith::project::config::parse("sdksmith.toml", wrong).expect_err("an unknown scheme");
    assert!(error.to_string().contains("sdksmith.toml:2"), "{error}");
}

#[test]
fn an_unknown_extension_value_is_a_warning_at_its_pointer() {
    let (api, warnings) = sdksmith::load_api("hooks.yaml", &document("x-webhook-signature: svix-v2")).expect("loads");
    assert_eq!(api.webhooks.expect("webhooks").signature, None);
    assert!(
        warnings.iter().any(|w| w.pointer == "/x-webhook-signature" && w.message.contains("svix-v2")),
        "{warnings:?}"
    );
}

#[test]
fn a_crate_of_types_only_keeps_the_events_without_parse() {
    let generated =
        generate(&document("x-webhook-signature: standard-webhooks"), &Settings::new("hooks.yaml").types_only());
    let types = &generated.files["types.rs"];
    assert!(types.contains("pub enum WebhookEvent"), "{types}");
    assert!(!types.contains("pub fn parse("));
    assert!(!generated.files.contains_key("runtime/webhook.rs"));
    assert!(!dependencies(&generated).contains(&"hmac"));
}

#[test]
fn selecting_operations_keeps_the_webhook_events() {
    let mut settings = Settings::new("hooks.yaml");
    settings.exclude = vec!["tag:nothing".to_owned()];
    let generated = generate(&document(""), &settings);
    assert!(generated.files["types.rs"].contains("pub enum WebhookEvent"));
    assert!(generated.files["types.rs"].contains("pub struct Refund"));
}

#[test]
fn webhooks_sharing_a_payload_are_one_variant_and_a_lone_one_is_still_tagged() {
    let shared = r#"openapi: 3.1.0
info: {title: Hooks, version: "1"}
paths: {}
webhooks:
  created: {post: {requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Change'}}}}}}
  updated: {post: {requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Change'}}}}}}
  deleted: {post: {requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Gone'}}}}}}
components:
  schemas:
    Change:
      type: object
      required: [event]
      properties: {event: {type: string, enum: [created, updated]}}
    Gone:
      type: object
      required: [event]
      properties: {event: {const: deleted}}
"#;
    let (api, _) = sdksmith::load_api("hooks.yaml", shared).expect("loads");
    let webhooks = api.webhooks.expect("webhooks");
    assert_eq!(webhooks.hooks.len(), 3);
    let TypeKind::Tagged(union) = &api.types[webhooks.event.0].kind else { panic!("not tagged") };
    let tags: Vec<usize> = union.variants.iter().map(|v| v.tags.len()).collect();
    assert_eq!(tags, [2, 1], "`created` and `updated` sharing `Change`, then `deleted`");

    let lone =
        shared.replace("  created: {post:", "  x-created: {post:").replace("  updated: {post:", "  x-updated: {post:");
    let (api, _) = sdksmith::load_api("hooks.yaml", &lone).expect("loads");
    let webhooks = api.webhooks.expect("webhooks");
    assert_eq!(webhooks.hooks.len(), 1);
    assert!(
        matches!(&api.types[webhooks.event.0].kind, TypeKind::Tagged(_)),
        "one webhook is tagged too, so an event added later is `Unknown`"
    );
}
