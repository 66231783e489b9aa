//! What the crate contains: the operations the settings' `include`/`exclude` patterns keep, the
//! types those operations reach, and the types the owner replaced with a Rust type of their own
//! (which are then not generated, nor what only they reach).
//!
//! Names are allocated for the whole document before anything is left out, so selecting fewer
//! operations never renames what stays.

use crate::ir::{Api, Operation, TypeId, TypeKind};
use std::collections::BTreeMap;

/// An operation pattern of `include` / `exclude`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// `tag:Name`: operations whose tags include `Name`.
    Tag(String),
    /// `METHOD /path`: the method (or `*`) and the path's segments, where `*` matches within a
    /// segment and a `**` segment matches any number of them.
    Route { method: Option<String>, segments: Vec<String> },
    /// An `operationId` (`*` matches any text).
    OperationId(String),
}

impl Pattern {
    /// Reads a pattern; the error says what is wrong with it.
    pub fn parse(text: &str) -> Result<Pattern, String> {
        let text = text.trim();
        if let Some(tag) = text.strip_prefix("tag:") {
            return match tag.trim() {
                "" => Err(format!("`{text}`: name the tag after `tag:`")),
                tag => Ok(Pattern::Tag(tag.to_owned())),
            };
        }
        match text.split_once(char::is_whitespace) {
            Some((method, path)) => {
                let method = method.to_ascii_uppercase();
                const METHODS: &[&str] = &["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"];
                if method != "*" && !METHODS.contains(&method.as_str()) {
                    return Err(format!("`{text}`: `{method}` is not an HTTP method (nor `*`)"));
                }
                let path = path.trim();
                if !path.starts_with('/') {
                    return Err(format!("`{text}`: the path must start with `/`"));
                }
                let segments = path.trim_start_matches('/').split('/').map(str::to_owned).collect();
                Ok(Pattern::Route { method: (method != "*").then_some(method), segments })
            }
            None if text.is_empty() => Err("an empty operation pattern".to_owned()),
            None => Ok(Pattern::OperationId(text.to_owned())),
        }
    }

    /// Whether `op` (whose tags are `tags`) matches.
    pub fn matches(&self, op: &Operation, tags: &[String]) -> bool {
        match self {
            Pattern::Tag(tag) => tags.iter().any(|t| t == tag),
            Pattern::OperationId(id) => glob(id, &op.raw_name),
            Pattern::Route { method, segments } => {
                method.as_deref().is_none_or(|m| m == op.method.as_str()) && {
                    let path: Vec<&str> = op.path.trim_start_matches('/').split('/').collect();
                    route_matches(segments, &path)
                }
            }
        }
    }
}

/// Whether path segments match a pattern's (`**` spans any number of segments).
fn route_matches(pattern: &[String], path: &[&str]) -> bool {
    match (pattern.split_first(), path.split_first()) {
        (None, None) => true,
        (Some((first, rest)), _) if first == "**" => (0..=path.len()).any(|skip| route_matches(rest, &path[skip..])),
        (Some((first, rest)), Some((segment, others))) => glob(first, segment) && route_matches(rest, others),
        _ => false,
    }
}

/// Whether `text` matches `pattern`, where `*` stands for any run of characters.
fn glob(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((prefix, rest)) => {
            let Some(after) = text.strip_prefix(prefix) else { return false };
            (0..=after.len()).filter(|i| after.is_char_boundary(*i)).any(|i| glob(rest, &after[i..]))
        }
    }
}

/// What the crate contains.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Whether each operation (by index in [`Api::operations`]) is generated.
    pub operations: Vec<bool>,
    /// Whether each type (by [`TypeId`]) is generated.
    pub types: Vec<bool>,
    /// The owner's Rust type for a type (by [`TypeId`]) that is not generated.
    pub replaced: Vec<Option<String>>,
    /// Patterns that match no operation, and overrides that name no schema or property.
    pub unused: Vec<String>,
}

impl Selection {
    /// The operations of `api` that are generated, in the document's order.
    pub fn kept_operations<'a>(&'a self, api: &'a Api) -> impl Iterator<Item = &'a crate::ir::Operation> + Clone + 'a {
        api.operations.iter().zip(&self.operations).filter(|(_, kept)| **kept).map(|(op, _)| op)
    }

    /// The operations `include` and `exclude` keep (every one when `include` is empty; none in a
    /// crate of types only), the types they reach and the overrides' replacements. Patterns were
    /// checked when the settings were made; one that does not parse here keeps nothing.
    pub fn new(
        api: &Api,
        include: &[String],
        exclude: &[String],
        overrides: &BTreeMap<String, String>,
        types_only: bool,
    ) -> Selection {
        let parse =
            |patterns: &[String]| -> Vec<Pattern> { patterns.iter().filter_map(|p| Pattern::parse(p).ok()).collect() };
        let (include_patterns, exclude_patterns) = (parse(include), parse(exclude));
        let mut used = vec![false; include_patterns.len() + exclude_patterns.len()];
        let operations: Vec<bool> = api
            .operations
            .iter()
            .map(|op| {
                let tags = &op.tags;
                let mut hit = |patterns: &[Pattern], offset: usize| {
                    let mut any = false;
                    for (i, p) in patterns.iter().enumerate() {
                        if p.matches(op, tags) {
                            used[offset + i] = true;
                            any = true;
                        }
                    }
                    any
                };
                let included = hit(&include_patterns, 0) || include_patterns.is_empty();
                let excluded = hit(&exclude_patterns, include_patterns.len());
                included && !excluded
            })
            .collect();
        let mut unused: Vec<String> = include
            .iter()
            .chain(exclude)
            .zip(&used)
            .filter(|(_, used)| !**used)
            .map(|(p, _)| format!("operation pattern `{p}` matches no operation"))
            .collect();

        let replaced = replacements(api, overrides, &mut unused);
        let selected = !include.is_empty() || !exclude.is_empty();
        let types = match selected {
            // Everything the document defines, but what only replaced types use.
            false => {
                let roots =
                    (0..api.types.len()).filter(|&i| replaced[i].is_none() && !owned_by_replaced(api, i, &replaced));
                reach(api, roots.map(TypeId).collect(), &replaced)
            }
            true => {
                let roots = api
                    .operations
                    .iter()
                    .zip(&operations)
                    .filter(|(_, kept)| **kept)
                    .flat_map(|(op, _)| op.references())
                    // Webhooks are no operation the patterns choose: their events stay.
                    .chain(api.webhooks.as_ref().map(|webhooks| webhooks.event));
                reach(api, roots.collect(), &replaced)
            }
        };
        let operations = match types_only {
            true => vec![false; operations.len()],
            false => operations,
        };
        Selection { operations, types, replaced, unused }
    }
}

/// Each type's replacement, from overrides keyed by pointer (`#/components/schemas/Money`) or
/// component name (`Money`); overrides that name no type are reported in `unused` unless they
/// name a property (read where fields are lowered).
fn replacements(api: &Api, overrides: &BTreeMap<String, String>, unused: &mut Vec<String>) -> Vec<Option<String>> {
    let by_pointer: BTreeMap<&str, usize> =
        api.types.iter().enumerate().map(|(i, def)| (def.pointer.as_str(), i)).collect();
    let mut replaced = vec![None; api.types.len()];
    for (key, path) in overrides {
        let pointer = override_pointer(key);
        match by_pointer.get(pointer.as_str()) {
            Some(&i) => replaced[i] = Some(path.clone()),
            None if is_property_pointer(api, &pointer) => {}
            None => unused.push(format!("type override `{key}` names no schema or property")),
        }
    }
    replaced
}

/// The JSON pointer (without `#`) an override's key means.
pub fn override_pointer(key: &str) -> String {
    match key.strip_prefix('#') {
        Some(pointer) => pointer.to_owned(),
        None if key.starts_with('/') => key.to_owned(),
        None => format!("/components/schemas/{}", key.replace('~', "~0").replace('/', "~1")),
    }
}

fn is_property_pointer(api: &Api, pointer: &str) -> bool {
    api.types.iter().any(|def| match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().any(|f| f.pointer == pointer),
        _ => false,
    })
}

/// Whether type `i` is an inline part of a replaced type (named after it, defined inside it).
fn owned_by_replaced(api: &Api, i: usize, replaced: &[Option<String>]) -> bool {
    let pointer = &api.types[i].pointer;
    replaced
        .iter()
        .enumerate()
        .any(|(r, path)| path.is_some() && r != i && pointer.starts_with(&format!("{}/", api.types[r].pointer)))
}

/// Every type reachable from `roots` without passing through a replaced type.
fn reach(api: &Api, roots: Vec<TypeId>, replaced: &[Option<String>]) -> Vec<bool> {
    let mut seen = vec![false; api.types.len()];
    let mut stack = roots;
    while let Some(id) = stack.pop() {
        if seen[id.0] || replaced[id.0].is_some() {
            continue;
        }
        seen[id.0] = true;
        stack.extend(api.ty(id).kind.references());
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_read_tags_routes_and_operation_ids() {
        assert_eq!(Pattern::parse("tag:pets"), Ok(Pattern::Tag("pets".into())));
        assert_eq!(
            Pattern::parse("get /pets/*"),
            Ok(Pattern::Route { method: Some("GET".into()), segments: vec!["pets".into(), "*".into()] })
        );
        assert_eq!(Pattern::parse("listPets"), Ok(Pattern::OperationId("listPets".into())));
        assert!(Pattern::parse("FETCH /x").is_err());
        assert!(Pattern::parse("GET pets").is_err());
        assert!(Pattern::parse("tag:").is_err());
    }

    #[test]
    fn globs_match_within_segments_and_across_them() {
        let route = |p: &str, path: &str| {
            let Ok(Pattern::Route { segments, .. }) = Pattern::parse(&format!("* {p}")) else { panic!("{p}") };
            route_matches(&segments, &path.trim_start_matches('/').split('/').collect::<Vec<_>>())
        };
        assert!(route("/pets/*", "/pets/{petId}"));
        assert!(!route("/pets/*", "/pets/{petId}/photos"));
        assert!(route("/pets/**", "/pets/{petId}/photos"));
        assert!(route("/pets/**", "/pets"));
        assert!(route("/repos/*/*/issues", "/repos/{owner}/{repo}/issues"));
        assert!(route("/v*/users", "/v2/users"));
        assert!(!route("/v*/users", "/users"));
        assert!(glob("list*", "listPets") && !glob("list*", "getPets") && glob("*Pet*", "getPetById"));
    }
}
