"""The demo's past emergency event: written once, closed, with every kind of after-action line."""

from __future__ import annotations

from graph.store.connection import Neo4jTarget
from seeds.demo.events import write_event
from seeds.demo.plans import write_plans
from seeds.rows import Roster
from tests.conftest import DEMO_TODAY
from tests.support.gql import graphql_client

EVENTS = """{ emergencyEvents { id open kind window summary { elders reached notReached }
    report { reached neverReached failedPlans { failures }
             elders { minutesToReach byResponder } } } }"""


def test_the_demo_has_one_past_event_with_every_kind_of_outcome(
    demo_graph: Roster, neo4j_target: Neo4jTarget
) -> None:
    write_plans(neo4j_target, demo_graph, today=DEMO_TODAY)
    summary = write_event(neo4j_target, demo_graph, today=DEMO_TODAY)
    assert summary.elders > 0 and summary.marks >= summary.elders - summary.never_reached
    assert write_event(neo4j_target, demo_graph, today=DEMO_TODAY).elders == 0  # once
    with graphql_client(neo4j_target) as api:
        (event,) = api.data(EVENTS)["emergencyEvents"]
    assert event["open"] is False and event["kind"] == "TYPHOON"
    assert event["window"] == "WEEKDAY_DAY"
    report = event["report"]
    assert event["summary"]["elders"] == summary.elders
    assert len(report["neverReached"]) == summary.never_reached > 0
    failures = {f for p in report["failedPlans"] for f in p["failures"]}
    assert {"NO_COMPLETE_PLAN", "NEVER_REACHED", "NEEDED_HELP"} <= failures, failures
    times = [e["minutesToReach"] for e in report["elders"] if e["minutesToReach"] is not None]
    assert min(times) >= 10 and max(times) <= 300
    assert any(e["byResponder"] for e in report["elders"])
