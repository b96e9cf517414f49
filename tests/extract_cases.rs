//! The constructions claimkit v1 promises, one small case each, through the public API.

use std::sync::OnceLock;

use claimkit::{Claim, ClaimKind, Extraction, Rules};

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::builtin().expect("the built-in pack compiles"))
}

fn extract(text: &str) -> Extraction {
    rules().extract(text)
}

/// The name each claim of `text` gives its speaker, in output order.
fn speaker_names(text: &str) -> Vec<Option<String>> {
    extract(text)
        .claims
        .into_iter()
        .map(|c| c.speaker.and_then(|s| s.name))
        .collect()
}

/// The first quotation (a direct or partial claim) extracted from `text`.
/// The words of each direct and partial quote, in order.
fn quoted<'t>(text: &'t str, ex: &Extraction) -> Vec<&'t str> {
    ex.claims
        .iter()
        .filter(|c| c.kind != ClaimKind::Indirect)
        .map(|c| &text[c.content.clone()])
        .collect()
}

fn first_quote(text: &str) -> Claim {
    extract(text)
        .claims
        .into_iter()
        .find(|c| c.kind != ClaimKind::Indirect)
        .expect("a quote")
}

/// A figure's (kind, value, low, high, unit, approx).
type Fields = (
    String,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<String>,
    Option<String>,
);

/// The one figure whose text is `span`.
fn figure(text: &str, span: &str) -> Fields {
    let ex = extract(text);
    let found: Vec<_> = ex
        .figures
        .iter()
        .filter(|f| &text[f.span.clone()] == span)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one figure «{span}» in «{text}», got {:?}",
        ex.figures
    );
    let f = found[0];
    (
        f.kind.clone(),
        f.value,
        f.low,
        f.high,
        f.unit.clone(),
        f.approx.clone(),
    )
}

#[test]
fn figures_from_the_v1_issue() {
    type Case = (
        &'static str,
        &'static str,
        &'static str,
        Option<f64>,
        Option<&'static str>,
        Option<&'static str>,
    );
    let cases: &[Case] = &[
        (
            "The department has 60 staff in charge.",
            "60 staff",
            "count",
            Some(60.0),
            Some("staff"),
            None,
        ),
        (
            "Exports fell to 6,538 tonnes in September.",
            "6,538 tonnes",
            "measure",
            Some(6538.0),
            Some("tonne"),
            None,
        ),
        (
            "China mines about 70% of the world's rare earths.",
            "70%",
            "percent",
            Some(70.0),
            Some("%"),
            Some("about"),
        ),
        (
            "He spent $3.5 billion on it.",
            "$3.5 billion",
            "money",
            Some(3.5e9),
            Some("USD"),
            None,
        ),
        (
            "It raised $1.2bn last year.",
            "$1.2bn",
            "money",
            Some(1.2e9),
            Some("USD"),
            None,
        ),
        (
            "It has signalled for more than 15 years that it would act.",
            "15 years",
            "measure",
            Some(15.0),
            Some("year"),
            Some("more than"),
        ),
        (
            "Exports of two key metals stopped.",
            "two key metals",
            "count",
            Some(2.0),
            Some("metal"),
            None,
        ),
        (
            "It added five more metals to the list.",
            "five more metals",
            "count",
            Some(5.0),
            Some("metal"),
            None,
        ),
        (
            "More than 1.2 million Cambodians live there.",
            "1.2 million Cambodians",
            "count",
            Some(1.2e6),
            Some("Cambodian"),
            Some("More than"),
        ),
        (
            "Around 130,000 people fled.",
            "130,000 people",
            "count",
            Some(130000.0),
            Some("person"),
            Some("Around"),
        ),
        (
            "It costs 69 cents.",
            "69 cents",
            "money",
            Some(0.69),
            Some("USD"),
            None,
        ),
        (
            "The office, with a staff of about 60, is busy.",
            "60",
            "count",
            Some(60.0),
            Some("staff"),
            Some("about"),
        ),
        (
            "Hundreds of Japanese suppliers wait.",
            "Hundreds of Japanese suppliers",
            "count",
            None,
            Some("supplier"),
            None,
        ),
        (
            "Tens of thousands have applied.",
            "Tens of thousands",
            "count",
            None,
            None,
            None,
        ),
    ];
    for &(text, span, kind, value, unit, approx) in cases {
        let (k, v, _, _, u, a) = figure(text, span);
        assert_eq!(k, kind, "kind of «{span}»");
        assert_eq!(v, value, "value of «{span}»");
        assert_eq!(u.as_deref(), unit, "unit of «{span}»");
        assert_eq!(a.as_deref(), approx, "approx of «{span}»");
    }
}

#[test]
fn ranges_carry_low_and_high_with_the_unit_of_both_ends() {
    for (text, span) in [
        ("They control 80-90% of output.", "80-90%"),
        ("They control 80–90% of output.", "80–90%"),
    ] {
        let (kind, value, low, high, unit, _) = figure(text, span);
        assert_eq!(
            (kind.as_str(), value, low, high, unit.as_deref()),
            ("range", None, Some(80.0), Some(90.0), Some("%"))
        );
    }
}

#[test]
fn years_and_dates_are_not_quantities() {
    assert_eq!(figure("In 2010 China cut its quotas.", "2010").0, "year");
    assert_eq!(
        figure("Under the 2020 Export Control Law, it acted.", "2020").0,
        "year"
    );
    let (kind, value, ..) = figure("Fighting began on July 26 near the border.", "July 26");
    assert_eq!((kind.as_str(), value), ("date", None));
}

#[test]
fn identifiers_are_not_figures() {
    for text in [
        "The G7 met.",
        "The COVID-19 pandemic spread.",
        "A Boeing 737 landed.",
    ] {
        assert!(
            extract(text).figures.is_empty(),
            "no figure expected in «{text}»: {:?}",
            extract(text).figures
        );
    }
}

#[test]
fn a_quote_after_which_the_speaker_is_named_with_a_role() {
    let text = "“It is just the beginning,” said Wei Jianguo, a former vice minister of commerce.";
    let ex = extract(text);
    let c = &ex.claims[0];
    assert_eq!(
        (c.kind, &text[c.content.clone()]),
        (ClaimKind::Direct, "It is just the beginning,")
    );
    let sp = c.speaker.as_ref().expect("a speaker");
    assert_eq!(&text[sp.mention.clone()], "Wei Jianguo");
    assert_eq!(
        sp.role.as_deref(),
        Some("a former vice minister of commerce")
    );
    assert_eq!(&text[c.cue.clone().expect("a cue")], "said");
}

#[test]
fn a_partial_quote_inside_a_sentence() {
    let text = "China referred to Japan as “becoming a lackey of [the] evil (United States).”";
    let quote = first_quote(text);
    assert_eq!(quote.kind, ClaimKind::Partial);
    assert_eq!(
        &text[quote.content.clone()],
        "becoming a lackey of [the] evil (United States)."
    );
}

#[test]
fn indirect_claims_are_the_reported_clause() {
    let text = "Wei told state-run China Daily that he expected the controls to exert heavy pain on some countries.";
    let ex = extract(text);
    let c = ex
        .claims
        .iter()
        .find(|c| c.kind == ClaimKind::Indirect)
        .expect("an indirect claim");
    assert_eq!(
        &text[c.content.clone()],
        "he expected the controls to exert heavy pain on some countries"
    );
    assert_eq!(
        &text[c.speaker.as_ref().expect("a speaker").mention.clone()],
        "Wei"
    );

    let text = "China's Ministry of Commerce said the move was meant to protect national security.";
    let c = extract(text)
        .claims
        .into_iter()
        .find(|c| c.kind == ClaimKind::Indirect)
        .expect("an indirect claim");
    assert_eq!(
        &text[c.content.clone()],
        "the move was meant to protect national security"
    );
}

/// The rest of a sentence after a claim may hold a claim of its own, with its own
/// speaker; the attribution of the first claim is never taken for a second one.
#[test]
fn a_sentence_may_hold_two_claims_with_their_own_speakers() {
    let claims = |text: &str| -> Vec<(String, Option<String>)> {
        extract(text)
            .claims
            .into_iter()
            .filter(|c| c.kind == ClaimKind::Indirect)
            .map(|c| {
                let speaker = c.speaker.map(|s| text[s.mention].to_string());
                (text[c.content].to_string(), speaker)
            })
            .collect()
    };
    let text = "Asked whether he would stay at the club, the coach said he had not decided.";
    assert_eq!(
        claims(text),
        [
            ("whether he would stay at the club".to_string(), None),
            (
                "he had not decided".to_string(),
                Some("the coach".to_string())
            ),
        ]
    );
    let text = "The union says prices will rise, while analysts say they will fall.";
    assert_eq!(
        claims(text),
        [
            (
                "prices will rise".to_string(),
                Some("The union".to_string())
            ),
            ("they will fall".to_string(), Some("analysts".to_string())),
        ]
    );
    let text = "Sales slowed in the spring, the company said on Friday.";
    assert_eq!(
        claims(text),
        [(
            "Sales slowed in the spring".to_string(),
            Some("the company".to_string())
        )]
    );
}

#[test]
fn pronouns_and_surnames_resolve_to_the_full_name() {
    let text = "Chinese leader Xi Jinping spoke on Tuesday.\n“We must stay open,” he said.\n“It is just the beginning,” said Wei Jianguo, a former minister.\nWei told reporters that more curbs would follow.";
    let ex = extract(text);
    let names: Vec<Option<String>> = ex
        .claims
        .iter()
        .map(|c| c.speaker.as_ref().and_then(|s| s.name.clone()))
        .collect();
    assert_eq!(
        names[0].as_deref(),
        Some("Xi Jinping"),
        "he → the person last named: {names:?}"
    );
    assert!(
        names
            .iter()
            .filter(|n| n.as_deref() == Some("Wei Jianguo"))
            .count()
            >= 2,
        "Wei → Wei Jianguo: {names:?}"
    );
}

#[test]
fn a_pronoun_or_description_is_not_the_person_its_own_quote_names() {
    let cases = [
        // The player the quote is about was named last; the manager before him.
        (
            "Ines Ortuondo’s side won 2-1. Tobi Adeyemi headed the winner.\n“Tobi is a monster in the air,” said the Spaniard.",
            "Ines Ortuondo",
        ),
        (
            "Mark Tolland praised the crowd. Danny Ashworth scored twice.\n“Danny is an example for everybody,” he said.",
            "Mark Tolland",
        ),
        // A quote that names no one takes the person last named, as before.
        (
            "Mark Tolland praised the crowd. Danny Ashworth scored twice.\n“It was a good night for us,” he said.",
            "Danny Ashworth",
        ),
    ];
    for (text, want) in cases {
        let quote = first_quote(text);
        let name = quote.speaker.and_then(|s| s.name);
        assert_eq!(name.as_deref(), Some(want), "{text}");
    }
}

#[test]
fn a_relative_named_by_a_given_name_in_apposition_is_whom_a_pronoun_may_mean() {
    let text = "“We lost money,” says Jem Harcourt, 63. His wife, Sally, 60, rolls her eyes.\n“He is always late,” she says.";
    let names = speaker_names(text);
    assert_eq!(names[1].as_deref(), Some("Sally"), "{names:?}");
    // A given name of the other gender is passed over.
    let text = "Tom Hale met the pope. His wife, Jane, was there too.\nHe said there was no talk of the election.";
    let names = speaker_names(text);
    assert_ne!(names.last(), Some(&Some("Jane".to_string())), "{names:?}");
}

#[test]
fn a_plural_role_opening_a_sentence_is_a_group_not_a_name() {
    let text = "“We feared the worst,” Marta Blanc said. Critics called it “a monument”. \
                “It was worth it,” she said.";
    let names = speaker_names(text);
    assert_eq!(names[1], None, "Critics: {names:?}");
    assert_eq!(names[2].as_deref(), Some("Marta Blanc"), "she: {names:?}");
    // A party's members, capitalised, are named as written.
    let names = speaker_names("Republicans said the bill would pass.");
    assert_eq!(names[0].as_deref(), Some("Republicans"), "{names:?}");
    // A body after a role and "with" is no person: "she" is the analyst.
    let text = "“The quota is small,” said Wang Lin, an analyst with Shanghai Metals Market. \
                She said the cap implied a cut.";
    let names = speaker_names(text);
    assert_eq!(names[1].as_deref(), Some("Wang Lin"), "{names:?}");
}

#[test]
fn a_name_after_a_description_is_the_speaker_though_an_aside_follows_it() {
    let names = speaker_names(
        "The third witness, Mr Emeka Okafor, a bank officer, told the court that the money \
         was moved.",
    );
    assert_eq!(names[0].as_deref(), Some("Emeka Okafor"), "{names:?}");
    let names = speaker_names(
        "The trial judge, Justice Amina Bako, overruled an objection, ruling that the \
         documents were relevant.",
    );
    assert_eq!(names[0].as_deref(), Some("Amina Bako"), "{names:?}");
}

#[test]
fn a_pronoun_shows_the_gender_of_whom_it_names_to_the_pronouns_after_it() {
    // Neither given name is listed: "she" makes Amara Okafor a woman, so "he" is the
    // captain named before her.
    let text = "Tomasz Wieczorek, the captain, joined in 2015.\n\n\
                “We had feared the worst,” said Amara Okafor, a diver.\n\n\
                “It was dark,” she says.\n\n\
                “The whole crew went outside,” he says.";
    let names = speaker_names(text);
    assert_eq!(names[1].as_deref(), Some("Amara Okafor"), "{names:?}");
    assert_eq!(names[2].as_deref(), Some("Tomasz Wieczorek"), "{names:?}");
}

#[test]
fn the_company_is_the_firm_that_opened_a_sentence_before() {
    let names = speaker_names(
        "Albion Petroleum cut its buyback on Tuesday.\nThe company said it still expected to reduce net debt.",
    );
    assert_eq!(names[0].as_deref(), Some("Albion Petroleum"), "{names:?}");
    // A firm that spoke comes first.
    let names = speaker_names(
        "Harcourt Partners said it would bid. Albion Petroleum fell 4%.\nThe company said the offer was too low.",
    );
    assert_eq!(
        names.last().cloned().flatten().as_deref(),
        Some("Harcourt Partners"),
        "{names:?}"
    );
}

#[test]
fn unnamed_sources_are_speakers_without_a_name() {
    let text = "“It's sharpening China's scalpel,” said a person who has lobbied on their behalf.";
    let ex = extract(text);
    let sp = ex.claims[0].speaker.as_ref().expect("a speaker");
    assert_eq!(
        &text[sp.mention.clone()],
        "a person who has lobbied on their behalf"
    );
    assert_eq!(sp.name, None);
}

#[test]
fn apostrophes_are_not_quote_marks_and_quotes_run_across_paragraphs() {
    let text = "China's rules don't change, it's said.\n“The first part of the quote runs on.\n“And this part closes it,” she said.";
    let ex = extract(text);
    let quotes = quoted(text, &ex);
    // One claim from the first opening mark to the closing one, the mark that re-opens
    // the second paragraph inside it; its speaker is the one after the last part.
    assert_eq!(
        quotes,
        ["The first part of the quote runs on.\n“And this part closes it,"]
    );
    assert!(
        ex.claims
            .iter()
            .filter(|c| c.kind != ClaimKind::Indirect)
            .all(|c| c.speaker.is_some()),
        "the quote has the speaker"
    );
}

#[test]
fn a_mark_after_a_plural_closes_a_quote_unless_a_noun_follows() {
    let text = "He said the club was 'in talks' over a new deal and the fans' hopes were \
                'sky high'. The council said: 'We are aware of the issues.'";
    let ex = extract(text);
    let quotes = quoted(text, &ex);
    assert_eq!(
        quotes,
        ["in talks", "sky high", "We are aware of the issues."]
    );
}

#[test]
fn figures_inside_a_claim_are_linked_to_it() {
    let text = "“We exported 6,538 tonnes,” said Wei Jianguo.";
    let ex = extract(text);
    assert_eq!(ex.claims[0].figures, vec![0]);
    assert_eq!(&text[ex.figures[0].span.clone()], "6,538 tonnes");
}

#[test]
fn scale_and_number_words_are_never_counted_nouns() {
    for (text, span, value) in [
        ("They pledged 2 million last year.", "2 million", 2e6),
        ("Reserves reached 13 lakh.", "13 lakh", 1.3e6),
        (
            "It rose to twenty-one trillion.",
            "twenty-one trillion",
            21e12,
        ),
        (
            "The total was 12,34,567.89 rupees in all.",
            "12,34,567.89 rupees",
            1234567.89,
        ),
    ] {
        let (kind, v, _, _, unit, _) = figure(text, span);
        assert_ne!(kind, "range", "«{span}» is no range");
        assert_eq!(v, Some(value), "value of «{span}»");
        assert!(
            unit.as_deref() != Some("million")
                && unit.as_deref() != Some("lakh")
                && unit.as_deref() != Some("trillion"),
            "unit of «{span}»: {unit:?}"
        );
    }
}

#[test]
fn a_falling_pair_is_not_a_range() {
    let ex = extract("The vote was 52-41 in the end.");
    assert!(
        ex.figures.iter().all(|f| f.kind != "range"),
        "{:?}",
        ex.figures
    );
}

#[test]
fn an_after_quote_rule_below_priority_zero_yields_to_a_speaker_before_the_quote() {
    let speaker_of_quote = |text: &str| {
        let quote = first_quote(text);
        let sp = quote.speaker.as_ref().expect("a speaker");
        text[sp.mention.clone()].to_string()
    };
    // The sentence's closing source is a last resort: the speaker before the quote wins.
    assert_eq!(
        speaker_of_quote(
            "Ana Ruiz called the fares “a scandal” on Monday, according to the rail regulator."
        ),
        "Ana Ruiz"
    );
    // With no one before the quote, the closing source said it.
    assert_eq!(
        speaker_of_quote(
            "A “scandalous” rise in fares was recorded in May, according to the rail regulator."
        ),
        "the rail regulator"
    );
}

#[test]
fn it_refers_to_an_unnamed_body_that_spoke_before() {
    let text =
        "“Rents will rise,” the housing ministry said on Monday. “Demand is too high,” it added.";
    let ex = extract(text);
    let names: Vec<Option<&str>> = ex
        .claims
        .iter()
        .filter(|c| c.kind != ClaimKind::Indirect)
        .map(|c| c.speaker.as_ref().and_then(|s| s.name.as_deref()))
        .collect();
    assert_eq!(names, [None, Some("the housing ministry")]);
}

#[test]
fn courtesy_titles_are_no_part_of_a_speakers_role() {
    let cases = [
        (
            "Governor Datuk Seri Abdul Rasheed Ghaffour said growth was strong.",
            Some("Governor"),
        ),
        ("Tan Sri Muhyiddin Yassin said growth was strong.", None),
        (
            "Former Prime Minister Tan Sri Muhyiddin Yassin said growth was strong.",
            Some("Former Prime Minister"),
        ),
        ("Sir Keir Starmer said growth was strong.", None),
    ];
    for (text, role) in cases {
        let ex = extract(text);
        let sp = ex.claims[0].speaker.as_ref().expect("a speaker");
        assert_eq!(sp.role.as_deref(), role, "role of the speaker in «{text}»");
    }
}

#[test]
fn an_owner_before_a_name_is_a_role_but_an_organisations_name_stays_whole() {
    let cases = [
        (
            "The Labour Party's Ana Ruiz said growth was strong.",
            Some("Ana Ruiz"),
            Some("Labour Party's"),
        ),
        (
            "China's Ministry of Commerce said growth was strong.",
            Some("China's Ministry of Commerce"),
            None,
        ),
        (
            "Growth was strong, the General Statistics Office said.",
            Some("the General Statistics Office"),
            None,
        ),
    ];
    for (text, name, role) in cases {
        let ex = extract(text);
        let sp = ex.claims[0].speaker.as_ref().expect("a speaker");
        assert_eq!(
            (sp.name.as_deref(), sp.role.as_deref()),
            (name, role),
            "name and role of the speaker in «{text}»"
        );
    }
}

/// The speaker mentions of the claims of `text`, as written.
fn mentions(text: &str) -> Vec<&str> {
    extract(text)
        .claims
        .iter()
        .filter_map(|c| c.speaker.as_ref().map(|s| &text[s.mention.clone()]))
        .collect()
}

#[test]
fn a_dateline_in_capitals_is_no_speaker() {
    // A place opening the story before a colon, or before a comma and a month.
    let text = "BENGALURU: The High Court on Tuesday pulled up the state for its \"lackadaisical approach\" to encroachments.";
    assert!(
        !mentions(text).contains(&"BENGALURU"),
        "{:?}",
        mentions(text)
    );
    let text = "LONDON, Jan 14 (Reuters) - Shares in Marlow plunged 28% after it cut its forecast, blaming weak Christmas trading.";
    assert!(!mentions(text).contains(&"LONDON"), "{:?}", mentions(text));
    // A body's initials in capitals still speak.
    assert_eq!(
        speaker_names("UNICEF, the UN agency, said the camps were full."),
        [Some("UNICEF".to_string())]
    );
}
