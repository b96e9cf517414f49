//! Figures, one test per construction: what must be found (text, kind, value or
//! range, unit, hedge) and what must not be a figure. The sentences are made up for
//! these tests.

use std::sync::OnceLock;

use claimkit::{Figure, Rules};

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::builtin().expect("the built-in pack compiles"))
}

fn figures(text: &str) -> Vec<Figure> {
    rules().extract(text).figures
}

/// What a figure must be: its text, kind, value (or low and high), unit and hedge.
#[derive(Debug, Clone, Copy)]
struct Want {
    text: &'static str,
    kind: &'static str,
    value: Option<f64>,
    range: Option<(f64, f64)>,
    unit: Option<&'static str>,
    approx: Option<&'static str>,
}

const fn want(text: &'static str, kind: &'static str) -> Want {
    Want {
        text,
        kind,
        value: None,
        range: None,
        unit: None,
        approx: None,
    }
}

impl Want {
    const fn value(mut self, v: f64) -> Self {
        self.value = Some(v);
        self
    }
    const fn range(mut self, low: f64, high: f64) -> Self {
        self.range = Some((low, high));
        self
    }
    const fn unit(mut self, u: &'static str) -> Self {
        self.unit = Some(u);
        self
    }
    const fn approx(mut self, a: &'static str) -> Self {
        self.approx = Some(a);
        self
    }
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() <= 1e-9 * b.abs().max(1.0))
}

/// Asserts that `text` holds a figure as wanted.
fn has(text: &str, w: Want) {
    let all = figures(text);
    let Some(f) = all.iter().find(|f| &text[f.span.clone()] == w.text) else {
        panic!("no figure «{}» in «{text}»; got {all:?}", w.text);
    };
    assert_eq!(f.kind, w.kind, "kind of «{}» in «{text}»", w.text);
    if let Some(v) = w.value {
        assert!(
            close(f.value, v),
            "value of «{}»: {:?} ≠ {v}",
            w.text,
            f.value
        );
    }
    if let Some((lo, hi)) = w.range {
        assert!(
            close(f.low, lo) && close(f.high, hi),
            "range of «{}»: {:?}..{:?} ≠ {lo}..{hi}",
            w.text,
            f.low,
            f.high
        );
    }
    if let Some(u) = w.unit {
        assert_eq!(f.unit.as_deref(), Some(u), "unit of «{}»", w.text);
    }
    assert_eq!(f.approx.as_deref(), w.approx, "hedge of «{}»", w.text);
}

/// Asserts that no figure of `text` covers any of `words`.
fn none_in(text: &str, words: &str) {
    let at = text.find(words).expect("the words are in the text");
    let covered = at..at + words.len();
    let all = figures(text);
    let hit: Vec<_> = all
        .iter()
        .filter(|f| f.span.start < covered.end && covered.start < f.span.end)
        .collect();
    assert!(hit.is_empty(), "«{words}» in «{text}» gave {hit:?}");
}

/// Asserts that the only figure over `words` is of `kind`.
fn only_kind(text: &str, words: &str, kind: &str) {
    let at = text.find(words).expect("the words are in the text");
    let all = figures(text);
    let hit: Vec<_> = all
        .iter()
        .filter(|f| f.span.start < at + words.len() && at < f.span.end)
        .collect();
    assert!(
        !hit.is_empty() && hit.iter().all(|f| f.kind == kind),
        "«{words}» in «{text}» should be {kind}: {hit:?}"
    );
}

#[test]
fn year_before_a_noun_is_a_year() {
    has(
        "Turnout in the 2012 election was low.",
        want("2012", "year").value(2012.0),
    );
    has(
        "The 1994 attacks changed the city.",
        want("1994", "year").value(1994.0),
    );
    none_in("Turnout in the 2012 election was low.", "election");
}

#[test]
fn hedged_four_digit_count_is_no_year() {
    has(
        "Organisers said about 1800 volunteers came.",
        want("1800 volunteers", "count")
            .value(1800.0)
            .unit("volunteer")
            .approx("about"),
    );
}

#[test]
fn age_after_a_name() {
    has(
        "\"It was cold,\" said Tom Baker, 58, a farmer.",
        want("58", "measure").value(58.0).unit("year"),
    );
    only_kind(
        "The ballots were counted on May 3, 2019, in Ohio.",
        "3, 2019",
        "date",
    );
}

#[test]
fn vote_sides_are_two_figures() {
    let text = "The board approved it by a 6-to-3 vote on Friday.";
    has(text, want("6", "count").value(6.0).unit("vote"));
    has(text, want("3", "count").value(3.0).unit("vote"));
    let text = "The final vote was 11 to 2.";
    has(text, want("11", "count").value(11.0).unit("vote"));
    has(text, want("2", "count").value(2.0).unit("vote"));
}

#[test]
fn counted_noun_head_after_modifiers() {
    has(
        "They hired two Swiss water engineers last year.",
        want("two Swiss water engineers", "count")
            .value(2.0)
            .unit("engineer"),
    );
    has(
        "There is one empty chair at the table.",
        want("one empty chair", "count").value(1.0).unit("chair"),
    );
    has(
        "Nearly 3 million fewer viewers watched.",
        want("3 million fewer viewers", "count")
            .value(3_000_000.0)
            .unit("viewer")
            .approx("Nearly"),
    );
}

#[test]
fn counted_noun_stops_at_a_verb_or_preposition() {
    has(
        "Some 400 nurses in the region went on strike.",
        want("400 nurses", "count")
            .value(400.0)
            .unit("nurse")
            .approx("Some"),
    );
}

#[test]
fn capitalised_word_after_a_number_is_no_unit() {
    has(
        "Comments 36 Britain said on Monday",
        want("36", "number").value(36.0),
    );
}

#[test]
fn number_of_the_group() {
    has(
        "Three of the Danish firms declined to comment.",
        want("Three", "count").value(3.0).unit("firm"),
    );
}

#[test]
fn hyphenated_count_compound() {
    has(
        "A nine-member panel will decide.",
        want("nine-member", "count").value(9.0).unit("member"),
    );
    none_in("It was a one-time payment.", "one-time");
    none_in("It is a two-way street.", "two-way");
}

#[test]
fn dozen_multiplies() {
    has(
        "Roughly two dozen towns voted early.",
        want("two dozen towns", "count")
            .value(24.0)
            .unit("town")
            .approx("Roughly"),
    );
    has(
        "They found a half-dozen errors.",
        want("half-dozen errors", "count").value(6.0).unit("error"),
    );
}

#[test]
fn words_with_scales_and_and() {
    has(
        "The tally was two thousand and fifty.",
        want("two thousand and fifty", "number").value(2050.0),
    );
    has(
        "The fund holds six million and a half.",
        want("six million and a half", "number").value(6_500_000.0),
    );
}

#[test]
fn whole_and_a_fraction_in_words() {
    has(
        "It grew five and a quarter times.",
        want("five and a quarter times", "number")
            .value(5.25)
            .unit("x"),
    );
    has(
        "The trip took two and a half hours.",
        want("two and a half hours", "measure")
            .value(2.5)
            .unit("hour"),
    );
}

#[test]
fn decimal_point_in_words() {
    has(
        "The reading was four point two five.",
        want("four point two five", "number").value(4.25),
    );
}

#[test]
fn negative_numbers() {
    has(
        "The index stood at -12.5 on Monday.",
        want("-12.5", "number").value(-12.5),
    );
    has(
        "Growth was minus three percent.",
        want("minus three percent", "percent").value(-3.0).unit("%"),
    );
    // A dash between numbers is no sign.
    has(
        "The score was 52-41 at half time.",
        want("41", "number").value(41.0),
    );
}

#[test]
fn single_character_and_digit_fractions() {
    has("Add ¾ of the flour.", want("¾", "number").value(0.75));
    has(
        "More than 2/3 of voters agreed.",
        want("2/3", "number").value(2.0 / 3.0).approx("More than"),
    );
}

#[test]
fn article_with_a_scale_word() {
    has(
        "Fewer than a thousand tigers remain.",
        want("a thousand tigers", "count")
            .value(1000.0)
            .unit("tiger")
            .approx("Fewer than"),
    );
}

#[test]
fn bare_half_with_a_hedge() {
    has(
        "Nearly half the money came from donors.",
        want("half", "number").value(0.5).approx("Nearly"),
    );
    only_kind("Sales rose in the second half of 2019.", "half", "date");
}

#[test]
fn bare_ranges_of_digits() {
    has(
        "The estimate is 40,000 to 90,000 of them.",
        want("40,000 to 90,000", "range").range(40_000.0, 90_000.0),
    );
    has(
        "Salaries of 5k-20k are common.",
        want("5k-20k", "range").range(5_000.0, 20_000.0),
    );
}

#[test]
fn figures_each_with_its_unit_joined_by_and_are_two_unless_between() {
    let text = "Goods in the 12 per cent and 18 per cent slabs will merge.";
    has(text, want("12 per cent", "percent").value(12.0).unit("%"));
    has(text, want("18 per cent", "percent").value(18.0).unit("%"));
    has(
        "Rates are between 5% and 7% this year.",
        want("5% and 7%", "range").range(5.0, 7.0).unit("%"),
    );
    has(
        "They had worked there for 30 and 40 years.",
        want("30 and 40 years", "range")
            .range(30.0, 40.0)
            .unit("year"),
    );
}

#[test]
fn phone_and_section_numbers_are_no_figures() {
    none_in(
        "Call the council on 0161 555 2000 for help.",
        "0161 555 2000",
    );
    none_in(
        "Residents should call 999 or the 101 non-emergency line.",
        "999 or the 101",
    );
    none_in("Councils can issue a section 114 notice.", "114");
    has(
        "The firm called 200 staff back to work.",
        want("200 staff", "count").value(200.0).unit("staff"),
    );
}

#[test]
fn a_change_and_the_new_value_are_two_figures() {
    let text = "The ten-year yield fell 6 bps to 6.38% on Friday.";
    has(
        text,
        want("6 bps", "percent").value(6.0).unit("basis point"),
    );
    has(text, want("6.38%", "percent").value(6.38).unit("%"));
    has(
        "Output is forecast to rise 5 to 10 per cent.",
        want("5 to 10 per cent", "range").range(5.0, 10.0).unit("%"),
    );
}

#[test]
fn money_alternatives_are_two_figures() {
    let text = "Their fortune is either $30 billion or $45 billion.";
    has(text, want("$30 billion", "money").value(3e10).unit("USD"));
    has(text, want("$45 billion", "money").value(4.5e10).unit("USD"));
    has(
        "Donors gave $500 or $1,000 apiece.",
        want("$500 or $1,000", "range")
            .range(500.0, 1000.0)
            .unit("USD"),
    );
}

#[test]
fn money_with_a_trailing_hedge_or_symbol_after() {
    has(
        "Groups that raised $2million or more.",
        want("$2million", "money")
            .value(2_000_000.0)
            .unit("USD")
            .approx("or more"),
    );
    has(
        "The ticket is 40 EUR, they said.",
        want("40 EUR", "money").value(40.0).unit("EUR"),
    );
    let text = "In 2021 $3 million was raised.";
    has(text, want("2021", "year").value(2021.0));
    has(text, want("$3 million", "money").value(3e6).unit("USD"));
}

#[test]
fn hedge_just_is_not_part_of_the_hedge() {
    has(
        "They own just under $7 billion.",
        want("$7 billion", "money")
            .value(7e9)
            .unit("USD")
            .approx("under"),
    );
}

#[test]
fn one_unit_of_time_with_an_article() {
    has(
        "They lost it in a single year.",
        want("a single year", "measure").value(1.0).unit("year"),
    );
    has(
        "The court was stable for a decade.",
        want("a decade", "measure").value(1.0).unit("decade"),
    );
    none_in("That happened a decade ago.", "a decade");
}

#[test]
fn plus_after_a_hyphen() {
    has(
        "He paid no tax for 12-plus years.",
        want("12-plus years", "measure")
            .value(12.0)
            .unit("year")
            .approx("plus"),
    );
}

#[test]
fn multipliers_as_verbs_and_phrases() {
    has(
        "Its revenue tripled last year.",
        want("tripled", "number").value(3.0).unit("x"),
    );
    has(
        "Nurses earn time and a half on Sundays.",
        want("time and a half", "number").value(1.5).unit("x"),
    );
}

#[test]
fn currencies_and_units_from_the_lexicons() {
    has(
        "He lost 300 bitcoins in the hack.",
        want("300 bitcoins", "money").value(300.0).unit("BTC"),
    );
    has(
        "Stir in 2 teaspoons of salt.",
        want("2 teaspoons", "measure").value(2.0).unit("tsp"),
    );
}

#[test]
fn identifiers_are_not_figures() {
    none_in(
        "See post 1234567890123456789 for details.",
        "1234567890123456789",
    );
    none_in("In Doe v. Roe, No. 15-1234, the court ruled.", "15-1234");
    none_in("Neighbours made several 911 calls.", "911");
}

#[test]
fn part_of_a_year_is_a_date() {
    has(
        "Profits fell in the first half of 2015.",
        want("first half of 2015", "date"),
    );
}

#[test]
fn short_decade_is_a_year() {
    has(
        "Songs from the '70s filled the hall.",
        want("'70s", "year").value(1970.0),
    );
}

#[test]
fn centuries_and_parts_of_years_are_dates_or_years() {
    has(
        "It belongs to the 19th century.",
        want("19th century", "date"),
    );
    has(
        "Since late-2009 prices rose.",
        want("late-2009", "year").value(2009.0),
    );
}

#[test]
fn ordinal_digits_in_a_compound() {
    has(
        "It is the 3rd-largest lender.",
        want("3rd-largest", "ordinal").value(3.0),
    );
}

#[test]
fn hyphenated_number_words_are_no_range() {
    has(
        "About two-dozen towns voted.",
        want("two-dozen towns", "count")
            .value(24.0)
            .unit("town")
            .approx("About"),
    );
    has(
        "Between ten and fifteen towns voted.",
        want("ten and fifteen towns", "range")
            .range(10.0, 15.0)
            .unit("town"),
    );
}

#[test]
fn two_bounds_make_a_range() {
    has(
        "The count is above 300 and below 400 now.",
        want("above 300 and below 400", "range").range(300.0, 400.0),
    );
    // The upper bound first: the range still rises.
    has(
        "There are at most 90 and at least 20 left.",
        want("at most 90 and at least 20", "range").range(20.0, 90.0),
    );
}

#[test]
fn bounds_with_equal_are_hedges() {
    // A bound with "or equal" is a one-sided range, the phrase in its span and hedge.
    has(
        "Pass with a score less than or equal to 30.",
        want("less than or equal to 30", "range").approx("less than or equal to"),
    );
}

#[test]
fn money_joined_to_its_noun_by_a_hyphen() {
    has(
        "It pays a 15-cent dividend.",
        want("15-cent", "money").value(0.15).unit("USD"),
    );
}

#[test]
fn relative_time_with_an_article_is_no_figure() {
    none_in("More than a decade ago, it changed.", "a decade");
    none_in("A year earlier, the mill closed.", "A year");
}

#[test]
fn poll_lead_in_points_is_a_percentage_point() {
    has(
        "The survey gave her a 9-point lead.",
        want("9-point", "percent")
            .value(9.0)
            .unit("percentage point"),
    );
}

#[test]
fn plurals_in_es_keep_their_stem() {
    has(
        "She gave three speeches and named two witnesses.",
        want("three speeches", "count").value(3.0).unit("speech"),
    );
    has(
        "She gave three speeches and named two witnesses.",
        want("two witnesses", "count").value(2.0).unit("witness"),
    );
}

#[test]
fn half_a_dozen_is_six() {
    has(
        "Half a dozen aides quit.",
        want("Half a dozen aides", "count").value(6.0).unit("aide"),
    );
}

#[test]
fn money_in_a_unit_and_its_subunit_is_summed() {
    has(
        "The ticket cost seven dollars and sixty cents.",
        want("seven dollars and sixty cents", "money")
            .value(7.6)
            .unit("USD"),
    );
    has(
        "The ticket cost 7 dollars 60 cents.",
        want("7 dollars 60 cents", "money").value(7.6).unit("USD"),
    );
}

#[test]
fn measures_in_a_unit_and_a_smaller_one_are_summed() {
    has(
        "The fence is 4 feet and 6 inches high.",
        want("4 feet and 6 inches", "measure").value(4.5).unit("ft"),
    );
    has(
        "The flight took three hours 45 minutes.",
        want("three hours 45 minutes", "measure")
            .value(3.75)
            .unit("hour"),
    );
    // Two unrelated units are a list, not a sum.
    has(
        "She ran 6 miles and 3 kilometres.",
        want("6 miles", "measure").value(6.0),
    );
}

#[test]
fn fractions_with_a_compound_numerator() {
    has(
        "It was seventy-two tenths of the total.",
        want("seventy-two tenths", "number").value(7.2),
    );
    has(
        "They sold two thirds of a million copies.",
        want("two thirds of a million", "number").value(2_000_000.0 / 3.0),
    );
    has(
        "He finished one and a fourth laps.",
        want("one and a fourth", "number").value(1.25),
    );
    only_kind("It was the twenty-fifth day.", "twenty-fifth", "ordinal");
}

#[test]
fn ordinals_with_a_scale_before_them() {
    has(
        "It marks the two hundred thirty-first year.",
        want("two hundred thirty-first", "ordinal").value(231.0),
    );
}

#[test]
fn digits_with_number_words() {
    has(
        "They counted 7 thousand 2 hundred and 15 ballots.",
        want("7 thousand 2 hundred and 15 ballots", "count").value(7215.0),
    );
    has(
        "It reached 5 million and a half.",
        want("5 million and a half", "number").value(5_500_000.0),
    );
    // A number after a scale and no "and" is its own figure.
    has(
        "It cost 5 million two years ago.",
        want("5 million", "number").value(5_000_000.0),
    );
}

#[test]
fn exponents_and_mixed_digit_fractions() {
    has("The factor is 3e8 here.", want("3e8", "number").value(3e8));
    has(
        "The ratio is 4^-1 here.",
        want("4^-1", "number").value(0.25),
    );
    has(
        "The index rose by 3 1/2.",
        want("3 1/2", "number").value(3.5),
    );
}

#[test]
fn a_counted_noun_stops_before_a_verb() {
    has(
        "At the rally one farmer complained about prices.",
        want("one farmer", "count").value(1.0).unit("farmer"),
    );
    // A past tense after the plural is its verb, not a noun it modifies.
    has(
        "The government fell after 22 MLAs switched sides.",
        want("22 MLAs", "count").value(22.0).unit("MLA"),
    );
    // So is an adverb of place.
    has(
        "The firm operates 15 manufacturing sites overseas.",
        want("15 manufacturing sites", "count")
            .value(15.0)
            .unit("site"),
    );
    // Before the plural it is an adjective, after a joiner too.
    has(
        "It has 20 overseas offices.",
        want("20 overseas offices", "count")
            .value(20.0)
            .unit("office"),
    );
    has(
        "About 4,300 provisional and overseas ballots remain.",
        want("4,300 provisional and overseas ballots", "count")
            .value(4300.0)
            .unit("ballot")
            .approx("About"),
    );
}

#[test]
fn a_count_of_units_of_time_is_a_duration() {
    has(
        "The hearing lasted 11 sitting days.",
        want("11 sitting days", "measure").value(11.0).unit("day"),
    );
    has(
        "Sales rose for three straight years.",
        want("three straight years", "measure")
            .value(3.0)
            .unit("year"),
    );
    // A part of some units is still a count of them.
    has(
        "Waiting lists have fallen in four of the last six months.",
        want("four", "count").value(4.0).unit("month"),
    );
}

#[test]
fn a_bare_number_before_an_auxiliary_counts_what_the_count_before_it_counts() {
    has(
        "Police said 91 cyclists were killed and about 4,000 were seriously injured.",
        want("4,000", "count")
            .value(4000.0)
            .unit("cyclist")
            .approx("about"),
    );
    has(
        "Of the 15 plaintiffs, 11 have accepted the payments.",
        want("11", "count").value(11.0).unit("plaintiff"),
    );
}

#[test]
fn a_bare_number_joined_to_a_count_after_it_counts_the_same() {
    has(
        "The two parties won 14 and four seats respectively.",
        want("14", "count").value(14.0).unit("seat"),
    );
    // Not when the count after it is of one thing.
    has(
        "It limits the drugs to those with a BMI of 35 and one related condition.",
        want("35", "number").value(35.0),
    );
}

#[test]
fn a_bare_number_before_a_lists_last_elided_item_counts_the_same() {
    has(
        "The Congress won 16 seats, the RJD four and the Left two.",
        want("four", "count").value(4.0).unit("seat"),
    );
    has(
        "Labour won 118 seats, the Conservatives on 62 and the Liberal Democrats on 58.",
        want("62", "count").value(62.0).unit("seat"),
    );
    // Not when the list's last item counts nothing the sentence counted before.
    has(
        "The seats went to the RJS, the LKD 58 and the Left 30.",
        want("58", "number").value(58.0),
    );
}

#[test]
fn the_other_side_of_a_tally_counts_the_same() {
    has(
        "The board voted by seven votes to two to keep the fee.",
        want("two", "count").value(2.0).unit("vote"),
    );
    // Only right after the count: a number further on borrows nothing.
    has(
        "Seven votes were cast, and the count moved to 5 in the second round.",
        want("5", "number").value(5.0),
    );
}

#[test]
fn a_singular_in_s_after_a_plural_is_no_counted_noun() {
    // "cross" is a verb here; the lexicon lists it as a singular in -s.
    has(
        "About 300,000 commuters cross the border each day.",
        want("300,000 commuters", "count")
            .value(300000.0)
            .unit("commuter")
            .approx("About"),
    );
}

#[test]
fn the_number_of_a_compound_counts_its_head() {
    has(
        "The number of hospital beds fell by 1,210 over the decade.",
        want("1,210", "count").value(1210.0).unit("bed"),
    );
    // Not a number a hyphen joins to more.
    has(
        "The number of cases decided by 5-to-4 votes has grown.",
        want("5", "number").value(5.0),
    );
}

#[test]
fn a_currency_code_begins_its_word() {
    // "KD" inside a party's initials is no Kuwaiti dinar.
    has(
        "The seats went to the RJS, the LKD 58 and the Left 30.",
        want("58", "number").value(58.0),
    );
    has(
        "Tickets cost KD 58 each.",
        want("KD 58", "money").value(58.0).unit("KWD"),
    );
}

#[test]
fn more_between_a_number_and_its_unit() {
    has(
        "The talks ran for four more weeks.",
        want("four more weeks", "measure").value(4.0).unit("week"),
    );
}

#[test]
fn a_quotient_read_out() {
    has(
        "The chance is one over forty.",
        want("one over forty", "number").value(0.025),
    );
    // "over" before a number that goes on is a hedge, not a quotient.
    has(
        "Prices rose over 40 percent in May.",
        want("40 percent", "percent").value(40.0).approx("over"),
    );
}

#[test]
fn fraction_over_an_ordinal_denominator() {
    has(
        "The share came to a twenty-third.",
        want("a twenty-third", "number").value(1.0 / 23.0),
    );
    has(
        "It took four twenty-thirds of the time.",
        want("four twenty-thirds", "number").value(4.0 / 23.0),
    );
    has(
        "The answer was one - sixth.",
        want("one - sixth", "number").value(1.0 / 6.0),
    );
    has(
        "The result is negative one - fourth.",
        want("negative one - fourth", "number").value(-0.25),
    );
    has(
        "It lasted a billionth of a second.",
        want("a billionth", "number").value(1e-9),
    );
    // A singular ordinal before a noun is a rank; "seconds" is a unit of time.
    only_kind(
        "Her twenty-third album sold well.",
        "twenty-third",
        "ordinal",
    );
    only_kind(
        "It was a twenty-third straight win.",
        "twenty-third",
        "ordinal",
    );
    has(
        "It stalled for three seconds.",
        want("three seconds", "measure").value(3.0).unit("second"),
    );
}

#[test]
fn fraction_denominator_is_the_trailing_ordinal() {
    // "and" binds the word after it to the numerator.
    has(
        "Write two hundred and forty sevenths.",
        want("two hundred and forty sevenths", "number").value(240.0 / 7.0),
    );
    // Without it, the last words that make one ordinal are the denominator.
    has(
        "Write two hundred forty sevenths.",
        want("two hundred forty sevenths", "number").value(200.0 / 47.0),
    );
    has(
        "Write one one hundred ninth.",
        want("one one hundred ninth", "number").value(1.0 / 109.0),
    );
    has(
        "Write two hundred one thousand thirds.",
        want("two hundred one thousand thirds", "number").value(200.0 / 1003.0),
    );
    // Tens and units set apart by a spaced hyphen are one number.
    has(
        "Write seventy - two hundred ninths.",
        want("seventy - two hundred ninths", "number").value(800.0),
    );
    has(
        "Write two and thirty-one hundredths.",
        want("two and thirty-one hundredths", "number").value(2.31),
    );
}

#[test]
fn ordinal_after_a_scale_word() {
    has(
        "It was the three hundred fifty second entry.",
        want("three hundred fifty second", "ordinal").value(352.0),
    );
    has(
        "the four trillionth",
        want("four trillionth", "ordinal").value(4e12),
    );
    has(
        "It took thirty seconds.",
        want("thirty seconds", "measure").value(30.0).unit("second"),
    );
}

#[test]
fn decimal_point_after_a_compound_in_words() {
    has(
        "The reading was four hundred point thirty-six.",
        want("four hundred point thirty-six", "number").value(400.36),
    );
}

#[test]
fn decimal_comma() {
    has("The rate was 2,5 here.", want("2,5", "number").value(2.5));
    has("It costs 7,00 now.", want("7,00", "number").value(7.0));
    has(
        "It drew 2,500 fans.",
        want("2,500 fans", "count").value(2500.0),
    );
    has(
        "The index hit 1,250,000 today.",
        want("1,250,000", "number").value(1_250_000.0),
    );
    // A comma and a space separate two numbers.
    has("Pick 4, 6 or 8.", want("4", "number").value(4.0));
}

#[test]
fn lowercase_m_after_digits() {
    has(
        "The wall is 3 m high.",
        want("3 m", "measure").value(3.0).unit("m"),
    );
    has(
        "He paid £3m for it.",
        want("£3m", "money").value(3_000_000.0).unit("GBP"),
    );
    has(
        "It ran 3 m of cable.",
        want("3 m", "measure").value(3.0).unit("m"),
    );
    has(
        "It has 3m people.",
        want("3m people", "count").value(3_000_000.0),
    );
}

#[test]
fn dash_after_a_number_and_a_space_is_no_minus() {
    has(
        "a 24 -105mm lens",
        want("105mm", "measure").value(105.0).unit("mm"),
    );
    has(
        "It fell to -5 degrees.",
        want("-5 degrees", "measure").value(-5.0),
    );
}

#[test]
fn unit_in_brackets_and_inch_mark() {
    has(
        "The load is 8 (tonnes) today.",
        want("8 (tonnes)", "measure").value(8.0).unit("tonne"),
    );
    has(
        "The load is 8 {tonnes} today.",
        want("8 {tonnes}", "measure").value(8.0).unit("tonne"),
    );
    has(
        "a 12\" wide board",
        want("12\"", "measure").value(12.0).unit("inch"),
    );
}

#[test]
fn currency_code_of_millions() {
    has(
        "Sales were 12 MEUR last year.",
        want("12 MEUR", "money").value(12_000_000.0).unit("EUR"),
    );
    has(
        "Revenue of MCHF 40 was booked.",
        want("MCHF 40", "money").value(40_000_000.0).unit("CHF"),
    );
    has(
        "The grants totalled twenty MUSD.",
        want("twenty MUSD", "money").value(20_000_000.0).unit("USD"),
    );
}

#[test]
fn money_with_cents_after_and() {
    has(
        "The ticket was 9 dollars and 25.",
        want("9 dollars and 25", "money").value(9.25).unit("USD"),
    );
    has(
        "It sold for c $ 40 and ten.",
        want("c $ 40 and ten", "money").value(40.1).unit("CAD"),
    );
    has(
        "It cost 9 dollars and 25 more to park.",
        want("9 dollars", "money").value(9.0).unit("USD"),
    );
    // After "between" the second amount is a range's end, not cents.
    has(
        "Seats cost between $20 and 30.",
        want("$20 and 30", "range").range(20.0, 30.0).unit("USD"),
    );
}

#[test]
fn lowercase_and_glued_currency_prefixes() {
    has(
        "a c $ 75 million charge",
        want("c $ 75 million", "money")
            .value(75_000_000.0)
            .unit("CAD"),
    );
    has("aud$ 20", want("aud$ 20", "money").value(20.0).unit("AUD"));
    has(
        "two EUR30 vouchers",
        want("EUR30", "money").value(30.0).unit("EUR"),
    );
    none_in("the A380 and COVID19", "A380");
    none_in("Leaders met at COP26 in Glasgow.", "COP26");
    has(
        "a us $ 40 million loan",
        want("us $ 40 million", "money")
            .value(40_000_000.0)
            .unit("USD"),
    );
    has(
        "it paid rmb 300",
        want("rmb 300", "money").value(300.0).unit("CNY"),
    );
    has(
        "it paid 300 cad.",
        want("300 cad", "money").value(300.0).unit("CAD"),
    );
}

#[test]
fn one_sided_range_with_or_equal() {
    // A bound with "or equal" is a range open on one side, the phrase in its span.
    for (text, span, low, high) in [
        (
            "A mark less than or equal to 12 fails",
            "less than or equal to 12",
            None,
            Some(12.0),
        ),
        (
            "A mark equal to or more than 12 passes",
            "equal to or more than 12",
            Some(12.0),
            None,
        ),
        (
            "A mark higher than 12 or equal to.",
            "higher than 12 or equal to",
            Some(12.0),
            None,
        ),
    ] {
        let f = figures(text);
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        assert_eq!(&text[f[0].span.clone()], span, "{text}");
        assert_eq!(
            (f[0].kind.as_str(), f[0].low, f[0].high),
            ("range", low, high),
            "{text}"
        );
    }
    // Without "or equal" the bound is a hedge outside the span.
    has(
        "The mark was less than 12.",
        want("12", "number").value(12.0).approx("less than"),
    );
}

#[test]
fn range_between_ranks_and_fractions() {
    has(
        "She finished between the third and the seventh.",
        want("the third and the seventh", "range").range(3.0, 7.0),
    );
    has(
        "The share is above one fifth and below a half today.",
        want("above one fifth and below a half", "range").range(0.2, 0.5),
    );
    only_kind(
        "It is between the first and second rounds.",
        "first",
        "ordinal",
    );
}

#[test]
fn data_sizes_in_kilobytes() {
    has(
        "The note takes 40 kb on disk.",
        want("40 kb", "measure").value(40.0).unit("KB"),
    );
}

#[test]
fn ordinal_before_pronoun_one() {
    // "one" after "the first" is a pronoun; "first" stays a rank.
    has(
        "Nobody wants to be the first one to leave.",
        want("first", "ordinal").value(1.0),
    );
    none_in("Nobody wants to be the first one to leave.", "one");
    none_in("She chose the main one today.", "main one");
}

#[test]
fn digits_read_out_one_by_one() {
    let text = "The code was five-nought-two.";
    for (word, v) in [("five", 5.0), ("nought", 0.0), ("two", 2.0)] {
        has(text, want(word, "number").value(v));
    }
    has(
        "It took three-four weeks.",
        want("three-four weeks", "range")
            .range(3.0, 4.0)
            .unit("week"),
    );
}

#[test]
fn number_words_stop_at_a_line_break() {
    has(
        "The winner was number one\nTwo men left early.",
        want("Two men", "count").value(2.0).unit("man"),
    );
}

#[test]
fn a_bare_number_counts_what_a_count_before_it_counts() {
    has(
        "One list finds 2,400 billionaires, another about 1,800.",
        want("1,800", "count")
            .value(1800.0)
            .unit("billionaire")
            .approx("about"),
    );
    has(
        "The firm cut hiring to one crew from two.",
        want("two", "count").value(2.0).unit("crew"),
    );
    // Only in the same sentence, and only where the number ends its phrase.
    has(
        "The club signed 12 players. It sold 3.",
        want("3", "number").value(3.0),
    );
    has(
        "Officials counted 40 votes and 3 more ballots.",
        want("3 more ballots", "count").value(3.0).unit("ballot"),
    );
}

#[test]
fn a_match_that_makes_no_figure_hides_none_after_it() {
    // The count rule reads "287 to win by six" and finds no counted noun in it; the
    // "six wickets" inside must still be found.
    has(
        "India chased down 287 to win by six wickets.",
        want("six wickets", "count").value(6.0).unit("wicket"),
    );
    // The total chased is runs (rule cricket-runs-after-word).
    has(
        "India chased down 287 to win by six wickets.",
        want("287", "count").value(287.0).unit("run"),
    );
}

#[test]
fn an_adjective_before_a_counted_plural_is_passed_over() {
    has(
        "He cited two earlier opinions.",
        want("two earlier opinions", "count")
            .value(2.0)
            .unit("opinion"),
    );
    has(
        "About 4,500 such donors gave.",
        want("4,500 such donors", "count")
            .value(4500.0)
            .unit("donor")
            .approx("About"),
    );
    // With no plural after it, the word is no adjective: the number stands alone.
    has("Five later joined.", want("Five", "number").value(5.0));
}

#[test]
fn a_collective_of_fixed_size_counts_what_follows() {
    has(
        "It ran a trio of anti-war ads.",
        want("trio of anti-war ads", "count").value(3.0).unit("ad"),
    );
}

#[test]
fn a_bare_number_after_a_comparison_counts_what_the_count_before_it_counts() {
    has(
        "The company employs 36,000 people, up from 29,600 a year earlier.",
        want("29,600", "count").value(29600.0).unit("person"),
    );
    has(
        "It sold 1.2 million cars, up from about 1.1 million in 2024.",
        want("1.1 million", "count")
            .value(1_100_000.0)
            .unit("car")
            .approx("about"),
    );
    // A bare number with no comparison before it, and a phrase after it, borrows nothing.
    has(
        "It sold 1.2 million cars and 400 in Japan.",
        want("400", "number").value(400.0),
    );
    // A count written as a modifier lends nothing: "balls" are not what 205 counts,
    // nor members what 247 counts; the count before it still lends its noun.
    has(
        "Head hit a 69-ball century to chase down 205.",
        want("205", "number").value(205.0),
    );
    has(
        "He won 311 votes in the 492-member House, up from 247.",
        want("247", "count").value(247.0).unit("vote"),
    );
}

#[test]
fn a_dash_after_a_percent_sign_is_no_minus() {
    // A falling pair is a poll score: two figures, neither negative.
    has(
        "A poll split 80%-10% for the mayor.",
        want("10%", "percent").value(10.0),
    );
    has(
        "It controls 80%-90% of output.",
        want("80%-90%", "range").range(80.0, 90.0),
    );
}

#[test]
fn a_bare_dollar_is_the_dollar_of_a_paper_that_marks_us_dollars() {
    // Australian, New Zealand and Singapore copy marks US dollars and writes "$" for its own.
    has(
        "The Premier said the NSW budget held $4.6 billion for hospitals, as iron ore fell to $US87 a tonne.",
        want("$4.6 billion", "money").value(4.6e9).unit("AUD"),
    );
    has(
        "SINGAPORE - The race brought in $2.1 billion, up from US$1.5 billion.",
        want("$2.1 billion", "money").value(2.1e9).unit("SGD"),
    );
    // Copy from elsewhere that marks US dollars and names Singapore once, later on, as a
    // trade partner writes "$" for US dollars too.
    has(
        "HANOI - Exports rose to US$30 billion. Singapore was the top investor with $7 billion.",
        want("$7 billion", "money").value(7e9).unit("USD"),
    );
    // A text that names a country twice and marks no dollar writes "$" for that country's.
    has(
        "Auckland's council will spend $120 million, and Wellington will match it.",
        want("$120 million", "money").value(1.2e8).unit("NZD"),
    );
    // Wire and British copy mark the other dollars and write "$" for US dollars.
    has(
        "SYDNEY (Reuters) - BHP will spend A$1.2 billion ($800 million) in Australia.",
        want("$800 million", "money").value(8e8).unit("USD"),
    );
    has(
        "The Singapore Grand Prix deal, worth $35m (£26m) a year, runs to 2028 in Singapore.",
        want("$35m", "money").value(3.5e7).unit("USD"),
    );
    // "U.S." in a story its opening sets in Canada is no sign of US copy; "cents" with no
    // country's name are the same dollar's.
    has(
        "OTTAWA — The Bank of Canada said a $500,000 mortgage now costs more. U.S. tariffs \
         weigh on Canadian exporters, and the bank raised its dividend by four cents.",
        want("$500,000", "money").value(5e5).unit("CAD"),
    );
    has(
        "OTTAWA — The Bank of Canada said a $500,000 mortgage now costs more. U.S. tariffs \
         weigh on Canadian exporters, and the bank raised its dividend by four cents.",
        want("four cents", "money").value(0.04).unit("CAD"),
    );
    // One mention of a country is no setting.
    has(
        "Talks with Canada stalled over a $5 billion levy.",
        want("$5 billion", "money").value(5e9).unit("USD"),
    );
}

#[test]
fn bare_cents_are_the_dollar_a_text_marks_when_it_writes_no_bare_dollar() {
    // Every dollar written with its marker: cents are the marked dollar's.
    has(
        "Units of the trust closed at S$1.03, down two cents, after a payout of 7.81 cents.",
        want("two cents", "money").value(0.02).unit("SGD"),
    );
    has(
        "Units of the trust closed at S$1.03, down two cents, after a payout of 7.81 cents.",
        want("7.81 cents", "money").value(0.0781).unit("SGD"),
    );
    // A bare "$" beside the marker is US copy's habit: its cents stay US cents, and so do
    // written-out dollars.
    has(
        "The trust paid $1.2 million, or S$1.6 million, and its units rose two cents.",
        want("two cents", "money").value(0.02).unit("USD"),
    );
    has(
        "The trust raised S$300 million from investors who put in millions of dollars.",
        want("millions of dollars", "money").unit("USD"),
    );
}

#[test]
fn a_game_s_score_is_one_ratio() {
    has(
        "Japan beat Qatar 3-1 on Sunday.",
        want("3-1", "number").value(3.0).unit("ratio"),
    );
    has(
        "She won 21-17, 18-21, 21-15.",
        want("18-21", "number").value(18.0).unit("ratio"),
    );
    has(
        "She won 21-17, 18-21, 21-15.",
        want("21-15", "number").value(21.0).unit("ratio"),
    );
    has(
        "It ended in a 1-1 draw.",
        want("1-1", "number").value(1.0).unit("ratio"),
    );
    // A poll's pair is two figures.
    has(
        "Clinton beats Cruz 42-40 in the poll.",
        want("40", "number").value(40.0),
    );
}

#[test]
fn rs_is_the_rupee_of_the_dateline_or_the_country_named_most() {
    has(
        "LAHORE: The court imposed a fine of Rs500,000 on each convict.",
        want("Rs500,000", "money").value(500_000.0).unit("PKR"),
    );
    has(
        "COLOMBO: The ministry set aside Rs. 2 billion for fuel.",
        want("Rs. 2 billion", "money").value(2e9).unit("LKR"),
    );
    // With no dateline, the country the text names most.
    has(
        "Sri Lanka's deficit is Rs. 2,000 billion, the Central Bank of Sri Lanka said.",
        want("Rs. 2,000 billion", "money").value(2e12).unit("LKR"),
    );
    // An Indian text, or none named, keeps the Indian rupee; so does "₹" anywhere.
    has(
        "NEW DELHI: The Centre cleared Rs 2,500 crore for border roads near Pakistan.",
        want("Rs 2,500 crore", "money").value(2.5e10).unit("INR"),
    );
    has(
        "KARACHI: India's exports were worth ₹500 crore.",
        want("₹500 crore", "money").value(5e9).unit("INR"),
    );
}

#[test]
fn pesos_are_the_peso_of_the_country_named_most() {
    has(
        "In Buenos Aires, Argentines paid 2,000 pesos more for a bus pass.",
        want("2,000 pesos", "money").value(2000.0).unit("ARS"),
    );
    // With no country named, or Mexico named most, Mexican pesos; pesos named with their
    // country keep it.
    has(
        "The fare rose to 15 pesos.",
        want("15 pesos", "money").value(15.0).unit("MXN"),
    );
    has(
        "Argentina paid Argentina's debt in 10 billion Mexican pesos.",
        want("10 billion Mexican pesos", "money")
            .value(1e10)
            .unit("MXN"),
    );
    has(
        "The plan costs MXN$37.5 billion.",
        want("MXN$37.5 billion", "money").value(37.5e9).unit("MXN"),
    );
}

#[test]
fn a_race_distance_or_a_jump_in_metres_is_no_million() {
    has(
        "He is a 10,000m runner.",
        want("10,000m", "measure").value(10_000.0).unit("m"),
    );
    has(
        "She cleared a personal best of 2.04m on her third attempt.",
        want("2.04m", "measure").value(2.04).unit("m"),
    );
    has(
        "The waiting list stood at 7.59m in England.",
        want("7.59m", "number").value(7.59e6),
    );
}

#[test]
fn concentrations_and_short_celsius_are_measures() {
    has(
        "Each 1 deg C rise was linked to more cases.",
        want("1 deg C", "measure").value(1.0).unit("°C"),
    );
    has(
        "The reading was 426.9 parts per million, up 3.5ppm on 2024.",
        want("426.9 parts per million", "measure")
            .value(426.9)
            .unit("ppm"),
    );
    has(
        "The reading was 426.9 parts per million, up 3.5ppm on 2024.",
        want("3.5ppm", "measure").value(3.5).unit("ppm"),
    );
    has(
        "The annual average was 5 micrograms per cubic metre.",
        want("5 micrograms per cubic metre", "measure")
            .value(5.0)
            .unit("µg/m³"),
    );
    has(
        "Leakage fell to 148 megalitres a day.",
        want("148 megalitres", "measure")
            .value(148.0)
            .unit("megalitre"),
    );
}

#[test]
fn an_age_after_a_name_ends_at_a_comma_or_the_sentence() {
    has(
        "“We lost money,” says Jem Harcourt, 63. His wife rolls her eyes.",
        want("63", "measure").value(63.0).unit("year"),
    );
    // The first digits of a number with a thousands comma are no age.
    has(
        "In England and Wales, 1,244 attacks were recorded.",
        want("1,244 attacks", "count").value(1244.0).unit("attack"),
    );
    none_in("The curbs followed Covid-19 lockdowns.", "19");
    // An adjective after the noun is no counted noun.
    has(
        "One person familiar with the matter said the talks had stalled.",
        want("One person", "count").value(1.0).unit("person"),
    );
    none_in("The UML won the Ilam-2 by-election.", "2");
}

#[test]
fn between_two_amounts_each_with_its_unit_is_one_range() {
    has(
        "Analysts put fair value at between 280p and 320p a share.",
        want("280p and 320p", "range").range(2.8, 3.2).unit("GBP"),
    );
    has(
        "It expects profit of between 720 million pounds and 750 million pounds.",
        want("720 million pounds and 750 million pounds", "range")
            .range(720e6, 750e6)
            .unit("GBP"),
    );
    has(
        "Warming must be held to between 1.5C and 2C.",
        want("1.5C and 2C", "range").range(1.5, 2.0).unit("°C"),
    );
}

#[test]
fn a_fiscal_year_opens_no_range() {
    let text = "Cargo will rise from 165 million tonnes in 2023-24 to 300 million tonnes.";
    has(text, want("2023-24", "year").value(2023.0));
    has(
        text,
        want("300 million tonnes", "measure")
            .value(3e8)
            .unit("tonne"),
    );
    // The second side of a pair still stands alone.
    has(
        "Clinton leads 42-40 in the poll.",
        want("40", "number").value(40.0),
    );
}

#[test]
fn a_part_of_a_count_counts_what_it_counts() {
    has(
        "Hanbit operates four fabrication plants, three of them in South Korea.",
        want("three", "count").value(3.0).unit("plant"),
    );
    // The other side of a vote.
    has(
        "The bill passed with 134 MPs voting in favour and 51 against.",
        want("51", "count").value(51.0).unit("MP"),
    );
    // A plural after "of them" names what the part is.
    has(
        "More than 70 people were hurt, 50 of them civilians.",
        want("50", "count").value(50.0).unit("civilian"),
    );
}

/// A copy of `rules/en` on disk with `edit` applied to its manifest, compiled.
fn pack_with_manifest(edit: impl FnOnce(String) -> String) -> Rules {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).expect("mkdir");
        for entry in std::fs::read_dir(from).expect("the pack's folder") {
            let path = entry.expect("an entry").path();
            let target = to.join(path.file_name().expect("a name"));
            if path.is_dir() {
                copy(&path, &target);
            } else {
                std::fs::copy(&path, &target).expect("copy");
            }
        }
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let pack = dir.path().join("en");
    copy(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/en"),
        &pack,
    );
    let manifest = pack.join("pack.yaml");
    let text = std::fs::read_to_string(&manifest).expect("pack.yaml");
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit changed nothing");
    std::fs::write(&manifest, edited).expect("write");
    Rules::load(&pack).unwrap_or_else(|e| panic!("the edited pack: {e}"))
}

#[test]
fn the_words_that_join_and_open_ranges_are_the_packs() {
    // With the pack as it is, both are pinned elsewhere: the range in
    // between_two_amounts_each_with_its_unit_is_one_range, the count in
    // a_bare_number_joined_to_a_count_after_it_counts_the_same.
    let range = "Analysts put fair value at between 280p and 320p a share.";
    let list = "The two parties won 14 and four seats respectively.";
    // Without "between" among the range openers, two amounts each with its unit are two
    // figures; without "and" among the list joiners, a bare number borrows no noun.
    let no_between = pack_with_manifest(|m| {
        m.replace(
            "range-opener: { entries: [between] }",
            "range-opener: { entries: [amid] }",
        )
    });
    let no_and = pack_with_manifest(|m| {
        m.replace(
            "entries: [\"and => and split=yes\", or]",
            "entries: [\"plus => plus split=yes\", or]",
        )
    });
    let spans = |rules: &Rules, text: &str| -> Vec<(String, String)> {
        rules
            .extract(text)
            .figures
            .iter()
            .map(|f| (text[f.span.clone()].to_string(), f.kind.clone()))
            .collect()
    };
    let got = spans(&no_between, range);
    assert!(
        got.iter().all(|(t, _)| t != "280p and 320p"),
        "still a range: {got:?}"
    );
    assert!(got.iter().any(|(t, _)| t == "280p"), "{got:?}");
    let got = spans(&no_and, list);
    assert!(
        got.iter().any(|(t, k)| t == "14" && k == "number"),
        "14 still borrows a noun: {got:?}"
    );
}

#[test]
fn a_number_compared_after_the_number_of_something_counts_it() {
    let text = "The number of appeals has more than doubled, from 19,500 in June 2024 to 41,800.";
    has(text, want("19,500", "count").value(19500.0).unit("appeal"));
    has(text, want("41,800", "count").value(41800.0).unit("appeal"));
    has(
        "The group plans to cut the number of its affiliates from 198 to 150.",
        want("198", "count").value(198.0).unit("affiliate"),
    );
    has(
        "Number of arrivals rose to 22,316.",
        want("22,316", "count").value(22316.0).unit("arrival"),
    );
    has(
        "Headcount rose to 513,000 staff, up from a low of 384,000 in 2016.",
        want("384,000", "count").value(384000.0).unit("staff"),
    );
    // Nor a number the sentence measures in something else.
    has(
        "The number of cars with engines exceeding 150 rose.",
        want("150", "number").value(150.0),
    );
}
