//! The `claimkit extract` binary on bad, odd and large inputs: every readable document
//! comes out as one JSON line in input order, every unreadable one is named on standard
//! error (with its line for JSONL), and nothing panics.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// Runs `claimkit` with `args`, feeding `stdin` (if any) on a separate thread.
fn claimkit(args: &[&std::ffi::OsStr], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimkit"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the claimkit binary runs");
    let feeder = stdin.map(|bytes| {
        let bytes = bytes.to_vec();
        let mut pipe = child.stdin.take().expect("stdin is piped");
        std::thread::spawn(move || {
            // The child may stop reading early; a broken pipe is its business.
            let _ = pipe.write_all(&bytes);
        })
    });
    let out = child.wait_with_output().expect("claimkit finishes");
    if let Some(f) = feeder {
        f.join().expect("the stdin feeder does not panic");
    }
    out
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

fn stdout_of(out: &Output) -> &str {
    std::str::from_utf8(&out.stdout).expect("stdout is UTF-8")
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Parses every stdout line as JSON.
fn records(out: &Output) -> Vec<Value> {
    stdout_of(out)
        .lines()
        .map(|l| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("stdout line is not JSON ({e}): {l}"))
        })
        .collect()
}

fn ids(records: &[Value]) -> Vec<String> {
    records
        .iter()
        .map(|r| {
            r["id"]
                .as_str()
                .unwrap_or_else(|| panic!("record without a string id: {r}"))
                .to_string()
        })
        .collect()
}

fn assert_no_panic(out: &Output) {
    let err = stderr_of(out);
    assert!(!err.contains("panicked"), "claimkit panicked:\n{err}");
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) -> PathBuf {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
    path.to_path_buf()
}

/// The code-point slice `text[start:end]`, as Python would take it.
fn code_point_slice(text: &str, start: usize, end: usize) -> String {
    assert!(start <= end, "start {start} > end {end}");
    text.chars().skip(start).take(end - start).collect()
}

fn offset(v: &Value, key: &str) -> usize {
    v[key]
        .as_u64()
        .unwrap_or_else(|| panic!("`{key}` is not an offset in {v}")) as usize
}

#[test]
fn bad_inputs_are_reported_and_skipped_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let empty = write(&d.join("empty.txt"), b"");
    let not_utf8 = write(&d.join("latin1.txt"), b"caf\xe9");
    let good = write(
        &d.join("good.txt"),
        "“It is just the beginning,” said Wei Jianguo.\n",
    );
    let jsonl_text = concat!(
        r#"{"id": "first", "text": "“We will respond,” he said."}"#,
        "\n",
        r#"{"id": "x", "text": "#,
        "\n",
        r#"{"id": "no-text"}"#,
        "\n",
        r#"{"id": "last", "text": "Exports fell 12% in May."}"#,
        "\n",
    );
    let jsonl = write(&d.join("docs.jsonl"), jsonl_text);
    // The line numbers of the two bad lines, found in the text written.
    let lines: Vec<&str> = jsonl_text.lines().collect();
    let malformed_line = lines
        .iter()
        .position(|l| l.ends_with(r#""text": "#))
        .unwrap()
        + 1;
    let no_text_line = lines.iter().position(|l| l.contains("no-text")).unwrap() + 1;
    let missing = d.join("does-not-exist.txt");

    let out = claimkit(
        &[
            os("extract"),
            empty.as_os_str(),
            not_utf8.as_os_str(),
            good.as_os_str(),
            jsonl.as_os_str(),
            missing.as_os_str(),
        ],
        None,
    );
    assert_no_panic(&out);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "exit status; stderr:\n{err}");

    let recs = records(&out);
    assert_eq!(
        ids(&recs),
        ["good", "first", "last"],
        "one record per good document, in input order"
    );

    // Each bad input is named on its own error line, with its JSONL line number.
    let err_lines: Vec<&str> = err.lines().collect();
    let named = |origin: String| {
        let prefix = format!("error: {origin}: ");
        assert!(
            err_lines.iter().any(|l| l.starts_with(&prefix)),
            "no error line starting {prefix:?} in stderr:\n{err}"
        );
    };
    named(empty.display().to_string());
    named(not_utf8.display().to_string());
    named(format!("{}:{malformed_line}", jsonl.display()));
    named(format!("{}:{no_text_line}", jsonl.display()));
    named(missing.display().to_string());
    // The good file and the good JSONL lines are not reported.
    let good_name = good.display().to_string();
    assert!(
        !err.contains(&good_name),
        "the good file is named on stderr:\n{err}"
    );
    for good_line in [1, lines.len()] {
        let origin = format!("{}:{good_line}:", jsonl.display());
        assert!(
            !err.contains(&origin),
            "good JSONL line {good_line} is reported:\n{err}"
        );
    }
    // Five reports plus the summary; no more.
    assert_eq!(
        err_lines
            .iter()
            .filter(|l| l.starts_with("error: "))
            .count(),
        6,
        "stderr:\n{err}"
    );
}

#[test]
fn dash_reads_standard_input() {
    let text = "“It is just the beginning,” said Wei Jianguo.";
    let out = claimkit(&[os("extract"), os("-")], Some(text.as_bytes()));
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr_of(&out));
    let recs = records(&out);
    assert_eq!(ids(&recs), ["stdin"]);
    assert_eq!(recs[0]["claims"][0]["text"], "It is just the beginning,");

    let jsonl = concat!(
        r#"{"id": "one", "text": "“Yes,” he said."}"#,
        "\n",
        "\n",
        r#"{"id": 2, "text": "Nothing here."}"#,
        "\n",
    );
    let out = claimkit(
        &[os("extract"), os("--format"), os("jsonl"), os("-")],
        Some(jsonl.as_bytes()),
    );
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr_of(&out));
    assert_eq!(ids(&records(&out)), ["one", "2"]);

    // A bad line of standard input is named by its line number.
    let jsonl = concat!(
        r#"{"id": "ok", "text": "Fine."}"#,
        "\n",
        r#"{"id": "x", "text": "#,
        "\n"
    );
    let out = claimkit(
        &[os("extract"), os("--format"), os("jsonl"), os("-")],
        Some(jsonl.as_bytes()),
    );
    assert_no_panic(&out);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{err}");
    assert_eq!(ids(&records(&out)), ["ok"]);
    assert!(err.contains("<stdin>:2: "), "stderr:\n{err}");
}

#[test]
fn folders_are_walked_recursively_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Written out of order on purpose.
    write(&d.join("b/2.txt"), "Second file, in folder b.");
    write(
        &d.join("a/z.jsonl"),
        concat!(
            r#"{"id": "z-one", "text": "First line."}"#,
            "\n",
            r#"{"id": "z-two", "text": "Second line."}"#,
            "\n"
        ),
    );
    write(&d.join("a/1.txt"), "First file, in folder a.");
    // Neither .txt nor .jsonl: not a document.
    write(&d.join("a/notes.md"), "# not read");

    let out = claimkit(&[os("extract"), d.as_os_str()], None);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr_of(&out));
    assert_eq!(ids(&records(&out)), ["1", "z-one", "z-two", "2"]);
}

#[test]
fn dash_o_writes_the_jsonl_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        &dir.path().join("doc.txt"),
        "“It is just the beginning,” said Wei Jianguo.",
    );
    let output = dir.path().join("out.jsonl");
    let out = claimkit(
        &[
            os("extract"),
            os("-o"),
            output.as_os_str(),
            input.as_os_str(),
        ],
        None,
    );
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr_of(&out));
    assert_eq!(stdout_of(&out), "", "nothing goes to stdout with -o");
    let written = std::fs::read_to_string(&output).expect("the output file is written");
    let lines: Vec<&str> = written.lines().collect();
    assert_eq!(lines.len(), 1, "{written}");
    let rec: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(rec["id"], "doc");
    assert_eq!(rec["claims"][0]["speaker"]["name"], "Wei Jianguo");
}

#[test]
fn pathological_and_large_documents_are_extracted() {
    let dir = tempfile::tempdir().unwrap();
    let mut unclosed = "“ ".repeat(10_000);
    unclosed.push_str("and then, “at last,” said Wei Jianguo, it rained 3 days.");
    let unclosed = write(&dir.path().join("unclosed.txt"), &unclosed);

    // Ordinary prose, one figure a paragraph (a claim in every sentence makes a debug
    // build take minutes, which is not what this test is about).
    let paragraph = "The talks in the capital went on late into the evening and ended \
        without a joint statement. Delegates left through a side door while 40 reporters \
        waited outside.\n\n";
    let paragraphs = 5_000_000 / paragraph.len() + 1;
    let large: String = paragraph.repeat(paragraphs);
    assert!(large.len() >= 5_000_000);
    let large = write(&dir.path().join("large.txt"), &large);

    let out = claimkit(
        &[os("extract"), unclosed.as_os_str(), large.as_os_str()],
        None,
    );
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr_of(&out));
    let recs = records(&out);
    assert_eq!(ids(&recs), ["unclosed", "large"]);
    // Each paragraph's figure, however far into the document: the search over a long
    // text goes piece by piece and misses none.
    let figures = recs[1]["figures"].as_array().map_or(0, Vec::len);
    assert_eq!(figures, paragraphs, "one figure a paragraph");
}

/// Checks every span of a record (claims, their speakers and cues, figures) against
/// the code-point slice of `text`; returns how many spans it checked.
fn check_every_span(text: &str, record: &Value) -> usize {
    let mut checked = 0;
    let mut check = |what: &str, span: &Value| {
        if span.is_null() {
            return;
        }
        let (start, end) = (offset(span, "start"), offset(span, "end"));
        assert_eq!(
            code_point_slice(text, start, end),
            span["text"].as_str().expect("a span has text"),
            "{what} {start}..{end} of {}",
            record["id"]
        );
        checked += 1;
    };
    for claim in record["claims"].as_array().expect("claims is a list") {
        check("claim", claim);
        check("speaker", &claim["speaker"]);
        check("cue", &claim["cue"]);
    }
    for figure in record["figures"].as_array().expect("figures is a list") {
        check("figure", figure);
    }
    checked
}

#[test]
fn offsets_are_code_points() {
    let text = "€😊 “Hello there,” said Wei Jianguo.";
    let out = claimkit(&[os("extract"), os("-")], Some(text.as_bytes()));
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr_of(&out));
    let recs = records(&out);
    let claims = recs[0]["claims"].as_array().expect("claims is a list");
    assert_eq!(claims.len(), 1, "{}", recs[0]);
    let claim = &claims[0];
    assert_eq!(claim["text"], "Hello there,");
    let (start, end) = (offset(claim, "start"), offset(claim, "end"));
    assert_eq!(
        code_point_slice(text, start, end),
        claim["text"].as_str().unwrap()
    );
    // The expected offsets, computed from the text, not guessed.
    let expected_start = text.chars().position(|c| c == '“').unwrap() + 1;
    assert_eq!(start, expected_start);

    let speaker = &claim["speaker"];
    assert_eq!(speaker["text"], "Wei Jianguo");
    let (s, e) = (offset(speaker, "start"), offset(speaker, "end"));
    assert_eq!(
        code_point_slice(text, s, e),
        speaker["text"].as_str().unwrap()
    );

    let cue = &claim["cue"];
    assert_eq!(
        code_point_slice(text, offset(cue, "start"), offset(cue, "end")),
        cue["text"].as_str().unwrap()
    );

    assert_eq!(check_every_span(text, &recs[0]), 3);
}

#[test]
fn offsets_are_code_points_in_long_and_real_documents() {
    let dir = tempfile::tempdir().unwrap();
    // Far past the 256-byte blocks of the offset index, multi-byte all the way.
    let mut long = String::new();
    for i in 0..200 {
        long.push_str(&format!(
            "€😊 Ñandú {i}: “Exports rose 12% to €1.2 billion,” said Wei Jianguo. \
             Officials told reporters that 3,000 tonnes had shipped.\n\n"
        ));
    }
    let long_path = write(&dir.path().join("long.txt"), &long);
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let out = claimkit(
        &[os("extract"), long_path.as_os_str(), corpus.as_os_str()],
        None,
    );
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr_of(&out));
    let recs = records(&out);
    assert_eq!(recs[0]["id"], "long");
    let checked = check_every_span(&long, &recs[0]);
    assert!(
        checked >= 200 * 4,
        "only {checked} spans in the long document"
    );
    assert!(recs.len() > 1, "no corpus documents");
    for rec in &recs[1..] {
        let id = rec["id"].as_str().unwrap();
        let text = std::fs::read_to_string(corpus.join(format!("{id}.txt"))).unwrap();
        check_every_span(&text, rec);
    }
}

/// Deterministic pseudo-random bytes (xorshift), the same on every run.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

#[test]
fn binary_garbage_is_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let garbage_txt = write(&d.join("1-garbage.txt"), noise(1 << 20, 7));
    // Random bytes cut into lines: each line is one bad document, however many.
    let mut lines = noise(1 << 20, 11);
    for (i, b) in lines.iter_mut().enumerate() {
        if i % 1000 == 999 {
            *b = b'\n';
        }
    }
    let garbage_jsonl = write(&d.join("2-garbage.jsonl"), &lines);
    // Valid UTF-8 that is no prose at all: control characters, NULs, stray marks.
    let odd: String = noise(1 << 18, 13)
        .iter()
        .map(|&b| match b % 8 {
            0 => '\0',
            1 => '\u{1}',
            2 => '“',
            3 => '\u{FFFD}',
            4 => char::from(b'0' + b % 10),
            5 => ' ',
            6 => '.',
            _ => char::from_u32(0x4E00 + u32::from(b)).unwrap(),
        })
        .collect();
    let odd_txt = write(&d.join("3-odd.txt"), &odd);
    let good = write(
        &d.join("4-good.txt"),
        "Output rose 5% in June, the agency said.",
    );

    let out = claimkit(
        &[
            os("extract"),
            garbage_txt.as_os_str(),
            garbage_jsonl.as_os_str(),
            odd_txt.as_os_str(),
            good.as_os_str(),
        ],
        None,
    );
    assert_no_panic(&out);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{err}");
    assert_eq!(ids(&records(&out)), ["3-odd", "4-good"]);
    let prefix = format!("error: {}: not valid UTF-8", garbage_txt.display());
    assert!(err.lines().any(|l| l.starts_with(&prefix)), "{err}");
    let jsonl_errors = err
        .lines()
        .filter(|l| l.starts_with(&format!("error: {}:", garbage_jsonl.display())))
        .count();
    assert!(
        jsonl_errors > 1000,
        "{jsonl_errors} errors for the garbage lines"
    );
}

#[test]
fn a_hundred_thousand_unclosed_quote_marks_do_not_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let after = " Then, “at last,” said Wei Jianguo, it rained for 3 days.";
    let mut inputs = Vec::new();
    for (name, mark) in [
        ("curly", "“"),
        ("straight", "\""),
        ("single", "‘"),
        ("guillemet", "«"),
    ] {
        let mut text = format!("{mark}word ").repeat(100_000);
        text.push_str(after);
        inputs.push(write(&d.join(format!("{name}.txt")), text));
    }
    let mut args = vec![os("extract")];
    args.extend(inputs.iter().map(|p| p.as_os_str()));
    let out = claimkit(&args, None);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr_of(&out));
    assert_eq!(
        ids(&records(&out)),
        ["curly", "straight", "single", "guillemet"]
    );
}

#[test]
fn a_ten_megabyte_line_is_one_document_and_a_broken_one_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    // One JSON line of 10 MB, its bulk in a field that is read and skipped; a 10 MB
    // line cut off inside its string; then an ordinary line.
    let bulk = "x".repeat(10 << 20);
    let jsonl = format!(
        "{{\"id\": \"big\", \"html\": \"{bulk}\", \"text\": \"Sales fell 3% in May.\"}}\n\
         {{\"id\": \"cut\", \"text\": \"{bulk}\n\
         {{\"id\": \"after\", \"text\": \"Sales rose 2% in June.\"}}\n"
    );
    let input = write(&dir.path().join("big.jsonl"), &jsonl);
    let out = claimkit(&[os("extract"), input.as_os_str()], None);
    assert_no_panic(&out);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{err}");
    assert_eq!(ids(&records(&out)), ["big", "after"]);
    let prefix = format!("error: {}:2: malformed JSON", input.display());
    assert!(err.lines().any(|l| l.starts_with(&prefix)), "{err}");
}
