"""A street's, a district's and every community's report, put together from its communities'
reports, is the report one analysis of the whole scope gives; and the communities' reports it
is made of serve the committees too."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from neo4j import Driver

from graph.analysis.report import analyse
from graph.analysis.rules import Rules
from graph.analysis.types import CoverageReport
from graph.coverage.gaps import coverage_gaps, plan_of
from graph.coverage.report_cache import ReportCache
from graph.coverage.scope_fetch import fetch_scope
from graph.coverage.scope_reads import ScopeNotFound
from graph.store.connection import Neo4jTarget
from seeds.demo.street import district
from seeds.load import load_roster
from seeds.rows import Roster
from tests.conftest import DEMO_TODAY

RULES = Rules()


@pytest.fixture(scope="module")
def rosters() -> list[Roster]:
    """Two streets of two communities each; each street's doctors serve both its communities."""
    return district(streets=2, communities=2, seed=3, today=DEMO_TODAY)


@pytest.fixture
def loaded(rosters: list[Roster], empty_graph: Driver, neo4j_target: Neo4jTarget) -> Driver:
    for roster in rosters:
        load_roster(neo4j_target, roster, today=DEMO_TODAY)
    # A shared doctor who can follow only one elder is overloaded in both communities.
    empty_graph.execute_query(
        "MATCH (d:Doctor) WHERE d.id STARTS WITH $street SET d.capacity = 1",
        street=rosters[0].where.street + "/",
    )
    return empty_graph


def whole(target: Neo4jTarget, scope: str | None, removed: tuple[str, ...] = ()) -> CoverageReport:
    """One read and one analysis of the whole scope: what the merge must equal."""

    async def run() -> CoverageReport:
        async with target.async_driver() as driver:
            data = await fetch_scope(
                driver, database=target.database, scope=scope, as_of=DEMO_TODAY, rules=RULES
            )
        return analyse(data, rules=RULES, removed=removed)

    return asyncio.run(run())


def merged(
    target: Neo4jTarget,
    scope: str | None,
    removed: tuple[str, ...] = (),
    kept: ReportCache | None = None,
    day: date = DEMO_TODAY,
) -> CoverageReport:
    async def run() -> CoverageReport:
        async with target.async_driver() as driver:
            return await coverage_gaps(
                driver,
                database=target.database,
                scope=scope,
                as_of=day,
                rules=RULES,
                removed=removed,
                kept=kept,
                version="v",
            )

    return asyncio.run(run())


def test_a_street_a_district_and_every_community_merge_to_one_analysis(
    rosters: list[Roster], loaded: Driver, neo4j_target: Neo4jTarget
) -> None:
    street, district_code = rosters[0].where.street, rosters[0].where.district
    for scope in (street, district_code, None):
        one = whole(neo4j_target, scope)
        assert merged(neo4j_target, scope) == one
    street_report = whole(neo4j_target, street)
    shared = [o for o in street_report.overloaded if o.person_id.startswith(street + "/")]
    assert shared and any(
        len({e.split("/")[0] for e in o.elders}) == 2 for o in shared
    )  # one helper, overloaded with elders of both communities, counted once
    assert street_report.areas[0].code == street
    assert street_report.areas[0].overloaded_helpers == len(street_report.overloaded)
    spof = street_report.single_points_of_failure[0].person_id
    assert merged(neo4j_target, street, (spof,)) == whole(neo4j_target, street, (spof,))


def test_a_community_report_serves_its_committee_and_its_street(
    rosters: list[Roster], loaded: Driver, neo4j_target: Neo4jTarget
) -> None:
    kept = ReportCache()
    community = rosters[0].community
    alone = merged(neo4j_target, community, kept=kept)
    assert kept.computed == 1
    street = merged(neo4j_target, rosters[0].where.street, kept=kept)
    assert kept.computed == 3  # the other community, and the street: the first was kept
    assert merged(neo4j_target, rosters[0].where.street, kept=kept) == street
    assert merged(neo4j_target, community, kept=kept) == alone
    assert kept.computed == 3
    assert alone.elders == tuple(e for e in street.elders if e.id.startswith(community + "/"))


def test_the_plan_names_the_communities_and_areas_above_them(
    rosters: list[Roster], loaded: Driver, neo4j_target: Neo4jTarget
) -> None:
    async def plan(scope: str | None) -> object:
        async with neo4j_target.async_driver() as driver:
            return await plan_of(driver, database=neo4j_target.database, scope=scope)

    where = rosters[0].where
    found = asyncio.run(plan(where.district))
    assert found is not None
    assert found.communities == tuple(sorted(r.community for r in rosters))  # type: ignore[attr-defined]
    assert {a.level for a in found.above} == {"district", "street"}  # type: ignore[attr-defined]
    assert asyncio.run(plan(rosters[0].community)) is None  # one read
    with pytest.raises(ScopeNotFound):
        asyncio.run(plan("NOWHERE"))
