"""The community a caller's codes are relative to (:class:`graph.identity.Home`).

It is the community of the caller's scope (a committee, a grid worker, a floor chief); for a
caller above the communities (a street office, a district, an admin) there is none, unless the
graph holds a single community, which is then everyone's home.
"""

from __future__ import annotations

from graph.access.session import GraphSession
from graph.identity import NOWHERE, Home

__all__ = ["FEW_COMMUNITIES", "HOME", "home_of"]

# Up to two community codes, as `few`: enough to tell a graph of none, one or several apart.
FEW_COMMUNITIES = "CALL () { MATCH (c:Community) WITH c LIMIT 2 RETURN collect(c.code) AS few }"
# $scope comes with every read of the session: the caller's area, or null for an admin.
HOME = f"""
    {FEW_COMMUNITIES}
    OPTIONAL MATCH (:Area {{code: $scope}})-[:PART_OF*0..6]->(mine:Community)
    WITH CASE WHEN $scope IS NULL AND size(few) = 1 THEN few[0] ELSE mine.code END AS home
    OPTIONAL MATCH (:Community {{code: home}})-[:PART_OF*1..2]->(up:Area)
    RETURN home, collect(up.code) AS above"""


async def home_of(db: GraphSession) -> Home:
    """The home of the caller the session reads for."""
    rows = await db.read(HOME)
    if not rows or rows[0]["home"] is None:
        return NOWHERE
    return Home(rows[0]["home"], tuple(rows[0]["above"]))
