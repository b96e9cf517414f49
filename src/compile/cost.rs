//! What each rule's searches cost during extraction, for `claimkit bench`'s per-rule
//! report. Counting is off unless [`Rules::count_costs`](super::Rules::count_costs)
//! turns it on; then every search a rule makes in the real pipeline (claim rules in
//! their order until one matches, attribution rules in the windows around quotes,
//! figure rules where their matches can begin) adds its time to the rule's counter.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Instant;

/// One rule's running totals, shared by every extraction thread.
#[derive(Debug, Default)]
pub(crate) struct SearchCost {
    nanos: AtomicU64,
    searches: AtomicU64,
    matches: AtomicU64,
}

/// A rule's totals, read after a run.
#[derive(Debug, Clone)]
pub struct RuleCost {
    pub id: String,
    pub seconds: f64,
    /// How many times the rule searched a text or a window.
    pub searches: u64,
    /// How many of those searches found a match (refused ones included).
    pub matches: u64,
}

impl SearchCost {
    /// Runs `search`, counting its time and whether it found something.
    pub(crate) fn time<T>(&self, search: impl FnOnce() -> Option<T>) -> Option<T> {
        let start = Instant::now();
        let found = search();
        let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.nanos.fetch_add(nanos, Relaxed);
        self.searches.fetch_add(1, Relaxed);
        self.matches.fetch_add(u64::from(found.is_some()), Relaxed);
        found
    }

    pub(crate) fn read(&self, id: &str) -> RuleCost {
        RuleCost {
            id: id.to_string(),
            seconds: self.nanos.load(Relaxed) as f64 / 1e9,
            searches: self.searches.load(Relaxed),
            matches: self.matches.load(Relaxed),
        }
    }

    pub(crate) fn reset(&self) {
        self.nanos.store(0, Relaxed);
        self.searches.store(0, Relaxed);
        self.matches.store(0, Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use crate::Rules;

    const TEXT: &str = "The minister said the plant would close. It employs 60 staff.";

    #[test]
    fn counting_costs_times_the_rules_that_ran_and_changes_no_output() {
        let mut rules = Rules::builtin().expect("the built-in pack compiles");
        let plain = rules.extract(TEXT);
        assert!(rules.costs().iter().all(|c| c.searches == 0));

        rules.count_costs();
        let counted = rules.extract(TEXT);
        assert_eq!(format!("{plain:?}"), format!("{counted:?}"));

        let costs = rules.costs();
        let matched: u64 = costs.iter().map(|c| c.matches).sum();
        assert!(matched >= 2, "a claim and a figure were found: {costs:?}");
        assert!(costs
            .iter()
            .any(|c| c.id.ends_with("speaker-cue-that-clause") && c.matches > 0));
        assert!(costs.windows(2).all(|w| w[0].seconds >= w[1].seconds));
        // Attribution rules search only around quotes, and this text has none.
        let quote_rule = costs
            .iter()
            .find(|c| c.id.ends_with("quote-then-speaker-cue"));
        assert_eq!(quote_rule.map(|c| c.searches), Some(0));
    }
}
