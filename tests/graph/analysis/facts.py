"""A small community built by hand: the facts the pure analyses read, for their unit tests.

:class:`Town` holds members, roles, people and outside links on the grid C1, C2 < B1 < M1 < A <
COM and gives them as :class:`~graph.analysis.types.ScopeData`; :func:`pairing` and :func:`seen`
make a member's pairings and visits, relative to :data:`DAY`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from graph.analysis.types import (
    Area,
    Member,
    OutsideLink,
    Pairing,
    Person,
    RoleTerm,
    ScopeData,
    Visit,
)

DAY = date(2025, 6, 15)


@dataclass
class Town:
    """Facts for :func:`graph.analysis.report.analyse`, with the grid C1, C2 < B1 < M1 < A < COM."""

    members: dict[str, Member] = field(default_factory=dict)
    roles: list[RoleTerm] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    outside: list[OutsideLink] = field(default_factory=list)

    def resident(self, rid: str, age: int, household: str, corridor: str = "C1", **kw: Any) -> None:
        self.members[rid] = Member(rid, rid, DAY.year - age, household, corridor, **kw)

    def role(self, pid: str, role: str, area: str, since: int = -100, until: int | None = None,
             *, party: str | None = None, left: bool = False) -> None:  # fmt: skip
        end = DAY + timedelta(days=until) if until is not None else None
        self.roles.append(
            RoleTerm(pid, pid, role, area, DAY + timedelta(days=since), end, left, party)
        )

    def person(self, pid: str, **kw: Any) -> None:
        base = {"name": pid, "kind": "resident", "capacity": None, "volunteer": False}
        base |= {"birth_year": None, "left": False, "party": None}
        self.people[pid] = Person(pid, **(base | kw))

    def data(self) -> ScopeData:
        areas = {
            "COM": Area("COM", "community", "COM", None, None),
            "A": Area("A", "residential_area", "A", None, "COM"),
            "M1": Area("M1", "micro_grid", "M1", None, "A"),
            "B1": Area("B1", "block", "B1", None, "M1"),
            "C1": Area("C1", "corridor", "C1", "corridor", "B1"),
            "C2": Area("C2", "corridor", "C2", "region", "B1"),
        }
        households: dict[str, list[str]] = {}
        for m in self.members.values():
            households.setdefault(m.household, []).append(m.id)
        return ScopeData(
            scope=("COM",), as_of=DAY, areas=areas, above={}, roles=list(self.roles),
            members=dict(self.members),
            households={h: tuple(sorted(ids)) for h, ids in households.items()},
            people=dict(self.people), outside=list(self.outside),
        )  # fmt: skip


def pairing(helper: str, kind: str = "neighbour", since: int = -100) -> Pairing:
    return Pairing(helper, kind, DAY + timedelta(days=since), None)


def seen(visitor: str, days_ago: int) -> Visit:
    return Visit(visitor, DAY - timedelta(days=days_ago), "home")
