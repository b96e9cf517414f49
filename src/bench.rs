//! Bench: how fast a pack runs over a corpus, what the same automata cost alone (the
//! ceiling), and what each rule costs. Used by `claimkit bench` and `cargo bench`.
//!
//! Figures, not tests: nothing here asserts a speed.

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

use crate::compile::{RuleCost, Rules};
use crate::input::{Documents, Format, Item};

/// The documents of a corpus, held in memory so that reading is not timed.
pub struct Corpus {
    pub texts: Vec<String>,
    pub bytes: usize,
}

impl Corpus {
    /// Reads every document of the inputs (unreadable ones are skipped), stopping
    /// once `limit` bytes of text are read.
    pub fn read(inputs: &[PathBuf], limit: usize) -> Corpus {
        let mut texts = Vec::new();
        let mut bytes = 0;
        for item in Documents::new(inputs, Format::Auto) {
            if let Item::Doc { text, .. } = item {
                bytes += text.len();
                texts.push(text);
                if bytes >= limit {
                    break;
                }
            }
        }
        Corpus { texts, bytes }
    }

    fn mb(&self) -> f64 {
        self.bytes as f64 / 1e6
    }
}

/// One timed pass over a corpus.
#[derive(Debug, Clone)]
pub struct Pass {
    pub threads: usize,
    pub seconds: f64,
    pub mb_per_s: f64,
    pub claims: usize,
    pub figures: usize,
}

/// Extracts every document and writes its JSONL record (to memory), on `threads`
/// threads: what `claimkit extract` does, without the reading and writing of files.
pub fn extract_pass(rules: &Rules, corpus: &Corpus, threads: usize) -> Pass {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    let start = Instant::now();
    let (claims, figures) = pool.install(|| {
        corpus
            .texts
            .par_iter()
            .map(|text| {
                let found = rules.extract(text);
                std::hint::black_box(crate::output::to_json_line("bench", text, &found));
                (found.claims.len(), found.figures.len())
            })
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    let seconds = start.elapsed().as_secs_f64();
    Pass {
        threads,
        seconds,
        mb_per_s: corpus.mb() / seconds,
        claims,
        figures,
    }
}

/// The ceiling: every lexicon automaton and every rule's first search (its regex; for
/// a split pattern its anchor automaton; for a figure rule its program where its start
/// atoms hold, every match) scanning each text once, on one thread, with no extraction
/// logic. Seconds and MB/s.
pub fn ceiling_pass(rules: &Rules, corpus: &Corpus) -> (f64, f64) {
    let start = Instant::now();
    let mut hits = 0usize;
    for text in &corpus.texts {
        hits += rules.scan(text);
    }
    std::hint::black_box(hits);
    let seconds = start.elapsed().as_secs_f64();
    (seconds, corpus.mb() / seconds)
}

/// Each rule's cost over a corpus, measured where extraction spends it: one pass on
/// one thread with every rule search timed (claim rules tried in order until one
/// matches, attribution rules around quotes, figure rules where a figure can begin).
/// Also the pass's whole time, of which the rest went to quotes, sentences, speakers
/// and output. Turns cost counting on in `rules`.
pub fn rule_costs(rules: &mut Rules, corpus: &Corpus) -> (Vec<RuleCost>, f64) {
    rules.count_costs();
    let pass = extract_pass(rules, corpus, 1);
    (rules.costs(), pass.seconds)
}

/// This process's peak resident memory in MB, where the system says (Linux).
pub fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
