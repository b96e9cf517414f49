//! Match and resolve: one document's text → its claims and figures (byte offsets).
//!
//! The stages, in order: [`segment`](crate::segment) the text, pair its
//! [`quotes`](crate::quotes), attribute each quote and find indirect claims
//! ([`claims`]), resolve speakers to names ([`speakers`]), find figures
//! ([`figures`]), and link each figure to the claim it stands in. Everything here
//! reads the compiled [`Rules`] and allocates per document, never per token.

mod claims;
mod figures;
pub(crate) mod numbers;
mod speakers;

use std::ops::Range;

use crate::compile::Rules;
use crate::segment::{self, Segments};

/// What a claim is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimKind {
    Direct,
    Partial,
    Indirect,
}

impl ClaimKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Direct => "direct",
            ClaimKind::Partial => "partial",
            ClaimKind::Indirect => "indirect",
        }
    }
}

/// Who a speaker is, as far as the rules can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerClass {
    Person,
    Organisation,
    Unnamed,
    Pronoun,
}

#[derive(Debug, Clone)]
pub struct Speaker {
    /// The mention as written.
    pub mention: Range<usize>,
    /// The resolved full name (for a pronoun, the name it refers to).
    pub name: Option<String>,
    pub role: Option<String>,
    pub class: SpeakerClass,
}

#[derive(Debug, Clone)]
pub struct Claim {
    pub kind: ClaimKind,
    pub content: Range<usize>,
    pub speaker: Option<Speaker>,
    /// The span of the role phrase captured with the speaker, if any.
    pub role_span: Option<Range<usize>>,
    pub cue: Option<Range<usize>>,
    pub rule: String,
    pub confidence: f64,
    pub figures: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Figure {
    pub span: Range<usize>,
    pub kind: String,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: Option<String>,
    pub approx: Option<String>,
    pub rule: String,
}

/// Everything extracted from one document, offsets in bytes of its text.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    pub figures: Vec<Figure>,
}

/// The shared inputs of every stage for one document.
pub(crate) struct Doc<'a> {
    pub rules: &'a Rules,
    pub text: &'a str,
    pub segments: Segments,
    /// Where the speakers' `person-name` pattern matches in the text (its `name`
    /// group): found once, when first needed.
    person_names: std::cell::OnceCell<Vec<Range<usize>>>,
    /// The last word of each name of two words or more in the text, with where it is
    /// first named: found once, when a speaker first needs it.
    pub surnames: std::cell::OnceCell<std::collections::HashMap<&'a str, usize>>,
}

impl Doc<'_> {
    /// The names of persons in the text, by the speakers' `person-name` pattern.
    pub fn person_names(&self) -> &[Range<usize>] {
        self.person_names.get_or_init(|| {
            let Some(settings) = &self.rules.speakers else {
                return Vec::new();
            };
            let mut names = Vec::new();
            let mut from = 0;
            while let Some(caps) = settings.person_name.captures_at(self.text, from) {
                let whole = caps.whole().range();
                // A match without its `name` group is a pattern's way to pass words
                // over ("at Ricacorp Properties"): they name no person.
                if let Some(name) = caps.name("name") {
                    names.push(name.range());
                }
                from = match whole.is_empty() {
                    false => whole.end,
                    true => match self.text[whole.end..].chars().next() {
                        Some(c) => whole.end + c.len_utf8(),
                        None => break,
                    },
                };
            }
            names
        })
    }
}

/// Runs the whole pipeline over one text.
pub fn extract(rules: &Rules, text: &str) -> Extraction {
    let segments = segment::segment(text, rules.sentence_ends());
    let doc = Doc {
        rules,
        text,
        segments,
        person_names: std::cell::OnceCell::new(),
        surnames: std::cell::OnceCell::new(),
    };
    let quotes = match &rules.quotes {
        Some(settings) => crate::quotes::find_quotes(text, &doc.segments, settings),
        None => Vec::new(),
    };
    let indirect = claims::indirect_claims(&doc, &quotes);
    let mut claims = claims::quote_claims(&doc, &quotes, &indirect);
    claims.extend(indirect);
    claims.sort_by_key(|c| (c.content.start, c.content.end));
    speakers::resolve(&doc, &mut claims);
    let figures = figures::find(&doc);
    link(&mut claims, &figures);
    Extraction { claims, figures }
}

/// Gives each claim the indices of the figures inside its content.
fn link(claims: &mut [Claim], figures: &[Figure]) {
    for claim in claims.iter_mut() {
        let first = figures.partition_point(|f| f.span.start < claim.content.start);
        claim.figures = (first..figures.len())
            .take_while(|&i| figures[i].span.start < claim.content.end)
            .filter(|&i| figures[i].span.end <= claim.content.end)
            .collect();
    }
}

/// Trims white space and the given characters from both ends of a range of `text`.
pub(crate) fn trim_range(text: &str, range: Range<usize>, extra: &[char]) -> Range<usize> {
    let s = &text[range.clone()];
    let trimmed_start = s.trim_start_matches(|c: char| c.is_whitespace() || extra.contains(&c));
    let start = range.start + (s.len() - trimmed_start.len());
    let trimmed = trimmed_start.trim_end_matches(|c: char| c.is_whitespace() || extra.contains(&c));
    start..start + trimmed.len()
}

/// The largest char boundary of `text` at or before `i`.
pub(crate) fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The text of a match's named groups, whichever engine made the match.
pub(crate) trait Groups {
    fn group_text(&self, name: &str) -> Option<&str>;
}

impl Groups for regex::Captures<'_> {
    fn group_text(&self, name: &str) -> Option<&str> {
        self.name(name).map(|m| m.as_str())
    }
}

impl Groups for crate::compile::Captures<'_> {
    fn group_text(&self, name: &str) -> Option<&str> {
        self.name(name).map(|m| m.as_str())
    }
}

/// Whether every constraint of a rule holds for a match.
pub(crate) fn constraints_hold(
    rules: &Rules,
    rule: &crate::compile::Rule,
    caps: &impl Groups,
) -> bool {
    rule.constraints.iter().all(|(group, c)| {
        caps.group_text(group)
            .is_none_or(|text| c.holds(rules, text))
    })
}
