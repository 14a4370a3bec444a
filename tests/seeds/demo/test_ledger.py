"""The demo community's governance ledger, written into a real Neo4j through the API's own
functions: every level of matter, a meeting with the troika, one vote passing and one failing
its threshold, a residents' meeting, projects with before and after photos; written once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store.connection import Neo4jTarget
from seeds.demo.ledger import write_ledger
from seeds.rows import Roster
from tests.support.gql import GraphQLClient, graphql_client

BOARD = """{ matters(first: 500) { level status votes { rule status tally { quorate passed } }
    meetings { troikaComplete decisions { done } } } }"""
PROJECTS = (
    "{ projects { title kind status photos { kind sha256 url } satisfaction { responses } } }"
)


@pytest.fixture(scope="module")
def api(demo_graph: Roster, neo4j_target: Neo4jTarget, photo_dir: Path) -> Iterator[GraphQLClient]:
    with graphql_client(neo4j_target) as client:
        yield client


def test_the_demo_ledger_has_every_kind_of_record(
    api: GraphQLClient, demo_graph: Roster, neo4j_target: Neo4jTarget, photo_dir: Path
) -> None:
    summary = write_ledger(neo4j_target, demo_graph)
    assert summary.written and summary.matters >= 6 and summary.photos >= 7
    board = api.data(BOARD)["matters"]
    assert {m["level"] for m in board} == {"BUILDING", "CONSULTATION", "COMMUNITY_VOTE"}
    assert {"RESOLVED", "ACCEPTED", "CLOSED"} <= {m["status"] for m in board}
    voted = [(v["rule"], v["tally"]["quorate"], v["tally"]["passed"])
             for m in board for v in m["votes"]]  # fmt: skip
    assert ("OWNERS_ORDINARY", True, True) in voted
    assert ("OWNERS_SPECIAL", False, False) in voted
    assert ("RESIDENTS_MEETING", True, True) in voted
    assert any(g["troikaComplete"] for m in board for g in m["meetings"])
    found = api.data(PROJECTS)["projects"]
    kinds = {p["kind"]: p for p in found}
    assert set(kinds) == {"ROAD", "GATE", "PARKING", "PIPES"}
    for kind in ("ROAD", "GATE", "PARKING"):
        assert kinds[kind]["status"] == "DONE"
        assert sorted(p["kind"] for p in kinds[kind]["photos"]) == ["AFTER", "BEFORE"]
        assert kinds[kind]["satisfaction"]["responses"] > 0
    assert [p["kind"] for p in kinds["PIPES"]["photos"]] == ["BEFORE"]
    shown = api.http.get(kinds["GATE"]["photos"][0]["url"], headers=api.headers())
    assert shown.status_code == 200 and shown.headers["content-type"] == "image/jpeg"
    # Kept by checksum: one file per distinct picture.
    sums = {p["sha256"] for project in found for p in project["photos"]}
    assert len(sums) == summary.photos
    assert {f.stem for f in photo_dir.rglob("*.jpg")} == sums

    again = write_ledger(neo4j_target, demo_graph)
    assert not again.written and len(api.data(BOARD)["matters"]) == len(board)
