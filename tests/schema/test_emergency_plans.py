"""Emergency plans through the API on a small community: who needs one, setting one, whether it
would work (in a window too), the figures per area, responders carrying too many, and scope."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from neo4j import Driver

from graph.store.connection import Neo4jTarget
from seeds.load import load_roster
from seeds.rows import GridRow, ResidentRow, RoleRow, Roster
from tests.support.gql import ADMIN, GraphQLClient, ensure_account, graphql_client

DAY = date(2026, 7, 20)
Y = DAY.year


def village() -> Roster:
    grid = [GridRow("A", "M", "B1", "C1", "BD1", "high_rise"),
            GridRow("A", "M", "B2", "C2", "BD2", "high_rise")]  # fmt: skip

    def r(rid: str, age: int, household: str, corridor: str = "C1", **kw: Any) -> ResidentRow:
        return ResidentRow(rid, rid, "female", Y - age, household, "head", corridor, household,
                           **kw)  # fmt: skip

    residents = [
        r("E", 82, "H1"),  # 80+ alone
        r("F", 70, "H2", mobility="assisted"),
        r("G", 68, "H2"),  # reduced mobility, not alone
        r("H", 66, "H3"),
        r("H2", 64, "H3"),  # needs none
        r("X", 83, "H4"),  # needs a plan himself
        r("P1", 85, "H5"),
        r("P2", 86, "H6", corridor="C2"),
        r("N1", 45, "H7"),  # a neighbour of working age: out on weekday days
        r("N2", 66, "H8"),
        r("N3", 50, "H8", availability=("weekday_day",)),
    ]
    chief = RoleRow("N2", "first_floor_chief", "C2", date(2025, 1, 1))  # lives in C1
    return Roster("COM", grid, residents, [], [chief])


@pytest.fixture(scope="module")
def api(neo4j_driver: Driver, neo4j_target: Neo4jTarget) -> Iterator[GraphQLClient]:
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_target.database)
    load_roster(neo4j_target, village(), today=DAY)
    ensure_account(neo4j_target, ADMIN, role="admin")
    ensure_account(
        neo4j_target, "plan-chief-c2", role="floor_chief", scope="COM/C2", person_id="COM/N2"
    )
    ensure_account(neo4j_target, "plan-planner", role="planner", scope="COM")
    with graphql_client(neo4j_target) as client:
        yield client


SET = """mutation($i: SetEmergencyPlanInput!) { setEmergencyPlan(input: $i) {
    residentId errors { code field } } }"""
BOARD = """query($w: Window, $asOf: Date) { emergencyPlans(asOf: $asOf, window: $w) {
    window summary { code needing withCompletePlan } areas { code needing withCompletePlan }
    overloadedResponders { personId plans capacity }
    elders { totalCount nodes { residentId needsBecause hasPlan complete
        problems { code responderId } firstResponder { personId } backupResponder { personId }
        destination needs contact note } } } }"""


def set_plan(api: GraphQLClient, elder: str, first: str | None, backup: str | None,
             **more: Any) -> dict[str, Any]:  # fmt: skip
    fields = {"residentId": elder, "firstResponderId": first, "backupResponderId": backup} | more
    return api.data(SET, {"i": fields})["setEmergencyPlan"]


def board(api: GraphQLClient, window: str | None = None) -> dict[str, Any]:
    return api.data(BOARD, {"w": window, "asOf": DAY.isoformat()})["emergencyPlans"]


def by_elder(found: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {n["residentId"]: n for n in found["elders"]["nodes"]}


def test_plans_are_needed_set_and_judged(api: GraphQLClient) -> None:
    before = board(api)
    elders = by_elder(before)
    assert set(elders) == {"E", "F", "X", "P1", "P2"}  # H, G, N* need none
    assert elders["E"]["needsBecause"] == ["AGED_ALONE"]
    assert elders["F"]["needsBecause"] == ["MOBILITY"]
    assert elders["E"]["problems"] == [{"code": "NO_PLAN", "responderId": None}]
    assert before["summary"] == {"code": "*", "needing": 5, "withCompletePlan": 0}

    done = set_plan(api, "E", "N1", "N2", destination="社区活动室", needs=["轮椅"],
                    contact="女儿 13800000000", note="钥匙在邻居家")  # fmt: skip
    assert done == {"residentId": "E", "errors": []}
    assert set_plan(api, "F", "X", "N2")["errors"] == []
    plans = by_elder(board(api))
    assert plans["E"]["complete"] is True and plans["E"]["destination"] == "社区活动室"
    assert plans["E"]["needs"] == ["轮椅"] and plans["E"]["firstResponder"]["personId"] == "N1"
    assert plans["E"]["note"] == "钥匙在邻居家"
    assert plans["F"]["problems"] == [{"code": "RESPONDER_NEEDS_PLAN", "responderId": "X"}]

    # On weekday days the working-age neighbour is out: E's plan would not work then.
    day = board(api, "WEEKDAY_DAY")
    assert day["window"] == "WEEKDAY_DAY"
    assert by_elder(day)["E"]["problems"] == [
        {"code": "RESPONDER_UNAVAILABLE", "responderId": "N1"}
    ]
    figures = {a["code"]: (a["needing"], a["withCompletePlan"]) for a in board(api)["areas"]}
    assert figures["C1"] == (4, 1) and figures["C2"] == (1, 0) and figures["A"] == (5, 1)


def test_a_responder_of_too_many_plans_makes_each_incomplete(api: GraphQLClient) -> None:
    for elder in ("E", "F", "P1", "P2"):
        assert set_plan(api, elder, "N3", "N2")["errors"] == []
    found = board(api)
    assert found["overloadedResponders"] == [
        {"personId": "N2", "plans": 4, "capacity": 3},
        {"personId": "N3", "plans": 4, "capacity": 3},
    ]
    codes = {c["code"] for c in by_elder(found)["P1"]["problems"]}
    assert codes == {"RESPONDER_OVERLOADED"}


def test_a_plan_is_refused_with_a_code(api: GraphQLClient) -> None:
    assert set_plan(api, "E", "N2", "N2")["errors"] == [
        {"code": "SAME_RESPONDER", "field": "backupResponderId"}
    ]
    assert set_plan(api, "E", "E", "N2")["errors"][0]["code"] == "SELF_HELP"
    assert set_plan(api, "E", "NOBODY", "N2")["errors"][0]["code"] == "NOT_FOUND"


def test_scope_and_masks_hold(api: GraphQLClient) -> None:
    chief = api.as_account("plan-chief-c2")
    # A floor chief of C2 sets C2's plans only, and sees only C2's elders.
    assert set_plan(chief, "E", "N1", "N2")["errors"][0]["code"] in ("FORBIDDEN", "NOT_FOUND")
    mine = board(chief)
    assert set(by_elder(mine)) == {"P2"}
    assert mine["summary"]["code"] == "C2"  # the chief's own scope
    # A planner sees who needs a plan and whether it works, not what they need nor whom to call.
    planner = api.as_account("plan-planner")
    body = planner.raw(BOARD, {"w": None, "asOf": DAY.isoformat()})
    codes = {e["extensions"]["code"] for e in body.get("errors", [])}
    assert codes == {"FORBIDDEN"}
    assert body["data"]["emergencyPlans"]["summary"]["needing"] == 5
    masked = planner.data("""{ emergencyPlans { elders { nodes { residentId complete } } } }""")
    assert len(masked["emergencyPlans"]["elders"]["nodes"]) == 5
