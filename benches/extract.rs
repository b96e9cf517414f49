//! `cargo bench`: end-to-end throughput of `claimkit extract` on the benchmark corpus
//! (1 thread and all threads), its peak memory and start-up time, beside the ceiling
//! measured in the same run (the same automata and regexes scanning the same text
//! with no extraction logic). Figures are printed, never asserted. Each extraction runs
//! `CLAIMKIT_BENCH_RUNS` times (default 3), its median reported.
//!
//! Build the corpus first: `python3 scripts/bench-corpus.py` (about 50 MB of real
//! news text, written to target/bench/corpus.jsonl). `CLAIMKIT_BENCH_MB` limits how
//! much of it is read (default: all).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus_path = root.join("target/bench/corpus.jsonl");
    if !corpus_path.exists() {
        eprintln!("no benchmark corpus: run `python3 scripts/bench-corpus.py` first");
        return;
    }
    let limit_mb: usize = std::env::var("CLAIMKIT_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(usize::MAX >> 21);
    let input = limited_copy(&corpus_path, limit_mb);
    let rules = claimkit::Rules::builtin().expect("the built-in pack compiles");
    let corpus = claimkit::bench::Corpus::read(std::slice::from_ref(&input), usize::MAX);
    let mb = corpus.bytes as f64 / 1e6;
    println!(
        "corpus: {} documents, {mb:.1} MB of text",
        corpus.texts.len()
    );

    let bin = env!("CARGO_BIN_EXE_claimkit");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Each configuration runs `CLAIMKIT_BENCH_RUNS` times, alternating, and reports its
    // median time: a single run on this noisy machine can be a fifth off either way.
    let runs: usize = std::env::var("CLAIMKIT_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    let mut timings: Vec<Vec<(f64, Option<u64>)>> = vec![Vec::new(); 2];
    for _ in 0..runs {
        for (k, threads) in [1, cores].into_iter().enumerate() {
            timings[k].push(run_extract(bin, &input, threads));
        }
    }
    let mut one = 0.0;
    for (threads, mut runs) in [1, cores].into_iter().zip(timings) {
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let secs = runs[runs.len() / 2].0;
        let peak = runs.iter().filter_map(|r| r.1).max();
        let rate = mb / secs;
        if threads == 1 {
            one = rate;
        }
        println!(
            "extract, {threads} thread(s): {rate:7.2} MB/s ({secs:.1} s, median of {}, {:.2}× one thread), peak memory {}",
            runs.len(),
            rate / one,
            peak.map_or("n/a".into(), |kb| format!("{:.0} MB", kb as f64 / 1024.0)),
        );
    }
    rules.warm();
    let (_, ceiling) = claimkit::bench::ceiling_pass(&rules, &corpus);
    println!(
        "ceiling, 1 thread:   {ceiling:7.2} MB/s (extract on 1 thread is {:.0}% of it)",
        100.0 * one / ceiling
    );
    let start_up = start_up_ms(bin, root);
    println!("start-up (load and compile the built-in pack, extract one short text): {start_up:.0} ms (median of 5)");
}

/// The first `limit_mb` MB of the corpus file, as its own file (or the file itself).
fn limited_copy(path: &Path, limit_mb: usize) -> PathBuf {
    let text = std::fs::read_to_string(path).expect("the corpus is readable");
    if text.len() <= limit_mb << 20 {
        return path.to_path_buf();
    }
    let mut end = limit_mb << 20;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end].rfind('\n').map_or(0, |i| i + 1);
    let out = path.with_file_name(format!("corpus-{limit_mb}mb.jsonl"));
    std::fs::write(&out, &text[..cut]).expect("the limited corpus is written");
    out
}

/// Seconds taken by `claimkit extract` and its peak resident memory in kB, sampled
/// from /proc every 10 ms (Linux; `None` elsewhere).
fn run_extract(bin: &str, input: &Path, threads: usize) -> (f64, Option<u64>) {
    let start = Instant::now();
    let mut child = Command::new(bin)
        .args([
            "extract",
            "--threads",
            &threads.to_string(),
            "-o",
            "/dev/null",
        ])
        .arg(input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("claimkit starts");
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = None;
    loop {
        if let Some(kb) = std::fs::read_to_string(&status_path)
            .ok()
            .and_then(|s| vm_hwm_kb(&s))
        {
            peak = Some(peak.map_or(kb, |p: u64| p.max(kb)));
        }
        if child.try_wait().expect("claimkit runs").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    (start.elapsed().as_secs_f64(), peak)
}

fn vm_hwm_kb(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn start_up_ms(bin: &str, root: &Path) -> f64 {
    let text = root.join("target/bench/one-line.txt");
    std::fs::write(&text, "“We will respond,” the minister said on Monday.\n").expect("written");
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            Command::new(bin)
                .arg("extract")
                .arg(&text)
                .stdout(Stdio::null())
                .status()
                .expect("claimkit runs");
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[2]
}
