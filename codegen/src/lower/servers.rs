//! The document's servers → `Server`, a typed choice of the client builder: a variant per server
//! (named from its description, else its URL), a field per URL variable, and an enum per
//! variable whose values the document lists. Only when there is a choice to make: several
//! servers, or one with variables.

use super::naming::{snake_name, type_name, variant_name, Scope};
use crate::ir::{Server, ServerVariable};
use crate::model::{Doc, ServerChoice, ServerField, ServersItem, UrlPart, VariableEnum};

/// The servers' enum and its variables' enums; `None` when there is nothing to choose.
pub fn servers(servers: &[Server]) -> Option<ServersItem> {
    if servers.len() < 2 && servers.iter().all(|s| s.variables.is_empty()) {
        return None;
    }
    let mut choice_names = Scope::with_reserved::<&str>(&[]);
    let mut enum_names = Scope::with_reserved(&["Server"]);
    let mut enums: Vec<(VariableEnum, &ServerVariable)> = Vec::new();
    let mut choices = Vec::new();
    for (index, server) in servers.iter().enumerate() {
        let name = choice_names.claim(choice_name(server, index));
        let mut field_names = Scope::with_reserved::<&str>(&[]);
        let fields: Vec<ServerField> = server
            .variables
            .iter()
            .map(|var| {
                let name = field_names.claim(snake_name(&var.name));
                let (values, default) = match var.values.is_empty() {
                    true => (None, var.default.clone()),
                    false => {
                        let (name, default) = enum_for(var, &mut enums, &mut enum_names);
                        (Some(name), default)
                    }
                };
                ServerField { name, doc: variable_doc(var), values, default, wire: var.name.clone() }
            })
            .collect();
        let url = url_parts(&server.url, &fields);
        let default = if index == 0 { " The default." } else { "" };
        let mut lines = vec![format!(" `{}`.{default}", server.url)];
        if let Some(description) = &server.description {
            lines.insert(0, format!(" {}", description.trim()));
            lines.insert(1, String::new());
        }
        choices.push(ServerChoice { name, doc: Doc { lines, deprecated: None }, url, fields });
    }
    Some(ServersItem { choices, enums: enums.into_iter().map(|(e, _)| e).collect() })
}

/// A server's variant name: its description's first words (`Production server` → `Production`),
/// else its URL's host and path, else its position.
fn choice_name(server: &Server, index: usize) -> String {
    let from_description = server.description.as_deref().map(|description| {
        let head = description.split(['(', ',', '.', ':', ';', '-', '–', '\n']).next().unwrap_or("");
        let words: Vec<&str> = head.split_whitespace().take(3).collect();
        let words: Vec<&str> = match words.as_slice() {
            [rest @ .., last] if !rest.is_empty() && last.eq_ignore_ascii_case("server") => rest.to_vec(),
            _ => words,
        };
        type_name(&words.join(" "))
    });
    // The URL's host (else all of it), without its variables: `localhost:{port}` → `Localhost`.
    let from_url = || {
        let address = server.url.split_once("://").map_or(server.url.as_str(), |(_, rest)| rest);
        let literal =
            |text: &str| text.split(['{', '}']).step_by(2).collect::<Vec<_>>().join(" ").replace(['.', '/', ':'], " ");
        let host = type_name(&literal(address.split('/').next().unwrap_or("")));
        match host.len() > 1 && host != "Type" {
            true => host,
            false => type_name(&literal(address)),
        }
    };
    match from_description.filter(|name| name.len() > 1 && name != "Type") {
        Some(name) => name,
        None => {
            Some(from_url()).filter(|name| name.len() > 1 && name != "Type").unwrap_or(format!("Server{}", index + 1))
        }
    }
}

/// The enum of `var`'s values — one already made for the same name and values, or a new one —
/// and the variant of its default.
fn enum_for<'s>(
    var: &'s ServerVariable,
    enums: &mut Vec<(VariableEnum, &'s ServerVariable)>,
    names: &mut Scope,
) -> (String, String) {
    let same = |other: &ServerVariable| other.name == var.name && other.values == var.values;
    if let Some((existing, _)) = enums.iter().find(|(_, other)| same(other)) {
        return (existing.name.clone(), default_variant(existing, var));
    }
    let name = names.claim(format!("Server{}", type_name(&var.name)));
    let mut variant_names = Scope::with_reserved::<&str>(&[]);
    let values = var.values.iter().map(|value| (variant_names.claim(variant_name(value)), value.clone())).collect();
    let mut made = VariableEnum { name: name.clone(), doc: variable_doc(var), values, default: String::new() };
    let default = default_variant(&made, var);
    made.default = default.clone();
    enums.push((made, var));
    (name, default)
}

/// The variant of `var`'s default (the first value when the default is not one of them).
fn default_variant(item: &VariableEnum, var: &ServerVariable) -> String {
    let found = item.values.iter().find(|(_, value)| *value == var.default);
    found.or(item.values.first()).map(|(variant, _)| variant.clone()).unwrap_or_default()
}

fn variable_doc(var: &ServerVariable) -> Doc {
    let mut lines = Vec::new();
    if let Some(description) = var.description.as_deref().filter(|d| !d.trim().is_empty()) {
        lines.extend(description.trim().lines().map(|line| format!(" {line}")));
        lines.push(String::new());
    }
    lines.push(format!(" `{{{}}}` in the URL; the document's default is `{}`.", var.name, var.default));
    Doc { lines, deprecated: None }
}

/// The URL as text and the fields that fill its variables.
fn url_parts(url: &str, fields: &[ServerField]) -> Vec<UrlPart> {
    let mut parts = Vec::new();
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        let wire = &rest[open + 1..close];
        let Some(field) = fields.iter().find(|f| f.wire == wire) else {
            // A variable the server does not declare stays as written.
            parts.push(UrlPart::Literal(rest[..=close].to_owned()));
            rest = &rest[close + 1..];
            continue;
        };
        if open > 0 {
            parts.push(UrlPart::Literal(rest[..open].to_owned()));
        }
        parts.push(UrlPart::Field(field.name.clone()));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(UrlPart::Literal(rest.to_owned()));
    }
    parts
}
