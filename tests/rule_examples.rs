//! Every example written in the built-in pack's rules holds.

#[test]
fn every_rule_example_of_the_builtin_pack_holds() {
    let rules = claimkit::Rules::builtin().expect("the built-in pack compiles");
    let failures = claimkit::examples::run(&rules);
    let report: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
    assert!(
        failures.is_empty(),
        "{} rule example(s) failed:\n{}",
        failures.len(),
        report.join("\n")
    );
}

#[test]
fn every_rule_has_a_positive_and_a_negative_example() {
    let rules = claimkit::Rules::builtin().expect("the built-in pack compiles");
    let missing: Vec<&str> = rules
        .rules()
        .iter()
        .filter(|r| {
            !(r.examples.iter().any(|e| e.matches.is_some())
                && r.examples.iter().any(|e| e.no_match.is_some()))
        })
        .map(|r| r.id.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "rules without both a match and a no-match example: {missing:?}"
    );
}
