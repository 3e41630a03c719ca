"""Properties of the parsers and of :func:`armstrack.extract.extract` on arbitrary text.

Every reader takes any Unicode string without raising, returns spans that lie inside the
text in order, and reads its own spans back to the same value. Money written by
``format_money`` parses back to itself. Extraction validates against ``schemas/Deal.json``,
its evidence points at text of its own sentence, and it is deterministic and independent
of where a document sits in a JSONL batch.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import subprocess
import sys
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pycountry
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from armstrack import textio
from armstrack.cli import main
from armstrack.extract import extract
from armstrack.extract.dates import find_dates
from armstrack.extract.mentions import gazetteer_for, match_text
from armstrack.extract.money import find_money, format_money, parse_money
from armstrack.extract.normalise import normalise
from armstrack.extract.quantity import find_quantities, parse_number
from armstrack.extract.sentences import split_sentences
from armstrack.extract.spans import Span
from armstrack.model import Money

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"

# --- text strategies ----------------------------------------------------------------------
# Arbitrary Unicode rarely reaches the deeper rules, so it is mixed with pieces of news
# language: general names of states, systems, sums, counts and dates, and the words of the
# trade, joined at random and set in sentence templates.

PIECES = [
    "Poland", "South Korea", "Seoul", "Warsaw", "Hanwha", "K2", "K2 tanks", "K9 howitzers",
    "F-16", "F-35A", "the United States", "Washington", "Russia", "India", "S-400",
    "Turkey", "Bayraktar TB2", "drones", "Germany", "Leopard 2A7", "Ukraine", "HIMARS",
    "Lockheed Martin", "signed", "a contract", "to buy", "will supply", "delivered",
    "approved", "cancelled", "aid", "from", "worth", "The deal", "Mr.", "U.S.",
    "$1.64 billion", "€2.5bn", "Rs 62,370 crore", "up to $3 billion",
    "between $2 and $3 billion", "20 trillion won ($15 billion)", "about 500 million euros",
    "180", "two", "sixty-four", "a dozen", "Two (2)", "1,000",
    "on June 5, 2024", "last year", "Thursday", "in 2023", "2024-06-05", "next month",
    ".", ",", ";", "\n", "\n\n", "(", ")", '"', "'s", "—", "-", "\u00a0", "\t", "<p>", "&amp;",
]  # fmt: skip
STATES = ["Poland", "South Korea", "the United States", "India", "Russia", "Turkey", "Ukraine"]
SYSTEMS = ["K2 tanks", "F-16 fighters", "S-400 systems", "Bayraktar TB2 drones", "HIMARS"]
SUMS = ["$1.64 billion", "€2.5bn", "Rs 62,370 crore", "up to $3 billion", "£500m", ""]
VERBS = ["signed a contract to buy", "will buy", "received", "is considering", "ordered"]

pieces = st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join)
mixed = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map("".join)
sentence = st.builds(
    "{} {} {} {} from {} for {}.".format,
    st.sampled_from(STATES),
    st.sampled_from(VERBS),
    st.one_of(st.integers(0, 10_000).map(str), st.sampled_from(["two", "a dozen", ""])),
    st.sampled_from(SYSTEMS),
    st.sampled_from(STATES),
    st.sampled_from(SUMS),
)
articles = st.lists(sentence, min_size=1, max_size=6).map(" ".join)
texts = st.one_of(st.text(), pieces, mixed, articles)
published = st.one_of(
    st.none(), st.dates(), st.sampled_from([datetime.date.min, datetime.date.max])
)


def _assert_spans(spans: Sequence[Span], text: str, *, overlap: bool = False) -> None:
    last = 0
    for span in spans:
        assert 0 <= span.start < span.end <= len(text), (span, len(text))
        if not overlap:
            assert span.start >= last, spans
            last = span.end


# --- money ---------------------------------------------------------------------------------


@given(texts)
def test_find_money_never_raises_and_reads_its_spans_back(text: str) -> None:
    found = find_money(text)
    _assert_spans(found, text)
    for m in found:
        assert parse_money(text[m.start : m.end]) == m.money


@given(st.text())
def test_parse_money_never_raises(text: str) -> None:
    assert parse_money(text) is None or isinstance(parse_money(text), Money)


@cache
def _currencies() -> list[str]:
    return sorted(c.alpha_3 for c in pycountry.currencies)


#: Amounts with at most 15 significant digits and below 10**18 (what the model accepts).
amounts = st.builds(
    lambda digits, exponent: Decimal(digits).scaleb(exponent),
    st.integers(0, 10**15 - 1),
    st.integers(-6, 2),
)


@st.composite
def monies(draw: st.DrawFn) -> Money:
    amount = draw(amounts)
    upper = draw(st.one_of(st.none(), amounts.map(lambda extra: amount + extra)))
    if upper is not None and len(upper.normalize().as_tuple().digits) > 15:
        upper = None
    return Money(
        amount=amount,
        currency=draw(st.sampled_from(_currencies())),
        approximate=draw(st.booleans()),
        upper=upper,
    )


@given(monies())
def test_format_then_parse_money_gives_the_same_value(money: Money) -> None:
    assert parse_money(format_money(money)) == money


# --- quantities ------------------------------------------------------------------------------


@given(texts)
def test_find_quantities_never_raises_and_reads_its_spans_back(text: str) -> None:
    found = find_quantities(text)
    _assert_spans(found, text)
    for q in found:
        assert q.value >= 0
        assert parse_number(text[q.start : q.end]) == q.value


@given(st.text())
def test_parse_number_never_raises(text: str) -> None:
    value = parse_number(text)
    assert value is None or value >= 0


@given(st.integers(0, 10**15))
def test_numbers_in_digits_parse_back(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


# --- dates -----------------------------------------------------------------------------------


@given(texts, published)
def test_find_dates_never_raises(text: str, day: datetime.date | None) -> None:
    _assert_spans(find_dates(text, day), text)


@given(st.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)), published)
def test_written_dates_read_back(day: datetime.date, today: datetime.date | None) -> None:
    for text in (f"{day:%B} {day.day}, {day.year}", f"{day.day} {day:%B} {day.year}", str(day)):
        (found,) = find_dates(text, today)
        assert (found.start, found.end) == (0, len(text))
        assert found.date.value == day
        assert found.date.precision.value == "day"


# --- the other readers -------------------------------------------------------------------------


@given(texts)
def test_normalise_keeps_the_length(text: str) -> None:
    assert len(normalise(text)) == len(text)


@given(texts)
def test_sentences_lie_inside_the_text(text: str) -> None:
    _assert_spans(split_sentences(text), text)


@given(texts)
def test_mentions_lie_inside_the_text(text: str) -> None:
    _assert_spans(gazetteer_for(None).find(text, low=match_text(text)), text, overlap=True)


# --- extract ---------------------------------------------------------------------------------


@cache
def _deal_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMAS / "Deal.json").read_text(encoding="utf-8"))
    return schema


@given(texts, published)
def test_extract_never_raises_and_validates(text: str, day: datetime.date | None) -> None:
    deals = extract(text, day, document_id="doc")
    validator = jsonschema.Draft202012Validator(_deal_schema())
    for deal in deals:
        validator.validate(deal.model_dump(mode="json"))
        for ev in deal.evidence:
            assert 0 <= ev.start < ev.end <= len(text), ev
            assert text[ev.start : ev.end] in ev.sentence, ev


@given(texts, published)
def test_extract_is_deterministic(text: str, day: datetime.date | None) -> None:
    assert extract(text, day) == extract(text, day)


def _cli_rows(tmp: Path, docs: list[dict[str, Any]]) -> dict[str, str]:
    path = tmp / "batch.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    return {row["id"]: json.dumps(row["deals"]) for row in rows}


@settings(max_examples=25)
@given(st.lists(st.one_of(articles, pieces), min_size=2, max_size=5), st.randoms())
def test_extract_is_independent_of_the_position_in_a_batch(
    tmp_path_factory: pytest.TempPathFactory, batch: list[str], rng: random.Random
) -> None:
    tmp = tmp_path_factory.mktemp("batch")
    docs = [
        {"id": f"d{i}", "text": text, "published": "2024-06-07"} for i, text in enumerate(batch)
    ]
    alone = {k: v for doc in docs for k, v in _cli_rows(tmp, [doc]).items()}
    shuffled = list(docs)
    rng.shuffle(shuffled)
    assert _cli_rows(tmp, docs) == alone
    assert _cli_rows(tmp, shuffled) == alone


# --- the command line: every input is accounted for ------------------------------------------

json_lines = st.one_of(
    st.binary(max_size=80),
    st.builds(
        lambda doc_id, text: json.dumps({"id": doc_id, "text": text}).encode(),
        st.text(max_size=10),
        st.one_of(texts, st.text(max_size=20)),
    ),
    st.sampled_from([b"{", b"[]", b"null", b'{"id": "x"}', b'{"id": "x", "text": "\\ud800"}']),
)


@settings(max_examples=50)
@given(st.lists(json_lines, max_size=8))
def test_every_jsonl_line_gives_one_row_or_one_error(
    tmp_path_factory: pytest.TempPathFactory, lines: list[bytes]
) -> None:
    lines = [line.replace(b"\n", b" ").replace(b"\r", b" ") for line in lines]
    path = tmp_path_factory.mktemp("lines") / "docs.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    rows = result.stdout.splitlines()
    errors = [e for e in result.stderr.splitlines() if e.startswith("Error: ")]
    expected = [n for n, line in enumerate(lines, start=1) if line.strip()]
    assert len(rows) + len(errors) == len(expected)
    assert [int(e.split(":")[2]) for e in errors] == sorted(int(e.split(":")[2]) for e in errors)
    assert result.exit_code == (1 if errors else 0)


@settings(max_examples=50)
@given(st.one_of(st.binary(max_size=200), texts.map(lambda t: t.encode("utf-8", "replace"))))
def test_every_text_file_gives_one_row_or_one_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("text") / "doc.txt"
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    rows = result.stdout.splitlines()
    errors = [e for e in result.stderr.splitlines() if e.startswith("Error: ")]
    assert (len(rows), len(errors)) in ((1, 0), (0, 1))
    assert result.exit_code == len(errors)


html_pieces = st.sampled_from(
    ["<p>", "</p>", "<script>", "</script>", "<!--", "-->", "<a href='x'>", "&amp;", "&#8364;",
     "&bogus;", "<", ">", "&", "<style", "</style >", "<br/>"]
)  # fmt: skip


@given(st.lists(st.one_of(html_pieces, st.text(max_size=8)), max_size=30).map("".join))
def test_html_blanking_keeps_offsets(text: str) -> None:
    blanked = textio.blank_html(text)
    assert len(blanked) == len(text)
    for i, (before, after) in enumerate(zip(text, blanked, strict=True)):
        assert after == before or after == " " or text[i] == "&", (i, text)
    if "<" not in text and "&" not in text:
        assert blanked == text


@pytest.mark.slow
def test_extract_is_deterministic_across_hash_seeds(tmp_path: Path) -> None:
    """Set and dict order of strings changes with PYTHONHASHSEED: output must not."""
    rng = random.Random(0)
    docs = []
    for i in range(40):
        words = [rng.choice(PIECES) for _ in range(rng.randint(5, 40))]
        lines = [
            f"{rng.choice(STATES)} {rng.choice(VERBS)} {rng.randint(2, 200)} "
            f"{rng.choice(SYSTEMS)} from {rng.choice(STATES)} for {rng.choice(SUMS)}."
            for _ in range(rng.randint(1, 5))
        ]
        docs.append({"id": f"d{i}", "text": " ".join(lines + words), "published": "2024-06-07"})
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    outputs = []
    for seed in ("0", "1", "12345"):
        proc = subprocess.run(
            [sys.executable, "-m", "armstrack", "extract", str(path)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=120,
            check=True,
        )
        outputs.append(proc.stdout)
    assert outputs[0].count("\n") == len(docs)
    assert outputs[0].count('"supplier": "') > 10
    assert outputs[1] == outputs[0]
    assert outputs[2] == outputs[0]
