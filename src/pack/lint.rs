//! Lints: problems in a pack that compiling does not catch because the pack would
//! still run, only not as its author meant. `claimkit check` reports them with the
//! compiler's diagnostics.
//!
//! - `never-fires` (error): a rule whose pattern can match no text at all (an empty
//!   lexicon in a required position, `[^\s\S]`), whose `where: { in: L }` names an
//!   empty lexicon, or an attribution rule in a pack with no `quotes:` section;
//! - `empty-match` (error): a rule whose pattern can match the empty string, so it
//!   fires everywhere or nowhere depending on engine details;
//! - `unused-lexicon` (warning): a lexicon no pattern, define, constraint or setting
//!   names;
//! - `missing-example` (warning): a rule without both a `match` and a `no-match` example;
//! - `unknown-field` (error): an example that `expect`s a field its rule does not output.
//!
//! The checks read patterns with every lexicon stood in for by one character (or by
//! nothing that matches, when it is empty): only whether and how short a match can be
//! matters here, so no automaton is built twice.

use std::collections::{HashMap, HashSet};

use super::{Emit, Pack};
use crate::compile::pattern::Pieces;
use crate::diagnostics::Diagnostic;

/// Every lint finding of `pack`, in pack order.
pub fn lint(pack: &Pack) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    rule_patterns(pack, &mut out);
    example_fields(pack, &mut out);
    unused_lexicons(pack, &mut out);
    missing_examples(pack, &mut out);
    out
}

fn rule_patterns(pack: &Pack, out: &mut Vec<Diagnostic>) {
    let empty: HashSet<&str> = pack
        .lexicons
        .iter()
        .filter(|l| l.entries.is_empty())
        .map(|l| l.name.as_str())
        .collect();
    let pieces = Pieces {
        lexicons: pack
            .lexicons
            .iter()
            .map(|l| {
                let stand_in = if l.entries.is_empty() {
                    r"[^\s\S]"
                } else {
                    r"[\s\S]"
                };
                (l.name.as_str(), stand_in.to_string())
            })
            .collect(),
        defines: pack
            .defines
            .iter()
            .map(|d| (d.name.as_str(), d.pattern.as_str()))
            .collect::<HashMap<_, _>>(),
        scripts: None,
        expanded: Default::default(),
        spliced: HashMap::new(),
    };
    for def in &pack.rules {
        let spec = &def.spec;
        let at = def.origin.child("pattern");
        // Unknown references and bad syntax are the compiler's to report.
        let Ok(expanded) = pieces.expand(&spec.pattern) else {
            continue;
        };
        let Ok(hir) = regex_syntax::parse(&expanded) else {
            continue;
        };
        match hir.properties().minimum_len() {
            None => out.push(
                Diagnostic::at(
                    "never-fires",
                    at.location(),
                    format!(
                        "rule `{}` can never fire: its pattern matches no text",
                        spec.id
                    ),
                )
                .with_help("an empty lexicon or an impossible class leaves nothing to match"),
            ),
            Some(0) => out.push(
                Diagnostic::at(
                    "empty-match",
                    at.location(),
                    format!(
                        "the pattern of rule `{}` can match the empty string",
                        spec.id
                    ),
                )
                .with_help("make at least one part required, e.g. `+` instead of `*`"),
            ),
            Some(_) => {}
        }
        for (group, c) in &spec.constraints {
            if let Some(name) = c.in_lexicon.as_deref().filter(|n| empty.contains(n)) {
                out.push(Diagnostic::at(
                    "never-fires",
                    def.origin.child("where").child(group).location(),
                    format!(
                        "rule `{}` can never fire: `{group}` must be in `{name}`, which is empty",
                        spec.id
                    ),
                ));
            }
        }
        if spec.emit == Emit::Attribution && pack.quotes.is_none() {
            out.push(
                Diagnostic::at(
                    "never-fires",
                    def.origin.child("emit").location(),
                    format!(
                        "attribution rule `{}` can never fire: the pack has no `quotes:` section",
                        spec.id
                    ),
                )
                .with_help("attribution rules attribute quotations; declare the marks under `quotes: { marks: … }`"),
            );
        }
    }
}

fn unused_lexicons(pack: &Pack, out: &mut Vec<Diagnostic>) {
    let mut used: HashSet<String> = HashSet::new();
    let mut patterns: Vec<&str> = Vec::new();
    for def in &pack.rules {
        patterns.push(&def.spec.pattern);
        for c in def.spec.constraints.values() {
            used.extend(c.lexicons().cloned());
        }
    }
    patterns.extend(pack.defines.iter().map(|d| d.pattern.as_str()));
    if let Some((q, _)) = &pack.quotes {
        patterns.extend(q.not_quote.iter().map(String::as_str));
        patterns.extend(q.direct_before.as_deref());
    }
    if let Some((s, _)) = &pack.speakers {
        patterns.push(&s.person_name);
        used.extend([s.pronouns.clone(), s.titles.clone(), s.roles.clone()]);
        used.extend(s.not_speakers.names().iter().cloned());
        used.extend(s.organisations.iter().cloned());
        used.extend(s.places.iter().chain(&s.quote_follows_cues).cloned());
        used.extend(s.quote_joiners.iter().chain(&s.clause_openers).cloned());
        used.extend(s.articles.iter().chain(&s.source_words).cloned());
        used.extend(
            s.not_role_starts
                .iter()
                .chain(&s.person_descriptions)
                .chain(&s.name_particles)
                .chain(&s.role_ends)
                .chain(&s.setting_openers)
                .chain(&s.fronted_clauses)
                .chain(&s.cue_compounds)
                .chain(&s.quantity_cues)
                .chain(&s.clause_verbs)
                .chain(&s.office_modifiers)
                .chain(&s.kin_nouns)
                .chain(&s.verbs_after_names)
                .chain(&s.given_names)
                .chain(&s.coordinators)
                .chain(&s.place_prepositions)
                .chain(&s.mention_breakers)
                .chain(&s.passive_auxiliaries)
                .chain(&s.passive_cues)
                .cloned(),
        );
    }
    if let Some((n, _)) = &pack.numbers {
        used.extend([n.words.clone(), n.scales.clone()]);
        used.extend(n.units.iter().cloned());
        for o in [
            &n.article,
            &n.joiners,
            &n.ordinals,
            &n.fractions,
            &n.multipliers,
            &n.irregular_plurals,
            &n.not_nouns,
            &n.collectives,
            &n.comparisons,
            &n.partitives,
            &n.parts_of,
            &n.range_openers,
            &n.list_joiners,
            &n.count_openers,
            &n.result_prepositions,
            &n.local_dollars,
            &n.local_rupees,
            &n.local_pesos,
        ] {
            used.extend(o.iter().cloned());
        }
    }
    if let Some((s, _)) = &pack.segment {
        used.insert(s.abbreviations.clone());
        used.extend(s.sentence_openers.iter().cloned());
        used.extend(s.after_clock_times.iter().cloned());
    }
    for p in patterns {
        used.extend(references(p));
    }
    for lex in &pack.lexicons {
        if !used.contains(&lex.name) {
            out.push(
                Diagnostic::at(
                    "unused-lexicon",
                    to_line_end(lex.origin.location()),
                    format!("lexicon `{}` is never used", lex.name),
                )
                .with_help(format!(
                    "refer to it as `@{}` in a pattern, in a `where:` constraint or a setting, or remove it",
                    lex.name
                ))
                .warning(),
            );
        }
    }
}

/// An `expect:` key the rule's output does not have would make its example fail with
/// "expected X, got null", which reads like a rule bug; say what it is instead.
fn example_fields(pack: &Pack, out: &mut Vec<Diagnostic>) {
    for def in &pack.rules {
        let fields: &[&str] = match def.spec.emit {
            Emit::Attribution | Emit::Claim => &["speaker", "name", "role", "cue", "kind", "text"],
            Emit::Figure => &["value", "low", "high", "unit", "approx", "kind"],
            Emit::None => &[],
        };
        for (i, ex) in def.spec.examples.iter().enumerate() {
            for key in ex.expect.keys().filter(|k| !fields.contains(&k.as_str())) {
                let at = def
                    .origin
                    .child("examples")
                    .child(i)
                    .child("expect")
                    .child(key);
                let help = if fields.is_empty() {
                    "a rule that emits nothing has no fields to expect".to_string()
                } else {
                    format!("this rule's output has: {}", fields.join(", "))
                };
                out.push(
                    Diagnostic::at(
                        "unknown-field",
                        at.location(),
                        format!("`expect` names no output field `{key}`"),
                    )
                    .with_help(help),
                );
            }
        }
    }
}

fn missing_examples(pack: &Pack, out: &mut Vec<Diagnostic>) {
    for def in &pack.rules {
        // A known gap shows what the rule does not do; it does not test what it does.
        let ex: Vec<_> = def
            .spec
            .examples
            .iter()
            .filter(|e| e.known_gap.is_none())
            .collect();
        let positive = ex.iter().any(|e| e.matches.is_some());
        let negative = ex.iter().any(|e| e.no_match.is_some());
        let missing = match (positive, negative) {
            (true, true) => continue,
            (false, true) => "`match` example",
            (true, false) => "`no-match` example",
            (false, false) => "examples (it needs a `match` and a `no-match`)",
        };
        out.push(
            Diagnostic::at(
                "missing-example",
                def.origin.child("id").location(),
                format!("rule `{}` has no {missing}", def.spec.id),
            )
            .with_help("every rule carries text it must match and text it must not; `claimkit test` runs them")
            .warning(),
        );
    }
}

/// The names a pattern refers to as `@name` (a `\@` is a literal).
pub fn references(pattern: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut chars = pattern.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            chars.next();
            continue;
        }
        if c != '@' {
            continue;
        }
        let rest = &pattern[i + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_lowercase()) {
            continue;
        }
        let len = rest
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
            .count();
        names.push(rest[..len].trim_end_matches('-').to_string());
    }
    names
}

/// The lexicons each rule uses, by rule id as written (no pack prefix): those its
/// pattern names, directly or through defines, and those its constraints name.
pub fn lexicons_by_rule(pack: &Pack) -> HashMap<String, HashSet<String>> {
    let lexicons: HashSet<&str> = pack.lexicons.iter().map(|l| l.name.as_str()).collect();
    let defines: HashMap<&str, &str> = pack
        .defines
        .iter()
        .map(|d| (d.name.as_str(), d.pattern.as_str()))
        .collect();
    let mut out = HashMap::new();
    for def in &pack.rules {
        let mut used = HashSet::new();
        let mut seen_defines = HashSet::new();
        let mut todo = references(&def.spec.pattern);
        while let Some(name) = todo.pop() {
            if lexicons.contains(name.as_str()) {
                used.insert(name);
            } else if let Some(p) = defines.get(name.as_str()) {
                if seen_defines.insert(name) {
                    todo.extend(references(p));
                }
            }
        }
        for c in def.spec.constraints.values() {
            used.extend(c.lexicons().cloned());
        }
        out.insert(def.spec.id.clone(), used);
    }
    out
}

/// The location stretched to the end of its line, so a declaration written as a flow
/// mapping (`name: { file: … }`) is underlined whole rather than at its brace.
fn to_line_end(mut at: crate::diagnostics::Location) -> crate::diagnostics::Location {
    let text = &at.file.text;
    let start = at.range.start.min(text.len());
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    at.range = start..end.max(at.range.end.min(text.len()));
    at
}
