//! Deprecation notes taken from descriptions, for documents that say why an item is deprecated
//! only in prose ("Deprecated: use X." / "NB: Deprecated in favour of Y."). A convention of some
//! documents, not of OpenAPI, so it runs only when [`crate::Settings`] asks for it; a document
//! can always say it exactly with `x-deprecated-message`.

use crate::ir::{Api, Docs, TypeKind};

/// Gives every deprecated item without a note the first sentence of its description, when that
/// description starts by saying it is deprecated.
pub fn notes_from_descriptions(api: &mut Api) {
    for def in &mut api.types {
        fill(&mut def.docs);
        match &mut def.kind {
            TypeKind::Struct(s) => s.fields.iter_mut().for_each(|f| fill(&mut f.docs)),
            TypeKind::Untagged(variants) => variants.iter_mut().for_each(|v| fill(&mut v.docs)),
            TypeKind::Enum(_) | TypeKind::Tagged(_) | TypeKind::Alias(_) => {}
        }
    }
    for op in &mut api.operations {
        fill(&mut op.docs);
        op.params.iter_mut().for_each(|p| fill(&mut p.docs));
        if let Some(body) = &mut op.body {
            fill(&mut body.docs);
        }
    }
}

fn fill(docs: &mut Docs) {
    if let Some(deprecation) = docs.deprecated.as_mut().filter(|d| d.note.is_none()) {
        deprecation.note = note(docs.description.as_deref());
    }
}

/// The description's first sentence, if the description starts by saying "deprecated".
fn note(description: Option<&str>) -> Option<String> {
    let text = description?.trim();
    let lower = text.to_ascii_lowercase();
    if !(lower.starts_with("deprecated") || lower.starts_with("nb: deprecated")) {
        return None;
    }
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    Some(text[..end].split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::note;

    #[test]
    fn the_first_sentence_of_a_deprecating_description_is_the_note() {
        assert_eq!(
            note(Some("NB: Deprecated in favour of tool_calls. Old.")).as_deref(),
            Some("NB: Deprecated in favour of tool_calls.")
        );
        assert_eq!(note(Some("Deprecated:   use   X")).as_deref(), Some("Deprecated: use X"));
        assert_eq!(note(Some("The model to use.")), None);
        assert_eq!(note(None), None);
    }
}
