//! Paths → operations: method names, parameters, JSON bodies, success and error responses, and
//! the server-sent-event mode (`text/event-stream`) with its event type and body flag.

use super::pagination;
use super::schemas::docs_of;
use super::Resolver;
use crate::ir::{
    Body, BodyEncoding, Deprecation, Docs, ErrorResponse, HintPart, Media, Method, NameHint, Operation, Param,
    ParamLocation, PathPart, Presence, Primitive, QueryStyle, StatusMatch, Stream, SuccessVariant, TextPath, TextStep,
    TypeKind, TypeRef,
};
use crate::spec::{self, escape_segment, Document, MediaType, Parameter, RequestBody, Response};
use indexmap::IndexMap;

/// Whether a media type carries JSON.
pub(super) fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence == "application/json" || essence.ends_with("+json")
}

fn is_event_stream(media_type: &str) -> bool {
    media_type.split(';').next().unwrap_or("").trim() == "text/event-stream"
}

fn json_media(content: &IndexMap<String, MediaType>) -> Option<(&String, &MediaType)> {
    content.iter().find(|(media_type, _)| is_json(media_type))
}

/// Form and multipart bodies are encoded field by field from an object.
fn is_form(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence == "application/x-www-form-urlencoded" || is_multipart(media_type)
}

/// `multipart/form-data` (and the other `multipart/` types, sent the same way).
pub(super) fn is_multipart(media_type: &str) -> bool {
    media_type.split(';').next().unwrap_or("").trim().starts_with("multipart/")
}

/// A success variant's name, from its status.
fn success_name(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(200) => "Ok".to_owned(),
        StatusMatch::Code(201) => "Created".to_owned(),
        StatusMatch::Code(202) => "Accepted".to_owned(),
        StatusMatch::Code(203) => "NonAuthoritative".to_owned(),
        StatusMatch::Code(204) => "NoContent".to_owned(),
        StatusMatch::Code(205) => "ResetContent".to_owned(),
        StatusMatch::Code(206) => "PartialContent".to_owned(),
        StatusMatch::Code(code) => format!("Status{code}"),
        StatusMatch::Range(_) | StatusMatch::Default => "Success".to_owned(),
    }
}

/// The media types a multipart body's `encoding` gives its fields, by field name.
fn part_types(media: &MediaType) -> Vec<(String, String)> {
    let typed =
        media.encoding.iter().filter_map(|(field, encoding)| Some((field.clone(), encoding.content_type.clone()?)));
    let mut typed: Vec<(String, String)> = typed.collect();
    typed.sort();
    typed
}

/// How a non-JSON media type travels: `text/*` as text, anything else as bytes.
fn raw_media(media_type: &str) -> (Media, TypeRef) {
    if media_type.starts_with("text/") {
        (Media::Text(media_type.to_owned()), TypeRef::Primitive(Primitive::String))
    } else {
        (Media::Binary(media_type.to_owned()), TypeRef::Primitive(Primitive::Bytes))
    }
}

impl<'d> Resolver<'d> {
    /// Every operation of the document, in path order.
    /// `primary` is the scheme the API key is sent by.
    pub(super) fn operations(&mut self, primary: Option<&str>) -> Vec<Operation> {
        let doc = self.doc;
        let mut operations = Vec::new();
        let mut paths: Vec<(&String, &spec::PathItem)> = doc.paths.iter().collect();
        paths.sort_by(|a, b| a.0.cmp(b.0));
        for (path, item) in paths {
            let path_pointer = format!("/paths/{}", escape_segment(path));
            if item.reference.is_some() {
                self.diags.warning(&path_pointer, "path item `$ref` is not supported: path skipped");
                continue;
            }
            for (method, op) in item.operations() {
                let pointer = format!("{path_pointer}/{method}");
                let raw_name = op
                    .operation_id
                    .clone()
                    .filter(|id| !id.trim().is_empty())
                    .unwrap_or_else(|| format!("{method} {path}"));
                if let Some(mut operation) = self.operation(path, method, item, op, &pointer, &raw_name) {
                    operation.security = self.security(op, &pointer, primary);
                    operations.push(operation);
                }
            }
        }
        operations
    }

    fn operation(
        &mut self,
        path: &str,
        method: &str,
        item: &'d spec::PathItem,
        op: &'d spec::Operation,
        pointer: &str,
        raw_name: &str,
    ) -> Option<Operation> {
        let hint = NameHint::of(vec![HintPart::Word(raw_name.to_owned())]);
        let body = match &op.request_body {
            Some(body) => match self.body(body, &format!("{pointer}/requestBody"), &hint) {
                Ok(body) => body,
                Err(()) => return None,
            },
            None => None,
        };
        let mut params = self.params(&item.parameters, &op.parameters, pointer, &hint);
        let (path, path_parts) = self.path_template(path, &mut params, pointer);
        let mut statuses: Vec<(StatusMatch, &String, &'d Response)> = Vec::new();
        for (key, response) in &op.responses {
            match StatusMatch::parse(key) {
                Some(status) => statuses.push((status, key, response)),
                None => self.diags.warning(
                    &format!("{pointer}/responses/{}", escape_segment(key)),
                    format!("response key `{key}` is not a status, a range like `4XX` or `default`: skipped"),
                ),
            }
        }
        // Exact codes first, then ranges, then `default`.
        statuses.sort_by_key(|(status, _, _)| *status);
        let mut successes: Vec<SuccessVariant> = Vec::new();
        // Whether a success declares a `Link` header (RFC 8288), which a list pages by.
        let mut link_header = false;
        let mut stream = None;
        let mut errors = Vec::new();
        for (status, key, raw_response) in statuses {
            let status_pointer = format!("{pointer}/responses/{}", escape_segment(key));
            let Some((resp, resp_pointer)) = self.response(raw_response, &status_pointer) else { continue };
            if status.is_success() {
                link_header |= resp.headers.iter().any(|name| name.eq_ignore_ascii_case("link"));
                // The first success names its types plainly; the others by their status.
                let type_hint = hint.with(HintPart::Text(match successes.is_empty() {
                    true => "Response".to_owned(),
                    false => match status {
                        StatusMatch::Code(code) => format!("Response{code}"),
                        StatusMatch::Range(class) => format!("Response{class}xx"),
                        StatusMatch::Default => "ResponseDefault".to_owned(),
                    },
                }));
                let (mut ty, mut media_kind) = (None, Media::Json);
                for (media_type, media) in &resp.content {
                    let media_pointer = format!("{resp_pointer}/content/{}", escape_segment(media_type));
                    if is_event_stream(media_type) {
                        if stream.is_none() {
                            stream = Some(self.stream(media, &media_pointer, &hint, body.as_ref()));
                        }
                    } else if is_json(media_type) && (ty.is_none() || media_kind != Media::Json) {
                        // A body the document allows to be `null` (a nullable `$ref` target) is
                        // an `Option`: `null` is an answer, not a decode error.
                        ty = Some(match &media.schema {
                            Some(schema) => self.element_of(schema, &format!("{media_pointer}/schema"), &type_hint),
                            None => TypeRef::Any,
                        });
                        media_kind = Media::Json;
                    } else if ty.is_none() && !is_json(media_type) {
                        // Not JSON: kept as text or bytes, unless a JSON entry is found later.
                        let (media, raw) = raw_media(media_type);
                        ty = Some(raw);
                        media_kind = media;
                    }
                }
                let docs = Docs { description: resp.description.clone(), ..Docs::default() };
                successes.push(SuccessVariant { status, name: success_name(status), ty, media: media_kind, docs });
            } else if status.is_failure() {
                if let Some((media_type, media)) = json_media(&resp.content) {
                    let media_pointer = format!("{resp_pointer}/content/{}", escape_segment(media_type));
                    if let Some(schema) = &media.schema {
                        let error_hint =
                            hint.with(HintPart::Text("Error".to_owned())).with(HintPart::Word(status.to_string()));
                        let ty = self.type_of(schema, &format!("{media_pointer}/schema"), &error_hint);
                        errors.push(ErrorResponse { status, ty });
                    }
                }
            }
        }
        let (response, response_media) = match successes.first() {
            Some(first) => (first.ty.clone(), first.media.clone()),
            None => (None, Media::Json),
        };
        // One type covers every success unless their content differs.
        let alike = successes.windows(2).all(|pair| (&pair[0].ty, &pair[0].media) == (&pair[1].ty, &pair[1].media));
        let success_variants = if alike || stream.is_some() { Vec::new() } else { successes };
        let docs = Docs {
            title: op.summary.clone(),
            description: op.description.clone(),
            deprecated: op.deprecated.then(Deprecation::default),
            ..Docs::default()
        };
        let declared = pagination::declared(op, pointer, self.diags);
        let mut operation = Operation {
            raw_name: raw_name.to_owned(),
            method: Method::from_key(method)?,
            tag: op.tags.first().cloned(),
            tags: op.tags.clone(),
            path,
            path_parts,
            pointer: pointer.to_owned(),
            docs,
            params,
            body,
            response,
            response_media,
            success_variants,
            stream,
            errors,
            // `security: []` or `[{}]` opts the operation out of authentication.
            authenticated: op.security.as_ref().is_none_or(|reqs| reqs.iter().any(|r| !r.is_empty())),
            security: Vec::new(),
            idempotency_header: self.idempotency_header(op, pointer),
            paging: None,
        };
        operation.paging = pagination::paging(&self.types, &operation, declared, link_header, self.diags);
        Some(operation)
    }

    /// `path` parsed into literals and parameters. Every `{name}` must be a declared path
    /// parameter (an undeclared one becomes a required string parameter, with a warning, so
    /// the URL is still right), every path parameter must appear, and the path starts with `/`.
    fn path_template(&mut self, path: &str, params: &mut Vec<Param>, pointer: &str) -> (String, Vec<PathPart>) {
        let path = if path.starts_with('/') {
            path.to_owned()
        } else {
            self.diags.warning(pointer, format!("path `{path}` does not start with `/`: sent as `/{path}`"));
            format!("/{path}")
        };
        // Literals, and path parameters by wire name until the list of parameters is final.
        let mut parts: Vec<Result<String, String>> = Vec::new();
        let mut rest = path.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                self.diags.warning(pointer, format!("path `{path}` has an unclosed `{{`: sent as written"));
                break;
            };
            if open > 0 {
                parts.push(Ok(rest[..open].to_owned()));
            }
            let wire = &rest[open + 1..close];
            let declared = params.iter().any(|p| p.location == ParamLocation::Path && p.wire_name == wire);
            if !declared {
                self.diags.warning(
                    pointer,
                    format!("path parameter `{wire}` of `{path}` is not declared: taken as a required string"),
                );
                params.push(Param {
                    wire_name: wire.to_owned(),
                    location: ParamLocation::Path,
                    ty: TypeRef::Primitive(Primitive::String),
                    required: true,
                    style: QueryStyle::Form,
                    docs: Docs { description: Some(format!("`{{{wire}}}` in the path.")), ..Docs::default() },
                    pointer: pointer.to_owned(),
                    idempotency_key: false,
                    start: None,
                });
            }
            parts.push(Err(wire.to_owned()));
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Ok(rest.to_owned()));
        }
        let used: Vec<&String> = parts.iter().filter_map(|part| part.as_ref().err()).collect();
        params.retain(|p| {
            let unused = p.location == ParamLocation::Path && !used.contains(&&p.wire_name);
            if unused {
                self.diags.warning(
                    &p.pointer,
                    format!("path parameter `{}` does not appear in `{path}`: left out", p.wire_name),
                );
            }
            !unused
        });
        let index_of =
            |wire: &String| params.iter().position(|p| p.location == ParamLocation::Path && p.wire_name == *wire);
        let parts = parts
            .into_iter()
            .filter_map(|part| match part {
                Ok(text) => Some(PathPart::Literal(text)),
                Err(wire) => index_of(&wire).map(PathPart::Param),
            })
            .collect();
        (path, parts)
    }

    fn params(&mut self, shared: &'d [Parameter], own: &'d [Parameter], pointer: &str, hint: &NameHint) -> Vec<Param> {
        // Operation parameters override path parameters of the same name and location.
        let mut merged: IndexMap<(String, String), (&'d Parameter, String)> = IndexMap::new();
        let path_pointer = pointer.rsplit_once('/').map_or("", |(p, _)| p).to_owned();
        let listed = shared
            .iter()
            .enumerate()
            .map(|(i, p)| (p, format!("{path_pointer}/parameters/{i}")))
            .chain(own.iter().enumerate().map(|(i, p)| (p, format!("{pointer}/parameters/{i}"))));
        for (param, param_pointer) in listed {
            let Some((param, param_pointer)) = self.param_target(param, param_pointer) else { continue };
            merged.insert((param.name.clone(), param.location.clone()), (param, param_pointer));
        }
        let mut params = Vec::new();
        for (param, param_pointer) in merged.into_values() {
            let location = match param.location.as_str() {
                "path" => ParamLocation::Path,
                "query" => ParamLocation::Query,
                "header" => ParamLocation::Header,
                "cookie" => ParamLocation::Cookie,
                other => {
                    self.diags.warning(
                        &param_pointer,
                        format!("parameters in `{other}` are not supported: parameter `{}` skipped", param.name),
                    );
                    continue;
                }
            };
            let ty = match &param.schema {
                Some(schema) => self.type_of(
                    schema,
                    &format!("{param_pointer}/schema"),
                    &hint.with(HintPart::Word(param.name.clone())),
                ),
                None => TypeRef::Primitive(Primitive::String),
            };
            let mut docs = Docs { description: param.description.clone(), ..Docs::default() };
            if param.deprecated {
                docs.deprecated = Some(Deprecation::default());
            }
            if let Some(schema) = &param.schema {
                // Many documents describe a parameter in its schema only.
                let schema_docs = docs_of(schema);
                docs.description = docs.description.or(schema_docs.description).or(schema_docs.title);
                docs.default = schema_docs.default;
                docs.format = schema_docs.format;
                docs.allowed = schema_docs.allowed;
            }
            let style = match location {
                ParamLocation::Query => self.query_style(param, &param_pointer),
                _ => QueryStyle::Form,
            };
            if param.idempotency_key && location != ParamLocation::Header {
                let message = format!("`x-idempotency-key` marks `{}`, which is not a header: ignored", param.name);
                self.diags.warning(&format!("{param_pointer}/x-idempotency-key"), message);
            }
            params.push(Param {
                wire_name: param.name.clone(),
                location,
                ty,
                required: param.required || location == ParamLocation::Path,
                style,
                docs,
                idempotency_key: param.idempotency_key && location == ParamLocation::Header,
                start: param.schema.as_ref().and_then(start_of),
                pointer: param_pointer,
            });
        }
        params
    }

    /// An operation's own security requirements, unless they are the API key's scheme alone
    /// (or none): alternatives of scheme sets, sorted within each; schemes the client cannot
    /// send make their alternative impossible, so it is left out.
    fn security(&mut self, op: &spec::Operation, pointer: &str, primary: Option<&str>) -> Vec<Vec<String>> {
        let Some(requirements) = &op.security else { return Vec::new() };
        let mut alternatives = Vec::new();
        for (i, requirement) in requirements.iter().enumerate() {
            let mut schemes: Vec<String> = requirement.keys().cloned().collect();
            schemes.sort();
            if let Some(unknown) = schemes.iter().find(|s| !self.doc.components.security_schemes.contains_key(*s)) {
                let message = format!("security scheme `{unknown}` is not declared in components: requirement skipped");
                self.diags.warning(&format!("{pointer}/security/{i}"), message);
                continue;
            }
            if schemes.iter().all(|s| self.scheme_quietly(s).is_some()) {
                alternatives.push(schemes);
            }
        }
        let only_primary =
            alternatives.len() == 1 && alternatives[0].len() == 1 && Some(alternatives[0][0].as_str()) == primary;
        if only_primary || alternatives.iter().all(Vec::is_empty) {
            return Vec::new();
        }
        alternatives
    }

    /// The header an operation's `x-idempotency-header` names; a value that cannot be a header
    /// name is left out with a warning.
    fn idempotency_header(&mut self, op: &spec::Operation, pointer: &str) -> Option<String> {
        let name = op.idempotency_header.as_deref()?.trim();
        if crate::ir::is_header_name(name) {
            return Some(name.to_owned());
        }
        let message = format!("`x-idempotency-header: {name}` is not a header name: no idempotency key is sent");
        self.diags.warning(&format!("{pointer}/x-idempotency-header"), message);
        None
    }

    /// A query parameter's `style` and `explode`; an unknown style is written as `form`.
    fn query_style(&mut self, param: &Parameter, pointer: &str) -> QueryStyle {
        match (param.style.as_deref(), param.explode) {
            (None | Some("form"), None | Some(true)) => QueryStyle::Form,
            (None | Some("form"), Some(false)) => QueryStyle::FormCompact,
            (Some("deepObject"), _) => QueryStyle::DeepObject,
            (Some("spaceDelimited"), _) => QueryStyle::SpaceDelimited,
            (Some("pipeDelimited"), _) => QueryStyle::PipeDelimited,
            (Some(other), _) => {
                let message = format!("query parameter style `{other}` is not one OpenAPI defines: written as `form`");
                self.diags.warning(&format!("{pointer}/style"), message);
                QueryStyle::Form
            }
        }
    }

    fn param_target(&mut self, param: &'d Parameter, pointer: String) -> Option<(&'d Parameter, String)> {
        self.follow(param, pointer, |p| p.reference.as_deref(), spec::lookup::parameter, "a parameter")
    }

    /// Follows `$ref`s from `item` (a bounded number of times) to the object they name, with its
    /// pointer; a reference that does not resolve to `what` is an error.
    pub(super) fn follow<T>(
        &mut self,
        item: &'d T,
        pointer: String,
        reference_of: impl Fn(&T) -> Option<&str>,
        find: impl Fn(&'d Document, &[String]) -> Option<&'d T>,
        what: &str,
    ) -> Option<(&'d T, String)> {
        let doc = self.doc;
        let (mut current, mut current_pointer) = (item, pointer.clone());
        for _ in 0..32 {
            let Some(reference) = reference_of(current) else { return Some((current, current_pointer)) };
            let segments = spec::lookup::segments(reference).unwrap_or_default();
            let Some(target) = find(doc, &segments) else {
                self.diags.error(&current_pointer, format!("`$ref` to `{reference}` does not resolve to {what}"));
                return None;
            };
            current = target;
            current_pointer = spec::lookup::pointer(&segments);
        }
        self.diags.error(&pointer, format!("circular `$ref` chain: {what} that leads back to itself"));
        None
    }

    /// The JSON body; `Err` when the operation cannot be generated.
    fn body(&mut self, body: &'d RequestBody, pointer: &str, hint: &NameHint) -> Result<Option<Body>, ()> {
        let Some((body, pointer)) = self.follow(
            body,
            pointer.to_owned(),
            |b| b.reference.as_deref(),
            spec::lookup::request_body,
            "a request body",
        ) else {
            return Err(());
        };
        let docs = Docs { description: body.description.clone(), ..Docs::default() };
        let required = body.required;
        if let Some((media_type, media)) = json_media(&body.content) {
            let schema_pointer = format!("{pointer}/content/{}/schema", escape_segment(media_type));
            let ty = match &media.schema {
                Some(schema) => self.type_of(schema, &schema_pointer, &hint.with(HintPart::Text("Request".into()))),
                None => TypeRef::Any,
            };
            let media_type = media_type.clone();
            return Ok(Some(Body { ty, encoding: BodyEncoding::Json, required, docs, pointer, media_type }));
        }
        let raw_alternative = body.content.keys().find(|media_type| !is_form(media_type));
        if let Some((media_type, media)) = body.content.iter().find(|(media_type, _)| is_form(media_type)) {
            let media_pointer = format!("{pointer}/content/{}", escape_segment(media_type));
            let (ty, object) = self.form_body(media_type, media, &media_pointer, hint);
            let encoding = match (is_multipart(media_type), object, &ty) {
                (true, true, _) => Some(BodyEncoding::Multipart { part_types: part_types(media) }),
                (false, true, _) => Some(BodyEncoding::Form),
                // A lone file or text: one part, under the name servers use for one.
                (true, false, TypeRef::Primitive(_)) if raw_alternative.is_none() => {
                    Some(BodyEncoding::MultipartPart { name: "file".to_owned() })
                }
                // A string schema for a form: the text, already encoded.
                (false, false, TypeRef::Primitive(Primitive::String)) => Some(BodyEncoding::Raw(media_type.clone())),
                _ => None,
            };
            if let Some(encoding) = encoding {
                let media_type = media_type.clone();
                return Ok(Some(Body { ty, encoding, required, docs, pointer, media_type }));
            }
            if raw_alternative.is_none() {
                // No field names to send it by: the caller gives the encoded body.
                let message = format!(
                    "this `{media_type}` body is a list or a scalar, with no field names to send it by: \
                     taken as the encoded text"
                );
                self.diags.warning(&media_pointer, message);
                let (ty, encoding) = match is_multipart(media_type) {
                    true => (TypeRef::Primitive(Primitive::Bytes), BodyEncoding::Raw(media_type.clone())),
                    false => (TypeRef::Primitive(Primitive::String), BodyEncoding::Raw(media_type.clone())),
                };
                let media_type = media_type.clone();
                return Ok(Some(Body { ty, encoding, required, docs, pointer, media_type }));
            }
        }
        if let Some(media_type) = raw_alternative.or(body.content.keys().next()) {
            let (_, ty) = raw_media(media_type);
            let encoding = BodyEncoding::Raw(media_type.clone());
            let media_type = media_type.clone();
            return Ok(Some(Body { ty, encoding, required, docs, pointer, media_type }));
        }
        self.left_out(&pointer, "request body has no media type".to_owned(), required)
    }

    /// A body the operation cannot send: the operation is skipped when it is required.
    fn left_out(&mut self, pointer: &str, problem: String, required: bool) -> Result<Option<Body>, ()> {
        match required {
            true => self.diags.warning(pointer, format!("{problem}: operation skipped")),
            false => self.diags.warning(pointer, format!("{problem}: body left out")),
        }
        if required {
            Err(())
        } else {
            Ok(None)
        }
    }

    /// The type of a form or multipart body (its binary strings are files in a multipart body),
    /// and whether it is an object (a struct, a union of them, or a map) whose fields name the
    /// form's.
    fn form_body(&mut self, media_type: &str, media: &'d MediaType, pointer: &str, hint: &NameHint) -> (TypeRef, bool) {
        let Some(schema) = &media.schema else { return (TypeRef::Map(Box::new(TypeRef::Any)), true) };
        self.file_fields = is_multipart(media_type);
        let ty = self.type_of(schema, &format!("{pointer}/schema"), &hint.with(HintPart::Text("Request".into())));
        self.file_fields = false;
        let object = self.is_object(&ty, 0);
        (ty, object)
    }

    /// Whether values of `ty` are JSON objects (`depth` bounds alias chains).
    fn is_object(&self, ty: &TypeRef, depth: usize) -> bool {
        match ty {
            TypeRef::Named(_) if depth > 16 => false,
            TypeRef::Named(id) => match &self.types[id.0].kind {
                TypeKind::Struct(_) | TypeKind::Tagged(_) => true,
                TypeKind::Untagged(variants) => variants.iter().all(|v| self.is_object(&v.ty, depth + 1)),
                TypeKind::Alias(target) => self.is_object(target, depth + 1),
                TypeKind::Enum(_) => false,
            },
            TypeRef::Map(_) | TypeRef::Any => true,
            _ => false,
        }
    }

    /// The response a `$ref` names, following references to references.
    fn response(&mut self, response: &'d Response, pointer: &str) -> Option<(&'d Response, String)> {
        self.follow(response, pointer.to_owned(), |r| r.reference.as_deref(), spec::lookup::response, "a response")
    }

    fn stream(&mut self, media: &'d MediaType, pointer: &str, hint: &NameHint, body: Option<&Body>) -> Stream {
        let (schema, schema_pointer) = if let Some(s) = &media.event_data {
            (Some(s), format!("{pointer}/x-event-data"))
        } else if let Some(s) = &media.item_schema {
            (Some(s), format!("{pointer}/itemSchema"))
        } else {
            // A plain string schema describes the text of the stream, not each event.
            let described = media.schema.as_ref().filter(|s| s.body.types.0 != ["string"] && s.boolean.is_none());
            (described, format!("{pointer}/schema"))
        };
        let event = schema.map(|s| self.type_of(s, &schema_pointer, &hint.with(HintPart::Text("Event".into()))));
        let flag = media.stream_flag.as_ref().and_then(|flag| {
            let field = body
                .and_then(|b| self.struct_field(&b.ty, flag))
                .filter(|field| field.ty == TypeRef::Primitive(Primitive::Bool))
                .map(|field| field.index);
            if field.is_none() {
                self.diags.error(
                    &format!("{pointer}/x-stream-flag"),
                    format!("`x-stream-flag` names `{flag}`, which is not a boolean property of the request body"),
                );
            }
            field
        });
        let text = media.stream_text.as_ref().and_then(|path| {
            if !is_pointer(path) {
                self.diags.error(
                    &format!("{pointer}/x-stream-text"),
                    format!("`x-stream-text` path `{path}` is not a JSON pointer: write `/{path}` (an empty path is the whole event)"),
                );
                return None;
            }
            let Some(mut resolved) = event.as_ref().and_then(|e| self.text_path(e, path)) else {
                self.diags.error(
                    &format!("{pointer}/x-stream-text"),
                    format!("`x-stream-text` path `{path}` does not lead from the event to a string"),
                );
                return None;
            };
            if let Some(index_path) = &media.stream_index {
                resolved.index =
                    event.as_ref().filter(|_| is_pointer(index_path)).and_then(|e| self.index_beside(e, path, index_path));
                if resolved.index.is_none() {
                    self.diags.error(
                        &format!("{pointer}/x-stream-index"),
                        format!("`x-stream-index` path `{index_path}` does not name an integer beside `{path}`"),
                    );
                }
            }
            Some(resolved)
        });
        Stream { event, flag, text, done: media.stream_done.clone() }
    }

    /// A struct's field by wire name, looking through aliases.
    fn struct_field(&self, ty: &TypeRef, wire: &str) -> Option<FoundField> {
        let TypeRef::Named(id) = ty else { return None };
        match &self.types[id.0].kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .enumerate()
                .find(|(_, f)| f.wire_name == wire)
                .map(|(index, f)| FoundField { index, ty: f.ty.clone(), presence: f.presence }),
            TypeKind::Alias(target) => self.struct_field(target, wire),
            _ => None,
        }
    }

    /// The integer field at `index_path`, which must share all but its last segment with `text_path`.
    fn index_beside(&self, event: &TypeRef, text_path: &str, index_path: &str) -> Option<(String, Presence)> {
        let (text_parent, _) = text_path.rsplit_once('/')?;
        let (index_parent, field) = index_path.rsplit_once('/')?;
        if text_parent != index_parent {
            return None;
        }
        let parent = self.walk(event, text_parent)?.0;
        let found = self.struct_field(&parent, field)?;
        let integer =
            matches!(found.ty, TypeRef::Primitive(Primitive::I32 | Primitive::I64 | Primitive::U32 | Primitive::U64));
        integer.then(|| (field.to_owned(), found.presence))
    }

    fn text_path(&self, event: &TypeRef, path: &str) -> Option<TextPath> {
        let (ty, steps) = self.walk(event, path)?;
        (ty == TypeRef::Primitive(Primitive::String)).then_some(TextPath { steps, index: None })
    }

    /// Follows `path` from `event`: the type reached and the steps taken.
    fn walk(&self, event: &TypeRef, path: &str) -> Option<(TypeRef, Vec<TextStep>)> {
        let mut ty = event.clone();
        let mut steps = Vec::new();
        for segment in path.split('/').skip(1) {
            if segment == "*" {
                let TypeRef::Array(item) = ty else { return None };
                ty = *item;
                steps.push(TextStep::Each);
            } else {
                let found = self.struct_field(&ty, segment)?;
                ty = found.ty;
                steps.push(TextStep::Field(segment.to_owned(), found.presence));
            }
        }
        Some((ty, steps))
    }
}

/// The integer a parameter's schema gives as its `default`, else as its `minimum`.
fn start_of(schema: &spec::Schema) -> Option<i64> {
    let schema = &schema.body;
    schema.default.as_ref().and_then(serde_json::Value::as_i64).or_else(|| schema.minimum.as_ref()?.as_i64())
}

/// A field found by wire name: its index in its struct, type and presence.
struct FoundField {
    index: usize,
    ty: TypeRef,
    presence: Presence,
}

/// Whether a path of the document's stream extensions is a JSON pointer: empty (the whole event)
/// or starting with `/`. Without the slash a field name would read as the empty path.
fn is_pointer(path: &str) -> bool {
    path.is_empty() || path.starts_with('/')
}
