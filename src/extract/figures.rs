//! Figures: numbers with their value, range, unit and hedge.
//!
//! Every `figure` and `none` rule runs over the document, its program tried only where
//! one of its start atoms holds (`compile::starts`, one scan per document for all
//! rules); each match becomes a candidate. Overlaps are settled by one policy: the higher priority wins, then the
//! longer match, then the earlier start. A figure claims only its own span, so the
//! context a rule matched around it stays free ("a 5-to-⟦3⟧ vote"); a `none` rule
//! that wins claims its whole match and leaves it without a figure (`Boeing 737`).
//! A counted noun is cut to its head, and the span ends there. The winners are normalised with the pack's number
//! lexicons: value times scale times the unit's `factor`, units to their canonical
//! form, counted nouns to their lemma, the hedge kept as written outside the span.

use std::collections::BTreeMap;
use std::ops::Range;

use super::numbers;
use super::{constraints_hold, trim_range, Doc, Figure};
use crate::compile::{Captures, NumberSettings, Rule, Rules};
use crate::pack::lexicon::Entry;
use crate::pack::Emit;

struct Candidate<'r> {
    whole: Range<usize>,
    /// What the candidate claims: its figure's span, or for a `none` rule the whole
    /// match. Context a rule matches outside its `span` ("a staff of about ⟦60⟧",
    /// "a 5-to-⟦3⟧ vote") stays free for other figures.
    claim: Range<usize>,
    rule: &'r Rule,
    figure: Option<Figure>,
}

pub(crate) fn find(doc: &Doc) -> Vec<Figure> {
    let rules = doc.rules;
    let Some(n) = &rules.numbers else {
        return Vec::new();
    };
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut starts = rules.figure_starts().scan(doc.text);
    for (place, rule) in rules
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r.emit, Emit::Figure | Emit::None))
    {
        let text = doc.text;
        // A word or lexicon every match holds is missing: no search.
        if !rule.regex.may_match_text(text) {
            continue;
        }
        // The next search starts where the last figure's span ended, not where its
        // match did: a counted-noun phrase cut to its head ("three speeches [and
        // named two]") or the context a rule reads after its span ("1 m [1] m") must
        // not hide the figure in the words it gave back. A match that makes nothing
        // hides nothing: the search goes on just after its start.
        let among = starts.for_rule(place);
        let mut pos = 0;
        while pos <= text.len() {
            let found = rules.search(rule, || match among {
                Some(among) => rule.regex.captures_among(text, pos, among),
                None => rule.regex.captures_at(text, pos),
            });
            let Some(caps) = found else {
                break;
            };
            let whole = caps.whole().range();
            // A match that makes nothing ("287 to win by six", no counted noun) gives its
            // words back too: the next search starts just after its start.
            let mut next = whole.start;
            if !whole.is_empty()
                && !starts_inside_number(text, whole.start)
                && constraints_hold(rules, rule, &caps)
            {
                let figure = match rule.emit {
                    Emit::None => None,
                    _ => build(rules, n, rule, &caps, text),
                };
                if matches!(rule.emit, Emit::None) || figure.is_some() {
                    // A `none` rule claims its `span` capture, else its whole match.
                    let claim = figure.as_ref().map_or_else(
                        || caps.name("span").map_or(whole.clone(), |s| s.range()),
                        |f| f.span.clone(),
                    );
                    next = if claim.end > whole.start {
                        whole.end.min(claim.end)
                    } else {
                        whole.end
                    };
                    candidates.push(Candidate {
                        whole: whole.clone(),
                        claim,
                        rule,
                        figure,
                    });
                }
            }
            if next <= whole.start || whole.is_empty() {
                // Step past one character so every search moves on.
                next = whole.start + text[whole.start..].chars().next().map_or(1, char::len_utf8);
            }
            pos = next;
        }
    }
    candidates.sort_by(|a, b| {
        b.rule
            .priority
            .cmp(&a.rule.priority)
            .then(b.whole.len().cmp(&a.whole.len()))
            .then(a.whole.start.cmp(&b.whole.start))
    });
    // Accepted spans by start, to test overlap in O(log n).
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for c in candidates {
        let overlaps_before = taken
            .range(..c.claim.end)
            .next_back()
            .is_some_and(|(_, &end)| end > c.claim.start);
        if overlaps_before {
            continue;
        }
        taken.insert(c.claim.start, c.claim.end);
        if let Some(f) = c.figure {
            out.push(f);
        }
    }
    out.sort_by_key(|f| (f.span.start, f.span.end));
    infer_counted_nouns(doc, n, &mut out);
    with_local_currencies(doc, n, &mut out);
    out
}

/// Gives a bare "$", an unmarked rupee ("Rs", "rupees"; not "₹" nor "INR") and unmarked
/// pesos ("pesos"; not "Mexican pesos" nor "MXN") the currency of the text's own country
/// where it shows one (see `local_dollar` and `most_named_local`). The text is scanned for
/// that only when it holds such a figure.
fn with_local_currencies(doc: &Doc, n: &NumberSettings, figures: &mut [Figure]) {
    let bare_dollar = |f: &Figure| {
        f.unit.as_deref() == Some("USD") && is_bare_dollar(doc, n, &doc.text[f.span.clone()])
    };
    let unmarked_rupee = |f: &Figure| {
        let span = &doc.text[f.span.clone()];
        f.unit.as_deref() == Some("INR") && !span.contains('₹') && !span.contains("INR")
    };
    if figures.iter().any(bare_dollar) {
        if let Some(code) = local_dollar(doc, n) {
            set_unit(figures, bare_dollar, code);
        } else if let Some(code) = marked_dollar_of_cents(doc, n, figures) {
            let bare_cents =
                |f: &Figure| bare_dollar(f) && is_bare_cents(doc, n, &doc.text[f.span.clone()]);
            set_unit(figures, bare_cents, code);
        }
    }
    if figures.iter().any(unmarked_rupee) {
        if let Some(code) = most_named_local(doc, n.local_rupees, "INR") {
            set_unit(figures, unmarked_rupee, code);
        }
    }
    let unmarked_peso = |f: &Figure| {
        f.unit.as_deref() == Some("MXN")
            && unnamed_currency(doc, n, &doc.text[f.span.clone()])
                .is_some_and(|(code, _)| code == "MXN")
    };
    if figures.iter().any(unmarked_peso) {
        if let Some(code) = most_named_local(doc, n.local_pesos, "MXN") {
            set_unit(figures, unmarked_peso, code);
        }
    }
}

/// Sets the unit of the figures `which` picks.
fn set_unit(figures: &mut [Figure], which: impl Fn(&Figure) -> bool, unit: &str) {
    for f in figures.iter_mut().filter(|f| which(f)) {
        f.unit = Some(unit.to_string());
    }
}

/// The currency a text's unmarked rupees or pesos are, where it is not the `default`: the
/// one whose code, country or dateline the text names most (see the numbers settings
/// `local-rupees` and `local-pesos`).
fn most_named_local<'r>(doc: &Doc<'r>, lexicon: Option<usize>, default: &str) -> Option<&'r str> {
    let lexicon = doc.rules.lexicon(lexicon?);
    let codes = lexicon
        .entries_in(doc.text)
        .filter_map(|e| e.canonical.as_deref());
    let (code, _) = most_named(codes)?;
    (code != default).then_some(code)
}

/// The code named most often, and how often; the first named wins a tie.
fn most_named<'a>(codes: impl Iterator<Item = &'a str>) -> Option<(&'a str, usize)> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for code in codes {
        match counts.iter_mut().find(|(c, _)| *c == code) {
            Some((_, count)) => *count += 1,
            None => counts.push((code, 1)),
        }
    }
    let most = counts.iter().map(|&(_, count)| count).max()?;
    counts.into_iter().find(|&(_, count)| count == most)
}

/// The dollar a bare "$" is, where it is not the US dollar (see the numbers setting
/// `local-dollars`): the dollar whose country the text names most, when it names it twice
/// (or, marking US dollars as such, "US$", "$US", in its opening sentence) and marks US
/// dollars or shows nothing of the habit of US, British and wire copy ("A$", "£",
/// "(Reuters)"; "U.S." only where the opening names no such country: "OTTAWA — … U.S.
/// tariffs" writes Canadian dollars).
fn local_dollar<'r>(doc: &Doc<'r>, n: &NumberSettings) -> Option<&'r str> {
    let lexicon = doc.rules.lexicon(n.local_dollars?);
    let (mut marks_us, mut writes_usd, mut hints_usd) = (false, false, false);
    let mut codes = Vec::new();
    for entry in lexicon.entries_in(doc.text) {
        if entry.tag("us").is_some() {
            marks_us = true;
            continue;
        }
        match entry.tag("usd") {
            Some("weak") => hints_usd = true,
            Some(_) => writes_usd = true,
            None => {}
        }
        codes.extend(entry.canonical.as_deref().filter(|&c| c != "USD"));
    }
    let (code, most) = most_named(codes.into_iter())?;
    // Where the story is set: its dateline or first sentence ("SINGAPORE - …", "the NSW
    // budget").
    let opening = doc
        .segments
        .sentences
        .first()
        .map_or("", |s| &doc.text[s.range.clone()]);
    let set_there = || {
        lexicon
            .entries_in(opening)
            .any(|e| e.canonical.as_deref() == Some(code))
    };
    let setting = most >= LOCAL_DOLLAR_NAMED || (marks_us && set_there());
    let other_habit = writes_usd || (hints_usd && !set_there());
    (setting && (marks_us || !other_habit)).then_some(code)
}

/// The dollar a text's bare cents are ("down two cents", "7.81 cents") where it writes
/// every dollar amount with its marker ("S$1.03", "HK$4.1 billion", "US$20 million") and
/// no bare "$": the other dollar whose marker it writes most, as a Singapore or Hong Kong
/// paper quotes prices in its own cents.
fn marked_dollar_of_cents<'r>(
    doc: &Doc<'r>,
    n: &NumberSettings,
    figures: &[Figure],
) -> Option<&'r str> {
    let writes_bare_sign = figures.iter().any(|f| {
        f.unit.as_deref() == Some("USD") && is_dollar_sign_amount(&doc.text[f.span.clone()])
    });
    if writes_bare_sign {
        return None;
    }
    let lexicon = doc.rules.lexicon(n.local_dollars?);
    let markers = lexicon
        .entries_in(doc.text)
        .filter(|e| e.tag("usd") == Some("yes"))
        .filter_map(|e| e.canonical.as_deref())
        .filter(|&code| code != "USD");
    most_named(markers).map(|(code, _)| code)
}

/// How often a text names a country before its "$" is that country's, unless its opening
/// names it: once further on is a mention ("talks with Australia", "Singapore was the top
/// investor" in Vietnamese copy that writes "US$" throughout), twice a setting.
const LOCAL_DOLLAR_NAMED: usize = 2;

/// Whether a figure's text opens with a bare dollar sign and its amount ("$4.6 billion"),
/// is cents written with a "c" ("68c"), or ends in the name of the dollar or its cents
/// with no country's name before it ("tens of millions of dollars", "four cents"; not "5
/// million US dollars", "66.12 US cents").
fn is_bare_dollar(doc: &Doc, n: &NumberSettings, span: &str) -> bool {
    is_dollar_sign_amount(span)
        || is_bare_cents(doc, n, span)
        || unnamed_currency(doc, n, span).is_some_and(|(code, _)| code == "USD")
}

/// Whether a figure's text opens with a bare dollar sign and its amount ("$4.6 billion").
fn is_dollar_sign_amount(span: &str) -> bool {
    span.strip_prefix('$')
        .is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// Whether a figure's text is cents with no country's name before them ("68c", "two
/// cents"; not "66.12 US cents").
fn is_bare_cents(doc: &Doc, n: &NumberSettings, span: &str) -> bool {
    let glued = span
        .strip_suffix('c')
        .is_some_and(|rest| rest.ends_with(|c: char| c.is_ascii_digit()));
    glued
        || unnamed_currency(doc, n, span)
            .is_some_and(|(code, factor)| code == "USD" && factor < 1.0)
}

/// The currency (its code, and the factor of its unit: 0.01 for cents) that a figure's
/// text names by its last word alone, with no capitalised word before it, a country's or
/// a people's that would name the currency ("four cents", "2,000 pesos"; not "66.12 US
/// cents", "10 billion Mexican pesos").
fn unnamed_currency(doc: &Doc, n: &NumberSettings, span: &str) -> Option<(String, f64)> {
    let mut words = span.split_whitespace().rev();
    let last = words.next()?;
    if words
        .next()
        .is_none_or(|before| before.starts_with(char::is_uppercase))
    {
        return None;
    }
    canonical_currency(doc.rules, n, last)
}

/// A bare whole number that ends its phrase, or that a comparison word introduces,
/// counts what the last count before it in the same sentence counts: "2,400
/// billionaires in the world, another says there are about 1,800"; "36,000 people, up
/// from 29,600 a year earlier". Any other must be followed by punctuation, so "the two
/// earliest states" (a count the rules missed) borrows nothing, nor does a number inside
/// brackets opened after the count.
fn infer_counted_nouns(doc: &Doc, n: &NumberSettings, figures: &mut [Figure]) {
    let mut last_count: Option<usize> = None;
    for i in 0..figures.len() {
        let f = &figures[i];
        if f.kind == "count" && f.unit.is_some() {
            // A count written as a modifier ("the 492-member House") lends no noun: the
            // thing counted later in the sentence is what it modifies, if anything. The
            // count before it still may ("311 votes in the 492-member House, up from
            // 247").
            if !is_digit_compound(&doc.text[f.span.clone()]) {
                last_count = Some(i);
            }
            continue;
        }
        let sentence = |at: usize| doc.segments.sentence_at(figures[at].span.start);
        let Some(count) = last_count
            .filter(|&c| sentence(c) == sentence(i))
            .filter(|&c| !opens_an_aside(&doc.text[figures[c].span.end..figures[i].span.start]))
        else {
            // No count before it: a number the sentence says it counts ("the number of
            // appeals rose from 19,500 to 41,800").
            if let Some(noun) = counted_by_opener(doc, n, &figures[i]) {
                let f = &mut figures[i];
                f.kind = "count".into();
                f.unit = Some(noun);
                last_count = Some(i);
            }
            continue;
        };
        if !is_bare_whole_number(f) {
            continue;
        }
        let partitive = partitive_after(doc, n, f);
        let bare = ends_phrase(doc.text, f.span.end)
            || follows_comparison(doc, n, f)
            || partitive.is_some()
            || (count + 1 == i && tallied_against(doc, n, &figures[count], f));
        if !bare {
            continue;
        }
        let unit = partitive.flatten().or_else(|| figures[count].unit.clone());
        let f = &mut figures[i];
        f.kind = "count".into();
        f.unit = unit;
    }
    // A bare number joined to the count of several right after it counts the same
    // ("won 14 and four seats respectively", not "a BMI of 35 and one condition"), as
    // does one before a list's last item whose noun was left out too ("the RJD four and
    // the Left two [seats]", "the Conservatives on 62 and the Liberal Democrats on 58").
    for i in (0..figures.len().saturating_sub(1)).rev() {
        let (f, next) = (&figures[i], &figures[i + 1]);
        let between = &doc.text[f.span.end..next.span.start];
        let counted = next.kind == "count" && next.unit.is_some();
        let several = counted && next.value > Some(1.0);
        // Its noun was left out: its text is the number alone.
        let elided =
            counted && numbers::parse(doc.rules, n, &doc.text[next.span.clone()]).is_some();
        let one_clause = !between.contains(['.', ';', ':', '!', '?', '(', ')', '“', '"']);
        let counts_the_same = (joined_in_a_list(doc, n, between) && several)
            || (elided && one_clause && opens_with_joiner(doc, n, between));
        if is_bare_whole_number(f) && counts_the_same {
            let unit = next.unit.clone();
            figures[i].kind = "count".into();
            figures[i].unit = unit;
        }
    }
}

/// Whether a bare number is the other side of the count right before it, past one of
/// the pack's `result-prepositions` between single spaces: "by six votes to three",
/// "from 40 viewings to six".
fn tallied_against(doc: &Doc, n: &NumberSettings, count: &Figure, f: &Figure) -> bool {
    let between = &doc.text[count.span.end..f.span.start];
    let word = between.trim();
    between.len() == word.len() + 2 && doc.rules.lists(n.result_prepositions, word)
}

/// Whether the text after a figure opens, past a comma, with one of the pack's
/// `list-joiners` ("four and the Left two").
fn opens_with_joiner(doc: &Doc, n: &NumberSettings, after: &str) -> bool {
    let first = after
        .trim_start_matches(',')
        .split_whitespace()
        .next()
        .unwrap_or("");
    doc.rules.lists(n.list_joiners, first)
}

/// The noun a bare whole number counts when its sentence says so before it with one of
/// the pack's `count-openers` and a plural ("the number of appeals has doubled, from
/// 19,500 to 41,800": appeal; "the number of its affiliates", past a determiner the
/// `parts-of` lexicon shows; "the number of police officers", a compound's head), and
/// the number is a comparison's ("from", "up from") or a change's result or size (after
/// a word of `result-prepositions`: "rose to 203,417", "fell by 1,372").
fn counted_by_opener(doc: &Doc, n: &NumberSettings, f: &Figure) -> Option<String> {
    let openers = doc.rules.lexicon(n.count_openers?);
    let results = doc.rules.lexicon(n.result_prepositions?);
    // A number that a hyphen joins to more ("decided by 5-to-4 votes") counts no noun alone.
    if !is_bare_whole_number(f) || doc.text[f.span.end..].starts_with(['-', '–']) {
        return None;
    }
    let before = text_before(doc.text, f);
    let last_word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    if results.lookup(last_word).is_none() && !follows_comparison(doc, n, f) {
        return None;
    }
    let sentence = &doc.segments.sentences[doc.segments.sentence_at(f.span.start)?];
    let before = &doc.text[sentence.range.start..f.span.start];
    // The last opener in the sentence before the number, as written ("Number of …").
    let after = before
        .char_indices()
        .rev()
        .filter(|&(at, _)| at == 0 || before[..at].ends_with(char::is_whitespace))
        .find_map(|(at, _)| openers.prefix(&before[at..]).map(|(_, len)| at + len))?;
    let mut words = before[after..].split_whitespace().map(word_of);
    let mut noun = words.next()?;
    let determiner = |w: &str| doc.rules.lists(n.parts_of, &format!("of {w}"));
    if determiner(noun) {
        noun = words.next()?;
    }
    // A compound's head follows its modifier, which has no plural -s ("the number of
    // police officers", "staff members"; not "the number of appeals has").
    let is_plural =
        |w: &str| w.starts_with(char::is_lowercase) && numbers::is_plural_word(doc.rules, n, w);
    if !noun.ends_with('s') {
        if let Some(head) = words.next().filter(|w| is_plural(w)) {
            noun = head;
        }
    }
    is_plural(noun).then(|| numbers::lemma(doc.rules, n, noun))
}

/// Whether the text between two figures is one of the pack's `list-joiners` between
/// single spaces ("14 and four seats").
fn joined_in_a_list(doc: &Doc, n: &NumberSettings, between: &str) -> bool {
    between
        .strip_prefix(' ')
        .and_then(|b| b.strip_suffix(' '))
        .filter(|w| !w.is_empty() && !w.contains(char::is_whitespace))
        .is_some_and(|word| doc.rules.lists(n.list_joiners, word))
}

/// Whether a figure is a whole number with no unit or noun ("1,800", "four").
fn is_bare_whole_number(f: &Figure) -> bool {
    f.kind == "number" && f.unit.is_none() && f.value.is_some_and(|v| v.fract() == 0.0)
}

/// The text before a figure and its hedge ("up from" in "up from about 29,600").
fn text_before<'t>(text: &'t str, f: &Figure) -> &'t str {
    let before = text[..f.span.start].trim_end();
    match &f.approx {
        Some(hedge) => before
            .strip_suffix(hedge.as_str())
            .unwrap_or(before)
            .trim_end(),
        None => before,
    }
}

/// Whether a bracket opens between two figures and is still open at the second: the
/// numbers of a scorecard in brackets ("in 48.3 overs (Perera 87, Silva 43)") count
/// something else than the count before it.
fn opens_an_aside(between: &str) -> bool {
    between
        .rfind('(')
        .is_some_and(|open| !between[open..].contains(')'))
}

/// Whether a figure's text joins digits to its noun with a hyphen ("69-ball", "20-member").
fn is_digit_compound(text: &str) -> bool {
    text.rfind('-')
        .is_some_and(|i| text[..i].ends_with(|c: char| c.is_ascii_digit()))
}

/// Whether the words before the figure are an entry of the pack's `comparisons` ("up
/// from", "versus", "from a peak of"), before its hedge if it has one ("up from about
/// 29,600").
fn follows_comparison(doc: &Doc, n: &NumberSettings, figure: &Figure) -> bool {
    let Some(comparisons) = n.comparisons.map(|l| doc.rules.lexicon(l)) else {
        return false;
    };
    let before = text_before(doc.text, figure);
    // The last one to MAX_COMPARISON_WORDS words before it, each run tried whole.
    let mut start = before.len();
    for _ in 0..MAX_COMPARISON_WORDS {
        let upto = before[..start].trim_end();
        if upto.is_empty() {
            return false;
        }
        start = upto.rfind(char::is_whitespace).map_or(0, |i| {
            i + upto[i..].chars().next().map_or(1, char::len_utf8)
        });
        if comparisons.lookup(&before[start..]).is_some() {
            return true;
        }
    }
    false
}

/// The most words of a comparison before a figure ("down from a peak of").
const MAX_COMPARISON_WORDS: usize = 5;

/// Whether the one or two words after the figure say it counts part of what came before
/// ("four plants, three of them in Korea"; "134 MPs in favour and 51 against"), and the
/// plural they name if one follows ("70 people were hurt, 50 of them civilians":
/// civilian).
fn partitive_after(doc: &Doc, n: &NumberSettings, figure: &Figure) -> Option<Option<String>> {
    let partitives = doc.rules.lexicon(n.partitives?);
    let after = doc.text[figure.span.end..].trim_start();
    let (_, len) = partitives.prefix(after)?;
    // A one-word entry stands alone ("134 MPs voted in favour and 51 against").
    if !after[..len].contains(char::is_whitespace) {
        return Some(None);
    }
    let noun = after[len..]
        .split_whitespace()
        .next()
        .map(word_of)
        .filter(|w| {
            let not_noun = doc.rules.lists(n.not_nouns, w);
            numbers::is_plural_word(doc.rules, n, w) && !not_noun
        })
        .map(|w| numbers::lemma(doc.rules, n, w));
    Some(noun)
}

/// A word without the punctuation after it ("them," → "them").
fn word_of(token: &str) -> &str {
    token.trim_end_matches(|c: char| !c.is_alphanumeric())
}

/// Whether the text at `end` goes on with punctuation that closes a phrase, or ends.
fn ends_phrase(text: &str, end: usize) -> bool {
    text[end..]
        .chars()
        .next()
        .is_none_or(|c| matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')'))
}

/// Normalises one match into a figure, or None if its numbers do not parse.
fn build(
    rules: &Rules,
    n: &NumberSettings,
    rule: &Rule,
    caps: &Captures,
    text: &str,
) -> Option<Figure> {
    let get = |name: &str| caps.name(name).map(|m| m.as_str());
    // A currency written in letters begins its word: "KD 58" inside "the LKD 58" is the
    // tail of a party's name.
    if caps.name("currency").is_some_and(|c| {
        c.as_str().starts_with(char::is_alphabetic)
            && text[..c.start()].ends_with(char::is_alphabetic)
    }) {
        return None;
    }
    let scale = match get("scale") {
        Some(s) => scale_value(rules, n, s)?,
        None => 1.0,
    };
    let low_scale = match get("low_scale") {
        Some(s) => scale_value(rules, n, s)?,
        None => scale,
    };
    // A counted noun is cut to its head ("two Forbes staff ⟦members⟧"); the span
    // ends there.
    let noun_head = match caps.name("noun") {
        Some(m) => {
            let one = get("value").and_then(|v| numbers::parse(rules, n, v)) == Some(1.0);
            let compound = text[..m.start()].ends_with('-');
            let head = numbers::noun_head(rules, n, m.as_str(), one, compound)?;
            Some(m.start() + head.start..m.start() + head.end)
        }
        None => None,
    };
    // The unit: a fixed one, a unit or currency word, or a counted noun's lemma.
    let mut factor = 1.0;
    let unit = if let Some(u) = &rule.unit {
        Some(u.clone())
    } else if let Some(u) = get("currency").or_else(|| get("unit")) {
        let canonical = match get("currency") {
            Some(_) => canonical_currency(rules, n, u),
            None => canonical_unit(rules, n, u),
        };
        match canonical {
            Some((canonical, f)) => {
                factor = f;
                Some(canonical)
            }
            None => Some(numbers::lemma(
                rules,
                n,
                u.split_whitespace().last().unwrap_or(u),
            )),
        }
    } else {
        noun_head
            .clone()
            .map(|head| numbers::lemma(rules, n, &text[head]))
    };
    // A fraction word ("third"), or a whole fraction in words ("three twenty-firsts").
    let fraction = match get("fraction") {
        Some(f) => Some(
            n.fractions
                .and_then(|l| rules.lexicon(l).lookup(f))
                .and_then(|e| e.canonical.as_deref()?.parse::<f64>().ok())
                .or_else(|| numbers::parse_fraction(rules, n, f))?,
        ),
        None => None,
    };
    let parse = |s: &str| numbers::parse(rules, n, s);
    // A minus right after a number and a space ("75 -300mm"), or right after a percent
    // sign ("80%-10%"), is the dash of a range or a pair: the value is what follows it.
    let dash = caps.name("value").filter(|v| {
        let before = &text[..v.start()];
        v.as_str().starts_with('-')
            && (before.ends_with('%')
                || before.ends_with(char::is_whitespace)
                    && before.trim_end().ends_with(|c: char| c.is_ascii_digit()))
    });
    let get = |name: &str| match (name, dash) {
        ("value", Some(v)) => Some(&v.as_str()[1..]),
        _ => get(name),
    };
    let (mut value, mut low, mut high) = (None, None, None);
    if rule.vague {
        // No exact value: "hundreds of", "billions of dollars".
    } else if let (Some(l), Some(h)) = (get("low"), get("high")) {
        let (l, h) = (parse(l)?, parse(h)?);
        // The low side takes the high side's scale ("$20 to $40 million") unless that
        // would put it above the high side ("$75,000 to $1.2 million").
        let low_scale = match get("low_scale") {
            None if l * low_scale >= h * scale && l < h * scale => 1.0,
            _ => low_scale,
        };
        // Each side with its unit names one unit twice: "two hours to 25 minutes" are two
        // figures.
        if let Some(low_unit) = get("low_unit") {
            let canonical = |u: &str| canonical_unit(rules, n, u).map(|(c, _)| c);
            if canonical(low_unit) != canonical(get("unit")?) {
                return None;
            }
        }
        low = Some(round(l * low_scale * factor));
        high = Some(round(h * scale * factor));
        // "twenty-one" or "52-41" joined by a dash is no range: a range rises.
        if low >= high {
            return None;
        }
        // Nor is "two-dozen": words joined by a hyphen that read as one number.
        if let (Some(l), Some(h)) = (caps.name("low"), caps.name("high")) {
            // Nor "the 12 per cent and 18 per cent slabs": two figures joined by
            // "and" are a range after "between".
            if !reads_as_a_range(rules, n, text, l.range(), h.start()) {
                return None;
            }
            if l.end() < h.start()
                && &text[l.end()..h.start()] == "-"
                && !text[l.start()..h.end()].contains(|c: char| c.is_ascii_digit())
                && parse(&text[l.start()..h.end()]).is_some()
            {
                return None;
            }
        }
    } else if get("low").is_some() || get("high").is_some() {
        // One side only, the other open ("less than or equal to 30").
        if let Some(l) = get("low") {
            low = Some(round(parse(l)? * low_scale * factor));
        }
        if let Some(h) = get("high") {
            high = Some(round(parse(h)? * scale * factor));
        }
    } else if let Some(v) = get("value") {
        let mut v = parse(v)? * fraction.unwrap_or(1.0) * scale * factor;
        // A summed compound ("3 dollars 50 cents", "5 feet and 2 inches"): the second
        // part is a smaller part of the first unit, added in the first unit; with no
        // unit of its own it counts hundredths ("15 dollars and 50").
        if let Some(v2) = get("value2") {
            let part = match get("unit2") {
                Some(u2) => part_of(rules, n, u2, unit.as_deref()?, factor)?,
                None => factor / 100.0,
            };
            v += parse(v2)? * part;
        }
        // A proportion ("one in four"): the value over its divisor.
        if let Some(d) = get("divisor") {
            v /= parse(d).filter(|&d| d > 0.0)?;
        }
        value = Some(round(v));
    } else if let Some(f) = fraction {
        value = Some(round(f * scale * factor));
    } else {
        return None;
    }
    let mut kind = rule.kind.clone().unwrap_or_else(|| "number".into());
    // A count of units of time is a duration, whatever words stand between ("11
    // sitting days", "three straight years", "thousands of hours"), but not a part of
    // some of them ("four of the last six months").
    let partitive = |head: &Range<usize>| {
        let from = caps.whole().start();
        n.parts_of.is_some_and(|l| {
            rules
                .lexicon(l)
                .occurs_in(&text[from..head.start.max(from)])
        })
    };
    if kind == "count"
        && noun_head.as_ref().is_some_and(|h| !partitive(h))
        && unit
            .as_deref()
            .is_some_and(|u| is_unit_of_time(rules, n, u))
    {
        kind = "measure".into();
    }
    if kind == "year" {
        value = value.map(full_year);
    }
    let hedges: Vec<&str> = ["hedge", "hedge_after"]
        .iter()
        .filter_map(|h| get(h))
        .map(str::trim)
        .collect();
    let approx = (!hedges.is_empty()).then(|| hedges.join(" "));
    let mut span = output_span(rule, caps, text);
    if let Some(d) = dash.filter(|d| d.start() == span.start) {
        span.start = d.start() + 1;
    }
    if let Some(head) = noun_head.filter(|h| h.end < span.end && h.end > span.start) {
        span.end = head.end;
    }
    Some(Figure {
        span,
        kind,
        value,
        low,
        high,
        unit,
        approx,
        rule: rule.id.clone(),
    })
}

/// Whether a match begins with the digits after a number's decimal point or thousands
/// comma, or after a year and a hyphen: the search stepped into "54.2" after the rule
/// refused it at "54", "2% to 45.8%" is no figure, and in "from 165 million tonnes in
/// 2023-24 to 300 million" the fiscal year's "24" opens no range (the second side of a
/// pair, "42-40", may stand alone).
fn starts_inside_number(text: &str, start: usize) -> bool {
    let b = text.as_bytes();
    if start < 2 || !b.get(start).is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let digits_before = |end: usize| {
        b[..end]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    match b[start - 1] {
        b'.' | b',' => b[start - 2].is_ascii_digit(),
        b'-' => digits_before(start - 1) == 4,
        _ => false,
    }
}

/// Whether the low number at `low` and the high one at `high` read as a range: they are
/// not two figures each with its unit joined by a word of the pack's `list-joiners`
/// tagged `split=yes` ("the 12 per cent and 18 per cent slabs"), or one of its
/// `range-openers` comes within the three words before them ("between 5% and 7%"). "30
/// and 40 years" shares its unit; "above 10 and below 20" is joined by more than "and".
fn reads_as_a_range(
    rules: &Rules,
    n: &NumberSettings,
    text: &str,
    low: Range<usize>,
    high: usize,
) -> bool {
    let Some(joiners) = n.list_joiners.map(|l| rules.lexicon(l)) else {
        return true;
    };
    let link = text[low.end..high.max(low.end)].trim();
    let mut words = link.rsplit(char::is_whitespace);
    let last = words.next().unwrap_or("");
    let splits = joiners
        .lookup(last)
        .is_some_and(|e| e.tag("split") == Some("yes"));
    if words.next().is_none() || !splits {
        return true;
    }
    let Some(openers) = n.range_openers.map(|l| rules.lexicon(l)) else {
        return false;
    };
    text[..low.start]
        .rsplit(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .take(3)
        .any(|w| openers.lookup(w).is_some())
}

/// The figure's span: the `span` capture, or the match less a hedge at either edge.
fn output_span(rule: &Rule, caps: &Captures, text: &str) -> Range<usize> {
    // A `(?<span>…)` capture, or the capture the rule's `span:` names, is the span.
    if let Some(m) = caps
        .name("span")
        .or_else(|| rule.span_group.as_deref().and_then(|g| caps.name(g)))
    {
        return m.range();
    }
    let whole = caps.whole().range();
    let mut span = whole.clone();
    if let Some(h) = caps.name("hedge") {
        if h.start() == span.start {
            span.start = h.end();
        }
    }
    // A hedge glued on with a hyphen stays ("$1bn-plus"), as in "15-plus years".
    if let Some(h) = caps.name("hedge_after") {
        if h.end() == span.end && !text[..h.start()].ends_with('-') {
            span.end = h.start();
        }
    }
    let span = if span.start < span.end { span } else { whole };
    trim_range(text, span, &[])
}

/// A year written with its last two digits ("FY25") in full: 2000–2069 for 00–69, and
/// 1970–1999 for 70–99, as POSIX reads `%y`. Any other value stays as it is.
fn full_year(value: f64) -> f64 {
    match value {
        v if (0.0..70.0).contains(&v) && v.fract() == 0.0 => 2000.0 + v,
        v if (70.0..100.0).contains(&v) && v.fract() == 0.0 => 1900.0 + v,
        v => v,
    }
}

fn scale_value(rules: &Rules, n: &NumberSettings, s: &str) -> Option<f64> {
    rules
        .lexicon(n.scales)
        .lookup(s)?
        .canonical
        .as_deref()?
        .parse()
        .ok()
}

/// A unit or currency's canonical form and value factor, from the pack's unit lexicons.
fn canonical_unit(rules: &Rules, n: &NumberSettings, unit: &str) -> Option<(String, f64)> {
    first_unit_entry(rules, n, unit, |_| true)
}

/// A currency's canonical code and factor: the first units entry for `currency` that
/// measures no physical dimension, so "W" before "12.2tn" is the won, not the watt.
fn canonical_currency(rules: &Rules, n: &NumberSettings, currency: &str) -> Option<(String, f64)> {
    first_unit_entry(rules, n, currency, |e| e.tag("dim").is_none())
}

/// The canonical form and factor of the first entry for `word`, in the order of the
/// pack's unit lexicons, that `keep` accepts.
fn first_unit_entry(
    rules: &Rules,
    n: &NumberSettings,
    word: &str,
    keep: impl Fn(&Entry) -> bool,
) -> Option<(String, f64)> {
    n.units.iter().find_map(|&l| {
        let e = rules.lexicon(l).lookup(word).filter(|e| keep(e))?;
        let canonical = e.canonical.clone().unwrap_or_else(|| e.surface.clone());
        let factor = e.tag("factor").and_then(|f| f.parse().ok()).unwrap_or(1.0);
        Some((canonical, factor))
    })
}

/// Whether a word is a unit of time in the pack's units (`dim=time`).
fn is_unit_of_time(rules: &Rules, n: &NumberSettings, word: &str) -> bool {
    n.units.iter().any(|&l| {
        rules
            .lexicon(l)
            .lookup(word)
            .is_some_and(|e| e.tag("dim") == Some("time"))
    })
}

/// How much of `unit` (canonical, whose entry had `factor`) one `part` is, when
/// `part` is a smaller unit of it: a subunit of the same canonical unit (cents of a
/// dollar), or a unit whose `part=UNIT/N` tag names it (inches: `part=ft/12`).
fn part_of(rules: &Rules, n: &NumberSettings, part: &str, unit: &str, factor: f64) -> Option<f64> {
    let e = n
        .units
        .iter()
        .find_map(|&l| rules.lexicon(l).lookup(part))?;
    let canonical = e.canonical.as_deref().unwrap_or(&e.surface);
    if canonical == unit {
        let f: f64 = e.tag("factor").and_then(|f| f.parse().ok()).unwrap_or(1.0);
        return (f < factor).then_some(f);
    }
    let (whole, count) = e.tag("part")?.split_once('/')?;
    let count: f64 = count.parse().ok()?;
    (whole == unit && count > 0.0).then(|| factor / count)
}

/// Rounds away binary noise (`0.1 * 3`), keeping 12 significant digits.
fn round(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let digits = 12 - v.abs().log10().ceil() as i32;
    let p = 10f64.powi(digits.clamp(-300, 300));
    (v * p).round() / p
}
