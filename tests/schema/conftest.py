"""Fixtures of the access tests (``test_access_*``): one world for all of them, one client each.

The world (:mod:`tests.schema.access_world`) is built once for the package, not per module: the
access modules share it in the order of their numbers, and the last one reads the audit log of
what the others did. It loads the demo itself, since the module-scoped ``demo_graph`` wipes the
graph for each module that asks for it (the other community, the accounts and the audit log
with it); the other modules of this folder keep using ``demo_graph``, after the access modules.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from neo4j import Driver

from graph.store.connection import Neo4jTarget
from seeds.demo import generate
from seeds.load import load_roster
from tests.conftest import DEMO_TODAY
from tests.schema.access_world import World, build_world
from tests.support.gql import GraphQLClient, graphql_client


@pytest.fixture(scope="package")
def world(neo4j_driver: Driver, neo4j_target: Neo4jTarget) -> World:
    """The demo community (seed 1), its demo accounts and the other community, built once."""
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_target.database)
    roster = generate(seed=1, today=DEMO_TODAY)
    load_roster(neo4j_target, roster, today=DEMO_TODAY)
    return build_world(roster, neo4j_target)


@pytest.fixture(scope="module")
def app(world: World, neo4j_target: Neo4jTarget) -> Iterator[GraphQLClient]:
    """The production app (introspection off) over the world; each account via ``as_role``."""
    with graphql_client(neo4j_target, development=False) as client:
        yield client
