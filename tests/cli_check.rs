//! `claimkit check` as a user types it: the shipped pack is clean, and a pack broken
//! in many ways at once reports every problem, each with file:line:column.

mod common;

use common::{run_in_repo, snapshots, stdout, Workspace};

#[test]
fn the_builtin_pack_and_rules_en_on_disk_are_clean() {
    for args in [&["check"][..], &["check", "--rules", "rules/en"][..]] {
        let out = run_in_repo(args);
        assert!(out.status.success(), "{}", stdout(&out));
        assert!(
            stdout(&out).trim_end().ends_with(": ok"),
            "{}",
            stdout(&out)
        );
    }
}

/// Rules appended to the tiny pack, each wrong in its own way.
const BROKEN: &str = r#"
  - id: fruit-count
    emit: figure
    kind: count
    pattern: '(?<value>\d+)\s+@fruit'
    examples: [{ match: '⟦2 pears⟧' }, { no-match: 'x' }]

  - id: open-group
    emit: figure
    kind: count
    pattern: '(?<value>\d+'
    examples: [{ match: '⟦2⟧' }, { no-match: 'x' }]

  - id: vegetables
    emit: figure
    kind: count
    pattern: '(?<value>\d+)\s+@vegetable'
    examples: [{ match: '⟦2 leeks⟧' }, { no-match: 'x' }]

  - id: colour
    emit: figure
    kind: count
    pattern: '(?<value>\d+)\s+(?<colour>red|green)'
    examples: [{ match: '⟦2 red⟧' }, { no-match: 'x' }]

  - id: nothing-ever
    emit: figure
    kind: count
    pattern: '(?<value>\d+)\s+@empty'
    examples: [{ match: '⟦2⟧' }, { no-match: 'x' }]

  - id: maybe-digits
    emit: figure
    kind: number
    pattern: '(?<value>\d*)'
    examples: [{ match: '⟦2⟧', expect: { currency: USD } }]
"#;

fn broken_workspace() -> Workspace {
    let w = Workspace::new();
    let manifest = common::MANIFEST.replace(
        "  fruit: { entries: [apples => apple, pears => pear] }",
        "  fruit: { entries: [apples => apple, pears => pear] }\n  empty: { entries: [] }\n  spare: { entries: [spare] }",
    );
    w.write("pack/pack.yaml", &manifest);
    w.write("pack/rules.yaml", &format!("{}{BROKEN}", common::RULES));
    w
}

#[test]
fn every_problem_is_reported_at_once_with_its_place() {
    let w = broken_workspace();
    let out = w.run(&["check", "--rules", "pack"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    for code in [
        "duplicate-id",
        "invalid-regex",
        "unknown-reference",
        "unknown-field",
        "never-fires",
        "empty-match",
        "unused-lexicon",
        "missing-example",
        "unknown-field",
    ] {
        assert!(text.contains(&format!("[{code}]")), "no {code} in:\n{text}");
    }
    snapshots(|| insta::assert_snapshot!("check_broken_pack", text));
}

#[test]
fn json_diagnostics_carry_code_severity_and_position() {
    let w = broken_workspace();
    let out = w.run(&["check", "--rules", "pack", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let unused = lines
        .iter()
        .find(|d| d["code"] == "unused-lexicon")
        .expect("the unused lexicon is reported");
    assert_eq!(unused["severity"], "warning");
    assert_eq!(unused["file"], "pack/pack.yaml");
    let manifest = w.read("pack/pack.yaml");
    let line = manifest
        .lines()
        .position(|l| l.trim_start().starts_with("spare:"))
        .expect("declared")
        + 1;
    assert_eq!(unused["line"], line);
    assert!(lines
        .iter()
        .any(|d| d["code"] == "invalid-regex" && d["severity"] == "error"));
}

#[test]
fn warnings_alone_do_not_fail_the_check() {
    let w = Workspace::new();
    let manifest = common::MANIFEST.replace(
        "  fruit: { entries: [apples => apple, pears => pear] }",
        "  fruit: { entries: [apples => apple, pears => pear] }\n  spare: { entries: [spare] }",
    );
    w.write("pack/pack.yaml", &manifest);
    let out = w.run(&["check", "--rules", "pack"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("ok, 1 warning"), "{}", stdout(&out));
}

#[test]
fn a_claim_rule_with_no_anchor_is_reported_as_slow() {
    let w = Workspace::new();
    let slow = r#"
  - id: anything-goes
    emit: claim
    kind: indirect
    pattern: '(?<speaker>@name-word)\s+\w+\s+(?<content>\w+\s+\w+)'
    examples: [{ match: 'Ana ⟦went home⟧' }, { no-match: 'x' }]

  - id: cue-anchored
    emit: claim
    kind: indirect
    pattern: '(?<speaker>@name-word)\s+(?<cue>@cue-verb)\s+(?<content>\w+\s+\w+)'
    examples: [{ match: 'Ana said ⟦it rained⟧' }, { no-match: 'x' }]
"#;
    w.write("pack/rules.yaml", &format!("{}{slow}", common::RULES));
    let out = w.run(&["check", "--rules", "pack", "--format", "json"]);
    assert!(out.status.success(), "{}", stdout(&out));
    let slow: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|d| d["code"] == "slow-rule")
        .collect();
    assert_eq!(slow.len(), 1, "{}", stdout(&out));
    assert_eq!(slow[0]["severity"], "warning");
    assert!(slow[0]["line"].as_u64().is_some(), "{}", slow[0]);
}
