//! `claimkit bench`: how fast a pack runs over a corpus and which rules cost the time.
//! Prints end-to-end MB/s on one thread and on all, the ceiling (the same automata
//! scanning the same text with no extraction logic), and the most expensive rules.

use std::path::PathBuf;
use std::process::ExitCode;

use claimkit::bench::{self, Corpus};

#[derive(clap::Args)]
pub struct Args {
    /// Files or folders of documents (.txt, .jsonl), as for `extract`.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The pack folder (default: the built-in pack).
    #[arg(long)]
    rules: Option<PathBuf>,
    /// Read at most this many MB of text.
    #[arg(long, default_value_t = 64)]
    limit_mb: usize,
    /// How many rules to list, the most expensive first.
    #[arg(long, default_value_t = 15)]
    top: usize,
}

pub fn run(args: Args) -> ExitCode {
    let Some(mut rules) = super::load_rules(args.rules.as_deref()) else {
        return ExitCode::from(2);
    };
    let corpus = Corpus::read(&args.inputs, args.limit_mb << 20);
    if corpus.texts.is_empty() {
        eprintln!("error: no documents in the inputs");
        return ExitCode::from(1);
    }
    outln!(
        "corpus: {} documents, {:.1} MB of text",
        corpus.texts.len(),
        corpus.bytes as f64 / 1e6
    );
    // Compile every lazily compiled regex first, so the passes time matching only.
    rules.warm();
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    let one = bench::extract_pass(&rules, &corpus, 1);
    let many = bench::extract_pass(&rules, &corpus, all);
    let (_, ceiling) = bench::ceiling_pass(&rules, &corpus);
    outln!(
        "extract, 1 thread:   {:8.2} MB/s ({:.2} s; {} claims, {} figures)",
        one.mb_per_s,
        one.seconds,
        one.claims,
        one.figures
    );
    outln!(
        "extract, {} threads: {:8.2} MB/s ({:.2}× one thread)",
        many.threads,
        many.mb_per_s,
        many.mb_per_s / one.mb_per_s
    );
    outln!(
        "ceiling, 1 thread:   {:8.2} MB/s (extract is {:.0}% of it)",
        ceiling,
        100.0 * one.mb_per_s / ceiling
    );
    if let Some(mb) = bench::peak_memory_mb() {
        outln!("peak memory of this run (corpus held in memory): {mb:.0} MB");
    }
    // Last, as counting costs a clock reading per search.
    let (costs, seconds) = bench::rule_costs(&mut rules, &corpus);
    let in_rules: f64 = costs.iter().map(|c| c.seconds).sum();
    outln!(
        "\nrules by cost, as extraction runs them (one thread, {seconds:.2} s, of which {:.0}% in rule searches):",
        100.0 * in_rules / seconds
    );
    outln!("       s  share  searches  matches  rule");
    for c in costs.iter().take(args.top) {
        outln!(
            "{:8.3} {:5.1}% {:9} {:8}  {}",
            c.seconds,
            100.0 * c.seconds / seconds,
            c.searches,
            c.matches,
            c.id
        );
    }
    ExitCode::SUCCESS
}
