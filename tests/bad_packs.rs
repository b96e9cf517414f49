//! Rule-pack errors: each test writes a tiny pack (the shape of `rules/en`, cut down to
//! one lexicon file, a few inline lexicons and one attribution rule) into a temporary
//! folder, breaks it in one way, and checks that `Rules::load` points at the exact
//! file, line and column. Expected positions are computed from the YAML text written,
//! never typed in by hand.

use std::path::{Path, PathBuf};
use std::process::Command;

use claimkit::{Diagnostic, Rules};

// ---- The tiny pack ------------------------------------------------------------------

const MANIFEST: &str = r#"# A tiny pack for tests.
pack: tiny
description: One attribution rule and what it needs.
version: 1

include:
  - rules.yaml

lexicons:
  cue-verb: { file: lexicons/cue-verbs.txt }
  pronoun:
    entries: [he => person, she => person, they => group]
  title:
    entries: [Mr, Ms, Dr]
  not-speaker:
    entries: [The, This, It]
  role-noun:
    entries: [official, spokesman, adviser]

speakers:
  pronouns: pronoun
  titles: title
  not-speakers: not-speaker
  roles: role-noun
  person-name: '(?<name>@name-word(?:\s+@name-word){1,2})'
"#;

const RULES: &str = r#"# Quotes and the one rule.
quotes:
  marks:
    - { name: curly-double, open: "“", close: "”" }
    - { name: straight-double, open: '"', close: '"' }

define:
  name-word: '\p{Lu}\p{Ll}+'

rules:
  - id: quote-then-cue-speaker
    description: The cue and then the speaker after the quote.
    emit: attribution
    scope: after-quote
    confidence: 0.9
    pattern: '\s*,?\s*(?<cue>@cue-verb)\s+(?<speaker>@name-word(?:\s+@name-word){0,2})'
"#;

const CUE_VERBS: &str = "# Reporting verbs.\nsaid => say\nsays => say\n";

/// The pattern of the one rule, as written in `RULES`.
const PATTERN: &str = r"\s*,?\s*(?<cue>@cue-verb)\s+(?<speaker>@name-word(?:\s+@name-word){0,2})";

/// The files of a pack, to be broken one way or another before writing.
#[derive(Clone)]
struct TinyPack {
    manifest: String,
    rules: String,
    cue_verbs: String,
}

impl TinyPack {
    fn new() -> TinyPack {
        TinyPack {
            manifest: MANIFEST.to_string(),
            rules: RULES.to_string(),
            cue_verbs: CUE_VERBS.to_string(),
        }
    }

    /// Replaces `old` (which must occur exactly once) in the manifest.
    fn edit_manifest(mut self, old: &str, new: &str) -> TinyPack {
        self.manifest = replace_once(&self.manifest, old, new);
        self
    }

    /// Replaces `old` (which must occur exactly once) in `rules.yaml`.
    fn edit_rules(mut self, old: &str, new: &str) -> TinyPack {
        self.rules = replace_once(&self.rules, old, new);
        self
    }

    /// Writes the pack into a new temporary folder.
    fn write(&self) -> Written {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::create_dir_all(root.join("lexicons")).unwrap();
        std::fs::write(root.join("pack.yaml"), &self.manifest).unwrap();
        std::fs::write(root.join("rules.yaml"), &self.rules).unwrap();
        std::fs::write(root.join("lexicons/cue-verbs.txt"), &self.cue_verbs).unwrap();
        Written { _dir: dir, root }
    }

    /// Writes the pack and loads it, which must fail; returns every diagnostic.
    fn errors(&self) -> (Written, Vec<Diagnostic>) {
        let written = self.write();
        match Rules::load(&written.root) {
            Ok(_) => panic!(
                "the pack loaded, but it is broken:\n--- pack.yaml\n{}\n--- rules.yaml\n{}",
                self.manifest, self.rules
            ),
            Err(e) => {
                assert!(!e.diagnostics.is_empty(), "a PackError with no diagnostics");
                (written, e.diagnostics)
            }
        }
    }
}

struct Written {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Written {
    /// A file of the pack as diagnostics name it.
    fn file(&self, rel: &str) -> String {
        self.root.join(rel).display().to_string()
    }
}

fn replace_once(text: &str, old: &str, new: &str) -> String {
    assert_eq!(
        text.matches(old).count(),
        1,
        "`{old}` must occur exactly once in:\n{text}"
    );
    text.replacen(old, new, 1)
}

/// The 1-based line and column (in characters) of the `nth` (0-based) occurrence of
/// `needle` in `text`, found line by line.
fn nth_position(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let found = text
        .lines()
        .enumerate()
        .flat_map(|(i, line)| {
            line.match_indices(needle)
                .map(move |(byte, _)| (i + 1, line[..byte].chars().count() + 1))
        })
        .nth(nth);
    found.unwrap_or_else(|| panic!("occurrence {nth} of `{needle}` not found in:\n{text}"))
}

fn position(text: &str, needle: &str) -> (usize, usize) {
    nth_position(text, needle, 0)
}

/// The 1-based line of the first line containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` not found in:\n{text}"))
        + 1
}

fn show(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| format!("  {d}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The one diagnostic with `code`; fails if there is none or several.
fn only<'a>(diags: &'a [Diagnostic], code: &str) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == code).collect();
    assert_eq!(
        found.len(),
        1,
        "expected exactly one `{code}` diagnostic, got:\n{}",
        show(diags)
    );
    found[0]
}

/// Asserts that `d` lies in `file` at `line` and `column`.
fn assert_at(d: &Diagnostic, file: &str, line: usize, column: usize) {
    assert_eq!(
        (d.file.as_str(), d.line, d.column),
        (file, line, column),
        "wrong place for: {d}"
    );
}

// ---- The baseline -------------------------------------------------------------------

#[test]
fn the_tiny_pack_loads_and_extracts() {
    let written = TinyPack::new().write();
    let rules = Rules::load(&written.root).unwrap_or_else(|e| panic!("{e}"));
    let text = "“It is just the beginning,” said Wei Jianguo.";
    let found = rules.extract(text);
    assert_eq!(found.claims.len(), 1, "{found:?}");
    let speaker = found.claims[0].speaker.as_ref().expect("a speaker");
    assert_eq!(&text[speaker.mention.clone()], "Wei Jianguo");
    assert_eq!(found.claims[0].rule, "tiny/quote-then-cue-speaker");
}

// ---- Loading: YAML, shapes, files ---------------------------------------------------

#[test]
fn yaml_syntax_error_points_at_line_and_column() {
    // A second `:` on one line: the error is at that colon.
    let broken = "description: One attribution rule: and what it needs.";
    let pack = TinyPack::new().edit_manifest(
        "description: One attribution rule and what it needs.",
        broken,
    );
    let (written, diags) = pack.errors();
    let d = only(&diags, "invalid-yaml");
    let (line, _) = position(&pack.manifest, broken);
    let column = broken.find("rule:").unwrap() + "rule".len() + 1;
    assert_at(d, &written.file("pack.yaml"), line, column);
    assert!(!d.message.contains(" at line "), "{}", d.message);
}

#[test]
fn yaml_syntax_error_after_non_ascii_text_points_at_line_and_column() {
    // rules.yaml holds “ and ” (three bytes each) before the error.
    let good = "    description: The cue and then the speaker after the quote.";
    let broken = "    description: The cue: and then the speaker after the quote.";
    let pack = TinyPack::new().edit_rules(good, broken);
    let (written, diags) = pack.errors();
    let d = only(&diags, "invalid-yaml");
    let (line, _) = position(&pack.rules, broken);
    let column = broken.find("cue:").unwrap() + "cue".len() + 1;
    assert_at(d, &written.file("rules.yaml"), line, column);
}

#[test]
fn unknown_field_in_a_rule_is_a_serde_error_at_its_line() {
    let pack = TinyPack::new().edit_rules(
        "    confidence: 0.9\n",
        "    confidence: 0.9\n    priorty: 3\n",
    );
    let (written, diags) = pack.errors();
    let d = only(&diags, "invalid-yaml");
    assert_eq!(d.file, written.file("rules.yaml"), "{d}");
    assert_eq!(d.line, line_of(&pack.rules, "priorty:"), "{d}");
    assert!(d.message.contains("unknown field `priorty`"), "{d}");
}

#[test]
fn a_name_given_twice_in_one_map_is_an_error_not_a_silent_override() {
    // YAML keeps the last of two equal keys: the first constraint, expected field or
    // define would be lost without a word.
    let rule = "    confidence: 0.9\n";
    let twice = [
        (rule, "    where:\n      cue: { not-in: cue-verb }\n      cue: { no-word-in: cue-verb }\n", "cue"),
        (rule, "    examples:\n      - match: '“Hi,” said ⟦Ana Silva⟧.'\n        expect: { cue: said, cue: says }\n", "cue"),
        ("define:\n", "  name-word: '\\p{Lu}+'\n", "name-word"),
    ];
    for (at, added, name) in twice {
        let pack = TinyPack::new().edit_rules(at, &format!("{at}{added}"));
        let (written, diags) = pack.errors();
        let d = only(&diags, "invalid-yaml");
        assert_eq!(d.file, written.file("rules.yaml"), "{d}");
        assert!(
            d.message.contains(&format!("`{name}` is given twice")),
            "{d}"
        );
    }
    // In a block map, the error points at the second time, and names the line of the first.
    let pack = TinyPack::new().edit_rules(rule, &format!("{rule}{}", twice[0].1));
    let (_, diags) = pack.errors();
    let d = only(&diags, "invalid-yaml");
    let lines: Vec<&str> = pack.rules.lines().collect();
    let second = lines
        .iter()
        .position(|l| l.trim_start().starts_with("cue: { no-word-in"))
        .expect("the second key is written");
    assert_eq!(d.line, second + 1, "{d}");
    assert_eq!(d.column, 7, "{d}");
    assert!(
        d.message.contains(&format!("first on line {second}")),
        "{d}"
    );
}

#[test]
fn missing_lexicon_file_is_reported_at_its_declaration() {
    let pack = TinyPack::new().edit_manifest(
        "cue-verb: { file: lexicons/cue-verbs.txt }",
        "cue-verb: { file: lexicons/cue-verb.txt }",
    );
    let (written, diags) = pack.errors();
    let d = only(&diags, "missing-file");
    let (line, column) = position(&pack.manifest, "lexicons/cue-verb.txt");
    assert_at(d, &written.file("pack.yaml"), line, column);
    assert!(d.message.contains("lexicons/cue-verb.txt"), "{d}");
    assert_eq!(diags.len(), 1, "{}", show(&diags));
}

#[test]
fn missing_included_file_is_reported_at_its_include_line() {
    let pack =
        TinyPack::new().edit_manifest("  - rules.yaml\n", "  - rules.yaml\n  - figures.yaml\n");
    let (written, diags) = pack.errors();
    let d = only(&diags, "missing-file");
    let (line, column) = position(&pack.manifest, "figures.yaml");
    assert_at(d, &written.file("pack.yaml"), line, column);
    assert!(d.message.contains("figures.yaml"), "{d}");
    assert_eq!(diags.len(), 1, "{}", show(&diags));
}

#[test]
fn non_utf8_lexicon_file_is_reported_as_such() {
    let written = TinyPack::new().write();
    std::fs::write(
        written.root.join("lexicons/cue-verbs.txt"),
        b"said => say\ncaf\xe9\n",
    )
    .unwrap();
    let diags = match Rules::load(&written.root) {
        Ok(_) => panic!("a lexicon file that is not UTF-8 loads"),
        Err(e) => e.diagnostics,
    };
    assert_eq!(diags.len(), 1, "{}", show(&diags));
    let d = &diags[0];
    assert!(
        d.message.contains("UTF-8"),
        "the diagnostic does not say the file is not UTF-8: {d}"
    );
    assert_ne!(d.code, "missing-file", "the file exists: {d}");
}

#[test]
fn duplicate_lexicon_entry_is_reported_in_the_lexicon_file() {
    let mut pack = TinyPack::new();
    pack.cue_verbs = "# Reporting verbs.\nsaid => say\nsays => say\n\n  said => say\nSAYS\n".into();
    let (written, diags) = pack.errors();
    let dups: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.code == "duplicate-entry")
        .collect();
    assert_eq!(dups.len(), 2, "{}", show(&diags));
    let file = written.file("lexicons/cue-verbs.txt");
    // The second `said` (indented) and `SAYS` (the same entry, case folded).
    let (said_line, said_column) = nth_position(&pack.cue_verbs, "said", 1);
    let (says_line, says_column) = position(&pack.cue_verbs, "SAYS");
    assert_at(dups[0], &file, said_line, said_column);
    assert!(dups[0].message.contains("said"), "{}", dups[0]);
    assert_at(dups[1], &file, says_line, says_column);
    assert_eq!(diags.len(), 2, "{}", show(&diags));
}

#[test]
fn duplicate_inline_lexicon_entry_is_reported_in_pack_yaml() {
    let pack = TinyPack::new().edit_manifest(
        "entries: [he => person, she => person, they => group]",
        "entries: [he => person, she => person, he => group]",
    );
    let (written, diags) = pack.errors();
    let d = only(&diags, "duplicate-entry");
    let (line, column) = position(&pack.manifest, "he => group");
    assert_at(d, &written.file("pack.yaml"), line, column);
}

// ---- Compiling: references, regexes, ids, captures, lexicon names -------------------

#[test]
fn unknown_reference_points_at_the_at_sign() {
    for (old, new, name) in [
        // ASCII before the reference.
        (
            "(?<speaker>@name-word",
            "(?<speaker>@speaker-name",
            "@speaker-name",
        ),
        // Non-ASCII (a dash, three bytes) before the reference.
        (
            "'\\s*,?\\s*(?<cue>@cue-verb)",
            "'\\s*[,—]?\\s*(?<cue>@cue-verbs)",
            "@cue-verbs",
        ),
    ] {
        let pack = TinyPack::new().edit_rules(old, new);
        let (written, diags) = pack.errors();
        let d = only(&diags, "unknown-reference");
        let (line, column) = position(&pack.rules, name);
        assert_eq!(line, line_of(&pack.rules, "pattern:"));
        assert_at(d, &written.file("rules.yaml"), line, column);
        assert!(d.message.contains(name), "{d}");
        assert_eq!(diags.len(), 1, "{}", show(&diags));
    }
}

#[test]
fn invalid_regex_is_reported_at_its_pattern() {
    let pack = TinyPack::new().edit_rules("{0,2})'", "{0,2}'");
    let (written, diags) = pack.errors();
    let d = only(&diags, "invalid-regex");
    assert_eq!(d.file, written.file("rules.yaml"), "{d}");
    assert_eq!(d.line, line_of(&pack.rules, "pattern:"), "{d}");
    assert_eq!(diags.len(), 1, "{}", show(&diags));
}

#[test]
fn a_group_named_twice_through_a_define_is_reported_at_its_pattern() {
    // Defines are parsed once and spliced into each pattern's tree; a group they name
    // twice in one pattern is still the regex crate's error, at the rule.
    let pack = TinyPack::new()
        .edit_rules(
            "  name-word: '\\p{Lu}\\p{Ll}+'",
            "  name-word: '\\p{Lu}\\p{Ll}+'\n  cue-group: '(?<cue>@cue-verb)'",
        )
        .edit_rules("(?<cue>@cue-verb)\\s+", "@cue-group\\s+(?:@cue-group\\s+)?");
    let (written, diags) = pack.errors();
    let d = only(&diags, "invalid-regex");
    assert_eq!(d.file, written.file("rules.yaml"), "{d}");
    assert_eq!(d.line, line_of(&pack.rules, "pattern:"), "{d}");
    assert!(d.message.contains("duplicate"), "{d}");
    assert_eq!(diags.len(), 1, "{}", show(&diags));
}

#[test]
fn duplicate_rule_id_is_reported_at_the_second_id() {
    let second = format!(
        "\n  - id: quote-then-cue-speaker\n    emit: attribution\n    scope: after-quote\n    pattern: '{PATTERN}'\n"
    );
    let mut pack = TinyPack::new();
    pack.rules.push_str(&second);
    let (written, diags) = pack.errors();
    let d = only(&diags, "duplicate-id");
    let (line, column) = nth_position(&pack.rules, "quote-then-cue-speaker", 1);
    assert_at(d, &written.file("rules.yaml"), line, column);
    assert_eq!(diags.len(), 1, "{}", show(&diags));
}

#[test]
fn unknown_capture_name_points_at_its_group() {
    let pack = TinyPack::new().edit_rules(
        r"\s+(?<speaker>@name-word",
        r"\s+(?<who>the\s+)?(?<speaker>@name-word",
    );
    let (written, diags) = pack.errors();
    let d = only(&diags, "unknown-field");
    let (line, column) = position(&pack.rules, "(?<who>");
    assert_at(d, &written.file("rules.yaml"), line, column);
    assert!(d.message.contains("`who`"), "{d}");
    assert!(
        d.help.as_deref().is_some_and(|h| h.contains("speaker")),
        "the help lists the allowed captures: {d:?}"
    );
    assert_eq!(diags.len(), 1, "{}", show(&diags));
}

#[test]
fn unknown_lexicon_in_speakers_is_reported_at_its_name() {
    let pack = TinyPack::new().edit_manifest("  titles: title\n", "  titles: titel\n");
    let (written, diags) = pack.errors();
    let d = only(&diags, "unknown-lexicon");
    let (line, column) = position(&pack.manifest, "titel");
    assert_at(d, &written.file("pack.yaml"), line, column);
    assert!(d.message.contains("`titel`"), "{d}");
    assert_eq!(diags.len(), 1, "{}", show(&diags));
}

// ---- Many problems at once ----------------------------------------------------------

#[test]
fn every_compile_problem_is_reported_at_once() {
    let extra = format!(
        concat!(
            "\n  - id: quote-then-cue-speaker\n",
            "    emit: attribution\n",
            "    scope: after-quote\n",
            "    pattern: '(?<speaker>[A-Z]+'\n",
            "\n  - id: speaker-then-cue\n",
            "    emit: attribution\n",
            "    scope: after-quote\n",
            "    pattern: '{}'\n",
        ),
        PATTERN.replace("(?<speaker>", "(?<who>")
    );
    let mut pack = TinyPack::new()
        .edit_manifest("  roles: role-noun\n", "  roles: role-nouns\n")
        .edit_rules("(?<cue>@cue-verb)", "(?<cue>@cue-word)");
    pack.rules.push_str(&extra);
    let (written, diags) = pack.errors();
    let rules_file = written.file("rules.yaml");
    let manifest = written.file("pack.yaml");

    let reference = only(&diags, "unknown-reference");
    let (line, column) = position(&pack.rules, "@cue-word");
    assert_at(reference, &rules_file, line, column);

    // The second rule: a duplicate id and an invalid regex, both reported.
    let duplicate = only(&diags, "duplicate-id");
    let (line, column) = nth_position(&pack.rules, "quote-then-cue-speaker", 1);
    assert_at(duplicate, &rules_file, line, column);
    let regex = only(&diags, "invalid-regex");
    assert_eq!(
        (regex.file.as_str(), regex.line),
        (
            rules_file.as_str(),
            line_of(&pack.rules, "'(?<speaker>[A-Z]+'")
        )
    );

    // The third rule: a capture no attribution has (and so no `speaker`).
    let capture = only(&diags, "unknown-field");
    let (line, column) = position(&pack.rules, "(?<who>");
    assert_at(capture, &rules_file, line, column);
    let no_speaker = only(&diags, "missing-capture");
    assert_eq!(
        (no_speaker.file.as_str(), no_speaker.line),
        (rules_file.as_str(), line)
    );

    let lexicon = only(&diags, "unknown-lexicon");
    let (line, column) = position(&pack.manifest, "role-nouns");
    assert_at(lexicon, &manifest, line, column);
    assert_eq!(diags.len(), 6, "{}", show(&diags));
}

#[test]
fn every_load_problem_is_reported_at_once() {
    let mut pack = TinyPack::new()
        .edit_manifest(
            "  role-noun:\n    entries: [official, spokesman, adviser]\n",
            "  role-noun: { file: lexicons/roles.txt }\n",
        )
        .edit_rules(
            "    confidence: 0.9\n",
            "    confidence: 0.9\n    priorty: 3\n",
        );
    pack.cue_verbs.push_str("said\n");
    let (written, diags) = pack.errors();

    let missing = only(&diags, "missing-file");
    let (line, column) = position(&pack.manifest, "lexicons/roles.txt");
    assert_at(missing, &written.file("pack.yaml"), line, column);

    let duplicate = only(&diags, "duplicate-entry");
    let (line, column) = nth_position(&pack.cue_verbs, "said", 1);
    assert_at(
        duplicate,
        &written.file("lexicons/cue-verbs.txt"),
        line,
        column,
    );

    let yaml = only(&diags, "invalid-yaml");
    assert_eq!(
        (yaml.file.as_str(), yaml.line),
        (
            written.file("rules.yaml").as_str(),
            line_of(&pack.rules, "priorty:")
        )
    );
    assert_eq!(diags.len(), 3, "{}", show(&diags));
}

#[test]
fn load_and_compile_problems_are_reported_together() {
    let mut pack = TinyPack::new().edit_rules("(?<cue>@cue-verb)", "(?<cue>@cue-word)");
    pack.cue_verbs.push_str("said\n");
    let (written, diags) = pack.errors();
    let duplicate = only(&diags, "duplicate-entry");
    assert_eq!(duplicate.file, written.file("lexicons/cue-verbs.txt"));
    let reference = only(&diags, "unknown-reference");
    let (line, column) = position(&pack.rules, "@cue-word");
    assert_at(reference, &written.file("rules.yaml"), line, column);
}

// ---- The command line ---------------------------------------------------------------

#[test]
fn extract_with_a_bad_pack_exits_2_and_names_file_and_line() {
    let pack = TinyPack::new().edit_rules("(?<speaker>@name-word", "(?<speaker>@speaker-name");
    let written = pack.write();
    let input = written.root.join("doc.txt");
    std::fs::write(&input, "“Yes,” said Wei Jianguo.").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_claimkit"))
        .arg("extract")
        .arg("--rules")
        .arg(&written.root)
        .arg(&input)
        .output()
        .expect("claimkit runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr:\n{err}");
    assert!(
        out.stdout.is_empty(),
        "nothing is extracted with a bad pack"
    );
    assert!(!err.contains("panicked"), "{err}");
    let (line, _) = position(&pack.rules, "@speaker-name");
    let place = format!("{}:{line}", written.file("rules.yaml"));
    assert!(err.contains(&place), "`{place}` not in stderr:\n{err}");
    assert!(err.contains("unknown-reference"), "{err}");

    // A --rules folder that does not exist is named too.
    let nowhere = written.root.join("no-such-pack");
    let out = Command::new(env!("CARGO_BIN_EXE_claimkit"))
        .arg("extract")
        .arg("--rules")
        .arg(&nowhere)
        .arg(&input)
        .output()
        .expect("claimkit runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr:\n{err}");
    assert!(out.stdout.is_empty());
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains(&nowhere.display().to_string()),
        "the folder is not named:\n{err}"
    );
}

// ---- The built-in pack --------------------------------------------------------------

#[test]
fn the_builtin_pack_and_rules_en_on_disk_extract_the_same() {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let from_disk =
        Rules::load(&manifest_dir.join("rules/en")).unwrap_or_else(|e| panic!("rules/en: {e}"));
    let builtin = Rules::builtin().unwrap_or_else(|e| panic!("builtin: {e}"));
    let mut corpus: Vec<PathBuf> = std::fs::read_dir(manifest_dir.join("corpus"))
        .expect("corpus/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    corpus.sort();
    assert!(!corpus.is_empty(), "corpus/ is empty");
    for path in &corpus {
        let text = std::fs::read_to_string(path).expect("corpus files are UTF-8");
        let id = path.file_stem().unwrap().to_string_lossy();
        let a = claimkit::output::to_json_line(&id, &text, &builtin.extract(&text));
        let b = claimkit::output::to_json_line(&id, &text, &from_disk.extract(&text));
        assert!(
            a == b,
            "{}: the built-in pack and rules/en differ\nbuiltin: {a}\ndisk:    {b}",
            path.display()
        );
    }
}

// ---- Rule examples: the runner reports what does not hold -----------------------------

#[test]
fn rule_examples_that_do_not_hold_are_reported() {
    let mut pack = TinyPack::new();
    pack.rules.push_str(concat!(
        "    examples:\n",
        "      - match: '“Yes,” said ⟦Wei Jianguo⟧.'\n",
        "        expect: { cue: said }\n",
        "      - match: '“Yes,” said Wei ⟦Jianguo⟧.'\n",
        "      - match: '“Yes,” said ⟦Wei⟧.'\n",
        "        expect: { cue: says }\n",
        "      - no-match: '“Yes,” said Wei.'\n",
    ));
    let written = pack.write();
    let rules = Rules::load(&written.root).unwrap_or_else(|e| panic!("{e}"));
    let failures = claimkit::examples::run(&rules);
    let problems: Vec<&str> = failures.iter().map(|f| f.problem.as_str()).collect();
    assert_eq!(failures.len(), 3, "{problems:#?}");
    assert!(
        problems[0].starts_with("expected ⟦Jianguo⟧, got ⟦Wei Jianguo⟧"),
        "{problems:#?}"
    );
    assert!(
        problems[1].starts_with("`cue`: expected says, got said"),
        "{problems:#?}"
    );
    assert!(
        problems[2].starts_with("must not match, but produced ⟦Wei⟧"),
        "{problems:#?}"
    );
}
