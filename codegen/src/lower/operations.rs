//! Operations → their builders (required inputs as client-method arguments, optional ones as
//! setters, the body taken apart or whole, what `send` and `stream` return), reply enums and the
//! `TextDeltas` impls of streamed events.

use super::{body_struct, docs, resolved_id, Lowering};
use crate::ir::{Docs, Media, Operation, ParamLocation, Presence, StatusMatch, TypeId, TypeKind, TypeRef};
use crate::model::{
    BodyArg, BodyItem, BuilderField, BuilderSetter, Content, Doc, FieldAssign, FieldInit, Input, InputTarget,
    OperationItem, PagingItem, ParamItem, PathPart, Reply, ReplyEnum, ReplyVariant, RustType, SendItem, SetterTarget,
    StreamItem, TextDeltasImpl, TextIndex, TextStep,
};

impl Lowering<'_> {
    /// The operation at `index` of the IR.
    pub(super) fn operation(&self, index: usize) -> OperationItem {
        let op = &self.api.operations[index];
        let names = &self.names.operations[index];
        let taken_apart = body_struct(self.api, op);
        let mut inputs: Vec<Input> = Vec::new();
        let mut fields: Vec<BuilderField> = Vec::new();
        let mut setters: Vec<BuilderSetter> = Vec::new();
        let mut params = Vec::new();
        for (p, name) in op.params.iter().zip(&names.params) {
            let ty = self.rust_type(&p.ty);
            if p.required {
                let schema = Some(format!("{}/schema", p.pointer));
                inputs.push(Input { name: name.clone(), ty: ty.clone(), into: InputTarget::Field, schema });
                fields.push(BuilderField { name: name.clone(), ty: ty.clone(), init: FieldInit::Input });
            } else {
                fields.push(BuilderField {
                    name: name.clone(),
                    ty: RustType::Option(Box::new(ty.clone())),
                    init: FieldInit::None,
                });
                setters.push(BuilderSetter {
                    name: names.setter(name),
                    takes: ty,
                    doc: docs::doc_or(
                        &self.shown(&p.docs, &p.ty),
                        self.api,
                        self.names,
                        &p.ty,
                        Some(Presence::Optional),
                    ),
                    sets: SetterTarget::Field(name.clone()),
                });
            }
            if p.location != ParamLocation::Path {
                params.push(ParamItem {
                    field: name.clone(),
                    ty: self.rust_type(&p.ty),
                    wire: p.wire_name.clone(),
                    location: p.location,
                    style: p.style,
                    required: p.required,
                });
            }
        }
        let body = op.body.as_ref().map(|body| {
            let ty = self.plain_type(&body.ty);
            let flag = op.stream.as_ref().and_then(|s| s.flag);
            let constructor = match (taken_apart, &names.body_fields) {
                (Some((id, s)), Some(inputs_of_fields)) => {
                    let field_names = &self.names.structs[id.0].fields;
                    let mut args = Vec::new();
                    for (i, ((f, field), input)) in s.fields.iter().zip(field_names).zip(inputs_of_fields).enumerate() {
                        let is_flag = Some(i) == flag;
                        let constant = self.constant_variant(f).is_some();
                        if f.presence.is_required() && !constant {
                            // `new` of the body takes every required field except constants.
                            args.push(if is_flag { BodyArg::False } else { BodyArg::Input(input.clone()) });
                            if !is_flag {
                                let field_ty = self.field_type(f);
                                let schema = Some(f.pointer.clone());
                                inputs.push(Input {
                                    name: input.clone(),
                                    ty: field_ty,
                                    into: InputTarget::BodyArg,
                                    schema,
                                });
                            }
                        } else if !f.presence.is_required() && !is_flag {
                            setters.push(BuilderSetter {
                                name: names.setter(input),
                                takes: self.field_value(f),
                                doc: docs::doc_or(
                                    &self.shown(&f.docs, &f.ty),
                                    self.api,
                                    self.names,
                                    &f.ty,
                                    Some(f.presence),
                                ),
                                sets: SetterTarget::BodyField(FieldAssign {
                                    field: field.clone(),
                                    presence: f.presence,
                                    boxed: f.boxed,
                                }),
                            });
                        }
                    }
                    fields.push(BuilderField { name: "body".into(), ty: ty.clone(), init: FieldInit::BodyNew });
                    Some(args)
                }
                _ if body.required => {
                    let schema = Some(body.schema_pointer());
                    inputs.push(Input { name: "body".into(), ty: ty.clone(), into: InputTarget::Field, schema });
                    fields.push(BuilderField { name: "body".into(), ty: ty.clone(), init: FieldInit::Input });
                    None
                }
                _ => {
                    fields.push(BuilderField {
                        name: "body".into(),
                        ty: RustType::Option(Box::new(ty.clone())),
                        init: FieldInit::None,
                    });
                    setters.push(BuilderSetter {
                        name: "body".into(),
                        takes: ty.clone(),
                        doc: Doc { lines: vec![" The request body.".into()], deprecated: None },
                        sets: SetterTarget::Field("body".into()),
                    });
                    None
                }
            };
            let flag = taken_apart.zip(flag).map(|((id, s), i)| FieldAssign {
                field: self.names.structs[id.0].fields[i].clone(),
                presence: s.fields[i].presence,
                boxed: s.fields[i].boxed,
            });
            BodyItem { ty, encoding: body.encoding.clone(), required: body.required, constructor, flag }
        });
        let path_parts = op
            .path_parts
            .iter()
            .map(|part| match part {
                crate::ir::PathPart::Literal(text) => PathPart::Literal(text.clone()),
                crate::ir::PathPart::Param(i) => PathPart::Param(names.params[*i].clone()),
            })
            .collect();
        let errors = op
            .errors
            .iter()
            .filter_map(|e| {
                let (_, variant) = self.names.error_bodies.iter().find(|(ty, _)| *ty == e.ty)?;
                Some((e.status, variant.clone()))
            })
            .collect::<Vec<_>>();
        let many = inputs.len() > 6;
        let idempotency_header = self.idempotency_header(op);
        OperationItem {
            pointer: op.pointer.clone(),
            method: names.method.clone(),
            module: names.module.clone(),
            builder: names.builder.clone(),
            cfg: self.plan.operations[index].clone(),
            http: op.method,
            path: op.path.clone(),
            path_parts,
            doc: self.method_doc(op, &errors, idempotency_header.as_deref()),
            summary: format!(
                " Request builder of `{} {}`, started by [`Client::{}`](crate::Client::{}).",
                op.method, op.path, names.method, names.method
            ),
            inputs,
            fields,
            setters,
            json_body_field: op.body.as_ref().is_some_and(|b| b.encoding == crate::ir::BodyEncoding::Json),
            body,
            params,
            accept: match (&op.response, &op.response_media) {
                (Some(_), Media::Text(media_type) | Media::Binary(media_type)) => Some(media_type.clone()),
                _ => None,
            },
            authenticated: op.authenticated,
            security: op.security.clone(),
            idempotency_header,
            send: self.send_item(op, &names.reply),
            paging: self.paging(op),
            reply: self.reply_enum(op, &names.reply),
            stream: op.stream.as_ref().map(|stream| StreamItem {
                event: stream.event.as_ref().map(|e| self.plain_type(e)),
                done: stream.done.clone(),
                text: stream.text.is_some(),
            }),
            errors,
            many,
        }
    }

    /// `pages` and `items`, for an operation answering JSON a page at a time.
    fn paging(&self, op: &Operation) -> Option<PagingItem> {
        let paging =
            op.paging.as_ref().filter(|_| op.success_variants.is_empty() && op.response_media == Media::Json)?;
        Some(PagingItem {
            next: paging.next.clone(),
            items: paging.items.clone(),
            item: self.rust_type(&paging.item),
            has_more: paging.has_more.clone(),
            total: paging.total.clone(),
            how: paging_doc(paging),
            source: paging.source,
        })
    }

    /// A field's whole type, `Option`s of its presence included.
    fn field_type(&self, f: &crate::ir::Field) -> RustType {
        let value = self.value_type(f);
        match f.presence {
            Presence::Required => value,
            Presence::RequiredNullable | Presence::Optional => RustType::Option(Box::new(value)),
            Presence::OptionalNullable => RustType::Option(Box::new(RustType::Option(Box::new(value)))),
        }
    }

    /// The header in which a call of `op` sends an idempotency key: none for an idempotent
    /// method (a repeat is harmless without one); else the operation's `x-idempotency-header`,
    /// a header parameter marked `x-idempotency-key`, one named `Idempotency-Key` or
    /// `X-Idempotency-Key` (in any case), or the settings' header for every POST and PATCH.
    fn idempotency_header(&self, op: &Operation) -> Option<String> {
        const KNOWN: [&str; 2] = ["Idempotency-Key", "X-Idempotency-Key"];
        if op.method.is_idempotent() {
            return None;
        }
        let headers = || op.params.iter().filter(|p| p.location == ParamLocation::Header);
        op.idempotency_header
            .clone()
            .or_else(|| headers().find(|p| p.idempotency_key).map(|p| p.wire_name.clone()))
            .or_else(|| {
                let known = |p: &&crate::ir::Param| KNOWN.iter().any(|k| k.eq_ignore_ascii_case(&p.wire_name));
                headers().find(known).map(|p| p.wire_name.clone())
            })
            .or_else(|| self.settings.idempotency_header.clone())
    }

    /// The client method's docs: the operation's, what its idempotency key is, and an
    /// `# Errors` section saying which `ErrorBody` variant each failure status decodes as.
    fn method_doc(&self, op: &Operation, errors: &[(StatusMatch, String)], idempotency: Option<&str>) -> Doc {
        let mut op_docs: Docs = op.docs.clone();
        if !docs::has_text(&op_docs) {
            op_docs.description = Some(format!("`{} {}`.", op.method, op.path));
        }
        let mut doc = docs::doc(&op_docs);
        if let Some(header) = idempotency {
            doc.lines.extend([
                String::new(),
                format!(
                    " Each call sends a new idempotency key in `{header}` (unless you set one), the same on \
                     every attempt, so a failed call is retried like an idempotent one."
                ),
            ]);
        }
        if errors.is_empty() {
            return doc;
        }
        let intro =
            " A failure status is an [`Error::Status`](crate::Error::Status) whose [`body()`](crate::Error::body) is:";
        doc.lines.extend([String::new(), " # Errors".to_owned(), String::new(), intro.to_owned()]);
        doc.lines.extend(errors.iter().map(|(status, variant)| {
            let status = match status {
                StatusMatch::Default => "any other status".to_owned(),
                StatusMatch::Range(class) => format!("any {class}xx status"),
                StatusMatch::Code(code) => format!("HTTP {code}"),
            };
            format!(" - {status}: [`ErrorBody::{variant}`](crate::ErrorBody::{variant})")
        }));
        doc
    }

    /// What `send` returns (an operation that only streams has no `send`).
    fn send_item(&self, op: &Operation, reply_name: &str) -> Option<SendItem> {
        let reply = if !op.success_variants.is_empty() {
            Reply::ByStatus(reply_name.to_owned())
        } else {
            match (&op.response, &op.response_media) {
                (Some(ty), Media::Json) => Reply::Json(self.plain_type(ty)),
                (Some(_), Media::Text(_)) => Reply::Text,
                (Some(_), Media::Binary(_)) => Reply::Bytes,
                (None, _) if op.stream.is_some() => return None,
                (None, _) => Reply::Empty,
            }
        };
        // Raw JSON out, for a response that differs from the document; text and bytes are raw already.
        let raw = matches!(reply, Reply::Json(_) | Reply::Empty | Reply::ByStatus(_));
        Some(SendItem { reply, raw })
    }

    /// The enum `send` returns when success statuses answer differently.
    fn reply_enum(&self, op: &Operation, name: &str) -> Option<ReplyEnum> {
        op.success_variants.first()?;
        let variants = op
            .success_variants
            .iter()
            .map(|v| {
                let status = match v.status {
                    StatusMatch::Code(code) => format!("HTTP {code}"),
                    StatusMatch::Range(class) => format!("Any {class}xx status"),
                    StatusMatch::Default => "Any other status".to_owned(),
                };
                let description = match v.docs.description.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                    Some(description) => format!("{status}: {description}"),
                    None => format!("{status}."),
                };
                let content = v.ty.as_ref().map(|ty| match &v.media {
                    Media::Json => Content::Json(self.plain_type(ty)),
                    Media::Text(_) => Content::Text,
                    Media::Binary(_) => Content::Bytes,
                });
                ReplyVariant {
                    name: v.name.clone(),
                    status: v.status,
                    content,
                    doc: docs::doc(&Docs { description: Some(description), ..Docs::default() }),
                }
            })
            .collect();
        // An undeclared success status reads as the first declared one, unless `default` is declared.
        let fallback = (!op.success_variants.iter().any(|v| v.status == StatusMatch::Default)).then_some(0);
        Some(ReplyEnum {
            name: name.to_owned(),
            summary: format!(" What `{} {}` answers, by status.", op.method, op.path),
            variants,
            fallback,
        })
    }

    /// `impl TextDeltas` for each event type with a text path (once per type: copies of one
    /// shape share the impl, and its gate).
    pub(super) fn text_deltas(&self) -> Vec<TextDeltasImpl> {
        let mut seen: Vec<TypeRef> = Vec::new();
        let mut impls = Vec::new();
        for &i in self.names.order.iter().filter(|&&i| self.selection.operations[i]) {
            let op = &self.api.operations[i];
            let Some(stream) = &op.stream else { continue };
            let (Some(event), Some(path)) = (&stream.event, &stream.text) else { continue };
            let event = super::types::canonical(self.api, event, 0);
            // The owner's own type gets no impl here (it is not this crate's to implement for).
            if event.named().is_some_and(|id| self.selection.replaced[id.0].is_some()) {
                continue;
            }
            if seen.contains(&event) {
                continue;
            }
            seen.push(event.clone());
            let Some((steps, index)) = self.text_walk(&event, path) else { continue };
            let cfg = event.named().map(|id| self.plan.types[id.0].clone()).unwrap_or_default();
            impls.push(TextDeltasImpl { ty: self.rust_type(&event), cfg, steps, index });
        }
        impls
    }

    /// A text path's steps with the fields' Rust names, and where the output index comes from.
    fn text_walk(&self, event: &TypeRef, path: &crate::ir::TextPath) -> Option<(Vec<TextStep>, TextIndex)> {
        let last_each = path.steps.iter().rposition(|s| *s == crate::ir::TextStep::Each);
        let mut ty = event.clone();
        let mut parent: Option<TypeId> = None;
        let mut steps = Vec::new();
        for (i, step) in path.steps.iter().enumerate() {
            match step {
                crate::ir::TextStep::Each => {
                    let TypeRef::Array(item) = ty else { return None };
                    ty = *item;
                    steps.push(TextStep::Each { positioned: Some(i) == last_each && path.index.is_none() });
                }
                crate::ir::TextStep::Field(wire, presence) => {
                    let (id, index, field_ty) = self.field_by_wire(&ty, wire)?;
                    parent = Some(id);
                    steps.push(TextStep::Field(self.names.structs[id.0].fields[index].clone(), *presence));
                    ty = field_ty;
                }
            }
        }
        let index = match (&path.index, last_each) {
            (Some((wire, presence)), _) => {
                // The index sits beside the text, in the struct the last step entered.
                let id = parent?;
                let index = self.struct_fields(id)?.iter().position(|f| f.wire_name == *wire)?;
                TextIndex::Field(self.names.structs[id.0].fields[index].clone(), *presence)
            }
            (None, Some(_)) => TextIndex::Position,
            (None, None) => TextIndex::Zero,
        };
        Some((steps, index))
    }

    /// The struct (through aliases) a type names, its field `wire`'s index and type.
    fn field_by_wire(&self, ty: &TypeRef, wire: &str) -> Option<(TypeId, usize, TypeRef)> {
        let TypeRef::Named(id) = ty else { return None };
        let id = resolved_id(self.api, *id);
        let index = self.struct_fields(id)?.iter().position(|f| f.wire_name == wire)?;
        Some((id, index, self.struct_fields(id)?[index].ty.clone()))
    }

    fn struct_fields(&self, id: TypeId) -> Option<&[crate::ir::Field]> {
        match &self.api.ty(id).kind {
            TypeKind::Struct(s) => Some(&s.fields),
            _ => None,
        }
    }
}

/// How `paging`'s pages follow each other and end, for the docs of `pages`.
fn paging_doc(paging: &crate::ir::Paging) -> String {
    use crate::ir::NextPage;
    let dotted = |path: &[String]| path.join(".");
    let next = match &paging.next {
        NextPage::Cursor { param, from } => format!("The next page's `{param}` is the page's `{}`", dotted(from)),
        NextPage::LastItem { param, field } => format!("The next page's `{param}` is the last item's `{field}`"),
        NextPage::Offset { param } => format!("The next page's `{param}` is this one's plus the items it held"),
        NextPage::Page { param, first } => {
            format!("The next page's `{param}` is this one's plus one (the first is {first})")
        }
        NextPage::NextLink { from } => format!("The next page is at the URL of the page's `{}`", dotted(from)),
        NextPage::LinkHeader => "The next page is at the `Link` header's `rel=\"next\"` URL".to_owned(),
    };
    let mut ends = vec!["an empty page".to_owned()];
    ends.extend(paging.has_more.as_ref().map(|path| format!("one whose `{}` is `false`", dotted(path))));
    ends.extend(paging.total.as_ref().map(|path| format!("the one that reaches its `{}` items", dotted(path))));
    let after = match paging.next {
        NextPage::Cursor { .. } | NextPage::LastItem { .. } => {
            ends.push("one without a cursor or with one already followed".into());
            ""
        }
        NextPage::NextLink { .. } | NextPage::LinkHeader => {
            ends.push("one without a link or with one already followed".into());
            " A link to another origin ends it with an error: the client's credentials never go there."
        }
        NextPage::Offset { .. } | NextPage::Page { .. } => "",
    };
    let last = ends.pop().unwrap_or_default();
    let ends = match ends.is_empty() {
        true => last,
        false => format!("{}, or {last}", ends.join(", ")),
    };
    format!(" {next}. The walk ends after {ends}.{after}")
}
