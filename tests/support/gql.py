"""Talking GraphQL to the real ASGI app in tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from starlette.testclient import TestClient

from graph.connection import Neo4jTarget
from server.app import create_app
from server.settings import Settings


class GraphQLClient:
    def __init__(self, http: TestClient) -> None:
        self.http = http

    def raw(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = self.http.post("/graphql", json={"query": query, "variables": variables or {}})
        assert response.status_code < 500, response.text
        return response.json()

    def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = self.raw(query, variables)
        assert "errors" not in body, body["errors"]
        return body["data"]

    def error_codes(self, query: str, variables: dict[str, Any] | None = None) -> list[str]:
        body = self.raw(query, variables)
        return [e["extensions"]["code"] for e in body.get("errors", [])]


@contextmanager
def graphql_client(target: Neo4jTarget, *, development: bool = True) -> Iterator[GraphQLClient]:
    with TestClient(create_app(target, Settings(development=development))) as http:
        yield GraphQLClient(http)
