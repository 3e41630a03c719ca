# ruff: noqa: E501  (texts are kept one line each, as written)
"""Reports whose facts are spread over a text: lists of goods, counts, cancellations and
denials told in another sentence, an order shared out between buyers, and a seller's own
past purchase told in passing.

Every text was written for these tests in the style of wire reports, on the shipped
catalogue. Each row: the text, then every deal a reader would record as (supplier, buyer,
[(a word of the system name, quantity)], status); an empty list means no deal.
"""

from __future__ import annotations

import pytest

from armstrack import extract
from armstrack.extract.triggers import find_triggers

Expected = list[tuple[str, str, list[tuple[str, int | None]], str]]

#: A deal's further goods named in a sentence of their own ("the package also includes").
DEAL_INCLUDES: list[tuple[str, Expected]] = [
    (
        "Croatia signed a contract with France for 12 Rafale jets in November. The package also includes Meteor and SCALP missiles from MBDA.",
        [("FRA", "HRV", [("Rafale", 12), ("Meteor", None), ("SCALP", None)], "signed")],
    ),
    (
        "Indonesia has signed a contract with Dassault Aviation for 42 Rafale jets. The deal also covers Exocet missiles made by MBDA.",
        [("FRA", "IDN", [("Rafale", 42), ("Exocet", None)], "signed")],
    ),
    # Another buyer named: not the same deal's goods.
    (
        "Croatia signed a contract with France for 12 Rafale jets in November. The deal also includes the sale of Exocet missiles to Egypt.",
        [("FRA", "HRV", [("Rafale", 12)], "signed"), ("FRA", "EGY", [("Exocet", None)], "signed")],
    ),
]

#: A count told by a class noun in another sentence of the same pair's report.
COUNT_ELSEWHERE: list[tuple[str, Expected]] = [
    (
        "Belgium has delivered its first F-16 jets to Bulgaria. The remaining 14 fighter jets will be delivered to Bulgaria in the spring, officials said.",
        [("BEL", "BGR", [("F-16", 14)], "delivered")],
    ),
    # A class noun written with a hyphen ("infantry-fighting vehicles") is the class.
    (
        "Hungary signed a contract with Rheinmetall for Lynx vehicles last week. The order covers 172 infantry-fighting vehicles, to be built by 2029.",
        [("DEU", "HUN", [("Lynx", 172)], "signed")],
    ),
    # "The 26 jets" in a sentence reporting no deal: the count of the deal just told.
    (
        "India signed an agreement with France for Rafale-M jets for its navy. The 26 jets will fly from INS Vikrant.",
        [("FRA", "IND", [("Rafale-M", 26)], "signed")],
    ),
    (
        "India signed an agreement with France for 26 Rafale-M jets. The 40 jets of the air force fly from Ambala.",
        [("FRA", "IND", [("Rafale-M", 26)], "signed")],
    ),
    # A whole count given by the class noun of the named system.
    (
        "The State Department cleared a possible sale of Javelin missiles to Norway, including up to 600 missiles and launch units.",
        [("USA", "NOR", [("Javelin", 600)], "approved")],
    ),
    (
        "Egypt received Rafale jets from France on Monday, the first 8 jets of its order.",
        [("FRA", "EGY", [("Rafale", None)], "delivered")],
    ),
    # A count told for one buyer is not another buyer's.
    (
        "Vietnam will receive 10 Yak-130 trainer jets from Russia this year. Laos has also bought Yak-130 jets from Russia.",
        [
            ("RUS", "VNM", [("Yak-130", 10)], "planned"),
            ("RUS", "LAO", [("Yak-130", None)], "signed"),
        ],
    ),
    # Two named systems of the kind: the class's count is no one's.
    (
        "Poland received F-16 and F-35 jets from the United States this year. The 20 jets were delivered to Poland in May.",
        [("USA", "POL", [("F-16", None), ("F-35", None)], "delivered")],
    ),
    # A count after a letter that abbreviates a measure is a count ("25 T-55 tanks").
    (
        "Mali will receive 25 T-55 tanks and 15 BTR-80 vehicles from Russia, officials said.",
        [("RUS", "MLI", [("T-55", 25), ("BTR-80", 15)], "planned")],
    ),
]

#: One order shared out between buyers, each with its count.
SPLIT_BUYERS: list[tuple[str, Expected]] = [
    (
        "Saab signed a contract for seven Gripen jets: four for Thailand and three for Hungary.",
        [("SWE", "THA", [("Gripen", 4)], "signed"), ("SWE", "HUN", [("Gripen", 3)], "signed")],
    ),
    (
        "Germany will deliver 20 Leopard 2 tanks to Poland and 10 to Czechia.",
        [
            ("DEU", "POL", [("Leopard 2", 20)], "planned"),
            ("DEU", "CZE", [("Leopard 2", 10)], "planned"),
        ],
    ),
    (
        "The Finnish defence ministry has signed a contract to buy eight Leonardo C-27J aircraft jointly with Estonia. Finland will get five of the planes, while Estonia will buy three.",
        [("ITA", "FIN", [("C-27J", 5)], "signed"), ("ITA", "EST", [("C-27J", 3)], "signed")],
    ),
    (
        "Slovakia and Slovenia will receive 5 and 3 NASAMS systems from Norway, respectively.",
        [("NOR", "SVK", [("NASAMS", 5)], "planned"), ("NOR", "SVN", [("NASAMS", 3)], "planned")],
    ),
    (
        "Norway will deliver 5 and 3 NASAMS systems to Slovakia and Slovenia.",
        [("NOR", "SVK", [("NASAMS", 5)], "planned"), ("NOR", "SVN", [("NASAMS", 3)], "planned")],
    ),
    # One count for both buyers: each has it.
    (
        "The United States will sell 40 F-16 jets to Greece and Romania.",
        [("USA", "GRC", [("F-16", 40)], "planned"), ("USA", "ROU", [("F-16", 40)], "planned")],
    ),
    # A part of one buyer's order told later is no share.
    (
        "Poland ordered 48 K2 tanks from South Korea. Poland will receive 18 of these tanks this year.",
        [("KOR", "POL", [("K2", 48)], "signed")],
    ),
]

#: An effort or attempt to buy is a plan.
EFFORT: list[tuple[str, Expected]] = [
    (
        "Washington has pressed Cairo over Egypt's effort to procure J-10C jets from China.",
        [("CHN", "EGY", [("J-10C", None)], "planned")],
    ),
    (
        "Egypt is making an attempt to buy J-10C jets from China, officials said.",
        [("CHN", "EGY", [("J-10C", None)], "planned")],
    ),
]

#: A plan told first and a contract told later: the contract's status.
SIGNED_LATER: list[tuple[str, Expected]] = [
    (
        "Bangladesh plans to buy J-10C jets from China, a newspaper said. Bangladesh and China have since signed a contract for 16 J-10C jets worth $1.1 billion.",
        [("CHN", "BGD", [("J-10C", 16)], "signed")],
    ),
]

#: A deal told first and undone later.
CANCELLED_LATER: list[tuple[str, Expected]] = [
    (
        "Kazakhstan signed a contract with Airbus for eight A400M transport aircraft in 2022. In March the contract was cancelled by the new government.",
        [("FRA", "KAZ", [("A400M", 8)], "cancelled")],
    ),
    (
        "Slovenia ordered 45 Boxer vehicles from Germany in 2018. Two years later, Slovenia terminated its order for the Boxer vehicles over costs.",
        [("DEU", "SVN", [("Boxer", 45)], "cancelled")],
    ),
    (
        "Peru signed a deal with South Korea for 20 K2 tanks. Lima called off the deal in June, citing costs.",
        [("KOR", "PER", [("K2", 20)], "cancelled")],
    ),
    # A possible cancellation, or a denied one, leaves the deal as it was.
    (
        "Kazakhstan signed a contract with Airbus for eight A400M transport aircraft. The deal could be scrapped if prices rise, an official said.",
        [("FRA", "KAZ", [("A400M", 8)], "signed")],
    ),
    (
        "Kazakhstan signed a contract with Airbus for eight A400M transport aircraft. The contract was not cancelled, the minister said.",
        [("FRA", "KAZ", [("A400M", 8)], "signed")],
    ),
]

#: A purchase its seller denies: the earlier reports of those goods are of the claim.
DENIED_LATER: list[tuple[str, Expected]] = [
    (
        "Washington cautioned Jakarta over reports that it plans to buy J-10 jets from China. A Beijing newspaper wrote last week that Indonesia bought 42 J-10 jets in 2021. AVIC denied that any contract had been signed.",
        [("CHN", "IDN", [("J-10", 42)], "alleged")],
    ),
    # Unconfirmed by the parties: a claim.
    (
        "Turkey has agreed to sell Akinci drones to Indonesia, a magazine reported. The sale has not been officially confirmed by Ankara or Jakarta.",
        [("TUR", "IDN", [("Akinci", None)], "alleged")],
    ),
    # A detail left unconfirmed is no doubt about the deal.
    (
        "Poland signed a contract for 48 K2 tanks with South Korea. Poland's delivery schedule has not been confirmed.",
        [("KOR", "POL", [("K2", 48)], "signed")],
    ),
    # A plan for other goods from another supplier is not what was denied.
    (
        "Indonesia plans to buy KF-21 jets from South Korea, officials said. A Beijing newspaper wrote last week that Indonesia bought 42 J-10 jets from China in 2021. AVIC denied that any contract had been signed.",
        [("KOR", "IDN", [("KF-21", None)], "planned"), ("CHN", "IDN", [("J-10", 42)], "alleged")],
    ),
]

#: Two makers sign "for Norway's air defence": whose forces get the goods buys, and a
#: multinational maker stands for the home of the designs the text names.
HOLDER_BUYS: list[tuple[str, Expected]] = [
    (
        "MBDA and Kongsberg sign $1 billion deal for Norway's air defence\nThe contract covers more ASRAAM missiles and launchers, which use the British ASRAAM missile.",
        [("GBR", "NOR", [("ASRAAM", None)], "signed")],
    ),
    (
        "Leonardo and WZL sign deal for Poland's army helicopters\nPoland's armament agency said the contract covers 32 AW149 helicopters.",
        [("ITA", "POL", [("AW149", 32)], "signed")],
    ),
]

#: A design named only as what the goods are likened to is no line of the deal.
LIKENED: list[tuple[str, Expected]] = [
    (
        'Qatar signed a contract with Hanwha for the Chunmoo rocket launcher, billed as the "HIMARS of Asia", officials said.',
        [("KOR", "QAT", [("Chunmoo", None)], "signed")],
    ),
    (
        "Egypt has ordered 20 K9 howitzers, nicknamed the Paladin of Asia, from South Korea.",
        [("KOR", "EGY", [("K9", 20)], "signed")],
    ),
    # A name in quotes is still the goods.
    (
        'Romania signed a contract with the United States for the "HIMARS" rocket system.',
        [("USA", "ROU", [("HIMARS", None)], "signed")],
    ),
]

#: Goods sent to a buyer are a transfer, though crews train or weeks pass; forces sent
#: are not (see the deployments in test_articles.ROUTINE_NEWS).
SENT: list[tuple[str, Expected]] = [
    (
        "The United States has sent 31 Abrams tanks to Ukraine, the Pentagon said on Monday. Ukrainian crews trained on the tanks in Germany for ten weeks.",
        [("USA", "UKR", [("Abrams", 31)], "delivered")],
    ),
    (
        "In March, Portugal sent 3 Leopard 2 tanks to Kyiv.",
        [("PRT", "UKR", [("Leopard 2", 3)], "delivered")],
    ),
    (
        "Germany has sent two Patriot batteries with about 200 soldiers to Slovakia to protect NATO's eastern flank.",
        [],
    ),
]

#: A class noun of another kind than the pair's named system of its category ("tanks",
#: "personnel carriers") is goods of its own; of the same kind, a repeat.
OTHER_KIND_ROWS: list[tuple[str, Expected]] = [
    (
        "Greece will send eight Leopard 1 tanks to Cyprus next month. Nicosia will also get twelve armoured personnel carriers from Greece, the defence ministry said.",
        [
            ("GRC", "CYP", [("Leopard 1", 8)], "planned"),
            ("GRC", "CYP", [("armoured personnel carriers", 12)], "planned"),
        ],
    ),
    (
        "Peru signed a contract for 10 KF-21 fighter jets from South Korea. Peru also bought military helicopters from South Korea's KAI for 90 million dollars.",
        [
            ("KOR", "PER", [("KF-21", 10)], "signed"),
            ("KOR", "PER", [("military helicopters", None)], "signed"),
        ],
    ),
    (
        "The United States approved the sale of smart bomb kits and Javelin missiles to Kenya.",
        [("USA", "KEN", [("smart bomb kits", None), ("Javelin", None)], "approved")],
    ),
    (
        "Finland signed a contract with the United States for 150 JASSM missiles and guided bombs.",
        [("USA", "FIN", [("JASSM", 150), ("guided bombs", None)], "signed")],
    ),
    (
        "Poland bought 500 Hellfire missiles from the United States. The missiles will be delivered to Poland next year.",
        [("USA", "POL", [("Hellfire", 500)], "signed")],
    ),
    (
        "Egypt ordered 30 Rafale fighter jets from France. Twelve of the fighters will be delivered to Egypt next year.",
        [("FRA", "EGY", [("Rafale", 30)], "signed")],
    ),
    (
        "Poland bought 96 Apache helicopters from the United States. The first eight helicopters will be delivered to Poland in 2028.",
        [("USA", "POL", [("Apache", 96)], "signed")],
    ),
]

#: The forces that goods join are the buyer's.
JOINED: list[tuple[str, Expected]] = [
    (
        "Two Dornier 228 aircraft supplied by India will join the Sri Lanka Air Force next week.",
        [("IND", "LKA", [("Dornier 228", 2)], "delivered")],
    ),
    (
        "Indonesian F-16 jets joined the Royal Australian Air Force in the Pitch Black exercise, after drills with US Air Force tankers.",
        [],
    ),
    (
        "Two frigates built by Hyundai Heavy Industries joined the South Korean Navy on Friday.",
        [],
    ),
]

#: A deal told as a comparison: its buyer is the subject, its supplier named apart, and a
#: multinational design read into it stays with the maker's state that sells it.
COMPARED: list[tuple[str, Expected]] = [
    (
        "Britain sold 40 Typhoon jets to Turkey in 2025. While the Typhoon sale is large, it is small compared with Turkey's $23 billion deal in 2024 that included 40 F-16 jets from the United States.",
        [
            ("GBR", "TUR", [("Typhoon", 40)], "signed"),
            ("USA", "TUR", [("F-16", 40)], "signed"),
        ],
    ),
    (
        "Seoul's export of K9 howitzers from Hanwha to Poland is the largest so far.",
        [("KOR", "POL", [("K9", None)], "reported")],
    ),
]

#: A ship's own name before its class noun names the line ("the Brawijaya frigate").
NAMED_CLASS: list[tuple[str, Expected]] = [
    (
        "India handed over the Kirpan corvette to Vietnam on Saturday.",
        [("IND", "VNM", [("Kirpan corvette", None)], "delivered")],
    ),
    (
        "Last week Italy handed over the Brawijaya frigate to Indonesia, built under a contract signed in 2021.",
        [("ITA", "IDN", [("Brawijaya frigate", None)], "delivered")],
    ),
    (
        "Germany will transfer four decommissioned Brandenburg-class frigates to Chile, officials said.",
        [("DEU", "CHL", [("Brandenburg-class frigates", 4)], "planned")],
    ),
    # A state's adjective is no name.
    (
        "Russia handed over the Indian frigate to India.",
        [("RUS", "IND", [("frigate", None)], "delivered")],
    ),
    # A pledge written as a noun still reports one.
    (
        "Belgium announced a promise of 300 million euros for artillery shells for Moldova.",
        [("BEL", "MDA", [("artillery shells", None)], "planned")],
    ),
]

#: Third states named as users of a design or as examples are no parties of the deal.
THIRD_STATES: list[tuple[str, Expected]] = [
    (
        "Indonesia ordered 18 more Rafale jets from France, like Croatia and Egypt before it.",
        [("FRA", "IDN", [("Rafale", 18)], "signed")],
    ),
    (
        "Bulgaria will buy 8 Gripen jets from Sweden, the first such purchase by a country that also flies Russian MiG-29s.",
        [("SWE", "BGR", [("Gripen", 8)], "planned")],
    ),
    (
        "Poland received three more FA-50 jets from South Korea, a model also flown by Iraq and Thailand.",
        [("KOR", "POL", [("FA-50", 3)], "delivered")],
    ),
    # A list of buyers goes on from the first.
    (
        "Germany will deliver Boxer vehicles to Qatar, Lithuania and the Netherlands.",
        [
            ("DEU", "QAT", [("Boxer", None)], "planned"),
            ("DEU", "LTU", [("Boxer", None)], "planned"),
            ("DEU", "NLD", [("Boxer", None)], "planned"),
        ],
    ),
]

#: Verbs after words that may also stand before a noun.
VERBS: list[tuple[str, Expected]] = [
    (
        "Finland and Estonia each ordered 15 CV90 vehicles from BAE Systems Hagglunds.",
        [("SWE", "FIN", [("CV90", 15)], "signed"), ("SWE", "EST", [("CV90", 15)], "signed")],
    ),
    (
        "Ukraine thanked Rheinmetall, a German firm that supplies Skynex air defence systems to Ukraine.",
        [("DEU", "UKR", [("Skynex", None)], "reported")],
    ),
]

#: A seller's own purchase of the goods, told in a relative clause, is history.
SECOND_HAND: list[tuple[str, Expected]] = [
    (
        "Chile, which bought Leopard 2 tanks from Germany in 2007, will sell 30 of them to Ecuador, the army said.",
        [("CHL", "ECU", [("Leopard 2", None)], "planned")],
    ),
    (
        "Belgium, which bought F-35 jets from the United States, will sell 10 F-16 jets to Peru.",
        [("BEL", "PER", [("F-16", 10)], "planned")],
    ),
    # The clause is the only report: it stays.
    (
        "Bulgaria, which bought Gripen jets from Sweden, said on Monday it would train more pilots.",
        [("SWE", "BGR", [("Gripen", None)], "signed")],
    ),
    # A seller of a design is not also its buyer by the design's origin.
    (
        "Peru signed a deal to buy 10 of Belgium's F-16 jets. Belgium is getting more modern F-35 jets, and the money from the F-16 sale will help fund them.",
        [("BEL", "PER", [("F-16", 10)], "signed"), ("USA", "BEL", [("F-35", None)], "reported")],
    ),
]


def _check(text: str, expected: Expected) -> None:
    deals = extract(text)
    got = [(d.supplier, d.buyer, d.status.value) for d in deals]
    assert sorted(got) == sorted((s, b, st) for s, b, _, st in expected)
    for supplier, buyer, lines, _ in expected:
        # Deals of one pair in text order, as expected rows of that pair are.
        pair = [d for d in deals if (d.supplier, d.buyer) == (supplier, buyer)]
        rows = [x for x in expected if (x[0], x[1]) == (supplier, buyer)]
        deal = pair[[x[2] for x in rows].index(lines)]
        names = [(s.name, s.quantity) for s in deal.systems]
        assert len(names) == len(lines), names
        for word, quantity in lines:
            assert any(word in n and q == quantity for n, q in names), (word, names)


ROWS = (
    DEAL_INCLUDES
    + COUNT_ELSEWHERE
    + SPLIT_BUYERS
    + EFFORT
    + SIGNED_LATER
    + CANCELLED_LATER
    + DENIED_LATER
    + HOLDER_BUYS
    + LIKENED
    + SENT
    + OTHER_KIND_ROWS
    + JOINED
    + COMPARED
    + NAMED_CLASS
    + THIRD_STATES
    + VERBS
    + SECOND_HAND
)


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[t[:60] for t, _ in ROWS])
def test_report(text: str, expected: Expected) -> None:
    _check(text, expected)


@pytest.mark.parametrize(
    "text", ["the second ship the yard has built", "a ship that sails", "its ship"]
)
def test_a_verb_after_a_determiner_is_no_trigger(text: str) -> None:
    """'ship' is only a verb in the rules; after 'the' or 'third' it is the noun."""
    assert find_triggers(text, 0) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Egypt ordered 30 more Rafales from France.", "Rafale"),
        ("Australia will buy 200 Tomahawks from the United States.", "Tomahawk"),
        ("Poland ordered 48 F-16s from the United States.", "F-16"),
    ],
)
def test_a_named_system_is_named_in_the_singular(text: str, name: str) -> None:
    """'Rafales' is the Rafale: a reader's name has no plural."""
    (deal,) = extract(text)
    assert [s.name for s in deal.systems] == [name]
