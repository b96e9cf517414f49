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
use crate::diagnostics::{Diagnostic, Location};

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

/// One line of lexicon text and where it is written.
pub struct Line<'a> {
    pub text: &'a str,
    /// 1-based line in the file the text is written in.
    pub number: usize,
    /// Where the text is written; problems with the entry point here.
    pub location: Location,
}

/// The entry lines of a lexicon file.
pub fn file_lines(origin: &Origin) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for (i, raw) in origin.file.text.split('\n').enumerate() {
        let start = offset + (raw.len() - raw.trim_start().len());
        offset += raw.len() + 1;
        let text = raw.trim();
        lines.push(Line {
            text,
            number: i + 1,
            location: origin.range(start..start + text.len()),
        });
    }
    lines
}

/// Parses lexicon lines, reporting malformed lines and duplicate surfaces where written.
pub fn parse<'a>(
    lines: impl IntoIterator<Item = Line<'a>>,
    case_sensitive: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for line in lines {
        if line.text.is_empty() || line.text.starts_with('#') {
            continue;
        }
        let (surface, canonical, tags) = match parse_entry(line.text) {
            Ok(parts) => parts,
            Err((code, message)) => {
                let help = "an entry is `surface`, or `surface => canonical key=value …`";
                diagnostics.push(Diagnostic::at(code, line.location, message).with_help(help));
                continue;
            }
        };
        let key = if case_sensitive {
            surface.clone()
        } else {
            surface.to_ascii_lowercase()
        };
        if let Some(first) = seen.insert(key, line.number) {
            diagnostics.push(
                Diagnostic::at(
                    "duplicate-entry",
                    line.location,
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
            line: line.number,
        });
    }
    entries
}

type Parts = (String, Option<String>, Vec<(String, String)>);

/// Splits `surface => canonical key=value …` into its parts.
fn parse_entry(line: &str) -> Result<Parts, (&'static str, String)> {
    let (surface, rest) = match line.split_once("=>") {
        Some((s, r)) => (s.trim(), Some(r.trim())),
        None => (line, None),
    };
    if surface.is_empty() {
        return Err((
            "empty-entry",
            "lexicon entry has no surface form before `=>`".into(),
        ));
    }
    let surface = surface.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(rest) = rest else {
        return Ok((surface, None, Vec::new()));
    };
    let mut words = rest.split_whitespace();
    let mut canonical = match words.next() {
        Some(w) if !w.contains('=') => w.to_string(),
        _ => {
            return Err((
                "empty-entry",
                "lexicon entry has `=>` but no canonical form after it".into(),
            ))
        }
    };
    let mut tags = Vec::new();
    for w in words {
        match w.split_once('=') {
            Some((k, v)) if !k.is_empty() => tags.push((k.to_string(), v.to_string())),
            // A canonical form may have several words ("percentage point").
            None if tags.is_empty() => {
                canonical.push(' ');
                canonical.push_str(w);
            }
            _ => {
                return Err((
                    "bad-tag",
                    format!("malformed tag `{w}`: tags are key=value, after the canonical form"),
                ))
            }
        }
    }
    Ok((surface, Some(canonical), tags))
}
