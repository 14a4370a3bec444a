"""How the API behaves: bounded queries per request, limits, error codes, the committed SDL."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.access.accounts import Principal
from graph.store.connection import Neo4jTarget
from graph.store.local_server import free_port
from schema.api import MAX_ALIASES, build_schema
from schema.context import Context
from seeds.rows import Roster
from server.app import create_app
from server.settings import Settings
from tests.support.gql import ADMIN, KEY, GraphQLClient, graphql_client, token_for

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def api(demo_graph: Roster, neo4j_target: Neo4jTarget) -> Iterator[GraphQLClient]:
    with graphql_client(neo4j_target, development=False) as client:
        yield client


def test_committed_sdl_matches_the_code() -> None:
    committed = (ROOT / "schema" / "schema.graphql").read_text()
    assert committed.strip() == build_schema().as_str().strip(), (
        "schema/schema.graphql is stale: run `louzhi schema > schema/schema.graphql`"
    )


DEEP = """query($first: Int) {
  area(code: "QS") { children { children { children {
      code roleHolders { role person { name roles { area { code } } } } } } } }
  residents(first: $first, filter: {minAge: 60}) { nodes {
      name household { members { name roles { area { code } } helpers { helper { name } } } }
      corridor { parent { code } } familyDoctor { name } visits { visitor { name } } } }
}"""


def count_queries(target: Neo4jTarget, query: str, variables: dict[str, Any]) -> int:
    async def run() -> int:
        driver = target.async_driver()
        try:
            admin = Principal("test-admin", "admin", None, None)
            context = Context(driver=driver, database=target.database, principal=admin)
            result = await build_schema().execute(query, variable_values=variables,
                                                  context_value=context)  # fmt: skip
            assert result.errors is None, result.errors
            return context.db.queries
        finally:
            await driver.close()

    return asyncio.run(run())


def test_a_deep_request_runs_a_bounded_number_of_queries(
    demo_graph: Roster, neo4j_target: Neo4jTarget
) -> None:
    # Both pages are large enough that every nested field has data to load (a tiny page may skip
    # a level, e.g. nobody with visits, which would run fewer queries, not more).
    few = count_queries(neo4j_target, DEEP, {"first": 30})
    many = count_queries(neo4j_target, DEEP, {"first": 100})
    # Loaders batch per event-loop turn, and which lookups share a turn depends on which of the
    # concurrent reads answers first: a level may take two batches one time, one the next (seen:
    # 17 to 20 either way). Growth with the results (N+1) would add dozens.
    assert many <= few + 3, f"queries grow with results: {few} for 30 residents, {many} for 100"
    assert many <= 25


ONE = """query($id: ID!) {
  resident(id: $id) { name household { members { name } } helpers { kind helper { name } } }
}"""


def test_a_resident_with_household_and_helpers_is_read_in_one_statement(
    demo_graph: Roster, neo4j_target: Neo4jTarget
) -> None:
    # The root field reads what its selection asks for next (schema/prefetch.py), so the
    # nested levels find their rows loaded: one statement, besides the caller's home and the
    # audit entry of the names read (four reads and the audit before).
    helped = max({h.resident_id for h in demo_graph.helpers},
                 key=lambda r: sum(h.resident_id == r for h in demo_graph.helpers))  # fmt: skip
    assert count_queries(neo4j_target, ONE, {"id": helped}) <= 3


def test_page_size_and_cursor_limits(api: GraphQLClient) -> None:
    assert api.error_codes("{ residents(first: 101) { totalCount } }") == ["BAD_USER_INPUT"]
    assert api.error_codes("{ residents(first: 0) { totalCount } }") == ["BAD_USER_INPUT"]
    assert api.error_codes('{ residents(after: "bm90LWEtY3Vyc29y") { totalCount } }') == [
        "BAD_USER_INPUT"
    ]
    data = api.data("{ residents { totalCount edges { cursor } } }")
    assert len(data["residents"]["edges"]) == 20  # the default page


def test_unknown_area_in_a_filter_is_not_found(api: GraphQLClient) -> None:
    assert api.error_codes('{ residents(filter: {area: "nowhere"}) { totalCount } }') == [
        "NOT_FOUND"
    ]
    assert api.error_codes("{ residents(filter: {minAge: 80, maxAge: 60}) { totalCount } }") == [
        "BAD_USER_INPUT"
    ]


def test_bad_requests_get_codes_not_stack_traces(api: GraphQLClient) -> None:
    assert api.error_codes("{ residents { nope } }") == ["GRAPHQL_VALIDATION_FAILED"]
    assert api.error_codes("{ residents(") == ["GRAPHQL_VALIDATION_FAILED"]
    body = api.raw('query($d: Date) { area(code: "x") { counts(asOf: $d) { residents } } }',
                   {"d": "2026-02-30"})  # fmt: skip
    assert [e["extensions"]["code"] for e in body["errors"]] == ["BAD_USER_INPUT"]
    assert "Traceback" not in str(body)
    response = api.http.post(
        "/graphql", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert 400 <= response.status_code < 500


def test_depth_alias_and_introspection_limits(api: GraphQLClient) -> None:
    nested = '{ area(code: "x") ' + "{ parent " * 14 + "{ code }" + " }" * 14 + " }"
    assert api.error_codes(nested) == ["GRAPHQL_VALIDATION_FAILED"]
    aliases = " ".join(f"a{i}: health {{ neo4j {{ reachable }} }}" for i in range(MAX_ALIASES + 1))
    assert api.error_codes("{ " + aliases + " }") == ["GRAPHQL_VALIDATION_FAILED"]
    assert set(api.error_codes("{ __schema { types { name } } }")) == {"GRAPHQL_VALIDATION_FAILED"}


def test_neo4j_down_is_service_unavailable_not_a_500() -> None:
    nowhere = Neo4jTarget(uri=f"bolt://127.0.0.1:{free_port()}", user="neo4j", password="x")
    with TestClient(create_app(nowhere, Settings(), key=KEY)) as http:
        # The token's account cannot be read: refused before GraphQL, with a code.
        signed = {"authorization": f"Bearer {token_for(ADMIN)}"}
        response = http.post("/graphql", json={"query": "{ viewer { role } }"}, headers=signed)
        assert response.status_code == 503
        [error] = response.json()["errors"]
        assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
        assert "Traceback" not in response.text and "bolt://" not in response.text
        health = http.post("/graphql", json={"query": "{ health { neo4j { reachable } } }"})
    assert health.status_code == 200
    assert health.json() == {"data": {"health": {"neo4j": {"reachable": False}}}}
