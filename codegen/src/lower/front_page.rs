//! The crate's front page, made from the document: what the API is, how to add the crate, a
//! client built with the API's own credentials and base URL, one real call with its error
//! handling, and — where the API has them — streaming, files and features. Every code block is a
//! doctest that compiles (`no_run`: nothing is sent).

use super::features;
use crate::ir::Auth;
use crate::model::{ApiInfo, ErrorBodyVariant, Feature, Input, OperationItem, RustType};

/// What the front page is made from.
pub struct Page<'a> {
    /// The crate's name as code names it (`pet_store`).
    pub crate_name: &'a str,
    /// The API's title and description.
    pub title: &'a str,
    /// The document's description of the API.
    pub description: Option<&'a str>,
    /// Base URL and credentials.
    pub api: &'a ApiInfo,
    /// The operations the crate has.
    pub operations: &'a [OperationItem],
    /// The types it has.
    pub types: &'a [crate::model::TypeItem],
    /// `ErrorBody`'s variants.
    pub error_bodies: &'a [ErrorBodyVariant],
    /// The crate's features.
    pub features: &'a [Feature],
    /// Whether any operation takes a file.
    pub files: bool,
    /// Whether the crate has only types.
    pub types_only: bool,
    /// The webhooks the crate decodes.
    pub webhooks: Option<&'a crate::model::WebhooksItem>,
}

impl Page<'_> {
    /// The page as doc lines (each with its leading space).
    pub fn lines(&self) -> Vec<String> {
        // The document's words, made safe for rustdoc (its code blocks are not Rust).
        let about = format!("{}\n\n{}", self.title.trim(), self.description.unwrap_or_default().trim());
        let mut lines = super::docs::text_lines(&about);
        lines.push(String::new());
        let mut text = String::new();
        match self.types_only {
            true => text.push_str(&self.types_only_section()),
            false => {
                text.push_str(&self.quick_start());
                text.push_str(&self.streaming());
                text.push_str(&self.uploads());
                text.push_str(&self.webhooks());
            }
        }
        lines.extend(text.trim_end().lines().map(|line| format!(" {line}").trim_end().to_owned()));
        lines.extend(features::crate_docs(self.features));
        lines
    }

    fn types_only_section(&self) -> String {
        let mut text = format!(
            "# Types\n\nAdd the crate (`{} = {{ path = \"…\" }}` under `[dependencies]`). Its [`types`] \
             module holds one type per schema of the document, each reading and writing the JSON the \
             API sends with serde",
            self.crate_name.replace('_', "-")
        );
        // A struct with no required field reads `{}`: a block that runs.
        let example = self
            .types
            .iter()
            .find(|item| item.cfg.0.is_empty() && matches!(&item.body, crate::model::TypeBody::Struct(s) if s.default));
        match example {
            Some(item) => text.push_str(&format!(
                ":\n\n```\nlet value: {krate}::types::{name} = serde_json::from_str(\"{{}}\")?;\n\
                 assert_eq!(serde_json::to_string(&value)?, \"{{}}\");\n# Ok::<(), serde_json::Error>(())\n```\n\n",
                krate = self.crate_name,
                name = item.name
            )),
            None => text.push_str(".\n\n"),
        }
        text
    }

    fn client(&self) -> String {
        let krate = self.crate_name;
        let url = match self.api.base_url.is_empty() {
            true => "https://api.example.com".to_owned(),
            false => self.api.base_url.clone(),
        };
        match &self.api.auth {
            Some(_) => format!(
                "let client = {krate}::Client::builder()\n    .api_key(std::env::var(\"{key}\")?)\n    .base_url(\"{url}\")\n    .build()?;\n",
                key = self.api.env_api_key
            ),
            None => format!("let client = {krate}::Client::builder().base_url(\"{url}\").build()?;\n"),
        }
    }

    fn credentials(&self) -> String {
        let key = &self.api.env_api_key;
        let how = match &self.api.auth {
            Some(Auth::ApiKeyHeader(name)) => format!("sent in the `{name}` header"),
            Some(Auth::ApiKeyQuery(name)) => format!("sent as the `{name}` query parameter"),
            Some(Auth::ApiKeyCookie(name)) => format!("sent as the `{name}` cookie"),
            Some(Auth::Bearer) => "sent as a bearer token".to_owned(),
            Some(Auth::Basic) => "`user:password`, sent with HTTP Basic authentication".to_owned(),
            None => return "The API asks for no credentials.".to_owned(),
        };
        let others = match self.api.schemes.len() > 1 {
            true => " Other schemes of the document are set with `ClientBuilder::credential`.",
            false => "",
        };
        format!(
            "The API key is {how}; `Client::from_env()` reads it from `{key}` (and the base URL from \
             `{url}`, when set). It never appears in `Debug` output, logs or errors.{others}",
            url = self.api.env_base_url
        )
    }

    /// The operation the examples call: not deprecated, reading before writing (a `DELETE`
    /// last), with the fewest inputs that need more than a literal.
    fn example(&self) -> Option<&OperationItem> {
        use crate::ir::Method;
        let candidates = self.operations.iter().filter(|op| op.send.is_some() && op.cfg.0.is_empty());
        candidates.min_by_key(|op| {
            let deprecated = op.doc.deprecated.is_some();
            let unwritten = op.inputs.iter().filter(|i| literal(&i.ty).is_none()).count();
            let verb = match op.http {
                Method::Get => 0,
                Method::Post => 1,
                Method::Delete => 3,
                _ => 2,
            };
            (deprecated, verb, unwritten, op.inputs.len(), op.method.clone())
        })
    }

    fn call(&self, op: &OperationItem) -> String {
        let args: Vec<String> = op.inputs.iter().map(argument).collect();
        format!("client.{}({})", op.method, args.join(", "))
    }

    fn quick_start(&self) -> String {
        let name = self.crate_name.replace('_', "-");
        let mut text = format!(
            "# Quick start\n\nAdd the crate (`{name} = {{ path = \"…\" }}` under `[dependencies]`) and an \
             async runtime such as `tokio`. Then build a client and call the API:\n\n```no_run\n\
             # async fn example() -> Result<(), Box<dyn std::error::Error>> {{\n{}",
            self.client()
        );
        let Some(op) = self.example() else {
            text.push_str("# let _ = client;\n# Ok(())\n# }\n```\n\n");
            text.push_str(&format!("{}\n\n", self.credentials()));
            return text;
        };
        let krate = self.crate_name;
        let declared = op.errors.first().map(|(_, variant)| variant.clone());
        let body = match (&declared, self.error_bodies.is_empty()) {
            (Some(variant), _) => format!(
                "        if let Some({krate}::ErrorBody::{variant}(body)) = error.body() {{\n            eprintln!(\"the API says: {{body:?}}\");\n        }}\n"
            ),
            (None, false) => "        if let Some(body) = error.body() {\n            eprintln!(\"the API says: {body:?}\");\n        }\n".to_owned(),
            (None, true) => "        eprintln!(\"body: {}\", error.raw_body().map(|b| b.text()).unwrap_or_default());\n".to_owned(),
        };
        text.push_str(&format!(
            "match {call}.send().await {{\n    Ok(reply) => println!(\"{{reply:?}}\"),\n    Err(error) => {{\n        \
             eprintln!(\"{{error}} (status {{:?}}, request {{:?}})\", error.status(), error.request_id());\n{body}    }}\n}}\n\
             # Ok(())\n# }}\n```\n\n",
            call = self.call(op)
        ));
        text.push_str(&format!(
            "Each operation is a method of [`Client`] returning a builder: required inputs are its \
             arguments, optional ones its setters, and `send` sends it (here `{} {}`).\n\n{}\n\n\
             # Errors\n\nEvery call fails with [`Error`]: a connection failure or timeout, a status the \
             API answered with — its body decoded into [`ErrorBody`] when the document declares one for \
             that status, as above — or a response that does not decode. Failed connections, attempt \
             timeouts and `408`/`429`/`5xx` statuses are retried (twice by default, with backoff and \
             `Retry-After`); a POST or PATCH, which may have acted before it failed, only when it never \
             reached the server or carries an idempotency key{keys}. See [`ClientBuilder`] and \
             [`RetryPolicy`].\n\n",
            op.http.as_str(),
            op.path,
            self.credentials(),
            keys = match self.operations.iter().any(|op| op.idempotency_header.is_some()) {
                true => " (operations that take one send a new key with each call)",
                false => "",
            },
        ));
        text
    }

    fn streaming(&self) -> String {
        let Some(op) = self.operations.iter().find(|op| op.stream.is_some() && op.cfg.0.is_empty()) else {
            return String::new();
        };
        let krate = self.crate_name;
        let text = op.stream.as_ref().is_some_and(|s| s.text);
        let consume = match text {
            true => "let texts = stream.collect_text().await?;\nprintln!(\"{}\", texts.concat());\n",
            false => "use futures_util::StreamExt;\nwhile let Some(event) = stream.next().await {\n    let _event = event?;\n}\n",
        };
        let binding = if text { "let stream" } else { "let mut stream" };
        format!(
            "# Streaming\n\nOperations answering server-sent events have `stream()`, an [`EventStream`] \
             of decoded events{}:\n\n```no_run\n# async fn example(client: {krate}::Client) -> Result<(), Box<dyn std::error::Error>> {{\n\
             {binding} = {call}.stream().await?;\n{consume}# Ok(())\n# }}\n```\n\n",
            if text { " whose text deltas [`TextCollector`] puts together" } else { "" },
            call = self.call(op),
        )
    }

    fn webhooks(&self) -> String {
        let Some(webhooks) = self.webhooks else { return String::new() };
        let (krate, event) = (self.crate_name, &webhooks.event);
        let intro = format!(
            "# Webhooks\n\nThe requests the API sends to your endpoints decode as [`types::{event}`], one variant \
             per webhook, once [`types::{event}::parse`] has checked their signature with a [`WebhookVerifier`]"
        );
        match webhooks.signature {
            Some(crate::ir::WebhookSignature::StandardWebhooks) => format!(
                "{intro}, here the endpoint's Standard Webhooks secret:\n\n```no_run\n\
                 # fn example(headers: &[(&str, &str)], body: &[u8]) -> Result<(), Box<dyn std::error::Error>> {{\n\
                 let verifier = {krate}::StandardWebhooks::new(std::env::var(\"WEBHOOK_SECRET\")?)?;\n\
                 let event = {krate}::types::{event}::parse(&verifier, &headers, body)?;\n\
                 println!(\"{{event:?}}\");\n# Ok(())\n# }}\n```\n\n"
            ),
            None => format!("{intro} of yours: the document does not say how the API signs them.\n\n"),
        }
    }

    fn uploads(&self) -> String {
        match self.files {
            true => "# Files\n\nMultipart bodies take files as [`FilePart`]s, from bytes, a path or a reader, streamed as they are sent.\n\n".to_owned(),
            false => String::new(),
        }
    }
}

/// A literal for an input of type `ty`, when one can be written.
fn literal(ty: &RustType) -> Option<&'static str> {
    match ty {
        RustType::String => Some("\"…\""),
        RustType::Primitive("bool") => Some("true"),
        RustType::Primitive("f32" | "f64") => Some("1.0"),
        RustType::Primitive(_) => Some("1"),
        RustType::Runtime("SecretString", _) => Some("\"…\""),
        _ => None,
    }
}

/// What the example passes for `input`: a literal, else a placeholder of its type.
fn argument(input: &Input) -> String {
    match literal(&input.ty) {
        Some(literal) => literal.to_owned(),
        None => format!("todo!(\"the {}\")", input.name),
    }
}
