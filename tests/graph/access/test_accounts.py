"""Accounts in the real Neo4j, over the minimal roster (area P1, grids P1-G1/P1-G2, …)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from neo4j import Driver

from graph.access.account_changes import add_account, disable_account
from graph.access.accounts import Account, account_by_id, get_account, list_accounts
from graph.access.session import GraphSession
from graph.errors import ChangeError
from graph.store.connection import Neo4jTarget
from seeds.load import load_roster
from seeds.validate import read_roster
from tests.seeds.rosters import TODAY, minimal_valid_sheets, write_xlsx

NOW = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def roster_graph(
    neo4j_driver: Driver, neo4j_target: Neo4jTarget, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """The minimal roster, loaded once for the module; returns the community code."""
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_target.database)
    path = write_xlsx(
        Path(tmp_path_factory.mktemp("roster")) / "roster.xlsx", minimal_valid_sheets()
    )
    roster = read_roster(path, today=TODAY)
    return load_roster(neo4j_target, roster, today=TODAY).community


@pytest.fixture
def graph(roster_graph: str, neo4j_driver: Driver, neo4j_target: Neo4jTarget) -> Iterator[Driver]:
    neo4j_driver.execute_query("MATCH (a:Account) DETACH DELETE a")
    yield neo4j_driver


def add(
    driver: Driver, account_id: str, role: str, scope: str | None, person: str | None = None
) -> Account | ChangeError:
    return add_account(
        driver,
        database="neo4j",
        account_id=account_id,
        role=role,
        scope=scope,
        person_id=person,
        now=NOW,
    )


def count_accounts(driver: Driver) -> int:
    records, _, _ = driver.execute_query("MATCH (a:Account) RETURN count(a) AS n")
    return records[0]["n"]


def test_an_admin_needs_no_scope_nor_person(graph: Driver) -> None:
    assert add(graph, "root", "admin", None) == Account(
        "root", "admin", None, None, disabled=False, created_at=NOW
    )


def test_each_role_at_its_level_and_bound_to_its_person(graph: Driver, roster_graph: str) -> None:
    added = [
        add(graph, "committee", "committee", roster_graph),
        add(graph, "grid", "grid_worker", "P1-G1", "W01"),
        add(graph, "chief", "floor_chief", "12-1", "R003"),
        add(graph, "planner-area", "planner", "P1"),
        add(graph, "planner-block", "planner", "P1-B3"),
    ]
    assert all(isinstance(a, Account) for a in added)
    records, _, _ = graph.execute_query(
        "MATCH (a:Account)-[:IS]->(p:Person) RETURN a.id AS a, p.id AS p ORDER BY a"
    )
    # Written as a clerk writes them; held as references (the graph's only community's).
    c = roster_graph
    assert [(r["a"], r["p"]) for r in records] == [("chief", f"{c}/R003"), ("grid", f"{c}/W01")]
    assert [a.id for a in list_accounts(graph, database="neo4j")] == sorted(a.id for a in added)


@pytest.mark.parametrize(
    ("role", "scope"),
    [("floor_chief", "P1-G1"), ("grid_worker", "12-1"), ("committee", "P1"), ("floor_chief", "P1")],
)
def test_a_scope_of_the_wrong_level_is_refused(graph: Driver, role: str, scope: str) -> None:
    result = add(graph, "x", role, scope, "W01")
    assert isinstance(result, ChangeError)
    assert (result.code, result.field) == ("WRONG_SCOPE", "scope")
    assert count_accounts(graph) == 0


def test_unknown_scope_and_person_are_not_found(graph: Driver) -> None:
    scope = add(graph, "x", "planner", "NOWHERE")
    person = add(graph, "x", "grid_worker", "P1-G1", "NOBODY")
    assert isinstance(scope, ChangeError) and isinstance(person, ChangeError)
    assert (scope.code, scope.field) == ("NOT_FOUND", "scope")
    assert (person.code, person.field) == ("NOT_FOUND", "person")
    assert count_accounts(graph) == 0


def test_a_duplicate_id_is_refused_and_the_first_account_kept(graph: Driver) -> None:
    assert isinstance(add(graph, "same", "planner", "P1"), Account)
    again = add(graph, "same", "admin", None)
    assert isinstance(again, ChangeError) and again.code == "ALREADY_EXISTS"
    kept = get_account(graph, database="neo4j", account_id="same")
    assert kept is not None and kept.role == "planner"


@pytest.mark.parametrize(
    ("account_id", "role", "scope", "person", "field"),
    [
        ("x", "superuser", None, None, "role"),
        ("x", "planner", None, None, "scope"),
        ("x", "floor_chief", "12-1", None, "person"),
        ("x", "grid_worker", "P1-G1", None, "person"),
        ("", "admin", None, None, "id"),
        ("has space", "admin", None, None, "id"),
        ("-leading", "admin", None, None, "id"),
        ("x" * 65, "admin", None, None, "id"),
    ],
)
def test_bad_input_is_refused_before_touching_the_graph(
    graph: Driver, account_id: str, role: str, scope: str | None, person: str | None, field: str
) -> None:
    result = add(graph, account_id, role, scope, person)
    assert isinstance(result, ChangeError)
    assert (result.code, result.field) == ("BAD_USER_INPUT", field)
    assert result.message and result.message_zh


def test_the_account_id_constraint_is_created_on_demand(graph: Driver) -> None:
    add(graph, "root", "admin", None)
    records, _, _ = graph.execute_query(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties WHERE 'Account' IN labelsOrTypes "
        "RETURN properties"
    )
    assert [r["properties"] for r in records] == [["id"]]


def test_disable_is_recorded_and_idempotent(graph: Driver) -> None:
    add(graph, "grid", "grid_worker", "P1-G1", "W01")
    first = disable_account(graph, database="neo4j", account_id="grid", now=NOW)
    later = datetime(2026, 4, 1, tzinfo=UTC)
    again = disable_account(graph, database="neo4j", account_id="grid", now=later)
    assert isinstance(first, Account) and isinstance(again, Account)
    assert first.disabled and again.disabled
    assert again.disabled_at == NOW  # the first disable is the one remembered
    assert get_account(graph, database="neo4j", account_id="grid") == again
    missing = disable_account(graph, database="neo4j", account_id="nobody")
    assert isinstance(missing, ChangeError) and missing.code == "NOT_FOUND"


def test_lookups_sync_and_async_agree(
    graph: Driver, neo4j_target: Neo4jTarget, roster_graph: str
) -> None:
    add(graph, "chief", "floor_chief", "12-1", "R003")

    async def fetch(account_id: str) -> Account | None:
        async with neo4j_target.async_driver() as driver:
            return await account_by_id(
                GraphSession(driver, database="neo4j"), account_id=account_id
            )

    assert get_account(graph, database="neo4j", account_id="nobody") is None
    assert asyncio.run(fetch("nobody")) is None
    found = asyncio.run(fetch("chief"))
    assert found == get_account(graph, database="neo4j", account_id="chief")
    assert found is not None and (found.role, found.scope, found.person_id) == (
        "floor_chief",
        f"{roster_graph}/12-1",
        f"{roster_graph}/R003",
    )
    assert found.created_at == NOW
