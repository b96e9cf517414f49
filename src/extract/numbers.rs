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
    // A form listed whole in the number words ("'60s"), or a collective noun of a
    // fixed size ("trio").
    if let Some(v) =
        lexicon_value(rules, n.words, text).or_else(|| opt_value(rules, n.collectives, text))
    {
        return Some(v);
    }
    if text.contains(|c: char| c.is_ascii_digit()) {
        // Digits mixed with number words ("4 thousand 3 hundred and 21") are read as words.
        parse_digits(rules, n, text).or_else(|| parse_words(rules, n, text))
    } else {
        parse_words(rules, n, text)
    }
}

fn parse_digits(rules: &Rules, n: &NumberSettings, text: &str) -> Option<f64> {
    // A whole number and a fraction sign: "3½".
    if let Some(last) = text.chars().last().filter(|c| !c.is_ascii()) {
        let whole = &text[..text.len() - last.len_utf8()];
        if !whole.is_empty() && whole.bytes().all(|b| b.is_ascii_digit()) {
            let fraction = opt_value(rules, n.fractions, last.encode_utf8(&mut [0; 4]));
            if let Some(f) = fraction {
                return Some(whole.parse::<f64>().ok()? + f);
            }
        }
    }
    // A whole number and a fraction: "2 1/4".
    if let Some((whole, fraction)) = text.rsplit_once(char::is_whitespace) {
        if fraction.contains('/') && !whole.contains('/') {
            let whole = parse_digits(rules, n, whole)?;
            let fraction = parse_digits(rules, n, fraction)?;
            return Some(whole + fraction.copysign(whole));
        }
    }
    if let Some((a, b)) = text.split_once('/') {
        let (a, b) = (parse_digits(rules, n, a)?, parse_digits(rules, n, b)?);
        return (b != 0.0).then(|| a / b);
    }
    let mut digits = String::with_capacity(text.len());
    let mut rest = "";
    let comma = decimal_comma(text);
    for (i, c) in text.char_indices() {
        match c {
            '0'..='9' | '.' => digits.push(c),
            ',' if Some(i) == comma => digits.push('.'),
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
    // An exponent: `12.32e+14`, `2.5^-1` (the sign stays outside the power: `-2^2` = -4).
    if let Some((power, e)) = rest
        .strip_prefix(['e', 'E'])
        .map(|e| (false, e))
        .or_else(|| rest.strip_prefix('^').map(|e| (true, e)))
    {
        let e: i32 = e.strip_prefix('+').unwrap_or(e).parse().ok()?;
        return Some(if power {
            value.signum() * value.abs().powi(e)
        } else {
            value * 10f64.powi(e)
        });
    }
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

/// Where a comma is a decimal mark ("1,3", "5,00"): one comma after plain digits, then
/// one or two digits and no further group ("1,300", "12,34,567" keep their separators).
fn decimal_comma(text: &str) -> Option<usize> {
    let i = text.find(',')?;
    let whole = text[..i].trim_start_matches(['-', '+', '−', '–']);
    let after = &text[i + 1..];
    let decimals = after.chars().take_while(char::is_ascii_digit).count();
    let more = after[decimals..].starts_with(|c: char| c.is_ascii_digit() || c == ',' || c == '.');
    (!whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && (1..=2).contains(&decimals)
        && !more)
        .then_some(i)
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
    // A phrase listed whole: "time and a half", "two-fold".
    if let Some(v) = opt_value(rules, n.multipliers, text) {
        return Some(v);
    }
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|t| !t.is_empty())
        .collect();
    // "one over twenty": a quotient.
    if let Some(i) = tokens
        .iter()
        .position(|t| joiner_op(rules, n, t) == Some("divide"))
    {
        let (a, b) = (
            parse_tokens(rules, n, &tokens[..i])?,
            parse_tokens(rules, n, &tokens[i + 1..])?,
        );
        return (b != 0.0).then(|| a / b);
    }
    // "five and a quarter", "forty two and a third": a whole number, a joiner, then a
    // fraction is their sum (without the split, the fraction would take the whole as
    // its numerator).
    if tokens
        .last()
        .is_some_and(|t| opt_value(rules, n.fractions, t).is_some())
    {
        if let Some(i) = tokens
            .iter()
            .rposition(|t| joiner_op(rules, n, t) == Some(""))
        {
            let whole = &tokens[..i];
            // The fraction as written after the joiner, its hyphens kept ("two and a
            // half", "two-and-a-half").
            let joiner = tokens[i];
            let after = joiner.as_ptr() as usize - text.as_ptr() as usize + joiner.len();
            let fraction =
                text[after..].trim_start_matches(|c: char| c.is_whitespace() || c == '-');
            // The fraction of a mixed number is a proper one: "one hundred and thirty
            // fifths" is 130/5, not 100 + 30/5.
            let proper = parse_fraction(rules, n, fraction).filter(|f| f.abs() < 1.0);
            if let (false, Some(f)) = (whole.is_empty(), proper) {
                // "six million and a half": the fraction is of the last scale word.
                let of = whole
                    .last()
                    .and_then(|w| lexicon_value(rules, n.scales, w))
                    .unwrap_or(1.0);
                return Some(parse_tokens(rules, n, whole)? + of * f);
            }
        }
    }
    // "three twenty-firsts": a plural ordinal is a fraction's denominator; else the
    // words add up ("twenty-fifth" is a rank).
    tokens
        .last()
        .filter(|t| t.ends_with(['s', 'S']))
        .and_then(|_| parse_fraction(rules, n, text))
        .or_else(|| parse_tokens(rules, n, &tokens))
}

/// A fraction in words read as it is said: a numerator, then a denominator that is one
/// ordinal number ("three twenty-firsts", "one one hundred fifth", "a trillionth") or a
/// fraction word ("three-quarters"). The denominator is the longest run of words at the
/// end that reads as one ordinal and leaves a numerator; a hyphen or a joiner ("and")
/// binds the word after it to the numerator ("one hundred and thirty fifths" is 130/5,
/// "twenty-one hundredths" 21/100, "one hundred thirty fifths" 100/35). A singular
/// denominator takes only a numerator of one ("a fifth"; "three trillionth" is an
/// ordinal), and a denominator is at least three ("three seconds" is no fraction).
/// None if the text reads as no fraction.
pub fn parse_fraction(rules: &Rules, n: &NumberSettings, text: &str) -> Option<f64> {
    // Each word, and whether a joiner or a hyphen binds it to the word before (a
    // hyphen where the two make one number: "ninety - five", not "one - thirty").
    let mut tokens: Vec<(&str, bool)> = Vec::new();
    let (mut joined, mut hyphen) = (false, false);
    for word in text.split_whitespace() {
        for (i, part) in word.split('-').enumerate() {
            if part.is_empty() {
                hyphen = true;
                continue;
            }
            let compound = (hyphen || i > 0)
                && tokens
                    .last()
                    .is_some_and(|&(before, _)| parse_tokens(rules, n, &[before, part]).is_some());
            tokens.push((part, joined || compound));
            joined = joiner_op(rules, n, part) == Some("");
            hyphen = false;
        }
    }
    let ((last, _), numerator_and_run) = tokens.split_last()?;
    let words: Vec<&str> = tokens.iter().map(|t| t.0).collect();
    let ordinal = |w: &str| opt_value(rules, n.ordinals, w);
    let plural = last
        .strip_suffix(['s', 'S'])
        .filter(|w| ordinal(last).is_none() && ordinal(w).is_some());
    let Some(o) = plural.map_or_else(|| ordinal(last), ordinal) else {
        // A fraction word that is no ordinal: "three-quarters".
        let f = opt_value(rules, n.fractions, last)?;
        return Some(parse_tokens(rules, n, &words[..words.len() - 1])? * f);
    };
    let plural = plural.is_some();
    // The longest run that reads as one ordinal: it starts with a plain number word
    // that nothing binds, or is the last word alone.
    let plain = |w: &str| {
        rules
            .lexicon(n.words)
            .lookup(w)
            .is_some_and(|e| e.tag("multiply").is_none())
    };
    let last_index = numerator_and_run.len();
    let start = (1..=last_index).find(|&k| {
        parse_tokens(rules, n, &words[..k]).is_some()
            && (k == last_index
                || (!tokens[k].1
                    && plain(tokens[k].0)
                    && parse_tokens(rules, n, &words[k..last_index])
                        .is_some_and(|p| ordinal_sum(p, o).is_some())))
    })?;
    let denominator = if start == last_index {
        o
    } else {
        ordinal_sum(parse_tokens(rules, n, &words[start..last_index])?, o)?
    };
    let numerator = parse_tokens(rules, n, &words[..start])?;
    (denominator >= 3.0 && (plural || numerator.abs() == 1.0)).then(|| numerator / denominator)
}

/// A number word added to the words before it: a unit fills the ones of a tens word
/// ("twenty one"), a teen or tens word the tens and ones of a hundred ("hundred
/// twenty"). None for words that make no number together ("one one", "nineteen ninety").
fn place(current: f64, v: f64) -> Option<f64> {
    let room = if v < 10.0 { 10.0 } else { 100.0 };
    (current == 0.0 || v >= 100.0 || current % room == 0.0).then_some(current + v)
}

/// An ordinal after the number words before it, as one ordinal number: "thirty" then
/// "fifth" is 35, "one thousand" then "fifth" 1005, "three" then "trillionth" 3e12;
/// None where they make no such number ("three" then "fifth").
fn ordinal_sum(before: f64, ordinal: f64) -> Option<f64> {
    if ordinal == 100.0 || ordinal >= 1000.0 {
        return Some(before * ordinal);
    }
    (before > 0.0).then(|| place(before, ordinal))?
}

/// A joiner's operation: its canonical form (`neg`, `point`), or "" for a plain joiner
/// such as "and"; None if the word is no joiner.
fn joiner_op<'r>(rules: &'r Rules, n: &NumberSettings, word: &str) -> Option<&'r str> {
    let e = rules.lexicon(n.joiners?).lookup(word)?;
    Some(e.canonical.as_deref().unwrap_or(""))
}

fn parse_tokens(rules: &Rules, n: &NumberSettings, tokens: &[&str]) -> Option<f64> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut seen = false;
    let mut sign = 1.0;
    // Digits after a decimal "point", as written ("nought four" → "04").
    let mut decimals: Option<String> = None;
    let mut tens_before = false;
    let mut after_fraction = false;
    for (i, tok) in tokens.iter().enumerate() {
        let last = i + 1 == tokens.len();
        match joiner_op(rules, n, tok) {
            Some("neg") if !seen => {
                sign = -sign;
                continue;
            }
            Some("point") if seen && decimals.is_none() => {
                decimals = Some(String::new());
                continue;
            }
            Some(_) if seen => continue,
            _ => {}
        }
        let was_after_fraction = std::mem::take(&mut after_fraction);
        // Digits among number words ("4 thousand 3 hundred and 21").
        if decimals.is_none() && tok.starts_with(|c: char| c.is_ascii_digit()) {
            current += parse_digits(rules, n, tok)?;
            seen = true;
            continue;
        }
        // A fraction word after an article or "one" is a fraction ("and a fourth",
        // "one fifth"), else an ordinal ("twenty-fifth").
        let after_one = i > 0
            && (opt_value(rules, n.article, tokens[i - 1]).is_some() || total + current == 1.0);
        if after_one && last {
            if let Some(f) = opt_value(rules, n.fractions, tok) {
                return Some(sign * (total + current).max(1.0) * f);
            }
        }
        if let Some(d) = decimals.as_mut() {
            let v = lexicon_value(rules, n.words, tok)?;
            if v.fract() != 0.0 || v < 0.0 {
                return None;
            }
            // "seventy" then "one" is 71: a tens word leaves room for the unit.
            if tens_before && v > 0.0 && v < 10.0 {
                d.pop();
            }
            d.push_str(&format!("{}", v as u64));
            tens_before = (20.0..100.0).contains(&v) && v % 10.0 == 0.0;
            continue;
        }
        if let Some(e) = rules.lexicon(n.words).lookup(tok) {
            let v: f64 = e.canonical.as_deref()?.parse().ok()?;
            if e.tag("multiply").is_some() {
                // "hundred", "dozen": they multiply what comes before them.
                current = if current == 0.0 { v } else { current * v };
            } else {
                current = place(current, v)?;
            }
        } else if let Some(v) = lexicon_value(rules, n.scales, tok) {
            let base = if current == 0.0 { 1.0 } else { current };
            total += base * v;
            current = 0.0;
        } else if let Some(v) = opt_value(rules, n.article, tok) {
            // "half a dozen": the article after a fraction adds nothing.
            if !was_after_fraction {
                current += v;
            }
        } else if let Some(v) = opt_value(rules, n.ordinals, tok) {
            if v == 100.0 || v >= 1000.0 {
                let base = if current == 0.0 { 1.0 } else { current };
                current = base * v;
            } else {
                current = place(current, v)?;
            }
        } else if let Some(f) = opt_value(rules, n.fractions, tok) {
            let numerator = if total + current == 0.0 {
                1.0
            } else {
                total + current
            };
            if last {
                return Some(sign * numerator * f);
            }
            // "half a dozen", "a half-million": the fraction scales what follows.
            total = 0.0;
            current = numerator * f;
            after_fraction = true;
        } else if let Some(v) = opt_value(rules, n.multipliers, tok) {
            current += v;
        } else {
            return None;
        }
        seen = true;
    }
    if !seen {
        return None;
    }
    let mut value = total + current;
    if let Some(d) = decimals.filter(|d| !d.is_empty()) {
        value += format!("0.{d}").parse::<f64>().ok()?;
    }
    Some(sign * value)
}

/// The head of a counted-noun phrase (up to a few words after a number), as a range
/// of `phrase`: the phrase is cut before its first word that cannot be part of it
/// (`not-nouns`, scale, number and ordinal words), though a first `not-nouns` word
/// tagged `before-noun=yes` is passed over if a plural follows ("two such cases"); the
/// head is then the first lowercase plural, extended over the plurals right after it
/// ("resources experts"), else a capitalised plural ("Cambodians"), else the last word
/// when the number is one ("one vacant seat"), else the first word ("60 staff"), if
/// lowercase and, unless `compound` (a hyphen joins the phrase to the number), no verb
/// form in -ing or -ed. None if no word is left.
pub fn noun_head(
    rules: &Rules,
    n: &NumberSettings,
    phrase: &str,
    singular: bool,
    compound: bool,
) -> Option<std::ops::Range<usize>> {
    let mut words: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = None;
    // A first word tagged `before-noun` ("two such cases") is passed over; the head
    // must then be a plural.
    let mut passed_over = false;
    // Where the words after a joiner begin; they stay only if a plural is among them.
    let mut joined_at: Option<usize> = None;
    for (i, c) in phrase
        .char_indices()
        .chain(std::iter::once((phrase.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                let w = &phrase[s..i];
                let not_noun = n.not_nouns.and_then(|l| rules.lexicon(l).lookup(w));
                let before_noun = not_noun.is_some_and(|e| e.tag("before-noun") == Some("yes"));
                // So is one after a joiner ("4,300 provisional and overseas ballots").
                let opens_words = words.is_empty() || joined_at == Some(words.len());
                if before_noun && opens_words && !passed_over {
                    passed_over = true;
                    start = None;
                    continue;
                }
                // Adjectives joined before the noun ("26 northern and northeastern
                // provinces", "20,000 Myanmar and Chinese tourists"): the plural after
                // the joiner is the head. After a plural, the joiner ends the phrase
                // ("20 magazines and supplements" counts magazines).
                if rules.lists(n.list_joiners, w)
                    && !singular
                    && joined_at.is_none()
                    && !words.is_empty()
                    && !words
                        .iter()
                        .any(|r| is_plural_word(rules, n, &phrase[r.clone()]))
                    && i < phrase.len()
                {
                    joined_at = Some(words.len());
                    start = None;
                    continue;
                }
                // A past tense after a plural is the verb whose subject the count is
                // ("after 22 MLAs switched sides").
                let verb_after_plural = w.ends_with("ed")
                    && words
                        .last()
                        .is_some_and(|r| is_plural_word(rules, n, &phrase[r.clone()]));
                if not_noun.is_some()
                    || verb_after_plural
                    || rules.lists(Some(n.scales), w)
                    || rules.lists(Some(n.words), w)
                    || rules.lists(n.ordinals, w)
                {
                    break;
                }
                words.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    let is_plural = |r: &std::ops::Range<usize>| is_plural_word(rules, n, &phrase[r.clone()]);
    if let Some(j) = joined_at.filter(|&j| !words[j..].iter().any(is_plural)) {
        words.truncate(j);
    }
    let lower =
        |r: &std::ops::Range<usize>| phrase[r.clone()].starts_with(|c: char| c.is_lowercase());
    if let Some(i) = words.iter().position(|w| lower(w) && is_plural(w)) {
        let mut j = i;
        while j + 1 < words.len() && lower(&words[j + 1]) && is_plural(&words[j + 1]) {
            j += 1;
        }
        return Some(words[j].clone());
    }
    if let Some(w) = words.iter().find(|w| is_plural(w)) {
        return Some(w.clone());
    }
    if passed_over {
        return None;
    }
    // A participle after a singular noun is a clause on it ("One man killed himself"),
    // unless a hyphen joins it to the number.
    if singular && !compound {
        while words.len() > 1
            && words
                .last()
                .is_some_and(|w| phrase[w.clone()].ends_with("ed"))
        {
            words.pop();
        }
    }
    let head = if singular {
        words.last()
    } else {
        words.first()
    };
    // Many of a word in -ing or -ed are no noun ("with all 14 losing their deposits",
    // "hundreds more fled"), unless a hyphen joins it to the number ("two-pronged").
    let verb_form = |w: &std::ops::Range<usize>| {
        let w = &phrase[w.clone()];
        w.ends_with("ing") || w.ends_with("ed")
    };
    head.filter(|w| lower(w) && (singular || compound || !verb_form(w)))
        .cloned()
}

/// Whether a word is a plural: listed as an irregular one (not a singular in -s the
/// lexicon tags `number=singular`), or ending in -s with a lemma of its own.
pub(crate) fn is_plural_word(rules: &Rules, n: &NumberSettings, w: &str) -> bool {
    // The lexicon also lists singulars in -s ("cross", "bus"), tagged `number=singular`.
    match n.irregular_plurals.and_then(|l| rules.lexicon(l).lookup(w)) {
        Some(entry) => entry.tag("number") != Some("singular"),
        None => w.ends_with('s') && lemma(rules, n, w) != w,
    }
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
