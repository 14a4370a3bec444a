"""Assignment suggestions (:func:`graph.analysis.assignment.suggest`) on hand-built facts:
capacities, kinds, and an optimum checked by brute force."""

from __future__ import annotations

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analysis.assignment import suggest
from graph.analysis.rules import Rules
from graph.analysis.types import ActiveRole
from graph.messages import Message, Ref, render
from tests.graph.analysis.facts import Town, pairing, seen

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
    assert (by_helper["P"].cost, by_helper["P"].proximity) == (
        2,
        Message.of("PROXIMITY", proximity="2"),
    )
    why = by_helper["P"].explanation
    assert (why.code, why.get("place"), why.get("spare"), why.get("capacity")) == (
        "PROPOSAL",
        Ref("C2", "C2"),
        1,
        1,
    )
    assert render(why, "en").startswith("same block C2; ")
    assert render(why, "zh").startswith("同一楼栋 C2；")
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
        ("E1", Message.of("NEEDS_VISIT"))
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
