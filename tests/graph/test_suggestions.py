"""Assignment suggestions: capacities, kinds, optimality, and proposals applied for real."""

from __future__ import annotations

from datetime import timedelta
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from neo4j import Driver

from graph.analysis.assignment import suggest
from graph.analysis.rules import Rules
from graph.analysis.types import ActiveRole
from graph.store.connection import Neo4jTarget
from seeds.load import load_roster
from seeds.rows import GridRow, HelperRow, PersonRow, ResidentRow, RoleRow, Roster, VisitRow
from tests.graph.test_coverage import DAY, Town, pairing, seen
from tests.support.gql import graphql_client

CHIEF = (ActiveRole("first_floor_chief", "C2", "corridor"),)


def town_with(elders: dict[str, str], volunteers: dict[str, int], chiefs: dict[str, int]) -> Town:
    """Elders helped by one person of the given kind; candidates with the given capacities."""
    t = Town()
    for e, kind in elders.items():
        helper = f"{kind.upper()}-OF-{e}"
        t.resident(e, 85, f"H{e}", pairings=(pairing(helper, kind),), visits=(seen(helper, 1),))
    for v, cap in volunteers.items():
        t.person(v, kind="volunteer", volunteer=True, capacity=cap)
    for c, cap in chiefs.items():
        t.resident(c, 50, f"H{c}", corridor="C2")
        t.person(c, capacity=cap, roles=CHIEF, home=("C2", "B1", "M1"))
    return t


def test_capacities_hold_and_the_nearest_helper_goes_first() -> None:
    t = town_with({"E1": "other", "E2": "other", "E3": "other"}, {"V1": 1}, {"P": 1})
    plan = suggest(t.data(), rules=Rules())
    assert plan.under_supported_before == 3 and plan.under_supported_after == 1
    by_helper = {p.helper_id: p for p in plan.proposals}
    assert sorted(by_helper) == ["P", "V1"]
    assert (by_helper["P"].cost, by_helper["P"].proximity) == (2, "same block")
    assert by_helper["P"].explanation.startswith("same block (C2); P has 1 of 1 places free")
    assert (by_helper["V1"].cost, by_helper["V1"].kind) == (4, "volunteer")


def test_only_a_new_kind_helps_an_elder_short_of_kinds() -> None:
    # E1 has a volunteer already: only the floor chief brings a second kind.
    t = town_with({"E1": "volunteer"}, {"V1": 5}, {"P": 5})
    plan = suggest(t.data(), rules=Rules())
    assert [(p.helper_id, p.kind) for p in plan.proposals] == [("P", "floor_chief")]
    only_volunteers = suggest(t.data(), rules=Rules(suggestion_kinds=("volunteer",)))
    assert only_volunteers.proposals == () and only_volunteers.under_supported_after == 1


def test_nobody_is_proposed_to_themselves_or_to_someone_they_help() -> None:
    t = town_with({}, {}, {"P": 5})
    # P, a floor chief of 70 living alone, is an under-supported elder too.
    t.members["P"] = t.members["P"].__class__(**{**vars(t.members["P"]), "birth_year": 1955})
    t.resident("E1", 85, "HE1", pairings=(pairing("P", "neighbour"),), visits=(seen("P", 1),))
    plan = suggest(t.data(), rules=Rules())
    assert plan.under_supported_before == 2
    assert plan.proposals == ()


def test_elders_who_need_a_visit_are_not_assignable() -> None:
    t = town_with({"E1": "other"}, {"V1": 5}, {})
    t.members["E1"] = t.members["E1"].__class__(**{**vars(t.members["E1"]), "visits": ()})
    plan = suggest(t.data(), rules=Rules())
    assert plan.proposals == ()
    assert [(n.elder_id, n.reason) for n in plan.not_assignable] == [
        ("E1", "no recent contact: a pairing is not a visit")
    ]


def test_an_elder_who_needs_two_more_gets_both_or_nothing() -> None:
    # With three helpers required, E1 (grid worker only) needs two more: both or none help.
    rules = Rules(min_helpers=3)
    t = Town()
    t.resident("E1", 85, "H1", visits=(seen("G", 1),))
    t.role("G", "grid_worker", "M1")
    t.person("V1", kind="volunteer", volunteer=True, capacity=5)
    alone = suggest(t.data(), rules=rules)
    assert alone.proposals == () and alone.under_supported_after == 1
    t.resident("P", 50, "HP", corridor="C2")
    t.person("P", capacity=5, roles=CHIEF, home=("C2", "B1", "M1"))
    plan = suggest(t.data(), rules=rules)
    assert sorted((p.helper_id, p.elder_id) for p in plan.proposals) == [("P", "E1"), ("V1", "E1")]
    assert plan.under_supported_after == 0


def brute_force(elders: dict[str, str], capacity: dict[str, tuple[str, int]]) -> int:
    """The most elders one new helper each can bring to two kinds, by trying everything."""
    names = sorted(elders)
    options = [
        [None, *(c for c, (kind, _) in capacity.items() if kind != elders[e])] for e in names
    ]
    best = 0
    for choice in product(*options):
        used = [c for c in choice if c]
        if all(used.count(c) <= capacity[c][1] for c in set(used)):
            best = max(best, len(used))
    return best


@settings(max_examples=80, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["E1", "E2", "E3", "E4", "E5"]),
        st.sampled_from(["other", "volunteer", "floor_chief"]),
        max_size=5,
    ),
    st.dictionaries(st.sampled_from(["V1", "V2"]), st.integers(0, 2), max_size=2),
    st.dictionaries(st.sampled_from(["P1", "P2"]), st.integers(0, 2), max_size=2),
)
def test_the_assignment_brings_the_most_elders_to_the_threshold(
    elders: dict[str, str], volunteers: dict[str, int], chiefs: dict[str, int]
) -> None:
    plan = suggest(town_with(elders, volunteers, chiefs).data(), rules=Rules())
    capacity = {v: ("volunteer", n) for v, n in volunteers.items()}
    capacity |= {c: ("floor_chief", n) for c, n in chiefs.items()}
    assert len(plan.elders_brought_to_threshold) == brute_force(elders, capacity)
    for p in plan.proposals:
        assert p.helper_id != p.elder_id and capacity[p.helper_id][0] != elders[p.elder_id]
    used = [p.helper_id for p in plan.proposals]
    assert all(used.count(h) <= capacity[h][1] for h in used)
    assert plan.under_supported_after == len(elders) - len(plan.elders_brought_to_threshold)


# --- applied with the addHelper mutation ----------------------------------------------------------

SUGGEST = """query($scope: ID, $asOf: Date, $rules: RulesInput) {
  assignmentSuggestions(scope: $scope, asOf: $asOf, rules: $rules) {
    underSupportedBefore underSupportedAfter eldersBroughtToThreshold
    proposals(first: 100) { nodes { helperId residentId kind cost explanation } }
  }
}"""
COUNT = """query($asOf: Date, $rules: RulesInput) {
  coverageGaps(asOf: $asOf, rules: $rules) {
    underSupported { totalCount } overloadedHelpers { totalCount } } }"""
ADD = """mutation($input: AddHelperInput!) {
  addHelper(input: $input) { errors { code message } pairing { kind } } }"""


def small_street() -> Roster:
    """Six elders alone in C1 with only the grid worker (no chief there); two floor chiefs and
    two volunteers nearby, one of each already busy."""
    grid = [
        GridRow("A1", "M1", "B1", "C1", "BD1", "high_rise"),
        GridRow("A1", "M1", "B1", "C2", "BD2", "high_rise"),
        GridRow("A1", "M1", "B2", "C3", "BD3", "high_rise"),
    ]
    born = DAY.year
    residents = [
        ResidentRow(f"E{i}", f"E{i}", "female", born - 85, f"HE{i}", "head", "C1", f"{i}")
        for i in range(6)
    ]
    residents += [
        ResidentRow("P2", "P2", "male", born - 50, "HP2", "head", "C2", "1"),
        ResidentRow("P3", "P3", "male", born - 50, "HP3", "head", "C3", "1"),
    ]
    people = [
        PersonRow("G1", "G1", "grid_worker", capacity=100),
        PersonRow("V1", "V1", "volunteer", capacity=1),
        PersonRow("V2", "V2", "volunteer"),  # the default capacity, 5, already used up:
    ]
    start = DAY - timedelta(days=200)
    roles = [
        RoleRow("G1", "grid_worker", "M1", start),
        RoleRow("P2", "first_floor_chief", "C2", start),
        RoleRow("P3", "first_floor_chief", "C3", start),
    ]
    helpers = [HelperRow("V2", f"X{i}", "volunteer", start) for i in range(5)]
    residents += [
        ResidentRow(f"X{i}", f"X{i}", "male", born - 90, f"HX{i}", "head", "C3", f"x{i}")
        for i in range(5)
    ]
    visits = [VisitRow(DAY - timedelta(days=3), "G1", f"E{i}", "home") for i in range(6)]
    visits += [VisitRow(DAY - timedelta(days=3), "P3", f"X{i}", "home") for i in range(5)]
    return Roster("COM", grid, residents, people, roles, helpers, visits)


def test_every_suggestion_applied_with_add_helper_reduces_the_count_as_predicted(
    empty_graph: Driver, neo4j_target: Neo4jTarget
) -> None:
    load_roster(neo4j_target, small_street(), today=DAY)
    # Floor chiefs may take two more each here; V1 one; V2 none (5 of 5 already).
    variables = {"asOf": DAY.isoformat(), "rules": {"floorChiefCapacity": 3}}
    with graphql_client(neo4j_target) as api:
        before = api.data(COUNT, variables)["coverageGaps"]
        plan = api.data(SUGGEST, variables)["assignmentSuggestions"]
        proposals = plan["proposals"]["nodes"]
        assert before["underSupported"]["totalCount"] == plan["underSupportedBefore"] == 6
        # P2 has 3 places, V1 one; P3 is already over (5 of 3) and V2 full (5 of 5).
        assert sorted(p["helperId"] for p in proposals) == ["P2", "P2", "P2", "V1"]
        assert plan["underSupportedAfter"] == 2
        expected = before["underSupported"]["totalCount"]
        for p in proposals:
            result = api.data(
                ADD,
                {"input": {"helperId": p["helperId"], "residentId": p["residentId"],
                           "kind": p["kind"], "since": DAY.isoformat()}},
            )["addHelper"]  # fmt: skip
            assert result["errors"] == []
            expected -= 1  # each of these elders needed exactly one more helper
            now = api.data(COUNT, variables)["coverageGaps"]
            assert now["underSupported"]["totalCount"] == expected
            assert (
                now["overloadedHelpers"]["totalCount"] == before["overloadedHelpers"]["totalCount"]
            )
        assert expected == plan["underSupportedAfter"]
        assert plan["eldersBroughtToThreshold"] == sorted(p["residentId"] for p in proposals)


@pytest.mark.parametrize("scope", ["C1", "B1"])
def test_a_narrow_scope_still_draws_helpers_from_its_micro_grid(
    empty_graph: Driver, neo4j_target: Neo4jTarget, scope: str
) -> None:
    load_roster(neo4j_target, small_street(), today=DAY)
    with graphql_client(neo4j_target) as api:
        plan = api.data(SUGGEST, {"scope": scope, "asOf": DAY.isoformat()})
    plan = plan["assignmentSuggestions"]
    assert plan["underSupportedBefore"] == 6
    assert {p["helperId"] for p in plan["proposals"]["nodes"]} == {"P2", "V1"}
