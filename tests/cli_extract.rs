//! `claimkit extract` through the binary: compressed inputs, JSONL field names, kept
//! fields, the summary line and `--quiet`, a closed output pipe, and output that does
//! not depend on the thread count. (Bad and huge inputs: `tests/bad_input.rs`.)

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use assert_cmd::Command;
use serde_json::Value;

fn claimkit(args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("claimkit").expect("the binary is built");
    cmd.args(args);
    cmd
}

fn stdout(out: &Output) -> &str {
    std::str::from_utf8(&out.stdout).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn records(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn ids(out: &Output) -> Vec<String> {
    records(out)
        .iter()
        .map(|r| r["id"].as_str().expect("a string id").to_string())
        .collect()
}

fn succeeded(out: &Output) {
    let err = stderr(out);
    assert!(!err.contains("panicked"), "claimkit panicked:\n{err}");
    assert_eq!(out.status.code(), Some(0), "stderr:\n{err}");
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) -> PathBuf {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
    path.to_path_buf()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::encode_all(bytes, 3).unwrap()
}

const JSONL: &str = concat!(
    r#"{"id": "a", "text": "“We will not move,” the minister said on Friday."}"#,
    "\n",
    r#"{"id": "b", "text": "Sales rose 7% to $3.1 billion last year."}"#,
    "\n",
);

#[test]
fn compressed_files_read_like_plain_ones() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plain = write(&d.join("plain/docs.jsonl"), JSONL);
    write(&d.join("packed/1.jsonl.gz"), gzip(JSONL.as_bytes()));
    write(&d.join("packed/2.jsonl.zst"), zstd(JSONL.as_bytes()));
    let text = "“It is only the start,” said the mayor, who expects 300 new homes.";
    write(&d.join("packed/3-note.txt.gz"), gzip(text.as_bytes()));
    write(
        &d.join("packed/skipped.gz"),
        gzip(b"neither text nor JSONL"),
    );

    let base = claimkit(&["extract", plain.to_str().unwrap()])
        .output()
        .unwrap();
    succeeded(&base);
    let out = claimkit(&["extract", d.join("packed").to_str().unwrap()])
        .output()
        .unwrap();
    succeeded(&out);
    assert_eq!(
        ids(&out),
        ["a", "b", "a", "b", "3-note"],
        "sorted, recursive"
    );
    // The JSONL records are those of the plain file, byte for byte.
    let lines: Vec<&str> = stdout(&out).lines().collect();
    let plain_lines: Vec<&str> = stdout(&base).lines().collect();
    assert_eq!(lines[..2], plain_lines[..]);
    assert_eq!(lines[2..4], plain_lines[..]);
    let note = &records(&out)[4];
    assert!(!note["claims"].as_array().unwrap().is_empty(), "{note}");
}

#[test]
fn a_corrupt_archive_is_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A truncated archive: the lines before the cut may come out, then one error.
    let packed = gzip(JSONL.repeat(200).as_bytes());
    let cut = write(&d.join("1-cut.jsonl.gz"), &packed[..packed.len() / 2]);
    let fake = write(&d.join("2-fake.jsonl.zst"), b"this is not zstd at all");
    let good = write(&d.join("3-good.jsonl"), JSONL);
    let out = claimkit(&[
        "extract",
        cut.to_str().unwrap(),
        fake.to_str().unwrap(),
        good.to_str().unwrap(),
    ])
    .output()
    .unwrap();
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(1), "stderr:\n{err}");
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(
        errors.len(),
        3,
        "one error per bad file and a total:\n{err}"
    );
    assert!(
        errors[0].starts_with(&format!("error: {}:", cut.display())),
        "{err}"
    );
    assert!(
        errors[1].starts_with(&format!("error: {}:", fake.display())),
        "{err}"
    );
    let ids = ids(&out);
    assert_eq!(
        ids[ids.len() - 2..],
        ["a", "b"],
        "the good file still comes out"
    );
}

#[test]
fn jsonl_field_names_and_kept_fields() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        &dir.path().join("news.jsonl"),
        concat!(
            r#"{"url": "https://example.org/1", "section": "world", "body": "Prices fell 4% in March, officials said.", "date": "2024-04-02", "meta": {"n": [1, 2]}}"#,
            "\n",
            r#"{"url": 17, "body": "“No comment,” said a spokesman.", "meta": {"n": []}}"#,
            "\n",
            r#"{"url": "https://example.org/3", "text": "A text under the usual name is not the body."}"#,
            "\n",
        ),
    );
    let out = claimkit(&[
        "extract",
        "--text-field",
        "body",
        "--id-field",
        "url",
        "--keep-fields",
        "date,meta,section",
        input.to_str().unwrap(),
    ])
    .output()
    .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{err}");
    assert!(
        err.contains(&format!("error: {}:3: no `body` field", input.display())),
        "{err}"
    );
    assert_eq!(ids(&out), ["https://example.org/1", "17"]);
    let lines: Vec<&str> = stdout(&out).lines().collect();
    // Kept fields sit under "fields", right after the id, in the order asked for.
    assert!(
        lines[0].starts_with(
            r#"{"id":"https://example.org/1","fields":{"date":"2024-04-02","meta":{"n":[1,2]},"section":"world"},"claims":"#
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains(r#""fields":{"date":null,"meta":{"n":[]},"section":null}"#),
        "{}",
        lines[1]
    );
    let recs = records(&out);
    assert_eq!(recs[0]["figures"][0]["text"], "4%");
    assert_eq!(recs[1]["claims"][0]["text"], "No comment,");

    // Without --keep-fields the record has no "fields" key.
    let out = claimkit(&["extract", "--text-field", "body", input.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(records(&out).iter().all(|r| r.get("fields").is_none()));
}

#[test]
fn standard_input_takes_the_same_field_options() {
    let out = claimkit(&[
        "extract",
        "--format",
        "jsonl",
        "--text-field",
        "content",
        "--keep-fields",
        "lang",
        "-",
    ])
    .write_stdin(r#"{"id": "s1", "lang": "en", "content": "Turnout was 61%."}"#)
    .output()
    .unwrap();
    succeeded(&out);
    let recs = records(&out);
    assert_eq!(recs[0]["fields"]["lang"], "en");
    assert_eq!(recs[0]["figures"][0]["text"], "61%");
}

#[test]
fn a_dash_for_the_output_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = claimkit(&["extract", "--format", "text", "-o", "-", "-"])
        .current_dir(dir.path())
        .write_stdin("Turnout was 61%, officials said.")
        .output()
        .unwrap();
    succeeded(&out);
    assert_eq!(records(&out)[0]["figures"][0]["text"], "61%");
    assert!(
        !dir.path().join("-").exists(),
        "no file named `-` is written"
    );
}

#[test]
fn a_summary_line_ends_the_run_unless_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(&dir.path().join("docs.jsonl"), JSONL);
    let missing = dir.path().join("missing.txt");
    let out = claimkit(&[
        "extract",
        input.to_str().unwrap(),
        missing.to_str().unwrap(),
    ])
    .output()
    .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{err}");
    assert!(
        !err.contains('\x1b'),
        "no progress bar when piped:\n{err:?}"
    );
    let claims: usize = records(&out)
        .iter()
        .map(|r| r["claims"].as_array().unwrap().len())
        .sum();
    let figures: usize = records(&out)
        .iter()
        .map(|r| r["figures"].as_array().unwrap().len())
        .sum();
    let summary: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("extracted "))
        .collect();
    assert_eq!(summary.len(), 1, "{err}");
    let expected = format!("extracted 2 documents: {claims} claim");
    assert!(summary[0].starts_with(&expected), "{}", summary[0]);
    assert!(
        summary[0].contains(&format!(", {figures} figure")),
        "{}",
        summary[0]
    );
    assert!(summary[0].contains(", 1 error in "), "{}", summary[0]);
    assert!(summary[0].ends_with(" MB/s)"), "{}", summary[0]);

    // --quiet: only the errors remain.
    let out = claimkit(&[
        "extract",
        "--quiet",
        input.to_str().unwrap(),
        missing.to_str().unwrap(),
    ])
    .output()
    .unwrap();
    let err = stderr(&out);
    assert!(err.lines().all(|l| l.starts_with("error: ")), "{err}");
    assert_eq!(records(&out).len(), 2);
}

#[test]
fn a_closed_output_pipe_ends_the_run_quietly() {
    let dir = tempfile::tempdir().unwrap();
    // Far more output than a pipe and the output buffer hold.
    let mut jsonl = String::new();
    for i in 0..6000 {
        jsonl.push_str(&format!(
            "{{\"id\": \"doc-{i}\", \"text\": \"Exports rose {i}% in the quarter.\"}}\n"
        ));
    }
    let input = write(&dir.path().join("many.jsonl"), jsonl);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_claimkit"))
        .args(["extract", input.to_str().unwrap()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here, as `head -1` exits.
    assert!(first.starts_with(r#"{"id":"doc-0""#), "{first}");
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("error"), "{err}");
    assert_eq!(out.status.code(), Some(0), "stderr:\n{err}");
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let run = |threads: &str| {
        let out = claimkit(&["extract", "--threads", threads, corpus.to_str().unwrap()])
            .output()
            .unwrap();
        succeeded(&out);
        out.stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert!(one == run("2"), "--threads 1 and 2 differ");
}
