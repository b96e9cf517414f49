//! Rule examples: every rule's `examples` run as tests.
//!
//! A `match` example marks the span the rule must produce with `⟦…⟧` (for an
//! attribution rule the speaker, for a claim rule the reported clause, for a figure
//! rule the figure) and may list fields in `expect`; a `no-match` example must yield
//! nothing from the rule. Each example is extracted with the whole pack, then again
//! behind a multibyte prefix, so a rule never depends on absolute offsets.

use crate::compile::{Rule, Rules};
use crate::extract::Extraction;
use crate::pack::Emit;

/// One example that did not come out as its rule says.
#[derive(Debug, Clone)]
pub struct ExampleFailure {
    pub rule: String,
    pub example: String,
    pub problem: String,
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
pub fn run(rules: &Rules) -> Vec<ExampleFailure> {
    let mut failures = Vec::new();
    for rule in rules.rules() {
        for ex in &rule.examples {
            let fail = |problem: String, text: &str| ExampleFailure {
                rule: rule.id.clone(),
                example: text.to_string(),
                problem,
            };
            if let Some(marked) = &ex.matches {
                let (text, spans) = unmark(marked);
                for prefix in ["", PREFIX] {
                    let full = format!("{prefix}{text}");
                    let extraction = rules.extract(&full);
                    let mut produced = produced_by(rule, &full, &extraction);
                    if rule.emit == Emit::None {
                        // A `none` rule shows itself by the figures it prevents.
                        produced = spans
                            .iter()
                            .map(|s| s.start + prefix.len()..s.end + prefix.len())
                            .filter(|s| {
                                !extraction
                                    .figures
                                    .iter()
                                    .any(|f| f.span.start < s.end && s.start < f.span.end)
                            })
                            .map(|span| Produced {
                                span,
                                fields: Vec::new(),
                            })
                            .collect();
                    }
                    for span in &spans {
                        let want = span.start + prefix.len()..span.end + prefix.len();
                        match produced.iter().find(|p| p.span == want) {
                            None => failures.push(fail(
                                format!(
                                    "expected ⟦{}⟧, got {}",
                                    &full[want.clone()],
                                    if produced.is_empty() {
                                        "nothing".to_string()
                                    } else {
                                        produced
                                            .iter()
                                            .map(|p| format!("⟦{}⟧", &full[p.span.clone()]))
                                            .collect::<Vec<_>>()
                                            .join(", ")
                                    }
                                ),
                                marked,
                            )),
                            Some(p) => {
                                for (key, expected) in &ex.expect {
                                    let got = p
                                        .fields
                                        .iter()
                                        .find(|(k, _)| k == key)
                                        .map(|(_, v)| v.clone())
                                        .unwrap_or(serde_yaml::Value::Null);
                                    if !same(&got, expected) {
                                        failures.push(fail(
                                            format!(
                                                "`{key}`: expected {}, got {}",
                                                show(expected),
                                                show(&got)
                                            ),
                                            marked,
                                        ));
                                    }
                                }
                            }
                        }
                    }
                    if !prefix.is_empty() && !failures.is_empty() {
                        break;
                    }
                }
            }
            if let Some(text) = &ex.no_match {
                let extraction = rules.extract(text);
                if rule.emit == Emit::None {
                    // A `none` rule must leave some figure standing in its negative example.
                    if extraction.figures.is_empty() {
                        failures.push(fail(
                            "must not suppress figures here, but no figure was made".into(),
                            text,
                        ));
                    }
                    continue;
                }
                let produced = produced_by(rule, text, &extraction);
                if let Some(p) = produced.first() {
                    failures.push(fail(
                        format!("must not match, but produced ⟦{}⟧", &text[p.span.clone()]),
                        text,
                    ));
                }
            }
        }
    }
    failures
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
