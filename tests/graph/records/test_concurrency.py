"""Concurrent writers cannot break an invariant: many trials of clients racing, zero violations.

Each trial sends the same change from several clients at once (one async driver, a session and
a transaction each, so Neo4j really runs them side by side), then counts what the invariant
forbids. Bounded: a few seconds per test.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from neo4j import AsyncDriver, Driver

from graph.access.session import GraphSession
from graph.errors import ChangeError
from graph.records.changes import move_household
from graph.records.ties import add_pairing, assign_role, end_role
from graph.store.connection import Neo4jTarget
from seeds.demo import generate
from seeds.load import load_roster

pytestmark = pytest.mark.neo4j

TODAY = date(2026, 11, 1)
SINCE = date(2026, 1, 1)
TRIALS = 15
CLIENTS = 3

WORLD = """
    CREATE (c1:Area:Corridor {code: 'C1', level: 'corridor', name: 'C1'})
    CREATE (c2:Area:Corridor {code: 'C2', level: 'corridor', name: 'C2'})
    CREATE (r:Person:Resident {id: 'R1', name: '甲', birthYear: 1940})
    CREATE (h:Household {id: 'H1'})
    CREATE (d:Dwelling {key: 'C1/101', room: '101'})-[:IN]->(c1)
    CREATE (r)-[:MEMBER_OF]->(h)-[:LIVES_IN]->(d)
    WITH r
    UNWIND range(1, 5) AS i
    CREATE (:Person:Volunteer {id: 'P' + i, name: '志愿者' + i})"""


@pytest.fixture
def world(empty_graph: Driver) -> Driver:
    empty_graph.execute_query(WORLD)
    return empty_graph


def count(driver: Driver, query: str) -> int:
    return driver.execute_query(query).records[0]["n"]


def race(
    target: Neo4jTarget, make: Callable[[GraphSession, int], Awaitable[Any]], clients: int
) -> list[Any]:
    """Run ``make(db, i)`` for ``clients`` clients at once; their answers in client order."""

    async def go() -> list[Any]:
        driver: AsyncDriver = target.async_driver()
        try:
            db = GraphSession(driver, database=target.database)
            return list(await asyncio.gather(*(make(db, i) for i in range(clients))))
        finally:
            await driver.close()

    return asyncio.run(go())


def succeeded(answers: list[Any]) -> list[Any]:
    return [a for a in answers if not isinstance(a, ChangeError)]


def test_one_first_floor_chief_per_corridor_and_period(
    world: Driver, neo4j_target: Neo4jTarget
) -> None:
    violations = 0
    for _ in range(TRIALS):
        world.execute_query("MATCH ()-[s:SERVES]->() DELETE s")
        answers = race(
            neo4j_target,
            lambda db, i: assign_role(
                db,
                person_id=f"P{i + 1}",
                role="first_floor_chief",
                scope="C1",
                since=SINCE,
                until=None,
            ),
            CLIENTS,
        )
        stored = count(
            world, "MATCH ()-[s:SERVES {role: 'first_floor_chief'}]->() RETURN count(s) AS n"
        )
        violations += stored != 1 or len(succeeded(answers)) != 1
        assert {a.code for a in answers if isinstance(a, ChangeError)} <= {"ROLE_ALREADY_HELD"}
    assert violations == 0


def test_one_pairing_per_helper_resident_and_period(
    world: Driver, neo4j_target: Neo4jTarget
) -> None:
    violations = 0
    for _ in range(TRIALS):
        world.execute_query("MATCH ()-[h:HELPS]->() DELETE h")
        answers = race(
            neo4j_target,
            lambda db, _: add_pairing(
                db, helper_id="P1", resident_id="R1", kind="volunteer", since=SINCE, until=None
            ),
            CLIENTS,
        )
        stored = count(world, "MATCH ()-[h:HELPS]->() RETURN count(h) AS n")
        violations += stored != 1 or len(succeeded(answers)) != 1
    assert violations == 0


def test_a_role_is_ended_once_and_every_answer_is_what_is_stored(
    world: Driver, neo4j_target: Neo4jTarget
) -> None:
    role_id = f"P1|first_floor_chief|C1|{SINCE}"
    violations = 0
    for _ in range(TRIALS):
        world.execute_query("MATCH ()-[s:SERVES]->() DELETE s")
        world.execute_query(
            "MATCH (p:Person {id: 'P1'}), (a:Area {code: 'C1'}) "
            "CREATE (p)-[:SERVES {role: 'first_floor_chief', since: $since}]->(a)",
            since=SINCE,
        )
        answers = race(
            neo4j_target,
            lambda db, i: end_role(
                db, role_id=role_id, until=TODAY - timedelta(days=i + 1), today=TODAY
            ),
            CLIENTS,
        )
        [stored] = [
            r["u"].to_native()
            for r in world.execute_query("MATCH ()-[s:SERVES]->() RETURN s.until AS u").records
        ]
        told = {a.until for a in succeeded(answers)}
        violations += told != {stored}
    assert violations == 0


def test_a_household_has_one_current_home(world: Driver, neo4j_target: Neo4jTarget) -> None:
    violations = 0
    for trial in range(TRIALS):
        on = SINCE + timedelta(days=trial + 1)

        def move(db: GraphSession, i: int, trial: int = trial, on: date = on) -> Awaitable[Any]:
            return move_household(db, household_id="H1", corridor="C2", room=f"{trial}0{i}", on=on)

        answers = race(neo4j_target, move, CLIENTS)
        current = world.execute_query(
            "MATCH (:Household {id: 'H1'})-[l:LIVES_IN]->(d) WHERE l.until IS NULL "
            "RETURN d.key AS key"
        ).records
        moved = succeeded(answers)
        violations += len(current) != 1 or len(moved) != 1 or current[0]["key"] != moved[0]
        impossible = count(
            world, "MATCH ()-[l:LIVES_IN]->() WHERE l.until < l.since RETURN count(l) AS n"
        )
        violations += impossible
    assert violations == 0


def _load_both(target: Neo4jTarget, rosters: list[Any]) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(len(rosters))

    def load(roster: Any) -> None:
        try:
            start.wait()
            load_roster(target, roster, prune=True, today=TODAY, progress=lambda _: None)
        except BaseException as exc:  # reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=load, args=(r,)) for r in rosters]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return errors


@pytest.fixture
def two_rosters() -> Iterator[list[Any]]:
    # The same grid and ids, different people and ties: loads that would mix if not serialised.
    yield [generate(seed=s, households=60, today=TODAY) for s in (1, 2)]


def test_two_loads_at_once_do_not_mix(
    empty_graph: Driver, neo4j_target: Neo4jTarget, two_rosters: list[Any]
) -> None:
    violations = []
    for trial in range(2):
        rosters = two_rosters if trial == 0 else two_rosters[::-1]
        assert _load_both(neo4j_target, rosters) == []
        # The graph is exactly one of the rosters: loading it again would change nothing.
        plans = [load_roster(neo4j_target, r, dry_run=True, today=TODAY).plan for r in rosters]
        unchanged = [p.created + p.changed == 0 for p in plans]
        if sorted(unchanged) != [False, True]:
            violations.append(f"trial {trial}: rosters unchanged {unchanged}")
        chiefs = empty_graph.execute_query(
            "MATCH (:Person)-[s:SERVES {role: 'first_floor_chief'}]->(c:Corridor) "
            "WHERE s.since <= $today AND (s.until IS NULL OR s.until >= $today) "
            "WITH c, count(s) AS n WHERE n > 1 RETURN count(c) AS n",
            today=TODAY,
        ).records[0]["n"]
        if chiefs:
            violations.append(f"trial {trial}: {chiefs} corridors with two first floor chiefs")
    assert violations == []
