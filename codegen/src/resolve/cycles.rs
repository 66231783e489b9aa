//! Breaks recursive types: a field or variant whose type can reach back to its container without
//! passing through a `Vec` or a map is boxed. Strongly connected components (Tarjan) make this one
//! linear pass over the type graph.

use crate::ir::{TypeDef, TypeKind, TypeRef};

/// The type a use of `ty` contains inline (not behind a `Vec` or map), if it is a generated one.
fn inline_target(ty: &TypeRef) -> Option<usize> {
    match ty {
        TypeRef::Named(id) => Some(id.0),
        _ => None,
    }
}

fn edges(def: &TypeDef) -> Vec<usize> {
    match &def.kind {
        // A flattened union sits inline too: a cycle through it is boxed at its other edges.
        TypeKind::Struct(s) => {
            s.fields.iter().map(|f| &f.ty).chain(s.variant.as_ref().map(|v| &v.ty)).filter_map(inline_target).collect()
        }
        TypeKind::Untagged(vs) => vs.iter().filter_map(|v| inline_target(&v.ty)).collect(),
        TypeKind::Tagged(t) => t.variants.iter().filter_map(|v| inline_target(&v.ty)).collect(),
        TypeKind::Alias(ty) => inline_target(ty).into_iter().collect(),
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// Component index of every type (iterative Tarjan, so deep graphs cannot overflow the stack).
fn components(graph: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = graph.len();
    let (mut index, mut low, mut comp) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
    let mut on_stack = vec![false; n];
    let (mut stack, mut next_index, mut next_comp) = (Vec::new(), 0, 0);
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some((v, edge)) = work.pop() {
            if edge == 0 {
                index[v] = next_index;
                low[v] = next_index;
                next_index += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = graph[v].get(edge) {
                work.push((v, edge + 1));
                if index[w] == UNSEEN {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = next_comp;
                    if w == v {
                        break;
                    }
                }
                next_comp += 1;
            }
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
        }
    }
    comp
}

/// Sets `boxed` on every field and variant that closes a cycle.
pub(super) fn box_cycles(types: &mut [TypeDef]) {
    let graph: Vec<Vec<usize>> = types.iter().map(edges).collect();
    let comp = components(&graph);
    for (i, def) in types.iter_mut().enumerate() {
        let cyclic = |ty: &TypeRef| inline_target(ty).is_some_and(|t| comp[t] == comp[i]);
        match &mut def.kind {
            TypeKind::Struct(s) => s.fields.iter_mut().for_each(|f| f.boxed = cyclic(&f.ty)),
            TypeKind::Untagged(vs) => vs.iter_mut().for_each(|v| v.boxed = cyclic(&v.ty)),
            TypeKind::Tagged(t) => t.variants.iter_mut().for_each(|v| v.boxed = cyclic(&v.ty)),
            TypeKind::Alias(_) | TypeKind::Enum(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::components;

    #[test]
    fn finds_cycles_and_leaves_chains_alone() {
        // 0 → 1 → 2 → 0 is a cycle; 3 → 0 is not part of it; 4 → 4 is a self-loop.
        let graph = vec![vec![1], vec![2], vec![0], vec![0], vec![4]];
        let comp = components(&graph);
        assert_eq!(comp[0], comp[1]);
        assert_eq!(comp[1], comp[2]);
        assert_ne!(comp[3], comp[0]);
        assert_ne!(comp[4], comp[0]);
    }
}
