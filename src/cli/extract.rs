//! `claimkit extract`: documents in, one JSON line per document out, in input order.
//!
//! Documents are read as a stream and extracted in parallel in bounded batches (at most
//! `BATCH_DOCS` documents or `BATCH_BYTES` of text, plus their output lines), so memory
//! stays flat however large the input and does not grow with the thread count; only a
//! single huge document needs memory in proportion to itself. A document that cannot be
//! read is reported on standard error with its file (and line) and skipped; the exit
//! status is 1 at the end if any was. A closed output pipe (`| head`) ends the run
//! quietly with status 0.
//!
//! On a terminal, standard error shows a progress bar (input bytes, rate, ETA when the
//! input sizes are known, documents); at the end one summary line says what was done.
//! `--quiet` silences both; error lines are always printed.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use claimkit::input::{Documents, Fields, Format, Item, JsonFields};
use claimkit::output;

/// Documents per batch handed to the worker threads.
const BATCH_DOCS: usize = 128;
/// Bytes of text per batch, to bound memory when documents are large.
const BATCH_BYTES: usize = 16 << 20;

#[derive(clap::Args)]
pub struct Args {
    /// Files (.txt, .jsonl, either also .gz or .zst), folders (recursively, sorted), or
    /// `-` for standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Write the JSONL here instead of standard output (`-` is standard output).
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
    /// The JSONL field that holds a document's text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    text_field: String,
    /// The JSONL field that holds a document's id (default: the line number when absent).
    #[arg(long, value_name = "NAME", default_value = "id")]
    id_field: String,
    /// JSONL fields to carry through to each output record, under `"fields"`.
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    keep_fields: Vec<String>,
    /// No progress bar and no summary line (errors are still reported).
    #[arg(short, long)]
    quiet: bool,
}

/// What a run did, for the summary line.
#[derive(Default)]
struct Tally {
    documents: usize,
    claims: usize,
    figures: usize,
    errors: usize,
    text_bytes: usize,
}

pub fn run(args: Args) -> ExitCode {
    if let Some(n) = args.threads {
        // Before the pack compiles (on this pool too). Only fails if a global pool
        // exists already, which it cannot here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let Some(rules) = super::load_rules(args.rules.as_deref()) else {
        return ExitCode::from(2);
    };
    // The process ends with this command: freeing the compiled pack node by node
    // would only keep it waiting (a tenth of a short run's time).
    let rules = std::mem::ManuallyDrop::new(rules);
    let started = Instant::now();
    let to_file = args.output.as_ref().filter(|p| p.as_os_str() != "-");
    let sink: Box<dyn Write> = match to_file {
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
    let keep = !args.keep_fields.is_empty();
    let mut docs = Documents::new(&args.inputs, args.format).json_fields(JsonFields {
        text: args.text_field,
        id: args.id_field,
        keep: args.keep_fields,
    });
    let progress = progress_bar(args.quiet, docs.total_bytes());
    let mut tally = Tally::default();
    let mut batch: Vec<(String, String, Fields)> = Vec::new();
    let mut batch_bytes = 0;
    loop {
        let item = docs.next_with_fields();
        let done = item.is_none();
        match item {
            Some((Item::Doc { id, text }, fields)) => {
                batch_bytes += text.len();
                batch.push((id, text, fields));
            }
            Some((Item::Error { origin, message }, _)) => {
                tally.errors += 1;
                progress.suspend(|| eprintln!("error: {origin}: {message}"));
            }
            None => {}
        }
        if done || batch.len() >= BATCH_DOCS || batch_bytes >= BATCH_BYTES {
            let lines: Vec<(String, usize, usize)> = batch
                .par_iter()
                .map(|(id, text, fields)| {
                    let ex = rules.extract(text);
                    let kept = keep.then_some(fields.as_slice());
                    let line = output::to_json_line_with_fields(id, kept, text, &ex);
                    (line, ex.claims.len(), ex.figures.len())
                })
                .collect();
            for (line, claims, figures) in lines {
                if let Err(e) = writeln!(out, "{line}") {
                    progress.finish_and_clear();
                    return write_failed(e);
                }
                tally.claims += claims;
                tally.figures += figures;
            }
            tally.documents += batch.len();
            tally.text_bytes += batch_bytes;
            progress.set_position(docs.bytes_read());
            progress.set_message(format!("{} documents", tally.documents));
            batch.clear();
            batch_bytes = 0;
        }
        if done {
            break;
        }
    }
    let flushed = out.flush();
    progress.finish_and_clear();
    if let Err(e) = flushed {
        return write_failed(e);
    }
    if !args.quiet {
        eprintln!("{}", summary(&tally, started.elapsed()));
    }
    if tally.errors > 0 {
        eprintln!(
            "error: {} input{} could not be read",
            tally.errors,
            if tally.errors == 1 { "" } else { "s" }
        );
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A progress bar on standard error when a person watches it, else a hidden one.
fn progress_bar(quiet: bool, total_bytes: Option<u64>) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let (bar, template) = match total_bytes {
        Some(total) => (
            ProgressBar::new(total),
            "{bar:30} {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} ETA {eta} {msg}",
        ),
        None => (
            ProgressBar::no_length(),
            "{spinner} {decimal_bytes} {decimal_bytes_per_sec} {elapsed} {msg}",
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// The one line said at the end of a run.
fn summary(t: &Tally, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64();
    let mb = t.text_bytes as f64 / 1e6;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "extracted {}: {}, {}, {} in {secs:.2} s ({mb:.2} MB of text, {:.2} MB/s)",
        plural(t.documents, "document"),
        plural(t.claims, "claim"),
        plural(t.figures, "figure"),
        plural(t.errors, "error"),
        if secs > 0.0 { mb / secs } else { 0.0 },
    )
}

fn write_failed(e: io::Error) -> ExitCode {
    if e.kind() == io::ErrorKind::BrokenPipe {
        ExitCode::SUCCESS
    } else {
        eprintln!("error: cannot write output: {e}");
        ExitCode::from(2)
    }
}
