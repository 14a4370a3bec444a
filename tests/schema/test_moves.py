"""A household that moves is counted in its new corridor from the move, in its old one until the
day before, and nowhere twice: in every analysis, and for the planners of both places.

Real Neo4j, the demo community (loaded for this module), the real ASGI app.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from graph.store.connection import Neo4jTarget
from seeds.rows import Roster
from tests.conftest import DEMO_TODAY
from tests.support.gql import GraphQLClient, ensure_account, graphql_client

pytestmark = pytest.mark.neo4j

OLD_GRID, OLD_AREA = "QS-MG1", "QS-P1"
MOVED_ON = DEMO_TODAY
BEFORE, AFTER = (MOVED_ON - timedelta(days=1)).isoformat(), MOVED_ON.isoformat()


def vulnerable(client: GraphQLClient, scope: str | None, day: str) -> list[str]:
    """Every vulnerable elder of an analysis, each as often as it lists them."""
    found: list[str] = []
    after = None
    while True:
        page = client.data(
            """query($s: ID, $d: Date, $after: String) { coverageGaps(scope: $s, asOf: $d) {
                 vulnerableElders(first: 100, after: $after) {
                   nodes { residentId } pageInfo { hasNextPage endCursor } } } }""",
            {"s": scope, "d": day, "after": after},
        )["coverageGaps"]["vulnerableElders"]
        found += [n["residentId"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


@pytest.fixture(scope="module")
def moved(demo_graph: Roster, neo4j_target: Neo4jTarget) -> Iterator[dict[str, Any]]:
    """A vulnerable elder living alone in QS-MG1, moved to a corridor of QS-P2."""
    ensure_account(neo4j_target, "moves-planner-old", role="planner", scope=OLD_AREA)
    ensure_account(neo4j_target, "moves-planner-new", role="planner", scope="QS-P2")
    with graphql_client(neo4j_target) as admin:
        under = admin.data(
            """query($d: Date) { coverageGaps(scope: "QS-MG1", asOf: $d) {
                 vulnerableElders(first: 100) { nodes { residentId vulnerableBecause } } } }""",
            {"d": BEFORE},
        )["coverageGaps"]["vulnerableElders"]["nodes"]
        elder = next(n["residentId"] for n in under if "独居" in n["vulnerableBecause"])
        household = admin.data(f'{{ resident(id: "{elder}") {{ household {{ id }} }} }}')
        corridor = next(g.corridor for g in demo_graph.grid if g.area == "QS-P2")
        payload = admin.data(
            """mutation($i: MoveHouseholdInput!) { moveHousehold(input: $i) {
                 dwelling { key } errors { code } } }""",
            {
                "i": {
                    "householdId": household["resident"]["household"]["id"],
                    "corridor": corridor,
                    "room": "901",
                    "on": AFTER,
                }
            },
        )["moveHousehold"]
        assert payload["errors"] == []
        new_grid = next(g.micro_grid for g in demo_graph.grid if g.corridor == corridor)
        yield {"admin": admin, "elder": elder, "corridor": corridor, "grid": new_grid}


def test_coverage_counts_the_elder_where_they_live_on_the_day(moved: dict[str, Any]) -> None:
    admin, elder = moved["admin"], moved["elder"]
    assert elder in vulnerable(admin, OLD_GRID, BEFORE)
    assert elder not in vulnerable(admin, moved["grid"], BEFORE)
    assert elder not in vulnerable(admin, OLD_GRID, AFTER)
    assert elder in vulnerable(admin, moved["grid"], AFTER)
    for day in (BEFORE, AFTER):
        assert vulnerable(admin, None, day).count(elder) == 1  # never in both corridors


def test_the_support_network_is_read_in_the_new_corridor(moved: dict[str, Any]) -> None:
    query = '{ supportNetwork(residentId: "%s", asOf: "%s") { resident { corridor } } }'
    network = moved["admin"].data(query % (moved["elder"], AFTER))["supportNetwork"]
    assert network["resident"]["corridor"] == moved["corridor"]
    before = moved["admin"].data(query % (moved["elder"], BEFORE))["supportNetwork"]
    assert before["resident"]["corridor"] != moved["corridor"]


def test_what_if_and_suggestions_of_the_old_place_leave_the_elder_out(
    moved: dict[str, Any],
) -> None:
    admin, elder = moved["admin"], moved["elder"]
    what_if = admin.data(
        """query($d: Date) { whatIf(removePersonIds: [], scope: "QS-MG1", asOf: $d) {
             report { vulnerableElders(first: 100) { nodes { residentId } } } } }""",
        {"d": AFTER},
    )["whatIf"]["report"]["vulnerableElders"]["nodes"]
    assert elder not in {n["residentId"] for n in what_if}
    plan = admin.data(
        """query($d: Date) { assignmentSuggestions(scope: "QS-MG1", asOf: $d) {
             proposals(first: 100) { nodes { residentId } } notAssignable { residentId } } }""",
        {"d": AFTER},
    )["assignmentSuggestions"]
    targets = {n["residentId"] for n in plan["proposals"]["nodes"]}
    targets |= {n["residentId"] for n in plan["notAssignable"]}
    assert elder not in targets


def test_the_old_places_planner_no_longer_sees_the_elder(moved: dict[str, Any]) -> None:
    old, new = (moved["admin"].as_account(a) for a in ("moves-planner-old", "moves-planner-new"))
    assert elder_of(old, moved["elder"]) is None
    assert elder_of(new, moved["elder"]) is not None
    assert moved["elder"] not in vulnerable(old, None, AFTER)
    assert moved["elder"] in vulnerable(new, None, AFTER)
    query = f'{{ supportNetwork(residentId: "{moved["elder"]}", asOf: "{AFTER}") {{ size }} }}'
    assert old.error_codes(query) == ["NOT_FOUND"]
    assert new.error_codes(query) == []


def elder_of(client: GraphQLClient, resident_id: str) -> Any:
    return client.data(f'{{ resident(id: "{resident_id}") {{ id name }} }}')["resident"]
