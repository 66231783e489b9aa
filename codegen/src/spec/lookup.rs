//! Finds what a local `$ref` (`#/…`) points at inside the typed document model: schemas at any
//! depth (`#/components/schemas/Pet/properties/id`, `#/paths/~1pets/get/responses/200/content/
//! application~1json/schema`, `definitions` inside a schema) and responses anywhere.

use super::{escape_segment, Document, MediaType, Operation, Parameter, RequestBody, Response, Schema};
use indexmap::IndexMap;

/// The decoded segments of a local reference (`#/a/b~1c/%7Bx%7D` → `["a", "b/c", "{x}"]`), or
/// `None` for a reference into another document.
pub fn segments(reference: &str) -> Option<Vec<String>> {
    let fragment = reference.strip_prefix('#')?;
    let decoded = percent_decode(fragment);
    if decoded.is_empty() {
        return Some(Vec::new());
    }
    Some(decoded.strip_prefix('/')?.split('/').map(|s| s.replace("~1", "/").replace("~0", "~")).collect())
}

/// Decodes `%XX` escapes (URI fragments percent-encode what JSON pointers leave alone).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The JSON pointer of decoded `segments` (the inverse of [`segments`] for local references).
pub fn pointer(segments: &[String]) -> String {
    segments.iter().map(|s| format!("/{}", escape_segment(s))).collect()
}

fn get<'d, T>(map: &'d IndexMap<String, T>, key: &str) -> Option<&'d T> {
    map.get(key)
}

/// The schema at `segments`.
pub fn schema<'d>(doc: &'d Document, segments: &[String]) -> Option<&'d Schema> {
    let s: Vec<&str> = segments.iter().map(String::as_str).collect();
    match s.as_slice() {
        ["components", "schemas", name, rest @ ..] => within_schema(get(&doc.components.schemas, name)?, rest),
        ["components", "parameters", name, rest @ ..] => within_parameter(get(&doc.components.parameters, name)?, rest),
        ["components", "responses", name, rest @ ..] => within_response(get(&doc.components.responses, name)?, rest),
        ["components", "requestBodies", name, "content", media_type, rest @ ..] => {
            within_media(get(&get(&doc.components.request_bodies, name)?.content, media_type)?, rest)
        }
        ["paths", path, rest @ ..] => {
            let item = get(&doc.paths, path)?;
            match rest {
                ["parameters", index, rest @ ..] => {
                    within_parameter(item.parameters.get(index.parse::<usize>().ok()?)?, rest)
                }
                [method, rest @ ..] => within_operation(item.operations().find(|(m, _)| m == method)?.1, rest),
                [] => None,
            }
        }
        _ => None,
    }
}

/// The response at `segments` (`components/responses/X` or `paths/…/responses/200`).
pub fn response<'d>(doc: &'d Document, segments: &[String]) -> Option<&'d Response> {
    let s: Vec<&str> = segments.iter().map(String::as_str).collect();
    match s.as_slice() {
        ["components", "responses", name] => get(&doc.components.responses, name),
        ["paths", path, method, "responses", status] => {
            get(&doc.paths, path)?.operations().find(|(m, _)| m == method)?.1.responses.get(*status)
        }
        _ => None,
    }
}

/// The parameter at `segments` (`components/parameters/X` or one listed under a path or operation).
pub fn parameter<'d>(doc: &'d Document, segments: &[String]) -> Option<&'d Parameter> {
    let s: Vec<&str> = segments.iter().map(String::as_str).collect();
    let index = |i: &str| i.parse::<usize>().ok();
    match s.as_slice() {
        ["components", "parameters", name] => get(&doc.components.parameters, name),
        ["paths", path, "parameters", i] => get(&doc.paths, path)?.parameters.get(index(i)?),
        ["paths", path, method, "parameters", i] => {
            get(&doc.paths, path)?.operations().find(|(m, _)| m == method)?.1.parameters.get(index(i)?)
        }
        _ => None,
    }
}

/// The request body at `segments` (`components/requestBodies/X` or an operation's).
pub fn request_body<'d>(doc: &'d Document, segments: &[String]) -> Option<&'d RequestBody> {
    let s: Vec<&str> = segments.iter().map(String::as_str).collect();
    match s.as_slice() {
        ["components", "requestBodies", name] => get(&doc.components.request_bodies, name),
        ["paths", path, method, "requestBody"] => {
            get(&doc.paths, path)?.operations().find(|(m, _)| m == method)?.1.request_body.as_ref()
        }
        _ => None,
    }
}

fn within_operation<'d>(op: &'d Operation, rest: &[&str]) -> Option<&'d Schema> {
    match rest {
        ["parameters", index, rest @ ..] => within_parameter(op.parameters.get(index.parse::<usize>().ok()?)?, rest),
        ["requestBody", "content", media_type, rest @ ..] => {
            within_media(get(&op.request_body.as_ref()?.content, media_type)?, rest)
        }
        ["responses", status, rest @ ..] => within_response(get(&op.responses, status)?, rest),
        _ => None,
    }
}

fn within_parameter<'d>(param: &'d Parameter, rest: &[&str]) -> Option<&'d Schema> {
    match rest {
        ["schema", rest @ ..] => within_schema(param.schema.as_ref()?, rest),
        _ => None,
    }
}

fn within_response<'d>(response: &'d Response, rest: &[&str]) -> Option<&'d Schema> {
    match rest {
        ["content", media_type, rest @ ..] => within_media(get(&response.content, media_type)?, rest),
        _ => None,
    }
}

fn within_media<'d>(media: &'d MediaType, rest: &[&str]) -> Option<&'d Schema> {
    match rest {
        ["schema", rest @ ..] => within_schema(media.schema.as_ref()?, rest),
        _ => None,
    }
}

fn within_schema<'d>(schema: &'d Schema, rest: &[&str]) -> Option<&'d Schema> {
    let s = &schema.body;
    let indexed = |list: &'d [Schema], index: &str| index.parse::<usize>().ok().and_then(|i| list.get(i));
    match rest {
        [] => Some(schema),
        ["properties", name, rest @ ..] => within_schema(get(&s.properties, name)?, rest),
        ["items", rest @ ..] => within_schema(s.items.as_ref()?, rest),
        ["additionalProperties", rest @ ..] => within_schema(s.additional_properties.as_ref()?, rest),
        ["not", rest @ ..] => within_schema(s.not.as_ref()?, rest),
        ["allOf", index, rest @ ..] => within_schema(indexed(&s.all_of, index)?, rest),
        ["oneOf", index, rest @ ..] => within_schema(indexed(&s.one_of, index)?, rest),
        ["anyOf", index, rest @ ..] => within_schema(indexed(&s.any_of, index)?, rest),
        ["prefixItems", index, rest @ ..] => within_schema(indexed(s.prefix_items.as_deref()?, index)?, rest),
        ["definitions", name, rest @ ..] => within_schema(get(&s.definitions, name)?, rest),
        ["$defs", name, rest @ ..] => within_schema(get(&s.defs, name)?, rest),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::segments;

    #[test]
    fn decodes_pointer_and_percent_escapes() {
        assert_eq!(segments("#/paths/~1a~1%7Bid%7D/get"), Some(vec!["paths".into(), "/a/{id}".into(), "get".into()]));
        assert_eq!(segments("other.yaml#/x"), None);
        assert_eq!(segments("#"), Some(vec![]));
    }
}
