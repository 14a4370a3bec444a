"""Who is asking, and the guards in front of the API: session cookies and bearer tokens, body
size, CORS.

Three pure ASGI middlewares, outermost first (:func:`security_middleware` builds them in this
order)::

    CORS (only LOUZHI_CORS_ORIGINS)  →  BodySizeLimit (413)  →  Authentication (401)  →  app

CORS is outermost so that a preflight is answered without a token and a 401 still carries the
CORS headers the browser needs to show it. :class:`AuthenticationMiddleware` sets
``request.state.principal``: a :class:`Principal` for a valid token of an enabled account, or
for the live session of the ``louzhi_session`` cookie (server/signin.py; looked up for
``/graphql`` and ``/auth/`` only), ``None`` when neither was sent (what anonymous requests may
do is decided by the schema). A cookie-signed request that may change something must come from
the service's own origin (403 ``CROSS_SITE_REQUEST``); an account with an initial password gets
403 ``PASSWORD_CHANGE_REQUIRED`` from ``/graphql`` until it has changed it. A token that is
present but bad, expired, revoked, of an unknown or a disabled account is refused here with
401 and ``extensions.code`` ``UNAUTHENTICATED``. Nothing about the token or the person is
logged.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.access.accounts import Account, Principal, account_by_id
from graph.access.session import GraphSession
from graph.access.sessions import session_of
from graph.errors import GraphUnavailable
from graph.governance.photos import max_photo_bytes, too_large
from graph.identity import Home
from server.signin import COOKIE, same_origin
from server.tokens import TokenError, verify_token

__all__ = [
    "AuthenticationMiddleware",
    "BodySizeLimitMiddleware",
    "Principal",
    "cors_middleware",
    "error_body",
    "principal_of",
    "security_middleware",
    "worded_error_body",
]

log = logging.getLogger("louzhi.server")

MAX_BODY_BYTES = 1024 * 1024
# Without a token only `health` answers, and it needs a few dozen bytes: an anonymous request
# may not make the server parse and validate anything larger.
ANONYMOUS_MAX_BYTES = 1024
AccountLookup = Callable[..., Awaitable[Account | None]]  # (scope, account id, token id)


class _Refused(TokenError):
    """A well-formed token we still refuse (unknown or disabled account, wrong scheme)."""


class _TooLarge(Exception):
    """Raised from inside ``receive`` once a streamed body passes the limit."""


def principal_of(connection: HTTPConnection) -> Principal | None:
    """The principal of a request or websocket (None when anonymous)."""
    return connection.scope.get("state", {}).get("principal")


def home_of_request(connection: HTTPConnection) -> Home | None:
    """The principal's home, when it was read with the account (None: not read)."""
    return connection.scope.get("state", {}).get("home")


def data_version_of_request(connection: HTTPConnection) -> str | None:
    """The graph's data version, when it was read with the account (None: not read)."""
    version: str | None = connection.scope.get("state", {}).get("data_version")
    return version


async def _json(send: Send, status: int, body: dict[str, Any], headers: list[Any]) -> None:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})


def error_body(message: str, code: str) -> dict[str, Any]:
    """The body of a refusal outside GraphQL, shaped as a GraphQL error (so clients read one
    shape)."""
    return {"errors": [{"message": message, "extensions": {"code": code}}]}


def worded_error_body(code: str, zh: str, en: str) -> dict[str, Any]:
    """:func:`error_body` with its words in both languages (``messageZh``, ``messageEn``)."""
    extensions = {"code": code, "messageZh": zh, "messageEn": en}
    return {"errors": [{"message": f"{zh} / {en}", "extensions": extensions}]}


async def app_state_lookup(
    scope: Scope, account_id: str, token_id: str | None = None
) -> Account | None:
    """Load the account through the driver the application keeps in ``app.state``.

    Needs the middleware inside the Starlette app (``Starlette(middleware=...)``), where
    ``scope["app"]`` is set; wrapped around it from outside, pass a ``lookup`` of your own.
    """
    if "app" not in scope:
        raise RuntimeError("add AuthenticationMiddleware with Starlette(middleware=[...])")
    state = scope["app"].state
    reader = getattr(state, "account_reader", None)  # read with the other requests' (grouped)
    if reader is not None:
        account: Account | None = await reader.account(account_id, token_id)
        return account
    session = GraphSession(state.driver, database=state.target.database)
    return await account_by_id(session, account_id=account_id, token_id=token_id)


async def app_state_session(scope: Scope, secret: str) -> Account | None:
    """The account of a live session (graph/access/sessions.py), through ``app.state``."""
    if "app" not in scope:
        raise RuntimeError("add AuthenticationMiddleware with Starlette(middleware=[...])")
    state = scope["app"].state
    session = GraphSession(state.driver, database=state.target.database)
    return await session_of(session, secret=secret, now=datetime.now(UTC))


def _signs_in(path: str) -> bool:
    return path.startswith(("/graphql", "/auth/", "/photos/", "/projects/"))


class AuthenticationMiddleware:
    """Verify ``Authorization: Bearer <token>`` and put the principal on the request state."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        key: bytes,
        lookup: AccountLookup = app_state_lookup,
        session_lookup: AccountLookup = app_state_session,
        origins: frozenset[str] = frozenset(),
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.app = app
        self.session_lookup = session_lookup
        self.origins = origins
        self.anonymous = BodySizeLimitMiddleware(app, max_bytes=ANONYMOUS_MAX_BYTES)
        self.key = key
        self.lookup = lookup
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in {"http", "websocket"}:
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        header = connection.headers.get("authorization")
        principal: Principal | None = None
        home: Home | None = None  # read with the account: the request need not ask again
        version: str | None = None  # the data version, read with the account likewise
        cookie = connection.cookies.get(COOKIE) if header is None else None
        # Only the API and /auth/ need to know who asks: the page's files are the same for all.
        if cookie and scope["type"] == "http" and _signs_in(connection.url.path):
            try:
                account = await self.session_lookup(scope, cookie)
            except GraphUnavailable:
                message = "Neo4j is not answering; try again shortly."
                await self._refuse(scope, send, 503, message, "SERVICE_UNAVAILABLE")
                return
            refusal = self._session_refusal(connection, account)
            if refusal is not None:
                await self._refuse(scope, send, *refusal)
                return
            if account is not None:
                principal, home, version = Principal.of(account), account.home, account.version
                scope = {**scope, "state": {**scope.get("state", {}), "session_account": account}}
        if header is not None:
            try:
                account = await self._account(scope, header)
                principal, home, version = Principal.of(account), account.home, account.version
            except TokenError as exc:
                log.info("refused a request: %s", type(exc).__name__)
                await self._refuse(scope, send, 401, str(exc), "UNAUTHENTICATED")
                return
            except GraphUnavailable:
                message = "Neo4j is not answering; try again shortly."
                await self._refuse(scope, send, 503, message, "SERVICE_UNAVAILABLE")
                return
        # A copy of the state dict: the server may share the original between requests.
        state = {**scope.get("state", {}), "principal": principal, "home": home,
                 "data_version": version}  # fmt: skip
        scope = {**scope, "state": state}
        if principal is None and scope["type"] == "http":
            if len(scope.get("query_string", b"")) > ANONYMOUS_MAX_BYTES:
                message = f"Without a token a request may hold at most {ANONYMOUS_MAX_BYTES} bytes."
                await _json(send, 413, error_body(message, "PAYLOAD_TOO_LARGE"), [])
                return
            await self.anonymous(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _session_refusal(
        self, connection: HTTPConnection, account: Account | None
    ) -> tuple[int, str, str] | None:
        """Why a request signed in by its cookie is refused (None: it is not)."""
        path = connection.url.path
        if account is None or account.disabled or not account.role_held:
            if path.startswith("/auth/"):
                return None  # anonymous: a stale cookie must not keep anyone from signing in
            return 401, "请重新登录。 Your session has ended: sign in again.", "UNAUTHENTICATED"
        unsafe = connection.scope.get("method", "GET") not in {"GET", "HEAD", "OPTIONS"}
        if unsafe and not same_origin(connection, self.origins):
            return (
                403,
                "不接受来自其他网站的请求。 A request from another site.",
                "CROSS_SITE_REQUEST",
            )
        if account.must_change_password and path.startswith("/graphql"):
            return (
                403,
                "请先修改初始密码。 Change your initial password first.",
                "PASSWORD_CHANGE_REQUIRED",
            )
        return None

    async def _account(self, scope: Scope, header: str) -> Account:
        scheme, _, token = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _Refused("Use an Authorization header of the form 'Bearer <token>'.")
        claims = verify_token(token.strip(), key=self.key, now=self.clock())
        account = await self.lookup(scope, claims.account_id, claims.token_id)
        if account is None or account.disabled:
            raise _Refused(
                "The account of this token is unknown or disabled, or the token was revoked."
            )
        if not account.role_held:
            raise _Refused(
                "The role this account stands for has ended (or its person left): ask the "
                "committee for a new account. 此账号对应的职务已结束，请联系居委会。"
            )
        return account

    async def _refuse(self, scope: Scope, send: Send, status: int, message: str, code: str) -> None:
        if scope["type"] == "websocket":
            # Closing before accepting makes the server answer the handshake with 403.
            await send({"type": "websocket.close", "code": 1008})
            return
        headers = [(b"www-authenticate", b'Bearer error="invalid_token"')] if status == 401 else []
        if status == 401 and COOKIE in HTTPConnection(scope).cookies:
            headers.append(
                (b"set-cookie", f"{COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict".encode())
            )
        await _json(send, status, error_body(message, code), headers)


class BodySizeLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` with 413, declared or streamed (chunked)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_bytes: int = MAX_BODY_BYTES,
        larger: Callable[[str], tuple[int, dict[str, Any]] | None] | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        # Paths with limits of their own (a photo upload): the limit, and the refusal's body.
        self.larger = larger or (lambda path: None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        own = self.larger(scope.get("path", ""))
        limit, refusal = own if own is not None else (self.max_bytes, None)
        declared = HTTPConnection(scope).headers.get("content-length")
        if declared is not None:
            if not declared.isdigit():
                await _json(send, 400, error_body("Bad Content-Length.", "BAD_REQUEST"), [])
                return
            if int(declared) > limit:
                await self._too_large(send, limit, refusal)
                return
        received = 0
        over = started = answered = False

        async def counting_receive() -> Message:
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    over = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started, answered
            if over and not started:
                # Whatever the app answers to the exception (an error middleware inside us may
                # send a 500 before re-raising), the client hears 413.
                if not answered:
                    answered = True
                    await self._too_large(send, limit, refusal)
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except _TooLarge:
            if started:
                raise
            if not answered:
                await self._too_large(send, limit, refusal)

    async def _too_large(self, send: Send, limit: int, refusal: dict[str, Any] | None) -> None:
        message = f"The request body is larger than {limit} bytes."
        await _json(send, 413, refusal or error_body(message, "PAYLOAD_TOO_LARGE"), [])


def cors_origins(env: Mapping[str, str] = os.environ) -> list[str]:
    """``LOUZHI_CORS_ORIGINS`` as a list of origins; ``*`` and malformed origins are refused."""
    origins = [o.strip().rstrip("/") for o in env.get("LOUZHI_CORS_ORIGINS", "").split(",")]
    origins = [o for o in origins if o]
    for origin in origins:
        parts = urlsplit(origin)
        if (
            parts.scheme not in {"http", "https"}
            or not parts.hostname
            or parts.path
            or parts.query
            or parts.fragment
        ):
            raise ValueError(
                f"LOUZHI_CORS_ORIGINS: {origin!r} is not an origin like https://example.org "
                "(a wildcard is not allowed: name each origin)"
            )
    return origins


def cors_middleware(env: Mapping[str, str] = os.environ) -> Middleware | None:
    """CORS for the configured origins only; None (no CORS headers at all) when none are."""
    origins = cors_origins(env)
    if not origins:
        return None
    return Middleware(
        CORSMiddleware,
        allow_origins=origins,
        allow_methods=["GET", "POST"],
        allow_headers=["authorization", "content-type"],
        allow_credentials=False,  # bearer tokens, not cookies
        max_age=600,
    )


def _photo_upload_limit(path: str) -> tuple[int, dict[str, Any]] | None:
    """A photo upload may be larger than any other request, up to the photo limit; a larger one
    hears why in the photo's words (PHOTO_TOO_LARGE, as server/photos.py says it)."""
    if not (path.startswith("/projects/") and path.endswith("/photos")):
        return None
    limit = max_photo_bytes()
    refused = too_large(limit)
    return limit, worded_error_body(refused.code, refused.message_zh, refused.message)


def security_middleware(
    *, key: bytes, env: Mapping[str, str] = os.environ, max_bytes: int = MAX_BODY_BYTES
) -> list[Middleware]:
    """The middleware list for ``Starlette(middleware=...)``, outermost first."""
    cors = cors_middleware(env)
    return [
        *([cors] if cors is not None else []),
        Middleware(BodySizeLimitMiddleware, max_bytes=max_bytes, larger=_photo_upload_limit),
        Middleware(AuthenticationMiddleware, key=key, origins=frozenset(cors_origins(env))),
    ]
