//! The generated crate as plain data: every module, item, name, signature, impl, derive, `cfg`
//! gate, re-export and documentation line, decided once by `lower`. `emit` prints it and
//! decides nothing; [`Crate::surface`] lists what a user can name, for `compat` — so what is
//! printed and what is compared cannot drift apart.

use crate::ir::{BodyEncoding, Constant, Fit, Method, ParamLocation, Presence, QueryStyle, StatusMatch};

mod source;
mod surface;

pub use source::surface_of_source;

/// Keywords that `r#` can escape.
const RAW_KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in", "let",
    "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct", "trait", "true", "type",
    "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Whether the name `name` (a field, method, module) must be written `r#name`: a fact of Rust's
/// syntax, which the printer and the surface both need.
pub fn needs_raw(name: &str) -> bool {
    RAW_KEYWORDS.contains(&name)
}

/// `name` as written in Rust (`r#type` for a keyword).
pub fn written(name: &str) -> String {
    if needs_raw(name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

/// The whole crate.
#[derive(Debug, Clone)]
pub struct Crate {
    /// The document it is generated from, as the generated files' headers name it.
    pub source: String,
    /// The command that regenerates it, as the headers name it.
    pub command: String,
    /// The API's title.
    pub title: String,
    /// The front page: `include_str!` of a README, or lines of text.
    pub front_page: FrontPage,
    /// The runtime's items the crate root re-exports (what users name: `Client`, `EventStream`…).
    pub reexports: Vec<String>,
    /// `ErrorBody`: one variant per error body type the API declares.
    pub error_bodies: Vec<ErrorBodyVariant>,
    /// What the runtime is told about the API.
    pub api_info: ApiInfo,
    /// The client's constructors' docs.
    pub client_docs: ClientDocs,
    /// Every type of the `types` module, in order.
    pub types: Vec<TypeItem>,
    /// The `types` module's own docs.
    pub types_docs: Vec<String>,
    /// Every operation: its module, builder and client method.
    pub operations: Vec<OperationItem>,
    /// `impl TextDeltas` for event types with a text path.
    pub text_deltas: Vec<TextDeltasImpl>,
    /// The Cargo features the code is gated by.
    pub features: Vec<Feature>,
    /// Crates the types need besides the runtime's (`chrono`, `uuid`…), by name.
    pub dependencies: Vec<String>,
    /// The parts of the runtime the crate carries.
    pub runtime: Vec<RuntimePart>,
    /// Only the model types: no client, operations or errors.
    pub types_only: bool,
    /// Modules the owner writes beside the generated ones.
    pub owner_modules: Vec<String>,
    /// Standard prelude names a type of the document takes: printed code names those standard
    /// items by their absolute paths.
    pub shadowed_std: Vec<String>,
    /// `Server`, the document's servers as a choice of the client builder.
    pub servers: Option<ServersItem>,
    /// The document's webhooks: `parse` on their event union.
    pub webhooks: Option<WebhooksItem>,
    /// The `mock` module's expectation per operation (behind the crate's `mock` feature).
    pub mocks: Vec<MockMethod>,
}

/// `MockServer::on().<operation>()`: an expectation typed by the operation's body, success and
/// stream event, served at its method and path.
#[derive(Debug, Clone)]
pub struct MockMethod {
    /// The client method's name, which the expectation's method shares.
    pub method: String,
    /// The operation's module (whose error table checks mocked error bodies).
    pub module: String,
    /// When it is compiled.
    pub cfg: Cfg,
    /// Its docs.
    pub doc: Doc,
    /// The HTTP method.
    pub http: Method,
    /// The path template.
    pub path: String,
    /// The JSON body's type (`()` without one).
    pub body: Option<RustType>,
    /// The success body's type (`()` without one).
    pub response: Option<RustType>,
    /// How the success answers.
    pub reply: MockReply,
    /// Each stream event's type (`()` without a stream).
    pub event: Option<RustType>,
    /// The `data:` ending the stream.
    pub done: Option<String>,
}

/// How a mocked operation's success is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MockReply {
    /// JSON.
    Json,
    /// Text.
    Text,
    /// Bytes.
    Bytes,
    /// No body.
    Empty,
}

/// The webhooks' event union gains `parse`: the delivery's signature checked by a verifier, then
/// its JSON decoded into the variant of its webhook.
#[derive(Debug, Clone)]
pub struct WebhooksItem {
    /// The event union's name in `types`.
    pub event: String,
    /// When it is compiled (the union's own gate).
    pub cfg: Cfg,
    /// The scheme whose verifier the crate carries, if any.
    pub signature: Option<crate::ir::WebhookSignature>,
    /// `parse`'s docs.
    pub doc: Doc,
}

/// The document's servers as a typed choice of the client builder: `Server` (the first is the
/// default) and an enum per URL variable whose values the document lists.
#[derive(Debug, Clone)]
pub struct ServersItem {
    /// `Server`'s variants, in the document's order.
    pub choices: Vec<ServerChoice>,
    /// The variables' enums.
    pub enums: Vec<VariableEnum>,
}

/// One server: a variant of `Server`.
#[derive(Debug, Clone)]
pub struct ServerChoice {
    /// The variant's name.
    pub name: String,
    /// Its docs.
    pub doc: Doc,
    /// Its URL: text and the fields filling its variables.
    pub url: Vec<UrlPart>,
    /// One field per variable.
    pub fields: Vec<ServerField>,
}

/// A piece of a server's URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlPart {
    /// Text as it is.
    Literal(String),
    /// The field of this name.
    Field(String),
}

/// A field of a server's variant: one variable of its URL.
#[derive(Debug, Clone)]
pub struct ServerField {
    /// The field's name.
    pub name: String,
    /// The variable's name in the URL.
    pub wire: String,
    /// Its docs.
    pub doc: Doc,
    /// The enum of its values, when the document lists them (else a `String`).
    pub values: Option<String>,
    /// Its default: the text, or the enum's variant.
    pub default: String,
}

/// The values a server variable may take.
#[derive(Debug, Clone)]
pub struct VariableEnum {
    /// Its name.
    pub name: String,
    /// Its docs.
    pub doc: Doc,
    /// Variant name and value, in the document's order.
    pub values: Vec<(String, String)>,
    /// The variant of the default value (of the first variable it serves).
    pub default: String,
}

/// The crate's front page.
#[derive(Debug, Clone)]
pub enum FrontPage {
    /// `#![doc = include_str!(path)]`.
    Readme(String),
    /// These doc lines.
    Text(Vec<String>),
}

/// Documentation of one item: `#[doc]` lines (each starting with a space) and `#[deprecated]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    /// The lines.
    pub lines: Vec<String>,
    /// `Some(note)` when deprecated, with its note if any.
    pub deprecated: Option<Option<String>>,
}

/// When an item is compiled: always (empty), or when any of these features is on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cfg(pub Vec<String>);

/// The feature that turns on every other one (declared when the crate has features).
pub const FULL_FEATURE: &str = "full";

/// One Cargo feature the crate declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    /// Its name in `Cargo.toml`.
    pub name: String,
    /// What it compiles, for the manifest's comment.
    pub doc: String,
}

/// A Rust type as a user of the crate writes it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RustType {
    /// A type of the `types` module, by its name.
    Model(String),
    /// A type of the operation's own module (its reply enum), by its name.
    Local(String),
    /// `String`.
    String,
    /// `bool`, `i32`, `i64`, `u32`, `u64`, `f32`, `f64`, `u8`, `()`.
    Primitive(&'static str),
    /// `Vec<T>`.
    Vec(Box<RustType>),
    /// `Option<T>`.
    Option(Box<RustType>),
    /// `Box<T>`.
    Box(Box<RustType>),
    /// `BTreeMap<String, T>`.
    Map(Box<RustType>),
    /// `serde_json::Value`.
    Json,
    /// `serde_json::Map<String, serde_json::Value>`.
    JsonObject,
    /// A runtime type re-exported at the root (`SecretString`, `FilePart`, `SseEvent`), or a
    /// generic one with its arguments (`EventStream<T, ErrorBody>`, `Response<T>`).
    Runtime(&'static str, Vec<RustType>),
    /// The crate's `ErrorBody`.
    ErrorBody,
    /// A type of another crate a format maps to, by its path (`chrono::DateTime<chrono::Utc>`).
    External(String),
    /// The owner's choice of type for a schema or property (the config's `[types]`, or
    /// `x-rust-type`), by its path: what JSON it reads is the owner's business.
    Owned(String),
    /// A value of type `value` whose wire form is not its serde form: read and written by a
    /// codec of the runtime.
    Codec {
        /// The type users see.
        value: Box<RustType>,
        /// How it travels.
        codec: CodecKind,
    },
}

/// A part of the runtime a crate carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuntimePart {
    /// How model types read and write JSON: every crate.
    Model,
    /// The client: crates with operations.
    Client,
    /// Pages and items of paginated calls: crates with a paginated operation.
    Paging,
    /// Webhook signatures and `parse`: crates with a client whose document has webhooks.
    Webhook,
    /// The Standard Webhooks signature scheme: crates whose webhooks are signed by it.
    StandardWebhooks,
    /// `time`'s dates: crates that map dates to `time`.
    TimeCodec,
    /// Decimals sent as numbers: crates that map decimals to `rust_decimal`.
    DecimalCodec,
}

/// The runtime's codecs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CodecKind {
    /// Bytes as base64 text.
    Base64,
    /// An `i64` as text.
    I64String,
    /// `time::OffsetDateTime` as RFC 3339.
    Rfc3339,
    /// `time::Date` as `YYYY-MM-DD`.
    IsoDate,
    /// `rust_decimal::Decimal` as a JSON number.
    DecimalNumber,
}

impl RustType {
    /// How the type is written outside the `types` module (`crate::types::Pet`, `Vec<…>`), with
    /// the standard names that `shadowed` lists written in full.
    pub fn path(&self, shadowed: &[String]) -> String {
        let std = |name: &str, full: &str| match shadowed.iter().any(|s| s == name) {
            true => full.to_owned(),
            false => name.to_owned(),
        };
        match self {
            RustType::Model(name) => format!("crate::types::{name}"),
            RustType::Local(name) => name.clone(),
            RustType::String => std("String", "::std::string::String"),
            RustType::Primitive(name) => (*name).to_owned(),
            RustType::Vec(item) => format!("{}<{}>", std("Vec", "::std::vec::Vec"), item.path(shadowed)),
            RustType::Option(item) => format!("{}<{}>", std("Option", "::std::option::Option"), item.path(shadowed)),
            RustType::Box(item) => format!("{}<{}>", std("Box", "::std::boxed::Box"), item.path(shadowed)),
            RustType::Map(value) => {
                format!("::std::collections::BTreeMap<{},{}>", RustType::String.path(shadowed), value.path(shadowed))
            }
            RustType::Json => "serde_json::Value".to_owned(),
            RustType::JsonObject => {
                format!("::serde_json::Map<{},::serde_json::Value>", RustType::String.path(shadowed))
            }
            RustType::Runtime(name, args) if args.is_empty() => format!("crate::runtime::{name}"),
            RustType::Runtime(name, args) => {
                let args: Vec<String> = args.iter().map(|a| a.path(shadowed)).collect();
                format!("crate::runtime::{name}<{}>", args.join(","))
            }
            RustType::ErrorBody => "crate::ErrorBody".to_owned(),
            RustType::External(path) | RustType::Owned(path) => path.clone(),
            RustType::Codec { value, .. } => value.path(shadowed),
        }
    }

    /// Whether a codec reads some part of values of this type.
    pub fn has_codec(&self) -> bool {
        match self {
            RustType::Codec { .. } => true,
            RustType::Vec(inner) | RustType::Option(inner) | RustType::Box(inner) | RustType::Map(inner) => {
                inner.has_codec()
            }
            _ => false,
        }
    }
}

/// One type of the `types` module.
#[derive(Debug, Clone)]
pub struct TypeItem {
    /// Its name.
    pub name: String,
    /// The JSON pointer of the schema it comes from.
    pub pointer: String,
    /// Its docs.
    pub doc: Doc,
    /// When it is compiled.
    pub cfg: Cfg,
    /// What it is.
    pub body: TypeBody,
}

/// The kinds of type.
#[derive(Debug, Clone)]
pub enum TypeBody {
    /// A struct with a constructor and setters.
    Struct(StructItem),
    /// An open string enum.
    Enum(EnumItem),
    /// A union decoded by ranking its members.
    Union(UnionItem),
    /// A union decoded by a tag property.
    Tagged(TaggedItem),
    /// `pub type Name = T;`.
    Alias(RustType),
}

/// A struct.
#[derive(Debug, Clone)]
pub struct StructItem {
    /// Its fields, in order.
    pub fields: Vec<FieldItem>,
    /// The field holding a union flattened into the same object.
    pub flattened: Option<FlattenedField>,
    /// The field keeping undeclared fields.
    pub extra: Option<String>,
    /// `new`.
    pub constructor: Constructor,
    /// Whether `Default` is implemented (by `new`, which then takes nothing).
    pub default: bool,
    /// How it is (de)serialised.
    pub serde: StructSerde,
}

/// One struct field.
#[derive(Debug, Clone)]
pub struct FieldItem {
    /// Its name.
    pub name: String,
    /// Its name on the wire.
    pub wire: String,
    /// Its whole type (`Option`s of its presence included).
    pub ty: RustType,
    /// Its value's type (what a setter takes; boxed if it closes a cycle).
    pub value: RustType,
    /// Required or optional, nullable or not.
    pub presence: Presence,
    /// Whether the value is boxed.
    pub boxed: bool,
    /// Its docs.
    pub doc: Doc,
    /// The setter of an optional field.
    pub setter: Option<Setter>,
}

/// A setter of a struct field.
#[derive(Debug, Clone)]
pub struct Setter {
    /// The method's name.
    pub name: String,
    /// What it takes (`impl Into<T>`).
    pub takes: RustType,
    /// Its docs.
    pub doc: Doc,
}

/// A union flattened into a struct.
#[derive(Debug, Clone)]
pub struct FlattenedField {
    /// The field's name.
    pub name: String,
    /// The union.
    pub ty: RustType,
    /// Its docs.
    pub doc: Doc,
}

/// A struct's `new`.
#[derive(Debug, Clone)]
pub struct Constructor {
    /// Its arguments, each `impl Into<T>`.
    pub args: Vec<(String, RustType)>,
    /// How each field starts, in field order.
    pub inits: Vec<Init>,
    /// Whether clippy's `too_many_arguments` is allowed on it.
    pub many: bool,
}

/// How `new` sets one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Init {
    /// From the argument of the same name.
    Arg,
    /// To a constant: the only variant of a one-value enum (`types::ToolType::Function`).
    Constant {
        /// The enum's name.
        ty: String,
        /// Its only variant.
        variant: String,
    },
    /// To `None`.
    None,
}

/// How a struct is (de)serialised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructSerde {
    /// Through the runtime's object helpers, one call per field.
    Runtime,
    /// serde's `Deserialize` derive, and a `Serialize` that merges the flattened union.
    Flattened,
}

/// An open string enum.
#[derive(Debug, Clone)]
pub struct EnumItem {
    /// Its known values: variant name and wire value.
    pub variants: Vec<(String, String)>,
}

/// A union decoded by ranking its members.
#[derive(Debug, Clone)]
pub struct UnionItem {
    /// Its variants.
    pub variants: Vec<UnionVariant>,
    /// `From` impls.
    pub froms: Vec<FromImpl>,
    /// Whether clippy's `large_enum_variant` is allowed.
    pub large: bool,
}

/// One variant of a union.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// Its name.
    pub name: String,
    /// What it holds (boxed if it closes a cycle).
    pub ty: RustType,
    /// Whether it is boxed.
    pub boxed: bool,
    /// Its docs.
    pub doc: Doc,
    /// What tells it from the other members.
    pub fit: Fit,
    /// Pointers of the document's union members it stands for.
    pub sources: Vec<String>,
}

/// A union decoded by a tag property.
#[derive(Debug, Clone)]
pub struct TaggedItem {
    /// The tag's wire name.
    pub tag: String,
    /// Its variants.
    pub variants: Vec<TaggedVariant>,
    /// `From` impls.
    pub froms: Vec<FromImpl>,
    /// Whether clippy's `large_enum_variant` is allowed.
    pub large: bool,
}

/// One variant of a tagged union.
#[derive(Debug, Clone)]
pub struct TaggedVariant {
    /// Its name.
    pub name: String,
    /// What it holds.
    pub ty: RustType,
    /// Whether it is boxed.
    pub boxed: bool,
    /// The tag values that select it; the first is written when the value lacks the tag.
    pub tags: Vec<Constant>,
    /// Pointers of the document's union members it stands for.
    pub sources: Vec<String>,
}

/// `impl From<T> for Union` (and `From<&str>` for a lone string variant).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromImpl {
    /// The variant it makes.
    pub variant: String,
    /// What it takes.
    pub from: RustType,
    /// Whether the value is boxed into the variant.
    pub boxed: bool,
    /// Whether `From<&str>` is implemented too.
    pub from_str: bool,
}

/// A variant of the crate's `ErrorBody`.
#[derive(Debug, Clone)]
pub struct ErrorBodyVariant {
    /// Its name (also its decoder's).
    pub name: String,
    /// What it holds.
    pub ty: RustType,
    /// Its docs.
    pub doc: Doc,
    /// When it is compiled.
    pub cfg: Cfg,
}

/// What the runtime needs to know of the API.
#[derive(Debug, Clone)]
pub struct ApiInfo {
    /// The default base URL.
    pub base_url: String,
    /// How the API key is sent.
    pub auth: Option<crate::ir::Auth>,
    /// Every scheme the client can send, by name.
    pub schemes: Vec<(String, crate::ir::Auth)>,
    /// The environment variable of the key.
    pub env_api_key: String,
    /// The environment variable of the base URL.
    pub env_base_url: String,
    /// The response header holding the request id.
    pub request_id_header: String,
    /// OAuth 2 client credentials of the API key's scheme: token URL and scopes.
    pub client_credentials: Option<crate::ir::ClientCredentialsFlow>,
}

/// The docs of the client's constructors.
#[derive(Debug, Clone)]
pub struct ClientDocs {
    /// `Client::new`.
    pub new: String,
    /// `Client::from_env`.
    pub from_env: String,
}

/// One operation: its module (builder, reply enum, error table) and its client method.
#[derive(Debug, Clone)]
pub struct OperationItem {
    /// The JSON pointer of the operation in the document.
    pub pointer: String,
    /// The client method's name, also the tracing span's operation name.
    pub method: String,
    /// The module's name (`operations/<module>.rs`).
    pub module: String,
    /// The builder's name.
    pub builder: String,
    /// When it is compiled.
    pub cfg: Cfg,
    /// The HTTP method.
    pub http: Method,
    /// The path template as written.
    pub path: String,
    /// The path, parameters filled in.
    pub path_parts: Vec<PathPart>,
    /// The client method's docs (with its `# Errors` section).
    pub doc: Doc,
    /// The builder's summary line.
    pub summary: String,
    /// The required inputs, in order: the client method's arguments.
    pub inputs: Vec<Input>,
    /// What the builder stores besides its client and options.
    pub fields: Vec<BuilderField>,
    /// The builder's setters of optional inputs.
    pub setters: Vec<BuilderSetter>,
    /// Whether the builder has `body_field` (a JSON body's field the document does not declare).
    pub json_body_field: bool,
    /// The body, if the operation sends one.
    pub body: Option<BodyItem>,
    /// Parameters sent in the query, headers and cookies.
    pub params: Vec<ParamItem>,
    /// Error bodies by status: the `ErrorBody` variant each decodes as.
    pub errors: Vec<(StatusMatch, String)>,
    /// `Accept` when the response is not JSON.
    pub accept: Option<String>,
    /// Whether requests carry credentials.
    pub authenticated: bool,
    /// The operation's own security alternatives.
    pub security: Vec<Vec<String>>,
    /// The header in which each call sends a new idempotency key (unless the caller sets one),
    /// for an operation that is not idempotent and whose document or settings name one.
    pub idempotency_header: Option<String>,
    /// `send` and friends, unless the operation only streams.
    pub send: Option<SendItem>,
    /// The enum `send` returns when successes answer differently.
    pub reply: Option<ReplyEnum>,
    /// `stream`, for an operation answering server-sent events.
    pub stream: Option<StreamItem>,
    /// `pages` and `items`, for an operation answering a page at a time.
    pub paging: Option<PagingItem>,
    /// Whether clippy's `too_many_arguments` is allowed on the constructors.
    pub many: bool,
}

/// A piece of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Text sent as it is.
    Literal(String),
    /// The builder field holding a path parameter.
    Param(String),
}

/// A field of a request builder.
#[derive(Debug, Clone)]
pub struct BuilderField {
    /// Its name.
    pub name: String,
    /// Its type.
    pub ty: RustType,
    /// How the builder's constructor sets it.
    pub init: FieldInit,
}

/// How a builder's constructor sets a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldInit {
    /// From the required input of the same name.
    Input,
    /// The body's `new`, from the inputs [`BodyItem::constructor`] lists.
    BodyNew,
    /// `None`.
    None,
}

/// A required input of an operation: an argument of its client method.
#[derive(Debug, Clone)]
pub struct Input {
    /// Its name.
    pub name: String,
    /// Its type (`impl Into<T>` in the client method).
    pub ty: RustType,
    /// Where it goes.
    pub into: InputTarget,
    /// The JSON pointer of the schema its value follows, when it has one.
    pub schema: Option<String>,
}

/// Where a required input is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputTarget {
    /// A builder field of the same name.
    Field,
    /// An argument of the body's `new`.
    BodyArg,
}

/// A setter of a request builder.
#[derive(Debug, Clone)]
pub struct BuilderSetter {
    /// Its name.
    pub name: String,
    /// What it takes (`impl Into<T>`).
    pub takes: RustType,
    /// Its docs.
    pub doc: Doc,
    /// What it sets.
    pub sets: SetterTarget,
}

/// What a builder setter sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetterTarget {
    /// An optional builder field (a parameter, or the whole body), to `Some(value)`.
    Field(String),
    /// A field of the body taken apart, wrapped for its presence.
    BodyField(FieldAssign),
}

/// An assignment to a field of a struct body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldAssign {
    /// The field.
    pub field: String,
    /// Its presence (how the value is wrapped).
    pub presence: Presence,
    /// Whether the value is boxed.
    pub boxed: bool,
}

/// The body an operation sends.
#[derive(Debug, Clone)]
pub struct BodyItem {
    /// Its type.
    pub ty: RustType,
    /// How it is encoded.
    pub encoding: BodyEncoding,
    /// Whether the builder always holds one (else `Option`).
    pub required: bool,
    /// When the builder takes the body apart: the body's `new` arguments (input names, or
    /// `false` for the stream flag).
    pub constructor: Option<Vec<BodyArg>>,
    /// The stream flag's field, set by `send` (false) and `stream` (true).
    pub flag: Option<FieldAssign>,
}

/// An argument of the body's `new` in a builder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyArg {
    /// The input of this name.
    Input(String),
    /// `false` (the stream flag).
    False,
}

/// A parameter sent outside the path.
#[derive(Debug, Clone)]
pub struct ParamItem {
    /// The builder field holding it.
    pub field: String,
    /// Its type.
    pub ty: RustType,
    /// Its wire name.
    pub wire: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// How a query parameter is written.
    pub style: QueryStyle,
    /// Whether the builder always holds one.
    pub required: bool,
}

/// What `send` returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// JSON decoded into this type.
    Json(RustType),
    /// Text.
    Text,
    /// Bytes.
    Bytes,
    /// Nothing.
    Empty,
    /// The reply enum.
    ByStatus(String),
}

/// `send`, `send_with_response` and `send_raw`.
#[derive(Debug, Clone)]
pub struct SendItem {
    /// What it returns.
    pub reply: Reply,
    /// Whether `send_raw` exists (JSON replies).
    pub raw: bool,
}

/// How a paginated operation walks its pages: `pages` yields each page as `send` decodes it,
/// `items` the items of every page.
#[derive(Debug, Clone)]
pub struct PagingItem {
    /// How the next page is asked for.
    pub next: crate::ir::NextPage,
    /// Where a page holds its items (wire names from the page down).
    pub items: Vec<String>,
    /// Each item's type.
    pub item: RustType,
    /// Where a page says whether another follows.
    pub has_more: Option<Vec<String>>,
    /// Where a page gives the number of items of all pages.
    pub total: Option<Vec<String>>,
    /// A doc line saying how the pages follow each other and when they end.
    pub how: String,
    /// Who says the operation is paginated.
    pub source: crate::ir::PagingSource,
}

/// The enum `send` returns when success statuses answer differently.
#[derive(Debug, Clone)]
pub struct ReplyEnum {
    /// Its name.
    pub name: String,
    /// Its summary.
    pub summary: String,
    /// Its variants.
    pub variants: Vec<ReplyVariant>,
    /// The variant an undeclared success status decodes as, when no `default` is declared.
    pub fallback: Option<usize>,
}

/// One success status.
#[derive(Debug, Clone)]
pub struct ReplyVariant {
    /// Its name.
    pub name: String,
    /// The statuses it answers.
    pub status: StatusMatch,
    /// What it holds.
    pub content: Option<Content>,
    /// Its docs.
    pub doc: Doc,
}

/// How a success body is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// JSON of this type.
    Json(RustType),
    /// Text.
    Text,
    /// Bytes.
    Bytes,
}

/// `stream` and `stream_raw`.
#[derive(Debug, Clone)]
pub struct StreamItem {
    /// Each event's type (`None`: raw events).
    pub event: Option<RustType>,
    /// The `data:` that ends the stream.
    pub done: Option<String>,
    /// Whether the event type has text deltas.
    pub text: bool,
}

/// `impl TextDeltas for <event>`: how to walk from an event to its text.
#[derive(Debug, Clone)]
pub struct TextDeltasImpl {
    /// The event type.
    pub ty: RustType,
    /// When it is compiled (with the event type).
    pub cfg: Cfg,
    /// Steps from the event to the text.
    pub steps: Vec<TextStep>,
    /// How a delta's output index is found.
    pub index: TextIndex,
}

/// One step of a text path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextStep {
    /// Into a struct field, by its name and presence.
    Field(String, Presence),
    /// Into every item of an array.
    Each {
        /// Whether the position in this array is the output index.
        positioned: bool,
    },
}

/// Where a text delta's output index comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextIndex {
    /// A field beside the text, by name and presence.
    Field(String, Presence),
    /// The position in the last array.
    Position,
    /// Always 0.
    Zero,
}

/// Every public item a user can name, with its signature: what `compat` compares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Surface {
    /// The items, sorted by path (`types::Pet::name`, `Client::get_pet()`).
    pub items: std::collections::BTreeMap<String, SurfaceItem>,
}

/// One public item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurfaceItem {
    /// What kind of item it is.
    pub kind: ItemKind,
    /// Its signature as a user reads it.
    pub signature: String,
    /// Its documentation lines (a change there alone is a documentation change).
    pub docs: Vec<String>,
}

/// What kind of item an entry is, which decides what a change of it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemKind {
    /// A type.
    Type,
    /// A public struct field.
    Field,
    /// `new` of a struct: its arguments.
    Constructor,
    /// A setter.
    Setter,
    /// A variant of a `#[non_exhaustive]` enum: adding one breaks no `match`.
    OpenVariant,
    /// A variant of an exhaustive enum: adding one breaks a `match`.
    Variant,
    /// A client method: its arguments.
    Method,
    /// What `send` returns.
    Response,
    /// What `stream` yields.
    StreamEvent,
    /// A variant of `ErrorBody`, or which one an operation's status decodes as.
    ErrorBody,
    /// A trait implemented (`From<T>`, `Default`, a derive): adding one is additive, losing one breaks.
    Impl,
    /// An item of the crate root re-exported from the runtime.
    ReExport,
    /// A Cargo feature.
    Feature,
}
