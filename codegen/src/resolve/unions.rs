//! Unions whose members each hold a distinct constant in one property become tagged unions.
//!
//! Many documents tell members apart without a `discriminator`: every member has `type: {enum:
//! [file]}`, `type: {const: web_link}`, `status: {enum: [404]}`. Such a property decides the
//! member exactly as a discriminator would, so the union is decoded by it (a value no member
//! claims is kept whole in the union's `Unknown` variant), instead of being tried member by
//! member — where an open enum and an `extra` map let the first member accept anything.

use crate::ir::{
    Constant, Presence, Struct, TaggedUnion, TaggedVariant, TypeDef, TypeId, TypeKind, TypeRef, UnionVariant,
};
use std::collections::BTreeSet;

/// Turns every untagged union that a constant property tells apart into a tagged union; `open`,
/// a union (by index) tagged even with one member.
pub(super) fn tag_by_constants(types: &mut [TypeDef], open: Option<usize>) {
    let tagged: Vec<(usize, String, Vec<Vec<Constant>>)> = types
        .iter()
        .enumerate()
        .filter_map(|(i, def)| match &def.kind {
            TypeKind::Untagged(variants) => {
                // A union of one member is tagged only when it is open to more (webhook events:
                // an API adds events, which must decode as `Unknown`, not as the one it had).
                let least = if open == Some(i) { 1 } else { 2 };
                let (tag, values) = deciding_property(types, variants, least)?;
                Some((i, tag, values))
            }
            _ => None,
        })
        .collect();
    for (i, tag, values) in tagged {
        let TypeKind::Untagged(variants) = &types[i].kind else { continue };
        let variants = variants
            .iter()
            .zip(values)
            .map(|(v, tags)| TaggedVariant {
                hint: v.hint.clone(),
                tags,
                ty: v.ty.clone(),
                boxed: v.boxed,
                sources: v.sources.clone(),
            })
            .collect();
        types[i].kind = TypeKind::Tagged(TaggedUnion { tag, variants });
    }
}

/// The property every member (a struct) requires and holds constants in, with no constant shared
/// by two members: its wire name and each member's constants. The first such property of the
/// first member, in declaration order.
fn deciding_property(
    types: &[TypeDef],
    variants: &[UnionVariant],
    least: usize,
) -> Option<(String, Vec<Vec<Constant>>)> {
    if variants.len() < least.max(1) {
        return None;
    }
    let members: Vec<&Struct> = variants.iter().map(|v| struct_of(types, &v.ty)).collect::<Option<_>>()?;
    let candidates = members[0].fields.iter().filter(|f| f.values.is_some()).map(|f| f.wire_name.as_str());
    candidates.into_iter().find_map(|wire| {
        let values: Vec<Vec<Constant>> = members.iter().map(|m| constants_of(m, wire)).collect::<Option<_>>()?;
        let mut seen: Vec<&Constant> = values.iter().flatten().collect();
        seen.sort();
        let distinct = seen.windows(2).all(|pair| pair[0] != pair[1]);
        distinct.then(|| (wire.to_owned(), values))
    })
}

/// The struct a union member is, through aliases.
fn struct_of<'t>(types: &'t [TypeDef], ty: &TypeRef) -> Option<&'t Struct> {
    let mut ty = ty;
    for _ in 0..types.len().min(64) {
        let TypeRef::Named(id) = ty else { return None };
        match &types[id.0].kind {
            TypeKind::Alias(target) => ty = target,
            TypeKind::Struct(s) => return Some(s),
            _ => return None,
        }
    }
    None
}

/// The constants a struct's required, non-null property `wire` holds.
fn constants_of(member: &Struct, wire: &str) -> Option<Vec<Constant>> {
    let field = member.fields.iter().find(|f| f.wire_name == wire && f.presence == Presence::Required)?;
    field.values.clone().filter(|values| !values.is_empty())
}

/// A property that tells apart the members of a union flattened beside a struct's own fields is
/// the union's to read: a field of the struct would take it first, and the union would never see
/// which member a value is. The struct's field goes; the member keeps the value, in its field or
/// in its map of unknown fields. Runs once every type is converted (and tags found), so the
/// outcome does not depend on the order schemas are met in.
pub fn leave_deciding_properties_to_unions(types: &mut [TypeDef]) {
    let deciding: Vec<(usize, BTreeSet<String>)> = types
        .iter()
        .enumerate()
        .filter_map(|(index, def)| {
            let TypeKind::Struct(s) = &def.kind else { return None };
            let TypeRef::Named(union) = &s.variant.as_ref()?.ty else { return None };
            Some((index, deciding_properties(types, *union)))
        })
        .collect();
    for (index, names) in deciding {
        if let TypeKind::Struct(s) = &mut types[index].kind {
            s.fields.retain(|field| !names.contains(&field.wire_name));
        }
    }
}

/// The properties that decide between the members of `union`: a tagged union's tag; an untagged
/// union's properties whose values some member declares (constants, enums).
fn deciding_properties(types: &[TypeDef], union: TypeId) -> BTreeSet<String> {
    let members: Vec<&TypeRef> = match &types[union.0].kind {
        TypeKind::Tagged(tagged) => return BTreeSet::from([tagged.tag.clone()]),
        TypeKind::Untagged(variants) => variants.iter().map(|v| &v.ty).collect(),
        _ => return BTreeSet::new(),
    };
    let mut deciding = BTreeSet::new();
    for member in members {
        if let Some(s) = struct_behind(types, member) {
            deciding.extend(s.fields.iter().filter(|f| f.values.is_some()).map(|f| f.wire_name.clone()));
        }
    }
    deciding
}

/// The struct a member type is, through aliases.
fn struct_behind<'t>(types: &'t [TypeDef], ty: &TypeRef) -> Option<&'t Struct> {
    let mut ty = ty;
    for _ in 0..32 {
        let TypeRef::Named(id) = ty else { return None };
        match &types[id.0].kind {
            TypeKind::Struct(s) => return Some(s),
            TypeKind::Alias(target) => ty = target,
            _ => return None,
        }
    }
    None
}
