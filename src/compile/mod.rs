//! Compile: a loaded [`Pack`] → immutable [`Rules`]: lexicon automata and tries,
//! patterns parsed and planned (`matcher`), programs for the backtracking matcher
//! (`backtrack`), each Unicode class of the pack translated once (`classes`).
//!
//! Compiling checks what the pack means: every `@reference` resolves, every regex is
//! valid, every capture names an output field of its rule's `emit`, ids are unique,
//! settings name lexicons that exist. All problems are collected before failing.
//! What compiles later (a figure rule's regex and program, on first use) was parsed and
//! checked here; [`Rules`] is `Send + Sync` and shared by every extraction thread.

mod backtrack;
mod classes;
mod cost;
mod defines;
mod lexicon;
pub mod matcher;
pub(crate) mod pattern;
pub mod scripts;
mod starts;

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};

use crate::diagnostics::{Diagnostic, PackError};
use crate::pack::{self, Emit, Example, Origin, Pack, Scope};
use crate::segment::SentenceEnds;
pub use cost::RuleCost;
use cost::SearchCost;
pub use lexicon::Lexicon;
pub use matcher::{AnchorHits, Captures, Matcher};
use pattern::Pieces;
pub use starts::{StartHits, StartIndex};

/// A compiled rule pack, ready to extract from any number of documents.
#[derive(Debug)]
pub struct Rules {
    pub(crate) name: String,
    pub(crate) lexicons: Vec<Lexicon>,
    /// Rules in the order they are tried: higher priority first, then pack order.
    pub(crate) rules: Vec<Rule>,
    pub(crate) quotes: Option<QuoteSettings>,
    pub(crate) speakers: Option<SpeakerSettings>,
    pub(crate) numbers: Option<NumberSettings>,
    /// The lexicons that tell where a sentence ends (`segment:`).
    pub(crate) sentence_ends: SentenceEndLexicons,
    /// How the figure rules' matches may begin, built on first use.
    figure_starts: OnceLock<StartIndex>,
    /// All the rules' anchors in one automaton (see [`AnchorHits`]).
    anchor_index: Option<std::sync::Arc<matcher::AnchorIndex>>,
    /// Whether each rule's searches are timed (`claimkit bench`), see [`Rules::search`].
    count_costs: bool,
}

/// One compiled rule.
#[derive(Debug)]
pub struct Rule {
    /// `pack/id`, as written in every output record.
    pub id: String,
    pub emit: Emit,
    pub scope: Scope,
    pub kind: Option<String>,
    pub regex: Matcher,
    /// Where the pattern is written, for problems found when it is first compiled.
    pub pattern_at: Origin,
    pub priority: i32,
    pub confidence: f64,
    pub span_group: Option<String>,
    pub unit: Option<String>,
    pub vague: bool,
    pub constraints: Vec<(String, CompiledConstraint)>,
    pub examples: Vec<Example>,
    /// What this rule's searches cost, where the rules count it.
    cost: SearchCost,
}

/// A `where:` constraint on one capture, with its lexicon resolved to an index.
#[derive(Debug)]
pub enum CompiledConstraint {
    In(usize),
    NotIn(usize),
    NoWordIn(usize),
    FirstWordNotIn(usize),
    SecondWordNotIn(usize),
    LastWordNotIn(usize),
}

/// The words of `text`, but an "and" or "&" between two capitalised words after the
/// first two, which joins a name ("the Ministry of Agriculture and Environment", "Jenny
/// Hale (Bexhill and Rye)"); one sooner may join two names or a list's last ("Trade and
/// Industry" after "Ministry of Economy,"), which rules for many speakers take, unless
/// three capitalised words follow it, an office and its holder's name ("Trade and
/// Industry Minister Lim Boon Keat").
fn words_outside_names(text: &str) -> impl Iterator<Item = &str> {
    let capitalised = |w: Option<&str>| {
        w.is_some_and(|w| w.trim_start_matches('(').starts_with(char::is_uppercase))
    };
    let mut words = text.split_whitespace().enumerate().peekable();
    let mut before: Option<&str> = None;
    std::iter::from_fn(move || loop {
        let (i, word) = words.next()?;
        let joins_a_name = i >= 1
            && matches!(word, "and" | "&")
            && capitalised(before)
            && capitalised(words.peek().map(|(_, w)| *w))
            && (i >= 2 || {
                let mut after = words.clone().map(|(_, w)| w);
                (0..3).all(|_| capitalised(after.next()))
            });
        before = Some(word);
        if !joins_a_name {
            return Some(word);
        }
    })
}

impl CompiledConstraint {
    /// Whether the captured `text` satisfies the constraint.
    pub fn holds(&self, rules: &Rules, text: &str) -> bool {
        let lex = rules.lexicon(self.lexicon());
        match self {
            Self::In(_) => lex.lookup(text).is_some(),
            Self::NotIn(_) => lex.lookup(text).is_none(),
            Self::NoWordIn(_) => !words_outside_names(text).any(|w| lex.lookup(w).is_some()),
            // A comma after the first or second word is no part of it ("that
            // characterization, saying …").
            Self::FirstWordNotIn(_) => text
                .split_whitespace()
                .next()
                .is_none_or(|w| lex.lookup(w.trim_end_matches([',', ';'])).is_none()),
            Self::SecondWordNotIn(_) => text
                .split_whitespace()
                .nth(1)
                .is_none_or(|w| lex.lookup(w.trim_end_matches([',', ';'])).is_none()),
            Self::LastWordNotIn(_) => text
                .split_whitespace()
                .next_back()
                .is_none_or(|w| lex.lookup(w).is_none()),
        }
    }

    /// The lexicon the constraint looks words up in.
    pub fn lexicon(&self) -> usize {
        match *self {
            Self::In(l)
            | Self::NotIn(l)
            | Self::NoWordIn(l)
            | Self::FirstWordNotIn(l)
            | Self::SecondWordNotIn(l)
            | Self::LastWordNotIn(l) => l,
        }
    }

    /// The constructor for the constraint a rule file writes as `key`.
    fn of_keyword(key: &str) -> Option<fn(usize) -> CompiledConstraint> {
        Some(match key {
            "in" => Self::In,
            "not-in" => Self::NotIn,
            "no-word-in" => Self::NoWordIn,
            "first-word-not-in" => Self::FirstWordNotIn,
            "second-word-not-in" => Self::SecondWordNotIn,
            "last-word-not-in" => Self::LastWordNotIn,
            _ => return None,
        })
    }

    /// The constraint's key, as the rule file writes it.
    pub fn keyword(&self) -> &'static str {
        match self {
            Self::In(_) => "in",
            Self::NotIn(_) => "not-in",
            Self::NoWordIn(_) => "no-word-in",
            Self::FirstWordNotIn(_) => "first-word-not-in",
            Self::SecondWordNotIn(_) => "second-word-not-in",
            Self::LastWordNotIn(_) => "last-word-not-in",
        }
    }
}

#[derive(Debug)]
pub struct QuoteSettings {
    /// (family name, open mark, close mark)
    pub marks: Vec<(String, String, String)>,
    pub not_quote: Vec<Regex>,
    pub direct_before: Option<Regex>,
    pub run_on_paragraphs: bool,
    pub matcher: crate::quotes::MarkMatcher,
}

#[derive(Debug)]
pub struct SpeakerSettings {
    pub pronouns: usize,
    pub titles: usize,
    pub not_speakers: Vec<usize>,
    pub organisations: Vec<usize>,
    pub roles: usize,
    /// Place names: organisations as speakers, no pronoun's person.
    pub places: Option<usize>,
    /// Runs on the backtracking matcher, like a claim pattern: the regex crate's lazy
    /// DFA thrashed on it (titles and name words written out), a tenth of extraction.
    pub person_name: Matcher,
    pub inherit_in_paragraph: bool,
    pub inherit_across_paragraphs: bool,
    pub quote_follows_cues: Option<usize>,
    pub quote_joiners: Option<usize>,
    pub clause_openers: Option<usize>,
    pub articles: Option<usize>,
    pub source_words: Option<usize>,
    pub not_role_starts: Option<usize>,
    pub person_descriptions: Option<usize>,
    pub name_particles: Option<usize>,
    pub role_ends: Option<usize>,
    pub setting_openers: Option<usize>,
    pub fronted_clauses: Option<usize>,
    pub cue_compounds: Option<usize>,
    pub quantity_cues: Option<usize>,
    pub clause_verbs: Option<usize>,
    pub office_modifiers: Option<usize>,
    pub kin_nouns: Option<usize>,
    pub verbs_after_names: Option<usize>,
    pub given_names: Option<usize>,
    pub coordinators: Option<usize>,
    pub place_prepositions: Option<usize>,
    pub mention_breakers: Option<usize>,
    pub passive_auxiliaries: Option<usize>,
    pub passive_cues: Option<usize>,
}

#[derive(Debug)]
pub struct NumberSettings {
    pub words: usize,
    pub article: Option<usize>,
    pub joiners: Option<usize>,
    pub scales: usize,
    pub ordinals: Option<usize>,
    pub fractions: Option<usize>,
    pub multipliers: Option<usize>,
    pub units: Vec<usize>,
    pub irregular_plurals: Option<usize>,
    pub plural_suffixes: Vec<(String, String)>,
    pub not_nouns: Option<usize>,
    pub collectives: Option<usize>,
    pub comparisons: Option<usize>,
    pub partitives: Option<usize>,
    pub parts_of: Option<usize>,
    pub range_openers: Option<usize>,
    pub list_joiners: Option<usize>,
    pub count_openers: Option<usize>,
    pub result_prepositions: Option<usize>,
    pub local_dollars: Option<usize>,
    pub local_rupees: Option<usize>,
    pub local_pesos: Option<usize>,
}

/// The lexicons of `segment:`, by index into [`Rules`]'s lexicons.
#[derive(Debug, Default)]
pub struct SentenceEndLexicons {
    pub abbreviations: Option<usize>,
    pub openers: Option<usize>,
    pub after_clock_times: Option<usize>,
}

/// Output fields each kind of rule may capture.
fn allowed_captures(emit: Emit) -> &'static [&'static str] {
    match emit {
        // `gap`: words a rule sets apart only to check them with `where` (a `where` on a
        // group that took no part in the match holds).
        Emit::Claim => &["content", "speaker", "role", "cue", "gap"],
        Emit::Attribution => &["speaker", "role", "cue"],
        Emit::Figure => &[
            "value",
            "low",
            "high",
            "scale",
            "low_scale",
            "unit",
            "low_unit",
            "noun",
            "currency",
            "hedge",
            "hedge_after",
            "fraction",
            "span",
            "value2",
            "unit2",
            "divisor",
            "gap",
        ],
        Emit::None => &["span", "gap"],
    }
}

const FIGURE_KINDS: &[&str] = &[
    "count", "measure", "money", "percent", "range", "year", "date", "ordinal", "number",
];

impl Rules {
    /// Compiles a loaded pack, reporting every problem at once.
    pub fn compile(pack: Pack) -> Result<Rules, PackError> {
        Compiler::default().run(pack)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// How the figure rules' matches may begin (compiling their programs on first use).
    pub fn figure_starts(&self) -> &StartIndex {
        self.figure_starts
            .get_or_init(|| StartIndex::new(&self.rules))
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// A record of anchor hits for the rules tried on one window, which scans it once
    /// for all the pack's anchors.
    pub fn anchor_hits(&self) -> AnchorHits {
        AnchorHits::new(self.anchor_index.clone())
    }

    /// The lexicons that tell where a sentence ends, for [`crate::segment::segment`].
    pub fn sentence_ends(&self) -> SentenceEnds<'_> {
        let lexicon = |i: Option<usize>| i.map(|i| self.lexicon(i));
        SentenceEnds {
            abbreviations: lexicon(self.sentence_ends.abbreviations),
            openers: lexicon(self.sentence_ends.openers),
            after_clock_times: lexicon(self.sentence_ends.after_clock_times),
        }
    }

    /// Scans `text` with every lexicon automaton and every rule's first search (see
    /// [`crate::bench::ceiling_pass`]); returns the number of hits.
    /// A figure rule searches as extraction runs it: its program tried where its start
    /// atoms hold (one scan of the text for all of them), every match found; so do the
    /// rules anchored on a literal: one scan of the automaton of all anchors.
    pub fn scan(&self, text: &str) -> usize {
        let lexicons: usize = self.lexicons.iter().map(|l| l.count_in(text)).sum();
        let mut starts = self.figure_starts().scan(text);
        let anchors = self.anchor_index.as_ref().map(|index| index.count(text));
        let rules: usize = self
            .rules
            .iter()
            .enumerate()
            .map(|(place, r)| match starts.for_rule(place) {
                Some(among) => r.regex.count_among(text, among),
                None if anchors.is_some() && r.regex.is_anchored() => 0,
                None => r.regex.scan(text),
            })
            .sum();
        lexicons + rules + anchors.unwrap_or(0)
    }

    /// Times every search each rule makes from now on, for [`Rules::costs`]. Costs a
    /// clock reading per search: for `claimkit bench`, not for extraction.
    pub fn count_costs(&mut self) {
        self.count_costs = true;
        self.rules.iter().for_each(|r| r.cost.reset());
    }

    /// Runs one search of `rule`, timed where the rules count costs.
    #[inline]
    pub(crate) fn search<T>(&self, rule: &Rule, search: impl FnOnce() -> Option<T>) -> Option<T> {
        if self.count_costs {
            rule.cost.time(search)
        } else {
            search()
        }
    }

    /// What each rule's searches cost since [`Rules::count_costs`], the most
    /// expensive first.
    pub fn costs(&self) -> Vec<RuleCost> {
        let mut costs: Vec<RuleCost> = self.rules.iter().map(|r| r.cost.read(&r.id)).collect();
        costs.sort_by(|a, b| b.seconds.total_cmp(&a.seconds));
        costs
    }

    /// Compiles now every regex that would otherwise compile on first use, and
    /// reports those that cannot be (too large for the regex crate).
    pub fn warm(&self) -> Vec<Diagnostic> {
        self.rules
            .iter()
            .filter_map(|r| {
                let e = r.regex.warm().err()?;
                let msg = format!("the pattern cannot be compiled: {e}");
                Some(Diagnostic::at(
                    "pattern-too-large",
                    r.pattern_at.location(),
                    msg,
                ))
            })
            .collect()
    }

    /// Warnings about rules that will run slowly: a claim or attribution pattern with
    /// no anchor (a part every match holds that begins with a literal of two or more
    /// characters, such as a cue lexicon) and no `^`, which the regex engine must try
    /// from every position of every sentence or window.
    pub fn speed_warnings(&self) -> Vec<Diagnostic> {
        let unanchored = self
            .rules
            .iter()
            .filter(|r| matches!(r.emit, Emit::Claim | Emit::Attribution))
            .filter(|r| !r.regex.is_anchored() && !r.regex.is_start_anchored())
            .map(|r| {
                Diagnostic::at(
                    "slow-rule",
                    r.pattern_at.location(),
                    "this pattern has no anchor, so it is tried from every position of every window",
                )
                .with_help(
                    "give every match a part that starts with a word or a lexicon of words \
                     (a cue: `(?<cue>@cue-verb)`), outside any optional group, or start the \
                     pattern with `^`; `claimkit bench --rules DIR CORPUS` shows what each rule costs",
                )
                .warning()
            });
        let on_regex = self.rules.iter().filter_map(|r| {
            let why = r.regex.no_program()?;
            Some(
                Diagnostic::at(
                    "slow-rule",
                    r.pattern_at.location(),
                    format!("this pattern runs on the regex engine, not the faster lexicon matcher: {why}"),
                )
                .with_help(
                    "the lexicon matcher runs every claim and attribution pattern that repeats only \
                     parts that match something and sets no `(?i)` flag",
                )
                .warning(),
            )
        });
        unanchored.chain(on_regex).collect()
    }

    /// The compiled lexicons, in pack order.
    pub fn lexicons(&self) -> &[Lexicon] {
        &self.lexicons
    }

    pub(crate) fn lexicon(&self, i: usize) -> &Lexicon {
        &self.lexicons[i]
    }

    /// Whether `word` is an entry of the lexicon a setting names, when the pack names
    /// one (a setting left out lists nothing).
    pub(crate) fn lists(&self, lexicon: Option<usize>, word: &str) -> bool {
        lexicon.is_some_and(|l| self.lexicon(l).lookup(word).is_some())
    }
}

#[derive(Default)]
struct Compiler {
    diags: Vec<Diagnostic>,
    /// The pack's lexicons for the backtracking matcher.
    lexicons: Option<std::sync::Arc<backtrack::Lexicons>>,
    /// The anchor automata of the rules, shared where their literals are the same.
    anchors: matcher::Anchors,
    /// Each lexicon's index, for patterns expanded with placeholders.
    lexicon_ids: HashMap<String, usize>,
    /// Each rule's pattern compiled ahead (by its place in the pack), taken by `rule`.
    prepared: Vec<Option<Prepared>>,
    /// Settings' regexes compiled ahead, by their full pattern, taken by `pattern`.
    prebuilt: HashMap<String, Result<Regex, regex::Error>>,
}

/// The patterns of a pack's settings, each with the suffix `Compiler::pattern` frames it
/// with: the quote patterns.
fn setting_patterns(pack: &Pack) -> Vec<(&str, &'static str)> {
    let mut patterns = Vec::new();
    if let Some((q, _)) = &pack.quotes {
        patterns.extend(q.not_quote.iter().map(|p| (p.as_str(), "")));
        patterns.extend(
            q.direct_before
                .as_deref()
                .map(|p| (p, DIRECT_BEFORE_SUFFIX)),
        );
    }
    patterns
}

/// A pattern as compiled: `prefix(?:pattern)suffix`. Settings' regexes compiled ahead
/// are found again by this text.
fn framed(prefix: &str, pattern: &str, suffix: &str) -> String {
    format!("{prefix}(?:{pattern}){suffix}")
}

/// `direct-before` matches the text up to a quote's opening mark.
const DIRECT_BEFORE_SUFFIX: &str = r"\s*$";

/// A setting's regex (a quote or speaker pattern), with room for written-out lexicons.
fn build_setting(full: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(full).size_limit(64 << 20).build()
}

/// A rule's pattern as compiled ahead of the rule, on any thread.
type Prepared = Result<Matcher, PatternProblem>;

/// Why a rule's pattern did not compile.
enum PatternProblem {
    /// An `@reference` that names nothing, at this range of the pattern.
    Reference(std::ops::Range<usize>, String),
    /// The regex is invalid.
    Regex(String),
}

/// How a rule's pattern is wrapped for its scope, and whether it runs on windows;
/// None for a scope that does not fit the rule (reported by `Compiler::rule`).
fn pattern_frame(emit: Emit, scope: Option<Scope>) -> Option<((&'static str, &'static str), bool)> {
    let wrap = match (emit, scope) {
        (Emit::Attribution, Some(Scope::AfterQuote)) => ("^", ""),
        (Emit::Attribution, Some(Scope::BeforeQuote | Scope::ParagraphBefore)) => ("", r"\s*$"),
        (Emit::Attribution, _) => return None,
        (Emit::Claim | Emit::Figure | Emit::None, None | Some(Scope::Sentence | Scope::Text)) => {
            ("", "")
        }
        _ => return None,
    };
    Some((wrap, matches!(emit, Emit::Claim | Emit::Attribution)))
}

impl Compiler {
    fn run(mut self, mut pack: Pack) -> Result<Rules, PackError> {
        self.diags = std::mem::take(&mut pack.problems);
        if !pack.all_yaml_read {
            return Err(PackError {
                diagnostics: self.diags,
            });
        }
        let name = pack.name.clone();
        // Lexicons first: everything else refers to them. Their automata are built on
        // all threads.
        let mut lexicons = Vec::new();
        let mut lexicon_ids: HashMap<String, usize> = HashMap::new();
        let built: Vec<_> = {
            use rayon::prelude::*;
            let defs = std::mem::take(&mut pack.lexicons);
            defs.into_par_iter()
                .map(|def| {
                    let lexicon = Lexicon::build(def.name.clone(), def.case_sensitive, def.entries);
                    (def.name, def.origin, lexicon)
                })
                .collect()
        };
        for (name, origin, lexicon) in built {
            if lexicon_ids.contains_key(&name) {
                self.err(
                    "duplicate-lexicon",
                    &origin,
                    format!("lexicon `{name}` is declared twice"),
                );
                continue;
            }
            match lexicon {
                Ok(lex) => {
                    lexicon_ids.insert(name, lexicons.len());
                    lexicons.push(lex);
                }
                Err(e) => self.err(
                    "bad-lexicon",
                    &origin,
                    format!("lexicon `{name}` cannot be compiled: {e}"),
                ),
            }
        }
        let scripts = match &pack.scripts {
            Some((names, at)) => match scripts::Scripts::new(names) {
                Ok(s) => Some(s),
                Err(e) => {
                    self.err("unknown-script", at, e);
                    None
                }
            },
            None => None,
        };
        let mut pieces = Pieces {
            lexicons: HashMap::new(),
            defines: HashMap::new(),
            scripts,
            expanded: Default::default(),
            spliced: HashMap::new(),
        };
        // Each lexicon's regex is written once (a walk of its trie), for both, on all
        // threads.
        let regexes: Vec<String> = {
            use rayon::prelude::*;
            lexicons.par_iter().map(Lexicon::to_regex).collect()
        };
        for (lex, regex) in lexicons.iter().zip(&regexes) {
            pieces.lexicons.insert(lex.name.as_str(), regex.clone());
        }
        self.lexicons = Some(std::sync::Arc::new(backtrack::Lexicons::new(
            &lexicons, regexes,
        )));
        self.lexicon_ids = lexicon_ids.clone();
        for d in &pack.defines {
            if pieces.lexicons.contains_key(d.name.as_str())
                || pieces.defines.contains_key(d.name.as_str())
            {
                self.err(
                    "duplicate-name",
                    &d.origin,
                    format!("`{}` is already the name of a lexicon or define", d.name),
                );
            } else {
                pieces.defines.insert(d.name.as_str(), d.pattern.as_str());
            }
        }
        // Every define must expand and parse on its own, so its errors point at it. Only
        // parsed, with its lexicons and Unicode classes as placeholders (see
        // `Matcher::with_lexicons`): the rules that use it compile it, and parsing each
        // lexicon written out was a quarter of start-up. The written-out form is parsed
        // only to report a problem in the define as its author wrote it.
        let parses: Vec<bool> = {
            use rayon::prelude::*;
            pack.defines
                .par_iter()
                .map(|d| self.define_parses(&pieces, &d.pattern))
                .collect()
        };
        for (d, parses) in pack.defines.iter().zip(parses) {
            if parses {
                continue;
            }
            if let Some(expanded) = self.expand(&pieces, &d.pattern, &d.origin) {
                if let Err(e) = regex_syntax::parse(&expanded) {
                    self.invalid_regex(&d.origin, &e.to_string());
                }
            }
        }

        self.splice_defines(&mut pieces, &pack.defines);

        // Parsing and planning the patterns is most of compiling: it runs on all
        // threads, and the rules are then put together in pack order.
        // The settings' regexes (the quote patterns) have
        // their lexicons written out and are slow to compile: they compile beside the
        // rules, as `Compiler::pattern` will frame them.
        let settings: Vec<String> = setting_patterns(&pack)
            .into_iter()
            .filter_map(|(pattern, suffix)| {
                let expanded = pieces.expand(pattern).ok()?;
                Some(framed("", &expanded, suffix))
            })
            .collect();
        let (prepared, prebuilt) = rayon::join(
            || self.prepare_patterns(&pack.rules, &pieces),
            || {
                use rayon::prelude::*;
                let built = settings.into_par_iter().map(|full| {
                    let regex = build_setting(&full);
                    (full, regex)
                });
                built.collect()
            },
        );
        self.prepared = prepared;
        self.prebuilt = prebuilt;
        let mut rules = Vec::new();
        let mut ids = HashSet::new();
        for (place, def) in pack.rules.iter().enumerate() {
            if let Some(rule) = self.rule(&name, place, def, &pieces, &lexicon_ids, &mut ids) {
                rules.push(rule);
            }
        }
        // Stable: equal priorities keep pack order.
        rules.sort_by_key(|r| std::cmp::Reverse(r.priority));

        let quotes = pack
            .quotes
            .as_ref()
            .and_then(|(q, o)| self.quotes(q, o, &pieces));
        let speakers = pack
            .speakers
            .as_ref()
            .and_then(|(s, o)| self.speakers(s, o, &pieces, &lexicon_ids));
        let numbers = pack
            .numbers
            .as_ref()
            .and_then(|(n, o)| self.numbers(n, o, &lexicon_ids));
        let sentence_ends =
            pack.segment
                .as_ref()
                .map_or_else(SentenceEndLexicons::default, |(s, o)| SentenceEndLexicons {
                    abbreviations: self.lexicon_ref(
                        &lexicon_ids,
                        &s.abbreviations,
                        &o.child("abbreviations"),
                    ),
                    openers: s.sentence_openers.as_ref().and_then(|name| {
                        self.lexicon_ref(&lexicon_ids, name, &o.child("sentence-openers"))
                    }),
                    after_clock_times: s.after_clock_times.as_ref().and_then(|name| {
                        self.lexicon_ref(&lexicon_ids, name, &o.child("after-clock-times"))
                    }),
                });

        let needs = |emit: Emit| rules.iter().any(|r| r.emit == emit);
        let manifest_origin = pack.rules.first().map(|r| r.origin.clone());
        if let Some(at) = &manifest_origin {
            if (needs(Emit::Claim) || needs(Emit::Attribution)) && pack.speakers.is_none() {
                self.err(
                    "missing-section",
                    at,
                    "claim rules need a `speakers:` section".into(),
                );
            }
            if needs(Emit::Figure) && pack.numbers.is_none() {
                self.err(
                    "missing-section",
                    at,
                    "figure rules need a `numbers:` section".into(),
                );
            }
        }
        if !self.diags.is_empty() {
            return Err(PackError {
                diagnostics: self.diags,
            });
        }
        Ok(Rules {
            name,
            lexicons,
            rules,
            quotes,
            speakers,
            numbers,
            sentence_ends,
            figure_starts: OnceLock::new(),
            anchor_index: self.anchors.index().map(std::sync::Arc::new),
            count_costs: false,
        })
    }

    fn err(&mut self, code: &'static str, at: &Origin, message: String) {
        self.diags
            .push(Diagnostic::at(code, at.location(), message));
    }

    /// Expands and compiles a pattern, wrapped as `prefix(?:…)suffix`.
    /// Expands the `@references` of a pattern, reporting an unknown one where it is written.
    fn expand(&mut self, pieces: &Pieces, pattern: &str, at: &Origin) -> Option<String> {
        match pieces.expand(pattern) {
            Ok(e) => Some(e),
            Err(e) => {
                self.diags.push(Diagnostic::at(
                    "unknown-reference",
                    at.location_inside(e.range),
                    e.message,
                ));
                None
            }
        }
    }

    /// Expands a pattern, wrapped as `prefix(?:…)suffix`.
    fn full_pattern(
        &mut self,
        pieces: &Pieces,
        pattern: &str,
        at: &Origin,
        (prefix, suffix): (&str, &str),
    ) -> Option<String> {
        let expanded = self.expand(pieces, pattern, at)?;
        Some(framed(prefix, &expanded, suffix))
    }

    /// Expands and compiles a pattern, wrapped as `prefix(?:…)suffix`.
    fn pattern(
        &mut self,
        pieces: &Pieces,
        pattern: &str,
        at: &Origin,
        prefix: &str,
        suffix: &str,
    ) -> Option<Regex> {
        let full = self.full_pattern(pieces, pattern, at, (prefix, suffix))?;
        let built = match self.prebuilt.remove(&full) {
            Some(built) => built,
            None => build_setting(&full),
        };
        match built {
            Ok(r) => Some(r),
            Err(regex::Error::Syntax(detail)) => {
                self.invalid_regex(at, &detail);
                None
            }
            Err(other) => {
                self.invalid_regex(at, &other.to_string());
                None
            }
        }
    }

    /// Expands and checks a rule's pattern; its regexes compile on first use.
    fn rule_pattern(
        &mut self,
        pieces: &Pieces,
        pattern: &str,
        at: &Origin,
        wrap: (&str, &str),
        windowed: bool,
    ) -> Option<Matcher> {
        if self.lexicons.is_some() {
            let compiled = self.compile_pattern(pieces, pattern, wrap, windowed)?;
            return self.report(compiled, at);
        }
        match Matcher::new(self.full_pattern(pieces, pattern, at, wrap)?, windowed) {
            Ok(m) => Some(m),
            Err(detail) => {
                self.invalid_regex(at, &detail);
                None
            }
        }
    }

    /// Chooses the defines that rule patterns hold as placeholders and parse once (see
    /// `defines`): those that set no flags, which mean the same wherever they stand. (A
    /// pattern that names a group twice through them is written out, so that the regex
    /// crate reports it as before.)
    fn splice_defines<'p>(&self, pieces: &mut Pieces<'p>, defs: &'p [pack::Define]) {
        let Some(lexicons) = self.lexicons.as_ref() else {
            return;
        };
        for (i, d) in defs.iter().enumerate() {
            let Ok(full) = pieces.expand_with_placeholders(&d.pattern, &self.lexicon_ids) else {
                continue;
            };
            if let (false, Some(c)) = (classes::sets_flags(&full), defines::define_char(i)) {
                pieces.spliced.insert(d.name.as_str(), c);
            }
        }
        let texts = defs
            .iter()
            .map(|d| {
                pieces.spliced.get(d.name.as_str())?;
                let text = pieces.expand_spliced(&d.pattern, &self.lexicon_ids).ok()?;
                let grouped = backtrack::Lexicons::grouped(&text);
                Some(lexicons.with_class_placeholders(grouped))
            })
            .collect();
        lexicons.set_defines(defines::Defines::new(texts));
    }

    /// Whether a define expands and parses with its lexicons and Unicode classes as
    /// placeholders.
    fn define_parses(&self, pieces: &Pieces, pattern: &str) -> bool {
        let (Some(lexicons), Ok(expanded)) = (
            self.lexicons.as_ref(),
            pieces.expand_with_placeholders(pattern, &self.lexicon_ids),
        ) else {
            return false;
        };
        let grouped = lexicons.with_class_placeholders(backtrack::Lexicons::grouped(&expanded));
        regex_syntax::parse(&grouped).is_ok()
    }

    /// Expands a pattern with its lexicons as placeholders and compiles it, wrapped as
    /// `prefix(?:…)suffix`; needs no `&mut`, so it runs on any thread.
    fn compile_pattern(
        &self,
        pieces: &Pieces,
        pattern: &str,
        (prefix, suffix): (&str, &str),
        windowed: bool,
    ) -> Option<Prepared> {
        let lexicons = self.lexicons.as_ref()?;
        // With the defines spliced in after parsing where they can be; written out where
        // the pattern sets flags, which would change how a define reads, or where that
        // fails, so that a problem is reported as before.
        // A pattern that names no define that splices is written out already.
        let expanded = match pieces.expand_spliced(pattern, &self.lexicon_ids) {
            Ok(spliced) if !defines::holds_define(&spliced) => spliced,
            Ok(spliced) => {
                if !classes::sets_flags(&spliced) {
                    let wrapped = framed(prefix, &spliced, suffix);
                    let matcher =
                        Matcher::with_lexicons(&wrapped, windowed, lexicons, &self.anchors);
                    if let Ok(m) = matcher {
                        return Some(Ok(m));
                    }
                }
                match pieces.expand_with_placeholders(pattern, &self.lexicon_ids) {
                    Ok(e) => e,
                    Err(e) => return Some(Err(PatternProblem::Reference(e.range, e.message))),
                }
            }
            Err(e) => return Some(Err(PatternProblem::Reference(e.range, e.message))),
        };
        let wrapped = framed(prefix, &expanded, suffix);
        Some(
            Matcher::with_lexicons(&wrapped, windowed, lexicons, &self.anchors)
                .map_err(PatternProblem::Regex),
        )
    }

    /// A compiled pattern, or its problem reported at `at`.
    fn report(&mut self, compiled: Prepared, at: &Origin) -> Option<Matcher> {
        match compiled {
            Ok(m) => Some(m),
            Err(PatternProblem::Reference(range, message)) => {
                self.diags.push(Diagnostic::at(
                    "unknown-reference",
                    at.location_inside(range),
                    message,
                ));
                None
            }
            Err(PatternProblem::Regex(detail)) => {
                self.invalid_regex(at, &detail);
                None
            }
        }
    }

    fn invalid_regex(&mut self, at: &Origin, detail: &str) {
        // The regex crate's message ends with its own one-line summary.
        let detail = detail
            .lines()
            .last()
            .unwrap_or(detail)
            .trim_start_matches("error: ");
        self.diags.push(
            Diagnostic::at("invalid-regex", at.location(), format!("invalid regex: {detail}"))
                .with_help("patterns use the syntax of Rust's regex crate; `@name` refers to a lexicon or define"),
        );
    }

    fn lexicon_ref(
        &mut self,
        ids: &HashMap<String, usize>,
        name: &str,
        at: &Origin,
    ) -> Option<usize> {
        let found = ids.get(name).copied();
        if found.is_none() {
            self.err("unknown-lexicon", at, format!("unknown lexicon `{name}`"));
        }
        found
    }

    /// Compiles every rule's pattern on all threads (the rule's other fields are
    /// checked by `rule`, which takes the result).
    fn prepare_patterns(&self, defs: &[pack::RuleDef], pieces: &Pieces) -> Vec<Option<Prepared>> {
        use rayon::prelude::*;
        defs.par_iter()
            .map(|def| {
                let (wrap, windowed) = pattern_frame(def.spec.emit, def.spec.scope)?;
                self.compile_pattern(pieces, &def.spec.pattern, wrap, windowed)
            })
            .collect()
    }

    /// The pattern of the rule at `place`, as `prepare_patterns` compiled it (its
    /// problems reported at `at`); None if it was not compiled ahead.
    fn take_prepared(&mut self, place: usize, at: &Origin) -> Option<Option<Matcher>> {
        let prepared = self.prepared.get_mut(place)?.take()?;
        Some(self.report(prepared, at))
    }

    fn rule(
        &mut self,
        pack: &str,
        place: usize,
        def: &pack::RuleDef,
        pieces: &Pieces,
        lexicons: &HashMap<String, usize>,
        ids: &mut HashSet<String>,
    ) -> Option<Rule> {
        let spec = &def.spec;
        let at = &def.origin;
        let mut ok = true;
        if spec.id.is_empty()
            || !spec
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '/')
        {
            self.err(
                "bad-id",
                &at.child("id"),
                format!(
                    "rule id `{}` must be lowercase words joined by `-` or `/`",
                    spec.id
                ),
            );
            ok = false;
        }
        if !ids.insert(spec.id.clone()) {
            self.err(
                "duplicate-id",
                &at.child("id"),
                format!("rule id `{}` is used twice", spec.id),
            );
            ok = false;
        }
        let scope = match (spec.emit, spec.scope) {
            (Emit::Attribution, None) => {
                self.err("missing-field", at, "an attribution rule needs `scope: after-quote | before-quote | paragraph-before`".into());
                return None;
            }
            (
                Emit::Attribution,
                Some(s @ (Scope::AfterQuote | Scope::BeforeQuote | Scope::ParagraphBefore)),
            ) => s,
            (Emit::Claim, None) => Scope::Sentence,
            (Emit::Claim, Some(s @ (Scope::Sentence | Scope::Text))) => s,
            (Emit::Figure | Emit::None, None) => Scope::Text,
            (Emit::Figure | Emit::None, Some(s @ (Scope::Sentence | Scope::Text))) => s,
            (emit, Some(s)) => {
                self.err(
                    "bad-scope",
                    &at.child("scope"),
                    format!("scope `{s:?}` does not fit `emit: {emit:?}`").to_lowercase(),
                );
                return None;
            }
        };
        let kinds: &[&str] = match spec.emit {
            Emit::Claim => &["indirect"],
            Emit::Figure => FIGURE_KINDS,
            _ => &[],
        };
        match (&spec.kind, spec.emit) {
            (None, Emit::Claim | Emit::Figure) => {
                self.err(
                    "missing-field",
                    at,
                    format!("this rule needs `kind:` ({})", kinds.join(", ")),
                );
                ok = false;
            }
            (Some(k), _) if !kinds.contains(&k.as_str()) => {
                let what = if kinds.is_empty() {
                    "this rule takes no `kind`".to_string()
                } else {
                    format!("expected one of {}", kinds.join(", "))
                };
                self.err(
                    "unknown-kind",
                    &at.child("kind"),
                    format!("unknown kind `{k}`: {what}"),
                );
                ok = false;
            }
            _ => {}
        }
        // The scope fits the rule (checked above), so the pattern has its frame.
        let (wrap, windowed) = pattern_frame(spec.emit, Some(scope))?;
        let regex = match self.take_prepared(place, &at.child("pattern")) {
            Some(prepared) => prepared?,
            None => {
                self.rule_pattern(pieces, &spec.pattern, &at.child("pattern"), wrap, windowed)?
            }
        };
        let allowed = allowed_captures(spec.emit);
        for name in regex.capture_names() {
            if !allowed.contains(&name) {
                let loc = match pattern::find_group(&spec.pattern, name) {
                    Some(r) => at.child("pattern").location_inside(r),
                    None => at.child("pattern").location(),
                };
                let help = if allowed.is_empty() {
                    "a rule that emits nothing captures nothing".to_string()
                } else {
                    format!("this rule may capture: {}", allowed.join(", "))
                };
                self.diags.push(
                    Diagnostic::at("unknown-field", loc, format!("unknown capture `{name}`"))
                        .with_help(help),
                );
                ok = false;
            }
        }
        let has = |n: &str| regex.capture_names().any(|c| c == n);
        match spec.emit {
            Emit::Claim if !has("content") => {
                self.err(
                    "missing-capture",
                    &at.child("pattern"),
                    "a claim rule must capture `(?<content>…)`".into(),
                );
                ok = false;
            }
            Emit::Attribution if !has("speaker") => {
                self.err(
                    "missing-capture",
                    &at.child("pattern"),
                    "an attribution rule must capture `(?<speaker>…)`".into(),
                );
                ok = false;
            }
            _ => {}
        }
        if let Some(g) = &spec.span {
            if !has(g) {
                self.err(
                    "unknown-field",
                    &at.child("span"),
                    format!("`span: {g}` names no capture of the pattern"),
                );
                ok = false;
            }
        }
        let mut constraints = Vec::new();
        for (group, c) in &spec.constraints {
            let cat = at.child("where").child(group);
            if !has(group) {
                self.err(
                    "unknown-field",
                    &cat,
                    format!("`where: {group}` names no capture of the pattern"),
                );
                ok = false;
                continue;
            }
            let wanted = c.kinds().into_iter().flat_map(|(key, names)| {
                let make = CompiledConstraint::of_keyword(key);
                names.iter().map(move |name| (name, make))
            });
            for (name, make) in wanted {
                let Some(make) = make else { continue };
                match self.lexicon_ref(lexicons, name, &cat) {
                    Some(i) => constraints.push((group.clone(), make(i))),
                    None => ok = false,
                }
            }
        }
        let confidence = spec.confidence.unwrap_or(0.8);
        if !(0.0..=1.0).contains(&confidence) {
            self.err(
                "bad-value",
                &at.child("confidence"),
                "confidence must lie between 0 and 1".into(),
            );
            ok = false;
        }
        if !ok {
            return None;
        }
        Some(Rule {
            id: format!("{pack}/{}", spec.id),
            emit: spec.emit,
            scope,
            kind: spec.kind.clone(),
            regex,
            pattern_at: at.child("pattern"),
            priority: spec.priority,
            confidence,
            span_group: spec.span.clone(),
            unit: spec.unit.clone(),
            vague: spec.vague,
            constraints,
            examples: spec.examples.clone(),
            cost: SearchCost::default(),
        })
    }

    fn quotes(
        &mut self,
        q: &pack::QuotesConfig,
        at: &Origin,
        pieces: &Pieces,
    ) -> Option<QuoteSettings> {
        let mut marks = Vec::new();
        for (i, m) in q.marks.iter().enumerate() {
            if m.open.is_empty() || m.close.is_empty() {
                self.err(
                    "bad-value",
                    &at.child("marks").child(i),
                    format!(
                        "quote family `{}` needs non-empty `open` and `close`",
                        m.name
                    ),
                );
                continue;
            }
            marks.push((m.name.clone(), m.open.clone(), m.close.clone()));
        }
        let not_quote: Vec<Regex> = q
            .not_quote
            .iter()
            .enumerate()
            .filter_map(|(i, p)| self.pattern(pieces, p, &at.child("not-quote").child(i), "", ""))
            .collect();
        let direct_before = match &q.direct_before {
            Some(p) => Some(self.pattern(
                pieces,
                p,
                &at.child("direct-before"),
                "",
                DIRECT_BEFORE_SUFFIX,
            )?),
            None => None,
        };
        let matcher = crate::quotes::MarkMatcher::new(&marks);
        Some(QuoteSettings {
            marks,
            not_quote,
            direct_before,
            run_on_paragraphs: q.run_on_paragraphs,
            matcher,
        })
    }

    fn speakers(
        &mut self,
        s: &pack::SpeakersConfig,
        at: &Origin,
        pieces: &Pieces,
        ids: &HashMap<String, usize>,
    ) -> Option<SpeakerSettings> {
        let pronouns = self.lexicon_ref(ids, &s.pronouns, &at.child("pronouns"));
        let titles = self.lexicon_ref(ids, &s.titles, &at.child("titles"));
        let not_speakers: Vec<Option<usize>> = match &s.not_speakers {
            pack::OneOrMany::One(n) => vec![self.lexicon_ref(ids, n, &at.child("not-speakers"))],
            pack::OneOrMany::Many(v) => v
                .iter()
                .enumerate()
                .map(|(i, n)| self.lexicon_ref(ids, n, &at.child("not-speakers").child(i)))
                .collect(),
        };
        let roles = self.lexicon_ref(ids, &s.roles, &at.child("roles"));
        let organisations: Vec<Option<usize>> = s
            .organisations
            .iter()
            .enumerate()
            .map(|(i, n)| self.lexicon_ref(ids, n, &at.child("organisations").child(i)))
            .collect();
        let places = match &s.places {
            Some(n) => Some(self.lexicon_ref(ids, n, &at.child("places"))?),
            None => None,
        };
        let person_name = self.rule_pattern(
            pieces,
            &s.person_name,
            &at.child("person-name"),
            ("", ""),
            true,
        );
        let mut optional = |name: &Option<String>, key: &str| match name {
            Some(n) => self.lexicon_ref(ids, n, &at.child(key)).map(Some),
            None => Some(None),
        };
        let quote_follows_cues = optional(&s.quote_follows_cues, "quote-follows-cues")?;
        let quote_joiners = optional(&s.quote_joiners, "quote-joiners")?;
        let clause_openers = optional(&s.clause_openers, "clause-openers")?;
        let articles = optional(&s.articles, "articles")?;
        let source_words = optional(&s.source_words, "source-words")?;
        let not_role_starts = optional(&s.not_role_starts, "not-role-starts")?;
        let person_descriptions = optional(&s.person_descriptions, "person-descriptions")?;
        let name_particles = optional(&s.name_particles, "name-particles")?;
        let role_ends = optional(&s.role_ends, "role-ends")?;
        let setting_openers = optional(&s.setting_openers, "setting-openers")?;
        let fronted_clauses = optional(&s.fronted_clauses, "fronted-clauses")?;
        let cue_compounds = optional(&s.cue_compounds, "cue-compounds")?;
        let quantity_cues = optional(&s.quantity_cues, "quantity-cues")?;
        let clause_verbs = optional(&s.clause_verbs, "clause-verbs")?;
        let office_modifiers = optional(&s.office_modifiers, "office-modifiers")?;
        let kin_nouns = optional(&s.kin_nouns, "kin-nouns")?;
        let verbs_after_names = optional(&s.verbs_after_names, "verbs-after-names")?;
        let given_names = optional(&s.given_names, "given-names")?;
        let coordinators = optional(&s.coordinators, "coordinators")?;
        let place_prepositions = optional(&s.place_prepositions, "place-prepositions")?;
        let mention_breakers = optional(&s.mention_breakers, "mention-breakers")?;
        let passive_auxiliaries = optional(&s.passive_auxiliaries, "passive-auxiliaries")?;
        let passive_cues = optional(&s.passive_cues, "passive-cues")?;
        Some(SpeakerSettings {
            pronouns: pronouns?,
            titles: titles?,
            not_speakers: not_speakers.into_iter().collect::<Option<Vec<_>>>()?,
            organisations: organisations.into_iter().collect::<Option<Vec<_>>>()?,
            roles: roles?,
            places,
            person_name: person_name?,
            inherit_in_paragraph: s.inherit_in_paragraph,
            inherit_across_paragraphs: s.inherit_across_paragraphs,
            quote_follows_cues,
            quote_joiners,
            clause_openers,
            articles,
            source_words,
            not_role_starts,
            person_descriptions,
            name_particles,
            role_ends,
            setting_openers,
            fronted_clauses,
            cue_compounds,
            quantity_cues,
            clause_verbs,
            office_modifiers,
            kin_nouns,
            verbs_after_names,
            given_names,
            coordinators,
            place_prepositions,
            mention_breakers,
            passive_auxiliaries,
            passive_cues,
        })
    }

    fn numbers(
        &mut self,
        n: &pack::NumbersConfig,
        at: &Origin,
        ids: &HashMap<String, usize>,
    ) -> Option<NumberSettings> {
        let opt = |c: &mut Self, v: &Option<String>, key: &str| -> Result<Option<usize>, ()> {
            match v {
                None => Ok(None),
                Some(name) => c.lexicon_ref(ids, name, &at.child(key)).map(Some).ok_or(()),
            }
        };
        let article = opt(self, &n.article, "article");
        let joiners = opt(self, &n.joiners, "joiners");
        let ordinals = opt(self, &n.ordinals, "ordinals");
        let fractions = opt(self, &n.fractions, "fractions");
        let multipliers = opt(self, &n.multipliers, "multipliers");
        let irregular = opt(self, &n.irregular_plurals, "irregular-plurals");
        let not_nouns = opt(self, &n.not_nouns, "not-nouns");
        let collectives = opt(self, &n.collectives, "collectives");
        let comparisons = opt(self, &n.comparisons, "comparisons");
        let partitives = opt(self, &n.partitives, "partitives");
        let parts_of = opt(self, &n.parts_of, "parts-of");
        let range_openers = opt(self, &n.range_openers, "range-openers");
        let list_joiners = opt(self, &n.list_joiners, "list-joiners");
        let count_openers = opt(self, &n.count_openers, "count-openers");
        let result_prepositions = opt(self, &n.result_prepositions, "result-prepositions");
        let local_dollars = opt(self, &n.local_dollars, "local-dollars");
        let local_rupees = opt(self, &n.local_rupees, "local-rupees");
        let local_pesos = opt(self, &n.local_pesos, "local-pesos");
        let words = self.lexicon_ref(ids, &n.words, &at.child("words"));
        let scales = self.lexicon_ref(ids, &n.scales, &at.child("scales"));
        let units: Vec<Option<usize>> = n
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| self.lexicon_ref(ids, u, &at.child("units").child(i)))
            .collect();
        Some(NumberSettings {
            words: words?,
            article: article.ok()?,
            joiners: joiners.ok()?,
            scales: scales?,
            ordinals: ordinals.ok()?,
            fractions: fractions.ok()?,
            multipliers: multipliers.ok()?,
            units: units.into_iter().collect::<Option<Vec<_>>>()?,
            irregular_plurals: irregular.ok()?,
            plural_suffixes: n.plural_suffixes.clone(),
            not_nouns: not_nouns.ok()?,
            collectives: collectives.ok()?,
            comparisons: comparisons.ok()?,
            partitives: partitives.ok()?,
            parts_of: parts_of.ok()?,
            range_openers: range_openers.ok()?,
            list_joiners: list_joiners.ok()?,
            count_openers: count_openers.ok()?,
            result_prepositions: result_prepositions.ok()?,
            local_dollars: local_dollars.ok()?,
            local_rupees: local_rupees.ok()?,
            local_pesos: local_pesos.ok()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::words_outside_names;

    #[test]
    fn an_and_inside_a_name_is_passed_over_from_the_third_word_on() {
        let words: Vec<&str> =
            words_outside_names("the Ministry of Agriculture and Environment").collect();
        assert_eq!(
            words,
            ["the", "Ministry", "of", "Agriculture", "Environment"]
        );
        let words: Vec<&str> = words_outside_names("Trade and Industry").collect();
        assert_eq!(words, ["Trade", "and", "Industry"]);
        let words: Vec<&str> = words_outside_names("the plan was approved and officials").collect();
        assert!(words.contains(&"and"));
    }

    #[test]
    fn an_and_between_two_offices_is_passed_over_when_a_name_follows() {
        let words: Vec<&str> =
            words_outside_names("Trade and Industry Minister Lim Boon Keat").collect();
        assert!(!words.contains(&"and"));
        let words: Vec<&str> = words_outside_names("Clinton and Sanders").collect();
        assert!(words.contains(&"and"));
        let words: Vec<&str> = words_outside_names("Clinton and Sanders aides").collect();
        assert!(words.contains(&"and"));
    }
}
