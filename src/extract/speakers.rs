//! Speakers: clean a captured mention, tell what it is, and resolve it to a name.
//!
//! Cleaning drops leading words the pack lists as never a speaker (`But Trump` →
//! `Trump`) and refuses a mention made only of them, unless it is the surname of a
//! person named before (`May said` after `Theresa May`). Resolution walks the claims in
//! text order: a name in the apposition after a description is the speaker and the
//! description its role (`The Prime Minister, Ana Sola, said`); a title is stripped from
//! the name and kept as the role, unless the pack tags it `honorific=yes` (`Mr`); a lone surname
//! takes the full name of an earlier speaker or person mention that contains it
//! (`Wei` → `Wei Jianguo`); a pronoun takes the name of the last speaker of its kind
//! (`he` → the last named person, `it` → the last organisation, or a later body or
//! document the role lexicon tags `body=yes` ("the housing ministry"); the writer's `I` stays
//! unnamed); a person described by nationality or age (`the Spaniard`, `the 52-year-old`)
//! is the person last named, a title alone (`the Chief Minister`) the person last named
//! with it, and a short description of a body (`the group`, `the insurer`, `the company`)
//! an organisation that spoke before (see `body_named`); initials (`the NDRRMC`) are the
//! name the text spelled out before them in brackets. A name ending in a possessive
//! speaks as a firm before a verb of saying (`Sainsbury's said`). Where the pack tags a
//! pronoun and a title with a `gender`, a pronoun skips people the text shows to be of
//! the other one (`she` after `Ms. Ruiz met Mr. Okoro` is Ruiz); a person whose gender
//! the text does not show fits either.

use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use super::{trim_range, Claim, Doc, Speaker, SpeakerClass};
use crate::compile::Lexicon;
use crate::pack::lexicon::Entry;

const EDGE: &[char] = &[
    ',', '.', ';', ':', '"', '“', '”', '‘', '’', '\'', '(', ')', '—', '–',
];

/// The share of a claim's confidence kept when its speaker is a pronoun.
const PRONOUN_CONFIDENCE: f64 = 0.9;

/// A bare speaker for a mention; [`resolve`] fills in what it is.
pub(crate) fn mention(range: Range<usize>) -> Speaker {
    Speaker {
        mention: range,
        name: None,
        role: None,
        class: SpeakerClass::Person,
    }
}

/// A bracket opened inside a trimmed mention keeps its closing one, up to `limit`
/// ("Lisa Ortiz (D-Ore.)", "the Reserve Bank of India (RBI)").
fn with_closing_bracket(doc: &Doc, mut r: Range<usize>, limit: usize) -> Range<usize> {
    let s = &doc.text[r.clone()];
    if s.matches('(').count() > s.matches(')').count() {
        if let Some(close) = doc.text[r.end..limit].find(')') {
            r.end += close + 1;
        }
    }
    r
}

/// The mention without a gloss in another script at its end ("analyst Wu Chia-hsin
/// (吳佳欣)"): the name is the words before it.
fn without_native_gloss(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let Some(open) = s.strip_suffix(')').and_then(|body| body.rfind('(')) else {
        return r;
    };
    let gloss = &s[open + 1..s.len() - 1];
    if gloss.is_empty() || gloss.chars().any(|c| c.is_ascii()) {
        return r;
    }
    r.start..r.start + s[..open].trim_end().len()
}

/// The mention after the last of its words that no mention holds, when words follow it: a
/// match may run over from the clause before ("£17.4bn but chiefs" → "chiefs", "which
/// ministers" → "ministers"). Not inside a relative clause of the mention's own ("an
/// official who spoke anonymously because of …").
fn after_last_breaker(
    text: &str,
    r: Range<usize>,
    breakers: &Lexicon,
    pronouns: &Lexicon,
) -> Range<usize> {
    let words = words_at(&text[r.clone()]);
    let mut start = r.start;
    let mut last_was_breaker = false;
    let mut in_relative = false;
    for (at, word) in words {
        last_was_breaker = !in_relative && breakers.lookup(word).is_some();
        if last_was_breaker {
            start = r.start + at + word.len();
        }
        in_relative |= pronouns
            .lookup(word)
            .is_some_and(|e| e.tag("relative").is_some());
    }
    if last_was_breaker || start == r.start {
        return r;
    }
    let rest = &text[start..r.end];
    start + (rest.len() - rest.trim_start().len())..r.end
}

/// Whether the mention is an indefinite pronoun ("one", "some", "others"), which names no
/// one and, as "Many" or "Some", may as well be a determiner.
pub(crate) fn is_indefinite(doc: &Doc, mention: &Range<usize>) -> bool {
    doc.rules.speakers.as_ref().is_some_and(|settings| {
        doc.rules
            .lexicon(settings.pronouns)
            .lookup(&doc.text[mention.clone()])
            .is_some_and(|e| e.canonical.as_deref() == Some("indefinite"))
    })
}

/// The mention without edge punctuation and leading non-speaker words, or None if
/// nothing that can speak is left.
pub(crate) fn clean(doc: &Doc, range: Range<usize>) -> Option<Range<usize>> {
    let settings = doc.rules.speakers.as_ref()?;
    let trim =
        |r: Range<usize>| with_closing_bracket(doc, trim_range(doc.text, r, EDGE), range.end);
    let mut r = without_native_gloss(doc.text, trim(range.clone()));
    let pronouns = doc.rules.lexicon(settings.pronouns);
    if let Some(breakers) = settings.mention_breakers.map(|l| doc.rules.lexicon(l)) {
        r = after_last_breaker(doc.text, r, breakers, pronouns);
    }
    if let Some(entry) = pronouns.lookup(&doc.text[r.clone()]) {
        // A relative pronoun right after a quotation refers to the quoted words (there
        // are still “some people” who feel that way), not to anyone who speaks.
        let relative = entry.tag("relative").is_some();
        // "one" after "no" is no one ("No one said …").
        let no_one = entry.canonical.as_deref() == Some("indefinite")
            && matches!(last_word(&doc.text[..r.start]), "no" | "No");
        return (!no_one && (!relative || !follows_quote(doc, r.start))).then_some(r);
    }
    if is_dateline(doc, &r) {
        return None;
    }
    let not_speakers = || settings.not_speakers.iter().map(|&l| doc.rules.lexicon(l));
    let organisations = || settings.organisations.iter().map(|&l| doc.rules.lexicon(l));
    loop {
        let s = &doc.text[r.clone()];
        if s.is_empty() {
            return None;
        }
        if is_listed(doc, s) {
            // A listed word is still the surname of a person named before ("“…,” May
            // said" after "Theresa May").
            return named_before(doc, s, r.start).then_some(r);
        }
        // An organisation's name as listed keeps its article ("The New York Times").
        if organisations().any(|l| l.lookup(s).is_some()) {
            break;
        }
        let leading = not_speakers()
            .filter_map(|l| l.prefix(s))
            .find(|&(_, len)| s[len..].starts_with(char::is_whitespace))
            // A label before a number stays ("No 10 spokesman").
            .filter(|&(entry, len)| {
                entry.tag("label").is_none()
                    || !s[len..]
                        .trim_start()
                        .starts_with(|c: char| c.is_ascii_digit())
            })
            .map(|(_, len)| len);
        // A leading word is dropped when a name or another listed word follows it ("But
        // Trump" → "Trump", "Later the crowd" → "the crowd"); before a common noun it is
        // the noun's determiner and stays ("The regulator").
        let Some(rest) = leading.map(|len| trim(r.start + len..r.end)) else {
            break;
        };
        let next = &doc.text[rest.clone()];
        let next_word = next.split_whitespace().next().unwrap_or("");
        // Nor before "of", whose phrase it heads ("One of the officials", "Many of
        // those who …").
        if next_word == "of" {
            break;
        }
        let listed = || {
            let mut capitalised: String = next_word
                .chars()
                .take(1)
                .flat_map(char::to_uppercase)
                .collect();
            capitalised.extend(next_word.chars().skip(1));
            not_speakers().any(|l| l.lookup(&capitalised).is_some())
        };
        if next.starts_with(|c: char| !c.is_lowercase()) || listed() {
            r = rest;
        } else {
            break;
        }
    }
    let s = &doc.text[r.clone()];
    // A possessive at the end ("Thursday's", "over Mr. Trump's") is a determiner whose
    // noun the capture lost, not a speaker; after a source word ("from", "by") it is a
    // firm's name ("research from Moody's").
    let source_words = settings.source_words.map(|l| doc.rules.lexicon(l));
    let after_source_word = s
        .split_whitespace()
        .rev()
        .nth(1)
        .zip(source_words)
        .is_some_and(|(w, l)| l.lookup(w).is_some());
    // Before a verb of saying or a sentence's end, it is a firm's name too ("Sainsbury's
    // said", "said Moody's.").
    let before_verb = |stem: &str| {
        // Not a pronoun ("He's said") nor a listed word ("over Thursday's said").
        let last = stem.rsplit(' ').next().unwrap_or(stem);
        if !s.starts_with(char::is_uppercase)
            || pronouns.lookup(stem).is_some()
            || is_listed(doc, last)
        {
            return false;
        }
        let after = &doc.text[r.end..];
        let next = first_word(after);
        after.starts_with(['.', '!', '?']) || doc.rules.lists(settings.verbs_after_names, next)
    };
    let possessive =
        possessive_stem(s).is_some_and(|stem| !after_source_word && !before_verb(stem));
    // A share of those polled speaks for them ("28% said …"); a bare number does not.
    let words_or_share = s.chars().any(|c| c.is_alphabetic() || c == '%');
    (words_or_share && !possessive).then_some(r)
}

/// Whether a mention is a story's dateline: a place in capitals of five letters or more
/// opening its paragraph, before a colon or a comma and a month ("BENGALURU: The court
/// …", "LONDON, Jan 14 (Reuters) - …"); "IMF:" and "UNICEF, the agency, said" speak.
fn is_dateline(doc: &Doc, r: &Range<usize>) -> bool {
    let s = &doc.text[r.clone()];
    let shouted =
        s.chars().filter(|c| c.is_alphabetic()).count() >= 5 && !s.chars().any(char::is_lowercase);
    let opens_paragraph = doc
        .segments
        .paragraph_at(r.start)
        .is_some_and(|p| doc.segments.paragraphs[p].start == r.start);
    if !shouted || !opens_paragraph {
        return false;
    }
    let after = &doc.text[r.end..];
    after.starts_with(':')
        || after
            .strip_prefix(',')
            .is_some_and(|rest| is_listed(doc, first_word(rest)))
}

/// Relatives named by a listed given name alone, in apposition after a kinship word
/// ("His wife, Sally, 60, rolls her eyes"; "his daughter, Niamh, runs the kitchen"): people
/// a later "she" or "he" may mean, though no name pattern holds a single word; each with
/// the gender its given name shows. One pass over the text's commas.
fn kin_appositions<'r>(
    text: &str,
    kin_nouns: Option<&Lexicon>,
    given_names: Option<&'r Lexicon>,
) -> Vec<(Range<usize>, Option<&'r str>)> {
    let (Some(kin), Some(given)) = (kin_nouns, given_names) else {
        return Vec::new();
    };
    text.match_indices(", ")
        .filter(|&(comma, _)| kin.lookup(last_word(&text[..comma])).is_some())
        .filter_map(|(comma, _)| {
            let start = comma + 2;
            let len = text[start..].find(',')?;
            let name = &text[start..start + len];
            let single = name.starts_with(char::is_uppercase)
                && name.chars().all(|c| c.is_alphabetic() || c == '-');
            let entry = given.lookup(name).filter(|_| single)?;
            Some((start..start + len, entry.tag("gender")))
        })
        .collect()
}

/// The pronoun a mention ends in after a noun phrase ("a move he", "an offer she"): the
/// pronoun is the subject of a clause on the noun ("…, a move he says will ease …", "…, an
/// offer she rejected"), and the phrase no speaker. "Smith and I" is one.
pub(crate) fn subject_pronoun_at_end(doc: &Doc, mention: Range<usize>) -> Option<Range<usize>> {
    let settings = doc.rules.speakers.as_ref()?;
    let pronouns = doc.rules.lexicon(settings.pronouns);
    let text = doc.text[mention.clone()].trim_end();
    let (before, last) = text.rsplit_once(char::is_whitespace)?;
    let joined = doc.rules.lists(settings.coordinators, last_word(before));
    let subject = pronouns
        .lookup(last)
        .is_some_and(|e| e.tag("relative").is_none() && e.tag("case") != Some("object"));
    let start = mention.start + text.len() - last.len();
    (subject && !joined && !before.trim().is_empty()).then_some(start..start + last.len())
}

/// The age a description by age gives ("the 26-year-old" → "26").
fn described_age(description: &str) -> Option<&str> {
    let (age, _) = description.split_whitespace().last()?.split_once('-')?;
    (!age.is_empty() && age.chars().all(|c| c.is_ascii_digit())).then_some(age)
}

/// The age the text gives the person named at `name`: in commas after the name ("Park
/// Seo-yeon, 26,") or before it ("26-year-old Park Seo-yeon").
fn stated_age<'d>(doc: &'d Doc, name: &Range<usize>) -> Option<&'d str> {
    let after = doc.text[name.end..].strip_prefix(", ").and_then(|rest| {
        let digits = rest.find(|c: char| !c.is_ascii_digit())?;
        (digits > 0 && rest[digits..].starts_with(',')).then_some(&rest[..digits])
    });
    after.or_else(|| {
        let before = doc.text[..name.start].trim_end();
        let word = before.rsplit(char::is_whitespace).next()?;
        let (age, rest) = word.split_once('-')?;
        (rest == "year-old" && !age.is_empty() && age.chars().all(|c| c.is_ascii_digit()))
            .then_some(age)
    })
}

/// The person a description by age ("the 26-year-old") refers to, if the text gave that
/// age to someone before `at` (see [`stated_age`]).
fn person_of_age<'d>(doc: &'d Doc, description: &str, at: usize) -> Option<&'d str> {
    let age = described_age(description)?;
    doc.person_names()
        .iter()
        .rev()
        .filter(|n| n.end <= at)
        .find(|n| stated_age(doc, n) == Some(age))
        .map(|n| &doc.text[n.clone()])
}

/// Whether the text gave the person `name` another age than a description's before `at`:
/// "Mrs Kaur, 52," is not "the 27-year-old".
fn aged_otherwise(doc: &Doc, description: &str, name: &str, at: usize) -> bool {
    let Some(age) = described_age(description) else {
        return false;
    };
    doc.person_names()
        .iter()
        .filter(|&n| n.end <= at && doc.text[n.clone()].ends_with(name))
        .any(|n| stated_age(doc, n).is_some_and(|stated| stated != age))
}

/// The person last named whom a pronoun at `at` may refer to: the later of the last
/// such person speaker and the last such person mentioned in the text before it.
fn last_person(
    persons: &[(usize, String, Option<&str>)],
    in_text: &PersonIndex,
    at: usize,
    want: Referent,
) -> Option<String> {
    last_person_at(persons, in_text, at, want).map(|(_, name)| name)
}

/// As [`last_person`], with where that person was named or spoke.
fn last_person_at(
    persons: &[(usize, String, Option<&str>)],
    in_text: &PersonIndex,
    at: usize,
    want: Referent,
) -> Option<(usize, String)> {
    later_of(persons, in_text.last_before_with_start(at, want), want)
}

/// The person a description ("the Dutchman", "the 27-year-old") at `at` refers to: as
/// for a pronoun, but a name later in the sentence of a person named as its subject
/// gives way to the subject ("Max Verstappen won, holding off Lando Norris. The
/// Dutchman said …" is Verstappen).
fn described_person(
    persons: &[(usize, String, Option<&str>)],
    in_text: &PersonIndex,
    at: usize,
    want: Referent,
) -> Option<String> {
    later_of(persons, in_text.last_described_before(at, want), want).map(|(_, name)| name)
}

/// The later of the last person speaker `want` may refer to and a person `mentioned` in
/// the text, with where it spoke or was named.
fn later_of(
    persons: &[(usize, String, Option<&str>)],
    mentioned: Option<(usize, &str)>,
    want: Referent,
) -> Option<(usize, String)> {
    let spoke = persons
        .iter()
        .rev()
        .take(GENDER_LOOKBACK)
        .find(|(_, name, have)| want.fits(*have, name));
    match (spoke, mentioned) {
        (Some((at, name, _)), Some((m_at, m_name))) => Some(if m_at > *at {
            (m_at, m_name.to_string())
        } else {
            (*at, name.clone())
        }),
        (Some((at, name, _)), None) => Some((*at, name.clone())),
        (None, m) => m.map(|(m_at, n)| (m_at, n.to_string())),
    }
}

/// The index of names in running text with each surname that stands alone added ("Kovac,
/// who had beaten her twice, …" after "Lena Kovac"), as a mention of the full name given
/// before it, in text order. Words inside a longer name, after an article, shared by two
/// people, or that `skip` refuses (in a quote, in a headline) are no mention.
fn with_bare_surnames<'r>(
    doc: &Doc,
    index: PersonIndex<'r>,
    articles: Option<&Lexicon>,
    skip: impl Fn(usize) -> bool,
    is_surname: impl Fn(&str) -> bool,
) -> PersonIndex<'r> {
    // Each surname → (where its full name is first given, the full name), or None when
    // two people share it ("Trump" after "Donald Trump" and "Melania Trump").
    let mut surnames: HashMap<&str, Option<(usize, &Rc<str>)>> = HashMap::new();
    for (start, name, _) in &index.mentions {
        if let Some((_, surname)) = name.rsplit_once(' ').filter(|(_, s)| is_surname(s)) {
            let entry = surnames.entry(surname).or_insert(Some((*start, name)));
            if entry.is_some_and(|(_, other)| other != name) {
                *entry = None;
            }
        }
    }
    if surnames.is_empty() {
        return index;
    }
    let names = doc.person_names();
    let mut next_name = 0;
    let mut bare = Vec::new();
    for word in capitalised_words(doc.text) {
        while next_name < names.len() && names[next_name].end <= word.start {
            next_name += 1;
        }
        let inside_a_name = names.get(next_name).is_some_and(|n| n.start <= word.start);
        let Some(&Some((first, full))) = surnames.get(&doc.text[word.clone()]) else {
            continue;
        };
        if inside_a_name
            || first >= word.start
            || after_article(doc.text, word.start, articles)
            || skip(word.start)
        {
            continue;
        }
        bare.push((word.start, Rc::clone(full)));
    }
    if bare.is_empty() {
        return index;
    }
    // Both lists are in text order: merged, not sorted.
    let genders = index.genders;
    let mut named = index.mentions.into_iter().zip(index.places).peekable();
    let mut bare = bare.into_iter().peekable();
    let mut merged = PersonIndex::new(index.given_names);
    merged.mentions.reserve(named.len() + bare.len());
    merged.places.reserve(named.len() + bare.len());
    loop {
        let take_named = match (named.peek(), bare.peek()) {
            (Some(((n, _, _), _)), Some((b, _))) => n <= b,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if take_named {
            if let Some(((start, name, gender), place)) = named.next() {
                merged.add(start, name, gender, place);
            }
        } else if let Some((start, name)) = bare.next() {
            let gender = genders.get(&name).copied();
            let place = Place {
                bare: true,
                ..place_in_sentence(doc, start)
            };
            merged.add(start, name, gender, place);
        }
    }
    merged
}

/// Whether the word at `pos` follows one of the pack's `articles`, as a name used as a
/// modifier does ("the Trump team").
fn after_article(text: &str, pos: usize, articles: Option<&Lexicon>) -> bool {
    let before = text[..pos].trim_end();
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    articles.is_some_and(|a| !word.is_empty() && a.lookup(word).is_some())
}

/// The capitalised words of `text` (letters and hyphens, after a character that is no
/// letter or digit).
fn capitalised_words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    let mut previous_is_word = false;
    std::iter::from_fn(move || {
        while let Some((i, c)) = chars.next() {
            let starts = c.is_uppercase() && !previous_is_word;
            previous_is_word = c.is_alphanumeric();
            if !starts {
                continue;
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !(d.is_alphabetic() || d == '-') {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            return Some(i..end);
        }
        None
    })
}

/// Where a mention at `pos` stands: its sentence, and whether only marks and spaces come
/// before it there.
fn place_in_sentence(doc: &Doc, pos: usize) -> Place {
    let Some(i) = doc.segments.sentence_at(pos) else {
        return Place::default();
    };
    let start = doc.segments.sentences[i].range.start;
    // Read back from the mention, so a long sentence costs no more than the marks before it.
    let opens = doc.text[start.min(pos)..pos]
        .chars()
        .rev()
        .all(|c| !c.is_alphanumeric());
    Place {
        sentence: Some(i),
        opens,
        bare: false,
    }
}

/// The words of a name right before a relative pronoun at `pos` and its comma ("Okafor,
/// who …", "Sen. Ana Ruiz, who …"): capitalised words back to the sentence's start, a
/// listed word or an article ("the minister, who …" has none).
fn name_before_relative<'t>(
    doc: &Doc<'t>,
    pos: usize,
    titles: &Lexicon,
    articles: Option<&Lexicon>,
    prepositions: Option<&Lexicon>,
) -> Option<&'t str> {
    let mut before = doc.text[..pos].trim_end().strip_suffix(',')?.trim_end();
    // A one-word tag after the name is passed over ("Dan Kessel, R-Lancaster, who"), not
    // a name in apposition ("his wife, Laura, who").
    if let Some((name, aside)) = before.rsplit_once(',') {
        let aside = aside.trim();
        let tag = !aside.contains(char::is_whitespace)
            && aside.contains(|c: char| c == '-' || c.is_ascii_digit());
        if tag && name.ends_with(char::is_alphabetic) {
            before = name.trim_end();
        }
    }
    let mut start = before.len();
    for _ in 0..MAX_NAME_WORDS {
        let head = before[..start].trim_end();
        // A paragraph or the text opens with the name.
        if head.is_empty() || before[head.len()..start].contains('\n') {
            break;
        }
        let word_start = head
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &head[word_start..];
        // A sentence ended before the name ("… on Tuesday. Mrs. Clinton, who"), not at
        // a title or an initial inside it.
        let initial = word.trim_end_matches('.').chars().count() == 1;
        let ends_sentence = start < before.len()
            && word.ends_with(['.', '!', '?'])
            && !initial
            && titles.lookup(word).is_none();
        // "But Okafor, who", "The Senate, which": a listed word opens no name.
        let listed = is_listed(doc, word) || articles.is_some_and(|a| a.lookup(word).is_some());
        if !word.starts_with(char::is_uppercase) || listed || ends_sentence {
            break;
        }
        start = word_start;
    }
    // A name inside a phrase ("a carer from Stoke-on-Trent, who") is not whom "who"
    // refers to: the phrase is an aside on a name before it ("Kelly Marsden, 34, a carer
    // from …, who"), or on no one named. `before` opens where the text does.
    let head = before[..start].trim_end();
    if prepositions.is_some_and(|l| l.lookup(last_word(head)).is_some()) {
        if let Some(aside) = aside_before(head, articles) {
            return name_before_relative(doc, aside, titles, articles, prepositions);
        }
    }
    Some(before[start..].trim()).filter(|name| !name.is_empty())
}

/// Where the comma after a name ends, if `head` ends in an aside on that name that
/// opens with an article (", a carer from"): a few words, in one sentence.
fn aside_before(head: &str, articles: Option<&Lexicon>) -> Option<usize> {
    let comma = head.rfind(',')?;
    let aside = &head[comma + 1..];
    let words = aside.split_whitespace().count();
    let in_one_sentence = !aside.contains(['\n', '.', '!', '?', ';']);
    let opens_with_article = articles.is_some_and(|a| a.lookup(first_word(aside)).is_some());
    (words <= MAX_NAME_WORDS && in_one_sentence && opens_with_article).then_some(comma + 1)
}

/// The first word of `text`, without the punctuation around it.
fn first_word(text: &str) -> &str {
    text.split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
}

/// The last word of `text`, without the punctuation around it.
fn last_word(text: &str) -> &str {
    text.split_whitespace()
        .next_back()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
}

/// The words of `text`, each with where it starts.
fn words_at(text: &str) -> impl DoubleEndedIterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// Whether a lower-case word is a plural noun: a plural role noun ("voters"), or a word
/// in -s but not -ss ("developers", not "press").
fn is_plural_noun(roles: &Lexicon, word: &str) -> bool {
    match roles.lookup(word) {
        Some(entry) => is_plural(entry),
        None => {
            word.starts_with(char::is_lowercase) && word.ends_with('s') && !word.ends_with("ss")
        }
    }
}

/// The full name of a speaker before `pos`, else of a person the text named, that ends
/// in the last word of `written` and that `written` ends in or is part of ("U.S. Sen.
/// Gordon Humphrey" or "Humphrey" give "Gordon Humphrey"); else `written`.
fn full_name_of(
    written: &str,
    pos: usize,
    speakers: &PersonIndex,
    in_text: &PersonIndex,
) -> String {
    let surname = written.rsplit(' ').next().unwrap_or(written);
    // A surname, or a given name alone ("Pol Lt Gen Thanakorn" after "Thanakorn
    // Srisuwan", as Thai copy refers back).
    let fits = |full: &&str| {
        full.ends_with(written)
            || written.ends_with(*full)
            || !written.contains(' ')
                && full
                    .strip_prefix(written)
                    .is_some_and(|rest| rest.starts_with(' '))
    };
    speakers
        .first_with(surname, pos)
        .filter(fits)
        .or_else(|| in_text.first_with(surname, pos).filter(fits))
        .unwrap_or(written)
        .to_string()
}

/// Whether a mention describes a person the text has named, by nationality or age
/// ("the Spaniard", "Spaniard", "the 52-year-old"): an optional article, then one or
/// two words, the last an entry of `person_descriptions`, or a compound whose part
/// after its first hyphen is one ("52-year-old" → "year-old").
fn describes_a_person(
    text: &str,
    articles: Option<&Lexicon>,
    person_descriptions: Option<&Lexicon>,
) -> bool {
    let Some(descriptions) = person_descriptions else {
        return false;
    };
    let mut words: Vec<&str> = text.split_whitespace().collect();
    if words
        .first()
        .is_some_and(|w| articles.is_some_and(|a| a.lookup(w).is_some()))
    {
        words.remove(0);
    }
    let Some(last) = words.last() else {
        return false;
    };
    let after_hyphen = last.split_once('-').map(|(_, rest)| rest);
    words.len() <= 2
        && (descriptions.lookup(last).is_some()
            || after_hyphen.is_some_and(|rest| descriptions.lookup(rest).is_some()))
}

/// The role an aside after a speaker gives, if any. An age before it is dropped
/// ("Mr Sharma, 54, said", "Ms Roe, 35, the daughter of …, said"); an aside that opens
/// with a word of `not_role_starts` ("whose …", "speaking to …") is no role, and one such
/// word or a relative pronoun ends the role before it ("the Army chief, who spoke after
/// the minister").
fn role_of_aside(
    aside: &str,
    not_role_starts: Option<&Lexicon>,
    pronouns: &Lexicon,
) -> Option<String> {
    let digits = aside.len() - aside.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let aside = match aside[digits..].strip_prefix(',') {
        Some(rest) if digits > 0 => rest.trim_start(),
        _ if digits == aside.len() => "",
        _ => aside,
    };
    let first = aside.split_whitespace().next()?;
    let first = first.trim_end_matches(|c: char| !c.is_alphanumeric());
    let ends_role = |word: &str| {
        let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        not_role_starts.is_some_and(|l| l.lookup(word).is_some())
            || pronouns
                .lookup(word)
                .is_some_and(|e| e.tag("relative").is_some())
    };
    if not_role_starts.is_some_and(|l| l.lookup(first).is_some()) {
        return None;
    }
    let end = aside
        .match_indices(", ")
        .find(|(at, sep)| {
            aside[at + sep.len()..]
                .split_whitespace()
                .next()
                .is_some_and(ends_role)
        })
        .map_or(aside.len(), |(at, _)| at);
    Some(aside[..end].to_string())
}

/// Whether `word` is an entry of a lexicon the pack lists as never a speaker.
fn is_listed(doc: &Doc, word: &str) -> bool {
    doc.rules.speakers.as_ref().is_some_and(|settings| {
        settings
            .not_speakers
            .iter()
            .any(|&l| doc.rules.lexicon(l).lookup(word).is_some())
    })
}

/// Whether `word` is the last word of a name of two words or more given before `pos`.
fn named_before(doc: &Doc, word: &str, pos: usize) -> bool {
    let listed = |w: &str| is_listed(doc, w);
    let surnames = doc.surnames.get_or_init(|| {
        let mut first = HashMap::new();
        for m in doc.person_names() {
            // A name's other words are no listed words: "In May" names no one.
            if let Some((given, last)) = doc.text[m.clone()].rsplit_once(char::is_whitespace) {
                if !given.split_whitespace().any(listed) {
                    first.entry(last).or_insert(m.start);
                }
            }
        }
        first
    });
    surnames.get(word).is_some_and(|&start| start < pos)
}

/// Whether the text before `pos` ends, but for white space, in a closing quotation mark.
fn follows_quote(doc: &Doc, pos: usize) -> bool {
    let before = doc.text[..pos].trim_end();
    doc.rules.quotes.as_ref().is_some_and(|q| {
        q.marks
            .iter()
            .any(|(_, _, close)| before.ends_with(close.as_str()))
    })
}

/// How many people back a pronoun looks for one of its gender: a bound, so resolving
/// stays linear in the text.
const GENDER_LOOKBACK: usize = 20;

/// Whether a pronoun of gender `want` may refer to a person of gender `have`: unless
/// both are known and differ.
fn gender_fits(want: Option<&str>, have: Option<&str>) -> bool {
    want.zip(have).is_none_or(|(w, h)| w == h)
}

/// Whom a pronoun or a description may refer to: a person of its gender, when it shows
/// one, and not a person its claim's own words name by their full name or first name
/// ("“Tobi is a monster in the air,” said the Spaniard" is not Tobi Adeyemi).
#[derive(Clone, Copy)]
struct Referent<'a> {
    gender: Option<&'a str>,
    /// The claim's text.
    said: &'a str,
}

impl<'a> Referent<'a> {
    fn of_gender(gender: Option<&'a str>) -> Self {
        Referent { gender, said: "" }
    }

    fn fits(&self, gender: Option<&str>, name: &str) -> bool {
        gender_fits(self.gender, gender) && !names_in(self.said, name)
    }
}

/// Whether `text` names the person `name` by their full name, or by its first word when
/// it has several (a given name, or a surname written first).
fn names_in(text: &str, name: &str) -> bool {
    let mut words = name.split_whitespace();
    let (Some(first), Some(_)) = (words.next(), words.next()) else {
        return false;
    };
    if text.contains(name) {
        return true;
    }
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .any(|word| word == first)
}

/// Where a person's mention stands in the text.
#[derive(Clone, Copy, Default)]
struct Place {
    sentence: Option<usize>,
    /// Whether the mention opens its sentence, as its subject.
    opens: bool,
    /// Whether it is a surname standing alone, which only a description is resolved to
    /// (a pronoun looks back to full names: a bare word is too often another's).
    bare: bool,
}

/// People named in the text, for resolving surnames and pronouns in O(log n) each.
struct PersonIndex<'r> {
    /// (start, full name, gender shown by a title), in text order.
    mentions: Vec<(usize, Rc<str>, Option<&'r str>)>,
    /// Where each mention stands.
    places: Vec<Place>,
    /// Each word of a name → the first mention containing it.
    by_word: HashMap<String, usize>,
    /// Each full name → the gender a title or its given name showed for it anywhere
    /// before.
    genders: HashMap<Rc<str>, &'r str>,
    /// Each full name → the gender a pronoun that referred to it showed, where nothing
    /// else had (see [`PersonIndex::learn_gender`]).
    learned: HashMap<String, &'r str>,
    /// Given names tagged with the gender of those who bear them (`given-names`).
    given_names: Option<&'r Lexicon>,
}

impl<'r> PersonIndex<'r> {
    fn new(given_names: Option<&'r Lexicon>) -> Self {
        PersonIndex {
            mentions: Vec::new(),
            places: Vec::new(),
            by_word: HashMap::new(),
            genders: HashMap::new(),
            learned: HashMap::new(),
            given_names,
        }
    }

    fn add(&mut self, start: usize, name: Rc<str>, gender: Option<&'r str>, place: Place) {
        let i = self.mentions.len();
        // Only a full name resolves surnames: a bare one ("Ruiz") has nothing to add.
        if name.contains(' ') {
            for word in name.split_whitespace() {
                if !self.by_word.contains_key(word) {
                    self.by_word.insert(word.to_string(), i);
                }
            }
        }
        if let Some(g) = gender.or_else(|| self.given_name_gender(&name)) {
            self.genders.entry(Rc::clone(&name)).or_insert(g);
        }
        let gender = gender.or_else(|| self.genders.get(&name).copied());
        self.mentions.push((start, name, gender));
        self.places.push(place);
    }

    /// The last person named before `pos`, or the subject of that name's sentence when a
    /// person opened it.
    fn last_described_before(&self, pos: usize, want: Referent) -> Option<(usize, &str)> {
        let fits = |j: usize| want.fits(None, &self.mentions[j].1);
        let last = (0..self.mentions.partition_point(|(s, _, _)| *s < pos))
            .rev()
            .take(GENDER_LOOKBACK)
            .find(|&j| fits(j))?;
        let sentence = self.places[last].sentence;
        let subject = (0..last)
            .rev()
            .take(GENDER_LOOKBACK)
            .take_while(|&j| sentence.is_some() && self.places[j].sentence == sentence)
            .find(|&j| self.places[j].opens && fits(j));
        let (start, name, _) = &self.mentions[subject.unwrap_or(last)];
        Some((*start, &**name))
    }

    /// The last person named before `pos` whom a pronoun may refer to, with where.
    fn last_before_with_start(&self, pos: usize, want: Referent) -> Option<(usize, &str)> {
        let i = self.mentions.partition_point(|(s, _, _)| *s < pos);
        // Bare surnames are skipped, but for one that opens its sentence as its subject
        // ("Tanabe, 67, has faced criticism. He said …"), within a bound: a text of
        // surnames alone is read back no further than a few full names' worth.
        let fits = |j: &usize| {
            let place = &self.places[*j];
            let (_, name, gender) = &self.mentions[*j];
            let gender = gender.or_else(|| self.learned.get(&**name).copied());
            (!place.bare || place.opens) && want.fits(gender, name)
        };
        let last = (0..i)
            .rev()
            .take(GENDER_LOOKBACK * 4)
            .filter(|&j| !self.places[j].bare || self.places[j].opens)
            .take(GENDER_LOOKBACK)
            .find(|j| fits(j))?;
        // A name later in a sentence gives way to the sentence's subject: in "Marlow said
        // he had spoken to Jack Fenwick. “…,” he said." he is Marlow.
        let sentence = self.places[last].sentence;
        let subject = (0..last)
            .rev()
            .take(GENDER_LOOKBACK)
            .take_while(|&j| sentence.is_some() && self.places[j].sentence == sentence)
            .find(|&j| self.places[j].opens && fits(&j));
        let (start, name, _) = &self.mentions[subject.unwrap_or(last)];
        Some((*start, &**name))
    }

    /// Whether anyone is named, a surname alone too, from `from` up to `to`.
    fn named_between(&self, from: usize, to: usize) -> bool {
        let first = self.mentions.partition_point(|(s, _, _)| *s < from);
        self.mentions.get(first).is_some_and(|(s, _, _)| *s < to)
    }

    /// Whether `name` is among the last few people named before `pos`.
    fn recently_named(&self, name: &str, pos: usize) -> bool {
        let i = self.mentions.partition_point(|(s, _, _)| *s < pos);
        self.mentions[..i]
            .iter()
            .rev()
            .take(RECENT_NAMES)
            // "Shipping Minister Harsh Tiwari" names Harsh Tiwari.
            .any(|(_, n, _)| {
                n.strip_suffix(name)
                    .is_some_and(|t| t.is_empty() || t.ends_with(' '))
            })
    }

    /// The first name before `pos` that contains `word` as one of its words.
    fn first_with(&self, word: &str, pos: usize) -> Option<&str> {
        let &i = self.by_word.get(word)?;
        let (start, name, _) = &self.mentions[i];
        (*start < pos).then_some(&**name)
    }

    /// The gender the first word of a full name shows, if it is a listed given name
    /// ("Moira Calder"); never for one word, which may be a surname.
    fn given_name_gender(&self, name: &str) -> Option<&'r str> {
        let (first, _) = name.split_once(' ')?;
        self.given_names?.lookup(first)?.tag("gender")
    }

    /// The gender a title, a given name or a pronoun showed for a full name, if any.
    fn gender(&self, name: &str) -> Option<&'r str> {
        self.genders
            .get(name)
            .or_else(|| self.learned.get(name))
            .copied()
    }

    /// Takes the gender of a pronoun that refers to `name` where nothing showed one
    /// before: after "Amara Okafor … “…,” she said", a later "he" is someone else. Once
    /// per name, and no mention is rewritten: the pronouns after it look the name up.
    fn learn_gender(&mut self, name: &str, gender: &'r str) {
        if self.gender(name).is_none() {
            self.learned.insert(name.to_string(), gender);
        }
    }
}

/// The gender the pack's titles give a mention's leading titles (`Ms.` → f), if any.
fn title_gender<'r>(titles: &'r Lexicon, mut text: &str) -> Option<&'r str> {
    while let Some((entry, len)) = titles.prefix(text) {
        if let Some(g) = entry.tag("gender") {
            return Some(g);
        }
        let rest = &text[len..];
        if !rest.starts_with(char::is_whitespace) {
            return None;
        }
        text = rest.trim_start();
    }
    None
}

/// The text after a leading capitalised possessive (`China's Premier Li Qiang` →
/// `Premier Li Qiang`, `the Labour Party's Ana Ruiz` → `Ana Ruiz`), when a capitalised
/// word follows it.
fn without_owner<'t>(text: &'t str, is_org: &dyn Fn(&str) -> bool) -> &'t str {
    let Some(i) = text.find("'s ").or_else(|| text.find("’s ")) else {
        return text;
    };
    let owner = &text[..i];
    let rest = text[i..]
        .split_once(' ')
        .map_or("", |(_, r)| r.trim_start());
    // One capitalised word ("China's"), or an organisation ("the Labour Party's"); not a
    // person ("Mr. King's Russia Today programming") or a phrase ("the president's").
    let one_word = !owner.contains(char::is_whitespace) && owner.starts_with(char::is_uppercase);
    if (one_word || is_org(owner)) && rest.starts_with(char::is_uppercase) {
        rest
    } else {
        text
    }
}

/// A possessive ("China's April curbs") names no one.
fn is_possessive_phrase(s: &str) -> bool {
    s.contains("'s ") || s.contains("’s ")
}

/// Fills in each claim's speaker class, name and role.
pub(crate) fn resolve(doc: &Doc, claims: &mut [Claim]) {
    let Some(settings) = &doc.rules.speakers else {
        return;
    };
    let rules = doc.rules;
    let titles = rules.lexicon(settings.titles);
    let given_names = settings.given_names.map(|l| rules.lexicon(l));
    let pronouns = rules.lexicon(settings.pronouns);
    let roles = rules.lexicon(settings.roles);
    let kin_nouns = settings.kin_nouns.map(|l| rules.lexicon(l));
    let articles = settings.articles.map(|l| rules.lexicon(l));
    let coordinators = settings.coordinators.map(|l| rules.lexicon(l));
    let not_role_starts = settings.not_role_starts.map(|l| rules.lexicon(l));
    let person_descriptions = settings.person_descriptions.map(|l| rules.lexicon(l));
    let particles = settings.name_particles.map(|l| rules.lexicon(l));
    let role_words = RoleWords {
        titles,
        prepositions: settings.role_ends.map(|l| rules.lexicon(l)),
        modifiers: settings.office_modifiers.map(|l| rules.lexicon(l)),
    };
    // What a description before a name in apposition describes: its last word ("One of
    // his advisers") or its head ("The Minister for Finance") is a role noun or a kinship
    // word; one the role lexicon tags `body=yes` ("The lender", "Its parent company")
    // describes an organisation.
    let describes = |description: &str| {
        let heads = [
            description.split_whitespace().last(),
            role_words.head_word(description),
        ];
        if let Some(entry) = heads
            .into_iter()
            .flatten()
            .find_map(|w| role_entry(roles, w))
        {
            return Some(match entry.tag("body") {
                Some("yes") => Described::Body,
                _ => Described::Person,
            });
        }
        // A kinship word ("His brother") or a title ("The Assembly Speaker").
        heads
            .into_iter()
            .flatten()
            .any(|w| kin_nouns.is_some_and(|k| k.lookup(w).is_some()) || titles.lookup(w).is_some())
            .then_some(Described::Person)
    };
    let is_org = |s: &str| {
        settings
            .organisations
            .iter()
            .any(|&l| rules.lexicon(l).occurs_in(s))
    };
    // A place as listed, or a name ending in a place's head word ("Suffolk County").
    let is_place = |s: &str| {
        settings.places.is_some_and(|l| {
            let places = rules.lexicon(l);
            places.lookup(s).is_some()
                || s.rsplit_once(' ')
                    .and_then(|(_, last)| places.lookup(last))
                    .is_some_and(|e| e.tag("head").is_some())
        })
    };

    // Quoted words name no one the narrative refers to ("Peace Through Strength").
    let mut quoted: Vec<Range<usize>> = claims
        .iter()
        .filter(|c| c.kind != super::ClaimKind::Indirect)
        .map(|c| c.content.clone())
        .collect();
    quoted.sort_by_key(|r| r.start);
    let in_quote = |pos: usize| {
        let i = quoted.partition_point(|r| r.start <= pos);
        i > 0 && pos < quoted[i - 1].end
    };

    let headlines: Vec<bool> = doc
        .segments
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| is_headline(&doc.text[p.clone()], i == 0))
        .collect();

    // Names in running text: several capitalised words, cleaned like speakers.
    let mut in_text = PersonIndex::new(given_names);
    // Those named with a title, with its words ("Gov. Daniel Whitcomb"), in text order.
    let mut titled: Vec<(usize, &str, &str)> = Vec::new();
    // Organisations that open a sentence as its subject ("Albion Petroleum cut its
    // buyback."), for a later "the company" when no firm has spoken before it.
    let mut firms_opening: Vec<(usize, &str)> = Vec::new();
    // Relatives named by a given name alone, in text order, merged in as they come.
    let mut relatives = kin_appositions(doc.text, kin_nouns, given_names)
        .into_iter()
        .filter(|(r, _)| !in_quote(r.start))
        .peekable();
    for m in doc.person_names() {
        while let Some((r, gender)) = relatives.next_if(|(r, _)| r.start < m.start) {
            let place = place_in_sentence(doc, r.start);
            in_text.add(r.start, doc.text[r].into(), gender, place);
        }
        let headline = doc
            .segments
            .paragraph_at(m.start)
            .is_some_and(|p| headlines[p]);
        if in_quote(m.start) || headline {
            continue;
        }
        // An owner names its person too, for the surnames that follow ("Ollie Pritchard’s
        // century" names Ollie Pritchard), though seldom whom a pronoun means: the
        // mention is kept as bare.
        let owner = possessive_stem(&doc.text[m.clone()]).filter(|owner| owner.contains(' '));
        let m = owner.map_or(m.clone(), |o| m.start..m.start + o.len());
        let Some(range) = clean(doc, m) else {
            continue;
        };
        let mention = without_owner(&doc.text[range.clone()], &is_org);
        // What an owner's name left may open with a listed word, as a whole mention may
        // not ("Sky News’s Sunday Morning" names a programme, not a person).
        if mention.len() < range.len()
            && mention
                .split_whitespace()
                .next()
                .is_some_and(|w| is_listed(doc, w))
        {
            continue;
        }
        let name = strip_titles(titles, role_words.modifiers, mention).trim();
        let name = after_titled_portfolio(titles, name);
        // Capitals alone are a dateline or a heading ("NEW YORK —"), not a person.
        let shouted = !name.chars().any(char::is_lowercase);
        let org = !shouted && is_org(name);
        if org && place_in_sentence(doc, range.start).opens {
            firms_opening.push((range.start, name));
        }
        if shouted || org || is_possessive_phrase(name) || is_place(name) {
            continue;
        }
        // Words before a plural role noun describe a group ("Middle Eastern investors",
        // "Bernie Sanders supporters"): they name no one a pronoun may mean, though a
        // surname after them may.
        let describes_a_group = roles
            .lookup(first_word(&doc.text[range.end..]))
            .is_some_and(is_plural);
        let gender = title_gender(titles, mention);
        let place = Place {
            bare: owner.is_some() || describes_a_group,
            ..place_in_sentence(doc, range.start)
        };
        let title = mention[..mention.len() - name.len()].trim();
        if !title.is_empty() && name.contains(' ') {
            // Each of stacked titles is a role held ("Finance Minister Senator Ishaq
            // Latif" is the minister and the senator).
            titled.push((range.start, title, name));
            let stacked = stacked_titles(titles, title);
            if stacked.len() > 1 {
                titled.extend(stacked.into_iter().map(|t| (range.start, t, name)));
            }
        }
        if name.contains(' ') {
            in_text.add(range.start, name.into(), gender, place);
        } else if name.len() < mention.len() {
            // A titled surname ("Mrs. Ruiz") names a person too: the full name given
            // before, else the surname alone.
            let full = in_text
                .first_with(name, range.start)
                .unwrap_or(name)
                .to_string();
            in_text.add(range.start, full.into(), gender, place);
        }
    }
    for (r, gender) in relatives {
        let place = place_in_sentence(doc, r.start);
        in_text.add(r.start, doc.text[r].into(), gender, place);
    }
    let in_headline = |pos: usize| doc.segments.paragraph_at(pos).is_some_and(|p| headlines[p]);
    let is_surname = |word: &str| !is_org(word) && !is_place(word) && !is_listed(doc, word);
    let mut in_text = with_bare_surnames(
        doc,
        in_text,
        articles,
        |pos| in_quote(pos) || in_headline(pos),
        is_surname,
    );

    let mut order: Vec<usize> = (0..claims.len())
        .filter(|&i| claims[i].speaker.is_some())
        .collect();
    order.sort_by_key(|&i| claims[i].speaker.as_ref().map_or(0, |s| s.mention.start));
    // Full names of person speakers so far, by each of their words.
    let mut speakers = PersonIndex::new(given_names);
    // Person speakers so far: (start, full name, gender), in text order.
    let mut persons: Vec<(usize, String, Option<&str>)> = Vec::new();
    // Unnamed person speakers so far ("a senior official"): (end, description, gender its
    // role noun shows), in text order.
    let mut unnamed: Vec<(usize, String, Option<&str>)> = Vec::new();
    // Speakers described by a role noun ("A Department for Education spokesperson",
    // "people familiar with the matter"): where each ends, the noun's entry, and who
    // they are, named or as described.
    let mut described: Vec<(usize, &Entry, String)> = Vec::new();
    let mut last_org: Option<String> = None;
    // What a later "it" refers to: the last organisation, or a body or document since.
    let mut last_it: Option<String> = None;
    let mut last_group: Option<String> = None;
    // Organisations that spoke so far, with the head of the description they came with
    // ("Tarnwell, the London-listed insurer,"), for a later "the insurer" (see `body_named`),
    // and speakers named by one word alone.
    let mut bodies: Vec<(String, Option<&Entry>)> = Vec::new();
    // Person speakers so far with the words of their roles, titles written out ("Gov."
    // gives governor), for a later description of one ("the Republican governor").
    let mut roles_held: Vec<(usize, String, String)> = Vec::new();
    // Claims that share a mention (inherited speakers) are resolved once.
    let mut done: HashMap<(usize, usize), Speaker> = HashMap::new();
    for i in order {
        let claim = &mut claims[i];
        let Some(sp) = claim.speaker.as_mut() else {
            continue;
        };
        if let Some(resolved) = done.get(&(sp.mention.start, sp.mention.end)) {
            let role = sp.role.take();
            *sp = resolved.clone();
            if role.is_some() {
                sp.role = role;
            }
            continue;
        }
        let mut named_body = false;
        if let Some((name, described)) = claim.role_span.clone().and_then(|r| {
            name_of_the_described(
                doc,
                &sp.mention,
                without_modifier(doc.text, r, role_words.modifiers),
                &describes,
                NameWords {
                    articles,
                    particles,
                },
                &is_org,
                &is_place,
            )
        }) {
            claim.role_span = Some(sp.mention.clone());
            sp.mention = name;
            named_body = described == Described::Body;
        }
        let text = &doc.text[sp.mention.clone()];
        let role_text = claim
            .role_span
            .as_ref()
            .and_then(|r| role_of_aside(&doc.text[r.clone()], not_role_starts, pronouns));
        if let Some(entry) = pronouns.lookup(text) {
            sp.class = SpeakerClass::Pronoun;
            // A pronoun's name is a guess from what came before: less sure than a name.
            claim.confidence *= PRONOUN_CONFIDENCE;
            sp.name = match entry.canonical.as_deref() {
                Some("organisation") => last_it.clone(),
                Some("group") => last_group.clone().or_else(|| last_org.clone()),
                // The writer's own "I" is no one named before it, nor is "one" of a
                // group ("One says …, another says …").
                Some("author") | Some("indefinite") => None,
                // "Okafor, who …": the name right before the relative pronoun.
                _ if entry.tag("relative").is_some() => {
                    let at = sp.mention.start;
                    name_before_relative(doc, at, titles, articles, role_words.prepositions)
                        .map(|written| strip_titles(titles, role_words.modifiers, written).trim())
                        .filter(|name| match name.contains(' ') {
                            true => !is_org(name) && !is_place(name),
                            false => !name.is_empty() && is_surname(name),
                        })
                        .map(|name| full_name_of(name, at, &speakers, &in_text))
                        // Else the person last named ("Ana Ruiz, 45, who …", "the
                        // candidate who …"), but for a plural noun just before a
                        // relative without a comma ("developers who …").
                        .or_else(|| {
                            let group = !doc.text[..at].trim_end().ends_with(',')
                                && is_plural_noun(roles, last_word(&doc.text[..at]));
                            (!group).then(|| {
                                last_person(&persons, &in_text, at, Referent::of_gender(None))
                            })?
                        })
                }
                _ => {
                    let want = entry.tag("gender");
                    let referent = Referent {
                        gender: want,
                        said: &doc.text[claim.content.clone()],
                    };
                    let named = last_person_at(&persons, &in_text, sp.mention.start, referent);
                    // An unnamed speaker since, with no one named after it ("A spokeswoman
                    // said …. “…,” she said"; not "A reporter asked Sanders …. He replied").
                    let since = unnamed
                        .iter()
                        .rev()
                        .take(GENDER_LOOKBACK)
                        .find(|(_, _, have)| gender_fits(want, *have))
                        .filter(|(at, _, _)| {
                            named.as_ref().is_none_or(|(named_at, _)| at > named_at)
                        })
                        .filter(|(end, _, _)| !in_text.named_between(*end, sp.mention.start));
                    match (since, named) {
                        (Some((_, description, _)), _) => Some(description.clone()),
                        (None, Some((_, name))) => {
                            // What the pronoun shows of the person's gender holds for the
                            // pronouns after it.
                            if let Some(gender) = want {
                                in_text.learn_gender(&name, gender);
                                speakers.learn_gender(&name, gender);
                                // Only the last few speakers are ever read back (see
                                // `later_of`); those named after take it from `speakers`.
                                for person in persons
                                    .iter_mut()
                                    .rev()
                                    .take(GENDER_LOOKBACK)
                                    .filter(|p| p.1 == name)
                                {
                                    person.2.get_or_insert(gender);
                                }
                            }
                            Some(name)
                        }
                        (None, None) => None,
                    }
                }
            };
            sp.role = role_text;
        } else if describes_a_person(text, articles, person_descriptions) {
            // "the Spaniard", "the 52-year-old": the person last named, or the one the
            // text gave that age ("Park Seo-yeon, 26,").
            sp.class = SpeakerClass::Person;
            sp.name = person_of_age(doc, text, sp.mention.start)
                .map(str::to_string)
                .or_else(|| {
                    let referent = Referent {
                        gender: None,
                        said: &doc.text[claim.content.clone()],
                    };
                    described_person(&persons, &in_text, sp.mention.start, referent)
                        .filter(|name| !aged_otherwise(doc, text, name, sp.mention.start))
                });
            sp.role = role_text;
        } else {
            let untagged = without_bracket_tag(text);
            let text = untagged.as_ref();
            // "Det Insp Sarah Kinsella of Greater Manchester Police", "Ross Eisenbrey of
            // the Economic Policy Institute": a person's name, then where they work, which
            // is no part of the name.
            let text = {
                let untitled = strip_titles(titles, role_words.modifiers, text);
                let start = text.len() - untitled.len();
                // After a title a surname alone is a name ("Mr. Burman of the Tax Policy
                // Center").
                let fewest = if start > 0 { 1 } else { 2 };
                let person = person_before_workplace(untitled.trim_end(), fewest, &is_org);
                &text[..start + person.len()]
            };
            // "China's Premier Li Qiang", "the Labour Party's Ana Ruiz": the owner and
            // title make a person's role, the rest the name; an organisation keeps its
            // owner ("China's Ministry of Commerce"), and a title word inside its name is
            // no title ("the General Statistics Office").
            let owned = without_owner(text, &is_org);
            let core = if is_org(text) && is_org(owned) {
                text
            } else {
                owned
            };
            let untitled = after_titled_portfolio(
                titles,
                strip_titles(titles, role_words.modifiers, core).trim(),
            );
            // A title may follow the description too ("police spokesperson Brig. Gen. Rommel
            // Sarmiento").
            let before_name = after_description(roles, untitled);
            let moodless = after_mood(before_name, articles, |w| {
                roles.lookup(w).is_some() || titles.lookup(w).is_some()
            });
            // "an emotional" before "Okafor" is no role.
            let mood = before_name[..before_name.len() - moodless.len()].trim();
            let stripped = strip_titles(titles, role_words.modifiers, moodless).trim();
            let named = match untitled.len() < core.trim().len() {
                true => after_portfolio(doc, stripped, &sp.mention, role_words.prepositions),
                false => stripped,
            };
            // "Minister for Trade and Industry Gan Kim Yong" joins no names.
            let after_a_portfolio = named.len() < stripped.len();
            let stripped = named;
            // What was cut ends in a capitalised word: a word of the organisation's name
            // ("the General"), not a description of it ("Thai broadcaster PBS").
            let cut_in_name = core[..core.len() - stripped.len()]
                .split_whitespace()
                .last()
                .is_some_and(|w| w.starts_with(char::is_uppercase));
            let core = if cut_in_name && is_org(core) && is_org(stripped) {
                core
            } else {
                stripped
            };
            let title = text[..text.len() - core.len()].trim();
            let title = title.strip_suffix(mood).unwrap_or(title).trim();
            // "A spokesman for Mayor Frank Jackson": the spokesman speaks, unnamed.
            let acts_for_another = acts_for_a_titled_person(roles, titles, untitled);
            sp.role = match acts_for_another {
                true => role_text,
                false => role_text.or_else(|| role_of_titles(titles, title)),
            };
            let at = sp.mention.start;
            let holder_here = |description: &str| {
                recent_holder(&role_words, description, at, &roles_held, &titled, &in_text)
            };
            // "Tarnwell, the London-listed insurer,": a name whose role, a noun phrase with
            // an article, is a body's (not a clause: "who launched a new organisation").
            let described_as_body = |role: Option<&str>| {
                role.filter(|r| opens_with(r, articles))
                    .and_then(|r| role_head(&role_words, roles, r))
                    .is_some_and(is_one_body)
            };
            let head = core
                .split_whitespace()
                .last()
                .and_then(|w| roles.lookup(w).map(|e| (w, e)));
            // "de Vries", "al-Mahmoud": a surname with its particle.
            let particled = opens_with_particle(core, particles);
            // A plural role noun alone, capitalised as a sentence's first word ("Critics
            // said", "Analysts expect"), is a group, not a name; unless it names a party's
            // members ("Republicans said") or someone of that surname was named before.
            let group_noun = head
                .is_some_and(|(w, e)| w == core && is_plural(e) && e.tag("party").is_none())
                && speakers.first_with(core, usize::MAX).is_none()
                && in_text.first_with(core, sp.mention.start).is_none();
            // A place speaks as its government or team, unless a person of that name
            // was named before ("Jordan said" after "Michael Jordan").
            let place = is_place(core)
                && speakers.first_with(core, usize::MAX).is_none()
                && in_text.first_with(core, sp.mention.start).is_none();
            if acts_for_another {
                sp.class = SpeakerClass::Unnamed;
                sp.name = None;
            } else if !is_org(text) && !after_a_portfolio && joins_names(text, coordinators) {
                // "Mr. King and Mr. Schultz", "Obama and Vice President Joe Biden": people
                // who speak together, named as written; "they" is them.
                let joint = text.strip_prefix("Both ").unwrap_or(text);
                sp.class = SpeakerClass::Unnamed;
                sp.name = Some(joint.to_string());
                sp.role = claim
                    .role_span
                    .as_ref()
                    .and_then(|r| role_of_aside(&doc.text[r.clone()], not_role_starts, pronouns));
                last_group = Some(joint.to_string());
            } else if let Some(full) = spelled_out(
                doc.text,
                core,
                sp.mention.start,
                articles,
                role_words.prepositions,
                coordinators,
            ) {
                // "the NDRRMC said": the organisation the text named with those initials.
                let full = full.to_string();
                sp.class = SpeakerClass::Organisation;
                bodies.push((full.clone(), None));
                last_org = Some(full.clone());
                last_it = Some(full.clone());
                sp.name = Some(full);
            } else if is_org(core)
                || place
                || named_body
                || described_as_body(sp.role.as_deref())
                // "Sainsbury's said": no person speaks by a possessive.
                || possessive_stem(core).is_some()
                || is_acronym(core)
            {
                sp.class = SpeakerClass::Organisation;
                sp.name = Some(core.to_string());
                if !place {
                    let described = sp
                        .role
                        .as_deref()
                        .and_then(|r| role_head(&role_words, roles, r));
                    bodies.push((core.to_string(), described));
                }
                last_org = Some(core.to_string());
                last_it = Some(core.to_string());
                // "They" after a place are its people, not the place.
                if !place {
                    last_group = Some(core.to_string());
                }
            } else if !particled
                && (group_noun
                    || core.starts_with(char::is_lowercase)
                    || head.is_some_and(|(w, _)| !w.starts_with(char::is_uppercase))
                    // A name ends in a capitalised word: "A month later" names no one.
                    || core
                        .split_whitespace()
                        .last()
                        .is_some_and(|w| w.starts_with(char::is_lowercase)))
            {
                sp.class = SpeakerClass::Unnamed;
                sp.name = None;
                // "the England head coach", "the Republican governor": the person named
                // before who holds that role.
                let definite = core.starts_with("the ") || core.starts_with("The ");
                let holder = head
                    .filter(|(_, e)| is_one_person(e))
                    .filter(|_| definite)
                    .and_then(|_| holder_here(core));
                if let Some(name) = holder {
                    sp.class = SpeakerClass::Person;
                    sp.name = Some(name.clone());
                    persons.push((sp.mention.start, name.clone(), speakers.gender(&name)));
                } else if let Some(described) = head
                    .filter(|(_, e)| e.tag("body").is_none())
                    .filter(|_| definite && is_short_description(core, articles))
                    .and_then(|(_, noun)| {
                        described_before(&described, noun, sp.mention.start, &in_text)
                    })
                {
                    // "A council spokesperson said …. “…,” the spokesperson said": the
                    // one described before, if no one was named since; so "the people"
                    // after "people familiar with the matter".
                    sp.name = Some(described.to_string());
                }
                // "the company", "the insurer": an organisation that spoke before.
                let body = head
                    .filter(|_| definite && is_short_description(core, articles))
                    .and_then(|(_, entry)| {
                        body_named(&bodies, entry)
                            .or_else(|| firm_before(&firms_opening, entry, sp.mention.start))
                    });
                if let Some(name) = body {
                    sp.class = SpeakerClass::Organisation;
                    sp.name = Some(name.to_string());
                    last_it = Some(name.to_string());
                } else {
                    match head.map(|(_, e)| (e.tag("number"), e.tag("body"))) {
                        Some((Some("plural"), _)) => last_group = Some(core.to_string()),
                        // A body or document named in a short phrase with an article ("the
                        // housing ministry", "a new report") is what a later "it" refers to.
                        Some((_, Some("yes"))) if is_short_description(core, articles) => {
                            last_it = Some(core.to_string());
                        }
                        _ => {}
                    }
                }
                // "A spokeswoman for the council said …": a later "she" may be her. Not "the
                // senator", whom the text has mostly named before.
                let one_person = role_head(&role_words, roles, core)
                    .filter(|e| is_one_person(e))
                    .filter(|_| matches!(sp.class, SpeakerClass::Unnamed))
                    .filter(|_| introduces_someone(doc.text, &sp.mention, articles));
                if let Some(entry) = one_person {
                    unnamed.push((sp.mention.end, core.to_string(), entry.tag("gender")));
                }
            } else if let Some(name) = titles.lookup(core).and_then(|_| holder_here(core)) {
                // A title alone ("The Chief Minister said") names the person last named
                // with it, as a description does.
                sp.class = SpeakerClass::Person;
                persons.push((sp.mention.start, name.clone(), speakers.gender(&name)));
                sp.name = Some(name);
            } else {
                sp.class = SpeakerClass::Person;
                let full = if particled {
                    // The full name given before that ends in it ("Sanne de Vries").
                    let last = core.rsplit(' ').next().unwrap_or(core);
                    speakers
                        .first_with(last, usize::MAX)
                        .or_else(|| in_text.first_with(last, sp.mention.start))
                        .filter(|full| full.ends_with(core))
                        .unwrap_or(core)
                        .to_string()
                } else if core.contains(' ') {
                    core.to_string()
                } else {
                    // A lone surname: an earlier speaker's full name, else an earlier mention's.
                    speakers
                        .first_with(core, usize::MAX)
                        .or_else(|| in_text.first_with(core, sp.mention.start))
                        .unwrap_or(core)
                        .to_string()
                };
                let gender = title_gender(titles, without_owner(text, &is_org))
                    .or_else(|| speakers.gender(&full))
                    .or_else(|| in_text.gender(&full));
                if full.contains(' ') && !is_possessive_phrase(&full) {
                    speakers.add(
                        sp.mention.start,
                        full.as_str().into(),
                        gender,
                        Place::default(),
                    );
                }
                persons.push((sp.mention.start, full.clone(), gender));
                // One word that names no one named before is as often a firm ("Korvex
                // said"): a later "the company" may mean it, and so may a later "it".
                if !full.contains(' ') && !particled && roles.lookup(&full).is_none() {
                    bodies.push((full.clone(), None));
                    last_it = Some(full.clone());
                }
                if let Some(role) = &sp.role {
                    roles_held.push((sp.mention.start, role.clone(), full.clone()));
                }
                sp.name = Some(full);
            }
        }
        let mention = &doc.text[sp.mention.clone()];
        // Its head: the last word for one person ("A council spokesperson"), the first
        // role noun for several ("people familiar with the matter").
        let noun = roles
            .lookup(last_word(mention))
            .filter(|e| is_one_person(e))
            .or_else(|| {
                mention
                    .split_whitespace()
                    .find_map(|w| roles.lookup(w).filter(|e| is_plural(e)))
            });
        if let Some(noun) = noun {
            let who = sp.name.clone().unwrap_or_else(|| mention.to_string());
            described.push((sp.mention.end, noun, who));
        }
        done.insert((sp.mention.start, sp.mention.end), sp.clone());
    }
}

/// A speaker without its bracketed tag: one after a name ("Lisa Ortiz (D-Ore.)") is no
/// part of it, one inside a description is dropped ("NCP (SP) leader Asha Rane").
fn without_bracket_tag(text: &str) -> std::borrow::Cow<'_, str> {
    match text.split_once(" (") {
        Some((name, tag)) if tag.ends_with(')') => name.into(),
        Some((before, tag)) => match tag.split_once(')') {
            Some((_, after)) => format!("{before}{after}").into(),
            None => text.into(),
        },
        None => text.into(),
    }
}

/// How many of the organisations that spoke last a description of one may refer back over.
const RECENT_BODIES: usize = 3;

/// The organisation that a short definite description of a body ("the group", "the
/// insurer") refers to, among those that spoke, the last first: one whose name holds
/// the description's head ("Haesung Group"), one described before with it ("Tarnwell,
/// the London-listed insurer,"), or, for a head the role lexicon tags `firm=yes` ("the
/// company"), the last of them not described as another kind of body ("the bank" is not
/// "Russia Today, the state-financed network").
fn body_named<'b>(bodies: &'b [(String, Option<&Entry>)], head: &Entry) -> Option<&'b str> {
    if !is_one_body(head) {
        return None;
    }
    let wanted = head.canonical.as_deref()?;
    let recent = || bodies.iter().rev().take(RECENT_BODIES);
    let firm = |described: &Option<&Entry>| described.is_none_or(|e| e.tag("firm") == Some("yes"));
    recent()
        .find(|(name, described)| {
            described.and_then(|e| e.canonical.as_deref()) == Some(wanted)
                || name
                    .split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case(wanted))
        })
        .or_else(|| {
            (head.tag("firm") == Some("yes"))
                .then(|| recent().find(|(_, described)| firm(described)))
                .flatten()
        })
        .map(|(name, _)| name.as_str())
}

/// Whether a speaker is one word of capitals, as bodies write their initials ("NASA",
/// "the JCS"): an organisation, which a later "it" may mean.
fn is_acronym(name: &str) -> bool {
    (2..=6).contains(&name.len()) && name.chars().all(|c| c.is_ascii_uppercase() || c == '&')
}

/// Whether a role lexicon entry names one body ("insurer", not "insurers" nor "analyst").
/// The firm that last opened a sentence before `pos`, for a description of one ("the
/// company", "the firm") when no firm has spoken before it.
fn firm_before<'t>(firms: &[(usize, &'t str)], head: &Entry, pos: usize) -> Option<&'t str> {
    if !is_one_body(head) || head.tag("firm") != Some("yes") {
        return None;
    }
    let before = firms.partition_point(|(start, _)| *start < pos);
    firms[..before].last().map(|(_, name)| *name)
}

fn is_one_body(entry: &Entry) -> bool {
    entry.tag("body").is_some() && !is_plural(entry)
}

/// Whether a role lexicon entry names one person ("analyst", not "analysts" nor "insurer").
fn is_one_person(entry: &Entry) -> bool {
    entry.tag("body").is_none() && !is_plural(entry)
}

/// Whether a role lexicon entry is a plural ("voters", "investors").
fn is_plural(entry: &Entry) -> bool {
    entry.tag("number") == Some("plural")
}

/// The role lexicon's entry for the head of a role phrase ("the London-listed insurer" →
/// insurer), if it has one.
fn role_head<'r>(role_words: &RoleWords, roles: &'r Lexicon, role: &str) -> Option<&'r Entry> {
    role_entry(roles, role_words.head_word(role)?)
}

/// A role noun's entry, or a compound's whose last part is one ("vice-chairman",
/// "co-founder", "ex-minister").
fn role_entry<'r>(roles: &'r Lexicon, word: &str) -> Option<&'r Entry> {
    roles.lookup(word).or_else(|| {
        let (_, last) = word.rsplit_once('-')?;
        roles.lookup(last)
    })
}

/// The person last named before `at` who holds the role `description` names ("the
/// Republican governor", "Chief Minister"): a speaker given that role, or a name written
/// after that title ("Gov. Dana Whitcomb"), if among the last few people named ("the
/// senator" after Rubio is Rubio, not a senator named paragraphs before).
fn recent_holder(
    role_words: &RoleWords,
    description: &str,
    at: usize,
    roles_held: &[(usize, String, String)],
    titled: &[(usize, &str, &str)],
    in_text: &PersonIndex,
) -> Option<String> {
    let wanted = role_words.of(description);
    let spoke = roles_held
        .iter()
        .map(|(n, r, p)| (*n, r.as_str(), p.as_str()));
    [
        holder_of(role_words, &wanted, at, spoke),
        holder_of(role_words, &wanted, at, titled.iter().copied()),
    ]
    .into_iter()
    .flatten()
    .max_by_key(|(named, _)| *named)
    // A speaker whose written name the running text does not list ("Union Shipping
    // Minister Harsh Tiwari" reads as an organisation's) is recent if no one was named
    // after them.
    .filter(|&(named, name)| {
        in_text.recently_named(name, at) || !in_text.named_between(named + 1, at)
    })
    .map(|(_, name)| name.to_string())
}

/// Where and who was named last before `at` holding the role whose words are `wanted`,
/// among (where named, role, name) in text order.
fn holder_of<'a>(
    role_words: &RoleWords,
    wanted: &[String],
    at: usize,
    named: impl DoubleEndedIterator<Item = (usize, &'a str, &'a str)>,
) -> Option<(usize, &'a str)> {
    named
        .rev()
        .find(|(n, role, _)| *n < at && role_words.of(role) == wanted)
        .map(|(n, _, name)| (n, name))
}

/// What a description must share with a role to name its holder: the role's head, in
/// lower case with a title written out ("Gov." gives "governor"), the role ending before
/// a preposition ("daughter of the candidate" gives "daughter"), then its words that make
/// it another office ("vice", "former": `office-modifiers`).
struct RoleWords<'r> {
    titles: &'r Lexicon,
    prepositions: Option<&'r Lexicon>,
    modifiers: Option<&'r Lexicon>,
}

impl RoleWords<'_> {
    /// The words of a role before the preposition that ends its head, bare of punctuation.
    fn before_end<'s, 't: 's>(&'s self, role: &'t str) -> impl Iterator<Item = &'t str> + 's {
        role.split_whitespace()
            .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.'))
            .take_while(|word| self.prepositions.is_none_or(|l| l.lookup(word).is_none()))
    }

    /// A role's head as written: its last word before a preposition ("Minister" in
    /// "Minister for Finance").
    fn head_word<'t>(&self, role: &'t str) -> Option<&'t str> {
        self.before_end(role).last()
    }

    fn of(&self, role: &str) -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for word in self.before_end(role) {
            let title = self.titles.lookup(word);
            match title.and_then(|e| e.tag("office").or(e.canonical.as_deref())) {
                Some(full) => words.extend(full.split_whitespace().map(str::to_lowercase)),
                None => words.push(word.to_lowercase()),
            }
        }
        let head = words.last().cloned().unwrap_or_default();
        let modifiers = words
            .into_iter()
            .filter(|w| self.modifiers.is_some_and(|l| l.lookup(w).is_some()));
        std::iter::once(head).chain(modifiers).collect()
    }
}

/// The speaker last described with the role noun `head` ("A council spokesperson"),
/// among (where each ends, its role noun, who) in text order, if no one was named
/// between it and `at`. Nouns are compared by their canonical form and number
/// ("convener" is "convenor"; "the person" is not "people").
fn described_before<'d>(
    described: &'d [(usize, &Entry, String)],
    head: &Entry,
    at: usize,
    in_text: &PersonIndex,
) -> Option<&'d str> {
    let (end, _, who) = described.iter().rev().find(|(end, noun, _)| {
        *end <= at && noun.canonical == head.canonical && noun.tag("number") == head.tag("number")
    })?;
    (!in_text.named_between(*end, at)).then_some(who.as_str())
}

/// How many of the last names a description of one of them may refer back over.
const RECENT_NAMES: usize = 3;

/// The most words of a name spelled out before its initials.
const MAX_SPELLED_OUT_WORDS: usize = 10;

/// The name that initials stand for, as the text gave it before `at` ("the National
/// Disaster Risk Reduction and Management Council (NDRRMC)" for "the NDRRMC"): the
/// capitalised words, and the small words between them (an article, a word of
/// `prepositions` or of `coordinators`: "and", "&"), that come just before the initials in
/// brackets.
fn spelled_out<'t>(
    text: &'t str,
    mention: &str,
    at: usize,
    articles: Option<&Lexicon>,
    prepositions: Option<&Lexicon>,
    coordinators: Option<&Lexicon>,
) -> Option<&'t str> {
    let listed = |l: Option<&Lexicon>, w: &str| l.is_some_and(|l| l.lookup(w).is_some());
    let initials = match mention.split_once(' ') {
        Some((article, rest)) if listed(articles, article) => rest,
        _ => mention,
    };
    let is_initials = (2..=10).contains(&initials.len())
        && initials.chars().all(|c| c.is_ascii_uppercase() || c == '&');
    if !is_initials {
        return None;
    }
    let bracket = text[..at].rfind(&format!("({initials})"))?;
    let before = text[..bracket].trim_end();
    let small = |w: &str| listed(articles, w) || listed(prepositions, w) || listed(coordinators, w);
    let mut start = before.len();
    let mut capitalised = 0;
    for (word_start, word) in words_at(before).rev().take(MAX_SPELLED_OUT_WORDS) {
        if small(&word.to_lowercase()) {
            continue;
        }
        if !word.starts_with(char::is_uppercase)
            || !word.chars().all(|c| c.is_alphabetic() || c == '-')
        {
            break;
        }
        capitalised += 1;
        start = word_start;
    }
    (capitalised >= 2).then(|| &before[start..])
}

/// Whether `text` joins capitalised names with one of the `coordinators` ("Forbes and
/// Wealth-X"), a name first ("the chairs from Jefferson and Arapahoe" are unnamed).
fn joins_names(text: &str, coordinators: Option<&Lexicon>) -> bool {
    let Some(coordinators) = coordinators else {
        return false;
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .first()
        .is_some_and(|w| w.starts_with(char::is_uppercase) && *w != "The")
        && words.windows(3).any(|w| {
            coordinators.lookup(w[1]).is_some()
                && w[0].starts_with(char::is_uppercase)
                && w[2].starts_with(char::is_uppercase)
        })
}

/// Whether `name` opens with a surname's particles, the rest capitalised: "de Vries",
/// "van der Berg", "al-Mahmoud".
fn opens_with_particle(name: &str, particles: Option<&Lexicon>) -> bool {
    let Some(particles) = particles else {
        return false;
    };
    let mut rest = name;
    while let Some(word) = rest.split([' ', '-']).next().filter(|w| !w.is_empty()) {
        if particles.lookup(word).is_none() {
            break;
        }
        rest = rest[word.len()..].trim_start_matches([' ', '-']);
    }
    rest.len() < name.len()
        && !rest.is_empty()
        && rest
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase))
}

/// The most words of a name with its titles in an apposition ("Chief Executive John Lee
/// Ka-chiu").
const MAX_NAME_WORDS: usize = 6;

/// The small words a name may open with or hold: an organisation's article ("the Royal
/// Bank of Scotland"), a person's particles ("van der", "a/l").
#[derive(Clone, Copy)]
struct NameWords<'r> {
    articles: Option<&'r Lexicon>,
    particles: Option<&'r Lexicon>,
}

/// What a description before a name in apposition describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Described {
    Person,
    Body,
}

/// The name in the apposition after a description, if it names who is described, and
/// what the description describes: in "The Prime Minister, Rishi Sunak, said" or "Tata
/// Steel's chief executive, T V Narendran, said" the name is the speaker and the
/// description its role; so in "The country's largest lender, HDFC Bank, said", where
/// the description is of a body. The apposition is capitalised words, no place, and no
/// organisation after a description of a person, with perhaps an age after them ("The
/// driver, Paul Whitaker, 51, told").
fn name_of_the_described(
    doc: &Doc,
    description: &Range<usize>,
    apposition: Range<usize>,
    describes: &impl Fn(&str) -> Option<Described>,
    NameWords {
        articles,
        particles,
    }: NameWords,
    is_org: &impl Fn(&str) -> bool,
    is_place: &impl Fn(&str) -> bool,
) -> Option<(Range<usize>, Described)> {
    let described = describes(&doc.text[description.clone()])?;
    let apposition = before_second_aside(doc.text, apposition);
    let apposition = without_bracket(doc.text, without_age(doc.text, apposition));
    // "The family's solicitor, Priya Lakhani of Hudson & Farr,": a person's name, then
    // where they work.
    let apposition = match described {
        Described::Person => {
            let is_role = |w: &str| describes(w) == Some(Described::Person);
            without_workplace(
                doc.text,
                described_name(doc.text, apposition, articles, is_role),
            )
        }
        Described::Body => apposition,
    };
    let name = doc.text[apposition.clone()].trim();
    let words_of_name: Vec<&str> = name.split_whitespace().collect();
    let words = words_of_name.len();
    let inside = |i: usize| i > 0 && i + 1 < words_of_name.len();
    let capitalised = words_of_name.iter().enumerate().all(|(i, &w)| {
        w == "&"
            // "Pieter van der Berg", "Kumaresan a/l Rajoo".
            || inside(i) && particles.is_some_and(|p| p.lookup(w).is_some())
            || w.starts_with(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '’' | '\'' | '&'))
    });
    let org = is_org(name);
    // An organisation's name may hold small words ("the Royal Bank of Scotland Group").
    let org_name = org
        && name
            .split_whitespace()
            .last()
            .is_some_and(|w| w.starts_with(char::is_uppercase));
    ((1..=MAX_NAME_WORDS).contains(&words)
        && (capitalised || org_name)
        // A name cut at an initial ("John E.") is no whole name.
        && name
            .split_whitespace()
            .last()
            .is_some_and(|w| w.trim_end_matches('.').chars().count() > 1)
        // An article opens no person's name, only an organisation's ("the Royal Bank of
        // Scotland Group").
        && (org || !opens_with(name, articles))
        // A person described is no organisation ("Another pollster, David Woodard of
        // Clemson University,").
        && (described == Described::Body || !org)
        && !is_place(name))
    .then_some((apposition, described))
}

/// `range` up to its first comma when a lower-case word follows it: the name, then an
/// aside of its own ("The third witness, Mr Emeka Okafor, a bank officer, told …", "The
/// trial judge, Justice Amina Bako, overruled …").
fn before_second_aside(text: &str, range: Range<usize>) -> Range<usize> {
    let aside = &text[range.clone()];
    match aside
        .find(", ")
        .filter(|&comma| aside[comma + 2..].starts_with(char::is_lowercase))
    {
        Some(comma) => range.start..range.start + comma,
        None => range,
    }
}

/// The most words of a description before the name it ends in ("the property developer",
/// "the former Davis Cup player").
const MAX_DESCRIPTION_WORDS: usize = 5;

/// The name that ends a description with an article ("the property developer Nigel
/// Ashcombe" gives "Nigel Ashcombe") or with a bare role noun (`is_role`: "lawyer Jun
/// Mercado", not "including President Obama"): its last two to four words when they are
/// capitalised and a lower-case word stands before them. Otherwise `range` as it is.
fn described_name(
    text: &str,
    range: Range<usize>,
    articles: Option<&Lexicon>,
    is_role: impl Fn(&str) -> bool,
) -> Range<usize> {
    let written = &text[range.clone()];
    let words: Vec<(usize, &str)> = words_at(written).collect();
    let bare_role = words.len() > 1 && words[0].1.starts_with(char::is_lowercase) && {
        let lower = words
            .iter()
            .take_while(|(_, w)| w.starts_with(char::is_lowercase));
        lower.last().is_some_and(|&(_, w)| is_role(w))
    };
    if !opens_with(written, articles) && !bare_role {
        return range;
    }
    let capitalised = words
        .iter()
        .rev()
        .take_while(|(_, w)| w.starts_with(char::is_uppercase))
        .count();
    let before = words.len().checked_sub(capitalised + 1).map(|i| words[i].1);
    // A short description: "a coalition of groups led by the League of Latino Voters"
    // ends in a name that is not the one described.
    let described = words.len() - capitalised <= MAX_DESCRIPTION_WORDS;
    match (2..=4).contains(&capitalised)
        && described
        && before.is_some_and(|w| w.starts_with(char::is_lowercase))
    {
        true => range.start + words[words.len() - capitalised].0..range.end,
        false => range,
    }
}

/// `range` up to " of " or " at " when capitalised words follow it, and two or three
/// capitalised words come before it: "Priya Lakhani of Hudson & Farr" gives "Priya
/// Lakhani". Otherwise `range` as it is.
fn without_workplace(text: &str, range: Range<usize>) -> Range<usize> {
    let person = person_before_workplace(&text[range.clone()], 2, &|_| false);
    range.start..range.start + person.len()
}

/// The person's name before " of " or " at " and the capitalised words of where they
/// work or come from ("Ana Ruiz of Texas" gives "Ana Ruiz"), when `fewest` to three
/// capitalised words that name no organisation come before it; otherwise `name`.
fn person_before_workplace<'t>(
    name: &'t str,
    fewest: usize,
    is_org: &dyn Fn(&str) -> bool,
) -> &'t str {
    let capitalised = |s: &str| {
        s.split_whitespace()
            .all(|w| w == "&" || w.starts_with(char::is_uppercase))
    };
    [" of ", " at "]
        .iter()
        .find_map(|link| {
            let (person, place) = name.split_once(link)?;
            let place = place.trim().trim_start_matches("the ");
            ((fewest..=3).contains(&person.split_whitespace().count())
                && capitalised(person)
                && !is_org(person)
                && !place.is_empty()
                && capitalised(place))
            .then_some(person)
        })
        .unwrap_or(name)
}

/// `range` without a word of `modifiers` that opens it, when two capitalised words or
/// more follow: "former Olympian Tang Chi-keung" gives "Olympian Tang Chi-keung", whose
/// name `after_description` finds.
fn without_modifier(text: &str, range: Range<usize>, modifiers: Option<&Lexicon>) -> Range<usize> {
    let written = &text[range.clone()];
    let Some((first, rest)) = written.trim_start().split_once(' ') else {
        return range;
    };
    let capitalised = rest
        .split_whitespace()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    match modifiers.is_some_and(|l| l.lookup(first).is_some()) && capitalised >= 2 {
        true => range.end - rest.len()..range.end,
        false => range,
    }
}

/// A name in apposition without the bracket that closes it: a constituency, a party or a
/// state ("Dame Rosalind Greaves (Lab, Walthamstow Central)" → "Dame Rosalind Greaves").
fn without_bracket(text: &str, range: Range<usize>) -> Range<usize> {
    match without_bracket_tag(&text[range.clone()]) {
        std::borrow::Cow::Borrowed(kept) => range.start..range.start + kept.len(),
        std::borrow::Cow::Owned(_) => range,
    }
}

/// `range` without an age written after it (", 51"), when words come before the age.
fn without_age(text: &str, range: Range<usize>) -> Range<usize> {
    let written = &text[range.clone()];
    let kept = written
        .trim_end()
        .trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = written.trim_end().len() - kept.len();
    match kept.trim_end().strip_suffix(',') {
        Some(words) if (1..=3).contains(&digits) && !words.trim().is_empty() => {
            range.start..range.start + words.trim_end().len()
        }
        _ => range,
    }
}

/// The name after a description written before it, without an article or commas
/// ("Infosys chief executive Salil Parekh" → "Salil Parekh", "Chief Cabinet Secretary
/// Yoshimasa Hayashi" → "Yoshimasa Hayashi", "mother-of-two Jane Doe" → "Jane Doe"):
/// the capitalised words after the last role
/// noun, two at least after a capitalised one ("Martin Luther King Jr." stays whole). A
/// mention with no such words is returned whole.
fn after_description<'t>(roles: &Lexicon, mention: &'t str) -> &'t str {
    // Where the last role noun ends, whether it is capitalised, and how many capitalised
    // words follow it.
    let mut cut: Option<(usize, bool)> = None;
    let mut name_words = 0;
    for (at, word) in words_at(mention) {
        let lowercase = word.starts_with(char::is_lowercase);
        // A lower-case compound of three parts or more describes too: "mother-of-two Jane
        // Doe", "editor-in-chief Ana Ruiz".
        if roles.lookup(word).is_some() || (lowercase && word.split('-').count() >= 3) {
            cut = Some((at + word.len(), !lowercase));
            name_words = 0;
        } else if lowercase {
            cut = None;
        } else {
            name_words += 1;
        }
    }
    match cut {
        Some((end, capitalised)) if name_words >= if capitalised { 2 } else { 1 } => {
            mention[end..].trim_start()
        }
        _ => mention,
    }
}

/// The fewest letters of a word of mood before a name ("proud", "tearful").
const MIN_MOOD: usize = 5;

/// The name after an article and a word or two of mood or manner: "an emotional Okafor"
/// and "a visibly relieved Tom Hale" give "Okafor" and "Tom Hale". Not a role or title
/// among the words ("the outgoing Labour MP", "a nurse in Hull"), which describe someone
/// unnamed, nor a short word, a preposition more often than a mood ("a man from Leeds").
fn after_mood<'t>(
    mention: &'t str,
    articles: Option<&Lexicon>,
    is_role_or_title: impl Fn(&str) -> bool,
) -> &'t str {
    let mut words = words_at(mention);
    if !opens_with(mention, articles) || words.next().is_none() {
        return mention;
    }
    let mut moods = 0;
    let mut name_from = None;
    let mut names = 0;
    for (at, word) in words {
        match (word.starts_with(char::is_lowercase), name_from) {
            (true, None) if word.chars().count() >= MIN_MOOD && !is_role_or_title(word) => {
                moods += 1
            }
            (false, _) if !is_role_or_title(word) => {
                name_from.get_or_insert(at);
                names += 1;
            }
            _ => return mention,
        }
    }
    match name_from {
        Some(at) if (1..=2).contains(&moods) && (1..=4).contains(&names) => &mention[at..],
        _ => mention,
    }
}

/// Whether a mention describes someone who acts for a person it names with a title: a
/// lower-case role noun, "for" or "to", then a title ("a spokesman for Mayor Frank
/// Jackson", "an aide to Sen. Ana Ruiz"). The name is not the speaker's own; "the
/// ambassador to China Ana Ruiz", without a title after "to", is.
fn acts_for_a_titled_person(roles: &Lexicon, titles: &Lexicon, mention: &str) -> bool {
    let words: Vec<(usize, &str)> = words_at(mention).collect();
    words.windows(3).any(|w| {
        let [(_, role), (_, link), (at, _)] = w else {
            return false;
        };
        role.starts_with(char::is_lowercase)
            && roles.lookup(role).is_some()
            && matches!(*link, "for" | "to")
            && titles.prefix(&mention[*at..]).is_some()
    })
}

/// The name a mention gives after a title's portfolio ("for Power Awais Khan" after
/// "Minister" gives "Awais Khan"): the person name found in the text (whose pattern
/// passes over the portfolio) that ends the words left after the title, when those open
/// with a word of `prepositions`. Otherwise the words as they are. Called only where a
/// title was stripped.
fn after_portfolio<'t>(
    doc: &Doc,
    after_title: &'t str,
    mention: &Range<usize>,
    prepositions: Option<&Lexicon>,
) -> &'t str {
    if !opens_with(after_title, prepositions) {
        return after_title;
    }
    let names = doc.person_names();
    let first = names.partition_point(|n| n.start <= mention.start);
    names[first..]
        .iter()
        .take_while(|n| n.end <= mention.end)
        .map(|n| &doc.text[n.clone()])
        .find(|name| after_title.len() > name.len() && after_title.ends_with(name))
        .map_or(after_title, |name| {
            &after_title[after_title.len() - name.len()..]
        })
}

/// Whether a mention brings in someone new: it opens with an indefinite article or
/// "one" ("A Velocity spokeswoman", "one analyst"), and is no apposition to a name
/// before it ("Dean, a medical doctor, then appeared").
fn introduces_someone(text: &str, mention: &Range<usize>, articles: Option<&Lexicon>) -> bool {
    let before = text[..mention.start].trim_end();
    // The article may have been left out of the mention ("A Velocity spokeswoman").
    let article_before = before.rsplit(char::is_whitespace).next();
    let words = &text[mention.clone()];
    let first = words.split_whitespace().next();
    let indefinite = |w: Option<&str>| {
        w.is_some_and(|w| {
            opens_with(w, articles) && !w.eq_ignore_ascii_case("the")
                || w.eq_ignore_ascii_case("one")
        })
    };
    (indefinite(first) || indefinite(article_before)) && !before.ends_with(',')
}

/// Whether a mention is an article and at most three more words ("the housing ministry"),
/// not a longer phrase that may have run past its noun.
fn is_short_description(mention: &str, articles: Option<&Lexicon>) -> bool {
    opens_with(mention, articles) && mention.split_whitespace().count() <= 4
}

/// Whether the first word of `text` is an entry of `lexicon`.
fn opens_with(text: &str, lexicon: Option<&Lexicon>) -> bool {
    text.split_whitespace()
        .next()
        .zip(lexicon)
        .is_some_and(|(w, l)| l.lookup(w).is_some())
}

/// What a word or name ending in a possessive belongs to ("Sainsbury" for "Sainsbury's"),
/// if it ends in one.
fn possessive_stem(text: &str) -> Option<&str> {
    text.strip_suffix("'s").or_else(|| text.strip_suffix("’s"))
}

/// The most words a headline has.
const MAX_HEADLINE_WORDS: usize = 20;

/// Whether a paragraph is a headline, whose capitalised words are no names: in title
/// case, every word of four letters or more capitalised after any opening mark ("Rival
/// Says Talks Will Resume"), or, opening the text, a short line with no sentence's end
/// ("Late Hargreaves header earns Wolves a point").
fn is_headline(paragraph: &str, first: bool) -> bool {
    if first
        && paragraph.split_whitespace().count() <= MAX_HEADLINE_WORDS
        && !paragraph
            .trim_end()
            .ends_with(['.', '!', '?', ':', '"', '”', '’', '\''])
    {
        return true;
    }
    let (mut long, mut capitalised) = (0, 0);
    for w in paragraph.split_whitespace() {
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            long += 1;
            let word = w.trim_start_matches(|c: char| !c.is_alphanumeric());
            capitalised += usize::from(word.starts_with(char::is_uppercase));
        }
    }
    long >= 3 && capitalised == long
}

/// The text without leading titles (`Vice Premier He Lifeng` → `He Lifeng`).
fn strip_titles<'t>(titles: &Lexicon, modifiers: Option<&Lexicon>, mut text: &'t str) -> &'t str {
    // A lower-case word before a title and a name modifies the title: "state Sen. Maria
    // Lopez", "former Gov. Jeb Bush" (not "the President", which names no one); so does
    // an office modifier however written ("Deputy Governor Martin Ashgrove").
    if let Some((first, rest)) = text.split_once(' ') {
        let named = titles
            .prefix(rest)
            .is_some_and(|(_, len)| rest[len..].trim_start().starts_with(char::is_uppercase));
        let modifies = first.starts_with(char::is_lowercase)
            || modifiers.is_some_and(|m| m.lookup(first).is_some());
        if named && modifies && !first.contains(|c: char| !c.is_alphabetic() && c != '-') {
            text = rest;
        }
    }
    while let Some((_, len)) = titles.prefix(text) {
        let rest = &text[len..];
        if !rest.starts_with(char::is_whitespace) || rest.trim().is_empty() {
            break;
        }
        text = rest.trim_start();
    }
    text
}

/// A name less the portfolio and title written before it ("Public Works Secretary Ramon
/// Dizon", "Albay Gov. Marites Lagman" give "Ramon Dizon", "Marites Lagman"): what follows
/// the last title that only capitalised words lead up to, if a capitalised word follows it.
fn after_titled_portfolio<'t>(titles: &Lexicon, name: &'t str) -> &'t str {
    let mut after = name;
    for (at, word) in words_at(name).skip(1) {
        let Some((_, len)) = titles.prefix(&name[at..]) else {
            if !word.starts_with(char::is_uppercase) {
                break;
            }
            continue;
        };
        let rest = &name[at + len..];
        if rest.starts_with(char::is_whitespace)
            && rest.trim_start().starts_with(char::is_uppercase)
        {
            after = rest.trim_start();
        }
    }
    after
}

/// The titles one after another in `title`, each as written ("Finance Minister
/// Senator" gives "Finance Minister" and "Senator"); none if a word is no title's.
fn stacked_titles<'t>(titles: &Lexicon, mut title: &'t str) -> Vec<&'t str> {
    let mut stacked = Vec::new();
    while let Some((_, len)) = titles.prefix(title) {
        stacked.push(&title[..len]);
        title = title[len..].trim_start();
    }
    match title.is_empty() {
        true => stacked,
        false => Vec::new(),
    }
}

/// The titles before a name, as its role, without the courtesy titles among them:
/// "Governor Datuk Seri" gives "Governor", "Sir" or "Mr." none.
fn role_of_titles(titles: &Lexicon, title: &str) -> Option<String> {
    let mut kept: Vec<&str> = Vec::new();
    let mut rest = title.trim();
    while !rest.is_empty() {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (len, honorific) = match titles.prefix(rest) {
            Some((entry, len)) => (len, entry.tag("honorific") == Some("yes")),
            None => (word_end, false),
        };
        if !honorific {
            kept.push(&rest[..len]);
        }
        rest = rest[len..].trim_start();
    }
    (!kept.is_empty()).then(|| kept.join(" "))
}

#[cfg(test)]
mod tests {
    use super::{
        acts_for_a_titled_person, after_last_breaker, after_mood, is_acronym, spelled_out,
        stacked_titles, without_age,
    };
    use crate::compile::Lexicon;

    #[test]
    fn a_body_writes_its_initials_in_capitals() {
        assert!(is_acronym("NASA"));
        assert!(is_acronym("JCS"));
        assert!(is_acronym("AT&T"));
        assert!(!is_acronym("A"));
        assert!(!is_acronym("Nasa"));
        assert!(!is_acronym("INTERNATIONAL"));
    }

    #[test]
    fn a_mood_before_a_name_is_no_part_of_it() {
        let articles = Lexicon::of_words(false, &["the", "a", "an"]);
        let roles = Lexicon::of_words(false, &["mp", "captain"]);
        let cut = |m: &'static str| after_mood(m, Some(&articles), |w| roles.lookup(w).is_some());
        assert_eq!(cut("an emotional Okafor"), "Okafor");
        assert_eq!(cut("a visibly relieved Ana Ruiz"), "Ana Ruiz");
        assert_eq!(cut("the outgoing Labour MP"), "the outgoing Labour MP");
        assert_eq!(cut("the delighted captain"), "the delighted captain");
        assert_eq!(cut("Ana Ruiz"), "Ana Ruiz");
        assert_eq!(cut("the Conservative Party"), "the Conservative Party");
        assert_eq!(cut("a captain from Hull"), "a captain from Hull");
        assert_eq!(cut("a man from Leeds"), "a man from Leeds");
    }

    #[test]
    fn a_mention_starts_after_the_last_word_no_mention_holds() {
        let breakers = Lexicon::of_words(true, &["but", "which", "because"]);
        let who = crate::pack::lexicon::Entry {
            surface: "who".into(),
            canonical: None,
            tags: vec![("relative".into(), "yes".into())],
            line: 1,
        };
        let pronouns = Lexicon::build("pronouns".into(), true, vec![who]).expect("builds");
        let cut = |text: &'static str| -> &'static str {
            let r = after_last_breaker(text, 0..text.len(), &breakers, &pronouns);
            &text[r]
        };
        assert_eq!(cut("£17.4bn but chiefs"), "chiefs");
        assert_eq!(cut("which ministers"), "ministers");
        // A breaker that ends the mention leaves it whole (a relative pronoun speaks).
        assert_eq!(cut("which"), "which");
        // Inside the mention's own relative clause, it is the clause's.
        assert_eq!(
            cut("an official who spoke anonymously because of the talks"),
            "an official who spoke anonymously because of the talks"
        );
    }

    #[test]
    fn initials_stand_for_the_name_the_text_gave_before_them() {
        let articles = Lexicon::of_words(false, &["the", "a", "an"]);
        let prepositions = Lexicon::of_words(false, &["for", "of", "on"]);
        let and = Lexicon::of_words(true, &["and", "&"]);
        let text =
            "Talks stalled. The Office for Budget Responsibility (OBR) said so. The OBR said";
        let at = text.rfind("The OBR").unwrap();
        let spelled = |mention: &str, at: usize| {
            spelled_out(
                text,
                mention,
                at,
                Some(&articles),
                Some(&prepositions),
                Some(&and),
            )
        };
        assert_eq!(
            spelled("The OBR", at),
            Some("Office for Budget Responsibility")
        );
        assert_eq!(spelled("OBR", at), Some("Office for Budget Responsibility"));
        // Not before the initials are given, nor for words that are not initials.
        assert_eq!(spelled("The OBR", text.find("(OBR)").unwrap()), None);
        assert_eq!(spelled("The Office", at), None);
        assert_eq!(spelled("The IFS", at), None);
    }

    #[test]
    fn someone_who_acts_for_a_titled_person_is_not_that_person() {
        let roles = Lexicon::of_words(false, &["spokesman", "aide", "ambassador"]);
        let titles = Lexicon::of_words(false, &["Mayor", "Sen.", "President"]);
        let acts_for = |mention: &str| acts_for_a_titled_person(&roles, &titles, mention);
        assert!(acts_for("A spokesman for Mayor Frank Jackson"));
        assert!(acts_for("an aide to Sen. Ana Ruiz"));
        // No title after "to": the name is the speaker's own.
        assert!(!acts_for("ambassador to Japan Rahm Emanuel"));
        // A capitalised title before the name is no role of another's.
        assert!(!acts_for("President Ana Ruiz"));
        assert!(!acts_for("A spokesman for the mayor"));
    }

    #[test]
    fn stacked_titles_are_each_a_role() {
        let titles = Lexicon::of_words(true, &["Finance Minister", "Senator", "Minister"]);
        assert_eq!(
            stacked_titles(&titles, "Finance Minister Senator"),
            ["Finance Minister", "Senator"]
        );
        assert_eq!(stacked_titles(&titles, "Senator"), ["Senator"]);
        // A word that is no title's: no stack.
        assert!(stacked_titles(&titles, "Finance Minister and Senator").is_empty());
    }

    #[test]
    fn an_age_after_a_name_is_left_out_of_it() {
        let text = "The driver, Paul Whitaker, 51, told";
        let start = text.find("Paul").unwrap();
        let end = text.find(", told").unwrap();
        assert_eq!(&text[without_age(text, start..end)], "Paul Whitaker");
        // No age, or nothing but an age: the range stays as it is.
        let plain = text.find(", 51").unwrap();
        assert_eq!(without_age(text, start..plain), start..plain);
        let age = text.find("51").unwrap();
        assert_eq!(without_age(text, age..end), age..end);
        // A year is no age.
        let t = "Ana Ruiz, 2024";
        assert_eq!(without_age(t, 0..t.len()), 0..t.len());
    }
}
