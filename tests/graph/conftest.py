"""The graph layer speaks references (``QS/B01-C1``): its tests get the demo roster as the graph
keys it, loaded from the roster as a clerk writes it."""

from __future__ import annotations

import pytest
from neo4j import Driver

from graph.store.connection import Neo4jTarget
from seeds.demo import generate
from seeds.load import load_roster
from seeds.rows import Roster
from tests.conftest import DEMO_TODAY
from tests.support.refs import as_refs


@pytest.fixture(scope="module")
def demo_graph(neo4j_driver: Driver, neo4j_target: Neo4jTarget) -> Roster:
    """The demo community (seed 1), loaded fresh for the module; its codes as references."""
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_target.database)
    roster = generate(seed=1, today=DEMO_TODAY)
    load_roster(neo4j_target, roster, today=DEMO_TODAY)
    return as_refs(roster)
