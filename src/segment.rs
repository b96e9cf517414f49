//! Segment: a document's paragraphs and sentences, as byte ranges.
//!
//! A paragraph is a line (news text puts one paragraph per line; blank lines are
//! skipped). A sentence ends at `.`, `!`, `?` or `…` (with any closing quotation marks
//! and brackets after it) when white space and a capital, a digit or an opening mark
//! follow, unless the word before the period is in the pack's abbreviation lexicon, is
//! a single capital initial, or is initials before a name ("A.E. Dick Howard": a
//! capitalised word that is not among the pack's sentence openers follows). A sentence
//! is at most `MAX_SENTENCE` bytes long. One pass, linear in the text.

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

/// The pack's lexicons that tell where a sentence ends (`segment:` in the pack);
/// without them, only initials and single capitals keep a sentence going.
#[derive(Debug, Clone, Copy, Default)]
pub struct SentenceEnds<'a> {
    /// Words whose period does not end a sentence ("Mr.", "U.S.").
    pub abbreviations: Option<&'a Lexicon>,
    /// Capitalised words that open a sentence ("The", "He"); after initials, any
    /// other capitalised word is taken for the rest of a name.
    pub openers: Option<&'a Lexicon>,
    /// Capitalised words that go on after "a.m." or "p.m." ("at 9 p.m. Monday").
    pub after_clock_times: Option<&'a Lexicon>,
}

const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '›'];
const OPENERS: &[char] = &['"', '\'', '“', '‘', '«', '(', '[', '‹'];

pub fn segment(text: &str, ends: SentenceEnds) -> Segments {
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
        // A list's bullet is no part of its item: "- A senior official said …" opens
        // with its speaker, as a paragraph does. After a quotation a dash signs it
        // ("- Priya Nair"), and stays.
        let after_quote = out
            .paragraphs
            .last()
            .is_some_and(|p| text[p.clone()].ends_with(CLOSERS));
        let bullet = if after_quote { 0 } else { list_bullet(trimmed) };
        let (lead, trimmed) = (lead + bullet, &trimmed[bullet..]);
        let para = start + lead..start + lead + trimmed.len();
        let p = out.paragraphs.len();
        out.paragraphs.push(para.clone());
        split_sentences(text, para, p, ends, &mut out.sentences);
    }
    out
}

/// The length of a list bullet opening a line (`- `, `• `, `* `, with the white space
/// after it), or 0. A long dash is no bullet: it signs a quote ("— Priya Nair").
fn list_bullet(line: &str) -> usize {
    let mut chars = line.chars();
    match (chars.next(), chars.next()) {
        (Some(b @ ('-' | '•' | '*' | '·' | '▪')), Some(space)) if space.is_whitespace() => {
            let rest = &line[b.len_utf8()..];
            b.len_utf8() + rest.len() - rest.trim_start().len()
        }
        _ => 0,
    }
}

fn split_sentences(
    text: &str,
    para: Range<usize>,
    p: usize,
    ends: SentenceEnds,
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
        // A dash after a sentence opens a sign-off ("… the GSO said. — VNS").
        if !(next.is_uppercase()
            || next.is_ascii_digit()
            || OPENERS.contains(&next)
            || matches!(next, '—' | '–'))
        {
            continue;
        }
        if c == '.' && ends_with_abbreviation(&body[sent_start..i + 1], after_space, ends) {
            continue;
        }
        push_bounded(text, para.start + sent_start..para.start + end, p, out);
        sent_start = end + (rest.len() - after_space.len());
    }
    if sent_start < body.len() {
        push_bounded(text, para.start + sent_start..para.end, p, out);
    }
}

/// The longest sentence, in bytes. News sentences stay far below it; text without
/// sentence ends (a table, a list, text with its punctuation stripped) is cut into
/// pieces of this size at white space, so the claim rules' work per sentence, and with
/// it per document, stays linear in the text.
const MAX_SENTENCE: usize = 2_000;

fn push_bounded(text: &str, mut range: Range<usize>, paragraph: usize, out: &mut Vec<Sentence>) {
    while range.len() > MAX_SENTENCE {
        let mut cut = range.start + MAX_SENTENCE;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        // At the last white space before the limit, if there is one.
        if let Some(space) = text[range.start..cut].rfind(char::is_whitespace) {
            if space > 0 {
                cut = range.start + space;
            }
        }
        out.push(Sentence {
            range: range.start..cut,
            paragraph,
        });
        let rest = &text[cut..range.end];
        range.start = cut + (rest.len() - rest.trim_start().len());
    }
    if !range.is_empty() {
        out.push(Sentence { range, paragraph });
    }
}

/// Whether the text ends with an abbreviation (`Mr.`, `U.S.`), an initial (`J.`), or
/// initials after a name (`George H.W.`, before `Bush`) or before one (`A.E.`, before
/// `Dick Howard`; `next` is the text after the period and its white space).
fn ends_with_abbreviation(upto_period: &str, next: &str, ends: SentenceEnds) -> bool {
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
    let after_name = upto_period[..word_start]
        .split_whitespace()
        .next_back()
        .is_some_and(|w| w.starts_with(char::is_uppercase) && !w.ends_with('.'));
    if is_initials(word) && (after_name || opens_no_sentence(next, ends.openers)) {
        return true;
    }
    // A clock time goes on into its time zone or its day: "3:45 p.m. ET on Sunday",
    // "at 9 p.m. Monday".
    if word.eq_ignore_ascii_case("a.m.") || word.eq_ignore_ascii_case("p.m.") {
        return next
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| {
                is_time_zone(w)
                    || ends
                        .after_clock_times
                        .is_some_and(|l| l.lookup(w).is_some())
            });
    }
    ends.abbreviations
        .is_some_and(|lex| lex.lookup(word).is_some())
}

/// Whether `word` has a time zone's shape: two to four capitals ending in T (ET, GMT,
/// BST, AEST), or UTC.
fn is_time_zone(word: &str) -> bool {
    (2..=4).contains(&word.len())
        && word.chars().all(|c| c.is_ascii_uppercase())
        && (word.ends_with('T') || word == "UTC")
}

/// Whether the word `next` starts with goes on a name before it rather than opening a
/// sentence: a capitalised word that is not among the sentence openers. Without a
/// lexicon of openers, every capitalised word may open one.
fn opens_no_sentence(next: &str, openers: Option<&Lexicon>) -> bool {
    let Some(openers) = openers else {
        return false;
    };
    let word = next
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .next()
        .unwrap_or("");
    word.starts_with(char::is_uppercase) && openers.lookup(word).is_none()
}

/// Whether a word is two or three capital initials, each with its period (`H.W.`).
fn is_initials(word: &str) -> bool {
    let mut chars = word.chars();
    let mut initials = 0;
    while let Some(letter) = chars.next() {
        if !letter.is_uppercase() || chars.next() != Some('.') {
            return false;
        }
        initials += 1;
    }
    (2..=3).contains(&initials)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_without_sentence_ends_is_cut_at_white_space_into_bounded_pieces() {
        let text = "officials said the plan would work ".repeat(300);
        let segments = segment(&text, SentenceEnds::default());
        assert!(segments.sentences.len() > 1);
        let mut covered = 0;
        for s in &segments.sentences {
            assert!(s.range.len() <= MAX_SENTENCE);
            assert!(s.range.start >= covered);
            assert!(!text[s.range.clone()].starts_with(' '));
            // Every cut but the last falls before a space, not inside a word.
            assert!(text[s.range.end..].is_empty() || text[s.range.end..].starts_with(' '));
            covered = s.range.end;
        }
        assert_eq!(covered, text.trim_end().len());
    }

    /// The text of each sentence.
    fn sentences<'t>(text: &'t str, ends: SentenceEnds) -> Vec<&'t str> {
        let segments = segment(text, ends);
        segments
            .sentences
            .iter()
            .map(|s| &text[s.range.clone()])
            .collect()
    }

    #[test]
    fn initials_before_a_name_do_not_end_a_sentence_but_before_an_opener_do() {
        let openers = Lexicon::of_words(true, &["The", "He"]);
        let ends = SentenceEnds {
            openers: Some(&openers),
            ..SentenceEnds::default()
        };
        let text =
            "He thanked scholar A.E. Dick Howard. M.S. Dhoni agreed. He joined the N.R.A. He left.";
        assert_eq!(
            sentences(text, ends),
            [
                "He thanked scholar A.E. Dick Howard.",
                "M.S. Dhoni agreed.",
                "He joined the N.R.A.",
                "He left."
            ]
        );
    }

    #[test]
    fn initials_after_a_name_do_not_end_a_sentence() {
        let text = "It began under George H.W. Bush and grew. Ruiz left the U.S. Then she wrote.";
        assert_eq!(
            sentences(text, SentenceEnds::default()),
            [
                "It began under George H.W. Bush and grew.",
                "Ruiz left the U.S.",
                "Then she wrote."
            ]
        );
    }

    #[test]
    fn a_list_bullet_opens_no_sentence() {
        let text = "Driving the news:\n\n- A senior official said it was late.\n• Others agree.\n-5 degrees.";
        assert_eq!(
            sentences(text, SentenceEnds::default()),
            [
                "Driving the news:",
                "A senior official said it was late.",
                "Others agree.",
                "-5 degrees."
            ]
        );
    }

    #[test]
    fn a_clock_time_runs_on_into_its_time_zone() {
        let text = "It landed at 3:45 p.m. ET on Sunday. It left at 9 a.m. NATO said so.";
        assert_eq!(
            sentences(text, SentenceEnds::default()),
            [
                "It landed at 3:45 p.m. ET on Sunday.",
                "It left at 9 a.m.",
                "NATO said so."
            ]
        );
    }

    #[test]
    fn a_clock_time_runs_on_into_a_word_after_clock_times() {
        let days = Lexicon::of_words(true, &["Monday", "Tuesday"]);
        let ends = SentenceEnds {
            after_clock_times: Some(&days),
            ..SentenceEnds::default()
        };
        let text =
            "Rain fell from 9 p.m. Monday to 5 a.m. Tuesday. It stopped at 6 a.m. Wells dried.";
        assert_eq!(
            sentences(text, ends),
            [
                "Rain fell from 9 p.m. Monday to 5 a.m. Tuesday.",
                "It stopped at 6 a.m.",
                "Wells dried."
            ]
        );
    }

    #[test]
    fn ordinary_sentences_are_not_cut() {
        let text = "Wei said the plan would work. The ministry agreed.";
        let segments = segment(text, SentenceEnds::default());
        assert_eq!(segments.sentences.len(), 2);
        assert_eq!(
            &text[segments.sentences[0].range.clone()],
            "Wei said the plan would work."
        );
    }
}
