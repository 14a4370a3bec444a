"""Sign-in sessions of people, kept in the graph so that every worker shares them.

    (:Session {id, accountId, kind, createdAt, seenAt, expiresAt, idleSeconds})

The browser holds an opaque random secret (256 bits) in a cookie; the graph holds only its
SHA-256 (``id``), so a copy of the database does not sign anyone in. A session ends at
``expiresAt`` (its absolute lifetime), after ``idleSeconds`` without a request, at sign-out, and
when its account is disabled or its password changes. ``seenAt`` is written at most once a
minute (:data:`TOUCH_EVERY`), not on every request.

Example::

    secret = await start_session(db, account_id="demo-committee", kind="browser", now=now)
    account = await session_of(db, secret=secret, now=now)   # Account, or None
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from graph.access.accounts import ACCOUNT_FIELDS, Account, account_from, role_params
from graph.access.home import home_clauses
from graph.access.session import GraphSession
from graph.store.data_version import MATCH_VERSION, VERSION_OF

__all__ = [
    "KINDS",
    "TOUCH_EVERY",
    "Lifetime",
    "LiveSession",
    "end_account_sessions",
    "end_session",
    "end_session_by_id",
    "secret_hash",
    "session_of",
    "session_owner",
    "sessions_of",
    "start_session",
]


@dataclass(frozen=True)
class Lifetime:
    idle: timedelta
    absolute: timedelta


# A browser at a desk signs in every working day; a floor chief's phone, once.
KINDS: dict[str, Lifetime] = {
    "browser": Lifetime(idle=timedelta(hours=2), absolute=timedelta(hours=12)),
    "device": Lifetime(idle=timedelta(days=30), absolute=timedelta(days=180)),
}
TOUCH_EVERY = timedelta(minutes=1)
MAX_SECRET_CHARS = 128

START = """
    CREATE (:Session {id: $id, accountId: $account, kind: $kind, createdAt: $now, seenAt: $now,
                      expiresAt: $expires, idleSeconds: $idle})"""


# A session lives until its absolute end, and while it is used within its idle time.
def _live(v: str) -> str:
    return f"{v}.expiresAt > $now AND {v}.seenAt + duration({{seconds: {v}.idleSeconds}}) > $now"


# The request path: the live session of a secret and its account, in one read (``ses``: the
# account's fields use ``s`` for a role).
FIND = f"""
    MATCH (ses:Session {{id: $id}}) WHERE {_live("ses")}
    MATCH (a:Account {{id: ses.accountId}})
    {home_clauses("a.scope", "a", "ses")}
    {MATCH_VERSION}
    RETURN ses.seenAt AS seenAt, {ACCOUNT_FIELDS}, home, above, {VERSION_OF} AS version"""
TOUCH = "MATCH (s:Session {id: $id}) SET s.seenAt = $now"
END = "MATCH (s:Session {id: $id}) WITH s, s.accountId AS accountId DELETE s RETURN accountId"
# The live sessions of some accounts (the administrator's page), newest first.
OF_ACCOUNTS = f"""
    UNWIND $accounts AS account
    MATCH (s:Session {{accountId: account}}) WHERE {_live("s")}
    RETURN s {{.id, .accountId, .kind, .createdAt, .seenAt, .expiresAt}} AS s
    ORDER BY s.seenAt DESC"""
END_ACCOUNT = "MATCH (s:Session {accountId: $account}) DELETE s RETURN count(*) AS ended"


def secret_hash(secret: str) -> str:
    """What the graph keeps of a session's secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


async def _write(db: GraphSession, query: str, **params: Any) -> list[dict[str, Any]]:
    return await db.write_rows(query, params, data=False)  # sessions are not data


async def start_session(db: GraphSession, *, account_id: str, kind: str, now: datetime) -> str:
    """A new session of ``account_id``; returns the secret for the cookie (shown only here)."""
    life = KINDS[kind]
    secret = secrets.token_urlsafe(32)
    await _write(
        db,
        START,
        id=secret_hash(secret),
        account=account_id,
        kind=kind,
        now=now,
        expires=now + life.absolute,
        idle=int(life.idle.total_seconds()),
    )
    return secret


async def session_of(db: GraphSession, *, secret: str, now: datetime) -> Account | None:
    """The account of the live session of ``secret`` (None when the session is unknown, ended
    or timed out); its ``seenAt`` is moved forward when older than :data:`TOUCH_EVERY`."""
    if not secret or len(secret) > MAX_SECRET_CHARS:
        return None
    sid = secret_hash(secret)
    rows = await db.read(FIND, id=sid, now=now, **role_params())
    if not rows:
        return None
    if now - rows[0]["seenAt"] >= TOUCH_EVERY:
        await _write(db, TOUCH, id=sid, now=now)
    return account_from(rows[0])


async def end_session(db: GraphSession, *, secret: str) -> str | None:
    """End the session of ``secret``; the account it was of (None if there was none)."""
    if not secret or len(secret) > MAX_SECRET_CHARS:
        return None
    return await end_session_by_id(db, session_id=secret_hash(secret))


@dataclass(frozen=True)
class LiveSession:
    id: str  # the secret's hash: names the session, cannot sign anyone in
    account_id: str
    kind: str
    created_at: datetime
    seen_at: datetime
    expires_at: datetime


async def sessions_of(
    db: GraphSession, *, account_ids: list[str], now: datetime
) -> list[LiveSession]:
    rows = await db.read(OF_ACCOUNTS, accounts=account_ids, now=now)
    found = [row["s"] for row in rows]
    return [
        LiveSession(r["id"], r["accountId"], r["kind"], r["createdAt"], r["seenAt"], r["expiresAt"])
        for r in found
    ]


async def session_owner(db: GraphSession, *, session_id: str) -> str | None:
    """The account a session (named by its id) is of."""
    rows = await db.read("MATCH (s:Session {id: $id}) RETURN s.accountId AS a", id=session_id)
    return rows[0]["a"] if rows else None


async def end_session_by_id(db: GraphSession, *, session_id: str) -> str | None:
    """End a session named by its id (from the administrator's page); its account, if any."""
    rows = await _write(db, END, id=session_id)
    return rows[0]["accountId"] if rows else None


async def end_account_sessions(db: GraphSession, *, account_id: str) -> int:
    """End every session of ``account_id``; how many there were."""
    rows = await _write(db, END_ACCOUNT, account=account_id)
    return int(rows[0]["ended"]) if rows else 0
