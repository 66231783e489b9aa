//! Document → [`crate::ir::Api`]: follows every `$ref`, names every type, breaks cycles, and records
//! problems as diagnostics instead of failing at the first one.
//!
//! Named schemas get their [`TypeId`] before any schema is converted, so forward and circular
//! references resolve without recursion into the target (typify's approach).

mod cycles;
mod dedup;
pub mod deprecation;
mod operations;
pub mod pagination;
mod schemas;
mod unions;
mod webhooks;

use crate::diagnostics::Diagnostics;
use crate::ir::{Api, Auth, Docs, HintPart, NameHint, TypeDef, TypeId, TypeKind, TypeRef};
use crate::spec::{self, escape_segment, Document, Schema};
use std::collections::HashMap;

/// Resolves `doc`, recording problems in `diags`.
pub fn resolve(doc: &Document, diags: &mut Diagnostics) -> Api {
    check_version(doc, diags);
    let mut resolver = Resolver::new(doc, diags);
    resolver.define_components();
    let auth = resolver.auth();
    let client_credentials = auth.as_ref().and_then(|(scheme, _)| client_credentials(doc, scheme));
    let schemes = resolver.schemes();
    let operations = resolver.operations(auth.as_ref().map(|(name, _)| name.as_str()));
    let webhooks = resolver.webhooks();
    let auth = auth.map(|(_, auth)| auth);
    let rust_types = std::mem::take(&mut resolver.rust_types);
    let mut types: Vec<TypeDef> = resolver.types;
    unions::tag_by_constants(&mut types, webhooks.as_ref().map(|hooks| hooks.event.0));
    unions::leave_deciding_properties_to_unions(&mut types);
    cycles::box_cycles(&mut types);
    // Stream events with a text path, and the webhook event union (whose impl `parse` is), keep
    // their own definitions.
    let text_events = operations
        .iter()
        .filter_map(|op| op.stream.as_ref().filter(|s| s.text.is_some())?.event.as_ref()?.named())
        .chain(webhooks.as_ref().map(|hooks| hooks.event))
        .map(|id| id.0)
        .collect();
    dedup::share_identical(&mut types, &text_events);
    Api {
        title: doc.info.title.clone(),
        version: doc.info.version.clone(),
        description: doc.info.description.clone(),
        base_url: base_url(doc),
        servers: servers(doc),
        client_credentials,
        env_prefix: doc.info.env_prefix.clone(),
        request_id_header: doc.info.request_id_header.clone().unwrap_or_else(|| "x-request-id".to_owned()),
        auth,
        schemes,
        types,
        operations,
        rust_types,
        webhooks,
    }
}

/// The first server's URL with its variables at their defaults.
fn base_url(doc: &Document) -> Option<String> {
    doc.servers.first().map(|server| {
        let fill = |url: String, (name, var): (&String, &spec::ServerVariable)| {
            url.replace(&format!("{{{name}}}"), &var.default)
        };
        server.variables.iter().fold(server.url.clone(), fill)
    })
}

/// The client credentials flow of `scheme`: its token URL (absolute, a relative one read against
/// the first server's origin) and the scopes the document's requirements name for it.
fn client_credentials(doc: &Document, scheme: &str) -> Option<crate::ir::ClientCredentialsFlow> {
    let flow = doc.components.security_schemes.get(scheme)?.flows.client_credentials.as_ref()?;
    let token_url = flow.token_url.as_deref().map(str::trim).filter(|url| !url.is_empty())?;
    let token_url = match token_url.contains("://") {
        true => token_url.to_owned(),
        false => {
            // The first server's URL, its variables at their defaults.
            let server = base_url(doc).unwrap_or_default();
            let origin = server
                .split_once("://")
                .map(|(scheme, rest)| format!("{scheme}://{}", rest.split('/').next().unwrap_or_default()));
            format!("{}/{}", origin.unwrap_or_default(), token_url.trim_start_matches('/'))
        }
    };
    let mut scopes: Vec<String> = Vec::new();
    for scope in doc.security.iter().filter_map(|req| req.get(scheme)).flatten() {
        if !scopes.contains(scope) {
            scopes.push(scope.clone());
        }
    }
    Some(crate::ir::ClientCredentialsFlow { token_url, scopes })
}

/// The document's servers, with each variable their URL names (its default and values).
fn servers(doc: &Document) -> Vec<crate::ir::Server> {
    let server = |server: &spec::Server| {
        // In the order the URL names them: the document's key order must not matter.
        let mut variables: Vec<(usize, crate::ir::ServerVariable)> = server
            .variables
            .iter()
            .filter_map(|(name, var)| {
                let at = server.url.find(&format!("{{{name}}}"))?;
                let variable = crate::ir::ServerVariable {
                    name: name.clone(),
                    default: var.default.clone(),
                    values: var.values.clone(),
                    description: var.description.clone(),
                };
                Some((at, variable))
            })
            .collect();
        variables.sort_by_key(|(at, _)| *at);
        crate::ir::Server {
            url: server.url.clone(),
            description: server.description.clone().filter(|d| !d.trim().is_empty()),
            variables: variables.into_iter().map(|(_, variable)| variable).collect(),
        }
    };
    doc.servers.iter().map(server).collect()
}

/// Component schemas that a multipart request body names (directly or as an `allOf` part): their
/// binary strings are files.
fn multipart_components(doc: &Document) -> std::collections::HashSet<&str> {
    let bodies = doc.paths.values().flat_map(|item| item.operations()).filter_map(|(_, op)| {
        let mut body = op.request_body.as_ref()?;
        for _ in 0..8 {
            let Some(reference) = &body.reference else { break };
            body = spec::lookup::request_body(doc, &spec::lookup::segments(reference)?)?;
        }
        Some(body)
    });
    let schemas = bodies
        .flat_map(|body| body.content.iter())
        .filter(|(media_type, _)| operations::is_multipart(media_type))
        .filter_map(|(_, media)| media.schema.as_ref());
    let named = |schema: &Schema| match spec::lookup::segments(schema.body.reference.as_deref()?)?.as_slice() {
        [components, schemas, name] if components == "components" && schemas == "schemas" => {
            doc.components.schemas.get_key_value(name.as_str()).map(|(key, _)| key.as_str())
        }
        _ => None,
    };
    schemas.flat_map(|schema| std::iter::once(schema).chain(&schema.body.all_of)).filter_map(named).collect()
}

fn check_version(doc: &Document, diags: &mut Diagnostics) {
    if doc.swagger.is_some() {
        diags.error(
            "/swagger",
            "swagger 2.0 documents are not supported: convert it to OpenAPI 3 first (e.g. with swagger2openapi)",
        );
        return;
    }
    match doc.openapi.as_deref() {
        None => diags.error("", "`openapi` version field is missing: is this an OpenAPI 3 document?"),
        Some(v) if v.starts_with("3.0") || v.starts_with("3.1") => {}
        Some(v) => diags.warning("/openapi", format!("openapi version `{v}` is not 3.0 or 3.1: generating as 3.1")),
    }
}

/// What a schema `$ref` names.
pub(crate) enum RefTarget<'d> {
    /// `#/components/schemas/<name>`.
    Component(&'d str, &'d Schema),
    /// Any other schema, with its pointer.
    Nested(String, &'d Schema),
}

/// State shared by the resolution passes.
pub(crate) struct Resolver<'d> {
    doc: &'d Document,
    diags: &'d mut Diagnostics,
    /// The arena; placeholders are filled in as schemas are converted.
    types: Vec<TypeDef>,
    /// Component schema name → its id.
    named: HashMap<&'d str, TypeId>,
    /// Inline schemas already given a type, by pointer.
    inline: HashMap<String, TypeId>,
    /// Pointers of the `$ref` chain being followed, to stop at a cycle.
    following: Vec<String>,
    /// Whether a `format: binary` string is a file part: while converting a multipart body's
    /// schema (and the components such bodies name).
    file_fields: bool,
    /// `x-rust-type` of the schemas met, by pointer.
    rust_types: std::collections::BTreeMap<String, String>,
}

impl<'d> Resolver<'d> {
    fn new(doc: &'d Document, diags: &'d mut Diagnostics) -> Self {
        Resolver {
            doc,
            diags,
            types: Vec::new(),
            named: HashMap::new(),
            inline: HashMap::new(),
            following: Vec::new(),
            file_fields: false,
            rust_types: Default::default(),
        }
    }

    /// Reserves a type at `pointer`, named from `hint`; its shape is set later.
    fn reserve(&mut self, hint: NameHint, pointer: &str) -> TypeId {
        let id = TypeId(self.types.len());
        self.types.push(TypeDef {
            hint,
            pointer: pointer.to_owned(),
            docs: Docs::default(),
            kind: TypeKind::Alias(TypeRef::Any),
        });
        id
    }

    /// Every component schema, in name order: ids first, then shapes.
    fn define_components(&mut self) {
        let mut names: Vec<&'d String> = self.doc.components.schemas.keys().collect();
        names.sort();
        for name in &names {
            let pointer = format!("/components/schemas/{}", escape_segment(name));
            let id = self.reserve(NameHint::of(vec![HintPart::Text(name.to_string())]), &pointer);
            self.named.insert(name.as_str(), id);
        }
        let multipart_bodies = multipart_components(self.doc);
        for name in names {
            let id = self.named[name.as_str()];
            let schema = &self.doc.components.schemas[name];
            let pointer = self.types[id.0].pointer.clone();
            self.file_fields = multipart_bodies.contains(name.as_str());
            self.define(id, schema, &pointer);
            self.file_fields = false;
        }
    }

    /// What a schema `$ref` points at: a component schema (which has a type of its own) or a
    /// schema anywhere else in the document (typed where it stands, shared by pointer).
    fn ref_target(&mut self, reference: &str, pointer: &str) -> Option<RefTarget<'d>> {
        let doc = self.doc;
        let Some(segments) = spec::lookup::segments(reference) else {
            self.diags.error(
                pointer,
                format!("external `$ref` to `{reference}` is not supported: bundle the document into one file first"),
            );
            return None;
        };
        if let [components, schemas, name] = segments.as_slice() {
            if components == "components" && schemas == "schemas" {
                if let Some((key, schema)) = doc.components.schemas.get_key_value(name.as_str()) {
                    return Some(RefTarget::Component(key.as_str(), schema));
                }
            }
        }
        match spec::lookup::schema(doc, &segments) {
            Some(schema) => Some(RefTarget::Nested(spec::lookup::pointer(&segments), schema)),
            None => {
                self.diags.error(pointer, format!("`$ref` to `{reference}` does not resolve to a schema"));
                None
            }
        }
    }

    /// How requests authenticate: the first supported scheme of the document's security requirements.
    /// The scheme the API key is sent by: the first the document's requirements name that can
    /// be sent (or, without requirements, the first declared).
    fn auth(&mut self) -> Option<(String, Auth)> {
        let doc = self.doc;
        let wanted = doc.security.iter().flat_map(|req| req.keys());
        let schemes = &doc.components.security_schemes;
        // Without document-wide requirements, fall back to the schemes declared.
        let names: Vec<&String> = if doc.security.is_empty() { schemes.keys().collect() } else { wanted.collect() };
        for name in names {
            if !schemes.contains_key(name) {
                self.diags.error("/security", format!("security scheme `{name}` is not declared in components"));
                continue;
            }
            if let Some(auth) = self.scheme(name) {
                return Some((name.clone(), auth));
            }
        }
        None
    }

    /// Every declared scheme that can be sent, by name (sorted).
    fn schemes(&mut self) -> Vec<(String, Auth)> {
        let mut names: Vec<&String> = self.doc.components.security_schemes.keys().collect();
        names.sort();
        names.into_iter().filter_map(|name| Some((name.clone(), self.scheme_quietly(name)?))).collect()
    }

    /// How scheme `name` is sent; a warning when it cannot be.
    fn scheme(&mut self, name: &str) -> Option<Auth> {
        let auth = self.scheme_quietly(name);
        if auth.is_none() {
            let scheme = &self.doc.components.security_schemes[name];
            let pointer = format!("/components/securitySchemes/{}", escape_segment(name));
            self.diags.warning(&pointer, format!("security scheme of type `{}` is not supported", scheme.kind));
        }
        auth
    }

    fn scheme_quietly(&self, name: &str) -> Option<Auth> {
        let scheme = self.doc.components.security_schemes.get(name)?;
        match (scheme.kind.as_str(), scheme.location.as_deref(), scheme.scheme.as_deref()) {
            ("apiKey", Some("header"), _) => scheme.name.clone().map(Auth::ApiKeyHeader),
            ("apiKey", Some("query"), _) => scheme.name.clone().map(Auth::ApiKeyQuery),
            ("apiKey", Some("cookie"), _) => scheme.name.clone().map(Auth::ApiKeyCookie),
            ("http", _, Some(s)) if s.eq_ignore_ascii_case("bearer") => Some(Auth::Bearer),
            ("http", _, Some(s)) if s.eq_ignore_ascii_case("basic") => Some(Auth::Basic),
            ("oauth2" | "openIdConnect", _, _) => Some(Auth::Bearer),
            _ => None,
        }
    }
}
