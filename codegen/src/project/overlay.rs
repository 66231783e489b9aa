//! OpenAPI Overlay 1.0: a document of actions, each an RFC 9535 JSONPath `target` with an
//! `update` merged into every node it selects or `remove: true`, applied in order. The owner of a
//! third-party document patches it here instead of editing it.
//!
//! Targets are evaluated on a JSON copy; edits are made on the YAML value the document was read
//! into, which keeps its keys in document order (so field order never depends on an overlay).

use crate::spec::{Format, LineIndex};
use crate::{Diagnostic, Severity};
use serde_json_path::JsonPath;
use serde_yaml::Value;

/// One step of a normalized path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Name(String),
    Index(usize),
}

/// Applies the overlay `text` (named `file`) to `document`; warnings name actions whose target
/// selects nothing.
pub fn apply(document: &mut Value, file: &str, text: &str) -> Result<Vec<Diagnostic>, Diagnostic> {
    let lines = LineIndex::new(text, Format::detect(file, text));
    let problem = |severity: Severity, pointer: &str, message: String| Diagnostic {
        severity,
        file: file.to_owned(),
        line: lines.line_of(pointer),
        pointer: pointer.to_owned(),
        message,
    };
    let overlay: Value =
        serde_yaml::from_str(text).map_err(|e| problem(Severity::Error, "", format!("invalid overlay: {e}")))?;
    let version = overlay.get("overlay").and_then(Value::as_str).unwrap_or_default();
    if !version.starts_with("1.") {
        let message = format!("not an OpenAPI Overlay 1.x document (`overlay: {version}`)");
        return Err(problem(Severity::Error, "/overlay", message));
    }
    let Some(actions) = overlay.get("actions").and_then(Value::as_sequence) else {
        return Err(problem(Severity::Error, "/actions", "an overlay needs a list of `actions`".to_owned()));
    };
    let mut warnings = Vec::new();
    for (i, action) in actions.iter().enumerate() {
        let at = format!("/actions/{i}");
        let Some(target) = action.get("target").and_then(Value::as_str) else {
            return Err(problem(Severity::Error, &at, "an action needs a `target` (a JSONPath)".to_owned()));
        };
        let path = JsonPath::parse(target).map_err(|e| {
            problem(Severity::Error, &format!("{at}/target"), format!("invalid JSONPath `{target}`: {e}"))
        })?;
        let json = serde_json::to_value(&*document)
            .map_err(|e| problem(Severity::Error, &at, format!("the document is not JSON-compatible: {e}")))?;
        let mut targets: Vec<Vec<Step>> = path
            .query_located(&json)
            .locations()
            .map(|location| {
                location
                    .iter()
                    .map(|element| match element {
                        serde_json_path::PathElement::Name(name) => Step::Name((*name).to_owned()),
                        serde_json_path::PathElement::Index(index) => Step::Index(*index),
                    })
                    .collect()
            })
            .collect();
        if targets.is_empty() {
            warnings.push(problem(Severity::Warning, &format!("{at}/target"), format!("`{target}` selects nothing")));
            continue;
        }
        let remove = action.get("remove").and_then(Value::as_bool).unwrap_or(false);
        if remove {
            // Last first, so removing one array element never shifts another that is targeted.
            targets.sort();
            for steps in targets.iter().rev() {
                remove_at(document, steps);
            }
        } else if let Some(update) = action.get("update") {
            for steps in &targets {
                if let Some(node) = node_at(document, steps) {
                    merge(node, update);
                }
            }
        } else {
            let message = "an action needs `update` or `remove: true`".to_owned();
            return Err(problem(Severity::Error, &at, message));
        }
    }
    Ok(warnings)
}

fn node_at<'v>(value: &'v mut Value, steps: &[Step]) -> Option<&'v mut Value> {
    steps.iter().try_fold(value, |node, step| match step {
        Step::Name(name) => node.get_mut(name.as_str()),
        Step::Index(index) => node.get_mut(*index),
    })
}

fn remove_at(document: &mut Value, steps: &[Step]) {
    let Some((last, parent)) = steps.split_last() else {
        // Removing the whole document leaves an empty one.
        *document = Value::Mapping(Default::default());
        return;
    };
    match (node_at(document, parent), last) {
        (Some(Value::Mapping(map)), Step::Name(name)) => {
            map.shift_remove(name.as_str());
        }
        (Some(Value::Sequence(items)), Step::Index(index)) if *index < items.len() => {
            items.remove(*index);
        }
        _ => {}
    }
}

/// Overlay 1.0's merge: an object's properties replace or join the target's (objects merged
/// recursively); a value merged into an array is appended to it; anything else replaces it.
fn merge(target: &mut Value, update: &Value) {
    match (target, update) {
        (Value::Mapping(into), Value::Mapping(from)) => {
            for (key, value) in from {
                match into.get_mut(key) {
                    Some(existing) if existing.is_mapping() && value.is_mapping() => merge(existing, value),
                    _ => {
                        into.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (Value::Sequence(items), Value::Sequence(more)) => items.extend(more.iter().cloned()),
        (Value::Sequence(items), value) => items.push(value.clone()),
        (target, value) => *target = value.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Value {
        serde_yaml::from_str(text).expect("document")
    }

    #[test]
    fn updates_merge_and_removals_remove_what_the_target_selects() {
        let mut document = doc(
            "paths:\n  /pets:\n    get: {operationId: listPets}\n    post: {operationId: addPet, x-internal: true}\n  /admin:\n    get: {operationId: admin, x-internal: true}\ninfo: {title: Pets}\n",
        );
        let overlay = "overlay: 1.0.0\ninfo: {title: fixes, version: '1'}\nactions:\n  - target: $.info\n    update: {description: Patched}\n  - target: $.paths.*[?@['x-internal'] == true]\n    remove: true\n  - target: $.paths['/pets'].get\n    update: {tags: [pets]}\n";
        let warnings = apply(&mut document, "fix.yaml", overlay).expect("applies");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(document["info"]["description"], Value::from("Patched"));
        assert_eq!(document["info"]["title"], Value::from("Pets"));
        assert!(document["paths"]["/pets"].get("post").is_none());
        assert!(document["paths"]["/admin"].get("get").is_none());
        assert_eq!(document["paths"]["/pets"]["get"]["tags"][0], Value::from("pets"));
        // Keys keep their order: `paths` before `info`.
        let keys: Vec<&str> = document.as_mapping().expect("map").keys().filter_map(Value::as_str).collect();
        assert_eq!(keys, ["paths", "info"]);
    }

    #[test]
    fn a_bad_target_is_an_error_on_its_line_and_an_empty_one_a_warning() {
        let mut document = doc("info: {title: x}\n");
        let overlay =
            "overlay: 1.0.0\nactions:\n  - target: $.nothing\n    remove: true\n  - target: $[\n    remove: true\n";
        let error = apply(&mut document, "o.yaml", overlay).expect_err("bad path");
        assert_eq!((error.line, error.pointer.as_str()), (Some(5), "/actions/1/target"), "{error}");
        let overlay = "overlay: 1.0.0\nactions:\n  - target: $.nothing\n    remove: true\n";
        let warnings = apply(&mut document, "o.yaml", overlay).expect("applies");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(3));
        let error = apply(&mut document, "o.yaml", "overlay: 2.0.0\nactions: []\n").expect_err("version");
        assert!(error.message.contains("Overlay 1"), "{error}");
    }

    #[test]
    fn removing_several_array_elements_removes_each_one() {
        let mut document = doc("tags: [{name: a, x: 1}, {name: b}, {name: c, x: 1}]\n");
        apply(&mut document, "o.yaml", "overlay: 1.0.0\nactions:\n  - target: $.tags[?@.x == 1]\n    remove: true\n")
            .expect("applies");
        assert_eq!(document["tags"].as_sequence().map(Vec::len), Some(1));
        assert_eq!(document["tags"][0]["name"], Value::from("b"));
    }
}
