"""The planted gaps: exactly those, and nothing else, at the default size and a larger one."""

from __future__ import annotations

from collections import Counter

from seeds.demo import age, planted_gaps
from seeds.rows import Roster
from tests.seeds.demo.checks import TODAY, check_all


def test_the_default_community_is_valid_and_only_planted_gaps_exist(roster: Roster) -> None:
    check_all(roster)


def test_the_planted_gaps_at_the_default_size(roster: Roster) -> None:
    gaps = planted_gaps(roster, today=TODAY)
    assert gaps.corridors_without_first_floor_chief == ("QS-B07-C3",)
    assert gaps.corridors_without_second_floor_chief == (
        "QS-B07-C3",
        "QS-B14-C2",
        "QS-B21-C1",
        "QS-B21-R1",
        "QS-B22-C1",
        "QS-B22-R1",
        "QS-B23-C1",
        "QS-B23-R1",
    )
    assert gaps.blocks_without_serving_party_member == ("QS-B21", "QS-B22", "QS-B23")
    assert gaps.micro_grids_without_serving_party_member == ("QS-MG6",)
    assert gaps.micro_grids_without_grid_worker == ()
    assert gaps.overloaded_helpers == (("V01", 7), ("V02", 8))
    reasons = Counter(why for _, why in gaps.under_supported)
    assert reasons == {
        ("FEW_HELPERS", "FEW_KINDS"): 1,
        ("FEW_HELPERS", "FEW_KINDS", "NO_RECENT_CONTACT"): 1,
        ("NO_RECENT_CONTACT",): 3,
    }
    residents = {x.resident_id: x for x in roster.residents}
    for rid, why in gaps.under_supported:
        assert age(residents[rid], TODAY) >= 80 and "独居" in residents[rid].tags
        assert ("FEW_HELPERS" in why) == (residents[rid].corridor == "QS-B07-C3")
    (chief, elders), (worker, same) = sorted(
        gaps.single_points_of_failure, key=lambda s: s[0].startswith("G")
    )
    assert elders == same and len(elders) == 1
    assert residents[elders[0]].corridor == "QS-B14-C2" and worker.startswith("G")
    assert residents[chief].corridor == "QS-B14-C2"


def test_the_planted_second_chief_gaps_vary(roster: Roster) -> None:
    gaps = planted_gaps(roster, today=TODAY)
    chiefs = [x for x in roster.roles if x.role == "second_floor_chief"]
    histories = {
        c: [x for x in chiefs if x.scope == c] for c in gaps.corridors_without_second_floor_chief
    }
    assert any(not h for h in histories.values())  # never had one
    assert any(h and h[-1].until and h[-1].until < TODAY for h in histories.values())  # ended
    assert any(h and h[-1].since > TODAY for h in histories.values())  # appointed, not yet
    first = [
        x
        for x in roster.roles
        if x.role == "first_floor_chief" and x.scope in gaps.corridors_without_first_floor_chief
    ]
    assert first and all(x.until and x.until < TODAY for x in first)


def test_a_planted_elder_lost_a_helper(roster: Roster) -> None:
    gaps = planted_gaps(roster, today=TODAY)
    ended = {h.resident_id for h in roster.helpers if h.until and h.until < TODAY}
    alone = {e for e, why in gaps.under_supported if "FEW_HELPERS" in why}
    assert ended & alone


def test_a_larger_community_is_valid_and_only_planted_gaps_exist(big: Roster) -> None:
    gaps = check_all(big)
    assert len(gaps.corridors_without_first_floor_chief) == 1
    assert len(gaps.under_supported) == 5
    assert len(gaps.single_points_of_failure) == 2
    volunteers = sorted(p.person_id for p in big.people if p.kind == "volunteer")
    assert gaps.overloaded_helpers == ((volunteers[0], 7), (volunteers[1], 8))
