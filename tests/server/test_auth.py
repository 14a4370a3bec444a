"""The guards in front of the API, over a tiny Starlette app and accounts in the real Neo4j."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import asdict
from datetime import UTC, datetime, timedelta

import pytest
from neo4j import Driver
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from graph.access.account_changes import add_account, disable_account
from graph.access.accounts import Account
from graph.store.connection import Neo4jTarget
from graph.store.local_server import free_port
from server.auth import (
    BodySizeLimitMiddleware,
    Principal,
    cors_origins,
    principal_of,
    security_middleware,
)
from server.tokens import issue_token

KEY = b"test-signing-key-of-at-least-32-bytes!"
NOW = datetime.now(UTC)
SETUP = """
    CREATE (c:Area:Community {code: 'T-C', level: 'community'}),
           (k:Area:Corridor {code: 'T-K1', level: 'corridor'})-[:PART_OF]->(c),
           (p:Person {id: 'T-P1', name: 'only in the graph'})
    // A floor-chief account stands for the role: its person holds it.
    CREATE (p)-[:SERVES {role: 'first_floor_chief', since: date('2020-01-01')}]->(k)"""


async def whoami(request: Request) -> JSONResponse:
    principal = request.state.principal
    assert principal == principal_of(request)
    return JSONResponse(None if principal is None else asdict(principal))


async def echo(request: Request) -> JSONResponse:
    return JSONResponse({"bytes": len(await request.body())})


def tiny_app(target: Neo4jTarget, env: Mapping[str, str] | None = None) -> Starlette:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.driver = target.async_driver(max_transaction_retry_time=0.5)
        app.state.target = target
        yield
        await app.state.driver.close()

    return Starlette(
        routes=[Route("/whoami", whoami), Route("/echo", echo, methods=["POST"])],
        middleware=security_middleware(key=KEY, env=env or {}, max_bytes=1000),
        lifespan=lifespan,
    )


@pytest.fixture(scope="module")
def accounts(neo4j_driver: Driver, neo4j_target: Neo4jTarget) -> dict[str, Account]:
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    neo4j_driver.execute_query(SETUP)
    made = {}
    for account_id, role, scope, person in (
        ("chief", "floor_chief", "T-K1", "T-P1"),
        ("gone", "planner", "T-C", None),
    ):
        result = add_account(
            neo4j_driver,
            database="neo4j",
            account_id=account_id,
            role=role,
            scope=scope,
            person_id=person,
        )
        assert isinstance(result, Account)
        made[account_id] = result
    disable_account(neo4j_driver, database="neo4j", account_id="gone")
    return made


@pytest.fixture(scope="module")
def client(accounts: dict[str, Account], neo4j_target: Neo4jTarget) -> Iterator[TestClient]:
    with TestClient(tiny_app(neo4j_target)) as c:
        yield c


def bearer(account_id: str, *, now: datetime = NOW, key: bytes = KEY) -> dict[str, str]:
    token = issue_token(account_id=account_id, key=key, ttl=timedelta(hours=1), now=now)
    return {"Authorization": f"Bearer {token}"}


def assert_unauthenticated(response: object) -> None:
    assert response.status_code == 401  # type: ignore[attr-defined]
    assert response.headers["www-authenticate"].startswith("Bearer")  # type: ignore[attr-defined]
    (error,) = response.json()["errors"]  # type: ignore[attr-defined]
    assert error["extensions"] == {"code": "UNAUTHENTICATED"}
    assert error["message"]


def test_no_token_is_anonymous(client: TestClient) -> None:
    response = client.get("/whoami")
    assert response.status_code == 200
    assert response.json() is None


def test_a_valid_token_gives_the_principal_from_the_account(client: TestClient) -> None:
    response = client.get("/whoami", headers=bearer("chief"))
    assert response.status_code == 200
    assert response.json() == asdict(Principal("chief", "floor_chief", "T-K1", "T-P1"))


def test_an_expired_token_is_refused(client: TestClient) -> None:
    response = client.get("/whoami", headers=bearer("chief", now=NOW - timedelta(hours=2)))
    assert_unauthenticated(response)
    assert "expired" in response.json()["errors"][0]["message"]


def test_a_tampered_token_is_refused(client: TestClient) -> None:
    header = bearer("chief")["Authorization"]
    assert_unauthenticated(client.get("/whoami", headers={"Authorization": header[:-2] + "xx"}))
    assert_unauthenticated(client.get("/whoami", headers=bearer("chief", key=b"z" * 40)))


@pytest.mark.parametrize("value", ["Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "token-only"])
def test_a_malformed_authorization_header_is_refused(client: TestClient, value: str) -> None:
    assert_unauthenticated(client.get("/whoami", headers={"Authorization": value}))


def test_disabled_and_unknown_accounts_are_refused(client: TestClient) -> None:
    assert_unauthenticated(client.get("/whoami", headers=bearer("gone")))
    assert_unauthenticated(client.get("/whoami", headers=bearer("never-created")))


def test_the_principal_cannot_be_injected_by_the_client(client: TestClient) -> None:
    response = client.get("/whoami", headers={"X-Principal": "admin", "State": "principal"})
    assert response.json() is None


def test_bodies_over_the_limit_are_refused_with_413(client: TestClient) -> None:
    assert client.post("/echo", content=b"x" * 1000).json() == {"bytes": 1000}
    declared = client.post("/echo", content=b"x" * 1001)
    assert declared.status_code == 413
    assert declared.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while it streams in
        yield from [b"y" * 600, b"y" * 600]

    streamed = client.post("/echo", content=chunks())
    assert streamed.status_code == 413


def test_the_limit_holds_when_wrapped_around_a_whole_app() -> None:
    """Outside Starlette's error middleware, which answers 500 first: the client hears 413."""
    app = BodySizeLimitMiddleware(
        Starlette(routes=[Route("/echo", echo, methods=["POST"])]), max_bytes=10
    )
    with TestClient(app) as c:
        assert c.post("/echo", content=iter([b"12345", b"12345"])).json() == {"bytes": 10}
        streamed = c.post("/echo", content=iter([b"12345", b"123456"]))
    assert streamed.status_code == 413
    assert streamed.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


def test_a_lying_content_length_is_refused(client: TestClient) -> None:
    response = client.post("/echo", content=b"{}", headers={"Content-Length": "abc"})
    assert response.status_code == 400


def test_an_unreachable_neo4j_gives_503_for_a_token(accounts: dict[str, Account]) -> None:
    nowhere = Neo4jTarget(uri=f"bolt://127.0.0.1:{free_port()}", user="neo4j", password="x")
    with TestClient(tiny_app(nowhere)) as c:
        assert c.get("/whoami").json() is None  # anonymous needs no graph
        response = c.get("/whoami", headers=bearer("chief"))
    assert response.status_code == 503
    assert response.json()["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"


def test_cors_only_for_configured_origins(neo4j_target: Neo4jTarget) -> None:
    env = {"LOUZHI_CORS_ORIGINS": "https://louzhi.example, http://localhost:5173/"}
    with TestClient(tiny_app(neo4j_target, env)) as c:
        allowed = c.get("/whoami", headers={"Origin": "https://louzhi.example"})
        other = c.get("/whoami", headers={"Origin": "https://evil.example"})
        preflight = c.options(
            "/whoami",
            headers={
                "Origin": "http://localhost:5173",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        refused = c.get(
            "/whoami", headers={"Origin": "https://louzhi.example", "Authorization": "Bearer x"}
        )
    assert allowed.headers["access-control-allow-origin"] == "https://louzhi.example"
    assert "access-control-allow-origin" not in other.headers
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "http://localhost:5173"
    # A 401 still carries CORS headers, so the browser can show the reason.
    assert refused.status_code == 401
    assert refused.headers["access-control-allow-origin"] == "https://louzhi.example"


def test_no_cors_headers_when_no_origin_is_configured(client: TestClient) -> None:
    response = client.get("/whoami", headers={"Origin": "https://louzhi.example"})
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize(
    "value", ["*", "louzhi.example", "https://louzhi.example/path", "ftp://x.example"]
)
def test_wildcards_and_malformed_origins_are_refused(value: str) -> None:
    with pytest.raises(ValueError, match="LOUZHI_CORS_ORIGINS"):
        cors_origins({"LOUZHI_CORS_ORIGINS": value})


def test_origins_are_trimmed() -> None:
    env = {"LOUZHI_CORS_ORIGINS": " https://a.example/ ,, http://b.example:8080 "}
    assert cors_origins(env) == ["https://a.example", "http://b.example:8080"]
    assert cors_origins({}) == []
