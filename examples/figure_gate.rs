//! Experiment: how much of the figure rules' scanning lands on paragraphs where the
//! rule matches nothing. `cargo run --release --example figure_gate -- CORPUS.jsonl MB`

use std::time::Instant;

use claimkit::bench::Corpus;
use claimkit::pack::Emit;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mb: f64 = args.get(2).map_or(2.0, |s| s.parse().unwrap());
    let corpus = Corpus::read(&[args[1].clone().into()], (mb * 1e6) as usize);
    let rules = claimkit::Rules::builtin().unwrap();
    let figure_rules: Vec<_> = rules
        .rules()
        .iter()
        .filter(|r| matches!(r.emit, Emit::Figure | Emit::None))
        .filter_map(|r| r.regex.regex())
        .collect();
    // warm
    for re in &figure_rules {
        for t in corpus.texts.iter().take(20) {
            let _ = re.find_iter(t).count();
        }
    }
    let t = Instant::now();
    let mut whole = 0usize;
    for re in &figure_rules {
        for text in &corpus.texts {
            whole += re.find_iter(text).count();
        }
    }
    let whole_s = t.elapsed().as_secs_f64();
    let mut pairs = 0usize;
    let mut live = 0usize;
    let mut live_bytes = 0usize;
    let mut all_bytes = 0usize;
    for re in &figure_rules {
        for text in &corpus.texts {
            for para in text.split("\n") {
                pairs += 1;
                all_bytes += para.len();
                if re.is_match(para) {
                    live += 1;
                    live_bytes += para.len();
                }
            }
        }
    }
    let paras: Vec<&str> = corpus.texts.iter().flat_map(|t| t.split('\n')).collect();
    let has_digit = paras
        .iter()
        .filter(|p| p.bytes().any(|b| b.is_ascii_digit()))
        .count();
    println!(
        "{} rules, {:.1} MB: whole-text scan {:.2} s ({} matches); (rule, paragraph) pairs with a match: {}/{} ({:.1}% of bytes); paragraphs with a digit: {}/{}",
        figure_rules.len(),
        corpus.bytes as f64 / 1e6,
        whole_s,
        whole,
        live,
        pairs,
        100.0 * live_bytes as f64 / all_bytes as f64,
        has_digit,
        paras.len()
    );
}
