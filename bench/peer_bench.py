"""Louzhi against the official Neo4j GraphQL library, side by side, on the same Neo4j.

python -m bench.peer_bench [--runs 100] [--warmup 20] [--clients 8] [--seconds 5] [--rounds 3]

One disposable Neo4j holds the demo community. Three services read it, each in one process:
``louzhi serve`` (one worker, access control on: a committee's token, its scope in every
Cypher, the masks, the audit entry of every person read), @neo4j/graphql over node:http with
typeDefs for the same graph (bench/peer/, installed from npm into its own folder; no access
control at all), and the hand-written Cypher of each request through the Python driver. The
three requests of bench/peer_cases.py are first checked to give the same answer three ways.

Latency: one client, the three ways interleaved request by request, medians of ``--runs``.
Throughput: ``--clients`` closed-loop clients (bench/peer/load.mjs, the same for both) for
``--seconds``, Louzhi and the peer taking turns, ``--rounds`` turns each; the median round.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from neo4j import Driver

from bench.peer_cases import Case, cases
from bench.server import bench_neo4j, bench_token, machine
from graph.store.connection import Neo4jTarget
from graph.store.local_server import free_port
from seeds.demo import generate
from seeds.load import load_roster
from seeds.rows import Roster
from tests.web.service import running_service

PEER = Path(__file__).parent / "peer"
KEY = "peer-benchmark-signing-key-0123456789abcdef"
ACCOUNT = "bench-committee"
TODAY = date(2026, 11, 1)  # the demo's roster date; the services read "today" as they run


def install_peer() -> None:
    """``npm ci`` in bench/peer when its packages are missing or older than the lock."""
    stamp = PEER / "node_modules" / ".package-lock.json"
    lock = PEER / "package-lock.json"
    if not stamp.exists() or stamp.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PEER, check=True)


@contextmanager
def peer_service(target: Neo4jTarget, log: Path) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, **target.env()}
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["node", "server.mjs", str(port)], cwd=PEER, env=env, stdout=out, stderr=out
        )
    try:
        deadline = time.monotonic() + 60
        while "listening" not in log.read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the peer did not start: {log.read_text()[-2000:]}")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=15)


class Client:
    """One kept-alive HTTP connection posting GraphQL."""

    def __init__(self, base: str, authorization: str | None = None) -> None:
        host, port = base.removeprefix("http://").split(":")
        self.connection = http.client.HTTPConnection(host, int(port), timeout=60)
        self.headers = {"content-type": "application/json"}
        if authorization:
            self.headers["authorization"] = authorization

    def data(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        # Bytes, so that http.client sends the headers and the body in one packet (two small
        # writes meet Nagle's algorithm and the server's delayed ACK: 40 ms stalls).
        body = json.dumps({"query": query, "variables": variables}).encode()
        try:
            answer, status = self._post(body)
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            self.connection.close()  # the server closed an idle connection: open another
            answer, status = self._post(body)
        if status != 200 or "errors" in answer:
            raise RuntimeError(f"{status}: {str(answer)[:800]}")
        return answer["data"]

    def _post(self, body: bytes) -> tuple[dict[str, Any], int]:
        self.connection.request("POST", "/graphql", body=body, headers=self.headers)
        response = self.connection.getresponse()
        return json.loads(response.read()), response.status


def cypher_record(driver: Driver, target: Neo4jTarget, case: Case) -> dict[str, Any]:
    # An auto-committed read in a session: one round trip, the cheapest way the driver has.
    with driver.session(database=target.database, default_access_mode="READ") as session:
        return dict(session.run(case.cypher, case.cypher_params).single(strict=True))


def check_equal(case: Case, louzhi: Client, peer: Client, driver: Driver, target: Neo4jTarget
                ) -> None:  # fmt: skip
    ours = case.from_louzhi(louzhi.data(case.louzhi, case.louzhi_vars))
    theirs = case.from_peer(peer.data(case.peer, case.peer_vars))
    by_hand = case.from_cypher(cypher_record(driver, target, case))
    if not (ours == theirs == by_hand):
        raise SystemExit(
            f"{case.name}: the answers differ\n louzhi {ours}\n peer   {theirs}\n cypher {by_hand}"
        )


@dataclass(frozen=True)
class Latency:
    louzhi: list[float]
    peer: list[float]
    cypher: list[float]
    usual: list[float]  # Louzhi without its compiled reads (graphql-core executes everything)


def timed_ms(work: Any) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def latencies(case: Case, louzhi: Client, usual: Client, peer: Client, driver: Driver,
              target: Neo4jTarget, *, runs: int, warmup: int) -> Latency:  # fmt: skip
    found = Latency([], [], [], [])
    for i in range(warmup + runs):
        # Interleaved request by request, so that drift (JIT, caches, the machine) hits all alike.
        times = (
            timed_ms(lambda: louzhi.data(case.louzhi, case.louzhi_vars)),
            timed_ms(lambda: peer.data(case.peer, case.peer_vars)),
            timed_ms(lambda: cypher_record(driver, target, case)),
            timed_ms(lambda: usual.data(case.louzhi, case.louzhi_vars)),
        )
        if i >= warmup:
            found.louzhi.append(times[0])
            found.peer.append(times[1])
            found.cypher.append(times[2])
            found.usual.append(times[3])
    return found


@dataclass(frozen=True)
class Load:
    per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def load(base: str, query: str, variables: dict[str, Any], authorization: str | None, *,
         clients: int, seconds: float, folder: Path) -> Load:  # fmt: skip
    body = folder / "body.json"
    body.write_text(json.dumps({"query": query, "variables": variables}))
    command = ["node", "load.mjs", f"{base}/graphql", str(body), str(clients), str(seconds)]
    out = subprocess.run(
        [*command, *([authorization] if authorization else [])],
        cwd=PEER,
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 120,
    ).stdout
    got = json.loads(out.strip().splitlines()[-1])
    return Load(got["requests"] / got["seconds"], got["p50_ms"], got["p99_ms"], got["errors"])


def median_load(loads: list[Load]) -> Load:
    ranked = sorted(loads, key=lambda x: x.per_second)
    middle = ranked[len(ranked) // 2]
    return Load(middle.per_second, middle.p50_ms, middle.p99_ms, sum(x.errors for x in loads))


def cypher_load(target: Neo4jTarget, case: Case, *, clients: int, seconds: float) -> Load:
    """The hand-written Cypher under the same closed loop, from Python's async driver: the ceiling
    of any Python service of this request (no HTTP, no GraphQL, no token, no audit)."""

    async def run() -> list[float]:
        took: list[float] = []
        async with target.async_driver() as driver:
            stop = time.perf_counter() + seconds

            async def client() -> None:
                while (started := time.perf_counter()) < stop:
                    async with driver.session(database=target.database) as session:
                        await (await session.run(case.cypher, case.cypher_params)).single()
                    took.append((time.perf_counter() - started) * 1000)

            await asyncio.gather(*(client() for _ in range(clients)))
        return took

    took = sorted(asyncio.run(run()))
    return Load(len(took) / seconds, took[len(took) // 2], took[int(len(took) * 0.99)], 0)


def turns(case: Case, ours: str, usual: str, peer: str, authorization: str,
          args: argparse.Namespace, folder: Path, target: Neo4jTarget
          ) -> tuple[Load, Load, Load, Load]:  # fmt: skip
    """Louzhi, Louzhi without compiled reads, the peer and the hand-written Cypher under load in
    turns (the order alternates); the median rounds of each."""
    found: dict[str, list[Load]] = {ours: [], usual: [], peer: []}
    by_hand: list[Load] = []
    runs = [
        (ours, case.louzhi, case.louzhi_vars, authorization),
        (peer, case.peer, case.peer_vars, None),
        (usual, case.louzhi, case.louzhi_vars, authorization),
    ]
    for turn in range(args.rounds):
        for base, query, variables, auth in runs[:: 1 if turn % 2 else -1]:
            got = load(base, query, variables, auth, clients=args.clients, seconds=args.seconds,
                       folder=folder)  # fmt: skip
            found[base].append(got)
        by_hand.append(cypher_load(target, case, clients=args.clients, seconds=args.seconds))
    return (
        median_load(found[ours]),
        median_load(found[peer]),
        median_load(by_hand),
        median_load(found[usual]),
    )


def prepare(target: Neo4jTarget) -> tuple[Roster, str]:
    roster = generate(seed=1, today=TODAY)
    load_roster(target, roster, today=TODAY, progress=lambda n: None)
    token = bench_token(target, ACCOUNT, KEY.encode(), role="committee", scope=roster.community)
    return roster, f"Bearer {token}"


def requests_for(roster: Roster) -> list[Case]:
    today = date.today()
    current = [
        h for h in roster.helpers if h.since <= today and (h.until is None or today <= h.until)
    ]
    helped: dict[str, int] = {}
    for h in current:
        helped[h.resident_id] = helped.get(h.resident_id, 0) + 1
    # The resident with the most helpers (ties: the smallest id), as a support page shows.
    resident = min(helped, key=lambda r: (-helped[r], r))
    return cases(
        community=roster.community,
        micro_grid=sorted({g.micro_grid for g in roster.grid})[0],
        block=sorted({g.block for g in roster.grid})[0],
        resident=resident,
        today=today,
    )


def report(rows: list[tuple[Case, Latency, Load, Load, Load, Load]]) -> str:
    med = statistics.median
    lines = [
        "| request | Louzhi median (without compiled reads) | peer median "
        "| Louzhi / peer (goal ≤ 0.5) | hand-written Cypher | Louzhi / Cypher (goal ≤ 2) "
        "| Louzhi req/s (without) | peer req/s | Louzhi / peer (goal ≥ 2) "
        "| Cypher req/s from Python |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    met: list[str] = []
    for case, lat, ours, theirs, by_hand, usual in rows:
        lz, pr, cy, us = med(lat.louzhi), med(lat.peer), med(lat.cypher), med(lat.usual)
        lines.append(
            f"| {case.name} | {lz:.1f} ms ({us:.1f}) | {pr:.1f} ms | {lz / pr:.2f}× "
            f"| {cy:.1f} ms | {lz / cy:.2f}× | {ours.per_second:.0f} ({usual.per_second:.0f}) "
            f"| {theirs.per_second:.0f} | {ours.per_second / theirs.per_second:.2f}× "
            f"| {by_hand.per_second:.0f} |"
        )
        reach = (
            ""
            if by_hand.per_second >= 2 * theirs.per_second
            else (" (out of reach: the Cypher alone, from Python, is under 2× the peer)")
        )
        met += [
            f"{case.name}: latency {'met' if lz <= 0.5 * pr else 'not met'}, "
            f"over Cypher {'met' if lz <= 2 * cy else 'not met'}, "
            f"throughput {'met' if ours.per_second >= 2 * theirs.per_second else 'not met'}"
            f"{reach} (p99 at load: Louzhi {ours.p99_ms:.0f} ms, peer {theirs.p99_ms:.0f} ms; "
            f"errors {ours.errors} / {theirs.errors})"
        ]
    return "\n".join([*lines, "", *met])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    install_peer()
    print(f"machine: {machine()}; {date.today()}", flush=True)
    with bench_neo4j() as target, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        roster, authorization = prepare(target)
        requests = requests_for(roster)
        with (
            running_service(target, key=KEY, log=folder / "louzhi.log") as service,
            running_service(
                target,
                key=KEY,
                log=folder / "usual.log",
                env={"LOUZHI_NO_COMPILED_READS": "1"},
            ) as usual_service,  # fmt: skip
            peer_service(target, folder / "peer.log") as peer_base,
            target.sync_driver() as driver,
        ):
            louzhi, peer = Client(service.base, authorization), Client(peer_base)
            usual = Client(usual_service.base, authorization)
            for case in requests:
                check_equal(case, louzhi, peer, driver, target)
                check_equal(case, usual, peer, driver, target)
            print(
                f"demo community: {len(roster.residents)} residents; the three answers agree; "
                f"latency: {args.runs} runs after {args.warmup}, interleaved; load: "
                f"{args.clients} clients, {args.rounds} rounds of {args.seconds:g} s each",
                flush=True,
            )
            rows = []
            for case in requests:
                lat = latencies(
                    case, louzhi, usual, peer, driver, target, runs=args.runs, warmup=args.warmup
                )
                ours, theirs, by_hand, without = turns(
                    case, service.base, usual_service.base, peer_base, authorization, args,
                    folder, target,
                )  # fmt: skip
                rows.append((case, lat, ours, theirs, by_hand, without))
    print(report(rows))


if __name__ == "__main__":
    sys.exit(main())
