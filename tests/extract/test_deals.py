"""Tests for deal assembly: sentences in, deals out, on a small catalogue of their own.

Every example was written for these tests in the language of arms-trade reporting.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from armstrack.catalogue import Catalogue, ClassNoun, StateForm
from armstrack.extract import extract
from armstrack.model import Organisation, OrganisationKind, WeaponSystem


def small_catalogue() -> Catalogue:
    """A catalogue written for these tests (independent of seeds/)."""
    forms: list[tuple[str, ...] | tuple[str, str, str, bool]] = [
        ("POL", "Poland", "name"),
        ("POL", "Polish", "adjective"),
        ("POL", "Warsaw", "capital"),
        ("KOR", "South Korea", "name"),
        ("KOR", "South Korean", "adjective"),
        ("KOR", "Seoul", "capital"),
        ("PRK", "North Korea", "name"),
        ("PRK", "North Korean", "adjective"),
        ("PRK", "Pyongyang", "capital"),
        ("USA", "United States", "name"),
        ("USA", "U.S.", "abbreviation"),
        ("USA", "US", "abbreviation"),
        ("USA", "Washington", "capital", True),
        ("RUS", "Russia", "name"),
        ("RUS", "Moscow", "capital"),
        ("UKR", "Ukraine", "name"),
        ("UKR", "Kyiv", "capital"),
        ("IND", "India", "name"),
        ("IND", "Indian", "adjective"),
        ("EGY", "Egypt", "name"),
        ("EGY", "Egyptian", "adjective"),
        ("FRA", "France", "name"),
        ("FRA", "French", "adjective"),
        ("DEU", "Germany", "name"),
        ("QAT", "Qatar", "name"),
    ]
    return Catalogue().with_entries(
        state_forms=[
            StateForm(code=row[0], form=row[1], kind=row[2], ambiguous=len(row) > 3)
            for row in forms
        ],
        organisations=[
            Organisation(id="hanwha-aerospace", name="Hanwha Aerospace", state="KOR"),
            Organisation(id="hyundai-rotem", name="Hyundai Rotem", state="KOR"),
            Organisation(id="dassault", name="Dassault Aviation", state="FRA"),
            Organisation(
                id="state-department",
                name="State Department",
                state="USA",
                kind=OrganisationKind.MINISTRY,
            ),
        ],
        systems=[
            WeaponSystem(
                id="k2",
                designation="K2",
                name="K2 Black Panther",
                category="armoured vehicles",
                origin="KOR",
            ),
            WeaponSystem(
                id="k9", designation="K9", name="K9 Thunder", category="artillery", origin="KOR"
            ),
            WeaponSystem(
                id="ah-64",
                designation="AH-64",
                name="AH-64 Apache",
                aliases=("Apache",),
                category="aircraft",
                origin="USA",
            ),
            WeaponSystem(
                id="f-16", designation="F-16", name="F-16", category="aircraft", origin="USA"
            ),
            WeaponSystem(id="rafale", name="Rafale", category="aircraft", origin="FRA"),
            WeaponSystem(
                id="su-35", designation="Su-35", name="Su-35", category="aircraft", origin="RUS"
            ),
            WeaponSystem(
                id="leopard-2", name="Leopard 2", category="armoured vehicles", origin="DEU"
            ),
            WeaponSystem(
                id="patriot",
                name="Patriot",
                category="air defence systems",
                origin="USA",
                ambiguous_aliases=("Patriot",),
            ),
        ],
        classes=[
            ClassNoun(form="tank", plural="tanks", category="armoured vehicles"),
            ClassNoun(form="helicopter", plural="helicopters", category="aircraft"),
            ClassNoun(form="frigate", plural="frigates", category="ships"),
            ClassNoun(form="rocket artillery", plural="rocket artillery", category="artillery"),
            ClassNoun(form="weapon", plural="weapons", category="unspecified"),
            ClassNoun(form="fighter jet", plural="fighter jets", category="aircraft"),
        ],
    )


CAT = small_catalogue()

# (text, expected deals as (supplier, buyer, [(system name, quantity)], value, status))
Expected = list[tuple[str | None, str | None, list[tuple[str, int | None]], str | None, str]]

#: The examples the annotation guide and the project's brief give.
GUIDE_EXAMPLES: list[tuple[str, Expected]] = [
    (
        "Poland will buy 96 Apache helicopters from the US.",
        [("USA", "POL", [("Apache", 96)], None, "planned")],
    ),
    (
        "The State Department approved the possible sale of 12 F-16 jets to Egypt.",
        [("USA", "EGY", [("F-16", 12)], None, "approved")],
    ),
    (
        "Hanwha Aerospace has signed a $1.64-billion deal with Poland to supply rocket "
        "artillery units.",
        [("KOR", "POL", [("rocket artillery units", None)], "1640000000", "signed")],
    ),
    (
        "Poland's purchase of South Korean K2 tanks continues.",
        [("KOR", "POL", [("K2", None)], None, "reported")],
    ),
    (
        "Poland signed a contract for 180 K2 tanks.",
        [("KOR", "POL", [("K2", 180)], None, "signed")],
    ),
    (
        "Egypt has received two frigates from France.",
        [("FRA", "EGY", [("frigates", 2)], None, "delivered")],
    ),
    (
        "India cancelled its order for 36 Rafale jets.",
        [("FRA", "IND", [("Rafale", 36)], None, "cancelled")],
    ),
    (
        "Egypt requested 24 Su-35 fighter jets from Russia.",
        [("RUS", "EGY", [("Su-35", 24)], None, "proposed")],
    ),
]
#: Status from verb and modality.
STATUS_EXAMPLES: list[tuple[str, Expected]] = [
    (
        "Poland will sign a contract for K2 tanks by the end of the year.",
        [("KOR", "POL", [("K2", None)], None, "planned")],
    ),
    (
        "Germany delivered 14 Leopard 2 tanks to Qatar.",
        [("DEU", "QAT", [("Leopard 2", 14)], None, "delivered")],
    ),
    (
        "Russia allegedly supplied Su-35 jets to Egypt.",
        [("RUS", "EGY", [("Su-35", None)], None, "alleged")],
    ),
    (
        "Seoul could consider sending K9 howitzers to Ukraine.",
        [("KOR", "UKR", [("K9", None)], None, "considered")],
    ),
    (
        "India is considering the purchase of 26 Rafale jets.",
        [("FRA", "IND", [("Rafale", 26)], None, "considered")],
    ),
    (
        "Poland inked a deal for 48 K9 howitzers with Hanwha Aerospace.",
        [("KOR", "POL", [("K9", 48)], None, "signed")],
    ),
]
#: Not deals: deployments, exercises, domestic orders, hedged vague sums.
NOT_DEALS: list[tuple[str, Expected]] = [
    ("North Korea deployed thousands of troops to Russia.", []),
    ("Polish and US troops held an exercise with Apache helicopters.", []),
    ("South Korea ordered 100 K2 tanks from Hyundai Rotem.", []),
    ("The West believes North Korea is giving Moscow weapons.", []),
    ("Poland raised its defence budget to 4% of GDP.", []),
    ("The K2 Black Panther is a fine tank.", []),
    (
        "India's defence ministry won more money for its budget, including funds for Rafale jets.",
        [],
    ),
    ("Ukraine has received dozens of Leopard 2 tanks from its allies since January.", []),
    ("Russian and Indian warships held joint drills with Su-35 jets overhead.", []),
]
#: Headline language.
HEADLINES: list[tuple[str, Expected]] = [
    (
        "Egypt to buy 24 Rafale jets from France",
        [("FRA", "EGY", [("Rafale", 24)], None, "planned")],
    ),
    (
        "Poland, South Korea sign $4 billion deal for 180 K2 tanks",
        [("KOR", "POL", [("K2", 180)], "4000000000", "signed")],
    ),
    (
        "US clears $1 billion sale of Apache helicopters to Poland",
        [("USA", "POL", [("Apache", None)], "1000000000", "approved")],
    ),
]
#: Coreference within a text.
COREFERENCE: list[tuple[str, Expected]] = [
    (
        "Poland signed a contract with Hyundai Rotem for 180 K2 tanks. "
        "The deal is worth $3.4 billion.",
        [("KOR", "POL", [("K2", 180)], "3400000000", "signed")],
    ),
    (
        "Qatar signed a contract for 24 Rafale jets from France. "
        "The first Rafale jets were delivered in 2019.",
        [("FRA", "QAT", [("Rafale", 24)], None, "signed")],
    ),
]


#: Reporting patterns met while developing the rules (written for these tests).
PATTERNS: list[tuple[str, Expected]] = [
    (
        "The $4 billion deal between Poland and South Korea covers 180 K2 tanks.",
        [("KOR", "POL", [("K2", 180)], "4000000000", "signed")],
    ),
    (
        "France and Germany will send Leopard 2 tanks and Rafale jets to Ukraine.",
        [("FRA", "UKR", [], None, "planned"), ("DEU", "UKR", [], None, "planned")],
    ),
    (
        "Egypt bought 24 Rafale jets from France for $5 billion and two frigates for $1 billion.",
        [
            ("FRA", "EGY", [("Rafale", 24)], "5000000000", "signed"),
            ("FRA", "EGY", [("frigates", 2)], "1000000000", "signed"),
        ],
    ),
    (
        "Washington approved a $1 billion sale of Apache helicopters to Poland.",
        [("USA", "POL", [("Apache", None)], "1000000000", "approved")],
    ),
    (
        "The Egyptian navy took delivery of the frigate Al-Aziz from France.",
        [("FRA", "EGY", [("frigate", None)], None, "delivered")],
    ),
    (
        "Germany delivered Leopard 2 tanks to Ukraine, Poland and Egypt.",
        [
            ("DEU", "UKR", [("Leopard 2", None)], None, "delivered"),
            ("DEU", "POL", [("Leopard 2", None)], None, "delivered"),
            ("DEU", "EGY", [("Leopard 2", None)], None, "delivered"),
        ],
    ),
    (
        "India is negotiating with Russia to buy more Su-35 jets.",
        [("RUS", "IND", [("Su-35", None)], None, "considered")],
    ),
    (
        "The deal for 36 Rafale jets between India and France could take years to finalise.",
        [("FRA", "IND", [("Rafale", 36)], None, "considered")],
    ),
    (
        "Minister Anna Patriot said Poland signed a deal for 180 K2 tanks.",
        [("KOR", "POL", [("K2", 180)], None, "signed")],
    ),
    (
        "India's defence minister signed a deal to buy 36 Rafale jets.",
        [("FRA", "IND", [("Rafale", 36)], None, "signed")],
    ),
    (
        "The Indian order for 36 Rafale jets was signed during a visit to France.",
        [("FRA", "IND", [("Rafale", 36)], None, "signed")],
    ),
    (
        "Poland placed an order for 96 Apache helicopters to replace its ageing Su-35 jets.",
        [("USA", "POL", [("Apache", 96)], None, "signed")],
    ),
    (
        "Germany pledged 22 Leopard 2 tanks to Egypt.",
        [("DEU", "EGY", [("Leopard 2", 22)], None, "planned")],
    ),
    (
        "India signed a contract with Dassault Aviation for 36 Rafale jets.",
        [("FRA", "IND", [("Rafale", 36)], None, "signed")],
    ),
    (
        "Egypt received 24 fighter jets from France. Egypt flies the Rafale. "
        "The Rafale is built by Dassault Aviation. Each Rafale fighter jet costs $100 million.",
        [("FRA", "EGY", [("Rafale", 24)], None, "delivered")],
    ),
]


def _deals(text: str) -> Expected:
    out: Expected = []
    for d in extract(text, catalogue=CAT):
        systems = [(s.name, s.quantity) for s in d.systems]
        value = str(int(d.value.amount)) if d.value else None
        out.append((d.supplier, d.buyer, systems, value, d.status.value))
    return out


def _check(text: str, expected: Expected) -> None:
    got = _deals(text)
    assert [(s, b, st) for s, b, _, _, st in got] == [(s, b, st) for s, b, _, _, st in expected]
    for (_, _, systems, value, _), (_, _, want, want_value, _) in zip(got, expected, strict=True):
        assert value == want_value
        for name, quantity in want:
            assert any(name in n and q == quantity for n, q in systems), (name, systems)


@pytest.mark.parametrize(
    ("text", "expected"), GUIDE_EXAMPLES, ids=[t[:50] for t, _ in GUIDE_EXAMPLES]
)
def test_guide_examples(text: str, expected: Expected) -> None:
    _check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"), STATUS_EXAMPLES, ids=[t[:50] for t, _ in STATUS_EXAMPLES]
)
def test_status_examples(text: str, expected: Expected) -> None:
    _check(text, expected)


@pytest.mark.parametrize(("text", "expected"), NOT_DEALS, ids=[t[:50] for t, _ in NOT_DEALS])
def test_not_deals(text: str, expected: Expected) -> None:
    _check(text, expected)


@pytest.mark.parametrize(("text", "expected"), COREFERENCE, ids=[t[:50] for t, _ in COREFERENCE])
def test_coreference(text: str, expected: Expected) -> None:
    _check(text, expected)


def test_value_is_decimal_in_currency_written() -> None:
    (deal,) = extract("Poland signed a 20 trillion won contract for K2 tanks.", catalogue=CAT)
    assert deal.value is not None
    assert (deal.value.amount, deal.value.currency) == (Decimal("20000000000000"), "KRW")


def test_evidence_points_into_the_text() -> None:
    text = "Poland will buy 96 Apache helicopters from the US."
    (deal,) = extract(text, document_id="d1", catalogue=CAT)
    fields = {ev.field for ev in deal.evidence}
    assert {"supplier", "buyer", "systems", "status"} <= fields
    for ev in deal.evidence:
        assert ev.document_id == "d1"
        assert 0 <= ev.start <= ev.end <= len(text)
    (systems,) = [ev for ev in deal.evidence if ev.field == "systems"]
    assert text[systems.start : systems.end] == "Apache"


@pytest.mark.parametrize(("text", "expected"), PATTERNS, ids=[t[:50] for t, _ in PATTERNS])
def test_patterns(text: str, expected: Expected) -> None:
    _check(text, expected)


def test_date_of_the_deal_sentence() -> None:
    (deal,) = extract("Poland signed a contract for 180 K2 tanks on July 27, 2022.", catalogue=CAT)
    assert deal.date is not None
    assert deal.date.value.isoformat() == "2022-07-27"


@pytest.mark.parametrize(("text", "expected"), HEADLINES, ids=[t[:50] for t, _ in HEADLINES])
def test_headlines(text: str, expected: Expected) -> None:
    _check(text, expected)
