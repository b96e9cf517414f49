//! A backtracking matcher for the pack's patterns, in which a lexicon is one
//! instruction.
//!
//! Inlined into a regex, a lexicon becomes thousands of automaton states, and a pattern
//! that names several lexicons (a speaker: titles, role nouns, outlets, particles) has
//! an automaton that the regex crate's lazy DFA builds anew on almost every sentence:
//! most of a run went into determinising, and each rule's cache cost megabytes. Here
//! a pattern is compiled from its syntax tree into a small program in which `@lexicon`
//! is one instruction that walks the lexicon's trie, and a bounded repeat of one
//! character class (`[^“”"]{0,160}?`) is one instruction with a count.
//!
//! The program runs as a backtracker that remembers which instruction it has tried at
//! which position (one bit each), so no pair is tried twice and a search costs at most
//! `instructions × window`; an alternative is entered only where the text may begin it
//! (a split's guards, see `Program::plan_follows`). [`StartAtom`]s say how a match may
//! begin, so that a search over a whole text tries only the positions where one holds
//! (`super::starts`). It returns the same leftmost-first match, with the same
//! groups, as the regex crate on the pattern with its lexicons inlined: alternatives and
//! repeats are tried in the regex's order of preference, and a lexicon's entries in the
//! order of its inlined trie. `tests` below and `tests/engines_agree.rs` hold the two
//! engines to that.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use aho_corasick::AhoCorasick;
use regex_automata::util::look::{Look, LookMatcher};
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Repetition,
};

use super::classes::{push_placeholder, rewrite_placeholders, ClassPlaceholders};
use super::defines::{define_number, holds_define, Defines};
use super::lexicon::Trie;

/// Lexicon `i` of the pack is written as the private-use character `LEXICON_BASE + i`
/// when a pattern is expanded, then as that character alone in an unnamed group
/// (`Lexicons::grouped`), which this compiler turns into one instruction.
pub const LEXICON_BASE: u32 = 0xF0000;
/// How many lexicons a pack may have: their characters stay in plane 15's private use.
const MAX_LEXICONS: u32 = 0xFFFE;

/// The pack's lexicons, as the backtracking matcher runs them and as regexes for the
/// patterns that run on the regex crate.
#[derive(Debug)]
pub struct Lexicons {
    /// Each lexicon's regex ([`super::Lexicon::to_regex`]).
    regexes: Vec<String>,
    /// Each lexicon's regex parsed, the first time a pattern's anchor is looked for in
    /// it ([`Lexicons::literal_prefix`]).
    hirs: Vec<OnceLock<Option<Hir>>>,
    tries: Vec<Arc<Trie>>,
    /// Each lexicon's first words ([`Lexicons::may_occur`]).
    first_words: Vec<FirstWords>,
    /// The character classes of all the pack's programs, each kept once: a narrowed
    /// `\p{L}` has hundreds of ranges and appears in most patterns.
    classes: ClassTable,
    /// The defines that patterns hold as placeholders (see `super::defines`), set once
    /// the pack's defines are expanded.
    defines: OnceLock<Defines>,
}

/// Something every match of a pattern holds, so that a window without it need not be
/// searched: a lexicon it walks, or a word it spells out.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Needed {
    Lexicon(u32),
    Literal(Box<str>),
}

/// Shorter literals ("is", "to") are in nearly every sentence: not worth looking for.
const MIN_NEEDED_LITERAL: usize = 4;

/// The first words of a case-sensitive lexicon's entries: what a match of it must begin
/// with, whatever white space follows. Their automaton is built the first time a pattern
/// that needs the lexicon is tried.
#[derive(Debug)]
struct FirstWords {
    /// None for a lexicon that folds case: no automaton would find all its matches.
    words: Option<Vec<String>>,
    automaton: OnceLock<Option<AhoCorasick>>,
}

impl FirstWords {
    /// Whether a match of the lexicon may start somewhere in `hay`.
    fn may_occur_in(&self, hay: &str) -> bool {
        let Some(words) = &self.words else {
            return true;
        };
        let automaton = self.automaton.get_or_init(|| AhoCorasick::new(words).ok());
        automaton.as_ref().is_none_or(|a| a.is_match(hay))
    }
}

type Ranges = Vec<(char, char)>;

/// Character classes shared by the programs compiled with them: by their ranges, and
/// by the placeholder a pattern writes for a Unicode class (`super::classes`).
#[derive(Debug, Default)]
pub(crate) struct ClassTable {
    by_ranges: Mutex<foldhash::HashMap<Ranges, Arc<CharClass>>>,
    pub(crate) placeholders: ClassPlaceholders,
    by_placeholder: Mutex<foldhash::HashMap<u32, Arc<CharClass>>>,
}

impl ClassTable {
    /// The class of `ranges`, kept once.
    fn class(&self, ranges: Vec<(char, char)>) -> Arc<CharClass> {
        Arc::clone(
            lock(&self.by_ranges)
                .entry(ranges)
                .or_insert_with_key(|r| Arc::new(CharClass::new(r.clone()))),
        )
    }

    /// The class a placeholder group stands for (see `super::classes`), kept once.
    fn placeholder(&self, k: u32) -> Option<Arc<CharClass>> {
        let mut known = lock(&self.by_placeholder);
        if let Some(class) = known.get(&k) {
            return Some(Arc::clone(class));
        }
        let class = Arc::new(CharClass::new(self.placeholders.ranges(k)?.to_vec()));
        known.insert(k, Arc::clone(&class));
        Some(class)
    }
}

/// A lock whose holder cannot have left its map half-written (inserts only).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Lexicons {
    /// The pack's lexicons, with their regexes ([`super::Lexicon::to_regex`]).
    pub fn new(lexicons: &[super::Lexicon], regexes: Vec<String>) -> Lexicons {
        Lexicons {
            regexes,
            hirs: lexicons.iter().map(|_| OnceLock::new()).collect(),
            tries: lexicons.iter().map(|l| l.trie()).collect(),
            first_words: lexicons
                .iter()
                .map(|l| FirstWords {
                    words: l.first_words(),
                    automaton: OnceLock::new(),
                })
                .collect(),
            classes: ClassTable::default(),
            defines: OnceLock::new(),
        }
    }

    /// Sets the defines that patterns hold as placeholders; once.
    pub fn set_defines(&self, defines: Defines) {
        let _ = self.defines.set(defines);
    }

    /// The defines that patterns hold as placeholders.
    pub fn defines(&self) -> Option<&Defines> {
        self.defines.get()
    }

    /// Whether lexicon `i` may match somewhere in `hay`: false only when none of its
    /// entries' first words occurs there (known for case-sensitive lexicons, whose
    /// matches are their entries' characters as written).
    pub fn may_occur(&self, i: u32, hay: &str) -> bool {
        self.first_words
            .get(i as usize)
            .is_none_or(|first| first.may_occur_in(hay))
    }

    /// The lexicons every match of `hir` walks and the words it holds, whichever way it
    /// goes (see `Matcher::required`).
    pub fn required_in(hir: &Hir, out: &mut Vec<Needed>) {
        match hir.kind() {
            HirKind::Capture(cap) => match (lexicon_group(cap), class_group(cap)) {
                (Some(i), _) => out.push(Needed::Lexicon(i)),
                (None, Some(_)) => {}
                (None, None) => Self::required_in(&cap.sub, out),
            },
            HirKind::Literal(lit) if lit.0.len() >= MIN_NEEDED_LITERAL => {
                out.extend(std::str::from_utf8(&lit.0).map(|s| Needed::Literal(s.into())));
            }
            HirKind::Concat(subs) => subs.iter().for_each(|h| Self::required_in(h, out)),
            HirKind::Alternation(subs) => {
                let mut each = subs.iter().map(|h| {
                    let mut one = Vec::new();
                    Self::required_in(h, &mut one);
                    one
                });
                let mut common = each.next().unwrap_or_default();
                for other in each {
                    common.retain(|l| other.contains(l));
                }
                out.extend(common);
            }
            HirKind::Repetition(rep) if rep.min > 0 => Self::required_in(&rep.sub, out),
            _ => {}
        }
    }

    /// A pattern whose lexicons are placeholder characters, with each character put
    /// in an unnamed group of its own. The regex parser keeps such a group where it is
    /// written; bare characters would be merged into a class (`@a|@b` → `[ab]`),
    /// losing the order in which the alternatives are tried. Unnamed and three
    /// characters long, the groups parse fast: a pattern that names a speaker holds
    /// hundreds.
    pub fn grouped(pattern: &str) -> String {
        let mut out = String::with_capacity(pattern.len() + 64);
        for c in pattern.chars() {
            match lexicon_number(c).or_else(|| define_number(c)) {
                Some(_) => push_placeholder(&mut out, c),
                None => out.push(c),
            }
        }
        out
    }

    /// A grouped pattern with each lexicon written out as its regex, for the regex crate.
    pub fn inline(&self, grouped: &str) -> String {
        let written;
        let grouped = match self.defines() {
            Some(defines) if holds_define(grouped) => {
                written = defines.write_out(grouped);
                &written
            }
            _ => grouped,
        };
        let inlined = rewrite_placeholders(grouped, |c, out| {
            match lexicon_number(c).and_then(|i| self.regexes.get(i as usize)) {
                Some(regex) => {
                    out.push_str(regex);
                    true
                }
                None => false,
            }
        });
        self.classes.placeholders.restore(&inlined)
    }

    /// A grouped pattern, parsed, written out as far as the literals it begins with
    /// can reach: each lexicon group and class placeholder replaced by what it stands
    /// for, as parsing [`Lexicons::inline`]'s text would give, and each concatenation
    /// cut after its first part that no literal crosses (a class of more than
    /// `max_class` characters: the literal extractor stops there and reads no further).
    /// Spares parsing a lexicon's regex again for every pattern that names it, and
    /// writing out the long rest of a pattern. For a pattern that sets no flags, which
    /// would change how a lexicon's regex reads.
    pub fn literal_prefix(&self, hir: &Hir, max_class: u32) -> Option<Hir> {
        let each = |subs: &[Hir]| -> Option<Vec<Hir>> {
            subs.iter()
                .map(|h| self.literal_prefix(h, max_class))
                .collect()
        };
        Some(match hir.kind() {
            HirKind::Capture(cap) => match (lexicon_group(cap), class_group(cap)) {
                (Some(i), _) => {
                    let i = i as usize;
                    let parsed = self
                        .hirs
                        .get(i)?
                        .get_or_init(|| regex_syntax::parse(self.regexes.get(i)?).ok());
                    parsed.clone()?
                }
                (None, Some(k)) => {
                    let ranges = self.classes.placeholders.ranges(k)?;
                    let ranges = ranges
                        .iter()
                        .map(|&(lo, hi)| ClassUnicodeRange::new(lo, hi));
                    Hir::class(Class::Unicode(ClassUnicode::new(ranges)))
                }
                (None, None) => Hir::capture(Capture {
                    index: cap.index,
                    name: cap.name.clone(),
                    sub: Box::new(self.literal_prefix(&cap.sub, max_class)?),
                }),
            },
            HirKind::Concat(subs) => {
                let mut written = Vec::new();
                for sub in subs {
                    let sub = self.literal_prefix(sub, max_class)?;
                    let last = no_literal_crosses(&sub, max_class);
                    written.push(sub);
                    if last {
                        break;
                    }
                }
                Hir::concat(written)
            }
            HirKind::Alternation(subs) => Hir::alternation(each(subs)?),
            HirKind::Repetition(rep) => Hir::repetition(Repetition {
                min: rep.min,
                max: rep.max,
                greedy: rep.greedy,
                sub: Box::new(self.literal_prefix(&rep.sub, max_class)?),
            }),
            _ => hir.clone(),
        })
    }

    /// The lexicon a parsed part is, if it is one alone: its group, inside other
    /// groups and between zero-width tests (`(?<cue>\b@cue\b)`), which leave the
    /// literals a match begins with as they are.
    pub fn lone_lexicon(hir: &Hir) -> Option<u32> {
        match hir.kind() {
            HirKind::Capture(cap) => lexicon_group(cap).or_else(|| Self::lone_lexicon(&cap.sub)),
            HirKind::Concat(subs) => {
                let mut rest = subs
                    .iter()
                    .filter(|h| !matches!(h.kind(), HirKind::Look(_)));
                match (rest.next(), rest.next()) {
                    (Some(one), None) => Self::lone_lexicon(one),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// A grouped pattern with its Unicode classes written as placeholders (see
    /// `super::classes`), or as it is where it keeps them.
    pub fn with_class_placeholders(&self, grouped: String) -> String {
        self.classes
            .placeholders
            .substitute(&grouped)
            .unwrap_or(grouped)
    }

    /// The program of a grouped pattern, or why it cannot run here.
    pub fn program(&self, grouped: &str) -> Result<Program, Unsupported> {
        let hir = regex_syntax::parse(grouped).map_err(|e| e.to_string())?;
        let hir = match self.defines() {
            Some(defines) if holds_define(grouped) => {
                defines.splice(&hir).ok_or("a define does not parse")?
            }
            _ => hir,
        };
        self.program_of(grouped, &hir)
    }

    /// The program of a grouped pattern already parsed into `hir`.
    pub fn program_of(&self, grouped: &str, hir: &Hir) -> Result<Program, Unsupported> {
        self.program_of_parts(grouped, std::slice::from_ref(hir))
    }

    /// The program of the concatenation of `parts` of a grouped pattern, parsed.
    pub fn program_of_parts(&self, grouped: &str, parts: &[Hir]) -> Result<Program, Unsupported> {
        // A case-sensitive lexicon inside `(?i)` would fold case as a regex, but not
        // as an instruction.
        if folds_case(grouped) {
            return Err("it folds case with `(?i)`".into());
        }
        Program::compile(parts, &self.tries, Some(&self.classes))
    }
}

/// Whether every match of `hir` begins with a class of more than `max_class`
/// characters, which no literal of a bounded set crosses.
fn no_literal_crosses(hir: &Hir, max_class: u32) -> bool {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => {
            let mut count = 0u32;
            for r in class.ranges() {
                count = count.saturating_add(r.end() as u32 - r.start() as u32 + 1);
            }
            count > max_class
        }
        HirKind::Class(Class::Bytes(class)) => {
            let count: u32 = class
                .ranges()
                .iter()
                .map(|r| u32::from(r.end() - r.start()) + 1)
                .sum();
            count > max_class
        }
        HirKind::Repetition(rep) => rep.min > 0 && no_literal_crosses(&rep.sub, max_class),
        HirKind::Capture(cap) => no_literal_crosses(&cap.sub, max_class),
        _ => false,
    }
}

/// The lexicon a placeholder character stands for.
fn lexicon_number(c: char) -> Option<u32> {
    (c as u32)
        .checked_sub(LEXICON_BASE)
        .filter(|&i| i < MAX_LEXICONS)
}

/// The character of a placeholder group, parsed: an unnamed group holding one
/// character (a lexicon's, see `Lexicons::grouped`, or a class's, see
/// `super::classes`).
fn placeholder_char(cap: &Capture) -> Option<char> {
    if cap.name.is_some() {
        return None;
    }
    let HirKind::Literal(lit) = cap.sub.kind() else {
        return None;
    };
    let mut chars = std::str::from_utf8(&lit.0).ok()?.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// The lexicon a parsed lexicon group stands for.
fn lexicon_group(cap: &Capture) -> Option<u32> {
    placeholder_char(cap).and_then(lexicon_number)
}

/// The class a parsed class placeholder stands for.
fn class_group(cap: &Capture) -> Option<u32> {
    placeholder_char(cap).and_then(ClassPlaceholders::number)
}

/// Whether a pattern sets the `i` flag anywhere (`(?i)`, `(?xi:…)`, not `(?-i)`).
fn folds_case(pattern: &str) -> bool {
    pattern.match_indices("(?").any(|(i, _)| {
        let rest = &pattern[i + 2..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphabetic() || c == '-'))
            .unwrap_or(rest.len());
        rest[end..].starts_with([':', ')'])
            && rest[..end]
                .split('-')
                .next()
                .is_some_and(|on| on.contains('i'))
    })
}

/// The most `instructions × window` cells one search may remember (one bit each: 8 MB
/// per thread at most); a longer window (a figure rule over a document of megabytes,
/// a sentence of megabytes with no full stop) is searched by the regex crate instead.
const MAX_CELLS: usize = 1 << 26;

/// How many cells a long text's search remembers for one piece of its starts (see
/// [`Program::first_of`]): 512 KB per thread.
const PIECE_CELLS: usize = 1 << 22;
/// How far past a piece's last start a match of no known bound is taken to reach; one
/// that reaches further is searched by the regex crate.
const PIECE_REACH: usize = 1 << 12;
/// The fewest starts a piece covers.
const MIN_PIECE: usize = 1 << 10;

/// A compiled pattern. `Send + Sync`; the mutable state of a search lives in a
/// per-thread cache.
#[derive(Debug)]
pub struct Program {
    insts: Vec<Inst>,
    classes: Vec<Arc<CharClass>>,
    tries: Vec<Arc<Trie>>,
    /// Each named group and the first of its two slots.
    groups: Vec<(String, usize)>,
    /// Which first bytes a match may start with, and whether one may start (empty) at
    /// the end of the text.
    first: NextBytes,
    looks: LookMatcher,
    /// For each instruction that more than one path may reach (a jump's target, what
    /// follows a repeat or a lexicon), its row in the memory of tried positions; `NO_ROW`
    /// for the others, which are only reached from the instruction before them.
    rows: Vec<u16>,
    row_count: usize,
    /// The most bytes a match may span, when that is bounded (see `plan_max_len`).
    max_len: Option<usize>,
    follows: Vec<NextBytes>,
    /// Whether every match begins at the text's start (`^`): no other start is tried.
    at_text_start: bool,
}

/// How many ASCII characters a repeat's class must hold to have what follows it tested.
const WIDE_CLASS: u32 = 60;

/// The bytes with which the text may go on where a part of a program begins, and
/// whether it may begin at the text's end (the bit of 0xFF, a byte UTF-8 never holds):
/// every other place fails at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct NextBytes([u64; 4]);

/// The bit of [`NextBytes`] that stands for the text's end.
const END: u8 = 0xFF;

impl NextBytes {
    /// Anything may follow (a match may end here).
    const ANY: NextBytes = NextBytes([u64::MAX; 4]);
    const NONE: NextBytes = NextBytes([0; 4]);

    fn new(first: &[bool; 256], at_end: bool) -> NextBytes {
        let mut next = NextBytes::NONE;
        for b in (0..END).filter(|&b| first[b as usize]) {
            next.set(b);
        }
        if at_end {
            next.set(END);
        }
        next
    }

    /// The first bytes of a character of `class`: its ASCII bitmap as it is, and any lead
    /// byte of a longer character (0xC0 to 0xFE, not the end) if it holds one.
    fn of_class(class: &CharClass) -> NextBytes {
        let beyond_ascii = class.ranges.last().is_some_and(|&(_, hi)| !hi.is_ascii());
        NextBytes([
            class.ascii as u64,
            (class.ascii >> 64) as u64,
            0,
            if beyond_ascii { u64::MAX >> 1 } else { 0 },
        ])
    }

    fn set(&mut self, b: u8) {
        self.0[(b >> 6) as usize] |= 1 << (b & 63);
    }

    /// Takes in what `other` allows too.
    fn add(&mut self, other: &NextBytes) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine |= theirs;
        }
    }

    fn allows(&self, hay: &[u8], at: usize) -> bool {
        let b = hay.get(at).copied().unwrap_or(END);
        self.0[(b >> 6) as usize] >> (b & 63) & 1 == 1
    }
}

const NO_ROW: u16 = u16::MAX;

/// A split's target that anything may begin.
const NO_GUARD: u16 = u16::MAX;
const NO_GUARDS: [u16; 2] = [NO_GUARD; 2];

/// The first bytes of a program's lexicons, each worked out once by
/// [`Program::plan_next`] (a trie's first characters take a walk to find).
#[derive(Default)]
struct LexiconFirsts(Vec<Option<NextBytes>>);

impl LexiconFirsts {
    fn of(&mut self, program: &Program, l: u16) -> NextBytes {
        let i = l as usize;
        if self.0.len() <= i {
            self.0.resize(i + 1, None);
        }
        *self.0[i].get_or_insert_with(|| {
            let mut first = [false; 256];
            mark_lexicon(&mut first, &program.tries[i]);
            NextBytes::new(&first, false)
        })
    }
}

/// Where [`Program::plan_next`] is with an instruction.
#[derive(Clone, Copy, PartialEq)]
enum Plan {
    Todo,
    Busy,
    Done,
}

/// One step of a program. Addresses, and the indices of a program's classes, lexicons
/// and group slots, are 16 bits, so that an instruction takes 10 bytes (a pack's
/// programs hold most of a million); a pattern of [`MAX_INSTS`] instructions or more
/// runs on the regex crate.
#[derive(Debug, Clone, Copy)]
enum Inst {
    Byte(u8),
    Class(u16),
    /// `class{min,max}` (`max == UNBOUNDED`: no bound), one character at a time.
    Repeat {
        class: u16,
        min: u16,
        max: u16,
        greedy: bool,
        /// What may follow the repeat (a guard, as a split's), so that the rest of the
        /// pattern is tried only where it can begin.
        follow: u16,
    },
    Lexicon(u16),
    Look(LookBit),
    /// Try the first target, then the second; each is entered only where the text may
    /// begin it (an index into `Program::follows`, or `NO_GUARD`; see `plan_follows`).
    Split(u16, u16, [u16; 2]),
    Jump(u16),
    Save(u16),
    Match,
}

/// The most instructions a program may have (see [`Inst`]).
const MAX_INSTS: usize = u16::MAX as usize;
// What the 16-bit numbers are for: a wider field anywhere makes every instruction 16 bytes.
const _: () = assert!(std::mem::size_of::<Inst>() == 10);

/// A repeat's `max` when it has no bound; a bound as large runs on the regex crate.
const UNBOUNDED: u16 = u16::MAX;

/// A repeat's bound, as its count of characters is compared with it.
fn repeat_bound(max: u16) -> u32 {
    if max == UNBOUNDED {
        u32::MAX
    } else {
        u32::from(max)
    }
}

/// An instruction's address (or a class's, lexicon's or slot's index) as an
/// instruction holds it. A program that overflows one is refused as a whole once it is
/// compiled (`Program::compile`), so a truncated number is never run.
fn addr(i: usize) -> u16 {
    i as u16
}

/// An assertion, as the bit its [`Look`] stands for (a `Look` itself takes 4 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LookBit(u8);

impl LookBit {
    fn new(look: Look) -> LookBit {
        LookBit(look.as_repr().trailing_zeros() as u8)
    }

    fn look(self) -> Look {
        Look::from_repr(1 << self.0).unwrap_or(Look::Start)
    }
}

/// A set of characters: a bitmap for ASCII, sorted ranges for the rest.
#[derive(Debug)]
struct CharClass {
    ascii: u128,
    ranges: Vec<(char, char)>,
}

impl CharClass {
    fn new(ranges: Vec<(char, char)>) -> CharClass {
        let mut ascii = 0u128;
        for &(lo, hi) in &ranges {
            for c in (lo as u32)..=(hi as u32).min(127) {
                ascii |= 1 << c;
            }
        }
        CharClass { ascii, ranges }
    }

    /// The most bytes one of its characters takes in UTF-8.
    fn width(&self) -> usize {
        self.ranges
            .iter()
            .map(|&(_, hi)| hi.len_utf8())
            .max()
            .unwrap_or(1)
    }

    fn contains(&self, c: char) -> bool {
        if c.is_ascii() {
            return self.ascii >> (c as u32) & 1 == 1;
        }
        self.ranges
            .binary_search_by(|&(lo, hi)| {
                if hi < c {
                    std::cmp::Ordering::Less
                } else if lo > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }
}

/// Why a pattern cannot run here (it then runs on the regex crate).
pub type Unsupported = String;

impl Program {
    /// Compiles a pattern parsed from a grouped text (see [`Lexicons::grouped`]);
    /// `tries[i]` is lexicon `i`.
    #[cfg(test)]
    fn new(hir: &Hir, tries: &[Arc<Trie>]) -> Result<Program, Unsupported> {
        Program::compile(std::slice::from_ref(hir), tries, None)
    }

    /// [`Program::new`], taking its classes from `shared` where another program has
    /// one alike.
    /// The program of the concatenation of `parts`.
    fn compile(
        parts: &[Hir],
        tries: &[Arc<Trie>],
        shared: Option<&ClassTable>,
    ) -> Result<Program, Unsupported> {
        let mut c = Compiler {
            insts: Vec::new(),
            classes: Vec::new(),
            shared,
            all_tries: tries,
            tries: Vec::new(),
            used: Vec::new(),
            groups: Vec::new(),
            class_index: Default::default(),
        };
        for hir in parts {
            c.hir(hir)?;
        }
        c.insts.push(Inst::Match);
        // A program lives as long as the pack: it keeps no room to grow.
        c.insts.shrink_to_fit();
        c.classes.shrink_to_fit();
        if c.insts.len() >= MAX_INSTS {
            return Err("the pattern is too large".into());
        }
        let at_text_start = parts.first().is_some_and(|h| {
            h.properties()
                .look_set_prefix()
                .contains(regex_syntax::hir::Look::Start)
        });
        let mut program = Program {
            at_text_start,
            insts: c.insts,
            classes: c.classes,
            tries: c.tries,
            groups: c.groups,
            first: NextBytes::ANY,
            looks: LookMatcher::new(),
            rows: Vec::new(),
            row_count: 0,
            max_len: None,
            follows: Vec::new(),
        };
        program.plan_follows();
        program.plan_rows();
        program.max_len = program.plan_max_len();
        Ok(program)
    }

    /// The leftmost-first match in `hay` starting at or after `from`: its range and
    /// each named group that took part. `Err` when the window is too long to search here.
    pub fn captures_at<'p>(&'p self, hay: &str, from: usize) -> Result<Option<Found<'p>>, ()> {
        let starts = (from..=hay.len()).filter(|&start| self.may_start(hay, start));
        self.first_of(hay, from, starts)
    }

    /// The first match that starts at one of `starts` (increasing, none before `from`),
    /// by the order of the starts. A long text is searched a piece of starts at a time,
    /// each with the text its matches may reach (their bound, or [`PIECE_REACH`] past the
    /// piece; a path that goes further makes it `Err`, for the regex crate): the memory
    /// of tried positions stays small, and a document of megabytes runs on the program
    /// as a sentence does.
    fn first_of<'p>(
        &'p self,
        hay: &str,
        from: usize,
        starts: impl Iterator<Item = usize>,
    ) -> Result<Option<Found<'p>>, ()> {
        let reach = self.max_len.unwrap_or(PIECE_REACH);
        let piece = (PIECE_CELLS / self.row_count.max(1))
            .saturating_sub(reach)
            .max(MIN_PIECE);
        if hay.len() - from <= piece.saturating_add(reach) {
            return self.search(hay, from..hay.len(), None, |program, cache, hay, bounds| {
                program.first_match(cache, hay, bounds, starts)
            });
        }
        let mut starts = starts.peekable();
        while let Some(&lo) = starts.peek() {
            let upto = lo.saturating_add(piece);
            let reach = hay.len().min(upto.saturating_add(reach));
            let these = std::iter::from_fn(|| starts.next_if(|&start| start < upto));
            let found = self.search(hay, lo..reach, None, |program, cache, hay, bounds| {
                program.first_match(cache, hay, bounds, these)
            })?;
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }

    /// The match from the first of `starts` at which the program matches.
    fn first_match<'p>(
        &'p self,
        cache: &mut Cache,
        hay: &str,
        bounds: Bounds,
        mut starts: impl Iterator<Item = usize>,
    ) -> Option<Found<'p>> {
        starts.find_map(|start| {
            let end = self.run(cache, hay, bounds, start)?;
            Some((start..end, self.groups(cache)))
        })
    }

    /// Where the match that starts exactly at `start` ends, with its groups.
    pub fn captures_anchored<'p>(
        &'p self,
        hay: &str,
        start: usize,
    ) -> Result<Option<Found<'p>>, ()> {
        let reach = self.max_len.map_or(hay.len(), |max_len| {
            hay.len().min(start.saturating_add(max_len))
        });
        self.search(hay, start..reach, None, |program, cache, hay, bounds| {
            program.first_match(cache, hay, bounds, std::iter::once(start))
        })
    }

    /// The groups of the match that spans exactly `span` (found by another engine).
    pub fn captures_spanning<'p>(
        &'p self,
        hay: &str,
        span: Range<usize>,
    ) -> Result<Option<Found<'p>>, ()> {
        let start = span.start;
        self.search(
            hay,
            span.clone(),
            Some(span.end),
            |program, cache, hay, bounds| {
                program.run(cache, hay, bounds, start)?;
                Some((span, program.groups(cache)))
            },
        )
    }

    /// The leftmost match that starts at or after `from` and ends exactly at `end`,
    /// with its groups.
    pub fn captures_ending_at<'p>(
        &'p self,
        hay: &str,
        from: usize,
        end: usize,
    ) -> Result<Option<Found<'p>>, ()> {
        // No match of a bounded length starts further back than that length: over a
        // whole text, the search looks back that far, not to `from`.
        let from = self
            .max_len
            .map_or(from, |max_len| from.max(end.saturating_sub(max_len)));
        let starts = (from..=end).filter(|&start| self.may_start(hay, start));
        self.search(hay, from..end, Some(end), |program, cache, hay, bounds| {
            program.first_match(cache, hay, bounds, starts)
        })
    }

    /// The most bytes a match may span, when that is bounded.
    pub fn max_len(&self) -> Option<usize> {
        self.max_len
    }

    /// Runs `searching` with a fresh memory of what has been tried, for matches that
    /// lie in `window` (and end at `must_end`, if given).
    fn search<'p>(
        &'p self,
        hay: &str,
        window: Range<usize>,
        must_end: Option<usize>,
        searching: impl FnOnce(&'p Program, &mut Cache, &str, Bounds) -> Option<Found<'p>>,
    ) -> Result<Option<Found<'p>>, ()> {
        // Positions only grow and never pass a required end. A window that ends before
        // the text does is a guess at how far matches reach: a path that goes further
        // makes the search give up (`Err`), and the caller search another way.
        let last = must_end.unwrap_or(window.end);
        let width = last - window.start + 1;
        if self.row_count.saturating_mul(width) > MAX_CELLS {
            return Err(());
        }
        let bounds = Bounds {
            lo: window.start,
            last,
            must_end: must_end.is_some(),
        };
        CACHE.with(|cache| {
            let cache = &mut cache.borrow_mut();
            cache.reset(self.row_count * width, self.groups.len() * 2);
            let found = searching(self, cache, hay, bounds);
            if cache.overran {
                return Err(());
            }
            Ok(found)
        })
    }

    /// Whether the text at `at` may begin what a guard (of a split's target, or of what
    /// follows a repeat) stands for.
    fn may_enter(&self, guard: u16, bytes: &[u8], at: usize) -> bool {
        guard == NO_GUARD || self.follows[guard as usize].allows(bytes, at)
    }

    fn may_start(&self, hay: &str, start: usize) -> bool {
        (start == 0 || !self.at_text_start)
            && self.first.allows(hay.as_bytes(), start)
            && hay.is_char_boundary(start)
    }

    /// The named groups of the match just found.
    fn groups(&self, cache: &Cache) -> Vec<(&str, Range<usize>)> {
        self.groups
            .iter()
            .filter_map(|(name, slot)| {
                let (s, e) = (cache.slots[*slot], cache.slots[slot + 1]);
                (s != UNSET && e != UNSET).then_some((name.as_str(), s..e))
            })
            .collect()
    }

    /// Runs the program anchored at `start`; the end of the first match, by priority.
    fn run(&self, cache: &mut Cache, hay: &str, bounds: Bounds, start: usize) -> Option<usize> {
        let Bounds { lo, last, must_end } = bounds;
        let bytes = hay.as_bytes();
        cache.stack.clear();
        cache.stack.push(Frame::Step { pc: 0, at: start });
        while let Some(frame) = cache.stack.pop() {
            let (mut pc, mut at) = match frame {
                Frame::Step { pc, at } => (pc as usize, at),
                Frame::Restore { slot, old } => {
                    cache.slots[slot as usize] = old;
                    continue;
                }
                Frame::Lazy { pc, at, count } => {
                    // Take the rest of the pattern here first; one more character later.
                    // Only a repeat pushes a lazy frame.
                    let Inst::Repeat {
                        class, max, follow, ..
                    } = self.insts[pc as usize]
                    else {
                        continue;
                    };
                    if count < repeat_bound(max) {
                        if let Some(c) = char_at(hay, at) {
                            if self.classes[class as usize].contains(c) {
                                cache.stack.push(Frame::Lazy {
                                    pc,
                                    at: at + c.len_utf8(),
                                    count: count + 1,
                                });
                            }
                        }
                    }
                    if !self.may_enter(follow, bytes, at) {
                        continue;
                    }
                    (pc as usize + 1, at)
                }
            };
            loop {
                if at > last {
                    // Past the end a match must end at, or past the window's end.
                    cache.overran |= !must_end;
                    break;
                }
                let row = self.rows[pc];
                if row != NO_ROW {
                    let cell = (at - lo) * self.row_count + row as usize;
                    if cache.tried(cell) {
                        break;
                    }
                }
                match self.insts[pc] {
                    Inst::Byte(b) => {
                        if bytes.get(at) != Some(&b) {
                            break;
                        }
                        pc += 1;
                        at += 1;
                    }
                    Inst::Class(k) => match char_at(hay, at) {
                        Some(c) if self.classes[k as usize].contains(c) => {
                            pc += 1;
                            at += c.len_utf8();
                        }
                        _ => break,
                    },
                    Inst::Repeat {
                        class,
                        min,
                        max,
                        greedy,
                        follow,
                    } => {
                        let class = &self.classes[class as usize];
                        let (min, max) = (u32::from(min), repeat_bound(max));
                        let mut count = 0;
                        let mut p = at;
                        if greedy {
                            // Every count from `min` on, the most characters tried first.
                            loop {
                                if p > last {
                                    cache.overran |= !must_end;
                                    break;
                                }
                                if count >= min && self.may_enter(follow, bytes, p) {
                                    cache.stack.push(Frame::Step {
                                        pc: pc as u32 + 1,
                                        at: p,
                                    });
                                }
                                match char_at(hay, p) {
                                    Some(c) if count < max && class.contains(c) => {
                                        p += c.len_utf8();
                                        count += 1;
                                    }
                                    _ => break,
                                }
                            }
                        } else {
                            while count < min {
                                match char_at(hay, p) {
                                    Some(c) if class.contains(c) => {
                                        p += c.len_utf8();
                                        count += 1;
                                    }
                                    _ => break,
                                }
                            }
                            if count == min {
                                cache.stack.push(Frame::Lazy {
                                    pc: pc as u32,
                                    at: p,
                                    count,
                                });
                            }
                        }
                        break;
                    }
                    Inst::Lexicon(l) => {
                        cache.ends.clear();
                        self.tries[l as usize].ends(hay, at, &mut cache.ends);
                        for &end in cache.ends.iter().rev() {
                            cache.stack.push(Frame::Step {
                                pc: pc as u32 + 1,
                                at: end,
                            });
                        }
                        break;
                    }
                    Inst::Look(look) => {
                        if !self.looks.matches(look.look(), bytes, at) {
                            break;
                        }
                        pc += 1;
                    }
                    Inst::Split(first, second, [guard_first, guard_second]) => {
                        if self.may_enter(guard_second, bytes, at) {
                            cache.stack.push(Frame::Step {
                                pc: u32::from(second),
                                at,
                            });
                        }
                        if !self.may_enter(guard_first, bytes, at) {
                            break;
                        }
                        pc = first as usize;
                    }
                    Inst::Jump(to) => pc = to as usize,
                    Inst::Save(slot) => {
                        cache.stack.push(Frame::Restore {
                            slot: u32::from(slot),
                            old: cache.slots[slot as usize],
                        });
                        cache.slots[slot as usize] = at;
                        pc += 1;
                    }
                    Inst::Match => {
                        if must_end && at != last {
                            break;
                        }
                        return Some(at);
                    }
                }
            }
        }
        None
    }

    /// Numbers the instructions that need remembering (see `rows`): fewer than
    /// [`MAX_INSTS`], so a row's number is never [`NO_ROW`].
    fn plan_rows(&mut self) {
        let mut joins = vec![false; self.insts.len()];
        joins[0] = true;
        for (pc, inst) in self.insts.iter().enumerate() {
            match *inst {
                Inst::Split(a, b, _) => {
                    joins[a as usize] = true;
                    joins[b as usize] = true;
                }
                Inst::Jump(to) => joins[to as usize] = true,
                Inst::Repeat { .. } | Inst::Lexicon(_) => joins[pc + 1] = true,
                _ => {}
            }
        }
        let mut next = 0;
        self.rows = joins
            .iter()
            .map(|&join| {
                if join {
                    next += 1;
                    next - 1
                } else {
                    NO_ROW
                }
            })
            .collect();
        self.row_count = usize::from(next);
    }

    /// The most bytes a match may span, or None when it has no bound (a loop, an
    /// unbounded repeat, a lexicon of several words). A search for a match that must end
    /// at a place need not look further back than this.
    fn plan_max_len(&self) -> Option<usize> {
        // Only a loop jumps back; without one, every path runs forward and the longest
        // from each instruction is known once those after it are.
        let mut longest: Vec<Option<usize>> = vec![None; self.insts.len() + 1];
        for pc in (0..self.insts.len()).rev() {
            let after = |to: usize| longest.get(to).copied().flatten();
            longest[pc] = match self.insts[pc] {
                Inst::Match => Some(0),
                Inst::Byte(_) => Some(1 + after(pc + 1)?),
                Inst::Class(k) => Some(self.classes[k as usize].width() + after(pc + 1)?),
                Inst::Repeat { class, max, .. } => {
                    let each = self.classes[class as usize].width();
                    (max != UNBOUNDED).then_some(())?;
                    Some((max as usize).checked_mul(each)? + after(pc + 1)?)
                }
                Inst::Lexicon(l) => Some(self.tries[l as usize].max_len()? + after(pc + 1)?),
                Inst::Look(_) | Inst::Save(_) => after(pc + 1),
                Inst::Split(a, b, _) if a as usize > pc && b as usize > pc => {
                    Some(after(a as usize)?.max(after(b as usize)?))
                }
                Inst::Jump(to) if to as usize > pc => after(to as usize),
                Inst::Split(..) | Inst::Jump(_) => return None,
            };
        }
        longest[0]
    }

    /// Works out which bytes a match may start with (`first`) and the guards: what each
    /// split's targets may begin with, and what may follow each repeat (see [`Inst`]).
    fn plan_follows(&mut self) {
        let next = self.plan_next();
        self.first = next[0];
        let mut known: foldhash::HashMap<NextBytes, u16> = foldhash::HashMap::default();
        let follows = &mut self.follows;
        // The guard of what may come at `pc`, each set of bytes kept once.
        let mut guard = |pc: usize| {
            if next[pc] == NextBytes::ANY {
                return NO_GUARD;
            }
            *known.entry(next[pc]).or_insert_with(|| {
                // Past the last guard a u16 holds, the rest go unguarded.
                let k = u16::try_from(follows.len()).unwrap_or(NO_GUARD);
                if k != NO_GUARD {
                    follows.push(next[pc]);
                }
                k
            })
        };
        for pc in 0..self.insts.len() {
            match &mut self.insts[pc] {
                Inst::Split(a, b, guards) => *guards = [guard(*a as usize), guard(*b as usize)],
                // Worth it where a repeat may run long over most characters: `.`, `[^,]`,
                // `\S`, `\w`.
                Inst::Repeat {
                    class, max, follow, ..
                } if *max > 1 && self.classes[*class as usize].ascii.count_ones() >= WIDE_CLASS => {
                    *follow = guard(pc + 1);
                }
                _ => {}
            }
        }
        self.follows.shrink_to_fit();
    }

    /// For each instruction, the bytes the text may go on with where the program is
    /// there, and whether it may be at the text's end; [`NextBytes::ANY`] where it may
    /// match without reading anything. Each instruction is worked out once, after those
    /// it leads to without reading. (The compiler refuses a loop that reads nothing; on
    /// one, anything would be taken to follow.)
    fn plan_next(&self) -> Vec<NextBytes> {
        let n = self.insts.len();
        let mut state = vec![Plan::Todo; n];
        let mut next = vec![NextBytes::ANY; n];
        let mut stack = Vec::new();
        let mut firsts = LexiconFirsts::default();
        for root in 0..n {
            stack.push((root, false));
            while let Some((pc, expanded)) = stack.pop() {
                if expanded {
                    // Not yet done: on a loop that reads nothing (see above).
                    let after = |to: usize| match state[to] {
                        Plan::Done => next[to],
                        _ => NextBytes::ANY,
                    };
                    next[pc] = self.next_here(pc, &mut firsts, after);
                    state[pc] = Plan::Done;
                    continue;
                }
                if state[pc] != Plan::Todo {
                    continue;
                }
                state[pc] = Plan::Busy;
                stack.push((pc, true));
                for to in self.without_reading(pc).into_iter().flatten() {
                    if state[to] == Plan::Todo {
                        stack.push((to, false));
                    }
                }
            }
        }
        next
    }

    /// The instructions `pc` goes on to without reading a character.
    fn without_reading(&self, pc: usize) -> [Option<usize>; 2] {
        match self.insts[pc] {
            Inst::Repeat { min: 0, .. } | Inst::Look(_) | Inst::Save(_) => [Some(pc + 1), None],
            Inst::Split(a, b, _) => [Some(a as usize), Some(b as usize)],
            Inst::Jump(to) => [Some(to as usize), None],
            _ => [None, None],
        }
    }

    /// What the text may go on with at `pc`, given `after(to)` for the instructions it
    /// goes on to without reading.
    fn next_here(
        &self,
        pc: usize,
        firsts: &mut LexiconFirsts,
        after: impl Fn(usize) -> NextBytes,
    ) -> NextBytes {
        let mut next = NextBytes::NONE;
        match self.insts[pc] {
            Inst::Byte(b) => next.set(b),
            Inst::Class(k) => next = NextBytes::of_class(&self.classes[k as usize]),
            Inst::Repeat { class, min, .. } => {
                next = NextBytes::of_class(&self.classes[class as usize]);
                if min == 0 {
                    next.add(&after(pc + 1));
                }
            }
            Inst::Lexicon(l) => next = firsts.of(self, l),
            // Only the text's end, or a line's end, is the end.
            Inst::Look(look) if look.look() == Look::End => next.set(END),
            Inst::Look(look) if matches!(look.look(), Look::EndLF | Look::EndCRLF) => {
                next.set(b'\n');
                next.set(b'\r');
                next.set(END);
            }
            Inst::Look(_) | Inst::Save(_) => next = after(pc + 1),
            Inst::Jump(to) => next = after(to as usize),
            Inst::Split(a, b, _) => {
                next = after(a as usize);
                next.add(&after(b as usize));
            }
            Inst::Match => next = NextBytes::ANY,
        }
        next
    }
}

/// How many characters of a pattern's first steps a [`StartAtom`] reads.
const ATOM_STEPS: usize = 3;
/// Beyond this many ways to begin, a program keeps only its first-byte test.
const MAX_ATOMS: usize = 48;

/// One way a match may begin: zero-width tests and up to [`ATOM_STEPS`] characters
/// read in a straight line, or ending in a lexicon entry. Every match of a program
/// begins with one of its atoms, so the positions where none holds need no search.
#[derive(Clone, Debug)]
pub struct StartAtom {
    steps: Vec<AtomStep>,
}

#[derive(Clone, Debug)]
enum AtomStep {
    Look(Look),
    Byte(u8),
    Class(Arc<CharClass>),
    Lexicon(Arc<Trie>),
}

impl PartialEq for AtomStep {
    fn eq(&self, other: &AtomStep) -> bool {
        match (self, other) {
            (AtomStep::Look(a), AtomStep::Look(b)) => a == b,
            (AtomStep::Byte(a), AtomStep::Byte(b)) => a == b,
            (AtomStep::Class(a), AtomStep::Class(b)) => a.ascii == b.ascii && a.ranges == b.ranges,
            (AtomStep::Lexicon(a), AtomStep::Lexicon(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Eq for AtomStep {}

impl std::hash::Hash for AtomStep {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        std::mem::discriminant(self).hash(state);
        match self {
            AtomStep::Look(l) => l.as_repr().hash(state),
            AtomStep::Byte(b) => b.hash(state),
            AtomStep::Class(c) => (c.ascii, &c.ranges).hash(state),
            AtomStep::Lexicon(t) => (Arc::as_ptr(t) as usize).hash(state),
        }
    }
}

impl PartialEq for StartAtom {
    fn eq(&self, other: &StartAtom) -> bool {
        self.steps == other.steps
    }
}

impl Eq for StartAtom {}

impl std::hash::Hash for StartAtom {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.steps.hash(state);
    }
}

impl StartAtom {
    /// Whether a match may begin at `at` this way.
    pub fn holds(&self, hay: &str, at: usize, looks: &LookMatcher) -> bool {
        let bytes = hay.as_bytes();
        let mut at = at;
        for step in &self.steps {
            match step {
                AtomStep::Look(look) => {
                    if !looks.matches(*look, bytes, at) {
                        return false;
                    }
                }
                AtomStep::Byte(b) => {
                    if bytes.get(at) != Some(b) {
                        return false;
                    }
                    at += 1;
                }
                AtomStep::Class(class) => match char_at(hay, at) {
                    Some(c) if class.contains(c) => at += c.len_utf8(),
                    _ => return false,
                },
                AtomStep::Lexicon(trie) => return trie.matches_at(hay, at),
            }
        }
        true
    }

    /// The zero-width test the atom opens with, if any.
    pub fn first_look(&self) -> Option<Look> {
        match self.steps.first() {
            Some(AtomStep::Look(look)) => Some(*look),
            _ => None,
        }
    }

    /// The first bytes a text may have at a position where the atom holds.
    pub fn first_bytes(&self) -> [bool; 256] {
        let mut first = [false; 256];
        match self.steps.iter().find(|s| !matches!(s, AtomStep::Look(_))) {
            Some(AtomStep::Byte(b)) => first[*b as usize] = true,
            Some(AtomStep::Class(class)) => mark_class(&mut first, class),
            Some(AtomStep::Lexicon(trie)) => mark_lexicon(&mut first, trie),
            _ => first = [true; 256],
        }
        first
    }
}

impl Program {
    /// The ways a match of this program may begin, or None when a match may be empty
    /// or begins in too many ways to be worth testing.
    pub fn start_atoms(&self) -> Option<Vec<StartAtom>> {
        let mut atoms: Vec<StartAtom> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut todo: Vec<(usize, Vec<AtomStep>)> = vec![(0, Vec::new())];
        while let Some((pc, looks)) = todo.pop() {
            if atoms.len() > MAX_ATOMS {
                return None;
            }
            if !seen.insert((pc, looks.clone())) {
                continue;
            }
            let with = |step: AtomStep| {
                let mut steps = looks.clone();
                steps.push(step);
                steps
            };
            match self.insts[pc] {
                Inst::Save(_) => todo.push((pc + 1, looks)),
                Inst::Look(look) => todo.push((pc + 1, with(AtomStep::Look(look.look())))),
                Inst::Split(a, b, _) => {
                    todo.push((b as usize, looks.clone()));
                    todo.push((a as usize, looks));
                }
                Inst::Jump(to) => todo.push((to as usize, looks)),
                Inst::Match => return None,
                Inst::Lexicon(l) => atoms.push(StartAtom {
                    steps: with(AtomStep::Lexicon(Arc::clone(&self.tries[l as usize]))),
                }),
                Inst::Repeat { class, min, .. } => {
                    if min == 0 {
                        todo.push((pc + 1, looks.clone()));
                    }
                    atoms.push(StartAtom {
                        steps: with(AtomStep::Class(Arc::clone(&self.classes[class as usize]))),
                    });
                }
                Inst::Byte(_) | Inst::Class(_) => atoms.push(StartAtom {
                    steps: self.straight_steps(pc, looks),
                }),
            }
        }
        let mut unique = Vec::new();
        for atom in atoms {
            if !unique.contains(&atom) {
                unique.push(atom);
            }
        }
        Some(unique)
    }

    /// The steps a path must take from `pc` on while it runs in a straight line (one
    /// character or test after another), up to [`ATOM_STEPS`] characters.
    fn straight_steps(&self, mut pc: usize, mut steps: Vec<AtomStep>) -> Vec<AtomStep> {
        let mut read = 0;
        while read < ATOM_STEPS {
            match self.insts[pc] {
                Inst::Byte(b) => {
                    steps.push(AtomStep::Byte(b));
                    read += 1;
                }
                Inst::Class(k) => {
                    steps.push(AtomStep::Class(Arc::clone(&self.classes[k as usize])));
                    read += 1;
                }
                Inst::Look(look) => steps.push(AtomStep::Look(look.look())),
                Inst::Save(_) => {}
                _ => break,
            }
            pc += 1;
        }
        steps
    }

    /// Like [`Program::captures_at`], trying only the `starts` (sorted) at or after
    /// `from`: the positions where one of [`Program::start_atoms`] holds.
    pub fn captures_among<'p>(
        &'p self,
        hay: &str,
        from: usize,
        starts: &[u32],
    ) -> Result<Option<Found<'p>>, ()> {
        let first = starts.partition_point(|&s| (s as usize) < from);
        let starts = starts[first..].iter().map(|&start| start as usize);
        self.first_of(hay, from, starts)
    }
}

fn mark_lexicon(first: &mut [bool; 256], trie: &Trie) {
    for c in trie.first_chars() {
        mark_char(first, c);
        mark_char(first, c.to_ascii_uppercase());
        mark_char(first, c.to_ascii_lowercase());
        if !c.is_ascii() {
            // Case folding beyond ASCII: any multibyte start.
            first[0xC0..].iter_mut().for_each(|b| *b = true);
        }
    }
}

fn mark_char(first: &mut [bool; 256], c: char) {
    first[c.encode_utf8(&mut [0; 4]).as_bytes()[0] as usize] = true;
}

fn mark_class(first: &mut [bool; 256], class: &CharClass) {
    for b in 0..128u8 {
        if class.ascii >> b & 1 == 1 {
            first[b as usize] = true;
        }
    }
    for &(_, hi) in &class.ranges {
        if !hi.is_ascii() {
            first[0xC0..].iter_mut().for_each(|b| *b = true);
            break;
        }
    }
}

fn char_at(hay: &str, at: usize) -> Option<char> {
    hay.get(at..)?.chars().next()
}

/// Turns a syntax tree into instructions.
struct Compiler<'t> {
    insts: Vec<Inst>,
    classes: Vec<Arc<CharClass>>,
    shared: Option<&'t ClassTable>,
    all_tries: &'t [Arc<Trie>],
    tries: Vec<Arc<Trie>>,
    /// Which pack lexicon each entry of `tries` is.
    used: Vec<usize>,
    groups: Vec<(String, usize)>,
    /// Where each shared class is in `classes`, by its address: a class the pattern
    /// names many times (`\p{L}`) is kept once.
    class_index: foldhash::HashMap<*const CharClass, u16>,
}

impl Compiler<'_> {
    fn push(&mut self, inst: Inst) -> usize {
        self.insts.push(inst);
        self.insts.len() - 1
    }

    fn here(&self) -> u16 {
        addr(self.insts.len())
    }

    fn hir(&mut self, hir: &Hir) -> Result<(), Unsupported> {
        match hir.kind() {
            HirKind::Empty => {}
            HirKind::Literal(lit) => self.literal(&lit.0)?,
            HirKind::Class(Class::Unicode(class)) => {
                let ranges: Vec<(char, char)> = class
                    .ranges()
                    .iter()
                    .map(|r| (r.start(), r.end()))
                    .collect();
                match self.lexicon_of(&ranges) {
                    Some(l) => {
                        self.push(Inst::Lexicon(l));
                    }
                    None => {
                        let k = self.class(ranges);
                        self.push(Inst::Class(k));
                    }
                }
            }
            HirKind::Class(Class::Bytes(_)) => return Err("it has a class of bytes".into()),
            HirKind::Look(look) => {
                let look = Look::from_repr(look.as_repr()).ok_or("an unknown assertion")?;
                self.push(Inst::Look(LookBit::new(look)));
            }
            HirKind::Capture(cap) => match &cap.name {
                Some(name) => {
                    // A group repeated (`(?<g>…){2}`) is one group: its copies share slots.
                    let slot = match self.groups.iter().find(|(n, _)| **n == **name) {
                        Some(&(_, slot)) => slot,
                        None => {
                            self.groups.push((name.to_string(), self.groups.len() * 2));
                            self.groups.len() * 2 - 2
                        }
                    };
                    self.push(Inst::Save(addr(slot)));
                    self.hir(&cap.sub)?;
                    self.push(Inst::Save(addr(slot + 1)));
                }
                // A class's placeholder; a lexicon's is a literal, which `literal` reads.
                None => match class_group(cap) {
                    Some(k) => {
                        let k = self.placeholder(k).ok_or("an unknown class")?;
                        self.push(Inst::Class(k));
                    }
                    None => self.hir(&cap.sub)?,
                },
            },
            HirKind::Concat(parts) => {
                for part in parts {
                    self.hir(part)?;
                }
            }
            HirKind::Alternation(alternatives) => {
                let mut jumps = Vec::new();
                let last = alternatives.len() - 1;
                for (i, alternative) in alternatives.iter().enumerate() {
                    if i == last {
                        self.hir(alternative)?;
                        break;
                    }
                    let split = self.push(Inst::Split(0, 0, NO_GUARDS));
                    self.hir(alternative)?;
                    jumps.push(self.push(Inst::Jump(0)));
                    self.insts[split] = Inst::Split(addr(split + 1), self.here(), NO_GUARDS);
                }
                let end = self.here();
                for j in jumps {
                    self.insts[j] = Inst::Jump(end);
                }
            }
            HirKind::Repetition(rep) => {
                // The order in which the regex crate tries empty turns of a loop is
                // its own; such patterns stay with it.
                if rep.max != Some(1) && rep.sub.properties().minimum_len() == Some(0) {
                    return Err("it repeats a part that may match nothing".into());
                }
                let bound = |n: u32| u16::try_from(n).ok().filter(|&n| n != UNBOUNDED);
                let (Some(min), Some(max)) =
                    (bound(rep.min), rep.max.map_or(Some(UNBOUNDED), bound))
                else {
                    return Err("it repeats a part too many times".into());
                };
                if let Some(class) = self.single_class(&rep.sub) {
                    self.push(Inst::Repeat {
                        class,
                        min,
                        max,
                        greedy: rep.greedy,
                        follow: NO_GUARD,
                    });
                    return Ok(());
                }
                for _ in 0..rep.min {
                    self.hir(&rep.sub)?;
                }
                let prefer = |split: usize, skip: u16| {
                    let take = addr(split + 1);
                    if rep.greedy {
                        Inst::Split(take, skip, NO_GUARDS)
                    } else {
                        Inst::Split(skip, take, NO_GUARDS)
                    }
                };
                match rep.max {
                    None => {
                        let split = self.push(Inst::Split(0, 0, NO_GUARDS));
                        self.hir(&rep.sub)?;
                        self.push(Inst::Jump(addr(split)));
                        self.insts[split] = prefer(split, self.here());
                    }
                    Some(max) => {
                        let mut splits = Vec::new();
                        for _ in rep.min..max {
                            splits.push(self.push(Inst::Split(0, 0, NO_GUARDS)));
                            self.hir(&rep.sub)?;
                        }
                        let end = self.here();
                        for split in splits {
                            self.insts[split] = prefer(split, end);
                        }
                    }
                }
                if self.insts.len() >= MAX_INSTS {
                    return Err("the pattern is too large".into());
                }
            }
        }
        Ok(())
    }

    fn literal(&mut self, bytes: &[u8]) -> Result<(), Unsupported> {
        let text = std::str::from_utf8(bytes).map_err(|_| "it has a literal of bytes")?;
        for c in text.chars() {
            match self.lexicon_of(&[(c, c)]) {
                Some(l) => {
                    self.push(Inst::Lexicon(l));
                }
                None => {
                    for &b in c.encode_utf8(&mut [0; 4]).as_bytes() {
                        self.push(Inst::Byte(b));
                    }
                }
            }
        }
        Ok(())
    }

    /// The lexicon a one-character class stands for, added to the program's tries.
    fn lexicon_of(&mut self, ranges: &[(char, char)]) -> Option<u16> {
        let [(lo, hi)] = ranges else { return None };
        let i = (*lo as u32).checked_sub(LEXICON_BASE)? as usize;
        if lo != hi || i >= self.all_tries.len() {
            return None;
        }
        let local = match self.used.iter().position(|&u| u == i) {
            Some(local) => local,
            None => {
                self.used.push(i);
                self.tries.push(Arc::clone(&self.all_tries[i]));
                self.tries.len() - 1
            }
        };
        Some(addr(local))
    }

    /// The class of a repeat of one character (`[^,]{0,40}`, `\s+`), if it is one.
    fn single_class(&mut self, hir: &Hir) -> Option<u16> {
        let ranges = match hir.kind() {
            HirKind::Capture(cap) => return self.placeholder(class_group(cap)?),
            HirKind::Class(Class::Unicode(class)) => class
                .ranges()
                .iter()
                .map(|r| (r.start(), r.end()))
                .collect(),
            HirKind::Literal(lit) => {
                let text = std::str::from_utf8(&lit.0).ok()?;
                let mut chars = text.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                vec![(c, c)]
            }
            _ => return None,
        };
        let is_lexicon = match ranges[..] {
            [(lo, hi)] => lo == hi && (lo as u32) >= LEXICON_BASE,
            _ => false,
        };
        (!is_lexicon).then(|| self.class(ranges))
    }

    /// Class placeholder `k`'s class, added to the program's classes.
    fn placeholder(&mut self, k: u32) -> Option<u16> {
        let class = self.shared?.placeholder(k)?;
        Some(self.add_class(class))
    }

    fn class(&mut self, ranges: Vec<(char, char)>) -> u16 {
        let class = match self.shared {
            Some(table) => table.class(ranges),
            None => Arc::new(CharClass::new(ranges)),
        };
        self.add_class(class)
    }

    /// The index of `class` in the program's classes, added if it is not there yet.
    fn add_class(&mut self, class: Arc<CharClass>) -> u16 {
        let classes = &mut self.classes;
        *self
            .class_index
            .entry(Arc::as_ptr(&class))
            .or_insert_with(|| {
                classes.push(class);
                addr(classes.len() - 1)
            })
    }
}

/// A match and its named groups.
pub type Found<'p> = (Range<usize>, Vec<(&'p str, Range<usize>)>);

/// Where a search's positions lie: from `lo` to `last`; and whether a match must end
/// at `last` (else `last` is only where the window ends).
#[derive(Clone, Copy)]
struct Bounds {
    lo: usize,
    last: usize,
    must_end: bool,
}

/// No group has been matched yet.
const UNSET: usize = usize::MAX;

enum Frame {
    Step {
        pc: u32,
        at: usize,
    },
    Restore {
        slot: u32,
        old: usize,
    },
    /// A lazy repeat that has taken `count` characters, up to `at`.
    Lazy {
        pc: u32,
        at: usize,
        count: u32,
    },
}

/// What a search needs to write, kept per thread and reused.
#[derive(Default)]
struct Cache {
    stack: Vec<Frame>,
    /// One bit per (instruction, position): tried in this search. A bit set is far
    /// denser than a generation number per cell, so a search stays in the processor's
    /// cache; only the words the last search touched are cleared.
    visited: Vec<u64>,
    /// The words of `visited` that hold bits set. A search over a long text touches
    /// words far apart (a row of instructions per position): clearing them one by one
    /// costs what the search wrote, not the span between them.
    dirty: Vec<usize>,
    slots: Vec<usize>,
    ends: Vec<usize>,
    /// Whether a path of this search went past its window's end.
    overran: bool,
}

impl Cache {
    /// Prepares for a search: every cell untried.
    fn reset(&mut self, cells: usize, slots: usize) {
        for &word in &self.dirty {
            self.visited[word] = 0;
        }
        self.dirty.clear();
        self.overran = false;
        let words = cells.div_ceil(64);
        if self.visited.len() < words {
            self.visited.resize(words, 0);
        }
        self.slots.clear();
        self.slots.resize(slots, UNSET);
    }

    /// Whether `cell` was tried before in this search; marks it tried.
    fn tried(&mut self, cell: usize) -> bool {
        let (word, bit) = (cell / 64, 1u64 << (cell % 64));
        let bits = self.visited[word];
        if bits & bit != 0 {
            return true;
        }
        if bits == 0 {
            self.dirty.push(word);
        }
        self.visited[word] = bits | bit;
        false
    }
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both engines on `pattern` (no lexicons) and `text`: whole match and groups.
    fn agree(pattern: &str, texts: &[&str]) {
        let hir = regex_syntax::parse(pattern).unwrap();
        let Ok(program) = Program::new(&hir, &[]) else {
            return;
        };
        let re = regex::Regex::new(pattern).unwrap();
        for text in texts {
            let ours = program
                .captures_at(text, 0)
                .unwrap()
                .map(|(whole, mut groups): Found| {
                    groups.sort_by_key(|g| g.0);
                    (
                        whole,
                        groups
                            .into_iter()
                            .map(|(n, r)| (n.to_string(), r))
                            .collect::<Vec<_>>(),
                    )
                });
            let theirs = re.captures(text).map(|c| {
                let mut groups: Vec<(String, Range<usize>)> = re
                    .capture_names()
                    .enumerate()
                    .filter_map(|(i, n)| Some((n?.to_string(), c.get(i)?.range())))
                    .collect();
                groups.sort_by(|a, b| a.0.cmp(&b.0));
                (c.get(0).unwrap().range(), groups)
            });
            assert_eq!(ours, theirs, "{pattern} on {text:?}");
            starts_are_covered(&program, text);
        }
    }

    /// Wherever the program matches, one of its start atoms holds; and searching only
    /// where one holds finds the same match as searching everywhere.
    fn starts_are_covered(program: &Program, text: &str) {
        let Some(atoms) = program.start_atoms() else {
            return;
        };
        let looks = LookMatcher::new();
        let starts: Vec<u32> = (0..text.len())
            .filter(|&at| text.is_char_boundary(at))
            .filter(|&at| atoms.iter().any(|a| a.holds(text, at, &looks)))
            .map(|at| at as u32)
            .collect();
        for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
            if let Ok(Some(_)) = program.captures_anchored(text, at) {
                assert!(
                    starts.contains(&(at as u32)),
                    "no atom holds at {at} in {text:?}"
                );
            }
        }
        let everywhere = program.captures_at(text, 0).unwrap().map(|f| f.0);
        let among = program
            .captures_among(text, 0, &starts)
            .unwrap()
            .map(|f| f.0);
        assert_eq!(everywhere, among, "{text:?}");
    }

    #[test]
    fn the_lexicons_every_match_walks_are_required() {
        let at = |i: u32| char::from_u32(LEXICON_BASE + i).unwrap();
        let pattern = format!(
            "a{}(?:b{}|c{})(?:{})?(?:{}|d)",
            at(1),
            at(2),
            at(2),
            at(3),
            at(4)
        );
        let hir = regex_syntax::parse(&Lexicons::grouped(&pattern)).unwrap();
        let mut required = Vec::new();
        Lexicons::required_in(&hir, &mut required);
        required.sort_unstable();
        required.dedup();
        assert_eq!(required, [Needed::Lexicon(1), Needed::Lexicon(2)]);
        let hir = regex_syntax::parse("(?:said|told) (?:that|whether) (?:he|she) would(?: not)?")
            .unwrap();
        let mut required = Vec::new();
        Lexicons::required_in(&hir, &mut required);
        assert_eq!(required, [Needed::Literal(" would".into())]);
    }

    #[test]
    fn a_case_sensitive_lexicon_may_occur_only_where_a_first_word_does() {
        let lexicons = Lexicons::new(
            &[
                lexicon(true, &["made it clear", "warned"]),
                lexicon(false, &["said"]),
            ],
            vec![String::new(), String::new()],
        );
        // The trie takes any run of white space between words: the first word decides.
        assert!(lexicons.may_occur(0, "She made\u{a0} it clear."));
        assert!(lexicons.may_occur(0, "It was unwarned."));
        assert!(!lexicons.may_occur(0, "She Made it clear."));
        // A lexicon that folds case may match letters an automaton would not: always may.
        assert!(lexicons.may_occur(1, "no such word"));
    }

    fn lexicon(case_sensitive: bool, surfaces: &[&str]) -> super::super::Lexicon {
        super::super::Lexicon::of_words(case_sensitive, surfaces)
    }

    /// Both engines on a pattern whose `@0`, `@1` … are the given lexicons.
    /// The program of `pattern`, whose `@i` is lexicon `i`, and the same pattern with
    /// the lexicons written out as regexes.
    fn with_lexicons(pattern: &str, lexicons: &[super::super::Lexicon]) -> (Program, String) {
        let mut inlined = pattern.to_string();
        let mut placeholders = pattern.to_string();
        for (i, lex) in lexicons.iter().enumerate().rev() {
            let c = char::from_u32(LEXICON_BASE + i as u32).unwrap();
            inlined = inlined.replace(&format!("@{i}"), &lex.to_regex());
            placeholders = placeholders.replace(&format!("@{i}"), &c.to_string());
        }
        let tries: Vec<_> = lexicons.iter().map(|l| l.trie()).collect();
        let lexicons = Lexicons {
            regexes: Vec::new(),
            hirs: Vec::new(),
            tries,
            first_words: Vec::new(),
            classes: ClassTable::default(),
            defines: OnceLock::new(),
        };
        let program = lexicons.program(&Lexicons::grouped(&placeholders)).unwrap();
        (program, inlined)
    }

    fn agree_with_lexicons(pattern: &str, lexicons: &[super::super::Lexicon], texts: &[&str]) {
        let (program, inlined) = with_lexicons(pattern, lexicons);
        let re = regex::Regex::new(&inlined).unwrap();
        for text in texts {
            let ours = program
                .captures_at(text, 0)
                .unwrap()
                .map(|(whole, _)| whole);
            let theirs = re.find(text).map(|m| m.range());
            assert_eq!(ours, theirs, "{pattern} on {text:?}");
            starts_are_covered(&program, text);
        }
    }

    #[test]
    fn lexicons_agree_with_their_inlined_regex() {
        let aux = lexicon(false, &["has", "has long", "also"]);
        let cue = lexicon(true, &["said", "says", "wrote", "told"]);
        agree_with_lexicons(
            r"(?<s>\w+)\s+(?:@0\s+){0,2}(?<cue>\b(?:@1)\b)[^“”]{0,160}?[:,]?\s*$",
            &[aux, cue],
            &[
                "they wrote.",
                "Wei has long said so",
                "Wei HAS said:",
                "Wei said",
                "nobody",
            ],
        );
        // Two lexicons in one alternation keep their order (no class of placeholders).
        let a = lexicon(true, &["said so"]);
        let b = lexicon(true, &["said", "said so far"]);
        agree_with_lexicons(r"(?<c>@0|@1)", &[a, b], &["he said so far", "he said"]);
    }

    #[test]
    fn a_match_length_is_bounded_only_without_loops_and_spaced_entries() {
        let max_len = |pattern: &str, lexicons: &[super::super::Lexicon]| {
            with_lexicons(pattern, lexicons).0.max_len()
        };
        assert_eq!(max_len(r"(?:^|\n)", &[]), Some(1));
        assert_eq!(max_len(r"ab?c{1,3}", &[]), Some(5));
        assert_eq!(max_len(r"é[0-9]{2}", &[]), Some(4));
        assert_eq!(max_len(r"\d", &[]), Some(4));
        // A lexicon's characters count four bytes each (case folding may widen one).
        assert_eq!(
            max_len(r"@0", &[lexicon(true, &["said", "told"])]),
            Some(16)
        );
        assert_eq!(max_len(r"\d+", &[]), None);
        assert_eq!(max_len(r"(?:ab)*c", &[]), None);
        assert_eq!(max_len(r"@0", &[lexicon(true, &["said so"])]), None);
    }

    /// A program anchored at the text's start is tried there alone, and agrees with the
    /// regex crate; one that is not is tried everywhere.
    #[test]
    fn a_program_anchored_at_the_start_is_tried_there_alone() {
        let anchored = Program::new(&regex_syntax::parse(r"^(?:a|the) cat").unwrap(), &[]).unwrap();
        assert!(anchored.at_text_start);
        let re = regex::Regex::new(r"^(?:a|the) cat").unwrap();
        for text in ["the cat", "a cat sat", "not a cat", " the cat", ""] {
            let ours = anchored.captures_at(text, 0).unwrap().map(|f| f.0);
            assert_eq!(ours, re.find(text).map(|m| m.range()), "{text}");
        }
        assert_eq!(anchored.captures_ending_at("the cat", 1, 7).unwrap(), None);
        assert!(anchored
            .captures_ending_at("the cat", 0, 7)
            .unwrap()
            .is_some());
        let free = Program::new(&regex_syntax::parse(r"(?:^|x)cat").unwrap(), &[]).unwrap();
        assert!(!free.at_text_start);
        assert_eq!(
            free.captures_at("a xcat", 0).unwrap().map(|f| f.0),
            Some(2..6)
        );
    }

    /// An instruction's numbers are 16 bits: a pattern that needs more instructions, or
    /// a longer bounded repeat, is refused here (and runs on the regex crate); one just
    /// inside the bounds runs.
    #[test]
    fn a_pattern_too_large_for_16_bit_numbers_is_refused() {
        let program = |pattern: &str| Program::new(&regex_syntax::parse(pattern).unwrap(), &[]);
        assert!(program(r"(?:ab|cd){0,20000}").is_err());
        assert!(program(r"[ab]{0,70000}").is_err());
        assert!(program(r"[ab]{65535}").is_err());
        let long = program(r"[ab]{2,65534}c").unwrap();
        let hay = format!("{}c", "ab".repeat(30000));
        assert_eq!(
            long.captures_at(&hay, 0).unwrap().map(|f| f.0),
            Some(0..hay.len())
        );
        let unbounded = program(r"[ab]+c").unwrap();
        let hay = format!("{}c", "a".repeat(70000));
        assert_eq!(
            unbounded.captures_at(&hay, 0).unwrap().map(|f| f.0),
            Some(0..hay.len())
        );
    }

    /// Each alternative of a split is guarded by the bytes it may begin with (one that
    /// may match without reading is not), and a wide repeat by what may follow it.
    #[test]
    fn a_split_enters_an_alternative_only_where_it_may_begin() {
        let program = Program::new(&regex_syntax::parse(r"(?:cat|dog|x?)!").unwrap(), &[]).unwrap();
        let guards: Vec<[u16; 2]> = program
            .insts
            .iter()
            .filter_map(|inst| match inst {
                Inst::Split(_, _, guards) => Some(*guards),
                _ => None,
            })
            .collect();
        let allows = |guard: u16, text: &str| program.may_enter(guard, text.as_bytes(), 0);
        // cat | (dog | x?): the first split's targets, then the second's.
        let [cat, rest] = guards[0];
        assert!(allows(cat, "cat") && !allows(cat, "dog") && !allows(cat, "!"));
        assert!(allows(rest, "dog") && allows(rest, "x!") && allows(rest, "!"));
        assert!(!allows(rest, "cat"));
        let [dog, _] = guards[1];
        assert!(allows(dog, "dog") && !allows(dog, "x"));
        let re = regex::Regex::new(r"(?:cat|dog|x?)!").unwrap();
        for text in ["cat!", "dog!", "x!", "!", "cow!"] {
            let ours = program.captures_at(text, 0).unwrap().map(|f| f.0);
            assert_eq!(ours, re.find(text).map(|m| m.range()), "{text}");
        }
        // A repeat over most characters is followed only where the rest may begin.
        let lazy = Program::new(&regex_syntax::parse(r"x[^,]{0,20}?!").unwrap(), &[]).unwrap();
        let follow = lazy.insts.iter().find_map(|inst| match inst {
            Inst::Repeat { follow, .. } => Some(*follow),
            _ => None,
        });
        let follow = follow.expect("a repeat");
        assert!(lazy.may_enter(follow, b"!", 0) && !lazy.may_enter(follow, b"a", 0));
        assert_eq!(
            lazy.captures_at("xab!c", 0).unwrap().map(|f| f.0),
            Some(0..4)
        );
        let looping = Program::new(&regex_syntax::parse(r"(?:ab|c)*d").unwrap(), &[]).unwrap();
        let found = looping.captures_at("xxabcabd", 0).unwrap().map(|f| f.0);
        assert_eq!(found, Some(2..8));
    }

    /// A text longer than a piece (see `Program::first_of`) is searched piece by piece
    /// and finds what one search over the whole text finds; a path that runs past a
    /// piece's reach gives the search up (`Err`) rather than a wrong match.
    #[test]
    fn long_texts_are_searched_in_pieces_with_the_same_matches() {
        let filler = "word, ".repeat(3 * (PIECE_CELLS >> 6));
        let text = format!("{filler}the total was 42 tonnes. {filler}");
        for pattern in [
            r"(?<n>\d+)\s+tonnes",
            r"\b(?<n>\d+)\b",
            r"tot\w+ was (?<n>\d{1,3})",
        ] {
            let program = Program::new(&regex_syntax::parse(pattern).unwrap(), &[]).unwrap();
            let re = regex::Regex::new(pattern).unwrap();
            let ours = program.captures_at(&text, 0).unwrap().map(|f| f.0);
            assert_eq!(ours, re.find(&text).map(|m| m.range()), "{pattern}");
            let none = program.captures_at(&text, ours.unwrap().end).unwrap();
            assert!(none.is_none(), "{pattern}");
        }
        // A match longer than the reach past its piece: no guess, the caller decides.
        let long = format!("<{}>", "x".repeat(8 * PIECE_REACH + PIECE_CELLS));
        let text = format!("{filler}{long}");
        let program = Program::new(&regex_syntax::parse(r"<x+>").unwrap(), &[]).unwrap();
        assert!(program.captures_at(&text, 0).is_err());
        let bounded = Program::new(&regex_syntax::parse(r"<x{1,9}").unwrap(), &[]).unwrap();
        let found = bounded.captures_at(&text, 0).unwrap().map(|f| f.0);
        assert_eq!(found, Some(filler.len()..filler.len() + 10));
    }

    /// Random patterns from a small grammar (classes, bounded and lazy repeats, nested
    /// alternations, groups, assertions) against random texts: both engines agree.
    #[test]
    fn agrees_with_the_regex_crate_on_random_patterns() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        fn pattern(
            next: &mut dyn FnMut(usize) -> usize,
            depth: usize,
            groups: &mut usize,
        ) -> String {
            let atoms = [
                "a",
                "b",
                "é",
                "[ab]",
                "[^a]",
                r"\s",
                r"\w",
                ".",
                r"\b",
                "^",
                "$",
                "(?-u:\\b)",
                "(?m:$)",
                "(?m:^)",
                "(?Rm:$)",
            ];
            if depth == 0 || next(3) == 0 {
                return atoms[next(atoms.len())].to_string();
            }
            match next(5) {
                0 => (0..2 + next(2))
                    .map(|_| pattern(next, depth - 1, groups))
                    .collect(),
                1 => {
                    let alts: Vec<String> = (0..2 + next(2))
                        .map(|_| pattern(next, depth - 1, groups))
                        .collect();
                    format!("(?:{})", alts.join("|"))
                }
                2 => {
                    *groups += 1;
                    let name = format!("g{groups}");
                    format!("(?<{name}>{})", pattern(next, depth - 1, groups))
                }
                _ => {
                    let ops = [
                        "*", "+", "?", "{0,3}", "{1,2}", "{2}", "*?", "+?", "??", "{0,3}?",
                    ];
                    format!(
                        "(?:{}){}",
                        pattern(next, depth - 1, groups),
                        ops[next(ops.len())]
                    )
                }
            }
        }
        let alphabet = ['a', 'b', 'é', ' ', 'x', '\n', '\r'];
        for _ in 0..3000 {
            let mut groups = 0;
            let p = pattern(&mut next, 4, &mut groups);
            let texts: Vec<String> = (0..6)
                .map(|_| {
                    (0..next(9))
                        .map(|_| alphabet[next(alphabet.len())])
                        .collect()
                })
                .collect();
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            agree(&p, &texts);
        }
    }

    #[test]
    fn a_literal_prefix_begins_with_the_literals_of_the_pattern_written_out() {
        use regex_syntax::hir::literal::{ExtractKind, Extractor};
        let cue = lexicon(false, &["said", "says", "told reporters"]);
        let title = lexicon(true, &["Dr", "Sen."]);
        let regexes = vec![cue.to_regex(), title.to_regex()];
        let lexicons = Lexicons::new(&[cue, title], regexes);
        let [cue, title] = [0, 1].map(|i| char::from_u32(LEXICON_BASE + i).unwrap());
        let prefix = |hir: &Hir| {
            let mut extractor = Extractor::new();
            extractor.kind(ExtractKind::Prefix).limit_class(4);
            extractor.extract(hir)
        };
        for pattern in [
            format!(r"(?<cue>\b{cue}\b)\s+(?<who>{title}\s\p{{Lu}}\p{{L}}+)"),
            format!(r"(?:according to|{cue})[ ,]+\w+"),
            format!(r"(?:{title}|Mr|Ms)\.? [\p{{Lu}}][a-z]+"),
        ] {
            let grouped = lexicons.with_class_placeholders(Lexicons::grouped(&pattern));
            let hir = regex_syntax::parse(&grouped).unwrap();
            let ours = lexicons.literal_prefix(&hir, 4).unwrap();
            let written = regex_syntax::parse(&lexicons.inline(&grouped)).unwrap();
            assert_eq!(
                prefix(&ours).literals(),
                prefix(&written).literals(),
                "{pattern}"
            );
            assert!(
                prefix(&ours).literals().is_some_and(|l| l.len() > 2),
                "{pattern}"
            );
        }
        let lone = regex_syntax::parse(&Lexicons::grouped(&format!(r"(?<c>\b{cue})"))).unwrap();
        assert_eq!(Lexicons::lone_lexicon(&lone), Some(0));
    }

    #[test]
    fn lexicon_groups_are_written_out_and_keyed() {
        let lexicons = Lexicons {
            regexes: vec!["(?:a|b)".into(), "(?i:c)".into()],
            hirs: Vec::new(),
            tries: Vec::new(),
            first_words: Vec::new(),
            classes: ClassTable::default(),
            defines: OnceLock::new(),
        };
        let lexicon = |i| char::from_u32(LEXICON_BASE + i).unwrap();
        let placeholders = format!("x{}y{}", lexicon(1), lexicon(0));
        let grouped = Lexicons::grouped(&placeholders);
        assert_eq!(grouped, format!("x({})y({})", lexicon(1), lexicon(0)));
        assert_eq!(lexicons.inline(&grouped), "x(?i:c)y(?:a|b)");
        assert_eq!(lexicons.inline(r"\((x)"), r"\((x)");
    }

    #[test]
    fn placeholders_are_what_a_match_needs_not_words_it_holds() {
        let lexicons = Lexicons {
            regexes: vec!["(?:a|b)".into()],
            hirs: Vec::new(),
            tries: Vec::new(),
            first_words: Vec::new(),
            classes: ClassTable::default(),
            defines: OnceLock::new(),
        };
        let lexicon = char::from_u32(LEXICON_BASE).unwrap();
        let pattern = format!(r"\p{{L}}+ {lexicon} said(?:\p{{N}}|x)");
        let grouped = lexicons.with_class_placeholders(Lexicons::grouped(&pattern));
        assert_ne!(
            grouped,
            Lexicons::grouped(&pattern),
            "classes have placeholders"
        );
        let mut needed = Vec::new();
        Lexicons::required_in(&regex_syntax::parse(&grouped).unwrap(), &mut needed);
        assert_eq!(
            needed,
            [Needed::Lexicon(0), Needed::Literal(" said".into())]
        );
    }

    #[test]
    fn only_an_i_flag_folds_case() {
        assert!(folds_case("a(?i)b"));
        assert!(folds_case("(?xi:b)"));
        assert!(!folds_case("(?-i:b)(?<cue>said)(?:x)(?-u:\\b)(?P<in>x)"));
    }

    #[test]
    fn agrees_with_the_regex_crate() {
        agree(r"\b(?:[Hh]e|[Tt]hey)\b", &["they wrote.", "then they", "x"]);
        agree(
            r"(?<s>\w+)\s+wrote[^“”]{0,160}?[:,]?\s*$",
            &["they wrote.", "they wrote: a", "no"],
        );
        agree(r"(?<a>a+?)(?<b>a*)b", &["aaab", "b", "aac"]);
        agree(r"(?:ab|a)(?:bc|c)?$", &["abc", "ab", "abcc"]);
        agree(r"(?:x?){0,3}y", &["xxy", "y", "xxxxy"]);
        agree(
            r"^(?:[^,]{1,60},\s+)?(?<w>\p{Lu}\p{L}+)",
            &["In May, Wei", "Wei said", "é, Ana"],
        );
    }
}
