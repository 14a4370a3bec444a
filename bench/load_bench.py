"""How long a roster load takes, first load and reload, from one community to a street.

python -m bench.load_bench [--households 1302 5000 35000]
"""

from __future__ import annotations

import argparse
import time
from datetime import date

from bench.server import bench_neo4j, machine, wipe
from seeds.demo import generate
from seeds.load import load_roster

TODAY = date(2026, 11, 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, nargs="+", default=[1302, 5000, 35000])
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(f"{'households':>10} {'residents':>9} {'entities':>8} {'first load':>10} "
          f"{'reload':>7} {'per 1k entities':>15}")  # fmt: skip
    with bench_neo4j() as target:
        # One untimed load first: Neo4j plans each write query once and the JVM warms up; the
        # figures below are then what a clerk's second and later loads cost.
        load_roster(target, generate(seed=2, households=200, today=TODAY), today=TODAY)
        for households in args.households:
            roster = generate(seed=1, households=households, today=TODAY)
            wipe(target)
            t0 = time.perf_counter()
            report = load_roster(target, roster, today=TODAY, progress=lambda n: None)
            first = time.perf_counter() - t0
            t0 = time.perf_counter()
            again = load_roster(target, roster, today=TODAY)
            reload = time.perf_counter() - t0
            assert (again.plan.created, again.plan.changed) == (0, 0)
            n = report.plan.created
            print(f"{households:>10} {len(roster.residents):>9} {n:>8} {first:>9.2f}s "
                  f"{reload:>6.2f}s {1000 * first / n:>13.1f}ms")  # fmt: skip


if __name__ == "__main__":
    main()
