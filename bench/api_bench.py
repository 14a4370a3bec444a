"""What GraphQL costs over the raw Cypher it runs, on the demo community.

python -m bench.api_bench [--runs 200] [--warmup 20]

Two requests: a list query (elders of a micro-grid, one page) and a deep one (a block, its
corridors, their role holders and those people's roles, plus the block's residents, their
households and members). Each goes (a) through GraphQL: the real Starlette app in-process, over
httpx2's ASGI transport in this event loop (routing, JSON, strawberry, resolvers, DataLoaders,
no sockets), and (b) as the Cypher statements that very request ran, captured by wrapping
GraphSession.read once and replayed one after another, in the same order, with the app's own
async driver. The ratio is what the API layer adds on top of the database work.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx2
from neo4j import READ_ACCESS, AsyncDriver
from starlette.applications import Starlette

from bench.server import bench_neo4j, machine, signed_app
from graph.access.session import GraphSession
from graph.store.connection import Neo4jTarget
from seeds.demo import generate
from seeds.load import load_roster
from seeds.rows import Roster
from server.settings import Settings

TODAY = date(2026, 11, 1)

LIST_QUERY = """query Elders($area: ID!) {
  residents(filter: {area: $area, minAge: 60}, first: 50) {
    totalCount nodes { id name age corridor { code } }
  }
}"""

DEEP_QUERY = """query Block($block: ID!) {
  area(code: $block) {
    code
    children {
      code kind
      roleHolders { role since person { id name roles { role since area { code } } } }
    }
  }
  residents(filter: {area: $block}, first: 100) {
    totalCount
    nodes { id name household { id members { id name age } } }
  }
}"""

Statement = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class Case:
    name: str
    query: str
    variables: dict[str, Any]


@dataclass(frozen=True)
class Figures:
    median_ms: float
    p95_ms: float


@dataclass(frozen=True)
class Result:
    case: Case
    readers: list[str]  # one per Cypher statement of the request
    graphql: Figures
    cypher: Figures


def figures(samples_ns: list[int]) -> Figures:
    ms = sorted(s / 1e6 for s in samples_ns)
    # Nearest-rank p95: with 200 runs, the 190th fastest.
    p95 = ms[max(0, round(0.95 * len(ms)) - 1)]
    return Figures(median_ms=statistics.median(ms), p95_ms=p95)


async def timed(work: Awaitable[None]) -> int:
    """Nanoseconds to await ``work`` (a coroutine does nothing until awaited)."""
    start = time.perf_counter_ns()
    await work
    return time.perf_counter_ns() - start


async def capture(client: httpx2.AsyncClient, case: Case) -> tuple[list[Statement], list[str]]:
    """The Cypher statements (with parameters) one GraphQL request runs, in order, and for the
    report which graph reader ran each and with how many keys."""
    found: list[Statement] = []
    readers: list[str] = []
    original = GraphSession.read

    async def recording(self: GraphSession, query: str, **params: Any) -> list[dict[str, Any]]:
        found.append((query, {**params, **self.reach.params()}))  # as GraphSession sends it
        keys = params.get("keys")
        reader = sys._getframe(1).f_code.co_name  # the graph/ function that built the query
        readers.append(reader if keys is None else f"{reader}({len(keys)} keys)")
        return await original(self, query, **params)

    GraphSession.read = recording  # type: ignore[method-assign]
    try:
        await graphql(client, case)
    finally:
        GraphSession.read = original  # type: ignore[method-assign]
    return found, readers


async def graphql(client: httpx2.AsyncClient, case: Case) -> None:
    response = await client.post(
        "/graphql", json={"query": case.query, "variables": case.variables}
    )
    body = response.json()
    # A benchmark of error responses would measure nothing useful.
    assert response.status_code == 200 and "errors" not in body, body


async def cypher(driver: AsyncDriver, database: str, statements: list[Statement]) -> None:
    # As GraphSession.read runs them: one auto-committed read each, every record fetched.
    for query, params in statements:
        async with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
            await (await session.run(query, params)).data()


async def measure(
    app: Starlette,
    target: Neo4jTarget,
    cases: list[Case],
    *,
    runs: int,
    warmup: int,
    headers: dict[str, str],
) -> list[Result]:
    results = []
    # httpx2's ASGI transport does not run the lifespan; the app's driver is opened there.
    async with app.router.lifespan_context(app):
        driver: AsyncDriver = app.state.driver
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(
            transport=transport, base_url="http://bench", headers=headers
        ) as client:
            for case in cases:
                statements, readers = await capture(client, case)
                via_graphql: list[int] = []
                via_cypher: list[int] = []
                for i in range(warmup + runs):
                    # Interleaved, so drift (JIT, page cache, the machine) hits both alike.
                    g = await timed(graphql(client, case))
                    c = await timed(cypher(driver, target.database, statements))
                    if i >= warmup:
                        via_graphql.append(g)
                        via_cypher.append(c)
                results.append(Result(case, readers, figures(via_graphql), figures(via_cypher)))
    return results


def cases_for(roster: Roster) -> list[Case]:
    micro_grid = sorted({g.micro_grid for g in roster.grid})[0]
    block = sorted({g.block for g in roster.grid})[0]
    return [
        Case("list", LIST_QUERY, {"area": micro_grid}),
        Case("deep", DEEP_QUERY, {"block": block}),
    ]


def report(results: list[Result]) -> str:
    lines = [
        "| query | Cypher statements | GraphQL median | GraphQL p95 | Cypher median "
        "| Cypher p95 | ratio median | ratio p95 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        g, c = r.graphql, r.cypher
        lines.append(
            f"| {r.case.name} ({', '.join(f'{k}={v}' for k, v in r.case.variables.items())}) "
            f"| {len(r.readers)} | {g.median_ms:.2f} ms | {g.p95_ms:.2f} ms "
            f"| {c.median_ms:.2f} ms | {c.p95_ms:.2f} ms "
            f"| {g.median_ms / c.median_ms:.2f}× | {g.p95_ms / c.p95_ms:.2f}× |"
        )
    lines.append("")
    lines += [f"{r.case.name}: {', '.join(r.readers)}" for r in results]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with bench_neo4j() as target:
        roster = generate(seed=1, today=TODAY)
        load_roster(target, roster, today=TODAY, progress=lambda n: None)
        print(
            f"demo community (seed 1): {len(roster.residents)} residents; "
            f"{args.runs} runs after {args.warmup} warm-ups, GraphQL and Cypher interleaved"
        )
        app, headers = signed_app(target, Settings(development=False))
        results = asyncio.run(
            measure(
                app, target, cases_for(roster), runs=args.runs, warmup=args.warmup, headers=headers
            )
        )
    print(report(results))


if __name__ == "__main__":
    main()
