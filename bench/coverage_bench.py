"""How long coverageGaps takes, from the demo community to a street of 100,000 residents.

python -m bench.coverage_bench [--households 1302 5000 35000] [--runs 50] [--warmup 5]

For each size the synthetic community (``seeds.demo.generate(seed=1, households=N)``, the
roster ``louzhi demo --households N`` writes) is loaded into a disposable Neo4j (3 GB heap, as a
100k-resident roster is loaded in one transaction), and a planner's dashboard request is timed:

* **GraphQL**: ``coverageGaps`` through the real Starlette app in-process (httpx2's ASGI
  transport, no sockets): the figures of the scope and the first page of every list;
* **Cypher**: the bare reads of that request, ``graph.coverage.scope_fetch.fetch_scope`` (one
  read transaction, then the visits) with the app's own async driver (records fetched and
  decoded into facts);
* **analysis**: ``graph.analysis.report.analyse`` on those facts (helpers, reasons, loads, single
  points of failure, roll-up), in-process;
* **again**: the GraphQL request once more at once: the report kept for the data version
  (graph/coverage/report_cache.py), which the timed GraphQL run clears first;
* **after a visit**: the report gone but the scope's structure kept (graph/coverage/fact_cache.py),
  as after a recorded visit: the visits read and the analysis made again.

Each is run for the whole community (no scope) and for its first micro-grid (a scoped call:
what a grid worker asks). GraphQL and Cypher runs are interleaved so drift hits both alike.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx2
from starlette.applications import Starlette

from bench.server import bench_neo4j, machine, signed_app, wipe
from graph.analysis.report import analyse
from graph.analysis.rules import Rules
from graph.coverage.fact_cache import facts
from graph.coverage.report_cache import reports
from graph.coverage.scope_fetch import fetch_scope
from graph.store.connection import Neo4jTarget
from seeds.demo import generate
from seeds.load import load_roster
from server.settings import Settings

TODAY = date(2026, 11, 1)
BUDGET_S = 40.0  # per size and scope: fewer runs for the street, never fewer than 5

DASHBOARD = """query Dashboard($scope: ID, $asOf: Date) {
  coverageGaps(scope: $scope, asOf: $asOf) {
    summary {
      corridorsWithBothChiefs { actual expected } blocksWithPartyMember { actual expected }
      microGridsWithGridWorker { actual expected } eldersSupported { actual expected }
      eldersWithRecentContact { actual expected } overloadedHelpers singlePointsOfFailure
    }
    areas(level: MICRO_GRID, first: 20) {
      totalCount nodes { code eldersSupported { actual expected } }
    }
    areaGaps(first: 20) { totalCount nodes { code rule detail } }
    underSupported(first: 20) {
      totalCount nodes { residentId name reasons { code detail } helpers { personId kinds } }
    }
    overloadedHelpers(first: 20) { totalCount nodes { personId load capacity detail } }
    singlePointsOfFailure(first: 20) { totalCount nodes { personId elderIds detail } }
  }
}"""


@dataclass(frozen=True)
class Row:
    households: int
    residents: int
    elders: int  # vulnerable elders of the scope
    scope: str
    runs: int
    graphql_ms: float
    graphql_min_ms: float
    graphql_p95_ms: float
    cypher_ms: float
    analysis_ms: float
    again_ms: float  # the same request at once again: the report kept for the data version
    visit_ms: float  # the report made again from the kept structure and the visits read afresh

    @property
    def ratio(self) -> float:
        return self.graphql_ms / self.cypher_ms


def p95(ms: list[float]) -> float:
    ordered = sorted(ms)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


async def timed(work: Callable[[], Awaitable[Any]]) -> float:
    start = time.perf_counter()
    await work()
    return 1000 * (time.perf_counter() - start)


async def measure(
    app: Starlette,
    target: Neo4jTarget,
    scope: str | None,
    *,
    graph_scope: str | None,
    runs: int,
    warmup: int,
    headers: dict[str, str],
) -> tuple[int, list[float], list[float], list[float], list[float], list[float]]:
    rules = Rules()
    async with app.router.lifespan_context(app):
        driver = app.state.driver
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(
            transport=transport, base_url="http://bench", headers=headers
        ) as client:

            async def via_graphql() -> None:
                variables = {"scope": scope, "asOf": TODAY.isoformat()}
                response = await client.post(
                    "/graphql", json={"query": DASHBOARD, "variables": variables}
                )
                body = response.json()
                assert response.status_code == 200 and "errors" not in body, body

            async def via_cypher() -> Any:
                # The graph layer reads references (QS/QS-MG1), the API local codes.
                return await fetch_scope(
                    driver, database=target.database, scope=graph_scope, as_of=TODAY, rules=rules
                )

            data = await via_cypher()
            elders = len(analyse(data, rules=rules).elders)
            first = await timed(via_graphql)
            runs = max(5, min(runs, int(BUDGET_S * 1000 / max(first, 1.0) / 2)))
            g_ms: list[float] = []
            c_ms: list[float] = []
            a_ms: list[float] = []
            again_ms: list[float] = []
            visit_ms: list[float] = []
            for i in range(warmup + runs):
                facts.clear()  # made afresh, as after any write; then kept, as until the next
                reports.clear()
                g = await timed(via_graphql)
                again = await timed(via_graphql)
                reports.clear()  # as after a visit: the structure is still kept
                visit = await timed(via_graphql)
                c = await timed(via_cypher)
                fresh = dataclasses.replace(data)  # the same facts, nothing of earlier analyses
                start = time.perf_counter()
                analyse(fresh, rules=rules)
                a = 1000 * (time.perf_counter() - start)
                if i >= warmup:
                    g_ms.append(g)
                    c_ms.append(c)
                    a_ms.append(a)
                    again_ms.append(again)
                    visit_ms.append(visit)
    return elders, g_ms, c_ms, a_ms, again_ms, visit_ms


def run_size(target: Neo4jTarget, households: int, runs: int, warmup: int) -> list[Row]:
    roster = generate(seed=1, households=households, today=TODAY)
    wipe(target)
    started = time.perf_counter()
    load_roster(target, roster, today=TODAY, progress=lambda n: None)
    print(f"  loaded {households} households, {len(roster.residents)} residents "
          f"in {time.perf_counter() - started:.0f} s", flush=True)  # fmt: skip
    micro_grid = sorted({g.micro_grid for g in roster.grid})[0]
    rows = []
    for scope in (None, micro_grid):
        graph_scope = scope and f"{roster.community}/{scope}"
        app, headers = signed_app(target, Settings())
        work = measure(
            app, target, scope, graph_scope=graph_scope, runs=runs, warmup=warmup, headers=headers
        )
        elders, g, c, a, again, visit = asyncio.run(work)
        row = Row(
            households, len(roster.residents), elders, scope or "whole community", len(g),
            statistics.median(g), min(g), p95(g), statistics.median(c), statistics.median(a),
            statistics.median(again), statistics.median(visit),
        )  # fmt: skip
        print(f"  {row.scope}: GraphQL {row.graphql_ms:.1f} ms (min {row.graphql_min_ms:.1f}, "
              f"p95 {row.graphql_p95_ms:.1f}), "
              f"Cypher {row.cypher_ms:.1f} ms, analysis {row.analysis_ms:.1f} ms, "
              f"ratio {row.ratio:.2f}x, again {row.again_ms:.1f} ms, "
              f"after a visit {row.visit_ms:.1f} ms, over {row.runs} runs",
              flush=True)  # fmt: skip
        rows.append(row)
    return rows


def report(rows: list[Row]) -> str:
    lines = [
        "| households | residents | scope | vulnerable elders | runs | GraphQL median "
        "| GraphQL min | GraphQL p95 | Cypher median | analysis median | GraphQL / Cypher "
        "| again (kept) | after a visit |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.households:,} | {r.residents:,} | {r.scope} | {r.elders:,} | {r.runs} "
            f"| {r.graphql_ms:.1f} ms | {r.graphql_min_ms:.1f} ms | {r.graphql_p95_ms:.1f} ms "
            f"| {r.cypher_ms:.1f} ms "
            f"| {r.analysis_ms:.1f} ms | {r.ratio:.2f}× | {r.again_ms:.1f} ms "
            f"| {r.visit_ms:.1f} ms |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, nargs="+", default=[1302, 5000, 35000])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {machine()}", flush=True)
    rows: list[Row] = []
    with bench_neo4j(heap="3g") as target:
        for households in args.households:
            rows += run_size(target, households, args.runs, args.warmup)
    print()
    print(report(rows))


if __name__ == "__main__":
    main()
