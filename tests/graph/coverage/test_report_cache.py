"""Reports are kept per graph version: the same question on an unchanged graph is answered
without reading and analysing the scope again, and any write makes the next answer fresh."""

from __future__ import annotations

from neo4j import Driver

from graph.coverage.report_cache import reports
from graph.store.connection import Neo4jTarget
from seeds.rows import Roster
from tests.support.gql import graphql_client

GAPS = """query($s: ID, $after: String) { coverageGaps(scope: $s, asOf: "2026-11-01") {
    underSupported(first: 5, after: $after) { totalCount nodes { residentId }
                                              pageInfo { endCursor } } } }"""


def under(body: dict) -> dict:  # type: ignore[type-arg]
    return body["coverageGaps"]["underSupported"]


def test_a_report_is_made_once_per_graph_version(
    demo_graph: Roster, neo4j_target: Neo4jTarget, neo4j_driver: Driver
) -> None:
    reports.clear()
    with graphql_client(neo4j_target) as api:
        made = reports.computed
        first = under(api.data(GAPS, {"s": None}))
        cursor = first["pageInfo"]["endCursor"]
        page_two = under(api.data(GAPS, {"s": None, "after": cursor}))
        again = under(api.data(GAPS, {"s": None}))
        assert again == first and page_two["totalCount"] == first["totalCount"]
        assert reports.computed == made + 1  # three answers, one analysis
        assert first["totalCount"] > 1

        # A write anywhere, even one from outside Louzhi, is a new graph: made again, and seen.
        gone = first["nodes"][0]["residentId"]
        neo4j_driver.execute_query(
            "MATCH (p:Person {id: $id}) SET p.leftOn = date('2026-10-01')", id=f"QS/{gone}"
        )
        fresh = under(api.data(GAPS, {"s": None}))
        assert reports.computed == made + 2
        assert fresh["totalCount"] == first["totalCount"] - 1
        assert gone not in {n["residentId"] for n in fresh["nodes"]}
