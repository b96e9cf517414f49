//! Where figure matches may start, found once per document for all figure rules.
//!
//! A figure rule runs over a whole text. Its program knows how a match may begin (its
//! [`StartAtom`]s: a word boundary then a digit, a hedge word, `Be`), and many rules
//! begin alike (`@hedge?@number …`). The index keeps each distinct atom once. A
//! document is scanned once, testing at each position only the atoms that may begin
//! with the byte there, and of those only the ones whose opening test (a word
//! boundary, mostly) holds; each rule then runs its program only where one of its atoms
//! holds, instead of running the regex crate's automaton over the whole text.

use std::collections::HashMap;

use rayon::prelude::*;
use regex_automata::util::look::{Look, LookMatcher};

use super::backtrack::StartAtom;
use super::Rule;
use crate::pack::Emit;

/// Atoms that open with the same zero-width test, if any.
#[derive(Debug, Clone)]
struct AtomGroup {
    look: Option<Look>,
    atoms: Vec<u32>,
}

/// The start atoms of a pack's figure rules, each kept once.
#[derive(Debug)]
pub struct StartIndex {
    atoms: Vec<StartAtom>,
    /// For each byte, the atoms that may hold at a position that begins with it, in
    /// groups that open with the same test (a word boundary): where it fails, the
    /// group's atoms are not tried.
    by_byte: Vec<Vec<AtomGroup>>,
    /// For each rule of the pack (by its place), its atoms; None when the rule runs
    /// its own search (no program, or a match that may begin anywhere).
    by_rule: Vec<Option<Vec<u32>>>,
    looks: LookMatcher,
}

impl StartIndex {
    pub(crate) fn new(rules: &[Rule]) -> StartIndex {
        let mut atoms: Vec<StartAtom> = Vec::new();
        let mut ids: HashMap<StartAtom, u32> = HashMap::new();
        // Compiling the figure rules' programs, on first use, runs on all threads.
        let own: Vec<Option<Vec<StartAtom>>> = rules
            .par_iter()
            .map(|rule| match rule.emit {
                Emit::Figure | Emit::None => rule.regex.start_atoms(),
                _ => None,
            })
            .collect();
        let by_rule: Vec<Option<Vec<u32>>> = own
            .into_iter()
            .map(|own| {
                let mut list: Vec<u32> = own?
                    .into_iter()
                    .map(|atom| {
                        *ids.entry(atom.clone()).or_insert_with(|| {
                            atoms.push(atom);
                            atoms.len() as u32 - 1
                        })
                    })
                    .collect();
                list.sort_unstable();
                list.dedup();
                Some(list)
            })
            .collect();
        let mut by_byte: Vec<Vec<AtomGroup>> = vec![Vec::new(); 256];
        for (id, atom) in atoms.iter().enumerate() {
            let look = atom.first_look();
            for (byte, may) in atom.first_bytes().iter().enumerate() {
                if !*may {
                    continue;
                }
                let groups = &mut by_byte[byte];
                match groups.iter_mut().find(|g| g.look == look) {
                    Some(group) => group.atoms.push(id as u32),
                    None => groups.push(AtomGroup {
                        look,
                        atoms: vec![id as u32],
                    }),
                }
            }
        }
        StartIndex {
            atoms,
            by_byte,
            by_rule,
            looks: LookMatcher::new(),
        }
    }

    /// Scans `text` once: where each atom holds.
    pub fn scan(&self, text: &str) -> StartHits<'_> {
        let mut hits = vec![Vec::new(); self.atoms.len()];
        // Positions are kept as u32; a longer text is searched without the index.
        let usable = u32::try_from(text.len()).is_ok();
        if usable {
            for (at, &byte) in text.as_bytes().iter().enumerate() {
                // Only a character's first byte (not 0b10xx_xxxx) begins a match.
                if byte & 0xC0 == 0x80 {
                    continue;
                }
                for group in &self.by_byte[byte as usize] {
                    if let Some(look) = group.look {
                        if !self.looks.matches(look, text.as_bytes(), at) {
                            continue;
                        }
                    }
                    for &id in &group.atoms {
                        if self.atoms[id as usize].holds(text, at, &self.looks) {
                            hits[id as usize].push(at as u32);
                        }
                    }
                }
            }
        }
        StartHits {
            index: self,
            usable,
            hits,
            merged: HashMap::new(),
        }
    }
}

/// Where the atoms of a [`StartIndex`] hold in one text.
pub struct StartHits<'i> {
    index: &'i StartIndex,
    usable: bool,
    hits: Vec<Vec<u32>>,
    /// The starts of each set of atoms asked for so far (rules often share one).
    merged: HashMap<Vec<u32>, Vec<u32>>,
}

impl StartHits<'_> {
    /// Where a match of rule `rule` (its place in the pack) may start, in order; None
    /// when the rule must search every position.
    pub fn for_rule(&mut self, rule: usize) -> Option<&[u32]> {
        if !self.usable {
            return None;
        }
        let atoms = self.index.by_rule.get(rule)?.as_ref()?;
        let hits = &self.hits;
        let starts = self.merged.entry(atoms.clone()).or_insert_with(|| {
            let mut all: Vec<u32> = atoms
                .iter()
                .flat_map(|&id| hits[id as usize].iter().copied())
                .collect();
            all.sort_unstable();
            all.dedup();
            all
        });
        Some(starts)
    }
}
