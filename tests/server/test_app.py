"""The service over a real Neo4j: /healthz and the first GraphQL query."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from graph.store.connection import Neo4jTarget
from graph.store.local_server import free_port
from server.app import create_app
from server.cli import main
from server.tokens import EXAMPLE_KEY

HEALTH = "{ health { neo4j { version reachable } } }"


def test_healthz_and_health_query_answer_from_the_live_database(
    neo4j_target: Neo4jTarget,
) -> None:
    with TestClient(create_app(neo4j_target)) as client:
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json()["neo4j"]["version"].startswith("5.26.")
        body = client.post("/graphql", json={"query": HEALTH}).json()
    assert body == {
        "data": {
            "health": {"neo4j": {"version": response.json()["neo4j"]["version"], "reachable": True}}
        }
    }


def test_an_unreachable_neo4j_gives_503_not_a_crash() -> None:
    nowhere = Neo4jTarget(uri=f"bolt://127.0.0.1:{free_port()}", user="neo4j", password="x")
    with TestClient(create_app(nowhere)) as client:
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["neo4j"]["reachable"] is False
        body = client.post("/graphql", json={"query": HEALTH}).json()
    assert body["data"]["health"]["neo4j"]["reachable"] is False


def test_serving_off_loopback_without_a_key_is_refused_with_a_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{free_port()}")
    monkeypatch.delenv("LOUZHI_SECRET_KEY", raising=False)
    assert main(["serve", "--host", "0.0.0.0"]) == 2
    assert "LOUZHI_SECRET_KEY is not set" in capsys.readouterr().err
    monkeypatch.setenv("LOUZHI_SECRET_KEY", EXAMPLE_KEY)
    assert main(["serve", "--host", "0.0.0.0"]) == 2
    assert "example value" in capsys.readouterr().err
