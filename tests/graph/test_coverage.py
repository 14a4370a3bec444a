"""The coverage analysis: its rules on hand-built facts, and the demo's planted gaps in Neo4j."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from graph.analysis.report import analyse
from graph.analysis.rules import RULES_ENV, Rules, RulesError, base_rules, load_rules
from graph.analysis.types import (
    Area,
    Member,
    OutsideLink,
    Pairing,
    Person,
    RoleTerm,
    ScopeData,
    Visit,
)
from graph.coverage import scope_reads
from graph.coverage.gaps import coverage_gaps
from graph.coverage.scope_reads import ScopeNotFound, fetch_scope
from graph.store.connection import Neo4jTarget
from seeds.demo import planted_gaps
from seeds.rows import Roster
from tests.conftest import DEMO_TODAY

DAY = date(2025, 6, 15)
RULES = Rules()


# --- a small community built by hand ---------------------------------------------------------


@dataclass
class Town:
    """Facts for :func:`graph.analysis.report.analyse`, with the grid C1, C2 < B1 < M1 < A < COM."""

    members: dict[str, Member] = field(default_factory=dict)
    roles: list[RoleTerm] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    outside: list[OutsideLink] = field(default_factory=list)

    def resident(self, rid: str, age: int, household: str, corridor: str = "C1", **kw: Any) -> None:
        self.members[rid] = Member(rid, rid, DAY.year - age, household, corridor, **kw)

    def role(self, pid: str, role: str, area: str, since: int = -100, until: int | None = None,
             *, party: str | None = None, left: bool = False) -> None:  # fmt: skip
        end = DAY + timedelta(days=until) if until is not None else None
        self.roles.append(
            RoleTerm(pid, pid, role, area, DAY + timedelta(days=since), end, left, party)
        )

    def person(self, pid: str, **kw: Any) -> None:
        base = {"name": pid, "kind": "resident", "capacity": None, "volunteer": False}
        base |= {"birth_year": None, "left": False, "party": None}
        self.people[pid] = Person(pid, **(base | kw))

    def data(self) -> ScopeData:
        areas = {
            "COM": Area("COM", "community", "COM", None, None),
            "A": Area("A", "residential_area", "A", None, "COM"),
            "M1": Area("M1", "micro_grid", "M1", None, "A"),
            "B1": Area("B1", "block", "B1", None, "M1"),
            "C1": Area("C1", "corridor", "C1", "corridor", "B1"),
            "C2": Area("C2", "corridor", "C2", "region", "B1"),
        }
        households: dict[str, list[str]] = {}
        for m in self.members.values():
            households.setdefault(m.household, []).append(m.id)
        return ScopeData(
            scope=("COM",), as_of=DAY, areas=areas, above={}, roles=list(self.roles),
            members=dict(self.members),
            households={h: tuple(sorted(ids)) for h, ids in households.items()},
            people=dict(self.people), outside=list(self.outside),
        )  # fmt: skip


def pairing(helper: str, kind: str = "neighbour", since: int = -100) -> Pairing:
    return Pairing(helper, kind, DAY + timedelta(days=since), None)


def seen(visitor: str, days_ago: int) -> Visit:
    return Visit(visitor, DAY - timedelta(days=days_ago), "home")


def test_helpers_are_found_along_every_path_with_their_kinds() -> None:
    t = Town()
    t.resident("E", 82, "H1", pairings=(pairing("N", "neighbour"), pairing("X", "other")),
               doctor="D")  # fmt: skip
    t.resident("SON", 50, "H1")
    t.resident("GRANDMA", 90, "H1")  # too old to count as a household helper
    t.resident("KID", 12, "H1")
    t.role("CHIEF", "first_floor_chief", "C1")
    t.role("CHIEF2", "second_floor_chief", "C1", party="double")
    t.role("G", "grid_worker", "M1")
    t.role("VOL", "volunteer", "C1")
    t.role("OTHER", "first_floor_chief", "C2")  # another corridor's chief
    t.role("LEADER", "block_leader", "B1")  # block leaders are no helpers by themselves
    report = analyse(t.data(), rules=RULES)
    (elder,) = [e for e in report.elders if e.id == "E"]
    kinds = {h.person_id: h.kinds for h in elder.helpers}
    assert kinds == {
        "N": ("neighbour",),
        "X": ("other",),
        "D": ("doctor",),
        "SON": ("family",),
        "CHIEF": ("floor_chief",),
        "CHIEF2": ("floor_chief",),
        "G": ("grid_staff",),
        "VOL": ("volunteer",),
    }
    grid = next(h for h in elder.helpers if h.person_id == "G")
    assert grid.paths[0].steps[-3:] == (
        "MicroGrid M1",
        f"<-SERVES(grid_worker, since {DAY - timedelta(days=100)})-",
        "Person G",
    )
    assert "grid worker of micro-grid M1" in grid.paths[0].explanation


def test_one_person_on_several_paths_is_one_helper_of_several_kinds_and_never_their_own() -> None:
    t = Town()
    # E is herself the first floor chief; P is second floor chief, party member and a pairing.
    t.resident("E", 70, "H1", mobility="assisted", pairings=(pairing("P", "party_member"),))
    t.resident("P", 40, "H2")
    t.role("E", "first_floor_chief", "C1")
    t.role("P", "second_floor_chief", "C1", party="double")
    (elder,) = analyse(t.data(), rules=RULES).elders
    assert [(h.person_id, h.kinds) for h in elder.helpers] == [
        ("P", ("floor_chief", "party_member"))
    ]
    assert [r.code for r in elder.reasons] == ["FEW_HELPERS", "NO_RECENT_CONTACT"]


def test_roles_are_valid_from_since_to_until_inclusive_and_leavers_help_nobody() -> None:
    t = Town()
    t.resident("E", 81, "H1")
    t.role("ENDED", "first_floor_chief", "C1", since=-300, until=-1)  # ended yesterday
    t.role("TODAY", "second_floor_chief", "C1", since=-300, until=0)  # ends today: still on
    t.role("SOON", "first_floor_chief", "C1", since=1)  # starts tomorrow
    t.role("STARTS", "grid_worker", "M1", since=0)  # starts today
    t.role("GONE", "volunteer", "C1", left=True)
    report = analyse(t.data(), rules=RULES)
    assert [h.person_id for h in report.elders[0].helpers] == ["STARTS", "TODAY"]
    gaps = {(g.area, g.rule): g.detail for g in report.area_gaps}
    assert gaps[("C1", "NO_FIRST_FLOOR_CHIEF")] == (
        f"first floor chief: nobody until SOON takes over on {DAY + timedelta(days=1)}"
    )
    assert gaps[("C2", "NO_FIRST_FLOOR_CHIEF")] == "first floor chief: never held"
    assert ("C1", "NO_SECOND_FLOOR_CHIEF") not in gaps


def test_vulnerability_and_each_reason_of_under_support() -> None:
    t = Town()
    t.resident("ALONE", 65, "H1", visits=(seen("G", 14),))  # 14 days ago is still recent
    t.resident("COUPLE1", 65, "H2", visits=(seen("G", 15),))
    t.resident("COUPLE2", 66, "H2")
    t.resident("TAGGED", 61, "H3", tags=("残疾",), visits=(seen("G", 15), seen("X", 1)))
    t.resident("CARER", 30, "H3")
    t.resident("YOUNG", 59, "H4", tags=("独居",))  # not an elder at all
    t.role("G", "grid_worker", "M1")
    t.role("CHIEF", "first_floor_chief", "C1")
    report = analyse(t.data(), rules=RULES)
    because = {e.id: e.vulnerable_because for e in report.elders}
    assert because == {"ALONE": ("lives alone",), "TAGGED": ("tagged 残疾",)}
    reasons = {e.id: [r.code for r in e.reasons] for e in report.under_supported}
    # X visited TAGGED, but X is no helper of theirs: a visit counts only from a helper.
    assert reasons == {"TAGGED": ["NO_RECENT_CONTACT"]}
    after = analyse(t.data(), rules=RULES, removed={"COUPLE2"})
    assert [e.id for e in after.under_supported] == ["COUPLE1", "TAGGED"]
    assert (
        after.under_supported[0]
        .reasons[0]
        .detail.startswith(f"no visit by a helper since {DAY - timedelta(days=14)}")
    )


def test_single_points_of_failure_are_what_removing_them_would_add() -> None:
    t = Town()
    t.resident("E1", 85, "H1", visits=(seen("G", 2), seen("CHIEF", 3)))
    # E2 is not vulnerable while S lives with her; alone in C2 (no floor chief) she would be.
    t.resident("E2", 70, "H2", corridor="C2", visits=(seen("G", 2),))
    t.resident("S", 50, "H2", corridor="C2")
    t.resident("E3", 88, "H3", pairings=(pairing("N"),), visits=(seen("N", 1), seen("G", 1)))
    t.role("G", "grid_worker", "M1")
    t.role("CHIEF", "first_floor_chief", "C1")
    report = analyse(t.data(), rules=RULES)
    spofs = {s.person_id: s.elders for s in report.single_points_of_failure}
    # E3 has N, G and CHIEF, visited by two: no single departure hurts. E1 has G and CHIEF.
    assert spofs == {"CHIEF": ("E1",), "G": ("E1",), "S": ("E2",)}
    base = {e.id for e in report.under_supported}
    for person, elders in spofs.items():
        after = {e.id for e in analyse(t.data(), rules=RULES, removed={person}).under_supported}
        assert after - base == set(elders)


def test_loads_count_elders_outside_the_scope_and_capacities_have_defaults() -> None:
    t = Town()
    for i in range(3):
        t.resident(f"E{i}", 85, f"H{i}", pairings=(pairing("V", "volunteer"), pairing("R")))
    t.person("V", kind="volunteer", volunteer=True)  # no roster capacity: the default, 5
    t.person("R")  # a resident: no capacity, never overloaded
    t.person("D", kind="doctor", capacity=2)
    t.members["E0"] = replace(t.members["E0"], doctor="D")
    t.outside = [
        OutsideLink("V", f"X{i}", DAY.year - 90, "independent", (), ("Y",), "pairing")
        for i in range(3)
    ]
    t.outside.append(OutsideLink("D", "X0", DAY.year - 61, "assisted", (), ("Y",), "doctor"))
    t.outside.append(OutsideLink("D", "X9", DAY.year - 61, "independent", (), ("Y",), "doctor"))
    report = analyse(t.data(), rules=RULES)
    loads = {o.person_id: (o.load, o.capacity, o.capacity_source) for o in report.overloaded}
    assert loads == {"V": (6, 5, "volunteer default")}  # D: E0 and X0 (X9 is no elder at risk)
    assert analyse(t.data(), rules=Rules(volunteer_capacity=6)).overloaded == ()
    assert analyse(t.data(), rules=RULES, removed={"X0"}).overloaded == ()  # V back to 5


def test_figures_roll_up_from_corridors_to_the_community() -> None:
    t = Town()
    t.resident("E1", 85, "H1", corridor="C1")
    t.resident("E2", 85, "H2", corridor="C2")
    t.role("A1", "first_floor_chief", "C1")
    t.role("A2", "second_floor_chief", "C1", party="double")
    t.role("G", "grid_worker", "M1")
    report = analyse(t.data(), rules=RULES)
    top = report.areas[0]
    assert (top.code, top.level) == ("COM", "community")
    assert [a.code for a in report.areas] == ["COM", "A", "M1", "B1", "C1", "C2"]
    assert (top.corridors_with_both_chiefs.actual, top.corridors_with_both_chiefs.expected) == (
        1,
        2,
    )
    assert top.blocks_with_party_member.actual == top.micro_grids_with_party_member.actual == 1
    assert (top.elders_supported.actual, top.elders_supported.expected) == (0, 2)
    c2 = next(a for a in report.areas if a.code == "C2")
    assert (c2.corridors_with_first_chief.actual, c2.corridors_with_first_chief.expected) == (0, 1)
    assert c2.blocks_with_party_member.expected == 0


# --- the rules file ---------------------------------------------------------------------------


def test_rules_load_from_toml_and_take_overrides(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        '[vulnerable]\nmin_age = 65\ntags = ["独居"]\n[support]\ncontact_days = 30\n'
        "[capacity]\nvolunteer = 8\n",
        encoding="utf-8",
    )
    rules = load_rules(path)
    assert (rules.elder_age, rules.vulnerable_tags, rules.contact_days) == (65, ("独居",), 30)
    assert rules.volunteer_capacity == 8 and rules.min_helpers == Rules().min_helpers
    assert rules.merged({"min_helpers": 3, "contact_days": None}).min_helpers == 3
    assert rules.merged({"vulnerable_tags": ["残疾"]}).vulnerable_tags == ("残疾",)
    assert base_rules({RULES_ENV: str(path)}) == rules
    assert base_rules({}) == Rules()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[vulnerable]\nminimum = 3\n", "unknown key 'minimum'"),
        ("[elsewhere]\nx = 1\n", "unknown section [elsewhere]"),
        ("[support]\nmin_helpers = -1\n", "min_helpers must be a whole number"),
        ("[support]\nmin_helpers = true\n", "min_helpers must be a whole number"),
        ("[vulnerable]\ntags = [1]\n", "vulnerable_tags must be a list of strings"),
        ("[suggestions]\nkinds = ['doctor']\n", "suggestion_kinds may hold"),
        ("[support\n", "cannot read rules file"),
    ],
)
def test_a_bad_rules_file_says_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError, match=re.escape(message)):
        load_rules(path)
    with pytest.raises(RulesError, match="unknown rule"):
        Rules().merged({"nonsense": 1})


# --- the demo community in Neo4j ----------------------------------------------------------------


def report_of(target: Neo4jTarget, scope: str | None = None, removed: tuple[str, ...] = ()) -> Any:
    async def go() -> Any:
        driver = target.async_driver()
        try:
            return await coverage_gaps(
                driver, database=target.database, scope=scope, as_of=DEMO_TODAY, rules=RULES,
                removed=removed,
            )  # fmt: skip
        finally:
            await driver.close()

    return asyncio.run(go())


@pytest.fixture(scope="module")
def demo(demo_graph: Roster, neo4j_target: Neo4jTarget) -> Iterator[Any]:
    yield report_of(neo4j_target)


def test_the_demo_shows_exactly_its_planted_gaps(demo_graph: Roster, demo: Any) -> None:
    planted = planted_gaps(demo_graph, today=DEMO_TODAY)

    def areas(rule: str, level: str) -> tuple[str, ...]:
        return tuple(g.area for g in demo.area_gaps if g.rule == rule and g.level == level)

    assert areas("NO_FIRST_FLOOR_CHIEF", "corridor") == planted.corridors_without_first_floor_chief
    assert areas("NO_SECOND_FLOOR_CHIEF", "corridor") == (
        planted.corridors_without_second_floor_chief
    )
    assert areas("NO_PARTY_MEMBER", "block") == planted.blocks_without_serving_party_member
    assert areas("NO_PARTY_MEMBER", "micro_grid") == (
        planted.micro_grids_without_serving_party_member
    )
    assert areas("NO_GRID_WORKER", "micro_grid") == planted.micro_grids_without_grid_worker
    found = tuple((e.id, tuple(r.code for r in e.reasons)) for e in demo.under_supported)
    assert found == planted.under_supported
    assert tuple((o.person_id, o.load) for o in demo.overloaded) == planted.overloaded_helpers
    assert tuple((s.person_id, s.elders) for s in demo.single_points_of_failure) == (
        planted.single_points_of_failure
    )
    top = demo.areas[0]
    assert top.corridors_with_both_chiefs.expected == 58
    assert top.corridors_with_both_chiefs.actual == 58 - len(
        set(planted.corridors_without_first_floor_chief)
        | set(planted.corridors_without_second_floor_chief)
    )
    assert top.elders_supported.expected - top.elders_supported.actual == 5


def test_a_scoped_report_is_the_same_analysis_restricted(
    neo4j_target: Neo4jTarget, demo: Any
) -> None:
    for scope in ("QS-MG2", "QS-B07", "QS-B07-C3", "QS-P1"):
        part = report_of(neo4j_target, scope)
        inner = {a.code for a in part.areas}
        assert part.areas[0].code == scope and part.scope == (scope,)
        assert part.area_gaps == tuple(g for g in demo.area_gaps if g.area in inner)
        assert part.elders == tuple(e for e in demo.elders if e.corridor in inner)
        assert part.areas == tuple(a for a in demo.areas if a.code in inner)
        # Loads count elders outside the scope too: the same helpers, the same numbers.
        mine = {e.id for e in part.elders}
        assert part.overloaded == tuple(
            replace(o, elders=tuple(e for e in o.elders if e in mine))
            for o in demo.overloaded
            if set(o.elders) & mine
        )


def test_removing_a_single_point_of_failure_adds_exactly_its_elders(
    neo4j_target: Neo4jTarget, demo: Any
) -> None:
    assert demo.single_points_of_failure
    before = {e.id for e in demo.under_supported}
    for spof in demo.single_points_of_failure:
        after = report_of(neo4j_target, removed=(spof.person_id,))
        assert {e.id for e in after.under_supported} - before == set(spof.elders)
    assert report_of(neo4j_target, removed=()) == demo


def test_an_unknown_scope_is_refused(neo4j_target: Neo4jTarget, demo: Any) -> None:
    with pytest.raises(ScopeNotFound):
        report_of(neo4j_target, "QS-NOWHERE")


def test_the_number_of_queries_does_not_depend_on_the_number_of_elders(
    neo4j_target: Neo4jTarget, demo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = scope_reads._rows

    async def counted(tx: Any, query: str, **params: Any) -> list[list[Any]]:
        calls.append(query)
        return await real(tx, query, **params)

    monkeypatch.setattr(scope_reads, "_rows", counted)
    counts = []
    for scope in (None, "QS-MG1", "QS-B01-C1", "QS-B21-R1"):
        calls.clear()
        asyncio.run(_fetch(neo4j_target, scope))
        counts.append(len(calls))
    # Three reads for the whole graph (nothing lies outside it), four for any scope in it.
    assert counts == [3, 4, 4, 4]


async def _fetch(target: Neo4jTarget, scope: str | None) -> ScopeData:
    driver = target.async_driver()
    try:
        return await fetch_scope(
            driver, database=target.database, scope=scope, as_of=DEMO_TODAY, rules=RULES
        )
    finally:
        await driver.close()
