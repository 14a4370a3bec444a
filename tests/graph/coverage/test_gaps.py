"""The coverage gaps read from Neo4j (:func:`graph.coverage.gaps.coverage_gaps`): the demo's
planted gaps, scoped reports, what-ifs, and a number of queries that does not grow with the
community."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from graph.analysis.rules import Rules
from graph.analysis.types import ScopeData
from graph.coverage import scope_fetch, scope_reads
from graph.coverage.gaps import coverage_gaps
from graph.coverage.scope_fetch import fetch_scope
from graph.coverage.scope_reads import ScopeNotFound
from graph.store.connection import Neo4jTarget
from seeds.demo import planted_gaps
from seeds.rows import Roster
from tests.conftest import DEMO_TODAY

RULES = Rules()


def report_of(target: Neo4jTarget, scope: str | None = None, removed: tuple[str, ...] = ()) -> Any:
    async def go() -> Any:
        driver = target.async_driver()
        try:
            return await coverage_gaps(
                driver, database=target.database, scope=scope, as_of=DEMO_TODAY, rules=RULES,
                removed=removed,
            )  # fmt: skip
        finally:
            await driver.close()

    return asyncio.run(go())


@pytest.fixture(scope="module")
def demo(demo_graph: Roster, neo4j_target: Neo4jTarget) -> Iterator[Any]:
    yield report_of(neo4j_target)


def test_the_demo_shows_exactly_its_planted_gaps(demo_graph: Roster, demo: Any) -> None:
    planted = planted_gaps(demo_graph, today=DEMO_TODAY)

    def areas(rule: str, level: str) -> tuple[str, ...]:
        return tuple(g.area for g in demo.area_gaps if g.rule == rule and g.level == level)

    assert areas("NO_FIRST_FLOOR_CHIEF", "corridor") == planted.corridors_without_first_floor_chief
    assert areas("NO_SECOND_FLOOR_CHIEF", "corridor") == (
        planted.corridors_without_second_floor_chief
    )
    assert areas("NO_PARTY_MEMBER", "block") == planted.blocks_without_serving_party_member
    assert areas("NO_PARTY_MEMBER", "micro_grid") == (
        planted.micro_grids_without_serving_party_member
    )
    assert areas("NO_GRID_WORKER", "micro_grid") == planted.micro_grids_without_grid_worker
    found = tuple((e.id, tuple(r.code for r in e.reasons)) for e in demo.under_supported)
    assert found == planted.under_supported
    assert tuple((o.person_id, o.load) for o in demo.overloaded) == planted.overloaded_helpers
    assert tuple((s.person_id, s.elders) for s in demo.single_points_of_failure) == (
        planted.single_points_of_failure
    )
    top = demo.areas[0]
    assert top.corridors_with_both_chiefs.expected == 58
    assert top.corridors_with_both_chiefs.actual == 58 - len(
        set(planted.corridors_without_first_floor_chief)
        | set(planted.corridors_without_second_floor_chief)
    )
    assert top.elders_supported.expected - top.elders_supported.actual == 5


def test_a_scoped_report_is_the_same_analysis_restricted(
    neo4j_target: Neo4jTarget, demo: Any
) -> None:
    for scope in ("QS/QS-MG2", "QS/QS-B07", "QS/QS-B07-C3", "QS/QS-P1"):
        part = report_of(neo4j_target, scope)
        inner = {a.code for a in part.areas}
        assert part.areas[0].code == scope and part.scope == (scope,)
        assert part.area_gaps == tuple(g for g in demo.area_gaps if g.area in inner)
        assert part.elders == tuple(e for e in demo.elders if e.corridor in inner)
        assert part.areas == tuple(a for a in demo.areas if a.code in inner)
        # Loads count elders outside the scope too: the same helpers, the same numbers.
        mine = {e.id for e in part.elders}
        assert part.overloaded == tuple(
            replace(o, elders=tuple(e for e in o.elders if e in mine))
            for o in demo.overloaded
            if set(o.elders) & mine
        )


def test_removing_a_single_point_of_failure_adds_exactly_its_elders(
    neo4j_target: Neo4jTarget, demo: Any
) -> None:
    assert demo.single_points_of_failure
    before = {e.id for e in demo.under_supported}
    for spof in demo.single_points_of_failure:
        after = report_of(neo4j_target, removed=(spof.person_id,))
        assert {e.id for e in after.under_supported} - before == set(spof.elders)
    assert report_of(neo4j_target, removed=()) == demo


def test_an_unknown_scope_is_refused(neo4j_target: Neo4jTarget, demo: Any) -> None:
    with pytest.raises(ScopeNotFound):
        report_of(neo4j_target, "QS-NOWHERE")


def test_the_number_of_queries_does_not_depend_on_the_number_of_elders(
    neo4j_target: Neo4jTarget, demo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real, real_one = scope_reads._rows, scope_fetch.read_one

    async def counted(tx: Any, query: str, **params: Any) -> list[list[Any]]:
        calls.append(query)
        return await real(tx, query, **params)

    async def counted_one(driver: Any, database: str, query: str, **params: Any) -> list[Any]:
        calls.append(query)
        return await real_one(driver, database, query, **params)

    monkeypatch.setattr(scope_reads, "_rows", counted)
    monkeypatch.setattr(scope_fetch, "read_one", counted_one)
    counts = []
    for scope in (None, "QS/QS-MG1", "QS/QS-B01-C1", "QS/QS-B21-R1"):
        calls.clear()
        asyncio.run(_fetch(neo4j_target, scope))
        counts.append(len(calls))
    # Four reads for the whole graph (nothing lies outside it), five for any scope in it: the
    # structure, then the visits (graph/coverage/fact_cache.py).
    assert counts == [4, 5, 5, 5]


async def _fetch(target: Neo4jTarget, scope: str | None) -> ScopeData:
    driver = target.async_driver()
    try:
        return await fetch_scope(
            driver, database=target.database, scope=scope, as_of=DEMO_TODAY, rules=RULES
        )
    finally:
        await driver.close()
