//! `claimkit test`: the shipped pack's examples all hold when run through the binary,
//! and a broken example is printed as a diff of expected against actual.

mod common;

use common::{run_in_repo, snapshots, stdout, Workspace};

#[test]
fn claimkit_test_passes_over_rules() {
    let out = run_in_repo(&["test", "--rules", "rules"]);
    let text = stdout(&out);
    assert!(
        out.status.success(),
        "claimkit test --rules rules failed:\n{text}"
    );
    assert!(text.contains(" 0 failed"), "{text}");
}

#[test]
fn a_failing_example_prints_expected_against_actual() {
    let w = Workspace::new();
    let rules = common::RULES
        .replace("expect: { value: 40 }", "expect: { value: 41 }")
        .replace(
            "'“We sold out,” the sign read.'",
            "'“We sold out,” said Tom Reyes.'",
        );
    w.write("pack/rules.yaml", &rules);
    let out = w.run(&["test", "--rules", "pack"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("- expected: value: 41"), "{text}");
    assert!(text.contains("+ actual:   value: 40"), "{text}");
    snapshots(|| insta::assert_snapshot!("test_failing_examples", text));
}

#[test]
fn a_rule_without_a_negative_example_fails() {
    let w = Workspace::new();
    let rules = common::RULES.replace(
        "      - no-match: 'The stall sold 40 chairs by noon.'\n",
        "",
    );
    w.write("pack/rules.yaml", &rules);
    let out = w.run(&["test", "--rules", "pack"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("rule `fruit-count` has no `no-match` example [missing-example]"),
        "{text}"
    );
}

#[test]
fn a_broken_pack_exits_2() {
    let w = Workspace::new();
    w.write("pack/rules.yaml", "rules: [");
    let out = w.run(&["test", "--rules", "pack"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_folder_of_packs_tests_each() {
    let w = Workspace::new();
    w.write("packs/a/pack.yaml", common::MANIFEST);
    w.write("packs/a/rules.yaml", common::RULES);
    w.write(
        "packs/b/pack.yaml",
        &common::MANIFEST.replace("pack: tiny", "pack: other"),
    );
    w.write("packs/b/rules.yaml", common::RULES);
    let out = w.run(&["test", "--rules", "packs"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("pack `tiny`, 4 examples"), "{text}");
    assert!(text.contains("pack `other`, 4 examples"), "{text}");
}

#[test]
fn a_known_gap_is_reported_without_failing_until_it_is_closed() {
    let w = Workspace::new();
    let gap = "      - match: 'The stall sold ⟦forty apples⟧.'\n        known-gap: number words are not matched yet\n";
    let rules = common::RULES.replace(
        "      - no-match: 'The stall sold 40 chairs by noon.'\n",
        &format!("      - no-match: 'The stall sold 40 chairs by noon.'\n{gap}"),
    );
    w.write("pack/rules.yaml", &rules);
    let out = w.run(&["test", "--rules", "pack"]);
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("GAP tiny/fruit-count"), "{text}");
    assert!(text.contains("1 known gap"), "{text}");
    // The same example once the rule handles it: the mark must go.
    let closed = rules.replace("forty apples", "40 apples");
    w.write("pack/rules.yaml", &closed);
    let out = w.run(&["test", "--rules", "pack"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("remove `known-gap`"),
        "{}",
        stdout(&out)
    );
}

/// A match that a rule's `where:` refuses does not end the rule's turn in a sentence:
/// the next match is tried.
#[test]
fn a_refused_match_gives_way_to_the_next_one() {
    let w = Workspace::new();
    let rule = r#"
  - id: name-says-clause
    emit: claim
    kind: indirect
    pattern: '(?<speaker>@name-word)\s+(?<cue>@cue-verb)\s+(?<content>\w+(?:\s+\w+)+)'
    where:
      speaker: { not-in: not-speaker }
    examples:
      - match: 'This says prices fall, but Ana said ⟦prices would rise⟧.'
        expect: { speaker: Ana }
      - no-match: 'This says prices fall.'
"#;
    w.write("pack/rules.yaml", &format!("{}{rule}", common::RULES));
    let out = w.run(&["test", "--rules", "pack"]);
    assert!(out.status.success(), "{}", stdout(&out));
}
