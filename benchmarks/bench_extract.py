"""Throughput and peak memory of :func:`armstrack.extract` over generated news text.

Run: ``python benchmarks/bench_extract.py [--mb 10] [--repeat 5]``. The text is generated
from sentence templates in the style of arms-trade reporting (deals, non-deals, filler),
seeded, so every run reads the same bytes. Prints the median and spread of MB/s over the
repeats (one core) and the peak traced memory of one pass, catalogue compile included.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
import tracemalloc

from armstrack.catalogue import default_catalogue
from armstrack.extract import extract
from armstrack.extract.mentions import gazetteer_for

_BUYERS = ["Poland", "India", "Egypt", "Qatar", "Brazil", "Vietnam", "Norway", "Greece"]
_SUPPLIERS = ["South Korea", "France", "the United States", "Russia", "Germany", "Israel"]
_COMPANIES = ["Hanwha Aerospace", "Lockheed Martin", "Dassault Aviation", "Rheinmetall"]
_SYSTEMS = ["K2 tanks", "F-16 fighter jets", "Rafale jets", "K9 howitzers", "Leopard 2 tanks"]
_TEMPLATES = [
    "{buyer} will buy {n} {system} from {supplier}, officials said on {day}.",
    "{company} has signed a ${v}-billion deal with {buyer} to supply {n} {system}.",
    "The State Department approved the possible sale of {n} {system} to {buyer}.",
    "{supplier} delivered the first {n} {system} to {buyer} last month.",
    "{buyer}'s purchase of {system} was cancelled after talks with {supplier} stalled.",
    "Troops from {buyer} and {supplier} held joint exercises near the border on {day}.",
    "The defence ministry of {buyer} raised its budget by {n} percent this year.",
    "Analysts said the regional security situation remained tense, with no change expected.",
    "The deal, worth about ${v} billion, includes training and spare parts.",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def generate(size: int, seed: int = 7) -> list[str]:
    """Return articles of about 4 kB each, *size* bytes in all."""
    rng = random.Random(seed)
    articles: list[str] = []
    total = 0
    while total < size:
        lines = []
        for _ in range(rng.randint(20, 40)):
            lines.append(
                rng.choice(_TEMPLATES).format(
                    buyer=rng.choice(_BUYERS),
                    supplier=rng.choice(_SUPPLIERS),
                    company=rng.choice(_COMPANIES),
                    system=rng.choice(_SYSTEMS),
                    n=rng.randint(2, 250),
                    v=f"{rng.randint(1, 9)}.{rng.randint(1, 9)}",
                    day=rng.choice(_DAYS),
                )
            )
        article = "Arms news\n" + " ".join(lines) + "\n"
        articles.append(article)
        total += len(article.encode("utf-8"))
    return articles


def _max_rss_mb() -> float:
    """The process's peak resident memory, in MB (Linux reports kB, macOS bytes)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1_000_000 if sys.platform == "darwin" else 1_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=10.0, help="megabytes of text per pass")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes")
    args = parser.parse_args()
    articles = generate(int(args.mb * 1_000_000))
    size_mb = sum(len(a.encode("utf-8")) for a in articles) / 1_000_000

    tracemalloc.start()
    catalogue = default_catalogue()
    gazetteer_for(catalogue)
    deals = sum(len(extract(a, catalogue=catalogue)) for a in articles[:200])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    rates = []  # per core: CPU time of this process, so a busy machine does not skew it
    walls = []
    for _ in range(args.repeat):
        start, wall = time.process_time(), time.perf_counter()
        for article in articles:
            extract(article, catalogue=catalogue)
        rates.append(size_mb / (time.process_time() - start))
        walls.append(size_mb / (time.perf_counter() - wall))
    print(f"text            {size_mb:.1f} MB in {len(articles)} articles")
    print(f"deals (200 art) {deals}")
    print(
        f"throughput      median {statistics.median(rates):.2f} MB/s of CPU time, "
        f"min {min(rates):.2f}, max {max(rates):.2f} over {args.repeat} passes "
        f"(wall clock median {statistics.median(walls):.2f} MB/s)"
    )
    print(f"peak memory     {peak / 1_000_000:.1f} MB traced (catalogue, matcher, 200 articles)")
    print(f"max RSS         {_max_rss_mb():.0f} MB (whole process, interpreter included)")


if __name__ == "__main__":
    main()
