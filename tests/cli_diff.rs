//! `claimkit diff`: a rule change compared over a corpus, against the old pack or a
//! saved extraction; text for people, JSON for machines; exit 0, 1 or 2.

mod common;

use common::{snapshots, stderr, stdout, Workspace};

/// The tiny pack in `pack/` (the old rules), a changed copy in `new/`, and a corpus.
fn workspace() -> Workspace {
    let w = Workspace::new();
    let manifest = common::MANIFEST
        .replace("told => tell]", "told => tell, noted => note]")
        .replace("pears => pear]", "pears => pear, plums => plum]");
    w.write("new/pack.yaml", &manifest);
    w.write("new/rules.yaml", common::RULES);
    w.write(
        "corpus/market.txt",
        "“Prices held,” noted Ana Silva. The stall sold 40 plums and 12 pears.\n",
    );
    w.write("corpus/weather.txt", "It rained all day.\n");
    w
}

#[test]
fn changes_per_document_then_a_summary() {
    let w = workspace();
    let out = w.run(&["diff", "--base", "pack", "--rules", "new", "corpus"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    snapshots(|| insta::assert_snapshot!("diff_text", stdout(&out)));
}

#[test]
fn json_for_machines() {
    let w = workspace();
    let out = w.run(&[
        "diff", "--base", "pack", "--rules", "new", "corpus", "--format", "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    assert_eq!(v["summary"]["documents"], 2);
    assert_eq!(v["summary"]["changed_documents"], 1);
    assert_eq!(v["summary"]["figures"]["added"], 1);
    assert_eq!(v["documents"][0]["id"], "market");
    let changes = v["documents"][0]["changes"].as_array().expect("a list");
    assert!(changes.iter().any(|c| c["type"] == "claim"
        && c["change"] == "changed"
        && c["after"]["speaker"]["name"] == "Ana Silva"));
}

#[test]
fn no_change_exits_0() {
    let w = workspace();
    let out = w.run(&["diff", "--base", "pack", "--rules", "pack", "corpus"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("0 documents of 2 changed"));
}

#[test]
fn a_saved_baseline_gives_the_same_changes() {
    let w = workspace();
    let saved = w.run(&["extract", "--rules", "pack", "corpus", "-o", "saved.jsonl"]);
    assert!(saved.status.success());
    let against_saved = w.run(&[
        "diff",
        "--baseline",
        "saved.jsonl",
        "--rules",
        "new",
        "corpus",
    ]);
    let against_pack = w.run(&["diff", "--base", "pack", "--rules", "new", "corpus"]);
    assert_eq!(against_saved.status.code(), Some(1));
    assert_eq!(stdout(&against_saved), stdout(&against_pack));
}

#[test]
fn errors_exit_2() {
    let w = workspace();
    w.write("broken/pack.yaml", "pack: [");
    for args in [
        &["diff", "--base", "pack", "--rules", "broken", "corpus"][..],
        &["diff", "--base", "pack", "--rules", "new", "no-such-folder"][..],
        &[
            "diff",
            "--baseline",
            "missing.jsonl",
            "--rules",
            "new",
            "corpus",
        ][..],
    ] {
        let out = w.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
}
