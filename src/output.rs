//! Write: the JSONL output contract, one object per document.
//!
//! ```json
//! {"id": "doc-1",
//!  "claims": [{"kind": "direct", "text": "…", "start": 10, "end": 42,
//!              "speaker": {"text": "he", "start": 45, "end": 47, "name": "Xi Jinping", "role": null},
//!              "cue": {"text": "said", "start": 48, "end": 52},
//!              "rule": "en/quote-then-speaker-cue", "confidence": 0.9, "figures": [0]}],
//!  "figures": [{"text": "6,538 tonnes", "start": 20, "end": 32, "kind": "measure",
//!               "value": 6538, "low": null, "high": null, "unit": "tonne",
//!               "approx": null, "rule": "en/figure/measure"}]}
//! ```
//! - Offsets are Unicode code points into the document text, end exclusive (Python's
//!   `text[start:end]` is the span).
//! - claim `kind`: `direct` (the marks enclose a whole utterance), `partial` (a quoted
//!   fragment inside the writer's sentence) or `indirect` (reported speech); `text` is
//!   exactly the words inside the marks, or the reported clause; `speaker` is null or
//!   the mention as written with its resolved full `name` (null for unnamed sources)
//!   and `role`; `cue` is null or the reporting word; `rule` is the id of the rule that
//!   attributed it (`PACK/quote` for a quote nobody is named for); `confidence` lies
//!   in 0–1; `figures` are indices into the document's `figures`.
//! - figure `kind`: count, measure, money, percent, range, year, date, ordinal or
//!   number; `value` is null for ranges and vague quantities; `low` and `high` are set
//!   for ranges; `unit` is a canonical unit, ISO currency code, `%`, or a counted
//!   noun's lemma; `approx` is the hedge as written, outside the span.
//!
//! - With `--keep-fields a,b` (JSONL input), the record also holds `"fields": {"a": …,
//!   "b": …}` right after `id`: the input line's values of those fields as they were, in
//!   the order asked for, `null` where the line has none. Without the flag there is no
//!   `fields` key.
//!
//! Fields may be added; these names and meanings stay.

use serde::ser::{Serialize, Serializer};
use serde::Serialize as DeriveSerialize;

use crate::extract::{Claim, Extraction, Figure};

/// Converts byte offsets of one text to code-point offsets in O(1) per query.
pub struct CharIndex<'a> {
    text: &'a [u8],
    /// Code points before each block of `BLOCK` bytes; empty for ASCII text.
    blocks: Vec<usize>,
}

const BLOCK: usize = 256;

fn is_char_start(b: u8) -> bool {
    b & 0xC0 != 0x80
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        if text.is_ascii() {
            return CharIndex {
                text: bytes,
                blocks: Vec::new(),
            };
        }
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0;
        for chunk in bytes.chunks(BLOCK) {
            blocks.push(count);
            count += chunk.iter().filter(|&&b| is_char_start(b)).count();
        }
        CharIndex {
            text: bytes,
            blocks,
        }
    }

    /// The code-point offset of byte offset `byte`.
    pub fn char_of(&self, byte: usize) -> usize {
        if self.blocks.is_empty() {
            return byte;
        }
        let block = byte / BLOCK;
        if block >= self.blocks.len() {
            return self.blocks.last().copied().unwrap_or(0)
                + self.text[(self.blocks.len() - 1) * BLOCK..]
                    .iter()
                    .filter(|&&b| is_char_start(b))
                    .count();
        }
        self.blocks[block]
            + self.text[block * BLOCK..byte]
                .iter()
                .filter(|&&b| is_char_start(b))
                .count()
    }
}

/// A number printed as an integer when it is one (`6538`, not `6538.0`).
pub struct Num(pub f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.fract() == 0.0 && self.0.abs() < 9e15 {
            s.serialize_i64(self.0 as i64)
        } else {
            s.serialize_f64(self.0)
        }
    }
}

#[derive(DeriveSerialize)]
pub struct DocumentRecord<'a> {
    pub id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<KeptFields<'a>>,
    pub claims: Vec<ClaimRecord<'a>>,
    pub figures: Vec<FigureRecord<'a>>,
}

#[derive(DeriveSerialize)]
pub struct SpanRecord<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

#[derive(DeriveSerialize)]
pub struct SpeakerRecord<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub name: Option<&'a str>,
    pub role: Option<&'a str>,
}

#[derive(DeriveSerialize)]
pub struct ClaimRecord<'a> {
    pub kind: &'static str,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub speaker: Option<SpeakerRecord<'a>>,
    pub cue: Option<SpanRecord<'a>>,
    pub rule: &'a str,
    pub confidence: Num2,
    pub figures: &'a [usize],
}

/// Input fields carried through to the output, as one object in the order given.
pub struct KeptFields<'a>(pub &'a [(String, serde_json::Value)]);

impl Serialize for KeptFields<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// A confidence, printed with two decimals.
pub struct Num2(pub f64);

impl Serialize for Num2 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64((self.0 * 100.0).round() / 100.0)
    }
}

#[derive(DeriveSerialize)]
pub struct FigureRecord<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub kind: &'a str,
    pub value: Option<Num>,
    pub low: Option<Num>,
    pub high: Option<Num>,
    pub unit: Option<&'a str>,
    pub approx: Option<&'a str>,
    pub rule: &'a str,
}

/// The output record of one document.
pub fn record<'a>(id: &'a str, text: &'a str, ex: &'a Extraction) -> DocumentRecord<'a> {
    let index = CharIndex::new(text);
    DocumentRecord {
        id,
        fields: None,
        claims: ex.claims.iter().map(|c| claim(text, &index, c)).collect(),
        figures: ex.figures.iter().map(|f| figure(text, &index, f)).collect(),
    }
}

fn claim<'a>(text: &'a str, ix: &CharIndex, c: &'a Claim) -> ClaimRecord<'a> {
    ClaimRecord {
        kind: c.kind.as_str(),
        text: &text[c.content.clone()],
        start: ix.char_of(c.content.start),
        end: ix.char_of(c.content.end),
        speaker: c.speaker.as_ref().map(|s| SpeakerRecord {
            text: &text[s.mention.clone()],
            start: ix.char_of(s.mention.start),
            end: ix.char_of(s.mention.end),
            name: s.name.as_deref(),
            role: s.role.as_deref(),
        }),
        cue: c.cue.as_ref().map(|r| SpanRecord {
            text: &text[r.clone()],
            start: ix.char_of(r.start),
            end: ix.char_of(r.end),
        }),
        rule: &c.rule,
        confidence: Num2(c.confidence),
        figures: &c.figures,
    }
}

fn figure<'a>(text: &'a str, ix: &CharIndex, f: &'a Figure) -> FigureRecord<'a> {
    FigureRecord {
        text: &text[f.span.clone()],
        start: ix.char_of(f.span.start),
        end: ix.char_of(f.span.end),
        kind: &f.kind,
        value: f.value.map(Num),
        low: f.low.map(Num),
        high: f.high.map(Num),
        unit: f.unit.as_deref(),
        approx: f.approx.as_deref(),
        rule: &f.rule,
    }
}

/// One JSON line (without the newline) for a document.
pub fn to_json_line(id: &str, text: &str, ex: &Extraction) -> String {
    to_json_line_with_fields(id, None, text, ex)
}

/// One JSON line for a document, with the input fields kept (`--keep-fields`) if any.
pub fn to_json_line_with_fields(
    id: &str,
    fields: Option<&[(String, serde_json::Value)]>,
    text: &str,
    ex: &Extraction,
) -> String {
    let mut rec = record(id, text, ex);
    rec.fields = fields.map(KeptFields);
    // The records hold only strings, integers, finite floats and parsed JSON values:
    // serialising cannot fail, but should it, the line still names the document and
    // says why.
    serde_json::to_string(&rec)
        .unwrap_or_else(|e| serde_json::json!({"id": id, "error": e.to_string()}).to_string())
}

/// A human-readable rendering of one extraction: one line per claim or figure in
/// offset order, with the rule that made it (what corpus snapshots hold).
pub fn render_text(text: &str, ex: &Extraction) -> String {
    use std::fmt::Write;
    let ix = CharIndex::new(text);
    let mut out = String::new();
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let num = |v: f64| {
        if v.fract() == 0.0 && v.abs() < 9e15 {
            format!("{}", v as i64)
        } else {
            format!("{v}")
        }
    };
    let _ = writeln!(out, "claims: {}", ex.claims.len());
    for c in &ex.claims {
        let _ = write!(
            out,
            "  {}..{} {} «{}»",
            ix.char_of(c.content.start),
            ix.char_of(c.content.end),
            c.kind.as_str(),
            one_line(&text[c.content.clone()])
        );
        match &c.speaker {
            Some(s) => {
                let _ = write!(
                    out,
                    "\n      speaker: {}",
                    one_line(&text[s.mention.clone()])
                );
                if let Some(n) = &s.name {
                    if n != &text[s.mention.clone()] {
                        let _ = write!(out, " = {n}");
                    }
                }
                if let Some(r) = &s.role {
                    let _ = write!(out, " ({})", one_line(r));
                }
            }
            None => out.push_str("\n      speaker: -"),
        }
        if let Some(cue) = &c.cue {
            let _ = write!(out, "; cue: {}", &text[cue.clone()]);
        }
        let _ = writeln!(
            out,
            "; figures: {:?}; {} {:.2}",
            c.figures, c.rule, c.confidence
        );
    }
    let _ = writeln!(out, "figures: {}", ex.figures.len());
    for (i, f) in ex.figures.iter().enumerate() {
        let value = match (f.value, f.low, f.high) {
            (Some(v), _, _) => num(v),
            (None, Some(l), Some(h)) => format!("{}–{}", num(l), num(h)),
            _ => "-".into(),
        };
        let _ = write!(
            out,
            "  #{i} {}..{} {} «{}» = {value}",
            ix.char_of(f.span.start),
            ix.char_of(f.span.end),
            f.kind,
            one_line(&text[f.span.clone()])
        );
        if let Some(u) = &f.unit {
            let _ = write!(out, " {u}");
        }
        if let Some(a) = &f.approx {
            let _ = write!(out, " (approx: {a})");
        }
        let _ = writeln!(out, "; {}", f.rule);
    }
    out
}
