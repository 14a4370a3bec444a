"""People sign in: ``/auth/signin``, ``/auth/signout``, ``/auth/password``.

The page posts JSON and gets a session cookie (:data:`COOKIE`): an opaque secret, ``HttpOnly``
(no script can read it), ``SameSite=Strict`` (no other site's page sends it), ``Path=/``, and
``Secure`` whenever the service is not on loopback. The session itself lives in the graph
(graph/access/sessions.py). Against cross-site requests, every request that a cookie signs in
and that may change something (any method but GET, HEAD, OPTIONS), and every post to
``/auth/``, must come from the service's own origin or a configured one (``Origin``, else
``Sec-Fetch-Site: same-origin``): see :func:`same_origin`. No CSRF token is needed besides:
browsers send ``Origin`` on every cross-origin POST, and strawberry runs no mutation over GET.

Every sign-in, failure and sign-out is audited (kind ``access``; ids only, never a password or
a secret).

    POST /auth/signin   {"account": "demo-committee", "password": "…"}
      200 {"account": …, "role": …, "mustChangePassword": false}  + Set-Cookie
      401 BAD_CREDENTIALS · 429 TOO_MANY_ATTEMPTS (Retry-After) · 403 DEMO_PASSWORD
    GET  /auth/me       200 {"account": …} of the cookie's session, or {"account": null}
    POST /auth/code     {"code": "12345678"}: a one-time code (graph/access/signin_codes.py)
      gives a long ``device`` session, as a phone needs; 401 BAD_CREDENTIALS when wrong, used
      or expired · 429 when this address guessed too often
    POST /auth/signout  200, the cookie cleared, the session ended
    POST /auth/password {"current": "…", "new": "…"}  200 + a new cookie; every other
      session of the account ends
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from graph.access import audit
from graph.access.accounts import Account
from graph.access.session import GraphSession
from graph.access.sessions import KINDS, end_session
from graph.access.signin import Refused, SignedIn, change_password, sign_in, sign_in_with_code
from graph.errors import ChangeError

__all__ = ["COOKIE", "auth_routes", "same_origin"]

log = logging.getLogger("louzhi.server")

COOKIE = "louzhi_session"
MAX_FIELD = 256
_STATUS = {"BAD_CREDENTIALS": 401, "TOO_MANY_ATTEMPTS": 429, "DEMO_PASSWORD": 403}


def same_origin(connection: HTTPConnection, allowed: frozenset[str]) -> bool:
    """Whether a request comes from the service's own page (or an origin in ``allowed``)."""
    origin = connection.headers.get("origin")
    if origin is None:
        return connection.headers.get("sec-fetch-site") == "same-origin"
    own = f"{connection.url.scheme}://{connection.headers.get('host', '')}"
    return origin.rstrip("/") in allowed | {own}


def _error(status: int, code: str, message: str, **headers: str) -> JSONResponse:
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return JSONResponse(body, status_code=status, headers=headers or None)


async def _fields(request: Request, *names: str) -> dict[str, str] | JSONResponse:
    try:
        body = json.loads(await request.body())
    except (UnicodeDecodeError, ValueError):
        body = None
    if not isinstance(body, dict) or not all(
        isinstance(body.get(n), str) and 0 < len(body[n]) <= MAX_FIELD for n in names
    ):
        return _error(
            400, "BAD_REQUEST", f"请提供 {', '.join(names)}。 Send JSON with {', '.join(names)}."
        )
    return {n: body[n] for n in names}


def _db(request: Request) -> GraphSession:
    state = request.app.state
    return GraphSession(state.driver, database=state.target.database)


async def _audit(request: Request, operation: str, account: str | None, ok: bool) -> None:
    entry = audit.AuditEntry(
        at=datetime.now(UTC),
        account_id=account if account is not None and audit.is_id(account) else None,
        role=None,
        operation=operation,
        kind="access",
        ok=ok,
    )
    await audit.record(_db(request), entry=entry)


def _signed_in(request: Request, done: SignedIn, kind: str = "browser") -> JSONResponse:
    response = JSONResponse(_me(done.account))
    response.set_cookie(
        COOKIE,
        done.secret,
        max_age=int(KINDS[kind].absolute.total_seconds()),
        path="/",
        httponly=True,
        samesite="strict",
        secure=not request.app.state.loopback,
    )
    return response


def _me(account: Account) -> dict[str, Any]:
    return {
        "account": account.id,
        "role": account.role,
        "mustChangePassword": account.must_change_password,
    }


def _refused(done: Refused) -> JSONResponse:
    headers = {"retry-after": str(done.retry_after)} if done.retry_after else {}
    return _error(_STATUS[done.code], done.code, done.message, **headers)


def _cross_site(request: Request) -> JSONResponse | None:
    if same_origin(request, request.app.state.origins):
        return None
    return _error(
        403, "CROSS_SITE_REQUEST", "请从本站页面登录。 Sign in from this service's own page."
    )


async def signin(request: Request) -> Response:
    if (refusal := _cross_site(request)) is not None:
        return refusal
    fields = await _fields(request, "account", "password")
    if isinstance(fields, JSONResponse):
        return fields
    address = request.client.host if request.client else "unknown"
    done = await sign_in(
        _db(request),
        account_id=fields["account"],
        password=fields["password"],
        address=address,
        now=datetime.now(UTC),
        loopback=request.app.state.loopback,
    )
    await _audit(request, "signIn", fields["account"], isinstance(done, SignedIn))
    if isinstance(done, Refused):
        return _refused(done)
    return _signed_in(request, done)


async def code(request: Request) -> Response:
    """A phone signs in with a one-time code (digits typed, or the QR code's address)."""
    if (refusal := _cross_site(request)) is not None:
        return refusal
    fields = await _fields(request, "code")
    if isinstance(fields, JSONResponse):
        return fields
    address = request.client.host if request.client else "unknown"
    done = await sign_in_with_code(
        _db(request), code=fields["code"], address=address, now=datetime.now(UTC)
    )
    account = done.account.id if isinstance(done, SignedIn) else None
    await _audit(request, "signInWithCode", account, isinstance(done, SignedIn))
    if isinstance(done, Refused):
        return _refused(done)
    return _signed_in(request, done, kind="device")


async def signout(request: Request) -> Response:
    if (refusal := _cross_site(request)) is not None:
        return refusal
    ended = await end_session(_db(request), secret=request.cookies.get(COOKIE, ""))
    if ended is not None:
        await _audit(request, "signOut", ended, True)
    response = JSONResponse({"signedOut": ended is not None})
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response


async def password(request: Request) -> Response:
    if (refusal := _cross_site(request)) is not None:
        return refusal
    account: Account | None = request.scope.get("state", {}).get("session_account")
    if account is None:
        return _error(401, "UNAUTHENTICATED", "请先登录。 Sign in first.")
    fields = await _fields(request, "current", "new")
    if isinstance(fields, JSONResponse):
        return fields
    done = await change_password(
        _db(request), account=account, current=fields["current"], new=fields["new"],
        now=datetime.now(UTC),
    )  # fmt: skip
    await _audit(request, "changePassword", account.id, isinstance(done, SignedIn))
    if isinstance(done, Refused):
        return _refused(done)
    if isinstance(done, ChangeError):
        return _error(400, done.code, f"{done.message_zh} {done.message}")
    return _signed_in(request, SignedIn(_changed(done.account), done.secret))


def _changed(account: Account) -> Account:
    return replace(account, must_change_password=False, demo_password=False)


async def me(request: Request) -> Response:
    """Who this browser's session is of (``{"account": null}`` when none): the page cannot read
    its HttpOnly cookie, so it asks."""
    account: Account | None = request.scope.get("state", {}).get("session_account")
    return JSONResponse(_me(account) if account is not None else {"account": None})


def auth_routes() -> list[Route]:
    return [
        Route("/auth/me", me, methods=["GET"]),
        Route("/auth/signin", signin, methods=["POST"]),
        Route("/auth/code", code, methods=["POST"]),
        Route("/auth/signout", signout, methods=["POST"]),
        Route("/auth/password", password, methods=["POST"]),
    ]
