//! How long the embedded pack takes to load and compile, and which rules' regexes
//! cost the most to build (they compile on first use): `cargo run --release --example compile_cost`.

use std::time::Instant;

fn main() {
    let t = Instant::now();
    let rules = claimkit::Rules::builtin().expect("the embedded pack compiles");
    println!("load and compile the pack: {:.0} ms", ms(t));
    let mut costs: Vec<(f64, &str, usize)> = rules
        .rules()
        .iter()
        .map(|r| {
            let t = Instant::now();
            let _ = r.regex.warm();
            (ms(t), r.id.as_str(), r.regex.as_str().len())
        })
        .collect();
    let total: f64 = costs.iter().map(|c| c.0).sum();
    println!("build every rule's regexes: {total:.0} ms");
    costs.sort_by(|a, b| b.0.total_cmp(&a.0));
    if let Some(id) = std::env::args().nth(1) {
        let r = rules.rules().iter().find(|r| r.id == id).expect("rule");
        println!("{}", r.regex.as_str());
        return;
    }
    for (ms, id, len) in costs.iter().take(15) {
        println!("{ms:8.1} ms  {len:7} bytes of pattern  {id}");
    }
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}
