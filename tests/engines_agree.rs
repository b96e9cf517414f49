//! The backtracking matcher and the regex crate find the same match, with the same
//! groups, for every claim and attribution rule of the built-in pack, on every sentence
//! of the corpus and from every word start of it.

use claimkit::compile::Captures;
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

/// A match as compared: its range and its groups' ranges, by name.
fn describe(c: &Option<Captures>) -> Option<(std::ops::Range<usize>, Vec<String>)> {
    c.as_ref().map(|c| {
        let mut groups: Vec<String> = c
            .iter()
            .map(|(n, m)| format!("{n}={:?}", m.range()))
            .collect();
        groups.sort();
        (c.whole().range(), groups)
    })
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
            let (a, b) = (describe(&a), describe(&b));
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

/// Figure rules run over whole documents, trying their programs only where one of
/// their start atoms holds (`compile::starts`): every match they find, one after
/// another as extraction walks a document, is the regex crate's.
#[test]
fn figure_rules_find_the_regex_matches_from_their_starts() {
    let rules = Rules::builtin().expect("the embedded pack compiles");
    let mut documents: Vec<String> = std::fs::read_dir("corpus")
        .expect("corpus/")
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    documents.push("About 70% of 1,200 staff — roughly $3bn, up 5-6% — left in 2024.".into());
    let (mut checked, mut found) = (0, 0);
    let mut wrong = Vec::new();
    for text in &documents {
        let mut starts = rules.figure_starts().scan(text);
        for (place, rule) in rules.rules().iter().enumerate() {
            let Some(among) = starts.for_rule(place) else {
                continue;
            };
            let mut pos = 0;
            while pos <= text.len() {
                let ours = rule.regex.captures_among(text, pos, among);
                let theirs = rule.regex.captures_at_on_regex(text, pos);
                let (a, b) = (describe(&ours), describe(&theirs));
                checked += 1;
                if a != b {
                    wrong.push(format!("{} from {pos}: {a:?} / {b:?}", rule.id));
                }
                let Some((whole, _)) = b else { break };
                found += 1;
                pos = whole.end.max(pos + 1);
                while !text.is_char_boundary(pos.min(text.len())) {
                    pos += 1;
                }
            }
        }
    }
    assert!(found > 100, "{found} matches");
    assert!(
        wrong.is_empty(),
        "{} of {checked} disagree:\n{}",
        wrong.len(),
        wrong[..wrong.len().min(10)].join("\n")
    );
}
