//! Lexicons compiled into Aho-Corasick automata.
//!
//! A lexicon answers two questions fast: "is this text an entry, and which?" (an
//! anchored, leftmost-longest search that must cover the whole text) and "where do
//! entries occur in this document?" (the same automaton, unanchored, with a
//! word-boundary check). ASCII case is folded unless the lexicon is case-sensitive;
//! aho-corasick folds ASCII only, so `É` and `é` stay distinct.

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

use crate::pack::lexicon::Entry;

#[derive(Debug)]
pub struct Lexicon {
    pub name: String,
    pub case_sensitive: bool,
    pub entries: Vec<Entry>,
    automaton: AhoCorasick,
}

impl Lexicon {
    pub fn build(
        name: String,
        case_sensitive: bool,
        entries: Vec<Entry>,
    ) -> Result<Lexicon, String> {
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(!case_sensitive)
            .start_kind(StartKind::Both)
            .kind(Some(AhoCorasickKind::DFA))
            .build(entries.iter().map(|e| e.surface.as_str()))
            .or_else(|_| {
                // A very large lexicon may not fit a DFA; the contiguous NFA always does.
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .ascii_case_insensitive(!case_sensitive)
                    .start_kind(StartKind::Both)
                    .build(entries.iter().map(|e| e.surface.as_str()))
            })
            .map_err(|e| e.to_string())?;
        Ok(Lexicon {
            name,
            case_sensitive,
            entries,
            automaton,
        })
    }

    /// The entry that is exactly `text` (whitespace runs count as one space).
    pub fn lookup(&self, text: &str) -> Option<&Entry> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        if text.contains(|c: char| c.is_whitespace() && c != ' ') || text.contains("  ") {
            let norm = text.split_whitespace().collect::<Vec<_>>().join(" ");
            return self.lookup_exact(&norm);
        }
        self.lookup_exact(text)
    }

    fn lookup_exact(&self, text: &str) -> Option<&Entry> {
        let m = self
            .automaton
            .find(Input::new(text).anchored(Anchored::Yes))?;
        (m.end() == text.len()).then(|| &self.entries[m.pattern().as_usize()])
    }

    /// The longest entry that `text` starts with, if it ends at a word boundary.
    pub fn prefix(&self, text: &str) -> Option<(&Entry, usize)> {
        let m = self
            .automaton
            .find(Input::new(text).anchored(Anchored::Yes))?;
        let ends_word = text[m.end()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
            || !text[..m.end()]
                .chars()
                .last()
                .is_some_and(char::is_alphanumeric);
        ends_word.then(|| (&self.entries[m.pattern().as_usize()], m.end()))
    }

    /// The regex alternation matching any entry, longest first.
    pub fn to_regex(&self) -> String {
        let mut surfaces: Vec<&str> = self.entries.iter().map(|e| e.surface.as_str()).collect();
        surfaces.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let alternation = surfaces
            .iter()
            .map(|s| {
                s.split(' ')
                    .map(regex::escape)
                    .collect::<Vec<_>>()
                    .join(r"\s+")
            })
            .collect::<Vec<_>>()
            .join("|");
        if alternation.is_empty() {
            // An empty lexicon matches nothing.
            return r"[^\s\S]".to_string();
        }
        if self.case_sensitive {
            format!("(?:{alternation})")
        } else {
            format!("(?i:{alternation})")
        }
    }
}

impl Lexicon {
    /// How many times the automaton finds an entry in `text` (for benchmarks).
    pub fn count_in(&self, text: &str) -> usize {
        self.automaton.find_iter(text).count()
    }

    /// Whether some entry occurs in `text` as whole words.
    pub fn occurs_in(&self, text: &str) -> bool {
        self.automaton.find_iter(text).any(|m| {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            let first = text[m.start()..].chars().next();
            let last = text[..m.end()].chars().next_back();
            let starts = before.is_none_or(|c| !c.is_alphanumeric())
                || !first.is_some_and(char::is_alphanumeric);
            let ends = after.is_none_or(|c| !c.is_alphanumeric())
                || !last.is_some_and(char::is_alphanumeric);
            starts && ends
        })
    }
}
