"""Is Neo4j answering, and which version is it?"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from neo4j import READ_ACCESS, AsyncDriver
from neo4j.exceptions import DriverError, Neo4jError

__all__ = ["Neo4jHealth", "probe"]

COMPONENTS = (
    "CALL dbms.components() YIELD name, versions, edition "
    "RETURN versions[0] AS version, edition LIMIT 1"
)


@dataclass(frozen=True)
class Neo4jHealth:
    reachable: bool
    version: str | None = None
    edition: str | None = None
    error: str | None = None  # a short reason, never a stack trace


async def _components(driver: AsyncDriver, database: str) -> list[dict[str, str]]:
    # An auto-commit query, not execute_query: a health probe must answer at once, not retry.
    async with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        result = await session.run(COMPONENTS)
        return [dict(r) async for r in result]


async def probe(
    driver: AsyncDriver, *, database: str = "neo4j", timeout: float = 5.0
) -> Neo4jHealth:
    """Ask the server for its version; a failure is reported, not raised."""
    try:
        records = await asyncio.wait_for(_components(driver, database), timeout)
    except (DriverError, Neo4jError, OSError, TimeoutError) as exc:
        return Neo4jHealth(reachable=False, error=type(exc).__name__)
    if not records:
        return Neo4jHealth(reachable=True)
    return Neo4jHealth(reachable=True, version=records[0]["version"], edition=records[0]["edition"])
