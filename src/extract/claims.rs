//! Claims: quotations with their attribution, and indirect (reported) claims.
//!
//! A quote is attributed by the first rule, in priority order, that matches next to
//! it: `after-quote` rules on the text after its closing mark, `before-quote` rules on
//! its sentence before the opening mark, `paragraph-before` rules on the paragraph
//! before one that opens with the quote, and last the `after-quote` rules of a priority
//! below zero (a sentence's closing `…, according to X.`, surer than no speaker but
//! not than one before the quote). A quote no rule attributes takes the speaker
//! of the quote before it in the same paragraph (a split quote), or of the paragraph
//! before when that ended in an attributed quote (a quote running on), else, when it
//! opens a sentence, the speaker of an indirect claim in the sentence just before
//! (`Ruiz said the plan would fail. “It is a disaster.”`), each with lower
//! confidence. A quote running over several paragraphs is one claim. Indirect claims
//! come from `claim` rules on each sentence; a match its rule's `where:` refuses gives
//! way to the rule's next match, and a reported clause that is mostly quotation is left
//! to the quote unless words of its own frame it (`said the team had “stuck to the
//! plan”` is a claim beside its quote).

use std::ops::Range;

use super::{constraints_hold, floor_boundary, trim_range, Claim, ClaimKind, Doc};
use crate::compile::Rule;
use crate::pack::{Emit, Scope};
use crate::quotes::Quote;

/// How far past a closing mark an attribution is looked for, in bytes.
const AFTER_WINDOW: usize = 300;
/// How much of the paragraph before a quote is read for `X said:`, in bytes.
const PARAGRAPH_WINDOW: usize = 400;
/// How far after its rule's match a new sentence's attribution of the quote before may
/// run: `“We won.” Trump said.` (or `… said on Friday.`, where the rule takes the time)
/// is the quote's, `“We won.” Trump said the count …` is not.
const NEW_SENTENCE_TAIL: usize = 3;
/// Confidence kept when a speaker is carried over from another quote.
const INHERITED: f64 = 0.75;
/// The longest line, in bytes, that may be a subhead between an introduction and the
/// quotes it introduces (see [`paragraph_before_subhead`]).
const MAX_SUBHEAD: usize = 60;

/// A speaker, role and cue found by an attribution rule.
struct Found<'r> {
    speaker: Range<usize>,
    role: Option<Range<usize>>,
    cue: Option<Range<usize>>,
    /// Where the rule's whole match ends (after any time or place it took).
    end: usize,
    rule: &'r Rule,
}

pub(crate) fn quote_claims(doc: &Doc, quotes: &[Quote], indirect: &[Claim]) -> Vec<Claim> {
    let mut claims: Vec<Claim> = Vec::with_capacity(quotes.len());
    for (i, q) in quotes.iter().enumerate() {
        let found = attribute(doc, quotes, i);
        let kind = if q.continues.is_some() || is_direct(doc, quotes, i) {
            ClaimKind::Direct
        } else {
            ClaimKind::Partial
        };
        let mut claim = Claim {
            kind,
            content: trim_range(doc.text, q.content.clone(), &[]),
            speaker: None,
            role_span: None,
            cue: None,
            rule: format!("{}/quote", doc.rules.name()),
            confidence: 0.5,
            figures: Vec::new(),
        };
        match found {
            Some(f) => {
                claim.speaker = Some(super::speakers::mention(f.speaker));
                claim.role_span = f.role;
                claim.cue = f.cue;
                claim.rule = f.rule.id.clone();
                claim.confidence = f.rule.confidence;
            }
            None => {
                if let Some(from) = inherit_from(doc, quotes, &claims, i) {
                    inherit(&mut claim, &claims[from]);
                } else if let Some(from) = reported_just_before(doc, quotes, indirect, i) {
                    inherit(&mut claim, from);
                } else if let Some(f) = cue_sentence_just_before(doc, quotes, i) {
                    claim.speaker = Some(super::speakers::mention(f.speaker));
                    claim.role_span = f.role;
                    claim.cue = f.cue;
                    claim.rule = f.rule.id.clone();
                    claim.confidence = f.rule.confidence * INHERITED;
                }
            }
        }
        if kind == ClaimKind::Partial {
            if let Some(around) = reported_around(doc.text, indirect, &claim) {
                take_attribution(&mut claim, around);
            }
        }
        claims.push(claim);
    }
    // A quote running over several paragraphs has one speaker: parts without their own
    // take the attributed part's, backwards as well as forwards. So do quotes joined by
    // "and" or "or" before one attributed after it (`“A” and “B,” Ruiz said`).
    for i in (0..quotes.len()).rev() {
        let prev = quotes[i].continues.or_else(|| {
            i.checked_sub(1)
                .filter(|&p| joined(doc, &quotes[p], &quotes[i]))
        });
        if let Some(prev) = prev {
            if claims[prev].speaker.is_none() && claims[i].speaker.is_some() {
                let (earlier, later) = claims.split_at_mut(i);
                inherit(&mut earlier[prev], &later[0]);
            }
        }
    }
    join_running_parts(quotes, claims)
}

/// A quote running over several paragraphs is one claim: from its first part's opening
/// mark to its last part's end (the marks re-opening each paragraph inside it), with the
/// attribution of its surest part (the one its own rule attributed).
fn join_running_parts(quotes: &[Quote], claims: Vec<Claim>) -> Vec<Claim> {
    let mut joined: Vec<Claim> = Vec::with_capacity(claims.len());
    for (q, claim) in quotes.iter().zip(claims) {
        match joined.last_mut() {
            // `continues` always names the part just before (see `quotes::relink`).
            Some(first) if q.continues.is_some() => {
                first.content.end = claim.content.end;
                if claim.kind == ClaimKind::Direct {
                    first.kind = ClaimKind::Direct;
                }
                if claim.confidence > first.confidence {
                    take_attribution(first, &claim);
                }
            }
            _ => joined.push(claim),
        }
    }
    joined
}

/// The indirect claim whose reported clause holds a partial quote, when the quote's own
/// attribution names someone else and is none, or a misreading of that claim's words:
/// its cue inside the claim's speaker ("a damning" said by "report" in "a damning report
/// … has found"); the claim's own cue, with less of its speaker ("R-Lancaster" of "Dan
/// Kessel, R-Lancaster, who voted …, said"); or a speaker or cue inside the clause but
/// not before the quote ("Whitlock replied that it was “impossible to isolate” the effect
/// of the reports" is Whitlock's, not that of "the effect of the"). A speaker and cue
/// before the quote inside the clause report it ("Ruiz said Lee called it “a farce”" is
/// Lee's), and one outside the claim, or after a comma that closes the quote, is a
/// source of its own ("… “burn bag,” the Times reported").
fn reported_around<'c>(text: &str, indirect: &'c [Claim], partial: &Claim) -> Option<&'c Claim> {
    // Indirect claims come in text order, a few to a sentence.
    let upto = indirect.partition_point(|c| c.content.start <= partial.content.start);
    let around = indirect[..upto]
        .iter()
        .rev()
        .take(2 * MAX_CLAIMS_PER_SENTENCE)
        .find(|c| {
            c.speaker.is_some()
                && c.content.start < partial.content.start
                && partial.content.end <= c.content.end
        })?;
    let (Some(theirs), Some(own)) = (&around.speaker, &partial.speaker) else {
        return partial.speaker.is_none().then_some(around);
    };
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    if theirs.mention == own.mention {
        return None;
    }
    let own_cue = partial.cue.clone().unwrap_or(own.mention.clone());
    if overlaps(&own_cue, &theirs.mention) {
        return Some(around);
    }
    // Through the same cue, the partial's speaker may be the body the indirect claim's
    // speaker is "of", which its rule cut the person from ("Dr Wong of Universiti Malaya
    // said the move was “a gamble”" gave "Universiti Malaya").
    let of_theirs = own.mention.end == theirs.mention.end
        && theirs.mention.start < own.mention.start
        && text[theirs.mention.start..own.mention.start].ends_with(" of ");
    if partial.cue.is_some() && partial.cue == around.cue && of_theirs {
        return Some(around);
    }
    if overlaps(&own.mention, &theirs.mention) {
        return None;
    }
    if partial.cue.is_some() && partial.cue == around.cue {
        return Some(around);
    }
    let inside = |r: &Range<usize>| around.content.start <= r.start && r.end <= around.content.end;
    let reports_it =
        inside(&own.mention) && inside(&own_cue) && own_cue.end <= partial.content.start;
    // The comma may close the quoted words themselves ("“burn bag,” the Times"). A quote
    // ending in a character of several bytes ("…") is read whole, not from its last byte.
    let trailing = own.mention.start >= partial.content.end
        && (text[..partial.content.end].ends_with(',')
            || text[partial.content.end..own.mention.start].contains(','));
    if trailing {
        return None;
    }
    let misread = (inside(&own.mention) || inside(&own_cue)) && !reports_it;
    misread.then_some(around)
}

/// Whether only a word of the pack's `quote-joiners` ("and", "or"), and commas, lie
/// between two quotes of a paragraph.
fn joined(doc: &Doc, first: &Quote, second: &Quote) -> bool {
    let joiners = match doc.rules.speakers.as_ref().and_then(|s| s.quote_joiners) {
        Some(l) => doc.rules.lexicon(l),
        None => return false,
    };
    let Some(close) = &first.close else {
        return false;
    };
    if first.paragraph != second.paragraph || close.end > second.open.start {
        return false;
    }
    let between = doc.text[close.end..second.open.start]
        .trim_matches(|c: char| c.is_whitespace() || c == ',');
    joiners.lookup(between).is_some()
}

/// Gives `claim` the attribution of `from`, with lower confidence.
fn inherit(claim: &mut Claim, from: &Claim) {
    take_attribution(claim, from);
    claim.confidence *= INHERITED;
}

/// Gives `claim` the attribution of `from`: speaker, role, cue, rule and confidence.
fn take_attribution(claim: &mut Claim, from: &Claim) {
    claim.speaker = from.speaker.clone();
    claim.role_span = from.role_span.clone();
    claim.cue = from.cue.clone();
    claim.rule = from.rule.clone();
    claim.confidence = from.confidence;
}

/// The claim a quote with no attribution of its own takes its speaker from.
fn inherit_from(doc: &Doc, quotes: &[Quote], claims: &[Claim], i: usize) -> Option<usize> {
    let settings = doc.rules.speakers.as_ref()?;
    let q = &quotes[i];
    let prev = i.checked_sub(1)?;
    claims[prev].speaker.as_ref()?;
    if quotes[prev].paragraph == q.paragraph {
        // A speaker carries over a sentence or two (`“A,” he said. “B.”`); in a long
        // paragraph, a quote several sentences on may be anyone's.
        let sentence = |pos: usize| doc.segments.sentence_at(pos).unwrap_or(0);
        let prev_end = quotes[prev].end();
        let adjacent = sentence(q.open.start) <= sentence(prev_end) + 2;
        return (settings.inherit_in_paragraph && adjacent).then_some(prev);
    }
    let opens_paragraph = doc.text[doc.segments.paragraphs[q.paragraph].start..q.open.start]
        .trim()
        .is_empty();
    (settings.inherit_across_paragraphs
        && opens_paragraph
        && (q.continues == Some(prev)
            || paragraph_before_subhead(doc, q.paragraph) == Some(quotes[prev].paragraph)))
    .then_some(prev)
}

/// The paragraph before paragraph `p`, past one subhead between them: a short line of
/// its own with no closing stop and no quotation ("On the pitch", "Key moments"), as
/// Q&A pieces and sports desks set between an introduction (`Here's what she had to
/// say:`) or a speaker's last quote and the quotes that follow.
fn paragraph_before_subhead(doc: &Doc, p: usize) -> Option<usize> {
    let before = p.checked_sub(1)?;
    if is_subhead(&doc.text[doc.segments.paragraphs[before].clone()]) {
        before.checked_sub(1)
    } else {
        Some(before)
    }
}

/// Whether a paragraph is a subhead: one short line that starts with a capital (not a
/// quotation mark: "'We were naive' - Hollis fumes" is a headline that quotes) and ends
/// with no stop, colon or comma, with no quotation mark in it.
fn is_subhead(paragraph: &str) -> bool {
    let line = paragraph.trim();
    !line.is_empty()
        && line.len() <= MAX_SUBHEAD
        && line.starts_with(char::is_uppercase)
        && !line.ends_with(['.', '!', '?', ':', ';', ','])
        && !line.contains(['“', '”', '"', '‘', '«', '»'])
}

/// The sentence just before a quote that opens its own sentence, when a speaker's
/// words may run on into the quote: it is in the same paragraph, or in the paragraph
/// before as the settings allow (`same_paragraph_only` asks for the first), and no
/// other quote lies between them.
fn sentence_just_before(
    doc: &Doc,
    quotes: &[Quote],
    i: usize,
    same_paragraph_only: bool,
) -> Option<Range<usize>> {
    let settings = doc.rules.speakers.as_ref()?;
    let q = &quotes[i];
    let sentences = &doc.segments.sentences;
    let s = doc.segments.sentence_at(q.open.start)?;
    if !doc.text[sentences[s].range.start..q.open.start]
        .trim()
        .is_empty()
    {
        return None;
    }
    let before = sentences[s.checked_sub(1)?].range.clone();
    let paragraph = doc.segments.paragraph_at(before.start)?;
    let allowed = if paragraph == q.paragraph {
        settings.inherit_in_paragraph
    } else {
        !same_paragraph_only && settings.inherit_across_paragraphs && paragraph + 1 == q.paragraph
    };
    let quote_between = i
        .checked_sub(1)
        .is_some_and(|p| quotes[p].end() > before.start);
    (allowed && !quote_between).then_some(before)
}

/// The indirect claim of the sentence just before a quote that opens its own sentence,
/// when it has a speaker and a cue of the pack's `quote-follows-cues` lexicon and no
/// other quote lies between them: whoever was reported there is most often whom the
/// quote goes on to cite.
fn reported_just_before<'c>(
    doc: &Doc,
    quotes: &[Quote],
    indirect: &'c [Claim],
    i: usize,
) -> Option<&'c Claim> {
    let settings = doc.rules.speakers.as_ref()?;
    let cues = doc.rules.lexicon(settings.quote_follows_cues?);
    let before = sentence_just_before(doc, quotes, i, false)?;
    // Indirect claims come in text order: only those of that sentence are looked at.
    let upto = indirect.partition_point(|c| c.content.start < before.end);
    indirect[..upto]
        .iter()
        .rev()
        .take_while(|c| c.content.start >= before.start)
        .find(|c| {
            c.speaker.is_some()
                && c.content.end <= before.end
                && c.cue
                    .as_ref()
                    .is_some_and(|cue| cues.lookup(&doc.text[cue.clone()]).is_some())
        })
}

/// The speaker of a sentence just before a quote in the same paragraph that reports
/// no clause but introduces what follows (`Ruiz agreed. “It is a disaster.”`), found
/// by the `paragraph-before` rules as for a quote opening the next paragraph.
fn cue_sentence_just_before<'r>(doc: &Doc<'r>, quotes: &[Quote], i: usize) -> Option<Found<'r>> {
    paragraph_before_attribution(doc, sentence_just_before(doc, quotes, i, true)?)
}

/// The attribution the `paragraph-before` rules find at the end of `text` (its last
/// `PARAGRAPH_WINDOW` bytes): `X said:` before the quote it introduces.
fn paragraph_before_attribution<'r>(doc: &Doc<'r>, text: Range<usize>) -> Option<Found<'r>> {
    let start = floor_boundary(
        doc.text,
        text.end.saturating_sub(PARAGRAPH_WINDOW).max(text.start),
    );
    let window = start..text.end;
    attribution_rules(doc, Scope::ParagraphBefore).find_map(|r| try_rule(doc, r, window.clone()))
}

/// The pack's attribution rules that look at `scope`, in the order they are tried.
fn attribution_rules<'r>(doc: &Doc<'r>, scope: Scope) -> impl Iterator<Item = &'r Rule> {
    let rules: &'r crate::compile::Rules = doc.rules;
    rules
        .rules
        .iter()
        .filter(move |r| r.emit == Emit::Attribution && r.scope == scope)
}

/// A quote is direct when the text before it in its sentence matches the pack's
/// `direct-before` pattern and nothing but punctuation or an attribution follows it.
fn is_direct(doc: &Doc, quotes: &[Quote], i: usize) -> bool {
    let Some(settings) = &doc.rules.quotes else {
        return false;
    };
    let q = &quotes[i];
    let before = sentence_before(doc, quotes, i);
    let prefix_ok = match &settings.direct_before {
        Some(re) => re.is_match(&doc.text[before]),
        None => true,
    };
    if !prefix_ok {
        return false;
    }
    let content = doc.text[q.content.clone()].trim_end();
    let ends_clause = content.ends_with(|c: char| ".,!?…—–-:;".contains(c));
    ends_clause
        || q.close.as_ref().is_none_or(|c| {
            let after = doc.text[c.end..doc.segments.paragraphs[q.paragraph].end].trim_start();
            after.is_empty() || after.starts_with(|c: char| !c.is_alphanumeric())
        })
}

/// The text of the quote's sentence before its opening mark, starting after any
/// earlier quote of the same paragraph.
fn sentence_before(doc: &Doc, quotes: &[Quote], i: usize) -> Range<usize> {
    let q = &quotes[i];
    let sentence_start = doc
        .segments
        .sentence_at(q.open.start)
        .map_or(q.open.start, |s| doc.segments.sentences[s].range.start);
    let mut start = sentence_start.min(q.open.start);
    if let Some(prev) = i.checked_sub(1).map(|p| &quotes[p]) {
        if prev.paragraph == q.paragraph {
            if let Some(c) = &prev.close {
                start = start.max(c.end).min(q.open.start);
            }
        }
    }
    // A quote inside an aside in brackets is attributed by the aside's own words: in
    // "Critics disagree (Ruiz, a historian, once said, “…”)", Ruiz said it.
    let before = &doc.text[start..q.open.start];
    if let Some(open) = before.rfind('(') {
        if !before[open..].contains(')') {
            start += open + 1;
        }
    }
    start..q.open.start
}

/// The `after-quote` rules of one rank: those of priority zero or more are tried before
/// the `before-quote` rules, those below zero (a last resort) after them.
fn after_quote_rules<'r>(doc: &Doc<'r>, last_resort: bool) -> impl Iterator<Item = &'r Rule> {
    attribution_rules(doc, Scope::AfterQuote).filter(move |r| (r.priority < 0) == last_resort)
}

/// The attribution the `after-quote` rules (of one rank, see [`after_quote_rules`]) find
/// after a quote's closing mark (or on the next line, after a dash, when the quote
/// closes its paragraph).
fn after_quote_attribution<'r>(doc: &Doc<'r>, q: &Quote, last_resort: bool) -> Option<Found<'r>> {
    let para = doc.segments.paragraphs[q.paragraph].clone();
    if let Some(close) = &q.close {
        let end = floor_boundary(doc.text, (close.end + AFTER_WINDOW).min(para.end));
        let window = close.end..end;
        // A quote that ends its sentence inside the marks may be followed by a new
        // sentence: `“We won.” He said the count …` names the speaker of what follows,
        // so only a short attribution that ends there (`“We won.” Trump said.`) counts.
        let content = doc.text[q.content.clone()].trim_end();
        let exclaims = content.ends_with(['!', '?']);
        // A stray closing mark of a quote nested at its end (`… bad.'''`) comes first.
        let ends_sentence = content.ends_with(['.', '!', '?'])
            && doc.text[window.clone()]
                .trim_start_matches(|c: char| c.is_whitespace() || "'’\"”".contains(c))
                .starts_with(char::is_uppercase);
        let short = |f: &Found| {
            let after = f
                .cue
                .as_ref()
                .map_or(f.speaker.end, |c| c.end.max(f.speaker.end))
                .max(f.end);
            let rest = &doc.text[after.min(end)..end];
            // Nor does it open with other words (`“…bad.'' But Trump did not respond.`).
            let first = f
                .cue
                .as_ref()
                .map_or(f.speaker.start, |c| c.start.min(f.speaker.start));
            let opens =
                !doc.text[window.start..first.max(window.start)].contains(char::is_alphabetic);
            // A question or exclamation takes no comma before its attribution, so a comma
            // after the cue opens an aside (`“…!” Ruiz declared, a point she often
            // makes`), not the clause the verb reports.
            // Nor does a question's attribution report a clause of its own: `“Who
            // knows?” Ruiz told a radio station in an interview` is hers, `“Why?” Ruiz
            // said that …` opens a new sentence.
            let sentence = rest
                .find(['.', '!', '?'])
                .map_or(rest, |stop| &rest[..stop]);
            let no_clause = doc
                .rules
                .speakers
                .as_ref()
                .and_then(|s| s.clause_openers)
                .is_some_and(|l| {
                    let openers = doc.rules.lexicon(l);
                    !sentence
                        .split_whitespace()
                        .any(|w| openers.lookup(w).is_some())
                });
            opens
                && ((exclaims && (rest.starts_with(',') || no_clause))
                    || rest.find(['.', '!', '?']).is_some_and(|stop| {
                        stop <= NEW_SENTENCE_TAIL && !rest[..stop].contains(',')
                    }))
        };
        if let Some(f) = after_quote_rules(doc, last_resort)
            .find_map(|r| try_rule(doc, r, window.clone()))
            .filter(|f| !ends_sentence || short(f))
        {
            return Some(f);
        }
        // A quotation that closes its paragraph may be signed on the next line after a
        // dash (`“…”` ¶ `— Mei Tanaka, Osaka`): the after-quote rules read that line too.
        let signed = doc.text[close.end..para.end].trim().is_empty()
            && doc
                .segments
                .paragraphs
                .get(q.paragraph + 1)
                .is_some_and(|next| doc.text[next.clone()].starts_with(['—', '–', '-']));
        if signed {
            let next = doc.segments.paragraphs[q.paragraph + 1].clone();
            let end = floor_boundary(doc.text, (next.start + AFTER_WINDOW).min(next.end));
            if let Some(f) =
                after_quote_rules(doc, last_resort).find_map(|r| try_rule(doc, r, next.start..end))
            {
                return Some(f);
            }
        }
    }
    None
}

/// The attribution of quote `i`: after it, else before it in its sentence, else on the
/// paragraph before one it opens, else after it by a last-resort rule (priority below
/// zero).
fn attribute<'r>(doc: &Doc<'r>, quotes: &[Quote], i: usize) -> Option<Found<'r>> {
    let q = &quotes[i];
    let para = doc.segments.paragraphs[q.paragraph].clone();
    // A quote that ends its sentence and is followed at once by another quote
    // (`… that “A.” “B,” the firm said.`) is its own sentence's first: the words before
    // it are surer than an attribution read across the next quote.
    let next_quote_follows = q.close.as_ref().is_some_and(|close| {
        doc.text[q.content.clone()]
            .trim_end()
            .ends_with(['.', '!', '?'])
            && quotes.get(i + 1).is_some_and(|n| {
                n.paragraph == q.paragraph && doc.text[close.end..n.open.start].trim().is_empty()
            })
    });
    let before = sentence_before(doc, quotes, i);
    if !next_quote_follows {
        if let Some(f) = after_quote_attribution(doc, q, false) {
            // A speaker and cue after a fragment that go on to report a clause of their
            // own (`as Ruiz claimed that “A,” a rival said the plan …`) report that clause:
            // a speaker before the fragment, if any, said it.
            let rest = &doc.text[f.end..para.end.max(f.end)];
            let reports_on = rest.trim_start().starts_with(|c: char| c.is_lowercase());
            if reports_on {
                if let Some(b) = before_quote_attribution(doc, &before) {
                    return Some(b);
                }
            }
            return Some(f);
        }
    }
    if let Some(f) = before_quote_attribution(doc, &before) {
        return Some(f);
    }
    if next_quote_follows {
        if let Some(f) = after_quote_attribution(doc, q, false) {
            return Some(f);
        }
    }
    let opens_paragraph = doc.text[para.start..q.open.start].trim().is_empty();
    if opens_paragraph && q.continues.is_none() {
        if let Some(before) = paragraph_before_subhead(doc, q.paragraph) {
            // Only a paragraph that does not itself end inside a quotation introduces one.
            let prev_ends_in_quote =
                i > 0 && quotes[i - 1].paragraph == before && quotes[i - 1].close.is_none();
            if !prev_ends_in_quote {
                let prev = doc.segments.paragraphs[before].clone();
                return paragraph_before_attribution(doc, prev)
                    .or_else(|| after_quote_attribution(doc, q, true));
            }
        }
    }
    after_quote_attribution(doc, q, true)
}

/// The `before-quote` rules on the words before a quote: first on its clause after the
/// last semicolon, as a headline joins two ("Maharashtra announces waiver; Opposition calls
/// it 'poll gimmick'"), then, if none holds there, on the whole sentence before it ("Ruiz
/// said the plan was dead; it was “a disaster”").
fn before_quote_attribution<'r>(doc: &Doc<'r>, before: &Range<usize>) -> Option<Found<'r>> {
    let rules = |window: Range<usize>| {
        attribution_rules(doc, Scope::BeforeQuote).find_map(|r| try_rule(doc, r, window.clone()))
    };
    let words = &doc.text[before.clone()];
    let last_clause = words.rfind(';').map(|at| {
        let rest = &words[at + 1..];
        before.end - rest.trim_start().len()..before.end
    });
    last_clause
        .and_then(&rules)
        .or_else(|| rules(before.clone()))
}

/// Runs one attribution rule on a window of the text. A match whose captures the rule's
/// `where:` or the speaker check refuse gives way, as for claims, to the rule's next
/// match further on (`Besides attacking the mayor, Lund said …`).
fn try_rule<'r>(doc: &Doc<'r>, rule: &'r Rule, window: Range<usize>) -> Option<Found<'r>> {
    if window.is_empty() {
        return None;
    }
    let hay = &doc.text[window.clone()];
    let mut from = 0;
    for _ in 0..=REFUSED_RETRIES {
        let caps = doc
            .rules
            .search(rule, || rule.regex.captures_at(hay, from))?;
        if let Some(found) = found_of(doc, rule, &caps, window.start) {
            return Some(found);
        }
        if rule.regex.is_start_anchored() {
            return None;
        }
        // The next try starts after the refused speaker, so its own words are not
        // tried again one by one.
        let past_speaker = caps.name("speaker").map_or(0, |m| m.end());
        from = next_word(hay, caps.whole().start())?.max(past_speaker);
    }
    None
}

/// The speaker, role and cue one match of an attribution rule gives, unless its rule's
/// constraints or the speaker check refuse it.
fn found_of<'r>(
    doc: &Doc<'r>,
    rule: &'r Rule,
    caps: &crate::compile::Captures,
    offset: usize,
) -> Option<Found<'r>> {
    if !constraints_hold(doc.rules, rule, caps) {
        return None;
    }
    let abs = |name: &str| {
        caps.name(name)
            .map(|m| offset + m.start()..offset + m.end())
    };
    let cue = abs("cue");
    let speaker = super::speakers::clean(doc, abs("speaker")?)?;
    if cue
        .as_ref()
        .is_some_and(|c| speaker.end <= c.start && is_passive_cue(doc, c))
    {
        return None;
    }
    Some(Found {
        speaker,
        role: abs("role").map(|r| trim_range(doc.text, r, &[','])),
        cue,
        end: offset + caps.whole().end(),
        rule,
    })
}

/// Whether the first word of a cue ("added" in "added that") is an entry of `lexicon`.
fn cue_opens_with(doc: &Doc, cue: &Range<usize>, lexicon: usize) -> bool {
    let word = doc.text[cue.clone()]
        .split_whitespace()
        .next()
        .unwrap_or("");
    doc.rules.lexicon(lexicon).lookup(word).is_some()
}

/// Whether a cue is a verb of the speakers' `passive-cues` right after a word of their
/// `passive-auxiliaries`, an adverb in -ly aside: "The minister was accused of “…”", "has
/// been widely criticised for “…”" tell what was said to or of the subject before it, who
/// is no speaker (an agent after the cue, "was criticised by MPs", may be one).
fn is_passive_cue(doc: &Doc, cue: &Range<usize>) -> bool {
    let Some(settings) = doc.rules.speakers.as_ref() else {
        return false;
    };
    let (Some(auxiliaries), Some(verbs)) = (settings.passive_auxiliaries, settings.passive_cues)
    else {
        return false;
    };
    if !cue_opens_with(doc, cue, verbs) {
        return false;
    }
    let mut words = doc.text[..cue.start].split_whitespace().rev();
    let mut before = words.next();
    if before.is_some_and(|w| w.ends_with("ly")) {
        before = words.next();
    }
    before.is_some_and(|w| doc.rules.lexicon(auxiliaries).lookup(w).is_some())
}

pub(crate) fn indirect_claims(doc: &Doc, quotes: &[Quote]) -> Vec<Claim> {
    let (whole_text, rules): (Vec<&Rule>, Vec<&Rule>) = doc
        .rules
        .rules
        .iter()
        .filter(|r| r.emit == Emit::Claim)
        .partition(|r| r.scope == Scope::Text);
    let mut out = whole_text_claims(doc, &whole_text, quotes);
    if rules.is_empty() {
        return out;
    }
    let mut quote_at = 0;
    for sentence in &doc.segments.sentences {
        while quote_at < quotes.len() && quotes[quote_at].content.end <= sentence.range.start {
            quote_at += 1;
        }
        // A claim's clause may stop at a second cue or before a clause of the writer's
        // own; the rules then run again on the rest of the sentence, which may hold a
        // continuation (", adding that …") or a claim of its own (", while another
        // says …"). Each round starts further on, so this ends.
        let mut window = sentence.range.clone();
        // The claim before in the sentence, kept even when it was left to its quote.
        let mut previous: Option<Claim> = None;
        let mut attributed_upto = 0;
        // A quoted claim found after the one taken, taken next.
        let mut later: Option<Taken> = None;
        for _ in 0..MAX_CLAIMS_PER_SENTENCE {
            let next = match later.take() {
                Some(taken) => taken,
                None => {
                    let Some((taken, after)) = first_claim(
                        doc,
                        &rules,
                        window.clone(),
                        &quotes[quote_at..],
                        attributed_upto,
                    ) else {
                        break;
                    };
                    later = after;
                    taken
                }
            };
            let Taken {
                mut claim,
                rule,
                quoted,
            } = next;
            // A continuation (a rule that names no speaker) takes the speaker of the
            // claim before it.
            let continues = !rule.regex.capture_names().any(|n| n == "speaker");
            if let Some(prev) = &previous {
                if continues && claim.speaker.is_none() && prev.speaker.is_some() {
                    claim.speaker = prev.speaker.clone();
                    claim.role_span = prev.role_span.clone();
                    claim.confidence *= INHERITED;
                }
            }
            // A claim found further on may leave a claim of its own before it, in the
            // words ahead of its attribution (`While Hurun lists …, Forbes says …`): the
            // rules run once more on those words alone.
            let head = attribution_start(&claim);
            if head > window.start + MIN_HEAD {
                if let Some((
                    Taken {
                        claim: early,
                        quoted: false,
                        ..
                    },
                    _,
                )) = first_claim(
                    doc,
                    &rules,
                    window.start..head,
                    &quotes[quote_at..],
                    attributed_upto,
                ) {
                    out.push(early);
                }
            }
            let end = claim.content.end;
            attributed_upto = attributed_upto
                .max(claim.cue.as_ref().map_or(0, |c| c.end))
                .max(claim.speaker.as_ref().map_or(0, |s| s.mention.end));
            // A clause mostly quoted is left to its quote when it holds little else (“…
            // said: “…”), but is a claim of its own when words of the writer's frame it
            // (“… said the team had “stuck to the plan””). Either way the sentence goes on
            // after it (“… said the plan was “a disaster” and warned that …”), and a claim
            // there may take its speaker.
            let framed = || {
                claim.confidence >= MIN_FRAMED_CONFIDENCE
                    && words_outside(doc.text, &claim.content, &quotes[quote_at..]) >= MIN_FRAMING_WORDS
                    // Not a quotation and its own attribution (“…,” he said).
                    && !quotes[quote_at..]
                        .iter()
                        .any(|q| (q.open.start..q.end()).contains(&claim.content.start))
            };
            if !quoted || framed() {
                out.push(claim.clone());
            }
            previous = Some(claim);
            if end >= window.end {
                break;
            }
            window = end..window.end;
        }
    }
    out
}

/// The fewest words outside its quotation that make a clause mostly quoted a claim of
/// its own ("the team had" in `the team had “stuck to the plan”`).
const MIN_FRAMING_WORDS: usize = 2;

/// The least confidence of such a claim: a loose rule's match ("The mayor arrived after
/// a nurse said …") is left to the quote, whose own rule found its speaker.
const MIN_FRAMED_CONFIDENCE: f64 = 0.7;

/// The most words between an indefinite pronoun and its cue ("Many have also said").
const MAX_WORDS_PRONOUN_TO_CUE: usize = 3;

/// The most claims taken from one sentence.
const MAX_CLAIMS_PER_SENTENCE: usize = 4;

/// The fewest bytes before a claim's attribution that are read again for a claim of
/// their own: a shorter stretch holds no speaker, cue and clause.
const MIN_HEAD: usize = 20;

/// Where a claim's own words begin: its content, speaker or cue, whichever comes first.
fn attribution_start(claim: &Claim) -> usize {
    let speaker = claim.speaker.as_ref().map(|s| s.mention.start);
    let cue = claim.cue.as_ref().map(|c| c.start);
    [Some(claim.content.start), speaker, cue]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(claim.content.start)
}

/// The claims of rules with `scope: text`, matched over the whole document rather than
/// sentence by sentence, for a claim that runs over several sentences (an interview's
/// answer, a paragraph opened by `A:`). Each match is tried once and the search goes on
/// after it, so a rule reads the text once.
fn whole_text_claims(doc: &Doc, rules: &[&Rule], quotes: &[Quote]) -> Vec<Claim> {
    let mut out = Vec::new();
    // The text's anchor hits are found once, not again after each match.
    let mut hits = doc.rules.anchor_hits();
    for rule in rules {
        let mut from = 0;
        while from <= doc.text.len() {
            let search = || {
                rule.regex
                    .captures_at_sharing(doc.text, from, Some(&mut hits))
            };
            let Some(caps) = doc.rules.search(rule, search) else {
                break;
            };
            if let Some((claim, false)) = claim_of(doc, rule, &caps, 0, quotes) {
                out.push(claim);
            }
            let whole = caps.whole();
            from = if whole.end() > whole.start() {
                whole.end()
            } else {
                match next_word(doc.text, whole.start()) {
                    Some(next) => next,
                    None => break,
                }
            };
        }
    }
    out
}

/// The claim of the first rule that matches `window`, if any, with whether it is mostly
/// quotation (left to its quote, found only when no rule gives a claim that is not: the
/// rules then go on after it). A match whose captures
/// a rule's `where:` or the speaker check refuse does not end the rule's turn: it is
/// searched again from the next word on, or, for a rule anchored at the start, through
/// the next anchor hit (the next cue) after the refused match's cue. So is
/// a match whose cue (or speaker) lies before `attributed_upto`, the end of the
/// attribution of a claim already taken from the sentence: `…, the minister said on
/// Friday` is that claim's attribution, not a new claim "on Friday".
fn first_claim<'r>(
    doc: &Doc,
    rules: &[&'r Rule],
    window: Range<usize>,
    quotes: &[Quote],
    attributed_upto: usize,
) -> Option<(Taken<'r>, Option<Taken<'r>>)> {
    let hay = &doc.text[window.clone()];
    let mut hits = doc.rules.anchor_hits();
    // The first claim mostly quoted: the search goes on for one that is not, and gives
    // this one only when none is found.
    let mut first_quoted: Option<(Claim, &'r Rule)> = None;
    for rule in rules {
        let mut from = 0;
        let mut min_anchor = 0;
        for _ in 0..=REFUSED_RETRIES {
            let search = || match min_anchor {
                0 => rule.regex.captures_at_sharing(hay, from, Some(&mut hits)),
                _ => rule
                    .regex
                    .captures_past_anchor(hay, from, min_anchor, Some(&mut hits)),
            };
            let Some(caps) = doc.rules.search(rule, search) else {
                break;
            };
            if let Some((claim, quoted)) = claim_of(doc, rule, &caps, window.start, quotes) {
                if attribution_from(&claim) >= attributed_upto {
                    if !quoted {
                        let this = Taken {
                            claim,
                            rule,
                            quoted: false,
                        };
                        let Some((quoted, quoted_rule)) = first_quoted else {
                            return Some((this, None));
                        };
                        let quoted = Taken {
                            claim: quoted,
                            rule: quoted_rule,
                            quoted: true,
                        };
                        // Of a quoted clause and this one, the first in the text goes
                        // first, and the other after it: the quoted one may be framed as
                        // a claim of its own (“… said talks were “constructive” and
                        // predicted …”), and a clause that names no speaker after it
                        // continues it (“… as “responsible”, saying …”).
                        return Some(if this.claim.content.start >= quoted.claim.content.end {
                            (quoted, None)
                        } else if quoted.claim.content.start >= this.claim.content.end {
                            (this, Some(quoted))
                        } else {
                            (this, None)
                        });
                    }
                    first_quoted.get_or_insert((claim, rule));
                }
            } else if first_quoted.is_none() {
                let retried = claim_after_fronted_phrase(doc, rule, &window, &caps, quotes);
                if let Some(claim) = retried.filter(|c| attribution_from(c) >= attributed_upto) {
                    return Some((
                        Taken {
                            claim,
                            rule,
                            quoted: false,
                        },
                        None,
                    ));
                }
            }
            if rule.regex.is_start_anchored() {
                // Anchored at the sentence's start, the match is tried again through a
                // later cue: "Ruiz, who has refused to endorse Lee, said …" refused with
                // "endorse" for its cue and "who has refused to" for its speaker.
                let Some(cue) = caps.name("cue") else {
                    break;
                };
                min_anchor = cue.start() + 1;
                continue;
            }
            let Some(next) = next_word(hay, caps.whole().start()) else {
                break;
            };
            from = next;
        }
    }
    first_quoted.map(|(claim, rule)| {
        let quoted = Taken {
            claim,
            rule,
            quoted: true,
        };
        (quoted, None)
    })
}

/// The claim of a match that a rule anchored at the sentence's start refused because it
/// took a fronted setting for its speaker ("In a statement, her brother, Tom, said …":
/// the speaker "In a statement" holds a clause word). The intro that may hold such a
/// phrase is lazy, so the engine gave the match without it first; this searches again
/// after the phrase's comma, as the intro would have read it. The phrase opens with one
/// of the pack's `setting-openers` and runs to the first comma not inside a date ("On
/// June 4, 2008,"), within 60 characters and without quotation marks.
fn claim_after_fronted_phrase(
    doc: &Doc,
    rule: &Rule,
    window: &Range<usize>,
    refused: &crate::compile::Captures,
    quotes: &[Quote],
) -> Option<Claim> {
    let speaker = refused.name("speaker")?;
    if !rule.regex.is_start_anchored() || refused.whole().start() != 0 || speaker.start() != 0 {
        return None;
    }
    let openers = doc.rules.speakers.as_ref()?.setting_openers?;
    let hay = &doc.text[window.clone()];
    let first = hay.split_whitespace().next()?.to_lowercase();
    doc.rules.lexicon(openers).lookup(&first)?;
    let phrase = &hay[..floor_boundary(hay, 62)];
    let comma = phrase
        .match_indices(", ")
        .map(|(at, _)| at)
        .find(|&at| !opens_a_year(&hay[at + 2..]))?;
    if comma > speaker.end() || phrase[..comma].contains(['"', '“', '”', '\'', '‘', '’']) {
        return None;
    }
    let sub = window.start + comma + 2..window.end;
    let caps = rule.regex.captures_at(&doc.text[sub.clone()], 0)?;
    match claim_of(doc, rule, &caps, sub.start, quotes)? {
        (claim, false) => Some(claim),
        _ => None,
    }
}

/// Whether `rest` opens with a year: four digits, then no other digit.
fn opens_a_year(rest: &str) -> bool {
    let b = rest.as_bytes();
    b.len() >= 4
        && b[..4].iter().all(u8::is_ascii_digit)
        && !b.get(4).is_some_and(u8::is_ascii_digit)
}

/// Where a claim's own attribution starts: its cue, else its speaker; with neither, past
/// any attribution before it.
fn attribution_from(claim: &Claim) -> usize {
    claim
        .cue
        .as_ref()
        .map(|c| c.start)
        .or(claim.speaker.as_ref().map(|s| s.mention.start))
        .unwrap_or(usize::MAX)
}

/// A claim a rule made, with whether it is mostly quotation.
struct Taken<'r> {
    claim: Claim,
    rule: &'r Rule,
    quoted: bool,
}

/// How many words of `span` lie outside every quotation.
fn words_outside(text: &str, span: &Range<usize>, quotes: &[Quote]) -> usize {
    let mut count = 0;
    let mut at = span.start;
    for q in quotes {
        if q.open.start >= span.end {
            break;
        }
        if q.end() <= at {
            continue;
        }
        count += text[at..q.open.start.max(at).min(span.end)]
            .split_whitespace()
            .count();
        at = q.end().max(at);
    }
    if at < span.end {
        count += text[at..span.end].split_whitespace().count();
    }
    count
}

/// How many more matches a rule may try in a sentence after one it refused.
const REFUSED_RETRIES: usize = 3;

/// Where the word after the one at `at` starts, if there is one.
fn next_word(hay: &str, at: usize) -> Option<usize> {
    let rest = &hay[at..];
    let space = rest.find(char::is_whitespace)?;
    let word = rest[space..].find(|c: char| !c.is_whitespace())?;
    Some(at + space + word)
}

/// The claim one match makes, unless its rule's constraints or the speaker check
/// refuse it, or its content is too short; with whether its content is mostly
/// quotation (a claim then left to its quote).
fn claim_of(
    doc: &Doc,
    rule: &Rule,
    caps: &crate::compile::Captures,
    offset: usize,
    quotes: &[Quote],
) -> Option<(Claim, bool)> {
    if !constraints_hold(doc.rules, rule, caps) {
        return None;
    }
    let abs = |name: &str| {
        caps.name(name)
            .map(|m| offset + m.start()..offset + m.end())
    };
    let content = trim_range(doc.text, abs("content")?, &[',', ';', ':', '.']);
    let content = through_its_quote(content, quotes);
    let cue = abs("cue");
    if content.len() < 3
        || cue
            .as_ref()
            .is_some_and(|cue| opens_a_compound(doc, cue.start))
        || cue
            .as_ref()
            .is_some_and(|cue| counts_a_quantity(doc, cue, &content))
        || is_setting(doc, &doc.text[content.clone()])
        || cue
            .as_ref()
            .is_some_and(|cue| runs_out_of_its_quote(&content, cue, quotes))
    {
        return None;
    }
    let quoted = mostly_quoted(doc.text, &content, quotes);
    let (mut speaker, role) = after_fronted_clause(doc, abs("speaker"), abs("role"));
    // "…, a move he says will ease …": the pronoun speaks; "…, an offer she rejected"
    // reports nothing said.
    if let Some(pronoun) = speaker
        .clone()
        .and_then(|s| super::speakers::subject_pronoun_at_end(doc, s))
    {
        if content.start < pronoun.start {
            return None;
        }
        speaker = Some(pronoun);
    }
    let speaker = match speaker {
        Some(s) => Some(super::speakers::clean(doc, s)?),
        None => None,
    };
    // "Many said …" is a pronoun's claim; "Many displaced families try …, telling …" is
    // a determiner's, whose noun the capture lost: an indefinite pronoun speaks only
    // through a cue a few words on.
    if let (Some(s), Some(c)) = (&speaker, &cue) {
        let between = doc.text.get(s.end..c.start).unwrap_or("");
        if super::speakers::is_indefinite(doc, s)
            && between.split_whitespace().count() > MAX_WORDS_PRONOUN_TO_CUE
        {
            return None;
        }
    }
    let speaker = speaker.map(super::speakers::mention);
    let claim = Claim {
        kind: ClaimKind::Indirect,
        content,
        speaker,
        role_span: role.map(|r| trim_range(doc.text, r, &[','])),
        cue,
        rule: rule.id.clone(),
        confidence: rule.confidence,
        figures: Vec::new(),
    };
    Some((claim, quoted))
}

/// The speaker and role of a match whose speaker is a clause before the subject, opening
/// with one of the pack's `fronted-clauses` ("Speaking on Saturday, the chief manager, Dr
/// Ali Khan, said"): the speaker is the role's first part ("the chief manager"), and the
/// role the rest. Any other speaker and role stay as they are.
fn after_fronted_clause(
    doc: &Doc,
    speaker: Option<Range<usize>>,
    role: Option<Range<usize>>,
) -> (Option<Range<usize>>, Option<Range<usize>>) {
    let fronted = doc.rules.speakers.as_ref().and_then(|s| s.fronted_clauses);
    let (Some(fronted), Some(s), Some(r)) = (fronted, &speaker, &role) else {
        return (speaker, role);
    };
    let first = doc.text[s.clone()].split_whitespace().next().unwrap_or("");
    if doc.rules.lexicon(fronted).lookup(first).is_none() && !completes_a_place(doc, s, r) {
        return (speaker, role);
    }
    match doc.text[r.clone()].find(", ") {
        Some(comma) => (
            Some(r.start..r.start + comma),
            Some(r.start + comma + 2..r.end),
        ),
        None => (role, None),
    }
}

/// Whether the speaker is the county or country of a place named just before it ("At
/// the Plough Inn in Horncastle, ⟨Lincolnshire⟩, landlord Gareth Price, 54, said"): one
/// or two capitalised words after one of the speakers' `place-prepositions` ("in", "at")
/// and capitalised words and a comma, when the role after it ends in a name.
fn completes_a_place(doc: &Doc, speaker: &Range<usize>, role: &Range<usize>) -> bool {
    let capitalised = |w: &str| w.starts_with(char::is_uppercase);
    let role = &doc.text[role.clone()];
    let aside = role.split(", ").next().unwrap_or(role);
    if !aside
        .split_whitespace()
        .next_back()
        .is_some_and(capitalised)
    {
        return false;
    }
    let words: Vec<&str> = doc.text[speaker.clone()].split_whitespace().collect();
    if words.is_empty() || words.len() > 2 || !words.iter().all(|w| capitalised(w)) {
        return false;
    }
    let Some(before) = doc.text[..speaker.start].trim_end().strip_suffix(',') else {
        return false;
    };
    let mut back = before
        .split_whitespace()
        .rev()
        .skip_while(|w| capitalised(w));
    let named = before
        .split_whitespace()
        .next_back()
        .is_some_and(capitalised);
    let prepositions = doc
        .rules
        .speakers
        .as_ref()
        .and_then(|s| s.place_prepositions);
    named
        && back
            .next()
            .is_some_and(|w| doc.rules.lists(prepositions, w))
}

/// Whether a clause reported inside a closed quotation, cue and all, runs out of it: the
/// quoted speaker's own report (`“…, so I told him we would win,” she said`) ends at the
/// closing mark, and what is left of it there is the quote's. A clause whose cue lies
/// outside (`“… no choice” but to act, says Ruiz`) goes on with the quote's words.
fn runs_out_of_its_quote(content: &Range<usize>, cue: &Range<usize>, quotes: &[Quote]) -> bool {
    let inside = |q: &Quote, at: usize| q.content.start < at && at < q.content.end;
    quotes
        .iter()
        .take_while(|q| q.open.start < content.start)
        .any(|q| {
            q.close.is_some()
                && inside(q, cue.start)
                && inside(q, content.start)
                && content.end > q.end()
        })
}

/// A clause that ends inside a quotation it opened runs to the quotation's closing
/// mark: the end a rule saw there (", but …" in “a first step, but only a first step”)
/// belongs to the quoted words, not to the sentence.
fn through_its_quote(mut content: Range<usize>, quotes: &[Quote]) -> Range<usize> {
    for q in quotes {
        if q.open.start >= content.end {
            break;
        }
        if q.close.is_some() && q.open.start >= content.start && q.content.end > content.end {
            content.end = q.end();
            break;
        }
    }
    content
}

/// Whether a claim's content is only a setting the match took for the reported clause:
/// a few words opening with one of the pack's `setting-openers` ("…, Mr Lau and Mr Loh
/// said on Monday", "…, chief executive Srinivas Rao said in an interview", "Costa
/// reported from Washington"), which no clause is.
fn is_setting(doc: &Doc, content: &str) -> bool {
    let Some(openers) = doc.rules.speakers.as_ref().and_then(|s| s.setting_openers) else {
        return false;
    };
    let mut words = content.split_whitespace();
    let first = words.next().unwrap_or("");
    words.count() < MAX_SETTING_WORDS && doc.rules.lexicon(openers).lookup(first).is_some()
}

/// Whether the cue at `at` opens a noun of the pack's `cue-compounds` ("think tank"), and
/// is no verb of saying.
fn opens_a_compound(doc: &Doc, at: usize) -> bool {
    let Some(compounds) = doc.rules.speakers.as_ref().and_then(|s| s.cue_compounds) else {
        return false;
    };
    doc.rules
        .lexicon(compounds)
        .prefix(&doc.text[at..])
        .is_some()
}

/// Whether the content after a cue of the pack's `quantity-cues` is the quantity the cue
/// took for its object: it opens with a number or an ordinal, or one word and one, and
/// holds no verb ("Employers added ⟦150,000 jobs last month⟧", "Wright added ⟦his second⟧";
/// not "added ⟦200 jobs would go⟧" nor "⟦12 people died⟧").
fn counts_a_quantity(doc: &Doc, cue: &Range<usize>, content: &Range<usize>) -> bool {
    let Some(settings) = doc.rules.speakers.as_ref() else {
        return false;
    };
    let (Some(cues), Some(verbs)) = (settings.quantity_cues, settings.clause_verbs) else {
        return false;
    };
    if !cue_opens_with(doc, cue, cues) {
        return false;
    }
    // "added that 28 percent of the sales came from abroad": "that" opens a clause.
    let between = doc.text.get(cue.end..content.start).unwrap_or("");
    if between
        .split_whitespace()
        .any(|w| doc.rules.lists(settings.clause_openers, w))
    {
        return false;
    }
    let content = &doc.text[content.clone()];
    let words: Vec<&str> = content
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    let numbers = doc.rules.numbers.as_ref();
    let number_words = numbers.map(|n| doc.rules.lexicon(n.words));
    let ordinal_words = numbers
        .and_then(|n| n.ordinals)
        .map(|l| doc.rules.lexicon(l));
    let is_number = |w: &str| {
        w.starts_with(|c: char| c.is_ascii_digit())
            || number_words.is_some_and(|l| l.lookup(w).is_some())
            || ordinal_words.is_some_and(|l| l.lookup(w).is_some())
    };
    // The number may follow one word ("only 41 runs", "another 52", "his second", "at
    // 11st").
    let Some(at) = words.iter().take(2).position(|w| is_number(w)) else {
        return false;
    };
    !words[at + 1..]
        .iter()
        .any(|w| doc.rules.lexicon(verbs).lookup(w).is_some() || w.ends_with("ed"))
}

/// The most words of a setting ("in a separate interview").
const MAX_SETTING_WORDS: usize = 4;

/// Whether half or more of `span`'s characters lie inside quotations (counted in
/// characters, so that curly marks weigh as much as straight ones).
fn mostly_quoted(text: &str, span: &Range<usize>, quotes: &[Quote]) -> bool {
    let chars = |r: Range<usize>| text.get(r).map_or(0, |t| t.chars().count());
    let mut inside = 0;
    for q in quotes {
        if q.open.start >= span.end {
            break;
        }
        let lo = span.start.max(q.open.start);
        let hi = span.end.min(q.end());
        if lo < hi {
            inside += chars(lo..hi);
        }
    }
    inside * 2 >= chars(span.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A quote over `text[open..close+1]`, marks of one byte each.
    fn quote(open: usize, close: usize) -> Quote {
        quote_marked(open, close, 1)
    }

    /// A quote whose marks of `mark` bytes each open at `open` and close at `close`.
    fn quote_marked(open: usize, close: usize, mark: usize) -> Quote {
        Quote {
            content: open + mark..close,
            open: open..open + mark,
            close: Some(close..close + mark),
            paragraph: 0,
            continues: None,
        }
    }

    #[test]
    fn words_outside_count_only_the_frame_of_a_quotation() {
        let text = r#"the team had "stuck to the plan" all day"#;
        let open = text.find('"').unwrap();
        let close = text.rfind('"').unwrap();
        let quotes = [quote(open, close)];
        assert_eq!(words_outside(text, &(0..text.len()), &quotes), 5);
        assert_eq!(words_outside(text, &(open..close + 1), &quotes), 0);
        assert_eq!(words_outside(text, &(0..close + 1), &quotes), 3);
        assert_eq!(words_outside(text, &(0..text.len()), &[]), 9);
    }

    #[test]
    fn curly_marks_weigh_as_much_as_straight_ones() {
        // 11 characters outside the quotation, 13 inside with its marks: half or more.
        for (text, mark) in [
            ("talks went “fairly well”", 3),
            (r#"talks went "fairly well""#, 1),
        ] {
            let open = text.find(['“', '"']).unwrap();
            let q = quote_marked(open, text.len() - mark, mark);
            assert!(mostly_quoted(text, &(0..text.len()), &[q]));
            // Without the quotation, nothing is quoted.
            assert!(!mostly_quoted(text, &(0..text.len()), &[]));
        }
        // 15 characters outside, 13 inside: not mostly quoted (by bytes, the curly marks
        // made it so).
        let text = "talks were all “fairly well”";
        let q = quote_marked(text.find('“').unwrap(), text.len() - 3, 3);
        assert!(!mostly_quoted(text, &(0..text.len()), &[q]));
    }
}
