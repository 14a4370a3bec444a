"""A synthetic district loaded community by community, and what the analyses cost as it grows.

python -m bench.district_bench [--streets 10] [--communities 30] [--at 1 10 100 300]
                               [--heap 8g] [--pagecache 4g]

The district is :func:`seeds.demo.street.district`: ``streets`` streets of ``communities``
estates each (600 to 2,000 households, about 3,700 residents on average, so 300 communities are
about 1.1 million residents). Each community is loaded as a clerk would (``load_roster``, its own
transaction); the first community is first loaded alone into an empty graph, for the ratio.
After ``--at`` communities, the bench measures, interleaved and repeated (medians):

* ``coverageGaps`` of the first community (against the same community alone: the ratio);
* ``coverageGaps`` of the first street, once it is loaded;
* ``coverageGaps`` of the whole district (once, at each size);
* ``supportNetwork`` of one elder of the first community;
* Neo4j's heap in use and resident memory, and this process's peak memory.
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

from bench.server import bench_neo4j, machine, wipe
from graph.analysis.rules import Rules
from graph.coverage.gaps import coverage_gaps
from graph.coverage.support import support_network
from graph.identity import ref
from graph.store.connection import Neo4jTarget
from seeds.demo.street import district_street
from seeds.load import load_roster
from seeds.rows import Roster

TODAY = date(2026, 11, 1)
RULES = Rules()


def _median_seconds(run: Callable[[], Awaitable[Any]], times: int) -> float:
    async def go() -> list[float]:
        spent = []
        for _ in range(times):
            t0 = time.perf_counter()
            await run()
            spent.append(time.perf_counter() - t0)
        return spent

    return statistics.median(asyncio.run(go()))


def _gaps(target: Neo4jTarget, scope: str | None) -> Callable[[], Awaitable[Any]]:
    async def run() -> Any:
        async with target.async_driver() as driver:
            return await coverage_gaps(
                driver, database=target.database, scope=scope, as_of=TODAY, rules=RULES
            )

    return run


def _network(target: Neo4jTarget, resident: str) -> Callable[[], Awaitable[Any]]:
    async def run() -> Any:
        async with target.async_driver() as driver:
            return await support_network(
                driver, database=target.database, resident_id=resident, as_of=TODAY, rules=RULES
            )

    return run


def _neo4j_memory(target: Neo4jTarget) -> str:
    """Heap in use (jcmd GC.heap_info) and resident memory of the Neo4j process."""
    found = subprocess.run(
        ["pgrep", "-f", "org.neo4j.server.CommunityEntryPoint"],
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
    print(f"machine: {machine()}; Neo4j heap {args.heap}, page cache {args.pagecache}")
    print(f"district: {args.streets} streets x {args.communities} communities (seed {args.seed})")

    with bench_neo4j(heap=args.heap, pagecache=args.pagecache) as target:
        first_street = district_street(0, communities=args.communities, seed=args.seed, today=TODAY)
        first = first_street[0]
        # Warm-up (query plans, JIT), then the first community alone in an empty graph.
        load_roster(target, first, today=TODAY)
        wipe(target)
        t0 = time.perf_counter()
        load_roster(target, first, today=TODAY, progress=lambda n: None)
        alone_load = time.perf_counter() - t0
        alone_per_k = 1000 * alone_load / max(len(first.residents), 1)
        alone_gaps = _median_seconds(_gaps(target, first.community), 3)
        elder = _elder(first)
        alone_net = _median_seconds(_network(target, elder), 10)
        print(
            f"alone: {first.community} {len(first.residents)} residents, load {alone_load:.2f} s "
            f"({alone_per_k:.2f} ms/resident), coverageGaps {alone_gaps * 1000:.0f} ms, "
            f"supportNetwork {alone_net * 1000:.1f} ms"
        )
        wipe(target)

        header = (
            f"{'communities':>11} {'residents':>9} {'load ms/res':>11} {'x alone':>7} "
            f"{'gaps 1 comm':>11} {'x alone':>7} {'gaps street':>11} {'gaps district':>13} "
            f"{'network':>8}  memory"
        )
        print(header, flush=True)
        loaded, residents, per_k, started = 0, 0, [], time.perf_counter()
        street_code = first.where.street
        for m in range(args.streets):
            rosters = (
                first_street
                if m == 0
                else district_street(m, communities=args.communities, seed=args.seed, today=TODAY)
            )
            for roster in rosters:
                t0 = time.perf_counter()
                load_roster(target, roster, today=TODAY, progress=lambda n: None)
                per_k.append(1000 * (time.perf_counter() - t0) / max(len(roster.residents), 1))
                loaded += 1
                residents += len(roster.residents)
                if loaded not in checkpoints:
                    continue
                recent = statistics.median(per_k[-min(len(per_k), 10) :])
                gaps = _median_seconds(_gaps(target, first.community), 3)
                street = (
                    f"{_median_seconds(_gaps(target, street_code), 1):>10.2f}s"
                    if loaded >= args.communities
                    else f"{'-':>11}"
                )
                whole = _median_seconds(_gaps(target, None), 1)
                net = _median_seconds(_network(target, elder), 10)
                print(
                    f"{loaded:>11} {residents:>9} {recent:>11.2f} {recent / alone_per_k:>7.2f} "
                    f"{gaps * 1000:>9.0f}ms {gaps / alone_gaps:>7.2f} {street} {whole:>12.2f}s "
                    f"{net * 1000:>6.1f}ms  Neo4j {_neo4j_memory(target)}; bench {_peak_rss()}",
                    flush=True,
                )
            del rosters
            gc.collect()
        print(f"loaded {loaded} communities ({residents} residents) in "
              f"{(time.perf_counter() - started) / 60:.1f} min")  # fmt: skip


if __name__ == "__main__":
    main()
