"""Many communities in one graph: overlapping local codes load side by side, each load sees and
prunes only its own community, and each community's coverage is what it is alone."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date

import pytest
from neo4j import Driver

from graph.analysis.rules import Rules
from graph.analysis.types import CoverageReport
from graph.coverage.gaps import coverage_gaps
from graph.identity import prefix
from graph.store.connection import Neo4jTarget
from seeds.columns import SHEETS
from seeds.demo.street import district, street
from seeds.load import load_roster
from seeds.reader import read_rows
from seeds.rows import Roster, RosterError
from seeds.validate import check_raw
from seeds.writer import sheet_rows
from tests.conftest import DEMO_TODAY
from tests.support.gql import ensure_account, graphql_client

# Everything of one community: its own nodes (keys under its prefix, and itself), with their
# properties, and every relationship that touches one of them (sorted in Python).
COMMUNITY_FINGERPRINT = """
    MATCH (n)
    WHERE coalesce(n.code, n.id, n.key) STARTS WITH $prefix OR n.code = $community
    WITH n ORDER BY coalesce(n.code, n.id, n.key)
    WITH collect(n) AS own
    UNWIND own AS n
    OPTIONAL MATCH (n)-[r]-(m)
    RETURN [x IN own | [labels(x), properties(x)]] AS nodes,
           collect([coalesce(n.code, n.id, n.key), type(r), startNode(r) = n,
                    properties(r), coalesce(m.code, m.id, m.key)]) AS rels"""


def fingerprint(driver: Driver, community: str) -> tuple[object, object]:
    records, _, _ = driver.execute_query(
        COMMUNITY_FINGERPRINT, prefix=prefix(community), community=community
    )
    return records[0]["nodes"], sorted(records[0]["rels"], key=repr)


def coverage(target: Neo4jTarget, community: str) -> CoverageReport:
    async def run() -> CoverageReport:
        async with target.async_driver() as driver:
            return await coverage_gaps(
                driver, database=target.database, scope=community, as_of=DEMO_TODAY, rules=Rules()
            )

    return asyncio.run(run())


def wipe(driver: Driver) -> None:
    driver.execute_query("MATCH (n) DETACH DELETE n")


def test_street_rosters_are_valid_and_the_same_for_the_same_seed() -> None:
    rosters = district(streets=2, communities=2, seed=4, today=DEMO_TODAY)
    assert [r.community for r in rosters] == ["QP0101", "QP0102", "QP0201", "QP0202"]
    assert len({r.where.street for r in rosters}) == 2
    assert len({len(r.residents) for r in rosters}) == 4  # four estates of different sizes
    for roster in rosters:
        raw = read_rows("r", {s.zh: list(sheet_rows(roster, s)) for s in SHEETS.values()})
        read, problems = check_raw(raw, today=DEMO_TODAY)
        assert problems == [] and read == roster  # a clerk's roster, round-tripped
    again = district(streets=2, communities=2, seed=4, today=DEMO_TODAY)
    assert again == rosters
    doctors = [{p for p in r.people if p.kind == "doctor"} for r in rosters[:2]]
    assert doctors[0] & doctors[1]  # the street's doctors, identical in both rosters


@pytest.fixture(scope="module")
def two() -> list[Roster]:
    """Two communities of one street whose grids and residents have the same local codes."""
    return street(communities=2, seed=5, today=DEMO_TODAY, sizes=[120, 160], share_doctors=False)


def test_overlapping_codes_load_side_by_side(
    two: list[Roster], empty_graph: Driver, neo4j_target: Neo4jTarget
) -> None:
    a, b = two
    assert {g.corridor for g in a.grid} & {g.corridor for g in b.grid}
    assert {r.resident_id for r in a.residents} & {r.resident_id for r in b.residents}

    alone = {}
    for roster in two:
        wipe(empty_graph)
        load_roster(neo4j_target, roster, today=DEMO_TODAY)
        alone[roster.community] = coverage(neo4j_target, roster.community)

    wipe(empty_graph)
    for roster in two:
        first = load_roster(neo4j_target, roster, today=DEMO_TODAY)
        assert first.plan.changed == 0 and first.plan.missing == 0  # B reads nothing of A
    for roster in two:
        again = load_roster(neo4j_target, roster, today=DEMO_TODAY)
        assert (again.plan.created, again.plan.changed, again.plan.missing) == (0, 0, 0)
    for roster in two:
        assert coverage(neo4j_target, roster.community) == alone[roster.community]

    # A loses residents and roles; --prune of A ends them and leaves B byte for byte.
    before = fingerprint(empty_graph, b.community)
    fewer = replace(a, residents=a.residents[: len(a.residents) // 2], roles=a.roles[:3])
    report = load_roster(neo4j_target, fewer, prune=True, today=date(2026, 11, 2))
    assert report.plan.kinds["residents"].missing and report.pruned
    assert all(k[0].startswith(prefix(a.community)) for k in report.plan.kinds["residents"].missing)
    assert fingerprint(empty_graph, b.community) == before
    assert coverage(neo4j_target, b.community) == alone[b.community]
    # The report shows the clerk's own codes.
    assert not any(f"{a.community}/" in line for line in report.lines())


def test_a_street_shares_its_doctors_and_a_prune_keeps_them(
    empty_graph: Driver, neo4j_target: Neo4jTarget
) -> None:
    a, b = street(communities=2, seed=5, today=DEMO_TODAY, sizes=[120, 160])
    shared = {p.person_id for p in a.people if "/" in p.person_id}
    assert shared and shared & {p.person_id for p in b.people}
    for roster in (a, b):
        load_roster(neo4j_target, roster, today=DEMO_TODAY)
    doctors = empty_graph.execute_query(
        "MATCH (d:Doctor) WHERE d.id IN $ids "
        "RETURN d.id AS id, count { (d)<-[:HAS_FAMILY_DOCTOR]-() } AS patients, d.leftOn AS left",
        ids=sorted(shared),
    ).records
    assert len(doctors) == len(shared)  # one person each, whichever roster named them
    # Without residents or doctors, A's prune ends A's residents, not the street's doctors.
    empty = replace(a, residents=[], people=[], roles=[], helpers=[], visits=[])
    load_roster(neo4j_target, empty, prune=True, today=date(2026, 11, 2))
    left = empty_graph.execute_query(
        "MATCH (d:Doctor) WHERE d.id IN $ids AND d.leftOn IS NOT NULL RETURN count(d) AS n",
        ids=sorted(shared),
    ).records
    assert left[0]["n"] == 0


def test_a_roster_must_name_its_community_once_there_are_several(
    two: list[Roster], empty_graph: Driver, neo4j_target: Neo4jTarget
) -> None:
    for roster in two:
        load_roster(neo4j_target, roster, today=DEMO_TODAY)
    unnamed = replace(two[0], community="", place=None)
    with pytest.raises(RosterError) as caught:
        load_roster(neo4j_target, unnamed, today=DEMO_TODAY)
    assert caught.value.problems[0].code == "community_missing"
    # A community code may not take over the street's.
    clash = replace(two[0], community="XY", place=replace(two[0].where, community="XY"))
    with pytest.raises(RosterError) as caught:
        load_roster(neo4j_target, clash, today=DEMO_TODAY)
    assert caught.value.problems[0].code == "code_in_use"


ROLL_UP = """
query ($scope: ID) {
  viewer { scope }
  coverageGaps(scope: $scope, asOf: "2026-11-01") {
    scope
    areas(level: COMMUNITY) { nodes { code name } }
  }
  residents(first: 100) { totalCount nodes { id } }
}"""
RESIDENT = "query ($a: ID!, $b: ID!) { a: resident(id: $a) { name } b: resident(id: $b) { name } }"
SUGGEST = """query ($s: ID) { assignmentSuggestions(scope: $s, asOf: "2026-11-01") {
    proposals(first: 100) { nodes { helperId } } } }"""
AREA = "query ($code: ID!) { area(code: $code) { code level inScope parent { code } } }"


def test_a_street_planner_sees_its_street_and_a_committee_its_community(
    empty_graph: Driver, neo4j_target: Neo4jTarget
) -> None:
    xy = street(communities=2, seed=5, today=DEMO_TODAY, sizes=[80, 100])
    yy = street(communities=1, seed=6, today=DEMO_TODAY, sizes=[90], code="YY", name="盈浦街道")
    for roster in (*xy, *yy):
        load_roster(neo4j_target, roster, today=DEMO_TODAY)
    ensure_account(neo4j_target, "xy-planner", role="planner", scope="XY")
    ensure_account(neo4j_target, "xy01-committee", role="committee", scope="XY01")
    with graphql_client(neo4j_target) as admin:
        planner, committee = admin.as_account("xy-planner"), admin.as_account("xy01-committee")

        seen = planner.data(ROLL_UP)
        assert seen["viewer"]["scope"] == "XY"
        assert {a["code"] for a in seen["coverageGaps"]["areas"]["nodes"]} == {"XY01", "XY02"}
        ids = {n["id"] for n in seen["residents"]["nodes"]}
        assert seen["residents"]["totalCount"] == len(xy[0].residents) + len(xy[1].residents)
        # No home community: references, both communities' R0001 apart.
        assert all(i.startswith(("XY01/", "XY02/")) for i in ids)
        first = xy[0].residents[0].resident_id
        assert first == xy[1].residents[0].resident_id  # the same local id in both
        twice = admin.data(RESIDENT, {"a": f"XY01/{first}", "b": f"XY02/{first}"})
        assert twice["a"]["name"] != twice["b"]["name"]
        nobody = {"a": f"YY01/{first}", "b": first}
        assert planner.data(RESIDENT, nobody) == {"a": None, "b": None}
        assert planner.error_codes(ROLL_UP, {"scope": "YY01"}) == ["FORBIDDEN"]
        assert planner.data(AREA, {"code": "YY01"})["area"] is None

        mine = committee.data(ROLL_UP)
        assert {a["code"] for a in mine["coverageGaps"]["areas"]["nodes"]} == {"XY01"}
        # Its home is XY01: the clerk's own codes, in and out.
        assert mine["residents"]["totalCount"] == len(xy[0].residents)
        assert {n["id"] for n in mine["residents"]["nodes"]} <= {
            r.resident_id for r in xy[0].residents
        }
        corridor = xy[0].grid[0].corridor
        area = committee.data(AREA, {"code": corridor})["area"]
        assert area == {"code": corridor, "level": "CORRIDOR", "inScope": True,
                        "parent": {"code": xy[0].grid[0].block}}  # fmt: skip
        assert committee.data(AREA, {"code": "XY02/" + corridor})["area"] is None
        # Suggestions draw volunteers from the scope's community and street, never another's.
        plan = admin.data(SUGGEST, {"s": "XY01"})["assignmentSuggestions"]["proposals"]["nodes"]
        helpers = {p["helperId"] for p in plan}
        assert helpers and all(h.startswith(("XY01/", "XY/")) for h in helpers), helpers
        up = committee.data(AREA, {"code": "XY01"})["area"]
        assert up["parent"] == {"code": "XY"}  # breadcrumbs up to the street and district
        assert committee.data(AREA, {"code": "XY"})["area"]["parent"] == {"code": "QP"}
