//! `claimkit test`: runs every example of every rule of a pack and prints each
//! failure as a diff of what the example expects against what came out, then a
//! summary line. A rule without both a `match` and a `no-match` example fails too.
//! Exit status: 0 when every example holds, 1 when one does not, 2 when the pack
//! does not load.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use claimkit::examples::{self, ExampleFailure};
use claimkit::pack::lint;
use claimkit::Rules;

use super::{paint, plural, Color};

#[derive(clap::Args)]
pub struct Args {
    /// The pack folder to test (default: the built-in pack).
    #[arg(long)]
    rules: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
}

pub fn run(args: Args) -> ExitCode {
    let styled = args.color.stdout();
    let pack = match super::load_pack(args.rules.as_deref()) {
        Ok(p) => p,
        Err(e) => return broken(&e),
    };
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
    let rules = match Rules::compile(pack) {
        Ok(r) => r,
        Err(e) => return broken(&e),
    };
    let total: usize = rules.rules().iter().map(|r| r.examples.len()).sum();
    let failures = examples::run(&rules);
    for f in &failures {
        let place = places
            .get(&(f.rule.clone(), f.index))
            .map_or(String::new(), |p| format!(" ({p})"));
        print_failure(f, &place, styled);
    }
    for d in &missing {
        outln!("{} {d}\n", paint(styled, super::red(), "FAIL"));
    }
    let failed_examples = count_examples(&failures);
    let passed = total - failed_examples;
    let ok = failures.is_empty() && missing.is_empty();
    let verdict = if ok {
        paint(styled, super::green(), "ok")
    } else {
        paint(styled, super::red(), "FAILED")
    };
    let mut line = format!(
        "test result: {verdict}. {} of {}: {passed} passed, {failed_examples} failed",
        plural(total, "example"),
        plural(rules.rules().len(), "rule"),
    );
    if !missing.is_empty() {
        line.push_str(&format!(
            "; {} without both kinds of example",
            plural(missing.len(), "rule")
        ));
    }
    outln!("{line}");
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
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
