//! Cargo features per tag: which items of the crate each feature compiles.
//!
//! A big API's user often needs a few of its parts. With features on, each operation belongs to
//! the feature of its first tag, and every type is compiled when a feature that reaches it (from
//! an operation's parameters, body, responses or errors, through fields and variants) is on. The
//! types no operation reaches (webhook payloads, say) have a feature of their own. `full`, on by
//! default, turns every one on, so the crate is whole unless its user asks for less.
//!
//! An item every feature reaches is compiled always; so is everything when features are off.

use super::selection::Selection;
use crate::ir::{Api, TypeId};
use crate::model::{Cfg, Feature};
use crate::settings::Settings;
use std::collections::{BTreeMap, BTreeSet};

/// The feature of the types no operation reaches.
pub const UNREFERENCED: &str = "unreferenced-types";
/// The feature that turns on every other one.
use crate::model::FULL_FEATURE as FULL;
/// Features every generated crate has already.
const TAKEN: &[&str] = &[FULL, UNREFERENCED, "default", "tracing", "rustls-tls", "native-tls", "mock", "std"];

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

    /// A feature per tag (or group of tags) of the kept operations, when there are at least two
    /// (one would gate nothing useful); never more than `settings.max_features` in all.
    pub fn per_tag(api: &Api, selection: &Selection, settings: &Settings) -> Plan {
        let kept = || selection.kept_operations(api);
        let tags: BTreeSet<&str> = kept().filter_map(|op| op.tag.as_deref()).collect();
        if tags.len() < 2 {
            return Plan::none(api);
        }
        // Features every crate declares besides the tags': `default`, `full`, the unreferenced
        // types', `tracing` and the two TLS ones.
        let budget = settings.max_features.saturating_sub(TAKEN.len() - 1).max(1);
        let names = feature_names(&tags, &settings.feature_groups, budget);
        let mut docs: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (tag, name) in &names {
            docs.entry(name.as_str()).or_default().push(tag);
        }
        let mut features: Vec<Feature> = docs
            .iter()
            .map(|(name, tags)| {
                let tags: Vec<String> =
                    tags.iter().map(|tag| format!("`{}`", tag.replace(char::is_control, " "))).collect();
                Feature { name: (*name).to_owned(), doc: format!("Operations tagged {}.", tags.join(", ")) }
            })
            .collect();
        features.push(Feature {
            name: UNREFERENCED.to_owned(),
            doc: "Types of the document no operation uses.".to_owned(),
        });
        features.sort_by(|a, b| a.name.cmp(&b.name));
        let index: BTreeMap<&str, usize> = features.iter().enumerate().map(|(i, f)| (f.name.as_str(), i)).collect();
        // Every kept tag has its feature (made above from the same tags), so the lookups succeed.
        let op_feature: Vec<Option<usize>> = api
            .operations
            .iter()
            .zip(&selection.operations)
            .map(|(op, kept)| match kept {
                true => op.tag.as_deref().and_then(|tag| index.get(names.get(tag)?.as_str()).copied()),
                false => None,
            })
            .collect();

        // Each feature's types: the closure of its operations' types over the type graph.
        let (mut roots, mut untagged): (BTreeMap<usize, Vec<TypeId>>, Vec<TypeId>) = Default::default();
        for ((op, feature), _) in api.operations.iter().zip(&op_feature).zip(&selection.operations).filter(|(_, k)| **k)
        {
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
        let orphans: Vec<TypeId> = (0..api.types.len())
            .filter(|&i| selection.types[i] && reached[i].is_empty() && !always.contains(&i))
            .map(TypeId)
            .collect();
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

/// Tag → feature name: kebab-case names, kept clear of the crate's other features and of each
/// other. The settings' groups come first; when more than `budget` features remain, tags sharing
/// their first word share a feature (`repos`, `repos-hooks` → `repos`), then neighbours (in name
/// order) are put together into ranges (`actions-to-billing`) until `budget` is met.
fn feature_names<'a>(
    tags: &BTreeSet<&'a str>,
    groups: &BTreeMap<String, Vec<String>>,
    budget: usize,
) -> BTreeMap<&'a str, String> {
    let mut out: BTreeMap<&'a str, String> = BTreeMap::new();
    let mut taken: BTreeSet<String> = TAKEN.iter().map(|s| (*s).to_owned()).collect();
    for (group, members) in groups {
        let name = claim(&mut taken, slug(group));
        for tag in tags.iter().filter(|tag| members.iter().any(|m| m == *tag)) {
            out.entry(tag).or_insert_with(|| name.clone());
        }
    }
    let free: Vec<&'a str> = tags.iter().copied().filter(|tag| !out.contains_key(tag)).collect();
    let grouped: BTreeSet<&String> = out.values().collect();
    let room = budget.saturating_sub(grouped.len()).max(1);
    // Buckets of tags, each one feature: alone, then by first word, then ranges.
    let mut buckets: Vec<(String, Vec<&'a str>)> = free.iter().map(|tag| (slug(tag), vec![*tag])).collect();
    if buckets.len() > room {
        let mut by_word: BTreeMap<String, Vec<&'a str>> = BTreeMap::new();
        for (name, members) in buckets {
            let word = name.split('-').next().unwrap_or(&name).to_owned();
            by_word.entry(word).or_default().extend(members);
        }
        buckets = by_word.into_iter().collect();
    }
    if buckets.len() > room {
        // `room` ranges of neighbours, as even as can be: only as many merged as must be.
        let (base, longer) = (buckets.len() / room, buckets.len() % room);
        let mut rest = buckets.into_iter();
        buckets = (0..room)
            .map(|i| {
                let chunk: Vec<(String, Vec<&'a str>)> = rest.by_ref().take(base + usize::from(i < longer)).collect();
                let (first, last) = (&chunk[0].0, &chunk[chunk.len() - 1].0);
                let name = if first == last { first.clone() } else { format!("{first}-to-{last}") };
                (name, chunk.iter().flat_map(|(_, members)| members.iter().copied()).collect())
            })
            .collect();
    }
    for (base, members) in buckets {
        let name = claim(&mut taken, base);
        for tag in members {
            out.insert(tag, name.clone());
        }
    }
    out
}

/// `base`, or `base-2`, `base-3`… when taken; recorded as taken.
fn claim(taken: &mut BTreeSet<String>, base: String) -> String {
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
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
        let names: Vec<String> = feature_names(&tags, &BTreeMap::new(), 300).into_values().collect();
        // In the order of the tags (`émoji` sorts last), accents dropped.
        assert_eq!(names, ["tag-2fa", "code-scanning", "full-2", "full-3", "repos", "moji"]);
    }

    #[test]
    fn groups_come_first_and_the_rest_share_features_only_beyond_the_budget() {
        let tags: BTreeSet<&str> = ["users", "users.profile", "groups", "admin", "audit"].into_iter().collect();
        let groups = BTreeMap::from([("ops".to_owned(), vec!["admin".to_owned(), "audit".to_owned()])]);
        let names = feature_names(&tags, &groups, 300);
        assert_eq!(names["admin"], "ops");
        assert_eq!(names["audit"], "ops");
        assert_eq!(names["users.profile"], "users-profile");
        // Three features left for four: `users` and `users.profile` share their first word.
        let names = feature_names(&tags, &groups, 3);
        assert_eq!(names["users"], "users");
        assert_eq!(names["users.profile"], "users");
        assert_eq!(names["groups"], "groups");
    }

    #[test]
    fn four_hundred_and_eighteen_tags_fit_in_the_budget() {
        // Microsoft Graph's shape: many tags, most with a first word of their own.
        let owned: Vec<String> = (0..418).map(|i| format!("area{i:03}.part")).collect();
        let tags: BTreeSet<&str> = owned.iter().map(String::as_str).collect();
        let names = feature_names(&tags, &BTreeMap::new(), 294);
        let distinct: BTreeSet<&String> = names.values().collect();
        assert!(distinct.len() <= 294, "{}", distinct.len());
        assert_eq!(distinct.len(), 294, "grouped only as much as needed");
        assert_eq!(names.len(), 418, "every tag has a feature");
        // By first word (`area000`), then ranges of neighbours.
        assert_eq!(names["area000.part"], "area000-to-area001");
    }
}
