"""The API checked against an independent oracle of the coverage analysis.

The oracle (:mod:`tests.graph.coverage.oracle`) is plain Python over roster rows, sharing no
code with ``graph/``. Hypothesis draws small communities full of edge cases (empty corridors,
villa regions, one person who is floor chief, party member and helper at once, roles that ended
yesterday or start tomorrow, elderly helpers, people who left), loads each into the real Neo4j
and asks the GraphQL API; the answers must agree exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from graph.identity import owned
from graph.store.connection import Neo4jTarget
from seeds.load import load_roster
from seeds.rows import GridRow, HelperRow, PersonRow, ResidentRow, RoleRow, Roster, VisitRow
from tests.graph.coverage.oracle import DAY, PAIRING_KINDS, WINDOWS, Oracle, Verdict
from tests.support.gql import ADMIN, GraphQLClient, ensure_account, graphql_client

# --- communities drawn by hypothesis ------------------------------------------------------------

AGES = (8, 17, 18, 35, 59, 60, 61, 74, 75, 79, 80, 92)
OFFSETS = (-400, -15, -14, -13, -1, 0, 1, 30)  # days from DAY: boundaries on both sides
ROLES = {
    "first_floor_chief": "corridor",
    "second_floor_chief": "corridor",
    "volunteer": "corridor",
    "party_member": "corridor",
    "grid_worker": "micro_grid",
    "block_leader": "block",
}
STAFF = (
    ("G1", "grid_worker"),
    ("G2", "grid_worker"),
    ("V1", "volunteer"),
    ("V2", "volunteer"),
    ("D1", "doctor"),
    ("S1", "committee_staff"),
)


# Mostly the rules' defaults; else the roster's windows, any of them (none at all included).
AVAILABILITY = st.one_of(
    st.none(),
    st.none(),
    st.lists(st.sampled_from(WINDOWS), unique=True).map(
        lambda ws: tuple(w for w in WINDOWS if w in ws)
    ),
)


def day(offset: int) -> date:
    return DAY + timedelta(days=offset)


@st.composite
def communities(draw: st.DrawFn) -> tuple[Roster, set[str], str | None, set[str], str]:
    """A small community, the people who left, a scope, the people a what-if removes and a
    window of the week."""
    grid: list[GridRow] = []
    for m in range(draw(st.integers(1, 2))):
        for b in range(draw(st.integers(1, 2))):
            for c in range(draw(st.integers(1, 3))):
                villa = draw(st.booleans())
                code = f"M{m}B{b}{'R' if villa else 'C'}{c}"
                kind = "villa" if villa else "high_rise"
                grid.append(GridRow("A1", f"M{m}", f"M{m}B{b}", code, f"BD{code}", kind))
    corridors = [g.corridor for g in grid]
    people = [
        PersonRow(pid, pid, kind, capacity=draw(st.sampled_from((None, 1, 2, 3))),
                  availability=draw(AVAILABILITY))
        for pid, kind in STAFF
    ]  # fmt: skip
    residents: list[ResidentRow] = []
    for h in range(draw(st.integers(0, 7))):
        corridor = draw(st.sampled_from(corridors))
        for n in range(draw(st.integers(1, 3))):
            residents.append(
                ResidentRow(
                    resident_id=f"R{len(residents) + 1}",
                    name=f"R{len(residents) + 1}",
                    gender="female",
                    birth_year=DAY.year - draw(st.sampled_from(AGES)),
                    household_id=f"H{h}",
                    relation="head" if n == 0 else "other",
                    corridor=corridor,
                    room=f"{h}",
                    mobility=draw(st.sampled_from(("independent", "assisted", "dependent"))),
                    tags=tuple(draw(st.sets(st.sampled_from(("独居", "高龄", "残疾", "低保"))))),
                    party=draw(st.sampled_from(("", "", "double", "retired"))),
                    family_doctor=draw(st.sampled_from(("", "D1"))),
                    availability=draw(AVAILABILITY),
                )
            )
    everyone = [p.person_id for p in people] + [r.resident_id for r in residents]
    level_codes = {
        "corridor": corridors,
        "block": sorted({g.block for g in grid}),
        "micro_grid": sorted({g.micro_grid for g in grid}),
    }
    roles: dict[tuple[str, str, str, date], RoleRow] = {}
    # Most places have their usual holders, so that many elders are well supported...
    for micro in level_codes["micro_grid"]:
        if draw(st.integers(0, 9)) < 7:
            worker = draw(st.sampled_from(("G1", "G2")))
            roles[(worker, "grid_worker", micro, day(-400))] = RoleRow(
                worker, "grid_worker", micro, day(-400)
            )
    for r in residents:
        if draw(st.integers(0, 9)) < 2:
            role = draw(st.sampled_from(("first_floor_chief", "second_floor_chief")))
            roles[(r.resident_id, role, r.corridor, day(-400))] = RoleRow(
                r.resident_id, role, r.corridor, day(-400)
            )
    # ...and then anyone may hold anything, anywhere, from and to any day around asOf.
    for _ in range(draw(st.integers(0, 14))):
        role = draw(st.sampled_from(sorted(ROLES)))
        since = draw(st.sampled_from(OFFSETS))
        until = draw(st.sampled_from((None, *[o for o in OFFSETS if o >= since])))
        row = RoleRow(
            draw(st.sampled_from(everyone)),
            role,
            draw(st.sampled_from(level_codes[ROLES[role]])),
            day(since),
            None if until is None else day(until),
        )
        roles[(row.person_id, row.role, row.scope, row.since)] = row
    helpers: dict[tuple[str, str, str, date], HelperRow] = {}
    visits: dict[tuple[str, str, date, str], VisitRow] = {}
    if residents:
        ids = [r.resident_id for r in residents]
        for _ in range(draw(st.integers(0, 14))):
            since = draw(st.sampled_from(OFFSETS))
            until = draw(st.sampled_from((None, *[o for o in OFFSETS if o >= since])))
            h = HelperRow(
                draw(st.sampled_from(everyone)),
                draw(st.sampled_from(ids)),
                draw(st.sampled_from(PAIRING_KINDS)),
                day(since),
                None if until is None else day(until),
            )
            if h.helper_id != h.resident_id:
                helpers[(h.helper_id, h.resident_id, h.kind, h.since)] = h
        # Mostly recent visits, so that many elders are supported and some irreplaceable.
        for _ in range(draw(st.integers(0, 20))):
            v = VisitRow(
                day(draw(st.sampled_from((-30, -15, -14, -13, -5, -2, -1, 0, 1)))),
                draw(st.sampled_from(("G1", "G2", "D1", "V1", *everyone))),
                draw(st.sampled_from(ids)),
                "home",
            )
            visits[(v.visitor_id, v.resident_id, v.date, v.mode)] = v
    roster = Roster("COM", grid, residents, people, list(roles.values()), list(helpers.values()),
                    list(visits.values()))  # fmt: skip
    left = draw(st.sets(st.sampled_from(everyone), max_size=2))
    areas = sorted({"COM", "A1", *(c for codes in level_codes.values() for c in codes)})
    scope = draw(st.sampled_from((None, *areas)))
    removed = draw(st.sets(st.sampled_from(everyone), max_size=2))
    return roster, left, scope, removed, draw(st.sampled_from(WINDOWS))


# --- the API, asked the same questions ----------------------------------------------------------

FIGURES = (
    "corridorsWithBothChiefs",
    "corridorsWithFirstChief",
    "corridorsWithSecondChief",
    "blocksWithPartyMember",
    "microGridsWithPartyMember",
    "microGridsWithGridWorker",
    "eldersSupported",
    "eldersWithRecentContact",
)
_RATIOS = " ".join(f"{f} {{ actual expected }}" for f in FIGURES)
REPORT = f"""
    areas(first: 100) {{ totalCount nodes {{ code {_RATIOS} overloadedHelpers
                                            singlePointsOfFailure }} }}
    areaGaps(first: 100) {{ totalCount nodes {{ code rule detail }} }}
    vulnerableElders(first: 100) {{
        totalCount nodes {{ residentId reasons {{ code }} helpers {{ personId kinds }} }} }}
    overloadedHelpers(first: 100) {{ nodes {{ personId load capacity }} }}
    singlePointsOfFailure(first: 100) {{ nodes {{ personId elderIds }} }}
"""
QUERY = f"""query($scope: ID, $asOf: Date, $removed: [ID!]!, $window: Window) {{
    now: coverageGaps(scope: $scope, asOf: $asOf) {{ {REPORT} }}
    whatIf(removePersonIds: $removed, scope: $scope, asOf: $asOf) {{ report {{ {REPORT} }} }}
    inWindow: coverageGaps(scope: $scope, asOf: $asOf, window: $window) {{ {REPORT} window }}
}}"""


def seen_by_api(report: dict[str, Any]) -> Verdict:
    """The API's answer in the oracle's terms."""
    v = Verdict()
    v.area_gaps = {(g["code"], g["rule"]) for g in report["areaGaps"]["nodes"]}
    for e in report["vulnerableElders"]["nodes"]:
        v.helpers[e["residentId"]] = {
            h["personId"]: {k.lower() for k in h["kinds"]} for h in e["helpers"]
        }
        if e["reasons"]:
            v.under[e["residentId"]] = tuple(r["code"] for r in e["reasons"])
    v.overloaded = {
        o["personId"]: (o["load"], o["capacity"]) for o in report["overloadedHelpers"]["nodes"]
    }
    v.spofs = {
        s["personId"]: tuple(s["elderIds"]) for s in report["singlePointsOfFailure"]["nodes"]
    }
    for a in report["areas"]["nodes"]:
        figures: dict[str, Any] = {f: (a[f]["actual"], a[f]["expected"]) for f in FIGURES}
        figures["overloadedHelpers"] = a["overloadedHelpers"]
        figures["singlePointsOfFailure"] = a["singlePointsOfFailure"]
        v.figures[a["code"]] = figures
    assert len(report["areaGaps"]["nodes"]) == report["areaGaps"]["totalCount"]
    return v


@pytest.fixture(scope="module")
def api(neo4j_target: Neo4jTarget) -> Iterator[GraphQLClient]:
    with graphql_client(neo4j_target) as client:
        yield client


def load(driver: Driver, target: Neo4jTarget, roster: Roster, left: set[str]) -> None:
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=target.database)
    load_roster(target, roster, today=DAY)
    driver.execute_query(
        "UNWIND $ids AS id MATCH (p:Person {id: id}) SET p.leftOn = $day",
        ids=sorted(owned(roster.community, i) for i in left), day=DAY, database_=target.database,
    )  # fmt: skip
    ensure_account(target, ADMIN, role="admin")  # the wipe took the API's account too


def check(api: GraphQLClient, roster: Roster, left: set[str], scope: str | None,
          removed: set[str], window: str = "weekday_day") -> None:  # fmt: skip
    asked = {"scope": scope, "asOf": DAY.isoformat(), "removed": sorted(removed),
             "window": window.upper()}  # fmt: skip
    body = api.data(QUERY, asked)
    oracle = Oracle(roster, DAY, left)
    assert seen_by_api(body["now"]) == oracle.verdict(scope)
    assert seen_by_api(body["whatIf"]["report"]) == oracle.verdict(scope, removed)
    assert body["inWindow"]["window"] == window.upper()
    assert seen_by_api(body["inWindow"]) == oracle.verdict(scope, window=window)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(communities())
def test_the_api_agrees_with_the_oracle_on_random_communities(
    neo4j_driver: Driver,
    neo4j_target: Neo4jTarget,
    api: GraphQLClient,
    drawn: tuple[Roster, set[str], str | None, set[str], str],
) -> None:
    roster, left, scope, removed, window = drawn
    load(neo4j_driver, neo4j_target, roster, left)
    check(api, roster, left, scope, removed, window)


def test_the_oracle_can_fail(neo4j_driver: Driver, neo4j_target: Neo4jTarget,
                             api: GraphQLClient) -> None:  # fmt: skip
    """A roster with one more helper than the graph holds must not agree."""
    roster = edge_cases()
    load(neo4j_driver, neo4j_target, roster, set())
    body = api.data(QUERY, {"scope": None, "asOf": DAY.isoformat(), "removed": [],
                            "window": "WEEKDAY_DAY"})  # fmt: skip
    more = replace(roster, helpers=[*roster.helpers, HelperRow("V2", "R1", "volunteer", day(-9))])
    assert seen_by_api(body["now"]) == Oracle(roster).verdict(None)
    assert seen_by_api(body["now"]) != Oracle(more).verdict(None)
    # An oracle that forgets the in-service party member P is at work on weekday days.
    always = [replace(r, availability=WINDOWS) if r.resident_id == "P" else r
              for r in roster.residents]  # fmt: skip
    in_window = seen_by_api(body["inWindow"])
    assert in_window == Oracle(roster).verdict(None, window="weekday_day")
    assert in_window != Oracle(replace(roster, residents=always)).verdict(
        None, window="weekday_day"
    )


def edge_cases() -> Roster:
    """The edge cases of the issue, all at once, in a community of two corridors."""
    grid = [
        GridRow("A1", "M1", "B1", "C1", "BD1", "high_rise"),
        GridRow("A1", "M1", "B1", "R1", "V1", "villa"),
        GridRow("A1", "M1", "B2", "C9", "BD9", "high_rise"),  # an empty corridor
    ]
    residents = [
        ResidentRow("R1", "R1", "female", DAY.year - 84, "H1", "head", "C1", "101"),
        # P: first floor chief, double-registered, and a named helper of R1.
        ResidentRow("P", "P", "male", DAY.year - 45, "H2", "head", "C1", "102", party="double"),
        # OLD: aged 77, helps R1 though elderly herself; lives alone in a villa.
        ResidentRow("OLD", "OLD", "female", DAY.year - 77, "H3", "head", "R1", "1",
                    mobility="assisted", family_doctor="D1"),
    ]  # fmt: skip
    people = [PersonRow("G1", "G1", "grid_worker"), PersonRow("V2", "V2", "volunteer", capacity=1),
              PersonRow("D1", "D1", "doctor")]  # fmt: skip
    roles = [
        RoleRow("P", "first_floor_chief", "C1", day(-300)),
        RoleRow("X", "second_floor_chief", "C1", day(-300)),  # nobody called X: never loaded
        RoleRow("OLD", "second_floor_chief", "R1", day(-300), day(-1)),  # ended yesterday
        RoleRow("G1", "grid_worker", "M1", day(1)),  # starts tomorrow
    ]
    helpers = [
        HelperRow("P", "R1", "party_member", day(-50)),
        HelperRow("OLD", "R1", "neighbour", day(-50)),
        HelperRow("V2", "OLD", "volunteer", day(-50)),
    ]
    visits = [VisitRow(day(-3), "OLD", "R1", "home"), VisitRow(day(-2), "V2", "OLD", "phone")]
    return Roster("COM", grid, residents, people, roles, helpers, visits)


def test_the_issues_edge_cases_agree(neo4j_driver: Driver, neo4j_target: Neo4jTarget,
                                     api: GraphQLClient) -> None:  # fmt: skip
    roster = edge_cases()
    for left, scope, removed in (
        (set(), None, set()),
        (set(), "C1", {"P"}),
        ({"V2"}, "B1", {"OLD"}),
        (set(), "R1", {"R1", "D1"}),
    ):
        load(neo4j_driver, neo4j_target, roster, left)
        check(api, roster, left, scope, removed)
    verdict = Oracle(roster).verdict(None)
    assert verdict.helpers["R1"] == {"P": {"floor_chief", "party_member"}, "OLD": {"neighbour"}}
    # OLD helps R1 and is helped by V2 and D1 alone: each of the four is irreplaceable.
    assert verdict.spofs == {"D1": ("OLD",), "OLD": ("R1",), "P": ("R1",), "V2": ("OLD",)}
