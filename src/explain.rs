//! Explain: why a rule made what it made, or why it made nothing, for `claimkit explain`.
//!
//! Extraction keeps only what the output contract needs. To explain it, this module
//! runs one rule again, on its own, over every window its scope gives it in a
//! document (each sentence; the text after each quotation's closing mark; the
//! sentence before each opening mark; the paragraph before a quotation that opens
//! one; the whole text) and reports every match with its named captures and the
//! constraint that rejected it, if one did. Whether a surviving match became output
//! is then read off the real extraction: a match that produced nothing lost to a rule
//! tried before it, or to the engine's checks (a speaker that is not one). The windows
//! follow the extraction's own; they are recomputed here rather than exposed from it,
//! so the extraction stays free of bookkeeping that only explaining needs.

use std::ops::Range;

use crate::compile::{Rule, Rules};
use crate::pack::Scope;

/// How far past a closing mark an `after-quote` rule looks, as in extraction.
const AFTER_WINDOW: usize = 300;
/// How much of the paragraph before a quote a `paragraph-before` rule reads.
const PARAGRAPH_WINDOW: usize = 400;

/// One match of a rule's pattern, in byte offsets of the document.
#[derive(Debug, Clone)]
pub struct RuleMatch {
    pub whole: Range<usize>,
    /// Named captures that took part in the match, in pattern order.
    pub captures: Vec<(String, Range<usize>)>,
    /// The first `where:` constraint the match fails, described (`noun: not-in scale`).
    pub failed: Option<String>,
}

/// What one rule finds in a text when run alone.
#[derive(Debug, Clone)]
pub struct RuleRun {
    /// How many windows the rule's scope gave it.
    pub windows: usize,
    pub matches: Vec<RuleMatch>,
}

/// Runs `rule` alone over the windows of its scope in `text`.
pub fn run_rule(rules: &Rules, rule: &Rule, text: &str) -> RuleRun {
    let windows = windows(rules, rule.scope, text);
    let mut matches = Vec::new();
    for w in &windows {
        // Extraction takes every match of a `text` rule, and the first of the others.
        let every = rule.scope == Scope::Text;
        for (whole, groups) in pattern_matches(rule, &text[w.clone()], every) {
            let shift = |r: Range<usize>| w.start + r.start..w.start + r.end;
            let captures: Vec<(String, Range<usize>)> =
                groups.into_iter().map(|(n, r)| (n, shift(r))).collect();
            let failed = failed_constraint(rules, rule, text, &captures);
            matches.push(RuleMatch {
                whole: shift(whole),
                captures,
                failed,
            });
        }
    }
    RuleRun {
        windows: windows.len(),
        matches,
    }
}

/// The matches of a rule's pattern in `hay` (all of them, or the first): each the
/// whole match and its named groups, in pattern order. The one place that speaks the
/// regex engine's API.
fn pattern_matches(rule: &Rule, hay: &str, every: bool) -> Vec<MatchGroups> {
    if !every {
        return rule
            .regex
            .captures(hay)
            .map(|caps| {
                let groups = caps.iter().map(|(n, g)| (n.to_string(), g.range()));
                (caps.whole().range(), groups.collect())
            })
            .into_iter()
            .collect();
    }
    let Some(regex) = rule.regex.regex() else {
        return Vec::new();
    };
    let one = |caps: regex::Captures| {
        let whole = caps.get(0).map_or(0..0, |m| m.range());
        let groups = regex
            .capture_names()
            .flatten()
            .filter_map(|n| caps.name(n).map(|m| (n.to_string(), m.range())))
            .collect();
        (whole, groups)
    };
    regex.captures_iter(hay).map(one).collect()
}

/// A whole match and its named groups.
type MatchGroups = (Range<usize>, Vec<(String, Range<usize>)>);

/// The first constraint of `rule` that a match fails, described.
fn failed_constraint(
    rules: &Rules,
    rule: &Rule,
    text: &str,
    captures: &[(String, Range<usize>)],
) -> Option<String> {
    rule.constraints.iter().find_map(|(group, c)| {
        let (_, range) = captures.iter().find(|(n, _)| n == group)?;
        let text = &text[range.clone()];
        (!c.holds(rules, text)).then(|| {
            format!(
                "`{group}: {{ {}: {} }}` fails on “{text}”",
                c.keyword(),
                rules.lexicon(c.lexicon()).name
            )
        })
    })
}

/// The lexicon entries a piece of text is, or holds as a word:
/// (lexicon, surface as listed, canonical form).
pub fn lexicon_entries(rules: &Rules, text: &str) -> Vec<(String, String, Option<String>)> {
    let mut out = Vec::new();
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.'))
        .filter(|w| !w.is_empty())
        .collect();
    for lex in &rules.lexicons {
        let mut seen = Vec::new();
        for piece in std::iter::once(text).chain(words.iter().copied()) {
            if let Some(e) = lex.lookup(piece) {
                if !seen.contains(&e.surface) {
                    seen.push(e.surface.clone());
                    out.push((lex.name.clone(), e.surface.clone(), e.canonical.clone()));
                }
            }
        }
    }
    out
}

/// The rule with `id`, written with or without the pack's name (`en/x` or `x`).
pub fn find_rule<'r>(rules: &'r Rules, id: &str) -> Option<&'r Rule> {
    let full = if id.contains('/') {
        id.to_string()
    } else {
        format!("{}/{id}", rules.name())
    };
    rules.rules().iter().find(|r| r.id == full)
}

/// The windows a rule of `scope` is matched against, as extraction forms them.
fn windows(rules: &Rules, scope: Scope, text: &str) -> Vec<Range<usize>> {
    let segments = crate::segment::segment(text, rules.sentence_ends());
    let quotes = match &rules.quotes {
        Some(q)
            if matches!(
                scope,
                Scope::AfterQuote | Scope::BeforeQuote | Scope::ParagraphBefore
            ) =>
        {
            crate::quotes::find_quotes(text, &segments, q)
        }
        _ => Vec::new(),
    };
    let floor = |i: usize| crate::extract::floor_boundary(text, i);
    match scope {
        Scope::Text => std::iter::once(0..text.len()).collect(),
        Scope::Sentence => segments.sentences.iter().map(|s| s.range.clone()).collect(),
        Scope::AfterQuote => quotes
            .iter()
            .filter_map(|q| {
                let close = q.close.as_ref()?;
                let para = &segments.paragraphs[q.paragraph];
                Some(close.end..floor((close.end + AFTER_WINDOW).min(para.end)))
            })
            .collect(),
        Scope::BeforeQuote => quotes
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let sentence = segments
                    .sentence_at(q.open.start)
                    .map_or(q.open.start, |s| segments.sentences[s].range.start);
                let mut start = sentence.min(q.open.start);
                if let Some(prev) = i.checked_sub(1).map(|p| &quotes[p]) {
                    if let (true, Some(c)) = (prev.paragraph == q.paragraph, &prev.close) {
                        start = start.max(c.end).min(q.open.start);
                    }
                }
                start..q.open.start
            })
            .collect(),
        Scope::ParagraphBefore => quotes
            .iter()
            .filter(|q| {
                let para = &segments.paragraphs[q.paragraph];
                q.paragraph > 0 && text[para.start..q.open.start].trim().is_empty()
            })
            .map(|q| {
                let prev = segments.paragraphs[q.paragraph - 1].clone();
                floor(prev.end.saturating_sub(PARAGRAPH_WINDOW).max(prev.start))..prev.end
            })
            .collect(),
    }
}
