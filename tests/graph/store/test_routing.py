"""``neo4j://`` (routing, as with a cluster or Aura) against the managed server: the driver asks
the server for its routing table and sends reads and writes where it says; loads and the API
work through it unchanged."""

from __future__ import annotations

from dataclasses import replace

from neo4j import Driver

from graph.store.connection import Neo4jTarget
from seeds.demo.street import street
from seeds.load import load_roster
from tests.conftest import DEMO_TODAY
from tests.support.gql import graphql_client

ROUTES = "CALL dbms.routing.getRoutingTable({}, 'neo4j') YIELD servers RETURN servers"


def test_loads_and_the_api_work_through_a_routing_uri(
    empty_graph: Driver, neo4j_target: Neo4jTarget
) -> None:
    assert neo4j_target.uri.startswith("bolt://")
    routed = replace(neo4j_target, uri=neo4j_target.uri.replace("bolt://", "neo4j://", 1))
    with routed.sync_driver() as driver:
        servers = driver.execute_query(ROUTES).records[0]["servers"]
    assert {s["role"] for s in servers} == {"WRITE", "READ", "ROUTE"}

    (roster,) = street(communities=1, seed=9, today=DEMO_TODAY, sizes=[60])
    first = load_roster(routed, roster, today=DEMO_TODAY)
    again = load_roster(routed, roster, today=DEMO_TODAY)
    assert first.plan.created > 0 and (again.plan.created, again.plan.changed) == (0, 0)
    with graphql_client(routed) as api:
        body = api.data("{ communities { code name } viewer { scope } }")
    assert body["communities"] == [{"code": roster.community, "name": roster.where.community_name}]
