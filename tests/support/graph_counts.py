"""Counting what a graph holds, for tests that compare a roster with the graph it became."""

from __future__ import annotations

from neo4j import Driver

COUNT_LABELS = """
    CALL db.labels() YIELD label
    CALL (label) { MATCH (n) WHERE label IN labels(n) RETURN count(n) AS n }
    RETURN label, n"""
COUNT_TYPES = """
    CALL db.relationshipTypes() YIELD relationshipType AS type
    CALL (type) { MATCH ()-[r]->() WHERE type(r) = type RETURN count(r) AS n }
    RETURN type, n"""
FINGERPRINT = """
    MATCH (n) WITH n ORDER BY elementId(n)
    RETURN collect([labels(n), properties(n)]) AS nodes"""
REL_FINGERPRINT = """
    MATCH (a)-[r]->(b) WITH a, r, b ORDER BY elementId(r)
    RETURN collect([elementId(a), type(r), properties(r), elementId(b)]) AS rels"""


BOOKKEEPING = {"DataVersion"}  # graph/store/data_version.py: not part of the model


def label_counts(driver: Driver) -> dict[str, int]:
    """Nodes per label of the model."""
    records, _, _ = driver.execute_query(COUNT_LABELS)
    return {r["label"]: r["n"] for r in records if r["n"] and r["label"] not in BOOKKEEPING}


def type_counts(driver: Driver) -> dict[str, int]:
    records, _, _ = driver.execute_query(COUNT_TYPES)
    return {r["type"]: r["n"] for r in records if r["n"]}


def snapshot(driver: Driver) -> tuple[object, object]:
    """Everything in the graph, for asserting that a failed load changed nothing at all."""
    nodes, _, _ = driver.execute_query(FINGERPRINT)
    rels, _, _ = driver.execute_query(REL_FINGERPRINT)
    return nodes[0]["nodes"], rels[0]["rels"]
