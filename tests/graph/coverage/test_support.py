"""The support network of one elder read from Neo4j
(:func:`graph.coverage.support.support_network`): the demo's planted elders."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from graph.analysis.network import COMMITTEE, SupportNetwork
from graph.analysis.rules import Rules
from graph.coverage.support import NotAnElder, ResidentNotFound, support_network
from graph.store.connection import Neo4jTarget
from seeds.demo import planted_gaps
from seeds.rows import Roster
from tests.conftest import DEMO_TODAY


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
        planted.single_points_of_failure, key=lambda s: s[0].startswith("QS/G")
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
        h.resident_id for h in demo_graph.helpers if h.helper_id == "QS/V01" and h.until is None
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
