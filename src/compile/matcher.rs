//! Matchers: how a rule's pattern is run, chosen when the pack is compiled.
//!
//! A claim or attribution pattern is mostly lexicons: a speaker (names, titles,
//! organisations, role nouns) around a cue verb (hundreds of forms). It runs on the
//! backtracking matcher (`compile/backtrack.rs`), in which a lexicon is one instruction,
//! and the compiler looks for an **anchor**: a part of the pattern that every match must
//! contain, at the top level, whose text is one of a finite set of literals of two or
//! more characters (typically `(?<cue>@cue-verb)`). The pattern is split there into a
//! *head* (before the anchor) and a *tail* (the anchor and what follows). A search then
//!
//! 1. finds where the anchor's literals occur, with one Aho-Corasick automaton (shared by
//!    every rule with the same literals);
//! 2. at each such place, matches the tail anchored there (most places fail at once);
//! 3. finds the leftmost start from which the head ends exactly there;
//!
//! and keeps the match that starts first (of equal starts, the first anchor's). The
//! rules tried on one window share the anchors' hits ([`AnchorHits`]), found in one scan
//! of the window by the automaton of all the pack's anchor literals ([`AnchorIndex`]).
//! Figure rules run
//! over whole texts, their programs tried only where one of their start atoms holds
//! (`super::starts`); a pattern without start atoms has the regex crate's DFA find each
//! match and the program, run on that span, give its groups. The regex crate also runs
//! a pattern where a window is too long for the program's memory; those regexes, with
//! the lexicons written out, compile on first use.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;
use regex_automata::{meta, Anchored, Input};
use regex_syntax::ast::{self, Ast};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

use super::backtrack::{Found, Lexicons, Needed, Program, StartAtom};
use super::classes::{sets_flags, ClassPlaceholders};
use super::defines::{holds_define, placeholder_in, Defines};

/// A rule's compiled pattern. `Send + Sync`: compiled once, shared by all threads.
#[derive(Debug)]
pub struct Matcher {
    /// The pattern as compiled: references expanded, scripts applied, lexicons written
    /// out (on first use: only the regex crate and `explain` read it).
    source: OnceLock<String>,
    names: Vec<String>,
    whole: OnceLock<Option<Regex>>,
    windowed: bool,
    split: Option<Split>,
    /// Whether every match starts where the searched text does (`^…`).
    start_anchored: bool,
    /// The pattern with its lexicons as groups, and the lexicons, from which the
    /// program for the backtracking matcher is compiled on first use.
    grouped: Option<(String, Arc<Lexicons>)>,
    program: OnceLock<Result<Program, String>>,
    /// What every match holds: a sentence (for a claim or attribution pattern) or a text
    /// (for a whole-text pattern, see [`Matcher::may_match_text`]) in which one of them
    /// cannot occur is not searched (see [`Lexicons::may_occur`]).
    required: Vec<Needed>,
}

/// The anchors of a pack's patterns, one per set of literals: rules that anchor on the
/// same lexicon share one, and [`Anchors::index`] puts them all in one automaton.
/// Shared by the threads that compile a pack's rules.
#[derive(Debug, Default)]
pub(crate) struct Anchors {
    /// Each set of literals an anchor is made of, and its anchor.
    anchors: Mutex<HashMap<Vec<String>, Anchor>>,
    /// The literals of each anchor part written so far (lexicon groups numbered
    /// alike), as working them out means parsing the lexicons' regexes.
    literals: Mutex<HashMap<String, Option<Vec<String>>>>,
}

impl Anchors {
    /// The literals of an anchor part keyed `key`, worked out by `find` the first time.
    fn literals(
        &self,
        key: String,
        find: impl FnOnce() -> Option<Vec<String>>,
    ) -> Option<Vec<String>> {
        if let Some(known) = lock(&self.literals).get(&key) {
            return known.clone();
        }
        let found = find();
        lock(&self.literals).insert(key, found.clone());
        found
    }

    /// The anchor of `literals`, numbered the first time they are asked for.
    fn anchor(&self, literals: Vec<String>) -> Anchor {
        let mut anchors = lock(&self.anchors);
        if let Some(known) = anchors.get(&literals) {
            return known.clone();
        }
        let anchor = Anchor {
            own: Arc::new(OwnAutomaton {
                literals: literals.clone(),
                automaton: OnceLock::new(),
            }),
            id: anchors.len() as u32,
        };
        anchors.insert(literals, anchor.clone());
        anchor
    }

    /// All the anchors' literals in one automaton (see [`AnchorIndex`]).
    pub(crate) fn index(&self) -> Option<AnchorIndex> {
        let anchors = lock(&self.anchors);
        let mut literal_ids: HashMap<&str, usize> = HashMap::new();
        let mut literals: Vec<&str> = Vec::new();
        let mut members: Vec<Vec<u32>> = Vec::new();
        for (set, anchor) in anchors.iter() {
            for literal in set {
                let k = *literal_ids.entry(literal).or_insert_with(|| {
                    literals.push(literal);
                    members.push(Vec::new());
                    literals.len() - 1
                });
                if !members[k].contains(&anchor.id) {
                    members[k].push(anchor.id);
                }
            }
        }
        let automaton = literal_automaton(&literals)?;
        Some(AnchorIndex {
            automaton,
            members,
            anchors: anchors.len(),
        })
    }
}

/// One anchor: its literals and its number among the pack's anchors.
#[derive(Debug, Clone)]
pub(crate) struct Anchor {
    own: Arc<OwnAutomaton>,
    id: u32,
}

/// An anchor's literals, and their own automaton for a search without the pack's
/// [`AnchorIndex`] (`explain`, a rule searched alone), built on first use.
#[derive(Debug)]
struct OwnAutomaton {
    literals: Vec<String>,
    automaton: OnceLock<Option<AhoCorasick>>,
}

impl OwnAutomaton {
    fn get(&self) -> Option<&AhoCorasick> {
        self.automaton
            .get_or_init(|| literal_automaton(&self.literals))
            .as_ref()
    }
}

/// An automaton that finds every occurrence of `literals`, overlapping ones too. A
/// contiguous NFA, not a DFA: the DFAs of the cue lexicons' literal sets took 8% of
/// start-up to build, and scan sentences only about 3% faster.
fn literal_automaton<S: AsRef<[u8]>>(literals: &[S]) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(literals)
        .ok()
}

/// The literals of all a pack's anchors in one automaton, each with the anchors it
/// belongs to: a window is scanned once for the hits of every anchor, rather than once
/// for each anchor a rule tried on it asks about (see [`AnchorHits`]).
#[derive(Debug)]
pub struct AnchorIndex {
    automaton: AhoCorasick,
    /// For each literal of the automaton, the anchors that hold it.
    members: Vec<Vec<u32>>,
    anchors: usize,
}

impl AnchorIndex {
    /// How many literals of any anchor occur in `hay` (for benchmarks).
    pub fn count(&self, hay: &str) -> usize {
        self.automaton.find_overlapping_iter(hay).count()
    }

    /// Where each anchor's literals start in `hay`, in order, once each.
    fn scan(&self, hay: &str) -> Vec<Vec<usize>> {
        let mut starts = vec![Vec::new(); self.anchors];
        for m in self.automaton.find_overlapping_iter(hay) {
            for &id in &self.members[m.pattern().as_usize()] {
                starts[id as usize].push(m.start());
            }
        }
        for one in &mut starts {
            one.sort_unstable();
            one.dedup();
        }
        starts
    }
}

/// A lock whose holder cannot have left its map half-written (inserts only).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[derive(Debug)]
struct Split {
    anchor: Anchor,
    /// `(?:head)(?s:.)$`, or nothing when the anchor opens the pattern. Both halves
    /// are kept with their lexicons as groups, written out only if a regex is built.
    head_source: Option<String>,
    tail_source: String,
    lexicons: Option<Arc<Lexicons>>,
    head_program: Option<Program>,
    tail_program: Option<Program>,
    head: OnceLock<Option<meta::Regex>>,
    tail: OnceLock<Option<meta::Regex>>,
}

/// Where the anchor automata found their literals in one window, kept for the other
/// rules tried on it: with the pack's [`AnchorIndex`], the window is scanned once for
/// all anchors; without it, once for each anchor asked about (rules that anchor on the
/// same lexicon share one). Valid for one haystack only.
#[derive(Debug, Default)]
pub struct AnchorHits {
    index: Option<Arc<AnchorIndex>>,
    /// Each anchor's starts in the window, once the index has scanned it.
    by_anchor: Option<Vec<Vec<usize>>>,
    /// (anchor, where its literals start in the window), in the order first asked,
    /// without an index.
    found: Vec<(u32, Vec<usize>)>,
    /// (lexicon, whether it may occur in the window), in the order first asked.
    present: Vec<(u32, bool)>,
}

impl AnchorHits {
    /// Hits for one window, found with `index` where there is one.
    pub fn new(index: Option<Arc<AnchorIndex>>) -> AnchorHits {
        AnchorHits {
            index,
            ..AnchorHits::default()
        }
    }

    /// Whether lexicon `i` may occur in `hay`, worked out once per window.
    fn may_occur(&mut self, lexicons: &Lexicons, i: u32, hay: &str) -> bool {
        if let Some(&(_, known)) = self.present.iter().find(|(l, _)| *l == i) {
            return known;
        }
        let may = lexicons.may_occur(i, hay);
        self.present.push((i, may));
        may
    }

    /// Where `anchor`'s literals start in `hay` at or after `from`, in order, once each.
    fn starts(&mut self, anchor: &Anchor, hay: &str, from: usize) -> &[usize] {
        let all = match &self.index {
            Some(index) if (anchor.id as usize) < index.anchors => {
                &self.by_anchor.get_or_insert_with(|| index.scan(hay))[anchor.id as usize]
            }
            _ => {
                let found = &mut self.found;
                let at = match found.iter().position(|(id, _)| *id == anchor.id) {
                    Some(at) => at,
                    None => {
                        found.push((anchor.id, anchor.starts(hay, 0)));
                        found.len() - 1
                    }
                };
                &found[at].1
            }
        };
        &all[all.partition_point(|&s| s < from)..]
    }
}

impl Anchor {
    /// Where the anchor's literals start in `hay` from `from` on, in order, once each
    /// (none where its automaton could not be built).
    fn starts(&self, hay: &str, from: usize) -> Vec<usize> {
        self.own
            .get()
            .map_or_else(Vec::new, |a| literal_starts(a, hay, from))
    }
}

/// Where `anchor`'s literals start in `hay` from `from` on, in order, once each.
fn literal_starts(anchor: &AhoCorasick, hay: &str, from: usize) -> Vec<usize> {
    let mut starts: Vec<usize> = anchor
        .find_overlapping_iter(&hay[from..])
        .map(|m| from + m.start())
        .collect();
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// The groups of one match, as byte ranges of the haystack.
#[derive(Debug, Clone)]
pub struct Captures<'h> {
    hay: &'h str,
    whole: Range<usize>,
    groups: Vec<(&'h str, Range<usize>)>,
}

/// One group of a match.
#[derive(Debug, Clone, Copy)]
pub struct Group<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Group<'h> {
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
    pub fn as_str(&self) -> &'h str {
        &self.hay[self.start..self.end]
    }
}

impl<'h> Captures<'h> {
    /// The whole match.
    pub fn whole(&self) -> Group<'h> {
        self.group(self.whole.clone())
    }

    /// The group called `name`, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Group<'h>> {
        self.groups
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, r)| self.group(r.clone()))
    }

    /// Every group that took part in the match, in pattern order.
    pub fn iter(&self) -> impl Iterator<Item = (&'h str, Group<'h>)> + '_ {
        self.groups.iter().map(|(n, r)| (*n, self.group(r.clone())))
    }

    fn group(&self, r: Range<usize>) -> Group<'h> {
        Group {
            hay: self.hay,
            start: r.start,
            end: r.end,
        }
    }
}

/// Why a pattern cannot be used.
pub type PatternError = String;

impl Matcher {
    /// Checks `source` (a full regex) and plans how to run it. `windowed` rules are
    /// run once per window (a sentence, the text around a quote) and may be split at
    /// an anchor; the others run over the whole text with [`Matcher::regex`].
    pub fn new(source: String, windowed: bool) -> Result<Matcher, PatternError> {
        let (ast, hir) = parse(&source)?;
        let names = capture_names(&hir);
        let mut items = Vec::new();
        let split = match windowed && flatten(&ast, &mut items) {
            true => plan_split(&source, &items, None, None, None, &Anchors::default()),
            false => None,
        };
        Ok(Matcher {
            start_anchored: starts_anchored(&hir),
            source: OnceLock::from(source),
            names,
            whole: OnceLock::new(),
            windowed,
            split,
            grouped: None,
            program: OnceLock::new(),
            required: Vec::new(),
        })
    }

    /// Plans a pattern written with its lexicons as placeholder characters
    /// (`Pieces::expand_with_placeholders`). A `windowed` (claim or attribution)
    /// pattern runs on the backtracking matcher, split at an anchor where it has one,
    /// and on the regex crate (the same pattern, lexicons written out) only where a
    /// window is too long for that; the others run on the regex crate. Parsing this
    /// form, not the written-out one, keeps start-up short.
    pub(crate) fn with_lexicons(
        pattern: &str,
        windowed: bool,
        lexicons: &Arc<Lexicons>,
        anchors: &Anchors,
    ) -> Result<Matcher, PatternError> {
        let plain = Lexicons::grouped(pattern);
        let defines = lexicons.defines().filter(|_| holds_define(pattern));
        let grouped = lexicons.with_class_placeholders(plain.clone());
        let (grouped, ast, parsed) = match parse_parts(grouped, windowed, defines) {
            Ok(parsed) => parsed,
            // A problem is reported in the pattern as written.
            Err(_) => parse_parts(plain, windowed, defines)?,
        };
        let mut names = Vec::new();
        parsed
            .iter()
            .for_each(|h| collect_capture_names(h, &mut names));
        // Spliced defines may name a group twice, which the parser did not see: the
        // pattern is then written out, and the regex crate reports it.
        if defines.is_some() && names_a_group_twice(&names) {
            return Err("duplicate capture group name".into());
        }
        let on_regex_only = std::env::var_os("CLAIMKIT_ENGINE").is_some_and(|e| e == "regex");
        let mut items = Vec::new();
        let mut split = match (&parsed, windowed && flatten(&ast, &mut items)) {
            (Parsed::Parts(parts), true) => {
                let lexicons = Some(lexicons);
                plan_split(&grouped, &items, Some(parts), lexicons, defines, anchors)
            }
            _ => None,
        };
        if let (Some(split), true) = (&mut split, on_regex_only) {
            split.head_program = None;
            split.tail_program = None;
        }
        // A figure rule's program is wanted at once (for its start atoms), and is
        // compiled from the tree parsed here rather than parsed again.
        let program = OnceLock::new();
        if let (Parsed::Whole(hir), false, false) = (&parsed, windowed, on_regex_only) {
            let _ = program.set(lexicons.program_of(&grouped, hir));
        }
        let mut required = Vec::new();
        match &parsed {
            Parsed::Parts(parts) => parts
                .iter()
                .for_each(|h| Lexicons::required_in(h, &mut required)),
            Parsed::Whole(hir) => Lexicons::required_in(hir, &mut required),
        }
        required.sort_unstable();
        required.dedup();
        Ok(Matcher {
            source: OnceLock::new(),
            names,
            whole: OnceLock::new(),
            windowed,
            split,
            start_anchored: parsed.starts_anchored(),
            grouped: (!on_regex_only).then(|| (grouped, Arc::clone(lexicons))),
            program,
            required,
        })
    }

    /// The whole pattern's program, compiled on first use; `Err` says why there is none.
    fn program_result(&self) -> Option<&Result<Program, String>> {
        let (grouped, lexicons) = self.grouped.as_ref()?;
        Some(self.program.get_or_init(|| lexicons.program(grouped)))
    }

    fn program(&self) -> Option<&Program> {
        self.program_result()?.as_ref().ok()
    }

    /// Why this claim or attribution pattern runs on the regex crate rather than the
    /// backtracking matcher, if it does.
    pub fn no_program(&self) -> Option<&str> {
        if !self.windowed {
            return None;
        }
        self.program_result()?.as_ref().err().map(String::as_str)
    }

    /// The pattern as compiled.
    pub fn as_str(&self) -> &str {
        self.source.get_or_init(|| match &self.grouped {
            Some((grouped, lexicons)) => lexicons.inline(grouped),
            None => String::new(),
        })
    }

    /// The names of the pattern's capture groups.
    pub fn capture_names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }

    /// Whether every match starts at the start of the searched text (`^…`).
    pub fn is_start_anchored(&self) -> bool {
        self.start_anchored
    }

    /// Whether the search runs from an anchor (see the module docs).
    pub fn is_anchored(&self) -> bool {
        self.split.is_some()
    }

    /// Compiles now every regex the pattern runs on (for `check`, benchmarks and
    /// tests); returns the first error.
    pub fn warm(&self) -> Result<(), PatternError> {
        match &self.split {
            Some(s) if s.has_programs() => {}
            Some(s) => {
                s.tail().ok_or("the pattern's tail does not compile")?;
                if s.head_source.is_some() {
                    s.head().ok_or("the pattern's head does not compile")?;
                }
            }
            // The regex crate runs a pattern with a program only on a window too long
            // for the program, if ever: it is compiled then.
            None if self.program().is_some() => {}
            None => {
                self.regex_result()?;
            }
        }
        Ok(())
    }

    /// The whole pattern as one regex, compiled on first use. `None` only if it is too
    /// large for the regex crate (which [`Matcher::warm`] reports).
    pub fn regex(&self) -> Option<&Regex> {
        self.whole
            .get_or_init(|| build_regex(self.as_str()).ok())
            .as_ref()
    }

    fn regex_result(&self) -> Result<&Regex, PatternError> {
        match self.regex() {
            Some(r) => Ok(r),
            None => Err(build_regex(self.as_str()).err().unwrap_or_default()),
        }
    }

    /// The first search alone over `hay`: the anchor automaton of a split pattern,
    /// the whole pattern otherwise (for a windowed rule, once per line, as it never
    /// runs on more). Returns the number of hits (for benchmarks).
    pub fn scan(&self, hay: &str) -> usize {
        match (&self.split, self.windowed) {
            (Some(split), _) => split
                .anchor
                .own
                .get()
                .map_or(0, |a| a.find_overlapping_iter(hay).count()),
            (None, true) => hay
                .lines()
                .filter(|line| self.captures(line).is_some())
                .count(),
            (None, false) => self.regex().map_or(0, |re| re.find_iter(hay).count()),
        }
    }

    /// The leftmost match in `hay`, with its groups.
    pub fn captures<'h>(&'h self, hay: &'h str) -> Option<Captures<'h>> {
        self.captures_at(hay, 0)
    }

    /// The leftmost match in `hay` that starts at or after `from`, with its groups;
    /// look-arounds (`^`, `\b`) still see the text before `from`.
    pub fn captures_at<'h>(&'h self, hay: &'h str, from: usize) -> Option<Captures<'h>> {
        self.captures_at_sharing(hay, from, None)
    }

    /// [`Matcher::captures_at`] with the anchor hits other rules found in the same
    /// `hay` (see [`AnchorHits`]).
    pub fn captures_at_sharing<'h>(
        &'h self,
        hay: &'h str,
        from: usize,
        mut hits: Option<&mut AnchorHits>,
    ) -> Option<Captures<'h>> {
        // A sentence is checked on each search; a whole text once, by the caller (see
        // `Matcher::may_match_text`), so a search from each position stays cheap.
        if self.windowed && !self.may_match(hay, hits.as_deref_mut()) {
            return None;
        }
        match &self.split {
            Some(split) if split.has_programs() => split.captures_on_programs(hay, from, 0, hits),
            None if !self.windowed && self.program().is_some() => {
                // Over a whole text, the regex crate's DFA finds where the match is;
                // the program, run on that span, gives its groups.
                let program = self.program()?;
                let span = self.regex()?.find_at(hay, from)?.range();
                match program.captures_spanning(hay, span) {
                    Ok(Some((whole, groups))) => Some(Captures { hay, whole, groups }),
                    // Only a window too long for the program: the regex crate's own.
                    _ => self.captures_at_on_regex(hay, from),
                }
            }
            _ => match self.program().map(|p| p.captures_at(hay, from)) {
                Some(Ok(found)) => {
                    let (whole, groups) = found?;
                    Some(Captures { hay, whole, groups })
                }
                _ => self.captures_at_on_regex(hay, from),
            },
        }
    }

    /// [`Matcher::captures_at_sharing`] for a match through an anchor hit at
    /// `min_anchor` or later, so a caller that refused a match can try the next hit
    /// (`Ruiz, who has refused to endorse Lee, said …`: the cue is "said", not
    /// "endorse"). Only a pattern split at an anchor and run on its programs has such
    /// a next match; any other gives none.
    pub fn captures_past_anchor<'h>(
        &'h self,
        hay: &'h str,
        from: usize,
        min_anchor: usize,
        mut hits: Option<&mut AnchorHits>,
    ) -> Option<Captures<'h>> {
        // A sentence is checked on each search; a whole text once, by the caller (see
        // `Matcher::may_match_text`), so a search from each position stays cheap.
        if self.windowed && !self.may_match(hay, hits.as_deref_mut()) {
            return None;
        }
        match &self.split {
            Some(split) if split.has_programs() => {
                split.captures_on_programs(hay, from, min_anchor, hits)
            }
            _ => None,
        }
    }

    /// Whether a whole-text pattern may match somewhere in `text`: false when a word or a
    /// lexicon every match holds occurs nowhere in it (a rule on pounds in a text without
    /// "pound"). Checked once per text, before its searches.
    pub fn may_match_text(&self, text: &str) -> bool {
        self.may_match(text, None)
    }

    /// Whether every lexicon each match walks may occur in `hay`: if not, there is no
    /// match, and no search is needed.
    fn may_match(&self, hay: &str, mut hits: Option<&mut AnchorHits>) -> bool {
        let Some((_, lexicons)) = self.grouped.as_ref().filter(|_| !self.required.is_empty())
        else {
            return true;
        };
        self.required.iter().all(|needed| match needed {
            Needed::Literal(word) => hay.contains(&**word),
            Needed::Lexicon(l) => match hits.as_deref_mut() {
                Some(hits) => hits.may_occur(lexicons, *l, hay),
                None => lexicons.may_occur(*l, hay),
            },
        })
    }

    /// How a match of this whole-text pattern may begin, when it runs as a program and
    /// a match cannot be empty (see [`super::starts`]).
    pub(crate) fn start_atoms(&self) -> Option<Vec<StartAtom>> {
        if self.windowed || self.split.is_some() {
            return None;
        }
        self.program()?.start_atoms()
    }

    /// [`Matcher::captures_at`] trying only `starts` (sorted), the positions where one
    /// of [`Matcher::start_atoms`] holds.
    pub fn captures_among<'h>(
        &'h self,
        hay: &'h str,
        from: usize,
        starts: &[u32],
    ) -> Option<Captures<'h>> {
        match self.program().map(|p| p.captures_among(hay, from, starts)) {
            Some(Ok(found)) => {
                let (whole, groups) = found?;
                Some(Captures { hay, whole, groups })
            }
            // A window too long for the program: the regex crate's own search.
            _ => self.captures_at_on_regex(hay, from),
        }
    }

    /// How many matches one after another [`Matcher::captures_among`] finds in `hay`.
    pub fn count_among(&self, hay: &str, starts: &[u32]) -> usize {
        let (mut count, mut from) = (0, 0);
        while let Some(m) = self.captures_among(hay, from, starts) {
            count += 1;
            from = m.whole().end().max(from + 1);
            while from < hay.len() && !hay.is_char_boundary(from) {
                from += 1;
            }
            if from > hay.len() {
                break;
            }
        }
        count
    }

    /// [`Matcher::captures_at`] on the regex crate alone, as the pattern ran before it
    /// had a backtracking program (and as it runs where the window is too long for
    /// one). Both must find the same match: `tests/engines_agree.rs`.
    pub fn captures_at_on_regex<'h>(&'h self, hay: &'h str, from: usize) -> Option<Captures<'h>> {
        match &self.split {
            Some(split) => split.captures(hay, from),
            None => {
                let re = self.regex()?;
                let caps = re.captures_at(hay, from)?;
                let whole = caps.get(0)?.range();
                let groups = re
                    .capture_names()
                    .enumerate()
                    .filter_map(|(i, n)| Some((n?, caps.get(i)?.range())))
                    .collect();
                Some(Captures { hay, whole, groups })
            }
        }
    }
}

impl Split {
    fn head(&self) -> Option<&meta::Regex> {
        let src = self.head_source.as_deref()?;
        self.head
            .get_or_init(|| build_meta(&self.written_out(src)))
            .as_ref()
    }

    fn tail(&self) -> Option<&meta::Regex> {
        self.tail
            .get_or_init(|| build_meta(&self.written_out(&self.tail_source)))
            .as_ref()
    }

    /// A half with its lexicons written out, for the regex crate.
    fn written_out(&self, half: &str) -> String {
        match &self.lexicons {
            Some(lexicons) => lexicons.inline(half),
            None => half.to_string(),
        }
    }

    /// Where the anchor's literals start in `hay` from `from` on, in order, once each;
    /// from `hits` when another rule has scanned this window for the same literals.
    fn anchor_starts<'a>(
        &self,
        hay: &str,
        from: usize,
        hits: Option<&'a mut AnchorHits>,
    ) -> Cow<'a, [usize]> {
        match hits {
            Some(hits) => Cow::Borrowed(hits.starts(&self.anchor, hay, from)),
            None => Cow::Owned(self.anchor.starts(hay, from)),
        }
    }

    /// Whether no match through an anchor at `p` or later can start before `best`,
    /// the start of one found: its head's length is bounded and `p` lies further on.
    fn past_best(&self, best: Option<(usize, usize)>, p: usize) -> bool {
        let head_len = match (&self.head_source, &self.head_program) {
            (None, _) => Some(0),
            (Some(_), head) => head.as_ref().and_then(Program::max_len),
        };
        matches!((best, head_len), (Some((start, _)), Some(len)) if p >= start.saturating_add(len))
    }

    fn captures<'h>(&'h self, hay: &'h str, from: usize) -> Option<Captures<'h>> {
        let starts = self.anchor_starts(hay, from, None);
        if starts.is_empty() {
            return None;
        }
        let tail = self.tail()?;
        // Find the match with the searches alone (the automata, no capture groups),
        // then compute the groups of the winner only.
        let mut best: Option<(usize, usize)> = None;
        for &p in starts.iter() {
            if self.past_best(best, p) {
                break;
            }
            if tail.search(&Self::tail_input(hay, p)).is_none() {
                continue;
            }
            let start = match self.head_source {
                None => p,
                Some(_) => match self.head()?.search(&Self::head_input(hay, p).range(from..)) {
                    Some(m) => m.start(),
                    None => continue,
                },
            };
            if best.is_none_or(|(s, _)| start < s) {
                best = Some((start, p));
            }
        }
        let (start, p) = best?;
        let mut groups = Vec::new();
        if let Some(head) = self.head() {
            let mut caps = head.create_captures();
            let input = Self::head_input(hay, p)
                .range(start..)
                .anchored(Anchored::Yes);
            head.search_captures(&input, &mut caps);
            collect_groups(head, &caps, &mut groups);
        }
        let mut caps = tail.create_captures();
        tail.search_captures(&Self::tail_input(hay, p), &mut caps);
        let end = caps.get_match()?.end();
        collect_groups(tail, &caps, &mut groups);
        Some(Captures {
            hay,
            whole: start..end,
            groups,
        })
    }

    fn has_programs(&self) -> bool {
        self.tail_program.is_some() && (self.head_source.is_none() || self.head_program.is_some())
    }

    /// [`Split::captures`] on the backtracking programs of the halves: the same
    /// search, the same choice among anchors (the leftmost start; of equal starts,
    /// the first anchor), among the anchor hits at `min_anchor` or later (0: all).
    /// Falls back to the regexes where a window is too long, and gives none there
    /// past an anchor, as the regexes know no anchor hits.
    fn captures_on_programs<'h>(
        &'h self,
        hay: &'h str,
        from: usize,
        min_anchor: usize,
        hits: Option<&mut AnchorHits>,
    ) -> Option<Captures<'h>> {
        let tail = self.tail_program.as_ref()?;
        // The best match so far, kept rather than found again.
        let mut best: Option<HalvesMatch<'h>> = None;
        let fallback = || {
            (min_anchor == 0)
                .then(|| self.captures(hay, from))
                .flatten()
        };
        for &p in self.anchor_starts(hay, from, hits).iter() {
            if p < min_anchor {
                continue;
            }
            if self.past_best(best.as_ref().map(|b| (b.start, b.anchor)), p) {
                break;
            }
            let tail_found = match tail.captures_anchored(hay, p) {
                Ok(Some(found)) => found,
                Ok(None) => continue,
                Err(()) => return fallback(),
            };
            let (start, head_groups) = match &self.head_program {
                None => (p, Vec::new()),
                Some(head) => match head.captures_ending_at(hay, from, p) {
                    Ok(Some((whole, groups))) => (whole.start, groups),
                    Ok(None) => continue,
                    Err(()) => return fallback(),
                },
            };
            if best.as_ref().is_none_or(|b| start < b.start) {
                best = Some(HalvesMatch {
                    start,
                    anchor: p,
                    head_groups,
                    tail: tail_found,
                });
            }
        }
        let HalvesMatch {
            start,
            mut head_groups,
            tail: (tail_match, tail_groups),
            ..
        } = best?;
        head_groups.extend(tail_groups);
        Some(Captures {
            hay,
            whole: start..tail_match.end,
            groups: head_groups,
        })
    }

    /// The tail, anchored at the anchor's start `p`.
    fn tail_input(hay: &str, p: usize) -> Input<'_> {
        Input::new(hay).range(p..).anchored(Anchored::Yes)
    }

    /// The text for the head, up to and including the first character at `p`.
    fn head_input(hay: &str, p: usize) -> Input<'_> {
        let next = hay[p..].chars().next().map_or(0, char::len_utf8);
        Input::new(&hay[..p + next])
    }
}

/// A match of a split pattern's two halves through one anchor hit: where it starts, the
/// hit, the head's groups and the tail's match.
struct HalvesMatch<'h> {
    start: usize,
    anchor: usize,
    head_groups: Vec<(&'h str, Range<usize>)>,
    tail: Found<'h>,
}

fn collect_groups<'h>(
    re: &'h meta::Regex,
    caps: &regex_automata::util::captures::Captures,
    out: &mut Vec<(&'h str, Range<usize>)>,
) {
    let names = re
        .group_info()
        .pattern_names(regex_automata::PatternID::ZERO);
    for (i, name) in names.enumerate() {
        if let (Some(name), Some(span)) = (name, caps.get_group(i)) {
            out.push((name, span.range()));
        }
    }
}

fn build_regex(source: &str) -> Result<Regex, PatternError> {
    regex::RegexBuilder::new(source)
        .size_limit(64 << 20)
        .build()
        .map_err(|e| e.to_string())
}

/// The lazy DFA cache of each half of a split pattern, per thread. The speaker
/// patterns need more states than the default 2 MB holds; with too few, the DFA keeps
/// clearing its cache and gives up to a far slower engine (about 1.5× slower overall).
const HALF_CACHE: usize = 8 << 20;

fn build_meta(source: &str) -> Option<meta::Regex> {
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(64 << 20))
                .hybrid_cache_capacity(HALF_CACHE),
        )
        .build(source)
        .ok()
}

fn parse(source: &str) -> Result<(Ast, Hir), PatternError> {
    let ast = ast::parse::Parser::new()
        .parse(source)
        .map_err(|e| e.to_string())?;
    let hir = regex_syntax::hir::translate::Translator::new()
        .translate(source, &ast)
        .map_err(|e| e.to_string())?;
    Ok((ast, hir))
}

/// A pattern's translation: whole, or (for a windowed pattern) each of its top-level
/// parts (see `flatten`) translated on its own, the pattern being their concatenation,
/// so that the halves of a split are compiled without translating them again.
enum Parsed {
    Whole(Hir),
    Parts(Vec<Hir>),
}

impl Parsed {
    fn iter(&self) -> std::slice::Iter<'_, Hir> {
        match self {
            Parsed::Whole(hir) => std::slice::from_ref(hir).iter(),
            Parsed::Parts(parts) => parts.iter(),
        }
    }

    /// Whether every match starts where the searched text does: a part begins with
    /// `^`, after parts that match nothing but zero-width tests.
    fn starts_anchored(&self) -> bool {
        for hir in self.iter() {
            if starts_anchored(hir) {
                return true;
            }
            if hir.properties().maximum_len() != Some(0) {
                return false;
            }
        }
        false
    }
}

/// Parses a grouped pattern whole or (`in_parts`) in its top-level parts (see
/// `flatten`), with each define placeholder spliced in (see `super::defines`); returns
/// the pattern as parsed. A define placeholder that is a top-level part is written out
/// first, so that the parts are those of the written-out pattern.
fn parse_parts(
    mut source: String,
    in_parts: bool,
    defines: Option<&Defines>,
) -> Result<(String, Ast, Parsed), PatternError> {
    loop {
        let ast = ast::parse::Parser::new()
            .parse(&source)
            .map_err(|e| e.to_string())?;
        let mut items = Vec::new();
        let flat = in_parts && flatten(&ast, &mut items);
        let top_defines: Vec<_> = items
            .iter()
            .filter_map(|a| {
                Some((
                    a.span().start.offset..a.span().end.offset,
                    placeholder_in(a)?,
                ))
            })
            .collect();
        if let (Some(defines), false) = (defines, top_defines.is_empty()) {
            source = defines
                .write_at(&source, &top_defines)
                .ok_or("a define does not parse")?;
            continue;
        }
        let translate = |ast: &Ast| {
            let hir = regex_syntax::hir::translate::Translator::new()
                .translate(&source, ast)
                .map_err(|e| e.to_string())?;
            match defines {
                Some(defines) => defines
                    .splice(&hir)
                    .ok_or_else(|| "a define does not parse".to_string()),
                None => Ok(hir),
            }
        };
        let parsed = match flat {
            true => match items.iter().map(|a| translate(a)).collect() {
                Ok(parts) => Parsed::Parts(parts),
                Err(_) => Parsed::Whole(translate(&ast)?),
            },
            false => Parsed::Whole(translate(&ast)?),
        };
        drop(items);
        return Ok((source, ast, parsed));
    }
}

fn capture_names(hir: &Hir) -> Vec<String> {
    let mut names = Vec::new();
    collect_capture_names(hir, &mut names);
    names
}

/// Whether a pattern's group names hold one name twice.
fn names_a_group_twice(names: &[String]) -> bool {
    let mut sorted: Vec<&str> = names.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    sorted.windows(2).any(|w| w[0] == w[1])
}

/// The names of a pattern's groups (the placeholders of lexicons and classes are
/// unnamed).
fn collect_capture_names(hir: &Hir, out: &mut Vec<String>) {
    match hir.kind() {
        HirKind::Capture(c) => {
            out.extend(c.name.as_deref().map(str::to_string));
            collect_capture_names(&c.sub, out);
        }
        HirKind::Repetition(r) => collect_capture_names(&r.sub, out),
        HirKind::Concat(v) | HirKind::Alternation(v) => {
            v.iter().for_each(|h| collect_capture_names(h, out))
        }
        _ => {}
    }
}

/// The smallest number of characters an anchor literal may have: shorter ones occur
/// everywhere and select nothing.
const ANCHOR_MIN_CHARS: usize = 2;
/// A class of more characters than this ends an anchor's literals.
const ANCHOR_MAX_CLASS: u32 = 4;
/// Beyond this many literals (case variants count), a part is no anchor.
const ANCHOR_MAX_LITERALS: u32 = 20_000;

/// Finds the first of a pattern's top-level parts (`items`, see `flatten`) that every
/// match contains and whose matches begin with one of a finite set of literals; splits
/// the pattern there. With `lexicons`, `source` is grouped (see `Lexicons::grouped`),
/// each half's regex is written out from it, and each half's program is compiled from
/// the parts as translated (`parts`).
fn plan_split(
    source: &str,
    items: &[&Ast],
    parts: Option<&[Hir]>,
    lexicons: Option<&Arc<Lexicons>>,
    defines: Option<&Defines>,
    anchors: &Anchors,
) -> Option<Split> {
    let text = |a: &Ast| &source[a.span().start.offset..a.span().end.offset];
    let regex_of = |grouped: &str| match lexicons {
        Some(l) => l.inline(grouped),
        None => grouped.to_string(),
    };
    // A part's literals are worked out from its translation with the lexicons put in,
    // or, where flags would change how a lexicon reads, from its text written out.
    let flagless = !sets_flags(source);
    let literals_of = |k: usize| match (lexicons, parts, flagless) {
        (Some(lexicons), Some(parts), true) => {
            anchor_literals_of(&lexicons.literal_prefix(parts.get(k)?, ANCHOR_MAX_CLASS)?)
        }
        _ => anchor_literals(&regex_of(text(items[k]))),
    };
    for (k, item) in items.iter().enumerate() {
        if !starts_with_literal(item, defines) {
            continue;
        }
        // Parts that are one lexicon alone begin with its entries, however wrapped.
        let lone = match (parts, flagless) {
            (Some(parts), true) => parts.get(k).and_then(Lexicons::lone_lexicon),
            _ => None,
        };
        let key = match lone {
            Some(i) => format!("lexicon {i}"),
            None => text(item).to_string(),
        };
        let literals = anchors.literals(key, || literals_of(k));
        let Some(literals) = literals else {
            continue;
        };
        let head: String = items[..k].iter().map(|a| text(a)).collect();
        let tail: String = items[k..].iter().map(|a| text(a)).collect();
        let anchor = anchors.anchor(literals);
        // Each half is whole parts of a pattern that parsed, with no flags set before
        // the split (`flatten` saw to that), so each compiles on its own.
        // The head ends where the anchor starts. It is matched against the text up to
        // and including the anchor's first character (the `.`), so that a `\b` at its
        // end sees the character that follows, as it would in the whole pattern.
        let head_source = (!head.is_empty()).then(|| format!("(?:{head})(?s:.)$"));
        let program = |half: &[Hir]| lexicons?.program_of_parts(source, half).ok();
        let (head_parts, tail_parts) = parts.map(|p| p.split_at(k)).unzip();
        return Some(Split {
            anchor,
            head_source,
            tail_source: tail,
            lexicons: lexicons.cloned(),
            head_program: head_parts.filter(|h| !h.is_empty()).and_then(program),
            tail_program: tail_parts.and_then(program),
            head: OnceLock::new(),
            tail: OnceLock::new(),
        });
    }
    None
}

fn starts_anchored(hir: &Hir) -> bool {
    hir.properties()
        .look_set_prefix()
        .contains(regex_syntax::hir::Look::Start)
}

/// The top-level parts of a pattern, looking through plain `(?:…)` groups. False when
/// the pattern sets flags at the top level, which the split would lose.
fn flatten<'a>(ast: &'a Ast, out: &mut Vec<&'a Ast>) -> bool {
    match ast {
        Ast::Concat(c) => c.asts.iter().all(|a| flatten(a, out)),
        Ast::Group(g) => match &g.kind {
            // An alternation keeps its group: its parts are no parts of the whole.
            ast::GroupKind::NonCapturing(flags)
                if flags.items.is_empty() && !matches!(*g.ast, Ast::Alternation(_)) =>
            {
                flatten(&g.ast, out)
            }
            _ => {
                out.push(ast);
                true
            }
        },
        Ast::Flags(_) => false,
        Ast::Empty(_) => true,
        _ => {
            out.push(ast);
            true
        }
    }
}

/// Whether every match of a part begins with a literal (not a class, not an optional
/// piece): a cheap look before extracting its literals.
fn starts_with_literal(part: &Ast, defines: Option<&Defines>) -> bool {
    let starts = |a: &Ast| starts_with_literal(a, defines);
    // A define's placeholder is read as the define.
    if let Some(i) = placeholder_in(part) {
        return defines.and_then(|d| d.ast(i)).is_some_and(starts);
    }
    match part {
        // A Unicode class's placeholder (see `super::classes`) has too many characters
        // to begin with a literal. A lexicon's (see `Lexicons::grouped`) is a literal
        // below, as its entries are.
        Ast::Group(g) if is_class_placeholder(&g.ast) => false,
        Ast::ClassBracketed(c) => !c.negated,
        Ast::Literal(_) => true,
        Ast::Concat(c) => {
            let mut rest = c.asts.iter().skip_while(|a| {
                matches!(a, Ast::Assertion(_) | Ast::Empty(_)) || is_zero_width_group(a, defines)
            });
            rest.next().is_some_and(starts)
        }
        Ast::Alternation(a) => a.asts.iter().all(starts),
        Ast::Group(g) => starts(&g.ast),
        Ast::Repetition(r) => match &r.op.kind {
            ast::RepetitionKind::OneOrMore => starts(&r.ast),
            ast::RepetitionKind::Range(
                ast::RepetitionRange::Exactly(n)
                | ast::RepetitionRange::AtLeast(n)
                | ast::RepetitionRange::Bounded(n, _),
            ) => *n > 0 && starts(&r.ast),
            _ => false,
        },
        _ => false,
    }
}

/// Whether a group's inside is a class placeholder's character.
fn is_class_placeholder(inside: &Ast) -> bool {
    matches!(inside, Ast::Literal(l) if ClassPlaceholders::number(l.c).is_some())
}

/// A group holding only an assertion, such as `(?-u:\b)`, or a define that is one.
fn is_zero_width_group(a: &Ast, defines: Option<&Defines>) -> bool {
    if let Some(i) = placeholder_in(a) {
        let define = defines.and_then(|d| d.ast(i));
        return define
            .is_some_and(|d| matches!(d, Ast::Assertion(_)) || is_zero_width_group(d, defines));
    }
    match a {
        Ast::Group(g) => {
            matches!(&*g.ast, Ast::Assertion(_)) || is_zero_width_group(&g.ast, defines)
        }
        _ => false,
    }
}

/// The literals every match of `part` starts with, if they are few and long enough.
fn anchor_literals(part: &str) -> Option<Vec<String>> {
    anchor_literals_of(&regex_syntax::parse(part).ok()?)
}

/// [`anchor_literals`] of a part already parsed.
fn anchor_literals_of(hir: &Hir) -> Option<Vec<String>> {
    if hir.properties().minimum_len().unwrap_or(0) == 0 {
        return None;
    }
    let mut extractor = Extractor::new();
    extractor
        .kind(ExtractKind::Prefix)
        .limit_total(ANCHOR_MAX_LITERALS as usize)
        .limit_class(ANCHOR_MAX_CLASS as usize)
        .limit_literal_len(64);
    let seq = extractor.extract(hir);
    let literals = seq.literals()?;
    if literals.is_empty() || literals.len() > ANCHOR_MAX_LITERALS as usize {
        return None;
    }
    let mut out = Vec::with_capacity(literals.len());
    for lit in literals {
        let s = std::str::from_utf8(lit.as_bytes()).ok()?;
        if s.chars().count() < ANCHOR_MIN_CHARS {
            return None;
        }
        out.push(s.to_string());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tree with its groups' numbers cleared: splicing keeps each define's own.
    fn unnumbered(hir: &Hir) -> Hir {
        use regex_syntax::hir::{Capture, Repetition};
        match hir.kind() {
            HirKind::Capture(cap) => Hir::capture(Capture {
                index: 0,
                name: cap.name.clone(),
                sub: Box::new(unnumbered(&cap.sub)),
            }),
            HirKind::Concat(subs) => Hir::concat(subs.iter().map(unnumbered).collect()),
            HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(unnumbered).collect()),
            HirKind::Repetition(rep) => Hir::repetition(Repetition {
                sub: Box::new(unnumbered(&rep.sub)),
                ..rep.clone()
            }),
            _ => hir.clone(),
        }
    }

    /// Every pattern of the built-in pack that holds defines as placeholders parses to
    /// the tree, in the parts, that its written-out text parses to.
    #[test]
    fn spliced_defines_parse_as_written_out() {
        let rules = crate::Rules::builtin().unwrap();
        let mut spliced = 0;
        for rule in &rules.rules {
            let Some((grouped, lexicons)) = &rule.regex.grouped else {
                continue;
            };
            let Some(defines) = lexicons.defines().filter(|_| holds_define(grouped)) else {
                continue;
            };
            let windowed = rule.regex.windowed;
            let (_, _, parsed) = parse_parts(grouped.clone(), windowed, Some(defines)).unwrap();
            let written = defines.write_out(grouped);
            assert!(!holds_define(&written), "{}", rule.id);
            let (_, _, expected) = parse_parts(written, windowed, None).unwrap();
            let trees = |p: &Parsed| p.iter().map(unnumbered).collect::<Vec<_>>();
            assert_eq!(trees(&parsed), trees(&expected), "{}", rule.id);
            assert_eq!(
                matches!(parsed, Parsed::Parts(_)),
                matches!(expected, Parsed::Parts(_)),
                "{}",
                rule.id
            );
            spliced += 1;
        }
        assert!(spliced > 180, "only {spliced} patterns hold defines");
    }

    fn split(pattern: &str) -> Matcher {
        Matcher::new(pattern.to_string(), true).unwrap()
    }

    #[test]
    fn a_cue_in_the_middle_is_the_anchor() {
        let m = split(r"(?<speaker>\p{Lu}\w+)\s+(?<cue>\b(?:said|told)\b)");
        assert!(m.is_anchored());
        let caps = m.captures("Later Wei said so.").unwrap();
        assert_eq!(caps.name("speaker").unwrap().as_str(), "Wei");
        // The leftmost start wins, as with the whole regex.
        let caps = m.captures("then Wei told Li said").unwrap();
        assert_eq!(caps.name("speaker").unwrap().as_str(), "Wei");
        assert_eq!(caps.whole().as_str(), "Wei told");
    }

    #[test]
    fn a_match_past_an_anchor_goes_through_a_later_hit() {
        let pattern = r"^(?:[^,]{1,60},\s+)*?(?<speaker>\w[\w ]*?)\s+(?<cue>\b(?:endorse|said)\b)\s+(?<content>.+)$";
        let lexicons = Arc::new(Lexicons::new(&[], Vec::new()));
        let m = Matcher::with_lexicons(pattern, true, &lexicons, &Anchors::default()).unwrap();
        assert!(m.is_anchored());
        let text = "Kasich, who refused to endorse Trump, then said it was wrong.";
        // The first hit wins: "endorse", with the words before it for a speaker.
        let caps = m.captures(text).unwrap();
        assert_eq!(caps.name("cue").unwrap().as_str(), "endorse");
        assert_eq!(caps.name("speaker").unwrap().as_str(), "who refused to");
        // Past it, the next hit: "said".
        let at = caps.name("cue").unwrap().start() + 1;
        let caps = m.captures_past_anchor(text, 0, at, None).unwrap();
        assert_eq!(caps.name("cue").unwrap().as_str(), "said");
        assert_eq!(caps.name("speaker").unwrap().as_str(), "then");
        assert_eq!(caps.name("content").unwrap().as_str(), "it was wrong.");
        // Past the last hit there is none.
        let at = caps.name("cue").unwrap().start() + 1;
        assert!(m.captures_past_anchor(text, 0, at, None).is_none());
    }

    /// Rules anchored on different literal sets, one sharing a literal with another,
    /// find through the pack's index what each finds through its own automaton.
    #[test]
    fn anchor_hits_from_the_index_agree_with_each_anchors_own() {
        let lexicons = Arc::new(Lexicons::new(&[], Vec::new()));
        let anchors = Anchors::default();
        let matchers: Vec<Matcher> = [
            r"(?<speaker>\p{Lu}\w+)\s+(?<cue>\b(?:said|told)\b)\s+(?<content>\w+)",
            r"(?<speaker>\p{Lu}\w+)\s+(?<cue>\b(?:warned|said)\b)",
            r"(?<cue>\b(?:according to)\b)\s+(?<speaker>\p{Lu}\w+)",
        ]
        .iter()
        .map(|p| Matcher::with_lexicons(p, true, &lexicons, &anchors).unwrap())
        .collect();
        assert!(matchers.iter().all(Matcher::is_anchored));
        let index = Arc::new(anchors.index().expect("an index"));
        for text in [
            "Later Wei said so, and Li warned that Ana told them.",
            "According to Reuters, Wei said nothing; according to Li, he warned.",
            "nobody spoke",
        ] {
            let mut shared = AnchorHits::new(Some(Arc::clone(&index)));
            for m in &matchers {
                for from in [0, 10] {
                    let own = m.captures_at(text, from).map(|c| c.whole().range());
                    let via_index = m
                        .captures_at_sharing(text, from, Some(&mut shared))
                        .map(|c| c.whole().range());
                    assert_eq!(own, via_index, "{text:?} from {from}");
                }
            }
        }
    }

    #[test]
    fn the_anchor_keeps_its_word_boundaries() {
        let m = split(r"(?<speaker>\p{Lu}\w+)\s+(?<cue>\b(?:said)\b)");
        assert!(m.captures("Wei unsaid it").is_none());
        assert!(m.captures("Wei saidx it").is_none());
    }

    #[test]
    fn optional_or_short_parts_are_no_anchor() {
        assert!(!split(r"(?<speaker>\w+)\s+(?:said)?").is_anchored());
        assert!(!split(r"(?<speaker>\w+)\s+[—–]").is_anchored());
        assert!(!split(r"(?i)(?<speaker>\w+) said").is_anchored());
    }

    #[test]
    fn an_alternation_keeps_its_group() {
        let m = split(r"^\s*,?\s*(?:and|but)\s+(?<cue>\b(?:warned|said)\b)");
        assert!(m.is_anchored());
        let caps = m.captures(", and warned").unwrap();
        assert_eq!(caps.name("cue").unwrap().as_str(), "warned");
        assert!(m.captures(", or warned").is_none());
    }

    #[test]
    fn anchored_and_whole_searches_agree() {
        let pattern = r"^(?:[^,]{1,40},\s+)?(?<speaker>(?:the\s+)?\p{Lu}\w*(?:\s+\p{Lu}\w*)?)\s+(?:has\s+)?(?<cue>\b(?:said|warned|told)\b)(?:\s+that)?\s+(?<content>.+)$";
        let m = split(pattern);
        assert!(m.is_anchored());
        let whole = Regex::new(pattern).unwrap();
        for text in [
            "Wei said that exports would fall.",
            "On Monday, Li Qiang has warned the plan was dead.",
            "Nobody said anything at all.",
            "The ministry told reporters nothing.",
            "said it",
            "",
        ] {
            let a = m.captures(text).map(|c| c.whole().range());
            let b = whole.find(text).map(|m| m.range());
            assert_eq!(a, b, "{text}");
        }
    }

    #[test]
    fn a_search_from_a_later_start_agrees_with_the_whole_regex() {
        let pattern =
            r"(?<speaker>\b\p{Lu}\w*)\s+(?<cue>\b(?:said|warned)\b)\s+(?<content>\w+(?:\s+\w+)*)";
        let m = split(pattern);
        assert!(m.is_anchored());
        let whole = Regex::new(pattern).unwrap();
        let text = "This said nothing, but Ana warned prices would rise and Li said so";
        for from in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            let a = m.captures_at(text, from).map(|c| c.whole().range());
            let b = whole
                .captures_at(text, from)
                .map(|c| c.get(0).unwrap().range());
            assert_eq!(a, b, "from {from}");
        }
    }
    /// A split pattern on its programs, over a long text with many anchor hits whose
    /// head fails: the head of a bounded length is looked for only that far back, and
    /// the matches are those of the whole regex, one after another.
    #[test]
    fn a_bounded_head_finds_the_matches_of_the_whole_regex_in_a_long_text() {
        let pattern = r"(?:^|\n)(?<cue>Q:|A:)[ \t]+(?<content>[^\n]{3,})";
        let lexicons = Arc::new(Lexicons::new(&[], Vec::new()));
        let m = Matcher::with_lexicons(pattern, true, &lexicons, &Anchors::default()).unwrap();
        assert!(m.is_anchored());
        let whole = Regex::new(pattern).unwrap();
        let line = "Plan A: hold the line, plan B: fold. Q: is not a question here.\n";
        let text = format!(
            "{}Q: Why now?\n{}A: Because.\n",
            line.repeat(400),
            line.repeat(400)
        );
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        let mut hits = AnchorHits::default();
        let mut from = 0;
        while let Some(c) = m.captures_at_sharing(&text, from, Some(&mut hits)) {
            ours.push((c.whole().range(), c.name("content").map(|g| g.as_str())));
            from = c.whole().end();
        }
        for c in whole.captures_iter(&text) {
            theirs.push((
                c.get(0).unwrap().range(),
                c.name("content").map(|g| g.as_str()),
            ));
        }
        assert_eq!(theirs.len(), 2);
        assert_eq!(ours, theirs);
    }
}
