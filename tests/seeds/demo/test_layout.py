"""The layout of the demo grid: Qingsong's shape at the default size, grown in proportion."""

from __future__ import annotations

from collections import Counter

from seeds import columns
from seeds.demo import age
from seeds.rows import Roster
from tests.seeds.demo.checks import TODAY


def test_the_default_community_has_qingsongs_shape(roster: Roster) -> None:
    grid = roster.grid
    assert sorted({g.area for g in grid}) == ["QS-P1", "QS-P2", "QS-P3"]
    assert sorted({g.micro_grid for g in grid}) == [f"QS-MG{i}" for i in range(1, 7)]
    assert sorted({g.block for g in grid}) == [f"QS-B{i:02d}" for i in range(1, 24)]
    assert len({g.corridor for g in grid}) == 58
    assert {g.housing_type for g in grid} == set(columns.HOUSING_TYPES.values)
    corridor_types = {g.corridor: g.housing_type for g in grid}
    assert Counter(corridor_types.values()).most_common(1)[0][0] == "high_rise"
    regions = [c for c, t in corridor_types.items() if t == "villa"]
    assert regions and all(c.endswith("-R1") for c in regions)
    for region in regions:  # a region spans several villas, one building each
        assert len({g.building for g in grid if g.corridor == region}) > 3


def test_a_larger_community_scales_the_grid(big: Roster) -> None:
    corridors = {g.corridor for g in big.grid}
    assert len({x.household_id for x in big.residents}) == 5000
    assert 20 <= 5000 / len(corridors) <= 25
    assert len({g.micro_grid for g in big.grid}) > 6
    assert {g.housing_type for g in big.grid} == set(columns.HOUSING_TYPES.values)
    ages = [age(x, TODAY) for x in big.residents]
    assert 0.20 <= sum(a >= 60 for a in ages) / len(ages) <= 0.26
    assert 2.6 <= len(big.residents) / 5000 <= 3.1
