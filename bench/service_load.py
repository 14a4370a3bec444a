"""The service under load: N clients for T seconds against ``louzhi serve`` on loopback.

python -m bench.service_load [--clients 16] [--seconds 30] [--workers 1] [--warmup 20]

The real service in its own process (``--workers`` uvicorn workers, one by default), the
demo community in a disposable Neo4j. Each client loops over the requests of a planner's page
(the coverage figures and gap lists of the planner's area, a support network, a page of
residents) and, one request in ten, a committee's mutation (a visit recorded), as the clients
of a street office would. Prints throughput, p50/p95/p99 latency and errors (any non-200
answer, or a GraphQL error other than a masked field). Bounded by --seconds; stops by itself.

Before the timed run the same clients run the same mix for --warmup seconds: a Neo4j just
started spends most of its first minute compiling (its JIT compiler took 40 s of CPU in the
first 30 s of load, and a bare ``RETURN 1`` cost it 1.6 ms of CPU cold against 0.75 ms warm), and
a service is measured as it runs for days, not as it starts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path
from typing import Any

from bench.server import bench_neo4j, bench_token, machine
from graph.store.connection import Neo4jTarget
from seeds.demo import generate
from seeds.load import load_roster
from seeds.rows import Roster
from tests.web.service import running_service

TODAY = date(2026, 11, 1)
KEY = "service-load-benchmark-key-0123456789abcdef"
AREA = "QS-P1"

GAPS = """query($d: Date) { coverageGaps(scope: "QS-P1", asOf: $d) {
  summary { code eldersSupported { actual expected } }
  underSupported(first: 100) {
    totalCount nodes { residentId name ageBand reasons { code } } } } }"""
NETWORK = """query($id: ID!, $d: Date) { supportNetwork(residentId: $id, asOf: $d) {
  size kindDiversity independentPathsToCommittee
  resident { helpers { personId name kinds paths { via explanation } } } } }"""
RESIDENTS = """query($after: String) {
  residents(filter: {area: "QS-P1"}, first: 50, after: $after) {
    totalCount nodes { id name ageBand corridor { code } } } }"""
VISIT = """mutation($i: RecordVisitInput!) { recordVisit(input: $i) { errors { code } } }"""


# The requests of the mix by kind (each kind one query text).
KINDS = {
    GAPS: "coverageGaps",
    NETWORK: "supportNetwork",
    RESIDENTS: "residents",
    VISIT: "recordVisit",
}


def prepare(target: Neo4jTarget) -> tuple[Roster, dict[str, str]]:
    roster = generate(seed=1, today=TODAY)
    load_roster(target, roster, today=TODAY)
    key = KEY.encode()
    planner = bench_token(target, "load-planner", key, role="planner", scope=AREA)
    committee = bench_token(target, "load-committee", key, role="committee", scope=roster.community)
    return roster, {"planner": planner, "committee": committee}


def requests(roster: Roster, tokens: dict[str, str]) -> list[tuple[str, dict[str, Any], str]]:
    """One round of a client: (query, variables, token)."""
    area_of = {g.corridor: g.area for g in roster.grid}
    elders = [
        r.resident_id
        for r in roster.residents
        if area_of[r.corridor] == AREA and TODAY.year - r.birth_year >= 75
    ][:5]
    visit = roster.visits[0]
    day = TODAY.isoformat()
    mix: list[tuple[str, dict[str, Any], str]] = [(GAPS, {"d": day}, tokens["planner"])]
    mix += [(NETWORK, {"id": e, "d": day}, tokens["planner"]) for e in elders]
    mix += [(RESIDENTS, {"after": None}, tokens["planner"])] * 3
    visit_input = {
        "visitorId": visit.visitor_id,
        "residentId": visit.resident_id,
        "on": day,
        "mode": "PHONE",
        "note": "负载测试",
    }
    mix.append((VISIT, {"i": visit_input}, tokens["committee"]))
    return mix  # 10 requests, one of them a mutation


def post(base: str, query: str, variables: dict[str, Any], bearer: str) -> bool:
    body = json.dumps({"query": query, "variables": variables}).encode()
    request = urllib.request.Request(
        base + "/graphql",
        data=body,
        headers={"content-type": "application/json", "authorization": f"Bearer {bearer}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            answer = json.loads(response.read())
    except (urllib.error.URLError, TimeoutError, ValueError):
        return False
    errors = [e for e in answer.get("errors", []) if e["extensions"]["code"] != "FORBIDDEN"]
    return not errors


def run(base: str, mix: list[tuple[str, dict[str, Any], str]], clients: int, seconds: float
        ) -> tuple[list[tuple[str, float]], int, float]:  # fmt: skip
    latencies: list[tuple[str, float]] = []  # (query, seconds)
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(offset: int) -> None:
        nonlocal errors
        i = offset
        while time.monotonic() < deadline:
            query, variables, bearer = mix[i % len(mix)]
            started = time.monotonic()
            ok = post(base, query, variables, bearer)
            took = time.monotonic() - started
            with lock:
                latencies.append((query, took))
                errors += not ok
            i += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)
    return latencies, errors, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--warmup", type=float, default=20.0, help="seconds of load not timed")
    args = parser.parse_args()
    print(f"machine: {machine()}; {date.today()}")
    with bench_neo4j(heap="1g", pagecache="512m") as target:
        roster, tokens = prepare(target)
        mix = requests(roster, tokens)
        with tempfile.TemporaryDirectory() as folder:
            log = Path(folder) / "serve.log"
            workers = ("--workers", str(args.workers)) if args.workers > 1 else ()
            with running_service(target, key=KEY, log=log, args=workers) as service:
                if args.warmup > 0:
                    run(service.base, mix, args.clients, args.warmup)
                latencies, errors, elapsed = run(service.base, mix, args.clients, args.seconds)
    ms = sorted(x * 1000 for _, x in latencies)
    q = statistics.quantiles(ms, n=100) if len(ms) > 1 else ms * 99
    print(
        f"{args.clients} clients, {args.workers} worker(s), {elapsed:.0f} s after "
        f"{args.warmup:.0f} s of warm-up: {len(ms)} requests, {len(ms) / elapsed:.1f} req/s, "
        f"p50 {q[49]:.0f} ms, p95 {q[94]:.0f} ms, p99 {q[98]:.0f} ms, errors {errors}"
    )
    for query, kind in KINDS.items():
        taken = [x * 1000 for q, x in latencies if q == query]
        if taken:
            print(f"  {kind}: {len(taken)} requests, p50 {statistics.median(taken):.0f} ms")


if __name__ == "__main__":
    main()
