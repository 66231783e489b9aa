//! The round-trip gate of one document: for every component schema, the [`instances`] the
//! document says it accepts, each with what it must decode into — the component's Rust type and,
//! for a union, the member it was made from — written as a test file for the generated crate.
//!
//! The cases come from the document; only the Rust names (and which union member a variant stands
//! for) come from the generator's crate model. A member is "right" when it is the one the instance was
//! made from, or another the instance also fits (the validator says so): members the document
//! itself cannot tell apart may take each other's values.

use super::instances::instances;
use super::validate::{validates, violations};
use sdksmith::model::{Crate, RustType, TypeBody, TypeItem};
use sdksmith::spec::{escape_segment, lookup, Document};
use std::collections::HashMap;
use std::fmt::Write;

/// One instance and what it must decode into.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// The component's Rust type, by its name in `types`.
    pub ty: String,
    /// The component's name in the document.
    pub component: String,
    /// What made the instance (`full`, `member …`).
    pub label: String,
    /// The instance, as compact JSON.
    pub json: String,
    /// The variants it may decode as (empty: not a union, or members the IR does not map).
    pub variants: Vec<String>,
    /// For a struct holding a flattened union, the field that holds it.
    pub field: Option<String>,
}

/// What the gate covers of one document.
#[derive(Debug, Default)]
pub struct Plan {
    /// Every case, by component in document order.
    pub cases: Vec<Case>,
    /// Components covered (with at least one case).
    pub components: usize,
    /// Components left out, with why.
    pub skipped: Vec<(String, &'static str)>,
    /// Instances left out because the document contradicts itself: made from a schema, they do
    /// not fit it (`type: string` with `enum: [true, false]`): component and why.
    pub contradictions: Vec<(String, String)>,
}

/// The cases of every component schema of `doc`, as the crate `model` types them.
pub fn plan(doc: &Document, model: &Crate) -> Plan {
    // A component's own type comes first: inline types made from it (a union's merged enum) may
    // share its pointer.
    let mut by_pointer: HashMap<&str, &TypeItem> = HashMap::new();
    for item in &model.types {
        by_pointer.entry(item.pointer.as_str()).or_insert(item);
    }
    let by_name: HashMap<&str, &TypeItem> = model.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let mut plan = Plan::default();
    for (name, schema) in &doc.components.schemas {
        let pointer = format!("/components/schemas/{}", escape_segment(name));
        let Some(def) = by_pointer.get(pointer.as_str()) else {
            plan.skipped.push((name.clone(), "no type"));
            continue;
        };
        if carries_files(&by_name, def) {
            // A file part decodes from nothing a server sends: multipart bodies only go out.
            plan.skipped.push((name.clone(), "holds file parts"));
            continue;
        }
        if holds_owned(&by_name, def) {
            // The owner's type reads what they decide, not what the schema says.
            plan.skipped.push((name.clone(), "holds a type the owner chose"));
            continue;
        }
        let (fitting, contradicting): (Vec<_>, Vec<_>) =
            instances(doc, &pointer, schema).into_iter().partition(|i| validates(doc, &i.value, schema));
        for instance in contradicting {
            let why = violations(doc, &instance.value, schema).into_iter().next().unwrap_or_default();
            plan.contradictions.push((name.clone(), why));
        }
        let cases: Vec<Case> = fitting
            .into_iter()
            .map(|instance| {
                let (variants, field) = match &instance.member {
                    Some(member) => expected_members(doc, &by_name, def, member, &instance.value),
                    None => (Vec::new(), None),
                };
                Case {
                    ty: def.name.clone(),
                    component: name.clone(),
                    label: instance.label,
                    json: instance.value.to_string(),
                    variants,
                    field,
                }
            })
            .collect();
        if cases.is_empty() {
            plan.skipped.push((name.clone(), "no instance can be made"));
            continue;
        }
        plan.components += 1;
        plan.cases.extend(cases);
    }
    plan
}

/// The variants an instance made from union member `member` may decode as, and the flattened
/// field that holds them when the union sits beside a struct's own fields.
fn expected_members(
    doc: &Document,
    types: &HashMap<&str, &TypeItem>,
    item: &TypeItem,
    member: &str,
    value: &serde_json::Value,
) -> (Vec<String>, Option<String>) {
    let item = resolved(types, item);
    let (union, field) = match &item.body {
        TypeBody::Struct(s) => match &s.flattened {
            Some(flattened) => match &flattened.ty {
                RustType::Model(name) => match types.get(name.as_str()) {
                    Some(union) => (resolved(types, union), Some(flattened.name.clone())),
                    None => return (Vec::new(), None),
                },
                _ => return (Vec::new(), None),
            },
            None => return (Vec::new(), None),
        },
        _ => (item, None),
    };
    let sources: Vec<(&str, &[String])> = match &union.body {
        TypeBody::Union(u) => u.variants.iter().map(|v| (v.name.as_str(), &v.sources[..])).collect(),
        TypeBody::Tagged(t) => t.variants.iter().map(|v| (v.name.as_str(), &v.sources[..])).collect(),
        _ => return (Vec::new(), None),
    };
    if !sources.iter().any(|(_, from)| from.iter().any(|p| p == member)) {
        // The generator merged or dropped that member: nothing to hold it to.
        return (Vec::new(), None);
    }
    let fits = |pointer: &str| {
        pointer == member
            || lookup::segments(&format!("#{pointer}"))
                .and_then(|segments| lookup::schema(doc, &segments))
                .is_some_and(|schema| validates(doc, value, schema))
    };
    let variants =
        sources.iter().filter(|(_, from)| from.iter().any(|p| fits(p))).map(|(name, _)| (*name).to_owned()).collect();
    (variants, field)
}

/// The item `item` stands for, through aliases.
fn resolved<'a>(types: &HashMap<&str, &'a TypeItem>, item: &'a TypeItem) -> &'a TypeItem {
    let mut current = item;
    for _ in 0..64 {
        match &current.body {
            TypeBody::Alias(RustType::Model(name)) => match types.get(name.as_str()) {
                Some(next) => current = next,
                None => break,
            },
            _ => break,
        }
    }
    current
}

/// Whether `item` holds file parts, through its fields and variants.
fn carries_files(types: &HashMap<&str, &TypeItem>, item: &TypeItem) -> bool {
    // A crate without a client has no multipart bodies and holds a file as its bytes, a
    // `Vec<u8>` of its own (bytes read from JSON are base64 text, through a codec).
    let is_file = |ty: &RustType| match ty {
        RustType::Runtime("FilePart", _) => true,
        RustType::Vec(item) => matches!(**item, RustType::Primitive("u8")),
        _ => false,
    };
    reaches(types, item, is_file)
}

/// Whether `item` holds a type the owner chose, through its fields and variants.
fn holds_owned(types: &HashMap<&str, &TypeItem>, item: &TypeItem) -> bool {
    reaches(types, item, |ty| matches!(ty, RustType::Owned(_)))
}

/// Whether a type `leaf` accepts is used by `item` or a model type it uses.
fn reaches(types: &HashMap<&str, &TypeItem>, item: &TypeItem, leaf: fn(&RustType) -> bool) -> bool {
    let mut seen: Vec<&str> = Vec::new();
    let mut stack: Vec<&TypeItem> = vec![item];
    while let Some(item) = stack.pop() {
        if seen.contains(&item.name.as_str()) {
            continue;
        }
        seen.push(item.name.as_str());
        let uses: Vec<&RustType> = match &item.body {
            TypeBody::Struct(s) => s.fields.iter().map(|f| &f.ty).chain(s.flattened.as_ref().map(|v| &v.ty)).collect(),
            TypeBody::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
            TypeBody::Tagged(t) => t.variants.iter().map(|v| &v.ty).collect(),
            TypeBody::Alias(ty) => vec![ty],
            TypeBody::Enum(_) => Vec::new(),
        };
        for ty in uses {
            let mut names = Vec::new();
            if holds(ty, &mut names, leaf) {
                return true;
            }
            stack.extend(names.into_iter().filter_map(|name| types.get(name).copied()));
        }
    }
    false
}

/// Whether `ty` is or wraps a type `leaf` accepts; the model types it names go to `names`.
fn holds<'t>(ty: &'t RustType, names: &mut Vec<&'t str>, leaf: fn(&RustType) -> bool) -> bool {
    match ty {
        ty if leaf(ty) => true,
        RustType::Model(name) => {
            names.push(name);
            false
        }
        RustType::Vec(inner) | RustType::Map(inner) | RustType::Option(inner) | RustType::Box(inner) => {
            holds(inner, names, leaf)
        }
        _ => false,
    }
}

/// The test file that runs `plan` against crate `krate` (its library name), behind `header`.
pub fn test_file(header: &str, krate: &str, plan: &Plan) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{header}");
    // Generated and checked for freshness: `cargo fmt` must leave it as written.
    out.push_str("#![cfg_attr(rustfmt, rustfmt::skip)]\n");
    out.push_str(
        "//! Round-trip gate: JSON instances of every component schema, made from the document (not\n\
         //! by the generator), decode into their type — a union into the member they were made from —\n\
         //! and encode back to the same JSON.\n\n",
    );
    out.push_str(SUPPORT);
    let _ = writeln!(out, "\nuse {krate}::types;\n");
    let _ = writeln!(out, "/// {} instances of {} components.", plan.cases.len(), plan.components);
    out.push_str("const CASES: &[Case] = &[\n");
    for case in &plan.cases {
        let variants: Vec<String> = case.variants.iter().map(|v| format!("{v:?}")).collect();
        let field = case.field.as_ref().map_or("None".to_owned(), |f| format!("Some({f:?})"));
        let _ = writeln!(
            out,
            "    Case {{ ty: {:?}, label: {:?}, json: {}, variants: &[{}], field: {field}, check: check::<types::{}> }},",
            case.ty,
            case.label,
            raw_string(&case.json),
            variants.join(", "),
            case.ty,
        );
    }
    out.push_str("];\n\n");
    out.push_str(
        "#[test]\nfn every_instance_decodes_into_its_type_and_member_and_back() {\n    \
         let failures = run(CASES);\n    \
         assert!(failures.is_empty(), \"{} of {} instances failed:\\n{}\", failures.len(), CASES.len(), failures.join(\"\\n\"));\n}\n",
    );
    out
}

/// `text` as a raw string literal with enough `#`s.
fn raw_string(text: &str) -> String {
    let hashes = (0..).find(|n| !text.contains(&format!("\"{}", "#".repeat(*n)))).unwrap_or(0);
    let hashes = "#".repeat(hashes.max(1));
    format!("r{hashes}\"{text}\"{hashes}")
}

/// The code every gate file carries: how one case is checked, and how failures are reported
/// (`GATE-FAIL` lines, for `cargo xtask gate` to group by cause).
const SUPPORT: &str = r#"#![allow(clippy::all, missing_docs, deprecated)]

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

struct Case {
    ty: &'static str,
    label: &'static str,
    json: &'static str,
    variants: &'static [&'static str],
    field: Option<&'static str>,
    check: fn(&Case) -> Result<(), String>,
}

fn check<T: DeserializeOwned + Serialize + std::fmt::Debug>(case: &Case) -> Result<(), String> {
    let sent: Value = serde_json::from_str(case.json).map_err(|e| format!("bad case: {e}"))?;
    let typed: T = serde_json::from_value(sent.clone()).map_err(|e| format!("decode: {e}"))?;
    let back = serde_json::to_value(&typed).map_err(|e| format!("encode: {e}"))?;
    if let Some(path) = difference(&sent, &back, String::new()) {
        return Err(format!("round trip: differs at `{path}`"));
    }
    if case.variants.is_empty() {
        return Ok(());
    }
    let debug = format!("{typed:?}");
    let held = match case.field {
        None => debug.split(['(', ' ', '{']).next().unwrap_or("").to_owned(),
        Some(field) => {
            let at = format!("{field}: ");
            debug.find(&at).map(|i| debug[i + at.len()..].split(['(', ' ', '{']).next().unwrap_or("").to_owned()).unwrap_or_default()
        }
    };
    if case.variants.contains(&held.as_str()) {
        Ok(())
    } else {
        Err(format!("member: decoded as `{held}`, made from `{}`", case.variants.join("` or `")))
    }
}

/// Where two JSON values differ (numbers compare by value: `1` and `1.0` are one number).
fn difference(a: &Value, b: &Value, at: String) -> Option<String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let same = x == y || x.as_f64().zip(y.as_f64()).is_some_and(|(x, y)| x == y);
            (!same).then_some(at)
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (x, y))| difference(x, y, format!("{at}/{i}")))
        }
        (Value::Object(x), Value::Object(y)) if x.len() == y.len() => x.iter().find_map(|(k, v)| match y.get(k) {
            Some(w) => difference(v, w, format!("{at}/{k}")),
            None => Some(format!("{at}/{k}")),
        }),
        _ => (a != b).then_some(at),
    }
}

fn run(cases: &[Case]) -> Vec<String> {
    let mut failures = Vec::new();
    for case in cases {
        if let Err(cause) = (case.check)(case) {
            println!("GATE-FAIL\t{}\t{}\t{}", case.ty, case.label, cause.replace(['\n', '\t'], " "));
            failures.push(format!("{} ({}): {cause}\n    {}", case.ty, case.label, case.json));
        }
    }
    println!("\nGATE-SUMMARY\t{}\t{}", cases.len(), failures.len());
    failures
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_of(yaml: &str) -> Plan {
        let doc = sdksmith::spec::load("t.yaml", yaml).expect("loads");
        let (model, _) = sdksmith::model("t.yaml", yaml, &sdksmith::Settings::new("t.yaml")).expect("resolves");
        plan(&doc, &model)
    }

    #[test]
    fn union_cases_name_the_member_they_were_made_from_and_any_other_they_fit() {
        let plan = plan_of(
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    \
             Item:\n      oneOf:\n        - {type: object, required: [type], properties: {type: {type: string, enum: [file]}}}\n        \
             - {type: object, required: [type], properties: {type: {type: string, enum: [folder]}}}\n    \
             Loose:\n      anyOf:\n        - {type: object, properties: {a: {type: string}}}\n        \
             - {type: object, properties: {b: {type: string}}}\n",
        );
        let member = |label: &str| {
            plan.cases.iter().find(|c| c.label.ends_with(label)).map(|c| c.variants.clone()).unwrap_or_default()
        };
        assert_eq!(member("Item/oneOf/1"), ["Folder"]);
        assert_eq!(member("Item/oneOf/0"), ["File"]);
        // Members that require nothing accept each other's values.
        assert_eq!(member("Loose/anyOf/1"), ["Variant0", "Variant1"]);
        assert_eq!(plan.components, 2);
    }

    #[test]
    fn raw_strings_hold_any_text() {
        assert_eq!(raw_string(r#"{"a":1}"#), "r#\"{\"a\":1}\"#");
        assert_eq!(raw_string("\"#x"), "r##\"\"#x\"##");
    }
}
