//! Rule examples: every rule's `examples` run as tests.
//!
//! A `match` example marks the span the rule must produce with `⟦…⟧` (for an
//! attribution rule the speaker, for a claim rule the reported clause, for a figure
//! rule the figure) and may list fields in `expect`; unmarked, it asks only that the
//! rule produce something, one record holding the `expect` fields. A `no-match`
//! example must yield nothing from the rule. Each example is extracted with the whole
//! pack, then again behind a multibyte prefix, so a rule never depends on absolute
//! offsets.
//!
//! An example marked `known-gap: why` records what the rule does not do yet: it is run
//! and reported, but does not fail; once it holds, it fails until the mark is removed.

use crate::compile::{Rule, Rules};
use crate::extract::Extraction;
use std::ops::Range;

use crate::pack::{Emit, Example};

/// One example that did not come out as its rule says.
#[derive(Debug, Clone)]
pub struct ExampleFailure {
    pub rule: String,
    /// The example's position in its rule's `examples` list.
    pub index: usize,
    pub example: String,
    pub problem: String,
    /// What the example says should come out, and what did: the two sides of a diff.
    pub expected: String,
    pub actual: String,
}

/// One thing wrong with an example: a message and the two sides of its diff.
struct Problem {
    message: String,
    expected: String,
    actual: String,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}\n    example: {}",
            self.rule, self.problem, self.example
        )
    }
}

/// A record produced by a rule, reduced to what examples can check.
struct Produced {
    span: std::ops::Range<usize>,
    fields: Vec<(&'static str, serde_yaml::Value)>,
}

/// Shifts an example by multibyte characters, in a paragraph of its own.
const PREFIX: &str = "€ 😊\n";

/// Runs every example of every rule; returns the failures (empty when all pass).
/// Known gaps that still fail are left out: see [`run_all`].
pub fn run(rules: &Rules) -> Vec<ExampleFailure> {
    run_all(rules).failures
}

/// What running every example found.
#[derive(Debug, Default)]
pub struct Report {
    /// Examples that do not hold, and known gaps that were closed (their `known-gap`
    /// mark must go, so the example guards the fix).
    pub failures: Vec<ExampleFailure>,
    /// Examples marked `known-gap` that still fail, as recorded: they do not fail a run.
    pub gaps: Vec<ExampleFailure>,
}

/// Runs every example of every rule.
pub fn run_all(rules: &Rules) -> Report {
    let mut report = Report::default();
    for rule in rules.rules() {
        for (index, ex) in rule.examples.iter().enumerate() {
            let failure = |p: Problem, text: &str| ExampleFailure {
                rule: rule.id.clone(),
                index,
                example: text.to_string(),
                problem: p.message,
                expected: p.expected,
                actual: p.actual,
            };
            let mut found = Vec::new();
            if let Some(marked) = &ex.matches {
                // Shifted behind multibyte text only once it holds as written.
                let mut problems = check_match(rules, rule, ex, marked, "");
                if problems.is_empty() {
                    problems = check_match(rules, rule, ex, marked, PREFIX)
                        .into_iter()
                        .map(|p| Problem {
                            message: format!("{} (behind a multibyte prefix)", p.message),
                            ..p
                        })
                        .collect();
                }
                found.extend(problems.into_iter().map(|p| failure(p, marked)));
            }
            if let Some(text) = &ex.no_match {
                found.extend(check_no_match(rules, rule, text).map(|p| failure(p, text)));
            }
            match &ex.known_gap {
                None => report.failures.extend(found),
                Some(_) if !found.is_empty() => report.gaps.extend(found),
                Some(why) => {
                    let text = ex.matches.as_deref().or(ex.no_match.as_deref());
                    report.failures.push(failure(
                        Problem {
                            message: format!(
                                "this known gap is closed ({why}): remove `known-gap`"
                            ),
                            expected: "a known gap".to_string(),
                            actual: "the example holds".to_string(),
                        },
                        text.unwrap_or_default(),
                    ));
                }
            }
        }
    }
    report
}

/// What is wrong with a `match` example run behind `prefix`, if anything.
fn check_match(
    rules: &Rules,
    rule: &Rule,
    ex: &Example,
    marked: &str,
    prefix: &str,
) -> Vec<Problem> {
    let (text, spans) = unmark(marked);
    let full = format!("{prefix}{text}");
    let extraction = rules.extract(&full);
    let wanted: Vec<Range<usize>> = spans
        .iter()
        .map(|s| s.start + prefix.len()..s.end + prefix.len())
        .collect();
    let produced = if rule.emit == Emit::None {
        // A `none` rule shows itself by the figures it prevents.
        wanted
            .iter()
            .filter(|s| {
                !extraction
                    .figures
                    .iter()
                    .any(|f| f.span.start < s.end && s.start < f.span.end)
            })
            .map(|span| Produced {
                span: span.clone(),
                fields: Vec::new(),
            })
            .collect()
    } else {
        produced_by(rule, &full, &extraction)
    };
    if wanted.is_empty() {
        return check_unmarked_match(&produced, ex);
    }
    let mut problems = Vec::new();
    for want in wanted {
        let Some(p) = produced.iter().find(|p| p.span == want) else {
            let got: Vec<String> = produced
                .iter()
                .map(|p| format!("⟦{}⟧", &full[p.span.clone()]))
                .collect();
            let got = if got.is_empty() {
                "nothing".to_string()
            } else {
                got.join(", ")
            };
            let expected = format!("⟦{}⟧", &full[want]);
            problems.push(Problem {
                message: format!("expected {expected}, got {got}"),
                expected,
                actual: got,
            });
            continue;
        };
        problems.extend(field_problems(p, ex));
    }
    problems
}

/// A `match` example with no marked span: the rule must produce something, and one
/// of its records must hold every `expect` field.
fn check_unmarked_match(produced: &[Produced], ex: &Example) -> Vec<Problem> {
    if produced.is_empty() {
        return vec![Problem {
            message: "expected a match, got nothing".to_string(),
            expected: "a match".to_string(),
            actual: "nothing".to_string(),
        }];
    }
    let mut fewest: Option<Vec<Problem>> = None;
    for p in produced {
        let problems = field_problems(p, ex);
        if problems.is_empty() {
            return problems;
        }
        if fewest.as_ref().is_none_or(|f| problems.len() < f.len()) {
            fewest = Some(problems);
        }
    }
    fewest.unwrap_or_default()
}

/// The `expect` fields a produced record does not hold.
fn field_problems(p: &Produced, ex: &Example) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (key, expected) in &ex.expect {
        let got = p
            .fields
            .iter()
            .find(|(k, _)| k == key)
            .map_or(serde_yaml::Value::Null, |(_, v)| v.clone());
        if !same(&got, expected) {
            let (expected, actual) = (show(expected), show(&got));
            problems.push(Problem {
                message: format!("`{key}`: expected {expected}, got {actual}"),
                expected: format!("{key}: {expected}"),
                actual: format!("{key}: {actual}"),
            });
        }
    }
    problems
}

/// What is wrong with a `no-match` example, if anything.
fn check_no_match(rules: &Rules, rule: &Rule, text: &str) -> Option<Problem> {
    let extraction = rules.extract(text);
    if rule.emit == Emit::None {
        // A `none` rule must leave some figure standing in its negative example.
        return extraction.figures.is_empty().then(|| Problem {
            message: "must not suppress figures here, but no figure was made".to_string(),
            expected: "some figure".to_string(),
            actual: "no figure".to_string(),
        });
    }
    produced_by(rule, text, &extraction).first().map(|p| {
        let got = format!("⟦{}⟧", &text[p.span.clone()]);
        Problem {
            message: format!("must not match, but produced {got}"),
            expected: "nothing".to_string(),
            actual: got,
        }
    })
}

fn show(v: &serde_yaml::Value) -> String {
    serde_yaml::to_string(v)
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Numbers compare with a tolerance; everything else as text.
fn same(got: &serde_yaml::Value, expected: &serde_yaml::Value) -> bool {
    match (got.as_f64(), expected.as_f64()) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-6 * b.abs().max(1.0),
        _ => show(got) == show(expected),
    }
}

/// The text without `⟦ ⟧`, and the byte ranges they enclosed.
fn unmark(marked: &str) -> (String, Vec<std::ops::Range<usize>>) {
    let mut text = String::with_capacity(marked.len());
    let mut spans = Vec::new();
    let mut open = None;
    for c in marked.chars() {
        match c {
            '⟦' => open = Some(text.len()),
            '⟧' => {
                if let Some(s) = open.take() {
                    spans.push(s..text.len());
                }
            }
            _ => text.push(c),
        }
    }
    (text, spans)
}

fn produced_by(rule: &Rule, text: &str, ex: &Extraction) -> Vec<Produced> {
    use serde_yaml::Value;
    let s = |r: &std::ops::Range<usize>| Value::from(&text[r.clone()]);
    let num = |v: Option<f64>| v.map_or(Value::Null, Value::from);
    match rule.emit {
        Emit::Attribution | Emit::Claim => ex
            .claims
            .iter()
            .filter(|c| c.rule == rule.id)
            .filter_map(|c| {
                let sp = c.speaker.as_ref();
                let span = if rule.emit == Emit::Claim {
                    c.content.clone()
                } else {
                    sp?.mention.clone()
                };
                let fields = vec![
                    ("speaker", sp.map_or(Value::Null, |sp| s(&sp.mention))),
                    (
                        "name",
                        sp.and_then(|sp| sp.name.clone())
                            .map_or(Value::Null, Value::from),
                    ),
                    (
                        "role",
                        sp.and_then(|sp| sp.role.clone())
                            .map_or(Value::Null, Value::from),
                    ),
                    ("cue", c.cue.as_ref().map_or(Value::Null, s)),
                    ("kind", Value::from(c.kind.as_str())),
                    ("text", s(&c.content)),
                ];
                Some(Produced { span, fields })
            })
            .collect(),
        Emit::Figure => ex
            .figures
            .iter()
            .filter(|f| f.rule == rule.id)
            .map(|f| Produced {
                span: f.span.clone(),
                fields: vec![
                    ("value", num(f.value)),
                    ("low", num(f.low)),
                    ("high", num(f.high)),
                    ("unit", f.unit.clone().map_or(Value::Null, Value::from)),
                    ("approx", f.approx.clone().map_or(Value::Null, Value::from)),
                    ("kind", Value::from(f.kind.as_str())),
                ],
            })
            .collect(),
        Emit::None => Vec::new(),
    }
}
