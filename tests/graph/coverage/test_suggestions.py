"""Assignment suggestions read from Neo4j and applied for real with the addHelper mutation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from neo4j import Driver

from graph.store.connection import Neo4jTarget
from seeds.load import load_roster
from seeds.rows import GridRow, HelperRow, PersonRow, ResidentRow, RoleRow, Roster, VisitRow
from tests.graph.analysis.facts import DAY
from tests.support.gql import graphql_client

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
