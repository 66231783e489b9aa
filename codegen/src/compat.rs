//! Compares the public Rust APIs of two generated crates ([`Surface`]s of their models: every item
//! a user can name, with its signature) and classifies each difference: breaking (major),
//! additive (minor) or documentation only (patch).
//!
//! Because the comparison is of what the crate offers, not of the document, it sees what a
//! document change does to Rust: a renamed identifier, a field now boxed, a stream's event type,
//! an error body. Structs and string enums are `#[non_exhaustive]` and built with `new(required…)`
//! plus setters, so a new optional field or enum value is additive, while a new required field
//! changes `new` and the client method.

use crate::model::{Crate, ItemKind, Surface};
use std::fmt;

/// How a change affects users of the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// Documentation only.
    Patch,
    /// Something new; existing code keeps compiling.
    Minor,
    /// Existing code may stop compiling or behave differently.
    Major,
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Impact::Patch => "patch",
            Impact::Minor => "minor",
            Impact::Major => "major",
        })
    }
}

/// One difference between two APIs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Its effect.
    pub impact: Impact,
    /// What changed, in terms of the generated Rust API (`field ChatRequest.foo added (optional)`).
    pub description: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.impact {
            Impact::Major => "breaking",
            Impact::Minor => "added",
            Impact::Patch => "docs",
        };
        write!(f, "[{label}] {}", self.description)
    }
}

/// Every difference from `old` to `new`, sorted by impact (breaking first), then text.
pub fn compare(old: &Crate, new: &Crate) -> Vec<Change> {
    compare_surfaces(&old.surface(), &new.surface())
}

/// Every difference between two public APIs: an item removed, or whose signature or kind changed,
/// is breaking; a new item is additive, except a variant of an existing exhaustive enum (an
/// untagged union), which breaks `match`es; a change of documentation alone is a patch.
pub fn compare_surfaces(old: &Surface, new: &Surface) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut push = |impact, description: String| changes.push(Change { impact, description });
    for (path, item) in &new.items {
        match old.items.get(path) {
            None => {
                let parent = path.rsplit_once("::").map(|(parent, _)| parent);
                let breaks_match = item.kind == ItemKind::Variant && parent.is_some_and(|p| old.items.contains_key(p));
                let impact = if breaks_match { Impact::Major } else { Impact::Minor };
                push(impact, format!("`{path}` added: {}", item.signature));
            }
            Some(before) if before.kind != item.kind || before.signature != item.signature => {
                push(Impact::Major, format!("`{path}` changed from `{}` to `{}`", before.signature, item.signature));
            }
            Some(before) if before.docs != item.docs => {
                push(Impact::Patch, format!("documentation of `{path}` changed"));
            }
            Some(_) => {}
        }
    }
    for (path, item) in old.items.iter().filter(|(path, _)| !new.items.contains_key(*path)) {
        push(Impact::Major, format!("`{path}` removed (was {})", item.signature));
    }
    changes.sort_by(|a, b| (b.impact, &a.description).cmp(&(a.impact, &b.description)));
    changes
}

/// The bump the changes call for (`Patch` when there are none).
pub fn bump(changes: &[Change]) -> Impact {
    changes.iter().map(|c| c.impact).max().unwrap_or(Impact::Patch)
}
