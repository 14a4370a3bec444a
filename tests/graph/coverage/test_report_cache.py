"""Reports are kept per data version: the same question on an unchanged graph is answered
without reading and analysing the scope again, an audited read does not change it, and any
write of data makes the next answer fresh."""

from __future__ import annotations

from neo4j import Driver

from graph.coverage.report_cache import reports
from graph.store.connection import Neo4jTarget
from graph.store.data_version import BUMP
from seeds.rows import Roster
from tests.support.gql import graphql_client

GAPS = """query($s: ID, $after: String) { coverageGaps(scope: $s, asOf: "2026-11-01") {
    underSupported(first: 5, after: $after) { totalCount nodes { residentId }
                                              pageInfo { endCursor } } } }"""


def under(body: dict) -> dict:  # type: ignore[type-arg]
    return body["coverageGaps"]["underSupported"]


def test_a_report_is_made_once_per_data_version(
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

        # An audited read (names) writes to the audit log, not to the data: still one analysis.
        entries = audit_count(neo4j_driver)
        named = api.data(NAMED)["coverageGaps"]["vulnerableElders"]["nodes"]
        api.data(NAMED)
        assert audit_count(neo4j_driver) == entries + 2
        assert reports.computed == made + 1

        # A write through Louzhi is a new version: made again, and seen.
        helper = next(h["personId"] for e in named for h in e["helpers"] if h["personId"])
        api.data(SET_CAPACITY, {"p": helper})
        overloaded = api.data(OVERLOADED)["coverageGaps"]["overloadedHelpers"]["nodes"]
        assert reports.computed == made + 2
        assert helper in {o["personId"] for o in overloaded}

        # A write from outside Louzhi is seen once it moves the version, as documented.
        gone = first["nodes"][0]["residentId"]
        neo4j_driver.execute_query(
            "MATCH (p:Person {id: $id}) SET p.leftOn = date('2026-10-01')", id=f"QS/{gone}"
        )
        neo4j_driver.execute_query(BUMP)
        fresh = under(api.data(GAPS, {"s": None}))
        assert reports.computed == made + 3
        assert fresh["totalCount"] == first["totalCount"] - 1
        assert gone not in {n["residentId"] for n in fresh["nodes"]}


NAMED = """{ coverageGaps(asOf: "2026-11-01") { vulnerableElders(first: 20) {
    nodes { residentId name helpers { personId } } } } }"""
SET_CAPACITY = """mutation($p: ID!) { setCapacity(personId: $p, capacity: 0) {
    __typename } }"""
OVERLOADED = """{ coverageGaps(asOf: "2026-11-01") { overloadedHelpers(first: 100) {
    nodes { personId } } } }"""


def audit_count(driver: Driver) -> int:
    records, _, _ = driver.execute_query("MATCH (e:AuditEntry) RETURN count(e) AS n")
    return int(records[0]["n"])
