"""The coverage gaps of one scope and day: read the facts, then analyse them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from neo4j import AsyncDriver

from graph.analysis.report import analyse
from graph.analysis.rules import Rules
from graph.analysis.types import CoverageReport
from graph.coverage.offload import cpu_bound
from graph.coverage.scope_reads import fetch_scope

__all__ = ["coverage_gaps"]


async def coverage_gaps(
    driver: AsyncDriver,
    *,
    database: str,
    scope: str | None,
    as_of: date,
    rules: Rules,
    removed: Iterable[str] = (),
) -> CoverageReport:
    """Read the scope and analyse it; ``removed`` makes it a what-if."""
    data = await fetch_scope(driver, database=database, scope=scope, as_of=as_of, rules=rules)
    return await cpu_bound(analyse, data, rules=rules, removed=removed)
