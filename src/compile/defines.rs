//! Define placeholders: each define of a pack is parsed once, not once per pattern
//! that names it.
//!
//! Written out, the defines that name a speaker or a number are long, and most rules
//! name several: the English pack's patterns are 47 KB as written and were 1.27 MB of
//! text to parse at start-up. A define that means the same wherever it stands (it sets
//! no flags) is written in a rule's pattern as a placeholder, the
//! private-use character `DEFINE_BASE + i` alone in an unnamed group, as lexicons and
//! classes are. It is parsed alone, once; a rule's parsed tree takes a copy of the
//! define's tree in place of each placeholder ([`Defines::splice`]), and is the tree
//! that parsing the written-out pattern would give. Where a pattern's text is wanted
//! (the regex crate, a split at a top-level part), [`Defines::write_out`] writes the
//! define back. A define may name groups: a pattern that then names one twice is
//! written out instead, so that the regex crate reports it.

use std::ops::Range;
use std::sync::OnceLock;

use regex_syntax::ast::{self, Ast};
use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};

use super::classes::rewrite_placeholders;

/// Define `i` of the pack is written as the character `DEFINE_BASE + i` (the Basic
/// Multilingual Plane's private use; lexicons and classes have planes 15 and 16).
const DEFINE_BASE: u32 = 0xE000;
const MAX_DEFINES: u32 = 0x1900;

/// The placeholder character of define `i`.
pub fn define_char(i: usize) -> Option<char> {
    let i = u32::try_from(i).ok().filter(|&i| i < MAX_DEFINES)?;
    char::from_u32(DEFINE_BASE + i)
}

/// The define a placeholder character stands for.
pub fn define_number(c: char) -> Option<u32> {
    (c as u32)
        .checked_sub(DEFINE_BASE)
        .filter(|&i| i < MAX_DEFINES)
}

/// Whether a pattern holds a define's placeholder.
pub fn holds_define(pattern: &str) -> bool {
    pattern.chars().any(|c| define_number(c).is_some())
}

/// The pack's defines that patterns hold as placeholders.
#[derive(Debug, Default)]
pub struct Defines {
    /// Each define's pattern, grouped, with its Unicode classes and the defines it
    /// names as placeholders; `None` for a define that is written out where it is named.
    texts: Vec<Option<String>>,
    /// Each define parsed, the first time a pattern needs it.
    asts: Vec<OnceLock<Option<Ast>>>,
    /// Each define's tree with its own defines spliced in.
    hirs: Vec<OnceLock<Option<Hir>>>,
    /// Each define's text with the defines it names written out.
    written: Vec<OnceLock<String>>,
}

impl Defines {
    /// The defines, by number: each one's text, or `None` where it is not spliced.
    pub fn new(texts: Vec<Option<String>>) -> Defines {
        Defines {
            asts: texts.iter().map(|_| OnceLock::new()).collect(),
            hirs: texts.iter().map(|_| OnceLock::new()).collect(),
            written: texts.iter().map(|_| OnceLock::new()).collect(),
            texts,
        }
    }

    fn text(&self, i: u32) -> Option<&str> {
        self.texts.get(i as usize)?.as_deref()
    }

    /// Define `i` parsed, as it reads inside `(?:…)`.
    pub fn ast(&self, i: u32) -> Option<&Ast> {
        self.asts
            .get(i as usize)?
            .get_or_init(|| ast::parse::Parser::new().parse(self.text(i)?).ok())
            .as_ref()
    }

    /// Define `i`'s tree, its own defines spliced in.
    fn hir(&self, i: u32) -> Option<&Hir> {
        self.hirs
            .get(i as usize)?
            .get_or_init(|| {
                let text = self.text(i)?;
                let hir = regex_syntax::hir::translate::Translator::new()
                    .translate(text, self.ast(i)?)
                    .ok()?;
                self.splice(&hir)
            })
            .as_ref()
    }

    /// `hir` with each define placeholder replaced by the define's tree; `None` if a
    /// placeholder names a define that does not parse.
    pub fn splice(&self, hir: &Hir) -> Option<Hir> {
        Some(match hir.kind() {
            HirKind::Capture(cap) => match placeholder_of(cap) {
                Some(i) => self.hir(i)?.clone(),
                None => Hir::capture(Capture {
                    index: cap.index,
                    name: cap.name.clone(),
                    sub: Box::new(self.splice(&cap.sub)?),
                }),
            },
            HirKind::Concat(subs) => Hir::concat(self.splice_each(subs)?),
            HirKind::Alternation(subs) => Hir::alternation(self.splice_each(subs)?),
            HirKind::Repetition(rep) => Hir::repetition(Repetition {
                min: rep.min,
                max: rep.max,
                greedy: rep.greedy,
                sub: Box::new(self.splice(&rep.sub)?),
            }),
            _ => hir.clone(),
        })
    }

    fn splice_each(&self, subs: &[Hir]) -> Option<Vec<Hir>> {
        subs.iter().map(|h| self.splice(h)).collect()
    }

    /// `pattern` with every define placeholder written out as `(?:…)` and its text.
    pub fn write_out(&self, pattern: &str) -> String {
        rewrite_placeholders(pattern, |c, out| {
            let Some(i) = define_number(c) else {
                return false;
            };
            let Some(text) = self.written_text(i) else {
                return false;
            };
            out.push_str("(?:");
            out.push_str(text);
            out.push(')');
            true
        })
    }

    fn written_text(&self, i: u32) -> Option<&str> {
        let text = self.text(i)?;
        Some(
            self.written
                .get(i as usize)?
                .get_or_init(|| self.write_out(text)),
        )
    }

    /// `pattern` with the placeholder groups at `spans` written out as `(?:…)` and the
    /// define's text, whose own placeholders stay.
    pub fn write_at(&self, pattern: &str, spans: &[(Range<usize>, u32)]) -> Option<String> {
        let mut out = String::with_capacity(pattern.len() + 256);
        let mut done = 0;
        for (span, i) in spans {
            out.push_str(&pattern[done..span.start]);
            out.push_str("(?:");
            out.push_str(self.text(*i)?);
            out.push(')');
            done = span.end;
        }
        out.push_str(&pattern[done..]);
        Some(out)
    }
}

/// The define a parsed group is the placeholder of.
fn placeholder_of(cap: &Capture) -> Option<u32> {
    if cap.name.is_some() {
        return None;
    }
    let HirKind::Literal(lit) = cap.sub.kind() else {
        return None;
    };
    let text = std::str::from_utf8(&lit.0).ok()?;
    let mut chars = text.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    define_number(c)
}

/// The define a group of a pattern's syntax tree is the placeholder of.
pub fn placeholder_in(ast: &Ast) -> Option<u32> {
    let Ast::Group(g) = ast else { return None };
    if !matches!(g.kind, ast::GroupKind::CaptureIndex(_)) {
        return None;
    }
    match &*g.ast {
        Ast::Literal(l) => define_number(l.c),
        _ => None,
    }
}
