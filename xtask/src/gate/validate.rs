//! A lenient JSON Schema check: whether an instance made from one union member is also an
//! instance of another, whether a document's examples fit their own schemas, and whether a value
//! made to be sent would pass a strict validator's limits.
//!
//! It checks what decides which Rust type and variant a value decodes into — `type`, `enum`,
//! `const`, `required`, `properties`, `additionalProperties`, `items`, `prefixItems`, `allOf`,
//! `anyOf`, `oneOf`, `not`, `$ref`, boolean schemas — and the limits a server's validator enforces:
//! `minimum`, `maximum` and their exclusive forms, `multipleOf` (within a float tolerance),
//! `minLength` and `maxLength` (in characters), `minItems`, `maxItems`, `uniqueItems`. It ignores
//! formats, patterns and discriminators. Where it must guess it accepts: `oneOf` needs one member
//! to match, not exactly one; properties declared beside `additionalProperties: false` in other
//! `allOf` parts or beside a union count as declared (generators merge them); a `$ref` into
//! another document, a type it does not know, or nesting past [`MAX_HOPS`] is taken as valid —
//! except under `not`, where taking the inner schema as matched rejects the value.

use super::limits::{same, Limits};
use super::{follow, may_be_null, MAX_HOPS};
use sdksmith::spec::{escape_segment, Document, Schema, SchemaObject};
use serde_json::Value;

/// The most schemas checked for one value: a bound for `allOf`s that repeat the same parts, past
/// which the rest is taken as valid.
const MAX_STEPS: usize = 1_000_000;
/// The most schemas looked through to find the properties an `allOf` or a union declares.
const MAX_DECLARING_PARTS: usize = 1_000;

/// Whether `value` fits `schema` (whose `$ref`s point into `doc`).
pub fn validates(doc: &Document, value: &Value, schema: &Schema) -> bool {
    Checker::new(doc, false).check(value, schema, &[], 0)
}

/// Why `value` does not fit `schema`, for reports: each reason after the JSON pointer of the part of
/// `value` it is about, as in "/items/0: missing required property \`id\`" ("(root)" for the whole
/// value); empty when it fits. In document order of the schema's keywords, in the value's key order.
pub fn violations(doc: &Document, value: &Value, schema: &Schema) -> Vec<String> {
    let mut checker = Checker::new(doc, true);
    checker.check(value, schema, &[], 0);
    checker.found
}

/// One keyword check: whether the value passes it.
type Check<'s> = fn(&mut Checker<'s>, &Value, &'s SchemaObject, &[&'s str], usize) -> bool;

struct Checker<'s> {
    doc: &'s Document,
    /// Whether reasons are written down (for `violations`), or the check stops at the first failure.
    explain: bool,
    /// Where in the value the check is, as a JSON pointer (kept only when explaining).
    path: String,
    found: Vec<String>,
    steps: usize,
}

impl<'s> Checker<'s> {
    fn new(doc: &'s Document, explain: bool) -> Self {
        Checker { doc, explain, path: String::new(), found: Vec::new(), steps: 0 }
    }

    /// Whether `value` fits `schema`. `declared_beside` names properties declared by the schemas
    /// this one is merged with (its `allOf` siblings, the object around a union), which its
    /// `additionalProperties` does not count as unknown.
    fn check(&mut self, value: &Value, schema: &'s Schema, declared_beside: &[&'s str], depth: usize) -> bool {
        self.steps += 1;
        if depth > MAX_HOPS || self.steps > MAX_STEPS {
            return true;
        }
        match schema.boolean {
            Some(true) => return true,
            Some(false) => return self.fail(|| "the schema `false` accepts nothing".to_owned()),
            None => {}
        }
        // Null is checked as generators read nullability, however the document spells it.
        if value.is_null() && may_be_null(self.doc, schema) {
            return true;
        }
        let checks: [Check<'s>; 10] = [
            Self::reference,
            Self::types,
            Self::values,
            Self::limits,
            Self::object,
            Self::array,
            Self::all_of,
            Self::any_of,
            Self::one_of,
            Self::not,
        ];
        let mut fits = true;
        for check in checks {
            if !check(self, value, &schema.body, declared_beside, depth) {
                fits = false;
                if !self.explain {
                    break;
                }
            }
        }
        fits
    }

    fn reference(&mut self, value: &Value, s: &'s SchemaObject, beside: &[&'s str], depth: usize) -> bool {
        match s.reference.as_deref().and_then(|reference| follow(self.doc, reference)) {
            Some((target, _)) => self.check(value, target, beside, depth + 1),
            None => true,
        }
    }

    fn types(&mut self, value: &Value, s: &'s SchemaObject, _: &[&'s str], _: usize) -> bool {
        let types = &s.types.0;
        if types.iter().any(|name| has_type(value, name)) {
            return true;
        }
        if types.is_empty() {
            // OpenAPI documents mean an object by `properties` alone, and an array by `items`
            // (as generators read them), though JSON Schema would let any other kind pass.
            let implied = match (s.properties.is_empty() && s.additional_properties.is_none(), s.items.is_none()) {
                (false, _) => "object",
                (true, false) => "array",
                (true, true) => return true,
            };
            if has_type(value, implied) {
                return true;
            }
            return self.fail(|| format!("expected {implied} (by its keywords), got {}", type_of(value)));
        }
        self.fail(|| format!("expected {}, got {}", types.join(" or "), type_of(value)))
    }

    /// `enum` and `const`.
    fn values(&mut self, value: &Value, s: &'s SchemaObject, _: &[&'s str], _: usize) -> bool {
        let in_enum = s.enum_values.as_ref().is_none_or(|values| values.iter().any(|allowed| same(allowed, value)));
        let is_const = s.const_value.as_ref().is_none_or(|constant| same(constant, value));
        match (in_enum, is_const) {
            (true, true) => true,
            (false, _) => self.fail(|| format!("{value} is not one of the `enum` values")),
            (true, false) => self.fail(|| format!("{value} is not the `const` value")),
        }
    }

    /// Bounds, lengths and item counts, for the values they apply to.
    fn limits(&mut self, value: &Value, s: &'s SchemaObject, _: &[&'s str], _: usize) -> bool {
        match Limits::of(s).problem(value) {
            Some(problem) => self.fail(|| problem),
            None => true,
        }
    }

    /// `not`: the value must not fit it. Checked on its own, as JSON Schema has it: properties
    /// declared beside do not count as declared in it.
    fn not(&mut self, value: &Value, s: &'s SchemaObject, _: &[&'s str], depth: usize) -> bool {
        let Some(not) = &s.not else { return true };
        let explain = std::mem::replace(&mut self.explain, false);
        let fits = self.check(value, not, &[], depth + 1);
        self.explain = explain;
        match fits {
            true => self.fail(|| "fits the `not` schema".to_owned()),
            false => true,
        }
    }

    /// `required`, `properties` and `additionalProperties`, when the value is an object.
    fn object(&mut self, value: &Value, s: &'s SchemaObject, beside: &[&'s str], depth: usize) -> bool {
        let Value::Object(object) = value else { return true };
        let mut fits = true;
        for name in s.required.iter().filter(|name| !object.contains_key(name.as_str())) {
            fits = self.fail(|| format!("missing required property `{name}`"));
            if !self.explain {
                return false;
            }
        }
        let mut declared: Option<Vec<&'s str>> = None;
        for (name, entry) in object {
            let entry_fits = match (s.properties.get(name), &s.additional_properties) {
                (Some(property), _) => self.at(name, |c| c.check(entry, property, &[], depth + 1)),
                (None, None | Some(Schema { boolean: Some(true), .. })) => true,
                (None, Some(values)) => {
                    let declared = declared.get_or_insert_with(|| self.declared(s, beside, true));
                    match (declared.contains(&name.as_str()), values.boolean) {
                        (true, _) => true,
                        (false, Some(false)) => self.fail(|| format!("undeclared property `{name}`")),
                        (false, _) => self.at(name, |c| c.check(entry, values, &[], depth + 1)),
                    }
                }
            };
            fits &= entry_fits;
            if !fits && !self.explain {
                return false;
            }
        }
        fits
    }

    /// `prefixItems` and `items`, when the value is an array.
    fn array(&mut self, value: &Value, s: &'s SchemaObject, _: &[&'s str], depth: usize) -> bool {
        let Value::Array(items) = value else { return true };
        let prefix = s.prefix_items.as_deref().unwrap_or_default();
        let mut fits = true;
        for (index, item) in items.iter().enumerate() {
            if let Some(schema) = prefix.get(index).or(s.items.as_ref()) {
                fits &= self.at(&index.to_string(), |c| c.check(item, schema, &[], depth + 1));
                if !fits && !self.explain {
                    return false;
                }
            }
        }
        fits
    }

    fn all_of(&mut self, value: &Value, s: &'s SchemaObject, beside: &[&'s str], depth: usize) -> bool {
        if s.all_of.is_empty() {
            return true;
        }
        let declared = self.declared(s, beside, true);
        let mut fits = true;
        for part in &s.all_of {
            fits &= self.check(value, part, &declared, depth + 1);
            if !fits && !self.explain {
                return false;
            }
        }
        fits
    }

    fn any_of(&mut self, value: &Value, s: &'s SchemaObject, beside: &[&'s str], depth: usize) -> bool {
        self.some_member(value, s, &s.any_of, "anyOf", beside, depth)
    }

    /// Leniently: one member matching is enough.
    fn one_of(&mut self, value: &Value, s: &'s SchemaObject, beside: &[&'s str], depth: usize) -> bool {
        self.some_member(value, s, &s.one_of, "oneOf", beside, depth)
    }

    fn some_member(
        &mut self,
        value: &Value,
        s: &'s SchemaObject,
        members: &'s [Schema],
        keyword: &str,
        beside: &[&'s str],
        depth: usize,
    ) -> bool {
        if members.is_empty() {
            return true;
        }
        let declared = self.declared(s, beside, false);
        let explain = std::mem::replace(&mut self.explain, false);
        let fits = members.iter().any(|member| self.check(value, member, &declared, depth + 1));
        self.explain = explain;
        if fits {
            return true;
        }
        let reasons = self.explain.then(|| self.member_reasons(value, members, &declared, depth));
        self.fail(|| format!("matches no member of `{keyword}` ({})", reasons.unwrap_or_default()))
    }

    /// The first reason each member rejects `value` for (`0: /a: expected string, got integer; 1: …`).
    fn member_reasons(&mut self, value: &Value, members: &'s [Schema], declared: &[&'s str], depth: usize) -> String {
        let mut reasons = Vec::new();
        for (index, member) in members.iter().enumerate() {
            let before = self.found.len();
            self.check(value, member, declared, depth + 1);
            let first = self.found.drain(before..).next().unwrap_or_default();
            reasons.push(format!("{index}: {first}"));
        }
        reasons.join("; ")
    }

    /// The properties `s` and the schemas merged with it declare: its own, `beside`, its `$ref`
    /// target's and `allOf` parts' (and, with `members`, its union members').
    fn declared(&self, s: &'s SchemaObject, beside: &[&'s str], members: bool) -> Vec<&'s str> {
        let mut names = beside.to_vec();
        let mut parts = 0;
        self.declare(s, members, &mut names, &mut parts, 0);
        names
    }

    fn declare(&self, s: &'s SchemaObject, members: bool, names: &mut Vec<&'s str>, parts: &mut usize, hops: usize) {
        *parts += 1;
        if hops > MAX_HOPS || *parts > MAX_DECLARING_PARTS {
            return;
        }
        names.extend(s.properties.keys().map(String::as_str));
        if let Some((target, _)) = s.reference.as_deref().and_then(|reference| follow(self.doc, reference)) {
            self.declare(&target.body, members, names, parts, hops + 1);
        }
        let union_members = [&s.one_of, &s.any_of].into_iter().filter(|_| members).flatten();
        for part in s.all_of.iter().chain(union_members) {
            self.declare(&part.body, members, names, parts, hops + 1);
        }
    }

    /// Runs `check` with the path one segment deeper.
    fn at(&mut self, segment: &str, check: impl FnOnce(&mut Self) -> bool) -> bool {
        let length = self.path.len();
        if self.explain {
            self.path.push('/');
            self.path.push_str(&escape_segment(segment));
        }
        let fits = check(self);
        self.path.truncate(length);
        fits
    }

    /// Records a failure (when explaining) and returns `false`.
    fn fail(&mut self, reason: impl FnOnce() -> String) -> bool {
        if self.explain {
            let at = if self.path.is_empty() { "(root)" } else { &self.path };
            self.found.push(format!("{at}: {}", reason()));
        }
        false
    }
}

/// Whether `value` is of the JSON Schema type `name` (an unknown name, like Swagger's `file`, allows anything).
fn has_type(value: &Value, name: &str) -> bool {
    match name {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "number" => value.is_number(),
        "integer" => is_integral(value),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => true,
    }
}

/// An integer, or a number with no fraction (`3.0`), as JSON Schema counts integers.
fn is_integral(value: &Value) -> bool {
    value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|f| f.is_finite() && f.fract() == 0.0)
}

fn type_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) if is_integral(value) => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn document(schemas: &str) -> Document {
        let indented: String = schemas.lines().map(|line| format!("    {line}\n")).collect();
        let text = format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{indented}"
        );
        sdksmith::spec::load("test.yaml", &text).expect("the test document loads")
    }

    fn schema<'d>(doc: &'d Document, name: &str) -> &'d Schema {
        doc.components.schemas.get(name).expect("the schema is in the document")
    }

    const SCHEMAS: &str = r##"
Order:
  type: object
  required: [items]
  properties:
    items: {type: array, items: {$ref: '#/components/schemas/Item'}}
    note: {type: string, nullable: true}
    count: {type: integer}
    ratio: {type: number}
    state: {enum: [open, closed]}
    fixed: {const: 1}
Item:
  type: object
  required: [id]
  additionalProperties: false
  properties:
    id: {type: integer}
    name: {type: [string, "null"]}
Base:
  type: object
  additionalProperties: false
  properties:
    a: {type: string}
Child:
  allOf:
    - $ref: '#/components/schemas/Base'
    - properties:
        b: {type: string}
Counts: {type: object, additionalProperties: {type: integer}}
Choice:
  oneOf:
    - {type: string}
    - {type: object, required: [x]}
Cycle: {$ref: '#/components/schemas/Cycle'}
Nothing: false
Anything: true
"##;

    #[test]
    fn types_and_values() {
        let doc = document(SCHEMAS);
        let order = schema(&doc, "Order");
        assert!(validates(
            &doc,
            &json!({"items": [], "count": 3.0, "ratio": 3, "note": null, "state": "open", "fixed": 1.0}),
            order
        ));
        assert!(!validates(&doc, &json!({"items": [], "count": 3.5}), order));
        assert!(!validates(&doc, &json!({"items": [], "state": "lost"}), order));
        assert!(!validates(&doc, &json!({"items": [], "fixed": 2}), order));
        assert!(!validates(&doc, &json!({"items": null}), order));
        assert!(validates(&doc, &json!({"items": [{"id": 1, "name": null}]}), order));
        assert!(!validates(&doc, &json!([]), order));
    }

    #[test]
    fn violations_say_where_and_why() {
        let doc = document(SCHEMAS);
        let mut found =
            violations(&doc, &json!({"items": [{"name": "x", "colour": "red"}], "count": "3"}), schema(&doc, "Order"));
        // Properties are checked in the value's key order, which depends on serde_json's features.
        found.sort();
        assert_eq!(
            found,
            [
                "/count: expected integer, got string",
                "/items/0: missing required property `id`",
                "/items/0: undeclared property `colour`",
            ]
        );
        assert_eq!(violations(&doc, &json!({}), schema(&doc, "Order")), ["(root): missing required property `items`"]);
        let choice = violations(&doc, &json!(1), schema(&doc, "Choice"));
        assert_eq!(
            choice,
            ["(root): matches no member of `oneOf` (0: (root): expected string, got integer; 1: (root): expected object, got integer)"]
        );
        assert!(violations(&doc, &json!("x"), schema(&doc, "Choice")).is_empty());
    }

    #[test]
    fn maps_and_closed_objects() {
        let doc = document(SCHEMAS);
        assert!(validates(&doc, &json!({"a": "1", "b": "2"}), schema(&doc, "Child")), "allOf siblings declare `b`");
        assert!(!validates(&doc, &json!({"a": "1", "c": "2"}), schema(&doc, "Child")));
        assert!(!validates(&doc, &json!({"c": "2"}), schema(&doc, "Base")));
        assert!(validates(&doc, &json!({"x": 1, "y": 2}), schema(&doc, "Counts")));
        assert_eq!(violations(&doc, &json!({"x": "1"}), schema(&doc, "Counts")), ["/x: expected integer, got string"]);
    }

    /// Shapes from OpenAI's document: exactly one of two properties, and at least one of two lists.
    const EXCLUSIVE: &str = r##"
ImageRefParam:
  type: object
  properties:
    image_url: {type: string, format: uri, maxLength: 20971520}
    file_id: {type: string}
  anyOf:
    - required: [image_url]
    - required: [file_id]
  not:
    required: [image_url, file_id]
  additionalProperties: false
FileBatch:
  type: object
  additionalProperties: false
  properties:
    file_ids: {type: array, minItems: 1, maxItems: 2000, items: {type: string}}
    files: {type: array, minItems: 1, items: {type: object, properties: {file_id: {type: string}}}}
  anyOf:
    - required: [file_ids]
    - required: [files]
"##;

    #[test]
    fn not_rejects_what_it_describes() {
        let doc = document(EXCLUSIVE);
        let image = schema(&doc, "ImageRefParam");
        assert!(validates(&doc, &json!({"image_url": "https://example.com/a"}), image));
        assert!(validates(&doc, &json!({"file_id": "file-1"}), image));
        assert_eq!(
            violations(&doc, &json!({"image_url": "https://example.com/a", "file_id": "file-1"}), image),
            ["(root): fits the `not` schema"]
        );
        assert!(!validates(&doc, &json!({}), image), "anyOf wants one of them");
        let batch = schema(&doc, "FileBatch");
        assert!(validates(&doc, &json!({"file_ids": ["file-1"]}), batch));
        assert_eq!(violations(&doc, &json!({"file_ids": []}), batch), ["/file_ids: 0 items, below `minItems` 1"]);
        assert!(!validates(&doc, &json!({"files": []}), batch));
        assert!(!validates(&doc, &json!({}), batch));
    }

    #[test]
    fn limits_of_numbers_strings_and_arrays() {
        let doc = document(
            r#"
Old: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 2, multipleOf: 0.1}
New: {type: integer, exclusiveMinimum: 0, exclusiveMaximum: 9007199254740993, minimum: -5}
Text: {type: string, minLength: 2, maxLength: 3}
List: {type: array, minItems: 1, maxItems: 2, uniqueItems: true}
Odd: {type: array, minItems: "x", maximum: null}
"#,
        );
        let old = schema(&doc, "Old");
        for fits in [json!(0.3), json!(2), json!(0.1)] {
            assert!(validates(&doc, &fits, old), "{fits}");
        }
        assert_eq!(violations(&doc, &json!(0), old), ["(root): 0 is not more than 0"]);
        assert_eq!(violations(&doc, &json!(2.5), old), ["(root): 2.5 is not at most 2"]);
        assert_eq!(violations(&doc, &json!(0.35), old), ["(root): 0.35 is not a multiple of 0.1"]);
        let new = schema(&doc, "New");
        assert!(validates(&doc, &json!(9_007_199_254_740_992_i64), new));
        assert!(!validates(&doc, &json!(9_007_199_254_740_993_i64), new), "compared exactly, not through f64");
        assert!(!validates(&doc, &json!(0), new), "the 3.1 bound is the stricter");
        let text = schema(&doc, "Text");
        assert!(validates(&doc, &json!("éé"), text), "characters, not bytes");
        assert_eq!(violations(&doc, &json!("é"), text), ["(root): length 1, below `minLength` 2"]);
        assert!(!validates(&doc, &json!("abcd"), text));
        let list = schema(&doc, "List");
        assert!(validates(&doc, &json!([1, {"a": 1}]), list));
        assert!(!validates(&doc, &json!([]), list));
        assert!(!validates(&doc, &json!([1, 2, 3]), list));
        assert_eq!(violations(&doc, &json!([{"a": 1}, {"a": 1.0}]), list), ["(root): items are not unique"]);
        assert!(validates(&doc, &json!([]), schema(&doc, "Odd")), "keywords written oddly are ignored");
    }

    #[test]
    fn boolean_schemas_and_cycles() {
        let doc = document(SCHEMAS);
        assert!(validates(&doc, &json!({"any": 1}), schema(&doc, "Cycle")), "a cycle is cut and taken as valid");
        assert!(!validates(&doc, &json!(1), schema(&doc, "Nothing")));
        assert!(validates(&doc, &json!(null), schema(&doc, "Anything")));
    }
}
