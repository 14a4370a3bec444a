"""Emergency plans (individual evacuation plans, 個別避難計画): who needs one, and whether a plan
would work.

A resident aged ``elder_age`` or more needs a plan when of reduced mobility (``plan_mobility``),
aged ``plan_alone_age`` or more and living alone, or carrying a tag of ``plan_tags`` (the
``[emergency]`` rules). A plan names a first and a backup responder; it is *complete* when

- both are named (``NO_FIRST_RESPONDER``, ``NO_BACKUP_RESPONDER``),
- they are two people (``SAME_RESPONDER``),
- both are current: on the roster, not left (``RESPONDER_LEFT``),
- neither needs a plan themselves (``RESPONDER_NEEDS_PLAN``),
- both can be reached in the window asked, when one is (``RESPONDER_UNAVAILABLE``,
  :mod:`graph.analysis.windows`),
- neither is a responder of more plans than ``responder_capacity`` (``RESPONDER_OVERLOADED``).

An elder who needs a plan and has none has the one problem ``NO_PLAN``. Pure Python:
:mod:`graph.emergency` reads the facts and the API asks here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from graph.analysis.rules import Rules

__all__ = [
    "PLAN_PROBLEMS",
    "PlanFacts",
    "PlanStatus",
    "Responder",
    "needs_plan",
    "overloaded",
    "plan_status",
    "rolled_up",
]

PLAN_PROBLEMS = (
    "NO_PLAN",
    "NO_FIRST_RESPONDER",
    "NO_BACKUP_RESPONDER",
    "SAME_RESPONDER",
    "RESPONDER_LEFT",
    "RESPONDER_NEEDS_PLAN",
    "RESPONDER_UNAVAILABLE",
    "RESPONDER_OVERLOADED",
)


def needs_plan(*, age: int, mobility: str, tags: tuple[str, ...], alone: bool,
               rules: Rules) -> tuple[str, ...]:  # fmt: skip
    """Why a resident needs a plan (MOBILITY, AGED_ALONE, TAGGED), or () when they do not."""
    if age < rules.elder_age:
        return ()
    why = []
    if mobility in rules.plan_mobility:
        why.append("MOBILITY")
    if alone and age >= rules.plan_alone_age:
        why.append("AGED_ALONE")
    if any(t in rules.plan_tags for t in tags):
        why.append("TAGGED")
    return tuple(why)


@dataclass(frozen=True)
class Responder:
    """What decides whether someone can be a responder."""

    person_id: str
    left: bool
    needs_plan: bool
    windows: frozenset[str]
    plans: int  # plans naming them as first or backup responder, anywhere


@dataclass(frozen=True)
class PlanFacts:
    elder_id: str
    first: str | None
    backup: str | None


@dataclass(frozen=True)
class PlanStatus:
    elder_id: str
    has_plan: bool
    problems: tuple[tuple[str, str | None], ...]  # (code, the responder it is about)

    @property
    def complete(self) -> bool:
        return self.has_plan and not self.problems


def plan_status(plan: PlanFacts | None, elder_id: str, responders: Mapping[str, Responder], *,
                rules: Rules, window: str | None = None) -> PlanStatus:  # fmt: skip
    """Whether ``elder_id``'s plan would work (in ``window``, when one is asked)."""
    if plan is None:
        return PlanStatus(elder_id, False, (("NO_PLAN", None),))
    problems: list[tuple[str, str | None]] = []
    if plan.first is None:
        problems.append(("NO_FIRST_RESPONDER", None))
    if plan.backup is None:
        problems.append(("NO_BACKUP_RESPONDER", None))
    if plan.first is not None and plan.first == plan.backup:
        problems.append(("SAME_RESPONDER", plan.first))
    for who in dict.fromkeys(p for p in (plan.first, plan.backup) if p is not None):
        r = responders.get(who)
        if r is None or r.left:
            problems.append(("RESPONDER_LEFT", who))
            continue
        if r.needs_plan:
            problems.append(("RESPONDER_NEEDS_PLAN", who))
        if window is not None and window not in r.windows:
            problems.append(("RESPONDER_UNAVAILABLE", who))
        if r.plans > rules.responder_capacity:
            problems.append(("RESPONDER_OVERLOADED", who))
    return PlanStatus(elder_id, True, tuple(problems))


def rolled_up(
    corridor_of: Mapping[str, str], statuses: Mapping[str, PlanStatus],
    parents: Mapping[str, str | None],
) -> dict[str, tuple[int, int]]:  # fmt: skip
    """Per area (each corridor and every area above it in ``parents``): elders needing a plan,
    and those of them with a complete one."""
    out: dict[str, list[int]] = {}
    for elder, status in statuses.items():
        area: str | None = corridor_of[elder]
        while area is not None:
            counts = out.setdefault(area, [0, 0])
            counts[0] += 1
            counts[1] += status.complete
            area = parents.get(area)
    return {a: (n, done) for a, (n, done) in out.items()}


def overloaded(responders: Mapping[str, Responder], *, rules: Rules) -> list[Responder]:
    """Responders named in more plans than ``responder_capacity``."""
    return sorted((r for r in responders.values() if r.plans > rules.responder_capacity),
                  key=lambda r: r.person_id)  # fmt: skip
