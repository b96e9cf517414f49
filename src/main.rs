//! The `claimkit` command line: parsing only; each subcommand lives in `cli/`.

mod cli;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

// Compiling a pack allocates hundreds of thousands of small syntax trees and programs,
// which jemalloc serves faster than the system's malloc; peak memory stays flat.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

// What compiling the pack frees (most of what it allocates) goes back to the system
// within a tenth of a second, on jemalloc's own thread, instead of staying mapped for
// the ten seconds jemalloc keeps it by default: 2-3 MB less at the peak of a run, none
// of it at start-up. The string is read as a C string, before `main`.
#[cfg(not(target_env = "msvc"))]
#[allow(non_upper_case_globals)]
#[export_name = "_rjem_malloc_conf"]
pub static malloc_conf: &[u8] = b"background_thread:true,dirty_decay_ms:100,muzzy_decay_ms:0\0";

#[derive(Parser)]
#[command(
    name = "claimkit",
    version,
    about = "Extract claims, speakers and figures from news text with editable rule packs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract claims and figures from documents into JSONL, one line per document.
    Extract(cli::extract::Args),
    /// Report every problem of a rule pack, with file, line and column.
    Check(cli::check::Args),
    /// Run every rule example of a pack; print each failure as a diff.
    Test(cli::test::Args),
    /// Show what each rule made from a text, or why one rule did not fire.
    Explain(cli::explain::Args),
    /// Compare two rule packs (or a saved extraction) over a corpus.
    Diff(cli::diff::Args),
    /// Re-run extraction whenever a rule file changes, printing what changed.
    Watch(cli::watch::Args),
    /// List the rules of a pack, or dump the resolved pack (`--dump`).
    Rules(cli::rules::Args),
    /// Measure a pack's speed over a corpus, beside its ceiling, and each rule's cost.
    Bench(cli::bench::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => cli::extract::run(args),
        Command::Check(args) => cli::check::run(args),
        Command::Test(args) => cli::test::run(args),
        Command::Explain(args) => cli::explain::run(args),
        Command::Diff(args) => cli::diff::run(args),
        Command::Watch(args) => cli::watch::run(args),
        Command::Rules(args) => cli::rules::run(args),
        Command::Bench(args) => cli::bench::run(args),
    }
}
