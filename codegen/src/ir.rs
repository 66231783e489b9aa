//! The resolved intermediate representation: every `$ref` followed, every type identified, every
//! node knowing the JSON pointer it came from. Plain data in the document's terms: it holds wire
//! names and the hints Rust names are made from, but no Rust name — `lower` allocates every one.

use std::fmt;

/// Index of a type in [`Api::types`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

impl fmt::Debug for TypeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// A whole API, ready to emit.
#[derive(Debug, Clone)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description`.
    pub description: Option<String>,
    /// The first server's URL with variables filled in by their defaults.
    pub base_url: Option<String>,
    /// Every server the document lists, in its order (the first is the default).
    pub servers: Vec<Server>,
    /// The OAuth 2 client credentials flow of the API key's scheme, when it has one.
    pub client_credentials: Option<ClientCredentialsFlow>,
    /// The document's `x-env-prefix`: prefix of the SDK's environment variables.
    pub env_prefix: Option<String>,
    /// Response header carrying the server's request id (`x-request-id` unless the document's
    /// `info.x-request-id-header` names another).
    pub request_id_header: String,
    /// How requests authenticate, from the document's security requirements: the scheme the
    /// API key is sent by.
    pub auth: Option<Auth>,
    /// Every security scheme the document declares that can be sent, by its name, sorted.
    pub schemes: Vec<(String, Auth)>,
    /// Every type, addressed by [`TypeId`]; named schemas first, sorted by name.
    pub types: Vec<TypeDef>,
    /// Every operation, in the document's path order.
    pub operations: Vec<Operation>,
    /// The Rust types schemas ask for with `x-rust-type`, by the schema's pointer (a component,
    /// or a property where it is written).
    pub rust_types: std::collections::BTreeMap<String, String>,
    /// The requests the API sends to its users (3.1 `webhooks`), when it declares any.
    pub webhooks: Option<Webhooks>,
}

/// The document's webhooks: the requests the API sends, decoded as one union of their payloads.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhooks {
    /// The union of every webhook's payload, one variant each (told apart like any union: by a
    /// constant property when the payloads have one).
    pub event: TypeId,
    /// Each webhook, by name (the document's key order does not count).
    pub hooks: Vec<Webhook>,
    /// How the API signs them: the document's `x-webhook-signature`, or the settings'.
    pub signature: Option<WebhookSignature>,
    /// Where they are declared (`/webhooks`).
    pub pointer: String,
}

/// One webhook: a request the API sends with a JSON payload.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    /// Its name in the document.
    pub name: String,
    /// The method the API sends it with.
    pub method: Method,
    /// Its payload's type.
    pub payload: TypeRef,
    /// Summary and description.
    pub docs: Docs,
}

/// A scheme by which an API signs its webhook requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WebhookSignature {
    /// Standard Webhooks (standardwebhooks.com): `webhook-id`, `webhook-timestamp` and
    /// `webhook-signature` headers, HMAC-SHA256 of `id.timestamp.body` under a `whsec_` secret.
    StandardWebhooks,
}

impl WebhookSignature {
    /// The scheme a name written in a document or config gives (`standard-webhooks`).
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "standard-webhooks" => Some(WebhookSignature::StandardWebhooks),
            _ => None,
        }
    }
}

/// Where an OAuth 2 scheme's client credentials get tokens, and the scopes the document asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientCredentialsFlow {
    /// The token URL, absolute (a relative one is read against the first server).
    pub token_url: String,
    /// The scopes the document's security requirements name for the scheme.
    pub scopes: Vec<String>,
}

/// A server of the API: a URL template and its variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    /// The URL, `{name}` standing for each variable.
    pub url: String,
    /// What it is (`Production`, `Sandbox`).
    pub description: Option<String>,
    /// The variables the URL names, in the document's order.
    pub variables: Vec<ServerVariable>,
}

/// A variable of a server's URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerVariable {
    /// Its name in the URL.
    pub name: String,
    /// The value used when none is given.
    pub default: String,
    /// The values it may take (empty: any text).
    pub values: Vec<String>,
    /// What it is.
    pub description: Option<String>,
}

impl Api {
    /// The type `id` names.
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The type `id` names once aliases are followed (a chain that loops stops where it began).
    pub fn resolved(&self, id: TypeId) -> &TypeDef {
        let mut def = self.ty(id);
        for _ in 0..self.types.len().min(64) {
            match &def.kind {
                TypeKind::Alias(TypeRef::Named(next)) => def = self.ty(*next),
                _ => break,
            }
        }
        def
    }
}

impl Api {
    /// What a union needs to know of a member of type `ty` to tell it from the others: the JSON
    /// kinds it takes and, for an object, its required and declared properties and the constants
    /// they hold.
    pub fn fit(&self, ty: &TypeRef) -> Fit {
        let kinds = self.kinds(ty, 0);
        let TypeRef::Named(id) = ty else { return Fit { kinds, ..Fit::default() } };
        let s = match &self.resolved(*id).kind {
            TypeKind::Struct(s) => s,
            TypeKind::Enum(e) => {
                let values = e.values.iter().map(|v| Constant::String(v.clone())).collect();
                return Fit { kinds, values, ..Fit::default() };
            }
            _ => return Fit { kinds, ..Fit::default() },
        };
        let required = s.fields.iter().filter(|f| f.presence.is_required());
        let properties = s.fields.iter().map(|f| {
            let nullable = if f.presence.is_nullable() { Kinds::NULL } else { Kinds::NONE };
            (f.wire_name.clone(), self.kinds(&f.ty, 1).with(nullable))
        });
        let constants = s.fields.iter().filter_map(|f| Some((f.wire_name.clone(), f.values.clone()?)));
        Fit {
            kinds,
            values: Vec::new(),
            required: required.map(|f| f.wire_name.clone()).collect(),
            properties: properties.collect(),
            constants: constants.collect(),
        }
    }

    /// The JSON kinds values of `ty` take (`depth` bounds unions of unions).
    fn kinds(&self, ty: &TypeRef, depth: usize) -> Kinds {
        match ty {
            _ if depth > 16 => Kinds::ANY,
            TypeRef::Named(id) => match &self.resolved(*id).kind {
                TypeKind::Struct(_) | TypeKind::Tagged(_) => Kinds::OBJECT,
                TypeKind::Enum(_) => Kinds::STRING,
                TypeKind::Untagged(variants) => {
                    variants.iter().fold(Kinds::NONE, |all, v| all.with(self.kinds(&v.ty, depth + 1)))
                }
                TypeKind::Alias(target) => self.kinds(target, depth + 1),
            },
            TypeRef::Primitive(p) => match p {
                Primitive::String
                | Primitive::Secret
                | Primitive::File
                | Primitive::DateTime
                | Primitive::Date
                | Primitive::Uuid
                | Primitive::Uri
                | Primitive::Base64
                | Primitive::DecimalString => Kinds::STRING,
                // A decimal number or an integer as text: servers send both forms.
                Primitive::DecimalNumber => Kinds::NUMBER.with(Kinds::STRING),
                Primitive::Int64String => Kinds::STRING.with(Kinds::INTEGER),
                Primitive::Bool => Kinds::BOOL,
                Primitive::I32 | Primitive::I64 | Primitive::U32 | Primitive::U64 => Kinds::INTEGER,
                Primitive::F32 | Primitive::F64 => Kinds::NUMBER,
                Primitive::Bytes => Kinds::ANY,
            },
            TypeRef::Array(_) => Kinds::ARRAY,
            TypeRef::Map(_) => Kinds::OBJECT,
            TypeRef::Nullable(inner) => self.kinds(inner, depth + 1).with(Kinds::NULL),
            TypeRef::Any => Kinds::ANY,
        }
    }
}

/// What telling union members apart needs to know of one member (the runtime's `union::Member`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fit {
    /// The JSON kinds its values take.
    pub kinds: Kinds,
    /// The values a string enum member knows (a value it does not know fits it less well).
    pub values: Vec<Constant>,
    /// Wire names of the properties an object must have.
    pub required: Vec<String>,
    /// Every declared property with the kinds its value takes.
    pub properties: Vec<(String, Kinds)>,
    /// Properties whose value must be one of these constants.
    pub constants: Vec<(String, Vec<Constant>)>,
}

/// A set of JSON kinds (the bits of the runtime's `union` constants).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Kinds(u8);

impl Kinds {
    /// No kind.
    pub const NONE: Kinds = Kinds(0);
    /// `null`.
    pub const NULL: Kinds = Kinds(1);
    /// A boolean.
    pub const BOOL: Kinds = Kinds(1 << 1);
    /// An integral number.
    pub const INTEGER: Kinds = Kinds(1 << 2);
    /// Any number.
    pub const NUMBER: Kinds = Kinds(1 << 3);
    /// A string.
    pub const STRING: Kinds = Kinds(1 << 4);
    /// An array.
    pub const ARRAY: Kinds = Kinds(1 << 5);
    /// An object.
    pub const OBJECT: Kinds = Kinds(1 << 6);
    /// Any JSON value.
    pub const ANY: Kinds = Kinds(127);

    /// Both sets.
    pub fn with(self, other: Kinds) -> Kinds {
        Kinds(self.0 | other.0)
    }

    /// The names of the runtime constants this set is made of (`ANY` alone when complete,
    /// `NONE` when empty).
    pub fn names(self) -> Vec<&'static str> {
        if self == Kinds::ANY {
            return vec!["ANY"];
        }
        if self == Kinds::NONE {
            return vec!["NONE"];
        }
        let all = [
            (Kinds::NULL, "NULL"),
            (Kinds::BOOL, "BOOL"),
            (Kinds::INTEGER, "INTEGER"),
            (Kinds::NUMBER, "NUMBER"),
            (Kinds::STRING, "STRING"),
            (Kinds::ARRAY, "ARRAY"),
            (Kinds::OBJECT, "OBJECT"),
        ];
        all.into_iter().filter(|(kind, _)| self.0 & kind.0 != 0).map(|(_, name)| name).collect()
    }
}

/// How the API authenticates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// An API key in the named header.
    ApiKeyHeader(String),
    /// An API key in the named query parameter.
    ApiKeyQuery(String),
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// `Authorization: Basic …` (the key is sent as `user:password`).
    Basic,
    /// An API key in the named cookie.
    ApiKeyCookie(String),
}

/// Documentation carried from the document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docs {
    /// `title` or `summary`.
    pub title: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `deprecated: true`, with the reason when the document gives one.
    pub deprecated: Option<Deprecation>,
    /// `default`, as compact JSON text (documented; never sent by the SDK).
    pub default: Option<String>,
    /// `example`/`examples`, as compact JSON text.
    pub example: Option<String>,
    /// A string `format` the Rust type does not express (`date-time`, `uuid`, `byte`, …): such
    /// values are kept as `String`, exactly as sent, and the format is documented.
    pub format: Option<String>,
    /// The values a non-string `enum` allows (integers, numbers), as JSON text: their type is the
    /// plain number, so the values are documented.
    pub allowed: Vec<String>,
}

/// A deprecation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Deprecation {
    /// Why, when known.
    pub note: Option<String>,
}

/// One generated type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// What its Rust name is made from.
    pub hint: NameHint,
    /// Where it was defined.
    pub pointer: String,
    /// Its documentation.
    pub docs: Docs,
    /// Its shape.
    pub kind: TypeKind,
}

/// What a type's Rust name is made from: the name of the type it belongs to (an inline schema is
/// named after where it is written), then parts of the document's names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NameHint {
    /// The type whose name comes first (`Pet` for `Pet`'s property `status`).
    pub owner: Option<TypeId>,
    /// What follows it.
    pub parts: Vec<HintPart>,
}

/// One part of a [`NameHint`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HintPart {
    /// A name from the document, put in UpperCamelCase on its own (`status` → `Status`).
    Word(String),
    /// Text kept as it is (`Item`, `Response200`, a component's name cased with the rest).
    Text(String),
}

impl NameHint {
    /// A hint of these parts after `owner`'s name.
    pub fn after(owner: TypeId, parts: Vec<HintPart>) -> Self {
        NameHint { owner: Some(owner), parts }
    }

    /// A hint of these parts alone.
    pub fn of(parts: Vec<HintPart>) -> Self {
        NameHint { owner: None, parts }
    }

    /// This hint with `part` appended.
    pub fn with(&self, part: HintPart) -> Self {
        let mut hint = self.clone();
        hint.parts.push(part);
        hint
    }
}

/// The shape of a type.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// An object with known properties.
    Struct(Struct),
    /// A string with known values; unknown values are kept.
    Enum(StringEnum),
    /// A value of one of several shapes, told apart by trying each.
    Untagged(Vec<UnionVariant>),
    /// A value of one of several objects, told apart by a tag property.
    Tagged(TaggedUnion),
    /// Another type under this name.
    Alias(TypeRef),
}

/// An object's fields.
#[derive(Debug, Clone)]
pub struct Struct {
    /// Fields in document order (`allOf` parts in order, then own properties).
    pub fields: Vec<Field>,
    /// Whether a map keeps the fields the document does not declare (not when a flattened
    /// variant keeps them instead).
    pub extra: bool,
    /// The union a `oneOf`/`anyOf` beside the properties (or inside an `allOf`) adds: its
    /// members' fields sit in the same JSON object as the struct's own.
    pub variant: Option<FlattenedVariant>,
}

/// A union flattened into a struct: the struct's fields and one member's, side by side.
#[derive(Debug, Clone)]
pub struct FlattenedVariant {
    /// The union.
    pub ty: TypeRef,
}

/// One field of a struct.
#[derive(Debug, Clone)]
pub struct Field {
    /// Name on the wire.
    pub wire_name: String,
    /// The value's type.
    pub ty: TypeRef,
    /// Whether it must be present and whether it may be null.
    pub presence: Presence,
    /// Whether the value sits behind a `Box` to break a cycle.
    pub boxed: bool,
    /// The values it may hold when its schema is an `enum` or `const` of strings or integers:
    /// what tells the members of a union apart.
    pub values: Option<Vec<Constant>>,
    /// Its documentation.
    pub docs: Docs,
    /// Where it was defined.
    pub pointer: String,
}

/// A value a schema fixes: a `const`, or one value of an `enum`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Constant {
    /// A string.
    String(String),
    /// An integer.
    Integer(i64),
}

impl fmt::Display for Constant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Constant::String(text) => f.write_str(text),
            Constant::Integer(number) => write!(f, "{number}"),
        }
    }
}

impl Presence {
    /// Whether the field is always present (`null` or not).
    pub fn is_required(self) -> bool {
        matches!(self, Presence::Required | Presence::RequiredNullable)
    }

    /// Whether the field may be `null`.
    pub fn is_nullable(self) -> bool {
        matches!(self, Presence::RequiredNullable | Presence::OptionalNullable)
    }
}

/// Required or optional, nullable or not: four states with different Rust types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always present, never null: `T`.
    Required,
    /// Always present, may be null: `Option<T>`, `None` sent as `null`.
    RequiredNullable,
    /// May be absent, never null: `Option<T>`, `None` not sent.
    Optional,
    /// May be absent or null: `Option<Option<T>>`; absent, null and a value stay distinct.
    OptionalNullable,
}

/// A string enum.
#[derive(Debug, Clone)]
pub struct StringEnum {
    /// Known values in document order, without repeats.
    pub values: Vec<String>,
}

/// One alternative of an untagged union.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// What its Rust name is made from.
    pub hint: VariantHint,
    /// Its type.
    pub ty: TypeRef,
    /// Whether the value sits behind a `Box` to break a cycle.
    pub boxed: bool,
    /// Its documentation.
    pub docs: Docs,
    /// Pointers of the `oneOf`/`anyOf` members it stands for (several for inline string enums
    /// merged into one variant).
    pub sources: Vec<String>,
}

/// What a union variant's Rust name is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariantHint {
    /// Its type (`Pet`, `String`, `IntegerList`).
    Type,
    /// What tells an inline member apart (the value of its tag property, its only required one).
    Described(Vec<HintPart>),
    /// Inline string enums merged into one variant.
    Enum,
}

/// A union dispatched on a tag property.
#[derive(Debug, Clone)]
pub struct TaggedUnion {
    /// The tag's wire name.
    pub tag: String,
    /// Alternatives in document order.
    pub variants: Vec<TaggedVariant>,
}

/// One alternative of a tagged union.
#[derive(Debug, Clone)]
pub struct TaggedVariant {
    /// What its Rust name is made from.
    pub hint: VariantHint,
    /// Tag values that select it (the first is written on encode when the body lacks the tag).
    pub tags: Vec<Constant>,
    /// The alternative's type.
    pub ty: TypeRef,
    /// Whether the value sits behind a `Box` to break a cycle.
    pub boxed: bool,
    /// Pointers of the `oneOf`/`anyOf` members it stands for.
    pub sources: Vec<String>,
}

/// A use of a type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// A generated type.
    Named(TypeId),
    /// A primitive.
    Primitive(Primitive),
    /// `Vec<T>`.
    Array(Box<TypeRef>),
    /// `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
    /// `Option<T>`: an array item or map value that may be `null` (a field's nullability is its
    /// [`Presence`]).
    Nullable(Box<TypeRef>),
    /// Any JSON value.
    Any,
}

impl TypeRef {
    /// The generated type this use names, directly or as the item of arrays and maps.
    pub fn named(&self) -> Option<TypeId> {
        match self {
            TypeRef::Named(id) => Some(*id),
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => inner.named(),
            TypeRef::Primitive(_) | TypeRef::Any => None,
        }
    }
}

impl TypeKind {
    /// Every generated type this one's definition uses.
    pub fn references(&self) -> Vec<TypeId> {
        let uses: Vec<&TypeRef> = match self {
            TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).chain(s.variant.as_ref().map(|v| &v.ty)).collect(),
            TypeKind::Untagged(vs) => vs.iter().map(|v| &v.ty).collect(),
            TypeKind::Tagged(t) => t.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias(ty) => vec![ty],
            TypeKind::Enum(_) => Vec::new(),
        };
        uses.into_iter().filter_map(TypeRef::named).collect()
    }
}

impl Operation {
    /// Every type this operation's inputs and outputs name directly: parameters, body, responses,
    /// stream events, error bodies.
    pub fn uses(&self) -> impl Iterator<Item = &TypeRef> {
        let params = self.params.iter().map(|p| &p.ty);
        let body = self.body.as_ref().map(|b| &b.ty);
        let successes = self.success_variants.iter().filter_map(|v| v.ty.as_ref());
        let event = self.stream.as_ref().and_then(|s| s.event.as_ref());
        let errors = self.errors.iter().map(|e| &e.ty);
        params.chain(body).chain(self.response.as_ref()).chain(successes).chain(event).chain(errors)
    }

    /// Every generated type this operation's inputs and outputs use directly.
    pub fn references(&self) -> Vec<TypeId> {
        self.uses().filter_map(TypeRef::named).collect()
    }
}

/// Primitive types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Primitive {
    /// `String`.
    String,
    /// A secret string, redacted in `Debug` (`format: password`).
    Secret,
    /// `bool`.
    Bool,
    /// `i32` (`format: int32`).
    I32,
    /// `i64` (`integer` without or with `format: int64`).
    I64,
    /// `u32`.
    U32,
    /// `u64`.
    U64,
    /// `f32` (`format: float`).
    F32,
    /// `f64` (`number`).
    F64,
    /// `Vec<u8>`: a non-JSON, non-text body (`application/octet-stream`, images, archives).
    Bytes,
    /// A file part of a multipart body (`format: binary` there).
    File,
    /// A string with `format: date-time` (RFC 3339).
    DateTime,
    /// A string with `format: date` (`YYYY-MM-DD`).
    Date,
    /// A string with `format: uuid`.
    Uuid,
    /// A string with `format: uri` or `url`.
    Uri,
    /// A string with `format: byte`: base64-encoded bytes.
    Base64,
    /// A string with `format: decimal`.
    DecimalString,
    /// A number with `format: decimal`.
    DecimalNumber,
    /// A string with `format: int64`: an integer sent as text.
    Int64String,
}

/// How a body travels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Media {
    /// JSON (`application/json`, `…+json`).
    Json,
    /// Text (`text/*`), with its media type.
    Text(String),
    /// Raw bytes, with their media type.
    Binary(String),
}

/// How a request body is encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyEncoding {
    /// JSON.
    Json,
    /// Sent as it is (text or bytes), with its media type.
    Raw(String),
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`, with the media type the document gives each part (its `encoding`).
    Multipart {
        /// Field wire name → media type.
        part_types: Vec<(String, String)>,
    },
    /// `multipart/form-data` whose schema is one file or text, sent as the one part `name`.
    MultipartPart {
        /// The part's name.
        name: String,
    },
}

/// One operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// What it is called: its `operationId`, else `<method> <path>`.
    pub raw_name: String,
    /// The HTTP method.
    pub method: Method,
    /// The operation's first tag, which groups it (into a Cargo feature, when features are on).
    pub tag: Option<String>,
    /// All its tags (what `tag:` patterns select by).
    pub tags: Vec<String>,
    /// Path template as written (`/pets/{petId}`), with a leading `/`.
    pub path: String,
    /// The template parsed: literal text and path parameters, in order.
    pub path_parts: Vec<PathPart>,
    /// Where it was defined.
    pub pointer: String,
    /// Summary, description, deprecation.
    pub docs: Docs,
    /// Parameters in path, query and header.
    pub params: Vec<Param>,
    /// The JSON request body.
    pub body: Option<Body>,
    /// The success response's type, if it has content.
    pub response: Option<TypeRef>,
    /// How the success response travels (`Json` when it has no content).
    pub response_media: Media,
    /// When success statuses answer differently (`200` with a body, `204` without; or two
    /// types): one variant per status, and `send` returns an enum of them. Empty otherwise
    /// (`response` covers every success).
    pub success_variants: Vec<SuccessVariant>,
    /// The server-sent-event mode, if the operation has one.
    pub stream: Option<Stream>,
    /// Typed error bodies by status (`422`, `4XX`, `default`), in status order.
    pub errors: Vec<ErrorResponse>,
    /// Whether requests carry the API's credentials (`security: []` on an operation says no).
    pub authenticated: bool,
    /// The operation's own security requirements when they are not just the API key's scheme:
    /// alternatives, each a set of scheme names sent together. Empty: the API key's scheme.
    pub security: Vec<Vec<String>>,
    /// The header the operation's `x-idempotency-header` names for its idempotency key.
    pub idempotency_header: Option<String>,
    /// How its results come a page at a time, when they do.
    pub paging: Option<Paging>,
}

/// How an operation's results come a page at a time: how the next page is asked for, where a
/// page holds its items, and what says the last page came.
#[derive(Debug, Clone, PartialEq)]
pub struct Paging {
    /// How the next page is asked for.
    pub next: NextPage,
    /// Where a page holds its items: wire names from the page down (empty: the page is the list).
    pub items: Vec<String>,
    /// Each item's type.
    pub item: TypeRef,
    /// A boolean field of the page saying whether another page follows.
    pub has_more: Option<Vec<String>>,
    /// An integer field of the page giving the number of items of all pages (offsets stop there).
    pub total: Option<Vec<String>>,
    /// Who says the operation is paginated.
    pub source: PagingSource,
}

/// How the request for the next page is made from the one before and its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextPage {
    /// Query parameter `param` takes the value at `from` in the page (a cursor or token).
    Cursor {
        /// The query parameter's wire name.
        param: String,
        /// Where the page holds the next cursor.
        from: Vec<String>,
    },
    /// Query parameter `param` takes the field `field` of the page's last item
    /// (`starting_after=<id of the last item>`).
    LastItem {
        /// The query parameter's wire name.
        param: String,
        /// The item's field.
        field: String,
    },
    /// Query parameter `param`, an offset, grows by the number of items the page held.
    Offset {
        /// The query parameter's wire name.
        param: String,
    },
    /// Query parameter `param`, a page number, grows by one.
    Page {
        /// The query parameter's wire name.
        param: String,
        /// The number of the first page, asked for when the caller gives none.
        first: i64,
    },
    /// The next page is at the URL at `from` in the page.
    NextLink {
        /// Where the page holds the URL.
        from: Vec<String>,
    },
    /// The next page is at the `Link` header's `rel="next"` URL (RFC 8288).
    LinkHeader,
}

impl NextPage {
    /// The style's name in reports.
    pub fn style(&self) -> &'static str {
        match self {
            NextPage::Cursor { .. } => "cursor",
            NextPage::LastItem { .. } => "last item's id",
            NextPage::Offset { .. } => "offset",
            NextPage::Page { .. } => "page number",
            NextPage::NextLink { .. } => "next link",
            NextPage::LinkHeader => "Link header",
        }
    }
}

/// Who says an operation is paginated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PagingSource {
    /// An extension of the document (`x-pagination`, `x-fern-pagination`, …), by name.
    Extension(&'static str),
    /// The generation settings (the config file's `[pagination]`).
    Settings,
    /// Its parameters and answer, recognised.
    Shape,
}

impl PagingSource {
    /// Its name in reports: the extension's, `settings` or `shape`.
    pub fn name(self) -> &'static str {
        match self {
            PagingSource::Extension(name) => name,
            PagingSource::Settings => "settings",
            PagingSource::Shape => "shape",
        }
    }
}

/// Whether `text` can be an HTTP header's name: one or more of RFC 9110's token characters.
pub fn is_header_name(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// An HTTP method an operation can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// `GET`.
    Get,
    /// `PUT`.
    Put,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
    /// `OPTIONS`.
    Options,
    /// `HEAD`.
    Head,
    /// `PATCH`.
    Patch,
    /// `TRACE`.
    Trace,
}

impl Method {
    /// The method of a path item's key (`get`, `post`, …).
    pub fn from_key(key: &str) -> Option<Method> {
        Some(match key {
            "get" => Method::Get,
            "put" => Method::Put,
            "post" => Method::Post,
            "delete" => Method::Delete,
            "options" => Method::Options,
            "head" => Method::Head,
            "patch" => Method::Patch,
            "trace" => Method::Trace,
            _ => return None,
        })
    }

    /// Whether sending the request twice has the effect of sending it once (RFC 9110, 9.2.2):
    /// every method but POST and PATCH.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }

    /// Uppercase, as on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Text sent as it is.
    Literal(String),
    /// A path parameter's value (an index into [`Operation::params`]), percent-encoded as one segment.
    Param(usize),
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParamLocation {
    /// In the path template.
    Path,
    /// In the query string.
    Query,
    /// In a header.
    Header,
    /// In the `Cookie` header.
    Cookie,
}

/// A parameter.
#[derive(Debug, Clone)]
pub struct Param {
    /// Wire name.
    pub wire_name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Its type.
    pub ty: TypeRef,
    /// Whether it must be given.
    pub required: bool,
    /// How a query parameter's arrays and objects are written.
    pub style: QueryStyle,
    /// Its documentation.
    pub docs: Docs,
    /// Where it was defined.
    pub pointer: String,
    /// Whether the document marks it as the operation's idempotency key (`x-idempotency-key`).
    pub idempotency_key: bool,
    /// The integer its schema gives as `default`, else as `minimum`: where a page number starts.
    pub start: Option<i64>,
}

/// How a query parameter's arrays and objects are written (OpenAPI `style` and `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueryStyle {
    /// `form`, exploded: `id=1&id=2`, an object's fields as parameters of their own.
    #[default]
    Form,
    /// `form` with `explode: false`: `id=1,2`, an object as `name=k,v,k,v`.
    FormCompact,
    /// `deepObject`: `filter[status]=open`.
    DeepObject,
    /// `spaceDelimited`: `id=1%202`.
    SpaceDelimited,
    /// `pipeDelimited`: `id=1|2`.
    PipeDelimited,
}

/// A request body.
#[derive(Debug, Clone)]
pub struct Body {
    /// Its type (`String` for text, `Bytes` for binary media).
    pub ty: TypeRef,
    /// How it travels.
    pub encoding: BodyEncoding,
    /// Whether it must be sent.
    pub required: bool,
    /// Where it was defined.
    pub pointer: String,
    /// The media type it is sent as (its schema is at `{pointer}/content/{media type}/schema`).
    pub media_type: String,
    /// Its documentation.
    pub docs: Docs,
}

impl Body {
    /// The JSON pointer of the schema the body follows.
    pub fn schema_pointer(&self) -> String {
        format!("{}/content/{}/schema", self.pointer, crate::spec::escape_segment(&self.media_type))
    }
}

/// The server-sent-event mode of an operation.
#[derive(Debug, Clone)]
pub struct Stream {
    /// Type of each event's `data:` JSON (`None`: raw text).
    pub event: Option<TypeRef>,
    /// The boolean body field the SDK sets to select streaming (`true`) or JSON (`false`): the
    /// document's `x-stream-flag`, as an index into the (resolved) body struct's fields.
    pub flag: Option<usize>,
    /// Where an event's text deltas are, when the document says.
    pub text: Option<TextPath>,
    /// The event `data:` that ends the stream, when the document names one (`x-stream-done`).
    pub done: Option<String>,
}

/// A path from an event to its text deltas, checked against the types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextPath {
    /// Steps from the event to a string.
    pub steps: Vec<TextStep>,
    /// Integer field beside the string (its wire name) that says which output (sample) it
    /// belongs to; without it, the position in the last array is used.
    pub index: Option<(String, Presence)>,
}

/// One step of a [`TextPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextStep {
    /// Into a struct field (its wire name), with the field's presence.
    Field(String, Presence),
    /// Into every item of an array.
    Each,
}

/// One success status of an operation whose successes answer differently.
#[derive(Debug, Clone, PartialEq)]
pub struct SuccessVariant {
    /// The status it answers.
    pub status: StatusMatch,
    /// Its variant name (`Ok`, `Created`, `NoContent`, `Status203`, `Success`): fixed by the
    /// status alone.
    pub name: String,
    /// Its content's type; `None` when it has none.
    pub ty: Option<TypeRef>,
    /// How its content travels.
    pub media: Media,
    /// The response's description.
    pub docs: Docs,
}

/// Which statuses a response of the document answers: its key under `responses`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusMatch {
    /// One status (`422`).
    Code(u16),
    /// A class of statuses, by its first digit (`4XX` → 4).
    Range(u16),
    /// Every status no other key names (`default`).
    Default,
}

impl StatusMatch {
    /// A `responses` key: `200`, `4XX` (any case) or `default`; `None` for anything else.
    pub fn parse(key: &str) -> Option<StatusMatch> {
        let key = key.trim();
        if key.eq_ignore_ascii_case("default") {
            return Some(StatusMatch::Default);
        }
        if let Some(class) = key.strip_suffix("XX").or_else(|| key.strip_suffix("xx")) {
            let class: u16 = class.parse().ok()?;
            return (1..=5).contains(&class).then_some(StatusMatch::Range(class));
        }
        let code: u16 = key.parse().ok().filter(|_| key.len() == 3)?;
        (100..=599).contains(&code).then_some(StatusMatch::Code(code))
    }

    /// Whether it names success statuses (2xx).
    pub fn is_success(self) -> bool {
        matches!(self, StatusMatch::Code(200..=299) | StatusMatch::Range(2))
    }

    /// Whether it names failure statuses (4xx, 5xx, or `default`).
    pub fn is_failure(self) -> bool {
        matches!(self, StatusMatch::Code(400..=599) | StatusMatch::Range(4 | 5) | StatusMatch::Default)
    }
}

impl fmt::Display for StatusMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatusMatch::Code(code) => write!(f, "{code}"),
            StatusMatch::Range(class) => write!(f, "{class}XX"),
            StatusMatch::Default => f.write_str("default"),
        }
    }
}

/// A declared error response.
#[derive(Debug, Clone)]
pub struct ErrorResponse {
    /// The statuses it answers.
    pub status: StatusMatch,
    /// The body's type.
    pub ty: TypeRef,
}
