//! Problems found in a document: where (file, line, JSON pointer) and what, collected so one run
//! reports them all.

use std::fmt;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation went on with a documented fallback (usually `serde_json::Value`).
    Warning,
    /// Generation cannot produce correct code.
    Error,
}

/// One problem, located in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Warning or error.
    pub severity: Severity,
    /// The document's file name as given to the generator.
    pub file: String,
    /// 1-based line, when it could be found.
    pub line: Option<usize>,
    /// JSON pointer of the offending node (`/components/schemas/Foo`), empty for the root.
    pub pointer: String,
    /// Lowercase, no trailing period, naming the construct as written.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.line {
            Some(line) => write!(f, "{}:{line}: {severity}: {}", self.file, self.message)?,
            None => write!(f, "{}: {severity}: {}", self.file, self.message)?,
        }
        write!(f, " (at #{})", self.pointer)
    }
}

/// Collects diagnostics while resolving; lines are filled in once, at the end.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records an error at `pointer`.
    pub fn error(&mut self, pointer: &str, message: impl Into<String>) {
        self.push(Severity::Error, pointer, message.into());
    }

    /// Records a warning at `pointer`.
    pub fn warning(&mut self, pointer: &str, message: impl Into<String>) {
        self.push(Severity::Warning, pointer, message.into());
    }

    fn push(&mut self, severity: Severity, pointer: &str, message: String) {
        self.items.push(Diagnostic { severity, file: String::new(), line: None, pointer: pointer.to_owned(), message });
    }

    /// Whether any error was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// The diagnostics, located in `file` using `lines`, sorted by position then message.
    pub fn finish(self, file: &str, lines: &crate::spec::LineIndex) -> Vec<Diagnostic> {
        let mut items = self.items;
        let pointers: Vec<&str> = items.iter().map(|d| d.pointer.as_str()).collect();
        let found = lines.lines_of(&pointers);
        for (item, line) in items.iter_mut().zip(found) {
            item.file = file.to_owned();
            item.line = line;
        }
        items.sort_by(|a, b| (a.line, &a.pointer, &a.message).cmp(&(b.line, &b.pointer, &b.message)));
        items.dedup();
        items
    }
}
