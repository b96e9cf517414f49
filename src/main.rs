//! The `claimkit` command line: parsing only; each subcommand lives in `cli/`.

mod cli;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => cli::extract::run(args),
    }
}
