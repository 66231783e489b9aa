//! Type definitions → the `types` module's items: structs with their constructors, setters and
//! serde, open string enums, unions with their members' shapes and `From` impls, aliases.

use super::{docs, is_root_name, resolved_id, Lowering};
use crate::ir::{Field, Presence, Primitive, StringEnum, Struct, TaggedUnion, TypeDef, TypeId, TypeKind, TypeRef};
use crate::model::{
    Constructor, Doc, EnumItem, FieldItem, FlattenedField, FromImpl, Init, RustType, Setter, StructItem, StructSerde,
    TaggedItem, TaggedVariant, TypeBody, TypeItem, UnionItem, UnionVariant,
};

impl Lowering<'_> {
    /// One type's item.
    pub(super) fn type_item(&self, id: TypeId, def: &TypeDef) -> TypeItem {
        let name = self.names.ty(id).to_owned();
        let mut type_docs = match &def.kind {
            TypeKind::Alias(ty) => self.shown(&def.docs, ty),
            _ => def.docs.clone(),
        };
        if !docs::has_text(&type_docs) {
            type_docs.description = Some(docs::type_summary(self.names, def));
        }
        let mut doc = docs::doc(&type_docs);
        if is_root_name(&name) {
            // `types::Error` beside `crate::Error`: say which is which.
            doc.lines.push(String::new());
            doc.lines.push(format!(
                " This is a type of the API's document; the SDK's own [`{name}`](crate::{name}) is another item."
            ));
        }
        let body = match &def.kind {
            TypeKind::Struct(s) => TypeBody::Struct(self.struct_item(id, s)),
            TypeKind::Enum(e) => TypeBody::Enum(self.enum_item(id, e)),
            TypeKind::Untagged(variants) => TypeBody::Union(self.union_item(id, variants)),
            TypeKind::Tagged(t) => TypeBody::Tagged(self.tagged_item(id, t)),
            TypeKind::Alias(ty) => TypeBody::Alias(self.rust_type(ty)),
        };
        TypeItem { name, pointer: def.pointer.clone(), doc, cfg: self.plan.types[id.0].clone(), body }
    }

    fn struct_item(&self, id: TypeId, s: &Struct) -> StructItem {
        let names = &self.names.structs[id.0];
        let fields: Vec<FieldItem> = s
            .fields
            .iter()
            .zip(&names.fields)
            .zip(&names.setters)
            .map(|((f, name), setter)| self.field_item(f, name, setter.as_deref()))
            .collect();
        let flattened = s.variant.as_ref().zip(names.flattened.as_ref()).map(|(variant, name)| FlattenedField {
            name: name.clone(),
            ty: self.rust_type(&variant.ty),
            doc: Doc {
                lines: vec![match fields.is_empty() {
                    true => " Which of the shapes the object takes.".to_owned(),
                    false => " Which of the shapes the object takes: its fields sit beside the ones above.".to_owned(),
                }],
                deprecated: None,
            },
        });
        let required = fields.iter().filter(|f| f.presence.is_required()).count();
        let inits: Vec<Init> = s
            .fields
            .iter()
            .map(|f| match (self.constant_variant(f), f.presence.is_required()) {
                (Some((ty, variant)), _) => Init::Constant { ty, variant },
                (None, true) => Init::Arg,
                (None, false) => Init::None,
            })
            .collect();
        let mut args: Vec<(String, RustType)> = fields
            .iter()
            .zip(&inits)
            .filter(|(_, init)| **init == Init::Arg)
            .map(|(f, _)| (f.name.clone(), f.ty.clone()))
            .collect();
        let default = args.is_empty() && flattened.is_none();
        args.extend(flattened.iter().map(|v| (v.name.clone(), v.ty.clone())));
        StructItem {
            fields,
            extra: names.extra.clone(),
            constructor: Constructor { args, inits, many: required > 7 },
            default,
            serde: if flattened.is_some() { StructSerde::Flattened } else { StructSerde::Runtime },
            flattened,
        }
    }

    fn field_item(&self, f: &Field, name: &str, setter: Option<&str>) -> FieldItem {
        let value = self.value_type(f);
        let ty = match f.presence {
            Presence::Required => value.clone(),
            Presence::RequiredNullable | Presence::Optional => RustType::Option(Box::new(value.clone())),
            Presence::OptionalNullable => RustType::Option(Box::new(RustType::Option(Box::new(value.clone())))),
        };
        let setter = setter.map(|setter| Setter {
            name: setter.to_owned(),
            takes: self.field_value(f),
            // The field carries the documentation; the setter points at it (and shares its deprecation).
            doc: Doc {
                lines: vec![format!(" Sets [`{name}`](Self::{name}).")],
                deprecated: f.docs.deprecated.as_ref().map(|d| d.note.clone()),
            },
        });
        FieldItem {
            name: name.to_owned(),
            wire: f.wire_name.clone(),
            ty,
            value,
            presence: f.presence,
            boxed: f.boxed,
            doc: docs::doc_or(&self.shown(&f.docs, &f.ty), self.api, self.names, &f.ty, Some(f.presence)),
            setter,
        }
    }

    /// A field's value type, boxed if it closes a cycle (without the `Option`s of its presence).
    pub(super) fn value_type(&self, f: &Field) -> RustType {
        let ty = self.field_value(f);
        if f.boxed {
            RustType::Box(Box::new(ty))
        } else {
            ty
        }
    }

    /// The single value of a one-value string enum, which a constructor fills in by itself:
    /// the enum's name and that variant's.
    pub(super) fn constant_variant(&self, field: &Field) -> Option<(String, String)> {
        let TypeRef::Named(id) = &field.ty else { return None };
        let id = resolved_id(self.api, *id);
        match (&self.api.ty(id).kind, field.presence, field.boxed) {
            (TypeKind::Enum(e), Presence::Required, false) if e.values.len() == 1 => {
                Some((self.names.ty(id).to_owned(), self.names.variants[id.0][0].clone()))
            }
            _ => None,
        }
    }

    fn enum_item(&self, id: TypeId, e: &StringEnum) -> EnumItem {
        let names = &self.names.variants[id.0];
        EnumItem { variants: names.iter().cloned().zip(e.values.iter().cloned()).collect() }
    }

    fn union_item(&self, id: TypeId, variants: &[crate::ir::UnionVariant]) -> UnionItem {
        let names = &self.names.variants[id.0];
        let items: Vec<UnionVariant> = variants
            .iter()
            .zip(names)
            .map(|(v, name)| UnionVariant {
                name: name.clone(),
                ty: self.rust_type(&v.ty),
                boxed: v.boxed,
                doc: docs::doc_or(&self.shown(&v.docs, &v.ty), self.api, self.names, &v.ty, None),
                fit: self.api.fit(&v.ty),
                sources: v.sources.clone(),
            })
            .collect();
        let listed = variants.iter().zip(names).map(|(v, name)| (name.as_str(), &v.ty, v.boxed));
        UnionItem { froms: self.froms(listed), large: large(variants.iter().map(|v| &v.ty)), variants: items }
    }

    fn tagged_item(&self, id: TypeId, t: &TaggedUnion) -> TaggedItem {
        let names = &self.names.variants[id.0];
        let variants = t
            .variants
            .iter()
            .zip(names)
            .map(|(v, name)| TaggedVariant {
                name: name.clone(),
                ty: self.rust_type(&v.ty),
                boxed: v.boxed,
                tags: v.tags.clone(),
                sources: v.sources.clone(),
            })
            .collect();
        let listed = t.variants.iter().zip(names).map(|(v, name)| (name.as_str(), &v.ty, v.boxed));
        TaggedItem {
            tag: t.tag.clone(),
            variants,
            froms: self.froms(listed),
            large: large(t.variants.iter().map(|v| &v.ty)),
        }
    }

    /// `From` impls for variants whose type no other variant shares (through aliases too, as
    /// two impls for one Rust type would clash), plus `From<&str>` for a lone string variant.
    fn froms<'v>(&self, variants: impl Iterator<Item = (&'v str, &'v TypeRef, bool)>) -> Vec<FromImpl> {
        let variants: Vec<(&str, &TypeRef, bool)> = variants.collect();
        let canonical: Vec<TypeRef> = variants.iter().map(|(_, ty, _)| canonical(self.api, ty, 0)).collect();
        // Counted by the Rust type as written, after the format mappings and whatever codec reads
        // it: a `byte` string kept as `String` and a plain string are one type, as are decimal
        // text and a decimal number, and two impls for one type would clash.
        let rust: Vec<String> = canonical.iter().map(|ty| self.rust_type(ty).path(&[])).collect();
        let unique = |ty: &String| rust.iter().filter(|other| *other == ty).count() == 1;
        variants
            .iter()
            .zip(&canonical)
            .zip(&rust)
            .filter(|(_, rust)| unique(rust))
            .map(|(pair, _)| pair)
            .map(|((variant, ty, boxed), real)| FromImpl {
                variant: (*variant).to_owned(),
                from: self.rust_type(ty),
                boxed: *boxed,
                from_str: *real == TypeRef::Primitive(Primitive::String),
            })
            .collect()
    }
}

/// Unions hold the document's alternatives as they are: a struct variant may be much larger than
/// a string one, and boxing it would burden every `match` for a few bytes, so that lint is allowed
/// on unions with a struct variant.
fn large<'a>(mut variants: impl Iterator<Item = &'a TypeRef>) -> bool {
    variants.any(|ty| matches!(ty, TypeRef::Named(_)))
}

/// The type `ty` is in Rust once aliases are seen through (`pub type Id = String` is `String`).
pub(super) fn canonical(api: &crate::ir::Api, ty: &TypeRef, depth: usize) -> TypeRef {
    match ty {
        TypeRef::Named(id) if depth < 32 => match &api.ty(*id).kind {
            TypeKind::Alias(target) => canonical(api, target, depth + 1),
            _ => ty.clone(),
        },
        TypeRef::Array(item) => TypeRef::Array(Box::new(canonical(api, item, depth + 1))),
        TypeRef::Map(value) => TypeRef::Map(Box::new(canonical(api, value, depth + 1))),
        TypeRef::Nullable(inner) => TypeRef::Nullable(Box::new(canonical(api, inner, depth + 1))),
        _ => ty.clone(),
    }
}
