"""The data version is read with the account, and a query's reports are looked up under it; a
mutation, a request that follows bookmarks or a WebSocket read it again."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

from graphql import OperationType
from neo4j import Driver

from graph.access.accounts import ACCOUNT_ON_REQUEST, account_from, role_params
from graph.store.connection import Neo4jTarget
from graph.store.data_version import BUMP, READ
from schema.context import version_for_reports
from tests.support.gql import ADMIN, ensure_account


def test_the_account_read_on_a_request_carries_the_data_version(
    neo4j_target: Neo4jTarget, neo4j_driver: Driver
) -> None:
    ensure_account(neo4j_target, ADMIN, role="admin")
    for _ in range(2):  # the version moves with each write, and the account read sees it
        neo4j_driver.execute_query(BUMP)
        (row,), _, _ = neo4j_driver.execute_query(ACCOUNT_ON_REQUEST, id=ADMIN, **role_params())
        (now,), _, _ = neo4j_driver.execute_query(READ)
        account = account_from(row.data())
        assert account.version == now["version"] != ""


class _Driver:
    """Stands for Neo4j in the unit test below: records that the version was read."""

    def __init__(self) -> None:
        self.reads = 0

    def session(self, **_: Any) -> Any:
        driver = self

        class _Session:
            async def __aenter__(self) -> Any:
                return self

            async def __aexit__(self, *_: Any) -> None:
                return None

            async def run(self, query: str) -> Any:
                driver.reads += 1

                class _Result:
                    async def single(self, strict: bool) -> dict[str, str]:
                        return {"version": "e:9:9"}

                return _Result()

        return _Session()


def _info(kind: OperationType, version: str | None, driver: _Driver) -> Any:
    context = SimpleNamespace(data_version=version, driver=driver, database="neo4j")
    return SimpleNamespace(context=context, operation=SimpleNamespace(operation=kind))


def test_a_query_uses_the_version_read_with_its_account_and_a_mutation_reads_it_again() -> None:
    driver = _Driver()
    assert asyncio.run(version_for_reports(_info(OperationType.QUERY, "e:5:5", driver))) == "e:5:5"
    assert driver.reads == 0
    # A mutation's fields come after its own write: the version of before would be stale.
    mutation = _info(OperationType.MUTATION, "e:5:5", driver)
    assert asyncio.run(version_for_reports(mutation)) == "e:9:9"
    # Not read with the account (a request after bookmarks, a WebSocket): read now.
    assert asyncio.run(version_for_reports(_info(OperationType.QUERY, None, driver))) == "e:9:9"
    assert driver.reads == 2
