"""The one door through which the API reads and writes the graph.

Every query of a GraphQL request goes through a :class:`GraphSession`, which runs it in a read
transaction (so a ``neo4j://`` cluster can route it to a follower), in a managed write
transaction with retries, or (an append to the audit log) auto-committed, counts it (the no-N+1
test reads ``queries``), and turns a lost connection into :class:`GraphUnavailable`.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

from neo4j import (
    READ_ACCESS,
    AsyncDriver,
    AsyncGraphDatabase,
    AsyncManagedTransaction,
    Bookmarks,
    Record,
    RoutingControl,
)
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired, TransientError

from graph.access.scope import EVERYTHING, Reach
from graph.errors import BadBookmark, GraphUnavailable
from graph.store.data_version import BUMP, CONTACT_BUMP
from graph.store.values import Row, native_row, run_rows

__all__ = [
    "AsyncDriver",
    "CausalDriver",
    "GraphSession",
    "auto_read",
    "auto_read_as",
    "parse_bookmarks",
]

# A bookmark is an opaque token of printable ASCII (Neo4j 5: "FB:..."); a request carries a few.
_BOOKMARK = re.compile(r"[\x21-\x2b\x2d-\x7e]{1,1024}")
MAX_BOOKMARKS = 16


def parse_bookmarks(header: str | None) -> list[str]:
    """The bookmarks of a ``Louzhi-Bookmark`` header (comma-separated); BadBookmark if it is
    not one."""
    if not header or not header.strip():
        return []
    found = [b.strip() for b in header.split(",") if b.strip()]
    if len(found) > MAX_BOOKMARKS or not all(_BOOKMARK.fullmatch(b) for b in found):
        raise BadBookmark("The Louzhi-Bookmark header is not a list of bookmarks.")
    return found


class CausalDriver:
    """The driver as one request sees it: every session and query of the request follows the
    bookmarks the client sent (``Louzhi-Bookmark``: what it last wrote, through any worker), so
    it reads its own writes on any worker and any cluster member; and the bookmarks of what the
    request wrote are collected, to be sent back."""

    def __init__(self, driver: AsyncDriver, bookmarks: Iterable[str] = ()) -> None:
        self.driver = driver
        self.manager = AsyncGraphDatabase.bookmark_manager(
            initial_bookmarks=Bookmarks.from_raw_values(bookmarks)
        )

    def session(self, **config: Any) -> Any:
        return self.driver.session(bookmark_manager=self.manager, **config)

    async def execute_query(self, query: str, parameters: Any = None, **kwargs: Any) -> Any:
        return await self.driver.execute_query(
            query, parameters, bookmark_manager_=self.manager, **kwargs
        )

    async def bookmarks(self) -> list[str]:
        return sorted(await self.manager.get_bookmarks())

    async def wait(self, *, database: str) -> None:
        """Wait until the server holds what the bookmarks name; BadBookmark if it never can."""
        try:
            await self.execute_query("RETURN 1", database_=database, routing_=RoutingControl.READ)
        except Neo4jError as exc:  # malformed (a client error), or never reached (transient)
            if "Bookmark" in (exc.code or ""):
                raise BadBookmark(f"Neo4j refused the bookmark: {exc.message}") from exc
            raise
        except (ServiceUnavailable, SessionExpired, OSError) as exc:
            raise GraphUnavailable("Neo4j is not answering; try again shortly.") from exc


T = TypeVar("T")

READ_ATTEMPTS = 4
READ_BACKOFF_S = 0.2  # then 0.4, 0.8: about 1.4 s in all before a read gives up


class GraphSession:
    """Per-request access to Neo4j; cheap to create, holds no connection of its own.

    ``reach`` is the caller's scope (:mod:`graph.access.scope`): its parameters go with every
    read, so each query that filters by scope gets the caller's, and none can be handed another.
    """

    def __init__(
        self, driver: AsyncDriver | CausalDriver, *, database: str, reach: Reach = EVERYTHING
    ) -> None:
        self.driver = driver
        self.database = database
        self.reach = reach
        self.queries = 0  # Cypher statements run through this session

    async def read(self, query: str, **params: Any) -> list[Row]:
        self.queries += 1
        parameters = {**params, **self.reach.params()}
        return await auto_read(self.driver, self.database, query, parameters)

    async def append(self, query: str, **params: Any) -> None:
        """Run ``query``, a write that only adds (the audit log's entries), auto-committed: one
        round trip, where a managed transaction takes three (BEGIN, RUN, COMMIT). Retried as a
        read is; a connection lost as it committed may so add its nodes twice, which an
        append-only log can bear better than a missing entry."""
        self.queries += 1

        async def once() -> None:
            async with self.driver.session(database=self.database) as session:
                await (await session.run(query, params)).consume()

        await _again(once)

    async def write(
        self,
        work: Callable[[AsyncManagedTransaction], Awaitable[T]],
        *,
        data: bool = True,
        visits_only: bool = False,
    ) -> T:
        """Run ``work`` in one managed write transaction (retried on transient errors); a
        ``data`` write (anything but the audit log) moves the data version as it commits, and
        the structure version too unless it wrote ``visits_only`` (graph/store/data_version.py).
        """
        self.queries += 1
        bump = CONTACT_BUMP if visits_only else BUMP

        async def then_bump(tx: AsyncManagedTransaction) -> T:
            done = await work(tx)
            await (await tx.run(bump)).consume()
            return done

        try:
            async with self.driver.session(database=self.database) as session:
                return await session.execute_write(then_bump if data else work)
        except (ServiceUnavailable, SessionExpired, OSError) as exc:
            raise GraphUnavailable("Neo4j is not answering; try again shortly.") from exc

    async def write_rows(self, query: str, params: dict[str, Any], *, data: bool) -> list[Row]:
        """One statement in its own write transaction (:meth:`write`), its rows as plain Python."""

        async def work(tx: AsyncManagedTransaction) -> list[Row]:
            return await run_rows(tx, query, **params)

        return await self.write(work, data=data)


async def auto_read(
    driver: AsyncDriver | CausalDriver, database: str, query: str, parameters: dict[str, Any]
) -> list[Row]:
    """The rows of one read statement, auto-committed, run again as :func:`_again` says.

    The driver sends it and its PULL in one round trip, where a managed transaction adds a
    BEGIN and a COMMIT; one statement needs neither. Its bookmarks still follow the request's
    (CausalDriver.session).
    """
    return await auto_read_as(driver, database, query, parameters, native_row)


async def auto_read_as(
    driver: AsyncDriver | CausalDriver,
    database: str,
    query: str,
    parameters: dict[str, Any],
    decode: Callable[[Record], T],
) -> list[T]:
    """:func:`auto_read` with each record made into a value by ``decode``: for a statement
    whose values are plain already (texts, numbers, lists of them), where :func:`native_row`
    would walk every list for nothing."""

    async def once() -> list[T]:
        async with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
            result = await session.run(query, parameters)
            return [decode(r) async for r in result]

    return await _again(once)


async def _again(once: Callable[[], Awaitable[T]]) -> T:
    """``once()``, run again on a lost connection or a transient error, with backoff."""
    for attempt in range(READ_ATTEMPTS):
        try:
            return await once()
        except (ServiceUnavailable, SessionExpired, TransientError, OSError) as exc:
            # Safe to run again (a read, an append): a connection the server dropped (a
            # restart, a leader that moved) is replaced; after the last attempt the caller
            # hears it.
            if attempt == READ_ATTEMPTS - 1:
                if isinstance(exc, TransientError):
                    raise
                raise GraphUnavailable("Neo4j is not answering; try again shortly.") from exc
            await asyncio.sleep(READ_BACKOFF_S * 2**attempt)
    raise AssertionError("unreachable")
