"""Neo4j goes away and comes back: the service says SERVICE_UNAVAILABLE, then recovers alone."""

from __future__ import annotations

from pathlib import Path

from graph.connection import managed_target
from graph.local_server import LocalNeo4j, free_port
from server.app import create_app
from server.settings import Settings
from tests.conftest import shared_lib
from tests.support.gql import GraphQLClient

QUERY = "{ communities { code } health { neo4j { reachable } } }"


def test_service_recovers_when_neo4j_comes_back(tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    server = LocalNeo4j(home=tmp_path / "neo4j", lib=shared_lib(), port=free_port(), heap="512m")
    server.start()
    try:
        with TestClient(create_app(managed_target(server, env={}), Settings())) as http:
            api = GraphQLClient(http)
            assert api.data(QUERY)["health"]["neo4j"]["reachable"] is True

            server.stop()
            assert http.get("/healthz").status_code == 503
            down = api.raw(QUERY)
            assert [e["extensions"]["code"] for e in down["errors"]] == ["SERVICE_UNAVAILABLE"]

            server.start()
            assert http.get("/healthz").status_code == 200
            assert api.data(QUERY) == {"communities": [], "health": {"neo4j": {"reachable": True}}}
    finally:
        server.stop()
