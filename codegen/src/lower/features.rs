//! Cargo features per tag: which items of the crate each feature compiles.
//!
//! A big API's user often needs a few of its parts. With features on, each operation belongs to
//! the feature of its first tag, and every type is compiled when a feature that reaches it (from
//! an operation's parameters, body, responses or errors, through fields and variants) is on. The
//! types no operation reaches (webhook payloads, say) have a feature of their own. `full`, on by
//! default, turns every one on, so the crate is whole unless its user asks for less.
//!
//! An item every feature reaches is compiled always; so is everything when features are off.

use crate::ir::{Api, TypeId};
use crate::model::{Cfg, Feature};
use std::collections::{BTreeMap, BTreeSet};

/// The feature of the types no operation reaches.
pub const UNREFERENCED: &str = "unreferenced-types";
/// The feature that turns on every other one.
use crate::model::FULL_FEATURE as FULL;
/// Features every generated crate has already.
const TAKEN: &[&str] = &[FULL, UNREFERENCED, "default", "tracing", "rustls-tls", "native-tls", "std"];

/// Every feature and every item's gate.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The features, sorted by name (empty when features are off).
    pub features: Vec<Feature>,
    /// The gate of each operation, by index in [`Api::operations`].
    pub operations: Vec<Cfg>,
    /// The gate of each type, by [`TypeId`].
    pub types: Vec<Cfg>,
}

impl Plan {
    /// No features: everything always compiled.
    pub fn none(api: &Api) -> Plan {
        Plan {
            features: Vec::new(),
            operations: vec![Cfg::default(); api.operations.len()],
            types: vec![Cfg::default(); api.types.len()],
        }
    }

    /// A feature per tag, when the document has at least two (one would gate nothing useful).
    pub fn per_tag(api: &Api) -> Plan {
        let tags: BTreeSet<&str> = api.operations.iter().filter_map(|op| op.tag.as_deref()).collect();
        if tags.len() < 2 {
            return Plan::none(api);
        }
        let names = feature_names(&tags);
        let mut features: Vec<Feature> = names
            .values()
            .map(|(name, tag)| Feature {
                name: name.clone(),
                doc: format!("Operations tagged `{}`.", tag.replace(char::is_control, " ")),
            })
            .collect();
        features.push(Feature {
            name: UNREFERENCED.to_owned(),
            doc: "Types of the document no operation uses.".to_owned(),
        });
        features.sort_by(|a, b| a.name.cmp(&b.name));
        let index: BTreeMap<&str, usize> = features.iter().enumerate().map(|(i, f)| (f.name.as_str(), i)).collect();
        // Every tag has its feature (made above from the same tags), so the lookups all succeed.
        let op_feature: Vec<Option<usize>> = api
            .operations
            .iter()
            .map(|op| op.tag.as_deref().and_then(|tag| index.get(names.get(tag)?.0.as_str()).copied()))
            .collect();

        // Each feature's types: the closure of its operations' types over the type graph.
        let (mut roots, mut untagged): (BTreeMap<usize, Vec<TypeId>>, Vec<TypeId>) = Default::default();
        for (op, feature) in api.operations.iter().zip(&op_feature) {
            match feature {
                Some(feature) => roots.entry(*feature).or_default().extend(op.references()),
                None => untagged.extend(op.references()),
            }
        }
        // An operation without a tag is always compiled, and so are the types it needs.
        let always = closure(api, untagged);
        let mut reached: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); api.types.len()];
        for (feature, roots) in roots {
            for i in closure(api, roots) {
                reached[i].insert(feature);
            }
        }
        // What no operation reaches is the unreferenced feature's, with what it uses.
        let orphans: Vec<TypeId> =
            (0..api.types.len()).filter(|&i| reached[i].is_empty() && !always.contains(&i)).map(TypeId).collect();
        if let Some(&unreferenced) = index.get(UNREFERENCED) {
            for i in closure(api, orphans) {
                reached[i].insert(unreferenced);
            }
        }

        let every = features.len();
        let named = |set: &BTreeSet<usize>| Cfg(set.iter().map(|i| features[*i].name.clone()).collect());
        let gate = |set: &BTreeSet<usize>| if set.len() == every { Cfg::default() } else { named(set) };
        let types: Vec<Cfg> = (0..api.types.len())
            .map(|i| if always.contains(&i) { Cfg::default() } else { gate(&reached[i]) })
            .collect();
        let operations =
            op_feature.iter().map(|f| f.map_or_else(Cfg::default, |f| named(&BTreeSet::from([f])))).collect();
        Plan { features, operations, types }
    }
}

/// Tag → (feature name, tag): kebab-case names, kept clear of the crate's other features and of
/// each other.
fn feature_names<'a>(tags: &BTreeSet<&'a str>) -> BTreeMap<&'a str, (String, &'a str)> {
    let mut taken: BTreeSet<String> = TAKEN.iter().map(|s| (*s).to_owned()).collect();
    let mut out = BTreeMap::new();
    for tag in tags {
        let base = slug(tag);
        let mut name = base.clone();
        let mut n = 2;
        while !taken.insert(name.clone()) {
            name = format!("{base}-{n}");
            n += 1;
        }
        out.insert(*tag, (name, *tag));
    }
    out
}

/// A Cargo feature name for `tag`: lowercase ASCII letters, digits and `-`, starting with a letter.
fn slug(tag: &str) -> String {
    let kebab = heck::ToKebabCase::to_kebab_case(tag);
    let cleaned: String = kebab.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    let trimmed = cleaned.trim_matches('-');
    match trimmed.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => trimmed.to_owned(),
        Some(_) => format!("tag-{trimmed}"),
        None => "tag".to_owned(),
    }
}

/// Every type reachable from `roots`.
fn closure(api: &Api, roots: Vec<TypeId>) -> BTreeSet<usize> {
    let mut seen = BTreeSet::new();
    let mut stack = roots;
    while let Some(id) = stack.pop() {
        if seen.insert(id.0) {
            stack.extend(api.ty(id).kind.references());
        }
    }
    seen
}

/// The crate docs' paragraph on its features (nothing when it has none).
pub fn crate_docs(features: &[Feature]) -> Vec<String> {
    if features.is_empty() {
        return Vec::new();
    }
    let names: Vec<String> = features.iter().map(|f| format!("`{}`", f.name)).collect();
    let text = format!(
        "\n# Features\n\nEach tag of the API is a Cargo feature that compiles its operations and the \
         types they use; `{UNREFERENCED}` compiles the types no operation uses. `{FULL}`, on by \
         default, turns on all of them: {}. To compile less, turn default features off and name \
         the parts you call (and `tracing`, to keep its spans).",
        names.join(", ")
    );
    text.lines().map(|line| format!(" {line}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_names_are_cargo_names_clear_of_the_crates_own() {
        let tags: BTreeSet<&str> = ["Code Scanning", "full", "Full", "2fa", "émoji", "repos"].into_iter().collect();
        let names: Vec<String> = feature_names(&tags).into_values().map(|(name, _)| name).collect();
        // In the order of the tags (`émoji` sorts last), accents dropped.
        assert_eq!(names, ["tag-2fa", "code-scanning", "full-2", "full-3", "repos", "moji"]);
    }
}
