"""A synthetic district loaded community by community, and what the analyses cost as it grows.

python -m bench.district_bench [--streets 10] [--communities 30] [--at 1 10 100 300]
                               [--heap 8g] [--pagecache 4g]

The district is :func:`seeds.demo.street.district`: ``streets`` streets of ``communities``
estates each (600 to 2,000 households, about 3,700 residents on average, so 300 communities are
about 1.1 million residents). Each community is loaded as a clerk would (``load_roster``, its own
transaction); the first community is first loaded alone into an empty graph, for the ratio.
A second Neo4j holds one community at a time ("alone"). After ``--at`` communities, the bench
measures, interleaved between the two servers where there is a ratio (medians):

* the load of the last community against the same roster loaded alone into an empty graph;
* ``coverageGaps`` of the first community, against the first community alone;
* ``coverageGaps`` of the first street, once it is loaded (median of 3, nothing kept), and of
  the whole district: once as the service first answers it (its communities' reports made and
  kept), then "again" as the service answers it on an unchanged graph (median of 5);
* ``supportNetwork`` of one elder of the first community, against it alone;
* the district Neo4j's heap in use and resident memory, and this process's peak memory.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import resource
import statistics
import subprocess
import time
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from neo4j import AsyncDriver

from bench.server import bench_neo4j, machine, wipe
from graph.analysis.rules import Rules
from graph.coverage.fact_cache import facts, reaches
from graph.coverage.gaps import coverage_gaps
from graph.coverage.report_cache import ReportCache, data_version
from graph.coverage.support import support_network
from graph.identity import ref
from graph.store.connection import Neo4jTarget
from seeds.demo.street import district_street
from seeds.load import load_roster
from seeds.rows import Roster

TODAY = date(2026, 11, 1)
RULES = Rules()


Call = Callable[[AsyncDriver], Awaitable[Any]]


def _median_seconds(target: Neo4jTarget, run: Call, times: int, warm: int = 1) -> float:
    """The median of ``times`` calls after ``warm`` untimed ones, on one driver (a service
    keeps its connections: a driver per call would time the handshake)."""

    async def go() -> list[float]:
        async with target.async_driver() as driver:
            for _ in range(warm):
                await run(driver)
            spent = []
            for _ in range(times):
                t0 = time.perf_counter()
                await run(driver)
                spent.append(time.perf_counter() - t0)
            return spent

    return statistics.median(asyncio.run(go()))


def _gaps(target: Neo4jTarget, scope: str | None, kept: ReportCache | None = None) -> Call:
    """``coverageGaps`` of ``scope``; with ``kept``, as the service asks it (reports kept per
    data version: after the first, an unchanged graph is answered from memory)."""

    async def run(driver: AsyncDriver) -> Any:
        version = await data_version(driver, database=target.database)
        return await coverage_gaps(
            driver, database=target.database, scope=scope, as_of=TODAY, rules=RULES,
            kept=kept, version=version,
        )  # fmt: skip

    return run


def _network(target: Neo4jTarget, resident: str) -> Call:
    async def run(driver: AsyncDriver) -> Any:
        facts.clear()  # made afresh: the corridor's structure read, as after any write but a visit
        reaches.clear()
        return await support_network(
            driver, database=target.database, resident_id=resident, as_of=TODAY, rules=RULES
        )

    return run


def _neo4j_memory(heap: str) -> str:
    """Heap in use (jcmd GC.heap_info) and resident memory of the Neo4j started with ``heap``."""
    found = subprocess.run(
        ["pgrep", "-f", "--", f"-Xmx{heap} .*org.neo4j.server.CommunityEntryPoint"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    if not found:
        return "?"
    pid = found[-1]
    rss = "?"
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    rss = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    heap = "?"
    out = subprocess.run(
        ["jcmd", pid, "GC.heap_info"], capture_output=True, text=True, check=False
    ).stdout
    for line in out.splitlines():
        if "used" in line and "total" in line:
            used = line.split("used", 1)[1].split("K")[0].strip()
            heap = f"{int(used) / 1024 / 1024:.1f} GB"
            break
    return f"heap {heap}, RSS {rss}"


def _peak_rss() -> str:
    return f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024:.1f} GB"


def _elder(roster: Roster) -> str:
    helped = {h.resident_id for h in roster.helpers if h.until is None}
    old = sorted(
        r.resident_id
        for r in roster.residents
        if TODAY.year - r.birth_year >= 75 and r.resident_id in helped
    )
    return ref(roster.community, old[0])


def _interleaved(
    a: Neo4jTarget, b: Neo4jTarget, run_a: Call, run_b: Call, times: int
) -> tuple[float, float]:
    """Medians of ``times`` rounds, each one call on ``a`` then one on ``b`` (after a warm-up
    of each), so that both see the same machine."""

    async def go() -> tuple[list[float], list[float]]:
        async with a.async_driver() as da, b.async_driver() as db:
            await run_a(da)
            await run_b(db)
            spent_a, spent_b = [], []
            for _ in range(times):
                t0 = time.perf_counter()
                await run_a(da)
                spent_a.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                await run_b(db)
                spent_b.append(time.perf_counter() - t0)
            return spent_a, spent_b

    spent_a, spent_b = asyncio.run(go())
    return statistics.median(spent_a), statistics.median(spent_b)


def _load_seconds(target: Neo4jTarget, roster: Roster) -> float:
    t0 = time.perf_counter()
    load_roster(target, roster, today=TODAY, progress=lambda n: None)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--streets", type=int, default=10)
    parser.add_argument("--communities", type=int, default=30, help="per street")
    parser.add_argument("--at", type=int, nargs="+", default=[1, 10, 100, 300])
    parser.add_argument("--heap", default="8g")
    parser.add_argument("--pagecache", default="4g")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    total = args.streets * args.communities
    checkpoints = sorted({n for n in args.at if n <= total} | {total})
    print(f"machine: {machine()}")
    print(f"district server: Neo4j heap {args.heap}, page cache {args.pagecache}; "
          "alone server (one community at a time): heap 1g, page cache 512m")  # fmt: skip
    print(f"district: {args.streets} streets x {args.communities} communities (seed {args.seed})")

    with (
        bench_neo4j(heap=args.heap, pagecache=args.pagecache) as whole,
        bench_neo4j(heap="1g", pagecache="512m") as alone,
    ):
        first_street = district_street(0, communities=args.communities, seed=args.seed, today=TODAY)
        first = first_street[0]
        elder = _elder(first)
        for target in (whole, alone):  # warm-up: query plans, JIT
            _load_seconds(target, first)
            wipe(target)
        _load_seconds(alone, first)
        print(f"first community {first.community}: {len(first.residents)} residents; "
              f"elder of its support network {elder}")  # fmt: skip
        print(
            f"{'communities':>11} {'residents':>9} {'load x alone':>12} {'gaps 1 comm':>11} "
            f"{'x alone':>7} {'gaps street':>11} {'gaps district':>13} {'again':>9} "
            f"{'network':>8} "
            f"{'x alone':>7}  memory"
        )
        loaded, residents, started = 0, 0, time.perf_counter()
        street_code = first.where.street
        for m in range(args.streets):
            rosters = (
                first_street
                if m == 0
                else district_street(m, communities=args.communities, seed=args.seed, today=TODAY)
            )
            for roster in rosters:
                spent = _load_seconds(whole, roster)
                loaded += 1
                residents += len(roster.residents)
                if loaded not in checkpoints:
                    continue
                # The same roster loaded alone into an empty graph, then the first back.
                wipe(alone)
                by_itself = _load_seconds(alone, roster)
                wipe(alone)
                _load_seconds(alone, first)
                gaps, gaps_alone = _interleaved(
                    whole, alone, _gaps(whole, first.community), _gaps(alone, first.community), 5
                )
                net, net_alone = _interleaved(
                    whole, alone, _network(whole, elder), _network(alone, elder), 10
                )
                street = (
                    f"{_median_seconds(whole, _gaps(whole, street_code), 3):>10.2f}s"
                    if loaded >= args.communities
                    else f"{'-':>11}"
                )
                kept = ReportCache()
                everything = _median_seconds(whole, _gaps(whole, None, kept), 1, warm=0)
                again = _median_seconds(whole, _gaps(whole, None, kept), 5, warm=0)
                print(
                    f"{loaded:>11} {residents:>9} {spent / by_itself:>12.2f} "
                    f"{gaps * 1000:>9.0f}ms {gaps / gaps_alone:>7.2f} {street} "
                    f"{everything:>12.2f}s {again * 1000:>7.1f}ms "
                    f"{net * 1000:>6.1f}ms {net / net_alone:>7.2f}  "
                    f"Neo4j {_neo4j_memory(args.heap)}; bench {_peak_rss()}",
                    flush=True,
                )
            del rosters
            gc.collect()
        print(f"loaded {loaded} communities ({residents} residents) in "
              f"{(time.perf_counter() - started) / 60:.1f} min")  # fmt: skip


if __name__ == "__main__":
    main()
