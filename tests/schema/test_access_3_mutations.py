"""Who may change what (3 of 6): visits, pairings and capacities by role, and nothing in the
other community.

The world and the order of the ``test_access_*`` modules: :mod:`tests.schema.access_world`.
"""

from __future__ import annotations

import pytest

from tests.schema.access_world import AS_OF, ROLES, World, as_role, at, codes
from tests.support.gql import GraphQLClient

VISIT = at(
    """mutation($v: ID!, $r: ID!) { recordVisit(input: {visitorId: $v, residentId: $r,
    on: "%s", mode: PHONE, note: "matrix"}) { visit { on } errors { code field } } }"""
)


def test_a_floor_chief_records_visits_as_themselves_in_their_corridor(
    app: GraphQLClient, world: World
) -> None:
    chief = as_role(app, "floor_chief")
    ok = chief.data(VISIT, {"v": world.chief, "r": world.subject["corridor"]})["recordVisit"]
    assert ok == {"visit": {"on": AS_OF}, "errors": []}
    other = chief.data(VISIT, {"v": world.grid_worker, "r": world.subject["corridor"]})
    assert other["recordVisit"]["errors"] == [{"code": "FORBIDDEN", "field": "visitorId"}]
    outside = chief.data(VISIT, {"v": world.chief, "r": world.subject["micro_grid"]})
    assert outside["recordVisit"]["errors"] == [{"code": "NOT_FOUND", "field": "residentId"}]


def test_a_grid_worker_records_visits_in_their_micro_grid(app: GraphQLClient, world: World) -> None:
    worker = as_role(app, "grid_worker")
    ok = worker.data(VISIT, {"v": world.grid_worker, "r": world.subject["micro_grid"]})
    assert ok["recordVisit"]["errors"] == []
    outside = worker.data(VISIT, {"v": world.grid_worker, "r": world.subject["area"]})
    assert outside["recordVisit"]["errors"] == [{"code": "NOT_FOUND", "field": "residentId"}]


@pytest.mark.parametrize("role", ROLES)
def test_who_may_use_which_mutation(app: GraphQLClient, world: World, role: str) -> None:
    pairing = at(
        """mutation($h: ID!, $r: ID!) { addHelper(input: {helperId: $h, residentId: $r,
        kind: VOLUNTEER, since: "%s"}) { pairing { id } errors { code field } } }"""
    )
    target = world.subject["other" if role == "admin" else "area"]
    body = as_role(app, role).raw(pairing, {"h": "XC/XV1", "r": target})
    if role == "floor_chief":
        assert codes(body) == ["FORBIDDEN"]
    elif role == "grid_worker":
        # The resident lives outside the micro-grid: unknown to this role.
        assert body["data"]["addHelper"]["errors"] == [{"code": "NOT_FOUND", "field": "residentId"}]
    elif role != "admin":  # the volunteer helps in another community: out of reach
        assert body["data"]["addHelper"]["errors"] == [{"code": "NOT_FOUND", "field": "helperId"}]
    else:  # no reach to cross; and a pairing across communities would widen the others' reach
        assert "errors" not in body
    capacity = """mutation($p: ID!) { setCapacity(personId: $p, capacity: 4) {
        errors { code } } }"""
    body = as_role(app, role).raw(capacity, {"p": world.grid_worker})
    if role in ("admin", "committee"):
        assert body["data"]["setCapacity"]["errors"] == []
    else:
        assert codes(body) == ["FORBIDDEN"]


def test_the_committee_changes_nothing_in_another_community(app: GraphQLClient) -> None:
    committee = as_role(app, "committee")
    move = at("""mutation($h: ID!, $c: ID!) { moveHousehold(input: {householdId: $h,
        corridor: $c, room: "909", on: "%s"}) { dwelling { key } errors { code field } } }""")
    assert committee.data(move, {"h": "XC/XH1", "c": "QS-B01-C1"})["moveHousehold"]["errors"] == [
        {"code": "FORBIDDEN", "field": "householdId"}
    ]
    resident = """mutation($c: ID) { upsertResident(input: {id: "XR2", name: "新居民",
        gender: FEMALE, birthYear: 1950, householdId: "XH2", corridor: $c, room: "102"}) {
        person { id } errors { code field } } }"""
    outside = committee.data(resident, {"c": "XC/XC-B1-C1"})["upsertResident"]
    assert outside == {"person": None, "errors": [{"code": "FORBIDDEN", "field": "corridor"}]}
    existing = """mutation { upsertResident(input: {id: "XC/XR1", name: "改名", gender: FEMALE,
        birthYear: 1931, householdId: "XC/XH1"}) { person { id } errors { code field } } }"""
    assert committee.data(existing)["upsertResident"]["errors"] == [
        {"code": "NOT_FOUND", "field": "id"}
    ]
    assert codes(as_role(app, "grid_worker").raw(move, {"h": "XC/XH1", "c": "QS-B01-C1"})) == [
        "FORBIDDEN"
    ]
