//! Time per rule over a JSONL corpus (a first cut of a per-rule cost report).
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: rule_cost FILE.jsonl");
    let rules = claimkit::Rules::builtin().unwrap();
    let texts: Vec<String> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let mut rows = Vec::new();
    for rule in rules.rules() {
        let t = Instant::now();
        let mut n = 0;
        for text in &texts {
            // Claim and attribution rules run per window: time them per sentence.
            if rule.regex.is_anchored() || rule.regex.regex().is_none() {
                for s in claimkit::segment::segment(text, None).sentences {
                    n += usize::from(rule.regex.captures(&text[s.range]).is_some());
                }
            } else if let Some(re) = rule.regex.regex() {
                n += re.captures_iter(text).count();
            }
        }
        rows.push((t.elapsed().as_secs_f64(), rule.id.clone(), n));
    }
    rows.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    for (s, id, n) in rows.iter().take(15) {
        println!("{s:8.3}s {n:7} {id}");
    }
    let t = Instant::now();
    for text in &texts {
        std::hint::black_box(rules.extract(text));
    }
    println!("extract total: {:.3}s", t.elapsed().as_secs_f64());
}
