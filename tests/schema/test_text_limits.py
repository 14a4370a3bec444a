"""Text through the API: every argument within its limit and free of control characters, or
BAD_USER_INPUT naming the field (never INTERNAL_SERVER_ERROR from Neo4j's index), and the
refused mutation is audited. Real Neo4j, the real ASGI app."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.store.connection import Neo4jTarget
from seeds.rows import Roster
from tests.support.gql import GraphQLClient, graphql_client

pytestmark = pytest.mark.neo4j

UPSERT = (
    """mutation($i: PersonInput!) { upsertPerson(input: $i) { person { id } errors { code } } }"""
)
VISIT = """mutation($i: RecordVisitInput!) { recordVisit(input: $i) { errors { code } } }"""


@pytest.fixture(scope="module")
def admin(demo_graph: Roster, neo4j_target: Neo4jTarget) -> Iterator[GraphQLClient]:
    with graphql_client(neo4j_target) as client:
        yield client


def person(name: str) -> dict[str, object]:
    return {"i": {"id": "VX1", "name": name, "kind": "VOLUNTEER"}}


@pytest.mark.parametrize(
    "name",
    ["王" * 100_000, "王" * 51, "王\x00秀英", "王\x1b[31m秀英", "王\u202e英秀"],
    ids=["100k", "51", "NUL", "ANSI", "bidi"],
)
def test_a_bad_name_is_refused_on_its_field(admin: GraphQLClient, name: str) -> None:
    body = admin.raw(UPSERT, person(name))
    assert [e["extensions"]["code"] for e in body["errors"]] == ["BAD_USER_INPUT"]
    assert "name" in body["errors"][0]["message"]
    assert admin.data('{ person(id: "VX1") { id } }')["person"] is None  # nothing written
    log = admin.data("{ auditLog(first: 1) { operation ok } }")["auditLog"]
    assert log == [{"operation": "upsertPerson", "ok": False}]


def test_a_name_at_the_limit_is_written(admin: GraphQLClient) -> None:
    body = admin.data(UPSERT, person("王" * 50))
    assert body["upsertPerson"]["errors"] == []


def test_a_note_keeps_its_line_breaks_but_no_controls(
    admin: GraphQLClient, demo_graph: Roster
) -> None:
    visit = next(v for v in demo_graph.visits)
    base = {"visitorId": visit.visitor_id, "residentId": visit.resident_id, "on": "2026-10-30",
            "mode": "PHONE"}  # fmt: skip
    ok = admin.data(VISIT, {"i": {**base, "note": "身体尚可\n下次带药"}})
    assert ok["recordVisit"]["errors"] == []
    assert admin.error_codes(VISIT, {"i": {**base, "note": "a\x07b"}}) == ["BAD_USER_INPUT"]
    assert admin.error_codes(VISIT, {"i": {**base, "note": "长" * 501}}) == ["BAD_USER_INPUT"]


def test_query_arguments_are_bounded_too(admin: GraphQLClient) -> None:
    assert admin.error_codes('{ resident(id: "%s") { id } }' % ("R" * 10_000)) == ["BAD_USER_INPUT"]
    anonymous = admin.as_account(None)
    assert anonymous.error_codes('{ resident(id: "R\\u0000") { id } }') == ["UNAUTHENTICATED"]
