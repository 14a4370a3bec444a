from __future__ import annotations

from neo4j import Driver

from graph.store.bootstrap import CONSTRAINTS, INDEXES, ensure_schema
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
