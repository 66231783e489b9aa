//! Document text → doc lines (what `#[doc]` attributes hold) and deprecations, made safe for
//! rustdoc: no accidental doctests, HTML tags or intra-doc links.

use super::names::Names;
use crate::ir::{Api, Docs, Presence, Primitive, TypeDef, TypeKind, TypeRef};
use crate::model::Doc;

/// The doc lines of `docs`, and its deprecation.
pub fn doc(docs: &Docs) -> Doc {
    Doc { lines: lines(docs), deprecated: docs.deprecated.as_ref().map(|d| d.note.clone()) }
}

/// The docs of a field, parameter (with their presence) or union variant (`None`) of type `ty`:
/// its own docs, else its type's, else what the value is, so every public item is documented
/// with something a reader learns from.
pub fn doc_or(docs: &Docs, api: &Api, names: &Names, ty: &TypeRef, presence: Option<Presence>) -> Doc {
    if has_text(docs) {
        return doc(docs);
    }
    let mut docs = docs.clone();
    match ty {
        TypeRef::Named(id) if has_text(&api.ty(*id).docs) => {
            let named = &api.ty(*id).docs;
            docs.title = named.title.clone();
            docs.description = named.description.clone();
            // A use of a deprecated type is deprecated too, so setters taking it warn.
            docs.deprecated = docs.deprecated.or_else(|| named.deprecated.clone());
        }
        _ => {
            let what = describe(names, ty);
            docs.description = Some(match presence {
                None => format!("{}.", capitalized(&what)),
                Some(Presence::Required) => format!("Required: {what}."),
                Some(Presence::RequiredNullable) => format!("Required, may be null: {what}."),
                Some(Presence::Optional) => format!("Optional: {what}."),
                Some(Presence::OptionalNullable) => format!("Optional, may be null: {what}."),
            });
        }
    }
    doc(&docs)
}

/// What a type's values are, in words, linking named types (`a list of [`Pet`](crate::types::Pet)`).
pub fn describe(names: &Names, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => {
            let name = names.ty(*id);
            format!("a [`{name}`](crate::types::{name})")
        }
        TypeRef::Primitive(p) => match p {
            Primitive::String => "a string",
            Primitive::Secret => "a secret string, redacted when printed",
            Primitive::Bool => "a boolean",
            Primitive::I32 | Primitive::I64 | Primitive::U32 | Primitive::U64 => "an integer",
            Primitive::F32 | Primitive::F64 => "a number",
            Primitive::Bytes => "raw bytes",
            Primitive::File => "a file (bytes, a path or a reader, with its file name and media type)",
            Primitive::DateTime => "a date and time",
            Primitive::Date => "a date",
            Primitive::Uuid => "a UUID",
            Primitive::Uri => "a URI",
            Primitive::Base64 => "bytes, sent as base64",
            Primitive::DecimalString | Primitive::DecimalNumber => "a decimal number",
            Primitive::Int64String => "an integer, sent as text",
        }
        .to_owned(),
        TypeRef::Array(item) => format!("a list of {}", plural(&describe(names, item))),
        TypeRef::Map(value) => format!("a map from names to {}", plural(&describe(names, value))),
        TypeRef::Nullable(inner) => format!("{} or null", describe(names, inner)),
        TypeRef::Any => "any JSON value".to_owned(),
    }
}

/// `a string` → `strings`, `an integer` → `integers`, `a [`Pet`](…)` → `[`Pet`](…) values`,
/// `a string or null` → `strings or nulls`.
fn plural(single: &str) -> String {
    if let Some(value) = single.strip_suffix(" or null") {
        return format!("{} or nulls", plural(value));
    }
    if let Some((what, how)) = single.split_once(", sent as") {
        return format!("{}, sent as{how}", plural(what));
    }
    let bare = single.strip_prefix("an ").or_else(|| single.strip_prefix("a ")).unwrap_or(single);
    match bare {
        "string" | "boolean" | "integer" | "number" | "date" | "UUID" | "URI" | "decimal number" => {
            format!("{bare}s")
        }
        "date and time" => "dates and times".to_owned(),
        _ if bare.starts_with("[`") => format!("{bare} values"),
        _ => bare.to_owned(),
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A type's summary when the document gives none: what kind of value it is.
pub fn type_summary(names: &Names, def: &TypeDef) -> String {
    let listed = |items: Vec<String>| {
        let shown = items.iter().take(8).cloned().collect::<Vec<_>>().join(", ");
        if items.len() > 8 {
            format!("{shown}, …")
        } else {
            shown
        }
    };
    match &def.kind {
        TypeKind::Struct(s) if s.fields.is_empty() => "An object with no declared fields.".to_owned(),
        TypeKind::Struct(s) => {
            let name = |wire: &str| if wire.is_empty() { "an unnamed one".to_owned() } else { code_span(wire) };
            let fields = listed(s.fields.iter().map(|f| name(&f.wire_name)).collect());
            format!("An object with the fields {fields}.")
        }
        TypeKind::Enum(e) => format!("One of {}.", listed(e.values.iter().map(|v| code_span(v)).collect())),
        TypeKind::Untagged(variants) => {
            format!("Any one of: {}.", listed(variants.iter().map(|v| describe(names, &v.ty)).collect()))
        }
        TypeKind::Tagged(t) => format!("One of several objects, told apart by their `{}` field.", t.tag),
        TypeKind::Alias(ty) => format!("{}.", capitalized(&describe(names, ty))),
    }
}

/// Whether `docs` has a non-blank title or description.
pub fn has_text(docs: &Docs) -> bool {
    [&docs.title, &docs.description].iter().any(|t| t.as_deref().is_some_and(|t| !t.trim().is_empty()))
}

/// Doc lines of free text (documentation of a module or the crate).
pub fn text_lines(text: &str) -> Vec<String> {
    sanitize(text)
}

/// The doc lines of `docs` (each starting with a space, as `///` would write it).
pub fn lines(docs: &Docs) -> Vec<String> {
    let mut text = Vec::new();
    if let Some(title) = &docs.title {
        if docs.description.as_deref().map(str::trim) != Some(title.trim()) {
            text.push(title.trim().to_owned());
        }
    }
    if let Some(description) = &docs.description {
        text.push(description.trim().to_owned());
    }
    if let Some(format) = &docs.format {
        text.push(format!("Format: {} (kept as a string, exactly as sent).", code_span(format)));
    }
    if !docs.allowed.is_empty() {
        let values: Vec<String> = docs.allowed.iter().map(|v| code_span(v)).collect();
        text.push(format!("One of {}.", values.join(", ")));
    }
    if let Some(default) = &docs.default {
        text.push(format!("Default: {}", code_span(default)));
    }
    if let Some(example) = &docs.example {
        text.push(format!("Example: {}", code_span(example)));
    }
    sanitize(&text.join("\n\n"))
}

/// Inline code holding any text (enough backticks to enclose the text's own).
fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest + 1);
    // CommonMark strips one space on each side, which lets a span start or end with a backtick.
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

/// Width of a list item's marker with its space (`- ` → 2, `12. ` → 4), if the line starts one.
fn list_marker(line: &str) -> Option<usize> {
    let marker = if line.starts_with(['-', '*', '+']) {
        1
    } else {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        let closed = line[digits..].starts_with(['.', ')']);
        if digits == 0 || digits > 9 || !closed {
            return None;
        }
        digits + 1
    };
    // The item's text starts after one to four spaces; continuation lines align with it.
    let spaces = line[marker..].bytes().take_while(|&b| b == b' ').count();
    (1..=4).contains(&spaces).then_some(marker + spaces)
}

fn sanitize(text: &str) -> Vec<String> {
    // A lone carriage return is a line break too (rustdoc rejects a bare CR in a doc comment).
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = Vec::new();
    let mut in_fence = false;
    // Inside a list item: the indentation its continuation lines need.
    let mut list_indent: Option<usize> = None;
    for raw in text.lines() {
        let expanded = raw.replace('\t', "    ");
        let line = expanded.trim_end();
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            // Every fence becomes `text`, so nothing from a document runs as a doctest.
            out.push(if in_fence { " ```".to_owned() } else { " ```text".to_owned() });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(format!(" {line}"));
            continue;
        }
        // Leading spaces would make an indented code block (a doctest), so lines start flush
        // left, except continuation lines of a list item, which are indented under its text.
        let escaped = escape_line(trimmed);
        if escaped.is_empty() {
            list_indent = None;
            out.push(String::new());
            continue;
        }
        let indent = match list_marker(trimmed) {
            Some(width) => {
                list_indent = Some(width);
                0
            }
            None => list_indent.unwrap_or(0),
        };
        out.push(format!(" {}{escaped}", " ".repeat(indent)));
    }
    if in_fence {
        out.push(" ```".to_owned());
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// Escapes `<`, `>`, `[`, `]` outside code spans (keeping `[text](url)` links) and wraps bare URLs.
fn escape_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            let run = chars[i..].iter().take_while(|&&c| c == '`').count();
            let fence: String = "`".repeat(run);
            let rest: String = chars[i + run..].iter().collect();
            if let Some(end) = rest.find(&fence) {
                out.push_str(&fence);
                out.push_str(&rest[..end + run]);
                i += run + rest[..end].chars().count() + run;
                continue;
            }
            out.push_str(&"\\`".repeat(run));
            i += run;
            continue;
        }
        if c == '[' {
            if let Some(close) = chars[i..].iter().position(|&c| c == ']') {
                if chars.get(i + close + 1) == Some(&'(') {
                    let text: String = chars[i + 1..i + close].iter().collect();
                    out.push('[');
                    out.push_str(&escape_line(&text));
                    out.push(']');
                    i += close + 1;
                    continue;
                }
            }
        }
        let rest: String = if c == 'h' { chars[i..].iter().take(8).collect() } else { String::new() };
        if rest.starts_with("http://") || rest.starts_with("https://") {
            let len = chars[i..]
                .iter()
                .take_while(|c| !c.is_whitespace() && !matches!(c, '<' | '>' | ')' | '"' | '\''))
                .count();
            let mut url: String = chars[i..i + len].iter().collect();
            while url.ends_with(['.', ',', ';', ':']) {
                url.pop();
            }
            let taken = url.chars().count();
            out.push('<');
            out.push_str(&url);
            out.push('>');
            i += taken;
            continue;
        }
        match c {
            '<' | '>' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_safe_for_rustdoc() {
        let lines = sanitize(
            "Use <TOOL_NAME> and [API Keys] or [docs](https://x.io).\n    indented\n```\ncode\n```\nsee https://a.b/c.",
        );
        assert_eq!(
            lines,
            [
                " Use \\<TOOL_NAME\\> and \\[API Keys\\] or [docs](<https://x.io>).",
                " indented",
                " ```text",
                " code",
                " ```",
                " see <https://a.b/c>."
            ]
        );
        assert_eq!(
            sanitize("Steps:\n- one\ncontinued\n  - two\n\nafter"),
            [" Steps:", " - one", "   continued", " - two", "", " after"]
        );
        assert_eq!(sanitize("1. first\nmore\tx"), [" 1. first", "    more    x"]);
        assert_eq!(sanitize("*   wide\nnext"), [" *   wide", "     next"]);
        assert_eq!(sanitize("**bold** text\nnext"), [" **bold** text", " next"]);
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
        assert_eq!(code_span("{}"), "`{}`");
        assert_eq!(sanitize("`<x>` [y]"), [" `<x>` \\[y\\]"]);
        assert_eq!(sanitize("a\r{b\r\nc"), [" a", " {b", " c"]);
    }
}
