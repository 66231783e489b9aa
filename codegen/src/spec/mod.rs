//! A typed serde model of OpenAPI 3.0 and 3.1 documents: what the text says, with no meaning attached.
//!
//! Only the keywords the generator reads are modelled; everything else is skipped by serde, so a
//! document using keywords we do not know still loads. Shapes that differ between 3.0 and 3.1
//! (`type` as a string or a list, boolean schemas) are accepted in both forms here and given
//! meaning in `resolve`. Validation keywords (`minItems`, `maximum`, `pattern`, …) are read
//! leniently: one written with the wrong type is taken as absent rather than failing the document.

mod lenient;
mod load;
pub mod lookup;
mod pointer;

pub use lenient::yaml_value;
pub use load::{load, Format};
pub use pointer::{escape_segment, LineIndex};

use indexmap::IndexMap;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::{Number, Value};
use std::fmt;

/// The root of an OpenAPI document.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Document {
    /// `openapi: 3.x.y`.
    pub openapi: Option<String>,
    /// `swagger: 2.0`: recognised only to reject it with a useful message.
    pub swagger: Option<String>,
    /// Title, version, description.
    pub info: Info,
    /// Base URLs; the first is the SDK's default.
    pub servers: Vec<Server>,
    /// Operations by path template (`x-` extension keys skipped).
    #[serde(deserialize_with = "without_extensions")]
    pub paths: IndexMap<String, PathItem>,
    /// Requests the API sends to its users (3.1), by webhook name (`x-` extension keys skipped).
    #[serde(deserialize_with = "without_extensions")]
    pub webhooks: IndexMap<String, PathItem>,
    /// `x-webhook-signature`: how the API signs its webhook requests (`standard-webhooks`), which
    /// OpenAPI has no field for.
    #[serde(rename = "x-webhook-signature", deserialize_with = "lenient::value")]
    pub x_webhook_signature: Option<serde_yaml::Value>,
    /// Reusable schemas, responses, parameters, bodies and security schemes.
    pub components: Components,
    /// Document-wide security requirements.
    pub security: Vec<IndexMap<String, Vec<String>>>,
}

/// `info`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Info {
    /// The API's title.
    pub title: String,
    /// The API's version.
    pub version: String,
    /// Markdown description of the API.
    pub description: Option<String>,
    /// Prefix of the SDK's environment variables (`<PREFIX>_API_KEY`, `<PREFIX>_BASE_URL`).
    #[serde(rename = "x-env-prefix")]
    pub env_prefix: Option<String>,
    /// Response header carrying the server's request id (default `x-request-id`).
    #[serde(rename = "x-request-id-header")]
    pub request_id_header: Option<String>,
}

/// One entry of `servers`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Server {
    /// The URL, possibly with `{variables}`.
    pub url: String,
    /// What it is (`Production`, `Sandbox`).
    #[serde(deserialize_with = "lenient::text")]
    pub description: Option<String>,
    /// Values of the URL's variables.
    pub variables: IndexMap<String, ServerVariable>,
}

/// A server URL variable.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ServerVariable {
    /// The value used when none is given.
    pub default: String,
    /// The values it may take (anything but a list of strings is none).
    #[serde(rename = "enum", deserialize_with = "strings_only")]
    pub values: Vec<String>,
    /// What it is.
    #[serde(deserialize_with = "lenient::text")]
    pub description: Option<String>,
}

/// `components`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Components {
    /// Named schemas; each becomes a type.
    pub schemas: IndexMap<String, Schema>,
    /// Named responses.
    pub responses: IndexMap<String, Response>,
    /// Named parameters.
    pub parameters: IndexMap<String, Parameter>,
    /// Named request bodies.
    pub request_bodies: IndexMap<String, RequestBody>,
    /// Named security schemes.
    pub security_schemes: IndexMap<String, SecurityScheme>,
}

/// A path item: the operations of one path template.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PathItem {
    /// A `$ref` to a path item elsewhere (rare; reported as unsupported).
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    /// Parameters shared by every operation of the path.
    pub parameters: Vec<Parameter>,
    /// `get`.
    pub get: Option<Operation>,
    /// `put`.
    pub put: Option<Operation>,
    /// `post`.
    pub post: Option<Operation>,
    /// `delete`.
    pub delete: Option<Operation>,
    /// `options`.
    pub options: Option<Operation>,
    /// `head`.
    pub head: Option<Operation>,
    /// `patch`.
    pub patch: Option<Operation>,
    /// `trace`.
    pub trace: Option<Operation>,
}

impl PathItem {
    /// The operations present, with their lowercase method names, in a fixed order.
    pub fn operations(&self) -> impl Iterator<Item = (&'static str, &Operation)> {
        [
            ("get", &self.get),
            ("put", &self.put),
            ("post", &self.post),
            ("delete", &self.delete),
            ("options", &self.options),
            ("head", &self.head),
            ("patch", &self.patch),
            ("trace", &self.trace),
        ]
        .into_iter()
        .filter_map(|(method, op)| op.as_ref().map(|op| (method, op)))
    }
}

/// An operation.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Operation {
    /// Unique name; the SDK method is named from it.
    pub operation_id: Option<String>,
    /// Tags grouping operations (anything but a list of strings is skipped).
    #[serde(deserialize_with = "strings_only")]
    pub tags: Vec<String>,
    /// One-line summary.
    pub summary: Option<String>,
    /// Markdown description.
    pub description: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// Parameters of this operation (added to the path's).
    pub parameters: Vec<Parameter>,
    /// The request body.
    pub request_body: Option<RequestBody>,
    /// Security requirements of this operation, replacing the document's (`[]`: none).
    pub security: Option<Vec<IndexMap<String, Vec<String>>>>,
    /// Responses by status code (`200`, `4XX`, `default`; `x-` extension keys skipped).
    #[serde(deserialize_with = "without_extensions")]
    pub responses: IndexMap<String, Response>,
    /// `x-idempotency-header`: the header that carries an idempotency key for this operation
    /// (read leniently: anything but a string is absent).
    #[serde(rename = "x-idempotency-header", deserialize_with = "lenient::text")]
    pub idempotency_header: Option<String>,
    /// `x-pagination`, this generator's own way to declare how results come a page at a time
    /// (`false` turns recognition off), kept as written: `resolve` gives it meaning.
    #[serde(rename = "x-pagination", deserialize_with = "lenient::value")]
    pub x_pagination: Option<serde_yaml::Value>,
    /// Fern's `x-fern-pagination`.
    #[serde(rename = "x-fern-pagination", deserialize_with = "lenient::value")]
    pub x_fern_pagination: Option<serde_yaml::Value>,
    /// Azure's (AutoRest's) `x-ms-pageable`.
    #[serde(rename = "x-ms-pageable", deserialize_with = "lenient::value")]
    pub x_ms_pageable: Option<serde_yaml::Value>,
    /// Dropshot's `x-dropshot-pagination`.
    #[serde(rename = "x-dropshot-pagination", deserialize_with = "lenient::value")]
    pub x_dropshot_pagination: Option<serde_yaml::Value>,
}

/// A parameter or a `$ref` to one.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Parameter {
    /// `$ref` to `#/components/parameters/…`.
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    /// Wire name.
    pub name: String,
    /// `path`, `query`, `header` or `cookie`.
    #[serde(rename = "in")]
    pub location: String,
    /// Markdown description.
    pub description: Option<String>,
    /// Whether it must be given (always true for path parameters).
    pub required: bool,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// The value's schema.
    pub schema: Option<Schema>,
    /// How a query value is written: `form` (default), `deepObject`, `spaceDelimited`, `pipeDelimited`.
    pub style: Option<String>,
    /// Whether arrays and objects are spread over several parameters (`form`'s default: true).
    pub explode: Option<bool>,
    /// `x-idempotency-key: true`: this header parameter carries the operation's idempotency key
    /// (anything but `true` is false).
    #[serde(rename = "x-idempotency-key", deserialize_with = "lenient::flag")]
    pub idempotency_key: bool,
}

/// A request body or a `$ref` to one.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RequestBody {
    /// `$ref` to `#/components/requestBodies/…`.
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    /// Markdown description.
    pub description: Option<String>,
    /// Whether a body must be sent.
    pub required: bool,
    /// Schemas by media type.
    pub content: IndexMap<String, MediaType>,
}

/// A response or a `$ref` to one.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Response {
    /// `$ref` to `#/components/responses/…`.
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    /// Markdown description.
    pub description: Option<String>,
    /// Schemas by media type.
    pub content: IndexMap<String, MediaType>,
    /// The names of the headers it declares (`Link`, rate limits).
    #[serde(deserialize_with = "lenient::keys")]
    pub headers: Vec<String>,
}

/// A media type entry of `content`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MediaType {
    /// The body's schema.
    pub schema: Option<Schema>,
    /// OpenAPI 3.2's schema of each item of a sequential media type (`text/event-stream`).
    #[serde(rename = "itemSchema")]
    pub item_schema: Option<Schema>,
    /// Schema of each server-sent event's `data:` JSON.
    #[serde(rename = "x-event-data")]
    pub event_data: Option<Schema>,
    /// Boolean request-body property that selects this media type (streaming) when true.
    #[serde(rename = "x-stream-flag")]
    pub stream_flag: Option<String>,
    /// Path from an event to its text deltas, `*` standing for every array item (`/data/*/output`).
    #[serde(rename = "x-stream-text")]
    pub stream_text: Option<String>,
    /// An event `data:` value that ends the stream (`[DONE]` in some APIs).
    #[serde(rename = "x-stream-done")]
    pub stream_done: Option<String>,
    /// Path to the output index beside each text delta (`/data/*/index`).
    #[serde(rename = "x-stream-index")]
    pub stream_index: Option<String>,
    /// How each property of a form or multipart body is encoded.
    pub encoding: IndexMap<String, Encoding>,
}

/// How one property of a form or multipart body is encoded.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Encoding {
    /// The part's media type, or a comma-separated list of accepted ones.
    pub content_type: Option<String>,
}

/// A security scheme.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SecurityScheme {
    /// `apiKey`, `http`, `oauth2`, `openIdConnect`, `mutualTLS`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Header, query or cookie name of an `apiKey`.
    pub name: Option<String>,
    /// Where an `apiKey` goes.
    #[serde(rename = "in")]
    pub location: Option<String>,
    /// `bearer` or `basic` for `http`.
    pub scheme: Option<String>,
    /// Markdown description.
    pub description: Option<String>,
    /// The flows of an `oauth2` scheme.
    pub flows: OAuthFlows,
}

/// The flows of an OAuth 2 scheme the generator uses.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct OAuthFlows {
    /// The client credentials flow (RFC 6749 §4.4).
    pub client_credentials: Option<OAuthFlow>,
}

/// One OAuth 2 flow.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct OAuthFlow {
    /// Where tokens are fetched.
    #[serde(deserialize_with = "lenient::text")]
    pub token_url: Option<String>,
    /// The scopes it grants, with what each allows.
    pub scopes: IndexMap<String, serde_yaml::Value>,
}

/// `type`: one name (3.0) or a list of names (3.1).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SchemaTypes(pub Vec<String>);

impl<'de> Deserialize<'de> for SchemaTypes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TypesVisitor;
        impl<'de> Visitor<'de> for TypesVisitor {
            type Value = SchemaTypes;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a type name or a list of type names")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SchemaTypes, E> {
                Ok(SchemaTypes(vec![v.to_owned()]))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<SchemaTypes, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    names.push(name);
                }
                Ok(SchemaTypes(names))
            }
        }
        deserializer.deserialize_any(TypesVisitor)
    }
}

/// A JSON Schema as OpenAPI uses it, or a boolean schema (3.1: `true` = anything, `false` = nothing).
#[derive(Debug, Default, Clone)]
pub struct Schema {
    /// `Some(b)` when the schema was written as the boolean `b`.
    pub boolean: Option<bool>,
    /// The keywords, when written as an object.
    pub body: Box<SchemaObject>,
}

/// The keywords of a schema object.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SchemaObject {
    /// `$ref`.
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    /// `type`.
    #[serde(rename = "type")]
    pub types: SchemaTypes,
    /// `format`.
    pub format: Option<String>,
    /// 3.0 `nullable`.
    pub nullable: bool,
    /// `title`.
    pub title: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `deprecated`.
    pub deprecated: bool,
    /// `readOnly`.
    pub read_only: bool,
    /// `writeOnly`.
    pub write_only: bool,
    /// `default`.
    pub default: Option<Value>,
    /// 3.0 `example`.
    pub example: Option<Value>,
    /// 3.1 `examples`.
    pub examples: Option<Value>,
    /// `enum`.
    #[serde(rename = "enum")]
    pub enum_values: Option<Vec<Value>>,
    /// 3.1 `const`.
    #[serde(rename = "const")]
    pub const_value: Option<Value>,
    /// `properties`, in document order.
    pub properties: IndexMap<String, Schema>,
    /// `required`.
    pub required: Vec<String>,
    /// `additionalProperties`.
    pub additional_properties: Option<Schema>,
    /// `items`.
    pub items: Option<Schema>,
    /// 3.1 `prefixItems`.
    pub prefix_items: Option<Vec<Schema>>,
    /// `allOf`.
    pub all_of: Vec<Schema>,
    /// `oneOf`.
    pub one_of: Vec<Schema>,
    /// `anyOf`.
    pub any_of: Vec<Schema>,
    /// `not` (only noticed, never generated).
    pub not: Option<Schema>,
    /// `minItems`.
    #[serde(deserialize_with = "lenient::count")]
    pub min_items: Option<u64>,
    /// `maxItems`.
    #[serde(deserialize_with = "lenient::count")]
    pub max_items: Option<u64>,
    /// `uniqueItems`.
    #[serde(deserialize_with = "lenient::flag")]
    pub unique_items: bool,
    /// `minLength`, in characters.
    #[serde(deserialize_with = "lenient::count")]
    pub min_length: Option<u64>,
    /// `maxLength`, in characters.
    #[serde(deserialize_with = "lenient::count")]
    pub max_length: Option<u64>,
    /// `pattern`, as written (an ECMA-262 regular expression; not compiled here).
    #[serde(deserialize_with = "lenient::text")]
    pub pattern: Option<String>,
    /// `minimum`.
    #[serde(deserialize_with = "lenient::number")]
    pub minimum: Option<Number>,
    /// `maximum`.
    #[serde(deserialize_with = "lenient::number")]
    pub maximum: Option<Number>,
    /// `exclusiveMinimum`: 3.0's flag on `minimum`, or 3.1's bound of its own.
    #[serde(deserialize_with = "lenient::exclusive")]
    pub exclusive_minimum: Option<Exclusive>,
    /// `exclusiveMaximum`: 3.0's flag on `maximum`, or 3.1's bound of its own.
    #[serde(deserialize_with = "lenient::exclusive")]
    pub exclusive_maximum: Option<Exclusive>,
    /// `multipleOf`.
    #[serde(deserialize_with = "lenient::number")]
    pub multiple_of: Option<Number>,
    /// `discriminator`.
    pub discriminator: Option<Discriminator>,
    /// JSON Schema `definitions` (reachable only through `$ref`).
    pub definitions: IndexMap<String, Schema>,
    /// JSON Schema `$defs` (reachable only through `$ref`); merged with `definitions` for lookups.
    #[serde(rename = "$defs")]
    pub defs: IndexMap<String, Schema>,
    /// Why it is deprecated (OpenAPI has no field for this), for `#[deprecated(note)]`.
    #[serde(rename = "x-deprecated-message")]
    pub deprecated_message: Option<String>,
    /// `x-rust-type`: the Rust type to use instead of generating one, as a path
    /// (`"chrono::NaiveTime"`) or an object with a `path`. Read leniently: another shape is
    /// ignored with a warning.
    #[serde(rename = "x-rust-type")]
    pub rust_type: Option<Value>,
}

/// `exclusiveMinimum` or `exclusiveMaximum`, in either version's form.
#[derive(Debug, Clone, PartialEq)]
pub enum Exclusive {
    /// OpenAPI 3.0 (JSON Schema draft 4): whether `minimum`/`maximum` itself is excluded.
    Flag(bool),
    /// OpenAPI 3.1: a bound of its own, itself excluded.
    Bound(Number),
}

/// `discriminator`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Discriminator {
    /// The property that holds the tag.
    pub property_name: String,
    /// Tag value → `$ref`.
    pub mapping: IndexMap<String, String>,
}

impl<'de> Deserialize<'de> for Schema {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SchemaVisitor;
        impl<'de> Visitor<'de> for SchemaVisitor {
            type Value = Schema;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a schema object or a boolean")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Schema, E> {
                Ok(Schema { boolean: Some(v), body: Box::default() })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Schema, A::Error> {
                let body = SchemaObject::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Schema { boolean: None, body: Box::new(body) })
            }
        }
        deserializer.deserialize_any(SchemaVisitor)
    }
}

/// A list of which only the strings are kept: a tag written as a number or an object must not
/// make the whole document unreadable.
fn strings_only<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let items = match serde_yaml::Value::deserialize(deserializer)? {
        serde_yaml::Value::Sequence(items) => items,
        _ => Vec::new(),
    };
    Ok(items.iter().filter_map(|item| item.as_str().map(str::to_owned)).collect())
}

/// A map whose `x-…` keys (specification extensions) are skipped rather than read as entries.
fn without_extensions<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<IndexMap<String, T>, D::Error> {
    struct MapVisitor<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for MapVisitor<T> {
        type Value = IndexMap<String, T>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = IndexMap::new();
            while let Some(key) = map.next_key::<String>()? {
                if key.starts_with("x-") {
                    map.next_value::<de::IgnoredAny>()?;
                } else {
                    let value = map.next_value()?;
                    out.insert(key, value);
                }
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(MapVisitor(std::marker::PhantomData))
}
