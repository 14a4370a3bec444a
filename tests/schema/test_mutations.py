"""Every mutation against the demo community: what it changes, and each typed error."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from graph.store.connection import Neo4jTarget
from seeds.rows import Roster
from tests.conftest import DEMO_TODAY
from tests.support.gql import GraphQLClient, graphql_client

ASSIGN = """mutation($i: AssignRoleInput!) { assignRole(input: $i) {
    role { id role since until person { id } area { code } }
    errors { code field message messageZh } } }"""
END_ROLE = """mutation($id: ID!, $until: Date!) { endRole(id: $id, until: $until) {
    role { id until } errors { code field } } }"""
ADD_HELPER = """mutation($i: AddHelperInput!) { addHelper(input: $i) {
    pairing { id kind helper { id } resident { id } } errors { code field } } }"""
END_HELPER = """mutation($id: ID!, $until: Date!) { endHelper(id: $id, until: $until) {
    pairing { id until } errors { code field } } }"""
VISIT = """mutation($i: RecordVisitInput!) { recordVisit(input: $i) {
    visit { on mode note visitor { id } resident { id } } errors { code field } } }"""
UPSERT_PERSON = """mutation($i: PersonInput!) { upsertPerson(input: $i) {
    person { id name kind ... on Worker { capacity organisation } } errors { code field } } }"""
UPSERT_RESIDENT = """mutation($i: ResidentInput!) { upsertResident(input: $i) {
    person { id name ... on Resident { birthYear household { id dwelling { room } } } }
    errors { code field } } }"""
MOVE = """mutation($i: MoveHouseholdInput!) { moveHousehold(input: $i) {
    dwelling { key room corridor { code } } errors { code field } } }"""
CAPACITY = """mutation($p: ID!, $c: Int!) { setCapacity(personId: $p, capacity: $c) {
    person { id ... on Worker { capacity } } errors { code field } } }"""


@pytest.fixture(scope="module")
def api(demo_graph: Roster, neo4j_target: Neo4jTarget) -> Iterator[GraphQLClient]:
    with graphql_client(neo4j_target) as client:
        yield client


def run(api: GraphQLClient, query: str, **variables: Any) -> dict[str, Any]:
    [payload] = api.data(query, variables).values()
    return payload


def codes(payload: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(e["code"], e["field"]) for e in payload["errors"]]


def active_on(roster: Roster, role: str, scope: str) -> list[str]:
    return [
        r.person_id
        for r in roster.roles
        if r.role == role
        and r.scope == scope
        and r.since <= DEMO_TODAY
        and (r.until is None or r.until >= DEMO_TODAY)
    ]


def test_assign_and_end_a_role_with_history_kept(api: GraphQLClient, demo_graph: Roster) -> None:
    corridor = next(
        g.corridor
        for g in demo_graph.grid
        if active_on(demo_graph, "second_floor_chief", g.corridor)
    )
    holder = active_on(demo_graph, "second_floor_chief", corridor)[0]
    candidate = next(
        r.resident_id
        for r in demo_graph.residents
        if r.corridor == corridor and r.resident_id != holder
    )
    start = (DEMO_TODAY + timedelta(days=30)).isoformat()
    taken = run(
        api,
        ASSIGN,
        i={"personId": candidate, "role": "SECOND_FLOOR_CHIEF", "scope": corridor, "since": start},
    )
    assert codes(taken) == [("ROLE_ALREADY_HELD", "scope")] and taken["role"] is None
    assert holder in taken["errors"][0]["message"] and taken["errors"][0]["messageZh"]

    roles = api.data(
        "query($p: ID!) { person(id: $p) { roles { id role area { code } } } }", {"p": holder}
    )["person"]["roles"]
    role_id = next(r["id"] for r in roles if r["area"]["code"] == corridor)
    end = (DEMO_TODAY + timedelta(days=29)).isoformat()
    assert run(api, END_ROLE, id=role_id, until=end)["role"] == {"id": role_id, "until": end}
    assert codes(run(api, END_ROLE, id=role_id, until="2099-01-01")) == [("ALREADY_ENDED", "until")]

    given = run(
        api,
        ASSIGN,
        i={"personId": candidate, "role": "SECOND_FLOOR_CHIEF", "scope": corridor, "since": start},
    )
    assert given["errors"] == [] and given["role"]["person"]["id"] == candidate
    history = api.data(
        """query($c: ID!) { area(code: $c) {
        roleHolders(includeEnded: true) { person { id } until } } }""",
        {"c": corridor},
    )
    assert {"person": {"id": holder}, "until": end} in history["area"]["roleHolders"]


def test_role_errors(api: GraphQLClient, demo_graph: Roster) -> None:
    someone = demo_graph.residents[5].resident_id
    micro_grid = demo_graph.grid[0].micro_grid
    base = {
        "personId": someone,
        "role": "BLOCK_LEADER",
        "scope": demo_graph.grid[0].block,
        "since": "2026-12-01",
    }
    assert codes(run(api, ASSIGN, i={**base, "personId": "ghost"})) == [("NOT_FOUND", "personId")]
    assert codes(run(api, ASSIGN, i={**base, "scope": "nowhere"})) == [("NOT_FOUND", "scope")]
    assert codes(run(api, ASSIGN, i={**base, "scope": micro_grid})) == [("WRONG_SCOPE", "scope")]
    assert codes(run(api, ASSIGN, i={**base, "until": "2026-11-30"})) == [
        ("INVALID_DATES", "until")
    ]
    assert codes(run(api, END_ROLE, id="not-a-role", until="2026-12-01")) == [("NOT_FOUND", "id")]


def test_add_and_end_a_helper_pairing(api: GraphQLClient, demo_graph: Roster) -> None:
    helper, resident = demo_graph.people[-1].person_id, demo_graph.residents[10].resident_id
    given = {"helperId": helper, "residentId": resident, "kind": "VOLUNTEER", "since": "2026-10-01"}
    added = run(api, ADD_HELPER, i=given)
    assert added["errors"] == [] and added["pairing"]["resident"]["id"] == resident
    assert codes(run(api, ADD_HELPER, i=given)) == [("ALREADY_PAIRED", "helperId")]
    assert codes(run(api, ADD_HELPER, i={**given, "helperId": resident})) == [
        ("SELF_HELP", "helperId")
    ]
    assert codes(
        run(api, ADD_HELPER, i={**given, "residentId": demo_graph.people[0].person_id})
    ) == [("NOT_FOUND", "residentId")]
    assert codes(run(api, ADD_HELPER, i={**given, "until": "2026-09-01"})) == [
        ("INVALID_DATES", "until")
    ]
    pairing = added["pairing"]["id"]
    assert codes(run(api, END_HELPER, id=pairing, until="2026-09-01")) == [
        ("INVALID_DATES", "until")
    ]
    assert run(api, END_HELPER, id=pairing, until="2026-10-31")["pairing"]["until"] == "2026-10-31"
    helping = api.data(
        """query($p: ID!) { person(id: $p) {
        now: helping(asOf: "2026-11-01") { resident { id } }
        then: helping(asOf: "2026-10-15") { resident { id } } } }""",
        {"p": helper},
    )["person"]
    assert {"resident": {"id": resident}} in helping["then"]
    assert {"resident": {"id": resident}} not in helping["now"]


def test_record_a_visit(api: GraphQLClient, demo_graph: Roster) -> None:
    visitor, resident = demo_graph.people[0].person_id, demo_graph.residents[3].resident_id
    given = {
        "visitorId": visitor,
        "residentId": resident,
        "on": "2026-10-30",
        "mode": "PHONE",
        "note": "血压正常",
    }
    visit = run(api, VISIT, i=given)
    assert visit["errors"] == [] and visit["visit"]["mode"] == "PHONE"
    latest = api.data(
        "query($r: ID!) { resident(id: $r) { visits { on visitor { id } } } }", {"r": resident}
    )["resident"]["visits"]
    assert {"on": "2026-10-30", "visitor": {"id": visitor}} in latest
    assert codes(run(api, VISIT, i={**given, "on": "2099-01-01"})) == [("INVALID_DATES", "on")]
    assert codes(run(api, VISIT, i={**given, "visitorId": "ghost"})) == [("NOT_FOUND", "visitorId")]


def test_add_update_people_and_residents(api: GraphQLClient, demo_graph: Roster) -> None:
    new = {
        "id": "VX01",
        "name": "测试志愿者",
        "kind": "VOLUNTEER",
        "capacity": 4,
        "organisation": "青松社区志愿服务队",
    }
    assert run(api, UPSERT_PERSON, i=new)["person"] == {
        "id": "VX01",
        "name": "测试志愿者",
        "kind": "VOLUNTEER",
        "capacity": 4,
        "organisation": "青松社区志愿服务队",
    }
    assert run(api, CAPACITY, p="VX01", c=6)["person"]["capacity"] == 6
    assert codes(run(api, CAPACITY, p="VX01", c=-1)) == [("BAD_USER_INPUT", "capacity")]
    assert codes(run(api, CAPACITY, p="ghost", c=1)) == [("NOT_FOUND", "personId")]
    resident_id = demo_graph.residents[0].resident_id
    assert codes(run(api, UPSERT_PERSON, i={**new, "id": resident_id})) == [("WRONG_KIND", "id")]

    corridor = demo_graph.grid[0].corridor
    newcomer = {
        "id": "RX01",
        "name": "新居民",
        "gender": "FEMALE",
        "birthYear": 1950,
        "householdId": "HX01",
        "corridor": corridor,
        "room": "999",
    }
    made = run(api, UPSERT_RESIDENT, i=newcomer)
    assert made["person"]["household"] == {"id": "HX01", "dwelling": {"room": "999"}}
    not_a_doctor = {**newcomer, "familyDoctor": resident_id}
    assert codes(run(api, UPSERT_RESIDENT, i=not_a_doctor)) == [("WRONG_KIND", "familyDoctor")]
    renamed = run(api, UPSERT_RESIDENT, i={**newcomer, "name": "改名"})
    assert renamed["person"]["name"] == "改名"
    assert codes(run(api, UPSERT_RESIDENT, i={**newcomer, "birthYear": 1800})) == [
        ("BAD_USER_INPUT", "birthYear")
    ]
    assert codes(
        run(api, UPSERT_RESIDENT, i={**newcomer, "householdId": "HX02", "corridor": None})
    ) == [("BAD_USER_INPUT", "corridor")]


def test_move_a_household_keeps_the_old_home(
    api: GraphQLClient, demo_graph: Roster, neo4j_target: Neo4jTarget
) -> None:
    resident = demo_graph.residents[20]
    target_corridor = demo_graph.grid[-1].corridor
    moved = run(
        api,
        MOVE,
        i={
            "householdId": resident.household_id,
            "corridor": target_corridor,
            "room": "1801",
            "on": "2026-11-01",
        },
    )
    assert moved["dwelling"]["corridor"]["code"] == target_corridor
    found = api.data(
        "query($r: ID!) { resident(id: $r) { corridor { code } } }", {"r": resident.resident_id}
    )["resident"]
    assert found["corridor"]["code"] == target_corridor
    with neo4j_target.sync_driver() as driver:
        homes = driver.execute_query(
            "MATCH (:Household {id: $h})-[l:LIVES_IN]->(d) RETURN d.key AS d, l.until AS until",
            h=f"QS/{resident.household_id}",  # the graph holds references (graph.identity)
        ).records
    assert sorted((r["d"], str(r["until"])) for r in homes) == sorted(
        [
            (f"QS/{resident.corridor}/{resident.room}", "2026-10-31"),
            (f"QS/{target_corridor}/1801", "None"),
        ]
    )
    assert codes(
        run(
            api,
            MOVE,
            i={
                "householdId": "ghost",
                "corridor": target_corridor,
                "room": "1",
                "on": "2026-11-01",
            },
        )
    ) == [("NOT_FOUND", "householdId")]
