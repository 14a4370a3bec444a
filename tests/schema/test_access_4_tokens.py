"""Who is signed in (4 of 6): without a token only health answers, bad tokens are refused with
401, and the viewer says what the account may do.

The world and the order of the ``test_access_*`` modules: :mod:`tests.schema.access_world`.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest

from graph.access.account_changes import disable_account
from graph.store.connection import Neo4jTarget
from tests.schema.access_world import World, as_role, codes
from tests.support.gql import GraphQLClient, ensure_account, token_for

QUERIES_FOR_ANYONE = [
    "{ viewer { role } }",
    "{ communities { code } }",
    '{ area(code: "QS-MG1") { code } }',
    '{ resident(id: "R000001") { id } }',
    "{ residents { totalCount } }",
    "{ coverageGaps { scope } }",
    '{ supportNetwork(residentId: "R000001") { size } }',
    "{ whatIf(removePersonIds: []) { removedPersonIds } }",
    "{ assignmentSuggestions { totalCost } }",
    "{ auditLog { at } }",
]


@pytest.mark.parametrize("query", QUERIES_FOR_ANYONE)
def test_without_a_token_only_health_answers(app: GraphQLClient, query: str) -> None:
    anonymous = app.as_account(None)
    assert codes(anonymous.raw(query)) == ["UNAUTHENTICATED"]
    assert anonymous.data("{ health { neo4j { reachable } } }") == {
        "health": {"neo4j": {"reachable": True}}
    }


def _viewer(app: GraphQLClient, token: str) -> Any:
    return app.http.post(
        "/graphql",
        json={"query": "{ viewer { role } }"},
        headers={"authorization": f"Bearer {token}"},
    )


def test_bad_tokens_are_refused_with_401(app: GraphQLClient, neo4j_target: Neo4jTarget) -> None:
    good = token_for("demo-planner")
    expired = token_for("demo-planner", ttl=timedelta(seconds=1))
    header, payload, signature = good.split(".")
    tampered = (
        f"{header}.{payload[:-2]}{'A' if payload[-2] != 'A' else 'B'}{payload[-1]}.{signature}"
    )
    foreign = token_for("demo-planner", key=b"another-key-that-is-long-enough-000000")
    for token in (tampered, foreign, "garbage", f"{good}x"):
        response = app.http.post(
            "/graphql",
            json={"query": "{ viewer { role } }"},
            headers={"authorization": f"Bearer {token}"},
        )
        assert response.status_code == 401, token
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

    time.sleep(1.1)
    response = app.http.post(
        "/graphql",
        json={"query": "{ viewer { role } }"},
        headers={"authorization": f"Bearer {expired}"},
    )
    assert response.status_code == 401 and "expired" in response.text
    ensure_account(neo4j_target, "matrix-leaver", role="planner", scope="QS-P1")
    leaver = app.as_account("matrix-leaver")
    assert leaver.data("{ viewer { role scope } }") == {
        "viewer": {"role": "PLANNER", "scope": "QS-P1"}
    }
    with neo4j_target.sync_driver() as driver:
        disable_account(driver, database=neo4j_target.database, account_id="matrix-leaver")
    response = app.http.post(
        "/graphql", json={"query": "{ viewer { role } }"}, headers=leaver.headers()
    )
    assert response.status_code == 401


def test_the_viewer_says_what_the_account_may_do(app: GraphQLClient, world: World) -> None:
    chief = as_role(app, "floor_chief").data(
        "{ viewer { accountId role scope personId personName can } }"
    )["viewer"]
    assert chief["role"] == "FLOOR_CHIEF" and chief["scope"] == "QS-B01-C1"
    assert chief["personId"] == world.chief and chief["personName"]
    assert "recordVisit" in chief["can"] and "addHelper" not in chief["can"]
    assert "auditLog" in as_role(app, "admin").data("{ viewer { can } }")["viewer"]["can"]
