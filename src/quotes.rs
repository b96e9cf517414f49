//! Quotes: pairs the quotation marks of each paragraph into quoted spans.
//!
//! The mark families come from the pack (`quotes.marks`). A mark can open a quote when
//! it is left-flanking (not followed by white space, and preceded by the start of the
//! paragraph, white space, an opening bracket or dash, or another mark) and can close
//! one when it is right-flanking (preceded by a non-space, followed by the end, white
//! space or punctuation). Marks inside a `quotes.not-quote` match (apostrophes, primes)
//! are ignored; a mark in such a pattern's `mark` group (a plural's possessive, "the
//! players’ union") may still close a quote that nothing else in its paragraph closes
//! ("Paramedics ‘spending whole days’ outside A&E"). An opening mark is closed only by a
//! family it opens (by that family's closing mark, or by the opening mark where it can
//! only close: “…“; the pack pairs mixed marks by declaring a family for them: “…"); a
//! closing mark of an outer family also closes any unclosed inner quote, so a stray mark
//! never spoils the rest of the paragraph. A quote still open at the end of its
//! paragraph runs on when the next paragraph opens with the same family, and is dropped
//! otherwise. Each paragraph is scanned once: linear in the text.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::compile::QuoteSettings;
use crate::segment::Segments;

/// One quoted span: the words inside the marks.
#[derive(Debug, Clone)]
pub struct Quote {
    pub content: Range<usize>,
    pub open: Range<usize>,
    /// None when the quote runs on into the next paragraph.
    pub close: Option<Range<usize>>,
    pub paragraph: usize,
    /// The index of the part this one continues (a quote re-opened in a new paragraph).
    pub continues: Option<usize>,
}

impl Quote {
    /// Where the quote ends: after its closing mark, or with its content when it runs on.
    pub fn end(&self) -> usize {
        self.close.as_ref().map_or(self.content.end, |c| c.end)
    }
}

/// The mark automaton built once per pack.
#[derive(Debug)]
pub struct MarkMatcher {
    automaton: AhoCorasick,
    /// For each pattern of the automaton: the families it opens and closes.
    roles: Vec<(Vec<usize>, Vec<usize>)>,
    /// The opening mark of each family.
    opens: Vec<String>,
}

impl MarkMatcher {
    pub fn new(families: &[(String, String, String)]) -> MarkMatcher {
        let mut strings: Vec<String> = Vec::new();
        let mut roles: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
        let mut slot = |s: &str| -> usize {
            if let Some(i) = strings.iter().position(|x| x == s) {
                i
            } else {
                strings.push(s.to_string());
                roles.push((Vec::new(), Vec::new()));
                strings.len() - 1
            }
        };
        let mut pairs = Vec::new();
        for (f, (_, open, close)) in families.iter().enumerate() {
            pairs.push((slot(open), slot(close), f));
        }
        for (o, c, f) in pairs {
            roles[o].0.push(f);
            roles[c].1.push(f);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&strings)
            .expect("a handful of quote marks always compiles");
        MarkMatcher {
            automaton,
            roles,
            opens: families.iter().map(|m| m.1.clone()).collect(),
        }
    }
}

struct Open {
    /// The first family its mark opens: the one a next paragraph must re-open.
    family: usize,
    /// Every family its mark opens: a closing mark of any of them closes it.
    families: Vec<usize>,
    mark: Range<usize>,
    continues: Option<usize>,
}

/// The group of a `not-quote` pattern that holds its apostrophes, when only some of
/// what it matches is to be ignored.
const NOT_QUOTE_MARK: &str = "mark";

/// Finds every quote of the document, in order.
pub fn find_quotes(text: &str, segments: &Segments, settings: &QuoteSettings) -> Vec<Quote> {
    let marks = &settings.matcher;
    // Spans where marks are not quotation marks, sorted and merged. A mark in a
    // pattern's `mark` group is only probably an apostrophe (a plural's possessive,
    // "the players’ union"): it may still close a quote that nothing else closes.
    let mut blocked: Vec<Range<usize>> = Vec::new();
    let mut possessives: Vec<Range<usize>> = Vec::new();
    for re in &settings.not_quote {
        if re.capture_names().any(|name| name == Some(NOT_QUOTE_MARK)) {
            // Only the marks in the group are apostrophes; a match without it (an
            // alternative written to keep a mark a quotation mark) blocks nothing.
            let spans = re
                .captures_iter(text)
                .filter_map(|c| c.name(NOT_QUOTE_MARK));
            possessives.extend(spans.map(|m| m.range()));
        } else {
            blocked.extend(re.find_iter(text).map(|m| m.range()));
        }
    }
    let blocked = merge(blocked);
    let possessives = merge(possessives);
    let mut blocked_at = 0;
    let mut possessive_at = 0;

    let mut quotes: Vec<Quote> = Vec::new();
    // A quote left open by the previous paragraph: (family, index of its part).
    let mut running: Option<(usize, usize)> = None;
    for (p, para) in segments.paragraphs.iter().enumerate() {
        let body = &text[para.clone()];
        let mut stack: Vec<Open> = Vec::new();
        let carried = running.take();
        // The first possessive mark that could close the outermost open quote.
        let mut fallback_close: Option<Range<usize>> = None;
        for m in marks.automaton.find_iter(body) {
            let at = para.start + m.start()..para.start + m.end();
            if within(&blocked, &mut blocked_at, &at) {
                continue;
            }
            let (opens, closes) = &marks.roles[m.pattern().as_usize()];
            if within(&possessives, &mut possessive_at, &at) {
                let closes_outer = stack
                    .first()
                    .is_some_and(|o| o.families.iter().any(|f| closes.contains(f)));
                if closes_outer && fallback_close.is_none() {
                    fallback_close = Some(at);
                }
                continue;
            }
            let before = body[..m.start()].chars().next_back();
            let after = body[m.end()..].chars().next();
            let can_open = after.is_some_and(|c| !c.is_whitespace())
                && before.is_none_or(|c| c.is_whitespace() || "([{—–-/\"'“‘«‹”".contains(c));
            let can_close = before.is_some_and(|c| !c.is_whitespace())
                && after.is_none_or(|c| !c.is_alphanumeric());
            // An opening mark that cannot open but can close ends its own family's quote:
            // some outlets close “…“ with the opening mark.
            let mirrored = can_close && !can_open;
            // Close the innermost open quote of this family, abandoning any inner ones.
            let closing = stack.iter().rposition(|o| {
                o.families
                    .iter()
                    .any(|f| closes.contains(f) || (mirrored && opens.contains(f)))
            });
            if let Some(depth) = closing {
                if can_close || !can_open {
                    let open = stack.swap_remove(depth);
                    stack.truncate(depth);
                    if depth == 0 {
                        fallback_close = None;
                    }
                    if depth == 0 && open.mark.end < at.start {
                        quotes.push(Quote {
                            content: open.mark.end..at.start,
                            open: open.mark,
                            close: Some(at),
                            paragraph: p,
                            continues: open.continues,
                        });
                    }
                    continue;
                }
            }
            if can_open && !opens.is_empty() && stack.len() < 4 {
                let family = opens[0];
                let continues = match carried {
                    Some((f, part))
                        if f == family
                            && stack.is_empty()
                            && body[..m.start()].trim().is_empty() =>
                    {
                        Some(part)
                    }
                    _ => None,
                };
                stack.push(Open {
                    family,
                    families: opens.clone(),
                    mark: at,
                    continues,
                });
            }
        }
        // An outer quote left open: it runs on if the next paragraph re-opens it.
        if let Some(open) = stack.into_iter().next() {
            let next_opens = segments.paragraphs.get(p + 1).is_some_and(|next| {
                text[next.clone()].starts_with(marks.opens[open.family].as_str())
            });
            let content = open.mark.end..para.end;
            // Only a whole utterance runs on: a quote opening its paragraph or a sentence
            // (“A,” he said. “B …), or following a colon or comma, not a fragment left
            // open mid-sentence.
            let lead = text[para.start..open.mark.start].trim_end();
            let utterance = lead.is_empty() || lead.ends_with([':', ',', '.', '!', '?']);
            let runs_on = settings.run_on_paragraphs
                && utterance
                && next_opens
                && !text[content.clone()].trim().is_empty();
            if let (false, Some(close)) = (runs_on, fallback_close) {
                // Nothing else closes it: the possessive-looking mark did ("Paramedics
                // ‘spending whole days’ outside A&E").
                quotes.push(Quote {
                    content: open.mark.end..close.start,
                    open: open.mark,
                    close: Some(close),
                    paragraph: p,
                    continues: open.continues,
                });
            } else if runs_on {
                quotes.push(Quote {
                    content,
                    open: open.mark,
                    close: None,
                    paragraph: p,
                    continues: open.continues,
                });
                running = Some((open.family, quotes.len() - 1));
            }
        }
    }
    quotes.retain(|q| text[q.content.clone()].chars().any(char::is_alphanumeric));
    // `retain` shifts indices; re-link continuations by position.
    relink(&mut quotes);
    quotes
}

/// Whether the mark at `at` lies inside one of the sorted, merged `spans`; `cursor`
/// walks forward through them as the marks come in order.
fn within(spans: &[Range<usize>], cursor: &mut usize, at: &Range<usize>) -> bool {
    while *cursor < spans.len() && spans[*cursor].end <= at.start {
        *cursor += 1;
    }
    spans
        .get(*cursor)
        .is_some_and(|b| b.start <= at.start && at.end <= b.end)
}

/// Sorts ranges and merges the overlapping ones, so each position lies in at most one.
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Re-points `continues` after quotes were dropped: a part continues the previous
/// quote if that one ran on (had no closing mark) into the paragraph before.
fn relink(quotes: &mut [Quote]) {
    for i in 0..quotes.len() {
        if quotes[i].continues.is_some() {
            quotes[i].continues = (i > 0
                && quotes[i - 1].close.is_none()
                && quotes[i - 1].paragraph + 1 == quotes[i].paragraph)
                .then(|| i - 1);
        }
    }
}
