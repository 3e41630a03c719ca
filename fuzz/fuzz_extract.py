"""Fuzz :func:`armstrack.extract.extract` with atheris (coverage-guided, libFuzzer flags).

Run: ``python fuzz/fuzz_extract.py -max_total_time=60 "$(mktemp -d)" fuzz/corpus/extract``
(the first folder receives new inputs; the seed folder is only read). Each input is read
as UTF-8 (an undecodable byte becomes U+FFFD), so the seeds are plain text.
Besides any exception, a crash is: output that fails the model's own validation on a JSON
round trip, or evidence pointing outside the text or outside its sentence.
"""

from __future__ import annotations

import datetime
import sys

import atheris

with atheris.instrument_imports(include=["armstrack"]):
    from armstrack.extract import extract
    from armstrack.model import Deal

PUBLISHED = datetime.date(2024, 6, 7)


def check(text: str) -> None:
    """Extract from *text* and assert the invariants every output must keep."""
    for deal in extract(text, PUBLISHED, document_id="fuzz"):
        assert Deal.model_validate_json(deal.model_dump_json()) == deal
        for ev in deal.evidence:
            assert 0 <= ev.start < ev.end <= len(text), ev
            assert text[ev.start : ev.end] in ev.sentence, ev


def test_one_input(data: bytes) -> None:
    check(data.decode("utf-8", "replace"))


def main() -> None:
    extract("warm the catalogue up before fuzzing")
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
