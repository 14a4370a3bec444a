"""No request can stall the others: while abusive requests arrive, `health` keeps answering.

The real service runs in a subprocess (``louzhi serve``, one process, as deployed) on the demo
community. One thread asks ``health`` every 100 ms and records how long each answer took; the
others send what used to freeze the event loop: a chain of fragments each spreading the next
twice, hundreds of copies of one field, a 1 MB table for the XLSX export, and an analysis of
the whole community. Bounded: about half a minute. (``health`` asks Neo4j too, so a Neo4j made
busy by many analyses at once on a 2-core machine would slow it without any stall of the
service: one analysis is what this test sends.)
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.store.connection import Neo4jTarget
from seeds.rows import Roster
from tests.support.gql import ADMIN, KEY, ensure_account, token_for
from tests.web.service import Service, running_service

pytestmark = pytest.mark.neo4j

HEALTH = {"query": "{ health { neo4j { reachable } } }"}
MAX_WAIT = 1.0  # seconds: the promise
ANALYSIS = "{ coverageGaps { summary { code } } }"


def fragment_chain(levels: int) -> str:
    fragments = "".join(
        f"fragment F{i} on Area {{ code ...F{i + 1} ...F{i + 1} }}\n" for i in range(levels)
    )
    return (
        '{ area(code: "QS-P1") { ...F0 } }\n' + fragments + f"fragment F{levels} on Area {{ code }}"
    )


def repeated_field(copies: int) -> str:
    return "{ " + " ".join(f'area(code: "QS-{i}") {{ code }}' for i in range(copies)) + " }"


def big_table() -> dict[str, Any]:
    """Just under the 1 MiB body limit, as many cells as fit: seconds of openpyxl."""
    rows = [list(range(50)) for _ in range(5_000)]
    return {"sheet": "导出", "columns": [f"c{i}" for i in range(50)], "rows": rows}


def post(service: Service, path: str, body: Any, token: str | None) -> tuple[int, bytes]:
    data = json.dumps(body).encode()
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    request = urllib.request.Request(service.base + path, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read()


@pytest.fixture(scope="module")
def service(
    demo_graph: Roster, neo4j_target: Neo4jTarget, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Service]:
    ensure_account(neo4j_target, ADMIN, role="admin")
    log: Path = tmp_path_factory.mktemp("abuse") / "serve.log"
    with running_service(neo4j_target, key=KEY.decode(), log=log) as running:
        yield running


def test_health_answers_within_a_second_while_abusive_requests_run(service: Service) -> None:
    token = token_for(ADMIN)
    waits: list[float] = []
    stop = threading.Event()

    def ask_health() -> None:
        while not stop.is_set():
            started = time.monotonic()
            status, _ = post(service, "/graphql", HEALTH, None)
            waits.append(time.monotonic() - started)
            assert status == 200
            stop.wait(0.1)

    answers: dict[str, tuple[int, bytes]] = {}

    def attack(name: str, path: str, body: Any, as_token: str | None) -> None:
        answers[name] = post(service, path, body, as_token)

    attacks = [
        ("chain, anonymous", "/graphql", {"query": fragment_chain(30)}, None),
        ("chain", "/graphql", {"query": fragment_chain(30)}, token),
        ("chain within the spread limit", "/graphql", {"query": fragment_chain(24)}, token),
        ("repeated field", "/graphql", {"query": repeated_field(600)}, token),
        ("export", "/export/xlsx", big_table(), token),
        ("analysis", "/graphql", {"query": ANALYSIS}, token),
    ]
    watcher = threading.Thread(target=ask_health)
    watcher.start()
    try:
        time.sleep(0.3)
        threads = [threading.Thread(target=attack, args=a) for a in attacks]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        time.sleep(0.3)
    finally:
        stop.set()
        watcher.join(timeout=10)

    assert len(answers) == len(attacks)
    assert len(waits) >= 5
    assert max(waits) < MAX_WAIT, sorted(waits)[-5:]
    for name, (status, body) in answers.items():
        assert status < 500, (name, body[:300])
    status, body = answers["chain, anonymous"]
    assert status == 413  # without a token nothing larger than health is even parsed
    for name in ("chain", "repeated field"):
        codes = {e["extensions"]["code"] for e in json.loads(answers[name][1])["errors"]}
        assert codes == {"GRAPHQL_VALIDATION_FAILED"}, name
    assert answers["export"][0] == 200 and answers["export"][1][:2] == b"PK"
