"""The support network of one elder: the reach graph, and the demo's planted elders in Neo4j."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import networkx as nx
import pytest

from graph.analysis.network import (
    COMMITTEE,
    SupportNetwork,
    assemble,
    committee_paths,
    reach_graph,
)
from graph.analysis.rules import Rules
from graph.coverage.support import NotAnElder, ResidentNotFound, support_network
from graph.store.connection import Neo4jTarget
from seeds.demo import planted_gaps
from seeds.rows import Roster
from tests.conftest import DEMO_TODAY
from tests.graph.test_coverage import Town, pairing, seen

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


# --- the demo community ---------------------------------------------------------------------------


def network(target: Neo4jTarget, resident_id: str, rules: Rules | None = None) -> SupportNetwork:
    async def go() -> SupportNetwork:
        driver = target.async_driver()
        try:
            return await support_network(
                driver, database=target.database, resident_id=resident_id, as_of=DEMO_TODAY,
                rules=rules or Rules(),
            )  # fmt: skip
        finally:
            await driver.close()

    return asyncio.run(go())


def test_the_thin_elder_has_two_helpers_each_irreplaceable(
    demo_graph: Roster, neo4j_target: Neo4jTarget
) -> None:
    planted = planted_gaps(demo_graph, today=DEMO_TODAY)
    (chief, (elder,)), (worker, _) = sorted(
        planted.single_points_of_failure, key=lambda s: s[0].startswith("G")
    )
    net = network(neo4j_target, elder)
    assert {h.person_id: h.kinds for h in net.status.helpers} == {
        chief: ("floor_chief",),
        worker: ("grid_staff",),
    }
    assert (net.size, net.kind_diversity, net.redundancy) == (2, 2, 1)
    assert set(net.single_points_of_failure) == {chief, worker}
    assert not net.status.under_supported and net.status.last_contact is not None
    # Both helpers reach the committee through the grid worker, unless the chief is a party
    # member: the branch is a second way.
    party = next(r.party for r in demo_graph.residents if r.resident_id == chief)
    assert net.independent_paths == (2 if party else 1)


def test_a_well_helped_elder_has_independent_paths_to_the_committee(
    demo_graph: Roster, neo4j_target: Neo4jTarget
) -> None:
    volunteer_elders = {
        h.resident_id for h in demo_graph.helpers if h.helper_id == "V01" and h.until is None
    }
    elder = sorted(volunteer_elders)[0]
    net = network(neo4j_target, elder)
    assert net.size >= 4 and net.single_points_of_failure == ()
    assert net.independent_paths >= 2  # the grid worker, and the volunteer team at least
    for p in net.committee_paths:
        assert p[0] == f"Resident {elder}" and p[-1] == COMMITTEE
    inner = [node for p in net.committee_paths for node in p[1:-1]]
    assert len(inner) == len(set(inner))
    assert any("Organisation" in node for node in inner)


def test_unknown_young_and_departed_residents_are_refused(
    demo_graph: Roster, neo4j_target: Neo4jTarget
) -> None:
    young = next(r for r in demo_graph.residents if 20 <= DEMO_TODAY.year - r.birth_year < 30)
    with pytest.raises(ResidentNotFound):
        network(neo4j_target, "R-NOBODY")
    with pytest.raises(ResidentNotFound):
        network(neo4j_target, "V01")  # a volunteer, not a resident
    with pytest.raises(NotAnElder):
        network(neo4j_target, young.resident_id)
    # With the rules' elder age lowered, the same person has a network.
    assert network(neo4j_target, young.resident_id, Rules(elder_age=18)).size >= 1


def test_as_of_decides_who_helps(demo_graph: Roster, neo4j_target: Neo4jTarget) -> None:
    elder = planted_gaps(demo_graph, today=DEMO_TODAY).single_points_of_failure[0][1][0]

    async def at(day: date) -> SupportNetwork:
        driver = neo4j_target.async_driver()
        try:
            return await support_network(
                driver, database=neo4j_target.database, resident_id=elder, as_of=day,
                rules=Rules(),
            )  # fmt: skip
        finally:
            await driver.close()

    # Seven years ago the elder was already 73+, and no role of today had begun.
    long_ago = asyncio.run(at(date(DEMO_TODAY.year - 7, 1, 1)))
    assert long_ago.size == 0 and long_ago.status.under_supported
