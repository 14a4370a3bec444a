"""The coverage gaps of one scope and day: read the facts, then analyse them, one community at a
time above the community.

A community, or an area within one, is read and analysed as one scope. A street, a district or
every community of a graph that holds several is the merge of its communities' reports
(:mod:`graph.analysis.merge`): each read and analysis stays the size of one community whatever
the scope (memory bounded by :data:`PARALLEL` communities' facts at a time), the event loop is
never held by more than one community's decoding, and with ``kept`` (a
:class:`~graph.coverage.report_cache.ReportCache`) a community's report serves its committee,
its street and its district alike, and is made once per data version.

Example::

    report = await coverage_gaps(driver, database="neo4j", scope="XY", as_of=day, rules=rules)
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from neo4j import AsyncDriver

from graph.access.session import auto_read
from graph.analysis.merge import merge_reports
from graph.analysis.report import analyse
from graph.analysis.rules import Rules
from graph.analysis.types import Area, CoverageReport
from graph.coverage.fact_cache import kept as kept_fact
from graph.coverage.fact_cache import plans
from graph.coverage.offload import cpu_bound
from graph.coverage.report_cache import ReportCache
from graph.coverage.scope_fetch import fetch_scope
from graph.coverage.scope_reads import ScopeNotFound
from graph.store.data_version import structure_of

__all__ = ["PARALLEL", "Plan", "coverage_gaps", "plan_of"]

# Communities in flight at once: one read in Neo4j while the other is analysed here.
PARALLEL = 2

_ABOVE = ("district", "street")
PLAN = """
    MATCH (s:Area {code: $scope})
    RETURN s.level AS level,
        [(a:Area)-[:PART_OF*0..2]->(s) WHERE a.level IN $above |
            [a.code, a.level, a.name, [(a)-[:PART_OF]->(p:Area) | p.code][0]]] AS above,
        [(c:Community)-[:PART_OF*0..2]->(s) | c.code] AS communities"""
EVERY_COMMUNITY = "MATCH (c:Community) RETURN c.code AS code ORDER BY code"


@dataclass(frozen=True)
class Plan:
    """A scope above the community: the areas above its communities, and the communities."""

    scope: tuple[str, ...]
    above: tuple[Area, ...]
    communities: tuple[str, ...]


async def plan_of(driver: Any, *, database: str, scope: str | None) -> Plan | None:
    """How ``scope`` is computed: None when it is one read (a community or an area in one, or
    the only community of the graph); ScopeNotFound when no area has its code."""
    if scope is None:
        records = await auto_read(driver, database, EVERY_COMMUNITY, {})
        codes = tuple(r["code"] for r in records)
        return Plan(codes, (), codes) if len(codes) > 1 else None
    records = await auto_read(driver, database, PLAN, {"scope": scope, "above": list(_ABOVE)})
    if not records:
        raise ScopeNotFound(scope)
    row = records[0]
    if row["level"] not in _ABOVE or not row["communities"]:
        return None
    above = tuple(
        Area(code, level, name or code, None, parent) for code, level, name, parent in row["above"]
    )
    return Plan((scope,), above, tuple(sorted(set(row["communities"]))))


async def coverage_gaps(
    driver: AsyncDriver,
    *,
    database: str,
    scope: str | None,
    as_of: date,
    rules: Rules,
    removed: Iterable[str] = (),
    ages_on: date | None = None,
    kept: ReportCache | None = None,
    version: str = "",
    window: str | None = None,
) -> CoverageReport:
    """The report of ``scope`` (every community when None) on ``as_of``; ``removed`` makes it a
    what-if, ``window`` counts only the helpers available then. With ``kept``, the report and
    each of its communities' are looked up there under ``version`` (the data version the caller
    read) before they are made, and the facts they are made of under its structure version
    (graph/coverage/fact_cache.py)."""
    gone = tuple(sorted(set(removed)))

    def key(code: str | None) -> tuple[Any, ...]:
        return (database, version, code, as_of, rules, ages_on, gone, window)

    structure = structure_of(version) if kept is not None else ""  # kept: the facts too

    async def one(code: str | None) -> CoverageReport:
        data = await fetch_scope(driver, database=database, scope=code, as_of=as_of, rules=rules,
                                 ages_on=ages_on, windows=window is not None,
                                 structure=structure)  # fmt: skip
        return await cpu_bound(analyse, data, rules=rules, removed=gone, window=window)

    turns = asyncio.Semaphore(PARALLEL)

    async def community(code: str) -> CoverageReport:
        async with turns:
            if kept is None:
                return await one(code)
            report: CoverageReport = await kept.get(key(code), lambda: one(code))
            return report

    async def planned() -> Plan | None:
        return await plan_of(driver, database=database, scope=scope)

    async def whole() -> CoverageReport:
        plan: Plan | None = await kept_fact(plans, structure, (database, scope), planned)
        if plan is None:
            return await one(scope)
        parts = await asyncio.gather(*(community(c) for c in plan.communities))
        return merge_reports(scope=plan.scope, above=plan.above, parts=parts)

    if kept is None:
        return await whole()
    report: CoverageReport = await kept.get(key(scope), whole)
    return report
