//! Short texts, written for these tests, that exercise the layouts of indirect claims
//! the English pack handles beyond the plain `X said (that) …`: verbs of stance with
//! their object, questions put to someone, datelines. One snapshot holds them all,
//! `snapshots/claim-layouts/`, rendered for people (one line per claim).

use std::sync::OnceLock;

use claimkit::Rules;

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::builtin().expect("the built-in pack compiles"))
}

/// Each layout: a stable name and a text of our own making.
const LAYOUTS: &[(&str, &str)] = &[
    (
        "stance-object-before-a-time-phrase",
        "The teachers' union endorsed the former health minister for mayor on Thursday, \
         a blow to her rival.",
    ),
    (
        "stance-object-before-a-setting-phrase",
        "Ms. Okafor criticized the bank's bonus scheme in a radio interview, which aired \
         late on Sunday.",
    ),
    (
        "stance-object-with-its-complement",
        "The regulator accused the airline of hiding delays from passengers.\n\
         The coach called for a longer winter break and warned that players were tired.",
    ),
    (
        "stance-verb-in-the-progressive",
        "The players' association is urging the league to shorten the season.",
    ),
    (
        "stance-verb-passive-claims-its-subject",
        "The striker was praised by the manager after the match.",
    ),
    (
        "stance-verb-that-clause-runs-to-the-end",
        "The minister acknowledged that the new line would open late, and that costs had \
         doubled.",
    ),
    (
        "a-move-is-no-stance",
        "The club backed away from the deal after the vote.",
    ),
    (
        "stance-object-stops-at-a-closing-mark",
        "“I will not vote for him,” the senator said.",
    ),
    (
        "question-put-after-the-clause",
        "The chairman smiled when asked whether the club would be sold.\n\
         At the hearing, the minister was asked about the delays on the new line.",
    ),
    (
        "wire-dateline-before-the-speaker",
        "SEOUL (Reuters) - The chipmaker said its quarterly profit would fall by a third.",
    ),
    (
        "a-shot-or-a-run-is-no-claim",
        "The winger attacked down the left and slammed the ball into the net.\n\
         Okafor blasted a shot over the crossbar after the break.",
    ),
    (
        "stance-object-before-a-relative-clause-or-participle",
        "The mayor predicted a narrow win in the north, which votes on Sunday.\n\
         The union pushed back against the board's offer, calling it an insult.",
    ),
    (
        "stance-verb-after-a-clause-break",
        "Output fell for a third month, with the government pledging new aid for exporters.",
    ),
    (
        "cue-in-the-progressive",
        "The airline has been warning that fares would rise in the spring.",
    ),
    (
        "interview-questions-and-answers",
        "Q: Why did you leave the club after one season?\n\
         A: I wanted to play every week. The coach knew it from the start.",
    ),
    (
        "restrictive-relative-clause-in-the-subject",
        "Shareholders who backed the merger said on Monday that the price was too low.\n\
         Shoppers who reported the fault were thanked by the club.",
    ),
    (
        "speaker-and-cue-after-as-or-though",
        "Fans cheered as the captain said the title was theirs.\n\
         The price is not as high as the seller claims.",
    ),
    (
        "whom-they-asked-is-no-part-of-the-question",
        "A reporter asked the coach whether he would stay at the club.\n\
         The union has asked its members to reject the offer and warned of a strike.",
    ),
    (
        "a-plan-or-refusal-and-what-it-is-to-do",
        "Shares rose after the board's decision to sell the steel unit, which analysts had \
         expected.\n\
         Fuel prices rose despite her pledge to cut fuel duty.",
    ),
    (
        "evidence-after-a-clause-break",
        "The chairman, a former banker, resigned after leaked emails showed staff favouring \
         one bidder.",
    ),
    (
        "what-someone-called-what",
        "The coach called the defeat a disgrace.\n\
         The mayor called a meeting for Monday.",
    ),
    (
        "adverb-or-both-before-the-cue",
        "The chief executive candidly admitted the launch had gone badly.\n\
         The mayor and the governor have both argued that the bridge is unsafe.",
    ),
    (
        "a-place-is-no-person-a-pronoun-refers-to",
        "Tom Baker toured a car plant in South Carolina on Monday. He said the plant would \
         reopen in May.\n\
         China said on Friday that the tariffs were unfair. It warned that it would respond.",
    ),
    (
        "speaker-and-time-after-an-opening-clause",
        "In the capital, after a long night of talks, the mediator on Friday said a deal \
         was close.",
    ),
    (
        "restrictive-who-said-after-a-plural",
        "Support was highest among fans who said the ground should not be sold.",
    ),
    (
        "passive-of-expecting-claims-the-whole-clause",
        "The central bank is expected to cut rates again in June.\n\
         The striker is understood to have agreed a four-year deal.",
    ),
    (
        "a-verb-of-knowing-without-that",
        "The coach knows he has to win on Saturday.\n\
         The coach knows the ground well.",
    ),
    (
        "in-a-poll-then-what-it-shows",
        "In the latest survey of club members, the chairman trails his challenger by ten \
         points.",
    ),
    (
        "a-long-subject-before-say",
        "Shopkeepers on the high street hit by the floods last winter say the council has \
         done nothing.",
    ),
    (
        "a-claim-ahead-of-a-later-attribution",
        "The minister is the author of the party's plan to cut rail fares, while the union \
         has vowed to strike in June.",
    ),
    (
        "a-sentence-adverb-before-a-speaker-and-relative-clause",
        "But the board, which pledged last year to rebuild the stand, now says the money has \
         run out.",
    ),
    (
        "a-pronoun-and-cue-after-a-bare-and",
        "The coach has a settled squad and he made clear on Friday that no one would be sold.",
    ),
    (
        "support-after-a-modal-is-a-verb-of-stance",
        "The union would support a shorter season.",
    ),
    (
        "the-answer-after-a-question-between-commas",
        "The minister, when asked whether the plant would close, said it was too early to \
         tell.",
    ),
    (
        "a-cue-inside-the-apposition-before-the-cue",
        "Mayor Lena Vos of Utrecht, a Liberal who has refused to endorse the plan, said the \
         tram line would never pay for itself.",
    ),
    (
        "a-relative-clause-of-stance-or-intention",
        "The drivers' union, which has long favoured driverless buses, met on Monday.\n\
         The trust, which plans to sell the old hospital site, has not yet found a buyer.",
    ),
    (
        "shares-of-a-poll-each-say-their-own",
        "Members were split: 41 percent said the league should shorten the season, while \
         about a third backed the old calendar.",
    ),
    (
        "it-is-understood-that-names-no-speaker",
        "It is understood that the club will appeal against the fine.",
    ),
    (
        "a-pronoun-glued-to-its-auxiliary-before-a-participle-cue",
        "She’s arguing that the old pier should be rebuilt, not sold.",
    ),
    (
        "told-and-whom-after-the-clause",
        "Two more ships would join the patrol, the admiral told a Senate panel on Tuesday.",
    ),
    (
        "as-the-source-put-it-inside-a-sentence",
        "The talks failed, and as the mayor put it on Monday, the city cannot wait for \
         another round.",
    ),
    (
        "a-to-infinitive-of-stance",
        "The foreign minister flew to Manila on Tuesday to discuss fishing rights in the \
         disputed waters.",
    ),
    (
        "a-second-speaker-after-a-comma-and",
        "Hong Kong's finance chief said the budget would balance by 2027, and opposition \
         lawmakers warned that reserves were running low.",
    ),
    (
        "a-summing-apposition-ends-the-clause",
        "The Football Association said it would review the rules on handball, a move that \
         pleased few managers.",
    ),
    (
        "a-time-clause-of-the-writers-after-a-comma",
        "Ms. Tan said she had lived in Penang since 2010, when her family left Ipoh.",
    ),
    (
        "a-second-verb-of-the-speaker-after-a-stance-object",
        "The Labour MP praised the new bypass and then toured the site with council officials.",
    ),
    (
        "court-reports-outlets-and-writers-appositions",
        "The court heard that the firm had ignored three safety warnings.\n\
         According to The Athletic, the club has agreed a fee for the striker.\n\
         The minister alleged that the count had been \u{201c}rigged\u{201d}, a charge the \
         commission rejected.\n\
         Exports fell for a third month in May, official data showed on Friday, boosting \
         the chances of a rate cut.",
    ),
    (
        "an-absolute-clause-after-with-and-a-results-participle",
        "The governor said the committee voted to hold rates, with two members backing a cut.\n\
         Nordvik Foods said quarterly profit fell 20%, missing analysts' forecasts.",
    ),
    (
        "an-unnamed-source-asking-not-to-be-named",
        "One rebel, who asked not to be named, said the vote had been rigged.\n\
         Output fell 3%, citing weaker demand in the north, the company said.",
    ),
    (
        "a-report-inside-a-quote-ends-with-it",
        "“The pitch was slow, so I told the others we would bat deep,” the captain said.\n\
         “The players have no choice” but to wait for the court's final ruling on the transfer ban, \
         the union's lawyer says.",
    ),
    (
        "an-outlet-that-understands-and-an-addressee-described-by-its-kind",
        "The club are close to agreeing a fee for the winger, the Evening Gazette understands.\n\
         The winger turned down a move last summer, telling Dutch newspaper Het Dagblad he \
         felt it was too soon.\n\
         A Ministry of Fisheries and Coastal Affairs spokeswoman said the quota would be cut.",
    ),
    (
        "a-description-refers-back-to-the-subject",
        "Ana Ruiz won the final in Madrid, beating Lena Kovac in straight sets.\n\
         The Spaniard said she had played her best tennis of the year.\n\
         Kovac, who had beaten Ruiz twice this season, lost to the world number one. The \
         Croatian told reporters she was proud of her run.",
    ),
    (
        "a-compound-description-and-an-apposition-before-told",
        "“We lost everything downstairs,” says mother-of-two Jane Doe, whose house backs on \
         to the river.\n\
         Dr. Ana Ruiz, the agency's director, told reporters in Geneva that the outbreaks were \
         driven by floods, conflict and a lack of vaccines.",
    ),
    (
        "a-clause-mostly-quoted-then-a-second-cue",
        "The minister said the plan was “a total disaster” and warned that costs would rise \
         sharply next year.\n\
         Trade groups said in separate statements that imports were “no longer safe” and urged \
         members to buy locally.",
    ),
    (
        "pronoun-passes-over-a-programme-a-firm-and-a-county",
        "Former captain Nina Holt was impressed. Speaking on Morning Sport Live, she said \
         the spell had won the match.\n\
         Omar Reyes, head of research at Brightwell Properties, said prices would fall. \
         He said buyers were waiting.\n\
         Tom Ashby, 58, of Whitby, North Yorkshire, denied the charge. He told the court \
         the money was a loan.",
    ),
    (
        "an-owner-names-the-person-a-surname-later-means",
        "Ana Kovac's late goal won the final.\n\
         Kovac said the team had never doubted itself.",
    ),
    (
        "a-list-bullet-before-the-speaker",
        "What they are saying:\n\
         - A senior official said the rules would be delayed.\n\
         - Industry groups warned that costs would rise.",
    ),
    (
        "a-clause-ends-after-the-quotation-it-opens",
        "The farm minister said on French radio that the package was \"a first step, but only \
         a first step\" for growers.\n\
         The regulator said the fine was \"large, but fair\", and that the bank had cooperated.",
    ),
    (
        "a-participle-after-a-verb-and-its-object",
        "Rovers manager Paolo Benedetti was furious with the penalty decision, claiming the \
         striker had dived.",
    ),
    (
        "a-party-faction-in-brackets-before-a-role",
        "NCP (SP) leader Asha Rane said the alliance had underestimated the anger of farmers.",
    ),
    (
        "an-adjunct-of-time-after-the-attribution",
        "The North fired two missiles into the sea, the South's military said, days before \
         joint drills begin.",
    ),
    (
        "a-pronoun-means-the-subject-not-a-name-after-it",
        "Coach Steve Marlow admitted his side had struggled. Marlow said he had spoken to \
         Jack Fenwick about the injury. He said the squad would cope.\n\
         Prime Minister Kenji Tanabe called an election. Opposition leader Aiko Morikawa said \
         her party was ready. Tanabe, 67, has faced criticism over prices. He said wages \
         would rise by spring.",
    ),
    (
        "a-description-names-the-holder-of-its-role-named-last",
        "Gov. Dana Whitcomb vetoed the water bill on Friday.\n\
         \u{201c}I will not sign this bill,\u{201d} the Republican governor said in a statement.\n\
         Sen. Ana Ruiz backed the veto. The senator said the aquifers were running dry.\n\
         Vice President Tom Hale disagreed. The president said the bill was sound.",
    ),
    (
        "organisation-named-after-its-description",
        "The country's second-largest lender, Mirabank, said profits rose by a fifth. \
         The bank said it would open 40 branches. It added that bad loans had fallen.",
    ),
    (
        "organisation-described-after-its-name",
        "Tarnwell, a London-listed insurer, said on Monday that it had rejected the offer. \
         The insurer said talks with other bidders would go on.",
    ),
    (
        "a-description-names-the-organisation-that-spoke",
        "Haesung Group denied that it had hidden losses from investors. \
         “We will appeal,” the group said.\n\
         Korvex said its new plant would open in March. The company said it would hire \
         1,200 workers there.",
    ),
    (
        "a-firm-named-with-a-possessive",
        "Hartley's said sales rose over Christmas, while Moody's warned that the outlook \
         for retailers was negative.",
    ),
    (
        "a-title-alone-names-its-holder",
        "Chief Minister Ravi Selvakumar visited the flooded districts on Monday. \
         The Chief Minister said relief would be paid to every family within a week.",
    ),
    (
        "a-role-noun-names-the-holder-titled-before",
        "Union Shipping Minister Harsh Kaul said the port was ready. The minister said the \
         waterways were open.\n\
         Justice Neena Rao granted bail. \u{201c}Delay offends liberty,\u{201d} the judge said.",
    ),
    (
        "a-portfolio-or-state-before-a-title",
        "Public Works Secretary Ramon Dizon testified on Tuesday. \u{201c}I will not defend \
         it,\u{201d} the secretary said. Texas Sen. Ted Cruz said the deal was dead. Social \
         Affairs Minister Dewi Handayani arrived in Palu. She said the ministry had funds.",
    ),
    (
        "an-agency-dateline-in-lower-case",
        "New Delhi, Jan 24 (PTI) Gross GST collections rose 9.1 per cent in February, data \
         released by the government showed.",
    ),
    (
        "a-noun-that-opens-with-a-cue",
        "The Resolution Foundation think tank said living standards would fall. The Health \
         Foundation, the health think tank, said the falls were welcome.",
    ),
    (
        "a-clause-before-the-subject",
        "Speaking on Saturday, the authority's chief manager, Dr Ali Khan, said the dam was \
         safe. Opening the debate, Gaurav Pillai, MP for Alappuzha, said the bill was flawed.",
    ),
    (
        "a-given-name-alone-refers-back",
        "CIB commissioner Pol Lt Gen Thanakorn Srisuwan said 37 suspects were held. \
         \u{201c}Every baht has been traced,\u{201d} Pol Lt Gen Thanakorn said.",
    ),
    (
        "a-description-named-again-with-the",
        "A Department for Education spokesperson said funding would rise. \u{201c}We know the \
         system is not working,\u{201d} the spokesperson said.\n\
         Acme is weighing a sale, according to people familiar with the matter. It could raise \
         $1bn, said the people, who asked not to be named.",
    ),
    (
        "local-government-titles",
        "Cllr Sarah Hale said the budget was balanced. Coun Hale said reserves were low.",
    ),
    (
        "a-bare-role-noun-before-a-name-in-apposition",
        "Her campaign spokesperson, lawyer Jun Mercado, said the plan was flawed. Most \
         mayors, including Mayor Ana Cruz, have said the plan is fair.",
    ),
    (
        "a-name-in-apposition-with-where-they-work",
        "The family's solicitor, Priya Lakhani of Hudson & Farr, said she would sue. \
         Its vice-chairman, Riazat Hussain, said the board would meet on Friday.",
    ),
    (
        "someone-who-speaks-for-a-titled-person",
        "A spokesman for Mayor Frank Jackson said the police had trained for months. \
         Bank of England Deputy Governor Martin Ashgrove spoke on Tuesday. He said the \
         labour market was loosening.",
    ),
    (
        "a-relative-clause-reports-inside-its-commas",
        "Ada Okafor, who toured the site on Sunday and said more pumps were coming, left on \
         Monday. Now, she says, the river has fallen.",
    ),
    (
        "a-pronoun-skips-people-whose-given-name-shows-the-other-gender",
        "Moira Calder, the chair, spoke first. Mark Till said the gap would close. \
         \u{201c}It does not,\u{201d} he said. But Calder was unconvinced. Buyers, she said, \
         \u{201c}pay what they must.\u{201d}",
    ),
    (
        "a-pronoun-after-an-unnamed-speaker-is-that-speaker",
        "Ofcom fined Velocity Mobile on Monday. A Velocity spokeswoman said the firm was \
         sorry. \u{201c}We have cooperated fully,\u{201d} she said.\n\
         A reporter asked Ana Ruiz about the fine. She replied: \u{201c}It is fair.\u{201d}",
    ),
    (
        "a-description-by-age-names-the-person-of-that-age",
        "Park Seo-yeon, 26, lost to the champion in three games. Her coach, Tang Chi-keung, \
         said she had trained well. \u{201c}I made too many mistakes,\u{201d} said the 26-year-old.",
    ),
    (
        "a-description-by-age-is-no-one-the-text-gave-another-age",
        "\u{2018}We are thrilled,\u{2019} said shop owner Asha Kaur, 52, from Derby.\n\n\
         The 27-year-old, who found the dog, said he was \u{2018}relieved\u{2019}.",
    ),
    (
        "a-pronoun-after-a-noun-phrase-is-the-speaker",
        "Premier Dan Kerr will spend $4bn on hospitals, a move he says will ease pressure on \
         wards. Officials said the union had been offered a 3% rise, an offer it rejected.",
    ),
    (
        "a-relative-pronoun-after-an-aside-on-a-name",
        "Among those stranded was Lena Marsh, 34, a carer from Stoke-on-Trent, who said she \
         could not reach a client. The plan is no surprise for Kaine, who said it was overdue.",
    ),
    (
        "it-after-a-firm-named-by-one-word",
        "Tarvex said sales rose 4% in the quarter. It added that margins held up.",
    ),
    (
        "a-speaker-s-own-report-is-no-subject-of-an-expectation",
        "Senior meteorologist Ann Lind said a cool change was expected to reach the town by \
         8pm. The central bank is expected to cut rates again in June.",
    ),
];

/// All layouts in one snapshot, each under its name, so a rule change reads as one diff.
#[test]
fn claim_layouts() {
    let rendered: String = LAYOUTS
        .iter()
        .map(|(name, text)| {
            let extraction = rules().extract(text);
            let claims = claimkit::output::render_text(text, &extraction);
            format!("=== {name}\n{text}\n---\n{claims}\n")
        })
        .collect();
    insta::with_settings!({
        snapshot_path => "../snapshots/claim-layouts",
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_snapshot!("claim-layouts", rendered);
    });
}
