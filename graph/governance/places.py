"""The community a place is in: every governance record belongs to one (its id starts with that
community's code), so each change first asks where its places are."""

from __future__ import annotations

from neo4j import AsyncManagedTransaction

from graph.store.values import run_rows

__all__ = ["communities_of"]

COMMUNITY_OF = """
    UNWIND $codes AS code MATCH (a:Area {code: code})
    RETURN code, [(a)-[:PART_OF*0..6]->(c:Community) | c.code][0] AS community"""


async def communities_of(tx: AsyncManagedTransaction, codes: list[str]) -> dict[str, str | None]:
    """Each known place's community (None above any community: a street, a district); unknown
    codes are left out."""
    return {r["code"]: r["community"] for r in await run_rows(tx, COMMUNITY_OF, codes=codes)}
