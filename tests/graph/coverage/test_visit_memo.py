"""After a visit, an analysis of the kept facts reuses what the visit did not change (the memo of
graph/analysis/types.ScopeData), and answers exactly as an analysis made from nothing."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

import pytest

from graph.analysis.report import analyse
from graph.analysis.rules import Rules
from graph.analysis.types import MEMO_PARTS, ScopeData
from graph.coverage.fact_cache import with_visits
from tests.graph.analysis.facts import DAY, Town, pairing

RULES = Rules()


def town() -> Town:
    t = Town()
    t.resident("E1", 85, "H1")
    t.resident("E2", 70, "H2", corridor="C2")
    t.resident("S", 50, "H2", corridor="C2")
    t.resident("E3", 88, "H3", pairings=(pairing("N"),))
    t.resident("E4", 75, "H4", tags=("独居",), pairings=(pairing("N"), pairing("W", "volunteer")))
    t.resident("E5", 62, "H5", corridor="C2", mobility="wheelchair")
    t.role("G", "grid_worker", "M1")
    t.role("CHIEF", "first_floor_chief", "C1")
    t.role("CHIEF2", "second_floor_chief", "C2")
    return t


def rows(visits: dict[str, list[tuple[str, int]]]) -> list[list[Any]]:
    """Rows as SCOPE_VISITS answers: (visitor, ISO day, mode) per elder."""
    return [
        [elder, [[who, (DAY - timedelta(days=ago)).isoformat(), "home"] for who, ago in seen]]
        for elder, seen in visits.items()
        if seen
    ]


# Visits as floor chiefs record them, one day after another: each changes one elder or none.
DAYS: list[dict[str, list[tuple[str, int]]]] = [
    {"E1": [("G", 20)], "E3": [("N", 1)]},
    {"E1": [("G", 20), ("CHIEF", 2)], "E3": [("N", 1)]},  # E1 seen again: now recent
    {"E1": [("G", 20), ("CHIEF", 2)], "E3": [("N", 1)]},  # nothing new
    {"E1": [("G", 20), ("CHIEF", 2)], "E3": [("N", 1), ("G", 0)], "E2": [("CHIEF2", 3)]},
    {"E1": [("G", 20), ("CHIEF", 2)], "E3": [("N", 1), ("G", 0)], "E2": [("CHIEF2", 3)],
     "E4": [("W", 5)], "E5": [("X", 1)]},  # X is nobody's helper
]  # fmt: skip


@pytest.mark.parametrize(
    "removed, window", [((), None), (("CHIEF",), None), (("S",), None), ((), "weekday_day")]
)
def test_each_visit_answers_as_an_analysis_made_from_nothing(
    removed: tuple[str, ...], window: str | None
) -> None:
    kept = town().data()  # the structure, kept across visits: its memo fills up
    shown: dict[str, Any] = {}  # elder -> (visits, status) of the step before
    for visits in DAYS:
        shared = with_visits(kept, rows(visits))
        afresh = with_visits(town().data(), rows(visits))
        assert shared.memo is kept.memo and afresh.memo is not kept.memo
        got = analyse(shared, rules=RULES, removed=removed, window=window)
        assert got == analyse(afresh, rules=RULES, removed=removed, window=window)
        # An elder whose visits did not change has the same status object: reused, not made.
        for e in got.elders:
            seen = shared.members[e.id].visits
            if e.id in shown and shown[e.id][0] == seen:
                assert e is shown[e.id][1]
        shown = {e.id: (shared.members[e.id].visits, e) for e in got.elders}
    assert got.elders and got.single_points_of_failure is not None


def test_a_member_with_the_same_visits_is_the_same_member() -> None:
    kept = town().data()
    first = with_visits(kept, rows(DAYS[1]))
    again = with_visits(kept, rows(DAYS[3]))
    assert again.members["E1"] is first.members["E1"]  # E1's visits read the same
    assert again.members["E3"] is not first.members["E3"]  # E3 was visited since
    assert again.members["E3"].visits[-1].visitor_id == "G"


def test_the_memo_is_not_carried_to_other_facts_and_is_bounded() -> None:
    data = town().data()
    analyse(data, rules=RULES)
    assert data.memo
    other: ScopeData = dataclasses.replace(data, members={})
    assert other.memo == {}  # replace() makes new facts: nothing of the old analyses
    for n in range(60):  # what-ifs of many removals: the memo stops growing
        analyse(data, rules=RULES, removed={f"P{n}"})
    assert len(data.memo) <= MEMO_PARTS
