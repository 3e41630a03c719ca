"""Reports: locale-aware formatting, complete catalogues, Markdown and self-contained HTML."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from armstrack.model import Money, Status
from armstrack.report import render
from armstrack.report.data import (
    CountryReport,
    Partner,
    ReportDeal,
    ReportLine,
    ReportSource,
    Side,
    YearTotal,
)
from armstrack.report.i18n import LOCALE_DIR, Formatter, available_locales, translations

PACKAGE = Path(__file__).resolve().parents[2] / "armstrack" / "report"
KEYWORDS = {"_": None, "_N_": None, "gettext": None, "ngettext": (1, 2)}


def _source_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_there_are_at_least_two_languages() -> None:
    assert {"en", "pl"} <= set(available_locales())


@pytest.mark.parametrize("language", sorted(p.name for p in LOCALE_DIR.iterdir()))
def test_every_catalogue_compiles_and_covers_every_message(language: str) -> None:
    po = LOCALE_DIR / language / "LC_MESSAGES" / "armstrack.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    translations.cache_clear()
    assert translations(language).gettext("Deals")  # compiles in memory
    by_id = {(m.id[0] if isinstance(m.id, tuple) else m.id): m for m in catalog if m.id}
    missing = sorted(_source_messages() - set(by_id))
    assert not missing, f"{language}: messages not in the catalogue: {missing}"
    for key, message in by_id.items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{language}: {key!r} has no translation"
        assert "fuzzy" not in message.flags, f"{language}: {key!r} is fuzzy"
        for s in strings:  # placeholders survive translation
            assert set(re.findall(r"%\(\w+\)s", s)) == set(re.findall(r"%\(\w+\)s", key))


FORMATS = [
    # (locale, what, expected)
    ("en", lambda f: f.money(Decimal("1640000000"), "USD"), "$1.64B"),
    ("pl", lambda f: f.money(Decimal("1640000000"), "USD"), "1,64 mld USD"),
    ("en", lambda f: f.number(Decimal("1234567")), "1,234,567"),
    ("pl", lambda f: f.number(Decimal("1234567")), "1 234 567"),
    ("en", lambda f: f.state("KOR"), "South Korea"),
    ("pl", lambda f: f.state("KOR"), "Korea Południowa"),
    ("pl", lambda f: f.state("XKX"), "Kosowo"),
    ("en", lambda f: f.date(date(2024, 6, 5)), "Jun 5, 2024"),
    ("pl", lambda f: f.date(date(2024, 6, 5)), "5 cze 2024"),
    ("pl", lambda f: f.gettext("signed"), "podpisana"),
]


@pytest.mark.parametrize(
    ("locale", "what", "expected"), FORMATS, ids=[f"{loc}-{exp}" for loc, _, exp in FORMATS]
)
def test_formats_for_the_locale(locale: str, what: object, expected: str) -> None:
    assert callable(what)
    assert what(Formatter(locale)).replace("\xa0", " ").replace("\u202f", " ") == expected


def test_unknown_locale_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown locale 'xx-nowhere'"):
        Formatter("xx-nowhere")


def _report() -> CountryReport:
    deal = ReportDeal(
        deal_id=1,
        supplier="KOR",
        buyer="POL",
        lines=(ReportLine("K239 Chunmoo", 218, "artillery"),),
        value=Money(amount=Decimal("1640000000"), currency="USD"),
        value_usd=Decimal("1640000000"),
        status=Status.SIGNED,
        date=date(2024, 4, 25),
        sources=(
            ReportSource(
                "a1",
                "Rocket deal <signed>",
                "https://example.org/a1",
                date(2024, 4, 25),
                "Seoul signed a deal with Warsaw.",
            ),
        ),
    )
    buyer = Side(
        deals=1,
        value_usd=Decimal("1640000000"),
        without_value=2,
        unconverted=1,
        partners=(Partner("KOR", 1, Decimal("1640000000")),),
        years=(YearTotal(2024, 1, Decimal("1640000000")),),
        rows=(deal,),
    )
    return CountryReport(
        state="POL", as_buyer=buyer, as_supplier=Side(), generated=date(2026, 1, 2)
    )


def test_markdown_report_in_polish() -> None:
    text = render(_report(), locale="pl", format="md")
    assert text.startswith("# Transfery uzbrojenia: Polska")
    assert "Korea Południowa" in text
    assert "1 umowa" in text
    assert "Umowy bez podanej wartości: 2" in text
    assert "218 × K239 Chunmoo" in text
    assert "podpisana" in text
    assert "“Seoul signed a deal with Warsaw.”" in text


def test_html_report_is_self_contained_and_escaped() -> None:
    page = render(_report(), locale="en", format="html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<svg" in page
    assert "Rocket deal &lt;signed&gt;" in page
    assert not re.search(r"<(script|link|img)\b", page)
    assert "South Korea" in page


def test_unknown_format_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown report format 'pdf'"):
        render(_report(), format="pdf")
