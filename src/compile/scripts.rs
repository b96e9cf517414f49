//! Scripts: the writing systems a pack's text is in (`scripts:` in `pack.yaml`).
//!
//! A Unicode category class such as `\p{L}`, `\p{Lu}` or `\w` holds the letters of
//! every script: hundreds of ranges, which compile to automata many times larger (and
//! slower to build and to run) than the Latin letters an English pack means. When a
//! pack names its scripts, each such class in its patterns and defines is narrowed to
//! ASCII and those scripts (plus the characters every script shares: punctuation,
//! digits, combining accents). `\p{L}` is written as if it were
//! `[\p{L}&&[\x00-\x7F\p{Latin}\p{Common}\p{Inherited}]]`, also inside brackets, so
//! `[^\p{L}]` then matches a Han character, which is no letter of the pack's scripts.
//! Classes that name a script (`\p{Han}`), `\P{…}` and everything else stay as written.
//! A pack without `scripts:` is compiled as written.

/// Category classes that get narrowed: letters, marks, numbers, word characters.
const CATEGORIES: &[&str] = &[
    "L",
    "Lu",
    "Ll",
    "Lt",
    "Lm",
    "Lo",
    "M",
    "Mn",
    "Mc",
    "N",
    "Nd",
    "Nl",
    "No",
    "Letter",
    "Mark",
    "Number",
    "Alphabetic",
    "Uppercase",
    "Lowercase",
];

/// What a narrowed class keeps, as the inside of a regex character class.
#[derive(Debug, Clone)]
pub struct Scripts {
    keep: String,
}

impl Scripts {
    /// The scripts named (Unicode script names, as in `\p{Script=Latin}`); the error
    /// names an unknown one.
    pub fn new(names: &[String]) -> Result<Scripts, String> {
        let mut keep = String::from(r"\x00-\x7F\p{Common}\p{Inherited}");
        for s in names {
            let one = format!(r"\p{{Script={s}}}");
            let plain = s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !plain || regex_syntax::parse(&one).is_err() {
                return Err(format!(
                    "unknown script `{s}` (a Unicode script name such as Latin, Greek, Cyrillic, Han)"
                ));
            }
            keep.push_str(&one);
        }
        Ok(Scripts { keep })
    }

    /// If `pattern[i..]` starts with a class escape to narrow (`\p{L}`, `\pL`, `\w`),
    /// its length and the narrowed class to write instead.
    pub fn narrow_at(&self, pattern: &str, i: usize) -> Option<(usize, String)> {
        let rest = &pattern[i..];
        let escape_len = if rest.starts_with(r"\w") {
            2
        } else if let Some(body) = rest.strip_prefix(r"\p{") {
            let name = &body[..body.find('}')?];
            if !CATEGORIES.contains(&name) {
                return None;
            }
            4 + name.len()
        } else if let Some(body) = rest.strip_prefix(r"\p") {
            let c = body.chars().next()?;
            if !"LMN".contains(c) {
                return None;
            }
            3
        } else {
            return None;
        };
        let escape = &rest[..escape_len];
        Some((escape_len, format!("[{escape}&&[{}]]", self.keep)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn narrowed(pattern: &str) -> regex::Regex {
        let scripts = Scripts::new(&["Latin".to_string()]).unwrap();
        let mut out = String::new();
        let mut i = 0;
        while i < pattern.len() {
            if let Some((len, class)) = scripts.narrow_at(pattern, i) {
                out.push_str(&class);
                i += len;
            } else {
                let c = pattern[i..].chars().next().unwrap();
                out.push(c);
                i += c.len_utf8();
            }
        }
        regex::Regex::new(&out).unwrap()
    }

    #[test]
    fn category_classes_keep_only_the_named_scripts() {
        let re = narrowed(r"^\p{Lu}[\p{L}\p{M}’'-]+$");
        assert!(re.is_match("Sánchez"));
        assert!(re.is_match("Łukasz"));
        assert!(re.is_match("O’Brien"));
        assert!(!re.is_match("Σωκράτης"));
        assert!(!re.is_match("sánchez"));
        assert!(narrowed(r"^\w+$").is_match("naïve"));
        assert!(!narrowed(r"^\w+$").is_match("漢字"));
    }

    #[test]
    fn other_classes_are_kept() {
        let re = narrowed(r"^[^“”]+ \p{Han}$");
        assert!(re.is_match("漢字 — € 😊 漢"));
        // Under `scripts: [Latin]`, a letter of another script is no letter.
        assert!(narrowed(r"^[^\p{L}]+$").is_match("漢字"));
        assert!(!narrowed(r"^\P{L}+$").is_match("漢字"));
    }

    #[test]
    fn unknown_scripts_are_named() {
        let err = Scripts::new(&["Klingon".to_string()]).unwrap_err();
        assert!(err.contains("Klingon"), "{err}");
    }
}
