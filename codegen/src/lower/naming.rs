//! How Rust identifiers are made from document names (casing, sanitising, collisions); the
//! symbol provider (`lower::names`) is its only user.
//!
//! Policy: types and variants are UpperCamelCase, fields, parameters and methods snake_case (heck);
//! characters that cannot be in an ASCII identifier are dropped; a name that would start with a
//! digit gets a prefix (`V` for variants, `T` for types, `n` for fields); Rust keywords become raw
//! identifiers (`r#type`) where Rust allows it and get a trailing `_` where it does not (`self_`);
//! names that collide within one scope get `2`, `3`, … in document order. The wire name is always
//! kept next to the Rust name, so serde renames restore it.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::HashSet;

/// Keywords that cannot be raw identifiers.
const RESERVED: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Keeps ASCII letters, digits and `_`, turning everything else into word breaks for heck.
fn words(raw: &str) -> String {
    raw.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

/// UpperCamelCase; `prefix` is put before a leading digit; empty input gives `empty`.
fn camel(raw: &str, prefix: &str, empty: &str) -> String {
    let name = words(raw).to_upper_camel_case();
    if name.is_empty() {
        empty.to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix}{name}")
    } else if name == "Self" {
        // The one UpperCamelCase keyword, and it cannot be a raw identifier.
        "Self_".to_owned()
    } else {
        name
    }
}

/// A type name for a document name (`pet-store` → `PetStore`, `3d` → `T3d`).
pub fn type_name(raw: &str) -> String {
    camel(raw, "T", "Type")
}

/// An enum variant name for a wire value (`gpt-4o` → `Gpt4o`, `1024x1024` → `V1024x1024`, `` → `Empty`).
pub fn variant_name(raw: &str) -> String {
    camel(raw, "V", "Empty")
}

/// A snake_case name for a field, parameter or method (`fooBar` → `foo_bar`, `type` stays `type`
/// and is emitted as `r#type`).
pub fn snake_name(raw: &str) -> String {
    let name = words(raw).to_snake_case();
    if name.is_empty() {
        "value".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{name}")
    } else if RESERVED.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// UpperCamelCase words (`ChatContentItem` → `Chat`, `Content`, `Item`).
fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (i, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            words.push(&name[start..i]);
            start = i;
        }
    }
    words.push(&name[start..]);
    words
}

/// Variant names that say what distinguishes a union's members: the words every member's type
/// name shares at its start or end, and the union's own name at the start, are dropped
/// (`ChatContentItem` of `TextChatContent` and `ImageChatContent` → `Text`, `Image`). `None`
/// when nothing can be dropped or the result would be empty, start with a digit or collide.
pub fn distinguishing_names(union: &str, names: &[String]) -> Option<Vec<String>> {
    let words: Vec<Vec<&str>> = names.iter().map(|n| camel_words(n)).collect();
    let shortest = words.iter().map(Vec::len).min()?;
    let shared = |at: &dyn Fn(&Vec<&str>, usize) -> Option<String>| {
        (0..shortest).take_while(|&i| words.iter().all(|w| at(w, i) == at(&words[0], i))).count()
    };
    let (prefix, suffix) = if names.len() > 1 {
        let prefix = shared(&|w, i| w.get(i).map(|s| (*s).to_owned()));
        let suffix = shared(&|w, i| w.len().checked_sub(i + 1).map(|j| w[j].to_owned()));
        (prefix, suffix)
    } else {
        (0, 0)
    };
    let union_words = camel_words(union);
    let shortened: Vec<String> = words
        .iter()
        .map(|w| {
            let end = w.len().saturating_sub(suffix).max(prefix);
            let mut kept = &w[prefix..end];
            if kept.len() > union_words.len() && kept[..union_words.len()] == union_words[..] {
                kept = &kept[union_words.len()..];
            }
            kept.concat()
        })
        .collect();
    let usable =
        shortened.iter().all(|n| n.starts_with(|c: char| c.is_ascii_uppercase()) && n != "Self" && n != "Unknown");
    let distinct = shortened.iter().collect::<HashSet<_>>().len() == shortened.len();
    (usable && distinct && shortened[..] != names[..]).then_some(shortened)
}

/// Longest module name: its file (`<name>.rs`) must fit the 255 bytes file systems allow, with room.
const MAX_MODULE: usize = 100;

/// A module (and file) name for a unique snake_case `name`: the name itself, or when longer than
/// 100 bytes, its start and a hash of the whole (still unique, and the same on every run).
pub fn module_name(name: &str) -> String {
    if name.len() <= MAX_MODULE {
        return name.to_owned();
    }
    // FNV-1a: stable across runs and platforms, unlike the standard library's hasher.
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    let cut = (0..=MAX_MODULE - 17).rev().find(|&i| name.is_char_boundary(i)).unwrap_or(0);
    format!("{}_{hash:016x}", name[..cut].trim_end_matches('_'))
}

/// The prefix of an SDK's environment variables, from its API's title: the first word, in
/// capitals, as people write it for the product (`GitHub's REST API` → `GITHUB`, `OpenAI API` →
/// `OPENAI`): a possessive is dropped and camel humps are not split.
pub fn env_prefix(title: &str) -> String {
    let first = title.split_whitespace().next().unwrap_or("");
    let word = first.trim_end_matches("'s").trim_end_matches("\u{2019}s");
    let letters: String = word.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_uppercase();
    match letters.chars().next() {
        None => "API".to_owned(),
        // A variable name cannot start with a digit.
        Some(c) if c.is_ascii_digit() => format!("API_{letters}"),
        Some(_) => letters,
    }
}

/// Hands out unique names within one scope.
#[derive(Debug, Default)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    /// A scope in which `reserved` are already taken.
    pub fn with_reserved<S: AsRef<str>>(reserved: &[S]) -> Self {
        Scope { taken: reserved.iter().map(|s| s.as_ref().to_owned()).collect() }
    }

    /// `name`, or `name2`, `name3`, … if taken (snake names get `name_2`).
    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        // snake_case gets `_2`, UpperCamelCase `2`, after any trailing `_` (`self_` → `self_2`,
        // `Self_` → `Self2`).
        let separator = if name.starts_with(|c: char| c.is_ascii_lowercase()) { "_" } else { "" };
        let base = name.trim_end_matches('_');
        let candidate = (2..)
            .map(|n| format!("{base}{separator}{n}"))
            .find(|candidate| !self.taken.contains(candidate))
            .unwrap_or(name);
        self.taken.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_are_identifiers_for_any_value() {
        assert_eq!(variant_name("gpt-4o"), "Gpt4o");
        assert_eq!(variant_name("1024x1024"), "V1024x1024");
        assert_eq!(variant_name("foo bar"), "FooBar");
        assert_eq!(variant_name("3d"), "V3d");
        assert_eq!(variant_name("UPPER_CASE"), "UpperCase");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("@@"), "Empty");
        assert_eq!(variant_name("self"), "Self_");
        assert_eq!(type_name("Self"), "Self_");
    }

    #[test]
    fn fields_are_snake_case_and_keywords_stay_usable() {
        assert_eq!(snake_name("fooBar"), "foo_bar");
        assert_eq!(snake_name("type"), "type");
        assert!(crate::model::needs_raw("type"));
        assert_eq!(snake_name("self"), "self_");
        assert_eq!(snake_name("@timestamp"), "timestamp");
        assert_eq!(snake_name("a.b-c"), "a_b_c");
        assert_eq!(snake_name("2fa"), "n2fa");
    }

    #[test]
    fn union_variants_are_named_for_what_distinguishes_them() {
        let names = |n: &[&str]| n.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            distinguishing_names("ChatContentItem", &names(&["TextChatContent", "ImageChatContent"])),
            Some(names(&["Text", "Image"]))
        );
        assert_eq!(
            distinguishing_names("Shape", &names(&["ShapeCircle", "ShapeSquare", "Polygon"])),
            Some(names(&["Circle", "Square", "Polygon"]))
        );
        // Nothing to drop, or dropping would leave nothing.
        assert_eq!(distinguishing_names("Value", &names(&["String", "Integer"])), None);
        assert_eq!(distinguishing_names("Pet", &names(&["Cat", "Dog"])), None);
        assert_eq!(distinguishing_names("Note", &names(&["Text", "TextChat"])), None);
    }

    #[test]
    fn environment_variables_are_named_as_people_write_the_product() {
        assert_eq!(env_prefix("GitHub's REST API"), "GITHUB");
        assert_eq!(env_prefix("GitHub v3 REST API"), "GITHUB");
        assert_eq!(env_prefix("OpenAI API"), "OPENAI");
        assert_eq!(env_prefix("Box Platform API"), "BOX");
        assert_eq!(env_prefix("1Password Connect"), "API_1PASSWORD");
        assert_eq!(env_prefix("  "), "API");
        assert_eq!(env_prefix("api.video"), "APIVIDEO");
    }

    #[test]
    fn long_module_names_stay_short_and_distinct() {
        let long = "a_".repeat(120);
        let other = format!("{long}b");
        assert_eq!(module_name("chat"), "chat");
        assert!(module_name(&long).len() <= 100, "{}", module_name(&long));
        assert_ne!(module_name(&long), module_name(&other));
        assert_eq!(module_name(&long), module_name(&long));
    }

    #[test]
    fn collisions_get_numbered() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim("foo_bar".into()), "foo_bar");
        assert_eq!(scope.claim("foo_bar".into()), "foo_bar_2");
        let mut types = Scope::with_reserved(&["Unknown"]);
        assert_eq!(types.claim("Unknown".into()), "Unknown2");
    }
}
