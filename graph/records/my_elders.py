"""The corridors a person serves as a floor chief on a day, within the caller's scope: where a
floor chief's "my elders" list looks.

A floor chief's account is scoped to one corridor, but the person may serve others (a hand-over,
a second corridor of the same building); only the corridors that are also in the caller's scope
are returned, so the list never reads beyond what every other field of the account reads.

Example::

    await chief_corridors(db, person_id="QS/R000062", on=date(2026, 11, 1))
    -> ["QS/QS-B01-C1"]
"""

from __future__ import annotations

from datetime import date

from graph.access.scope import area_in_scope
from graph.access.session import GraphSession
from graph.vocabulary import CHIEF_ROLES

__all__ = ["CHIEF_CORRIDORS", "CHIEF_ROLES", "chief_corridors"]

# $scope comes with every read of the session (graph/access/scope.py): the caller's area.
CHIEF_CORRIDORS = f"""
    MATCH (p:Person {{id: $person}})-[s:SERVES]->(c:Corridor)
    WHERE s.role IN $roles AND p.leftOn IS NULL
      AND s.since <= $on AND (s.until IS NULL OR $on <= s.until)
      AND {area_in_scope("c")}
    RETURN DISTINCT c.code AS code ORDER BY code"""


async def chief_corridors(db: GraphSession, *, person_id: str, on: date) -> list[str]:
    """The codes of the corridors ``person_id`` serves as first or second floor chief on ``on``
    (both ends inclusive, as every term), in the caller's scope, in code order."""
    rows = await db.read(CHIEF_CORRIDORS, person=person_id, roles=list(CHIEF_ROLES), on=on)
    return [str(r["code"]) for r in rows]
