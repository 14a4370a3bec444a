"""Helpers' loads and capacities: who carries more vulnerable elders than they can follow.

A load is the number of vulnerable elders someone helps, along any path, *anywhere*: the elders
of the scope come from the analysis, those outside it from ``OUTSIDE_LINKS``, judged here by the
same rules (a role helps its own corridor or micro-grid; a household member helps when of the
right age; an elder outside counts when vulnerable after the what-if removals).

A capacity comes from the roster (``Person.capacity``), else the rules' default for volunteers,
else the floor-chief default for anyone holding an active floor-chief role; nobody else has one.
"""

from __future__ import annotations

from collections import defaultdict

from graph.analysis.elders import Analysis
from graph.analysis.rules import Rules
from graph.analysis.types import (
    CORRIDOR_ROLE_KINDS,
    GRID_WORKER_ROLE,
    OutsideLink,
    OverloadedHelper,
    Person,
)
from graph.messages import Message
from graph.vocabulary import CHIEF_ROLES

__all__ = ["capacity_of", "loads", "overloaded_helpers", "person_capacity"]


def person_capacity(person: Person, *, rules: Rules) -> tuple[int | None, str]:
    """A person's capacity and where it comes from (None: no limit applies)."""
    if person.capacity is not None:
        return int(person.capacity), "roster"
    if person.volunteer:
        return rules.volunteer_capacity, "volunteer default"
    if any(r.role in CHIEF_ROLES for r in person.roles):
        return rules.floor_chief_capacity, "floor chief default"
    return None, ""


def capacity_of(a: Analysis, person_id: str) -> tuple[int | None, str]:
    person = a.data.people.get(person_id)
    return person_capacity(person, rules=a.rules) if person else (None, "")


def _counts(a: Analysis, link: OutsideLink) -> bool:
    """Whether an outside tie makes its helper help a vulnerable elder, after removals."""
    rules, person = a.rules, a.data.people.get(link.helper_id)
    if link.elder_id in a.removed or person is None or person.left:
        return False
    if link.via == "role":
        ok = (link.role in CORRIDOR_ROLE_KINDS and link.level == "corridor") or (
            link.role == GRID_WORKER_ROLE and link.level == "micro_grid"
        )
    elif link.via == "household":
        age = a.age(person.birth_year) if person.birth_year is not None else -1
        ok = rules.household_min_age <= age < rules.household_max_age
    else:
        ok = True
    return ok and (
        not [x for x in link.housemates if x not in a.removed]
        or a.age(link.birth_year) >= rules.very_old_age
        or link.mobility in rules.vulnerable_mobility
        or any(t in rules.vulnerable_tags for t in link.tags)
    )


def loads(a: Analysis) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Vulnerable elders helped, per person: in the scope, and anywhere."""
    inside: dict[str, set[str]] = defaultdict(set)
    for s in a.statuses.values():
        for h in s.helpers:
            inside[h.person_id].add(s.id)
    everywhere = {h: set(elders) for h, elders in inside.items()}
    for link in a.data.outside:
        if link.helper_id not in a.removed and _counts(a, link):
            everywhere.setdefault(link.helper_id, set()).add(link.elder_id)
    return inside, everywhere


def overloaded_helpers(a: Analysis) -> list[OverloadedHelper]:
    """Helpers of the scope's vulnerable elders whose load exceeds their capacity."""
    inside, everywhere = loads(a)
    out = []
    for h in sorted(inside):
        capacity, source = capacity_of(a, h)
        load = len(everywhere[h])
        if capacity is not None and load > capacity:
            why = Message.of("OVERLOADED", load=load, capacity=capacity, source=source)
            elders = tuple(sorted(inside[h]))
            out.append(OverloadedHelper(h, a.name(h), capacity, source, load, elders, why))
    return out
