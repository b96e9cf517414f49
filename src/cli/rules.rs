//! `claimkit rules`: what a pack holds once its layers are resolved. Without flags,
//! one line per rule in the order they are tried (priority, then pack order), with
//! where each is written; `--dump` prints the whole resolved pack as YAML (lexicons
//! with every entry, defines, rules with patterns), so a layered pack can be read as
//! the engine sees it.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_yaml::{Mapping, Value};

use claimkit::pack::{lexicon::Entry, Emit, Origin, Pack, RuleDef, RuleSpec};

use super::kebab;

#[derive(clap::Args)]
pub struct Args {
    /// The pack folder (default: the built-in pack).
    #[arg(long)]
    rules: Option<PathBuf>,
    /// Print the resolved pack as YAML.
    #[arg(long)]
    dump: bool,
}

pub fn run(args: Args) -> ExitCode {
    let pack = match super::load_pack(args.rules.as_deref()) {
        Ok(p) if p.problems.is_empty() => p,
        Ok(p) => {
            let e = claimkit::PackError {
                diagnostics: p.problems,
            };
            eprintln!("{}", e.render(false));
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("{}", e.render(false));
            return ExitCode::from(2);
        }
    };
    let mut rules: Vec<&RuleDef> = pack.rules.iter().collect();
    // The order the compiler tries them in: higher priority first, then pack order.
    rules.sort_by_key(|r| std::cmp::Reverse(r.spec.priority));
    if args.dump {
        out!(
            "{}",
            serde_yaml::to_string(&dump(&pack, &rules)).unwrap_or_default()
        );
    } else {
        for r in rules {
            outln!(
                "{}/{}  {} {}  priority {}  {}",
                pack.name,
                r.spec.id,
                kebab(&r.spec.emit),
                scope(&r.spec),
                r.spec.priority,
                place(&r.origin)
            );
        }
    }
    ExitCode::SUCCESS
}

/// `file:line` of a node.
fn place(origin: &Origin) -> String {
    let at = origin.location();
    format!("{}:{}", at.file.path, at.file.line_col(at.range.start).0)
}

/// The scope a rule is matched in: as written, or its emit's default.
fn scope(spec: &RuleSpec) -> String {
    match (&spec.scope, spec.emit) {
        (Some(s), _) => kebab(s),
        (None, Emit::Claim) => "sentence".to_string(),
        (None, Emit::Figure | Emit::None) => "text".to_string(),
        // The compiler reports an attribution rule without a scope.
        (None, Emit::Attribution) => "none".to_string(),
    }
}

fn entry_line(e: &Entry) -> String {
    let mut line = e.surface.clone();
    if let Some(c) = &e.canonical {
        line.push_str(" => ");
        line.push_str(c);
        for (k, v) in &e.tags {
            line.push_str(&format!(" {k}={v}"));
        }
    }
    line
}

fn map<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    let mut m = Mapping::new();
    for (k, v) in pairs {
        if !v.is_null() {
            m.insert(Value::from(k), v);
        }
    }
    Value::Mapping(m)
}

fn dump(pack: &Pack, rules: &[&RuleDef]) -> Value {
    let mut lexicons = Mapping::new();
    for l in &pack.lexicons {
        let entries: Vec<Value> = l
            .entries
            .iter()
            .map(|e| Value::from(entry_line(e)))
            .collect();
        lexicons.insert(
            Value::from(l.name.as_str()),
            map([
                ("from", Value::from(place(&l.origin))),
                (
                    "case",
                    Value::from(if l.case_sensitive {
                        "sensitive"
                    } else {
                        "insensitive"
                    }),
                ),
                ("entries", Value::Sequence(entries)),
            ]),
        );
    }
    let mut defines = Mapping::new();
    for d in &pack.defines {
        defines.insert(
            Value::from(d.name.as_str()),
            Value::from(d.pattern.as_str()),
        );
    }
    let rules: Vec<Value> = rules
        .iter()
        .map(|r| {
            let s = &r.spec;
            let constraints = serde_yaml::to_value(
                s.constraints
                    .iter()
                    .map(|(k, c)| {
                        let c = c
                            .kinds()
                            .into_iter()
                            .map(|(kind, names)| (kind, names.join(", ")))
                            .collect::<std::collections::BTreeMap<_, _>>();
                        (k.clone(), c)
                    })
                    .collect::<std::collections::BTreeMap<_, _>>(),
            )
            .unwrap_or(Value::Null);
            map([
                ("id", Value::from(format!("{}/{}", pack.name, s.id))),
                ("from", Value::from(place(&r.origin))),
                ("emit", Value::from(kebab(&s.emit))),
                ("scope", Value::from(scope(s))),
                ("kind", s.kind.clone().map_or(Value::Null, Value::from)),
                ("priority", Value::from(s.priority)),
                ("confidence", s.confidence.map_or(Value::Null, Value::from)),
                ("pattern", Value::from(s.pattern.as_str())),
                (
                    "where",
                    if s.constraints.is_empty() {
                        Value::Null
                    } else {
                        constraints
                    },
                ),
                ("examples", Value::from(s.examples.len())),
            ])
        })
        .collect();
    let mut settings = Mapping::new();
    for (key, origin) in [
        ("quotes", pack.quotes.as_ref().map(|s| &s.1)),
        ("speakers", pack.speakers.as_ref().map(|s| &s.1)),
        ("numbers", pack.numbers.as_ref().map(|s| &s.1)),
        ("segment", pack.segment.as_ref().map(|s| &s.1)),
    ] {
        if let Some(o) = origin {
            settings.insert(Value::from(key), Value::from(place(o)));
        }
    }
    map([
        ("pack", Value::from(pack.name.as_str())),
        (
            "layers",
            Value::Sequence(
                pack.layers
                    .iter()
                    .map(|l| Value::from(l.as_str()))
                    .collect(),
            ),
        ),
        ("settings", Value::Mapping(settings)),
        ("lexicons", Value::Mapping(lexicons)),
        ("define", Value::Mapping(defines)),
        ("rules", Value::Sequence(rules)),
    ])
}
