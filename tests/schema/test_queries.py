"""Every query over the demo community, checked against the roster it was loaded from."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from graph.store.connection import Neo4jTarget
from seeds.rows import Roster
from tests.conftest import DEMO_TODAY
from tests.support.gql import GraphQLClient, graphql_client

AS_OF = DEMO_TODAY.isoformat()


@pytest.fixture(scope="module")
def api(demo_graph: Roster, neo4j_target: Neo4jTarget) -> Iterator[GraphQLClient]:
    with graphql_client(neo4j_target) as client:
        yield client


def levels(roster: Roster) -> dict[str, set[str]]:
    return {
        "RESIDENTIAL_AREA": {g.area for g in roster.grid},
        "MICRO_GRID": {g.micro_grid for g in roster.grid},
        "BLOCK": {g.block for g in roster.grid},
        "CORRIDOR": {g.corridor for g in roster.grid},
    }


def corridors_below(roster: Roster, code: str) -> set[str]:
    return {
        g.corridor
        for g in roster.grid
        if code in (roster.community, g.area, g.micro_grid, g.block, g.corridor)
    }


def test_communities_and_the_hierarchy(api: GraphQLClient, demo_graph: Roster) -> None:
    data = api.data("{ communities { code level children { code level parent { code } } } }")
    [community] = data["communities"]
    assert community["code"] == demo_graph.community and community["level"] == "COMMUNITY"
    assert {c["code"] for c in community["children"]} == levels(demo_graph)["RESIDENTIAL_AREA"]
    assert all(c["parent"]["code"] == demo_graph.community for c in community["children"])


@pytest.mark.parametrize("level", ["RESIDENTIAL_AREA", "MICRO_GRID", "BLOCK", "CORRIDOR"])
def test_area_of_every_level_with_counts(
    api: GraphQLClient, demo_graph: Roster, level: str
) -> None:
    code = sorted(levels(demo_graph)[level])[1]
    query = """query($code: ID!, $asOf: Date) { area(code: $code) { code level
        counts(asOf: $asOf) { households residents aged60Plus aged80Plus livingAlone }
        buildings { code housingType } } }"""
    area = api.data(query, {"code": code, "asOf": AS_OF})["area"]
    assert area["level"] == level
    inside = [r for r in demo_graph.residents if r.corridor in corridors_below(demo_graph, code)]
    members = Counter(r.household_id for r in inside)
    assert area["counts"] == {
        "households": len(members),
        "residents": len(inside),
        "aged60Plus": sum(1 for r in inside if DEMO_TODAY.year - r.birth_year >= 60),
        "aged80Plus": sum(1 for r in inside if DEMO_TODAY.year - r.birth_year >= 80),
        "livingAlone": sum(1 for n in members.values() if n == 1),
    }
    buildings = {
        g.building for g in demo_graph.grid if g.corridor in corridors_below(demo_graph, code)
    }
    assert {b["code"] for b in area["buildings"]} == buildings


def test_a_corridor_down_to_its_people(api: GraphQLClient, demo_graph: Roster) -> None:
    corridor = demo_graph.residents[0].corridor
    query = """query($code: ID!) { area(code: $code) { dwellings { room households { id
        members { id name household { id } } } } } }"""
    dwellings = api.data(query, {"code": corridor})["area"]["dwellings"]
    expected = {
        (r.room, r.household_id, r.resident_id)
        for r in demo_graph.residents
        if r.corridor == corridor
    }
    found = {
        (d["room"], h["id"], m["id"])
        for d in dwellings
        for h in d["households"]
        for m in h["members"]
    }
    assert found == expected


def test_unknown_area_resident_and_person_are_null(api: GraphQLClient) -> None:
    data = api.data(
        '{ area(code: "nope") { code } resident(id: "x") { id } person(id: "x") { id } }'
    )
    assert data == {"area": None, "resident": None, "person": None}


def test_resident_and_person_with_their_ties(api: GraphQLClient, demo_graph: Roster) -> None:
    resident = next(r for r in demo_graph.residents if r.family_doctor and r.party)
    query = """query($id: ID!, $asOf: Date) { resident(id: $id) { id name age(asOf: $asOf)
        birthYear tags mobility party { kind } corridor { code }
        familyDoctor { id kind ... on Worker { organisation } }
        household { id members { id } } roles(asOf: $asOf) { role area { code } } } }"""
    found = api.data(query, {"id": resident.resident_id, "asOf": AS_OF})["resident"]
    assert found["age"] == DEMO_TODAY.year - resident.birth_year
    assert found["party"]["kind"] == resident.party.upper()
    assert found["corridor"]["code"] == resident.corridor
    assert found["familyDoctor"] == {
        "id": resident.family_doctor,
        "kind": "DOCTOR",
        "organisation": next(
            p.organisation for p in demo_graph.people if p.person_id == resident.family_doctor
        ),
    }
    assert {m["id"] for m in found["household"]["members"]} == {
        r.resident_id for r in demo_graph.residents if r.household_id == resident.household_id
    }
    expected_roles = {
        (r.role.upper(), r.scope)
        for r in demo_graph.roles
        if r.person_id == resident.resident_id
        and r.since <= DEMO_TODAY
        and (r.until is None or r.until >= DEMO_TODAY)
    }
    assert {(r["role"], r["area"]["code"]) for r in found["roles"]} == expected_roles


def test_helpers_in_both_directions_and_visits(api: GraphQLClient, demo_graph: Roster) -> None:
    pairing = next(h for h in demo_graph.helpers if h.until is None)
    query = """query($r: ID!, $h: ID!, $asOf: Date) {
        resident(id: $r) {
            helpers(asOf: $asOf) { kind helper { id } } visits { on visitor { id } } }
        person(id: $h) { helping(asOf: $asOf) { resident { id } } } }"""
    data = api.data(query, {"r": pairing.resident_id, "h": pairing.helper_id, "asOf": AS_OF})
    assert {h["helper"]["id"] for h in data["resident"]["helpers"]} == {
        h.helper_id
        for h in demo_graph.helpers
        if h.resident_id == pairing.resident_id
        and h.since <= DEMO_TODAY
        and (h.until is None or h.until >= DEMO_TODAY)
    }
    assert pairing.resident_id in {h["resident"]["id"] for h in data["person"]["helping"]}
    visits = sorted(
        (v for v in demo_graph.visits if v.resident_id == pairing.resident_id),
        key=lambda v: v.date,
        reverse=True,
    )
    assert [v["on"] for v in data["resident"]["visits"]] == [
        v.date.isoformat() for v in visits[:10]
    ]


def test_as_of_before_and_after_a_role_ends(api: GraphQLClient, demo_graph: Roster) -> None:
    ended = next(r for r in demo_graph.roles if r.until is not None and r.until < DEMO_TODAY)
    query = """query($code: ID!, $asOf: Date) { area(code: $code) {
        roleHolders(asOf: $asOf) { role person { id } since until active } } }"""

    def holders(day: date) -> set[tuple[str, str]]:
        rows = api.data(query, {"code": ended.scope, "asOf": day.isoformat()})["area"][
            "roleHolders"
        ]
        assert all(r["active"] for r in rows)
        return {(r["role"], r["person"]["id"]) for r in rows}

    assert (ended.role.upper(), ended.person_id) in holders(ended.until)
    assert (ended.role.upper(), ended.person_id) not in holders(ended.until + timedelta(days=1))


def all_pages(api: GraphQLClient, filter: dict, first: int) -> tuple[list[str], int]:
    query = """query($f: ResidentFilter, $first: Int, $after: String, $asOf: Date) {
        residents(filter: $f, first: $first, after: $after, asOf: $asOf,
                  sort: {field: AGE, descending: true}) {
            totalCount pageInfo { hasNextPage endCursor } nodes { id } } }"""
    ids: list[str] = []
    after = None
    while True:
        page = api.data(query, {"f": filter, "first": first, "after": after, "asOf": AS_OF})
        page = page["residents"]
        ids += [n["id"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            return ids, page["totalCount"]
        after = page["pageInfo"]["endCursor"]


@pytest.mark.parametrize("level", ["RESIDENTIAL_AREA", "MICRO_GRID", "BLOCK", "CORRIDOR"])
def test_residents_filtered_by_each_level_across_pages(
    api: GraphQLClient, demo_graph: Roster, level: str
) -> None:
    code = sorted(levels(demo_graph)[level])[-1]
    older = {"area": code, "minAge": 60}
    ids, total = all_pages(api, older, first=30 if level != "RESIDENTIAL_AREA" else 100)
    expected = {
        r.resident_id
        for r in demo_graph.residents
        if r.corridor in corridors_below(demo_graph, code) and DEMO_TODAY.year - r.birth_year >= 60
    }
    assert len(ids) == total == len(expected) and set(ids) == expected


def test_each_filter_matches_the_roster(api: GraphQLClient, demo_graph: Roster) -> None:
    members = Counter(r.household_id for r in demo_graph.residents)
    holders = {
        r.person_id
        for r in demo_graph.roles
        if r.since <= DEMO_TODAY and (r.until is None or r.until >= DEMO_TODAY)
    }
    age = {r.resident_id: DEMO_TODAY.year - r.birth_year for r in demo_graph.residents}
    cases = {
        "alone": ({"livingAlone": True}, lambda r: members[r.household_id] == 1),
        "tags": ({"tags": ["独居", "残疾"]}, lambda r: bool({"独居", "残疾"} & set(r.tags))),
        "mobility": (
            {"mobility": ["ASSISTED", "DEPENDENT"]},
            lambda r: r.mobility != "independent",
        ),
        "party": ({"party": ["DOUBLE"]}, lambda r: r.party == "double"),
        "member": ({"partyMember": False}, lambda r: not r.party),
        "roles": ({"holdsRole": True}, lambda r: r.resident_id in holders),
        "ages": ({"minAge": 70, "maxAge": 79}, lambda r: 70 <= age[r.resident_id] <= 79),
    }
    query = """query($f: ResidentFilter, $asOf: Date) {
        residents(filter: $f, asOf: $asOf, first: 1) { totalCount } }"""
    for name, (filter, keep) in cases.items():
        expected = sum(1 for r in demo_graph.residents if keep(r))
        found = api.data(query, {"f": filter, "asOf": AS_OF})["residents"]["totalCount"]
        assert (name, found) == (name, expected)
        assert expected > 0, name


def test_sorting_by_name_age_and_area(api: GraphQLClient) -> None:
    query = """query($s: ResidentSort, $asOf: Date) { residents(sort: $s, first: 100, asOf: $asOf)
        { nodes { name age(asOf: $asOf) corridor { code } } } }"""
    by = {
        f: api.data(query, {"s": {"field": f}, "asOf": AS_OF})["residents"]["nodes"]
        for f in ("NAME", "AGE", "AREA")
    }
    assert [n["name"] for n in by["NAME"]] == sorted(n["name"] for n in by["NAME"])
    assert [n["age"] for n in by["AGE"]] == sorted(n["age"] for n in by["AGE"])
    codes = [n["corridor"]["code"] for n in by["AREA"]]
    assert codes == sorted(codes)
