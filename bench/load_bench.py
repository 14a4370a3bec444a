"""How long a roster load takes, first load and reload, from one community to a street.

python -m bench.load_bench [--households 1302 5000 35000] [--rounds 3]

For each size, ``--rounds`` times in turn: the graph emptied, the synthetic roster loaded
(**first load**), then loaded again (**reload**: the diff finds nothing to write), and once more
(**reload again**: Neo4j re-plans a cached statement when the graph's statistics have moved
since it was planned, at most every 10 s (``dbms.cypher.min_replan_interval``), so the first
reload after a community's load may pay that planning, 0.2–0.4 s a statement, and a later one
does not). Medians are printed, with the first load's **writing** share (from the plan made to
the commit done, what issue 16's "a 100k street in ≤ 5 s of writing" counts) and residents per
second.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass, field
from datetime import date

from bench.server import bench_neo4j, machine, wipe
from seeds.demo import generate
from seeds.load import load_roster

TODAY = date(2026, 11, 1)


@dataclass
class Clock:
    """Steps of a load (seeds/load_steps.Steps) with the time each began."""

    began: dict[str, float] = field(default_factory=dict)

    def step(self, name: str, total: int = 0) -> None:
        self.began[name] = time.perf_counter()

    def __call__(self, n: int) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, nargs="+", default=[1302, 5000, 35000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {machine()}; {date.today()}; medians of {args.rounds} rounds")
    print(f"{'households':>10} {'residents':>9} {'entities':>8} {'first load':>10} "
          f"{'writing':>8} {'residents/s':>11} {'reload':>7}  (min–max) {'again':>6}")  # fmt: skip
    with bench_neo4j() as target:
        # One untimed load first: Neo4j plans each write query once and the JVM warms up; the
        # figures below are then what a clerk's second and later loads cost.
        load_roster(target, generate(seed=2, households=200, today=TODAY), today=TODAY)
        for households in args.households:
            roster = generate(seed=1, households=households, today=TODAY)
            firsts: list[float] = []
            writes: list[float] = []
            reloads: list[float] = []
            agains: list[float] = []
            entities = 0
            for _ in range(args.rounds):
                wipe(target)
                clock = Clock()
                t0 = time.perf_counter()
                report = load_roster(target, roster, today=TODAY, steps=clock)
                done = time.perf_counter()
                firsts.append(done - t0)
                writes.append(done - clock.began["writing"])
                entities = report.plan.created
                t0 = time.perf_counter()
                again = load_roster(target, roster, today=TODAY)
                reloads.append(time.perf_counter() - t0)
                assert (again.plan.created, again.plan.changed) == (0, 0)
                t0 = time.perf_counter()
                load_roster(target, roster, today=TODAY)
                agains.append(time.perf_counter() - t0)
            first, write = statistics.median(firsts), statistics.median(writes)
            reload = statistics.median(reloads)
            residents = len(roster.residents)
            print(f"{households:>10} {residents:>9} {entities:>8} {first:>9.2f}s {write:>7.2f}s "
                  f"{residents / first:>11,.0f} {reload:>6.2f}s  "
                  f"({min(reloads):.2f}–{max(reloads):.2f}) "
                  f"{statistics.median(agains):>5.2f}s ({min(agains):.2f}–{max(agains):.2f})",
                  flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
