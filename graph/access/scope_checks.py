"""Checks a change or an analysis makes before it runs: are these people and places in the caller's
scope? Each is one read through the caller's :class:`GraphSession`, so the scope is the
session's own (:mod:`graph.access.scope` holds the predicates)."""

from __future__ import annotations

from graph.access.scope import AREA_IN_SCOPE, LIVES_IN_SCOPE, REACHABLE
from graph.access.session import GraphSession

__all__ = ["area_placed", "households_placed", "living_in_scope", "reachable_ids"]

LIVING_IN_SCOPE = f"""
    UNWIND $ids AS id
    MATCH (p:Resident {{id: id}}) WHERE {LIVES_IN_SCOPE}
    RETURN collect(p.id) AS ids"""
REACHABLE_IDS = f"""
    UNWIND $ids AS id
    MATCH (p:Person {{id: id}}) WHERE {REACHABLE}
    RETURN collect(p.id) AS ids"""
AREA_PLACE = f"""
    MATCH (a:Area {{code: $code}})
    RETURN {AREA_IN_SCOPE} AS inScope"""


async def living_in_scope(db: GraphSession, *, ids: list[str]) -> set[str]:
    """The residents among ``ids`` who live in the session's scope."""
    rows = await db.read(LIVING_IN_SCOPE, ids=ids)
    return set(rows[0]["ids"]) if rows else set()


async def reachable_ids(db: GraphSession, *, ids: list[str]) -> set[str]:
    """The people among ``ids`` the session's scope reaches."""
    rows = await db.read(REACHABLE_IDS, ids=ids)
    return set(rows[0]["ids"]) if rows else set()


async def area_placed(db: GraphSession, *, code: str) -> bool | None:
    """True when the area is in the session's scope, False when outside, None when unknown."""
    rows = await db.read(AREA_PLACE, code=code)
    return bool(rows[0]["inScope"]) if rows else None


HOUSEHOLDS_PLACED = f"""
    UNWIND $ids AS id
    MATCH (h:Household {{id: id}})
    OPTIONAL MATCH (h)-[l:LIVES_IN]->(:Dwelling)-[:IN]->(a:Corridor) WHERE l.until IS NULL
    RETURN collect([h.id, a IS NOT NULL AND {AREA_IN_SCOPE}]) AS rows"""


async def households_placed(db: GraphSession, *, ids: list[str]) -> dict[str, bool]:
    """For the households among ``ids`` that exist: whether they live in the session's scope."""
    rows = await db.read(HOUSEHOLDS_PLACED, ids=ids)
    return {h: bool(inside) for h, inside in rows[0]["rows"]} if rows else {}
