//! Class placeholders: each distinct Unicode character class of a pack's patterns is
//! translated once, not once per pattern that writes it.
//!
//! A narrowed `\p{L}` (see `super::scripts`) is an intersection of Unicode tables with
//! hundreds of ranges, and the defines that use it (a name, a word, a speaker) are
//! expanded into most of the pack's patterns. Translating it anew in every pattern,
//! and in each half of a split one, was most of start-up. Before a pattern is parsed,
//! each outermost class that names a Unicode class (`[…\p{…}…]`, `\p{…}`, `\w`, `\d`,
//! `\s` and their negations) is replaced by a placeholder, the private-use character
//! `CLASS_BASE + K` alone in an unnamed group, which the backtracking compiler turns
//! into that class, read from [`ClassPlaceholders`]; [`ClassPlaceholders::restore`]
//! writes the class text back wherever a pattern is handed to the regex crate. In a
//! group, not bare: the parser would join the characters of an alternation into a
//! class, which the compiler would read as a class of private-use characters.
//!
//! A placeholder is kept only where it means the same as the class: a pattern that
//! sets flags (`(?i)`, `(?x)`, `(?-u)`) other than the ASCII word boundaries the
//! expander writes is left as written.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, RwLock};

use regex_syntax::hir::{Class, HirKind};

/// Class `k` is written `(c)`, `c` being the character `CLASS_BASE + k` (plane 16's
/// private use; the lexicons' placeholders are in plane 15's).
const CLASS_BASE: u32 = 0x10_0000;
const MAX_CLASSES: u32 = 0xFFFE;

type SharedRanges = Arc<[(char, char)]>;

/// The Unicode classes of a pack's patterns, each translated once, by their text.
#[derive(Debug, Default)]
pub struct ClassPlaceholders {
    known: RwLock<Known>,
}

#[derive(Debug, Default)]
struct Known {
    /// Placeholder number by class text; `None`: the text gets no placeholder.
    by_text: HashMap<String, Option<u32>>,
    /// Each placeholder's class text and ranges.
    classes: Vec<(String, SharedRanges)>,
}

impl ClassPlaceholders {
    /// `pattern` with its Unicode classes replaced by placeholders, or `None` where it
    /// keeps them (no such class, flags set, a class the scan cannot close).
    pub fn substitute(&self, pattern: &str) -> Option<String> {
        if sets_flags(pattern) {
            return None;
        }
        let spans = outer_classes(pattern)?;
        let mut out = String::with_capacity(pattern.len());
        let mut done = 0;
        for span in spans {
            let text = &pattern[span.clone()];
            if !names_unicode_class(text) {
                continue;
            }
            let Some(c) = self.number_of(text).and_then(placeholder_char) else {
                continue;
            };
            out.push_str(&pattern[done..span.start]);
            push_placeholder(&mut out, c);
            done = span.end;
        }
        if done == 0 {
            return None;
        }
        out.push_str(&pattern[done..]);
        Some(out)
    }

    /// The placeholder number of a class's text, translating it the first time.
    fn number_of(&self, text: &str) -> Option<u32> {
        if let Some(known) = self.read().by_text.get(text) {
            return *known;
        }
        let ranges = translate(text);
        let mut known = self.known.write().unwrap_or_else(|e| e.into_inner());
        if let Some(raced) = known.by_text.get(text) {
            return *raced;
        }
        let number = match ranges {
            Some(ranges) => {
                known.classes.push((text.to_string(), ranges.into()));
                Some(known.classes.len() as u32 - 1)
            }
            _ => None,
        };
        known.by_text.insert(text.to_string(), number);
        number
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Known> {
        self.known.read().unwrap_or_else(|e| e.into_inner())
    }

    /// The class a placeholder character stands for.
    pub fn number(c: char) -> Option<u32> {
        (c as u32)
            .checked_sub(CLASS_BASE)
            .filter(|&k| k < MAX_CLASSES)
    }

    /// The ranges of class `k`.
    pub fn ranges(&self, k: u32) -> Option<SharedRanges> {
        self.read()
            .classes
            .get(k as usize)
            .map(|(_, r)| Arc::clone(r))
    }

    /// `pattern` with each placeholder written back as the class it stands for.
    pub fn restore(&self, pattern: &str) -> String {
        let known = self.read();
        rewrite_placeholders(pattern, |c, out| {
            match Self::number(c).and_then(|k| known.classes.get(k as usize)) {
                Some((text, _)) => {
                    out.push_str(text);
                    true
                }
                None => false,
            }
        })
    }
}

/// The placeholder character of class `k`.
fn placeholder_char(k: u32) -> Option<char> {
    char::from_u32(CLASS_BASE + k).filter(|_| k < MAX_CLASSES)
}

/// Writes a placeholder character, a lexicon's or a class's, as the pattern holds it:
/// alone in an unnamed group, `(c)`.
pub(super) fn push_placeholder(out: &mut String, c: char) {
    out.push('(');
    out.push(c);
    out.push(')');
}

/// `pattern` with each placeholder group `(c)` replaced by what `write(c, out)` writes;
/// a group it refuses (returns false, writing nothing) stays as it is.
pub(super) fn rewrite_placeholders(
    pattern: &str,
    mut write: impl FnMut(char, &mut String) -> bool,
) -> String {
    let mut out = String::with_capacity(pattern.len() + 64);
    let mut rest = pattern;
    while let Some(at) = rest.find('(') {
        out.push_str(&rest[..at]);
        let inside = &rest[at + 1..];
        let mut chars = inside.chars();
        match (chars.next(), chars.next()) {
            (Some(c), Some(')')) if write(c, &mut out) => rest = &inside[c.len_utf8() + 1..],
            _ => {
                out.push('(');
                rest = inside;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The ranges of a class written alone, if it is a class of several characters.
fn translate(text: &str) -> Option<Vec<(char, char)>> {
    let hir = regex_syntax::parse(text).ok()?;
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => {
            let ranges = class.ranges().iter().map(|r| (r.start(), r.end()));
            Some(ranges.collect())
        }
        _ => None,
    }
}

/// Whether a pattern sets flags anywhere, other than in the ASCII word boundaries
/// `(?-u:\b)` and `(?-u:\B)`: groups open with `(?:`, `(?<name>` or `(?P<name>` only.
pub fn sets_flags(pattern: &str) -> bool {
    pattern.match_indices("(?").any(|(i, _)| {
        let rest = &pattern[i + 2..];
        !(rest.starts_with([':', '<'])
            || rest.starts_with("P<")
            || rest.starts_with(r"-u:\b)")
            || rest.starts_with(r"-u:\B)"))
    })
}

/// Whether a class's text names a Unicode class: `\p`, `\P`, `\w`, `\d`, `\s` or a
/// negation of one.
fn names_unicode_class(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'\\' && b"pPwWdDsS".contains(&w[1]))
}

/// The byte ranges of a pattern's outermost classes, in order; `None` if a bracket
/// is never closed.
fn outer_classes(pattern: &str) -> Option<Vec<Range<usize>>> {
    let bytes = pattern.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                let end = escape_end(bytes, i);
                if matches!(bytes.get(i + 1), Some(c) if b"pPwWdDsS".contains(c)) {
                    found.push(i..end);
                }
                i = end;
            }
            b'[' => {
                let end = bracket_end(bytes, i)?;
                found.push(i..end);
                i = end;
            }
            _ => i += 1,
        }
    }
    Some(found)
}

/// Where the escape at `i` (`\x`, `\p{…}`, `\pL`, `\x{…}`) ends.
fn escape_end(bytes: &[u8], i: usize) -> usize {
    let after = i + 2;
    match bytes.get(i + 1) {
        None => bytes.len(),
        Some(b'p' | b'P' | b'x' | b'u' | b'U') if bytes.get(after) == Some(&b'{') => bytes[after..]
            .iter()
            .position(|&b| b == b'}')
            .map_or(bytes.len(), |close| after + close + 1),
        Some(b'p' | b'P') => after + 1,
        // A multi-byte character escaped: its continuation bytes are no syntax.
        Some(_) => after,
    }
}

/// Where the bracketed class opening at `i` ends (just after its `]`), nested classes
/// included; a `]` first in a class (after an optional `^`) is a literal.
fn bracket_end(bytes: &[u8], i: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = i;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j = escape_end(bytes, j),
            b'[' => {
                depth += 1;
                j += 1;
                if bytes.get(j) == Some(&b'^') {
                    j += 1;
                }
                if bytes.get(j) == Some(&b']') {
                    j += 1;
                }
            }
            b']' => {
                depth -= 1;
                j += 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => j += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The class a substituted pattern's one placeholder stands for.
    fn placeholder_ranges(substituted: &str, table: &ClassPlaceholders) -> Vec<(char, char)> {
        let k = substituted
            .chars()
            .find_map(ClassPlaceholders::number)
            .unwrap();
        table.ranges(k).unwrap().to_vec()
    }

    #[test]
    fn a_placeholder_stands_for_its_class_and_restores_to_its_text() {
        let table = ClassPlaceholders::default();
        for class in [
            r"[\p{L}'-]",
            r"[^\p{L}\s]",
            r"\p{Lu}",
            r"\pL",
            r"\w",
            r"[\p{L}&&[\x00-\x7F\p{Latin}]]",
            r"[[:alpha:]\d]",
            r"[]\p{N}]",
        ] {
            let pattern = format!("a{class}b");
            let substituted = table.substitute(&pattern).unwrap();
            assert_ne!(substituted, pattern, "{class}");
            assert_eq!(table.restore(&substituted), pattern);
            let alone = regex_syntax::parse(class).unwrap();
            let HirKind::Class(Class::Unicode(want)) = alone.kind() else {
                panic!()
            };
            let want: Vec<_> = want.ranges().iter().map(|r| (r.start(), r.end())).collect();
            assert_eq!(placeholder_ranges(&substituted, &table), want, "{class}");
        }
    }

    #[test]
    fn only_unicode_classes_outside_flags_get_placeholders() {
        let table = ClassPlaceholders::default();
        for kept in [r"[abc]+", r"(?i)\p{L}+", r"(?x) \w+", r"(?-u)\w", r"[\p{L}"] {
            assert_eq!(table.substitute(kept), None, "{kept}");
        }
        let escaped = table.substitute(r"\[\p{L}").unwrap();
        let first = placeholder_char(0).unwrap();
        assert_eq!(escaped, format!(r"\[({first})"));
        assert_eq!(table.restore(&escaped), r"\[\p{L}");
        assert!(table.substitute(r"(?-u:\b)\p{L}+(?<g>\d)").is_some());
    }

    #[test]
    fn one_text_is_one_placeholder() {
        let table = ClassPlaceholders::default();
        let a = table.substitute(r"\p{L}+ \p{L}").unwrap();
        let b = table.substitute(r"x\p{L}").unwrap();
        let first = char::from_u32(CLASS_BASE).unwrap();
        assert_eq!(a, format!("({first})+ ({first})"));
        assert_eq!(b, format!("x({first})"));
        assert!(regex_syntax::parse(&a).is_ok());
        assert_eq!(table.restore(r"\((x)"), r"\((x)");
    }
}
