from __future__ import annotations

import threading

from neo4j import Driver

from graph.store.bootstrap import CONSTRAINTS, INDEXES, SCHEMA_STATEMENTS, ensure_schema, pending
from graph.store.connection import Neo4jTarget


def names(driver: Driver, kind: str) -> set[str]:
    records, _, _ = driver.execute_query(f"SHOW {kind} YIELD name RETURN name")
    return {r["name"] for r in records}


def test_schema_bootstrap_is_idempotent(neo4j_driver: Driver, neo4j_target: Neo4jTarget) -> None:
    before = (names(neo4j_driver, "CONSTRAINTS"), names(neo4j_driver, "INDEXES"))
    ensure_schema(neo4j_driver, database=neo4j_target.database)
    ensure_schema(neo4j_driver, database=neo4j_target.database)
    after = (names(neo4j_driver, "CONSTRAINTS"), names(neo4j_driver, "INDEXES"))
    assert before == after
    declared = {s.split()[2] for s in CONSTRAINTS + INDEXES}
    assert declared <= after[1] | after[0]


def test_only_missing_rules_are_created() -> None:
    every = pending(set())
    assert every == list(SCHEMA_STATEMENTS)  # each statement names its rule
    assert pending({"area_code", "resident_id"}) == [
        s for s in SCHEMA_STATEMENTS if " area_code " not in s and " resident_id " not in s
    ]


def test_two_clients_bootstrapping_a_new_database_at_once_both_succeed(
    empty_graph: Driver, neo4j_target: Neo4jTarget
) -> None:
    for name in sorted(names(empty_graph, "CONSTRAINTS")):
        empty_graph.execute_query(f"DROP CONSTRAINT {name}")
    declared = {s.split()[2] for s in SCHEMA_STATEMENTS}
    for name in sorted(names(empty_graph, "INDEXES") & declared):
        empty_graph.execute_query(f"DROP INDEX {name}")
    errors: list[BaseException] = []

    def bootstrap() -> None:
        try:
            with neo4j_target.sync_driver() as driver:
                ensure_schema(driver, database=neo4j_target.database)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=bootstrap) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert declared <= names(empty_graph, "CONSTRAINTS") | names(empty_graph, "INDEXES")
