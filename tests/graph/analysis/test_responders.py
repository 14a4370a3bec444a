"""Responder suggestions: nearest first, capacity respected, never someone who needs a plan."""

from __future__ import annotations

import random
from collections import Counter

import networkx as nx

from graph.analysis.responders import (
    Candidate,
    OpenPlaces,
    Place,
    nearness,
    open_places,
    suggest_responders,
)
from graph.analysis.rules import Rules

RULES = Rules()  # responder_capacity 3
C1 = Place("C1", "BLD1", "B1", "M1")
C2 = Place("C2", "BLD1", "B1", "M1")  # same building as C1
C3 = Place("C3", "BLD2", "B1", "M1")  # same block
C4 = Place("C4", "BLD3", "B2", "M1")  # same micro-grid
C5 = Place("C5", "BLD4", "B3", "M2")  # elsewhere
ALWAYS = frozenset({"weekday_day", "weekday_evening", "night", "weekend"})


def cand(pid: str, home: Place, *, needs: bool = False, plans: int = 0,
         windows: frozenset[str] = ALWAYS, left: bool = False) -> Candidate:  # fmt: skip
    return Candidate(pid, home, needs, windows, plans, left)


def both(elder: str, home: Place = C1) -> OpenPlaces:
    return OpenPlaces(elder, home, first=True, backup=True)


def test_nearness_ranks_corridor_building_block_micro_grid_elsewhere() -> None:
    assert [nearness(C1, p) for p in (C1, C2, C3, C4, C5)] == [1, 2, 3, 4, 5]
    assert nearness(Place("X"), Place("")) == 5  # unknown places are never "the same"


def test_open_places_are_those_missing_or_held_by_who_cannot_respond() -> None:
    assert open_places("E", C1, "A", "B", ()) is None
    assert open_places("E", C1, "A", "B", [("RESPONDER_OVERLOADED", "A")]) is None
    left = open_places("E", C1, "A", "B", [("RESPONDER_LEFT", "A")])
    assert left == OpenPlaces("E", C1, first=True, backup=False, keep=frozenset({"B"}))
    assert open_places("E", C1, "A", "A", [("SAME_RESPONDER", "A")]) == OpenPlaces(
        "E", C1, first=False, backup=True, keep=frozenset({"A"})
    )
    unavailable = open_places("E", C1, None, "B", [("NO_FIRST_RESPONDER", None),
                                                  ("RESPONDER_UNAVAILABLE", "B")])  # fmt: skip
    assert unavailable == OpenPlaces("E", C1, first=True, backup=True, keep=frozenset())


def test_the_nearer_of_two_is_first_and_the_far_one_waits() -> None:
    got = suggest_responders(
        [both("E")], [cand("far", C5), cand("block", C3), cand("same", C1)], rules=RULES
    )
    assert [(p.role, p.person_id, p.cost, p.nearness) for p in got] == [
        ("first", "same", 1, "corridor"),
        ("backup", "block", 3, "block"),
    ]


def test_never_someone_who_needs_a_plan_even_the_only_neighbour() -> None:
    got = suggest_responders([both("E")], [cand("frail", C1, needs=True), cand("far", C5)],
                             rules=RULES)  # fmt: skip
    assert [p.person_id for p in got] == ["far"]
    assert got[0].role == "first"
    assert suggest_responders([both("E")], [cand("frail", C1, needs=True)], rules=RULES) == []


def test_never_over_capacity() -> None:
    # "busy" already responds for 3 (the capacity); "two" for 2: one place left.
    elders = [both(f"E{i}") for i in range(3)]
    got = suggest_responders(elders, [cand("busy", C1, plans=3), cand("two", C1, plans=2)],
                             rules=RULES)  # fmt: skip
    assert [p.person_id for p in got] == ["two"]
    assert got[0].spare == 1


def test_spare_places_spread_over_elders_and_the_flow_is_maximal() -> None:
    # "near" is nearest to both but has one place; the flow still fills both elders' first
    # place rather than giving "near" to the one who has another option nearby.
    elders = [OpenPlaces("A", C1, True, False), OpenPlaces("B", C1, True, False)]
    got = suggest_responders(elders, [cand("near", C1, plans=2), cand("other", C4)],
                             rules=RULES)  # fmt: skip
    assert sorted(p.person_id for p in got) == ["near", "other"]


def test_window_unavailable_candidates_are_left_out_only_when_a_window_is_asked() -> None:
    evenings = frozenset({"weekday_evening", "weekend"})
    people = [cand("worker", C1, windows=evenings)]
    assert [p.person_id for p in suggest_responders([both("E")], people, rules=RULES)] == ["worker"]
    assert suggest_responders([both("E")], people, rules=RULES, window="weekday_day") == []


def test_not_to_themselves_nor_the_responder_they_keep_nor_one_who_left() -> None:
    elder = OpenPlaces("E", C1, first=False, backup=True, keep=frozenset({"kept"}))
    people = [cand("E", C1), cand("kept", C1), cand("gone", C1, left=True), cand("ok", C3)]
    got = suggest_responders([elder], people, rules=RULES)
    assert [(p.role, p.person_id) for p in got] == [("backup", "ok")]


def test_random_instances_respect_every_exclusion_and_capacity() -> None:
    rng = random.Random(18)
    places = [C1, C2, C3, C4, C5]
    for _ in range(60):
        people = [
            cand(f"P{i}", rng.choice(places), needs=rng.random() < 0.2,
                 plans=rng.randint(0, 4), windows=frozenset(rng.sample(sorted(ALWAYS), 2)))
            for i in range(rng.randint(0, 30))
        ]  # fmt: skip
        elders = [OpenPlaces(f"E{i}", rng.choice(places), rng.random() < 0.7, True)
                  for i in range(rng.randint(1, 8))]  # fmt: skip
        window = rng.choice([None, "night"])
        got = suggest_responders(elders, people, rules=RULES, window=window)
        by_id = {c.person_id: c for c in people}
        taken = Counter(p.person_id for p in got)
        for who, n in taken.items():
            c = by_id[who]
            assert not c.needs_plan
            assert c.plans + n <= RULES.responder_capacity
            assert window is None or window in c.windows
        per_elder = Counter(p.elder_id for p in got)
        for e in elders:
            assert per_elder[e.elder_id] <= e.first + e.backup
        assert len({(p.elder_id, p.person_id) for p in got}) == len(got)
        # Maximal: a place is open only when no eligible candidate has spare room for it.
        room = {
            c.person_id: RULES.responder_capacity - c.plans - taken[c.person_id]
            for c in people
            if not c.needs_plan and (window is None or window in c.windows)
        }
        for e in elders:
            if per_elder[e.elder_id] < e.first + e.backup:
                mine = {p.person_id for p in got if p.elder_id == e.elder_id}
                assert not any(r > 0 and w not in mine for w, r in room.items())
        # Each elder's edges are cut to the nearest few: the flow is still that of them all.
        assert (len(got), sum(p.cost for p in got)) == full_flow(elders, people, window)


def full_flow(elders: list[OpenPlaces], people: list[Candidate],
              window: str | None) -> tuple[int, int]:  # fmt: skip
    """Size and cost of the min-cost max-flow with every candidate joined to every elder."""
    g = nx.DiGraph()
    for e in elders:
        g.add_edge(e.elder_id, "t", capacity=e.first + e.backup, weight=0)
        for c in people:
            spare = RULES.responder_capacity - c.plans
            if c.needs_plan or spare <= 0 or (window and window not in c.windows):
                continue
            g.add_edge("s", c.person_id, capacity=spare, weight=0)
            g.add_edge(c.person_id, e.elder_id, capacity=1, weight=nearness(e.home, c.home))
    if "s" not in g:
        return 0, 0
    flow = nx.max_flow_min_cost(g, "s", "t")
    return sum(flow["s"].values()), nx.cost_of_flow(g, flow)
