//! Problems found in a rule pack, each pointing at the user's file.
//!
//! The loader and the compiler never stop at the first problem: they collect every
//! [`Diagnostic`] of a pack and return them together as a [`PackError`]. A diagnostic
//! knows its file, 1-based line and column, and the byte range it underlines, so it
//! renders in the style of rustc (through `annotate-snippets`) and serialises to JSON
//! for tools.

use std::fmt;
use std::sync::Arc;

use annotate_snippets::{Level, Renderer, Snippet};
use serde::Serialize;

/// A file of a rule pack, kept whole so diagnostics can quote it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user would type it (or `<builtin>/en/pack.yaml`).
    pub path: String,
    pub text: String,
    /// Where each line starts: loading asks for the line of every inline lexicon
    /// entry, and counting newlines from the top each time was quadratic.
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: String, text: String) -> SourceFile {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path,
            text,
            line_starts,
        }
    }

    /// Line and column (both 1-based, column in characters) of a byte offset.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let byte = floor_char_boundary(&self.text, byte.min(self.text.len()));
        let line = self.line_starts.partition_point(|&start| start <= byte);
        let line_start = self.line_starts[line - 1];
        (line, self.text[line_start..byte].chars().count() + 1)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Where in a pack file a problem lies: a byte range of that file.
#[derive(Debug, Clone)]
pub struct Location {
    pub file: Arc<SourceFile>,
    pub range: std::ops::Range<usize>,
}

/// How bad a problem is: an error stops the pack from loading, a warning does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

/// One problem in a rule pack.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// A stable code, e.g. `unknown-reference` or `invalid-regex`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The file the problem is in, as the user would type it.
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// What the underline says, if anything beyond the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip)]
    location: Option<Location>,
}

impl Diagnostic {
    /// A problem at a place in a pack file.
    pub fn at(code: &'static str, location: Location, message: impl Into<String>) -> Self {
        let (line, column) = location.file.line_col(location.range.start);
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            file: location.file.path.clone(),
            line,
            column,
            label: None,
            help: None,
            location: Some(location),
        }
    }

    /// A problem with a whole file (one that cannot be read, say).
    pub fn in_file(
        code: &'static str,
        file: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            file: file.into(),
            line: 0,
            column: 0,
            label: None,
            help: None,
            location: None,
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// The same problem as a warning: reported by `claimkit check`, never fatal.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Renders the diagnostic rustc-style, with colour when `styled`.
    pub fn render(&self, styled: bool) -> String {
        let title = format!("{} [{}]", self.message, self.code);
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let level = match self.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        };
        let word = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = level.title(&title);
        if let Some(loc) = &self.location {
            let end = loc
                .range
                .end
                .max(loc.range.start + 1)
                .min(loc.file.text.len());
            let start = loc.range.start.min(end);
            let mut annotation = level.span(start..end);
            if let Some(label) = &self.label {
                annotation = annotation.label(label);
            }
            message = message.snippet(
                Snippet::source(&loc.file.text)
                    .origin(&loc.file.path)
                    .fold(true)
                    .annotation(annotation),
            );
        } else {
            return format!(
                "{word}: {title}\n  --> {}{}",
                self.file,
                self.help
                    .as_ref()
                    .map(|h| format!("\n  = help: {h}"))
                    .unwrap_or_default()
            );
        }
        if let Some(help) = &self.help {
            message = message.footer(Level::Help.title(help));
        }
        let rendered = renderer.render(message).to_string();
        rendered
    }
}

impl Diagnostic {
    /// `warning: ` for a warning; errors keep the one-line form they always had.
    fn prefix(&self) -> &'static str {
        match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        }
    }
}

impl fmt::Display for Diagnostic {
    /// One line: `file:line:column: message [code]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {}{} [{}]",
                self.file,
                self.line,
                self.column,
                self.prefix(),
                self.message,
                self.code
            )
        } else {
            write!(
                f,
                "{}: {}{} [{}]",
                self.file,
                self.prefix(),
                self.message,
                self.code
            )
        }
    }
}

/// Every problem found in a rule pack; loading or compiling failed.
#[derive(Debug, Clone)]
pub struct PackError {
    pub diagnostics: Vec<Diagnostic>,
}

impl PackError {
    /// All diagnostics rendered rustc-style, one after another.
    pub fn render(&self, styled: bool) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            out.push_str(&d.render(styled));
            out.push_str("\n\n");
        }
        out.push_str(&format!(
            "error: the rule pack has {} problem{}",
            self.diagnostics.len(),
            if self.diagnostics.len() == 1 { "" } else { "s" }
        ));
        out
    }
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for PackError {}

#[cfg(test)]
mod tests {
    use super::SourceFile;

    #[test]
    fn line_and_column_of_offsets() {
        let file = SourceFile::new("f.yaml".into(), "ab\ncé x\n\nlast".into());
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(2), (1, 3), "the newline ends its own line");
        assert_eq!(file.line_col(3), (2, 1));
        assert_eq!(
            file.line_col(6),
            (2, 3),
            "columns count characters, not bytes"
        );
        assert_eq!(file.line_col(5), (2, 2), "inside a character: its start");
        assert_eq!(file.line_col(9), (3, 1));
        assert_eq!(file.line_col(10), (4, 1));
        assert_eq!(file.line_col(99), (4, 5), "past the end: the end");
    }
}
