//! Short texts, written for these tests, that exercise each quotation layout and
//! attribution the English pack handles: one snapshot per layout in
//! `snapshots/layouts/`, rendered for people (one line per claim).

use std::sync::OnceLock;

use claimkit::Rules;

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::builtin().expect("the built-in pack compiles"))
}

/// Each layout: a stable name and a text of our own making.
const LAYOUTS: &[(&str, &str)] = &[
    (
        "cue-then-speaker-after",
        "“The bridge will open in May,” said Ilse Brandt, the city’s transport chief.",
    ),
    (
        "speaker-then-cue-after",
        "“We are not selling,” Amara Osei said on Tuesday.\n\
         “Nothing has changed,” she said.",
    ),
    (
        "a-semicolon-parts-the-clauses-before-a-quote",
        "Council backs bypass; residents call plan \u{2018}a disaster\u{2019}\n\n\
         Mayor Ines Duarte said the vote was close; it was \u{201c}a fair fight\u{201d}.",
    ),
    (
        "apposition-with-commas",
        "“It was a long night,” Pedro Alves, of Braga, Portugal, said.",
    ),
    (
        "speaker-before-colon",
        "The harbour master said: “No ship leaves before noon.”",
    ),
    (
        "split-quote",
        "“We tried,” the coach said. “The other side was simply better.”",
    ),
    (
        "paragraph-before-introduces",
        "At the hearing, Judge Rosa Lindqvist continued:\n\
         “The evidence does not support the charge.”",
    ),
    (
        "quote-ending-its-sentence-then-new-sentence",
        "“Our offer stands,” Ms. Lund said. “We are done here.” Mr. Okoro said the talks \
         would resume on Monday.\n\
         “We won.” Ms. Lund said.",
    ),
    ("dash-after-quote", "“Small steps, every day.” — Mei Tanaka"),
    (
        "according-to",
        "The deal was “nearly done,” according to the trade ministry.",
    ),
    (
        "quote-runs-on-across-paragraphs",
        "“The first year was hard,” said Tomas Ruiz, the founder.\n\
         “The second was harder. We nearly closed twice.\n\
         “Then the orders came,” he said.",
    ),
    (
        "split-quote-second-half-runs-on",
        "“It was the best I have played,” said Ana Kovac, the winner. “The wind dropped late.\n\
         “After that I could hit freely.”",
    ),
    (
        "following-paragraph-continues-speaker",
        "“We will appeal,” said Nadia Haddad, the union’s lawyer.\n\
         “This ruling cannot stand.”",
    ),
    (
        "two-apostrophe-marks",
        "''The vote is over,'' Mr. Keller said. ''Now we govern.''",
    ),
    (
        "straight-and-single-marks",
        "Council Backs 'Green Belt' Plan\n\
         \"It is a good day,\" said the mayor, Lena Fischer.",
    ),
    (
        "guillemets",
        "«Nous restons», a déclaré le ministre. The minister said «we stay».",
    ),
    (
        "guillemets-set-off-by-spaces",
        "« We had feared the worst, » Marta Blanc said. Critics called it \
         « a monument » on Sunday.\n\
         «\u{a0}It was worth it,\u{a0}» she said.",
    ),
    (
        "single-marks-beside-plural-possessives",
        "Union leader Mary Kemp said the offer was 'meaningless' and the managers' bonuses \
         were 'an insult to nurses'. The workers' pay rose 2%.",
    ),
    (
        "single-mark-closed-only-by-a-possessive-looking-mark",
        "Paramedics ‘spending whole days’ outside A&E as delays soar\n\n\
         The players’ union said the ‘serious failings’ found at the unit were real.",
    ),
    (
        "apostrophes-and-primes",
        "The band’s ’90s hit, a rock ’n’ roll song, made the 6’2” singer famous.",
    ),
    (
        "unclosed-mark-recovers",
        "The sign read “closed for repairs.\n\
         “We reopen Monday,” the owner said.",
    ),
    (
        "indirect-said-that",
        "The central bank said that inflation would ease by the end of the year.",
    ),
    (
        "indirect-two-cues-one-sentence",
        "Ms. Varga said the plant would stay open and warned that wages could fall.",
    ),
    (
        "indirect-clause-then-speaker",
        "The port will be dredged again next summer, officials said.",
    ),
    (
        "indirect-participle",
        "The club issued a statement on Friday saying the coach had resigned.",
    ),
    (
        "indirect-according-to",
        "Exports rose by a fifth in March, according to customs figures.",
    ),
    (
        "surname-and-pronoun-resolution",
        "Finance Minister Lars Holm spoke in Oslo on Monday.\n\
         “Rates will stay low,” Holm said.\n\
         “We see no reason to act,” he added.",
    ),
    (
        "boilerplate-is-no-speaker",
        "Advertisement\n\
         “Markets are calm,” said Ana Costa, an analyst at Banco Sul.",
    ),
    (
        "reported-sentence-then-quote",
        "Inspector Dana Whitfield said the fire had started in the kitchen. “It spread \
         within minutes.”\n\
         The owners declined to comment.\n\
         “We lost everything.”",
    ),
    (
        "clause-between-quote-and-attribution",
        "“Prices will fall” once the new mine opens, said Kofi Mensah, an analyst at \
         a Lagos bank.\n\
         “Nobody expected this” so soon after the vote, the minister told reporters.",
    ),
    (
        "partial-quote-inside-a-reported-clause",
        "Whitlock replied that it was “impossible to isolate” the effect of the reports.\n\
         Fares rose by a “staggering” amount, a damning report by the regulator has found.\n\
         He said he was “very comfortable” with the deal, the Post reported.\n\
         Majority Leader Dan Kessel, R-Lancaster, who voted for the bill, said the compromise \
         “protects the family farm.”",
    ),
    (
        "pronoun-past-bodies-and-places",
        "Mrs Hartley cited the Office for National Statistics. “Growth has stalled,” she said.\n\
         The Majority Leader, Walter P. Brandt, a Republican from Suffolk County, was cautious. \
         “We will see,” he said.",
    ),
    (
        "subject-of-the-sentence-as-last-resort",
        "The mayor trimmed the “bold” budget on Monday.\n\
         Critics were unmoved. The plan is “reckless”.",
    ),
    (
        "titles-of-works-are-no-quotes",
        "“The deal is dead on arrival,” the senator told CBC’s “The House” on Sunday. Her \
         memoir, “Rivers of Salt,” sold well, the song “Homeward” closed the rally, and her \
         “Open Roads” bus tour ends in May.",
    ),
    (
        "relative-pronoun-after-quote-is-no-speaker",
        "The coach, Lena Fischer, admitted there were still “a few doubters” who wanted \
         her gone, “but not in this dressing room.”",
    ),
    (
        "text-and-it-speak-after-quote",
        "“The plant will stay open,” the statement read. “Jobs are safe,” it added.\n\
         “No more cuts!” the crowd chanted.",
    ),
    (
        "title-case-headlines",
        "Port Authority Chief Warns Of ‘Long Queues’\n\
         ‘We Are Ready,’ Mayor Ana Diaz Tells Residents\n\
         The chief, Omar Haddad, spoke on Monday.",
    ),
    (
        "exclamation-then-speaker-and-aside",
        "“We will not move!” Priya Nair declared, a promise she repeated all week.\n\
         “Is this fair?” Tom Hale asked, looking at the crowd.",
    ),
    (
        "refused-speaker-gives-way-to-a-later-one",
        "Besides attacking the former mayor, while the crowd booed loudly, Mr. Lund \
         asserted that, taxes aside, the council did “wonderful things” for the town.",
    ),
    (
        "bracketed-tag-after-a-name",
        "State Treasurer Ana Ruiz (D) warned that the fund was “badly short.”\n\
         “We cannot wait,” said Rep. Tom Hale (R-Ohio), who chairs the committee.",
    ),
    (
        "opening-mark-used-to-close",
        "The coach called the referees “clueless“ and the pitch “a disgrace.“ \
         “We move on,“ he said.",
    ),
    (
        "a-time-phrase-is-no-person",
        "Ana Ruiz took office in May.\n\
         A month later, she said the budget was “a mess.”",
    ),
    (
        "mixed-double-marks",
        "“We will hold the line,\" said Ines Duarte, the union’s chair. \"Nobody leaves.”\n\
         She called the offer \"an insult.\"",
    ),
    (
        "quote-signed-on-the-next-line",
        "“The harbour has never looked busier.”\n\
         — Priya Nair, harbour master\n\
         “Ships come and go.”\n\
         He said the fees would rise.",
    ),
    (
        "a-nickname-inside-a-name-is-no-quote",
        "Three suspects were arrested, Brig. Gen. Rommel \u{201c}Jun\u{201d} Sarmiento said. \
         \u{201c}We expect more arrests,\u{201d} he said.",
    ),
    (
        "an-analysts-rating-in-marks-is-no-quotation",
        "Kenari Research kept its \u{201c}hold\u{201d} call on the stock, while Maybank upgraded it \
         to \u{201c}buy\u{201d}. \u{201c}Margins will recover,\u{201d} said analyst Tan Wei Ling.",
    ),
    (
        "a-name-written-again-in-its-own-script",
        "\u{201c}We are sold out,\u{201d} chairman Chou Ming-hsiang (\u{5468}\u{660e}\u{7965}) told \
         investors. \u{201c}Demand is strong.\u{201d}",
    ),
    (
        "opening-clause-then-main-subject",
        "When the coach walked in, the players chanted “Champions!”\n\
         While the board praised the deal, Ms. Osei called it “a giveaway”.\n\
         As Mr. Tan put it on Friday, the rally was “the start of something”.",
    ),
    (
        "noun-phrase-subject-and-cue",
        "The harbour log says the ferry left “well after dark”.\n\
         Online posts described the crossing as “rough”.\n\
         Weary fans in the stands chanted “Sack the board”.",
    ),
    (
        "owner-of-a-claim-holding-the-quote",
        "Contrary to his claim that the line would be “finished by spring”, work has stalled.\n\
         Few took seriously Okafor’s warning that fares would “go through the roof”.",
    ),
    (
        "name-with-a-generational-suffix",
        "Speaking in Leeds on Monday, Mayor Colin Hart Jr. called the plan “a fantasy.”",
    ),
    (
        "sentence-adverb-before-the-subject",
        "Mr. Ito praised the fans. Then he hugged the coach, calling him “a legend”.",
    ),
    (
        "second-clause-with-its-own-speaker",
        "The coach said the squad was tired, and he admitted the defeat was “hard to take”.\n\
         Exports rose, the ministry said, while analysts warned the recovery was “fragile”.\n\
         The pound rallied to what traders called “a six-month high”.",
    ),
    (
        "pronoun-skips-a-person-of-the-other-gender",
        "Ana Ruiz chairs the board. Ms. Ruiz met Mr. Tom Okoro in Leeds on Monday.\n\
         “We will not sell,” she said.\n\
         “It is early days,” he said.",
    ),
    (
        "initials-inside-a-title",
        "“The sentence is fair,” Assistant U.S. Attorney Maya Song wrote.",
    ),
    (
        "participle-after-a-noun-or-an-object",
        "In a statement announcing the sale, the club called the offer “fair”.\n\
         The clip ends with a video of Ana Diaz saying, “We will rebuild.”",
    ),
    (
        "speaker-sentence-before-a-quote-in-the-paragraph",
        "The board met on Friday. Rui Tavares, its chair, agreed. “The sale is the only way out.”\n\
         The board met again on Monday. “Nothing has changed.”",
    ),
    (
        "unnamed-source-with-a-coordinated-verb",
        "She met 3,000 workers at a depot in Leeds and told them they were “the backbone”.\n\
         The mayor arrived after a nurse in Hull said the ward was “at breaking point”.",
    ),
    (
        "two-quotes-then-one-attribution",
        "Fares are “too high” and “simply unfair,” Ana Ruiz, head of the rail union, said on Monday.",
    ),
    (
        "the-writer-speaking-in-the-first-person",
        "Ana Ruiz runs the club. I met her at the ground.\n\
         “It is off,” she said.\n\
         “Then I will write that,” I said.",
    ),
    (
        "cue-then-speaker-then-colon",
        "In other words, explained TV presenter Mia Holt: “Who pays for it?”\n\
         The minister was critical, telling the BBC: “It is a mess.”",
    ),
    (
        "inverted-attribution-between-commas",
        "The trouble, says Ana Ruiz, a fund manager in Leeds, is that rates are “far too high”.\n\
         The host met Tom Hale after the final, when he called the referee “a disgrace”.",
    ),
    (
        "sentence-ending-quote-then-another-quote",
        "The port authority said in a statement that “the berth is closed.” “We expect to \
         reopen it within a week,” the harbour master said.",
    ),
    (
        "nested-quote-closing-at-the-end",
        "''She told me, 'We will rebuild the pier,''' he recalled.\n\
         ''The mayor said, 'Not this year.''' But Ms. Ruiz did not respond in kind.",
    ),
    (
        "run-of-quote-paragraphs-after-a-clause",
        "Few details emerged, since the coach spoke only briefly after the match.\n\
         “We were not at our best.”\n\
         “The second half was better.”",
    ),
    (
        "inverted-attribution-with-a-capitalised-cue",
        "The visitors scored twice in the last minute. Added the home coach: “We were lucky.”\n\
         Added to the menu this week: “Fish and chips.”",
    ),
    (
        "footage-of-a-titled-person",
        "The clip ends with footage of Mayor Ana Diaz saying, “We will rebuild.”\n\
         The advert closes with a narrator asking: “Who pays for this?”",
    ),
    (
        "verb-phrase-before-the-cue",
        "Within hours, club officials began to portray the fire as “an accident”.\n\
         Asked about the sale, the chairman was quick to say: “Nothing has changed.”\n\
         Critics call the new stadium “a white elephant”.",
    ),
    (
        "name-with-combining-marks",
        "“We will appeal,” said Jose\u{301} Ferna\u{301}ndez, the club’s lawyer.",
    ),
    (
        "passive-after-the-quote",
        "The line “we are the harbour” was written by Ana Ruiz after the floods of 1953.",
    ),
    (
        "quoted-title-between-cue-and-quote",
        "The chairman told the “Today” programme that sales were “holding up”.",
    ),
    (
        "quote-inside-brackets",
        "Most economists disagree (Ana Ruiz, who chaired the review, once said, “Growth will \
         return by spring”).",
    ),
    (
        "two-writers-after-the-quote",
        "“Demand has never been weaker,” Priya Nair and Tom Hale wrote in the report.",
    ),
    (
        "second-speaker-in-the-sentence",
        "Alongside Unite’s calls for a strike, a senior minister warned that the talks were \
         “on the brink”.",
    ),
    (
        "quotes-joined-before-the-attribution",
        "Rents are “far too high” and “rising every month,” Ana Ruiz, who leads the tenants’ \
         union, told a packed meeting at the town hall in Leeds on Thursday.",
    ),
    (
        "quote-opening-right-after-a-closing-mark",
        "She linked to a study showing “rents rose by half.”“Read it again,” Ruiz wrote.",
    ),
    (
        "surname-that-is-a-listed-word",
        "Prime Minister Theresa May visited the plant in Sunderland on Friday.\n\
         “We will not let these workers down,” May said.\n\
         “Orders rose in May,” a spokesman for the plant said.",
    ),
    (
        "question-then-a-long-attribution",
        "“Who could blame them?” Ruiz told a radio station in Leeds during a long interview \
         on Monday.\n\
         “Why not?” Okafor said that the club would appeal.",
    ),
    (
        "inverted-attribution-then-a-participle",
        "“We tried,” said Ana Ruiz, adding that she did not think the plan would “ever work”.",
    ),
    (
        "passive-agent-after-the-quote",
        "The scheme has been called “a tax on the poor” by Ana Ruiz, an economist in Leeds.",
    ),
    (
        "pronoun-glued-to-its-auxiliary",
        "Okafor says the squad is fit. He’s predicting a win by “a street”, and they’ve \
         warned rivals of “a long season”.",
    ),
    (
        "cue-in-the-progressive",
        "For weeks the rail union has been warning of “total chaos” at Easter.",
    ),
    (
        "naming-verb-in-the-present",
        "Okafor backs the levy. It is part of what he calls a “war on waste”.",
    ),
    (
        "speaker-led-to-speak",
        "The defeat led her to declare the title race “over” for the season.",
    ),
    (
        "source-closing-the-sentence",
        "A “living wage” in Leeds is about £12 an hour, according to figures from the \
         Resolution Foundation.\n\
         Ana Ruiz called the fares “a scandal” on Monday, according to the rail regulator.",
    ),
    (
        "quote-in-an-opening-phrase",
        "After a week of arguing over who is “qualified” to lead, Ana Ruiz on Monday \
         attacked her rival.",
    ),
    (
        "title-case-headline-without-a-cue",
        "Okafor Takes Talk Of A Leadership Bid ‘Very Seriously’",
    ),
    (
        "dateline-with-a-date",
        "LEEDS, May 3 (Reuters) — The city council issued a statement on Monday, saying the \
         rent rise was “a mistake”.",
    ),
    (
        "name-in-apposition-after-role",
        "The Prime Minister, Ana Sola, said the budget would be balanced by 2030.\n\n\
         Halden Steel's chief executive, K R Menon, said demand in Europe remained weak. \
         “We are cutting shifts,” he said.\n\n\
         Mr Okoye said the port would reopen on Friday.",
    ),
    (
        "description-before-name-age-and-time",
        "Orvia Pte chief executive Lim Wei Ling said on Tuesday its profit fell 12%.\n\n\
         Mr Sharma, 54, said the deal would close by March. Sharma said later that \
         Orvia was not a rival.\n\n\
         The Reserve Bank of India (RBI) said inflation was likely to ease.\n\n\
         “We have to be better,” the manager told Sky Sports. “She knows that too.”",
    ),
    (
        "honorifics-and-quoted-as-saying",
        "Datuk Seri Lim Kah Wai said the port would reopen. “We are ready,” said PM Lim.\n\n\
         The agency quoted Chief Cabinet Secretary Aiko Mori as saying that talks would resume.\n\n\
         The governor was quoted by local media as saying rates would stay on hold.",
    ),
    (
        "source-named-with-a-possessive",
        "Research from Moody's shows the default rate rose to 5.6% last year.\n\n\
         The rise over Thursday's said nothing about the trend.",
    ),
    (
        "with-absolute-participle",
        "Shares in the lender fell 4% on Monday, with analysts saying profits would shrink.\n\n\
         The Labour MP toured the estate and said the repairs would take years.",
    ),
    (
        "addressees-settings-and-adjuncts",
        "LISBON, May 2 (Reuters) - The airline expects to return to profit in 2027, its chief \
         executive said on Friday, as it cuts routes.\n\n\
         A ministry source told the Guardian the sale had been delayed.\n\n\
         The founder wrote on X, formerly Twitter, that the app would be free.\n\n\
         The finance minister told reporters in Tokyo the yen was too weak.\n\n\
         Sir Alan Reed, whose club lost again, said the referee had been right.",
    ),
    (
        "a-person-described-by-nationality-or-age",
        "Vale coach Tomas Berg said his side had been unlucky.\n\n\
         \u{201c}We hit the post twice,\u{201d} the Swede added. \u{201c}That is football.\u{201d}\n\n\
         Rovers manager Ana Costa, 48, praised the crowd.\n\n\
         \u{201c}They carried us,\u{201d} said the 48-year-old.",
    ),
    (
        "quotes-under-subheads-after-an-introduction",
        "Ana Costa spoke to reporters before the final. Here\u{2019}s what the Rovers captain \
         had to say:\n\n\
         On the pitch\n\n\
         \u{201c}It is dry and quick. We will bat first if we can.\u{201d}\n\n\
         On the injuries\n\n\
         \u{201c}Two players are doubtful. We will know tomorrow.\u{201d}\n\n\
         Key dates\n\n\
         The final starts on Sunday.",
    ),
];

#[test]
fn quote_layouts() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots/layouts");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (name, text) in LAYOUTS {
            let extraction = rules().extract(text);
            let rendered = format!(
                "{text}\n---\n{}",
                claimkit::output::render_text(text, &extraction)
            );
            insta::assert_snapshot!(*name, rendered);
        }
    });
}
