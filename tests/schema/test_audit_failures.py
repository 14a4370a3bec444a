"""Every mutation is audited, refused or failed: an unexpected error inside a change leaves its
entry (``ok: false``) like a refusal does. Real Neo4j, the real ASGI app."""

from __future__ import annotations

from typing import Any

import pytest

from graph.records import ties
from graph.store.connection import Neo4jTarget
from seeds.rows import Roster
from tests.support.gql import graphql_client

pytestmark = pytest.mark.neo4j

ADD = """mutation($i: AddHelperInput!) { addHelper(input: $i) { errors { code } } }"""
LOG = "{ auditLog(first: 5) { operation kind ok personIds } }"


def test_a_mutation_that_fails_unexpectedly_is_audited(
    demo_graph: Roster, neo4j_target: Neo4jTarget, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(ties, "add_pairing", broken)
    helper = next(p.person_id for p in demo_graph.people if p.kind == "volunteer")
    elder = demo_graph.residents[0].resident_id
    variables = {"i": {"helperId": helper, "residentId": elder, "kind": "VOLUNTEER",
                       "since": "2026-10-01"}}  # fmt: skip
    with graphql_client(neo4j_target) as admin:
        body = admin.raw(ADD, variables)
        assert [e["extensions"]["code"] for e in body["errors"]] == ["INTERNAL_SERVER_ERROR"]
        assert "disk" not in str(body)
        latest = admin.data(LOG)["auditLog"]
    failed = [e for e in latest if e["operation"] == "addHelper" and e["kind"] == "mutation"]
    assert failed and failed[0]["ok"] is False
    assert set(failed[0]["personIds"]) == {helper, elder}
