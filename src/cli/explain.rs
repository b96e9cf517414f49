//! `claimkit explain TEXT|FILE`: each extraction with the rule that made it, the
//! captures of that rule's match and the lexicon entries they are, then the text with
//! what was found highlighted (in colour on a terminal; marked with brackets when
//! piped: ⟦claim⟧, ⟨speaker⟩, ⟨cue⟩ and ⟪figure⟫). `--rule ID` tells why one rule
//! did or did not fire.

use std::io::Read;
use std::ops::Range;
use std::path::PathBuf;
use std::process::ExitCode;

use anstyle::AnsiColor;
use claimkit::explain::{self, RuleMatch};
use claimkit::pack::{lint, Emit};
use claimkit::{Extraction, Rules};

use super::{paint, plural, Color};

#[derive(clap::Args)]
pub struct Args {
    /// The text itself, a file to read, or `-` for standard input.
    input: String,
    /// Explain this rule only: where it matched, and why it did or did not fire.
    #[arg(long)]
    rule: Option<String>,
    /// The pack folder (default: the built-in pack).
    #[arg(long)]
    rules: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
}

pub fn run(args: Args) -> ExitCode {
    let loaded = super::load_pack(args.rules.as_deref()).and_then(|pack| {
        let used = lint::lexicons_by_rule(&pack);
        Rules::compile(pack).map(|r| (r, used))
    });
    let (rules, used_lexicons) = match loaded {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}", e.render(false));
            return ExitCode::from(2);
        }
    };
    let ctx = Context {
        rules: &rules,
        used: &used_lexicons,
    };
    let text = match read_input(&args.input) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {}: {e}", args.input);
            return ExitCode::from(2);
        }
    };
    let styled = args.color.stdout();
    let found = rules.extract(&text);
    let lines = Lines::new(&text);
    if let Some(id) = &args.rule {
        let Some(rule) = explain::find_rule(&rules, id) else {
            eprintln!(
                "error: no rule `{id}` in pack `{}` (`claimkit rules` lists them)",
                rules.name()
            );
            return ExitCode::from(2);
        };
        why(&rules, rule, &text, &found, &lines, styled);
        return ExitCode::SUCCESS;
    }
    for (i, c) in found.claims.iter().enumerate() {
        let title = format!("claim {} ({}) by {}", i + 1, c.kind.as_str(), c.rule);
        outln!(
            "{}  confidence {:.2}",
            paint(styled, super::bold(), &title),
            c.confidence
        );
        outln!(
            "  text:    “{}”  {}",
            &text[c.content.clone()],
            lines.at(c.content.start)
        );
        if let Some(s) = &c.speaker {
            let mut who = text[s.mention.clone()].to_string();
            if let Some(n) = s.name.as_ref().filter(|n| **n != text[s.mention.clone()]) {
                who.push_str(&format!(" = {n}"));
            }
            if let Some(r) = &s.role {
                who.push_str(&format!(", {r}"));
            }
            outln!("  speaker: {who}");
        }
        if let Some(cue) = &c.cue {
            outln!("  cue:     {}", &text[cue.clone()]);
        }
        let anchor = c
            .speaker
            .as_ref()
            .map_or(c.content.clone(), |s| s.mention.clone());
        let own = explain::find_rule(&rules, &c.rule).map(|r| r.confidence);
        if own.is_some_and(|own| c.confidence < own - 1e-9) {
            // Extraction lowers the confidence of a speaker carried over.
            outln!("  (attribution carried over from the quotation before)");
        } else {
            ctx.captures(&c.rule, &text, &anchor);
        }
    }
    for (i, f) in found.figures.iter().enumerate() {
        let title = format!("figure {} ({}) by {}", i + 1, f.kind, f.rule);
        outln!("{}", paint(styled, super::bold(), &title));
        let mut what = format!(
            "  text:    “{}”  {}",
            &text[f.span.clone()],
            lines.at(f.span.start)
        );
        if let Some(v) = f.value {
            what.push_str(&format!("  value {v}"));
        }
        if let (Some(lo), Some(hi)) = (f.low, f.high) {
            what.push_str(&format!("  range {lo}–{hi}"));
        }
        if let Some(u) = &f.unit {
            what.push_str(&format!("  unit {u}"));
        }
        if let Some(a) = &f.approx {
            what.push_str(&format!("  hedge “{a}”"));
        }
        outln!("{what}");
        ctx.captures(&f.rule, &text, &f.span);
    }
    if found.claims.is_empty() && found.figures.is_empty() {
        outln!("nothing extracted");
    }
    outln!();
    outln!("{}", highlight(&text, &found, styled));
    ExitCode::SUCCESS
}

fn read_input(input: &str) -> std::io::Result<String> {
    if input == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        return Ok(s);
    }
    let path = std::path::Path::new(input);
    if path.is_file() {
        return std::fs::read_to_string(path);
    }
    Ok(input.to_string())
}

/// The compiled pack and, for each rule, the lexicons it uses.
struct Context<'a> {
    rules: &'a Rules,
    used: &'a std::collections::HashMap<String, std::collections::HashSet<String>>,
}

impl Context<'_> {
    /// Prints the captures of the match of rule `id` that made the output at `anchor`,
    /// and the entries of the rule's lexicons each capture is.
    fn captures(&self, id: &str, text: &str, anchor: &Range<usize>) {
        let rules = self.rules;
        let Some(rule) = explain::find_rule(rules, id) else {
            // `en/quote`: a quotation that no attribution rule matched next to.
            outln!("  (no attribution rule matched next to this quotation; `--rule ID` tells why one did not)");
            return;
        };
        let run = explain::run_rule(rules, rule, text);
        let overlaps =
            |r: &Range<usize>| r.start < anchor.end.max(anchor.start + 1) && anchor.start < r.end;
        let Some(m) = run
            .matches
            .iter()
            .find(|m| m.failed.is_none() && overlaps(&m.whole))
        else {
            outln!("  (inherited from an attributed quotation nearby)");
            return;
        };
        for (name, range) in &m.captures {
            let captured = &text[range.clone()];
            let own = id.split_once('/').map_or(id, |(_, own)| own);
            let lexicons = self.used.get(own);
            let entries: Vec<String> = explain::lexicon_entries(rules, captured)
                .into_iter()
                .filter(|(lex, ..)| lexicons.is_some_and(|l| l.contains(lex)))
                .map(|(lex, surface, canonical)| match canonical {
                    Some(c) => format!("@{lex}: {surface} → {c}"),
                    None => format!("@{lex}: {surface}"),
                })
                .collect();
            let entries = if entries.is_empty() {
                String::new()
            } else {
                format!("  [{}]", entries.join("; "))
            };
            outln!("  capture {name} = “{captured}”{entries}");
        }
    }
}

/// Why `rule` did or did not fire on `text`.
fn why(
    rules: &Rules,
    rule: &claimkit::compile::Rule,
    text: &str,
    found: &Extraction,
    lines: &Lines,
    styled: bool,
) {
    let made: Vec<Range<usize>> = found
        .claims
        .iter()
        .filter(|c| c.rule == rule.id)
        .map(|c| c.content.clone())
        .chain(
            found
                .figures
                .iter()
                .filter(|f| f.rule == rule.id)
                .map(|f| f.span.clone()),
        )
        .collect();
    outln!(
        "{} (emit {}, scope {}, priority {})",
        paint(styled, super::bold(), &rule.id),
        super::kebab(&rule.emit),
        super::kebab(&rule.scope),
        rule.priority
    );
    let run = explain::run_rule(rules, rule, text);
    if made.is_empty() {
        outln!("did not fire.");
    } else {
        outln!("fired {}:", plural(made.len(), "time"));
        for r in &made {
            outln!("  made “{}”  {}", &text[r.clone()], lines.at(r.start));
        }
    }
    if run.windows == 0 {
        let what = match rule.scope {
            claimkit::pack::Scope::Sentence => "no sentence",
            claimkit::pack::Scope::Text => "no text",
            _ => "no quotation with a place for this scope",
        };
        outln!("no window to match in: the text has {what}.");
        return;
    }
    if run.matches.is_empty() {
        let scope = match rule.scope {
            claimkit::pack::Scope::Text => "the whole text".to_string(),
            claimkit::pack::Scope::Sentence => plural(run.windows, "sentence"),
            _ => plural(run.windows, "place next to a quotation"),
        };
        outln!("no match: the pattern matches nowhere in {scope}.");
        return;
    }
    for m in &run.matches {
        outln!("  {}", describe(rules, m, text, found, rule, lines));
    }
}

fn describe(
    rules: &Rules,
    m: &RuleMatch,
    text: &str,
    found: &Extraction,
    rule: &claimkit::compile::Rule,
    lines: &Lines,
) -> String {
    let head = format!(
        "matched “{}”  {}",
        &text[m.whole.clone()],
        lines.at(m.whole.start)
    );
    if let Some(f) = &m.failed {
        return format!("{head}: but constraint {f}");
    }
    let mine = found.claims.iter().any(|c| {
        c.rule == rule.id
            && [Some(&c.content), c.speaker.as_ref().map(|s| &s.mention)]
                .into_iter()
                .flatten()
                .any(|r| overlap(r, &m.whole))
    }) || found
        .figures
        .iter()
        .any(|f| f.rule == rule.id && overlap(&f.span, &m.whole));
    if mine {
        return format!("{head}: made output");
    }
    if matches!(rule.emit, Emit::Figure | Emit::None) {
        if let Some((other, span)) = figure_rival(rules, rule, m, text) {
            return format!(
                "{head}: but {other} matched “{}”, which wins the overlap",
                &text[span]
            );
        }
    }
    // Figures and claims do not compete: a claim rule's rival is a claim of a rule tried
    // before it whose speaker lies in the match.
    let order = |id: &str| rules.rules().iter().position(|r| r.id == id);
    let rival = match rule.emit {
        Emit::Figure | Emit::None => found
            .figures
            .iter()
            .find(|f| overlap(&f.span, &m.whole))
            .map(|f| (f.rule.as_str(), f.span.clone())),
        _ => found.claims.iter().find_map(|c| {
            let s = c.speaker.as_ref()?;
            let earlier = order(&c.rule) < order(&rule.id);
            (earlier && overlap(&s.mention, &m.whole)).then(|| (c.rule.as_str(), s.mention.clone()))
        }),
    };
    match rival {
        Some((other, span)) => format!("{head}: but {other} took “{}” first", &text[span]),
        None => format!(
            "{head}: but made nothing (a rule tried earlier took this place, or the engine rejected the capture, e.g. a speaker that is not one)"
        ),
    }
}

/// The figure or `none` rule whose match beats `m` under the overlap policy (higher
/// priority, then longer, then earlier), if one does.
fn figure_rival<'r>(
    rules: &'r Rules,
    rule: &claimkit::compile::Rule,
    m: &RuleMatch,
    text: &str,
) -> Option<(&'r str, Range<usize>)> {
    let rank = |priority: i32, r: &Range<usize>| (priority, r.len(), std::cmp::Reverse(r.start));
    let mine = rank(rule.priority, &m.whole);
    rules
        .rules()
        .iter()
        .filter(|r| r.id != rule.id && matches!(r.emit, Emit::Figure | Emit::None))
        .flat_map(|r| {
            explain::run_rule(rules, r, text)
                .matches
                .into_iter()
                .filter(|o| o.failed.is_none() && overlap(&o.whole, &m.whole))
                .filter(|o| rank(r.priority, &o.whole) > mine)
                .map(|o| (r.id.as_str(), o.whole))
                .collect::<Vec<_>>()
        })
        .next()
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Line and column of byte offsets, for `line:col` in the report.
struct Lines {
    starts: Vec<usize>,
    text_chars: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines {
            starts,
            text_chars: text.char_indices().map(|(i, _)| i).collect(),
        }
    }

    fn at(&self, byte: usize) -> String {
        let line = self.starts.partition_point(|&s| s <= byte).max(1);
        let start = self.starts[line - 1];
        let col = self.text_chars.partition_point(|&i| i < byte)
            - self.text_chars.partition_point(|&i| i < start)
            + 1;
        format!("at {line}:{col}")
    }
}

/// The text with claims, speakers, cues and figures marked: colours when `styled`,
/// brackets otherwise. Spans are drawn innermost-last, so a figure inside a claim shows.
fn highlight(text: &str, found: &Extraction, styled: bool) -> String {
    // (span, open, close, colour), outer kinds first.
    let mut marks: Vec<(Range<usize>, &str, &str, AnsiColor)> = Vec::new();
    for c in &found.claims {
        marks.push((c.content.clone(), "⟦", "⟧", AnsiColor::Cyan));
        if let Some(s) = &c.speaker {
            marks.push((s.mention.clone(), "⟨", "⟩", AnsiColor::Magenta));
        }
        if let Some(cue) = &c.cue {
            marks.push((cue.clone(), "⟨", "⟩", AnsiColor::Blue));
        }
    }
    for f in &found.figures {
        marks.push((f.span.clone(), "⟪", "⟫", AnsiColor::Yellow));
    }
    // An inherited attribution shares its speaker and cue with the quotation before.
    marks.sort_by_key(|m| (m.0.start, m.0.end, m.1));
    marks.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    // Events: (position, is_open, order) so that at one position closes come before
    // opens, and longer spans open first and close last.
    let mut events: Vec<(usize, bool, usize, usize)> = Vec::new();
    for (i, (r, ..)) in marks.iter().enumerate() {
        events.push((r.start, true, usize::MAX - r.len(), i));
        events.push((r.end, false, r.len(), i));
    }
    events.sort_by_key(|&(pos, open, order, _)| (pos, open, order));
    let mut out = String::with_capacity(text.len() + events.len() * 8);
    let mut stack: Vec<usize> = Vec::new();
    let mut at = 0;
    for (pos, open, _, i) in events {
        out.push_str(&text[at..pos]);
        at = pos;
        let (_, o, c, _) = &marks[i];
        if styled {
            if open {
                stack.push(i);
            } else if let Some(p) = stack.iter().rposition(|&s| s == i) {
                stack.remove(p);
            }
            out.push_str(&anstyle::Reset.render().to_string());
            if let Some(&top) = stack.last() {
                let style = marks[top].3.on_default().bold();
                out.push_str(&style.render().to_string());
            }
        } else {
            out.push_str(if open { o } else { c });
        }
    }
    out.push_str(&text[at..]);
    out
}
