//! `claimkit explain`: what each rule made and from which captures and lexicon
//! entries; plain when piped, coloured on request; `--rule` says why a rule did or did
//! not fire.

mod common;

use common::{run_in_repo, snapshots, stdout, Workspace};

const TEXT: &str =
    "“We sold 40 apples,” said Ana Silva. “More tomorrow,” she said. A crate holds 12 pears.";

#[test]
fn each_extraction_with_its_rule_captures_and_lexicon_entries() {
    let w = Workspace::new();
    let out = w.run(&["explain", "--rules", "pack", TEXT]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}'), "piped output has no colour codes");
    snapshots(|| insta::assert_snapshot!("explain_text", text));
}

#[test]
fn a_file_is_read_and_colour_can_be_forced() {
    let w = Workspace::new();
    w.write("story.txt", TEXT);
    let out = w.run(&[
        "explain",
        "--rules",
        "pack",
        "--color",
        "always",
        "story.txt",
    ]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains('\u{1b}'), "{text}");
    assert!(text.contains("tiny/fruit-count"), "{text}");
}

#[test]
fn why_a_rule_did_or_did_not_fire() {
    let w = Workspace::new();
    let mut report = String::new();
    for (rule, text) in [
        ("fruit-count", "A crate holds 12 pears."),
        ("fruit-count", "A crate holds 12 chairs."),
        ("quote-then-cue-speaker", "“Fine,” said The."),
        ("quote-then-cue-speaker", "No quotation here."),
    ] {
        let out = w.run(&["explain", "--rules", "pack", "--rule", rule, text]);
        assert!(out.status.success());
        report.push_str(&format!("$ claimkit explain --rule {rule} '{text}'\n"));
        report.push_str(&stdout(&out));
        report.push('\n');
    }
    snapshots(|| insta::assert_snapshot!("explain_rule", report));
}

#[test]
fn an_unknown_rule_is_an_error() {
    let w = Workspace::new();
    let out = w.run(&[
        "explain",
        "--rules",
        "pack",
        "--rule",
        "no-such-rule",
        "text",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_builtin_pack_explains_its_figures() {
    let out = run_in_repo(&[
        "explain",
        "--rule",
        "percent",
        "Turnout rose to 64% this year.",
    ]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("fired 1 time"), "{}", stdout(&out));
}

#[test]
fn a_claim_rule_is_never_said_to_lose_to_a_figure() {
    // "The firm's" ends in a possessive: the claim rule matches but makes nothing, and a
    // figure inside the match is no rival of a claim.
    let out = run_in_repo(&[
        "explain",
        "--rule",
        "speaker-cue-that-clause",
        "Over Thursday's said sales rose 12% in May.",
    ]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("did not fire"), "{text}");
    assert!(!text.contains("en/percent"), "{text}");
}
