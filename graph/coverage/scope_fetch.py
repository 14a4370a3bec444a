"""A scope's facts as the analyses read them, in two parts: the structure, kept per structure
version (graph/coverage/fact_cache.py) or else read in one read transaction, and the visits,
read every time in one auto-committed statement.

The visits need no transaction around them: the kept structure comes from an earlier one
anyway, and one statement sees one snapshot. Alone, they are one round trip to Neo4j; inside a
read transaction they were three (BEGIN, RUN, COMMIT), which after a recorded visit was most
of a dashboard's wait. The structure is read after the version that keys it, so kept facts can
be newer than their key, never older; the visits, read after both, are as new as the graph.

Example::

    data = await fetch_scope(driver, database="neo4j", scope="QS-MG1", as_of=day,
                             rules=Rules(), structure=structure_of(version))
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction, Record

from graph.access.session import CausalDriver, auto_read_as
from graph.analysis.gc import paused_gc
from graph.analysis.rules import Rules
from graph.analysis.types import ScopeData
from graph.coverage.fact_cache import SCOPE_VISITS, facts, kept, with_visits
from graph.coverage.scope_reads import elders_of, read, read_structure

__all__ = ["Driver", "fetch_scope", "read_one", "scope_structure", "with_visits_read"]

Driver = AsyncDriver | CausalDriver


async def read_one(driver: Driver, database: str, query: str, **params: Any) -> list[Any]:
    """The ``rows`` column of one auto-committed read that returns ``collect(...) AS rows`` of
    plain values (dates as text), as the driver gives it."""
    found = await auto_read_as(driver, database, query, params, _rows_of)
    return list(found[0]) if found else []


def _rows_of(record: Record) -> Any:
    return record["rows"]


async def scope_structure(
    driver: Driver,
    *,
    database: str,
    scope: str | None,
    as_of: date,
    rules: Rules,
    extra_people: Iterable[str] = (),
    ages_on: date | None = None,
    windows: bool = False,
    structure: str = "",
) -> ScopeData:
    """The structure of ``scope`` (:func:`graph.coverage.scope_reads.read_structure`), kept
    under ``structure`` (the structure version the caller read before; '' keeps nothing)."""
    extra = tuple(sorted(set(extra_people)))
    asked = (scope, as_of, rules, extra, False, ages_on, windows)

    async def work(tx: AsyncManagedTransaction) -> ScopeData:
        return await read_structure(tx, *asked)

    async def fresh() -> ScopeData:
        return await read(driver, database, work)

    found: ScopeData = await kept(facts, structure, asked, fresh)
    return found


async def with_visits_read(
    driver: Driver, database: str, data: ScopeData, rules: Rules
) -> ScopeData:
    """``data`` with its elders' visits, read now."""
    rows = await read_one(driver, database, SCOPE_VISITS, ids=elders_of(data, rules),
                          asOf=data.as_of)  # fmt: skip
    return with_visits(data, rows)


async def fetch_scope(
    driver: Driver,
    *,
    database: str,
    scope: str | None,
    as_of: date,
    rules: Rules,
    extra_people: Iterable[str] = (),
    ages_on: date | None = None,
    windows: bool = False,
    structure: str = "",
) -> ScopeData:
    """The scoped subgraph of ``scope`` (every community when None) on ``as_of``, with ages
    counted on ``ages_on`` (default ``as_of``); ``windows``: see
    :func:`graph.coverage.scope_reads.read_scope`; ``structure``: see :func:`scope_structure`."""
    with paused_gc():
        data = await scope_structure(driver, database=database, scope=scope, as_of=as_of,
                                     rules=rules, extra_people=extra_people, ages_on=ages_on,
                                     windows=windows, structure=structure)  # fmt: skip
        return await with_visits_read(driver, database, data, rules)
