//! Numbers: the value of a number as written (`6,538`, `1.2`, `twenty-five`,
//! `one hundred and three`, `a third`, `2/3`, `18th`, `twice`), read with the pack's
//! number lexicons. Nothing here knows English words; the lexicons do.

use crate::compile::{NumberSettings, Rules};

/// Separators news writes inside digits: comma, space, thin and non-breaking spaces.
fn is_digit_separator(c: char) -> bool {
    matches!(c, ',' | ' ' | '\u{00A0}' | '\u{2009}' | '\u{202F}' | '\'')
}

/// The value of a number written in digits or words, or None if it is not one.
pub fn parse(rules: &Rules, n: &NumberSettings, text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if text.contains(|c: char| c.is_ascii_digit()) {
        parse_digits(rules, n, text)
    } else {
        parse_words(rules, n, text)
    }
}

fn parse_digits(rules: &Rules, n: &NumberSettings, text: &str) -> Option<f64> {
    if let Some((a, b)) = text.split_once('/') {
        let (a, b) = (parse_digits(rules, n, a)?, parse_digits(rules, n, b)?);
        return (b != 0.0).then(|| a / b);
    }
    let mut digits = String::with_capacity(text.len());
    let mut rest = "";
    for (i, c) in text.char_indices() {
        match c {
            '0'..='9' | '.' => digits.push(c),
            '-' | '−' | '–' if digits.is_empty() => digits.push('-'),
            '+' if digits.is_empty() => {}
            c if is_digit_separator(c)
                && text[i + c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit()) => {}
            _ => {
                rest = text[i..].trim();
                break;
            }
        }
    }
    let mut value: f64 = digits.parse().ok()?;
    // Letters after the digits: a scale (`3bn`, `1.2 million`) or an ordinal suffix.
    if !rest.is_empty() {
        if let Some(scale) = lexicon_value(rules, n.scales, rest) {
            value *= scale;
        } else if !rest.chars().all(|c| c.is_ascii_alphabetic()) || rest.len() > 2 {
            return None;
        }
    }
    Some(value)
}

fn lexicon_value(rules: &Rules, lexicon: usize, word: &str) -> Option<f64> {
    rules
        .lexicon(lexicon)
        .lookup(word)?
        .canonical
        .as_deref()?
        .parse()
        .ok()
}

fn opt_value(rules: &Rules, lexicon: Option<usize>, word: &str) -> Option<f64> {
    lexicon.and_then(|l| lexicon_value(rules, l, word))
}

fn parse_words(rules: &Rules, n: &NumberSettings, text: &str) -> Option<f64> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut seen = false;
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|t| !t.is_empty())
        .collect();
    for (i, tok) in tokens.iter().enumerate() {
        let last = i + 1 == tokens.len();
        if n.joiners
            .is_some_and(|j| rules.lexicon(j).lookup(tok).is_some())
            && seen
        {
            continue;
        }
        if let Some(v) = lexicon_value(rules, n.words, tok) {
            if v == 100.0 {
                current = if current == 0.0 {
                    100.0
                } else {
                    current * 100.0
                };
            } else {
                current += v;
            }
        } else if let Some(v) = lexicon_value(rules, n.scales, tok) {
            let base = if current == 0.0 { 1.0 } else { current };
            total += base * v;
            current = 0.0;
        } else if let Some(v) = opt_value(rules, n.article, tok) {
            current += v;
        } else if let Some(v) = opt_value(rules, n.ordinals, tok) {
            if v == 100.0 || v >= 1000.0 {
                let base = if current == 0.0 { 1.0 } else { current };
                current = base * v;
            } else {
                current += v;
            }
        } else if let Some(f) = opt_value(rules, n.fractions, tok).filter(|_| last) {
            let numerator = if total + current == 0.0 {
                1.0
            } else {
                total + current
            };
            return Some(numerator * f);
        } else if let Some(v) = opt_value(rules, n.multipliers, tok) {
            current += v;
        } else {
            return None;
        }
        seen = true;
    }
    seen.then_some(total + current)
}

/// The lemma of a counted noun: irregular plurals from the lexicon, else the pack's
/// suffix rewrites (`countries` → `country`), else the word itself. Keeps the case of
/// the word (`Cambodians` → `Cambodian`).
pub fn lemma(rules: &Rules, n: &NumberSettings, word: &str) -> String {
    if let Some(canonical) = n
        .irregular_plurals
        .and_then(|l| rules.lexicon(l).lookup(word))
        .and_then(|e| e.canonical.clone())
    {
        return canonical;
    }
    let lower = word.to_lowercase();
    for (suffix, replacement) in &n.plural_suffixes {
        if lower.ends_with(suffix.as_str()) && lower.len() > suffix.len() + 1 {
            let stem = &word[..word.len() - suffix.len()];
            return format!("{stem}{replacement}");
        }
    }
    word.to_string()
}
