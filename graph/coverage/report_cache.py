"""Coverage reports kept per (graph version, scope, day, rules, what-if), so that the next page
of a list, a second look at the same figures, or a what-if's baseline does not read and analyse
the scope again.

The graph's version is the bookmark Neo4j gives a read: it names the last transaction the
database had committed, so it changes with every write, whoever makes it (a mutation, a roster
load, a Cypher shell), and a report is never served for a graph that has changed since. Reading
it costs one round trip; a report costs the scope's reads and its analysis (seconds for a
street). Identical requests arriving together share one computation.

The cache is per process (each worker keeps its own), bounded in entries, and holds reports,
not people's data beyond what a report holds; masks are applied later, per caller, by the API.
An audited read (one that returns people's names) writes its audit entry, which is a write too:
the next request then makes its report afresh. So the cache serves figures, id lists, a
what-if's baseline and identical requests arriving together; keeping the audit log out of the
version is the next step (docs/scale-out.md).
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

from neo4j import READ_ACCESS

__all__ = ["ReportCache", "graph_version", "reports"]

MAX_REPORTS = 16


async def graph_version(driver: Any, *, database: str) -> str:
    """The bookmark of a trivial read: the database's last committed transaction."""
    async with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        await (await session.run("RETURN 1")).consume()
        bookmarks = await session.last_bookmarks()
    return ",".join(sorted(bookmarks.raw_values))


class ReportCache:
    """A small LRU of computed values, with one computation per key at a time."""

    def __init__(self, size: int = MAX_REPORTS) -> None:
        self.size = size
        self._done: OrderedDict[Hashable, Any] = OrderedDict()
        self._running: dict[Hashable, asyncio.Future[Any]] = {}
        self.computed = 0  # for tests: how many times a value was computed

    async def get(self, key: Hashable, compute: Callable[[], Awaitable[Any]]) -> Any:
        if key in self._done:
            self._done.move_to_end(key)
            return self._done[key]
        running = self._running.get(key)
        if running is not None:
            return await asyncio.shield(running)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._running[key] = future
        try:
            value = await compute()
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning when nobody waits
            raise
        finally:
            del self._running[key]
        self.computed += 1
        future.set_result(value)
        self._done[key] = value
        while len(self._done) > self.size:
            self._done.popitem(last=False)
        return value

    def clear(self) -> None:
        self._done.clear()


reports = ReportCache()
