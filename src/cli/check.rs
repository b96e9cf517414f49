//! `claimkit check`: loads and compiles a pack and reports every problem at once, each
//! with file, line and column and the YAML underlined, errors and warnings alike.
//!
//! The compiler's errors come first (they stop the pack from loading), then patterns
//! too large to compile and rules that will run slowly (`slow-rule`), then the lints
//! of [`claimkit::pack::lint`] (patterns that never fire or match the empty string,
//! unused lexicons, rules without examples). Exit status: 0 with at most warnings,
//! 1 with any error.

use std::path::PathBuf;
use std::process::ExitCode;

use claimkit::pack::{lint, Pack};
use claimkit::{Diagnostic, Rules};

use super::{paint, plural, Color};

#[derive(clap::Args)]
pub struct Args {
    /// The pack folder to check, or a folder of packs (default: the built-in pack).
    #[arg(long)]
    rules: Option<PathBuf>,
    /// `text` (rendered like rustc) or `json` (one diagnostic per line).
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn run(args: Args) -> ExitCode {
    let styled = args.color.stdout();
    let loaded: Vec<Result<Pack, claimkit::PackError>> =
        match super::all_packs(args.rules.as_deref()) {
            Ok(sources) => sources.iter().map(Pack::load).collect(),
            Err(e) => vec![Err(e)],
        };
    let mut failed = false;
    for pack in loaded {
        let (summary, diags) = match pack {
            Err(e) => ("the pack cannot be read".to_string(), e.diagnostics),
            Ok(pack) => check(pack),
        };
        let errors = diags.iter().filter(|d| d.is_error()).count();
        failed |= errors > 0;
        match args.format {
            Format::Json => {
                for d in &diags {
                    outln!("{}", serde_json::to_string(d).unwrap_or_default());
                }
            }
            Format::Text => print_text(&diags, styled, &summary, errors, diags.len() - errors),
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A one-line description of the pack, and every problem in it.
fn check(pack: Pack) -> (String, Vec<Diagnostic>) {
    let summary = format!(
        "pack `{}` ({}): {}, {}",
        pack.name,
        pack.layers.join(" + "),
        plural(pack.rules.len(), "rule"),
        plural(pack.lexicons.len(), "lexicon"),
    );
    // Lints on a pack with unread files would only echo what is missing.
    let lints = if pack.all_yaml_read {
        lint::lint(&pack)
    } else {
        Vec::new()
    };
    let mut diags = match Rules::compile(pack) {
        Ok(rules) => {
            let mut diags = rules.warm();
            diags.extend(rules.speed_warnings());
            diags
        }
        Err(e) => e.diagnostics,
    };
    diags.extend(lints);
    (summary, diags)
}

fn print_text(diags: &[Diagnostic], styled: bool, summary: &str, errors: usize, warnings: usize) {
    for d in diags {
        outln!("{}\n", d.render(styled));
    }
    let verdict = match (errors, warnings) {
        (0, 0) => paint(styled, super::green(), "ok"),
        (0, w) => paint(
            styled,
            super::green(),
            &format!("ok, {}", plural(w, "warning")),
        ),
        (e, w) => paint(
            styled,
            super::red(),
            &format!("{}, {}", plural(e, "error"), plural(w, "warning")),
        ),
    };
    outln!("{summary}: {verdict}");
}
