//! `claimkit test`: runs every example of every rule of a pack and prints each
//! failure as a diff of what the example expects against what came out, then a
//! summary line. A rule without both a `match` and a `no-match` example fails too; an
//! example marked `known-gap` is reported as a GAP and does not fail the run.
//! Exit status: 0 when every example holds, 1 when one does not, 2 when the pack
//! does not load.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use claimkit::examples::{self, ExampleFailure};
use claimkit::pack::{lint, Pack};
use claimkit::Rules;

use super::{paint, plural, Color};

#[derive(clap::Args)]
pub struct Args {
    /// The pack folder to test, or a folder of packs (default: the built-in pack).
    #[arg(long)]
    rules: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
}

pub fn run(args: Args) -> ExitCode {
    let styled = args.color.stdout();
    let sources = match super::all_packs(args.rules.as_deref()) {
        Ok(s) => s,
        Err(e) => return broken(&e),
    };
    let mut status = ExitCode::SUCCESS;
    let mut all_ok = true;
    for source in &sources {
        let outcome = Pack::load(source).and_then(|pack| test_pack(pack, styled));
        match outcome {
            Ok(true) => {}
            Ok(false) => all_ok = false,
            Err(e) => status = broken(&e),
        }
    }
    if status == ExitCode::SUCCESS && !all_ok {
        status = ExitCode::from(1);
    }
    status
}

/// Runs one pack's examples and prints the report; whether all held.
fn test_pack(pack: Pack, styled: bool) -> Result<bool, claimkit::PackError> {
    // Where each example is written, by rule id and position, for the report.
    let mut places: HashMap<(String, usize), String> = HashMap::new();
    for def in &pack.rules {
        for i in 0..def.spec.examples.len() {
            let at = def.origin.child("examples").child(i).location();
            let (line, col) = at.file.line_col(at.range.start);
            let id = format!("{}/{}", pack.name, def.spec.id);
            places.insert((id, i), format!("{}:{line}:{col}", at.file.path));
        }
    }
    let missing: Vec<_> = lint::lint(&pack)
        .into_iter()
        .filter(|d| d.code == "missing-example")
        .collect();
    let rules = Rules::compile(pack)?;
    let total: usize = rules.rules().iter().map(|r| r.examples.len()).sum();
    let report = examples::run_all(&rules);
    let failures = report.failures;
    let place = |f: &ExampleFailure| {
        places
            .get(&(f.rule.clone(), f.index))
            .map_or(String::new(), |p| format!(" ({p})"))
    };
    for f in &failures {
        print_failure(f, &place(f), styled);
    }
    for g in &report.gaps {
        outln!(
            "{} {}{}: {}\n",
            paint(styled, super::yellow(), "GAP"),
            g.rule,
            place(g),
            g.problem
        );
    }
    for d in &missing {
        outln!("{} {d}\n", paint(styled, super::red(), "FAIL"));
    }
    let failed_examples = count_examples(&failures);
    let gaps = count_examples(&report.gaps);
    let passed = total - failed_examples - gaps;
    let ok = failures.is_empty() && missing.is_empty();
    let verdict = if ok {
        paint(styled, super::green(), "ok")
    } else {
        paint(styled, super::red(), "FAILED")
    };
    let mut line = format!(
        "test result: {verdict}. pack `{}`, {} of {}: {passed} passed, {failed_examples} failed",
        rules.name(),
        plural(total, "example"),
        plural(rules.rules().len(), "rule"),
    );
    if gaps > 0 {
        line.push_str(&format!(
            ", {gaps} known gap{}",
            if gaps == 1 { "" } else { "s" }
        ));
    }
    if !missing.is_empty() {
        line.push_str(&format!(
            "; {} without both kinds of example",
            plural(missing.len(), "rule")
        ));
    }
    outln!("{line}");
    Ok(ok)
}

fn broken(e: &claimkit::PackError) -> ExitCode {
    eprintln!("{}", e.render(false));
    ExitCode::from(2)
}

/// Examples with at least one failure (one example may fail in several ways).
fn count_examples(failures: &[ExampleFailure]) -> usize {
    let mut seen: Vec<(&str, usize)> = failures
        .iter()
        .map(|f| (f.rule.as_str(), f.index))
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

fn print_failure(f: &ExampleFailure, place: &str, styled: bool) {
    outln!(
        "{} {}{place}: {}",
        paint(styled, super::red(), "FAIL"),
        paint(styled, super::bold(), &f.rule),
        f.problem
    );
    outln!("    example:  {}", f.example);
    outln!(
        "  {}",
        paint(
            styled,
            super::green(),
            &format!("- expected: {}", f.expected)
        )
    );
    outln!(
        "  {}",
        paint(styled, super::red(), &format!("+ actual:   {}", f.actual))
    );
    outln!();
}
