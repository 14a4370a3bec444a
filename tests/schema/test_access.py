"""Who may see whom, against the real Neo4j: every role, inside and outside its scope.

The demo community is loaded with one demo account per role, and a second, small community is
written beside it (the committee's "outside"). For each role the test asks the same questions
about residents of five places — the floor chief's corridor, the rest of the grid worker's
micro-grid, the rest of the planner's residential area, the rest of the community, and the other
community — and checks each answer: allowed (and equal to what the admin sees), masked (null
with a FORBIDDEN error at that field) or refused (as if nobody were there). Then the mutations,
the tokens, injection through every string argument, and the audit log of all of it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import graphql
import pytest

from graph.access.accounts import disable_account
from graph.store.connection import Neo4jTarget
from seeds.demo_accounts import demo_accounts
from seeds.rows import Roster
from tests.conftest import DEMO_TODAY, ROOT
from tests.support.gql import GraphQLClient, ensure_account, graphql_client, token_for

AS_OF = DEMO_TODAY.isoformat()


def at(query: str) -> str:
    """The query with ``%s`` as the day the demo is about."""
    return query.replace("%s", AS_OF)


ROLES = ("admin", "committee", "grid_worker", "floor_chief", "planner")
ACCOUNT = {
    "admin": "demo-admin",
    "committee": "demo-committee",
    "grid_worker": "demo-grid-worker",
    "floor_chief": "demo-floor-chief",
    "planner": "demo-planner",
}
# The places of the subjects, innermost first; a role sees the places up to its scope's.
PLACES = ("corridor", "micro_grid", "area", "community", "other")
SEES = {
    "admin": set(PLACES),
    "committee": {"corridor", "micro_grid", "area", "community"},
    "grid_worker": {"corridor", "micro_grid"},
    "floor_chief": {"corridor"},
    "planner": {"corridor", "micro_grid", "area"},
}
DETAILS = {"admin", "committee", "grid_worker", "floor_chief"}

OTHER = """
    CREATE (c:Area:Community {code: 'XC', level: 'community', name: 'Other community'})
    CREATE (a:Area:ResidentialArea {code: 'XC-P1', level: 'residential_area', name: 'XC-P1'})
    CREATE (m:Area:MicroGrid {code: 'XC-MG1', level: 'micro_grid', name: 'XC-MG1'})
    CREATE (b:Area:Block {code: 'XC-B1', level: 'block', name: 'XC-B1'})
    CREATE (k:Area:Corridor {code: 'XC-B1-C1', level: 'corridor', name: 'XC-B1-C1',
                             kind: 'corridor'})
    CREATE (a)-[:PART_OF]->(c), (m)-[:PART_OF]->(a), (b)-[:PART_OF]->(m), (k)-[:PART_OF]->(b)
    CREATE (d:Dwelling {key: 'XC-B1-C1/101', room: '101'})-[:IN]->(k)
    CREATE (h:Household {id: 'XH1'})-[:LIVES_IN {since: date('2020-01-01')}]->(d)
    CREATE (r:Person:Resident {id: 'XR1', name: '外区老人', gender: 'female', birthYear: 1931,
                               phone: '13900009999', mobility: 'dependent', tags: ['独居']})
    CREATE (r)-[:MEMBER_OF {relation: 'head'}]->(h)
    CREATE (v:Person:Volunteer {id: 'XV1', name: '外区志愿者', kind: 'volunteer',
                                phone: '13900008888'})
    CREATE (v)-[:HELPS {kind: 'volunteer', since: date('2024-01-01')}]->(r)"""


@dataclass(frozen=True)
class World:
    roster: Roster
    subject: dict[str, str]  # place -> an elder resident living there
    chief: str  # the floor chief's person id
    grid_worker: str
    phones: frozenset[str]


def _ancestors(roster: Roster) -> dict[str, tuple[str, str, str]]:
    return {g.corridor: (g.block, g.micro_grid, g.area) for g in roster.grid}


@pytest.fixture(scope="module")
def world(demo_graph: Roster, neo4j_target: Neo4jTarget) -> World:
    with neo4j_target.sync_driver() as driver:
        driver.execute_query(OTHER, database_=neo4j_target.database)
    people = {}
    for spec in demo_accounts(demo_graph, today=DEMO_TODAY):
        ensure_account(
            neo4j_target,
            spec.account_id,
            role=spec.role,
            scope=spec.scope,
            person_id=spec.person_id,
        )
        people[spec.role] = spec.person_id
    up = _ancestors(demo_graph)
    subject: dict[str, str] = {"other": "XR1"}
    for r in sorted(demo_graph.residents, key=lambda r: r.resident_id):
        if DEMO_TODAY.year - r.birth_year < 60:
            continue
        _, micro, area = up[r.corridor]
        place = (
            "corridor"
            if r.corridor == "QS-B01-C1"
            else "micro_grid"
            if micro == "QS-MG1"
            else "area"
            if area == "QS-P1"
            else "community"
        )
        subject.setdefault(place, r.resident_id)
    assert set(subject) == set(PLACES), subject
    phones = frozenset(r.phone for r in demo_graph.residents if r.phone) | {"13900009999"}
    return World(demo_graph, subject, people["floor_chief"], people["grid_worker"], phones)


@pytest.fixture(scope="module")
def app(world: World, neo4j_target: Neo4jTarget) -> Iterator[GraphQLClient]:
    with graphql_client(neo4j_target, development=False) as client:
        yield client


def as_role(app: GraphQLClient, role: str) -> GraphQLClient:
    return app.as_account(ACCOUNT[role])


def codes(body: dict[str, Any]) -> list[str]:
    return [e["extensions"]["code"] for e in body.get("errors", [])]


def forbidden_paths(body: dict[str, Any]) -> set[tuple[Any, ...]]:
    return {
        tuple(e["path"]) for e in body.get("errors", []) if e["extensions"]["code"] == "FORBIDDEN"
    }


RESIDENT = at("""query($id: ID!) { resident(id: $id) {
    id name ageBand(asOf: "%s") phone age(asOf: "%s") tags mobility visits { on } } }""")
DETAIL_FIELDS = ("phone", "age", "tags", "mobility", "visits")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("place", PLACES)
def test_a_resident_by_id(app: GraphQLClient, world: World, role: str, place: str) -> None:
    rid = world.subject[place]
    body = as_role(app, role).raw(RESIDENT, {"id": rid})
    admin = as_role(app, "admin").data(RESIDENT, {"id": rid})["resident"]
    found = body["data"]["resident"]
    if place not in SEES[role]:
        # Refused as if nobody had the id: no error that would tell someone is there.
        assert found is None and "errors" not in body, body
        return
    assert found["id"] == rid and found["name"] == admin["name"]
    assert found["ageBand"] == admin["ageBand"] and found["ageBand"].endswith(("9", "+"))
    if role in DETAILS:
        assert "errors" not in body, body
        assert found == admin
    else:
        assert all(found[f] is None for f in DETAIL_FIELDS), found
        assert forbidden_paths(body) == {("resident", f) for f in DETAIL_FIELDS}
        assert all("姓名和年龄段" in e["message"] for e in body["errors"])


@pytest.mark.parametrize("role", ROLES)
def test_the_residents_list_is_the_scope(app: GraphQLClient, world: World, role: str) -> None:
    """Every page, walked with its cursors, holds exactly the residents of the scope."""
    query = """query($after: String) { residents(first: 100, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { id corridor { code } } } }"""
    client, seen, after = as_role(app, role), [], None
    while True:
        page = client.data(query, {"after": after})["residents"]
        seen += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    scope = {"admin": None, "committee": "青松社区", "grid_worker": "QS-MG1"}.get(role)
    scope = scope or {"floor_chief": "QS-B01-C1", "planner": "QS-P1"}.get(role)
    expected_query = """query($area: ID) { residents(filter: {area: $area}) { totalCount } }"""
    expected = as_role(app, "admin").data(expected_query, {"area": scope})["residents"]
    assert len(seen) == len({n["id"] for n in seen}) == expected["totalCount"] == page["totalCount"]
    up = _ancestors(world.roster)
    for node in seen:
        corridor = node["corridor"]["code"]
        assert scope is None or scope in (corridor, *up[corridor], world.roster.community), node
    for place in PLACES:
        assert (world.subject[place] in {n["id"] for n in seen}) == (place in SEES[role])


@pytest.mark.parametrize("role", ["floor_chief", "grid_worker", "planner"])
def test_a_cursor_from_a_wider_listing_reaches_nothing_more(app: GraphQLClient, role: str) -> None:
    query = """query($after: String) { residents(first: 50, after: $after) {
        totalCount nodes { id } } }"""
    wide = as_role(app, "admin").data("""{ residents(first: 100) { pageInfo { endCursor } } }""")[
        "residents"
    ]["pageInfo"]["endCursor"]
    page = as_role(app, role).data(query, {"after": wide})["residents"]
    mine = as_role(app, role).data(query, {"after": None})["residents"]
    assert page["totalCount"] == mine["totalCount"]
    assert {n["id"] for n in page["nodes"]} <= set(_all_ids(app, role))


def _all_ids(app: GraphQLClient, role: str) -> list[str]:
    query = """query($after: String) { residents(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor } nodes { id } } }"""
    found, after = [], None
    while True:
        page = as_role(app, role).data(query, {"after": after})["residents"]
        found += [n["id"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


@pytest.mark.parametrize("role", ["floor_chief", "grid_worker", "planner"])
def test_nested_fields_do_not_leave_the_scope(app: GraphQLClient, world: World, role: str) -> None:
    """From a resident in scope out through helpers, their other pairings, households, roles."""
    query = """query($id: ID!) { resident(id: $id) {
        household { members { id } }
        helpers(includeEnded: true) { helper { id name phone
            helping(includeEnded: true) { resident { id name } }
            roles(includeEnded: true) { area { code inScope } } } }
        corridor { code parent { code inScope parent { code inScope
            children { code } counts { residents } } } } } }"""
    body = as_role(app, role).raw(query, {"id": world.subject["corridor"]})
    inside = set(_all_ids(app, role))
    text = repr(body["data"])
    for place in PLACES:
        if place not in SEES[role]:
            assert world.subject[place] not in text
    resident = body["data"]["resident"]
    helpers = resident["helpers"] or []
    for pairing in helpers:
        helper = pairing["helper"]
        if helper is None:
            continue
        for other in helper["helping"]:
            assert other["resident"] is None or other["resident"]["id"] in inside
    chain = resident["corridor"]["parent"]
    if role == "floor_chief":  # the block and the micro-grid are above the corridor
        assert chain["inScope"] is False and chain["parent"]["inScope"] is False
        assert chain["parent"]["children"] is None and chain["parent"]["counts"] is None
        assert {
            ("resident", "corridor", "parent", "parent", f) for f in ("children", "counts")
        } <= {tuple(p) for p in (e["path"] for e in body.get("errors", []))}
    if role == "planner":
        assert resident["household"] is None  # a personal detail


AREA = at(
    """query($code: ID!) { area(code: $code) { code inScope counts(asOf: "%s") { residents }
    dwellings { households { members { id } } } } }"""
)


@pytest.mark.parametrize("role", ROLES)
def test_areas_outside_are_invisible_and_above_are_closed(app: GraphQLClient, role: str) -> None:
    scope = {
        "committee": "青松社区",
        "grid_worker": "QS-MG1",
        "floor_chief": "QS-B01-C1",
        "planner": "QS-P1",
    }.get(role)
    elsewhere = as_role(app, role).raw(AREA, {"code": "QS-B23-R1"})
    if role in ("admin", "committee"):
        assert elsewhere["data"]["area"]["counts"]["residents"] > 0
    else:
        assert elsewhere == {"data": {"area": None}}
    if scope is None:
        return
    own = as_role(app, role).data(AREA, {"code": scope})["area"]
    admin = as_role(app, "admin").data(AREA, {"code": scope})["area"]
    assert own["inScope"] and own["counts"] == admin["counts"]
    assert as_role(app, role).data("{ communities { code inScope } }")["communities"] == [
        {"code": "青松社区", "inScope": role == "committee"}
    ]


@pytest.mark.parametrize("role", ROLES)
def test_filtering_by_an_area_outside_is_forbidden(app: GraphQLClient, role: str) -> None:
    query = """query($area: ID) { residents(filter: {area: $area}) { totalCount } }"""
    body = as_role(app, role).raw(query, {"area": "QS-B23-R1"})
    if role in ("admin", "committee"):
        assert body["data"]["residents"]["totalCount"] > 0
    else:
        assert codes(body) == ["FORBIDDEN"]
    assert codes(as_role(app, role).raw(query, {"area": "NO-SUCH-AREA"})) == ["NOT_FOUND"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("place", PLACES)
def test_support_network(app: GraphQLClient, world: World, role: str, place: str) -> None:
    query = at(
        """query($id: ID!) { supportNetwork(residentId: $id, asOf: "%s") {
        size committeePaths resident { residentId name ageBand age vulnerableBecause
        helpers { personId name } } } }"""
    )
    rid = world.subject[place]
    body = as_role(app, role).raw(query, {"id": rid})
    nobody = as_role(app, role).raw(query, {"id": "R999999"})
    if place not in SEES[role]:
        assert body["data"] is None and codes(body) == ["NOT_FOUND"]
        assert body["errors"][0]["message"].replace(rid, "X") == nobody["errors"][0][
            "message"
        ].replace("R999999", "X")
        return
    network = body["data"]["supportNetwork"]
    admin = as_role(app, "admin").data(query, {"id": rid})["supportNetwork"]
    assert network["resident"]["residentId"] == rid
    assert network["size"] == admin["size"]
    assert [h["personId"] for h in network["resident"]["helpers"]] == [
        h["personId"] for h in admin["resident"]["helpers"]
    ]
    if role in DETAILS:
        assert "errors" not in body and network["resident"]["age"] == admin["resident"]["age"]
    else:
        assert network["resident"]["age"] is None
        assert network["resident"]["vulnerableBecause"] is None
        assert forbidden_paths(body) == {
            ("supportNetwork", "resident", "age"),
            ("supportNetwork", "resident", "vulnerableBecause"),
        }


def test_a_planner_reads_no_exact_age_in_the_paths(app: GraphQLClient, world: World) -> None:
    """A household member's age is part of the path that found them: an age band for planners."""
    query = at("""{ coverageGaps(scope: "QS-P1", asOf: "%s") { underSupported(first: 100) {
        nodes { helpers { paths { via explanation } } } }
        vulnerableElders(first: 100) { nodes { helpers { paths { via explanation } } } } } }""")
    texts = {
        role: [
            p["explanation"]
            for key in ("underSupported", "vulnerableElders")
            for n in as_role(app, role).data(query)["coverageGaps"][key]["nodes"]
            for h in n["helpers"]
            for p in h["paths"]
            if p["via"] == "HOUSEHOLD"
        ]
        for role in ("planner", "committee")
    }
    assert texts["committee"] and len(texts["planner"]) == len(texts["committee"])
    assert all(re.search(r"\(aged \d+\)", t) for t in texts["committee"])
    assert not any(re.search(r"\(aged \d+\)", t) for t in texts["planner"])
    assert all(re.search(r"\(aged (\d+-\d+|90\+)\)", t) for t in texts["planner"])


@pytest.mark.parametrize(
    ("arguments", "planner_may"),
    [
        ("filter: {minAge: 80}", True),
        ("filter: {minAge: 60, maxAge: 69}", True),
        ("filter: {minAge: 85}", False),
        ("filter: {minAge: 60, maxAge: 84}", False),
        ('filter: {tags: ["残疾"]}', False),
        ("filter: {mobility: [DEPENDENT]}", False),
        ("filter: {livingAlone: true}", False),
        ("filter: {party: [DOUBLE]}", False),
        ("sort: {field: AGE}", False),
    ],
)
def test_a_planner_cannot_select_people_by_their_details(
    app: GraphQLClient, arguments: str, planner_may: bool
) -> None:
    """Masks would mean little if a filter could ask "who is exactly 85" or "who is disabled"."""
    query = f"{{ residents({arguments}) {{ totalCount }} }}"
    planner = as_role(app, "planner").raw(query)
    assert codes(planner) == ([] if planner_may else ["FORBIDDEN"]), planner
    assert codes(as_role(app, "grid_worker").raw(query)) == []


def test_a_planner_cannot_move_the_rules(app: GraphQLClient) -> None:
    query = at("""{ coverageGaps(asOf: "%s", rules: {elderAge: 85}) {
        vulnerableElders { totalCount } } }""")
    assert codes(as_role(app, "planner").raw(query)) == ["FORBIDDEN"]
    assert codes(as_role(app, "committee").raw(query)) == []


GAPS = at(
    """query($scope: ID) { coverageGaps(scope: $scope, asOf: "%s") { scope
    underSupported(first: 100) { totalCount nodes { residentId ageBand } } } }"""
)
SCOPES = {
    "admin": None,
    "committee": "青松社区",
    "grid_worker": "QS-MG1",
    "floor_chief": "QS-B01-C1",
    "planner": "QS-P1",
}


@pytest.mark.parametrize("role", ROLES)
def test_coverage_gaps_default_to_the_scope_and_refuse_beyond(
    app: GraphQLClient, role: str
) -> None:
    mine = as_role(app, role).data(GAPS, {"scope": None})["coverageGaps"]
    scope = SCOPES[role]
    if scope is not None:
        assert mine["scope"] == [scope]
        admin = as_role(app, "admin").data(GAPS, {"scope": scope})["coverageGaps"]
        assert mine["underSupported"] == admin["underSupported"]
        inside = set(_all_ids(app, role))
        assert {n["residentId"] for n in mine["underSupported"]["nodes"]} <= inside
    beyond = as_role(app, role).raw(GAPS, {"scope": "QS-B23-R1"})
    if role in ("admin", "committee"):
        assert "errors" not in beyond
    else:
        assert codes(beyond) == ["FORBIDDEN"] and beyond["data"] is None


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("place", PLACES)
def test_what_if(app: GraphQLClient, world: World, role: str, place: str) -> None:
    query = at("""query($ids: [ID!]!) { whatIf(removePersonIds: $ids, asOf: "%s") {
        removedPersonIds report { scope } newlyUnderSupported { nodes { residentId } } } }""")
    rid = world.subject[place]
    body = as_role(app, role).raw(query, {"ids": [rid]})
    if place not in SEES[role]:
        assert codes(body) == ["NOT_FOUND"], body
        return
    report = body["data"]["whatIf"]
    assert report["removedPersonIds"] == [rid]
    if SCOPES[role]:
        assert report["report"]["scope"] == [SCOPES[role]]
        inside = set(_all_ids(app, role))
        assert {n["residentId"] for n in report["newlyUnderSupported"]["nodes"]} <= inside


def _reachable(world: World, scope: str | None, untied: bool) -> set[str]:
    """The oracle of graph/scope.py's reach, from the roster rows."""
    roster, up = world.roster, _ancestors(world.roster)

    def inside(corridor: str) -> bool:
        return scope is None or scope in (corridor, *up[corridor], roster.community)

    living = {r.resident_id for r in roster.residents if inside(r.corridor)}
    chain = set()
    for corridor, above in up.items():
        if scope in (corridor, *above):
            chain |= {corridor, *above, roster.community}
    serving = {r.person_id for r in roster.roles if r.scope in chain or scope is None}
    serving |= {r.person_id for r in roster.roles if scope == roster.community}
    helping = {h.helper_id for h in roster.helpers if h.resident_id in living}
    doctors = {r.family_doctor for r in roster.residents if r.family_doctor and inside(r.corridor)}
    tied = {r.person_id for r in roster.roles} | {h.helper_id for h in roster.helpers}
    tied |= {r.family_doctor for r in roster.residents if r.family_doctor}
    free = {p.person_id for p in roster.people if p.person_id not in tied} if untied else set()
    return living | serving | helping | doctors | free


@pytest.mark.parametrize("role", ["admin", "committee", "grid_worker", "planner"])
def test_suggestions_stay_in_reach(app: GraphQLClient, world: World, role: str) -> None:
    query = at(
        """{ assignmentSuggestions(asOf: "%s") { scope
        proposals(first: 100) { nodes { helperId residentId } } } }"""
    )
    plan = as_role(app, role).data(query)["assignmentSuggestions"]
    nodes = plan["proposals"]["nodes"]
    if role != "admin":
        assert plan["scope"] == [SCOPES[role]]
    inside = set(_all_ids(app, role))
    reach = _reachable(world, SCOPES[role], untied=role in ("admin", "committee"))
    assert {n["residentId"] for n in nodes} <= inside
    assert {n["helperId"] for n in nodes} <= reach


def test_a_floor_chief_gets_no_suggestions(app: GraphQLClient) -> None:
    body = as_role(app, "floor_chief").raw("{ assignmentSuggestions { totalCost } }")
    assert codes(body) == ["FORBIDDEN"] and body["data"] is None


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
    body = as_role(app, role).raw(pairing, {"h": "XV1", "r": target})
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
    assert committee.data(move, {"h": "XH1", "c": "QS-B01-C1"})["moveHousehold"]["errors"] == [
        {"code": "FORBIDDEN", "field": "householdId"}
    ]
    resident = """mutation($c: ID) { upsertResident(input: {id: "XR2", name: "新居民",
        gender: FEMALE, birthYear: 1950, householdId: "XH2", corridor: $c, room: "102"}) {
        person { id } errors { code field } } }"""
    outside = committee.data(resident, {"c": "XC-B1-C1"})["upsertResident"]
    assert outside == {"person": None, "errors": [{"code": "FORBIDDEN", "field": "corridor"}]}
    existing = """mutation { upsertResident(input: {id: "XR1", name: "改名", gender: FEMALE,
        birthYear: 1931, householdId: "XH1"}) { person { id } errors { code field } } }"""
    assert committee.data(existing)["upsertResident"]["errors"] == [
        {"code": "NOT_FOUND", "field": "id"}
    ]
    assert codes(as_role(app, "grid_worker").raw(move, {"h": "XH1", "c": "QS-B01-C1"})) == [
        "FORBIDDEN"
    ]


QUERIES_FOR_ANYONE = [
    "{ viewer { role } }",
    "{ communities { code } }",
    '{ area(code: "QS-MG1") { code } }',
    '{ resident(id: "R000001") { id } }',
    "{ residents { totalCount } }",
    "{ coverageGaps { scope } }",
    '{ supportNetwork(residentId: "R000001") { size } }',
    "{ whatIf(removePersonIds: []) { removedPersonIds } }",
    "{ assignmentSuggestions { totalCost } }",
    "{ auditLog { at } }",
]


@pytest.mark.parametrize("query", QUERIES_FOR_ANYONE)
def test_without_a_token_only_health_answers(app: GraphQLClient, query: str) -> None:
    anonymous = app.as_account(None)
    assert codes(anonymous.raw(query)) == ["UNAUTHENTICATED"]
    assert anonymous.data("{ health { neo4j { reachable } } }") == {
        "health": {"neo4j": {"reachable": True}}
    }


def _viewer(app: GraphQLClient, token: str) -> Any:
    return app.http.post(
        "/graphql",
        json={"query": "{ viewer { role } }"},
        headers={"authorization": f"Bearer {token}"},
    )


def test_bad_tokens_are_refused_with_401(app: GraphQLClient, neo4j_target: Neo4jTarget) -> None:
    good = token_for("demo-planner")
    expired = token_for("demo-planner", ttl=timedelta(seconds=1))
    header, payload, signature = good.split(".")
    tampered = (
        f"{header}.{payload[:-2]}{'A' if payload[-2] != 'A' else 'B'}{payload[-1]}.{signature}"
    )
    foreign = token_for("demo-planner", key=b"another-key-that-is-long-enough-000000")
    for token in (tampered, foreign, "garbage", f"{good}x"):
        response = app.http.post(
            "/graphql",
            json={"query": "{ viewer { role } }"},
            headers={"authorization": f"Bearer {token}"},
        )
        assert response.status_code == 401, token
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

    time.sleep(1.1)
    response = app.http.post(
        "/graphql",
        json={"query": "{ viewer { role } }"},
        headers={"authorization": f"Bearer {expired}"},
    )
    assert response.status_code == 401 and "expired" in response.text
    ensure_account(neo4j_target, "matrix-leaver", role="planner", scope="QS-P1")
    leaver = app.as_account("matrix-leaver")
    assert leaver.data("{ viewer { role scope } }") == {
        "viewer": {"role": "PLANNER", "scope": "QS-P1"}
    }
    with neo4j_target.sync_driver() as driver:
        disable_account(driver, database=neo4j_target.database, account_id="matrix-leaver")
    response = app.http.post(
        "/graphql", json={"query": "{ viewer { role } }"}, headers=leaver.headers()
    )
    assert response.status_code == 401


def test_the_viewer_says_what_the_account_may_do(app: GraphQLClient, world: World) -> None:
    chief = as_role(app, "floor_chief").data(
        "{ viewer { accountId role scope personId personName can } }"
    )["viewer"]
    assert chief["role"] == "FLOOR_CHIEF" and chief["scope"] == "QS-B01-C1"
    assert chief["personId"] == world.chief and chief["personName"]
    assert "recordVisit" in chief["can"] and "addHelper" not in chief["can"]
    assert "auditLog" in as_role(app, "admin").data("{ viewer { can } }")["viewer"]["can"]


INJECTIONS = (
    "' OR 1=1 //",
    "x'}) MATCH (n) DETACH DELETE n //",
    '"}) RETURN 1 UNION MATCH (p:Person) RETURN p.phone //',
    "$scope",
)
KNOWN = {"BAD_USER_INPUT", "NOT_FOUND", "FORBIDDEN", "UNAUTHENTICATED", "COST_LIMIT_EXCEEDED"}


def _sample(kind: graphql.GraphQLInputType, world: World) -> Any:
    """A value of ``kind`` that type-checks (the injection goes into one field at a time)."""
    if isinstance(kind, graphql.GraphQLNonNull):
        return _sample(kind.of_type, world)
    if isinstance(kind, graphql.GraphQLList):
        return [_sample(kind.of_type, world)]
    if isinstance(kind, graphql.GraphQLEnumType):
        return next(iter(kind.values))
    if isinstance(kind, graphql.GraphQLInputObjectType):
        return {name: _sample(f.type, world) for name, f in kind.fields.items()}
    return {
        "ID": world.subject["corridor"],
        "String": "x",
        "Int": 1,
        "Float": 1.0,
        "Boolean": False,
        "Date": AS_OF,
        "DateTime": "2026-11-01T00:00:00+00:00",
    }[kind.name]


def _text_paths(kind: graphql.GraphQLInputType, path: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
    """The paths, inside one argument's value, of every String or ID."""
    while isinstance(kind, graphql.GraphQLNonNull | graphql.GraphQLList):
        if isinstance(kind, graphql.GraphQLList):
            path = (*path, 0)
        kind = kind.of_type
    if isinstance(kind, graphql.GraphQLInputObjectType):
        for name, f in kind.fields.items():
            yield from _text_paths(f.type, (*path, name))
    elif isinstance(kind, graphql.GraphQLScalarType) and kind.name in ("String", "ID"):
        yield path


def _put(value: Any, path: tuple[Any, ...], text: str) -> Any:
    if not path:
        return text
    copy = list(value) if isinstance(value, list) else dict(value)
    copy[path[0]] = _put(value[path[0]], path[1:], text)
    return copy


def injection_requests(world: World) -> Iterator[tuple[str, dict[str, Any]]]:
    schema = graphql.build_schema((ROOT / "schema" / "schema.graphql").read_text("utf-8"))
    for keyword, root in (("query", schema.query_type), ("mutation", schema.mutation_type)):
        assert root is not None
        for name, field in root.fields.items():
            if not field.args:
                continue
            defs = ", ".join(f"${a}: {t.type}" for a, t in field.args.items())
            call = ", ".join(f"{a}: ${a}" for a in field.args)
            query = f"{keyword}({defs}) {{ {name}({call}) {{ __typename }} }}"
            base = {a: _sample(t.type, world) for a, t in field.args.items()}
            for arg, spec in field.args.items():
                for path in _text_paths(spec.type, ()):
                    for text in INJECTIONS:
                        yield query, {**base, arg: _put(base[arg], path, text)}


def _snapshot(target: Neo4jTarget) -> tuple[set[str], int, int]:
    with target.sync_driver() as driver:
        records, _, _ = driver.execute_query(
            """MATCH (p:Person) WITH collect(p.id) AS ids
               MATCH (n) WHERE NOT n:AuditEntry WITH ids, count(n) AS nodes
               MATCH ()-[r]->() RETURN ids, nodes, count(r) AS ties""",
            database_=target.database,
        )
    return set(records[0]["ids"]), records[0]["nodes"], records[0]["ties"]


@pytest.mark.parametrize("role", ["floor_chief", "committee"])
def test_cypher_cannot_be_injected_through_any_string_argument(
    app: GraphQLClient, world: World, neo4j_target: Neo4jTarget, role: str
) -> None:
    ids, nodes, ties = _snapshot(neo4j_target)
    client = as_role(app, role)
    requests = list(injection_requests(world))
    assert len(requests) > 100  # every root field's every text argument, four times
    for query, variables in requests:
        response = client.http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=client.headers()
        )
        assert response.status_code == 200, (query, variables, response.text[:300])
        body = response.json()
        assert {e["extensions"]["code"] for e in body.get("errors", [])} <= KNOWN, body
        for phone in world.phones:
            assert phone not in response.text
    after_ids, after_nodes, after_ties = _snapshot(neo4j_target)
    # Text went in as data (a visit's note, a new worker's name), never as Cypher: nothing
    # disappeared, and nothing outside what the role may add appeared.
    assert ids <= after_ids and after_nodes >= nodes and after_ties >= ties
    if role == "floor_chief":
        assert after_ids == ids


def test_the_audit_log_records_the_matrix_without_personal_values(
    app: GraphQLClient, world: World, neo4j_target: Neo4jTarget
) -> None:
    """Runs last in this module (pytest keeps file order): the matrix above is in the log."""
    log = as_role(app, "admin").data(
        "{ auditLog(first: 1000) { accountId role operation kind personIds ok } }"
    )["auditLog"]
    reads = {(e["accountId"], e["operation"]) for e in log if e["kind"] == "read"}
    for role in ROLES:
        assert (ACCOUNT[role], "resident") in reads, role
        assert (ACCOUNT[role], "supportNetwork") in reads, role
    chief_reads = [
        e for e in log if e["accountId"] == "demo-floor-chief" and e["operation"] == "resident"
    ]
    assert any(world.subject["corridor"] in e["personIds"] for e in chief_reads)
    # Nothing outside the floor chief's corridor was read by them.
    for e in log:
        if e["accountId"] == "demo-floor-chief" and e["kind"] == "read":
            assert world.subject["micro_grid"] not in e["personIds"]
    mutations = [(e["accountId"], e["operation"], e["ok"]) for e in log if e["kind"] == "mutation"]
    assert ("demo-floor-chief", "recordVisit", True) in mutations
    assert ("demo-floor-chief", "recordVisit", False) in mutations
    assert ("demo-floor-chief", "addHelper", False) in mutations  # refused by role
    assert ("demo-planner", "setCapacity", False) in mutations
    with neo4j_target.sync_driver() as driver:
        records, _, _ = driver.execute_query(
            "MATCH (e:AuditEntry) RETURN properties(e) AS p", database_=neo4j_target.database
        )
    stored = [r["p"] for r in records]
    assert stored and all(
        set(p) <= {"at", "accountId", "role", "operation", "kind", "personIds", "ok"}
        for p in stored
    )
    text = repr(stored)
    birth_years = {str(r.birth_year) for r in world.roster.residents}
    for phone in world.phones:
        assert phone not in text
    values = [v for p in stored for k, v in p.items() if k != "at"]
    assert not {str(v) for v in values} & birth_years
    names = {r.name for r in world.roster.residents}
    assert not any(n in text for n in names)
    assert datetime.now(UTC) - max(p["at"].to_native() for p in stored) < timedelta(hours=1)
