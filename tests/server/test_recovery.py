"""Neo4j goes away and comes back: the service says SERVICE_UNAVAILABLE, then recovers alone."""

from __future__ import annotations

from pathlib import Path

from graph.store.connection import managed_target
from graph.store.local_server import LocalNeo4j, free_port
from server.app import create_app
from server.settings import Settings
from tests.conftest import shared_lib
from tests.support.gql import ADMIN, KEY, GraphQLClient, ensure_account, token_for

QUERY = "{ communities { code } health { neo4j { reachable } } }"


def test_service_recovers_when_neo4j_comes_back(tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    server = LocalNeo4j(home=tmp_path / "neo4j", lib=shared_lib(), port=free_port(), heap="512m")
    server.start()
    try:
        target = managed_target(server, env={})
        ensure_account(target, ADMIN, role="admin")
        with TestClient(create_app(target, Settings(), key=KEY)) as http:
            api = GraphQLClient(http, token_for(ADMIN))
            assert api.data(QUERY)["health"]["neo4j"]["reachable"] is True

            server.stop()
            assert http.get("/healthz").status_code == 503
            # The token's account cannot be read: 503, with the code, before GraphQL runs.
            down = http.post("/graphql", json={"query": QUERY}, headers=api.headers())
            assert down.status_code == 503
            assert [e["extensions"]["code"] for e in down.json()["errors"]] == [
                "SERVICE_UNAVAILABLE"
            ]

            server.start()
            assert http.get("/healthz").status_code == 200
            assert api.data(QUERY) == {"communities": [], "health": {"neo4j": {"reachable": True}}}
    finally:
        server.stop()
