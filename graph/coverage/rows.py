"""From the compact rows of the scope queries to typed facts.

The queries of :mod:`graph.coverage.scope_reads` answer with lists of lists and ISO date strings
(the driver is slow at records and dates); this module turns those into
:mod:`graph.analysis.types`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from graph.analysis.types import ActiveRole, Member, Pairing, Person, Visit

__all__ = ["day", "member", "person"]


def day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def latest_visits(rows: list[list[Any]]) -> tuple[Visit, ...]:
    # The latest visit by each visitor is all the analyses use; Cypher returns them all because
    # an aggregation inside the per-member projection would need a subquery per member.
    latest: dict[str, Visit] = {}
    for visitor, on, mode in rows:
        seen = latest.get(visitor)
        if seen is None or (on, mode or "") > (seen.on.isoformat(), seen.mode):
            latest[visitor] = Visit(visitor, date.fromisoformat(on), mode or "")
    return tuple(sorted(latest.values(), key=lambda v: (v.on, v.visitor_id)))


def member(row: list[Any], corridor: str, household: str) -> Member:
    if len(row) == 4:  # not an elder: only their age and roles matter (as a family helper)
        rid, name, born, serves = row
        return Member(rid, name or "", int(born), household, corridor, serves=bool(serves))
    rid, name, born, mobility, tags, doctor, pairings, serves = row  # visits: fact_cache.py
    return Member(
        id=rid,
        name=name or "",
        birth_year=int(born),
        household=household,
        corridor=corridor,
        mobility=mobility or "independent",
        tags=tuple(tags or ()),
        doctor=doctor,
        pairings=tuple(
            Pairing(helper, kind, date.fromisoformat(since), day(until), name or "", bool(plain))
            for helper, kind, since, until, name, plain in pairings
        ),
        serves=bool(serves),
    )


def person(row: list[Any]) -> Person:
    pid, name, kind, capacity, volunteer, born, left, party, home, roles = row
    return Person(
        id=pid,
        name=name or "",
        kind=kind,
        capacity=capacity,
        volunteer=bool(volunteer),
        birth_year=born,
        left=bool(left),
        party=party,
        home=tuple(home or ()),
        roles=tuple(ActiveRole(*r) for r in roles),
    )
