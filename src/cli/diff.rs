//! `claimkit diff`: what a rule change does to a corpus.
//!
//! Every document is extracted with the new pack (`--rules`, default the built-in one)
//! and compared with either the old pack (`--base DIR`, or `--base builtin`) or a saved
//! extraction (`--baseline saved.jsonl`, as written by `claimkit extract`). Claims and
//! figures are matched by their span (code-point offsets, as in the output); a span
//! found on one side only is *added* or *removed*, a span on both sides whose other
//! fields differ is *changed*, with the fields named. A document the baseline does not
//! hold counts as one from which nothing was extracted. The report lists the documents
//! that changed, then a summary table by kind and by rule; `--format json` prints one
//! JSON object with the same content. Documents are extracted in parallel.
//!
//! Exit status: 0 when nothing changed, 1 when something did, 2 on an error (a pack
//! that does not load, an input or baseline that cannot be read), so it gates CI.

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use rayon::prelude::*;
use serde_json::{json, Value};

use claimkit::input::{Documents, Format, Item};
use claimkit::{output, Rules};

use super::{paint, plural, Color};

/// Documents per batch handed to the worker threads.
const BATCH_DOCS: usize = 256;

#[derive(clap::Args)]
pub struct Args {
    /// Files, folders, or `-` for standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The pack before the change: a folder, or `builtin`.
    #[arg(
        long,
        conflicts_with = "baseline",
        required_unless_present = "baseline"
    )]
    base: Option<PathBuf>,
    /// A saved extraction (JSONL from `claimkit extract`) to compare against.
    #[arg(long)]
    baseline: Option<PathBuf>,
    /// The pack after the change (default: the built-in pack).
    #[arg(long)]
    rules: Option<PathBuf>,
    /// `text` for people, `json` for machines.
    #[arg(long = "format", value_enum, default_value = "text")]
    output: OutputFormat,
    /// How to read input files.
    #[arg(long = "input-format", value_enum, default_value = "auto")]
    input_format: Format,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum OutputFormat {
    Text,
    Json,
}

/// What the new side is compared with.
enum Before {
    Rules(Box<Rules>),
    Saved(HashMap<String, Value>),
}

pub fn run(args: Args) -> ExitCode {
    if let Some(n) = args.threads {
        // Before the packs compile, which they do on this pool too.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let Some(new) = super::load_rules(args.rules.as_deref()) else {
        return ExitCode::from(2);
    };
    let before = match (&args.base, &args.baseline) {
        (Some(dir), _) => {
            let dir = (dir.as_os_str() != "builtin").then_some(dir.as_path());
            match super::load_rules(dir) {
                Some(r) => Before::Rules(Box::new(r)),
                None => return ExitCode::from(2),
            }
        }
        (None, Some(path)) => match read_baseline(path) {
            Ok(saved) => Before::Saved(saved),
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                return ExitCode::from(2);
            }
        },
        (None, None) => unreachable!("clap requires --base or --baseline"),
    };
    let mut errors = 0usize;
    let mut diffs: Vec<DocDiff> = Vec::new();
    let mut documents = 0usize;
    let mut batch: Vec<(String, String)> = Vec::new();
    let mut docs = Documents::new(&args.inputs, args.input_format);
    loop {
        let item = docs.next();
        let done = item.is_none();
        match item {
            Some(Item::Doc { id, text }) => batch.push((id, text)),
            Some(Item::Error { origin, message }) => {
                errors += 1;
                eprintln!("error: {origin}: {message}");
            }
            None => {}
        }
        if done || batch.len() >= BATCH_DOCS {
            documents += batch.len();
            let found: Vec<DocDiff> = batch
                .par_iter()
                .map(|(id, text)| {
                    let after = record(id, text, &new);
                    let before = match &before {
                        Before::Rules(old) => record(id, text, old),
                        Before::Saved(saved) => saved.get(id).cloned().unwrap_or(Value::Null),
                    };
                    compare(id, &before, &after)
                })
                .collect();
            diffs.extend(found.into_iter().filter(|d| !d.changes.is_empty()));
            batch.clear();
        }
        if done {
            break;
        }
    }
    let summary = Summary::of(&diffs, documents);
    match args.output {
        OutputFormat::Json => outln!("{}", to_json(&diffs, &summary)),
        OutputFormat::Text => {
            let styled = args.color.stdout();
            for d in &diffs {
                out!("{}", d.render(styled));
            }
            out!("{}", summary.render());
        }
    }
    if errors > 0 {
        eprintln!("error: {} could not be read", plural(errors, "input"));
        ExitCode::from(2)
    } else if diffs.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn record(id: &str, text: &str, rules: &Rules) -> Value {
    serde_json::to_value(output::record(id, text, &rules.extract(text))).unwrap_or(Value::Null)
}

fn read_baseline(path: &std::path::Path) -> Result<HashMap<String, Value>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read baseline: {e}"))?;
    let mut saved = HashMap::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("line {}: {e}", i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value =
            serde_json::from_str(&line).map_err(|e| format!("line {}: not JSON: {e}", i + 1))?;
        let Some(id) = v.get("id").and_then(Value::as_str) else {
            return Err(format!("line {}: a record without an `id`", i + 1));
        };
        saved.insert(id.to_string(), v);
    }
    Ok(saved)
}

/// Added, removed or changed.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Op {
    Added,
    Removed,
    Changed,
}

impl Op {
    fn as_str(self) -> &'static str {
        match self {
            Op::Added => "added",
            Op::Removed => "removed",
            Op::Changed => "changed",
        }
    }
}

/// One claim or figure that differs between the two sides.
pub struct Change {
    /// `claim` or `figure`.
    pub what: &'static str,
    pub op: Op,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl Change {
    /// The rule ids involved: the old one, the new one, or both when they differ.
    fn rules(&self) -> Vec<String> {
        let id = |v: &Option<Value>| {
            v.as_ref()
                .and_then(|v| v["rule"].as_str())
                .map(String::from)
        };
        let mut ids: Vec<String> = [id(&self.before), id(&self.after)]
            .into_iter()
            .flatten()
            .collect();
        ids.dedup();
        ids
    }
}

/// How one document's extraction changed.
pub struct DocDiff {
    pub id: String,
    pub changes: Vec<Change>,
}

/// Compares two document records (`null` for a document with no record) by span.
pub fn compare(id: &str, before: &Value, after: &Value) -> DocDiff {
    let mut changes = Vec::new();
    for (what, key) in [("claim", "claims"), ("figure", "figures")] {
        let index = |doc: &Value| {
            let mut by_span: BTreeMap<(u64, u64), Vec<Value>> = BTreeMap::new();
            for item in doc[key].as_array().into_iter().flatten() {
                let mut item = item.clone();
                // Indices into the figure list move whenever a figure comes or goes.
                if let Some(o) = item.as_object_mut() {
                    o.remove("figures");
                }
                let span = (
                    item["start"].as_u64().unwrap_or(0),
                    item["end"].as_u64().unwrap_or(0),
                );
                by_span.entry(span).or_default().push(item);
            }
            by_span
        };
        let (old, mut new) = (index(before), index(after));
        for (span, olds) in old {
            let mut news = new.remove(&span).unwrap_or_default().into_iter();
            for o in olds {
                match news.next() {
                    Some(n) if n == o => {}
                    Some(n) => changes.push(Change {
                        what,
                        op: Op::Changed,
                        before: Some(o),
                        after: Some(n),
                    }),
                    None => changes.push(Change {
                        what,
                        op: Op::Removed,
                        before: Some(o),
                        after: None,
                    }),
                }
            }
            for n in news {
                changes.push(Change {
                    what,
                    op: Op::Added,
                    before: None,
                    after: Some(n),
                });
            }
        }
        for n in new.into_values().flatten() {
            changes.push(Change {
                what,
                op: Op::Added,
                before: None,
                after: Some(n),
            });
        }
    }
    let start = |c: &Change| {
        c.after
            .as_ref()
            .or(c.before.as_ref())
            .and_then(|v| v["start"].as_u64())
            .unwrap_or(0)
    };
    changes.sort_by_key(|c| (start(c), c.what, c.op));
    DocDiff {
        id: id.to_string(),
        changes,
    }
}

impl DocDiff {
    /// One header line, then one line per change.
    pub fn render(&self, styled: bool) -> String {
        let count = |op| self.changes.iter().filter(|c| c.op == op).count();
        let mut out = format!(
            "{}: {} added, {} removed, {} changed\n",
            paint(styled, super::bold(), &self.id),
            count(Op::Added),
            count(Op::Removed),
            count(Op::Changed)
        );
        for c in &self.changes {
            let line = match c.op {
                Op::Added => paint(
                    styled,
                    super::green(),
                    &format!("  + {}", describe(c.what, c.after.as_ref())),
                ),
                Op::Removed => paint(
                    styled,
                    super::red(),
                    &format!("  - {}", describe(c.what, c.before.as_ref())),
                ),
                Op::Changed => {
                    let (b, a) = (c.before.as_ref(), c.after.as_ref());
                    let fields: Vec<String> = field_changes(b, a)
                        .into_iter()
                        .map(|(k, o, n)| format!("{k}: {o} → {n}"))
                        .collect();
                    format!(
                        "  ~ {}\n      {}",
                        describe(c.what, b),
                        fields.join("\n      ")
                    )
                }
            };
            out.push_str(&line);
            out.push('\n');
        }
        out.push('\n');
        out
    }
}

/// One line for a claim or figure: kind, rule, span, text and its main fields.
fn describe(what: &str, item: Option<&Value>) -> String {
    let Some(v) = item else { return String::new() };
    let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
    let mut text = s("text");
    if text.chars().count() > 70 {
        text = text.chars().take(67).collect::<String>() + "…";
    }
    let mut line = format!(
        "{what} {} {}..{} [{}] “{text}”",
        s("kind"),
        v["start"],
        v["end"],
        s("rule")
    );
    if what == "claim" {
        if let Some(sp) = v["speaker"].as_object() {
            let name = sp
                .get("name")
                .and_then(Value::as_str)
                .or(sp.get("text").and_then(Value::as_str));
            line.push_str(&format!(" — {}", name.unwrap_or("?")));
        }
    } else {
        for k in ["value", "low", "high", "unit"] {
            if !v[k].is_null() {
                line.push_str(&format!(" {k}={}", v[k]));
            }
        }
    }
    line
}

/// The fields (dotted paths) whose values differ, old and new as JSON.
fn field_changes(before: Option<&Value>, after: Option<&Value>) -> Vec<(String, String, String)> {
    fn flatten(prefix: &str, v: &Value, out: &mut BTreeMap<String, Value>) {
        match v.as_object() {
            Some(o) => {
                for (k, x) in o {
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    flatten(&key, x, out);
                }
            }
            None => {
                out.insert(prefix.to_string(), v.clone());
            }
        }
    }
    let (mut b, mut a) = (BTreeMap::new(), BTreeMap::new());
    flatten("", before.unwrap_or(&Value::Null), &mut b);
    flatten("", after.unwrap_or(&Value::Null), &mut a);
    let keys: std::collections::BTreeSet<&String> = b.keys().chain(a.keys()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let (o, n) = (
                b.get(k).unwrap_or(&Value::Null),
                a.get(k).unwrap_or(&Value::Null),
            );
            (o != n).then(|| (k.clone(), o.to_string(), n.to_string()))
        })
        .collect()
}

/// Counts by kind and by rule.
struct Summary {
    documents: usize,
    changed_documents: usize,
    /// (claim|figure, op) → count
    by_kind: BTreeMap<(&'static str, Op), usize>,
    /// rule → [added, removed, changed]
    by_rule: BTreeMap<String, [usize; 3]>,
}

impl Summary {
    fn of(diffs: &[DocDiff], documents: usize) -> Summary {
        let mut by_kind = BTreeMap::new();
        let mut by_rule: BTreeMap<String, [usize; 3]> = BTreeMap::new();
        for c in diffs.iter().flat_map(|d| &d.changes) {
            *by_kind.entry((c.what, c.op)).or_default() += 1;
            for r in c.rules() {
                by_rule.entry(r).or_default()[c.op as usize] += 1;
            }
        }
        Summary {
            documents,
            changed_documents: diffs.len(),
            by_kind,
            by_rule,
        }
    }

    fn count(&self, what: &'static str, op: Op) -> usize {
        self.by_kind.get(&(what, op)).copied().unwrap_or(0)
    }

    fn render(&self) -> String {
        let mut out = format!(
            "{} of {} changed\n\n",
            plural(self.changed_documents, "document"),
            self.documents
        );
        let width = self
            .by_rule
            .keys()
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(0)
            .max(7);
        out.push_str(&format!(
            "{:<width$}  {:>7}  {:>7}  {:>7}\n",
            "", "added", "removed", "changed"
        ));
        for what in ["claim", "figure"] {
            out.push_str(&format!(
                "{:<width$}  {:>7}  {:>7}  {:>7}\n",
                format!("{what}s"),
                self.count(what, Op::Added),
                self.count(what, Op::Removed),
                self.count(what, Op::Changed)
            ));
        }
        if !self.by_rule.is_empty() {
            out.push_str("by rule:\n");
            for (rule, [a, r, c]) in &self.by_rule {
                out.push_str(&format!("{rule:<width$}  {a:>7}  {r:>7}  {c:>7}\n"));
            }
        }
        out
    }
}

fn to_json(diffs: &[DocDiff], s: &Summary) -> Value {
    let documents: Vec<Value> = diffs
        .iter()
        .map(|d| {
            let changes: Vec<Value> = d
                .changes
                .iter()
                .map(|c| {
                    json!({"type": c.what, "change": c.op.as_str(), "rules": c.rules(),
                           "before": c.before, "after": c.after})
                })
                .collect();
            json!({"id": d.id, "changes": changes})
        })
        .collect();
    let kind = |what| {
        json!({"added": s.count(what, Op::Added), "removed": s.count(what, Op::Removed),
               "changed": s.count(what, Op::Changed)})
    };
    let rules: serde_json::Map<String, Value> = s
        .by_rule
        .iter()
        .map(|(r, [a, rm, c])| (r.clone(), json!({"added": a, "removed": rm, "changed": c})))
        .collect();
    json!({
        "documents": documents,
        "summary": {"documents": s.documents, "changed_documents": s.changed_documents,
                    "claims": kind("claim"), "figures": kind("figure"), "rules": rules}
    })
}
