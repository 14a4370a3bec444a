"""The support network of one elder (:mod:`graph.analysis.network`): the reach graph and its
paths to the committee, on hand-built rows and facts."""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.analysis.network import (
    COMMITTEE,
    assemble,
    committee_paths,
    reach_graph,
)
from graph.analysis.rules import Rules
from tests.graph.analysis.facts import Town, pairing, seen

# Rows as graph.coverage.support_reads.REACH gives them:
# [id, [[org, kind]], [branch], [[role, [grid workers]]], [home chiefs], [home grid workers]]
HEALTH = [["HC", "health_centre"]]
COMMITTEE_ORG = [["JW", "neighbourhood_committee"]]


def paths(helpers: list[str], reach: list[list[Any]]) -> tuple[tuple[str, ...], ...]:
    return committee_paths(reach_graph("E", helpers, reach), "E")


def test_two_doctors_of_one_health_centre_are_one_path() -> None:
    reach = [["D1", HEALTH, [], [], [], []], ["D2", HEALTH, [], [], [], []]]
    assert paths(["D1", "D2"], reach) == (
        ("Resident E", "Person D1", "Organisation HC", COMMITTEE),
    )


def test_independent_channels_add_up_and_shared_grid_workers_do_not() -> None:
    reach = [
        ["G", COMMITTEE_ORG, [], [["grid_worker", ["G"]]], [], []],
        ["CHIEF", [], ["BR"], [["first_floor_chief", ["G"]]], [], ["G"]],
        ["CHIEF2", [], [], [["second_floor_chief", ["G"]]], [], ["G"]],  # only through G
        ["N", [], [], [], ["CHIEF", "CHIEF2"], ["G"]],  # a neighbour: through the chiefs
        ["D", HEALTH, [], [], [], []],
        ["V", [["VT", "volunteer_team"]], [], [], [], []],
    ]
    found = paths(["G", "CHIEF", "CHIEF2", "N", "D", "V"], reach)
    # G directly; CHIEF by the party branch; D by the health centre; V by the volunteer team.
    assert len(found) == 4
    inner = [node for p in found for node in p[1:-1]]
    assert len(inner) == len(set(inner)), "the paths share no node but the ends"
    g = reach_graph("E", ["G", "CHIEF", "CHIEF2", "N", "D", "V"], reach)
    assert nx.node_connectivity(g, "Resident E", COMMITTEE) == 4


def test_the_elder_is_no_stepping_stone_of_their_own_support() -> None:
    # E is herself the floor chief N would go through: that is no path for E.
    reach = [["N", [], [], [], ["E"], ["G"]]]
    assert paths(["N"], reach) == ()


def test_assemble_gives_size_redundancy_and_single_points_of_failure() -> None:
    t = Town()
    t.resident("E", 85, "H1", pairings=(pairing("N"),), visits=(seen("G", 1), seen("N", 2)))
    t.role("G", "grid_worker", "M1")
    reach = [["G", COMMITTEE_ORG, [], [["grid_worker", ["G"]]], [], []], ["N", [], [], [], [], []]]
    net = assemble(t.data(), rules=Rules(), resident_id="E", reach=reach)
    assert (net.size, net.kind_diversity, net.redundancy) == (2, 2, 1)
    assert net.single_points_of_failure == ("G", "N")  # each would leave one helper
    assert net.independent_paths == 1 and net.committee_paths[0][-2:] == ("Person G", COMMITTEE)
    t.role("CHIEF", "first_floor_chief", "C1")
    net = assemble(t.data(), rules=Rules(), resident_id="E", reach=reach)
    assert net.single_points_of_failure == () and net.redundancy == 2
