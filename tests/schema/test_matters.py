"""Governance matters through the API, against the demo community in a real Neo4j: raised in
scope only, taken forward step by step, the history only ever appended to."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from typing import Any

import pytest

from graph.store.connection import Neo4jTarget
from seeds.rows import Roster
from tests.support.gql import GraphQLClient, demo_accounts_client, floor_chief_corridor

RAISE = """mutation($i: RaiseMatterInput!) { raiseMatter(input: $i) {
    matter { id title level status category levelSince area { code } raisedBy { id }
             steps { seq action on level status note by { id } } }
    errors { code field message messageZh } } }"""
ADVANCE = """mutation($i: AdvanceMatterInput!) { advanceMatter(input: $i) {
    matter { id level status outcome escalationDueDays proposedLevel
             steps { seq action on level status note outcome } }
    errors { code field message messageZh } } }"""
BOARD = """query($f: MatterFilter) { matters(filter: $f) {
    id title level status escalationDueDays proposedLevel area { code } } }"""
ONE = "query($id: ID!) { matter(id: $id) { id steps { seq action } } }"


@pytest.fixture(scope="module")
def api(demo_graph: Roster, neo4j_target: Neo4jTarget) -> Iterator[GraphQLClient]:
    with demo_accounts_client(demo_graph, neo4j_target) as client:
        yield client


def raise_(client: GraphQLClient, **fields: Any) -> dict[str, Any]:
    fields = {"title": "楼道堆物", "category": "ENVIRONMENT", **fields}
    return client.data(RAISE, {"i": fields})["raiseMatter"]


def advance(client: GraphQLClient, **fields: Any) -> dict[str, Any]:
    return client.data(ADVANCE, {"i": fields})["advanceMatter"]


def test_a_matter_is_raised_accepted_escalated_and_resolved(
    api: GraphQLClient, demo_graph: Roster
) -> None:
    corridor = floor_chief_corridor(demo_graph)
    committee = api.as_account("demo-committee")
    raised = raise_(committee, area=corridor, note="三楼消防通道")
    assert raised["errors"] == []
    m = raised["matter"]
    assert (m["level"], m["status"], m["area"]["code"]) == ("BUILDING", "RAISED", corridor)
    assert [(s["seq"], s["action"], s["status"]) for s in m["steps"]] == [(1, "RAISE", "RAISED")]
    assert m["steps"][0]["note"] == "三楼消防通道" and m["id"].startswith("M-")

    accepted = advance(committee, id=m["id"], action="ACCEPT")["matter"]
    assert accepted["status"] == "ACCEPTED"
    up = advance(committee, id=m["id"], action="ESCALATE", note="楼组协调未果")["matter"]
    assert (up["level"], up["status"]) == ("CONSULTATION", "RAISED")
    refused = advance(committee, id=m["id"], action="RESOLVE", outcome="已清理")
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("INVALID_STEP", "action")]
    assert "不能" in refused["errors"][0]["messageZh"]
    advance(committee, id=m["id"], action="ACCEPT")
    no_outcome = advance(committee, id=m["id"], action="RESOLVE")
    assert [e["field"] for e in no_outcome["errors"]] == ["outcome"]
    done = advance(committee, id=m["id"], action="RESOLVE", outcome="物业清理，设禁堆标识")[
        "matter"
    ]
    assert (done["status"], done["outcome"]) == ("RESOLVED", "物业清理，设禁堆标识")
    assert [s["action"] for s in done["steps"]] == [
        "RAISE", "ACCEPT", "ESCALATE", "ACCEPT", "RESOLVE"
    ]  # fmt: skip
    after = advance(committee, id=m["id"], action="NOTE", note="再补一句")
    assert [e["code"] for e in after["errors"]] == ["INVALID_STEP"]


def test_the_history_is_only_appended_to(api: GraphQLClient, demo_graph: Roster) -> None:
    committee = api.as_account("demo-committee")
    m = raise_(committee, area=floor_chief_corridor(demo_graph))["matter"]
    first = committee.data(ONE, {"id": m["id"]})["matter"]["steps"]
    # Eight notes at once: each is numbered after the others, none overwrites another.
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda n: advance(committee, id=m["id"], action="NOTE", note=f"n{n}"),
                      range(8)))  # fmt: skip
    steps = committee.data(ONE, {"id": m["id"]})["matter"]["steps"]
    assert [s["seq"] for s in steps] == list(range(1, 10))
    assert steps[0] == first[0]
    # No field of the schema changes or removes a step.
    mutations = committee.data("{ __schema { mutationType { fields { name } } } }")
    names = {f["name"] for f in mutations["__schema"]["mutationType"]["fields"]}
    assert {n for n in names if "atter" in n} == {"raiseMatter", "advanceMatter"}
    backdated = advance(committee, id=m["id"], action="NOTE", on=str(date.today() - timedelta(3)))
    assert [e["code"] for e in backdated["errors"]] == ["INVALID_DATES"]


def test_a_floor_chief_raises_matters_for_their_corridor_only(
    api: GraphQLClient, demo_graph: Roster
) -> None:
    chief = api.as_account("demo-floor-chief")
    corridor = floor_chief_corridor(demo_graph)
    other = next(g.corridor for g in demo_graph.grid if g.corridor != corridor)
    ok = raise_(chief, area=corridor, title="电梯异响", category="REPAIRS")
    assert ok["errors"] == [] and ok["matter"]["raisedBy"] is not None
    refused = raise_(chief, area=other)
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("FORBIDDEN", "area")]
    block = next(g.block for g in demo_graph.grid if g.corridor == corridor)
    assert [e["code"] for e in raise_(chief, area=block)["errors"]] == ["FORBIDDEN"]
    # The committee's matter about another corridor: unknown to the floor chief.
    theirs = raise_(api.as_account("demo-committee"), area=other)["matter"]
    assert chief.data(ONE, {"id": theirs["id"]})["matter"] is None
    assert [e["code"] for e in advance(chief, id=theirs["id"], action="ACCEPT")["errors"]] == [
        "NOT_FOUND"
    ]
    board = chief.data(BOARD)["matters"]
    assert board and {m["area"]["code"] for m in board} == {corridor}
    # A planner reads the board but raises nothing.
    planner = api.as_account("demo-planner")
    assert planner.data(BOARD, {"f": {"level": "BUILDING"}})["matters"]
    body = planner.raw(RAISE, {"i": {"area": corridor, "title": "x", "category": "OTHER"}})
    assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]


def test_an_open_matter_past_its_days_is_proposed_for_the_next_level(
    api: GraphQLClient, demo_graph: Roster
) -> None:
    committee = api.as_account("demo-committee")
    corridor = floor_chief_corridor(demo_graph)
    # The service's today is the machine's (the demo's data is of DEMO_TODAY).
    old = raise_(committee, area=corridor, on=str(date.today() - timedelta(15)))["matter"]
    fresh = raise_(committee, area=corridor, on=str(date.today() - timedelta(14)))["matter"]
    board = {m["id"]: m for m in committee.data(BOARD, {"f": {"area": corridor}})["matters"]}
    assert (board[old["id"]]["escalationDueDays"], board[old["id"]]["proposedLevel"]) == (
        1, "CONSULTATION"
    )  # fmt: skip
    assert board[fresh["id"]]["escalationDueDays"] is None
    future = raise_(committee, area=corridor, on=str(date.today() + timedelta(1)))
    assert [e["code"] for e in future["errors"]] == ["INVALID_DATES"]


MEETING = """mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) {
    meeting { id title on troika troikaComplete matterIds
              participants { capacity person { id } }
              decisions { seq text responsible due done overdue followUps } }
    errors { code field } } }"""
FOLLOW = """mutation($m: ID!, $d: Int!, $n: String!, $done: Boolean!) {
    followUpDecision(meetingId: $m, decision: $d, note: $n, done: $done) {
    meeting { decisions { seq done doneOn followUps } } errors { code field } } }"""
MATTER_MEETINGS = "query($id: ID!) { matter(id: $id) { meetings { id troikaComplete } } }"


def days(n: int) -> str:
    """Today (the service's, the machine's) plus ``n`` days."""
    return str(date.today() + timedelta(n))


def test_a_consultation_meeting_with_the_troika_and_its_decisions(
    api: GraphQLClient, demo_graph: Roster
) -> None:
    committee = api.as_account("demo-committee")
    corridor = floor_chief_corridor(demo_graph)
    matter = raise_(committee, area=corridor, level="CONSULTATION", title="停车位划线")["matter"]
    first = {k: next(p.person_id for p in demo_graph.people if p.kind == k)
             for k in ("committee_staff", "owners_committee", "property")}  # fmt: skip
    resident = next(r.resident_id for r in demo_graph.residents if r.corridor == corridor)
    held = days(-10)
    fields = {
        "area": corridor, "title": "停车协商议事会", "on": held, "place": "社区活动室",
        "matterIds": [matter["id"]],
        "participants": [
            {"personId": first["committee_staff"], "capacity": "COMMITTEE_STAFF"},
            {"personId": first["owners_committee"], "capacity": "OWNERS_COMMITTEE"},
            {"personId": first["property"], "capacity": "PROPERTY_COMPANY"},
            {"personId": resident, "capacity": "RESIDENT"},
        ],
        "decisions": [
            {"text": "物业重新划线", "responsible": "物业公司", "due": days(-1)},
            {"text": "楼组长告知居民", "responsible": "楼组长", "due": days(7)},
        ],
    }  # fmt: skip
    made = committee.data(MEETING, {"i": fields})["recordMeeting"]
    assert made["errors"] == []
    meeting = made["meeting"]
    assert meeting["troikaComplete"] and len(meeting["troika"]) == 3
    assert meeting["matterIds"] == [matter["id"]]
    assert [(d["seq"], d["done"], d["overdue"]) for d in meeting["decisions"]] == [
        (1, False, True), (2, False, False)
    ]  # fmt: skip
    followed = committee.data(
        FOLLOW, {"m": meeting["id"], "d": 1, "n": "已联系物业", "done": False}
    )
    done = committee.data(FOLLOW, {"m": meeting["id"], "d": 1, "n": "划线完成", "done": True})
    first_decision = done["followUpDecision"]["meeting"]["decisions"][0]
    assert first_decision["done"] and first_decision["doneOn"] == str(date.today())
    assert [n.split(" ", 1)[1] for n in first_decision["followUps"]] == ["已联系物业", "划线完成"]
    assert followed["followUpDecision"]["errors"] == []
    seen = committee.data(MATTER_MEETINGS, {"id": matter["id"]})["matter"]["meetings"]
    assert [m["id"] for m in seen] == [meeting["id"]]

    # Without the property company the troika is not complete; wrong input is refused.
    partial = {**fields, "participants": fields["participants"][:2], "decisions": []}
    assert not committee.data(MEETING, {"i": partial})["recordMeeting"]["meeting"]["troikaComplete"]
    late = {**fields, "decisions": [{"text": "x", "responsible": "y", "due": days(-30)}]}
    assert [e["code"] for e in committee.data(MEETING, {"i": late})["recordMeeting"]["errors"]] == [
        "INVALID_DATES"
    ]
    nobody = {**fields, "participants": [{"personId": "NOBODY", "capacity": "RESIDENT"}]}
    assert [
        e["code"] for e in committee.data(MEETING, {"i": nobody})["recordMeeting"]["errors"]
    ] == ["NOT_FOUND"]
    chief = api.as_account("demo-floor-chief").raw(MEETING, {"i": fields})
    assert [e["extensions"]["code"] for e in chief["errors"]] == ["FORBIDDEN"]
