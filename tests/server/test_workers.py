"""Several stateless workers on one graph: ``louzhi serve --workers N``, and read-your-writes
from one worker to another through the ``Louzhi-Bookmark`` header (schema/bookmarks.py)."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from neo4j import Driver

from graph.store.connection import Neo4jTarget
from seeds.demo.street import street
from seeds.load import load_roster
from tests.conftest import DEMO_TODAY
from tests.support.gql import ADMIN, ensure_account, token_for
from tests.web.service import running_service

KEY = "test-signing-key-of-the-suite-0123456789"  # tests.support.gql.KEY, as the env has it
UPSERT = (
    """mutation($i: PersonInput!) { upsertPerson(input: $i) { person { id } errors { code } } }"""
)
PERSON = "query($id: ID!) { person(id: $id) { id name } }"


def post(base: str, body: dict[str, Any], headers: dict[str, str]) -> tuple[int, Any, Any]:
    request = urllib.request.Request(
        base + "/graphql",
        data=json.dumps(body).encode(),
        headers={"content-type": "application/json", **headers},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read()), response.headers
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read().decode(errors="replace"), exc.headers


def test_a_write_through_one_worker_is_read_through_another(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    (roster,) = street(communities=1, seed=3, today=DEMO_TODAY, sizes=[50])
    load_roster(neo4j_target, roster, today=DEMO_TODAY)
    ensure_account(neo4j_target, ADMIN, role="admin")
    auth = {"authorization": f"Bearer {token_for(ADMIN)}"}
    with (
        running_service(neo4j_target, key=KEY, log=tmp_path / "a.log") as a,
        running_service(neo4j_target, key=KEY, log=tmp_path / "b.log") as b,
    ):
        person = {"id": "V900", "name": "新志愿者", "kind": "VOLUNTEER"}
        status, body, headers = post(a.base, {"query": UPSERT, "variables": {"i": person}}, auth)
        assert status == 200 and body["data"]["upsertPerson"]["errors"] == [], body
        bookmark = headers["Louzhi-Bookmark"]
        assert bookmark  # what the write committed, for the next request to wait for

        follow = {**auth, "Louzhi-Bookmark": bookmark}
        status, body, _ = post(b.base, {"query": PERSON, "variables": {"id": "V900"}}, follow)
        assert status == 200 and body["data"]["person"] == {"id": "V900", "name": "新志愿者"}
        # The same id as a reference: the only community is everyone's home.
        assert (
            empty_graph.execute_query(
                "MATCH (p:Person {id: $id}) RETURN count(p) AS n", id=f"{roster.community}/V900"
            ).records[0]["n"]
            == 1
        )

        for bad in ("not a bookmark", "FB:" + "x" * 5000, "FB:deadbeef"):
            status, text, _ = post(b.base, {"query": PERSON, "variables": {"id": "V900"}},
                                   {**auth, "Louzhi-Bookmark": bad})  # fmt: skip
            assert status == 400 and "bookmark" in str(text).lower(), (bad, status, text)


ELDERS = """query { coverageGaps(asOf: "2026-11-01") {
  vulnerableElders(first: 100) { nodes { residentId helperCount } } } }"""
ADD = """mutation($i: AddHelperInput!) { addHelper(input: $i) { errors { code } } }"""


def test_a_cached_dashboard_is_never_older_than_the_last_write(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    """The coverage report is kept per data version: a worker that holds it answers the next
    request with a write another worker just committed in it, never the report from before."""
    (roster,) = street(communities=1, seed=4, today=DEMO_TODAY, sizes=[60])
    load_roster(neo4j_target, roster, today=DEMO_TODAY)
    ensure_account(neo4j_target, ADMIN, role="admin")
    auth = {"authorization": f"Bearer {token_for(ADMIN)}"}
    volunteers = [p.person_id for p in roster.people if p.kind == "volunteer"]
    with (
        running_service(neo4j_target, key=KEY, log=tmp_path / "a.log") as a,
        running_service(neo4j_target, key=KEY, log=tmp_path / "b.log") as b,
    ):

        def helpers_seen(headers: dict[str, str]) -> dict[str, int]:
            status, body, _ = post(b.base, {"query": ELDERS}, headers)
            assert status == 200 and "errors" not in body, body
            nodes = body["data"]["coverageGaps"]["vulnerableElders"]["nodes"]
            return {n["residentId"]: n["helperCount"] for n in nodes}

        before = helpers_seen(auth)  # worker b now holds the report
        assert before == helpers_seen(auth)
        elder = min(before)
        taken = {h.helper_id for h in roster.helpers if h.resident_id == elder}
        fresh = [v for v in volunteers if v not in taken][:3]
        assert len(fresh) == 3
        for step, volunteer in enumerate(fresh, start=1):
            pairing = {"helperId": volunteer, "residentId": elder, "kind": "VOLUNTEER",
                       "since": "2026-10-01"}  # fmt: skip
            status, body, headers = post(a.base, {"query": ADD, "variables": {"i": pairing}}, auth)
            assert status == 200 and body["data"]["addHelper"]["errors"] == [], body
            follow = {**auth, "Louzhi-Bookmark": headers["Louzhi-Bookmark"]}
            # At once, through the other worker, with and without the write's bookmark (one
            # server: a committed write is visible to every reader).
            assert helpers_seen(follow)[elder] == before[elder] + step
            assert helpers_seen(auth)[elder] == before[elder] + step


def test_serve_runs_several_workers(neo4j_target: Neo4jTarget, tmp_path: Path) -> None:
    with running_service(
        neo4j_target, key=KEY, log=tmp_path / "w.log", args=("--workers", "2")
    ) as service:
        children = subprocess.run(
            ["pgrep", "-P", str(service.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        assert len(children) >= 2, children  # uvicorn's supervisor and its two workers
        for _ in range(4):
            with urllib.request.urlopen(service.base + "/healthz", timeout=10) as response:
                assert response.status == 200
