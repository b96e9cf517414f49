//! Load: a rule pack's YAML and lexicon files → a typed [`Pack`], every part of it
//! remembering where in the user's files it was written.
//!
//! A pack is a folder with a `pack.yaml` manifest. The manifest names the pack, declares
//! its lexicons (each a text file, see [`lexicon`]) and lists the YAML files it
//! `include`s; every YAML file may hold `define`s (named regex pieces), `rules`, and
//! the engine settings (`quotes`, `speakers`, `numbers`, `segment`). Loading checks the
//! shape of the files only; [`crate::compile`] checks what they mean.
//!
//! **Layering.** A manifest may say `extends: builtin` (the English pack built into
//! the binary) or `extends: ../other-pack` (a folder, relative to this one). The base
//! is loaded first, then this pack is laid over it: a lexicon declared with `add:`
//! gains entries (an entry already there takes the new canonical form and tags), a
//! lexicon or define declared again replaces the base's, a rule with a base rule's id
//! replaces it where it stood, a settings section replaces the base's, `disable:` drops
//! base rules by id and `priorities:` sets their priority. Rule ids keep the base pack's
//! name (`en/…`), so the output of a layered pack compares line by line with the base's.

pub mod lexicon;
pub mod lint;
mod positions;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Location, PackError, SourceFile};
pub use positions::PositionIndex;

/// A place in a pack file: the file, its node index and the YAML path of a node.
#[derive(Debug, Clone)]
pub struct Origin {
    pub file: Arc<SourceFile>,
    pub index: Arc<PositionIndex>,
    pub path: String,
}

impl Origin {
    fn root(file: Arc<SourceFile>, index: Arc<PositionIndex>) -> Origin {
        Origin {
            file,
            index,
            path: String::new(),
        }
    }

    /// The node under this one at `key` (a mapping key or a list index).
    pub fn child(&self, key: impl std::fmt::Display) -> Origin {
        let path = if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}/{key}", self.path)
        };
        Origin {
            file: self.file.clone(),
            index: self.index.clone(),
            path,
        }
    }

    /// Where the node lies in its file (its nearest written ancestor if it is absent).
    pub fn location(&self) -> Location {
        let range = match self.index.find(&self.path) {
            Some(s) => s.start..s.end,
            None => 0..0,
        };
        Location {
            file: self.file.clone(),
            range,
        }
    }

    /// The exact place of bytes `range` inside this scalar, falling back to the scalar.
    pub fn location_inside(&self, range: std::ops::Range<usize>) -> Location {
        match self.index.find_inside(&self.path, range) {
            Some(r) => Location {
                file: self.file.clone(),
                range: r,
            },
            None => self.location(),
        }
    }

    /// A byte range of this file (for files that are not YAML, such as lexicons).
    pub fn range(&self, range: std::ops::Range<usize>) -> Location {
        Location {
            file: self.file.clone(),
            range,
        }
    }
}

/// Where a pack's files come from: a folder on disk, or the copy built into the binary.
#[derive(Debug, Clone)]
pub enum PackSource {
    Dir(PathBuf),
    Embedded {
        name: &'static str,
        files: &'static [(&'static str, &'static str)],
    },
}

impl PackSource {
    /// The English pack built into the binary.
    pub fn builtin() -> PackSource {
        PackSource::Embedded {
            name: "en",
            files: crate::builtin::FILES,
        }
    }

    /// The pack for `--rules DIR`, or the built-in one.
    pub fn from_option(dir: Option<&Path>) -> Result<PackSource, PackError> {
        match dir {
            None => Ok(PackSource::builtin()),
            Some(dir) => find_pack_dir(dir)
                .map(PackSource::Dir)
                .map_err(|msg| PackError {
                    diagnostics: vec![Diagnostic::in_file(
                        "no-pack",
                        dir.display().to_string(),
                        msg,
                    )],
                }),
        }
    }

    /// How the pack is named to the user: its folder, or `<builtin>/en`.
    pub fn describe(&self) -> String {
        match self {
            PackSource::Dir(d) => d.display().to_string(),
            PackSource::Embedded { name, .. } => format!("<builtin>/{name}"),
        }
    }
    /// The path shown to the user for a file of the pack.
    fn display(&self, rel: &str) -> String {
        match self {
            PackSource::Dir(d) => d.join(rel).display().to_string(),
            PackSource::Embedded { name, .. } => format!("<builtin>/{name}/{rel}"),
        }
    }

    // Called once per file while loading; the size of the error does not matter.
    #[allow(clippy::result_large_err)]
    fn read(&self, rel: &str) -> Result<SourceFile, Diagnostic> {
        let path = self.display(rel);
        match self {
            PackSource::Dir(d) => match std::fs::read(d.join(rel)) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => Ok(SourceFile::new(path, text)),
                    Err(e) => Err(Diagnostic::in_file(
                        "not-utf8",
                        path,
                        format!(
                            "file is not UTF-8 (invalid byte at offset {})",
                            e.utf8_error().valid_up_to()
                        ),
                    )),
                },
                Err(e) => Err(Diagnostic::in_file(
                    "unreadable-file",
                    path,
                    format!("cannot read file: {e}"),
                )),
            },
            PackSource::Embedded { files, .. } => files
                .iter()
                .find(|(p, _)| *p == rel)
                .map(|(_, text)| SourceFile::new(path.clone(), text.to_string()))
                .ok_or_else(|| {
                    Diagnostic::in_file(
                        "unreadable-file",
                        path,
                        "no such file in the built-in pack",
                    )
                }),
        }
    }
}

/// A whole rule pack, read and shape-checked, not yet compiled.
#[derive(Debug)]
pub struct Pack {
    pub name: String,
    /// What the manifest says the pack is for.
    pub description: Option<String>,
    /// The manifest's `version`, as written.
    pub version: Option<String>,
    pub lexicons: Vec<LexiconDef>,
    pub defines: Vec<Define>,
    pub rules: Vec<RuleDef>,
    pub quotes: Option<(QuotesConfig, Origin)>,
    pub speakers: Option<(SpeakersConfig, Origin)>,
    pub numbers: Option<(NumbersConfig, Origin)>,
    pub segment: Option<(SegmentConfig, Origin)>,
    /// The writing systems of the pack's text (`scripts: [Latin]`): large Unicode
    /// classes in its patterns keep only their letters (see `compile::scripts`).
    pub scripts: Option<(Vec<String>, Origin)>,
    /// Problems found while loading that did not stop it; compiling reports them
    /// together with its own.
    pub problems: Vec<Diagnostic>,
    /// Whether every YAML file was read and parsed. If not, compiling would only add
    /// problems that follow from the missing parts, so it reports the load problems alone.
    pub all_yaml_read: bool,
    /// The packs this one is laid over and itself, bottom first (`<builtin>/en`, a path).
    pub layers: Vec<String>,
    /// What the layer being read may replace: the names the layers below it defined.
    inherited: Inherited,
}

/// Names defined by lower layers, which the current layer replaces instead of
/// repeating (a repeat within one layer stays an error).
#[derive(Debug, Default)]
struct Inherited {
    rules: HashSet<String>,
    lexicons: HashSet<String>,
    defines: HashSet<String>,
    sections: HashSet<&'static str>,
}

/// How many packs may be stacked with `extends`; more means a cycle.
const MAX_LAYERS: usize = 8;

#[derive(Debug)]
pub struct LexiconDef {
    pub name: String,
    pub case_sensitive: bool,
    pub entries: Vec<lexicon::Entry>,
    /// Where the lexicon is declared in the YAML.
    pub origin: Origin,
}

#[derive(Debug)]
pub struct Define {
    pub name: String,
    pub pattern: String,
    pub origin: Origin,
}

#[derive(Debug)]
pub struct RuleDef {
    pub spec: RuleSpec,
    pub origin: Origin,
}

// ---- The YAML shapes -------------------------------------------------------------

/// One YAML file of a pack. The manifest (`pack.yaml`) also has `pack`, `include`
/// and `lexicons`.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PackFile {
    pack: Option<String>,
    /// The pack this one is laid over: `builtin` or a folder relative to this one.
    extends: Option<String>,
    /// Ids of base rules to drop.
    #[serde(default)]
    disable: Vec<String>,
    /// New priorities for rules, by id.
    #[serde(default, deserialize_with = "unique_keys")]
    priorities: BTreeMap<String, i32>,
    description: Option<String>,
    /// The pack's own version, for its authors (a number or a string).
    version: Option<serde_yaml::Value>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default, deserialize_with = "unique_keys")]
    lexicons: BTreeMap<String, LexiconDecl>,
    #[serde(default, deserialize_with = "unique_keys")]
    define: BTreeMap<String, String>,
    #[serde(default)]
    rules: Vec<RuleSpec>,
    quotes: Option<QuotesConfig>,
    speakers: Option<SpeakersConfig>,
    numbers: Option<NumbersConfig>,
    segment: Option<SegmentConfig>,
    scripts: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LexiconDecl {
    /// A lexicon file, relative to the pack folder.
    file: Option<String>,
    /// Entries written inline, in the lexicon line format.
    entries: Option<Vec<String>>,
    /// Entries added to the lexicon of this name in the pack this one extends.
    add: Option<Vec<String>>,
    #[serde(default)]
    case: Case,
    /// For the reader of the pack only.
    #[serde(rename = "description")]
    _description: Option<String>,
}

#[derive(Debug, Deserialize, Default, Clone, Copy, PartialEq)]
#[serde(rename_all = "kebab-case")]
enum Case {
    #[default]
    Insensitive,
    Sensitive,
}

/// What a rule produces.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Emit {
    /// A claim whose content the pattern captures (indirect speech).
    Claim,
    /// The speaker (and cue, role) of a quotation, found next to its marks.
    Attribution,
    /// A numeric figure.
    Figure,
    /// Nothing: the span is claimed so that no figure is made there (identifiers).
    None,
}

/// Which text a rule's pattern is matched against.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// The text after a quotation's closing mark, to the end of its paragraph;
    /// the pattern is anchored at the mark.
    AfterQuote,
    /// The text of the sentence before a quotation's opening mark; the pattern
    /// must end at the mark (spaces aside).
    BeforeQuote,
    /// The paragraph before one that opens with a quotation; the pattern must end
    /// at that paragraph's end (`Wei continued:`).
    ParagraphBefore,
    /// Each sentence.
    Sentence,
    /// The whole document.
    Text,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSpec {
    pub id: String,
    pub emit: Emit,
    pub scope: Option<Scope>,
    /// Claim kind (`indirect`) or figure kind (`count`, `money`, …).
    pub kind: Option<String>,
    pub pattern: String,
    pub description: Option<String>,
    #[serde(default)]
    pub priority: i32,
    pub confidence: Option<f64>,
    /// The capture whose extent is the output span (default: the whole match, less
    /// a hedge at either edge).
    pub span: Option<String>,
    /// A fixed unit for every figure of the rule (`x`, `%`).
    pub unit: Option<String>,
    /// The figure has no exact value (`hundreds of`): value is null.
    #[serde(default)]
    pub vague: bool,
    /// Constraints on captures: `unit: { not-in: not-counted-noun }`.
    #[serde(default, rename = "where", deserialize_with = "unique_keys")]
    pub constraints: BTreeMap<String, Constraint>,
    #[serde(default)]
    pub examples: Vec<Example>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Constraint {
    /// The captured text must be an entry of this lexicon.
    #[serde(rename = "in")]
    pub in_lexicon: Option<String>,
    /// The captured text must not be an entry of this lexicon (or of any in a list).
    pub not_in: Option<OneOrMany>,
    /// No word of the captured text may be an entry of this lexicon (or of any in a list).
    pub no_word_in: Option<OneOrMany>,
    /// The captured text's first word must not be an entry of this lexicon (or of any in
    /// a list): `content: { first-word-not-in: finite-report-verb }`.
    pub first_word_not_in: Option<OneOrMany>,
    /// The captured text's second word must not be an entry of this lexicon (or of any
    /// in a list): the head after a determiner, `speaker: { second-word-not-in:
    /// apposition-noun }` refuses "a charge the ministry [denied]".
    pub second_word_not_in: Option<OneOrMany>,
    /// The captured text's last word must not be an entry of this lexicon (or of any in
    /// a list): `speaker: { last-word-not-in: preposition }` refuses "Marcos ordered an
    /// inquiry into [alleged …]".
    pub last_word_not_in: Option<OneOrMany>,
}

impl Constraint {
    /// Each kind of constraint set here, by its key as the rule file writes it, with the
    /// lexicons it names: the one list that compiling, linting and `claimkit rules` read.
    pub fn kinds(&self) -> Vec<(&'static str, &[String])> {
        fn names(o: &Option<OneOrMany>) -> &[String] {
            o.as_ref().map_or(&[], OneOrMany::names)
        }
        [
            ("in", self.in_lexicon.as_slice()),
            ("not-in", names(&self.not_in)),
            ("no-word-in", names(&self.no_word_in)),
            ("first-word-not-in", names(&self.first_word_not_in)),
            ("second-word-not-in", names(&self.second_word_not_in)),
            ("last-word-not-in", names(&self.last_word_not_in)),
        ]
        .into_iter()
        .filter(|(_, lexicons)| !lexicons.is_empty())
        .collect()
    }

    /// Every lexicon the constraint names, whatever its kind.
    pub fn lexicons(&self) -> impl Iterator<Item = &String> {
        self.kinds().into_iter().flat_map(|(_, lexicons)| lexicons)
    }
}

/// A map whose keys must differ: YAML keeps the last of two equal keys, which would
/// drop a rule's first constraint on a capture, an expected field, a lexicon or a define
/// without a word.
fn unique_keys<'de, D, V>(deserializer: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct UniqueKeys<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for UniqueKeys<V> {
        type Value = BTreeMap<String, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map of names")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((key, value)) = map.next_entry::<String, V>()? {
                if out.contains_key(&key) {
                    return Err(serde::de::Error::custom(format!(
                        "`{key}` is given twice here (YAML would keep only the last)"
                    )));
                }
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(UniqueKeys(std::marker::PhantomData))
}

/// A rule's example: text it must match (with the expected span marked ⟦…⟧) or not.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Example {
    /// Text the rule must match; `⟦…⟧` marks the expected output span.
    #[serde(rename = "match")]
    pub matches: Option<String>,
    /// Text the rule must not match.
    #[serde(rename = "no-match")]
    pub no_match: Option<String>,
    /// Expected fields of the output: `speaker`, `cue`, `value`, `unit`, `approx`, …
    #[serde(default, deserialize_with = "unique_keys")]
    pub expect: BTreeMap<String, serde_yaml::Value>,
    /// The example records something the rule does not do yet, and why: it is run
    /// and reported, but its failure does not fail `claimkit test`.
    pub known_gap: Option<String>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuotesConfig {
    /// Quotation-mark families; an opening mark is closed only by its own family.
    pub marks: Vec<MarkFamily>,
    /// Patterns whose matches contain marks that are not quotation marks (apostrophes
    /// in `China's`, `'90s`, primes in `6'2"`): marks inside a match are ignored, or,
    /// where the pattern has a group named `mark`, only the marks inside that group.
    #[serde(default)]
    pub not_quote: Vec<String>,
    /// Pattern on the sentence text before an opening mark that makes the quotation
    /// `direct` (a whole utterance) rather than `partial`.
    pub direct_before: Option<String>,
    /// A quotation left open at a paragraph's end runs on when the next paragraph
    /// opens with a mark of the same family.
    #[serde(default = "yes")]
    pub run_on_paragraphs: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MarkFamily {
    pub name: String,
    pub open: String,
    pub close: String,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SpeakersConfig {
    /// Lexicon of pronouns, canonical form naming what they refer to
    /// (`person`, `organisation`, `group`).
    pub pronouns: String,
    /// Lexicon of titles written before names; stripped from `name`.
    pub titles: String,
    /// Lexicon (or list of lexicons) of words that are never a speaker or the start
    /// of one (`Advertisement`, `But`, month names).
    pub not_speakers: OneOrMany,
    /// Lexicons whose entries mark a speaker as an organisation.
    #[serde(default)]
    pub organisations: Vec<String>,
    /// Lexicon of place names: a speaker that is exactly one ("China", "Washington") is
    /// an organisation, unless a person of that name came before, and a place named in
    /// the text is no person a pronoun refers to.
    #[serde(default)]
    pub places: Option<String>,
    /// Lexicon of role nouns: a speaker headed by one is unnamed (`a senior official`).
    pub roles: String,
    /// Pattern for a person's name anywhere in the text, used to resolve surnames and
    /// pronouns (`(?<name>…)` capture).
    pub person_name: String,
    /// A quotation with no attribution of its own takes the speaker of the quotation
    /// before it in the same paragraph.
    #[serde(default = "yes")]
    pub inherit_in_paragraph: bool,
    /// A paragraph that opens with an unattributed quotation takes the speaker of the
    /// paragraph before, when that one ended with a quotation.
    #[serde(default = "yes")]
    pub inherit_across_paragraphs: bool,
    /// Lexicon of reporting cues after which a quotation opening the next sentence, with
    /// no attribution of its own, is the same speaker's (`Ruiz said the plan would
    /// fail. “It is a disaster.”`). Unset: such a quotation stays unattributed.
    pub quote_follows_cues: Option<String>,
    /// Lexicon of the words that join two quotes sharing the attribution after the
    /// second (`“A” and “B,” Ruiz said`). Unset: each quote is attributed alone.
    pub quote_joiners: Option<String>,
    /// Lexicon of the words that open a reported clause after a cue (`said that …`):
    /// a question's attribution followed by one reports that clause, not the question.
    /// Unset: a question's attribution must be short or end at a comma.
    pub clause_openers: Option<String>,
    /// Lexicon of articles: an unnamed body or document named after one in a short
    /// phrase ("the housing ministry") is what a later "it" refers to. Unset: "it"
    /// refers to organisations only.
    pub articles: Option<String>,
    /// Lexicon of the words before a source's name ("research from Moody's", "a study
    /// by Gartner's …"): a mention ending in a possessive after one names that source.
    /// Unset: a mention ending in a possessive is never a speaker.
    pub source_words: Option<String>,
    /// Lexicon of the first words that show an aside after a speaker is no role: a
    /// relative clause ("who …", "whose …"), a participle ("speaking to …"), an aside
    /// ("in particular", "like Obama"). Unset: every aside is a role.
    pub not_role_starts: Option<String>,
    /// Lexicon of nouns that describe a person the text has named, by nationality or age
    /// ("the Spaniard", "the 52-year-old": `year-old` matches the part after a number's
    /// hyphen): such a speaker is the person last named. Unset: such a speaker is
    /// unnamed, or a person of that name.
    pub person_descriptions: Option<String>,
    /// Lexicon of the particles a surname may open with ("de Vries", "al-Mahmoud"): a
    /// speaker that opens with one, the rest capitalised, is a person. Unset: a speaker
    /// that opens in lower case is unnamed.
    pub name_particles: Option<String>,
    /// Lexicon of the words a role's head comes before ("daughter of …", "head of research
    /// at …"): a description names the holder of a role by its head. Unset: the head is
    /// the role's last word.
    pub role_ends: Option<String>,
    /// Lexicon of the prepositions that open a setting ("on Monday", "in an interview",
    /// "from Washington"): a reported clause of a few words opening with one is a setting
    /// a rule took for the clause, and no claim. Unset: no content is refused so.
    pub setting_openers: Option<String>,
    /// Lexicon of the participles that open a clause before the subject ("Speaking on
    /// Saturday, the chief manager, Dr Ali Khan, said"): a speaker that opens with one is
    /// that clause, and the speaker is the apposition after it. Unset: none is.
    pub fronted_clauses: Option<String>,
    /// Lexicon of nouns that open with a verb of saying ("think tank", "say-so"): a cue
    /// that opens one is no cue. Unset: every cue is one.
    pub cue_compounds: Option<String>,
    /// Lexicon of cues that also take a quantity for their object ("Employers added
    /// 150,000 jobs", "conceding only 41 runs"): after one, a reported clause that opens
    /// with a number and holds no verb (see `clause-verbs`) is that object, and no claim,
    /// unless "that" comes before it ("added that 28 percent of sales came from abroad").
    /// Unset: none is refused so.
    pub quantity_cues: Option<String>,
    /// Lexicon of the auxiliaries that show a reported clause has a verb ("200 jobs would
    /// go"), for `quantity-cues`; a word in -ed shows one too.
    pub clause_verbs: Option<String>,
    /// Lexicon of the words that make a role another office ("vice", "former"): "the
    /// president" is not the vice president named before. Unset: none do.
    pub office_modifiers: Option<String>,
    /// Lexicon of kinship and other words that describe a speaker by someone else ("Her
    /// daughter, Margaret Lind, said"): like a role noun, such a description names the
    /// speaker in an apposition after it. Unset: only role nouns do.
    pub kin_nouns: Option<String>,
    /// Lexicon of verb forms that follow a firm's name ending in a possessive: "Sainsbury's
    /// said" names Sainsbury's, where a mention that ends in one is otherwise a determiner
    /// whose noun the capture lost ("Thursday's"). Unset: no such mention is a speaker.
    pub verbs_after_names: Option<String>,
    /// Lexicon of given names tagged `gender=f` or `gender=m`: the first word of a full
    /// name shows whom "he" or "she" may refer to, as a title does ("Moira Calder").
    /// Unset: only titles show it.
    pub given_names: Option<String>,
    /// Lexicon of the words that join names or clauses ("and", "&"): "Smith and I" is one
    /// mention, "Forbes and Wealth-X" two bodies that speak together, and "the National
    /// Disaster Risk Reduction and Management Council" one name spelled out. Unset: no
    /// word joins.
    pub coordinators: Option<String>,
    /// Lexicon of prepositions before a place ("in Horncastle, Lincolnshire"): a county
    /// or country after such a place and a comma completes it, and is no speaker. Unset:
    /// none is.
    pub place_prepositions: Option<String>,
    /// Lexicon of words that no speaker's mention holds ("but", "which"): a mention with
    /// one is cut to the words after the last ("£17.4bn but chiefs warn" → "chiefs").
    /// Unset: none is cut.
    pub mention_breakers: Option<String>,
    /// Lexicon of the auxiliaries of a passive ("was", "been"), and lexicon of the verbs
    /// whose passive, as a quote's cue after its subject ("The minister was accused of
    /// “…”"), tells what was said to or of the subject, who is then no speaker. Unset
    /// (either): every cue is its subject's.
    pub passive_auxiliaries: Option<String>,
    pub passive_cues: Option<String>,
}

/// A setting that takes one name or a list of names.
#[derive(Debug, Deserialize, Clone)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn names(&self) -> &[String] {
        match self {
            OneOrMany::One(n) => std::slice::from_ref(n),
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NumbersConfig {
    /// Lexicon of cardinal words with values (`twenty => 20`, `hundred => 100`).
    pub words: String,
    /// Lexicon of words worth one before a scale word (`a billion`).
    pub article: Option<String>,
    /// Lexicon of words that join number words (`and`, `-`).
    pub joiners: Option<String>,
    /// Lexicon of scale words with multipliers (`million => 1000000`).
    pub scales: String,
    pub ordinals: Option<String>,
    pub fractions: Option<String>,
    pub multipliers: Option<String>,
    /// Lexicons that turn a captured `unit` or `currency` into its canonical form,
    /// tried in order; a `factor=` tag scales the value (`cents => USD factor=0.01`).
    #[serde(default)]
    pub units: Vec<String>,
    /// Lexicon of irregular plurals for counted nouns (`people => person`).
    pub irregular_plurals: Option<String>,
    /// Suffix rewrites that turn a plural counted noun into its lemma, tried in order:
    /// `[ies, y]` turns `countries` into `country`.
    #[serde(default)]
    pub plural_suffixes: Vec<(String, String)>,
    /// Lexicon of words that are never a counted noun's lemma.
    pub not_nouns: Option<String>,
    /// Lexicon of collective nouns of a fixed size, with their value (`trio => 3`):
    /// a captured `value` that is one is worth it ("a trio of firms").
    pub collectives: Option<String>,
    /// Lexicon of words that compare a bare number with a count before it ("up from",
    /// "compared with"): the number counts what that count counts.
    pub comparisons: Option<String>,
    /// Lexicon of words right after a bare number that count what a count before it
    /// counts ("four plants, three of them in Korea").
    pub partitives: Option<String>,
    /// Lexicon of what opens a part of a counted whole between a number and its noun
    /// ("of the", "of their"): "four of the last six months" counts months, but is no
    /// duration.
    pub parts_of: Option<String>,
    /// Lexicon of words that, within the three words before two figures joined by
    /// "and", make them a range ("between 5% and 7%").
    pub range_openers: Option<String>,
    /// Lexicon of the words that join two figures in a list ("won 14 and four seats"):
    /// a bare number so joined to a count of several counts the same.
    pub list_joiners: Option<String>,
    /// Lexicon of words that say a sentence counts the plural after them ("the number of
    /// appeals"): a bare number compared in it, with no count before it, counts that.
    pub count_openers: Option<String>,
    /// Lexicon of the words before the result of a change ("rose to 203,417"), after
    /// which such a number counts what the sentence's count opener names.
    pub result_prepositions: Option<String>,
    /// Lexicon of what shows which dollar a bare "$" is: markers of the US dollar tagged
    /// `us=yes` ("US$", "$US"), and other dollars' markers and places, each the ISO code
    /// of its dollar ("A$ => AUD", "Sydney => AUD"). Where a text marks US dollars so and
    /// names another dollar's country, its bare "$" is that dollar.
    pub local_dollars: Option<String>,
    /// Lexicon of what shows which rupee "Rs" is: codes and datelines, each the ISO code
    /// of its rupee ("LAHORE => PKR"). The rupee a text names most is the one its Indian
    /// rupees (by default) are, but for "₹" and "INR", which are Indian.
    pub local_rupees: Option<String>,
    /// Lexicon of what shows which peso "pesos" are: countries, capitals and codes, each
    /// the ISO code of its peso ("Buenos Aires => ARS"). The peso a text names most is the
    /// one its pesos (Mexican by default) are, but for pesos named with their country.
    pub local_pesos: Option<String>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SegmentConfig {
    /// Lexicon of abbreviations whose period does not end a sentence.
    pub abbreviations: String,
    /// Lexicon of capitalised words that open a sentence ("The", "He", "But"): after
    /// initials ("A.E.", "M.S."), any other capitalised word goes on the name, and the
    /// initials' period does not end the sentence.
    #[serde(default)]
    pub sentence_openers: Option<String>,
    /// Lexicon of words that go on a clock time's sentence after "a.m." or "p.m." ("at 9
    /// p.m. Monday"), as a time zone does ("3:45 p.m. ET").
    #[serde(default)]
    pub after_clock_times: Option<String>,
}

// ---- Loading ---------------------------------------------------------------------

impl Pack {
    /// Reads the pack at `source`: its manifest, the files it includes and its lexicons.
    /// Fails only when the manifest cannot be read; other problems are kept in
    /// [`Pack::problems`].
    pub fn load(source: &PackSource) -> Result<Pack, PackError> {
        Pack::load_layer(source, 1)
    }

    fn load_layer(source: &PackSource, depth: usize) -> Result<Pack, PackError> {
        let mut diags = Vec::new();
        let manifest_rel = "pack.yaml";
        let Some((mut manifest, origin)) = read_yaml(source, manifest_rel, &mut diags) else {
            return Err(PackError { diagnostics: diags });
        };
        if let Some(base) = manifest.extends.take() {
            let at = origin.child("extends");
            let mut pack = Pack::base(source, &base, &at, depth, diags)?;
            pack.layers.push(source.describe());
            pack.lay_over(source, manifest, origin);
            return Ok(pack);
        }
        let name = match &manifest.pack {
            Some(n) => n.clone(),
            None => {
                diags.push(Diagnostic::at(
                    "missing-field",
                    origin.location(),
                    "the manifest needs `pack: NAME`",
                ));
                "pack".to_string()
            }
        };
        let mut pack = Pack {
            name,
            description: manifest.description.clone(),
            version: manifest.version.as_ref().map(|v| {
                serde_yaml::to_string(v)
                    .unwrap_or_default()
                    .trim()
                    .to_string()
            }),
            lexicons: Vec::new(),
            defines: Vec::new(),
            rules: Vec::new(),
            quotes: None,
            speakers: None,
            numbers: None,
            segment: None,
            scripts: None,
            problems: Vec::new(),
            all_yaml_read: true,
            layers: vec![source.describe()],
            inherited: Inherited::default(),
        };
        pack.problems = diags;
        pack.lay_over(source, manifest, origin);
        pack.inherited = Inherited::default();
        Ok(pack)
    }

    /// Loads the pack `base` names (`builtin` or a folder relative to `source`).
    fn base(
        source: &PackSource,
        base: &str,
        at: &Origin,
        depth: usize,
        mut diags: Vec<Diagnostic>,
    ) -> Result<Pack, PackError> {
        let fail = |mut diags: Vec<Diagnostic>, d: Diagnostic| {
            diags.push(d);
            Err(PackError { diagnostics: diags })
        };
        if depth >= MAX_LAYERS {
            let msg = format!("more than {MAX_LAYERS} packs extend one another: is there a cycle?");
            return fail(diags, Diagnostic::at("extends-cycle", at.location(), msg));
        }
        let base_source = if base == "builtin" {
            PackSource::builtin()
        } else {
            match source {
                PackSource::Dir(d) => match find_pack_dir(&d.join(base)) {
                    Ok(dir) => PackSource::Dir(dir),
                    Err(msg) => {
                        return fail(diags, Diagnostic::at("missing-file", at.location(), msg))
                    }
                },
                PackSource::Embedded { .. } => {
                    let msg = "the built-in pack can only extend `builtin`";
                    return fail(diags, Diagnostic::at("bad-value", at.location(), msg));
                }
            }
        };
        match Pack::load_layer(&base_source, depth + 1) {
            Ok(mut pack) => {
                diags.append(&mut pack.problems);
                pack.problems = diags;
                pack.inherited = Inherited {
                    rules: pack.rules.iter().map(|r| r.spec.id.clone()).collect(),
                    lexicons: pack.lexicons.iter().map(|l| l.name.clone()).collect(),
                    defines: pack.defines.iter().map(|d| d.name.clone()).collect(),
                    sections: ["quotes", "speakers", "numbers", "segment", "scripts"]
                        .into_iter()
                        .collect(),
                };
                Ok(pack)
            }
            Err(mut e) => {
                let msg = format!("the pack this one extends (`{base}`) does not load");
                diags.push(Diagnostic::at("bad-base", at.location(), msg));
                diags.append(&mut e.diagnostics);
                Err(PackError { diagnostics: diags })
            }
        }
    }

    /// Reads the manifest `manifest` of `source` and the files it includes into the
    /// pack, replacing what lower layers defined under the same names.
    fn lay_over(&mut self, source: &PackSource, manifest: PackFile, origin: Origin) {
        let mut diags = std::mem::take(&mut self.problems);
        let includes: Vec<(String, Origin)> = manifest
            .include
            .iter()
            .enumerate()
            .map(|(i, f)| (f.clone(), origin.child("include").child(i)))
            .collect();
        let disable: Vec<(String, Origin)> = manifest
            .disable
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), origin.child("disable").child(i)))
            .collect();
        let priorities: Vec<(String, i32, Origin)> = manifest
            .priorities
            .iter()
            .map(|(id, p)| (id.clone(), *p, origin.child("priorities").child(id)))
            .collect();
        let pack = &mut *self;
        pack.absorb(source, manifest, origin, true, &mut diags);
        // The included files are parsed on all threads, then taken in their order.
        let parsed: Vec<_> = {
            use rayon::prelude::*;
            includes
                .par_iter()
                .map(|(rel, _)| {
                    let mut problems = Vec::new();
                    let read =
                        source_has(source, rel).then(|| read_yaml(source, rel, &mut problems));
                    (read, problems)
                })
                .collect()
        };
        for ((rel, at), (read, problems)) in includes.into_iter().zip(parsed) {
            diags.extend(problems);
            if let Some(read) = read {
                match read {
                    Some((file, origin)) => pack.absorb(source, file, origin, false, &mut diags),
                    None => pack.all_yaml_read = false,
                }
            } else {
                pack.all_yaml_read = false;
                diags.push(Diagnostic::at(
                    "missing-file",
                    at.location(),
                    format!("included file `{rel}` does not exist"),
                ));
            }
        }
        for (id, at) in disable {
            match pack.rule_index(&id) {
                Some(i) => {
                    pack.rules.remove(i);
                }
                None => diags.push(pack.unknown_rule(&id, at)),
            }
        }
        for (id, priority, at) in priorities {
            match pack.rule_index(&id) {
                Some(i) => pack.rules[i].spec.priority = priority,
                None => diags.push(pack.unknown_rule(&id, at)),
            }
        }
        pack.problems = diags;
    }

    /// The rule written with `id` (with or without the `pack/` prefix).
    fn rule_index(&self, id: &str) -> Option<usize> {
        let prefix = format!("{}/", self.name);
        let id = id.strip_prefix(&prefix).unwrap_or(id);
        self.rules.iter().position(|r| r.spec.id == id)
    }

    fn unknown_rule(&self, id: &str, at: Origin) -> Diagnostic {
        Diagnostic::at(
            "unknown-rule",
            at.location(),
            format!("no rule `{id}` to change"),
        )
        .with_help("`disable` and `priorities` name rules of the pack this one extends, or its own")
    }

    /// Adds one file's contents to the pack.
    fn absorb(
        &mut self,
        source: &PackSource,
        file: PackFile,
        origin: Origin,
        manifest: bool,
        diags: &mut Vec<Diagnostic>,
    ) {
        if !manifest {
            for (key, present) in [
                ("pack", file.pack.is_some()),
                ("include", !file.include.is_empty()),
                ("lexicons", !file.lexicons.is_empty()),
                ("extends", file.extends.is_some()),
                ("disable", !file.disable.is_empty()),
                ("priorities", !file.priorities.is_empty()),
            ] {
                if present {
                    diags.push(Diagnostic::at(
                        "misplaced-field",
                        origin.child(key).location(),
                        format!("`{key}` belongs in pack.yaml, not in an included file"),
                    ));
                }
            }
        }
        // Lexicon files are read and parsed on all threads, then taken in their order.
        let decls: Vec<(String, LexiconDecl)> = file.lexicons.into_iter().collect();
        let read: Vec<_> = {
            use rayon::prelude::*;
            decls
                .par_iter()
                .map(|(name, decl)| {
                    let at = origin.child("lexicons").child(name);
                    let mut problems = Vec::new();
                    let entries = decl
                        .add
                        .is_none()
                        .then(|| lexicon_entries(source, name, decl, &at, &mut problems));
                    (entries, problems)
                })
                .collect()
        };
        for ((name, decl), (entries, problems)) in decls.into_iter().zip(read) {
            let at = origin.child("lexicons").child(&name);
            diags.extend(problems);
            let case_sensitive = decl.case == Case::Sensitive;
            if let Some(lines) = &decl.add {
                if decl.file.is_some() || decl.entries.is_some() {
                    diags.push(Diagnostic::at(
                        "bad-lexicon",
                        at.location(),
                        format!("lexicon `{name}` takes `add` (to extend the base's) or `file`/`entries` (to replace it), not both"),
                    ));
                } else {
                    self.add_entries(&name, lines, &at, diags);
                }
                continue;
            }
            let def = LexiconDef {
                name,
                case_sensitive,
                entries: entries.unwrap_or_default(),
                origin: at,
            };
            match self.lexicons.iter().position(|l| l.name == def.name) {
                Some(i) if self.inherited.lexicons.remove(&def.name) => self.lexicons[i] = def,
                _ => self.lexicons.push(def),
            }
        }
        for (name, pattern) in file.define {
            let origin = origin.child("define").child(&name);
            let define = Define {
                name,
                pattern,
                origin,
            };
            match self.defines.iter().position(|d| d.name == define.name) {
                Some(i) if self.inherited.defines.remove(&define.name) => self.defines[i] = define,
                _ => self.defines.push(define),
            }
        }
        for (i, spec) in file.rules.into_iter().enumerate() {
            let rule = RuleDef {
                spec,
                origin: origin.child("rules").child(i),
            };
            match self.rules.iter().position(|r| r.spec.id == rule.spec.id) {
                Some(i) if self.inherited.rules.remove(&rule.spec.id) => self.rules[i] = rule,
                _ => self.rules.push(rule),
            }
        }
        let inherited = &mut self.inherited.sections;
        set_once(
            &mut self.quotes,
            file.quotes,
            &origin,
            "quotes",
            inherited,
            diags,
        );
        set_once(
            &mut self.speakers,
            file.speakers,
            &origin,
            "speakers",
            inherited,
            diags,
        );
        set_once(
            &mut self.numbers,
            file.numbers,
            &origin,
            "numbers",
            inherited,
            diags,
        );
        set_once(
            &mut self.segment,
            file.segment,
            &origin,
            "segment",
            inherited,
            diags,
        );
        set_once(
            &mut self.scripts,
            file.scripts,
            &origin,
            "scripts",
            inherited,
            diags,
        );
    }

    /// Adds inline entries to a lexicon of a lower layer; an entry already there is
    /// replaced, so the new canonical form and tags win.
    fn add_entries(
        &mut self,
        name: &str,
        lines: &[String],
        at: &Origin,
        diags: &mut Vec<Diagnostic>,
    ) {
        let Some(lex) = self.lexicons.iter_mut().find(|l| l.name == name) else {
            diags.push(
                Diagnostic::at("unknown-lexicon", at.location(), format!("no lexicon `{name}` to add to"))
                    .with_help("`add:` extends a lexicon of the pack this one extends; declare a new one with `file:` or `entries:`"),
            );
            return;
        };
        let added = lexicon::parse(
            inline_lines(lines, &at.child("add")),
            lex.case_sensitive,
            diags,
        );
        let case_sensitive = lex.case_sensitive;
        let key = |s: &str| {
            if case_sensitive {
                s.to_string()
            } else {
                s.to_ascii_lowercase()
            }
        };
        let new: HashSet<String> = added.iter().map(|e| key(&e.surface)).collect();
        lex.entries.retain(|e| !new.contains(&key(&e.surface)));
        lex.entries.extend(added);
    }
}

/// The lines of an inline lexicon list, each checked where it stands in the YAML.
fn inline_lines<'a>(
    lines: &'a [String],
    at: &'a Origin,
) -> impl Iterator<Item = lexicon::Line<'a>> + 'a {
    lines.iter().enumerate().map(move |(i, text)| {
        let location = at.child(i).location();
        let number = location.file.line_col(location.range.start).0;
        lexicon::Line {
            text: text.trim(),
            number,
            location,
        }
    })
}

fn set_once<T>(
    slot: &mut Option<(T, Origin)>,
    value: Option<T>,
    origin: &Origin,
    key: &'static str,
    inherited: &mut HashSet<&'static str>,
    diags: &mut Vec<Diagnostic>,
) {
    if let Some(v) = value {
        let at = origin.child(key);
        if slot.is_some() && inherited.remove(key) {
            *slot = Some((v, at));
        } else if slot.is_some() {
            diags.push(Diagnostic::at(
                "duplicate-section",
                at.location(),
                format!("`{key}` is set in more than one file"),
            ));
        } else {
            *slot = Some((v, at));
        }
    }
}

fn source_has(source: &PackSource, rel: &str) -> bool {
    match source {
        PackSource::Dir(d) => d.join(rel).is_file(),
        PackSource::Embedded { files, .. } => files.iter().any(|(p, _)| *p == rel),
    }
}

/// Reads and deserialises one YAML file, indexing its node positions.
fn read_yaml(
    source: &PackSource,
    rel: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(PackFile, Origin)> {
    let file = match source.read(rel) {
        Ok(f) => Arc::new(f),
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let index = Arc::new(PositionIndex::build(&file.text));
    let origin = Origin::root(file.clone(), index);
    if file.text.trim().is_empty() {
        return Some((PackFile::default(), origin));
    }
    match serde_yaml::from_str::<PackFile>(&file.text) {
        Ok(f) => Some((f, origin)),
        Err(e) => {
            let mut range = match e.location() {
                Some(l) => l.index()..l.index() + 1,
                None => 0..0,
            };
            // serde_yaml's message ends with "at line L column C"; the snippet says that.
            let msg = e.to_string();
            let mut msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            // A key given twice is reported where its map starts: point at the second.
            if let Some(key) = msg
                .split_once("` is given twice")
                .and_then(|(before, _)| before.rsplit_once('`'))
                .map(|(_, key)| key.to_string())
            {
                if let Some((second, first_line)) = second_key(&file.text, range.start, &key) {
                    range = second;
                    let path = msg.split_once('`').map_or("", |(path, _)| path);
                    msg = format!(
                        "{path}`{key}` is given twice, first on line {first_line} (YAML would \
                         keep only the last)"
                    );
                }
            }
            diags.push(Diagnostic::at(
                "invalid-yaml",
                Location { file, range },
                msg,
            ));
            None
        }
    }
}

/// Where a key is given the second time in the block map whose first key is at `start`
/// (the keys of the map stand at its column), and the line of the first time.
fn second_key(text: &str, start: usize, key: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let column = start - line_start;
    let mut first_line = None;
    let mut at = line_start;
    for (n, line) in text[line_start..].split_inclusive('\n').enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let content = line.trim();
        if !content.is_empty() && !content.starts_with('#') && indent < column {
            break;
        }
        if indent == column {
            let name = line[indent..].split(':').next().unwrap_or("");
            if name.trim().trim_matches(|c| c == '"' || c == '\'') == key {
                let line_no = text[..line_start].matches('\n').count() + n + 1;
                match first_line {
                    None => first_line = Some(line_no),
                    Some(first) => return Some((at + indent..at + indent + name.len(), first)),
                }
            }
        }
        at += line.len();
    }
    None
}

/// Finds the pack folder for `--rules DIR`: DIR itself when it has a `pack.yaml`,
/// else its one subfolder that has one.
pub fn find_pack_dir(dir: &Path) -> Result<PathBuf, String> {
    if dir.join("pack.yaml").is_file() {
        return Ok(dir.to_path_buf());
    }
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read rule folder: {e}", dir.display()))?;
    let mut packs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("pack.yaml").is_file())
        .collect();
    packs.sort();
    match packs.len() {
        1 => Ok(packs.remove(0)),
        0 => Err(format!(
            "{}: no pack.yaml here or in a subfolder",
            dir.display()
        )),
        _ => Err(format!(
            "{}: several packs ({}); name one folder, e.g. --rules {}",
            dir.display(),
            packs
                .iter()
                .map(|p| p
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned())
                .collect::<Vec<_>>()
                .join(", "),
            packs[0].display()
        )),
    }
}

/// The entries of a lexicon declared with `file` or `entries`; problems (a missing or
/// unreadable file, a bad line, a declaration with neither) go to `diags`.
fn lexicon_entries(
    source: &PackSource,
    name: &str,
    decl: &LexiconDecl,
    at: &Origin,
    diags: &mut Vec<Diagnostic>,
) -> Vec<lexicon::Entry> {
    let case_sensitive = decl.case == Case::Sensitive;
    match (&decl.file, &decl.entries) {
        (Some(rel), None) => match source.read(rel) {
            Ok(f) => {
                let f = Origin::root(Arc::new(f), Arc::new(PositionIndex::default()));
                lexicon::parse(lexicon::file_lines(&f), case_sensitive, diags)
            }
            Err(read_error) => {
                // Say why (missing, unreadable, not UTF-8), pointing at the declaration.
                let code = if read_error.code == "not-utf8" {
                    "not-utf8"
                } else {
                    "missing-file"
                };
                diags.push(Diagnostic::at(
                    code,
                    at.child("file").location(),
                    format!("lexicon file `{rel}`: {}", read_error.message),
                ));
                Vec::new()
            }
        },
        (None, Some(lines)) => lexicon::parse(
            inline_lines(lines, &at.child("entries")),
            case_sensitive,
            diags,
        ),
        _ => {
            diags.push(Diagnostic::at(
                "bad-lexicon",
                at.location(),
                format!("lexicon `{name}` needs exactly one of `file`, `entries` and `add`"),
            ));
            Vec::new()
        }
    }
}
