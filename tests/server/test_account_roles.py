"""An account that stands for a person's role lasts as long as the role: a floor chief whose term
ends loses the corridor at once, and no such account is made for someone who does not hold the
role. Real Neo4j, the real ASGI app."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from graph.access.account_changes import add_account
from graph.errors import ChangeError
from graph.store.connection import Neo4jTarget
from seeds.rows import Roster
from tests.support.gql import ensure_account, graphql_client

pytestmark = pytest.mark.neo4j

TODAY = date.today()


def chief_of(roster: Roster) -> tuple[str, str, date]:
    """(person, corridor, since) of a first floor chief whose term runs today."""
    return next(
        (r.person_id, r.scope, r.since)
        for r in roster.roles
        if r.role == "first_floor_chief" and r.since <= TODAY and r.until is None
    )


def test_an_account_loses_its_corridor_when_the_role_ends(
    demo_graph: Roster, neo4j_target: Neo4jTarget
) -> None:
    person, corridor, since = chief_of(demo_graph)
    ensure_account(neo4j_target, "roles-chief", role="floor_chief", scope=corridor,
                   person_id=person)  # fmt: skip
    with graphql_client(neo4j_target) as admin:
        chief = admin.as_account("roles-chief")
        assert chief.data("{ viewer { role scope } }")["viewer"]["scope"] == corridor
        ended = admin.data(
            'mutation($id: ID!, $u: Date!) { endRole(id: $id, until: $u) { errors { code } } }',
            {"id": f"{person}|first_floor_chief|{corridor}|{since}",
             "u": (TODAY - timedelta(days=1)).isoformat()},
        )  # fmt: skip
        assert ended["endRole"]["errors"] == []
        response = chief.http.post(
            "/graphql", json={"query": "{ viewer { role } }"}, headers=chief.headers()
        )
    assert response.status_code == 401
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert "ended" in error["message"]


def test_no_account_for_a_role_the_person_does_not_hold(
    demo_graph: Roster, neo4j_target: Neo4jTarget
) -> None:
    person, corridor, _ = chief_of(demo_graph)
    other = next(g.corridor for g in demo_graph.grid if g.corridor != corridor)
    holders = {r.person_id for r in demo_graph.roles if r.scope == other}
    assert person not in holders
    with neo4j_target.sync_driver() as driver:
        refused = add_account(driver, database=neo4j_target.database, account_id="roles-wrong",
                              role="floor_chief", scope=other, person_id=person)  # fmt: skip
        assert isinstance(refused, ChangeError) and refused.code == "ROLE_NOT_HELD"
        records = driver.execute_query("MATCH (a:Account {id: 'roles-wrong'}) RETURN a").records
    assert records == []  # nothing was written
