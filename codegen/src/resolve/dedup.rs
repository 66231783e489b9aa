//! Types of the same shape share one definition: the first of them (in [`Api::types`] order) is
//! kept and each other becomes an alias of it, under its own name and docs.
//!
//! Big documents repeat inline schemas: GitHub's has 3,018 string enums of 533 distinct value
//! lists (`read`/`write` alone 722 times), and whole objects copied between webhook payloads.
//! Each copy would be compiled on its own, with its derives and impls; an alias costs nothing.
//!
//! Uses keep naming the alias, so signatures read as before and every name still exists. Only
//! exact copies merge: same fields (wire names in order, types, presence, docs) or same values;
//! the Rust names of fields follow from their wire names, so they are the same too.
//!
//! [`Api::types`]: crate::ir::Api::types

use crate::ir::{TypeDef, TypeKind, TypeRef};
use std::collections::HashMap;

/// Turns every later copy of a type into an alias of its first. `kept` are types that must stay
/// apart (stream events with a text path: each has its own `TextDeltas` impl).
pub fn share_identical(types: &mut [TypeDef], kept: &std::collections::BTreeSet<usize>) {
    let mut canonical: Vec<usize> = (0..types.len()).collect();
    // Enums first, then objects whose fields may use them; objects holding copied objects
    // merge on a later round.
    for _round in 0..4 {
        let mut first: HashMap<String, usize> = HashMap::new();
        let mut merged = false;
        for i in 0..types.len() {
            if canonical[i] != i || kept.contains(&i) {
                continue;
            }
            let Some(shape) = shape_key(types, &types[i].kind, &canonical) else { continue };
            // A deprecated type and a current one stay apart, so uses keep their warnings.
            let key = format!("{:?} {shape}", types[i].docs.deprecated);
            match first.get(&key) {
                Some(&kept) => {
                    canonical[i] = kept;
                    merged = true;
                }
                None => {
                    first.insert(key, i);
                }
            }
        }
        if !merged {
            break;
        }
    }
    for (i, &kept) in canonical.iter().enumerate() {
        if kept != i {
            types[i].kind = TypeKind::Alias(TypeRef::Named(crate::ir::TypeId(kept)));
        }
    }
}

/// A text that two types share exactly when one can stand for the other; `None` for kinds that
/// are not merged (unions, aliases, objects with a flattened variant).
fn shape_key(types: &[TypeDef], kind: &TypeKind, canonical: &[usize]) -> Option<String> {
    match kind {
        TypeKind::Enum(e) => Some(format!("enum {:?}", e.values)),
        TypeKind::Struct(s) if s.variant.is_none() => {
            let fields: Vec<String> = s
                .fields
                .iter()
                .map(|f| {
                    let ty = through(&f.ty, canonical);
                    // A field without docs of its own shows its type's (and its deprecation).
                    let shown = f.ty.named().map(|id| &types[id.0].docs);
                    format!("{:?}", (&f.wire_name, ty, f.presence, f.boxed, &f.values, &f.docs, shown))
                })
                .collect();
            Some(format!("struct {fields:?} {:?}", s.extra))
        }
        _ => None,
    }
}

/// `ty` with every named type replaced by the one it merged into.
fn through(ty: &TypeRef, canonical: &[usize]) -> TypeRef {
    match ty {
        TypeRef::Named(id) => TypeRef::Named(crate::ir::TypeId(canonical[id.0])),
        TypeRef::Array(item) => TypeRef::Array(Box::new(through(item, canonical))),
        TypeRef::Map(value) => TypeRef::Map(Box::new(through(value, canonical))),
        TypeRef::Nullable(inner) => TypeRef::Nullable(Box::new(through(inner, canonical))),
        other => other.clone(),
    }
}
