"""The community a caller's codes are relative to (:class:`graph.identity.Home`).

It is the community of the caller's scope (a committee, a grid worker, a floor chief); for a
caller above the communities (a street office, a district, an admin) there is none, unless the
graph holds a single community, which is then everyone's home.
"""

from __future__ import annotations

from typing import Any

from graph.access.session import GraphSession
from graph.identity import NOWHERE, Home

__all__ = ["FEW_COMMUNITIES", "HOME", "home_clauses", "home_from", "home_of"]

# Up to two community codes, as `few`: enough to tell a graph of none, one or several apart.
FEW_COMMUNITIES = "CALL () { MATCH (c:Community) WITH c LIMIT 2 RETURN collect(c.code) AS few }"


def home_clauses(scope: str, *carry: str) -> str:
    """Clauses binding ``home`` and ``above`` for the area code ``scope`` (a Cypher expression,
    null for a caller above the communities), keeping the variables ``carry``: read with the
    account on every request (graph/access/accounts.py), or alone (:data:`HOME`)."""
    keep = "".join(f"{name}, " for name in carry)
    return f"""
    {FEW_COMMUNITIES}
    OPTIONAL MATCH (:Area {{code: {scope}}})-[:PART_OF*0..6]->(mine:Community)
    WITH {keep}CASE WHEN {scope} IS NULL AND size(few) = 1 THEN few[0] ELSE mine.code END AS home
    OPTIONAL MATCH (:Community {{code: home}})-[:PART_OF*1..2]->(up:Area)
    WITH {keep}home, collect(up.code) AS above"""


# $scope comes with every read of the session: the caller's area, or null for an admin.
HOME = f"{home_clauses('$scope')} RETURN home, above"


def home_from(row: dict[str, Any]) -> Home:
    """The home of a row with ``home`` and ``above``."""
    return NOWHERE if row["home"] is None else Home(row["home"], tuple(row["above"]))


async def home_of(db: GraphSession) -> Home:
    """The home of the caller the session reads for."""
    rows = await db.read(HOME)
    return home_from(rows[0]) if rows else NOWHERE
