//! Which operations answer a page at a time, and how the next page is asked for.
//!
//! An operation is paginated when it is declared so — by this generator's `x-pagination`, Fern's
//! `x-fern-pagination`, Azure's `x-ms-pageable`, Dropshot's `x-dropshot-pagination`, or the
//! settings (the config file's `[pagination]`) — or when a `GET`'s shape leaves no doubt:
//!
//! 1. a cursor query parameter (`cursor`, `page_token`, `starting_after`, …) answered by a
//!    next-cursor field (`next_cursor`, `nextPageToken`, `next_` + the parameter's name, a
//!    plain-text `next`, …), or, for `starting_after`/`after`, by a `has_more` flag beside items
//!    that have an `id`;
//! 2. a declared `Link` response header (GitHub's lists);
//! 3. a next-page URL field (`next`, `next_url`, `nextLink`, `@odata.nextLink`, …);
//! 4. an offset query parameter (`offset`, `skip`) answered by a `has_more` flag or a total;
//! 5. a page-number query parameter (`page`, `page_number`) answered by a `has_more` flag.
//!
//! Fields are matched by name whatever their case and separators, at the top of the page or one
//! object down (`meta.next_cursor`, `response_metadata.next_cursor`). A page must hold its items:
//! the answer is the list, or its one array property, or else its array named `data`, `items`,
//! `results`, … Without items to walk there is no pagination.

use crate::diagnostics::Diagnostics;
use crate::ir::{
    Api, Media, Method, NextPage, Operation, Paging, PagingSource, Param, ParamLocation, Primitive, TypeDef, TypeKind,
    TypeRef,
};
use crate::settings::{Pagination, PagingDeclaration};
use std::collections::BTreeMap;

/// Query parameters that take a cursor.
const CURSOR_PARAMS: &[&str] = &[
    "cursor",
    "pagetoken",
    "nextpagetoken",
    "nexttoken",
    "nextcursor",
    "continuationtoken",
    "continuation",
    "paginationtoken",
    "startingafter",
    "after",
    "marker",
    "startcursor",
    "pagecursor",
];
/// Fields that give the next page's cursor (besides `next` + the parameter's name).
const NEXT_CURSOR_FIELDS: &[&str] = &[
    "nextcursor",
    "nextpagetoken",
    "nexttoken",
    "continuationtoken",
    "nextmarker",
    "nextpagecursor",
    "nextpage",
    "endcursor",
];
/// The cursor parameters the last item's `id` serves when the page only says it has more.
const AFTER_PARAMS: &[&str] = &["startingafter", "after"];
/// Boolean fields saying another page follows.
const HAS_MORE_FIELDS: &[&str] =
    &["hasmore", "hasnext", "hasnextpage", "more", "hasmoreitems", "hasmoreresults", "hasmorepages"];
/// Integer fields giving the number of items of all pages.
const TOTAL_FIELDS: &[&str] = &["total", "totalcount", "totalresults", "totalitems", "totalrecords", "totalsize"];
/// String fields holding the next page's URL.
const NEXT_LINK_FIELDS: &[&str] =
    &["next", "nexturl", "nextlink", "nextpageurl", "nextpageuri", "nexturi", "nextpagelink", "odatanextlink"];
/// Query parameters of an offset.
const OFFSET_PARAMS: &[&str] = &["offset", "skip"];
/// Query parameters of a page number.
const PAGE_PARAMS: &[&str] = &["page", "pagenumber"];
/// The names of a page's item array, in order of preference when it has several.
const ITEM_FIELDS: &[&str] =
    &["data", "items", "results", "entries", "records", "values", "value", "elements", "nodes", "list", "content"];

/// What an operation's document says of its pagination, read from the first extension present.
pub(super) struct Declared {
    /// The extension's name.
    pub extension: &'static str,
    /// Its pointer.
    pub pointer: String,
    /// What it declares: `None` when it turns pagination off.
    pub declaration: Option<PagingDeclaration>,
}

/// The pagination an operation's extensions declare, if any; one that cannot be read is a warning.
pub(super) fn declared(op: &crate::spec::Operation, pointer: &str, diags: &mut Diagnostics) -> Option<Declared> {
    let extensions = [
        ("x-pagination", &op.x_pagination),
        ("x-fern-pagination", &op.x_fern_pagination),
        ("x-ms-pageable", &op.x_ms_pageable),
        ("x-dropshot-pagination", &op.x_dropshot_pagination),
    ];
    let (extension, value) = extensions.into_iter().find_map(|(name, value)| Some((name, value.as_ref()?)))?;
    let pointer = format!("{pointer}/{extension}");
    let read = match extension {
        "x-pagination" => own(value),
        "x-fern-pagination" => fern(value),
        "x-ms-pageable" => azure(value),
        _ => Ok(Some(PagingDeclaration {
            cursor: Some("page_token".into()),
            next_cursor: Some("next_page".into()),
            items: Some("items".into()),
            ..PagingDeclaration::default()
        })),
    };
    match read {
        Ok(declaration) => Some(Declared { extension, pointer, declaration }),
        Err(problem) => {
            diags.warning(&pointer, format!("`{extension}` {problem}: the operation is not paginated"));
            Some(Declared { extension, pointer, declaration: None })
        }
    }
}

/// `x-pagination`: `false`, or a [`PagingDeclaration`].
fn own(value: &serde_yaml::Value) -> Result<Option<PagingDeclaration>, String> {
    match value {
        serde_yaml::Value::Bool(false) => Ok(None),
        _ => serde_yaml::from_value(value.clone()).map(Some).map_err(|e| format!("cannot be read ({e})")),
    }
}

/// Fern's `x-fern-pagination`: `cursor`/`next_cursor`/`results`, or `offset`/`results` with
/// `step` (an offset grown by the items) or without (a page number), and `has-next-page`; its
/// values are `$request.<name>` and `$response.<path>`.
fn fern(value: &serde_yaml::Value) -> Result<Option<PagingDeclaration>, String> {
    let text = |key: &str| value.get(key).and_then(serde_yaml::Value::as_str);
    let request = |key: &str| text(key).and_then(|t| t.strip_prefix("$request.")).map(str::to_owned);
    let response = |key: &str| text(key).and_then(|t| t.strip_prefix("$response.")).map(str::to_owned);
    let items = response("results").ok_or("has no `results: $response.<path>`")?;
    let mut declaration = PagingDeclaration {
        items: Some(items),
        has_more: response("has-next-page").or_else(|| response("has_next_page")),
        ..PagingDeclaration::default()
    };
    if let Some(cursor) = request("cursor") {
        declaration.cursor = Some(cursor);
        declaration.next_cursor = Some(response("next_cursor").ok_or("has a `cursor` but no `next_cursor`")?);
    } else if let Some(offset) = request("offset") {
        match text("step") {
            Some(_) => declaration.offset = Some(offset),
            None => declaration.page = Some(offset),
        }
    } else {
        return Err("has neither `cursor: $request.<name>` nor `offset: $request.<name>`".into());
    }
    Ok(Some(declaration))
}

/// Azure's `x-ms-pageable`: `nextLinkName` (`null`: one page only) and `itemName` (`value`).
fn azure(value: &serde_yaml::Value) -> Result<Option<PagingDeclaration>, String> {
    // Without a `nextLinkName` (or with `null`) the list comes in one page.
    let Some(next_link) = value.get("nextLinkName").and_then(serde_yaml::Value::as_str) else { return Ok(None) };
    let items = value.get("itemName").and_then(serde_yaml::Value::as_str).unwrap_or("value");
    Ok(Some(PagingDeclaration {
        next_link: Some(next_link.to_owned()),
        items: Some(items.to_owned()),
        ..PagingDeclaration::default()
    }))
}

/// The pagination of an operation: as declared (`Err`: why the declaration does not fit), else
/// as recognised from its shape.
pub(super) fn paging(
    types: &[TypeDef],
    op: &Operation,
    declared: Option<Declared>,
    link_header: bool,
    diags: &mut Diagnostics,
) -> Option<Paging> {
    let Some(declared) = declared else { return recognised(types, op, link_header) };
    let declaration = declared.declaration?;
    match from_declaration(types, op, &declaration, PagingSource::Extension(declared.extension)) {
        Ok(paging) => Some(paging),
        Err(problem) => {
            diags.warning(
                &declared.pointer,
                format!("`{}` {problem}: the operation is not paginated", declared.extension),
            );
            None
        }
    }
}

/// Applies the settings' pagination (by `operationId`) over what the document says; returns a
/// note for each that names no operation or does not fit its operation.
pub fn apply_settings(api: &mut Api, settings: &BTreeMap<String, Pagination>) -> Vec<String> {
    let mut notes = Vec::new();
    for (name, pagination) in settings {
        let Some(index) = api.operations.iter().position(|op| op.raw_name == *name) else {
            notes.push(format!("`[pagination]` names `{name}`, which is no operation of the document"));
            continue;
        };
        let paging = match pagination {
            Pagination::Off => None,
            Pagination::Declared(declaration) => {
                match from_declaration(&api.types, &api.operations[index], declaration, PagingSource::Settings) {
                    Ok(paging) => Some(paging),
                    Err(problem) => {
                        notes.push(format!("`[pagination.{name}]` {problem}: left as the document says"));
                        continue;
                    }
                }
            }
        };
        api.operations[index].paging = paging;
    }
    notes
}

/// A declaration checked against the operation's parameters and answer.
fn from_declaration(
    types: &[TypeDef],
    op: &Operation,
    declaration: &PagingDeclaration,
    source: PagingSource,
) -> Result<Paging, String> {
    if op.response_media != Media::Json || !op.success_variants.is_empty() {
        return Err("is on an operation whose answer is not one JSON type".into());
    }
    let page = op.response.as_ref().ok_or("is on an operation with no JSON answer")?;
    // A path is dotted, unless the whole of it names a field (Azure's `@odata.nextLink`).
    let path_of = |text: &str| match field_at(types, page, &[text.to_owned()]) {
        Some(_) => vec![text.to_owned()],
        None => dotted(text),
    };
    let items = declaration.items.as_deref().map(path_of).unwrap_or_default();
    let item = items_at(types, page, &items).ok_or_else(|| match items.is_empty() {
        true => "names no `items`, and the answer is not an array".to_owned(),
        false => format!("names items at `{}`, which is not an array of the answer", items.join(".")),
    })?;
    let field = |what: &str, at: &[String], accept: fn(&TypeRef) -> bool| match field_at(types, page, at) {
        Some(ty) if accept(&ty) => Ok(at.to_vec()),
        _ => Err(format!("names {what} `{}`, which is no such field of the answer", at.join("."))),
    };
    let query =
        |name: &String| match op.params.iter().any(|p| p.location == ParamLocation::Query && p.wire_name == *name) {
            true => Ok(name.clone()),
            false => Err(format!("names `{name}`, which is no query parameter of the operation")),
        };
    let next = match declaration {
        PagingDeclaration { cursor: Some(param), next_cursor: Some(from), .. } => {
            NextPage::Cursor { param: query(param)?, from: field("the next cursor", &path_of(from), is_scalar)? }
        }
        PagingDeclaration { cursor: Some(param), cursor_from_last_item: Some(item_field), .. } => {
            field_at(types, &item, std::slice::from_ref(item_field))
                .ok_or_else(|| format!("takes the cursor from the items' `{item_field}`, which they do not have"))?;
            NextPage::LastItem { param: query(param)?, field: item_field.clone() }
        }
        PagingDeclaration { cursor: Some(_), .. } => {
            return Err("has a `cursor` but neither `next-cursor` nor `cursor-from-last-item`".into())
        }
        PagingDeclaration { offset: Some(param), .. } => NextPage::Offset { param: query(param)? },
        PagingDeclaration { page: Some(param), .. } => {
            NextPage::Page { param: query(param)?, first: first_page(op, param) }
        }
        PagingDeclaration { next_link: Some(from), .. } => {
            NextPage::NextLink { from: field("the next link", &path_of(from), is_text)? }
        }
        PagingDeclaration { link_header: true, .. } => NextPage::LinkHeader,
        _ => return Err("says neither `cursor`, `offset`, `page`, `next-link` nor `link-header`".into()),
    };
    let has_more = match &declaration.has_more {
        Some(at) => Some(field("the has-more flag", &path_of(at), is_bool)?),
        None => None,
    };
    let total = match &declaration.total {
        Some(at) => Some(field("the total", &path_of(at), is_integer)?),
        None => None,
    };
    Ok(Paging { next, items, item, has_more, total, source })
}

/// The pagination a `GET`'s shape makes certain (the module's docs give the rules).
fn recognised(types: &[TypeDef], op: &Operation, link_header: bool) -> Option<Paging> {
    if op.method != Method::Get || !op.success_variants.is_empty() || op.response_media != Media::Json {
        return None;
    }
    let page = op.response.as_ref()?;
    let (items, item) = find_items(types, page)?;
    let query = |names: &[&str], accept: fn(&TypeRef) -> bool| {
        op.params
            .iter()
            .filter(|p| p.location == ParamLocation::Query && accept(&plain(types, &p.ty)))
            .find(|p| names.contains(&normal(&p.wire_name).as_str()))
    };
    let has_more = find_field(types, page, HAS_MORE_FIELDS, is_bool);
    let total = find_field(types, page, TOTAL_FIELDS, is_integer);
    let paging = |next| {
        Some(Paging {
            next,
            items: items.clone(),
            item: item.clone(),
            has_more: has_more.clone(),
            total: None,
            source: PagingSource::Shape,
        })
    };
    if let Some(cursor) = query(CURSOR_PARAMS, is_scalar) {
        let own = format!("next{}", normal(&cursor.wire_name));
        let names: Vec<&str> = NEXT_CURSOR_FIELDS.iter().copied().chain([own.as_str()]).collect();
        if let Some(from) = find_field(types, page, &names, is_scalar) {
            return paging(NextPage::Cursor { param: cursor.wire_name.clone(), from });
        }
        // Beside a cursor parameter, a plain-text `next` is the cursor; one of format `uri` is
        // a link (Django REST framework's cursor pagination), found below.
        if let Some(from) = find_field(types, page, &["next"], |ty| *ty == TypeRef::Primitive(Primitive::String)) {
            return paging(NextPage::Cursor { param: cursor.wire_name.clone(), from });
        }
        let after = AFTER_PARAMS.contains(&normal(&cursor.wire_name).as_str());
        if after && has_more.is_some() && field_at(types, &item, &["id".to_owned()]).is_some_and(|ty| is_scalar(&ty)) {
            return paging(NextPage::LastItem { param: cursor.wire_name.clone(), field: "id".into() });
        }
    }
    if link_header {
        return paging(NextPage::LinkHeader);
    }
    if let Some(from) = find_field(types, page, NEXT_LINK_FIELDS, is_text) {
        return paging(NextPage::NextLink { from });
    }
    if let Some(offset) = query(OFFSET_PARAMS, is_integer).filter(|_| has_more.is_some() || total.is_some()) {
        let mut found = paging(NextPage::Offset { param: offset.wire_name.clone() })?;
        found.total = total;
        return Some(found);
    }
    if let Some(number) = query(PAGE_PARAMS, is_integer).filter(|_| has_more.is_some()) {
        return paging(NextPage::Page { param: number.wire_name.clone(), first: number.start.unwrap_or(1) });
    }
    None
}

/// Where a page-number parameter starts: its schema's default or minimum, else 1.
fn first_page(op: &Operation, wire_name: &str) -> i64 {
    let param = op.params.iter().find(|p: &&Param| p.location == ParamLocation::Query && p.wire_name == wire_name);
    param.and_then(|p| p.start).unwrap_or(1)
}

/// A name without case and separators: `next_cursor`, `nextCursor` and `Next-Cursor` meet.
fn normal(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// A dotted path (`meta.next_cursor`) as wire names; the empty path is the page itself.
fn dotted(path: &str) -> Vec<String> {
    path.split('.').filter(|segment| !segment.is_empty()).map(str::to_owned).collect()
}

/// A page's items: the page when it is an array, else its one array field, else the first of
/// its arrays whose name says items.
fn find_items(types: &[TypeDef], page: &TypeRef) -> Option<(Vec<String>, TypeRef)> {
    if let Some(item) = array_item(types, page) {
        return Some((Vec::new(), item));
    }
    let arrays: Vec<(&String, TypeRef)> =
        fields(types, page).into_iter().filter_map(|(name, ty)| Some((name, array_item(types, ty)?))).collect();
    let chosen = match arrays.as_slice() {
        [only] => only.clone(),
        _ => ITEM_FIELDS.iter().find_map(|wanted| arrays.iter().find(|(name, _)| normal(name) == *wanted))?.clone(),
    };
    Some((vec![chosen.0.clone()], chosen.1))
}

/// The item type of the array at `path` from `page`.
fn items_at(types: &[TypeDef], page: &TypeRef, path: &[String]) -> Option<TypeRef> {
    match path {
        [] => array_item(types, page),
        _ => array_item(types, &field_at(types, page, path)?),
    }
}

/// The first field named by one of `names` (in their order) that `accept`s its type: at the top
/// of the page, else one object down.
fn find_field(types: &[TypeDef], page: &TypeRef, names: &[&str], accept: fn(&TypeRef) -> bool) -> Option<Vec<String>> {
    let top = fields(types, page);
    let here = |fields: &[(&String, &TypeRef)]| {
        names.iter().find_map(|wanted| {
            fields
                .iter()
                .find(|(name, ty)| normal(name) == *wanted && accept(&plain(types, ty)))
                .map(|(name, _)| (*name).clone())
        })
    };
    if let Some(name) = here(&top) {
        return Some(vec![name]);
    }
    top.iter().find_map(|(outer, ty)| Some(vec![(*outer).clone(), here(&fields(types, ty))?]))
}

/// The type of the field at `path` from `ty`.
fn field_at(types: &[TypeDef], ty: &TypeRef, path: &[String]) -> Option<TypeRef> {
    let mut ty = ty.clone();
    for segment in path {
        ty = fields(types, &ty).into_iter().find(|(name, _)| *name == segment)?.1.clone();
    }
    Some(plain(types, &ty))
}

/// A struct's fields by wire name, looking through aliases and nullability.
fn fields<'t>(types: &'t [TypeDef], ty: &TypeRef) -> Vec<(&'t String, &'t TypeRef)> {
    match named_kind(types, ty) {
        Some(TypeKind::Struct(s)) => s.fields.iter().map(|f| (&f.wire_name, &f.ty)).collect(),
        _ => Vec::new(),
    }
}

/// What a type use names, through aliases and nullability.
fn named_kind<'t>(types: &'t [TypeDef], ty: &TypeRef) -> Option<&'t TypeKind> {
    let mut ty = ty;
    for _ in 0..16 {
        match ty {
            TypeRef::Nullable(inner) => ty = inner,
            TypeRef::Named(id) => match &types[id.0].kind {
                TypeKind::Alias(target) => ty = target,
                kind => return Some(kind),
            },
            _ => return None,
        }
    }
    None
}

/// A type use with aliases and nullability looked through, as far as they go.
fn plain(types: &[TypeDef], ty: &TypeRef) -> TypeRef {
    let mut ty = ty.clone();
    for _ in 0..16 {
        ty = match &ty {
            TypeRef::Nullable(inner) => (**inner).clone(),
            TypeRef::Named(id) => match &types[id.0].kind {
                TypeKind::Alias(target) => target.clone(),
                _ => return ty,
            },
            _ => return ty,
        };
    }
    ty
}

/// The item type when `ty` is an array.
fn array_item(types: &[TypeDef], ty: &TypeRef) -> Option<TypeRef> {
    match plain(types, ty) {
        TypeRef::Array(item) => Some(*item),
        _ => None,
    }
}

fn is_bool(ty: &TypeRef) -> bool {
    *ty == TypeRef::Primitive(Primitive::Bool)
}

fn is_integer(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::Primitive(Primitive::I32 | Primitive::I64 | Primitive::U32 | Primitive::U64 | Primitive::Int64String)
    )
}

fn is_text(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Primitive(Primitive::String | Primitive::Uri))
}

/// A value a query parameter can carry as it is: text or an integer.
fn is_scalar(ty: &TypeRef) -> bool {
    is_text(ty) || is_integer(ty) || matches!(ty, TypeRef::Primitive(Primitive::Uuid))
}
