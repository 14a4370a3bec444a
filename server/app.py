"""The Starlette application: one async Neo4j driver for its lifetime, /graphql, /healthz.

Requests pass CORS, the body size limit and bearer-token authentication (server/auth.py) before
they reach GraphQL, whose context carries the caller (``Principal``) to the resolvers and, as a
scope, to every Cypher read (graph/access/scope.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from cross_web import HTTPException
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from graph.access.account_reader import AccountReader
from graph.access.audit_writer import AuditWriter
from graph.access.session import CausalDriver, GraphSession, parse_bookmarks
from graph.coverage import offload
from graph.errors import BadBookmark, GraphUnavailable
from graph.messages import language_of
from graph.store.bootstrap import ensure_schema_until_ready
from graph.store.connection import Neo4jTarget, resolve_target
from graph.store.health import probe
from schema.api import build_schema
from schema.bookmarks import BOOKMARK_HEADER
from schema.context import Context
from server.auth import (
    cors_origins,
    data_version_of_request,
    home_of_request,
    principal_of,
    security_middleware,
)
from server.photos import photo_routes
from server.settings import Settings
from server.signin import auth_routes
from server.tokens import is_loopback, issue_token, signing_key
from server.web import web_routes

log = logging.getLogger("louzhi.server")


def _strings_are_utf8(value: object) -> bool:
    """False when a string holds a lone surrogate (valid JSON escape, not encodable text)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return False
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


class LouzhiGraphQL(GraphQL[Context, None]):
    def encode_json(self, data: object) -> bytes:
        """UTF-8 as it is: escaping every Chinese character (``\\u738b``) made answers a quarter
        larger, and JSON is UTF-8 by definition (RFC 8259)."""
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")

    def decode_json(self, data: str | bytes) -> object:
        """Refuse with 400 what strawberry would otherwise fail on with a 500."""
        try:
            value = json.loads(data.decode("utf-8") if isinstance(data, bytes) else data)
        except (UnicodeDecodeError, RecursionError, ValueError) as exc:
            raise HTTPException(400, "The request body is not valid UTF-8 JSON.") from exc
        if not isinstance(value, dict | list):
            raise HTTPException(400, "The request body must be a JSON object.")
        if not _strings_are_utf8(value):
            raise HTTPException(400, "The request holds text that is not valid Unicode.")
        return value

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        state = request.app.state
        try:
            bookmarks = parse_bookmarks(request.headers.get(BOOKMARK_HEADER))
            driver = CausalDriver(state.driver, bookmarks)
            if bookmarks:
                await driver.wait(database=state.target.database)
        except BadBookmark as exc:
            raise HTTPException(400, str(exc)) from exc
        except GraphUnavailable:
            pass  # the request's own reads will say so, with a code
        # The data version read with the account serves a plain HTTP request; a request that
        # follows bookmarks reads it again after them, and a WebSocket outlives it.
        plain = isinstance(request, Request) and not bookmarks
        return Context(
            driver=driver,
            database=state.target.database,
            principal=principal_of(request),
            home=home_of_request(request),
            data_version=data_version_of_request(request) if plain else None,
            audit_writer=getattr(state, "audit_writer", None),
            response=response,
            target=state.target,
            sign_token=state.sign_token,
            origin=f"{request.url.scheme}://{request.headers.get('host', request.url.netloc)}",
            language=language_of(request.headers.get("accept-language")),
        )


async def healthz(request: Request) -> JSONResponse:
    target: Neo4jTarget = request.app.state.target
    found = await probe(request.app.state.driver, database=target.database)
    body: dict[str, Any] = {
        "status": "ok" if found.reachable else "unavailable",
        "neo4j": {"reachable": found.reachable, "version": found.version},
    }
    return JSONResponse(body, status_code=200 if found.reachable else 503)


def signer(key: bytes) -> Callable[[str, timedelta, str], str]:
    """How the administrator's API signs a program's named token (the key stays here)."""

    def sign(account_id: str, ttl: timedelta, token_id: str) -> str:
        now = datetime.now(UTC)
        return issue_token(account_id=account_id, key=key, ttl=ttl, now=now, token_id=token_id)

    return sign


def create_app(
    target: Neo4jTarget, settings: Settings | None = None, *, key: bytes | None = None
) -> Starlette:
    """The service. ``key`` signs and checks tokens; by default the configured one
    (``LOUZHI_SECRET_KEY``; on loopback, generated once), refused when unsafe for the host."""
    settings = settings or Settings()
    key = key or signing_key(os.environ, host=settings.host)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Short retries: a request waits a few seconds for Neo4j, then hears SERVICE_UNAVAILABLE.
        driver = target.async_driver(max_transaction_retry_time=3.0, connection_timeout=3.0)
        app.state.driver = driver
        app.state.audit_writer = AuditWriter(GraphSession(driver, database=target.database))
        app.state.account_reader = AccountReader(GraphSession(driver, database=target.database))
        app.state.target = target
        app.state.loopback = is_loopback(settings.host)
        app.state.sign_token = signer(key)
        app.state.origins = frozenset(cors_origins(os.environ))
        bootstrap = asyncio.create_task(ensure_schema_until_ready(driver, database=target.database))
        try:
            yield
        finally:
            bootstrap.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await bootstrap
            await driver.close()
            await asyncio.to_thread(offload.shutdown)

    graphql = LouzhiGraphQL(
        build_schema(development=settings.development, compiled=settings.compiled_reads),
        graphql_ide="graphiql" if settings.development else None,
    )
    return Starlette(
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            *auth_routes(),
            *photo_routes(),
            *web_routes(),  # last: the page is mounted at "/"
        ],
        middleware=security_middleware(key=key),
        lifespan=lifespan,
    )


def app_from_env() -> Starlette:
    """The service as configured by the environment: what each of ``louzhi serve --workers N``
    processes runs."""
    return create_app(resolve_target(), Settings.from_env())
