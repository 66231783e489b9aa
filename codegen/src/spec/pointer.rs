//! JSON pointers: building them, and finding the line a pointer names in the document's text.
//!
//! Line lookup is only needed for diagnostics, so it is done lazily, per pointer, over the text:
//! exact for JSON (a small structural scanner), indentation-based for block-style YAML (falls back
//! to the nearest enclosing node it can find, e.g. for flow-style `{ ... }` mappings).

use super::Format;

/// Escapes one pointer segment (`~` → `~0`, `/` → `~1`).
pub fn escape_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

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
        let segments: Vec<String> = pointer.split('/').skip(1).map(unescape_segment).collect();
        let offset = match self.format {
            Format::Json => json::locate(self.text.as_bytes(), &segments),
            Format::Yaml => yaml::locate(self.text, &segments),
        }?;
        Some(self.text[..offset].bytes().filter(|&b| b == b'\n').count() + 1)
    }
}

mod json {
    //! Walks JSON text by structure, skipping values it does not descend into.

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

    /// Offset of the value at `segments`, or of the deepest ancestor found.
    pub(super) fn locate(text: &[u8], segments: &[String]) -> Option<usize> {
        let mut at = skip_ws(text, 0);
        for segment in segments {
            match text.get(at) {
                Some(b'{') => {
                    let mut i = skip_ws(text, at + 1);
                    let mut found = None;
                    while text.get(i) == Some(&b'"') {
                        let key_end = skip_string(text, i);
                        let key: String = serde_json::from_slice(&text[i..key_end]).ok()?;
                        let colon = skip_ws(text, key_end);
                        let value = skip_ws(text, colon + 1);
                        if key == *segment {
                            found = Some((i, value));
                            break;
                        }
                        i = skip_ws(text, skip_value(text, value));
                        if text.get(i) == Some(&b',') {
                            i = skip_ws(text, i + 1);
                        }
                    }
                    let (_key_at, value_at) = found?;
                    at = value_at;
                }
                Some(b'[') => {
                    let index: usize = segment.parse().ok()?;
                    let mut i = skip_ws(text, at + 1);
                    for _ in 0..index {
                        i = skip_ws(text, skip_value(text, i));
                        if text.get(i) != Some(&b',') {
                            return Some(at);
                        }
                        i = skip_ws(text, i + 1);
                    }
                    at = i;
                }
                _ => return Some(at),
            }
        }
        Some(at)
    }
}

mod yaml {
    //! Finds block-style YAML keys by indentation.

    struct Line<'a> {
        offset: usize,
        indent: usize,
        /// Content after indentation and any `- ` sequence markers.
        content: &'a str,
        /// Indentation of the content (after `- ` markers).
        content_indent: usize,
        is_item: bool,
    }

    fn lines(text: &str) -> Vec<Line<'_>> {
        let mut out = Vec::new();
        let mut offset = 0;
        for raw in text.split_inclusive('\n') {
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
            if !content.is_empty() && !content.starts_with('#') || is_item {
                out.push(Line { offset, indent, content, content_indent, is_item });
            }
            offset += raw.len();
        }
        out
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

    /// Offset of the line holding the node at `segments`, or of the deepest ancestor found.
    pub(super) fn locate(text: &str, segments: &[String]) -> Option<usize> {
        let lines = lines(text);
        // The block being searched: lines (start..) whose indentation is deeper than `parent_indent`.
        let mut start = 0usize;
        let mut parent_indent: Option<usize> = None;
        let mut found_offset = 0usize;
        for segment in segments {
            let deeper = |line: &Line| parent_indent.is_none_or(|p| line.content_indent > p);
            let in_block =
                |line: &Line| parent_indent.is_none_or(|p| line.indent > p || line.content_indent > p && line.is_item);
            let mut hit = None;
            if let Ok(index) = segment.parse::<usize>() {
                let mut seen = 0usize;
                for (i, line) in lines.iter().enumerate().skip(start) {
                    if !in_block(line) {
                        break;
                    }
                    if line.is_item && deeper(line) {
                        let item_indent = line.indent;
                        if lines[start..i].iter().all(|l| l.indent >= item_indent) {
                            if seen == index {
                                hit = Some(i);
                                break;
                            }
                            seen += 1;
                        }
                    }
                }
            } else {
                let mut key_indent: Option<usize> = None;
                for (i, line) in lines.iter().enumerate().skip(start) {
                    if !in_block(line) {
                        break;
                    }
                    if !deeper(line) {
                        continue;
                    }
                    let indent = *key_indent.get_or_insert(line.content_indent);
                    if line.content_indent == indent && key_of(line.content).as_deref() == Some(segment) {
                        hit = Some(i);
                        break;
                    }
                }
            }
            let i = match hit {
                Some(hit) => hit,
                None => return Some(found_offset),
            };
            found_offset = lines[i].offset;
            // A sequence item's own keys sit on its line (indented like the item's first key):
            // search from there; a mapping's keys follow on the next lines, deeper than the key.
            let item = lines[i].is_item && segment.parse::<usize>().is_ok();
            start = if item { i } else { i + 1 };
            parent_indent = Some(if item { lines[i].indent } else { lines[i].content_indent });
        }
        Some(found_offset)
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
        assert_eq!(index.line_of("/missing"), None);
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
    fn escapes_segments() {
        assert_eq!(escape_segment("/a~b"), "~1a~0b");
        assert_eq!(unescape_segment("~1a~0b"), "/a~b");
    }
}
