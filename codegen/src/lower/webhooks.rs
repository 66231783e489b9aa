//! The document's webhooks → [`WebhooksItem`]: `parse` on their event union, documented with the
//! webhooks it decodes and how their signatures are checked.

use super::Lowering;
use crate::ir::{WebhookSignature, Webhooks};
use crate::model::{Doc, WebhooksItem};

impl Lowering<'_> {
    /// The webhooks the crate decodes: none in a crate of types only (`parse` reads a request's
    /// headers), nor when the owner replaced the event union with a type of their own.
    pub(super) fn kept_webhooks(&self) -> Option<&Webhooks> {
        let webhooks = self.api.webhooks.as_ref()?;
        let kept = !self.settings.types_only && self.selection.types[webhooks.event.0];
        kept.then_some(webhooks)
    }

    /// `parse`'s item, when the crate decodes webhooks.
    pub(super) fn webhooks(&self) -> Option<WebhooksItem> {
        let webhooks = self.kept_webhooks()?;
        let event = self.names.ty(webhooks.event).to_owned();
        let verifier = match webhooks.signature {
            Some(WebhookSignature::StandardWebhooks) => {
                " The API signs them by Standard Webhooks: [`StandardWebhooks`](crate::StandardWebhooks) checks \
                 them with the endpoint's `whsec_` secret; another [`WebhookVerifier`](crate::WebhookVerifier) \
                 checks them another way."
            }
            None => {
                " The document does not say how the API signs them: `verifier` is a \
                 [`WebhookVerifier`](crate::WebhookVerifier) that checks its scheme."
            }
        };
        let lines = [
            " Checks a webhook request's signature with `verifier`, then decodes its JSON body into the",
            " variant of its webhook.",
            "",
            verifier,
            "",
            " Nothing is decoded from a request whose signature fails: the error says only which check",
            " failed, never a secret or signature. An event a later version of the API adds decodes as",
            " `Unknown` when the union is told apart by a tag.",
        ];
        let lines = lines.into_iter().map(str::to_owned).collect();
        let cfg = self.plan.types[webhooks.event.0].clone();
        Some(WebhooksItem { event, cfg, signature: webhooks.signature, doc: Doc { lines, deprecated: None } })
    }
}
