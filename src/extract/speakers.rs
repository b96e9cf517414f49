//! Speakers: clean a captured mention, tell what it is, and resolve it to a name.
//!
//! Cleaning drops leading words the pack lists as never a speaker (`But Trump` →
//! `Trump`) and refuses a mention made only of them. Resolution walks the claims in
//! text order: a title is stripped from the name and kept as the role; a lone surname
//! takes the full name of an earlier speaker or person mention that contains it
//! (`Wei` → `Wei Jianguo`); a pronoun takes the name of the last speaker of its kind
//! (`he` → the last named person, `it` → the last organisation).

use std::ops::Range;

use super::{trim_range, Claim, Doc, Speaker, SpeakerClass};

const EDGE: &[char] = &[
    ',', '.', ';', ':', '"', '“', '”', '‘', '’', '\'', '(', ')', '—', '–',
];

/// A bare speaker for a mention; [`resolve`] fills in what it is.
pub(crate) fn mention(range: Range<usize>) -> Speaker {
    Speaker {
        mention: range,
        name: None,
        role: None,
        class: SpeakerClass::Person,
    }
}

/// The mention without edge punctuation and leading non-speaker words, or None if
/// nothing that can speak is left.
pub(crate) fn clean(doc: &Doc, range: Range<usize>) -> Option<Range<usize>> {
    let settings = doc.rules.speakers.as_ref()?;
    let mut r = trim_range(doc.text, range, EDGE);
    let pronouns = doc.rules.lexicon(settings.pronouns);
    if pronouns.lookup(&doc.text[r.clone()]).is_some() {
        return Some(r);
    }
    let not_speakers = doc.rules.lexicon(settings.not_speakers);
    loop {
        let s = &doc.text[r.clone()];
        if s.is_empty() || not_speakers.lookup(s).is_some() {
            return None;
        }
        match not_speakers.prefix(s) {
            Some((_, len)) if s[len..].starts_with(char::is_whitespace) => {
                r = trim_range(doc.text, r.start + len..r.end, EDGE);
            }
            _ => break,
        }
    }
    let s = &doc.text[r.clone()];
    s.chars().any(char::is_alphabetic).then_some(r)
}

/// A person named in the text, for resolving surnames and pronouns.
struct PersonMention {
    start: usize,
    name: String,
}

/// Fills in each claim's speaker class, name and role.
pub(crate) fn resolve(doc: &Doc, claims: &mut [Claim]) {
    let Some(settings) = &doc.rules.speakers else {
        return;
    };
    let rules = doc.rules;
    let titles = rules.lexicon(settings.titles);
    let pronouns = rules.lexicon(settings.pronouns);
    let roles = rules.lexicon(settings.roles);
    let is_org = |s: &str| {
        settings
            .organisations
            .iter()
            .any(|&l| rules.lexicon(l).occurs_in(s))
    };

    let mentions: Vec<PersonMention> = settings
        .person_name
        .captures_iter(doc.text)
        .filter_map(|c| {
            let m = c.name("name").or_else(|| c.get(0))?;
            let name = strip_titles(titles, m.as_str()).trim();
            (!is_org(name) && name.contains(' ')).then(|| PersonMention {
                start: m.start(),
                name: name.to_string(),
            })
        })
        .collect();

    let mut order: Vec<usize> = (0..claims.len())
        .filter(|&i| claims[i].speaker.is_some())
        .collect();
    order.sort_by_key(|&i| claims[i].speaker.as_ref().map_or(0, |s| s.mention.start));
    let mut named: Vec<(usize, String)> = Vec::new(); // full names of person speakers so far
    let mut last_person: Option<(usize, String)> = None;
    let mut last_org: Option<String> = None;
    let mut last_group: Option<String> = None;
    // Claims that share a mention (inherited speakers) are resolved once.
    let mut done: Vec<(Range<usize>, Speaker)> = Vec::new();
    for i in order {
        let claim = &mut claims[i];
        let Some(sp) = claim.speaker.as_mut() else {
            continue;
        };
        if let Some((_, resolved)) = done.iter().find(|(r, _)| *r == sp.mention) {
            let role = sp.role.clone();
            *sp = resolved.clone();
            if role.is_some() {
                sp.role = role;
            }
            continue;
        }
        let text = &doc.text[sp.mention.clone()];
        let role_text = claim
            .role_span
            .as_ref()
            .map(|r| doc.text[r.clone()].to_string());
        if let Some(entry) = pronouns.lookup(text) {
            sp.class = SpeakerClass::Pronoun;
            sp.name = match entry.canonical.as_deref() {
                Some("organisation") => last_org.clone(),
                Some("group") => last_group.clone().or_else(|| last_org.clone()),
                // The last named person speaker; failing one, the last person named in the text.
                _ => last_person.as_ref().map(|(_, n)| n.clone()).or_else(|| {
                    mentions
                        .iter()
                        .rev()
                        .find(|m| m.start < sp.mention.start)
                        .map(|m| m.name.clone())
                }),
            };
            sp.role = role_text;
        } else {
            let core = strip_titles(titles, text).trim();
            let title = text[..text.len() - core.len()].trim();
            sp.role = role_text.or_else(|| (!title.is_empty()).then(|| title.to_string()));
            if is_org(core) {
                sp.class = SpeakerClass::Organisation;
                sp.name = Some(core.to_string());
                last_org = Some(core.to_string());
                last_group = Some(core.to_string());
            } else if core.starts_with(|c: char| c.is_lowercase())
                || core.split_whitespace().last().is_some_and(|w| {
                    roles.lookup(w).is_some() && !w.starts_with(char::is_uppercase)
                })
            {
                sp.class = SpeakerClass::Unnamed;
                sp.name = None;
                let plural = core
                    .split_whitespace()
                    .last()
                    .and_then(|w| roles.lookup(w))
                    .and_then(|e| e.tag("number"))
                    == Some("plural");
                if plural {
                    last_group = Some(core.to_string());
                }
            } else {
                sp.class = SpeakerClass::Person;
                let full = if core.contains(' ') {
                    core.to_string()
                } else {
                    full_name(core, &named, &mentions, sp.mention.start)
                        .unwrap_or_else(|| core.to_string())
                };
                named.push((sp.mention.start, full.clone()));
                last_person = Some((sp.mention.start, full.clone()));
                sp.name = Some(full);
            }
        }
        done.push((sp.mention.clone(), sp.clone()));
    }
}

/// The full name an earlier speaker or mention gives a lone surname.
fn full_name(
    surname: &str,
    named: &[(usize, String)],
    mentions: &[PersonMention],
    before: usize,
) -> Option<String> {
    // A possessive ("China's April curbs") is no one's name.
    let has_word = |full: &str| {
        !full.contains("'s ")
            && !full.contains("’s ")
            && full.split_whitespace().any(|w| w == surname)
    };
    named
        .iter()
        .find(|(_, n)| n.contains(' ') && has_word(n))
        .map(|(_, n)| n.clone())
        .or_else(|| {
            mentions
                .iter()
                .take_while(|m| m.start < before)
                .find(|m| has_word(&m.name))
                .map(|m| m.name.clone())
        })
}

/// The text without leading titles (`Vice Premier He Lifeng` → `He Lifeng`).
fn strip_titles<'t>(titles: &crate::compile::Lexicon, mut text: &'t str) -> &'t str {
    while let Some((_, len)) = titles.prefix(text) {
        let rest = &text[len..];
        if !rest.starts_with(char::is_whitespace) || rest.trim().is_empty() {
            break;
        }
        text = rest.trim_start();
    }
    text
}
