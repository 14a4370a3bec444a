"""The prefetch reads what the loaders would have read: for every scope a caller can have, the
people, their households' members, their pairings, their helpers and their corridors come back
equal, row for row and in order, to the loaders' own statements (graph/records/prefetch.py)."""

from __future__ import annotations

import asyncio

import pytest

from graph.access.scope import EVERYTHING, Reach
from graph.access.session import GraphSession
from graph.records import people, places
from graph.records.prefetch import Needs, prefetch_people
from graph.store.connection import Neo4jTarget
from seeds.rows import Roster


def reaches(roster: Roster) -> list[Reach]:
    grid = sorted(roster.grid, key=lambda g: g.corridor)
    return [
        EVERYTHING,
        Reach(roster.community),
        Reach(grid[0].area),
        Reach(grid[0].micro_grid, untied=False),
        Reach(grid[-1].block, untied=False),
        Reach(grid[0].corridor, untied=False),
        Reach("nowhere", untied=False),
    ]


def sample(roster: Roster) -> list[str]:
    """Residents spread over the community (two of one household among them), the people who
    help them, workers, and an id nobody has."""
    residents = [r.resident_id for r in roster.residents]
    helped = [h.resident_id for h in roster.helpers][:20]
    workers = [p.person_id for p in roster.people][:5]
    return [*residents[::97], *residents[:2], *helped, *workers, f"{roster.community}/NOBODY"]


async def compare(target: Neo4jTarget, reach: Reach, keys: list[str]) -> int:
    driver = target.async_driver()
    try:
        db = GraphSession(driver, database=target.database, reach=reach)
        needs = Needs(members=True, pairings=True, helpers=True, corridors=True)
        found = await prefetch_people(db, keys=keys, needs=needs)
        every = list(found.people)
        assert [found.people[k] for k in every] == await people.people_by_id(db, keys=every)
        households = list(found.members)
        expected = await people.members_by_household(db, keys=households)
        assert [found.members[h] for h in households] == expected
        helped = list(found.pairings)
        expected_pairings = await people.pairings_by_resident(db, keys=helped)
        assert [found.pairings[r] for r in helped] == expected_pairings
        corridors = list(found.areas)
        assert [found.areas[c] for c in corridors] == await places.areas_by_code(db, keys=corridors)
        # Each part covers what was asked: every key, every household and corridor of the
        # people found, every resident found and every helper of a pairing found.
        rows = [r for r in found.people.values() if r is not None]
        assert set(keys) <= set(found.people)
        assert {r.household_id for r in rows if r.household_id and r.id in keys} <= set(households)
        assert {r.id for r in rows if r.kind == "resident" and r.id in keys} <= set(helped)
        assert {p.helper_id for ps in found.pairings.values() for p in ps} <= set(found.people)
        assert {r.corridor for r in rows if r.corridor and r.id in keys} <= set(corridors)
        return len(rows)
    finally:
        await driver.close()


@pytest.mark.parametrize("which", range(7))
def test_the_prefetch_reads_what_the_loaders_read(
    demo_graph: Roster, neo4j_target: Neo4jTarget, which: int
) -> None:
    reach = reaches(demo_graph)[which]
    keys = sample(demo_graph)
    seen = asyncio.run(compare(neo4j_target, reach, keys))
    if reach.scope is None:
        assert seen >= len(keys) - 1  # everyone but the id nobody has
    if reach.scope == "nowhere":
        assert seen <= len(demo_graph.people)  # at most untied workers, never a resident


def test_a_part_not_needed_is_not_read(demo_graph: Roster, neo4j_target: Neo4jTarget) -> None:
    async def run() -> None:
        driver = neo4j_target.async_driver()
        try:
            db = GraphSession(driver, database=neo4j_target.database)
            keys = [h.resident_id for h in demo_graph.helpers][:3]
            found = await prefetch_people(db, keys=keys, needs=Needs(corridors=True))
            assert found.members == {} and found.pairings == {}
            assert set(found.people) == set(keys) and found.areas
            assert db.queries == 1
        finally:
            await driver.close()

    asyncio.run(run())
