//! Text → [`Document`]: YAML or JSON, with the line and JSON pointer of the first thing that does
//! not fit the model.

use super::{escape_segment, Document};
use crate::diagnostics::{Diagnostic, Severity};

/// The syntax of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON, read with serde_json.
    Json,
    /// YAML, read with serde_yaml.
    Yaml,
}

impl Format {
    /// JSON when the file name says so or the text starts with `{`; YAML otherwise.
    pub fn detect(file: &str, text: &str) -> Format {
        if file.ends_with(".json") || text.trim_start().starts_with('{') {
            Format::Json
        } else {
            Format::Yaml
        }
    }
}

/// Parses `text` (named `file` in diagnostics) into a [`Document`].
pub fn load(file: &str, text: &str) -> Result<Document, Diagnostic> {
    let format = Format::detect(file, text);
    let located = |line: Option<usize>, pointer: String, message: String| Diagnostic {
        severity: Severity::Error,
        file: file.to_owned(),
        line,
        pointer,
        message,
    };
    match format {
        Format::Json => {
            let mut de = serde_json::Deserializer::from_str(text);
            serde_path_to_error::deserialize(&mut de).map_err(|err| {
                let pointer = pointer_of(err.path());
                let inner = err.into_inner();
                located(Some(inner.line()), pointer, format!("invalid document: {inner}"))
            })
        }
        Format::Yaml => {
            let de = serde_yaml::Deserializer::from_str(text);
            serde_path_to_error::deserialize(de).map_err(|err| {
                let pointer = pointer_of(err.path());
                let inner = err.into_inner();
                let line = inner.location().map(|l| l.line());
                located(line, pointer, format!("invalid document: {inner}"))
            })
        }
    }
}

/// serde_path_to_error's path as a JSON pointer.
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        pointer.push('/');
        match segment {
            Segment::Seq { index } => pointer.push_str(&index.to_string()),
            Segment::Map { key } => pointer.push_str(&escape_segment(key)),
            Segment::Enum { variant } => pointer.push_str(&escape_segment(variant)),
            Segment::Unknown => pointer.push('?'),
        }
    }
    pointer
}
