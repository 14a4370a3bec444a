"""Group commit of the audit log (graph/access/audit_writer.py) in the real Neo4j: requests that
finish together share a transaction, each returns only once its entries are stored, and a
failed write reaches every request of its batch."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from neo4j import Driver

from graph.access.audit import list_entries
from graph.access.audit_writer import MAX_BATCH, AuditWriter
from graph.access.session import GraphSession
from graph.store.connection import Neo4jTarget
from tests.graph.access.test_audit import entry


def test_requests_finishing_together_share_a_transaction(
    empty_graph: Driver, neo4j_target: Neo4jTarget
) -> None:
    stored_on_return: list[bool] = []

    async def go() -> int:
        async with neo4j_target.async_driver() as driver:
            writer = AuditWriter(GraphSession(driver, database=neo4j_target.database))

            async def one_request(i: int) -> None:
                await writer.append([entry(i, person_ids=(f"R{i:06d}",))])
                # Committed by the time the request goes on: a reader sees its entry.
                found = await GraphSession(driver, database=neo4j_target.database).read(
                    "MATCH (e:AuditEntry) WHERE $id IN e.personIds RETURN count(e) AS n",
                    id=f"R{i:06d}",
                )
                stored_on_return.append(found[0]["n"] == 1)

            await asyncio.gather(*(one_request(i) for i in range(40)))
            await writer.append([])  # nothing to write: no transaction
            return writer.transactions

    transactions = asyncio.run(go())
    assert len(list_entries(empty_graph, database=neo4j_target.database, limit=1000)) == 40
    assert all(stored_on_return) and len(stored_on_return) == 40
    assert 1 <= transactions < 40  # the first alone, the others in batches behind it


def test_a_burst_is_written_in_bounded_transactions(
    empty_graph: Driver, neo4j_target: Neo4jTarget
) -> None:
    async def go() -> int:
        async with neo4j_target.async_driver() as driver:
            writer = AuditWriter(GraphSession(driver, database=neo4j_target.database))
            many = [entry(i) for i in range(MAX_BATCH)]
            await asyncio.gather(writer.append(many), writer.append(many), writer.append(many))
            return writer.transactions

    assert asyncio.run(go()) == 3  # each request's entries whole, none over the bound together
    records, _, _ = empty_graph.execute_query(
        "MATCH (e:AuditEntry) RETURN count(e) AS n", database_=neo4j_target.database
    )
    assert records[0]["n"] == 3 * MAX_BATCH


def answers_with_neo4j_away(
    neo4j_target: Neo4jTarget, asks: Callable[[GraphSession], list[Awaitable[object]]]
) -> list[object]:
    """What the requests of ``asks`` (made over a session whose driver is closed, as when Neo4j
    is away) hear, side by side: their answers or their exceptions."""

    async def go() -> list[object]:
        driver = neo4j_target.async_driver()
        await driver.close()
        found = await asyncio.gather(
            *asks(GraphSession(driver, database=neo4j_target.database)), return_exceptions=True
        )
        return list(found)

    return asyncio.run(go())


def test_a_failed_write_reaches_every_request_of_its_batch(neo4j_target: Neo4jTarget) -> None:
    def asks(session: GraphSession) -> list[Awaitable[object]]:
        writer = AuditWriter(session)
        return [writer.append([entry(i)]) for i in range(5)]

    results = answers_with_neo4j_away(neo4j_target, asks)
    assert len(results) == 5 and all(isinstance(r, Exception) for r in results)
