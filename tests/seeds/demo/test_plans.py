"""The demo's emergency plans: written once, at the states a committee finds them in."""

from __future__ import annotations

from collections import Counter

from graph.store.connection import Neo4jTarget
from seeds.demo.plans import write_plans
from seeds.rows import Roster
from tests.conftest import DEMO_TODAY
from tests.support.gql import graphql_client

BOARD = """query($w: Window, $asOf: Date) { emergencyPlans(asOf: $asOf, window: $w) {
    summary { needing withCompletePlan }
    elders(first: 100) { totalCount nodes { complete problems { code } } } } }"""


def problems(found: dict[str, object]) -> Counter[str]:
    nodes = found["elders"]["nodes"]  # type: ignore[index]
    return Counter(p["code"] for n in nodes for p in n["problems"])


def test_the_demo_has_plans_at_every_state(demo_graph: Roster, neo4j_target: Neo4jTarget) -> None:
    summary = write_plans(neo4j_target, demo_graph, today=DEMO_TODAY)
    assert 0 < summary.written < summary.needing
    assert write_plans(neo4j_target, demo_graph, today=DEMO_TODAY).written == 0  # once
    with graphql_client(neo4j_target) as api:
        day = DEMO_TODAY.isoformat()
        overall = api.data(BOARD, {"w": None, "asOf": day})["emergencyPlans"]
        weekday = api.data(BOARD, {"w": "WEEKDAY_DAY", "asOf": day})["emergencyPlans"]
    assert overall["summary"]["needing"] == summary.needing
    complete = overall["summary"]["withCompletePlan"]
    assert 0 < complete < summary.needing
    found = problems(overall)
    assert {"NO_PLAN", "NO_BACKUP_RESPONDER", "RESPONDER_NEEDS_PLAN"} <= set(found), found
    assert "RESPONDER_UNAVAILABLE" not in found  # no window asked
    assert problems(weekday)["RESPONDER_UNAVAILABLE"] > 0
    assert weekday["summary"]["withCompletePlan"] < complete
