"""Is Neo4j answering, and which version is it?"""

from __future__ import annotations

import asyncio
import time
import weakref
from dataclasses import dataclass

from neo4j import READ_ACCESS, AsyncDriver
from neo4j.exceptions import DriverError, Neo4jError

__all__ = ["HealthWatch", "Neo4jHealth", "current_health", "probe"]

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


class HealthWatch:
    """The last probe of one driver's Neo4j, refreshed at most every ``fresh_for`` seconds.

    Many callers asking at once share one probe, and once a first answer is known nobody waits
    for the next: while a refresh runs, the last answer is given. So a health check costs the
    database one query a second whatever the number of clients, and answers at once even while
    Neo4j is slow under load (a slow Neo4j shows as a late refresh, a down one as ``reachable:
    false`` within a probe's timeout).
    """

    def __init__(self, driver: AsyncDriver, *, database: str, fresh_for: float = 1.0) -> None:
        self.driver, self.database, self.fresh_for = driver, database, fresh_for
        self.last: Neo4jHealth | None = None
        self.at = 0.0
        self.refresh: asyncio.Task[Neo4jHealth] | None = None

    async def _probe(self) -> Neo4jHealth:
        found = await probe(self.driver, database=self.database)
        self.last, self.at = found, time.monotonic()
        return found

    async def current(self) -> Neo4jHealth:
        if self.refresh is None or self.refresh.done():
            if self.last is not None and time.monotonic() - self.at < self.fresh_for:
                return self.last
            self.refresh = asyncio.create_task(self._probe())
        if self.last is None:
            return await asyncio.shield(self.refresh)  # the first answer: everyone waits for it
        return self.last


_WATCHES: weakref.WeakKeyDictionary[AsyncDriver, HealthWatch] = weakref.WeakKeyDictionary()


async def current_health(driver: AsyncDriver, *, database: str = "neo4j") -> Neo4jHealth:
    """The shared :class:`HealthWatch` answer for ``driver`` (one watch per driver)."""
    watch = _WATCHES.get(driver)
    if watch is None or watch.database != database:
        watch = _WATCHES[driver] = HealthWatch(driver, database=database)
    return await watch.current()
