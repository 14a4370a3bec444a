"""Emergency plans, pure: who needs one, and a plan's completeness at each of its conditions."""

from __future__ import annotations

import pytest

from graph.analysis.emergency import (
    PlanFacts,
    Responder,
    needs_plan,
    overloaded,
    plan_status,
    rolled_up,
)
from graph.analysis.rules import Rules
from graph.analysis.windows import WINDOWS

RULES = Rules()
ANY_TIME = frozenset(WINDOWS)


def who(pid: str, *, left: bool = False, needs: bool = False, windows: frozenset[str] = ANY_TIME,
        plans: int = 1) -> Responder:  # fmt: skip
    return Responder(pid, left, needs, windows, plans)


GOOD = {"A": who("A"), "B": who("B")}


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"age": 82, "mobility": "independent", "tags": (), "alone": True}, ("AGED_ALONE",)),
        ({"age": 79, "mobility": "independent", "tags": (), "alone": True}, ()),
        ({"age": 85, "mobility": "independent", "tags": (), "alone": False}, ()),
        ({"age": 66, "mobility": "assisted", "tags": (), "alone": False}, ("MOBILITY",)),
        ({"age": 70, "mobility": "independent", "tags": ("残疾",), "alone": False}, ("TAGGED",)),
        ({"age": 59, "mobility": "dependent", "tags": ("残疾",), "alone": True}, ()),  # not elder
    ],
)
def test_who_needs_a_plan(facts: dict[str, object], expected: tuple[str, ...]) -> None:
    assert needs_plan(**facts, rules=RULES) == expected  # type: ignore[arg-type]


def problems(plan: PlanFacts | None, responders: dict[str, Responder] = GOOD,
             window: str | None = None) -> list[tuple[str, str | None]]:  # fmt: skip
    return list(plan_status(plan, "E", responders, rules=RULES, window=window).problems)


def test_a_plan_with_two_current_available_responders_is_complete() -> None:
    status = plan_status(PlanFacts("E", "A", "B"), "E", GOOD, rules=RULES, window="night")
    assert status.complete and status.has_plan and status.problems == ()


def test_each_condition_of_completeness() -> None:
    assert problems(None) == [("NO_PLAN", None)]
    assert problems(PlanFacts("E", None, "B")) == [("NO_FIRST_RESPONDER", None)]
    assert problems(PlanFacts("E", "A", None)) == [("NO_BACKUP_RESPONDER", None)]
    assert problems(PlanFacts("E", "A", "A")) == [("SAME_RESPONDER", "A")]
    gone = {**GOOD, "B": who("B", left=True)}
    assert problems(PlanFacts("E", "A", "B"), gone) == [("RESPONDER_LEFT", "B")]
    assert problems(PlanFacts("E", "A", "X")) == [("RESPONDER_LEFT", "X")]  # not on the roster
    frail = {**GOOD, "A": who("A", needs=True)}
    assert problems(PlanFacts("E", "A", "B"), frail) == [("RESPONDER_NEEDS_PLAN", "A")]
    at_work = {**GOOD, "A": who("A", windows=frozenset({"night", "weekend"}))}
    assert problems(PlanFacts("E", "A", "B"), at_work, "weekday_day") == [
        ("RESPONDER_UNAVAILABLE", "A")
    ]
    assert problems(PlanFacts("E", "A", "B"), at_work, "night") == []
    assert problems(PlanFacts("E", "A", "B"), at_work) == []  # no window asked
    busy = {**GOOD, "B": who("B", plans=RULES.responder_capacity + 1)}
    assert problems(PlanFacts("E", "A", "B"), busy) == [("RESPONDER_OVERLOADED", "B")]
    at_capacity = {**GOOD, "B": who("B", plans=RULES.responder_capacity)}
    assert problems(PlanFacts("E", "A", "B"), at_capacity) == []
    assert [r.person_id for r in overloaded(busy, rules=RULES)] == ["B"]


def test_readiness_rolls_up_through_the_grid() -> None:
    statuses = {
        "E1": plan_status(PlanFacts("E1", "A", "B"), "E1", GOOD, rules=RULES),
        "E2": plan_status(None, "E2", GOOD, rules=RULES),
        "E3": plan_status(PlanFacts("E3", "A", "B"), "E3", GOOD, rules=RULES),
    }
    corridor = {"E1": "C1", "E2": "C1", "E3": "C2"}
    parents: dict[str, str | None] = {"C1": "B1", "C2": "B2", "B1": "M", "B2": "M", "M": None}
    assert rolled_up(corridor, statuses, parents) == {
        "C1": (2, 1), "C2": (1, 1), "B1": (2, 1), "B2": (1, 1), "M": (3, 2),
    }  # fmt: skip
