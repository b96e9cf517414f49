//! Lexicons compiled into Aho-Corasick automata.
//!
//! A lexicon answers two questions fast: "is this text an entry, and which?" (an
//! anchored, leftmost-longest search that must cover the whole text) and "where do
//! entries occur in this document?" (the same automaton, unanchored, with a
//! word-boundary check). ASCII case is folded unless the lexicon is case-sensitive;
//! aho-corasick folds ASCII only, so `É` and `é` stay distinct.

use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

use crate::pack::lexicon::Entry;

#[derive(Debug)]
pub struct Lexicon {
    pub name: String,
    pub case_sensitive: bool,
    pub entries: Vec<Entry>,
    automaton: AhoCorasick,
    /// The entries as a trie, for regexes ([`Lexicon::to_regex`]) and for the
    /// backtracking matcher, which walks it ([`Trie::ends`]).
    trie: Arc<Trie>,
}

impl Lexicon {
    pub fn build(
        name: String,
        case_sensitive: bool,
        mut entries: Vec<Entry>,
    ) -> Result<Lexicon, String> {
        // Anchored lookups of short strings (a unit, a title, a number word) are all it
        // runs: the crate's own choice (a contiguous NFA for a large lexicon) is as fast
        // there as a DFA, and a fraction of its size and build time.
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(!case_sensitive)
            .start_kind(StartKind::Both)
            .build(entries.iter().map(|e| e.surface.as_str()))
            .map_err(|e| e.to_string())?;
        let mut trie = Trie {
            fold_case: !case_sensitive,
            ..Trie::default()
        };
        for e in &entries {
            trie.insert(&e.surface, !case_sensitive);
        }
        trie.index();
        entries.shrink_to_fit();
        Ok(Lexicon {
            name,
            case_sensitive,
            entries,
            automaton,
            trie: Arc::new(trie),
        })
    }

    /// The first words of its entries, each once, when a match of the lexicon must
    /// begin with one of them as written: for a case-sensitive lexicon (a folding one
    /// matches letters beyond ASCII that an automaton would not).
    pub fn first_words(&self) -> Option<Vec<String>> {
        if !self.case_sensitive {
            return None;
        }
        let mut words: Vec<String> = Vec::with_capacity(self.entries.len());
        let mut seen = std::collections::HashSet::new();
        for entry in &self.entries {
            let first = entry.surface.split(char::is_whitespace).next()?;
            if first.is_empty() {
                return None;
            }
            if seen.insert(first) {
                words.push(first.to_string());
            }
        }
        (!words.is_empty()).then_some(words)
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

    /// A regex matching any entry, the longest first where several match.
    ///
    /// The entries are written as a trie (`sa(?:id|ys|ying)`), not as a flat
    /// alternation: at each point the regex engine then chooses among the few
    /// characters that may come next instead of among every entry, which makes the
    /// automata of the patterns that use the lexicon many times smaller and faster to
    /// build and to run. It matches what the flat alternation of the entries sorted
    /// longest first matches, in the same order of preference: entries that match at
    /// one place lie on one path of the trie, and each node prefers going deeper to
    /// ending there.
    pub fn to_regex(&self) -> String {
        if self.trie.children.is_empty() {
            // An empty lexicon matches nothing.
            return r"[^\s\S]".to_string();
        }
        let mut body = String::new();
        self.trie.write(&mut body);
        if self.case_sensitive {
            format!("(?:{body})")
        } else {
            format!("(?i:{body})")
        }
    }
}

/// What one edge of a lexicon's trie matches: a character, or the white space
/// between the words of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Char(char),
    Space,
}

/// A lexicon's entries as a tree of characters; each node lists its children in the
/// order the entries were first written.
#[derive(Debug, Default)]
pub struct Trie {
    children: Vec<(Step, Trie)>,
    /// For a node with many children: the child each ASCII character (either case,
    /// when folding) leads to, `NO_CHILD` for none. Without it, a walk compares the
    /// character with each child in turn.
    by_ascii: Option<Box<[u16; 128]>>,
    /// Whether an entry ends here.
    end: bool,
    /// Whether matching folds case (set on the root only).
    fold_case: bool,
}

impl Trie {
    fn insert(&mut self, surface: &str, fold_case: bool) {
        let mut node = self;
        for (i, word) in surface.split(' ').enumerate() {
            let steps = (i > 0)
                .then_some(Step::Space)
                .into_iter()
                .chain(word.chars().map(Step::Char));
            for step in steps {
                let same = |s: &Step| match (s, step) {
                    (Step::Char(a), Step::Char(b)) if fold_case => a.eq_ignore_ascii_case(&b),
                    (a, b) => *a == b,
                };
                let at = match node.children.iter().position(|(s, _)| same(s)) {
                    Some(at) => at,
                    None => {
                        // Most nodes have one child: room for exactly that, not the
                        // four a growing vector would make.
                        node.children.reserve_exact(1);
                        node.children.push((step, Trie::default()));
                        node.children.len() - 1
                    }
                };
                node = &mut node.children[at].1;
            }
        }
        node.end = true;
    }

    /// Builds the ASCII index of every node with more than a few children.
    fn index(&mut self) {
        const MIN_CHILDREN: usize = 4;
        // Nodes with several children keep no room to grow.
        self.children.shrink_to_fit();
        // A folded Kelvin sign would match `k` too: such a node keeps comparing.
        let kelvin = self.fold_case
            && self
                .children
                .iter()
                .any(|(s, _)| matches!(s, Step::Char(KELVIN)));
        if self.children.len() >= MIN_CHILDREN && self.children.len() < NO_CHILD as usize && !kelvin
        {
            let mut by_ascii = Box::new([NO_CHILD; 128]);
            for (i, (step, _)) in self.children.iter().enumerate() {
                if let Step::Char(c) = *step {
                    if c.is_ascii() {
                        let mut mark = |c: char| {
                            let slot = &mut by_ascii[c as usize];
                            if *slot == NO_CHILD {
                                *slot = i as u16;
                            }
                        };
                        mark(c);
                        if self.fold_case {
                            mark(c.to_ascii_lowercase());
                            mark(c.to_ascii_uppercase());
                        }
                    }
                }
            }
            self.by_ascii = Some(by_ascii);
        }
        let fold_case = self.fold_case;
        for (_, child) in &mut self.children {
            child.fold_case = fold_case;
            child.index();
        }
    }

    /// Writes the regex of the entries below this node (without what led here).
    fn write(&self, out: &mut String) {
        let branches = self.children.len() + usize::from(self.end);
        if branches > 1 {
            out.push_str("(?:");
        }
        for (i, (step, child)) in self.children.iter().enumerate() {
            if i > 0 {
                out.push('|');
            }
            match step {
                Step::Char(c) => out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
                Step::Space => out.push_str(r"\s+"),
            }
            child.write(out);
        }
        if branches > 1 {
            // Ending here is the last choice: the longer entries are preferred.
            if self.end {
                out.push('|');
            }
            out.push(')');
        }
    }
}

impl Lexicon {
    /// The entries as a trie, shared with the matchers that walk it.
    pub fn trie(&self) -> Arc<Trie> {
        Arc::clone(&self.trie)
    }
}

impl Trie {
    /// Where the entries that match `hay` at `at` end, in the order the lexicon's regex
    /// ([`Lexicon::to_regex`]) prefers them: the first child's entries before the
    /// second's, longer before shorter on one path. A space in an entry matches a run
    /// of white space; case folds as `(?i)` does when the lexicon is not
    /// case-sensitive.
    pub fn ends(&self, hay: &str, at: usize, out: &mut Vec<usize>) {
        self.ends_from(hay, at, at, self.fold_case, out);
    }

    /// Whether some entry matches `hay` at `at`: [`Trie::ends`] that stops at the first
    /// end it finds.
    pub fn matches_at(&self, hay: &str, at: usize) -> bool {
        self.any_end_from(hay, at, at)
    }

    fn any_end_from(&self, hay: &str, start: usize, at: usize) -> bool {
        if self.end && at > start {
            return true;
        }
        let Some(c) = hay[at..].chars().next() else {
            return false;
        };
        if let Some(by_ascii) = &self.by_ascii {
            if c.is_ascii() && !c.is_ascii_whitespace() {
                return self
                    .children
                    .get(by_ascii[c as usize] as usize)
                    .is_some_and(|(_, child)| child.any_end_from(hay, start, at + 1));
            }
        }
        self.children.iter().any(|(step, child)| {
            step_end(step, hay, at, c, self.fold_case)
                .is_some_and(|next| child.any_end_from(hay, start, next))
        })
    }

    /// The most bytes an entry may match: None when one has more than one word (the
    /// space between words matches a run of white space of any length). A character
    /// is counted as four bytes, as case folding may change its width.
    pub fn max_len(&self) -> Option<usize> {
        self.children
            .iter()
            .try_fold(0, |most, (step, child)| match step {
                Step::Char(_) => Some(most.max(4 + child.max_len()?)),
                Step::Space => None,
            })
    }

    /// The characters entries start with.
    pub fn first_chars(&self) -> impl Iterator<Item = char> + '_ {
        self.children.iter().filter_map(|(step, _)| match step {
            Step::Char(c) => Some(*c),
            Step::Space => None,
        })
    }

    fn ends_from(&self, hay: &str, start: usize, at: usize, fold: bool, out: &mut Vec<usize>) {
        if let Some(c) = hay[at..].chars().next() {
            match &self.by_ascii {
                // An ASCII character that is not white space leads to one child at most.
                Some(by_ascii) if c.is_ascii() && !c.is_ascii_whitespace() => {
                    if let Some((_, child)) = self.children.get(by_ascii[c as usize] as usize) {
                        child.ends_from(hay, start, at + 1, fold, out);
                    }
                }
                _ => self.ends_through_children(hay, start, at, c, fold, out),
            }
        }
        if self.end && at > start {
            out.push(at);
        }
    }

    /// [`Trie::ends_from`] comparing `c`, the character at `at`, with each child.
    fn ends_through_children(
        &self,
        hay: &str,
        start: usize,
        at: usize,
        c: char,
        fold: bool,
        out: &mut Vec<usize>,
    ) {
        for (step, child) in &self.children {
            if let Some(next) = step_end(step, hay, at, c, fold) {
                child.ends_from(hay, start, next, fold, out);
            }
        }
    }
}

/// Where `step` ends when it reads `hay` at `at`, whose character is `c`; None if it
/// does not match there. A space step reads a run of white space.
fn step_end(step: &Step, hay: &str, at: usize, c: char, fold: bool) -> Option<usize> {
    match *step {
        Step::Char(x) if x == c || (fold && same_folded(x, c)) => Some(at + c.len_utf8()),
        Step::Space if c.is_whitespace() => {
            let rest = &hay[at..];
            Some(
                at + rest
                    .char_indices()
                    .find(|(_, ch)| !ch.is_whitespace())
                    .map_or(rest.len(), |(i, _)| i),
            )
        }
        _ => None,
    }
}

/// Whether two characters are equal under the simple case folding of `(?i)`.
fn same_folded(a: char, b: char) -> bool {
    match (a.is_ascii(), b.is_ascii()) {
        (true, true) => a.eq_ignore_ascii_case(&b),
        // Of the characters beyond ASCII, only the Kelvin sign lowercases to an ASCII
        // letter.
        (true, false) => b == KELVIN && a.eq_ignore_ascii_case(&'k'),
        (false, true) => a == KELVIN && b.eq_ignore_ascii_case(&'k'),
        (false, false) => a.to_lowercase().eq(b.to_lowercase()),
    }
}

/// Whether a match at `at` starts a word: no letter or digit before it, or it opens
/// with a mark ("$", "£").
fn starts_a_word(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let first = text[at..].chars().next();
    before.is_none_or(|c| !c.is_alphanumeric()) || !first.is_some_and(char::is_alphanumeric)
}

const KELVIN: char = '\u{212A}';
const NO_CHILD: u16 = u16::MAX;

impl Lexicon {
    /// How many times the automaton finds an entry in `text` (for benchmarks).
    pub fn count_in(&self, text: &str) -> usize {
        self.automaton.find_iter(text).count()
    }

    /// The entries that occur in `text`, each where it starts a word and ends before
    /// a letter (a digit may follow: "A$1.2bn").
    pub fn entries_in<'a>(&'a self, text: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.automaton.find_iter(text).filter_map(move |m| {
            let after = text[m.end()..].chars().next();
            let ends = after.is_none_or(|c| !c.is_alphabetic());
            (starts_a_word(text, m.start()) && ends).then(|| &self.entries[m.pattern().as_usize()])
        })
    }

    /// Whether some entry occurs in `text` as whole words. An entry tagged
    /// `given-name=yes` does not where a capitalised word follows it ("Dawn Pickersgill"
    /// is no newspaper), nor one tagged `surname=yes` where one comes before it ("Michael
    /// Bloomberg").
    pub fn occurs_in(&self, text: &str) -> bool {
        self.automaton.find_iter(text).any(|m| {
            let after = text[m.end()..].chars().next();
            let last = text[..m.end()].chars().next_back();
            let starts = starts_a_word(text, m.start());
            let ends = after.is_none_or(|c| !c.is_alphanumeric())
                || !last.is_some_and(char::is_alphanumeric);
            let entry = &self.entries[m.pattern().as_usize()];
            let capitalised =
                |word: Option<&str>| word.is_some_and(|w| w.starts_with(char::is_uppercase));
            let name_after = entry.tag("given-name") == Some("yes")
                && capitalised(text[m.end()..].split_whitespace().next());
            let name_before = entry.tag("surname") == Some("yes")
                && capitalised(text[..m.start()].split_whitespace().next_back());
            starts && ends && !name_after && !name_before
        })
    }
}

#[cfg(test)]
impl Lexicon {
    /// A lexicon of the given entries, for unit tests.
    pub(crate) fn of_words(case_sensitive: bool, surfaces: &[&str]) -> Lexicon {
        let entries = surfaces
            .iter()
            .enumerate()
            .map(|(line, s)| Entry {
                surface: s.to_string(),
                canonical: None,
                tags: Vec::new(),
                line,
            })
            .collect();
        Lexicon::build("test".into(), case_sensitive, entries).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(case_sensitive: bool, surfaces: &[&str]) -> Lexicon {
        Lexicon::of_words(case_sensitive, surfaces)
    }

    #[test]
    fn an_entry_that_is_also_a_name_does_not_occur_inside_a_name() {
        let tagged = |surface: &str, tag: &str| Entry {
            surface: surface.into(),
            canonical: None,
            tags: vec![(tag.into(), "yes".into())],
            line: 1,
        };
        let entries = vec![tagged("Dawn", "given-name"), tagged("Bloomberg", "surname")];
        let outlets = Lexicon::build("outlets".into(), true, entries).unwrap();
        assert!(outlets.occurs_in("Dawn"));
        assert!(outlets.occurs_in("the newspaper Dawn"));
        assert!(!outlets.occurs_in("Dawn Pickersgill"));
        assert!(outlets.occurs_in("Bloomberg"));
        assert!(outlets.occurs_in("Bloomberg News"));
        assert!(!outlets.occurs_in("Michael Bloomberg"));
    }

    /// The flat alternation of the entries, longest first: what the trie must equal.
    fn flat(lex: &Lexicon) -> String {
        let mut surfaces: Vec<&str> = lex.entries.iter().map(|e| e.surface.as_str()).collect();
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
        let flags = if lex.case_sensitive { "" } else { "i" };
        format!("(?{flags}:{alternation})")
    }

    #[test]
    fn the_trie_matches_what_the_flat_alternation_matches() {
        let surfaces = [
            "say",
            "said",
            "says",
            "saying",
            "has",
            "has long",
            "has  since",
            "s",
            "U.S.",
        ];
        let texts = [
            "he has  long said",
            "Saying so",
            "says",
            "has since",
            "sa",
            "HAS LONG",
            "U.S. says",
            "us",
            "said.",
            "has\nlong",
            "has longer",
        ];
        for case_sensitive in [true, false] {
            let lex = lexicon(case_sensitive, &surfaces);
            let trie = lex.to_regex();
            // Followed by more pattern, so a shorter entry must be tried when a longer
            // one leaves the rest unmatched.
            for tail in ["", r"\b", r"\s+\w+", r"\w"] {
                let a = regex::Regex::new(&format!("(?<x>{trie}){tail}")).unwrap();
                let b = regex::Regex::new(&format!("(?<x>{}){tail}", flat(&lex))).unwrap();
                for text in texts {
                    let got = a
                        .captures(text)
                        .map(|c| (c.get(0).unwrap().range(), c["x"].to_string()));
                    let want = b
                        .captures(text)
                        .map(|c| (c.get(0).unwrap().range(), c["x"].to_string()));
                    assert_eq!(
                        got, want,
                        "{text:?} with tail {tail:?}, case_sensitive={case_sensitive}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_walk_ends_where_the_alternation_does_and_the_quick_test_agrees() {
        // Wide nodes (the first letters, `sa…`) are read through the ASCII index.
        let surfaces = [
            "say",
            "said",
            "says",
            "has long",
            "has  since",
            "U.S.",
            "about",
            "around",
            "nearly",
            "over",
            "more than",
            "up to",
            "some",
            "Ünal",
            "K9",
        ];
        let texts = [
            "He has  long said",
            "SAYS",
            "Up\tto 5",
            "ünal",
            "\u{212A}9 units",
            "sa",
            "über",
        ];
        for case_sensitive in [true, false] {
            let lex = lexicon(case_sensitive, &surfaces);
            let flat = regex::Regex::new(&format!("^(?:{})", flat(&lex))).unwrap();
            for text in texts {
                for at in (0..text.len()).filter(|&at| text.is_char_boundary(at)) {
                    let mut ends = Vec::new();
                    lex.trie.ends(text, at, &mut ends);
                    assert_eq!(
                        lex.trie.matches_at(text, at),
                        !ends.is_empty(),
                        "{text:?} at {at}"
                    );
                    // The longest entry is the one the alternation (longest first) takes.
                    let longest = ends.iter().max().map(|&e| e - at);
                    let want = flat.find(&text[at..]).map(|m| m.end());
                    assert_eq!(
                        longest, want,
                        "{text:?} at {at}, case_sensitive={case_sensitive}"
                    );
                }
            }
        }
    }

    #[test]
    fn an_empty_lexicon_matches_nothing() {
        let lex = lexicon(true, &[]);
        assert!(!regex::Regex::new(&lex.to_regex())
            .unwrap()
            .is_match("anything"));
    }
}
