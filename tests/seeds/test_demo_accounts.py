"""The demo accounts: found in the demo roster, created once, their tokens accepted by the API."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import asdict
from datetime import UTC, datetime

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from graph.access.account_changes import disable_account
from graph.access.accounts import ACCOUNT_ROLES, list_accounts
from graph.identity import ref
from graph.store.connection import Neo4jTarget
from seeds.demo_accounts import create_demo_accounts, demo_accounts
from seeds.rows import Roster
from server.auth import AuthenticationMiddleware
from server.cli import demo_tokens
from tests.conftest import DEMO_TODAY

KEY = b"demo-accounts-test-key-0123456789abcdef"
NOW = datetime.now(UTC)


def test_one_account_per_role_bound_to_the_roster_people(demo_graph: Roster) -> None:
    resolved = {a.role: a for a in demo_accounts(demo_graph, today=DEMO_TODAY)}
    assert set(resolved) == set(ACCOUNT_ROLES)
    assert (resolved["admin"].scope, resolved["admin"].person_id) == (None, None)
    assert resolved["committee"].scope == demo_graph.community
    assert resolved["planner"].person_id is None
    active = {
        (r.role, r.scope): ref(demo_graph.community, r.person_id)
        for r in demo_graph.roles
        if r.since <= DEMO_TODAY and (r.until is None or r.until >= DEMO_TODAY)
    }
    assert resolved["grid_worker"].scope == ref(demo_graph.community, "QS-MG1")
    assert resolved["grid_worker"].person_id == active[("grid_worker", "QS-MG1")]
    assert resolved["floor_chief"].person_id == active[("first_floor_chief", "QS-B01-C1")]


def test_created_once_and_their_tokens_are_accepted(
    demo_graph: Roster, neo4j_target: Neo4jTarget
) -> None:
    made = create_demo_accounts(neo4j_target, demo_graph, today=DEMO_TODAY, now=NOW)
    again = create_demo_accounts(neo4j_target, demo_graph, today=DEMO_TODAY, now=NOW)
    assert made == again
    tokens = demo_tokens(made, key=KEY, now=NOW)
    assert set(tokens) == {a.account_id for a in demo_accounts(demo_graph)}
    with neo4j_target.sync_driver() as driver:
        assert len(list_accounts(driver, database="neo4j")) == len(ACCOUNT_ROLES)

    async def whoami(request: Request) -> JSONResponse:
        return JSONResponse(asdict(request.state.principal))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with neo4j_target.async_driver() as driver:
            app.state.driver, app.state.target = driver, neo4j_target
            yield

    app = Starlette(
        routes=[Route("/", whoami)],
        middleware=[Middleware(AuthenticationMiddleware, key=KEY)],
        lifespan=lifespan,
    )
    with TestClient(app) as client:
        roles = {
            account_id: client.get("/", headers={"Authorization": f"Bearer {token}"}).json()
            for account_id, token in tokens.items()
        }
    assert roles["demo-floor-chief"]["scope"] == "QS/QS-B01-C1"  # accounts hold references
    assert {p["role"] for p in roles.values()} == set(ACCOUNT_ROLES)

    with neo4j_target.sync_driver() as driver:
        disable_account(driver, database="neo4j", account_id="demo-planner")
    after = create_demo_accounts(neo4j_target, demo_graph, today=DEMO_TODAY, now=NOW)
    assert "demo-planner" not in {a.id for a in after}
