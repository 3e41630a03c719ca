"""Benchmark: loading the whole catalogue from seeds/ (goal: well under a second).

    python benchmarks/bench_catalogue.py [--repeat N]

Prints the median and spread of cold loads (each in a fresh loader call, the CSV files
read and every row validated).
"""

from __future__ import annotations

import argparse
import statistics
import time

from armstrack.catalogue import load_catalogue


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        cat = load_catalogue()
        timings.append(time.perf_counter() - started)
    rows = len(cat.states) + len(cat.state_forms) + len(cat.organisations) + len(cat.systems)
    rows += len(cat.classes)
    q = statistics.quantiles(timings, n=4)
    print(
        f"catalogue load: {rows} rows, median {statistics.median(timings) * 1000:.1f} ms, "
        f"IQR {q[0] * 1000:.1f}-{q[2] * 1000:.1f} ms, min {min(timings) * 1000:.1f} ms "
        f"over {args.repeat} loads"
    )


if __name__ == "__main__":
    main()
