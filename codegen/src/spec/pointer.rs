//! JSON pointers: building them, and finding the lines pointers name in the document's text.
//!
//! Line lookup is only needed for diagnostics, so it runs once, at the end, for all of them
//! together: one pass over the text that descends only into the nodes some pointer names (exact
//! for JSON, by indentation for block-style YAML, where a flow-style `{ ... }` node is found at its
//! key). Its cost is linear in the document however many diagnostics there are.

use super::Format;
use std::collections::{HashMap, HashSet};

/// Escapes one pointer segment (`~` → `~0`, `/` → `~1`).
pub fn escape_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
fn unescape_segment(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// The document's text, for pointer → line lookups.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    format: Format,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text` of the given format.
    pub fn new(text: &'a str, format: Format) -> Self {
        LineIndex { text, format }
    }

    /// 1-based line of the node at `pointer` (or of its nearest ancestor found), if any.
    pub fn line_of(&self, pointer: &str) -> Option<usize> {
        self.lines_of(&[pointer]).pop().flatten()
    }

    /// The line of each pointer's node (or of its nearest ancestor found), in one pass.
    pub fn lines_of(&self, pointers: &[&str]) -> Vec<Option<usize>> {
        // Every node on the way to a wanted one: the walk descends only into these.
        let mut wanted: HashSet<&str> = HashSet::new();
        for pointer in pointers {
            wanted.insert("");
            for (at, _) in pointer.match_indices('/').skip(1) {
                wanted.insert(&pointer[..at]);
            }
            wanted.insert(pointer);
        }
        let found = match self.format {
            Format::Json => json::index(self.text.as_bytes(), &wanted),
            Format::Yaml => yaml::index(self.text, &wanted),
        };
        let line_starts: Vec<usize> =
            std::iter::once(0).chain(self.text.match_indices('\n').map(|(at, _)| at + 1)).collect();
        let line_of_offset = |offset: usize| line_starts.partition_point(|&start| start <= offset);
        pointers
            .iter()
            .map(|pointer| {
                let mut pointer: &str = pointer;
                loop {
                    if let Some(&offset) = found.get(pointer) {
                        return Some(line_of_offset(offset));
                    }
                    pointer = &pointer[..pointer.rfind('/')?];
                }
            })
            .collect()
    }
}

mod json {
    //! Walks JSON text by structure, skipping values it does not descend into.

    use super::{escape_segment, HashMap, HashSet};

    fn skip_ws(text: &[u8], mut at: usize) -> usize {
        while at < text.len() && text[at].is_ascii_whitespace() {
            at += 1;
        }
        at
    }

    fn skip_string(text: &[u8], mut at: usize) -> usize {
        at += 1;
        while at < text.len() {
            match text[at] {
                b'\\' => at += 2,
                b'"' => return at + 1,
                _ => at += 1,
            }
        }
        at
    }

    fn skip_value(text: &[u8], at: usize) -> usize {
        let at = skip_ws(text, at);
        match text.get(at) {
            Some(b'"') => skip_string(text, at),
            Some(b'{') | Some(b'[') => {
                let mut depth = 0usize;
                let mut i = at;
                while i < text.len() {
                    match text[i] {
                        b'"' => {
                            i = skip_string(text, i);
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                return i + 1;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i
            }
            _ => {
                let mut i = at;
                while i < text.len() && !matches!(text[i], b',' | b'}' | b']') {
                    i += 1;
                }
                i
            }
        }
    }

    /// Offsets of the wanted nodes that exist.
    pub(super) fn index(text: &[u8], wanted: &HashSet<&str>) -> HashMap<String, usize> {
        let mut found = HashMap::new();
        walk(text, 0, String::new(), wanted, &mut found, 0);
        found
    }

    /// Records the value at `at` under `pointer` and descends into its wanted children; returns
    /// the offset after the value.
    fn walk(
        text: &[u8],
        at: usize,
        pointer: String,
        wanted: &HashSet<&str>,
        found: &mut HashMap<String, usize>,
        depth: usize,
    ) -> usize {
        let at = skip_ws(text, at);
        // Deeper than any real document nests: skipped rather than risking the stack.
        if depth > 256 {
            return skip_value(text, at);
        }
        let open = text.get(at).copied();
        found.insert(pointer.clone(), at);
        let (close, keyed) = match open {
            Some(b'{') => (b'}', true),
            Some(b'[') => (b']', false),
            _ => return skip_value(text, at),
        };
        let mut i = skip_ws(text, at + 1);
        let mut index = 0usize;
        while i < text.len() && text[i] != close {
            let segment = if keyed {
                let key_end = skip_string(text, i);
                let key: String = serde_json::from_slice(&text[i..key_end]).unwrap_or_default();
                i = skip_ws(text, key_end) + 1;
                escape_segment(&key)
            } else {
                index += 1;
                (index - 1).to_string()
            };
            let child = format!("{pointer}/{segment}");
            i = if wanted.contains(child.as_str()) {
                walk(text, i, child, wanted, found, depth + 1)
            } else {
                skip_value(text, i)
            };
            i = skip_ws(text, i);
            if text.get(i) == Some(&b',') {
                i = skip_ws(text, i + 1);
            } else {
                break;
            }
        }
        if text.get(i) == Some(&close) {
            i + 1
        } else {
            skip_value(text, at)
        }
    }
}

mod yaml {
    //! Finds block-style YAML nodes by indentation.

    use super::{escape_segment, HashMap, HashSet};

    struct Line<'a> {
        offset: usize,
        indent: usize,
        /// Content after indentation and any `- ` sequence markers.
        content: &'a str,
        /// Indentation of the content (after `- ` markers).
        content_indent: usize,
        is_item: bool,
    }

    fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
        let mut offset = 0;
        text.split_inclusive('\n').filter_map(move |raw| {
            let start = offset;
            offset += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            let indent = line.len() - line.trim_start_matches(' ').len();
            let mut content = &line[indent..];
            let mut content_indent = indent;
            let mut is_item = false;
            while let Some(rest) = content.strip_prefix("- ").or_else(|| (content == "-").then_some("")) {
                let spaces = rest.len() - rest.trim_start_matches(' ').len();
                content_indent += content.len() - rest.len() + spaces;
                content = &rest[spaces..];
                is_item = true;
            }
            let meaningful = !content.is_empty() && !content.starts_with('#') || is_item;
            meaningful.then_some(Line { offset: start, indent, content, content_indent, is_item })
        })
    }

    fn key_of(content: &str) -> Option<String> {
        let (key, _) = if let Some(rest) = content.strip_prefix('"') {
            let end = rest.find('"')?;
            return rest[end + 1..].trim_start().starts_with(':').then(|| rest[..end].to_owned());
        } else if let Some(rest) = content.strip_prefix('\'') {
            let end = rest.find('\'')?;
            return rest[end + 1..].trim_start().starts_with(':').then(|| rest[..end].to_owned());
        } else {
            content.split_once(':')?
        };
        Some(key.trim_end().to_owned())
    }

    /// An open node: a mapping key or a sequence item whose children may follow.
    struct Frame {
        /// `None` when no wanted pointer goes through it (its children are not recorded).
        pointer: Option<String>,
        /// Children are lines indented deeper than this (an item's marker, a key's column).
        indent: usize,
        is_item: bool,
        /// Items seen so far in a sequence under this node.
        items: usize,
    }

    /// Offsets of the lines holding the wanted nodes that exist (the first node wins where a
    /// key repeats).
    pub(super) fn index(text: &str, wanted: &HashSet<&str>) -> HashMap<String, usize> {
        let mut found = HashMap::new();
        found.insert(String::new(), 0);
        let root = Frame { pointer: Some(String::new()), indent: 0, is_item: false, items: 0 };
        let mut stack: Vec<Frame> = vec![root];
        let mut child = |stack: &mut Vec<Frame>, segment: &str, indent: usize, is_item: bool, offset: usize| {
            let parent = stack.last().and_then(|f| f.pointer.as_deref());
            let pointer = parent.map(|p| format!("{p}/{segment}")).filter(|p| wanted.contains(p.as_str()));
            if let Some(pointer) = &pointer {
                found.entry(pointer.clone()).or_insert(offset);
            }
            stack.push(Frame { pointer, indent, is_item, items: 0 });
        };
        for line in lines(text) {
            // Close the nodes this line is not inside. The root holds everything; a key's
            // sequence may sit at the key's own column (`key:` then `- item`).
            while stack.len() > 1 {
                let top = &stack[stack.len() - 1];
                let inside = line.indent > top.indent || line.is_item && !top.is_item && line.indent == top.indent;
                if inside {
                    break;
                }
                stack.pop();
            }
            if line.is_item {
                let Some(parent) = stack.last_mut() else { break };
                parent.items += 1;
                let index = (parent.items - 1).to_string();
                child(&mut stack, &index, line.indent, true, line.offset);
            }
            if let Some(key) = key_of(line.content) {
                child(&mut stack, &escape_segment(&key), line.content_indent, false, line.offset);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_json_lines() {
        let text = "{\n  \"a\": {\"x\": 1},\n  \"b\": [\n    1,\n    {\"c\": true}\n  ]\n}\n";
        let index = LineIndex::new(text, Format::Json);
        assert_eq!(index.line_of("/a"), Some(2));
        assert_eq!(index.line_of("/b/1/c"), Some(5));
        // A node that does not exist is found at its nearest ancestor (here the root).
        assert_eq!(index.line_of("/missing"), Some(1));
        assert_eq!(index.line_of("/b/7"), Some(3));
    }

    #[test]
    fn finds_yaml_lines() {
        let text = "a:\n  x: 1\n  # comment\n  y:\n    z: 2\nb:\n  - one\n  - name: two\n    k: v\nc: { d: 1 }\n";
        let index = LineIndex::new(text, Format::Yaml);
        assert_eq!(index.line_of("/a/y/z"), Some(5));
        assert_eq!(index.line_of("/b/1/k"), Some(9));
        assert_eq!(index.line_of("/b/0"), Some(7));
        // Flow mappings are located at their key.
        assert_eq!(index.line_of("/c/d"), Some(10));
        assert_eq!(index.line_of(""), Some(1));
    }

    #[test]
    fn many_pointers_resolve_in_one_pass_as_each_would_alone() {
        let yaml = "paths:\n  /a~b:\n    get:\n      x: 1\n  /c:\n    post:\n      - y: 2\n";
        let json = r#"{"paths": {"/a~b": {"get": {"x": 1}}, "/c": {"post": [{"y": 2}]}}}"#;
        let pointers = ["/paths/~1a~0b/get/x", "/paths/~1c/post/0/y", "/paths/~1c/nope", "/paths"];
        for (text, format) in [(yaml, Format::Yaml), (json, Format::Json)] {
            let index = LineIndex::new(text, format);
            let together = index.lines_of(&pointers);
            let alone: Vec<Option<usize>> = pointers.iter().map(|p| index.line_of(p)).collect();
            assert_eq!(together, alone, "{format:?}");
        }
        assert_eq!(LineIndex::new(yaml, Format::Yaml).lines_of(&pointers), [Some(4), Some(7), Some(5), Some(1)]);
    }

    #[test]
    fn escapes_segments() {
        assert_eq!(escape_segment("/a~b"), "~1a~0b");
        assert_eq!(unescape_segment("~1a~0b"), "/a~b");
    }
}
