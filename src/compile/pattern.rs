//! Patterns: regexes that may name lexicons and defined pieces as `@name`.
//!
//! `\b` becomes an ASCII word boundary (see below). `@cue-verb` expands to the alternation of the lexicon's entries, `@speaker` to the
//! (recursively expanded) text of `define: { speaker: … }`. A `\@` is a literal `@`.
//! Expansion reports the byte range of an unknown or cyclic reference inside the
//! pattern as written, so the diagnostic underlines it in the YAML.

use std::collections::HashMap;
use std::sync::Mutex;

/// A reference that could not be expanded.
#[derive(Debug)]
pub struct ExpandError {
    pub range: std::ops::Range<usize>,
    pub message: String,
}

/// Named pieces a pattern may refer to.
pub struct Pieces<'a> {
    pub lexicons: HashMap<&'a str, String>,
    pub defines: HashMap<&'a str, &'a str>,
    /// The pack's scripts, which narrow category classes such as `\p{L}`.
    pub scripts: Option<super::scripts::Scripts>,
    /// Each define as expanded with lexicon placeholders, kept from the first pattern
    /// that needs it for the others (most rules share a few long defines).
    pub expanded: Mutex<HashMap<&'a str, String>>,
    /// The defines a rule's pattern may hold as placeholder characters, spliced in
    /// after parsing (see `super::defines`).
    pub spliced: HashMap<&'a str, char>,
}

impl<'a> Pieces<'a> {
    /// Expands every `@name` in `pattern`.
    pub fn expand(&self, pattern: &str) -> Result<String, ExpandError> {
        self.expand_inner(pattern, &mut Vec::new(), None, false)
    }

    /// Expands every `@name`, writing lexicon `i` (in the order of `ids`) as the one
    /// character `backtrack::LEXICON_BASE + i`, not as the regex of its entries. Each
    /// define is expanded once (see `expanded`), so every call passes the same `ids`.
    pub fn expand_with_placeholders(
        &self,
        pattern: &str,
        ids: &HashMap<String, usize>,
    ) -> Result<String, ExpandError> {
        self.expand_inner(pattern, &mut Vec::new(), Some(ids), false)
    }

    /// [`Pieces::expand_with_placeholders`], writing each define of `spliced` as its
    /// placeholder character, not as its text.
    pub fn expand_spliced(
        &self,
        pattern: &str,
        ids: &HashMap<String, usize>,
    ) -> Result<String, ExpandError> {
        self.expand_inner(pattern, &mut Vec::new(), Some(ids), true)
    }

    /// A define already expanded with lexicon placeholders (the other form is not kept).
    fn known_expansion(
        &self,
        name: &str,
        placeholders: Option<&HashMap<String, usize>>,
    ) -> Option<String> {
        placeholders?;
        let expanded = self.expanded.lock().unwrap_or_else(|p| p.into_inner());
        expanded.get(name).cloned()
    }

    fn remember_expansion(
        &self,
        name: &'a str,
        inner: &str,
        placeholders: Option<&HashMap<String, usize>>,
    ) {
        if placeholders.is_some() {
            let mut expanded = self.expanded.lock().unwrap_or_else(|p| p.into_inner());
            expanded.insert(name, inner.to_string());
        }
    }

    fn expand_inner(
        &self,
        pattern: &str,
        stack: &mut Vec<String>,
        placeholders: Option<&HashMap<String, usize>>,
        splice: bool,
    ) -> Result<String, ExpandError> {
        let mut out = String::with_capacity(pattern.len());
        let bytes = pattern.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            if c == b'\\'
                && i + 1 < bytes.len()
                && bytes[i + 1] == b'b'
                && bytes.get(i + 2) != Some(&b'{')
            {
                // `\b` is an ASCII word boundary. The regex crate's DFAs give up on a
                // Unicode one as soon as the text is not ASCII (curly quotes, €, names
                // with accents), falling back to an engine 10–50× slower; news words next
                // to a boundary are ASCII, and `\p{L}` classes still see every letter.
                out.push_str("(?-u:\\b)");
                i += 2;
                continue;
            }
            if let Some((len, class)) = self.scripts.as_ref().and_then(|s| s.narrow_at(pattern, i))
            {
                out.push_str(&class);
                i += len;
                continue;
            }
            if c == b'\\' && i + 1 < bytes.len() {
                // Keep escapes whole, so `\@` stays a literal.
                let ch_len = pattern[i + 1..].chars().next().map_or(1, char::len_utf8);
                out.push_str(&pattern[i..i + 1 + ch_len]);
                i += 1 + ch_len;
                continue;
            }
            if c == b'@' && i + 1 < bytes.len() && bytes[i + 1].is_ascii_lowercase() {
                let end = i
                    + 1
                    + pattern[i + 1..]
                        .bytes()
                        .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
                        .count();
                // A trailing hyphen belongs to the regex, not the name (`@unit-`).
                let end = if pattern[..end].ends_with('-') {
                    end - 1
                } else {
                    end
                };
                let name = &pattern[i + 1..end];
                let range = i..end;
                let placeholder = placeholders
                    .and_then(|ids| ids.get(name))
                    .and_then(|&i| char::from_u32(super::backtrack::LEXICON_BASE + i as u32));
                let spliced = self.spliced.get(name).filter(|_| splice);
                if let Some(&c) = placeholder.as_ref().or(spliced) {
                    out.push(c);
                } else if let Some(alt) = self.lexicons.get(name) {
                    out.push_str(alt);
                } else if let Some((name, def)) = self.defines.get_key_value(name) {
                    let inner = match self.known_expansion(name, placeholders) {
                        Some(inner) => inner,
                        None => {
                            if stack.iter().any(|s| s == name) {
                                return Err(ExpandError {
                                    range,
                                    message: format!(
                                        "`@{name}` refers to itself (through {})",
                                        stack.join(" → ")
                                    ),
                                });
                            }
                            stack.push(name.to_string());
                            let inner = self
                                .expand_inner(def, stack, placeholders, false)
                                .map_err(|e| ExpandError {
                                    range: range.clone(),
                                    message: format!("in `@{name}`: {}", e.message),
                                })?;
                            stack.pop();
                            self.remember_expansion(name, &inner, placeholders);
                            inner
                        }
                    };
                    out.push_str("(?:");
                    out.push_str(&inner);
                    out.push(')');
                } else {
                    return Err(ExpandError {
                        range,
                        message: format!("unknown lexicon or define `@{name}`"),
                    });
                }
                i = end;
                continue;
            }
            let ch_len = pattern[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&pattern[i..i + ch_len]);
            i += ch_len;
        }
        Ok(out)
    }
}

/// The byte range of the group named `name` in a pattern as written, for diagnostics.
pub fn find_group(pattern: &str, name: &str) -> Option<std::ops::Range<usize>> {
    for open in ["(?<", "(?P<"] {
        let needle = format!("{open}{name}>");
        if let Some(i) = pattern.find(&needle) {
            return Some(i..i + needle.len());
        }
    }
    None
}
