//! What the command-line tests share: the binary, a tiny pack written into a
//! temporary folder, and snapshot settings. Every test runs the binary inside its
//! own temporary folder with relative paths, so what it prints is the same on every
//! machine.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The tiny pack's manifest: the lexicons and settings one attribution rule and one
/// figure rule need.
pub const MANIFEST: &str = include_str!("tiny-pack/pack.yaml");
/// The tiny pack's rules, each with a `match` and a `no-match` example.
pub const RULES: &str = include_str!("tiny-pack/rules.yaml");

/// A temporary folder holding the tiny pack under `pack/`, and other files as needed.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        let w = Workspace {
            dir: tempfile::tempdir().expect("a temporary folder"),
        };
        w.write("pack/pack.yaml", MANIFEST);
        w.write("pack/rules.yaml", RULES);
        w
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("a file in a folder")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).expect("read")
    }

    /// `claimkit ARGS…` run to the end inside the workspace.
    pub fn run(&self, args: &[&str]) -> Output {
        self.claimkit(args).output().expect("runs")
    }

    /// `claimkit ARGS…` to run inside the workspace.
    pub fn claimkit(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("claimkit").expect("the binary is built");
        cmd.current_dir(self.dir.path()).args(args);
        cmd
    }
}

/// `claimkit ARGS…` run to the end in the repository root.
pub fn run_in_repo(args: &[&str]) -> Output {
    let mut cmd = Command::cargo_bin("claimkit").expect("the binary is built");
    cmd.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(args);
    cmd.output().expect("runs")
}

/// Runs `f` with snapshots kept in `snapshots/cli/`, named as given.
pub fn snapshots(f: impl FnOnce()) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots/cli");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(f);
}

/// What a finished command printed on standard output.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}
