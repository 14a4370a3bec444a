"""The Cypher of the support network of one resident, besides the scope reads it shares.

``RESIDENT_PLACE`` finds the resident and their corridor (the scope of everything else);
``REACH`` reads, for the resident's helpers, what links each to the neighbourhood committee:
the organisations they work for, their party branch, the grid workers above the areas they serve
and the floor chiefs of the corridor they live in (see :mod:`graph.analysis.network` for the model).
"""

from __future__ import annotations

from typing import Any

from graph.access.scope import lives_in_scope
from graph.access.session import auto_read
from graph.coverage.scope_fetch import Driver, read_one
from graph.coverage.scope_reads import home_on
from graph.store.data_version import MATCH_VERSION, VERSION_OF

__all__ = ["REACH", "RESIDENT_PLACE", "place_of", "reach_of"]

_ACTIVE = "{v}.since <= $asOf AND ({v}.until IS NULL OR $asOf <= {v}.until)"
_S, _K, _W = (_ACTIVE.format(v=v) for v in ("s", "k", "w"))
_HOME = home_on("l")

# With the data version, read first (graph/coverage/fact_cache.py keys the corridor's facts by it);
# a resident who does not live in ``$scope`` (the caller's; null: everywhere) is not found.
RESIDENT_PLACE = f"""
    MATCH (r:Person {{id: $id}}) WHERE r:Resident AND {lives_in_scope("r")}
    {MATCH_VERSION}
    RETURN r.birthYear AS birthYear, r.leftOn IS NOT NULL AS left,
        [(r)-[:MEMBER_OF]->(:Household)-[l:LIVES_IN]->(:Dwelling)-[:IN]->(c:Corridor)
            WHERE {home_on("l")} | c.code][0] AS corridor,
        {VERSION_OF} AS version"""

REACH = f"""
    UNWIND $ids AS id
    MATCH (p:Person {{id: id}})
    RETURN collect([p.id,
        [(p)-[:WORKS_FOR]->(o:Organisation) | [o.code, o.kind]],
        [(p)-[:REGISTERED_WITH]->(b:PartyBranch) | b.code],
        [(p)-[s:SERVES]->(a:Area) WHERE {_S} | [s.role,
            [(a)-[:PART_OF*0..2]->(:MicroGrid)<-[w:SERVES {{role: 'grid_worker'}}]-(g:Person)
                WHERE {_W} AND g.leftOn IS NULL | g.id]]],
        [(p)-[:MEMBER_OF]->(:Household)-[l:LIVES_IN]->(:Dwelling)-[:IN]->(c:Corridor)
            <-[k:SERVES]-(q:Person)
            WHERE k.role IN ['first_floor_chief', 'second_floor_chief'] AND {_K}
                AND q.leftOn IS NULL AND {_HOME} | q.id],
        [(p)-[:MEMBER_OF]->(:Household)-[l:LIVES_IN]->(:Dwelling)-[:IN]->(:Corridor)
            -[:PART_OF]->(:Block)-[:PART_OF]->(:MicroGrid)
            <-[w:SERVES {{role: 'grid_worker'}}]-(g:Person)
            WHERE {_W} AND g.leftOn IS NULL AND {_HOME} | g.id]
    ]) AS rows"""


async def place_of(
    driver: Driver, database: str, *, resident_id: str, as_of: Any, scope: str | None = None
) -> dict[str, Any] | None:
    """Birth year, whether they left, and corridor on ``as_of`` of a resident, and the data
    version; None when there is no such resident living in ``scope`` today."""
    found = await auto_read(driver, database, RESIDENT_PLACE,
                            {"id": resident_id, "asOf": as_of, "scope": scope})  # fmt: skip
    return found[0] if found else None


async def reach_of(driver: Driver, database: str, *, ids: list[str], as_of: Any) -> list[list[Any]]:
    """Per helper: [id, [[org, kind]], [branch], [[role, [grid workers]]], [home chiefs],
    [home grid workers]]."""
    return await read_one(driver, database, REACH, ids=ids, asOf=as_of)
