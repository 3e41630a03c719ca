"""Throughput of the whole-text scanners of :mod:`armstrack.extract`, one at a time.

Run: ``python benchmarks/bench_scanners.py [--mb 2] [--repeat 7] [--text FILE]``. The
scanners are :func:`~armstrack.extract.money.scan_money`,
:func:`~armstrack.extract.quantity.find_quantities` (given the money, as
:func:`~armstrack.extract.extract` calls it), :func:`~armstrack.extract.dates.find_dates`
(sentence by sentence, as the extractor reads dates) and
:func:`~armstrack.extract.normalise.normalise`. The text is the generated news of
``bench_extract.py``, or the ``text`` field of each line of a JSONL file given with
``--text``. Prints the median and spread of MB/s of CPU time (one core) over the repeats.
"""

from __future__ import annotations

import argparse
import datetime
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bench_extract import generate

from armstrack.extract.dates import find_dates
from armstrack.extract.money import scan_money
from armstrack.extract.normalise import normalise
from armstrack.extract.quantity import find_quantities
from armstrack.extract.sentences import split_sentences

_PUBLISHED = datetime.date(2024, 6, 7)


def _texts(args: argparse.Namespace) -> list[str]:
    if args.text is None:
        return generate(int(args.mb * 1_000_000))
    with Path(args.text).open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def _scanners(texts: list[str]) -> dict[str, Callable[[], object]]:
    """Each scanner as a call over all of *texts*, with what it is given made beforehand."""
    money = [scan_money(t)[0] for t in texts]
    sentences = [t[s.start : s.end] for t in texts for s in split_sentences(t)]
    return {
        "scan_money": lambda: [scan_money(t) for t in texts],
        "find_quantities": lambda: [
            find_quantities(t, money=m) for t, m in zip(texts, money, strict=True)
        ],
        "find_dates": lambda: [find_dates(s, _PUBLISHED) for s in sentences],
        "normalise": lambda: [normalise(t) for t in texts],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=2.0, help="megabytes of generated text")
    parser.add_argument("--repeat", type=int, default=7, help="timed passes per scanner")
    parser.add_argument("--text", help="a JSONL file with a 'text' field per line")
    args = parser.parse_args()
    texts = _texts(args)
    size_mb = sum(len(t.encode("utf-8")) for t in texts) / 1_000_000
    print(f"text            {size_mb:.2f} MB in {len(texts)} texts")
    for name, scan in _scanners(texts).items():
        rates = []  # CPU time of this process, so a busy machine skews it less
        for _ in range(args.repeat):
            start = time.process_time()
            scan()
            rates.append(size_mb / (time.process_time() - start))
        print(
            f"{name:15s} median {statistics.median(rates):8.2f} MB/s, "
            f"min {min(rates):.2f}, max {max(rates):.2f} over {args.repeat} passes"
        )


if __name__ == "__main__":
    main()
