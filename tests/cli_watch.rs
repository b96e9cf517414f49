//! `claimkit watch`: a rule edit re-runs extraction and prints what changed; a broken
//! edit prints its diagnostics and keeps the last good rules. The test waits for each
//! run to announce itself before editing, so it depends on no timing.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::Workspace;

/// A guard against a hung watcher, not a measure of speed.
const PATIENCE: Duration = Duration::from_secs(120);

#[test]
fn an_edit_reruns_and_a_broken_edit_keeps_the_last_good_rules() {
    let w = Workspace::new();
    w.write("news.txt", "The stall sold 40 plums and 12 pears.\n");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("claimkit"))
        .current_dir(w.dir.path())
        .args(["watch", "--rules", "pack", "--max-runs", "3", "news.txt"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().expect("piped");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let mut wait_for = |needle: &str| loop {
        let line = rx.recv_timeout(PATIENCE).unwrap_or_else(|_| {
            panic!(
                "no `{needle}` from the watcher; it printed:\n{}",
                seen.join("\n")
            )
        });
        seen.push(line.clone());
        if line.contains(needle) {
            break seen.join("\n");
        }
    };
    wait_for("watching");
    let manifest = common::MANIFEST.replace("pears => pear]", "pears => pear, plums => plum]");
    w.write("pack/pack.yaml", &manifest);
    let after_edit = wait_for("rules reloaded");
    assert!(after_edit.contains("+ figure count"), "{after_edit}");
    wait_for("watching");
    w.write("pack/rules.yaml", "rules: [");
    let after_break = wait_for("keeping the last good rules");
    assert!(after_break.contains("[invalid-yaml]"), "{after_break}");
    let status = child.wait().expect("exits");
    assert!(status.success());
}
