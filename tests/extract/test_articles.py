# ruff: noqa: E501  (article texts are kept one line each, as written)
"""Whole articles written for the tests: what a reader expects of each.

The texts are written for this suite in the style of wire reports (none is taken from a
real article). Each row: the article, then the deals a reader would record as
(supplier, buyer, a word of the system name, status); an empty list means the article
reports no transfer (domestic orders, budgets, exercises, trials).
"""

from __future__ import annotations

from datetime import date

import pytest

from armstrack import extract

ARTICLES = [
    pytest.param(
        "State Department clears $2.9 billion sale of Apache helicopters to Morocco\nWASHINGTON - The U.S. State Department has approved a possible Foreign Military Sale to the Kingdom of Morocco of 24 AH-64E Apache helicopters and related equipment for an estimated cost of $2.9 billion, the Defense Security Cooperation Agency said on Thursday.\nThe principal contractors will be Boeing and Lockheed Martin.",
        date.fromisoformat("2025-03-14"),
        [("USA", "MAR", "Apache", "approved")],
        id="State Department clears $2.9 billion sal",
    ),
    pytest.param(
        "Germany orders 105 Leopard 2A8 tanks\nThe German parliament's budget committee on Wednesday approved the purchase of 105 Leopard 2A8 main battle tanks from KNDS Deutschland for the Bundeswehr, worth about 2.9 billion euros.\nDeliveries are expected to begin in 2027.",
        date.fromisoformat("2024-09-02"),
        [],
        id="Germany orders 105 Leopard 2A8 tanks",
    ),
    pytest.param(
        "Philippine and US troops begin joint exercise\nAround 5,000 American and Filipino soldiers began the annual Balikatan drills on Monday, with HIMARS rocket launchers and F-16 fighter jets taking part in live-fire training off the coast of Luzon.",
        date.fromisoformat("2023-06-20"),
        [],
        id="Philippine and US troops begin joint exe",
    ),
    pytest.param(
        "Norway to buy K9 howitzers\nNorway has signed a contract with South Korea's Hanwha Aerospace for 24 additional K9 Thunder self-propelled howitzers, the Norwegian Defence Materiel Agency said on Tuesday. The contract is worth 2.2 billion Norwegian crowns.",
        date.fromisoformat("2024-11-05"),
        [("KOR", "NOR", "K9", "signed")],
        id="Norway to buy K9 howitzers",
    ),
    pytest.param(
        "Norway orders more K9 howitzers\nNorway has signed a contract with South Korea's Hanwha Aerospace for 24 additional K9 Thunder self-propelled howitzers, the Norwegian Defence Materiel Agency said on Tuesday. The contract is worth 2.2 billion Norwegian crowns.",
        date.fromisoformat("2024-11-05"),
        [("KOR", "NOR", "K9", "signed")],
        id="Norway orders more K9 howitzers",
    ),
    pytest.param(
        "Egypt receives first batch of Rafale jets\nEgypt has taken delivery of the first three of 30 Rafale fighter jets it ordered from France's Dassault Aviation in 2021, the Egyptian air force said.",
        date.fromisoformat("2022-12-01"),
        [("FRA", "EGY", "Rafale", "delivered")],
        id="Egypt receives first batch of Rafale jet",
    ),
    pytest.param(
        "India raises defence budget by 4.7 percent\nIndia on Thursday raised its defence budget to 6.2 lakh crore rupees for the next fiscal year, with a larger share for the modernisation of the army, navy and air force, Finance Minister Nirmala Sitharaman said.",
        date.fromisoformat("2024-02-10"),
        [],
        id="India raises defence budget by 4.7 perce",
    ),
    pytest.param(
        "Pyongyang denies selling arms to Moscow\nNorth Korea on Tuesday denied reports that it had supplied artillery shells and rockets to Russia for use in Ukraine, calling the claims a fabrication by Washington.",
        date.fromisoformat("2023-08-15"),
        [("PRK", "RUS", "artillery shells", "alleged")],
        id="Pyongyang denies selling arms to Moscow",
    ),
    pytest.param(
        "Brazil picks Israeli anti-tank missiles\nThe Brazilian army has selected Rafael's Spike LR2 missile, and plans to buy 60 launchers, a spokesman said. The deal still needs approval by the finance ministry.",
        date.fromisoformat("2025-01-22"),
        [("ISR", "BRA", "Spike", "planned")],
        id="Brazil picks Israeli anti-tank missiles",
    ),
    pytest.param(
        "Taiwan's indigenous submarine begins sea trials\nTaiwan's first domestically built submarine, the Hai Kun, began sea trials in Kaohsiung on Thursday, CSBC Corporation said, as the island seeks to bolster its defences.",
        date.fromisoformat("2024-05-30"),
        [],
        id="Taiwan's indigenous submarine begins sea",
    ),
    pytest.param(
        "Turkey cancels plan to buy Eurofighters\nAnkara has scrapped talks with London over the purchase of 40 Eurofighter Typhoon jets after Berlin refused to approve the sale, Turkish officials said.",
        date.fromisoformat("2024-07-11"),
        [("GBR", "TUR", "Eurofighter", "cancelled")],
        id="Turkey cancels plan to buy Eurofighters",
    ),
    pytest.param(
        "Sweden donates CV90 vehicles to Ukraine\nSweden will donate 50 CV90 infantry fighting vehicles to Ukraine as part of its 17th military aid package, worth 6.5 billion Swedish kronor, the government said on Monday.",
        date.fromisoformat("2025-06-03"),
        [("SWE", "UKR", "CV90", "planned")],
        id="Sweden donates CV90 vehicles to Ukraine",
    ),
    pytest.param(
        "Romania signs deal for Patriot systems\nRomania has signed a contract with the United States for a second Patriot air defence system, the defence ministry in Bucharest said, adding that the first one was delivered in 2023.",
        date.fromisoformat("2024-10-08"),
        [("USA", "ROU", "Patriot", "signed")],
        id="Romania signs deal for Patriot systems",
    ),
    pytest.param(
        "Croatia to get Black Hawks\nEight UH-60M Black Hawk helicopters will be delivered to Croatia by the United States under a $200 million agreement signed on Monday, Croatian Defence Minister Ivan Anusic said.",
        date.fromisoformat("2024-04-02"),
        [("USA", "HRV", "Black Hawk", "signed")],
        id="Croatia to get Black Hawks",
    ),
    pytest.param(
        "Japan to acquire Tomahawks\nJapan will acquire up to 400 Tomahawk cruise missiles from the United States as part of a major defence build-up, Prime Minister Fumio Kishida said on Wednesday.",
        date.fromisoformat("2023-01-18"),
        [("USA", "JPN", "Tomahawk", "planned")],
        id="Japan to acquire Tomahawks",
    ),
    pytest.param(
        "North Korea tests new missile\nNorth Korea test-fired a new solid-fuel Hwasong-18 intercontinental ballistic missile on Thursday, South Korea's military said, the latest in a string of launches condemned by Washington and Tokyo.",
        date.fromisoformat("2024-03-22"),
        [],
        id="North Korea tests new missile",
    ),
    pytest.param(
        "Lockheed Martin beats earnings forecast\nLockheed Martin on Tuesday reported third-quarter sales of $17.1 billion, citing strong demand for F-35 jets, PAC-3 interceptors and GMLRS rockets, and raised its full-year outlook.",
        date.fromisoformat("2024-10-23"),
        [],
        id="Lockheed Martin beats earnings forecast",
    ),
    pytest.param(
        "Indian Navy commissions new destroyer\nThe Indian Navy on Thursday commissioned INS Imphal, a Visakhapatnam-class stealth destroyer built by Mazagon Dock Shipbuilders in Mumbai, into service.",
        date.fromisoformat("2024-08-29"),
        [],
        id="Indian Navy commissions new destroyer",
    ),
    pytest.param(
        "Saab wins Gripen order\nSaab has received an order from Thailand for four Gripen E/F fighters, the Swedish company said on Wednesday. The order is worth about 5.3 billion Swedish kronor.",
        date.fromisoformat("2025-02-12"),
        [("SWE", "THA", "Gripen", "signed")],
        id="Saab wins Gripen order",
    ),
    pytest.param(
        "Serbia receives Chinese air defence\nSerbia has received the HQ-22 (FK-3) surface-to-air missile system from China, President Aleksandar Vucic said, making it the first European operator of the system.",
        date.fromisoformat("2023-11-30"),
        [("CHN", "SRB", "FK-3", "delivered")],
        id="Serbia receives Chinese air defence",
    ),
    pytest.param(
        "Pentagon awards missile contract\nThe Pentagon awarded Raytheon a $1.2 billion contract to produce AMRAAM missiles for the U.S. Air Force and Navy, the Department of Defense said on Friday.",
        date.fromisoformat("2024-06-14"),
        [],
        id="Pentagon awards missile contract",
    ),
    pytest.param(
        "Manila eyes BrahMos expansion\nThe Philippines is considering buying additional batteries of the BrahMos supersonic cruise missile from India after the first system arrived last year, a Philippine Navy spokesman said.",
        date.fromisoformat("2025-05-06"),
        [("IND", "PHL", "BrahMos", "considered")],
        id="Manila eyes BrahMos expansion",
    ),
    pytest.param(
        "Greek parliament approves F-35 purchase\nGreece's parliament approved the purchase of 20 F-35 fighter jets from the United States, a deal worth about $8.6 billion, the defence ministry said.",
        date.fromisoformat("2024-01-25"),
        [("USA", "GRC", "F-35", "approved")],
        id="Greek parliament approves F-35 purchase",
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), ARTICLES)
def test_article(text: str, published: date, expected: list[tuple[str, str, str, str]]) -> None:
    deals = extract(text, published)
    got = {(d.supplier, d.buyer, d.status.value) for d in deals}
    assert got == {(s, b, st) for s, b, _, st in expected}
    for supplier, buyer, word, _status in expected:
        names = [
            line.name
            for d in deals
            if (d.supplier, d.buyer) == (supplier, buyer)
            for line in d.systems
        ]
        assert any(word.lower() in n.lower() for n in names), (word, names)
