"""Talking GraphQL to the real ASGI app in tests, signed in as an account of the test graph."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from starlette.testclient import TestClient

from graph.access import account_changes
from graph.access.accounts import Account
from graph.errors import ChangeError
from graph.store.connection import Neo4jTarget
from seeds.demo_accounts import demo_accounts
from seeds.rows import Roster
from server.app import create_app
from server.settings import Settings
from server.tokens import issue_token
from tests.conftest import DEMO_TODAY

KEY = b"test-signing-key-of-the-suite-0123456789"
ADMIN = "test-admin"


def ensure_account(
    target: Neo4jTarget,
    account_id: str,
    *,
    role: str,
    scope: str | None = None,
    person_id: str | None = None,
) -> Account:
    """The account, created if the graph (wiped between modules) does not hold it yet."""
    with target.sync_driver() as driver:
        made = account_changes.ensure_account(
            driver,
            database=target.database,
            account_id=account_id,
            role=role,
            scope=scope,
            person_id=person_id,
        )
    assert not isinstance(made, ChangeError), made
    return made


def token_for(account_id: str, *, key: bytes = KEY, ttl: timedelta = timedelta(hours=1)) -> str:
    return issue_token(account_id=account_id, key=key, ttl=ttl, now=datetime.now(UTC))


class GraphQLClient:
    def __init__(self, http: TestClient, token: str | None = None, language: str = "") -> None:
        self.http = http
        self.token = token
        self.language = language  # Accept-Language of its requests ("": none sent)

    def headers(self) -> dict[str, str]:
        out = {"authorization": f"Bearer {self.token}"} if self.token else {}
        return out | ({"accept-language": self.language} if self.language else {})

    def raw(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = self.http.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers=self.headers(),
        )
        assert response.status_code < 500, response.text
        return response.json()

    def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = self.raw(query, variables)
        assert "errors" not in body, body["errors"]
        return body["data"]

    def error_codes(self, query: str, variables: dict[str, Any] | None = None) -> list[str]:
        body = self.raw(query, variables)
        return [e["extensions"]["code"] for e in body.get("errors", [])]

    def as_account(self, account_id: str | None) -> GraphQLClient:
        """The same app, signed in as another account (None: anonymous)."""
        return GraphQLClient(
            self.http, token_for(account_id) if account_id else None, self.language
        )

    def in_language(self, accept_language: str) -> GraphQLClient:
        """The same client, asking for ``accept_language`` (an Accept-Language header)."""
        return GraphQLClient(self.http, self.token, accept_language)


@contextmanager
def graphql_client(
    target: Neo4jTarget, *, development: bool = True, account: str | None = ADMIN
) -> Iterator[GraphQLClient]:
    """A client of the app; signed in as the suite's admin unless ``account`` says otherwise
    (which must exist; None: anonymous)."""
    if account == ADMIN:
        ensure_account(target, ADMIN, role="admin")
    app = create_app(target, Settings(development=development), key=KEY)
    with TestClient(app) as http:
        yield GraphQLClient(http, token_for(account) if account else None)


@contextmanager
def demo_accounts_client(roster: Roster, target: Neo4jTarget) -> Iterator[GraphQLClient]:
    """A client of the app over a loaded demo ``roster``, with its demo accounts (one per role:
    ``client.as_account("demo-committee")``), signed in as the suite's admin."""
    for spec in demo_accounts(roster, today=DEMO_TODAY):
        ensure_account(target, spec.account_id, role=spec.role, scope=spec.scope,
                       person_id=spec.person_id)  # fmt: skip
    with graphql_client(target) as client:
        yield client


def floor_chief_corridor(roster: Roster) -> str:
    """The corridor the demo floor chief's account is scoped to, as the API shows it."""
    [spec] = [s for s in demo_accounts(roster, today=DEMO_TODAY) if s.role == "floor_chief"]
    assert spec.scope is not None
    return spec.scope.split("/", 1)[1]
