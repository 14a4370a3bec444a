"""``myElders``, a floor chief's vulnerable elders, against the demo community: the order and the
overdue flags against what this test computes from ``coverageGaps`` of the same corridors, the
scope (the chief's corridors only, the account's scope respected; other roles as documented),
and a visit recorded through ``recordVisit`` moving the elder down."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from graph.identity import local
from graph.store.connection import Neo4jTarget
from seeds.demo_accounts import create_demo_accounts, demo_accounts
from seeds.rows import Roster
from tests.conftest import DEMO_TODAY
from tests.support.gql import GraphQLClient, ensure_account, graphql_client

pytestmark = pytest.mark.neo4j

CONTACT_DAYS = 14  # the default rules'
CHIEF_ROLES = ("first_floor_chief", "second_floor_chief")

MY_ELDERS = """query($asOf: Date) { myElders(asOf: $asOf) {
    residentId name ageBand corridor daysSinceLastVisit lastVisitOn lastVisitMode lastVisitorId
    overdue underSupported reasons } }"""
VULNERABLE = """query($scope: ID, $asOf: Date) { coverageGaps(scope: $scope, asOf: $asOf) {
    vulnerableElders(first: 100) { totalCount nodes {
        residentId name ageBand corridor underSupported reasons { code }
        lastContact { visitorId on mode } } } } }"""
VISIT = """mutation($i: RecordVisitInput!) { recordVisit(input: $i) {
    visit { on mode visitor { id } } errors { code field message messageZh } } }"""
ASSIGN = """mutation($i: AssignRoleInput!) { assignRole(input: $i) {
    role { id } errors { code field message } } }"""


@pytest.fixture(scope="module")
def api(demo_graph: Roster, neo4j_target: Neo4jTarget) -> Iterator[GraphQLClient]:
    """The admin's client, with the demo accounts created beside it."""
    with graphql_client(neo4j_target) as client:
        create_demo_accounts(neo4j_target, demo_graph, today=DEMO_TODAY)
        yield client


@pytest.fixture(scope="module")
def chief(demo_graph: Roster) -> tuple[str, str]:
    """The demo floor chief: (person id, corridor) as the API shows them."""
    [spec] = [a for a in demo_accounts(demo_graph, today=DEMO_TODAY) if a.role == "floor_chief"]
    person, corridor = local("QS", spec.person_id or ""), local("QS", spec.scope or "")
    assert person and corridor
    return person, corridor


@pytest.fixture(scope="module")
def day(api: GraphQLClient, chief: tuple[str, str]) -> date:
    """A day on which the chief's corridor has overdue elders and elders seen in time: the day
    after the earliest last visit (on the demo's "today") fell out of the contact window."""
    seen = [
        date.fromisoformat(e["lastVisitOn"])
        for e in expected(api, {chief[1]}, DEMO_TODAY)
        if e["lastVisitOn"]
    ]
    assert len(set(seen)) > 1, seen
    return min(seen) + timedelta(days=CONTACT_DAYS + 1)


def served(roster: Roster, person: str, day: date) -> set[str]:
    """The corridors the roster makes ``person`` a floor chief of on ``day``."""
    return {
        r.scope
        for r in roster.roles
        if r.person_id == person
        and r.role in CHIEF_ROLES
        and r.since <= day
        and (r.until is None or day <= r.until)
    }


def expected(api: GraphQLClient, corridors: set[str], day: date) -> list[dict[str, Any]]:
    """What myElders should answer, computed here from the admin's coverageGaps."""
    rows = []
    for corridor in sorted(corridors):
        report = api.data(VULNERABLE, {"scope": corridor, "asOf": day.isoformat()})
        page = report["coverageGaps"]["vulnerableElders"]
        assert page["totalCount"] == len(page["nodes"])
        for e in page["nodes"]:
            last = e["lastContact"]
            days = (day - date.fromisoformat(last["on"])).days if last else None
            rows.append(
                {
                    "residentId": e["residentId"],
                    "name": e["name"],
                    "ageBand": e["ageBand"],
                    "corridor": e["corridor"],
                    "daysSinceLastVisit": days,
                    "lastVisitOn": last["on"] if last else None,
                    "lastVisitMode": last["mode"].upper() if last else None,
                    "lastVisitorId": last["visitorId"] if last else None,
                    "overdue": days is None or days > CONTACT_DAYS,
                    "underSupported": e["underSupported"],
                    "reasons": [r["code"] for r in e["reasons"]],
                }
            )

    def key(r: dict[str, Any]) -> tuple[bool, float, str]:
        days = r["daysSinceLastVisit"]
        return (not r["overdue"], -(float("inf") if days is None else days), r["residentId"])

    return sorted(rows, key=key)


def mine(api: GraphQLClient, account: str, day: date) -> list[dict[str, Any]]:
    answer = api.as_account(account).data(MY_ELDERS, {"asOf": day.isoformat()})
    elders: list[dict[str, Any]] = answer["myElders"]
    return elders


def test_order_and_flags_agree_with_the_coverage_report(
    api: GraphQLClient, demo_graph: Roster, chief: tuple[str, str], day: date
) -> None:
    person, corridor = chief
    assert served(demo_graph, person, day) == {corridor}
    got = mine(api, "demo-floor-chief", day)
    assert got == expected(api, {corridor}, day)
    # The day was chosen to hold both kinds, so the order is a real one.
    flags = [e["overdue"] for e in got]
    assert True in flags and False in flags, flags
    assert flags == sorted(flags, reverse=True)  # overdue first


def test_the_scope_is_the_chiefs_own_corridors(
    api: GraphQLClient,
    demo_graph: Roster,
    chief: tuple[str, str],
    day: date,
    neo4j_target: Neo4jTarget,
) -> None:
    person, corridor = chief
    # Another corridor, without a second floor chief: the chief takes it on too.
    other = next(
        g.corridor
        for g in sorted(demo_graph.grid, key=lambda g: g.corridor)
        if g.corridor != corridor
        and not any(
            r.scope == g.corridor and r.role == "second_floor_chief" for r in demo_graph.roles
        )
    )
    since = (day - timedelta(days=30)).isoformat()
    given = api.data(
        ASSIGN,
        {"i": {"personId": person, "role": "SECOND_FLOOR_CHIEF", "scope": other, "since": since}},
    )["assignRole"]
    assert given["errors"] == [], given
    # The floor chief's account is scoped to its corridor: the other one stays out of its list.
    assert {e["corridor"] for e in mine(api, "demo-floor-chief", day)} == {corridor}
    # A committee member bound to the same person reads both corridors (its scope holds them).
    ensure_account(
        neo4j_target, "test-committee-chief", role="committee", scope="QS", person_id=f"QS/{person}"
    )
    both = mine(api, "test-committee-chief", day)
    assert both == expected(api, {corridor, other}, day)
    assert {e["corridor"] for e in both} == {corridor, other}
    # Before the chief's first term began, they served no corridor.
    first = min(r.since for r in demo_graph.roles if r.person_id == person)
    assert mine(api, "test-committee-chief", first - timedelta(days=1)) == []
    # An account bound to nobody gets an empty list; roles without the field are refused.
    assert mine(api, "demo-committee", day) == []
    assert api.data(MY_ELDERS, {"asOf": day.isoformat()})["myElders"] == []  # the suite's admin
    for account in ("demo-planner", "demo-grid-worker"):
        body = api.as_account(account).raw(MY_ELDERS, {"asOf": day.isoformat()})
        assert body["data"] is None
        [error] = body["errors"]
        assert error["extensions"]["code"] == "FORBIDDEN"
        assert error["extensions"]["zh"] and error["extensions"]["en"]
    viewer = api.as_account("demo-floor-chief").data("{ viewer { can } }")["viewer"]
    assert "myElders" in viewer["can"]


def test_a_recorded_visit_moves_the_elder_down(
    api: GraphQLClient, chief: tuple[str, str], day: date
) -> None:
    person, _ = chief
    before = mine(api, "demo-floor-chief", day)
    elder = before[0]
    assert elder["overdue"]
    visit = {"visitorId": person, "residentId": elder["residentId"], "on": day.isoformat(),
             "mode": "HOME"}  # fmt: skip
    done = api.as_account("demo-floor-chief").data(VISIT, {"i": visit})["recordVisit"]
    assert done["errors"] == [] and done["visit"]["visitor"]["id"] == person
    after = mine(api, "demo-floor-chief", day)
    moved = next(e for e in after if e["residentId"] == elder["residentId"])
    assert moved["overdue"] is False and moved["daysSinceLastVisit"] == 0
    assert moved["lastVisitOn"] == day.isoformat() and moved["lastVisitorId"] == person
    assert moved["lastVisitMode"] == "HOME"
    assert after.index(moved) > before.index(elder)
    # The others keep their order.
    assert [e for e in after if e is not moved] == before[1:]


def test_reads_are_audited(api: GraphQLClient, day: date) -> None:
    read = {e["residentId"] for e in mine(api, "demo-floor-chief", day)}
    log = api.data("{ auditLog(first: 200) { accountId operation kind personIds } }")["auditLog"]
    entry = next(
        e for e in log if e["accountId"] == "demo-floor-chief" and e["operation"] == "myElders"
    )
    assert entry["kind"] == "read" and read <= set(entry["personIds"])
