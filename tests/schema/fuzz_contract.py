"""What ``test_fuzz`` asks of every response, and the wrapper that keeps what crashed.

Every response must be a 4xx, or JSON with ``data`` and/or ``errors`` where each error has a
known ``extensions.code``, is never INTERNAL_SERVER_ERROR (a resolver crashed on some input) and
leaks no traceback, driver or Cypher detail.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from hypothesis import currently_in_test_context, event
from starlette.testclient import TestClient
from starlette.types import ASGIApp, Receive, Scope, Send

from tests.schema.fuzz_strategies import SCHEMA

# The codes schema/errors.py gives out; the depth, alias and token limiters add none of their
# own (their rejections are validation or syntax errors); the cost limit and the guards do.
KNOWN_CODES = {
    "GRAPHQL_VALIDATION_FAILED",
    "COST_LIMIT_EXCEEDED",
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "BAD_USER_INPUT",
    "NOT_FOUND",
    "SERVICE_UNAVAILABLE",
    "INTERNAL_SERVER_ERROR",
}
LEAKS = ("Traceback", "neo4j", "Cypher", 'File "')
# A Python exception class in a message means an exception's text reached the client. Schema
# type names (UserError…) may appear in validation messages and are not leaks.
EXCEPTION_NAME = re.compile(r"\b[A-Z][A-Za-z0-9_]*(?:Error|Exception|Warning)\b")
SCHEMA_NAMES = set(SCHEMA.type_map)


class Witness:
    """Wraps the app to keep what crashed, so a failing property says why, not only that."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.crashes: list[BaseException] = []
        self.logged: list[logging.LogRecord] = []
        self.http: TestClient  # set by the fixture, around the app's lifespan

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.app(scope, receive, send)
        except Exception as exc:
            self.crashes.append(exc)
            raise

    def cause(self) -> str:
        """What went wrong since ``forget`` (called before each request)."""
        found = [repr(e) for e in self.crashes]
        found += [f"{r.getMessage()}: {r.exc_info[1]!r}" for r in self.logged if r.exc_info]
        return "; ".join(found) or "no exception recorded"

    def forget(self) -> None:
        self.crashes.clear()
        self.logged.clear()


class KeepErrors(logging.Handler):
    def __init__(self, witness: Witness) -> None:
        super().__init__(level=logging.ERROR)
        self.witness = witness

    def emit(self, record: logging.LogRecord) -> None:
        self.witness.logged.append(record)


def post(server: Witness, body: Any) -> tuple[Any, str]:
    """POST a JSON body, escaping non-ASCII so any Python string can be sent."""
    text = json.dumps(body)
    server.forget()
    response = server.http.post(
        "/graphql", content=text, headers={"content-type": "application/json"}
    )
    return response, text


def check(response: Any, request: str, witness: Witness) -> dict[str, Any] | None:
    """The contract for any response; returns the JSON body of a 2xx, None for a 4xx."""
    where = f"request: {request[:2000]}"
    assert response.status_code < 500, (
        f"{response.status_code} {response.text[:300]}; cause: {witness.cause()}; {where}"
    )
    if response.status_code >= 400:
        _no_leak(response.text, request, where)
        _tally(f"HTTP {response.status_code}")
        return None
    assert response.status_code == 200, where
    body = response.json()
    assert isinstance(body, dict) and ("data" in body or "errors" in body), where
    assert set(body) <= {"data", "errors", "extensions"}, where
    if "errors" not in body:
        assert isinstance(body["data"], dict), where
    for error in body.get("errors", []):
        message = error["message"]
        assert isinstance(message, str), where
        _no_leak(message, request, where)
        extensions = error.get("extensions") or {}
        assert message in (extensions.get("zh"), extensions.get("en")), f"{error}; {where}"
        assert re.search(r"[\u4e00-\u9fff]", extensions["zh"]), f"no Chinese: {error}; {where}"
        _no_leak(extensions["en"], request, where)
        code = extensions.get("code")
        assert code in KNOWN_CODES, f"{error}; {where}"
        assert code != "INTERNAL_SERVER_ERROR", f"{error}; cause: {witness.cause()}; {where}"
    _tally(f"errors {sorted(codes_of(body))}" if body.get("errors") else "data")
    return body


def _tally(outcome: str) -> None:
    """Count outcomes, for --hypothesis-show-statistics to show the mix a property reached."""
    if currently_in_test_context():
        event(outcome)


def _no_leak(text: str, request: str, where: str) -> None:
    # Messages may echo the request (an unknown code, a bad value): only what it did not
    # contain counts as a leak.
    for marker in LEAKS:
        assert marker not in text or marker in request, f"{marker!r} in {text[:500]}; {where}"
    for name in EXCEPTION_NAME.findall(text):
        assert name in SCHEMA_NAMES or name in request, f"{name} in {text[:500]}; {where}"


def codes_of(body: dict[str, Any] | None) -> set[str]:
    return {e.get("extensions", {}).get("code", "") for e in (body or {}).get("errors", [])}
