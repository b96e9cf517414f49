//! Lexicon files: one entry per line, `surface => canonical key=value …`.
//!
//! ```text
//! # units of mass
//! tonnes => tonne dim=mass
//! metric tons => tonne dim=mass
//! kg
//! ```
//! Lines starting with `#` and blank lines are skipped. The canonical form and tags
//! are optional. Surfaces may hold several words separated by spaces.

use super::Origin;
use crate::diagnostics::Diagnostic;

/// One line of a lexicon.
#[derive(Debug, Clone)]
pub struct Entry {
    pub surface: String,
    pub canonical: Option<String>,
    pub tags: Vec<(String, String)>,
    /// 1-based line in the lexicon file (or in the YAML list).
    pub line: usize,
}

impl Entry {
    pub fn tag(&self, key: &str) -> Option<&str> {
        self.tags
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses a lexicon file, reporting malformed lines and duplicate surfaces.
pub fn parse(
    origin: &Origin,
    case_sensitive: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Entry> {
    let text = &origin.file.text;
    let mut entries: Vec<Entry> = Vec::new();
    let mut seen = std::collections::HashMap::new();
    let mut offset = 0;
    for (i, raw) in text.split('\n').enumerate() {
        let line_start = offset;
        offset += raw.len() + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let lead = raw.len() - raw.trim_start().len();
        let at = line_start + lead..line_start + lead + line.len();
        let (surface, rest) = match line.split_once("=>") {
            Some((s, r)) => (s.trim(), Some(r.trim())),
            None => (line, None),
        };
        if surface.is_empty() {
            diagnostics.push(Diagnostic::at(
                "empty-entry",
                origin.range(at),
                "lexicon entry has no surface form before `=>`",
            ));
            continue;
        }
        let (canonical, tags) = match rest {
            None => (None, Vec::new()),
            Some(r) => {
                let mut words = r.split_whitespace();
                let canonical = match words.next() {
                    Some(w) if !w.contains('=') => Some(w.to_string()),
                    _ => {
                        diagnostics.push(Diagnostic::at(
                            "empty-entry",
                            origin.range(at.clone()),
                            "lexicon entry has `=>` but no canonical form after it",
                        ));
                        continue;
                    }
                };
                let mut tags = Vec::new();
                let mut canonical = canonical;
                for w in words {
                    match w.split_once('=') {
                        Some((k, v)) if !k.is_empty() => tags.push((k.to_string(), v.to_string())),
                        _ => {
                            // A canonical form may have several words ("percentage point").
                            if let Some(c) = canonical.as_mut() {
                                if tags.is_empty() {
                                    c.push(' ');
                                    c.push_str(w);
                                    continue;
                                }
                            }
                            diagnostics.push(
                                Diagnostic::at(
                                    "bad-tag",
                                    origin.range(at.clone()),
                                    format!("malformed tag `{w}`"),
                                )
                                .with_help("tags are written key=value after the canonical form"),
                            );
                        }
                    }
                }
                (canonical, tags)
            }
        };
        let surface: String = surface.split_whitespace().collect::<Vec<_>>().join(" ");
        let key = if case_sensitive {
            surface.clone()
        } else {
            surface.to_ascii_lowercase()
        };
        if let Some(first) = seen.insert(key, i + 1) {
            diagnostics.push(
                Diagnostic::at(
                    "duplicate-entry",
                    origin.range(at),
                    format!("`{surface}` is listed twice"),
                )
                .with_help(format!("first listed on line {first}")),
            );
            continue;
        }
        entries.push(Entry {
            surface,
            canonical,
            tags,
            line: i + 1,
        });
    }
    entries
}
