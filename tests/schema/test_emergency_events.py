"""Emergency events through the API: started for an area with its elders' plans as they stood,
marked by floor chiefs and responders (appended, never changed, audited, none after closing),
the live board by corridor, and the after-action report."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from neo4j import Driver

from graph.store.connection import Neo4jTarget
from seeds.load import load_roster
from tests.schema.test_emergency_plans import DAY, village
from tests.support.gql import ADMIN, GraphQLClient, ensure_account, graphql_client

SET = """mutation($i: SetEmergencyPlanInput!) { setEmergencyPlan(input: $i) { errors { code } } }"""
START = """mutation($i: StartEmergencyEventInput!) { startEmergencyEvent(input: $i) {
    event { id kind area open window summary { elders notReached unmarked } }
    errors { code field } } }"""
MARK = """mutation($i: MarkEventElderInput!) { markEventElder(input: $i) {
    mark { seq status at by { personId } } errors { code field } } }"""
CLOSE = """mutation($e: ID!) { closeEmergencyEvent(input: {eventId: $e, note: "解除"}) {
    event { open closedAt } errors { code } } }"""
EVENT = """query($e: ID!) { emergencyEvent(id: $e) {
    id open startedAt summary { elders reached notReached unmarked needsHelp evacuated safeAtHome }
    corridors { code elders notReached needsHelp oldestNotReachedSince }
    elders { residentId corridor status reached since planComplete
             firstResponder { personId } backupResponder { personId }
             marks { seq status at note by { personId } } }
    report { reached neverReached medianMinutesToReach longestMinutesToReach
             failedPlans { residentId failures problemsAtStart reachedBy { personId } }
             elders { residentId minutesToReach byResponder } } } }"""


@pytest.fixture(scope="module")
def api(neo4j_driver: Driver, neo4j_target: Neo4jTarget) -> Iterator[GraphQLClient]:
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_target.database)
    load_roster(neo4j_target, village(), today=DAY)
    ensure_account(neo4j_target, ADMIN, role="admin")
    ensure_account(neo4j_target, "ev-committee", role="committee", scope="COM")
    # N2 chiefs C2 and is E's backup responder: E lives in C1, outside the chief's scope.
    ensure_account(neo4j_target, "ev-chief-c2", role="floor_chief", scope="COM/C2",
                   person_id="COM/N2")  # fmt: skip
    ensure_account(neo4j_target, "ev-planner", role="planner", scope="COM")
    with graphql_client(neo4j_target) as client:
        plans = {"E": ("N1", "N2"), "P2": ("N2", "N1"), "F": ("X", "N2")}
        for elder, (first, backup) in plans.items():
            fields = {"residentId": elder, "firstResponderId": first, "backupResponderId": backup}
            assert client.data(SET, {"i": fields})["setEmergencyPlan"]["errors"] == []
        yield client


def start(api: GraphQLClient) -> dict[str, Any]:
    fields = {"area": "A", "kind": "TYPHOON", "title": "台风“测试”", "note": "橙色预警"}
    done = api.as_account("ev-committee").data(START, {"i": fields})["startEmergencyEvent"]
    assert done["errors"] == []
    return done["event"]


def mark(api: GraphQLClient, event: str, elder: str, status: str,
         note: str | None = None) -> dict[str, Any]:  # fmt: skip
    fields = {"eventId": event, "residentId": elder, "status": status, "note": note}
    return api.data(MARK, {"i": fields})["markEventElder"]


def event(api: GraphQLClient, event_id: str) -> dict[str, Any]:
    return api.data(EVENT, {"e": event_id})["emergencyEvent"]


def test_an_event_takes_in_the_elders_who_need_a_plan_as_their_plans_stand(
    api: GraphQLClient,
) -> None:
    started = start(api)
    assert started["kind"] == "TYPHOON" and started["open"] is True and started["area"] == "A"
    assert started["summary"] == {"elders": 5, "notReached": 5, "unmarked": 5}
    found = event(api, started["id"])
    elders = {e["residentId"]: e for e in found["elders"]}
    assert set(elders) == {"E", "F", "X", "P1", "P2"}
    assert elders["F"]["planComplete"] is False  # X, her first responder, needs a plan himself
    assert elders["X"]["planComplete"] is False and elders["X"]["firstResponder"] is None
    # Whether E's plan is complete depends on the hour the event started (N1 works weekdays).
    assert elders["E"]["backupResponder"] == {"personId": "N2"}
    board = {c["code"]: c for c in found["corridors"]}
    assert board["C1"]["notReached"] == 4 and board["C2"]["notReached"] == 1
    assert board["C1"]["oldestNotReachedSince"] == found["startedAt"]


def test_marks_are_appended_never_changed_and_the_board_follows(api: GraphQLClient) -> None:
    event_id = start(api)["id"]
    chief = api.as_account("ev-chief-c2")
    first = mark(chief, event_id, "E", "NOT_REACHED", "敲门无人应答")
    assert first["errors"] == [] and first["mark"]["seq"] == 1
    assert first["mark"]["by"] == {"personId": "N2"}  # a responder marks the elder they answer for
    second = mark(chief, event_id, "E", "SAFE_AT_HOME", "已电话联系，在家安全")
    assert second["mark"]["seq"] == 2
    assert mark(chief, event_id, "P2", "EVACUATED")["errors"] == []  # the chief's own corridor
    found = event(api, event_id)
    e = next(x for x in found["elders"] if x["residentId"] == "E")
    assert [(m["seq"], m["status"], m["note"]) for m in e["marks"]] == [
        (1, "NOT_REACHED", "敲门无人应答"),
        (2, "SAFE_AT_HOME", "已电话联系，在家安全"),
    ]
    assert e["marks"][0]["at"] == first["mark"]["at"]  # the first mark is as it was written
    assert e["status"] == "SAFE_AT_HOME" and e["reached"] is True
    assert found["summary"]["reached"] == 2 and found["summary"]["notReached"] == 3
    board = {c["code"]: c for c in found["corridors"]}
    assert board["C2"]["notReached"] == 0 and board["C1"]["notReached"] == 3
    # The chief sees what they serve: their corridor, and the elders they answer for.
    mine = event(chief, event_id)
    assert {x["residentId"] for x in mine["elders"]} == {"E", "F", "P2"}
    assert mark(chief, event_id, "P1", "REACHED")["errors"] == [
        {"code": "NOT_IN_EVENT", "field": "residentId"}
    ]
    # A corridor is asked for as the API shows it.
    one = api.data("""query($e: ID!) { emergencyEvent(id: $e) {
        elders(corridor: "C2") { residentId } } }""", {"e": event_id})  # fmt: skip
    assert one["emergencyEvent"]["elders"] == [{"residentId": "P2"}]


def test_marks_made_at_once_are_all_kept_numbered_one_after_another(api: GraphQLClient) -> None:
    event_id = start(api)["id"]
    statuses = ["REACHED", "NOT_REACHED", "NEEDS_HELP", "EVACUATED"] * 3
    with ThreadPoolExecutor(4) as pool:
        done = list(pool.map(lambda s: mark(api, event_id, "P1", s), statuses))
    assert all(d["errors"] == [] for d in done)
    assert sorted(d["mark"]["seq"] for d in done) == list(range(1, 13))
    kept = next(x for x in event(api, event_id)["elders"] if x["residentId"] == "P1")["marks"]
    assert [m["seq"] for m in kept] == list(range(1, 13))
    assert sorted(m["status"] for m in kept) == sorted(statuses)


def test_a_closed_event_takes_no_marks_and_reports(api: GraphQLClient) -> None:
    event_id = start(api)["id"]
    assert mark(api, event_id, "P1", "NEEDS_HELP", "需要送医")["errors"] == []
    chief = api.as_account("ev-chief-c2")
    assert mark(chief, event_id, "E", "REACHED")["errors"] == []
    closed = api.as_account("ev-committee").data(CLOSE, {"e": event_id})["closeEmergencyEvent"]
    assert closed["errors"] == [] and closed["event"]["open"] is False
    assert mark(chief, event_id, "P2", "REACHED")["errors"] == [
        {"code": "EVENT_CLOSED", "field": "eventId"}
    ]
    again = api.as_account("ev-committee").data(CLOSE, {"e": event_id})["closeEmergencyEvent"]
    assert again["errors"] == [{"code": "EVENT_CLOSED"}]
    report = event(api, event_id)["report"]
    assert report["reached"] == 2
    assert sorted(report["neverReached"]) == ["F", "P2", "X"]
    failed = {f["residentId"]: f for f in report["failedPlans"]}
    # P1 had no plan, was reached by the admin (nobody the plan names), and needed help.
    assert failed["P1"]["failures"] == ["NO_COMPLETE_PLAN", "NOT_BY_RESPONDER", "NEEDED_HELP"]
    assert failed["P1"]["problemsAtStart"] == ["NO_PLAN"]
    assert "NEVER_REACHED" in failed["P2"]["failures"]
    assert "RESPONDER_NEEDS_PLAN" in failed["F"]["problemsAtStart"]
    timing = {x["residentId"]: x for x in report["elders"]}
    assert timing["E"]["byResponder"] is True and timing["E"]["minutesToReach"] >= 0
    assert timing["X"]["minutesToReach"] is None
    assert report["longestMinutesToReach"] >= report["medianMinutesToReach"] >= 0


def test_who_may_start_mark_and_read(api: GraphQLClient) -> None:
    event_id = start(api)["id"]
    planner = api.as_account("ev-planner")
    fields = {"area": "A", "kind": "HEAT_WAVE", "title": "高温"}
    assert planner.error_codes(START, {"i": fields}) == ["FORBIDDEN"]
    assert api.as_account("ev-chief-c2").error_codes(START, {"i": fields}) == ["FORBIDDEN"]
    marking = {"eventId": event_id, "residentId": "P1", "status": "REACHED"}
    assert planner.error_codes(MARK, {"i": marking}) == ["FORBIDDEN"]
    assert mark(api, event_id, "P1", "REACHED", "平安")["errors"] == []
    # A planner follows the board, but not what a marker noted.
    body = planner.raw(EVENT, {"e": event_id})
    assert {e["extensions"]["code"] for e in body["errors"]} == {"FORBIDDEN"}
    assert body["data"]["emergencyEvent"]["summary"]["reached"] == 1
    unknown = {"eventId": "COM/E-NOPE", "residentId": "P1", "status": "REACHED"}
    assert api.data(MARK, {"i": unknown})["markEventElder"]["errors"][0]["code"] == "NOT_FOUND"
    log = api.data("{ auditLog(first: 100) { operation personIds ok } }")["auditLog"]
    marks = [e for e in log if e["operation"] == "markEventElder"]
    assert any(e["ok"] and any(p.endswith("P1") for p in e["personIds"]) for e in marks)
    assert any(e["operation"] == "startEmergencyEvent" for e in log)
