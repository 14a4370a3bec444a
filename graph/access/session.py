"""The one door through which the API reads and writes the graph.

Every query of a GraphQL request goes through a :class:`GraphSession`, which runs it in a read
transaction (so a ``neo4j://`` cluster can route it to a follower) or in a managed write
transaction with retries, counts it (the no-N+1 test reads ``queries``), and turns a lost
connection into :class:`GraphUnavailable`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from neo4j import AsyncDriver, AsyncManagedTransaction, RoutingControl
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from graph.access.scope import EVERYTHING, Reach
from graph.errors import GraphUnavailable
from graph.store.values import Row, native

__all__ = ["AsyncDriver", "GraphSession"]

T = TypeVar("T")


class GraphSession:
    """Per-request access to Neo4j; cheap to create, holds no connection of its own.

    ``reach`` is the caller's scope (:mod:`graph.access.scope`): its parameters go with every
    read, so each query that filters by scope gets the caller's, and none can be handed another.
    """

    def __init__(self, driver: AsyncDriver, *, database: str, reach: Reach = EVERYTHING) -> None:
        self.driver = driver
        self.database = database
        self.reach = reach
        self.queries = 0  # Cypher statements run through this session

    async def read(self, query: str, **params: Any) -> list[Row]:
        self.queries += 1
        try:
            records, _, _ = await self.driver.execute_query(
                query,
                {**params, **self.reach.params()},
                database_=self.database,
                routing_=RoutingControl.READ,
            )
        except (ServiceUnavailable, SessionExpired, OSError) as exc:
            raise GraphUnavailable("Neo4j is not answering; try again shortly.") from exc
        return [{k: native(v) for k, v in r.items()} for r in records]

    async def write(self, work: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> T:
        """Run ``work`` in one managed write transaction (retried on transient errors)."""
        self.queries += 1
        try:
            async with self.driver.session(database=self.database) as session:
                return await session.execute_write(work)
        except (ServiceUnavailable, SessionExpired, OSError) as exc:
            raise GraphUnavailable("Neo4j is not answering; try again shortly.") from exc
