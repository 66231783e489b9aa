//! `webhooks` (OpenAPI 3.1) → [`Webhooks`]: each webhook's JSON payload typed like any request
//! body, and one union of them all, which the union passes tag by a constant property when the
//! payloads carry one (OpenAI's `type: batch.cancelled`), so an event decodes into its own variant.

use super::Resolver;
use crate::ir::{
    Docs, HintPart, Method, NameHint, TypeKind, TypeRef, UnionVariant, VariantHint, Webhook, WebhookSignature, Webhooks,
};
use crate::spec::{self, escape_segment, RequestBody};

impl<'d> Resolver<'d> {
    /// The document's webhooks with a JSON payload, and their union; `None` without any.
    pub(super) fn webhooks(&mut self) -> Option<Webhooks> {
        let doc = self.doc;
        let mut hooks = Vec::new();
        // One variant per payload type: webhooks sharing one are one variant, so a constant
        // property still tells every variant apart.
        let mut variants: Vec<UnionVariant> = Vec::new();
        // By name: the document's key order must not change the crate.
        let mut named: Vec<(&'d String, &'d spec::PathItem)> = doc.webhooks.iter().collect();
        named.sort_by_key(|(name, _)| *name);
        for (name, item) in named {
            let item_pointer = format!("/webhooks/{}", escape_segment(name));
            if item.reference.is_some() {
                self.diags.warning(&item_pointer, "a `$ref` webhook is not supported: its payload is not generated");
                continue;
            }
            for (method, op) in item.operations() {
                let pointer = format!("{item_pointer}/{method}");
                let Some(body) = &op.request_body else {
                    self.diags.warning(&pointer, "this webhook has no request body: it has no event to decode");
                    continue;
                };
                let Some((payload, source)) = self.payload(body, &pointer, name) else { continue };
                let Some(method) = Method::from_key(method) else { continue };
                let docs = Docs {
                    title: op.summary.clone(),
                    description: op.description.clone(),
                    deprecated: op.deprecated.then(Default::default),
                    ..Docs::default()
                };
                match variants.iter_mut().find(|v| v.ty == payload) {
                    Some(shared) => shared.sources.push(source),
                    None => variants.push(UnionVariant {
                        hint: VariantHint::Described(vec![HintPart::Word(name.clone())]),
                        ty: payload.clone(),
                        boxed: false,
                        docs: docs.clone(),
                        sources: vec![source],
                    }),
                }
                hooks.push(Webhook { name: name.clone(), method, payload, docs });
            }
        }
        if hooks.is_empty() {
            return None;
        }
        if variants.iter().any(|v| v.ty == TypeRef::Any) && variants.len() > 1 {
            let message = "a webhook's payload has no schema: unless a constant property tells the events apart, \
                           events it does not claim first may decode as it";
            self.diags.warning("/webhooks", message);
        }
        let event = self.reserve(NameHint::of(vec![HintPart::Word("webhook event".into())]), "/webhooks");
        let listed: Vec<String> = hooks.iter().map(|hook| format!("`{}`", hook.name)).collect();
        self.types[event.0].docs = Docs {
            description: Some(format!(
                "An event the API sends to a webhook, decoded into the variant of its payload: {}.",
                listed.join(", ")
            )),
            ..Docs::default()
        };
        self.types[event.0].kind = TypeKind::Untagged(variants);
        let signature = self.webhook_signature();
        Some(Webhooks { event, hooks, signature, pointer: "/webhooks".to_owned() })
    }

    /// A webhook's JSON payload type and its schema's pointer; a warning when it has none.
    fn payload(&mut self, body: &'d RequestBody, pointer: &str, name: &str) -> Option<(TypeRef, String)> {
        let (body, body_pointer) = self.follow(
            body,
            format!("{pointer}/requestBody"),
            |b| b.reference.as_deref(),
            spec::lookup::request_body,
            "a request body",
        )?;
        let Some((media_type, media)) =
            body.content.iter().find(|(media_type, _)| super::operations::is_json(media_type))
        else {
            self.diags.warning(&body_pointer, "this webhook's payload is not JSON: it is not decoded");
            return None;
        };
        let schema_pointer = format!("{body_pointer}/content/{}/schema", escape_segment(media_type));
        let hint = NameHint::of(vec![HintPart::Word(name.to_owned()), HintPart::Word("event".into())]);
        let ty = match &media.schema {
            Some(schema) => self.type_of(schema, &schema_pointer, &hint),
            None => TypeRef::Any,
        };
        Some((ty, schema_pointer))
    }

    /// The document's `x-webhook-signature`: a warning when it names no scheme this generator knows.
    fn webhook_signature(&mut self) -> Option<WebhookSignature> {
        let value = self.doc.x_webhook_signature.as_ref()?;
        let scheme = value.as_str().and_then(WebhookSignature::from_name);
        if scheme.is_none() {
            self.diags.warning(
                "/x-webhook-signature",
                format!(
                    "`x-webhook-signature` must be `standard-webhooks`, not {value:?}: no signature scheme is built in"
                ),
            );
        }
        scheme
    }
}
