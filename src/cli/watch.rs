//! `claimkit watch --rules DIR FILE…`: extracts the files, then again whenever a file
//! of the pack changes, and prints what changed since the last run (as `claimkit diff`
//! prints it). An edit that breaks the pack prints its diagnostics and keeps the last
//! good rules, so the next good edit is compared with the last good run.
//!
//! The folders of the packs it `extends` are watched too. Changes are noticed with
//! the `notify` crate; a burst of events (an editor writing a file in several steps)
//! is gathered for a moment and handled as one change.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};
use serde_json::Value;

use claimkit::input::{Documents, Format, Item};
use claimkit::{output, Rules};

use super::diff::compare;
use super::Color;

/// How long to wait for more events after the first of a burst.
const SETTLE: Duration = Duration::from_millis(200);

#[derive(clap::Args)]
pub struct Args {
    /// The pack folder to watch.
    #[arg(long, required = true)]
    rules: PathBuf,
    /// Files or folders to extract on every change.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Stop after this many runs (the first one included); for scripts and tests.
    #[arg(long, hide = true)]
    max_runs: Option<usize>,
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
}

pub fn run(args: Args) -> ExitCode {
    let styled = args.color.stdout();
    let (tx, rx) = mpsc::channel();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch files: {e}");
            return ExitCode::from(2);
        }
    };
    // The folders of the packs this one extends change its rules too.
    let mut folders = vec![args.rules.clone()];
    if let Ok(pack) = super::load_pack(Some(&args.rules)) {
        for layer in pack.layers.iter().map(PathBuf::from) {
            if layer.is_dir() && !folders.contains(&layer) {
                folders.push(layer);
            }
        }
    }
    for folder in &folders {
        if let Err(e) = watcher.watch(folder, RecursiveMode::Recursive) {
            eprintln!("error: {}: cannot watch: {e}", folder.display());
            return ExitCode::from(2);
        }
    }
    let mut last: Option<Vec<(String, Value)>> = None;
    let mut runs = 0;
    loop {
        match Rules::load(&args.rules) {
            Ok(rules) => {
                let now = extract_all(&rules, &args.inputs);
                report(last.as_deref(), &now, styled);
                last = Some(now);
            }
            Err(e) => {
                outln!("{}", e.render(styled));
                match last {
                    Some(_) => outln!("keeping the last good rules; waiting for a fix"),
                    None => outln!("waiting for a fix"),
                }
            }
        }
        runs += 1;
        if args.max_runs.is_some_and(|m| runs >= m) {
            return ExitCode::SUCCESS;
        }
        outln!("watching {} for changes…", args.rules.display());
        if !wait_for_change(&rx) {
            return ExitCode::SUCCESS;
        }
    }
}

/// Blocks until a file of the pack changes; false when the watcher is gone.
fn wait_for_change(rx: &mpsc::Receiver<notify::Result<notify::Event>>) -> bool {
    loop {
        match rx.recv() {
            Ok(Ok(event)) if event.kind.is_access() => continue,
            Ok(_) => break,
            Err(_) => return false,
        }
    }
    // Gather the rest of the burst.
    while rx.recv_timeout(SETTLE).is_ok() {}
    true
}

fn extract_all(rules: &Rules, inputs: &[PathBuf]) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for item in Documents::new(inputs, Format::Auto) {
        match item {
            Item::Doc { id, text } => {
                let rec = serde_json::to_value(output::record(&id, &text, &rules.extract(&text)));
                out.push((id, rec.unwrap_or(Value::Null)));
            }
            Item::Error { origin, message } => eprintln!("error: {origin}: {message}"),
        }
    }
    out
}

fn report(last: Option<&[(String, Value)]>, now: &[(String, Value)], styled: bool) {
    let count = |v: &Value, k: &str| v[k].as_array().map_or(0, Vec::len);
    let Some(last) = last else {
        for (id, rec) in now {
            outln!(
                "{id}: {} claims, {} figures",
                count(rec, "claims"),
                count(rec, "figures")
            );
        }
        return;
    };
    let mut changed = 0;
    for (id, rec) in now {
        let before = last
            .iter()
            .find(|(i, _)| i == id)
            .map_or(&Value::Null, |(_, v)| v);
        let d = compare(id, before, rec);
        if !d.changes.is_empty() {
            changed += 1;
            out!("{}", d.render(styled));
        }
    }
    if changed == 0 {
        outln!("rules reloaded: no change in the output");
    } else {
        outln!(
            "rules reloaded: {} changed",
            super::plural(changed, "document")
        );
    }
}
