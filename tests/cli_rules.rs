//! Layering and `claimkit rules`: a pack that extends another adds lexicon entries,
//! overrides, disables and re-prioritises rules, and `--dump` shows the result.

mod common;

use common::{run_in_repo, snapshots, stderr, stdout, Workspace};

const LAYER: &str = r#"pack: market
extends: ../pack
include: [more.yaml]
lexicons:
  fruit:
    add: [plums => plum, pears => pear kind=soft]
disable: [quote-then-cue-speaker]
priorities: { tiny/fruit-count: 5 }
"#;

const MORE: &str = r#"rules:
  - id: fruit-count
    emit: figure
    kind: count
    pattern: '\b(?<value>\d+)\s+(?:ripe\s+)?(?<noun>@fruit)\b'
    examples:
      - match: 'We picked ⟦9 ripe plums⟧.'
      - no-match: 'We picked 9 ripe figs.'
"#;

fn workspace() -> Workspace {
    let w = Workspace::new();
    w.write("market/pack.yaml", LAYER);
    w.write("market/more.yaml", MORE);
    w
}

#[test]
fn a_layer_adds_overrides_disables_and_reprioritises() {
    let w = workspace();
    let check = w.run(&["check", "--rules", "market"]);
    assert!(check.status.success(), "{}", stdout(&check));
    let test = w.run(&["test", "--rules", "market"]);
    assert!(test.status.success(), "{}", stdout(&test));
    let dump = w.run(&["rules", "--rules", "market", "--dump"]);
    assert!(dump.status.success(), "{}", stderr(&dump));
    snapshots(|| insta::assert_snapshot!("rules_dump_layered", stdout(&dump)));
    w.write("story.txt", "“Ripe,” said Ana Silva of her 9 ripe plums.");
    let out = w.run(&["extract", "--rules", "market", "story.txt"]);
    let line = stdout(&out);
    assert!(line.contains(r#""text":"9 ripe plums""#), "{line}");
    assert!(
        line.contains(r#""rule":"tiny/quote""#),
        "the attribution rule is disabled: {line}"
    );
}

#[test]
fn a_pack_extends_the_builtin_one() {
    let w = Workspace::new();
    w.write(
        "mine/pack.yaml",
        "pack: mine\nextends: builtin\ndisable: [en/percent]\nlexicons:\n  cue-verb:\n    add: [harrumphed => harrumph]\n",
    );
    let out = w.run(&["rules", "--rules", "mine"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = stdout(&out);
    assert!(listed.contains("en/count "), "{listed}");
    assert!(!listed.contains("en/percent "), "{listed}");
    let builtin = run_in_repo(&["rules"]);
    assert_eq!(stdout(&builtin).lines().count(), listed.lines().count() + 1);
    let check = w.run(&["check", "--rules", "mine"]);
    assert!(check.status.success(), "{}", stdout(&check));
}

#[test]
fn unknown_names_in_a_layer_are_errors_with_their_place() {
    let w = workspace();
    w.write(
        "market/pack.yaml",
        &LAYER
            .replace(
                "disable: [quote-then-cue-speaker]",
                "disable: [no-such-rule]",
            )
            .replace("  fruit:\n    add:", "  vegetable:\n    add:"),
    );
    let out = w.run(&["check", "--rules", "market"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("no rule `no-such-rule` to change [unknown-rule]"),
        "{text}"
    );
    assert!(
        text.contains("no lexicon `vegetable` to add to [unknown-lexicon]"),
        "{text}"
    );
    assert!(text.contains("market/pack.yaml:"), "{text}");
}

#[test]
fn packs_that_extend_each_other_are_a_cycle_not_a_hang() {
    let w = Workspace::new();
    w.write("a/pack.yaml", "pack: a\nextends: ../b\n");
    w.write("b/pack.yaml", "pack: b\nextends: ../a\n");
    let out = w.run(&["check", "--rules", "a"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("[extends-cycle]"), "{}", stdout(&out));
}
