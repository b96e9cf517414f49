//! `claimkit extract`: documents in, one JSON line per document out, in input order.
//!
//! Documents are read as a stream and extracted in parallel in bounded batches, so
//! memory stays flat however large the input. A document that cannot be read is
//! reported on standard error with its file (and line) and skipped; the exit status
//! is 1 at the end if any was. A closed output pipe ends the run quietly.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use rayon::prelude::*;

use claimkit::input::{Documents, Format, Item};
use claimkit::output;

/// Documents per batch handed to the worker threads.
const BATCH_DOCS: usize = 512;
/// Bytes of text per batch, to bound memory when documents are large.
const BATCH_BYTES: usize = 16 << 20;

#[derive(clap::Args)]
pub struct Args {
    /// Files, folders, or `-` for standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Write the JSONL here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Load the rule pack from this folder at run time instead of the built-in one.
    #[arg(long)]
    rules: Option<PathBuf>,
    /// How to read input files.
    #[arg(long, value_enum, default_value = "auto")]
    format: Format,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
}

pub fn run(args: Args) -> ExitCode {
    let Some(rules) = super::load_rules(args.rules.as_deref()) else {
        return ExitCode::from(2);
    };
    if let Some(n) = args.threads {
        // Only fails if a global pool exists already, which it cannot here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let sink: Box<dyn Write> = match &args.output {
        Some(path) => match File::create(path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                eprintln!("error: {}: cannot create output file: {e}", path.display());
                return ExitCode::from(2);
            }
        },
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 16, sink);
    let mut errors = 0usize;
    let mut batch: Vec<(String, String)> = Vec::new();
    let mut batch_bytes = 0;
    let mut docs = Documents::new(&args.inputs, args.format);
    loop {
        let item = docs.next();
        let done = item.is_none();
        match item {
            Some(Item::Doc { id, text }) => {
                batch_bytes += text.len();
                batch.push((id, text));
            }
            Some(Item::Error { origin, message }) => {
                errors += 1;
                eprintln!("error: {origin}: {message}");
            }
            None => {}
        }
        if done || batch.len() >= BATCH_DOCS || batch_bytes >= BATCH_BYTES {
            let lines: Vec<String> = batch
                .par_iter()
                .map(|(id, text)| output::to_json_line(id, text, &rules.extract(text)))
                .collect();
            for line in lines {
                if let Err(e) = writeln!(out, "{line}") {
                    return write_failed(e);
                }
            }
            batch.clear();
            batch_bytes = 0;
        }
        if done {
            break;
        }
    }
    if let Err(e) = out.flush() {
        return write_failed(e);
    }
    if errors > 0 {
        eprintln!(
            "error: {errors} input{} could not be read",
            if errors == 1 { "" } else { "s" }
        );
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn write_failed(e: io::Error) -> ExitCode {
    if e.kind() == io::ErrorKind::BrokenPipe {
        ExitCode::SUCCESS
    } else {
        eprintln!("error: cannot write output: {e}");
        ExitCode::from(2)
    }
}
