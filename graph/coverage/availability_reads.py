"""When each possible helper of a scope can be reached: one read of what decides it (the
roster's windows, else who they are), turned into windows by
:func:`graph.analysis.windows.available_windows`."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncManagedTransaction

from graph.access.session import GraphSession
from graph.analysis.rules import Rules
from graph.analysis.types import ScopeData
from graph.analysis.windows import ALWAYS, WINDOWS, Availability, available_windows

__all__ = [
    "AVAILABILITY", "read_availability", "read_windows", "windows_by_person", "windows_of",
    "windows_of_rows",
]  # fmt: skip

AVAILABILITY = """
    UNWIND $ids AS id
    MATCH (p:Person {id: id})
    RETURN collect([p.id, p.availability, p:Resident, p.kind, p.birthYear,
                    [(p)-[g:REGISTERED_WITH]->(:PartyBranch) | g.kind][0]]) AS rows"""


def possible_helpers(data: ScopeData, rules: Rules) -> set[str]:
    """Everyone who may help an elder of ``data``: paired helpers, housemates, role holders and
    family doctors (a superset: the analysis decides who does)."""
    ids = {r.person_id for r in data.roles}
    born_by = rules.born_by(data.age_year())
    for m in data.members.values():
        if m.birth_year > born_by:
            continue
        ids.update(p.helper_id for p in m.pairings)
        ids.update(data.households.get(m.household, ()))
        if m.doctor:
            ids.add(m.doctor)
    return ids


async def read_availability(
    tx: AsyncManagedTransaction, data: ScopeData, rules: Rules
) -> dict[str, frozenset[str]]:
    return await read_windows(tx, sorted(possible_helpers(data, rules)), rules, data.age_year())


async def read_windows(
    tx: AsyncManagedTransaction, ids: list[str], rules: Rules, year: int
) -> dict[str, frozenset[str]]:
    """The windows each of ``ids`` can be reached in (ages counted in ``year``)."""
    result = await tx.run(AVAILABILITY, ids=ids)
    record = await result.single(strict=True)
    return windows_of_rows(record["rows"], rules, year)


async def windows_of(
    db: GraphSession, ids: list[str], rules: Rules, year: int
) -> dict[str, frozenset[str]]:
    """:func:`read_windows` through a session (one read of its own)."""
    rows = await db.read(AVAILABILITY, ids=ids)
    return windows_of_rows(rows[0]["rows"], rules, year) if rows else {}


async def windows_by_person(
    db: GraphSession, *, keys: list[str], rules: Rules, year: int
) -> list[tuple[str, ...]]:
    """Each person's windows, in the week's order (a DataLoader's batch); unknown: any time."""
    found = await windows_of(db, keys, rules, year)
    return [tuple(w for w in WINDOWS if w in found.get(k, ALWAYS)) for k in keys]


def windows_of_rows(rows: list[list[Any]], rules: Rules, year: int) -> dict[str, frozenset[str]]:
    """The windows of each person of ``AVAILABILITY``'s rows."""
    defaults, ages = rules.window_defaults(), (rules.household_min_age, rules.working_age_until)
    out = {}
    for pid, windows, resident, kind, born, party in rows:
        fact = Availability(pid, tuple(windows) if windows is not None else None, bool(resident),
                            kind, born, party)  # fmt: skip
        out[pid] = available_windows(fact, defaults=defaults, working_ages=ages, year=year)
    return out
