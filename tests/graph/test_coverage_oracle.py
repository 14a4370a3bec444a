"""An independent oracle for the coverage analysis, and the API checked against it.

The oracle is plain Python over the rows of a :class:`~seeds.rows.Roster`, written from the
definitions of the coverage issue and not from ``graph/``: it shares no code with the Cypher or
the analysis, and computes everything the slow, obvious way (a single point of failure is found
by re-running the whole verdict without that person). Hypothesis draws small communities full of
edge cases (empty corridors, villa regions, one person who is floor chief, party member and
helper at once, roles that ended yesterday or start tomorrow, elderly helpers, people who left),
loads each into the real Neo4j and asks the GraphQL API; the answers must agree exactly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from graph.store.connection import Neo4jTarget
from seeds.load import load_roster
from seeds.rows import GridRow, HelperRow, PersonRow, ResidentRow, RoleRow, Roster, VisitRow
from tests.support.gql import ADMIN, GraphQLClient, ensure_account, graphql_client

DAY = date(2025, 6, 15)
VULNERABLE_TAGS = ("独居", "高龄", "残疾")
PAIRING_KINDS = ("family", "neighbour", "volunteer", "party_member", "floor_chief", "other")
CORRIDOR_ROLES = {
    "first_floor_chief": "floor_chief",
    "second_floor_chief": "floor_chief",
    "volunteer": "volunteer",
    "party_member": "party_member",
}


# --- the oracle -------------------------------------------------------------------------------


@dataclass
class Verdict:
    """What the oracle says about one scope."""

    area_gaps: set[tuple[str, str]] = field(default_factory=set)
    helpers: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # vulnerable elders
    under: dict[str, tuple[str, ...]] = field(default_factory=dict)
    overloaded: dict[str, tuple[int, int]] = field(default_factory=dict)  # load, capacity
    spofs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    figures: dict[str, dict[str, tuple[int, int] | int]] = field(default_factory=dict)


def on(day: date, since: date, until: date | None) -> bool:
    return since <= day and (until is None or day <= until)


class Oracle:
    """The coverage definitions applied to roster rows, with people gone (left or removed).

    Every verdict is computed from the rows: indexes only group rows by resident, household and
    area so that a full-size demo can be checked too.
    """

    def __init__(self, roster: Roster, day: date = DAY, left: set[str] = frozenset()) -> None:
        self.r, self.day, self.left = roster, day, set(left)
        self.parent: dict[str, str | None] = {roster.community: None}
        self.level: dict[str, str] = {roster.community: "community"}
        for g in roster.grid:
            for code, level, up in (
                (g.area, "residential_area", roster.community),
                (g.micro_grid, "micro_grid", g.area),
                (g.block, "block", g.micro_grid),
                (g.corridor, "corridor", g.block),
            ):
                self.parent[code], self.level[code] = up, level
        self.residents = {x.resident_id: x for x in roster.residents}
        self.staff = {p.person_id: p for p in roster.people}
        self.everyone = set(self.residents) | set(self.staff)
        self.household: dict[str, list[str]] = defaultdict(list)
        for x in roster.residents:
            self.household[x.household_id].append(x.resident_id)
        self.pairings: dict[str, list[HelperRow]] = defaultdict(list)
        for h in roster.helpers:
            if on(day, h.since, h.until):
                self.pairings[h.resident_id].append(h)
        self.visits: dict[str, list[VisitRow]] = defaultdict(list)
        for v in roster.visits:
            self.visits[v.resident_id].append(v)

    # the plain facts
    def age(self, rid: str) -> int:
        return self.day.year - self.residents[rid].birth_year

    def here(self, pid: str, gone: set[str]) -> bool:
        return pid in self.everyone and pid not in self.left and pid not in gone

    def corridor(self, rid: str) -> str:
        c = self.residents[rid].corridor
        return c if self.level.get(c) == "corridor" else ""

    def within(self, code: str, area: str) -> bool:
        while code:
            if code == area:
                return True
            code = self.parent.get(code) or ""
        return False

    def roles(self, gone: set[str]) -> list[RoleRow]:
        return [
            x
            for x in self.r.roles
            if on(self.day, x.since, x.until)
            and self.here(x.person_id, gone)
            and x.scope in self.level
        ]

    # the definitions
    def helpers_of(self, e: str, gone: set[str], roles: list[RoleRow]) -> dict[str, set[str]]:
        found: dict[str, set[str]] = defaultdict(set)
        me = self.residents[e]
        corridor = self.corridor(e)
        micro = self.parent.get(self.parent.get(corridor) or "") if corridor else None
        for h in self.pairings[e]:
            if self.here(h.helper_id, gone):
                found[h.helper_id].add(h.kind if h.kind in PAIRING_KINDS else "other")
        for x in self.household[me.household_id]:
            if self.here(x, gone) and 18 <= self.age(x) < 75:
                found[x].add("family")
        for role in roles:
            if role.role in CORRIDOR_ROLES and role.scope == corridor:
                found[role.person_id].add(CORRIDOR_ROLES[role.role])
            if role.role == "grid_worker" and role.scope == micro:
                found[role.person_id].add("grid_staff")
        if me.family_doctor and self.here(me.family_doctor, gone):
            found[me.family_doctor].add("doctor")
        found.pop(e, None)
        return dict(found)

    def vulnerable(self, e: str, gone: set[str]) -> bool:
        me = self.residents[e]
        if self.age(e) < 60:
            return False
        housemates = [x for x in self.household[me.household_id] if x != e and self.here(x, gone)]
        return (
            not housemates
            or self.age(e) >= 80
            or me.mobility in ("assisted", "dependent")
            or bool(set(me.tags) & set(VULNERABLE_TAGS))
        )

    def reasons(self, e: str, gone: set[str], roles: list[RoleRow]) -> tuple[str, ...]:
        helpers = self.helpers_of(e, gone, roles)
        kinds = {k for ks in helpers.values() for k in ks}
        out = []
        if len(helpers) < 2:
            out.append("FEW_HELPERS")
        if len(kinds) < 2:
            out.append("FEW_KINDS")
        window = self.day - timedelta(days=14)
        if not any(
            v.visitor_id in helpers and window <= v.date <= self.day for v in self.visits[e]
        ):
            out.append("NO_RECENT_CONTACT")
        return tuple(out)

    def elders(self, scope: str, gone: set[str]) -> list[str]:
        """Residents aged 60+ in the scope who are still here."""
        return sorted(
            e
            for e in self.residents
            if self.here(e, gone) and self.age(e) >= 60 and self.within(self.corridor(e), scope)
        )

    def under(self, e: str, gone: set[str], roles: list[RoleRow]) -> tuple[str, ...]:
        return self.reasons(e, gone, roles) if self.vulnerable(e, gone) else ()

    def capacity(self, pid: str, roles: list[RoleRow]) -> int | None:
        if pid in self.staff and self.staff[pid].capacity is not None:
            return self.staff[pid].capacity
        if pid in self.staff and self.staff[pid].kind == "volunteer":
            return 5
        chief = any(
            x.person_id == pid and x.role in ("first_floor_chief", "second_floor_chief")
            for x in roles
        )
        return 5 if chief else None

    def area_gaps(self, scope: str, roles: list[RoleRow]) -> set[tuple[str, str]]:
        gaps = set()
        for code, level in self.level.items():
            if not self.within(code, scope):
                continue
            held = {x.role for x in roles if x.scope == code}
            if level == "corridor":
                if "first_floor_chief" not in held:
                    gaps.add((code, "NO_FIRST_FLOOR_CHIEF"))
                if "second_floor_chief" not in held:
                    gaps.add((code, "NO_SECOND_FLOOR_CHIEF"))
            if level in ("block", "micro_grid") and not any(
                self.within(x.scope, code)
                and x.person_id in self.residents
                and self.residents[x.person_id].party == "double"
                for x in roles
            ):
                gaps.add((code, "NO_PARTY_MEMBER"))
            if level == "micro_grid" and "grid_worker" not in held:
                gaps.add((code, "NO_GRID_WORKER"))
        return gaps

    def verdict(self, scope: str | None, removed: set[str] = frozenset()) -> Verdict:
        """Everything the coverage report says about ``scope``, as if ``removed`` had left."""
        scope, gone = scope or self.r.community, set(removed)
        roles = self.roles(gone)
        v = Verdict(area_gaps=self.area_gaps(scope, roles))
        elders = self.elders(scope, gone)
        v.under = {e: why for e in elders if (why := self.under(e, gone, roles))}
        mine = [e for e in elders if self.vulnerable(e, gone)]
        v.helpers = {e: self.helpers_of(e, gone, roles) for e in mine}
        helped_by: dict[str, set[str]] = defaultdict(set)
        for e in self.elders(self.r.community, gone):
            if self.vulnerable(e, gone):
                for h in self.helpers_of(e, gone, roles):
                    helped_by[h].add(e)
        for h, helped in helped_by.items():
            cap = self.capacity(h, roles)
            if cap is not None and len(helped) > cap and helped & set(mine):
                v.overloaded[h] = (len(helped), cap)
        # A departure changes the verdict only of the people one helps or lives with.
        touched: dict[str, set[str]] = defaultdict(set)
        for e in elders:
            for h in self.helpers_of(e, gone, roles):
                touched[h].add(e)
            for x in self.household[self.residents[e].household_id]:
                touched[x].add(e)
        helpers_here = {h for e in elders for h in self.helpers_of(e, gone, roles)}
        for h in sorted(helpers_here):
            without = gone | {h}
            after_roles = self.roles(without)
            turned = tuple(
                sorted(
                    e
                    for e in touched[h] - {h}
                    if e not in v.under and self.under(e, without, after_roles)
                )
            )
            if turned:
                v.spofs[h] = turned
        v.figures = self.figures(scope, v)
        return v

    def figures(self, scope: str, v: Verdict) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        helped_here = {
            h: [e for e, helpers in v.helpers.items() if h in helpers] for h in v.overloaded
        }
        for area in (c for c in self.level if self.within(c, scope)):
            inner = [c for c in self.level if self.within(c, area)]

            def ratio(level: str, *rules: str, inner: list[str] = inner) -> tuple[int, int]:
                places = [c for c in inner if self.level[c] == level]
                ok = [c for c in places if not any((c, r) in v.area_gaps for r in rules)]
                return len(ok), len(places)

            def touching(lists: dict[str, Any], area: str = area) -> int:
                return sum(
                    any(self.within(self.corridor(e), area) for e in es) for es in lists.values()
                )

            elders = [e for e in v.helpers if self.within(self.corridor(e), area)]
            out[area] = {
                "corridorsWithBothChiefs": ratio(
                    "corridor", "NO_FIRST_FLOOR_CHIEF", "NO_SECOND_FLOOR_CHIEF"
                ),
                "corridorsWithFirstChief": ratio("corridor", "NO_FIRST_FLOOR_CHIEF"),
                "corridorsWithSecondChief": ratio("corridor", "NO_SECOND_FLOOR_CHIEF"),
                "blocksWithPartyMember": ratio("block", "NO_PARTY_MEMBER"),
                "microGridsWithPartyMember": ratio("micro_grid", "NO_PARTY_MEMBER"),
                "microGridsWithGridWorker": ratio("micro_grid", "NO_GRID_WORKER"),
                "eldersSupported": (len([e for e in elders if e not in v.under]), len(elders)),
                "eldersWithRecentContact": (
                    len([e for e in elders if "NO_RECENT_CONTACT" not in v.under.get(e, ())]),
                    len(elders),
                ),
                "overloadedHelpers": touching(helped_here),
                "singlePointsOfFailure": touching(dict(v.spofs)),
            }
        return out


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


def day(offset: int) -> date:
    return DAY + timedelta(days=offset)


@st.composite
def communities(draw: st.DrawFn) -> tuple[Roster, set[str], str | None, set[str]]:
    """A small community, the people who left, a scope and the people a what-if removes."""
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
        PersonRow(pid, pid, kind, capacity=draw(st.sampled_from((None, 1, 2, 3))))
        for pid, kind in STAFF
    ]
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
    return roster, left, scope, removed


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
QUERY = f"""query($scope: ID, $asOf: Date, $removed: [ID!]!) {{
    now: coverageGaps(scope: $scope, asOf: $asOf) {{ {REPORT} }}
    whatIf(removePersonIds: $removed, scope: $scope, asOf: $asOf) {{ report {{ {REPORT} }} }}
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
        ids=sorted(left), day=DAY, database_=target.database,
    )  # fmt: skip
    ensure_account(target, ADMIN, role="admin")  # the wipe took the API's account too


def check(api: GraphQLClient, roster: Roster, left: set[str], scope: str | None,
          removed: set[str]) -> None:  # fmt: skip
    body = api.data(QUERY, {"scope": scope, "asOf": DAY.isoformat(), "removed": sorted(removed)})
    oracle = Oracle(roster, DAY, left)
    assert seen_by_api(body["now"]) == oracle.verdict(scope)
    assert seen_by_api(body["whatIf"]["report"]) == oracle.verdict(scope, removed)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(communities())
def test_the_api_agrees_with_the_oracle_on_random_communities(
    neo4j_driver: Driver,
    neo4j_target: Neo4jTarget,
    api: GraphQLClient,
    drawn: tuple[Roster, set[str], str | None, set[str]],
) -> None:
    roster, left, scope, removed = drawn
    load(neo4j_driver, neo4j_target, roster, left)
    check(api, roster, left, scope, removed)


def test_the_oracle_can_fail(neo4j_driver: Driver, neo4j_target: Neo4jTarget,
                             api: GraphQLClient) -> None:  # fmt: skip
    """A roster with one more helper than the graph holds must not agree."""
    roster = edge_cases()
    load(neo4j_driver, neo4j_target, roster, set())
    body = api.data(QUERY, {"scope": None, "asOf": DAY.isoformat(), "removed": []})
    more = replace(roster, helpers=[*roster.helpers, HelperRow("V2", "R1", "volunteer", day(-9))])
    assert seen_by_api(body["now"]) == Oracle(roster).verdict(None)
    assert seen_by_api(body["now"]) != Oracle(more).verdict(None)


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
