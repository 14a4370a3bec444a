"""Grouped account reads (graph/access/account_reader.py) in the real Neo4j: requests that arrive
together share a statement, each hears what a read of its own would have said — the account,
its home and the data version; None for an unknown account or a revoked token —, a revocation
is seen by the next round at once, and a failed read reaches every request of its round."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from datetime import UTC, datetime

from neo4j import Driver

from graph.access.account_changes import ensure_account
from graph.access.account_reader import AccountReader
from graph.access.accounts import account_by_id
from graph.access.api_tokens import ApiToken, create_token, revoke_token
from graph.access.session import GraphSession
from graph.store.connection import Neo4jTarget
from tests.graph.access.test_audit_writer import answers_with_neo4j_away

NOW = datetime(2026, 11, 1, 9, tzinfo=UTC)
ASKS = [("reader-admin", None), ("reader-other", None), ("nobody", None)]


def _accounts(driver: Driver, database: str) -> None:
    for account, role in (("reader-admin", "admin"), ("reader-other", "admin")):
        ensure_account(
            driver, database=database, account_id=account, role=role, scope=None, person_id=None
        )


def test_requests_arriving_together_share_a_read_and_each_hears_its_own(
    empty_graph: Driver, neo4j_target: Neo4jTarget
) -> None:
    _accounts(empty_graph, neo4j_target.database)

    async def go() -> tuple[list[object], list[object], int]:
        async with neo4j_target.async_driver() as driver:
            db = GraphSession(driver, database=neo4j_target.database)
            live = await create_token(
                db, account_id="reader-other", name="live", days=30, by=None, now=NOW
            )
            gone = await create_token(
                db, account_id="reader-other", name="gone", days=30, by=None, now=NOW
            )
            assert isinstance(live, ApiToken) and isinstance(gone, ApiToken)
            await revoke_token(db, token_id=gone.id, now=NOW)
            asks = [*ASKS, ("reader-other", live.id), ("reader-other", gone.id),
                    ("reader-admin", live.id)] * 7  # fmt: skip
            reader = AccountReader(GraphSession(driver, database=neo4j_target.database))
            grouped = await asyncio.gather(*(reader.account(i, t) for i, t in asks))
            alone = [await account_by_id(db, account_id=i, token_id=t) for i, t in asks]
            return list(grouped), alone, reader.rounds

    grouped, alone, rounds = asyncio.run(go())
    assert grouped == alone
    # The versions and homes too (they are not part of an account's equality).
    assert [(a.version, a.home) for a in grouped if a] == [(a.version, a.home) for a in alone if a]
    assert sum(a is None for a in grouped) == 3 * 7  # nobody, a revoked token, another's token
    assert 1 <= rounds < len(grouped)  # the first alone, the others together behind it


def test_a_revocation_is_seen_by_the_next_round(
    empty_graph: Driver, neo4j_target: Neo4jTarget
) -> None:
    _accounts(empty_graph, neo4j_target.database)

    async def go() -> tuple[bool, bool]:
        async with neo4j_target.async_driver() as driver:
            db = GraphSession(driver, database=neo4j_target.database)
            token = await create_token(
                db, account_id="reader-admin", name="t", days=30, by=None, now=NOW
            )
            assert isinstance(token, ApiToken)
            reader = AccountReader(GraphSession(driver, database=neo4j_target.database))
            before = await reader.account("reader-admin", token.id)
            await revoke_token(db, token_id=token.id, now=NOW)
            after = await reader.account("reader-admin", token.id)
            return before is not None, after is None

    assert asyncio.run(go()) == (True, True)


def test_a_failed_read_reaches_every_request_of_its_round(neo4j_target: Neo4jTarget) -> None:
    def asks(session: GraphSession) -> list[Awaitable[object]]:
        reader = AccountReader(session)
        return [reader.account(i, t) for i, t in ASKS * 2]

    found = answers_with_neo4j_away(neo4j_target, asks)
    assert len(found) == 6 and all(isinstance(r, Exception) for r in found)
