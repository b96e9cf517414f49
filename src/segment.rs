//! Segment: a document's paragraphs and sentences, as byte ranges.
//!
//! A paragraph is a line (news text puts one paragraph per line; blank lines are
//! skipped). A sentence ends at `.`, `!`, `?` or `…` (with any closing quotation marks
//! and brackets after it) when white space and a capital, a digit or an opening mark
//! follow, unless the word before the period is in the pack's abbreviation lexicon or
//! is a single capital initial. One pass, linear in the text.

use std::ops::Range;

use crate::compile::Lexicon;

#[derive(Debug, Clone)]
pub struct Sentence {
    pub range: Range<usize>,
    pub paragraph: usize,
}

#[derive(Debug, Default)]
pub struct Segments {
    pub paragraphs: Vec<Range<usize>>,
    pub sentences: Vec<Sentence>,
}

impl Segments {
    /// The index of the sentence containing byte `pos` (or the last one before it).
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.range.start <= pos);
        i.checked_sub(1)
    }

    /// The index of the paragraph containing byte `pos` (or the last one before it).
    pub fn paragraph_at(&self, pos: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.start <= pos);
        i.checked_sub(1)
    }
}

const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '›'];
const OPENERS: &[char] = &['"', '\'', '“', '‘', '«', '(', '[', '‹'];

pub fn segment(text: &str, abbreviations: Option<&Lexicon>) -> Segments {
    let mut out = Segments::default();
    let mut line_start = 0;
    for line in text.split('\n') {
        let start = line_start;
        line_start += line.len() + 1;
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let para = start + lead..start + lead + trimmed.len();
        let p = out.paragraphs.len();
        out.paragraphs.push(para.clone());
        split_sentences(text, para, p, abbreviations, &mut out.sentences);
    }
    out
}

fn split_sentences(
    text: &str,
    para: Range<usize>,
    p: usize,
    abbreviations: Option<&Lexicon>,
    out: &mut Vec<Sentence>,
) {
    let body = &text[para.clone()];
    let mut sent_start = 0;
    let mut iter = body.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Extend over further terminators and closing marks: `?!`, `.”`, `.)`.
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if matches!(d, '.' | '!' | '?' | '…') || CLOSERS.contains(&d) {
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        let rest = &body[end..];
        let after_space = rest.trim_start();
        if after_space.len() == rest.len() || after_space.is_empty() {
            continue; // no white space after it (a decimal, `U.S.-based`), or paragraph end
        }
        let next = after_space.chars().next().unwrap_or(' ');
        if !(next.is_uppercase() || next.is_ascii_digit() || OPENERS.contains(&next)) {
            continue;
        }
        if c == '.' && ends_with_abbreviation(&body[sent_start..i + 1], abbreviations) {
            continue;
        }
        out.push(Sentence {
            range: para.start + sent_start..para.start + end,
            paragraph: p,
        });
        sent_start = end + (rest.len() - after_space.len());
    }
    if sent_start < body.len() {
        out.push(Sentence {
            range: para.start + sent_start..para.end,
            paragraph: p,
        });
    }
}

/// Whether the text ends with an abbreviation (`Mr.`, `U.S.`) or an initial (`J.`).
fn ends_with_abbreviation(upto_period: &str, abbreviations: Option<&Lexicon>) -> bool {
    let word_start = upto_period
        .rfind(|c: char| c.is_whitespace() || OPENERS.contains(&c))
        .map_or(0, |i| {
            i + upto_period[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &upto_period[word_start..];
    let mut chars = word.chars();
    if let (Some(first), Some('.'), None) = (chars.next(), chars.next(), chars.next()) {
        if first.is_uppercase() {
            return true;
        }
    }
    abbreviations.is_some_and(|lex| lex.lookup(word).is_some())
}
